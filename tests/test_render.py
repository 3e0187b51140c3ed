"""`designer render`: golden specifications, escaping, the validation gate, institution templates, determinism."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, overlay

import designer
from designer.cli import main
from designer.render import RenderGateError, TemplateError, render
from designer.rules.engine import lint_file, lint_text

SAMPLES = ROOT / "sample_courses"
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_NAMES = ("sustainable-public-procurement", "procurement-as-lever")

HOSTILE = overlay(
    {
        "course": {
            "title": "Buying <script>alert(1)</script> | cheap & fast",
            "summary": "# not a heading\n\nsecond | line",
        },
        "outcomes": [
            {
                "id": "LO1",
                "statement": "Analyse <script>alert(1)</script> spend | data\nacross lines.",
                "domain": "skills",
            },
            {"id": "LO2", "statement": "Explain the stages of a public tender.", "domain": "knowledge"},
        ],
    }
)
UNASSESSED = overlay(
    "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1]}\n"
)
NO_CHECKPOINT = overlay(
    "formative:\n"
    "  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1], prepares: [SA1]}\n"
    "  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 2, outcomes: [LO1], prepares: [SA1]}\n"
    "  - {id: FC3, title: Tender practice, method: practice-task, week: 3, hours: 2, outcomes: [LO1], prepares: [SA1]}\n"
)


# Helpers


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead (look at the diff first)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.is_file(), f"no golden file {path}; create it with UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), f"golden/{name}", "rendered", lineterm="", n=1
        )
        pytest.fail(
            "rendering differs from the golden file (UPDATE_GOLDEN=1 to accept):\n" + "\n".join(list(diff)[:60])
        )


def cli(*argv: str) -> int:
    """Run `designer render ...` as the command line does."""
    return main(["render", *argv])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render_text(text: str, fmt: str, **kwargs: object) -> str:
    return render(lint_text(text, "course.yaml"), fmt, **kwargs)  # type: ignore[arg-type]


def md_tables(markdown: str) -> list[list[str]]:
    """The pipe tables of a Markdown document, as lists of lines."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def cells(row: str) -> int:
    """Cells in a table row: pipes that are not escaped, minus the outer two."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


VOID = {"meta", "br", "col", "rect", "line", "text", "hr", "img", "input", "link"}


class TagBalance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at {self.getpos()}")
            return
        self.stack.pop()


@pytest.fixture(autouse=True)
def _no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# Golden files


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_samples_match_golden(sample: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The version is in the document; pin it so a release does not rewrite the golden files.
    monkeypatch.setattr(designer, "__version__", "0.0.0")
    result = lint_file(SAMPLES / f"{sample}.yaml")
    assert_golden(f"{sample}.{fmt}", render(result, fmt))


def test_html_is_self_contained_and_print_ready() -> None:
    html = render(lint_file(SAMPLES / "sustainable-public-procurement.yaml"), "html")
    for forbidden in ("<script", "<link", "@import", "url(", "@font-face", "<img", "<iframe", "src="):
        assert forbidden not in html
    assert "@page { size: A4" in html
    assert "thead { display: table-header-group; }" in html
    assert "break-before: page" in html
    assert '<meta name="viewport"' in html
    assert html.count("<caption>") == html.count("<table")
    assert 'scope="col"' in html and 'scope="row"' in html and 'scope="colgroup"' in html
    assert re.search(r"<svg[^>]*aria-label=\"[^\"]+\"", html) and "<title id=" in html
    checker = TagBalance()
    checker.feed(html)
    assert checker.problems == [] and checker.stack == []


def test_sections_in_order_with_eu_elements() -> None:
    html = render(lint_file(SAMPLES / "sustainable-public-procurement.yaml"), "html")
    headings = re.findall(r'<h2 id="([a-z]+)-title">', html)
    assert headings == ["minimum", "outcomes", "assessment", "plan", "alignment", "workload", "validation"]
    assert "3 ECTS (83 h planned; 75–90 h expected)" in html
    assert "EQF 7 (QF-EHEA second cycle)" in html
    assert html.count("Filled in on each issued credential") == 2
    assert "Project, 60% (SA2 Group SPP tender dossier)" in html
    assert "Validated" in html and "DRAFT" not in html
    assert "sustainable-public-procurement.yaml" in html and re.search(r"<code>[0-9a-f]{12}</code>", html)


def test_workload_and_level_for_base_design() -> None:
    md = render_text(overlay({}), "md")
    assert "3 ECTS (79 h planned; 75–90 h expected)" in md
    assert "EQF 6 (QF-EHEA first cycle)" in md
    assert "| Content and learning activities | 50 h | 63% |" in md


@pytest.mark.parametrize(
    ("cu1_hours", "position", "wl001"),
    [(26.6, "Within", False), (26.5, "Below", True)],
)
def test_workload_section_and_wl001_read_the_same_figure(cu1_hours: float, position: str, wl001: bool) -> None:
    # The Dutch fixed 28 h credit gives 75.6-92.4 h for 3 ECTS; 75.6 h sits on the edge (3 x 28 x 0.9 is
    # 75.60000000000001 in binary floats), so a local epsilon in either view would split them.
    units = (
        "content:\n"
        f"  - {{id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: {cu1_hours}, outcomes: [LO1], checkpoints: [FC1]}}\n"
        "  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"
    )
    result = lint_text(overlay(units + "course: {framework: nl}\n"))
    assert result.context is not None
    total = result.context.workload.total
    html = render(result, "html")
    assert f"{total:g} h planned for 3 ECTS; 75.6–92.4 h expected at 28 h per ECTS." in html
    assert f'<strong class="position-{position.lower()}">{position} the expected band.</strong>' in html
    assert any(f.code == "WL001" for f in result.findings) is wl001


def test_stackability_shows_what_it_stacks_towards() -> None:
    md = render_text(
        overlay("course: {stackability: stackable, towards: [Advanced Certificate in Procurement]}\n"), "md"
    )
    assert (
        "| Integration/stackability options | Integrated, stackable towards another credential: "
        "Advanced Certificate in Procurement |" in md
    )


# Escaping


def test_information_rows_follow_the_framework_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A QA office lists its own elements, under its own ids: the presentation comes from `show`, never the id.
    write(
        tmp_path,
        "qa.yaml",
        "extends: eu\nid: qa\nname: Our QA office\nminimum_information:\n"
        "  - {id: title, label: Course title, scope: design, field: course.title}\n"
        "  - {id: where, label: Issuing countries, scope: design, field: course.awarding_bodies.country, show: distinct}\n"
        "  - {id: country, label: Issuers, scope: design, field: course.awarding_bodies, show: bodies}\n"
        "  - {id: lo, label: Outcomes, scope: design, field: outcomes, show: outcomes}\n"
        "  - {id: outcomes, label: Hours, scope: design, field: course.ects, show: workload}\n"
        "  - {id: when, label: Issued on, scope: credential}\n"
        "optional_information: []\n",
    )
    write(tmp_path, "designer.toml", 'framework = "qa.yaml"\n')
    design = write(tmp_path, "course.yaml", overlay("course: {framework: null}\n").replace("  framework: null\n", ""))
    assert cli(str(design), "--format", "md") == 0
    rows = [row for row in capsys.readouterr().out.splitlines() if row.startswith("| ") and "|---" not in row]
    start = rows.index("| Element | This course |") + 1
    assert rows[start : start + 6] == [
        "| Course title | Spend Analytics for Buyers |",
        "| Issuing countries | BE |",
        "| Issuers | Test University (BE) |",
        "| Outcomes | 2 learning outcomes: LO1, LO2 (see below) |",
        "| Hours | 3 ECTS (79 h planned; 75–90 h expected) (see below) |",
        "| Issued on | *Filled in on each issued credential* |",
    ]


def test_unknown_show_in_the_framework_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        tmp_path,
        "qa.yaml",
        "extends: eu\nid: qa\nname: Our QA office\nminimum_information:\n"
        "  - {id: title, label: Course title, scope: design, field: course.title, show: fancy}\n",
    )
    write(tmp_path, "designer.toml", 'framework = "qa.yaml"\n')
    design = write(tmp_path, "course.yaml", overlay("course: {framework: null}\n").replace("  framework: null\n", ""))
    assert cli(str(design), "--format", "md") == 2
    err = capsys.readouterr().err
    assert err.startswith("designer: framework qa: information element title has show: fancy; choose from values,")


def test_html_escapes_design_text() -> None:
    html = render_text(HOSTILE, "html")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "cheap &amp; fast" in html


def test_markdown_escapes_html_and_keeps_tables_intact() -> None:
    md = render_text(HOSTILE, "md")
    assert "<script" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| cheap &amp; fast" in md
    assert "\\# not a heading second \\| line" in md
    assert "spend \\| data across lines." in md
    tables = md_tables(md)
    assert len(tables) >= 8
    for table in tables:
        assert re.fullmatch(r"\|(:?-+:?\|)+", table[1]), table[1]
        assert {cells(row) for row in table} == {cells(table[0])}, table


# The gate


def test_errors_block_rendering_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", UNASSESSED)
    out = tmp_path / "spec.html"
    assert cli(str(design), "-o", str(out)) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert re.search(rf"^{re.escape(str(design))}:\d+:\d+: AL001 .+ \[outcome-not-assessed\]$", err, re.M)
    assert "nothing rendered" in err


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_draft_renders_with_banner(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", UNASSESSED)
    out = tmp_path / f"spec.{fmt}"
    assert cli(str(design), "--format", fmt, "-o", str(out), "--draft") == 0
    text = out.read_text(encoding="utf-8")
    assert "DRAFT - not validated" in text
    assert "AL001" in text and "outcome-not-assessed" in text
    assert "Validated" not in text.replace("not validated", "")
    if fmt == "html":
        assert '<aside class="draft-banner"' in text and 'class="draft-mark"' in text
        assert re.search(r"\.draft-mark \{\s*display: block;\s*position: fixed;", text)
    else:
        assert text.startswith("> **DRAFT - not validated.**")
    assert "DRAFT" in capsys.readouterr().err


def test_draft_of_a_clean_design_is_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    assert cli(str(design), "--format", "md", "--draft") == 0
    out = capsys.readouterr().out
    assert "**Validated**" in out and "DRAFT" not in out


def test_unloadable_design_does_not_render_even_as_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", "format: 1\ncourse: [unclosed\n")
    out = tmp_path / "spec.html"
    assert cli(str(design), "--draft", "-o", str(out)) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert " ST001 " in err and "could not be loaded" in err
    with pytest.raises(RenderGateError):
        render(lint_file(design), "html", draft=True)


def test_warnings_render_and_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", NO_CHECKPOINT)
    assert cli(str(design), "--format", "md") == 0
    out = capsys.readouterr().out
    assert "| warning | AL002 | outcome-without-checkpoint |" in out
    assert "**gap: no formative**" in out
    html = render(lint_file(design), "html")
    assert '<td class="coverage gap">gap: no formative</td>' in html
    assert 'class="mark gap"' in html


def test_matrix_marks_coverage() -> None:
    md = render_text(overlay({}), "md")
    header = next(line for line in md.splitlines() if line.startswith("| Outcome |"))
    assert header == "| Outcome | SA1 | FC1 | FC2 | FC3 | CU1 | CU2 | Coverage |"
    assert "| **LO1** | ✓ | ✓ | ✓ |  | ✓ |  | complete |" in md
    assert "| **LO2** | ✓ | ✓ |  | ✓ |  | ✓ | complete |" in md


# Usage errors (exit 2, no traceback)


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    assert cli(str(tmp_path / "missing.yaml")) == 2
    assert cli(str(design), "-o", str(tmp_path / "no" / "such" / "spec.html")) == 2
    assert cli(str(design), "-o", str(tmp_path)) == 2
    assert cli(str(design), "--template", str(tmp_path / "nowhere")) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "does not exist" in err and "it is a folder" in err
    assert "template folder not found" in err
    assert "Traceback" not in err


def test_output_is_written_atomically_and_replaced(tmp_path: Path) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    out = write(tmp_path, "spec.md", "old")
    assert cli(str(design), "--format", "md", "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8").startswith("# Spend Analytics for Buyers")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.yaml", "spec.md"]


def test_output_to_a_fifo_is_written_straight_to_it(tmp_path: Path) -> None:
    import stat
    import threading

    design = write(tmp_path, "course.yaml", overlay({}))
    fifo = tmp_path / "spec.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert cli(str(design), "--format", "md", "-o", str(fifo)) == 0
    reader.join(timeout=30)
    assert received and received[0].decode("utf-8").startswith("# Spend Analytics for Buyers")
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # not replaced by a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.yaml", "spec.pipe"]


# Institution templates


def test_template_dir_overrides_one_partial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(
        templates,
        "html/_header.html.j2",
        '<header class="inst"><h1>Faculty of Economics: {{ doc.header.title }}</h1></header>\n',
    )
    assert cli(str(design), "--template", str(templates)) == 0
    html = capsys.readouterr().out
    assert "<h1>Faculty of Economics: Spend Analytics for Buyers</h1>" in html
    assert "Micro-credential course specification" not in html
    assert 'id="alignment-title"' in html and "@page { size: A4" in html


def test_template_can_extend_the_shipped_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(
        templates,
        "base.md.j2",
        '{% extends "shipped/base.md.j2" %}{% block validation %}Checked by the board.\n{% endblock %}',
    )
    assert cli(str(design), "--format", "md", "--template", str(templates)) == 0
    md = capsys.readouterr().out
    assert "Checked by the board." in md and "## 7. Validation" not in md and "## 5. Constructive alignment" in md


def test_template_with_undefined_name_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(templates, "html/_header.html.j2", "<header>\n<h1>{{ doc.header.titel }}</h1>\n</header>\n")
    out = tmp_path / "spec.html"
    assert cli(str(design), "--template", str(templates), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "undefined" in err and "titel" in err and "_header.html.j2:2" in err
    assert "Traceback" not in err and not out.exists()


def test_template_syntax_error_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(templates, "md/_footer.md.j2", "ok\n{% if %}\n")
    assert cli(str(design), "--format", "md", "--template", str(templates)) == 2
    err = capsys.readouterr().err
    assert "syntax error" in err and "_footer.md.j2:2" in err


def test_sandbox_blocks_python_internals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(templates, "html/_header.html.j2", "<header>{{ ''.__class__.__mro__ }}</header>\n")
    assert cli(str(design), "--template", str(templates)) == 2
    captured = capsys.readouterr()
    assert "sandbox" in captured.err and "unsafe" in captured.err
    assert "<class" not in captured.out + captured.err


def test_template_symlink_out_of_the_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    secret = write(tmp_path / "private", "secret.txt", "TOP SECRET\n")
    templates = tmp_path / "templates"
    write(
        templates, "html/_header.html.j2", '<header>{% include "html/_inside.j2" %}{% include "leak.j2" %}</header>\n'
    )
    write(templates, "html/_real.j2", "inside\n")
    (templates / "html/_inside.j2").symlink_to(templates / "html/_real.j2")  # a link within the folder is fine
    (templates / "leak.j2").symlink_to(secret)
    assert cli(str(design), "--template", str(templates)) == 2
    captured = capsys.readouterr()
    assert "TOP SECRET" not in captured.out + captured.err
    assert captured.err == (
        f"designer: template leak.j2 in {templates.resolve()} links to {secret.resolve()}, outside the template "
        "folder; refused (copy the file into the folder instead)\n"
    )
    (templates / "leak.j2").unlink()
    write(templates, "leak.j2", "")
    assert cli(str(design), "--template", str(templates)) == 0
    assert "<header>inside\n</header>" in capsys.readouterr().out


def test_template_folder_linking_a_shipped_name_outside_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    elsewhere = write(tmp_path / "elsewhere", "_footer.md.j2", "FOREIGN\n")
    templates = tmp_path / "templates"
    (templates / "md").mkdir(parents=True)
    (templates / "md" / "_footer.md.j2").symlink_to(elsewhere)
    assert cli(str(design), "--format", "md", "--template", str(templates)) == 2
    err = capsys.readouterr().err
    assert "template md/_footer.md.j2" in err and "outside the template folder" in err


RUNAWAY = {
    "multiplied text": "{{ 'x' * 3000000000 }}",
    "multiplied list": "{{ [1, 2] * 3000000000 }}",
    "power": "{{ 9 ** 99999999 }}",
    "filter width": "{{ 'x' | center(3000000000) }}",
    "method width": "{{ 'x'.ljust(3000000000) }}",
    "format width": "{{ '%*d' % (3000000000, 1) }}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "output": "{% for i in range(100000) %}{% for j in range(100000) %}{{ 'yes' }}{% endfor %}{% endfor %}",
    "joined block": "{% macro m() %}{% for i in range(100000) %}{{ 'y' * 400 }}{% endfor %}{% endmacro %}{{ m() }}",
}


@pytest.mark.parametrize("case", sorted(RUNAWAY))
def test_runaway_template_stops_at_the_size_limit(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(templates, "html/_header.html.j2", "<header>\n" + RUNAWAY[case] + "\n</header>\n")
    out = tmp_path / "spec.html"
    assert cli(str(design), "--template", str(templates), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith("designer: template stopped: ")
    assert "html/_header.html.j2:2: " in err
    assert err.endswith(" the 10000000 characters allowed (limits.max_template_output_chars in the framework)\n")
    assert not out.exists()


@pytest.mark.parametrize(
    "loops",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% for k in r %}{% endfor %}{% endfor %}{% endfor %}",
        "{% set s = 'x' * 100000 %}{% for i in s %}{% for j in s %}{% endfor %}{% endfor %}",
    ],
)
def test_runaway_loops_stop_at_the_time_limit_from_the_framework(
    loops: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "qa.yaml", "extends: eu\nid: qa\nname: Our QA office\nlimits: {max_template_seconds: 1}\n")
    write(tmp_path, "designer.toml", 'framework = "qa.yaml"\n')
    design = write(tmp_path, "course.yaml", overlay("course: {framework: null}\n").replace("  framework: null\n", ""))
    templates = tmp_path / "templates"
    write(templates, "md/_header.md.j2", "# Title\n\n" + loops + "\n")
    assert cli(str(design), "--format", "md", "--template", str(templates)) == 2
    err = capsys.readouterr().err
    assert err.startswith("designer: template stopped: ")
    assert err.endswith(
        "md/_header.md.j2:3: rendering took longer than 1 s (limits.max_template_seconds in the framework)\n"
    )


@pytest.mark.parametrize(
    "template",
    ["{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", '{% include "html/_header.html.j2" %}'],
)
def test_template_calling_itself_stops_clearly(
    template: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    design = write(tmp_path, "course.yaml", overlay({}))
    templates = tmp_path / "templates"
    write(templates, "html/_header.html.j2", template)
    assert cli(str(design), "--template", str(templates)) == 2
    assert capsys.readouterr().err == "designer: template failed: it calls itself (a macro or include) without end\n"


def test_limits_leave_the_shipped_templates_and_fair_user_templates_alone(tmp_path: Path) -> None:
    result = lint_file(SAMPLES / "procurement-as-lever.yaml")
    tight = {"max_template_seconds": 0, "max_template_output_chars": 10}
    assert render(result, "md", limits=tight) == render(result, "md")
    templates = tmp_path / "templates"
    write(templates, "md/_footer.md.j2", "{% for i in range(3) %}{{ 'ab' * 2 }}{% endfor %}\n")
    fair = {"max_template_seconds": 60, "max_template_output_chars": 100_000}
    text = render(result, "md", templates, limits=fair)
    assert text.endswith("\n\nabababababab")
    # One character less, and the footer's last turn goes over.
    short = {"max_template_seconds": 60, "max_template_output_chars": len(text) - 1}
    with pytest.raises(TemplateError, match=f"md/_footer.md.j2:1: the output grew past the {len(text) - 1} characters"):
        render(result, "md", templates, limits=short)


# Determinism


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_same_design_gives_identical_bytes(fmt: str, tmp_path: Path) -> None:
    design = SAMPLES / "procurement-as-lever.yaml"
    first, second = tmp_path / "a", tmp_path / "b"
    assert cli(str(design), "--format", fmt, "-o", str(first)) == 0
    assert cli(str(design), "--format", fmt, "-o", str(second)) == 0
    assert first.read_bytes() == second.read_bytes()
    assert "Generated" not in first.read_text(encoding="utf-8")


def test_source_date_epoch_sets_the_generated_date(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    design = str(SAMPLES / "procurement-as-lever.yaml")
    assert cli(design, "--format", "md") == 0
    assert "| Generated | 2023-11-14 (UTC) |" in capsys.readouterr().out
    assert cli(design) == 0
    assert "<dt>Generated</dt><dd>2023-11-14 (UTC)</dd>" in capsys.readouterr().out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert cli(design) == 2
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err


# Import contracts


def test_lint_does_not_import_jinja_and_render_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from designer.cli import main\n"
        f"main(['lint', {str(SAMPLES)!r}])\n"
        "assert 'jinja2' not in sys.modules, 'lint imported jinja2'\n"
        "import designer.render.command, designer.render.context, designer.render.environment\n"
        "from designer.render import render\n"
        "from designer.rules.engine import lint_file\n"
        f"render(lint_file({str(SAMPLES / 'procurement-as-lever.yaml')!r}), 'html')\n"
        "assert 'textual' not in sys.modules, 'render imported textual'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
