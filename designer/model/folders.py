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


def excluded(path: str, patterns: list[str], root: str | Path | None = None) -> bool:
    """Whether an `exclude` pattern matches the path as written, its file name, or its path from `root`.

    `root` is the folder of the config file that sets the patterns: `drafts/*` there means the drafts folder
    beside the config file, however the linted folder was named (absolute, `.`, from elsewhere), so
    `designer lint DIR` and the editor, which names files by their absolute paths, leave out the same files.
    """
    if not patterns:
        return False
    candidates = [path, Path(path).name]
    if root is not None:
        relative = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            candidates.append(relative.replace(os.sep, "/"))
    return any(fnmatch(candidate, pattern) for candidate in candidates for pattern in patterns)


def yaml_files(folder: str, exclude: list[str] | None = None, root: str | Path | None = None) -> list[str]:
    """*.yaml and *.yml files under `folder`, recursively and sorted, leaving out hidden folders and `exclude`
    (patterns written in the config file in `root`, see `excluded`)."""
    patterns = exclude or []
    found: list[str] = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        for name in sorted(names):
            if name.endswith(YAML_SUFFIXES):
                full = os.path.join(parent, name)
                if not excluded(full, patterns, root):
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


def catalogue_members(
    catalogue: str | Path, exclude: list[str] | None = None, root: str | Path | None = None
) -> list[str]:
    """The design files of a catalogue: every YAML file under its folder but catalogue.yaml itself,
    leaving out folders that hold a catalogue of their own (their designs belong to that one) and `exclude`
    (patterns written in the config file in `root`, see `excluded`).

    Paths are written from the catalogue's folder as `catalogue` is written (relative stays relative).
    """
    top = os.path.dirname(str(catalogue)) or "."
    files = yaml_files(top, exclude, root)
    nested = {os.path.dirname(path) for path in files if is_catalogue_file(path)} - {top}
    members = []
    for path in files:
        if is_catalogue_file(path):
            continue
        folder = os.path.dirname(path)
        if any(folder == inner or folder.startswith(inner + os.sep) for inner in nested):
            continue
        members.append(path)
    return members
