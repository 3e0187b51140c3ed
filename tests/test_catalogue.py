"""Catalogues end to end: loading catalogue.yaml, the catalogue graph, and `designer lint` over a catalogue.

The CT rules' own cases are in tests/catalogue_cases (tests/test_catalogue_cases.py); here
is what holds around them: positions in catalogue.yaml, the facts the graph computes,
and the CLI (which files are read and reported, every output format, selection,
suppression, exit codes, --jobs) with the catalogue's findings on the right file and line.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
import yaml
from catalogues import CATALOGUE, FIXTURE, fixture_texts, lint_texts, patched, write_folder

from designer.cli import main
from designer.graph.catalogue import (
    build,
    course_levels,
    outcome_overlaps,
    prerequisite_cycles,
    resemblance,
    shingles,
    similar_statements,
    stack_credits,
    stack_eqf_reach,
    used_codes,
)
from designer.model.catalogue_loader import load_catalogue_file, load_catalogue_text
from designer.model.summary import DesignSummary, OutcomeFacts


def findings_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["lint", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def rows(document: dict[str, Any], folder: Path) -> set[tuple[str, int, str]]:
    return {(str(Path(f["path"]).relative_to(folder)), f["line"], f["code"]) for f in document["findings"]}


def line_of(path: Path, needle: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.fixture
def cycle_and_short_stack(tmp_path: Path) -> Path:
    """The fixture catalogue with a prerequisite cycle (DIG-201 <-> DIG-301) and a stack its courses cannot fill."""
    files = fixture_texts()
    files["dig-201.yaml"] = files["dig-201.yaml"].replace(
        "prerequisite_courses: [DIG-101]", "prerequisite_courses: [DIG-101, DIG-301]"
    )
    files[CATALOGUE] = files[CATALOGUE].replace("min_credits: 9", "min_credits: 15")
    return write_folder(tmp_path / "catalogue", files)


# Loading catalogue.yaml


def test_catalogue_loader_reports_every_problem_with_line_and_column() -> None:
    loaded = load_catalogue_text(
        "format: 1\n"
        "catalogue: {title: X, ownr: {name: Y}}\n"
        "paths:\n"
        "  - id: digital\n"
        "    levels:\n"
        "      - {id: a, courses: [A, {x: 1}], expects: {methdos: [quiz]}}\n"
        "      - 7\n"
        "      - {id: b, courses: B}\n"
        "stacks:\n"
        "  - {id: s, ects: lots, required: [A], eqf_level: 6}\n"
        "  - {id: t, id: u}\n",
        "catalogue.yaml",
    )
    got = [(f.code, f.line, f.column, f.message) for f in loaded.findings]
    assert got == [
        ("ST004", 11, 13, "duplicate key 'id' (first at line 11); the later value is used"),
        ("ST005", 2, 23, "unknown key 'ownr' in catalogue; did you mean 'owner'?"),
        ("ST005", 6, 49, "unknown key 'methdos' in a.expects; did you mean 'methods'?"),
        ("ST006", 6, 30, "paths[0].levels[0].courses[1] must be text, not a mapping"),
        ("ST006", 7, 9, "paths[0].levels[1] must be a mapping (key: value lines), not '7'"),
        ("ST006", 8, 26, "paths[0].levels[2].courses must be a list, not 'B'"),
        ("ST006", 10, 19, "stacks[0].ects must be a number, not 'lots'"),
    ]
    catalogue = loaded.catalogue
    assert catalogue is not None
    # The level that was not a mapping keeps its place, so the levels after it keep their positions.
    assert [level.id for level in catalogue.paths[0].levels] == ["a", None, "b"]
    assert ("paths", 0, "levels", 1) in loaded.broken_items
    assert catalogue.stacks[0].ects is None and catalogue.stacks[1].id == "u"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "ST003", "the file is empty; a catalogue starts with 'format: 1'"),
        ("- a\n", "ST003", "a catalogue must be a mapping with 'format: 1' at the top, not a list"),
        ("catalogue: {title: X}\n", "ST003", "missing 'format: 1' at the top; is this a designer catalogue?"),
        ("format: 2\n", "ST003", "unsupported format '2'; this designer reads format 1"),
        ("format: 1\nstacks: [\n", "ST001", "YAML syntax error"),
        ("format: 1\nstacks: &a [*a, *a]\n", "ST002", "nesting"),
    ],
)
def test_catalogue_that_cannot_be_read_says_why(text: str, code: str, message: str) -> None:
    loaded = load_catalogue_text(text, "catalogue.yaml", {"max_file_bytes": 1000, "max_nodes": 100, "max_depth": 8})
    assert loaded.catalogue is None
    assert [(f.code, f.message[: len(message)]) for f in loaded.findings] == [(code, message)]


def test_catalogue_file_too_large_or_binary(tmp_path: Path) -> None:
    big = tmp_path / "catalogue.yaml"
    big.write_text("format: 1\n" + "# padding\n" * 200)
    loaded = load_catalogue_file(big, {"max_file_bytes": 100, "max_nodes": 100, "max_depth": 8})
    assert [f.message for f in loaded.findings] == ["the file is larger than 100 bytes; a catalogue is far smaller"]
    big.write_bytes(b"format: 1\n\x00")
    assert [f.code for f in load_catalogue_file(big).findings] == ["ST002"]


def test_fixture_catalogue_loads_clean() -> None:
    loaded = load_catalogue_file(FIXTURE / CATALOGUE)
    assert loaded.findings == [] and loaded.catalogue is not None


# The graph: one function per fact


def _summary(path: str, code: str, **facts: Any) -> DesignSummary:
    return DesignSummary(path=path, code=code, **facts)


def test_prerequisite_cycles_are_named_once_each_from_the_smallest_code() -> None:
    designs = [
        _summary("a.yaml", "C", prerequisites=((0, "A"),)),
        _summary("b.yaml", "A", prerequisites=((0, "B"),)),
        _summary("c.yaml", "B", prerequisites=((0, "C"), (1, "D"))),
        _summary("d.yaml", "D", prerequisites=((0, "D"),)),
        _summary("e.yaml", "E", prerequisites=((0, "A"),)),
    ]
    from designer.model.catalogue import Catalogue

    graph = build(Catalogue(format=1), {}, designs)
    # A needs B, B needs C, C needs A: one cycle, however many of its courses there are; D needs itself.
    assert prerequisite_cycles(graph) == [["A", "B", "C"], ["D"]]


def test_cycle_is_named_on_the_design_that_opens_it(
    capsys: pytest.CaptureFixture[str], cycle_and_short_stack: Path
) -> None:
    _, document = findings_of(capsys, str(cycle_and_short_stack))
    cycles = [f for f in document["findings"] if f["code"] == "CT006"]
    assert [(Path(f["path"]).name, f["subject"], f["message"]) for f in cycles] == [
        (
            "dig-201.yaml",
            "DIG-201",
            "prerequisite cycle: DIG-201 needs DIG-301, DIG-301 needs DIG-201; no learner can take any of them first",
        )
    ]
    assert cycles[0]["line"] == line_of(cycle_and_short_stack / "dig-201.yaml", "prerequisite_courses")


def test_stack_credits_levels_and_reach_come_from_one_place() -> None:
    linted = lint_texts(patched({}))
    graph = linted.catalogue.graph
    assert graph is not None
    data = linted.catalogue.loaded.data
    credits = stack_credits(graph, data, 0)
    assert (credits.needed, credits.required, credits.reachable, credits.short_by) == (9, 6, 12, None)
    assert credits.complete
    assert stack_eqf_reach(graph, 0) == 7
    assert [(p.level.id, p.listed) for p in course_levels(graph, "DIG-202")] == [
        ("operational", ("paths", 0, "levels", 1, "courses", 1))
    ]
    assert used_codes(graph) == {"DIG-101", "DIG-201", "DIG-202", "DIG-301"}
    short = lint_texts(patched({CATALOGUE: {"stacks.0.min_credits": 14, "stacks.0.electives": [DIG, "DIG-999"]}}))
    assert short.catalogue.graph is not None
    credits = stack_credits(short.catalogue.graph, short.catalogue.loaded.data, 0)
    assert (credits.reachable, credits.unknown, credits.complete) == (9, ("DIG-999",), False)


DIG = "DIG-202"


def test_outcome_overlaps_find_what_comparing_every_pair_finds() -> None:
    words = ["analyse", "spend", "data", "to", "find", "savings", "explain", "tender", "stages", "of", "a", "public"]
    chance = random.Random(9)
    designs = []
    for number in range(12):
        outcomes = tuple(
            OutcomeFacts(i, f"LO{i}", " ".join(chance.choices(words, k=chance.randint(2, 7))), None) for i in range(4)
        )
        designs.append(_summary(f"d{number}.yaml", f"C{number}", outcomes=outcomes))
    from designer.model.catalogue import Catalogue

    graph = build(Catalogue(format=1), {}, designs)
    codes = [d.code for d in designs if d.code]
    twice = [codes[5], codes[1], codes[5]]  # a course listed twice is compared with the others once
    assert outcome_overlaps(graph, twice, 1, 0.5) == outcome_overlaps(graph, twice[:2], 1, 0.5) != []
    for threshold in (0.5, 0.8, 1.0):
        found = {
            (o.first[0], o.first[1].index, o.second[0], o.second[1].index)
            for o in outcome_overlaps(graph, codes, 1, threshold)
        }
        every = {
            (a.code, x.index, b.code, y.index)
            for i, a in enumerate(designs)
            for b in designs[i + 1 :]
            for x in a.outcomes
            for y in b.outcomes
            if resemblance(shingles(x.statement, 1), shingles(y.statement, 1)) >= threshold
        }
        assert found == every, threshold
        # A stack is a subset of the catalogue's courses: searched as plain statements (what a worker gets),
        # it finds the pairs among them, numbered by course and statement in the order given.
        for subset in (codes[3:9], codes[::2], [codes[5], codes[1]]):
            by_code = {d.code: d for d in designs}
            texts = [[o.statement for o in by_code[code].outcomes] for code in subset]
            inside = {frozenset({(a, x), (b, y)}) for a, x, b, y in every if a in subset and b in subset}
            assert {
                frozenset(
                    {
                        (subset[a], by_code[subset[a]].outcomes[x].index),
                        (subset[b], by_code[subset[b]].outcomes[y].index),
                    }
                )
                for a, x, b, y, _ in similar_statements(texts, 1, threshold)
            } == inside, (threshold, subset)


# designer lint over a catalogue


def test_folder_lint_checks_the_catalogue_and_never_lints_it_as_a_design(
    capsys: pytest.CaptureFixture[str], cycle_and_short_stack: Path
) -> None:
    code, document = findings_of(capsys, str(cycle_and_short_stack))
    assert code == 1
    folder = cycle_and_short_stack
    assert rows(document, folder) == {
        ("dig-201.yaml", line_of(folder / "dig-201.yaml", "prerequisite_courses"), "CT006"),
        (CATALOGUE, line_of(folder / CATALOGUE, "min_credits"), "CT008"),
    }
    assert document["summary"]["files"] == 5


@pytest.mark.parametrize("fmt", ["text", "github", "sarif"])
def test_every_format_carries_catalogue_findings_on_their_file_and_line(
    fmt: str, capsys: pytest.CaptureFixture[str], cycle_and_short_stack: Path
) -> None:
    folder = cycle_and_short_stack
    assert main(["lint", "--format", fmt, "--color", "never", str(folder)]) == 1
    out = capsys.readouterr().out
    stack_line = line_of(folder / CATALOGUE, "min_credits")
    cycle_line = line_of(folder / "dig-201.yaml", "prerequisite_courses")
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        where = {
            (
                r["ruleId"],
                Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name,
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }
        assert where == {("CT008", CATALOGUE, stack_line), ("CT006", "dig-201.yaml", cycle_line)}
        rules = {rule["id"] for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
        assert {"CT001", "CT014"} <= rules
    elif fmt == "github":
        assert f"::error file={folder / CATALOGUE},line={stack_line}," in out
        assert f"::error file={folder / 'dig-201.yaml'},line={cycle_line}," in out
    else:
        assert f"{folder / CATALOGUE}:{stack_line}:" in out and " CT008 " in out
        assert f"{folder / 'dig-201.yaml'}:{cycle_line}:" in out and " CT006 " in out


def test_one_file_inside_a_catalogue_is_checked_against_all_its_designs(
    capsys: pytest.CaptureFixture[str], cycle_and_short_stack: Path
) -> None:
    folder = cycle_and_short_stack
    design = folder / "dig-202.yaml"
    design.write_text(design.read_text().replace("prerequisite_courses: [DIG-101]", "prerequisite_courses: [DIG-102]"))
    code, document = findings_of(capsys, str(design))
    # The cycle lies in other designs: not reported. The stack is catalogue.yaml's, which is always reported.
    assert rows(document, folder) == {
        ("dig-202.yaml", line_of(design, "prerequisite_courses"), "CT002"),
        (CATALOGUE, line_of(folder / CATALOGUE, "min_credits"), "CT008"),
    }
    assert document["summary"]["files"] == 2 and code == 1
    # Linting catalogue.yaml alone reports catalogue.yaml only.
    _, document = findings_of(capsys, str(folder / CATALOGUE))
    assert rows(document, folder) == {(CATALOGUE, line_of(folder / CATALOGUE, "min_credits"), "CT008")}


def test_subfolder_lint_finds_the_catalogue_above(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = {name if name == CATALOGUE else f"group/{name}": text for name, text in fixture_texts().items()}
    files["group/dig-202.yaml"] = files["group/dig-202.yaml"].replace("towards: [certificate]", "towards: [certificat]")
    folder = write_folder(tmp_path / "catalogue", files)
    (folder / "elsewhere").mkdir()
    (folder / "elsewhere" / "notes.yaml").write_text("format: 1\ncourse: {code: DIG-501, title: Notes}\n")
    code, document = findings_of(capsys, str(folder / "group"))
    assert code == 1
    # DIG-501 is a design of the catalogue too (in another folder): unused, but not among the linted paths.
    assert rows(document, folder) == {
        ("group/dig-202.yaml", line_of(folder / "group/dig-202.yaml", "towards"), "CT002")
    }
    assert document["summary"]["files"] == 5


def test_nested_catalogue_keeps_its_own_designs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "outer", fixture_texts())
    inner = write_folder(folder / "inner", {CATALOGUE: "format: 1\ncatalogue: {title: Inner, owner: {name: X}}\n"})
    (inner / "x-101.yaml").write_text((FIXTURE / "dig-101.yaml").read_text().replace("DIG-101", "X-101"))
    _, document = findings_of(capsys, str(folder))
    found = {(str(Path(f["path"]).relative_to(folder)), f["code"], f["subject"]) for f in document["findings"]}
    # X-101 belongs to inner, not outer: its `towards` names a stack inner does not have, and inner has no paths
    # or stacks yet. Outer, without X-101, stays clean.
    assert found == {("inner/x-101.yaml", "CT002", "X-101"), ("inner/catalogue.yaml", "CT014", None)}
    assert document["summary"]["files"] == 7


def test_bad_catalogue_gets_one_clear_finding_and_the_designs_are_still_linted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = fixture_texts()
    files[CATALOGUE] = "format: 1\nstacks: [\n"
    files["dig-101.yaml"] = files["dig-101.yaml"].replace("ects: 3", "ects: 30")
    folder = write_folder(tmp_path / "catalogue", files)
    code, document = findings_of(capsys, str(folder))
    assert code == 1
    got = {(str(Path(f["path"]).relative_to(folder)), f["code"]) for f in document["findings"]}
    assert got == {(CATALOGUE, "ST001"), ("dig-101.yaml", "WL001")}
    st001 = next(f for f in document["findings"] if f["code"] == "ST001")
    assert (st001["line"], st001["column"]) == (3, 1)


def test_select_ignore_suppression_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = fixture_texts()
    files["dig-202.yaml"] = files["dig-202.yaml"].replace("towards: [certificate]", "towards: []")  # CT013 (warning)
    folder = write_folder(tmp_path / "catalogue", files)
    code, document = findings_of(capsys, str(folder))
    assert code == 0 and {f["code"] for f in document["findings"]} == {"CT013"}
    assert main(["lint", "--strict", str(folder)]) == 1
    capsys.readouterr()
    # Without CT013, MI002 says it: the catalogue finding no longer stands in for it.
    _, document = findings_of(capsys, "--ignore", "CT", str(folder))
    assert {f["code"] for f in document["findings"]} == {"MI002"}
    _, document = findings_of(capsys, "--select", "MI", str(folder))
    assert {f["code"] for f in document["findings"]} == {"MI002"}
    _, document = findings_of(capsys, "--select", "CT013", str(folder))
    assert {f["code"] for f in document["findings"]} == {"CT013"}

    # A comment on the finding's line silences it, in a design and in catalogue.yaml alike.
    design = folder / "dig-202.yaml"
    # Silenced, CT013 still stands in for MI002: one cause, and the author has seen it.
    design.write_text(design.read_text().replace("towards: []", "towards: []  # designer: ignore[CT013]"))
    catalogue = folder / CATALOGUE
    catalogue.write_text(catalogue.read_text().replace("min_credits: 9", "min_credits: 15  # designer: ignore[CT008]"))
    code, document = findings_of(capsys, str(folder))
    assert (code, document["findings"]) == (0, [])
    catalogue.write_text(catalogue.read_text().replace("  # designer: ignore[CT008]", ""))
    assert findings_of(capsys, str(folder))[0] == 1
    assert findings_of(capsys, "--exit-zero", str(folder))[0] == 0


def _big_catalogue(folder: Path) -> Path:
    """The fixture catalogue grown to 16 designs, with a defect of each kind the jobs must agree on."""
    files = fixture_texts()
    data = yaml.safe_load(files[CATALOGUE])
    for number in range(12):
        code = f"DIG-4{number:02}"
        text = files["dig-202.yaml"].replace("DIG-202", code)
        if number == 3:
            text = text.replace("prerequisite_courses: [DIG-101]", "prerequisite_courses: [DIG-101, DIG-405]")
        if number == 5:
            text = text.replace("prerequisite_courses: [DIG-101]", "prerequisite_courses: [DIG-403]")
        files[f"more/{code.lower()}.yaml"] = text
        data["stacks"][0]["electives"].append(code)
    data["stacks"][0]["electives"].append("DIG-499")
    data["paths"][0]["levels"][1]["courses"].extend(f"DIG-4{n:02}" for n in range(11))
    files[CATALOGUE] = yaml.safe_dump(data, sort_keys=False)
    return write_folder(folder, files)


def test_jobs_give_the_same_catalogue_findings_as_one_process(tmp_path: Path) -> None:
    folder = _big_catalogue(tmp_path / "catalogue")

    def lint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "designer", "lint", "--format", "json", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "NO_COLOR": "1"},
            check=False,
        )

    one, two = lint("--jobs", "1", str(folder)), lint("--jobs", "2", str(folder))
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    assert json.loads(one.stdout) == json.loads(two.stdout)
    codes = sorted(f["code"] for f in json.loads(one.stdout)["findings"])
    # A cycle (DIG-403 <-> DIG-405), the unknown DIG-499, and the copies counted twice: once per copy.
    assert codes == ["CT002", "CT006"] + ["CT010"] * 12
    one_file = lint("--jobs", "2", str(folder / "more" / "dig-403.yaml"), str(folder / "more" / "dig-405.yaml"))
    assert [f["code"] for f in json.loads(one_file.stdout)["findings"] if f["code"] == "CT006"] == ["CT006"]


class _Refusing(Executor):
    """A pool that broke before the catalogue rules came to it."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        raise BrokenProcessPool("a worker died")


class _Failing(Executor):
    """A pool that takes the work and then loses it (its worker is killed)."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future


def test_catalogue_rules_give_the_same_findings_when_a_pool_searches_the_stacks(tmp_path: Path) -> None:
    from designer.model.folders import catalogue_members
    from designer.rules.engine import check_catalogue, summarize_file

    folder = _big_catalogue(tmp_path / "catalogue")
    loaded = load_catalogue_file(str(folder / CATALOGUE))
    summaries = [summarize_file(path) for path in catalogue_members(str(folder / CATALOGUE), [])]
    designs = [summary for summary in summaries if summary is not None]

    def codes(executor: Executor | None, workers: int = 2) -> list[tuple[str, int, str]]:
        result = check_catalogue(loaded, designs, executor=executor, workers=workers)
        return [(f.code, f.line, f.message) for f in result.findings]

    alone = codes(None)
    assert [code for code, _, _ in alone].count("CT010") == 12
    with ProcessPoolExecutor(2) as pool:
        assert codes(pool) == alone
    sent: list[list[list[list[str]]]] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            sent.append(args[0])
            return super().submit(fn, *args, **kwargs)

    with Recording(2) as pool:
        assert codes(pool) == alone
        # The fixture's one judged stack, in one share: its 16 courses' statements, the second share empty and not sent.
        assert [[len(courses) for courses in share] for share in sent] == [[16]]
        sent.clear()
        assert codes(pool, workers=5) == alone
        assert len(sent) == 1
        # The sample catalogue's two stacks (14 and 30 statements) go to two workers.
        sample = str(Path(__file__).resolve().parent.parent / "sample_courses" / CATALOGUE)
        sample_designs = [summarize_file(path) for path in catalogue_members(sample, [])]
        sent.clear()
        check_catalogue(load_catalogue_file(sample), [d for d in sample_designs if d], executor=pool, workers=2)
        assert [[sum(map(len, courses)) for courses in share] for share in sent] == [[14], [30]]
    # A broken pool never costs a finding, nor adds an internal error: the rule searches itself.
    assert codes(_Refusing()) == alone
    assert codes(_Failing()) == alone


DEFECTS = Path(__file__).resolve().parent / "fixtures" / "catalogue_defects"


def _lint_findings(folder: Path) -> set[tuple[str, int, str]]:
    import contextlib
    import io
    import json

    from designer.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["lint", "--format", "json", str(folder)])
    return {(Path(f["path"]).name, f["line"], f["code"]) for f in json.loads(out.getvalue())["findings"]}


# Every defect of the fixture, by file and line (its README lists them), with the per-design findings it sets off.
DEFECT_FINDINGS = {
    ("catalogue.yaml", 45, "CT009"),  # stack above all its courses' EQF level
    ("catalogue.yaml", 47, "CT010"),  # near-identical outcomes in one stack
    ("c-contract-data.yaml", 18, "CT012"),  # stackable, in no stack
    ("d-einvoicing-strategy.yaml", 19, "CT007"),  # EQF below its prerequisite's
    ("d-einvoicing-strategy.yaml", 23, "LV003"),
    ("d-einvoicing-strategy.yaml", 24, "LV003"),
    ("d-einvoicing-strategy.yaml", 25, "CT011"),  # multiple-choice only on the managerial level
    ("u-negotiation.yaml", 5, "CT014"),  # on no path and in no stack
    ("u-negotiation.yaml", 16, "CT002"),  # prerequisite naming no design
}


def test_the_defect_catalogue_gives_each_defect_once_and_a_shared_code_holds_back_what_it_blurs(tmp_path: Path) -> None:
    # With DEF-B in two files, which DEF-B a cycle or a stack means is unclear: one CT001 now, the rest after.
    assert _lint_findings(DEFECTS) == DEFECT_FINDINGS | {("f-catalogue-buying-copy.yaml", 7, "CT001")}
    import shutil

    fixed = tmp_path / "defects"
    shutil.copytree(DEFECTS, fixed)
    (fixed / "f-catalogue-buying-copy.yaml").unlink()
    assert _lint_findings(fixed) == DEFECT_FINDINGS | {
        ("catalogue.yaml", 36, "CT008"),  # the stack's courses give 5 of its 10 ECTS
        ("a-einvoicing.yaml", 16, "CT006"),  # the cycle DEF-A -> DEF-C -> DEF-B, named once
    }


def test_shingles_are_runs_of_words_lower_case_without_punctuation() -> None:
    assert shingles("Analyse the Spend data.", 1) == {"analyse", "the", "spend", "data"}
    assert shingles("Analyse the Spend data.", 2) == {"analyse the", "the spend", "spend data"}
    assert shingles("Analyse the Spend data.", 3) == {"analyse the spend", "the spend data"}
    assert shingles("Analyse data", 3) == {"analyse data"}
    assert shingles("…", 2) == frozenset()
