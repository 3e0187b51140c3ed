"""Framework files: typed after `extends:` merging, errors with file, line and column, and the shared workload."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, overlay

from designer.cli import main
from designer.frameworks import FrameworkError, builtin_ids, load_framework
from designer.model.workload import Workload
from designer.paths import sample_designs
from designer.rules.engine import lint_text

BAD_HOURS = "extends: eu\nid: qa\nects:\n  hours_per_credit: {min: lots, max: 30}\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path))
    return str(caught.value)


# Every shipped framework loads into typed sections


@pytest.mark.parametrize("ident", builtin_ids())
def test_every_builtin_framework_loads(ident: str) -> None:
    framework = load_framework(ident)
    assert framework.id == ident
    band = framework.ects.hours_per_credit
    assert 0 < band.min <= band.max
    assert framework.alignment.weight_total == 100
    assert framework.vocabulary("summative_method")


def test_national_frameworks_change_only_what_they_name() -> None:
    spain, netherlands = load_framework("es"), load_framework("nl")
    assert (spain.ects.credits.max, spain.ects.credits.max_exclusive) == (15, True)
    assert (netherlands.ects.hours_per_credit.min, netherlands.ects.hours_per_credit.max) == (28, 28)
    # Inherited from eu, untouched.
    assert spain.alignment.weight_tolerance == load_framework("eu").alignment.weight_tolerance == 0.01
    assert netherlands.method("project") is not None and netherlands.method("project").authentic  # type: ignore[union-attr]


def test_norway_is_a_country() -> None:
    # Unquoted, YAML 1.1 reads NO as false; the typed list would refuse it and the rule refused 'NO'.
    assert "NO" in load_framework("eu").countries
    result = lint_text(overlay('course: {awarding_bodies: [{name: Universitetet i Oslo, country: "NO"}]}\n'))
    assert [f.message for f in result.findings if f.code == "ST006"] == []


# A bad file names the file that set the value, with its line and column


def test_a_value_that_is_not_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.yaml", BAD_HOURS)
    assert error_of(path) == f"{path}:4:27: ects.hours_per_credit.min: Input should be a valid number, not 'lots'"


def test_a_quoted_number_is_not_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.yaml", 'extends: eu\nalignment:\n  weight_tolerance: "0.5"\n')
    assert error_of(path).startswith(f"{path}:3:21: alignment.weight_tolerance: Input should be a valid number")


def test_an_unknown_key_is_named_at_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.yaml", "extends: eu\nalignment:\n  weight_total: 100\n  weight_tolerence: 0.5\n")
    assert error_of(path) == f"{path}:4:3: alignment.weight_tolerence: unknown key"


def test_a_missing_section_is_named(tmp_path: Path) -> None:
    text = (ROOT / "frameworks" / "eu.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data["limits"]
    path = write(tmp_path, "standalone.yaml", yaml.safe_dump(data, sort_keys=False))
    assert error_of(path) == f"{path}:1:1: limits: missing (extend 'eu' to inherit it)"


def test_a_missing_key_inside_a_section_points_at_the_section(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.yaml", "extends: eu\neqf:\n  levels:\n    9: {knowledge: k, skills: s}\n")
    message = error_of(path)
    assert message.startswith(f"{path}:4:8: eqf.levels.9.responsibility_autonomy: missing")


def test_the_file_that_set_the_value_is_named_through_extends(tmp_path: Path) -> None:
    parent = write(tmp_path, "qa.yaml", BAD_HOURS)
    child = write(tmp_path, "faculty.yaml", "extends: qa.yaml\nname: Faculty of Law\n")
    assert error_of(child).startswith(f"{parent}:4:27: ects.hours_per_credit.min:")


def test_a_child_that_fixes_the_value_loads(tmp_path: Path) -> None:
    write(tmp_path, "qa.yaml", BAD_HOURS)
    child = write(tmp_path, "faculty.yaml", "extends: qa.yaml\nects:\n  hours_per_credit: {min: 26}\n")
    assert load_framework(str(child)).ects.hours_per_credit.min == 26


def test_a_bad_item_in_a_replaced_list_is_placed_in_the_child(tmp_path: Path) -> None:
    # Lists replace whole: the second level's empty label comes from the child, not from eu.
    text = "extends: eu\nbloom:\n  levels:\n    - {id: remember, label: Remember}\n    - {id: understand, label: 7}\n"
    path = write(tmp_path, "qa.yaml", text)
    assert error_of(path).startswith(f"{path}:5:31: bloom.levels.1.label: Input should be a valid string, not 7")


def test_a_framework_adapts_a_languages_wording(tmp_path: Path) -> None:
    # A QA office adds a verb and a vague phrase for English; the rest of en.yaml stays.
    text = (
        "extends: eu\nwording:\n  en:\n"
        "    verbs: {apply: [apply, use, wield]}\n"
        "    avoid: [{phrase: grok, suggest: understand}]\n"
    )
    framework = load_framework(str(write(tmp_path, "qa.yaml", text)))
    assert framework.leading_verb("Wield the tender rules.") is not None
    assert framework.leading_verb("Wield the tender rules.").level.id == "apply"  # type: ignore[union-attr]
    assert framework.leading_verb("Design a savings plan.").level.id == "create"  # type: ignore[union-attr]
    vague = framework.reading("Grok tender law.").vague  # type: ignore[union-attr]
    assert vague is not None and vague.phrase == "grok" and vague.suggest.id == "understand"
    assert framework.reading("Understand tender law.").vague is None  # type: ignore[union-attr]  # en's avoid list replaced


def test_a_design_naming_a_framework_with_a_bad_wording_override_gets_one_st006(tmp_path: Path) -> None:
    write(tmp_path, "qa.yaml", "extends: eu\nwording:\n  es:\n    avoid: [{phrase: conocer, suggest: wisdom}]\n")
    design = tmp_path / "course.yaml"
    outcomes = [
        {"id": "LO1", "statement": "Analizar los datos de gasto.", "domain": "skills"},
        {"id": "LO2", "statement": "Explicar las fases de una licitación.", "domain": "knowledge"},
    ]
    patch = {"course": {"framework": "qa.yaml", "language": "es"}, "outcomes": outcomes}
    design.write_text(overlay(patch), encoding="utf-8")
    from designer.rules.engine import lint_file

    codes = [(f.code, f.message) for f in lint_file(design).findings]
    assert [code for code, _ in codes] == ["ST006"], codes
    assert "avoid.0.suggest: no Bloom level 'wisdom'" in codes[0][1] and "checked against eu" in codes[0][1]


def test_a_wording_override_naming_an_unknown_level_is_placed(tmp_path: Path) -> None:
    text = "extends: eu\nwording:\n  en:\n    avoid: [{phrase: grok, suggest: wisdom}]\n"
    path = write(tmp_path, "qa.yaml", text)
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path))  # refused when loaded, like any other bad value in a framework
    assert str(caught.value).startswith(f"{path}:") and "avoid.0.suggest: no Bloom level 'wisdom'" in str(caught.value)


def test_a_vague_noun_with_a_gap_is_refused_at_its_place(tmp_path: Path) -> None:
    text = (
        "extends: eu\nwording:\n  en:\n    vague_nouns:\n      - {phrase: grounding, suggest: remember}\n"
        "      - {phrase: 'gain … grounding', suggest: remember}\n"
    )
    path = write(tmp_path, "qa.yaml", text)
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path)).wording("en")
    assert str(caught.value) == (
        f"{path}:6:18: vague_nouns.1.phrase: a noun is read as written: '…' (a gap of words) belongs in `avoid` phrases"
    )
    # An unknown level is refused as it is for `avoid`.
    path.write_text(text.replace("'gain … grounding', suggest: remember", "insight, suggest: wisdom"), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"vague_nouns\.1\.suggest: no Bloom level 'wisdom'"):
        load_framework(str(path)).wording("en")


def test_a_reference_to_an_unknown_bloom_level(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.yaml", "extends: eu\nsummative_methods:\n  viva: {max_bloom: wisdom, authentic: true}\n")
    message = error_of(path)
    assert message.startswith(f"{path}:3:21: summative_methods.viva.max_bloom: no Bloom level 'wisdom' (remember,")


def test_a_band_upside_down(tmp_path: Path) -> None:
    path = write(tmp_path, "qa.yaml", "extends: eu\nects:\n  hours_per_credit: {min: 30, max: 25}\n")
    assert error_of(path) == f"{path}:3:36: ects.hours_per_credit.max: max 25 is below min 30"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("extends: [eu]\n", ":1:10: extends: give a framework id or a path to a .yaml file"),
        ("extends: atlantis\n", ":1:10: extends: unknown framework 'atlantis'"),
        ("!!int", ": framework is not valid YAML: IndexError"),
        ("- eu\n", ":1:1: a framework file must be a mapping"),
        ("ects: {hours_per_credit: [\n", ": framework is not valid YAML"),
    ],
)
def test_unreadable_framework_files(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "qa.yaml", text)
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message, message


def test_a_framework_that_extends_itself(tmp_path: Path) -> None:
    path = write(tmp_path, "loop.yaml", "extends: loop.yaml\n")
    assert "extends itself" in error_of(path)


def test_a_name_too_long_for_the_file_system() -> None:
    with pytest.raises(FrameworkError, match=r"cannot look up framework 'x{60}…': File name too long"):
        load_framework("x" * 5000)


# A design naming a malformed framework: a finding on that design, not an aborted run


def test_a_malformed_framework_is_a_finding_on_the_design(tmp_path: Path) -> None:
    framework = write(tmp_path, "qa.yaml", BAD_HOURS)
    text = overlay("course: {framework: qa.yaml, ects: 6}\n")
    result = lint_text(text, str(tmp_path / "course.yaml"))
    st006 = [f for f in result.findings if f.code == "ST006"]
    assert len(st006) == 1
    assert st006[0].line == text.splitlines().index("  framework: qa.yaml") + 1
    assert f"{framework}:4:27: ects.hours_per_credit.min" in st006[0].message
    assert st006[0].message.endswith("; checked against eu")
    # The other rules still ran, against eu.
    assert any(f.code == "WL001" and "150-180 h" in f.message for f in result.findings)


def test_lint_reports_every_file_when_one_names_a_malformed_framework(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "qa.yaml", BAD_HOURS)
    folder = tmp_path / "designs"
    folder.mkdir()
    write(folder, "a-clean.yaml", overlay("course: {framework: eu}\n"))
    write(folder, "b-bad-framework.yaml", overlay("course: {framework: ../qa.yaml}\n"))
    heavy_exam = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 60, week: 5, outcomes: [LO1, LO2], criteria: A rubric}\n"
    write(folder, "c-workload.yaml", overlay(heavy_exam))
    assert main(["lint", "--format", "json", "--jobs", "1", str(folder)]) == 1
    report = json.loads(capsys.readouterr().out)
    codes = sorted((Path(f["path"]).name, f["code"]) for f in report["findings"])
    # The file after the bad one is still linted; the clean one stays clean.
    assert codes == [("b-bad-framework.yaml", "ST006"), ("c-workload.yaml", "WL001")]
    assert report["summary"]["files"] == 3


# Weights: the tolerance is the framework's, and sums are exact


def test_weights_sum_as_written() -> None:
    eu = load_framework("eu")
    assert eu.weights_total([33.33, 33.33, 33.33]) == (99.99, True)
    assert eu.weights_total([60, 39.99]) == (99.99, True)
    assert eu.weights_total([60, 39.98]) == (99.98, False)
    # A half-typed weight in the editor counts as none.
    assert eu.weights_total([100, "1", True, math.nan, math.inf]) == (100, True)


def test_weight_tolerance_comes_from_the_framework(tmp_path: Path) -> None:
    write(tmp_path, "strict.yaml", "extends: eu\nalignment:\n  weight_tolerance: 0\n")
    one_item = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 99.99, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    path = str(tmp_path / "course.yaml")
    assert not [f for f in lint_text(overlay(one_item), path).findings if f.code == "AL006"]
    strict = lint_text(overlay(one_item + "course: {framework: strict.yaml}\n"), path)
    assert [f.message for f in strict.findings if f.code == "AL006"] == ["summative weights add to 99.99, not 100"]


# The workload: one object for the rule, the specification and the editor


def test_workload_parts_total_band_and_label() -> None:
    workload = Workload.of(
        load_framework("eu"), {"content": [30, 20], "formative": [1, 2, 2], "summative": [24]}, 3, None
    )
    assert workload.parts == {"content": 50, "formative": 5, "summative": 24}
    assert (workload.total, workload.low, workload.high, workload.position) == (79, 75, 90, "within")
    assert workload.label() == "79 h, within 75-90 h for 3 ECTS at 25-30 h per ECTS"
    assert workload.rate(dash="–") == "25–30 h per ECTS"
    assert workload.gap == 0
    assert workload.shares == {"content": 63, "formative": 6, "summative": 30}


def test_workload_fixed_rate_and_gap() -> None:
    framework = load_framework("eu")
    over = Workload.of(framework, {"content": [100]}, 3, 25)
    assert (over.low, over.high, over.position, over.gap) == (67.5, 82.5, "above", 17.5)
    assert over.label() == "100 h, above 67.5-82.5 h for 3 ECTS at 25 h per ECTS"
    short = Workload.of(load_framework("nl"), {"summative": [75.5]}, 3, None)
    assert (short.low, short.high, short.position, short.gap) == (75.6, 92.4, "below", 0.1)


def test_workload_without_ects_has_no_band() -> None:
    workload = Workload.of(load_framework("eu"), {"content": [10]}, None, None)
    assert (workload.low, workload.high, workload.position) == (None, None, None)
    assert workload.label() == "10 h planned; no ECTS credits, so no expected band"


def test_workload_ignores_what_is_not_a_number() -> None:
    # The editor reads a half-typed document: text, bools, inf, nan and huge numbers count as no hours.
    raw = {"content": [10, "12", True, None, math.inf, math.nan, 10**400, 2.5]}
    workload = Workload.of(load_framework("eu"), raw, "3", -1)
    assert (workload.total, workload.ects, workload.rate_low) == (12.5, None, 25)


@pytest.mark.parametrize("sample", sample_designs(), ids=lambda p: p.stem)
def test_editor_and_rules_build_the_same_workload(sample: Path) -> None:
    """The editor builds its Workload from the raw document; the rules from the validated design."""
    result = lint_text(sample.read_text(encoding="utf-8"), str(sample))
    assert result.context is not None and result.framework is not None
    raw = yaml.safe_load(sample.read_text(encoding="utf-8"))
    hours = {
        kind: [item.get("hours") for item in raw.get(kind) or []] for kind in ("content", "formative", "summative")
    }
    course = raw["course"]
    from_document = Workload.of(result.framework, hours, course.get("ects"), course.get("hours_per_ects"))
    assert from_document == result.context.workload


def test_hours_past_the_largest_float_are_reported_not_crashed() -> None:
    # The editor builds its workload from the raw document, where two 1e308 hours add up to inf.
    workload = Workload.of(load_framework("eu"), {"summative": [24, 1.0e308, 1.0e308]}, 3, None)
    assert workload.total == math.inf and workload.position == "above"
    assert workload.shares == {"content": 0, "formative": 0, "summative": 0}
    assert workload.label() == "inf h, above 75-90 h for 3 ECTS at 25-30 h per ECTS"
    # The linter's loader refuses such a figure before any rule sums it.
    huge = (
        "summative:\n"
        "  - {id: SA1, title: Savings project, method: project, weight: 50, hours: 24, week: 5, outcomes: [LO1]}\n"
        "  - {id: SA2, title: Tender exam, method: written-exam, weight: 50, hours: 1.0e+308, week: 6, outcomes: [LO2]}\n"
    )
    result = lint_text(overlay(huge))
    assert [f.message for f in result.findings if f.code == "ST006"] == [
        "number too large: '1.0e+308'; a figure in a design has at most 15 digits (quote it if it is text)"
    ]


# Every number in a shipped framework names its source in the file


SOURCE = re.compile(r"#.*\bsource:(?P<text>.*)", re.IGNORECASE)
# A source is a link to the law, regulation or guidance, or says plainly that the figure is the tool's own.
CITED = re.compile(r"https?://|designer's own", re.IGNORECASE)


def _comment_block(lines: list[str], line: int) -> str:
    """The comment on `line` and the run of comment lines right above it."""
    block = ["#" + lines[line].partition("#")[2]] if "#" in lines[line] else []
    above = line - 1
    while above >= 0 and lines[above].lstrip().startswith("#"):
        block.append(lines[above])
        above -= 1
    return "\n".join(reversed(block))


def _is_sourced(block: str) -> bool:
    found = SOURCE.search(block)
    return found is not None and CITED.search(block[found.start() :]) is not None


def unsourced_numbers(text: str) -> list[str]:
    """Dotted paths of the numbers in a framework file that no `# source:` comment covers.

    A number is covered by a comment on its own line, or in the comment block right above its key or above
    any key it sits under, that says `source:` and gives a URL or "designer's own".
    """
    lines = text.splitlines()
    found: list[str] = []

    def walk(node: yaml.Node, path: str, sourced: bool) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = sourced or _is_sourced(_comment_block(lines, key.start_mark.line))
                walk(value, f"{path}.{key.value}" if path else str(key.value), here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, f"{path}.{index}", sourced or _is_sourced(_comment_block(lines, item.start_mark.line)))
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")) and not sourced:
            found.append(f"{path} = {node.value} (line {node.start_mark.line + 1})")

    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    if root is not None:
        walk(root, "", False)
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "frameworks").glob("*.yaml")), ids=lambda p: p.name)
def test_every_number_in_a_framework_names_its_source(path: Path) -> None:
    missing = unsourced_numbers(path.read_text(encoding="utf-8"))
    assert not missing, f"{path.name}: numbers without a '# source:' comment (URL or designer's own):\n" + "\n".join(
        missing
    )


def test_the_source_check_finds_an_uncited_number() -> None:
    text = (
        "ects:\n"
        "  # source: ECTS Users' Guide 2015, https://doi.org/10.2766/87592\n"
        "  hours_per_credit: {min: 25, max: 30}\n"
        "  # Said so, without a link.\n"
        "  fixed_rate_tolerance: 0.1\n"
        "  credits: {min: 1, max: 60}  # source: designer's own bounds\n"
        "alignment:\n"
        "  # source: a rumour\n"
        "  weight_total: 100\n"
    )
    assert unsourced_numbers(text) == [
        "ects.fixed_rate_tolerance = 0.1 (line 5)",
        "alignment.weight_total = 100 (line 9)",
    ]


def test_workload_without_hours_is_not_stated_never_0_hours() -> None:
    workload = Workload.of(load_framework("eu"), {"content": [None, None], "summative": [None]}, 3, None)
    assert (workload.known, workload.complete, workload.position) == (False, False, None)
    assert (workload.stated, workload.items) == (0, 3)
    assert workload.total_label() == "not stated"
    assert workload.label() == "hours not stated; 75-90 h expected for 3 ECTS at 25-30 h per ECTS"


def test_workload_with_some_hours_is_a_floor_placed_only_above_the_band() -> None:
    eu = load_framework("eu")
    partial = Workload.of(eu, {"content": [30, None], "formative": [2], "summative": [None]}, 3, None)
    assert (partial.known, partial.complete, partial.position) == (True, False, None)
    assert partial.coverage() == "hours stated for 2 of 4 items"
    assert partial.total_label() == "32 h (hours stated for 2 of 4 items)"
    assert partial.label() == "32 h with hours stated for 2 of 4 items; 75-90 h expected for 3 ECTS at 25-30 h per ECTS"
    over = Workload.of(eu, {"content": [95, None]}, 3, None)
    assert over.position == "above" and over.gap == 5
