"""The editor screen: stepper, the current stage, its findings. Owns the EditorState."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, DataTable, Footer, Header, Static

from designer.frameworks import Framework, load_framework
from designer.model.atomic import read_only
from designer.model.document import DocumentError
from designer.model.findings import Finding
from designer.tui.messages import Validated
from designer.tui.recent import remember
from designer.tui.screens.choice import ChoiceScreen
from designer.tui.screens.prompt import PromptScreen
from designer.tui.state import (
    STAGE_TITLES,
    STAGES,
    EditorState,
    Validation,
    missing_folder,
    stage_of,
)
from designer.tui.widgets.course_form import CourseForm
from designer.tui.widgets.findings import FindingsList
from designer.tui.widgets.item_stage import ItemStage
from designer.tui.widgets.review import ReviewPane
from designer.tui.widgets.stepper import STAGE_KEYS, Stepper
from designer.tui.widgets.workload import WorkloadBar

if TYPE_CHECKING:
    from designer.rules.engine import Result

ITEM_SECTIONS = ("outcomes", "summative", "formative", "content")
# What a locked stage offers to go to instead.
MISSING_STAGE = {"summative": "outcomes", "formative": "summative", "content": "summative"}
DEBOUNCE_SECONDS = 0.15


class EditorScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        # Many terminals send Ctrl+Shift+S as Ctrl+S; F12 and the palette's "Save as…" always work.
        Binding("ctrl+shift+s,f12", "save_as", "Save as", show=False),
        # Priority: the design's undo, not a text field's own, so Ctrl+Z always does what the help says.
        Binding("ctrl+z", "undo", "Undo", show=False, priority=True),
        Binding("ctrl+y", "redo", "Redo", show=False, priority=True),
        Binding("ctrl+r", "render('html')", "Render"),
        # Priority: a text area binds F6 and F7 itself (select line, select all), which hid two stages.
        *(
            Binding(STAGE_KEYS[stage].lower(), f"stage('{stage}')", STAGE_TITLES[stage], show=False, priority=True)
            for stage in STAGES
        ),
        Binding("escape", "back_to_table", "Back", show=False),
    ]

    def __init__(self, state: EditorState, stage: str | None = None, recovery_interval: float = 30.0) -> None:
        super().__init__()
        self.state = state
        self.stage = stage or state.first_stage()
        self.opened_anyway: set[str] = set()
        self.recovery_interval = recovery_interval
        self._debounce: Timer | None = None
        self.framework: Framework = load_framework("eu")
        self.validations = 0  # how many validation results have been applied (tests wait on it)
        self._gate_target = "outcomes"
        self._gated: str | None = None

    # Layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Static("[b]Backward design[/b]", classes="sidebar-title")
                yield Stepper(id="stepper")
                yield WorkloadBar(id="workload")
                yield Static("", id="sidebar-help")
            # Each stage's widgets are built when the stage is first shown: a screen
            # with every form mounted at once costs most of the start-up time.
            with ContentSwitcher(id="stages", initial=self.stage):
                for stage in STAGES:
                    if stage == self.stage:
                        yield Vertical(*self._build(stage), id=stage, classes="stage-host")
                    else:
                        yield Vertical(id=stage, classes="stage-host")
                with Vertical(id="gate"):
                    yield Static("", id="gate-reason", classes="gate-reason")
                    with Horizontal(classes="dialog-buttons"):
                        yield Button("Go there", id="gate-go", variant="primary")
                        yield Button("Open anyway", id="gate-open")
        yield Footer()

    def _build(self, stage: str) -> list[Widget]:
        if stage == "course":
            return [
                CourseForm(self.framework, in_catalogue=self.state.catalogue is not None, id="course-form"),
                FindingsList(
                    id="course-findings",
                    classes="stage-findings course-findings",
                    empty_text="No findings for the course.",
                ),
            ]
        if stage in ITEM_SECTIONS:
            return [ItemStage(stage, self.framework, id=f"stage-{stage}")]
        return [ReviewPane(id="review-pane")]

    def mounted(self, stage: str) -> bool:
        return bool(self.query_one(f"#{stage}").children)

    def item_stage(self, section: str) -> ItemStage | None:
        found = self.query(f"#stage-{section}")
        return found.first(ItemStage) if found else None

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_stage, self.stage)
        self.app.sub_title = self._subtitle()
        keys = f"{STAGE_KEYS[STAGES[0]]}–{STAGE_KEYS[STAGES[-1]]}"
        self.query_one("#sidebar-help", Static).update(f"{keys} stages\nF1 help · ^S save\n^P commands")
        self.load_all()
        self.run_validation()
        if self.recovery_interval > 0:
            self.set_interval(self.recovery_interval, self.write_recovery)
        self._offer_recovery()
        self._apply_width(self.size.width)

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < 100, "narrow")

    # Showing state
    def _subtitle(self) -> str:
        return f"{self.state.path.name}{' ● unsaved' if self.state.dirty else ''}"

    def _options(self) -> dict[str, list[tuple[str, str]]]:
        doc = self.state.document
        out: dict[str, list[tuple[str, str]]] = {}
        for section, field in (("outcomes", "statement"), ("summative", "title"), ("formative", "title")):
            choices = []
            for item in doc.section(section):
                if isinstance(item, dict) and item.get("id"):
                    label = " ".join(str(item.get(field) or "").split())
                    label = label if len(label) <= 60 else label[:59] + "…"
                    choices.append((str(item["id"]), f"{item['id']}  {label}"))
            out[section] = choices
        return out

    def _load_stage(self, stage: str) -> None:
        """Fill one mounted stage from the document."""
        fw = self.framework
        doc = self.state.document
        if stage == "course":
            form = self.query_one(CourseForm)
            form.load(doc.get(("course",)), fw)
            form.use_catalogue(self.state.catalogue is not None, self.state.catalogue_choices)
            # Findings from the validation that ran before this stage was first built.
            self.query_one("#course-findings", FindingsList).show(self.state.findings("course"))
        elif stage in ITEM_SECTIONS:
            widget = self.item_stage(stage)
            if widget is not None:
                widget.language = self._language()
                widget.load(doc.section(stage), self._options(), fw, widget.index, self.state.findings(stage))
        elif stage == "review":
            self.query_one(ReviewPane).show(self.state)

    def load_all(self) -> None:
        """Reload every built view from the document (after a structural change, undo or reload)."""
        self.framework = self.state.framework or self.framework
        for stage in STAGES:
            if self.mounted(stage):
                self._load_stage(stage)
        self.show_stage(self.stage, force=True, focus=False)
        self.refresh_status()

    def refresh_status(self) -> None:
        statuses = {stage: self.state.stage_status(stage) for stage in STAGES}
        self.query_one(Stepper).show(statuses, self.stage)
        workload = self.state.workload()
        self.query_one("#workload", WorkloadBar).show(workload)
        if self.mounted("course"):
            self.query_one("#course-budget", WorkloadBar).show(workload)
            self.query_one("#course-findings", FindingsList).show(self.state.findings("course"))
        self.app.sub_title = self._subtitle()

    def show_stage(self, stage: str, force: bool = False, focus: bool = True, then: Any = None) -> None:
        """Show a stage (or the gate that says why it is not open yet); `then` runs once it is shown."""
        reason = self.state.locked_reason(stage)
        switcher = self.query_one("#stages", ContentSwitcher)
        if reason and stage not in self.opened_anyway and not force:
            self.stage = stage
            target = MISSING_STAGE.get(stage, "outcomes")
            if stage == "content" and self.state.document.section("summative"):
                target = "summative"
            self.query_one("#gate-reason", Static).update(
                f"[b]{STAGE_TITLES[stage]} is not open yet.[/b]\n\n{reason}\n\n"
                f"Backward design: outcomes, then the summative assessment that proves them, then formative "
                f"checkpoints, and content last. You may still open this stage."
            )
            go = self.query_one("#gate-go", Button)
            go.label = f"Go to {STAGE_TITLES[target]}"
            self._gate_target = target
            self._gated = stage
            switcher.current = "gate"
            go.focus()
            self.query_one(Stepper).highlighted = STAGES.index(stage)
            return
        if not self.mounted(stage):
            waiter = self.query_one(f"#{stage}").mount(*self._build(stage))

            async def built() -> None:
                await waiter
                self._load_stage(stage)
                self.show_stage(stage, force=True, focus=focus, then=then)

            self.call_later(built)
            return
        self.stage = stage
        switcher.current = stage
        if stage == "review":
            self.query_one(ReviewPane).show(self.state)
        elif stage in ITEM_SECTIONS:
            item_stage = self.item_stage(stage)
            if item_stage is not None and item_stage.stale:
                item_stage.items = self.state.document.section(stage)
                item_stage.options = self._options()
                item_stage.refresh_table(self.state.findings(stage))
        if focus:
            self._focus_stage(stage)
        self.query_one(Stepper).highlighted = STAGES.index(stage)
        if then is not None:
            then()

    def _focus_stage(self, stage: str) -> None:
        """Put the cursor where work starts: the item table, the course title, the review findings."""
        if not self.mounted(stage):
            return
        if stage in ITEM_SECTIONS:
            self.query_one(f"#{stage}-table", DataTable).focus()
        elif stage == "course":
            self.query_one("#course-title").focus()
        elif stage == "review":
            self.query_one("#review-findings", FindingsList).focus()

    # Validation (debounced, off the UI thread)
    def schedule_validation(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.run_validation)

    def run_validation(self) -> None:
        # The snapshot is taken here, on the UI thread, so the worker lints a private copy.
        self._validate(self.state.validation_job())

    @work(thread=True, exclusive=True, group="validate")
    def _validate(self, job: Callable[[], Validation]) -> None:
        self.post_message(Validated(job()))

    def on_validated(self, message: Validated) -> None:
        if self.state.validation is not None and message.validation.version < self.state.validation.version:
            return  # an older run finished late
        self.state.validation = message.validation
        if (
            message.validation.result.framework is not None
            and message.validation.result.framework is not self.framework
        ):
            self.framework = message.validation.result.framework
            if self.mounted("course"):
                self.query_one(CourseForm).use_framework(self.framework)
        if self.mounted("course"):
            self.query_one(CourseForm).use_catalogue(self.state.catalogue is not None, message.validation.catalogue)
        # Only the visible stage repaints now; the others repaint when shown.
        for section in ITEM_SECTIONS:
            widget = self.item_stage(section)
            if widget is None:
                continue
            widget.use_framework(self.framework)
            widget.language = self._language()
            if section == self.stage:
                widget.show_findings(self.state.findings(section))
            else:
                widget.stale = True
        if self.stage == "review" and self.mounted("review"):
            self.query_one(ReviewPane).show(self.state)
        self.refresh_status()
        self.validations += 1

    def _language(self) -> str | None:
        """The design's `course.language`, which chooses the wording data the verb hint reads with."""
        value = self.state.document.get(("course", "language"))
        return value if isinstance(value, str) and value.strip() else None

    def changed(self, structural: bool = False) -> None:
        if structural:
            self.load_all()
        else:
            self.refresh_status()
        self.app.sub_title = self._subtitle()
        self.schedule_validation()

    # Messages from the widgets
    def on_stepper_stage_chosen(self, message: Stepper.StageChosen) -> None:
        self.show_stage(message.stage)

    def on_course_form_field_changed(self, message: CourseForm.FieldChanged) -> None:
        if message.path == ("course", "awarding_bodies"):
            if self.state.set_bodies(message.value):
                self.changed()
            return
        if self.state.set(message.path, message.value):
            self.changed()

    def on_item_stage_field_changed(self, message: ItemStage.FieldChanged) -> None:
        if self.state.set((message.section, message.index, message.key), message.value):
            stage = self.item_stage(message.section)
            if stage is not None:
                stage.items = self.state.document.section(message.section)
                stage.update_row(message.index)
            if message.key in ("statement", "title"):
                options = self._options()
                for other in ITEM_SECTIONS:
                    widget = self.item_stage(other)
                    if other != message.section and widget is not None:
                        widget.options = options
            self.changed()

    def on_item_stage_renamed(self, message: ItemStage.Renamed) -> None:
        self._rename(message.section, message.index, message.old, message.new)

    def _rename(self, section: str, index: int, old: str, new: str) -> None:
        try:
            count = self.state.rename_id(old, new)
        except DocumentError as exc:
            self.notify(str(exc), severity="error", title="Rename")
            self.load_all()
            return
        self.notify(f"{old} → {new}; {count} reference{'s' if count != 1 else ''} updated", title="Renamed")
        self.changed(structural=True)

    def on_item_stage_item_action(self, message: ItemStage.ItemAction) -> None:
        section, index = message.section, message.index
        stage = self.item_stage(section)
        if stage is None:
            self.show_stage(section, force=True, then=lambda: self.on_item_stage_item_action(message))
            return
        if message.action == "add":
            stage.index = self.state.add_item(section)
            self.changed(structural=True)
            stage.action_edit()
            return
        if index is None:
            self.notify(f"No {section} item selected.", severity="warning")
            return
        item = self.state.document.section(section)[index]
        ident = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"item {index + 1}"
        if message.action == "duplicate":
            stage.index = self.state.duplicate_item(section, index)
            self.changed(structural=True)
        elif message.action in ("up", "down"):
            stage.index = self.state.move_item(section, index, -1 if message.action == "up" else 1)
            self.changed(structural=True)
        elif message.action == "rename":

            def renamed(new: str | None) -> None:
                if new:
                    self._rename(section, index, ident, new)

            self.app.push_screen(
                PromptScreen(f"Rename {ident} to:", ident, "Every reference to it is updated."), renamed
            )
        elif message.action == "delete":
            refs = self.state.references_to(ident)
            question = f"Delete {ident}?" + (
                f" {refs} reference{'s' if refs != 1 else ''} to it will be removed." if refs else ""
            )

            def decided(choice: str | None) -> None:
                if choice == "delete":
                    self.state.remove_item(section, index)
                    stage.index = max(0, index - 1) if self.state.document.section(section) else None
                    self.changed(structural=True)
                    self.notify(f"Deleted {ident}. Ctrl+Z undoes.", title="Deleted")

            self.app.push_screen(
                ChoiceScreen(question + "\n\nCtrl+Z undoes it.", [("delete", "Delete"), ("cancel", "Cancel")]), decided
            )

    def item_action(self, action: str) -> None:
        """Run an item action (duplicate, delete, rename, up, down) on the current stage's selected item."""
        widget = self.item_stage(self.stage)
        if widget is not None:
            self.on_item_stage_item_action(ItemStage.ItemAction(self.stage, action, widget.index))

    def add_item(self, section: str) -> None:
        self.show_stage(section, force=True)
        self.on_item_stage_item_action(ItemStage.ItemAction(section, "add", None))

    def on_findings_list_jump(self, message: FindingsList.Jump) -> None:
        self.jump_to(message.finding)

    def on_review_pane_outcome_chosen(self, message: ReviewPane.OutcomeChosen) -> None:
        """Enter on a matrix row: show that outcome in the outcomes stage."""
        outcomes = self.state.document.section("outcomes")
        index = next(
            (i for i, item in enumerate(outcomes) if isinstance(item, dict) and item.get("id") == message.outcome),
            None,
        )
        if index is not None:
            self.show_stage(
                "outcomes", force=True, focus=False, then=lambda: self._point_at("outcomes", ("outcomes", index))
            )

    def on_review_pane_render_requested(self, message: ReviewPane.RenderRequested) -> None:
        self.action_render(message.fmt)

    @on(Button.Pressed, "#gate-go")
    def _gate_go(self) -> None:
        self.show_stage(self._gate_target)

    @on(Button.Pressed, "#gate-open")
    def _gate_open(self) -> None:
        gated = self._gated
        if gated:
            self.opened_anyway.add(gated)
            self.show_stage(gated)

    def jump_to(self, finding: Finding) -> None:
        """Show the stage, item and field a finding is about."""
        stage = stage_of(finding)
        self.show_stage(stage, force=True, focus=False, then=lambda: self._point_at(stage, finding.node))

    def _point_at(self, stage: str, node: tuple[str | int, ...]) -> None:
        if stage == "course":
            self.query_one(CourseForm).focus_field(str(node[1]) if len(node) > 1 else "title")
        elif stage in ITEM_SECTIONS:
            item_stage = self.item_stage(stage)
            table = self.query_one(f"#{stage}-table", DataTable)
            if item_stage is not None and len(node) > 1 and isinstance(node[1], int):
                item_stage.select_index(node[1])
                if len(node) > 2:
                    item_stage.focus_field(str(node[2]))
                    return
            table.focus()
        elif stage == "review":
            self._focus_stage("review")

    # Actions
    def action_stage(self, stage: str) -> None:
        self.show_stage(stage)

    def action_back_to_table(self) -> None:
        if self.stage in ITEM_SECTIONS:
            self.query_one(f"#{self.stage}-table", DataTable).focus()

    def action_undo(self) -> None:
        if self.state.undo():
            self.changed(structural=True)
        else:
            self.notify("Nothing to undo.")

    def action_redo(self) -> None:
        if self.state.redo():
            self.changed(structural=True)

    def action_save(self, then: Any = None) -> None:
        if self.state.changed_on_disk():

            def decided(choice: str | None) -> None:
                if choice == "overwrite":
                    self._write(then)
                elif choice == "reload":
                    try:
                        self.state.reload()
                    except (OSError, DocumentError) as exc:
                        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                        self.notify(f"Cannot reload {self.state.path.name}: {reason}", severity="error", timeout=15)
                        return
                    self.changed(structural=True)
                    self.notify("Reloaded from disk. Ctrl+Z brings your version back.", title="Reloaded")

            self.app.push_screen(
                ChoiceScreen(
                    f"{self.state.path.name} changed on disk since you opened it.\n"
                    "Overwrite it with your version, or reload it (your version stays in undo)?",
                    [("overwrite", "Overwrite"), ("reload", "Reload"), ("cancel", "Cancel")],
                ),
                decided,
            )
            return
        self._write(then)

    def _write(self, then: Any = None, force: bool = False) -> None:
        """Save to the file; a read-only file or folder asks first and offers Save as."""
        name = escape(self.state.path.name)
        if self.state.read_only and not force:

            def decided(choice: str | None) -> None:
                if choice == "overwrite":
                    self._write(then, force=True)
                elif choice == "save-as":
                    self.action_save_as(then)

            self.app.push_screen(
                ChoiceScreen(
                    f"[b]{name} is read-only.[/b]\n\nOverwrite it anyway (it stays read-only), "
                    "or save your work to another file?",
                    [("cancel", "Cancel"), ("save-as", "Save as…"), ("overwrite", "Overwrite")],
                ),
                decided,
            )
            return
        if not self.state.folder_writable:
            self._offer_save_as(
                f"[b]Cannot save {name}:[/b] its folder is read-only, so the file cannot be replaced safely.", then
            )
            return
        try:
            self.state.save(force=force)
        except OSError as exc:
            self._offer_save_as(f"[b]Could not save {name}:[/b] {escape(exc.strerror or str(exc))}.", then)
            return
        except DocumentError as exc:
            self.notify(str(exc), severity="error", title="Not saved", timeout=15)
            return
        self._saved(then)

    def _saved(self, then: Any = None) -> None:
        errors = sum(1 for f in self.state.findings() if f.severity.value == "error")
        self.notify(f"Saved {self.state.path.name}" + (f" — {errors} error(s) open" if errors else ""), title="Saved")
        self.app.sub_title = self._subtitle()
        if then is not None:
            then()

    def _offer_save_as(self, problem: str, then: Any = None) -> None:
        def decided(choice: str | None) -> None:
            if choice == "save-as":
                self.action_save_as(then)

        self.app.push_screen(
            ChoiceScreen(
                f"{problem}\n\nYour work is not lost: save it to another file?",
                [("save-as", "Save as…"), ("cancel", "Cancel")],
            ),
            decided,
        )

    def action_save_as(self, then: Any = None) -> None:
        """Ask for a file (the current one prefilled), then confirm replacing a file or creating a folder."""

        def chosen(answer: str | None) -> None:
            if not answer:
                return
            target = Path(answer).expanduser()
            if target.is_dir():
                self.notify(f"{target} is a folder; give a file name.", severity="error", title="Save as")
                return
            self._confirm_replace(target, then)

        self.app.push_screen(
            PromptScreen(
                "Save the design as:",
                str(self.state.path),
                "Enter to save, Escape to cancel. You are asked before a file is replaced or a folder created.",
            ),
            chosen,
        )

    def _confirm_replace(self, target: Path, then: Any) -> None:
        if not target.exists() or _same_file(target, self.state.path):
            self._confirm_folder(target, then)
            return
        locked = read_only(target)

        def decided(choice: str | None) -> None:
            if choice == "replace":
                self._confirm_folder(target, then, force=True)

        self.app.push_screen(
            ChoiceScreen(
                f"[b]{escape(str(target))} exists{' and is read-only' if locked else ''}.[/b]\n\n"
                "Replace it with this design?",
                [("cancel", "Cancel"), ("replace", "Replace")],
            ),
            decided,
        )

    def _confirm_folder(self, target: Path, then: Any, force: bool = False) -> None:
        folder = missing_folder(target)
        if folder is None:
            self._write_as(target, then, force)
            return

        def decided(choice: str | None) -> None:
            if choice != "create":
                return
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.notify(f"Cannot create {folder}: {exc.strerror or exc}", severity="error", title="Save as")
                return
            self._write_as(target, then, force)

        self.app.push_screen(
            ChoiceScreen(
                f"[b]The folder {escape(str(folder))} does not exist.[/b]\n\nCreate it and save there?",
                [("create", "Create folder"), ("cancel", "Cancel")],
            ),
            decided,
        )

    def _write_as(self, target: Path, then: Any, force: bool) -> None:
        if _same_file(target, self.state.path):
            self._write(then, force)
            return
        try:
            problem = self.state.save_as(target, force=force)
        except DocumentError as exc:
            self.notify(str(exc), severity="error", title="Not saved", timeout=15)
            return
        except OSError as exc:
            self._offer_save_as(f"[b]Could not save {escape(str(target))}:[/b] {escape(exc.strerror or str(exc))}.")
            return
        remember(target)
        if problem is not None:
            self.notify(
                f"{escape(problem)}\nThe checks keep the settings they had; fix the file, then open the design again.",
                severity="error",
                title="Lint settings not read",
                timeout=15,
            )
        if self.mounted("course"):
            # In another folder the design may have joined a catalogue, or left one.
            self.query_one(CourseForm).use_catalogue(self.state.catalogue is not None, None)
        self.run_validation()
        self._saved(then)

    def write_recovery(self) -> None:
        # A recovery copy is a courtesy; the save path reports real problems.
        with contextlib.suppress(OSError):
            self.state.write_recovery()

    def _offer_recovery(self) -> None:
        text = self.state.pending_recovery()
        if text is None:
            return

        def decided(choice: str | None) -> None:
            if choice == "restore":
                self.state.restore(text)
                self.changed(structural=True)
                self.notify("Restored the unsaved changes. Ctrl+S saves them.", title="Restored")
            else:
                self.state.discard_recovery()

        self.app.push_screen(
            ChoiceScreen(
                f"Unsaved changes to {self.state.path.name} were left by an interrupted session.\nRestore them?",
                [("restore", "Restore"), ("discard", "Discard")],
                cancel_id="keep",
            ),
            decided,
        )

    def action_render(self, fmt: str = "html") -> None:
        try:
            from designer.render import render
        except ImportError:
            self.notify("Rendering is not available in this build.", severity="error")
            return
        result = self.state.for_render()
        out = self.state.path.with_suffix(".html" if fmt == "html" else ".md")

        def write(draft: bool) -> None:
            from designer.model.atomic import write_atomic

            try:
                text = render(result, fmt, draft=draft)
                write_atomic(out, text)
            except Exception as exc:  # a template problem must not take the editor down
                self.notify(f"Render failed: {exc}", severity="error", title="Render")
                return
            label = f"{'Draft' if draft else 'Specification'} written to {out.name}"
            self.notify(label, title="Rendered")
            if self.mounted("review"):
                self.query_one(ReviewPane).show_render_result(label)

        self._through_gate(result, "rendered", "Render", write)

    def action_export(self, fmt: str) -> None:
        """Write the design as an ELM or Open Badges 3.0 document beside it, through render's gate.

        As `designer export`: a design with errors is exported only as a draft, and the fields the
        standard needs that the design lacks (its EX findings) are named after the export.
        """
        from designer.export.command import FORMAT_NAMES, document_name

        result = self.state.for_render()
        path = self.state.path
        out = path.with_name(document_name(path.name, fmt))
        standard = FORMAT_NAMES[fmt]

        def write(draft: bool) -> None:
            from dataclasses import replace

            from designer.errors import UsageError
            from designer.export.command import build
            from designer.export.common import dumps
            from designer.model.atomic import write_atomic
            from designer.rules.engine import lint_text
            from designer.rules.registry import export_codes

            context = result.context
            assert context is not None  # the gate lets only a loaded design through
            # As `designer export`: the project's settings (its select and ignore too), with the format's EX rules on.
            settings = replace(self.state.settings, opt_in=export_codes(fmt))
            try:
                document = build(fmt, context.design, context.framework, False, path.stem)
                write_atomic(out, dumps(document))
                lacking = lint_text(result.loaded.text or "", str(path), settings).findings
            except (UsageError, OSError, ValueError) as exc:
                self.notify(f"Export failed: {exc}", severity="error", title="Export")
                return
            missing = [f"{f.code} {f.message}" for f in lacking if f.code.startswith("EX")]
            label = f"{'Draft ' if draft else ''}{standard} document written to {out.name}"
            if missing:
                self.notify(
                    label + "; platforms will ask for what it lacks:\n" + "\n".join(missing),
                    severity="warning",
                    title="Exported",
                    timeout=12,
                )
            else:
                self.notify(label, title="Exported")

        self._through_gate(result, "exported", "Export", write)

    def _through_gate(self, result: Result, done: str, verb: str, write: Callable[[bool], None]) -> None:
        """Call `write(draft)`: at once for a design without errors, after asking for a draft otherwise."""
        errors = [f for f in result.findings if f.severity.value == "error"]
        if result.context is None:
            self.notify("The design cannot be loaded; fix the errors first.", severity="error")
            return
        if errors:

            def decided(choice: str | None) -> None:
                if choice == "draft":
                    write(True)

            self.app.push_screen(
                ChoiceScreen(
                    f"The design has {len(errors)} error(s), so it cannot be {done} as validated.\n"
                    f"{verb} a DRAFT{' with a banner listing the open errors' if verb == 'Render' else ''}?",
                    [("draft", f"{verb} draft"), ("cancel", "Cancel")],
                ),
                decided,
            )
        else:
            write(False)

    def request_quit(self) -> None:
        if not self.state.dirty:
            self.state.discard_recovery()
            self.app.exit()
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=self.app.exit)
            elif choice == "discard":
                self.state.discard_recovery()
                self.app.exit()

        self.app.push_screen(
            ChoiceScreen(
                f"{self.state.path.name} has unsaved changes.",
                [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Cancel")],
            ),
            decided,
        )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False
