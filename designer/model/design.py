"""The course design format, version 1, as pydantic models.

Every field is optional so that a half-written draft loads: what a complete
design needs is judged by the rules, not by the loader. Vocabularies (methods,
modes, activities...) live in frameworks/*.yaml and are checked by rules, so
a QA office can extend them without touching code.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from designer.model.sections import (  # noqa: F401 - re-exported for the rules
    KIND,
    PASS_FAIL,
    REFERENCES,
    REQUIRED_FIELDS,
    SECTIONS,
    VOCABULARY_FIELDS,
    WORKLOAD_SECTIONS,
)

FORMAT_VERSION = 1


def _none_to_list(value: Any) -> Any:
    # `outcomes:` with nothing under it is an empty section in a draft.
    return [] if value is None else value


def _none_to_dict(value: Any) -> Any:
    # `course:` or `approval:` with nothing under it is an empty mapping in a draft.
    return {} if value is None else value


IdList = Annotated[list[str], BeforeValidator(_none_to_list)]


class _Node(BaseModel):
    # Numbers must be finite; text fields accept numbers (`edition: 2026`).
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_default=False, allow_inf_nan=False)


# YAML already types its scalars, so numbers are strict: `true` is not 1 and "3" is not 3.
Int = Annotated[int, Strict()]
Number = Annotated[float, Strict()]


class AwardingBody(_Node):
    """An organisation that awards the micro-credential."""

    name: str | None = Field(None, description="Legal name of the awarding body.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code of the awarding body, e.g. BE.")
    url: str | None = Field(None, description="Web address of the awarding body.")
    identifier: str | None = Field(
        None,
        description=(
            "A URI that identifies the body for credential platforms: its DID, ROR id or Europass/EBSI id "
            "(Open Badges issuer id; ELM organisation identifier)."
        ),
    )


class Approval(_Node):
    """Where the design stands with the committee that approves it."""

    status: str | None = Field(None, description="draft, submitted or approved (framework vocabulary).")
    date: str | None = Field(None, description="Date of that status, ISO 8601 (2026-11-30).")
    by: str | None = Field(None, description="The committee or office that approves the design.")


class Contact(_Node):
    """Who answers questions about the design."""

    name: str | None = Field(None, description="Person or office.")
    email: str | None = Field(None, description="E-mail address.")


class Course(_Node):
    """Course metadata: the EU minimum information that belongs to a design."""

    code: str | None = Field(None, description="Course code, unique in a catalogue.")
    title: str | None = Field(None, description="Title of the micro-credential.")
    summary: str | None = Field(None, description="One paragraph for learners and recruiters.")
    awarding_bodies: Annotated[list[AwardingBody], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Awarding body(ies), each with its country."
    )
    language: str | None = Field(None, description="Language of instruction (ISO 639-1, e.g. en).")
    edition: str | None = Field(None, description="Edition or version of this design, e.g. 2026 or 2.1.")
    approval: Annotated[Approval, BeforeValidator(_none_to_dict)] | None = Field(
        None, description="Approval status and date, shown in the specification's header."
    )
    contact: Annotated[Contact, BeforeValidator(_none_to_dict)] | None = Field(
        None, description="Contact for the design, shown in the specification's header."
    )
    homepage: str | None = Field(None, description="Web page of the course for learners (ELM homepage).")
    isced_f: str | None = Field(
        None, description="ISCED-F 2013 field of education, 2-4 digits (e.g. 0413); the ELM thematic area."
    )
    learning_setting: str | None = Field(
        None, description="formal or non-formal learning setting (ELM learning setting; framework vocabulary)."
    )
    eqf_level: Int | None = Field(None, description="EQF level 1-8 of the learning experience.")
    ects: Number | None = Field(None, gt=0, description="Notional workload in ECTS credits (> 0).")
    hours_per_ects: Number | None = Field(
        None, gt=0, description="Hours per ECTS credit; when absent the framework's band applies (ECTS: 25-30)."
    )
    framework: str | None = Field(
        None, description="Rule set: eu (default), es, be-vlg, nl, fi, ee, it, ie, pt, or a path to a framework file."
    )
    participation: str | None = Field(None, description="Form of participation: online, onsite, blended or work-based.")
    quality_assurance: str | None = Field(None, description="Type of quality assurance underpinning the credential.")
    assessment_supervision: str | None = Field(
        None, description="Supervision and identity verification during assessment (EU vocabulary)."
    )
    prerequisites: str | None = Field(None, description="Prerequisites needed to enrol.")
    prerequisite_courses: IdList = Field(
        default_factory=list,
        description="Codes of courses in the same catalogue a learner must have completed first.",
    )
    stackability: str | None = Field(None, description="stand-alone, or stackable (then list `towards`).")
    towards: IdList = Field(
        default_factory=list,
        description="Credentials this one stacks towards; in a catalogue, the ids of its stacks.",
    )
    further_information: str | None = Field(None, description="Further information for learners.")


class Outcome(_Node):
    """Stage 1: an intended learning outcome."""

    id: str | None = Field(None, description="Unique id, e.g. LO1.")
    statement: str | None = Field(None, description="What the learner can do, starting with a measurable verb.")
    domain: str | None = Field(None, description="EQF domain: knowledge, skills or responsibility-autonomy.")
    esco: IdList = Field(
        default_factory=list, description="ESCO skill URIs the outcome relates to (ELM relatedESCOSkill)."
    )


class Summative(_Node):
    """Stage 2: a summative assessment component that proves outcomes."""

    id: str | None = Field(None, description="Unique id, e.g. SA1.")
    title: str | None = Field(None, description="Short title of the component.")
    method: str | None = Field(None, description="Assessment method, e.g. project or written-exam.")
    grading: str | None = Field(
        None, description="graded (the default when absent) or pass-fail; a pass-fail part carries no weight."
    )
    weight: Number | None = Field(
        None, ge=0, le=100, description="Weight in the final grade, percent; graded components only."
    )
    hours: Number | None = Field(None, ge=0, description="Learner hours, preparation included.")
    week: Int | None = Field(None, ge=1, description="Course week it takes place in (1 = first).")
    outcomes: IdList = Field(default_factory=list, description="Ids of the outcomes it assesses.")
    criteria: str | None = Field(None, description="Assessment criteria: how the work is judged, what passes.")
    description: str | None = Field(None, description="What the learner does.")

    @property
    def graded(self) -> bool:
        """Whether the component counts towards the grade (every grading but pass-fail does)."""
        return self.grading != PASS_FAIL


class Formative(_Node):
    """Stage 3: a formative checkpoint with feedback along the way."""

    id: str | None = Field(None, description="Unique id, e.g. FC1.")
    title: str | None = Field(None, description="Short title of the checkpoint.")
    method: str | None = Field(None, description="Checkpoint method, e.g. quiz or peer-review.")
    week: Int | None = Field(None, ge=1, description="Course week it takes place in.")
    hours: Number | None = Field(None, ge=0, description="Learner hours.")
    outcomes: IdList = Field(default_factory=list, description="Ids of the outcomes it checks.")
    prepares: IdList = Field(default_factory=list, description="Ids of the summative components it prepares for.")
    description: str | None = Field(None, description="What the learner does and what feedback they get.")


class ContentUnit(_Node):
    """Stage 4: a unit of content or learning activity."""

    id: str | None = Field(None, description="Unique id, e.g. CU1.")
    title: str | None = Field(None, description="Short title of the unit.")
    mode: str | None = Field(None, description="Delivery mode, e.g. online-asynchronous or onsite.")
    activity: str | None = Field(None, description="Teaching activity, e.g. lecture or workshop.")
    week: Int | None = Field(None, ge=1, description="Course week it takes place in.")
    hours: Number | None = Field(None, ge=0, description="Learner hours, self-study included.")
    outcomes: IdList = Field(default_factory=list, description="Ids of the outcomes it serves.")
    checkpoints: IdList = Field(default_factory=list, description="Ids of the formative checkpoints it prepares for.")
    description: str | None = Field(None, description="Topics and materials.")


class Design(_Node):
    """A micro-credential course design (designer format version 1)."""

    format: Literal[1] = Field(description="Format version of this file; always 1.")
    course: Annotated[Course, BeforeValidator(_none_to_dict)] = Field(
        default_factory=Course, description="Course metadata."
    )
    outcomes: Annotated[list[Outcome], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Stage 1: learning outcomes."
    )
    summative: Annotated[list[Summative], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Stage 2: summative assessment."
    )
    formative: Annotated[list[Formative], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Stage 3: formative checkpoints."
    )
    content: Annotated[list[ContentUnit], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Stage 4: content units."
    )

    def items(self) -> list[tuple[str, int, Outcome | Summative | Formative | ContentUnit]]:
        """Every item with its section name and index, in file order."""
        out: list[tuple[str, int, Outcome | Summative | Formative | ContentUnit]] = []
        for section in SECTIONS:
            for index, item in enumerate(getattr(self, section)):
                out.append((section, index, item))
        return out


ITEM_MODELS: dict[str, type[_Node]] = {
    "outcomes": Outcome,
    "summative": Summative,
    "formative": Formative,
    "content": ContentUnit,
}
