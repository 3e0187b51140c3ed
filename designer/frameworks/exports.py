"""The export data in frameworks/export/: what each credential format needs, and how Open Badges 3.0 is written.

Loaded once per process into typed models (`extra="forbid"`), so the EX rules and the exporters read
`readiness().needs["homepage"]`, never a raw mapping. A bad file is a FrameworkError naming it and the key.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from designer.paths import data_dir

EXPORT_FOLDER = "export"


class _Section(BaseModel):
    # Built when first validated: the rules import this module at start-up, the data is read only by EX rules.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Need(_Section):
    """A design field and what each format uses it for."""

    field: str = Field(description="Dotted design path, as messages show it.")
    formats: dict[str, str] = Field(min_length=1, description="Format id -> what that standard uses the field for.")


class Readiness(_Section):
    """frameworks/export/readiness.yaml."""

    formats: dict[str, str] = Field(min_length=1, description="Format id -> the standard's name.")
    needs: dict[str, Need] = Field(min_length=1, description="Design fields the formats need, by id.")
    homepage_pattern: str = Field(description="Regular expression a homepage matches.")
    uri_pattern: str = Field(description="Regular expression an absolute URI matches.")
    language_pattern: str = Field(description="Regular expression a BCP 47 tag (as OB 3.0 accepts it) matches.")
    esco_skill_uri: str = Field(description="Regular expression an ESCO skill URI matches.")

    def uses(self, need: str) -> str:
        """'ELM needs it for X; Open Badges 3.0 for Y': the formats that use a field, for a message."""
        parts = [f"{self.formats[fmt]}: {why}" for fmt, why in self.needs[need].formats.items()]
        return "; ".join(parts)


class IscedF(_Section):
    """frameworks/export/isced-f.yaml: the ISCED-F 2013 fields."""

    scheme: str = Field(description="URI of the concept scheme.")
    uri: str = Field(description="URI template of a field, with `{code}`.")
    fields: dict[str, str] = Field(min_length=1, description="Code -> English label.")


class Ob3Alignment(_Section):
    target_type: str
    target_framework: str
    target_name: str | None = None
    target_description: str | None = None


class Ob3Narrative(_Section):
    outcomes: str
    outcome: str
    assessment: str
    graded: str
    graded_unweighted: str
    pass_fail: str
    no_criteria: str


class Ob3StackCourse(_Section):
    target_type: str
    target_framework: str = Field(description="Template with `{catalogue}`, the catalogue's title.")
    target_description_required: str
    target_description_elective: str


class Ob3StackNarrative(_Section):
    required: str
    course: str
    course_without_ects: str
    electives: str
    electives_total: str
    electives_optional: str
    electives_only: str


class Ob3Stack(_Section):
    """How a catalogue's stack becomes an Achievement."""

    achievement_types: dict[str, str] = Field(min_length=1, description="Stack kind -> AchievementType.")
    default_type: str = Field(description="AchievementType of a kind the table does not name.")
    course: Ob3StackCourse
    narrative: Ob3StackNarrative


class Ob3Mapping(_Section):
    """frameworks/export/ob3.yaml."""

    contexts: list[str] = Field(min_length=2)
    credential_type: list[str] = Field(min_length=2)
    achievement_type: str
    id_namespace: str
    valid_from_placeholder: str
    eqf: Ob3Alignment
    isced_f: Ob3Alignment
    esco: Ob3Alignment
    result_type: dict[str, str] = Field(min_length=1)
    narrative: Ob3Narrative
    stack: Ob3Stack


Model = TypeVar("Model", bound=BaseModel)


def load_export_data(name: str, model: type[Model], path: Path | None = None) -> Model:
    """frameworks/export/<name>.yaml (or `path`) as `model`; a FrameworkError naming the file, line and column
    of the first bad value."""
    from designer.frameworks import FrameworkError, _position, read_data

    path = path or data_dir("frameworks") / EXPORT_FOLDER / f"{name}.yaml"
    data = read_data(path, "export data")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        line, column = _position(path, loc)
        dotted = ".".join(str(part) for part in loc) or "(file)"
        raise FrameworkError(f"{path}:{line}:{column}: {dotted}: {first['msg']}") from None


@cache
def readiness() -> Readiness:
    return load_export_data("readiness", Readiness)


@cache
def isced_f() -> IscedF:
    return load_export_data("isced-f", IscedF)


@cache
def ob3_mapping() -> Ob3Mapping:
    return load_export_data("ob3", Ob3Mapping)


def language_tag(language: str | None) -> str | None:
    """A design's language as a BCP 47 tag in its usual case: 'EN_gb' -> 'en-GB', 'sr_latn' -> 'sr-Latn'."""
    if not language or not language.strip():
        return None
    parts = language.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def matches(pattern: str, value: str) -> bool:
    return re.match(pattern, value) is not None
