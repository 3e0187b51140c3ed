"""Structure rules (ST): the file is YAML, a design, and its items and references hold together."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from designer.model.design import ITEM_MODELS, KIND, REFERENCES, REQUIRED_FIELDS, SECTIONS, VOCABULARY_FIELDS
from designer.model.findings import Finding, Severity
from designer.rules.base import Context, Rule, article


class InternalError(Rule):
    code = "ST000"
    name = "internal-error"
    severity = Severity.ERROR
    summary = (
        "designer itself failed on this file: a bug to report. The other files are still checked; the run exits 2."
    )
    what = (
        "Reports an unexpected exception while designer read or checked this file, or a worker process (`--jobs`) "
        "that stopped while linting it. The message names the exception and, when one rule failed, that rule; the "
        "other rules and the other files are still checked, and `designer lint` exits 2 at the end. It cannot be "
        "turned off with `--ignore`, `--select` or a suppression comment."
    )
    why = (
        "One unexpected input must cost one file's result, not the run's (ruff reports a panic on one file the same "
        "way): a QA office linting 500 designs in CI still gets the other 499, and exit 2 keeps a run with a bug "
        "from passing as clean."
    )
    example = (
        "# No design should trigger ST000: each one is a bug in designer.\n"
        "# Report it with the file, the message and `designer --version`.\n"
    )
    fix = "# Update designer once the bug is fixed; meanwhile the file's other findings stand.\n"


class YamlSyntax(Rule):
    code = "ST001"
    name = "yaml-syntax"
    severity = Severity.ERROR
    summary = "The file is not valid YAML."
    what = "Reports the first YAML syntax error with the line and column where the parser stopped."
    why = "Nothing else can be checked until the file parses; a committee or a CI job cannot read a broken file."
    example = "course: {title: Spend analytics\n"
    fix = "course: {title: Spend analytics}\n"


class UnreadableFile(Rule):
    code = "ST002"
    name = "unreadable-file"
    severity = Severity.ERROR
    summary = "The file cannot be read safely: missing, binary, not UTF-8, too large, an alias bomb or nested too deep."
    what = (
        "Reports files that are not UTF-8 text, contain NUL bytes, exceed the size limit, expand through YAML "
        "aliases to more nodes than the limit (a 'billion laughs' bomb), or nest deeper than the limit. The limits "
        "live in the framework's `limits` section."
    )
    why = "A linter run in CI over a whole folder must never hang or crash on one hostile or accidental file."
    example = "course: &a [*a]\n"
    fix = "course: {title: Spend analytics}\n"


class NotADesign(Rule):
    code = "ST003"
    name = "not-a-design"
    severity = Severity.ERROR
    summary = "The file is empty, not a mapping, or lacks `format: 1`."
    what = "A design is a YAML mapping whose `format` key is 1. Empty files, lists, single values and other format versions are reported."
    why = "The `format` key lets a QA office tell course designs from other YAML in the same folder and keeps old files readable when the format grows."
    example = "format: 2\n"
    fix = "format: 1\n"


class DuplicateKey(Rule):
    code = "ST004"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "A mapping repeats a key; YAML silently keeps only the last value."
    what = "Reports the second occurrence of a key in the same mapping, naming the line of the first."
    why = "YAML 1.2 requires unique keys; most loaders keep the last value without a word, so half of what the author wrote is lost."
    example = "course:\n  title: Spend analytics\n  title: Spend analysis\n"
    fix = "course:\n  title: Spend analytics\n"


class UnknownKey(Rule):
    code = "ST005"
    name = "unknown-key"
    severity = Severity.ERROR
    summary = "A key the format does not know, with the closest known key as a suggestion."
    what = "Every mapping in the format has a fixed set of keys; anything else is reported with a did-you-mean suggestion and otherwise ignored."
    why = "A typo such as `titel` would otherwise drop the value silently and the minimum-information check would blame the wrong thing."
    example = "course:\n  titel: Spend analytics\n"
    fix = "course:\n  title: Spend analytics\n"


class InvalidValue(Rule):
    code = "ST006"
    name = "invalid-value"
    severity = Severity.ERROR
    summary = "A value has the wrong type, is out of range, or is not in the framework's vocabulary."
    what = (
        "Checks types (numbers, text, lists) and ranges from the format, and checks methods, modes, activities, "
        "domains, participation, supervision, stackability and country codes against the framework's vocabularies, "
        "listing the allowed values."
    )
    why = "Vocabularies make designs comparable across a catalogue and map onto the EU and ELM code lists."
    example = "summative:\n  - {id: SA1, title: Savings project, method: projekt, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        fw = ctx.framework
        course = ctx.design.course
        for (section, *fields), vocab_name in VOCABULARY_FIELDS.items():
            allowed = fw.vocabulary(vocab_name)
            values: list[tuple[tuple[str | int, ...], str | None, str | None]]
            if section == "course":
                value: Any = course
                for name in fields:  # a nested course field (approval.status) when its mapping is given
                    value = getattr(value, name) if value is not None else None
                values = [(("course", *fields), value, None)]
            else:
                values = [((section, i, *fields), getattr(item, fields[0]), item.id) for i, item in ctx.live(section)]
            known = " ".join(fields).replace("_", " ")
            for path, value, subject in values:
                if value is not None and value not in allowed:
                    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    yield self.at(
                        ctx, path, f"'{value}' is not a known {known}; {hint}allowed: {', '.join(allowed)}", subject
                    )
        for index, body in enumerate(course.awarding_bodies):
            if body.country is not None and body.country not in fw.countries:
                upper = body.country.upper()
                hint = f"; write '{upper}'" if upper in fw.countries else ""
                yield self.at(
                    ctx,
                    ("course", "awarding_bodies", index, "country"),
                    f"'{body.country}' is not an ISO 3166-1 alpha-2 country code{hint}",
                )


class DuplicateId(Rule):
    code = "ST007"
    name = "duplicate-id"
    severity = Severity.ERROR
    summary = "Two items share an id; ids are unique across the whole design."
    what = "Reports every item whose id was already used by an earlier outcome, summative, formative or content item."
    why = "References (outcomes, prepares, checkpoints) name items by id; a repeated id makes them ambiguous."
    example = "formative:\n  - {id: SA1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        first = ctx.ids
        for section in SECTIONS:
            for index, item in ctx.live(section):
                if item.id and first[item.id] != (section, index):
                    other_section, other_index = first[item.id]
                    line = ctx.loaded.mark((other_section, other_index, "id")).line
                    yield self.at(
                        ctx,
                        (section, index, "id"),
                        f"id '{item.id}' is already used by the {KIND[other_section]} at line {line}",
                        item.id,
                    )


_REFERENCE_FIELDS = {
    section: tuple(f for f in REFERENCES if f in ITEM_MODELS[section].model_fields)
    for section in ("summative", "formative", "content")
}


def _references(ctx: Context) -> Iterator[tuple[tuple[str | int, ...], str, str, str | None]]:
    """(path, ref, expected section, owner id) for every reference in the design."""
    for section, fields in _REFERENCE_FIELDS.items():
        for index, item in ctx.live(section):
            for field in fields:
                target = REFERENCES[field]
                for pos, ref in enumerate(getattr(item, field)):
                    yield (section, index, field, pos), ref, target, item.id


class MissingReference(Rule):
    code = "ST008"
    name = "missing-reference"
    severity = Severity.ERROR
    summary = "A reference names an id that no item has."
    what = (
        "Checks every id in `outcomes`, `prepares` and `checkpoints` lists against the ids in the design, suggesting "
        "the closest. References into a section with an item that is not a mapping (ST006, dropped) are not "
        "checked: they may name the dropped item."
    )
    why = "A dangling reference breaks the alignment the design claims: the outcome it meant is not assessed."
    example = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO3]}\n"
    fix = "summative:\n  - {id: SA1, title: Savings project, method: project, weight: 100, hours: 24, week: 5, outcomes: [LO1, LO2]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ids = ctx.ids
        # An item the loader had to drop (ST006) took its id with it: references into that section may name it.
        dropped = {section for section, _ in ctx.loaded.broken_items}
        for path, ref, target, owner in _references(ctx):
            if ref not in ids and target not in dropped:
                candidates = [i for i, (sec, _) in ids.items() if sec == target]
                close = difflib.get_close_matches(ref, candidates, n=1, cutoff=0.5)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                yield self.at(ctx, path, f"'{ref}' is not the id of any {KIND[target]}{hint}", owner)


class WrongKindReference(Rule):
    code = "ST009"
    name = "wrong-kind-reference"
    severity = Severity.ERROR
    summary = "A reference points at an item of the wrong kind (e.g. `prepares` naming an outcome)."
    what = "`outcomes` lists must name outcomes, `prepares` summative components, `checkpoints` formative checkpoints."
    why = "The alignment graph is typed: a checkpoint prepares a summative component, not an outcome."
    example = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [LO1]}\n"
    fix = "formative:\n  - {id: FC1, title: Spend quiz, method: quiz, week: 2, hours: 1, outcomes: [LO1, LO2], prepares: [SA1]}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        ids = ctx.ids
        for path, ref, target, owner in _references(ctx):
            found = ids.get(ref)
            if found is not None and found[0] != target:
                yield self.at(
                    ctx,
                    path,
                    f"'{ref}' is {article(KIND[found[0]])} {KIND[found[0]]}, but '{path[2]}' must name {article(KIND[target])} {KIND[target]}",
                    owner,
                )


class MissingField(Rule):
    code = "ST010"
    name = "missing-field"
    severity = Severity.ERROR
    summary = "An item lacks a field it needs (an id, a statement, a method...)."
    what = (
        "Outcomes need id, statement and domain; summative components and formative checkpoints id, title and "
        "method; content units id and title. Hours, weeks, weights and the delivery mode and activity of content "
        "units are plan details: WL005 reports them once per design."
    )
    why = "A draft may be half written, but a design cannot be validated or rendered until each item says what it is."
    example = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, domain: knowledge}\n"
    fix = "outcomes:\n  - {id: LO1, statement: Analyse spend data to find savings opportunities., domain: skills}\n  - {id: LO2, statement: Explain the stages of a public tender., domain: knowledge}\n"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for section in SECTIONS:
            for index, item in ctx.live(section):
                invalid = ctx.loaded.invalid
                missing = [
                    f
                    for f in REQUIRED_FIELDS[section]
                    if getattr(item, f) in (None, "") and (section, index, f) not in invalid
                ]
                if missing:
                    label = item.id or f"{section}[{index}]"
                    yield self.at(
                        ctx, (section, index), f"{KIND[section]} {label} has no {', '.join(missing)}", item.id
                    )
