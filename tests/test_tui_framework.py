"""The editor's select lists follow the design's framework: a custom framework's extra values are offered."""

from __future__ import annotations

from pathlib import Path

from conftest import overlay
from test_tui import SIZE, editor_of, settle, write
from textual.widgets import Input, OptionList, Select, Static

from designer.tui.app import DesignerApp, make_app

# A QA office's framework: the EU baseline plus one summative method and one participation form.
QA_FRAMEWORK = (
    "extends: eu\n"
    "id: qa\n"
    "summative_methods:\n"
    "  viva-voce: {max_bloom: evaluate, authentic: true}\n"
    "vocabularies:\n"
    "  participation: [online, onsite, blended, work-based, hybrid-cohort]\n"
)


def offered(app: DesignerApp, selector: str) -> list[str]:
    """The choices a select's drop-down lists, as the user sees them."""
    options = editor_of(app).query_one(selector, Select).query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_selects_follow_a_custom_framework_and_back(tmp_path: Path) -> None:
    write(tmp_path, QA_FRAMEWORK, "qa.yaml")
    path = write(tmp_path, overlay("course: {framework: qa.yaml}\n"))
    app = make_app(path, stage="summative", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        assert editor.framework.id == "qa"
        # The stage was built before the first validation named the framework; its lists were rebuilt.
        methods = offered(app, "#summative-method")
        assert "viva-voce" in methods and "project" in methods
        assert editor.query_one("#summative-method", Select).value == "project"  # the item's value survives

        editor.show_stage("course")
        await pilot.pause()
        assert "hybrid-cohort" in offered(app, "#course-participation")
        editor.query_one("#course-framework", Select).value = "eu"
        await settle(pilot, app)
        assert editor.framework.id == "eu"
        assert "viva-voce" not in offered(app, "#summative-method")
        assert "hybrid-cohort" not in offered(app, "#course-participation")
        assert editor.query_one("#course-participation", Select).value == "blended"

        editor.query_one("#course-framework", Select).value = "qa.yaml"
        await settle(pilot, app)
        assert editor.framework.id == "qa"
        assert "viva-voce" in offered(app, "#summative-method")
        assert "hybrid-cohort" in offered(app, "#course-participation")


# The workload: the sidebar, the course form and the review pane show the rules' figure

DUTCH_75_5_HOURS = overlay(
    "course: {framework: nl}\n"
    "content:\n"
    "  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 26.5, outcomes: [LO1], checkpoints: [FC1]}\n"
    "  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"
)


async def test_editor_workload_is_the_rules_workload(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, DUTCH_75_5_HOURS), stage="review", recovery_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = editor_of(app)
        validation = editor.state.validation
        assert validation is not None and validation.result.context is not None
        # Built from the document's raw values, equal to the one the rules built from the model.
        assert editor.state.workload() == validation.result.context.workload
        sidebar = str(editor.query_one("#workload", Static).content)
        assert "75.5 h of 75.6–92.4 h" in sidebar and "0.1 h short" in sidebar
        review = str(editor.query_one("#review-workload", Static).content)
        assert "content      46.5 h" in review and "total        75.5 h" in review
        assert "expected 75.6–92.4 h" in review
        assert [f.code for f in validation.result.findings if f.code == "WL001"] == ["WL001"]

        # One more hour on the last checkpoint lands on the band's bottom edge: every view agrees it is inside.
        editor.show_stage("formative")
        await pilot.pause()
        stage = editor.item_stage("formative")
        assert stage is not None
        stage.select_index(2)  # FC3, 2 h
        await pilot.pause()
        editor.query_one("#formative-hours", Input).value = "2.1"
        await settle(pilot, app)
        assert editor.state.workload() == editor.state.validation.result.context.workload  # type: ignore[union-attr]
        sidebar = str(editor.query_one("#workload", Static).content)
        assert "75.6 h of 75.6–92.4 h" in sidebar and "short" not in sidebar
        assert not [f for f in editor.state.findings() if f.code == "WL001"]
