"""How long an ELM export and its offline check take per design once the process is warm.

For each sample design (or the designs given): milliseconds per export (the
design's lint result already in hand, as `designer export` has it) and per
check (JSON-LD to RDF with the vendored context, pyshacl against the LOQ
shapes, the vocabulary lists), min and median of N runs. The one-off costs
(importing rdflib and pyshacl, parsing the shapes) are measured once and
reported apart.

    .venv/bin/python bench/bench_export.py [DESIGN ...] [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _timed(runs: int, work: object) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("designs", nargs="*")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from designer.export import elm
    from designer.export.common import dumps
    from designer.paths import sample_designs
    from designer.rules.engine import lint_file

    paths = [Path(p) for p in args.designs] or sample_designs()
    contexts = []
    for path in paths:
        context = lint_file(path).context
        if context is not None:
            contexts.append((path, context))
    first_path, first = contexts[0]
    started = time.perf_counter()
    document = elm.export_design(first.design, first.framework, key=first_path.stem)
    elm.check(document)
    print(f"first export + check (imports rdflib/pyshacl, parses the shapes): {_ms(time.perf_counter() - started)}")
    print(f"{'design':<48} {'bytes':>7} {'export min':>12} {'median':>11} {'check min':>12} {'median':>11}")
    for path, context in contexts:

        def export(path: Path = path, context: object = context) -> dict[str, object]:
            return elm.export_design(context.design, context.framework, key=path.stem)  # type: ignore[attr-defined]

        document = export()
        size = len(dumps(document).encode("utf-8"))
        exports = _timed(args.runs, export)
        checks = _timed(args.runs, lambda document=document: elm.check(document))
        print(
            f"{path.name:<48} {size:>7} {_ms(min(exports))} {_ms(statistics.median(exports))}"
            f" {_ms(min(checks))} {_ms(statistics.median(checks))}"
        )


if __name__ == "__main__":
    main()
