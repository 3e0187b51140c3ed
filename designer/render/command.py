"""`designer render`: the course specification a curriculum committee reviews, as HTML or Markdown.

Exit codes follow `designer lint`: 0 rendered, 1 not rendered because the
design has errors (listed on stderr as lint prints them), 2 usage problems
(missing input, unwritable output, a bad template folder or template).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from designer.errors import Exit, UsageError
from designer.model.atomic import STDOUT
from designer.printable import printable

if TYPE_CHECKING:
    from designer.model.findings import Finding
    from designer.rules.engine import Result


def _input(raw: str) -> Path:

    path = Path(raw)
    if not path.exists():
        raise UsageError(f"{raw}: no such file")
    if path.is_dir():
        raise UsageError(f"{raw}: is a folder; give one design file")
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
