"""Lint speed against a bare libyaml parse of the same files.

Generates a catalogue of N course files (variations of the samples) and prints
ms per file for `designer lint --jobs 1` work beside `yaml.load(CSafeLoader)`,
and the ratio. Start-up (imports, framework load) is measured apart and left
out of the per-file figure, as the target asks.

    python bench/bench_lint.py [N]
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "catalogue"


def generate(count: int) -> list[Path]:
    from designer.model.catalogue import CATALOGUE_FILE

    # The sample designs; catalogue.yaml beside them is a catalogue, not a design.
    samples = sorted(p for p in (ROOT / "sample_courses").glob("*.yaml") if p.name != CATALOGUE_FILE)
    texts = [p.read_text(encoding="utf-8") for p in samples]
    rng = random.Random(7)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.yaml"):
        old.unlink()
    files = []
    for i in range(count):
        text = texts[i % len(texts)]
        # Vary codes, titles and hours so no two files are the same text.
        text = text.replace("code: PTG-", f"code: C{i:04d}-", 1)
        text = text.replace("hours: 5\n", f"hours: {rng.choice([4, 5, 6])}\n")
        path = OUT / f"course-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    files = generate(count)
    names = [str(p) for p in files]

    def bare() -> None:
        for p in names:
            with open(p, encoding="utf-8") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)

    from designer.cli import run_lint
    from designer.rules.config import Settings

    settings = Settings()
    run_lint(names[:2], settings, None, 1)  # warm: imports and framework load are start-up

    def lint() -> None:
        reports = run_lint(names, settings, None, 1)
        assert not any(f.severity.value == "error" for r in reports for f in r.findings)

    parse_s = best_of(5, bare)
    lint_s = best_of(5, lint)
    print(
        f"files: {count} (variations of sample_courses/*.yaml, {sum(p.stat().st_size for p in files) // count} bytes each)"
    )
    print(f"bare yaml.CSafeLoader parse: {parse_s * 1000 / count:.3f} ms/file")
    print(f"designer lint --jobs 1:      {lint_s * 1000 / count:.3f} ms/file (in-process, start-up excluded)")
    print(f"ratio lint/parse:            {lint_s / parse_s:.2f}x (target <= 2x)")

    cmd = [sys.executable, "-m", "designer"]
    startup = statistics.median(
        best_of(1, lambda: subprocess.run([*cmd, "lint", "--jobs", "1", names[0]], capture_output=True, check=False))
        for _ in range(5)
    )
    whole = best_of(
        3, lambda: subprocess.run([*cmd, "lint", "--jobs", "1", str(OUT)], capture_output=True, check=False)
    )
    print(f"process start-up (lint of 1 file): {startup * 1000:.0f} ms")
    print(
        f"`designer lint --jobs 1` over {count} files: {whole * 1000:.0f} ms wall; minus start-up "
        f"{(whole - startup) * 1000 / count:.3f} ms/file = {(whole - startup) / parse_s:.2f}x the bare parse"
    )
    version = statistics.median(
        best_of(1, lambda: subprocess.run([*cmd, "--version"], capture_output=True, check=False)) for _ in range(5)
    )
    print(f"`designer --version`: {version * 1000:.0f} ms")
    jobs = best_of(3, lambda: subprocess.run([*cmd, "lint", str(OUT)], capture_output=True, check=False))
    print(f"`designer lint` (all cores) over {count} files: {jobs * 1000:.0f} ms wall")


if __name__ == "__main__":
    main()
