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
from test_tui import SIZE, VAGUE_LO2, editor_of, lint_exit_code, settle, write
from test_tui_export import _palette

from designer.cli import main as designer_main
from designer.tui.app import make_app
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
