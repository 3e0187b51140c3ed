"""Each crash the fuzzing campaign of issue 7 found, as the finding it must now give.

Every case names the exact code, line, column and the figures of the message; where a
design has a list, the bad item comes after a clean one, whose silence is asserted too.
Then per-file isolation: an unexpected exception costs one file's result (ST000), never
the run's, in every output format, with exit 2 at the end.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE_TEXT, overlay

from designer import cli
from designer.model.loader import load_text
from designer.model.source import SourceMap
from designer.rules import alignment
from designer.rules.config import Settings
from designer.rules.engine import lint_data, lint_file, lint_text

BASE = BASE_TEXT  # flow-style items, one per line: each edit below changes one of them


def _position(text: str, before: str, value: str = "") -> tuple[int, int]:
    """1-based line and column where `value` starts, in the only occurrence of `before + value`."""
    needle = before + value
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    offset = text.index(needle) + len(before)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def _found(text: str) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in lint_text(text, "design.yaml").findings]


# --- explicit tags with odd values (the loader constructs scalars itself) ---------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!int", "'' is tagged !!int but is not a whole number; remove the tag or write a whole number"),
        ("!!bool", "'' is tagged !!bool but is not true or false; remove the tag or write true or false"),
        ("!!float", "'' is tagged !!float but is not a number; remove the tag or write a number"),
    ],
)
def test_a_five_byte_tag_file_is_two_findings_not_a_crash(text: str, message: str) -> None:
    assert _found(text) == [
        ("ST003", 1, 1, "a design must be a mapping with 'format: 1' at the top, not a single value"),
        ("ST006", 1, 1, message),
    ]


# FC1 (week 2) is clean; FC2's week carries the tag.
FC2_WEEK = "draft-feedback, week: 4"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' is tagged !!int but is not a whole number"),
        ("!!int", "'' is tagged !!int but is not a whole number"),
        ("!!float lots", "'lots' is tagged !!float but is not a number"),
        ("!!bool maybe", "'maybe' is tagged !!bool but is not true or false"),
        ("!!null abc", "'abc' is tagged !!null but is not empty; remove the tag or the value"),
    ],
)
def test_a_tag_that_does_not_fit_its_value_is_st006_at_the_value(value: str, message: str) -> None:
    text = _edit(BASE, FC2_WEEK, f"draft-feedback, week: {value}")
    where = _position(text, "draft-feedback, week: ", value)
    st006 = [f for f in _found(text) if f[0] == "ST006"]
    assert [(code, line, column) for code, line, column, _ in st006] == [("ST006", *where)]
    assert st006[0][3].startswith(message)
    # The week was dropped, not guessed: no timing rule reads it, and FC1 stays silent.
    assert not [f for f in _found(text) if f[0] != "ST006"]


def test_a_tag_on_the_value_yaml_would_give_anyway_is_accepted() -> None:
    text = _edit(BASE, FC2_WEEK, "draft-feedback, week: !!int 4")
    assert _found(text) == []


def test_timestamp_binary_and_custom_tags_leave_the_text_as_written() -> None:
    text = _edit(BASE, "  code: TEST-1\n", "  code: !!binary QUJD\n  edition: !!timestamp 2024-13-45\n")
    text = _edit(text, "  language: en\n", "  language: !custom en\n")
    loaded = load_text(text)
    assert loaded.design is not None and not loaded.findings
    course = loaded.design.course
    assert (course.code, course.edition, course.language) == ("QUJD", "2024-13-45", "en")


def test_set_and_omap_tags_give_their_plain_structure() -> None:
    text = _edit(BASE, "  language: en\n", "  language: en\n  towards: !!set {Advanced Certificate}\n")
    text = _edit(text, "formative:\n", "formative: !!omap\n")
    found = _found(text)
    towards = _position(text, "  towards: ", "!!set")
    assert ("ST006", *towards, "course.towards must be a list, not a mapping") in found
    # An omap is a list of one-key mappings: FC1, FC2 and FC3 are still read as items.
    assert not [f for f in found if f[0] == "ST006" and "formative" in f[3]]


def test_a_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    text = _edit(BASE, "  code: TEST-1\n", f"  code: !!python/object/apply:os.system [touch {marker}]\n")
    found = _found(text)
    assert ("ST006", *_position(text, "  code: ", "!!python"), "course.code must be text, not a list") in found
    assert not marker.exists()


def test_yaml_taking_text_for_a_number_keeps_it_as_text() -> None:
    # PyYAML's int pattern matches `0x_` and then cannot build it; no tag was written, so it is text.
    text = _edit(BASE, "  code: TEST-1\n", "  code: 0x_\n")
    loaded = load_text(text)
    assert loaded.design is not None and loaded.design.course.code == "0x_"
    assert _found(text) == []


# --- huge numbers ---------------------------------------------------------------------

SA_HOURS = "weight: 100, hours: 24"


@pytest.mark.parametrize("digits", [16, 4299, 4300, 4301])
def test_an_integer_of_more_than_15_digits_is_too_large(digits: int) -> None:
    number = "9" * digits
    text = _edit(BASE, SA_HOURS, f"weight: 100, hours: {number}")
    hits = [f for f in _found(text) if f[0] == "ST006"]
    assert [(code, line, column) for code, line, column, _ in hits] == [
        ("ST006", *_position(text, "weight: 100, hours: ", number))
    ]
    shown = number if digits <= 40 else "9" * 40 + "…"
    assert hits[0][3] == (
        f"number too large: '{shown}'; a figure in a design has at most 15 digits (quote it if it is text)"
    )


def test_an_integer_of_15_digits_is_read() -> None:
    text = _edit(BASE, SA_HOURS, "weight: 100, hours: 999999999999999")
    codes = {code for code, *_ in _found(text)}
    assert "ST006" not in codes and "WL001" in codes  # read, and far above the 75-90 h band


def test_a_huge_hex_integer_and_float_are_too_large() -> None:
    text = _edit(BASE, "  ects: 3\n", "  ects: 0x10000000000000000\n  hours_per_ects: 1.5e+300\n")
    st006 = [f for f in _found(text) if f[0] == "ST006"]
    assert [(line, column, message.split(";")[0]) for _, line, column, message in st006] == [
        (*_position(text, "  ects: ", "0x1"), "number too large: '0x10000000000000000'"),
        (*_position(text, "  hours_per_ects: ", "1.5e+300"), "number too large: '1.5e+300'"),
    ]


def test_in_memory_data_with_a_huge_number_is_too_large() -> None:
    loaded = load_text(BASE)
    assert loaded.data is not None
    loaded.data["summative"][0]["week"] = 10**5000
    loaded.data["course"]["eqf_level"] = 10**20
    result = lint_data(loaded.data, loaded.source, "design.yaml")
    st006 = sorted((f.line, f.column, f.message.split(";")[0]) for f in result.findings if f.code == "ST006")
    assert st006 == [
        (*_position(BASE, "  eqf_level: ", "6"), "number too large: '100000000000000000000'"),
        (*_position(BASE, "hours: 24, week: ", "5"), "number too large: a number of thousands of digits"),
    ]


def test_an_infinite_workload_sum_is_reported_not_a_crash() -> None:
    # Two finite hours that add up past the float limit (allowed in data handed over by the editor).
    loaded = load_text(BASE)
    assert loaded.data is not None
    for unit in loaded.data["content"]:
        unit["hours"] = 1.7e308
    result = lint_data(loaded.data, loaded.source, "design.yaml")
    assert [f.code for f in result.findings].count("ST006") == 2
    assert all(f.code != "ST000" for f in result.findings)


def test_in_memory_data_that_contains_itself_hits_a_limit() -> None:
    data: dict[str, object] = {"format": 1, "course": {"title": "Loop"}}
    loop: list[object] = []
    loop.append(loop)
    data["outcomes"] = loop
    result = lint_data(data, SourceMap(), "design.yaml")
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("ST002", 1, 1, "nesting deeper than 64 levels; not read further")
    ]


# --- alignment rules with duplicated ids (ValueError: 'SA1' is not in list) --------------


def test_checkpoint_twin_with_the_same_id_does_not_crash_al007() -> None:
    text = overlay(
        "summative:\n"
        "  - {id: SA1, title: Savings project, method: project, weight: 60, hours: 20, week: 5, outcomes: [LO1, LO2]}\n"
        "  - {id: SA2, title: Tender case, method: case-study, weight: 40, hours: 4, week: 8, outcomes: [LO2]}\n"
        "formative:\n"
        "  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n"
        "  - {id: FC2, title: Draft review, method: draft-feedback, week: 6, hours: 2, outcomes: [LO1], prepares: [SA2]}\n"
        "  - {id: FC2, title: Late practice, method: practice-task, week: 6, hours: 2, outcomes: [LO2], prepares: [SA1]}\n"
    )
    found = _found(text)
    late = load_text(text).mark(("formative", 2, "prepares", 0))
    # The first FC2 prepares SA2 (week 8) in week 6: fine. Its twin prepares SA1 (week 5) in week 6: late.
    assert [f for f in found if f[0] == "AL007"] == [
        ("AL007", late.line, late.column, "checkpoint FC2 is in week 6, after SA1 in week 5 that it prepares")
    ]
    assert [f[0] for f in found if f[0] == "ST007"] == ["ST007"]


def test_content_twin_with_checkpoints_does_not_crash_al011() -> None:
    text = overlay(
        "content:\n"
        "  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n"
        "  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 3, hours: 10, outcomes: [LO2], checkpoints: [FC3]}\n"
        "  - {id: CU2, title: Tender clinic, mode: onsite, activity: workshop, week: 4, hours: 10, outcomes: [LO2], checkpoints: [FC1]}\n"
    )
    found = _found(text)
    late = load_text(text).mark(("content", 2, "checkpoints", 0))
    # CU1 (week 1) and the first CU2 (week 3, FC3 in week 3) are in time; the twin (week 4) is after FC1 (week 2).
    assert [f for f in found if f[0] == "AL011"] == [
        (
            "AL011",
            late.line,
            late.column,
            "content unit CU2 is in week 4, after checkpoint FC1 in week 2 that it prepares for",
        )
    ]


# --- frameworks ----------------------------------------------------------------------


def test_a_framework_name_too_long_for_the_file_system_is_st006() -> None:
    name = "x" * 5000
    text = _edit(BASE, "  framework: eu\n", f"  framework: {name}\n")
    assert [f for f in _found(text) if f[0] == "ST006"] == [
        (
            "ST006",
            *_position(text, "  framework: ", "x"),
            f"course.framework: cannot look up framework '{'x' * 60}…': File name too long; checked against eu",
        )
    ]


def test_a_framework_name_too_long_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    design = tmp_path / "design.yaml"
    design.write_text(BASE, encoding="utf-8")
    proc = _cli("lint", "--framework", "y" * 5000, str(design))
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"cannot look up framework '{'y' * 60}…': File name too long" in proc.stderr


def test_a_malformed_framework_costs_only_the_file_that_names_it(tmp_path: Path) -> None:
    (tmp_path / "lots.yaml").write_text("extends: eu\nects:\n  hours_per_credit: {min: lots, max: 30}\n")
    (tmp_path / "a-good.yaml").write_text(_edit(BASE, "  ects: 3\n", "  ects: 2\n"), encoding="utf-8")
    (tmp_path / "b-bad.yaml").write_text(_edit(BASE, "  framework: eu\n", "  framework: lots.yaml\n"))
    proc = _cli("lint", "--format", "json", str(tmp_path / "a-good.yaml"), str(tmp_path / "b-bad.yaml"))
    findings = json.loads(proc.stdout)["findings"]
    good = [(f["code"], f["line"]) for f in findings if f["path"].endswith("a-good.yaml")]
    assert good == [("WL001", _position(BASE, "  ", "ects: 3")[0])]
    # The typed framework models refuse the file when it is loaded: ST006 on course.framework, naming where.
    bad = [f for f in findings if f["path"].endswith("b-bad.yaml")]
    assert [(f["code"], f["line"]) for f in bad if f["code"].startswith("ST")] == [
        ("ST006", _position(BASE, "  ", "framework: eu")[0])
    ]
    st006 = next(f for f in bad if f["code"] == "ST006")
    assert "lots.yaml:3:" in st006["message"] and "hours_per_credit.min" in st006["message"]
    assert proc.returncode == 1


# --- special files ---------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_skipped_with_st002_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "a-clean.yaml").write_text(BASE, encoding="utf-8")
    pipe = tmp_path / "b-pipe.yaml"
    os.mkfifo(pipe)
    result = lint_file(pipe)
    assert result.loaded.unreadable
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("ST002", 1, 1, "not a regular file (a named pipe); designer reads only regular files")
    ]
    proc = _cli("lint", str(tmp_path))  # the folder: the pipe is found by its name
    assert proc.returncode == 2
    assert proc.stdout.splitlines() == [
        f"{pipe}:1:1: ST002 not a regular file (a named pipe); designer reads only regular files [unreadable-file]",
        "Found 1 error, 0 warnings in 1 of 2 files.",
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_skipped_with_st002() -> None:
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)
    result = lint_file("/dev/zero")
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("ST002", 1, 1, "not a regular file (a character device); designer reads only regular files")
    ]


# --- text the parser cannot place -----------------------------------------------------------


def test_a_lone_surrogate_in_text_is_st002_at_its_place() -> None:
    text = "format: 1\ncourse:\n  title: Spend \ud800 analytics\n"
    assert _found(text) == [
        ("ST002", 3, 16, "the text is not valid Unicode (a lone surrogate, U+D800); retype that character")
    ]


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_newline_points_inside_it() -> None:
    text = "format: 1\ncourse:\n  title: Spend analytics\n  ects"
    assert _found(text) == [
        ("ST001", 4, 7, "YAML syntax error: could not find expected ':' (while scanning a simple key)")
    ]


def test_several_bad_elements_of_one_list_drop_only_themselves() -> None:
    # Dropping [a] and then index 1 used to remove LO1 instead of [b], leaving LO1 unassessed.
    text = _edit(BASE, "hours: 24, week: 5, outcomes: [LO1, LO2]", "hours: 24, week: 5, outcomes: [[a], [b], LO1, LO2]")
    found = _found(text)
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("ST006", *_position(text, "outcomes: [", "[a]")),
        ("ST006", *_position(text, "outcomes: [[a], ", "[b]")),
    ]
    assert all(f[3].endswith("must be text, not a list") for f in found)


# --- per-file isolation (ST000) ----------------------------------------------------------


def _boom(self: object, ctx: object) -> object:
    raise RuntimeError("boom\nsecond line")


def test_a_failing_rule_is_st000_and_the_other_rules_still_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alignment.WeightsNotTotal, "check", _boom)
    text = overlay(
        "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 90, hours: 24, week: 5, outcomes: [LO1]}\n"
    )
    found = _found(text)
    assert (
        "ST000",
        1,
        1,
        "internal error: RuntimeError: boom in rule AL006; this is a bug in designer, please report it with this file",
    ) in found
    assert "AL001" in {f[0] for f in found}  # LO2 unassessed: the rules after AL006 ran


def test_st000_cannot_be_ignored_deselected_or_suppressed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alignment.OutcomeNotAssessed, "check", _boom)
    text = "# designer: ignore[ST000]\n" + BASE
    for settings in (Settings(ignore=["ST"]), Settings(select=["AL001"]), Settings()):
        codes = [f.code for f in lint_text(text, settings=settings).findings]
        assert codes == ["ST000"], settings


def test_a_failing_loader_is_st000_on_that_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr("designer.model.loader._parse", broken)
    path = tmp_path / "design.yaml"
    path.write_text(BASE, encoding="utf-8")
    result = lint_file(path)
    assert [(f.code, f.line, f.column, f.path, f.severity.value) for f in result.findings] == [
        ("ST000", 1, 1, str(path), "error")
    ]
    assert result.findings[0].message.startswith("internal error: MemoryError; this is a bug in designer")


def _cli(*args: str, patch: str = "") -> subprocess.CompletedProcess[str]:
    """`designer ARGS` in a fresh interpreter, after running `patch` there (to plant a bug)."""
    script = f"import sys\n{patch}\nfrom designer.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


# A bug that only files named *bad* reach.
PLANTED = """
from designer.rules import level
def check(self, ctx):
    if 'bad' in ctx.loaded.path:
        raise KeyError('maybe')
    return iter(())
level.EqfLevelUnknown.check = check
"""


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_one_failing_file_costs_only_its_own_result_in_every_format(tmp_path: Path, fmt: str) -> None:
    good = tmp_path / "a-good.yaml"
    good.write_text(_edit(BASE, "  ects: 3\n", "  ects: 2\n"), encoding="utf-8")  # WL001
    bad = tmp_path / "b-bad.yaml"
    bad.write_text(BASE, encoding="utf-8")
    last = tmp_path / "c-last.yaml"
    last.write_text(BASE, encoding="utf-8")
    proc = _cli("lint", "--format", fmt, str(tmp_path), patch=PLANTED)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"internal error (ST000) on 1 file(s), first {bad}" in proc.stderr
    message = "internal error: KeyError: 'maybe' in rule LV001; this is a bug in designer, please report it"
    wl001_line, wl001_column = _position(BASE, "  ects: ", "3")
    if fmt == "json":
        document = json.loads(proc.stdout)
        rows = [(f["path"], f["code"], f["line"]) for f in document["findings"]]
        assert rows == [(str(good), "WL001", wl001_line), (str(bad), "ST000", 1)]
        assert document["summary"]["files"] == 3
        assert document["findings"][1]["message"].startswith(message)
    elif fmt == "sarif":
        results = json.loads(proc.stdout)["runs"][0]["results"]
        assert [(r["ruleId"], r["level"]) for r in results] == [("WL001", "warning"), ("ST000", "error")]
    elif fmt == "github":
        lines = proc.stdout.splitlines()
        assert any(line.startswith(f"::error file={bad},line=1,col=1") and "ST000" in line for line in lines)
        assert any(f"file={good},line={wl001_line}" in line and "WL001" in line for line in lines)
    else:
        assert proc.stdout.splitlines() == [
            f"{good}:{wl001_line}:{wl001_column}: WL001 planned workload is 79 h, above the 50-60 h expected for 2 ECTS at "
            "25-30 h per ECTS [workload-outside-band]",
            f"{bad}:1:1: ST000 {message} with this file [internal-error]",
            "Found 1 error, 1 warning in 2 of 3 files.",
        ]


def test_exit_zero_does_not_hide_an_internal_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE, encoding="utf-8")
    assert _cli("lint", "--exit-zero", str(bad), patch=PLANTED).returncode == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the patched worker reaches the pool only through fork")
def test_a_worker_process_that_dies_costs_only_its_own_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    files = []
    for number in range(8):
        path = tmp_path / f"design-{number}.yaml"
        path.write_text(_edit(BASE, "  ects: 3\n", "  ects: 2\n") if number == 5 else BASE, encoding="utf-8")
        files.append(str(path))
    original = cli._lint_one

    def dies_on_design_2(task: tuple[str, str]) -> object:
        if task[0].endswith("design-2.yaml"):
            os._exit(9)  # as an out-of-memory kill or a crash in C would
        return original(task)

    # The pool forks after this, so its workers run the patched function.
    monkeypatch.setattr(cli, "_lint_one", dies_on_design_2)
    reports = cli.run_lint(files, Settings(), None, jobs=2)
    assert [r.path for r in reports] == files
    assert [[f.code for f in r.findings] for r in reports] == [[], [], ["ST000"], [], [], ["WL001"], [], []]
    assert reports[2].findings[0].message == (
        "internal error: the worker process linting this file stopped with exit code 9; "
        "this is a bug in designer, please report it with this file"
    )


def test_a_list_nested_inside_an_item_list_is_dropped_not_kept_as_a_broken_item() -> None:
    # Found by `make fuzz`: a number too large (ST006) inside "outcomes: [{...}, [[N]]]" recorded ('outcomes', 1, 0) as a broken item, and the
    # rules that read broken items as (section, index) pairs (ST008, LV001) crashed with ST000.
    text = (
        "format: 1\n"
        "outcomes:\n"
        "  - {id: LO1, statement: Explain the stages of a public tender., domain: knowledge}\n"
        "  - - - -109819631195162688\n"
    )
    loaded = load_text(text)
    assert all(len(loc) == 2 for loc in loaded.broken_items), loaded.broken_items
    result = lint_text(text)
    assert [f for f in result.findings if f.code == "ST000"] == []
    assert any(f.code == "ST006" and f.line == 4 for f in result.findings), [
        (f.code, f.line, f.message) for f in result.findings
    ]
