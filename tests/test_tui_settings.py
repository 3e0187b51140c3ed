"""The editor reads the project's lint settings (designer.toml, or [tool.designer] in pyproject.toml) as the CLI does:
its live findings, its export's list of missing fields and its catalogue findings are `designer lint`'s and
`designer export`'s for the same file; a config file it cannot use is named in a message, never a traceback."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from test_tui import SIZE, VAGUE_LO2, answer_prompt, editor_of, lint_exit_code, press_save, settle, write
from test_tui_export import _palette

from designer.cli import main as designer_main
from designer.tui.app import make_app
from designer.tui.catalogue import CatalogueChoices
from designer.tui.screens.choice import ChoiceScreen
from designer.tui.screens.start import StartScreen
from designer.tui.state import EditorState, SettingsError

# VAGUE_LO2 opens LO2 with "Understand": OW002, a warning, so the design still exports without --draft.
# For ELM it lacks a course page (EX001), an ISCED-F field (EX002) and a learning setting (EX006).
IGNORED = 'ignore = ["OW002", "EX001"]\n'
LINT_CODE = re.compile(r":\d+:\d+: ([A-Z]{2}\d{3}) ")


def project(folder: Path, config: str | None, design: str = VAGUE_LO2) -> Path:
    """A design in `folder`, with a designer.toml beside it holding `config` (none when None)."""
    folder.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (folder / "designer.toml").write_text(config, encoding="utf-8")
    return write(folder, design)


def lint_codes(path: Path) -> list[str]:
    """The codes `designer lint FILE` prints, in its order."""
    _, out = lint_exit_code(path)
    return LINT_CODE.findall(out)


def export_codes_printed(path: Path, out: Path) -> list[str]:
    """The EX codes `designer export FILE --format elm` names on stderr (the fields the document lacks)."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = designer_main(["export", str(path), "--format", "elm", "-o", str(out)])
    assert code == 0, err.getvalue()
    return [c for c in LINT_CODE.findall(err.getvalue()) if c.startswith("EX")]


def test_the_editors_checks_are_designer_lints_under_the_projects_settings(tmp_path: Path) -> None:
    plain = project(tmp_path / "plain", None)
    configured = project(tmp_path / "project", IGNORED)
    unconfigured = [f.code for f in EditorState.open(plain).validate().result.findings]
    assert "OW002" in unconfigured
    assert unconfigured == lint_codes(plain)
    found = [f.code for f in EditorState.open(configured).validate().result.findings]
    assert "OW002" not in found
    assert found == lint_codes(configured)


def test_a_select_in_pyproject_is_honoured_as_lint_honours_it(tmp_path: Path) -> None:
    folder = tmp_path / "faculty"
    path = project(folder / "courses", None)
    (folder / "pyproject.toml").write_text('[tool.designer]\nselect = ["EX"]\n', encoding="utf-8")
    found = [f.code for f in EditorState.open(path).validate().result.findings]
    # Only the selected family: the export readiness rules (opt-in, so named here), not the wording warning.
    assert found and all(code.startswith("EX") for code in found)
    assert found == lint_codes(path)


def test_save_as_into_another_project_checks_with_that_projects_settings(tmp_path: Path) -> None:
    state = EditorState.open(project(tmp_path / "plain", None))
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "designer.toml").write_text(IGNORED, encoding="utf-8")
    assert state.save_as(tmp_path / "project" / "course.yaml") is None
    assert "OW002" not in [f.code for f in state.validate().result.findings]


def test_catalogue_findings_follow_the_catalogues_settings(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "sample_courses", catalogue)
    design = catalogue / "eprocurement-erp-purchase-to-pay.yaml"

    def cycle_found() -> list[str]:
        state = EditorState.open(design)
        # PTG-DTP-1 is needed already; PTG-SPA-1 needs this course: a prerequisite cycle (CT006).
        state.set(("course", "prerequisite_courses"), ["PTG-DTP-1", "PTG-SPA-1"])
        return [f.code for f in state.validate().result.findings if f.code.startswith("CT")]

    assert cycle_found() == ["CT006"]
    (catalogue / "designer.toml").write_text('ignore = ["CT006"]\n', encoding="utf-8")
    assert cycle_found() == []


async def test_export_names_only_what_the_configured_lint_names(tmp_path: Path) -> None:
    plain = project(tmp_path / "plain", None)
    configured = project(tmp_path / "project", IGNORED)
    shown: dict[Path, str] = {}
    for path in (plain, configured):
        app = make_app(path, recovery_interval=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            live = [f.code for f in editor_of(app).state.findings()]
            assert live == lint_codes(path)
            _palette(app, "Export ELM (Europass)")
            await pilot.pause()
            (shown[path],) = [n.message for n in app._notifications if "written" in n.message]
    cli = {path: export_codes_printed(path, path.parent / "cli.elm.jsonld") for path in (plain, configured)}
    assert cli[plain] == ["EX001", "EX002", "EX006"]
    assert cli[configured] == ["EX002", "EX006"]
    for path in (plain, configured):
        assert re.findall(r"^(EX\d{3}) ", shown[path], re.MULTILINE) == cli[path], shown[path]


NOT_TOML = 'ignore = ["OW002"\n'
BROKEN = [
    pytest.param(NOT_TOML, "not valid TOML", id="not-toml"),
    pytest.param('ignor = ["OW002"]\n', "unknown setting(s) ignor", id="unknown-setting"),
    pytest.param('framework = "atlantis"\n', "framework: unknown framework 'atlantis'", id="unknown-framework"),
]


@pytest.mark.parametrize(("config", "problem"), BROKEN)
def test_settings_that_cannot_be_used_are_named_when_the_design_is_opened(
    tmp_path: Path, config: str, problem: str
) -> None:
    assert EditorState.open(project(tmp_path / "good", IGNORED)).settings.ignore == ["OW002", "EX001"]
    broken = project(tmp_path / "broken", config)
    with pytest.raises(SettingsError) as raised:
        EditorState.open(broken)
    message = str(raised.value)
    assert message.startswith(f"{(tmp_path / 'broken' / 'designer.toml').resolve()}: ")
    assert problem in message


@pytest.mark.parametrize(("config", "problem"), BROKEN)
async def test_the_editor_says_which_config_file_it_cannot_use(tmp_path: Path, config: str, problem: str) -> None:
    good = project(tmp_path / "good", IGNORED)
    broken = project(tmp_path / "broken", config)
    app = make_app(good, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert editor_of(app).state.path == good
        app.open_path(broken)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        question = app.screen.question
        assert f"Cannot open {broken}" in question
        assert str((tmp_path / "broken" / "designer.toml").resolve()) in question
        assert problem in question
        assert "Traceback" not in question
        await pilot.click("#choice-ok")
        await pilot.pause()
        assert app.is_running
        assert app.editor is not None and app.editor.state.path == good


async def test_designer_edit_on_a_design_under_a_broken_config_says_so(tmp_path: Path) -> None:
    broken = project(tmp_path / "broken", NOT_TOML)
    app = make_app(broken, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "designer.toml: not valid TOML" in app.screen.question
        await pilot.click("#choice-ok")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_the_start_screen_says_why_a_catalogue_under_a_broken_config_is_not_listed(tmp_path: Path) -> None:
    from test_tui import listed, start_rows

    clean = tmp_path / "clean"
    shutil.copytree(ROOT / "sample_courses", clean)
    (clean / "designer.toml").write_text('ignore = ["CT006"]\n', encoding="utf-8")
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "sample_courses", broken)
    (broken / "designer.toml").write_text(NOT_TOML, encoding="utf-8")
    for folder, fine in ((clean, True), (broken, False)):
        app = make_app(folder, recovery_interval=0)
        async with app.run_test(size=SIZE) as pilot:
            await listed(pilot)
            shown = "\n".join(prompt for _, prompt in start_rows(app))
        assert ("✓ clean" in shown) is fine, shown
        if not fine:
            assert f"{(broken / 'designer.toml').resolve()}: not valid TOML" in shown.replace("\n", " "), shown
            assert "Error" not in shown, shown  # no exception class name reaches the user


# Save as, and the catalogue around the design, under the settings of the folder it is in

P2P = "eprocurement-erp-purchase-to-pay.yaml"  # PTG-P2P-1, needs PTG-DTP-1
SPA = "spend-analytics.yaml"  # PTG-SPA-1, needs PTG-P2P-1
P2P_NEEDS = "  prerequisite_courses: [PTG-DTP-1]\n"


def codes(state: EditorState) -> list[str]:
    return [f.code for f in state.validate().result.findings]


def sample_catalogue(folder: Path, cycle: bool = True) -> Path:
    """A copy of the sample catalogue in `folder`; its P2P design (returned) also needs PTG-SPA-1 when `cycle`,
    which needs PTG-P2P-1: a prerequisite cycle (CT006) that only a catalogue check finds."""
    shutil.copytree(ROOT / "sample_courses", folder)
    design = folder / P2P
    if cycle:
        text = design.read_text(encoding="utf-8")
        assert P2P_NEEDS in text
        design.write_text(text.replace(P2P_NEEDS, "  prerequisite_courses: [PTG-DTP-1, PTG-SPA-1]\n"), encoding="utf-8")
    return design


def folder_lint(folder: Path) -> dict[str, list[str]]:
    """The codes `designer lint FOLDER` prints, by file as it names them, in its order."""
    _, out = lint_exit_code(folder)
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        match = re.match(r"(.+):\d+:\d+: ([A-Z]{2}\d{3}) ", line)
        if match:
            found.setdefault(match[1], []).append(match[2])
    return found


def tight_framework(folder: Path, max_file_bytes: int) -> None:
    """A designer.toml in `folder` whose framework is the EU one, reading files of up to `max_file_bytes` only."""
    (folder / "tight.yaml").write_text(
        f"id: tight\nextends: eu\nname: EU, small files\nlimits:\n  max_file_bytes: {max_file_bytes}\n",
        encoding="utf-8",
    )
    (folder / "designer.toml").write_text('framework = "tight.yaml"\n', encoding="utf-8")


def pad(path: Path, size: int) -> None:
    """Grow the file past `size` bytes with a comment: the same YAML, a larger file."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# padding\n" * (size // 10 + 1))
    assert path.stat().st_size > size


async def test_save_as_into_a_folder_whose_settings_cannot_be_used_says_so_and_keeps_the_settings(
    tmp_path: Path,
) -> None:
    design = project(tmp_path / "plain", None)
    configured = tmp_path / "project"
    configured.mkdir()
    (configured / "designer.toml").write_text(IGNORED, encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "designer.toml").write_text(NOT_TOML, encoding="utf-8")
    app = make_app(design, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        state = editor_of(app).state
        assert "OW002" in [f.code for f in state.findings()]

        def notices() -> list[str]:
            return [n.message for n in app._notifications if n.title == "Lint settings not read"]

        for folder in (configured, broken):
            await press_save(pilot, "f12")
            await answer_prompt(pilot, app, str(folder / "course.yaml"))
            await settle(pilot, app)
            assert state.path == folder / "course.yaml"
            assert (folder / "course.yaml").read_text(encoding="utf-8") == state.text()
            if folder == configured:
                assert notices() == []
                assert [f.code for f in state.findings()] == lint_codes(configured / "course.yaml")
        (notice,) = notices()
        assert str((broken / "designer.toml").resolve()) in notice
        assert "not valid TOML" in notice
        assert "Traceback" not in notice
        # The project's settings still apply, not the defaults: OW002 stays ignored.
        found = [f.code for f in state.findings()]
        assert "OW002" not in found
        assert found == lint_codes(configured / "course.yaml")


def test_a_design_the_settings_exclude_is_no_part_of_the_catalogue_the_editor_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = tmp_path / "catalogue"
    design = sample_catalogue(catalogue, cycle=False)
    (catalogue / "drafts").mkdir()
    shutil.copy(design, catalogue / "drafts" / "p2p-draft.yaml")  # the same course code: CT001 when it counts
    found = codes(EditorState.open(design))
    assert found == ["CT001"]
    assert found == folder_lint(catalogue)[str(design)]
    # README's example: a path from the config file's folder, whatever the linted folder is called.
    (catalogue / "designer.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    assert codes(EditorState.open(design)) == []
    assert str(design) not in folder_lint(catalogue)
    monkeypatch.chdir(tmp_path)
    assert folder_lint(Path("catalogue")) == {}  # the folder named from elsewhere: the same files left out


def test_the_other_designs_of_the_catalogue_are_read_under_the_configured_framework(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    design = sample_catalogue(catalogue)
    spa = catalogue / SPA
    # catalogue.yaml and every design but PTG-SPA-1's are within the configured framework's file size.
    limit = max(path.stat().st_size for path in catalogue.iterdir() if path != spa)
    pad(spa, limit)

    def checked() -> tuple[list[str], list[str]]:
        state = EditorState.open(design)
        found = codes(state)
        assert state.catalogue_choices is not None
        return found, [course.code for course in state.catalogue_choices.courses]

    found, offered = checked()
    assert "CT006" in found and "PTG-SPA-1" in offered
    assert found == folder_lint(catalogue)[str(design)]
    tight_framework(tmp_path, limit)
    found, offered = checked()
    # PTG-SPA-1's file is too large to read: no course to offer, and no cycle through it to find.
    assert "PTG-SPA-1" not in offered and "PTG-DTP-1" in offered
    assert "CT006" not in found
    linted = folder_lint(catalogue)
    assert str(spa) in linted  # lint says why it is not read
    assert found == linted.get(str(design), [])


def test_save_as_under_another_config_in_the_same_catalogue_checks_the_catalogue_with_it(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    design = sample_catalogue(catalogue)
    state = EditorState.open(design)
    before = codes(state)
    assert "CT006" in before and before == lint_codes(design)
    session = state.catalogue
    assert session is not None
    (catalogue / "sub").mkdir()
    (catalogue / "sub" / "designer.toml").write_text('ignore = ["CT006"]\n', encoding="utf-8")
    moved = catalogue / "sub" / P2P
    assert state.save_as(moved) is None
    design.unlink()  # moved, not copied: a second PTG-P2P-1 would hide the cycle behind CT001
    assert state.catalogue is not None and state.catalogue.catalogue == session.catalogue
    after = codes(state)
    assert "CT006" not in after
    assert after == lint_codes(moved)


def test_catalogue_yaml_is_read_under_the_configured_framework(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    design = sample_catalogue(catalogue)
    listing = catalogue / "catalogue.yaml"
    # Every design is within the configured framework's file size; catalogue.yaml is not.
    limit = max(path.stat().st_size for path in catalogue.iterdir() if path != listing)
    pad(listing, limit)

    def checked() -> tuple[list[str], CatalogueChoices]:
        state = EditorState.open(design)
        found = codes(state)
        assert state.catalogue_choices is not None
        return found, state.catalogue_choices

    found, offered = checked()
    assert offered.title == "ProcToGo micro-credentials in digital and sustainable procurement"
    assert offered.stacks
    assert "CT006" in found and found == folder_lint(catalogue)[str(design)]
    tight_framework(tmp_path, limit)
    found, offered = checked()
    # catalogue.yaml is too large to read: no title or stacks to offer, no catalogue finding on the design.
    assert (offered.title, offered.stacks) == (None, ())
    assert "CT006" not in found
    linted = folder_lint(catalogue)
    assert str(listing) in linted  # lint says why it is not read
    assert found == linted.get(str(design), [])
