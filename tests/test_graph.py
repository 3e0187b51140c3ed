"""The alignment graph: typed edges, first id wins, neighbours in file order, the matrix the renderer shows."""

from __future__ import annotations

from designer.graph import build, matrix, of_kind, sources, targets
from designer.model.design import Design


def design(**sections: object) -> Design:
    return Design.model_validate({"format": 1, **sections})


def test_neighbours_come_in_file_order_once_each() -> None:
    graph = build(
        design(
            outcomes=[{"id": "LO1"}, {"id": "LO2"}],
            summative=[{"id": "SA2", "outcomes": ["LO2"]}, {"id": "SA1", "outcomes": ["LO2", "LO1", "LO2"]}],
        )
    )
    assert sources(graph, "LO2", "summative") == ["SA2", "SA1"]
    assert targets(graph, "SA1", "outcomes") == ["LO2", "LO1"]
    assert sources(graph, "LO1", "formative") == []


def test_edges_are_typed_and_unknown_ids_are_no_nodes() -> None:
    graph = build(
        design(
            outcomes=[{"id": "LO1"}],
            summative=[{"id": "SA1", "outcomes": ["LO1"]}],
            # A checkpoint prepares a summative component: pointing `prepares` at an outcome is no edge.
            formative=[{"id": "FC1", "outcomes": ["LO1", "NOPE"], "prepares": ["LO1", "SA1"]}],
            content=[{"id": "CU1", "outcomes": ["LO1"], "checkpoints": ["SA1", "FC1"]}],
        )
    )
    assert targets(graph, "FC1", "summative") == ["SA1"]
    assert targets(graph, "FC1", "outcomes") == ["LO1"]
    assert targets(graph, "CU1", "formative") == ["FC1"]
    assert targets(graph, "CU1", "summative") == []
    assert "NOPE" not in graph
    assert sources(graph, "NOPE", "formative") == []


def test_the_first_item_with_an_id_wins() -> None:
    graph = build(
        design(
            outcomes=[{"id": "LO1"}, {"id": "X"}],
            summative=[{"id": "X", "outcomes": ["LO1"]}],
            formative=[{"id": "FC1", "outcomes": ["LO1"]}, {"id": "FC1", "outcomes": ["X"]}],
        )
    )
    assert graph.nodes["X"] == {"kind": "outcomes", "index": 1}
    assert graph.nodes["FC1"] == {"kind": "formative", "index": 0}
    # The summative X is shadowed by the outcome X: it adds no edge. Twins in one section share their node.
    assert sources(graph, "LO1", "summative") == []
    assert targets(graph, "FC1", "outcomes") == ["LO1", "X"]
    assert of_kind(graph, "formative") == ["FC1"]


def test_matrix_rows_follow_the_outcomes_and_name_the_gaps() -> None:
    graph = build(
        design(
            outcomes=[{"id": "LO1"}, {"id": "LO2"}],
            summative=[{"id": "SA1", "outcomes": ["LO2"]}],
            content=[{"id": "CU1", "outcomes": ["LO1", "LO2"]}],
        )
    )
    rows = matrix(graph)
    assert [(r.outcome, r.summative, r.formative, r.content) for r in rows] == [
        ("LO1", (), (), ("CU1",)),
        ("LO2", ("SA1",), (), ("CU1",)),
    ]
    assert [r.gaps for r in rows] == [("summative", "formative"), ("formative",)]
