"""Bad input never crashes or hangs the linter: through `lint_file` and through `designer lint`.

Every file here is written to tmp_path by the test that needs it, so the bytes
(NULs, latin-1, a byte-order mark, 1 MiB of padding) are exactly what the test says.
Each case runs twice: in process through `designer.rules.engine.lint_file`, and as
`python -m designer lint PATH` in a subprocess with a timeout, whose output must
name `path:LINE:COL: CODE` and whose exit code follows the contract (0 clean,
1 findings, 2 unreadable input or usage).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from designer.rules.engine import lint_file

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DOCUMENTED_EXITS = {EXIT_OK, EXIT_FINDINGS, EXIT_USAGE}
CLI_TIMEOUT = 20
MAX_FILE_BYTES = 1_048_576  # frameworks/eu.yaml limits.max_file_bytes

# A complete design that lints clean; the cases below change one thing in it.
CLEAN = """\
format: 1
course:
  code: QA-7
  title: Spend Analytics for Buyers
  awarding_bodies:
    - {name: Test University, country: BE}
  language: en
  eqf_level: 6
  ects: 3
  participation: blended
  quality_assurance: Reviewed by the faculty's lifelong learning board
outcomes:
  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}
  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}
summative:
  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2], criteria: A rubric}
formative:
  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}
  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 2, outcomes: [LO1], prepares: [SA1]}
  - {id: FC3, title: Tender practice, method: practice-task, week: 3, hours: 2, outcomes: [LO2], prepares: [SA1]}
content:
  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}
  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}
"""
# SA1 assessing only LO1 leaves LO2 unassessed: AL001 shows the rules still ran.
UNASSESSED_LO2 = (
    "outcomes: [LO1, LO2], criteria: A rubric}\nformative",
    "outcomes: [LO1], criteria: A rubric}\nformative",
)


def _edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} must occur exactly once"
        text = text.replace(old, new)
    return text


def _position(text: str, before: str, value: str = "") -> tuple[int, int]:
    """1-based line and column where `value` starts, in the only occurrence of `before + value`."""
    needle = before + value
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    offset = text.index(needle) + len(before)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _billion_laughs() -> str:
    rows = ["format: 1", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(rows) + "\n"


def _nested_block_mappings(depth: int) -> str:
    return "format: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "leaf\n"


def _nested_flow_lists(depth: int) -> str:
    return "format: 1\ncourse: " + "[" * depth + "]" * depth + "\n"


def _garbage() -> bytes:
    noise = bytearray(random.Random(20260101).randbytes(4096))
    noise[1000] = 0  # at least one NUL, wherever the seed puts the others
    return bytes(noise)


def _first_nul(raw: bytes) -> tuple[int, int]:
    nul = raw.index(b"\x00")
    return raw.count(b"\n", 0, nul) + 1, nul - (raw.rfind(b"\n", 0, nul) + 1) + 1


@dataclass(frozen=True)
class Bad:
    """One bad file: its bytes and what the linter must say about it."""

    id: str
    raw: bytes
    codes: frozenset[str]
    where: tuple[int, int] | None  # (line, column) of the finding, when the case fixes it
    exit: int
    message: str = ""
    # further (code, line) findings that must also appear: proof the rest of the design was checked
    also: tuple[tuple[str, int], ...] = ()


def _text_case(
    name: str,
    text: str,
    code: str | set[str],
    where: tuple[int, int] | None,
    exit: int = EXIT_FINDINGS,
    message: str = "",
    also: tuple[tuple[str, int], ...] = (),
) -> Bad:
    codes = frozenset({code} if isinstance(code, str) else code)
    return Bad(name, text.encode("utf-8"), codes, where, exit, message, also)


SYNTAX = "format: 1\ncourse:\n  title: Spend: analytics for buyers\n"
LATIN1 = b"format: 1\ncourse:\n  title: Caf\xe9 analytics\n  ects: 3\n"
MULTI = "format: 1\ncourse: {title: Spend analytics}\n---\nformat: 1\n"
DRAFT = "format: 1\ncourse:\n  title: Spend analytics\n"
DUPLICATE = _edit(CLEAN, ("  ects: 3\n", "  ects: 3\n  language: nl\n"))
TITEL = _edit(CLEAN, ("  title: Spend Analytics", "  titel: Spend Analytics"))
GARBAGE = _garbage()
OUTCOME_TEXT = _edit(
    CLEAN,
    (
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n",
        "  - Explain the stages of a public tender.\n  - {id: LO3, statement: Evaluate supplier offers., domain: skills}\n",
    ),
)
AT_LO3 = _position(OUTCOME_TEXT, "  - {id: LO3")[0]

# A wrong value in each field; the line of LO2 is where AL001 must still be reported.
LO2_LINE = _position(CLEAN, "  - {id: LO2")[0]
WRONG_TYPES = [
    ("ects-as-a-word", ("  ects: 3\n", "  ects: three\n"), ("  ects: ", "three")),
    ("eqf-level-7.5", ("  eqf_level: 6\n", "  eqf_level: 7.5\n"), ("  eqf_level: ", "7.5")),
    ("eqf-level-true", ("  eqf_level: 6\n", "  eqf_level: true\n"), ("  eqf_level: ", "true")),
    ("week-0", ("weight: 100, hours: 24, week: 5", "weight: 100, hours: 24, week: 0"), ("hours: 24, week: ", "0")),
    (
        "weight-150",
        ("method: project, weight: 100", "method: project, weight: 150"),
        ("method: project, weight: ", "150"),
    ),
    ("hours-minus-1", ("week: 1, hours: 30", "week: 1, hours: -1"), ("week: 1, hours: ", "-1")),
]


def _wrong_type_cases() -> list[Bad]:
    cases = []
    for name, change, (before, value) in WRONG_TYPES:
        text = _edit(CLEAN, change, UNASSESSED_LO2)
        cases.append(
            _text_case(
                f"wrong-type-{name}",
                text,
                "ST006",
                _position(text, before, value),
                message=value,
                also=(("AL001", LO2_LINE),),
            )
        )
    return cases


INFINITE_ECTS = _edit(CLEAN, ("  ects: 3\n", "  ects: .inf\n"))

CASES: list[Bad] = [
    _text_case(
        "yaml-syntax-error",
        SYNTAX,
        "ST001",
        _position(SYNTAX, "  title: Spend", ":"),
        message="mapping values are not allowed",
    ),
    _text_case(
        "top-level-list", "- format: 1\n- course: {title: Spend analytics}\n", "ST003", (1, 1), message="a list"
    ),
    _text_case("scalar-file", "Spend analytics for buyers\n", "ST003", (1, 1), message="a single value"),
    _text_case("empty-file", "", "ST003", (1, 1), message="empty"),
    _text_case("comments-only", "# course design for spend analytics\n\n# format: 1 goes here\n", "ST003", (1, 1)),
    Bad("binary-garbage", GARBAGE, frozenset({"ST002"}), _first_nul(GARBAGE), EXIT_FINDINGS, "binary"),
    Bad(
        "over-the-size-limit",
        b"format: 1\n" + b"# padding\n" * (MAX_FILE_BYTES // 10),
        frozenset({"ST002"}),
        (1, 1),
        EXIT_FINDINGS,
        str(MAX_FILE_BYTES),
    ),
    Bad(
        "exactly-at-the-size-limit-is-read",
        b"#" * (MAX_FILE_BYTES - 1) + b"\n",
        frozenset({"ST003"}),
        (1, 1),
        EXIT_FINDINGS,
        "empty",
    ),
    _text_case("billion-laughs", _billion_laughs(), "ST002", None, message="more than 100000 nodes"),
    _text_case("200-nested-block-mappings", _nested_block_mappings(200), {"ST001", "ST002"}, None),
    _text_case("200-nested-flow-lists", _nested_flow_lists(200), {"ST001", "ST002"}, None),
    _text_case("5000-nested-flow-lists", _nested_flow_lists(5000), {"ST001", "ST002"}, None),
    Bad("latin-1-byte-on-line-3", LATIN1, frozenset({"ST002"}), (3, 13), EXIT_FINDINGS, "0xe9"),
    Bad("utf-8-byte-order-mark", b"\xef\xbb\xbf" + CLEAN.encode("utf-8"), frozenset(), None, EXIT_OK),
    _text_case("two-documents", MULTI, "ST001", (3, 1), message="single document"),
    _text_case("format-2", _edit(CLEAN, ("format: 1\n", "format: 2\n")), "ST003", (1, 9), message="'2'"),
    _text_case("no-format-key", _edit(CLEAN, ("format: 1\n", "")), "ST003", (1, 1), message="format: 1"),
    _text_case(
        "outcome-is-a-string",
        OUTCOME_TEXT,
        "ST006",
        _position(OUTCOME_TEXT, "  - ", "Explain the stages"),
        message="mapping",
        also=(("AL001", AT_LO3),),
    ),
    *_wrong_type_cases(),
    _text_case("ects-infinite", INFINITE_ECTS, {"ST006", "WL002"}, _position(INFINITE_ECTS, "  ects: ", ".inf")),
    _text_case("unknown-key-titel", TITEL, "ST005", _position(TITEL, "  ", "titel:"), message="did you mean 'title'"),
    _text_case(
        "duplicate-key",
        DUPLICATE,
        "ST004",
        _position(DUPLICATE, "  ects: 3\n  ", "language: nl"),
        message=f"first at line {_position(CLEAN, '  ', 'language: en')[0]}",
    ),
    _text_case("half-written-draft", DRAFT, "MI001", None, message="missing EU minimum information"),
]


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging when an in-process lint runs away (POSIX main thread only)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"lint_file took more than {seconds} s")

    if not hasattr(signal, "SIGALRM"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "designer", "lint", *args],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        cwd=cwd,
        env=env,
        check=False,
    )


def _assert_no_crash(proc: subprocess.CompletedProcess[str]) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert "internal error" not in stream, stream
        assert "RecursionError" not in stream, stream


def _write(tmp_path: Path, case: Bad) -> Path:
    path = tmp_path / "design.yaml"
    path.write_bytes(case.raw)
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_lint_file(case: Bad, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    with _deadline(CLI_TIMEOUT):
        findings = lint_file(path).findings
    described = [(f.code, f.line, f.column, f.message) for f in findings]
    if not case.codes:
        assert described == []
        return
    hits = [f for f in findings if f.code in case.codes]
    assert hits, f"expected one of {sorted(case.codes)}; got {described}"
    if case.where is not None:
        assert case.where in {(f.line, f.column) for f in hits}, (
            f"expected {sorted(case.codes)} at {case.where}; got {described}"
        )
        hits = [f for f in hits if (f.line, f.column) == case.where]
    if case.message:
        assert any(case.message in f.message for f in hits), f"no message names {case.message!r}: {described}"
    for code, line in case.also:
        assert (code, line) in {(f.code, f.line) for f in findings}, f"expected {code} at line {line}; got {described}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli(case: Bad, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    proc = _run_cli(str(path), cwd=tmp_path)
    _assert_no_crash(proc)
    assert proc.returncode in DOCUMENTED_EXITS
    assert proc.returncode == case.exit, proc.stdout + proc.stderr
    if not case.codes:
        assert "All checks passed" in proc.stdout
        return
    codes = "|".join(sorted(case.codes))
    line, column = (str(n) for n in case.where) if case.where else (r"\d+", r"\d+")
    pattern = rf"^{re.escape(str(path))}:{line}:{column}: ({codes}) "
    assert re.search(pattern, proc.stdout, re.MULTILINE), (
        f"no line matching {pattern!r} in:\n{proc.stdout}{proc.stderr}"
    )
    for code, also_line in case.also:
        assert re.search(rf"^{re.escape(str(path))}:{also_line}:\d+: {code} ", proc.stdout, re.MULTILINE), proc.stdout


def test_rules_still_run_after_a_wrong_type(tmp_path: Path) -> None:
    """Several wrong values at once: one ST006 each, at its own line, and the alignment rules still report."""
    text = _edit(
        CLEAN,
        ("  ects: 3\n", '  ects: "three"\n'),
        ("  eqf_level: 6\n", "  eqf_level: 7.5\n"),
        ("method: project, weight: 100, hours: 24, week: 5", "method: project, weight: 150, hours: 24, week: 0"),
        ("week: 1, hours: 30", "week: 1, hours: -1"),
        UNASSESSED_LO2,
    )
    path = tmp_path / "types.yaml"
    path.write_text(text, encoding="utf-8")
    findings = lint_file(path).findings
    st006 = sorted((f.line, f.column) for f in findings if f.code == "ST006")
    expected = sorted(
        [
            _position(text, "  ects: ", '"three"'),
            _position(text, "  eqf_level: ", "7.5"),
            _position(text, "method: project, weight: ", "150"),
            _position(text, "hours: 24, week: ", "0"),
            _position(text, "week: 1, hours: ", "-1"),
        ]
    )
    assert st006 == expected
    assert ("AL001", LO2_LINE, "LO2") in {(f.code, f.line, f.subject) for f in findings}


def test_half_written_draft_loads_and_lists_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    result = lint_file(path)
    assert result.loaded.design is not None
    assert result.loaded.design.course.title == "Spend analytics"
    codes = {f.code for f in result.findings}
    assert codes == {"MI001"}, [(f.code, f.message) for f in result.findings]
    # One finding per place: the missing sections at the top, the missing course keys at `course`.
    # The file lacks outcomes and summative components (one finding at the top, the sections are not started),
    # and the course section lacks six elements: one finding each, on the course line.
    assert [f.line for f in result.findings] == [1, 2, 2, 2, 2, 2, 2]
    assert result.findings[0].message.count(";") == 1
    assert all(f.message.count(";") == 0 for f in result.findings[1:])


def test_utf8_bom_design_loads_like_the_same_design_without_it(tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + CLEAN.encode("utf-8"))
    result = lint_file(with_bom)
    assert result.loaded.design is not None
    assert result.loaded.design.course.code == "QA-7"
    assert result.findings == []


def test_missing_path_argument_is_a_usage_error(tmp_path: Path) -> None:
    proc = _run_cli(cwd=tmp_path)
    _assert_no_crash(proc)
    assert proc.returncode == EXIT_USAGE
    assert proc.stdout == ""
    assert "PATH" in proc.stderr


def test_folder_without_yaml_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.txt").write_text("format: 1\n", encoding="utf-8")
    proc = _run_cli(str(folder), cwd=tmp_path)
    _assert_no_crash(proc)
    assert proc.returncode == EXIT_USAGE
    assert str(folder) in proc.stderr


def test_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    proc = _run_cli(str(missing), cwd=tmp_path)
    _assert_no_crash(proc)
    assert proc.returncode == EXIT_USAGE
    assert str(missing) in proc.stderr


def test_lint_file_on_a_path_it_cannot_open(tmp_path: Path) -> None:
    # A folder cannot be opened as a file even by root, unlike a chmod 000 file.
    result = lint_file(tmp_path)
    assert result.loaded.unreadable
    assert [(f.code, f.line, f.column) for f in result.findings] == [("ST002", 1, 1)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    path.chmod(0)
    try:
        result = lint_file(path)
        assert result.loaded.unreadable
        assert [f.code for f in result.findings] == ["ST002"]
        proc = _run_cli(str(path), cwd=tmp_path)
    finally:
        path.chmod(0o600)
    _assert_no_crash(proc)
    assert proc.returncode == EXIT_USAGE
    assert re.search(rf"^{re.escape(str(path))}:1:1: ST002 ", proc.stdout, re.MULTILINE), proc.stdout + proc.stderr
