"""Data-driven tests of the catalogue rules (CT): one case file per rule code in tests/catalogue_cases/.

The cases follow tests/rule_cases/ (see tests/test_rule_cases.py), over a whole catalogue
instead of one design: each case's `patch` changes the clean catalogue of
tests/fixtures/catalogue (see tests/catalogues.py for what a patch can say), and the
changed catalogue is linted as `designer lint` lints its folder. Each expected finding
names its `file` and gives its position as `line:`, `at:` or `at_key:` (a dotted data path
in that file, resolved to its line in the linted text), with optional `subject`,
`message_contains` and `message`. Exit codes are those of `designer lint --select CODE`, as in
tests/rule_cases. `also` lists every finding of another rule the case
legitimately gives, as `{code, file, subject}`: the findings over all files must be exactly
`expect` and `also`, so a cascade of one cause into other rules cannot come back.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from catalogues import CATALOGUE, FOLDER, doc_patch, lint_texts, patched

from designer.model.catalogue_loader import load_catalogue_text
from designer.model.findings import Finding
from designer.model.loader import load_text
from designer.rules.catalogue import CatalogueRule
from designer.rules.config import Settings
from designer.rules.engine import CatalogueLint
from designer.rules.registry import RULES

CASES_DIR = Path(__file__).resolve().parent / "catalogue_cases"
CT_RULES = [rule for rule in RULES if isinstance(rule, CatalogueRule)]
CASE_KEYS = {"name", "severity", "exit_code", "strict_exit_code", "patch", "expect", "also"}
EXPECT_KEYS = {"file", "line", "at", "at_key", "subject", "message_contains", "message"}
ALSO_KEYS = {"code", "file", "subject", "message_contains"}
MIN_FIRING = 2
MIN_QUIET = 2


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{case.get('name')}"))
    return params


def every_finding(linted: CatalogueLint) -> list[Finding]:
    return [*linted.catalogue.on(linted.catalogue.path), *(f for result in linted.designs for f in result.findings)]


def _name(finding: Finding) -> str:
    return finding.path.removeprefix(f"{FOLDER}/")


def _line(files: dict[str, str], expected: dict[str, Any]) -> int:
    if "line" in expected:
        return int(expected["line"])
    name = expected["file"]
    text = files[name]
    source = (load_catalogue_text(text) if name == CATALOGUE else load_text(text)).source
    key = "at_key" if "at_key" in expected else "at"
    dotted = str(expected[key])
    path = tuple(int(p) if p.isdigit() else p for p in dotted.split(".")) if dotted else ()
    return source.at(path, key=key == "at_key").line


def _exit_code(findings: list[Finding], strict: bool) -> int:
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity.value in failing for f in findings) else 0


def _shape(code: str, case: dict[str, Any]) -> None:
    assert isinstance(case, dict) and not set(case) - CASE_KEYS, f"{code}: case keys {sorted(case)}"
    assert isinstance(case.get("name"), str), f"{code}: a case needs a name"
    assert isinstance(case.get("expect"), list), f"{code}-{case['name']}: expect must be a list"
    assert (case.get("severity") is not None) == bool(case["expect"]), f"{code}-{case['name']}: severity iff firing"
    for key in ("exit_code", "strict_exit_code"):
        assert case.get(key) in (0, 1), f"{code}-{case['name']}: {key} must be 0 or 1"
    for expected in case["expect"]:
        assert not set(expected) - EXPECT_KEYS and "file" in expected, f"{code}-{case['name']}: {expected}"
        assert sum(key in expected for key in ("line", "at", "at_key")) == 1, f"{code}-{case['name']}: one position"
    for other in case.get("also", []):
        assert not set(other) - ALSO_KEYS and other.get("code") != code, f"{code}-{case['name']}: also {other}"


@pytest.mark.parametrize(("code", "case"), _cases())
def test_catalogue_case(code: str, case: dict[str, Any]) -> None:
    _shape(code, case)
    files = patched(case.get("patch"))
    linted = lint_texts(files)
    findings = every_finding(linted)
    found = [f for f in findings if f.code == code]
    described = "\n".join(f"  {_name(f)}:{f.line} {f.code} [{f.subject}] {f.message}" for f in findings) or "  (none)"

    wanted = Counter((e["file"], _line(files, e), e.get("subject")) for e in case["expect"])
    assert Counter((_name(f), f.line, f.subject) for f in found) == wanted, f"{code} findings differ; all:\n{described}"
    for expected in case["expect"]:
        key = (expected["file"], _line(files, expected), expected.get("subject"))
        messages = [f.message for f in found if (_name(f), f.line, f.subject) == key]
        if "message" in expected:
            assert expected["message"] in messages, f"{key}: messages {messages}"
        texts = expected.get("message_contains", [])
        texts = [texts] if isinstance(texts, str) else texts
        assert any(all(str(t) in m for t in texts) for m in messages), f"{key}: {texts} not in {messages}"

    listed = Counter((code, e["file"], e.get("subject")) for e in case["expect"])
    listed.update((o["code"], o["file"], o.get("subject")) for o in case.get("also", []))
    assert Counter((f.code, _name(f), f.subject) for f in findings) == listed, (
        f"findings other than expect and also:\n{described}"
    )
    for other in case.get("also", []):
        if "message_contains" in other:
            key = (other["code"], other["file"], other.get("subject"))
            messages = [f.message for f in findings if (f.code, _name(f), f.subject) == key]
            assert any(other["message_contains"] in m for m in messages), f"{other}: {messages}"

    assert {f.severity.value for f in found} == ({case["severity"]} if found else set())
    selected = every_finding(lint_texts(files, Settings(select=[code])))
    assert {f.code for f in selected} <= {code}, f"--select {code} kept other codes"
    assert (_exit_code(selected, False), _exit_code(selected, True)) == (
        case["exit_code"],
        case["strict_exit_code"],
    ), f"{code}-{case['name']}: exit codes (plain, --strict) differ from the case"


def test_every_catalogue_rule_has_enough_cases() -> None:
    thin = []
    for rule in CT_RULES:
        path = CASES_DIR / f"{rule.code}.yaml"
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
        firing = sum(1 for case in cases if case.get("expect"))
        quiet = sum(1 for case in cases if case.get("expect") == [])
        if firing < MIN_FIRING or quiet < MIN_QUIET:
            thin.append(f"{rule.code}: {firing} firing and {quiet} quiet cases")
    assert not thin, "catalogue rules need >= 2 firing and >= 2 quiet cases:\n" + "\n".join(thin)


def test_case_files_name_catalogue_rules() -> None:
    codes = {rule.code for rule in CT_RULES}
    assert sorted(p.stem for p in CASES_DIR.glob("*") if p.stem not in codes or p.suffix != ".yaml") == []


def test_fixture_catalogue_is_clean() -> None:
    """Cases that expect nothing rely on the fixture catalogue raising no finding of its own."""
    assert [(f.path, f.line, f.code, f.message) for f in every_finding(lint_texts(patched({})))] == []


@pytest.mark.parametrize("rule", CT_RULES, ids=lambda r: r.code)
def test_doc_example_fires_and_fix_does_not(rule: CatalogueRule) -> None:
    fired = [f for f in every_finding(lint_texts(patched(doc_patch(rule.example)))) if f.code == rule.code]
    assert fired, f"{rule.code}'s doc example does not trigger it"
    fixed = [f for f in every_finding(lint_texts(patched(doc_patch(rule.fix)))) if f.code == rule.code]
    assert not fixed, f"{rule.code}'s doc fix still triggers it: {fixed[0].message}"
