"""Messages that cross from worker threads to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from designer.tui.state import Validation


@dataclass
class Validated(Message):
    """A validation run finished off the UI thread."""

    validation: Validation
