"""`positions trades`: the give and take that could move two parties, and the packages
the data's conditional offers make (docs/analysis.md, "Trades").

Pure: the definitions (`trades`, `packages`) take a snapshot and ids; `trades_view`
dresses them with the data's actors, issues and sources for the renderers. No I/O.
"""

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from positions import analysis, views
from positions.model import Actor, Dataset, Issue, Position

#: How many trades a view lists unless asked for more (--top).
TOP = 10


class Trade(NamedTuple):
    """Two parties on opposite sides of two issues, each giving way on the one it cares
    less about. `actors` are in the data's order; `gives[i]` is the issue `actors[i]`
    gives way on, so each keeps the issue the other gives."""

    actors: tuple[str, str]
    gives: tuple[str, str]
    gains: tuple[float, float]  # salience kept minus salience given, each party's

    @property
    def gain(self) -> float:
        """The smaller gain: what the trade is worth to the party it is worth less to."""
        return min(self.gains)

    @property
    def keeps(self) -> tuple[str, str]:
        return self.gives[1], self.gives[0]


class Part(NamedTuple):
    """One condition of a conditional offer, and where the other parties stand on it:
    `supporters` hold a stance on the side the condition asks for, `rejecters` on the
    other side (a conditional stance is on whichever side its stance is)."""

    issue: str
    outcome: str  # adopted | rejected
    supporters: tuple[str, ...]
    rejecters: tuple[str, ...]
    neutral: tuple[str, ...]
    silent: tuple[str, ...]  # no stance stated on the condition's issue


class Package(NamedTuple):
    """A conditional stance in force: what `actor` offers on `issue`, and its parts."""

    actor: str
    issue: str
    parts: tuple[Part, ...]


def _salience(p: Position) -> float:
    return 1.0 if p.salience is None else p.salience


def _stakes(
    snap: analysis.Snapshot, actors: Sequence[str], issues: Sequence[str]
) -> dict[str, dict[str, tuple[int, float, bool]]]:
    """What each actor that could trade has at stake: issue -> (score, salience, red
    line) over its counted stances on a side. An actor that cares equally about every
    issue it takes a side on (every salience omitted, on a vote, say) has nothing to
    trade and is left out, which keeps a large file without salience fast."""
    stakes = {}
    for actor in actors:
        mine: dict[str, tuple[int, float, bool]] = {}
        for issue in issues:
            p = snap.get((actor, issue))
            if p is not None and analysis.counted(p) is not None and p.stance.score:
                mine[issue] = (p.stance.score, _salience(p), p.red_line)
        if len({salience for _, salience, _ in mine.values()}) > 1:
            stakes[actor] = mine
    return stakes


def uneven(
    snap: analysis.Snapshot, actors: Sequence[str], issues: Sequence[str]
) -> tuple[str, ...]:
    """The actors that care more about one issue they take a side on than another:
    the only ones that can trade."""
    return tuple(_stakes(snap, tuple(dict.fromkeys(actors)), tuple(dict.fromkeys(issues))))


def trades(
    snap: analysis.Snapshot, actors: Sequence[str], issues: Sequence[str]
) -> tuple[Trade, ...]:
    """Every trade among `actors` over `issues`, best first.

    A and B (A first in `actors`) trade on X and Y when both have counted stances on
    opposite sides of each (scores of opposite sign), A's salience on X is above its
    salience on Y and B's on Y above its on X, and neither gives way on an issue it
    holds a red line on: A gives way on Y, B on X. A salience omitted counts 1. Each
    party gains its salience kept minus its salience given; the trade is ranked by
    the smaller gain, then the larger, then the order of actors and issues in the data.
    """
    order = tuple(dict.fromkeys(actors))
    chosen = tuple(dict.fromkeys(issues))
    rank = {issue: i for i, issue in enumerate(chosen)}
    stated = _stakes(snap, order, chosen)
    found: list[tuple[float, float, int, int, int, int, Trade]] = []
    ranked = [(i, a) for i, a in enumerate(order) if a in stated]
    for (i, a), (j, b) in itertools.combinations(ranked, 2):
        mine, theirs = stated[a], stated[b]
        opposed = sorted(
            (x for x in mine if x in theirs and mine[x][0] * theirs[x][0] < 0), key=rank.__getitem__
        )
        for x, y in itertools.combinations(opposed, 2):
            (_, ax, a_red_x), (_, ay, a_red_y) = mine[x], mine[y]
            (_, bx, b_red_x), (_, by, b_red_y) = theirs[x], theirs[y]
            if ax > ay and by > bx and not a_red_y and not b_red_x:
                trade = Trade((a, b), (y, x), (ax - ay, by - bx))
            elif ay > ax and bx > by and not a_red_x and not b_red_y:
                trade = Trade((a, b), (x, y), (ay - ax, bx - by))
            else:
                continue
            key = (-trade.gain, -max(trade.gains), i, j, rank[x], rank[y])
            found.append((*key, trade))
    found.sort()
    return tuple(entry[-1] for entry in found)


def _side(score: int, outcome: str) -> int:
    """+1 when a score is on the side of `outcome`, -1 on the other side, 0 neutral."""
    return (score > 0) - (score < 0) if outcome == "adopted" else (score < 0) - (score > 0)


def packages(
    snap: analysis.Snapshot, actors: Sequence[str], issues: Sequence[str]
) -> tuple[Package, ...]:
    """Every conditional stance in force among `actors` on `issues`, in the order of
    issues then actors, with each condition's supporters, rejecters, neutral and silent
    parties among the other actors (conditional stances included, on their own side)."""
    order = tuple(dict.fromkeys(actors))
    found = []
    for issue in dict.fromkeys(issues):
        for actor in order:
            offer = snap.get((actor, issue))
            if offer is None or not offer.conditions:
                continue
            parts = []
            for c in offer.conditions:
                sides: dict[int, list[str]] = {1: [], -1: [], 0: []}
                silent = []
                for other in order:
                    if other == actor:
                        continue
                    p = snap.get((other, c.issue))
                    if p is None:
                        silent.append(other)
                    else:
                        sides[_side(p.stance.score, c.outcome)].append(other)
                backed, opposed, neutral = (tuple(sides[k]) for k in (1, -1, 0))
                parts.append(Part(c.issue, c.outcome, backed, opposed, neutral, tuple(silent)))
            found.append(Package(actor, issue, tuple(parts)))
    return tuple(found)


# --- the view ------------------------------------------------------------------------


class TradeRow(NamedTuple):
    trade: Trade
    # Each party's positions on the issue it keeps and on the one it gives way on.
    cells: tuple[tuple[views.Cell, views.Cell], tuple[views.Cell, views.Cell]]


class PackageRow(NamedTuple):
    offer: views.Cell
    issue: Issue
    parts: tuple[tuple[Part, Issue, Mapping[str, views.Cell]], ...]  # cells by actor id


class TradesView(NamedTuple):
    """`trades`: the best trades first (at most `top` of them), then the packages."""

    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    rows: tuple[TradeRow, ...]
    found: int  # every trade, before `top`
    given: int  # the counted stances that give a salience
    uneven: tuple[Actor, ...]  # the parties that care more about one issue than another
    packages: tuple[PackageRow, ...]
    top: int
    titles: Mapping[str, str]  # issue id -> title, for every issue of the data


def trades_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    top: int = TOP,
) -> TradesView:
    chosen_actors = list(ds.actors) if actors is None else list(dict.fromkeys(actors))
    chosen_issues = list(ds.issues) if issues is None else list(dict.fromkeys(issues))
    snap = analysis.snapshot(ds, as_of, chosen_actors)
    # Only parties on the day trade or count as silent (format 2's `active:`).
    parties = [a for a in chosen_actors if ds.actors[a].party_on(as_of)]
    found = trades(snap, parties, chosen_issues)
    cells: dict[tuple[str, str], views.Cell] = {}

    def cell(actor: str, issue: str) -> views.Cell:
        if (actor, issue) not in cells:
            cells[actor, issue] = views._cells(ds, snap, issue, [actor], as_of)[0]
        return cells[actor, issue]

    rows = tuple(
        TradeRow(
            t,
            (
                (cell(t.actors[0], t.keeps[0]), cell(t.actors[0], t.gives[0])),
                (cell(t.actors[1], t.keeps[1]), cell(t.actors[1], t.gives[1])),
            ),
        )
        for t in found[:top]
    )
    among = frozenset(chosen_issues)
    given = sum(
        1
        for (_, issue), p in snap.items()
        if issue in among and p.salience is not None and analysis.counted(p) is not None
    )
    offers = tuple(
        PackageRow(
            cell(pk.actor, pk.issue),
            ds.issues[pk.issue],
            tuple(
                (
                    part,
                    ds.issues.get(part.issue) or Issue(part.issue, part.issue, ""),
                    {
                        a: cell(a, part.issue)
                        for a in part.supporters + part.rejecters + part.neutral
                        if part.issue in ds.issues
                    },
                )
                for part in pk.parts
            ),
        )
        for pk in packages(snap, parties, chosen_issues)
    )
    return TradesView(
        ds.title,
        as_of,
        tuple(ds.actors[a] for a in chosen_actors),
        rows,
        len(found),
        given,
        tuple(ds.actors[a] for a in uneven(snap, parties, chosen_issues)),
        offers,
        top,
        MappingProxyType({i.id: i.title for i in ds.issues.values()}),
    )
