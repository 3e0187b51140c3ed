"""The specification as PDF: the HTML specification laid out by WeasyPrint with its print stylesheet.

WeasyPrint is an optional extra (`pip install 'designer[pdf]'`), imported only
by the functions here, so nothing else pays for it and a missing install is one
clear message. The layout itself lives in templates/html/print.css.j2 (A4,
sections from a new page, a landscape page for a wide alignment matrix, page
numbers); this module only hands the HTML over. Nothing is fetched from the
network: the URL fetcher refuses every URL that is not `data:` or `file:`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from designer.render import RenderError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from types import ModuleType

    from designer.render.site import SiteDesign
    from designer.rules.engine import Result

INSTALL_HINT = "PDF output needs WeasyPrint: pip install 'designer[pdf]'"
ALLOWED_SCHEMES = ("data", "file")


class PdfUnavailableError(RenderError):
    """WeasyPrint (or the system libraries it loads) is not installed."""


def weasyprint() -> ModuleType:
    """The weasyprint module, or PdfUnavailableError saying how to install it."""
    try:
        import weasyprint as module
    except ImportError:
        raise PdfUnavailableError(INSTALL_HINT) from None
    except OSError as exc:
        # WeasyPrint loads Pango and HarfBuzz when imported; without them the import fails with the loader's error.
        raise PdfUnavailableError(f"PDF output needs WeasyPrint's system libraries (Pango): {exc}") from None
    return module


@dataclass
class Notes:
    """What the layout left out: resources it did not load."""

    refused: list[str] = field(default_factory=list)
    """URLs the fetcher refused (not data: or file:); the document is made without them."""


@contextmanager
def _quiet() -> Iterator[None]:
    """WeasyPrint's warnings (CSS a browser knows and it does not) are dropped, not shown on the user's terminal."""
    logger = logging.getLogger("weasyprint")
    # A handler of its own (not none, which would send warnings to logging's last-resort stderr handler).
    handler = logging.NullHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _fetcher(module: ModuleType, notes: Notes) -> Any:
    """WeasyPrint's own fetcher, limited to data: and file: URLs; a refused URL is noted and left out."""

    class OfflineFetcher(module.URLFetcher):  # type: ignore[name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme not in ALLOWED_SCHEMES:
                notes.refused.append(url)
                raise ValueError(f"not fetched (designer works offline): {url}")
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols=ALLOWED_SCHEMES)


def layout(html: str, base: Path, notes: Notes | None = None) -> Any:
    """The laid-out document (weasyprint.Document): its pages, their sizes and boxes; `write_pdf()` writes it.

    Relative URLs in `html` resolve against the folder `base`.
    """
    module = weasyprint()
    notes = notes if notes is not None else Notes()
    with _quiet():
        try:
            return module.HTML(
                string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=_fetcher(module, notes)
            ).render()
        except RecursionError:
            raise RenderError("PDF layout failed: the document nests too deeply") from None
        except MemoryError:
            raise RenderError("PDF layout failed: it needs more memory than this machine has") from None
        except Exception as exc:
            # WeasyPrint's own failures (an assertion in its page layout) stay one message, never a traceback.
            raise RenderError(f"PDF layout failed inside WeasyPrint: {_where(exc)}") from None


def _where(exc: BaseException) -> str:
    """The exception and the innermost WeasyPrint line it came from: enough for a bug report."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "weasyprint" in f.filename]
    place = ""
    if frames:
        path = Path(frames[-1].filename)
        place = f" at {path.parent.name}/{path.name}:{frames[-1].lineno}"
    return f"{type(exc).__name__}{': ' + str(exc) if str(exc) else ''}{place}"


def to_pdf(html: str, base: Path, notes: Notes | None = None) -> bytes:
    """`html` as PDF bytes, laid out by WeasyPrint (see `layout`)."""
    document = layout(html, base, notes)
    with _quiet():
        data: bytes = document.write_pdf()
    return data


def base_folder(design: Path, template_dir: Path | None) -> Path:
    """The folder relative URLs in a design's PDF resolve against: the institution's templates, else the design's."""
    return template_dir if template_dir is not None else design.resolve().parent


def render_pdf(
    result: Result,
    base: Path,
    template_dir: Path | None = None,
    draft: bool = False,
    limits: Mapping[str, int] | None = None,
    notes: Notes | None = None,
    language: str = "en",
) -> bytes:
    """The specification of a linted design as PDF: the HTML render (same gate, same templates) laid out for print.

    WeasyPrint is looked for first, so a missing install is reported before any work.
    """
    from designer.render import render

    weasyprint()
    return to_pdf(render(result, "html", template_dir, draft=draft, limits=limits, language=language), base, notes)


@dataclass(frozen=True)
class PdfReport:
    """What `build_pdfs` wrote for a catalogue."""

    pages: tuple[Path, ...]
    drafts: tuple[SiteDesign, ...]
    """Designs written as marked drafts (with --draft)."""
    not_rendered: tuple[SiteDesign, ...]
    """Designs without a PDF: errors without --draft, or not loadable."""
    refused: tuple[tuple[str, str], ...]
    """(design source, URL) for each URL left out because it is not data: or file:."""


def build_pdfs(
    designs: Sequence[SiteDesign],
    folder: Path,
    out_dir: Path,
    *,
    draft: bool = False,
    template_dir: Path | None = None,
    limits: Mapping[str, int] | None = None,
) -> PdfReport:
    """A PDF specification per design of the catalogue in `folder`, into `out_dir` (which exists).

    The designs get the names their site pages have, with .pdf (`courses/spend.yaml` gives
    `courses/spend.pdf`), and pass the same gate: a design with errors only with `draft`.
    """
    from designer.model.atomic import write_atomic
    from designer.render.site import page_kind, page_names

    weasyprint()
    designs = sorted(designs, key=lambda d: d.source)
    kinds = {d.source: page_kind(d, draft) for d in designs}
    names = page_names(d.source for d in designs)
    written: list[Path] = []
    refused: list[tuple[str, str]] = []
    for design in designs:
        if kinds[design.source] == "none":
            continue
        notes = Notes()
        data = render_pdf(
            design.result, base_folder(folder / design.source, template_dir), template_dir, draft, limits, notes
        )
        target = out_dir / str(PurePosixPath(names[design.source]).with_suffix(".pdf"))
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, sync=False)
        written.append(target)
        refused.extend((design.source, url) for url in notes.refused)
    return PdfReport(
        pages=tuple(written),
        drafts=tuple(d for d in designs if kinds[d.source] == "draft"),
        not_rendered=tuple(d for d in designs if kinds[d.source] == "none"),
        refused=tuple(refused),
    )
