"""CPU of one-file `designer lint FILE` beside `yamllint FILE` (the pre-commit case).

Runs each command N times on each file, alternating the two so that machine
load hits both alike, and prints the median user+sys CPU of the child process
(resource.getrusage(RUSAGE_CHILDREN) before and after) and the median wall
time. Files: the two piloted ProcToGo samples and a small design (tests/fixtures/base.yaml). Then,
for scale, the CPU of a bare interpreter and of importing pydantic alone.

    python bench/bench_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

from timing import run_timed

ROOT = Path(__file__).resolve().parent.parent
# An installed package has its bytecode compiled; let the warm-up run write it here too.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
# The two piloted samples (the README's figures were measured on them), not the whole sample catalogue.
FILES = [
    ROOT / "sample_courses" / "procurement-as-lever.yaml",
    ROOT / "sample_courses" / "sustainable-public-procurement.yaml",
    ROOT / "tests" / "fixtures" / "base.yaml",
]


def command(name: str) -> list[str]:
    """The console script beside this interpreter (what pre-commit runs), else `python -m name`."""
    script = Path(sys.executable).parent / name
    if script.is_file():
        return [str(script)]
    found = shutil.which(name)
    return [found] if found else [sys.executable, "-m", name]


def run_once(argv: list[str]) -> tuple[float, float]:
    """User+sys CPU and wall seconds of one run of `argv`, its output discarded."""
    wall, cpu = run_timed(argv, ENV)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    designer = [*command("designer"), "lint"]
    yamllint = command("yamllint")
    print(f"median of {args.runs} runs each; CPU = user+sys of the child process")
    print(f"designer: {' '.join(designer)} FILE")
    print(f"yamllint: {' '.join(yamllint)} FILE")
    print(f"{'file':<52} {'bytes':>6} {'designer CPU':>13} {'yamllint CPU':>13} {'ratio':>6} {'wall d/y (ms)':>15}")
    for path in FILES:
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        run_once([*designer, str(path)])  # warm the page cache and the bytecode cache
        run_once([*yamllint, str(path)])
        for _ in range(args.runs):
            ours.append(run_once([*designer, str(path)]))
            theirs.append(run_once([*yamllint, str(path)]))
        cpu_ours = statistics.median(c for c, _ in ours)
        cpu_theirs = statistics.median(c for c, _ in theirs)
        wall_ours = statistics.median(w for _, w in ours)
        wall_theirs = statistics.median(w for _, w in theirs)
        print(
            f"{path.relative_to(ROOT)!s:<52} {path.stat().st_size:>6} {cpu_ours * 1000:>10.0f} ms "
            f"{cpu_theirs * 1000:>10.0f} ms {cpu_ours / cpu_theirs:>5.2f}x "
            f"{wall_ours * 1000:>7.0f}/{wall_theirs * 1000:<7.0f}"
        )
    # The floors under a one-file lint: the interpreter, and importing pydantic (the models validate every file).
    for code in ("pass", "from pydantic import BaseModel"):
        cpu = statistics.median(run_once([sys.executable, "-c", code])[0] for _ in range(args.runs))
        print(f"for scale: python -c {code!r}: {cpu * 1000:.0f} ms CPU")


if __name__ == "__main__":
    main()
