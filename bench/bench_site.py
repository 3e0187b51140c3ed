"""How long `designer render DIR` takes for a catalogue of many designs (issue 9: the index of 1,000 under 5 s).

Generates a catalogue of N designs in a temporary folder: two learning paths
(three and four levels), prerequisites on earlier levels and on the same level,
a course in ten on no path, and stacks with required and elective courses.
Prints, in seconds:

- lint of every design with the catalogue rules (what the index needs first, as
  `designer lint --jobs 1` of the folder), and of that the catalogue rules alone;
- the index alone from those lint results and the catalogue graph the rules
  built (context, diagram layout, template), as HTML and as Markdown, best of --runs;
- `designer render DIR --format md -o README.md`, end to end in-process;
- `designer render DIR -o site/`, the whole site, end to end in-process.

    .venv/bin/python bench/bench_site.py [N] [--runs 3] [--keep]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "fixtures" / "site_catalogue" / "spend-analytics.yaml"
PATHS = (("digital", "Digital procurement", 3), ("sustainable", "Sustainable procurement", 4))
STACKS = 12


def generate(folder: Path, count: int) -> None:
    """`count` designs and a catalogue.yaml in `folder`."""
    rng = random.Random(9)
    design = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    levels = [(path, index, title) for path, title, depth in PATHS for index in range(depth)]
    placed: dict[tuple[str, int], list[str]] = {(path, index): [] for path, index, _ in levels}
    stacks: list[dict[str, object]] = [
        {
            "id": f"stack-{s:02d}",
            "title": f"Certificate {s + 1} in procurement",
            "kind": "certificate",
            "ects": rng.choice([10, 15, 20, 30]),
            "eqf_level": rng.choice([6, 7]),
            "required": [],
            "electives": [],
        }
        for s in range(STACKS)
    ]
    for number in range(count):
        code = f"C{number:04d}"
        course = dict(design["course"])
        course.update(
            code=code,
            title=f"Course {number}: {rng.choice(['Spend', 'Tender', 'Contract', 'Supplier'])} "
            f"{rng.choice(['analytics', 'management', 'law', 'strategy'])} & practice",
        )
        course["ects"] = rng.choice([1, 2, 3, 4, 5])
        on_path = number % 10 != 9
        prerequisites: list[str] = []
        if on_path:
            path, index, _ = levels[number % len(levels)]
            course["eqf_level"] = 5 + min(index, 2)
            # Mostly courses of earlier levels, now and then one of the same level.
            earlier = [c for i in range(index + (rng.random() < 0.1)) for c in placed[(path, i)]]
            prerequisites = rng.sample(earlier, min(len(earlier), rng.choice([0, 1, 1, 2, 3])))
            placed[(path, index)].append(code)
        course["prerequisite_courses"] = prerequisites
        towards = []
        for stack in rng.sample(stacks, rng.choice([0, 1, 1, 2])):
            role = "required" if rng.random() < 0.3 else "electives"
            stack[role].append(code)  # type: ignore[attr-defined]
            towards.append(stack["id"])
        course["stackability"] = "stackable" if towards else "stand-alone"
        course["towards"] = towards
        text = yaml.safe_dump({**design, "course": course}, sort_keys=False, allow_unicode=True)
        (folder / f"course-{number:04d}.yaml").write_text(text, encoding="utf-8")
    catalogue = {
        "format": 1,
        "catalogue": {"title": f"A generated catalogue of {count} designs", "owner": {"name": "Bench University"}},
        "paths": [
            {
                "id": path,
                "title": title,
                "levels": [
                    {"id": f"{path}-{index}", "title": f"{title}, level {index + 1}", "courses": placed[(path, index)]}
                    for index in range(depth)
                ],
            }
            for path, title, depth in PATHS
        ],
        "stacks": stacks,
    }
    (folder / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated catalogue and site, and say where")
    args = parser.parse_args()

    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    work = Path(tempfile.mkdtemp(prefix="designer-bench-site-"))
    folder = work / "catalogue"
    folder.mkdir()
    try:
        generate(folder, args.count)
        from designer.cli import main as designer
        from designer.render.command import lint_catalogue, load_catalogue, settings_here
        from designer.render.site import Index, build_index, render_index
        from designer.rules.engine import check_catalogue, summary_of

        settings, limits = settings_here(folder)
        loaded = load_catalogue(folder / "catalogue.yaml", limits)
        catalogue = loaded.catalogue
        assert catalogue is not None
        start = time.perf_counter()
        view = lint_catalogue(folder, loaded, settings)
        lint_s = time.perf_counter() - start
        summaries = [summary for summary in (summary_of(d.result) for d in view.designs) if summary is not None]
        rules_s = best_of(args.runs, lambda: check_catalogue(loaded, summaries, settings))
        designs = view.designs

        def index_of() -> Index:
            return build_index(catalogue, designs, view.findings, graph=view.graph, data=loaded.data)

        render_index(index_of(), "html")  # warm: template compilation is start-up

        timings: list[tuple[str, float]] = [
            ("lint every design + CT rules (--jobs 1)", lint_s),
            ("  of which the catalogue rules (graph + CT)", rules_s),
        ]
        for fmt in ("html", "md"):

            def index_as(fmt: str = fmt) -> str:
                return render_index(index_of(), fmt)

            timings.append((f"index alone, {fmt} (from lint results)", best_of(args.runs, index_as)))
        index = index_of()
        timings.append(("  of which context and diagram layout", best_of(args.runs, index_of)))
        readme = work / "README.md"
        timings.append(
            (
                "render DIR --format md (lint + index)",
                best_of(1, lambda: designer(["render", str(folder), "--format", "md", "-o", str(readme)])),
            )
        )
        site = work / "site"
        timings.append(
            (
                "render DIR -o site/ (lint + index + pages)",
                best_of(1, lambda: designer(["render", str(folder), "-o", str(site)])),
            )
        )

        html = render_index(index, "html")
        print(
            f"catalogue: {args.count} designs, {sum(len(p.levels) for p in catalogue.paths)} levels in "
            f"{len(catalogue.paths)} paths, {len(catalogue.stacks)} stacks, "
            f"{sum(len(r.prerequisites) for r in index.courses)} prerequisites, "
            f"{len(view.findings)} catalogue findings; "
            f"index.html {len(html.encode('utf-8')):,} bytes, {len(index.diagram.boxes)} boxes, "
            f"{len(index.diagram.arrows)} arrows"
        )
        for label, seconds in timings:
            print(f"{label:<46} {seconds:7.2f} s")
        if args.keep:
            print(f"kept: {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
