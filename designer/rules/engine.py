"""Run the rules over loaded designs: framework choice, select/ignore, suppression comments.

Each file is linted in isolation: an unexpected exception while loading it or in one
rule becomes an ST000 finding on that file, so the other files and rules still report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designer.frameworks import Framework, FrameworkError, load_framework
from designer.model.findings import Finding
from designer.model.loader import LoadedDesign, SourceMap, load_data, load_file, load_text
from designer.rules.base import Context
from designer.rules.config import Settings
from designer.rules.registry import BY_CODE, RULES
from designer.rules.structure import InternalError

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
    base = load_framework(settings.framework, settings.root) if settings.framework else load_framework()
    return None, base


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


def _run(loaded: LoadedDesign, settings: Settings, forced: Framework | None, base: Framework) -> Result:
    findings = [_finish(f) for f in loaded.findings]
    framework: Framework | None = forced or base
    context = None
    design = loaded.design
    if design is not None:
        if forced is None and design.course.framework:
            try:
                framework = load_framework(design.course.framework, Path(loaded.path).parent)
            except FrameworkError as exc:
                findings.append(
                    _finish(
                        loaded.finding(
                            "ST006", f"course.framework: {exc}; checked against {base.id}", ("course", "framework")
                        )
                    )
                )
        assert framework is not None
        context = Context(loaded=loaded, design=design, framework=framework)
        for rule in RULES:
            if settings.enabled(rule.code):
                # A failing rule keeps what it found so far and costs only its own verdict.
                try:
                    findings.extend(rule.check(context))
                except Exception as exc:
                    findings.append(internal_error(loaded.path, f"{_exception(exc)} in rule {rule.code}"))
    # A bug is reported whatever the settings and comments say.
    kept = [
        f
        for f in findings
        if f.code == INTERNAL_ERROR or (settings.enabled(f.code) and f.code not in loaded.suppressions.get(f.line, ()))
    ]
    kept.sort(key=Finding.sort_key)
    return Result(loaded=loaded, framework=framework, findings=kept, context=context)
