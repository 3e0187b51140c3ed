"""Load a design file (or another file of the format, see FileFormat) into a model plus a map of where every node sits.

The file is composed by libyaml (CSafeLoader) and walked here, so each value
keeps its line and column and the walk can catch what a plain load hides:
duplicate keys, alias bombs, runaway nesting. Anything wrong becomes a finding;
only a file that is not a design at all (unreadable, not a mapping, no
`format: 1`) fails to give a model.

The machinery is the same for every kind of file the format has: a FileFormat
names the pydantic model, the words a finding uses for the file, and the lists
whose items keep their place when one is dropped. Designs use DESIGN here;
catalogue.yaml uses CATALOGUE in designer.model.catalogue_loader.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from designer.model.design import FORMAT_VERSION, SECTIONS, AwardingBody, Design
from designer.model.findings import START, Finding, Mark
from designer.model.source import DataPath, SourceMap, dotted

# Limits used when no framework says otherwise.
DEFAULT_LIMITS = {"max_file_bytes": 1_048_576, "max_nodes": 100_000, "max_depth": 64}

# A whole number in a design (hours, weeks, weights, levels) never needs more digits than
# this; beyond it floats stop holding whole numbers exactly (2**53 is 9.007e15) and past
# 4,300 digits Python refuses to turn the number into text at all.
MAX_DIGITS = 15
_LARGEST = 10**MAX_DIGITS
# Integers with fewer bits than this have fewer than 4,300 decimal digits, so str() works.
_PRINTABLE_BITS = 14_000

_SUPPRESS = re.compile(r"#\s*designer:\s*ignore\[([A-Za-z0-9_, -]+)\]")
# The line breaks libyaml counts (str.splitlines() knows more, e.g. form feeds).
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Non-blocking: a FIFO put in a file's place after the check must not be waited on.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


class _BadScalar(Exception):
    """A scalar the walk cannot take as written; the message is for the reader."""


class _Mistyped(_BadScalar):
    """The text does not fit the scalar's tag (`!!int abc`)."""


def _too_large(shown: str) -> _BadScalar:
    return _BadScalar(
        f"number too large: {shown}; a figure in a design has at most {MAX_DIGITS} digits (quote it if it is text)"
    )


def _yaml_int(text: str) -> int:
    """A YAML 1.1 integer (as PyYAML reads it: 0b, 0x, leading-0 octal, 1:30 sexagesimal), bounded."""
    value = text.replace("_", "")
    sign = -1 if value[:1] == "-" else 1
    digits = value[1:] if value[:1] in ("-", "+") else value
    try:
        if digits.startswith("0b"):
            number = int(digits[2:], 2)
        elif digits.startswith("0x"):
            number = int(digits[2:], 16)
        elif ":" in digits:
            number = 0
            for part in digits.split(":"):
                # Checked before int(): a decimal part of 4,300 digits would raise.
                if len(part.lstrip("0")) > MAX_DIGITS:
                    raise _too_large(_describe(text))
                number = number * 60 + int(part)
                if number >= _LARGEST:
                    raise _too_large(_describe(text))
        elif digits[:1] == "0" and digits != "0":
            number = int(digits, 8)
        else:
            if len(digits.lstrip("0")) > MAX_DIGITS:
                raise _too_large(_describe(text))
            number = int(digits)
    except ValueError:
        raise _Mistyped(
            f"{_describe(text)} is tagged !!int but is not a whole number; remove the tag or write a whole number"
        ) from None
    if number >= _LARGEST:
        raise _too_large(_describe(text))
    return sign * number


def _yaml_float(text: str) -> float:
    number = _float_value(text)
    # Infinity and NaN are left to the model, which names them; huge finite figures overflow sums.
    if math.isfinite(number) and abs(number) >= _LARGEST:
        raise _too_large(_describe(text))
    return number


def _float_value(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1.0 if value[:1] == "-" else 1.0
    digits = value[1:] if value[:1] in ("-", "+") else value
    try:
        if digits == ".inf":
            return sign * math.inf
        if digits == ".nan":
            return math.nan
        if ":" in digits:
            number = 0.0
            for part in digits.split(":"):
                number = number * 60 + float(part)
            return sign * number
        return sign * float(digits)
    except ValueError:
        raise _Mistyped(
            f"{_describe(text)} is tagged !!float but is not a number; remove the tag or write a number"
        ) from None


_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


def _yaml_bool(text: str) -> bool:
    try:
        return _BOOLS[text.lower()]
    except KeyError:
        raise _Mistyped(
            f"{_describe(text)} is tagged !!bool but is not true or false; remove the tag or write true or false"
        ) from None


def _yaml_null(text: str) -> None:
    if text not in ("", "~", "null", "Null", "NULL"):
        raise _Mistyped(f"{_describe(text)} is tagged !!null but is not empty; remove the tag or the value")


# The scalar types a design uses. Every other tag (!!timestamp, !!binary, !custom) leaves
# the text as written: an edition date is a label, and the model judges the rest.
_SCALARS = {
    "tag:yaml.org,2002:int": _yaml_int,
    "tag:yaml.org,2002:float": _yaml_float,
    "tag:yaml.org,2002:bool": _yaml_bool,
    "tag:yaml.org,2002:null": _yaml_null,
}


# The tags of short plain scalars already resolved. Keys, ids, vocabulary and figures recur in
# every design, and matching them against YAML's patterns was a sixth of composing a file. Bounded,
# as a folder of designs also holds thousands of codes and titles seen once.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 20_000
_PLAIN_TAG_CHARS = 40


class _Resolver(Resolver):
    """yaml's resolver without the path-resolver hooks, which designer never registers.

    libyaml calls these three methods for every node from Python; trimming them
    is a quarter of the parse cost of a design file.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tag = _PLAIN_TAGS.get(value)
                if tag is None:
                    tag = self._plain_tag(value)
                    if len(value) <= _PLAIN_TAG_CHARS and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                        _PLAIN_TAGS[value] = tag
                return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG

    def _plain_tag(self, value: str) -> str:
        """The tag YAML's implicit patterns give a plain scalar (`3` an int, `yes` a bool, else text)."""
        for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
            if regexp.match(value):
                return str(tag)
        return self.DEFAULT_SCALAR_TAG


_RESOLVER = _Resolver()


class _Loader(CParser, _Resolver):
    """libyaml's parser and composer with the trimmed resolver; scalars are constructed by the walk."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class FileFormat(Generic[M]):
    """One kind of file of the format: its model and how findings speak of it."""

    noun: str
    """What a finding calls the file: 'design', 'catalogue'."""
    long_noun: str
    """The same, where it must be clear without context: 'course design'."""
    question: str
    """What a finding asks when `format:` is missing: 'is this a course design?'."""
    model: type[M]
    version: int
    item_lists: frozenset[tuple[str, ...]]
    """Lists of items (keys from the top, indices left out) whose items keep their index when one is not a mapping:
    it is replaced by an empty item and recorded in `broken_items`, so later items keep their positions."""
    labels: Mapping[type[BaseModel], str] = field(default_factory=dict)
    """What an unknown-key finding calls an item of this model that has no id ('an awarding body')."""

    def keeps_index(self, loc: DataPath) -> bool:
        """Whether `loc` is an item of an item list (`outcomes[3]`), not an element of a list inside one."""
        return (
            len(loc) >= 2
            and isinstance(loc[-1], int)
            and isinstance(loc[-2], str)
            and tuple(p for p in loc if isinstance(p, str)) in self.item_lists
        )


DESIGN: FileFormat[Design] = FileFormat(
    noun="design",
    long_noun="course design",
    question="is this a course design?",
    model=Design,
    version=FORMAT_VERSION,
    item_lists=frozenset((section,) for section in SECTIONS),
    labels={AwardingBody: "an awarding body"},
)


@dataclass
class LoadedFile(Generic[M]):
    """The result of loading one file."""

    path: str
    text: str = ""
    data: dict[str, Any] | None = None
    model: M | None = None
    source: SourceMap = field(default_factory=SourceMap)
    findings: list[Finding] = field(default_factory=list)
    # line -> rule codes a `# designer: ignore[CODE]` comment suppresses there
    suppressions: dict[int, set[str]] = field(default_factory=dict)
    # items replaced because they were not mappings, by their data path (a design's: (section, index)); rules skip them
    broken_items: set[DataPath] = field(default_factory=set)
    # values dropped because they were invalid (already reported as ST006)
    invalid: set[DataPath] = field(default_factory=set)
    # the file could not be opened at all (missing, permissions): a usage problem, exit 2
    unreadable: bool = False

    def mark(self, path: DataPath, *, key: bool = False) -> Mark:
        return self.source.at(path, key=key)

    def finding(
        self, code: str, message: str, path: DataPath = (), *, subject: str | None = None, key: bool = False
    ) -> Finding:
        return Finding(
            code=code, message=message, mark=self.mark(path, key=key), subject=subject, path=self.path, node=path
        )


@dataclass
class LoadedDesign(LoadedFile[Design]):
    """A loaded design file."""

    @property
    def design(self) -> Design | None:
        return self.model


class _LimitExceeded(Exception):
    def __init__(self, message: str, mark: tuple[int, int]) -> None:
        super().__init__(message)
        self.mark = mark


class _Walker:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, loaded: LoadedFile[Any], max_nodes: int, max_depth: int) -> None:
        self.loaded = loaded
        self.values = loaded.source.values
        self.keys = loaded.source.keys
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.count = 0

    def walk(self, node: Node, path: DataPath, depth: int) -> Any:
        self.count += 1
        start = node.start_mark
        where = (start.line + 1, start.column + 1)
        if self.count > self.max_nodes:
            raise _LimitExceeded(
                f"the document expands to more than {self.max_nodes} nodes (an alias bomb?); not read further", where
            )
        if depth > self.max_depth:
            raise _LimitExceeded(f"nesting deeper than {self.max_depth} levels; not read further", where)
        self.values[path] = where
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                return node.value
            construct = _SCALARS.get(node.tag)
            if construct is None:
                return node.value
            try:
                return construct(node.value)
            except _BadScalar as exc:
                if isinstance(exc, _Mistyped) and _RESOLVER.resolve(ScalarNode, node.value, (True, False)) == node.tag:
                    # No tag was written: YAML's own pattern took text such as `0x_` for a number.
                    return node.value
                self.loaded.findings.append(Finding("ST006", str(exc), Mark(*where), path=self.loaded.path, node=path))
                self.loaded.invalid.add(path)
                return node.value
        if isinstance(node, SequenceNode):
            return [self.walk(child, (*path, index), depth + 1) for index, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        return None

    def _mapping(self, node: MappingNode, path: DataPath, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        merged: list[MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(self._merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                mark = key_node.start_mark
                self.loaded.findings.append(
                    Finding(
                        "ST006",
                        "a mapping key must be plain text, not a list or mapping",
                        Mark(mark.line + 1, mark.column + 1),
                        path=self.loaded.path,
                        node=path,
                    )
                )
                continue
            key = key_node.value
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                first = self.keys[(*path, key)]
                self.loaded.findings.append(
                    Finding(
                        "ST004",
                        f"duplicate key '{key}' (first at line {first[0]}); the later value is used",
                        Mark(*key_mark),
                        path=self.loaded.path,
                        node=(*path, key),
                    )
                )
            self.keys[(*path, key)] = key_mark
            out[key] = self.walk(value_node, (*path, key), depth + 1)
        for source in merged:
            for key_node, value_node in source.value:
                if isinstance(key_node, ScalarNode) and key_node.value not in out:
                    key = key_node.value
                    self.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                    out[key] = self.walk(value_node, (*path, key), depth + 1)
        return out

    def _merge_sources(self, node: Node) -> list[MappingNode]:
        if isinstance(node, MappingNode):
            return [node]
        if isinstance(node, SequenceNode):
            return [child for child in node.value if isinstance(child, MappingNode)]
        return []


def _decode(raw: bytes, loaded: LoadedFile[Any]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        column = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        loaded.findings.append(
            Finding("ST002", "this is a binary file, not YAML text (NUL byte)", Mark(line, column), path=loaded.path)
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        loaded.findings.append(
            Finding(
                "ST002",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                Mark(line, column),
                path=loaded.path,
            )
        )
        return None


def suppressions(text: str) -> dict[int, set[str]]:
    """Line -> rule codes that a `# designer: ignore[CODE, ...]` comment on that line silences."""
    found: dict[int, set[str]] = {}
    if "designer:" not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUPPRESS.search(line)
        if match:
            found[number] = {code.strip().upper() for code in match.group(1).split(",") if code.strip()}
    return found


def _did_you_mean(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; allowed here: {', '.join(allowed)}"


@cache
def _children(model: type[BaseModel]) -> dict[str, tuple[bool, type[BaseModel]]]:
    """The fields of `model` that hold a model, or a list of models: name -> (is a list, that model)."""
    out: dict[str, tuple[bool, type[BaseModel]]] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        is_list = get_origin(annotation) is list
        inner = get_args(annotation)[0] if is_list else annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out[name] = (is_list, inner)
    return out


def _unknown_keys(loaded: LoadedFile[Any], data: dict[str, Any], fmt: FileFormat[Any], dry_run: bool = False) -> None:
    """Report and drop keys the format does not know, so the model can load the rest.

    A mapping is named by where it sits: `course`, an item's id (or `summative[1]`), the
    format's label for an item without one (`an awarding body`), `LEVEL.expects`.
    """
    _check_keys(loaded, fmt, dry_run, data, fmt.model, (), "the top level")


def _check_keys(
    loaded: LoadedFile[Any],
    fmt: FileFormat[Any],
    dry_run: bool,
    mapping: dict[Any, Any],
    model: type[BaseModel],
    path: DataPath,
    where: str,
) -> None:
    # A module function, not a closure that calls itself: such a closure is a reference cycle holding
    # `loaded` (the file's data, positions and findings), which only the garbage collector would free.
    # Read once: pydantic's model_fields is a property, and every key of every mapping is looked up in it.
    fields = model.model_fields
    for key in [k for k in mapping if k not in fields]:
        loaded.findings.append(
            loaded.finding(
                "ST005",
                f"unknown key '{key}' in {where}{_did_you_mean(str(key), list(fields))}",
                (*path, key),
                key=True,
            )
        )
        if not dry_run:
            del mapping[key]
    for name, (is_list, child) in _children(model).items():
        value = mapping.get(name)
        if not is_list:
            if isinstance(value, dict):
                _check_keys(loaded, fmt, dry_run, value, child, (*path, name), f"{where}.{name}" if path else name)
            continue
        if not isinstance(value, list):
            continue
        for index, item in enumerate(value):
            if isinstance(item, dict):
                ident = item.get("id")
                label = ident if isinstance(ident, str) else fmt.labels.get(child) or dotted((*path, name, index))
                _check_keys(loaded, fmt, dry_run, item, child, (*path, name, index), label)


_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "dict_type": "a mapping (key: value lines)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and value.bit_length() >= _PRINTABLE_BITS:
        return "a number of thousands of digits"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _validation_message(error: dict[str, Any]) -> str:
    loc = dotted(tuple(error["loc"]))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = _describe(error.get("input"))
    if kind in _EXPECTED:
        return f"{loc} must be {_EXPECTED[kind]}, not {got}"
    ctx = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in ctx.items()}
    if kind == "greater_than":
        return f"{loc} must be greater than {ctx.get('gt')}, not {got}"
    if kind == "greater_than_equal":
        return f"{loc} must be at least {ctx.get('ge')}, not {got}"
    if kind == "less_than_equal":
        return f"{loc} must be at most {ctx.get('le')}, not {got}"
    return f"{loc}: {error['msg']}, not {got}"


def _drop(data: Any, loc: DataPath, loaded: LoadedFile[Any], fmt: FileFormat[Any]) -> bool:
    """Remove the value at `loc` so the model can load; True when something changed."""
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if fmt.keeps_index(loc):
            # Keep indices stable so later items keep their positions.
            parent[last] = {}
            loaded.broken_items.add(loc)
        else:
            del parent[last]
        return True
    return False


def _later_first(loc: DataPath) -> tuple[tuple[int, int | str], ...]:
    # Dropping list elements from the last one back keeps the earlier indices valid.
    return tuple((0, part) if isinstance(part, int) else (1, part) for part in loc)


def _drop_all(data: Any, locs: list[DataPath], loaded: LoadedFile[Any], fmt: FileFormat[Any]) -> bool:
    changed = False
    for loc in sorted(locs, key=_later_first, reverse=True):
        changed = _drop(data, loc, loaded, fmt) or changed
    return changed


def _validate(loaded: LoadedFile[M], data: dict[str, Any], copied: bool, fmt: FileFormat[M]) -> M | None:
    from pydantic import ValidationError

    for _ in range(8):
        try:
            return fmt.model.model_validate(data)
        except ValidationError as exc:
            if not copied:
                data, copied = _copy(data), True
            locs = []
            for error in exc.errors():
                loc = tuple(error["loc"])
                loaded.findings.append(loaded.finding("ST006", _validation_message(dict(error)), loc))
                loaded.invalid.add(loc)
                locs.append(loc)
            if not _drop_all(data, locs, loaded, fmt):
                return None
    return None


def load_text(text: str, path: str = "<string>", limits: dict[str, int] | None = None) -> LoadedDesign:
    """Load a design from text. Never raises for bad input: problems become findings."""
    return read_text(LoadedDesign(path=path, text=text), DESIGN, text, limits)


def load_file(path: str | Path, limits: dict[str, int] | None = None) -> LoadedDesign:
    """Load a design file. Unreadable files give a finding (ST002), never an exception."""
    return read_file(LoadedDesign(path=str(path)), DESIGN, path, limits)


L = TypeVar("L", bound=LoadedFile[Any])


def read_text(loaded: L, fmt: FileFormat[Any], text: str, limits: dict[str, int] | None = None) -> L:
    """Read `text` as a file of `fmt` into `loaded`. Never raises for bad input: problems become findings."""
    _parse(loaded, text, limits or DEFAULT_LIMITS, fmt)
    return loaded


def read_file(loaded: L, fmt: FileFormat[Any], path: str | Path, limits: dict[str, int] | None = None) -> L:
    """Read the file at `path` as a file of `fmt` into `loaded`. Unreadable files give a finding (ST002)."""
    limits = limits or DEFAULT_LIMITS
    max_bytes = limits["max_file_bytes"]
    raw = b""
    try:
        # Looked at before opening: opening a FIFO waits for a writer for ever, and
        # opening a device can have effects of its own.
        kind = _special_kind(os.stat(path).st_mode)
        if kind is None:
            # Non-blocking, so a FIFO swapped in after the check is caught by fstat, not waited on.
            with open(os.open(path, _READ_FLAGS), "rb") as handle:
                kind = _special_kind(os.fstat(handle.fileno()).st_mode)
                if kind is None:
                    raw = handle.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        loaded.unreadable = True
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        loaded.findings.append(Finding("ST002", f"cannot read the file: {reason}", path=loaded.path))
        return loaded
    if kind is not None:
        loaded.unreadable = True
        loaded.findings.append(
            Finding("ST002", f"not a regular file ({kind}); designer reads only regular files", path=loaded.path)
        )
        return loaded
    if len(raw) > max_bytes:
        loaded.findings.append(
            Finding(
                "ST002",
                f"the file is larger than {max_bytes} bytes; a {fmt.long_noun} is far smaller",
                path=loaded.path,
            )
        )
        return loaded
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    loaded.text = text
    _parse(loaded, text, limits, fmt)
    return loaded


def _within_text(text: str, line: int, column: int) -> Mark:
    """libyaml's mark, kept inside the text: at the end of a file without a final line break
    it points one line past the last."""
    lines = _LINE_BREAKS.split(text)
    if line > len(lines):
        return Mark(len(lines), len(lines[-1]) + 1)
    return Mark(line, column)


def _at_offset(text: str, offset: int) -> Mark:
    """Line and column of a character offset, counting the line breaks libyaml counts."""
    breaks = list(_LINE_BREAKS.finditer(text, 0, max(0, offset)))
    start = breaks[-1].end() if breaks else 0
    return _within_text(text, len(breaks) + 1, offset - start + 1)


def _special_kind(mode: int) -> str | None:
    """What a path is when it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def _empty(loaded: LoadedFile[Any], fmt: FileFormat[Any]) -> Finding:
    return Finding("ST003", f"the file is empty; a {fmt.noun} starts with 'format: {fmt.version}'", path=loaded.path)


def _parse(loaded: LoadedFile[Any], text: str, limits: dict[str, int], fmt: FileFormat[Any]) -> None:
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        loaded.findings.append(_empty(loaded, fmt))
        return
    loaded.suppressions = suppressions(text)
    try:
        root = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        # A reader error (a control character) has no mark, only a character offset.
        offset = getattr(exc, "position", None)
        if mark is not None:
            where = _within_text(text, mark.line + 1, mark.column + 1)
        elif isinstance(offset, int):
            where = _at_offset(text, offset)
        else:
            where = START
        loaded.findings.append(Finding("ST001", message, where, path=loaded.path))
        return
    except RecursionError:
        loaded.findings.append(Finding("ST002", "nesting too deep to read", path=loaded.path))
        return
    except UnicodeEncodeError as exc:
        # Only text handed over as str (the editor, lint_text) can hold a lone surrogate; a file cannot.
        start = exc.start
        loaded.findings.append(
            Finding(
                "ST002",
                f"the text is not valid Unicode (a lone surrogate, U+{ord(text[start]):04X}); retype that character",
                _at_offset(text, start),
                path=loaded.path,
            )
        )
        return
    if root is None:
        loaded.findings.append(_empty(loaded, fmt))
        return
    walker = _Walker(loaded, limits["max_nodes"], limits["max_depth"])
    try:
        data = walker.walk(root, (), 0)
    except _LimitExceeded as exc:
        loaded.findings.append(Finding("ST002", str(exc), Mark(*exc.mark), path=loaded.path))
        return
    _check_data(loaded, data, fmt)


def load_data(
    data: Any, source: SourceMap, path: str = "<string>", limits: dict[str, int] | None = None
) -> LoadedDesign:
    """Check data that is already in memory (the editor's document) with known positions.

    The same limits hold as for a file: a node budget (which also stops data that
    contains itself), a nesting depth, and whole numbers of at most MAX_DIGITS digits.
    """
    loaded = LoadedDesign(path=path, source=source)
    if _within_limits(loaded, data, limits or DEFAULT_LIMITS):
        _check_data(loaded, data, DESIGN)
    return loaded


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _within_limits(loaded: LoadedFile[Any], data: Any, limits: dict[str, int]) -> bool:
    """Walk in-memory data as the file walker does; report what breaks a limit. False: not read further."""
    budget, max_depth = limits["max_nodes"], limits["max_depth"]
    stack: list[tuple[Any, DataPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        budget -= 1
        if budget < 0 or len(path) > max_depth:
            problem = (
                f"the document expands to more than {limits['max_nodes']} nodes (an alias bomb?); not read further"
                if budget < 0
                else f"nesting deeper than {max_depth} levels; not read further"
            )
            loaded.findings.append(Finding("ST002", problem, loaded.mark(path), path=loaded.path, node=path))
            return False
        if isinstance(value, dict):
            stack.extend((child, (*path, key)) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(value))
        elif _is_number(value) and abs(value) >= _LARGEST and (isinstance(value, int) or math.isfinite(value)):
            loaded.findings.append(loaded.finding("ST006", str(_too_large(_describe(value))), path))
            loaded.invalid.add(path)
    return True


def _check_data(loaded: LoadedFile[Any], data: Any, fmt: FileFormat[Any]) -> None:
    version = fmt.version
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        loaded.findings.append(
            Finding(
                "ST003",
                f"a {fmt.noun} must be a mapping with 'format: {version}' at the top, not {kind}",
                loaded.mark(()),
                path=loaded.path,
            )
        )
        return
    loaded.data = data
    written = data.get("format")
    if written is None:
        loaded.findings.append(
            Finding("ST003", f"missing 'format: {version}' at the top; {fmt.question}", path=loaded.path)
        )
        return
    if isinstance(written, str) and written.strip() == str(version):
        loaded.findings.append(
            loaded.finding(
                "ST003",
                f"format must be the number {version}, not the text '{written}'; remove the quotes",
                ("format",),
            )
        )
        return
    if written != version or isinstance(written, bool):
        loaded.findings.append(
            loaded.finding(
                "ST003",
                f"unsupported format {_describe(written)}; this designer reads format {version}",
                ("format",),
            )
        )
        return
    # The raw data stays as read (the editor saves from it); pruning works on a copy,
    # made only when there is something to prune: unknown keys, or values the walk
    # already reported (a scalar that does not fit its tag, a number too large).
    before = len(loaded.findings)
    _unknown_keys(loaded, data, fmt, dry_run=True)
    model_data = data
    if len(loaded.findings) > before or loaded.invalid:
        del loaded.findings[before:]
        model_data = _copy(data)
        _unknown_keys(loaded, model_data, fmt)
        _drop_all(model_data, list(loaded.invalid), loaded, fmt)
    loaded.model = _validate(loaded, model_data, model_data is not data, fmt)


def _copy(value: Any) -> Any:
    # The raw data stays as read (the editor saves from it); the model gets a pruned copy.
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
