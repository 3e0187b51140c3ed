"""The catalogue around the design being edited, and the designs a start screen lists. Knows nothing of Textual.

When a design lies in a catalogue (a catalogue.yaml at or above its folder, found as
`designer lint` finds it), the editor checks it with the catalogue rules as it is typed:
the other designs are read from disk, this one from memory. Reading every other design
on every keystroke would make each refresh as slow as a folder lint, so a session keeps
each file's summary and reads it again only when the file's modification time or size
changes (or the file comes or goes).

Nothing here imports pydantic or networkx when the module is imported: a design outside
any catalogue never loads the catalogue graph, and the editor's start-up stays cheap.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from designer.model.folders import catalogue_members, find_catalogue

if TYPE_CHECKING:
    from designer.model.catalogue_loader import LoadedCatalogue
    from designer.model.summary import DesignSummary
    from designer.rules.config import Settings
    from designer.rules.engine import Result


@dataclass(frozen=True)
class CatalogueCourse:
    """A course of the catalogue as the course form offers it: a design's code, title and EQF level."""

    code: str
    title: str | None
    eqf_level: int | None


@dataclass(frozen=True)
class CatalogueStack:
    """A stack of catalogue.yaml as the course form offers it for `towards`."""

    id: str
    title: str | None


@dataclass(frozen=True)
class CatalogueChoices:
    """What a design in the catalogue may name: the other designs' codes and the stacks' ids."""

    title: str | None
    courses: tuple[CatalogueCourse, ...]
    """Sorted by code, one entry per code; the design being edited is not among them."""
    stacks: tuple[CatalogueStack, ...]
    """In catalogue.yaml's order."""


# What a file looked like when its summary was taken: a change of either means read it again.
Signature = tuple[int, int]


def _signature(path: str) -> Signature | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _is(member: str, design: Path, names: set[str]) -> bool:
    """Whether a member file is the design (by name first: a stat per member would cost on large catalogues)."""
    if os.path.basename(member) not in names:
        return False
    try:
        return os.path.samefile(member, design)
    except OSError:
        return False


class CatalogueSession:
    """The catalogue one editing session checks its design against, with the other designs' summaries cached.

    `check` runs on the editor's validation worker; a lock keeps two late runs from updating
    the cache at once.
    """

    def __init__(self, catalogue: Path, settings: Settings | None = None) -> None:
        from designer.rules.config import Settings

        self.catalogue = catalogue
        # The project's lint settings (select, ignore, framework, exclude), as `designer lint` applies them.
        self.settings = settings if settings is not None else Settings()
        self._lock = threading.Lock()
        self._loaded: tuple[Signature | None, LoadedCatalogue] | None = None
        self._summaries: dict[str, tuple[Signature | None, DesignSummary | None]] = {}
        self.reads = 0
        """How many files were read (catalogue.yaml or a design) since the session began: tests watch the cache."""

    @classmethod
    def around(cls, design: Path, settings: Settings | None = None) -> CatalogueSession | None:
        """The session for the catalogue `design` lies in; None outside any catalogue."""
        catalogue = find_catalogue(design)
        return cls(catalogue, settings) if catalogue is not None else None

    def _catalogue(self) -> LoadedCatalogue:
        from designer.model.catalogue_loader import load_catalogue_file
        from designer.rules.engine import resolve_frameworks

        signature = _signature(str(self.catalogue))
        if self._loaded is None or self._loaded[0] != signature:
            _, base = resolve_frameworks(self.settings)
            self._loaded = (signature, load_catalogue_file(self.catalogue, base.limits))
            self.reads += 1
        return self._loaded[1]

    def _others(self, design: Path) -> tuple[list[DesignSummary], list[str]]:
        """The other designs' summaries (from the cache unless a file changed) and the files that did not load."""
        from designer.rules.engine import summarize_file

        names = {design.name, design.resolve().name}
        members = [
            path
            for path in catalogue_members(self.catalogue, self.settings.exclude, self.settings.root)
            if not _is(path, design, names)
        ]
        summaries, unread = [], []
        cache: dict[str, tuple[Signature | None, DesignSummary | None]] = {}
        for path in members:
            signature = _signature(path)
            cached = self._summaries.get(path)
            if cached is None or cached[0] != signature:
                cached = (signature, summarize_file(path, self.settings))
                self.reads += 1
            cache[path] = cached
            if cached[1] is None:
                unread.append(path)
            else:
                summaries.append(cached[1])
        self._summaries = cache  # files that went away leave the cache with them
        return summaries, unread

    def check(self, result: Result, design: Path) -> CatalogueChoices:
        """Add the catalogue (CT) findings on the design to `result`, as `designer lint` would give them.

        `result` is the lint of the design as it is in memory; `design` is the file it is edited
        as (its copy on disk is left out: the one in memory stands for it). Returns what the
        course form offers.
        """
        from designer.rules.engine import check_catalogue, merge, summary_of

        with self._lock:
            loaded = self._catalogue()
            others, unread = self._others(design)
        # Named as the other members are, so the catalogue orders and names it the same way.
        where = str(design.resolve())
        own = summary_of(result)
        designs = list(others)
        if own is None:
            unread.append(where)
        else:
            designs.append(dataclasses.replace(own, path=where))
        checked = check_catalogue(loaded, designs, self.settings, unread=unread)
        mine = [dataclasses.replace(finding, path=result.path) for finding in checked.on(where)]
        result.findings = merge(result.findings, mine, checked.replaced.get(where, set()))
        return choices(loaded, others)


def choices(loaded: LoadedCatalogue, others: list[DesignSummary]) -> CatalogueChoices:
    """The codes and stacks a design of this catalogue may name."""
    catalogue = loaded.catalogue
    courses: dict[str, CatalogueCourse] = {}
    for summary in sorted(others, key=lambda s: os.path.normpath(s.path)):
        if summary.code and summary.code not in courses:
            courses[summary.code] = CatalogueCourse(summary.code, summary.title, summary.eqf_level)
    stacks: list[CatalogueStack] = []
    if catalogue is not None:
        seen: set[str] = set()
        for stack in catalogue.stacks:
            if stack.id and stack.id not in seen:
                seen.add(stack.id)
                stacks.append(CatalogueStack(stack.id, stack.title))
    return CatalogueChoices(
        title=catalogue.catalogue.title if catalogue is not None else None,
        courses=tuple(courses[code] for code in sorted(courses)),
        stacks=tuple(stacks),
    )


# The start screen's list of a catalogue's designs


@dataclass(frozen=True)
class ListedDesign:
    """One design of a catalogue as the start screen lists it."""

    path: str
    code: str | None
    title: str | None
    eqf_level: int | None
    levels: tuple[str, ...]
    """The path levels catalogue.yaml puts its code on (their ids, else titles)."""
    status: str
    """The lint result in a few words, as the catalogue's index says it: clean, 2 warnings, could not be loaded ..."""
    tone: str
    """clean | warning | error | unloadable"""


@dataclass(frozen=True)
class CatalogueListing:
    title: str | None
    designs: tuple[ListedDesign, ...]


def listing(catalogue: Path) -> CatalogueListing:
    """Every design of the catalogue with its code, title, EQF level, path levels and lint status.

    Lints the whole catalogue as `designer lint` does (its own rules and the catalogue's),
    so the status is the one the QA office sees: slow on a large catalogue, so the start
    screen calls it off the UI thread. The designs come in path order (the first level's
    courses first, courses on no level last), then by code.
    """
    from designer.render.site import Status
    from designer.rules.engine import lint_catalogue_folder
    from designer.tui.state import editor_settings

    # The nearest designer.toml's settings, as `designer lint` and `designer render DIR` read them.
    linted = lint_catalogue_folder(catalogue, editor_settings(catalogue.parent)[0])
    loaded = linted.catalogue.loaded.catalogue
    levels: dict[str, list[str]] = {}
    rank: dict[str, int] = {}  # a course's first level, in path order
    in_order = loaded.levels() if loaded is not None else []
    for position, (_, _, level) in enumerate(in_order):
        for listed in level.courses:
            levels.setdefault(listed, []).append(level.id or level.title or "?")
            rank.setdefault(listed, position)
    designs = []
    for result in linted.designs:
        design = result.context.design if result.context is not None else None
        course = design.course if design is not None else None
        code = course.code if course is not None else None
        status = Status.of(result, "none")
        designs.append(
            ListedDesign(
                path=result.path,
                code=code,
                title=course.title if course is not None else None,
                eqf_level=course.eqf_level if course is not None else None,
                levels=tuple(levels.get(code, ())) if code else (),
                status=status.label,
                tone=status.tone,
            )
        )
    designs.sort(key=lambda d: (rank.get(d.code or "", len(in_order)), d.code is None, d.code or "", d.path))
    return CatalogueListing(title=loaded.catalogue.title if loaded is not None else None, designs=tuple(designs))
