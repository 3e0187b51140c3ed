"""One item stage of the walk (outcomes, summative, formative, content): a table, a form and live help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, Static, TextArea

from designer.frameworks import Framework
from designer.model.figures import fmt
from designer.model.findings import Finding
from designer.model.sections import KIND, PASS_FAIL
from designer.tui.widgets.fields import (
    ITEM_FIELDS,
    FieldSpec,
    field_widget,
    parse_number,
    refill_select,
    show_in,
    show_value,
)
from designer.tui.widgets.findings import FindingsList
from designer.tui.widgets.stepper import stage_heading

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "outcomes": (("id", "Id"), ("statement", "Statement"), ("domain", "Domain"), ("bloom", "Bloom")),
    "summative": (
        ("id", "Id"),
        ("title", "Title"),
        ("method", "Method"),
        ("weight", "%"),
        ("hours", "h"),
        ("week", "Wk"),
        ("outcomes", "Outcomes"),
    ),
    "formative": (
        ("id", "Id"),
        ("title", "Title"),
        ("method", "Method"),
        ("week", "Wk"),
        ("hours", "h"),
        ("outcomes", "Outcomes"),
        ("prepares", "Prepares"),
    ),
    "content": (
        ("id", "Id"),
        ("title", "Title"),
        ("mode", "Mode"),
        ("activity", "Activity"),
        ("week", "Wk"),
        ("hours", "h"),
        ("outcomes", "Outcomes"),
    ),
}
INTRO = {
    "outcomes": stage_heading("outcomes", "Learning outcomes")
    + " — what learners can do at the end. Start each with a measurable verb.",
    "summative": stage_heading("summative", "Summative assessment")
    + " — the evidence that proves each outcome. Weights add to 100.",
    "formative": stage_heading("formative", "Formative checkpoints")
    + " — feedback along the way, before the summative they prepare.",
    "content": stage_heading("content") + " — chosen last, for the outcomes and checkpoints.",
}
_MARK = {"error": ("✗", "bold red"), "warning": ("!", "bold yellow"), "info": ("i", "cyan")}
# The column that takes the width left over; the others are as wide as their longest value.
MAIN_COLUMN = {"outcomes": "statement", "summative": "title", "formative": "title", "content": "title"}
# Never cut: an id, a number or a Bloom level (a verb's level) is wrong when shortened.
WHOLE_COLUMNS = frozenset({"id", "weight", "hours", "week", "bloom"})
MAIN_MIN_WIDTH = 16  # the statement or title shrinks to this before any other column is cut
CUT_MIN_WIDTH = 6  # a method, mode or reference list is cut (with "…") no shorter than this
# One blank cell after each column instead of DataTable's padding on both sides: two more columns fit at 80x24.
COLUMN_GAP = 1
# Short forms for the table only; the form shows the full term.
SHORT = {
    "responsibility-autonomy": "resp.-autonomy",
    "online-asynchronous": "online-async",
    "online-synchronous": "online-sync",
}


def cell_text(value: Any) -> str:
    """A value as one line of a table cell, uncut."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        value = SHORT.get(value, value)
    return " ".join(show_value(value).split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def column_widths(section: str, texts: list[dict[str, str]], available: int) -> dict[str, int]:
    """Widths for the item table within `available` cells: whole columns fit their longest value,
    the statement or title takes what is left.

    When even that is too wide, the cuttable columns (method, mode, references) give way first, widest
    first, then the statement or title; ids, numbers and Bloom levels are never cut (the table then
    scrolls sideways).
    """
    main = MAIN_COLUMN[section]
    natural = {key: max([len(label), *(len(row.get(key, "")) for row in texts)]) for key, label in COLUMNS[section]}
    # The mark column (1 cell) and the gap after every column.
    fixed_cost = 1 + COLUMN_GAP * (len(COLUMNS[section]) + 1)
    widths = {key: natural[key] for key, _ in COLUMNS[section] if key != main}
    room = available - fixed_cost - sum(widths.values())
    cuttable = [key for key in widths if key not in WHOLE_COLUMNS]
    while room < MAIN_MIN_WIDTH:
        widest = max(cuttable, key=lambda k: widths[k], default=None)
        if widest is None or widths[widest] <= CUT_MIN_WIDTH:
            break
        widths[widest] -= 1
        room += 1
    widths[main] = max(room, min(MAIN_MIN_WIDTH, natural[main]), len(dict(COLUMNS[section])[main]))
    return widths


class ItemTable(DataTable[Any]):
    """The item table. Item keys live here, so a key typed in a form field never touches items."""

    BINDINGS = [
        Binding("a", "item('add')", "Add"),
        Binding("d", "item('duplicate')", "Duplicate", show=False),
        Binding("delete,x", "item('delete')", "Delete"),
        Binding("r", "item('rename')", "Rename id"),
        Binding("shift+up,left_square_bracket", "item('up')", "Move up", show=False),
        Binding("shift+down,right_square_bracket", "item('down')", "Move down", show=False),
    ]

    def action_item(self, action: str) -> None:
        stage = next((a for a in self.ancestors if isinstance(a, ItemStage)), None)
        if stage is not None:
            stage.action_item(action)


class ItemStage(Vertical):
    """Items of one section. Posts messages; the editor screen changes the state."""

    @dataclass
    class FieldChanged(Message):
        section: str
        index: int
        key: str
        value: Any

    @dataclass
    class ItemAction(Message):
        section: str
        action: str  # add | duplicate | delete | rename | up | down
        index: int | None

    @dataclass
    class Renamed(Message):
        section: str
        index: int
        old: str
        new: str

    def __init__(self, section: str, framework: Framework, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.section = section
        self.framework = framework
        # The design's `course.language`: outcomes are read with that language's wording data.
        self.language: str | None = None
        self.items: list[Any] = []
        self.index: int | None = None
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.findings: list[Finding] = []
        # Set when a validation arrived while another stage was shown.
        self.stale = False
        self._widths: dict[str, int] | None = None  # the table's column widths, once built
        # What each reference checklist was last filled with: (choices, chosen ids).
        self._references: dict[str, tuple[list[tuple[str, str]], set[str]]] = {}

    # Layout
    def compose(self) -> ComposeResult:
        yield Static(INTRO[self.section], classes="stage-intro")
        yield Static("", id=f"{self.section}-live", classes="live")
        with Horizontal(classes="toolbar"):
            for action, label in (
                ("add", "+ Add"),
                ("duplicate", "Duplicate"),
                ("delete", "Delete"),
                ("up", "↑"),
                ("down", "↓"),
                ("rename", "Rename id"),
            ):
                yield Button(label, id=f"{self.section}-btn-{action}", classes="tool", compact=True)
        # Columns are added by refresh_table, sized to the width the table gets.
        yield ItemTable(
            id=f"{self.section}-table", cursor_type="row", zebra_stripes=True, cell_padding=0, classes="items"
        )
        with Horizontal(classes="lower"):
            with VerticalScroll(id=f"{self.section}-form", classes="item-form"):
                yield Static("", id=f"{self.section}-empty", classes="hint")
                for spec in ITEM_FIELDS[self.section]:
                    with Horizontal(classes="field-row", id=f"{self.section}-row-{spec.key}"):
                        yield Label(spec.label, classes="field-label")
                        yield self._widget(spec)
                    if spec.key == "statement":
                        yield Static("", id="outcome-verb", classes="hint")
            yield FindingsList(
                id=f"{self.section}-findings", classes="stage-findings", empty_text="No findings in this stage."
            )

    def _choices(self, spec: FieldSpec) -> list[tuple[str, Any]] | None:
        if not spec.kind.startswith("select:"):
            return None
        return [(v, v) for v in self.framework.vocabulary(spec.kind.split(":", 1)[1])]

    def _widget(self, spec: FieldSpec) -> Widget:
        return field_widget(spec, f"{self.section}-{spec.key}", self._choices(spec))

    def use_framework(self, framework: Framework) -> None:
        """Offer the methods, modes and activities of a newly chosen framework (a custom one may add some)."""
        if framework is self.framework:
            return
        self.framework = framework
        for spec in ITEM_FIELDS[self.section]:
            choices = self._choices(spec)
            if choices is not None:
                refill_select(self.query_one(f"#{self.section}-{spec.key}"), choices)

    # Loading from the state
    def load(
        self,
        items: list[Any],
        options: dict[str, list[tuple[str, str]]],
        framework: Framework,
        index: int | None,
        findings: list[Finding],
    ) -> None:
        """Show the items; `options` holds (id, label) choices per referenced section."""
        self.use_framework(framework)
        self.items = items
        self.options = options
        if index is None and items:
            index = 0
        self.index = min(index, len(items) - 1) if index is not None and items else None
        self.refresh_table(findings)
        self.load_form()

    def _worst(self) -> dict[int, str]:
        order = ("error", "warning", "info")
        worst: dict[int, str] = {}
        for finding in self.findings:
            if len(finding.node) >= 2 and finding.node[0] == self.section and isinstance(finding.node[1], int):
                i = finding.node[1]
                current = worst.get(i)
                if current is None or order.index(finding.severity.value) < order.index(current):
                    worst[i] = finding.severity.value
        return worst

    def _texts(self, index: int) -> dict[str, str]:
        """One row's cells as uncut text."""
        item = self.items[index] if isinstance(self.items[index], dict) else {}
        texts = {}
        for key, _ in COLUMNS[self.section]:
            if key == "bloom":
                verb = self.framework.leading_verb(str(item.get("statement") or ""), self.language)
                texts[key] = verb.level.label if verb else "—"
            elif key == "weight" and item.get("grading") == PASS_FAIL:
                texts[key] = "pass/fail"
            else:
                texts[key] = cell_text(item.get(key))
        return texts

    def _cells(self, index: int, worst: dict[int, str], widths: dict[str, int]) -> list[Any]:
        cells: list[Any] = [Text(*_MARK[worst[index]]) if index in worst else Text("✓", style="green")]
        for key, text in self._texts(index).items():
            cells.append(Text("—", style="dim") if key == "bloom" and text == "—" else _cut(text, widths[key]))
        return cells

    def _column_widths(self) -> dict[str, int]:
        table = self.query_one(f"#{self.section}-table", DataTable)
        # The table's width less the vertical scrollbar's column, which is always reserved (app.tcss).
        # Before the first layout the table has no width yet: _fit_columns runs again after it.
        available = (table.size.width or 96) - 1
        texts = [self._texts(i) for i in range(len(self.items))]
        return column_widths(self.section, texts, available)

    def refresh_table(self, findings: list[Finding]) -> None:
        """Rebuild the table (after items were added, removed or moved, or the width changed)."""
        self.findings = findings
        self.stale = False
        table = self.query_one(f"#{self.section}-table", DataTable)
        worst = self._worst()
        cursor = self.index if self.index is not None else 0
        widths = self._column_widths()
        self._widths = widths
        # The rebuild moves the cursor through row 0; that is not the user choosing another item.
        with table.prevent(DataTable.RowHighlighted):
            table.clear(columns=True)
            table.add_column(" ", key="mark", width=1 + COLUMN_GAP)
            for key, label in COLUMNS[self.section]:
                table.add_column(_cut(label, widths[key]), key=key, width=widths[key] + COLUMN_GAP)
            for i in range(len(self.items)):
                table.add_row(*self._cells(i, worst, widths), key=str(i))
            if self.items:
                table.move_cursor(row=min(cursor, len(self.items) - 1), animate=False)
        self.query_one(f"#{self.section}-findings", FindingsList).show(findings)
        self.update_live()
        if not table.size.width:
            self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        """Rebuild the table when the width it has calls for other column widths."""
        if self._widths is not None and self._column_widths() != self._widths:
            self.refresh_table(self.findings)

    def on_resize(self, event: Resize) -> None:
        self._fit_columns()

    def show_findings(self, findings: list[Finding]) -> None:
        """Repaint marks and the findings list after a validation, without rebuilding rows."""
        table = self.query_one(f"#{self.section}-table", DataTable)
        if table.row_count != len(self.items):
            self.refresh_table(findings)
            return
        old = self._worst()
        self.findings = findings
        self.stale = False
        worst = self._worst()
        for i in set(old) | set(worst):
            if i < table.row_count and old.get(i) != worst.get(i):
                mark = Text(*_MARK[worst[i]]) if i in worst else Text("✓", style="green")
                table.update_cell(str(i), "mark", mark)
        self.query_one(f"#{self.section}-findings", FindingsList).show(findings)
        self.update_live()

    def update_row(self, index: int) -> None:
        """Repaint one row after one of its fields changed."""
        table = self.query_one(f"#{self.section}-table", DataTable)
        if index >= table.row_count:
            self.refresh_table(self.findings)
            return
        widths = self._column_widths()
        if widths != self._widths:
            self.refresh_table(self.findings)  # the new value changes what fits
            return
        cells = self._cells(index, self._worst(), widths)
        for (key, _), value in zip(COLUMNS[self.section], cells[1:], strict=True):
            table.update_cell(str(index), key, value)
        self.update_live()

    def load_form(self) -> None:
        empty = self.index is None
        self.query_one(f"#{self.section}-empty", Static).update(
            f"No {KIND[self.section]} yet. Press [b]a[/b] or + Add to write the first one." if empty else ""
        )
        item = self.items[self.index] if self.index is not None else {}
        item = item if isinstance(item, dict) else {}
        for spec in ITEM_FIELDS[self.section]:
            row = self.query_one(f"#{self.section}-row-{spec.key}")
            row.display = not empty
            widget = self.query_one(f"#{self.section}-{spec.key}")
            value = item.get(spec.key)
            with widget.prevent(Input.Changed, Select.Changed, TextArea.Changed, SelectionList.SelectedChanged):
                if isinstance(widget, SelectionList):
                    target = spec.kind.split(":", 1)[1]
                    chosen = {str(v) for v in value or []}
                    choices = self.options.get(target, [])
                    if self._references.get(spec.key) == (choices, chosen):
                        continue  # unchanged: keep the highlighted choice where it is
                    self._references[spec.key] = (choices, chosen)
                    widget.clear_options()
                    widget.add_options([(label, ident, ident in chosen) for ident, label in choices])
                    missing = sorted(chosen - {ident for ident, _ in choices})
                    widget.add_options([(f"{ident}  (no such item)", ident, True) for ident in missing])
                else:
                    show_in(widget, value)
        verb = self.query("#outcome-verb")
        if verb:
            verb.first(Static).display = not empty
        self.update_live()

    def update_live(self) -> None:
        """The live line: verb and Bloom level, weight total, checkpoint count or hours by mode."""
        live = self.query_one(f"#{self.section}-live", Static)
        items = [i for i in self.items if isinstance(i, dict)]
        if self.section == "summative":
            # As AL006 sums them: pass-fail parts carry no weight.
            total, adds_up = self.framework.weights_total(
                i.get("weight") for i in items if i.get("grading") != PASS_FAIL
            )
            style = "green" if adds_up else "yellow"
            target = fmt(self.framework.alignment.weight_total)
            live.update(Text.assemble(("Weights ", "bold"), (f"{fmt(total)} / {target}", style)))
        elif self.section == "formative":
            live.update(Text.assemble(("Checkpoints ", "bold"), str(len(items))))
        elif self.section == "content":
            hours: dict[str, float] = {}
            for i in items:
                if isinstance(i.get("hours"), int | float):
                    hours[str(i.get("mode") or "?")] = hours.get(str(i.get("mode") or "?"), 0.0) + float(i["hours"])
            live.update(" · ".join(f"{mode} {fmt(h)} h" for mode, h in sorted(hours.items())) or "")
        else:
            live.update(Text.assemble(("Outcomes ", "bold"), str(len(items))))
        if self.section == "outcomes":
            self.show_verb()

    def show_verb(self, statement: str | None = None) -> None:
        """Detected verb, Bloom level and better verbs for the outcome being edited."""
        hint = self.query_one("#outcome-verb", Static)
        if statement is None:
            item = self.items[self.index] if self.index is not None and self.index < len(self.items) else {}
            statement = str(item.get("statement") or "") if isinstance(item, dict) else ""
        fw = self.framework
        text = Text()
        if not statement.strip():
            hint.update(
                Text("Start with a measurable verb: identify, explain, apply, analyse, evaluate, design…", style="dim")
            )
            return
        reading = fw.reading(statement, self.language)
        if reading is None:
            code = fw.language(self.language)
            hint.update(Text(f"Outcome wording is not checked for language {code} (no wording data).", style="dim"))
            return
        verb, vague = reading.verb, reading.vague
        if verb:
            text.append("Verb ", style="bold")
            text.append(verb.verb, style="bold green")
            text.append(f" · Bloom {verb.level.rank} {verb.level.label}")
        elif reading.unlisted and not vague:
            text.append("Verb ", style="bold")
            text.append(reading.unlisted, style="bold")
            text.append(" · not in the Bloom lists, so its level is not known")
        elif not vague:
            text.append("No measurable verb at the start", style="bold yellow")
        if vague:
            better = ", ".join(fw.suggestions(vague.suggest, self.language))
            text.append(f"'{vague.phrase}' is not measurable; try {better}", style="yellow")
        elif not verb and not reading.unlisted:
            wording = fw.wording(self.language)
            firsts = [w[0] for w in wording.verbs.values() if w] if wording is not None else []
            text.append(f"\nTry: {', '.join(firsts)}", style="dim")
        if reading.compound:
            text.append(
                f"\n{len(reading.actions)} actions ({', '.join(reading.actions)}): split into one outcome each",
                style="yellow",
            )
        hint.update(text)

    # Events
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is None or event.row_key.value is None:
            return
        index = int(event.row_key.value)
        if index != self.index:
            self.index = index
            self.load_form()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # A checklist reached with Tab highlights its first choice, so Space ticks it.
        widget = event.widget
        if isinstance(widget, SelectionList) and widget.highlighted is None and widget.option_count:
            widget.highlighted = 0

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        if self.index is not None:
            self.focus_field("statement" if self.section == "outcomes" else "title")

    def focus_field(self, key: str) -> None:
        widgets = self.query(f"#{self.section}-{key}")
        if widgets:
            widget = widgets.first()
            widget.focus()
            widget.scroll_visible()

    def select_index(self, index: int) -> None:
        table = self.query_one(f"#{self.section}-table", DataTable)
        if 0 <= index < table.row_count:
            table.move_cursor(row=index, animate=False)
            self.index = index
            self.load_form()

    def action_item(self, action: str) -> None:
        self.post_message(self.ItemAction(self.section, action, self.index))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        prefix = f"{self.section}-btn-"
        if event.button.id and event.button.id.startswith(prefix):
            event.stop()
            self.action_item(event.button.id.removeprefix(prefix))

    def _spec_for(self, widget_id: str | None) -> FieldSpec | None:
        key = (widget_id or "").removeprefix(f"{self.section}-")
        return next((s for s in ITEM_FIELDS[self.section] if s.key == key), None)

    def _post(self, spec: FieldSpec, value: Any) -> None:
        if self.index is not None:
            self.post_message(self.FieldChanged(self.section, self.index, spec.key, value))

    def on_input_changed(self, event: Input.Changed) -> None:
        spec = self._spec_for(event.input.id)
        if spec is None or spec.kind == "id":
            return
        event.stop()
        if spec.kind in ("int", "number"):
            value = parse_number(event.value, integer=spec.kind == "int")
            if value is None and event.value.strip():
                return
            self._post(spec, value)
        else:
            self._post(spec, event.value.strip() or None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        spec = self._spec_for(event.input.id)
        if spec is not None and spec.kind == "id":
            event.stop()
            self._commit_id(event.value)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        spec = self._spec_for(event.input.id)
        if spec is not None and spec.kind == "id":
            self._commit_id(event.value)

    def _commit_id(self, value: str) -> None:
        if self.index is None:
            return
        item = self.items[self.index] if isinstance(self.items[self.index], dict) else {}
        old = str(item.get("id") or "")
        new = value.strip()
        if new and new != old:
            self.post_message(self.Renamed(self.section, self.index, old, new))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        spec = self._spec_for(event.text_area.id)
        if spec is None:
            return
        event.stop()
        text = " ".join(event.text_area.text.split())
        if spec.key == "statement":
            self.show_verb(text)
        self._post(spec, text or None)

    def on_select_changed(self, event: Select.Changed) -> None:
        spec = self._spec_for(event.select.id)
        if spec is None:
            return
        event.stop()
        self._post(spec, None if event.value is Select.NULL else event.value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        spec = self._spec_for(event.selection_list.id)
        if spec is None:
            return
        event.stop()
        # Keep the order of the choices, not the order of clicks.
        chosen = set(event.selection_list.selected)
        ordered = [ident for ident, _ in self.options.get(spec.kind.split(":", 1)[1], []) if ident in chosen]
        ordered += sorted(chosen - set(ordered))
        self._post(spec, ordered)
