"""Delivery rules (DL): guideline 8, a student-centred course."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule


class AsynchronousWithoutInteraction(Rule):
    code = "DL001"
    name = "asynchronous-without-interaction"
    severity = Severity.WARNING
    summary = "Every content unit is online-asynchronous and none is an interaction activity."
    what = (
        "Reports a design whose content units all use an asynchronous mode (framework `delivery.asynchronous_modes`) "
        "with no interaction activity (`delivery.interaction_activities`: workshop, discussion, group work...)."
    )
    why = (
        "Guideline 8: in online, especially asynchronous, courses learners lose their way and motivation; plan "
        "interaction and mentoring, e.g. an asynchronous section matched with a synchronous one."
    )
    example = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender module, mode: online-asynchronous, activity: self-study, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"
    fix = "content:\n  - {id: CU1, title: Spend analysis, mode: online-asynchronous, activity: e-learning, week: 1, hours: 30, outcomes: [LO1], checkpoints: [FC1]}\n  - {id: CU2, title: Tender clinic, mode: online-asynchronous, activity: discussion, week: 2, hours: 20, outcomes: [LO2], checkpoints: [FC1, FC3]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        units = [unit for _, unit in ctx.live("content")]
        if not units:
            return
        cfg = ctx.framework.delivery
        asynchronous = set(cfg.asynchronous_modes)
        interaction = set(cfg.interaction_activities)
        if all(unit.mode in asynchronous for unit in units) and not any(unit.activity in interaction for unit in units):
            yield self.at(
                ctx,
                ("content",),
                f"all {len(units)} content units are asynchronous with no interaction activity; add a synchronous "
                "session, discussion, group work or mentoring",
                key=True,
            )
