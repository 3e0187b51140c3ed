"""The editor driven as a user drives it: Pilot presses and clicks on `designer edit`, checked against the file."""

from __future__ import annotations

import contextlib
import difflib
import html
import io
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, SAMPLE_PATH_ORDER, overlay
from test_document import HAND_WRITTEN
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, DataTable, Input, Markdown, Select, SelectionList, Static, TextArea

from designer.cli import main as designer_main
from designer.tui.app import DesignerApp, make_app
from designer.tui.screens.choice import ChoiceScreen
from designer.tui.screens.editor import EditorScreen
from designer.tui.screens.help import HelpScreen
from designer.tui.screens.new_design import NewDesignScreen
from designer.tui.screens.prompt import PromptScreen
from designer.tui.screens.start import StartScreen
from designer.tui.state import recovery_path, validate_text
from designer.tui.widgets.findings import FindingsList

SIZE = (100, 30)
UNASSESSED_LO2 = overlay(
    "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1]}\n"
)
VAGUE_LO2 = overlay(
    "outcomes:\n"
    "  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n"
    "  - {id: LO2, statement: Understand the stages of a public tender., domain: knowledge}\n"
)
COURSE_ONLY = "format: 1\ncourse:\n  title: Negotiation for Public Buyers\n  eqf_level: 6\n  ects: 3\n  framework: eu\n"


def write(tmp_path: Path, text: str, name: str = "course.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def settle(pilot: Pilot[None], app: DesignerApp) -> None:
    """Wait for the keys pressed to be handled, the debounced validation to run and its result to be shown."""
    await keys_handled(pilot)
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()


def editor_of(app: DesignerApp) -> EditorScreen:
    editor = app.editor
    assert editor is not None, f"no editor; the screen is {app.screen!r}"
    return editor


def current_stage(app: DesignerApp) -> str | None:
    return editor_of(app).query_one("#stages", ContentSwitcher).current


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


async def click(pilot: Pilot[None], selector: str) -> None:
    """Scroll the widget into view, as a user would, then click it."""
    widget = pilot.app.screen.query_one(selector)
    for _ in range(3):  # the form may grow while a validation result arrives: scroll again
        widget.scroll_visible(animate=False)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        try:
            under, _ = pilot.app.screen.get_widget_at(*widget.region.offset)
        except NoWidget:
            continue
        if widget in under.ancestors_with_self:
            assert await pilot.click(selector)
            return
    pytest.fail(f"cannot click {selector}: it stays out of view")


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    await click(pilot, selector)
    await pilot.press(*text)


async def tick(pilot: Pilot[None], selector: str, *positions: int) -> None:
    """Tick choices of a SelectionList by keyboard, as a user tabbing into it does: home, down to each, space."""
    selection = pilot.app.screen.query_one(selector, SelectionList)
    selection.focus()
    await pilot.pause()
    for position in positions:
        await pilot.press("home", *(["down"] * position), "space")
    await pilot.pause()


def screen_text(app: DesignerApp) -> str:
    """The characters on the terminal, as the user sees them (from a screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg))


def lint_exit_code(path: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = designer_main(["lint", str(path), "--jobs", "1", "--color", "never"])
    return code, out.getvalue()


# The whole walk


async def test_walk_from_an_empty_file_to_a_design_that_lints_clean(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewDesignScreen)
        assert not path.exists()
        await pilot.press(*"Negotiation for Public Buyers", "enter")
        await settle(pilot, app)
        assert path.is_file(), "the design file is created as soon as the dialog is confirmed"
        editor = editor_of(app)
        assert app.screen is editor
        assert editor.state.document.get(("course", "eqf_level")) == 6
        assert editor.state.document.get(("course", "ects")) == 3
        assert current_stage(app) == "outcomes"

        # Course: the EU minimum information the dialog did not ask for.
        await pilot.press("f2")
        await pilot.pause()
        assert current_stage(app) == "course"
        editor.query_one("#course-participation", Select).value = "onsite"
        await type_into(pilot, "#course-quality_assurance", "Reviewed by the faculty board")
        await type_into(pilot, "#course-awarding_bodies", "Test University (BE)")
        await settle(pilot, app)
        course = editor.state.document.get(("course",))
        assert course["participation"] == "onsite"
        assert course["quality_assurance"] == "Reviewed by the faculty board"
        assert [dict(b) for b in course["awarding_bodies"]] == [{"name": "Test University", "country": "BE"}]

        # Outcomes.
        await pilot.press("f3")
        await pilot.pause()
        outcomes = (
            ("Analyse supplier offers to prepare a negotiation within public procurement law.", "skills"),
            ("Explain when negotiation is allowed in a public procedure.", "knowledge"),
        )
        for statement, domain in outcomes:
            await pilot.press("a")
            await pilot.pause()
            statement_area = editor.query_one("#outcomes-statement", TextArea)
            assert app.focused is statement_area
            await pilot.press(*statement[:8])  # the first words typed, the rest pasted
            await keys_handled(pilot)
            statement_area.insert(statement[8:])
            editor.query_one("#outcomes-domain", Select).value = domain
            await pilot.press("escape")
            await pilot.pause()
        await settle(pilot, app)
        assert [(o["id"], o["statement"], o["domain"]) for o in editor.state.document.section("outcomes")] == [
            ("LO1", *outcomes[0]),
            ("LO2", *outcomes[1]),
        ]

        # Summative: opens now that outcomes exist.
        await pilot.press("f4")
        await pilot.pause()
        assert current_stage(app) == "summative"
        await pilot.press("a")
        await pilot.pause()
        assert app.focused is editor.query_one("#summative-title", Input)
        await pilot.press(*"Negotiation role play")
        editor.query_one("#summative-method", Select).value = "project"
        await type_into(pilot, "#summative-weight", "100")
        await type_into(pilot, "#summative-hours", "8")
        await type_into(pilot, "#summative-week", "4")
        await tick(pilot, "#summative-outcomes", 0, 1)
        criteria = editor.query_one("#summative-criteria", TextArea)
        criteria.focus()
        await pilot.pause()
        await pilot.press(*"Rubric")
        await keys_handled(pilot)
        await pilot.press("escape")
        await settle(pilot, app)
        assert dict(editor.state.document.section("summative")[0]) == {
            "id": "SA1",
            "title": "Negotiation role play",
            "method": "project",
            "weight": 100,
            "hours": 8,
            "week": 4,
            "outcomes": ["LO1", "LO2"],
            "criteria": "Rubric",
        }

        # Formative: one checkpoint, then duplicated twice (3 ECTS wants three).
        await pilot.press("f5")
        await pilot.pause()
        assert current_stage(app) == "formative"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Practice round")
        editor.query_one("#formative-method", Select).value = "practice-task"
        await type_into(pilot, "#formative-week", "2")
        await type_into(pilot, "#formative-hours", "1")
        await tick(pilot, "#formative-outcomes", 0, 1)
        await tick(pilot, "#formative-prepares", 0)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d", "d")
        await settle(pilot, app)
        formative = editor.state.document.section("formative")
        assert [item["id"] for item in formative] == ["FC1", "FC2", "FC3"]
        assert {k: formative[0][k] for k in ("method", "week", "hours", "outcomes", "prepares")} == {
            "method": "practice-task",
            "week": 2,
            "hours": 1,
            "outcomes": ["LO1", "LO2"],
            "prepares": ["SA1"],
        }

        # Content: last, once every outcome is assessed.
        await pilot.press("f6")
        await pilot.pause()
        assert current_stage(app) == "content"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Negotiation workshop")
        editor.query_one("#content-mode", Select).value = "onsite"
        editor.query_one("#content-activity", Select).value = "workshop"
        await type_into(pilot, "#content-week", "1")
        await type_into(pilot, "#content-hours", "69")
        await tick(pilot, "#content-outcomes", 0, 1)
        await tick(pilot, "#content-checkpoints", 0)
        await pilot.press("escape")
        await settle(pilot, app)
        unit = editor.state.document.section("content")[0]
        assert {k: unit[k] for k in ("title", "mode", "activity", "week", "hours", "outcomes", "checkpoints")} == {
            "title": "Negotiation workshop",
            "mode": "onsite",
            "activity": "workshop",
            "week": 1,
            "hours": 69,
            "outcomes": ["LO1", "LO2"],
            "checkpoints": ["FC1"],
        }

        assert editor.state.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.state.dirty
        assert path.read_text(encoding="utf-8") == editor.state.text()
        shown = [f"{f.code} {f.message}" for f in editor.state.findings()]
        assert shown == []

    code, report = lint_exit_code(path)
    assert code == 0, report
    assert "no findings" in report, report


# Jumping to findings


async def choose_finding(pilot: Pilot[None], findings: FindingsList, code: str) -> None:
    """Move down the list to the first finding with `code` and press Enter on it."""
    findings.focus()
    await pilot.pause()
    for _ in range(findings.option_count + 1):
        highlighted = findings.highlighted
        if highlighted is not None and code in str(findings.get_option_at_index(highlighted).prompt):
            break
        await pilot.press("down")
    else:
        pytest.fail(f"no {code} finding in {findings.id}")
    await pilot.press("enter")
    await pilot.pause()


async def test_enter_on_an_unassessed_outcome_finding_shows_its_row(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="review", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert current_stage(app) == "review"
        await choose_finding(pilot, editor.query_one("#review-findings", FindingsList), "AL001")
        assert current_stage(app) == "outcomes"
        table = editor.query_one("#outcomes-table", DataTable)
        assert table.cursor_row == 1
        assert table.get_row_at(1)[1] == "LO2"
        assert app.focused is table
        assert editor.query_one("#outcomes-id", Input).value == "LO2"


async def test_enter_on_a_statement_finding_focuses_the_statement(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, VAGUE_LO2), stage="review", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await choose_finding(pilot, editor.query_one("#review-findings", FindingsList), "OW002")
        assert current_stage(app) == "outcomes"
        statement = editor.query_one("#outcomes-statement", TextArea)
        assert app.focused is statement
        assert statement.text == "Understand the stages of a public tender."
        assert editor.query_one("#outcomes-table", DataTable).cursor_row == 1


async def test_enter_on_a_course_finding_focuses_the_course_field(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, overlay("course: {quality_assurance: null}\n")), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("f7")
        await choose_finding(pilot, editor.query_one("#review-findings", FindingsList), "MI001")
        assert current_stage(app) == "course"
        assert app.focused is editor.query_one("#course-quality_assurance", TextArea)


# Renaming, deleting, undo


async def test_rename_id_updates_references_in_the_document_and_the_saved_file(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8"))
    app = make_app(path, stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert app.focused is editor.query_one("#summative-table", DataTable)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == "SA1"
        await pilot.press("backspace", "backspace", "backspace", *"SA-final", "enter")
        await pilot.pause()
        assert app.screen is editor
        doc = editor.state.document
        assert doc.section("summative")[0]["id"] == "SA-final"
        assert [list(item["prepares"]) for item in doc.section("formative")] == [["SA-final"]] * 3
        assert editor.query_one("#summative-id", Input).value == "SA-final"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = path.read_text(encoding="utf-8")
    assert "SA1" not in saved
    assert saved.count("prepares: [SA-final]") == 3


async def test_rename_to_a_used_id_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    app = make_app(write(tmp_path, text), stage="outcomes", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("backspace", *"2", "enter")  # LO1 -> LO2, which exists
        await pilot.pause()
        assert editor.state.text() == text
        assert not editor.state.dirty


async def test_delete_asks_removes_references_and_undo_brings_it_back(tmp_path: Path) -> None:
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    app = make_app(write(tmp_path, text), stage="outcomes", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("down", "x")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "LO2" in app.screen.question
        assert "4 references" in app.screen.question  # SA1, FC1, FC3, CU2
        await pilot.click("#choice-delete")
        await pilot.pause()
        assert app.screen is editor
        doc = editor.state.document
        assert [o["id"] for o in doc.section("outcomes")] == ["LO1"]
        assert all(
            "LO2" not in (item.get("outcomes") or [])
            for section in ("summative", "formative", "content")
            for item in doc.section(section)
        )
        assert editor.query_one("#outcomes-table", DataTable).row_count == 1
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert editor.state.text() == text
        assert editor.query_one("#outcomes-table", DataTable).row_count == 2


async def test_delete_cancelled_keeps_the_item(tmp_path: Path) -> None:
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    app = make_app(write(tmp_path, text), stage="outcomes", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert editor_of(app).state.text() == text


@pytest.mark.parametrize(
    ("selector", "key"),
    [
        ("#summative-method", "d"),
        ("#summative-method", "a"),
        ("#summative-outcomes", "x"),
        ("#summative-outcomes", "r"),
        ("#summative-btn-add", "d"),
    ],
)
async def test_item_keys_act_only_from_the_table(tmp_path: Path, selector: str, key: str) -> None:
    """a/d/x/r are table keys (the help says "in an item table"); on a form field they must not touch items."""
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    app = make_app(write(tmp_path, text), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        editor.query_one(selector).focus()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is editor, f"{key} on {selector} opened {app.screen!r}"
        assert editor.state.text() == text


async def test_space_on_a_reference_list_reached_by_tab_ticks_the_first_choice(tmp_path: Path) -> None:
    text = overlay(
        "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5}\n"
    )
    app = make_app(write(tmp_path, text), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await click(pilot, "#summative-week")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is editor.query_one("#summative-outcomes", SelectionList)
        await pilot.press("space")
        await pilot.pause()
        assert list(editor.state.document.get(("summative", 0, "outcomes")) or []) == ["LO1"]


# Quitting and saving


async def test_quit_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await click(pilot, "#course-code")
        await pilot.press("end", *"-B")
        await pilot.pause()
        assert editor.state.document.get(("course", "code")) == "TEST-1-B"
        assert "unsaved" in app.sub_title

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert app.is_running
        assert app.screen is editor
        assert editor.state.dirty

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not app.is_running
    assert path.read_text(encoding="utf-8") == text
    assert not recovery_path(path).exists()


async def test_quit_without_changes_does_not_ask(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_save_and_quit_writes_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8"))
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_into(pilot, "#course-edition", "2025")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-save")
        await pilot.pause()
        assert not app.is_running
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["course"]["edition"] == "2025"


async def test_save_from_the_editor_changes_only_the_edited_line(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await click(pilot, "#course-code")
        await pilot.press("end", "backspace", "2")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor_of(app).state.dirty
    assert changed_lines(HAND_WRITTEN, path.read_text(encoding="utf-8")) == ["-  code: NEG-1", "+  code: NEG-2"]


async def test_save_from_an_item_form_changes_only_the_edited_line(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    app = make_app(path, stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await click(pilot, "#summative-hours")
        await pilot.press("end", "backspace", "6")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert changed_lines(HAND_WRITTEN, path.read_text(encoding="utf-8")) == ["-    hours: 4", "+    hours: 6"]


# Changes on disk


async def edit_after_external_change(pilot: Pilot[None], app: DesignerApp, path: Path, theirs: str) -> None:
    await settle(pilot, app)
    path.write_text(theirs, encoding="utf-8")
    await click(pilot, "#course-code")
    await pilot.press("end", *"-OURS")
    await settle(pilot, app)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ChoiceScreen)
    assert "changed on disk" in app.screen.question


async def test_external_change_then_overwrite_writes_our_version(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    theirs = HAND_WRITTEN.replace("ects: 2", "ects: 4")
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_after_external_change(pilot, app, path, theirs)
        await pilot.click("#choice-overwrite")
        await pilot.pause()
        editor = editor_of(app)
        assert app.screen is editor
        assert not editor.state.dirty
        ours = editor.state.text()
    assert path.read_text(encoding="utf-8") == ours
    assert "  code: NEG-1-OURS" in ours.splitlines()
    assert "  ects: 2" in ours.splitlines()


async def test_external_change_then_reload_takes_the_disk_version(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    theirs = HAND_WRITTEN.replace("ects: 2", "ects: 4")
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_after_external_change(pilot, app, path, theirs)
        await pilot.click("#choice-reload")
        await settle(pilot, app)
        editor = editor_of(app)
        assert editor.state.text() == theirs
        assert not editor.state.dirty
        assert editor.query_one("#course-ects", Input).value == "4"
        assert editor.query_one("#course-code", Input).value == "NEG-1"
        # Our version is one undo away.
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert editor.state.document.get(("course", "code")) == "NEG-1-OURS"
    assert path.read_text(encoding="utf-8") == theirs


async def test_external_change_then_cancel_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    theirs = HAND_WRITTEN.replace("ects: 2", "ects: 4")
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_after_external_change(pilot, app, path, theirs)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert editor_of(app).state.dirty
    assert path.read_text(encoding="utf-8") == theirs


async def test_reloading_a_file_changed_into_something_unreadable_keeps_our_version(tmp_path: Path) -> None:
    from test_document import ALIAS_BOMB

    path = write(tmp_path, HAND_WRITTEN)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_after_external_change(pilot, app, path, ALIAS_BOMB)
        await pilot.click("#choice-reload")
        await pilot.pause()
        editor = editor_of(app)
        assert app.is_running and app.screen is editor
        assert editor.state.document.get(("course", "code")) == "NEG-1-OURS"
        assert editor.state.dirty
    assert path.read_text(encoding="utf-8") == ALIAS_BOMB


# File safety: read-only files, Save as, files that are not designs, new folders


def visible_text(app: DesignerApp) -> str:
    """The screen's words with plain spaces (the screenshot writes them as no-break spaces)."""
    return screen_text(app).replace("\xa0", " ")


async def press_save(pilot: Pilot[None], key: str = "ctrl+s") -> None:
    await pilot.press(key)
    await pilot.pause()


async def answer_prompt(pilot: Pilot[None], app: DesignerApp, text: str) -> None:
    assert isinstance(app.screen, PromptScreen), f"no prompt; the screen is {app.screen!r}"
    app.screen.query_one("#prompt-input", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def edit_code(pilot: Pilot[None], app: DesignerApp, suffix: str) -> None:
    await settle(pilot, app)
    await click(pilot, "#course-code")
    await pilot.press("end", *suffix)
    await settle(pilot, app)


async def test_ctrl_s_on_a_read_only_file_asks_and_overwrite_keeps_it_read_only(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    path.chmod(0o444)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-RO")
        await press_save(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "course.yaml is read-only" in app.screen.question
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == HAND_WRITTEN
        assert editor_of(app).state.dirty

        await press_save(pilot)
        await pilot.click("#choice-overwrite")
        await pilot.pause()
        assert not editor_of(app).state.dirty
    assert changed_lines(HAND_WRITTEN, path.read_text(encoding="utf-8")) == ["-  code: NEG-1", "+  code: NEG-1-RO"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


async def test_a_read_only_file_offers_save_as_with_the_current_path_filled_in(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    path.chmod(0o444)
    copy = tmp_path / "mine.yaml"
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-MINE")
        await press_save(pilot)
        await pilot.click("#choice-save-as")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one("#prompt-input", Input).value == str(path)
        await answer_prompt(pilot, app, str(copy))
        editor = editor_of(app)
        assert app.screen is editor
        assert editor.state.path == copy and not editor.state.dirty
        assert app.sub_title == "mine.yaml"
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert "  code: NEG-1-MINE" in copy.read_text(encoding="utf-8").splitlines()


async def test_a_folder_that_refuses_the_save_says_so_and_offers_save_as(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    path = write(tmp_path, HAND_WRITTEN)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-X")

        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        # What a read-only folder does to the save's temporary file (tests may run as root, who is never denied).
        monkeypatch.setattr(tempfile, "mkstemp", denied)
        await press_save(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "Could not save course.yaml: Permission denied" in visible_text(app)
        assert "save it to another file?" in app.screen.question
        await pilot.click("#choice-save-as")
        await pilot.pause()
        monkeypatch.undo()
        await answer_prompt(pilot, app, str(tmp_path / "elsewhere.yaml"))
        assert editor_of(app).state.path == tmp_path / "elsewhere.yaml"
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert "  code: NEG-1-X" in (tmp_path / "elsewhere.yaml").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("key", ["f12", "ctrl+shift+s"])
async def test_save_as_asks_before_replacing_another_file(tmp_path: Path, key: str) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    other = write(tmp_path, "format: 1\n# someone else's design\n", "other.yaml")
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-AS")
        await press_save(pilot, key)
        await answer_prompt(pilot, app, str(other))
        assert isinstance(app.screen, ChoiceScreen)
        assert f"{other} exists" in app.screen.question
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert editor_of(app).state.path == path and editor_of(app).state.dirty
        assert other.read_text(encoding="utf-8") == "format: 1\n# someone else's design\n"

        await press_save(pilot, key)
        await answer_prompt(pilot, app, str(other))
        await pilot.click("#choice-replace")
        await pilot.pause()
        assert editor_of(app).state.path == other
    assert "  code: NEG-1-AS" in other.read_text(encoding="utf-8").splitlines()
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


async def test_save_as_asks_before_creating_a_folder(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    target = tmp_path / "drafts" / "2026" / "course.yaml"
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-NEW")
        await press_save(pilot, "f12")
        await answer_prompt(pilot, app, str(target))
        assert isinstance(app.screen, ChoiceScreen)
        assert f"The folder {target.parent} does not exist" in app.screen.question
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert not (tmp_path / "drafts").exists()

        await press_save(pilot, "f12")
        await answer_prompt(pilot, app, str(target))
        await pilot.click("#choice-create")
        await pilot.pause()
        assert editor_of(app).state.path == target
    assert "  code: NEG-1-NEW" in target.read_text(encoding="utf-8").splitlines()


async def test_the_palette_offers_save_as(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save as", "enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.question == "Save the design as:"


COMPOSE = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"


async def test_a_yaml_file_that_is_not_a_design_is_not_edited_unless_confirmed(tmp_path: Path) -> None:
    path = write(tmp_path, COMPOSE, "docker-compose.yml")
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "docker-compose.yml does not look like a course design" in visible_text(app)
        assert app.editor is None
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert app.editor is None
        assert isinstance(app.screen, StartScreen)
    assert path.read_text(encoding="utf-8") == COMPOSE

    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choice-edit")
        await settle(pilot, app)
        assert editor_of(app).state.path == path
        assert path.read_text(encoding="utf-8") == COMPOSE  # opening writes nothing


async def test_a_file_the_linter_cannot_read_is_refused_with_line_and_column(tmp_path: Path) -> None:
    from test_document import ALIAS_BOMB

    path = write(tmp_path, ALIAS_BOMB, "bomb.yaml")
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert re.search(r"line \d+, column \d+: the document expands to more than 100000 nodes", app.screen.question)
        assert str(path) in app.screen.question
        await pilot.click("#choice-ok")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert path.read_text(encoding="utf-8") == ALIAS_BOMB


async def test_a_new_design_in_a_missing_folder_asks_before_creating_it(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c" / "new.yaml"
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert f"The folder {path.parent} does not exist" in app.screen.question
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert not app.is_running
    assert not (tmp_path / "a").exists()

    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choice-create")
        await pilot.pause()
        assert isinstance(app.screen, NewDesignScreen)
        assert not (tmp_path / "a").exists(), "nothing is created before the design is"
        await pilot.press(*"Negotiation", "enter")
        await settle(pilot, app)
        assert editor_of(app).state.path == path
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["course"]["title"] == "Negotiation"


async def test_an_exception_in_validation_is_shown_as_a_finding_and_the_editor_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import designer.rules.engine as engine

    real = engine.lint_data

    def flaky(data: Any, *args: Any, **kwargs: Any) -> Any:
        if data.get("course", {}).get("code", "").endswith("-BOOM"):
            raise ValueError("could not convert string to float: 'lots'")
        return real(data, *args, **kwargs)

    monkeypatch.setattr(engine, "lint_data", flaky)
    path = write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8"))
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-BOOM")
        editor = editor_of(app)
        assert [f.code for f in editor.state.findings()] == ["ST000"]
        await pilot.press("f7")
        await pilot.pause()
        shown = visible_text(app)
        assert "✗ ST000 checking the design failed inside" in shown
        assert "(ValueError:" in shown
        assert app.is_running
        # The edit is kept, and fixing it brings the normal findings back.
        assert editor.state.document.get(("course", "code")) == "TEST-1-BOOM"
        await pilot.press("f2")
        await pilot.pause()
        await click(pilot, "#course-code")
        await pilot.press("end", *["backspace"] * 5)
        await settle(pilot, app)
        assert "ST000" not in [f.code for f in editor.state.findings()]


async def test_ctrl_r_renders_a_spec_carrying_the_hash_of_the_design(tmp_path: Path) -> None:
    import hashlib

    from designer.render.context import HASH_LENGTH

    path = write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8"))
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await edit_code(pilot, app, "-R")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        if isinstance(app.screen, ChoiceScreen):  # open errors: a draft
            await pilot.click("#choice-draft")
            await pilot.pause()
    spec = path.with_suffix(".html").read_text(encoding="utf-8")
    design = path.read_bytes()
    assert hashlib.sha256(design).hexdigest()[:HASH_LENGTH] in spec
    assert hashlib.sha256(b"").hexdigest()[:HASH_LENGTH] not in spec


# Stage gating


async def test_summative_is_gated_until_there_are_outcomes(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, COURSE_ONLY), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("f4")
        await pilot.pause()
        assert current_stage(app) == "gate"
        reason = str(editor.query_one("#gate-reason", Static).content)
        assert "outcome" in reason.lower()
        assert app.focused is editor.query_one("#gate-go")

        await pilot.click("#gate-go")
        await pilot.pause()
        assert current_stage(app) == "outcomes"

        await pilot.press("f4")
        await pilot.pause()
        assert current_stage(app) == "gate"
        await pilot.click("#gate-open")
        await pilot.pause()
        assert current_stage(app) == "summative"
        # Opened once, it stays open.
        await pilot.press("f3", "f4")
        await pilot.pause()
        assert current_stage(app) == "summative"


async def test_content_is_gated_while_an_outcome_is_unassessed(tmp_path: Path) -> None:
    text = overlay(
        "summative:\n  - {id: SA1, title: Project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1]}\n"
        "content: []\n"
    )
    app = make_app(write(tmp_path, text), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("f6")
        await pilot.pause()
        assert current_stage(app) == "gate"
        assert "LO2" in str(editor.query_one("#gate-reason", Static).content)
        await pilot.click("#gate-go")
        await pilot.pause()
        assert current_stage(app) == "summative"


# Recovery


async def test_a_recovery_copy_is_offered_and_restored(tmp_path: Path) -> None:
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text)
    recovered = text.replace("title: Spend Analytics for Buyers", "title: Spend Analytics (recovered)")
    recovery_path(path).write_text(recovered, encoding="utf-8")
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "interrupted session" in app.screen.question
        await pilot.click("#choice-restore")
        await settle(pilot, app)
        editor = editor_of(app)
        assert app.screen is editor
        assert editor.state.text() == recovered
        assert editor.state.dirty
        await pilot.press("f2")
        await pilot.pause()
        assert editor.query_one("#course-title", Input).value == "Spend Analytics (recovered)"
    assert path.read_text(encoding="utf-8") == text  # restored, not yet saved


async def test_a_discarded_recovery_copy_is_deleted(tmp_path: Path) -> None:
    text = FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text)
    recovery_path(path).write_text(text.replace("ects: 3", "ects: 4"), encoding="utf-8")
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choice-discard")
        await settle(pilot, app)
        assert editor_of(app).state.text() == text
    assert not recovery_path(path).exists()


async def test_unsaved_work_is_copied_to_the_recovery_file(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8"))
    app = make_app(path, stage="course", recovery_interval=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_into(pilot, "#course-edition", "2025")
        await pilot.pause(0.5)
        assert recovery_path(path).read_text(encoding="utf-8") == editor_of(app).state.text()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not recovery_path(path).exists()


# What the stages show


async def test_a_complete_design_opens_on_review_with_the_gaps_column_readable(tmp_path: Path) -> None:
    sample = (ROOT / "sample_courses" / "sustainable-public-procurement.yaml").read_text(encoding="utf-8")
    # With the rules already imported (a warm process), the first result arrives before the first layout;
    # the matrix used to keep the header's width for Gaps then and showed "alig".
    validate_text(sample, "warm-up.yaml")
    app = make_app(write(tmp_path, sample), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert current_stage(app) == "review"  # every stage has items: the editor lands on the review
        matrix = editor_of(app).query_one("#matrix", DataTable)
        assert matrix.row_count == 5
        # What the terminal shows (the compositor's lines), not what a fresh render of the table would give.
        assert screen_text(app).count("aligned") == 5


async def test_content_live_line_shows_hours_for_every_mode(tmp_path: Path) -> None:
    sample = (ROOT / "sample_courses" / "sustainable-public-procurement.yaml").read_text(encoding="utf-8")
    app = make_app(write(tmp_path, sample), stage="content", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        live = editor_of(app).query_one("#content-live", Static)
        assert "onsite 30 h" in str(live.content)
        visible = live.render_line(0).text
        assert "online-asynchronous 20 h" in visible and "onsite 30 h" in visible, visible


# Help, commands, size


async def test_f1_opens_help_listing_the_keys(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one(Markdown).source
        for key in ("Ctrl+S", "Ctrl+Z", "Ctrl+Q", "F2"):
            assert key in source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_command_palette_offers_render_and_stage_commands(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Render HTML", "Render Markdown", "Save", "Undo", "Go to Review", "Go to Outcomes"):
            assert title in titles

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to review", "enter")
        await pilot.pause()
        await pilot.pause(0.2)
        assert current_stage(app) == "review"


async def test_the_app_fits_80x24_with_the_narrow_layout(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8")), recovery_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert editor.has_class("narrow")
        await pilot.press("f3")
        await pilot.pause()
        table = editor.query_one("#outcomes-table", DataTable)
        assert table.region.right <= 80
        assert table.region.height > 0
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not editor.has_class("narrow")


# Layers


def test_editor_state_and_document_never_import_textual() -> None:
    probe = "import sys, designer.tui.state, designer.model.document\nprint('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Issue 7 (editor-ux): keys that follow a focus change, and fit and finish.
# Kept together at the end of the file to ease merging.


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue keys the way a terminal delivers a paste or a fast typist: all of them before the app handles one.

    Pilot's press() waits for the app to go idle after every key, which hides any race between a
    focus change and the keys that follow it; a real terminal does not wait. Returns once every key
    has been handled.
    """
    from textual import events

    for key in keys:
        character = {"tab": "\t", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))
    await keys_handled(pilot)


async def keys_handled(pilot: Pilot[None]) -> None:
    """Wait until every key sent has been handled (the app routes one key at a time)."""
    app = pilot.app
    assert isinstance(app, DesignerApp)
    await pilot.pause()
    for _ in range(600):
        if not app.keys_pending:
            return
        await pilot.pause(0.05)
    pytest.fail("the keys sent were never all handled")


async def test_keys_typed_straight_after_tab_land_in_the_next_field(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("enter")  # edit the first item: the title field
        await pilot.pause()
        title = editor.query_one("#summative-title", Input)
        assert app.focused is title
        undo_depth = len(editor.state.undo_stack)
        # Title -> Method (a select) -> Weight %, then the new weight, all in one burst.
        await burst(pilot, "end", "!", "tab", "tab", "ctrl+u", "6", "0")
        await settle(pilot, app)
        weight = editor.query_one("#summative-weight", Input)
        assert app.focused is weight
        assert title.value == "Savings project!"
        assert weight.value == "60"
        item = editor.state.document.section("summative")[0]
        assert (item["title"], item["weight"]) == ("Savings project!", 60)
        assert len(editor.state.undo_stack) >= undo_depth + 2, "each field's edit is its own undo step"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.state.document.section("summative")[0]["weight"] == 100
        assert editor.state.document.section("summative")[0]["title"] == "Savings project!"


async def test_keys_typed_straight_after_shift_tab_land_in_the_previous_field(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        editor.query_one("#summative-hours", Input).focus()
        await pilot.pause()
        await burst(pilot, "shift+tab", "ctrl+u", "9", "0")
        await settle(pilot, app)
        assert app.focused is editor.query_one("#summative-weight", Input)
        item = editor.state.document.section("summative")[0]
        assert (item["weight"], item["hours"]) == (90, 24)


async def test_keys_typed_straight_after_choosing_from_a_select_land_in_the_next_field(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        method = editor.query_one("#summative-method", Select)
        method.focus()
        await pilot.pause()
        await pilot.press("enter")  # open the list
        await pilot.pause()
        assert method.expanded
        undo_depth = len(editor.state.undo_stack)
        # Move to another method, choose it, and type on into the next field at once.
        await burst(pilot, "down", "enter", "tab", "ctrl+u", "7", "5")
        await settle(pilot, app)
        weight = editor.query_one("#summative-weight", Input)
        assert app.focused is weight, f"focus is on {app.focused!r}"
        item = editor.state.document.section("summative")[0]
        assert item["method"] != "project"
        assert method.value == item["method"]
        assert (weight.value, item["weight"]) == ("75", 75)
        assert len(editor.state.undo_stack) >= undo_depth + 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.state.document.section("summative")[0]["weight"] == 100


async def test_a_backspace_in_a_burst_deletes_before_the_keys_typed_after_it(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        hours = editor.query_one("#summative-hours", Input)
        hours.focus()
        await pilot.pause()
        await burst(pilot, "backspace", "backspace", "1", "2", "backspace", "6")
        await settle(pilot, app)
        assert hours.value == "16"
        assert editor.state.document.section("summative")[0]["hours"] == 16


async def test_text_typed_straight_after_adding_an_item_lands_in_its_first_field(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert app.focused is editor.query_one("#summative-table", DataTable)
        # "a" adds an item on the table; the letters after it (one of them "d", which duplicates on the
        # table) belong to the new item's title.
        await burst(pilot, "a", *"Field diary")
        await settle(pilot, app)
        items = editor.state.document.section("summative")
        assert [item.get("title") for item in items] == ["Savings project", "Field diary"]
        assert editor.query_one("#summative-title", Input).value == "Field diary"


async def test_a_focused_filled_field_keeps_its_text_and_takes_keys_at_the_end(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        await pilot.press("enter")
        await pilot.pause()
        title = editor.query_one("#summative-title", Input)
        assert app.focused is title
        assert title.selection.is_empty and title.cursor_position == len("Savings project")
        await pilot.press(*" plan")
        await settle(pilot, app)
        assert editor.state.document.section("summative")[0]["title"] == "Savings project plan"


async def test_text_typed_straight_after_renaming_an_id_by_tab_is_kept(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        ident = editor.query_one("#summative-id", Input)
        ident.focus()
        await pilot.pause()
        # Leaving the id field renames the item (and reloads the views); the title typed on must survive it.
        await burst(pilot, "backspace", "9", "tab", *" v2")
        await settle(pilot, app)
        item = editor.state.document.section("summative")[0]
        assert (item["id"], item["title"]) == ("SA9", "Savings project v2")
        assert editor.query_one("#summative-title", Input).value == "Savings project v2"
        assert app.focused is editor.query_one("#summative-title", Input)


async def test_keys_typed_through_a_dialog_go_to_the_dialog_then_back_to_the_table(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, UNASSESSED_LO2), stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        # x asks before deleting, Enter confirms in the dialog, then a adds an item and its title is typed.
        await burst(pilot, "x", "enter", "a", *"Quiz")
        await settle(pilot, app)
        assert app.screen is editor
        assert [item.get("title") for item in editor.state.document.section("summative")] == ["Quiz"]


# Fit and finish

SAMPLE_TEXT = (ROOT / "sample_courses" / "sustainable-public-procurement.yaml").read_text(encoding="utf-8")
ITEM_STAGES = ("outcomes", "summative", "formative", "content")
NEVER_CUT = ("id", "weight", "hours", "week", "bloom")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_item_tables_fit_the_width_and_never_cut_an_id_a_number_or_a_bloom_level(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from designer.tui.widgets.item_stage import COLUMNS, MAIN_COLUMN, cell_text

    app = make_app(write(tmp_path, SAMPLE_TEXT), recovery_interval=0)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        for stage in ITEM_STAGES:
            await pilot.press(f"f{ITEM_STAGES.index(stage) + 3}")
            await pilot.pause(0.3)
            table = editor.query_one(f"#{stage}-table", DataTable)
            items = editor.state.document.section(stage)
            assert table.row_count == len(items)
            keys = [key for key, _ in COLUMNS[stage]]
            for index, item in enumerate(items):
                row = dict(zip(keys, table.get_row_at(index)[1:], strict=True))
                for key in NEVER_CUT:
                    if key in row and key != "bloom":
                        assert str(row[key]) == cell_text(item.get(key)), (stage, index, key, row[key])
                if stage == "outcomes":
                    verb = editor.framework.leading_verb(
                        str(item["statement"]), editor.state.document.get(("course", "language"))
                    )
                    assert verb is not None and str(row["bloom"]) == verb.level.label
            # Nothing scrolls sideways: every column is on screen.
            assert table.virtual_size.width <= table.size.width, (stage, table.virtual_size, table.size)
            # The statement or title takes the width left over (the sample's are longer than it).
            used = sum(column.get_render_width(table) for column in table.columns.values())
            assert used == table.size.width - 1, (stage, used, table.size.width)
            main = table.columns[MAIN_COLUMN[stage]]  # type: ignore[index]
            assert main.width > 16
            # As drawn: the first rows' ids, each whole and with a gap on both sides.
            for index, item in enumerate(items[:5]):
                line = table.render_line(index + 1).text
                assert f" {item['id']} " in line, (stage, line)


async def test_course_labels_stand_clear_of_their_values_at_80x24(tmp_path: Path) -> None:
    from textual.widgets import Label

    app = make_app(write(tmp_path, SAMPLE_TEXT), stage="course", recovery_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        for row in editor.query("#course-form .field-row"):
            label = row.query_one(Label)
            field = row.children[1]
            words = str(label.content).split()
            assert label.content_region.width >= max(len(word) for word in words), str(label.content)
            assert field.region.x > label.content_region.right, str(label.content)
            assert label.render_line(0).text.split()[0] == words[0], str(label.content)


async def test_course_findings_show_on_first_view_before_any_keystroke(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, overlay("course: {quality_assurance: null}\n")), stage="outcomes")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert not editor.mounted("course")
        await pilot.press("f2")
        await pilot.pause(0.3)
        findings = editor.query_one("#course-findings", FindingsList)
        prompts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        assert any("MI001" in prompt and "quality_assurance" in prompt for prompt in prompts), prompts


async def test_review_findings_show_focus_and_enter_on_a_matrix_row_opens_its_outcome(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, VAGUE_LO2), stage="review", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        findings = editor.query_one("#review-findings", FindingsList)
        assert app.focused is findings
        # The list opens on a group title; the first finding is highlighted so focus and Enter's target show.
        assert findings.highlighted is not None
        assert not findings.get_option_at_index(findings.highlighted).disabled
        focused_background = findings.styles.background
        matrix = editor.query_one("#matrix", DataTable)
        matrix.focus()
        await pilot.pause()
        assert findings.styles.background != focused_background
        await pilot.press("down", "enter")
        await pilot.pause(0.3)
        assert current_stage(app) == "outcomes"
        table = editor.query_one("#outcomes-table", DataTable)
        assert table.cursor_row == 1
        assert app.focused is table
        assert editor.query_one("#outcomes-id", Input).value == "LO2"


async def test_one_stage_numbering_in_stepper_headers_keys_and_palette(tmp_path: Path) -> None:
    from rich.text import Text

    from designer.tui.state import STAGE_TITLES, STAGES
    from designer.tui.widgets.stepper import Stepper

    app = make_app(write(tmp_path, SAMPLE_TEXT), recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        stepper = editor.query_one(Stepper)
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        for number, stage in enumerate(STAGES, start=1):
            await pilot.press(f"f{number + 1}")
            await pilot.pause(0.3)
            assert current_stage(app) == stage
            intro = Text.from_markup(str(editor.query_one(f"#{stage} .stage-intro", Static).content)).plain
            assert intro.startswith(f"Stage {number} · "), (stage, intro)
            assert str(stepper.get_option_at_index(number - 1).prompt).startswith(f"{number} {STAGE_TITLES[stage]}")
            assert commands[f"Go to {STAGE_TITLES[stage]}"] == f"Stage {number} (F{number + 1})"


async def test_stage_keys_work_from_a_text_area(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, SAMPLE_TEXT), stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        summary = editor.query_one("#course-summary", TextArea)
        summary.focus()
        await pilot.pause()
        for key, stage in (("f7", "review"), ("f2", "course"), ("f6", "content")):
            if stage == "course":
                summary.focus()
                await pilot.pause()
            await pilot.press(key)
            await pilot.pause(0.3)
            assert current_stage(app) == stage, key


async def test_the_start_screen_offers_new_and_open_in_the_palette_and_by_key(tmp_path: Path) -> None:
    from designer.tui.screens.start import StartScreen

    app = make_app(recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "New design" in titles and "Open a file" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new design", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PromptScreen)
        assert "new design" in str(app.screen.query_one(Static).content).lower()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PromptScreen)
        assert "open" in str(app.screen.query_one(Static).content).lower()


async def test_stepper_and_review_findings_fit_80x24_with_findings_everywhere(tmp_path: Path) -> None:
    from designer.tui.widgets.stepper import Stepper

    bad = overlay("course: {quality_assurance: null, ects: 9}\n")
    app = make_app(write(tmp_path, bad), stage="review", recovery_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        stepper = editor.query_one(Stepper)
        labels = [str(stepper.get_option_at_index(i).prompt) for i in range(stepper.option_count)]
        assert "✗1 !1" in labels[0], labels
        for label in labels:  # one line each: "1 Course    ✗1 !1" with room for two-digit counts
            assert len(label) + 2 <= stepper.content_region.width, label
        findings = editor.query_one("#review-findings", FindingsList)
        assert findings.region.height >= 6, findings.region
        assert findings.region.width >= 30, findings.region


# ---------------------------------------------------------------------------
# Issue 9 (catalogues): a design inside a catalogue ticks its prerequisite courses and stacks from it,
# is checked with the catalogue rules as it is typed, and the start screen lists the catalogue's designs.
# Kept together at the end of the file to ease merging.

SPA = "spend-analytics.yaml"  # PTG-SPA-1: needs PTG-P2P-1, towards the specialisation
P2P = "eprocurement-erp-purchase-to-pay.yaml"  # PTG-P2P-1: needs PTG-DTP-1; PTG-SPA-1 needs it
CATALOGUE_CODES = ["PTG-DTP-1", "PTG-ETP-1", "PTG-P2P-1", "PTG-PLSDF-1", "PTG-SPA-1", "PTG-SPP-1", "PTG-SRM-1"]
STACK_IDS = ["digital-procurement-operations", "digital-sustainable-procurement"]


@pytest.fixture
def sample_catalogue(tmp_path: Path) -> Path:
    """A copy of the sample catalogue: catalogue.yaml and its seven designs."""
    import shutil

    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "sample_courses", folder)
    return folder


def choices(app: DesignerApp, key: str) -> list[tuple[str, str, bool]]:
    """(value, label, ticked) of each choice of a course checklist, top to bottom."""
    checklist = editor_of(app).query_one(f"#course-{key}-choices", SelectionList)
    options = [checklist.get_option_at_index(i) for i in range(checklist.option_count)]
    return [(str(o.value), str(o.prompt), o.value in checklist.selected) for o in options]


async def test_prior_courses_and_stacks_are_ticked_from_the_catalogue(sample_catalogue: Path) -> None:
    app = make_app(sample_catalogue / SPA, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        courses = choices(app, "prerequisite_courses")
        # Every code of the catalogue's designs but the design's own, with its EQF level and title.
        assert [value for value, _, _ in courses] == [c for c in CATALOGUE_CODES if c != "PTG-SPA-1"]
        assert [value for value, _, ticked in courses if ticked] == ["PTG-P2P-1"]
        assert "PTG-P2P-1    EQF 6  E-Procurement Platforms and ERP Purchase-to-Pay" in courses[2][1]
        stacks = choices(app, "towards")
        assert [value for value, _, _ in stacks] == STACK_IDS
        assert [value for value, _, ticked in stacks if ticked] == ["digital-sustainable-procurement"]
        assert "Micro-degree in Digital Procurement Operations" in stacks[0][1]
        # Inside a catalogue the comma-separated inputs give way to the checklists.
        for key in ("prerequisite_courses", "towards"):
            assert not editor.query_one(f"#course-{key}", Input).display
            assert editor.query_one(f"#course-{key}-choices", SelectionList).display


async def test_ticking_a_prior_course_changes_only_its_line_in_the_saved_file(sample_catalogue: Path) -> None:
    path = sample_catalogue / SPA
    before = path.read_text(encoding="utf-8")
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await tick(pilot, "#course-prerequisite_courses-choices", 5)  # PTG-SRM-1
        await settle(pilot, app)
        assert list(editor_of(app).state.document.get(("course", "prerequisite_courses"))) == [
            "PTG-P2P-1",
            "PTG-SRM-1",
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
    after = path.read_text(encoding="utf-8")
    # The comments above it, the keys around it and their order stay as they were.
    assert changed_lines(before, after) == [
        "-  prerequisite_courses: [PTG-P2P-1]",
        "+  prerequisite_courses: [PTG-P2P-1, PTG-SRM-1]",
    ]
    code, _ = lint_exit_code(sample_catalogue)
    assert code == 0  # PTG-SRM-1 is EQF 7 like PTG-SPA-1, and no cycle


async def test_a_code_the_catalogue_does_not_know_stays_ticked_and_is_flagged(sample_catalogue: Path) -> None:
    path = sample_catalogue / SPA
    text = path.read_text(encoding="utf-8").replace(
        "  prerequisite_courses: [PTG-P2P-1]", "  prerequisite_courses: [PTG-P2P-1, PTG-XYZ-9]  # planned"
    )
    path.write_text(text, encoding="utf-8")
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        courses = choices(app, "prerequisite_courses")
        assert courses[0] == ("PTG-XYZ-9", "PTG-XYZ-9  (not in the catalogue)", True)  # first, in view
        assert [value for value, _, _ in courses[1:]] == [c for c in CATALOGUE_CODES if c != "PTG-SPA-1"]
        findings = editor.query_one("#course-findings", FindingsList)
        assert any("CT002" in str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count))
        # Unticking a known course leaves the unknown one where it was.
        await tick(pilot, "#course-prerequisite_courses-choices", 3)  # PTG-P2P-1
        await settle(pilot, app)
        assert list(editor.state.document.get(("course", "prerequisite_courses"))) == ["PTG-XYZ-9"]
        assert choices(app, "prerequisite_courses")[0] == ("PTG-XYZ-9", "PTG-XYZ-9  (not in the catalogue)", True)
        # The line under the focused list says why it is marked.
        await pilot.press("home")
        await pilot.pause()
        about = str(editor.query_one("#course-prerequisite_courses-about", Static).content)
        assert "no design in this catalogue has this code" in about
        await pilot.press("ctrl+s")
        await pilot.pause()
    # The comment stays in its column.
    assert re.search(r"\n  prerequisite_courses: \[PTG-XYZ-9\] +# planned\n", path.read_text(encoding="utf-8"))


async def test_a_prerequisite_that_closes_a_cycle_shows_in_the_findings_pane(sample_catalogue: Path) -> None:
    app = make_app(sample_catalogue / P2P, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert [value for value, _, ticked in choices(app, "prerequisite_courses") if ticked] == ["PTG-DTP-1"]
        spa = [value for value, _, _ in choices(app, "prerequisite_courses")].index("PTG-SPA-1")
        await tick(pilot, "#course-prerequisite_courses-choices", spa)
        await settle(pilot, app)
        findings = editor.query_one("#course-findings", FindingsList)
        prompts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        assert any("CT006" in p and "PTG-P2P-1 needs PTG-SPA-1, PTG-SPA-1 needs PTG-P2P-1" in p for p in prompts)
        assert editor.state.stage_status("course").errors == 1
        # Enter on the finding puts the cursor back in the checklist it is about.
        await choose_finding(pilot, findings, "CT006")
        assert app.focused is editor.query_one("#course-prerequisite_courses-choices", SelectionList)


async def test_outside_a_catalogue_prior_courses_and_stacks_are_typed(tmp_path: Path) -> None:
    path = write(tmp_path, COURSE_ONLY)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert editor.state.catalogue is None
        assert not editor.query_one("#course-prerequisite_courses-choices", SelectionList).display
        await type_into(pilot, "#course-prerequisite_courses", "NEG-0, LAW-1")
        await type_into(pilot, "#course-towards", "Master in Public Procurement")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    course = yaml.safe_load(path.read_text(encoding="utf-8"))["course"]
    assert course["prerequisite_courses"] == ["NEG-0", "LAW-1"]
    assert course["towards"] == ["Master in Public Procurement"]
    assert not [
        f for f in validate_text(path.read_text(encoding="utf-8"), str(path)).result.findings if f.code[:2] == "CT"
    ]


def start_rows(app: DesignerApp) -> list[tuple[str, str]]:
    from textual.widgets import OptionList

    options = app.screen.query_one("#start-list", OptionList)
    return [
        (options.get_option_at_index(i).id or "", str(options.get_option_at_index(i).prompt))
        for i in range(options.option_count)
    ]


async def listed(pilot: Pilot[None]) -> None:
    """Wait for the start screen's worker to lint the catalogue and show it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_start_screen_on_a_catalogue_lists_its_designs_and_opens_the_one_chosen(
    sample_catalogue: Path,
) -> None:
    app = make_app(sample_catalogue, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await listed(pilot)
        assert isinstance(app.screen, StartScreen)
        rows = [(ident, prompt) for ident, prompt in start_rows(app) if ident.startswith("design:")]
        # In path order: awareness, operational, managerial, then the courses on no level.
        assert [prompt.split()[0] for _, prompt in rows] == SAMPLE_PATH_ORDER
        spa = rows[3][1]
        assert "Spend Analytics for Procurement Decisions" in spa
        assert "EQF 7" in spa and "managerial" in spa and "✓ clean" in spa
        heading = dict(start_rows(app))["catalogue"]
        assert "ProcToGo micro-credentials in digital and sustainable procurement" in heading
        # The first design is highlighted: down three times and Enter opens PTG-SPA-1.
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot, app)
        assert editor_of(app).state.path.resolve() == (sample_catalogue / SPA).resolve()


async def test_the_start_screen_lists_the_catalogue_of_the_working_folder(
    sample_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sample_catalogue / "drafts").mkdir()
    monkeypatch.chdir(sample_catalogue / "drafts")
    app = make_app(recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await listed(pilot)
        rows = start_rows(app)
        assert sum(1 for ident, _ in rows if ident.startswith("design:")) == 7
        assert "error" not in " ".join(prompt for _, prompt in rows)
        # A new design is offered a place in the catalogue's folder.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one(Input).value == str(Path("..") / "my-course.yaml")


async def test_a_recent_file_of_the_catalogue_is_listed_once_in_the_catalogue(sample_catalogue: Path) -> None:
    from designer.tui.recent import recent_files, remember

    other = sample_catalogue.parent / "elsewhere.yaml"
    other.write_text(COURSE_ONLY, encoding="utf-8")
    remember(sample_catalogue / SPA)
    remember(other)
    assert len(recent_files()) == 2
    app = make_app(sample_catalogue, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await listed(pilot)
        for _ in range(2):  # the files at once, then the rows once the catalogue is linted
            idents = [ident for ident, _ in start_rows(app)]
            assert sum(1 for ident in idents if ident.endswith(SPA) and not ident.startswith("sample:")) == 1
            assert f"open:{other.resolve()}" in idents
            await listed(pilot)


async def test_the_start_screen_outside_a_catalogue_lists_no_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await listed(pilot)
        assert "catalogue" not in dict(start_rows(app))


def test_designer_edit_on_a_folder_opens_the_start_screen_on_its_catalogue(
    sample_catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import designer.cli

    opened: list[Path | None] = []
    monkeypatch.setattr(designer.cli, "_run_editor", lambda path, stage=None: opened.append(path) or 0)
    assert designer_main(["edit", str(sample_catalogue)]) == 0
    assert designer_main(["edit"]) == 0
    assert opened == [sample_catalogue, None]
    plain = tmp_path / "plain"
    plain.mkdir()
    assert designer_main(["edit", str(plain)]) == 2
    assert "without a catalogue.yaml" in capsys.readouterr().err
