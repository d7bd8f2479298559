"""The format defined once: the loader, the schema and the docs follow positions.fields."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from positions import fields, loader
from positions.errors import DataError
from positions.fields import Field, Kind

ROOT = Path(__file__).resolve().parents[1]

#: (section, record id, field) of every field of every record, with where VALID has it.
#: `evidence` stands in for `source` and `quote`, so it has tests of its own.
SECTION = {s.name: s for s in fields.SECTIONS}
RECORDS = (("sources", "wire"), ("actors", "north"), ("issues", "border"), ("groups", "all"))
FIELDS = [
    (name, ident, f)
    for name, ident in (*RECORDS, ("positions", 1))
    for f in SECTION[name].records.fields  # type: ignore[union-attr]
    if f.name != "evidence"
]
#: VALID written one field per line, so that each field is one line to take out or change.
BLOCK = """\
format: 2
title: Test talks
sources:
  wire:
    name: The Wire
    url: https://example.org
    file: wire.txt
actors:
  north:
    name: North
    aliases: [N]
    short: No
    capability: 2
    active: {from: 2020-01-01}
issues:
  border:
    title: Border
    question: Should the border move?
    tags: [land]
  trade: {title: Trade, question: Should trade open?}
groups:
  all:
    name: All
    members: [north]
positions:
  - actor: north
    issue: border
    stance: support
    summary: Wants it moved.
    quote: We will.
    source: wire
    date: 2025-01-02
    basis: reported
    note: Said at the summit.
    conditions: [{issue: trade, outcome: adopted}]
    salience: 0.5
    red_line: true
    held_since: 2024-01-01
"""


LISTS = (Kind.NAMES, Kind.TAGS, Kind.MEMBERS)


def _line_of(field: Field, section: str) -> int:
    """The line (from 0) of `field` in BLOCK's section `section`."""
    lines = BLOCK.splitlines()
    start = lines.index(f"{section}:")
    return next(
        n
        for n in range(start + 1, len(lines))
        if lines[n].lstrip(" -").startswith(f"{field.name}: ")
    )


def _problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), "t.yaml")
    return [str(p) for p in info.value.problems]


def test_the_block_file_is_valid() -> None:
    (position,) = loader.parse(BLOCK.encode(), "t.yaml").positions
    assert position.quote == "We will."


def test_every_record_field_is_in_the_block_file() -> None:
    for section, _, field in FIELDS:
        assert _line_of(field, section) > 0


@pytest.mark.parametrize(("section", "ident", "field"), FIELDS, ids=lambda v: str(v))
def test_a_missing_field_is_named_only_when_required(
    section: str, ident: object, field: Field
) -> None:
    lines = BLOCK.splitlines()
    at = _line_of(field, section)
    if lines[at].startswith("  - "):  # the entry's first line: keep the entry's dash
        lines[at + 1] = "  - " + lines[at + 1].lstrip()
    del lines[at]
    text = "\n".join(lines) + "\n"
    spec = next(s.records for s in fields.SECTIONS if s.name == section)
    assert spec is not None
    if not field.required:
        loader.parse(text.encode(), "t.yaml")
        return
    found = _problems(text)
    assert f"{spec.what(ident)} is missing the required field '{field.name}'" in found[0]


@pytest.mark.parametrize(("section", "ident", "field"), FIELDS, ids=lambda v: str(v))
def test_a_list_for_a_single_value_is_refused_in_the_fields_words(
    section: str, ident: object, field: Field
) -> None:
    lines = BLOCK.splitlines()
    at = _line_of(field, section)
    key = lines[at].split(":")[0]
    lines[at] = f"{key}: {{a: b}}"
    spec = next(s.records for s in fields.SECTIONS if s.name == section)
    assert spec is not None
    what = field.what(spec.what(ident))
    if field.kind is Kind.RECORD:  # a mapping is what it wants: give it a list
        lines[at] = f"{key}: [a]"
    expected = {
        Kind.RECORD: f"{field.record.what(spec.what(ident)) if field.record else ''} must be a "
        "mapping of 'key: value' entries",
        Kind.RECORDS: f"{what} must be a list of mappings, each starting with '- '",
    }.get(
        field.kind,
        f"{what} must be a list, e.g. "
        + {Kind.TAGS: "[territory, security]", Kind.MEMBERS: "[france, germany]"}.get(
            field.kind, "[Moscow, Kremlin]"
        )
        if field.kind in LISTS
        else f"{what} must be text, not a mapping",
    )
    column = len(key) + 3
    assert _problems("\n".join(lines) + "\n") == [f"t.yaml:{at + 1}:{column}: {expected}"]


@pytest.mark.parametrize(
    ("section", "ident", "field"),
    [(s, i, f) for s, i, f in FIELDS if f.record is None],
    ids=lambda v: str(v),
)
def test_each_field_keeps_its_limit(section: str, ident: object, field: Field) -> None:
    lines = BLOCK.splitlines()
    at = _line_of(field, section)
    key = lines[at].split(":")[0]
    long = "x" * (field.limit + 1)
    lines[at] = f"{key}: [{long}]" if field.kind in LISTS else f"{key}: {long}"
    spec = next(s.records for s in fields.SECTIONS if s.name == section)
    assert spec is not None
    what = (
        field.what(spec.what(ident))
        if field.kind not in LISTS
        else (field.item.format(record=spec.what(ident)))
    )
    found = _problems("\n".join(lines) + "\n")
    assert found[0].endswith(
        f": {what} is {field.limit + 1:,} characters long; the limit is {field.limit:,}"
    )


def test_unknown_fields_list_what_the_table_allows() -> None:
    text = BLOCK.replace("    quote: We will.", "    quoted: We will.")
    assert _problems(text) == [
        "t.yaml:30:5: unknown field 'quoted' in position 1; did you mean 'quote'?"
    ]
    text = BLOCK.replace("    quote: We will.", "    when: now")
    allowed = ", ".join(fields.POSITION.names)
    assert _problems(text) == [
        f"t.yaml:30:5: unknown field 'when' in position 1; allowed fields: {allowed}"
    ]


def test_the_shipped_schema_is_the_tables() -> None:
    shipped = json.loads((ROOT / "src" / "positions" / "schema.json").read_text(encoding="utf-8"))
    assert shipped == fields.json_schema()


def test_the_docs_show_the_tables() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- fields: begin -->\n(.*?)<!-- fields: end -->\n", text, re.DOTALL)
    assert block is not None
    assert block.group(1) == fields.markdown()


def test_the_schema_has_every_field_of_the_tables() -> None:
    schema = fields.json_schema()
    assert list(schema["properties"]) == list(fields.TOP_NAMES)
    assert schema["required"] == [n for n in fields.TOP_NAMES if n != "groups"]
    for section in fields.SECTIONS:
        if section.records is None:
            continue
        node = schema["properties"][section.name]
        if section.listed:  # a list of positions, or a tidy CSV file (format 2)
            listed, tidy = node["anyOf"]
            assert list(tidy["properties"]) == ["file", "defaults"]
            assert tidy["required"] == ["file"]
            node = listed
        items = node["items"] if section.listed else node["additionalProperties"]
        assert list(items["properties"]) == [f.name for f in section.records.fields]
        required = [n for n in section.records.required if n != "source" or not section.listed]
        assert items["required"] == required


NEWER = [(s, i, f) for s, i, f in FIELDS if f.since > 1]


def test_format_2_has_fields() -> None:
    assert {f.name for _, _, f in NEWER} == {
        "short", "tags", "file", "capability", "active", "basis", "note", "conditions",
        "salience", "red_line", "held_since",
    }  # fmt: skip


@pytest.mark.parametrize(("section", "ident", "field"), NEWER, ids=lambda v: str(v))
def test_a_format_2_field_in_a_format_1_file_says_to_write_format_2(
    section: str, ident: object, field: Field
) -> None:
    # BLOCK at format 1, with this format-2 field and none of the others.
    others = {_line_of(f, s) for s, _, f in NEWER if f is not field}
    block = BLOCK.splitlines()
    groups = range(block.index("groups:"), block.index("positions:"))  # format 2's section
    lines = [line for n, line in enumerate(block) if n not in others and n not in groups]
    text = "\n".join(lines).replace("format: 2", "format: 1") + "\n"
    at = next(n for n, line in enumerate(lines) if line.strip().startswith(f"{field.name}:"))
    spec = next(s.records for s in fields.SECTIONS if s.name == section)
    assert spec is not None
    assert _problems(text) == [
        f"t.yaml:{at + 1}:5: '{field.name}' in {spec.what(ident)} is a format-2 field, and this "
        "file says format 1; write 'format: 2' at the top of the file to use it"
    ]


def test_groups_in_a_format_1_file_say_to_write_format_2() -> None:
    block = BLOCK.splitlines()
    newer = {_line_of(f, s) for s, _, f in NEWER}
    lines = [line for n, line in enumerate(block) if n not in newer]
    text = "\n".join(lines).replace("format: 2", "format: 1") + "\n"
    at = lines.index("groups:")
    assert _problems(text) == [
        f"t.yaml:{at + 1}:1: 'groups' in the data file is a format-2 field, and this file says "
        "format 1; write 'format: 2' at the top of the file to use it"
    ]
