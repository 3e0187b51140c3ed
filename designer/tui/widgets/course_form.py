"""Stage 1 of the walk's metadata: the course form (EU minimum information, level, workload)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from designer.frameworks import Framework, builtin_ids
from designer.frameworks.labels import load_labels
from designer.tui.catalogue import CatalogueChoices
from designer.tui.widgets.fields import (
    COURSE_FIELDS,
    FieldSpec,
    bodies_text,
    course_value,
    field_path,
    field_widget,
    parse_bodies,
    parse_number,
    refill_select,
    show_in,
)
from designer.tui.widgets.stepper import stage_heading
from designer.tui.widgets.workload import WorkloadBar


def widget_id(spec: FieldSpec) -> str:
    """`course-title`; `course-approval-status` for a dotted key (ids cannot hold dots)."""
    return "course-" + spec.key.replace(".", "-")


def vocabulary_options(framework: Framework, vocabulary: str) -> list[tuple[str, str]]:
    """A vocabulary's codes as a select offers them: by their English label, the code kept as the value."""
    labels = load_labels()
    return [(labels.label(vocabulary, code), code) for code in framework.vocabulary(vocabulary)]


def eqf_options(framework: Framework) -> list[tuple[str, int]]:
    return [(f"EQF {level}", level) for level in sorted(framework.eqf_levels)]


# How long a course's or stack's title may be in a checklist before it is cut.
TITLE_WIDTH = 60


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TITLE_WIDTH else text[: TITLE_WIDTH - 1] + "…"


def catalogue_options(part: str, choices: CatalogueChoices, own_code: str | None) -> list[tuple[str, str, str]]:
    """(id, label, about) for each course (but the design's own) or stack of the catalogue, as a checklist offers them.

    A course's label shows its code, EQF level and title, a stack's its id and title, lined up
    and cut to one line; `about` says the same uncut, for the line under the list.
    """
    if part == "courses":
        courses = [course for course in choices.courses if course.code != own_code]
        width = max((len(course.code) for course in courses), default=0)
        options = []
        for course in courses:
            level = f"EQF {course.eqf_level}" if course.eqf_level else "EQF ?"
            title = " ".join((course.title or "(no title)").split())
            options.append(
                (
                    course.code,
                    f"{course.code.ljust(width)}  {level}  {_short(title)}",
                    f"{course.code} · {level} · {title}",
                )
            )
        return options
    width = max((len(stack.id) for stack in choices.stacks), default=0)
    return [
        (
            stack.id,
            f"{stack.id.ljust(width)}  {_short(stack.title)}",
            f"{stack.id} · {' '.join((stack.title or '(no title)').split())}",
        )
        for stack in choices.stacks
    ]


def unknown_about(part: str, ident: str, own_code: str | None) -> tuple[str, str]:
    """(the mark after it, what the line under the list says) for a code or stack id the catalogue does not have."""
    if part == "courses" and ident == own_code:
        return "this course", f"{ident} is this course's own code: a course cannot be its own prerequisite."
    if part == "courses":
        return "not in the catalogue", (
            f"{ident}: no design in this catalogue has this code. Untick it, or add the course's design to the catalogue."
        )
    return "not in the catalogue", f"{ident}: catalogue.yaml has no stack with this id. Untick it, or add the stack."


def code_list(value: Any) -> list[str]:
    """A design's list of codes or stack ids as text (anything else the rules report)."""
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [] if value is None else [str(value)]


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
    """The course metadata form. Posts FieldChanged; never touches the state itself.

    Prerequisite courses and stacks (`codes:` fields) have two widgets each: a checklist of the
    catalogue's courses or stacks, shown when the design lies in a catalogue, and a
    comma-separated input, shown when it does not.
    """

    @dataclass
    class FieldChanged(Message):
        path: tuple[str | int, ...]
        value: Any

    def __init__(self, framework: Framework, in_catalogue: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.framework = framework
        self.in_catalogue = in_catalogue
        self._course: dict[str, Any] = {}
        self.choices: CatalogueChoices | None = None
        # The codes each `codes:` field holds now (kept as the user ticks) and what its checklist last showed.
        self._codes: dict[str, list[str]] = {}
        self._listed: dict[str, list[tuple[str | Text, str, bool]]] = {}
        # Each choice's full text, for the line under a focused checklist.
        self._about: dict[str, dict[str, str]] = {}

    def _choices(self, spec: FieldSpec) -> list[tuple[str, Any]] | None:
        if not spec.kind.startswith("select:"):
            return None
        vocab = spec.kind.split(":", 1)[1]
        if vocab == "eqf":
            return list(eqf_options(self.framework))
        if vocab == "framework":
            return [(ident, ident) for ident in builtin_ids()]
        return list(vocabulary_options(self.framework, vocab))

    def _widget(self, spec: FieldSpec) -> Widget:
        return field_widget(spec, widget_id(spec), self._choices(spec))

    def use_framework(self, framework: Framework) -> None:
        """Offer the choices of a newly chosen framework (a custom one may add levels or values)."""
        if framework is self.framework:
            return
        self.framework = framework
        for spec in COURSE_FIELDS:
            choices = self._choices(spec)
            if choices is not None and spec.key != "framework":
                refill_select(self.query_one(f"#{widget_id(spec)}"), choices)
        level = self.query_one("#course-eqf_level", Select).value
        self.query_one("#eqf-descriptor", Static).update(descriptor_text(framework, level))

    def compose(self) -> ComposeResult:
        yield Static(
            stage_heading("course") + " — the EU minimum information, level and workload.", classes="stage-intro"
        )
        for spec in COURSE_FIELDS:
            with Horizontal(classes="field-row"):
                yield Label(spec.label, classes="field-label")
                widget = self._widget(spec)
                if spec.kind.startswith("codes:"):
                    widget.display = not self.in_catalogue
                    yield widget
                    checklist = SelectionList[str](id=f"course-{spec.key}-choices", classes="refs codes", compact=True)
                    checklist.display = self.in_catalogue
                    yield checklist
                else:
                    yield widget
            if spec.kind.startswith("codes:"):
                about = Static("", id=f"course-{spec.key}-about", classes="hint about")
                about.display = False
                yield about
            if spec.key == "eqf_level":
                yield Static(descriptor_text(self.framework, None), id="eqf-descriptor", classes="hint")
            if spec.key == "ects":
                yield WorkloadBar(id="course-budget", classes="hint")

    def load(self, course: Any, framework: Framework) -> None:
        """Fill the form from the design (without posting changes back)."""
        self._course = dict(course) if isinstance(course, dict) else {}
        self.use_framework(framework)
        for spec in COURSE_FIELDS:
            widget = self.query_one(f"#{widget_id(spec)}")
            value = course_value(self._course, spec)
            with widget.prevent(Input.Changed, Select.Changed, TextArea.Changed):
                custom_framework = spec.key == "framework" and isinstance(value, str) and value not in builtin_ids()
                if isinstance(widget, Select) and custom_framework:
                    widget.set_options([*((i, i) for i in builtin_ids()), (str(value), value)])
                if spec.kind == "bodies":
                    value = bodies_text(value)
                elif spec.kind.startswith("codes:"):
                    self._codes[spec.key] = code_list(value)
                    value = ", ".join(self._codes[spec.key])
                show_in(widget, value)
        self.query_one("#eqf-descriptor", Static).update(descriptor_text(framework, self._course.get("eqf_level")))
        self._fill_checklists()

    # The catalogue's checklists
    def use_catalogue(self, in_catalogue: bool, choices: CatalogueChoices | None) -> None:
        """Show the checklists inside a catalogue (offering `choices`, once known) and the inputs outside one."""
        self.in_catalogue = in_catalogue
        self.choices = choices if in_catalogue else None
        for spec in COURSE_FIELDS:
            if spec.kind.startswith("codes:"):
                self.query_one(f"#course-{spec.key}").display = not in_catalogue
                self.query_one(f"#course-{spec.key}-choices").display = in_catalogue
        self._fill_checklists()

    def _fill_checklists(self) -> None:
        """Offer the catalogue's courses (but this one) or stacks, with the design's own ticked.

        A code the catalogue does not know stays, ticked and marked, until the user unticks it:
        the catalogue rules report it, and nothing the design says is dropped behind its back.
        """
        if not self.in_catalogue:
            return
        own = self._course.get("code")
        own_code = str(own) if own is not None else None
        for spec in COURSE_FIELDS:
            if spec.kind.startswith("codes:"):
                self._fill_checklist(spec.key, spec.kind.split(":", 1)[1], own_code)

    def _fill_checklist(self, key: str, part: str, own_code: str | None) -> None:
        chosen = self._codes.get(key, [])
        offered = catalogue_options(part, self.choices, own_code) if self.choices is not None else []
        known = {ident for ident, _, _ in offered}
        about: dict[str, str] = {}
        # What the catalogue does not offer comes first, so it is seen without scrolling.
        listed: list[tuple[str | Text, str, bool]] = []
        for ident in chosen:
            if ident in known or ident in about:
                continue
            if self.choices is None:
                listed.append((ident, ident, True))  # the catalogue is still being read
                about[ident] = ident
            else:
                mark, about[ident] = unknown_about(part, ident, own_code)
                listed.append((Text(f"{ident}  ({mark})", style="bold yellow"), ident, True))
        for ident, label, text in offered:
            listed.append((label, ident, ident in chosen))
            about[ident] = text
        self._about[key] = about
        if self._listed.get(key) == listed:
            return  # unchanged: keep the highlighted choice where it is
        self._listed[key] = listed
        checklist = self.query_one(f"#course-{key}-choices", SelectionList)
        highlighted = checklist.highlighted
        with checklist.prevent(SelectionList.SelectedChanged):
            checklist.clear_options()
            checklist.add_options(listed)
        if highlighted is not None and checklist.option_count:
            checklist.highlighted = min(highlighted, checklist.option_count - 1)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # A checklist reached with Tab highlights its first choice, so Space ticks it (as in the item stages).
        widget = event.widget
        if isinstance(widget, SelectionList) and widget.highlighted is None and widget.option_count:
            widget.highlighted = 0
        if isinstance(widget, SelectionList):
            self._show_about(widget)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if isinstance(event.widget, SelectionList):
            self._show_about(event.widget, shown=False)

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        event.stop()
        self._show_about(event.selection_list)

    def _show_about(self, checklist: SelectionList[Any], shown: bool = True) -> None:
        """Under a focused checklist, the highlighted choice in full: the title its one line cuts, or why it is marked."""
        key = (checklist.id or "").removeprefix("course-").removesuffix("-choices")
        lines = self.query(f"#course-{key}-about")
        if not lines:
            return
        line = lines.first(Static)
        index = checklist.highlighted
        text = ""
        if shown and index is not None and index < checklist.option_count:
            text = self._about.get(key, {}).get(str(checklist.get_option_at_index(index).value), "")
        line.update(text)
        line.display = bool(text)

    def focus_field(self, key: str) -> None:
        """Put the cursor on a field (the checklist or the input of a `codes:` field, whichever shows)."""
        key = key.replace(".", "-")
        targets = self.query(f"#course-{key}-choices" if self.in_catalogue else f"#course-{key}")
        if not targets:
            targets = self.query(f"#course-{key}")
        if targets:
            targets.first().focus()
            targets.first().scroll_visible()

    def _spec(self, ident: str | None) -> FieldSpec | None:
        return next((s for s in COURSE_FIELDS if widget_id(s) == ident), None)

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
        elif spec.kind.startswith("codes:"):
            self._codes[spec.key] = [part.strip() for part in event.value.split(",") if part.strip()]
            value = self._codes[spec.key] or None
        else:
            value = event.value.strip() or None
            if spec.key == "code":
                self._course["code"] = value
                self._fill_checklists()  # a course is never its own prerequisite
        self.post_message(self.FieldChanged(field_path(spec), value))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        key = (event.selection_list.id or "").removeprefix("course-").removesuffix("-choices")
        spec = self._spec(f"course-{key}")
        if spec is None or not spec.kind.startswith("codes:"):
            return
        event.stop()
        # What the design lists keeps its order (a save changes only what changed); new ticks follow it.
        ticked = set(event.selection_list.selected)
        before = self._codes.get(key, [])
        codes = [code for code in before if code in ticked]
        codes += [ident for _, ident, _ in self._listed.get(key, []) if ident in ticked and ident not in codes]
        self._codes[key] = codes
        # Unticking the last one leaves an empty list where the design had one, so its line and comments stay.
        value: list[str] | None = codes if codes or key in self._course else None
        self.post_message(self.FieldChanged(("course", key), value))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        spec = self._spec(event.text_area.id)
        if spec is None:
            return
        event.stop()
        self.post_message(self.FieldChanged(field_path(spec), " ".join(event.text_area.text.split()) or None))

    def on_select_changed(self, event: Select.Changed) -> None:
        spec = self._spec(event.select.id)
        if spec is None:
            return
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if spec.key == "eqf_level":
            self.query_one("#eqf-descriptor", Static).update(descriptor_text(self.framework, value))
        self.post_message(self.FieldChanged(field_path(spec), value))
