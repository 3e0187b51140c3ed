"""The Rule base class and the per-file context rules read from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from designer.model.figures import fmt  # noqa: F401 - the rules import it with Rule and Context
from designer.model.findings import Finding, Severity

if TYPE_CHECKING:
    from designer.frameworks import Framework
    from designer.frameworks.wording import Reading, Wording
    from designer.graph import AlignmentGraph
    from designer.model.design import Design
    from designer.model.loader import DataPath, LoadedDesign
    from designer.model.workload import Workload


@dataclass
class Context:
    """What every rule sees for one file: the model, its positions, the framework and the graph."""

    loaded: LoadedDesign
    design: Design
    framework: Framework
    _live: dict[str, tuple[tuple[int, Any], ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def graph(self) -> AlignmentGraph:
        from designer.graph import build

        return build(self.design)

    @cached_property
    def ids(self) -> dict[str, tuple[str, int]]:
        """Each id with the section and index of its first item."""
        out: dict[str, tuple[str, int]] = {}
        for section, index, item in self.design.items():
            if item.id and item.id not in out:
                out[item.id] = (section, index)
        return out

    def live(self, section: str) -> tuple[tuple[int, Any], ...]:
        """Items of a section with their index, skipping those the loader had to replace.

        Built once per section: most rules read several sections, some once per outcome.
        """
        items = self._live.get(section)
        if items is None:
            broken = self.loaded.broken_items
            items = tuple(
                (index, item)
                for index, item in enumerate(getattr(self.design, section))
                if (section, index) not in broken
            )
            self._live[section] = items
        return items

    @cached_property
    def wording(self) -> Wording | None:
        """The outcome-wording data for the design's language (None: no data, OW005 says so once)."""
        return self.framework.wording(self.design.course.language)

    def stated(self, section: str, index: int, item: Any, field: str) -> bool:
        """Whether an item states `field`: a value, or one the loader dropped as invalid (ST006 reported it)."""
        return getattr(item, field) is not None or (section, index, field) in self.loaded.invalid

    def readings(self) -> Iterator[tuple[int, Any, Reading]]:
        """Each live outcome with a statement, read in the design's language (none when the language has no data)."""
        wording = self.wording
        if wording is None:
            return
        for index, outcome in self.live("outcomes"):
            if outcome.statement:
                yield index, outcome, wording.read(outcome.statement)

    @cached_property
    def workload(self) -> Workload:
        """Planned hours against the framework's band: the figure WL001, the specification and the editor share.

        Items the loader had to replace (not a mapping, ST006) are not items of the plan.
        """
        from designer.model.sections import WORKLOAD_SECTIONS
        from designer.model.workload import Workload

        hours = {kind: [item.hours for _, item in self.live(kind)] for kind in WORKLOAD_SECTIONS}
        return Workload.of(self.framework, hours, self.design.course.ects, self.design.course.hours_per_ects)


class Rule:
    """A check with a stable code, a kebab-case name, a default severity and a doc.

    `example` and `fix` are YAML snippets laid over a complete design (top-level
    keys replace, `course` merges key by key); a test lints both.

    An `opt_in` rule runs only when asked for by its family or code (`--select EX`, `select = ["EX003"]`),
    never in a plain lint: the export-readiness rules judge what a credential format needs, not the design.
    """

    opt_in: ClassVar[bool] = False

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    what: ClassVar[str]
    why: ClassVar[str]
    example: ClassVar[str]
    fix: ClassVar[str]

    def check(self, ctx: Context) -> Iterator[Finding]:
        """Findings for one design. Rules whose findings come from the loader yield none."""
        return iter(())

    def at(
        self, ctx: Context, path: DataPath, message: str, subject: str | None = None, *, key: bool = False
    ) -> Finding:
        finding = ctx.loaded.finding(self.code, message, path, subject=subject, key=key)
        finding.name = self.name
        finding.severity = self.severity
        return finding


def article(word: str) -> str:
    """'a' or 'an' before `word`."""
    return "an" if word[:1].lower() in "aeiou" else "a"
