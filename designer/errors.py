"""Exit codes and the usage error: the bottom layer that every part of designer may import.

The codes follow ruff's documented contract: 0 clean, 1 findings, 2 usage
problems or unreadable input (never 1 for a crash), 130 interrupted.
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 130


class UsageError(Exception):
    """Bad arguments or an unreadable input: reported on stderr, exit 2."""
