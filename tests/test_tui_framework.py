"""The editor's select lists follow the design's framework: a custom framework's extra values are offered."""

from __future__ import annotations

from pathlib import Path

from conftest import overlay
from test_tui import SIZE, editor_of, settle, write
from textual.widgets import OptionList, Select

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
