"""`designer render`: the course specification a curriculum committee reviews, as HTML or Markdown.

Exit codes follow `designer lint`: 0 rendered, 1 not rendered because the
design has errors (listed on stderr as lint prints them), 2 usage problems
(missing input, unwritable output, a bad template folder or template).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.errors import Exit, UsageError
from designer.model.atomic import STDOUT
from designer.printable import printable

if TYPE_CHECKING:
    from designer.model.catalogue import Catalogue
    from designer.model.findings import Finding
    from designer.render.site import SiteDesign
    from designer.rules.engine import Result


def _input(raw: str) -> Path:
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


def _output(raw: str | None) -> Path | None:
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


def _write(output: Path, text: str) -> None:
    """Write the document: write_atomic replaces a regular file atomically and writes straight to a device or FIFO."""
    from designer.model.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _lint(path: Path) -> tuple[Result, dict[str, int]]:
    """Lint as `designer lint` would from here (the nearest designer.toml or [tool.designer] applies).

    Also the configured framework's limits, which bound an institution's templates.
    """
    from designer.frameworks import FrameworkError
    from designer.rules.config import ConfigError, find_config, load_settings
    from designer.rules.engine import lint_file, resolve_frameworks

    try:
        settings = load_settings(find_config(path))
        result = lint_file(path, settings)
        limits = resolve_frameworks(settings)[1].limits
    except (ConfigError, FrameworkError) as exc:
        raise UsageError(str(exc)) from None
    if result.loaded.unreadable:
        reason = result.findings[0].message if result.findings else "cannot read the file"
        raise UsageError(f"{path}: {reason}")
    return result, limits


def _lint_line(finding: Finding) -> str:
    path, message = printable(finding.path), printable(finding.message)
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {message} [{finding.name}]"


def render_design(file: str, fmt: str, output_path: str | None, template: str | None, draft: bool) -> int:
    """Lint `file` and write its specification in `fmt` to `output_path` (None or '-': stdout); the exit code."""
    from designer.render import RenderError, RenderGateError, errors_of, render

    source = _input(file)
    template_dir = _template_dir(template)
    output = _output(output_path)
    result, limits = _lint(source)
    try:
        text = render(result, fmt, template_dir, draft=draft, limits=limits)
    except RenderGateError as exc:
        for finding in exc.errors:
            print(_lint_line(finding), file=sys.stderr)
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
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        _write(output, text)
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

Collect = Callable[[list[str], list[str]], list[str]]
"""How the CLI finds design files: (paths, exclude patterns) -> files."""


class CatalogueError(Exception):
    """catalogue.yaml cannot be used; each problem is one `file:line:col: message` line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "bad catalogue")
        self.problems = problems


def _node_at(root: Any, loc: tuple[Any, ...], key: bool) -> Any:
    """The YAML node at a pydantic error location (its key with `key`), or the nearest node that is there."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    node = root
    for index, part in enumerate(loc):
        if isinstance(node, MappingNode):
            pair = next((p for p in node.value if isinstance(p[0], ScalarNode) and p[0].value == str(part)), None)
            if pair is None:
                return node
            node = pair[0] if key and index == len(loc) - 1 else pair[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def load_catalogue(path: Path) -> Catalogue:
    """The catalogue in `path`, or CatalogueError with the file, line and column of each problem."""
    # seam: replaced by designer.model.loader catalogue loading
    import yaml
    from pydantic import ValidationError

    from designer.model.catalogue import Catalogue

    name = printable(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CatalogueError([f"{name}: cannot read the catalogue: {reason}"]) from None
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CatalogueError([f"{name}:{where}: YAML syntax error: {problem}"]) from None
    if not isinstance(data, dict):
        raise CatalogueError([f"{name}:1:1: a catalogue is a mapping with 'format: 1' at the top"])
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            node = _node_at(root, loc, key=error["type"] == "extra_forbidden")
            where = f"{node.start_mark.line + 1}:{node.start_mark.column + 1}" if node is not None else "1:1"
            dotted = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")
            problems.append(f"{name}:{where}: {dotted or 'catalogue'}: {printable(error['msg'])}")
        raise CatalogueError(problems) from None


def catalogue_findings(folder: Path, catalogue: Catalogue, designs: list[SiteDesign]) -> list[Finding] | None:
    """The catalogue (CT) findings on catalogue.yaml and its designs; None while there are no catalogue rules.

    None tells the index that the catalogue rules were not run, which is not the same as finding nothing.
    """
    # seam: replaced by running the CT rules over the catalogue, as `designer lint DIR` does
    return None


def _site_folder(raw: str | None) -> Path:
    """The folder a site is written to: made when missing (its parent must exist), refused when it is a file."""
    if raw is None or raw == STDOUT:
        raise UsageError(
            "a catalogue renders as a folder of pages: give -o FOLDER (or --format md for its index on stdout)"
        )
    path = Path(raw)
    if path.exists() and not path.is_dir():
        raise UsageError(f"cannot write the site to {raw}: it is a file; give a folder")
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


def lint_catalogue(folder: Path, collect: Collect) -> tuple[list[SiteDesign], dict[str, int], list[str]]:
    """Lint every design of the catalogue as `designer lint` would; the designs, the limits and unreadable files."""
    from designer.frameworks import FrameworkError
    from designer.render.site import SiteDesign
    from designer.rules.config import ConfigError, find_config, load_settings
    from designer.rules.engine import lint_file, resolve_frameworks

    try:
        settings = load_settings(find_config(folder))
        limits = resolve_frameworks(settings)[1].limits
        results = [(file, lint_file(file, settings)) for file in catalogue_files(folder, collect, settings.exclude)]
    except (ConfigError, FrameworkError) as exc:
        raise UsageError(str(exc)) from None
    designs = [SiteDesign(source=Path(file).relative_to(folder).as_posix(), result=result) for file, result in results]
    unreadable = [file for file, result in results if result.loaded.unreadable]
    return designs, limits, unreadable


def catalogue_files(folder: Path, collect: Collect, exclude: list[str]) -> list[str]:
    """The design files of the catalogue in `folder`: what `collect` finds there, less catalogue.yaml itself."""
    from designer.model.catalogue import CATALOGUE_FILE

    catalogue = (folder / CATALOGUE_FILE).resolve()
    return sorted(file for file in collect([str(folder)], exclude) if Path(file).resolve() != catalogue)


def render_catalogue(
    folder_name: str,
    fmt: str,
    output_path: str | None,
    template: str | None,
    draft: bool,
    collect: Collect,
) -> int:
    """Render the catalogue in `folder_name`: a site (HTML, into the folder `output_path`) or its index (Markdown).

    `collect` lists the design files under folders as `designer lint` finds
    them (paths, exclude patterns). The exit code: 0 all rendered, 1 a design or the catalogue has
    errors (its design gets no page without `draft`), 2 a usage problem or an
    unreadable design (the rest is still written).
    """
    from designer.model.catalogue import CATALOGUE_FILE
    from designer.render import FORMATS, RenderError
    from designer.render.site import build_index, build_site, render_index

    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    folder = Path(folder_name)
    template_dir = _template_dir(template)
    site = _site_folder(output_path) if fmt == "html" else None
    output = _output(output_path) if fmt != "html" else None
    try:
        catalogue = load_catalogue(folder / CATALOGUE_FILE)
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"designer: {printable(str(folder / CATALOGUE_FILE))}: not a usable catalogue; nothing rendered",
            file=sys.stderr,
        )
        return Exit.USAGE
    designs, limits, unreadable = lint_catalogue(folder, collect)
    findings = catalogue_findings(folder, catalogue, designs)
    try:
        if site is not None:
            report = build_site(
                catalogue, designs, findings, site, draft=draft, template_dir=template_dir, limits=limits
            )
            blocked = list(report.not_rendered)
            drafts = list(report.drafts)
            written = f"{printable(str(report.index))} and {len(report.pages)} specification page" + (
                "" if len(report.pages) == 1 else "s"
            )
        else:
            base = output.parent if output is not None else folder
            links = {d.source: _relative_link(folder / d.source, base) for d in designs}
            text = render_index(
                build_index(catalogue, designs, findings, links=links, draft=draft), fmt, template_dir, limits
            )
            if output is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                _write(output, text)
            blocked = [d for d in designs if d.errors and not draft]
            drafts = [d for d in designs if d.errors and draft]
            written = printable(str(output)) if output is not None else ""
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write the site: {exc.strerror or exc}") from None
    return _report_catalogue(blocked, drafts, unreadable, written, site is not None, findings or [], draft)


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
    from designer.model.findings import Severity

    catalogue_errors = [f for f in findings if f.severity is Severity.ERROR]
    for finding in catalogue_errors:
        print(_lint_line(finding), file=sys.stderr)
    for design in blocked:
        for finding in design.errors:
            print(_lint_line(finding), file=sys.stderr)
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
