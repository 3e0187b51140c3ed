"""The editor's course form for what a committee signs (version, approval, contact) and what credential platforms
read (course page, ISCED-F field, learning setting); labels, not codes, in its selects and review (issue 10)."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import FIXTURES, ROOT, overlay
from rich.table import Table
from test_tui import SIZE, changed_lines, click, editor_of, settle, type_into, write
from textual.widgets import Select, Static

from designer.render import render
from designer.rules.engine import lint_file, lint_text
from designer.tui.app import make_app
from designer.tui.widgets.review import committee_lines

SAMPLE = (ROOT / "sample_courses" / "sustainable-public-procurement.yaml").read_text(encoding="utf-8")
BASE = (FIXTURES / "base.yaml").read_text(encoding="utf-8")
# How the labels file words each grading scheme: what both the spec and the committee block must say.
SCHEMES = yaml.safe_load((ROOT / "frameworks" / "labels" / "en.yaml").read_text(encoding="utf-8"))["grading_scheme"]
PORTFOLIO = {
    "id": "SA1",
    "title": "Portfolio",
    "method": "portfolio",
    "grading": "pass-fail",
    "hours": 24,
    "week": 5,
    "outcomes": ["LO1", "LO2"],
    "criteria": "Savings found in the data and argued with figures",
}
# A clean pass-fail component, then an entry that is no mapping: the loader replaces it by an empty (so graded)
# item and reports it as an ST006 error.
PASS_FAIL_THEN_REPLACED = overlay({"summative": [PORTFOLIO, "a component still to be written"]})


def committee_rows(table: Table | None) -> dict[str, str]:
    assert table is not None
    return dict(zip(table.columns[0]._cells, table.columns[1]._cells, strict=True))


async def test_editing_who_approved_changes_only_that_line(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        form = editor_of(app)
        assert form.query_one("#course-approval-by").value == "Tor Vergata Postgraduate Studies Committee"  # type: ignore[attr-defined]
        await click(pilot, "#course-approval-by")
        await pilot.press("end", *" (PhD board)")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert changed_lines(SAMPLE, path.read_text(encoding="utf-8")) == [
        "-    by: Tor Vergata Postgraduate Studies Committee",
        "+    by: Tor Vergata Postgraduate Studies Committee (PhD board)",
    ]


async def test_new_nested_fields_are_written_in_the_formats_order_and_removed_when_emptied(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    app = make_app(path, stage="course", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        status = editor.query_one("#course-approval-status", Select)
        # The select offers the framework's codes by their labels.
        assert ("Submitted for approval", "submitted") in [(str(label), value) for label, value in status._options]
        status.value = "submitted"
        await settle(pilot, app)
        await type_into(pilot, "#course-contact-email", "llo@example.org")
        await settle(pilot, app)
        editor.query_one("#course-learning_setting", Select).value = "non-formal"
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = path.read_text(encoding="utf-8")
        course = yaml.safe_load(saved)["course"]
        assert course["approval"] == {"status": "submitted"}
        assert course["contact"] == {"email": "llo@example.org"}
        assert course["learning_setting"] == "non-formal"
        keys = list(course)
        assert keys.index("language") < keys.index("approval") < keys.index("contact") < keys.index("eqf_level")
        # Emptying the only field of a mapping removes the mapping: no `approval: {}` is left.
        status.value = Select.NULL
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "approval" not in path.read_text(encoding="utf-8")
    assert "contact:" in path.read_text(encoding="utf-8")


def test_review_says_what_a_committee_reads_in_words() -> None:
    text = overlay(
        {
            "course": {"assessment_supervision": "unsupervised-no-identity-verification"},
            "summative": [
                {"id": "SA1", "method": "project", "weight": 100},
                {"id": "SA2", "method": "portfolio", "grading": "pass-fail"},
            ],
        }
    )
    rows = committee_rows(committee_lines(lint_text(text, "course.yaml").context))
    assert rows[" grading"] == SCHEMES["mixed"]
    assert rows[" language"] == "English"
    assert rows[" mode"] == "Blended"
    assert rows[" supervision"] == "Unsupervised with no identity verification"
    assert " approval" not in rows


def test_committee_block_and_spec_leave_out_a_summative_entry_the_loader_replaced(tmp_path: Path) -> None:
    path = write(tmp_path, PASS_FAIL_THEN_REPLACED)
    result = lint_file(path)
    assert ("summative", 1) in result.loaded.broken_items
    assert [f.code for f in result.findings if f.line == 33] == ["ST006"]
    spec = render(result, "md", draft=True)
    assert f"**Grading scheme:** {SCHEMES['pass-fail']}" in spec
    assert committee_rows(committee_lines(result.context))[" grading"] == SCHEMES["pass-fail"]


async def test_the_editors_review_words_the_scheme_the_spec_words(tmp_path: Path) -> None:
    path = write(tmp_path, PASS_FAIL_THEN_REPLACED)
    app = make_app(path, stage="review", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        shown = editor_of(app).query_one("#review-committee", Static).content
    assert isinstance(shown, Table)
    assert committee_rows(shown)[" grading"] == SCHEMES["pass-fail"]
    assert f"**Grading scheme:** {SCHEMES['pass-fail']}" in render(lint_file(path), "md", draft=True)
