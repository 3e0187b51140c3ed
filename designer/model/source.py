"""Where each node of a design sits in its file (line and column)."""

from __future__ import annotations

from typing import Any

from designer.model.findings import START, Mark

DataPath = tuple[str | int, ...]


def dotted(path: DataPath) -> str:
    """A data path as a reader writes it: `stacks.0.required.2` -> stacks[0].required[2]."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class SourceMap:
    """Where each value (and each mapping key) of a loaded file starts."""

    def __init__(self) -> None:
        self.values: dict[DataPath, tuple[int, int]] = {}
        self.keys: dict[DataPath, tuple[int, int]] = {}

    def at(self, path: DataPath, *, key: bool = False) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = path
        while True:
            hit = table.get(probe) or (self.keys.get(probe) if key is False else self.values.get(probe))
            if hit is not None:
                return Mark(*hit)
            if not probe:
                return START
            probe = probe[:-1]


def listed_codes(data: Any, path: DataPath) -> list[tuple[int, str]]:
    """The codes (or ids) of the list at `path` in a file's raw data, each with its index in the file.

    Read from the raw data, not the model, so a position stays right when the loader dropped an
    invalid entry before it (ST006); entries that are not text (a mapping, true) are left out, and
    numbers read as text, as the model reads them.
    """
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return []
    if not isinstance(data, list):
        return []
    out = []
    for index, value in enumerate(data):
        if isinstance(value, str):
            out.append((index, value))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out.append((index, str(value)))
    return out
