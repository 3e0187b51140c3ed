"""`designer render DIR`: a catalogue's site (index and specification pages) and its Markdown index (issue 9)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

from designer.cli import main
from designer.model.catalogue import Stack
from designer.render import render
from designer.render.diagram import BOX_HEIGHT, BOX_WIDTH, ColumnSpec, Node, layout
from designer.render.site import stack_credits
from designer.rules.engine import lint_file

CATALOGUE = FIXTURES / "site_catalogue"
HOSTILE = "<script>alert(1)</script> & Co"


@pytest.fixture(autouse=True)
def _no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def cli(*argv: str) -> int:
    return main(["render", *argv])


def copy_catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, folder)
    return folder


def edit_course(path: Path, **course: object) -> None:
    """Change keys of a design's `course` mapping."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["course"].update(course)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def designs_of(folder: Path) -> dict[str, dict[str, object]]:
    """Each design file's `course` mapping, by file name."""
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))["course"]
        for path in sorted(folder.glob("*.yaml"))
        if path.name != "catalogue.yaml"
    }


class Page(HTMLParser):
    """Links, SVG boxes and arrows, and every element of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.boxes: list[str] = []
        self.arrows: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        classes = (values.get("class") or "").split()
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "g" and "box" in classes:
            self.boxes.append(values.get("data-code") or "")
        if tag == "path" and "arrow" in classes and "data-from" in values:
            kind = next(c for c in classes if c != "arrow")
            self.arrows.append((values["data-from"] or "", values["data-to"] or "", kind))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render_site(folder: Path, out: Path, *extra: str) -> int:
    return cli(str(folder), "-o", str(out), *extra)


# The site


def test_site_has_an_index_and_a_page_per_design_linked_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    designs = designs_of(CATALOGUE)
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(["index.html", *(name.replace(".yaml", ".html") for name in designs)])
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    for name, course in designs.items():
        page_name = name.replace(".yaml", ".html")
        assert page_name in index.links, f"the index does not link {page_name}"
        page = Page((out / page_name).read_text(encoding="utf-8"))
        back = [link for link in page.links if link.startswith("index.html#")]
        assert back, f"{page_name} has no link back to the index"
        # The link lands on the course's own row.
        anchor = back[0].split("#", 1)[1]
        assert f'<tr id="{anchor}">' in (out / "index.html").read_text(encoding="utf-8")
        assert str(course["code"]) in "".join(page.text)
    assert "wrote" in capsys.readouterr().err


def test_a_page_links_its_prerequisites_and_the_courses_that_need_it(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    page = Page((out / "e-procurement-platforms.html").read_text(encoding="utf-8"))
    assert "awareness.html" in page.links
    assert {"contract-management.html", "sustainable-public-procurement.html"} <= set(page.links)


def test_every_course_is_a_box_and_every_prerequisite_an_arrow(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    designs = designs_of(CATALOGUE)
    codes = {str(course["code"]) for course in designs.values()}
    # PTG-RSK-3 is on the managerial level without a design: drawn as a planned box.
    assert sorted(index.boxes) == sorted([*codes, "PTG-RSK-3"])
    expected = sorted(
        (str(prerequisite), str(course["code"]))
        for course in designs.values()
        for prerequisite in course.get("prerequisite_courses") or []  # type: ignore[attr-defined]
    )
    assert sorted((source, target) for source, target, _ in index.arrows) == expected
    kinds = {(source, target): kind for source, target, kind in index.arrows}
    assert kinds[("PTG-AWR-1", "PTG-EPR-2")] == "forward"
    assert kinds[("PTG-AWR-1", "PTG-PLSDF-1")] == "forward"
    assert kinds[("PTG-EPR-2", "PTG-CTM-2")] == "same-level"


def test_a_prerequisite_on_a_later_level_is_drawn_against_the_path(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "awareness.yaml", prerequisite_courses=["PTG-SPP-1"])
    out = tmp_path / "site"
    assert render_site(folder, out) == 0
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    assert ("PTG-SPP-1", "PTG-AWR-1", "against") in index.arrows
    assert "prerequisite placed on a later level" in "".join(index.text)


def test_the_index_shows_owner_paths_courses_stacks_and_status(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    words = " ".join("".join(Page(text).text).split())
    assert "Digital Skills in Public Procurement" in words and "ProcToGo consortium" in words
    assert "Group 2 - Operational skills" in words
    # Status from lint, in a few words.
    row = re.search(r'<tr id="course-ptg-ctm-2">.*?</tr>', text, re.S)
    assert row and "1 warning" in row.group(0)
    assert re.search(r'<tr id="course-ptg-epr-2">.*?tone-clean">clean<', text, re.S)
    assert "Not on a path" in words and "PTG-AIP-0" in words
    assert "@page { size: A4 landscape" in text
    assert "<script" not in text


def test_courses_on_no_level_get_their_own_column(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    column = re.search(r'<g class="column off-path">.*?</g>', text, re.S)
    assert column and "Not on a path" in column.group(0)
    box = re.search(
        r'<g class="box tone-clean" data-code="PTG-AIP-0">\s*<title>.*?</title>\s*<rect class="frame" x="(\d+)', text
    )
    frame = re.search(r'<g class="column off-path">\s*<rect x="(\d+)', text)
    assert box and frame and int(box.group(1)) > int(frame.group(1))


def test_the_site_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert render_site(CATALOGUE, first) == 0
    assert render_site(CATALOGUE, second) == 0
    for page in first.iterdir():
        assert page.read_bytes() == (second / page.name).read_bytes(), page.name


# Stacks


def test_stack_credits_reached_and_missing() -> None:
    stack = Stack(id="s", ects=15, min_credits=12, required=["A", "B", "X"], electives=["C", "A", "Y", "D"])
    credits = stack_credits(stack, {"A": 3, "B": 2.5, "C": 4, "D": None})
    assert credits.needed == 12
    assert credits.reached == 9.5  # A once, B, C; D states no ECTS
    assert credits.required == 5.5
    assert credits.short == 2.5
    assert credits.missing_required == ("X",)
    assert credits.missing_electives == ("Y",)
    assert credits.unstated == ("D",)
    assert not credits.reachable
    enough = stack_credits(Stack(id="t", ects=5, required=["A", "B"]), {"A": 3, "B": 2.5})
    assert (enough.needed, enough.short, enough.reachable) == (5, 0, True)
    assert stack_credits(Stack(id="u"), {}).needed is None


def test_the_index_shows_each_stacks_credits_and_what_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    certificate = re.search(r'<article id="stack-dpp-cert".*?</article>', text, re.S)
    badge = re.search(r'<article id="stack-ops-badge".*?</article>', text, re.S)
    assert certificate and badge
    cert_words = " ".join("".join(Page(certificate.group(0)).text).split())
    badge_words = " ".join("".join(Page(badge.group(0)).text).split())
    # 2 + 3 + 3 required, 3 + 2 + 3 elective; PTG-RSK-3 has no design.
    assert "16 ECTS reached · 12 needed (of its 15 ECTS) · 8 from required courses · reachable" in cert_words
    assert "Electives without a design: PTG-RSK-3." in cert_words
    assert "8 ECTS reached · 10 needed · 6 from required courses · not reachable yet" in badge_words
    assert "2 ECTS short of the 10 needed." in badge_words


def test_a_design_naming_a_stack_that_does_not_list_it_is_shown_but_not_counted(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "ai-primer.yaml", stackability="stackable", towards=["ops-badge"])
    assert cli(str(folder), "--format", "md", "-o", str(tmp_path / "README.md")) == 0
    text = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "**8 ECTS reached** · 10 needed" in text
    assert "not listed by it (not counted): [PTG-AIP-0]" in text
    assert "ops-badge (claimed)" in text


# The gate


def test_a_design_with_errors_is_listed_without_a_page_unless_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalogue(tmp_path)
    broken = folder / "spend-analytics.yaml"
    data = yaml.safe_load(broken.read_text(encoding="utf-8"))
    data["summative"][0]["outcomes"] = ["LO1"]  # LO2 is assessed by nothing: AL001, an error
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out) == 1
    err = capsys.readouterr().err
    assert re.search(r"spend-analytics\.yaml:\d+:\d+: AL001 .+\[outcome-not-assessed\]", err)
    assert "1 design without a page: spend-analytics.yaml" in err and "--draft" in err
    assert not (out / "spend-analytics.html").exists()
    assert (out / "e-procurement-platforms.html").exists()
    text = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="course-ptg-spa-2">.*?</tr>', text, re.S)
    assert row and "1 error" in row.group(0) and "no page" in row.group(0)
    assert "spend-analytics.html" not in Page(text).links
    assert "AL001" in text  # under "Errors in designs"

    assert render_site(folder, out, "--draft") == 0
    page = (out / "spend-analytics.html").read_text(encoding="utf-8")
    assert "DRAFT - not validated" in page and "index.html#course-ptg-spa-2" in page
    assert "rendered as DRAFT" in capsys.readouterr().err


def test_a_design_that_cannot_be_loaded_is_listed_and_gets_no_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalogue(tmp_path)
    (folder / "notes.yaml").write_text("format: 1\ncourse: [unclosed\n", encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out, "--draft") == 1
    assert not (out / "notes.html").exists()
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "could not be loaded" in text and "ST001" in text
    assert "ST001" in capsys.readouterr().err


def test_single_design_render_is_unchanged_and_a_site_page_only_adds_the_bar(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 0
    design = CATALOGUE / "procurement-as-lever.yaml"
    alone = render(lint_file(design), "html")
    assert "site-nav" not in alone
    page = (out / "procurement-as-lever.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="site-nav".*?</nav>\n', page, re.S)
    style = re.search(r"\.site-nav \{.*?@media print \{ \.site-nav \{ display: none; \} \}\n", page, re.S)
    assert nav and style
    assert page.replace(nav.group(0), "").replace(style.group(0), "") == alone


# Escaping


def test_hostile_titles_and_codes_are_escaped_in_html_and_svg(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "ai-primer.yaml", title=HOSTILE, code="AI<b>&1")
    catalogue = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["catalogue"]["title"] = HOSTILE
    catalogue["stacks"][0]["title"] = HOSTILE
    catalogue["paths"][0]["levels"][0]["title"] = HOSTILE
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out) == 0
    for page in out.iterdir():
        text = page.read_text(encoding="utf-8")
        parsed = Page(text)
        assert "script" not in parsed.tags and "b" not in parsed.tags, page.name
        assert "<script>" not in text and "<b>" not in text, page.name
    index = (out / "index.html").read_text(encoding="utf-8")
    svg = index[index.index("<svg") : index.index("</svg>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in svg  # the column heading and box title
    assert 'data-code="AI&lt;b&gt;&amp;1"' in svg and ">AI&lt;b&gt;&amp;1</text>" in svg
    assert "<title>&lt;script&gt;" in index  # the page's title
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in (out / "awareness.html").read_text(encoding="utf-8")


def test_markdown_index_escapes_table_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "ai-primer.yaml", title="Buying | selling\nacross *lines* <script>", code="AI|1")
    catalogue = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["paths"][0]["levels"][1]["intent"] = "Use tools | daily\n\n# not a heading"
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    assert cli(str(folder), "--format", "md") == 0
    out = capsys.readouterr().out
    for table in re.findall(r"(?:^\|.*\n)+", out, re.M):
        rows = table.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, f"a row has a different number of cells:\n{table}"
    assert r"Buying \| selling across \*lines\* &lt;script&gt;" in out
    assert r"[AI\|1](ai-primer.yaml)" in out
    assert r"Use tools \| daily # not a heading" in out
    assert "<script>" not in out


def test_markdown_index_links_design_files_from_where_it_is_written(tmp_path: Path) -> None:
    readme = tmp_path / "docs" / "README.md"
    readme.parent.mkdir()
    assert cli(str(CATALOGUE), "--format", "md", "-o", str(readme)) == 0
    text = readme.read_text(encoding="utf-8")
    target = re.search(r"\[PTG-SPA-2\]\(([^)]+)\)", text)
    assert target and (readme.parent / target.group(1)).resolve() == (CATALOGUE / "spend-analytics.yaml").resolve()
    assert text.startswith("# Digital Skills in Public Procurement\n")
    assert "| Level | Intent | Expected assessment | Courses |" in text
    assert "The catalogue rules were not run" in text


# Bad input


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("format: 1\ncatalogue:\n  title: [unclosed\n", ":4:1:", "YAML syntax error"),
        ("format: 1\nstacks:\n  - id: s\n    ects: -3\n", ":4:11:", "stacks[0].ects"),
        ("format: 1\ncatalogue:\n  titel: Typo\n", ":3:3:", "catalogue.titel"),
        ("format: 2\n", ":1:9:", "format"),
        ("- a list\n", ":1:1:", "a catalogue is a mapping"),
    ],
)
def test_a_bad_catalogue_says_where_without_a_traceback(
    text: str, where: str, what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalogue(tmp_path)
    (folder / "catalogue.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out) == 2
    err = capsys.readouterr().err
    assert re.search(rf"catalogue\.yaml{re.escape(where)} .*{re.escape(what)}", err), err
    assert "Traceback" not in err and "internal error" not in err
    assert "nothing rendered" in err
    assert not (out / "index.html").exists()


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(str(CATALOGUE)) == 2
    assert "give -o FOLDER" in capsys.readouterr().err
    afile = tmp_path / "taken.html"
    afile.write_text("x", encoding="utf-8")
    assert render_site(CATALOGUE, afile) == 2
    assert "it is a file" in capsys.readouterr().err
    assert render_site(CATALOGUE, tmp_path / "missing" / "site") == 2
    assert "does not exist" in capsys.readouterr().err
    plain = tmp_path / "plain"
    plain.mkdir()
    assert cli(str(plain), "-o", str(tmp_path / "x.html")) == 2
    assert "without catalogue.yaml" in capsys.readouterr().err


# The diagram's layout


def test_an_arrow_that_skips_a_level_runs_between_the_boxes() -> None:
    def node(code: str) -> Node:
        return Node(code, code, code, 6, 3.0, None, "clean", "clean", ())

    columns = [
        ColumnSpec("p", "p", "Level 1", "one", (node("A"),)),
        ColumnSpec("p", "p", "Level 2", "two", tuple(node(c) for c in ("B", "C", "D"))),
        ColumnSpec("p", "p", "Level 3", "three", (node("E"),)),
    ]
    diagram = layout(columns, [("A", "B"), ("A", "E"), ("D", "E"), ("B", "C")])
    boxes = {box.node.code: box for box in diagram.boxes}
    for one in diagram.boxes:
        for other in diagram.boxes:
            if one is not other and one.column == other.column:
                assert abs(float(one.y) - float(other.y)) >= BOX_HEIGHT, "boxes overlap"
    skip = next(a for a in diagram.arrows if (a.source, a.target) == ("A", "E"))
    lane = float(re.search(r" L[\d.]+,([\d.]+)", skip.d).group(1))  # type: ignore[union-attr]
    for code in "BCD":
        top = float(boxes[code].y)
        assert not top <= lane <= top + BOX_HEIGHT, f"the arrow A->E crosses {code}"
    assert next(a for a in diagram.arrows if (a.source, a.target) == ("B", "C")).kind == "same-level"
    assert float(diagram.width) >= 3 * BOX_WIDTH


def test_an_institutions_templates_apply_to_the_index_and_the_pages(tmp_path: Path) -> None:
    templates = tmp_path / "ours"
    (templates / "html").mkdir(parents=True)
    (templates / "html" / "_catalogue_header.html.j2").write_text(
        "<header><h1>Our catalogue: {{ index.title }}</h1></header>\n", encoding="utf-8"
    )
    (templates / "html" / "_footer.html.j2").write_text("<footer>Our footer</footer>\n", encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out, "--template", str(templates)) == 0
    assert "<h1>Our catalogue: Digital Skills in Public Procurement</h1>" in (out / "index.html").read_text(
        encoding="utf-8"
    )
    page = (out / "awareness.html").read_text(encoding="utf-8")
    assert "<footer>Our footer</footer>" in page and 'class="site-nav"' in page


def test_catalogue_findings_are_shown_by_file_when_given(tmp_path: Path) -> None:
    from designer.model.findings import Finding, Mark, Severity
    from designer.render.command import load_catalogue
    from designer.render.site import SiteDesign, build_index, render_index

    designs = [
        SiteDesign(path.name, lint_file(path)) for path in sorted(CATALOGUE.glob("*.yaml")) if path.stem != "catalogue"
    ]
    catalogue = load_catalogue(CATALOGUE / "catalogue.yaml")
    findings = [
        Finding("CT002", "PTG-RSK-3 <has> no design", Mark(40, 9), path=str(CATALOGUE / "catalogue.yaml")),
        Finding("CT009", "in no stack", Mark(3, 1), path=str(CATALOGUE / "ai-primer.yaml"), severity=Severity.INFO),
        Finding("CT001", "duplicate code", Mark(5, 9), path=str(CATALOGUE / "ai-primer.yaml")),
    ]
    html = render_index(build_index(catalogue, designs, findings), "html")
    section = html[html.index('<h3 id="catalogue-findings">') : html.index('<h3 id="design-errors">')]
    assert section.count("<table") == 2  # one table per file
    assert section.index("catalogue.yaml") < section.index("ai-primer.yaml")  # the catalogue's own file first
    assert '<a href="#course-ptg-aip-0"><code>ai-primer.yaml</code></a>' in section
    assert section.index("CT009") < section.index("CT001")  # line order within a file
    assert "PTG-RSK-3 &lt;has&gt; no design" in section and "40:9" in section
    markdown = render_index(build_index(catalogue, designs, findings), "md")
    assert "| error | CT002" in markdown and r"PTG-RSK-3 &lt;has&gt; no design" in markdown
    assert "The catalogue rules found nothing." in render_index(build_index(catalogue, designs, []), "md")


def test_catalogue_errors_fail_the_run_unless_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from designer.model.findings import Finding, Mark, Severity
    from designer.render import command

    def findings(folder: Path, *_: object) -> list[Finding]:
        path = str(folder / "catalogue.yaml")
        return [
            Finding("CT002", "PTG-RSK-3 has no design", Mark(40, 9), path=path, name="unknown-course"),
            Finding("CT009", "a note", Mark(2, 1), path=path, name="unused", severity=Severity.INFO),
        ]

    monkeypatch.setattr(command, "catalogue_findings", findings)
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 1
    err = capsys.readouterr().err
    assert re.search(r"catalogue\.yaml:40:9: CT002 PTG-RSK-3 has no design \[unknown-course\]", err)
    assert "CT009" not in err and "the catalogue has 1 error" in err
    assert "CT002" in (out / "index.html").read_text(encoding="utf-8")
    assert render_site(CATALOGUE, out, "--draft") == 0


def test_page_names_never_clash_and_links_are_relative() -> None:
    from designer.render.site import href, page_names

    pages = page_names(["index.yaml", "a.yaml", "a.yml", "sub/b c.yaml", "A.yaml"])
    assert pages["index.yaml"] == "index-2.html"  # index.html is the catalogue's
    assert len({name.lower() for name in pages.values()}) == 5
    assert href(pages["sub/b c.yaml"]) == "sub/b%20c.html"
    assert href("index.html", pages["sub/b c.yaml"]) == "../index.html"
