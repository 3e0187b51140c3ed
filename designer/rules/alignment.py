"""Alignment rules (AL): backward design read from the alignment graph.

Outcomes first, then the summative assessment that proves each one, then the
formative checkpoints that prepare for it, then content that serves them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from designer.graph import sources
from designer.model.design import Summative
from designer.model.findings import Finding, Severity
from designer.model.sections import KIND
from designer.rules.base import Context, Rule, fmt

Links = Literal["no items", "none", "some", "unknown"]
# The sections whose items list the outcomes they assess or check.
_ASSESSING = {"summative": KIND["summative"], "formative": KIND["formative"]}


def links(ctx: Context, section: str) -> Links:
    """Whether the items of `section` document the outcomes they serve.

    "some" when at least one item lists an outcome: only then are per-item alignment findings
    about that section (AL001-AL005). "none" when items exist and none lists an outcome: one root
    cause, reported once (AL012 for assessments, WL005 for content). "no items" when the section
    is empty (MI001 or AL008 say so). "unknown" when the only lists were invalid and dropped
    (ST006 said so). Without outcomes nothing can be linked: MI001 reports that, so it is "no items".
    """
    if not any(outcome.id for _, outcome in ctx.live("outcomes")):
        return "no items"
    items = list(ctx.live(section))
    if not items:
        return "no items"
    if any(item.outcomes for _, item in items):
        return "some"
    if any((section, index, "outcomes") in ctx.loaded.invalid for index, _ in items):
        return "unknown"
    return "none"


class OutcomeNotAssessed(Rule):
    code = "AL001"
    name = "outcome-not-assessed"
    severity = Severity.ERROR
    summary = "An outcome is not assessed by any summative component."
    what = (
        "Reports each outcome that no summative component lists in its `outcomes`, when some component lists "
        "outcomes. With no summative component at all MI001 reports the missing type of assessment; when no "
        "component lists any outcome, AL012 reports it once."
    )
    why = (
        "Credits are awarded only after outcomes are assessed (ECTS Users' Guide 2015); backward design sets the "
        "summative assessment that proves each outcome before anything else (guidelines 6 and 7)."
    )
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if links(ctx, "summative") != "some":
            return  # no summative section: MI001; no links at all: AL012
        for index, outcome in ctx.live("outcomes"):
            if outcome.id and not _reached(ctx, outcome.id, "summative"):
                yield self.at(
                    ctx,
                    ("outcomes", index),
                    f"outcome {outcome.id} is not assessed by any summative component",
                    outcome.id,
                )


class OutcomeWithoutCheckpoint(Rule):
    code = "AL002"
    name = "outcome-without-checkpoint"
    severity = Severity.WARNING
    summary = "An outcome has no formative checkpoint."
    what = (
        "Reports each outcome that no formative checkpoint lists in its `outcomes`, when some checkpoint lists "
        "outcomes. With no checkpoint at all AL008 reports it once; when no checkpoint lists any outcome, AL012 does. "
        "An outcome no summative component assesses is left to AL001: its assessment comes first."
    )
    why = "Guideline 7: frequent formative assessment gives learners feedback and prepares them for the summative assessment of each outcome."
    example = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1], prepares: [SA1]}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 4, outcomes: [LO1], prepares: [SA1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 4, outcomes: [LO1], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if links(ctx, "formative") != "some":
            return  # no checkpoints at all: AL008; no links at all: AL012
        for index, outcome in ctx.live("outcomes"):
            if outcome.id and not _reached(ctx, outcome.id, "formative") and not _unassessed(ctx, outcome.id):
                yield self.at(ctx, ("outcomes", index), f"outcome {outcome.id} has no formative checkpoint", outcome.id)


class OutcomeWithoutContent(Rule):
    code = "AL003"
    name = "outcome-without-content"
    severity = Severity.WARNING
    summary = "No content unit addresses an outcome."
    what = (
        "Reports each outcome that no content unit lists in its `outcomes`, when some unit lists outcomes. When "
        "no unit lists any, WL005 reports it once among the plan details not stated."
    )
    why = "Guideline 6 tip: in a short course no important content may be left aside; every outcome needs learning activities that lead to it."
    example = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 50, outcomes: [LO1], checkpoints: [FC1]}\n"
    fix = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 50, outcomes: [LO1, LO2], checkpoints: [FC1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if links(ctx, "content") != "some":
            return  # no content, or no unit lists outcomes: WL005 says what the plan does not state
        for index, outcome in ctx.live("outcomes"):
            if outcome.id and not _reached(ctx, outcome.id, "content") and not _unassessed(ctx, outcome.id):
                yield self.at(
                    ctx, ("outcomes", index), f"outcome {outcome.id} is not addressed by any content unit", outcome.id
                )


class AssessmentWithoutOutcome(Rule):
    code = "AL004"
    name = "assessment-without-outcome"
    severity = Severity.WARNING
    summary = "A summative component or formative checkpoint assesses no outcome."
    what = (
        "Reports summative components and formative checkpoints whose `outcomes` list is empty, when another item "
        "of the same kind lists outcomes. When none of that kind lists any, AL012 reports it once."
    )
    why = "An assessment that proves no stated outcome adds workload without evidence (guideline 7, constructive alignment)."
    example = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 2, outcomes: [], prepares: [SA1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 2, outcomes: [LO1], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for section, kind in _ASSESSING.items():
            if links(ctx, section) != "some":
                continue
            for index, item in ctx.live(section):
                if not item.outcomes and (section, index, "outcomes") not in ctx.loaded.invalid:
                    yield self.at(ctx, (section, index), f"{kind} {item.id or index} assesses no outcome", item.id)


class OrphanContent(Rule):
    code = "AL005"
    name = "orphan-content"
    severity = Severity.WARNING
    summary = "A content unit serves no outcome."
    what = (
        "Reports content units whose `outcomes` list is empty, when another unit lists outcomes. When no unit "
        "lists any, WL005 reports it once among the plan details not stated."
    )
    why = "Backward design chooses content last, for the outcomes (guideline 6 tip); content that serves none takes learner hours from those that do."
    example = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1, LO2], checkpoints: [FC1]}\n  - {id: CU2, title: History of procurement, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [], checkpoints: [FC1]}\n"
    fix = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if links(ctx, "content") != "some":
            return
        for index, unit in ctx.live("content"):
            if not unit.outcomes and ("content", index, "outcomes") not in ctx.loaded.invalid:
                yield self.at(ctx, ("content", index), f"content unit {unit.id or index} serves no outcome", unit.id)


class WeightsNotTotal(Rule):
    code = "AL006"
    name = "weights-not-100"
    severity = Severity.ERROR
    summary = "Summative weights do not add to 100."
    what = (
        "Adds the `weight` of every graded summative component (pass-fail parts carry none), as the decimals "
        "written, and compares the sum with the framework's `alignment.weight_total`, allowing "
        "`alignment.weight_tolerance`. Silent when no graded component states a weight (a single graded "
        "component without one counts as the whole grade). When some graded components state no weight, it "
        "fires only if the stated weights already exceed the total; WL005 lists the missing weights."
    )
    why = "Guideline 7: the weight of each element of the summative evaluation is defined to reflect the competencies; weights that do not add up leave the grade undefined."
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 70, hours: 20, week: 5, outcomes: [LO1], criteria: Savings found and argued}\n  - {id: SA2, title: Tender exam, method: written-exam, weight: 20, hours: 4, week: 6, outcomes: [LO2], criteria: Stages named in order}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 70, hours: 20, week: 5, outcomes: [LO1], criteria: Savings found and argued}\n  - {id: SA2, title: Tender exam, method: written-exam, weight: 30, hours: 4, week: 6, outcomes: [LO2], criteria: Stages named in order}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        graded = graded_components(ctx)
        weights = [item.weight for _, item in graded if item.weight is not None]
        if not weights or graded_unknown(ctx):
            return
        got, adds_up = ctx.framework.weights_total(weights)
        total = ctx.framework.alignment.weight_total
        if adds_up:
            return
        if len(weights) == len(graded):
            yield self.at(ctx, ("summative",), f"summative weights add to {fmt(got)}, not {fmt(total)}", key=True)
        elif got > total:
            yield self.at(
                ctx,
                ("summative",),
                f"summative weights stated for {len(weights)} of {len(graded)} graded components already add to "
                f"{fmt(got)}, more than {fmt(total)}",
                key=True,
            )


class PassFailWeighted(Rule):
    code = "AL013"
    name = "pass-fail-weighted"
    severity = Severity.WARNING
    summary = "A pass-fail summative component also gives a weight."
    what = (
        "Reports a summative component with `grading: pass-fail` whose `weight` is not zero. Its weight is left "
        "out of the total AL006 checks."
    )
    why = (
        "A part that is only passed or failed adds nothing to the grade; a weight on it makes the grading "
        "ambiguous to learners and to a recognising institution (2022 Recommendation, principle 4: transparent "
        "assessment)."
    )
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 80, hours: 20, week: 5, outcomes: [LO1, LO2], criteria: Savings found and argued}\n  - {id: SA2, title: Tender portfolio, method: portfolio, grading: pass-fail, weight: 20, hours: 4, week: 6, outcomes: [LO2], criteria: Every stage documented}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 20, week: 5, outcomes: [LO1, LO2], criteria: Savings found and argued}\n  - {id: SA2, title: Tender portfolio, method: portfolio, grading: pass-fail, hours: 4, week: 6, outcomes: [LO2], criteria: Every stage documented}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for index, item in ctx.live("summative"):
            if not item.graded and item.weight:
                yield self.at(
                    ctx,
                    ("summative", index, "weight"),
                    f"summative {item.id or index} is pass-fail but weighs {fmt(item.weight)}%; a pass-fail part "
                    "carries no weight: remove the weight or grade the component",
                    item.id,
                )


class SummativeWithoutCriteria(Rule):
    code = "AL014"
    name = "summative-without-criteria"
    severity = Severity.WARNING
    summary = "A summative component does not state its assessment criteria."
    what = (
        "Reports each summative component without `criteria` (how the work is judged) when other components "
        "state theirs; when no component states any, one finding for the design."
    )
    why = (
        "Micro-credentials are assessed against transparent and clearly defined criteria (2022 Recommendation, "
        "definition and principle 4); the guidelines name assessment criteria a key pillar of stackability and "
        "portability."
    )
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2], criteria: Savings found in the data and argued with figures}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        items = list(ctx.live("summative"))
        lacking = [(index, item) for index, item in items if not (item.criteria or "").strip()]
        if not lacking:
            return
        if len(lacking) == len(items):
            yield self.at(
                ctx,
                ("summative",),
                f"no summative component states its assessment criteria (0 of {len(items)}); say how the work "
                "is judged",
                key=True,
            )
            return
        for index, item in lacking:
            yield self.at(
                ctx,
                ("summative", index),
                f"summative {item.id or index} states no assessment criteria; say how the work is judged",
                item.id,
            )


class CheckpointAfterSummative(Rule):
    code = "AL007"
    name = "checkpoint-after-summative"
    severity = Severity.WARNING
    summary = "A formative checkpoint is scheduled after the summative component it prepares."
    what = "Compares the `week` of each formative checkpoint with the week of every summative component it `prepares`."
    why = "Guideline 7: formative assessment prepares learners for the summative one; feedback after the exam cannot."
    example = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 6, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        weeks = {item.id: item.week for _, item in ctx.live("summative") if item.id}
        for index, item in ctx.live("formative"):
            if item.week is None or not item.id:
                continue
            # The item's own list, not the graph: a twin with the same id adds edges this item lacks.
            for pos, sid in _first_mentions(item.prepares):
                target_week = weeks.get(sid)
                if target_week is not None and item.week > target_week:
                    yield self.at(
                        ctx,
                        ("formative", index, "prepares", pos),
                        f"checkpoint {item.id} is in week {item.week}, after {sid} in week {target_week} that it prepares",
                        item.id,
                    )


class TooFewCheckpoints(Rule):
    code = "AL008"
    name = "too-few-checkpoints"
    severity = Severity.WARNING
    summary = "Formative checkpoints are too few, or weeks of the course go by without one."
    what = (
        "Requires at least `alignment.min_checkpoints` formative checkpoints. When every checkpoint states its "
        "`week`, also reports each run of more than `alignment.max_weeks_without_checkpoint` weeks without one, "
        "from week 1 to the week of the last summative component (or the last checkpoint when no summative "
        "component states a week), and names those weeks. One finding for the design."
    )
    why = (
        "Guideline 7 asks for frequent formative assessments that give feedback, prepare learners for the summative "
        "assessment and show progress to learners and instructors. One checkpoint is not a series, and a learner left "
        "for weeks without feedback cannot adjust before the summative assessment. The guideline gives no figure: "
        "the framework's numbers and their sources are in frameworks/eu.yaml."
    )
    example = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 5, outcomes: [LO1, LO2], prepares: [SA1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 4, outcomes: [LO1], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.design.outcomes:
            return
        cfg = ctx.framework.alignment
        checkpoints = [item for _, item in ctx.live("formative")]
        problems = []
        if len(checkpoints) < cfg.min_checkpoints:
            problems.append(f"{len(checkpoints)} formative checkpoint(s); at least {cfg.min_checkpoints} are needed")
        weeks = [item.week for item in checkpoints]
        if checkpoints and all(week is not None for week in weeks):
            ends = [item.week for _, item in ctx.live("summative") if item.week is not None]
            gaps = _weeks_without_checkpoint(sorted(set(weeks)), max(ends) if ends else None)
            long = [(first, last) for first, last in gaps if last - first + 1 > cfg.max_weeks_without_checkpoint]
            if long:
                shown = " and ".join(_weeks(first, last) for first, last in long)
                problems.append(
                    f"{shown} {'have' if len(long) > 1 or long[0][0] != long[0][1] else 'has'} no formative "
                    f"checkpoint; at most {cfg.max_weeks_without_checkpoint} week(s) in a row may go without one"
                )
        if problems:
            path: tuple[str | int, ...] = ("formative",) if "formative" in (ctx.loaded.data or {}) else ()
            yield self.at(ctx, path, "; ".join(problems), key=bool(path))


def _weeks_without_checkpoint(weeks: list[int], end: int | None) -> list[tuple[int, int]]:
    """Runs of weeks (first, last) with no checkpoint, from week 1 to `end` (the last summative week).

    `weeks` are the checkpoints' weeks, sorted and distinct. The summative week itself is not a gap: the run
    before it is what the learner goes through without feedback.
    """
    gaps = []
    previous = 0
    for week in weeks:
        if week - previous > 1:
            gaps.append((previous + 1, week - 1))
        previous = week
    if end is not None and end - previous > 1:
        gaps.append((previous + 1, end - 1))
    return gaps


def _weeks(first: int, last: int) -> str:
    return f"week {first}" if first == last else f"weeks {first}-{last}"


class NoAuthenticAssessment(Rule):
    code = "AL009"
    name = "no-authentic-assessment"
    severity = Severity.WARNING
    summary = (
        "No summative component is authentic (all exams, no project, case, portfolio, simulation or presentation)."
    )
    what = "Reports a design whose summative methods are all marked `authentic: false` in the framework."
    why = (
        "Guideline 7 tip: micro-credential assessment must be authentic, measuring performance in the context where "
        "the skills are used: projects, case studies, presentations, simulations, portfolios."
    )
    example = "summative:\n  - {id: SA1, title: Final exam, method: written-exam, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings case, method: case-study, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        methods = [(item.method, ctx.framework.method(item.method or "")) for _, item in ctx.live("summative")]
        known = [(name, m) for name, m in methods if m is not None]
        if not known or any(m.authentic for _, m in known):
            return
        authentic = [name for name, m in ctx.framework.summative_methods.items() if m.authentic]
        used = ", ".join(sorted({str(name) for name, _ in known}))
        yield self.at(
            ctx,
            ("summative",),
            f"no authentic summative assessment (only {used}); add one of {', '.join(authentic)}",
            key=True,
        )


class CheckpointPreparesNothing(Rule):
    code = "AL010"
    name = "checkpoint-prepares-nothing"
    severity = Severity.INFO
    summary = "A formative checkpoint does not say which summative component it prepares."
    what = "Reports formative checkpoints with an empty `prepares` list, once the design has summative components."
    why = "Backward design places checkpoints on the way to the summative assessment; naming it lets learners and the timeline see the path."
    example = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 5, outcomes: [LO1, LO2], prepares: []}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 2, outcomes: [LO1], prepares: [SA1]}\n  - {id: FC3, title: Tender practice, method: practice-task, week: 3, hours: 2, outcomes: [LO2], prepares: [SA1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 5, outcomes: [LO1, LO2], prepares: [SA1]}\n  - {id: FC2, title: Draft review, method: draft-feedback, week: 4, hours: 2, outcomes: [LO1], prepares: [SA1]}\n  - {id: FC3, title: Tender practice, method: practice-task, week: 3, hours: 2, outcomes: [LO2], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not any(True for _ in ctx.live("summative")):
            return  # nothing to prepare yet: MI001 reports the missing assessment
        for index, item in ctx.live("formative"):
            if not item.prepares:
                yield self.at(
                    ctx, ("formative", index), f"checkpoint {item.id or index} prepares no summative component", item.id
                )


class ContentAfterCheckpoint(Rule):
    code = "AL011"
    name = "content-after-checkpoint"
    severity = Severity.WARNING
    summary = "A content unit is scheduled after a checkpoint it prepares for."
    what = "Compares the `week` of each content unit with the week of each formative checkpoint in its `checkpoints`."
    why = "Content leads to the checkpoint; a checkpoint before its content checks what has not been taught."
    example = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 3, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"
    fix = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender workshop, mode: onsite, activity: workshop, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        weeks = {item.id: item.week for _, item in ctx.live("formative") if item.id}
        for index, unit in ctx.live("content"):
            if unit.week is None or not unit.id:
                continue
            for pos, fid in _first_mentions(unit.checkpoints):
                week = weeks.get(fid)
                if week is not None and unit.week > week:
                    yield self.at(
                        ctx,
                        ("content", index, "checkpoints", pos),
                        f"content unit {unit.id} is in week {unit.week}, after checkpoint {fid} in week {week} that it prepares for",
                        unit.id,
                    )


class AlignmentNotDocumented(Rule):
    code = "AL012"
    name = "alignment-not-documented"
    severity = Severity.WARNING
    summary = "No summative component, or no formative checkpoint, lists the outcomes it assesses."
    what = (
        "Reports once per design when summative components exist and none lists any outcome, and/or formative "
        "checkpoints exist and none lists any, naming which. Per-item findings (AL001, AL002, AL004) are left to "
        "designs where some links of that kind exist."
    )
    why = (
        "Constructive alignment (guideline 7) is only visible when each assessment names the outcomes it proves; "
        "a specification that never says so gives one gap to close, not one per outcome and item."
    )
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, criteria: Savings found and argued}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2], criteria: Savings found and argued}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        missing = [section for section in _ASSESSING if links(ctx, section) == "none"]
        if not missing:
            return
        said = " and ".join(_none_lists(sum(1 for _ in ctx.live(s)), _ASSESSING[s]) for s in missing)
        yield self.at(
            ctx,
            (missing[0],),
            f"alignment not documented: {said}; list the outcomes each one assesses",
            key=True,
        )


def graded_components(ctx: Context) -> list[tuple[int, Summative]]:
    """The summative components that count towards the grade, with their index: not pass-fail, and a grading ST006 accepts."""
    return [(index, item) for index, item in ctx.live("summative") if item.graded and _grading_known(ctx, item)]


def graded_unknown(ctx: Context) -> bool:
    """Whether some component's grading is not in the framework's vocabulary (ST006): which weights count is unknown."""
    return any(not _grading_known(ctx, item) for _, item in ctx.live("summative"))


def _grading_known(ctx: Context, item: Summative) -> bool:
    return item.grading is None or item.grading in ctx.framework.vocabulary("grading")


def _unassessed(ctx: Context, outcome: str) -> bool:
    """Whether AL001 reports the outcome: backward design sets its assessment before checkpoints and content."""
    return links(ctx, "summative") == "some" and not _reached(ctx, outcome, "summative")


def _reached(ctx: Context, outcome: str, section: str) -> bool:
    """Whether an item of `section` lists the outcome: in the graph, or an item without an id (ST010 says so)."""
    if sources(ctx.graph, outcome, section):
        return True
    return any(outcome in item.outcomes for _, item in ctx.live(section) if not item.id)


def _none_lists(count: int, kind: str) -> str:
    return f"the one {kind} lists no outcome" if count == 1 else f"none of the {count} {kind}s lists an outcome"


def _first_mentions(ids: list[str]) -> Iterator[tuple[int, str]]:
    """Each id of a reference list with its position, once (a repeated reference is reported once)."""
    seen: set[str] = set()
    for pos, ref in enumerate(ids):
        if ref not in seen:
            seen.add(ref)
            yield pos, ref
