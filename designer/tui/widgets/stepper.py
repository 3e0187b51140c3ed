"""The backward-design stepper: the six stages in order, each with its state and findings count."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from designer.tui.state import STAGE_TITLES, STAGES, StageStatus

# The one numbering of the stages, read by the stepper, the stage headers, the key bindings and the palette.
STAGE_NUMBERS = {stage: i + 1 for i, stage in enumerate(STAGES)}
STAGE_KEYS = {stage: f"F{number + 1}" for stage, number in STAGE_NUMBERS.items()}


def stage_heading(stage: str, title: str | None = None) -> str:
    """'Stage 2 · Learning outcomes' (markup), the header a stage opens with."""
    return f"[b]Stage {STAGE_NUMBERS[stage]} · {title or STAGE_TITLES[stage]}[/b]"


_MARK = {
    "empty": ("○", "dim"),
    "errors": ("✗", "bold red"),
    "warnings": ("!", "bold yellow"),
    "complete": ("✓", "bold green"),
}


def stage_label(number: int, stage: str, status: StageStatus) -> Text:
    """'3 Summative ✗2 !1': short enough for the 80x24 sidebar with two-digit counts."""
    mark, style = _MARK[status.state]
    text = Text()
    text.append(f"{number} ", style="dim")
    text.append(f"{STAGE_TITLES[stage]:<9}")
    if status.locked_reason:
        text.append(" ⊘ locked", style="dim italic")
        return text
    if status.errors:
        text.append(f" ✗{status.errors}", style=_MARK["errors"][1])
    if status.warnings:
        text.append(f" !{status.warnings}", style=_MARK["warnings"][1])
    if not status.errors and not status.warnings:
        text.append(f" {mark}", style=style)
    return text


class Stepper(OptionList):
    """Stages in backward-design order; choosing one posts StageChosen."""

    @dataclass
    class StageChosen(Message):
        stage: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(*(Option(STAGE_TITLES[s], id=s) for s in STAGES), **kwargs)  # type: ignore[arg-type]

    def show(self, statuses: dict[str, StageStatus], current: str) -> None:
        for index, stage in enumerate(STAGES):
            self.replace_option_prompt_at_index(index, stage_label(STAGE_NUMBERS[stage], stage, statuses[stage]))
        self.highlighted = STAGES.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.StageChosen(event.option.id))
