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


def test_a_verb_last_phrase_is_also_read_verb_second() -> None:
    from designer.frameworks.wording import GAP, verb_second

    assert verb_second(("oog", "hebben", "voor"), ()) == ("hebben", GAP, "oog", "voor")
    assert verb_second(("zich", "bewust", "zijn", "van"), ("zijn",)) == ("zijn", GAP, "zich", "bewust", "van")
    assert verb_second(("een", GAP, "houding", "ontwikkelen"), ()) == ("ontwikkelen", GAP, "een", GAP, "houding")
    # A phrase that starts with its verb, or has none, has no other order
    assert verb_second(("verwerven", GAP, "kennis"), ()) is None
    assert verb_second(("kennis", "van"), ()) is None


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
    assert stored.get("joined", {}) == build_verb_forms.joined(language), (
        f"run `make verb-forms`: {language} joined separable forms are stale"
    )
    assert stored.get("bases", []) == build_verb_forms.bases(language), f"run `make verb-forms`: {language} bases"


READINGS = [
    # (language, statement, main verb or None, vague phrase or None, actions)
    ("en", "Explain the stages of a public tender.", "explain", None, ("explain",)),
    # An adverb set off by a comma, an adverbial clause, an aside after the lead-in: the verb after them is read.
    ("en", "Critically, evaluate the bids.", "evaluate", None, ("evaluate",)),
    ("en", "Where needed, explain the rules.", "explain", None, ("explain",)),
    ("en", "Students will be able to, where needed, explain the rules.", "explain", None, ("explain",)),
    # The learner acting before a colon is no heading: the verb is theirs, the list after the colon its object.
    ("en", "Students can explain: the stages of a tender and the roles of its parties.", "explain", None, ("explain",)),
    ("en", "Tender law: explain the stages of a tender.", "explain", None, ("explain",)),
    # A vague phrase's gap stays inside one action: it does not run over a second verb and its object.
    (
        "en",
        "Develop documents and demonstrate knowledge of procurement law.",
        None,
        "demonstrate knowledge of",
        ("develop", "demonstrate"),
    ),
    (
        "en",
        "Develop written and oral proficiency in Spanish.",
        None,
        "develop written and oral proficiency",
        ("develop",),
    ),
    # A verb list opening a second sentence, and a coordinated verb with its object pronoun closing the statement.
    ("en", "Write the code. Test, debug and document it.", "write", None, ("write", "test", "debug", "document")),
    ("fr", "Expliquer les concepts et les appliquer", "expliquer", None, ("expliquer", "appliquer")),
    # A relative clause after a comma holds no main verb; "sein" is no action; "Duly" is an adverb.
    (
        "de",
        "Die Studierenden können Situationen klassifizieren, in denen sie Daten analysieren.",
        "klassifizieren",
        None,
        ("klassifizieren",),
    ),
    (
        "de",
        "Die Studierenden können erklären, bewerten und darstellen, was zu tun ist.",
        "darstellen",
        None,
        ("erklären", "bewerten", "darstellen"),
    ),
    ("de", "Die Studierenden sind in der Lage, teamfähig zu sein.", None, None, ()),
    ("en", "Duly complete the tender forms.", "complete", None, ("complete",)),
    ("en", "Students should be able to write SQL queries.", "write", None, ("write",)),
    ("en", "Utilized statistics to test a hypothesis.", "utilize", None, ("utilize",)),
    ("en", "Correctly add fractions and then simplify them.", "add", None, ("add", "simplify")),
    # An -ly adverb no list holds is skipped too
    ("en", "Fully document the tender procedure.", "document", None, ("document",)),
    # An aside in parentheses, nested or not, is left out: the statement reads on after it
    ("en", "Explain the stages (tendering, award) and evaluate the bids.", "explain", None, ("explain", "evaluate")),
    (
        "en",
        "Explain the stages of a tender (see the guide (2024)) and evaluate the bids.",
        "explain",
        None,
        ("explain", "evaluate"),
    ),
    ("nl", "De student kan het ontwikkelproces (TDD) toepassen.", "toepassen", None, ("toepassen",)),
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
    # A list of verbs after a phrasal or a vague main verb: each verb of the list is an action
    ("en", "Carry out, document and evaluate an audit.", "carry out", None, ("carry out", "document", "evaluate")),
    ("en", "Understand, explain and apply tender law.", None, "understand", ("understand", "explain", "apply")),
    ("en", "Compare and contrast two procedures.", "compare", None, ("compare",)),
    # A verb form closing the statement after a coordinator is a noun, with or without a full stop
    ("en", "Explain procurement planning and design", "explain", None, ("explain",)),
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
    ("fr", "Expliquer les concepts et les appliquer en Java.", "expliquer", None, ("expliquer", "appliquer")),
    # Verb last, its forms and its clauses
    ("nl", "De student is in staat om de regels toe te passen.", "toepassen", None, ("toepassen",)),
    ("de", "Die Studierenden sind in der Lage, Methoden anzuwenden.", "anwenden", None, ("anwenden",)),
    (
        "de",
        "Die Studierenden können Situationen klassifizieren, in denen Probleme auftreten.",
        "klassifizieren",
        None,
        ("klassifizieren",),
    ),
    (
        "de",
        "Die Studierenden können Angebote vergleichen und gegenüberstellen.",
        "gegenüberstellen",
        None,
        ("gegenüberstellen",),
    ),
    (
        "de",
        "Die Studierenden können Daten analysieren, interpretieren und bewerten.",
        "bewerten",
        None,
        ("analysieren", "interpretieren", "bewerten"),
    ),
    ("de", "Die Studierenden verstehen die Grundlagen der Vergabe.", None, "verstehen", ("verstehen",)),
    ("nl", "De student ontwerpt en ontwikkelt toepassingen.", "ontwerpen", None, ("ontwerpen", "ontwikkelen")),
    ("nl", "De student kan data analyseren", "analyseren", None, ("analyseren",)),
    ("nl", "De student kan uitleggen, waarom het werkt.", "uitleggen", None, ("uitleggen",)),
    ("de", "Die Studierenden können die Grundlagen verstehen.", None, "verstehen", ()),
    ("de", "Die Studierenden können die Verfahren kennen und anwenden.", None, "kennen", ("anwenden",)),
    ("en", "Carry out a tender and evaluate the bids.", "carry out", None, ("carry out", "evaluate")),
    # A phrasal verb coordinated after the object is read whole; a vague verb with its own object is a second action
    ("en", "Explain the award criteria and carry out a tender.", "explain", None, ("explain", "carry out")),
    ("en", "Explain the stages of a tender and understand them.", None, "understand", ("explain", "understand")),
    # A vague phrase matches the inflected forms of its later words ("experience" -> "experiences")
    ("en", "Gain practical experiences in tender evaluation.", None, "gain practical experiences", ("gain",)),
    # ... and its gap holds three words at most: four words on, a vague phrase is the second verb's own
    (
        "en",
        "Develop tender documents and demonstrate knowledge of procurement law.",
        None,
        "demonstrate knowledge of",
        ("develop", "demonstrate"),
    ),
    # An unlisted infinitive closing a statement with no full stop
    ("fr", "L'étudiant sera capable de persister", None, None, ("persister",)),
    ("fr", "L'étudiant sera capable de persister.", None, None, ("persister",)),
    ("en", "Explain the rules and consider their effects.", None, "consider", ("explain", "consider")),
    ("de", "Kenntnisse der Vergabeverfahren.", None, "kenntnisse", ("kenntnis",)),
    # Lead-ins of every kind
    ("en", "(Knowledge Level) Identify the parts of a tender.", "identify", None, ("identify",)),
    ("en", "In speaking, describe yourself and others.", "describe", None, ("describe",)),
    # ... the word before the comma is no verb; an opening word with no comma after it is a topic
    ("en", "In listening, identify the main points of short talks.", "identify", None, ("identify",)),
    ("en", "In the context of public procurement.", None, None, ()),
    ("en", "Graduates can develop solutions; they can explain their limits.", "develop", None, ("develop", "explain")),
    ("en", "Plan the tender. Evaluate the bids. Select the supplier.", "plan", None, ("plan", "evaluate", "select")),
    ("en", "Design a survey that measures attitudes; analyse the results.", "design", None, ("design", "analyse")),
    # ... but one that opens with a gerund names a topic, not a second action
    ("en", "Analyse spend data. Reporting is part of the project.", "analyse", None, ("analyse",)),
    # ... and a vague verb opening a second sentence is read as vague, even one that is only vague at the start
    ("en", "Explain the award rules. Look at their effects on bidders.", None, "look at", ("explain", "look")),
    ("en", "Provide students with an overview of tender law.", None, None, ()),
    ("en", "Use of statistics in procurement.", None, None, ()),
    (
        "es",
        "Al finalizar el curso el alumno será capaz de: Comprender la estructura de una computadora.",
        None,
        "comprender",
        ("comprender",),
    ),
    # A vague action with its own object is a second outcome; sharing the object, it is OW002's alone
    ("en", "Know the aids and be able to select suitable technologies.", None, "know", ("know", "select")),
    ("en", "Knowing the requirements and being able to check documents.", None, "knowing", ("know", "check")),
    ("en", "Explain and understand the stages of a tender.", None, "understand", ("explain", "understand")),
    # The learner as the subject ends a lead-in the openings do not hold, and the verb after it is judged
    ("it", "Al termine del corso lo studente analizzerà i bandi.", "analizzare", None, ("analizzare",)),
    ("it", "Al termine del corso lo studente conoscerà le fasi di gara.", None, "conoscerà", ("conoscere",)),
    ("es", "Se pretende que el estudiante asimile los conceptos de contratación.", None, "asimile", ("asimilar",)),
    ("en", "Students take into account the risks of a tender.", None, "take into account", ("take",)),
    # A question names a topic; a passive main clause says what is done, not what the learner does
    ("nl", "Hoe een aanbesteding verloopt", None, None, ()),
    ("nl", "De student kan de testen uitvoeren.", "uitvoeren", None, ("uitvoeren",)),
    ("nl", "De testen worden uitgevoerd volgens een testplan.", None, None, ()),
    ("nl", "Een probleem analyseren waarvoor software gemaakt moet worden.", "analyseren", None, ("analyseren",)),
    # A Dutch clause closing on an infinitive the lists lack is an action of unknown level; a noun is not
    ("nl", "De student kan requirements deduceren.", None, None, ("deduceren",)),
    ("nl", "De student kan het examen.", None, None, ()),
    # German: an abbreviation's full stop ends no sentence; the word after "zu" closing the clause is a verb;
    # action nouns name their verbs' actions
    ("de", "Grenzwerte und ggf. Reihen selbständig zu untersuchen.", "untersuchen", None, ("untersuchen",)),
    ("de", "Die Hilfsmittel fachgerecht zu benutzen.", None, None, ("benutzen",)),
    ("de", "Planung von Projekten.", "planen", None, ("planen",)),
    ("de", "Bewertung und Priorisierung neuer Technologien.", "bewerten", None, ("bewerten", "priorisieren")),
    # A label before a colon is a heading, not the statement's first words
    ("en", "Teamwork: explain the roles in a tender team.", "explain", None, ("explain",)),
    # ... also one that names the learner, when no action follows the learner before the colon
    ("en", "Student teamwork: explain the roles in a tender team.", "explain", None, ("explain",)),
    # ... after stray punctuation from a pasted list, and with nothing but the verb after the colon
    ("en", ", Teamwork: explain the roles in a tender team.", "explain", None, ("explain",)),
    ("en", ": Teamwork: explain the roles in a tender team.", "explain", None, ("explain",)),
    ("en", "Teamwork: collaborate", "collaborate", None, ("collaborate",)),
    # ... and a doubled colon or a comma after it ends the heading too: the action is the first verb, not one
    # after a modal further on
    ("en", "Teamwork:: explain how learners can use the tools.", "explain", None, ("explain",)),
    ("en", "Teamwork:, explain how learners can use the tools.", "explain", None, ("explain",)),
    # A colon after four words or more closes a lead-in, not a heading: its verb is read
    ("en", "The learner will understand: the stages of a tender.", None, "understand", ("understand",)),
    # Openings follow one another across a comma or a colon ("el estudiantado" is an opening, not a subject)
    ("es", "Al finalizar el curso, el estudiantado analizará los datos.", "analizar", None, ("analizar",)),
    ("es", "Al finalizar el curso: el estudiantado analizará los datos.", "analizar", None, ("analizar",)),
    # Verb-second vague phrases; coordinated verbs before a phrase that follows the last infinitive
    (
        "nl",
        "De studenten verwerven de basiskennis van aanbestedingsrecht.",
        None,
        "verwerven de basiskennis",
        ("verwerven",),
    ),
    (
        "nl",
        "De student kan problemen oplossen en simulaties uitvoeren met R.",
        "uitvoeren",
        None,
        ("oplossen", "uitvoeren"),
    ),
    # A separable verb in a main clause: the finite verb second, its prefix closing the clause (or before a
    # subordinate clause). The reader joins them, also when the statement starts with the verb.
    ("nl", "De student analyseert de markt.", "analyseren", None, ("analyseren",)),
    ("nl", "De student legt uit hoe een compiler werkt.", "uitleggen", None, ("uitleggen",)),
    ("nl", "Legt uit hoe een compiler werkt.", "uitleggen", None, ("uitleggen",)),
    ("nl", "De student zet een ontwikkelomgeving op.", "opzetten", None, ("opzetten",)),
    ("de", "Die Studierenden führen eine Risikoanalyse durch.", "durchführen", None, ("durchführen",)),
    ("de", "Der Student stellt Zusammenhänge dar.", "darstellen", None, ("darstellen",)),
    ("de", "Sie wenden die Methoden auf neue Probleme an.", "anwenden", None, ("anwenden",)),
    # ... but not when something else is the subject, nor where a preposition closes a phrase; and a joined word
    # that is also a noun ("opzet", "Aufbau") stays a noun where it is not split.
    ("de", "Die behandelten Ansätze stellen die Basis für die Arbeit dar.", None, None, ()),
    ("nl", "De student werkt met data uit de praktijk.", None, None, ()),
    ("nl", "De opzet van het onderzoek beschrijven.", "beschrijven", None, ("beschrijven",)),
    ("de", "Aufbau und Funktion von Zellen beschreiben.", "beschreiben", None, ("beschreiben",)),
    # The prefix closes its verb's conjunct at a comma too; the join never runs past a comma; a verb after a comma
    # is read with its prefix.
    (
        "de",
        "Die Studierenden stellen die Ergebnisse dar, die Lehrenden bewerten sie.",
        "darstellen",
        None,
        ("darstellen",),
    ),
    ("de", "Die Studierenden stellen Fragen, die Lehrenden stellen die Ergebnisse dar.", None, None, ()),
    (
        "de",
        "Die Studierenden analysieren Daten, führen Tests durch und stellen Ergebnisse dar.",
        "analysieren",
        None,
        ("analysieren", "durchführen", "darstellen"),
    ),
    # Dutch places a prepositional phrase after the prefix too.
    ("nl", "De student past ontwerppatronen toe in een eigen applicatie.", "toepassen", None, ("toepassen",)),
    # A vague phrase in the clause of a verb-second statement makes it vague, as in a verb-last one.
    (
        "nl",
        "De student analyseert de vraag en houdt rekening met de gevolgen.",
        None,
        "houdt rekening met",
        ("analyseren", "houden"),
    ),
    # "Know how to" + a verb states the ability to act, after the learner too; the verb alone is vague.
    ("es", "Saber aplicar los principios de la contratación.", "aplicar", None, ("aplicar",)),
    ("es", "Saber los principios de la contratación.", None, "saber", ("saber",)),
    ("pt", "Saber aplicar os princípios da contabilidade.", "aplicar", None, ("aplicar",)),
    ("fr", "Les étudiants sauront rédiger un rapport technique.", "rédiger", None, ("rédiger",)),
    ("it", "Saper applicare i principi della contabilità.", "applicare", None, ("applicare",)),
    ("en", "Students are expected to explain the stages of a tender.", "explain", None, ("explain",)),
    # A verb-last phrase to avoid is read in a main clause's verb-second order too; the participle of its verb
    # opens an adjunct ("rekening houdend met": taking into account), which is no vague action.
    ("nl", "De student heeft oog voor de maatschappelijke context van onderzoek.", None, "heeft oog voor", ("hebben",)),
    ("nl", "De student verdiept zich in de geschiedenis van de Nederlanden.", None, "verdiept zich in", ("verdiepen",)),
    ("nl", "Daarbij houdt hij rekening met de planning.", None, "houdt hij rekening met", ()),
    (
        "nl",
        "Technieken inzetten binnen het eigen project, rekening houdend met licenties.",
        "inzetten",
        None,
        ("inzetten",),
    ),
]


# Found missing by a blind probe (statements written by someone who had not read the rules): (language, statement,
# main verb or None, actions).
PROBED = [
    # common verbs of health, teaching, management and engineering outcomes
    (
        "de",
        "Die Studierenden können Patientinnen und Patienten über Therapieoptionen beraten.",
        "beraten",
        ("beraten",),
    ),
    # an object pronoun attached to a coordinated infinitive; not to the first word, a teacher's aim
    ("it", "Raccogliere dati sul campo e analizzarli con metodi statistici.", None, ("raccogliere", "analizzare")),
    ("es", "Programar un microcontrolador y medirlo con un osciloscopio.", "programar", ("programar", "medir")),
    ("es", "Introducirlo al mundo de Internet por medio de proyectos Web.", None, ()),
    # the infinitive's preposition repeated before the second verb
    (
        "fr",
        "L'étudiant sera capable de rédiger un rapport et de présenter ses résultats.",
        "rédiger",
        ("rédiger", "présenter"),
    ),
    # a teacher's aim in a verb-last language
    ("de", "Ziel der Lehrveranstaltung ist es, den Studierenden einen Einblick in die Statistik zu geben.", None, ()),
    ("nl", "Het doel van deze cursus is studenten kennis te laten maken met programmeren.", None, ()),
    # lead-ins: "en condiciones de", the subjunctive of "know how to", an outcome's code
    ("es", "El alumno estará en condiciones de formular un diagnóstico.", "formular", ("formular",)),
    ("es", "Que los estudiantes sepan aplicar sus conocimientos.", "aplicar", ("aplicar",)),
    ("es", "CE3 - Capacidad para diseñar interfaces de usuario.", "diseñar", ("diseñar",)),
    # a present-tense verb right after the learner, which the tables leave out as a noun
    ("fr", "L'étudiant analyse un texte littéraire.", "analyser", ("analyser",)),
    ("it", "Lo studente valuta i rischi di un progetto.", "valutare", ("valutare",)),
    ("fr", "Analyse de textes littéraires.", None, ()),
    # a state named by the adjective closing a verb-last clause is vague; the same word as an adverb is not
    ("de", "Die Studierenden können Methoden bewusst einsetzen.", "einsetzen", ("einsetzen",)),
    # "attend" is a course requirement, not an outcome; reflexive verbs read as listed ("s'exprimer")
    ("en", "Students are expected to attend all laboratory sessions.", None, ()),
    ("fr", "S'exprimer à l'oral devant un public.", "se exprimer", ("se exprimer",)),
    # the corpus guide's one-act pairs, in every language
    ("fr", "Identifier et décrire les étapes d'un appel d'offres.", "identifier", ("identifier",)),
    ("de", "Die Studierenden können Probleme identifizieren und lösen.", "lösen", ("lösen",)),
]


@pytest.mark.parametrize(("language", "statement", "verb", "actions"), PROBED)
def test_constructions_a_blind_probe_found(
    language: str, statement: str, verb: str | None, actions: tuple[str, ...]
) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None
    assert (reading.verb.verb if reading.verb else None) == verb
    assert reading.actions == actions


# A state or disposition is vague in every language: (language, statement, the vague phrase OW002 quotes).
STATES = [
    ("de", "Die Studierenden sind mit den Grundlagen der Statistik vertraut.", "vertraut"),
    ("de", "Die Studierenden sind sich der ethischen Verantwortung bewusst.", "bewusst"),
    ("nl", "De student is met de methoden van de biologie vertrouwd.", "vertrouwd"),
    ("fr", "S'approprier les concepts clés de la comptabilité.", "se approprier"),
    ("fr", "Développer un esprit critique face aux médias.", "développer un esprit critique"),
    ("it", "Sviluppare uno spirito critico nei confronti dei media.", "sviluppare uno spirito critico"),
    ("pt", "Desenvolver o pensamento crítico sobre os meios de comunicação.", "desenvolver o pensamento crítico"),
]


@pytest.mark.parametrize(("language", "statement", "phrase"), STATES)
def test_a_state_or_disposition_is_vague(language: str, statement: str, phrase: str) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None and reading.verb is None
    assert reading.vague is not None and reading.vague.phrase == phrase


# (statement, the unlisted verb read or None, actions): an English base form no list holds, with its object's
# determiner or pronoun after it, is an action of unknown level; without one it stays unread (most are nouns too).
UNLISTED_EN = [
    ("Plot a histogram of a numeric variable.", "plot", ("plot",)),
    ("To clone the repository of a project.", "clone", ("clone",)),
    ("Plot of the function values.", None, ()),
    ("Spend data and savings opportunities.", None, ()),
    ("Note that there are three measures of centre.", None, ()),
]


# A verb no list holds whose object is a vague capability hides a vague action: (language, statement, the unlisted
# verb, the vague phrase and its level, or None when the object is something else or lies beyond the phrase).
VAGUE_OBJECTS = [
    ("en", "Deepen their understanding of market dynamics.", "deepen", "deepen their understanding/understand"),
    ("en", "Broaden their knowledge of European law.", "broaden", "broaden their knowledge/remember"),
    ("en", "Deepen the foundations of a building.", "deepen", None),
    ("fr", "Élargir ses connaissances en comptabilité.", "élargir", "élargir ses connaissances/remember"),
    ("fr", "Élargir une route de campagne.", "élargir", None),
    ("it", "Ampliare conoscenze di diritto amministrativo.", "ampliare", "ampliare conoscenze/remember"),
    # The object ends at a coordinator, a comma or a full stop; a capability named before the verb is no object.
    ("en", "Catalogue the sites and knowledge gaps of a region.", "catalogue", None),
    ("en", "Catalogue the sites, knowledge gaps and risks.", "catalogue", None),
    ("en", "Catalogue the sites. Knowledge is key.", "catalogue", None),
    ("en", "Students with knowledge of R can plot a histogram.", "plot", None),
]


@pytest.mark.parametrize(("language", "statement", "unlisted", "vague"), VAGUE_OBJECTS)
def test_an_unlisted_verb_with_a_vague_capability_as_object_is_vague(
    language: str, statement: str, unlisted: str, vague: str | None
) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None and reading.verb is None
    assert reading.unlisted == unlisted
    assert (f"{reading.vague.phrase}/{reading.vague.suggest.id}" if reading.vague is not None else None) == vague


@pytest.mark.parametrize(("statement", "unlisted", "actions"), UNLISTED_EN)
def test_an_english_verb_no_list_holds_is_read_before_its_object(
    statement: str, unlisted: str | None, actions: tuple[str, ...]
) -> None:
    reading = load_framework("eu").reading(statement, "en")
    assert reading is not None and reading.verb is None and reading.vague is None
    assert reading.unlisted == unlisted
    assert reading.actions == actions


COMPOUND = [
    ("en", "Identify and apply the award criteria.", True),
    ("en", "Identify or construct the award criteria.", False),
    ("nl", "De student kan inferenties verifiëren of weerleggen met de methoden van de cursus.", False),
    ("en", "Know the aids and be able to select suitable technologies.", True),
    ("en", "Explain and understand the stages of a tender.", False),
    ("en", "Understand and apply tender law.", False),
    # Vague verbs in a verb list that share its object are OW002's, wherever they stand in the list
    ("en", "Understand, explain and know the stages of a tender.", False),
    # A pair that is one action in the language's own coordinator ("y"), not only "and"
    ("es", "Comparar y contrastar dos procedimientos de licitación.", False),
    ("en", "You know the terms. You can use them in programs.", True),
    ("de", "Die Studierenden können Angebote vergleichen und gegenüberstellen.", False),
    ("de", "Die Studierenden analysieren und bewerten Angebote.", True),
    # A second sentence that opens with a list of verbs, or is one verb with no full stop, adds an action
    ("en", "Write the code. Test, debug and document it.", True),
    ("en", "Explain the stages of a tender; evaluate", True),
    # Two separable verbs, or one beside a plain verb, in two conjuncts of a main clause
    ("nl", "De student werkt een ontwerp uit en licht keuzes toe.", True),
    ("nl", "De student analyseert de markt en stelt een plan op.", True),
    ("de", "Die Studierenden führen eine Analyse durch und stellen die Ergebnisse dar.", True),
    ("nl", "De student legt de werking van een compiler uit.", False),
    # A plain infinitive joined after its prefix ("stellen ... dar") coordinates with a plain one; a verb right after
    # a comma is joined with its prefix too.
    ("de", "Die Studierenden analysieren Daten und stellen die Ergebnisse dar.", True),
    ("de", "Die Studierenden analysieren Daten, führen Tests durch und stellen Ergebnisse dar.", True),
    ("en", "Identify errors in a program and fix them", True),
    # After a relative clause, a verb in the main verb's form is a second main verb where it cannot be the
    # clause's: finite after a finite main verb, an infinitive where clauses take finite verbs (es, fr, it, pt).
    ("es", "Identificar los riesgos que afectan a un proyecto y proponer medidas.", True),
    ("fr", "Identifier les risques qui menacent un projet et proposer des mesures.", True),
    ("en", "Explains the factors that affect demand and proposes policies.", True),
    # ... but not a verb of the clause's own form, nor after a clause that already holds a verb of the main's form
    ("en", "Evaluate policies that promote growth and reduce inequality.", False),
    ("en", "Design a database that stores and retrieves data.", False),
    ("es", "Aplicar técnicas que permitan analizar datos y evaluar resultados.", False),
    ("es", "Aplicar técnicas estadísticas para analizar datos y evaluar resultados.", False),
    # ... while a finite verb in the clause leaves the plain one to the main verb
    ("es", "Aplicar técnicas que analizan datos y evaluar resultados.", True),
    ("fr", "Concevoir des systèmes qui stockent et restituent des données.", False),
    # An unlisted English verb before its object's determiner or pronoun is a second action too
    ("en", "Write and run a Python script.", True),
    ("en", "Identify errors in a program and fix them.", True),
    ("en", "Explain the process and the outcome of a tender.", False),
]


@pytest.mark.parametrize(("language", "statement", "compound"), COMPOUND)
def test_which_statements_are_compound(language: str, statement: str, compound: bool) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None and reading.compound is compound, reading


def test_a_romance_infinitive_the_lists_lack_is_an_action_of_unknown_level() -> None:
    fw = load_framework("eu")
    reading = fw.reading("Persister des données dans une base.", "fr")
    assert reading is not None and reading.unlisted == "persister" and reading.verb is None and reading.vague is None
    assert fw.reading("Base de données relationnelle.", "fr").unlisted is None  # type: ignore[union-attr]
    assert fw.reading("Ser responsable del proyecto.", "es").unlisted is None  # type: ignore[union-attr]


def test_spelling_variants_are_suggested_once(tmp_path: Path) -> None:
    fw = load_framework("eu")
    assert fw.suggestions(fw.bloom_by_id["analyse"], "en") == [
        "analyse",
        "differentiate",
        "distinguish",
        "discriminate",
    ]
    text = "extends: eu\nwording:\n  en:\n    verbs: {apply: [utilise, utilize, use, analyse, analyze, employ]}\n"
    path = tmp_path / "qa.yaml"
    path.write_text(text, encoding="utf-8")
    custom = load_framework(str(path))
    assert custom.suggestions(custom.bloom_by_id["apply"], "en") == ["utilise", "use", "analyse", "employ"]
    assert custom.suggestions(custom.bloom_by_id["create"], "en")[:2] == ["design", "create"]
    # "review" is no spelling variant of "revise", though it shares its first letters
    text = "extends: eu\nwording:\n  en:\n    verbs: {evaluate: [revise, review, judge]}\n"
    path = tmp_path / "review.yaml"
    path.write_text(text, encoding="utf-8")
    custom = load_framework(str(path))
    assert custom.suggestions(custom.bloom_by_id["evaluate"], "en") == ["revise", "review", "judge"]


@pytest.mark.parametrize(("language", "statement", "verb", "vague", "actions"), READINGS)
def test_statements_are_read_in_their_language(
    language: str, statement: str, verb: str | None, vague: str | None, actions: tuple[str, ...]
) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None
    assert (reading.verb.verb if reading.verb else None) == verb
    assert (reading.vague.phrase if reading.vague else None) == vague
    assert reading.actions == actions


# Everything a reading holds, mostly for the verb-last reader (de, nl): (language, statement, the first word OW001 quotes,
# "verb/level" or None, vague phrase or None, unlisted verb or None, actions).
FULL_READINGS = [
    # A comma before a subordinator closes the main clause: the verb of the purpose clause is not the main one.
    (
        "de",
        "Die Studierenden können Daten analysieren, um Angebote zu bewerten.",
        "daten",
        "analysieren/analyse",
        None,
        None,
        ("analysieren",),
    ),
    # A relative clause the subordinators do not open ("in denen") ends at the first comma closing on a verb,
    # also when it holds verbs of its own
    (
        "de",
        "Die Studierenden können Situationen klassifizieren, in denen sie Daten analysieren und bewerten müssen.",
        "situationen",
        "klassifizieren/understand",
        None,
        None,
        ("klassifizieren",),
    ),
    # A relative clause with no verb before it is part of the object: the verb closing the statement is read
    ("nl", "De student kan de software die hij schrijft testen.", "de", "testen/evaluate", None, None, ("testen",)),
    # One word after the infinitive
    (
        "nl",
        "De student kan de resultaten presenteren mondeling.",
        "de",
        "presenteren/apply",
        None,
        None,
        ("presenteren",),
    ),
    # The first word of a clause coordinated with the last verb is an action; a verb said twice is one action
    (
        "de",
        "Die Studierenden können vergleichen und bewerten.",
        "vergleichen",
        "bewerten/evaluate",
        None,
        None,
        ("vergleichen", "bewerten"),
    ),
    (
        "nl",
        "De student kan code schrijven en testen, en unittests schrijven.",
        "code",
        "schrijven/create",
        None,
        None,
        ("testen", "schrijven"),
    ),
    # The word after "zu" right after the lead-in is a verb even when no list holds it
    ("de", "Die Studierenden sind in der Lage, selbständig zu arbeiten.", "zu", None, None, "arbeiten", ("arbeiten",)),
    ("nl", "De student kan requirements deduceren.", "requirements", None, None, "deduceren", ("deduceren",)),
    # Action nouns name the actions only when no verb closes the clause, and keep their verb's level
    (
        "de",
        "Die Studierenden können Modellierung und Simulation einsetzen.",
        "modellierung",
        "einsetzen/apply",
        None,
        None,
        ("einsetzen",),
    ),
    ("de", "Planung von Projekten.", "planung", "planen/create", None, None, ("planen",)),
    # ... coordinated by a comma or "und", right to the end of the statement; a one-word noun; a short one
    (
        "de",
        "Planung, Bewertung und Priorisierung neuer Technologien.",
        "planung",
        "planen/create",
        None,
        None,
        ("planen", "bewerten", "priorisieren"),
    ),
    ("de", "Bewertung und Priorisierung.", "bewertung", "bewerten/evaluate", None, None, ("bewerten", "priorisieren")),
    ("de", "Planung.", "planung", "planen/create", None, None, ("planen",)),
    ("de", "Lösung komplexer Probleme.", "lösung", "lösen/apply", None, None, ("lösen",)),
    # ... and a noun whose verb ends in "-n", not "-en" ("Erläuterung" -> "erläutern")
    (
        "de",
        "Erläuterung und Bewertung von Verfahren.",
        "erläuterung",
        "erläutern/understand",
        None,
        None,
        ("erläutern", "bewerten"),
    ),
    # Nothing after the lead-in is no action and nothing vague (OW001)
    ("de", "Die Studierenden können.", "", None, None, None, ()),
    # A passive main clause and a verb-second statement quote their first word
    ("nl", "De testen worden uitgevoerd volgens een testplan.", "de", None, None, None, ()),
    (
        "nl",
        "De student ontwerpt en ontwikkelt toepassingen.",
        "ontwerpt",
        "ontwerpen/create",
        None,
        None,
        ("ontwerpen", "ontwikkelen"),
    ),
    # A phrase that is vague only at the start ("Kenntnisse", "Lernen") is vague there and nowhere else
    (
        "de",
        "Die Studierenden können ihre Kenntnisse der Statistik anwenden.",
        "ihre",
        "anwenden/apply",
        None,
        None,
        ("anwenden",),
    ),
    ("de", "Lernen, Daten zu analysieren.", "lernen", None, "lernen", None, ("analysieren",)),
    # Verbs of two and three words closing the clause keep their level
    (
        "de",
        "Die Studierenden können zu aktuellen Fragen Stellung nehmen.",
        "zu",
        "stellung nehmen/evaluate",
        None,
        None,
        ("stellung nehmen",),
    ),
    (
        "nl",
        "De student kan een oordeel vormen over de offertes.",
        "een",
        "een oordeel vormen/evaluate",
        None,
        None,
        ("een oordeel vormen",),
    ),
    # ... also when its last word is inflected (a past participle)
    (
        "nl",
        "De student heeft processen schematisch weergegeven.",
        "heeft",
        "schematisch weergeven/analyse",
        None,
        None,
        ("schematisch weergeven",),
    ),
    # An adverb before the verb that closes a statement with no full stop is skipped; an adverb alone is quoted
    ("en", "Critically evaluate", "evaluate", "evaluate/evaluate", None, None, ("evaluate",)),
    ("en", "Critically, evaluate", "evaluate", "evaluate/evaluate", None, None, ("evaluate",)),
    ("en", "Independently", "independently", None, None, None, ()),
    # A joined separable verb is quoted as a word, without the reader's mark
    ("nl", "Legt uit hoe een compiler werkt.", "uitlegt", "uitleggen/understand", None, None, ("uitleggen",)),
]


@pytest.mark.parametrize(("language", "statement", "first", "verb", "vague", "unlisted", "actions"), FULL_READINGS)
def test_a_reading_holds_the_first_word_level_and_unlisted_verb(
    language: str,
    statement: str,
    first: str,
    verb: str | None,
    vague: str | None,
    unlisted: str | None,
    actions: tuple[str, ...],
) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None
    assert reading.first_word == first
    assert (f"{reading.verb.verb}/{reading.verb.level.id}" if reading.verb is not None else None) == verb
    assert (reading.vague.phrase if reading.vague is not None else None) == vague
    assert reading.unlisted == unlisted
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
    # ... also after a lead-in, where the object stands further from the statement's start than the routine window
    lead_in = "Students will be able to create a chart of monthly spend."
    assert fw.leading_verb(lead_in).level.id == "apply"  # type: ignore[union-attr]


WORDS = [
    "and",
    "und",
    "en",
    "y",
    "et",
    "e",
    "to",
    "kan",
    "können",
    "de",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "l'",
    "d'",
    "analyse",
    "analysieren",
    "analyseren",
    "diseñar",
    "understand",
    "kennen",
    "a",
    "the",
    "students",
    "will",
    "be",
    "able",
    "of",
    "…",
    "que",
    "zu",
    "te",
    "toe",
    "passen",
    "carry",
    "out",
    "-",
    "'",
    "’",
    "Explain",
]


@pytest.mark.parametrize("language", wording_ids())
def test_reading_any_text_never_fails(language: str) -> None:
    # Statements come from users and published documents: every sequence of words, punctuation and stray
    # characters gives a reading, never an exception.
    from hypothesis import given, settings
    from hypothesis import strategies as st

    wording = load_framework("eu").wording(language)
    assert wording is not None
    text = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join))

    @settings(max_examples=300, deadline=None, database=None)
    @given(text)
    def read(statement: str) -> None:
        reading = wording.read(statement)
        assert reading.verb is None or (reading.vague is None and reading.verb.level in wording.levels)
        assert not reading.compound or len(reading.actions) > 1

    read()


# (language, statement, the first word OW001 would quote, the vague capability read / the level suggested, or None:
# no action and nothing vague, OW001)
CAPABILITY_NOUNS = [
    ("en", "A sound grounding in tender law.", "grounding", "grounding/remember"),
    ("de", "Zentrales Lernziel ist das Verständnis der Vergabeverfahren.", "zentrales", "verständnis/understand"),
    ("nl", "Een goed begrip van aanbestedingsrecht.", "een", "begrip van/understand"),
    # A heading before a colon is not the statement: its noun does not make the topic after it vague.
    ("en", "Knowledge: tender law and contracts.", "tender", None),
    # A topic list: the phrase ends at a comma or a coordinator before the noun.
    ("en", "Tendering techniques, an understanding of the commercial context.", "tendering", None),
    ("en", "Tendering techniques and an understanding of the commercial context.", "tendering", None),
    ("es", "Sólidos conocimientos básicos del derecho de la contratación.", "sólidos", "conocimientos/remember"),
    # The course as the subject: what it gives is described, not a capability of the learner.
    ("en", "The course provides an overview of procurement law.", "the", None),
    ("es", "El curso ofrece una visión general del derecho de la contratación.", "el", None),
    # The teacher's aim gives the knowledge: not the learner's capability.
    ("en", "The aim of this module is to provide learners with knowledge of tendering.", "the", None),
    # ... also with no course noun before it to end the phrase first.
    ("en", "The aim is to provide learners with knowledge of tendering.", "the", None),
]


@pytest.mark.parametrize(("language", "statement", "first", "noun"), CAPABILITY_NOUNS)
def test_a_vague_capability_named_as_a_noun_is_vague(
    language: str, statement: str, first: str, noun: str | None
) -> None:
    reading = load_framework("eu").reading(statement, language)
    assert reading is not None
    assert reading.verb is None and reading.unlisted is None
    assert reading.first_word == first
    assert (f"{reading.vague.phrase}/{reading.vague.suggest.id}" if reading.vague else None) == noun


@pytest.mark.parametrize("language", wording_ids())
def test_a_capability_noun_suggests_the_level_its_phrases_to_avoid_suggest(language: str) -> None:
    """'Appreciation of X' and 'Appreciation for X' get the same advice: the noun's level is its `avoid` phrases'.

    Compared: phrases that open with the noun ("awareness of") or carry it after a gap ("gain … insight into").
    """
    wording = load_framework("eu").wording(language)
    assert wording is not None
    nouns = {entry["phrase"]: entry["suggest"] for entry in wording.vague_nouns}
    compared = 0
    for entry in wording.avoid:
        words = entry["phrase"].split()
        if any(w in wording.coordinators for w in words):
            continue  # "conocimiento y comprensión de" names two capabilities
        for position, word in enumerate(words):
            if word in nouns and (position == 0 or words[position - 1] == "…"):
                compared += 1
                assert nouns[word] == entry["suggest"], (
                    f"{language}: '{entry['phrase']}' suggests {entry['suggest']}, '{word}' {nouns[word]}"
                )
    assert compared, f"{language}: no vague noun has a phrase to avoid to compare with"


# (the verbs a framework lists for a language without a built-in file, the verbs OW001 then suggests)
FEW_LEVELS = [
    ({"understand": ["selittää", "kuvata"]}, "selittää"),
    ({"understand": ["selittää"], "analyse": ["analysoida"]}, "selittää or analysoida"),
    (
        {"understand": ["selittää"], "apply": ["soveltaa"], "analyse": ["analysoida"]},
        "selittää, soveltaa or analysoida",
    ),
]


@pytest.mark.parametrize(("verbs", "examples"), FEW_LEVELS)
def test_ow001_suggests_the_first_verb_of_each_level_the_language_lists(
    tmp_path: Path, verbs: dict[str, list[str]], examples: str
) -> None:
    from designer.rules.engine import lint_text

    finnish = {
        "language": "fi",
        "name": "Finnish",
        "sources": [{"id": "own", "title": "The faculty's own list", "url": "https://example.org/verbs"}],
        "verb_position": "first",
        "verbs": verbs,
    }
    framework = tmp_path / "fi.yaml"
    framework.write_text(yaml.safe_dump({"extends": "eu", "wording": {"fi": finnish}}, allow_unicode=True), "utf-8")
    design = yaml.safe_load((ROOT / "tests" / "fixtures" / "base.yaml").read_text(encoding="utf-8"))
    design["course"]["language"] = "fi"
    design["outcomes"][0]["statement"] = "Selittää julkisen tarjouskilpailun vaiheet."
    design["outcomes"][1]["statement"] = "Julkisen tarjouskilpailun vaiheet."
    result = lint_text(yaml.safe_dump(design, allow_unicode=True), framework=str(framework))
    assert [f.message for f in result.findings if f.code == "OW001"] == [
        f"LO2 does not start with a measurable verb ('julkisen'); start with a verb such as {examples}"
    ]


def test_a_level_the_language_lists_no_verbs_for_suggests_none(tmp_path: Path) -> None:
    finnish = {
        "language": "fi",
        "name": "Finnish",
        "sources": [{"id": "own", "title": "The faculty's own list", "url": "https://example.org/verbs"}],
        "verb_position": "first",
        "verbs": {"understand": ["selittää"]},
    }
    path = tmp_path / "fi.yaml"
    path.write_text(yaml.safe_dump({"extends": "eu", "wording": {"fi": finnish}}, allow_unicode=True), "utf-8")
    custom = load_framework(str(path))
    assert custom.suggestions(custom.bloom_by_id["understand"], "fi") == ["selittää"]
    assert custom.suggestions(custom.bloom_by_id["create"], "fi") == []


def test_ow005_points_at_the_outcomes_when_the_language_is_the_frameworks_default(tmp_path: Path) -> None:
    from designer.rules.engine import lint_text

    framework = tmp_path / "fi.yaml"
    framework.write_text("extends: eu\nbloom:\n  default_language: fi\n", "utf-8")
    design = yaml.safe_load((ROOT / "tests" / "fixtures" / "base.yaml").read_text(encoding="utf-8"))
    del design["course"]["language"]
    text = yaml.safe_dump(design, allow_unicode=True, sort_keys=False)
    result = lint_text(text, framework=str(framework))
    outcomes_line = text.splitlines().index("outcomes:") + 1
    assert [(f.line, f.message) for f in result.findings if f.code == "OW005"] == [
        (
            outcomes_line,
            "outcome wording not checked for language fi: no wording data (have de, en, es, fr, it, nl, pt)",
        )
    ]
