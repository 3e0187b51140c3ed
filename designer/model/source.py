"""Where each node of a design sits in its file (line and column)."""

from __future__ import annotations

from designer.model.findings import START, Mark

DataPath = tuple[str | int, ...]


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
