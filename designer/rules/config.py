"""Lint settings: `[tool.designer]` in pyproject.toml or a designer.toml, found upward from the linted path."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A config file cannot be read or holds an unknown setting."""


KNOWN = {"select", "ignore", "framework", "strict", "exclude"}
# Letters of a rule family (AL, EX): a select entry at least this long names a family or a code.
FAMILY_LENGTH = 2


@dataclass
class Settings:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    framework: str | None = None
    strict: bool = False
    exclude: list[str] = field(default_factory=list)
    # Opt-in rules switched on beside the selection (not a setting of the config file): the EX codes
    # `designer export` asks for, while the configured select and ignore still decide the rest.
    opt_in: list[str] = field(default_factory=list)
    # Folder that relative paths in the config (a framework file) are read from.
    root: Path | None = None
    source: str | None = None

    def enabled(self, code: str, *, opt_in: bool = False) -> bool:
        """Whether a rule code is on: selected (by code or prefix; all when no select) and not ignored.

        An opt-in rule is on only when a select entry names its family or its code: no select, or a
        one-letter prefix, leaves it off.
        """
        if opt_in:
            named = code in self.opt_in or any(code.startswith(s) for s in self.select if len(s) >= FAMILY_LENGTH)
            if not named:
                return False
        elif self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)


def _table(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("designer") if isinstance(tool, dict) else None
        return table if isinstance(table, dict) else None
    return data.get("tool", {}).get("designer", data) if isinstance(data.get("tool"), dict) else data


def find_config(start: Path) -> Path | None:
    """The nearest designer.toml, or pyproject.toml with a [tool.designer] table, at or above `start`."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in ("designer.toml", "pyproject.toml"):
            candidate = candidate_dir / name
            if candidate.is_file() and _table(candidate) is not None:
                return candidate
    return None


def _codes(value: Any, key: str, path: Path) -> list[str]:
    from designer.rules.registry import RULES

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of rule codes or prefixes")
    codes = [v.strip().upper() for v in value if v.strip()]
    for code, written in zip(codes, (v for v in value if v.strip()), strict=True):
        if not any(rule.code.startswith(code) for rule in RULES):
            # As `designer lint --select` refuses it; render, export and the editor read the same file.
            raise ConfigError(
                f"{_where(path, written)}: {key}: no rule code starts with '{code}' (see `designer rules`)"
            )
    return codes


def _where(path: Path, written: str) -> str:
    """`path:line:col` of the first quoted `written` in the file (TOML parsers give no positions), else the path."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return str(path)
    for number, line in enumerate(lines, 1):
        for quote in ('"', "'"):
            column = line.find(quote + written + quote)
            if column >= 0:
                return f"{path}:{number}:{column + 2}"
    return str(path)


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    table = _table(path) or {}
    unknown = sorted(set(table) - KNOWN)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN))}")
    settings = Settings(root=path.parent, source=str(path))
    if "select" in table:
        settings.select = _codes(table["select"], "select", path)
    if "ignore" in table:
        settings.ignore = _codes(table["ignore"], "ignore", path)
    if "exclude" in table:
        settings.exclude = [str(x) for x in table["exclude"]] if isinstance(table["exclude"], list) else []
    if "framework" in table:
        settings.framework = str(table["framework"])
    if "strict" in table:
        settings.strict = bool(table["strict"])
    return settings
