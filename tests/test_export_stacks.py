"""`designer export DIR`: a catalogue's stacks as documents beside its courses', in both formats (issue 10)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, overlay

from designer.cli import main
from designer.export import elm, ob3
from designer.frameworks.exports import ob3_mapping

SAMPLE = ROOT / "sample_courses"
STACKS = ("digital-procurement-operations", "digital-sustainable-procurement")
READY = overlay(
    {
        "course": {
            "homepage": "https://example.org/spend",
            "isced_f": "0413",
            "learning_setting": "formal",
            "awarding_bodies": [{"name": "Test University", "country": "BE", "url": "https://test.example.org"}],
        }
    }
)


def cli(*argv: str) -> int:
    return main(["export", *argv])


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def course_documents(folder: Path) -> list[Any]:
    return [read(path) for path in sorted(folder.glob("*.jsonld")) if ".stack." not in path.name]


def catalogue(folder: Path, stacks: list[dict[str, Any]], owner: dict[str, Any] | None = None) -> None:
    data = {
        "format": 1,
        "catalogue": {
            "title": "Test catalogue",
            "owner": owner or {"name": "Test University", "country": "BE", "url": "https://test.example.org"},
            "url": "https://test.example.org/catalogue",
        },
        "stacks": stacks,
    }
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def design(code: str, *, broken: bool = False) -> str:
    data = yaml.safe_load(READY)
    data["course"]["code"] = code
    data["course"]["title"] = f"Course {code}"
    if broken:  # an outcome no summative component assesses: AL001, an error
        data["summative"][0]["outcomes"] = ["LO1"]
    return yaml.safe_dump(data, sort_keys=False)


def stack(ident: str, kind: str, required: list[str], electives: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": ident,
        "title": f"Stack {ident}",
        "kind": kind,
        "ects": 3.0 * len(required) + (3.0 if electives else 0.0),
        "eqf_level": 6,
        "required": required,
        "electives": electives or [],
        "description": f"The {ident} stack.",
    }


@pytest.mark.parametrize("fmt", ["ob3", "elm"])
def test_the_sample_catalogue_exports_both_stacks_and_they_conform(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / fmt
    assert cli(str(SAMPLE), "--format", fmt, "-o", str(target), "--check") == 0
    assert "wrote 9 documents (7 courses, 2 stacks)" in capsys.readouterr().err
    names = [f"{ident}.stack.{fmt}.jsonld" for ident in STACKS]
    assert sorted(p.name for p in target.glob("*.stack.*")) == names
    checker = ob3 if fmt == "ob3" else elm
    for name in names:
        assert checker.check(read(target / name)) == []


def test_ob3_stacks_point_at_the_course_achievements_by_their_ids(tmp_path: Path) -> None:
    assert cli(str(SAMPLE), "--format", "ob3", "-o", str(tmp_path)) == 0
    achievements = {doc["humanCode"]: doc["id"] for doc in course_documents(tmp_path)}
    spec = yaml.safe_load((SAMPLE / "catalogue.yaml").read_text(encoding="utf-8"))["stacks"]
    for entry in spec:
        document = read(tmp_path / f"{entry['id']}.stack.ob3.jsonld")
        courses = [a for a in document["alignment"] if a["targetType"] == ob3_mapping().stack.course.target_type]
        assert [a["targetCode"] for a in courses] == entry["required"] + entry["electives"]
        assert [a["targetUrl"] for a in courses] == [
            achievements[code] for code in entry["required"] + entry["electives"]
        ]
        assert document["achievementType"] == ob3_mapping().stack.achievement_types[entry["kind"]]
        assert document["creditsAvailable"] == entry["ects"]
        assert document["creator"]["id"] == "https://proctogo.it"
        eqf = [a for a in document["alignment"] if a["targetType"] == ob3_mapping().eqf.target_type]
        assert [a["targetCode"] for a in eqf] == [str(entry["eqf_level"])]
        narrative = document["criteria"]["narrative"]
        assert all(code in narrative for code in entry["required"] + entry["electives"])
    # The specialisation asks 18 ECTS; its required courses give 15: 3 from the electives.
    narrative = read(tmp_path / "digital-sustainable-procurement.stack.ob3.jsonld")["criteria"]["narrative"]
    assert "at least 3 ECTS from these:" in narrative


def test_elm_stacks_embed_the_course_specifications_and_outcomes_with_their_ids(tmp_path: Path) -> None:
    assert cli(str(SAMPLE), "--format", "elm", "-o", str(tmp_path)) == 0
    specs = {
        doc["learningAchievementSpecification"]["id"]: doc["learningAchievementSpecification"]
        for doc in course_documents(tmp_path)
    }
    by_code = {
        doc["id"].removesuffix(":opportunity").removeprefix("urn:designer:"): doc for doc in course_documents(tmp_path)
    }
    spec = yaml.safe_load((SAMPLE / "catalogue.yaml").read_text(encoding="utf-8"))["stacks"]
    for entry in spec:
        document = read(tmp_path / f"{entry['id']}.stack.elm.jsonld")
        stack_spec = document["learningAchievementSpecification"]
        codes = entry["required"] + entry["electives"]
        parts = stack_spec["hasPart"]
        assert [part["id"] for part in parts] == [by_code[c]["learningAchievementSpecification"]["id"] for c in codes]
        # The same nodes as in the course documents, so the graphs merge without contradiction.
        assert all(part == specs[part["id"]] for part in parts)
        outcomes = [
            o for c in entry["required"] for o in by_code[c]["learningAchievementSpecification"]["learningOutcome"]
        ]
        assert stack_spec["learningOutcome"] == outcomes
        assert stack_spec["creditPoint"]["point"] == f"{entry['ects']:g}"
        assert stack_spec["educationLevel"]["id"] == f"http://data.europa.eu/snb/eqf/{entry['eqf_level']}"
        assert document["providedBy"]["legalName"] == {"en": "ProcToGo consortium"}
    # The consortium has no country of its own: it is where its members are, as the courses say.
    locations = read(tmp_path / f"{STACKS[0]}.stack.elm.jsonld")["providedBy"]["location"]
    countries = [loc["address"]["countryCode"]["id"].rsplit("/", 1)[1] for loc in locations]
    assert countries == ["ITA", "BEL", "DEU", "ESP", "PRT"]


def test_an_unknown_kind_gets_the_default_type(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a.yaml").write_text(design("TEST-1"), encoding="utf-8")
    catalogue(folder, [stack("known", "micro-degree", ["TEST-1"]), stack("odd", "guild-seal", ["TEST-1"])])
    assert cli(str(folder), "--format", "ob3", "-o", str(tmp_path / "out"), "--check") == 0
    table = ob3_mapping().stack
    assert (
        read(tmp_path / "out" / "known.stack.ob3.jsonld")["achievementType"] == table.achievement_types["micro-degree"]
    )
    assert read(tmp_path / "out" / "odd.stack.ob3.jsonld")["achievementType"] == table.default_type
    assert table.achievement_types["micro-degree"] != table.default_type


def test_a_stack_whose_course_has_errors_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a-clean.yaml").write_text(design("TEST-1"), encoding="utf-8")
    (folder / "b-broken.yaml").write_text(design("TEST-2", broken=True), encoding="utf-8")
    catalogue(
        folder, [stack("clean", "micro-degree", ["TEST-1"]), stack("mixed", "micro-degree", ["TEST-1", "TEST-2"])]
    )
    for fmt in ("ob3", "elm"):
        target = tmp_path / fmt
        assert cli(str(folder), "--format", fmt, "-o", str(target), "--check") == 1
        assert sorted(p.name for p in target.iterdir()) == [f"a-clean.{fmt}.jsonld", f"clean.stack.{fmt}.jsonld"]
        err = capsys.readouterr().err
        assert "stack mixed not exported: its course TEST-2 was not exported" in err
        assert "wrote 2 documents (1 course, 1 stack)" in err
    # With --draft the broken course is exported, and the stack with it.
    assert cli(str(folder), "--format", "elm", "-o", str(tmp_path / "draft"), "--draft") == 0
    assert (tmp_path / "draft" / "mixed.stack.elm.jsonld").is_file()


def test_an_elective_with_errors_skips_its_stack_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a-clean.yaml").write_text(design("TEST-1"), encoding="utf-8")
    (folder / "b-broken.yaml").write_text(design("TEST-2", broken=True), encoding="utf-8")
    catalogue(folder, [stack("choice", "specialisation", ["TEST-1"], ["TEST-2"])])
    assert cli(str(folder), "--format", "ob3", "-o", str(tmp_path / "out")) == 1
    assert not (tmp_path / "out" / "choice.stack.ob3.jsonld").exists()
    assert "stack choice not exported: its course TEST-2 was not exported" in capsys.readouterr().err


def test_without_an_owner_address_the_first_required_course_stands_in(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a.yaml").write_text(design("TEST-1"), encoding="utf-8")
    other = (
        design("TEST-2").replace("Test University", "Other College").replace("test.example.org", "other.example.org")
    )
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    catalogue(folder, [stack("pair", "micro-degree", ["TEST-2", "TEST-1"])], owner={"name": "A consortium"})
    assert cli(str(folder), "--format", "ob3", "-o", str(tmp_path / "ob3"), "--check") == 0
    assert read(tmp_path / "ob3" / "pair.stack.ob3.jsonld")["creator"]["id"] == "https://other.example.org"
    assert cli(str(folder), "--format", "elm", "-o", str(tmp_path / "elm"), "--check") == 0
    course = read(tmp_path / "elm" / "b.elm.jsonld")
    assert read(tmp_path / "elm" / "pair.stack.elm.jsonld")["providedBy"] == course["providedBy"]


def test_credential_template_of_a_stack_validates(tmp_path: Path) -> None:
    assert cli(str(SAMPLE), "--format", "ob3", "-o", str(tmp_path / "plain")) == 0
    assert cli(str(SAMPLE), "--format", "ob3", "-o", str(tmp_path / "cred"), "--credential", "--check") == 0
    name = f"{STACKS[0]}.stack.ob3.jsonld"
    document = read(tmp_path / "cred" / name)
    assert "VerifiableCredential" in document["type"]
    assert document["issuer"]["id"] == "https://proctogo.it"
    assert document["credentialSubject"]["achievement"]["id"] == read(tmp_path / "plain" / name)["id"]
    assert ob3.check(document) == []


def test_stack_documents_are_byte_identical_across_processes(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(SAMPLE, folder)
    outputs: list[dict[str, bytes]] = []
    for seed in ("1", "2"):
        target = tmp_path / f"run{seed}"
        for fmt in ("ob3", "elm"):
            subprocess.run(
                [sys.executable, "-m", "designer", "export", str(folder), "--format", fmt, "-o", str(target)],
                check=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONHASHSEED": seed},
                capture_output=True,
                timeout=300,
            )
        outputs.append({p.name: p.read_bytes() for p in sorted(target.glob("*.stack.*"))})
    assert len(outputs[0]) == 4
    assert outputs[0] == outputs[1]


def test_ob3_stack_states_its_code_the_lead_course_language_and_each_course_role(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a.yaml").write_text(design("TEST-1"), encoding="utf-8")
    (folder / "b.yaml").write_text(design("TEST-2").replace("language: en", "language: pt_br"), encoding="utf-8")
    (folder / "c.yaml").write_text(design("TEST-3"), encoding="utf-8")
    catalogue(
        folder,
        [
            stack("mixed", "specialisation", ["TEST-1", "TEST-2"], ["TEST-3"]),
            stack("led", "micro-degree", ["TEST-2", "TEST-1"]),
        ],
    )
    assert cli(str(folder), "--format", "ob3", "-o", str(tmp_path / "out"), "--check") == 0
    mixed = read(tmp_path / "out" / "mixed.stack.ob3.jsonld")
    assert mixed["humanCode"] == "mixed"
    # The first required course's language stands for the stack's.
    assert mixed["inLanguage"] == "en"
    assert read(tmp_path / "out" / "led.stack.ob3.jsonld")["inLanguage"] == "pt-BR"
    words = ob3_mapping().stack.course
    roles = {
        a["targetCode"]: a["targetDescription"] for a in mixed["alignment"] if a["targetType"] == words.target_type
    }
    assert roles == {
        "TEST-1": words.target_description_required,
        "TEST-2": words.target_description_required,
        "TEST-3": words.target_description_elective,
    }
    assert words.target_description_required != words.target_description_elective


def _stack_ids(folder: Path, owner: dict[str, Any] | None = None, *, body_url: bool = True) -> dict[str, str]:
    """Catalogue `folder` (courses TEST-1, TEST-2; stacks one and two on TEST-1, three on TEST-2) under `owner`:
    each stack's achievement id and credential id."""
    folder.mkdir()
    for name, code in (("a.yaml", "TEST-1"), ("b.yaml", "TEST-2")):
        text = design(code)
        if not body_url:
            text = "".join(
                line for line in text.splitlines(keepends=True) if "url: https://test.example.org" not in line
            )
        (folder / name).write_text(text, encoding="utf-8")
    stacks = [stack("one", "micro-degree", ["TEST-1"]), stack("two", "micro-degree", ["TEST-1"])]
    catalogue(folder, [*stacks, stack("three", "micro-degree", ["TEST-2"])], owner=owner)
    ids = {}
    assert cli(str(folder), "--format", "ob3", "-o", str(folder / "plain")) == 0
    assert cli(str(folder), "--format", "ob3", "-o", str(folder / "cred"), "--credential") == 0
    for name in ("one", "two", "three"):
        ids[name] = read(folder / "plain" / f"{name}.stack.ob3.jsonld")["id"]
        credential = read(folder / "cred" / f"{name}.stack.ob3.jsonld")
        assert credential["credentialSubject"]["achievement"]["id"] == ids[name]
        ids[f"{name} credential"] = credential["id"]
    return ids


def test_ob3_stack_ids_are_unique_per_stack_and_per_issuer(tmp_path: Path) -> None:
    owned = _stack_ids(tmp_path / "owned")
    assert len(set(owned.values())) == len(owned), owned
    other_owner = {"name": "Other College", "country": "IE", "url": "https://other.example.org"}
    assert not set(owned.values()) & set(_stack_ids(tmp_path / "other", other_owner).values())
    # Neither the owner nor the courses' body has an address: no creator, and the lead course names the issuer.
    anonymous = _stack_ids(tmp_path / "anonymous", {"name": "A consortium"}, body_url=False)
    assert "creator" not in read(tmp_path / "anonymous" / "plain" / "one.stack.ob3.jsonld")
    assert len(set(anonymous.values())) == len(anonymous), anonymous
    assert not set(anonymous.values()) & set(owned.values())


def test_ob3_stack_narrative_lists_each_course_and_the_elective_rule_the_credits_give(tmp_path: Path) -> None:
    from designer.model.figures import fmt

    folder = tmp_path / "cat"
    folder.mkdir()
    for name, code in (("a.yaml", "TEST-1"), ("b.yaml", "TEST-2"), ("c.yaml", "TEST-3")):
        (folder / name).write_text(design(code), encoding="utf-8")
    catalogue(
        folder,
        [
            stack("plain", "micro-degree", ["TEST-1", "TEST-2"]),
            {**stack("more", "specialisation", ["TEST-1"], ["TEST-2", "TEST-3"]), "ects": 6.0},
            {**stack("spare", "specialisation", ["TEST-1", "TEST-2"], ["TEST-3"]), "ects": 6.0},
            {**stack("half", "specialisation", ["TEST-1", "TEST-2"], ["TEST-3"]), "ects": 6.5},
            stack("choice", "specialisation", [], ["TEST-2", "TEST-3"]),
        ],
    )
    assert cli(str(folder), "--format", "ob3", "-o", str(tmp_path / "out"), "--check") == 0
    words = ob3_mapping().stack.narrative
    ects = fmt(yaml.safe_load(READY)["course"]["ects"])
    line = {
        code: words.course.format(title=f"Course {code}", code=code, ects=ects)
        for code in ("TEST-1", "TEST-2", "TEST-3")
    }
    required = words.required + "\n\n"

    def narrative(ident: str) -> str:
        return str(read(tmp_path / "out" / f"{ident}.stack.ob3.jsonld")["criteria"]["narrative"])

    assert narrative("plain") == required + line["TEST-1"] + "\n" + line["TEST-2"]
    # 6 ECTS asked, 3 from the required course: 3 from the electives.
    more = words.electives.format(credits=fmt(6.0 - float(ects)), total="6")
    assert narrative("more") == f"{required}{line['TEST-1']}\n\n{more}\n\n{line['TEST-2']}\n{line['TEST-3']}"
    # The required courses give all 6: the elective is optional.
    spare = f"{required}{line['TEST-1']}\n{line['TEST-2']}\n\n{words.electives_optional}\n\n{line['TEST-3']}"
    assert narrative("spare") == spare
    # Half a credit short is still a credit short.
    half = words.electives.format(credits="0.5", total="6.5")
    assert narrative("half") == f"{required}{line['TEST-1']}\n{line['TEST-2']}\n\n{half}\n\n{line['TEST-3']}"
    only = words.electives_only.format(total="3", credits="3")
    assert narrative("choice") == f"{only}\n\n{line['TEST-2']}\n{line['TEST-3']}"


def test_elm_stack_states_its_ids_texts_completion_rule_and_owner(tmp_path: Path) -> None:
    from designer.model.figures import fmt

    folder = tmp_path / "cat"
    folder.mkdir()
    # The lead course writes en_gb: the stack's texts are in en-GB, its courses' language.
    (folder / "a.yaml").write_text(design("TEST-1").replace("language: en", "language: en_gb"), encoding="utf-8")
    for name, code in (("b.yaml", "TEST-2"), ("c.yaml", "TEST-3")):
        (folder / name).write_text(design(code), encoding="utf-8")
    owner = {"name": "Test University / Faculty", "country": "BE", "url": "https://test.example.org"}
    catalogue(
        folder,
        [
            {**stack("more", "specialisation", ["TEST-1"], ["TEST-2", "TEST-3"]), "ects": 6.0},
            {**stack("spare", "specialisation", ["TEST-1", "TEST-2"], ["TEST-3"]), "ects": 6.0},
            stack("choice", "specialisation", [], ["TEST-1", "TEST-3"]),
        ],
        owner=owner,
    )
    assert cli(str(folder), "--format", "elm", "-o", str(tmp_path / "out")) == 0
    data = elm.mapping()
    notes = data.notes
    ects = fmt(yaml.safe_load(READY)["course"]["ects"])

    def document(ident: str) -> dict[str, Any]:
        found: dict[str, Any] = read(tmp_path / "out" / f"{ident}.stack.elm.jsonld")
        return found

    more = document("more")
    assert elm.check(more) == []
    base = "urn:designer:stack:more"
    assert more["id"] == f"{base}:opportunity"
    assert more["title"] == {"en-GB": "Stack more"}
    assert more["description"] == {"en-GB": "The more stack."}
    assert more["dcType"]["id"] == data.stack_opportunity_type.concept.uri
    assert more["homepage"] == {
        "id": f"{base}:homepage",
        "type": "WebResource",
        "contentURL": "https://test.example.org/catalogue",
    }
    spec = more["learningAchievementSpecification"]
    assert spec["id"] == f"{base}:specification"
    assert spec["title"] == {"en-GB": "Stack more"} and spec["description"] == {"en-GB": "The more stack."}
    assert spec["creditPoint"]["id"] == f"{base}:credit-point"
    rule = (
        notes.stack_required.format(codes="TEST-1")
        + " "
        + notes.stack_electives.format(credits=fmt(6.0 - float(ects)), codes="TEST-2, TEST-3")
    )
    assert spec["additionalNote"] == [{"id": f"{base}:completion-rule", "type": "Note", "noteLiteral": {"en-GB": rule}}]
    # The required courses already give the credits: the elective is optional.
    spare = document("spare")["learningAchievementSpecification"]["additionalNote"][0]["noteLiteral"]
    assert spare == {
        "en-GB": notes.stack_required.format(codes="TEST-1, TEST-2")
        + " "
        + notes.stack_electives_optional.format(codes="TEST-3")
    }
    # Electives only: the rule is the stack's total, and the first elective leads.
    choice = document("choice")["learningAchievementSpecification"]["additionalNote"][0]["noteLiteral"]
    assert choice == {"en-GB": notes.stack_electives_only.format(total="3", codes="TEST-1, TEST-3")}
    # The owner: one node for all its stacks, ids from its name (quoted, '/' too), located in its country.
    owner_base = "urn:designer:owner:Test%20University%20%2F%20Faculty"
    country = data.countries["BE"]
    assert more["providedBy"] == {
        "id": owner_base,
        "type": "Organisation",
        "legalName": {"en-GB": "Test University / Faculty"},
        "homepage": {"id": f"{owner_base}:homepage", "type": "WebResource", "contentURL": "https://test.example.org"},
        "location": [
            {
                "id": f"{owner_base}:location:BE",
                "type": "Location",
                "address": {
                    "id": f"{owner_base}:address:BE",
                    "type": "Address",
                    "countryCode": {
                        "id": data.country.uri.format(code=country.code),
                        "type": "Concept",
                        "inScheme": {"id": data.country.scheme, "type": "ConceptScheme"},
                        "prefLabel": {"en": country.label},
                    },
                },
            }
        ],
    }
    assert document("choice")["providedBy"] == more["providedBy"]


def test_elm_consortium_is_where_its_members_are_and_its_page_stands_in_for_the_catalogues(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    # The first member's country has no EU code (TF): it is skipped, not the end of the list. The second
    # course's second body is no member of the consortium: its country is not the consortium's.
    first = yaml.safe_load(design("TEST-1"))
    first["course"]["awarding_bodies"][0]["country"] = "TF"
    second = yaml.safe_load(design("TEST-2"))
    second["course"]["awarding_bodies"] = [
        {"name": "Other College", "country": "IE", "url": "https://other.example.org"},
        {"name": "Stranger Institute", "country": "FR", "url": "https://stranger.example.org"},
    ]
    for name, data in (("a.yaml", first), ("b.yaml", second)):
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    owner = {
        "name": "Consortium",
        "url": "https://consortium.example.org",
        "members": ["Test University", "Other College"],
    }
    catalogue(folder, [stack("pair", "micro-degree", ["TEST-1", "TEST-2"])], owner=owner)
    path = folder / "catalogue.yaml"
    text = yaml.safe_load(path.read_text(encoding="utf-8"))
    del text["catalogue"]["url"]
    path.write_text(yaml.safe_dump(text, sort_keys=False), encoding="utf-8")
    assert cli(str(folder), "--format", "elm", "-o", str(tmp_path / "out")) == 0
    document = read(tmp_path / "out" / "pair.stack.elm.jsonld")
    assert document["homepage"]["contentURL"] == "https://consortium.example.org"
    locations = document["providedBy"]["location"]
    assert [loc["id"].rsplit(":", 1)[1] for loc in locations] == ["IE"]
    assert locations[0]["address"]["countryCode"]["id"].endswith("/IRL")


def test_a_stack_whose_required_course_states_no_credits_asks_for_its_total(tmp_path: Path) -> None:
    """The electives' share is unknown: both formats state the stack's total instead, and the course without
    ECTS is listed without a figure. The OB 3.0 documents' ids and names, and their course alignments' framework."""
    import uuid

    from designer.model.figures import fmt

    folder = tmp_path / "cat"
    folder.mkdir()
    first = yaml.safe_load(design("TEST-1"))
    del first["course"]["ects"]
    (folder / "a.yaml").write_text(yaml.safe_dump(first, sort_keys=False), encoding="utf-8")
    (folder / "b.yaml").write_text(design("TEST-2"), encoding="utf-8")
    catalogue(folder, [{**stack("more", "specialisation", ["TEST-1"], ["TEST-2"]), "ects": 6.0}])
    for fmt_name, extra in (("ob3", ()), ("cred", ("--credential",)), ("elm", ())):
        export_format = "elm" if fmt_name == "elm" else "ob3"
        assert cli(str(folder), "--format", export_format, "-o", str(tmp_path / fmt_name), "--draft", *extra) == 0
    words = ob3_mapping().stack
    ects = fmt(yaml.safe_load(READY)["course"]["ects"])
    achievement = read(tmp_path / "ob3" / "more.stack.ob3.jsonld")
    assert achievement["criteria"]["narrative"] == (
        f"{words.narrative.required}\n\n{words.narrative.course_without_ects.format(title='Course TEST-1', code='TEST-1')}"
        f"\n\n{words.narrative.electives_total.format(total='6')}\n\n"
        + words.narrative.course.format(title="Course TEST-2", code="TEST-2", ects=ects)
    )
    courses = [a for a in achievement["alignment"] if a["targetType"] == words.course.target_type]
    assert [a["targetFramework"] for a in courses] == [
        words.course.target_framework.format(catalogue="Test catalogue")
    ] * 2
    namespace = uuid.UUID(ob3_mapping().id_namespace)
    assert achievement["id"] == f"urn:uuid:{uuid.uuid5(namespace, 'stack:https://test.example.org more')}"
    credential = read(tmp_path / "cred" / "more.stack.ob3.jsonld")
    assert credential["name"] == "Stack more"
    assert credential["id"] == f"urn:uuid:{uuid.uuid5(namespace, 'stack-credential:https://test.example.org more')}"
    notes = elm.mapping().notes
    note = read(tmp_path / "elm" / "more.stack.elm.jsonld")["learningAchievementSpecification"]["additionalNote"]
    assert note[0]["noteLiteral"] == {
        "en": notes.stack_required.format(codes="TEST-1")
        + " "
        + notes.stack_electives_total.format(total="6", codes="TEST-2")
    }
