"""Behaviour that mutation testing (`make mutate`) showed no other test would notice.

Each test here was written against a mutant of the rules or the loader that the
rest of the suite let live: a halved node budget, a suppression comment that
stops at a space, a loader that prunes the caller's data, an exit code that
does not follow severity.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from conftest import overlay

from designer.cli import main
from designer.frameworks import load_framework
from designer.model.loader import DEFAULT_LIMITS, load_data, load_text
from designer.rules.config import Settings
from designer.rules.engine import lint_data, lint_text
from designer.rules.registry import BY_CODE
from tests.test_rule_cases import lint_exit_code

# --- the node budget -------------------------------------------------------------

# `format`, `course`, `towards` and the document itself are four nodes; each title adds one.
FIXED_NODES = 4


def _design_with_nodes(total: int) -> str:
    titles = ", ".join("A" for _ in range(total - FIXED_NODES))
    return f"format: 1\ncourse:\n  towards: [{titles}]\n"


def test_a_file_just_under_the_default_node_budget_loads() -> None:
    budget = DEFAULT_LIMITS["max_nodes"]
    loaded = load_text(_design_with_nodes(budget))
    assert loaded.findings == []
    assert loaded.design is not None and len(loaded.design.course.towards) == budget - FIXED_NODES


def test_a_file_one_node_over_the_default_budget_is_refused_with_the_figure() -> None:
    budget = DEFAULT_LIMITS["max_nodes"]
    loaded = load_text(_design_with_nodes(budget + 1))
    assert loaded.design is None
    assert [(f.code, f.line, f.path) for f in loaded.findings] == [("ST002", 3, "<string>")]
    assert f"expands to more than {budget} nodes" in loaded.findings[0].message


def test_lint_applies_the_framework_node_budget_exactly() -> None:
    budget = load_framework().limits["max_nodes"]
    assert lint_text(_design_with_nodes(budget)).loaded.design is not None
    over = lint_text(_design_with_nodes(budget + 1))
    assert over.loaded.design is None
    assert [f.message for f in over.findings if f.code == "ST002"] == [
        f"the document expands to more than {budget} nodes (an alias bomb?); not read further"
    ]


def _nested(depth: int, opening: str, closing: str) -> str:
    """A design whose deepest value sits `depth` levels below the document (course.towards is at depth 2)."""
    return "format: 1\ncourse:\n  towards: " + opening * (depth - 2) + "A" + closing * (depth - 2) + "\n"


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_nesting_at_the_depth_limit_loads_and_one_deeper_is_refused(opening: str, closing: str) -> None:
    limit = DEFAULT_LIMITS["max_depth"]
    at_limit = load_text(_nested(limit, opening, closing))
    assert at_limit.data is not None
    assert not [f for f in at_limit.findings if f.code == "ST002"]
    deeper = load_text(_nested(limit + 1, opening, closing))
    assert [(f.line, f.message, f.path) for f in deeper.findings] == [
        (3, f"nesting deeper than {limit} levels; not read further", "<string>")
    ]


# --- suppression comments ----------------------------------------------------------

# ects 0.1 is below the EU range (WL002) and 20 h per ECTS below the EU band (WL004), both on line 2
# (MI001 names the course line too). WL001 stays quiet: with the credits out of range, WL002 is the root cause.
TINY_ECTS = (
    "format: 1\ncourse: {{title: Spend analytics, ects: 0.1, hours_per_ects: 20}}{comment}\n"
    "summative:\n  - {{id: SA1, hours: 24}}\n"
)


def _codes_on_the_ects_line(comment: str) -> set[str]:
    result = lint_text(TINY_ECTS.format(comment=comment))
    return {f.code for f in result.findings if f.line == 2 and f.code.startswith("WL")}


def test_both_course_findings_fire_without_a_comment() -> None:
    assert _codes_on_the_ects_line("") == {"WL002", "WL004"}


@pytest.mark.parametrize(
    "comment",
    [
        "  # designer: ignore[WL004, WL002]",
        "  # designer: ignore[WL002,WL004]",
        "  # designer:ignore[ wl004 ,  wl002 ]",
        "  # reviewed by QA  # designer: ignore[MI001, WL004, WL002]",
    ],
)
def test_a_comment_suppresses_every_code_it_lists(comment: str) -> None:
    assert _codes_on_the_ects_line(comment) == set()


def test_a_comment_suppresses_only_the_codes_it_lists() -> None:
    assert _codes_on_the_ects_line("  # designer: ignore[MI001, WL002]") == {"WL004"}


def test_a_comment_on_another_line_suppresses_nothing_here() -> None:
    text = TINY_ECTS.format(comment="").replace("format: 1", "format: 1  # designer: ignore[WL004, WL002]")
    assert {f.code for f in lint_text(text).findings if f.line == 2 and f.code.startswith("WL")} == {"WL002", "WL004"}


# --- the loader never changes the caller's data -----------------------------------

INVALID_VALUES: dict[str, object] = {
    "course": {"ects": "lots", "eqf_level": 6.5},
    "outcomes": [
        {"id": "LO1", "statement": "Analyse spend data to find savings opportunities.", "domain": "skills"},
        {"id": "LO2", "statement": ["not", "text"], "domain": "knowledge"},
    ],
    "summative": [
        {"id": "SA1", "title": "Project", "method": "project", "weight": 100, "hours": 24, "outcomes": ["LO1"]},
        "not a mapping",
        {"id": "SA3", "title": "Exam", "method": "written-exam", "weight": "half", "outcomes": "LO2"},
    ],
}
# Invalid values alone (the loader copies before pruning them), and with unknown keys too (pruned first).
BROKEN_DRAFTS = {
    "invalid-values": overlay(INVALID_VALUES),
    "invalid-values-and-unknown-keys": overlay(
        {**INVALID_VALUES, "course": {"ects": "lots", "eqf_level": 6.5, "titel": "Spend"}, "notes": "x"}
    ),
}
# ects, eqf_level, LO2's statement, the second summative, SA3's weight and outcomes
INVALID_COUNT = 6


def _raw_and_source(name: str) -> tuple[dict[str, object], object]:
    loaded = load_text(BROKEN_DRAFTS[name])
    assert loaded.data is not None
    return loaded.data, loaded.source


@pytest.mark.parametrize("name", BROKEN_DRAFTS)
def test_load_data_reports_invalid_values_without_pruning_the_callers_data(name: str) -> None:
    data, source = _raw_and_source(name)
    before = copy.deepcopy(data)
    loaded = load_data(data, source, "draft.yaml")  # type: ignore[arg-type]
    assert len([f for f in loaded.findings if f.code == "ST006"]) == INVALID_COUNT
    assert loaded.design is not None and loaded.design.course.ects is None
    assert data == before


@pytest.mark.parametrize("name", BROKEN_DRAFTS)
def test_lint_data_leaves_the_editors_data_as_it_was(name: str) -> None:
    data, source = _raw_and_source(name)
    before = copy.deepcopy(data)
    result = lint_data(data, source, "draft.yaml")  # type: ignore[arg-type]
    assert len([f for f in result.findings if f.code == "ST006"]) == INVALID_COUNT
    assert data == before


@pytest.mark.parametrize("name", BROKEN_DRAFTS)
def test_load_text_keeps_the_invalid_values_in_its_raw_data(name: str) -> None:
    loaded = load_text(BROKEN_DRAFTS[name])
    assert loaded.data == yaml.safe_load(BROKEN_DRAFTS[name])
    assert loaded.design is not None and loaded.design.course.ects is None
    assert ("course", "ects") in loaded.invalid


# --- exit codes follow severity ------------------------------------------------------

EXIT_CASES = [
    # (code, snippet laid over the base design, its severity by the rule's intent)
    (
        "AL004",
        {
            "formative": [
                {
                    "id": "FC1",
                    "title": "Quiz",
                    "method": "quiz",
                    "week": 2,
                    "hours": 5,
                    "outcomes": [],
                    "prepares": ["SA1"],
                },
                {
                    "id": "FC2",
                    "title": "Review",
                    "method": "peer-review",
                    "week": 3,
                    "hours": 5,
                    "outcomes": ["LO1"],
                    "prepares": ["SA1"],
                },
            ]
        },
        "warning",
    ),
    (
        "AL006",
        {
            "summative": [
                {
                    "id": "SA1",
                    "title": "Project",
                    "method": "project",
                    "weight": 90,
                    "hours": 24,
                    "week": 5,
                    "outcomes": ["LO1", "LO2"],
                }
            ]
        },
        "error",
    ),
    ("LV001", {"course": {"eqf_level": 9}}, "error"),
    ("WL001", {"course": {"ects": 6}}, "warning"),
    (
        "AL010",
        {
            "formative": [
                {
                    "id": "FC1",
                    "title": "Quiz",
                    "method": "quiz",
                    "week": 2,
                    "hours": 5,
                    "outcomes": ["LO1", "LO2"],
                    "prepares": [],
                }
            ]
        },
        "info",
    ),
]


@pytest.mark.parametrize(("code", "snippet", "severity"), EXIT_CASES, ids=[c[0] for c in EXIT_CASES])
def test_the_cli_exit_code_is_the_rule_the_cases_state(
    code: str, snippet: dict[str, object], severity: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tests/rule_cases state exit codes through lint_exit_code; the real CLI must agree with it."""
    assert BY_CODE[code].severity.value == severity
    design = tmp_path / "course.yaml"
    design.write_text(overlay(snippet), encoding="utf-8")
    result = lint_text(design.read_text(encoding="utf-8"), settings=Settings(select=[code]))
    assert result.findings and {f.severity.value for f in result.findings} == {severity}
    plain = main(["lint", str(design), "--select", code, "--jobs", "1", "--format", "json"])
    strict = main(["lint", str(design), "--select", code, "--jobs", "1", "--format", "json", "--strict"])
    capsys.readouterr()
    want = {"error": (1, 1), "warning": (0, 1), "info": (0, 0)}[severity]
    assert (plain, strict) == want
    assert (lint_exit_code(result, strict=False), lint_exit_code(result, strict=True)) == want
