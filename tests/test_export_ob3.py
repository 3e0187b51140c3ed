"""Open Badges 3.0 export: every sample exports and conforms to the official JSON Schema, offline.

The schema is the vendored copy (designer/export/artefacts/ob3/, README there); nothing is fetched.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import overlay

from designer.export.common import Violation, dumps
from designer.export.ob3 import ACHIEVEMENT_POINTER, ARTEFACTS, SCHEMA_FILE, check, export_design
from designer.frameworks import load_framework
from designer.frameworks.exports import ob3_mapping
from designer.model.design import Design
from designer.model.loader import load_file, load_text
from designer.paths import sample_designs

READY_COURSE = {
    "homepage": "https://www.example.edu/courses/spend-analytics",
    "isced_f": "0413",
    "learning_setting": "non-formal",
    "edition": "2026",
    "awarding_bodies": [
        {
            "name": "Test University",
            "country": "BE",
            "url": "https://www.example.edu",
            "identifier": "https://ror.org/008x57b05",
        },
        {"name": "Partner College", "country": "IE", "url": "https://www.partner.example"},
    ],
}
ESCO = "http://data.europa.eu/esco/skill/bfe4f330-d595-48c7-ab3c-f309471d6953"
OTHER_ESCO = "http://data.europa.eu/esco/skill/0a2ef9a5-7f67-4d4b-8d1d-2d3c5b1a8f0e"


def _design(path: Path) -> tuple[Design, Any]:
    loaded = load_file(path)
    assert loaded.design is not None
    return loaded.design, load_framework(loaded.design.course.framework, path.parent)


def _from_text(text: str) -> tuple[Design, Any]:
    loaded = load_text(text)
    assert loaded.design is not None
    return loaded.design, load_framework(loaded.design.course.framework)


def _ready() -> tuple[Design, Any]:
    data = yaml.safe_load(overlay({"course": READY_COURSE}))
    data["outcomes"][0]["esco"] = [ESCO]
    data["summative"] = [
        {**data["summative"][0], "weight": 100},
        {
            "id": "SA2",
            "title": "Safety sign-off",
            "method": "practical-assessment",
            "grading": "pass-fail",
            "hours": 1,
            "outcomes": ["LO2"],
            "criteria": "All steps of the checklist done",
        },
    ]
    return _from_text(yaml.safe_dump(data, sort_keys=False))


def _achievement(document: dict[str, Any]) -> dict[str, Any]:
    return document["credentialSubject"]["achievement"] if "credentialSubject" in document else document


# Every sample


@pytest.mark.parametrize("credential", [False, True], ids=["achievement", "credential"])
@pytest.mark.parametrize("path", sample_designs(), ids=lambda p: p.stem)
def test_every_sample_exports_and_conforms(path: Path, credential: bool) -> None:
    design, framework = _design(path)
    document = export_design(design, framework, credential=credential)
    assert check(document) == []
    achievement = _achievement(document)
    assert achievement["name"] == design.course.title
    assert achievement["humanCode"] == design.course.code
    assert achievement["creditsAvailable"] == design.course.ects
    assert achievement["achievementType"] == "MicroCredential"
    eqf = achievement["alignment"][0]
    assert eqf["targetCode"] == str(design.course.eqf_level)
    assert eqf["targetUrl"] == f"http://data.europa.eu/snb/eqf/{design.course.eqf_level}"
    assert [r["name"] for r in achievement["resultDescription"]] == [s.title for s in design.summative]
    # The issuer's id is the first awarding body's identifier (a ROR id in the samples), else its url.
    body = design.course.awarding_bodies[0]
    assert achievement["creator"]["id"] == (body.identifier or body.url)
    # Round trip through the written text: what a platform receives conforms too.
    assert check(json.loads(dumps(document))) == []


def test_export_is_deterministic() -> None:
    path = sample_designs()[0]
    first = dumps(export_design(*_design(path), credential=True))
    second = dumps(export_design(*_design(path), credential=True))
    assert first == second
    assert first.endswith("}\n") and "\\u" not in first


# What a ready design gives


def test_ready_design_maps_every_field() -> None:
    design, framework = _ready()
    achievement = export_design(design, framework)
    assert check(achievement) == []
    assert achievement["@context"] == ob3_mapping().contexts
    assert achievement["id"].startswith("urn:uuid:")
    assert achievement["criteria"]["id"] == "https://www.example.edu/courses/spend-analytics"
    assert achievement["fieldOfStudy"] == "Management and administration"
    assert achievement["inLanguage"] == "en"
    assert achievement["version"] == "2026"
    assert achievement["description"] == design.course.summary
    targets = {a["targetType"]: a for a in achievement["alignment"]}
    assert targets["ext:ISCEDF"]["targetUrl"] == "http://data.europa.eu/snb/isced-f/0413"
    assert targets["ext:ESCOSkill"]["targetUrl"] == ESCO
    assert targets["ext:ESCOSkill"]["targetName"] == design.outcomes[0].statement
    results = achievement["resultDescription"]
    assert [(r["name"], r["resultType"]) for r in results] == [
        ("Savings project", "Result"),
        ("Safety sign-off", "Status"),
    ]
    # Name-based UUIDs (RFC 4122 v5) of the issuer, the course and the component.
    namespace = uuid.UUID(ob3_mapping().id_namespace)
    issuer_and_code = f"https://ror.org/008x57b05 {design.course.code}"
    assert achievement["id"] == f"urn:uuid:{uuid.uuid5(namespace, 'achievement:' + issuer_and_code)}"
    assert results[1]["id"] == f"urn:uuid:{uuid.uuid5(namespace, 'result:' + issuer_and_code + ':SA2')}"
    narrative = achievement["criteria"]["narrative"]
    for outcome in design.outcomes:
        assert f"- {outcome.statement}" in narrative
    assert "**Savings project** (100% of the grade): Savings found in the data" in narrative
    assert "**Safety sign-off** (pass/fail): All steps of the checklist done" in narrative
    # The issuer is the body's identifier, not its url.
    assert achievement["creator"]["id"] == "https://ror.org/008x57b05"
    assert achievement["creator"]["url"] == "https://www.example.edu"
    assert achievement["creator"]["name"] == "Test University"


def test_credential_template_is_ready_to_sign() -> None:
    design, framework = _ready()
    document = export_design(design, framework, credential=True)
    assert check(document) == []
    mapping = ob3_mapping()
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"].startswith("urn:uuid:")
    assert document["issuer"]["id"] == "https://ror.org/008x57b05"
    assert document["issuer"]["address"]["addressCountryCode"] == "BE"
    # validFrom is required; the platform sets the issue date when it signs (frameworks/export/ob3.yaml).
    assert document["validFrom"] == mapping.valid_from_placeholder == "1970-01-01T00:00:00Z"
    subject = document["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"] and "id" not in subject
    assert "proof" not in document and "@context" not in subject["achievement"]


def test_courses_sharing_a_homepage_get_ids_of_their_own() -> None:
    # The samples all give the programme's page as their homepage; each achievement is still its own.
    ids = [_achievement(export_design(*_design(path)))["id"] for path in sample_designs()]
    assert len(set(ids)) == len(ids) == len(sample_designs())


def test_two_issuers_with_one_course_code_get_two_ids() -> None:
    design, framework = _design(sample_designs()[0])
    body = design.course.awarding_bodies[0].model_copy(update={"identifier": "https://ror.org/00other00"})
    other = design.model_copy(update={"course": design.course.model_copy(update={"awarding_bodies": [body]})})
    assert _achievement(export_design(design, framework))["id"] != _achievement(export_design(other, framework))["id"]


def test_ids_are_urns_from_the_course_code() -> None:
    design, framework = _design(sample_designs()[0])
    first = export_design(design, framework, credential=True)
    other = design.model_copy(update={"course": design.course.model_copy(update={"code": "OTHER-1"})})
    second = export_design(other, framework, credential=True)
    for doc in (first, second):
        assert doc["id"].startswith("urn:uuid:") and _achievement(doc)["id"].startswith("urn:uuid:")
    assert first["id"] != second["id"]
    assert _achievement(first)["id"] != _achievement(second)["id"]
    ids = [r["id"] for r in _achievement(first)["resultDescription"]]
    assert len(set(ids)) == len(ids)


def test_what_is_no_uri_is_left_out_not_written_as_an_id() -> None:
    """An issuer identifier or an ESCO entry that is no URI (EX004, EX008 name them) never becomes an id or a targetUrl."""
    design, framework = _ready()
    body = design.course.awarding_bodies[0].model_copy(update={"identifier": "PIC 999999999"})
    outcome = design.outcomes[0].model_copy(
        update={"esco": ["data analysis", "javascript:alert(1)", ESCO, f" {ESCO} "]}
    )
    changed = design.model_copy(
        update={
            "course": design.course.model_copy(update={"awarding_bodies": [body]}),
            "outcomes": [outcome, *design.outcomes[1:]],
        }
    )
    document = export_design(changed, framework, credential=True)
    assert document["issuer"]["id"] == "https://www.example.edu"
    urls = [a["targetUrl"] for a in _achievement(document)["alignment"] if a["targetFramework"] == "ESCO"]
    assert urls == [ESCO]


def test_a_link_that_is_no_web_address_is_left_out() -> None:
    """A platform shows criteria.id and the issuer's url as links: a javascript: homepage or url (EX001, EX004) is not one."""
    design, framework = _ready()
    bodies = [body.model_copy(update={"url": "javascript:alert(1)"}) for body in design.course.awarding_bodies]
    course = design.course.model_copy(update={"homepage": "javascript:alert(1)//x.org", "awarding_bodies": bodies})
    document = export_design(design.model_copy(update={"course": course}), framework, credential=True)
    assert "javascript" not in json.dumps(document)
    assert "id" not in _achievement(document)["criteria"]
    assert document["issuer"]["id"] == "https://ror.org/008x57b05"


def _with(design: Design, **course: Any) -> Design:
    return design.model_copy(update={"course": design.course.model_copy(update=course)})


def _uuid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(ob3_mapping().id_namespace), name)}"


def test_the_credential_is_named_after_the_course_and_has_an_id_of_its_own() -> None:
    design, framework = _ready()
    document = export_design(design, framework, credential=True)
    assert document["name"] == design.course.title
    assert document["id"] == _uuid(f"credential:https://ror.org/008x57b05 {design.course.code}")
    assert document["id"] != _achievement(document)["id"]


def test_a_design_without_awarding_bodies_exports_without_creator_or_issuer() -> None:
    design, framework = _ready()
    alone = _with(design, awarding_bodies=[])
    achievement = export_design(alone, framework)
    assert "creator" not in achievement
    # With no issuer the course's code alone names it.
    assert achievement["id"] == _uuid(f"achievement:{design.course.code}")
    document = export_design(alone, framework, credential=True)
    assert "issuer" not in document and document["name"] == design.course.title


def test_ids_fall_back_from_identifier_to_url_to_name_and_from_code_to_title_to_file_name() -> None:
    design, framework = _ready()
    code = design.course.code
    first, second = design.course.awarding_bodies

    def ident(changed: Design, key: str | None = None) -> str:
        return str(export_design(changed, framework, key=key)["id"])

    by_url = first.model_copy(update={"identifier": None})
    assert ident(_with(design, awarding_bodies=[by_url, second])) == _uuid(
        f"achievement:https://www.example.edu {code}"
    )
    by_name = by_url.model_copy(update={"url": None})
    assert ident(_with(design, awarding_bodies=[by_name, second])) == _uuid(f"achievement:Test University {code}")
    untitled = _with(design, code=None)
    assert ident(untitled) == _uuid(f"achievement:https://ror.org/008x57b05 {design.course.title}")
    nameless = _with(design, code=None, title=None)
    assert ident(nameless, key="spend") == _uuid("achievement:https://ror.org/008x57b05 spend")


def test_a_component_without_an_id_is_named_by_its_position() -> None:
    design, framework = _ready()
    unnamed = design.summative[1].model_copy(update={"id": None, "title": None})
    changed = design.model_copy(update={"summative": [design.summative[0], unnamed]})
    results = export_design(changed, framework)["resultDescription"]
    assert results[1]["name"] == "2"
    assert results[1]["id"] == _uuid(f"result:https://ror.org/008x57b05 {design.course.code}:2")
    assert results[1]["resultType"] == "Status"


def test_alignments_carry_their_codes_names_and_each_esco_skill_once() -> None:
    design, framework = _ready()
    other = "http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9"
    # The second outcome repeats the first one's skill, then names one of its own; the third has no statement.
    second = design.outcomes[1].model_copy(update={"esco": [ESCO, other]})
    third = design.outcomes[1].model_copy(update={"id": "LO3", "statement": None, "esco": [OTHER_ESCO]})
    changed = design.model_copy(update={"outcomes": [design.outcomes[0], second, third]})
    alignments = export_design(changed, framework)["alignment"]
    eqf, isced = alignments[0], alignments[1]
    assert (eqf["targetName"], eqf["targetCode"]) == (
        f"EQF level {design.course.eqf_level}",
        str(design.course.eqf_level),
    )
    assert (isced["targetName"], isced["targetCode"]) == ("Management and administration", "0413")
    esco = [a for a in alignments if a["targetType"] == "ext:ESCOSkill"]
    assert [a["targetUrl"] for a in esco] == [ESCO, other, OTHER_ESCO]
    assert [a["targetName"] for a in esco] == [design.outcomes[0].statement, design.outcomes[1].statement, "LO3"]
    assert [a["targetDescription"] for a in esco] == [
        f"ESCO skill that outcome {outcome} relates to" for outcome in (design.outcomes[0].id, second.id, "LO3")
    ]


def test_a_design_without_an_eqf_level_has_no_eqf_alignment() -> None:
    design, framework = _ready()
    targets = [a["targetType"] for a in export_design(_with(design, eqf_level=None), framework)["alignment"]]
    assert "ext:EQF" not in targets and targets


def test_the_narrative_lists_outcomes_and_each_component_as_its_data_words_them() -> None:
    words = ob3_mapping().narrative
    design, framework = _ready()
    first, second = design.summative
    blank = design.outcomes[1].model_copy(update={"id": "LO3", "statement": "   "})
    components = [
        first.model_copy(update={"weight": None}),
        # No title nor id: left out, and the components after it are still listed.
        second.model_copy(update={"id": None, "title": None}),
        second.model_copy(update={"id": "SA3", "title": None, "criteria": None, "description": "A checklist"}),
        second.model_copy(update={"id": "SA4", "title": "Last", "criteria": None, "description": None}),
    ]
    changed = design.model_copy(update={"outcomes": [*design.outcomes, blank], "summative": components})
    narrative = export_design(changed, framework)["criteria"]["narrative"]
    outcomes = "\n".join(words.outcome.format(statement=o.statement) for o in design.outcomes)
    lines = [
        words.graded_unweighted.format(title=first.title, weight="", criteria=first.criteria),
        words.pass_fail.format(title="SA3", weight="", criteria="A checklist"),
        words.pass_fail.format(title="Last", weight="", criteria="").removesuffix(": "),
    ]
    assert narrative == f"{words.outcomes}\n\n{outcomes}\n\n{words.assessment}\n\n" + "\n".join(lines)
    assert lines[-1] == "- **Last** (pass/fail)"


def test_an_achievement_with_contexts_out_of_order_is_reported_at_each() -> None:
    design, framework = _ready()
    achievement = export_design(design, framework)
    achievement["@context"] = list(reversed(achievement["@context"]))
    assert [v.path for v in check(achievement)] == ["/@context/0", "/@context/1"]


def test_narrative_is_data() -> None:
    words = ob3_mapping().narrative
    design, framework = _ready()
    assert export_design(design, framework)["criteria"]["narrative"].startswith(words.outcomes + "\n\n")


# Negative: each broken document gives a violation at the path of the fault


def _broken(credential: bool, change: Any) -> list[Violation]:
    design, framework = _ready()
    document = export_design(design, framework, credential=credential)
    change(_achievement(document))
    return check(document)


PREFIX = {False: "", True: ACHIEVEMENT_POINTER}


@pytest.mark.parametrize("credential", [False, True], ids=["achievement", "credential"])
@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda a: a.pop("name"), "/name", "'name' is a required property"),
        (lambda a: a.pop("criteria"), "/criteria", "'criteria' is a required property"),
        (lambda a: a.pop("description"), "/description", "'description' is a required property"),
        (lambda a: a.update(achievementType="Microcredential"), "/achievementType", "'Microcredential' is not"),
        (lambda a: a.update(creditsAvailable="3"), "/creditsAvailable", "'3' is not of type 'number'"),
        (lambda a: a.update(inLanguage="English"), "/inLanguage", "does not match"),
        (lambda a: a["resultDescription"][1].update(resultType="pass"), "/resultDescription/1/resultType", "'pass'"),
        (lambda a: a["alignment"][0].pop("targetUrl"), "/alignment/0/targetUrl", "required property"),
        (lambda a: a["creator"].pop("id"), "/creator/id", "required property"),
        # An object where a string belongs: one violation at its path, not one per letter of 'string'.
        (lambda a: a.update(name={"en": "A title"}), "/name", "{'en': 'A title'} is not of type 'string'"),
        # A oneOf none of whose branches fits: what the closest branch says.
        (
            lambda a: a["alignment"][0].update(targetType=5),
            "/alignment/0/targetType",
            "5 is not valid under any of the given schemas: 5 is not of type 'string'",
        ),
        (lambda a: a.update(type=None), "/type", "None is not of type 'array'"),
    ],
    ids=[
        "no-name",
        "no-criteria",
        "no-description",
        "achievement-type",
        "credits-string",
        "language",
        "result-type",
        "alignment-url",
        "creator-id",
        "object-for-string",
        "one-of",
        "no-type",
    ],
)
def test_a_fault_is_reported_at_its_path(credential: bool, change: Any, path: str, words: str) -> None:
    violations = _broken(credential, change)
    assert [v.path for v in violations] == [PREFIX[credential] + path]
    assert words in violations[0].message


def test_credential_faults_outside_the_achievement() -> None:
    design, framework = _ready()
    document = export_design(design, framework, credential=True)
    broken = copy.deepcopy(document)
    del broken["validFrom"]
    broken["@context"] = list(reversed(broken["@context"]))
    broken["type"] = ["VerifiableCredential"]
    paths = [v.path for v in check(broken)]
    assert paths == ["/@context/0", "/@context/1", "/type", "/validFrom"]


def test_an_achievement_without_context_is_reported() -> None:
    design, framework = _ready()
    achievement = export_design(design, framework)
    del achievement["@context"]
    assert [v.path for v in check(achievement)] == ["/@context"]


def test_a_design_missing_what_ob3_requires_exports_and_check_names_it() -> None:
    # The exporter leaves out what the design lacks rather than inventing it; check() then says what.
    design, framework = _from_text(overlay({"course": {"summary": None, "awarding_bodies": [{"name": "T U"}]}}))
    document = export_design(design, framework, credential=True)
    assert "issuer" not in document
    assert [v.path for v in check(document)] == [f"{ACHIEVEMENT_POINTER}/description", "/issuer"]


def test_not_an_object() -> None:
    (violation,) = check([])  # type: ignore[arg-type]
    assert violation.path == ""
    assert violation.message == "not a JSON object: an OB 3.0 document is an AchievementCredential or an Achievement"


# The vendored artefacts


def test_vendored_schema_is_a_valid_draft_2019_09_schema_with_local_refs_only() -> None:
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft201909Validator.check_schema(schema)
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            refs.extend(v for k, v in node.items() if k == "$ref")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert refs and all(ref.startswith("#/") for ref in refs)
    assert (ARTEFACTS / "README.md").read_text(encoding="utf-8").count("a4e4e709665ced019c271173b180fcafe35f6f2a") == 1


def test_context_file_is_the_one_the_exports_name() -> None:
    context = json.loads((ARTEFACTS / "context-3.0.3.json").read_text(encoding="utf-8"))
    assert "Achievement" in context["@context"]
    assert ob3_mapping().contexts[1].endswith("/context-3.0.3.json")


def test_check_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the OB 3.0 check opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    design, framework = _ready()
    assert check(export_design(design, framework, credential=True)) == []


def test_a_remote_reference_is_refused_not_fetched() -> None:
    from referencing.exceptions import Unresolvable

    from designer.export.ob3 import _validator

    remote = _validator().evolve(schema={"$ref": "https://example.com/elsewhere.json"})
    with pytest.raises(Unresolvable):
        remote.validate({})


def test_a_broken_export_data_file_names_its_line_and_column(tmp_path: Path) -> None:
    """ob3.yaml and readiness.yaml are read by the loader elm.yaml is: a bad value is named at its line."""
    from designer.frameworks import FrameworkError
    from designer.frameworks.exports import Ob3Mapping, load_export_data

    text = (Path(__file__).parents[1] / "frameworks" / "export" / "ob3.yaml").read_text(encoding="utf-8")
    broken = text.replace("achievement_type: ", "achievement_type: [", 1).replace(
        "MicroCredential", "MicroCredential]", 1
    )
    path = tmp_path / "ob3.yaml"
    path.write_text(broken, encoding="utf-8")
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if row.startswith("achievement_type:"))
    with pytest.raises(FrameworkError, match=rf"ob3.yaml:{line}:\d+: achievement_type: "):
        load_export_data("ob3", Ob3Mapping, path)


def test_check_reads_the_schemas_date_times() -> None:
    # A platform's credential with a proper validFrom conforms; "yesterday" is not an RFC 3339 date-time.
    design, framework = _design(sample_designs()[0])
    document = export_design(design, framework, credential=True)
    document["validFrom"] = "2026-11-30T09:00:00Z"
    assert check(document) == []
    document["validFrom"] = "yesterday"
    (violation,) = check(document)
    assert violation.path == "/validFrom" and "date-time" in violation.message, violation


def test_an_esco_alignment_of_an_outcome_without_an_id_names_it_by_its_position() -> None:
    design, framework = _ready()
    unnamed = design.outcomes[1].model_copy(update={"id": None, "esco": [OTHER_ESCO]})
    changed = design.model_copy(update={"outcomes": [design.outcomes[0], unnamed]})
    esco = [a for a in export_design(changed, framework)["alignment"] if a["targetType"] == "ext:ESCOSkill"]
    assert [a["targetDescription"] for a in esco] == [
        f"ESCO skill that outcome {design.outcomes[0].id} relates to",
        "ESCO skill that outcome 2 relates to",
    ]
