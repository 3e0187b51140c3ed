"""`designer render DIR`: a catalogue's site (index and specification pages) and its Markdown index (issue 9)."""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

from designer.cli import main
from designer.render import render
from designer.render.diagram import BOX_HEIGHT, BOX_WIDTH, ColumnSpec, Node, layout
from designer.rules.engine import lint_file

CATALOGUE = FIXTURES / "site_catalogue"
HOSTILE = "<script>alert(1)</script> & Co"

# The fixture is a catalogue in progress, and the catalogue rules say so. PTG-RSK-3 is planned (on the
# managerial level and an elective of dpp-cert) but has no design: CT002 at each listing, an error, since a
# published catalogue cannot offer a course that does not exist and the rules cannot tell a planned code from
# a misspelt one. ops-badge's courses give 8 of the 10 ECTS it asks for: CT008, an error, since the badge
# could never be awarded. Its other oddities are no error: PTG-AIP-0 is on no path (CT014 is held back while
# a listed code names nothing, as that code may be the one meant), and PTG-CTM-2 needs PTG-EPR-2 on its own
# level, which a level allows. So a site of it is written whole, every design gets its page, and the run
# exits 1 unless --draft accepts the catalogue's errors.
FIXTURE_ERRORS = [
    "catalogue.yaml:41:43: CT002 'PTG-RSK-3' is not the code of any design in the catalogue",
    "catalogue.yaml:50:52: CT002 'PTG-RSK-3' is not the code of any design in the catalogue",
    "catalogue.yaml:55:11: CT008 stack 'ops-badge' needs 10 ECTS (ects) but its courses give at most 8",
]


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


def render_in_progress(folder: Path, out: Path, *extra: str) -> str:
    """Render a site of the fixture (or of a copy with the same catalogue errors) and check it is what it must be.

    Exit 1 for the fixture's catalogue errors alone (FIXTURE_ERRORS): the site is written, no design is held
    back. Returns stderr.
    """
    with redirect_stderr(io.StringIO()) as captured:
        code = render_site(folder, out, *extra)
    err = captured.getvalue()
    assert code == 1, err
    assert "the catalogue has 3 errors" in err and "without a page" not in err, err
    return err


# The site


def test_a_catalogue_in_progress_is_written_whole_but_its_errors_fail_the_run_unless_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert render_site(CATALOGUE, out) == 1
    err = capsys.readouterr().err
    printed = [line for line in err.splitlines() if re.search(r": CT\d{3} ", line)]
    assert len(printed) == len(FIXTURE_ERRORS)
    for line, error in zip(printed, FIXTURE_ERRORS, strict=True):
        assert line.startswith(f"{CATALOGUE}/{error}"), line  # in lint format, in line order
    assert printed[0].endswith("[unknown-catalogue-reference]") and printed[2].endswith("[stack-credits-unreachable]")
    assert "the catalogue has 3 errors" in err and "use --draft to accept them" in err
    assert "without a page" not in err  # the designs themselves have warnings at most
    assert len(list(out.glob("*.html"))) == 1 + len(designs_of(CATALOGUE))
    text = (out / "index.html").read_text(encoding="utf-8")
    words = " ".join("".join(Page(text).text).split())
    assert "The catalogue rules found 3 errors (see Findings): the catalogue is not ready for approval." in words
    findings = text[text.index('<h3 id="catalogue-findings">') : text.index('<h3 id="design-errors">')]
    assert findings.count("<table") == 1 and "<code>catalogue.yaml</code>" in findings
    assert findings.count("CT002") == 2 and "41:43" in findings and "50:52" in findings and "55:11" in findings
    assert "No design has errors." in text

    assert render_site(CATALOGUE, out, "--draft") == 0
    err = capsys.readouterr().err
    assert "the catalogue has 3 errors" in err and "--draft to accept" not in err
    assert "rendered with --draft" in " ".join("".join(Page((out / "index.html").read_text("utf-8")).text).split())


def test_catalogue_warnings_and_infos_are_shown_but_do_not_fail_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalogue(tmp_path)
    catalogue = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["paths"][0]["levels"][2]["courses"].remove("PTG-RSK-3")
    catalogue["stacks"][0]["electives"].remove("PTG-RSK-3")
    catalogue["stacks"][1]["ects"] = 8
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out) == 0
    err = capsys.readouterr().err
    assert "CT0" not in err and "the catalogue has" not in err
    text = (out / "index.html").read_text(encoding="utf-8")
    findings = text[text.index('<h3 id="catalogue-findings">') : text.index('<h3 id="design-errors">')]
    # With every listed code known, the course on no path is reported (an info), and a stack that lists a
    # course whose `towards` does not name it (a warning); the same-level prerequisite is no finding.
    assert re.findall(r"<code>(CT\d{3})</code>", findings) == ["CT014", "CT013"]
    assert "no path or stack of the catalogue lists PTG-AIP-0" in findings
    assert "ready for approval" not in text


def test_site_has_an_index_and_a_page_per_design_linked_both_ways(tmp_path: Path) -> None:
    out = tmp_path / "site"
    err = render_in_progress(CATALOGUE, out)
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
    assert "wrote" in err


def test_a_page_links_its_prerequisites_and_the_courses_that_need_it(tmp_path: Path) -> None:
    out = tmp_path / "site"
    render_in_progress(CATALOGUE, out)
    page = Page((out / "e-procurement-platforms.html").read_text(encoding="utf-8"))
    assert "awareness.html" in page.links
    assert {"contract-management.html", "sustainable-public-procurement.html"} <= set(page.links)


def test_every_course_is_a_box_and_every_prerequisite_an_arrow(tmp_path: Path) -> None:
    out = tmp_path / "site"
    render_in_progress(CATALOGUE, out)
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


def test_a_prerequisite_on_a_later_level_is_drawn_against_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "awareness.yaml", prerequisite_courses=["PTG-SPP-1"])
    out = tmp_path / "site"
    # PTG-SPP-1 builds on courses that build on PTG-AWR-1: the arrow back closes two prerequisite cycles,
    # errors on awareness.yaml that keep its page back unless --draft.
    assert render_site(folder, out) == 1
    assert re.search(
        r"awareness\.yaml:\d+:\d+: CT006 prerequisite cycle: PTG-AWR-1 needs PTG-SPP-1", capsys.readouterr().err
    )
    assert not (out / "awareness.html").exists()
    assert render_site(folder, out, "--draft") == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    index = Page(text)
    assert ("PTG-SPP-1", "PTG-AWR-1", "against") in index.arrows
    assert "prerequisite placed on a later level" in "".join(index.text)
    assert re.search(r'<tr id="course-ptg-awr-1">.*?2 errors.*?</tr>', text, re.S)


def test_the_index_shows_owner_paths_courses_stacks_and_status(tmp_path: Path) -> None:
    out = tmp_path / "site"
    render_in_progress(CATALOGUE, out)
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
    render_in_progress(CATALOGUE, out)
    text = (out / "index.html").read_text(encoding="utf-8")
    column = re.search(r'<g class="column off-path">.*?</g>', text, re.S)
    assert column and "Not on a path" in column.group(0)
    box = re.search(
        r'<g class="box tone-clean" data-code="PTG-AIP-0">\s*<title>.*?</title>\s*<rect class="frame" x="(\d+)', text
    )
    frame = re.search(r'<g class="column off-path">\s*<rect x="(\d+)', text)
    assert box and frame and int(box.group(1)) > int(frame.group(1))


def test_the_site_is_the_same_bytes_every_time_and_from_anywhere(tmp_path: Path) -> None:
    first, second, moved = tmp_path / "one", tmp_path / "two", tmp_path / "moved"
    render_in_progress(CATALOGUE, first)
    render_in_progress(CATALOGUE, second)
    # The index names files from the catalogue's folder (its findings on catalogue.yaml too), never from disk.
    render_in_progress(copy_catalogue(tmp_path / "elsewhere"), moved)
    for page in first.iterdir():
        assert page.read_bytes() == (second / page.name).read_bytes(), page.name
        assert page.read_bytes() == (moved / page.name).read_bytes(), page.name


# Stacks


def small_catalogue(folder: Path, stacks: list[dict[str, object]], ects: dict[str, float | None]) -> Path:
    """A catalogue with `stacks` and one design per code of `ects` (None: the design states no ECTS)."""
    folder.mkdir()
    template = yaml.safe_load((CATALOGUE / "spend-analytics.yaml").read_text(encoding="utf-8"))
    for code, credits in ects.items():
        course = {**template["course"], "code": code, "prerequisite_courses": [], "towards": []}
        course.pop("ects")
        if credits is not None:
            course["ects"] = credits
        text = yaml.safe_dump({**template, "course": course}, sort_keys=False, allow_unicode=True)
        (folder / f"{code.lower()}.yaml").write_text(text, encoding="utf-8")
    catalogue = {"format": 1, "catalogue": {"title": "Small", "owner": {"name": "Us"}}, "stacks": stacks}
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    return folder


def test_stack_credits_are_the_catalogue_graphs_reached_and_missing(tmp_path: Path) -> None:
    from designer.graph.catalogue import stack_credits as graph_credits
    from designer.render.command import lint_catalogue, load_catalogue
    from designer.render.site import build_index

    stacks: list[dict[str, object]] = [
        # X, a required course, and Y, an elective, have no design; D states no ECTS; A is listed twice.
        {"id": "s", "ects": 15, "min_credits": 12, "required": ["A", "B", "X"], "electives": ["C", "A", "Y", "D"]},
        {"id": "t", "ects": 5, "required": ["A", "B"]},
        {"id": "u", "required": ["C"]},
    ]
    folder = small_catalogue(tmp_path / "small", stacks, {"A": 3, "B": 2.5, "C": 4, "D": None})
    loaded = load_catalogue(folder / "catalogue.yaml")
    view = lint_catalogue(folder, loaded)
    assert loaded.catalogue is not None and view.graph is not None
    index = build_index(loaded.catalogue, view.designs, view.findings, graph=view.graph, data=loaded.data)
    credits = index.stacks[0].credits
    assert credits.needed == 12
    assert credits.reached == 9.5  # A once, B, C; D states no ECTS
    assert credits.required == 5.5
    assert credits.short == 2.5
    assert credits.missing_required == ("X",)
    assert credits.missing_electives == ("Y",)
    assert credits.unstated == ("D",)
    assert not credits.reachable
    enough = index.stacks[1].credits
    assert (enough.needed, enough.short, enough.reachable) == (5, 0, True)
    assert index.stacks[2].credits.needed is None
    # One fact in one place: the figures CT008 judges, and the same when the index builds the graph itself.
    figures = graph_credits(view.graph, loaded.data, 0)
    assert (float(figures.reachable), float(figures.required), figures.unknown) == (9.5, 5.5, ("X", "Y"))
    assert build_index(loaded.catalogue, view.designs, view.findings).stacks == index.stacks
    # CT008 does not judge a stack whose sum would be a guess; CT002 names what is missing.
    codes = sorted((f.code, f.subject) for f in view.findings if f.code in ("CT002", "CT008"))
    assert codes == [("CT002", "X"), ("CT002", "Y")]


def test_the_index_shows_each_stacks_credits_and_what_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    render_in_progress(CATALOGUE, out)
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
    # The shortfall the index shows is the one CT008 reports.
    assert "stack &#39;ops-badge&#39; needs 10 ECTS (ects) but its courses give at most 8" in text


def test_a_design_naming_a_stack_that_does_not_list_it_is_shown_but_not_counted(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "ai-primer.yaml", stackability="stackable", towards=["ops-badge"])
    assert cli(str(folder), "--format", "md", "-o", str(tmp_path / "README.md")) == 1  # the fixture's errors
    text = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "**8 ECTS reached** · 10 needed" in text
    assert "not listed by it (not counted): [PTG-AIP-0]" in text
    assert "ops-badge (claimed)" in text
    assert "| warning | CT013 towards-disagrees-with-stack | 20:5 | \\`towards\\` names stack 'ops-badge'" in text


def test_levels_stacks_and_dependents_on_the_index_are_the_catalogue_graphs(tmp_path: Path) -> None:
    from designer.graph.catalogue import course_levels, dependents, stacks_of
    from designer.render.command import lint_catalogue, load_catalogue
    from designer.render.site import CLAIMED, build_index

    folder = copy_catalogue(tmp_path)
    catalogue = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    # A second stack with ops-badge's id: a design's `towards: [ops-badge]` means the first, as CT013 reads it.
    catalogue["stacks"].append({"id": "ops-badge", "title": "Twin", "ects": 2, "required": ["PTG-CTM-2"]})
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    loaded = load_catalogue(folder / "catalogue.yaml")
    view = lint_catalogue(folder, loaded)
    assert loaded.catalogue is not None and view.graph is not None
    graph = view.graph
    index = build_index(loaded.catalogue, view.designs, view.findings, graph=graph, data=loaded.data)
    for row in index.courses:
        assert row.code is not None
        assert list(row.levels) == [place.level.title for place in course_levels(graph, row.code)], row.code
        listed = [role for role in row.stacks if role.role != CLAIMED]
        assert [(role.stack, role.color) for role in listed] == [
            (loaded.catalogue.stacks[i].id, i) for i in stacks_of(graph, row.code)
        ], row.code
    twin = index.stacks[2]
    assert [m.code for m in twin.members] == ["PTG-CTM-2"] and twin.claimed == ()
    assert any(f.code == "CT003" for f in view.findings)
    assert sorted(dependents(graph, "PTG-AWR-1")) == ["PTG-EPR-2", "PTG-PLSDF-1", "PTG-SPA-2"]
    out = tmp_path / "site"
    assert render_site(folder, out, "--draft") == 0
    page = Page((out / "awareness.html").read_text(encoding="utf-8"))
    assert [link for link in page.links if link.endswith(".html") and link != "index.html"] == [
        "e-procurement-platforms.html",
        "spend-analytics.html",
        "procurement-as-lever.html",
    ]  # the courses that need it, in the index's order


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
    render_in_progress(CATALOGUE, out)
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
    render_in_progress(folder, out)
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
    assert cli(str(folder), "--format", "md") == 1  # the fixture's catalogue errors
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
    assert cli(str(CATALOGUE), "--format", "md", "-o", str(readme)) == 1  # the fixture's catalogue errors
    text = readme.read_text(encoding="utf-8")
    target = re.search(r"\[PTG-SPA-2\]\(([^)]+)\)", text)
    assert target and (readme.parent / target.group(1)).resolve() == (CATALOGUE / "spend-analytics.yaml").resolve()
    assert text.startswith("# Digital Skills in Public Procurement\n")
    assert "| Level | Intent | Expected assessment | Courses |" in text
    assert "**The catalogue rules found 3 errors** (see Findings): the catalogue is not ready for approval." in text
    assert text.count("| error | CT002 unknown-catalogue-reference |") == 2


# Bad input


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (
            "format: 1\ncatalogue:\n  title: [unclosed\n",
            ":4:1:",
            "ST001 YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence) [yaml-syntax]",
        ),
        ("format: 2\n", ":1:9:", "ST003 unsupported format '2'; this designer reads format 1"),
        ("- a list\n", ":1:1:", "ST003 a catalogue must be a mapping with 'format: 1' at the top, not a list"),
        ("", ":1:1:", "ST003 the file is empty; a catalogue starts with 'format: 1'"),
    ],
)
def test_an_unusable_catalogue_says_where_without_a_traceback(
    text: str, where: str, what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalogue(tmp_path)
    (folder / "catalogue.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out) == 2
    err = capsys.readouterr().err
    assert re.search(rf"catalogue\.yaml{re.escape(where)} {re.escape(what)}", err), err
    assert "Traceback" not in err and "internal error" not in err
    assert "not a usable catalogue; nothing rendered" in err
    assert not (out / "index.html").exists()


def test_a_catalogue_that_is_not_utf8_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_catalogue(tmp_path)
    (folder / "catalogue.yaml").write_bytes(b"format: 1\ncatalogue: {title: Caf\xe9}\n")
    assert render_site(folder, tmp_path / "site") == 2
    err = capsys.readouterr().err
    assert re.search(r"catalogue\.yaml:\d+:\d+: ST002 the file is not UTF-8 text", err), err
    assert "Traceback" not in err and not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        (
            "    ects: 10\n",
            "    ects: -3\n",
            ":55:11:",
            "ST006 stacks[1].ects must be greater than 0, not '-3' [invalid-value]",
        ),
        (
            "  title: Digital",
            "  titel: Digital",
            ":7:3:",
            "ST005 unknown key 'titel' in catalogue; did you mean 'title'? [unknown-key]",
        ),
    ],
)
def test_a_catalogue_value_that_does_not_fit_is_an_error_on_the_index(
    old: str, new: str, where: str, what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The loader drops what does not fit and keeps the rest, as for a design: the value's error is the
    # catalogue's, on stderr with its line and column and on the index, and fails the run unless --draft.
    folder = copy_catalogue(tmp_path)
    text = (folder / "catalogue.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (folder / "catalogue.yaml").write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path / "site"
    assert render_site(folder, out) == 1
    err = capsys.readouterr().err
    assert re.search(rf"catalogue\.yaml{re.escape(where)} {re.escape(what)}", err), err
    assert "Traceback" not in err and "internal error" not in err
    index = (out / "index.html").read_text(encoding="utf-8")
    code, position = what.split()[0], where.strip(":")
    assert re.search(rf"<code>{code}</code>.*?{position}</td>", index), "the finding is on the index"
    assert "ready for approval" in index
    assert render_site(folder, out, "--draft") == 0


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
    render_in_progress(CATALOGUE, out, "--template", str(templates))
    assert "<h1>Our catalogue: Digital Skills in Public Procurement</h1>" in (out / "index.html").read_text(
        encoding="utf-8"
    )
    page = (out / "awareness.html").read_text(encoding="utf-8")
    assert "<footer>Our footer</footer>" in page and 'class="site-nav"' in page


def test_catalogue_findings_are_shown_by_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_catalogue(tmp_path)
    edit_course(folder / "ai-primer.yaml", stackability="stackable", towards=["ops-badge"])
    edit_course(folder / "contract-management.yaml", prerequisite_courses=["PTG-EPR-2", "PTG-<b>-9"])
    out = tmp_path / "site"
    assert render_site(folder, out) == 1
    err = capsys.readouterr().err
    # A CT error on a design is one of its errors too: printed once, and it keeps the design's page back.
    assert err.count("CT002 prerequisite 'PTG-<b>-9'") == 1
    assert "1 design without a page: contract-management.yaml" in err
    html = (out / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<h3 id="catalogue-findings">') : html.index('<h3 id="design-errors">')]
    captions = re.findall(r"<caption>(.*?)</caption>", section)
    # catalogue.yaml first, then the designs in file order, each linked to its row.
    assert captions == [
        "<code>catalogue.yaml</code>",
        '<a href="#course-ptg-aip-0"><code>ai-primer.yaml</code></a>',
        '<a href="#course-ptg-ctm-2"><code>contract-management.yaml</code></a>',
    ]
    catalogue_table = section[: section.index("ai-primer.yaml")]
    assert re.findall(r"<code>(CT\d{3})</code>", catalogue_table) == ["CT002", "CT002", "CT008"]  # line order
    assert "CT013" in section and "PTG-&lt;b&gt;-9" in section and "<b>" not in section
    errors = html[html.index('<h3 id="design-errors">') :]
    assert "contract-management.yaml" in errors and "PTG-&lt;b&gt;-9" in errors

    assert cli(str(folder), "--format", "md", "-o", str(tmp_path / "README.md")) == 1
    markdown = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "| error | CT002 unknown-catalogue-reference | 41:43 |" in markdown
    assert "PTG-&lt;b&gt;-9" in markdown and "<b>" not in markdown


def test_a_clean_catalogue_says_the_rules_found_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    from designer.render.command import lint_catalogue, load_catalogue
    from designer.render.site import build_index, render_index

    samples = FIXTURES.parent.parent / "sample_courses"
    assert cli(str(samples), "--format", "md") == 0
    assert "The catalogue rules found nothing." in capsys.readouterr().out
    # An index made without the catalogue rules (findings None) says they were not run, not that all is well.
    loaded = load_catalogue(samples / "catalogue.yaml")
    assert loaded.catalogue is not None
    view = lint_catalogue(samples, loaded)
    assert "The catalogue rules were not run" in render_index(build_index(loaded.catalogue, view.designs), "md")


def test_page_names_never_clash_and_links_are_relative() -> None:
    from designer.render.site import href, page_names

    pages = page_names(["index.yaml", "a.yaml", "a.yml", "sub/b c.yaml", "A.yaml"])
    assert pages["index.yaml"] == "index-2.html"  # index.html is the catalogue's
    assert len({name.lower() for name in pages.values()}) == 5
    assert href(pages["sub/b c.yaml"]) == "sub/b%20c.html"
    assert href("index.html", pages["sub/b c.yaml"]) == "../index.html"
