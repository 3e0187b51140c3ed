"""What every credential exporter shares: the violation record, deterministic JSON, offline contexts.

Nothing here touches the network: a JSON-LD context is resolved only from the
copies shipped in designer/export/artefacts/, and any other URL is refused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.frameworks.exports import matches, readiness

if TYPE_CHECKING:
    from decimal import Decimal

    from designer.frameworks import Framework
    from designer.model.catalogue import CatalogueInfo, Stack
    from designer.model.design import Design, Outcome

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"


@dataclass(frozen=True)
class Violation:
    """One way an exported document breaks its standard."""

    path: str
    """Where in the document: a JSON pointer, or a focus node and property."""
    message: str
    """A sentence for a person, e.g. "LearningOpportunity lacks homepage (sh:minCount 1)"."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, eq=False)  # one course, one Member: compared by identity (a Design is not hashable)
class Member:
    """A course of a catalogue as its own export saw it: the stack documents name it by the same ids."""

    design: Design
    framework: Framework
    key: str
    """The design file's stem, which names the ids of a design without a code (as `export_design` takes it)."""


@dataclass(frozen=True)
class StackPlan:
    """One stack of a catalogue with the exported courses it lists: what `export_stack` of each format reads."""

    stack: Stack
    info: CatalogueInfo
    required: tuple[Member, ...]
    """The required courses, in the order the stack lists them."""
    electives: tuple[Member, ...]
    elective_credits: Decimal | None
    """ECTS a learner needs from the electives: the credits the stack asks for less the required courses'
    (designer.graph.catalogue.stack_credits); None when a figure is unknown."""
    courses: tuple[Member, ...]
    """Every exported course of the catalogue: where a consortium's members are (ELM's provider location)."""

    @property
    def members(self) -> tuple[Member, ...]:
        """Required courses, then electives."""
        return self.required + self.electives

    @property
    def needed(self) -> float | None:
        """The ECTS the stack asks for: its `min_credits`, else its `ects` (None when it gives neither)."""
        return self.stack.credits_needed

    @property
    def elective_rule(self) -> str:
        """Which sentence states the electives' part, in every format: `only` (electives make the whole stack),
        `some` (so many ECTS of them), `total` (the stack's total, the required courses' credits unknown) or
        `optional` (the required courses already reach the credits)."""
        credits = self.elective_credits
        if not self.required and self.needed is not None:
            return "only"
        if credits is not None and credits > 0:
            return "some"
        if credits is None and self.needed is not None:
            return "total"
        return "optional"

    def elective_sentence(self, only: str, some: str, total: str, optional: str, **fields: str) -> str:
        """The template of `elective_rule` among the four a format words them with, filled: `{credits}` the
        electives' ECTS, `{total}` the stack's, and any other `fields` the format's templates name."""
        from designer.model.figures import fmt

        template = {"only": only, "some": some, "total": total, "optional": optional}[self.elective_rule]
        credits, needed = self.elective_credits, self.needed
        return template.format(
            credits=fmt(float(credits)) if credits is not None else "",
            total=fmt(needed) if needed is not None else "",
            **fields,
        )

    @property
    def lead(self) -> Member:
        """The course whose values stand in where the stack has none: the first required, else the first elective."""
        return self.members[0]


class ExportError(Exception):
    """A document cannot be exported or checked; the message names the reason."""


class RemoteContextRefused(ExportError):
    """A JSON-LD context names a URL with no vendored copy: designer never fetches one."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"JSON-LD context {url} is not shipped with designer, and designer never fetches one")


def dumps(document: Mapping[str, Any]) -> str:
    """The document as UTF-8 JSON text, the same bytes for the same input (two-space indent, final newline)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class DocumentLoader:
    """Resolves JSON-LD context URLs to vendored files; every other URL is refused (RemoteContextRefused)."""

    def __init__(self, contexts: Mapping[str, Path]) -> None:
        self._files = dict(contexts)
        self._cache: dict[str, Any] = {}

    def __call__(self, url: str) -> Any:
        """The `@context` value of the document at `url`."""
        key = url.rstrip("/")
        path = self._files.get(key) or self._files.get(key + "/")
        if path is None:
            raise RemoteContextRefused(url)
        if key not in self._cache:
            self._cache[key] = json.loads(path.read_text(encoding="utf-8"))["@context"]
        return self._cache[key]

    def inline(self, document: Any) -> Any:
        """A copy of `document` with every `@context` URL (at any depth) replaced by the vendored context."""
        if isinstance(document, list):
            return [self.inline(item) for item in document]
        if not isinstance(document, dict):
            return document
        out: dict[str, Any] = {}
        for key, value in document.items():
            out[key] = self._context(value) if key == "@context" else self.inline(value)
        return out

    def _context(self, value: Any) -> Any:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self._context(item) for item in value]
        if isinstance(value, dict):
            if "@import" in value:
                raise RemoteContextRefused(str(value["@import"]))
            # A term's scoped context may name a URL too.
            return {k: self._context(v) if k == "@context" else self.inline(v) for k, v in value.items()}
        return value


def types_of(node: Mapping[str, Any]) -> list[str]:
    """The `type` (or `@type`) of a JSON-LD node as a list of strings."""
    value = node.get("type", node.get("@type"))
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def contexts_of(document: Mapping[str, Any]) -> list[str]:
    """The context URLs a document names at its top."""
    value = document.get("@context")
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str)]


def absolute_uri(value: str | None) -> str | None:
    """`value` stripped when it is an absolute URI (https://..., did:..., urn:...), else None.

    An id that is no URI breaks either standard, so a value that is not one (EX004 names it) is left out.
    """
    text = (value or "").strip()
    return text if text and matches(readiness().uri_pattern, text) else None


def web_address(value: str | None) -> str | None:
    """`value` stripped when it is an http(s) address (readiness.yaml homepage_pattern), else None.

    Issuing platforms show these as links: a `javascript:` or `file:` value (EX001, EX004 name it) is left out.
    """
    text = (value or "").strip()
    return text if text and matches(readiness().homepage_pattern, text) else None


def esco_skills(outcome: Outcome) -> list[str]:
    """The outcome's ESCO skill URIs, once each; an entry that is not one (a label, a portal page: EX008) is left out."""
    pattern = readiness().esco_skill_uri
    return list(dict.fromkeys(v.strip() for v in outcome.esco if matches(pattern, v.strip())))
