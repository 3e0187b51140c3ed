"""Layer contracts: lint, model, graph and render never import Textual; lint stays off Jinja2, networkx, the
exporters and their validators."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PROBE = """
import sys
{imports}
watched = ("textual", "jinja2", "rich", "networkx", "designer.export.common", "jsonschema", "rdflib", "pyshacl", "weasyprint")
heavy = sorted(m for m in watched if m in sys.modules)
print("MODULES:" + ",".join(heavy))
"""


def modules_after(imports: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(imports=imports)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=ROOT,
    )
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("MODULES:")
    return [m for m in line.removeprefix("MODULES:").split(",") if m]


def _designs_outside_a_catalogue(folder: Path) -> Path:
    """The sample designs copied where no catalogue.yaml lies at or above them."""
    for sample in (ROOT / "sample_courses").glob("*.yaml"):
        if sample.name != "catalogue.yaml":
            shutil.copy(sample, folder / sample.name)
    return folder


def test_folder_lint_imports_no_heavy_library(tmp_path: Path) -> None:
    folder = _designs_outside_a_catalogue(tmp_path)
    code = (
        "import contextlib, io\nfrom designer.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['lint', {str(folder)!r}, '--jobs', '1'])"
    )
    assert modules_after(code) == []


def test_one_file_lint_imports_no_heavy_library(tmp_path: Path) -> None:
    # The pre-commit case: one file, one process. Its CPU is set by what it imports (bench/bench_startup.py).
    design = _designs_outside_a_catalogue(tmp_path) / "procurement-as-lever.yaml"
    code = (
        "import contextlib, io\nfrom designer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['lint', {str(design)!r}])"
    )
    assert modules_after(code) == []


def test_catalogue_lint_imports_networkx_and_nothing_else_heavy() -> None:
    """networkx is loaded for a catalogue only (designer/graph/catalogue.py), never Textual or Jinja2."""
    code = (
        "import contextlib, io\nfrom designer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['lint', 'tests/fixtures/catalogue/dig-101.yaml', '--jobs', '1'])"
    )
    assert modules_after(code) == ["networkx"]


def test_the_editor_checks_a_design_outside_a_catalogue_without_networkx(tmp_path: Path) -> None:
    design = _designs_outside_a_catalogue(tmp_path) / "spend-analytics.yaml"
    code = f"from pathlib import Path\nfrom designer.tui.state import EditorState\nEditorState.open(Path({str(design)!r})).validate()"
    assert modules_after(code) == []


def test_the_editor_checks_a_design_in_a_catalogue_with_networkx_and_nothing_else_heavy() -> None:
    code = (
        "from pathlib import Path\nfrom designer.tui.state import EditorState\n"
        "assert EditorState.open(Path('sample_courses/spend-analytics.yaml')).validate().catalogue is not None"
    )
    assert modules_after(code) == ["networkx"]


def test_alignment_graph_is_built_without_networkx() -> None:
    code = (
        "from designer.graph import build, matrix\nfrom designer.rules.engine import lint_file\n"
        "matrix(build(lint_file('sample_courses/procurement-as-lever.yaml').context.design))"
    )
    assert modules_after(code) == []


@pytest.mark.parametrize(
    "module",
    [
        "designer.model.loader",
        "designer.model.catalogue_loader",
        "designer.rules.engine",
        "designer.rules.catalogue",
        "designer.graph",
        "designer.graph.catalogue",
        "designer.report.sarif",
        "designer.cli",
    ],
)
def test_lower_layers_never_import_textual(module: str) -> None:
    assert "textual" not in modules_after(f"import {module}")


def test_render_never_imports_textual() -> None:
    pytest.importorskip("designer.render")
    assert "textual" not in modules_after("import designer.render, designer.render.context, designer.render.command")


def test_render_command_does_not_import_the_cli() -> None:
    """Rendering (here up to its usage error) runs without designer.cli, which reaches the editor."""
    probe = (
        "import sys\nfrom designer.errors import UsageError\nfrom designer.render.command import render_design\n"
        "try:\n    render_design('no-such-design.yaml', 'html', None, None, False)\nexcept UsageError:\n    pass\n"
        "print('CLI:' + str('designer.cli' in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60, cwd=ROOT
    )
    assert result.stdout.strip().splitlines()[-1] == "CLI:False"


def test_errors_module_is_the_bottom_layer() -> None:
    """designer.errors imports nothing of designer, so every layer may use it."""
    probe = "import sys\nimport designer.errors\nprint(sorted(m for m in sys.modules if m.startswith('designer.')))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60, cwd=ROOT
    )
    assert result.stdout.strip().splitlines()[-1] == "['designer.errors']"
