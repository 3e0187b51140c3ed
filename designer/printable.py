"""Text from a design or a file name made safe to print on a terminal.

A design's values reach the reviewer's terminal inside lint messages and
file names; raw control characters there could move the cursor, recolour or
retitle the terminal, or reorder a line (a terminal-escape injection). They
are shown as visible escapes instead; all other Unicode stays as written.
"""

from __future__ import annotations

# C0 controls, DEL and C1 controls (Unicode category Cc).
_CONTROLS = (*range(0x00, 0x20), *range(0x7F, 0xA0))
# Characters that reorder or break a line when displayed: the bidirectional
# marks, embeddings, overrides and isolates (Unicode TR #9), and the line and
# paragraph separators.
_LAYOUT = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)

_ESCAPES: dict[int, str] = {code: f"\\x{code:02x}" for code in _CONTROLS} | {code: f"\\u{code:04x}" for code in _LAYOUT}


def printable(text: str) -> str:
    """`text` with every control and layout character written as a visible escape (ESC becomes `\\x1b`)."""
    # None of them is printable in str.isprintable's sense, so printable text (nearly all of it, and a
    # lint prints tens of thousands of messages) is returned as it is without translating each character.
    return text if text.isprintable() else text.translate(_ESCAPES)
