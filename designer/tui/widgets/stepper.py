"""The backward-design stepper: the six stages in order, each with its state and findings count."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from designer.tui.state import STAGE_TITLES, STAGES, StageStatus

STAGE_KEYS = {stage: f"F{i + 2}" for i, stage in enumerate(STAGES)}
_MARK = {
    "empty": ("○", "dim"),
    "errors": ("✗", "bold red"),
    "warnings": ("!", "bold yellow"),
    "complete": ("✓", "bold green"),
}


def stage_label(number: int, stage: str, status: StageStatus) -> Text:
    mark, style = _MARK[status.state]
    text = Text()
    text.append(f"{number} ", style="dim")
    text.append(f"{STAGE_TITLES[stage]:<10}")
    if status.locked_reason:
        text.append(" ⊘ locked", style="dim italic")
        return text
    text.append(f" {mark}", style=style)
    if status.errors:
        text.append(f" {status.errors}", style="red")
    if status.warnings:
        text.append(f" {status.warnings}w", style="yellow")
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
            self.replace_option_prompt_at_index(index, stage_label(index + 1, stage, statuses[stage]))
        self.highlighted = STAGES.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.StageChosen(event.option.id))
