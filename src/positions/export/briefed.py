"""The HTML report's analysis: the brief first, the pictures beside what they show.

Pure functions from a `views.Briefing` to markup, for `export.html`: the brief's
sections as lists (the first BRIEF_ITEMS of each, the rest in a `<details>`
that opens without a script), an issue's line (`issue_line`), the heat map and
the timeline. Every data text passes `markup.escape` (through `h`).
"""

from __future__ import annotations

from collections.abc import Sequence

from positions.analysis import DealOutlook, Direction, Outcome
from positions.export import svg
from positions.export.markup import Html, h, join
from positions.model import Actor, label_of
from positions.text import and_list, plural
from positions.views import Briefing, CompareRow, ReportView, score_text

#: Items of a brief's section shown at once; the rest are one click away.
BRIEF_ITEMS = 10
#: Names in one list before "and 95 others".
BRIEF_NAMES = 6

OUTCOME_WORDS = {
    Outcome.WITHIN_REACH: "within reach",
    Outcome.BLOCKED: "blocked",
    Outcome.DIVIDED: "divided",
    Outcome.TOO_FEW: "too few stated",
}
DIRECTION_WORDS = {
    Direction.ADOPT: "adopt",
    Direction.REJECT: "reject",
    Direction.NEITHER: "neither",
}


def names(actors: Sequence[Actor], ids: Sequence[str]) -> str:
    """The actors' names in the data's order; past BRIEF_NAMES, the first few and how
    many others."""
    wanted = set(ids)
    named = [a.name for a in actors if a.id in wanted]
    named += [i for i in ids if i not in {a.id for a in actors}]
    if len(named) > BRIEF_NAMES:
        named = [*named[: BRIEF_NAMES - 1], f"{len(named) - BRIEF_NAMES + 1:,} others"]
    return and_list(named) or "nobody"


def _items(title: str, anchor: str, lines: Sequence[Html], empty: str) -> Html:
    """A heading and its list: the first BRIEF_ITEMS, then the rest behind a summary."""
    head = h(
        '<h3 id="brief-{}">{} <span class="count">({})</span></h3>',
        anchor,
        title,
        f"{len(lines):,}",
    )
    if not lines:
        return h('{}<p class="none">{}</p>', head, empty)
    first = join(h("<li>{}</li>", line) for line in lines[:BRIEF_ITEMS])
    rest = lines[BRIEF_ITEMS:]
    more = (
        h(
            "<details><summary>and {} more</summary><ul>{}</ul></details>",
            f"{len(rest):,}",
            join(h("<li>{}</li>", line) for line in rest),
        )
        if rest
        else Html("")
    )
    return h("{}<ul>{}</ul>{}", head, first, more)


def _issue(title: str, rest: str | Html) -> Html:
    return h("<strong><bdi>{}</bdi></strong>: {}", title, rest)


def brief(view: ReportView, b: Briefing) -> Html:
    """The brief's sections, in the order the terminal's `brief` has them."""
    order = view.actors
    bv = b.brief
    titles = bv.issue_titles
    landed = {r.issue.id: r.landing for r in bv.landings}

    def lands(issue: str) -> str:
        land = landed.get(issue)
        if land is None or land.median is None:
            return ""
        said = f"; likely landing {land.median:+.2g}"
        if land.pivot is not None:
            said += f" (pivot {names(order, [land.pivot])})"
        if land.across:
            said += f", across the red line of {names(order, list(land.across))}"
        return said

    consensus = [
        _issue(
            r.issue.title,
            f"{names(order, r.sides.support)} support"
            if r.sides.support
            else f"{names(order, r.sides.oppose)} oppose",
        )
        for r in bv.consensus
    ]
    contested = [
        _issue(
            r.issue.title,
            f"{names(order, r.sides.support)} for; "
            f"{names(order, r.sides.oppose)} against" + lands(r.issue.id),
        )
        for r in bv.contested
    ]
    agreed = {r.issue.id for r in bv.consensus}
    deals = [
        _issue(r.issue.title, _outlook(r.outlook, order))
        for r in bv.deals
        if r.issue.id not in agreed
    ]
    pairs = [
        h(
            "{} and {}: {} over {}",
            p.a.name,
            p.b.name,
            score_text(p.score),
            plural(p.score.shared, "shared issue"),
        )
        for p in (*bv.closest, *bv.furthest)
    ]
    close = len(bv.closest)
    pair_lines = [h("closest: {}", line) for line in pairs[:close]]
    pair_lines += [h("furthest: {}", line) for line in pairs[close:]]
    shifts = [
        h(
            "{} <strong>{} on <bdi>{}</bdi></strong>: {} → {}",
            s.after.date.isoformat(),
            names(order, [s.actor]),
            titles.get(s.issue, s.issue),
            label_of(s.before.stance),
            label_of(s.after.stance),
        )
        for s in bv.recent_shifts
    ]
    red_lines = [
        _issue(issue.title, h("{} holds a red line: {}", c.actor.name, label_of(c.stance)))
        for issue, c in bv.red_lines
    ]
    inferred = [
        _issue(
            issue.title,
            h(
                "{}: {} ({}){}",
                c.actor.name,
                label_of(c.stance),
                c.position.basis.value,
                "" if not c.position.note else f": {c.position.note}",
            ),
        )
        for issue, c in bv.inferences
        if c.position is not None
    ]
    gaps = [_issue(r.issue.title, f"{names(order, r.sides.unstated)} unstated") for r in bv.gaps]
    trades = []
    if bv.trades is not None:
        for row in bv.trades.rows:
            t = row.trade
            (a, b_), (ga, gb) = t.actors, t.gives
            trades.append(
                h(
                    "{} gives way on <bdi>{}</bdi>, {} on <bdi>{}</bdi>; each keeps the issue it "
                    "cares more about (gain {})",
                    names(order, [a]),
                    titles.get(ga, ga),
                    names(order, [b_]),
                    titles.get(gb, gb),
                    f"{t.gain:.2f}",
                )
            )
    lead = h(
        '<p class="lead">{} in force from {}; {} issues contested, {} agreed by all who '
        "stated.</p>",
        plural(bv.positions, "position"),
        plural(bv.speakers, "actor"),
        f"{len(bv.contested):,}",
        f"{len(bv.consensus):,}",
    )
    return join(
        [
            lead,
            _items(
                "Consensus", "consensus", consensus, "No issue on which everyone stated agrees."
            ),
            _items("Contested", "contested", contested, "No issue with stances on both sides."),
            _items(
                "Deals within reach or blocked", "deals", deals, "No deal within reach or blocked."
            ),
            _items("Closest and furthest pairs", "pairs", pair_lines, "No pair shares an issue."),
            _items("Recent shifts", "shifts", shifts, "No shift of stance recorded."),
            _items("Red lines", "red-lines", red_lines, "No red line in force."),
            _items(
                "Indirect and inferred", "inferred", inferred, "Every stance is reported as said."
            ),
            _items("Gaps", "gaps", gaps, "Every actor has stated on every issue."),
            _items("Trades", "trades", trades, "No trade found."),
        ],
        "\n",
    )


def _outlook(o: DealOutlook, order: Sequence[Actor]) -> str:
    """'within reach: adopt'; 'blocked by Ukraine (red line) or Russia: the rest would
    adopt'."""
    said = OUTCOME_WORDS[o.outcome]
    if o.outcome is Outcome.WITHIN_REACH and o.direction is not None:
        said += f": {DIRECTION_WORDS[o.direction]}"
    for n, block in enumerate(o.blocks):
        hard = set(block.hard)
        who = [a.name + (" (red line)" if a.id in hard else "") for a in order if a.id in block.by]
        said += (" by " if n == 0 else " or ") + and_list(who)
    if len(o.blocks) == 1:
        said += f": the rest would {DIRECTION_WORDS[o.blocks[0].direction]}"
    return said


def issue_line(view: ReportView, row: CompareRow) -> Html:
    """The issue's line: its stated parties and its likely landing."""
    assert view.briefing is not None
    return h('<figure class="line">{}</figure>', _line(view.briefing, row))


def heat_map(view: ReportView) -> Html:
    coalitions = () if view.briefing is None else view.briefing.coalitions
    return h('<figure class="heat">{}</figure>', svg.heat_map(view.actors, view.matrix, coalitions))


def timeline(view: ReportView) -> Html:
    assert view.briefing is not None
    titles = view.briefing.brief.issue_titles
    return h(
        '<figure class="timeline">{}</figure>',
        svg.timeline(view.briefing.shifts, view.actors, titles),
    )


def chart(view: ReportView, name: str) -> str:
    """One picture as an SVG file (`export --format svg --chart NAME`): alignment (the
    heat map), timeline (the shifts), or issue:ID (the view's row for that issue)."""
    if view.briefing is None:
        raise ValueError("a chart needs the report's briefing (report_view(briefing=True))")
    if name == "alignment":
        picture = svg.heat_map(view.actors, view.matrix, view.briefing.coalitions)
    elif name == "timeline":
        picture = svg.timeline(view.briefing.shifts, view.actors, view.briefing.brief.issue_titles)
    elif name.startswith("issue:"):
        wanted = name[len("issue:") :]
        row = next((r for r in view.rows if r.issue.id == wanted), None)
        if row is None:
            raise ValueError(f"the view has no issue {wanted!r}")
        picture = _line(view.briefing, row)
    else:
        raise ValueError(f"unknown chart {name!r}")
    return svg.document(picture)


def _line(b: Briefing, row: CompareRow) -> Html:
    marks = [
        svg.Mark(
            c.actor,
            c.position.stance,
            c.position.red_line,
            bool(c.position.conditions),
            c.position.basis.value,
        )
        for c in row.cells
        if c.position is not None
    ]
    return svg.issue_line(row.issue.id, row.issue.title, marks, b.landings.get(row.issue.id))
