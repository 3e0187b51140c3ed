"""The one-line field of the forms: an Input that keeps its text on focus."""

from __future__ import annotations

from typing import Any

from textual.events import Focus
from textual.widgets import Input


class FieldInput(Input):
    """A one-line field that puts the cursor at the end on focus instead of selecting all its text.

    With the text selected, the first key typed replaced a whole filled field.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(select_on_focus=False, **kwargs)

    def on_focus(self, event: Focus) -> None:
        self.cursor_position = len(self.value)
