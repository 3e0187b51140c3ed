"""The workload budget: planned hours against ects x the framework's hours band."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from designer.rules.base import fmt


def workload_text(hours: float, low: float | None, high: float | None, width: int = 18) -> Text:
    text = Text()
    if low is None or high is None:
        text.append(f"Workload {fmt(hours)} h", style="bold")
        text.append("\nset ECTS to see the budget", style="dim")
        return text
    scale = max(high * 1.2, hours, 1.0)
    filled = min(width, round(width * hours / scale))
    low_at, high_at = round(width * low / scale), round(width * high / scale)
    inside = low - 1e-9 <= hours <= high + 1e-9
    style = "green" if inside else ("yellow" if hours < low else "red")
    bar = Text()
    for i in range(width):
        char = "█" if i < filled else ("┊" if i in (low_at, high_at) else "░")
        bar.append(char, style=style if i < filled else "dim")
    text.append("Workload\n", style="bold")
    text.append(f"{fmt(hours)} h", style=f"bold {style}")
    text.append(f" of {fmt(low)}–{fmt(high)} h\n")
    text.append_text(bar)
    if not inside:
        gap = low - hours if hours < low else hours - high
        text.append(f"\n{fmt(gap)} h {'short' if hours < low else 'over'}", style=style)
    return text


class WorkloadBar(Static):
    """Shows the planned hours against the band; updated after every validation."""

    _shown: tuple[float, float | None, float | None] | None = None

    def show(self, hours: float, low: float | None, high: float | None) -> None:
        self._shown = (hours, low, high)
        width = self.content_size.width or 16
        self.update(workload_text(hours, low, high, width=max(8, min(width, 30))))

    def on_resize(self) -> None:
        # The bar is drawn to the width it had; redraw it to the new one (80x24 narrows the sidebar).
        if self._shown is not None:
            self.show(*self._shown)
