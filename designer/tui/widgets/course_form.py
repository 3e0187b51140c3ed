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
from designer.tui.widgets.fields import (
    COURSE_FIELDS,
    FieldSpec,
    bodies_text,
    field_widget,
    parse_bodies,
    parse_number,
    refill_select,
    show_in,
)
from designer.tui.widgets.stepper import stage_heading
from designer.tui.widgets.workload import WorkloadBar


def eqf_options(framework: Framework) -> list[tuple[str, int]]:
    return [(f"EQF {level}", level) for level in sorted(framework.eqf_levels)]


def descriptor_text(framework: Framework, level: Any) -> str:
    entry = framework.eqf_levels.get(level) if isinstance(level, int) else None
    if not entry:
        return "Choose the EQF level to see its descriptor."
    expected = framework.expected_bloom(level)
    lines = []
    if expected:
        lines.append(f"Expects an outcome at Bloom {expected.label}")
    lines += [
        f"K: {entry.knowledge}",
        f"S: {entry.skills}",
        f"R&A: {entry.responsibility_autonomy}",
    ]
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

    def _choices(self, spec: FieldSpec) -> list[tuple[str, Any]] | None:
        if not spec.kind.startswith("select:"):
            return None
        vocab = spec.kind.split(":", 1)[1]
        if vocab == "eqf":
            return list(eqf_options(self.framework))
        if vocab == "framework":
            return [(ident, ident) for ident in builtin_ids()]
        return [(v, v) for v in self.framework.vocabulary(vocab)]

    def _widget(self, spec: FieldSpec) -> Widget:
        return field_widget(spec, f"course-{spec.key}", self._choices(spec))

    def use_framework(self, framework: Framework) -> None:
        """Offer the choices of a newly chosen framework (a custom one may add levels or values)."""
        if framework is self.framework:
            return
        self.framework = framework
        for spec in COURSE_FIELDS:
            choices = self._choices(spec)
            if choices is not None and spec.key != "framework":
                refill_select(self.query_one(f"#course-{spec.key}"), choices)
        level = self.query_one("#course-eqf_level", Select).value
        self.query_one("#eqf-descriptor", Static).update(descriptor_text(framework, level))

    def compose(self) -> ComposeResult:
        yield Static(
            stage_heading("course") + " — the EU minimum information, level and workload.", classes="stage-intro"
        )
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
        self._course = dict(course) if isinstance(course, dict) else {}
        self.use_framework(framework)
        for spec in COURSE_FIELDS:
            widget = self.query_one(f"#course-{spec.key}")
            value = self._course.get(spec.key)
            with widget.prevent(Input.Changed, Select.Changed, TextArea.Changed):
                custom_framework = spec.key == "framework" and isinstance(value, str) and value not in builtin_ids()
                if isinstance(widget, Select) and custom_framework:
                    widget.set_options([*((i, i) for i in builtin_ids()), (str(value), value)])
                if spec.kind == "bodies":
                    value = bodies_text(value)
                elif spec.kind == "list":
                    value = ", ".join(str(v) for v in value or [])
                show_in(widget, value)
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
