"""Fuzz: mutated designs never crash the linter, through text, in-memory data and the CLI.

The generator lives in tests/fuzzing.py; `make fuzz` runs the same generator for longer
(tests/fuzz_campaign.py). Examples are derandomized, so every run of the suite sees the
same inputs, and no example database is written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from catalogues import CATALOGUE, FOLDER, fixture_texts, lint_texts, write_folder
from fuzzing import CatalogueMutant, Mutant, catalogue_mutants, check, check_catalogue, mutants
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.model.source import SourceMap
from designer.rules.engine import lint_data, lint_text

BOUNDED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@settings(BOUNDED, max_examples=250)
@given(mutants())
def test_lint_text_survives_mutated_designs(mutant: Mutant) -> None:
    check(lint_text(mutant.text, "mutant.yaml"), mutant.text)


@settings(BOUNDED, max_examples=150)
@given(mutants())
def test_lint_data_survives_mutated_designs(mutant: Mutant) -> None:
    # The editor hands over data with the positions of its own document; here the text's.
    from designer.model.loader import load_text

    source = load_text(mutant.text).source
    check(lint_data(mutant.data(), source, "mutant.yaml"))
    check(lint_data(mutant.data(), SourceMap(), "mutant.yaml"))


def lint_report(folder: Path, fmt: str) -> Any:
    """`designer lint --format FMT FOLDER` as a user runs it: an exit code of 0-2, no traceback, parseable output."""
    proc = subprocess.run(
        [sys.executable, "-m", "designer", "lint", "--format", fmt, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


CLEAN = (Path(__file__).resolve().parent / "fixtures" / "base.yaml").read_text(encoding="utf-8")


@settings(BOUNDED, max_examples=3)
@given(st.lists(mutants(), min_size=3, max_size=3))
def test_cli_reports_every_file_of_a_mutated_folder(tmp_path_factory, batch: list[Mutant]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("mutants")
    # A clean design first: whatever the mutants do, its (empty) result must be in the report.
    (folder / "a-clean.yaml").write_text(CLEAN, encoding="utf-8")
    for number, mutant in enumerate(batch):
        (folder / f"mutant-{number}.yaml").write_text(mutant.text, encoding="utf-8", errors="surrogatepass")
    for fmt in ("json", "sarif"):
        document = lint_report(folder, fmt)
        if fmt == "json":
            assert document["summary"]["files"] == 4
            paths = {finding["path"] for finding in document["findings"]}
            assert str(folder / "a-clean.yaml") not in paths
            assert all(finding["code"] != "ST000" for finding in document["findings"])
        else:
            assert all(result["ruleId"] != "ST000" for result in document["runs"][0]["results"])


@settings(BOUNDED, max_examples=120)
@given(catalogue_mutants())
def test_catalogue_rules_survive_mutated_catalogues(mutant: CatalogueMutant) -> None:
    files = {**fixture_texts(), **mutant.designs, CATALOGUE: mutant.catalogue.text}
    linted = lint_texts(files)
    findings = [*linted.catalogue.on(linted.catalogue.path), *(f for r in linted.designs for f in r.findings)]
    check_catalogue(findings, {f"{FOLDER}/{name}": text for name, text in files.items()})


@settings(BOUNDED, max_examples=3)
@given(st.lists(catalogue_mutants(), min_size=3, max_size=3))
def test_cli_lints_designs_under_a_mutated_catalogue(tmp_path_factory, batch: list[CatalogueMutant]) -> None:  # type: ignore[no-untyped-def]
    for mutant in batch:
        files = {**fixture_texts(), **mutant.designs}
        folder = write_folder(tmp_path_factory.mktemp("catalogue") / "c", files)
        (folder / CATALOGUE).write_text(mutant.catalogue.text, encoding="utf-8", errors="surrogatepass")
        for fmt in ("json", "sarif"):
            document = lint_report(folder, fmt)
            if fmt == "json":
                # Every design is linted and reported, whatever became of catalogue.yaml.
                assert document["summary"]["files"] == len(set(files) | {CATALOGUE})
                assert all(finding["code"] != "ST000" for finding in document["findings"])
