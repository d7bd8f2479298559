"""`render.plain` draws text blocks as rich does with no colour: the same characters.

It is a speed trick (text `history` at scale), so the one thing to prove is that it
changes nothing a user sees: every block, every width, every kind of text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from positions import loader, views
from positions.cli import app
from positions.datafile import bundled_path
from positions.render import plain, terminal
from positions.text import printable
from tests.profiles import examples

DATA = Path(__file__).parent / "data"


def by_rich(view: terminal.Blocks, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False)
    console.print(view)
    return out.getvalue()


def by_plain(view: terminal.Blocks, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False)
    console.print(view.tail_view())
    return "".join(f"{line}\n" for line in plain.lines(view.blocks, width)) + out.getvalue()


# Words of every kind a data file holds once printable: wide letters, emoji, escapes,
# runs of spaces, words longer than any column, line breaks kept by a caller.
_WORDS = st.sampled_from(
    ["a", "word", "Zaporizhzhia", "x" * 70, "  ", " ", "\u4e2d\u6587\u5b57", "\U0001f600",
     "\\x1b[31m", "caf\u00e9", "-", "\u201cquoted\u201d", "\n", "e\u0301", "\u3000"]
)  # fmt: skip
_TEXTS = st.lists(_WORDS, max_size=30).map(lambda words: " ".join(words))
_BLOCKS = st.builds(
    plain.Block,
    _TEXTS.map(lambda t: Text(t, style="dim")),
    st.sampled_from([0, 2, 4, plain.UNDER_DATE]),
    st.booleans(),
)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_BLOCKS, max_size=8), st.integers(20, 130))
def test_plain_lines_are_rich_lines(blocks: list[plain.Block], width: int) -> None:
    view = terminal.Blocks(blocks, [])
    assert by_plain(view, width) == by_rich(view, width)


@pytest.mark.parametrize("width", [20, 21, 40, 55, 56, 57, 80, 100, 200])
@pytest.mark.parametrize("data", ["default", "trade2.yaml", "hostile.yaml", "f2-hostile-text.yaml"])
def test_history_is_the_same_either_way(data: str, width: int) -> None:
    path = bundled_path() if data == "default" else DATA / data
    if not path.exists():
        path = Path(__file__).parent / "corpus" / data
    ds = loader.load(path)
    view = terminal.history(views.history_view(ds))
    assert isinstance(view, terminal.Blocks)
    assert by_plain(view, width) == by_rich(view, width)


def test_the_command_takes_the_plain_way_only_without_colour() -> None:
    """What the CLI prints through plain, with NO_COLOR, is rich's drawing; with colour
    rich draws it (escape codes and all)."""
    runner = CliRunner()
    plain_out = runner.invoke(app, ["history"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    ds = loader.load(bundled_path())
    view = terminal.history(views.history_view(ds))
    assert isinstance(view, terminal.Blocks)
    assert plain_out.stdout == by_rich(view, 80)
    coloured = runner.invoke(app, ["history"], env={"COLUMNS": "80", "FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout


def test_a_long_summary_wraps_the_same_way() -> None:
    text = printable("Offered to halt\tits offensives " * 20 + "\x1b[2J")
    blocks = [plain.Block(Text(text), plain.UNDER_DATE), plain.Block(Text(text), hanging=True)]
    for width in (20, 56, 80):
        view = terminal.Blocks(blocks, [])
        assert by_plain(view, width) == by_rich(view, width)


def test_a_shift_shows_the_marks_of_the_stance_it_left() -> None:
    """A red line given up for a plain stance: the shift shows both, and the legend
    says what `!` means, though the newer stance has none."""
    import datetime as dt

    from tests.factories import dataset, pos

    first = pos("a", "x", -2, red_line=True)
    later = pos("a", "x", -1)._replace(date=dt.date(2025, 3, 1))
    view = terminal.history(views.history_view(dataset([first, later])))
    assert isinstance(view, terminal.Blocks)
    text = by_plain(view, 100)
    assert "2025-03-01  shift --! strongly oppose -> -  oppose" in text
    assert text.endswith("!  red line (a stance it says it will never give up)\n")
