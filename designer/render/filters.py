"""Every filter the specification templates use, registered in one place (`register`).

Both formats share the number and list filters. HTML relies on Jinja2's
autoescape; Markdown has no autoescape of its own, so its environment runs
every printed value through `md_finalize`, which escapes what would break a
table or let raw HTML through (GitHub renders raw HTML). Text a filter builds
as Markdown on purpose is an `MdSafe` string and is not escaped again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup

from designer.model.figures import fmt

MISSING = "not given"
EMPTY = "—"


class MdSafe(str):
    """Markdown that a filter built on purpose: printed as is."""

    __slots__ = ()


_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# Characters that start a block (heading, quote, list, rule) when they open a line.
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`|\\]+$")
# A plain address (local@domain.tld): nothing that could end an attribute, start a query or a header.
_SAFE_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%*+/=^_{}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def number(value: float | int | None) -> str:
    """A figure as a reader writes it: 84, 82.5."""
    if value is None:
        return EMPTY
    return fmt(float(value))


def hours(value: float | int | None) -> str:
    return EMPTY if value is None else f"{number(value)} h"


def percent(value: float | int | None) -> str:
    """A value already in percent: 60 -> 60%."""
    return EMPTY if value is None else f"{number(value)}%"


def ids(values: Iterable[str] | None) -> str:
    """Item ids as a list: LO1, LO2."""
    items = [v for v in values or () if v]
    return ", ".join(items) if items else EMPTY


def week(value: int | None) -> str:
    return "unscheduled" if value is None else f"Week {value}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return EMPTY
    return "yes" if value else "no"


def safe_url(value: str | None) -> str | None:
    """The address if it is a plain http(s) URL, else None (no javascript: links in a document)."""
    if value and _SAFE_URL.match(value):
        return value
    return None


def safe_email(value: str | None) -> str | None:
    """The address if it is a plain e-mail address (fit for a mailto: link), else None."""
    if value and _SAFE_EMAIL.match(value.strip()):
        return value.strip()
    return None


def slug(value: str | None) -> str:
    """A fragment identifier for an id: 'LO 1' -> 'lo-1'."""
    return re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-") or "item"


def _escape_block_marker(match: re.Match[str]) -> str:
    # "# x" -> "\# x", "1. x" -> "1\. x": the text stays a paragraph, never a heading or list.
    lead, marker = match.group(1), match.group(2)
    return f"{lead}{marker[:-1]}\\{marker[-1]}"


def md_escape(value: Any) -> MdSafe:
    """Text made inert for Markdown: one line, HTML as entities, Markdown punctuation escaped."""
    if isinstance(value, MdSafe):
        return value
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(_escape_block_marker, text)
    return MdSafe(text)


def md_code(value: Any) -> MdSafe:
    """A code span; only the pipe needs escaping (inside a table), the rest is shown literally."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return MdSafe(f"{fence}{pad}{text}{pad}{fence}")


def md_url(value: str | None) -> MdSafe:
    """An autolink for a plain http(s) address, else the escaped text."""
    url = safe_url(value)
    return MdSafe(f"<{url}>") if url else md_escape(value or "")


def md_link(text: Any, href: str | None) -> MdSafe:
    """`[text](href)` with the text escaped; just the text when there is no address.

    `href` is a relative path the site built and percent-encoded (no spaces,
    parentheses or pipes), so it needs no escaping of its own.
    """
    label = md_escape(text)
    return MdSafe(f"[{label}]({href})") if href else label


def md_given(value: Any) -> MdSafe:
    if value is None or value == "" or value == ():
        return MdSafe(f"*{MISSING}*")
    return md_escape(value)


def html_given(value: Any) -> Any:
    if value is None or value == "" or value == ():
        return Markup(f'<span class="missing">{MISSING}</span>')
    return value


def _printable(value: Any) -> Any:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float):
        return number(value)
    return value


def html_finalize(value: Any) -> Any:
    """Before autoescape: None as a dash, 3.0 as 3."""
    return _printable(value)


def md_finalize(value: Any) -> Any:
    """Every printed value is escaped unless a filter built it as Markdown."""
    value = _printable(value)
    if isinstance(value, MdSafe):
        return value
    return md_escape(value)


_COMMON: dict[str, Callable[..., Any]] = {
    "number": number,
    "hours": hours,
    "percent": percent,
    "ids": ids,
    "week": week,
    "yes_no": yes_no,
    "slug": slug,
    "safe_url": safe_url,
    "safe_email": safe_email,
}
_BY_FORMAT: dict[str, dict[str, Callable[..., Any]]] = {
    "html": {"given": html_given},
    "md": {"given": md_given, "md": md_escape, "code": md_code, "url": md_url, "link": md_link},
}
FINALIZE: dict[str, Callable[[Any], Any]] = {"html": html_finalize, "md": md_finalize}


def register(filters: dict[str, Callable[..., Any]], fmt_name: str) -> None:
    """Add the shared filters and those of one output format to an environment's filter table."""
    filters.update(_COMMON)
    filters.update(_BY_FORMAT[fmt_name])
