"""Where the data folders (frameworks/, templates/, sample_courses/) live, installed or in a checkout.

A wheel carries them inside the package as designer/_data/; a source checkout
(and an editable install) reads them from the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# The file that makes a folder of designs a catalogue; it sits beside the designs but is not one.
CATALOGUE_FILE = "catalogue.yaml"


def data_dir(name: str) -> Path:
    """Return the folder `name` (frameworks or templates) that ships with designer."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def sample_designs() -> list[Path]:
    """The shipped sample designs, sorted: every YAML file in sample_courses/ but its catalogue."""
    return sorted(p for p in data_dir("sample_courses").glob("*.yaml") if p.name != CATALOGUE_FILE)
