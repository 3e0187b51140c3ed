"""Loader behaviour that surviving mutants of designer/model/loader.py showed no test pinned.

Each test names what the loader must do (the figure at a limit, the message of an error
libyaml raises without a position, where an item that cannot be read goes) and was
checked against the mutants `make mutate` left alive. In-memory data (`load_data`) gets
the same limits as a file, so several cases hand it data directly.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
import yaml

from designer.model import loader
from designer.model.loader import DEFAULT_LIMITS, load_data, load_file, load_text

TOO_LARGE = "a figure in a design has at most 15 digits (quote it if it is text)"


def _found(loaded: loader.LoadedDesign) -> list[tuple[object, ...]]:
    return [(f.code, f.line, f.column, f.message, f.path, f.node) for f in loaded.findings]


# --- scalars PyYAML reads that Python's int() and float() do not ------------------------


def test_yaml_number_forms_python_rejects_are_read_as_pyyaml_reads_them() -> None:
    # Trailing and doubled underscores, a sign before 0x or a leading-zero octal, `Null`:
    # YAML 1.1 numbers and nulls, which int()/float() alone would refuse or keep as text.
    forms = ["7", "6_", "1__0", "+0x6", "-0x6", "+017", "1.5", "1_.5", "2.5_", "~", "Null", "!!null Null"]
    text = "values:\n" + "".join(f"  - {form}\n" for form in forms)
    loaded = load_text(text)
    assert [f.code for f in loaded.findings] == ["ST003"]  # not a design, but every value is read
    assert loaded.data is not None
    expected = yaml.safe_load(text)["values"]
    assert expected == [7, 6, 10, 6, -6, 15, 1.5, 1.5, 2.5, None, None, None]
    assert loaded.data["values"] == expected
    assert [type(v) for v in loaded.data["values"]] == [type(v) for v in expected]


def test_an_explicit_int_with_a_15_digit_last_part_is_read() -> None:
    loaded = load_text("format: 1\ncourse:\n  ects: 3\n  eqf_level: !!int 0:999999999999999\n")
    assert loaded.data is not None and loaded.data["course"]["eqf_level"] == 999_999_999_999_999
    assert loaded.findings == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0x38D7EA4C68000", "0x38D7EA4C68000"),  # exactly 10**15
        ("1.0e+15", "1.0e+15"),
        ("123456789012345:00", "123456789012345:00"),  # 15 digits, times 60 past the limit
        ("1234567890123456:00", "1234567890123456:00"),  # a part of 16 digits
    ],
    ids=["hex-10e15", "float-10e15", "sexagesimal-overflow", "sexagesimal-long-part"],
)
def test_a_number_of_exactly_the_limit_is_too_large_and_one_below_is_read(value: str, shown: str) -> None:
    text = f"format: 1\ncourse:\n  ects: 0x38D7EA4C67FFF\n  hours_per_ects: 9.99e+14\n  eqf_level: {value}\n"
    loaded = load_text(text, "course.yaml")
    assert _found(loaded) == [
        ("ST006", 5, 14, f"number too large: '{shown}'; {TOO_LARGE}", "course.yaml", ("course", "eqf_level"))
    ]
    assert loaded.design is not None
    assert (loaded.design.course.ects, loaded.design.course.hours_per_ects) == (10**15 - 1, 9.99e14)
    assert loaded.design.course.eqf_level is None


# --- values the walk refuses, where they sit ---------------------------------------------


def test_a_mistyped_value_under_an_unknown_key_is_reported_once_each() -> None:
    text = "format: 1\ncourse:\n  title: Spend analytics\n  titel: !!int abc\n"
    loaded = load_text(text, "course.yaml")
    assert _found(loaded) == [
        (
            "ST006",
            4,
            10,
            "'abc' is tagged !!int but is not a whole number; remove the tag or write a whole number",
            "course.yaml",
            ("course", "titel"),
        ),
        ("ST005", 4, 3, "unknown key 'titel' in course; did you mean 'title'?", "course.yaml", ("course", "titel")),
    ]
    assert loaded.design is not None and loaded.design.course.title == "Spend analytics"


def test_a_section_item_that_is_a_mistyped_scalar_is_kept_in_place_as_broken() -> None:
    text = "format: 1\nsummative:\n  - {id: SA1, title: Project, weight: 100}\n  - !!int many\n"
    loaded = load_text(text, "course.yaml")
    assert _found(loaded) == [
        (
            "ST006",
            4,
            5,
            "'many' is tagged !!int but is not a whole number; remove the tag or write a whole number",
            "course.yaml",
            ("summative", 1),
        )
    ]
    assert loaded.broken_items == {("summative", 1)}
    assert loaded.design is not None and [s.id for s in loaded.design.summative] == ["SA1", None]


def test_a_section_item_that_is_a_number_equal_to_its_index_is_kept_in_place() -> None:
    # The item is the number 1 at index 1: it is replaced where it is, never deleted.
    text = "format: 1\noutcomes:\n  - {id: LO1, domain: skills}\n  - 1\n"
    loaded = load_text(text, "course.yaml")
    assert _found(loaded) == [
        ("ST006", 4, 5, "outcomes[1] must be a mapping (key: value lines), not '1'", "course.yaml", ("outcomes", 1))
    ]
    assert loaded.broken_items == {("outcomes", 1)}
    assert loaded.design is not None and [o.id for o in loaded.design.outcomes] == ["LO1", None]


# --- merged keys count towards the nesting depth like written ones -------------------------

MERGED = "format: 1\nsummative:\n  - {<<: {outcomes: [LO1]}, id: SA1}\n"


def test_a_merged_value_at_the_depth_limit_loads() -> None:
    # The document is depth 0, summative 1, the item 2, outcomes 3, LO1 4.
    loaded = load_text(MERGED, limits={**DEFAULT_LIMITS, "max_depth": 4})
    assert loaded.findings == []
    assert loaded.design is not None and loaded.design.summative[0].outcomes == ["LO1"]


def test_a_merged_value_one_level_past_the_limit_is_refused_where_it_is() -> None:
    loaded = load_text(MERGED, "course.yaml", limits={**DEFAULT_LIMITS, "max_depth": 3})
    assert loaded.design is None
    assert [(f.code, f.line, f.column, f.message, f.path) for f in loaded.findings] == [
        ("ST002", 3, 22, "nesting deeper than 3 levels; not read further", "course.yaml")
    ]


# --- errors libyaml raises, and text it never sees -----------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_control_character_is_a_syntax_error_in_libyamls_words_where_it_is(newline: str) -> None:
    # libyaml's reader error has no problem, context or mark, only a character offset: the first line of its
    # text is the message, and the offset gives the line and column.
    text = newline.join(["format: 1", "course:", "  title: Spend analytics", "  summary: pasted\x0bfrom a PDF", ""])
    loaded = load_text(text, "course.yaml")
    assert loaded.design is None
    assert [(f.code, f.line, f.column, f.message, f.path) for f in loaded.findings] == [
        (
            "ST001",
            4,
            18,
            "YAML syntax error: unacceptable character #x000b: control characters are not allowed",
            "course.yaml",
        )
    ]


@pytest.mark.parametrize(
    "text",
    ["# notes \x07\n", "# notes\n  # indented \x07 note\n\n"],
    ids=["comment", "indented-comment"],
)
def test_a_file_of_comments_is_empty_whatever_the_comments_hold(text: str) -> None:
    assert _found(load_text(text, "notes.yaml")) == [
        ("ST003", 1, 1, "the file is empty; a design starts with 'format: 1'", "notes.yaml", ())
    ]


def test_a_syntax_error_inside_the_last_line_keeps_its_column() -> None:
    text = "format: 1\ncourse:\n  title: Spend\n  summary: x: y"  # no final line break
    assert _found(load_text(text, "course.yaml")) == [
        ("ST001", 4, 13, "YAML syntax error: mapping values are not allowed in this context", "course.yaml", ())
    ]


def test_a_lone_surrogate_after_a_leading_blank_line_is_placed_and_named() -> None:
    text = "\nformat: \ud800\n"
    assert _found(load_text(text, "course.yaml")) == [
        (
            "ST002",
            2,
            9,
            "the text is not valid Unicode (a lone surrogate, U+D800); retype that character",
            "course.yaml",
            (),
        )
    ]


def test_a_parser_that_runs_out_of_stack_gives_st002_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    # libyaml caps flow nesting at 1,000 levels; a build without the cap recurses until Python stops it.
    def recurse(*args: object, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader.yaml, "compose", recurse)
    loaded = load_text("format: 1\n", "course.yaml")
    assert loaded.design is None and loaded.data is None
    assert _found(loaded) == [("ST002", 1, 1, "nesting too deep to read", "course.yaml", ())]


# --- files that are not regular files, or cannot be named -----------------------------------


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    loaded = load_file(tmp_path)
    assert loaded.unreadable
    assert [(f.code, f.message, f.path) for f in loaded.findings] == [
        ("ST002", "not a regular file (a folder); designer reads only regular files", str(tmp_path))
    ]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets are POSIX")
def test_a_socket_is_named_as_a_socket_not_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative name: a socket path has at most about 100 bytes
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("course.yaml")
        loaded = load_file("course.yaml")
    assert loaded.unreadable
    assert [(f.code, f.message, f.path) for f in loaded.findings] == [
        ("ST002", "not a regular file (a socket); designer reads only regular files", "course.yaml")
    ]


def _block_device() -> Path | None:
    root = Path("/dev")
    if not root.is_dir():
        return None
    for entry in sorted(root.iterdir()):
        try:
            if stat.S_ISBLK(entry.stat().st_mode):
                return entry
        except OSError:
            continue
    return None


BLOCK_DEVICE = _block_device()


@pytest.mark.skipif(BLOCK_DEVICE is None, reason="needs a block device under /dev")
def test_a_block_device_is_named_as_one() -> None:
    loaded = load_file(str(BLOCK_DEVICE))
    assert loaded.unreadable
    assert [(f.code, f.message) for f in loaded.findings] == [
        ("ST002", "not a regular file (a block device); designer reads only regular files")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_swapped_in_after_the_check_is_caught_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "course.yaml"
    regular = tmp_path / "regular.yaml"
    regular.write_text("format: 1\n", encoding="utf-8")
    os.mkfifo(pipe)
    real_stat = os.stat

    def stat_before_the_swap(path: object, *args: object, **kwargs: object) -> os.stat_result:
        # The first look still sees the regular file that stood there.
        return real_stat(regular if str(path) == str(pipe) else path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader.os, "stat", stat_before_the_swap)
    loaded = load_file(pipe)
    assert loaded.unreadable
    assert [(f.code, f.message, f.path) for f in loaded.findings] == [
        ("ST002", "not a regular file (a named pipe); designer reads only regular files", str(pipe))
    ]


def test_a_path_with_a_nul_character_cannot_be_read(tmp_path: Path) -> None:
    path = str(tmp_path / "course\x00.yaml")
    loaded = load_file(path)
    assert loaded.unreadable and loaded.design is None
    assert [(f.code, f.line, f.column, f.message, f.path) for f in loaded.findings] == [
        ("ST002", 1, 1, "cannot read the file: embedded null byte", path)
    ]


def test_a_missing_file_is_st002(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    assert [(f.code, f.line, f.column, f.message) for f in load_file(path).findings] == [
        ("ST002", 1, 1, "cannot read the file: No such file or directory")
    ]


# --- in-memory data: the same limits as a file ------------------------------------------------

# Where the in-memory values below sit, as the editor knows it from the file it loaded.
SOURCE_TEXT = (
    "format: 1\ncourse:\n  title: Spend analytics\n  ects: 3\n  towards: [Certificate]\n"
    "summative:\n  - {id: SA1, hours: 20}\n  - {id: SA2, hours: 4}\n"
)
SOURCE = load_text(SOURCE_TEXT).source
# A chain: the document, course, towards and its one title are four nodes, the title at depth 3.
CHAIN: dict[str, object] = {"course": {"towards": ["Certificate"]}}


def _limits(max_nodes: int, max_depth: int) -> dict[str, int]:
    return {**DEFAULT_LIMITS, "max_nodes": max_nodes, "max_depth": max_depth}


def test_in_memory_data_of_exactly_the_node_budget_loads() -> None:
    data = {"format": 1, "course": {"towards": ["Certificate"]}}  # five nodes
    loaded = load_data(data, SOURCE, "draft.yaml", limits=_limits(5, 64))
    assert loaded.findings == []
    assert loaded.design is not None and loaded.design.course.towards == ["Certificate"]


def test_in_memory_data_one_node_over_the_budget_is_refused_with_the_figure() -> None:
    data = {"format": 1, "course": {"towards": ["Certificate"]}}
    loaded = load_data(data, SOURCE, "draft.yaml", limits=_limits(4, 64))
    assert loaded.design is None
    assert [(f.code, f.message, f.path) for f in loaded.findings] == [
        ("ST002", "the document expands to more than 4 nodes (an alias bomb?); not read further", "draft.yaml")
    ]


def test_in_memory_data_at_the_depth_limit_loads() -> None:
    loaded = load_data({"format": 1, **CHAIN}, SOURCE, "draft.yaml", limits=_limits(100, 3))
    assert loaded.findings == []


def test_in_memory_data_one_level_too_deep_is_refused_where_the_value_sits() -> None:
    # The title is the fourth node of four: the budget is spent exactly, the depth is what is broken.
    loaded = load_data(CHAIN, SOURCE, "draft.yaml", limits=_limits(4, 2))
    assert loaded.design is None and loaded.data is None
    assert _found(loaded) == [
        (
            "ST002",
            5,
            13,
            "nesting deeper than 2 levels; not read further",
            "draft.yaml",
            ("course", "towards", 0),
        )
    ]


def test_in_memory_whole_numbers_of_exactly_the_limit_are_too_large() -> None:
    data = {
        "format": 1,
        "summative": [{"id": "SA1", "hours": 10**15 - 1}, {"id": "SA2", "hours": 10**15}],
    }
    loaded = load_data(data, SOURCE, "draft.yaml")
    assert _found(loaded) == [
        ("ST006", 8, 22, f"number too large: '1000000000000000'; {TOO_LARGE}", "draft.yaml", ("summative", 1, "hours"))
    ]
    assert loaded.design is not None and [s.hours for s in loaded.design.summative] == [10**15 - 1, None]


def test_an_in_memory_number_of_14000_bits_is_not_printed() -> None:
    # 2**13998 (13,999 bits) still prints as 40 digits; from 14,000 bits on it is only described.
    smaller, huge = 2**13998, 2**13999
    data = {"format": 1, "summative": [{"id": "SA1", "hours": smaller}, {"id": "SA2", "hours": huge}]}
    loaded = load_data(data, SOURCE, "draft.yaml")
    assert [(f.code, f.line, f.message) for f in loaded.findings] == [
        ("ST006", 8, f"number too large: a number of thousands of digits; {TOO_LARGE}"),
        ("ST006", 7, f"number too large: '{str(smaller)[:40]}…'; {TOO_LARGE}"),
    ]


def test_in_memory_data_with_a_number_for_a_key_is_reported_not_a_crash() -> None:
    # Keys of two types in one mapping, both with a value to drop: the drops are ordered without comparing them.
    data = {"format": 1, "course": {"title": "Spend analytics", "ects": 10**20, 7: 10**20}}
    loaded = load_data(data, SOURCE, "draft.yaml")
    assert {(f.code, f.node, f.message.split(";")[0]) for f in loaded.findings} == {
        ("ST005", ("course", 7), "unknown key '7' in course"),
        ("ST006", ("course", "ects"), "number too large: '100000000000000000000'"),
        ("ST006", ("course", 7), "number too large: '100000000000000000000'"),
    }
    assert len(loaded.findings) == 3
    assert loaded.design is not None
    assert (loaded.design.course.title, loaded.design.course.ects) == ("Spend analytics", None)


@pytest.mark.parametrize(
    ("outcomes", "message", "node"),
    [
        (({"id": "LO1"}, 5), "outcomes[1] must be a mapping (key: value lines), not '5'", ("outcomes", 1)),
        (
            {"LO1": {"id": "LO1"}, "LO2": {"id": "LO2", "statement": ["x"]}}.values(),
            "outcomes[1].statement must be text, not a list",
            ("outcomes", 1, "statement"),
        ),
    ],
    ids=["tuple", "dict-values"],
)
def test_a_value_the_loader_cannot_prune_is_reported_once_and_gives_no_model(
    outcomes: object, message: str, node: tuple[object, ...]
) -> None:
    # A sequence other than a list (the model reads it) cannot have a bad item taken out.
    loaded = load_data({"format": 1, "outcomes": outcomes}, SOURCE, "draft.yaml")
    assert [(f.code, f.message, f.node) for f in loaded.findings] == [("ST006", message, node)]
    assert loaded.design is None
