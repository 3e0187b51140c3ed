"""Where the data folders (frameworks/, templates/) live, installed or in a checkout.

A wheel carries them inside the package as designer/_data/; a source checkout
(and an editable install) reads them from the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder `name` (frameworks or templates) that ships with designer."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
