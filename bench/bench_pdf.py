"""How long `designer render --format pdf` takes: the largest sample and the 11-unit course.

Prints, per design, milliseconds (min and median of N runs) for each step: lint
and the HTML render, WeasyPrint's layout, writing the PDF; and the pages (how
many, how many landscape) and bytes out. Importing WeasyPrint is measured once
and reported apart. No figure is asserted anywhere.

    .venv/bin/python bench/bench_pdf.py [DESIGN ...] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_courses"
sys.path.insert(0, str(ROOT / "tests"))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _largest_sample() -> Path:
    designs = [p for p in SAMPLES.glob("*.yaml") if p.name != "catalogue.yaml"]
    return max(designs, key=lambda p: p.stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("designs", nargs="*", help="design files (default: the largest sample and the 11-unit course)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    import weasyprint  # noqa: F401 (measured: the first PDF pays for it)

    print(f"import weasyprint: {_ms(time.perf_counter() - started)}")

    from wide_course import wide_design

    from designer.render import render
    from designer.render.pdf import layout
    from designer.rules.engine import lint_file

    with tempfile.TemporaryDirectory() as folder:
        designs = [Path(d) for d in args.designs]
        if not designs:
            wide = Path(folder) / "wide-11-units.yaml"
            wide.write_text(wide_design(units=11, outcomes=12), encoding="utf-8")
            designs = [_largest_sample(), wide]
        for design in designs:
            steps: dict[str, list[float]] = {"lint + html": [], "layout": [], "write pdf": [], "total": []}
            for _ in range(args.runs):
                t0 = time.perf_counter()
                html = render(lint_file(design), "html", draft=True)
                t1 = time.perf_counter()
                document = layout(html, design.parent)
                t2 = time.perf_counter()
                data = document.write_pdf()
                t3 = time.perf_counter()
                for step, seconds in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
                    steps[step].append(seconds)
            pages = document.pages
            landscape = sum(1 for page in pages if page.width > page.height)
            print(f"\n{design.name}: {len(pages)} pages ({landscape} landscape), {len(data):,} bytes, {args.runs} runs")
            for step, runs in steps.items():
                print(f"{step:>12}: min {_ms(min(runs))}, median {_ms(statistics.median(runs))}")


if __name__ == "__main__":
    main()
