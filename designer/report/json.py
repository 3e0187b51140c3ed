"""Machine-readable output: {"version": 1, "summary": {...}, "findings": [...]}."""

from __future__ import annotations

import json
from typing import Any, TextIO

from designer.model.findings import Finding
from designer.report import FileReport, Summary

VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "subject": f.subject,
    }


def write(reports: list[FileReport], summary: Summary, out: TextIO, color: bool) -> None:
    document = {
        "version": VERSION,
        "summary": summary.as_dict(),
        "findings": [finding_dict(f) for r in reports for f in r.findings],
    }
    # One write: json.dump writes every token on its own, a few million calls for a large folder.
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
