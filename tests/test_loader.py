"""The loader reads what a YAML parser reads, and knows where each node is."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from designer.model.loader import DEFAULT_LIMITS, load_data, load_file, load_text
from designer.paths import sample_designs


def test_data_equals_a_plain_safe_load() -> None:
    for path in [*sample_designs(), ROOT / "tests" / "fixtures" / "base.yaml"]:
        text = path.read_text(encoding="utf-8")
        loaded = load_text(text, str(path))
        assert loaded.data == yaml.safe_load(text)
        assert loaded.design is not None and not loaded.findings


def test_scalars_resolve_like_yaml() -> None:
    text = "format: 1\ncourse:\n  ects: 2.5\n  eqf_level: 0x7\n  code: 'TEST'\n  title: null\n  edition: 2024-01-01\n"
    loaded = load_text(text)
    expected = yaml.safe_load(text)
    assert loaded.data is not None
    course = loaded.data["course"]
    assert course["ects"] == 2.5 and course["eqf_level"] == 7 and course["title"] is None
    # Dates stay text: an edition is a label, not a timestamp.
    assert course["edition"] == "2024-01-01" and expected["course"]["code"] == course["code"]


def test_positions_point_at_nodes() -> None:
    text = "format: 1\noutcomes:\n  - id: LO1\n    statement: Analyse data.\n  - {id: LO2, statement: Explain.}\n"
    loaded = load_text(text)
    assert loaded.mark(("outcomes", 0)).line == 3
    assert loaded.mark(("outcomes", 0, "statement")).line == 4
    assert loaded.mark(("outcomes", 0, "statement")).column == 16
    assert loaded.mark(("outcomes", 1, "statement")).line == 5
    assert loaded.mark(("outcomes",), key=True).line == 2
    # A path that does not exist falls back to its nearest ancestor.
    assert loaded.mark(("outcomes", 1, "domain")).line == 5


def test_merge_keys_are_honoured() -> None:
    text = (
        "format: 1\nsummative:\n  - &base {id: SA1, title: Project, method: project, weight: 100, hours: 20, outcomes: [LO1]}\n"
        "formative:\n  - {<<: *base, id: FC1, method: quiz}\n"
    )
    loaded = load_text(text)
    assert loaded.data is not None
    assert loaded.data["formative"][0]["title"] == "Project"
    assert loaded.data["formative"][0]["method"] == "quiz"


def test_a_draft_with_only_a_format_loads() -> None:
    loaded = load_text("format: 1\n")
    assert loaded.design is not None and not loaded.findings
    assert loaded.design.outcomes == []


def test_empty_sections_load_as_empty_lists() -> None:
    loaded = load_text("format: 1\ncourse:\n  title: Draft\noutcomes:\nsummative:\n")
    assert loaded.design is not None and loaded.design.summative == [] and not loaded.findings


def test_unknown_keys_are_reported_not_dropped_from_the_raw_data() -> None:
    loaded = load_text("format: 1\ncourse:\n  titel: Draft\n")
    assert [f.code for f in loaded.findings] == ["ST005"]
    assert "did you mean 'title'?" in loaded.findings[0].message
    assert loaded.data == {"format": 1, "course": {"titel": "Draft"}}


def test_scalars_are_built_as_pyyaml_builds_them() -> None:
    """The walk builds int, float, bool and null itself (no PyYAML constructor can raise); same values."""
    forms = [
        "0", "-0", "+5", "1_000", "0b101", "-0b1_0", "0x1F", "017", "0_17", "1:30", "-1:0:0", "999999999999999",
        "1.5", "-.5", "1.5e+3", "1_0.5", "1:30.5", ".inf", "-.Inf", "+.INF",
        "yes", "No", "TRUE", "off", "On", "~", "null", "NULL", "",
        "!!int 7", "!!float 7", "!!float 1e5", "!!bool yes", "!!null ~",
    ]  # fmt: skip
    text = "values:\n" + "".join(f"  - {form}\n" for form in forms)
    loaded = load_text(text)
    # Not a design (no format: 1), but the data is read all the same, with nothing said about a value.
    assert [f.code for f in loaded.findings] == ["ST003"]
    assert loaded.data == yaml.safe_load(text)
    built = loaded.data["values"] if loaded.data else []
    expected = yaml.safe_load(text)["values"]
    assert [type(v) for v in built] == [type(v) for v in expected]
    nan = load_text("values: [.nan, .NaN]\n").data
    assert nan is not None and all(v != v for v in nan["values"])


# --- Found by mutation testing (`make mutate`): figures and positions no other test read. ---


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"\x00format: 1\n", (1, 1)),
        (b"\n\x00format: 1\n", (2, 1)),
        (b"format: 1\ncourse:\n  ti\x00tle: Spend\n", (3, 5)),
    ],
    ids=["first-byte", "after-a-leading-newline", "third-line"],
)
def test_a_nul_byte_is_reported_where_it_is(raw: bytes, where: tuple[int, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "binary.yaml"
    path.write_bytes(raw)
    loaded = load_file(path)
    assert [(f.code, f.line, f.column, f.message, f.path) for f in loaded.findings] == [
        ("ST002", *where, "this is a binary file, not YAML text (NUL byte)", str(path))
    ]


@pytest.mark.parametrize(
    ("raw", "where", "byte"),
    [
        (b"\nformat: 1\ncourse: {title: caf\xe9}\n\n\n", (3, 20), "e9"),
        (b"\xef\xbb\xbfab\xff: 1\n", (1, 3), "ff"),
    ],
    ids=["third-line-then-more-lines", "after-a-byte-order-mark"],
)
def test_a_non_utf8_byte_is_reported_where_it_is(raw: bytes, where: tuple[int, int], byte: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin1.yaml"
    path.write_bytes(raw)
    loaded = load_file(path)
    assert [(f.code, f.line, f.column, f.message, f.path) for f in loaded.findings] == [
        ("ST002", *where, f"the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8", str(path))
    ]


def test_load_file_without_limits_keeps_the_text_and_strips_the_byte_order_mark(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "course.yaml"
    path.write_bytes(b"\xef\xbb\xbfformat: 1\ncourse:\n  titel: Draft\n")
    loaded = load_file(path)
    assert loaded.text == "format: 1\ncourse:\n  titel: Draft\n"
    assert [(f.code, f.line, f.column, f.path, f.node) for f in loaded.findings] == [
        ("ST005", 3, 3, str(path), ("course", "titel"))
    ]


def test_unreadable_and_oversized_files_name_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.yaml"
    loaded = load_file(missing)
    assert loaded.unreadable
    assert [(f.message, f.path) for f in loaded.findings] == [
        ("cannot read the file: No such file or directory", str(missing))
    ]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"format: 1\n" + b"#" * DEFAULT_LIMITS["max_file_bytes"])
    loaded = load_file(big)
    assert [(f.message, f.path) for f in loaded.findings] == [
        (f"the file is larger than {DEFAULT_LIMITS['max_file_bytes']} bytes; a course design is far smaller", str(big))
    ]


def _messages(text: str) -> list[str]:
    return [f.message for f in load_text(text).findings]


def test_validation_messages_name_the_path_and_describe_the_value() -> None:
    text = (
        "format: 1\ncourse:\n  title: {a: 1}\n  summary: [a]\n  towards: [Certificate, null]\n"
        "  ects: 0\n  hours_per_ects: -2.5\nsummative:\n  - {id: SA1, weight: 100.5}\n"
    )
    assert sorted(_messages(text)) == sorted(
        [
            "course.title must be text, not a mapping",
            "course.summary must be text, not a list",
            "course.towards[1] must be text, not nothing",
            "course.ects must be greater than 0, not '0'",
            "course.hours_per_ects must be greater than 0, not '-2.5'",
            "summative[0].weight must be at most 100, not '100.5'",
        ]
    )


def test_long_values_are_cut_at_40_characters() -> None:
    forty, forty_one = "A" * 40, "B" * 41
    assert _messages(f"format: 1\ncourse:\n  ects: {forty}\n") == [f"course.ects must be a number, not '{forty}'"]
    assert _messages(f"format: 1\ncourse:\n  ects: {forty_one}\n") == [
        f"course.ects must be a number, not '{'B' * 40}…'"
    ]


def test_an_unknown_key_with_no_close_match_lists_the_allowed_keys() -> None:
    (message,) = _messages("format: 1\ncourse:\n  zzz: 1\n")
    assert message.startswith("unknown key 'zzz' in course; allowed here: code, title, ")


def test_a_bad_element_inside_an_item_is_dropped_not_the_item() -> None:
    text = (
        "format: 1\nsummative:\n"
        "  - {id: SA1, title: Project, method: project, weight: 60, outcomes: [LO1, [x]]}\n"
        "  - {id: SA2, title: Exam, method: written-exam, weight: 40, outcomes: [LO2]}\n"
    )
    loaded = load_text(text)
    assert [(f.code, f.line, f.message) for f in loaded.findings] == [
        ("ST006", 3, "summative[0].outcomes[1] must be text, not a list")
    ]
    assert loaded.design is not None and loaded.broken_items == set()
    assert [s.outcomes for s in loaded.design.summative] == [["LO1"], ["LO2"]]


def test_an_item_that_is_not_a_mapping_is_marked_broken_in_place() -> None:
    text = "format: 1\nsummative:\n  - {id: SA1, weight: 60}\n  - just text\n  - {id: SA3, weight: 40}\n"
    loaded = load_text(text)
    assert loaded.broken_items == {("summative", 1)}
    assert loaded.design is not None and [s.id for s in loaded.design.summative] == ["SA1", None, "SA3"]
    assert [(f.line, f.message) for f in loaded.findings] == [
        (4, "summative[1] must be a mapping (key: value lines), not 'just text'")
    ]


def test_load_data_names_its_default_path_like_load_text() -> None:
    source = load_text("format: 1\ncourse:\n  titel: Draft\n")
    loaded = load_data({"format": 1, "course": {"titel": "Draft"}}, source.source)
    assert [(f.path, f.line, f.node) for f in loaded.findings] == [("<string>", 3, ("course", "titel"))]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("# notes\n- a\n- b\n", "a list"), ("# notes\njust text\n", "a single value")],
    ids=["list", "scalar"],
)
def test_a_file_that_is_not_a_mapping_is_named_and_placed(text: str, kind: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path)
    assert loaded.design is None
    assert [(f.code, f.line, f.message, f.path) for f in loaded.findings] == [
        ("ST003", 2, f"a design must be a mapping with 'format: 1' at the top, not {kind}", str(path))
    ]


def test_unknown_keys_say_where_they_are() -> None:
    text = (
        "format: 1\nnotes: x\ncourse:\n  titel: Draft\n  awarding_bodies:\n    - {name: Test University, contry: BE}\n"
        "summative:\n  - {id: SA1, wieght: 100}\n  - {id: 7, wieght: 0}\n"
    )
    assert [(f.line, f.message.split(";")[0]) for f in load_text(text).findings if f.code == "ST005"] == [
        (2, "unknown key 'notes' in the top level"),
        (4, "unknown key 'titel' in course"),
        (6, "unknown key 'contry' in an awarding body"),
        (8, "unknown key 'wieght' in SA1"),
        (9, "unknown key 'wieght' in summative[1]"),
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("course: {title: X}\n", (1, 1), "missing 'format: 1' at the top; is this a course design?"),
        (
            "course: {title: X}\nformat: '1'\n",
            (2, 9),
            "format must be the number 1, not the text '1'; remove the quotes",
        ),
        ("course: {title: X}\nformat: '2'\n", (2, 9), "unsupported format '2'; this designer reads format 1"),
    ],
    ids=["missing", "quoted-1", "quoted-2"],
)
def test_the_format_key_is_checked_where_it_is(text: str, where: tuple[int, int], message: str) -> None:
    loaded = load_text(text)
    assert loaded.design is None and loaded.text == text
    assert [(f.code, f.line, f.column, f.message, f.path) for f in loaded.findings] == [
        ("ST003", *where, message, "<string>")
    ]


def test_a_key_that_is_a_list_is_reported_and_the_rest_of_the_mapping_read() -> None:
    loaded = load_text("format: 1\ncourse:\n  title: X\n  [a, b]: 1\n  ects: 3\n")
    assert [(f.code, f.line, f.column, f.message, f.path, f.node) for f in loaded.findings] == [
        ("ST006", 4, 3, "a mapping key must be plain text, not a list or mapping", "<string>", ("course",))
    ]
    assert loaded.design is not None and loaded.design.course.ects == 3


@pytest.mark.parametrize(
    "raw",
    [b"", b"\n  \n", b"# notes only\n\n  # indented note\n", b"\xef\xbb\xbf\xef\xbb\xbf# saved twice with a BOM\n"],
    ids=["nothing", "blank-lines", "comments", "second-byte-order-mark"],
)
def test_an_empty_file_is_named_as_empty(raw: bytes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.yaml"
    path.write_bytes(raw)
    assert [(f.code, f.line, f.message, f.path) for f in load_file(path).findings] == [
        ("ST003", 1, "the file is empty; a design starts with 'format: 1'", str(path))
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("format: 1\n  bad: indent\n", (2, 6), "YAML syntax error: mapping values are not allowed in this context"),
        (
            "format: 1\ncourse: {title: X\n",
            (3, 1),
            "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping)",
        ),
    ],
    ids=["without-context", "with-context"],
)
def test_a_syntax_error_reads_as_the_parser_said_it(text: str, where: tuple[int, int], message: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    assert [(f.code, f.line, f.column, f.message, f.path) for f in load_file(path).findings] == [
        ("ST001", *where, message, str(path))
    ]


def test_a_duplicate_key_names_the_first_line_and_keeps_the_later_value() -> None:
    loaded = load_text("format: 1\ncourse:\n  title: A\n  ects: 3\n  title: B\n", "course.yaml")
    assert [(f.code, f.line, f.column, f.message, f.path, f.node) for f in loaded.findings] == [
        (
            "ST004",
            5,
            3,
            "duplicate key 'title' (first at line 3); the later value is used",
            "course.yaml",
            ("course", "title"),
        )
    ]
    assert loaded.design is not None and loaded.design.course.title == "B" and loaded.design.course.ects == 3


def test_merged_keys_are_placed_where_they_are_written() -> None:
    text = "format: 1\nsummative:\n  - &base {id: SA1, title: Project, wieght: 3}\n  - {<<: *base, id: SA2}\n"
    loaded = load_text(text)
    assert [(f.line, f.column, f.node) for f in loaded.findings] == [
        (3, 37, ("summative", 0, "wieght")),
        (3, 37, ("summative", 1, "wieght")),
    ]
    assert loaded.mark(("summative", 1, "title"), key=True) == loaded.mark(("summative", 0, "title"), key=True)
    assert (
        loaded.mark(("summative", 1, "title"), key=True).line,
        loaded.mark(("summative", 1, "id"), key=True).line,
    ) == (3, 4)
