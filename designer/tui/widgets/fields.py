"""Field specs and converters shared by the course form and the item stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.widget import Widget


@dataclass(frozen=True)
class FieldSpec:
    """One editable field: its key, label and kind.

    kind: id | text | long | int | number | select:<vocabulary> | refs:<section> | codes:<catalogue part>

    `codes:courses` and `codes:stacks` name courses or stacks of the design's catalogue: ticked
    from a checklist inside a catalogue, typed as a comma-separated list outside one. A dotted key
    (`approval.status`) is a field of a mapping under the course.
    """

    key: str
    label: str
    kind: str = "text"
    help: str = ""


ITEM_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "outcomes": (
        FieldSpec("id", "Id", "id", "Enter to rename; references follow."),
        FieldSpec("statement", "Statement", "long", "Start with a measurable verb: what the learner can do."),
        FieldSpec("domain", "Domain", "select:domain"),
    ),
    "summative": (
        FieldSpec("id", "Id", "id", "Enter to rename; references follow."),
        FieldSpec("title", "Title"),
        FieldSpec("method", "Method", "select:summative_method"),
        FieldSpec("weight", "Weight %", "number"),
        FieldSpec("hours", "Hours", "number"),
        FieldSpec("week", "Week", "int"),
        FieldSpec("outcomes", "Assesses outcomes", "refs:outcomes"),
        FieldSpec("grading", "Grading", "select:grading", "Empty: graded. A pass-fail part carries no weight."),
        FieldSpec("criteria", "Criteria", "long", "How the work is judged: what passes, what earns the grade."),
        FieldSpec("description", "Description", "long"),
    ),
    "formative": (
        FieldSpec("id", "Id", "id", "Enter to rename; references follow."),
        FieldSpec("title", "Title"),
        FieldSpec("method", "Method", "select:formative_method"),
        FieldSpec("week", "Week", "int"),
        FieldSpec("hours", "Hours", "number"),
        FieldSpec("outcomes", "Checks outcomes", "refs:outcomes"),
        FieldSpec("prepares", "Prepares summative", "refs:summative"),
        FieldSpec("description", "Description", "long"),
    ),
    "content": (
        FieldSpec("id", "Id", "id", "Enter to rename; references follow."),
        FieldSpec("title", "Title"),
        FieldSpec("mode", "Mode", "select:content_mode"),
        FieldSpec("activity", "Activity", "select:content_activity"),
        FieldSpec("week", "Week", "int"),
        FieldSpec("hours", "Hours", "number"),
        FieldSpec("outcomes", "Serves outcomes", "refs:outcomes"),
        FieldSpec("checkpoints", "Prepares checkpoints", "refs:formative"),
        FieldSpec("description", "Description", "long"),
    ),
}

COURSE_FIELDS: tuple[FieldSpec, ...] = (
    # The EU minimum information first, so a new design sees what it must fill in.
    FieldSpec("title", "Title"),
    FieldSpec("code", "Code"),
    FieldSpec("awarding_bodies", "Awarded by", "bodies", "Name (CC); Name (CC) — CC is the ISO country code"),
    FieldSpec("eqf_level", "EQF level", "select:eqf"),
    FieldSpec("ects", "ECTS", "number"),
    FieldSpec("hours_per_ects", "Hours/ECTS", "number", "Empty: the framework's band"),
    FieldSpec("framework", "Framework", "select:framework"),
    FieldSpec("participation", "Participation", "select:participation"),
    FieldSpec("quality_assurance", "QA type", "long", "Type of quality assurance"),
    FieldSpec("summary", "Summary", "long"),
    FieldSpec("assessment_supervision", "Supervision", "select:assessment_supervision"),
    FieldSpec("language", "Language", help="ISO 639-1 code of the language of instruction, e.g. en"),
    # What a committee signs: the version, where it stands with the committee, and whom to ask.
    FieldSpec("edition", "Version", help="Edition or version of this design, e.g. 2026.1"),
    FieldSpec("approval.status", "Approval", "select:approval_status"),
    FieldSpec("approval.date", "Approval date", help="YYYY-MM-DD"),
    FieldSpec("approval.by", "Approved by", help="Committee or office that approves the design"),
    FieldSpec("contact.name", "Contact", help="Person or office that answers questions"),
    FieldSpec("contact.email", "Contact e-mail", help="name@example.org"),
    # What credential platforms read (ELM, Open Badges).
    FieldSpec("homepage", "Course page", help="https:// address of the course page for learners"),
    FieldSpec("isced_f", "ISCED-F field", help="ISCED-F 2013 field of education, 2-4 digits, e.g. 0413"),
    FieldSpec("learning_setting", "Setting", "select:learning_setting"),
    FieldSpec("prerequisites", "Prerequisites"),
    FieldSpec("prerequisite_courses", "Prior courses", "codes:courses", "Comma-separated course codes"),
    FieldSpec("stackability", "Stackability", "select:stackability"),
    FieldSpec("towards", "Stacks into", "codes:stacks", "Comma-separated credential names"),
    FieldSpec("further_information", "Further info"),
)


def field_path(spec: FieldSpec) -> tuple[str, ...]:
    """The design path of a course field: ("course", "approval", "status") for `approval.status`."""
    return ("course", *spec.key.split("."))


def course_value(course: Any, spec: FieldSpec) -> Any:
    """The value a course mapping holds for a field (None when it or a mapping on its way is absent)."""
    node = course
    for part in spec.key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def parse_number(text: str, integer: bool = False) -> int | float | None:
    """An Input's text as a number; None when empty or unreadable (the rules then say what is missing)."""
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if integer or number.is_integer():
        return int(number)
    return number


def show_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def bodies_text(bodies: Any) -> str:
    if not isinstance(bodies, list):
        return ""
    parts = []
    for body in bodies:
        if isinstance(body, dict):
            name = str(body.get("name") or "")
            country = str(body.get("country") or "")
            parts.append(f"{name} ({country})" if country else name)
    return "; ".join(parts)


def parse_bodies(text: str, existing: Any) -> list[dict[str, Any]]:
    """'Name (CC); Name (CC)' back into awarding bodies, keeping each known body's other keys (url)."""
    known = {str(b.get("name")): b for b in existing or [] if isinstance(b, dict)}
    bodies: list[dict[str, Any]] = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        name, country = part, None
        if part.endswith(")") and "(" in part:
            name, _, rest = part.rpartition("(")
            name, country = name.strip(), rest[:-1].strip() or None
        body: dict[str, Any] = {k: v for k, v in known.get(name, {}).items() if k not in ("name", "country")}
        entry: dict[str, Any] = {"name": name}
        if country:
            entry["country"] = country
        entry.update(body)
        bodies.append(entry)
    return bodies


_INPUT_TYPES = {"int": "integer", "number": "number"}


def field_widget(spec: FieldSpec, widget_id: str, choices: list[tuple[str, Any]] | None = None) -> Widget:
    """The editing widget for a field: text area, select (from `choices`), checklist or one-line input."""
    from textual.widgets import Select, SelectionList, TextArea

    from designer.tui.widgets.inputs import FieldInput

    if spec.kind == "long":
        return TextArea(id=widget_id, soft_wrap=True, compact=True, classes="long")
    if spec.kind.startswith("select:"):
        return Select(choices or [], id=widget_id, compact=True, prompt=f"Choose {spec.label.lower()}")
    if spec.kind.startswith("refs:"):
        return SelectionList[str](id=widget_id, classes="refs", compact=True)
    kind = _INPUT_TYPES.get(spec.kind, "text")
    return FieldInput(id=widget_id, compact=True, type=kind, placeholder=spec.help or spec.label)


def shows(widget: Widget, value: Any) -> bool:
    """Whether a field already shows `value` (as its Changed message would have stored it).

    Views reload from the design after structural changes and undo; a field that already shows the
    value is left alone, so its cursor stays put and keys typed into it that are still on their way
    are not overwritten.
    """
    from textual.widgets import Input, Select, TextArea

    if isinstance(widget, TextArea):
        return " ".join(widget.text.split()) == show_value(value)
    if isinstance(widget, Select):
        return widget.value == (value if value is not None else Select.NULL)
    if isinstance(widget, Input):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return parse_number(widget.value) == value
        return widget.value.strip() == show_value(value)
    return False


def show_in(widget: Widget, value: Any) -> None:
    """Put a design value into a text area, select or input (callers block the Changed messages).

    A field that already shows the value is left alone (see `shows`).
    """
    from textual.widgets import Input, Select, TextArea

    if shows(widget, value):
        return
    if isinstance(widget, TextArea):
        widget.text = show_value(value)
    elif isinstance(widget, Select):
        try:
            widget.value = value if value is not None else Select.NULL
        except Exception:  # a value outside the vocabulary: ST006 reports it
            widget.value = Select.NULL
    elif isinstance(widget, Input):
        widget.value = show_value(value)


def refill_select(widget: Widget, choices: list[tuple[str, Any]]) -> None:
    """Give a select new choices (the framework changed), keeping its value, without posting a change."""
    from textual.widgets import Select

    if isinstance(widget, Select):
        value = widget.value
        with widget.prevent(Select.Changed):
            widget.set_options(choices)
            show_in(widget, None if value is Select.NULL else value)
