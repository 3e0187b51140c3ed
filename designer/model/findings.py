"""A finding: one thing a check says about one node of one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    column: int


START = Mark(1, 1)


@dataclass
class Finding:
    """What a check found. `name` and `severity` are filled in from the rule registry."""

    code: str
    message: str
    mark: Mark = START
    subject: str | None = None
    path: str = ""
    name: str = ""
    severity: Severity = Severity.ERROR
    # The data path of the node (("outcomes", 0, "statement")), for jump-to-finding.
    node: tuple[str | int, ...] = field(default=(), compare=False)
    # Codes of findings on the same file this one stands in for: a catalogue rule that says more precisely what
    # a design-level rule says (one cause, one finding; see designer.rules.engine.merge).
    replaces: tuple[str, ...] = field(default=(), compare=False)

    @property
    def line(self) -> int:
        return self.mark.line

    @property
    def column(self) -> int:
        return self.mark.column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.mark.line, self.mark.column, self.code, self.subject or "")
