"""A catalogue as a static site: an index for the programme committee and one specification page per design.

The index shows the catalogue's owner and description, its learning paths as
a diagram (designer.render.diagram), every course with its lint status, each
stack with the credits its courses reach, and the findings. It renders as
HTML (the site's index.html) or as Markdown (a repository's README).

Everything here works on what it is given and loads nothing:
`build_index` and `build_site` take the `Catalogue`, the designs with their
lint results (`SiteDesign`), the catalogue (CT) findings and the catalogue
graph the rules read, which the CLI glue loads (designer.render.command:
`load_catalogue`, `lint_catalogue`). Every catalogue fact the index shows is
the graph's, read as the rules read it: which design a code means, a course's
levels, a stack's members and their roles, the stacks a course's `towards`
names, a stack's credits (`stack_credits`, the figure CT008 judges) and the
EQF level its courses reach, and the courses that need a course. What only a
catalogue list says (a planned code with no design) comes from the catalogue.

Designs with errors keep the gate of a single render: without `draft` they
get no page. The index still lists them, with their status and errors, since
a committee needs the whole catalogue in view to see what blocks it.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from designer.model.findings import Finding, Severity
from designer.render import errors_of
from designer.render.context import Issue, generated_date, issue
from designer.render.diagram import Chip, ColumnSpec, Diagram, Node, layout
from designer.render.filters import slug

if TYPE_CHECKING:
    from designer.graph.catalogue import CatalogueGraph
    from designer.graph.catalogue import StackCredits as GraphCredits
    from designer.model.catalogue import Catalogue
    from designer.model.design import Design
    from designer.rules.engine import Result

INDEX_PAGE = "index.html"
STACK_COLORS = 8
"""Stacks take the stylesheet's colours .stack-0 ... .stack-7 in catalogue order, then round again."""
CLAIMED = "claimed"
"""A role beside the graph's required and elective: the design names the stack in `towards`, but the stack does not
list the course."""


# What a stack's courses reach: computed once, by the catalogue graph (designer.graph.catalogue.stack_credits).


@dataclass(frozen=True)
class StackCredits:
    """How far a stack's listed courses get towards its credits."""

    needed: float | None
    """The stack's `min_credits`, else its `ects`; None when it states neither."""
    reached: float
    """ECTS of the listed courses that have a design, required and elective (each course once)."""
    required: float
    """ECTS of the required courses that have a design."""
    short: float
    """Credits still missing: needed - reached when positive, else 0."""
    missing_required: tuple[str, ...]
    """Required codes with no design in the catalogue."""
    missing_electives: tuple[str, ...]
    """Elective codes with no design in the catalogue."""
    unstated: tuple[str, ...]
    """Listed codes whose design states no ECTS: they count 0."""

    @property
    def reachable(self) -> bool:
        """Every required course exists and the courses reach the credits needed."""
        return not self.missing_required and self.short == 0


def stack_credits(credits: GraphCredits, required: Iterable[str]) -> StackCredits:
    """The index's view of what a stack's courses reach, as the catalogue graph computes it for CT008."""
    needed = float(credits.needed) if credits.needed is not None else None
    wanted = set(required)
    return StackCredits(
        needed=needed,
        reached=float(credits.reachable),
        required=float(credits.required),
        short=float(credits.short_by) if credits.short_by is not None else 0.0,
        missing_required=tuple(code for code in credits.unknown if code in wanted),
        missing_electives=tuple(code for code in credits.unknown if code not in wanted),
        unstated=credits.without_ects,
    )


def _graph(
    catalogue: Catalogue, designs: Sequence[SiteDesign], graph: CatalogueGraph | None, data: Any
) -> tuple[CatalogueGraph, Any]:
    """The graph and catalogue data given, or those of `catalogue` and `designs` (the model's data, the graph built)."""
    if data is None:
        data = catalogue.model_dump()
    return (graph if graph is not None else catalogue_graph(catalogue, data, designs)), data


def catalogue_graph(catalogue: Catalogue, data: Any, designs: Sequence[SiteDesign]) -> CatalogueGraph:
    """The catalogue graph of `catalogue` and the designs' lint results (designer.graph.catalogue.build)."""
    from designer.graph.catalogue import build
    from designer.rules.engine import summary_of

    summaries = [summary for summary in (summary_of(d.result) for d in designs) if summary is not None]
    # In catalogue order, as the catalogue rules build it (designer.rules.engine.check_catalogue).
    return build(catalogue, data, sorted(summaries, key=lambda s: os.path.normpath(s.path)))


# The designs the site is made of


@dataclass(frozen=True)
class SiteDesign:
    """One design of the catalogue: its file, relative to the catalogue's folder, and its lint result."""

    source: str
    """The design file's path inside the catalogue folder, with forward slashes (`courses/spend.yaml`)."""
    result: Result

    @property
    def design(self) -> Design | None:
        return self.result.loaded.design

    @property
    def code(self) -> str | None:
        design = self.design
        return design.course.code if design is not None else None

    @property
    def errors(self) -> list[Finding]:
        return errors_of(self.result)

    @property
    def renderable(self) -> bool:
        """Whether a specification can be made at all (the design loaded)."""
        return self.result.context is not None


def page_names(sources: Iterable[str]) -> dict[str, str]:
    """Each design's page inside the site folder: its path with .html, never the index, never two alike."""
    taken = {INDEX_PAGE}
    pages: dict[str, str] = {}
    for source in sorted(sources):
        stem = str(PurePosixPath(source).with_suffix(""))
        name, counter = f"{stem}.html", 1
        while name.lower() in taken:
            counter += 1
            name = f"{stem}-{counter}.html"
        taken.add(name.lower())
        pages[source] = name
    return pages


def href(page: str, start: str = "") -> str:
    """A link from the page `start` (a path inside the site) to `page`, both relative to the site's folder."""
    folder = posixpath.dirname(start) or "."
    return quote(posixpath.relpath(page, folder))


# The index's context


@dataclass(frozen=True)
class Status:
    """A design's lint result in a few words, and whether it has a page."""

    errors: int
    warnings: int
    infos: int
    loaded: bool
    page: str
    """`page` (validated), `draft` (rendered with open errors), `none` (not rendered) or `source` (Markdown index)."""

    @classmethod
    def of(cls, result: Result, page: str) -> Status:
        """The status of a design's lint result."""
        findings = result.findings
        return cls(
            errors=sum(1 for f in findings if f.severity is Severity.ERROR),
            warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
            infos=sum(1 for f in findings if f.severity is Severity.INFO),
            loaded=result.loaded.design is not None,
            page=page,
        )

    @property
    def tone(self) -> str:
        if not self.loaded:
            return "unloadable"
        if self.errors:
            return "error"
        return "warning" if self.warnings else "clean"

    @property
    def label(self) -> str:
        if not self.loaded:
            return "could not be loaded"
        parts = [
            f"{count} {word}{'' if count == 1 else 's'}"
            for count, word in ((self.errors, "error"), (self.warnings, "warning"))
            if count
        ]
        return ", ".join(parts) if parts else "clean"


@dataclass(frozen=True)
class CourseRef:
    """A course code as another part of the index names it."""

    code: str
    anchor: str | None
    """The course's row on the index; None when no design has the code."""
    title: str | None
    href: str | None = None
    """The course's page (HTML) or design file (Markdown), as the course's row links it."""


@dataclass(frozen=True)
class StackRole:
    stack: str
    title: str | None
    role: str
    """required, elective or claimed."""
    color: int


@dataclass(frozen=True)
class CourseRow:
    """One design in the index's table of courses."""

    anchor: str
    code: str | None
    title: str | None
    eqf_level: int | None
    ects: float | None
    source: str
    href: str | None
    """The course's page (HTML) or design file (Markdown); None when there is none to link."""
    levels: tuple[str, ...]
    stacks: tuple[StackRole, ...]
    prerequisites: tuple[CourseRef, ...]
    stackability: str | None
    status: Status


@dataclass(frozen=True)
class LevelView:
    id: str | None
    title: str | None
    position: int
    """1 for the first level of its path."""
    intent: str | None
    expects: str | None
    """The assessment the level expects, in words."""
    courses: tuple[CourseRef, ...]


@dataclass(frozen=True)
class PathView:
    id: str | None
    title: str | None
    description: str | None
    levels: tuple[LevelView, ...]


@dataclass(frozen=True)
class StackMember:
    code: str
    anchor: str | None
    title: str | None
    ects: float | None
    role: str
    present: bool
    """A design with this code is in the catalogue."""
    href: str | None = None


@dataclass(frozen=True)
class StackView:
    id: str | None
    anchor: str
    title: str | None
    kind: str | None
    ects: float | None
    min_credits: float | None
    eqf_level: int | None
    description: str | None
    color: int
    members: tuple[StackMember, ...]
    """Required courses first, then electives, in the stack's order."""
    claimed: tuple[CourseRef, ...]
    """Designs that name the stack in `towards` though the stack does not list them (they do not count)."""
    credits: StackCredits
    course_eqf: tuple[int, int] | None
    """Lowest and highest EQF level of its courses with a design."""


@dataclass(frozen=True)
class FindingGroup:
    """Findings on one file."""

    source: str
    anchor: str | None
    """The course's row when the file is a design of the catalogue."""
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class Owner:
    name: str | None
    country: str | None
    url: str | None
    members: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    courses: int
    clean: int
    warnings: int
    errors: int
    unloadable: int
    ects: float
    """ECTS of every design that states them."""
    not_rendered: int
    catalogue_errors: int
    """Errors the catalogue rules found, on catalogue.yaml and on the designs (0 when they were not run)."""


@dataclass(frozen=True)
class Index:
    """The index page: everything it shows, in the order it shows it."""

    title: str | None
    owner: Owner
    description: str | None
    url: str | None
    framework: str | None
    summary: Summary
    paths: tuple[PathView, ...]
    off_path: tuple[CourseRef, ...]
    """Designs on no level of any path."""
    diagram: Diagram
    courses: tuple[CourseRow, ...]
    stacks: tuple[StackView, ...]
    findings: tuple[FindingGroup, ...] | None
    """The catalogue (CT) findings by file; None when the catalogue rules were not run."""
    design_errors: tuple[FindingGroup, ...]
    """The errors of each design that has any: they keep it from approval (and, without --draft, from a page)."""
    draft: bool
    generator: str
    generated: str | None


def _expects(level_expects: object) -> str | None:
    methods = getattr(level_expects, "methods", [])
    min_bloom = getattr(level_expects, "min_bloom", None)
    authentic = getattr(level_expects, "authentic", None)
    parts = []
    if methods:
        parts.append(" or ".join(methods))
    if min_bloom:
        parts.append(f"outcomes at Bloom level {min_bloom} or above")
    if authentic:
        parts.append("an authentic task")
    return "; ".join(parts) or None


def _anchors(designs: Sequence[SiteDesign]) -> dict[str, str]:
    """A fragment id per design: from its code when that is unique, else from its file."""
    counts: dict[str, int] = {}
    for design in designs:
        if design.code:
            counts[design.code] = counts.get(design.code, 0) + 1
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for design in designs:
        base = "course-" + slug(design.code if design.code and counts[design.code] == 1 else design.source)
        anchor, counter = base, 1
        while anchor in taken:
            counter += 1
            anchor = f"{base}-{counter}"
        taken.add(anchor)
        anchors[design.source] = anchor
    return anchors


def page_kind(design: SiteDesign, draft: bool) -> str:
    """`page`, `draft` or `none`: what the site makes of a design (the single render's gate)."""
    if not design.renderable:
        return "none"
    if design.errors:
        return "draft" if draft else "none"
    return "page"


class _Lookup:
    """The designs by file and by code, and how the index refers to a code."""

    def __init__(self, designs: Sequence[SiteDesign], links: Mapping[str, str], graph: CatalogueGraph) -> None:
        self.designs = designs
        self.links = links
        self.anchors = _anchors(designs)
        # The design that is a code's course is the graph's (the first in catalogue order; CT001 reports the rest).
        by_path = {design.result.path: design for design in designs}
        self.by_code: dict[str, SiteDesign] = {
            code: by_path[summary.path] for code, summary in graph.courses.items() if summary.path in by_path
        }

    def ref(self, code: str) -> CourseRef:
        design = self.by_code.get(code)
        if design is None or design.design is None:
            return CourseRef(code=code, anchor=None, title=None)
        return CourseRef(
            code=code,
            anchor=self.anchors[design.source],
            title=design.design.course.title,
            href=self.links.get(design.source),
        )


def _level_name(catalogue: Catalogue, path_index: int, level_index: int) -> str:
    """A level as the courses table names it: its title (after its path's, when there are several paths)."""
    path = catalogue.paths[path_index]
    level = path.levels[level_index]
    name = level.title or level.id or f"Level {level_index + 1}"
    if len(catalogue.paths) > 1:
        name = f"{path.title or path.id or 'Path'}: {name}"
    return name


def _paths(catalogue: Catalogue, lookup: _Lookup) -> tuple[PathView, ...]:
    """The paths as the index shows them: each level with every code it lists, planned ones too."""
    return tuple(
        PathView(
            id=path.id,
            title=path.title,
            description=path.description,
            levels=tuple(
                LevelView(
                    id=level.id,
                    title=level.title,
                    position=position,
                    intent=level.intent,
                    expects=_expects(level.expects),
                    courses=tuple(lookup.ref(code) for code in dict.fromkeys(level.courses)),
                )
                for position, level in enumerate(path.levels, start=1)
            ),
        )
        for path in catalogue.paths
    )


def _places(catalogue: Catalogue, graph: CatalogueGraph) -> dict[str, list[tuple[int, str]]]:
    """Each course's levels (the graph's course_levels): the level's order over all paths, and its name."""
    from designer.graph.catalogue import course_levels

    offsets = [0]
    for path in catalogue.paths:
        offsets.append(offsets[-1] + len(path.levels))
    return {
        code: [
            (offsets[place.path_index] + place.level_index, _level_name(catalogue, place.path_index, place.level_index))
            for place in course_levels(graph, code)
        ]
        for code in graph.courses
    }


def _stacks(
    catalogue: Catalogue, lookup: _Lookup, graph: CatalogueGraph, data: Any
) -> tuple[tuple[StackView, ...], dict[str, list[StackRole]]]:
    """The stacks with their members and credits, and each code's roles in them, as the catalogue graph has them."""
    from designer.graph.catalogue import REQUIRED, stack_courses, stack_eqf_reach, stack_members, towards_edges
    from designer.graph.catalogue import stack_credits as graph_stack_credits

    claims: dict[int, list[str]] = {}
    for code, index, edge in towards_edges(graph):
        if edge["named"] and not edge["listed"]:
            claims.setdefault(index, []).append(code)
    # A design without a code is no course of the graph, but the stack it names should still show it.
    uncoded: dict[str, list[SiteDesign]] = {}
    for design in lookup.designs:
        if design.design is not None and design.code is None:
            for stack_id in dict.fromkeys(design.design.course.towards):
                uncoded.setdefault(stack_id, []).append(design)
    roles: dict[str, list[StackRole]] = {}
    stacks = []
    for index, stack in enumerate(catalogue.stacks):
        color = index % STACK_COLORS
        listed: dict[str, str] = {}
        for member in stack_members(graph, data, index):
            listed.setdefault(member.code, member.role)  # a code listed twice keeps its first role: required first
        members = []
        for code, role in listed.items():
            target, course = lookup.ref(code), graph.courses.get(code)
            members.append(
                StackMember(
                    code=code,
                    anchor=target.anchor,
                    title=target.title,
                    ects=course.ects if course is not None else None,
                    role=role,
                    present=course is not None,
                    href=target.href,
                )
            )
            roles.setdefault(code, []).append(StackRole(stack.id or "", stack.title, role, color))
        claimed: list[tuple[str, CourseRef]] = []
        if stack.id and graph.stack_ids.get(stack.id) == index:  # a `towards` id means the first stack with it
            for design in uncoded.get(stack.id, []):
                title = design.design.course.title if design.design else None
                ref = CourseRef(design.source, lookup.anchors[design.source], title, lookup.links.get(design.source))
                claimed.append((design.source, ref))
        for code in claims.get(index, []):
            claimed.append((lookup.by_code[code].source, lookup.ref(code)))
            roles.setdefault(code, []).append(StackRole(stack.id or "", stack.title, CLAIMED, color))
        levels = [
            level
            for level in (graph.courses[code].eqf_level for code in stack_courses(graph, index))
            if level is not None
        ]
        reach = stack_eqf_reach(graph, index)
        stacks.append(
            StackView(
                id=stack.id,
                anchor="stack-" + slug(stack.id or str(index + 1)),
                title=stack.title,
                kind=stack.kind,
                ects=stack.ects,
                min_credits=stack.min_credits,
                eqf_level=stack.eqf_level,
                description=stack.description,
                color=color,
                members=tuple(members),
                claimed=tuple(ref for _, ref in sorted(claimed, key=lambda pair: pair[0])),
                credits=stack_credits(
                    graph_stack_credits(graph, data, index), [code for code, role in listed.items() if role == REQUIRED]
                ),
                course_eqf=(min(levels), reach) if levels and reach is not None else None,
            )
        )
    return tuple(stacks), roles


def build_index(
    catalogue: Catalogue,
    designs: Sequence[SiteDesign],
    findings: Sequence[Finding] | None = None,
    *,
    links: Mapping[str, str] | None = None,
    pages: Mapping[str, str] | None = None,
    draft: bool = False,
    graph: CatalogueGraph | None = None,
    data: Any = None,
    folder: Path | None = None,
) -> Index:
    """The index of `catalogue` for `designs` and the catalogue `findings` (None: the catalogue rules did not run).

    `graph` is the catalogue graph the catalogue rules read (with `data`, catalogue.yaml as loaded); when
    it is not given it is built here from the designs, so the index and CT008 say the same. `folder` is
    the catalogue's folder: a finding on a file that is not a design (catalogue.yaml) names it from
    there, as a design's `source` does, so the index never shows where the catalogue was rendered.

    `links` maps a design's source to what the index links it to (its page,
    or for Markdown its file); `pages` says what kind of page each has
    (page_kind), `source` for all when none is given (the Markdown index).
    Courses are listed in path order (level by level, then by code), the
    courses on no path last.
    """
    from designer import __version__

    links = links or {}
    graph, data = _graph(catalogue, designs, graph, data)
    lookup = _Lookup(sorted(designs, key=lambda d: d.source), links, graph)
    paths, places = _paths(catalogue, lookup), _places(catalogue, graph)
    stacks, roles = _stacks(catalogue, lookup, graph, data)
    last = sum(len(path.levels) for path in catalogue.paths)

    rows = []
    for design in lookup.designs:
        course = design.design.course if design.design else None
        code = course.code if course else None
        first = code is not None and lookup.by_code.get(code) is design
        where = places.get(code, []) if code and first else []
        rows.append(
            (
                (min((order for order, _ in where), default=last), code or "", design.source),
                CourseRow(
                    anchor=lookup.anchors[design.source],
                    code=code,
                    title=course.title if course else None,
                    eqf_level=course.eqf_level if course else None,
                    ects=course.ects if course else None,
                    source=design.source,
                    href=links.get(design.source),
                    levels=tuple(name for _, name in where),
                    stacks=tuple(roles.get(code, ())) if code and first else (),
                    prerequisites=tuple(lookup.ref(c) for c in dict.fromkeys(course.prerequisite_courses))
                    if course
                    else (),
                    stackability=course.stackability if course else None,
                    status=Status.of(design.result, (pages or {}).get(design.source, "source")),
                ),
            )
        )
    courses = tuple(row for _, row in sorted(rows, key=lambda pair: pair[0]))
    return Index(
        title=catalogue.catalogue.title,
        owner=Owner(
            name=catalogue.catalogue.owner.name,
            country=catalogue.catalogue.owner.country,
            url=catalogue.catalogue.owner.url,
            members=tuple(catalogue.catalogue.owner.members),
        ),
        description=catalogue.catalogue.description,
        url=catalogue.catalogue.url,
        framework=catalogue.catalogue.framework,
        summary=Summary(
            courses=len(courses),
            clean=sum(1 for r in courses if r.status.tone == "clean"),
            warnings=sum(1 for r in courses if r.status.tone == "warning"),
            errors=sum(1 for r in courses if r.status.tone == "error"),
            unloadable=sum(1 for r in courses if r.status.tone == "unloadable"),
            ects=sum(r.ects for r in courses if r.ects is not None),
            not_rendered=sum(1 for r in courses if r.status.page == "none"),
            catalogue_errors=sum(1 for f in findings or () if f.severity is Severity.ERROR),
        ),
        paths=paths,
        off_path=tuple(
            CourseRef(code=row.code or row.source, anchor=row.anchor, title=row.title, href=row.href)
            for row in courses
            if not row.levels
        ),
        diagram=_diagram(catalogue, courses, stacks),
        courses=courses,
        stacks=stacks,
        findings=None if findings is None else _groups(findings, lookup, folder),
        design_errors=tuple(
            FindingGroup(source=d.source, anchor=lookup.anchors[d.source], issues=tuple(issue(f) for f in d.errors))
            for d in lookup.designs
            if d.errors
        ),
        draft=draft,
        generator=f"designer {__version__}",
        generated=generated_date(),
    )


def _groups(findings: Sequence[Finding], lookup: _Lookup, folder: Path | None) -> tuple[FindingGroup, ...]:
    """Findings by file, each file once: catalogue.yaml (and any file that is not a design) first, then the designs
    in file order; within a file, in line order."""
    sources = {Path(d.result.path).resolve(): d.source for d in lookup.designs}
    by_path: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        by_path.setdefault(finding.path, []).append(finding)
    groups = []
    for path, found in by_path.items():
        source = sources.get(Path(path).resolve()) if path else None
        group = FindingGroup(
            source=source or _shown(path, folder),
            anchor=lookup.anchors.get(source) if source else None,
            issues=tuple(issue(f) for f in found),
        )
        groups.append(((source is not None, group.source), group))
    return tuple(group for _, group in sorted(groups, key=lambda pair: pair[0]))


def _shown(path: str, folder: Path | None) -> str:
    """A file that is not a design, from the catalogue's folder when it lies there, else as given."""
    if folder is None or not path:
        return path
    try:
        return Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path


def _diagram(catalogue: Catalogue, rows: Sequence[CourseRow], stacks: Sequence[StackView]) -> Diagram:
    """The learning paths as columns of course boxes, with the courses on no level last."""
    by_code: dict[str, CourseRow] = {}
    for row in rows:
        if row.code and row.code not in by_code:
            by_code[row.code] = row

    def node(row: CourseRow) -> Node:
        chips = tuple(
            Chip(
                label=role.stack or "stack",
                color=role.color,
                role=role.role,
                title=f"{role.role.capitalize()} for {role.stack}" + (f": {role.title}" if role.title else ""),
            )
            for role in row.stacks
        )
        return Node(
            key=row.anchor,
            code=row.code,
            title=row.title,
            eqf_level=row.eqf_level,
            ects=row.ects,
            href=row.href,
            tone=row.status.tone,
            status=row.status.label,
            chips=chips,
        )

    def planned(code: str) -> Node:
        return Node(
            key="planned-" + slug(code),
            code=code,
            title=None,
            eqf_level=None,
            ects=None,
            href=None,
            tone="planned",
            status="no design in the catalogue",
            chips=tuple(
                Chip(s.id or "stack", s.color, m.role, f"{m.role.capitalize()} for {s.id}")
                for s in stacks
                for m in s.members
                if m.code == code
            ),
        )

    columns = []
    on_levels: set[str] = set()
    for index, path in enumerate(catalogue.paths):
        for position, level in enumerate(path.levels, start=1):
            nodes = []
            for code in dict.fromkeys(level.courses):
                on_levels.add(code)
                nodes.append(node(by_code[code]) if code in by_code else planned(code))
            columns.append(
                ColumnSpec(
                    band=path.title or path.id or f"Path {index + 1}",
                    band_key=f"path-{index}",
                    kicker=f"Level {position}",
                    title=level.title or level.id,
                    nodes=tuple(nodes),
                )
            )
    loose = tuple(node(row) for row in rows if not (row.code and row.code in on_levels))
    if loose:
        columns.append(ColumnSpec(band=None, band_key=None, kicker="Not on a path", title=None, nodes=loose))
    keys: dict[str, list[str]] = {}
    for column in columns:
        for item in column.nodes:
            if item.code:
                keys.setdefault(item.code, [])
                if item.key not in keys[item.code]:
                    keys[item.code].append(item.key)
    edges = [
        (source, row.anchor)
        for row in rows
        for prerequisite in row.prerequisites
        for source in keys.get(prerequisite.code, ())
    ]
    return layout(columns, edges)


# Rendering and writing


def render_index(
    index: Index, fmt: str, template_dir: Path | None = None, limits: Mapping[str, int] | None = None
) -> str:
    """The index as HTML (a site's index.html) or Markdown (a README)."""
    from designer.render.environment import render_template

    return render_template(f"catalogue.{fmt}.j2", fmt, template_dir, limits, index=index)


@dataclass(frozen=True)
class PageLinks:
    """What a specification page shows of the catalogue around it (only on a site's pages)."""

    index: str
    """The index, at this course's row."""
    catalogue: str | None
    levels: tuple[str, ...]
    stacks: tuple[StackRole, ...]
    prerequisites: tuple[tuple[str, str | None], ...]
    """Each prerequisite's code and its page (None: no page)."""
    needed_by: tuple[tuple[str, str | None], ...]
    """The courses that list this one as a prerequisite."""


@dataclass(frozen=True)
class SiteReport:
    """What `build_site` wrote."""

    index: Path
    pages: tuple[Path, ...]
    drafts: tuple[SiteDesign, ...]
    """Designs rendered as marked drafts (with --draft)."""
    not_rendered: tuple[SiteDesign, ...]
    """Designs without a page: errors without --draft, or not loadable."""


def build_site(
    catalogue: Catalogue,
    designs: Sequence[SiteDesign],
    findings: Sequence[Finding] | None,
    out_dir: Path,
    *,
    draft: bool = False,
    template_dir: Path | None = None,
    limits: Mapping[str, int] | None = None,
    graph: CatalogueGraph | None = None,
    data: Any = None,
    folder: Path | None = None,
) -> SiteReport:
    """Write the index and a specification page per renderable design into `out_dir` (which exists).

    A design with errors gets a page only with `draft` (marked as a draft, as
    a single render is); the index lists every design either way. Pages are
    written first, so the index never links a page that is not there yet.
    """
    from designer.graph.catalogue import dependents
    from designer.model.atomic import write_atomic
    from designer.render.context import build_context
    from designer.render.environment import render_template

    designs = sorted(designs, key=lambda d: d.source)
    graph, data = _graph(catalogue, designs, graph, data)
    kinds = {d.source: page_kind(d, draft) for d in designs}
    names = page_names(d.source for d in designs)
    pages = {source: name for source, name in names.items() if kinds[source] != "none"}
    index = build_index(
        catalogue,
        designs,
        findings,
        links={source: href(name) for source, name in pages.items()},
        pages=kinds,
        draft=draft,
        graph=graph,
        data=data,
        folder=folder,
    )
    rows = {row.source: row for row in index.courses}
    page_of_anchor = {row.anchor: pages[row.source] for row in index.courses if row.source in pages}
    # The courses that need a course are its dependents in the graph, in the index's order.
    source_of = {design.result.path: design.source for design in designs}
    course_rows = {code: rows[source_of[summary.path]] for code, summary in graph.courses.items()}
    place = {row.anchor: number for number, row in enumerate(index.courses)}
    needed_by = {
        row.anchor: sorted((course_rows[other] for other in dependents(graph, code)), key=lambda r: place[r.anchor])
        for code, row in course_rows.items()
    }
    written = []
    for design in designs:
        name = pages.get(design.source)
        if name is None:
            continue
        row = rows[design.source]

        def link(anchor: str | None, name: str = name) -> str | None:
            target = page_of_anchor.get(anchor) if anchor else None
            return href(target, name) if target else None

        links = PageLinks(
            index=f"{href(INDEX_PAGE, name)}#{row.anchor}",
            catalogue=index.title,
            levels=row.levels,
            stacks=row.stacks,
            prerequisites=tuple((p.code, link(p.anchor)) for p in row.prerequisites),
            needed_by=tuple(
                (other.code or other.source, link(other.anchor)) for other in needed_by.get(row.anchor, ())
            ),
        )
        document = build_context(design.result, draft=draft)
        text = render_template("site-page.html.j2", "html", template_dir, limits, doc=document, site=links)
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text, sync=False)
        written.append(target)
    index_path = out_dir / INDEX_PAGE
    write_atomic(index_path, render_index(index, "html", template_dir, limits), sync=False)
    return SiteReport(
        index=index_path,
        pages=tuple(written),
        drafts=tuple(d for d in designs if kinds[d.source] == "draft"),
        not_rendered=tuple(d for d in designs if kinds[d.source] == "none"),
    )
