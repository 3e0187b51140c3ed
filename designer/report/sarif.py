"""SARIF 2.1.0 output with every rule's documentation in the tool driver."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote_from_bytes

from designer import __version__
from designer.report import FileReport, Summary
from designer.rules.docs import rule_markdown
from designer.rules.registry import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str, cwd: Callable[[], Path]) -> str:
    """The artifact URI of `path` (RFC 3986): relative to the working folder (`cwd()`) when it lies inside it.

    Every byte outside the unreserved set and `/` is percent-encoded, so a
    space, `#`, `%` or a `:` (which would read as a URI scheme) stays part of
    the path; file names are encoded as the file system stores them.
    """
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(cwd())
        except ValueError:
            return p.as_uri()
    return quote_from_bytes(os.fsencode(p.as_posix()), safe="/")


def driver() -> dict[str, Any]:
    return {
        "name": "designer",
        "version": __version__,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.what},
                "help": {"text": f"{rule.what}\n\nWhy: {rule.why}", "markdown": rule_markdown(rule)},
                "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
                "properties": {"tags": [rule.code[:2]]},
            }
            for rule in RULES
        ],
    }


def write(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    cwd = cache(Path.cwd)  # looked up once, when a path is absolute
    uris: dict[str, str] = {}

    def uri(path: str) -> str:
        # A file's findings share its URI: built once per file, not per finding.
        if path not in uris:
            uris[path] = _uri(path, cwd)
        return uris[path]

    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(f.path)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
            **({"properties": {"subject": f.subject}} if f.subject else {}),
        }
        for r in reports
        for f in r.findings
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver()}, "results": results, "columnKind": "unicodeCodePoints"}],
    }
    # One write: json.dump writes every token on its own, a few million calls for a large folder.
    out.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")
