"""Render a linted design as the course specification a curriculum committee reviews (HTML, Markdown or PDF).

The lint result is the gate: a design with errors renders only as a marked
draft, and one that could not be loaded does not render at all. Jinja2 is
imported by the functions that need it, so `designer lint` never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from designer.model.findings import Finding, Severity

if TYPE_CHECKING:
    from designer.rules.engine import Result

TEXT_FORMATS: tuple[str, ...] = ("html", "md")
"""What `render` writes; a PDF is the HTML laid out by designer.render.pdf (an optional extra)."""
FORMATS: tuple[str, ...] = (*TEXT_FORMATS, "pdf")


class RenderError(Exception):
    """The specification cannot be produced for a reason the user can fix (exit 2)."""


class RenderGateError(RenderError):
    """The design has errors (or could not be loaded), so no specification is rendered (exit 1)."""

    def __init__(self, errors: list[Finding], *, loadable: bool) -> None:
        self.errors = errors
        self.loadable = loadable
        count = len(errors)
        reason = f"{count} error{'' if count == 1 else 's'}" if loadable else "the design could not be loaded"
        super().__init__(f"not rendered: {reason}")


class TemplateError(RenderError):
    """A template is missing, invalid, uses an undefined name or breaks the sandbox."""


def errors_of(result: Result) -> list[Finding]:
    """The error-severity findings, in lint order."""
    return [f for f in result.findings if f.severity is Severity.ERROR]


def render(
    result: Result,
    fmt: str,
    template_dir: Path | None = None,
    draft: bool = False,
    limits: Mapping[str, int] | None = None,
    language: str = "en",
) -> str:
    """The specification of a linted design as HTML or Markdown text.

    Raises RenderGateError when the design has errors and `draft` is off, or
    could not be loaded at all; TemplateError for a broken template; RenderError
    for a malformed SOURCE_DATE_EPOCH. Templates from `template_dir` keep to
    `limits` (the framework's max_template_seconds and max_template_output_chars).
    Codes are worded in `language` (frameworks/labels/<language>.yaml); RenderError when it has no labels.
    """
    if fmt not in TEXT_FORMATS:
        raise RenderError(f"unknown format '{fmt}' (choose from {', '.join(TEXT_FORMATS)})")
    errors = errors_of(result)
    if result.context is None:
        raise RenderGateError(errors, loadable=False)
    if errors and not draft:
        raise RenderGateError(errors, loadable=True)
    from designer.render.context import build_context
    from designer.render.environment import render_document

    document = build_context(result, draft, language)
    return render_document(document, fmt, template_dir, limits)


__all__ = ["FORMATS", "TEXT_FORMATS", "RenderError", "RenderGateError", "TemplateError", "errors_of", "render"]
