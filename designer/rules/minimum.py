"""Minimum information rules (MI): the EU mandatory elements a course design carries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule


def _resolve(value: Any, parts: list[str], path: tuple[str | int, ...]) -> tuple[bool, tuple[str | int, ...]]:
    """Whether the dotted field is filled; through lists, every element must be. Returns the deepest path reached."""
    if value is None or value == "" or value == []:
        return False, path
    if isinstance(value, list):
        for index, element in enumerate(value):
            ok, where = _resolve(element, parts, (*path, index))
            if not ok:
                return False, where
        return True, path
    if not parts:
        return True, path
    return _resolve(getattr(value, parts[0], None), parts[1:], (*path, parts[0]))


class MissingMinimumInformation(Rule):
    code = "MI001"
    name = "missing-minimum-information"
    severity = Severity.ERROR
    summary = "An EU mandatory element that belongs to a course design is missing."
    what = (
        "Checks each element of Annex I of the 2022 Recommendation that a design carries: title, awarding body and "
        "its country, learning outcomes, workload in ECTS, EQF level, type of assessment (summative components), "
        "form of participation and type of quality assurance. Learner identity and date of issue belong to each "
        "issued credential, not to the design, and are not asked for. Each missing element is one finding; a file "
        "or section with nothing in it yet gets one finding listing them all."
    )
    why = "Council Recommendation 2022/C 243/02, Annex I: the mandatory elements describing every micro-credential."
    example = "course: {quality_assurance: null}\n"
    fix = "course: {quality_assurance: Internal QA by the faculty's lifelong learning board}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        design = ctx.design
        # Elements missing at one place (a course section without them, or a file without one) are one finding.
        missing: dict[tuple[str | int, ...], list[str]] = {}
        for element in ctx.framework.minimum_information:
            field = element.field
            if element.scope != "design" or not field:
                continue
            parts = field.split(".")
            ok, where = _resolve(design, parts, ())
            if ok or where in ctx.loaded.invalid:
                continue  # an invalid value was reported as ST006 already
            missing.setdefault(_anchor(ctx, where), []).append(f"{element.label} ({field})")
        for anchor, labels in missing.items():
            if _unstarted(ctx, anchor):
                # A file or section with nothing in it yet: one finding, not one per element it lacks.
                yield self.at(ctx, anchor, f"missing EU minimum information: {'; '.join(labels)}", key=True)
                continue
            for label in labels:  # each missing element is its own defect with its own fix
                yield self.at(ctx, anchor, f"missing EU minimum information: {label}", key=True)


def _unstarted(ctx: Context, anchor: tuple[str | int, ...]) -> bool:
    """Whether the place has nothing written in it yet: no such section, or an empty one."""
    if not anchor:
        return True
    data: Any = ctx.loaded.data
    for part in anchor:
        data = data.get(part) if isinstance(data, dict) else None
    return not data


def _anchor(ctx: Context, where: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The deepest part of the path the file really has (an empty `eqf_level:` line, else its section)."""
    source = ctx.loaded.source
    probe = where
    while probe and probe not in source.keys and probe not in source.values:
        probe = probe[:-1]
    return probe


class StackableWithoutTarget(Rule):
    code = "MI002"
    name = "stackable-without-target"
    severity = Severity.INFO
    summary = "The design says it is stackable but not towards what."
    what = "When `course.stackability` is `stackable`, `course.towards` should name at least one credential."
    why = "Principle 5 (learning pathways) and guideline 9: stackability must be transparent so another institution can recognise it."
    example = "course: {stackability: stackable}\n"
    fix = "course: {stackability: stackable, towards: [Advanced Certificate in Procurement]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        course = ctx.design.course
        if course.stackability == "stackable" and not course.towards:
            yield self.at(
                ctx, ("course", "stackability"), "stackable, but `towards` names no credential it stacks into"
            )
