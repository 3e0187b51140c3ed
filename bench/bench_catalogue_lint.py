"""`designer lint` of a generated catalogue of N designs: end to end, per phase, and with catalogue rules.

Generates N (default 10,000) designs into a temporary folder: variations of the
sample designs with their own codes, titles, outcome statements (real statements
from tests/corpus/outcomes, most with a context of their own, and composed ones,
so that four statements in five are distinct, and no reading cache flatters the
figures), counts of
outcomes, components, checkpoints and units, languages and frameworks, and a
few of the defects a QA office finds (a misspelt key, a repeated id). The seed
is fixed, so every run lints the same folder. With catalogue rules
(`designer.rules.catalogue`) the folder gets a `catalogue.yaml` too: one
learning path of three levels (ProcToGo's groups, by EQF level) and stacks of
six courses, with prerequisites inside each stack.

Then it prints:
- `designer lint DIR --jobs J` as a subprocess, for --jobs 1 and the default
  (all cores): wall time and CPU (user+sys of the process and its workers),
  medians of --runs runs;
- with catalogue rules, the same lint with and without `catalogue.yaml` (the
  runs alternate), and what the catalogue rules add;
- in-process CPU per file of each phase of a lint (read, libyaml compose, the
  walk that records positions, model validation, rules by family, the summary a
  worker sends back for the catalogue rules, report) over --phase-files of the
  files, beside a bare `yaml.load(CSafeLoader)`.

CPU time is the figure to compare on a busy machine; wall time depends on what
else runs. No assertions: it prints figures.

    python bench/bench_catalogue_lint.py [-n 10000] [--runs 3] [--phase-files 2000] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import io
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from timing import run_timed

ROOT = Path(__file__).resolve().parent.parent
# The checkout this file is in is measured, not whichever designer the venv has installed.
sys.path.insert(0, str(ROOT))
# An installed package has its bytecode compiled; let the warm-up run write it here too.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
SEED = 9
STACK_SIZE = 6
CATALOGUE_FILE = "catalogue.yaml"

PREFIXES = ["PTG", "PROC", "SUP", "DIG", "SUS", "LOG", "PUB", "OPS", "CSR", "DAT"]
ADJECTIVES = ["Strategic", "Sustainable", "Digital", "Data-driven", "Circular", "Responsible", "Agile", "Applied"]
TOPICS = [
    "Public Procurement",
    "Supplier Relationship Management",
    "Category Management",
    "Contract Management",
    "Spend Analytics",
    "Tendering",
    "Supply Chain Resilience",
    "Innovation Procurement",
    "Negotiation",
    "e-Procurement Systems",
    "Risk Management in Sourcing",
    "Green Public Procurement",
]
AUDIENCES = ["", "", " for Public Buyers", " for SMEs", " for Managers", " in Practice", " in the Digital Age"]
VERBS = [
    "Analyse",
    "Evaluate",
    "Design",
    "Compare",
    "Explain",
    "Apply",
    "Critique",
    "Develop",
    "Assess",
    "Formulate",
    "Interpret",
    "Justify",
    "Plan",
    "Prioritise",
    "Recommend",
    "Construct",
    "Differentiate",
    "Select",
    "Demonstrate",
    "Describe",
]
OBJECTS = [
    "the stages of a public tender",
    "spend data of a procurement category",
    "supplier performance indicators",
    "award criteria for a sustainable tender",
    "the total cost of ownership of a purchase",
    "a category strategy",
    "risks in a multi-tier supply chain",
    "the terms of a framework agreement",
    "a negotiation plan with a key supplier",
    "market consultation findings",
    "an e-procurement workflow",
    "the carbon footprint of purchased goods",
    "social clauses in public contracts",
    "a make-or-buy decision",
    "contract performance reports",
    "the legal remedies open to bidders",
    "demand aggregation across departments",
    "a supplier diversity programme",
    "innovation partnerships with start-ups",
    "circular economy requirements for suppliers",
    "a dynamic purchasing system",
    "the evaluation of tenders against the award criteria",
    "a supplier segmentation",
    "the business case for a shared service",
    "price adjustment clauses in long-term contracts",
    "a procurement maturity assessment",
    "the use of artificial intelligence in sourcing",
    "a code of conduct for suppliers",
    "a vendor rating system",
    "life-cycle costing of a fleet renewal",
]
CONTEXTS = {
    "en": [
        "for a municipal buyer",
        "in a hospital procurement department",
        "under the EU procurement directives",
        "for a regional utility",
        "in a university purchasing office",
        "for a mid-sized manufacturer",
        "in a cross-border joint procurement",
        "within a central purchasing body",
        "for a defence procurement agency",
        "using open contracting data",
        "in a public-private partnership",
        "for a national railway operator",
        "in a ministry of health",
        "for a port authority",
        "in a social housing company",
        "for a public broadcaster",
    ],
    "es": [
        "en una central de compras pública",
        "para un ayuntamiento mediano",
        "en un hospital universitario",
        "según la Ley de Contratos del Sector Público",
    ],
}
LANGUAGES = [("en", 85), ("es", 6), ("nl", 5), ("de", 4)]
FRAMEWORK_OF = {"es": "es", "nl": "nl", "de": "eu"}
DOMAINS = [("knowledge", 3), ("skills", 4), ("responsibility-autonomy", 2)]
EQF_LEVELS = [(5, 25), (6, 35), (7, 40)]
LEVELS = [
    (
        "awareness",
        "Group 1 - Awareness of the impact of IT on procurement",
        5,
        {"methods": ["multiple-choice-exam", "written-exam", "oral-exam", "report"], "min_bloom": "understand"},
    ),
    (
        "operational",
        "Group 2 - Operational skills in digital procurement",
        6,
        {"methods": ["case-study", "project", "report", "presentation"], "min_bloom": "apply"},
    ),
    (
        "managerial",
        "Group 3 - Managerial skills for procurement's digital transformation",
        7,
        {"methods": ["project", "portfolio", "presentation"], "min_bloom": "evaluate", "authentic": True},
    ),
]
PURPOSES = {
    "en": [
        "",
        "",
        " to reduce the cost of ownership",
        " to meet the organisation's climate targets",
        " to open the market to SMEs",
        " to shorten lead times",
        " to comply with audit requirements",
        " to strengthen supplier collaboration",
        " to support the annual procurement plan",
        " to improve value for money",
        " to manage reputational risk",
    ],
    "es": ["", " para reducir costes", " para cumplir los objetivos climáticos", " para abrir el mercado a las pymes"],
}
STACK_KINDS = ["micro-degree", "specialisation", "certificate", "credits-towards-degree"]

_PLAIN = re.compile(r"[A-Za-z][\w .,()'/&+-]*")
_NOT_PLAIN = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


# Generation ---------------------------------------------------------------------------------------


def _weighted(rng: random.Random, choices: list[tuple[Any, int]]) -> Any:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _statements() -> dict[str, list[str]]:
    """Real outcome statements by language (labels ignored: a real catalogue has vague and compound ones too)."""
    out = {}
    for language, _ in LANGUAGES:
        data = yaml.safe_load((ROOT / "tests" / "corpus" / "outcomes" / f"{language}.yaml").read_text("utf-8"))
        out[language] = [" ".join(s["text"].split()) for s in data["statements"]]
    return out


def _statement(rng: random.Random, language: str, corpus: dict[str, list[str]]) -> str:
    if language == "en" and rng.random() < 0.5:
        return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CONTEXTS['en'])}{rng.choice(PURPOSES['en'])}."
    text = rng.choice(corpus[language])
    if language in CONTEXTS and rng.random() < 0.97:
        # A course's own context: the same reading, and a statement no other course has word for word.
        text = f"{text.rstrip(' .;')} {rng.choice(CONTEXTS[language])}{rng.choice(PURPOSES[language])}."
    return text


def _plan(count: int) -> list[dict[str, Any]]:
    """What each design is in the catalogue: EQF level, stack, prerequisites (drawn first, as later designs need them)."""
    plans = []
    for i in range(count):
        rng = random.Random(f"{SEED}-plan-{i}")
        plans.append(
            {
                "code": f"{PREFIXES[i % len(PREFIXES)]}-{i:05d}",
                "eqf": _weighted(rng, EQF_LEVELS),
                "ects": rng.choice([2, 3, 3, 3, 4, 5]),
                "stand_alone": rng.random() < 0.08,
            }
        )
    for i, plan in enumerate(plans):
        stack = i // STACK_SIZE
        members = [p for p in plans[stack * STACK_SIZE : (stack + 1) * STACK_SIZE] if not p["stand_alone"]]
        plan["stack"] = None if plan["stand_alone"] else f"stack-{stack:04d}"
        lower = [p["code"] for p in members if p["eqf"] < plan["eqf"]]
        plan["prerequisites"] = lower[:1] if plan["stack"] else []
    return plans


def _renumber(items: list[dict[str, Any]], prefix: str) -> dict[str, str]:
    """Give items ids prefix1..n in order; old id -> new id."""
    mapping = {}
    for number, item in enumerate(items, start=1):
        mapping.setdefault(item["id"], f"{prefix}{number}")
        item["id"] = f"{prefix}{number}"
    return mapping


def _refs(rng: random.Random, refs: list[str], mapping: dict[str, str], fallback: list[str]) -> list[str]:
    out = [mapping[r] for r in refs if r in mapping]
    if not out and fallback:
        out = [rng.choice(fallback)]
    return list(dict.fromkeys(out))


def _design(i: int, plan: dict[str, Any], sample: dict[str, Any], corpus: dict[str, list[str]]) -> dict[str, Any]:
    rng = random.Random(f"{SEED}-design-{i}")
    data = copy.deepcopy(sample)
    course = data["course"]
    language = _weighted(rng, LANGUAGES)
    course["code"] = plan["code"]
    course["title"] = f"{rng.choice(ADJECTIVES)} {rng.choice(TOPICS)}{rng.choice(AUDIENCES)}"
    course["language"] = language
    course["eqf_level"] = plan["eqf"]
    course["ects"] = plan["ects"]
    if language in FRAMEWORK_OF:
        course["framework"] = FRAMEWORK_OF[language]
    course["stackability"] = "stand-alone" if plan["stack"] is None else "stackable"
    # The sample's own place in the sample catalogue gives way to this design's in the generated one.
    course.pop("towards", None)
    course.pop("prerequisite_courses", None)
    if plan["stack"] is not None:
        course["towards"] = [plan["stack"]]
    if plan["prerequisites"]:
        course["prerequisite_courses"] = plan["prerequisites"]

    count = rng.choice([3, 4, 4, 5, 5, 5, 6, 6, 7, 8])
    outcome_ids = [f"LO{n}" for n in range(1, count + 1)]
    data["outcomes"] = [
        {"id": ident, "statement": _statement(rng, language, corpus), "domain": _weighted(rng, DOMAINS)}
        for ident in outcome_ids
    ]

    def outcome_refs(refs: list[str]) -> list[str]:
        return list(dict.fromkeys(f"LO{(int(r[2:]) - 1) % count + 1}" for r in refs if r[2:].isdigit()))

    summative = [item for item in data["summative"] if rng.random() < 0.85] or data["summative"][:1]
    sa_map = _renumber(summative, "SA")
    total = sum(item.get("weight", 0) for item in summative)
    left = 100
    for item in summative:
        item["outcomes"] = outcome_refs(item.get("outcomes", []))
        if "weight" in item and total:
            item["weight"] = round(item["weight"] * 100 / total)
            left -= item["weight"]
    if summative and "weight" in summative[-1]:
        summative[-1]["weight"] += left
    assessed = {ref for item in summative for ref in item["outcomes"]}
    for ident in outcome_ids:
        if ident not in assessed and rng.random() < 0.9:
            rng.choice(summative)["outcomes"].append(ident)

    formative = [item for item in data["formative"] if rng.random() < 0.85] or data["formative"][:2]
    fc_map = _renumber(formative, "FC")
    for item in formative:
        item["outcomes"] = outcome_refs(item.get("outcomes", []))
        item["prepares"] = _refs(rng, item.get("prepares", []), sa_map, list(sa_map.values()))

    scale = plan["ects"] / (sample["course"].get("ects") or 3)
    content = []
    for item in data["content"]:
        if rng.random() < 0.9:
            content.append(item)
        if rng.random() < 0.1:
            twin = copy.deepcopy(item)
            twin["title"] = f"{item['title']} (continued)"
            content.append(twin)
    _renumber(content, "CU")
    for item in content:
        item["outcomes"] = outcome_refs(item.get("outcomes", []))
        item["checkpoints"] = _refs(rng, item.get("checkpoints", []), fc_map, list(fc_map.values()))
        if "hours" in item:
            item["hours"] = max(1, round(item["hours"] * scale))
    data["summative"], data["formative"], data["content"] = summative, formative, content

    # A few of the slips a QA office finds in a real folder.
    slip = rng.random()
    if slip < 0.02:
        course["titel"] = course.pop("title")
    elif slip < 0.04 and len(content) > 1:
        content[-1]["id"] = content[0]["id"]
    elif slip < 0.05:
        data["outcomes"][-1].pop("statement")
    return data


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _NOT_PLAIN and not text.endswith(("-", " ")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    """Block YAML in the samples' style: long text folded, reference lists in flow style."""
    pad = " " * indent
    for key, item in value.items():
        if isinstance(item, dict):
            out.append(f"{pad}{key}:")
            _emit(item, indent + 2, out)
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            out.append(f"{pad}{key}:")
            for entry in item:
                lines: list[str] = []
                _emit(entry, indent + 4, lines)
                out.append(f"{pad}  - {lines[0].lstrip()}")
                out.extend(lines[1:])
        elif isinstance(item, list):
            out.append(f"{pad}{key}: [{', '.join(_scalar(v) for v in item)}]")
        elif isinstance(item, str) and len(item) > 70:
            out.append(f"{pad}{key}: >-")
            out.extend(textwrap.wrap(item, width=100 - indent, initial_indent=pad + "  ", subsequent_indent=pad + "  "))
        else:
            out.append(f"{pad}{key}: {_scalar(item)}")


STAGES = {
    "course": "",
    "outcomes": "# Stage 1: target learning outcomes",
    "summative": "# Stage 2: summative assessment",
    "formative": "# Stage 3: formative checkpoints",
    "content": "# Stage 4: content and learning activities",
}


def design_text(data: dict[str, Any], source: str) -> str:
    out = [f"# Generated by bench/bench_catalogue_lint.py from sample_courses/{source}", "format: 1"]
    for section, comment in STAGES.items():
        out.append("")
        if comment:
            out.append(comment)
        _emit({section: data[section]}, 0, out)
    return "\n".join(out) + "\n"


def catalogue_text(plans: list[dict[str, Any]]) -> str:
    levels = []
    for ident, title, eqf, expects in LEVELS:
        levels.append(
            {
                "id": ident,
                "title": title,
                "intent": f"Courses at EQF level {eqf} on the digital skills procurement needs.",
                "expects": expects,
                "courses": [p["code"] for p in plans if p["eqf"] == eqf],
            }
        )
    stacks = []
    for start in range(0, len(plans), STACK_SIZE):
        members = [p for p in plans[start : start + STACK_SIZE] if p["stack"] is not None]
        if not members:
            continue
        credits = sum(p["ects"] for p in members)
        stacks.append(
            {
                "id": members[0]["stack"],
                "title": f"Micro-degree in procurement, track {start // STACK_SIZE + 1}",
                "kind": STACK_KINDS[(start // STACK_SIZE) % len(STACK_KINDS)],
                "ects": credits,
                "min_credits": max(1, credits - members[-1]["ects"]),
                "eqf_level": max(p["eqf"] for p in members),
                "required": [p["code"] for p in members[:3]],
                "electives": [p["code"] for p in members[3:]],
            }
        )
    data = {
        "catalogue": {
            "title": "ProcToGo digital skills in procurement (generated)",
            "owner": {"name": "ProcToGo consortium", "members": ["University of Antwerp", "Tor Vergata"]},
            "description": "A generated catalogue for bench/bench_catalogue_lint.py.",
        },
        "paths": [
            {
                "id": "digital-procurement",
                "title": "Digital skills in procurement",
                "description": "From awareness to managing the digital transformation of procurement.",
                "levels": levels,
            }
        ],
        "stacks": stacks,
    }
    out = ["# Generated by bench/bench_catalogue_lint.py", "format: 1"]
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def generate(folder: Path, count: int, catalogue: bool) -> tuple[list[Path], list[str]]:
    """Write the designs (and the catalogue); their paths and every outcome statement written."""
    from designer.paths import sample_designs

    data = [(p.name, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sample_designs()]
    corpus = _statements()
    plans = _plan(count)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    statements = []
    for i, plan in enumerate(plans):
        name, sample = data[i % len(data)]
        design = _design(i, plan, sample, corpus)
        statements.extend(o["statement"] for o in design["outcomes"] if "statement" in o)
        path = folder / f"{plan['code'].lower()}.yaml"
        path.write_text(design_text(design, name), encoding="utf-8")
        files.append(path)
    if catalogue:
        (folder / CATALOGUE_FILE).write_text(catalogue_text(plans), encoding="utf-8")
    return files, statements


# Measuring ----------------------------------------------------------------------------------------


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of this checkout's designer, its output discarded."""
    return run_timed(argv, ENV)


def medians(runs: list[tuple[float, float]]) -> str:
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    return f"{wall:6.2f} s wall, {cpu:6.2f} s CPU"


def end_to_end(folder: Path, count: int, runs: int, catalogue: bool) -> None:
    lint = [sys.executable, "-m", "designer", "lint", str(folder)]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\n`designer lint DIR` over {count} designs, median of {runs} runs (machine: {cores} cores)")
    run_once([*lint, "--jobs", "1"])  # warm the page cache and the bytecode
    for label, extra in (("--jobs 1", ["--jobs", "1"]), (f"default (--jobs {cores})", [])):
        print(f"  {label:<28} {medians([run_once([*lint, *extra]) for _ in range(runs)])}")
    if not catalogue:
        return
    aside = folder / (CATALOGUE_FILE + ".off")
    with_cat: list[tuple[float, float]] = []
    without: list[tuple[float, float]] = []
    for _ in range(runs):  # alternate, so that machine load hits both alike
        with_cat.append(run_once(lint))
        (folder / CATALOGUE_FILE).rename(aside)
        try:
            without.append(run_once(lint))
        finally:
            aside.rename(folder / CATALOGUE_FILE)
    cpu_with = statistics.median(c for _, c in with_cat)
    cpu_without = statistics.median(c for _, c in without)
    wall_with = statistics.median(w for w, _ in with_cat)
    wall_without = statistics.median(w for w, _ in without)
    print(f"  with catalogue.yaml          {medians(with_cat)}")
    print(f"  without catalogue.yaml       {medians(without)}")
    print(
        f"  catalogue rules add          {(wall_with / wall_without - 1) * 100:+.1f}% wall, "
        f"{(cpu_with / cpu_without - 1) * 100:+.1f}% CPU (target: at most +20%)"
    )


def _family(code: str) -> str:
    return code[:2]


def phases(files: list[Path]) -> None:
    """CPU per file of each phase of a lint, in process: one pass, each file through every phase in turn.

    One pass, as a lint makes: a second would find every statement's reading cached. Nothing is kept
    from a file but its findings, and the garbage collector is set as `designer lint` sets it, so each
    phase costs what it costs in a lint.
    """
    from designer.cli import _few_collections
    from designer.frameworks.wording import Wording
    from designer.rules.config import Settings
    from designer.rules.engine import lint_file

    names = [str(p) for p in files]
    lint_file(names[0])  # imports, frameworks and wording data are start-up, not per file
    Wording.read.cache_clear()
    with _few_collections():
        cpu, texts = _phase_pass(names)
        started = time.process_time()
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)
        bare = time.process_time() - started
        Wording.read.cache_clear()
        settings = Settings()
        started = time.process_time()
        for name in names:
            lint_file(name, settings)
        whole = time.process_time() - started

    count = len(names)
    print(f"\nIn-process CPU per file, one pass over {count} designs (start-up excluded)")
    print(f"  {'bare yaml.load(CSafeLoader)':<32} {bare * 1000 / count:7.3f} ms")
    for label, seconds in cpu.items():
        print(f"  {label:<32} {seconds * 1000 / count:7.3f} ms  {seconds / bare:5.2f}x bare parse")
    print(f"  {'lint_file, whole':<32} {whole * 1000 / count:7.3f} ms  {whole / bare:5.2f}x bare parse")


def _phase_pass(names: list[str]) -> tuple[dict[str, float], list[str]]:
    """(CPU seconds by phase, the texts read) of linting `names` phase by phase.

    The phases are the loader's and the engine's own steps, called one by one (private names: keep them in
    step with designer/model/loader.py and designer/rules/engine.py).
    """
    from designer.frameworks import load_framework
    from designer.model import loader
    from designer.report import FORMATTERS, FileReport, Summary
    from designer.rules.base import Context
    from designer.rules.config import Settings
    from designer.rules.engine import _finish, resolve_frameworks
    from designer.rules.registry import RULES

    try:  # what a worker sends back for the catalogue rules, per design of a catalogue
        from designer.rules.catalogue import summarize
    except ImportError:
        summarize = None
    _, base = resolve_frameworks(Settings())
    limits = base.limits
    clock = time.process_time
    cpu: dict[str, float] = defaultdict(float)
    texts = []
    reports = []
    for name in names:
        started = clock()
        with open(name, "rb") as handle:
            text = handle.read().decode("utf-8")
        texts.append(text)
        read = clock()
        root = yaml.compose(text, Loader=loader._Loader)  # type: ignore[arg-type]
        composed = clock()
        loaded = loader.LoadedDesign(path=name, text=text)
        loaded.suppressions = loader.suppressions(text)
        data = loader._Walker(loaded, limits["max_nodes"], limits["max_depth"]).walk(root, (), 0)
        del root
        walked = clock()
        loader._check_data(loaded, data, loader.DESIGN)
        validated = clock()
        cpu["read (open, read, decode)"] += read - started
        cpu["compose (libyaml + resolver)"] += composed - read
        cpu["walk (data + positions)"] += walked - composed
        cpu["validate (keys + pydantic)"] += validated - walked
        findings = list(loaded.findings)
        if loaded.design is not None:
            ref = loaded.design.course.framework
            try:
                framework = load_framework(ref, Path(name).parent) if ref else base
            except Exception:
                framework = base
            ctx = Context(loaded=loaded, design=loaded.design, framework=framework)
            for rule in RULES:
                started = clock()
                findings.extend(rule.check(ctx))
                cpu[f"rules {rule.code[:2]}"] += clock() - started
            if summarize is not None:
                started = clock()
                summarize(ctx)
                cpu["catalogue summary (worker)"] += clock() - started
        for finding in findings:
            _finish(finding)
        reports.append(FileReport(path=name, findings=sorted(findings, key=lambda f: f.sort_key())))
    summary = Summary.of(reports)
    for fmt in ("text", "json"):
        started = clock()
        FORMATTERS[fmt](reports, summary, io.StringIO(), False)
        cpu[f"report --format {fmt}"] = clock() - started
    return cpu, texts


def catalogue_rules() -> bool:
    try:
        importlib.import_module("designer.rules.catalogue")
    except ImportError:
        return False
    return True


@contextlib.contextmanager
def folder_for(out: str | None) -> Iterator[Path]:
    if out:
        yield Path(out)
        return
    folder = Path(tempfile.mkdtemp(prefix="designer-catalogue-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--designs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="subprocess runs per figure (median)")
    parser.add_argument("--phase-files", type=int, default=2000, help="designs the in-process phases read (0: none)")
    parser.add_argument("--out", help="generate into this folder and keep it (default: a temporary folder)")
    parser.add_argument("--generate-only", action="store_true", help="write the designs and stop")
    args = parser.parse_args()

    catalogue = catalogue_rules()
    print("catalogue rules: " + ("designer.rules.catalogue" if catalogue else "not available"))
    with folder_for(args.out) as folder:
        started = time.perf_counter()
        files, statements = generate(folder, args.designs, catalogue)
        size = sum(p.stat().st_size for p in files) // len(files)
        print(
            f"generated {len(files)} designs in {folder} ({size} bytes each on average, "
            f"{len(set(statements)) / len(statements):.0%} of outcome statements distinct) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if args.generate_only:
            return
        end_to_end(folder, len(files), args.runs, catalogue)
        if args.phase_files:
            phases(files[: args.phase_files])
    print("\nCPU figures are the ones to compare on a busy machine; measure wall time on a quiet one.")


if __name__ == "__main__":
    main()
