"""Level rules (LV): the EQF level exists, the outcomes reach it, and the methods can evidence them."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.figures import first_words
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
        ranks = [reading.verb.level for _, _, reading in ctx.readings() if reading.verb is not None]
        if not ranks:
            return
        best = max(ranks, key=lambda lv: lv.rank)
        if best.rank < expected.rank:
            verbs = ", ".join(ctx.framework.suggestions(expected, ctx.design.course.language))
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
        for index, outcome, reading in ctx.readings():
            verb = reading.verb
            if not outcome.id or verb is None:
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


class RecallOnlyAssessment(Rule):
    code = "LV004"
    name = "recall-only-assessment"
    severity = Severity.WARNING
    summary = "An outcome whose action cannot be read is assessed only by methods that evidence recall."
    what = (
        "For each outcome whose leading verb is not a known Bloom verb (LV003 cannot judge it), reports when every "
        "summative component that assesses it uses a method marked `evidences_recall_only` in the framework "
        "(e.g. multiple-choice-exam). An outcome whose only vague wording asks for recall (a phrase to avoid that "
        "suggests the lowest Bloom level, such as 'know') is left alone: recall is what it asks."
    )
    why = (
        "Constructive alignment (guideline 7): the summative assessment must give full evidence of the competence "
        "the outcome states. 'Think critically about ...' or 'Be confident in ...' asks for more than a learner "
        "recognising a given answer, which is all a multiple-choice test usually shows."
    )
    example = (
        "outcomes:\n"
        "  - {id: LO1, statement: Think critically about supplier sustainability claims., domain: skills}\n"
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
        "summative:\n"
        "  - {id: SA1, title: Final test, method: multiple-choice-exam, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    )
    fix = (
        "outcomes:\n"
        "  - {id: LO1, statement: Think critically about supplier sustainability claims., domain: skills}\n"
        "  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
        "summative:\n"
        "  - {id: SA1, title: Claims case, method: case-study, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        from designer.graph import sources

        fw = ctx.framework
        lowest = fw.bloom_levels[0] if fw.bloom_levels else None
        summative = {item.id: item for _, item in ctx.live("summative") if item.id}
        # A language without wording data gives no readings: its outcomes cannot be judged (OW005 says so).
        for index, outcome, reading in ctx.readings():
            statement = outcome.statement.strip()
            if not outcome.id or not statement or reading.verb is not None:
                continue
            vague = reading.vague
            if vague is not None and vague.suggest == lowest:
                continue
            methods = []
            for sid in sources(ctx.graph, outcome.id, "summative"):
                name = summative[sid].method if sid in summative else None
                method = fw.method(name or "")
                if method is None:
                    break  # an unknown or missing method: nothing to judge (ST006/ST010 say so)
                methods.append((str(name), method.evidences_recall_only))
            else:
                if methods and all(recall for _, recall in methods):
                    names = ", ".join(sorted({name for name, _ in methods}))
                    which = "which evidences" if len({name for name, _ in methods}) == 1 else "which evidence"
                    yield self.at(
                        ctx,
                        ("outcomes", index),
                        f"{outcome.id} ('{first_words(statement, 3)}') is assessed only by {names}, {which} recall; "
                        "add a method that shows what the outcome asks, or restate it with a measurable verb",
                        outcome.id,
                    )
