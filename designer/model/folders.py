"""Which files a lint reads: design files under a folder, and the catalogue a folder belongs to.

Light on purpose (no pydantic): the CLI asks these questions before it knows whether
there is anything to model.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

from designer.paths import CATALOGUE_FILE

YAML_SUFFIXES = (".yaml", ".yml")
# Folders no one keeps course designs in.
_SKIPPED_FOLDERS = ("node_modules", "__pycache__")


def excluded(path: str, patterns: list[str]) -> bool:
    """Whether an `exclude` pattern matches the path or its file name."""
    return any(fnmatch(path, pattern) or fnmatch(Path(path).name, pattern) for pattern in patterns)


def yaml_files(folder: str, exclude: list[str] | None = None) -> list[str]:
    """*.yaml and *.yml files under `folder`, recursively and sorted, leaving out hidden folders and `exclude`."""
    patterns = exclude or []
    found: list[str] = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        for name in sorted(names):
            if name.endswith(YAML_SUFFIXES):
                full = os.path.join(parent, name)
                if not excluded(full, patterns):
                    found.append(full)
    return found


def is_catalogue_file(path: str | Path) -> bool:
    return os.path.basename(path) == CATALOGUE_FILE


def find_catalogue(start: str | Path) -> Path | None:
    """The nearest catalogue.yaml at or above `start` (a folder, or the folder of a file), resolved."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CATALOGUE_FILE).is_file():
            return candidate / CATALOGUE_FILE
    return None


def catalogue_members(catalogue: str | Path, exclude: list[str] | None = None) -> list[str]:
    """The design files of a catalogue: every YAML file under its folder but catalogue.yaml itself,
    leaving out folders that hold a catalogue of their own (their designs belong to that one).

    Paths are written from the catalogue's folder as `catalogue` is written (relative stays relative).
    """
    root = os.path.dirname(str(catalogue)) or "."
    files = yaml_files(root, exclude)
    nested = {os.path.dirname(path) for path in files if is_catalogue_file(path)} - {root}
    members = []
    for path in files:
        if is_catalogue_file(path):
            continue
        folder = os.path.dirname(path)
        if any(folder == inner or folder.startswith(inner + os.sep) for inner in nested):
            continue
        members.append(path)
    return members
