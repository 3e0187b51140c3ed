"""The editor's Export commands: the same gate as Render, the same document as `designer export`, readiness named."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, overlay
from test_tui import SIZE, UNASSESSED_LO2, editor_of, settle, write

from designer.export import elm, ob3
from designer.export.common import dumps
from designer.rules.engine import lint_file
from designer.tui.app import make_app
from designer.tui.screens.choice import ChoiceScreen

READY = overlay(
    {
        "course": {
            "homepage": "https://example.org/spend",
            "isced_f": "0413",
            "learning_setting": "formal",
            "awarding_bodies": [
                {"name": "Test University", "country": "BE", "identifier": "https://ror.org/008x57b05"}
            ],
        }
    }
)


def _palette(app: object, title: str) -> None:
    commands = {command.title: command for command in app.get_system_commands(app.screen)}  # type: ignore[attr-defined]
    commands[title].callback()


async def test_export_writes_what_the_cli_writes_and_names_nothing_when_ready(tmp_path: Path) -> None:
    path = write(tmp_path, READY)
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _palette(app, "Export ELM (Europass)")
        await pilot.pause()
        _palette(app, "Export Open Badges 3.0")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    context = lint_file(path).context
    assert context is not None
    written = tmp_path / "course.elm.jsonld"
    assert written.read_text(encoding="utf-8") == dumps(
        elm.export_design(context.design, context.framework, key="course")
    )
    badge = json.loads((tmp_path / "course.ob3.jsonld").read_text(encoding="utf-8"))
    assert badge == ob3.export_design(context.design, context.framework, key="course")
    assert "European Learning Model document written to course.elm.jsonld" in messages
    assert not any("lacks" in m for m in messages), messages


async def test_export_names_the_fields_the_standard_needs(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURES.joinpath("base.yaml").read_text(encoding="utf-8"))
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _palette(app, "Export ELM (Europass)")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert (tmp_path / "course.elm.jsonld").is_file()
    (message,) = [m for m in messages if "written" in m]
    assert "EX001 no course.homepage" in message and "EX006" in message, message


async def test_export_of_a_design_with_errors_asks_for_a_draft(tmp_path: Path) -> None:
    path = write(tmp_path, UNASSESSED_LO2)
    app = make_app(path, recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _palette(app, "Export Open Badges 3.0")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert not (tmp_path / "course.ob3.jsonld").exists()
        editor_of(app)
        _palette(app, "Export Open Badges 3.0")
        await pilot.pause()
        await pilot.click("#choice-draft")
        await pilot.pause()
    assert json.loads((tmp_path / "course.ob3.jsonld").read_text(encoding="utf-8"))["type"] == ["Achievement"]
