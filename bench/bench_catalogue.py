"""What the catalogue rules add to `designer lint` of a folder.

Generates a catalogue of N designs (variations of tests/fixtures/catalogue: codes, titles,
outcomes and prerequisites vary; one path of three levels, one stack per 50 courses) and
times `designer lint --jobs J` of the folder with its catalogue.yaml and without it (the
same designs, no CT rules). Prints both, the share the catalogue adds, and the time of the
catalogue step alone (graph and CT rules, in process, from the designs' summaries).

    python bench/bench_catalogue.py [N] [--jobs J]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import yaml
from timing import run_timed

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "catalogue"
OUT = ROOT / "bench" / "out" / "catalogue-rules"
VERBS = ["Analyse", "Explain", "Apply", "Evaluate", "Design", "Compare", "Distinguish", "Use"]
TOPICS = ["spend data", "tender stages", "supplier bids", "contract terms", "e-invoices", "risk registers"]
AIMS = ["to find savings", "for a buying team", "in a public tender", "against the budget", "for an audit"]


def generate(count: int) -> Path:
    templates = [FIXTURE / name for name in ("dig-201.yaml", "dig-202.yaml", "dig-301.yaml")]
    texts = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in templates]
    rng = random.Random(9)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    codes = [f"C{i:05d}" for i in range(count)]
    stacks = []
    for i, code in enumerate(codes):
        design = yaml.safe_load(yaml.safe_dump(texts[i % len(texts)]))
        course = design["course"]
        course["code"], course["title"] = code, f"Course {i}"
        course["prerequisite_courses"] = [codes[j] for j in rng.sample(range(i), min(i, rng.randint(0, 2)))]
        course["towards"] = [f"stack-{i // 50}"]
        for outcome in design["outcomes"]:
            outcome["statement"] = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {rng.choice(AIMS)} ({i})."
        (OUT / f"{code.lower()}.yaml").write_text(yaml.safe_dump(design, sort_keys=False), encoding="utf-8")
        if i % 50 == 0:
            stacks.append({"id": f"stack-{i // 50}", "title": f"Stack {i // 50}", "ects": 12, "eqf_level": 6})
            stacks[-1]["required"], stacks[-1]["electives"] = [], []
        stacks[-1]["required" if i % 50 < 4 else "electives"].append(code)
    levels = [
        {"id": name, "title": name, "intent": name, "expects": {"min_bloom": "understand"}, "courses": []}
        for name in ("awareness", "operational", "managerial")
    ]
    for i, code in enumerate(codes):
        levels[i % 3]["courses"].append(code)
    catalogue = {
        "format": 1,
        "catalogue": {"title": "Generated", "owner": {"name": "Bench University"}},
        "paths": [{"id": "main", "title": "Main", "levels": levels}],
        "stacks": stacks,
    }
    (OUT / "catalogue.yaml.off").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    return OUT


def lint(folder: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the run and its workers): CPU time is steadier on a shared machine."""
    return run_timed(
        [sys.executable, "-m", "designer", "lint", "--jobs", str(jobs), "--exit-zero", str(folder)], check=True
    )


def catalogue_step(folder: Path) -> float:
    """The CT rules alone: load catalogue.yaml, build the graph, run the rules over ready summaries."""
    from designer.model.catalogue_loader import load_catalogue_file
    from designer.model.folders import catalogue_members
    from designer.rules.engine import check_catalogue, lint_file, summary_of

    path = folder / "catalogue.yaml"
    summaries = [summary_of(lint_file(member)) for member in catalogue_members(str(path))]
    start = time.perf_counter()
    check_catalogue(load_catalogue_file(path), [s for s in summaries if s is not None])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    folder = generate(args.count)
    runs = 3
    without = [lint(folder, args.jobs) for _ in range(runs)]
    (folder / "catalogue.yaml.off").rename(folder / "catalogue.yaml")
    with_rules = [lint(folder, args.jobs) for _ in range(runs)]
    step = catalogue_step(folder)
    print(f"{args.count} designs, --jobs {args.jobs}, best of {runs}")
    for label, index in (("wall", 0), ("CPU", 1)):
        plain, checked = min(r[index] for r in without), min(r[index] for r in with_rules)
        print(
            f"  {label:<4} without catalogue.yaml {plain:6.2f} s, with {checked:6.2f} s "
            f"(+{100 * (checked - plain) / plain:.0f}%)"
        )
    print(f"  catalogue step alone: {step:.2f} s (graph and CT rules over ready summaries)")


if __name__ == "__main__":
    main()
