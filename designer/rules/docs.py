"""Rule documentation in Markdown: `designer rule CODE`, docs/rules.md and SARIF help share it."""

from __future__ import annotations

from designer.rules.base import Rule
from designer.rules.catalogue import EXAMPLE_NOTE, CatalogueRule
from designer.rules.registry import FAMILIES, RETIRED, RULES

SEVERITY_POLICY = (
    "## Severity policy\n\n"
    "- **error**: a breach of the guidelines or the EU rules: an outcome no summative component assesses, a "
    "missing Annex I element, ECTS outside the national range, weights that leave the grade undefined, a stack its "
    "courses cannot earn, or a file that cannot be read as a design; and a broken reference: an id, course code or "
    "stack id that names nothing. Errors fail `designer lint` and block `designer render` (use `--draft`).\n"
    "- **warning**: a quality concern an expert reviewer would raise: a vague outcome, an assessment that proves "
    "no outcome, a workload outside the band, no criteria for a summative component. Warnings fail only with "
    "`--strict`.\n"
    "- **info**: a gap in what the design states: plan details (hours, weeks, weights, content links) a draft or a "
    "transcribed specification does not give, or a link it does not name. Info never fails a run.\n\n"
    "One root cause gives one finding: with no formative checkpoint at all AL008 reports it, not AL002 per "
    "outcome; with no alignment links of a kind AL012 (assessments) or WL005 (content) reports it once, not "
    "AL001-AL005 per item; missing plan details are listed together by WL005. In a catalogue, a misspelt code is "
    "one CT002, not also an unused course or a stack that seems short; a prerequisite cycle is one CT006 per cycle, "
    "not one per course in it.\n\n"
    "Numbers a rule uses live in `frameworks/*.yaml`, each with its source.\n"
)


# Notes printed under a family's heading.
FAMILY_NOTES = {
    "EX": (
        "### Opt-in: asked for, never in a plain lint\n\n"
        "A design is complete without the fields a credential standard needs, so `designer lint` does not run "
        'these rules. `designer lint --select EX` (or an EX code, or `select = ["EX"]` in designer.toml) checks '
        "export readiness, and `designer export --format elm|ob3` runs the EX rules whose field that format uses. "
        "What each format needs, and what for, is data in `frameworks/export/readiness.yaml`; each message names "
        "the formats that use the field.\n"
    ),
    "CT": (
        "### How a catalogue is checked\n\n"
        "A catalogue is a folder of designs with a `catalogue.yaml` at its root (schema: `designer schema "
        "--catalogue`, docs/catalogue.schema.json): its title and owner, learning **paths** of ordered levels, each "
        "with its intent and the assessment it `expects`, and **stacks**, the larger credentials its courses stack "
        "towards (ECTS, minimum credits, EQF level, required and elective courses). Designs name catalogue courses "
        "in `course.prerequisite_courses` and stacks in `course.towards`, by `course.code` and stack id.\n\n"
        "`designer lint` runs the CT rules whenever a linted file or folder lies in a catalogue (a `catalogue.yaml` "
        "at or above it) or holds one: over **all** the designs of that catalogue's folder, even those not among "
        "the linted paths, reporting only on the linted files and on catalogue.yaml. catalogue.yaml itself is read "
        "with the checks a design gets (ST001-ST006) and is never linted as a design; when it cannot be read, its "
        "findings say why and the designs are still linted. A suppression comment works in catalogue.yaml as in a "
        "design. The figures the rules report (a stack's credits, a course's level, prerequisite cycles) come from "
        "one place, designer/graph/catalogue.py, which the catalogue site reads too.\n"
    ),
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
        "word ('Develop an awareness of' is not Create). A statement with no action whose first phrase names a vague "
        "capability as a noun (`vague_nouns`: 'Advanced knowledge of', 'Zentrales Lernziel ist das Verständnis') is "
        "OW002 too; a topic list ('Tendering techniques and an understanding of') and a teacher's aim stay OW001.\n"
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
    over = EXAMPLE_NOTE if isinstance(rule, CatalogueRule) else "keys laid over a complete design"
    return (
        f"{heading} {rule.code} {rule.name}\n\n"
        f"Default severity: **{rule.severity.value}**. {rule.summary}\n\n"
        f"**What it checks.** {rule.what}\n\n"
        f"**Why.** {rule.why}\n\n"
        f"**Example that fails** ({over}):\n\n```yaml\n{rule.example.rstrip()}\n```\n\n"
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
