"""The Jinja2 environments that turn a `Document` into HTML or Markdown.

Templates are found first in an institution's folder (`--template DIR`), then
in the shipped `templates/` folder, so an institution overrides one partial
without copying the rest; `shipped/NAME` always names the shipped file, so an
override can extend the original. Templates from an institution's folder run
in Jinja2's sandbox. Every environment uses StrictUndefined: a misspelt name
is an error, never an empty cell.
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
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
        loaders.insert(0, jinja2.FileSystemLoader(template_dir))
        factory = ImmutableSandboxedEnvironment
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
    return env


def _where(exc: BaseException) -> str:
    """`template:line` of the innermost template frame, from the traceback Jinja2 rewrites."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}: "
    return ""


def render_document(document: Document, fmt: str, template_dir: Path | None = None) -> str:
    """Render `document` with the base template of `fmt`; template problems raise TemplateError."""
    env = make_environment(fmt, template_dir)
    try:
        template = env.get_template(base_template(fmt))
        return template.render(doc=document)
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
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # An institution's template can divide by zero or index past the end like any code.
        raise TemplateError(f"template failed: {_where(exc)}{type(exc).__name__}: {exc}") from None
