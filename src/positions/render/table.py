"""rich's Table, drawn to the same characters and styles in a fraction of the time.

rich measures and draws every cell through its general protocol: the cell is
wrapped in a Padding, which is rendered through `Console.render_lines`, which
renders the Text, and each layer measures, splits and pads lines again. That
costs about 100 microseconds a cell: 6 ms of the 20 ms that `positions show`
adds to Python's start, and most of a second for a 1,000-row `diff`.

`FastTable` takes the direct route for the tables this tool draws: cells of
Text or str, a header, no footer, no lines or styles between rows, no vertical
padding. It measures each cell's text once and keeps the numbers for rich's
second measuring pass, and it draws a cell by wrapping its Text and adding the
padding, with rich's own Text, Segment and Measurement arithmetic, so the
output is the same to the byte. A table with anything else is drawn by rich
itself. `tests/test_table.py` holds the two to identical output, styles
included, on random tables at random widths.

Like rich's, a table is measured from its cells when it is drawn; unlike
rich's, it keeps those measurements until a row is added, so a cell's Text
must not be changed in place after the table has been measured or drawn.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Column

_NULL = Style.null()
#: Where rich measures a string as a whole rather than as the sum of its
#: characters (rich.cells._cell_len): around a zero-width joiner or a variation
#: selector 16, cutting a line into segments can change its measured width, and
#: rich pads such lines again at several steps. Text without them has additive
#: widths, so every line _cell_lines makes is exactly its cell's width; text with
#: them is drawn through rich's own per-cell code.
_JOINERS = frozenset("\u200d\ufe0f")
#: The parts of a box around and between the cells of a row, as rich's Box names them.
_EDGES = ("left", "right", "vertical")


class FastTable(Table):
    """A rich Table with a faster way to measure and draw plain rows; see the module."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Text.__rich_measure__ of each column's cells, by column index and row count:
        # rich measures twice when it has to narrow a table, and the text is the same.
        self._text_width_cache: dict[
            tuple[int, int], tuple[list[tuple[int, int]], tuple[int, int] | None]
        ] = {}
        self._plain_cells_for: tuple[int, int] | None = None
        self._plain = False

    def _fast(self) -> bool:
        """Whether this table uses only what the fast path draws."""
        top, _, bottom, _ = self.padding
        return (
            not self.show_footer
            and not self.show_lines
            and not self.leading
            and not self.row_styles
            and not self.collapse_padding
            and top == 0
            and bottom == 0
            and self._plain_cells()
        )

    def _plain_cells(self) -> bool:
        """Every row unstyled and every cell a Text or str (kept until rows are added).

        A str holding `[` may be markup, which rich converts only for cells it
        draws (an invalid tag fails only there), so such a table is rich's.
        """
        key = (len(self.rows), len(self.columns))
        if self._plain_cells_for != key:
            self._plain = all(
                row.style is None and not row.end_section for row in self.rows
            ) and all(
                not column.highlight
                and all(
                    isinstance(cell, Text) or (isinstance(cell, str) and "[" not in cell)
                    for cell in (column.header, *column._cells)
                )
                for column in self.columns
            )
            self._plain_cells_for = key
        return self._plain

    def _pads(self, index: int) -> tuple[int, int]:
        """Left and right padding of every cell in column `index`."""
        _, right, _, left = self.padding
        if not self.pad_edge:
            if index == 0:
                left = 0
            if index == len(self.columns) - 1:
                right = 0
        return left, right

    def _texts(self, console: Console, options: ConsoleOptions, column: Column) -> list[Text]:
        """The column's header (when shown) and cells as Text, as rich would make them."""
        cells: Iterable[str | Text] = column._cells  # type: ignore[assignment]
        if self.show_header:
            cells = [column.header, *cells]  # type: ignore[list-item]
        return [
            console.render_str(cell, highlight=False, markup=options.markup)
            if isinstance(cell, str)
            else cell
            for cell in cells
        ]

    # -- measuring ----------------------------------------------------------------

    def _measure_column(
        self, console: Console, options: ConsoleOptions, column: Column
    ) -> Measurement:
        if column.width is not None or not self._fast():
            return super()._measure_column(console, options, column)
        max_width = options.max_width
        if max_width < 1:
            return Measurement(0, 0)
        left, right = self._pads(column._index)
        extra = left + right
        widths, widest = self._text_widths(console, options, column)
        narrow = max_width - extra < 1
        if widest is not None and not narrow:
            # Every cell has 0 <= minimum <= maximum (a word lies within a line), and
            # then rich's per-cell arithmetic below comes to this for the column.
            lowest = min(widest[0] + extra, max_width)
            highest = min(widest[1] + extra, max_width)
        else:
            lowest = highest = -1
            for minimum, maximum in widths:
                # Measurement.get of Padding(text), as rich computes it, in integers:
                # normalize() is (min(max(0, lo), hi), max(0, lo, hi)).
                if narrow:
                    lo = hi = max_width
                else:
                    lo, hi = _normalized(minimum, maximum)
                    lo, hi = min(lo, max_width), min(hi, max_width)
                    lo, hi = (0, 0) if hi < 1 else _normalized(lo, hi)
                    lo, hi = min(lo + extra, max_width), min(hi + extra, max_width)
                lo, hi = _normalized(lo, hi)
                lo, hi = min(lo, max_width), min(hi, max_width)
                lo, hi = (0, 0) if hi < 1 else _normalized(lo, hi)
                lowest, highest = max(lowest, lo), max(highest, hi)
        measurement = Measurement(
            1 if lowest < 0 else lowest, max_width if highest < 0 else highest
        ).with_maximum(max_width)
        return measurement.clamp(
            None if column.min_width is None else column.min_width + extra,
            None if column.max_width is None else column.max_width + extra,
        )

    def _text_widths(
        self, console: Console, options: ConsoleOptions, column: Column
    ) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """Text.__rich_measure__ of each cell (it reads only the text), and the
        largest minimum and maximum when every cell has 0 <= minimum <= maximum."""
        key = (column._index, len(column._cells))
        cached = self._text_width_cache.get(key)
        if cached is None:
            widths = []
            for text in self._texts(console, options, column):
                measured = text.__rich_measure__(console, options)
                widths.append((measured.minimum, measured.maximum))
            regular = bool(widths) and all(0 <= lo <= hi for lo, hi in widths)
            widest = (max(w[0] for w in widths), max(w[1] for w in widths)) if regular else None
            cached = self._text_width_cache[key] = (widths, widest)
        return cached

    # -- drawing ------------------------------------------------------------------

    def _render(self, console: Console, options: ConsoleOptions, widths: list[int]) -> RenderResult:
        self._text_width_cache.clear()
        if not self._fast():
            yield from super()._render(console, options, widths)
            return
        yield from self._fast_render(console, options, widths)

    def _fast_render(
        self, console: Console, options: ConsoleOptions, widths: list[int]
    ) -> Iterator[Segment]:
        get_style = console.get_style
        table_style = get_style(self.style or "")
        border_style = table_style + get_style(self.border_style or "")
        box = (
            self.box.substitute(
                options, safe=console.safe_box if self.safe_box is None else self.safe_box
            )
            if self.box
            else None
        )
        box = box.get_plain_headed_box() if box and not self.show_header else box
        new_line = Segment.line()
        show_edge = self.show_edge
        columns = self.columns
        if box:
            # (left edge, right edge, divider) of the first row, the middle ones, the last.
            edges = [
                tuple(Segment(getattr(box, f"{row}_{part}"), border_style) for part in _EDGES)
                for row in ("head", "mid", "foot")
            ]
            if show_edge:
                yield Segment(box.get_top(widths), border_style)
                yield new_line
        header_style = get_style(self.header_style or "")
        styles = [
            (header_style + get_style(column.header_style), get_style(column.style or ""))
            for column in columns
        ]
        texts = [self._texts(console, options, column) for column in columns]
        any_padding = any(self.padding)  # rich wraps cells in a Padding only then
        pads = [self._pads(column._index) for column in columns]
        rows = list(zip(*texts, strict=False))  # as rich: a short column ends the rows
        for index, row in enumerate(rows):
            first, last = index == 0, index == len(rows) - 1
            header_row = first and self.show_header
            cells: list[list[list[Segment]]] = []
            cell_styles: list[Style] = []
            for width, text, column, (left, right), (head, body) in zip(
                widths, row, columns, pads, styles, strict=True
            ):
                style = head if header_row else body  # rows here carry no style of their own
                cell_styles.append(style)
                if _JOINERS.isdisjoint(text.plain):
                    lines = _cell_lines(console, options, text, column, width, left, right, style)
                else:  # rich's own way, step by step: see _JOINERS
                    lines = console.render_lines(
                        Padding(text, (0, right, 0, left)) if any_padding else text,
                        options.update(
                            width=width,
                            justify=column.justify,
                            no_wrap=column.no_wrap,
                            overflow=column.overflow,
                            height=None,
                            highlight=column.highlight,
                        ),
                        style=style,
                    )
                cells.append(lines)
            # As in rich: cells are aligned to the tallest cell, then shaped to at
            # least one line (an all-empty row still takes a line, unstyled).
            row_height = max(len(lines) for lines in cells)
            height = max(1, row_height)
            shaped = []
            for width, lines, column, style in zip(
                widths, cells, columns, cell_styles, strict=True
            ):
                vertical = "bottom" if header_row else column.vertical
                if vertical == "top":
                    lines = Segment.align_top(lines, width, row_height, style)
                elif vertical == "middle":
                    lines = Segment.align_middle(lines, width, row_height, style)
                else:
                    lines = Segment.align_bottom(lines, width, row_height, style)
                if all(_JOINERS.isdisjoint(t) for line in lines for t, _, _ in line):
                    # set_shape on lines `width` cells wide, as _cell_lines makes them:
                    # it only adds the unstyled line an all-empty row takes.
                    shaped.append(lines[:height] + [[Segment(" " * width)]] * (height - len(lines)))
                else:
                    shaped.append(Segment.set_shape(lines, width, height))
            if box:
                left_edge, right_edge, divider = edges[0 if first else (2 if last else 1)]
                for line_no in range(height):
                    if show_edge:
                        yield left_edge
                    for n, lines in enumerate(shaped):
                        yield from lines[line_no]
                        if n < len(shaped) - 1:
                            yield divider
                    if show_edge:
                        yield right_edge
                    yield new_line
                if header_row:
                    yield Segment(box.get_row(widths, "head", edge=show_edge), border_style)
                    yield new_line
            else:
                for line_no in range(height):
                    for lines in shaped:
                        yield from lines[line_no]
                    yield new_line
        if box and show_edge:
            yield Segment(box.get_bottom(widths), border_style)
            yield new_line


def _normalized(minimum: int, maximum: int) -> tuple[int, int]:
    """Measurement(minimum, maximum).normalize(), as a pair."""
    minimum = min(max(0, minimum), maximum)
    return max(0, minimum), max(0, minimum, maximum)


_TRAILING_SPACE = re.compile(r"\s+$")  # as rich's Text.rstrip_end finds it


def _pieces(plain: str, inner: int, no_wrap: bool, fold: bool) -> list[tuple[str, int]] | None:
    """The lines rich's Text.wrap makes of `plain` at this width, with their cell
    lengths, when every one fits; None when one must be cut (the general path)."""
    length = cell_len(plain)
    if no_wrap:
        return [(plain, length)] if length <= inner else None
    offsets = [] if length <= inner else divide_line(plain, inner, fold=fold)
    bounds = [0, *offsets, len(plain)]
    pieces = []
    for start, end in itertools.pairwise(bounds):
        piece = plain[start:end]
        if len(piece) > inner:  # Text.rstrip_end: drop trailing space beyond the width
            match = _TRAILING_SPACE.search(piece)
            if match is not None:
                piece = piece[: len(piece) - min(len(match.group()), len(piece) - inner)]
        cells = cell_len(piece)
        if cells > inner:
            return None
        pieces.append((piece, cells))
    return pieces


def _styled_lines(console: Console, text: Text) -> list[tuple[str, Style | None, bool]] | None:
    """Each line of `text` with its one style, and whether a span gave it: the text's
    style, with the one span that covers the whole line; None when a span covers
    part of a line, two spans share one, or a line is empty (the general path)."""
    plain = text.plain
    base = console.get_style(text.style, default=_NULL) if text.style else None
    if not text.spans and "\n" not in plain:
        return [(plain, base, False)]
    bounds: dict[tuple[int, int], int] = {}
    start = 0
    for number, line in enumerate(plain.split("\n")):
        if not line:
            return None
        bounds[start, start + len(line)] = number
        start += len(line) + 1
    by_line: dict[int, str | Style] = {}
    for span in text.spans:
        number = bounds.get((span.start, span.end), -1)
        if number < 0 or number in by_line:
            return None
        by_line[number] = span.style
    result: list[tuple[str, Style | None, bool]] = []
    for (first, end), number in bounds.items():
        line = plain[first:end]
        if number in by_line:
            style = Style.combine(
                [base or _NULL, console.get_style(by_line[number], default=_NULL)]
            )
            result.append((line, style, True))
        else:
            result.append((line, base, False))
    return result


def _cell_lines(
    console: Console,
    options: ConsoleOptions,
    text: Text,
    column: Column,
    width: int,
    left: int,
    right: int,
    style: Style,
) -> list[list[Segment]]:
    """What `console.render_lines(Padding(text, (0, right, 0, left)), ..., style=style)`
    gives in a rich Table cell of this width, without going through those layers."""
    inner = width - left - right
    if width < 1 or inner < 1:
        return []
    justify = text.justify or column.justify or "default"
    overflow = text.overflow or column.overflow or "fold"
    plain = text.plain
    no_wrap = column.no_wrap if text.no_wrap is None else text.no_wrap
    styled = (
        _styled_lines(console, text)
        if plain
        and justify in ("default", "left")
        and overflow != "ignore"
        and text.end == "\n"
        and "\t" not in plain
        else None
    )
    pieces: list[tuple[str, int, Style | None, bool]] | None = []
    for part, line_style, spanned in styled or ():
        found = _pieces(part, inner, bool(no_wrap), overflow == "fold")
        if found is None:
            pieces = None
            break
        assert pieces is not None
        pieces += [(piece, length, line_style, spanned) for piece, length in found]
    lines: Iterable[list[Segment]]
    if styled is not None and pieces is not None:
        # Lines each in one style that all fit: what wrap, join, render and split give
        # for them. A left-justified line is padded in the text's own style.
        base = console.get_style(text.style, default=_NULL) if text.style else None
        lines = []
        for piece, length, line_style, spanned in pieces:
            pad = " " * (inner - length)
            if justify == "left":
                if spanned and pad:
                    line = [Segment(piece, line_style), Segment(pad, base)]
                else:
                    line = [Segment(piece + pad, line_style)]
            elif pad:
                line = [Segment(piece, line_style), Segment(pad, _NULL)]
            else:
                line = [Segment(piece, line_style)]
            lines.append(line)
    else:
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        wrapped = text.wrap(
            console,
            inner,
            justify=justify,
            overflow=overflow,
            tab_size=tab_size or 8,
            no_wrap=bool(no_wrap),
        )
        segments = Text("\n").join(wrapped).render(console, end=text.end)
        lines = Segment.split_and_crop_lines(
            segments, inner, include_new_lines=False, pad=True, style=_NULL
        )
    # Padding's sides, and the cell's style over everything.
    side_style = style if style else _NULL
    pad_left = [Segment(" " * left, side_style)] if left else []
    pad_right = [Segment(" " * right, side_style)] if right else []
    if style:
        add = style.__add__
        return [
            [
                *pad_left,
                *(Segment(t, None if control else add(s), control) for t, s, control in line),
                *pad_right,
            ]
            for line in lines
        ]
    return [[*pad_left, *line, *pad_right] for line in lines]
