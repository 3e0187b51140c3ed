"""How long `designer render` takes for one design once the process is warm.

Prints milliseconds per HTML render of a sample (min and median of N runs),
for the render alone (context + templates, on an existing lint result) and for
lint + render (what `designer render` does per file). Start-up (imports, first
template compilation) is measured once and reported apart.

    .venv/bin/python bench/bench_render.py [DESIGN] [--runs 50] [--format html|md]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "sample_courses" / "sustainable-public-procurement.yaml"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("design", nargs="?", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--format", choices=["html", "md"], default="html")
    args = parser.parse_args()

    started = time.perf_counter()
    from designer.render import render
    from designer.rules.engine import lint_file

    result = lint_file(args.design)
    text = render(result, args.format)
    first = time.perf_counter() - started

    render_only: list[float] = []
    lint_and_render: list[float] = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        render(result, args.format)
        t1 = time.perf_counter()
        render(lint_file(args.design), args.format)
        t2 = time.perf_counter()
        render_only.append(t1 - t0)
        lint_and_render.append(t2 - t1)

    print(
        f"design: {Path(args.design).name} ({args.format}, {len(text.encode('utf-8')):,} bytes out, {args.runs} runs)"
    )
    print(f"start-up (imports, first lint, template compilation, first render): {_ms(first)}")
    for label, runs in (("render", render_only), ("lint + render", lint_and_render)):
        print(f"{label:>14}: min {_ms(min(runs))}, median {_ms(statistics.median(runs))}")


if __name__ == "__main__":
    main()
