"""Blocks of text drawn without rich, where no colour is drawn: a speed trick.

A long view (text `history` of a decade of roll calls: 145,000 positions, half a
million lines) is a column of blocks of text, each a `rich.text.Text` indented by a
few cells. rich draws each through its general machinery (Padding, segments, line
splitting), which costs several times what building the view does. Where nothing is
coloured (a pipe, a file: the console has no colour system), the same lines can be
made straight from the text with the function rich wraps with (`divide_line`) and its
rules for what a wrapped line keeps. `terminal.Blocks` draws the same blocks through
rich; `tests/test_plain.py` proves both give the same characters, whatever the text
and the width.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.text import Text

#: `Block.indent` for text set under a history entry's date: 14 cells, or 4 on a
#: terminal narrower than 56, where 14 would leave a word or two a line.
UNDER_DATE = -1
#: A hanging block's first line is indented by this much.
HANG = 2
_TRAILING_SPACE = re.compile(r"\s+$")


class Block(NamedTuple):
    """A text drawn `indent` cells in (or UNDER_DATE); a `hanging` one starts 2 cells
    in, and what does not fit on its first line goes under the date."""

    text: Text
    indent: int = 0
    hanging: bool = False


def under_date(width: int) -> int:
    return 14 if width >= 56 else 4


def indent_of(block: Block, width: int) -> int:
    return under_date(width) if block.indent == UNDER_DATE else block.indent


def hang_break(plain: str, width: int) -> int | None:
    """Where a hanging block's first line ends (an offset into `plain`), or None when
    it fits in `width` cells after its 2-cell indent: one rule for both drawings."""
    room = width - HANG
    if cell_len(plain) <= room:
        return None
    breaks = divide_line(plain, room, fold=True)
    return breaks[0] if breaks else None


def lines(blocks: Iterable[Block], width: int) -> Iterator[str]:
    """Each line of the blocks as rich draws them at `width` with no colour, without
    the spaces at the end that `terminal` trims from every view."""
    for block in blocks:
        plain = block.text.plain
        if block.hanging:
            at = hang_break(plain, width)
            if at is not None:
                yield from _wrapped(plain[:at].rstrip(), HANG, width)
                yield from _wrapped(plain[at:], under_date(width), width)
                continue
            yield from _wrapped(plain, HANG, width)
        else:
            yield from _wrapped(plain, indent_of(block, width), width)


def _wrapped(plain: str, indent: int, width: int) -> Iterator[str]:
    """`plain` wrapped as `Text.wrap` folds it into `width - indent` cells, each line
    `indent` spaces in (rich.padding.Padding)."""
    room = width - indent
    pad = " " * indent
    for line in plain.split("\n"):
        if "\t" in line:  # pragma: no cover - every text from data is printable()
            line = line.expandtabs(8)
        offsets = divide_line(line, room, fold=True)
        starts = [0, *offsets]
        for start, end in zip(starts, [*offsets, len(line)], strict=True):
            part = line[start:end]
            excess = len(part) - room
            if excess > 0 and (space := _TRAILING_SPACE.search(part)) is not None:
                part = part[: len(part) - min(len(space.group()), excess)]
            if cell_len(part) > room:
                part = set_cell_size(part, room)
            yield (pad + part).rstrip(" ")
