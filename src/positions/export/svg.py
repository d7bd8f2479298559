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
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from positions.analysis import Coalition, Landing, PairScore, Shift
from positions.export.markup import Html, h, join
from positions.model import Actor, Stance, label_of
from positions.render.json import pair_json

#: Each stance's colour as a mark on a white or a dark page (the report's palette).
STANCE_FILL = {
    Stance.STRONGLY_SUPPORT: "#1a7f37",
    Stance.SUPPORT: "#4ac26b",
    Stance.NEUTRAL: "#d4a72c",
    Stance.OPPOSE: "#fa4549",
    Stance.STRONGLY_OPPOSE: "#a40e26",
}
UNSTATED_FILL = "#8c959f"
#: The agreement scale, 0 (opposite extremes) to 1 (identical stances): red through
#: white to blue (ColorBrewer's RdBu, five classes), interpolated between the stops.
SCALE = ((0.0, "#ca0020"), (0.25, "#f4a582"), (0.5, "#f7f7f7"), (0.75, "#92c5de"), (1.0, "#0571b0"))
NO_SCORE_FILL = "#d0d7de"  # a pair with no issue in common
FONT = "font-family:system-ui,sans-serif"

#: Past this many parties at one score an issue's line shows a bar and their number.
STACK = 8
#: The heat map's largest side, in pixels, and the smallest cell that has a label.
HEAT_SIDE = 640
LABELLED_CELL = 14
NUMBERED_CELL = 26
#: Cells in a heat map past which each has no tooltip (its numbers stay in data-).
TOOLTIPS = 2_500
#: The most actors a timeline draws a row for: the ones that moved most.
TIMELINE_ROWS = 30


def _num(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _label(actor: Actor, width: int) -> str:
    """An actor's label where room is short: its `short:`, else its name cut to `width`."""
    text = actor.short or actor.name
    return text if len(text) <= width else text[: width - 1] + "…"


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


def document(picture: Html) -> str:
    """A picture as an SVG file of its own: the XML declaration, the namespace, a
    white ground under it (the page's own colour, inline)."""
    head = '<svg xmlns="http://www.w3.org/2000/svg" '
    assert picture.startswith("<svg ")
    body = picture[len("<svg ") :]
    ground = '<rect width="100%" height="100%" fill="#ffffff"/>'
    close = body.index(">") + 1
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + head
        + body[:close].replace('style="', 'style="color:#1f2328;', 1)
        + ground
        + body[close:]
        + "\n"
    )


# --- the heat map -------------------------------------------------------------------


def heat_map(
    actors: Sequence[Actor],
    matrix: Mapping[tuple[str, str], PairScore],
    coalitions: Sequence[Coalition] = (),
) -> Html:
    """Every pair's agreement as a cell on SCALE, the actors of each coalition of
    two or more next to one another and outlined; n/a (no issue in common) grey."""
    order = _by_coalition(actors, coalitions)
    n = len(order)
    cell = max(2.0, min(28.0, HEAT_SIDE / max(n, 1)))
    labelled = cell >= LABELLED_CELL
    numbered = cell >= NUMBERED_CELL  # each score written in its cell
    margin = 118.0 if labelled else 8.0
    side = margin + cell * n
    legend_top = side + 16
    parts: list[Html] = []
    tips = n * n <= TOOLTIPS
    for i, a in enumerate(order):
        y = margin + i * cell
        if labelled:
            parts.append(
                h(
                    '<text x="{}" y="{}" text-anchor="end" font-size="11" '
                    'fill="currentColor">{}</text>',
                    _num(margin - 4),
                    _num(y + cell * 0.7),
                    _label(a, 16),
                )
            )
            x = margin + i * cell + cell * 0.7
            parts.append(
                h(
                    '<text transform="translate({} {}) rotate(-60)" font-size="11" '
                    'fill="currentColor">{}</text>',
                    _num(x),
                    _num(margin - 4),
                    _label(a, 16),
                )
            )
        for j, b in enumerate(order):
            pair = matrix[a.id, b.id]
            score = 1.0 if a.id == b.id else pair.score
            said = "" if pair.score is None else f"{pair.score:.2f}"
            exact = "" if pair.score is None else str(pair_json(pair)["agreement"])  # as --json
            tip = (
                h(
                    "<title>{} and {}: {}</title>",
                    a.name,
                    b.name,
                    f"{said} over {pair.shared:,} shared issue{'s' * (pair.shared != 1)}"
                    if pair.score is not None
                    else "n/a, no issue in common",
                )
                if tips and a.id != b.id
                else Html("")
            )
            parts.append(
                h(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" data-a="{}" data-b="{}" '
                    'data-score="{}" data-shared="{}">{}</rect>',
                    _num(margin + j * cell),
                    _num(y),
                    _num(cell),
                    _num(cell),
                    agreement_fill(score),
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
                        '<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="{}" '
                        'aria-hidden="true">{}</text>',
                        _num(margin + (j + 0.5) * cell),
                        _num(y + cell * 0.62),
                        _ink(agreement_fill(score)),
                        said,
                    )
                )
    at = {a.id: k for k, a in enumerate(order)}
    for c in coalitions:
        if len(c.members) < 2:
            continue
        first = min(at[m] for m in c.members if m in at)
        size = len(c.members)
        parts.append(
            h(
                '<rect class="coalition" x="{}" y="{}" width="{}" height="{}" fill="none" '
                'stroke="currentColor" stroke-width="2"/>',
                _num(margin + first * cell),
                _num(margin + first * cell),
                _num(size * cell),
                _num(size * cell),
            )
        )
    parts.append(_scale(margin, legend_top, min(240.0, max(cell * n, 160.0))))
    grouped = sum(1 for c in coalitions if len(c.members) > 1)
    desc = (
        f"Agreement of each pair of {n} actors, from 0 (red: opposite extremes) through "
        "0.5 (white) to 1 (blue: identical stances); grey: no issue in common"
        + (f"; {grouped} coalition{'s' * (grouped != 1)} outlined." if grouped else ".")
    )
    return _svg(
        max(side, margin + 260),
        legend_top + 40,
        "Agreement between actors",
        desc,
        join(parts),
        "heat-map",
        "heat-map",
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


def _scale(x: float, y: float, width: float) -> Html:
    """The colour scale: a bar from 0 to 1 with its ends and middle named, and n/a."""
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
        h(
            '<text x="{}" y="{}" font-size="10" text-anchor="{}" fill="currentColor">{}</text>',
            _num(x + width * t),
            _num(y + 22),
            anchor,
            text,
        )
        for t, anchor, text in (
            (0, "start", "0 opposite"),
            (0.5, "middle", "0.5"),
            (1, "end", "1 identical"),
        )
    )
    na = h(
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="10" fill="currentColor">n/a</text>',
        _num(x + width + 12),
        _num(y),
        NO_SCORE_FILL,
        _num(x + width + 25),
        _num(y + 9),
    )
    return h('<g class="scale">{}{}{}</g>', bars, ticks, na)


# --- an issue's line ----------------------------------------------------------------


class Mark(NamedTuple):
    """One stated party on an issue's line, as `issue_line` draws it."""

    actor: Actor
    stance: Stance
    red_line: bool
    conditional: bool
    basis: str  # reported, indirect or inferred


LINE_WIDTH = 600.0
_LEFT, _RIGHT = 70.0, 70.0  # room for the end labels


def _x(score: float) -> float:
    return _LEFT + (score + 2) / 4 * (LINE_WIDTH - _LEFT - _RIGHT)


def issue_line(issue_id: str, title: str, marks: Sequence[Mark], landing: Landing | None) -> Html:
    """Every stated party at its stance on -2..+2: a filled dot, hollow for a
    conditional stance, ringed for a red line, dashed when not reported as said;
    past STACK at one score, a bar with their number. The likely landing (the
    weighted median) as a line with its value, and its pivot."""
    at: dict[int, list[Mark]] = {}
    for m in marks:
        at.setdefault(m.stance.score, []).append(m)
    tallest = max((min(len(v), STACK) for v in at.values()), default=0)
    row = 18.0
    base = 34.0 + row * max(tallest, 1)  # the axis, under the stacks and the landing
    parts: list[Html] = [
        h(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1"/>',
            _num(_x(-2)),
            _num(base),
            _num(_x(2)),
            _num(base),
        )
    ]
    for s in sorted(Stance, key=lambda s: s.score):
        x = _x(s.score)
        parts.append(
            h(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor"/>'
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" '
                'fill="currentColor">{} {}</text>',
                _num(x),
                _num(base - 3),
                _num(x),
                _num(base + 3),
                _num(x),
                _num(base + 16),
                f"{s.score:+d}" if s.score else "0",
                s.label,
            )
        )
    for score, here in sorted(at.items()):
        x = _x(score)
        if len(here) > STACK:
            tall = row * STACK
            named = [m.actor.name for m in here[:STACK]]  # a roll call's bar holds 190
            names = ", ".join(named) + f" and {len(here) - STACK:,} others"
            parts.append(
                h(
                    '<g class="many" data-score="{}" data-count="{}">'
                    '<rect x="{}" y="{}" width="16" '
                    'height="{}" fill="{}"><title>{}</title></rect>'
                    '<text x="{}" y="{}" font-size="11" fill="currentColor">{}</text></g>',
                    str(score),
                    str(len(here)),
                    _num(x - 8),
                    _num(base - 6 - tall),
                    _num(tall),
                    STANCE_FILL[here[0].stance],
                    names,
                    _num(x + 11),
                    _num(base - 10 - tall / 2),
                    f"{len(here):,} parties",
                )
            )
            continue
        for k, m in enumerate(here):
            y = base - 12 - k * row
            fill = "none" if m.conditional else STANCE_FILL[m.stance]
            stroke = "#000000" if m.red_line else STANCE_FILL[m.stance]
            dash = ' stroke-dasharray="2 2"' if m.basis != "reported" else ""
            said = [label_of(m.stance)] + ["conditional"] * m.conditional
            said += ["red line"] * m.red_line + ([m.basis] if m.basis != "reported" else [])
            parts.append(
                h(
                    '<g class="party" data-actor="{}" data-score="{}">'
                    '<circle cx="{}" cy="{}" r="6" '
                    'fill="{}" stroke="{}" stroke-width="{}"'
                    + dash
                    + "><title>{}: {}</title></circle>"
                    '<text x="{}" y="{}" font-size="11" fill="currentColor">{}</text></g>',
                    m.actor.id,
                    str(score),
                    _num(x),
                    _num(y),
                    fill,
                    stroke,
                    "3" if m.red_line else "2",
                    m.actor.name,
                    ", ".join(said),
                    _num(x + 9),
                    _num(y + 4),
                    _label(m.actor, 14),
                )
            )
    median = None if landing is None else landing.median
    if median is not None:
        x = _x(median)
        pivot = "" if landing is None or landing.pivot is None else landing.pivot
        # The label reads away from the nearer end, so that it stays in the picture.
        anchor, shift = ("end", -4) if median > 0 else ("start", 4)
        parts.append(
            h(
                '<g class="landing" data-median="{}" data-pivot="{}"><line x1="{}" y1="16" '
                'x2="{}" y2="{}" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/>'
                '<text x="{}" y="12" font-size="11" font-weight="bold" text-anchor="{}" '
                'fill="currentColor">likely landing {}</text></g>',
                f"{median:g}",
                pivot,
                _num(x),
                _num(x),
                _num(base),
                _num(x + shift),
                anchor,
                f"{median:+.2g}",
            )
        )
    stated = len(marks)
    desc = (
        f"{stated} {'party' if stated == 1 else 'parties'} placed from -2 (strongly oppose) "
        "to +2 (strongly support)"
        + ("" if median is None else f"; likely landing at {median:+.2g}")
        + "."
    )
    key = "line-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in issue_id)
    return _svg(LINE_WIDTH, base + 24, title, desc, join(parts), "issue-line", key)


# --- the timeline -------------------------------------------------------------------


def timeline(shifts: Sequence[Shift], actors: Sequence[Actor], titles: Mapping[str, str]) -> Html:
    """Each shift of stance as a mark on its actor's row at its date: up for a move
    toward support, down toward opposition, coloured by the new stance. The
    actors that moved most get a row (TIMELINE_ROWS at most), in the data's order."""
    by_actor: dict[str, list[Shift]] = {}
    for s in shifts:
        by_actor.setdefault(s.actor, []).append(s)
    known = {a.id: a for a in actors}
    busiest = sorted(by_actor, key=lambda a: -len(by_actor[a]))[:TIMELINE_ROWS]
    rows = [a for a in (x.id for x in actors) if a in busiest]
    rows += [a for a in busiest if a not in known]
    left, right, row = 130.0, 20.0, 22.0
    width = 640.0
    days = [s.after.date for s in shifts]
    first, last = (min(days), max(days)) if days else (dt.date.today(), dt.date.today())
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        if first == last:
            return (left + width - right) / 2
        return left + (day - first).days / span * (width - left - right)

    parts: list[Html] = []
    for k, actor in enumerate(rows):
        y = 20 + k * row
        who = known.get(actor)
        parts.append(
            h(
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="currentColor">{}</text>'
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
                'stroke-opacity="0.2"/>',
                _num(left - 6),
                _num(y + 4),
                actor if who is None else _label(who, 18),
                _num(left),
                _num(y),
                _num(width - right),
                _num(y),
            )
        )
        for s in by_actor[actor]:
            up = s.after.stance.score > s.before.stance.score
            cx = x(s.after.date)
            foot, apex = (y + 4, y - 6) if up else (y - 4, y + 6)  # a triangle pointing the way
            corners = ((cx - 5, foot), (cx + 5, foot), (cx, apex))
            points = " ".join(f"{_num(px)},{_num(py)}" for px, py in corners)
            said = (
                f"{titles.get(s.issue, s.issue)}: {label_of(s.before.stance)} → "
                f"{label_of(s.after.stance)}, {s.after.date.isoformat()}"
            )
            parts.append(
                h(
                    '<polygon class="shift" points="{}" fill="{}" data-actor="{}" data-issue="{}" '
                    'data-date="{}" data-from="{}" data-to="{}"><title>{}: {}</title></polygon>',
                    points,
                    STANCE_FILL[s.after.stance],
                    actor,
                    s.issue,
                    s.after.date.isoformat(),
                    s.before.stance.id,
                    s.after.stance.id,
                    actor if who is None else who.name,
                    said,
                )
            )
    bottom = 20 + max(len(rows), 1) * row
    for day in sorted({first, last}):
        parts.append(
            h(
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" '
                'fill="currentColor">{}</text>',
                _num(x(day)),
                _num(bottom + 6),
                day.isoformat(),
            )
        )
    left_out = len(by_actor) - len(rows)
    desc = (
        f"{len(shifts):,} shift{'s' * (len(shifts) != 1)} of stance by {len(by_actor):,} "
        f"actor{'s' * (len(by_actor) != 1)}"
        + (f" ({left_out:,} actors with fewer shifts not drawn)" if left_out else "")
        + "; a mark pointing up is a move toward support, down toward opposition."
    )
    if not shifts:
        parts.append(
            Html(
                '<text x="10" y="24" font-size="12" fill="currentColor">'
                "No shift of stance recorded.</text>"
            )
        )
    return _svg(
        width, bottom + 16, "Shifts of stance over time", desc, join(parts), "timeline", "timeline"
    )


__all__ = ["Mark", "agreement_fill", "document", "heat_map", "issue_line", "timeline"]
