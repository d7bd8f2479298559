"""FastTable draws exactly what rich's Table draws, styles included, only faster.

Every test builds the same table twice, once as rich's Table and once as
FastTable, and compares what a colour terminal would receive.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from positions.render.table import FastTable
from tests.profiles import examples

STYLES = ["", "bold", "red", "dim italic", "on blue", "underline green"]
# Words that wrap, fold, fill columns of two-cell characters, carry tabs and breaks, or
# make a string's cell count differ from the sum of its parts' (joiners, combining marks).
WORDS = st.sampled_from(
    [
        "a",
        "vote",
        "ceasefire",
        "Donetsk-Luhansk",
        "x" * 30,
        "中文字",
        "ｗ",
        "😀",
        "👨\u200d👩\u200d👧",
        "\u200d",
        "\u200b",
        "\xad",
        "e\u0301",
        "é",
        "\t",
        "\n",
        "\r",
        "\u2028",
        "  ",
    ]
)


@st.composite
def texts(draw: st.DrawFn) -> str | Text | None:
    words = draw(st.lists(WORDS, max_size=8))
    plain = " ".join(words)
    kind = draw(st.sampled_from(["none", "str", "text", "lines"]))
    if kind == "none":
        return None
    if kind == "str":
        return plain
    if kind == "lines":  # lines each in one style, as the terminal's position cells are
        text = Text(
            plain,
            style=draw(st.sampled_from(STYLES)),
            justify=draw(st.sampled_from([None, "left", "default"])),
            overflow=draw(st.sampled_from([None, "fold", "crop", "ellipsis"])),
            no_wrap=draw(st.sampled_from([None, True, False])),
        )
        for _ in range(draw(st.integers(0, 3))):
            text.append("\n")
            line = " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))
            text.append_text(Text(line, style=draw(st.sampled_from(STYLES))))
        return text
    text = Text(
        plain,
        style=draw(st.sampled_from(STYLES)),
        justify=draw(st.sampled_from([None, "left", "right", "center", "full"])),
        overflow=draw(st.sampled_from([None, "fold", "crop", "ellipsis"])),
        no_wrap=draw(st.sampled_from([None, True, False])),
    )
    for _ in range(draw(st.integers(0, 3))):
        if plain:
            start = draw(st.integers(0, len(plain) - 1))
            end = draw(st.integers(start, len(plain)))
            text.stylize(draw(st.sampled_from(STYLES[1:])), start, end)
    return text


@st.composite
def tables(draw: st.DrawFn) -> Callable[[type[Table]], Table]:
    """A recipe that builds one random table as either class."""
    options: dict[str, Any] = {
        "box": draw(st.sampled_from([box.SIMPLE_HEAD, None, box.ROUNDED, box.HEAVY_HEAD])),
        "show_edge": draw(st.booleans()),
        "pad_edge": draw(st.booleans()),
        "padding": draw(st.sampled_from([(0, 1), (0, 0), (0, 2, 0, 1)])),
        "expand": draw(st.booleans()),
        "show_header": draw(st.booleans()),
        "header_style": draw(st.sampled_from(["", "bold", "table.header"])),
        "style": draw(st.sampled_from(["", "on black"])),
        "border_style": draw(st.sampled_from(["", "blue"])),
    }
    columns: list[dict[str, Any]] = [
        {
            "header": draw(texts()) or "",
            "justify": draw(st.sampled_from(["left", "right", "center", "full", "default"])),
            "no_wrap": draw(st.booleans()),
            "overflow": draw(st.sampled_from(["fold", "crop", "ellipsis"])),
            "ratio": draw(st.sampled_from([None, 1, 4])),
            "min_width": draw(st.sampled_from([None, 3, 8])),
            "max_width": draw(st.sampled_from([None, 5, 20])),
            "width": draw(st.sampled_from([None, None, None, 6])),
            "style": draw(st.sampled_from(["", "red"])),
            "header_style": draw(st.sampled_from(["", "italic"])),
            "vertical": draw(st.sampled_from(["top", "middle", "bottom"])),
        }
        for _ in range(draw(st.integers(1, 4)))
    ]
    rows = draw(st.lists(st.lists(texts(), max_size=len(columns)), max_size=6))

    def build(cls: type[Table]) -> Table:
        table = cls(**options)
        for column in columns:
            header = column["header"]
            table.add_column(
                header.copy() if isinstance(header, Text) else header,
                **{k: v for k, v in column.items() if k != "header"},
            )
        for row in rows:
            table.add_row(*(cell.copy() if isinstance(cell, Text) else cell for cell in row))
        return table

    return build


def drawn(renderable: Any, width: int, markup: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="truecolor",
        markup=markup,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


@settings(max_examples=examples(400), deadline=None)
@given(recipe=tables(), width=st.integers(1, 100), markup=st.booleans())
def test_fast_table_draws_what_rich_draws(
    recipe: Callable[[type[Table]], Table], width: int, markup: bool
) -> None:
    assert drawn(recipe(FastTable), width, markup) == drawn(recipe(Table), width, markup)


@settings(max_examples=examples(100), deadline=None)
@given(recipe=tables(), width=st.integers(10, 100))
def test_fast_table_inside_a_group_is_measured_as_rich_measures(
    recipe: Callable[[type[Table]], Table], width: int
) -> None:
    """A group measures its parts before drawing them: the same table, measured then drawn."""
    fast, slow = Group(Text("head"), recipe(FastTable)), Group(Text("head"), recipe(Table))
    assert drawn(fast, width) == drawn(slow, width)


def test_the_fast_path_is_taken_for_the_tables_this_tool_draws() -> None:
    """The property tests would pass if FastTable always fell back: it must not."""
    table = FastTable(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Actor")
    table.add_column("Stance", no_wrap=True)
    table.add_row(Text("Russia", style="bold"), Text("oppose", style="red"))
    table.add_row()
    assert table._fast()
    rich_table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    rich_table.add_column("Actor")
    rich_table.add_column("Stance", no_wrap=True)
    rich_table.add_row(Text("Russia", style="bold"), Text("oppose", style="red"))
    rich_table.add_row()
    assert drawn(table, 40) == drawn(rich_table, 40)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: setattr(t, "show_footer", True),
        lambda t: setattr(t, "show_lines", True),
        lambda t: setattr(t, "row_styles", ["dim"]),
        lambda t: t.add_row("x", end_section=True),
        lambda t: t.add_row(Table()),
    ],
    ids=["footer", "lines", "row-styles", "end-section", "nested-table"],
)
def test_anything_else_is_drawn_by_rich(change: Callable[[Table], None]) -> None:
    table = FastTable()
    table.add_column("a")
    table.add_row("x")
    change(table)
    assert not table._fast()


TRICKY = [
    "abc    def",  # runs of spaces at a break: rich keeps some, drops the rest
    "ab  cd  ef  gh",
    "x" * 25 + "   y",  # a word longer than the column, then spaces
    "中文 中文字 中",  # two cells a character
    "e\u0301te\u0301",  # combining accents: fewer cells than characters
    "word ",
    "   lead",
]


@pytest.mark.parametrize("plain", TRICKY)
@pytest.mark.parametrize("justify", ["default", "left"])
@pytest.mark.parametrize("overflow", ["fold", "crop", "ellipsis"])
def test_wrapping_at_every_width_in_a_styled_cell(plain: str, justify: str, overflow: str) -> None:
    """Where a break falls among spaces matters only once the text is styled."""

    def build(cls: type[Table]) -> Table:
        table = cls(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("h", justify=justify, overflow=overflow)  # type: ignore[arg-type]
        table.add_row(Text(plain, style="bold on red"))
        return table

    for width in range(1, 20):
        assert drawn(build(FastTable), width) == drawn(build(Table), width), width


def test_lines_each_in_one_style_take_the_fast_path() -> None:
    """The cells `show` draws (summary, quote, source: a style each) are laid out directly;
    a span over part of a line is not."""
    from positions.render import table as fast

    console = Console(file=io.StringIO(), width=80)
    cell = Text("Wants it moved.")
    cell.append("\n")
    cell.append_text(Text("\u201cWe will.\u201d", style="italic"))
    cell.append("\n")
    cell.append_text(Text("The Wire, 2025-01-02", style="dim"))
    found = fast._styled_lines(console, cell)
    assert found is not None
    assert [(line, spanned) for line, _, spanned in found] == [
        ("Wants it moved.", False),
        ("\u201cWe will.\u201d", True),
        ("The Wire, 2025-01-02", True),
    ]
    cell.stylize("bold", 0, 5)
    assert fast._styled_lines(console, cell) is None
