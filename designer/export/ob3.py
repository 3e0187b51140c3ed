"""Open Badges 3.0: a design as an Achievement, or as a ready-to-sign AchievementCredential template.

Every value the export writes that is not the design's own (contexts, types, vocabularies, the id
namespace, the validFrom placeholder, the narrative's wording) is data in frameworks/export/ob3.yaml.
A field the design lacks is left out, not invented: `check` (the official JSON Schema, vendored in
artefacts/ob3/) then names what is missing, and the EX rules say so in the design's terms beforehand.
"""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import TYPE_CHECKING, Any

from designer.export.common import ARTEFACTS as COMMON_ARTEFACTS
from designer.export.common import Member, StackPlan, Violation, absolute_uri, esco_skills, web_address
from designer.frameworks.exports import Ob3Mapping, isced_f, language_tag, ob3_mapping

if TYPE_CHECKING:
    from designer.frameworks import Framework
    from designer.model.catalogue import Owner
    from designer.model.design import AwardingBody, Design

ARTEFACTS = COMMON_ARTEFACTS / "ob3"
SCHEMA_FILE = ARTEFACTS / "achievementcredential.json"
# Where a bare Achievement sits when `check` wraps it in a credential to validate it.
ACHIEVEMENT_POINTER = "/credentialSubject/achievement"


def export_design(
    design: Design, framework: Framework, *, credential: bool = False, key: str | None = None
) -> dict[str, Any]:
    """The design as an OB 3.0 Achievement (with its @context), or as an AchievementCredential template.

    The template has no proof and no learner: the issuing platform adds the credentialSubject's id,
    sets validFrom (a placeholder here, see frameworks/export/ob3.yaml) and signs it.
    """
    mapping = ob3_mapping()
    course = _course_key(design, key)
    achievement = _achievement(design, framework, mapping, course)
    if not credential:
        return {"@context": list(mapping.contexts), **achievement}
    issuer = _profile(design.course.awarding_bodies[0]) if design.course.awarding_bodies else None
    return _credential(mapping, _urn(mapping, "credential", course), design.course.title, issuer, achievement)


def _credential(
    mapping: Ob3Mapping, ident: str, name: str | None, issuer: dict[str, Any] | None, achievement: dict[str, Any]
) -> dict[str, Any]:
    """The ready-to-sign AchievementCredential of `achievement`: no proof, no learner, validFrom a placeholder."""
    document: dict[str, Any] = {
        "@context": list(mapping.contexts),
        "id": ident,
        "type": list(mapping.credential_type),
    }
    _put(document, "name", name)
    if issuer is not None:
        document["issuer"] = issuer
    document["validFrom"] = mapping.valid_from_placeholder
    document["credentialSubject"] = {"type": ["AchievementSubject"], "achievement": achievement}
    return document


def _achievement(design: Design, framework: Framework, mapping: Ob3Mapping, key: str) -> dict[str, Any]:
    course = design.course
    homepage = web_address(course.homepage)
    out: dict[str, Any] = {
        "id": _urn(mapping, "achievement", key),
        "type": ["Achievement"],
        "achievementType": mapping.achievement_type,
    }
    _put(out, "name", course.title)
    _put(out, "description", course.summary)
    criteria: dict[str, Any] = {}
    if homepage:
        criteria["id"] = homepage
    narrative = _narrative(design, mapping)
    if narrative:
        criteria["narrative"] = narrative
    if criteria:
        out["criteria"] = criteria
    if course.ects is not None:
        out["creditsAvailable"] = course.ects
    _put(out, "humanCode", course.code)
    _put(out, "inLanguage", language_tag(course.language))
    field = isced_f().fields.get((course.isced_f or "").strip())
    _put(out, "fieldOfStudy", field)
    _put(out, "version", course.edition)
    alignments = _alignments(design, framework, mapping)
    if alignments:
        out["alignment"] = alignments
    results = [_result_description(mapping, key, index, item) for index, item in enumerate(design.summative)]
    if results:
        out["resultDescription"] = results
    if course.awarding_bodies:
        creator = _profile(course.awarding_bodies[0])
        if creator is not None:
            out["creator"] = creator
    return out


def _put(out: dict[str, Any], key: str, value: str | None) -> None:
    if value is not None and value.strip():
        out[key] = value.strip()


def _course_key(design: Design, key: str | None = None) -> str:
    """The course's code (its title, else the file's stem `key`, when it has none) under its first awarding body's id, unique across issuers.

    Not the homepage: courses of one programme often share a page, and two achievements with one id
    are one achievement to a badge platform.
    """
    course = design.course
    body = course.awarding_bodies[0] if course.awarding_bodies else None
    issuer = ((body.identifier or body.url or body.name or "") if body else "").strip()
    local = (course.code or course.title or key or "").strip()
    return f"{issuer} {local}" if issuer else local


def _urn(mapping: Ob3Mapping, kind: str, course: str, part: str = "") -> str:
    name = f"{kind}:{course}" + (f":{part}" if part else "")
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(mapping.id_namespace), name)}"


def _profile(body: AwardingBody | Owner) -> dict[str, Any] | None:
    """An awarding body (or a catalogue's owner) as an OB Profile: id from its identifier, else its url (a Profile
    needs an id)."""
    ident = absolute_uri(getattr(body, "identifier", None)) or web_address(body.url)
    if ident is None:
        return None
    profile: dict[str, Any] = {"id": ident, "type": ["Profile"]}
    _put(profile, "name", body.name)
    _put(profile, "url", web_address(body.url))
    if body.country and body.country.strip():
        profile["address"] = {"type": ["Address"], "addressCountryCode": body.country.strip().upper()}
    return profile


def _alignments(design: Design, framework: Framework, mapping: Ob3Mapping) -> list[dict[str, Any]]:
    course = design.course
    out: list[dict[str, Any]] = []
    eqf = _eqf_alignment(course.eqf_level, framework, mapping)
    if eqf is not None:
        out.append(eqf)
    fields = isced_f()
    code = (course.isced_f or "").strip()
    if code in fields.fields:
        out.append(
            {
                "type": ["Alignment"],
                "targetType": mapping.isced_f.target_type,
                "targetFramework": mapping.isced_f.target_framework,
                "targetName": fields.fields[code],
                "targetCode": code,
                "targetUrl": fields.uri.format(code=code),
            }
        )
    seen: set[str] = set()
    for index, outcome in enumerate(design.outcomes, start=1):
        # An outcome without an id is named by its position, as the ELM export names it.
        name = outcome.id or str(index)
        for uri in esco_skills(outcome):
            if uri in seen:
                continue
            seen.add(uri)
            alignment = {
                "type": ["Alignment"],
                "targetType": mapping.esco.target_type,
                "targetFramework": mapping.esco.target_framework,
                "targetName": (mapping.esco.target_name or "{statement}").format(
                    statement=(outcome.statement or outcome.id or uri).strip(), id=name
                ),
                "targetUrl": uri,
            }
            if mapping.esco.target_description:
                alignment["targetDescription"] = mapping.esco.target_description.format(
                    id=name, statement=outcome.statement or ""
                )
            out.append(alignment)
    return out


def _eqf_alignment(level: int | None, framework: Framework, mapping: Ob3Mapping) -> dict[str, Any] | None:
    """An EQF level as an Alignment (None without a level or the framework's EQF URI): courses and stacks alike."""
    template = framework.spec.eqf.uri
    if level is None or not template:
        return None
    code = str(level)
    return {
        "type": ["Alignment"],
        "targetType": mapping.eqf.target_type,
        "targetFramework": mapping.eqf.target_framework,
        "targetName": (mapping.eqf.target_name or "{level}").format(level=code),
        "targetCode": code,
        "targetUrl": template.format(level=code),
    }


def _result_description(mapping: Ob3Mapping, course: str, index: int, item: Any) -> dict[str, Any]:
    key = (item.id or "").strip() or str(index + 1)
    ident = _urn(mapping, "result", course, key)
    grading = "graded" if item.graded else (item.grading or "").strip()
    out: dict[str, Any] = {
        "id": ident,
        "type": ["ResultDescription"],
        "name": (item.title or item.id or key).strip(),
        "resultType": mapping.result_type.get(grading, mapping.result_type["graded"]),
    }
    return out


def _narrative(design: Design, mapping: Ob3Mapping) -> str:
    words = mapping.narrative
    blocks: list[str] = []
    outcomes = [o.statement.strip() for o in design.outcomes if o.statement and o.statement.strip()]
    if outcomes:
        blocks.append(words.outcomes + "\n\n" + "\n".join(words.outcome.format(statement=s) for s in outcomes))
    lines = []
    for item in design.summative:
        title = (item.title or item.id or "").strip()
        if not title:
            continue
        criteria = (item.criteria or "").strip() or words.no_criteria.format(
            description=(item.description or "").strip()
        )
        if not item.graded:
            line = words.pass_fail
        elif item.weight is not None:
            line = words.graded
        else:
            line = words.graded_unweighted
        weight = f"{item.weight:g}" if item.weight is not None else ""
        text = line.format(title=title, weight=weight, criteria=" ".join(criteria.split()))
        lines.append(text if criteria else text.removesuffix(": "))
    if lines:
        blocks.append(words.assessment + "\n\n" + "\n".join(lines))
    return "\n\n".join(blocks)


# Stacks


def course_achievement_id(member: Member) -> str:
    """The id the course's own export gives its Achievement: a stack points at it."""
    return _urn(ob3_mapping(), "achievement", _course_key(member.design, member.key))


def export_stack(plan: StackPlan, *, credential: bool = False) -> dict[str, Any]:
    """A catalogue's stack as an OB 3.0 Achievement (or AchievementCredential template), its courses as alignments.

    Its creator is the catalogue's owner when the owner has a web address (a Profile needs an id), else the
    first required course's awarding body, as that course's export names it.
    """
    mapping = ob3_mapping()
    stack, owner = plan.stack, plan.info.owner
    lead = plan.lead
    creator = _profile(owner)
    if creator is None and lead.design.course.awarding_bodies:
        creator = _profile(lead.design.course.awarding_bodies[0])
    issuer = (creator or {}).get("id") or _course_key(lead.design, lead.key)
    key = f"{issuer} {(stack.id or '').strip()}"
    kind = (stack.kind or "").strip()
    achievement: dict[str, Any] = {
        "id": _urn(mapping, "stack", key),
        "type": ["Achievement"],
        "achievementType": mapping.stack.achievement_types.get(kind, mapping.stack.default_type),
    }
    _put(achievement, "name", stack.title)
    _put(achievement, "description", stack.description)
    narrative = _stack_narrative(plan, mapping)
    if narrative:
        achievement["criteria"] = {"narrative": narrative}
    if stack.ects is not None:
        achievement["creditsAvailable"] = stack.ects
    _put(achievement, "humanCode", stack.id)
    # The texts are the catalogue's; its courses' language stands for it (the first required course's when
    # they differ: a catalogue states none of its own).
    _put(achievement, "inLanguage", language_tag(lead.design.course.language))
    alignments = []
    eqf = _eqf_alignment(stack.eqf_level, lead.framework, mapping)
    if eqf is not None:
        alignments.append(eqf)
    alignments += [_course_alignment(plan, mapping, member, True) for member in plan.required]
    alignments += [_course_alignment(plan, mapping, member, False) for member in plan.electives]
    if alignments:
        achievement["alignment"] = alignments
    if creator is not None:
        achievement["creator"] = creator
    if not credential:
        return {"@context": list(mapping.contexts), **achievement}
    return _credential(mapping, _urn(mapping, "stack-credential", key), stack.title, creator, achievement)


def _course_alignment(plan: StackPlan, mapping: Ob3Mapping, member: Member, required: bool) -> dict[str, Any]:
    words = mapping.stack.course
    course = member.design.course
    out: dict[str, Any] = {
        "type": ["Alignment"],
        "targetType": words.target_type,
        "targetName": (course.title or course.code or member.key).strip(),
        "targetUrl": course_achievement_id(member),
        "targetDescription": words.target_description_required if required else words.target_description_elective,
    }
    if plan.info.title and plan.info.title.strip():
        out["targetFramework"] = words.target_framework.format(catalogue=plan.info.title.strip())
    _put(out, "targetCode", course.code)
    return out


def _stack_narrative(plan: StackPlan, mapping: Ob3Mapping) -> str:
    """Which micro-credentials earn the stack: the required ones, then the elective rule."""
    from designer.model.figures import fmt

    words = mapping.stack.narrative

    def line(member: Member) -> str:
        course = member.design.course
        title = (course.title or course.code or member.key).strip()
        code = (course.code or member.key).strip()
        if course.ects is None:
            return words.course_without_ects.format(title=title, code=code)
        return words.course.format(title=title, code=code, ects=fmt(course.ects))

    blocks = []
    if plan.required:
        blocks.append(words.required + "\n\n" + "\n".join(line(member) for member in plan.required))
    if plan.electives:
        rule = plan.elective_sentence(
            words.electives_only, words.electives, words.electives_total, words.electives_optional
        )
        blocks.append(rule + "\n\n" + "\n".join(line(member) for member in plan.electives))
    return "\n\n".join(blocks)


# Validation


@cache
def _validator() -> Any:
    import jsonschema
    from referencing import Registry

    def refuse(uri: str) -> Any:
        # Only the schema's own $defs are followed: nothing is fetched, whatever a document says.
        raise LookupError(f"refusing to fetch {uri}: OB 3.0 is validated offline")

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # The schema's `format`s are dates and date-times (validFrom, validUntil, issuedOn...): checked, as a
    # platform would, with rfc3339-validator for date-times (a dependency) and the standard library for dates.
    return jsonschema.Draft201909Validator(
        schema,
        registry=Registry(retrieve=refuse),  # type: ignore[call-arg]
        format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER,
    )


def check(document: dict[str, Any]) -> list[Violation]:
    """Violations of the OB 3.0 AchievementCredential JSON Schema, each at a JSON pointer into `document`.

    A credential (its `type` names VerifiableCredential) is validated as it is. Anything else is read as an
    Achievement: it is validated inside a credential that carries its @context, so each violation is at its
    path in the Achievement. A missing property is reported at the pointer where it belongs.
    """
    if not isinstance(document, dict):
        return [Violation("", "not a JSON object: an OB 3.0 document is an AchievementCredential or an Achievement")]
    kinds = document.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "VerifiableCredential" in kinds:
        return _violations(document, "")
    return _violations(_wrapped(document), ACHIEVEMENT_POINTER)


def _wrapped(achievement: dict[str, Any]) -> dict[str, Any]:
    mapping = ob3_mapping()
    inner = {k: v for k, v in achievement.items() if k != "@context"}
    # The wrapper's own fields are valid by construction; only the Achievement and its @context are judged.
    wrapper: dict[str, Any] = {"@context": achievement["@context"]} if "@context" in achievement else {}
    return {
        **wrapper,
        "id": "urn:uuid:00000000-0000-0000-0000-000000000000",
        "type": list(mapping.credential_type),
        "issuer": "urn:uuid:00000000-0000-0000-0000-000000000000",
        "validFrom": mapping.valid_from_placeholder,
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": inner},
    }


def _violations(document: dict[str, Any], inside: str) -> list[Violation]:
    out: set[Violation] = set()
    for error in _validator().iter_errors(document):
        pointer = "".join("/" + _escape(part) for part in error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    out.add(Violation(f"{pointer}/{_escape(name)}", f"'{name}' is a required property"))
            continue
        out.add(Violation(pointer, _message(error)))
    kept = []
    for violation in out:
        if violation.path == "/@context" or violation.path.startswith("/@context/"):
            kept.append(violation)
        elif inside and (violation.path == inside or violation.path.startswith(inside + "/")):
            kept.append(Violation(violation.path[len(inside) :], violation.message))
        elif not inside:
            kept.append(violation)
    return sorted(kept, key=lambda v: (v.path, v.message))


def _escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _message(error: Any) -> str:
    """The schema's message; for a value none of a oneOf's branches accepts, what the closest branch says."""
    if error.validator == "oneOf" and error.context:
        import jsonschema

        best = jsonschema.exceptions.best_match(error.context)
        return f"{error.message}: {best.message}"
    return str(error.message)
