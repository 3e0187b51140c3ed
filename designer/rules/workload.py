"""Workload rules (WL): planned hours against ECTS, the framework's credit range, and the plan details stated."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.figures import plural
from designer.model.findings import Finding, Severity
from designer.model.sections import KIND, WORKLOAD_SECTIONS
from designer.rules.alignment import graded_components, links
from designer.rules.base import Context, Rule, fmt


class WorkloadOutsideBand(Rule):
    code = "WL001"
    name = "workload-outside-band"
    severity = Severity.WARNING
    summary = "Planned hours (content + formative + summative) do not match the ECTS credits."
    what = (
        "Adds the hours of every content unit, formative checkpoint and summative component and compares the total "
        "with ects x the framework's hours per credit (ECTS: 25-30). When the design fixes `hours_per_ects`, the "
        "total may differ from ects x that rate by the framework's `fixed_rate_tolerance`. Hours are a plan "
        "detail: when no item states them it is silent (WL005 says they are not stated), and when only some do, "
        "it fires only if the stated hours already exceed the band. Silent when the ECTS are outside the "
        "framework's range (WL002 reports that root cause)."
    )
    why = (
        "ECTS Users' Guide 2015: one credit is 25-30 hours of notional workload, counting contact hours, self-study "
        "and assessment. The EU Recommendation asks for the workload in ECTS (Annex I, element 7)."
    )
    example = "course: {ects: 6}\n"
    fix = "course: {ects: 3}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if _range_breached(ctx) is not None:
            return  # the credits are wrong (WL002): a band built on them says nothing more
        workload = ctx.workload
        # Position is None without ECTS, without hours, and when hours stated for only some items stay in the band.
        if workload.position in (None, "within"):
            return
        expected = f"the {workload.band()} expected for {fmt(workload.ects or 0)} ECTS at {workload.rate()}"
        if workload.complete:
            message = f"planned workload is {fmt(workload.total)} h, {workload.position} {expected}"
        else:
            message = f"{workload.coverage()} already add to {fmt(workload.total)} h, above {expected}"
        yield self.at(ctx, ("course", "ects"), message)


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
        bound = _range_breached(ctx)
        if bound is not None:
            yield self.at(
                ctx,
                ("course", "ects"),
                f"{fmt(ctx.design.course.ects or 0)} ECTS is outside the range of framework '{ctx.framework.id}' "
                f"({bound} ECTS)",
            )


def _range_breached(ctx: Context) -> str | None:
    """The framework's credit range ("under 15", "0.5-60") when the design's ECTS are outside it, else None."""
    ects = ctx.design.course.ects
    if ects is None:
        return None
    credits = ctx.framework.ects.credits
    low, high, exclusive = credits.min, credits.max, credits.max_exclusive
    too_high = ects >= high if exclusive else ects > high
    if ects < low or too_high:
        return f"under {fmt(high)}" if exclusive else f"{fmt(low)}-{fmt(high)}"
    return None


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


class PlanDetailsMissing(Rule):
    code = "WL005"
    name = "plan-details-missing"
    severity = Severity.INFO
    summary = "The plan does not state some hours, weeks, weights, delivery modes, activities or content-to-outcome links (once per design)."
    what = (
        "Counts what the plan states and lists, in one finding, what it does not: hours and weeks of content "
        "units, formative checkpoints and summative components, weights of graded summative components (when "
        "there is more than one), the delivery mode, teaching activity and outcomes of each content unit. It replaces WL003 and "
        "the plan fields ST010 used to require."
    )
    why = (
        "A draft, or a specification transcribed from a published one, often lacks per-item hours, weeks or "
        "weights. That is a gap in what the design states, not a breach: it is said once, so it does not hide "
        "the findings that matter or block `designer render`. The ECTS workload (Annex I, element 7) is judged "
        "only on the hours stated."
    )
    example = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"
    fix = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        gaps = []
        workload = ctx.workload
        # A value the loader dropped as invalid was stated: ST006 reports it, so it is not missing here.
        planned = [(section, index, item) for section in WORKLOAD_SECTIONS for index, item in ctx.live(section)]
        hours = workload.stated + sum(
            1 for s, i, item in planned if item.hours is None and ctx.stated(s, i, item, "hours")
        )
        if hours < workload.items:
            gaps.append(f"hours for {hours} of {plural(workload.items, 'item')}")
        weeks = sum(1 for s, i, item in planned if ctx.stated(s, i, item, "week"))
        if weeks < len(planned):
            gaps.append(f"weeks for {weeks} of {plural(len(planned), 'item')}")
        graded = graded_components(ctx)
        weights = sum(1 for i, item in graded if ctx.stated("summative", i, item, "weight"))
        if len(graded) > 1 and weights < len(graded):
            gaps.append(f"weights for {weights} of {len(graded)} graded summative components")
        units = list(ctx.live("content"))
        for field, what in (("mode", "delivery modes"), ("activity", "teaching activities")):
            stated = sum(1 for i, unit in units if ctx.stated("content", i, unit, field))
            if stated < len(units):
                gaps.append(f"{what} for {stated} of {plural(len(units), KIND['content'])}")
        content = links(ctx, "content")
        if content == "none":
            gaps.append(f"outcome links for 0 of {plural(len(units), KIND['content'])}")
        elif content == "no items" and any(outcome.id for _, outcome in ctx.live("outcomes")):
            gaps.append("no content units")
        if gaps:
            yield self.at(ctx, (), "plan details not stated: " + ", ".join(gaps))
