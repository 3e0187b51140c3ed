"""ELM v3 export: every sample conforms to the vendored LOQ shapes; broken documents give the expected violation."""

from __future__ import annotations

import contextlib
import copy
import re
import socket
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, overlay
from fuzzing import Mutant, mutants
from hypothesis import HealthCheck, given, settings

from designer.export import detect, elm
from designer.export.common import DocumentLoader, ExportError, RemoteContextRefused, dumps
from designer.frameworks import load_framework
from designer.frameworks.exports import isced_f
from designer.paths import sample_designs
from designer.rules.engine import lint_file, lint_text

SAMPLES = sample_designs()
# The clean base design with the fields ELM requires beyond the EU minimum.
READY = overlay({"course": {"homepage": "https://example.org/spend", "isced_f": "0413", "learning_setting": "formal"}})


def ready_with(course: dict[str, Any]) -> str:
    """READY with these course fields replaced."""
    design = yaml.safe_load(READY)
    design["course"].update(course)
    return yaml.safe_dump(design, allow_unicode=True)


def exported(path: Path) -> dict[str, Any]:
    context = lint_file(path).context
    assert context is not None
    return elm.export_design(context.design, context.framework, key=path.stem)


def from_text(text: str) -> dict[str, Any]:
    context = lint_text(text).context
    assert context is not None
    return elm.export_design(context.design, context.framework, key="course")


@pytest.fixture(scope="module")
def spp() -> dict[str, Any]:
    return exported(ROOT / "sample_courses" / "sustainable-public-procurement.yaml")


def spec(document: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = document["learningAchievementSpecification"]
    return node


def messages(document: dict[str, Any]) -> list[str]:
    return [str(violation) for violation in elm.check(document)]


# Every sample exports and conforms.


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_exports_and_conforms(path: Path) -> None:
    document = exported(path)
    assert elm.check(document) == []
    assert detect(document) == "elm"
    design = lint_file(path).context
    assert design is not None
    course = design.design.course
    assert document["id"] == f"urn:designer:{course.code}:opportunity"
    assert spec(document)["creditPoint"]["point"] == f"{course.ects:g}"
    statements = [o.statement.strip() for o in design.design.outcomes if o.statement]
    assert [o["title"]["en"] for o in spec(document)["learningOutcome"]] == statements


def test_the_sample_carries_every_element_the_issue_names(spp: dict[str, Any]) -> None:
    las = spec(spp)
    assert spp["type"] == "LearningOpportunity" and las["type"] == "LearningAchievementSpecification"
    assert las["educationLevel"]["id"] == "http://data.europa.eu/snb/eqf/7"
    assert las["educationLevel"]["inScheme"]["id"] == "http://data.europa.eu/snb/eqf/25831c2"
    assert las["creditPoint"]["framework"]["id"] == "http://data.europa.eu/snb/education-credit/6fcec5c5af"
    assert las["mode"]["id"] == "http://data.europa.eu/snb/learning-assessment/e92d221e4d"  # blended
    assert las["learningSetting"]["id"] == "http://data.europa.eu/snb/learning-setting/e207a81fc7"  # non-formal
    assert las["thematicArea"] == {
        "id": "http://data.europa.eu/snb/isced-f/0413",
        "type": "Concept",
        "inScheme": {"id": "http://data.europa.eu/snb/isced-f/25831c2", "type": "ConceptScheme"},
        "prefLabel": {"en": "Management and administration"},
    }
    assert las["language"]["id"] == "http://publications.europa.eu/resource/authority/language/ENG"
    assert las["entryRequirement"]["noteLiteral"]["en"].startswith("A bachelor's degree")
    assert las["additionalNote"][0]["noteLiteral"]["en"].startswith("Developed within the ProcToGo project")
    assert spp["homepage"]["contentURL"] == "https://proctogo.it"
    provider = spp["providedBy"]
    assert provider["id"] == "https://ror.org/02p77k626"
    assert provider["legalName"] == {"en": "Tor Vergata University of Rome"}
    country = provider["location"]["address"]["countryCode"]
    assert country["id"] == "http://publications.europa.eu/resource/authority/country/ITA"
    assert country["prefLabel"] == {"en": "Italy"}
    assessments = las["provenBy"]
    assert assessments and all(a["type"] == "LearningAssessmentSpecification" for a in assessments)
    assert all(a["dcType"]["inScheme"]["id"] == "http://data.europa.eu/snb/assessment/25831c2" for a in assessments)


def test_every_controlled_value_is_a_full_concept(spp: dict[str, Any]) -> None:
    concepts: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Concept":
                concepts.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spp)
    assert len(concepts) >= 8
    for concept in concepts:
        assert concept["inScheme"]["type"] == "ConceptScheme" and concept["inScheme"]["id"].startswith("http")
        assert concept["prefLabel"]["en"]


def test_a_design_gives_these_nodes_each_in_its_language_and_with_its_id() -> None:
    design = yaml.safe_load(READY)
    design["course"].update(
        {
            "language": "en_gb",
            "prerequisites": " Basic statistics. ",
            "prerequisite_courses": ["SPA-0", "SPA-00"],
            "further_information": "Runs twice a year.",
            "participation": "online",
        }
    )
    design["course"]["awarding_bodies"][0]["url"] = "https://test.example.org"
    first = design["summative"][0]
    design["summative"] = [
        {**first, "description": "A report on real data."},
        # Neither a title nor a method: nothing to call it, left out (and the next one still written).
        {**first, "id": "SA3", "title": None, "method": None, "weight": None},
        # No id nor title: named by its position and its method.
        {**first, "id": None, "title": None, "method": "oral-exam", "weight": None, "description": None},
    ]
    design["outcomes"].append({**design["outcomes"][1], "id": "LO9", "statement": "  "})
    design["outcomes"].append({**design["outcomes"][1], "id": None, "statement": "Compare two tenders."})
    document = from_text(yaml.safe_dump(design, allow_unicode=True))
    las = spec(document)
    data = elm.mapping()
    base = "urn:designer:TEST-1"
    summary = {"en-GB": design["course"]["summary"]}
    english = {
        "id": data.language.uri.format(code="ENG"),
        "type": "Concept",
        "inScheme": {"id": data.language.scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": "English"},
    }
    online = data.participation.concepts["online"]
    assert document["description"] == las["description"] == summary
    assert (
        document["mode"]
        == las["mode"]
        == {
            "id": online.uri,
            "type": "Concept",
            "inScheme": {"id": data.participation.scheme, "type": "ConceptScheme"},
            "prefLabel": {"en": online.label},
        }
    )
    kind = data.opportunity_type
    assert document["dcType"] == {
        "id": kind.concept.uri,
        "type": "Concept",
        "inScheme": {"id": kind.scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": kind.concept.label},
    }
    assert document["defaultLanguage"] == las["language"] == english
    level = design["course"]["eqf_level"]
    assert las["educationLevel"]["prefLabel"] == {"en": data.eqf.label.format(level=level)}
    provider = document["providedBy"]
    assert provider["homepage"] == {
        "id": f"{base}:provider-homepage",
        "type": "WebResource",
        "contentURL": "https://test.example.org",
    }
    assert provider["location"]["id"] == f"{base}:provider-location"
    assert provider["location"]["address"]["id"] == f"{base}:provider-address"
    assert las["entryRequirement"] == {
        "id": f"{base}:entry-requirement",
        "type": "Note",
        "noteLiteral": {
            "en-GB": "Basic statistics.\n\n" + data.notes.prerequisite_courses.format(codes="SPA-0, SPA-00")
        },
    }
    assert las["additionalNote"] == [
        {"id": f"{base}:further-information", "type": "Note", "noteLiteral": {"en-GB": "Runs twice a year."}}
    ]
    project, oral = data.summative_methods.concepts["project"], data.summative_methods.concepts["oral-exam"]
    assert [(a["id"], a["title"], a.get("description"), a["dcType"]["id"], a["language"]) for a in las["provenBy"]] == [
        (
            f"{base}:assessment:SA1",
            {"en-GB": first["title"]},
            {"en-GB": "A report on real data."},
            project.uri,
            english,
        ),
        (f"{base}:assessment:3", {"en-GB": "oral-exam"}, None, oral.uri, english),
    ]
    assert [(o["id"], o["title"]) for o in las["learningOutcome"]] == [
        (f"{base}:outcome:LO1", {"en-GB": design["outcomes"][0]["statement"]}),
        (f"{base}:outcome:LO2", {"en-GB": design["outcomes"][1]["statement"]}),
        (f"{base}:outcome:4", {"en-GB": "Compare two tenders."}),
    ]
    assert elm.check(document) == []


def test_volume_of_learning_is_the_workload_figure() -> None:
    result = lint_text(READY)
    assert result.context is not None
    document = elm.export_design(result.context.design, result.context.framework)
    assert spec(document)["volumeOfLearning"] == f"PT{result.context.workload.total:g}H" == "PT79H"


def test_volume_of_learning_is_left_out_when_hours_are_not_all_stated() -> None:
    design = yaml.safe_load(READY)
    del design["content"][1]["hours"]
    document = from_text(yaml.safe_dump(design))
    assert "volumeOfLearning" not in spec(document)
    assert elm.check(document) == []


def test_ids_come_from_the_file_name_without_a_code() -> None:
    design = yaml.safe_load(READY)
    del design["course"]["code"]
    document = from_text(yaml.safe_dump(design))
    assert document["id"] == "urn:designer:course:opportunity"


def test_ids_without_a_code_or_a_file_name_and_a_code_that_needs_quoting() -> None:
    result = lint_text(READY)
    assert result.context is not None
    design, framework = result.context.design, result.context.framework
    nameless = design.model_copy(update={"course": design.course.model_copy(update={"code": None})})
    assert elm.export_design(nameless, framework)["id"] == "urn:designer:design:opportunity"
    slashed = design.model_copy(update={"course": design.course.model_copy(update={"code": "SPA/1 b"})})
    assert elm.export_design(slashed, framework)["id"] == "urn:designer:SPA%2F1%20b:opportunity"


def test_a_design_without_an_eqf_level_has_no_education_level() -> None:
    design = yaml.safe_load(READY)
    del design["course"]["eqf_level"]
    document = from_text(yaml.safe_dump(design))
    assert "educationLevel" not in spec(document) and spec(document)["creditPoint"]


def test_exports_are_deterministic() -> None:
    path = ROOT / "sample_courses" / "spend-analytics.yaml"
    first, second = dumps(exported(path)), dumps(exported(path))
    assert first == second
    assert first.endswith("}\n") and "\\u" not in first


def test_esco_skills_become_concepts_and_the_second_outcome_keeps_its_own() -> None:
    skill = "http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9"
    design = yaml.safe_load(READY)
    design["outcomes"][1]["esco"] = [skill]
    document = from_text(yaml.safe_dump(design))
    first, second = spec(document)["learningOutcome"]
    assert "relatedESCOSkill" not in first
    assert second["relatedESCOSkill"][0]["id"] == skill
    assert second["relatedESCOSkill"][0]["inScheme"]["id"] == "http://data.europa.eu/esco/concept-scheme/skills"
    assert elm.check(document) == []


@pytest.mark.parametrize(("given", "tag", "concept"), [("en_gb", "en-GB", "ENG"), ("pt-BR", "pt-BR", "POR")])
def test_a_regional_language_is_a_language_tag_and_keeps_its_concept(given: str, tag: str, concept: str) -> None:
    """EX005 forgives `en_gb`: the export writes en-GB (a JSON-LD language map refuses en_gb) and finds English."""
    document = from_text(ready_with({"language": given}))
    assert list(document["title"]) == [tag]
    assert document["defaultLanguage"]["id"].endswith("/" + concept)
    assert elm.check(document) == []


def test_a_language_that_is_no_tag_leaves_the_texts_in_the_default_language() -> None:
    document = from_text(ready_with({"language": "English (UK)"}))
    assert list(document["title"]) == ["en"]
    assert elm.check(document) == []


def test_esco_entries_and_identifiers_that_are_no_uris_are_left_out() -> None:
    """EX004 and EX008 name them; the export writes no id that is a label or a script URL."""
    skill = "http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9"
    design = yaml.safe_load(READY)
    design["outcomes"][1]["esco"] = ["data analysis", "javascript:alert(1)", skill, skill]
    design["course"]["awarding_bodies"][0]["identifier"] = "urn:pic:<999999999>"
    document = from_text(yaml.safe_dump(design))
    assert [c["id"] for c in spec(document)["learningOutcome"][1]["relatedESCOSkill"]] == [skill]
    assert document["providedBy"]["id"] == document["id"].replace(":opportunity", ":provider")
    assert elm.check(document) == []


def test_a_homepage_that_is_no_web_address_is_left_out() -> None:
    """EX001 and EX004 name a javascript: homepage or url; the export writes no link to it."""
    design = yaml.safe_load(READY)
    design["course"]["homepage"] = "javascript:alert(1)//x.org"
    design["course"]["awarding_bodies"][0]["url"] = "javascript:alert(1)"
    document = from_text(yaml.safe_dump(design))
    assert "javascript" not in dumps(document)


def test_elm_has_no_credential_template(spp: dict[str, Any]) -> None:
    context = lint_file(ROOT / "sample_courses" / "spend-analytics.yaml").context
    assert context is not None
    with pytest.raises(ExportError, match="issuing platform"):
        elm.export_design(context.design, context.framework, credential=True)


# Negative: each broken document names the property it breaks.


def mutated(document: dict[str, Any], change: Any) -> list[str]:
    copied = copy.deepcopy(document)
    change(copied)
    return messages(copied)


def test_no_outcomes_is_a_violation(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: spec(d).pop("learningOutcome"))
    assert found == [
        "urn:designer:PTG-SPP-1:specification learningOutcome: "
        "LearningAchievementSpecification lacks learningOutcome (sh:minCount 1)"
    ]


def test_an_outcome_without_a_title_after_a_clean_one_is_named(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: spec(d)["learningOutcome"][1].pop("title"))
    second = spec(spp)["learningOutcome"][1]["id"]
    assert found == [f"{second} title: LearningOutcome lacks title (sh:minCount 1)"]


def test_no_provider_is_a_violation(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: d.pop("providedBy"))
    assert found == [
        "urn:designer:PTG-SPP-1:opportunity providedBy: LearningOpportunity lacks providedBy (sh:minCount 1)"
    ]


def test_a_provider_without_its_country_is_a_violation(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: d["providedBy"]["location"]["address"].pop("countryCode"))
    assert len(found) == 1 and "Address lacks countryCode (sh:minCount 1)" in found[0]


def test_no_eqf_level_conforms_for_a_course_but_a_level_outside_the_list_does_not(spp: dict[str, Any]) -> None:
    # LOQ asks an EQF level (elm:EQFLevel, 1..1) of a Qualification only; a course's specification
    # may leave its education level out. What the shapes do require: a level from the EQF list.
    assert mutated(spp, lambda d: spec(d).pop("educationLevel")) == []
    found = mutated(spp, lambda d: spec(d)["educationLevel"].update(id="http://data.europa.eu/snb/eqf/9"))
    assert len(found) == 1
    assert "http://data.europa.eu/snb/eqf/9 is not in the vocabulary http://data.europa.eu/snb/eqf/25831c2" in found[0]
    assert "LearningAchievementSpecification educationLevel" in found[0]


def test_a_concept_outside_its_list_names_every_node_that_uses_it(spp: dict[str, Any]) -> None:
    wrong = "http://data.europa.eu/snb/learning-assessment/0000000000"

    def change(document: dict[str, Any]) -> None:
        document["mode"]["id"] = wrong
        spec(document)["mode"]["id"] = wrong

    assert mutated(spp, change) == [
        f"{wrong} inScheme: Concept {wrong} is not in the vocabulary "
        "http://data.europa.eu/snb/learning-assessment/25831c2 "
        "(used as LearningAchievementSpecification mode, LearningOpportunity mode)"
    ]


def test_a_node_of_two_types_is_named_by_both() -> None:
    document = exported(ROOT / "sample_courses" / "sustainable-public-procurement.yaml")
    document["providedBy"]["type"] = ["Organisation", "Person"]
    document["providedBy"].pop("legalName")
    assert messages(document) == [
        "https://ror.org/02p77k626 legalName: Organisation/Person lacks legalName (sh:minCount 1)"
    ]


def test_a_document_of_no_elm_type_is_one_violation_at_its_root() -> None:
    # Its concept names a scheme in the ELM namespace: a value, not a type, so still no ELM object.
    data = elm.mapping()
    document = {
        "@context": [data.context, dict(data.context_terms)],
        "id": "urn:x:concept",
        "type": "Concept",
        "inScheme": {"id": elm.ELM + "Scheme"},
    }
    (violation,) = elm.check(document)
    assert violation.path == "/"
    assert violation.message == (
        "the document describes no ELM object (no node with an ELM type such as LearningOpportunity)"
    )
    with pytest.raises(ExportError) as raised:
        elm.check([document])  # type: ignore[arg-type]
    assert str(raised.value) == "an ELM document is a JSON object"


def test_a_mode_not_in_the_scheme_is_a_violation(spp: dict[str, Any]) -> None:
    wrong = "http://data.europa.eu/snb/learning-assessment/0000000000"
    found = mutated(spp, lambda d: spec(d)["mode"].update(id=wrong))
    assert len(found) == 1
    assert found[0].startswith(f"{wrong} inScheme: Concept {wrong} is not in the vocabulary")
    assert "LearningAchievementSpecification mode" in found[0]


def test_a_learning_setting_of_another_scheme_is_a_violation(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: spec(d)["learningSetting"]["inScheme"].update(id="http://example.org/settings"))
    assert any("learningSetting" in m and "(sh:node)" in m for m in found), found
    assert any("must be http://data.europa.eu/snb/learning-setting/25831c2 (sh:hasValue)" in m for m in found), found


def test_the_specification_shape_is_closed_so_an_eqf_level_property_is_refused(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: spec(d).update(eqfLevel=spec(d)["educationLevel"]))
    assert found == [
        "urn:designer:PTG-SPP-1:specification eqfLevel: "
        "LearningAchievementSpecification has eqfLevel, which the profile does not allow on it (sh:closed)"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(learningAchievementSpecification=[spec(d), {**spec(d), "id": "urn:x:other"}]),
            "urn:designer:PTG-SPP-1:opportunity learningAchievementSpecification: LearningOpportunity has too many "
            "learningAchievementSpecification values (sh:maxCount 1)",
        ),
        (
            lambda d: d["providedBy"].update(type="Person"),
            "urn:designer:PTG-SPP-1:opportunity providedBy: LearningOpportunity providedBy: "
            "https://ror.org/02p77k626 is not a Organisation (sh:class)",
        ),
        (
            lambda d: spec(d).update(volumeOfLearning="83 hours"),
            "urn:designer:PTG-SPP-1:specification volumeOfLearning: LearningAchievementSpecification "
            "volumeOfLearning: 83 hours is not a duration (sh:datatype)",
        ),
        (
            lambda d: spec(d)["creditPoint"].update(point=5),
            "urn:designer:PTG-SPP-1:credit-point point: CreditPoint point: 5 is not a string (sh:datatype)",
        ),
    ],
    ids=["max-count", "class", "datatype", "number-for-string"],
)
def test_each_kind_of_violation_is_worded_with_the_shape_value_it_breaks(
    spp: dict[str, Any], change: Any, message: str
) -> None:
    assert mutated(spp, change) == [message]


def test_a_concept_of_another_scheme_is_named_as_outside_the_vocabulary(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: spec(d)["learningSetting"]["inScheme"].update(id="http://example.org/settings"))
    setting = "http://data.europa.eu/snb/learning-setting/e207a81fc7"
    assert (
        f"urn:designer:PTG-SPP-1:specification learningSetting: LearningAchievementSpecification learningSetting: "
        f"{setting} is not in the vocabulary the profile requires (sh:node)"
    ) in found


def test_a_constraint_without_its_own_wording_keeps_the_validators_message(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: d["homepage"].update(contentURL="ftp://example.org/x"))
    url = next(m for m in found if m.startswith("urn:designer:PTG-SPP-1:homepage contentURL"))
    assert url.startswith(
        'urn:designer:PTG-SPP-1:homepage contentURL: WebResource contentURL: Node Literal("ftp://example.org/x"'
    )
    assert url.endswith(" (sh:and)") and "sh:pattern" in url


def test_a_homepage_without_its_url_is_a_violation(spp: dict[str, Any]) -> None:
    found = mutated(spp, lambda d: d["homepage"].pop("contentURL"))
    assert found and all("contentURL" in m for m in found), found


# Offline: contexts come from the vendored copy, nothing else is fetched.


def test_the_loader_refuses_a_context_it_does_not_ship() -> None:
    loader = elm.loader()
    assert "LearningOpportunity" in loader("http://data.europa.eu/snb/model/context/edc-ap")
    with pytest.raises(RemoteContextRefused, match="never fetches"):
        loader("https://www.w3.org/2018/credentials/v1")
    with pytest.raises(RemoteContextRefused):
        DocumentLoader({}).inline({"a": [{"@context": {"@import": "https://example.org/c.jsonld"}}]})


def test_a_document_naming_a_remote_context_is_refused_not_fetched(spp: dict[str, Any]) -> None:
    document = copy.deepcopy(spp)
    document["@context"].insert(0, "https://www.w3.org/2018/credentials/v1")
    with pytest.raises(RemoteContextRefused, match=r"credentials/v1"):
        elm.check(document)
    nested = copy.deepcopy(spp)
    nested["providedBy"]["@context"] = "https://example.org/context.jsonld"
    with pytest.raises(RemoteContextRefused, match=r"example\.org"):
        elm.check(nested)


def test_export_and_check_open_no_connection(spp: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    document = exported(ROOT / "sample_courses" / "spend-analytics.yaml")
    assert elm.check(document) == []
    assert mutated(spp, lambda d: d.pop("homepage"))


def test_malformed_json_ld_is_an_export_error_not_a_crash(spp: dict[str, Any]) -> None:
    with pytest.raises(ExportError, match="not valid JSON-LD"):
        elm.check({**spp, "@context": 5})
    with pytest.raises(ExportError, match="JSON object"):
        elm.to_graph([spp])


# The vendored shapes and the mapping data.


def test_the_shapes_load_with_python_regexes_and_an_active_specification_shape() -> None:
    from rdflib import URIRef

    shapes = elm.shapes()
    patterns = [str(p) for p in shapes.objects(None, URIRef(elm.SH + "pattern"))]
    assert len(patterns) == 8  # every pattern of the two files is kept, the three Java ones translated
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for pattern in patterns:
            re.compile(pattern)
    assert not list(shapes.triples((None, URIRef(elm.SH + "deactivated"), None)))
    url = next(p for p in patterns if p.startswith("(?i)^(http|https)"))
    assert re.search(url, "HTTPS://example.org/a?b#c") and not re.search(url, "ftp://example.org")


def test_every_framework_value_has_a_concept_from_its_vendored_list() -> None:
    data = elm.mapping()
    lists = elm.vocabularies()
    eu = load_framework("eu").spec
    assert set(data.participation.concepts) == set(eu.vocabularies.participation)
    assert set(data.learning_setting.concepts) == set(eu.vocabularies.learning_setting)
    assert set(data.summative_methods.concepts) == set(eu.summative_methods)
    for table in (data.participation, data.learning_setting, data.summative_methods):
        for concept in table.concepts.values():
            assert lists[table.scheme][concept.uri] == concept.label
    for single in (data.opportunity_type, data.credit_system):
        assert lists[single.scheme][single.concept.uri] == single.concept.label
    for level in eu.eqf.levels:
        assert eu.eqf.uri is not None
        assert lists[data.eqf.scheme][eu.eqf.uri.format(level=level)] == data.eqf.label.format(level=level)
    countries = lists[data.country.scheme]
    for code, entry in data.countries.items():
        assert countries[data.country.uri.format(code=entry.code)] == entry.label, code
    # Every country a design may name has an EU code but the one the EU table lacks.
    assert set(eu.countries) - set(data.countries) == {"TF"}


def test_the_isced_f_fields_the_export_reads_are_the_vendored_list() -> None:
    # The export labels a thematic area from frameworks/export/isced-f.yaml; `check` reads the vendored list.
    fields = isced_f()
    assert elm.vocabularies()[fields.scheme] == {fields.uri.format(code=c): label for c, label in fields.fields.items()}


def test_the_mapping_is_the_elm_file_of_the_frameworks_export_folder() -> None:
    default = elm.load_mapping()
    assert default == elm.load_mapping(ROOT / "frameworks" / "export" / "elm.yaml")
    assert default.id_prefix == "urn:designer:"


def test_a_broken_mapping_file_names_its_line_and_column(tmp_path: Path) -> None:
    text = (ROOT / "frameworks" / "export" / "elm.yaml").read_text(encoding="utf-8")
    broken = text.replace("    blended: {uri:", "    blended: {url:", 1)
    path = tmp_path / "elm.yaml"
    path.write_text(broken, encoding="utf-8")
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if "blended: {url:" in row)
    with pytest.raises(ExportError, match=rf"elm.yaml:{line}:\d+: participation.concepts.blended"):
        elm.load_mapping(path)
    path.write_text("format: 1\ncontext: [\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"elm.yaml:3:1: export data is not valid YAML"):
        elm.load_mapping(path)


# Fuzz: any design the linter loads exports without a crash.

BOUNDED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@settings(BOUNDED, max_examples=60)
@given(mutants())
def test_export_survives_mutated_designs(mutant: Mutant) -> None:
    context = lint_text(mutant.text, "mutant.yaml").context
    if context is None:
        return
    document = elm.export_design(context.design, context.framework, key="mutant")
    assert dumps(document) == dumps(copy.deepcopy(document))
    # A value the JSON-LD parser cannot read is an ExportError (exit 2 in the CLI), never another exception.
    with contextlib.suppress(ExportError):
        elm.check(document)
