"""A design's planned workload against its framework's band, computed once.

WL001, WL005, the specification's workload section and chart, the Annex I row,
and the editor's sidebar and review pane all read a `Workload`; none re-derives
the band, its own "inside" test or how many items state their hours. Figures are
summed as the decimals written (Decimal), so a total on the band's edge is inside
it without an epsilon.

Hours are a plan detail a draft or a transcribed specification may lack. With no
hours stated the workload is unknown ("not stated"), never "0 h"; with some stated
the total is a floor, so it can only be placed when it is already above the band.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from designer.model.figures import as_written, exact, fmt, plural
from designer.model.sections import WORKLOAD_SECTIONS

if TYPE_CHECKING:
    from designer.frameworks import Framework

Position = Literal["below", "within", "above"]
NOT_STATED = "not stated"


@dataclass(frozen=True)
class Workload:
    """Planned hours by kind, their total, and where the total sits against the expected band."""

    parts: dict[str, float]
    """Planned hours of content, formative and summative items, in that order."""
    total: float
    ects: float | None
    """The design's credits; None when absent or not a positive number (then there is no band)."""
    rate_low: float
    rate_high: float
    """Hours per credit as stated: the framework's band, or the design's own `hours_per_ects` twice."""
    low: float | None
    high: float | None
    """The expected band in hours (ects x rate, widened by the framework's tolerance for a fixed rate); None without ECTS."""
    position: Position | None
    """Where the total sits against the band; None without ECTS, without hours, or when the hours stated
    so far (a floor) are not above it."""
    stated: int = 0
    """How many items state their hours."""
    items: int = 0
    """How many items (content, formative, summative) there are."""
    stated_by_kind: tuple[tuple[str, int], ...] = ()
    """How many items of each kind state their hours, e.g. (("content", 2), ("formative", 0), ...)."""

    @classmethod
    def of(
        cls, framework: Framework, hours: Mapping[str, Iterable[object]], ects: object, hours_per_ects: object
    ) -> Workload:
        """From raw figures: `hours` lists each item's hours by kind; values that are not numbers count as none."""
        figures = {kind: [exact(value) for value in hours.get(kind, ())] for kind in WORKLOAD_SECTIONS}
        sums = {kind: sum((f for f in figures[kind] if f is not None), Decimal(0)) for kind in WORKLOAD_SECTIONS}
        total = sum(sums.values(), Decimal(0))
        items = sum(len(found) for found in figures.values())
        given = sum(1 for found in figures.values() for f in found if f is not None)
        credits = exact(ects)
        credits = credits if credits is not None and credits > 0 else None
        rate = exact(hours_per_ects)
        rate = rate if rate is not None and rate > 0 else None
        stated = framework.ects.hours_per_credit
        rate_low, rate_high = (rate, rate) if rate is not None else (as_written(stated.min), as_written(stated.max))
        low = high = None
        position: Position | None = None
        if credits is not None:
            band_low, band_high = framework.rate_band(float(rate) if rate is not None else None)
            low, high = credits * band_low, credits * band_high
            if given == items and given:
                position = "below" if total < low else "above" if total > high else "within"
            elif given and total > high:
                position = "above"  # the missing hours can only add to it
        return cls(
            parts={kind: float(value) for kind, value in sums.items()},
            total=float(total),
            ects=float(credits) if credits is not None else None,
            rate_low=float(rate_low),
            rate_high=float(rate_high),
            low=float(low) if low is not None else None,
            high=float(high) if high is not None else None,
            position=position,
            stated=given,
            items=items,
            stated_by_kind=tuple((kind, sum(1 for f in figures[kind] if f is not None)) for kind in WORKLOAD_SECTIONS),
        )

    @property
    def known(self) -> bool:
        """Whether any item states its hours; without, the workload is "not stated", never 0 h."""
        return self.stated > 0

    @property
    def complete(self) -> bool:
        """Whether every item states its hours (and there is at least one)."""
        return self.known and self.stated == self.items

    def coverage(self) -> str:
        """ "hours stated for 3 of 9 items" """
        return f"hours stated for {self.stated} of {plural(self.items, 'item')}"

    def total_label(self) -> str:
        """The total as every view prints it: "83 h", "34 h (hours stated for 3 of 9 items)" or "not stated"."""
        if not self.known:
            return NOT_STATED
        if not self.complete:
            return f"{fmt(self.total)} h ({self.coverage()})"
        return f"{fmt(self.total)} h"

    @property
    def shares(self) -> dict[str, int]:
        """Each kind's share of the total, in whole percent (0 when nothing is planned)."""
        total = sum(map(as_written, self.parts.values()), Decimal(0))
        if not total.is_finite() or total <= 0:
            return dict.fromkeys(self.parts, 0)
        return {kind: round(100 * as_written(hours) / total) for kind, hours in self.parts.items()}

    @property
    def gap(self) -> float:
        """Hours short of the band's bottom or over its top; 0 within the band or without one."""
        if self.position == "below" and self.low is not None:
            return float(as_written(self.low) - as_written(self.total))
        if self.position == "above" and self.high is not None:
            return float(as_written(self.total) - as_written(self.high))
        return 0.0

    def rate(self, dash: str = "-") -> str:
        """The hours per credit the band stands for: "25-30 h per ECTS", or a fixed "28 h per ECTS"."""
        if self.rate_low != self.rate_high:
            return f"{fmt(self.rate_low)}{dash}{fmt(self.rate_high)} h per ECTS"
        return f"{fmt(self.rate_low)} h per ECTS"

    def band(self, dash: str = "-") -> str | None:
        """The expected hours, "75-90 h"; None without ECTS."""
        if self.low is None or self.high is None:
            return None
        return f"{fmt(self.low)}{dash}{fmt(self.high)} h"

    def label(self, dash: str = "-") -> str:
        """One line for any view: "83 h, within 75-90 h for 3 ECTS at 25-30 h per ECTS"."""
        band = self.band(dash)
        if not self.known:
            planned = "hours not stated"
        elif self.complete:
            planned = f"{fmt(self.total)} h"
        else:
            planned = f"{fmt(self.total)} h with {self.coverage()}"
        if band is None or self.ects is None:
            return f"{planned}{' planned' if self.complete else ''}; no ECTS credits, so no expected band"
        size = f"for {fmt(self.ects)} ECTS at {self.rate(dash)}"
        if self.position is None:
            return f"{planned}; {band} expected {size}"
        return f"{planned}, {self.position} {band} {size}"
