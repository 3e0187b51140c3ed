"""The alignment graph: outcomes, summative, formative and content as nodes, coverage as edges.

Edges point from the item that does the work to what it serves:
summative -> outcome (assesses), formative -> outcome (checks),
formative -> summative (prepares), content -> outcome (serves),
content -> formative (feeds). Rules, the renderer and the editor all read it.

The graph is a few dicts, not a networkx graph: the readers only ask for an
item's neighbours of one kind, and importing networkx cost more CPU than a
whole one-file lint (see README, Speed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from designer.model.design import Design

# (section, field holding the references, section the references point at)
_LINKS = (
    ("summative", "outcomes", "outcomes"),
    ("formative", "outcomes", "outcomes"),
    ("formative", "prepares", "summative"),
    ("content", "outcomes", "outcomes"),
    ("content", "checkpoints", "formative"),
)


class Node(TypedDict):
    """An item in the graph: its section and its index there."""

    kind: str
    index: int


@dataclass
class AlignmentGraph:
    """Items by id, and each item's edges both ways, kept in the order they were added."""

    nodes: dict[str, Node] = field(default_factory=dict)
    # Dicts with no values are ordered sets: an edge added twice is kept once, in its first place.
    _successors: dict[str, dict[str, None]] = field(default_factory=dict)
    _predecessors: dict[str, dict[str, None]] = field(default_factory=dict)

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def add_node(self, node: str, kind: str, index: int) -> None:
        self.nodes[node] = Node(kind=kind, index=index)
        self._successors[node] = {}
        self._predecessors[node] = {}

    def add_edge(self, source: str, target: str) -> None:
        self._successors[source][target] = None
        self._predecessors[target][source] = None

    def successors(self, node: str) -> list[str]:
        return list(self._successors[node])

    def predecessors(self, node: str) -> list[str]:
        return list(self._predecessors[node])


def build(design: Design) -> AlignmentGraph:
    """Build the alignment graph. The first item with an id wins when ids repeat."""
    graph = AlignmentGraph()
    for section, index, item in design.items():
        if item.id and item.id not in graph:
            graph.add_node(item.id, section, index)
    for section, links, target_kind in _LINKS:
        for item in getattr(design, section):
            if not item.id or graph.nodes[item.id]["kind"] != section:
                continue
            for ref in getattr(item, links):
                node = graph.nodes.get(ref)
                if node is not None and node["kind"] == target_kind:
                    graph.add_edge(item.id, ref)
    return graph


def sources(graph: AlignmentGraph, node: str, kind: str) -> list[str]:
    """Ids of items of `kind` that point at `node` (e.g. the summative assessing an outcome)."""
    if node not in graph:
        return []
    return [p for p in graph.predecessors(node) if graph.nodes[p]["kind"] == kind]


def targets(graph: AlignmentGraph, node: str, kind: str) -> list[str]:
    """Ids of items of `kind` that `node` points at."""
    if node not in graph:
        return []
    return [s for s in graph.successors(node) if graph.nodes[s]["kind"] == kind]


def of_kind(graph: AlignmentGraph, kind: str) -> list[str]:
    return [n for n, data in graph.nodes.items() if data["kind"] == kind]


@dataclass(frozen=True)
class MatrixRow:
    """One outcome's row of the constructive alignment matrix."""

    outcome: str
    summative: tuple[str, ...]
    formative: tuple[str, ...]
    content: tuple[str, ...]

    @property
    def gaps(self) -> tuple[str, ...]:
        """The stages that do not reach this outcome."""
        return tuple(kind for kind in ("summative", "formative", "content") if not getattr(self, kind))


def matrix(graph: AlignmentGraph) -> list[MatrixRow]:
    """Outcomes as rows; the summative, formative and content items that reach each."""
    rows = []
    for outcome in sorted(of_kind(graph, "outcomes"), key=lambda n: graph.nodes[n]["index"]):
        rows.append(
            MatrixRow(
                outcome=outcome,
                summative=tuple(sources(graph, outcome, "summative")),
                formative=tuple(sources(graph, outcome, "formative")),
                content=tuple(sources(graph, outcome, "content")),
            )
        )
    return rows
