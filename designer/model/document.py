"""A design file held for editing: comment- and order-preserving YAML round trip.

ruamel.yaml keeps comments, key order, quoting and block/flow style, so a file
hand-edited by an instructor saves back with only what changed changed. PyYAML
(used by the linter for speed) cannot do this.
"""

from __future__ import annotations

import io
import re
from typing import Any

from designer.model.sections import REFERENCES, SECTIONS
from designer.model.source import SourceMap

DataPath = tuple[str | int, ...]

ID_PREFIX = {"outcomes": "LO", "summative": "SA", "formative": "FC", "content": "CU"}
# Key order for new items and course keys: the models' field order in design.py (an item's long
# `description` is never set on a new item). Written out rather than read from the models so that
# opening the editor does not import pydantic; tests/test_format_order.py ties the two together.
ITEM_KEYS = {
    "outcomes": ("id", "statement", "domain"),
    "summative": ("id", "title", "method", "weight", "hours", "week", "outcomes"),
    "formative": ("id", "title", "method", "week", "hours", "outcomes", "prepares"),
    "content": ("id", "title", "mode", "activity", "week", "hours", "outcomes", "checkpoints"),
}
COURSE_KEYS = (
    "code",
    "title",
    "summary",
    "awarding_bodies",
    "language",
    "edition",
    "eqf_level",
    "ects",
    "hours_per_ects",
    "framework",
    "participation",
    "quality_assurance",
    "assessment_supervision",
    "prerequisites",
    "stackability",
    "towards",
    "further_information",
)
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


class DocumentError(Exception):
    """The text cannot be held for editing (not YAML, not a mapping)."""


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


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a user's long lines
    mapping, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


def _plain(node: Any, path: DataPath, source: SourceMap, where: tuple[int, int]) -> Any:
    """Copy ruamel data into plain Python types, recording positions."""
    if isinstance(node, dict):
        lc = getattr(node, "lc", None)
        here = (lc.line + 1, lc.col + 1) if lc is not None and lc.line is not None else where
        source.values[path] = here
        out = {}
        data = lc.data if lc is not None else {}
        for key, value in node.items():
            position = data.get(key) if isinstance(data, dict) else None
            key_at = (position[0] + 1, position[1] + 1) if position else here
            value_at = (position[2] + 1, position[3] + 1) if position else key_at
            source.keys[(*path, key)] = key_at
            out[str(key)] = _plain(value, (*path, str(key)), source, value_at)
        return out
    if isinstance(node, list):
        lc = getattr(node, "lc", None)
        here = (lc.line + 1, lc.col + 1) if lc is not None and lc.line is not None else where
        source.values[path] = here
        data = lc.data if lc is not None else {}
        items = []
        for index, value in enumerate(node):
            position = data.get(index) if isinstance(data, dict) else None
            items.append(
                _plain(value, (*path, index), source, (position[0] + 1, position[1] + 1) if position else here)
            )
        return items
    source.values[path] = where
    if isinstance(node, bool) or node is None:
        return node if node is None else bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return str(node)


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
    """The round-trip data of one design, with the edits the editor makes."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.error import YAMLError

        self._yaml = _yaml(text)
        try:
            data = self._yaml.load(text) if text.strip() else None
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
            raise DocumentError(f"{where}{getattr(exc, 'problem', None) or exc}") from None
        if data is None:
            data = CommentedMap()
            data["format"] = 1
        if not isinstance(data, CommentedMap):
            raise DocumentError("the file is not a YAML mapping")
        self.data: Any = data

    # Reading
    def text(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()

    def snapshot(self) -> tuple[Any, SourceMap]:
        """Plain data and positions of the document as it is now, for linting without a dump.

        Positions come from where ruamel read each node; a node added since
        takes its parent's. Cheap (one pass), so it runs on the UI thread and
        the lint runs on a worker with data nobody else touches.
        """
        source = SourceMap()
        return _plain(self.data, (), source, (1, 1)), source

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
            return
        if isinstance(value, list):
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
