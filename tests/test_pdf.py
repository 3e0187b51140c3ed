"""`designer render --format pdf`: A4 pages, nothing past the page's edge, every heading and id in the text.

The layout is read back two ways: WeasyPrint's own laid-out document (its page
boxes and every box on them) for the geometry, and the written PDF through
pypdfium2 for page sizes and text. Two renders of one design differ in bytes
(an embedded font stream), so the tests compare extracted text, never bytes.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import yaml
from conftest import ROOT
from weasyprint.formatting_structure import boxes
from wide_course import wide_design

from designer.cli import main
from designer.model.atomic import TEMP_MARK
from designer.render import render
from designer.render.pdf import INSTALL_HINT, Notes, layout
from designer.rules.engine import lint_file

SAMPLES = ROOT / "sample_courses"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*.yaml") if p.name != "catalogue.yaml")
A4 = (595.28, 841.89)
PT_PER_PX = 0.75
# Rounding in the layout engine: a box this close to the edge touches it, it does not cross it.
EDGE_TOLERANCE_PX = 0.5
DRAFT = "DRAFT - not validated"


def cli(*argv: str) -> int:
    return main(["render", *argv])


def words(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Laid:
    """One design rendered: its HTML, WeasyPrint's laid-out document, and the PDF written from it."""

    source: Path
    html: str
    document: Any
    pdf: pdfium.PdfDocument

    def page_text(self, index: int, area: str = "content") -> str:
        """The text on page `index` inside its content area (`content`) or above it, in the running head (`head`)."""
        page = self.pdf[index]
        width, height = page.get_size()
        box = self.document.pages[index]._page_box
        left, right = box.content_box_x() * PT_PER_PX, (box.content_box_x() + box.width) * PT_PER_PX
        top = height - box.content_box_y() * PT_PER_PX
        bottom = top - box.height * PT_PER_PX
        text = page.get_textpage()
        if area == "head":
            return words(text.get_text_bounded(0, top, width, height))
        return words(text.get_text_bounded(left, bottom, right, top))

    def text(self) -> str:
        return words(" ".join(self.pdf[i].get_textpage().get_text_range() for i in range(len(self.pdf))))


def lay_out(source: Path, draft: bool = False) -> Laid:
    html = render(lint_file(source), "html", draft=draft)
    document = layout(html, source.parent)
    return Laid(source, html, document, pdfium.PdfDocument(document.write_pdf()))


@pytest.fixture(scope="module")
def wide_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wide") / "wide.yaml"
    path.write_text(wide_design(units=11, outcomes=12, gaps=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def laid(wide_file: Path) -> dict[str, Laid]:
    """Every sample, and the 11-unit course as a draft (it has a gap on purpose), laid out once for the module."""
    designs = {name: lay_out(SAMPLES / name) for name in SAMPLE_FILES}
    designs["wide"] = lay_out(wide_file, draft=True)
    return designs


DESIGNS = [*SAMPLE_FILES, "wide"]


# What the box tree says


def walk(box: Any) -> Iterator[Any]:
    """`box` and every box inside it, in document order, leaving out the page's margin boxes (its running heads)."""
    if isinstance(box, boxes.MarginBox):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def describe(box: Any) -> str:
    element = box.element
    classes = element.get("class") if element is not None else None
    return f"<{box.element_tag}{' class=' + repr(classes) if classes else ''}> ({type(box).__name__})"


def overflows(document: Any) -> list[str]:
    """Every box whose border edge lies past its page's content edge, with the page and by how much."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        top = page_box.content_box_y()
        bottom = top + page_box.height
        for child in page_box.children:
            for box in walk(child):
                x, y = box.border_box_x(), box.border_box_y()
                past = {
                    "right": x + box.border_width() - right,
                    "left": left - x,
                    "bottom": y + box.border_height() - bottom,
                    "top": top - y,
                }
                for side, amount in past.items():
                    if amount > EDGE_TOLERANCE_PX:
                        found.append(f"page {number}: {describe(box)} {amount * PT_PER_PX:.1f} pt past the {side} edge")
    return found


HEADINGS = ("h1", "h2", "h3", "caption")


def lonely_headings(document: Any) -> list[str]:
    """Headings (and captions) with nothing after them on their page: left alone at its foot."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        placed = [box for child in page._page_box.children for box in walk(child) if box.style["position"] != "fixed"]
        for index, box in enumerate(placed):
            if box.element_tag not in HEADINGS or not isinstance(box, boxes.BlockBox | boxes.TableCaptionBox):
                continue
            inside = set(map(id, walk(box)))
            bottom = box.border_box_y() + box.border_height()
            after = [
                other
                for other in placed[index + 1 :]
                if id(other) not in inside
                and isinstance(other, boxes.LineBox)
                and other.position_y >= bottom - EDGE_TOLERANCE_PX
            ]
            if not after:
                found.append(f"page {number}: {describe(box)} '{words(box.element.text or '')}' ends the page")
    return found


# Pages


@pytest.mark.parametrize("name", DESIGNS)
def test_every_page_is_a4(name: str, laid: dict[str, Laid]) -> None:
    pdf = laid[name].pdf
    sizes = [tuple(round(side, 2) for side in pdf[i].get_size()) for i in range(len(pdf))]
    assert sizes, "no pages"
    wrong = [(number, size) for number, size in enumerate(sizes, start=1) if size not in (A4, A4[::-1])]
    assert not wrong, f"pages that are not A4: {wrong}"


@pytest.mark.parametrize("name", DESIGNS)
def test_no_box_runs_past_the_page(name: str, laid: dict[str, Laid]) -> None:
    found = overflows(laid[name].document)
    assert not found, "\n".join(found[:20])


LONG = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3


def test_a_word_longer_than_its_box_breaks_inside_it(tmp_path: Path) -> None:
    """A title, a code, a URL, a body's name or an id with no break in it stays inside the page."""
    design = yaml.safe_load((SAMPLES / "spend-analytics.yaml").read_text(encoding="utf-8"))
    course = design["course"]
    course["title"] = course["code"] = course["awarding_bodies"][0]["name"] = LONG
    course["homepage"] = f"https://example.org/{LONG}"
    course["contact"] = {"name": LONG, "email": f"{LONG}@example.org"}
    design["outcomes"][0]["statement"] = f"Analyse {LONG} data."
    design["summative"][0]["title"] = LONG
    source = tmp_path / "long.yaml"
    source.write_text(yaml.safe_dump(design, allow_unicode=True), encoding="utf-8")
    found = overflows(lay_out(source, draft=True).document)
    assert not found, "\n".join(found[:20])


def test_a_wide_matrix_gets_a_landscape_page_and_a_narrow_one_stays_portrait(laid: dict[str, Laid]) -> None:
    def orientation(design: Laid) -> str:
        pages = [i for i in range(len(design.pdf)) if design.page_text(i).startswith("5 Constructive alignment")]
        assert len(pages) == 1
        width, height = design.pdf[pages[0]].get_size()
        return "landscape" if width > height else "portrait"

    # 2 summative, 4 formative and 8 content items: 14 columns.
    assert orientation(laid["digital-transformation-procurement.yaml"]) == "portrait"
    assert orientation(laid["wide"]) == "landscape"
    # The matrix page alone turns: the next section is portrait again.
    pdf = laid["wide"].pdf
    landscape = [i for i in range(len(pdf)) if pdf[i].get_size()[0] > pdf[i].get_size()[1]]
    assert len(landscape) == 1


def test_the_overflow_check_sees_the_wide_matrix_on_a_portrait_page(laid: dict[str, Laid], wide_file: Path) -> None:
    """The check finds a real overflow: the 11-unit course's matrix with its landscape page taken away."""
    assert not overflows(laid["wide"].document)
    html = laid["wide"].html
    assert 'class="major wide"' in html
    found = overflows(layout(html.replace('class="major wide"', 'class="major"'), wide_file.parent))
    assert any("<table class='matrix'>" in line and "right edge" in line for line in found), found


# Text


def section_headings(html: str) -> list[str]:
    return [words(html_lib.unescape(re.sub(r"<[^>]+>", " ", h))) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


def item_ids(source: Path) -> list[str]:
    design = yaml.safe_load(source.read_text(encoding="utf-8"))
    return [item["id"] for kind in ("outcomes", "summative", "formative", "content") for item in design.get(kind) or ()]


@pytest.mark.parametrize("name", DESIGNS)
def test_the_text_has_every_section_heading_and_item_id(name: str, laid: dict[str, Laid]) -> None:
    design = laid[name]
    text = design.text()
    headings = section_headings(design.html)
    assert len(headings) >= 7
    assert [h for h in headings if h not in text] == []
    ids = item_ids(design.source)
    assert len(ids) >= 10
    tokens = set(re.findall(r"[\w-]+", text))
    assert [i for i in ids if i not in tokens] == []


@pytest.mark.parametrize("name", DESIGNS)
def test_each_major_section_starts_a_page(name: str, laid: dict[str, Laid]) -> None:
    design = laid[name]
    tops = [design.page_text(i) for i in range(len(design.pdf))]
    headings = section_headings(design.html)
    starts = {h: [n for n, top in enumerate(tops, start=1) if top.startswith(h)] for h in headings}
    assert {h: len(pages) for h, pages in starts.items()} == dict.fromkeys(headings, 1)
    # In the order of the document, after the cover page with the title.
    assert [pages[0] for pages in starts.values()] == sorted(pages[0] for pages in starts.values())
    assert min(pages[0] for pages in starts.values()) == 2


@pytest.mark.parametrize("name", DESIGNS)
def test_no_heading_is_left_alone_at_the_foot_of_a_page(name: str, laid: dict[str, Laid]) -> None:
    found = lonely_headings(laid[name].document)
    assert not found, "\n".join(found)


def test_the_lonely_heading_check_sees_a_heading_at_the_foot() -> None:
    """A heading that fits above the page's last line while its paragraph does not: kept with it, or left alone."""
    page = "@page { size: A4; margin: 0 } body { margin: 0; font: 16px/20px sans-serif } h3, p { margin: 0 }"
    body = '<div style="height: 1100px"></div><h3>Lonely heading</h3><p>Its paragraph.</p>'
    kept = layout(f"<style>{page} h3 {{ break-after: avoid }}</style>{body}", SAMPLES)
    assert lonely_headings(kept) == []
    alone = layout(f"<style>{page} h3 {{ break-after: auto }}</style>{body}", SAMPLES)
    assert lonely_headings(alone) == ["page 1: <h3> (BlockBox) 'Lonely heading' ends the page"]


# Page furniture and the draft mark


def test_the_running_head_names_the_course_and_the_foot_counts_pages(laid: dict[str, Laid]) -> None:
    design = laid["sustainable-public-procurement.yaml"]
    count = len(design.pdf)
    for index in range(count):
        assert (
            design.page_text(index, "head") == "PTG-SPP-1 · Sustainable Public Procurement in the Digital Age Validated"
        )
        assert f"Page {index + 1} of {count}" in words(design.pdf[index].get_textpage().get_text_range())


def test_a_draft_is_marked_on_every_page(laid: dict[str, Laid], wide_file: Path, tmp_path: Path) -> None:
    clean = laid["sustainable-public-procurement.yaml"]
    assert "DRAFT" not in clean.text()
    out = tmp_path / "draft.pdf"
    assert cli(str(wide_file), "--format", "pdf", "-o", str(out), "--draft") == 0
    pdf = pdfium.PdfDocument(out)
    document = laid["wide"].document
    draft = Laid(wide_file, laid["wide"].html, document, pdf)
    assert len(pdf) == len(document.pages) > 5
    for index in range(len(pdf)):
        assert DRAFT in draft.page_text(index), f"page {index + 1} has no watermark"
        assert draft.page_text(index, "head").endswith(DRAFT)


# The command


def test_a_design_with_errors_gives_no_pdf_without_draft(
    wide_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "spec.pdf"
    out.write_bytes(b"the previous PDF")
    assert cli(str(SAMPLES / "spend-analytics.yaml"), "--format", "pdf", "-o", str(tmp_path / "clean.pdf")) == 0
    assert cli(str(wide_file), "--format", "pdf", "-o", str(out)) == 1
    assert out.read_bytes() == b"the previous PDF"
    assert "AL001" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.pdf", "spec.pdf"]


def test_the_pdf_replaces_the_file_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import designer.model.atomic as atomic

    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, target: str | Path) -> None:
        replaced.append((Path(source).name, Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", spy)
    out = tmp_path / "spec.pdf"
    out.write_bytes(b"the previous PDF")
    assert cli(str(SAMPLES / "spend-analytics.yaml"), "--format", "pdf", "-o", str(out)) == 0
    assert len(replaced) == 1 and replaced[0][1] == "spec.pdf" and TEMP_MARK in replaced[0][0]
    assert out.read_bytes().startswith(b"%PDF-")
    assert "PTG-SPA-1" in pdfium.PdfDocument(out)[0].get_textpage().get_text_range()
    assert [p.name for p in tmp_path.iterdir()] == ["spec.pdf"]


def test_a_weasyprint_failure_is_one_message_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import weasyprint

    out = tmp_path / "spec.pdf"
    out.write_bytes(b"the previous PDF")

    def crash(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError

    monkeypatch.setattr(weasyprint.HTML, "render", crash)
    assert cli(str(SAMPLES / "spend-analytics.yaml"), "--format", "pdf", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith("designer: PDF layout failed inside WeasyPrint: AssertionError")
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert out.read_bytes() == b"the previous PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["spec.pdf"]


@pytest.mark.parametrize("target", ["file", "catalogue"])
def test_without_weasyprint_one_line_says_how_to_install_it(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now raises ImportError
    out = tmp_path / "out"
    source = SAMPLES / "spend-analytics.yaml" if target == "file" else SAMPLES
    assert cli(str(source), "--format", "pdf", "-o", str(out)) == 2
    captured = capsys.readouterr()
    assert captured.err == f"designer: {INSTALL_HINT}\n"
    assert INSTALL_HINT == "PDF output needs WeasyPrint: pip install 'designer[pdf]'"
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_needs_a_file_not_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(str(SAMPLES / "spend-analytics.yaml"), "--format", "pdf") == 2
    captured = capsys.readouterr()
    assert captured.err == "designer: a PDF is binary and is not written to the terminal: give -o FILE.pdf\n"
    assert captured.out == ""


def test_a_pdf_goes_down_a_pipe_with_dash(tmp_path: Path) -> None:
    out = tmp_path / "piped.pdf"
    design = str(SAMPLES / "spend-analytics.yaml")
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "designer", "render", design, "--format", "pdf", "-o", "-"],
            stdout=handle,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert "PTG-SPA-1" in pdfium.PdfDocument(out)[0].get_textpage().get_text_range()


def test_a_catalogue_gives_a_pdf_per_design(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pdfs"
    assert cli(str(SAMPLES), "--format", "pdf", "-o", str(out)) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == [name.replace(".yaml", ".pdf") for name in SAMPLE_FILES]
    for name in SAMPLE_FILES:
        code = yaml.safe_load((SAMPLES / name).read_text(encoding="utf-8"))["course"]["code"]
        first = pdfium.PdfDocument(out / name.replace(".yaml", ".pdf"))[0]
        assert code in first.get_textpage().get_text_range(), name
    assert f"wrote {len(SAMPLE_FILES)} PDF specifications" in capsys.readouterr().err


# Offline


def test_only_data_and_file_urls_are_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the PDF layout opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    (tmp_path / "logo.png").write_bytes(__import__("base64").b64decode(pixel))
    html = (
        f'<p>Local</p><img src="data:image/png;base64,{pixel}"><img src="logo.png">'
        '<img src="https://example.org/logo.png"><link rel="stylesheet" href="http://example.org/x.css">'
    )
    notes = Notes()
    document = layout(html, tmp_path, notes)
    assert sorted(notes.refused) == ["http://example.org/x.css", "https://example.org/logo.png"]
    images = [
        box for page in document.pages for box in walk(page._page_box) if isinstance(box, boxes.InlineReplacedBox)
    ]
    assert len(images) == 2  # the data: and the file: image; the refused one is left out


def test_lint_and_html_render_never_import_weasyprint(tmp_path: Path) -> None:
    design = SAMPLES / "spend-analytics.yaml"
    code = (
        "import contextlib, io, sys\nfrom designer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['lint', {str(design)!r}])\n"
        f"    main(['render', {str(design)!r}, '-o', {str(tmp_path / 'spec.html')!r}])\n"
        "print('weasyprint' in sys.modules, 'designer.render.pdf' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert (tmp_path / "spec.html").is_file()
    assert done.stdout.split() == ["False", "False"]
