"""What the editor looks like: one snapshot per stage of a sample design, the narrow layout and the new-design dialog.

The SVGs live in tests/__snapshots__/. Update them only deliberately, after
looking at the report: `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from designer.tui.app import make_app
from designer.tui.state import validate_text

SAMPLE = ROOT / "sample_courses" / "sustainable-public-procurement.yaml"
STAGES = ("course", "outcomes", "summative", "formative", "content", "review")
SnapCompare = Callable[..., bool]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private folder as the working directory, so every path the app shows is the same on every machine."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path


@pytest.fixture(autouse=True, scope="module")
def warm_rules() -> None:
    """Import and run the rules once, so every snapshot sees validation as fast as it is after the first.

    The first validation of a process is slower (imports); whether it lands before or after the first
    paint must not depend on which snapshot test happens to run first.
    """
    validate_text(SAMPLE.read_text(encoding="utf-8"), "warm-up.yaml")


@pytest.fixture
def sample_copy(workdir: Path) -> Path:
    shutil.copy(SAMPLE, workdir / "course.yaml")
    return Path("course.yaml")


async def validated(pilot: Pilot[None]) -> None:
    """Wait until the first validation has been shown (markers, findings, workload); stop cursors blinking.

    A blinking cursor is on or off depending on when the screenshot falls.
    """
    await pilot.pause(0.5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("stage", STAGES)
def test_stage(snap_compare: SnapCompare, sample_copy: Path, stage: str) -> None:
    app = make_app(sample_copy, stage=stage, recovery_interval=0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=validated)


def test_outcomes_at_80x24(snap_compare: SnapCompare, sample_copy: Path) -> None:
    app = make_app(sample_copy, stage="outcomes", recovery_interval=0)
    assert snap_compare(app, terminal_size=(80, 24), run_before=validated)


def test_new_design_dialog(snap_compare: SnapCompare, workdir: Path) -> None:
    app = make_app(Path("new.yaml"), recovery_interval=0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=validated)
    assert not (workdir / "new.yaml").exists()


@pytest.fixture
def catalogue_copy(workdir: Path) -> Path:
    """The sample catalogue, copied into the working folder."""
    shutil.copytree(ROOT / "sample_courses", workdir / "catalogue")
    return Path("catalogue")


async def at_prior_courses(pilot: Pilot[None]) -> None:
    """The course form scrolled to the catalogue's checklists, the prior courses focused on PTG-P2P-1."""
    await validated(pilot)
    screen = pilot.app.screen
    screen.query_one("#course-towards-choices").scroll_visible(animate=False)
    screen.query_one("#course-prerequisite_courses-choices").focus()
    await pilot.press("down", "down")
    await validated(pilot)


def test_course_in_a_catalogue(snap_compare: SnapCompare, catalogue_copy: Path) -> None:
    app = make_app(catalogue_copy / "spend-analytics.yaml", stage="course", recovery_interval=0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=at_prior_courses)


def test_start_screen_on_a_catalogue(snap_compare: SnapCompare, catalogue_copy: Path) -> None:
    app = make_app(catalogue_copy, recovery_interval=0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=validated)
