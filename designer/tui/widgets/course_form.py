"""Stage 1 of the walk's metadata: the course form (EU minimum information, level, workload)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from designer.frameworks import Framework, builtin_ids
from designer.tui.widgets.fields import COURSE_FIELDS, FieldSpec, bodies_text, parse_bodies, parse_number, show_value
from designer.tui.widgets.workload import WorkloadBar


def eqf_options(framework: Framework) -> list[tuple[str, int]]:
    return [(f"EQF {level}", level) for level in sorted(framework.eqf_levels)]


def descriptor_text(framework: Framework, level: Any) -> str:
    entry = framework.eqf_levels.get(level) if isinstance(level, int) else None
    if not entry:
        return "Choose the EQF level to see its descriptor."
    expected = framework.expected_bloom(level)
    lines = [
        f"Knowledge: {entry['knowledge']}",
        f"Skills: {entry['skills']}",
        f"Responsibility and autonomy: {entry['responsibility_autonomy']}",
    ]
    if expected:
        lines.append(f"Expects at least one outcome at Bloom level {expected.label}.")
    return "\n".join(lines)


class CourseForm(VerticalScroll):
    """The course metadata form. Posts FieldChanged; never touches the state itself."""

    @dataclass
    class FieldChanged(Message):
        path: tuple[str | int, ...]
        value: Any

    def __init__(self, framework: Framework, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.framework = framework
        self._course: dict[str, Any] = {}

    def _widget(self, spec: FieldSpec) -> Widget:
        wid = f"course-{spec.key}"
        if spec.kind == "long":
            return TextArea(id=wid, soft_wrap=True, compact=True, classes="long")
        if spec.kind.startswith("select:"):
            vocab = spec.kind.split(":", 1)[1]
            options: list[tuple[str, Any]]
            if vocab == "eqf":
                options = eqf_options(self.framework)
            elif vocab == "framework":
                options = [(ident, ident) for ident in builtin_ids()]
            else:
                options = [(v, v) for v in self.framework.vocabulary(vocab)]
            return Select(options, id=wid, compact=True, prompt=f"Choose {spec.label.lower()}")
        kind = {"number": "number"}.get(spec.kind, "text")
        return Input(id=wid, compact=True, type=kind, placeholder=spec.help or spec.label)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        yield Static("[b]Course[/b] — the EU minimum information, level and workload.", classes="stage-intro")
        for spec in COURSE_FIELDS:
            with Horizontal(classes="field-row"):
                yield Label(spec.label, classes="field-label")
                yield self._widget(spec)
            if spec.key == "eqf_level":
                yield Static(descriptor_text(self.framework, None), id="eqf-descriptor", classes="hint")
            if spec.key == "ects":
                yield WorkloadBar(id="course-budget", classes="hint")

    def load(self, course: Any, framework: Framework) -> None:
        """Fill the form from the design (without posting changes back)."""
        self.framework = framework
        self._course = dict(course) if isinstance(course, dict) else {}
        for spec in COURSE_FIELDS:
            widget = self.query_one(f"#course-{spec.key}")
            value = self._course.get(spec.key)
            with widget.prevent(Input.Changed, Select.Changed, TextArea.Changed):
                if isinstance(widget, TextArea):
                    widget.text = show_value(value)
                elif isinstance(widget, Select):
                    if spec.key == "framework" and isinstance(value, str) and value not in builtin_ids():
                        widget.set_options([*((i, i) for i in builtin_ids()), (value, value)])
                    try:
                        widget.value = value if value is not None else Select.NULL
                    except Exception:  # a value outside the vocabulary: the rules report it
                        widget.value = Select.NULL
                elif isinstance(widget, Input):
                    if spec.kind == "bodies":
                        widget.value = bodies_text(value)
                    elif spec.kind == "list":
                        widget.value = ", ".join(str(v) for v in value or [])
                    else:
                        widget.value = show_value(value)
        self.query_one("#eqf-descriptor", Static).update(descriptor_text(framework, self._course.get("eqf_level")))

    def _spec(self, widget_id: str | None) -> FieldSpec | None:
        key = (widget_id or "").removeprefix("course-")
        return next((s for s in COURSE_FIELDS if s.key == key), None)

    def on_input_changed(self, event: Input.Changed) -> None:
        spec = self._spec(event.input.id)
        if spec is None:
            return
        event.stop()
        value: Any
        if spec.kind == "number":
            value = parse_number(event.value)
            if value is None and event.value.strip():
                return  # half-typed number: wait for more
        elif spec.kind == "bodies":
            self.post_message(
                self.FieldChanged(
                    ("course", "awarding_bodies"), parse_bodies(event.value, self._course.get("awarding_bodies"))
                )
            )
            return
        elif spec.kind == "list":
            value = [part.strip() for part in event.value.split(",") if part.strip()] or None
        else:
            value = event.value.strip() or None
        self.post_message(self.FieldChanged(("course", spec.key), value))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        spec = self._spec(event.text_area.id)
        if spec is None:
            return
        event.stop()
        self.post_message(self.FieldChanged(("course", spec.key), " ".join(event.text_area.text.split()) or None))

    def on_select_changed(self, event: Select.Changed) -> None:
        spec = self._spec(event.select.id)
        if spec is None:
            return
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if spec.key == "eqf_level":
            self.query_one("#eqf-descriptor", Static).update(descriptor_text(self.framework, value))
        self.post_message(self.FieldChanged(("course", spec.key), value))
