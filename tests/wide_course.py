"""A large course design made to size: many outcomes, summative, formative and content items.

Its alignment matrix has more columns than a portrait A4 page holds, so the PDF
tests and bench/bench_pdf.py exercise the landscape page with it. Every item
serves a spread of outcomes; `gaps` leaves the last outcome without a summative
component (an AL001 error: render it with --draft) and the one before without a
checkpoint, so the matrix's Coverage column carries its longest notes.
"""

from __future__ import annotations

from typing import Any

import yaml

VERBS = ("Analyse", "Explain", "Evaluate", "Design", "Compare", "Apply", "Justify", "Classify")
DOMAINS = ("skills", "knowledge", "skills", "skills", "knowledge", "skills", "responsibility-autonomy", "knowledge")
TOPICS = (
    "spend data of a public buyer to find savings opportunities",
    "the stages of an open tender under the public procurement directives",
    "supplier offers against life-cycle cost and sustainability criteria",
    "a category strategy for a recurring purchase of a municipality",
    "centralised and decentralised purchasing models for a region",
    "award criteria that reward environmental and social performance",
    "a sourcing decision to peers, taking responsibility for its trade-offs",
    "contract risks by likelihood and impact for a framework agreement",
)


def wide_design(
    units: int = 11, outcomes: int = 12, summative: int = 5, formative: int = 9, *, gaps: bool = False
) -> str:
    """The YAML text of a clean design of that size (3 h a week of formative work, 12 h per unit, 6 ECTS)."""
    lo = [f"LO{n}" for n in range(1, outcomes + 1)]
    graded = lo[:-1] if gaps else lo
    checked = lo[:-2] + lo[-1:] if gaps else lo

    def spread(ids: list[str], index: int, count: int) -> list[str]:
        """The outcomes item `index` of `count` serves: its share of `ids`, so that together they cover all."""
        return [outcome for n, outcome in enumerate(ids) if n % count == index % count]

    weights = [100 // summative] * summative
    weights[-1] += 100 - sum(weights)
    design: dict[str, Any] = {
        "format": 1,
        "course": {
            "code": "WIDE-11",
            "title": "Strategic Public Procurement: a Wide Course",
            "summary": "A large course whose alignment matrix is wider than a portrait page.",
            "awarding_bodies": [{"name": "Test University", "country": "BE"}],
            "language": "en",
            "eqf_level": 6,
            "ects": 6,
            "framework": "eu",
            "participation": "blended",
            "quality_assurance": "Reviewed by the faculty's lifelong learning board",
        },
        "outcomes": [
            {
                "id": outcome,
                "statement": f"{VERBS[n % len(VERBS)]} {TOPICS[n % len(TOPICS)]}"
                + (f", in case study {n // len(TOPICS)}." if n >= len(TOPICS) else "."),
                "domain": DOMAINS[n % len(DOMAINS)],
            }
            for n, outcome in enumerate(lo)
        ],
        "summative": [
            {
                "id": f"SA{n + 1}",
                "title": f"Assignment {n + 1}",
                "method": "project",
                "weight": weights[n],
                "hours": 4,
                "week": 2 + n * 2,
                "outcomes": spread(graded, n, summative),
                "criteria": "Argued with figures from the data",
            }
            for n in range(summative)
        ],
        "formative": [
            {
                "id": f"FC{n + 1}",
                "title": f"Checkpoint {n + 1}",
                "method": "quiz",
                "week": 1 + n,
                "hours": 1,
                "outcomes": spread(checked, n, formative),
                "prepares": [f"SA{min(n // 2, summative - 1) + 1}"],
            }
            for n in range(formative)
        ],
        "content": [
            {
                "id": f"CU{n + 1}",
                "title": f"Unit {n + 1}: {TOPICS[n % len(TOPICS)].split(' ')[0]} and practice",
                "mode": "online-asynchronous" if n % 2 else "onsite",
                "activity": "e-learning" if n % 2 else "workshop",
                "week": 1 + n * formative // units,
                "hours": 12,
                "outcomes": spread(lo, n, units),
                "checkpoints": [f"FC{1 + n * formative // units}"],
            }
            for n in range(units)
        ],
    }
    return yaml.safe_dump(design, sort_keys=False, allow_unicode=True)
