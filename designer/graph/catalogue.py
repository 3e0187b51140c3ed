"""The catalogue graph: courses, stacks, paths and levels of one catalogue as a networkx DiGraph.

Nodes (each with a `kind` attribute):

- `("course", code)`: a design of the catalogue, by `course.code` (`summary`: its DesignSummary);
- `("stack", index)`: `stacks[index]` of catalogue.yaml (`stack`: the model);
- `("path", index)`: `paths[index]` (`path`: the model);
- `("level", path_index, level_index)`: a level of a path (`level`: the model).

Edges (each with a `kind` attribute), pointing the way a learner moves:

- PREREQUISITE: prerequisite course -> the course that names it in `course.prerequisite_courses`;
- TOWARDS: course -> a stack it counts towards, when the stack lists it (`roles`: required and/or
  elective, `listed`: where in catalogue.yaml) or the course's `towards` names the stack (`named`:
  indices in `towards`), or both;
- ON_LEVEL: course -> a level whose `courses` list it (`listed`: where in catalogue.yaml);
- IN_PATH: level -> its path; NEXT_LEVEL: a level -> the next level of the same path.

Codes and stack ids that name nothing are not in the graph (CT002 reports them). When two designs
share a code the first by file path is the course (CT001 reports the other).

The functions below compute each catalogue fact once: the CT rules, the catalogue site and the
editor read them, never re-derive them. networkx is imported here only, and this module only
when there is a catalogue, so linting a design outside one never loads it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

import networkx as nx

from designer.model.catalogue import Catalogue, Level, Path, Stack
from designer.model.figures import as_written
from designer.model.source import DataPath, listed_codes
from designer.model.summary import DesignSummary, OutcomeFacts

COURSE, STACK, PATH, LEVEL = "course", "stack", "path", "level"
PREREQUISITE, TOWARDS, ON_LEVEL, IN_PATH, NEXT_LEVEL = "prerequisite", "towards", "on-level", "in-path", "next-level"
REQUIRED, ELECTIVE = "required", "elective"
# Which list of a stack holds each role.
ROLE_LISTS = {REQUIRED: "required", ELECTIVE: "electives"}

Node = tuple[Any, ...]


def course_node(code: str) -> Node:
    return (COURSE, code)


def stack_node(index: int) -> Node:
    return (STACK, index)


def path_node(index: int) -> Node:
    return (PATH, index)


def level_node(path_index: int, level_index: int) -> Node:
    return (LEVEL, path_index, level_index)


@dataclass
class CatalogueGraph:
    """A catalogue's graph and the lookups every reader needs."""

    graph: nx.DiGraph
    catalogue: Catalogue
    designs: list[DesignSummary]
    """Every design of the catalogue that loaded, in catalogue order (by file path)."""
    courses: dict[str, DesignSummary]
    """Each code with the design that has it: the first in catalogue order."""
    duplicates: list[tuple[DesignSummary, DesignSummary]] = field(default_factory=list)
    """(a later design, the first design) for each design whose code an earlier one already has."""
    stack_ids: dict[str, int] = field(default_factory=dict)
    """Each stack id with the index of the first stack that has it."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Per-course tables the rules ask of every course (stacks_of, course_levels), each built on first use."""

    def stack(self, index: int) -> Stack:
        return self.catalogue.stacks[index]

    def level(self, path_index: int, level_index: int) -> Level:
        return self.catalogue.paths[path_index].levels[level_index]


def build(catalogue: Catalogue, data: Any, designs: Iterable[DesignSummary]) -> CatalogueGraph:
    """Build the graph of a loaded catalogue (`data`: its raw data, for positions) and its designs in catalogue order."""
    graph = nx.DiGraph()
    courses: dict[str, DesignSummary] = {}
    duplicates = []
    loaded = list(designs)
    for design in loaded:
        if design.code is None:
            continue
        if design.code in courses:
            duplicates.append((design, courses[design.code]))
            continue
        courses[design.code] = design
        graph.add_node(course_node(design.code), kind=COURSE, summary=design)
    for code, design in courses.items():
        for _, needed in design.prerequisites:
            if needed in courses:
                graph.add_edge(course_node(needed), course_node(code), kind=PREREQUISITE)
    stack_ids: dict[str, int] = {}
    for index, stack in enumerate(catalogue.stacks):
        graph.add_node(stack_node(index), kind=STACK, stack=stack)
        if stack.id is not None:
            stack_ids.setdefault(stack.id, index)
        for role, key in ROLE_LISTS.items():
            for position, code in listed_codes(data, ("stacks", index, key)):
                if code in courses:
                    edge = _towards(graph, code, index)
                    edge["roles"].add(role)
                    edge["listed"].append(("stacks", index, key, position))
    for code, design in courses.items():
        for position, ident in design.towards:
            if ident in stack_ids:
                _towards(graph, code, stack_ids[ident])["named"].append(position)
    for path_index, path in enumerate(catalogue.paths):
        graph.add_node(path_node(path_index), kind=PATH, path=path)
        for level_index, level in enumerate(path.levels):
            node = level_node(path_index, level_index)
            graph.add_node(node, kind=LEVEL, level=level)
            graph.add_edge(node, path_node(path_index), kind=IN_PATH)
            if level_index:
                graph.add_edge(level_node(path_index, level_index - 1), node, kind=NEXT_LEVEL)
            for position, code in listed_codes(data, ("paths", path_index, "levels", level_index, "courses")):
                if code in courses:
                    source = course_node(code)
                    edge = graph.get_edge_data(source, node)
                    if edge is None:
                        graph.add_edge(source, node, kind=ON_LEVEL, listed=[])
                        edge = graph.get_edge_data(source, node)
                    edge["listed"].append(("paths", path_index, "levels", level_index, "courses", position))
    return CatalogueGraph(graph, catalogue, loaded, courses, duplicates, stack_ids)


def _towards(graph: nx.DiGraph, code: str, stack_index: int) -> dict[str, Any]:
    source, target = course_node(code), stack_node(stack_index)
    edge: dict[str, Any] | None = graph.get_edge_data(source, target)
    if edge is None:
        graph.add_edge(source, target, kind=TOWARDS, roles=set(), listed=[], named=[])
        edge = graph.get_edge_data(source, target)
    assert edge is not None
    return edge


def _edges(cg: CatalogueGraph, kind: str) -> Iterator[tuple[Node, Node, dict[str, Any]]]:
    for source, target, attributes in cg.graph.edges(data=True):
        if attributes["kind"] == kind:
            yield source, target, attributes


# Prerequisites


def prerequisites(cg: CatalogueGraph, code: str) -> list[str]:
    """Codes of the catalogue courses `code` names as prerequisites (known ones, in the order written)."""
    node = course_node(code)
    if node not in cg.graph:
        return []
    return [source[1] for source, edge in cg.graph.pred[node].items() if edge["kind"] == PREREQUISITE]


def dependents(cg: CatalogueGraph, code: str) -> list[str]:
    """Codes of the courses that name `code` as a prerequisite."""
    node = course_node(code)
    if node not in cg.graph:
        return []
    return [target[1] for target, edge in cg.graph.succ[node].items() if edge["kind"] == PREREQUISITE]


def prerequisite_cycles(cg: CatalogueGraph) -> list[list[str]]:
    """Each prerequisite cycle once, as codes in the order each needs the next, starting from its smallest code.

    `["A", "B"]` means A needs B and B needs A; `["A"]` is a course that needs itself. A knot of
    courses tangled in several cycles gives at most one cycle per course in it, so a pathological
    catalogue cannot flood the report.
    """
    needs = nx.DiGraph()
    for source, target, _ in _edges(cg, PREREQUISITE):
        needs.add_edge(target[1], source[1])
    cycles = [[code] for code in sorted(nx.nodes_with_selfloops(needs))]
    needs.remove_edges_from([(code, code) for (code,) in cycles])
    for knot in nx.strongly_connected_components(needs):
        if len(knot) > 1:
            for cycle in islice(nx.simple_cycles(needs.subgraph(knot)), len(knot)):
                start = cycle.index(min(cycle))
                cycles.append(cycle[start:] + cycle[:start])
    return sorted(cycles)


# Stacks


@dataclass(frozen=True)
class StackMember:
    """A course a stack lists: its code, its role, and where catalogue.yaml lists it."""

    code: str
    role: str
    listed: DataPath


def stack_members(cg: CatalogueGraph, data: Any, index: int) -> list[StackMember]:
    """Every code `stacks[index]` lists, known or not, required first, in the order written."""
    return [
        StackMember(code, role, ("stacks", index, key, position))
        for role, key in ROLE_LISTS.items()
        for position, code in listed_codes(data, ("stacks", index, key))
    ]


def listing_order(listed: DataPath) -> tuple[int, int]:
    """Where a stack listing comes in the stack's order: required before electives, each in the order written."""
    key, position = listed[-2], listed[-1]
    return (list(ROLE_LISTS.values()).index(str(key)), int(position))


def first_listing(cg: CatalogueGraph, code: str, index: int) -> DataPath | None:
    """Where `stacks[index]` first lists `code` (None when it does not)."""
    edge = cg.graph.get_edge_data(course_node(code), stack_node(index))
    if not edge or not edge["listed"]:
        return None
    return min(edge["listed"], key=listing_order)


def stack_courses(cg: CatalogueGraph, index: int) -> list[str]:
    """Codes of the catalogue courses `stacks[index]` lists (each once), required first, in the order written."""
    table: dict[int, list[str]] = cg.memo.setdefault("stack_courses", {})
    if index not in table:  # several rules ask for every stack
        node = stack_node(index)
        listed = [
            (listing_order(min(edge["listed"], key=listing_order)), source[1])
            for source, edge in cg.graph.pred[node].items()
            if edge["listed"]
        ]
        table[index] = [code for _, code in sorted(listed)]
    return list(table[index])


def stacks_of(cg: CatalogueGraph, code: str) -> list[int]:
    """Indices of the stacks that list `code`."""
    table: dict[str, list[int]] | None = cg.memo.get("stacks_of")
    if table is None:
        table = cg.memo["stacks_of"] = {}
        for source, target, attributes in _edges(cg, TOWARDS):
            if attributes["listed"]:
                table.setdefault(source[1], []).append(target[1])
        for indices in table.values():
            indices.sort()
    return list(table.get(code, ()))


def towards_edges(cg: CatalogueGraph) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """(code, stack index, edge attributes) of every course-stack link: listed by the stack, named by the course, or both."""
    for source, target, attributes in _edges(cg, TOWARDS):
        yield source[1], target[1], attributes


@dataclass(frozen=True)
class StackCredits:
    """What a stack's courses add up to against the credits it asks for."""

    needed: Decimal | None
    """ECTS a learner needs: `min_credits`, else `ects`; None when the stack states neither."""
    required: Decimal
    """ECTS of the required courses (each course once)."""
    reachable: Decimal
    """ECTS of every course the stack lists, required and elective (each once): the most a learner can earn."""
    unknown: tuple[str, ...]
    """Listed codes no design of the catalogue has."""
    without_ects: tuple[str, ...]
    """Listed courses that state no ECTS (or an invalid figure)."""

    @property
    def complete(self) -> bool:
        """Whether every listed course is known and states its ECTS, so the sums are the whole truth."""
        return not self.unknown and not self.without_ects

    @property
    def short_by(self) -> Decimal | None:
        """How many ECTS the listed courses fall short of `needed` (None when they reach it or it is unknown)."""
        if self.needed is None or self.reachable >= self.needed:
            return None
        return self.needed - self.reachable


def stack_credits(cg: CatalogueGraph, data: Any, index: int) -> StackCredits:
    """The credits `stacks[index]` asks for and what its courses can give: CT008 and the site read this."""
    stack = cg.stack(index)
    needed = stack.credits_needed
    seen: set[str] = set()
    required, reachable = Decimal(0), Decimal(0)
    unknown, without = [], []
    for member in stack_members(cg, data, index):
        if member.code in seen:
            continue
        seen.add(member.code)
        design = cg.courses.get(member.code)
        if design is None:
            unknown.append(member.code)
        elif design.ects is None:
            without.append(member.code)
        else:
            credits = as_written(design.ects)
            reachable += credits
            if member.role == REQUIRED:
                required += credits
    return StackCredits(
        needed=as_written(needed) if needed is not None else None,
        required=required,
        reachable=reachable,
        unknown=tuple(unknown),
        without_ects=tuple(without),
    )


def stack_eqf_reach(cg: CatalogueGraph, index: int) -> int | None:
    """The highest EQF level among the courses `stacks[index]` lists (None: none states one)."""
    levels = [cg.courses[code].eqf_level for code in stack_courses(cg, index)]
    stated = [level for level in levels if level is not None]
    return max(stated) if stated else None


# Paths and levels


@dataclass(frozen=True)
class LevelPlace:
    """Where a course sits on a path: the path, the level and their positions."""

    path_index: int
    level_index: int
    path: Path
    level: Level
    listed: DataPath
    """Where catalogue.yaml lists the course on the level (the first place, when listed twice)."""


def course_levels(cg: CatalogueGraph, code: str) -> list[LevelPlace]:
    """The levels whose `courses` list `code`, in catalogue order: a course's level on each path."""
    table: dict[str, list[LevelPlace]] | None = cg.memo.get("course_levels")
    if table is None:
        table = cg.memo["course_levels"] = {}
        for source, target, attributes in _edges(cg, ON_LEVEL):
            _, path_index, level_index = target
            table.setdefault(source[1], []).append(
                LevelPlace(
                    path_index,
                    level_index,
                    cg.catalogue.paths[path_index],
                    cg.level(path_index, level_index),
                    min(attributes["listed"]),
                )
            )
        for places in table.values():
            places.sort(key=lambda place: (place.path_index, place.level_index))
    return list(table.get(code, ()))


def level_courses(cg: CatalogueGraph, path_index: int, level_index: int) -> list[str]:
    """Codes of the catalogue courses a level lists, in the order written."""
    node = level_node(path_index, level_index)
    listed = [
        (min(edge["listed"]), source[1]) for source, edge in cg.graph.pred[node].items() if edge["kind"] == ON_LEVEL
    ]
    return [code for _, code in sorted(listed)]


def used_codes(cg: CatalogueGraph) -> set[str]:
    """Codes of the courses some level or stack lists."""
    return {
        source[1]
        for source, _, attributes in cg.graph.edges(data=True)
        if attributes.get("listed") and source[0] == COURSE
    }


# Outcomes that say the same thing


_WORD = re.compile(r"\w+")


def shingles(statement: str, words: int) -> frozenset[str]:
    """The statement's runs of `words` consecutive words (lower case, punctuation dropped): Broder's w-shingles.

    A statement shorter than `words` is one shingle of all its words. A shingle is its words joined by
    a space (words hold no space, so no two runs join alike): strings, unlike tuples, are not tracked
    by the garbage collector, which a catalogue's million shingles would otherwise keep busy.
    """
    tokens = _WORD.findall(statement.lower())
    if words == 1:  # the framework's setting: each word is a shingle (no runs to join)
        return frozenset(tokens)
    if len(tokens) <= words:
        return frozenset({" ".join(tokens)}) if tokens else frozenset()
    return frozenset(map(" ".join, zip(*(tokens[i:] for i in range(words)), strict=False)))


def resemblance(a: frozenset[str], b: frozenset[str]) -> float:
    """Broder's resemblance of two shingle sets: |a & b| / |a | b| (Jaccard), 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class Overlap:
    """Two outcomes of two different courses that read alike."""

    first: tuple[str, OutcomeFacts]
    second: tuple[str, OutcomeFacts]
    resemblance: float


Similar = tuple[int, int, int, int, float]
"""(course, statement, later course, its statement, resemblance): positions in the lists given to similar_statements."""


def similar_statements(courses: Sequence[Sequence[str]], words: int, threshold: float) -> list[Similar]:
    """Statements of different courses whose resemblance is at least `threshold`, as positions.

    `courses` holds each course's outcome statements in order. Candidates come from prefix filtering
    (Bayardo, Ma and Srikant 2007, "Scaling up all pairs similarity search"): for a resemblance of at
    least t, two sets must share one of the first |x| - ceil(t |x|) + 1 shingles of each in one
    global order (rarest first, so that few pairs share a prefix), so only pairs that do are
    compared. Plain text in, plain numbers out: a worker process can search a stack while the main
    one runs the other rules (designer lint --jobs).
    """
    from collections import Counter
    from itertools import chain

    # The same statement in several courses (a shared outcome) is shingled once.
    read: dict[str, frozenset[str]] = {}
    for statements in courses:
        for statement in statements:
            if statement not in read:
                read[statement] = shingles(statement, words)
    frequency = Counter(chain.from_iterable(read.values()))
    prefixes: dict[str, list[str]] = {}
    for statement, found in read.items():
        # One total order for every set: by frequency, then as text (a stable sort of sorted text).
        # Ties left in a set's own iteration order would differ from set to set and lose pairs.
        ordered = sorted(sorted(found), key=frequency.__getitem__)
        prefixes[statement] = ordered[: max(len(ordered) - math.ceil(threshold * len(ordered)) + 1, 1)]
    flat: list[tuple[int, int, frozenset[str]]] = []
    index: dict[str, list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for course, statements in enumerate(courses):
        for position, statement in enumerate(statements):
            found = read[statement]
            if not found:
                continue
            number = len(flat)
            flat.append((course, position, found))
            for shingle in prefixes[statement]:
                others = index.setdefault(shingle, [])
                for other in others:
                    pairs.add((other, number))
                others.append(number)
    similar: list[Similar] = []
    for left, right in sorted(pairs):
        (course_a, position_a, set_a), (course_b, position_b, set_b) = flat[left], flat[right]
        if course_a == course_b:
            continue
        score = resemblance(set_a, set_b)
        if score >= threshold:
            similar.append((course_a, position_a, course_b, position_b, score))
    return similar


def similar_statement_batches(batches: list[list[list[str]]], words: int, threshold: float) -> list[list[Similar]]:
    """similar_statements of each batch: one call per worker for a share of a catalogue's stacks."""
    return [similar_statements(courses, words, threshold) for courses in batches]


def overlap_inputs(cg: CatalogueGraph, codes: Iterable[str]) -> list[tuple[str, tuple[OutcomeFacts, ...]]]:
    """The catalogue courses among `codes` (each once, in order) with their outcomes: what outcome_overlaps compares."""
    return [(code, cg.courses[code].outcomes) for code in dict.fromkeys(codes) if code in cg.courses]


def outcome_overlaps(
    cg: CatalogueGraph, codes: Iterable[str], words: int, threshold: float, found: list[Similar] | None = None
) -> list[Overlap]:
    """Pairs of outcomes of different courses among `codes` whose resemblance is at least `threshold`.

    `found` is similar_statements of the same courses' statements, when a worker process searched them already.
    """
    courses = overlap_inputs(cg, codes)
    if found is None:
        found = similar_statements([statements(outcomes) for _, outcomes in courses], words, threshold)
    return [
        Overlap((courses[a][0], courses[a][1][x]), (courses[b][0], courses[b][1][y]), score)
        for a, x, b, y, score in found
    ]


def statements(outcomes: Iterable[OutcomeFacts]) -> list[str]:
    return [outcome.statement for outcome in outcomes]
