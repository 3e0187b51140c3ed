"""The learning-path diagram of a catalogue's index: where every box, header and arrow goes, in SVG user units.

Levels are columns in path order (the paths one after the other, each under a
band with its title), and the courses on no level get a last column of their
own. A course is a box; a prerequisite is an arrow from the right edge of the
prerequisite's box to the left edge of the course's. An arrow between two
boxes of one column bends out to the right and back, and one that runs
against the path (from a later column to an earlier one) is drawn apart, so a
committee sees it. The template only draws what is computed here, and escapes
every text; nothing here knows HTML.

Rows are placed so that arrows run as straight as they can: each column puts
a course in the row nearest the average row of its prerequisites in earlier
columns. An arrow that skips columns travels along the gap between two rows,
which is free in every column, so it never crosses a box.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from designer.model.figures import fmt

MARGIN = 24
BOX_WIDTH = 232
BOX_HEIGHT = 92
ROW_GAP = 24
COLUMN_GAP = 100
BAND_HEIGHT = 28
HEADER_HEIGHT = 64
COLUMN_PAD = 12
SAME_LEVEL_PORT = 0.3
"""Where an arrow within a column meets a box's right edge, as a share of the box's height from the top or bottom."""
# Room to the right of the last column for an arrow between two of its boxes.
BEND_ROOM = 56

CODE_SIZE = 13.0
TITLE_SIZE = 12.5
META_SIZE = 11.5
CHIP_SIZE = 10.0
HEADER_SIZE = 13.0
BAND_SIZE = 14.0
TITLE_LINES = 2
HEADER_LINES = 2
CHIP_HEIGHT = 15
CHIP_GAP = 4
INSET = 14
"""Text starts this far inside a box: past its status stripe."""

FORWARD = "forward"
SAME_LEVEL = "same-level"
AGAINST = "against"
ELLIPSIS = "…"

# Widths of characters as a share of the font size, near DejaVu Sans (the widest of the faces the
# stylesheet names that a reader is likely to have); SVG text does not wrap, so lines are broken here.
_NARROW = frozenset("ijl.,:;'!|")
_THIN = frozenset("ftrI()[]-")
_WIDE = frozenset("mwMW@%")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the width of `text` set at `size`, a little generous so text stays inside its box."""
    units = 0.0
    for char in text:
        if char in _NARROW:
            units += 0.3
        elif char in _THIN:
            units += 0.42
        elif char == " ":
            units += 0.32
        elif char in _WIDE:
            units += 0.92
        elif char.isupper():
            units += 0.7
        elif char.isdigit():
            units += 0.64
        else:
            units += 0.58
    return units * size * (1.1 if bold else 1.0)


def _fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` cut to `width` with an ellipsis when it is wider."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + ELLIPSIS, size, bold) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap(text: str, width: float, size: float, lines: int, bold: bool = False) -> tuple[str, ...]:
    """`text` broken into at most `lines` lines of `width`, the last one cut with an ellipsis if needed."""
    words = text.split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        out.append(current)
    return tuple(_fit(line, width, size, bold) for line in out[:lines])


@dataclass(frozen=True)
class Chip:
    """A stack a course counts towards, as a badge on its box."""

    label: str
    color: int
    """Index of the stack in the catalogue: its colour in the palette."""
    role: str
    """`required`, `elective`, or `claimed` (the design names the stack, which does not list it)."""
    title: str
    """Full text for the tooltip: "Required for dpp-cert: Certificate in ..."."""


@dataclass(frozen=True)
class Node:
    """A course to draw: a design, or a code a level names that has no design (`tone` planned)."""

    key: str
    """The course's anchor on the index; shared by its boxes when it is on several levels."""
    code: str | None
    title: str | None
    eqf_level: int | None
    ects: float | None
    href: str | None
    tone: str
    """clean, warning, error, unloadable or planned."""
    status: str
    """The lint status in words, for the tooltip."""
    chips: tuple[Chip, ...]


@dataclass(frozen=True)
class ColumnSpec:
    """One column to lay out: a level of a path, or the courses on no path (`band` None)."""

    band: str | None
    band_key: str | None
    kicker: str
    title: str | None
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class PlacedChip:
    chip: Chip
    x: str
    y: str
    width: str
    text: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class Box:
    node: Node
    column: int
    row: int
    x: str
    y: str
    width: str
    height: str
    code: str
    """The code, cut to fit beside the EQF and ECTS."""
    meta: str
    """"EQF 6 · 3 ECTS"."""
    title_lines: tuple[str, ...]
    chips: tuple[PlacedChip, ...]
    more: int
    """Chips that did not fit (shown as +N)."""
    more_x: str
    code_x: str
    code_y: str
    meta_x: str
    title_y: tuple[str, ...]
    chip_y: str


@dataclass(frozen=True)
class Column:
    x: str
    y: str
    width: str
    height: str
    kicker: str
    title: str | None
    title_lines: tuple[str, ...]
    text_x: str
    kicker_y: str
    title_y: tuple[str, ...]
    off_path: bool
    empty: bool
    empty_y: str


@dataclass(frozen=True)
class Band:
    x: str
    y: str
    width: str
    height: str
    title: str
    text: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    """Course keys: the prerequisite, and the course that needs it."""
    source_code: str
    target_code: str
    kind: str
    """forward, same-level or against."""
    d: str
    """The SVG path."""


@dataclass(frozen=True)
class Diagram:
    width: str
    height: str
    bands: tuple[Band, ...]
    columns: tuple[Column, ...]
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    kinds: frozenset[str]
    """The arrow kinds drawn, so the legend explains only those."""
    tones: frozenset[str]
    roles: frozenset[str]


def _n(value: float) -> str:
    """A coordinate as SVG text: whole numbers bare, others to one decimal, never in exponent form."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _rows(
    columns: Sequence[ColumnSpec], predecessors: dict[str, list[str]], successors: dict[str, list[str]]
) -> list[dict[str, int]]:
    """For each column, the row of each of its courses: near the rows of their prerequisites in earlier columns."""
    placed: list[dict[str, int]] = [{} for _ in columns]

    def rows_of(keys: Iterable[str], before: int | None) -> list[int]:
        return [
            rows[key]
            for key in keys
            for index, rows in enumerate(placed)
            if key in rows and (before is None or index < before)
        ]

    def place(index: int, neighbours: dict[str, list[str]], before: int | None) -> None:
        nodes = columns[index].nodes
        wanted: dict[str, float | None] = {}
        for node in nodes:
            rows = rows_of(neighbours.get(node.key, ()), before)
            wanted[node.key] = sum(rows) / len(rows) if rows else None
        taken: set[int] = set()
        result: dict[str, int] = {}
        anchored = sorted((n for n in nodes if wanted[n.key] is not None), key=lambda n: (wanted[n.key], n.key))
        for node in anchored:
            target = wanted[node.key] or 0.0
            row = max(0, round(target))
            for step in range(len(nodes) + len(taken) + 1):
                below, above = row + step, row - step
                if above >= 0 and above not in taken and target - above <= below - target:
                    row = above
                    break
                if below not in taken:
                    row = below
                    break
            taken.add(row)
            result[node.key] = row
        free = 0
        for node in nodes:
            if node.key in result:
                continue
            while free in taken:
                free += 1
            taken.add(free)
            result[node.key] = free
        placed[index] = result

    for index in range(len(columns)):
        place(index, predecessors, index)
    if len(columns) > 1:
        # The first column has no prerequisites to follow: line it up with the courses that need it.
        place(0, successors, None)
        for index in range(1, len(columns)):
            place(index, predecessors, index)
    return placed


def _curve(x0: float, y0: float, x1: float, y1: float) -> str:
    middle = (x0 + x1) / 2
    return f"C{_n(middle)},{_n(y0)} {_n(middle)},{_n(y1)} {_n(x1)},{_n(y1)}"


def layout(columns: Sequence[ColumnSpec], edges: Iterable[tuple[str, str]]) -> Diagram:
    """Place `columns` and draw an arrow for each (prerequisite key, course key) in `edges` whose boxes are drawn."""
    edges = list(dict.fromkeys(edges))
    predecessors: dict[str, list[str]] = {}
    successors: dict[str, list[str]] = {}
    for source, target in edges:
        predecessors.setdefault(target, []).append(source)
        successors.setdefault(source, []).append(target)
    rows = _rows(columns, predecessors, successors)
    pitch = BOX_HEIGHT + ROW_GAP
    has_band = any(c.band is not None for c in columns)
    top = MARGIN + (BAND_HEIGHT + 8 if has_band else 0) + HEADER_HEIGHT
    depth = max((max(r.values()) + 1 for r in rows if r), default=1)
    bottom = top + depth * pitch - ROW_GAP + COLUMN_PAD

    def column_x(index: int) -> float:
        return MARGIN + COLUMN_PAD + index * (BOX_WIDTH + COLUMN_GAP)

    laid_columns: list[Column] = []
    bands: list[Band] = []
    boxes: list[Box] = []
    where: dict[str, list[Box]] = {}
    for index, spec in enumerate(columns):
        x = column_x(index)
        header_width = BOX_WIDTH + 2 * COLUMN_PAD - 16
        title_lines = wrap(spec.title or "", header_width, HEADER_SIZE, HEADER_LINES, bold=True) if spec.title else ()
        column_top = top - HEADER_HEIGHT
        laid_columns.append(
            Column(
                x=_n(x - COLUMN_PAD),
                y=_n(column_top),
                width=_n(BOX_WIDTH + 2 * COLUMN_PAD),
                height=_n(bottom - column_top),
                kicker=spec.kicker,
                title=spec.title,
                title_lines=title_lines,
                text_x=_n(x - COLUMN_PAD + 8),
                kicker_y=_n(column_top + 18),
                title_y=tuple(_n(column_top + 36 + 16 * line) for line in range(len(title_lines))),
                off_path=spec.band is None,
                empty=not spec.nodes,
                empty_y=_n(top + 24),
            )
        )
        for node in spec.nodes:
            box = _box(node, index, rows[index][node.key], x, top + rows[index][node.key] * pitch)
            boxes.append(box)
            where.setdefault(node.key, []).append(box)
    start = 0
    while start < len(columns):
        spec = columns[start]
        end = start
        while end + 1 < len(columns) and columns[end + 1].band_key == spec.band_key:
            end += 1
        if spec.band is not None:
            x0, x1 = column_x(start) - COLUMN_PAD, column_x(end) + BOX_WIDTH + COLUMN_PAD
            bands.append(
                Band(
                    x=_n(x0),
                    y=_n(MARGIN),
                    width=_n(x1 - x0),
                    height=_n(BAND_HEIGHT),
                    title=spec.band,
                    text=_fit(spec.band, x1 - x0 - 20, BAND_SIZE, bold=True),
                    text_x=_n(x0 + 10),
                    text_y=_n(MARGIN + 19),
                )
            )
        start = end + 1
    arrows = [arrow for source, target in edges for arrow in _arrows(source, target, where, top, pitch)]
    width = column_x(len(columns) - 1) + BOX_WIDTH + COLUMN_PAD + BEND_ROOM if columns else 2 * MARGIN + BOX_WIDTH
    return Diagram(
        width=_n(width),
        height=_n(bottom + MARGIN),
        bands=tuple(bands),
        columns=tuple(laid_columns),
        boxes=tuple(boxes),
        arrows=tuple(arrows),
        kinds=frozenset(a.kind for a in arrows),
        tones=frozenset(b.node.tone for b in boxes),
        roles=frozenset(chip.chip.role for b in boxes for chip in b.chips),
    )


def _meta(node: Node) -> str:
    parts = []
    if node.eqf_level is not None:
        parts.append(f"EQF {node.eqf_level}")
    if node.ects is not None:
        parts.append(f"{fmt(node.ects)} ECTS")
    return " · ".join(parts)


def _box(node: Node, column: int, row: int, x: float, y: float) -> Box:
    meta = _meta(node)
    inner = BOX_WIDTH - INSET - 10
    meta_width = text_width(meta, META_SIZE)
    code = _fit(node.code or "no code", max(40.0, inner - meta_width - 10), CODE_SIZE, bold=True)
    title = node.title or ("No design yet" if node.tone == "planned" else "Untitled")
    title_lines = wrap(title, inner, TITLE_SIZE, TITLE_LINES)
    chip_y = y + BOX_HEIGHT - CHIP_HEIGHT - 7
    chips: list[PlacedChip] = []
    cursor = x + INSET
    room = x + BOX_WIDTH - 10
    for index, chip in enumerate(node.chips):
        text = _fit(chip.label, 90, CHIP_SIZE, bold=True)
        width = text_width(text, CHIP_SIZE, bold=True) + 12
        # Keep room for "+N" unless this is the last chip.
        reserve = 0 if index == len(node.chips) - 1 else 26
        if cursor + width + reserve > room:
            break
        chips.append(
            PlacedChip(
                chip=chip,
                x=_n(cursor),
                y=_n(chip_y),
                width=_n(width),
                text=text,
                text_x=_n(cursor + width / 2),
                text_y=_n(chip_y + 11),
            )
        )
        cursor += width + CHIP_GAP
    return Box(
        node=node,
        column=column,
        row=row,
        x=_n(x),
        y=_n(y),
        width=_n(BOX_WIDTH),
        height=_n(BOX_HEIGHT),
        code=code,
        meta=meta,
        title_lines=title_lines,
        chips=tuple(chips),
        more=len(node.chips) - len(chips),
        more_x=_n(cursor + 2),
        code_x=_n(x + INSET),
        code_y=_n(y + 21),
        meta_x=_n(x + BOX_WIDTH - 10),
        title_y=tuple(_n(y + 42 + 16 * line) for line in range(len(title_lines))),
        chip_y=_n(chip_y + 11),
    )


def _pick(boxes: list[Box], column: int) -> Box:
    """Of a prerequisite's boxes, the one nearest before `column`, else the first."""
    before = [b for b in boxes if b.column <= column]
    return max(before, key=lambda b: b.column) if before else boxes[0]


def _arrows(source: str, target: str, where: dict[str, list[Box]], top: float, pitch: float) -> list[Arrow]:
    if source not in where or target not in where or source == target:
        return []
    arrows = []
    for end_box in where[target]:
        start_box = _pick(where[source], end_box.column)
        kind, d = _route(start_box, end_box, top, pitch)
        arrows.append(
            Arrow(
                source=source,
                target=target,
                source_code=start_box.node.code or "",
                target_code=end_box.node.code or "",
                kind=kind,
                d=d,
            )
        )
    return arrows


def _lane(y0: float, y1: float, top: float, pitch: float) -> float:
    """The middle of the gap between two rows nearest halfway between y0 and y1: free in every column."""
    halfway = (y0 + y1) / 2
    # Ties go to the gap below: the one above the first row is the column heading's.
    gap = max(1, math.floor((halfway - top + ROW_GAP / 2) / pitch + 0.5))
    return top + gap * pitch - ROW_GAP / 2


def _route(start: Box, end: Box, top: float, pitch: float) -> tuple[str, str]:
    sx, sy = float(start.x), float(start.y) + BOX_HEIGHT / 2
    ex, ey = float(end.x), float(end.y) + BOX_HEIGHT / 2
    if start.column == end.column:
        # Out of and into the right edges, off the middle where the arrows to the next level leave.
        right = sx + BOX_WIDTH
        down = end.row > start.row
        y0 = float(start.y) + BOX_HEIGHT * (SAME_LEVEL_PORT if not down else 1 - SAME_LEVEL_PORT)
        y1 = float(end.y) + BOX_HEIGHT * (SAME_LEVEL_PORT if down else 1 - SAME_LEVEL_PORT)
        bend = min(COLUMN_GAP * 0.45, 20 + 8 * abs(end.row - start.row))
        d = f"M{_n(right)},{_n(y0)} C{_n(right + bend)},{_n(y0)} {_n(right + bend)},{_n(y1)} {_n(right + 1)},{_n(y1)}"
        return SAME_LEVEL, d
    if start.column < end.column:
        x0, x1 = sx + BOX_WIDTH, ex - 1
        kind = FORWARD
    else:
        x0, x1 = sx, ex + BOX_WIDTH + 1
        kind = AGAINST
    if abs(end.column - start.column) == 1:
        return kind, f"M{_n(x0)},{_n(sy)} {_curve(x0, sy, x1, ey)}"
    # Past the columns between: out to a free lane, along it, and into the course's box.
    lane = _lane(sy, ey, top, pitch)
    step = COLUMN_GAP if kind == FORWARD else -COLUMN_GAP
    a, b = x0 + step, x1 - step
    return kind, f"M{_n(x0)},{_n(sy)} {_curve(x0, sy, a, lane)} L{_n(b)},{_n(lane)} {_curve(b, lane, x1, ey)}"
