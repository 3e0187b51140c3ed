"""Outcome wording rules (OW): one measurable main verb per outcome, in the design's language.

Every rule reads statements through the wording data of `course.language`
(frameworks/wording/<lang>.yaml); a language without data is said once (OW005).
"""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule, article


def _quote(words: tuple[str, ...]) -> str:
    quoted = [f"'{w}'" for w in words]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else "".join(quoted)


class NoMeasurableVerb(Rule):
    code = "OW001"
    name = "no-measurable-verb"
    severity = Severity.WARNING
    summary = "An outcome statement does not start with a measurable (Bloom) verb."
    what = (
        "Strips the lead-in ('Learners will be able to', 'On completion, the student can', adverbs) and reads the "
        "main verb where the design's language puts it: first (en, es, it, pt, fr) or closing the clause (de, nl; "
        "a main clause's finite verb second, with a separable verb's prefix closing the clause joined to it: 'De "
        "student legt de werking uit' reads uitleggen). Reports statements that do not start with an action: no "
        "verb of the language's Bloom lists (inflected forms included), no word the generated lexicon knows can "
        "only be a verb, and (en) no base form that can be a verb with its object's determiner after it (a verb "
        "the lists lack, such as 'persister', or 'plot' in 'Plot a histogram', is given the benefit of the doubt; "
        "its Bloom level stays unknown)."
    )
    why = (
        "Outcomes state what the learner will be able to do (guideline 6) in observable, measurable terms (QM "
        "standard 2.1); the main verb is what the assessment checks."
    )
    example = "outcomes:\n  - {id: LO1, statement: Spend data and savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        wording = ctx.wording
        if wording is None:
            return
        firsts = [wording.verbs[level.id][0] for level in ctx.framework.bloom_levels if wording.verbs.get(level.id)]
        examples = ", ".join(firsts[:-1]) + " or " + firsts[-1] if len(firsts) > 1 else "".join(firsts)
        for index, outcome, reading in ctx.readings():
            if reading.verb is not None or reading.vague is not None or reading.unlisted is not None:
                continue  # OW002 says it better, with suggestions
            yield self.at(
                ctx,
                ("outcomes", index, "statement"),
                f"{outcome.id or 'outcome'} does not start with a measurable verb ('{reading.first_word}'); start "
                f"with a verb such as {examples}",
                outcome.id,
            )


class VagueVerb(Rule):
    code = "OW002"
    name = "vague-verb"
    severity = Severity.WARNING
    summary = "An outcome's main action is vague (understand, know, 'demonstrate an understanding of'...)."
    what = (
        "Reads the main verb as OW001 does and reports it when it is one of the language's verbs or phrases to "
        "avoid, including vague phrases behind a measurable-looking verb ('demonstrate an understanding of', "
        "'have a working knowledge of'), and a statement with no action that names a vague capability as a noun "
        "('Advanced knowledge of'). Suggests measurable verbs of the matching Bloom level, in the design's language."
    )
    why = "'Understand' or 'know' cannot be observed, so they cannot be assessed against transparent criteria (2022 Recommendation, principle 4: valid assessment)."
    example = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Understand the stages of a public tender., domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        wording = ctx.wording
        for index, outcome, reading in ctx.readings():
            match = reading.vague
            if match is not None and wording is not None:
                better = ", ".join(wording.suggestions(match.suggest))
                yield self.at(
                    ctx,
                    ("outcomes", index, "statement"),
                    f"'{match.phrase}' is not measurable; use {article(match.suggest.label)} {match.suggest.label} verb such as {better}",
                    outcome.id,
                )


class DuplicateStatement(Rule):
    code = "OW003"
    name = "duplicate-statement"
    severity = Severity.WARNING
    summary = "Two outcomes have the same statement."
    what = "Compares statements ignoring case, spacing and final punctuation."
    why = "Repeated outcomes inflate the list and blur what the credential certifies (principle 2: transparency)."
    example = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: analyse spend data to find savings opportunities, domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: dict[str, str] = {}
        for index, outcome in ctx.live("outcomes"):
            if not outcome.statement:
                continue
            key = " ".join(outcome.statement.lower().split()).rstrip(" .;:!?")
            if key in seen:
                yield self.at(
                    ctx,
                    ("outcomes", index, "statement"),
                    f"{outcome.id} repeats the statement of {seen[key]}",
                    outcome.id,
                )
            else:
                seen[key] = outcome.id or f"outcomes[{index}]"


class CompoundOutcome(Rule):
    code = "OW004"
    name = "compound-outcome"
    severity = Severity.WARNING
    summary = "An outcome joins two or more main actions ('Explain X and analyse Y')."
    what = (
        "Collects the verbs coordinated with the main verb ('and', 'or', commas, a modal: 'and can use'), skipping "
        "relative and purpose clauses ('that', 'which', 'to' + verb), and the actions of a second sentence, in the "
        "design's language. Pairs that are one action ('compare and contrast', the language file's `one_action`), "
        "verbs used as nouns ('the design of'), verbs in another form ('explain ... and analysing') and a vague "
        "verb sharing its object with a measurable one ('Explain and understand X', OW002's alone) do not count."
    )
    why = (
        "Each outcome should state one action so that one assessment can show whether it is achieved (ECTS Users' "
        "Guide 2015, writing learning outcomes; guideline 6); a compound outcome that is half achieved cannot be judged."
    )
    example = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender and evaluate bids., domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for index, outcome, reading in ctx.readings():
            if reading.compound:
                yield self.at(
                    ctx,
                    ("outcomes", index, "statement"),
                    f"{outcome.id or 'outcome'} joins {len(reading.actions)} actions ({_quote(reading.actions)}); "
                    "split it into one outcome per action so each can be assessed",
                    outcome.id,
                )


class WordingNotChecked(Rule):
    code = "OW005"
    name = "wording-not-checked"
    severity = Severity.INFO
    summary = "Outcome wording is not checked: the framework has no wording data for the design's language."
    what = (
        "Reported once per design when `course.language` names a language without a frameworks/wording file "
        "(built in: de, en, es, fr, it, nl, pt); OW001-OW004 and the Bloom levels of LV002-LV003 are then skipped."
    )
    why = "Judging Finnish outcomes with English verb lists would flag every one; saying once that they were not read is honest."
    example = "course: {language: fi}\n"
    fix = "course: {language: en}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.wording is not None or not ctx.design.outcomes:
            return
        language = ctx.framework.language(ctx.design.course.language)
        path: tuple[str | int, ...] = ("course", "language") if ctx.design.course.language else ("outcomes",)
        from designer.frameworks import wording_ids

        yield self.at(
            ctx,
            path,
            f"outcome wording not checked for language {language}: no wording data (have {', '.join(wording_ids())})",
            key=path == ("outcomes",),
        )
