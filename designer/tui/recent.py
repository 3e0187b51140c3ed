"""Recently opened designs, kept in the user's state folder (XDG_STATE_HOME)."""

from __future__ import annotations

import json
import os
from pathlib import Path

LIMIT = 10


def _store() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "designer" / "recent.json"


def recent_files() -> list[Path]:
    try:
        entries = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(e) for e in entries if isinstance(e, str) and Path(e).is_file()][:LIMIT]


def remember(path: Path) -> None:
    entries = [str(path.resolve())] + [str(p) for p in recent_files() if p.resolve() != path.resolve()]
    store = _store()
    try:
        from designer.model.atomic import write_atomic

        store.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(store, json.dumps(entries[:LIMIT], indent=2))
    except OSError:
        pass  # a missing recent list costs nothing
