"""Figures: how they read in messages, the specification and the editor (84, 82.5), and how they are summed."""

from __future__ import annotations

import math
from decimal import Decimal


def first_words(statement: str, words: int) -> str:
    """A statement's first words as a finding quotes them, with an ellipsis when it goes on."""
    parts = statement.rstrip(".").split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def fmt(number: float) -> str:
    """A figure as a reader writes it: 84, 82.5."""
    # int() of an infinite sum (hours near the float limit add up to inf) would raise.
    whole = not math.isfinite(number) or abs(number) >= 1e6 or number == int(number)
    return f"{number:g}" if whole else f"{round(number, 2):g}"


def as_written(number: float) -> Decimal:
    """A finite number as its shortest decimal (0.1 is 0.1, not 0.1000000000000000055511151231257827)."""
    return Decimal(repr(float(number)))


def exact(value: object) -> Decimal | None:
    """A number as written, for sums without binary rounding (0.1 + 0.2 is 0.3); None for anything else.

    Text, a bool, inf, nan and a number too large for a float are not figures: an editor's
    half-typed document may hold any of them, and the loader reports them in a design.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return as_written(number) if math.isfinite(number) else None


def plural(count: int, word: str) -> str:
    """ "1 item", "3 items" """
    return f"{count} {word}{'' if count == 1 else 's'}"
