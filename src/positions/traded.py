"""`positions trades`: the give and take that could move two parties, and the packages
the data's conditional offers make (docs/analysis.md, "Trades").

Pure: the definitions (`trades`, `packages`) take a snapshot and ids; `trades_view`
dresses them with the data's actors, issues and sources for the renderers. No I/O.
"""

import datetime as dt
import heapq
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


#: Gains are rounded to this many decimals, so that gains equal on paper (0.7 - 0.4
#: and 0.5 - 0.2) rank as equal, by the data's order, and not by float round-off.
GAIN_DECIMALS = 9

#: How a trade ranks: -gain, -larger gain, the two actors' and two issues' places.
_Key = tuple[float, float, int, int, int, int]


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
    return best_trades(snap, actors, issues, None)[0]


def best_trades(
    snap: analysis.Snapshot,
    actors: Sequence[str],
    issues: Sequence[str],
    top: int | None,
    red_lines: bool = True,
) -> tuple[tuple[Trade, ...], int]:
    """The `top` best of `trades` (all of them when None), and how many there are;
    without `red_lines`, as if no party held one (to say what red lines rule out).

    The one implementation of the definition. For each pair of parties the issues
    they clash on are grouped by the two saliences: every issue of a group trades
    alike, so a pair of groups is counted by multiplying their sizes, and only the
    first `top` issues of each group (in the data's order) can hold one of the `top`
    best trades. With saliences from a few values (0.5, 0.8, 1) a large file then
    costs the number of groups, not the square of the issues.
    """
    order = tuple(dict.fromkeys(actors))
    chosen = tuple(dict.fromkeys(issues))
    rank = {issue: i for i, issue in enumerate(chosen)}
    stated = _stakes(snap, order, chosen)
    ranked = [(i, a) for i, a in enumerate(order) if a in stated]
    kept: list[tuple[_Key, Trade]] = []
    worst: _Key | None = None  # the key of the top-th trade so far: nothing worse can enter
    found = 0
    for (i, a), (j, b) in itertools.combinations(ranked, 2):
        mine, theirs = stated[a], stated[b]
        # (A's salience, B's salience) -> the issues A may keep (B may give them way:
        # no red line of B's) and those A may give way on (no red line of A's).
        keeps: dict[tuple[float, float], list[tuple[int, str]]] = {}
        gives: dict[tuple[float, float], list[tuple[int, str]]] = {}
        for x, (score, sa, red_a) in mine.items():  # in the data's order
            other = theirs.get(x)
            if other is None or score * other[0] >= 0:
                continue
            group = (sa, other[1])
            if not (red_lines and other[2]):
                keeps.setdefault(group, []).append((rank[x], x))
            if not (red_lines and red_a):
                gives.setdefault(group, []).append((rank[x], x))
        for (ax, bx), xs in keeps.items():
            for (ay, by), ys in gives.items():
                if not (ax > ay and by > bx):
                    continue
                found += len(xs) * len(ys)
                gains = (round(ax - ay, GAIN_DECIMALS), round(by - bx, GAIN_DECIMALS))
                head = (-min(gains), -max(gains), i, j)
                if worst is not None and head > worst[:4]:
                    continue  # every trade of these groups ranks below the top ones
                for rx, x in xs if top is None else xs[:top]:
                    for ry, y in ys if top is None else ys[:top]:
                        key = (*head, min(rx, ry), max(rx, ry))
                        kept.append((key, Trade((a, b), (y, x), gains)))
                if top and len(kept) >= 4 * top:
                    kept = heapq.nsmallest(top, kept)
                    worst = kept[-1][0]
    kept.sort()
    return tuple(t for _, t in kept[:top]), found


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
    actor_rank = {a: n for n, a in enumerate(order)}
    issue_rank = {i: n for n, i in enumerate(dict.fromkeys(issues))}
    # The offers: a few conditional stances among many (a roll call has none).
    offers = sorted(
        (
            (issue_rank[issue], actor_rank[actor], actor, issue, p)
            for (actor, issue), p in snap.marked()
            if p.conditions and actor in actor_rank and issue in issue_rank
        ),
        key=lambda o: o[:2],
    )
    found = []
    for _, _, actor, issue, offer in offers:
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
    parties: int = 0  # the actors chosen that are parties on the day
    issues: int = 0  # the issues chosen
    ruled_out: int = 0  # with no trade found: the trades red lines rule out


def trades_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    top: int = TOP,
    snap: analysis.Snapshot | None = None,  # the snapshot of these actors, when made already
) -> TradesView:
    chosen_actors = list(ds.actors) if actors is None else list(dict.fromkeys(actors))
    chosen_issues = list(ds.issues) if issues is None else list(dict.fromkeys(issues))
    snap = analysis.snapshot(ds, as_of, chosen_actors) if snap is None else snap
    # Only parties on the day trade or count as silent (format 2's `active:`).
    parties = [a for a in chosen_actors if ds.actors[a].party_on(as_of)]
    among = frozenset(chosen_issues)
    given = sum(
        1
        for (_, issue), p in snap.marked()
        if issue in among and p.salience is not None and analysis.counted(p) is not None
    )
    # Without a salience no party cares unevenly: nothing to look for (a roll call).
    found, total = best_trades(snap, parties, chosen_issues, top) if given else ((), 0)
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
        for t in found
    )
    offers = tuple(
        PackageRow(
            cell(pk.actor, pk.issue),
            ds.issues[pk.issue],
            tuple(
                (
                    part,
                    views.issue_named(ds.issues, part.issue),
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
        total,
        given,
        tuple(ds.actors[a] for a in uneven(snap, parties, chosen_issues)) if given else (),
        offers,
        top,
        MappingProxyType({i.id: i.title for i in ds.issues.values()}),
        len(parties),
        len(chosen_issues),
        best_trades(snap, parties, chosen_issues, 0, red_lines=False)[1]
        if given and not total
        else 0,
    )
