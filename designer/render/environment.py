"""The Jinja2 environments that turn a `Document` into HTML or Markdown.

Templates are found first in an institution's folder (`--template DIR`), then
in the shipped `templates/` folder, so an institution overrides one partial
without copying the rest; `shipped/NAME` always names the shipped file, so an
override can extend the original. Every environment uses StrictUndefined: a
misspelt name is an error, never an empty cell.

Templates from an institution's folder are code from outside the program, so
they run in Jinja2's sandbox, may not reach outside their folder through a
symbolic link, and get a budget of time and output size for each render (the
framework's `limits`): a template that loops or multiplies text without end
stops with an error naming the template and line.
"""

from __future__ import annotations

import os
import posixpath
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from types import FrameType, GeneratorType
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from designer.paths import data_dir
from designer.render import TemplateError
from designer.render.filters import FINALIZE, register

if TYPE_CHECKING:
    from designer.render.context import Document

SHIPPED_PREFIX = "shipped"


def shipped_templates() -> Path:
    return data_dir("templates")


def base_template(fmt: str) -> str:
    """The template a document of format `fmt` starts from."""
    return f"base.{fmt}.j2"


def make_environment(fmt: str, template_dir: Path | None = None) -> jinja2.Environment:
    """The environment for one output format, optionally with an institution's template folder first."""
    return _environment(fmt, str(Path(template_dir).resolve()) if template_dir is not None else None)


@lru_cache(maxsize=16)
def _environment(fmt: str, template_dir: str | None) -> jinja2.Environment:
    shipped = jinja2.FileSystemLoader(str(shipped_templates()))
    loaders: list[jinja2.BaseLoader] = [shipped, jinja2.PrefixLoader({SHIPPED_PREFIX: shipped})]
    factory: type[jinja2.Environment] = jinja2.Environment
    if template_dir is not None:
        loaders.insert(0, _FolderLoader(template_dir))
        factory = _BudgetedSandbox
    env = factory(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=fmt == "html",
        finalize=FINALIZE[fmt],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    register(env.filters, fmt)
    if isinstance(env, _BudgetedSandbox):
        env.filters = {name: _budgeted(function) for name, function in env.filters.items()}
    return env


class _FolderLoader(jinja2.FileSystemLoader):
    """An institution's template folder: a template that resolves outside the folder (a symlink) is refused."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = Path(folder)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        filename = posixpath.join(self.folder, *split_template_path(template))
        if os.path.isfile(filename):
            target = Path(filename).resolve()
            if not target.is_relative_to(self.folder):
                raise TemplateError(
                    f"template {template} in {self.folder} links to {target}, outside the template folder; "
                    "refused (copy the file into the folder instead)"
                )
        return super().get_source(environment, template)


class TemplateLimitError(jinja2.TemplateRuntimeError):
    """A user template ran past its time or size budget."""


@dataclass
class _Budget:
    """What one render of user templates may still use."""

    deadline: float
    seconds: int
    max_chars: int

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(
                f"rendering took longer than {self.seconds} s (limits.max_template_seconds in the framework)"
            )

    def fits(self, size: int) -> None:
        if size > self.max_chars:
            raise TemplateLimitError(
                f"a value of {size} characters is larger than the {self.max_chars} characters allowed "
                "(limits.max_template_output_chars in the framework)"
            )

    def output(self, size: int) -> None:
        if size > self.max_chars:
            raise TemplateLimitError(
                f"the output grew past the {self.max_chars} characters allowed "
                "(limits.max_template_output_chars in the framework)"
            )

    def check(self, value: Any) -> Any:
        """`value` unchanged, once its size is known to fit."""
        if isinstance(value, str | bytes | list | tuple | dict):
            self.fits(len(value))
        return value

    def arguments(self, args: Iterable[Any]) -> None:
        """Refuse a number that would make a value larger than the budget (a width, a count) before any work."""
        for arg in args:
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > self.max_chars:
                self.fits(abs(arg))


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)
# Check the clock once every so many loop turns: often enough to stop within the budget, cheap enough not to show.
_TICK_EVERY = 256


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:
        raise TemplateLimitError("a user template ran outside a budgeted render")
    return budget


def _budgeted(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that keeps to the render's budget (Jinja2 calls filters directly, not through the sandbox)."""

    @wraps(function)
    def budgeted(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        budget.arguments((*args, *kwargs.values()))
        return budget.check(function(*args, **kwargs))

    return budgeted


class _BudgetedCode(CodeGenerator):
    """Compiles user templates so that loops turn the budget's clock and `~` joins are measured."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not node.recursive:
            node.iter = nodes.Call(nodes.EnvironmentAttribute("budgeted_iter"), [node.iter], [], None, None)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.budgeted_value(")
        super().visit_Concat(node, frame)
        self.write(")")


class _BudgetedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with a budget: every call, operator, filter, loop and joined text is measured."""

    code_generator_class = _BudgetedCode
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.tick()
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, str | bytes | list | tuple) and isinstance(count, int):
                    budget.fits(len(sequence) * count)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            # The result has about right * bits(left) bits; refuse it before Python spends minutes computing it.
            budget.fits(right * abs(left).bit_length() // 3)
        elif operator == "%":
            budget.arguments(right if isinstance(right, tuple) else (right,))
        return budget.check(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        budget.arguments((*args, *kwargs.values()))
        return budget.check(super().call(__context, __obj, *args, **kwargs))

    def concat(self, parts: Iterable[str]) -> str:
        """Join a block's output, measuring it first."""
        pieces = list(parts)
        _budget().fits(sum(len(piece) for piece in pieces))
        return "".join(pieces)

    def budgeted_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        budget = _budget()
        for turn, item in enumerate(iterable):
            if turn % _TICK_EVERY == 0:
                budget.tick()
            yield item

    def budgeted_value(self, value: Any) -> Any:
        return _budget().check(value)


def _where(exc: BaseException) -> str:
    """`template:line` of the innermost template frame, from the traceback Jinja2 rewrites."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}: "
    return ""


def render_document(
    document: Document, fmt: str, template_dir: Path | None = None, limits: Mapping[str, int] | None = None
) -> str:
    """Render `document` with the base template of `fmt`; template problems raise TemplateError.

    With a `template_dir`, the render keeps to `limits` (max_template_seconds,
    max_template_output_chars; by default the built-in framework's).
    """
    return render_template(base_template(fmt), fmt, template_dir, limits, doc=document)


def render_template(
    name: str, fmt: str, template_dir: Path | None = None, limits: Mapping[str, int] | None = None, **variables: Any
) -> str:
    """Render the template `name` of format `fmt` with `variables`, as `render_document` renders a specification.

    The catalogue's pages go through here too, so an institution's templates
    keep to the same sandbox, budget and error messages wherever they are used.
    """
    env = make_environment(fmt, template_dir)
    token = _BUDGET.set(_new_budget(limits) if template_dir is not None else None)
    try:
        template = env.get_template(name)
        if template_dir is None:
            return template.render(**variables)
        return _generate(template, variables)
    except TemplateLimitError as exc:
        raise TemplateError(f"template stopped: {_where(exc)}{exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"template blocked by the sandbox: {_where(exc)}{exc}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template uses an undefined name: {_where(exc)}{exc}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template error: {_where(exc)}{exc}") from None
    except RecursionError:
        raise TemplateError("template failed: it calls itself (a macro or include) without end") from None
    except MemoryError:
        raise TemplateError("template failed: it needs more memory than this machine has") from None
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # An institution's template can divide by zero or index past the end like any code.
        raise TemplateError(f"template failed: {_where(exc)}{type(exc).__name__}: {exc}") from None
    finally:
        _BUDGET.reset(token)


def _new_budget(limits: Mapping[str, int] | None) -> _Budget:
    if limits is None:
        from designer.frameworks import load_framework

        limits = load_framework().limits
    seconds = limits["max_template_seconds"]
    return _Budget(time.monotonic() + seconds, seconds, limits["max_template_output_chars"])


def _generate(template: jinja2.Template, variables: Mapping[str, Any]) -> str:
    """The output of a user template, stopped as soon as it outgrows the budget, naming the line that wrote last."""
    budget = _budget()
    output = template.generate(**variables)
    pieces: list[str] = []
    size = 0
    for piece in output:
        size += len(piece)
        try:
            budget.output(size)
            budget.tick()
        except TemplateLimitError as exc:
            raise TemplateLimitError(f"{_writing(output)}{exc}") from None
        pieces.append(piece)
    return "".join(pieces)


def _writing(output: Iterator[str]) -> str:
    """`template:line: ` where the suspended render last yielded output, or nothing when that is unknown.

    Jinja2 yields an included template's output from a loop over a generator
    it keeps in the local `gen`, and a block's with `yield from`; the
    innermost suspended frame is the template that wrote, and the compiled
    module's `debug_info` maps its Python line to the template line.
    """
    frame: FrameType | None = None
    current: object = output
    while isinstance(current, GeneratorType) and current.gi_frame is not None:
        frame = current.gi_frame
        current = current.gi_yieldfrom or frame.f_locals.get("gen")
    if frame is None or not frame.f_code.co_filename.endswith(".j2"):
        return ""
    lines = [tuple(map(int, pair.split("="))) for pair in str(frame.f_globals.get("debug_info", "")).split("&") if pair]
    template_line = max((t for t, code in lines if code <= frame.f_lineno), default=None)
    name = frame.f_globals.get("name") or frame.f_code.co_filename
    return f"{name}:{template_line}: " if template_line else f"{name}: "
