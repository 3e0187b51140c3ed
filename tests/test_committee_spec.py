"""A specification a committee can sign: labels instead of codes, the header a committee looks for, the grading
scheme, and an alignment matrix that is never cut off on screen (issue 10)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, overlay

from designer.cli import main
from designer.frameworks import FrameworkError, load_framework
from designer.frameworks.labels import TABLES, VOCABULARY_TABLES, LabelsError, label_languages, load_labels
from designer.render import RenderError, render
from designer.rules.engine import lint_file, lint_text

ELEVEN_UNITS = FIXTURES / "eleven-units.yaml"
EU_COUNTRIES = yaml.safe_load((ROOT / "frameworks" / "eu.yaml").read_text(encoding="utf-8"))["countries"]


@pytest.fixture(autouse=True)
def _no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def render_text(text: str, fmt: str, **kwargs: object) -> str:
    return render(lint_text(text, "course.yaml"), fmt, **kwargs)  # type: ignore[arg-type]


def header_fields(html: str) -> dict[str, str]:
    """The header's <dt> -> <dd> text (tags dropped)."""
    header = html.split('<header class="doc-header">', 1)[1].split("</header>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", header, re.S)
    return {dt: re.sub(r"<[^>]+>", "", dd.replace("<br>", "\n")).strip() for dt, dd in pairs}


def body_of(document: str) -> str:
    """The specification without its validation section (findings quote codes as the design writes them)."""
    return re.split(r'<section id="validation"|\n## 7\. Validation', document, maxsplit=1)[0]


def info_row(html: str, label: str) -> str:
    """The value cell of an Annex I row, tags dropped."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>\s*<td>(.*?)</td>', html, re.S)
    assert match, f"no row {label!r}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()).replace(" see below", "")


# A QA office's framework: a method and a country the shipped labels do not know, after ones they do.
QA_FRAMEWORK = (
    "extends: eu\nid: qa\nname: QA office\n"
    "summative_methods:\n  viva-voce: {max_bloom: evaluate, authentic: false}\n"
    f"countries: [{', '.join(repr(c) for c in [*EU_COUNTRIES, 'XK'])}]\n"
)
LABELLED_AFTER_KNOWN = {
    "course": {
        "framework": "qa.yaml",
        "awarding_bodies": [
            {"name": "Helsinki University", "country": "FI"},
            {"name": "Prishtina University", "country": "XK"},
        ],
        "assessment_supervision": "supervised-with-identity-verification",
        "participation": "blended",
    },
    "summative": [
        {"id": "SA1", "title": "Bench test", "method": "practical-assessment", "weight": 60, "hours": 12,
         "week": 5, "outcomes": ["LO1"], "criteria": "Works first time"},
        {"id": "SA2", "title": "Defence", "method": "viva-voce", "weight": 40, "hours": 12, "week": 5,
         "outcomes": ["LO2"], "criteria": "Answers the panel"},
    ],
}  # fmt: skip


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    write(tmp_path, "qa.yaml", QA_FRAMEWORK)
    return write(tmp_path, "course.yaml", overlay(LABELLED_AFTER_KNOWN))


# Labels instead of codes


def test_html_shows_labels_and_codes_without_a_label_as_written(labelled: Path) -> None:
    result = lint_file(labelled)
    assert not [f for f in result.findings if f.severity.value == "error"]
    html = render(result, "html")
    fields = header_fields(html)
    assert fields["Awarding body"].splitlines()[0] == "Helsinki University (Finland)"
    assert "Prishtina University (XK)" in fields["Awarding body"]
    assert fields["Language of instruction"] == "English"
    assert info_row(html, "Country(ies)/Region(s) of the issuer") == "Finland XK"
    assert info_row(html, "Supervision and identity verification during assessment") == (
        "Supervised online or onsite with identity verification"
    )
    assert info_row(html, "Form of participation in the learning activity") == "Blended"
    assert info_row(html, "Type of assessment") == (
        "Practical assessment, 60% (SA1 Bench test) viva-voce, 40% (SA2 Defence)"
    )
    summative = html.split('<table class="summative">', 1)[1].split("</table>", 1)[0]
    assert "<td>Practical assessment</td>" in summative
    assert "<td>viva-voce</td>" in summative
    for code in ("practical-assessment", "supervised-with-identity-verification", "(FI)"):
        assert code not in body_of(html)


def test_markdown_shows_the_same_labels(labelled: Path) -> None:
    md = render(lint_file(labelled), "md")
    assert "| Awarding body | Helsinki University (Finland); Prishtina University (XK) |" in md
    assert "| Language of instruction | English |" in md
    assert "| Country(ies)/Region(s) of the issuer | Finland; XK |" in md
    assert (
        "| Supervision and identity verification during assessment | "
        "Supervised online or onsite with identity verification |" in md
    )
    assert "| Practical assessment | graded, 60% |" in md
    assert "| viva-voce | graded, 40% |" in md
    assert "practical-assessment" not in body_of(md)


def test_content_and_checkpoint_codes_are_labelled() -> None:
    html = render_text(overlay({}), "html")
    assert "<td>Online, self-paced (asynchronous)</td>" in html
    assert "<td>E-learning</td>" in html
    assert "<td>Feedback on a draft</td>" in html
    assert "<td>Knowledge</td>" in html
    assert "online-asynchronous" not in html and "draft-feedback" not in html


def test_labels_in_another_language(labelled: Path) -> None:
    html = render(lint_file(labelled), "html", language="nl")
    assert '<html lang="nl">' in html
    assert header_fields(html)["Awarding body"].splitlines()[0] == "Helsinki University (Finland)"
    assert header_fields(html)["Language of instruction"] == "Engels"
    assert "<td>Praktijktoets</td>" in html
    # A code the Dutch file has no word for takes the English one, then the code itself.
    assert load_labels("nl").label("isced_f", "0413") == "Management and administration"
    assert load_labels("nl").label("summative_method", "viva-voce") == "viva-voce"


def test_label_falls_back_to_the_code_as_written() -> None:
    labels = load_labels("en")
    assert labels.label("countries", "FI") == "Finland"
    assert labels.label("countries", "fi") == "Finland"
    assert labels.label("languages", "en-GB") == "English"
    assert labels.label("languages", "pt_BR") == "Portuguese"
    assert labels.label("languages", "tlh") == "tlh"
    assert labels.label("summative_method", "Practical Assessment") == "Practical Assessment"
    assert labels.label("no-such-table", "x") == "x"


def test_a_language_without_labels_is_refused_with_the_files_to_add(labelled: Path) -> None:
    with pytest.raises(RenderError, match=r"no labels for language 'xx' \(available: en, nl; add frameworks/labels/xx"):
        render(lint_file(labelled), "html", language="xx")


def test_cli_language_option(labelled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(labelled), "--format", "md", "--language", "nl"]) == 0
    assert "| Praktijktoets | met cijfer, 60% |" in capsys.readouterr().out
    assert main(["render", str(labelled), "--language", "qq"]) == 2
    assert "no labels for language 'qq'" in capsys.readouterr().err


def test_every_framework_code_has_an_english_label() -> None:
    labels, framework = load_labels("en"), load_framework("eu")
    for name in (*type(framework.vocabularies).model_fields, "summative_method"):
        missing = [code for code in framework.vocabulary(name) if not labels.has(name, code)]
        assert not missing, f"{name}: no English label for {missing}"
    assert [code for code in EU_COUNTRIES if not labels.has("countries", code)] == []
    assert labels.label("countries", "NO") == "Norway"


@pytest.mark.parametrize("language", label_languages())
def test_labels_files_word_only_known_codes(language: str) -> None:
    # A key misspelt in a labels file would never be shown: every key is a code the framework knows.
    framework = load_framework("eu")
    data = yaml.safe_load((ROOT / "frameworks" / "labels" / f"{language}.yaml").read_text(encoding="utf-8"))
    for name, entries in data["vocabularies"].items():
        unknown = sorted(set(entries) - set(framework.vocabulary(name)))
        assert not unknown, f"{language}.yaml vocabularies.{name}: {unknown} are not codes of frameworks/eu.yaml"
    assert set(data["grading_scheme"]) == {"graded", "pass-fail", "mixed"}


@pytest.fixture
def labels_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty frameworks/labels/ for the test to write a language's files into."""
    from designer.frameworks import labels as module

    folder = tmp_path / "labels"
    folder.mkdir()
    monkeypatch.setattr(module, "labels_dir", lambda: folder)
    load_labels.cache_clear()
    yield folder
    load_labels.cache_clear()


def test_a_regional_language_label_is_found_however_the_design_writes_the_tag(labels_folder: Path) -> None:
    # A QA office files Brazilian Portuguese under its BCP 47 tag; the plain language stays for the rest.
    write(
        labels_folder,
        "en.yaml",
        "language: en\nname: English\nlanguages: {pt: Portuguese, pt-BR: Brazilian Portuguese}\n",
    )
    labels = load_labels("en")
    assert labels.label("languages", "pt") == "Portuguese"
    for written in ("pt-BR", "pt_BR", "pt_br", "PT-br"):
        assert labels.label("languages", written) == "Brazilian Portuguese", written
    assert labels.label("languages", "pt_PT") == "Portuguese"


def test_a_misspelt_vocabulary_in_a_labels_file_is_reported_with_its_line(labels_folder: Path) -> None:
    write(labels_folder, "en.yaml", "language: en\nname: English\nvocabularies:\n  partcipation: {online: Online}\n")
    with pytest.raises(LabelsError, match=r"en\.yaml:4:3: vocabularies\.partcipation: no such vocabulary"):
        load_labels("en")


def test_a_misspelt_vocabulary_in_the_generated_file_names_that_file_and_the_choices(labels_folder: Path) -> None:
    write(labels_folder, "en.codes.yaml", "vocabularies:\n  participation: {online: Online}\n  supervison: {a: b}\n")
    write(labels_folder, "en.yaml", "language: en\nname: English\n")
    with pytest.raises(LabelsError) as raised:
        load_labels("en")
    assert str(raised.value) == (
        f"{labels_folder / 'en.codes.yaml'}:3:3: vocabularies.supervison: no such vocabulary "
        f"(choose from {', '.join(VOCABULARY_TABLES)})"
    )


@pytest.mark.parametrize(
    ("codes", "words", "message"),
    [
        # A bad name in the generated table, after a good one: the message names the generated file.
        (
            "countries:\n  FI: Finland\n  SE: [Sverige]\n",
            "language: en\nname: English\n",
            "en.codes.yaml:3:7: countries.SE: Input should be a valid string",
        ),
        # A bad label in the hand-written file, after a good one.
        (
            "countries:\n  FI: Finland\n",
            "language: en\nname: English\nvocabularies:\n  participation:\n    online: Online\n    onsite: 3\n",
            "en.yaml:6:13: vocabularies.participation.onsite: Input should be a valid string",
        ),
        # Without its language's name, in the hand-written file.
        ("countries:\n  FI: Finland\n", "language: en\n", "en.yaml:1:1: name: Field required"),
        # A file for another language is refused where it says so.
        (
            "countries:\n  FI: Finland\n",
            "# Labels in English\nname: English\nlanguage: nl\n",
            "en.yaml:3:11: language: 'nl' in the file for 'en'",
        ),
        (
            "language: nl\ncountries:\n  FI: Finland\n",
            "name: English\n",
            "en.codes.yaml:1:11: language: 'nl' in the file for 'en'",
        ),
    ],
)
def test_a_bad_labels_file_is_reported_at_its_file_line_and_column(
    labels_folder: Path, codes: str, words: str, message: str
) -> None:
    write(labels_folder, "en.codes.yaml", codes)
    write(labels_folder, "en.yaml", words)
    with pytest.raises(LabelsError) as raised:
        load_labels("en")
    assert str(raised.value) == str(labels_folder / message)


def test_a_labels_file_that_is_not_yaml_is_a_render_error(labels_folder: Path, labelled: Path) -> None:
    # render() turns labels errors into its own; any other error would pass it by.
    write(labels_folder, "en.yaml", "language: en\nname: English\nsources: [CLDR\n")
    with pytest.raises(RenderError, match=r"en\.yaml:4:1: labels is not valid YAML: "):
        render(lint_file(labelled), "html", language="en")


def test_a_labels_file_that_is_not_yaml_is_refused_through_the_cli(
    labels_folder: Path, labelled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(labels_folder, "en.yaml", "language: en\nname: English\nsources: [CLDR\n")
    assert main(["render", str(labelled), "--language", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{labels_folder / 'en.yaml'}:4:1: labels is not valid YAML: " in err
    assert "Traceback" not in err


def test_a_framework_element_naming_an_unknown_labels_table_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "qa.yaml",
        "extends: eu\noptional_information:\n"
        "  - {id: supervision, label: Supervision, field: course.assessment_supervision, labels: supervision}\n",
    )
    with pytest.raises(FrameworkError, match=r"qa\.yaml:3:\d+: optional_information\.0\.labels: no labels table"):
        load_framework(str(path))
    assert "assessment_supervision" in TABLES


# The header a committee signs


COMMITTEE = {
    "course": {
        "edition": "2026.1",
        "approval": {"status": "approved", "date": "2026-11-30", "by": "Faculty Education Board"},
        "contact": {"name": "Lifelong learning office", "email": "llo@example.org"},
        "homepage": "https://example.org/courses/spend",
        "isced_f": "0413",
        "learning_setting": "non-formal",
    }
}


def test_header_shows_version_approval_contact_and_course_facts_when_given() -> None:
    html = render_text(overlay(COMMITTEE), "html")
    fields = header_fields(html)
    assert fields["Version"] == "2026.1"
    assert fields["Approval"] == "Approved, 2026-11-30, by Faculty Education Board"
    assert fields["Contact"] == "Lifelong learning office, llo@example.org"
    assert '<a href="mailto:llo@example.org">llo@example.org</a>' in html
    assert '<a href="https://example.org/courses/spend">' in html
    assert fields["Field of education (ISCED-F 2013)"] == "0413 Management and administration"
    assert fields["Learning setting"] == "Non-formal learning"
    md = render_text(overlay(COMMITTEE), "md")
    assert "| Version | 2026\\.1 |" in md  # "1." escaped: never read as a list marker
    assert "| Approval | **Approved**, 2026-11-30, by Faculty Education Board |" in md
    assert "| Contact | Lifelong learning office, [llo@example.org](mailto:llo@example.org) |" in md
    assert "| Course page | <https://example.org/courses/spend> |" in md
    assert "| Learning setting | Non-formal learning |" in md


def test_header_leaves_out_what_is_not_given() -> None:
    html = render_text(overlay({}), "html")
    md = render_text(overlay({}), "md")
    for label in ("Version", "Approval", "Contact", "Course page", "Field of education", "Learning setting"):
        assert f"<dt>{label}" not in html
        assert f"| {label}" not in md
    # An empty approval or contact mapping is not given either.
    empty = render_text(overlay({"course": {"approval": {}, "contact": {"name": None}}}), "html")
    assert "<dt>Approval" not in empty and "<dt>Contact" not in empty


def test_header_shows_the_parts_of_an_approval_that_are_given() -> None:
    html = render_text(
        overlay({"course": {"approval": {"status": "submitted"}, "contact": {"email": "a@b.eu"}}}), "html"
    )
    fields = header_fields(html)
    assert fields["Approval"] == "Submitted for approval"
    assert fields["Contact"] == "a@b.eu"
    by_only = header_fields(render_text(overlay({"course": {"approval": {"by": "Senate"}}}), "html"))
    assert by_only["Approval"] == "Senate"


def test_new_header_fields_are_escaped() -> None:
    hostile = {
        "course": {
            "edition": "<b>2</b>",
            "approval": {"status": "approved", "by": "<script>alert(1)</script> | board"},
            "contact": {"name": "<script>alert(2)</script>", "email": 'x"onmouseover=alert(3)@evil'},
            "homepage": "javascript:alert(4)",
        }
    }
    html = render_text(overlay(hostile), "html", draft=True)
    assert "<script>alert" not in html and "<b>2</b>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "mailto:" not in html  # not a plain address: shown as text, never a link
    assert "javascript:" not in html
    md = render_text(overlay(hostile), "md", draft=True)
    assert "<script>" not in md and "mailto:" not in md
    contact = next(line for line in md.splitlines() if line.startswith("| Contact |"))
    assert contact.count("|") - contact.count("\\|") == 3


# Grading


def graded(weights: list[int | None], pass_fail: list[bool]) -> str:
    components = [
        {"id": f"SA{i + 1}", "title": f"Part {i + 1}", "method": "project", "hours": 8, "week": 5,
         "outcomes": ["LO1", "LO2"], "criteria": "Rubric",
         **({"grading": "pass-fail"} if fails else {"weight": weight})}
        for i, (weight, fails) in enumerate(zip(weights, pass_fail, strict=True))
    ]  # fmt: skip
    return overlay({"summative": components})


@pytest.mark.parametrize(
    ("design", "scheme", "cells"),
    [
        (graded([60, 40], [False, False]), "Graded: every component", ["graded, 60%", "graded, 40%"]),
        (graded([None, None], [True, True]), "Pass/fail: every component", ["pass/fail", "pass/fail"]),
        (graded([100, None], [False, True]), "Mixed: the graded components", ["graded, 100%", "pass/fail"]),
    ],
    ids=["graded", "pass-fail", "mixed"],
)
def test_grading_scheme_and_each_components_grading(design: str, scheme: str, cells: list[str]) -> None:
    html = render_text(design, "html", draft=True)
    assert re.search(rf'<p class="scheme"><strong>Grading scheme:</strong> {scheme}', html)
    summative = html.split('<table class="summative">', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td class="nowrap">([^<]*(?:graded|pass/fail)[^<]*)</td>', summative) == cells
    md = render_text(design, "md", draft=True)
    assert f"**Grading scheme:** {scheme}" in md
    rows = [line for line in md.splitlines() if line.startswith("| SA")]
    assert [row.split(" | ")[3] for row in rows] == cells


def test_no_scheme_line_without_summative_components() -> None:
    html = render_text(overlay({"summative": []}), "html", draft=True)
    assert "Grading scheme" not in html


# The alignment matrix on screen


def matrix_of(html: str) -> str:
    return html.split('<section id="alignment"', 1)[1].split("</section>", 1)[0]


def test_matrix_keeps_its_coverage_column_in_a_frame_that_pins_it() -> None:
    html = render(lint_file(ELEVEN_UNITS), "html")
    matrix = matrix_of(html)
    assert '<div class="table-wrap matrix-wrap">' in matrix
    head = matrix.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert len(re.findall(r'<th scope="col" class="item group-content"', head)) == 11
    assert '<th scope="col" rowspan="2" class="coverage">Coverage</th>' in head
    rows = matrix.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")[:-1]
    assert len(rows) == 6
    assert all(re.search(r'<td class="coverage[^"]*">[^<]+</td>\s*$', row) for row in rows)
    assert "gap: no content" in rows[-1]
    # The screen stylesheet lets the frame grow to the window and pins Coverage at its right edge.
    screen = html.split("@media screen {", 1)[1].split("\n}\n", 1)[0]
    assert re.search(r"\.matrix-wrap \{[^}]*max-width: calc\(100vw", screen)
    assert re.search(r"\.matrix \.coverage \{[^}]*position: sticky; right: 0", screen)
    assert re.search(r"\.matrix tbody th\[scope=\"row\"\][^{]*\{[^}]*position: sticky; left: 0", screen)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
MEASURE = """<script>
window.addEventListener('load', () => {
  const table = document.querySelector('table.matrix'), frame = table.closest('.matrix-wrap');
  const box = (e) => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right}; };
  const out = {viewport: document.documentElement.clientWidth, frame: box(frame), table: box(table),
    coverage: box(table.querySelector('thead th.coverage')), scroll: frame.scrollWidth, client: frame.clientWidth};
  const pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def measure(html: str, folder: Path, width: int) -> dict[str, object]:
    """The matrix's boxes as headless Chromium lays the page out at `width` px (a local file, no network)."""
    page = write(folder, "page.html", html.replace("</body>", MEASURE + "</body>"))
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},1000",
         "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout)
    assert found, f"chromium gave no measurement: {done.stderr[-500:]}"
    return json.loads(found.group(1))


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to lay the page out")
def test_eleven_unit_matrix_is_whole_at_1280_px_in_chromium(tmp_path: Path) -> None:
    box = measure(render(lint_file(ELEVEN_UNITS), "html"), tmp_path, 1280)
    frame, table, coverage = box["frame"], box["table"], box["coverage"]
    assert isinstance(frame, dict) and isinstance(table, dict) and isinstance(coverage, dict)
    assert box["scroll"] == box["client"], "the matrix scrolls: part of it is out of view"
    assert coverage["right"] <= frame["right"] + 0.5
    assert frame["right"] <= box["viewport"]
    assert frame["left"] >= 0


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to lay the page out")
def test_a_matrix_wider_than_the_window_keeps_coverage_in_view(tmp_path: Path) -> None:
    design = yaml.safe_load(ELEVEN_UNITS.read_text(encoding="utf-8"))
    units = design["content"]
    design["content"] = units + [{**units[i % len(units)], "id": f"CU{i}"} for i in range(12, 41)]
    path = write(tmp_path, "forty.yaml", yaml.safe_dump(design, sort_keys=False))
    box = measure(render(lint_file(path), "html", draft=True), tmp_path, 1280)
    frame, coverage = box["frame"], box["coverage"]
    assert isinstance(frame, dict) and isinstance(coverage, dict)
    assert box["scroll"] > box["client"]  # type: ignore[operator]
    assert frame["left"] <= coverage["left"] and coverage["right"] <= frame["right"] + 0.5
