"""Asked before a new design is created: title, EQF level, ECTS and framework."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from designer.frameworks import builtin_ids, load_framework
from designer.tui.widgets.fields import parse_number


@dataclass
class NewDesign:
    title: str
    eqf_level: int | None
    ects: float | None
    framework: str


class NewDesignScreen(ModalScreen[NewDesign | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, path_label: str) -> None:
        super().__init__()
        self.path_label = path_label

    def compose(self) -> ComposeResult:
        framework = load_framework("eu")
        with Vertical(classes="dialog wide"):
            yield Static(f"[b]New design[/b]: {self.path_label}", classes="dialog-question")
            with Horizontal(classes="field-row"):
                yield Label("Title", classes="field-label")
                yield Input(id="new-title", placeholder="e.g. Data Analytics for Procurement Managers", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("EQF level", classes="field-label")
                yield Select(
                    [(f"EQF {lv}", lv) for lv in sorted(framework.eqf_levels)], id="new-eqf", compact=True, value=6
                )
            with Horizontal(classes="field-row"):
                yield Label("ECTS", classes="field-label")
                yield Input("3", id="new-ects", type="number", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Framework", classes="field-label")
                yield Select(
                    [(i, i) for i in builtin_ids()], id="new-framework", value="eu", compact=True, allow_blank=False
                )
            yield Static("", id="new-error", classes="error-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", id="new-create", variant="primary")
                yield Button("Cancel", id="new-cancel")

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    def _submit(self) -> None:
        title = self.query_one("#new-title", Input).value.strip()
        if not title:
            self.query_one("#new-error", Static).update("Give the course a title.")
            self.query_one("#new-title", Input).focus()
            return
        eqf = self.query_one("#new-eqf", Select).value
        framework = self.query_one("#new-framework", Select).value
        ects = parse_number(self.query_one("#new-ects", Input).value)
        self.dismiss(
            NewDesign(
                title=title,
                eqf_level=eqf if isinstance(eqf, int) else None,
                ects=float(ects) if ects is not None and ects > 0 else None,
                framework=str(framework) if isinstance(framework, str) else "eu",
            )
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new-create":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
