"""Rule documentation in Markdown: `designer rule CODE`, docs/rules.md and SARIF help share it."""

from __future__ import annotations

from designer.rules.base import Rule
from designer.rules.registry import FAMILIES, RETIRED, RULES

SEVERITY_POLICY = (
    "## Severity policy\n\n"
    "- **error**: a breach of the guidelines or the EU rules: an outcome no summative component assesses, a "
    "missing Annex I element, ECTS outside the national range, weights that leave the grade undefined, or a file "
    "that cannot be read as a design. Errors fail `designer lint` and block `designer render` (use `--draft`).\n"
    "- **warning**: a quality concern an expert reviewer would raise: a vague outcome, an assessment that proves "
    "no outcome, a workload outside the band, no criteria for a summative component. Warnings fail only with "
    "`--strict`.\n"
    "- **info**: a gap in what the design states: plan details (hours, weeks, weights, content links) a draft or a "
    "transcribed specification does not give, or a link it does not name. Info never fails a run.\n\n"
    "One root cause gives one finding: with no formative checkpoint at all AL008 reports it, not AL002 per "
    "outcome; with no alignment links of a kind AL012 (assessments) or WL005 (content) reports it once, not "
    "AL001-AL005 per item; missing plan details are listed together by WL005.\n"
)


# Notes printed under a family's heading.
FAMILY_NOTES = {
    "OW": (
        "### How outcome statements are read\n\n"
        "Statements are read in the design's language (`course.language`, e.g. `en-GB` reads as `en`) with the data "
        "in `frameworks/wording/<lang>.yaml` (de, en, es, fr, it, nl, pt; each list cites its sources). A language "
        "without data gets one OW005 for the design, and OW001-OW004, LV002-LV004 leave its outcomes alone.\n\n"
        "1. **Lead-in.** List marks, an opening from `openings` ('Students will be able to', 'El estudiante será "
        "capaz de', 'De student kan'), anything up to a `lead_markers` phrase near the start ('Upon successful "
        "completion of this module, the student can'), an introductory phrase closed by a comma ('In speaking,') "
        "and adverbs ('Critically', 'Informally') are stripped.\n"
        "2. **Main verb.** Read where the language puts it: first (en, es, it, pt, fr) or closing the clause (de, "
        "nl: 'Die Studierenden können Daten analysieren'). Inflected forms ('Utilized', 'diseñará', 'anzuwenden') "
        "come from tables generated ahead of time with lemminflect and simplemma (`make verb-forms`), so the "
        "linter loads neither. A verb followed by 'of' is a topic ('Use of statistics'), and a teacher's aim "
        "('Provide students with') is not a learner's action.\n"
        "3. **Vague actions.** A verb or phrase to avoid at the main verb's place is OW002, including phrases that "
        "hide a vague action behind a measurable-looking verb ('demonstrate a thorough understanding of', 'have a "
        "working knowledge of', 'develop an awareness of'); the Bloom level is then not read from the leading "
        "word ('Develop an awareness of' is not Create).\n"
        "4. **Coordinated actions.** Verbs joined to the main verb by 'and', 'or' or commas, in the same form, up to "
        "a relative or purpose clause ('that', 'to' + verb, 'in order to'), and actions in a second sentence, make "
        "a compound outcome (OW004). Pairs that are one action (`one_action`: 'compare and contrast') and verbs "
        "used as nouns ('planning, design and evaluation of') do not count; a vague verb sharing its object with a "
        "measurable one ('Explain and understand X') is OW002's alone.\n\n"
        "**Where some verbs sit (en), and why.** *compare*, *contrast*: Understand (Anderson & Krathwohl 2001 put "
        "comparing under Understand). *outline*: Understand (A&K list outlining under Analyse as organising a "
        "text's structure, but 'Outline the stages of X' means describe briefly; Kennedy et al. 2007 put it at "
        "Comprehension). *construct*: Create (A&K: producing), but *routine creation* — create, construct, draw or "
        "produce a chart, table, graph, diagram or list — is Apply (`routine`: executing a known procedure). "
        "*select*, *choose*: Analyse (A&K: differentiating). *write*: Apply (code, queries, routine documents; "
        "writing a new work is *compose* or *author*, Create).\n\n"
        "**Measured.** `bench/bench_wording.py` compares the rules with a careful human reading of real outcome "
        "statements (tests/corpus/outcomes, with a held-out split never used for tuning); the README gives the "
        "figures.\n"
    ),
}


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    return (
        f"{heading} {rule.code} {rule.name}\n\n"
        f"Default severity: **{rule.severity.value}**. {rule.summary}\n\n"
        f"**What it checks.** {rule.what}\n\n"
        f"**Why.** {rule.why}\n\n"
        f"**Example that fails** (keys laid over a complete design):\n\n```yaml\n{rule.example.rstrip()}\n```\n\n"
        f"**Fix:**\n\n```yaml\n{rule.fix.rstrip()}\n```\n"
    )


def rules_markdown() -> str:
    """The whole of docs/rules.md."""
    lines = [
        "# designer rules",
        "",
        "Generated by `designer rules --format md`; do not edit by hand (a test keeps this file in sync).",
        "Suppress a rule for one node with a comment on that node's line: `# designer: ignore[AL002]`.",
        "",
        SEVERITY_POLICY,
        "| Code | Name | Severity | Summary |",
        "|---|---|---|---|",
    ]
    for rule in RULES:
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | {rule.name} | {rule.severity.value} | {rule.summary} |"
        )
    lines.append("")
    family = ""
    for rule in RULES:
        if rule.code[:2] != family:
            family = rule.code[:2]
            lines.extend([f"## {FAMILIES[family]} ({family})", ""])
            if family in FAMILY_NOTES:
                lines.append(FAMILY_NOTES[family])
        lines.append(rule_markdown(rule, "###"))
    lines.extend(["## Retired rules", "", "A retired code is never reused for another check.", ""])
    lines.extend(f"- **{code}** {text}." for code, text in RETIRED.items())
    return "\n".join(lines).rstrip() + "\n"
