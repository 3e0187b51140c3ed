"""The framework file format (frameworks/*.yaml) as pydantic models.

A file is checked after `extends:` merging, so an overlay may give only the keys
it changes while the merged result must be complete. Numbers are strict, as in
the design format: YAML already types its scalars, so `min: "25"` or `min: lots`
is an error, not a guess.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PositiveNumber = Annotated[float, Field(gt=0)]
Share = Annotated[float, Field(ge=0, lt=1)]
Words = Annotated[list[str], Field(min_length=1)]


class _Section(BaseModel):
    # Only FrameworkSpec is validated directly: deferring the build makes one validator, not sixteen (start-up).
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True, defer_build=True)


class HoursPerCredit(_Section):
    """The notional hours one credit stands for."""

    min: PositiveNumber = Field(description="Fewest hours per credit.")
    max: PositiveNumber = Field(description="Most hours per credit; equal to `min` for a fixed rate.")


class CreditRange(_Section):
    """The credits a micro-credential may carry."""

    min: PositiveNumber = Field(description="Fewest credits.")
    max: PositiveNumber = Field(description="Most credits.")
    max_exclusive: bool = Field(False, description="Whether `max` itself is outside the range (Spain: under 15).")


class Ects(_Section):
    """ECTS workload: hours per credit and the credit range."""

    hours_per_credit: HoursPerCredit = Field(description="Hours per credit band (ECTS Users' Guide: 25-30).")
    fixed_rate_tolerance: Share = Field(
        0.0, description="Share planned hours may differ from ects x a design's own `hours_per_ects`."
    )
    credits: CreditRange = Field(description="Credits a design may carry.")


class EqfLevel(_Section):
    """One EQF level's descriptor."""

    knowledge: str = Field(description="Knowledge descriptor.")
    skills: str = Field(description="Skills descriptor.")
    responsibility_autonomy: str = Field(description="Responsibility and autonomy descriptor.")
    expected_bloom: str | None = Field(None, description="Id of the Bloom level an outcome at this level reaches.")
    qf_ehea_cycle: str | None = Field(None, description="QF-EHEA cycle of the level, when it has one.")


class Eqf(_Section):
    """The European Qualifications Framework."""

    uri: str | None = Field(None, description="URI template of a level, with `{level}`.")
    levels: dict[int, EqfLevel] = Field(min_length=1, description="Descriptors by level number.")


class BloomLevelEntry(_Section):
    """One level of the revised Bloom taxonomy; its verbs are per language, in frameworks/wording/."""

    id: str = Field(description="Id other sections refer to, e.g. analyse.")
    label: str = Field(description="Name shown to users, e.g. Analyse.")


class Bloom(_Section):
    """The revised Bloom taxonomy and which language's wording data reads outcomes by default."""

    levels: list[BloomLevelEntry] = Field(min_length=1, description="Levels, lowest first.")
    default_language: str = Field("en", description="Language of outcome statements when the design names none.")
    suggestions_per_finding: int = Field(ge=1, description="How many better verbs a finding suggests.")
    lead_in_words: int = Field(ge=1, description="How far into a statement a lead-in may end.")
    phrase_gap_words: int = Field(ge=0, description="How many words a '…' in a phrase to avoid stands for.")


class AvoidEntry(_Section):
    """A verb or phrase that is not observable, with the level whose verbs replace it."""

    phrase: str = Field(min_length=1, description="The words to avoid; '…' stands for up to three words.")
    suggest: str = Field(description="Id of the Bloom level whose verbs are suggested instead.")
    at_start_only: bool = Field(False, description="Whether the phrase counts only as the statement's main verb.")


class VagueNoun(_Section):
    """A vague capability named as a noun ('knowledge'), with the level whose verbs replace it."""

    phrase: str = Field(min_length=1, description="The noun, or a noun and its preposition.")
    suggest: str = Field(description="Id of the Bloom level whose verbs are suggested instead.")

    @field_validator("phrase")
    @classmethod
    def _no_gap(cls, phrase: str) -> str:
        if "…" in phrase:
            raise ValueError("a noun is read as written: '…' (a gap of words) belongs in `avoid` phrases")
        return phrase


class WordingSource(_Section):
    """A published list the wording data comes from."""

    id: str = Field(description="Id the comments refer to.")
    title: str = Field(description="Author, year, title.")
    url: str = Field(min_length=1, description="Where to read it.")
    used_for: list[str] = Field(default_factory=list, description="Which lists it supports.")


class Routine(_Section):
    """Verbs that are routine, not creative, with certain objects ('create a chart' is Apply)."""

    verbs: Words = Field(description="Verbs (lemmas).")
    objects: Words = Field(description="Objects that make the verb routine.")
    within_words: int = Field(4, ge=1, description="How far after the verb the object may come.")
    level: str = Field(description="Id of the Bloom level the verb then shows.")


class WordingSpec(_Section):
    """frameworks/wording/<lang>.yaml: how outcome statements in one language are read."""

    language: str = Field(min_length=2, description="ISO 639-1 code, the file's name.")
    name: str = Field(description="The language's name in English.")
    sources: list[WordingSource] = Field(min_length=1, description="Published lists the data comes from.")
    verb_position: Literal["first", "last"] = Field(description="Where the main verb sits after the opening.")
    openings: list[str] = Field(default_factory=list, description="Lead-ins stripped before the verb is read.")
    lead_markers: list[str] = Field(
        default_factory=list, description="Words that end a lead-in the openings do not hold ('able to')."
    )
    subjects: list[str] = Field(
        default_factory=list,
        description="The learner as a sentence's subject ('lo studente'): a lead-in up to one of these ends there.",
    )
    adverbs: list[str] = Field(default_factory=list, description="Adverbs allowed before the verb.")
    adverb_suffixes: list[str] = Field(default_factory=list, description="Endings that mark an adverb ('ly').")
    verbs: dict[str, list[str]] = Field(description="Measurable verbs (lemmas) by Bloom level id, suggested first.")
    routine: Routine | None = Field(None, description="Verbs that are routine with certain objects.")
    avoid: list[AvoidEntry] = Field(default_factory=list, description="Verbs and phrases that are not measurable.")
    vague_nouns: list[VagueNoun] = Field(
        default_factory=list,
        description="Vague capabilities named as nouns ('knowledge'): a statement with no action that names one is vague.",
    )
    course_nouns: list[str] = Field(
        default_factory=list,
        description="Words naming the course ('module'): a capability noun after one is what the course gives.",
    )
    one_action: list[str] = Field(default_factory=list, description="Coordinated verbs that are one action.")
    coordinators: list[str] = Field(default_factory=list, description="Words that coordinate main verbs.")
    subordinators: list[str] = Field(default_factory=list, description="Words that open a relative or purpose clause.")
    infinitive_markers: list[str] = Field(
        default_factory=list, description="Words that open a purpose clause when a verb follows ('to')."
    )
    teacher_aims: list[str] = Field(
        default_factory=list,
        description="Openings of a teacher's aim, not a learner's action ('provide students with').",
    )
    intro_words: list[str] = Field(
        default_factory=list,
        description="Words that open an introductory phrase closed by a comma ('In speaking, describe ...').",
    )
    abbreviations: list[str] = Field(
        default_factory=list,
        description="Abbreviations whose full stop ends no sentence, where nouns are capitalised ('ggf.', 'bzw.').",
    )
    verb_particles: list[str] = Field(
        default_factory=list,
        description="A particle before an infinitive closing the clause ('zu'): the word after it is a verb.",
    )
    separable_prefixes: list[str] = Field(
        default_factory=list,
        description=(
            "Separable verb prefixes (de, nl): a main clause's finite verb stands second and its prefix closes the "
            "clause ('legt ... uit' = uitleggen); the reader joins them, the generator writes 'anzuwenden'."
        ),
    )
    after_prefix: list[str] = Field(
        default_factory=list,
        description=(
            "Prepositions that may open a phrase after a separable verb's prefix, where the language places one "
            "there ('De student past X toe in een applicatie')."
        ),
    )
    finite_clauses: bool = Field(
        False,
        description=(
            "Whether relative and purpose clauses take finite verbs, so that an infinitive coordinated after one "
            "is a second main verb ('Identificar los elementos que debe contener y conocer las técnicas')."
        ),
    )
    object_openers: list[str] = Field(
        default_factory=list,
        description=(
            "Determiners and object pronouns: a generated base form that can be a verb is read as an unlisted "
            "action when one follows it ('Plot a histogram'), since such words are nouns too (en)."
        ),
    )
    action_nouns: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Noun ending -> verb endings: an action noun names its verb's action ('Planung' -> 'planen').",
    )
    alternatives: list[str] = Field(
        default_factory=list,
        description="Coordinators of alternatives ('or'): 'identify or construct' is one action, not a compound.",
    )
    question_words: list[str] = Field(
        default_factory=list,
        description="Words that open a question naming a topic, not an action ('Wat een tensor is').",
    )
    passive_auxiliaries: list[str] = Field(
        default_factory=list,
        description="Auxiliaries of the passive voice: a main clause with one says what is done, not who does it.",
    )
    not_actions: list[str] = Field(
        default_factory=list, description="Verbs that state no action on their own ('be', 'have'), lexicon or not."
    )
    clitics: list[str] = Field(
        default_factory=list, description="Object pronouns skipped before a coordinated verb ('et les appliquer')."
    )
    elisions: dict[str, str] = Field(
        default_factory=dict, description='Elided words and their full form, read alike ("d\'": de).'
    )
    noun_followers: list[str] = Field(
        default_factory=list, description="Words after a verb form that show it is used as a noun ('of')."
    )
    repeated_markers: list[str] = Field(
        default_factory=list,
        description=(
            "The preposition an infinitive takes after a lead-in, repeated before a coordinated infinitive "
            "('capable de modéliser et de simuler'): skipped when reading the second verb."
        ),
    )
    vague_predicates: list[VagueNoun] = Field(
        default_factory=list,
        description=(
            "Adjectives that close a verb-last clause after a copula and name no performance ('Die Studierenden "
            "sind mit den Grundlagen vertraut'): the statement is vague."
        ),
    )
    finite_endings: dict[str, list[str]] = Field(
        default_factory=dict,
        description=(
            "Present-tense endings and the infinitive endings they come from ('e': ['er']): the word right after "
            "the learner as subject is read as that verb when the tables do not know it ('L'étudiant analyse')."
        ),
    )
    enclitic_drop: str | None = Field(
        None,
        description=(
            "Where object pronouns (`clitics`) attach to the infinitive, the letters it drops before one: '' in es "
            "('analizarlos' = analizar + los), 'e' in it ('analizzarli' = analizzare + li); none elsewhere."
        ),
    )
    forms_exclude_suffixes: list[str] = Field(
        default_factory=list, description="Endings of forms the generator leaves out (nouns that look like verbs)."
    )
    forms: dict[str, str] = Field(default_factory=dict, description="Inflected form -> lemma (generated).")


class InformationElement(_Section):
    """An element of the information that describes every micro-credential."""

    id: str = Field(description="Stable id of the element.")
    label: str = Field(description="The element's name in the Recommendation.")
    scope: Literal["design", "credential"] = Field(
        "design", description="`design` if a course design carries it; `credential` if each issued credential does."
    )
    field: str | None = Field(None, description="Dotted design key that carries the element, e.g. course.ects.")
    show: str = Field("values", description="How the specification presents the element (see frameworks/eu.yaml).")
    labels: str | None = Field(
        None, description="The labels table that words its coded values (frameworks/labels/), e.g. countries."
    )


class Vocabularies(_Section):
    """Allowed values of the design's coded fields."""

    domain: Words = Field(description="Outcome domains (EQF).")
    participation: Words = Field(description="Forms of participation.")
    assessment_supervision: Words = Field(description="Supervision and identity verification during assessment.")
    stackability: Words = Field(description="Stand-alone or stackable.")
    content_mode: Words = Field(description="Delivery modes of content units.")
    content_activity: Words = Field(description="Teaching activities of content units.")
    formative_method: Words = Field(description="Methods of formative checkpoints.")
    grading: Words = Field(description="How a summative component is graded: graded, or pass-fail (no weight).")
    learning_setting: Words = Field(description="Learning settings: formal or non-formal (ELM).")
    approval_status: Words = Field(description="Where a design stands with its approving committee.")


class SummativeMethod(_Section):
    """What a summative method can evidence."""

    max_bloom: str = Field(description="Id of the highest Bloom level the method can evidence.")
    authentic: bool = Field(description="Whether it measures performance in a work-like context.")
    evidences_recall_only: bool = Field(
        False, description="Whether its usual form shows only that a learner recalls or recognises an answer (LV004)."
    )


class Alignment(_Section):
    """Constructive alignment: summative weights and formative checkpoints."""

    weight_total: PositiveNumber = Field(description="What summative weights must add to (percent).")
    weight_tolerance: Annotated[float, Field(ge=0)] = Field(
        description="How far the weights' sum may be from `weight_total` (percent points)."
    )
    min_checkpoints: Annotated[int, Field(ge=0)] = Field(description="Fewest formative checkpoints of any design.")
    max_weeks_without_checkpoint: Annotated[int, Field(ge=0)] = Field(
        description=(
            "Most weeks in a row with no formative checkpoint between the course's start and its last summative "
            "component, when the plan states weeks."
        )
    )


class OutcomeCount(_Section):
    """How many outcomes a course's size supports (OW006)."""

    max_per_credit: PositiveNumber = Field(description="Outcomes per ECTS credit, rounded up.")
    max_floor: Annotated[int, Field(gt=0)] = Field(
        description="The limit is never below this, however small the course."
    )
    max_ceiling: Annotated[int, Field(gt=0)] = Field(
        description="The limit is never above this, however large the course."
    )


class Delivery(_Section):
    """Delivery: which modes are asynchronous and which activities give interaction."""

    asynchronous_modes: Words = Field(description="Content modes without live contact.")
    interaction_activities: Words = Field(description="Activities that give interaction or mentoring.")


class CatalogueChecks(_Section):
    """Figures the catalogue rules (CT) use."""

    outcome_shingle_words: Annotated[int, Field(ge=1)] = Field(
        description="Words per shingle when two outcome statements are compared (CT010)."
    )
    outcome_resemblance: Annotated[float, Field(gt=0, le=1)] = Field(
        description="Resemblance (shared shingles / all shingles) from which two outcomes read alike (CT010)."
    )


class Limits(_Section):
    """Limits that keep the linter safe on hostile input."""

    max_file_bytes: Annotated[int, Field(gt=0)] = Field(description="Largest design file read.")
    max_nodes: Annotated[int, Field(gt=0)] = Field(description="Most YAML nodes, aliases expanded.")
    max_depth: Annotated[int, Field(gt=0)] = Field(description="Deepest nesting.")
    max_template_seconds: Annotated[int, Field(gt=0)] = Field(
        description="Longest one render with an institution's templates may run (seconds)."
    )
    max_template_output_chars: Annotated[int, Field(gt=0)] = Field(
        description="Most characters one render with an institution's templates may produce."
    )


class FrameworkSpec(_Section):
    """A framework file after `extends:` merging: every number and vocabulary the rules use."""

    id: str | None = Field(None, description="Short id, e.g. es; the file name when absent.")
    name: str | None = Field(None, description="Name shown in reports; the file name when absent.")
    sources: list[str] = Field(default_factory=list, description="Documents the numbers come from.")
    ects: Ects = Field(description="ECTS workload.")
    eqf: Eqf = Field(description="EQF levels.")
    bloom: Bloom = Field(description="Bloom taxonomy.")
    minimum_information: list[InformationElement] = Field(description="Mandatory information (2022 Annex I).")
    optional_information: list[InformationElement] = Field(
        default_factory=list, description="Optional information (2022 Annex I)."
    )
    vocabularies: Vocabularies = Field(description="Allowed values of coded fields.")
    summative_methods: dict[str, SummativeMethod] = Field(min_length=1, description="Summative methods by name.")
    alignment: Alignment = Field(description="Constructive alignment.")
    outcomes: OutcomeCount = Field(description="How many outcomes the size supports.")
    delivery: Delivery = Field(description="Delivery modes and interaction.")
    countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes of awarding bodies.")
    wording: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per language, keys laid over frameworks/wording/<lang>.yaml (mappings merge, lists replace).",
    )
    catalogue: CatalogueChecks = Field(description="Figures of the catalogue rules.")
    limits: Limits = Field(description="Safety limits for the linter.")
