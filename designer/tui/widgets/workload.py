"""The workload budget: planned hours against the band, as `designer.model.workload.Workload` computes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from designer.model.figures import fmt

if TYPE_CHECKING:
    from designer.model.workload import Workload

_STYLE = {"within": "green", "below": "yellow", "above": "red"}


def workload_text(workload: Workload | None, width: int = 18) -> Text:
    text = Text()
    if workload is None:
        text.append("Workload", style="bold")
        text.append("\nchecking…", style="dim")
        return text
    hours, low, high = workload.total, workload.low, workload.high
    if not workload.known:
        text.append("Workload not stated", style="bold")
        text.append("\nno item gives its hours", style="dim")
        return text
    if low is None or high is None:
        text.append(f"Workload {fmt(hours)} h", style="bold")
        text.append("\nset ECTS to see the budget", style="dim")
        return text
    if workload.position is None:
        text.append("Workload\n", style="bold")
        text.append(f"{fmt(hours)} h", style="bold")
        text.append(f" of {workload.band(dash='–')}\n")
        text.append(workload.coverage(), style="dim")
        return text
    scale = max(high * 1.2, hours, 1.0)
    filled = min(width, round(width * hours / scale))
    low_at, high_at = round(width * low / scale), round(width * high / scale)
    style = _STYLE[workload.position]
    bar = Text()
    for i in range(width):
        char = "█" if i < filled else ("┊" if i in (low_at, high_at) else "░")
        bar.append(char, style=style if i < filled else "dim")
    text.append("Workload\n", style="bold")
    text.append(f"{fmt(hours)} h", style=f"bold {style}")
    text.append(f" of {workload.band(dash='–')}\n")
    text.append_text(bar)
    if workload.position != "within":
        text.append(f"\n{fmt(workload.gap)} h {'short' if workload.position == 'below' else 'over'}", style=style)
    if not workload.complete:
        text.append(f"\n{workload.coverage()}", style="dim")
    return text


class WorkloadBar(Static):
    """Shows the planned hours against the band; updated after every validation."""

    _shown: Workload | None = None

    def show(self, workload: Workload | None) -> None:
        self._shown = workload
        width = self.content_size.width or 16
        self.update(workload_text(workload, width=max(8, min(width, 30))))

    def on_resize(self) -> None:
        # The bar is drawn to the width it had; redraw it to the new one (80x24 narrows the sidebar).
        if self._shown is not None:
            self.show(self._shown)
