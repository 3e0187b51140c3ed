"""The Review stage: alignment matrix, workload summary, every finding by stage, and render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from designer.model.figures import fmt

if TYPE_CHECKING:
    from designer.rules.base import Context
from designer.tui.state import STAGE_TITLES, EditorState
from designer.tui.widgets.findings import FindingsList
from designer.tui.widgets.stepper import stage_heading


def committee_lines(context: Context | None) -> Table | None:
    """What a committee reads off the design, worded as the specification words it (labels, not codes).

    `context` is the lint's, so the facts come from what the specification reads (its live items).
    """
    from designer.frameworks.labels import load_labels
    from designer.render.context import assessment_scheme

    if context is None:
        return None
    labels = load_labels()
    course = context.design.course

    rows = [
        ("grading", labels.optional_label("grading_scheme", assessment_scheme(context))),
        ("language", labels.optional_label("languages", course.language)),
        ("mode", labels.optional_label("participation", course.participation)),
        ("supervision", labels.optional_label("assessment_supervision", course.assessment_supervision)),
        ("approval", labels.optional_label("approval_status", course.approval.status if course.approval else None)),
    ]
    shown = [(name, value) for name, value in rows if value]
    if not shown:
        return None
    # A grid, so a long label wraps under itself, not under the names.
    table = Table.grid(padding=(0, 1), pad_edge=False)
    table.title = "For the committee"
    table.title_style = "bold"
    table.title_justify = "left"
    table.add_column(no_wrap=True)
    table.add_column()
    for name, value in shown:
        table.add_row(f" {name}", value)
    return table


class ReviewPane(Vertical):
    """Read-only overview; Enter on a finding jumps to it, on a matrix row to its outcome; buttons render."""

    @dataclass
    class RenderRequested(Message):
        fmt: str

    @dataclass
    class OutcomeChosen(Message):
        outcome: str

    def compose(self) -> ComposeResult:
        yield Static(
            stage_heading("review") + " — constructive alignment, workload and every finding.", classes="stage-intro"
        )
        with Horizontal(classes="toolbar"):
            yield Button("Render HTML", id="render-html", classes="tool", compact=True)
            yield Button("Render Markdown", id="render-md", classes="tool", compact=True)
            yield Static("", id="render-result", classes="live")
        yield DataTable(id="matrix", cursor_type="cell", classes="matrix")
        yield Static("", id="matrix-hint", classes="dialog-hint matrix-hint")
        with Horizontal(classes="lower"):
            with Vertical(classes="review-workload"):
                yield Static("", id="review-workload")
                yield Static("", id="review-committee")
            yield FindingsList(
                id="review-findings",
                classes="review-findings",
                empty_text="No findings: the design passes every check.",
            )

    def show(self, state: EditorState) -> None:
        """Repaint from the latest validation: the matrix is the alignment graph the rules read."""
        from designer.graph import matrix, of_kind

        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        context = state.validation.result.context if state.validation is not None else None
        columns: list[tuple[str, str]] = []
        rows: list[list[Any]] = []
        if context is not None:
            graph = context.graph
            for section in ("summative", "formative", "content"):
                columns += [
                    (section, n) for n in sorted(of_kind(graph, section), key=lambda n: graph.nodes[n]["index"])
                ]
            for line in matrix(graph):
                marks = [
                    Text("●", style="green") if ident in getattr(line, section) else Text("·", style="dim")
                    for section, ident in columns
                ]
                gap = (
                    Text("no " + ", ".join(line.gaps), style="bold red")
                    if line.gaps
                    else Text("aligned", style="green")
                )
                rows.append([Text(line.outcome, style="bold"), gap, *marks])
        # Fixed widths from the content: auto widths can be computed before the first layout.
        table.add_column("Outcome", key="outcome", width=max([7, *(len(r[0]) for r in rows)]))
        # Gaps come first: they are what a reviewer looks for, and wide matrices scroll.
        table.add_column("Gaps", key="gaps", width=max([7, *(len(r[1]) for r in rows)]))
        for section, ident in columns:
            table.add_column(ident, key=f"{section}:{ident}", width=max(3, len(ident)))
        for row in rows:
            table.add_row(*row, key=row[0].plain)
        counts = {
            name: sum(1 for section, _ in columns if section == name) for name in ("summative", "formative", "content")
        }
        self.query_one("#matrix-hint", Static).update(
            f"{counts['summative']} summative · {counts['formative']} formative · {counts['content']} content columns"
            + ("  — ← → scroll the matrix" if len(columns) > 10 else "")
        )
        workload = state.workload()
        lines = Text("Workload\n", style="bold")
        if workload is not None and not workload.known:
            lines.append(f"  {'total':<10} {workload.total_label()}\n", style="bold")
        elif workload is not None:
            for section, value in workload.parts.items():
                lines.append(f"  {section:<10} {fmt(value):>6} h\n")
            lines.append(f"  {'total':<10} {fmt(workload.total):>6} h\n", style="bold")
            if not workload.complete:
                lines.append(f"  {workload.coverage()}\n", style="dim")
            band = workload.band(dash="–")
            if band is not None:
                style = "green" if workload.position == "within" else "yellow"
                lines.append(f"  expected {band}\n", style=style)
        if state.framework is not None:
            lines.append(f"\nFramework: {state.framework.id}", style="dim")
        committee = committee_lines(context)
        self.query_one("#review-workload", Static).update(lines)
        self.query_one("#review-committee", Static).update(committee if committee is not None else "")
        groups = {
            STAGE_TITLES[stage]: state.findings(stage)
            for stage in ("course", "outcomes", "summative", "formative", "content", "review")
        }
        self.query_one("#review-findings", FindingsList).show([], groups=groups)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "matrix" and event.cell_key.row_key.value is not None:
            event.stop()
            self.post_message(self.OutcomeChosen(event.cell_key.row_key.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("render-html", "render-md"):
            event.stop()
            self.post_message(self.RenderRequested(event.button.id.removeprefix("render-")))

    def show_render_result(self, message: str) -> None:
        self.query_one("#render-result", Static).update(message)
