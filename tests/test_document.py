"""The editor's document and state, without Textual: round trips, edits that change only what changed, undo, files."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, overlay

from designer.model.document import DesignDocument, DocumentError
from designer.tui.state import EditorState, recovery_path

ROUND_TRIP_FILES = [*sorted((ROOT / "sample_courses").glob("*.yaml")), FIXTURES / "base.yaml"]

# A design as an instructor writes it by hand: comments above sections, inline
# comments, the course keys in the author's own order, a folded statement and
# both flow- and block-style items.
HAND_WRITTEN = """\
# Hand-written design, kept under version control by the programme team.
format: 1

# The course block: our own key order, not the documented one.
course:
  title: Negotiation for Public Buyers   # working title
  ects: 2
  eqf_level: 6
  code: NEG-1
  framework: eu
  summary: >-
    A short course on negotiating with suppliers inside the limits of public
    procurement law, with role plays drawn from real tenders.
  awarding_bodies:
    - {name: Test University, country: BE}
  participation: onsite
  quality_assurance: Reviewed by the faculty board

# Outcomes come first in backward design.
outcomes:
  - id: LO1   # the main one
    statement: >-
      Apply negotiation techniques to a supplier meeting within the limits of
      public procurement law.
    domain: skills
  - id: LO2
    statement: Explain when negotiation is allowed in a public procedure.
    domain: knowledge

# Summative assessment.
summative:
  - id: SA1
    title: Role play
    method: simulation
    weight: 100
    hours: 4
    week: 3
    outcomes: [LO1, LO2]   # both outcomes

# Formative checkpoints.
formative:
  - {id: FC1, title: Practice round, method: practice-task, week: 2, hours: 1, outcomes: [LO1], prepares: [SA1]}
  - {id: FC2, title: Law quiz, method: quiz, week: 1, hours: 1, outcomes: [LO2], prepares: [SA1]}

# Content, chosen last.
content:
  - id: CU1
    title: Negotiation basics
    mode: onsite
    activity: workshop
    week: 1
    hours: 20
    outcomes: [LO1, LO2]
    checkpoints: [FC1, FC2]
  - id: CU2   # trailing comment on the last unit
    title: Case clinic
    mode: onsite
    activity: seminar
    week: 2
    hours: 24
    outcomes: [LO1]
    checkpoints: [FC1]   # the clinic feeds the practice round
# End of the design.
"""
HAND_COURSE_ORDER = [
    "title",
    "ects",
    "eqf_level",
    "code",
    "framework",
    "summary",
    "awarding_bodies",
    "participation",
    "quality_assurance",
]


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The removed and added lines of a unified diff (no context lines)."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def references(doc: DesignDocument) -> list[str]:
    """Every id named in outcomes/prepares/checkpoints anywhere in the design."""
    return [
        str(ref)
        for section in ("summative", "formative", "content")
        for item in doc.section(section)
        for key in ("outcomes", "prepares", "checkpoints")
        for ref in item.get(key) or []
    ]


def line_index(text: str, line: str) -> int:
    lines = text.splitlines()
    assert lines.count(line) == 1, f"{line!r} appears {lines.count(line)} times"
    return lines.index(line)


# Round trips


@pytest.mark.parametrize("path", ROUND_TRIP_FILES, ids=lambda p: p.name)
def test_round_trip_is_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert DesignDocument(text).text() == text


def test_hand_written_file_round_trips_byte_identical() -> None:
    assert DesignDocument(HAND_WRITTEN).text() == HAND_WRITTEN


# Only what changed changes


@pytest.mark.parametrize(
    ("path", "value", "old_line", "new_start"),
    [
        (("course", "ects"), 3, "  ects: 2", "  ects: 3"),
        (("course", "code"), "NEG-2", "  code: NEG-1", "  code: NEG-2"),
        (("summative", 0, "hours"), 5, "    hours: 4", "    hours: 5"),
        (("outcomes", 1, "domain"), "skills", "    domain: knowledge", "    domain: skills"),
        (
            ("formative", 1, "week"),
            2,
            "  - {id: FC2, title: Law quiz, method: quiz, week: 1, hours: 1, outcomes: [LO2], prepares: [SA1]}",
            "  - {id: FC2, title: Law quiz, method: quiz, week: 2, hours: 1, outcomes: [LO2], prepares: [SA1]}",
        ),
    ],
    ids=["course-ects", "course-code", "summative-hours", "outcome-domain", "flow-item-week"],
)
def test_changing_one_field_changes_one_line(path: tuple[Any, ...], value: Any, old_line: str, new_start: str) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(path, value)
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == [old_line]
    assert added == [new_start]


def test_changing_a_commented_line_keeps_its_comment() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(("course", "title"), "Negotiation for Buyers")
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == ["  title: Negotiation for Public Buyers   # working title"]
    assert len(added) == 1
    assert added[0].startswith("  title: Negotiation for Buyers ")
    assert added[0].endswith("# working title")


def test_changing_a_folded_statement_keeps_it_folded_and_changes_only_the_changed_line() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(
        ("outcomes", 0, "statement"),
        "Apply negotiation techniques to a supplier meeting within the limits of procurement law.",
    )
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == ["      public procurement law."]
    assert added == ["      procurement law."]


def test_a_change_keeps_the_authors_course_key_order_and_every_comment() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(("course", "ects"), 3)
    doc.set(("summative", 0, "hours"), 6)
    assert list(doc.get(("course",)).keys()) == HAND_COURSE_ORDER
    after = doc.text()
    comments = [line for line in HAND_WRITTEN.splitlines() if "#" in line]
    for line in comments:
        comment = line[line.index("#") :]
        assert comment in after


def test_a_new_course_key_is_one_added_line() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(("course", "language"), "en")
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == []
    assert added == ["  language: en"]
    assert [k for k in doc.get(("course",)) if k != "language"] == HAND_COURSE_ORDER


@pytest.mark.parametrize("empty", [None, ""])
def test_setting_nothing_removes_an_optional_key(empty: Any) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(("course", "code"), empty)
    assert "code" not in doc.get(("course",))
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == ["  code: NEG-1"]
    assert added == []


def test_setting_nothing_on_a_missing_key_changes_nothing() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.set(("course", "prerequisites"), None)
    assert doc.text() == HAND_WRITTEN


# Ids and references


@pytest.mark.parametrize(
    ("old", "new"),
    [("LO1", "LO-negotiate"), ("SA1", "SA-final"), ("FC1", "FC-practice")],
)
def test_rename_id_updates_every_reference(old: str, new: str) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    before = references(doc)
    expected = sum(1 for ref in before if ref == old)
    assert expected > 0
    assert doc.rename_id(old, new) == expected
    assert old not in doc.ids()
    assert new in doc.ids()
    after = references(doc)
    assert old not in after
    assert after == [new if ref == old else ref for ref in before]
    # A saved file says so too, and nothing else moved.
    reparsed = DesignDocument(doc.text())
    assert references(reparsed) == after


def test_rename_id_keeps_the_rest_of_the_file() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.rename_id("SA1", "SA-final")
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert added == [line.replace("SA1", "SA-final") for line in removed]
    assert len(removed) == 3  # the id line and the two flow checkpoints


@pytest.mark.parametrize("new", ["LO2", "SA1", "CU2"])
def test_rename_id_refuses_an_id_already_used(new: str) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    with pytest.raises(DocumentError, match="already used"):
        doc.rename_id("LO1", new)
    assert doc.text() == HAND_WRITTEN


@pytest.mark.parametrize("new", ["", "1LO", "LO 1", "LO1!", "-LO"])
def test_rename_id_refuses_an_invalid_id(new: str) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    with pytest.raises(DocumentError, match="not a valid id"):
        doc.rename_id("LO1", new)
    assert doc.text() == HAND_WRITTEN


@pytest.mark.parametrize(("section", "index", "ident"), [("outcomes", 1, "LO2"), ("summative", 0, "SA1")])
def test_remove_item_removes_references_to_it(section: str, index: int, ident: str) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    assert ident in references(doc)
    removed = doc.remove_item(section, index)
    assert removed["id"] == ident
    assert ident not in doc.ids()
    assert ident not in references(doc)
    assert ident not in references(DesignDocument(doc.text()))


def test_remove_item_from_the_middle_keeps_comments() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.remove_item("content", 0)
    after = doc.text()
    assert line_index(after, "# Content, chosen last.") + 1 == line_index(after, "content:")
    assert after.splitlines()[-2:] == [
        "    checkpoints: [FC1]   # the clinic feeds the practice round",
        "# End of the design.",
    ]


def test_removing_the_only_item_of_a_section_keeps_the_next_sections_heading() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.remove_item("summative", 0)
    after = doc.text()
    assert "# Formative checkpoints." in after
    assert line_index(after, "# Formative checkpoints.") + 1 == line_index(after, "formative:")


# Adding and moving items


def test_add_item_in_a_flow_section_stays_flow_style() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    index = doc.add_item("formative", {"title": "Peer feedback", "method": "peer-review", "prepares": ["SA1"]})
    assert index == 2
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == []
    assert added == ["  - {id: FC3, title: Peer feedback, method: peer-review, prepares: [SA1]}"]


def test_add_item_in_the_base_fixture_stays_flow_style() -> None:
    text = (FIXTURES / "base.yaml").read_text(encoding="utf-8")
    doc = DesignDocument(text)
    doc.add_item("outcomes", {"statement": "Design a tender.", "domain": "skills"})
    removed, added = changes(text, doc.text())
    assert removed == []
    assert added == ["  - {id: LO3, statement: Design a tender., domain: skills}"]


def test_add_item_in_a_block_section_stays_block_style() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.add_item("outcomes", {"statement": "Plan a negotiation.", "domain": "skills"})
    removed, added = changes(HAND_WRITTEN, doc.text())
    assert removed == []
    assert added == ["  - id: LO3", "    statement: Plan a negotiation.", "    domain: skills"]


@pytest.mark.parametrize(
    ("section", "heading", "next_key"),
    [
        ("outcomes", "# Summative assessment.", "summative:"),
        ("summative", "# Formative checkpoints.", "formative:"),
        ("formative", "# Content, chosen last.", "content:"),
    ],
)
def test_a_new_last_item_does_not_swallow_the_next_sections_heading(section: str, heading: str, next_key: str) -> None:
    doc = DesignDocument(HAND_WRITTEN)
    index = doc.add_item(section, {"title": "New", "statement": "Plan a negotiation."})
    after = doc.text()
    new_id = doc.section(section)[index]["id"]
    new_line = next(i for i, line in enumerate(after.splitlines()) if f"id: {new_id}" in line)
    assert new_line < line_index(after, heading)
    assert line_index(after, heading) + 1 == line_index(after, next_key)
    assert after.splitlines()[line_index(after, heading) - 1] == ""  # the blank line before it stays too


def test_a_new_last_item_leaves_the_previous_items_inline_comment_on_its_line() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.add_item("summative", {"title": "Reflection", "method": "report"})
    after = doc.text()
    assert "    outcomes: [LO1, LO2]   # both outcomes" in after.splitlines()
    removed, added = changes(HAND_WRITTEN, after)
    assert removed == []
    assert added == ["  - id: SA2", "    title: Reflection", "    method: report"]


def test_a_new_item_at_the_end_of_the_file_keeps_the_closing_comment_last() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.add_item("content", {"title": "Debrief"})
    after = doc.text()
    assert after.splitlines()[-1] == "# End of the design."
    assert line_index(after, "  - id: CU3") < line_index(after, "# End of the design.")


def test_move_item_keeps_the_trailing_comment_in_place() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    assert doc.move_item("content", 1, -1) == 0
    after = doc.text()
    assert [item["id"] for item in doc.section("content")] == ["CU2", "CU1"]
    # The comment after the section stays after the section, not with the item that moved.
    assert after.splitlines()[-1] == "# End of the design."
    assert line_index(after, "# Content, chosen last.") + 1 == line_index(after, "content:")
    # The comment on CU2's id line travels with CU2.
    assert line_index(after, "  - id: CU2   # trailing comment on the last unit") < line_index(after, "  - id: CU1")


def test_move_item_leaves_an_inline_comment_with_its_item() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.move_item("content", 1, -1)
    lines = doc.text().splitlines()
    cu2 = line_index(doc.text(), "  - id: CU2   # trailing comment on the last unit")
    cu1 = line_index(doc.text(), "  - id: CU1")
    assert cu2 < cu1
    # CU2's last line (now above CU1) still carries its own comment; CU1's does not.
    assert lines[cu1 - 1] == "    checkpoints: [FC1]   # the clinic feeds the practice round"
    assert "#" not in lines[cu1 + 7]


def test_move_item_out_of_range_changes_nothing() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    assert doc.move_item("content", 0, -1) == 0
    assert doc.move_item("content", 1, 1) == 1
    assert doc.text() == HAND_WRITTEN


def test_move_and_back_is_the_original_text() -> None:
    doc = DesignDocument(HAND_WRITTEN)
    doc.move_item("outcomes", 0, 1)
    doc.move_item("outcomes", 1, -1)
    assert doc.text() == HAND_WRITTEN


# EditorState: dirtiness, undo, files


@pytest.fixture
def design_file(tmp_path: Path) -> Path:
    path = tmp_path / "course.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def test_dirty_flag_follows_edits_saves_and_undo(design_file: Path) -> None:
    state = EditorState.open(design_file)
    assert not state.dirty
    assert not state.set(("course", "ects"), 2)  # the same value is no change
    assert not state.dirty
    assert state.set(("course", "ects"), 3)
    assert state.dirty
    state.save()
    assert not state.dirty
    state.set(("course", "code"), "NEG-2")
    assert state.dirty
    state.undo()
    assert not state.dirty  # back to what is on disk


def test_undo_and_redo_step_through_edits(design_file: Path) -> None:
    state = EditorState.open(design_file)
    state.set(("course", "ects"), 3)
    state.set(("summative", 0, "hours"), 6)
    assert state.undo()
    assert state.document.get(("summative", 0, "hours")) == 4
    assert state.document.get(("course", "ects")) == 3
    assert state.undo()
    assert state.document.get(("course", "ects")) == 2
    assert state.text() == HAND_WRITTEN
    assert not state.undo()
    assert state.redo()
    assert state.document.get(("course", "ects")) == 3
    assert state.redo()
    assert state.document.get(("summative", 0, "hours")) == 6
    assert not state.redo()


def test_a_new_edit_clears_redo(design_file: Path) -> None:
    state = EditorState.open(design_file)
    state.set(("course", "ects"), 3)
    state.undo()
    state.set(("course", "code"), "NEG-9")
    assert not state.redo()


def test_undo_brings_back_a_removed_item_and_its_references(design_file: Path) -> None:
    state = EditorState.open(design_file)
    state.remove_item("outcomes", 1)
    assert "LO2" not in references(state.document)
    state.undo()
    assert state.text() == HAND_WRITTEN


def test_undo_reverts_a_rename(design_file: Path) -> None:
    state = EditorState.open(design_file)
    assert state.rename_id("SA1", "SA-final") == 2
    state.undo()
    assert state.text() == HAND_WRITTEN


def test_save_writes_the_state_text_atomically(design_file: Path) -> None:
    state = EditorState.open(design_file)
    state.set(("course", "title"), "Negotiation for Buyers")
    state.save()
    assert design_file.read_text(encoding="utf-8") == state.text()
    assert sorted(p.name for p in design_file.parent.iterdir()) == ["course.yaml"]
    removed, added = changes(HAND_WRITTEN, design_file.read_text(encoding="utf-8"))
    assert len(removed) == len(added) == 1


def test_save_keeps_the_file_mode(design_file: Path) -> None:
    design_file.chmod(0o640)
    state = EditorState.open(design_file)
    state.set(("course", "ects"), 3)
    state.save()
    assert design_file.stat().st_mode & 0o777 == 0o640


def test_changed_on_disk_detects_an_external_write(design_file: Path) -> None:
    state = EditorState.open(design_file)
    assert not state.changed_on_disk()
    design_file.write_text(HAND_WRITTEN, encoding="utf-8")  # same bytes: nothing changed
    assert not state.changed_on_disk()
    design_file.write_text(HAND_WRITTEN.replace("ects: 2", "ects: 4"), encoding="utf-8")
    assert state.changed_on_disk()
    state.save()  # our version wins and becomes the new reference
    assert not state.changed_on_disk()


def test_changed_on_disk_for_a_file_deleted_meanwhile_is_false(design_file: Path) -> None:
    state = EditorState.open(design_file)
    design_file.unlink()
    assert not state.changed_on_disk()


def test_reload_takes_the_disk_version_and_keeps_ours_in_undo(design_file: Path) -> None:
    state = EditorState.open(design_file)
    state.set(("course", "code"), "OURS")
    theirs = HAND_WRITTEN.replace("ects: 2", "ects: 4")
    design_file.write_text(theirs, encoding="utf-8")
    state.reload()
    assert state.text() == theirs
    assert not state.dirty
    assert not state.changed_on_disk()
    state.undo()
    assert state.document.get(("course", "code")) == "OURS"


def test_recovery_round_trip(design_file: Path) -> None:
    state = EditorState.open(design_file)
    assert not state.write_recovery()  # nothing unsaved, nothing written
    assert not recovery_path(design_file).exists()
    state.set(("course", "code"), "NEG-RECOVERED")
    assert state.write_recovery()
    copy = recovery_path(design_file)
    assert copy.name == ".course.yaml.designer-recovery"
    assert copy.read_text(encoding="utf-8") == state.text()

    reopened = EditorState.open(design_file)
    pending = reopened.pending_recovery()
    assert pending == state.text()
    reopened.restore(pending)
    assert reopened.text() == state.text()
    assert reopened.dirty
    reopened.discard_recovery()
    assert not copy.exists()
    assert reopened.pending_recovery() is None


def test_a_recovery_copy_equal_to_the_file_is_dropped(design_file: Path) -> None:
    recovery_path(design_file).write_text(HAND_WRITTEN, encoding="utf-8")
    state = EditorState.open(design_file)
    assert state.pending_recovery() is None
    assert not recovery_path(design_file).exists()


def test_save_discards_the_recovery_copy(design_file: Path) -> None:
    state = EditorState.open(design_file)
    state.set(("course", "code"), "NEG-3")
    state.write_recovery()
    state.save()
    assert not recovery_path(design_file).exists()
    assert not any(name.endswith(".tmp") for name in os.listdir(design_file.parent))


# Stage gating


def state_for(tmp_path: Path, text: str) -> EditorState:
    path = tmp_path / "design.yaml"
    path.write_text(text, encoding="utf-8")
    return EditorState.open(path)


def test_locked_reason_for_summative_without_outcomes(tmp_path: Path) -> None:
    state = EditorState.create(tmp_path / "new.yaml", "Negotiation", 6, 3, "eu")
    reason = state.locked_reason("summative")
    assert reason is not None
    assert "outcome" in reason.lower()
    assert state.locked_reason("course") is None
    assert state.locked_reason("outcomes") is None


def test_locked_reason_for_formative_without_summative(tmp_path: Path) -> None:
    state = EditorState.create(tmp_path / "new.yaml", "Negotiation", 6, 3, "eu")
    state.add_item("outcomes", {"statement": "Plan a negotiation.", "domain": "skills"})
    assert state.locked_reason("summative") is None
    reason = state.locked_reason("formative")
    assert reason is not None
    assert "summative" in reason.lower()


def test_locked_reason_for_content_names_the_unassessed_outcome(tmp_path: Path) -> None:
    text = overlay(
        "summative:\n  - {id: SA1, title: Project, method: project, weight: 100, outcomes: [LO1]}\ncontent: []\n"
    )
    state = state_for(tmp_path, text)
    reason = state.locked_reason("content")
    assert reason is not None
    assert "LO2" in reason
    assert "LO1" not in reason


def test_locked_reason_is_none_for_a_stage_that_has_items(tmp_path: Path) -> None:
    # Content exists although LO2 is unassessed: an existing file is never locked out of its own items.
    text = overlay("summative:\n  - {id: SA1, title: Project, method: project, weight: 100, outcomes: [LO1]}\n")
    state = state_for(tmp_path, text)
    assert state.document.section("content")
    assert state.locked_reason("content") is None
    for stage in ("course", "outcomes", "summative", "formative", "review"):
        assert state.locked_reason(stage) is None
