"""The catalogue format, version 1: `catalogue.yaml` at the root of a folder of designs.

A catalogue is what a programme committee reasons about when micro-credentials
are meant to be taken together (guideline 9, chapter 4 of the guidelines): who
owns the set, the learning paths through it (ordered levels or groups, each
with the assessment it expects), and the larger credentials the courses stack
towards. Designs point into it with `course.towards` (stack ids) and
`course.prerequisite_courses` (course codes); the catalogue points at designs
by `course.code`.

As with designs, every field a draft may lack is optional: what a complete
catalogue needs is judged by the CT rules, not by the loader.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from designer.model.folders import CATALOGUE_FILE  # noqa: F401 - the catalogue's file name, named here too

CATALOGUE_FORMAT_VERSION = 1


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


Codes = Annotated[list[str], BeforeValidator(_none_to_list)]
Int = Annotated[int, Strict()]
Number = Annotated[float, Strict()]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_default=False, allow_inf_nan=False)


class Owner(_Node):
    """Who owns the catalogue: an institution or a consortium."""

    name: str | None = Field(None, description="Name of the institution or consortium.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code, when one institution owns it.")
    url: str | None = Field(None, description="Web address of the owner.")
    members: Codes = Field(default_factory=list, description="For a consortium: the member institutions.")


class Expectation(_Node):
    """The summative assessment a level expects of its courses (chapter 4: knowledge test, case, real project)."""

    methods: Codes = Field(
        default_factory=list,
        description="Summative methods a course on this level uses at least one of (framework vocabulary).",
    )
    min_bloom: str | None = Field(
        None, description="Lowest Bloom level the course's outcomes must reach (remember ... create)."
    )
    authentic: bool | None = Field(
        None, description="true: at least one summative component must be authentic (a real-world task)."
    )


class Level(_Node):
    """One ordered level or group of a learning path."""

    id: str | None = Field(None, description="Unique id within the catalogue, e.g. awareness.")
    title: str | None = Field(None, description="Title, e.g. Group 1 - Awareness of IT impact on procurement.")
    intent: str | None = Field(None, description="What learners on this level are meant to reach.")
    expects: Annotated[Expectation, BeforeValidator(lambda v: {} if v is None else v)] = Field(
        default_factory=Expectation, description="The summative assessment courses on this level should use."
    )
    courses: Codes = Field(default_factory=list, description="Course codes on this level.")


class Path(_Node):
    """A learning path: levels in the order a learner takes them."""

    id: str | None = Field(None, description="Unique id within the catalogue.")
    title: str | None = Field(None, description="Title of the path.")
    description: str | None = Field(None, description="What the path leads to and for whom.")
    levels: Annotated[list[Level], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Levels in order, first to last."
    )


class Stack(_Node):
    """A larger credential that micro-credentials stack towards."""

    id: str | None = Field(None, description="Unique id; designs name it in `course.towards`.")
    title: str | None = Field(None, description="Title of the larger credential.")
    kind: str | None = Field(
        None, description="What it is: micro-degree, specialisation, certificate, credits-towards-degree ..."
    )
    ects: Number | None = Field(None, gt=0, description="Total ECTS of the larger credential.")
    min_credits: Number | None = Field(
        None, gt=0, description="ECTS a learner needs from the courses below to earn it (default: `ects`)."
    )
    eqf_level: Int | None = Field(None, description="EQF level of the larger credential.")
    required: Codes = Field(default_factory=list, description="Course codes every learner takes.")
    electives: Codes = Field(default_factory=list, description="Course codes a learner chooses from.")
    description: str | None = Field(None, description="What the credential is and who recognises it.")

    @property
    def credits_needed(self) -> float | None:
        """The ECTS a learner needs towards it: `min_credits`, else `ects` (None when it gives neither)."""
        return self.min_credits if self.min_credits is not None else self.ects


class CatalogueInfo(_Node):
    """The catalogue's own metadata."""

    title: str | None = Field(None, description="Title of the catalogue.")
    owner: Annotated[Owner, BeforeValidator(lambda v: {} if v is None else v)] = Field(
        default_factory=Owner, description="The institution or consortium that owns the catalogue."
    )
    description: str | None = Field(None, description="One paragraph for the programme committee.")
    url: str | None = Field(None, description="Web address of the catalogue.")
    framework: str | None = Field(
        None, description="Rule set for the catalogue rules: eu (default), a national framework, or a path."
    )


class Catalogue(_Node):
    """A catalogue of micro-credential designs (designer catalogue format version 1)."""

    format: Literal[1] = Field(description="Format version of this file; always 1.")
    catalogue: Annotated[CatalogueInfo, BeforeValidator(lambda v: {} if v is None else v)] = Field(
        default_factory=CatalogueInfo, description="Title, owner and description."
    )
    paths: Annotated[list[Path], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Learning paths: ordered levels or groups."
    )
    stacks: Annotated[list[Stack], BeforeValidator(_none_to_list)] = Field(
        default_factory=list, description="Larger credentials the micro-credentials stack towards."
    )

    def levels(self) -> list[tuple[Path, int, Level]]:
        """Every level with its path and its position in the path (0 = first)."""
        return [(path, index, level) for path in self.paths for index, level in enumerate(path.levels)]
