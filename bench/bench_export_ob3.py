"""How long an Open Badges 3.0 export and its schema check take per design, once the process is warm.

For every sample design (or the designs given): milliseconds to build the credential template
(export_design, credential=True), to check it against the vendored JSON Schema (check), and the
size of the written JSON; min and median of N runs. The first export + check (data files read,
jsonschema imported, validator built) is measured once and reported apart.

    .venv/bin/python bench/bench_export_ob3.py [DESIGN ...] [--runs 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("designs", nargs="*")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    from designer.export.common import dumps
    from designer.export.ob3 import check, export_design
    from designer.frameworks import load_framework
    from designer.model.loader import load_file
    from designer.paths import sample_designs

    paths = [Path(p) for p in args.designs] or sample_designs()
    loaded = []
    for path in paths:
        design = load_file(path).design
        if design is None:
            print(f"{path}: not a design that loads; skipped", file=sys.stderr)
            continue
        loaded.append((path, design, load_framework(design.course.framework, path.parent)))
    if not loaded:
        return

    path, design, framework = loaded[0]
    started = time.perf_counter()
    violations = check(export_design(design, framework, credential=True))
    print(
        f"first export + check (data read, jsonschema imported, validator built): {_ms(time.perf_counter() - started)}"
    )

    print(f"{'design':48} {'export min':>11} {'median':>11} {'check min':>11} {'median':>11} {'bytes':>7}")
    for path, design, framework in loaded:
        exports, checks = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            document = export_design(design, framework, credential=True)
            exports.append(time.perf_counter() - started)
            started = time.perf_counter()
            violations = check(document)
            checks.append(time.perf_counter() - started)
        size = len(dumps(document).encode("utf-8"))
        flag = "" if not violations else f"  ({len(violations)} violations)"
        print(
            f"{path.stem[:48]:48} {_ms(min(exports))} {_ms(statistics.median(exports))} "
            f"{_ms(min(checks))} {_ms(statistics.median(checks))} {size:7d}{flag}"
        )


if __name__ == "__main__":
    main()
