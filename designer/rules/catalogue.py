"""Catalogue rules (CT): the designs of a catalogue read together, against its catalogue.yaml.

Guideline 9 ("Target stackability through modularity and transparency") and chapter 4 of
the ProcToGo/YERUN guidelines describe micro-credentials that stack towards a larger
credential and follow a learning path of levels, each with its own kind of assessment.
These rules check that what the designs and catalogue.yaml say of each other holds: codes
and references resolve, prerequisites form no cycle and do not climb down in EQF level,
stacks can be earned at the level they claim without counting the same learning twice,
courses fit the level they sit on, and stackability is stated the way the stacks say.

A CT rule sees the whole catalogue at once (CatalogueContext): the loaded catalogue.yaml,
a DesignSummary of every design in its folder and the catalogue graph built from both
(designer.graph.catalogue, which computes every fact the rules read). Its findings land
on the file and line they are about: a design's `course.prerequisite_courses[1]`, or
catalogue.yaml's `stacks[0].required[2]`.

One cause gives one finding: a design that cannot be read, a code that names nothing,
a stack with a dropped value hold back the findings they would otherwise set off (see
each rule's "What it checks").
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from designer.model.figures import first_words
from designer.model.findings import Finding, Severity
from designer.model.source import DataPath, SourceMap, dotted, listed_codes
from designer.model.summary import DesignSummary, OutcomeFacts, SummativeFacts
from designer.rules.base import Context, Rule, fmt

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from designer.frameworks import Framework
    from designer.graph.catalogue import CatalogueGraph, Similar
    from designer.model.catalogue import Catalogue
    from designer.model.catalogue_loader import LoadedCatalogue

# How the docs introduce a CT rule's example and fix (see tests/test_catalogue_cases.py).
EXAMPLE_NOTE = (
    "changes to a complete catalogue, the one in tests/fixtures/catalogue: each `# file:` line names a file, and the "
    "keys under it are laid over that file (`course` and `catalogue` merge key by key, a dotted key such as "
    "`stacks.0.required` reaches into a list, a new file starts from a complete design)"
)

# The course fields whose positions a summary keeps.
_COURSE_FIELDS = ("code", "title", "eqf_level", "ects", "prerequisite_courses", "towards", "stackability")


def summarize(ctx: Context) -> DesignSummary:
    """The catalogue facts of one linted design: what a worker sends back for the catalogue rules."""
    design, loaded = ctx.design, ctx.loaded
    course = design.course
    outcomes = tuple(
        OutcomeFacts(index, outcome.id, outcome.statement, reading.verb.level.id if reading.verb else None)
        for index, outcome, reading in ctx.readings()
    )
    summative = []
    for index, item in ctx.live("summative"):
        method = ctx.framework.method(item.method) if item.method else None
        summative.append(
            SummativeFacts(
                index,
                item.id,
                item.method,
                method.authentic if method else None,
                method.max_bloom if method else None,
            )
        )
    return DesignSummary(
        path=loaded.path,
        code=course.code,
        title=course.title,
        eqf_level=course.eqf_level,
        ects=course.ects,
        prerequisites=tuple(listed_codes(loaded.data, ("course", "prerequisite_courses"))),
        towards=tuple(listed_codes(loaded.data, ("course", "towards"))),
        stackability=course.stackability,
        outcomes=outcomes,
        outcomes_read=ctx.wording is not None,
        summative=tuple(summative),
        invalid=frozenset(path for path in loaded.invalid if path[:1] == ("course",)),
        source=_positions(ctx),
        suppressions=loaded.suppressions,
    )


def _positions(ctx: Context) -> SourceMap:
    """The part of the design's source map the catalogue rules point into, looked up path by path."""
    source, kept = ctx.loaded.source, SourceMap()
    data: Any = ctx.loaded.data or {}

    def keep(path: DataPath) -> None:
        for table, into in ((source.values, kept.values), (source.keys, kept.keys)):
            where = table.get(path)
            if where is not None:
                into[path] = where

    def length(*path: str) -> int:
        value = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        return len(value) if isinstance(value, list) else 0

    keep(())
    keep(("course",))
    for name in _COURSE_FIELDS:
        keep(("course", name))
    for name in ("prerequisite_courses", "towards"):
        for index in range(length("course", name)):
            keep(("course", name, index))
    # CT findings about outcomes or assessment point at the section, never at one item: the rest of
    # the source map stays in the worker (1,454 bytes a summary instead of 1,970; a third of the unpickling).
    keep(("outcomes",))
    keep(("summative",))
    return kept


@dataclass
class CatalogueContext:
    """What every CT rule sees: the catalogue, its designs, its graph and the framework."""

    loaded: LoadedCatalogue
    catalogue: Catalogue
    graph: CatalogueGraph
    framework: Framework
    unread: list[str] = field(default_factory=list)
    """Files of the catalogue that could not be read as designs: a code that names nothing may be theirs."""
    searches: dict[int, tuple[Future[list[list[Similar]]], int]] = field(default_factory=dict)
    """By stack index: a search for outcomes that read alike started in a worker process, as the batch's
    future and the stack's place in it (StackDoubleCounts.prepare); one that fails is searched again here."""
    _codes: dict[DataPath, list[tuple[int, str]]] = field(default_factory=dict, init=False, repr=False)

    @property
    def data(self) -> Any:
        return self.loaded.data

    @cached_property
    def folder(self) -> str:
        return os.path.dirname(self.loaded.path) or "."

    def name(self, design: DesignSummary) -> str:
        """A design's file as the catalogue's folder sees it: `dig-101.yaml`, `group-2/dig-201.yaml`."""
        return os.path.relpath(design.path, self.folder).replace(os.sep, "/")

    def line(self, path: DataPath) -> int:
        return self.loaded.mark(path).line

    def codes(self, path: DataPath) -> list[tuple[int, str]]:
        """The codes of a list in catalogue.yaml, each with its index in the file."""
        if path not in self._codes:  # several rules read every stack's lists
            self._codes[path] = listed_codes(self.data, path)
        return list(self._codes[path])

    def dropped(self, prefix: DataPath) -> bool:
        """Whether the loader dropped anything at or under `prefix` (ST006 said so): what was there is unknown."""
        return any(path[: len(prefix)] == prefix for path in (*self.loaded.invalid, *self.loaded.broken_items))

    def broken(self, path: DataPath) -> bool:
        """Whether the item at `path` was not a mapping and was replaced by an empty one."""
        return path in self.loaded.broken_items

    @cached_property
    def unknown_codes(self) -> list[tuple[DataPath, str]]:
        """Course codes catalogue.yaml lists that no design has, with where they are listed."""
        known = self.graph.courses
        out: list[tuple[DataPath, str]] = []
        for path in self.code_lists():
            out.extend(((*path, index), code) for index, code in self.codes(path) if code not in known)
        return out

    def code_lists(self) -> Iterator[DataPath]:
        """Every list of course codes in catalogue.yaml: each level's courses, each stack's required and electives."""
        for p, path in enumerate(self.catalogue.paths):
            for lv, _ in enumerate(path.levels):
                yield ("paths", p, "levels", lv, "courses")
        for s, _ in enumerate(self.catalogue.stacks):
            yield ("stacks", s, "required")
            yield ("stacks", s, "electives")

    @cached_property
    def lists_complete(self) -> bool:
        """Whether every course listed in catalogue.yaml is known and no list lost entries to the loader.

        Until then, a course that seems to be listed nowhere may be the one misspelt or dropped.
        """
        return (
            not self.unknown_codes
            and not self.unread
            and not self.dropped(("paths",))
            and not self.dropped(("stacks",))
        )

    @cached_property
    def stacks_complete(self) -> bool:
        """Whether every stack loaded with its id, so a `towards` id that names none really names nothing."""
        return (
            not any(
                self.broken(("stacks", s)) or ("stacks", s, "id") in self.loaded.invalid
                for s in range(len(self.catalogue.stacks))
            )
            and ("stacks",) not in self.loaded.invalid
        )

    def stack_label(self, index: int) -> str:
        ident = self.catalogue.stacks[index].id
        return f"stack '{ident}'" if ident else f"stacks[{index}]"

    def path_label(self, index: int) -> str:
        ident = self.catalogue.paths[index].id
        return f"path '{ident}'" if ident else f"paths[{index}]"

    def level_label(self, path_index: int, level_index: int) -> str:
        ident = self.catalogue.paths[path_index].levels[level_index].id
        return f"level '{ident}'" if ident else f"paths[{path_index}].levels[{level_index}]"

    @cached_property
    def cycles(self) -> list[list[str]]:
        """The prerequisite cycles (designer.graph.catalogue.prerequisite_cycles), found once for CT006 and CT007."""
        from designer.graph.catalogue import prerequisite_cycles

        return prerequisite_cycles(self.graph)

    @cached_property
    def ambiguous(self) -> set[str]:
        """Codes two or more designs have (CT001): what the catalogue says of them cannot be pinned on one design."""
        return {str(later.code) for later, _ in self.graph.duplicates}

    def first_designs(self) -> Iterator[tuple[str, DesignSummary]]:
        """Each course code with its design, leaving out codes several designs have (CT001 reports those)."""
        for code, design in self.graph.courses.items():
            if code not in self.ambiguous:
                yield code, design

    def stack_judged(self, index: int) -> bool:
        """Whether a stack can be judged: it loaded as a mapping and lists no code several designs have."""
        if self.broken(("stacks", index)):
            return False
        return not any(
            code in self.ambiguous
            for key in ("required", "electives")
            for _, code in self.codes(("stacks", index, key))
        )

    def named_stacks(self, design: DesignSummary) -> list[tuple[int, int]]:
        """(index in `towards`, stack index) for each `towards` entry that names a stack of the catalogue."""
        ids = self.graph.stack_ids
        return [(position, ids[ident]) for position, ident in design.towards if ident in ids]

    def claims_unbacked_stack(self, design: DesignSummary) -> bool:
        """A design that says stackable while no stack lists it and its `towards` names none (CT012's first case)."""
        from designer.graph.catalogue import stacks_of

        return (
            design.stackability == "stackable"
            and design.code is not None
            and not stacks_of(self.graph, design.code)
            and not design.towards
            and ("course", "towards") not in design.invalid
            and self.lists_complete
        )


class CatalogueRule(Rule):
    """A rule over a whole catalogue. `check` (per design) finds nothing; `check_catalogue` does the work."""

    waits = False
    """Whether `prepare` may hand work to worker processes: the engine then runs the rule after the others."""

    def prepare(self, cc: CatalogueContext, executor: Executor, workers: int) -> None:
        """Start work in `executor`'s `workers` processes that check_catalogue will read (for a rule that `waits`)."""

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        return iter(())

    def on_catalogue(
        self, cc: CatalogueContext, path: DataPath, message: str, subject: str | None = None, *, key: bool = False
    ) -> Finding:
        return self._named(cc.loaded.finding(self.code, message, path, subject=subject, key=key))

    def on_design(
        self,
        design: DesignSummary,
        path: DataPath,
        message: str,
        subject: str | None = None,
        *,
        key: bool = False,
        replaces: tuple[str, ...] = (),
    ) -> Finding:
        """A finding on a design; `replaces` names the design-level findings it stands in for (engine.merge)."""
        finding = self._named(design.finding(self.code, message, path, subject=subject, key=key))
        finding.replaces = replaces
        return finding

    def _named(self, finding: Finding) -> Finding:
        finding.name = self.name
        finding.severity = self.severity
        return finding


def _hint(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class DuplicateCourseCode(CatalogueRule):
    code = "CT001"
    name = "duplicate-course-code"
    severity = Severity.ERROR
    summary = "Two designs of a catalogue have the same course code."
    what = (
        "Reports each design whose `course.code` an earlier design of the catalogue already has (designs are taken "
        "in order of their file paths), naming both files. The catalogue's lists and other designs' prerequisites "
        "refer to courses by code, so what they say of a shared code cannot be pinned on one design: the other "
        "catalogue rules leave that code (and the stacks that list it) alone until each design has its own."
    )
    why = (
        "Guideline 9: stackability rests on transparency, and a code that names two courses makes the stack and "
        "prerequisites that use it ambiguous. The course code identifies the learning opportunity in a catalogue "
        "(EU Annex I: title and identification of the micro-credential)."
    )
    example = "# file: dig-101-2025.yaml\ncourse: {code: DIG-101, title: Digital Awareness 2025}\n"
    fix = "# file: dig-101-2025.yaml\ncourse: {code: DIG-102, title: Digital Awareness 2025}\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        for later, first in cc.graph.duplicates:
            yield self.on_design(
                later,
                ("course", "code"),
                f"{cc.name(later)} and {cc.name(first)} both have course code '{later.code}'; the catalogue's lists "
                f"and prerequisites mean {cc.name(first)}: give this design a code of its own",
                later.code,
            )


class UnknownCatalogueReference(CatalogueRule):
    code = "CT002"
    name = "unknown-catalogue-reference"
    severity = Severity.ERROR
    summary = "A prerequisite, a `towards` entry or a catalogue list names a course or stack that does not exist."
    what = (
        "Checks every code in a design's `course.prerequisite_courses` and in catalogue.yaml's level `courses`, "
        "stack `required` and `electives` against the codes of the catalogue's designs, and every id in a design's "
        "`course.towards` against the catalogue's stack ids, suggesting the closest. Inside a catalogue `towards` "
        "names its stacks; outside one it stays free text. While a file of the catalogue cannot be read as a design "
        "(ST001-ST003), unknown course codes are not reported: the code may be that file's. A `towards` id is not "
        "checked while a stack of catalogue.yaml lost its id to ST006."
    )
    why = (
        'Guideline 9 and EU Annex I ("integration/stackability options"): a learner and a recognising institution '
        "must be able to follow what a credential stacks towards and what it builds on. A reference that names "
        "nothing is a broken promise in the published catalogue."
    )
    example = "# file: dig-201.yaml\ncourse: {prerequisite_courses: [DIG-110]}\n"
    fix = "# file: dig-201.yaml\ncourse: {prerequisite_courses: [DIG-101]}\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        codes = sorted(cc.graph.courses)
        stacks = sorted(cc.graph.stack_ids)
        check_codes = not cc.unread
        for design in cc.graph.designs:
            if check_codes:
                for position, needed in design.prerequisites:
                    if needed not in cc.graph.courses:
                        yield self.on_design(
                            design,
                            ("course", "prerequisite_courses", position),
                            f"prerequisite '{needed}' is not the code of any design in the catalogue{_hint(needed, codes)}",
                            design.code,
                        )
            if cc.stacks_complete:
                for position, ident in design.towards:
                    if ident not in cc.graph.stack_ids:
                        known = f"its stacks are {', '.join(stacks)}" if stacks else "it has no stacks"
                        hint = _hint(ident, stacks) or f"; {known}"
                        yield self.on_design(
                            design,
                            ("course", "towards", position),
                            f"'{ident}' is not the id of a stack in catalogue.yaml (inside a catalogue, `towards` "
                            f"names its stacks){hint}",
                            design.code,
                        )
        if check_codes:
            for path, code in cc.unknown_codes:
                yield self.on_catalogue(
                    cc, path, f"'{code}' is not the code of any design in the catalogue{_hint(code, codes)}", code
                )


class CatalogueIdProblem(CatalogueRule):
    code = "CT003"
    name = "catalogue-id-missing-or-repeated"
    severity = Severity.ERROR
    summary = "A path, level or stack of catalogue.yaml has no id, or one an earlier path, level or stack has."
    what = (
        "Each path, each level (across all paths) and each stack needs an id of its own: designs name stacks by id in "
        "`course.towards`, and the catalogue's site links paths and levels by id. Reports the missing id at the item "
        "and the repeated id at its second use, naming the line of the first."
    )
    why = "Guideline 9 (transparency): an id that names two stacks or none makes `towards` ambiguous or unusable."
    example = "# file: catalogue.yaml\npaths.0.levels.1.id: awareness\n"
    fix = "# file: catalogue.yaml\npaths.0.levels.1.id: operational\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        items: list[tuple[str, DataPath, str | None]] = []
        for p, path in enumerate(cc.catalogue.paths):
            items.append(("path", ("paths", p), path.id))
        for p, path in enumerate(cc.catalogue.paths):
            for lv, level in enumerate(path.levels):
                items.append(("level", ("paths", p, "levels", lv), level.id))
        for s, stack in enumerate(cc.catalogue.stacks):
            items.append(("stack", ("stacks", s), stack.id))
        first: dict[tuple[str, str], DataPath] = {}
        for kind, at, ident in items:
            if cc.broken(at) or (*at, "id") in cc.loaded.invalid:
                continue
            if ident is None or not ident.strip():
                yield self.on_catalogue(cc, at, f"this {kind} ({dotted(at)}) has no id")
                continue
            if (kind, ident) in first:
                yield self.on_catalogue(
                    cc,
                    (*at, "id"),
                    f"{kind} id '{ident}' is already used by the {kind} at line {cc.line(first[kind, ident])}",
                    ident,
                )
                continue
            first[kind, ident] = at


class CatalogueValueUnknown(CatalogueRule):
    code = "CT004"
    name = "catalogue-value-unknown"
    severity = Severity.ERROR
    summary = "catalogue.yaml names a method, Bloom level, EQF level or country the framework does not know."
    what = (
        "Checks each level's `expects.methods` against the framework's summative methods, `expects.min_bloom` "
        "against its Bloom levels, each stack's `eqf_level` against its EQF levels and the owner's country against "
        "ISO 3166-1 alpha-2, with the closest known value. The framework is the catalogue's `catalogue.framework`, "
        "else `--framework`, the config's, or eu."
    )
    why = (
        "Chapter 4 gives each level its own kind of assessment; an expectation in words the framework does not know "
        "can never be met. The EQF level of the larger credential is EU Annex I information (element 8)."
    )
    example = "# file: catalogue.yaml\npaths.0.levels.1.expects.methods: [case-studies, project]\n"
    fix = "# file: catalogue.yaml\npaths.0.levels.1.expects.methods: [case-study, project]\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        fw = cc.framework
        methods = list(fw.summative_methods)
        blooms = [level.id for level in fw.bloom_levels]
        for p, path in enumerate(cc.catalogue.paths):
            for lv, level in enumerate(path.levels):
                at: DataPath = ("paths", p, "levels", lv, "expects")
                for index, method in cc.codes((*at, "methods")):
                    if method not in methods:
                        yield self.on_catalogue(
                            cc,
                            (*at, "methods", index),
                            f"'{method}' is not a summative method of framework {fw.id}{_hint(method, methods)}; "
                            f"allowed: {', '.join(methods)}",
                        )
                bloom = level.expects.min_bloom
                if bloom is not None and bloom not in blooms:
                    yield self.on_catalogue(
                        cc,
                        (*at, "min_bloom"),
                        f"'{bloom}' is not a Bloom level{_hint(bloom, blooms)}; levels: {', '.join(blooms)}",
                    )
        levels = fw.eqf_levels
        for s, stack in enumerate(cc.catalogue.stacks):
            if stack.eqf_level is not None and stack.eqf_level not in levels:
                yield self.on_catalogue(
                    cc,
                    ("stacks", s, "eqf_level"),
                    f"EQF level {stack.eqf_level} does not exist; levels are {min(levels)}-{max(levels)}",
                    stack.id,
                )
        country = cc.catalogue.catalogue.owner.country
        if country is not None and country not in fw.countries:
            hint = f"; write '{country.upper()}'" if country.upper() in fw.countries else ""
            yield self.on_catalogue(
                cc,
                ("catalogue", "owner", "country"),
                f"'{country}' is not an ISO 3166-1 alpha-2 country code{hint}",
            )


class CatalogueInformationMissing(CatalogueRule):
    code = "CT005"
    name = "catalogue-information-missing"
    severity = Severity.WARNING
    summary = "catalogue.yaml lacks what a programme committee needs: a title, the owner, a stack's ECTS or EQF level."
    what = (
        "The catalogue needs a title and its owner's name; each path a title; each level a title, an intent and what "
        "it expects of assessment (`expects`: methods, min_bloom or authentic); each stack a title, its total ECTS "
        "and EQF level. Reports each place once, listing what it lacks. Values ST006 dropped are not missing."
    )
    why = (
        "The issue's catalogue (guideline 9, chapter 4): a committee reasons about who owns the set, what each level "
        "is for and what it asks, and what each larger credential is worth; EU Annex I asks for the workload and "
        "level of a credential."
    )
    example = "# file: catalogue.yaml\nstacks.0.eqf_level: null\n"
    fix = "# file: catalogue.yaml\nstacks.0.eqf_level: 6\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        info = cc.catalogue.catalogue
        owner = info.owner.name if not cc.dropped(("catalogue", "owner")) else "dropped"
        places: list[tuple[DataPath, str, list[tuple[str, Any]]]] = [
            (("catalogue",), "the catalogue", [("title", info.title), ("owner", owner)]),
        ]
        for p, path in enumerate(cc.catalogue.paths):
            places.append((("paths", p), cc.path_label(p), [("title", path.title)]))
            for lv, level in enumerate(path.levels):
                expects = level.expects
                expected = expects.methods or expects.min_bloom is not None or expects.authentic is not None
                places.append(
                    (
                        ("paths", p, "levels", lv),
                        cc.level_label(p, lv),
                        [("title", level.title), ("intent", level.intent), ("expects", expected or None)],
                    )
                )
        for s, stack in enumerate(cc.catalogue.stacks):
            places.append(
                (
                    ("stacks", s),
                    cc.stack_label(s),
                    [("title", stack.title), ("ects", stack.ects), ("eqf_level", stack.eqf_level)],
                )
            )
        for at, label, fields in places:
            if cc.broken(at) or at in cc.loaded.invalid:
                continue
            missing = [name for name, value in fields if value in (None, "") and not cc.dropped((*at, name))]
            if missing:
                yield self.on_catalogue(cc, at, f"{label} has no {', '.join(missing)}", key=True)


class PrerequisiteCycle(CatalogueRule):
    code = "CT006"
    name = "prerequisite-cycle"
    severity = Severity.ERROR
    summary = "Courses name each other as prerequisites in a circle, so no learner can take the first."
    what = (
        "Follows `course.prerequisite_courses` between the catalogue's designs and reports each cycle once, naming "
        "every course in it in order, on the prerequisite entry of its course with the smallest code. A course that "
        "names itself is a cycle of one. A knot of courses in several cycles gives at most one finding per course."
    )
    why = (
        "Guideline 9 and chapter 4 describe a learning path, taken in order; a circle of prerequisites has no start, "
        "so the learning opportunities in it are closed to every learner."
    )
    example = "# file: dig-101.yaml\ncourse: {prerequisite_courses: [DIG-301]}\n"
    fix = "# file: dig-101.yaml\ncourse: {prerequisite_courses: []}\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        for cycle in cc.cycles:
            if cc.ambiguous.intersection(cycle):
                continue
            start = cc.graph.courses[cycle[0]]
            following = cycle[1] if len(cycle) > 1 else cycle[0]
            position = next(index for index, code in start.prerequisites if code == following)
            if len(cycle) == 1:
                message = f"{cycle[0]} names itself as a prerequisite, so no learner can take it"
            else:
                chain = ", ".join(f"{code} needs {cycle[(i + 1) % len(cycle)]}" for i, code in enumerate(cycle))
                message = f"prerequisite cycle: {chain}; no learner can take any of them first"
            yield self.on_design(start, ("course", "prerequisite_courses", position), message, cycle[0])


class PrerequisiteAboveLevel(CatalogueRule):
    code = "CT007"
    name = "prerequisite-above-level"
    severity = Severity.WARNING
    summary = "A course's EQF level is below that of a course it names as a prerequisite."
    what = (
        "Compares each design's `course.eqf_level` with the level of each catalogue course in its "
        "`prerequisite_courses`, when both are levels of the framework (LV001 reports others). Prerequisites inside a "
        "cycle are left to CT006."
    )
    why = (
        "EQF levels are cumulative (EQF Recommendation 2017, Annex II): a course that builds on one at a higher "
        "level states a lower level than its learners already reach, or the prerequisite is the wrong one. Chapter 4's "
        "path climbs from awareness to managerial skills."
    )
    example = "# file: dig-202.yaml\ncourse: {prerequisite_courses: [DIG-301]}\n"
    fix = "# file: dig-202.yaml\ncourse: {prerequisite_courses: [DIG-101]}\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        levels = cc.framework.eqf_levels
        circular = {code for cycle in cc.cycles for code in cycle}
        for code, design in cc.first_designs():
            level = design.eqf_level
            if level not in levels:
                continue
            for position, needed in design.prerequisites:
                other = cc.graph.courses.get(needed)
                if (
                    other is None
                    or needed in cc.ambiguous
                    or other.eqf_level not in levels
                    or (code in circular and needed in circular)
                ):
                    continue
                assert other.eqf_level is not None
                if other.eqf_level > level:
                    yield self.on_design(
                        design,
                        ("course", "prerequisite_courses", position),
                        f"{code} is at EQF {level} but its prerequisite {needed} is at EQF {other.eqf_level}; a course "
                        "should not build on one above its own level",
                        code,
                    )


class StackCreditsUnreachable(CatalogueRule):
    code = "CT008"
    name = "stack-credits-unreachable"
    severity = Severity.ERROR
    summary = "A stack's courses cannot add up to the credits it asks for."
    what = (
        "Adds the ECTS of every course a stack lists (required and electives, each once) and reports when the sum "
        "is below the credits a learner needs: `min_credits`, else the stack's `ects`. Not judged while a listed "
        "code names no design (CT002) or a listed course states no ECTS (MI001): the sum would be a guess. The "
        "figures are the ones the catalogue site shows (designer.graph.catalogue.stack_credits)."
    )
    why = (
        "Guideline 9: a stack must let a learner reach the broader certification by its volume of learning; ECTS "
        "credits are awarded only for learning achieved (ECTS Users' Guide 2015), so a stack its courses cannot fill "
        "can never be awarded."
    )
    example = "# file: catalogue.yaml\nstacks.0.min_credits: 15\n"
    fix = "# file: catalogue.yaml\nstacks.0.min_credits: 9\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import stack_credits

        for s, stack in enumerate(cc.catalogue.stacks):
            at: DataPath = ("stacks", s)
            if not cc.stack_judged(s) or cc.dropped((*at, "min_credits")) or cc.dropped((*at, "required")):
                continue
            if (stack.min_credits is None and cc.dropped((*at, "ects"))) or cc.dropped((*at, "electives")):
                continue
            credits = stack_credits(cc.graph, cc.data, s)
            if not credits.complete or credits.short_by is None or credits.needed is None:
                continue
            field_name = "min_credits" if stack.min_credits is not None else "ects"
            if credits.reachable == 0:
                message = f"{cc.stack_label(s)} needs {fmt(float(credits.needed))} ECTS but lists no course"
            else:
                message = (
                    f"{cc.stack_label(s)} needs {fmt(float(credits.needed))} ECTS ({field_name}) but its courses give at "
                    f"most {fmt(float(credits.reachable))} (required {fmt(float(credits.required))}, electives "
                    f"{fmt(float(credits.reachable - credits.required))}); list more courses or lower the credits"
                )
            yield self.on_catalogue(cc, (*at, field_name), message, stack.id)


class StackLevelUnreached(CatalogueRule):
    code = "CT009"
    name = "stack-level-unreached"
    severity = Severity.ERROR
    summary = "A stack claims an EQF level that none of its courses reaches."
    what = (
        "Compares a stack's `eqf_level` with the highest EQF level among the courses it lists. Not judged while a "
        "listed code names no design (CT002), a listed course states no level or one the framework does not have "
        "(MI001, LV001), or the stack lists no course (CT008)."
    )
    why = (
        "EQF levels are assigned by the learning outcomes achieved (EQF Recommendation 2017, Annex II); a larger "
        "credential whose every course sits below its level claims outcomes its learners never reach. The level is "
        "EU Annex I information (element 8)."
    )
    example = "# file: catalogue.yaml\nstacks.0.eqf_level: 8\n"
    fix = "# file: catalogue.yaml\nstacks.0.eqf_level: 6\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import stack_courses, stack_eqf_reach, stack_members

        levels = cc.framework.eqf_levels
        for s, stack in enumerate(cc.catalogue.stacks):
            if not cc.stack_judged(s) or stack.eqf_level not in levels:
                continue
            members = stack_members(cc.graph, cc.data, s)
            courses = stack_courses(cc.graph, s)
            if (
                not courses
                or len(courses) < len({m.code for m in members})
                or cc.dropped(("stacks", s, "required"))
                or cc.dropped(("stacks", s, "electives"))
                or any(cc.graph.courses[code].eqf_level not in levels for code in courses)
            ):
                continue
            reach = stack_eqf_reach(cc.graph, s)
            assert reach is not None and stack.eqf_level is not None
            if reach < stack.eqf_level:
                highest = [code for code in courses if cc.graph.courses[code].eqf_level == reach]
                yield self.on_catalogue(
                    cc,
                    ("stacks", s, "eqf_level"),
                    f"{cc.stack_label(s)} is at EQF {stack.eqf_level} but its highest course is at EQF {reach} "
                    f"({', '.join(highest)}); lower the stack's level or add a course that reaches it",
                    stack.id,
                )


class StackDoubleCounts(CatalogueRule):
    code = "CT010"
    name = "stack-double-counts"
    severity = Severity.WARNING
    summary = (
        "Two courses of one stack have the same or near-identical outcomes, so the stack counts that learning twice."
    )
    what = (
        "Compares the outcome statements of the courses a stack lists and reports each course with outcomes that "
        "read like those of a course listed before it, naming every such outcome of both, once per course, on its "
        "listing (so three copies of one course give two findings, not three). Two statements read "
        "alike when the resemblance of their sets of word runs is at least the framework's "
        "`catalogue.outcome_resemblance` (runs of `catalogue.outcome_shingle_words` words; frameworks/eu.yaml gives "
        "the method's source and how the threshold was chosen)."
    )
    why = (
        "Guideline 9: transparency of learning outcomes is what makes micro-credentials stackable, and a larger "
        "credential should reflect the overall volume of learning. Credits for the same outcomes counted twice "
        "overstate both (ECTS Users' Guide 2015: credits are awarded once for the outcomes achieved)."
    )
    example = (
        "# file: dig-202.yaml\noutcomes:\n"
        "  - {id: LO1, statement: Apply an e-procurement platform to run a complete tender., domain: skills}\n"
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
    )
    fix = (
        "# file: dig-202.yaml\noutcomes:\n"
        "  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n"
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
    )

    waits = True

    def prepare(self, cc: CatalogueContext, executor: Executor, workers: int) -> None:
        """Search the judged stacks in the worker processes, in shares of about equal numbers of statements."""
        from designer.graph.catalogue import overlap_inputs, stack_courses, statements

        figures = cc.framework.catalogue
        stacks = [
            (s, [statements(outcomes) for _, outcomes in overlap_inputs(cc.graph, stack_courses(cc.graph, s))])
            for s, _ in enumerate(cc.catalogue.stacks)
            if cc.stack_judged(s)
        ]
        total = sum(len(texts) for _, courses in stacks for texts in courses)
        shares: list[list[tuple[int, list[list[str]]]]] = [[] for _ in range(workers)]
        done = 0
        for s, courses in stacks:
            size = sum(len(texts) for texts in courses)
            # The share the stack's middle statement falls in.
            shares[min((2 * done + size) * workers // max(2 * total, 1), workers - 1)].append((s, courses))
            done += size
        for share in shares:
            if share:
                self._submit(cc, executor, share, figures.outcome_shingle_words, figures.outcome_resemblance)

    @staticmethod
    def _submit(
        cc: CatalogueContext, executor: Executor, share: list[tuple[int, list[list[str]]]], words: int, threshold: float
    ) -> None:
        from designer.graph.catalogue import similar_statement_batches

        try:
            future = executor.submit(similar_statement_batches, [courses for _, courses in share], words, threshold)
        except Exception:  # a broken pool: check_catalogue searches these stacks itself
            return
        for position, (s, _) in enumerate(share):
            cc.searches[s] = (future, position)

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import outcome_overlaps, stack_courses, stack_members

        figures = cc.framework.catalogue
        for s, _ in enumerate(cc.catalogue.stacks):
            if not cc.stack_judged(s):
                continue
            courses = stack_courses(cc.graph, s)
            order = {code: number for number, code in enumerate(courses)}
            listed: dict[str, DataPath] = {}
            for member in stack_members(cc.graph, cc.data, s):
                listed.setdefault(member.code, member.listed)
            # By the later course of each pair: its outcomes, each with the earlier courses' outcomes it repeats.
            repeats: dict[str, dict[int, tuple[OutcomeFacts, list[tuple[str, OutcomeFacts, float]]]]] = {}
            for overlap in outcome_overlaps(
                cc.graph, courses, figures.outcome_shingle_words, figures.outcome_resemblance, self._searched(cc, s)
            ):
                (code_a, a), (code_b, b) = sorted((overlap.first, overlap.second), key=lambda pair: order[pair[0]])
                entry = repeats.setdefault(code_b, {}).setdefault(b.index, (b, []))
                entry[1].append((code_a, a, overlap.resemblance))
            for code_b in sorted(repeats, key=order.__getitem__):
                shown = "; ".join(
                    f"{code_b} {_label(b)} ('{first_words(b.statement, 6)}') reads like "
                    + ", ".join(
                        f"{code_a} {_label(a)} ({round(score * 100)}% alike)"
                        for code_a, a, score in sorted(earlier, key=lambda item: (order[item[0]], item[1].index))
                    )
                    for _, (b, earlier) in sorted(repeats[code_b].items())
                )
                yield self.on_catalogue(
                    cc,
                    listed[code_b],
                    f"{cc.stack_label(s)} counts the same learning twice: {shown}; merge the outcomes or drop one "
                    "course from the stack",
                    code_b,
                )

    @staticmethod
    def _searched(cc: CatalogueContext, s: int) -> list[Similar] | None:
        """What a worker found for stack `s`; None when none searched it or the search failed."""
        if s not in cc.searches:
            return None
        future, position = cc.searches[s]
        try:
            return future.result()[position]
        except Exception:  # the pool broke (a worker was killed): search here
            return None


def _label(outcome: OutcomeFacts) -> str:
    return outcome.id or f"outcomes[{outcome.index}]"


class LevelExpectationUnmet(CatalogueRule):
    code = "CT011"
    name = "level-expectation-unmet"
    severity = Severity.WARNING
    summary = "A course on a path level does not use the assessment that level expects."
    what = (
        "For each course a level lists, checks the level's `expects`: `methods` (at least one summative component "
        "uses one of them), `authentic: true` (at least one summative component's method is authentic in the "
        "design's framework) and `min_bloom` (at least one outcome's verb reaches that Bloom level, as LV002 reads "
        "it). One finding per course and level lists every part unmet, on the design's `summative` (or `outcomes`, "
        "when only the Bloom level is short). It stands in for AL009 when it reports a missing authentic "
        "component, and leaves a Bloom level at or below the one the course's EQF level expects to LV002. A design "
        "with no summative component (MI001), a component whose method the framework does not know (ST006), "
        "outcomes that cannot be read (OW005) or an expectation naming a method or Bloom level the framework does "
        "not know (CT004) leave that part unjudged."
    )
    why = (
        "Chapter 4 of the guidelines: each group of the path has its own kind of assessment, after the CSCMP SCPro "
        "levels: knowledge tests for awareness, case-based application for operational skills, real-world projects "
        "for managerial skills. Guideline 7 asks for authentic assessment."
    )
    example = (
        "# file: dig-201.yaml\nsummative:\n"
        "  - {id: SA1, title: Platform test, method: multiple-choice-exam, weight: 100, hours: 24, week: 5, "
        "outcomes: [LO1, LO2], criteria: 60% of the questions answered correctly}\n"
    )
    fix = (
        "# file: dig-201.yaml\nsummative:\n"
        "  - {id: SA1, title: Tender case, method: case-study, weight: 100, hours: 24, week: 5, "
        "outcomes: [LO1, LO2], criteria: The tender runs end to end on the platform}\n"
    )

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import course_levels

        bloom = cc.framework.bloom_by_id
        # A level's expected methods, and whether the framework knows them all, read once per level.
        level_methods: dict[tuple[int, int], tuple[list[str], bool]] = {}
        for code, design in cc.first_designs():
            for place in course_levels(cc.graph, code):
                expects = place.level.expects
                where = (place.path_index, place.level_index)
                if where not in level_methods:
                    at: DataPath = ("paths", place.path_index, "levels", place.level_index, "expects")
                    listed = [m for _, m in cc.codes((*at, "methods"))]
                    level_methods[where] = (
                        listed,
                        all(m in cc.framework.summative_methods for m in listed) and not cc.dropped((*at, "methods")),
                    )
                methods, known = level_methods[where]
                unmet: list[str] = []
                replaces: tuple[str, ...] = ()
                about_assessment = False
                components = [c for c in design.summative if c.method]
                judged = bool(components) and all(c.authentic is not None for c in components)
                if methods and known and judged and not any(c.method in methods for c in components):
                    unmet.append(f"a summative method among {', '.join(methods)} (it uses {_methods(components)})")
                    about_assessment = True
                if expects.authentic and judged and not any(c.authentic for c in components):
                    unmet.append(f"an authentic summative component ({_methods(components)} is not)")
                    about_assessment, replaces = True, ("AL009",)
                floor = bloom.get(expects.min_bloom or "")
                read = [bloom[o.bloom] for o in design.outcomes if o.bloom in bloom]
                implied = cc.framework.expected_bloom(design.eqf_level) if design.eqf_level is not None else None
                if (
                    floor is not None
                    and read
                    and max(lv.rank for lv in read) < floor.rank
                    and (implied is None or floor.rank > implied.rank)
                ):
                    highest = max(read, key=lambda lv: lv.rank)
                    unmet.append(f"an outcome at Bloom level {floor.label} or above (its highest is {highest.label})")
                if unmet:
                    yield self.on_design(
                        design,
                        ("summative",) if about_assessment else ("outcomes",),
                        f"{code} is on {cc.level_label(place.path_index, place.level_index)} of "
                        f"{cc.path_label(place.path_index)}, which expects {_and_list(unmet)}",
                        code,
                        key=True,
                        replaces=replaces,
                    )


def _and_list(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _methods(components: list[SummativeFacts]) -> str:
    names = sorted({str(c.method) for c in components})
    return " and ".join(names) if len(names) <= 2 else ", ".join(names)


class StackabilityContradictsStacks(CatalogueRule):
    code = "CT012"
    name = "stackability-contradicts-stacks"
    severity = Severity.WARNING
    summary = "A design says stackable but no stack has it, or says stand-alone but a stack has it."
    what = (
        "Reports `course.stackability: stackable` when no stack of the catalogue lists the course and its `towards` "
        "names none, and `stand-alone` when a stack lists it or its `towards` names one. A stand-alone design is not "
        "also reported by CT013. Inside a catalogue this rule and CT013 replace MI002 for the design: when either "
        "reports it, MI002 does not. Not judged while a catalogue list names an unknown code (CT002): it may be "
        "this course, misspelt."
    )
    why = (
        'EU Annex I lists "integration/stackability options: stand-alone, independent micro-credential / '
        'integrated, stackable towards another credential"; guideline 9 asks for that to be transparent. A '
        "design and its catalogue that disagree publish two answers."
    )
    example = "# file: dig-101.yaml\ncourse: {stackability: stand-alone, towards: []}\n"
    fix = "# file: dig-101.yaml\ncourse: {stackability: stackable, towards: [certificate]}\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import stacks_of

        for code, design in cc.first_designs():
            if design.stackability == "stand-alone":
                listed = stacks_of(cc.graph, code)
                named = [s for _, s in cc.named_stacks(design)]
                if listed:
                    where = ", ".join(
                        f"{cc.stack_label(s)} (catalogue.yaml line {cc.line(('stacks', s))})" for s in listed
                    )
                    yield self.on_design(
                        design,
                        ("course", "stackability"),
                        f"{code} says stand-alone, but {where} lists it; say stackable with `towards` naming the "
                        "stack, or take it out of the stack",
                        code,
                    )
                elif named:
                    names = ", ".join(cc.stack_label(s) for s in dict.fromkeys(named))
                    yield self.on_design(
                        design,
                        ("course", "stackability"),
                        f"{code} says stand-alone, but its `towards` names {names}",
                        code,
                    )
            elif cc.claims_unbacked_stack(design):
                yield self.on_design(
                    design,
                    ("course", "stackability"),
                    f"{code} says stackable, but no stack of the catalogue lists it and `towards` names none; list "
                    "it in a stack, or say stand-alone",
                    code,
                    replaces=("MI002",),
                )


class TowardsDisagreesWithStack(CatalogueRule):
    code = "CT013"
    name = "towards-disagrees-with-stack"
    severity = Severity.WARNING
    summary = "A design's `towards` and the stacks' course lists disagree."
    what = (
        "For each stack, the design's `course.towards` should name it exactly when the stack lists the course in "
        "`required` or `electives`. Reports a `towards` entry whose stack does not list the course (at the entry) "
        "and a stack that lists the course while `towards` does not name it (at `towards`, or `course` when there "
        "is none), one finding per stack. Stand-alone designs are CT012's. Not judged for a stack with an unknown "
        "code, or a `towards` with an unknown id (CT002: either may be the one meant), a stack whose id an earlier "
        "one has (CT003), or a `towards` the loader dropped (ST006)."
    )
    why = (
        'EU Annex I ("integration/stackability options ... stackable towards another credential") is published '
        "from the design, the stack's requirements from the catalogue; guideline 9 asks both to be transparent, so "
        "they must say the same."
    )
    example = "# file: dig-202.yaml\ncourse: {towards: []}\n"
    fix = "# file: dig-202.yaml\ncourse: {towards: [certificate]}\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import first_listing, stacks_of

        repeated = {s for s, stack in enumerate(cc.catalogue.stacks) if cc.graph.stack_ids.get(str(stack.id), s) != s}
        suspect = {path[1] for path, _ in cc.unknown_codes if path[0] == "stacks"} | repeated
        for code, design in cc.first_designs():
            if design.stackability == "stand-alone" or ("course", "towards") in design.invalid:
                continue
            listed = stacks_of(cc.graph, code)
            named = cc.named_stacks(design)
            reported = set()
            for position, s in named:
                if s not in listed and s not in suspect and s not in reported and not cc.dropped(("stacks", s)):
                    reported.add(s)
                    yield self.on_design(
                        design,
                        ("course", "towards", position),
                        f"`towards` names {cc.stack_label(s)}, but the stack does not list {code} (catalogue.yaml "
                        f"line {cc.line(('stacks', s))}); list it there or take the stack out of `towards`",
                        code,
                    )
            misspelt = any(ident not in cc.graph.stack_ids for _, ident in design.towards)
            for s in listed:
                listing = first_listing(cc.graph, code, s)
                if s not in {stack for _, stack in named} | suspect and cc.catalogue.stacks[s].id and not misspelt:
                    where = cc.line(listing or ("stacks", s))
                    yield self.on_design(
                        design,
                        ("course", "towards"),
                        f"{cc.stack_label(s)} lists {code} (catalogue.yaml line {where}), but `towards` does not name "
                        f"'{cc.catalogue.stacks[s].id}'",
                        code,
                        key=True,
                        replaces=("MI002",),
                    )


class CourseUnused(CatalogueRule):
    code = "CT014"
    name = "course-unused"
    severity = Severity.INFO
    summary = "A design of the catalogue is on no path and in no stack."
    what = (
        "Reports each design that no level and no stack of catalogue.yaml lists, and each design without a "
        "`course.code` (nothing can list it). A catalogue with no paths and no stacks yet gets one finding for all. "
        "A stackable design that no stack has is CT012's, and nothing is reported while a catalogue list names an "
        "unknown code (CT002) or lost entries to the loader (ST006): the course may be the one meant."
    )
    why = (
        "Guideline 9 and chapter 4: micro-credentials are offered as part of a learning path or a stack; a course "
        "outside both is either missing from the catalogue's lists or not meant to be in the catalogue."
    )
    example = "# file: catalogue.yaml\nstacks.0.electives: [DIG-202]\npaths.0.levels.2.courses: []\n"
    fix = "# file: catalogue.yaml\nstacks.0.electives: [DIG-202, DIG-301]\npaths.0.levels.2.courses: [DIG-301]\n"

    def check_catalogue(self, cc: CatalogueContext) -> Iterator[Finding]:
        from designer.graph.catalogue import used_codes

        if not cc.catalogue.paths and not cc.catalogue.stacks:
            if cc.graph.designs and not cc.dropped(("paths",)) and not cc.dropped(("stacks",)):
                yield self.on_catalogue(
                    cc,
                    (),
                    f"the catalogue has no paths and no stacks yet, so none of its {len(cc.graph.designs)} designs is "
                    "on a path or in a stack",
                )
            return
        if not cc.lists_complete:
            return
        used = used_codes(cc.graph)
        for design in cc.graph.designs:
            if design.code is None:
                if ("course", "code") not in design.invalid:
                    yield self.on_design(
                        design,
                        ("course",),
                        f"{cc.name(design)} has no course.code, so no path or stack of the catalogue can list it",
                        key=True,
                    )
            elif design.code not in cc.ambiguous and design.code not in used and not cc.claims_unbacked_stack(design):
                yield self.on_design(
                    design,
                    ("course", "code"),
                    f"no path or stack of the catalogue lists {design.code}",
                    design.code,
                )
