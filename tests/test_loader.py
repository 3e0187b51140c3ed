"""The loader reads what a YAML parser reads, and knows where each node is."""

from __future__ import annotations

import yaml
from conftest import ROOT

from designer.model.loader import load_text


def test_data_equals_a_plain_safe_load() -> None:
    for path in [*sorted((ROOT / "sample_courses").glob("*.yaml")), ROOT / "tests" / "fixtures" / "base.yaml"]:
        text = path.read_text(encoding="utf-8")
        loaded = load_text(text, str(path))
        assert loaded.data == yaml.safe_load(text)
        assert loaded.design is not None and not loaded.findings


def test_scalars_resolve_like_yaml() -> None:
    text = "format: 1\ncourse:\n  ects: 2.5\n  eqf_level: 0x7\n  code: 'TEST'\n  title: null\n  edition: 2024-01-01\n"
    loaded = load_text(text)
    expected = yaml.safe_load(text)
    assert loaded.data is not None
    course = loaded.data["course"]
    assert course["ects"] == 2.5 and course["eqf_level"] == 7 and course["title"] is None
    # Dates stay text: an edition is a label, not a timestamp.
    assert course["edition"] == "2024-01-01" and expected["course"]["code"] == course["code"]


def test_positions_point_at_nodes() -> None:
    text = "format: 1\noutcomes:\n  - id: LO1\n    statement: Analyse data.\n  - {id: LO2, statement: Explain.}\n"
    loaded = load_text(text)
    assert loaded.mark(("outcomes", 0)).line == 3
    assert loaded.mark(("outcomes", 0, "statement")).line == 4
    assert loaded.mark(("outcomes", 0, "statement")).column == 16
    assert loaded.mark(("outcomes", 1, "statement")).line == 5
    assert loaded.mark(("outcomes",), key=True).line == 2
    # A path that does not exist falls back to its nearest ancestor.
    assert loaded.mark(("outcomes", 1, "domain")).line == 5


def test_merge_keys_are_honoured() -> None:
    text = (
        "format: 1\nsummative:\n  - &base {id: SA1, title: Project, method: project, weight: 100, hours: 20, outcomes: [LO1]}\n"
        "formative:\n  - {<<: *base, id: FC1, method: quiz}\n"
    )
    loaded = load_text(text)
    assert loaded.data is not None
    assert loaded.data["formative"][0]["title"] == "Project"
    assert loaded.data["formative"][0]["method"] == "quiz"


def test_a_draft_with_only_a_format_loads() -> None:
    loaded = load_text("format: 1\n")
    assert loaded.design is not None and not loaded.findings
    assert loaded.design.outcomes == []


def test_empty_sections_load_as_empty_lists() -> None:
    loaded = load_text("format: 1\ncourse:\n  title: Draft\noutcomes:\nsummative:\n")
    assert loaded.design is not None and loaded.design.summative == [] and not loaded.findings


def test_unknown_keys_are_reported_not_dropped_from_the_raw_data() -> None:
    loaded = load_text("format: 1\ncourse:\n  titel: Draft\n")
    assert [f.code for f in loaded.findings] == ["ST005"]
    assert "did you mean 'title'?" in loaded.findings[0].message
    assert loaded.data == {"format": 1, "course": {"titel": "Draft"}}


def test_scalars_are_built_as_pyyaml_builds_them() -> None:
    """The walk builds int, float, bool and null itself (no PyYAML constructor can raise); same values."""
    forms = [
        "0", "-0", "+5", "1_000", "0b101", "-0b1_0", "0x1F", "017", "0_17", "1:30", "-1:0:0", "999999999999999",
        "1.5", "-.5", "1.5e+3", "1_0.5", "1:30.5", ".inf", "-.Inf", "+.INF",
        "yes", "No", "TRUE", "off", "On", "~", "null", "NULL", "",
        "!!int 7", "!!float 7", "!!float 1e5", "!!bool yes", "!!null ~",
    ]  # fmt: skip
    text = "values:\n" + "".join(f"  - {form}\n" for form in forms)
    loaded = load_text(text)
    # Not a design (no format: 1), but the data is read all the same, with nothing said about a value.
    assert [f.code for f in loaded.findings] == ["ST003"]
    assert loaded.data == yaml.safe_load(text)
    built = loaded.data["values"] if loaded.data else []
    expected = yaml.safe_load(text)["values"]
    assert [type(v) for v in built] == [type(v) for v in expected]
    nan = load_text("values: [.nan, .NaN]\n").data
    assert nan is not None and all(v != v for v in nan["values"])
