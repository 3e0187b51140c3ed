"""Credential exports: one module per standard (elm: European Learning Model v3, ob3: Open Badges 3.0).

Each module exposes `export_design(design, framework, *, credential=False) -> dict`,
`export_stack(plan, *, credential=False) -> dict` (a catalogue's stack, common.StackPlan) and
`check(document) -> list[Violation]`. Modules are imported by name when used, so the CLI
starts without them, without the validators they import and without their data models (this
package's own import is the format names only: the CLI's parser reads them on every start).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType
from typing import Any

FORMATS = ("elm", "ob3")

# What tells a document's standard: a context URL it names, or a type of its top node.
_SIGNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "elm": (
        ("http://data.europa.eu/snb/model/context/",),
        ("LearningOpportunity", "EuropeanDigitalCredential", "LearningAchievementSpecification", "Qualification"),
    ),
    "ob3": (
        ("https://purl.imsglobal.org/spec/ob/", "https://imsglobal.github.io/openbadges-specification/"),
        ("OpenBadgeCredential", "AchievementCredential", "Achievement", "EndorsementCredential"),
    ),
}


def module(fmt: str) -> ModuleType:
    """The exporter of `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    return importlib.import_module(f"designer.export.{fmt}")


def detect(document: Any) -> str | None:
    """The standard a parsed JSON document follows (a key of FORMATS), or None when it names neither."""
    from designer.export.common import contexts_of, types_of

    if not isinstance(document, Mapping):
        return None
    contexts = contexts_of(document)
    for fmt, (prefixes, _) in _SIGNS.items():
        if any(url.startswith(prefix) for url in contexts for prefix in prefixes):
            return fmt
    found = set(types_of(document))
    for fmt, (_, types) in _SIGNS.items():
        if found.intersection(types):
            return fmt
    return None


__all__ = ["FORMATS", "detect", "module"]
