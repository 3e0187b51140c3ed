"""Rule docs, docs/rules.md and the JSON Schema stay true to the code."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, overlay

from designer.model.schema import build_catalogue_schema, build_schema, schema_text
from designer.paths import sample_designs
from designer.rules.catalogue import CatalogueRule
from designer.rules.config import Settings
from designer.rules.docs import rules_markdown
from designer.rules.engine import lint_text
from designer.rules.registry import RULES

# These rules judge the file itself, so their examples are whole files, not snippets.
WHOLE_FILE = {"ST001", "ST002", "ST003", "ST004"}
# internal-error stands for a bug in designer: no design triggers it on purpose (tests/test_isolation.py does).
NO_EXAMPLE = {"ST000"}


@pytest.mark.parametrize("rule", [r for r in RULES if not isinstance(r, CatalogueRule)], ids=lambda r: r.code)
def test_doc_example_fires_and_fix_does_not(rule) -> None:  # type: ignore[no-untyped-def]
    # The catalogue rules' examples change a whole catalogue: tests/test_catalogue_cases.py runs them.
    if rule.code in NO_EXAMPLE:
        pytest.skip("an internal error has no example design")
    example = rule.example if rule.code in WHOLE_FILE else overlay(rule.example)
    # An opt-in rule (EX) runs only when selected: its docs are run the way a user asks for it.
    settings = Settings(select=[rule.code]) if rule.opt_in else None
    fired = [f for f in lint_text(example, settings=settings).findings if f.code == rule.code]
    assert fired, f"{rule.code}'s doc example does not trigger it"
    fixed = [f for f in lint_text(overlay(rule.fix), settings=settings).findings if f.code == rule.code]
    assert not fixed, f"{rule.code}'s doc fix still triggers it: {fixed[0].message}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.code[:2].isalpha() and rule.code[2:].isdigit() and len(rule.code) == 5
    assert rule.name == rule.name.lower() and " " not in rule.name
    for part in (rule.summary, rule.what, rule.why, rule.example, rule.fix):
        assert part.strip()


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_rules_md_is_generated_from_the_rules() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: run `designer rules --format md > docs/rules.md`"


def test_committed_schema_matches_the_model() -> None:
    committed = (ROOT / "docs" / "design.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "docs/design.schema.json drifted: run `designer schema -o docs/design.schema.json`"
    )


def test_committed_catalogue_schema_matches_the_model() -> None:
    committed = (ROOT / "docs" / "catalogue.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(catalogue=True), (
        "docs/catalogue.schema.json drifted: run `designer schema --catalogue -o docs/catalogue.schema.json`"
    )


def test_catalogue_schema_validates_catalogues_and_rejects_typos() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = build_catalogue_schema()
    for catalogue in [*ROOT.glob("sample_courses/catalogue.yaml"), ROOT / "tests/fixtures/catalogue/catalogue.yaml"]:
        jsonschema.validate(yaml.safe_load(catalogue.read_text(encoding="utf-8")), schema)
    bad = {"format": 1, "stacks": [{"id": "s", "min_credit": 3}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    methods = schema["$defs"]["Expectation"]["properties"]["methods"]["items"]["anyOf"][0]["enum"]
    assert "case-study" in methods


def test_schema_validates_samples_and_rejects_typos() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = build_schema()
    for sample in sample_designs():
        jsonschema.validate(yaml.safe_load(sample.read_text()), schema)
    bad = yaml.safe_load(overlay("course: {titel: X}\n"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_schema_suggests_framework_vocabularies() -> None:
    schema = json.loads(schema_text())
    method = schema["$defs"]["Summative"]["properties"]["method"]
    assert {"enum": [*method["anyOf"][0]["enum"]]} == method["anyOf"][0]
    assert "project" in method["anyOf"][0]["enum"]
    assert schema["$defs"]["Outcome"]["required"] == ["id", "statement", "domain"]
