"""The editor's state: the design being edited, its findings and its graph. Knows nothing of Textual.

Widgets read it; the app changes it through these methods and re-validates in a
worker. Saves are atomic; a recovery copy beside the file survives a crash.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.model.atomic import clean_stale_temps, destination, read_only, write_atomic
from designer.model.document import BOM, UNREADABLE, DataPath, DesignDocument, DocumentError
from designer.model.sections import REFERENCES, SECTIONS, WORKLOAD_SECTIONS
from designer.model.source import SourceMap
from designer.tui.catalogue import CatalogueChoices, CatalogueSession

if TYPE_CHECKING:
    from designer.frameworks import Framework
    from designer.model.findings import Finding
    from designer.model.workload import Workload
    from designer.rules.config import Settings
    from designer.rules.engine import Result

STAGES: tuple[str, ...] = ("course", "outcomes", "summative", "formative", "content", "review")
STAGE_TITLES = {
    "course": "Course",
    "outcomes": "Outcomes",
    "summative": "Summative",
    "formative": "Formative",
    "content": "Content",
    "review": "Review",
}
UNDO_DEPTH = 100
# Keystrokes in one field within this many seconds are one undo step.
UNDO_COALESCE_SECONDS = 2.0


def recovery_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.designer-recovery")


@dataclass(frozen=True)
class DiskSignature:
    """What the file on disk looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> DiskSignature | None:
        try:
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(stat.st_mtime_ns, stat.st_size, digest)


@dataclass
class StageStatus:
    state: str  # empty | errors | warnings | complete
    errors: int = 0
    warnings: int = 0
    locked_reason: str | None = None

    @property
    def count(self) -> int:
        return self.errors + self.warnings


@dataclass
class Validation:
    """One validation run's results, computed off the UI thread."""

    version: int
    result: Result
    by_stage: dict[str, list[Finding]] = field(default_factory=dict)
    catalogue: CatalogueChoices | None = None
    """What the design's catalogue offers (None outside a catalogue, or when it could not be read)."""
    own_findings: list[Finding] | None = None
    """The design's findings without the catalogue's (what `designer render FILE` gates on); None: the same."""


def stage_of(finding: Finding) -> str:
    head = finding.node[0] if finding.node else None
    if head in ("course", "outcomes", "summative", "formative", "content"):
        return str(head)
    if finding.code.startswith(("WL", "LV001", "MI")):
        return "course"
    return "review"


def _grouped(result: Result, version: int) -> Validation:
    by_stage: dict[str, list[Finding]] = {stage: [] for stage in STAGES}
    for finding in result.findings:
        by_stage[stage_of(finding)].append(finding)
    return Validation(version=version, result=result, by_stage=by_stage)


def validate_text(text: str, path: str, version: int = 0, settings: Settings | None = None) -> Validation:
    from designer.rules.engine import lint_text

    return _grouped(lint_text(text, path, settings), version)


def validate_snapshot(
    data: Any,
    source: SourceMap,
    path: str,
    version: int,
    suppressions: dict[int, set[str]] | None = None,
    catalogue: CatalogueSession | None = None,
    settings: Settings | None = None,
) -> Validation:
    """Lint a document snapshot (safe on a worker thread: the snapshot is a private copy).

    `suppressions` are the document's `# designer: ignore[...]` comments by line. In a
    `catalogue`, the catalogue rules' findings on the design join its own. `settings` are the
    project's (see `editor_settings`), so the editor finds what `designer lint` finds.
    An exception in the rules becomes one ST000 finding on the design, so the
    editor shows it in the findings pane and carries on.
    """
    from designer.rules.engine import internal_error, lint_data

    try:
        result = lint_data(data, source, path, settings, suppressions=suppressions)
    except Exception as exc:
        return failed_validation(exc, path, version)
    if catalogue is None:
        return _grouped(result, version)
    own = list(result.findings)
    try:
        offered = catalogue.check(result, Path(path))
    except Exception as exc:
        # The design's own findings stand; the catalogue's failure is one finding beside them.
        result.findings = [*own, internal_error(path, f"{type(exc).__name__}: {exc} while checking the catalogue")]
        return _grouped(result, version)
    validation = _grouped(result, version)
    validation.catalogue = offered
    validation.own_findings = own
    return validation


def failed_validation(exc: BaseException, path: str, version: int) -> Validation:
    """A validation that could not run: one ST000 finding naming the exception, so nothing else is lost."""
    from designer.model.findings import Finding, Severity
    from designer.model.loader import LoadedDesign
    from designer.rules.engine import INTERNAL_ERROR, Result

    finding = Finding(
        code=INTERNAL_ERROR,
        name="internal-error",
        severity=Severity.ERROR,
        message=(
            f"checking the design failed inside designer ({type(exc).__name__}: {exc}); your edits are kept; "
            "please report this with the file"
        ),
        path=path,
    )
    return _grouped(Result(loaded=LoadedDesign(path=path), framework=None, findings=[finding]), version)


class SettingsError(Exception):
    """The project's lint settings for a design cannot be used; the message names the config file and why."""


def editor_settings(path: Path) -> tuple[Settings, dict[str, int]]:
    """The settings `designer lint` uses for the design at `path` (the nearest designer.toml, or pyproject.toml's
    [tool.designer]), and the linter's reading limits under them (the configured framework's).

    Raises SettingsError for a config file that cannot be read or names a framework that cannot be loaded.
    """
    from designer.frameworks import FrameworkError
    from designer.rules.config import ConfigError
    from designer.rules.engine import project_settings

    # A framework's limits hold every key the loader reads (Limits requires them): nothing to fill in.
    try:
        return project_settings(path)
    except (ConfigError, FrameworkError) as exc:
        raise SettingsError(str(exc)) from None


def editor_limits() -> dict[str, int]:
    """The linter's reading limits (file size, nodes, depth), from the default framework."""
    from designer.frameworks import FrameworkError, load_framework
    from designer.model.loader import DEFAULT_LIMITS

    try:
        return {**DEFAULT_LIMITS, **load_framework().limits}
    except (FrameworkError, OSError, KeyError, TypeError, ValueError):
        return dict(DEFAULT_LIMITS)


def missing_folder(path: Path) -> Path | None:
    """The folder a new file at `path` goes in, when it does not exist yet (None when it does)."""
    return None if path.parent.is_dir() else path.parent


def read_design_text(path: Path, limits: dict[str, int]) -> str:
    """The file's text, read as the linter reads it; DocumentError (with line and column) for what lint refuses.

    The linter's loader looks first: it stops at its size limit, a binary or
    non-UTF-8 file and a syntax error before the editor reads the whole file.
    """
    from designer.model.loader import load_file

    if not path.is_file():
        # A named pipe would block the open; a device never ends.
        raise DocumentError("not a regular file; the editor opens design files only")
    loaded = load_file(path, limits)
    for finding in loaded.findings:
        if loaded.unreadable:
            raise DocumentError(finding.message)
        if finding.code in UNREADABLE:
            raise DocumentError(f"line {finding.line}, column {finding.column}: {finding.message}")
    return path.read_bytes().decode("utf-8")


class EditorState:
    """A design open for editing."""

    def __init__(
        self, path: Path, text: str, limits: dict[str, int] | None = None, settings: Settings | None = None
    ) -> None:
        from designer.rules.config import Settings

        self.path = path
        self.limits = limits or editor_limits()
        # The project's lint settings, read once when the file is opened (`open`, `create`): every lint uses them.
        self.settings = settings if settings is not None else Settings()
        self.document = DesignDocument(text, self.limits)
        self.saved_text = text if text.strip() else self.document.text()
        self.disk = DiskSignature.of(path)
        self.undo_stack: list[str] = []
        self.redo_stack: list[str] = []
        self.validation: Validation | None = None
        # The catalogue the design lies in (None outside one): its other designs are read once, then on change.
        self.catalogue = CatalogueSession.around(path, self.settings)
        self.last_recovery: float = 0.0
        # Bumped on every change; validations carry the version they saw.
        self.version = 0
        self._dirty = False
        self._last_edit: tuple[DataPath | None, float] = (None, 0.0)

    # Opening
    @classmethod
    def open(cls, path: Path) -> EditorState:
        """Open an existing file. Raises OSError, DocumentError or SettingsError with a message for the user.

        Stale temporary files that a killed save left beside it are removed.
        """
        settings, limits = editor_settings(path)
        text = read_design_text(path, limits)
        clean_stale_temps(path)
        return cls(path, text, limits, settings)

    @property
    def is_design(self) -> bool:
        """Whether the file is a design (or empty); anything else needs the user's word before editing."""
        return self.document.is_design

    @property
    def read_only(self) -> bool:
        """Whether the file exists and may not be written (saving would need the user's word)."""
        return read_only(self.path)

    @property
    def folder_writable(self) -> bool:
        """Whether a save can put its temporary file beside the (symlink-resolved) file."""
        return os.access(destination(self.path).parent, os.W_OK)

    @classmethod
    def create(cls, path: Path, title: str, eqf_level: int | None, ects: float | None, framework: str) -> EditorState:
        """A new design at `path` (not written yet). Raises SettingsError when its folder's settings cannot be used."""
        settings, limits = editor_settings(path)
        state = cls(path, "", limits, settings)
        doc = state.document
        doc.set(("course", "title"), title)
        if eqf_level is not None:
            doc.set(("course", "eqf_level"), eqf_level)
        if ects is not None:
            doc.set(("course", "ects"), int(ects) if float(ects).is_integer() else ects)
        doc.set(("course", "framework"), framework)
        state.saved_text = ""
        state._dirty = True
        return state

    # Text and dirtiness
    def text(self) -> str:
        return self.document.text()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _touch(self) -> None:
        self.version += 1
        self._dirty = True

    # Editing with undo
    def _snapshot(self, field: DataPath | None = None) -> None:
        """Push the current text for undo; typing in one field in a burst is one step."""
        now = time.monotonic()
        last_field, last_time = self._last_edit
        self._last_edit = (field, now)
        if field is not None and field == last_field and now - last_time < UNDO_COALESCE_SECONDS:
            self._touch()
            return
        self.undo_stack.append(self.text())
        del self.undo_stack[:-UNDO_DEPTH]
        self.redo_stack.clear()
        self._touch()

    def set(self, path: DataPath, value: Any) -> bool:
        """Set one field; returns whether anything changed."""
        if self.document.get(path) == value or (value in (None, "") and self.document.get(path) is None):
            return False
        self._snapshot(path)
        self.document.set(path, value)
        return True

    def set_bodies(self, bodies: list[dict[str, Any]]) -> bool:
        before = self.document.get(("course", "awarding_bodies"))
        plain = [dict(b) for b in before] if isinstance(before, list) else None
        wanted = [{k: v for k, v in b.items()} for b in bodies]
        if plain == wanted or (not wanted and plain is None):
            return False
        self._snapshot(("course", "awarding_bodies"))
        self.document.set_bodies(bodies)
        return True

    def add_item(self, section: str, values: dict[str, Any] | None = None) -> int:
        self._snapshot()
        return self.document.add_item(section, values)

    def duplicate_item(self, section: str, index: int) -> int:
        self._snapshot()
        return self.document.duplicate_item(section, index)

    def remove_item(self, section: str, index: int) -> None:
        self._snapshot()
        self.document.remove_item(section, index)

    def move_item(self, section: str, index: int, delta: int) -> int:
        target = index + delta
        if not 0 <= target < len(self.document.section(section)):
            return index
        self._snapshot()
        return self.document.move_item(section, index, delta)

    def rename_id(self, old: str, new: str) -> int:
        if old == new:
            return 0
        before = self.text()
        count = self.document.rename_id(old, new)  # raises DocumentError before changing anything
        self.undo_stack.append(before)
        self.redo_stack.clear()
        self._last_edit = (None, 0.0)
        self._touch()
        return count

    def undo(self) -> bool:
        if not self.undo_stack:
            return False
        self.redo_stack.append(self.text())
        self._restore_text(self.undo_stack.pop())
        return True

    def redo(self) -> bool:
        if not self.redo_stack:
            return False
        self.undo_stack.append(self.text())
        self._restore_text(self.redo_stack.pop())
        return True

    def _restore_text(self, text: str) -> None:
        self.document = DesignDocument(text, self.limits)
        self.version += 1
        self._dirty = text != self.saved_text
        self._last_edit = (None, 0.0)

    # Validation
    def validate(self) -> Validation:
        """Lint the document now, on this thread."""
        self.validation = self.validation_job()()
        return self.validation

    def validation_job(self) -> Callable[[], Validation]:
        """Take the snapshot now (on the UI thread) and return the lint of it, safe to run on a worker.

        A snapshot that fails gives a job returning one ST000 finding: the editor and the edits stay.
        """
        path, version, suppressions = str(self.path), self.version, self.document.suppressions
        catalogue, settings = self.catalogue, self.settings
        try:
            data, source = self.document.snapshot()
        except Exception as exc:
            failed = failed_validation(exc, path, version)
            return lambda: failed
        return lambda: validate_snapshot(data, source, path, version, suppressions, catalogue, settings)

    def for_render(self) -> Result:
        """The current validation's result, carrying the text being rendered (its hash heads the spec).

        The text is the design as it would be saved, read as the linter reads
        it (without a byte-order mark), so the hash matches `designer render` on the saved file.
        The findings are the design's own: `designer render FILE` gates on those, not on the catalogue's.
        """
        if not self.validation_is_current:
            self.validate()
        assert self.validation is not None
        result = self.validation.result
        if self.validation.own_findings is not None:
            result = dataclasses.replace(result, findings=list(self.validation.own_findings))
        result.loaded.text = self.text().removeprefix(BOM)
        return result

    @property
    def validation_is_current(self) -> bool:
        return self.validation is not None and self.validation.version == self.version

    @property
    def framework(self) -> Framework | None:
        return self.validation.result.framework if self.validation else None

    @property
    def catalogue_choices(self) -> CatalogueChoices | None:
        """What the design's catalogue offers as of the last validation (None outside a catalogue, or before one)."""
        return self.validation.catalogue if self.validation else None

    def findings(self, stage: str | None = None) -> list[Finding]:
        if self.validation is None:
            return []
        if stage is None:
            return list(self.validation.result.findings)
        return list(self.validation.by_stage.get(stage, []))

    def stage_status(self, stage: str) -> StageStatus:
        findings = self.findings(stage) if stage != "review" else self.findings()
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = sum(1 for f in findings if f.severity.value == "warning")
        locked = self.locked_reason(stage)
        if stage in ("outcomes", "summative", "formative", "content") and not self.document.section(stage):
            return StageStatus("empty", errors, warnings, locked)
        if stage == "course" and not self.document.get(("course",)):
            return StageStatus("empty", errors, warnings, locked)
        state = "errors" if errors else ("warnings" if warnings else "complete")
        return StageStatus(state, errors, warnings, locked)

    def locked_reason(self, stage: str) -> str | None:
        """Why a stage is not open yet in the backward-design walk (None when open).

        A stage that already has items is always open: an existing file may be
        edited at any stage, and nothing is ever hidden from an expert.
        """
        doc = self.document
        if stage in ("outcomes", "summative", "formative", "content") and doc.section(stage):
            return None
        if stage == "summative" and not doc.section("outcomes"):
            return "Write at least one learning outcome first: the summative assessment proves the outcomes."
        if stage == "formative" and not doc.section("summative"):
            return "Add a summative component first: formative checkpoints prepare learners for it."
        if stage == "content":
            if not doc.section("summative"):
                return "Plan the summative assessment first: content comes last in backward design."
            unassessed = self.unassessed_outcomes()
            if unassessed:
                return f"Assess every outcome first (not yet assessed: {', '.join(unassessed)}); content comes last."
        return None

    def first_stage(self) -> str:
        """The first stage that needs work, so an existing file opens where it was left off."""
        doc = self.document
        if not doc.get(("course", "title")):
            return "course"
        for stage in SECTIONS:
            if not doc.section(stage):
                return stage
        return "review"

    def references_to(self, ident: str) -> int:
        """How many references (outcomes, prepares, checkpoints) point at the item `ident`."""
        count = 0
        for section in SECTIONS:
            for item in self.document.section(section):
                if not isinstance(item, dict):
                    continue
                for field_name in REFERENCES:
                    refs = item.get(field_name)
                    if isinstance(refs, list):
                        count += refs.count(ident)
        return count

    def unassessed_outcomes(self) -> list[str]:
        assessed = {
            ref
            for item in self.document.section("summative")
            if isinstance(item, dict)
            for ref in item.get("outcomes") or []
        }
        return [
            str(item.get("id"))
            for item in self.document.section("outcomes")
            if isinstance(item, dict) and item.get("id") and item.get("id") not in assessed
        ]

    def workload(self) -> Workload | None:
        """The workload as the document stands now, against the last validation's framework (None before one).

        Built by the same `Workload` the rules and the renderer read, from the document's raw values.
        """
        from designer.model.workload import Workload

        framework = self.framework
        if framework is None:
            return None
        doc = self.document
        # An entry that is not a mapping is no item of the plan (the linter replaces it and reports ST006).
        hours = {
            section: [item.get("hours") for item in doc.section(section) if isinstance(item, dict)]
            for section in WORKLOAD_SECTIONS
        }
        return Workload.of(framework, hours, doc.get(("course", "ects")), doc.get(("course", "hours_per_ects")))

    # Files
    def changed_on_disk(self) -> bool:
        """Whether the file changed since we opened or last saved it."""
        now = DiskSignature.of(self.path)
        if self.disk is None:
            return now is not None
        if now is None:
            return False  # deleted: saving recreates it
        return now.digest != self.disk.digest

    def save(self, force: bool = False) -> None:
        """Write the design to its file; a read-only file raises PermissionError unless `force`.

        DocumentError when the text would not read back as the same design (nothing is written).
        """
        text = self.document.text_to_save()
        write_atomic(self.path, text, force=force)
        self.saved_text = text
        self._dirty = False
        self.disk = DiskSignature.of(self.path)
        self.discard_recovery()

    def save_as(self, path: Path, force: bool = False) -> str | None:
        """Write the design to another file, which becomes the one being edited.

        The new folder's lint settings apply from now on, as `designer lint` would read them there.
        Returns why they cannot be used (the previous settings then stay), else None.
        """
        old = self.path
        text = self.document.text_to_save()
        write_atomic(path, text, force=force)
        problem = None
        try:
            self.settings, self.limits = editor_settings(path)
        except SettingsError as exc:
            problem = str(exc)
        moved = CatalogueSession.around(path, self.settings)
        if (
            moved is None
            or self.catalogue is None
            or moved.catalogue != self.catalogue.catalogue
            or moved.settings != self.catalogue.settings
        ):
            self.catalogue = moved  # another catalogue or settings, or none: what the session read no longer applies
        self.path = path
        self.saved_text = text
        self._dirty = False
        self.disk = DiskSignature.of(path)
        with contextlib.suppress(OSError):
            os.unlink(recovery_path(old))
        return problem

    def reload(self) -> None:
        text = read_design_text(self.path, self.limits)
        document = DesignDocument(text, self.limits)
        self._snapshot()
        self.document = document
        self.saved_text = text
        self._dirty = False
        self.disk = DiskSignature.of(self.path)

    def write_recovery(self) -> bool:
        """Write the unsaved text beside the file; returns whether a copy was written."""
        if not self.dirty:
            return False
        write_atomic(recovery_path(self.path), self.text())
        self.last_recovery = time.time()
        return True

    def pending_recovery(self) -> str | None:
        """Text of a recovery copy left by an interrupted session, if it differs from the file."""
        copy = recovery_path(self.path)
        if not copy.exists():
            return None
        try:
            text = read_design_text(copy, self.limits)
        except (OSError, DocumentError):
            return None
        if text == self.saved_text:
            self.discard_recovery()
            return None
        return text

    def restore(self, text: str) -> None:
        try:
            document = DesignDocument(text, self.limits)
        except DocumentError:
            return
        self._snapshot()
        self.document = document
        self._dirty = text != self.saved_text

    def discard_recovery(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(recovery_path(self.path))
