"""Reading outcome statements per language: the data files, the generated forms, and how statements are read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from designer.frameworks import load_framework, wording_ids

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "frameworks" / "wording"
LEVELS = ["remember", "understand", "apply", "analyse", "evaluate", "create"]


@pytest.mark.parametrize("language", wording_ids())
def test_each_language_file_cites_its_sources_and_lists_every_level(language: str) -> None:
    data = yaml.safe_load((FOLDER / f"{language}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == language
    assert all(source["url"] for source in data["sources"])
    assert list(data["verbs"]) == LEVELS
    seen: dict[str, str] = {}
    for level, verbs in data["verbs"].items():
        for verb in verbs:
            assert verb not in seen, f"{language}: '{verb}' is listed at {seen.get(verb)} and {level}"
            seen[verb] = level
    vague = {entry["phrase"] for entry in data["avoid"]}
    assert not vague & set(seen), f"{language}: both measurable and vague: {sorted(vague & set(seen))}"
    assert load_framework("eu").wording(language) is not None


@pytest.mark.parametrize("language", wording_ids())
def test_the_generated_forms_match_the_lists(language: str) -> None:
    # A verb added to a list without `make verb-forms` would be missed in its inflected forms.
    sys.path.insert(0, str(ROOT / "tools"))
    import build_verb_forms

    stored = json.loads((FOLDER / f"{language}.forms.json").read_text(encoding="utf-8"))
    assert stored["forms"] == build_verb_forms.build(language), f"run `make verb-forms`: {language}.forms.json is stale"
    assert stored["lexicon"] == build_verb_forms.lexicon(language), (
        f"run `make verb-forms`: {language} lexicon is stale"
    )


READINGS = [
    # (language, statement, main verb or None, vague phrase or None, actions)
    ("en", "Explain the stages of a public tender.", "explain", None, ("explain",)),
    ("en", "Students should be able to write SQL queries.", "write", None, ("write",)),
    ("en", "Utilized statistics to test a hypothesis.", "utilize", None, ("utilize",)),
    ("en", "Correctly add fractions and then simplify them.", "add", None, ("add", "simplify")),
    (
        "en",
        "Demonstrate a sound understanding of tender law.",
        None,
        "demonstrate a sound understanding of",
        ("demonstrate",),
    ),
    ("en", "Gain familiarity with e-procurement platforms.", None, "gain familiarity with", ("gain",)),
    ("en", "Explain tender law and analyse bids.", "explain", None, ("explain", "analyse")),
    ("en", "Recognize, describe and calculate costs.", "recognize", None, ("recognize", "describe", "calculate")),
    ("en", "Compare and contrast two procedures.", "compare", None, ("compare",)),
    ("en", "Design a survey that measures and analyses attitudes.", "design", None, ("design",)),
    ("es", "El estudiante será capaz de diseñar un plan de compras.", "diseñar", None, ("diseñar",)),
    ("es", "Conocer la normativa de contratación pública.", None, "conocer", ("conocer",)),
    ("es", "Explicar las fases de una licitación y evaluar las ofertas.", "explicar", None, ("explicar", "evaluar")),
    ("it", "Lo studente sarà in grado di progettare un piano di acquisti.", "progettare", None, ("progettare",)),
    ("nl", "De student kan een aanbesteding analyseren.", "analyseren", None, ("analyseren",)),
    (
        "de",
        "Die Studierenden können Ausschreibungen analysieren und Angebote bewerten.",
        "bewerten",
        None,
        ("analysieren", "bewerten"),
    ),
    ("pt", "O estudante será capaz de aplicar a legislação de contratação.", "aplicar", None, ("aplicar",)),
    ("fr", "L'étudiant sera capable d'analyser les offres.", "analyser", None, ("analyser",)),
]


@pytest.mark.parametrize(("language", "statement", "verb", "vague", "actions"), READINGS)
def test_statements_are_read_in_their_language(
    language: str, statement: str, verb: str | None, vague: str | None, actions: tuple[str, ...]
) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None
    assert (reading.verb.verb if reading.verb else None) == verb
    assert (reading.vague.phrase if reading.vague else None) == vague
    assert reading.actions == actions


def test_suggestions_come_in_the_designs_language() -> None:
    fw = load_framework("eu")
    understand = fw.bloom_by_id["understand"]
    assert fw.suggestions(understand, "en") == ["explain", "summarise", "paraphrase", "classify"]
    spanish = fw.suggestions(understand, "es")
    assert spanish and not set(spanish) & {"explain", "summarise", "paraphrase", "classify"}
    assert fw.suggestions(understand, "fi") == []


def test_a_routine_creation_is_apply_not_create() -> None:
    fw = load_framework("eu")
    assert fw.leading_verb("Create a chart of monthly spend.").level.id == "apply"  # type: ignore[union-attr]
    assert fw.leading_verb("Create a procurement strategy.").level.id == "create"  # type: ignore[union-attr]
