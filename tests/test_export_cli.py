"""`designer export`: render's lint gate, atomic -o, catalogue folders, and `--check` of documents."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, overlay

from designer.cli import main
from designer.export import elm
from designer.export.common import dumps
from designer.rules.engine import lint_file

READY = overlay({"course": {"homepage": "https://example.org/spend", "isced_f": "0413", "learning_setting": "formal"}})


def _unassessed() -> str:
    """READY with an outcome no summative component assesses: AL001, an error."""
    design = yaml.safe_load(READY)
    design["summative"][0]["outcomes"] = ["LO1"]
    return yaml.safe_dump(design, sort_keys=False)


UNASSESSED = _unassessed()
SAMPLE = ROOT / "sample_courses" / "spend-analytics.yaml"


def cli(*argv: str) -> int:
    return main(["export", *argv])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_design_exports_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(str(SAMPLE), "--format", "elm") == 0
    context = lint_file(SAMPLE).context
    assert context is not None
    expected = dumps(elm.export_design(context.design, context.framework, key=SAMPLE.stem))
    captured = capsys.readouterr()
    assert captured.out == expected
    assert captured.err == ""


def test_export_then_check_a_design(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "course.jsonld"
    assert cli(str(SAMPLE), "--format", "elm", "-o", str(out), "--check") == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "LearningOpportunity"
    # Without the fields ELM requires, the export is written and its violations listed: exit 1.
    design = write(tmp_path, "bare.yaml", overlay({}))
    assert cli(str(design), "--format", "elm", "-o", str(tmp_path / "bare.jsonld"), "--check") == 1
    err = capsys.readouterr().err
    assert "LearningOpportunity lacks homepage (sh:minCount 1)" in err
    assert "LearningAchievementSpecification lacks thematicArea (sh:minCount 1)" in err
    assert "2 violations of European Learning Model" in err


def test_errors_block_the_export_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", UNASSESSED)
    out = tmp_path / "course.jsonld"
    assert cli(str(design), "--format", "elm", "-o", str(out)) == 1
    assert not out.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.search(rf"^{re.escape(str(design))}:\d+:\d+: AL001 .+ \[outcome-not-assessed\]$", captured.err, re.M)
    assert "1 error; nothing exported (fix them, or use --draft" in captured.err


def test_draft_exports_a_design_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", UNASSESSED)
    out = tmp_path / "course.jsonld"
    assert cli(str(design), "--format", "elm", "-o", str(out), "--draft") == 0
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "urn:designer:TEST-1:opportunity"
    assert "as a DRAFT with 1 open error" in capsys.readouterr().err


def test_an_unloadable_design_does_not_export_even_as_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", "format: 1\ncourse: [unclosed\n")
    assert cli(str(design), "--format", "elm", "--draft") == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "could not be loaded; nothing exported" in captured.err


def test_output_is_written_atomically_and_replaced(tmp_path: Path) -> None:
    design = write(tmp_path, "course.yaml", READY)
    out = write(tmp_path, "course.jsonld", "old")
    assert cli(str(design), "--format", "elm", "-o", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "LearningOpportunity"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.jsonld", "course.yaml"]


def test_a_read_only_output_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", READY)
    out = write(tmp_path, "course.jsonld", "old")
    out.chmod(0o444)
    assert cli(str(design), "--format", "elm", "-o", str(out)) == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert "cannot write" in capsys.readouterr().err


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", READY)
    assert cli(str(design)) == 2
    assert cli(str(tmp_path / "missing.yaml"), "--format", "elm") == 2
    assert cli(str(design), "--format", "elm", "-o", str(tmp_path / "no" / "such.jsonld")) == 2
    assert cli(str(design), "--format", "elm", "--credential") == 2
    assert cli(str(design), str(design), "--format", "elm") == 2
    err = capsys.readouterr().err
    assert "choose the standard: --format elm" in err
    assert "no such file" in err and "does not exist" in err
    assert "issuing platform" in err and "one design or one catalogue folder" in err
    assert "Traceback" not in err


# A catalogue folder.


def test_a_catalogue_needs_an_output_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(str(ROOT / "sample_courses"), "--format", "elm") == 2
    assert "give -o FOLDER" in capsys.readouterr().err


def test_a_catalogue_exports_one_conforming_document_per_design(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elm"
    assert cli(str(ROOT / "sample_courses"), "--format", "elm", "-o", str(target), "--check") == 0
    names = sorted(p.name for p in target.iterdir())
    courses = [f"{p.stem}.elm.jsonld" for p in (ROOT / "sample_courses").glob("*.yaml") if p.stem != "catalogue"]
    stacks = ["digital-procurement-operations.stack.elm.jsonld", "digital-sustainable-procurement.stack.elm.jsonld"]
    assert names == sorted(courses + stacks)
    assert "wrote 9 documents (7 courses, 2 stacks)" in capsys.readouterr().err
    assert cli("--check", *(str(target / name) for name in names)) == 0
    assert capsys.readouterr().out.splitlines() == [f"{target / name}: conforms" for name in names]


def test_a_catalogue_design_with_errors_is_skipped_without_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    write(folder, "catalogue.yaml", "format: 1\ncatalogue:\n  title: Test catalogue\n")
    write(folder, "a-clean.yaml", READY)
    write(folder, "b-broken.yaml", UNASSESSED.replace("TEST-1", "TEST-2"))
    target = tmp_path / "out"
    assert cli(str(folder), "--format", "elm", "-o", str(target)) == 1
    assert sorted(p.name for p in target.iterdir()) == ["a-clean.elm.jsonld"]
    assert "1 design not exported: b-broken.yaml" in capsys.readouterr().err
    assert cli(str(folder), "--format", "elm", "-o", str(target), "--draft") == 0
    assert sorted(p.name for p in target.iterdir()) == ["a-clean.elm.jsonld", "b-broken.elm.jsonld"]


# --check of documents.


def test_check_names_line_and_column_of_broken_json_and_still_checks_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonld"
    assert cli(str(SAMPLE), "--format", "elm", "-o", str(good)) == 0
    broken = write(tmp_path, "broken.jsonld", '{\n  "id": "x",\n  "type": ,\n}\n')
    assert cli("--check", str(good), str(broken)) == 2
    captured = capsys.readouterr()
    assert f"designer: {broken}:3:11: not valid JSON: Expecting value" in captured.err
    assert captured.out == f"{good}: conforms\n"


def test_check_prints_one_line_per_violation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    context = lint_file(SAMPLE).context
    assert context is not None
    document = elm.export_design(context.design, context.framework)
    document.pop("providedBy")
    document["learningAchievementSpecification"].pop("learningOutcome")
    path = write(tmp_path, "platform.jsonld", dumps(document))
    assert cli("--check", str(path)) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: urn:designer:PTG-SPA-1:opportunity providedBy: LearningOpportunity lacks providedBy (sh:minCount 1)",
        f"{path}: urn:designer:PTG-SPA-1:specification learningOutcome: "
        "LearningAchievementSpecification lacks learningOutcome (sh:minCount 1)",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"name": "a badge"}', "neither an ELM nor an Open Badges 3.0 document"),
        ("[1, 2]", "neither an ELM nor an Open Badges 3.0 document"),
        ('{"@context": 5, "type": "LearningOpportunity"}', "not valid JSON-LD"),
        (
            '{"@context": ["https://www.w3.org/2018/credentials/v1"], "type": "EuropeanDigitalCredential"}',
            "never fetches",
        ),
        ("[" * 100_000, "nested too deeply"),
        ("", "not valid JSON"),
    ],
)
def test_check_refuses_what_it_cannot_read_without_a_traceback(
    content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "odd.jsonld", content)
    assert cli("--check", str(path)) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_document_with_no_elm_object_does_not_conform(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "empty.jsonld", '{"@context": "http://data.europa.eu/snb/model/context/edc-ap", "type": 7}')
    assert cli("--check", str(path)) == 1
    assert "describes no ELM object" in capsys.readouterr().out


def test_check_of_binary_and_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "blob.json"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert cli("--check", str(binary), str(tmp_path / "missing.jsonld"), str(tmp_path / "x.json")) == 2
    err = capsys.readouterr().err
    assert "not UTF-8 text" in err and err.count("no such file") == 2


def test_a_value_of_the_wrong_datatype_is_a_violation_without_a_traceback(tmp_path: Path) -> None:
    """rdflib logs a traceback when a literal does not parse as its datatype; the user sees the violation only."""
    context = lint_file(SAMPLE).context
    assert context is not None
    document = elm.export_design(context.design, context.framework)
    document["learningAchievementSpecification"]["volumeOfLearning"] = "83 hours"
    path = write(tmp_path, "hours.jsonld", dumps(document))
    # A process of its own: pytest's log capture would hide what a user's terminal shows.
    done = subprocess.run(
        [sys.executable, "-m", "designer", "export", "--check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{path}: urn:designer:PTG-SPA-1:specification volumeOfLearning: LearningAchievementSpecification "
        "volumeOfLearning: 83 hours is not a duration (sh:datatype)"
    ]
    assert "Traceback" not in done.stderr and "83 hours" not in done.stderr


def test_exports_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.jsonld"
        subprocess.run(
            [sys.executable, "-m", "designer", "export", str(SAMPLE), "--format", "elm", "-o", str(out)],
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_export_names_the_fields_its_format_lacks_and_exports_anyway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A ready design first: no readiness line at all.
    ready = write(tmp_path, "ready.yaml", READY)
    assert cli(str(ready), "--format", "elm", "-o", str(tmp_path / "ready.jsonld")) == 0
    assert capsys.readouterr().err == ""
    # Without a homepage: EX001 on the file's line, the document is still written (a warning is not the gate).
    lines = [line for line in READY.splitlines(keepends=True) if not line.lstrip().startswith("homepage:")]
    bare = write(tmp_path, "bare.yaml", "".join(lines))
    out = tmp_path / "bare.jsonld"
    assert cli(str(bare), "--format", "elm", "-o", str(out)) == 0
    err = capsys.readouterr().err
    assert re.search(r"bare\.yaml:\d+:\d+: EX001 no course\.homepage", err), err
    assert out.is_file()
    # Open Badges has no use for the learning setting, ELM has: the readiness lines follow the format.
    lines = [line for line in READY.splitlines(keepends=True) if not line.lstrip().startswith("learning_setting:")]
    unset = write(tmp_path, "unset.yaml", "".join(lines))
    assert cli(str(unset), "--format", "ob3", "-o", str(tmp_path / "unset.json")) == 0
    assert "EX006" not in capsys.readouterr().err
    assert cli(str(unset), "--format", "elm", "-o", str(tmp_path / "unset.jsonld")) == 0
    assert "EX006" in capsys.readouterr().err
    # A plain lint of the same file still says nothing of export readiness.
    assert [f.code for f in lint_file(bare).findings] == []
