"""A design file held for editing: comment- and order-preserving YAML round trip.

ruamel.yaml keeps comments, key order, quoting and block/flow style, so a file
hand-edited by an instructor saves back with only what changed changed. PyYAML
(used by the linter for speed) cannot do this.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from functools import cache
from typing import Any

from designer.model.design import ITEM_MODELS, Course
from designer.model.sections import REFERENCES, SECTIONS
from designer.model.source import SourceMap

DataPath = tuple[str | int, ...]

ID_PREFIX = {"outcomes": "LO", "summative": "SA", "formative": "FC", "content": "CU"}
# Key order for new items and course keys: the models' field order (an item's long `description`
# is never set on a new item). Opening a file reads it with the linter first, which loads the models anyway.
ITEM_KEYS = {
    section: tuple(key for key in ITEM_MODELS[section].model_fields if key != "description") for section in SECTIONS
}
COURSE_KEYS = tuple(Course.model_fields)
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
# Top-level keys that mark a YAML file as a design; a file with none of them is something else.
DESIGN_KEYS = ("format", "course", *SECTIONS)
BOM = "\ufeff"
# Linter codes that mean the file could not be read at all (syntax, size, encoding, limits).
UNREADABLE = ("ST001", "ST002")


class DocumentError(Exception):
    """The text cannot be held for editing (not YAML, not a mapping, beyond the linter's limits)."""


def refuse_what_the_linter_refuses(text: str, limits: dict[str, int]) -> None:
    """Raise DocumentError, with line and column, when `designer lint` could not read `text` either."""
    from designer.model.loader import load_text

    try:
        loaded = load_text(text, "<editor>", limits)
    except Exception as exc:  # a loader bug must cost one refused file, not the editor
        raise DocumentError(f"the checker failed on this file ({type(exc).__name__}); please report it") from None
    for finding in loaded.findings:
        if finding.code in UNREADABLE:
            raise DocumentError(f"line {finding.line}, column {finding.column}: {finding.message}")


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, block-sequence dash offset) as the file writes them; (2, 2) when it does not say.

    A line scan, not a parse: ruamel's own guesser loads the whole file a second time.
    Only a line right under an open `key:` line tells: a nested key gives the mapping
    indent, a dash gives the sequence offset.
    """
    mapping, offset = None, None
    open_key: int | None = None  # indent of the previous line when it was a bare `key:`
    for raw in text.splitlines():
        stripped = raw.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(stripped)
        if open_key is not None:
            if stripped.startswith("-") and offset is None:
                offset = max(indent - open_key, 0)
            elif not stripped.startswith("-") and indent > open_key and mapping is None:
                mapping = indent - open_key
        if mapping is not None and offset is not None:
            break
        is_bare_key = stripped.rstrip().endswith(":") and not stripped.startswith(("-", "{", "[", "?"))
        open_key = indent if is_bare_key else None
    return mapping or 2, 2 if offset is None else offset


@cache
def _constructor() -> Any:
    """ruamel's round-trip constructor, turning its crashes on odd values into errors with a position.

    `!!int ''`, `!!bool x`, `!!set 1` or a list as a mapping key raise IndexError,
    KeyError, AttributeError or TypeError inside ruamel; the editor refuses such a
    file at the node's line and column instead.
    """
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor

    crashes = (ValueError, TypeError, KeyError, IndexError, AttributeError)

    def refused(node: Any, exc: Exception) -> ConstructorError:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        return ConstructorError(None, None, f"cannot read this value as {tag} ({type(exc).__name__})", node.start_mark)

    class Constructor(RoundTripConstructor):
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except crashes as exc:
                raise refused(node, exc) from None

        # Mappings, sequences and sets are filled after construct_object returns (ruamel's generators).
        def construct_mapping(self, node: Any, maptyp: Any, deep: bool = False) -> Any:  # type: ignore[override]
            try:
                return super().construct_mapping(node, maptyp, deep=deep)
            except crashes as exc:
                raise refused(node, exc) from None

        def construct_rt_sequence(self, node: Any, seqtyp: Any, deep: bool = False) -> Any:
            try:
                return super().construct_rt_sequence(node, seqtyp, deep=deep)
            except crashes as exc:
                raise refused(node, exc) from None

        def construct_setting(self, node: Any, typ: Any, deep: bool = False) -> Any:
            try:
                return super().construct_setting(node, typ, deep=deep)
            except crashes as exc:
                raise refused(node, exc) from None

    return Constructor


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a user's long lines
    mapping, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


class _Budget:
    """How many nodes and levels a snapshot may still take: aliases make a small document a large tree."""

    def __init__(self, max_nodes: int, max_depth: int) -> None:
        self.nodes = max_nodes
        self.max_depth = max_depth

    def take(self, depth: int, where: tuple[int, int]) -> None:
        self.nodes -= 1
        if self.nodes < 0:
            raise DocumentError(f"line {where[0]}, column {where[1]}: the design expands to too many nodes (aliases?)")
        if depth > self.max_depth:
            raise DocumentError(f"line {where[0]}, column {where[1]}: the design nests too deep")


def _position(lc: Any, slot: Any) -> tuple[int, ...] | None:
    """ruamel's recorded (line, col, ...) of a key or item, 0-based; None when it has none (merged, added)."""
    data = getattr(lc, "data", None)
    position = data.get(slot) if isinstance(data, dict) else None
    if isinstance(position, list | tuple) and len(position) >= 2 and all(isinstance(p, int) for p in position):
        return tuple(position)
    return None


def _here(node: Any, where: tuple[int, int]) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    line, col = getattr(lc, "line", None), getattr(lc, "col", None)
    return (line + 1, col + 1) if isinstance(line, int) and isinstance(col, int) else where


def _plain(node: Any, path: DataPath, source: SourceMap, where: tuple[int, int], budget: _Budget) -> Any:
    """Copy ruamel data into plain Python types, recording positions, within the budget."""
    budget.take(len(path), where)
    if isinstance(node, dict):
        here = _here(node, where)
        source.values[path] = here
        out = {}
        lc = getattr(node, "lc", None)
        for key, value in node.items():
            position = _position(lc, key)
            key_at = (position[0] + 1, position[1] + 1) if position else here
            value_at = (position[2] + 1, position[3] + 1) if position and len(position) >= 4 else key_at
            name = _key_text(key)
            source.keys[(*path, name)] = key_at
            out[name] = _plain(value, (*path, name), source, value_at, budget)
        return out
    if isinstance(node, list):
        here = _here(node, where)
        source.values[path] = here
        lc = getattr(node, "lc", None)
        items = []
        for index, value in enumerate(node):
            position = _position(lc, index)
            at = (position[0] + 1, position[1] + 1) if position else here
            items.append(_plain(value, (*path, index), source, at, budget))
        return items
    source.values[path] = where
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def _key_text(key: Any) -> str:
    """A mapping key as the linter names it (`null`, `true`, `1`), whatever ruamel built for it."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _tail_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment that follows a collection's last node: (ca.items, key, slot)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        entry = node.ca.items.get(key)
        if entry and len(entry) > 2 and entry[2] is not None:
            return node.ca.items, key, 2
        return _tail_slot(node[key])
    if isinstance(node, CommentedSeq) and node:
        key = len(node) - 1
        entry = node.ca.items.get(key)
        if entry and entry[0] is not None:
            return node.ca.items, key, 0
        return _tail_slot(node[key])
    return None


def _detach_tail(items: list[Any]) -> Any:
    """Take the comment lines that trail a list (often the next section's heading) off its last item.

    ruamel stores them with the last item's last value, together with that line's own
    inline comment; the inline part stays with its item, the lines after it move.
    """
    import copy

    slot = _tail_slot(items[-1]) if items else None
    if slot is None:
        return None
    table, key, index = slot
    token = table[key][index]
    value = getattr(token, "value", None)
    if not isinstance(value, str):
        return None
    cut = value.find("\n")
    if cut < 0 or not value[cut + 1 :]:
        return None  # only the item's own inline comment: it stays
    moved = copy.copy(token)
    moved.value = "\n" + value[cut + 1 :]
    token.value = value[: cut + 1]
    return moved


def _attach_tail(items: list[Any], token: Any) -> None:
    """Give trailing comment lines to the list's new last item."""
    from ruamel.yaml.comments import CommentedMap

    if token is None or not items:
        return
    last = items[-1]
    if not isinstance(last, CommentedMap) or not last:
        return
    last_key = list(last.keys())[-1]
    entry = last.ca.items.setdefault(last_key, [None, None, None, None])
    current = entry[2]
    if current is not None and isinstance(getattr(current, "value", None), str):
        # The new last item has its own inline comment: keep it, then the moved lines.
        current.value = current.value.rstrip("\n") + token.value
    else:
        entry[2] = token


def _scalars(values: Any) -> bool:
    return all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in values)


def _update_scalars(seq: Any, values: list[Any]) -> None:
    """Make a list of codes or ids hold `values`, editing it in place.

    Entries that stay keep their own comments, the list keeps its flow or block style, and the
    comment lines after its last entry (often the next key's heading) stay after the list.
    New entries are appended; when the entries that stay are in another order than `values`,
    the entries are rewritten in that order (and lose their own comments).
    """
    tail = _detach_scalar_tail(seq)
    remaining = Counter(values)
    dropped = []
    for position, entry in enumerate(seq):
        if remaining[entry] > 0:
            remaining[entry] -= 1
        else:
            dropped.append(position)
    for position in reversed(dropped):
        del seq[position]
    if list(seq) != values[: len(seq)]:
        del seq[:]
    for entry in values[len(seq) :]:
        seq.append(entry)
    if tail is not None and seq:
        entry = seq.ca.items.setdefault(len(seq) - 1, [None, None, None, None])
        current = entry[0]
        if current is not None and isinstance(getattr(current, "value", None), str):
            current.value = current.value.rstrip("\n") + tail.value
        else:
            entry[0] = tail


def _detach_scalar_tail(seq: Any) -> Any:
    """Take the comment lines after a block list's last entry off that entry (its inline comment stays)."""
    import copy

    entry = seq.ca.items.get(len(seq) - 1) if seq else None
    token: Any = entry[0] if entry else None
    value = getattr(token, "value", None)
    if not isinstance(value, str):
        return None
    cut = value.find("\n")
    if cut < 0 or not value[cut + 1 :]:
        return None
    moved = copy.copy(token)
    moved.value = "\n" + value[cut + 1 :]
    token.value = value[: cut + 1]
    return moved


def _attach_tail_to_key(mapping: Any, key: Any, token: Any) -> None:
    """Put comment lines after a mapping's key's line (after its inline comment, if it has one)."""
    if token is None:
        return
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    current = entry[2]
    if current is not None and isinstance(getattr(current, "value", None), str):
        current.value = current.value.rstrip("\n") + token.value
    else:
        entry[2] = token


def _keep_style(old: Any, value: str) -> Any:
    """Give a new string the scalar style of the one it replaces (folded, literal, quoted)."""
    import textwrap

    from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString

    if not isinstance(old, ScalarString):
        return value
    if isinstance(old, FoldedScalarString):
        folded = FoldedScalarString(value)
        # Fold where textwrap would break, so the file keeps short lines.
        positions, offset = [], 0
        for line in textwrap.wrap(value, width=76, break_long_words=False, break_on_hyphens=False)[:-1]:
            offset += len(line)
            positions.append(offset)
            offset += 1
        folded.fold_pos = positions
        return folded
    return type(old)(value)


def valid_id(value: str) -> bool:
    return bool(_ID.match(value))


class DesignDocument:
    """The round-trip data of one design, with the edits the editor makes.

    The text passes the linter's own reading first (syntax, node budget, depth),
    so ruamel never sees an alias bomb, and whatever `designer lint` refuses the
    editor refuses with the same words. A byte-order mark and CRLF line ends are
    written back as they were read.
    """

    def __init__(self, text: str, limits: dict[str, int] | None = None) -> None:
        from ruamel.yaml.comments import CommentedMap

        from designer.model.loader import DEFAULT_LIMITS, suppressions

        self.limits = dict(limits or DEFAULT_LIMITS)
        self.bom = text.startswith(BOM)
        text = text.removeprefix(BOM)
        first_break = text.find("\n")
        self.newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
        if self.newline != "\n":
            text = text.replace("\r\n", "\n")  # ruamel keeps a comment's \r; the ends go back on in text()
        if text.strip():
            refuse_what_the_linter_refuses(text, self.limits)
        self._yaml = _yaml(text)
        # Read from the same text as the node positions, so a finding's line finds its comment.
        self.suppressions = suppressions(text)
        data = self._load(text) if text.strip() else None
        if data is None:
            data = CommentedMap()
            data["format"] = 1
        if not isinstance(data, CommentedMap):
            line, column = _here(data, (1, 1))
            kind = "a list" if isinstance(data, list) else "a single value"
            raise DocumentError(
                f"line {line}, column {column}: a design must be a mapping with 'format: 1' at the top, not {kind}"
            )
        self.data: Any = data
        self.snapshot()  # anything the linter reads but ruamel builds oddly fails here, not later

    def _load(self, text: str) -> Any:
        import warnings

        from ruamel.yaml.error import YAMLError

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a reused anchor: the linter reports it; ruamel would print it
                return self._yaml.load(text)
        except YAMLError as exc:
            # Some ruamel errors put their words and position in the context slots.
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
            problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or exc
            raise DocumentError(f"{where}{problem}") from None
        except Exception as exc:
            # ruamel's constructors fail on some odd tagged values that the linter reads as text.
            raise DocumentError(f"the editor cannot hold this file ({type(exc).__name__}: {exc})") from None

    @property
    def is_design(self) -> bool:
        """Whether the file says it is a design: a `format:` key or one of the design's sections."""
        return any(key in self.data for key in DESIGN_KEYS)

    # Reading
    def text(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        text = out.getvalue()
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return BOM + text if self.bom else text

    def text_to_save(self) -> str:
        """The text to write, once it reads back as the same data; DocumentError when it would not.

        ruamel can write an odd tag differently from how it read it (`!!!!set`
        comes back as `!!!set`); a save must never turn a design into another one.
        """
        text = self.text()
        try:
            same = DesignDocument(text, self.limits).snapshot()[0] == self.snapshot()[0]
        except DocumentError:
            same = False
        if not same:
            raise DocumentError(
                "not saved: the YAML library would write this design differently from how it reads it back "
                "(an unusual tag or key?); your edits are kept; please report this with the file"
            )
        return text

    def snapshot(self) -> tuple[Any, SourceMap]:
        """Plain data and positions of the document as it is now, for linting without a dump.

        Positions come from where ruamel read each node; a node added since
        takes its parent's. Cheap (one pass), so it runs on the UI thread and
        the lint runs on a worker with data nobody else touches. Bounded by the
        linter's node and depth limits, so shared (aliased) nodes cannot blow it up.
        """
        source = SourceMap()
        budget = _Budget(self.limits["max_nodes"], self.limits["max_depth"])
        return _plain(self.data, (), source, (1, 1), budget), source

    def get(self, path: DataPath, default: Any = None) -> Any:
        node: Any = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def section(self, name: str) -> list[Any]:
        items = self.data.get(name)
        return items if isinstance(items, list) else []

    def ids(self) -> list[str]:
        return [
            str(item.get("id"))
            for name in SECTIONS
            for item in self.section(name)
            if isinstance(item, dict) and item.get("id")
        ]

    # Writing
    def _container(self, path: DataPath) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node: Any = self.data
        for index, part in enumerate(path):
            nxt = node.get(part) if isinstance(node, dict) else node[part]
            if nxt is None:
                following = path[index + 1] if index + 1 < len(path) else None
                nxt = CommentedSeq() if isinstance(following, int) else CommentedMap()
                if isinstance(node, dict):
                    self._insert_key(node, part, nxt)
                else:
                    node[part] = nxt
            node = nxt
        return node

    def _insert_key(self, mapping: Any, key: Any, value: Any) -> None:
        """Add a new key where the format puts it (course keys in documented order), else at the end."""
        if mapping is self.data.get("course") and key in COURSE_KEYS:
            order = COURSE_KEYS.index(key)
            for position, existing in enumerate(mapping):
                if existing in COURSE_KEYS and COURSE_KEYS.index(existing) > order:
                    mapping.insert(position, key, value)
                    return
        if mapping is self.data and key == "course":
            mapping.insert(1 if "format" in mapping else 0, key, value)
            return
        mapping[key] = value

    def set(self, path: DataPath, value: Any) -> None:
        """Set a value; None or "" removes an optional key (an empty field is no value)."""
        parent = self._container(path[:-1])
        key = path[-1]
        if value is None or value == "":
            if isinstance(parent, dict) and key in parent:
                del parent[key]
            if len(path) == 3 and path[0] == "course" and isinstance(parent, dict) and not parent:
                # The last field of a course mapping (approval, contact) emptied: no `approval: {}` left behind.
                self.set(path[:2], None)
            return
        if isinstance(value, list):
            from ruamel.yaml.comments import CommentedSeq

            current = parent.get(key) if isinstance(parent, dict) else None
            if isinstance(current, CommentedSeq) and _scalars(current) and _scalars(value):
                if value or current.fa.flow_style():
                    _update_scalars(current, value)
                    return
                # An empty list has no block form: `[]` takes its place, and the comment lines after it stay.
                _attach_tail_to_key(parent, key, _detach_scalar_tail(current))
            value = self._flow_list(value)
        elif isinstance(value, str) and isinstance(parent, dict):
            value = _keep_style(parent.get(key), value)
        if isinstance(parent, dict):
            if key in parent:
                parent[key] = value
            else:
                self._insert_key(parent, key, value)
        else:
            parent[key] = value

    def set_bodies(self, bodies: list[dict[str, Any]]) -> None:
        """Replace the awarding bodies, editing existing entries in place so their style and comments stay."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        current = self.get(("course", "awarding_bodies"))
        if not bodies:
            self.set(("course", "awarding_bodies"), None)
            return
        if not isinstance(current, list):
            current = CommentedSeq()
            self._insert_key(self._container(("course",)), "awarding_bodies", current)
        flow = bool(current) and isinstance(current[0], CommentedMap) and current[0].fa.flow_style()
        for index, body in enumerate(bodies):
            if index < len(current) and isinstance(current[index], dict):
                entry = current[index]
                for key in ("name", "country"):
                    if body.get(key) in (None, ""):
                        entry.pop(key, None)
                    elif entry.get(key) != body[key]:
                        entry[key] = body[key]
            else:
                entry = CommentedMap(body)
                if flow:
                    entry.fa.set_flow_style()
                current.append(entry)
        del current[len(bodies) :]

    @staticmethod
    def _flow_list(values: list[Any]) -> Any:
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(values)
        seq.fa.set_flow_style()
        return seq

    def next_id(self, section: str) -> str:
        prefix = ID_PREFIX[section]
        taken = set(self.ids())
        number = len(self.section(section)) + 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def add_item(self, section: str, values: dict[str, Any] | None = None) -> int:
        """Append a new item with a fresh id; returns its index."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        items = self.data.get(section)
        tail = None
        if not isinstance(items, list):
            entry = self.data.ca.items.get(section)
            if entry and len(entry) > 2 and entry[2] is not None:
                tail, entry[2] = entry[2], None  # the comment after a bare `section:` line
            items = CommentedSeq()
            self._insert_key(self.data, section, items)
        item = CommentedMap()
        item["id"] = self.next_id(section)
        for key in ITEM_KEYS[section][1:]:
            if values and key in values and values[key] not in (None, ""):
                value = values[key]
                item[key] = self._flow_list(value) if isinstance(value, list) else value
        # Follow the section's style: flow items stay flow, block items stay block.
        if items and isinstance(items[-1], CommentedMap) and items[-1].fa.flow_style():
            item.fa.set_flow_style()
        tail = _detach_tail(items) or tail
        items.append(item)
        _attach_tail(items, tail)
        return len(items) - 1

    def duplicate_item(self, section: str, index: int) -> int:
        import copy

        items = self.section(section)
        tail = _detach_tail(items)
        clone = copy.deepcopy(items[index])
        clone["id"] = self.next_id(section)
        items.insert(index + 1, clone)
        _attach_tail(items, tail)
        return index + 1

    def remove_item(self, section: str, index: int) -> Any:
        """Delete an item and the references to it; returns the removed item."""
        items = self.section(section)
        tail = _detach_tail(items)
        removed = items.pop(index)
        if not items and self.data.get(section) is items:
            # An emptied section stays as a bare `section:` line, its trailing comments after it.
            self.data[section] = None
            if tail is not None:
                self.data.ca.items.setdefault(section, [None, None, None, None])[2] = tail
        else:
            _attach_tail(items, tail)
        item_id = removed.get("id") if isinstance(removed, dict) else None
        if item_id:
            self._rewrite_references(lambda ref: None if ref == item_id else ref)
        return removed

    def move_item(self, section: str, index: int, delta: int) -> int:
        items = self.section(section)
        target = index + delta
        if not 0 <= target < len(items):
            return index
        tail = _detach_tail(items)
        items.insert(target, items.pop(index))
        _attach_tail(items, tail)
        return target

    def rename_id(self, old: str, new: str) -> int:
        """Rename an item's id and every reference to it; returns how many references changed."""
        if not valid_id(new):
            raise DocumentError(f"'{new}' is not a valid id: start with a letter; use letters, digits, - _ .")
        if new != old and new in self.ids():
            raise DocumentError(f"id '{new}' is already used")
        for name in SECTIONS:
            for item in self.section(name):
                if isinstance(item, dict) and item.get("id") == old:
                    item["id"] = new
        return self._rewrite_references(lambda ref: new if ref == old else ref)

    def _rewrite_references(self, change: Any) -> int:
        changed = 0
        for name in ("summative", "formative", "content"):
            for item in self.section(name):
                if not isinstance(item, dict):
                    continue
                for field in REFERENCES:
                    refs = item.get(field)
                    if not isinstance(refs, list):
                        continue
                    for position in range(len(refs) - 1, -1, -1):
                        new = change(refs[position])
                        if new != refs[position]:
                            changed += 1
                            if new is None:
                                del refs[position]
                            else:
                                refs[position] = new
        return changed
