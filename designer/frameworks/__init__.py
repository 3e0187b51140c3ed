"""Load the framework files (frameworks/*.yaml) that hold every number a rule uses.

A framework may `extends:` another by id or path; mappings merge key by key and
everything else replaces. The merged result is checked against the typed models
in designer.frameworks.models, and a bad value is reported with the file that
set it and its line and column. Loaded frameworks are cached per process.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from designer.frameworks.models import (
    Alignment,
    CatalogueChecks,
    Delivery,
    Ects,
    EqfLevel,
    FrameworkSpec,
    InformationElement,
    OutcomeCount,
    SummativeMethod,
    Vocabularies,
)
from designer.frameworks.wording import BloomLevel, Reading, VerbMatch, Wording
from designer.model.figures import as_written, exact
from designer.paths import data_dir

BUILTIN_DEFAULT = "eu"


class FrameworkError(Exception):
    """A framework cannot be found or read; the message says which and why."""


@dataclass(eq=False)
class Framework:
    """A merged, validated framework: its typed sections plus the lookups the rules need."""

    id: str
    name: str
    source: str
    spec: FrameworkSpec = field(repr=False)
    _wordings: dict[str, Wording | None] = field(default_factory=dict, repr=False)
    _vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    # Typed sections, read as `framework.ects.hours_per_credit.min`.
    @property
    def ects(self) -> Ects:
        return self.spec.ects

    @property
    def alignment(self) -> Alignment:
        return self.spec.alignment

    @property
    def outcomes(self) -> OutcomeCount:
        return self.spec.outcomes

    @property
    def delivery(self) -> Delivery:
        return self.spec.delivery

    @property
    def catalogue(self) -> CatalogueChecks:
        return self.spec.catalogue

    @property
    def vocabularies(self) -> Vocabularies:
        return self.spec.vocabularies

    @property
    def summative_methods(self) -> dict[str, SummativeMethod]:
        return self.spec.summative_methods

    @property
    def minimum_information(self) -> list[InformationElement]:
        return self.spec.minimum_information

    @property
    def optional_information(self) -> list[InformationElement]:
        return self.spec.optional_information

    @cached_property
    def limits(self) -> dict[str, int]:
        """The loader's limits, as the loader takes them (read for every file linted, so built once)."""
        return self.spec.limits.model_dump()

    # ECTS
    def rate_band(self, hours_per_ects: float | None) -> tuple[Decimal, Decimal]:
        """Hours per credit a design may plan: the framework's band, or a fixed rate widened by its tolerance.

        A fixed rate is the design's own `hours_per_ects`, or the framework's when its band is one figure.
        Decimal, from the figures as written, so a total on the band's edge is inside it (see designer.model.workload).
        """
        band = self.ects.hours_per_credit
        low, high = as_written(band.min), as_written(band.max)
        if hours_per_ects is None and low != high:
            return low, high
        rate = as_written(hours_per_ects) if hours_per_ects is not None else low
        tolerance = as_written(self.ects.fixed_rate_tolerance)
        return rate * (1 - tolerance), rate * (1 + tolerance)

    # Alignment
    def weights_total(self, weights: Iterable[object]) -> tuple[float, bool]:
        """(the sum of summative weights, whether it is within `alignment.weight_tolerance` of `weight_total`).

        Summed as the decimals written, so 33.33 x 3 is 99.99, not 99.98999999999999; values
        that are not numbers (a half-typed weight in the editor) count as none.
        """
        got = sum((w for w in map(exact, weights) if w is not None), Decimal(0))
        gap = abs(got - as_written(self.alignment.weight_total))
        return float(got), gap <= as_written(self.alignment.weight_tolerance)

    def max_outcomes(self, ects: float | None) -> int:
        """Most outcomes a course of `ects` credits supports: per credit (rounded up), within the floor and ceiling.

        Without credits, the ceiling: the limit for a course of any size.
        """
        cfg = self.outcomes
        if ects is None:
            return cfg.max_ceiling
        scaled = math.ceil(as_written(ects) * as_written(cfg.max_per_credit))
        return min(cfg.max_ceiling, max(cfg.max_floor, scaled))

    # EQF
    @property
    def eqf_levels(self) -> dict[int, EqfLevel]:
        return self.spec.eqf.levels

    def expected_bloom(self, eqf_level: int) -> BloomLevel | None:
        entry = self.eqf_levels.get(eqf_level)
        if entry is None or entry.expected_bloom is None:
            return None
        return self.bloom_by_id[entry.expected_bloom]

    # Bloom and outcome wording
    @cached_property
    def bloom_levels(self) -> tuple[BloomLevel, ...]:
        return tuple(BloomLevel(id=lv.id, label=lv.label, rank=i + 1) for i, lv in enumerate(self.spec.bloom.levels))

    @cached_property
    def bloom_by_id(self) -> dict[str, BloomLevel]:
        return {lv.id: lv for lv in self.bloom_levels}

    def language(self, language: str | None) -> str:
        """The wording language of a design: `course.language` ('en-GB' -> 'en'), or the framework's default."""
        code = (language or "").strip().lower().replace("_", "-").split("-")[0]
        return code or self.spec.bloom.default_language

    def wording(self, language: str | None = None) -> Wording | None:
        """The wording data for a design's language, or None when the framework has none for it."""
        code = self.language(language)
        if code not in self._wordings:
            self._wordings[code] = load_wording(self, code)
        return self._wordings[code]

    def reading(self, statement: str, language: str | None = None) -> Reading | None:
        wording = self.wording(language)
        return wording.read(statement) if wording is not None else None

    def leading_verb(self, statement: str, language: str | None = None) -> VerbMatch | None:
        """The measurable main verb of a statement, or None (no verb, a vague one, or no data for the language)."""
        reading = self.reading(statement, language)
        return reading.verb if reading is not None else None

    def suggestions(self, level: BloomLevel, language: str | None = None) -> list[str]:
        wording = self.wording(language)
        return wording.suggestions(level) if wording is not None else []

    # Vocabularies and methods
    def vocabulary(self, name: str) -> tuple[str, ...]:
        """The allowed values of a coded field (a `vocabularies` key, or `summative_method`).

        Built once per name: rules ask for them per item of every design.
        """
        allowed = self._vocabularies.get(name)
        if allowed is None:
            allowed = tuple(self.summative_methods if name == "summative_method" else getattr(self.vocabularies, name))
            self._vocabularies[name] = allowed
        return allowed

    def method(self, name: str) -> SummativeMethod | None:
        return self.summative_methods.get(name)

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(self.spec.countries)


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in data_dir("frameworks").glob("*.yaml"))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _locate(ref: str, relative_to: Path | None) -> Path:
    # A name too long for the file system, or `~user` for no such user, names no framework either.
    try:
        return _find(ref, relative_to)
    except (OSError, RuntimeError) as exc:
        shown = ref if len(ref) <= 60 else ref[:60] + "…"
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FrameworkError(f"cannot look up framework '{shown}': {reason.rstrip('.')}") from None


@cache
def _builtin(ref: str) -> Path | None:
    """The shipped file of a built-in framework id, or None. Cached: every design names one, and the shipped
    files do not come and go while designer runs (a file named by path is looked up each time)."""
    candidate = data_dir("frameworks") / f"{ref}.yaml"
    return candidate if candidate.is_file() else None


def _find(ref: str, relative_to: Path | None) -> Path:
    looks_like_path = ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref
    if not looks_like_path:
        candidate = _builtin(ref)
        if candidate is not None:
            return candidate
        known = ", ".join(builtin_ids())
        raise FrameworkError(f"unknown framework '{ref}' (built in: {known}; or give a path to a .yaml file)")
    path = Path(ref).expanduser()
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    if not path.is_file():
        raise FrameworkError(f"framework file not found: {path}")
    return path.resolve()


def read_data(path: Path, what: str, error: type[Exception] | None = None) -> dict[str, Any]:
    """A data file under frameworks/ (a framework, labels, export data): its mapping, or `error` naming
    the file, line and column and `what` the file is."""
    error = error or FrameworkError
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{where}: {what} is not valid YAML: {problem}") from None
    except (ValueError, IndexError, KeyError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML's constructors raise plain errors on odd tagged scalars (`!!int` alone, a huge `!!float`).
        raise error(f"{path}: {what} is not valid YAML: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise error(f"{path}:1:1: a {what} file must be a mapping")
    return data


def _read(path: Path) -> dict[str, Any]:
    return read_data(path, "framework")


_CACHE: dict[Path, Framework] = {}
# One file of an `extends:` chain: its path and its own data (before merging).
Layer = tuple[Path, dict[str, Any]]


def _load_chain(path: Path, chain: tuple[Layer, ...]) -> tuple[Layer, ...]:
    """The file and every file it extends, most derived first."""
    if any(path == seen for seen, _ in chain):
        route = " -> ".join(str(seen) for seen, _ in (*chain, (path, {})))
        raise FrameworkError(f"{path}: framework extends itself through {route}")
    data = _read(path)
    parent = data.pop("extends", None)
    chain = (*chain, (path, data))
    if parent is None:
        return chain
    if not isinstance(parent, str) or not parent:
        line, column = _position(path, ("extends",))
        raise FrameworkError(f"{path}:{line}:{column}: extends: give a framework id or a path to a .yaml file")
    try:
        parent_path = _locate(parent, path.parent)
    except FrameworkError as exc:
        line, column = _position(path, ("extends",))
        raise FrameworkError(f"{path}:{line}:{column}: extends: {exc}") from None
    return _load_chain(parent_path, chain)


def load_framework(ref: str | None = None, relative_to: Path | None = None) -> Framework:
    """Load a framework by built-in id or by path (relative to `relative_to`).

    Raises FrameworkError, naming the file, line and column of the first bad value.
    """
    path = _locate(ref or BUILTIN_DEFAULT, relative_to)
    cached = _CACHE.get(path)
    if cached is not None:
        return cached
    chain = _load_chain(path, ())
    data: dict[str, Any] = {}
    for _, layer in reversed(chain):
        data = _merge(data, layer)
    spec = _validate(chain, data)
    framework = Framework(id=spec.id or path.stem, name=spec.name or path.stem, source=str(path), spec=spec)
    # A framework's own `wording:` keys are checked now, like the rest of the file: a bad one is the
    # framework's error (ST006 on the design that names it, or a usage error), not every rule's.
    for language in spec.wording:
        framework.wording(language)
    _CACHE[path] = framework
    return framework


def _validate(chain: tuple[Layer, ...], data: dict[str, Any]) -> FrameworkSpec:
    from pydantic import ValidationError

    try:
        spec = FrameworkSpec.model_validate(data)
    except ValidationError as exc:
        problems = [(tuple(e["loc"]), _problem(e), e["type"] == "extra_forbidden") for e in exc.errors()]
    else:
        problems = [(loc, message, False) for loc, message in _cross_references(spec)]
        if not problems:
            return spec
    loc, message, key = problems[0]
    path, line, column = _where(chain, loc, key)
    dotted = ".".join(str(part) for part in loc) or "(file)"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise FrameworkError(f"{path}:{line}:{column}: {dotted}: {message}{more}")


def _problem(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "missing":
        return "missing (extend 'eu' to inherit it)"
    if error["type"] == "value_error":
        return str(error["ctx"]["error"]) if "ctx" in error else str(error["msg"]).removeprefix("Value error, ")
    if not error["type"].endswith(("_type", "_parsing")):
        return str(error["msg"])
    # A wrong type: show what was written.
    shown = repr(error["input"])
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return f"{error['msg']}, not {shown}"


def _cross_references(spec: FrameworkSpec) -> list[tuple[tuple[str | int, ...], str]]:
    """Values that must name something else in the framework: Bloom level ids, ordered bands."""
    levels = {level.id for level in spec.bloom.levels}
    known = ", ".join(level.id for level in spec.bloom.levels)
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for number, entry in spec.eqf.levels.items():
        if entry.expected_bloom is not None and entry.expected_bloom not in levels:
            problems.append(
                (("eqf", "levels", number, "expected_bloom"), f"no Bloom level '{entry.expected_bloom}' ({known})")
            )
    for name, method in spec.summative_methods.items():
        if method.max_bloom not in levels:
            problems.append(
                (("summative_methods", name, "max_bloom"), f"no Bloom level '{method.max_bloom}' ({known})")
            )
    from designer.frameworks.labels import TABLES

    for group in ("minimum_information", "optional_information"):
        for index, element in enumerate(getattr(spec, group)):
            if element.labels is not None and element.labels not in TABLES:
                problems.append(((group, index, "labels"), f"no labels table '{element.labels}' ({', '.join(TABLES)})"))
    for where, band in (("hours_per_credit", spec.ects.hours_per_credit), ("credits", spec.ects.credits)):
        if band.min > band.max:
            problems.append((("ects", where, "max"), f"max {band.max:g} is below min {band.min:g}"))
    if spec.outcomes.max_floor > spec.outcomes.max_ceiling:
        problems.append(
            (
                ("outcomes", "max_ceiling"),
                f"max_ceiling {spec.outcomes.max_ceiling} is below max_floor {spec.outcomes.max_floor}",
            )
        )
    return problems


def _where(chain: tuple[Layer, ...], loc: tuple[str | int, ...], key: bool) -> tuple[Path, int, int]:
    """The file that set the value at `loc` after merging, and the value's line and column in it.

    Mappings merge key by key, so the most derived file holding a key set it;
    anything else replaces whole, so below a list or a scalar the same file goes on.
    A missing value is placed at the deepest part of its path that exists.
    """
    holders: list[tuple[Path, Any]] = list(chain)
    owner = chain[0][0]
    depth = 0
    for step, part in enumerate(loc):
        having = [(path, value) for path, value in holders if isinstance(value, dict) and part in value]
        if not having:
            break
        owner, value = having[0][0], having[0][1][part]
        depth = step + 1
        if not isinstance(value, dict):
            for rest in loc[step + 1 :]:
                found, value = _child(value, rest)
                if not found:
                    break
                depth += 1
            break
        holders = [(path, inner[part]) for path, inner in having]
    line, column = _position(owner, loc[:depth], key=key and depth == len(loc))
    return owner, line, column


def _child(value: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(value, dict) and part in value:
        return True, value[part]
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return True, value[part]
    return False, None


def _position(path: Path, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
    """1-based line and column of the value (or its key) at `loc` in one file; 1:1 if it cannot be found."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1, 1
    mark = node.start_mark if node is not None else None
    for step, part in enumerate(loc, start=1):
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if found is None:
                break
            mark = found[0].start_mark if key and step == len(loc) else found[1].start_mark
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Generated(NamedTuple):
    """<lang>.forms.json, written by tools/build_verb_forms.py."""

    forms: dict[str, str]  # inflected form -> lemma
    lexicon: frozenset[str]  # words that can only be verbs
    joined: dict[str, str]  # prefix + finite base verb -> separable verb (de, nl)
    bases: frozenset[str]  # base forms that can be verbs, nouns too (en)


@cache
def _generated(path: Path) -> _Generated:
    """The generated tables of a language (JSON: ten times faster to read than YAML here)."""
    import json

    if not path.is_file():
        return _Generated({}, frozenset(), {}, frozenset())
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        tables = (data.get("forms", {}), data.get("lexicon", []), data.get("joined", {}), data.get("bases", []))
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise FrameworkError(
            f"{path}:1:1: cannot read generated verb forms ({type(exc).__name__}); run make verb-forms"
        ) from None
    forms, lexicon, joined, bases = tables
    if not all(isinstance(t, kind) for t, kind in zip(tables, (dict, list, dict, list), strict=True)):
        raise FrameworkError(f"{path}:1:1: generated verb forms are not in the expected shape; run make verb-forms")
    return _Generated(forms, frozenset(lexicon), joined, frozenset(bases))


@cache
def _language_file(path: Path) -> dict[str, Any]:
    """A language file, read once per process however many frameworks (eu, es, a QA office's) read with it.

    Shared, so never changed: overrides are laid over it with `_merge`, which copies.
    """
    return _read(path)


def _wording_where(
    framework: Framework, language: str, path: Path, loc: tuple[str | int, ...], key: bool
) -> tuple[Path, int, int]:
    """A bad wording value in the framework's own `wording:` keys is placed there; else in the language file."""
    override: Any = framework.spec.wording.get(language)
    for part in loc:
        found, override = _child(override, part)
        if not found:
            line, column = _position(path, loc, key=key)
            return path, line, column
    source = Path(framework.source)
    line, column = _position(source, ("wording", language, *loc), key=key)
    return source, line, column


def wording_ids() -> list[str]:
    """Languages with built-in wording data."""
    return sorted(p.stem for p in (data_dir("frameworks") / "wording").glob("*.yaml") if "." not in p.stem)


def load_wording(framework: Framework, language: str) -> Wording | None:
    """frameworks/wording/<language>.yaml with its generated forms and the framework's `wording.<language>` keys.

    None when neither exists. Raises FrameworkError naming the file, line and column of a bad value.
    """
    from pydantic import ValidationError

    from designer.frameworks.models import WordingSpec

    folder = data_dir("frameworks") / "wording"
    path = folder / f"{language}.yaml"
    override = framework.spec.wording.get(language)
    if not language.isalpha() or not path.is_file():
        if override is None:
            return None
        data: dict[str, Any] = {}
        path = Path(framework.source)
    else:
        data = _language_file(path)
    generated = _generated(folder / f"{language}.forms.json")
    if override is not None:
        data = _merge(data, override)
    try:
        spec = WordingSpec.model_validate({**data, "forms": {**generated.forms, **data.get("forms", {})}})
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        path, line, column = _wording_where(framework, language, path, loc, error["type"] == "extra_forbidden")
        dotted = ".".join(str(part) for part in loc) or "(file)"
        raise FrameworkError(f"{path}:{line}:{column}: {dotted}: {_problem(error)}") from None
    levels = framework.bloom_by_id
    known = ", ".join(levels)
    refs: list[tuple[tuple[str | int, ...], str]] = [(("verbs", level), level) for level in spec.verbs]
    refs += [(("avoid", i, "suggest"), entry.suggest) for i, entry in enumerate(spec.avoid)]
    refs += [(("vague_nouns", i, "suggest"), entry.suggest) for i, entry in enumerate(spec.vague_nouns)]
    refs += [(("vague_predicates", i, "suggest"), e.suggest) for i, e in enumerate(spec.vague_predicates)]
    if spec.routine is not None:
        refs.append((("routine", "level"), spec.routine.level))
    for loc, level in refs:
        if level not in levels:
            path, line, column = _wording_where(framework, language, path, loc, loc[0] == "verbs")
            raise FrameworkError(
                f"{path}:{line}:{column}: {'.'.join(map(str, loc))}: no Bloom level '{level}' ({known})"
            )
    # The reader takes the file's keys as they are (phrases to avoid and `routine` as plain mappings),
    # plus the framework's Bloom levels and reading limits.
    return Wording(
        **spec.model_dump(exclude={"sources", "forms_exclude_suffixes", "verbs", "forms"}),
        verbs={level: tuple(words) for level, words in spec.verbs.items()},
        forms=spec.forms,
        lexicon=generated.lexicon,
        joined=generated.joined,
        bases=generated.bases,
        levels=framework.bloom_levels,
        suggestions_per_finding=framework.spec.bloom.suggestions_per_finding,
        lead_in_words=framework.spec.bloom.lead_in_words,
        gap_words=framework.spec.bloom.phrase_gap_words,
    )
