"""`designer export`: a design (or a catalogue's designs) as a credential document, and `--check` of such documents.

A design is linted first, as `designer render` does, through the same gate: with errors
nothing is exported (exit 1) unless --draft. Documents go to stdout or, atomically, to
-o; a catalogue folder writes one `<name>.<format>.jsonld` per design into -o FOLDER, and one
`<stack-id>.stack.<format>.jsonld` per stack whose courses were all exported.
`--check` validates documents offline: FILE.json/.jsonld are read and checked as they
are; with a design, its export is checked after it is written.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.errors import Exit, UsageError
from designer.printable import printable

if TYPE_CHECKING:
    from designer.export.common import Member, StackPlan, Violation
    from designer.frameworks import Framework
    from designer.model.catalogue_loader import LoadedCatalogue
    from designer.model.design import Design
    from designer.render.command import CatalogueLintView
    from designer.rules.engine import Result

# Files `--check` reads as documents rather than designs.
DOCUMENT_SUFFIXES = (".json", ".jsonld")
FORMAT_NAMES = {"elm": "European Learning Model", "ob3": "Open Badges 3.0"}


def is_document(path: str) -> bool:
    return path.lower().endswith(DOCUMENT_SUFFIXES)


def run(paths: list[str], fmt: str | None, output: str | None, draft: bool, credential: bool, check: bool) -> int:
    """The command: check documents, or export one design or catalogue folder; the exit code."""
    if check and all(is_document(path) for path in paths):
        if output is not None:
            raise UsageError("-o is for exports; --check of documents prints its findings")
        return check_files(paths, fmt)
    if any(is_document(path) for path in paths):
        raise UsageError("give --check to validate .json/.jsonld documents (designs are .yaml files)")
    if len(paths) != 1:
        raise UsageError("export one design or one catalogue folder at a time")
    if fmt is None:
        raise UsageError(
            "choose the standard: --format elm (European Learning Model) or --format ob3 (Open Badges 3.0)"
        )
    from designer.model.catalogue import CATALOGUE_FILE

    path = Path(paths[0])
    if path.is_dir() and (path / CATALOGUE_FILE).is_file():
        return export_catalogue(path, fmt, output, draft, credential, check)
    return export_file(paths[0], fmt, output, draft, credential, check)


def _exporter(fmt: str) -> Any:
    from designer.export import module

    try:
        return module(fmt)
    except ModuleNotFoundError:
        raise UsageError(f"this installation of designer cannot export {FORMAT_NAMES.get(fmt, fmt)}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def build(fmt: str, design: Design, framework: Framework, credential: bool, key: str) -> dict[str, Any]:
    """The document of one design; `key` (the file's stem) names its ids when the design has no code."""
    from designer.export.common import ExportError

    exporter = _exporter(fmt)
    try:
        document: dict[str, Any] = exporter.export_design(design, framework, credential=credential, key=key)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    return document


def _gate(result: Result, shown: str, draft: bool) -> bool:
    """Whether the design may be exported; else its errors (or why it did not load) go to stderr."""
    # The lint-line format and the gate's wording are render's: one gate for both commands.
    from designer.render import errors_of
    from designer.render.command import lint_line

    errors = errors_of(result)
    if result.context is not None and (draft or not errors):
        return True
    for finding in errors:
        print(lint_line(finding), file=sys.stderr)
    if result.context is None:
        print(f"designer: {printable(shown)}: the design could not be loaded; nothing exported", file=sys.stderr)
    else:
        count = len(errors)
        print(
            f"designer: {printable(shown)}: {count} error{'' if count == 1 else 's'}; nothing exported "
            "(fix them, or use --draft to export it anyway)",
            file=sys.stderr,
        )
    return False


def _readiness(result: Result) -> None:
    """Say on stderr which fields the format needs that the design lacks (its EX findings): exported anyway."""
    from designer.render.command import lint_line

    missing = [finding for finding in result.findings if finding.code.startswith("EX")]
    for finding in missing:
        print(lint_line(finding), file=sys.stderr)


def _draft_note(result: Result, shown: str) -> None:
    from designer.render import errors_of

    count = len(errors_of(result))
    if count:
        print(
            f"designer: exported {printable(shown)} as a DRAFT with {count} open error{'' if count == 1 else 's'}",
            file=sys.stderr,
        )


def export_file(file: str, fmt: str, output_path: str | None, draft: bool, credential: bool, check: bool) -> int:
    """Lint `file` and write its document to `output_path` (None or '-': stdout); the exit code."""
    from designer.export.common import dumps
    from designer.render.command import input_file, lint_here, output_file, write_output
    from designer.rules.registry import export_codes

    source = input_file(file)
    output = output_file(output_path)
    _exporter(fmt)
    result, _ = lint_here(source, opt_in=export_codes(fmt))
    if not _gate(result, file, draft):
        return Exit.FINDINGS
    _readiness(result)
    assert result.context is not None  # the gate let only a loaded design through
    document = build(fmt, result.context.design, result.context.framework, credential, source.stem)
    text = dumps(document)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_output(output, text)
    _draft_note(result, file)
    if check:
        return _report_check(file, fmt, document)
    return Exit.OK


def _folder(raw: str | None) -> Path:
    """The folder a catalogue's documents go to: made when missing (its parent must exist), refused when a file."""
    from designer.render.command import output_folder

    return output_folder(raw, "a catalogue exports one document per design: give -o FOLDER", "the documents")


def document_name(source: str, fmt: str) -> str:
    """The file a catalogue design's document is written to: its path in the catalogue, `/` as `-`, + .FMT.jsonld."""
    stem = Path(source).with_suffix("").as_posix().replace("/", "-")
    return f"{stem}.{fmt}.jsonld"


def export_catalogue(
    folder: Path, fmt: str, output_path: str | None, draft: bool, credential: bool, check: bool
) -> int:
    """Export every design of the catalogue in `folder` into the folder `output_path`; the exit code.

    0 all exported, 1 a design has errors (it is skipped without `draft`) or a document
    breaks its standard (with `check`), 2 a usage problem or an unreadable design.
    """
    from designer.export.common import Member
    from designer.model.catalogue import CATALOGUE_FILE
    from designer.render.command import lint_catalogue, settings_here, usable_catalogue
    from designer.rules.registry import export_codes

    target = _folder(output_path)
    _exporter(fmt)
    settings, limits = settings_here(folder)
    settings.opt_in = export_codes(fmt)
    loaded = usable_catalogue(folder, limits, "exported")
    if loaded is None:
        return Exit.USAGE
    view = lint_catalogue(folder, loaded, settings)
    written: list[str] = []
    blocked: list[str] = []
    exported: dict[str, Member] = {}
    failing = False
    for design in view.designs:
        shown = str(folder / design.source)
        if design.result.loaded.unreadable:
            continue
        if not _gate(design.result, shown, draft):
            blocked.append(design.source)
            continue
        _readiness(design.result)
        context = design.result.context
        assert context is not None
        key = Path(design.source).stem
        document = build(fmt, context.design, context.framework, credential, key)
        name = document_name(design.source, fmt)
        failing = _write_document(target, name, fmt, document, check) or failing
        written.append(name)
        _draft_note(design.result, shown)
        code = (context.design.course.code or "").strip()
        if code:
            exported.setdefault(code, Member(context.design, context.framework, key))
    courses = len(written)
    stacks, skipped = _stack_plans(folder, loaded, view, exported)
    for plan in stacks:
        name = stack_document_name(plan.stack.id or "", fmt)
        if name in written:
            print(
                f"designer: {printable(str(folder / CATALOGUE_FILE))}: stack {printable(plan.stack.id or '')} "
                f"not exported: {name} is a design's document",
                file=sys.stderr,
            )
            skipped += 1
            continue
        document = build_stack(fmt, plan, credential)
        failing = _write_document(target, name, fmt, document, check) or failing
        written.append(name)
    count = len(written)
    print(
        f"designer: wrote {count} document{'' if count == 1 else 's'} "
        f"({courses} course{'' if courses == 1 else 's'}, {count - courses} stack{'' if count - courses == 1 else 's'}) "
        f"to {target}",
        file=sys.stderr,
    )
    if blocked:
        print(
            f"designer: {len(blocked)} design{'' if len(blocked) == 1 else 's'} not exported: "
            + ", ".join(printable(source) for source in blocked),
            file=sys.stderr,
        )
    unreadable = view.unreadable
    for path in unreadable:
        print(f"designer: {printable(path)}: cannot read the design; nothing exported", file=sys.stderr)
    if unreadable:
        return Exit.USAGE
    return Exit.FINDINGS if blocked or failing or skipped else Exit.OK


def _write_document(target: Path, name: str, fmt: str, document: dict[str, Any], check: bool) -> bool:
    """Write one document of a catalogue atomically into `target`; True when `check` finds it breaks its standard."""
    from designer.export.common import dumps
    from designer.model.atomic import write_atomic

    try:
        write_atomic(target / name, dumps(document), sync=False)
    except OSError as exc:
        raise UsageError(f"cannot write {target / name}: {exc.strerror or exc}") from None
    return check and _report_check(str(target / name), fmt, document) != Exit.OK


def stack_document_name(stack_id: str, fmt: str) -> str:
    """The file a catalogue stack's document is written to: its id (characters a file name may not carry as `-`)
    + .stack.FMT.jsonld."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", stack_id.strip()) + f".stack.{fmt}.jsonld"


def build_stack(fmt: str, plan: StackPlan, credential: bool) -> dict[str, Any]:
    """The document of one catalogue stack."""
    from designer.export.common import ExportError

    try:
        document: dict[str, Any] = _exporter(fmt).export_stack(plan, credential=credential)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    return document


def _stack_plans(
    folder: Path, loaded: LoadedCatalogue, view: CatalogueLintView, exported: dict[str, Member]
) -> tuple[list[StackPlan], int]:
    """The catalogue's stacks whose every course was exported, and how many were skipped (each said on stderr).

    A stack points at each course it lists by that course's document ids, so it is exported only with all of
    them, electives too: leaving an elective out would change the credential's rule, and naming it would point
    at a document the issuing platform never gets.
    """
    from designer.export.common import StackPlan
    from designer.graph.catalogue import stack_credits
    from designer.model.catalogue import CATALOGUE_FILE

    catalogue = loaded.catalogue
    assert catalogue is not None  # load_catalogue returned it
    shown = printable(str(folder / CATALOGUE_FILE))
    plans: list[StackPlan] = []
    skipped = 0
    for index, stack in enumerate(catalogue.stacks):
        ident = (stack.id or "").strip()
        label = f"stack {printable(ident)}" if ident else f"stack {index + 1}"
        listed = list(dict.fromkeys(code.strip() for code in [*stack.required, *stack.electives] if code.strip()))
        missing = [code for code in listed if code not in exported]
        reason = None
        if not ident:
            reason = "it has no id to name its document"
        elif not listed:
            reason = "it lists no course"
        elif missing:
            reason = (
                "its course"
                + ("s " if len(missing) > 1 else " ")
                + ", ".join(printable(c) for c in missing)
                + (" were" if len(missing) > 1 else " was")
                + " not exported"
            )
        if reason is not None:
            print(f"designer: {shown}: {label} not exported: {reason}", file=sys.stderr)
            skipped += 1
            continue
        required = tuple(dict.fromkeys(exported[c.strip()] for c in stack.required if c.strip()))
        electives = tuple(
            member
            for member in dict.fromkeys(exported[c.strip()] for c in stack.electives if c.strip())
            if member not in required
        )
        credits = None
        if view.graph is not None and loaded.data is not None:
            figures = stack_credits(view.graph, loaded.data, index)
            if figures.complete and figures.needed is not None:
                credits = figures.needed - figures.required
        plans.append(StackPlan(stack, catalogue.catalogue, required, electives, credits, tuple(exported.values())))
    return plans, skipped


def _report_check(shown: str, fmt: str, document: dict[str, Any]) -> int:
    """Check an exported document; its violations go to stderr (stdout may carry the document)."""
    violations = _check(fmt, document, shown)
    for violation in violations:
        print(f"{printable(shown)}: {printable(str(violation))}", file=sys.stderr)
    if violations:
        print(
            f"designer: {printable(shown)}: {len(violations)} violation{'' if len(violations) == 1 else 's'} "
            f"of {FORMAT_NAMES.get(fmt, fmt)}",
            file=sys.stderr,
        )
        return Exit.FINDINGS
    return Exit.OK


def _check(fmt: str, document: dict[str, Any], shown: str) -> list[Violation]:
    from designer.export.common import ExportError

    try:
        violations: list[Violation] = _exporter(fmt).check(document)
    except ExportError as exc:
        raise UsageError(f"{shown}: {exc}") from None
    return violations


def read_document(path: str) -> Any:
    """The parsed JSON of `path`; UsageError naming file:line:col for text that is not JSON."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a document") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise UsageError(f"{path}: nested too deeply to read") from None


def check_one(path: str, fmt: str | None) -> list[Violation]:
    """The violations of one document file (UsageError when it cannot be read or told apart)."""
    from designer.export import detect

    document = read_document(path)
    found = fmt or detect(document)
    if found is None:
        raise UsageError(
            f"{path}: neither an ELM nor an Open Badges 3.0 document (no known @context or type); "
            "name the standard with --format"
        )
    if not isinstance(document, dict):
        raise UsageError(f"{path}: a {FORMAT_NAMES[found]} document is a JSON object")
    return _check(found, document, path)


def check_files(paths: list[str], fmt: str | None) -> int:
    """`designer export --check FILE...`: one line per violation (or `FILE: conforms`) on stdout; the exit code.

    A file that cannot be read costs that file's result, not the run's: exit 2 at the end.
    """
    unreadable = failing = False
    for path in paths:
        try:
            violations = check_one(path, fmt)
        except UsageError as exc:
            print(f"designer: {printable(str(exc))}", file=sys.stderr)
            unreadable = True
            continue
        except Exception as exc:  # a bug must cost this file's result only, never a traceback
            print(
                f"designer: {printable(path)}: internal error: {type(exc).__name__}: {printable(str(exc))}",
                file=sys.stderr,
            )
            unreadable = True
            continue
        if not violations:
            print(f"{printable(path)}: conforms")
        for violation in violations:
            print(f"{printable(path)}: {printable(str(violation))}")
        failing = failing or bool(violations)
    sys.stdout.flush()
    if unreadable:
        return Exit.USAGE
    return Exit.FINDINGS if failing else Exit.OK
