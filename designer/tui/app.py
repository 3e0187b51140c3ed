"""The Textual app: `designer edit FILE`, `designer new`, and the start screen. Built by make_app()."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rich.markup import escape
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from designer.model.document import DocumentError
from designer.model.folders import find_catalogue
from designer.tui.keys import KeysInOrderApp
from designer.tui.recent import remember
from designer.tui.screens.choice import ChoiceScreen
from designer.tui.screens.editor import EditorScreen
from designer.tui.screens.new_design import NewDesign, NewDesignScreen
from designer.tui.screens.prompt import PromptScreen
from designer.tui.screens.start import StartScreen
from designer.tui.state import STAGE_TITLES, STAGES, EditorState, SettingsError, missing_folder
from designer.tui.widgets.stepper import STAGE_KEYS, STAGE_NUMBERS


class DesignerApp(KeysInOrderApp[None]):
    CSS_PATH = "app.tcss"
    TITLE = "designer"
    BINDINGS = [
        Binding("ctrl+q", "quit_safely", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False),
    ]

    def __init__(self, path: Path | None = None, stage: str | None = None, recovery_interval: float = 30.0) -> None:
        super().__init__()
        self.path = path
        self.initial_stage = stage
        self.recovery_interval = recovery_interval
        # The catalogue the start screen lists: the one at or above the folder given, or the working folder.
        self.catalogue: Path | None = None

    def on_mount(self) -> None:
        if self.path is None or self.path.is_dir():
            self.catalogue = find_catalogue(self.path or Path.cwd())
            self.path = None
            self.push_screen(StartScreen(self.catalogue))
        else:
            self.open_path(self.path)

    # Opening designs
    @property
    def editor(self) -> EditorScreen | None:
        screen = self.screen
        if isinstance(screen, EditorScreen):
            return screen
        for candidate in reversed(self.screen_stack):
            if isinstance(candidate, EditorScreen):
                return candidate
        return None

    def open_path(self, path: Path) -> None:
        if not path.exists() and not path.is_symlink():
            self.create_design(path)
            return
        try:
            state = EditorState.open(path)
        except SettingsError as exc:
            self._cannot_open(path, _settings_problem(exc))
            return
        except (OSError, UnicodeDecodeError, DocumentError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._cannot_open(path, reason)
            return
        if state.is_design:
            self.show_editor(state)
            return

        def decided(choice: str | None) -> None:
            if choice == "edit":
                self.show_editor(state)
            else:
                self._back_to_start()

        self.push_screen(
            ChoiceScreen(
                f"[b]{escape(path.name)} does not look like a course design.[/b]\n\n"
                "It has no 'format:' key and none of the design's sections (course, outcomes, summative, "
                "formative, content). Editing it as a design would add those keys to it when you save.\n\n"
                "Edit it as a design anyway?",
                [("cancel", "Cancel"), ("edit", "Edit anyway")],
            ),
            decided,
        )

    def _cannot_open(self, path: Path, reason: str) -> None:
        """Say why a file was refused (its line and column when the reading stopped there)."""
        self.push_screen(
            ChoiceScreen(f"[b]Cannot open {escape(str(path))}[/b]\n\n{escape(reason)}", [("ok", "OK")], cancel_id="ok"),
            lambda _: self._back_to_start(),
        )

    def _back_to_start(self) -> None:
        if self.editor is None and not isinstance(self.screen, StartScreen):
            self.push_screen(StartScreen(self.catalogue))

    def show_editor(self, state: EditorState) -> None:
        remember(state.path)
        editor = EditorScreen(state, self.initial_stage, self.recovery_interval)
        if isinstance(self.screen, StartScreen):
            self.switch_screen(editor)
        else:
            self.push_screen(editor)

    def create_design(self, path: Path) -> None:
        """Ask for the new design's basics (and first, whether to create its missing folders), then save it."""
        missing = missing_folder(path)

        def created(answer: NewDesign | None) -> None:
            if answer is None:
                self._gave_up()
                return
            try:
                state = EditorState.create(path, answer.title, answer.eqf_level, answer.ects, answer.framework)
            except SettingsError as exc:
                self._cannot_open(path, _settings_problem(exc))
                return
            try:
                if missing is not None:
                    path.parent.mkdir(parents=True, exist_ok=True)
                state.save()
            except OSError as exc:
                self.notify(f"Cannot create {escape(str(path))}: {exc.strerror or exc}", severity="error", timeout=10)
                self._gave_up()
                return
            self.initial_stage = "outcomes"
            self.show_editor(state)

        if missing is None:
            self.push_screen(NewDesignScreen(str(path)), created)
            return

        def create_folders(choice: str | None) -> None:
            if choice == "create":
                self.push_screen(NewDesignScreen(str(path)), created)
            else:
                self._gave_up()

        self.push_screen(
            ChoiceScreen(
                f"[b]The folder {escape(str(missing))} does not exist.[/b]\n\n"
                f"Create it (with any missing folders above it) for {escape(path.name)}?",
                [("create", "Create folder"), ("cancel", "Cancel")],
            ),
            create_folders,
        )

    def _gave_up(self) -> None:
        """The user cancelled a new design: `designer edit NEW` ends; from the start screen, stay there."""
        if self.path is not None and not self.editor and not isinstance(self.screen, StartScreen):
            self.exit()

    def on_start_screen_chosen(self, message: StartScreen.Chosen) -> None:
        if message.action == "open" and message.path is not None:
            self.open_path(message.path)
        elif message.action == "new":
            # Started on a catalogue, a new design goes in its folder unless the user says otherwise.
            folder = self.catalogue.parent if self.catalogue is not None else Path.cwd()
            suggested = os.path.relpath(folder / "my-course.yaml")
            self.push_screen(PromptScreen("File for the new design:", suggested), self._new_at)
        elif message.action == "open-path":
            self.push_screen(PromptScreen("Open which file?", ""), self._open_at)
        elif message.action == "sample" and message.path is not None:
            sample = message.path

            def copy_to(answer: str | None) -> None:
                if not answer:
                    return
                target = Path(answer).expanduser()
                if target.exists():
                    self.notify(f"{target} exists already; choose another name.", severity="error")
                    return
                from designer.model.atomic import write_atomic

                try:
                    write_atomic(target, sample.read_text(encoding="utf-8"))
                except OSError as exc:
                    self.notify(f"Cannot write {target}: {exc.strerror or exc}", severity="error", timeout=10)
                    return
                self.open_path(target)

            self.push_screen(PromptScreen(f"Save a copy of {sample.stem} as:", f"my-{sample.name}"), copy_to)

    def _new_at(self, answer: str | None) -> None:
        if answer:
            target = Path(answer).expanduser()
            if target.exists():
                self.open_path(target)
            else:
                self.create_design(target)

    def _open_at(self, answer: str | None) -> None:
        if answer:
            target = Path(answer).expanduser()
            if not target.is_file():
                self.notify(f"No file {target}.", severity="error")
                return
            self.open_path(target)

    # App-wide actions
    def action_help(self) -> None:
        from designer.tui.screens.help import HelpScreen  # Markdown is slow to import; only on demand

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    def action_quit_safely(self) -> None:
        editor = self.editor
        if editor is None:
            self.exit()
        elif self.screen is editor:
            editor.request_quit()
        else:
            # A dialog is open: close it first, then ask.
            self.pop_screen()
            editor.request_quit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, StartScreen):
            yield SystemCommand("New design", "Start a design file (n)", screen.action_new)
            yield SystemCommand("Open a file", "Open a design by its path (o)", screen.action_open)
        editor = self.editor
        if editor is None:
            return
        yield SystemCommand("Save", "Save the design (Ctrl+S)", editor.action_save)
        yield SystemCommand("Save as…", "Save the design to another file (F12, Ctrl+Shift+S)", editor.action_save_as)
        yield SystemCommand("Undo", "Undo the last change (Ctrl+Z)", editor.action_undo)
        yield SystemCommand("Redo", "Redo (Ctrl+Y)", editor.action_redo)
        yield SystemCommand(
            "Render HTML", "Write the specification as HTML (Ctrl+R)", lambda: editor.action_render("html")
        )
        yield SystemCommand(
            "Render Markdown", "Write the specification as Markdown", lambda: editor.action_render("md")
        )
        yield SystemCommand(
            "Export ELM (Europass)",
            "Write the design as a European Learning Model document beside it",
            lambda: editor.action_export("elm"),
        )
        yield SystemCommand(
            "Export Open Badges 3.0",
            "Write the design as an Open Badges 3.0 achievement beside it",
            lambda: editor.action_export("ob3"),
        )
        for stage in STAGES:
            yield SystemCommand(
                f"Go to {STAGE_TITLES[stage]}",
                f"Stage {STAGE_NUMBERS[stage]} ({STAGE_KEYS[stage]})",
                lambda s=stage: editor.show_stage(s),
            )
        for section in ("outcomes", "summative", "formative", "content"):
            yield SystemCommand(
                f"Add {STAGE_TITLES[section].lower()} item",
                f"New item in {STAGE_TITLES[section]}",
                lambda s=section: editor.add_item(s),
            )
        if editor.stage in ("outcomes", "summative", "formative", "content"):
            for action, title, key in (
                ("duplicate", "Duplicate item", "d"),
                ("delete", "Delete item", "x"),
                ("rename", "Rename item id", "r"),
                ("up", "Move item up", "["),
                ("down", "Move item down", "]"),
            ):
                yield SystemCommand(
                    title, f"On the selected {editor.stage} item ({key})", lambda a=action: editor.item_action(a)
                )
        yield SystemCommand("Help", "Every key (F1)", self.action_help)
        yield SystemCommand("Toggle light/dark", "Switch theme (Ctrl+T)", self.action_toggle_dark)


def make_app(
    path: Path | str | None = None, *, stage: str | None = None, recovery_interval: float = 30.0
) -> DesignerApp:
    """Build the editor on any file (tests start it on fixtures); a folder, or none, opens the start screen."""
    return DesignerApp(Path(path) if path is not None else None, stage, recovery_interval)


def _settings_problem(exc: SettingsError) -> str:
    """Why a design was not opened when its project's lint settings cannot be used (as `designer lint` refuses)."""
    return (
        f"{exc}\n\nThe lint settings that apply to this design cannot be used, so the editor cannot check it "
        "as `designer lint` would. Fix the config file, then open the design again."
    )
