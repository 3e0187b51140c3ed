"""Load the framework files (frameworks/*.yaml) that hold every number a rule uses.

A framework may `extends:` another by id or path; mappings merge key by key and
everything else replaces. Loaded frameworks are cached per process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from designer.paths import data_dir

BUILTIN_DEFAULT = "eu"


class FrameworkError(Exception):
    """A framework cannot be found or read; the message says which and why."""


@dataclass(frozen=True)
class BloomLevel:
    id: str
    label: str
    rank: int
    verbs: tuple[str, ...]


@dataclass(frozen=True)
class VerbMatch:
    """The measurable verb an outcome statement starts with."""

    verb: str
    level: BloomLevel


@dataclass(frozen=True)
class AvoidMatch:
    phrase: str
    suggest: BloomLevel
    at_start_only: bool = False


@dataclass(eq=False)
class Framework:
    """A merged framework: the raw data plus lookups the rules need."""

    id: str
    name: str
    source: str
    data: dict[str, Any] = field(repr=False)

    # ECTS
    @property
    def hours_per_credit(self) -> tuple[float, float]:
        band = self.data["ects"]["hours_per_credit"]
        return float(band["min"]), float(band["max"])

    @property
    def fixed_rate_tolerance(self) -> float:
        return float(self.data["ects"].get("fixed_rate_tolerance", 0.0))

    @property
    def credits(self) -> dict[str, Any]:
        return dict(self.data["ects"]["credits"])

    def workload_band(self, ects: float, hours_per_ects: float | None) -> tuple[float, float]:
        """Planned hours a design of `ects` credits may have."""
        low, high = self.hours_per_credit
        if hours_per_ects is None and low != high:
            return ects * low, ects * high
        rate = hours_per_ects if hours_per_ects is not None else low
        tol = self.fixed_rate_tolerance
        return ects * rate * (1 - tol), ects * rate * (1 + tol)

    # EQF
    @cached_property
    def eqf_levels(self) -> dict[int, dict[str, Any]]:
        return {int(k): v for k, v in self.data["eqf"]["levels"].items()}

    def expected_bloom(self, eqf_level: int) -> BloomLevel | None:
        entry = self.eqf_levels.get(eqf_level)
        if not entry or "expected_bloom" not in entry:
            return None
        return self.bloom_by_id[entry["expected_bloom"]]

    # Bloom
    @cached_property
    def bloom_levels(self) -> tuple[BloomLevel, ...]:
        return tuple(
            BloomLevel(id=lv["id"], label=lv["label"], rank=i + 1, verbs=tuple(lv["verbs"]))
            for i, lv in enumerate(self.data["bloom"]["levels"])
        )

    @cached_property
    def bloom_by_id(self) -> dict[str, BloomLevel]:
        return {lv.id: lv for lv in self.bloom_levels}

    @cached_property
    def _verb_index(self) -> dict[str, BloomLevel]:
        # A verb listed at several levels counts at the highest it is listed at.
        index: dict[str, BloomLevel] = {}
        for level in self.bloom_levels:
            for verb in level.verbs:
                index[verb] = level
        return index

    @cached_property
    def _longest_verb(self) -> int:
        return max((len(v.split()) for v in self._verb_index), default=1)

    @cached_property
    def _preambles(self) -> tuple[tuple[str, ...], ...]:
        pre = [tuple(p.split()) for p in self.data["bloom"].get("preambles", [])]
        return tuple(sorted(pre, key=len, reverse=True))

    @cached_property
    def _avoid(self) -> dict[str, tuple[tuple[tuple[str, ...], AvoidMatch], ...]]:
        # Indexed by first word, longest phrase first, so a statement is scanned once.
        index: dict[str, list[tuple[tuple[str, ...], AvoidMatch]]] = {}
        for entry in self.data["bloom"].get("avoid", []):
            words = tuple(entry["phrase"].split())
            match = AvoidMatch(entry["phrase"], self.bloom_by_id[entry["suggest"]], bool(entry.get("at_start_only")))
            index.setdefault(words[0], []).append((words, match))
        return {first: tuple(sorted(v, key=lambda kv: len(kv[0]), reverse=True)) for first, v in index.items()}

    def statement_words(self, statement: str) -> list[str]:
        """Lower-case words of a statement with a leading preamble removed."""
        return list(self._statement_words(statement))

    @lru_cache(maxsize=8192)  # noqa: B019 - frameworks live for the whole process
    def _statement_words(self, statement: str) -> tuple[str, ...]:
        words = [w.strip(".,;:!?()\"'").lower() for w in statement.split()]
        words = [w for w in words if w]
        for pre in self._preambles:
            if tuple(words[: len(pre)]) == pre:
                words = words[len(pre) :]
                break
        adverbs = self._adverbs
        while len(words) > 1 and words[0] in adverbs:
            words = words[1:]
        return tuple(words)

    @cached_property
    def _adverbs(self) -> frozenset[str]:
        return frozenset(self.data["bloom"].get("adverbs", []))

    @lru_cache(maxsize=8192)  # noqa: B019
    def leading_verb(self, statement: str) -> VerbMatch | None:
        """The Bloom verb a statement starts with (after any preamble), or None."""
        words = self._statement_words(statement)
        for size in range(min(self._longest_verb, len(words)), 0, -1):
            phrase = " ".join(words[:size])
            level = self._verb_index.get(phrase)
            if level is not None:
                return VerbMatch(phrase, level)
        return None

    @lru_cache(maxsize=8192)  # noqa: B019
    def vague_phrase(self, statement: str) -> AvoidMatch | None:
        """The first verb-to-avoid found anywhere in the statement, as whole words."""
        words = self._statement_words(statement)
        avoid = self._avoid
        for start, word in enumerate(words):
            for phrase, match in avoid.get(word, ()):
                if match.at_start_only and start > 0:
                    continue
                if words[start : start + len(phrase)] == phrase:
                    return match
        return None

    def suggestions(self, level: BloomLevel) -> list[str]:
        count = int(self.data["bloom"].get("suggestions_per_finding", 4))
        seen: list[str] = []
        for verb in level.verbs:
            # Skip spelling variants so the list shows distinct verbs.
            if verb.endswith("ize") and verb[:-3] + "ise" in seen:
                continue
            if verb.endswith("ze") and verb[:-2] + "se" in seen:
                continue
            seen.append(verb)
            if len(seen) == count:
                break
        return seen

    # Vocabularies and methods
    def vocabulary(self, name: str) -> tuple[str, ...]:
        if name == "summative_method":
            return tuple(self.data["summative_methods"])
        return tuple(self.data["vocabularies"][name])

    def method(self, name: str) -> dict[str, Any] | None:
        entry = self.data["summative_methods"].get(name)
        return dict(entry) if entry is not None else None

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(self.data.get("countries", []))

    @property
    def alignment(self) -> dict[str, Any]:
        return dict(self.data["alignment"])

    @property
    def delivery(self) -> dict[str, Any]:
        return dict(self.data["delivery"])

    @property
    def limits(self) -> dict[str, int]:
        return {k: int(v) for k, v in self.data["limits"].items()}

    def min_checkpoints(self, ects: float | None) -> int:
        cfg = self.alignment
        floor = int(cfg.get("min_checkpoints", 0))
        if ects is None:
            return floor
        return max(floor, math.ceil(ects * float(cfg.get("checkpoints_per_credit", 0))))

    @property
    def minimum_information(self) -> list[dict[str, Any]]:
        return list(self.data["minimum_information"])

    @property
    def optional_information(self) -> list[dict[str, Any]]:
        return list(self.data.get("optional_information", []))


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


def _find(ref: str, relative_to: Path | None) -> Path:
    looks_like_path = ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref
    if not looks_like_path:
        candidate = data_dir("frameworks") / f"{ref}.yaml"
        if candidate.is_file():
            return candidate
        known = ", ".join(builtin_ids())
        raise FrameworkError(f"unknown framework '{ref}' (built in: {known}; or give a path to a .yaml file)")
    path = Path(ref).expanduser()
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    if not path.is_file():
        raise FrameworkError(f"framework file not found: {path}")
    return path.resolve()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read framework: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrameworkError(f"{where}: framework is not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise FrameworkError(f"{path}:1:1: a framework file must be a mapping")
    return data


_CACHE: dict[Path, Framework] = {}
_REQUIRED = (
    "ects",
    "eqf",
    "bloom",
    "minimum_information",
    "vocabularies",
    "summative_methods",
    "alignment",
    "delivery",
    "limits",
)


def _load_path(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    if path in chain:
        raise FrameworkError(f"{path}: framework extends itself through {' -> '.join(map(str, chain))}")
    data = _read(path)
    parent = data.pop("extends", None)
    if parent is not None:
        base = _load_path(_locate(str(parent), path.parent), (*chain, path))
        data = _merge(base, data)
    return data


def load_framework(ref: str | None = None, relative_to: Path | None = None) -> Framework:
    """Load a framework by built-in id or by path (relative to `relative_to`)."""
    path = _locate(ref or BUILTIN_DEFAULT, relative_to)
    cached = _CACHE.get(path)
    if cached is not None:
        return cached
    data = _load_path(path, ())
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise FrameworkError(f"{path}: framework lacks {', '.join(missing)} (extend 'eu' to inherit them)")
    framework = Framework(
        id=str(data.get("id", path.stem)), name=str(data.get("name", path.stem)), source=str(path), data=data
    )
    _CACHE[path] = framework
    return framework
