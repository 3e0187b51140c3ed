"""Run the rules over loaded designs: framework choice, select/ignore, suppression comments.

Each file is linted in isolation: an unexpected exception while loading it or in one
rule becomes an ST000 finding on that file, so the other files and rules still report.

A catalogue is checked after its designs: each design gives a DesignSummary
(summarize), check_catalogue runs the CT rules over catalogue.yaml and every summary,
and merge lays a design's CT findings beside its own. lint_catalogue_folder does all
of it in one process, for the site and the editor; `designer lint` spreads the designs
over worker processes and does the rest itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.frameworks import Framework, FrameworkError, load_framework
from designer.model.findings import Finding
from designer.model.loader import LoadedDesign, SourceMap, load_data, load_file, load_text
from designer.rules.base import Context
from designer.rules.config import Settings
from designer.rules.registry import BY_CODE, RULES
from designer.rules.structure import InternalError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from designer.graph.catalogue import CatalogueGraph
    from designer.model.catalogue_loader import LoadedCatalogue
    from designer.model.summary import DesignSummary

# The code of the finding that stands for a bug in designer.
INTERNAL_ERROR = InternalError.code


@dataclass
class Result:
    """The outcome of linting one file."""

    loaded: LoadedDesign
    framework: Framework | None
    findings: list[Finding] = field(default_factory=list)
    context: Context | None = None

    @property
    def path(self) -> str:
        return self.loaded.path

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.value == severity)


def resolve_frameworks(settings: Settings, framework: str | None = None) -> tuple[Framework | None, Framework]:
    """(the forced framework from --framework, or None; the framework a design without its own gets).

    Raises FrameworkError for a bad explicit or configured framework: a usage error.
    """
    forced = load_framework(framework, Path.cwd()) if framework else None
    if forced is not None:
        return forced, forced
    if not settings.framework:
        return None, load_framework()
    try:
        return None, load_framework(settings.framework, settings.root)
    except FrameworkError as exc:
        # Name the config file that chose the framework, as every other config problem is named.
        raise FrameworkError(f"{settings.source}: framework: {exc}" if settings.source else str(exc)) from None


def project_settings(path: Path) -> tuple[Settings, dict[str, int]]:
    """The settings `designer lint` uses for the file or folder at `path` (the nearest designer.toml, or
    pyproject.toml's [tool.designer]) and the loader's limits of the framework they configure.

    `designer render`, `designer export` and the editor read them here. Raises ConfigError for a config
    file that cannot be used and FrameworkError for a configured framework that cannot be loaded.
    """
    from designer.rules.config import find_config, load_settings

    settings = load_settings(find_config(path))
    return settings, resolve_frameworks(settings)[1].limits


def lint_file(path: str | Path, settings: Settings | None = None, framework: str | None = None) -> Result:
    """Lint one file. `framework` (the --framework option) overrides the design's own choice.

    Raises FrameworkError only for a bad explicit or configured framework, which is a usage error.
    """
    settings = settings or Settings()
    forced, base = resolve_frameworks(settings, framework)
    return _isolated(str(path), lambda: load_file(path, base.limits), settings, forced, base)


def lint_text(
    text: str, path: str = "<string>", settings: Settings | None = None, framework: str | None = None
) -> Result:
    settings = settings or Settings()
    forced, base = resolve_frameworks(settings, framework)
    return _isolated(path, lambda: load_text(text, path, base.limits), settings, forced, base)


def lint_data(
    data: Any,
    source: SourceMap,
    path: str,
    settings: Settings | None = None,
    framework: str | None = None,
    suppressions: dict[int, set[str]] | None = None,
) -> Result:
    """Lint data already in memory (the editor's document), with positions from `source`.

    `suppressions` are the `# designer: ignore[...]` comments by line, read from the
    text the positions come from, so the editor silences what `designer lint` does.
    """
    settings = settings or Settings()
    forced, base = resolve_frameworks(settings, framework)

    def load() -> LoadedDesign:
        loaded = load_data(data, source, path, base.limits)
        loaded.suppressions = dict(suppressions or {})
        return loaded

    return _isolated(path, load, settings, forced, base)


def internal_error(path: str, problem: BaseException | str) -> Finding:
    """ST000 on `path`: designer itself failed there (an exception, or a worker process that died)."""
    what = problem if isinstance(problem, str) else _exception(problem)
    message = f"internal error: {what}; this is a bug in designer, please report it with this file"
    return _finish(Finding(INTERNAL_ERROR, message, path=path))


def _exception(exc: BaseException) -> str:
    """The exception's type and the first line of its text, short enough for one finding."""
    try:
        text = str(exc).strip()
    except Exception:  # an exception whose text cannot be built still has a type
        text = ""
    first = text.splitlines()[0] if text else ""
    if len(first) > 120:
        first = first[:120] + "…"
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _isolated(
    path: str, load: Callable[[], LoadedDesign], settings: Settings, forced: Framework | None, base: Framework
) -> Result:
    # One unexpected input costs one file's result, never the run: the exception becomes ST000.
    try:
        return _run(load(), settings, forced, base)
    except Exception as exc:
        return Result(loaded=LoadedDesign(path=path), framework=forced or base, findings=[internal_error(path, exc)])


def _finish(finding: Finding) -> Finding:
    rule = BY_CODE[finding.code]
    finding.name = rule.name
    finding.severity = rule.severity
    return finding


def _framework_for(loaded: LoadedDesign, forced: Framework | None, base: Framework) -> tuple[Framework, list[Finding]]:
    """The framework a design is checked against, and an ST006 when the one it names cannot be loaded."""
    design = loaded.design
    if forced is not None:
        return forced, []
    if design is not None and design.course.framework:
        try:
            return load_framework(design.course.framework, Path(loaded.path).parent), []
        except FrameworkError as exc:
            finding = loaded.finding(
                "ST006", f"course.framework: {exc}; checked against {base.id}", ("course", "framework")
            )
            return base, [_finish(finding)]
    return base, []


def _run(loaded: LoadedDesign, settings: Settings, forced: Framework | None, base: Framework) -> Result:
    findings = [_finish(f) for f in loaded.findings]
    framework: Framework | None = forced or base
    context = None
    design = loaded.design
    if design is not None:
        framework, problems = _framework_for(loaded, forced, base)
        findings.extend(problems)
        context = Context(loaded=loaded, design=design, framework=framework)
        for rule in RULES:
            if settings.enabled(rule.code, opt_in=rule.opt_in):
                # A failing rule keeps what it found so far and costs only its own verdict.
                try:
                    findings.extend(rule.check(context))
                except Exception as exc:
                    findings.append(internal_error(loaded.path, f"{_exception(exc)} in rule {rule.code}"))
    # A bug is reported whatever the settings and comments say.
    kept = _kept(findings, settings, loaded.suppressions)
    return Result(loaded=loaded, framework=framework, findings=kept, context=context)


def _kept(findings: Iterable[Finding], settings: Settings, suppressions: dict[int, set[str]]) -> list[Finding]:
    """The findings `settings` select and no suppression comment silences, sorted; ST000 always stays."""
    kept = [
        f
        for f in findings
        if f.code == INTERNAL_ERROR or (settings.enabled(f.code) and f.code not in suppressions.get(f.line, ()))
    ]
    kept.sort(key=Finding.sort_key)
    return kept


# Catalogues


def summarize_file(
    path: str | Path, settings: Settings | None = None, framework: str | None = None
) -> DesignSummary | None:
    """The catalogue facts of a design that is not linted itself (another design of the catalogue).

    None when the file is not a design that loads: the catalogue rules then hold back what it may explain.
    """
    from designer.rules.catalogue import summarize

    settings = settings or Settings()
    forced, base = resolve_frameworks(settings, framework)
    try:
        loaded = load_file(path, base.limits)
        if loaded.design is None:
            return None
        chosen, _ = _framework_for(loaded, forced, base)
        return summarize(Context(loaded=loaded, design=loaded.design, framework=chosen))
    except Exception:
        # Linted, this file gets its ST000; as another design of the catalogue it is one that could not be read.
        return None


@dataclass
class CatalogueResult:
    """What the catalogue rules found: on catalogue.yaml and on the catalogue's designs."""

    loaded: LoadedCatalogue
    framework: Framework | None
    graph: CatalogueGraph | None = None
    findings: list[Finding] = field(default_factory=list)
    """Every finding, on catalogue.yaml and on the designs, selected, unsuppressed and sorted."""

    @property
    def path(self) -> str:
        return self.loaded.path

    replaced: dict[str, set[str]] = field(default_factory=dict)
    """By design path: codes of the design-level findings a CT finding there stands in for (`Finding.replaces`),
    counted before suppression comments, so silencing the CT finding does not bring the other back."""

    def on(self, path: str) -> list[Finding]:
        """The findings on one file (a design's path as its summary has it, or catalogue.yaml's)."""
        return list(self._by_path.get(path, ()))

    @cached_property
    def _by_path(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.path, []).append(finding)
        return grouped

    def merged(self, path: str, own: list[Finding]) -> list[Finding]:
        """A design's own findings with its catalogue findings, as one sorted list (see merge)."""
        return merge(own, self.on(path), self.replaced.get(path, set()))


def check_catalogue(
    loaded: LoadedCatalogue,
    designs: Iterable[DesignSummary],
    settings: Settings | None = None,
    framework: str | None = None,
    unread: Iterable[str] = (),
    executor: Executor | None = None,
    workers: int = 1,
) -> CatalogueResult:
    """Run the CT rules over a loaded catalogue.yaml and the summaries of its designs.

    `unread` names the catalogue's files that could not be read as designs. A bad catalogue.yaml
    gives its own findings (ST001-ST006) and no CT finding; an exception in a rule is an ST000
    on catalogue.yaml, and the other rules still run. With an `executor` of `workers` processes
    (designer lint's pool), a rule that `waits` starts its heaviest work there first and runs
    after the others; the findings are the same.
    """
    from designer.graph.catalogue import build
    from designer.rules.catalogue import CatalogueContext, CatalogueRule

    settings = settings or Settings()
    forced, base = resolve_frameworks(settings, framework)
    findings = [_finish(f) for f in loaded.findings]
    result = CatalogueResult(loaded=loaded, framework=forced or base)
    catalogue = loaded.catalogue
    suppressions = {loaded.path: loaded.suppressions}
    if catalogue is not None:
        chosen = forced or base
        if forced is None and catalogue.catalogue.framework:
            try:
                chosen = load_framework(catalogue.catalogue.framework, Path(loaded.path).parent)
            except FrameworkError as exc:
                findings.append(
                    _finish(
                        loaded.finding(
                            "ST006",
                            f"catalogue.framework: {exc}; checked against {base.id}",
                            ("catalogue", "framework"),
                        )
                    )
                )
        result.framework = chosen
        # Catalogue order: by file path, as the paths are written (the CLI names a catalogue's files one way).
        ordered = sorted(designs, key=lambda d: os.path.normpath(d.path))
        suppressions.update((design.path, design.suppressions) for design in ordered)
        try:
            graph = build(catalogue, loaded.data, ordered)
        except Exception as exc:
            findings.append(internal_error(loaded.path, f"{_exception(exc)} while building the catalogue graph"))
        else:
            result.graph = graph
            context = CatalogueContext(loaded, catalogue, graph, chosen, sorted(unread))
            rules = [r for r in RULES if isinstance(r, CatalogueRule) and settings.enabled(r.code)]
            if executor is not None:
                rules.sort(key=lambda rule: rule.waits)
                for rule in rules:
                    if rule.waits:
                        with contextlib.suppress(Exception):  # check_catalogue then does it all, and reports a failure
                            rule.prepare(context, executor, workers)
            for rule in rules:
                try:
                    findings.extend(rule.check_catalogue(context))
                except Exception as exc:
                    findings.append(internal_error(loaded.path, f"{_exception(exc)} in rule {rule.code}"))
    selected = [f for f in findings if f.code == INTERNAL_ERROR or settings.enabled(f.code)]
    for finding in selected:
        if finding.replaces:
            result.replaced.setdefault(finding.path, set()).update(finding.replaces)
    result.findings = [
        f for f in selected if f.code == INTERNAL_ERROR or f.code not in suppressions.get(f.path, {}).get(f.line, ())
    ]
    result.findings.sort(key=Finding.sort_key)
    return result


def merge(own: list[Finding], catalogue: list[Finding], replaced: set[str] | None = None) -> list[Finding]:
    """A design's own findings and its catalogue findings, as one sorted list.

    A catalogue finding may stand in for a design-level one (`Finding.replaces`: CT012 and CT013
    for MI002, CT011 for AL009); the design-level finding then goes. `replaced` adds the codes
    that suppressed catalogue findings stood in for (CatalogueResult.replaced).
    """
    if not catalogue and not replaced:
        return own  # already sorted: most designs of a catalogue have no catalogue finding
    gone = {code for finding in catalogue for code in finding.replaces} | (replaced or set())
    merged = [f for f in own if f.code not in gone] + catalogue
    merged.sort(key=Finding.sort_key)
    return merged


@dataclass
class CatalogueLint:
    """A whole catalogue linted in one process: catalogue.yaml's result and every design's, CT findings merged in."""

    catalogue: CatalogueResult
    designs: list[Result]


def lint_catalogue_folder(
    catalogue_path: str | Path,
    settings: Settings | None = None,
    framework: str | None = None,
    loaded: LoadedCatalogue | None = None,
) -> CatalogueLint:
    """Lint a catalogue.yaml and every design of its folder (designer.model.folders.catalogue_members).

    For the catalogue site and the editor: `designer lint` gives the same findings, with worker processes.
    `loaded` is the catalogue.yaml already loaded, if it is. Raises FrameworkError only for a bad explicit
    or configured framework, a usage error.
    """
    from designer.model.catalogue_loader import load_catalogue_file
    from designer.model.folders import catalogue_members

    settings = settings or Settings()
    _, base = resolve_frameworks(settings, framework)
    results = [
        lint_file(path, settings, framework)
        for path in catalogue_members(catalogue_path, settings.exclude, settings.root)
    ]
    if loaded is None:
        loaded = load_catalogue_file(catalogue_path, base.limits)
    return lint_catalogue(loaded, results, settings, framework)


def lint_catalogue(
    loaded: LoadedCatalogue, results: list[Result], settings: Settings | None = None, framework: str | None = None
) -> CatalogueLint:
    """Check a loaded catalogue against its designs' lint results (from files, text or the editor's data).

    Each design's CT findings are merged into its result; a design that did not load counts as unread.
    """
    summaries, unread = [], []
    for result in results:
        summary = summary_of(result)
        if summary is None:
            unread.append(result.path)
        else:
            summaries.append(summary)
    checked = check_catalogue(loaded, summaries, settings, framework, unread)
    for result in results:
        result.findings = checked.merged(result.path, result.findings)
    return CatalogueLint(catalogue=checked, designs=results)


def summary_of(result: Result) -> DesignSummary | None:
    """The DesignSummary of a linted design (None when it did not load); a failure is an ST000 on the design."""
    from designer.rules.catalogue import summarize

    if result.context is None:
        return None
    try:
        return summarize(result.context)
    except Exception as exc:
        result.findings.append(internal_error(result.path, f"{_exception(exc)} while reading it for its catalogue"))
        result.findings.sort(key=Finding.sort_key)
        return None
