"""A structure-aware generator of hostile course designs, for tests/test_fuzz.py and `make fuzz`.

A mutant starts as one of the sample courses or the tests' base design and goes through a
few mutations of its data: a value of another type, a scalar with an odd YAML tag, a huge
number, a duplicated item (so a duplicated id), a dangling or wrong-kind reference, a
deleted, misspelt or unknown key, deep nesting, control characters and other unicode.
Now and then the YAML text itself is cut or spliced too. Each mutant carries its text
(for `lint_text` and the CLI) and the matching in-memory data (for `lint_data`, the
editor's path), built fresh each time because some of it refers to itself.

`check` states what must hold for any input: no exception, no ST000, every finding with
a known code and a position inside the text, and text, GitHub and JSON output (JSON that
parses and holds every finding).

`catalogue_mutants` does the same to a catalogue: its catalogue.yaml goes through the
mutations above plus catalogue ones (a code that may name nothing added to a course list,
a path, level or stack repeated), and now and then one design's prerequisites or
`towards` get codes and ids that may name nothing. `check_catalogue` states what must
hold for the findings over all its files.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from designer.model.design import REFERENCES, SECTIONS
from designer.model.findings import Finding
from designer.paths import sample_designs
from designer.report import FORMATTERS, FileReport, Summary
from designer.rules.engine import INTERNAL_ERROR, Result
from designer.rules.registry import BY_CODE

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_FIXTURE = ROOT / "tests" / "fixtures" / "catalogue"
SEED_FILES = [*sample_designs(), ROOT / "tests" / "fixtures" / "base.yaml"]
SEEDS: list[dict[str, Any]] = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in SEED_FILES]

Path_ = tuple[str | int, ...]
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _self_referring() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


@dataclass(frozen=True)
class Odd:
    """A value written as raw YAML (a tag, a huge number, an anchor) and what the editor would hold for it."""

    text: str
    make: Callable[[], Any]


def _odd(text: str, value: Any) -> Odd:
    return Odd(text, lambda: copy.deepcopy(value))


ODD_SCALARS: list[Odd] = [
    _odd("!!int", ""),
    _odd("!!int abc", "abc"),
    _odd("!!int 0x", "0x"),
    _odd("!!int 1:2:3", 3723),
    _odd("!!int 99:99:99:99:99:99:99:99:99:99", "99:99"),
    _odd("0x_", "0x_"),
    _odd("-0b_", "-0b_"),
    _odd("1_000", 1000),
    _odd("0o17", "0o17"),
    _odd("!!bool", ""),
    _odd("!!bool maybe", "maybe"),
    _odd("!!float", ""),
    _odd("!!float lots", "lots"),
    _odd("!!float 1e999", math.inf),
    _odd("!!float 1:30.5", 90.5),
    _odd("-.inf", -math.inf),
    _odd(".NaN", math.nan),
    _odd("!!null abc", "abc"),
    _odd("!!set {a, b}", {"a": None, "b": None}),
    _odd("!!omap [a: 1, b: 2]", [{"a": 1}, {"b": 2}]),
    _odd("!!omap [1, 2]", [1, 2]),
    _odd("!!pairs [a: 1]", [{"a": 1}]),
    _odd("!!timestamp 2024-13-45", "2024-13-45"),
    _odd("2024-01-01", datetime.date(2024, 1, 1)),
    _odd("!!binary '!!!'", b"!!!"),
    _odd("!!str 12", "12"),
    _odd("!custom x", "x"),
    _odd("!<tag:yaml.org,2002:int> abc", "abc"),
    _odd("!!python/object/apply:os.system [echo owned]", ["echo owned"]),
    _odd("!!merge x", "x"),
    _odd("<<", "<<"),
    _odd("=", "="),
    _odd("~", None),
    _odd("&loop [*loop]", None),
    Odd("&loop [*loop]", _self_referring),
]


def _huge(digits: int, form: str) -> Odd:
    """A number of `digits` digits written as an int, a negative int, hex or a float."""
    if form == "hex":
        return _odd("0x" + "f" * digits, 16**digits - 1)
    if form == "float":
        return _odd("1" * digits + ".5", float("inf"))
    sign = "-" if form == "negative" else ""
    value = 10**digits - 1
    return _odd(sign + "9" * digits, -value if sign else value)


# Characters that break YAML, terminals or positions: controls, line breaks YAML knows
# but str.splitlines() reads differently, a byte-order mark, bidi overrides, astral planes.
STRANGE = "\x00\x01\x07\x08\t\n\r\x1b\x7f\x85\xa0\u2028\u2029\ufeff\u202e\u200b\U0001f600"
WORDS = [
    "",
    " ",
    "LO1",
    "LO2",
    "SA1",
    "FC1",
    "CU1",
    "lo1",
    "LO1 ",
    "yes",
    "no",
    "null",
    "1e5",
    "08",
    "1:30",
    "project",
    "quiz",
    "online-asynchronous",
    "workshop",
    "skills",
    "eu",
    "es",
    "../../etc/passwd",
    "x" * 300 + ".yaml",
    "\x1b[2J\x1b[31mred",
    "Analyse spend data.",
    "Understand everything.",
]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 120),
    st.integers(),
    st.floats(),
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(STRANGE), max_size=24),
    st.sampled_from(WORDS),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(WORDS), children, max_size=3),
    max_leaves=6,
)
KEYS = st.one_of(
    st.sampled_from(["id", "title", "weight", "hours", "week", "outcomes", "prepares", "checkpoints", "ects"]),
    st.text(max_size=12),
)


@dataclass
class Mutant:
    """One generated design: its YAML text and a builder of its in-memory data."""

    text: str
    template: Any
    odds: dict[str, Odd]

    def data(self) -> Any:
        """The data as the editor would hold it (odd values made fresh, since one refers to itself)."""
        return _substitute(copy.deepcopy(self.template), self.odds)


def _substitute(value: Any, odds: dict[str, Odd]) -> Any:
    if isinstance(value, str) and value in odds:
        return odds[value].make()
    if isinstance(value, dict):
        return {key: _substitute(child, odds) for key, child in value.items()}
    if isinstance(value, list):
        return [_substitute(child, odds) for child in value]
    return value


def _paths(value: Any, path: Path_ = ()) -> list[Path_]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*path, index)))
    return found


def _parent(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


class _Builder:
    """Applies mutations to a copy of a seed, drawing every choice from hypothesis."""

    def __init__(self, draw: Draw, data: dict[str, Any]) -> None:
        self.draw = draw
        self.data = data
        self.odds: dict[str, Odd] = {}

    def placeholder(self, odd: Odd) -> str:
        # Plain text that yaml.safe_dump writes unquoted, swapped for the raw YAML afterwards.
        key = f"zzodd{len(self.odds)}zz"
        self.odds[key] = odd
        return key

    def pick_path(self) -> Path_ | None:
        paths = _paths(self.data)
        return self.draw(st.sampled_from(paths)) if paths else None

    def set_at(self, value: Any) -> None:
        path = self.pick_path()
        if path is not None:
            _parent(self.data, path)[path[-1]] = value

    def replace_value(self) -> None:
        self.set_at(self.draw(VALUES))

    def odd_scalar(self) -> None:
        self.set_at(self.placeholder(self.draw(st.sampled_from(ODD_SCALARS))))

    def huge_number(self) -> None:
        digits = self.draw(st.sampled_from([15, 16, 20, 310, 4299, 4300, 4301, 6000]))
        form = self.draw(st.sampled_from(["int", "negative", "hex", "float"]))
        self.set_at(self.placeholder(_huge(digits, form)))

    def delete_key(self) -> None:
        path = self.pick_path()
        if path is not None:
            parent = _parent(self.data, path)
            del parent[path[-1]]

    def rename_key(self) -> None:
        path = self.pick_path()
        if path is not None and isinstance(path[-1], str):
            parent = _parent(self.data, path)
            parent[self.draw(KEYS)] = parent.pop(path[-1])

    def add_key(self) -> None:
        path = self.pick_path()
        target = _parent(self.data, path) if path is not None else self.data
        if isinstance(target, dict):
            target[self.draw(KEYS)] = self.draw(VALUES)

    def duplicate_item(self) -> None:
        sections = [s for s in SECTIONS if isinstance(self.data.get(s), list) and self.data[s]]
        if not sections:
            return
        items = self.data[self.draw(st.sampled_from(sections))]
        twin = copy.deepcopy(self.draw(st.sampled_from(items)))
        if isinstance(twin, dict) and self.draw(st.booleans()):
            twin["week"] = self.draw(st.integers(1, 12))
        items.insert(self.draw(st.integers(0, len(items))), twin)

    def items(self) -> list[dict[str, Any]]:
        """The items of every section that is still a list of mappings, after earlier mutations."""
        sections = [self.data.get(section) for section in SECTIONS]
        return [item for items in sections if isinstance(items, list) for item in items if isinstance(item, dict)]

    def reference(self) -> None:
        items = self.items()
        owners = [(item, field) for item in items for field in REFERENCES if isinstance(item.get(field), list)]
        if not owners:
            return
        item, field = self.draw(st.sampled_from(owners))
        ids = [i["id"] for i in items if isinstance(i.get("id"), str)]
        ref = self.draw(st.sampled_from(ids) | st.text(max_size=6)) if ids else self.draw(st.text(max_size=6))
        item[field].insert(self.draw(st.integers(0, len(item[field]))), ref)

    def nest(self) -> None:
        depth = self.draw(st.integers(1, 80))
        value: Any = self.draw(SCALARS)
        for _ in range(depth):
            value = [value] if self.draw(st.booleans()) else {"k": value}
        self.set_at(value)

    MUTATIONS = (
        replace_value,
        odd_scalar,
        huge_number,
        delete_key,
        rename_key,
        add_key,
        duplicate_item,
        reference,
        nest,
    )


def _emit(data: Any, odds: dict[str, Odd]) -> str:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)
    for key, odd in odds.items():
        text = text.replace(key, odd.text)
    return text


def _splice(draw: Draw, text: str) -> str:
    """A text-level change: a strange character, a cut, a repeated line or a suppression comment."""
    at = draw(st.integers(0, len(text)))
    kind = draw(st.sampled_from(["char", "cut", "repeat", "suppress", "truncate"]))
    if kind == "char":
        return text[:at] + draw(st.sampled_from(list(STRANGE) + list(":{}[]&*!|>#%@`'\"-? \ud800"))) + text[at:]
    if kind == "cut":
        return text[:at] + text[at + draw(st.integers(1, 40)) :]
    if kind == "truncate":
        return text[:at]
    lines = text.split("\n")
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "repeat":
        lines.insert(index, lines[index])
    else:
        codes = draw(st.sampled_from(["ST005", "ST000", "WL001, WL002", "al001", "XX999", ""]))
        lines[index] += f"  # designer: ignore[{codes}]"
    return "\n".join(lines)


@st.composite
def mutants(draw: Draw, max_mutations: int = 5) -> Mutant:
    """A seed design after 1 to `max_mutations` mutations, and sometimes a splice of its text."""
    seed = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    builder = _Builder(draw, seed)
    for _ in range(draw(st.integers(1, max_mutations))):
        draw(st.sampled_from(_Builder.MUTATIONS))(builder)
    text = _emit(builder.data, builder.odds)
    if draw(st.integers(0, 9)) == 0:
        text = _splice(draw, text)
    return Mutant(text=text, template=builder.data, odds=builder.odds)


_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def check(result: Result, text: str | None = None) -> None:
    """What must hold for any input. `text` bounds the positions when the result came from text."""
    lines = len(_LINE_BREAKS.split(text)) if text is not None else None
    for finding in result.findings:
        shown = f"{finding.code} {finding.line}:{finding.column} {finding.message}"
        assert finding.code != INTERNAL_ERROR, shown
        assert finding.code in BY_CODE, shown
        assert finding.line >= 1 and finding.column >= 1, shown
        assert lines is None or finding.line <= lines, f"line beyond the text's {lines} lines: {shown}"
        assert isinstance(finding.message, str) and finding.message, shown
    report = FileReport(path=result.path, findings=result.findings, unreadable=result.loaded.unreadable)
    # SARIF embeds every rule's documentation, which costs more than the lint itself: the CLI runs cover it.
    for name in ("text", "github", "json"):
        out = io.StringIO()
        FORMATTERS[name]([report], Summary.of([report]), out, False)
        if name == "json":
            assert len(json.loads(out.getvalue())["findings"]) == len(result.findings)


# Catalogues

CATALOGUE_SEED_FILES = sorted(
    p for p in [ROOT / "sample_courses" / "catalogue.yaml", CATALOGUE_FIXTURE / "catalogue.yaml"] if p.is_file()
)
CATALOGUE_SEEDS: list[dict[str, Any]] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in CATALOGUE_SEED_FILES]
DESIGN_NAMES = sorted(p.name for p in CATALOGUE_FIXTURE.glob("*.yaml") if p.name != "catalogue.yaml")
CODES = st.sampled_from(
    ["DIG-101", "DIG-201", "DIG-202", "DIG-301", "dig-101", "DIG-1O1", "certificate", ""]
) | st.text(max_size=8)
CODE_LISTS = ("courses", "required", "electives", "methods", "members")


class _CatalogueBuilder(_Builder):
    """The design mutations that make sense for any YAML, and catalogue ones."""

    def code_reference(self) -> None:
        lists = [path for path in _paths(self.data) if path and path[-1] in CODE_LISTS]
        if not lists:
            return
        target = _parent(self.data, (*self.draw(st.sampled_from(lists)), 0))
        if isinstance(target, list):
            target.insert(self.draw(st.integers(0, len(target))), self.draw(CODES))

    def repeat_item(self) -> None:
        lists = [
            path
            for path in _paths(self.data)
            if path and path[-1] in ("paths", "levels", "stacks") and isinstance(_parent(self.data, (*path, 0)), list)
        ]
        if not lists:
            return
        items = _parent(self.data, (*self.draw(st.sampled_from(lists)), 0))
        if items:
            items.insert(self.draw(st.integers(0, len(items))), copy.deepcopy(self.draw(st.sampled_from(items))))

    MUTATIONS = (
        _Builder.replace_value,
        _Builder.odd_scalar,
        _Builder.huge_number,
        _Builder.delete_key,
        _Builder.rename_key,
        _Builder.add_key,
        _Builder.nest,
        code_reference,
        repeat_item,
    )


@dataclass
class CatalogueMutant:
    """A mutated catalogue.yaml, and the designs of the fixture catalogue whose course references changed."""

    catalogue: Mutant
    designs: dict[str, str]


@st.composite
def catalogue_mutants(draw: Draw, max_mutations: int = 5) -> CatalogueMutant:
    seed = copy.deepcopy(draw(st.sampled_from(CATALOGUE_SEEDS)))
    builder = _CatalogueBuilder(draw, seed)
    for _ in range(draw(st.integers(1, max_mutations))):
        draw(st.sampled_from(_CatalogueBuilder.MUTATIONS))(builder)
    text = _emit(builder.data, builder.odds)
    if draw(st.integers(0, 9)) == 0:
        text = _splice(draw, text)
    designs: dict[str, str] = {}
    if draw(st.booleans()):
        name = draw(st.sampled_from(DESIGN_NAMES))
        design = yaml.safe_load((CATALOGUE_FIXTURE / name).read_text(encoding="utf-8"))
        field = draw(st.sampled_from(["prerequisite_courses", "towards", "code", "stackability", "eqf_level"]))
        value = draw(st.lists(CODES, max_size=3) | CODES | SCALARS)
        design["course"][field] = value
        designs[name] = _emit(design, {})
    return CatalogueMutant(Mutant(text=text, template=builder.data, odds=builder.odds), designs)


def check_catalogue(findings: list[Finding], texts: dict[str, str]) -> None:
    """What must hold for a catalogue's findings: those of `check`, each inside the text of the file it names."""
    for finding in findings:
        shown = f"{finding.path} {finding.code} {finding.line}:{finding.column} {finding.message}"
        assert finding.code != INTERNAL_ERROR, shown
        assert finding.code in BY_CODE, shown
        assert finding.line >= 1 and finding.column >= 1, shown
        text = texts[finding.path]
        assert finding.line <= len(_LINE_BREAKS.split(text)), f"line beyond the text: {shown}"
        assert isinstance(finding.message, str) and finding.message, shown
