"""Shared test helpers: the clean base design and snippet overlays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_TEXT = (FIXTURES / "base.yaml").read_text(encoding="utf-8")
# The sample catalogue's courses in path order: awareness, operational, managerial, then those on no level.
SAMPLE_PATH_ORDER = ["PTG-DTP-1", "PTG-ETP-1", "PTG-P2P-1", "PTG-SPA-1", "PTG-SRM-1", "PTG-PLSDF-1", "PTG-SPP-1"]


def overlay(snippet: str | dict[str, Any]) -> str:
    """The base design with `snippet` laid over it: top-level keys replace, `course` merges key by key."""
    design = yaml.safe_load(BASE_TEXT)
    patch = yaml.safe_load(snippet) if isinstance(snippet, str) else snippet
    for key, value in (patch or {}).items():
        if key == "course" and isinstance(value, dict):
            design["course"].update(value)
        else:
            design[key] = value
    return yaml.safe_dump(design, sort_keys=False, allow_unicode=True)


@pytest.fixture
def base_text() -> str:
    return BASE_TEXT


@pytest.fixture(autouse=True)
def private_recent_list(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor remembers recent files under XDG_STATE_HOME: every test gets its own, never the tester's list."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def fresh_frameworks_under_mutation() -> None:
    """Under `make mutate`, each test reads statements with freshly built wording data.

    Frameworks are cached per process and their readings per statement; mutmut forks each mutant's test run from a
    process that has run the tests already, so without this a mutated reader would never be called.
    """
    import os

    if os.environ.get("MUTANT_UNDER_TEST"):
        from designer import frameworks

        frameworks._CACHE.clear()
