"""`designer` alone: recent files, new, open, samples."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from designer.paths import sample_designs
from designer.tui.recent import recent_files


class StartScreen(Screen[None]):
    """Choosing what to open. Posts Chosen; the app opens it."""

    BINDINGS = [
        Binding("n", "new", "New design"),
        Binding("o", "open", "Open a file"),
    ]

    @dataclass
    class Chosen(Message):
        action: str  # open | new | open-path | sample
        path: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(
                "[b]designer[/b] — design a micro-credential backwards: outcomes, then the assessment that "
                "proves them, then checkpoints, then content.",
                id="start-intro",
            )
            options: list[Option] = [
                Option(Text("＋ New design…", style="bold"), id="new"),
                Option(Text("⌕ Open a file…", style="bold"), id="open-path"),
            ]
            recent = recent_files()
            if recent:
                options.append(Option(Text("Recent", style="bold underline"), disabled=True))
                options += [Option(f"  {p}", id=f"open:{p}") for p in recent]
            options.append(Option(Text("Start from a sample (a copy is made)", style="bold underline"), disabled=True))
            options += [Option(f"  {p.stem}", id=f"sample:{p}") for p in sample_designs()]
            yield OptionList(*options, id="start-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-list", OptionList).focus()

    def action_new(self) -> None:
        self.post_message(self.Chosen("new"))

    def action_open(self) -> None:
        self.post_message(self.Chosen("open-path"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        if ident in ("new", "open-path"):
            self.post_message(self.Chosen(ident))
        elif ident.startswith("open:"):
            self.post_message(self.Chosen("open", Path(ident.removeprefix("open:"))))
        elif ident.startswith("sample:"):
            self.post_message(self.Chosen("sample", Path(ident.removeprefix("sample:"))))
