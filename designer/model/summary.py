"""What the catalogue rules need to know of one design, small enough to send back from a worker process.

`designer lint --jobs N` lints each design in a worker; when the design belongs to a
catalogue the worker also returns its DesignSummary, so the main process runs the
catalogue rules without parsing any design again. A summary keeps the positions of
the fields it carries, so a catalogue finding lands on the design's own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.findings import Finding, Mark
from designer.model.source import DataPath, SourceMap


@dataclass(frozen=True)
class OutcomeFacts:
    """One outcome: its place, id, statement and the Bloom level its main verb reads as (None: not read)."""

    index: int
    id: str | None
    statement: str
    bloom: str | None


@dataclass(frozen=True)
class SummativeFacts:
    """One summative component: its place, id, method, and what the design's framework says that method can show."""

    index: int
    id: str | None
    method: str | None
    authentic: bool | None
    """None: the method is not in the framework's vocabulary (ST006 says so), or no method is given."""
    max_bloom: str | None


@dataclass
class DesignSummary:
    """The catalogue-relevant facts of one loaded design, with where each sits in its file."""

    path: str
    code: str | None = None
    title: str | None = None
    eqf_level: int | None = None
    ects: float | None = None
    prerequisites: tuple[tuple[int, str], ...] = ()
    """`course.prerequisite_courses` as (index in the file's list, code); entries that are not text are left out."""
    towards: tuple[tuple[int, str], ...] = ()
    """`course.towards` as (index in the file's list, stack id)."""
    stackability: str | None = None
    outcomes: tuple[OutcomeFacts, ...] = ()
    outcomes_read: bool = False
    """Whether the outcomes could be read (the design's language has wording data)."""
    summative: tuple[SummativeFacts, ...] = ()
    invalid: frozenset[DataPath] = frozenset()
    """Course fields the loader dropped as invalid (ST006 reported them): not the same as absent."""
    source: SourceMap = field(default_factory=SourceMap)
    suppressions: dict[int, set[str]] = field(default_factory=dict)

    def finding(
        self, code: str, message: str, path: DataPath, *, subject: str | None = None, key: bool = False
    ) -> Finding:
        """A finding on this design at `path` (or its nearest ancestor the file has)."""
        mark: Mark = self.source.at(path, key=key)
        return Finding(code=code, message=message, mark=mark, subject=subject, path=self.path, node=path)

    def stated(self, field_name: str) -> bool:
        """Whether `course.<field_name>` was written, even if the loader dropped it as invalid."""
        return getattr(self, field_name) is not None or ("course", field_name) in self.invalid
