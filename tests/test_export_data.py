"""The export data loader (frameworks/export/*.yaml): the shipped files by name, a bad file named at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, overlay

from designer.frameworks import FrameworkError
from designer.frameworks.exports import IscedF, Readiness, load_export_data
from designer.rules.config import Settings
from designer.rules.engine import lint_text

EXPORT = ROOT / "frameworks" / "export"


def test_a_name_reads_the_shipped_file() -> None:
    fields = load_export_data("isced-f", IscedF).fields
    assert fields["0413"] == "Management and administration"
    assert load_export_data("readiness", Readiness).formats["ob3"] == "Open Badges 3.0"


def test_a_name_without_a_shipped_file_is_refused_naming_the_file() -> None:
    with pytest.raises(FrameworkError, match=r"frameworks[/\\]export[/\\]elm-v4\.yaml: cannot read export data: "):
        load_export_data("elm-v4", Readiness)


def test_a_bad_value_deep_in_the_file_is_named_by_its_dotted_path(tmp_path: Path) -> None:
    # The first need is sound; the second's ob3 use is a number.
    text = (EXPORT / "readiness.yaml").read_text(encoding="utf-8")
    broken = text.replace("      ob3: the achievement's field of study", "      ob3: 3", 1)
    assert broken != text
    path = tmp_path / "readiness.yaml"
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("      ob3: 3") + 1
    with pytest.raises(FrameworkError) as raised:
        load_export_data("readiness", Readiness, path)
    assert str(raised.value) == f"{path}:{line}:12: needs.thematic_area.formats.ob3: Input should be a valid string"


def test_a_field_two_formats_use_is_explained_for_each_in_one_message() -> None:
    # The base design has no ISCED-F field, which ELM requires and Open Badges uses.
    findings = lint_text(overlay({}), settings=Settings(select=["EX002"])).findings
    assert [f.message for f in findings] == [
        "no course.isced_f for export (ELM: required, the specification's thematic area (an ISCED-F concept); "
        "Open Badges 3.0: the achievement's field of study)"
    ]
