"""Per-module kill scores from the last `mutmut run` (`make mutate`).

mutmut keeps one `mutants/<path>.meta` JSON file per mutated module, mapping each
mutant to the exit code of its test run. This prints, for every module listed in
pyproject's `[tool.mutmut] only_mutate`, how many mutants the tests killed out of
those that were run, and with `--survivors` the names of those that lived
(`mutmut show NAME` prints the diff).

    python bench/mutation_score.py [--survivors]

A timeout counts as a kill (the mutant made the tests hang, which they noticed);
mutants not run yet are left out of the score and counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
DETECTED = {"killed", "timeout", "caught by type check"}


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mutmut"]["only_mutate"])


def statuses(module: str) -> dict[str, str]:
    """Mutant name -> mutmut's status word, for one module; empty when it was never mutated."""
    meta = ROOT / "mutants" / f"{module}.meta"
    if not meta.is_file():
        return {}
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list the mutants no test killed")
    args = parser.parse_args()
    print(f"{'module':34} {'killed':>7} {'run':>5} {'score':>7}  other")
    for module in modules():
        found = statuses(module)
        tally = Counter(found.values())
        run = sum(count for status, count in tally.items() if status != "not checked")
        killed = sum(tally[status] for status in DETECTED)
        score = f"{100 * killed / run:6.1f}%" if run else "     -"
        other = ", ".join(f"{count} {status}" for status, count in sorted(tally.items()) if status not in DETECTED)
        print(f"{module:34} {killed:7} {run:5} {score}  {other}")
        if args.survivors:
            for name, status in sorted(found.items()):
                if status == "survived" or status == "no tests":
                    print(f"    {status}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
