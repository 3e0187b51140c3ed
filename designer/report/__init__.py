"""Output formats for lint results, in a registry keyed by `--format` name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from designer.model.findings import Finding

if TYPE_CHECKING:
    from designer.model.summary import DesignSummary


@dataclass
class FileReport:
    """What the lint of one file left for the report (picklable across worker processes)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False
    summary: DesignSummary | None = None
    """The design's catalogue facts, when it belongs to a catalogue and loaded (see designer.model.summary)."""


@dataclass
class Summary:
    files: int
    errors: int
    warnings: int
    info: int
    files_with_findings: int
    missing: int = 0
    """Paths given on the command line that do not exist: a run with any is never a pass."""

    @classmethod
    def of(cls, reports: list[FileReport], missing: int = 0) -> Summary:
        count = {"error": 0, "warning": 0, "info": 0}
        for report in reports:
            for finding in report.findings:
                count[finding.severity.value] += 1
        return cls(
            files=len(reports),
            errors=count["error"],
            warnings=count["warning"],
            info=count["info"],
            files_with_findings=sum(1 for r in reports if r.findings),
            missing=missing,
        )

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


Formatter = Callable[[list[FileReport], Summary, TextIO, bool], None]


def _text(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    from designer.report.text import write

    write(reports, summary, out, color)


def _json(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    from designer.report.json import write

    write(reports, summary, out, color)


def _github(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    from designer.report.github import write

    write(reports, summary, out, color)


def _sarif(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    from designer.report.sarif import write

    write(reports, summary, out, color)


FORMATTERS: dict[str, Formatter] = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}
