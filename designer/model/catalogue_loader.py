"""Load catalogue.yaml with the guarantees a design file has.

The machinery is designer.model.loader's: libyaml composes the file, the walk keeps
every node's line and column and enforces the limits, unknown keys get a did-you-mean,
values of the wrong type become ST006 findings at the value and are pruned so the rest
loads. Only the model and the words differ (CATALOGUE below).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from designer.model.catalogue import CATALOGUE_FORMAT_VERSION, Catalogue
from designer.model.loader import FileFormat, LoadedFile, read_file, read_text

CATALOGUE: FileFormat[Catalogue] = FileFormat(
    noun="catalogue",
    long_noun="catalogue",
    question="is this a designer catalogue?",
    model=Catalogue,
    version=CATALOGUE_FORMAT_VERSION,
    item_lists=frozenset({("paths",), ("paths", "levels"), ("stacks",)}),
)


@dataclass
class LoadedCatalogue(LoadedFile[Catalogue]):
    """A loaded catalogue.yaml."""

    @property
    def catalogue(self) -> Catalogue | None:
        return self.model


def load_catalogue_text(text: str, path: str = "<string>", limits: dict[str, int] | None = None) -> LoadedCatalogue:
    """Load a catalogue from text. Never raises for bad input: problems become findings."""
    return read_text(LoadedCatalogue(path=path, text=text), CATALOGUE, text, limits)


def load_catalogue_file(path: str | Path, limits: dict[str, int] | None = None) -> LoadedCatalogue:
    """Load a catalogue.yaml. Unreadable files give a finding (ST002), never an exception."""
    return read_file(LoadedCatalogue(path=str(path)), CATALOGUE, path, limits)
