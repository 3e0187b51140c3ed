"""The export-readiness rules (EX) run only when asked for, and say which field each export format lacks.

Each rule's own cases are in tests/rule_cases/EX*.yaml; here: the opt-in selection, the samples, the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import ROOT, overlay

from designer.cli import main
from designer.frameworks.exports import isced_f, language_tag, readiness
from designer.paths import sample_designs
from designer.rules.config import Settings
from designer.rules.engine import lint_file, lint_text
from designer.rules.export import ExportRule
from designer.rules.registry import RULES, export_codes

SAMPLES = ROOT / "sample_courses"
EXPORT_RULES = [rule for rule in RULES if isinstance(rule, ExportRule)]
# The base design (tests/fixtures/base.yaml) lacks what ELM needs and an issuer URI; this makes it ready.
READY = {
    "course": {
        "homepage": "https://www.example.edu/courses/spend-analytics",
        "isced_f": "0413",
        "learning_setting": "non-formal",
        "awarding_bodies": [{"name": "Test University", "country": "BE", "identifier": "https://ror.org/008x57b05"}],
    }
}


def _codes(text: str, settings: Settings | None = None) -> list[str]:
    return [f.code for f in lint_text(text, settings=settings).findings]


def test_every_export_rule_is_opt_in_and_only_they_are() -> None:
    assert [r.code for r in EXPORT_RULES] == [f"EX{n:03d}" for n in range(1, len(EXPORT_RULES) + 1)]
    assert [r.code for r in RULES if r.opt_in] == [r.code for r in EXPORT_RULES]


@pytest.mark.parametrize("path", sample_designs(), ids=lambda p: p.stem)
def test_plain_lint_of_a_sample_runs_no_export_rule(path: Path) -> None:
    assert [f.code for f in lint_file(path).findings] == []


def _without_export_fields(path: Path, tmp_path: Path) -> Path:
    """A copy of a sample without its homepage, ISCED-F area and learning setting (comments kept)."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.lstrip().startswith(("homepage:", "isced_f:", "learning_setting:"))
    ]
    copy = tmp_path / path.name
    copy.write_text("".join(lines), encoding="utf-8")
    return copy


def test_select_ex_passes_the_samples_and_names_what_a_copy_lacks(tmp_path: Path) -> None:
    # The samples are export-ready; a copy without the three export fields gets one finding for each.
    for path in sample_designs():
        assert [f.code for f in lint_file(path, Settings(select=["EX"])).findings] == [], path.name
        found = [f.code for f in lint_file(_without_export_fields(path, tmp_path), Settings(select=["EX"])).findings]
        assert sorted(found) == ["EX001", "EX002", "EX006"], path.name


def test_base_design_gives_export_findings_only_when_selected() -> None:
    text = overlay({})
    assert _codes(text) == []
    selected = _codes(text, Settings(select=["EX"]))
    assert sorted(set(selected)) == ["EX001", "EX002", "EX004", "EX006"]


def test_a_ready_design_gives_no_export_finding() -> None:
    assert _codes(overlay(READY), Settings(select=["EX"])) == []


def test_naming_one_code_runs_that_rule_alone() -> None:
    assert _codes(overlay({}), Settings(select=["EX004"])) == ["EX004"]


def test_a_one_letter_prefix_or_another_family_does_not_opt_in() -> None:
    text = overlay({"course": {"ects": 2}})  # a workload warning, so the selection is seen to run something
    assert "EX001" not in _codes(text, Settings(select=["E"]))
    assert set(_codes(text, Settings(select=["WL"]))) == {"WL001"}


def test_ignore_wins_over_select_for_opt_in_rules() -> None:
    assert _codes(overlay({}), Settings(select=["EX"], ignore=["EX0"])) == []
    assert "EX004" not in _codes(overlay({}), Settings(select=["EX"], ignore=["EX004"]))


def test_settings_enabled_opt_in() -> None:
    assert Settings().enabled("EX001") is True  # a finding already made is kept
    assert Settings().enabled("EX001", opt_in=True) is False
    assert Settings(select=["EX"]).enabled("EX001", opt_in=True) is True
    assert Settings(select=["AL", "EX001"]).enabled("EX002", opt_in=True) is False
    assert Settings(select=["EX"]).enabled("AL001") is False


def test_cli_plain_lint_is_clean_and_select_ex_warns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    unready = _without_export_fields(sample_designs()[0], tmp_path)
    assert main(["lint", "--color", "never", str(unready)]) == 0
    assert "EX0" not in capsys.readouterr().out
    assert main(["lint", "--color", "never", "--select", "EX", str(unready)]) == 0  # warnings fail only with --strict
    out = capsys.readouterr().out
    assert "EX001 no course.homepage for export" in out
    assert main(["lint", "--color", "never", "--select", "EX", "--strict", str(unready)]) == 1
    assert main(["lint", "--color", "never", "--select", "EX", "--strict", str(SAMPLES)]) == 0


def test_export_codes_follow_the_data() -> None:
    needs = readiness().needs
    for fmt in readiness().formats:
        expected = [rule.code for rule in EXPORT_RULES if fmt in needs[rule.need].formats]
        assert export_codes(fmt) == expected
    # ELM alone asks for the learning setting, Open Badges alone for the description.
    assert "EX006" in export_codes("elm") and "EX006" not in export_codes("ob3")
    assert "EX009" in export_codes("ob3") and "EX009" not in export_codes("elm")
    assert export_codes("pdf") == []


def test_every_rule_names_an_entry_of_the_readiness_data() -> None:
    for rule in EXPORT_RULES:
        assert rule.need in readiness().needs, rule.code
        for fmt in readiness().needs[rule.need].formats:
            assert fmt in readiness().formats, f"{rule.need}: unknown format {fmt}"


def test_every_readiness_field_is_a_field_of_the_design_format() -> None:
    from designer.model.design import Design

    for need, entry in readiness().needs.items():
        model: Any = Design
        for part in entry.field.split("."):
            assert part in model.model_fields, f"{need}: {entry.field} is not a design field ({part})"
            annotation = model.model_fields[part].annotation
            # Step into the model a field holds (a section, a list of them, or an optional one).
            inner = [a for a in (annotation, *get_args(annotation)) for a in (a, *get_args(a)) if isinstance(a, type)]
            model = next((a for a in inner if hasattr(a, "model_fields")), None)
    # The course-field rules check the field their entry names.
    assert {rule.code: rule.field for rule in EXPORT_RULES if hasattr(rule, "field")} == {
        "EX001": "homepage",
        "EX002": "isced_f",
        "EX005": "language",
        "EX006": "learning_setting",
        "EX009": "summary",
    }


def test_isced_f_list_has_the_three_levels() -> None:
    fields = isced_f().fields
    assert fields["04"] == "Business, administration and law"
    assert fields["041"] == "Business and administration"
    assert fields["0413"] == "Management and administration"
    assert all(code.isdigit() and 2 <= len(code) <= 4 for code in fields)
    # Every detailed field sits under a narrow field, which sits under a broad one.
    assert all(code[:-1] in fields for code in fields if len(code) > 2)


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en_gb", "en-GB"),
        ("sr-latn-rs", "sr-Latn-RS"),
        (" ", None),
        # Variants (neither a script nor a region) are lower case, after a region that is not.
        ("ca_es_VALENCIA", "ca-ES-valencia"),
        ("SL-IT-ROZAJ", "sl-IT-rozaj"),
    ],
)
def test_language_tag(written: str, tag: str | None) -> None:
    assert language_tag(written) == tag
