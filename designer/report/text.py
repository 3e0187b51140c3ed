"""Human-readable output: `path:line:col: CODE message`, coloured on a terminal."""

from __future__ import annotations

from typing import TextIO

from designer.model.figures import plural
from designer.printable import printable
from designer.report import FileReport, Summary

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def summary_line(summary: Summary) -> str:
    not_found = f"; {plural(summary.missing, 'path')} not found" if summary.missing else ""
    if not (summary.errors or summary.warnings or summary.info):
        if summary.missing and not summary.files:
            return f"Nothing checked: {plural(summary.missing, 'path')} not found."
        if summary.missing:
            return f"No findings in {plural(summary.files, 'file')}{not_found}."
        return f"All checks passed: {plural(summary.files, 'file')}, no findings."
    parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")]
    if summary.info:
        parts.append(f"{summary.info} info")
    return f"Found {', '.join(parts)} in {summary.files_with_findings} of {plural(summary.files, 'file')}{not_found}."


def write(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    for report in reports:
        for f in report.findings:
            path, message = printable(f.path), printable(f.message)
            if color:
                tint = _COLOURS[f.severity.value]
                out.write(
                    f"{_BOLD}{path}{_RESET}:{f.line}:{f.column}: {tint}{_BOLD}{f.code}{_RESET} {message} "
                    f"{_DIM}[{f.name}]{_RESET}\n"
                )
            else:
                out.write(f"{path}:{f.line}:{f.column}: {f.code} {message} [{f.name}]\n")
    line = summary_line(summary)
    if color:
        tint = (
            _COLOURS["error"]
            if summary.errors or summary.missing
            else (_COLOURS["warning"] if summary.warnings else "\033[32m")
        )
        line = f"{tint}{_BOLD}{line}{_RESET}"
    out.write(line + "\n")
