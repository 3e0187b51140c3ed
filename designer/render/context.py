"""The template context: everything a specification shows, built once from a lint result.

Templates receive one `doc` (a `Document`) and only format it: they never read
the model, walk the alignment graph or re-run a rule. Every sequence is a tuple
in a fixed order (file order, or sorted), so one design always gives the same
document. Missing values in a draft stay `None` (or an empty tuple); the
templates show them with the `given` filter.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.frameworks.labels import FALLBACK_LANGUAGE, Labels, LabelsError, load_labels
from designer.model.findings import Finding, Severity
from designer.render import RenderError, RenderGateError, errors_of
from designer.render.filters import number, percent, safe_email, safe_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from designer.frameworks import Framework
    from designer.graph import AlignmentGraph
    from designer.model.design import ContentUnit, Design, Formative, Outcome, Summative
    from designer.model.workload import Workload
    from designer.rules.base import Context
    from designer.rules.engine import Result

VALIDATED = "Validated"
DRAFT = "DRAFT - not validated"
ON_CREDENTIAL = "Filled in on each issued credential"
# The codes of the grading scheme (frameworks/eu.yaml `grading`, plus "mixed"); the labels files word them.
GRADED, PASS_FAIL, MIXED = "graded", "pass-fail", "mixed"
KINDS: tuple[tuple[str, str], ...] = (("summative", "Summative"), ("formative", "Formative"), ("content", "Content"))
HASH_LENGTH = 12


@dataclass(frozen=True)
class Issue:
    """A lint finding as the validation section and the draft banner show it."""

    severity: str
    code: str
    name: str
    message: str
    line: int
    column: int
    subject: str | None
    location: str
    """`path:line:col`, as `designer lint` prints it."""


@dataclass(frozen=True)
class Body:
    """An awarding body."""

    name: str | None
    country: str | None
    country_label: str | None
    """The country's name in the document's language ("Finland" for FI); the code when it has none."""
    url: str | None


@dataclass(frozen=True)
class Approval:
    """Where the design stands with its committee; every part optional."""

    status: str | None
    status_label: str | None
    date: str | None
    by: str | None


@dataclass(frozen=True)
class Contact:
    name: str | None
    email: str | None
    mailto: str | None
    """`mailto:` link when the address is a plain e-mail address, else None (shown as text)."""


@dataclass(frozen=True)
class Coded:
    """A coded value with its label: "0413" and "Management and administration"."""

    code: str
    label: str


@dataclass(frozen=True)
class Header:
    """Identity and traceability: what this document is and which file it was made from."""

    title: str | None
    code: str | None
    summary: str | None
    bodies: tuple[Body, ...]
    language: str | None
    language_label: str | None
    """The language of instruction by name ("English" for en)."""
    edition: str | None
    """The design's version (course.edition)."""
    approval: Approval | None
    """None when the design states no approval (no empty row)."""
    contact: Contact | None
    homepage: str | None
    """The course page, when it is a plain http(s) address."""
    isced_f: Coded | None
    learning_setting: Coded | None
    format_version: int
    validated: bool
    status: str
    """`Validated` or `DRAFT - not validated`."""
    errors: int
    warnings: int
    infos: int
    source_name: str
    """The design file's name, without its folder."""
    source_hash: str
    """First 12 hex digits of the sha256 of the design's UTF-8 text."""
    generated: str | None
    """UTC date from SOURCE_DATE_EPOCH; None when it is not set (no clock otherwise)."""
    generator: str


@dataclass(frozen=True)
class InfoRow:
    """One element of Annex I (or an optional element) with this course's value."""

    id: str
    label: str
    values: tuple[str, ...]
    """One line per value; empty when the design does not give it."""
    on_credential: bool
    """Filled in on each issued credential (learner, date of issue), never in a design."""
    section: str | None
    """Anchor of the section with the details (`outcomes`, `assessment`, `workload`)."""


@dataclass(frozen=True)
class Descriptor:
    """The EQF level descriptor the outcomes are read against."""

    level: int
    knowledge: str
    skills: str
    responsibility_autonomy: str
    cycle: str | None
    expected_bloom: str | None


@dataclass(frozen=True)
class OutcomeRow:
    id: str | None
    statement: str | None
    domain: str | None
    domain_label: str | None
    verb: str | None
    """The measurable verb the statement starts with, when one is found."""
    bloom: str | None
    """The Bloom level of that verb (label)."""
    bloom_rank: int | None


@dataclass(frozen=True)
class OutcomesSection:
    rows: tuple[OutcomeRow, ...]
    descriptor: Descriptor | None


@dataclass(frozen=True)
class SummativeRow:
    id: str | None
    title: str | None
    method: str | None
    method_label: str | None
    """The method's label ("Practical assessment"); the code as written when it has none."""
    weight: float | None
    pass_fail: bool
    """`grading: pass-fail`: the component is passed or failed and shows "pass/fail", never a weight."""
    grading_label: str
    """The label of its grading: "graded" or "pass/fail"."""
    hours: float | None
    week: int | None
    outcomes: tuple[str, ...]
    authentic: bool | None
    """From the framework's method table; None for a method it does not know."""
    criteria: str | None
    """How the work is judged, when the design states it."""
    description: str | None

    @property
    def share(self) -> str:
        """What the component counts for in the grade: "40%", "pass/fail", or the empty mark."""
        return self.grading_label if self.pass_fail else percent(self.weight)

    @property
    def grading(self) -> str:
        """How the component is graded, in full: "graded, 40%", "pass/fail", or "graded" without a weight."""
        if self.pass_fail or self.weight is None:
            return self.grading_label
        return f"{self.grading_label}, {percent(self.weight)}"


@dataclass(frozen=True)
class CheckpointRow:
    id: str | None
    title: str | None
    method: str | None
    method_label: str | None
    week: int | None
    hours: float | None
    outcomes: tuple[str, ...]
    prepares: tuple[str, ...]
    """Ids of the summative components this checkpoint prepares."""
    description: str | None


@dataclass(frozen=True)
class TimelineWeek:
    """One week of the assessment timeline: its checkpoints, then the summative components due."""

    week: int | None
    checkpoints: tuple[CheckpointRow, ...]
    summative: tuple[SummativeRow, ...]


@dataclass(frozen=True)
class AssessmentSection:
    summative: tuple[SummativeRow, ...]
    scheme: str | None
    """The grading scheme overall: "graded", "pass-fail" or "mixed"; None without components."""
    scheme_text: str | None
    """The sentence that states the scheme (labels data)."""
    total_weight: float | None
    """Sum of the graded components' weights; None when none states one."""
    summative_hours: float | None
    """None when no component states its hours (not 0 h)."""
    formative: tuple[CheckpointRow, ...]
    formative_hours: float | None
    timeline: tuple[TimelineWeek, ...]


@dataclass(frozen=True)
class UnitRow:
    id: str | None
    title: str | None
    mode: str | None
    mode_label: str | None
    activity: str | None
    activity_label: str | None
    week: int | None
    hours: float | None
    outcomes: tuple[str, ...]
    checkpoints: tuple[str, ...]
    description: str | None


@dataclass(frozen=True)
class PlanWeek:
    week: int | None
    units: tuple[UnitRow, ...]
    hours: float | None
    """None when no unit of the week states its hours."""


@dataclass(frozen=True)
class ModeShare:
    """Content hours in one delivery mode, and their share of all content hours."""

    mode: str | None
    mode_label: str | None
    hours: float
    percent: float


@dataclass(frozen=True)
class PlanSection:
    weeks: tuple[PlanWeek, ...]
    shares: tuple[ModeShare, ...]
    """Empty when no unit states its hours: there is nothing to share out."""
    hours: float | None
    """None when no unit states its hours (not 0 h)."""


@dataclass(frozen=True)
class MatrixColumn:
    id: str
    title: str | None


@dataclass(frozen=True)
class MatrixGroup:
    """The columns of one kind (summative, formative, content), in file order."""

    kind: str
    label: str
    columns: tuple[MatrixColumn, ...]


@dataclass(frozen=True)
class MatrixCells:
    """One outcome's marks under one group; `gap` when none of the group reaches it."""

    kind: str
    marks: tuple[bool, ...]
    gap: bool


@dataclass(frozen=True)
class MatrixRow:
    outcome: str
    statement: str | None
    groups: tuple[MatrixCells, ...]
    gaps: tuple[str, ...]
    """Kinds that do not reach this outcome, e.g. ("summative",)."""
    notes: tuple[str, ...]
    """The gaps in words: "gap: no summative"."""


@dataclass(frozen=True)
class MatrixSection:
    groups: tuple[MatrixGroup, ...]
    rows: tuple[MatrixRow, ...]
    columns: int
    gaps: int
    """How many outcomes have at least one gap."""


@dataclass(frozen=True)
class WorkloadPart:
    kind: str
    label: str
    hours: float | None
    """None when no item of this kind states its hours."""
    percent: float
    """Share of the total planned hours."""


@dataclass(frozen=True)
class WorkloadSection:
    parts: tuple[WorkloadPart, ...]
    total: float
    ects: float | None
    low: float | None
    high: float | None
    """The expected band in hours (ECTS x hours per credit), when the ECTS are given."""
    rate: str
    """Hours per ECTS the band uses, e.g. "25–30 h per ECTS"."""
    position: str | None
    """"below", "within" or "above" the band; None without ECTS, or when hours stated for only some items stay
    in it (a floor)."""
    known: bool
    """Whether any item states its hours; without, the workload is "not stated" and there is no chart."""
    complete: bool
    """Whether every item states its hours."""
    coverage: str
    """"hours stated for 3 of 9 items"."""
    scale: float
    """Hours at the right edge of the chart: the larger of the total and the band's top."""


@dataclass(frozen=True)
class ValidationSection:
    framework_id: str
    framework_name: str
    issues: tuple[Issue, ...]
    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class Document:
    """The whole specification, section by section, in the order it is printed."""

    header: Header
    minimum: tuple[InfoRow, ...]
    optional: tuple[InfoRow, ...]
    outcomes: OutcomesSection
    assessment: AssessmentSection
    plan: PlanSection
    matrix: MatrixSection
    workload: WorkloadSection
    validation: ValidationSection
    draft: bool
    """Rendered with open errors: every page carries the draft banner."""
    open_errors: tuple[Issue, ...]
    language: str
    """The language of the document's labels (and its `lang` attribute)."""


def build_context(result: Result, draft: bool = False, language: str = FALLBACK_LANGUAGE) -> Document:
    """The document for a lint result, its codes labelled in `language` (frameworks/labels/).

    Raises RenderGateError if it has errors and `draft` is off; RenderError for a language without labels.
    """
    try:
        labels = load_labels(language)
    except LabelsError as exc:
        raise RenderError(str(exc)) from None
    ctx = result.context
    errors = errors_of(result)
    if ctx is None:
        raise RenderGateError(errors, loadable=False)
    if errors and not draft:
        raise RenderGateError(errors, loadable=True)
    design, framework = ctx.design, ctx.framework
    issues = tuple(issue(f) for f in result.findings)
    open_errors = tuple(i for i in issues if i.severity == Severity.ERROR.value)
    validation = ValidationSection(
        framework_id=framework.id,
        framework_name=framework.name,
        issues=issues,
        errors=len(open_errors),
        warnings=sum(1 for i in issues if i.severity == Severity.WARNING.value),
        infos=sum(1 for i in issues if i.severity == Severity.INFO.value),
    )
    summative = tuple(_summative(item, framework, labels) for _, item in ctx.live("summative"))
    formative = tuple(_checkpoint(item, labels) for _, item in ctx.live("formative"))
    units = tuple(_unit(item, labels) for _, item in ctx.live("content"))
    workload = _workload(ctx.workload)
    shown = _Shown(design, framework, summative, workload, labels)
    minimum = [e.model_dump() for e in framework.minimum_information]
    optional = [e.model_dump() for e in framework.optional_information]
    scheme = assessment_scheme(ctx)
    return Document(
        header=_header(result, design, validation, labels),
        minimum=tuple(_info_row(e, shown) for e in minimum),
        optional=tuple(row for row in (_info_row(e, shown) for e in optional) if row.values),
        outcomes=_outcomes(design, framework, ctx.live("outcomes"), labels),
        assessment=AssessmentSection(
            summative=summative,
            scheme=scheme,
            scheme_text=labels.optional_label("grading_scheme", scheme),
            total_weight=_stated_sum(s.weight for s in summative if not s.pass_fail),
            summative_hours=_stated_sum(s.hours for s in summative),
            formative=formative,
            formative_hours=_stated_sum(c.hours for c in formative),
            timeline=_timeline(summative, formative),
        ),
        plan=_plan(units, framework, labels),
        matrix=_matrix(ctx.graph, design),
        workload=workload,
        validation=validation,
        draft=bool(open_errors),
        open_errors=open_errors,
        language=labels.language,
    )


def assessment_scheme(ctx: Context) -> str | None:
    """The design's grading scheme, from its live summative components: an item the loader replaced (reported
    as an ST finding) is no component. The specification and the editor's review both read it here."""
    return grading_scheme(not item.graded for _, item in ctx.live("summative"))


def grading_scheme(pass_fail: Iterable[bool]) -> str | None:
    """The assessment's grading overall, from whether each component is pass/fail: "graded", "pass-fail" (every
    component so) or "mixed"; None without components."""
    kinds = {PASS_FAIL if each else GRADED for each in pass_fail}
    if not kinds:
        return None
    return kinds.pop() if len(kinds) == 1 else MIXED


def generated_date() -> str | None:
    """The UTC date of SOURCE_DATE_EPOCH (reproducible-builds.org), or None when it is unset."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or not raw.strip():
        return None
    try:
        moment = datetime.fromtimestamp(int(raw.strip()), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise RenderError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{raw}'") from None
    return moment.strftime("%Y-%m-%d")


def issue(finding: Finding) -> Issue:
    """A finding as a document lists it."""
    return Issue(
        severity=finding.severity.value,
        code=finding.code,
        name=finding.name,
        message=finding.message,
        line=finding.line,
        column=finding.column,
        subject=finding.subject,
        location=f"{finding.path}:{finding.line}:{finding.column}",
    )


def _header(result: Result, design: Design, validation: ValidationSection, labels: Labels) -> Header:
    from designer import __version__

    course = design.course
    digest = hashlib.sha256(result.loaded.text.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    validated = validation.errors == 0
    return Header(
        title=course.title,
        code=course.code,
        summary=course.summary,
        bodies=tuple(
            Body(b.name, b.country, labels.optional_label("countries", b.country), b.url)
            for b in course.awarding_bodies
        ),
        language=course.language,
        language_label=labels.optional_label("languages", course.language),
        edition=course.edition,
        approval=_approval(design, labels),
        contact=_contact(design),
        homepage=safe_url(course.homepage),
        isced_f=_coded(labels, "isced_f", course.isced_f),
        learning_setting=_coded(labels, "learning_setting", course.learning_setting),
        format_version=design.format,
        validated=validated,
        status=VALIDATED if validated else DRAFT,
        errors=validation.errors,
        warnings=validation.warnings,
        infos=validation.infos,
        source_name=Path(result.loaded.path).name,
        source_hash=digest,
        generated=generated_date(),
        generator=f"designer {__version__}",
    )


def _coded(labels: Labels, table: str, code: str | None) -> Coded | None:
    return Coded(code, labels.label(table, code)) if code else None


def _approval(design: Design, labels: Labels) -> Approval | None:
    given = design.course.approval
    if given is None or not (given.status or given.date or given.by):
        return None
    return Approval(given.status, labels.optional_label("approval_status", given.status), given.date, given.by)


def _contact(design: Design) -> Contact | None:
    given = design.course.contact
    if given is None or not (given.name or given.email):
        return None
    address = safe_email(given.email)
    return Contact(given.name, given.email, f"mailto:{address}" if address else None)


def _cycle(framework: Framework, level: int) -> str | None:
    entry = framework.eqf_levels.get(level)
    return entry.qf_ehea_cycle if entry is not None else None


def _dotted(value: Any, parts: list[str]) -> list[Any]:
    """The values at a dotted field (course.awarding_bodies.country), flattening lists."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, list):
        return [leaf for element in value for leaf in _dotted(element, parts)]
    if not parts:
        return [value]
    return _dotted(getattr(value, parts[0], None), parts[1:])


@dataclass(frozen=True)
class _Shown:
    """What a framework element's `show:` presenter may read besides the values at its `field`."""

    design: Design
    framework: Framework
    summative: tuple[SummativeRow, ...]
    workload: WorkloadSection
    labels: Labels
    table: str | None = None
    """The element's `labels` table, for presenters that word codes inside what they show (a body's country)."""


def _show_values(found: list[Any], shown: _Shown) -> list[str]:
    return [str(value) for value in found]


def _show_distinct(found: list[Any], shown: _Shown) -> list[str]:
    return sorted({str(value) for value in found})


def _show_bodies(found: list[Any], shown: _Shown) -> list[str]:
    def country(code: str) -> str:
        return shown.labels.label(shown.table, code) if shown.table else code

    return [f"{b.name} ({country(b.country)})" if b.country else b.name for b in found if b.name]


def _show_outcomes(found: list[Any], shown: _Shown) -> list[str]:
    if not found:
        return []
    listed = [o.id for o in found if o.id]
    count = len(found)
    return [f"{count} learning outcome{'' if count == 1 else 's'}" + (f": {', '.join(listed)}" if listed else "")]


def _show_workload(found: list[Any], shown: _Shown) -> list[str]:
    workload = shown.workload
    if workload.ects is None or workload.low is None or workload.high is None:
        return []
    if not workload.known:
        planned = "hours not stated"
    elif workload.complete:
        planned = f"{number(workload.total)} h planned"
    else:
        planned = f"{number(workload.total)} h planned, {workload.coverage}"
    return [f"{number(workload.ects)} ECTS ({planned}; {number(workload.low)}–{number(workload.high)} h expected)"]


def _show_level(found: list[Any], shown: _Shown) -> list[str]:
    values = []
    for level in found:
        cycle = _cycle(shown.framework, level)
        values.append(f"EQF {level}" + (f" (QF-EHEA {cycle})" if cycle else ""))
    return values


def _show_assessments(found: list[Any], shown: _Shown) -> list[str]:
    values = []
    for row in shown.summative:
        weight = None if row.weight is None and not row.pass_fail else row.share
        parts = [p for p in (row.method_label, weight) if p]
        label = " ".join(p for p in (row.id, row.title) if p)
        values.append(", ".join(parts) + (f" ({label})" if label else ""))
    return values


def _show_stackability(found: list[Any], shown: _Shown) -> list[str]:
    values = [str(value) for value in found]
    towards = "; ".join(shown.design.course.towards)
    if towards and len(values) == 1:
        # "Integrated, stackable towards another credential: digital-procurement", not the label and then "towards".
        return [f"{values[0]}: {towards}"]
    if towards:
        values.append("towards " + towards)
    return values


# How a framework's information element is shown, by its `show:` key (frameworks/eu.yaml
# documents the choices), and the section of the specification that has the details.
PRESENTERS: dict[str, tuple[Callable[[list[Any], _Shown], list[str]], str | None]] = {
    "values": (_show_values, None),
    "distinct": (_show_distinct, None),
    "bodies": (_show_bodies, None),
    "outcomes": (_show_outcomes, "outcomes"),
    "workload": (_show_workload, "workload"),
    "level": (_show_level, None),
    "assessments": (_show_assessments, "assessment"),
    "stackability": (_show_stackability, None),
}


def _info_row(element: dict[str, Any], shown: _Shown) -> InfoRow:
    """One information element as its framework entry says: the values at its `field`, shown by its `show`,
    each coded value worded from its `labels` table."""
    ident = str(element["id"])
    on_credential = element.get("scope") == "credential"
    show = str(element.get("show", "values"))
    if show not in PRESENTERS:
        raise RenderError(
            f"framework {shown.framework.id}: information element {ident} has show: {show}; "
            f"choose from {', '.join(PRESENTERS)}"
        )
    present, section = PRESENTERS[show]
    values: list[str] = [ON_CREDENTIAL]
    if not on_credential:
        field = element.get("field")
        found = _dotted(shown.design, str(field).split(".")) if field else []
        table = element.get("labels")
        if table:
            # Codes are worded here; a presenter of records (awarding bodies) words the codes inside them.
            found = [shown.labels.label(table, value) if isinstance(value, str) else value for value in found]
        values = present(found, replace(shown, table=table))
    return InfoRow(
        id=ident,
        label=str(element["label"]),
        values=tuple(values),
        on_credential=on_credential,
        section=None if on_credential else section,
    )


def _outcomes(
    design: Design, framework: Framework, live: Iterable[tuple[int, Outcome]], labels: Labels
) -> OutcomesSection:
    rows = []
    for _, outcome in live:
        match = framework.leading_verb(outcome.statement, design.course.language) if outcome.statement else None
        rows.append(
            OutcomeRow(
                id=outcome.id,
                statement=outcome.statement,
                domain=outcome.domain,
                domain_label=labels.optional_label("domain", outcome.domain),
                verb=match.verb if match else None,
                bloom=match.level.label if match else None,
                bloom_rank=match.level.rank if match else None,
            )
        )
    descriptor = None
    level = design.course.eqf_level
    entry = framework.eqf_levels.get(level) if level is not None else None
    if level is not None and entry is not None:
        expected = framework.expected_bloom(level)
        descriptor = Descriptor(
            level=level,
            knowledge=entry.knowledge,
            skills=entry.skills,
            responsibility_autonomy=entry.responsibility_autonomy,
            cycle=_cycle(framework, level),
            expected_bloom=expected.label if expected else None,
        )
    return OutcomesSection(rows=tuple(rows), descriptor=descriptor)


def _summative(item: Summative, framework: Framework, labels: Labels) -> SummativeRow:
    method = framework.method(item.method) if item.method else None
    return SummativeRow(
        id=item.id,
        title=item.title,
        method=item.method,
        method_label=labels.optional_label("summative_method", item.method),
        weight=item.weight,
        pass_fail=not item.graded,
        grading_label=labels.label("grading", GRADED if item.graded else PASS_FAIL),
        hours=item.hours,
        week=item.week,
        outcomes=tuple(item.outcomes),
        authentic=method.authentic if method is not None else None,
        criteria=item.criteria,
        description=item.description,
    )


def _checkpoint(item: Formative, labels: Labels) -> CheckpointRow:
    return CheckpointRow(
        id=item.id,
        title=item.title,
        method=item.method,
        method_label=labels.optional_label("formative_method", item.method),
        week=item.week,
        hours=item.hours,
        outcomes=tuple(item.outcomes),
        prepares=tuple(item.prepares),
        description=item.description,
    )


def _unit(item: ContentUnit, labels: Labels) -> UnitRow:
    return UnitRow(
        id=item.id,
        title=item.title,
        mode=item.mode,
        mode_label=labels.optional_label("content_mode", item.mode),
        activity=item.activity,
        activity_label=labels.optional_label("content_activity", item.activity),
        week=item.week,
        hours=item.hours,
        outcomes=tuple(item.outcomes),
        checkpoints=tuple(item.checkpoints),
        description=item.description,
    )


def _week_key(week: int | None) -> tuple[int, int]:
    # Unscheduled items go last.
    return (1, 0) if week is None else (0, week)


def _timeline(summative: tuple[SummativeRow, ...], formative: tuple[CheckpointRow, ...]) -> tuple[TimelineWeek, ...]:
    weeks = sorted({c.week for c in formative} | {s.week for s in summative}, key=_week_key)
    return tuple(
        TimelineWeek(
            week=w,
            checkpoints=tuple(c for c in formative if c.week == w),
            summative=tuple(s for s in summative if s.week == w),
        )
        for w in weeks
    )


def _stated_sum(values: Iterable[float | None]) -> float | None:
    """The sum of the values stated; None when none is (a total of nothing stated is unknown, not 0)."""
    stated = [v for v in values if v is not None]
    return sum(stated) if stated else None


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole) if whole > 0 else 0.0


def _plan(units: tuple[UnitRow, ...], framework: Framework, labels: Labels) -> PlanSection:
    total = _stated_sum(u.hours for u in units)
    weeks = tuple(
        PlanWeek(
            week=w,
            units=tuple(u for u in units if u.week == w),
            hours=_stated_sum(u.hours for u in units if u.week == w),
        )
        for w in sorted({u.week for u in units}, key=_week_key)
    )
    known = list(framework.vocabulary("content_mode"))
    extra = sorted({u.mode for u in units if u.mode and u.mode not in known})
    modes: list[str | None] = [*known, *extra]
    if any(u.mode is None for u in units):
        modes.append(None)
    shares = []
    for mode in modes if total is not None else ():
        spent = sum(u.hours or 0.0 for u in units if u.mode == mode)
        shares.append(
            ModeShare(
                mode=mode,
                mode_label=labels.optional_label("content_mode", mode),
                hours=spent,
                percent=_share(spent, total or 0.0),
            )
        )
    return PlanSection(weeks=weeks, shares=tuple(shares), hours=total)


def _matrix(graph: AlignmentGraph, design: Design) -> MatrixSection:
    from designer.graph import matrix, of_kind

    titles = {item.id: item.title for _, _, item in design.items() if item.id and hasattr(item, "title")}
    groups = tuple(
        MatrixGroup(
            kind=kind,
            label=label,
            columns=tuple(
                MatrixColumn(id=node, title=titles.get(node))
                for node in sorted(of_kind(graph, kind), key=lambda n: graph.nodes[n]["index"])
            ),
        )
        for kind, label in KINDS
    )
    statements = {o.id: o.statement for o in design.outcomes if o.id}
    rows = []
    for row in matrix(graph):
        reached = {"summative": set(row.summative), "formative": set(row.formative), "content": set(row.content)}
        rows.append(
            MatrixRow(
                outcome=row.outcome,
                statement=statements.get(row.outcome),
                groups=tuple(
                    MatrixCells(
                        kind=group.kind,
                        marks=tuple(column.id in reached[group.kind] for column in group.columns),
                        gap=group.kind in row.gaps,
                    )
                    for group in groups
                ),
                gaps=row.gaps,
                notes=tuple(f"gap: no {kind}" for kind in row.gaps),
            )
        )
    return MatrixSection(
        groups=groups,
        rows=tuple(rows),
        columns=sum(max(1, len(g.columns)) for g in groups),
        gaps=sum(1 for r in rows if r.gaps),
    )


def _workload(workload: Workload) -> WorkloadSection:
    labels = {
        "content": "Content and learning activities",
        "formative": "Formative checkpoints",
        "summative": "Summative assessment",
    }
    total = workload.total
    shares = workload.shares
    stated = dict(workload.stated_by_kind)
    parts = tuple(
        WorkloadPart(kind, labels[kind], hours if stated.get(kind) else None, shares[kind])
        for kind, hours in workload.parts.items()
    )
    return WorkloadSection(
        parts=parts,
        total=total,
        ects=workload.ects,
        low=workload.low,
        high=workload.high,
        rate=workload.rate(dash="–"),
        position=workload.position,
        known=workload.known,
        complete=workload.complete,
        coverage=workload.coverage(),
        scale=max(total, workload.high or 0.0, 1.0),
    )
