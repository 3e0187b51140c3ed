"""The wheel carries frameworks/ and templates/: installed (not editable), it lints a sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pip", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("pip not available")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("designer-*.whl"))


def test_wheel_contains_the_data_folders(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "designer/_data/frameworks/eu.yaml" in names
    assert "designer/_data/frameworks/es.yaml" in names
    assert any(n.startswith("designer/_data/templates/") for n in names)
    # The export data and the official artefacts the exports are checked against (no network at run time).
    assert "designer/_data/frameworks/export/ob3.yaml" in names
    assert "designer/_data/frameworks/export/readiness.yaml" in names
    assert "designer/export/artefacts/ob3/achievementcredential.json" in names
    assert "designer/export/artefacts/ob3/context-3.0.3.json" in names
    # `designer export` reads its mapping and `--check` its vendored standards at run time.
    assert "designer/_data/frameworks/export/elm.yaml" in names
    assert "designer/export/artefacts/elm/LOQ-constraints.ttl" in names
    assert "designer/export/artefacts/elm/edc-ap-context.jsonld" in names


def test_installed_wheel_lints_a_sample(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sample = ROOT / "sample_courses" / "sustainable-public-procurement.yaml"
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    # Run outside the checkout so only the installed copy can be imported.
    probe = subprocess.run(
        [sys.executable, "-c", "import designer.paths as p; print(p.data_dir('frameworks'))"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert probe.stdout.strip().startswith(str(target))
    result = subprocess.run(
        [sys.executable, "-m", "designer", "lint", str(sample)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The sample lies in the sample catalogue, so its catalogue.yaml is checked (and counted) with it.
    assert "All checks passed: 2 files, no findings" in result.stdout
