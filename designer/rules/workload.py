"""Workload rules (WL): planned hours against ECTS, and the framework's credit range."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule, fmt


class WorkloadOutsideBand(Rule):
    code = "WL001"
    name = "workload-outside-band"
    severity = Severity.WARNING
    summary = "Planned hours (content + formative + summative) do not match the ECTS credits."
    what = (
        "Adds the hours of every content unit, formative checkpoint and summative component and compares the total "
        "with ects x the framework's hours per credit (ECTS: 25-30). When the design fixes `hours_per_ects`, the "
        "total may differ from ects x that rate by the framework's `fixed_rate_tolerance`."
    )
    why = (
        "ECTS Users' Guide 2015: one credit is 25-30 hours of notional workload, counting contact hours, self-study "
        "and assessment. The EU Recommendation asks for the workload in ECTS (Annex I, element 7)."
    )
    example = "course: {ects: 6}\n"
    fix = "course: {ects: 3}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        design = ctx.design
        if not (design.content or design.formative or design.summative):
            return
        workload = ctx.workload
        if workload.position in (None, "within"):
            return
        yield self.at(
            ctx,
            ("course", "ects"),
            f"planned workload is {fmt(workload.total)} h, {workload.position} the {workload.band()} expected for "
            f"{fmt(workload.ects or 0)} ECTS at {workload.rate()}",
        )


class EctsOutsideRange(Rule):
    code = "WL002"
    name = "ects-outside-range"
    severity = Severity.ERROR
    summary = "The ECTS credits are outside the range the framework allows (e.g. Spain: under 15)."
    what = "Compares `course.ects` with the framework's `ects.credits` range (min, max, and whether max is exclusive)."
    why = (
        "National rules bound micro-credentials: Spain RD 822/2021 under 15 ECTS, Flanders 1-60 credits, the "
        "Netherlands pilot 3-30 EC (standards.md section 8)."
    )
    example = "course: {framework: es, ects: 15}\n"
    fix = "course: {framework: es, ects: 3}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ects = ctx.design.course.ects
        if ects is None:
            return
        credits = ctx.framework.ects.credits
        low, high, exclusive = credits.min, credits.max, credits.max_exclusive
        too_high = ects >= high if exclusive else ects > high
        if ects < low or too_high:
            bound = f"under {fmt(high)}" if exclusive else f"{fmt(low)}-{fmt(high)}"
            yield self.at(
                ctx,
                ("course", "ects"),
                f"{fmt(ects)} ECTS is outside the range of framework '{ctx.framework.id}' ({bound} ECTS)",
            )


class SummativeWithoutHours(Rule):
    code = "WL003"
    name = "summative-without-hours"
    severity = Severity.WARNING
    summary = "A summative component has no hours, so the workload leaves out assessment."
    what = "Reports summative components without `hours` (preparation and the assessment itself)."
    why = "ECTS workload counts assessment and its preparation (ECTS Users' Guide 2015); without hours the total is understated."
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, week: 5, outcomes: [LO1, LO2]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for index, item in ctx.live("summative"):
            if item.hours is None:
                yield self.at(
                    ctx,
                    ("summative", index),
                    f"summative {item.id or index} has no hours; add the learner hours it takes",
                    item.id,
                )


class RateOutsideBand(Rule):
    code = "WL004"
    name = "hours-per-credit-outside-band"
    severity = Severity.WARNING
    summary = "The design's `hours_per_ects` is outside the framework's hours-per-credit band."
    what = "Compares `course.hours_per_ects` with the framework's `ects.hours_per_credit` band."
    why = "ECTS: 25-30 hours per credit; national conventions differ (IT 25, EE 26, NL 28). A rate outside the band needs a framework that allows it."
    example = "course: {hours_per_ects: 20}\n"
    fix = "course: {hours_per_ects: 26}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        rate = ctx.design.course.hours_per_ects
        if rate is None:
            return
        stated = ctx.framework.ects.hours_per_credit
        low, high = stated.min, stated.max
        if not low <= rate <= high:
            band = f"the {fmt(low)}-{fmt(high)} h band" if low != high else f"the {fmt(low)} h rate"
            yield self.at(
                ctx,
                ("course", "hours_per_ects"),
                f"{fmt(rate)} h per ECTS differs from {band} of framework '{ctx.framework.id}'",
            )
