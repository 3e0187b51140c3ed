"""`designer render`: the course specification a curriculum committee reviews, as HTML, Markdown or PDF.

Exit codes follow `designer lint`: 0 rendered, 1 not rendered because the
design has errors (listed on stderr as lint prints them), 2 usage problems
(missing input, unwritable output, a bad template folder or template).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from designer.errors import Exit, UsageError
from designer.model.atomic import STDOUT, write_atomic
from designer.printable import printable

if TYPE_CHECKING:
    from designer.graph.catalogue import CatalogueGraph
    from designer.model.catalogue_loader import LoadedCatalogue
    from designer.model.findings import Finding
    from designer.render.site import SiteDesign
    from designer.rules.config import Settings
    from designer.rules.engine import Result


def input_file(raw: str) -> Path:
    from designer.model.catalogue import CATALOGUE_FILE

    path = Path(raw)
    if not path.exists():
        raise UsageError(f"{raw}: no such file")
    if path.is_dir():
        raise UsageError(f"{raw}: is a folder without {CATALOGUE_FILE}; give one design file, or a catalogue's folder")
    return path


def _template_dir(raw: str | None) -> Path | None:

    if raw is None:
        return None
    path = Path(raw)
    if not path.is_dir():
        raise UsageError(f"template folder not found: {raw}")
    return path


def output_file(raw: str | None) -> Path | None:
    """The file to write, checked before any work; None for stdout."""

    if raw is None or raw == STDOUT:
        return None
    path = Path(raw)
    if path.is_dir():
        raise UsageError(f"cannot write {raw}: it is a folder")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {raw}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"cannot write {raw}: permission denied")
    return path


def _pdf_output(raw: str | None) -> Path | None:
    """Where a PDF goes: a file (checked as `_output` does), or None for stdout when that is a pipe, never a terminal."""
    if raw is None or (raw == STDOUT and sys.stdout.isatty()):
        raise UsageError("a PDF is binary and is not written to the terminal: give -o FILE.pdf")
    return output_file(raw)


def _need_weasyprint() -> None:
    """Say that WeasyPrint is missing (and how to install it) before any work, as a usage problem."""
    from designer.render import RenderError
    from designer.render.pdf import weasyprint

    try:
        weasyprint()
    except RenderError as exc:
        raise UsageError(str(exc)) from None


def _say_refused(source: str, url: str) -> None:
    """Tell stderr that the PDF of `source` was made without `url`, which the offline fetcher refused."""
    print(
        f"designer: {printable(source)}: left out of the PDF, not fetched (offline): {printable(url)}", file=sys.stderr
    )


def write_output(output: Path, text: str | bytes) -> None:
    """Write the document: write_atomic replaces a regular file atomically and writes straight to a device or FIFO."""
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def lint_here(path: Path, opt_in: list[str] | None = None) -> tuple[Result, dict[str, int]]:
    """Lint as `designer lint` would from here (the nearest designer.toml or [tool.designer] applies).

    Also the configured framework's limits, which bound an institution's templates. `opt_in`: opt-in
    rules to run as well (an export's EX rules).
    """
    from designer.frameworks import FrameworkError
    from designer.rules.engine import lint_file

    settings, limits = settings_here(path)
    settings.opt_in = list(opt_in or ())
    try:
        result = lint_file(path, settings)
    except FrameworkError as exc:
        raise UsageError(str(exc)) from None
    if result.loaded.unreadable:
        reason = result.findings[0].message if result.findings else "cannot read the file"
        raise UsageError(f"{path}: {reason}")
    return result, limits


def lint_line(finding: Finding) -> str:
    path, message = printable(finding.path), printable(finding.message)
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {message} [{finding.name}]"


def render_design(
    file: str, fmt: str, output_path: str | None, template: str | None, draft: bool, language: str = "en"
) -> int:
    """Lint `file` and write its specification in `fmt` to `output_path` (None or '-': stdout); the exit code.

    Codes are worded in `language` (frameworks/labels/); a language without labels is a usage error."""
    from designer.render import RenderError, RenderGateError, errors_of, render

    source = input_file(file)
    template_dir = _template_dir(template)
    text: str | bytes
    if fmt == "pdf":
        from designer.render.pdf import Notes, base_folder, render_pdf

        output = _pdf_output(output_path)
        _need_weasyprint()
    else:
        output = output_file(output_path)
    result, limits = lint_here(source)
    notes = None
    try:
        if fmt == "pdf":
            notes = Notes()
            text = render_pdf(
                result, base_folder(source, template_dir), template_dir, draft, limits, notes, language=language
            )
        else:
            text = render(result, fmt, template_dir, draft=draft, limits=limits, language=language)
    except RenderGateError as exc:
        for finding in exc.errors:
            print(lint_line(finding), file=sys.stderr)
        if exc.loadable:
            count = len(exc.errors)
            print(
                f"designer: {printable(file)}: {count} error{'' if count == 1 else 's'}; nothing rendered "
                "(fix them, or use --draft for a marked draft)",
                file=sys.stderr,
            )
        else:
            print(f"designer: {printable(file)}: the design could not be loaded; nothing rendered", file=sys.stderr)
        return Exit.FINDINGS
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    for url in notes.refused if notes is not None else ():
        _say_refused(file, url)
    if output is None:
        write_atomic(STDOUT, text)
    else:
        write_output(output, text)
    open_errors = errors_of(result)
    if open_errors:
        count = len(open_errors)
        print(
            f"designer: rendered a DRAFT of {printable(file)} with {count} open error{'' if count == 1 else 's'} "
            "(listed in its banner)",
            file=sys.stderr,
        )
    return Exit.OK


# A catalogue: `designer render DIR` when DIR holds catalogue.yaml.


@dataclass(frozen=True)
class CatalogueLintView:
    """A catalogue linted for the site: its designs (CT findings merged in), every CT finding and the graph."""

    designs: list[SiteDesign]
    findings: list[Finding]
    """What the catalogue rules found, on catalogue.yaml and on the designs (as `designer lint DIR` reports it)."""
    graph: CatalogueGraph | None
    """The catalogue graph the rules read; None only when building it failed (an ST000 on catalogue.yaml)."""

    @property
    def unreadable(self) -> list[str]:
        """The catalogue's files that could not be read at all (not text, too large): a usage problem."""
        return [design.result.path for design in self.designs if design.result.loaded.unreadable]


class CatalogueError(Exception):
    """catalogue.yaml cannot be used; each problem is one `file:line:col: CODE message [name]` line, as lint prints it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "bad catalogue")
        self.problems = problems


def settings_here(path: Path) -> tuple[Settings, dict[str, int]]:
    """The settings `designer lint` uses at `path` (a design or a catalogue's folder) and its framework's limits
    (rules.engine.project_settings); a config or framework that cannot be used is a usage problem."""
    from designer.frameworks import FrameworkError
    from designer.rules.config import ConfigError
    from designer.rules.engine import project_settings

    try:
        return project_settings(path)
    except (ConfigError, FrameworkError) as exc:
        raise UsageError(str(exc)) from None


def usable_catalogue(folder: Path, limits: dict[str, int], undone: str) -> LoadedCatalogue | None:
    """The folder's catalogue.yaml, or None after each problem and "nothing `undone`" went to stderr."""
    from designer.model.catalogue import CATALOGUE_FILE

    try:
        return load_catalogue(folder / CATALOGUE_FILE, limits)
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"designer: {printable(str(folder / CATALOGUE_FILE))}: not a usable catalogue; nothing {undone}",
            file=sys.stderr,
        )
        return None


def load_catalogue(path: Path, limits: dict[str, int] | None = None) -> LoadedCatalogue:
    """catalogue.yaml as the catalogue rules load it, or CatalogueError naming each problem's file, line and column.

    Unusable means the loader could make no catalogue of it (ST001-ST003: not text, not YAML, not a
    mapping with `format: 1`). A catalogue that loads with some values dropped (ST005, ST006) is
    returned: those findings are the catalogue's errors, on stderr and on the index.
    """
    from dataclasses import replace

    from designer.model.catalogue_loader import load_catalogue_file
    from designer.rules.registry import BY_CODE

    loaded = load_catalogue_file(path, limits)
    if loaded.catalogue is None:
        raise CatalogueError(
            [
                lint_line(replace(f, name=BY_CODE[f.code].name))
                for f in sorted(loaded.findings, key=lambda f: f.sort_key())
            ]
        )
    return loaded


def _site_folder(raw: str | None) -> Path:
    """The folder a site is written to: made when missing (its parent must exist), refused when it is a file."""
    return output_folder(
        raw,
        "a catalogue renders as a folder of pages: give -o FOLDER (or --format md for its index on stdout)",
        "the site",
    )


def output_folder(raw: str | None, without: str, what: str) -> Path:
    """The folder -o names for a catalogue's files (`what`): made when missing (its parent must exist), refused
    when it is a file; `without` is the message when there is no -o (or it is stdout)."""
    if raw is None or raw == STDOUT:
        raise UsageError(without)
    path = Path(raw)
    if path.exists() and not path.is_dir():
        raise UsageError(f"cannot write {what} to {raw}: it is a file; give a folder")
    if not path.exists():
        if not path.parent.is_dir():
            raise UsageError(f"cannot write {raw}: folder {path.parent} does not exist")
        try:
            path.mkdir()
        except OSError as exc:
            raise UsageError(f"cannot create {raw}: {exc.strerror or exc}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to {raw}: permission denied")
    return path


def lint_catalogue(folder: Path, loaded: LoadedCatalogue, settings: Settings | None = None) -> CatalogueLintView:
    """Lint the catalogue and every design in it as `designer lint DIR` does, CT rules included.

    `settings` default to those of `folder` (settings_here). Each design's result has its CT
    findings merged in, so its status and its gate are the ones `designer lint` gives it.
    """
    from designer.model.catalogue import CATALOGUE_FILE
    from designer.render.site import SiteDesign
    from designer.rules.engine import lint_catalogue_folder

    if settings is None:
        settings, _ = settings_here(folder)
    linted = lint_catalogue_folder(folder / CATALOGUE_FILE, settings, loaded=loaded)
    designs = [
        SiteDesign(source=Path(result.path).relative_to(folder).as_posix(), result=result) for result in linted.designs
    ]
    return CatalogueLintView(designs, linted.catalogue.findings, linted.catalogue.graph)


def render_catalogue(
    folder_name: str,
    fmt: str,
    output_path: str | None,
    template: str | None,
    draft: bool,
) -> int:
    """Render the catalogue in `folder_name`: a site (HTML, into the folder `output_path`), a PDF per design
    (into that folder) or its index (Markdown).

    The designs are those `designer lint DIR` finds there, checked with the catalogue rules as it checks
    them. The exit code: 0 all rendered, 1 a design or the catalogue has
    errors (its design gets no page without `draft`), 2 a usage problem or an
    unreadable design (the rest is still written).
    """
    from designer.render import FORMATS, RenderError
    from designer.render.site import build_index, build_site, render_index

    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    folder = Path(folder_name)
    template_dir = _template_dir(template)
    if fmt == "pdf":
        _need_weasyprint()
    site = _site_folder(output_path) if fmt in ("html", "pdf") else None
    output = output_file(output_path) if site is None else None
    settings, limits = settings_here(folder)
    loaded = usable_catalogue(folder, limits, "rendered")
    if loaded is None:
        return Exit.USAGE
    view = lint_catalogue(folder, loaded, settings)
    catalogue, designs, findings = loaded.catalogue, view.designs, view.findings
    assert catalogue is not None  # load_catalogue refused an unusable one
    try:
        if site is not None and fmt == "pdf":
            from designer.render.pdf import build_pdfs

            pdfs = build_pdfs(designs, folder, site, draft=draft, template_dir=template_dir, limits=limits)
            for source, url in pdfs.refused:
                _say_refused(source, url)
            blocked = list(pdfs.not_rendered)
            drafts = list(pdfs.drafts)
            count = len(pdfs.pages)
            written = f"{count} PDF specification{'' if count == 1 else 's'} into {printable(str(site))}"
        elif site is not None:
            report = build_site(
                catalogue,
                designs,
                findings,
                site,
                draft=draft,
                template_dir=template_dir,
                limits=limits,
                graph=view.graph,
                data=loaded.data,
                folder=folder,
            )
            blocked = list(report.not_rendered)
            drafts = list(report.drafts)
            written = f"{printable(str(report.index))} and {len(report.pages)} specification page" + (
                "" if len(report.pages) == 1 else "s"
            )
        else:
            base = output.parent if output is not None else folder
            links = {d.source: _relative_link(folder / d.source, base) for d in designs}
            index = build_index(
                catalogue,
                designs,
                findings,
                links=links,
                draft=draft,
                graph=view.graph,
                data=loaded.data,
                folder=folder,
            )
            text = render_index(index, fmt, template_dir, limits)
            if output is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                write_output(output, text)
            blocked = [d for d in designs if d.errors and not draft]
            drafts = [d for d in designs if d.errors and draft]
            written = printable(str(output)) if output is not None else ""
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write the site: {exc.strerror or exc}") from None
    return _report_catalogue(blocked, drafts, view.unreadable, written, site is not None, findings, draft)


def _relative_link(target: Path, base: Path) -> str:
    from urllib.parse import quote

    return quote(Path(os.path.relpath(target.resolve(), base.resolve())).as_posix())


def _report_catalogue(
    blocked: list[SiteDesign],
    drafts: list[SiteDesign],
    unreadable: list[str],
    written: str,
    pages: bool,
    findings: list[Finding],
    draft: bool,
) -> int:
    """Errors on stderr as `designer lint` prints them, one line on what was written; the exit code.

    The catalogue's own errors fail the run as a design's do, unless `draft` accepts them.
    """
    from designer.model.findings import Finding, Severity

    catalogue_errors = [f for f in findings if f.severity is Severity.ERROR]
    # A CT error on a design is also one of that design's errors: print it once, in lint's order.
    shown = {id(f): f for f in [*catalogue_errors, *(f for design in blocked for f in design.errors)]}
    for finding in sorted(shown.values(), key=Finding.sort_key):
        print(lint_line(finding), file=sys.stderr)
    if written:
        print(f"designer: wrote {written}", file=sys.stderr)
    if blocked:
        count = len(blocked)
        what = "without a page" if pages else "with errors"
        print(
            f"designer: {count} design{'' if count == 1 else 's'} {what}: "
            + ", ".join(printable(d.source) for d in blocked)
            + " (fix the errors above, or use --draft for marked drafts)",
            file=sys.stderr,
        )
    if drafts:
        count = len(drafts)
        print(
            f"designer: {count} design{'' if count == 1 else 's'} rendered as DRAFT with open errors: "
            + ", ".join(printable(d.source) for d in drafts),
            file=sys.stderr,
        )
    if catalogue_errors:
        count = len(catalogue_errors)
        print(
            f"designer: the catalogue has {count} error{'' if count == 1 else 's'} (listed above and on the index)"
            + ("" if draft else "; fix them, or use --draft to accept them"),
            file=sys.stderr,
        )
    if unreadable:
        return Exit.USAGE
    return Exit.FINDINGS if blocked or (catalogue_errors and not draft) else Exit.OK
