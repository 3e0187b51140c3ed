"""Generate frameworks/wording/<lang>.forms.json: every inflected form of the listed verbs -> its lemma.

Run ahead of time (`make verb-forms`), so the linter needs neither lemmatiser nor
its dictionaries at run time: lemminflect for English, simplemma's dictionaries
for the other languages. A test regenerates the tables and compares, so a list
edited without regenerating fails `make test`.

    python tools/build_verb_forms.py [LANG ...]    # default: every frameworks/wording/*.yaml
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # designer's own reader says which word of a phrase is its verb
FOLDER = ROOT / "frameworks" / "wording"


@cache
def _spec(language: str) -> dict[str, Any]:
    """frameworks/wording/<language>.yaml, read once: build(), joined() and the test each need it."""
    spec: dict[str, Any] = yaml.safe_load((FOLDER / f"{language}.yaml").read_text(encoding="utf-8"))
    return spec


@lru_cache(maxsize=1)  # one language at a time; a dictionary is up to a million forms
def _dictionary(language: str) -> Mapping[str, str]:
    """simplemma's form -> lemma dictionary, decompressed once for the forms, the joined verbs and the lexicon."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(language)


@lru_cache(maxsize=1)
def _forms_of(language: str) -> dict[str, set[str]]:
    """Lemma -> its forms in simplemma's dictionary, lower-cased."""
    from collections import defaultdict

    forms: dict[str, set[str]] = defaultdict(set)
    for form, lemma in _dictionary(language).items():
        forms[lemma.lower()].add(form.lower())
    return forms


def lemmas(spec: dict[str, Any]) -> set[str]:
    """Single words whose forms are wanted: the first word of every verb, routine verb and avoid phrase, and in a
    verb-last language the verb of a phrase to avoid, which a main clause puts second ("heeft oog voor")."""
    return first_words(spec) | second_verbs(spec)


def second_verbs(spec: dict[str, Any]) -> set[str]:
    """The verbs of a verb-last language's phrases to avoid, which a main clause puts second ("heeft oog voor")."""
    from designer.frameworks.wording import phrase_words, verb_second

    if spec.get("verb_position") != "last":
        return set()
    found = set()
    for entry in spec.get("avoid") or []:
        second = verb_second(phrase_words(entry["phrase"], spec.get("elisions") or {}), spec.get("not_actions") or ())
        if second is not None:
            found.add(second[0])
    return found


def english(wanted: set[str]) -> dict[str, str]:
    from lemminflect import getAllInflections

    forms: dict[str, str] = {}
    for lemma in sorted(wanted):
        for variants in getAllInflections(lemma, upos="VERB").values():
            for form in variants:
                forms.setdefault(form.lower(), lemma)
    return forms


def other(language: str, wanted: set[str], exclude: tuple[str, ...], separable: tuple[str, ...]) -> dict[str, str]:
    """simplemma's forms of the wanted lemmas, plus the split forms of separable verbs.

    German separable verbs take "zu" inside ("anwenden" -> "anzuwenden"); Dutch ones split ("toepassen" -> "toe te
    passen").
    """
    forms: dict[str, str] = {}
    for form, lemma in _dictionary(language).items():
        lemma = lemma.lower()
        form = form.lower()
        if lemma in wanted and " " not in form and not form.endswith(exclude):
            forms.setdefault(form, lemma)
    for lemma, prefix, rest in _separable(wanted, separable):
        split = f"{prefix}zu{rest}" if language == "de" else f"{prefix} te {rest}"
        forms.setdefault(split, lemma)
    return forms


def _separable(wanted: set[str], separable: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(lemma, prefix, base verb) of each wanted lemma that starts with a separable prefix, the longest prefix."""
    prefixes = sorted(separable, key=len, reverse=True)
    found = []
    for lemma in sorted(wanted):
        prefix = next((p for p in prefixes if lemma.startswith(p) and len(lemma) > len(p) + 3), None)
        if prefix is not None:
            found.append((lemma, prefix, lemma[len(prefix) :]))
    return found


def joined(language: str) -> dict[str, str]:
    """Prefix + finite form of the base verb -> the separable verb: "uitlegt" (from "legt ... uit") -> uitleggen.

    In a main clause the finite base verb stands second and its prefix closes the clause; the reader joins the two
    and looks the joined word up here. Kept apart from `forms`, which are read wherever they stand: some joined words
    are also nouns on their own ("opzet", "Aufbau"), and only a split verb is read through this table.
    """
    spec = _spec(language)
    separable = tuple(spec.get("separable_prefixes") or ())
    if not separable:
        return {}
    of_lemma = _forms_of(language)
    table: dict[str, str] = {}
    for lemma, prefix, rest in _separable(lemmas(spec), separable):
        # Participles ("gestellt") are not split in a main clause; the base's own infinitive is (German plural),
        # and so are its regular present forms, which the dictionary may file under a homograph ("licht": light).
        for form in sorted({f for f in of_lemma.get(rest, ()) if " " not in f} | _present(language, rest)):
            if not form.startswith("ge"):
                table.setdefault(prefix + form, lemma)
    return dict(sorted(table.items()))


def _present(language: str, infinitive: str) -> set[str]:
    """The regular present forms a main clause puts second: plural (the infinitive), third person singular.

    Dutch: stem = infinitive less -en, a doubled consonant single ("zetten" -> zet, "lichten" -> licht), + t unless
    it ends in t. German: stem = infinitive less -en (-n after -el/-er), + t, or + et after t, d or a consonant + m/n
    ("arbeitet", "ordnet").
    """
    if language == "nl" and infinitive.endswith("en") and len(infinitive) > 4:
        stem = infinitive[:-2]
        if stem[-1] == stem[-2]:
            stem = stem[:-1]
        return {infinitive, stem, stem if stem.endswith("t") else stem + "t"}
    if language == "de" and infinitive.endswith("n") and len(infinitive) > 4:
        stem = infinitive[:-1] if infinitive.endswith(("eln", "ern")) else infinitive[:-2]
        vowels = "aeiouäöü"
        linking = stem.endswith(("t", "d")) or (stem[-1] in "mn" and stem[-2] not in vowels + "lrmnh")
        return {infinitive, stem + ("et" if linking else "t")}
    return {infinitive}


# Endings of an infinitive, for the lexicon of verbs the lists do not hold.
INFINITIVE = {
    "es": ("ar", "er", "ir", "arse", "erse", "irse"),
    "fr": ("er", "ir", "re"),
    "it": ("are", "ere", "ire", "rre"),
    "pt": ("ar", "er", "ir", "or"),
}


def _dutch_infinitives() -> list[str]:
    words = []
    for lemma, inflected in _forms_of("nl").items():
        if not (lemma.endswith("en") and lemma.isalpha() and len(lemma) > 4):
            continue
        stem = lemma[:-2]
        conjugated = [
            form
            for form in inflected
            if form != lemma
            and (
                (form.startswith("ge") and form.endswith(("d", "t")))
                or form.endswith(("de", "te"))
                or form == stem + "t"
            )
        ]
        if len(conjugated) >= 2:
            words.append(lemma)
    return sorted(words)


def lexicon(language: str) -> list[str]:
    """Words that can only be verbs: a statement starting with one states an action, even one the lists lack.

    Spanish, French, Italian, Portuguese: the infinitives (and reflexive infinitives) in simplemma's dictionary,
    whose endings no noun shares. English: none, since its base forms are nouns as often as verbs ("spend data",
    "process"; measured on the dev corpus, a lexicon of forms lemminflect knows only as verbs gained nothing and
    misread such nouns). Dutch: the lemmas ending in -en that the dictionary shows conjugated (at least two
    forms such as "realiseert", "gerealiseerd", "realiseerde"), so nouns ending in -en ("examen", "keuken")
    stay out; read only where a Dutch clause closes on its infinitive. German: none (its infinitives look
    like plural nouns once lower-cased).
    """
    if language == "nl":
        return _dutch_infinitives()
    endings = INFINITIVE.get(language)
    if endings is None:
        return []
    words = set()
    for form, lemma in _dictionary(language).items():
        form, lemma = form.lower(), lemma.lower()
        if lemma.endswith(endings) and len(lemma) >= 3 and form == lemma and form.isalpha():
            words.add(form)
    # Reflexive infinitives, which the dictionaries rarely list: "plantearse", "impegnarsi", "dedicar-se".
    reflexive = {"es": lambda v: v + "se", "it": lambda v: v[:-1] + "si", "pt": lambda v: v + "-se"}.get(language)
    if reflexive is not None:
        words |= {reflexive(word) for word in words}
    return sorted(words)


def build(language: str) -> dict[str, str]:
    spec = _spec(language)
    wanted = lemmas(spec)
    exclude = tuple(spec.get("forms_exclude_suffixes") or ())
    separable = tuple(spec.get("separable_prefixes") or ())
    forms = english(wanted) if language == "en" else other(language, wanted, exclude, separable)
    # A form that is itself a listed verb reads as that verb, not as a form of another.
    listed = {v.split()[0] for verbs in (spec.get("verbs") or {}).values() for v in verbs}
    # Of a verb read only second in a phrase, only its finite forms: its participles open adjuncts ("rekening
    # houdend met": taking into account), not the learner's action.
    finite_only = second_verbs(spec) - first_words(spec)
    return {
        form: lemma
        for form, lemma in sorted(forms.items())
        if form != lemma
        and form not in listed
        and not (lemma in finite_only and (form.startswith("ge") or form.endswith(PARTICIPLE_I)))
    }


# Endings of a present participle (de, nl: "houdend", "berücksichtigend", "-ende", "-ender" ...).
PARTICIPLE_I = ("end", "ende", "endes", "ender", "enden", "endem")


def first_words(spec: dict[str, Any]) -> set[str]:
    """The first word of every listed verb, routine verb and phrase to avoid."""
    words: set[str] = set()
    for verbs in (spec.get("verbs") or {}).values():
        words.update(v.split()[0] for v in verbs)
    words.update(v.split()[0] for v in (spec.get("routine") or {}).get("verbs", []))
    words.update(e["phrase"].split()[0] for e in spec.get("avoid") or [] if e["phrase"].split()[0] != "…")
    return words


def bases(language: str) -> list[str]:
    """English: every base form lemminflect can inflect as a verb ("run", "plot", "merge"), nouns too.

    Read as an action only where an object's determiner or pronoun follows ("Plot a histogram", "Fix them"), since
    most of them are nouns as well ("Plot of the function", "Spend data").
    """
    if language != "en":
        return []
    from lemminflect import Inflections

    table = Inflections()._getInflDict()  # lemma -> {Penn tag: forms}; the library's own lookup table
    return sorted({lemma for lemma, tags in table.items() if "VB" in tags and lemma.isalpha() and lemma.islower()})


def render(language: str, forms: dict[str, str], verbs: list[str], split: dict[str, str], base: list[str]) -> str:
    tool = "lemminflect" if language == "en" else "simplemma"
    header = {"_generated": f"by tools/build_verb_forms.py from {tool}; do not edit, run `make verb-forms`"}
    body: dict[str, object] = {**header, "forms": forms, "lexicon": verbs}
    if split:
        body["joined"] = split
    if base:
        body["bases"] = base
    return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    languages = argv or sorted(p.stem for p in FOLDER.glob("*.yaml"))
    for language in languages:
        forms, verbs, split, base = build(language), lexicon(language), joined(language), bases(language)
        text = render(language, forms, verbs, split, base)
        (FOLDER / f"{language}.forms.json").write_text(text, encoding="utf-8")
        print(
            f"{language}: {len(forms)} forms, {len(verbs)} verbs in the lexicon, {len(split)} joined, {len(base)} bases"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
