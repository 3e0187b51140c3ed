"""A list of findings; Enter (or a click) on one asks to jump to the item and field it is about."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from designer.model.findings import Finding

_STYLE = {"error": ("✗", "bold red"), "warning": ("!", "bold yellow"), "info": ("i", "bold cyan")}


def finding_label(finding: Finding, show_line: bool = False) -> Text:
    # No line numbers by default: while a design is being edited they go stale, and Enter jumps to the node.
    mark, style = _STYLE[finding.severity.value]
    text = Text()
    text.append(f"{mark} ", style=style)
    text.append(finding.code, style=style)
    if show_line:
        text.append(f" L{finding.line}", style="dim")
    text.append(f" {finding.message}")
    return text


class FindingsList(OptionList):
    """Findings, each selectable; posts Jump with the finding chosen."""

    @dataclass
    class Jump(Message):
        finding: Finding

    def __init__(self, empty_text: str = "No findings here.", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.empty_text = empty_text
        self._findings: list[Finding | None] = []

    def show(self, findings: list[Finding], groups: dict[str, list[Finding]] | None = None) -> None:
        options: list[Option | None] = []
        self._findings = []
        if groups is not None:
            for title, items in groups.items():
                if not items:
                    continue
                options.append(Option(Text(f"{title} ({len(items)})", style="bold underline"), disabled=True))
                self._findings.append(None)
                for finding in items:
                    options.append(Option(finding_label(finding)))
                    self._findings.append(finding)
        else:
            for finding in findings:
                options.append(Option(finding_label(finding)))
                self._findings.append(finding)
        if not self._findings:
            options = [Option(Text(self.empty_text, style="green"), disabled=True)]
            self._findings = [None]
        highlighted = self.highlighted
        self.set_options([o for o in options if o is not None])
        if highlighted is not None and highlighted < len(self._findings) and self._findings[highlighted] is not None:
            self.highlighted = highlighted

    def on_focus(self) -> None:
        # A list that opens on a group title has nothing highlighted: show where Enter would go.
        if self.highlighted is None:
            first = next((i for i, finding in enumerate(self._findings) if finding is not None), None)
            if first is not None:
                self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self._findings[event.option_index] if event.option_index < len(self._findings) else None
        if finding is not None:
            self.post_message(self.Jump(finding))
