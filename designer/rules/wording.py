"""Outcome wording rules (OW): measurable verbs, no vague verbs, no repeats."""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule, article


class NoMeasurableVerb(Rule):
    code = "OW001"
    name = "no-measurable-verb"
    severity = Severity.WARNING
    summary = "An outcome statement does not start with a measurable (Bloom) verb."
    what = (
        "Strips a preamble such as 'Learners will be able to' and checks that the statement starts with a verb from "
        "the framework's Bloom lists (define, explain, apply, analyse, evaluate, design...)."
    )
    why = (
        "Outcomes state what the learner will be able to do (guideline 6) in observable, measurable terms (QM "
        "standard 2.1); the leading verb is what the assessment checks."
    )
    example = "outcomes:\n  - {id: LO1, statement: Spend data and savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        fw = ctx.framework
        for index, outcome in ctx.live("outcomes"):
            if not outcome.statement or fw.leading_verb(outcome.statement) is not None:
                continue
            if fw.vague_phrase(outcome.statement) is not None:
                continue  # OW002 says it better, with suggestions
            words = fw.statement_words(outcome.statement)
            first = words[0] if words else ""
            yield self.at(
                ctx,
                ("outcomes", index, "statement"),
                f"{outcome.id or 'outcome'} does not start with a measurable verb ('{first}'); start with a verb such as "
                "identify, explain, apply, analyse, evaluate or design",
                outcome.id,
            )


class VagueVerb(Rule):
    code = "OW002"
    name = "vague-verb"
    severity = Severity.WARNING
    summary = "An outcome uses a verb to avoid (understand, know, be aware of...)."
    what = "Finds the framework's verbs and phrases to avoid anywhere in the statement and suggests measurable verbs from the matching Bloom level."
    why = "'Understand' or 'know' cannot be observed, so they cannot be assessed against transparent criteria (2022 Recommendation, principle 4: valid assessment)."
    example = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Understand the stages of a public tender., domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        fw = ctx.framework
        for index, outcome in ctx.live("outcomes"):
            if not outcome.statement:
                continue
            match = fw.vague_phrase(outcome.statement)
            if match is not None:
                better = ", ".join(fw.suggestions(match.suggest))
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
