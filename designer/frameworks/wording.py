"""Reading outcome statements in one language: the main verb, its Bloom level, vague phrases and coordinated verbs.

The data is frameworks/wording/<lang>.yaml (hand-written lists with their
sources) and <lang>.forms.yaml (inflected forms -> lemma, generated ahead of
time by tools/build_verb_forms.py from lemminflect or simplemma, so the linter
needs neither library nor its dictionaries at run time).

A statement is read in three steps, after a separable verb split in a main clause
(de, nl: "legt de werking uit") is joined again:
1. the lead-in is stripped: list markers, an opening from `openings` ("Students
   will be able to"), anything up to a `lead_markers` phrase or the learner as the
   subject (`subjects`) near the start
   ("On completion, the student is able to"), and adverbs ("Critically");
2. the main verb is read where the language puts it (`verb_position`): first
   after the lead-in (en, es, it, pt, fr) or closing the clause (de, nl), with
   vague phrases ("demonstrate an understanding of") read at the same place;
3. verbs coordinated with the main verb ("Explain X and analyse Y") are
   collected up to the first relative or purpose clause ("that", "to", "by").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

# The gap in an `avoid` phrase: up to `gap_words` words ("demonstrate … understanding of"
# matches "demonstrate a thorough understanding of").
GAP = "…"
# Words, with an elided article or preposition split off ("d'analyser" -> "d'", "analyser"), and punctuation.
_TOKEN = re.compile(r"[^\W\d_]{1,3}['’](?=\w)|[^\W\d_](?:[\w\-]*\w)?|[,;:.!?()]", re.UNICODE)
_STOPS = frozenset(";:.!?()")
# Joins a word the reader itself read as a verb to that verb: "uitlegt+uitleggen" (from "legt ... uit"), "analyse+analyser"
# (after "L'étudiant"); no token contains it, and only lemma() looks behind it.
_JOINED = "+"
_ABBREVIATION_DOT = re.compile(r"\.(?!\s+[^\W\d_a-zäöüéèàçñ]|\s*$)")


def _without_asides(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens with parenthesised asides left out ("Test-driven ontwikkelproces (TDD) toepassen")."""
    out: list[str] = []
    depth = 0
    for index, token in enumerate(tokens):
        if token == "(" and index:  # one at the start holds the statement's own words: "(Explain) the stages"
            depth += 1
        elif token == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(token)
    return tuple(out) if out else tokens


def phrase_words(phrase: str, elisions: Mapping[str, str]) -> tuple[str, ...]:
    """A phrase to avoid as the tokens statements are read in, '…' kept as a gap ("demonstrate … understanding of").

    The reader and tools/build_verb_forms.py both read phrases so, and so agree on which word is a phrase's verb.
    """
    return tuple(
        token
        for word in phrase.split()
        for token in ((GAP,) if word == GAP else (elisions.get(t, t) for t in _split(word)))
    )


def verb_second(words: tuple[str, ...], not_actions: Iterable[str]) -> tuple[str, ...] | None:
    """A verb-last phrase (de, nl) in verb-second order, or None: its verb, a gap, then the other words.

    The verb is the phrase's last infinitive (a word ending in -en, or one of `not_actions` such as "sein"), not its
    first word: "kennis hebben van" -> "hebben … kennis van", read against "heeft (de) kennis van" through the
    verb's forms. tools/build_verb_forms.py generates the forms of these verbs.
    """
    verbs = frozenset(not_actions)
    at = next((k for k in range(len(words) - 1, 0, -1) if words[k] in verbs or words[k].endswith("en")), None)
    if at is None:
        return None
    rest = tuple(w for k, w in enumerate(words) if k != at)
    return (words[at], *(() if rest[0] == GAP else (GAP,)), *rest)


def _respellings(word: str, endings: Iterable[tuple[str, Iterable[str]]]) -> Iterator[str]:
    """The word with an ending swapped for another, in the order of `endings`, where a stem of three letters or more
    stays: "analyse" -> "analyser", "planung" -> "planen", "analizzarli" -> "analizzare"."""
    for ending, replacements in endings:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            yield from (stem + replacement for replacement in replacements)


def _split(phrase: str) -> tuple[str, ...]:
    """A data phrase in the tokens statements are read as ("al finalizar el curso, el" -> ..., ",", ...)."""
    return tuple(t.lower().replace("’", "'") for t in _TOKEN.findall(phrase))


class _Phrases:
    """The phrases of a word list, as tokens, found where they start in a statement, longest first.

    Indexed by their first word: a statement is read token by token, and trying every subordinator,
    opening or marker at every token was a fifth of a whole lint.
    """

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        # A phrase with no words (only characters the tokens leave out) is found at every token, after the others.
        self._empty = False
        for phrase in sorted(phrases, key=len, reverse=True):
            if phrase:
                self._by_first.setdefault(phrase[0], []).append(phrase)
            else:
                self._empty = True

    def first(self, tokens: tuple[str, ...], i: int) -> tuple[str, ...] | None:
        """The longest phrase at token i, or None."""
        if i < len(tokens):
            for phrase in self._by_first.get(tokens[i], ()):
                if tokens[i : i + len(phrase)] == phrase:
                    return phrase
        return () if self._empty else None

    def at(self, tokens: tuple[str, ...], i: int) -> list[tuple[str, ...]]:
        """Every phrase at token i, longest first."""
        found = []
        if i < len(tokens):
            found = [p for p in self._by_first.get(tokens[i], ()) if tokens[i : i + len(p)] == p]
        if self._empty:
            found.append(())
        return found


@dataclass(frozen=True)
class BloomLevel:
    id: str
    label: str
    rank: int


@dataclass(frozen=True)
class VerbMatch:
    """A measurable verb read in a statement: as written (lemma) and its Bloom level."""

    verb: str
    level: BloomLevel


@dataclass(frozen=True)
class AvoidMatch:
    phrase: str
    suggest: BloomLevel
    at_start_only: bool = False


@dataclass(frozen=True)
class Reading:
    """What a statement's wording says: its main action and the verbs coordinated with it."""

    first_word: str
    verb: VerbMatch | None = None
    # A verb no Bloom list holds but the lexicon knows ("Persister des données"): an action of unknown level.
    unlisted: str | None = None
    vague: AvoidMatch | None = None
    # Every coordinated main verb, the main verb first ("explain", "analyse").
    actions: tuple[str, ...] = ()
    # Those of them that are verbs to avoid: OW002 names them, so they do not make a compound on their own.
    vague_actions: tuple[str, ...] = ()
    # How many sentences state an action: two goals in two sentences are two outcomes, vague or not.
    sentences: int = 1

    @property
    def compound(self) -> bool:
        measurable = [a for a in self.actions if a not in self.vague_actions]
        return len(measurable) > 1 or (self.sentences > 1 and len(self.actions) > 1)


@dataclass(eq=False)
class Wording:
    """The wording data of one language, indexed for reading statements."""

    language: str
    name: str
    levels: tuple[BloomLevel, ...]
    verb_position: str
    verbs: dict[str, tuple[str, ...]]  # level id -> lemmas, in suggestion order
    avoid: list[dict[str, Any]]
    openings: list[str]
    lead_markers: list[str]
    adverbs: list[str]
    adverb_suffixes: list[str]
    one_action: list[str]
    coordinators: list[str]
    subordinators: list[str]
    noun_followers: list[str]
    forms: dict[str, str]
    # From the framework's `bloom:` section (frameworks/eu.yaml).
    suggestions_per_finding: int
    lead_in_words: int
    gap_words: int
    infinitive_markers: list[str] = field(default_factory=list)
    elisions: dict[str, str] = field(default_factory=dict)
    clitics: list[str] = field(default_factory=list)
    teacher_aims: list[str] = field(default_factory=list)
    not_actions: list[str] = field(default_factory=list)
    intro_words: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    question_words: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    verb_particles: list[str] = field(default_factory=list)
    # Separable prefixes (de, nl): in a main clause the finite verb stands second and its prefix closes the clause
    # ("De student legt de werking uit" = uitleggen); the reader joins them again.
    separable_prefixes: list[str] = field(default_factory=list)
    # Prepositions that may open a phrase after the prefix (nl: "De student past X toe in een applicatie").
    after_prefix: list[str] = field(default_factory=list)
    # Relative and purpose clauses take finite verbs (es, fr, it, pt): an infinitive after one is the main verb's.
    finite_clauses: bool = False
    action_nouns: dict[str, list[str]] = field(default_factory=dict)
    passive_auxiliaries: list[str] = field(default_factory=list)
    # Words that can only be verbs (generated): an action even when no Bloom list holds it.
    lexicon: frozenset[str] = field(default_factory=frozenset)
    # Prefix + finite base verb -> separable verb (generated): "uitlegt" (from "legt ... uit") -> uitleggen.
    joined: dict[str, str] = field(default_factory=dict)
    # Base forms that can be verbs, nouns too (generated, en): an action where one of `object_openers` follows.
    bases: frozenset[str] = field(default_factory=frozenset)
    object_openers: list[str] = field(default_factory=list)
    # The preposition an infinitive takes, repeated before a coordinated one ("et de simuler", "e di simulare").
    repeated_markers: list[str] = field(default_factory=list)
    # Letters an infinitive drops before an attached object pronoun ("analizzarli"), or None: pronouns stay apart.
    enclitic_drop: str | None = None
    # Present-tense endings -> infinitive endings, read right after the learner ("analyse" -> "analyser").
    finite_endings: dict[str, list[str]] = field(default_factory=dict)
    # Adjectives closing a verb-last clause that name no performance ("... vertraut").
    vague_predicates: list[dict[str, Any]] = field(default_factory=list)
    routine: dict[str, Any] | None = None
    # A vague capability named as a noun ("Advanced knowledge of", "Kenntnisse in"): when no action is read,
    # the statement names what it should have asked the learner to do, vaguely (OW002, not OW001).
    vague_nouns: list[dict[str, Any]] = field(default_factory=list)
    # Words naming the course itself: a statement whose phrase names the course describes it ("The course provides
    # an overview of ..."), so a capability noun after them is what the course gives, not the learner's (OW001).
    course_nouns: list[str] = field(default_factory=list)
    _index: dict[str, list[tuple[tuple[str, ...], BloomLevel]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_id = {level.id: level for level in self.levels}
        # A verb listed at several levels counts at the highest it is listed at.
        index: dict[str, list[tuple[tuple[str, ...], BloomLevel]]] = {}
        for level in self.levels:
            for verb in self.verbs.get(level.id, ()):
                words = self._split(verb)
                entries = index.setdefault(words[0], [])
                entries[:] = [e for e in entries if e[0] != words]
                entries.append((words, level))
        self._index = {k: sorted(v, key=lambda e: len(e[0]), reverse=True) for k, v in index.items()}
        avoid: dict[str, list[tuple[tuple[str, ...], AvoidMatch]]] = {}
        for entry in self.avoid:
            words = phrase_words(entry["phrase"], self.elisions)
            match = AvoidMatch(entry["phrase"], by_id[entry["suggest"]], bool(entry.get("at_start_only", False)))
            avoid.setdefault(words[0], []).append((words, match))
            if self.verb_position == "last":
                # A verb-last phrase in a main clause puts its verb second: "oog hebben voor" is also "heeft oog
                # voor", "ein Verständnis entwickeln" also "entwickelt ein Verständnis".
                second = verb_second(words, self.not_actions)
                if second is not None:
                    avoid.setdefault(second[0], []).append((second, match))
        self._avoid = {k: sorted(v, key=lambda e: len(e[0]), reverse=True) for k, v in avoid.items()}
        nouns = {self._split(entry["phrase"]): by_id[entry["suggest"]] for entry in self.vague_nouns}
        self._vague_nouns = _Phrases(nouns)
        self._noun_levels = nouns
        self._course = frozenset(self.course_nouns)
        self._openings = _Phrases(self._split(p) for p in self.openings)
        markers = [self._split(p) for p in self.lead_markers]
        self._markers = _Phrases(markers)
        # "... lo studente | conoscerà": the learner as the subject ends a lead-in as a modal does.
        self._lead_ends = _Phrases((*markers, *(self._split(p) for p in self.subjects)))
        self._adverbs = frozenset(self.adverbs)
        self._one_action = frozenset(self._split(p) for p in self.one_action)
        self._coordinators = frozenset(self.coordinators)
        self._subordinators = _Phrases(self._split(p) for p in self.subordinators)
        self._noun_followers = frozenset(self.noun_followers)
        self._aims = _Phrases(self._split(p) for p in self.teacher_aims)
        self._not_actions = frozenset(self.not_actions)
        self._intro = frozenset(self.intro_words)
        self._abbreviation = (
            re.compile(r"\b(" + "|".join(re.escape(a) for a in self.abbreviations) + r")\.", re.IGNORECASE)
            if self.abbreviations
            else None
        )
        self._infinitive = _Phrases(self._split(p) for p in self.infinitive_markers)
        self._separable = frozenset(self.separable_prefixes)
        self._after_prefix = frozenset(self.after_prefix)
        self._learners = _Phrases(self._split(p) for p in self.subjects)
        self._object_openers = frozenset(self.object_openers)
        self._repeated = frozenset(self.repeated_markers)
        # An object pronoun attached to an infinitive, as an ending to swap for the letters the infinitive dropped.
        self._enclitics = [(c, (self.enclitic_drop or "",)) for c in sorted(self.clitics, key=len, reverse=True)]
        # Read as the clause's last token, spelt as statements are read ("Vertraut" -> "vertraut").
        self._predicates = {" ".join(self._split(e["phrase"])): by_id[e["suggest"]] for e in self.vague_predicates}
        self._finite_endings = sorted(self.finite_endings.items(), key=lambda e: len(e[0]), reverse=True)

    def _split(self, phrase: str) -> tuple[str, ...]:
        """Text as the tokens statements are read in, elisions spelt out ("d'" -> "de")."""
        return tuple(self.elisions.get(t, t) for t in _split(phrase))

    # Lookups
    def lemma(self, word: str) -> str:
        if _JOINED in word:
            return word.partition(_JOINED)[2]  # read as a verb by the reader itself: "uitlegt+uitleggen"
        return self.forms.get(word, word)

    def suggestions(self, level: BloomLevel) -> list[str]:
        """The first verbs of a level, spelling variants skipped (analyse/analyze)."""
        seen: list[str] = []
        for verb in self.verbs.get(level.id, ()):
            if verb.endswith("ize") and verb[:-3] + "ise" in seen:
                continue
            if verb.endswith("yze") and verb[:-3] + "yse" in seen:
                continue
            seen.append(verb)
            if len(seen) == self.suggestions_per_finding:
                break
        return seen

    # Reading
    @lru_cache(maxsize=8192)  # noqa: B019 - wording data lives for the whole process
    def read(self, statement: str) -> Reading:
        # A full stop ends a sentence only before a capital or the end: "u.ä.", "e.g. median" are not stops.
        text = statement if self._abbreviation is None else self._abbreviation.sub(r"\1", statement)
        text = _ABBREVIATION_DOT.sub(" ", text)
        tokens = self._split(text)
        if tokens[:1] == ("(",) and ")" in tokens and not self._action_at(tokens, 1):
            tokens = tokens[tokens.index(")") + 1 :]  # "(Application Level) In reading, derive ..."
        tokens = _without_asides(tokens)
        if self._separable:
            tokens = self._join_separable(tokens)
        if self.finite_endings:
            tokens = self._finite_after_learner(tokens)
        if self.enclitic_drop is not None:
            # Not the first word: "Introducirlo al mundo de ...", "Darle los conocimientos" address the learner
            # as the object of the teacher's aim.
            tokens = tokens[:1] + tuple(self._without_enclitic(t) for t in tokens[1:])
        start = self._lead_end(tokens)
        first = next((t for t in tokens[start:] if t not in _STOPS and t != ","), "").partition(_JOINED)[0]
        if first in self.question_words:
            return Reading(first)  # "Wat een tensor is", "How neural networks learn": a topic, not an action
        if self._aims.first(tokens, start) is not None:
            # "Provide students with ...", "Ziel der Lehrveranstaltung ist es, ... zu vermitteln": the teacher's
            # aim, not the learner's action, wherever the language puts its verb.
            return Reading(first)
        if self.verb_position == "last":
            return self._read_last(tokens, start, first)
        return self._read_first(tokens, start, first)

    def _join_separable(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Separable verbs joined again: 'legt de werking uit' -> 'uitlegt de werking' (read as uitleggen).

        A prefix closes its verb's conjunct: it stands right before a comma, a coordinator, a subordinate clause, a
        full stop or the end ("werkt een ontwerp uit en licht keuzes toe", "legt uit hoe ..."). The two are joined
        only when the generated table knows the joined word, so a preposition closing a phrase stays one.
        """
        out = list(tokens)
        j = 0
        while j < len(out):
            if not self._may_lead(out, j):
                j += 1
                continue
            k = j + 1
            while k < len(out) and out[k] not in _STOPS and out[k] != ",":
                verb = self.joined.get(out[k] + out[j]) if out[k] in self._separable else None
                if verb is not None and self._closes(out, k + 1):
                    # The verb goes behind the mark, so lemma() reads it only here ("opzet" is also a noun); the
                    # infinitive itself (German plural "stellen ... dar") needs no mark.
                    word = out[k] + out[j]
                    out[j] = word if word == verb else f"{word}{_JOINED}{verb}"
                    del out[k]
                    break
                k += 1
            j += 1
        return tuple(out)

    def _finite_after_learner(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """The finite verb right after the learner, read by its ending when no table knows it: "L'étudiant analyse"
        (analyser), "Lo studente valuta" (valutare). Many such forms are nouns elsewhere ("analyse", "programma"),
        so the tables leave them out; after the learner as subject only a verb can stand."""
        out = list(tokens)
        for pos in range(len(tokens)):
            for subject in self._learners.at(tokens, pos):
                j = pos + len(subject)
                if j >= len(out) or self._action_at(tuple(out), j) or out[j] in self._not_actions:
                    continue
                word = out[j]
                verb = next((v for v in _respellings(word, self._finite_endings) if self._known_verb(v)), None)
                if verb is not None:
                    out[j] = f"{word}{_JOINED}{verb}"
        return tuple(out)

    def _without_enclitic(self, word: str) -> str:
        """An infinitive with its object pronoun attached, as the infinitive: "analizarlos" -> analizar,
        "misurarne" -> misurare. Only a known infinitive (listed or in the lexicon) is taken apart."""
        if word in self.forms or self._known_verb(word):
            return word
        return next((base for base in _respellings(word, self._enclitics) if self._known_verb(base)), word)

    def _known_verb(self, word: str) -> bool:
        """Whether a word is a verb the lists hold or the lexicon knows, as written."""
        return word in self._index or word in self.lexicon

    def _may_lead(self, tokens: list[str], j: int) -> bool:
        """Whether token j can be the learner's verb: first, after a comma or coordinator, or after the learner.

        "Die behandelten Ansätze stellen die Basis ... dar": the topics are the subject, so no action is joined.
        """
        if j == 0 or tokens[j - 1] == "," or tokens[j - 1] in self._coordinators:
            return True
        words = tuple(tokens)
        return any(
            pos + len(subject) == j
            for pos in range(max(0, j - self.lead_in_words), j)
            for subject in self._learners.at(words, pos)
        )

    def _closes(self, tokens: list[str], i: int) -> bool:
        """Whether a conjunct ends before token i: the end, a stop, a comma, a coordinator or a subordinate clause;
        or a prepositional phrase placed after it, where the language does that ("past X toe in een applicatie")."""
        return (
            i == len(tokens)
            or tokens[i] in _STOPS
            or tokens[i] == ","
            or tokens[i] in self._coordinators
            or tokens[i] in self._after_prefix
            or self._subordinators.first(tuple(tokens), i) is not None
        )

    def _lead_end(self, tokens: tuple[str, ...]) -> int:
        """Where the statement's action starts: after the opening, lead-in and adverbs."""
        i = 0
        while i < len(tokens) and (tokens[i] in _STOPS or tokens[i] == ","):
            i += 1
        if i + 1 < len(tokens) and any(c.isdigit() for c in tokens[i]):
            i += 1  # an outcome's code: "CE3 - Capacidad para diseñar ...", "LO2 Explain ..."
        # A label of up to three words before a colon is a heading: "Samenwerken: de student ...", but
        # "ANALYSE: spend data" opens with its verb.
        colon = next((k for k in range(i + 1, min(len(tokens) - 1, i + 4)) if tokens[k] == ":"), None)
        if (
            colon is not None
            and all(t not in _STOPS and t != "," for t in tokens[i:colon])
            and not self._listed_action_at(tokens, i)
            and not self._learner_acts(tokens, i, colon)
        ):
            i = colon + 1
        for _ in range(3):  # "A" then "knowledge of"; "Al finalizar el curso," then "el alumno"
            pre = self._openings.first(tokens, i)
            if pre is None or (
                self._action_at(tokens, self._skip_adverbs(tokens, i)) and not self._modal(tokens, i, pre)
            ):
                break
            i += len(pre)
            while i < len(tokens) and tokens[i] in (",", ":"):
                i += 1
        while i < len(tokens) and tokens[i] in (",", ":"):
            i += 1
        if self.verb_position == "last" or self._action_at(tokens, self._skip_adverbs(tokens, i)):
            return self._skip_adverbs(tokens, i)
        # A lead-in the list does not hold: cut after the last marker in the first words
        # ("Upon successful completion of this module, students will be able to").
        window = self.lead_in_words
        best = None
        for pos in range(i, min(len(tokens), i + window)):
            for marker in self._lead_ends.at(tokens, pos):
                end = pos + len(marker)
                if (best is None or end < best) and self._action_at(tokens, self._skip_adverbs(tokens, end)):
                    best = end
        if best is None and i < len(tokens) and tokens[i] in self._intro:
            # An opening phrase closed by a comma: "In speaking, utilize ...", "When describing X, mention ...".
            best = next(
                (
                    pos + 1
                    for pos in range(i, min(len(tokens), i + window))
                    if tokens[pos] == "," and self._listed_action_at(tokens, self._skip_adverbs(tokens, pos + 1))
                ),
                None,
            )
        if best is not None:
            i = best
        while i < len(tokens) and tokens[i] in (",", ":"):
            i += 1
        i = self._skip_adverbs(tokens, i)
        pre = self._openings.first(tokens, i)
        if pre is not None and self._modal(tokens, i, pre):
            i = self._skip_adverbs(tokens, i + len(pre))  # "Les étudiants | sauront | rédiger ..."
        return i

    def _modal(self, tokens: tuple[str, ...], i: int, opening: tuple[str, ...]) -> bool:
        """An opening that is a vague verb before a verb says what the learner can do: "Saber aplicar", "Savoir
        utiliser", "Saper applicare" (know how to apply) state the ability to apply, not knowledge."""
        return (
            self._verb_at(tokens, i) is None
            and self._vague_at(tokens, i, start=True) is not None
            and self._verb_at(tokens, self._skip_adverbs(tokens, i + len(opening))) is not None
        )

    def _learner_acts(self, tokens: tuple[str, ...], i: int, colon: int) -> bool:
        """Whether the words before a colon are the learner acting ("Students can explain: ..."), not a heading."""
        return any(
            pos + len(marker) < colon and self._listed_action_at(tokens, self._skip_adverbs(tokens, pos + len(marker)))
            for pos in range(i, colon)
            for marker in self._lead_ends.at(tokens, pos)
            if marker
        )

    def _skip_adverbs(self, tokens: tuple[str, ...], i: int) -> int:
        while i + 1 < len(tokens) and self._is_adverb(tokens[i]):
            i += 1
            if i + 1 < len(tokens) and tokens[i] == ",":
                i += 1  # "Critically, evaluate the bids"
        return i

    def _is_adverb(self, word: str) -> bool:
        if word in self._adverbs:
            return True
        if word in self.forms or word in self._index:
            return False
        return any(word.endswith(s) and len(word) > len(s) + 2 for s in self.adverb_suffixes)

    def _action_at(self, tokens: tuple[str, ...], i: int) -> bool:
        return (
            self._verb_at(tokens, i) is not None
            or self._vague_at(tokens, i, start=True) is not None
            or self._unlisted_at(tokens, i)
        )

    def _listed_action_at(self, tokens: tuple[str, ...], i: int) -> bool:
        return self._verb_at(tokens, i) is not None or self._vague_at(tokens, i, start=True) is not None

    def _unlisted_at(self, tokens: tuple[str, ...], i: int) -> bool:
        """A verb the lists do not hold: one the lexicon knows can only be a verb, or a base form that can be a
        verb with its object's determiner after it ("Plot a histogram", "Fix them"; not "Plot of the function")."""
        if i >= len(tokens) or self.lemma(tokens[i]) in self._not_actions:
            return False
        if tokens[i] in self.lexicon or (_JOINED in tokens[i] and self.lemma(tokens[i]) in self.lexicon):
            return True
        return tokens[i] in self.bases and i + 1 < len(tokens) and tokens[i + 1] in self._object_openers

    def _verb_at(self, tokens: tuple[str, ...], i: int) -> tuple[str, BloomLevel, int] | None:
        """The verb starting at token i: (lemma phrase, level, words used)."""
        if i >= len(tokens):
            return None
        head = self.lemma(tokens[i])
        for words, level in self._index.get(head, ()):
            rest = words[1:]
            if tuple(self.lemma(t) for t in tokens[i + 1 : i + 1 + len(rest)]) == rest or (
                tokens[i + 1 : i + 1 + len(rest)] == rest
            ):
                return " ".join(words), level, len(words)
        return None

    def _vague_at(self, tokens: tuple[str, ...], i: int, *, start: bool) -> AvoidMatch | None:
        if i >= len(tokens):
            return None
        for head in dict.fromkeys((tokens[i], self.lemma(tokens[i]))):
            for words, match in self._avoid.get(head, ()):
                if match.at_start_only and not start:
                    continue
                end = self._phrase_end(tokens, i + 1, words[1:])
                if end >= 0:
                    return AvoidMatch(" ".join(tokens[i:end]), match.suggest, match.at_start_only)
        return None

    def _phrase_end(self, tokens: tuple[str, ...], i: int, words: tuple[str, ...]) -> int:
        """Where `words` (with '…' gaps) matched from token i end, or -1."""
        if not words:
            return i
        if words[0] == GAP:
            for skip in range(self.gap_words + 1):
                end = self._phrase_end(tokens, i + skip, words[1:])
                if end >= 0:
                    return end
                at = i + skip
                if at < len(tokens) and (
                    tokens[at] in _STOPS
                    or (
                        (tokens[at] in self._coordinators or tokens[at] == ",")
                        and self._verb_at(tokens, self._skip_adverbs(tokens, at + 1)) is not None
                    )
                ):
                    break  # the gap stays in one action: "develop documents and demonstrate knowledge of" is two
            return -1
        if i < len(tokens) and (tokens[i] == words[0] or self.lemma(tokens[i]) == words[0]):
            return self._phrase_end(tokens, i + 1, words[1:])
        return -1

    def _is_noun_use(self, tokens: tuple[str, ...], after: int) -> bool:
        """A verb form followed by 'of' (or closing the list) is a noun: 'the design of', 'planning and design'."""
        return after >= len(tokens) or tokens[after] in self._noun_followers or tokens[after] in _STOPS

    def _subordinate_at(self, tokens: tuple[str, ...], i: int) -> bool:
        if self._subordinators.first(tokens, i) is not None:
            return True
        # "to" + verb opens a purpose clause; "to" + noun does not.
        return any(
            self._action_at(tokens, self._skip_adverbs(tokens, i + len(m))) for m in self._infinitive.at(tokens, i)
        )

    # Verb first (en, es, it, pt, fr)
    def _read_first(self, tokens: tuple[str, ...], i: int, first: str) -> Reading:
        vague = self._vague_at(tokens, i, start=True)
        found = self._verb_at(tokens, i)
        if found is not None and self.noun_followers and i + found[2] < len(tokens) and tokens[i + found[2]] == "of":
            found = None  # "Use of statistics", "Design of experiments": a topic, not an action
        unlisted = None
        if vague is None and found is None:
            if not self._unlisted_at(tokens, i) or (i + 1 < len(tokens) and tokens[i + 1] in self._noun_followers):
                return self._no_action(tokens, i, first)
            unlisted = self.lemma(tokens[i])
            vague = self._vague_object(tokens, i)
        main = found[0] if found else self.lemma(tokens[i])
        inflected = tokens[i] != self.lemma(tokens[i])
        actions = [main]
        # Vague actions that share their object with the verb beside them ("Explain and understand the stages"):
        # OW002 names them, and they make no second outcome. A vague action with its own object ("Know X and
        # select Y") is a second outcome as well as a vague one.
        vague_actions: list[str] = []
        main_vague = vague is not None
        sentences = 1
        j = i + (found[2] if found else 1)
        last_end = j  # where the last action's words end
        # A list of verbs right at the start: "Identify, describe and apply ...".
        listing = j < len(tokens) and (tokens[j] == "," or tokens[j] in self._coordinators)
        while j < len(tokens):
            word = tokens[j]
            if word in (".", ";") and j + 1 < len(tokens):
                # A second sentence that starts with a verb is a second action ("... . Further categorize this";
                # "...; they can formally prove ...").
                k = j + 1 + self._lead_end(tokens[j + 1 :])
                other = self._coordinated(tokens, k, inflected, True)
                if other is not None:
                    actions.append(other[0])
                    sentences += 1
                    if self._vague_at(tokens, k, start=True) is not None:
                        vague = vague or self._vague_at(tokens, k, start=True)
                        vague_actions.append(other[0])
                    j = k + other[1]
                    last_end = j
                    # A list of verbs opening the sentence: "Test, debug and document it."
                    listing = j < len(tokens) and (tokens[j] == "," or tokens[j] in self._coordinators)
                    continue
            if word in _STOPS:
                break
            if self._subordinate_at(tokens, j):
                # A relative or purpose clause runs to the end of the sentence, or to a verb coordinated with the
                # main one; a next sentence may add an action.
                j = self._clause_end(tokens, j, inflected)
                continue
            if word == "," or word in self._coordinators:
                k = j + 1
                while k < len(tokens) and (tokens[k] in self._coordinators or tokens[k] == ","):
                    k += 1
                k = self._skip_adverbs(tokens, k)
                # "... and can use them", "... and be able to apply": a modal before the coordinated verb.
                marker = self._markers.first(tokens, k)
                if marker is not None:
                    k += len(marker)
                if k + 1 < len(tokens) and tokens[k] in self._repeated and self._action_at(tokens, k + 1):
                    k += 1  # "capable de modéliser ... et de simuler": the infinitive's preposition, repeated
                clitic = False
                while k + 1 < len(tokens) and tokens[k] in self.clitics:
                    k += 1
                    clitic = True  # a verb takes an object pronoun, a noun does not: "et les appliquer"
                # After a modal the verb takes its plain form whatever the main verb's ("Knowing X and being able to check").
                other = self._coordinated(tokens, k, None if marker else inflected, listing or clitic)
                if other is not None:
                    lemma, used = other
                    adjacent = all(t == "," or t in self._coordinators for t in tokens[last_end:j])
                    if self._vague_at(tokens, k, start=True) is not None:
                        vague = vague or self._vague_at(tokens, k, start=True)
                        if adjacent:
                            vague_actions.append(lemma)
                    if adjacent and main_vague and len(actions) == 1:
                        vague_actions.append(actions[0])
                    last_end = k + used
                    if word in self.alternatives:
                        pass  # "identify or construct": alternatives are one action
                    elif (*actions[-1].split(), "and", *lemma.split()) not in self._one_action and not any(
                        (*actions[-1].split(), c, *lemma.split()) in self._one_action for c in self._coordinators
                    ):
                        actions.append(lemma)
                    j = k + used
                    continue
                listing = False
            elif listing:
                listing = False
            j += 1
        verb = None
        if found and vague is None:
            verb = VerbMatch(found[0], self._routine_level(tokens, i + found[2], found[0]) or found[1])
        return Reading(
            first,
            verb=verb,
            vague=vague,
            actions=tuple(dict.fromkeys(actions)),
            vague_actions=tuple(vague_actions),
            sentences=sentences,
            unlisted=unlisted,
        )

    def _clause_end(self, tokens: tuple[str, ...], start: int, inflected: bool) -> int:
        """Where the relative or purpose clause opening at `start` ends: the sentence's end, or a coordinator before
        a verb in the main verb's form that cannot belong to the clause.

        "Identifica los elementos que debe contener un proyecto y conoce técnicas": the finite "conoce" matches the
        main "identifica", not the clause's "debe contener". A verb in the main verb's plain form matches only where
        a clause's verbs are finite (`finite_clauses`) and the clause has no plain verb already: "Decidir
        entre modelos según el problema, y traducir el análisis"; but "Aplicar técnicas que permitan analizar datos
        y evaluar resultados" keeps "evaluar" in the clause. English relative clauses take the plain form too
        ("policies that promote growth and reduce inequality"), so there only a finite main verb is matched.
        """
        j = start + 1
        while j < len(tokens) and tokens[j] not in (".", ";"):
            if (
                tokens[j] in self._coordinators
                and (inflected or (self.finite_clauses and not self._plain_verb_in(tokens, start + 1, j)))
                and self._coordinated(tokens, self._skip_adverbs(tokens, j + 1), inflected, False) is not None
            ):
                return j
            j += 1
        return j

    def _plain_verb_in(self, tokens: tuple[str, ...], start: int, end: int) -> bool:
        """Whether tokens[start:end] hold a verb in its plain form, which a plain verb after them may join."""
        return any(
            tokens[q] == self.lemma(tokens[q])
            and (self._verb_at(tokens, q) is not None or self._unlisted_at(tokens, q))
            for q in range(start, end)
        )

    def _vague_object(self, tokens: tuple[str, ...], i: int) -> AvoidMatch | None:
        """A verb no list holds whose object is a vague capability ("Deepen their understanding of", "Broaden
        one's knowledge of") hides a vague action, as the listed "develop an awareness of" does."""
        for pos in range(i + 1, min(len(tokens), i + 2 + self.gap_words)):
            if tokens[pos] in _STOPS or tokens[pos] == "," or tokens[pos] in self._coordinators:
                break
            noun = self._vague_nouns.first(tokens, pos)
            if noun:
                return AvoidMatch(" ".join(tokens[i : pos + len(noun)]), self._noun_levels[noun])
        return None

    def _routine_level(self, tokens: tuple[str, ...], after: int, verb: str) -> BloomLevel | None:
        """'Create a chart': a creative verb with a routine object shows the routine level (Apply)."""
        routine = self.routine
        if not routine or verb not in routine["verbs"]:
            return None
        window = tokens[after : after + routine["within_words"]]
        if any(word in routine["objects"] for word in window):
            return next((lv for lv in self.levels if lv.id == routine["level"]), None)
        return None

    def _coordinated(
        self, tokens: tuple[str, ...], k: int, inflected: bool | None, listing: bool
    ) -> tuple[str, int] | None:
        """A verb coordinated with the main one at token k, in the same form, used as a verb."""
        if k >= len(tokens):
            return None
        vague = self._vague_at(tokens, k, start=True)
        found = self._verb_at(tokens, k)
        if found is None and vague is None and not self._unlisted_at(tokens, k):
            return None
        if inflected is not None and (tokens[k] != self.lemma(tokens[k])) != inflected:
            return None  # "explain ... and analysing": a gerund object, not a second action
        used = found[2] if found else 1
        if not listing and self._is_noun_use(tokens, k + used):
            return None
        return (found[0] if found else self.lemma(tokens[k])), used

    # Verb last (de, nl): "Die Studierenden können Daten analysieren und Ergebnisse interpretieren."
    def _read_last(self, tokens: tuple[str, ...], i: int, first: str) -> Reading:
        end = i
        while end < len(tokens) and tokens[end] not in _STOPS:
            if tokens[end] == "," and end + 1 < len(tokens) and self._subordinate_at(tokens, end + 1):
                break
            end += 1
        clause = tokens[i:end]
        main = next((pos for pos in range(len(clause)) if self._subordinate_at(clause, pos)), len(clause))
        if any(word in self.passive_auxiliaries for word in clause[:main]):
            return Reading(first)  # "De tests worden uitgevoerd ...": what is done, not what the learner does
        vague = None
        for pos in range(len(clause)):
            vague = self._vague_at(clause, pos, start=pos == 0)
            if vague is not None:
                break
        actions: list[str] = []
        verb = None
        if main < len(clause) and self._last_verb(clause, main) is not None:
            clause = clause[:main]  # "een probleem analyseren waarvoor software gemaakt moet worden"
        last = self._last_verb(clause, len(clause))
        if last is None:
            # "Sie können Situationen klassifizieren, in denen ...": the main clause closed at a comma.
            for pos, word in enumerate(clause):
                if word == "," and pos > 0:
                    last = self._last_verb(clause, pos)
                    if last is not None:
                        clause = clause[:pos]
                        break
        if last is None and self._listed_action_at(clause, 0):
            # Verb second, as in a main clause without a modal ("De student ontwerpt en ontwikkelt ..."):
            # read it as a verb-first statement.
            reading = self._read_first(tokens, i, first)
            if vague is not None and reading.vague is None:
                # "Richt projecten in ... en houdt rekening met de tijd": a vague phrase anywhere in the clause
                # makes it vague, as in a verb-last clause.
                return replace(reading, verb=None, vague=vague)
            return reading
        if last is None:
            # A phrase after the infinitive ("een programma testen op correcte werking", "problemen oplossen en
            # simulaties uitvoeren met R"): the rightmost verb of the clause closes its action.
            for pos in range(len(clause) - 1, 0, -1):
                last = self._last_verb(clause, pos)
                if last is not None:
                    clause = clause[:pos]
                    break
        if last is not None:
            verb = VerbMatch(last[0], last[1])
            actions.append(last[0])
            for pos, word in enumerate(clause):
                if (word in self._coordinators or word == ",") and pos > 0:
                    before = self._last_verb(clause, pos)
                    if before is not None and before[0] not in actions and word not in self.alternatives:
                        pair = (*before[0].split(), word, *actions[-1].split())
                        if pair not in self._one_action:
                            actions.insert(len(actions) - 1, before[0])
        unlisted = None
        if last is None and clause and self._unlisted_at(clause, len(clause) - 1):
            # A clause closing on an infinitive the lists lack ("requirements deduceren"): an action of unknown level.
            unlisted = clause[-1]
            actions.append(unlisted)
        elif last is None and len(clause) > 1 and clause[-2] in self.verb_particles:
            # "... fachgerecht zu benutzen": the word after the particle is a verb, listed or not.
            if self.lemma(clause[-1]) not in self._not_actions:
                unlisted = clause[-1]
                actions.append(unlisted)
        elif last is None and vague is None:
            # Action nouns at the start name the actions: "Planung von Projekten", "Bewertung und Priorisierung".
            nouns = self._action_nouns(clause)
            if nouns:
                verb = VerbMatch(nouns[0][0], nouns[0][1])
                actions.extend(dict.fromkeys(lemma for lemma, _ in nouns))
        if vague is None and clause and clause[-1] in self._predicates:
            # "Die Studierenden sind mit den Grundlagen vertraut": a state, not a performance.
            vague = AvoidMatch(clause[-1], self._predicates[clause[-1]])
        if vague is not None:
            verb = None
        if verb is None and vague is None and unlisted is None:
            return self._no_action(tokens, i, first)
        return Reading(first, verb=verb, vague=vague, actions=tuple(actions), unlisted=unlisted)

    def _no_action(self, tokens: tuple[str, ...], i: int, first: str) -> Reading:
        """A statement with no action: vague if its first phrase names a vague capability ('Kenntnisse in').

        The phrase ends at a comma, a coordinator, the course or a teacher's aim: "Management techniques and an
        understanding of ..." lists topics, "The course provides an overview of ..." describes the course, and
        "provide learners with knowledge" is the teacher's aim (OW001 for all three).
        """
        for pos in range(i, min(len(tokens), i + self.lead_in_words)):
            word = tokens[pos]
            if word in _STOPS or word == "," or word in self._coordinators or word in self._course:
                break
            if self._aims.first(tokens, pos):
                break
            noun = self._vague_nouns.first(tokens, pos)
            if noun:
                return Reading(first, vague=AvoidMatch(" ".join(noun), self._noun_levels[noun]))
        return Reading(first)

    def _action_nouns(self, clause: tuple[str, ...]) -> list[tuple[str, BloomLevel]]:
        """The listed verbs named by action nouns coordinated at the clause's start ('Planung und Steuerung')."""
        found: list[tuple[str, BloomLevel]] = []
        pos = 0
        while pos < len(clause) and (verb := self._noun_verb(clause[pos])) is not None:
            found.append(verb)
            if not (pos + 2 < len(clause) and (clause[pos + 1] in self._coordinators or clause[pos + 1] == ",")):
                break
            pos += 2
        return found

    def _noun_verb(self, word: str) -> tuple[str, BloomLevel] | None:
        """The listed verb an action noun names ('planung' -> 'planen'), or None."""
        for verb in _respellings(word, self.action_nouns.items()):
            hit = self._verb_at((self.lemma(verb),), 0)
            if hit is not None and hit[2] == 1:
                return hit[0], hit[1]
        return None

    def _last_verb(self, clause: tuple[str, ...], end: int) -> tuple[str, BloomLevel] | None:
        """The verb closing clause[:end], its last one, two or three words ('toe te passen')."""
        for size in (3, 2, 1):
            if end - size < 0:
                continue
            words = " ".join(clause[end - size : end])
            lemma = self.lemma(words) if size == 1 else self.forms.get(words, "")
            found = self._verb_at((lemma,), 0) if lemma else None
            if found is not None and found[2] == 1:
                return found[0], found[1]
            if size > 1:
                found = self._verb_at(clause[end - size : end], 0)
                if found is not None and found[2] == size:
                    return found[0], found[1]
        return None
