"""The editor's view of the catalogue around a design, without Textual: live catalogue findings, choices, the cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_PATH_ORDER

from designer.tui.catalogue import CatalogueSession, listing
from designer.tui.state import EditorState

SAMPLES = ROOT / "sample_courses"
P2P = "eprocurement-erp-purchase-to-pay.yaml"  # PTG-P2P-1, EQF 6, needs PTG-DTP-1
SPA = "spend-analytics.yaml"  # PTG-SPA-1, EQF 7, needs PTG-P2P-1
DTP = "digital-transformation-procurement.yaml"  # PTG-DTP-1, EQF 6


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the sample catalogue (catalogue.yaml and its seven designs)."""
    folder = tmp_path / "catalogue"
    shutil.copytree(SAMPLES, folder)
    return folder


def codes(state: EditorState) -> list[str]:
    return [f.code for f in state.findings()]


def touch(path: Path, text: str) -> None:
    """Rewrite a file so its modification time moves on, as an editor's save does."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_a_design_outside_a_catalogue_has_no_catalogue(tmp_path: Path) -> None:
    design = tmp_path / SPA
    shutil.copy(SAMPLES / SPA, design)
    state = EditorState.open(design)
    assert state.catalogue is None
    state.validate()
    assert state.catalogue_choices is None
    assert not [code for code in codes(state) if code.startswith("CT")]


def test_a_design_in_a_catalogue_is_offered_the_other_designs_codes_and_the_stacks(catalogue: Path) -> None:
    state = EditorState.open(catalogue / SPA)
    assert state.catalogue is not None and state.catalogue.catalogue == (catalogue / "catalogue.yaml").resolve()
    state.validate()
    offered = state.catalogue_choices
    assert offered is not None
    assert [c.code for c in offered.courses] == [
        "PTG-DTP-1",
        "PTG-ETP-1",
        "PTG-P2P-1",
        "PTG-PLSDF-1",
        "PTG-SPP-1",
        "PTG-SRM-1",
    ]  # every design's code but this one's (PTG-SPA-1)
    assert offered.courses[2].title == "E-Procurement Platforms and ERP Purchase-to-Pay"
    assert offered.courses[2].eqf_level == 6
    assert [(s.id, s.title) for s in offered.stacks] == [
        ("digital-procurement-operations", "Micro-degree in Digital Procurement Operations"),
        ("digital-sustainable-procurement", "Specialisation in Digital and Sustainable Procurement"),
    ]
    # The design on disk is the one being edited: it is not counted twice (no duplicate code).
    assert codes(state) == []


def test_a_prerequisite_that_closes_a_cycle_is_found_as_it_is_ticked(catalogue: Path) -> None:
    state = EditorState.open(catalogue / P2P)
    state.set(("course", "prerequisite_courses"), ["PTG-DTP-1", "PTG-SPA-1"])
    state.validate()
    cycle = [f for f in state.findings("course") if f.code == "CT006"]
    assert len(cycle) == 1
    assert cycle[0].node == ("course", "prerequisite_courses", 1)
    assert "PTG-P2P-1 needs PTG-SPA-1, PTG-SPA-1 needs PTG-P2P-1" in cycle[0].message
    assert cycle[0].path == str(catalogue / P2P)  # named as the design is, beside its own findings


def test_an_unknown_code_and_a_prerequisite_above_the_level_are_found(catalogue: Path) -> None:
    state = EditorState.open(catalogue / P2P)
    state.set(("course", "prerequisite_courses"), ["PTG-DTP-1", "PTG-SRM-9"])
    state.validate()
    assert [(f.code, f.node) for f in state.findings("course")] == [("CT002", ("course", "prerequisite_courses", 1))]
    assert "did you mean PTG-SRM-1" in state.findings("course")[0].message.replace("'", "")


def test_a_change_to_another_design_on_disk_is_read_again_and_only_that_one(catalogue: Path) -> None:
    state = EditorState.open(catalogue / P2P)
    state.validate()
    session = state.catalogue
    assert session is not None
    first = session.reads
    assert first == 7  # catalogue.yaml and the six other designs
    state.set(("course", "title"), "E-Procurement Platforms")
    state.validate()
    assert session.reads == first, "a keystroke reads nothing from disk"

    dtp = catalogue / DTP
    touch(dtp, dtp.read_text(encoding="utf-8").replace("  eqf_level: 6", "  eqf_level: 7", 1))
    state.validate()
    assert session.reads == first + 1
    assert "CT007" in codes(state)  # PTG-P2P-1 (EQF 6) now builds on PTG-DTP-1 at EQF 7


def test_a_design_added_or_removed_meanwhile_counts_from_the_next_check(catalogue: Path) -> None:
    state = EditorState.open(catalogue / SPA)
    state.validate()
    text = (catalogue / DTP).read_text(encoding="utf-8")
    (catalogue / "new.yaml").write_text(text.replace("PTG-DTP-1", "PTG-NEW-1"), encoding="utf-8")
    state.validate()
    assert state.catalogue_choices is not None
    assert "PTG-NEW-1" in [c.code for c in state.catalogue_choices.courses]
    (catalogue / "new.yaml").unlink()
    state.validate()
    assert "PTG-NEW-1" not in [c.code for c in state.catalogue_choices.courses]


def test_the_render_gate_reads_the_designs_own_findings(catalogue: Path) -> None:
    """Ctrl+R gates as `designer render FILE` does: on the design's findings, not the catalogue's."""
    state = EditorState.open(catalogue / P2P)
    state.set(("course", "prerequisite_courses"), ["PTG-DTP-1", "PTG-SPA-1"])
    assert "CT006" in [f.code for f in state.validate().result.findings]
    assert "CT006" not in [f.code for f in state.for_render().findings]


def test_a_failure_in_the_catalogue_check_is_one_finding_and_the_designs_own_stay(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = EditorState.open(catalogue / P2P)
    state.set(("course", "ects"), 40)
    state.validate()
    own = [code for code in codes(state) if not code.startswith("CT")]
    assert own

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("designer.rules.engine.check_catalogue", broken)
    state.set(("course", "title"), "Another title")
    state.validate()
    assert [code for code in codes(state) if code != "ST000"] == own
    assert any(f.code == "ST000" and "boom" in f.message for f in state.findings())


def test_save_as_into_another_folder_leaves_the_catalogue(catalogue: Path, tmp_path: Path) -> None:
    state = EditorState.open(catalogue / SPA)
    assert state.catalogue is not None
    outside = tmp_path / "outside"
    outside.mkdir()
    state.save_as(outside / SPA)
    assert state.catalogue is None
    session = CatalogueSession.around(catalogue / SPA)
    state.save_as(catalogue / "copy.yaml")
    assert state.catalogue is not None and session is not None
    assert state.catalogue.catalogue == session.catalogue


def test_the_listing_gives_each_design_its_code_title_level_and_status(catalogue: Path) -> None:
    text = (catalogue / SPA).read_text(encoding="utf-8")
    (catalogue / SPA).write_text(text.replace("  ects: 4", "  ects: 40", 1), encoding="utf-8")
    listed = listing(catalogue / "catalogue.yaml")
    assert listed.title == "ProcToGo micro-credentials in digital and sustainable procurement"
    # Path order: the awareness group, then operational, then managerial, then courses on no level.
    assert [d.code for d in listed.designs] == SAMPLE_PATH_ORDER
    spa = listed.designs[3]
    assert (spa.title, spa.eqf_level, spa.levels) == ("Spend Analytics for Procurement Decisions", 7, ("managerial",))
    assert spa.path == str((catalogue / SPA).resolve())
    assert spa.tone == "error" and "error" in spa.status
    assert {d.status for d in listed.designs if d.code != "PTG-SPA-1"} == {"clean"}
