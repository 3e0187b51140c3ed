"""`designer render`: the course specification a curriculum committee reviews, as HTML or Markdown.

Exit codes follow `designer lint`: 0 rendered, 1 not rendered because the
design has errors (listed on stderr as lint prints them), 2 usage problems
(missing input, unwritable output, a bad template folder or template).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from designer.render import FORMATS

if TYPE_CHECKING:
    from designer.model.findings import Finding
    from designer.rules.engine import Result

STDOUT = "-"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the `render` command to the `designer` subcommands."""
    parser = subparsers.add_parser(
        "render",
        help="write the course specification for a curriculum committee (HTML or Markdown)",
        description=(
            "Render a course design as the specification a curriculum committee reviews. The design is linted "
            "first: with any error nothing is rendered (exit 1) unless --draft is given, which marks every page "
            "as a draft and lists the open errors."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the course design (.yaml)")
    parser.add_argument("--format", choices=FORMATS, default="html", help="output format (default: html)")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT, replacing it atomically (default, or '-': stdout)"
    )
    parser.add_argument(
        "--template",
        metavar="DIR",
        help="folder of templates that override the shipped ones by name (e.g. html/_header.html.j2); run sandboxed",
    )
    parser.add_argument(
        "--draft", action="store_true", help="render a design with errors, marked 'DRAFT - not validated'"
    )
    parser.set_defaults(func=cmd_render)
    return parser


def _input(raw: str) -> Path:
    from designer.cli import UsageError

    path = Path(raw)
    if not path.exists():
        raise UsageError(f"{raw}: no such file")
    if path.is_dir():
        raise UsageError(f"{raw}: is a folder; give one design file")
    return path


def _template_dir(raw: str | None) -> Path | None:
    from designer.cli import UsageError

    if raw is None:
        return None
    path = Path(raw)
    if not path.is_dir():
        raise UsageError(f"template folder not found: {raw}")
    return path


def _output(raw: str | None) -> Path | None:
    """The file to write, checked before any work; None for stdout."""
    from designer.cli import UsageError

    if raw is None or raw == STDOUT:
        return None
    path = Path(raw)
    if path.is_dir():
        raise UsageError(f"cannot write {raw}: it is a folder")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {raw}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"cannot write {raw}: permission denied")
    return path


def _lint(path: Path) -> Result:
    """Lint as `designer lint` would from here: the nearest designer.toml or [tool.designer] applies."""
    from designer.cli import UsageError
    from designer.frameworks import FrameworkError
    from designer.rules.config import ConfigError, find_config, load_settings
    from designer.rules.engine import lint_file

    try:
        settings = load_settings(find_config(path))
        result = lint_file(path, settings)
    except (ConfigError, FrameworkError) as exc:
        raise UsageError(str(exc)) from None
    if result.loaded.unreadable:
        reason = result.findings[0].message if result.findings else "cannot read the file"
        raise UsageError(f"{path}: {reason}")
    return result


def _lint_line(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message} [{finding.name}]"


def cmd_render(args: argparse.Namespace) -> int:
    from designer.cli import Exit, UsageError
    from designer.render import RenderError, RenderGateError, errors_of, render

    source = _input(args.file)
    template_dir = _template_dir(args.template)
    output = _output(args.output)
    result = _lint(source)
    try:
        text = render(result, args.format, template_dir, draft=args.draft)
    except RenderGateError as exc:
        for finding in exc.errors:
            print(_lint_line(finding), file=sys.stderr)
        if exc.loadable:
            count = len(exc.errors)
            print(
                f"designer: {args.file}: {count} error{'' if count == 1 else 's'}; nothing rendered "
                "(fix them, or use --draft for a marked draft)",
                file=sys.stderr,
            )
        else:
            print(f"designer: {args.file}: the design could not be loaded; nothing rendered", file=sys.stderr)
        return Exit.FINDINGS
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from designer.model.atomic import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    open_errors = errors_of(result)
    if open_errors:
        count = len(open_errors)
        print(
            f"designer: rendered a DRAFT of {args.file} with {count} open error{'' if count == 1 else 's'} "
            "(listed in its banner)",
            file=sys.stderr,
        )
    return Exit.OK
