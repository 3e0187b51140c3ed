"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from typing import TextIO

from designer.printable import printable
from designer.report import FileReport, Summary
from designer.report.text import summary_line

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """A workflow-command message: `%`, CR and LF encoded as GitHub documents, other controls made visible.

    The job log is shown in a terminal-like viewer that obeys ANSI escapes, so
    those are escaped as in the text format.
    """
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    """A workflow-command property value: as a message, plus `:` and `,`, which end a property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    for report in reports:
        for f in report.findings:
            out.write(
                f"::{_LEVEL[f.severity.value]} file={_prop(f.path)},line={f.line},col={f.column},"
                f"title={_prop(f'{f.code} {f.name}')}::{_data(f.message)}\n"
            )
    out.write(summary_line(summary) + "\n")
