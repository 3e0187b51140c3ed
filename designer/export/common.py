"""What the exporters share: a schema or shape violation, and how a document is written."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    path: str  # JSON pointer in the exported document, e.g. /credentialSubject/achievement/criteria
    message: str


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
