"""Size rules: what a course's credits can carry (OW006 too many outcomes)."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule, fmt


class TooManyOutcomes(Rule):
    code = "OW006"
    name = "too-many-outcomes"
    severity = Severity.WARNING
    summary = "More outcomes than the course's size supports."
    what = (
        "Counts the outcomes and compares them with the framework's limit for the course's ECTS: "
        "`outcomes.max_per_credit` per credit (rounded up), never below `outcomes.max_floor` and never above "
        "`outcomes.max_ceiling` (the ceiling alone when the credits are not stated). One finding for the design."
    )
    why = (
        "A short course cannot teach, practise and assess many outcomes well: each needs summative evidence "
        "(guideline 7) and content that leads to it (guideline 6). University module handbooks cap the number "
        "(e.g. about 8 for a 5-ECTS module, 4 in stricter ones); the figures and their sources are in "
        "frameworks/eu.yaml. Merge outcomes that describe one competence, or move some to another credential."
    )
    example = (
        "course: {ects: 1, hours_per_ects: 79}\n"
        "outcomes:\n"
        "  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n"
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
        "  - {id: LO3, statement: Classify purchases by spend category., domain: skills}\n"
        "  - {id: LO4, statement: Calculate the total cost of ownership of a purchase., domain: skills}\n"
        "  - {id: LO5, statement: Compare two suppliers' offers., domain: skills}\n"
    )
    fix = (
        "course: {ects: 1, hours_per_ects: 79}\n"
        "outcomes:\n"
        "  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n"
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        count = sum(1 for _ in ctx.live("outcomes"))
        ects = ctx.design.course.ects
        limit = ctx.framework.max_outcomes(ects)
        if count <= limit:
            return
        cfg = ctx.framework.outcomes
        if ects is None:
            rule = f"at most {limit} for a course of any size"
            size = ""
        else:
            rule = (
                f"at most {limit} ({fmt(cfg.max_per_credit)} per ECTS rounded up, "
                f"never below {cfg.max_floor} nor above {cfg.max_ceiling})"
            )
            size = f" for {fmt(ects)} ECTS"
        yield self.at(ctx, ("outcomes",), f"{count} outcomes{size}; {rule}", key=True)
