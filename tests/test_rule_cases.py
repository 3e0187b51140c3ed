"""Data-driven rule tests: one case file per rule code in tests/rule_cases/.

Each file holds a list of cases. A case has a `name`, either a `design:` (a whole
file's text, for exact lines) or a `patch:` (laid over tests/fixtures/base.yaml
with `overlay`), `expect:`, the findings of that rule, and `also:`, every
finding of another rule the linted text legitimately gives, as `{code, subject}`
(subject none when absent): the case's findings must be exactly expect and also,
so a cascade of one root cause into other rules cannot come back. Each expected
finding gives its position as `line:` (1-based), `at:` (a dotted data path such
as `summative.0.prepares.0`, resolved to the line of that value in the linted
text) or `at_key:` (the same, for the line of a mapping key); `subject:` (the id
the finding is about, none when absent), `message_contains:` (a text or a
list of texts the message must include) and `message:` (the whole message) are
optional. `expect: []` means the
rule must not fire. An opt-in rule's cases (the EX family) are linted with every rule selected, as
`--select` naming them all would, so they run beside the others.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from designer.model.loader import load_text
from designer.rules.catalogue import CatalogueRule
from designer.rules.config import Settings
from designer.rules.engine import Result, lint_text
from designer.rules.registry import BY_CODE, RULES
from tests.conftest import overlay

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
CASE_KEYS = {"name", "severity", "exit_code", "strict_exit_code", "design", "patch", "expect", "also"}
ALSO_KEYS = {"code", "subject", "message_contains"}
EXPECT_KEYS = {"line", "at", "at_key", "subject", "message_contains", "message"}
POSITION_KEYS = ("line", "at", "at_key")
SEVERITIES = {"error", "warning", "info"}
MIN_FIRING = 2
MIN_QUIET = 2


def _read_cases(path: Path) -> list[dict[str, Any]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(cases, list), f"{path.name}: a case file holds a list of cases"
    return cases


def _all_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(cases, list):
            # Reported by test_rule_case rather than as a collection error for the whole module.
            params.append(pytest.param(path.stem, cases, id=f"{path.stem}-not-a-list-of-cases"))
            continue
        for case in cases:
            name = case.get("name") if isinstance(case, dict) else None
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{name}"))
    return params


def _data_path(dotted: str) -> tuple[str | int, ...]:
    """`summative.0.prepares.1` -> ("summative", 0, "prepares", 1); "" is the document itself."""
    if not dotted:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


def _case_text(case: dict[str, Any]) -> str:
    if "design" in case:
        return case["design"]
    return overlay(case["patch"])


def _expected_line(text: str, expected: dict[str, Any]) -> int:
    if "line" in expected:
        return int(expected["line"])
    source = load_text(text).source
    if "at" in expected:
        return source.at(_data_path(str(expected["at"]))).line
    return source.at(_data_path(str(expected["at_key"])), key=True).line


def lint_exit_code(result: Result, *, strict: bool) -> int:
    """The CLI's rule for one file (`designer lint`): errors fail, warnings fail only with --strict."""
    failing = result.count("error") + (result.count("warning") if strict else 0)
    return 1 if failing else 0


def _check_case_shape(code: str, case: dict[str, Any]) -> None:
    assert isinstance(case, dict), f"{code}: the file must hold a list of case mappings, not {case!r}"
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"{code} case {case.get('name')}: unknown keys {sorted(unknown)}"
    assert isinstance(case.get("name"), str) and case["name"], f"{code}: a case needs a name"
    assert ("design" in case) != ("patch" in case), f"{code}-{case['name']}: give exactly one of design or patch"
    assert isinstance(case.get("expect"), list), f"{code}-{case['name']}: expect must be a list ([] for no finding)"
    if case["expect"]:
        assert case.get("severity") in SEVERITIES, (
            f"{code}-{case['name']}: a firing case needs severity: error|warning|info"
        )
    else:
        assert "severity" not in case, f"{code}-{case['name']}: a case that expects no finding has no severity to state"
    for key in ("exit_code", "strict_exit_code"):
        assert case.get(key) in (0, 1), f"{code}-{case['name']}: {key} must be 0 or 1"
    assert isinstance(case.get("also", []), list), f"{code}-{case['name']}: also must be a list"
    for other in case.get("also", []):
        assert isinstance(other, dict) and not set(other) - ALSO_KEYS, f"{code}-{case['name']}: also {other!r}"
        assert other.get("code") != code, f"{code}-{case['name']}: findings of {code} itself go under expect"
    for expected in case["expect"]:
        unknown = set(expected) - EXPECT_KEYS
        assert not unknown, f"{code}-{case['name']}: unknown expect keys {sorted(unknown)}"
        given = [key for key in POSITION_KEYS if key in expected]
        assert len(given) == 1, f"{code}-{case['name']}: each expected finding needs one of line, at, at_key"


def _settings_for(code: str) -> Settings | None:
    """Every rule, opt-in ones included, for an opt-in rule's case; the default selection otherwise."""
    rule = BY_CODE.get(code)
    return Settings(select=sorted(BY_CODE)) if rule is not None and rule.opt_in else None


@pytest.mark.parametrize(("code", "case"), _all_cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    _check_case_shape(code, case)
    text = _case_text(case)
    result = lint_text(text, settings=_settings_for(code))
    found = [f for f in result.findings if f.code == code]

    expected_keys = Counter((_expected_line(text, e), e.get("subject")) for e in case["expect"])
    found_keys = Counter((f.line, f.subject) for f in found)
    described = "\n".join(f"  {f.line}:{f.column} {f.code} [{f.subject}] {f.message}" for f in found) or "  (none)"
    assert found_keys == expected_keys, f"{code} findings (line, subject) differ; found:\n{described}"

    for expected in case["expect"]:
        key = (_expected_line(text, expected), expected.get("subject"))
        messages = [f.message for f in found if (f.line, f.subject) == key]
        if "message" in expected:
            assert expected["message"] in messages, f"no {code} message at line {key[0]} reads exactly as expected"
        wanted = expected.get("message_contains")
        if wanted is None:
            continue
        wanted = [wanted] if isinstance(wanted, str) else wanted
        assert any(all(str(w) in m for w in wanted) for m in messages), (
            f"no {code} message at line {key[0]} names all of {wanted}; messages: {messages}"
        )

    others = [f for f in result.findings if f.code != code]
    everything = Counter((f.code, f.subject) for f in result.findings)
    listed = Counter([(code, e.get("subject")) for e in case["expect"]])
    listed.update((str(o["code"]), o.get("subject")) for o in case.get("also", []))
    described = "\n".join(f"  {f.line}:{f.column} {f.code} [{f.subject}] {f.message}" for f in others) or "  (none)"
    assert everything == listed, f"findings other than expect and also; other rules gave:\n{described}"
    for other in case.get("also", []):
        if "message_contains" in other:
            messages = [f.message for f in others if (f.code, f.subject) == (other["code"], other.get("subject"))]
            assert any(str(other["message_contains"]) in m for m in messages), f"{other}: messages {messages}"

    severities = {f.severity.value for f in found}
    assert severities == ({case["severity"]} if found else set()), f"{code} findings have severity {severities}"
    selected = lint_text(text, settings=Settings(select=[code]))
    assert [f for f in selected.findings if f.code != code] == [], f"--select {code} kept other codes"
    assert (lint_exit_code(selected, strict=False), lint_exit_code(selected, strict=True)) == (
        case["exit_code"],
        case["strict_exit_code"],
    ), f"{code}-{case['name']}: exit codes (plain, --strict) differ from the case"


def test_every_rule_has_a_case_file_with_enough_cases() -> None:
    thin = []
    # ST000 (internal-error) stands for a bug: tests/test_isolation.py makes it fire on purpose.
    # The catalogue rules have their own cases, over a whole catalogue (tests/test_catalogue_cases.py).
    for rule in (r for r in RULES if r.code != "ST000" and not isinstance(r, CatalogueRule)):
        path = CASES_DIR / f"{rule.code}.yaml"
        if not path.is_file():
            thin.append(f"{rule.code}: no case file")
            continue
        cases = _read_cases(path)
        firing = sum(1 for case in cases if case.get("expect"))
        quiet = sum(1 for case in cases if case.get("expect") == [])
        if firing < MIN_FIRING or quiet < MIN_QUIET:
            thin.append(f"{rule.code}: {firing} firing and {quiet} non-firing cases")
    assert not thin, "rules need >= 2 firing and >= 2 non-firing cases:\n" + "\n".join(thin)


def test_case_files_match_rule_codes() -> None:
    codes = {rule.code for rule in RULES if not isinstance(rule, CatalogueRule)}
    stray = sorted(p.name for p in CASES_DIR.iterdir() if p.suffix != ".yaml" or p.stem not in codes)
    assert not stray, f"case files that name no rule code: {stray}"


def test_case_names_are_unique_per_rule() -> None:
    repeated = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        names = Counter(case.get("name") for case in _read_cases(path))
        repeated.extend(f"{path.stem}-{name}" for name, count in names.items() if count > 1)
    assert not repeated, f"case names used twice: {repeated}"


def test_base_design_is_clean() -> None:
    """Patch cases that expect nothing rely on the base design raising no finding of its own."""
    findings = lint_text(overlay({})).findings
    assert [(f.code, f.line, f.message) for f in findings] == []
