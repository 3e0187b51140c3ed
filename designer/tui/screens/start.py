"""`designer` alone: recent files, new, open, samples; in a catalogue, its designs first."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from designer.model.folders import catalogue_members
from designer.paths import sample_designs
from designer.tui.catalogue import CatalogueListing, ListedDesign
from designer.tui.recent import recent_files

_TONE = {"clean": ("✓", "green"), "warning": ("!", "yellow"), "error": ("✗", "red"), "unloadable": ("✗", "red")}


def design_row(design: ListedDesign, code_width: int, level_width: int, title_width: int) -> Text:
    """One design of the catalogue on one line: code, title, EQF level, path level, lint status."""
    mark, style = _TONE.get(design.tone, ("?", ""))
    title = " ".join((design.title or "(no title)").split())
    if len(title) > title_width:
        title = title[: title_width - 1] + "…"
    return Text.assemble(
        "  ",
        ((design.code or "(no code)").ljust(code_width), "bold"),
        "  ",
        title.ljust(title_width),
        "  ",
        (f"EQF {design.eqf_level}" if design.eqf_level else "EQF ?").ljust(7),
        (", ".join(design.levels) or "no level").ljust(level_width),
        "  ",
        (f"{mark} {design.status}", style),
    )


class StartScreen(Screen[None]):
    """Choosing what to open. Posts Chosen; the app opens it.

    Given a catalogue (a catalogue.yaml), its designs head the list: their files at once, then,
    once a worker has linted the catalogue, each with its code, title, EQF level, path level
    and lint status.
    """

    BINDINGS = [
        Binding("n", "new", "New design"),
        Binding("o", "open", "Open a file"),
    ]

    @dataclass
    class Chosen(Message):
        action: str  # open | new | open-path | sample
        path: Path | None = None

    @dataclass
    class Listed(Message):
        """The catalogue's designs were read and linted (off the UI thread)."""

        listing: CatalogueListing | None
        problem: str | None = None

    def __init__(self, catalogue: Path | None = None) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.listing: CatalogueListing | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(
                "[b]designer[/b] — design a micro-credential backwards: outcomes, then the assessment that "
                "proves them, then checkpoints, then content.",
                id="start-intro",
            )
            yield OptionList(*self._options(), id="start-list")
        yield Footer()

    def _options(self, problem: str | None = None) -> list[Option]:
        options: list[Option] = [
            Option(Text("＋ New design…", style="bold"), id="new"),
            Option(Text("⌕ Open a file…", style="bold"), id="open-path"),
        ]
        if self.catalogue is not None:
            options += self._catalogue_options(problem)
        # A recent file the catalogue lists already is shown once, in the catalogue.
        designs = [option.id or "" for option in options]
        listed = {os.path.realpath(ident.removeprefix("design:")) for ident in designs if ident.startswith("design:")}
        recent = [path for path in recent_files() if os.path.realpath(path) not in listed]
        if recent:
            options.append(Option(Text("Recent", style="bold underline"), disabled=True))
            options += [Option(f"  {p}", id=f"open:{p}") for p in recent]
        options.append(Option(Text("Start from a sample (a copy is made)", style="bold underline"), disabled=True))
        options += [Option(f"  {p.stem}", id=f"sample:{p}") for p in sample_designs()]
        return options

    def _catalogue_options(self, problem: str | None) -> list[Option]:
        """The catalogue's heading and designs: their files until the listing comes, then a row each."""
        assert self.catalogue is not None
        folder = self.catalogue.parent
        shown = os.path.relpath(folder) if folder != Path.cwd() else "."
        title = self.listing.title if self.listing is not None else None
        heading = Text(f"Catalogue: {title}" if title else "Catalogue", style="bold underline")
        heading.append(f"  {shown}{os.sep}{self.catalogue.name}", style="dim")
        if problem:
            heading.append(f"  could not be checked: {problem}", style="red")
        options = [Option(heading, id="catalogue", disabled=True)]
        if self.listing is None:
            waiting = "" if problem else "  (checking…)"
            return options + [
                Option(f"  {os.path.relpath(path, folder)}{waiting}", id=f"design:{path}")
                for path in catalogue_members(self.catalogue)
            ]
        designs = self.listing.designs
        code_width = max((len(d.code or "(no code)") for d in designs), default=0)
        level_width = max((len(", ".join(d.levels) or "no level") for d in designs), default=0)
        status_width = max((len(d.status) for d in designs), default=0) + 2
        fixed = 2 + code_width + 2 + 2 + 7 + level_width + 2 + status_width
        width = self.query_one("#start-list", OptionList).scrollable_content_region.width
        longest = max((len(" ".join((d.title or "(no title)").split())) for d in designs), default=0)
        title_width = max(16, min(longest, width - fixed - 1))
        return options + [
            Option(design_row(design, code_width, level_width, title_width), id=f"design:{design.path}")
            for design in designs
        ]

    def on_mount(self) -> None:
        options = self.query_one("#start-list", OptionList)
        options.focus()
        if self.catalogue is not None:
            # The catalogue's first design, so Enter opens it.
            options.highlighted = options.get_option_index("catalogue") + 1
            self._list_catalogue(self.catalogue)

    @work(thread=True, exclusive=True, group="catalogue")
    def _list_catalogue(self, catalogue: Path) -> None:
        from designer.tui.catalogue import listing
        from designer.tui.state import SettingsError

        try:
            self.post_message(self.Listed(listing(catalogue)))
        except SettingsError as exc:  # the folder's settings cannot be used: said as `designer lint` says it
            self.post_message(self.Listed(None, str(exc)))
        except Exception as exc:  # the files stay listed; only their details are missing
            self.post_message(self.Listed(None, f"{type(exc).__name__}: {exc}"))

    def on_start_screen_listed(self, message: Listed) -> None:
        self.listing = message.listing
        options = self.query_one("#start-list", OptionList)
        highlighted = options.highlighted
        options.set_options(self._options(message.problem))
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted

    def action_new(self) -> None:
        self.post_message(self.Chosen("new"))

    def action_open(self) -> None:
        self.post_message(self.Chosen("open-path"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        if ident in ("new", "open-path"):
            self.post_message(self.Chosen(ident))
        elif ident.startswith(("open:", "design:")):
            self.post_message(self.Chosen("open", Path(ident.split(":", 1)[1])))
        elif ident.startswith("sample:"):
            self.post_message(self.Chosen("sample", Path(ident.removeprefix("sample:"))))
