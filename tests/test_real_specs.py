"""Real published course specifications, transcribed, give the findings an expert listed before lint ran.

Each difference from the expert's list on the specifications the rules were tuned on (`split: dev`) must be
written down with its reason in the expert file (`differences:`), so a new cascade or a lost true finding fails
here. The held-out ones (`split: holdout`) are held to the issue's targets only: no expert error missed, and
at least 4 in 5 findings the expert's.
"""

from __future__ import annotations

import pytest

from tests.real_specs.compare import compare, specs


@pytest.mark.parametrize("path", specs("dev"), ids=lambda p: p.stem)
def test_lint_gives_the_experts_findings_and_no_others(path) -> None:  # type: ignore[no-untyped-def]
    got = compare(path)
    assert got.unexpected == got.extra_ok, f"{got.name}: findings the expert did not list: {dict(got.unexpected)}"
    assert got.missing == got.missed_ok, f"{got.name}: expert findings lint does not give: {dict(got.missing)}"


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_no_error_the_expert_listed_is_missed_and_most_findings_are_the_experts(split: str) -> None:
    # The held-out specifications were never used to tune the rules: this is how the next real course fares.
    agreed = total = 0
    for path in specs(split):
        got = compare(path)
        missed_errors = [key for key in got.missing if got.severities.get(key) == "error"]
        assert not missed_errors, f"{got.name}: expert errors lint misses: {missed_errors}"
        agreed += sum(got.agreed.values())
        total += sum(got.lint.values())
    # The target: at least 4 of 5 findings are ones the expert listed.
    assert total and agreed / total >= 0.8, f"{agreed} of {total} findings are the expert's"
