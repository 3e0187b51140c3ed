"""How the rules do on real published course specifications against an expert's review written before lint ran.

Prints per specification the findings lint gives, how many the expert listed (precision), how many of the
expert's it finds (recall), and every disagreement.

    .venv/bin/python bench/bench_real_specs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.real_specs.compare import compare, specs  # noqa: E402


def main() -> None:
    for split in ("dev", "holdout"):
        report(split)


def report(split: str) -> None:
    print(f"== {split}: {'tuned on' if split == 'dev' else 'never used for tuning'}")
    agreed = linted = listed = 0
    for path in specs(split):
        got = compare(path)
        a, n, e = sum(got.agreed.values()), sum(got.lint.values()), sum(got.expert.values())
        agreed, linted, listed = agreed + a, linted + n, listed + e
        print(
            f"{got.name:36} lint {n:3}  expert {e:3}  agreed {a:3}  precision {a / n if n else 1:5.0%}  recall {a / e if e else 1:5.0%}"
        )
        for key, count in sorted(got.unexpected.items(), key=str):
            print(f"    not listed by the expert: {key[0]} {key[1] or '(design)'} x{count}")
        for key, count in sorted(got.missing.items(), key=str):
            print(f"    listed but not found    : {key[0]} {key[1] or '(design)'} x{count} ({got.severities.get(key)})")
    print(
        f"{split}: lint {linted}, expert {listed}, agreed {agreed}: precision {agreed / linted:.0%}, recall {agreed / listed:.0%}\n"
    )


if __name__ == "__main__":
    main()
