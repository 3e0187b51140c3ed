"""Lint a transcribed real specification and compare with what the expert listed before the lint ran.

Used by tests/test_real_specs.py (which asserts the agreement) and bench/bench_real_specs.py (which prints it).
An expert file (tests/expert_reviews/<name>.yaml, outside the specs folder so `designer lint tests/real_specs` reads designs only) holds `expected:` (written before any lint run) and may
hold `differences:` (written after, each with its reason): `extra` findings the expert accepts on reflection
as not wrong but did not list, and `missed` ones the rules do not give.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REVIEWS = HERE.parent / "expert_reviews"
Key = tuple[str, str | None]


@dataclass
class Comparison:
    name: str
    lint: Counter[Key]
    expert: Counter[Key]
    severities: dict[Key, str]
    extra_ok: Counter[Key]
    missed_ok: Counter[Key]
    split: str = "dev"

    @property
    def agreed(self) -> Counter[Key]:
        return self.lint & self.expert

    @property
    def unexpected(self) -> Counter[Key]:
        return self.lint - self.expert

    @property
    def missing(self) -> Counter[Key]:
        return self.expert - self.lint


def specs(split: str | None = None) -> list[Path]:
    """The transcribed specifications; `split` keeps those whose expert file says `split: dev` or `holdout`."""
    paths = sorted(HERE.glob("*.yaml"))
    if split is None:
        return paths
    return [p for p in paths if str(yaml.safe_load((REVIEWS / p.name).read_text("utf-8")).get("split", "dev")) == split]


def compare(path: Path) -> Comparison:
    from designer.rules.config import Settings
    from designer.rules.engine import lint_file

    result = lint_file(path, Settings())
    lint = Counter((f.code, f.subject) for f in result.findings)
    review = yaml.safe_load((REVIEWS / path.name).read_text(encoding="utf-8"))
    expert = Counter((e["code"], e.get("subject")) for e in review["expected"])
    severities = {(e["code"], e.get("subject")): e["severity"] for e in review["expected"]}
    differences = review.get("differences") or {}
    extra_ok = Counter((e["code"], e.get("subject")) for e in differences.get("extra", []))
    missed_ok = Counter((e["code"], e.get("subject")) for e in differences.get("missed", []))
    split = str(review.get("split", "dev"))
    return Comparison(path.stem, lint, expert, severities, extra_ok, missed_ok, split)
