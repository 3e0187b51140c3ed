"""Level rules (LV): the EQF level exists, the outcomes reach it, and the methods can evidence them."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule


class EqfLevelUnknown(Rule):
    code = "LV001"
    name = "eqf-level-unknown"
    severity = Severity.ERROR
    summary = "The EQF level is not one of the framework's levels (1-8)."
    what = "Checks `course.eqf_level` against the levels in the framework's `eqf.levels`."
    why = "EQF 2017/C 189/03 Annex II defines levels 1 to 8; the level is EU minimum information (Annex I, element 8)."
    example = "course: {eqf_level: 9}\n"
    fix = "course: {eqf_level: 6}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        level = ctx.design.course.eqf_level
        levels = ctx.framework.eqf_levels
        if level is not None and level not in levels:
            yield self.at(
                ctx,
                ("course", "eqf_level"),
                f"EQF level {level} does not exist; levels are {min(levels)}-{max(levels)}",
            )


class OutcomesBelowLevel(Rule):
    code = "LV002"
    name = "outcomes-below-level"
    severity = Severity.WARNING
    summary = "No outcome reaches the Bloom level expected at the course's EQF level."
    what = (
        "Reads the Bloom level of each outcome's leading verb and reports when none reaches the level the framework "
        "expects for the EQF level (e.g. Evaluate at EQF 7)."
    )
    why = (
        "EQF levels are cumulative and assigned by best fit (Annex II): a level-7 credential whose outcomes only ask "
        "learners to list and describe does not show level-7 skills."
    )
    example = "course: {eqf_level: 7}\n"
    fix = "course: {eqf_level: 6}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        level = ctx.design.course.eqf_level
        if level is None:
            return
        expected = ctx.framework.expected_bloom(level)
        if expected is None or any(section == "outcomes" for section, _ in ctx.loaded.broken_items):
            return  # a dropped outcome (ST006) may be the one that reaches the level
        detected = [ctx.framework.leading_verb(o.statement) for _, o in ctx.live("outcomes") if o.statement]
        ranks = [d.level for d in detected if d is not None]
        if not ranks:
            return
        best = max(ranks, key=lambda lv: lv.rank)
        if best.rank < expected.rank:
            verbs = ", ".join(ctx.framework.suggestions(expected))
            yield self.at(
                ctx,
                ("course", "eqf_level"),
                f"EQF {level} expects at least one outcome at Bloom level {expected.label}; the highest is "
                f"{best.label}. Consider verbs such as {verbs}",
            )


class MethodBelowOutcome(Rule):
    code = "LV003"
    name = "method-below-outcome"
    severity = Severity.WARNING
    summary = "An outcome's verb is above what any of its summative methods can evidence."
    what = (
        "For each outcome, compares the Bloom level of its verb with the highest level each assessing method can "
        "evidence (framework `summative_methods.*.max_bloom`); reports when none reaches it, e.g. a 'design' outcome "
        "assessed only by a multiple-choice exam."
    )
    why = (
        "Constructive alignment (guideline 7): the summative assessment must give full evidence of the competence "
        "the outcome states."
    )
    example = "summative:\n  - {id: SA1, title: Final test, method: multiple-choice-exam, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        from designer.graph import sources

        fw = ctx.framework
        summative = {item.id: item for _, item in ctx.live("summative") if item.id}
        for index, outcome in ctx.live("outcomes"):
            if not outcome.id or not outcome.statement:
                continue
            verb = fw.leading_verb(outcome.statement)
            if verb is None:
                continue
            reach = []
            for sid in sources(ctx.graph, outcome.id, "summative"):
                method = fw.method(summative[sid].method or "") if sid in summative else None
                if method is not None:
                    reach.append((fw.bloom_by_id[method.max_bloom], summative[sid]))
            if not reach or any(lv.rank >= verb.level.rank for lv, _ in reach):
                continue
            methods = ", ".join(sorted({f"{s.method} ({lv.label})" for lv, s in reach}))
            yield self.at(
                ctx,
                ("outcomes", index),
                f"{outcome.id} asks learners to '{verb.verb}' ({verb.level.label}) but is assessed only by {methods}; "
                f"add a method that can evidence {verb.level.label}",
                outcome.id,
            )
