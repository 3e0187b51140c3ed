"""Export-readiness rules (EX): which field a credential export (ELM, Open Badges 3.0) lacks.

They are opt-in: a plain `designer lint` never runs them, since a design is complete without these
fields; `designer lint --select EX` (or an EX code) and `designer export` do. What each format needs,
and the patterns a value must match, are data in frameworks/export/readiness.yaml; each rule names
its entry there (`need`), and its messages say which format uses the field for what.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from designer.frameworks.exports import isced_f, language_tag, matches, readiness
from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule
from designer.rules.minimum import _anchor


class ExportRule(Rule):
    """A rule about one design field a credential format needs (frameworks/export/readiness.yaml `needs`)."""

    opt_in = True
    severity = Severity.WARNING
    need: ClassVar[str]

    def formats(self) -> tuple[str, ...]:
        return tuple(readiness().needs[self.need].formats)

    def uses(self) -> str:
        return readiness().uses(self.need)

    def missing(self, ctx: Context, path: tuple[str | int, ...], what: str) -> Finding:
        """A finding for a field the design does not give, at the deepest place the file has."""
        return self.at(ctx, _anchor(ctx, path), f"no {what} for export ({self.uses()})", key=True)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class _CourseFieldMissing(ExportRule):
    """A course field the formats need is absent (an invalid value is ST006's)."""

    @property
    def field(self) -> str:
        """The course field, as its readiness.yaml entry names it (`course.homepage` -> homepage)."""
        return readiness().needs[self.need].field.removeprefix("course.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        path = ("course", self.field)
        if _text(getattr(ctx.design.course, self.field)) is None and path not in ctx.loaded.invalid:
            yield self.missing(ctx, path, f"course.{self.field}")


class HomepageMissing(_CourseFieldMissing):
    code = "EX001"
    name = "export-homepage-missing"
    summary = "The design has no homepage, or one that is not a web address; an ELM export needs it."
    what = (
        "Checks that `course.homepage` is given and is an http(s) address. In Open Badges 3.0 the homepage also "
        "becomes the criteria page and the stem of the achievement's id (a urn:uuid otherwise)."
    )
    why = (
        "European Learning Model, LOQ application profile: a LearningOpportunity has exactly one homepage "
        "(frameworks/export/readiness.yaml)."
    )
    example = "course: {homepage: null}\n"
    fix = "course: {homepage: 'https://www.example.edu/courses/spend-analytics'}\n"
    need = "homepage"

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from super().check(ctx)
        homepage = _text(ctx.design.course.homepage)
        if homepage is not None and not matches(readiness().homepage_pattern, homepage):
            yield self.at(
                ctx,
                ("course", "homepage"),
                f"course.homepage '{homepage}' is not a web address (http:// or https://) an export can link to",
            )


class ThematicAreaMissing(_CourseFieldMissing):
    code = "EX002"
    name = "export-thematic-area-missing"
    summary = "The design names no ISCED-F field of education (thematic area); an ELM export needs it."
    what = (
        "Checks that `course.isced_f` is given: the ISCED-F 2013 field code (2-4 digits, e.g. 0413) of the "
        "course. EX007 checks that the code exists."
    )
    why = (
        "European Learning Model, LOQ application profile: a learning specification's thematicArea is an ISCED-F "
        "concept; Open Badges 3.0 shows it as fieldOfStudy (frameworks/export/readiness.yaml)."
    )
    example = "course: {isced_f: null}\n"
    fix = "course: {isced_f: '0413'}\n"
    need = "thematic_area"


class AwardingBodyWithoutName(ExportRule):
    code = "EX003"
    name = "export-body-without-name"
    summary = "An awarding body has no name; ELM needs the provider's legal name."
    what = (
        "Checks that each awarding body in `course.awarding_bodies` has a `name`, its legal name. Its country is "
        "part of the EU minimum information and MI001 reports it; a design with no awarding body at all is MI001's too."
    )
    why = (
        "European Learning Model, LOQ application profile: the provider is an Organisation with a legal name and a "
        "location; Open Badges 3.0 shows the issuer's name (frameworks/export/readiness.yaml)."
    )
    example = "course: {awarding_bodies: [{country: BE, url: 'https://www.example.edu'}]}\n"
    fix = "course: {awarding_bodies: [{name: Test University, country: BE, url: 'https://www.example.edu'}]}\n"
    need = "body_name"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for index, body in enumerate(ctx.design.course.awarding_bodies):
            path = ("course", "awarding_bodies", index, "name")
            if _text(body.name) is None and path not in ctx.loaded.invalid:
                yield self.missing(ctx, path, f"course.awarding_bodies[{index}].name")


class AwardingBodyWithoutUri(ExportRule):
    code = "EX004"
    name = "export-body-without-uri"
    summary = "The issuing awarding body has no identifier or url that is a URI; an Open Badges issuer id must be one."
    what = (
        "The first awarding body issues the Open Badges credential: its `identifier` (a DID, ROR id or "
        "Europass/EBSI id), or else its `url`, becomes the issuer's id. Checks that one of them is given, the identifier "
        "an absolute URI and the url a web address (http or https); and that any awarding body's `identifier`, when given, is an absolute URI."
    )
    why = (
        "Open Badges 3.0: the issuer and the achievement's creator are Profiles whose id is a URI "
        "(frameworks/export/readiness.yaml)."
    )
    example = "course: {awarding_bodies: [{name: Test University, country: BE}]}\n"
    fix = "course: {awarding_bodies: [{name: Test University, country: BE, identifier: 'https://ror.org/008x57b05'}]}\n"
    need = "body_id"

    def check(self, ctx: Context) -> Iterator[Finding]:
        pattern = readiness().uri_pattern
        for index, body in enumerate(ctx.design.course.awarding_bodies):
            identifier = _text(body.identifier)
            if identifier is not None and not matches(pattern, identifier):
                yield self.at(
                    ctx,
                    ("course", "awarding_bodies", index, "identifier"),
                    f"course.awarding_bodies[{index}].identifier '{identifier}' is not an absolute URI "
                    "(https://..., did:..., urn:...)",
                )
            if index > 0 or identifier is not None:
                continue
            url = _text(body.url)
            if url is None:
                if ("course", "awarding_bodies", index, "url") not in ctx.loaded.invalid:
                    yield self.missing(
                        ctx, ("course", "awarding_bodies", index, "identifier"), "issuer identifier or url"
                    )
            elif not matches(readiness().homepage_pattern, url):
                yield self.at(
                    ctx,
                    ("course", "awarding_bodies", index, "url"),
                    f"course.awarding_bodies[{index}].url '{url}' is not a web address (http:// or https://), "
                    f"and there is no identifier to use instead ({self.uses()})",
                )


class LanguageNotExportable(_CourseFieldMissing):
    code = "EX005"
    name = "export-language-unusable"
    summary = "The design gives no language of instruction, or one that is not a language tag."
    what = (
        "Checks that `course.language` is given and reads as a BCP 47 tag (en, pt, en-GB; case and an underscore "
        "are forgiven: `en_gb` exports as en-GB)."
    )
    why = (
        "ELM needs the default language and the specification's language; Open Badges 3.0's inLanguage is a "
        "BCP 47 tag (frameworks/export/readiness.yaml)."
    )
    example = "course: {language: English}\n"
    fix = "course: {language: en}\n"
    need = "language"

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from super().check(ctx)
        language = _text(ctx.design.course.language)
        tag = language_tag(language)
        if language is not None and tag is not None and not matches(readiness().language_pattern, tag):
            yield self.at(
                ctx,
                ("course", "language"),
                f"course.language '{language}' is not a language tag such as en or pt-BR ({self.uses()})",
            )


class LearningSettingMissing(_CourseFieldMissing):
    code = "EX006"
    name = "export-learning-setting-missing"
    summary = "The design does not say whether its learning setting is formal or non-formal; ELM states it."
    what = "Checks that `course.learning_setting` is given (formal or non-formal, the framework's vocabulary)."
    why = "European Learning Model: a learning specification's learningSetting (frameworks/export/readiness.yaml)."
    example = "course: {learning_setting: null}\n"
    fix = "course: {learning_setting: non-formal}\n"
    need = "learning_setting"


class IscedFUnknown(ExportRule):
    code = "EX007"
    name = "export-isced-f-unknown"
    summary = "`course.isced_f` is not an ISCED-F 2013 field code."
    what = (
        "Checks `course.isced_f` against the ISCED-F 2013 fields (frameworks/export/isced-f.yaml, from the ELM "
        "vocabulary): a broad (2 digits), narrow (3) or detailed (4) field such as 04, 041 or 0413."
    )
    why = (
        "ELM's thematic area and the Open Badges field of study are read from the code; a code the scheme lacks "
        "gives a concept URI that names nothing (frameworks/export/readiness.yaml)."
    )
    example = "course: {isced_f: '4130'}\n"
    fix = "course: {isced_f: '0413'}\n"
    need = "thematic_area"

    def check(self, ctx: Context) -> Iterator[Finding]:
        code = _text(ctx.design.course.isced_f)
        if code is None or code in isced_f().fields:
            return
        if code.isdigit() and 2 <= len(code) <= 4:
            problem = "is not a field of ISCED-F 2013"
        else:
            problem = "is not an ISCED-F 2013 field code (2 to 4 digits, e.g. 0413)"
        yield self.at(ctx, ("course", "isced_f"), f"course.isced_f '{code}' {problem} ({self.uses()})")


class EscoNotSkillUri(ExportRule):
    code = "EX008"
    name = "export-esco-not-a-skill-uri"
    summary = "An outcome's `esco` entry is not an ESCO skill URI."
    what = (
        "Checks that each entry of an outcome's `esco` list is an ESCO skill URI, "
        "http://data.europa.eu/esco/skill/ followed by the skill's UUID as the ESCO portal gives it (or a skill "
        "group's code, S2.4.1); not a label, an occupation URI or a portal page."
    )
    why = (
        "ELM links an outcome to its related ESCO skill and Open Badges 3.0 aligns the achievement to it by that "
        "URI (frameworks/export/readiness.yaml)."
    )
    example = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills, esco: [data analysis]}\n"
    fix = (
        "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills, "
        "esco: ['http://data.europa.eu/esco/skill/bfe4f330-d595-48c7-ab3c-f309471d6953']}\n"
    )
    need = "esco"

    def check(self, ctx: Context) -> Iterator[Finding]:
        pattern = readiness().esco_skill_uri
        for index, outcome in ctx.live("outcomes"):
            for position, entry in enumerate(outcome.esco):
                value = entry.strip()
                if not matches(pattern, value):
                    yield self.at(
                        ctx,
                        ("outcomes", index, "esco", position),
                        f"outcome {outcome.id or index + 1}: '{value}' is not an ESCO skill URI "
                        f"(http://data.europa.eu/esco/skill/<id>; {self.uses()})",
                        subject=outcome.id,
                    )


class SummaryMissing(_CourseFieldMissing):
    code = "EX009"
    name = "export-summary-missing"
    summary = "The design has no summary; an Open Badges achievement needs a description."
    what = "Checks that `course.summary` is given: it becomes the achievement's description."
    why = "Open Badges 3.0: an Achievement requires a description (frameworks/export/readiness.yaml)."
    example = "course: {summary: null}\n"
    fix = "course: {summary: A short course on reading spend data.}\n"
    need = "summary"
