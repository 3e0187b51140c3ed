"""`designer lint` as a QA office runs it: formats, exit codes, config, selection, suppression, jobs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, overlay

from designer.cli import main

SAMPLES = ROOT / "sample_courses"

UNASSESSED = overlay(
    "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1], criteria: A rubric}\n"
)
WARNING_ONLY = overlay("course: {ects: 2}\n")  # 79 h for 2 ECTS: above 50-60 h


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "designer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_samples_lint_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(SAMPLES)]) == 0
    out = capsys.readouterr().out
    # sample_courses is the ProcToGo catalogue: its 7 designs and catalogue.yaml, CT rules included.
    assert "All checks passed: 8 files, no findings." in out


def test_text_output_names_file_line_column_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "course.yaml", UNASSESSED)
    assert main(["lint", "--color", "never", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if " AL001 " in row)
    location, rest = line.split(": AL001 ")
    file, lineno, col = location.rsplit(":", 2)
    assert file == str(path)
    text = path.read_text().splitlines()
    # The finding points at LO2's own entry in the outcomes list.
    assert "LO2" in text[int(lineno) - 1]
    assert int(col) >= 1
    assert "outcome LO2 is not assessed" in rest
    assert out.strip().splitlines()[-1].startswith("Found 1 error")


def test_colour_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "course.yaml", UNASSESSED)
    main(["lint", "--color", "always", str(path)])
    assert "\033[31m" in capsys.readouterr().out
    main(["lint", str(path)])  # captured stdout is not a terminal
    assert "\033[" not in capsys.readouterr().out


def test_json_output_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.yaml", UNASSESSED)
    write(tmp_path, "b.yaml", WARNING_ONLY)
    assert main(["lint", "--format", "json", str(tmp_path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["version"] == 1
    assert doc["summary"] == {"files": 2, "errors": 1, "warnings": 1, "info": 0, "files_with_findings": 2, "missing": 0}
    keys = {"path", "line", "column", "code", "name", "severity", "message", "subject"}
    assert all(set(f) == keys for f in doc["findings"])
    by_code = {f["code"]: f for f in doc["findings"]}
    assert by_code["AL001"]["severity"] == "error"
    assert by_code["AL001"]["name"] == "outcome-not-assessed"
    assert by_code["AL001"]["subject"] == "LO2"
    assert by_code["WL001"]["severity"] == "warning"
    assert "79 h" in by_code["WL001"]["message"] and "50-60 h" in by_code["WL001"]["message"]


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", UNASSESSED)
    main(["lint", "--format", "github", str(path)])
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={path},line=")
    assert ",title=AL001 outcome-not-assessed::outcome LO2 is not assessed" in out


def test_sarif_embeds_every_rule_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from designer.rules.registry import RULES

    path = write(tmp_path, "a.yaml", UNASSESSED)
    main(["lint", "--format", "sarif", str(path)])
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    assert all("**Why.**" in r["help"]["markdown"] and r["help"]["text"] for r in rules)
    result = next(r for r in run_["results"] if r["ruleId"] == "AL001")
    assert rules[result["ruleIndex"]]["id"] == "AL001"
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1 and region["startColumn"] >= 1


def test_exit_codes(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", UNASSESSED)
    warn = write(tmp_path, "warn.yaml", WARNING_ONLY)
    assert main(["lint", str(warn)]) == 0
    assert main(["lint", "--strict", str(warn)]) == 1
    assert main(["lint", str(bad)]) == 1
    assert main(["lint", "--exit-zero", str(bad)]) == 0
    assert main(["lint", str(tmp_path / "missing.yaml")]) == 2
    assert main(["lint", "--select", "ZZ9", str(bad)]) == 2
    assert main(["lint", "--framework", "atlantis", str(bad)]) == 2


def test_select_and_ignore_by_code_or_prefix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", UNASSESSED)
    assert main(["lint", "--ignore", "AL001", str(path)]) == 0
    capsys.readouterr()
    assert main(["lint", "--select", "WL,OW", str(path)]) == 0
    capsys.readouterr()
    assert main(["lint", "--select", "AL", "--format", "json", str(path)]) == 1
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert codes == {"AL001"}


def test_suppression_comment_silences_one_rule_on_one_node(tmp_path: Path) -> None:
    text = UNASSESSED.replace("- id: LO2", "- id: LO2  # designer: ignore[AL001]")
    assert "ignore[AL001]" in text
    path = write(tmp_path, "a.yaml", text)
    assert main(["lint", str(path)]) == 0
    other = write(tmp_path, "b.yaml", UNASSESSED.replace("- id: LO2", "- id: LO2  # designer: ignore[AL002]"))
    assert main(["lint", str(other)]) == 1


def test_config_found_upward_pyproject_and_designer_toml(tmp_path: Path) -> None:
    nested = tmp_path / "faculty" / "courses"
    path = write(nested, "a.yaml", UNASSESSED)
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.designer]\nignore = ["AL001"]\n')
    assert main(["lint", str(path)]) == 0
    # A designer.toml nearer the file wins over the pyproject above it.
    write(tmp_path / "faculty", "designer.toml", 'select = ["AL"]\nstrict = true\n')
    assert main(["lint", str(path)]) == 1
    write(tmp_path / "faculty", "designer.toml", "colour = true\n")
    assert main(["lint", str(path)]) == 2


def test_config_framework_file_extends_a_builtin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A QA office narrows the credit range in its own framework file.
    write(tmp_path, "qa.yaml", "extends: eu\nid: qa\nname: Our QA office\nects:\n  credits: {min: 4, max: 10}\n")
    text = overlay("course: {framework: null}\n").replace("  framework: null\n", "")
    path = write(tmp_path, "course.yaml", text)
    assert main(["lint", str(path)]) == 0
    capsys.readouterr()
    write(tmp_path, "designer.toml", 'framework = "qa.yaml"\n')
    assert main(["lint", "--format", "json", str(path)]) == 1
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    assert finding["code"] == "WL002" and "'qa'" in finding["message"] and "4-10" in finding["message"]
    # --framework overrides both the config and the design.
    assert main(["lint", "--framework", "eu", str(path)]) == 0


# (what the folder's designer.toml says, what lint, render and export say of it: file, line and column where known)
BAD_CONFIGS = [
    ('framework = "atlantis"\n', "{config}: framework: unknown framework 'atlantis'"),
    ('strict = false\nignore = ["OW002", "ow9"]\n', "{config}:2:21: ignore: no rule code starts with 'OW9'"),
]


@pytest.mark.parametrize(("config_text", "said"), BAD_CONFIGS, ids=["framework", "rule-code"])
@pytest.mark.parametrize(
    "command",
    [["lint"], ["render", "-o", "{out}.html"], ["export", "--format", "ob3", "-o", "{out}.jsonld"]],
    ids=["lint", "render", "export"],
)
def test_a_config_that_cannot_be_used_is_refused_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], config_text: str, said: str
) -> None:
    text = overlay("course: {framework: null}\n").replace("  framework: null\n", "")
    good = write(tmp_path / "good", "course.yaml", text)
    write(tmp_path / "good", "designer.toml", 'framework = "eu"\nignore = ["OW002"]\n')
    bad = write(tmp_path / "bad", "course.yaml", text)
    config = write(tmp_path / "bad", "designer.toml", config_text)
    for path, code in ((good, 0), (bad, 2)):
        args = [part.replace("{out}", str(path.with_suffix(""))) for part in command]
        assert main([args[0], *args[1:], str(path)]) == code
    err = capsys.readouterr().err
    assert said.format(config=config) in err
    assert err.count("designer.toml") == 1  # the clean folder's config said nothing


def test_design_framework_selects_national_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "es.yaml", overlay("course: {framework: es, ects: 15}\n"))
    main(["lint", "--format", "json", "--select", "WL002", str(path)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["code"] for f in findings] == ["WL002"]
    assert "under 15" in findings[0]["message"]


def test_unknown_design_framework_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", overlay("course: {framework: atlantis}\n"))
    assert main(["lint", "--format", "json", str(path)]) == 1
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    assert finding["code"] == "ST006" and "unknown framework 'atlantis'" in finding["message"]


def test_folders_are_searched_recursively_for_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a/one.yaml", UNASSESSED)
    write(tmp_path, "a/b/two.yml", UNASSESSED)
    write(tmp_path, "a/notes.txt", "not yaml")
    write(tmp_path, "a/.hidden/three.yaml", UNASSESSED)
    main(["lint", "--format", "json", str(tmp_path / "a")])
    paths = {Path(f["path"]).name for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"one.yaml", "two.yml"}


def test_jobs_give_the_same_findings_as_one_process(tmp_path: Path) -> None:
    for i in range(24):
        write(tmp_path, f"c{i:02}.yaml", UNASSESSED if i % 3 else WARNING_ONLY)
    one = run("lint", "--format", "json", "--jobs", "1", str(tmp_path))
    many = run("lint", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one.returncode == many.returncode == 1
    assert json.loads(one.stdout) == json.loads(many.stdout)
    assert json.loads(one.stdout)["summary"]["files"] == 24


def test_linting_a_design_leaves_no_reference_cycles() -> None:
    # designer lint collects garbage rarely (cli._few_collections): a design whose objects only the
    # collector frees (a closure that calls itself, holding the file's data) would stay in memory.
    import gc

    from designer import cli
    from designer.rules.config import Settings

    task = (str(SAMPLES / "procurement-as-lever.yaml"), cli.LINT_AND_SUMMARY)  # a catalogue's design: summarised too
    cli._init_worker(Settings(), None)
    cli._lint_one(task)  # first use: frameworks, wording data and caches are built once per process
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        cli._lint_one(task)
        gc.collect()
        left = sorted({type(o).__name__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []


def test_rules_and_rule_commands(capsys: pytest.CaptureFixture[str]) -> None:
    from designer.rules.registry import RULES

    assert main(["rules"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == [r.code for r in RULES]
    assert main(["rule", "AL001"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("# AL001 outcome-not-assessed")
    assert "**Why.**" in doc and "```yaml" in doc
    assert main(["rule", "outcome-not-assessed"]) == 0
    assert capsys.readouterr().out == doc
    assert main(["rule", "XX999"]) == 2


def test_version_and_no_traceback_on_usage_errors() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("designer ")
    result = run("lint")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run("lint", "--jobs", "x", "sample_courses", cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = hooks[0]
    assert hook["id"] == "designer-lint"
    assert hook["entry"].split()[:2] == ["designer", "lint"]
    assert hook["language"] == "python"
    assert set(hook["types_or"]) >= {"yaml"}


def run_into_closed_pipe(*args: str, stderr_too: bool = False) -> subprocess.CompletedProcess[str]:
    """Run `designer ARGS` with a stdout whose reader has gone (as in `designer lint ... | true`, or `2>&1 | true`)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "designer", *args],
            stdout=writer,
            stderr=writer if stderr_too else subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_closed_stdout_keeps_the_exit_code_of_errors(fmt: str, tmp_path: Path) -> None:
    clean = write(tmp_path, "a-clean.yaml", overlay({}))
    bad = write(tmp_path, "b-bad.yaml", UNASSESSED)
    result = run_into_closed_pipe("lint", "--format", fmt, str(clean), str(bad))
    assert (result.returncode, result.stderr) == (1, "")  # no traceback, no "BrokenPipeError"


def test_closed_stdout_keeps_usage_and_clean_exit_codes(tmp_path: Path) -> None:
    clean = write(tmp_path, "clean.yaml", overlay({}))
    missing = run_into_closed_pipe("lint", str(clean), str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2
    assert "missing.yaml: no such file or folder" in missing.stderr
    assert "Traceback" not in missing.stderr
    listing = run_into_closed_pipe("rules")
    assert (listing.returncode, listing.stderr) == (0, "")
    rendered = run_into_closed_pipe("render", str(clean))
    assert (rendered.returncode, rendered.stderr) == (0, "")


def test_closed_stdout_and_stderr_keep_the_exit_code(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", UNASSESSED)
    assert run_into_closed_pipe("lint", str(bad), stderr_too=True).returncode == 1
    assert run_into_closed_pipe("lint", str(bad), str(tmp_path / "missing.yaml"), stderr_too=True).returncode == 2
    assert run_into_closed_pipe("lint", "--select", "ZZ9", str(bad), stderr_too=True).returncode == 2


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_missing_path_is_never_a_pass(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path, "clean.yaml", overlay({}))
    gone = str(tmp_path / "gone.yaml")
    assert main(["lint", "--format", fmt, str(clean), gone]) == 2
    captured = capsys.readouterr()
    assert "All checks passed" not in captured.out
    assert captured.out.strip().splitlines()[-1] == "No findings in 1 file; 1 path not found."
    assert captured.err == f"designer: {gone}: no such file or folder\n"
    assert main(["lint", "--format", fmt, gone]) == 2
    assert capsys.readouterr().out.strip().splitlines()[-1] == "Nothing checked: 1 path not found."


def test_missing_path_is_counted_beside_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.yaml", UNASSESSED)
    assert main(["lint", str(bad), str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "Found 1 error, 0 warnings in 1 of 1 file; 2 paths not found."
    assert main(["lint", "--format", "json", str(bad), str(tmp_path / "a")]) == 2
    assert json.loads(capsys.readouterr().out)["summary"]["missing"] == 1


URI_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/%")


def sarif_uris(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    main(["lint", "--format", "sarif", *args])
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log["runs"]
    assert run_["tool"]["driver"]["name"] == "designer"
    uris = []
    for result in run_["results"]:
        assert set(result) >= {"ruleId", "ruleIndex", "level", "message", "locations"}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        uris.append(physical["artifactLocation"]["uri"])
    return uris


def test_sarif_uris_are_percent_encoded_and_relative_stays_relative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import unquote, urlsplit

    names = ["plain.yaml", "with space, comma: colon.yaml", "kurs-ä#1 100%.yaml"]
    for name in names:
        write(tmp_path / "my designs", name, UNASSESSED)
    monkeypatch.chdir(tmp_path)
    relative = [f"my designs/{name}" for name in names]
    uris = sarif_uris(capsys, *relative)
    assert uris == [
        "my%20designs/plain.yaml",
        "my%20designs/with%20space%2C%20comma%3A%20colon.yaml",
        "my%20designs/kurs-%C3%A4%231%20100%25.yaml",
    ]
    for uri, path in zip(uris, relative, strict=True):
        assert set(uri) <= URI_CHARACTERS
        assert urlsplit(uri).scheme == "" and unquote(uri) == path
    # An absolute path inside the working folder is given relative to it too.
    assert sarif_uris(capsys, str(tmp_path / relative[1])) == [uris[1]]


def test_sarif_uri_outside_the_working_folder_is_a_file_uri(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import unquote, urlsplit

    path = write(tmp_path / "elsewhere", "a b#c.yaml", UNASSESSED)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    (uri,) = sarif_uris(capsys, str(path))
    assert uri.startswith("file:///") and uri.endswith("/elsewhere/a%20b%23c.yaml")
    assert set(uri.removeprefix("file://")) <= URI_CHARACTERS
    assert unquote(urlsplit(uri).path) == str(path)


EVIL_ID = "LO9\x1b]0;owned\x07\x1b[2J\u202e\x9b\r"
EVIL_SHOWN = "LO9\\x1b]0;owned\\x07\\x1b[2J\\u202e\\x9b\\x0d"


def evil_design(folder: Path, name: str) -> Path:
    """A design whose last outcome id carries terminal escapes; the first one's id is non-ASCII."""
    import yaml

    design = yaml.safe_load(overlay({}))
    design["outcomes"][0]["id"] = "LO-ä"
    design["summative"][0]["outcomes"] = ["LO-ä", "LO2"]
    design["outcomes"].append({"id": EVIL_ID, "statement": "Compare two tenders.", "domain": "skills"})
    return write(folder, name, yaml.safe_dump(design, allow_unicode=True, sort_keys=False))


def control_characters(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 or c == "\u202e"}


def test_text_output_shows_control_characters_as_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = evil_design(tmp_path, "evil\x1b[31m.yaml")
    assert main(["lint", "--color", "never", str(path)]) == 1
    out = capsys.readouterr().out
    assert control_characters(out) == set()
    assert f"{tmp_path}/evil\\x1b[31m.yaml:" in out
    assert f"AL001 outcome {EVIL_SHOWN} is not assessed by any summative component" in out
    assert "AL002 outcome LO-ä has no formative checkpoint" in out  # other Unicode stays as written
    main(["lint", "--color", "always", str(path)])
    coloured = capsys.readouterr().out
    assert f"outcome {EVIL_SHOWN} is not assessed" in coloured
    assert control_characters(coloured) == {"\x1b"}  # only the report's own colours
    assert coloured.count("\x1b") == coloured.count("\x1b[")


def test_stderr_messages_escape_paths_and_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "gone\x1b[2J.yaml")]) == 2
    assert capsys.readouterr().err == f"designer: {tmp_path}/gone\\x1b[2J.yaml: no such file or folder\n"
    path = evil_design(tmp_path, "evil\u202e.yaml")
    assert main(["render", str(path)]) == 1
    err = capsys.readouterr().err
    assert control_characters(err) == set()
    assert "evil\\u202e.yaml:" in err and f"outcome {EVIL_SHOWN} is not assessed" in err


def test_github_annotations_encode_as_github_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    design = yaml.safe_load(overlay({}))
    design["outcomes"].append({"id": "LO%9\r\n\x1b[2J", "statement": "Compare two tenders.", "domain": "skills"})
    path = write(tmp_path, "a,b:c%.yaml", yaml.safe_dump(design, allow_unicode=True, sort_keys=False))
    main(["lint", "--format", "github", str(path)])
    out = capsys.readouterr().out
    assert control_characters(out) == set()
    first = out.splitlines()[0]
    expected_file = str(tmp_path).replace(":", "%3A").replace(",", "%2C") + "/a%2Cb%3Ac%25.yaml"
    assert first.startswith(f"::error file={expected_file},line=")
    assert first.endswith("::outcome LO%259%0D%0A\\x1b[2J is not assessed by any summative component")


def test_printable_escapes_controls_and_bidi_and_keeps_other_unicode() -> None:
    from designer.printable import printable

    assert printable("a\x00b\tc\x7fd\x85e\u2066f\u200fg\u2028") == "a\\x00b\\x09c\\x7fd\\x85e\\u2066f\\u200fg\\u2028"
    kept = "Ångström – 数据 👩\u200d🔬 ½ « » é"
    assert printable(kept) == kept


def test_printable_escapes_each_control_and_layout_character_amid_printable_text() -> None:
    # printable() returns text str.isprintable() accepts as it is: none of the escaped characters may be such.
    from designer.printable import _ESCAPES, printable

    for code, escape in _ESCAPES.items():
        assert printable(f"LO1 {chr(code)} é") == f"LO1 {escape} é"


# --- designer new ------------------------------------------------------------------------


def test_new_from_a_sample_copies_it_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.yaml"
    assert main(["new", str(target), "--from", "procurement-as-lever", "--no-edit"]) == 0
    assert target.read_bytes() == (SAMPLES / "procurement-as-lever.yaml").read_bytes()
    assert f"created {target} from procurement-as-lever.yaml" in capsys.readouterr().err


def test_new_never_makes_folders_behind_the_users_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    target = tmp_path / "a" / "b" / "c" / "mine.yaml"
    assert main(["new", str(target), "--from", "procurement-as-lever", "--no-edit"]) == 2
    assert not (tmp_path / "a" / "b").exists()
    folder = tmp_path / "a" / "b" / "c"
    assert f"designer: folder {folder} does not exist; create it first (mkdir -p {folder})" in capsys.readouterr().err


def test_new_refuses_an_existing_file_and_an_unknown_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "taken.yaml"
    existing.write_text("format: 1\n", encoding="utf-8")
    assert main(["new", str(existing), "--from", "procurement-as-lever", "--no-edit"]) == 2
    assert existing.read_text(encoding="utf-8") == "format: 1\n"
    assert main(["new", str(tmp_path / "other.yaml"), "--from", "no-such-sample", "--no-edit"]) == 2
    err = capsys.readouterr().err
    assert f"{existing} exists already; open it with `designer edit {existing}`" in err
    samples = (
        "digital-transformation-procurement, e-tendering-public-buyers, eprocurement-erp-purchase-to-pay, "
        "procurement-as-lever, spend-analytics, supplier-relationship-market-intelligence, "
        "sustainable-public-procurement"
    )
    assert f"no sample 'no-such-sample'; samples: {samples}" in err  # the catalogue is not a sample design
    assert not (tmp_path / "other.yaml").exists()


def test_the_command_exits_with_mains_code_and_skips_the_last_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    """`designer` (run) exits with main's code; what is still alive is frozen, so exit does not scan it again."""
    import gc

    from designer import cli

    codes = iter([3, 0])
    monkeypatch.setattr(cli, "main", lambda argv=None: next(codes))
    gc.unfreeze()  # whatever ran before: the count below is run's
    try:
        for expected in (3, 0):
            with pytest.raises(SystemExit) as stopped:
                cli.run()
            assert stopped.value.code == expected
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_lint_leaves_the_garbage_collector_as_it_found_it(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    """lint sets the collector aside while it gathers reports (a catalogue's too) and gives it back after, errors or not."""
    import gc

    gc.unfreeze()
    before = gc.get_threshold()
    folder = ROOT / "tests" / "fixtures" / "catalogue"
    assert main(["lint", "--jobs", jobs, str(folder), str(ROOT / "sample_courses")]) == 0, capsys.readouterr().out
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == (True, before, 0)
    assert main(["lint", "--jobs", jobs, str(ROOT / "tests" / "fixtures" / "catalogue_defects")]) == 1
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == (True, before, 0)
