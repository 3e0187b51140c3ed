"""The `designer` command. stdout carries data, stderr progress and errors.

Heavy libraries are imported inside the commands that use them so that
`designer --version` and `designer lint` start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from designer import __version__
from designer.errors import Exit, UsageError
from designer.printable import printable

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection
    from multiprocessing.context import DefaultContext, ForkContext

    from designer.model.catalogue_loader import LoadedCatalogue
    from designer.report import FileReport
    from designer.rules.config import Settings


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _codes(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return out


def collect(
    paths: list[str], exclude: list[str] | None = None, root: Path | None = None
) -> tuple[list[str], list[str]]:
    """Files under `paths` (folders recursively, *.yaml/*.yml; catalogue.yaml too) and the paths that do not exist.

    `exclude` holds the patterns of the config file in `root` (designer.model.folders.excluded)."""
    from designer.model.folders import yaml_files

    files: list[str] = []
    missing: list[str] = []
    patterns = exclude or []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(yaml_files(raw, patterns, root))
        elif path.exists():
            files.append(raw)
        else:
            missing.append(raw)
    return list(dict.fromkeys(files)), missing


# What a worker does with a file: lint it; lint it and summarise it for its catalogue; or only summarise it
# (a design of the catalogue that is not among the linted paths).
LINT, LINT_AND_SUMMARY, SUMMARY = "lint", "lint+summary", "summary"
Task = tuple[str, str]

# Worker state for --jobs: set once per process by the pool initializer.
_WORKER: dict[str, object] = {}


def _init_worker(settings: Settings, framework: str | None) -> None:
    _WORKER["settings"] = settings
    _WORKER["framework"] = framework


def _lint_one(task: Task) -> FileReport:
    from designer.report import FileReport
    from designer.rules.engine import internal_error, lint_file, summarize_file, summary_of

    path, mode = task
    settings, framework = _WORKER["settings"], _WORKER["framework"]
    try:
        if mode == SUMMARY:
            return FileReport(path=path, summary=summarize_file(path, settings, framework))  # type: ignore[arg-type]
        result = lint_file(path, settings, framework)  # type: ignore[arg-type]
        summary = summary_of(result) if mode == LINT_AND_SUMMARY else None
    except Exception as exc:  # lint_file isolates the file's own failures; this keeps the run going after any other
        return FileReport(path=path, findings=[internal_error(path, exc)] if mode != SUMMARY else [])
    return FileReport(path=path, findings=result.findings, unreadable=result.loaded.unreadable, summary=summary)


def _lint_chunk(tasks: list[Task]) -> list[FileReport]:
    return [_lint_one(task) for task in tasks]


def _mp_context() -> ForkContext | DefaultContext:
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork") if fork else multiprocessing.get_context()


def _lint_in_workers(
    pool: ProcessPoolExecutor,
    jobs: int,
    tasks: list[Task],
    settings: Settings,
    framework: str | None,
    progress: _Progress,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[FileReport]:
    """Lint in `pool`, of `jobs` worker processes; reports come back in task order.

    `meanwhile` runs in this process once the work is handed out, while the workers lint.

    A worker that dies (killed, out of memory, a crash in C) breaks the pool. The files it left
    unfinished are linted again one at a time, each in a process of its own, so the culprit gets
    an ST000 finding and every other file its own result.
    """
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(tasks, jobs)
    done: list[list[FileReport] | None] = [None] * len(chunks)
    futures = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
    # The workers are running (a fork pool starts them all at the first submit): this process only takes
    # in what they send.
    with _holding():
        meanwhile()
        for index, future in enumerate(futures):
            try:
                done[index] = future.result()
            except BrokenProcessPool:
                continue
            for _ in chunks[index]:
                progress.step()
    context = _mp_context()
    reports: list[FileReport] = []
    for chunk, chunk_reports in zip(chunks, done, strict=True):
        if chunk_reports is None:
            chunk_reports = [_lint_alone(context, task, settings, framework) for task in chunk]
            for _ in chunk:
                progress.step()
        reports.extend(chunk_reports)
    return reports


def _chunks(tasks: list[Task], jobs: int) -> list[list[Task]]:
    """The tasks in chunks that shrink as the work runs out.

    Large chunks first, as each costs a hand-over between processes; small ones last, so that no
    worker is left linting a long last chunk while the others wait (equal chunks of an eighth of a
    worker's share left one core idle for up to a second at the end of 10,000 designs).
    """
    smallest = min(10, max(1, len(tasks) // (jobs * 8)))
    chunks = []
    start = 0
    while start < len(tasks):
        size = max(smallest, (len(tasks) - start) // (jobs * 4))
        chunks.append(tasks[start : start + size])
        start += size
    return chunks


def _lint_alone(
    context: ForkContext | DefaultContext, task: Task, settings: Settings, framework: str | None
) -> FileReport:
    """Lint one file in a child process of its own; its death becomes an ST000 finding on that file."""
    from designer.report import FileReport
    from designer.rules.engine import internal_error

    path, mode = task
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_lint_into, args=(sender, task, settings, framework))
    child.start()
    sender.close()
    try:
        report: FileReport = receiver.recv()
    except EOFError:
        child.join()
        code = child.exitcode or 0
        how = f"was killed by signal {-code}" if code < 0 else f"stopped with exit code {code}"
        problem = f"the worker process linting this file {how}"
        return FileReport(path=path, findings=[internal_error(path, problem)] if mode != SUMMARY else [])
    finally:
        receiver.close()
    child.join()
    return report


def _lint_into(sender: Connection, task: Task, settings: Settings, framework: str | None) -> None:
    _init_worker(settings, framework)
    sender.send(_lint_one(task))
    sender.close()


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal and there is enough to wait for."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.active = total >= 50 and stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.active and (self.done % 10 == 0 or self.done == self.total):
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


@dataclass
class _Catalogue:
    """A catalogue a lint run touches: its catalogue.yaml as shown, and its design files."""

    path: str
    members: dict[str, str] = field(default_factory=dict)
    """Each design file of the catalogue by its key (absolute path), as shown."""


def _key(path: str) -> str:
    """The same file however it was named: its absolute path (not remembered: it depends on the working folder)."""
    return os.path.abspath(path)


def plan_catalogues(
    files: list[str], exclude: list[str], root: Path | None = None
) -> tuple[list[str], dict[str, _Catalogue]]:
    """(the design files to lint, the catalogues they and the catalogue.yaml files among `files` belong to).

    A design belongs to the nearest catalogue.yaml at or above its folder. A catalogue's designs are
    every design file of its folder (designer.model.folders.catalogue_members), linted or not.
    """
    from designer.model.folders import CATALOGUE_FILE, catalogue_members, is_catalogue_file

    designs: list[str] = []
    catalogues: dict[str, _Catalogue] = {}
    nearest: dict[str, str | None] = {}

    def within(folder: str) -> str | None:
        if folder not in nearest:
            candidate = os.path.join(folder, CATALOGUE_FILE)
            parent = os.path.dirname(folder)
            nearest[folder] = candidate if os.path.isfile(candidate) else (None if parent == folder else within(parent))
        return nearest[folder]

    def catalogue_of(path: str) -> str | None:
        return within(os.path.dirname(_key(path)))

    shown: dict[str, str] = {}
    for path in files:
        if is_catalogue_file(path):
            shown.setdefault(_key(path), path)
            continue
        designs.append(path)
        found = catalogue_of(path)
        if found is not None:
            shown.setdefault(found, found if os.path.isabs(path) else os.path.relpath(found))
    for key, path in shown.items():
        catalogue = catalogues[key] = _Catalogue(path)
        for member in catalogue_members(path, exclude, root):
            catalogue.members[_key(member)] = member
    for path in designs:
        found = catalogue_of(path)
        if found is not None:
            catalogues[found].members[_key(path)] = path
    return designs, catalogues


@contextmanager
def _few_collections() -> Iterator[None]:
    """Run a batch lint with the cyclic garbage collector mostly out of the way.

    A design's node tree, data and models are thousands of objects that reference counting frees
    as soon as the file is done; they hold next to no cycles. With the default threshold (700
    allocations) the collector still ran a young collection every few hundred nodes and scanned
    the frameworks, wording tables and modules again and again: a quarter of the CPU of a lint.
    Frozen, the start-up objects are never scanned (and a forked worker does not write to their
    shared pages); with a threshold of many designs' worth of allocations, the rare cycle is
    still collected.
    """
    import gc

    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        gc.unfreeze()


@contextmanager
def _holding() -> Iterator[None]:
    """No cyclic collection while this process only gathers what lives to the end of the run, frozen after.

    The reports of thousands of designs, a loaded catalogue.yaml, the catalogue graph and its findings
    all live until the output is written, and hold no garbage cycles; the collector only scanned them
    again and again (0.8 s of a 10,000-design catalogue lint's main process against 0.16 s without the
    catalogue). Frozen at the end, they are never scanned again, and are still freed by reference
    counting; _few_collections unfreezes them when the run is over.
    """
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def run_lint(files: list[str], settings: Settings, framework: str | None, jobs: int) -> list[FileReport]:
    """Lint `files` (designs and catalogue.yaml files): a report per file, in order, catalogue.yaml before its designs."""
    # Fail fast (exit 2) on a bad --framework or configured framework, before any worker starts.
    from designer.frameworks import FrameworkError
    from designer.rules.engine import resolve_frameworks

    try:
        resolve_frameworks(settings, framework)
    except FrameworkError as exc:
        raise UsageError(str(exc)) from None
    designs, catalogues = plan_catalogues(files, settings.exclude, settings.root)
    in_catalogue = {key for catalogue in catalogues.values() for key in catalogue.members}
    linted = {_key(path) for path in designs}
    tasks: list[Task] = [(path, LINT_AND_SUMMARY if _key(path) in in_catalogue else LINT) for path in designs]
    for catalogue in catalogues.values():
        tasks.extend((path, SUMMARY) for key, path in catalogue.members.items() if key not in linted)
    _init_worker(settings, framework)
    progress = _Progress(len(tasks), sys.stderr)
    reports: list[FileReport] = []
    with _few_collections(), ExitStack() as stack:
        pool = None
        if jobs > 1 and len(tasks) >= 4 * jobs:
            from concurrent.futures import ProcessPoolExecutor

            # One pool for the designs and then the catalogue rules, which hand it their heaviest search.
            pool = stack.enter_context(
                ProcessPoolExecutor(
                    jobs, mp_context=_mp_context(), initializer=_init_worker, initargs=(settings, framework)
                )
            )
        loaded: dict[str, LoadedCatalogue | Exception] = {}

        def load_catalogues() -> None:
            if catalogues:
                # The catalogue graph's module, and networkx with it, is imported only for a catalogue.
                import designer.graph.catalogue  # noqa: F401
            for key, catalogue in catalogues.items():
                loaded[key] = _load_catalogue(catalogue, settings, framework)

        try:
            if pool is not None:
                # Each catalogue.yaml is read while the workers lint: a step less after them.
                reports = _lint_in_workers(pool, jobs, tasks, settings, framework, progress, load_catalogues)
            else:
                for task in tasks:
                    reports.append(_lint_one(task))
                    progress.step()
                with _holding():
                    load_catalogues()
        finally:
            progress.close()
        by_key = {_key(report.path): report for report in reports}
        with _holding():
            checked = {
                key: _check_catalogue(catalogue, loaded[key], by_key, settings, framework, pool, jobs)
                for key, catalogue in catalogues.items()
            }
    return _in_order(files, by_key, checked, catalogues)


def _load_catalogue(catalogue: _Catalogue, settings: Settings, framework: str | None) -> LoadedCatalogue | Exception:
    """A catalogue's catalogue.yaml, loaded; an unexpected failure is kept for _check_catalogue to report."""
    from designer.model.catalogue_loader import load_catalogue_file
    from designer.rules.engine import resolve_frameworks

    try:
        _, base = resolve_frameworks(settings, framework)
        return load_catalogue_file(catalogue.path, base.limits)
    except Exception as exc:
        return exc


def _check_catalogue(
    catalogue: _Catalogue,
    loaded: LoadedCatalogue | Exception,
    reports: dict[str, FileReport],
    settings: Settings,
    framework: str | None,
    pool: ProcessPoolExecutor | None = None,
    jobs: int = 1,
) -> FileReport:
    """Run the CT rules of one catalogue over its designs' summaries; lay each linted design's CT findings on its report.

    `pool` (of `jobs` processes), when the designs were linted in one, takes the rules' heaviest search.
    """
    from designer.report import FileReport
    from designer.rules.engine import check_catalogue, internal_error

    try:
        if isinstance(loaded, Exception):
            raise loaded
        summaries, unread = [], []
        for key, path in catalogue.members.items():
            summary = reports[key].summary
            if summary is None:
                unread.append(path)
            else:
                summaries.append(summary)
        result = check_catalogue(loaded, summaries, settings, framework, unread, pool, jobs)
    except Exception as exc:
        return FileReport(path=catalogue.path, findings=[internal_error(catalogue.path, exc)])
    for key in catalogue.members:
        report = reports[key]
        if report.summary is not None and report.findings is not None:
            report.findings = result.merged(report.summary.path, report.findings)
    return FileReport(path=catalogue.path, findings=result.on(catalogue.path), unreadable=loaded.unreadable)


def _in_order(
    files: list[str],
    reports: dict[str, FileReport],
    checked: dict[str, FileReport],
    catalogues: dict[str, _Catalogue],
) -> list[FileReport]:
    """The reports of the linted files in their order, each catalogue.yaml's in its place or before its first design."""
    owner = {key: cat for cat, catalogue in catalogues.items() for key in catalogue.members}
    out: list[FileReport] = []
    shown: set[str] = set()
    for path in files:
        key = _key(path)
        catalogue = key if key in checked else owner.get(key)
        if catalogue is not None and catalogue not in shown:
            shown.add(catalogue)
            out.append(checked[catalogue])
        if key not in checked:
            out.append(reports[key])
    return out


def _settings_for(args: argparse.Namespace, paths: list[str]) -> Settings:
    from designer.rules.config import ConfigError, Settings, find_config, load_settings

    try:
        if args.config:
            config_path: Path | None = Path(args.config)
            if not config_path or not config_path.is_file():
                raise UsageError(f"config file not found: {args.config}")
        else:
            config_path = find_config(Path(paths[0]) if paths else Path.cwd())
        settings = load_settings(config_path) if config_path else Settings()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    if args.select:
        settings.select = _codes(args.select)
    if args.ignore:
        settings.ignore = settings.ignore + _codes(args.ignore)
    if args.strict:
        settings.strict = True
    from designer.rules.registry import RULES

    for code in (*settings.select, *settings.ignore):
        if not any(rule.code.startswith(code) for rule in RULES):
            raise UsageError(f"no rule code starts with '{code}' (see `designer rules`)")
    return settings


def cmd_lint(args: argparse.Namespace) -> int:
    from designer.report import FORMATTERS, Summary

    settings = _settings_for(args, args.paths)
    files, missing = collect(args.paths, settings.exclude, settings.root)
    for path in missing:
        print(f"designer: {printable(path)}: no such file or folder", file=sys.stderr)
    if not files and not missing:
        print("designer: no *.yaml or *.yml files found under " + printable(", ".join(args.paths)), file=sys.stderr)
        return Exit.USAGE
    reports = run_lint(files, settings, args.framework, max(1, args.jobs or _cores()))
    summary = Summary.of(reports, missing=len(missing))
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    FORMATTERS[args.format](reports, summary, sys.stdout, color)
    from designer.rules.engine import INTERNAL_ERROR

    failed = [r.path for r in reports if any(f.code == INTERNAL_ERROR for f in r.findings)]
    if failed:
        print(
            f"designer: internal error ({INTERNAL_ERROR}) on {len(failed)} file(s), first {failed[0]}; "
            "the other files were checked. Please report it.",
            file=sys.stderr,
        )
    if missing or failed or any(r.unreadable for r in reports):
        return Exit.USAGE
    if args.exit_zero:
        return Exit.OK
    failing = summary.errors + (summary.warnings if settings.strict else 0)
    return Exit.FINDINGS if failing else Exit.OK


def cmd_rules(args: argparse.Namespace) -> int:
    from designer.rules.registry import RULES

    if args.format == "md":
        from designer.rules.docs import rules_markdown

        sys.stdout.write(rules_markdown())
    elif args.format == "json":
        import json

        rows = [{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary} for r in RULES]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for rule in RULES:
            sys.stdout.write(f"{rule.code}  {rule.name:<34} {rule.severity.value:<8} {rule.summary}\n")
    return Exit.OK


def cmd_rule(args: argparse.Namespace) -> int:
    from designer.rules.docs import rule_markdown
    from designer.rules.registry import RETIRED, lookup

    rule = lookup(args.code)
    if rule is None:
        retired = RETIRED.get(args.code.upper())
        if retired is not None:
            raise UsageError(f"rule {args.code.upper()} is retired: {retired}")
        raise UsageError(f"no rule '{args.code}' (see `designer rules`)")
    sys.stdout.write(rule_markdown(rule, "#"))
    return Exit.OK


def cmd_schema(args: argparse.Namespace) -> int:
    from designer.model.schema import schema_text

    text = schema_text(catalogue=args.catalogue)
    if args.output:
        from designer.model.atomic import write_atomic

        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return Exit.OK


def cmd_frameworks(args: argparse.Namespace) -> int:
    from designer.frameworks import builtin_ids, load_framework

    for ident in builtin_ids():
        fw = load_framework(ident)
        sys.stdout.write(f"{ident:<8} {fw.name}\n")
    return Exit.OK


def cmd_render(args: argparse.Namespace) -> int:
    from designer.model.catalogue import CATALOGUE_FILE

    if Path(args.file).is_dir() and (Path(args.file) / CATALOGUE_FILE).is_file():
        from designer.render.command import render_catalogue

        if args.language is not None:
            raise UsageError("--language applies to one design's specification; a catalogue is rendered in English")

        return render_catalogue(
            args.file,
            args.format,
            args.output,
            args.template,
            args.draft,
        )
    from designer.render.command import render_design

    return render_design(args.file, args.format, args.output, args.template, args.draft, args.language or "en")


def cmd_export(args: argparse.Namespace) -> int:
    from designer.export.command import run

    return run(args.paths, args.format, args.output, args.draft, args.credential, args.check)


def _run_editor(path: Path | None, stage: str | None = None) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UsageError("the editor needs a terminal (use `designer lint` or `designer render` in scripts)")
    from designer.tui.app import make_app

    make_app(path, stage=stage).run()
    return Exit.OK


def cmd_edit(args: argparse.Namespace) -> int:
    if args.file is None:
        return _run_editor(None)  # the start screen: the working folder's catalogue, recent files, samples
    path = Path(args.file)
    if path.is_dir():
        from designer.model.folders import find_catalogue

        if find_catalogue(path) is None:
            raise UsageError(f"{path} is a folder without a catalogue.yaml at or above it; give a design file")
        return _run_editor(path)  # the start screen lists the catalogue's designs
    return _run_editor(path, args.stage)


def _sample_path(name: str) -> Path:
    from designer.paths import sample_designs

    candidate = Path(name)
    if candidate.is_file():
        return candidate
    samples = {p.stem: p for p in sample_designs()}
    if name in samples:
        return samples[name]
    raise UsageError(f"no sample '{name}'; samples: {', '.join(sorted(samples))}")


def cmd_new(args: argparse.Namespace) -> int:
    from designer.model.atomic import write_atomic

    path = Path(args.file)
    if path.exists():
        raise UsageError(f"{path} exists already; open it with `designer edit {path}`")
    if args.sample:
        sample = _sample_path(args.sample)
        folder = path.parent
        if not folder.is_dir():
            # As `designer edit` asks first, `new` never makes folders behind the user's back.
            raise UsageError(f"folder {folder} does not exist; create it first (mkdir -p {folder})")
        write_atomic(path, sample.read_text(encoding="utf-8"))
        print(f"designer: created {printable(str(path))} from {printable(sample.name)}", file=sys.stderr)
        if args.no_edit:
            return Exit.OK
    elif args.no_edit:
        raise UsageError("--no-edit needs --from SAMPLE (a new empty design asks for its title in the editor)")
    return _run_editor(path)


def build_parser() -> argparse.ArgumentParser:
    from designer.render import FORMATS as RENDER_FORMATS
    from designer.report import FORMATTERS

    parser = argparse.ArgumentParser(
        prog="designer",
        description="Design, check and document university micro-credentials (backward design).",
    )
    parser.add_argument("--version", action="version", version=f"designer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = sub.add_parser("lint", help="check course design files (for QA offices and CI)")
    lint.add_argument("paths", nargs="+", metavar="PATH", help="design files or folders (searched for *.yaml, *.yml)")
    lint.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format (default: text)")
    lint.add_argument(
        "--select", action="append", metavar="CODES", help="only these rule codes or prefixes (e.g. AL,WL001)"
    )
    lint.add_argument("--ignore", action="append", metavar="CODES", help="skip these rule codes or prefixes")
    lint.add_argument("--framework", metavar="ID|FILE", help="framework for every file, overriding each design's own")
    lint.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    lint.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    lint.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    lint.add_argument(
        "--config", metavar="FILE", help="settings file (default: designer.toml or pyproject.toml upward)"
    )
    lint.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour the text output")
    lint.set_defaults(func=cmd_lint)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "md", "json"], default="text")
    rules.set_defaults(func=cmd_rules)

    rule = sub.add_parser("rule", help="print one rule's documentation")
    rule.add_argument("code", help="rule code or name, e.g. AL001 or outcome-not-assessed")
    rule.set_defaults(func=cmd_rule)

    schema = sub.add_parser("schema", help="print the JSON Schema of the design format (or of catalogue.yaml)")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.add_argument("--catalogue", action="store_true", help="the schema of catalogue.yaml instead of a design")
    schema.set_defaults(func=cmd_schema)

    frameworks = sub.add_parser("frameworks", help="list the built-in frameworks")
    frameworks.set_defaults(func=cmd_frameworks)

    render = sub.add_parser(
        "render",
        help="write the course specification for a curriculum committee (HTML, Markdown or PDF)",
        description=(
            "Render a course design as the specification a curriculum committee reviews. The design is linted "
            "first: with any error nothing is rendered (exit 1) unless --draft is given, which marks every page "
            "as a draft and lists the open errors. --format pdf lays the HTML out on A4 pages (needs the "
            "optional extra: pip install 'designer[pdf]') and must be written to a file (-o FILE.pdf). "
            "Given a folder with a catalogue.yaml, render the catalogue: "
            "an HTML site (-o FOLDER: an index and a specification page per design), with --format pdf "
            "a PDF per design into -o FOLDER, or, with --format md, its index as Markdown."
        ),
    )
    render.add_argument(
        "file", metavar="FILE|DIR", help="the course design (.yaml), or a catalogue's folder (with catalogue.yaml)"
    )
    render.add_argument("--format", choices=RENDER_FORMATS, default="html", help="output format (default: html)")
    render.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT, replacing it atomically (default, or '-': stdout)"
    )
    render.add_argument(
        "--template",
        metavar="DIR",
        help="folder of templates that override the shipped ones by name (e.g. html/_header.html.j2); run sandboxed",
    )
    render.add_argument(
        "--draft", action="store_true", help="render a design with errors, marked 'DRAFT - not validated'"
    )
    render.add_argument(
        "--language",
        metavar="LANG",
        help=(
            "language of the words shown for codes (country names, methods, the EU's wording), from "
            "frameworks/labels/LANG.yaml (default: en, the language of the shipped templates; not the course's "
            "language of instruction)"
        ),
    )
    render.set_defaults(func=cmd_render)

    export = sub.add_parser(
        "export",
        help="write a design as a credential document (ELM v3 or Open Badges 3.0), or check such documents",
        description=(
            "Export a course design as the JSON-LD document an issuing platform takes: --format elm, a European "
            "Learning Model learning opportunity; --format ob3, an Open Badges 3.0 achievement. The design is "
            "linted first: with any error nothing is exported (exit 1) unless --draft is given. Given a folder "
            "with a catalogue.yaml, export every design and every stack into -o FOLDER. With --check, the export is validated "
            "offline against the standard's official shapes or schema; given .json/.jsonld files, --check "
            "validates them (the standard is told from their @context) and prints 'FILE: conforms' or one line "
            "per violation (exit 1 on violations, 2 on unreadable input)."
        ),
    )
    export.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="the course design (.yaml) or a catalogue's folder; with --check, documents (.json, .jsonld)",
    )
    from designer.export import FORMATS as EXPORT_FORMATS

    export.add_argument("--format", choices=EXPORT_FORMATS, help="the standard: elm or ob3 (told apart by --check)")
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT, replacing it atomically (default, or '-': stdout); a folder for a catalogue",
    )
    export.add_argument("--draft", action="store_true", help="export a design that has errors")
    export.add_argument(
        "--credential", action="store_true", help="a ready-to-sign credential template (ob3), not only the achievement"
    )
    export.add_argument("--check", action="store_true", help="validate offline against the standard")
    export.set_defaults(func=cmd_export)

    edit = sub.add_parser("edit", help="open a design in the editor (creates it when missing)")
    edit.add_argument(
        "file",
        nargs="?",
        help="design file (.yaml); a catalogue's folder, or none, lists the catalogue's designs to choose from",
    )
    edit.add_argument(
        "--stage",
        choices=["course", "outcomes", "summative", "formative", "content", "review"],
        help="open at this stage",
    )
    edit.set_defaults(func=cmd_edit)

    new = sub.add_parser("new", help="start a new design, from scratch or from a sample")
    new.add_argument("file", help="the new design file")
    new.add_argument("--from", dest="sample", metavar="SAMPLE", help="sample name or file to copy")
    new.add_argument("--no-edit", action="store_true", help="only create the file; do not open the editor")
    new.set_defaults(func=cmd_new)
    return parser


class _Stream:
    """stdout or stderr that outlives its reader: `designer lint bad.yaml | true` still exits with the run's own code.

    Once the reader has closed the pipe, the stream is pointed at the null
    device (Python docs, "Note on SIGPIPE") and the rest of its output is
    dropped, so the run finishes and its exit code stands: a closed pipe never
    turns errors into a pass, and no traceback is printed.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._drop_output()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._drop_output()

    def _drop_output(self) -> None:
        self.reader_gone = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    saved = sys.stdout, sys.stderr
    out, err = _Stream(sys.stdout), _Stream(sys.stderr)
    sys.stdout, sys.stderr = cast("TextIO", out), cast("TextIO", err)
    try:
        return _main(argv)
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved


def run() -> None:
    """The `designer` command (console script and `python -m designer`): main(), then exit without a last collection.

    At exit the interpreter runs the cyclic garbage collector over every object still alive. After a
    catalogue lint those are the summaries, graph and findings of thousands of designs: 0.45 s of a
    10,000-design lint spent tidying memory the operating system takes back anyway. Frozen, they are
    skipped; atexit handlers and the flushing of output still run.
    """
    import gc

    code = main()
    gc.freeze()
    raise SystemExit(code)


def _main(argv: list[str] | None) -> int:
    # pydantic otherwise scans every installed package's entry points for plugins on the first
    # model (CPU on each run); designer's models need none. Set it yourself to opt back in.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if argv is None and sys.stdin.isatty() and sys.stdout.isatty():
            args.func = lambda _args: _run_editor(None)
        else:
            parser.print_help(sys.stderr)
            return Exit.USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"designer: {printable(str(exc))}", file=sys.stderr)
        return Exit.USAGE
    except KeyboardInterrupt:
        print("designer: interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except Exception as exc:  # a bug must not show a traceback to a user
        print(f"designer: internal error: {type(exc).__name__}: {printable(str(exc))}", file=sys.stderr)
        print("designer: please report this with the file that caused it", file=sys.stderr)
        return Exit.USAGE
