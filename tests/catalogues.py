"""Catalogues for the tests: the clean fixture catalogue, changes laid over it, and linting it in one process.

A change (`patch`) maps a file name to what becomes of it:

- a mapping: keys laid over the file's data. `course` and `catalogue` merge key by key, any
  other plain key replaces, and a dotted key (`stacks.0.required`, `course.towards.1`) sets
  the value at that path (an index one past the end appends). A file the fixture does not
  have starts from tests/fixtures/base.yaml, a complete design;
- a string: the file's whole text (for exact lines, comments, YAML that does not parse);
- null: the file is removed.

The rule docs of the CT rules give their example and fix as text in the same terms: each
`# file: NAME` line starts the YAML mapping laid over that file (`doc_patch`).
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from designer.model.catalogue_loader import load_catalogue_text
from designer.rules.config import Settings
from designer.rules.engine import CatalogueLint, Result, lint_catalogue, lint_text

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalogue"
BASE_DESIGN = Path(__file__).resolve().parent / "fixtures" / "base.yaml"
CATALOGUE = "catalogue.yaml"
# Where the files of a catalogue linted from text say they are.
FOLDER = "catalogue"


def fixture_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURE.glob("*.yaml"))}


def _set(data: Any, dotted: str, value: Any) -> None:
    parts = [int(part) if part.isdigit() else part for part in dotted.split(".")]
    for part in parts[:-1]:
        data = data[part]
    last = parts[-1]
    if isinstance(data, list) and isinstance(last, int) and last == len(data):
        data.append(value)
    else:
        data[last] = value


def lay_over(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for key, value in changes.items():
        if "." in key:
            _set(data, key, value)
        elif key in ("course", "catalogue") and isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


def patched(patch: dict[str, Any] | None) -> dict[str, str]:
    """The fixture catalogue's files (name -> text) with `patch` applied."""
    files = fixture_texts()
    for name, change in (patch or {}).items():
        if change is None:
            files.pop(name, None)
        elif isinstance(change, str):
            files[name] = change
        else:
            start = files.get(name, BASE_DESIGN.read_text(encoding="utf-8"))
            data = lay_over(yaml.safe_load(start), change)
            files[name] = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)
    return files


def doc_patch(text: str) -> dict[str, Any]:
    """A CT rule doc's example or fix as a patch: `# file: NAME` lines start each file's mapping."""
    patch: dict[str, Any] = {}
    name, lines = None, []
    for line in [*text.splitlines(), "# file: "]:
        if line.startswith("# file: "):
            if name is not None:
                patch[name] = yaml.safe_load("\n".join(lines)) or {}
            name, lines = line.removeprefix("# file: ").strip(), []
        else:
            lines.append(line)
    return patch


@cache
def _linted(path: str, text: str, select: tuple[str, ...]) -> Result:
    return lint_text(text, path, Settings(select=list(select)))


def lint_texts(files: dict[str, str], settings: Settings | None = None) -> CatalogueLint:
    """Lint a catalogue given as texts, as `designer lint` would the folder (file paths: catalogue/NAME).

    Design results are cached by text, so cases that change one file lint only that file again.
    """
    settings = settings or Settings()
    results = [
        dataclasses.replace(_linted(f"{FOLDER}/{name}", text, tuple(settings.select)))
        for name, text in files.items()
        if name != CATALOGUE
    ]
    loaded = load_catalogue_text(files.get(CATALOGUE, ""), f"{FOLDER}/{CATALOGUE}")
    return lint_catalogue(loaded, results, settings)


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    """The files written into `folder` (made afresh); returns the folder."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder
