"""How often the outcome-wording rules agree with a careful human reading of real outcome statements.

Reads tests/corpus/outcomes/<lang>.yaml (real statements, labelled before any
rule ran; see tests/corpus/README.md), reads each statement as the OW rules do,
and prints agreement on flagged-vs-fine and on the four labels, per split
(dev: used while tuning the word lists; holdout: never looked at while tuning),
per language and per label, with a confusion matrix and the Bloom-level agreement.

The tool's label for a statement, by the labels' precedence:
  not-an-outcome  OW001 (no measurable verb where the action should be)
  vague           OW002 (the main action is a verb or phrase to avoid)
  compound        OW004 (two or more coordinated main actions)
  acceptable      none of them

    .venv/bin/python bench/bench_wording.py [--split dev|holdout|all] [--misses N] [--lang xx]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "corpus" / "outcomes"
LABELS = ("acceptable", "vague", "compound", "not-an-outcome")


def statements() -> list[dict[str, Any]]:
    """Every corpus statement with its language and split."""
    out = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        splits = {s["id"]: s.get("split", "dev") for s in data["sources"]}
        for item in data["statements"]:
            out.append({**item, "language": data["language"], "split": splits[item["source"]]})
    return out


def predict(statement: str, language: str) -> tuple[str, str | None]:
    """(the label the rules give, the Bloom level id they read) for one statement."""
    from designer.frameworks import load_framework

    reading = load_framework("eu").reading(statement, language)
    if reading is None:
        return "unchecked", None
    if reading.vague is not None:
        return "vague", None
    if reading.verb is None and reading.unlisted is None:
        return "not-an-outcome", None
    if reading.verb is None:
        return ("compound" if reading.compound else "acceptable"), None
    level = reading.verb.level.id
    return ("compound" if reading.compound else "acceptable"), level


def score(items: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for item in items:
        label, level = predict(item["text"], item["language"])
        rows.append({**item, "predicted": label, "predicted_bloom": level})
    n = len(rows)
    four = sum(r["predicted"] == r["label"] for r in rows)
    flagged = sum((r["predicted"] != "acceptable") == (r["label"] != "acceptable") for r in rows)
    bloom_rows = [
        r for r in rows if r["label"] in ("acceptable", "compound") and r["predicted_bloom"] and r.get("bloom")
    ]
    bloom = sum(r["predicted_bloom"] == r["bloom"] for r in bloom_rows)
    return {"rows": rows, "n": n, "four": four, "flagged": flagged, "bloom": bloom, "bloom_n": len(bloom_rows)}


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:5.1f}% ({k}/{n})" if n else "   n/a"


def report(name: str, result: dict[str, Any], misses: int) -> None:
    rows = result["rows"]
    print(f"\n== {name}: {result['n']} statements")
    print(f"  flagged vs fine : {_pct(result['flagged'], result['n'])}")
    print(f"  four labels     : {_pct(result['four'], result['n'])}")
    print(
        f"  Bloom level     : {_pct(result['bloom'], result['bloom_n'])} (acceptable/compound statements with a verb read)"
    )
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_lang[r["language"]].append(r)
    for lang, group in sorted(by_lang.items()):
        four = sum(r["predicted"] == r["label"] for r in group)
        flagged = sum((r["predicted"] != "acceptable") == (r["label"] != "acceptable") for r in group)
        print(f"  {lang}: flagged {_pct(flagged, len(group))}  four labels {_pct(four, len(group))}")
    print("  per label (recall: the human's label found by the rules; precision: the rules' label the human gave)")
    for label in LABELS:
        human = [r for r in rows if r["label"] == label]
        tool = [r for r in rows if r["predicted"] == label]
        hits = sum(r["predicted"] == label for r in human)
        print(f"    {label:15} recall {_pct(hits, len(human))}  precision {_pct(hits, len(tool))}")
    matrix = Counter((r["label"], r["predicted"]) for r in rows)
    print("  confusion (rows: human, columns: rules)")
    print("    " + " " * 15 + "".join(f"{p[:10]:>11}" for p in LABELS))
    for h in LABELS:
        print(f"    {h:15}" + "".join(f"{matrix[(h, p)]:>11}" for p in LABELS))
    wrong = [r for r in rows if r["predicted"] != r["label"]]
    for r in wrong[:misses]:
        print(f"    miss {r['id']}: human {r['label']}, rules {r['predicted']}: {r['text'][:110]}")


def second_reading() -> None:
    """How far a second careful reader agrees with the first, and the rules with each (tests/corpus/second_reading.yaml)."""
    data = yaml.safe_load((CORPUS.parent / "second_reading.yaml").read_text(encoding="utf-8"))
    first = {s["id"]: s for s in statements()}
    for split in ("holdout", "dev", None):
        rows = []
        for entry in data["statements"]:
            item = first[entry["id"]]
            if split is None or item["split"] == split:
                rows.append((item["label"], entry["label"], predict(item["text"], item["language"])[0]))
        n = len(rows)

        print(f"\n== second reading, {split or 'all'}: {n} statements")
        for name, a, b in (("reader 1 vs reader 2", 0, 1), ("rules vs reader 1", 2, 0), ("rules vs reader 2", 2, 1)):
            flagged = sum((r[a] != "acceptable") == (r[b] != "acceptable") for r in rows)
            four = sum(r[a] == r[b] for r in rows)
            print(f"  {name:21}: flagged vs fine {_pct(flagged, n)}  four labels {_pct(four, n)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--lang")
    parser.add_argument("--misses", type=int, default=0, help="list this many disagreements")
    parser.add_argument("--second", action="store_true", help="compare with the second, independent reading")
    args = parser.parse_args()
    if args.second:
        second_reading()
        return
    items = [s for s in statements() if not args.lang or s["language"] == args.lang]
    splits = ("dev", "holdout") if args.split == "all" else (args.split,)
    for split in splits:
        report(split, score([s for s in items if s["split"] == split]), args.misses)
    if args.split == "all":
        report("all", score(items), 0)


if __name__ == "__main__":
    main()
