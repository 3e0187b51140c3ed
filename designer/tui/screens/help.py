"""F1 / ?: every key, grouped, and how the walk works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from designer.tui.state import STAGE_TITLES, STAGES
from designer.tui.widgets.stepper import STAGE_KEYS, STAGE_NUMBERS

WALK = " → ".join(f"{STAGE_NUMBERS[stage]} {STAGE_TITLES[stage]}" for stage in STAGES)
STAGE_KEYS_ROW = (
    f"| {STAGE_KEYS[STAGES[0]]} … {STAGE_KEYS[STAGES[-1]]} "
    f"| Go to {', '.join(STAGE_TITLES[stage] for stage in STAGES)} (stages 1 to {len(STAGES)}) |"
)

HELP = f"""\
# designer — keys

**The walk** follows backward design: *{WALK}*.
A stage opens once the one before has what it needs; a locked stage says why and can still be opened.
Findings refresh as you type, with the same rules as `designer lint`.
In a catalogue (a `catalogue.yaml` at or above the design's folder), the course's prior courses and stacks
are ticked from the catalogue, and the catalogue's rules check the design as you type.

| Key | Action |
|---|---|
{STAGE_KEYS_ROW}
| Tab / Shift+Tab | Next / previous field |
| Space | In a checklist (references, prior courses, stacks): tick or untick the highlighted choice |
| a | Add an item (in an item table) |
| d | Duplicate the item |
| Delete or x | Delete the item (asks; Ctrl+Z undoes) |
| r | Rename the item's id; every reference follows |
| Shift+↑ / Shift+↓ or [ / ] | Move the item up / down |
| Enter | In a table: edit the item. On a finding: jump to its item and field. On a matrix row: its outcome |
| Escape | Back to the item table |
| Ctrl+Z / Ctrl+Y | Undo / redo |
| Ctrl+S | Save (atomic; asks if the file changed on disk or is read-only) |
| F12 or Ctrl+Shift+S | Save as… another file (many terminals send Ctrl+Shift+S as Ctrl+S: use F12) |
| Ctrl+R | Render the specification (HTML) through the validation gate |
| Ctrl+T | Switch light / dark theme |
| Ctrl+P | Command palette: every action |
| F1 or ? | This help |
| Ctrl+Q | Quit (asks when there are unsaved changes) |

Unsaved work is copied every 30 seconds to a hidden recovery file beside the design;
the next `designer edit` offers to restore it.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
