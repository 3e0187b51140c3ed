"""The evidence files stay well formed: every statement has a known source, a valid label and Bloom level."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus" / "outcomes"
LABELS = {"acceptable", "vague", "compound", "not-an-outcome"}
BLOOM = {"remember", "understand", "apply", "analyse", "evaluate", "create"}


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.stem)
def test_corpus_file_is_well_formed(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["language"] == path.stem
    sources = {source["id"]: source for source in data["sources"]}
    assert len(sources) == len(data["sources"]), "duplicate source ids"
    for source in sources.values():
        assert source["url"] and source["licence"] and source["split"] in {"dev", "holdout"}, source["id"]
    ids = Counter(item["id"] for item in data["statements"])
    assert not [i for i, n in ids.items() if n > 1], "duplicate statement ids"
    for item in data["statements"]:
        assert item["source"] in sources, item["id"]
        assert item["text"].strip(), item["id"]
        assert item["label"] in LABELS, item["id"]
        # Bloom is the main action's level, and a statement that is not an outcome has none.
        assert (item["bloom"] is None) == (item["label"] == "not-an-outcome"), item["id"]
        assert item["bloom"] is None or item["bloom"] in BLOOM, item["id"]
    used = {item["source"] for item in data["statements"]}
    assert used == set(sources), f"sources without statements: {sorted(set(sources) - used)}"


def test_every_language_has_held_out_sources() -> None:
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert any(source["split"] == "holdout" for source in data["sources"]), path.stem


def test_the_second_reading_names_corpus_statements_with_valid_labels() -> None:
    data = yaml.safe_load((CORPUS.parent / "second_reading.yaml").read_text(encoding="utf-8"))
    known = {
        s["id"]
        for path in CORPUS.glob("*.yaml")
        for s in yaml.safe_load(path.read_text(encoding="utf-8"))["statements"]
    }
    entries = data["statements"]
    assert len({e["id"] for e in entries}) == len(entries) == 240
    for entry in entries:
        assert entry["id"] in known, entry["id"]
        assert entry["label"] in LABELS, entry
        assert (entry["bloom"] is None) == (entry["label"] == "not-an-outcome"), entry
        assert entry["bloom"] is None or entry["bloom"] in BLOOM, entry
