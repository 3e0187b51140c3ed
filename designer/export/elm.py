"""European Learning Model (ELM v3) export: a design as a LearningOpportunity, and its offline check.

The document is JSON-LD in the Europass context: a LearningOpportunity with its
LearningAchievementSpecification (outcomes, EQF level, ECTS, volume of learning,
language, mode, setting, thematic area, entry requirement, assessments), its
homepage and the organisation that provides it. Every controlled value is a full
Concept with `inScheme`; which concept a design value becomes is data, in
frameworks/export/elm.yaml.

`check` validates any ELM document offline: pyshacl against the LOQ application
profile's SHACL shapes (rdf/ap/loq, vendored in artefacts/elm/), with the JSON-LD
context read from the vendored copy, then every concept of a vendored controlled
vocabulary against that vocabulary's list.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from designer.export.common import (
    ARTEFACTS,
    DocumentLoader,
    ExportError,
    Member,
    RemoteContextRefused,
    StackPlan,
    Violation,
    absolute_uri,
    esco_skills,
    web_address,
)
from designer.frameworks.exports import isced_f, language_tag, load_export_data, matches, readiness
from designer.model.sections import WORKLOAD_SECTIONS

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from designer.frameworks import Framework
    from designer.model.design import Design

ELM_ARTEFACTS = ARTEFACTS / "elm"
CONTEXT_FILE = ELM_ARTEFACTS / "edc-ap-context.jsonld"
SHAPE_FILES = (ELM_ARTEFACTS / "LOQ-constraints.ttl", ELM_ARTEFACTS / "LOQ-constraints-mdr.ttl")
VOCABULARY_FOLDER = ELM_ARTEFACTS / "cv"
ELM = "http://data.europa.eu/snb/model/elm/"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XS = "{http://www.w3.org/2001/XMLSchema}"
# Why `credential` is refused, for a course and a stack alike.
_NO_CREDENTIAL = "an ELM credential is made and sealed by the issuing platform; export the learning opportunity"


# The mapping data (frameworks/export/elm.yaml).


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Concept(_Data):
    """A concept of an ELM vocabulary."""

    uri: str = Field(description="The concept's URI.")
    label: str = Field(description="Its preferred label in English.")


class ConceptMap(_Data):
    """Design values (a framework vocabulary) -> concepts of one scheme."""

    scheme: str = Field(description="URI of the concept scheme.")
    concepts: dict[str, Concept] = Field(min_length=1, description="Concept of each design value.")


class OneConcept(_Data):
    """The single concept of a scheme every export uses."""

    scheme: str
    concept: Concept


class Template(_Data):
    """A scheme whose concept URIs are made from a code."""

    scheme: str
    uri: str = Field(description="URI template with `{code}`.")


class Eqf(_Data):
    scheme: str
    label: str = Field(description="Preferred label template with `{level}`.")


class Scheme(_Data):
    scheme: str


class Coded(_Data):
    """A two-letter code's three-letter EU authority code and English label."""

    code: str
    label: str


class Notes(_Data):
    """Sentences the export writes into notes."""

    prerequisite_courses: str = Field(description="Entry requirement naming catalogue courses, with `{codes}`.")
    stack_required: str = Field(description="A stack's required courses, with `{codes}`.")
    stack_electives: str = Field(description="A stack's elective rule, with `{credits}` and `{codes}`.")
    stack_electives_total: str = Field(description="The elective rule when the elective credits are unknown.")
    stack_electives_optional: str = Field(description="Electives the stack does not need.")
    stack_electives_only: str = Field(description="A stack of electives only, with `{total}` and `{codes}`.")


class Mapping(_Data):
    """frameworks/export/elm.yaml."""

    format: int = Field(ge=1, le=1)
    context: str
    context_terms: dict[str, Any]
    id_prefix: str
    participation: ConceptMap
    learning_setting: ConceptMap
    summative_methods: ConceptMap
    opportunity_type: OneConcept
    stack_opportunity_type: OneConcept
    credit_system: OneConcept
    eqf: Eqf
    esco: Scheme
    country: Template
    language: Template
    countries: dict[str, Coded]
    languages: dict[str, Coded]
    notes: Notes


def load_mapping(path: Path | None = None) -> Mapping:
    """The ELM mapping data; ExportError naming the file, line and column of the first bad value."""
    from designer.frameworks import FrameworkError

    try:
        return load_export_data("elm", Mapping, path)
    except FrameworkError as exc:
        raise ExportError(str(exc)) from None


@cache
def mapping() -> Mapping:
    return load_mapping()


@cache
def vocabularies() -> dict[str, dict[str, str]]:
    """Each vendored controlled vocabulary: its scheme URI -> {concept URI: English label}."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(VOCABULARY_FOLDER.glob("*.xsd")):
        tree = ET.parse(path).getroot()
        scheme = tree.attrib["targetNamespace"]
        concepts = out.setdefault(scheme, {})
        for node in tree.iter(f"{_XS}enumeration"):
            label = node.findtext(f"{_XS}annotation/{_XS}documentation") or ""
            concepts[node.attrib["value"]] = " ".join(label.split())
    return out


# Export.


def _concept(uri: str, scheme: str, label: str | None) -> dict[str, Any]:
    node: dict[str, Any] = {"id": uri, "type": "Concept", "inScheme": {"id": scheme, "type": "ConceptScheme"}}
    if label:
        node["prefLabel"] = {"en": label}
    return node


def _mapped(table: ConceptMap, value: str | None) -> dict[str, Any] | None:
    found = table.concepts.get(value) if value else None
    return _concept(found.uri, table.scheme, found.label) if found else None


def _one(entry: OneConcept) -> dict[str, Any]:
    return _concept(entry.concept.uri, entry.scheme, entry.concept.label)


def _coded(template: Template, table: dict[str, Coded], value: str | None, upper: bool) -> dict[str, Any] | None:
    if not value:
        return None
    found = table.get(value.upper() if upper else value.lower())
    if found is None:
        return None
    return _concept(template.uri.format(code=found.code), template.scheme, found.label)


def _text(language: str, value: str | None) -> dict[str, str] | None:
    """`value` stripped, as a language map in `language`; None when blank."""
    return {language: value.strip()} if value and value.strip() else None


def _note(ident: str, language: str, text: str) -> dict[str, Any]:
    return {"id": ident, "type": "Note", "noteLiteral": {language: text}}


def _duration(hours: float) -> str:
    """Hours as an ISO 8601 duration: PT83H, PT82.5H."""
    from designer.model.figures import fmt

    return f"PT{fmt(hours)}H"


def _workload_hours(design: Design, framework: Framework) -> float | None:
    """The planned hours when every item states them (designer.model.workload), else None."""
    from designer.model.workload import Workload

    hours = {kind: [item.hours for item in getattr(design, kind)] for kind in WORKLOAD_SECTIONS}
    workload = Workload.of(framework, hours, design.course.ects, design.course.hours_per_ects)
    return workload.total if workload.complete else None


def node_ids(design: Design, key: str | None = None) -> str:
    """The prefix of every id in a design's export: urn:designer:<course code, or `key`>."""
    name = design.course.code or key or "design"
    return mapping().id_prefix + quote(name.strip(), safe="-._~")


def export_design(
    design: Design, framework: Framework, *, credential: bool = False, key: str | None = None
) -> dict[str, Any]:
    """The design as an ELM LearningOpportunity (JSON-LD), deterministic: ids come from the course code or `key`.

    `key` (the file's stem) names the ids of a design without a code. ELM has no unsigned
    credential template a design could fill (a Europass credential needs its issuer's eIDAS
    identifier and the date it is sealed), so `credential` is refused.
    """
    if credential:
        raise ExportError(_NO_CREDENTIAL)
    data = mapping()
    course = design.course
    base = node_ids(design, key)
    language = _language(course.language, framework)
    language_concept = _coded(data.language, data.languages, language.split("-")[0], upper=False)

    spec: dict[str, Any] = {"id": f"{base}:specification", "type": "LearningAchievementSpecification"}
    _put(spec, "title", _text(language, course.title))
    _put(spec, "description", _text(language, course.summary))
    _put(spec, "learningOutcome", _outcomes(design, base, language))
    if course.isced_f:
        code = course.isced_f.strip()
        fields = isced_f()
        spec["thematicArea"] = _concept(
            fields.uri.format(code=quote(code, safe="")), fields.scheme, fields.fields.get(code)
        )
    _put(spec, "educationLevel", _eqf_level(course.eqf_level, framework))
    _put(spec, "creditPoint", _credit_point(base, course.ects))
    hours = _workload_hours(design, framework)
    if hours:
        spec["volumeOfLearning"] = _duration(hours)
    _put(spec, "language", language_concept)
    _put(spec, "mode", _mapped(data.participation, course.participation))
    _put(spec, "learningSetting", _mapped(data.learning_setting, course.learning_setting))
    requirement = _entry_requirement(course.prerequisites, course.prerequisite_courses)
    if requirement:
        spec["entryRequirement"] = _note(f"{base}:entry-requirement", language, requirement)
    if course.further_information and course.further_information.strip():
        spec["additionalNote"] = [_note(f"{base}:further-information", language, course.further_information.strip())]
    _put(spec, "provenBy", _assessments(design, base, language, language_concept))

    opportunity = _opportunity(
        base,
        (_text(language, course.title), _text(language, course.summary)),
        _one(data.opportunity_type),
        web_address(course.homepage),
        _provider(design, base, language),
        spec,
        language_concept,
    )
    _put(opportunity, "mode", _mapped(data.participation, course.participation))
    return opportunity


def _opportunity(
    base: str,
    texts: tuple[Any, Any],
    kind: dict[str, Any],
    homepage: str | None,
    provider: dict[str, Any] | None,
    spec: dict[str, Any],
    language_concept: dict[str, Any] | None,
) -> dict[str, Any]:
    """The LearningOpportunity around a specification (a course's or a stack's): title and description, its
    type, homepage, provider and default language."""
    data = mapping()
    opportunity: dict[str, Any] = {
        "@context": [data.context, dict(data.context_terms)],
        "id": f"{base}:opportunity",
        "type": "LearningOpportunity",
    }
    _put(opportunity, "title", texts[0])
    _put(opportunity, "description", texts[1])
    opportunity["dcType"] = kind
    if homepage:
        opportunity["homepage"] = _web_resource(f"{base}:homepage", homepage)
    _put(opportunity, "providedBy", provider)
    opportunity["learningAchievementSpecification"] = spec
    _put(opportunity, "defaultLanguage", language_concept)
    return opportunity


def _eqf_level(level: int | None, framework: Framework) -> dict[str, Any] | None:
    """An EQF level as its Concept (None without a level or the framework's EQF URI): courses and stacks alike."""
    if level is None or not framework.spec.eqf.uri:
        return None
    data = mapping()
    return _concept(framework.spec.eqf.uri.format(level=level), data.eqf.scheme, data.eqf.label.format(level=level))


def _credit_point(base: str, ects: float | None) -> dict[str, Any] | None:
    if ects is None:
        return None
    return {
        "id": f"{base}:credit-point",
        "type": "CreditPoint",
        "framework": _one(mapping().credit_system),
        "point": _figure(ects),
    }


def _language(given: str | None, framework: Framework) -> str:
    """The tag the document's texts are in: the design's language as a BCP 47 tag (`en_gb` is en-GB), or the
    framework's default language when it gives none a JSON-LD language map accepts (EX005 says so)."""
    tag = language_tag(given)
    if tag is not None and matches(readiness().language_pattern, tag):
        return tag
    return language_tag(framework.spec.bloom.default_language) or framework.spec.bloom.default_language


def _put(node: dict[str, Any], key: str, value: Any) -> None:
    if value:
        node[key] = value


def _figure(number: float) -> str:
    from designer.model.figures import fmt

    return fmt(number)


def _web_resource(ident: str, url: str) -> dict[str, Any]:
    return {"id": ident, "type": "WebResource", "contentURL": url}


def _entry_requirement(prerequisites: str | None, courses: list[str]) -> str | None:
    parts = [prerequisites.strip()] if prerequisites and prerequisites.strip() else []
    if courses:
        parts.append(mapping().notes.prerequisite_courses.format(codes=", ".join(courses)))
    return "\n\n".join(parts) or None


def _outcomes(design: Design, base: str, language: str) -> list[dict[str, Any]]:
    data = mapping()
    out: list[dict[str, Any]] = []
    for index, outcome in enumerate(design.outcomes, start=1):
        title = _text(language, outcome.statement)
        if title is None:
            continue
        node: dict[str, Any] = {
            "id": f"{base}:outcome:{quote(outcome.id or str(index), safe='-._~')}",
            "type": "LearningOutcome",
            "title": title,
        }
        skills = [_concept(uri, data.esco.scheme, None) for uri in esco_skills(outcome)]
        _put(node, "relatedESCOSkill", skills)
        out.append(node)
    return out


def _assessments(
    design: Design, base: str, language: str, language_concept: dict[str, Any] | None
) -> list[dict[str, Any]]:
    data = mapping()
    out: list[dict[str, Any]] = []
    for index, part in enumerate(design.summative, start=1):
        title = _text(language, part.title) or _text(language, part.method)
        if title is None:
            continue
        node: dict[str, Any] = {
            "id": f"{base}:assessment:{quote(part.id or str(index), safe='-._~')}",
            "type": "LearningAssessmentSpecification",
            "title": title,
        }
        _put(node, "description", _text(language, part.description))
        _put(node, "dcType", _mapped(data.summative_methods, part.method))
        _put(node, "language", language_concept)
        out.append(node)
    return out


def _provider(design: Design, base: str, language: str) -> dict[str, Any] | None:
    data = mapping()
    bodies = [body for body in design.course.awarding_bodies if body.name and body.name.strip()]
    if not bodies:
        return None
    body = bodies[0]
    name = (body.name or "").strip()
    # The body's own identifier names it, when it is a URI (a ROR id, a DID); else an id of the export's own.
    ident = absolute_uri(body.identifier) or f"{base}:provider"
    organisation: dict[str, Any] = {"id": ident, "type": "Organisation", "legalName": {language: name}}
    url = web_address(body.url)
    if url:
        organisation["homepage"] = _web_resource(f"{base}:provider-homepage", url)
    country = _coded(data.country, data.countries, body.country, upper=True)
    if country is not None:
        organisation["location"] = {
            "id": f"{base}:provider-location",
            "type": "Location",
            "address": {"id": f"{base}:provider-address", "type": "Address", "countryCode": country},
        }
    return organisation


# Stacks.


def export_stack(plan: StackPlan, *, credential: bool = False) -> dict[str, Any]:
    """A catalogue's stack as an ELM LearningOpportunity of type Short learning programme.

    Its specification `hasPart` each course's specification, embedded as the course's own export
    writes it (same ids, same nodes), so the stack's graph and the courses' merge into one. Its
    learning outcomes are the required courses' (the electives' vary from learner to learner), the
    same LearningOutcome nodes. Language and thematic area are the courses': the first required
    course's when they differ (a catalogue states neither). The homepage is the catalogue's page.
    """
    if credential:
        raise ExportError(_NO_CREDENTIAL)
    data = mapping()
    stack, info = plan.stack, plan.info
    base = data.id_prefix + "stack:" + quote((stack.id or "").strip(), safe="-._~")
    courses = {id(member): export_design(member.design, member.framework, key=member.key) for member in plan.members}
    parts = [courses[id(member)]["learningAchievementSpecification"] for member in plan.members]
    lead = courses[id(plan.lead)]["learningAchievementSpecification"]
    language = _language(plan.lead.design.course.language, plan.lead.framework)
    language_concept = lead.get("language")

    spec: dict[str, Any] = {"id": f"{base}:specification", "type": "LearningAchievementSpecification"}
    _put(spec, "title", _text(language, stack.title))
    _put(spec, "description", _text(language, stack.description))
    outcomes: dict[str, dict[str, Any]] = {}
    for member in plan.required:
        for outcome in courses[id(member)]["learningAchievementSpecification"].get("learningOutcome", []):
            outcomes.setdefault(outcome["id"], outcome)
    _put(spec, "learningOutcome", list(outcomes.values()))
    _put(spec, "thematicArea", lead.get("thematicArea"))
    _put(spec, "educationLevel", _eqf_level(stack.eqf_level, plan.lead.framework))
    _put(spec, "creditPoint", _credit_point(base, stack.ects))
    _put(spec, "language", language_concept)
    rule = _stack_rule(plan)
    if rule:
        spec["additionalNote"] = [_note(f"{base}:completion-rule", language, rule)]
    spec["hasPart"] = parts

    return _opportunity(
        base,
        (_text(language, stack.title), _text(language, stack.description)),
        _one(data.stack_opportunity_type),
        web_address(info.url) or web_address(info.owner.url),
        _owner(plan, language) or courses[id(plan.lead)].get("providedBy"),
        spec,
        language_concept,
    )


def _stack_rule(plan: StackPlan) -> str:
    """Which courses earn the stack, in words: the required ones, then the elective rule."""
    words = mapping().notes

    def codes(members: tuple[Member, ...]) -> str:
        return ", ".join((m.design.course.code or m.key).strip() for m in members)

    parts = []
    if plan.required:
        parts.append(words.stack_required.format(codes=codes(plan.required)))
    if plan.electives:
        parts.append(
            plan.elective_sentence(
                words.stack_electives_only,
                words.stack_electives,
                words.stack_electives_total,
                words.stack_electives_optional,
                codes=codes(plan.electives),
            )
        )
    return " ".join(parts)


def _owner(plan: StackPlan, language: str) -> dict[str, Any] | None:
    """The catalogue's owner as the Organisation that provides its stacks, when it has a name and a web address.

    Its location is its own country; for a consortium (no country of its own) the countries of its members,
    as the catalogue's courses give them for the awarding bodies the owner lists as members. With neither,
    it has no location (LOQ asks for one: `--check` says so) rather than one made up.
    """
    data = mapping()
    owner = plan.info.owner
    name, url = (owner.name or "").strip(), web_address(owner.url)
    if not name or not url:
        return None
    # One node for every stack of the catalogue: the ids name the owner, not the stack.
    base = data.id_prefix + "owner:" + quote(name, safe="-._~")
    organisation: dict[str, Any] = {
        "id": f"{base}",
        "type": "Organisation",
        "legalName": {language: name},
        "homepage": _web_resource(f"{base}:homepage", url),
    }
    countries = [owner.country] if owner.country and owner.country.strip() else _member_countries(plan)
    locations = []
    for country in countries:
        concept = _coded(data.country, data.countries, country.strip(), upper=True)
        if concept is None:
            continue
        code = quote(country.strip().upper(), safe="")
        locations.append(
            {
                "id": f"{base}:location:{code}",
                "type": "Location",
                "address": {"id": f"{base}:address:{code}", "type": "Address", "countryCode": concept},
            }
        )
    _put(organisation, "location", locations)
    return organisation


def _member_countries(plan: StackPlan) -> list[str]:
    """Countries of the owner's members, in the order it lists them, each once, from the courses' awarding bodies."""
    members = {name.strip().casefold() for name in plan.info.owner.members if name and name.strip()}
    found: dict[str, str] = {}
    for member in plan.courses:
        for body in member.design.course.awarding_bodies:
            key = (body.name or "").strip().casefold()
            if key in members and body.country and body.country.strip():
                found.setdefault(key, body.country.strip().upper())
    ordered = [found[name.strip().casefold()] for name in plan.info.owner.members if name.strip().casefold() in found]
    return list(dict.fromkeys(ordered))


# Check.


def loader() -> DocumentLoader:
    """Contexts an ELM document may name: the Europass context, from its vendored copy."""
    return DocumentLoader({mapping().context: CONTEXT_FILE})


def check(document: dict[str, Any]) -> list[Violation]:
    """Validate an ELM document offline against the vendored LOQ shapes and vocabularies; [] when it conforms.

    Raises ExportError when the document cannot be read as JSON-LD (RemoteContextRefused
    for a context URL designer does not ship).
    """
    graph = to_graph(document)
    if not any(str(kind).startswith(ELM) for kind in graph.objects(None, _rdf_type())):
        # The shapes would pass a document they target nothing in: say so instead of "conforms".
        return [
            Violation(
                "/", "the document describes no ELM object (no node with an ELM type such as LearningOpportunity)"
            )
        ]
    return _shacl(graph) + _vocabulary(graph)


def _rdf_type() -> Any:
    from rdflib import URIRef

    return URIRef(RDF_TYPE)


def to_graph(document: Any) -> Graph:
    """The document's RDF graph; its contexts come from the vendored copies only."""
    from rdflib import Graph

    if not isinstance(document, dict):
        raise ExportError("an ELM document is a JSON object")
    inlined = loader().inline(document)
    graph = Graph()
    try:
        with warnings.catch_warnings(), _no_fetching(), _quiet_literals():
            warnings.simplefilter("ignore")
            graph.parse(data=json.dumps(inlined), format="json-ld")
    except ExportError:
        raise
    except Exception as exc:  # rdflib raises many types for malformed JSON-LD
        raise ExportError(f"not valid JSON-LD: {exc}") from None
    return graph


@contextmanager
def _no_fetching() -> Iterator[None]:
    """While rdflib parses, a context it would fetch (one `inline` missed) is refused instead."""
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    def refuse(source: Any, *args: Any, **kwargs: Any) -> Any:
        raise RemoteContextRefused(str(source))

    saved = jsonld_context.source_to_json
    jsonld_context.source_to_json = refuse
    try:
        yield
    finally:
        jsonld_context.source_to_json = saved


@contextmanager
def _quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback for a literal that does not parse as its datatype ("83 hours" as a duration); the
    shapes report that value as a violation (sh:datatype), so the log is kept from the user's terminal."""
    logger = logging.getLogger("rdflib.term")
    saved = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = saved


# Java regex syntax in three LOQ patterns, and what Python's `re` needs instead (same language).
_JAVA_REGEX = (
    ("^(?i)", "(?i)^"),
    ("[[A-Fa-f0-9]\\:\\.]", "[A-Fa-f0-9:.]"),
    ("[%[\\p{L}\\p{Nl}\\p{Nd}]]", "[%\\w]"),
)


# LOQ-constraints-mdr.ttl wants an ESCO skill's scheme to start with https://ec.europa.eu/esco/skill/, while
# the credential profile (rdf/ap/edc/EDC-generic-full.ttl, EscoSkillRestriction) requires the scheme
# http://data.europa.eu/esco/concept-scheme/skills, which the official micro-credential sample uses: no
# document could satisfy both. The pattern is widened to accept the credential profile's scheme too.
_PATTERN_FIXES = {
    "^https://ec.europa.eu/esco/skill/": "^(https://ec\\.europa\\.eu/esco/skill/|http://data\\.europa\\.eu/esco/concept-scheme/skills$)"
}


@cache
def shapes() -> Graph:
    """The LOQ shapes as pyshacl can use them: Java regexes translated, the specification shape active."""
    from rdflib import Graph, Literal, URIRef

    graph = Graph()
    for path in SHAPE_FILES:
        graph.parse(path, format="turtle")
    pattern = URIRef(SH + "pattern")
    for subject, _, value in list(graph.triples((None, pattern, None))):
        text = str(value)
        fixed = _PATTERN_FIXES.get(text, text)
        for java, python in _JAVA_REGEX:
            fixed = fixed.replace(java, python)
        graph.remove((subject, pattern, value))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                re.compile(fixed)
        except (re.error, FutureWarning):
            continue
        graph.add((subject, pattern, Literal(fixed)))
    deactivated = URIRef(SH + "deactivated")
    for subject, _, _ in list(graph.triples((None, deactivated, None))):
        if (subject, URIRef(SH + "targetClass"), URIRef(ELM + "LearningAchievementSpecification")) in graph:
            graph.remove((subject, deactivated, None))
    return graph


@cache
def _terms() -> dict[str, str]:
    """ELM property IRIs -> the JSON keys the context gives them, so messages use the document's words."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    out: dict[str, str] = {}
    for term, value in context.items():
        target = value.get("@id") if isinstance(value, dict) else None
        if isinstance(target, str) and ":" in target:
            prefix, local = target.split(":", 1)
            out.setdefault(prefixes.get(prefix, prefix + ":") + local, term)
    for term, value in mapping().context_terms.items():
        if isinstance(value, dict) and isinstance(value.get("@id"), str):
            out.setdefault(value["@id"], term)
    return out


def _local(iri: Any) -> str:
    text = str(iri)
    return re.split(r"[/#]", text)[-1] or text


def _name(iri: Any) -> str:
    return _terms().get(str(iri)) or _local(iri)


def _shacl(graph: Graph) -> list[Violation]:
    import pyshacl
    from rdflib import Namespace, URIRef

    sh = Namespace(SH)
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes(), inference="none", allow_warnings=True)
    out: list[Violation] = []
    for result in results.subjects(URIRef(RDF_TYPE), sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        component = results.value(result, sh.sourceConstraintComponent)
        value = results.value(result, sh.value)
        message = results.value(result, sh.resultMessage)
        shape = results.value(result, sh.sourceShape)
        kinds = sorted(_local(t) for t in graph.objects(focus, URIRef(RDF_TYPE))) if focus is not None else []
        kind = "/".join(kinds) or "node"
        prop = _name(path) if path is not None else ""
        text = _sentence(kind, prop, _local(component), value, message, shape, results)
        where = f"{focus} {prop}".strip() if focus is not None else prop
        out.append(Violation(where, text))
    return sorted(set(out), key=lambda v: (v.path, v.message))


def _sentence(kind: str, prop: str, component: str, value: Node | None, message: Any, shape: Any, results: Any) -> str:
    from rdflib import Namespace

    sh = Namespace(SH)
    name = component.removesuffix("ConstraintComponent")
    if name == "MinCount":
        return f"{kind} lacks {prop} (sh:minCount {results.value(shape, sh.minCount)})"
    if name == "MaxCount":
        return f"{kind} has too many {prop} values (sh:maxCount {results.value(shape, sh.maxCount)})"
    if name == "Closed":
        return f"{kind} has {prop}, which the profile does not allow on it (sh:closed)"
    if name == "Class":
        return f"{kind} {prop}: {value} is not a {_local(results.value(shape, sh['class']))} (sh:class)"
    if name == "Node":
        return f"{kind} {prop}: {value} is not in the vocabulary the profile requires (sh:node)"
    if name == "HasValue":
        return f"{kind} {prop}: must be {results.value(shape, sh.hasValue)} (sh:hasValue)"
    if name == "Datatype":
        return f"{kind} {prop}: {value} is not a {_local(results.value(shape, sh.datatype))} (sh:datatype)"
    detail = f": {message}" if message else ""
    return f"{kind} {prop}{detail} (sh:{name[:1].lower()}{name[1:]})".replace("  ", " ")


def _vocabulary(graph: Graph) -> list[Violation]:
    """Concepts that name a vendored scheme but are not in its list (SHACL checks only the scheme)."""
    from rdflib import URIRef

    lists = vocabularies()
    in_scheme = URIRef(SKOS + "inScheme")
    out: list[Violation] = []
    for concept, scheme in graph.subject_objects(in_scheme):
        known = lists.get(str(scheme))
        if known is None or str(concept) in known:
            continue
        uses = sorted(
            f"{_local(next(iter(graph.objects(s, URIRef(RDF_TYPE))), s))} {_name(p)}"
            for s, p in graph.subject_predicates(concept)
        )
        where = f"{concept} inScheme"
        used = f" (used as {', '.join(uses)})" if uses else ""
        out.append(Violation(where, f"Concept {concept} is not in the vocabulary {scheme}{used}"))
    return sorted(out, key=lambda v: (v.path, v.message))
