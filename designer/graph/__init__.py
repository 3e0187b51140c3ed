"""The alignment graph: outcomes, summative, formative and content as nodes, coverage as edges.

Edges point from the item that does the work to what it serves:
summative -> outcome (assesses), formative -> outcome (checks),
formative -> summative (prepares), content -> outcome (serves),
content -> formative (feeds). Rules, the renderer and the editor all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from designer.model.design import Design

RELATION = {
    ("summative", "outcomes"): "assesses",
    ("formative", "outcomes"): "checks",
    ("formative", "summative"): "prepares",
    ("content", "outcomes"): "serves",
    ("content", "formative"): "feeds",
}
_LINKS = (
    ("summative", "outcomes", "outcomes"),
    ("formative", "outcomes", "outcomes"),
    ("formative", "prepares", "summative"),
    ("content", "outcomes", "outcomes"),
    ("content", "checkpoints", "formative"),
)


def build(design: Design) -> nx.DiGraph:
    """Build the alignment graph. The first item with an id wins when ids repeat."""
    import networkx as nx

    graph = nx.DiGraph()
    for section, index, item in design.items():
        if item.id and item.id not in graph:
            graph.add_node(item.id, kind=section, index=index)
    for section, field, target_kind in _LINKS:
        relation = RELATION[(section, target_kind)]
        for item in getattr(design, section):
            if not item.id or graph.nodes[item.id]["kind"] != section:
                continue
            for ref in getattr(item, field):
                node = graph.nodes.get(ref)
                if node is not None and node["kind"] == target_kind:
                    graph.add_edge(item.id, ref, relation=relation)
    return graph


def sources(graph: nx.DiGraph, node: str, kind: str) -> list[str]:
    """Ids of items of `kind` that point at `node` (e.g. the summative assessing an outcome)."""
    if node not in graph:
        return []
    return [p for p in graph.predecessors(node) if graph.nodes[p]["kind"] == kind]


def targets(graph: nx.DiGraph, node: str, kind: str) -> list[str]:
    """Ids of items of `kind` that `node` points at."""
    if node not in graph:
        return []
    return [s for s in graph.successors(node) if graph.nodes[s]["kind"] == kind]


def of_kind(graph: nx.DiGraph, kind: str) -> list[str]:
    return [n for n, data in graph.nodes(data=True) if data["kind"] == kind]


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


def matrix(graph: nx.DiGraph) -> list[MatrixRow]:
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
