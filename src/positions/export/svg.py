"""The report's pictures as SVG, drawn here: no charting library, no script, no request.

Three pictures, each a pure function of a view's values to markup: the alignment
heat map (`heat_map`: every pair's agreement on a colour scale, coalitions
outlined), an issue's line (`issue_line`: every party placed on -2..+2, the likely
landing marked, red lines and conditional stances shown) and the timeline of
shifts (`timeline`: who moved when, and which way). The HTML report puts them in
the page; `document` makes one a file of its own (`export --format svg --chart`).

All text from the data passes `markup.escape`, as the page's does; every number
is one this module formats itself. Each picture carries its numbers in `data-`
attributes and in `<title>` tooltips, and says in words what it shows (`<desc>`),
so that a reader without sight, and a test, reads what a sighted reader sees.
Sizes stay bounded at any scale: past a few parties at one score an issue's line
draws a bar with a count, and the heat map drops labels and tooltips as cells
shrink (a roll call's 200 actors: 40,000 cells).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from positions.analysis import Coalition, Landing, PairScore, Shift
from positions.export.markup import Html, h, join
from positions.model import Actor, Stance, label_of
from positions.render.json import pair_json
from positions.render.words import moved
from positions.text import plural, printable, shorten

#: Each stance's colour as a mark: at least 3:1 against the page in light and in dark mode
#: (WCAG's contrast for graphics; tests/test_svg.py), the lighter of each side the milder.
STANCE_FILL = {
    Stance.STRONGLY_SUPPORT: "#1a7f37",
    Stance.SUPPORT: "#2da44e",
    Stance.NEUTRAL: "#b08800",
    Stance.OPPOSE: "#fa4549",
    Stance.STRONGLY_OPPOSE: "#cf222e",
}
#: The agreement scale, 0 (opposite extremes) to 1 (identical stances): red through
#: white to blue (ColorBrewer's RdBu, five classes), interpolated between the stops.
SCALE = ((0.0, "#ca0020"), (0.25, "#f4a582"), (0.5, "#f7f7f7"), (0.75, "#92c5de"), (1.0, "#0571b0"))
NO_SCORE_FILL = "#d0d7de"  # a pair with no issue in common
FONT = "font-family:system-ui,sans-serif"

#: Past this many parties at one score an issue's line shows a bar and their number.
STACK = 8
#: The heat map's largest side, in pixels; the smallest cell with a label; the
#: smallest with its score written in it.
HEAT_SIDE = 640
#: The widest a heat map's cell is drawn: a few actors make a map that can be read.
HEAT_CELL = 44
LABELLED_CELL = 8
NUMBERED_CELL = 26
#: Cells in a heat map past which each has no tooltip (its numbers stay in data-):
#: 120 actors have one each.
TOOLTIPS = 15_000
#: The most actors a timeline draws a row for: the ones that moved most.
TIMELINE_ROWS = 30
#: The longest label, in characters, before it is cut with an ellipsis.
LABEL = 18
#: About how wide a character is, as a share of the font size (for the room a label
#: needs): a capital or a wide letter more, a full-width one (CJK) a whole em. Generous:
#: a label cut short reads better than one cut off at the picture's edge.
EM = 0.57
EM_WIDE = 0.74


def text_width(text: str, font: float) -> float:
    """About how wide `text` is drawn at `font` units, in a sans-serif face."""
    width = 0.0
    for c in text:
        if unicodedata.east_asian_width(c) in "WF":
            width += 1.0
        elif c.isupper() or c in "mwMW@%&":
            width += EM_WIDE
        else:
            width += EM
    return width * font


def _num(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: float) -> str:
    """A score as a landing reads: -2, +1.5, 0 (never +0), two significant digits."""
    return "0" if abs(value) < 0.005 else f"{value:+.2g}"


def _label(actor: Actor, width: int = LABEL, room: float | None = None, font: float = 11) -> str:
    """An actor's label where room is short: its `short:`, else its name, made printable
    first (an escape is longer than the character it shows) and cut to `width`
    characters, and to `room` units at `font` when given."""
    text = printable(actor.short or actor.name)
    if len(text) > width:
        text = text[: width - 1] + "…"
    while room is not None and len(text) > 2 and text_width(text, font) > room:
        text = text[:-2] + "…"
    return text


def agreement_fill(score: float | None) -> str:
    """The colour of an agreement score on SCALE; NO_SCORE_FILL for none."""
    if score is None:
        return NO_SCORE_FILL
    score = min(1.0, max(0.0, score))
    for (low, a), (high, b) in itertools.pairwise(SCALE):
        if score <= high:
            t = (score - low) / (high - low)
            mixed = (
                round(int(a[k : k + 2], 16) * (1 - t) + int(b[k : k + 2], 16) * t)
                for k in (1, 3, 5)
            )
            return "#" + "".join(f"{c:02x}" for c in mixed)
    return SCALE[-1][1]  # pragma: no cover - the loop ends at 1.0


def _ink(fill: str) -> str:
    """Text colour on `fill`: black on a light colour, white on a dark one."""
    r, g, b = (int(fill[k : k + 2], 16) for k in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _text(x: float, y: float, text: str, size: float = 11, anchor: str = "start") -> Html:
    """A label in the page's text colour."""
    return h(
        '<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="currentColor">{}</text>',
        _num(x),
        _num(y),
        _num(size),
        anchor,
        text,
    )


def _svg(
    width: float, height: float, label: str, desc: str, body: Html, kind: str, key: str
) -> Html:
    """The picture: `kind` its class, `key` the page-unique stem of its title's ids."""
    return h(
        '<svg class="chart {}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="{}-t {}-d" style="{}">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        kind,
        _num(width),
        _num(height),
        _num(width),
        _num(height),
        key,
        key,
        FONT,
        key,
        label,
        key,
        desc,
        body,
    )


_SIZE = re.compile(r'<svg class="chart [^"]*" viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def document(picture: Html, heading: str) -> str:
    """A picture as an SVG file of its own: the XML declaration and namespace, a white
    ground, `heading` above it (what a page would say around it), and the picture."""
    size = _SIZE.match(picture)
    assert size is not None, "a picture this module drew"
    inner, height = float(size[1]), float(size[2])
    # As wide as the picture (a narrow one: as its heading, up to HEADING_WIDTH), the
    # heading wrapped to it: a long question made a picture mostly white, too wide to
    # read once shrunk to a column.
    bold = 1.1  # a bold face is about a tenth wider than text_width's
    width = max(inner, min(HEADING_WIDTH, 16 + bold * text_width(printable(heading), 14)))
    lines = _wrapped(printable(heading), (width - 16) / bold, 14)
    top = 8.0 + 18 * len(lines)
    texts = join(
        h(
            '<text x="8" y="{}" font-size="14" font-weight="bold" fill="currentColor">{}</text>',
            _num(18 + 18 * k),
            line,
        )
        for k, line in enumerate(lines)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + h(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
            'style="color:#1f2328;{}"><rect width="100%" height="100%" fill="#ffffff"/>'
            '{}<svg x="0" y="{}" width="{}" height="{}">{}</svg></svg>',
            _num(width),
            _num(height + top),
            _num(width),
            _num(height + top),
            FONT,
            texts,
            _num(top),
            _num(inner),
            _num(height),
            picture,
        )
        + "\n"
    )


#: The widest a picture of its own grows for its heading; a longer one wraps.
HEADING_WIDTH = 640
#: The most lines a heading wraps to; the last ends in an ellipsis past them.
HEADING_LINES = 4


def _wrapped(text: str, room: float, size: float, most: int | None = None) -> list[str]:
    """`text` in lines of whole words, each about `room` units at `size` at most (a
    word longer than a line is cut to fit), `most` lines at most (HEADING_LINES)."""
    most = HEADING_LINES if most is None else most
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(_fitted(word, room, size))
    if len(lines) > most:
        lines = [*lines[: most - 1], _fitted(" ".join(lines[most - 1 :]), room, size)]
    return lines or [""]


# --- the heat map -------------------------------------------------------------------


def heat_map(
    actors: Sequence[Actor],
    matrix: Mapping[tuple[str, str], PairScore],
    coalitions: Sequence[Coalition] = (),
    key: str = "heat-map",
    keyed: bool = False,
) -> Html:
    """Every pair's agreement as a cell on SCALE, the actors of each coalition of
    two or more next to one another and outlined; n/a (no issue in common, an actor
    with no position) grey, on the diagonal too. `key`: the stem of its ids. `keyed`
    (a picture on its own): each short label said with its name, under the scale."""
    order = _by_coalition(actors, coalitions)
    n = len(order)
    cell = max(2, min(HEAT_CELL, HEAT_SIDE // max(n, 1)))  # whole pixels: no seams
    labelled = cell >= LABELLED_CELL
    numbered = cell >= NUMBERED_CELL  # each score written in its cell
    font = min(11.0, cell - 1.0)
    number = max(9.0, min(12.0, cell * 0.28))  # a score in its cell: "0.55" fits
    labels = [_label(a) for a in order]
    room = max((text_width(t, font) for t in labels), default=0.0) + 8
    left = room if labelled else 8.0
    top = room * 0.87 if labelled else 8.0  # the column labels, turned 60 degrees
    lean = room * 0.5 if labelled else 0.0  # how far the last column's label leans right
    side = cell * n
    legend_top = top + side + 16
    legend = 200.0
    parts: list[Html] = []
    tips = n * n <= TOOLTIPS
    for i, a in enumerate(order):
        y = top + i * cell
        if labelled:
            parts.append(_text(left - 4, y + cell * 0.5 + font * 0.35, labels[i], font, "end"))
            parts.append(
                h(
                    '<text transform="translate({} {}) rotate(-60)" font-size="{}" '
                    'fill="currentColor">{}</text>',
                    _num(left + (i + 0.6) * cell),
                    _num(top - 4),
                    _num(font),
                    labels[i],
                )
            )
        if not tips:  # compact: a row's cells in the columns' order, which is the rows'
            parts.append(_compact_row(a, order, matrix, left, y, cell))
            continue
        for j, b in enumerate(order):
            pair = matrix[a.id, b.id]
            said = "" if pair.score is None else f"{pair.score:.2f}"
            exact = "" if pair.score is None else str(pair_json(pair)["agreement"])  # as --json
            shared = plural(pair.shared, "shared issue")
            tip = (
                h(
                    "<title>{} and {}: {}</title>",
                    a.name,
                    b.name,
                    f"{said} over {shared}"
                    if pair.score is not None
                    else "n/a, no issue in common",
                )
                if a.id != b.id
                # An actor with itself: blue, or grey (as n/a) when none of its stances
                # counts (each of salience 0, say), which the tooltip says.
                else h(
                    "<title>{}: {}</title>",
                    a.name,
                    f"itself, over {shared}"
                    if pair.score is not None
                    else "no stance counted, so n/a",
                )
            )
            parts.append(
                h(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" data-a="{}" data-b="{}" '
                    'data-score="{}" data-shared="{}">{}</rect>',
                    _num(left + j * cell),
                    _num(y),
                    str(cell),
                    str(cell),
                    agreement_fill(pair.score),
                    a.id,
                    b.id,
                    exact,
                    str(pair.shared),
                    tip,
                )
            )
            if numbered and a.id != b.id and pair.score is not None:
                parts.append(
                    h(
                        '<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{}" '
                        'aria-hidden="true">{}</text>',
                        _num(left + (j + 0.5) * cell),
                        _num(y + cell * 0.5 + number * 0.35),
                        _num(number),
                        _ink(agreement_fill(pair.score)),
                        said,
                    )
                )
    at = {a.id: k for k, a in enumerate(order)}
    grouped = [c for c in coalitions if len(c.members) > 1 and all(m in at for m in c.members)]
    for c in grouped:
        first, size = min(at[m] for m in c.members), len(c.members)
        parts.append(
            h(
                '<rect class="coalition" x="{}" y="{}" width="{}" height="{}" fill="none" '
                'stroke="currentColor" stroke-width="2"/>',
                _num(left + first * cell),
                _num(top + first * cell),
                str(size * cell),
                str(size * cell),
            )
        )
    parts.append(_scale(left, legend_top, legend, bool(grouped)))
    desc = (
        f"Agreement of each pair of {n} actors, from 0 (red: opposite extremes) through "
        "0.5 (white) to 1 (blue: identical stances); grey: no issue in common"
        + (f"; {plural(len(grouped), 'coalition')} outlined." if grouped else ".")
    )
    width = max(left + side + lean, left + legend + 150) + 8
    bottom = legend_top + 44
    named = [f"{label} {a.name}" for a, label in zip(order, labels, strict=True) if label != a.name]
    if keyed and labelled and named:
        for line in _wrapped(", ".join(named), width - left - 8, 10, most=12):
            parts.append(_text(left, bottom - 4, line, 10))
            bottom += 14
    return _svg(
        width,
        bottom,
        "Agreement between actors",
        desc,
        join(parts),
        "heat-map",
        key,
    )


def _compact_row(
    a: Actor,
    order: Sequence[Actor],
    matrix: Mapping[tuple[str, str], PairScore],
    left: float,
    y: float,
    cell: int,
) -> Html:
    """One row of a heat map too large for a tooltip a cell (200 actors: 40,000 cells):
    `<g data-a>` and its cells in the columns' order, each with its numbers only."""
    cells = []
    for j, b in enumerate(order):
        pair = matrix[a.id, b.id]
        exact = "" if pair.score is None else str(pair_json(pair)["agreement"])  # as --json
        cells.append(
            f'<rect x="{_num(left + j * cell)}" width="{cell}" height="{cell}" '
            f'fill="{agreement_fill(pair.score)}" data-score="{exact}" '
            f'data-shared="{pair.shared}"/>'
        )
    # Every value above is a number or a colour this module made: only the id is data.
    return h(
        '<g class="row" data-a="{}" transform="translate(0 {})">{}</g>',
        a.id,
        _num(y),
        Html("".join(cells)),
    )


def _by_coalition(actors: Sequence[Actor], coalitions: Sequence[Coalition]) -> list[Actor]:
    """The actors with each coalition's members together, coalitions in their order,
    then everyone else in the data's order."""
    by_id = {a.id: a for a in actors}
    order: dict[str, Actor] = {}
    for c in coalitions:
        if len(c.members) > 1 and all(m in by_id for m in c.members):
            order.update((m, by_id[m]) for m in c.members if m not in order)
    order.update((a.id, a) for a in actors if a.id not in order)
    return list(order.values())


def _scale(x: float, y: float, width: float, outlined: bool) -> Html:
    """The colour scale: a bar from 0 to 1 with its ends and middle named; n/a; and
    what an outline means, when there is one."""
    steps = 20
    bars = join(
        h(
            '<rect x="{}" y="{}" width="{}" height="10" fill="{}"/>',
            _num(x + width * k / steps),
            _num(y),
            _num(width / steps + 0.5),
            agreement_fill(k / (steps - 1)),
        )
        for k in range(steps)
    )
    ticks = join(
        _text(x + width * t, y + 22, text, 10, anchor)
        for t, anchor, text in (
            (0, "start", "0 opposite"),
            (0.5, "middle", "0.5"),
            (1, "end", "1 identical"),
        )
    )
    na = join(
        [
            h(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>',
                _num(x + width + 12),
                _num(y),
                NO_SCORE_FILL,
            ),
            _text(x + width + 25, y + 9, "n/a", 10),
        ]
    )
    outline = (
        join(
            [
                h(
                    '<rect x="{}" y="{}" width="10" height="10" fill="none" stroke="currentColor" '
                    'stroke-width="2"/>',
                    _num(x + width + 52),
                    _num(y),
                ),
                _text(x + width + 66, y + 9, "coalition", 10),
            ]
        )
        if outlined
        else Html("")
    )
    return h('<g class="scale">{}{}{}{}</g>', bars, ticks, na, outline)


# --- an issue's line ----------------------------------------------------------------


class Mark(NamedTuple):
    """One stated party on an issue's line, as `issue_line` draws it."""

    actor: Actor
    stance: Stance
    red_line: bool
    conditional: bool
    basis: str  # reported, indirect or inferred


LINE_WIDTH = 640.0
_LEFT, _RIGHT = 70.0, 130.0  # room for the end labels, and the names right of the +2 dots


def _x(score: float) -> float:
    return _LEFT + (score + 2) / 4 * (LINE_WIDTH - _LEFT - _RIGHT)


#: What an issue's line shows, as its legend says it.
LINE_LEGEND = (
    "filled: a stance; hollow: conditional (counted only where its condition holds); "
    "ringed: a red line; "
    "dashed: indirect or inferred; dashed line: the likely landing"
)


def issue_line(
    issue_id: str,
    title: str,
    marks: Sequence[Mark],
    landing: Landing | None,
    key: str = "line",
    legend: bool = False,
) -> Html:
    """Every stated party at its stance on -2..+2: a filled dot, hollow for a
    conditional stance, ringed for a red line, dashed when not reported as said;
    past STACK at one score, a bar with their number. The likely landing (the
    weighted median) as a dashed line behind the dots, a diamond on the axis and its
    value; `legend` says what each mark means under it (a page says it once). `key`
    starts the ids of its title and description, unique in a page that draws the
    issue twice."""
    at: dict[int, list[Mark]] = {}
    for m in marks:
        at.setdefault(m.stance.score, []).append(m)
    tallest = max((min(len(v), STACK) for v in at.values()), default=0)
    row = 18.0
    base = 34.0 + row * max(tallest, 1)  # the axis, under the stacks and the landing
    median = None if landing is None else landing.median
    parts: list[Html] = []
    if median is not None:  # first, so that every dot and name is drawn over it
        parts.append(
            h(
                '<line x1="{}" y1="16" x2="{}" y2="{}" stroke="currentColor" stroke-width="2" '
                'stroke-dasharray="5 3" stroke-opacity="0.45"/>',
                _num(_x(median)),
                _num(_x(median)),
                _num(base),
            )
        )
    parts.append(
        h(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1"/>',
            _num(_x(-2)),
            _num(base),
            _num(_x(2)),
            _num(base),
        )
    )
    for s in sorted(Stance, key=lambda s: s.score):
        x = _x(s.score)
        parts.append(
            h(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor"/>',
                _num(x),
                _num(base - 3),
                _num(x),
                _num(base + 3),
            )
        )
        parts.append(_text(x, base + 16, f"{signed(s.score)} {s.label}", 10, "middle"))
    for score, here in sorted(at.items()):
        x = _x(score)
        if len(here) > STACK:
            # As tall as a full stack for the most at one score, the others in proportion.
            tall = max(row, row * STACK * len(here) / max(map(len, at.values())))
            named = [m.actor.name for m in here[:STACK]]  # a roll call's bar holds 190
            names = ", ".join(named) + f" and {len(here) - STACK:,} others"
            parts.append(
                h(
                    '<g class="many" data-score="{}" data-count="{}"><rect x="{}" y="{}" '
                    'width="16" height="{}" fill="{}"><title>{}</title></rect>{}</g>',
                    str(score),
                    str(len(here)),
                    _num(x - 8),
                    _num(base - 6 - tall),
                    _num(tall),
                    STANCE_FILL[here[0].stance],
                    names,
                    _text(x + 11, base - 10 - tall / 2, f"{len(here):,} parties"),
                )
            )
            continue
        # A name reads up to the next score's dot, or to the picture's edge after +2.
        room = (LINE_WIDTH - x if score == 2 else _x(score + 1) - x - 6) - 11  # 9 in, 2 clear
        for k, m in enumerate(here):
            y = base - 12 - k * row
            fill = "none" if m.conditional else STANCE_FILL[m.stance]
            # A red line is ringed in the text's colour: black on a light page, white on a dark.
            stroke = "currentColor" if m.red_line else STANCE_FILL[m.stance]
            dash = ' stroke-dasharray="2 2"' if m.basis != "reported" else ""
            said = [label_of(m.stance)] + ["conditional"] * m.conditional
            said += ["red line"] * m.red_line + ([m.basis] if m.basis != "reported" else [])
            parts.append(
                h(
                    '<g class="party" data-actor="{}" data-score="{}"><circle cx="{}" cy="{}" '
                    'r="6" fill="{}" stroke="{}" stroke-width="{}"' + dash + "><title>{}: {}"
                    "</title></circle>{}</g>",
                    m.actor.id,
                    str(score),
                    _num(x),
                    _num(y),
                    fill,
                    stroke,
                    "3" if m.red_line else "2",
                    m.actor.name,
                    ", ".join(said),
                    _text(x + 9, y + 4, _label(m.actor, 15, room, 11)),
                )
            )
    if median is not None:
        x = _x(median)
        pivot = "" if landing is None or landing.pivot is None else landing.pivot
        # The label reads away from the nearer end, so that it stays in the picture.
        anchor, shift = ("end", -4) if median > 0 else ("start", 4)
        diamond = " ".join(
            f"{_num(x + dx)},{_num(base + dy)}" for dx, dy in ((0, -6), (6, 0), (0, 6), (-6, 0))
        )
        parts.append(
            h(
                '<g class="landing" data-median="{}" data-pivot="{}"><polygon points="{}" '
                'fill="currentColor"/><text x="{}" y="12" font-size="11" font-weight="bold" '
                'text-anchor="{}" fill="currentColor">likely landing {}</text></g>',
                f"{median:g}",
                pivot,
                diamond,
                _num(x + shift),
                anchor,
                signed(median),
            )
        )
    height = base + 24
    if legend:
        # Two lines: one would run past the picture's 640 units (about 5.5 a letter).
        meanings = LINE_LEGEND.split("; ")
        half = (len(meanings) + 1) // 2
        for n, line in enumerate(("; ".join(meanings[:half]), "; ".join(meanings[half:]))):
            parts.append(_text(_LEFT - 60, height + 4 + 13 * n, line, 10))
        height += 27
    stated = len(marks)
    desc = (
        f"{stated:,} {'party' if stated == 1 else 'parties'} placed from -2 (strongly "
        "oppose) to +2 (strongly support)"
        + ("" if median is None else f"; likely landing at {signed(median)}")
        + f". {LINE_LEGEND[0].upper()}{LINE_LEGEND[1:]}."
    )
    key += "-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in issue_id)
    return _svg(LINE_WIDTH, height, title, desc, join(parts), "issue-line", key)


# --- the timeline -------------------------------------------------------------------


#: What a timeline's marks mean, as its legend says it.
#: The most marks a picture on its own numbers, each said in its key (`keyed`).
TIMELINE_KEYED = 20
TIMELINE_LEGEND = "▲ a move toward support, ▼ toward opposition, in the colour of the new stance"


def spread(at: float, k: int, n: int, low: float, high: float, step: float = 11.0) -> float:
    """Where the `k`th of `n` marks side by side about `at` goes: `step` apart (closer
    when they would not fit), centred on `at` but all within `low`..`high`."""
    if n == 1:
        return at
    step = min(step, (high - low) / (n - 1))
    start = min(max(at - step * (n - 1) / 2, low), high - step * (n - 1))
    return start + k * step


def _fitted(text: str, room: float, size: float) -> str:
    """`text`, or as much of it as fits `room` units at `size` with an ellipsis."""
    if text_width(text, size) <= room:
        return text
    n = len(text)
    while n > 1 and text_width(text[:n] + "…", size) > room:
        n -= max(1, n // 20)
    return text[:n].rstrip() + "…"


def timeline(
    shifts: Sequence[Shift],
    actors: Sequence[Actor],
    titles: Mapping[str, str],
    on: dt.date | None = None,
    key: str = "timeline",
    keyed: bool = False,
) -> Html:
    """Each shift of stance as a mark on its actor's row at its date: up for a move
    toward support, down toward opposition, coloured by the new stance; shifts of
    one actor on one day side by side. The actors that moved most get a row
    (TIMELINE_ROWS at most), in the data's order. `on`: a date marked by a line, the
    shifts after it faded (the page's date switch); `key`: the stem of its ids.
    `keyed` (a picture on its own, with no tooltip read): up to TIMELINE_KEYED marks
    numbered, each said in a key under the picture."""
    by_actor: dict[str, list[Shift]] = {}
    for s in shifts:
        by_actor.setdefault(s.actor, []).append(s)
    known = {a.id: a for a in actors}
    busiest = sorted(by_actor, key=lambda a: -len(by_actor[a]))[:TIMELINE_ROWS]
    rows = [a for a in (x.id for x in actors) if a in busiest]
    rows += [a for a in busiest if a not in known]
    labels = {a: a if a not in known else _label(known[a]) for a in rows}
    left = 14 + max((text_width(t, 11) for t in labels.values()), default=0.0)
    right, row, width = 40.0, 22.0, 640.0
    if not shifts:
        return _svg(
            width,
            40,
            "Shifts of stance over time",
            "No shift of stance recorded.",
            _text(10, 24, "No shift of stance recorded.", 12),
            "timeline",
            key,
        )
    days = [s.after.date for s in shifts]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    # The marks keep clear of the labels and the ends: a mark is 10 wide.
    start, end = left + 8, width - right - 8

    def x(day: dt.date) -> float:
        if first == last:
            return (start + end) / 2
        return start + (day - first).days / span * (end - start)

    drawn = [s for s in shifts if s.actor in rows]  # by date: the key's order
    numbers = {id(s): n for n, s in enumerate(drawn, 1)} if keyed else {}
    if len(numbers) > TIMELINE_KEYED:
        numbers = {}
    if numbers:  # room between the rows for a number beyond each mark's point
        row = 30.0
    parts: list[Html] = []
    for k, actor in enumerate(rows):
        y = 20 + k * row
        who = known.get(actor)
        parts.append(_text(left - 6, y + 4, labels[actor], 11, "end"))
        parts.append(
            h(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
                'stroke-opacity="0.35"/>',
                _num(left),
                _num(y),
                _num(width - right),
                _num(y),
            )
        )
        on_day = Counter(s.after.date for s in by_actor[actor])
        seen: dict[dt.date, int] = {}  # how many marks a day has already on this row
        for s in by_actor[actor]:
            up = s.after.stance.score > s.before.stance.score
            day = s.after.date
            cx = spread(x(day), seen.get(day, 0), on_day[day], start, end)
            seen[day] = seen.get(day, 0) + 1
            foot, apex = (y + 4, y - 6) if up else (y - 4, y + 6)  # a triangle pointing the way
            corners = ((cx - 5, foot), (cx + 5, foot), (cx, apex))
            points = " ".join(f"{_num(px)},{_num(py)}" for px, py in corners)
            said = (
                f"{titles.get(s.issue, s.issue)}: {label_of(s.before.stance)} → "
                f"{label_of(s.after.stance)}, {day.isoformat()}"
            )
            parts.append(
                h(
                    '<polygon class="shift" points="{}" fill="{}"{} data-actor="{}" '
                    'data-issue="{}" data-date="{}" data-from="{}" data-to="{}"><title>{}: {}'
                    "</title></polygon>",
                    points,
                    STANCE_FILL[s.after.stance],
                    Html(' fill-opacity="0.25"' if on is not None and day > on else ""),
                    actor,
                    s.issue,
                    day.isoformat(),
                    s.before.stance.id,
                    s.after.stance.id,
                    actor if who is None else who.name,
                    said,
                )
            )
            if id(s) in numbers:  # beyond the apex, where the mark points
                parts.append(
                    _text(cx, apex - 2 if up else apex + 9, str(numbers[id(s)]), 8, "middle")
                )
    bottom = 20 + len(rows) * row
    if on is not None and on >= first:  # the date shown (before every shift: no line)
        at = x(min(on, last))
        parts.append(
            h(
                '<line class="on" x1="{}" y1="8" x2="{}" y2="{}" stroke="currentColor" '
                'stroke-width="2" stroke-dasharray="4 3"/>',
                _num(at),
                _num(at),
                _num(bottom - 8),
            )
        )
    one_day = first == last  # the one date under its marks, else each end under its own
    parts.append(
        _text(x(first), bottom + 6, first.isoformat(), 10, "middle" if one_day else "start")
    )
    if last != first:
        parts.append(_text(end, bottom + 6, last.isoformat(), 10, "end"))
        # Each new year between the two ends, where its label has room (past a dozen
        # years, every few), so that the marks between can be read off.
        years = list(range(first.year + 1, last.year + 1))
        every = max(1, -(-len(years) // 12))
        for year in years[::every]:
            at = x(dt.date(year, 1, 1))
            if at - start < 70 or end - at < 70:  # the ends' labels are 60 wide
                continue
            parts.append(
                h(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
                    'stroke-opacity="0.35"/>',
                    _num(at),
                    _num(bottom - 12),
                    _num(at),
                    _num(bottom - 6),
                )
            )
            parts.append(_text(at, bottom + 6, str(year), 10, "middle"))
    parts.append(_text(left, bottom + 22, TIMELINE_LEGEND, 10))
    keyed_at = bottom + 22
    for s in drawn if numbers else ():
        keyed_at += 14
        who = known.get(s.actor)
        name = shorten(s.actor if who is None else who.name, 40)
        said = (
            f"{numbers[id(s)]}. {s.after.date.isoformat()}, {name} on "
            f"{shorten(titles.get(s.issue, s.issue), 50)}: {moved(s.before, s.after)}"
        )
        parts.append(_text(left, keyed_at, _fitted(said, width - left - 8, 10), 10))
    left_out = len(by_actor) - len(rows)
    desc = (
        f"{plural(len(shifts), 'shift')} of stance by {plural(len(by_actor), 'actor')}"
        + (
            f" ({left_out:,} more actors not drawn: the rows hold those that moved most)"
            if left_out
            else ""
        )
        + f". {TIMELINE_LEGEND[0].upper()}{TIMELINE_LEGEND[1:]}."
        + (
            ""
            if on is None
            else f" Every shift is after {on.isoformat()}: all faded."
            if on < first
            else f" The dashed line marks {on.isoformat()}; the shifts after it are faded."
        )
    )
    return _svg(
        width, keyed_at + 10, "Shifts of stance over time", desc, join(parts), "timeline", key
    )


__all__ = ["Mark", "agreement_fill", "document", "heat_map", "issue_line", "signed", "timeline"]
