"""`positions trades` (src/positions/trades.py): the worked examples of docs/analysis.md
pinned, hand-made snapshots for each rule, the definition held by property against a
brute-force oracle, and the command."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from positions import loader
from positions.analysis import Snapshot, snapshot
from positions.cli import app
from positions.model import Condition, Position, Stance
from positions.traded import (
    Package,
    Part,
    Trade,
    TradesView,
    best_trades,
    packages,
    trades,
    trades_view,
    uneven,
)  # fmt: skip
from tests.factories import dataset, pos, snap
from tests.profiles import examples

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
TRADE2 = DATA / "trade2.yaml"
DEFAULT = ROOT / "data" / "positions.yaml"
runner = CliRunner()


def offers(view: TradesView) -> tuple[Package, ...]:
    """The view's packages, as `packages` returns them."""
    return tuple(
        Package(r.offer.actor.id, r.issue.id, tuple(part for part, _, _ in r.parts))
        for r in view.packages
    )


# --- the worked example: tests/data/trade2.yaml ------------------------------------------


def test_trade2_before_the_eu_moves_on_tariffs() -> None:
    # As of 2024-05-31 the EU opposes tariff cuts (salience 0.3) and strongly opposes
    # raising quotas (red line, salience omitted: 1); Mercosur strongly supports both
    # (tariffs omitted: 1, quotas 0.95). The EU keeps quotas, Mercosur keeps tariffs.
    view = trades_view(loader.load(TRADE2), dt.date(2024, 5, 31))
    assert view.found == 1
    assert len(view.rows) == 1
    (row,) = view.rows
    t = row.trade
    assert t.actors == ("eu", "mercosur")
    assert t.gives == ("tariffs", "quotas")
    assert t.keeps == ("quotas", "tariffs")
    assert t.gains == pytest.approx((0.7, 0.05))
    assert t.gain == pytest.approx(0.05)
    # Each party's cells: the issue it keeps, then the one it gives way on.
    held = [[(c.actor.id, c.position and c.position.issue) for c in pair] for pair in row.cells]
    assert held == [
        [("eu", "quotas"), ("eu", "tariffs")],
        [("mercosur", "tariffs"), ("mercosur", "quotas")],
    ]
    # Saliences given: EU tariffs 0.3, Mercosur quotas 0.95, Kazakhstan's neutral 0 on
    # tariffs and Egypt's 1 on tariffs. Neither conditional offer is in force yet.
    assert view.given == 4
    assert [a.id for a in view.uneven] == ["eu", "mercosur"]
    assert view.packages == ()


def test_trade2_at_the_latest_date() -> None:
    ds = loader.load(TRADE2)
    view = trades_view(ds)
    # The EU now supports tariff cuts (0.6): on Mercosur's side, so only quotas divide
    # them, and one issue makes no trade.
    assert view.found == 0
    assert view.rows == ()
    # EU tariffs 0.6, Mercosur quotas 0.95, Kazakhstan tariffs 0, Egypt tariffs 1;
    # Mercosur's standards offer is conditional, so not counted.
    assert view.given == 4
    # The EU's saliences on a side: 0.6, 1, 1; Mercosur's: 1, 0.95. Egypt has one
    # counted stance on a side, Kazakhstan only a neutral one, Côte d'Ivoire one.
    assert [a.id for a in view.uneven] == ["eu", "mercosur"]
    assert [a.name for a in view.uneven] == ["European Union", "Mercosur"]
    # Greece's window ends on 2025-06-30: not a party now, so never silent.
    assert offers(view) == (
        Package(
            "egypt",
            "quotas",
            (Part("tariffs", "rejected", (), ("eu", "mercosur"), ("kazakhstan",),
                  ("cote_divoire", "observer")),),
        ),
        Package(
            "mercosur",
            "standards",
            (
                Part("tariffs", "adopted", ("eu",), ("egypt",), ("kazakhstan",),
                     ("cote_divoire", "observer")),
                # Egypt's own offer on quotas is conditional, on the side of adopted.
                Part("quotas", "adopted", ("egypt",), ("eu",), (),
                     ("kazakhstan", "cote_divoire", "observer")),
            ),
        ),
    )  # fmt: skip
    # Offers name their conditions' stances: the cells of those who hold one.
    mercosur = view.packages[1]
    assert [sorted(cells) for _, _, cells in mercosur.parts] == [
        ["egypt", "eu", "kazakhstan"],
        ["egypt", "eu"],
    ]


def test_the_default_data() -> None:
    view = trades_view(loader.load(DEFAULT))
    # One salience (Russia's 1.0 on Donbas), equal to the 1 an omitted one counts.
    assert view.found == 0
    assert view.rows == ()
    assert view.given == 1
    assert view.uneven == ()
    assert offers(view) == (
        Package(
            "united_states",
            "donbas",
            (Part("front_freeze", "adopted", ("russia",), (), (),
                  ("ukraine", "european_allies", "canada")),),
        ),
        Package(
            "russia",
            "front_freeze",
            (Part("donbas", "adopted", ("united_states",), ("ukraine", "european_allies"), (),
                  ("canada",)),),
        ),
    )  # fmt: skip


def test_given_counts_the_counted_stances_that_give_a_salience() -> None:
    ds = dataset(
        [
            pos("a", "x", -1, 0.5),
            pos("a", "y", -1, 0.25, conditions=(Condition("x", True),)),  # not counted
            pos("a", "z", 0, 0.75),  # neutral, but counted
            pos("b", "x", 1),  # omitted
            pos("b", "z", 1, 1.0),
        ]
    )
    assert trades_view(ds).given == 3
    assert trades_view(ds, issues=["x", "y"]).given == 1
    assert trades_view(ds, actors=["b"]).given == 1
    view = trades_view(ds)
    assert [a.id for a in view.uneven] == []  # a: one salience on a side; b: 1 and 1
    assert [a.id for a in view.actors] == ["a", "b"]
    assert (view.found, view.top) == (0, 10)


# --- the rules, by hand ----------------------------------------------------------------

# A cares more about x, B about y, on opposite sides of both: A gives y, B gives x.
A_X, A_Y = pos("a", "x", -2, 1.0), pos("a", "y", -2, 0.5)
B_X, B_Y = pos("b", "x", 2, 0.5), pos("b", "y", 2, 1.0)
AB = ("a", "b")
XY = ("x", "y")
TRADE = Trade(AB, ("y", "x"), (0.5, 0.5))


def test_the_basic_trade() -> None:
    assert trades(snap(A_X, A_Y, B_X, B_Y), AB, XY) == (TRADE,)
    assert TRADE.keeps == ("x", "y")
    assert uneven(snap(A_X, A_Y, B_X, B_Y), AB, XY) == AB


# The other way round: A cares more about y, B about x: A gives way on x, B on y.
O_A_X, O_A_Y = pos("a", "x", 1, 0.25), pos("a", "y", 1, 1.0)
O_B_X, O_B_Y = pos("b", "x", -1), pos("b", "y", -1, 0.5)
OTHER = Trade(AB, ("x", "y"), (0.75, 0.5))


def test_the_other_way_round() -> None:
    assert trades(snap(O_A_X, O_A_Y, O_B_X, O_B_Y), AB, XY) == (OTHER,)
    assert OTHER.keeps == ("y", "x")


def test_the_sides_matter_not_the_strength() -> None:
    weak = snap(pos("a", "x", -1, 1.0), pos("a", "y", -1, 0.5), pos("b", "x", 1, 0.5),
                pos("b", "y", 1, 1.0))  # fmt: skip
    assert trades(weak, AB, XY) == (TRADE,)


def _with(red: Position, *positions: Position) -> Snapshot:
    held = {(p.actor, p.issue): p for p in positions}
    held[red.actor, red.issue] = red._replace(red_line=True)
    return Snapshot(held)


@pytest.mark.parametrize(
    ("red", "base"),
    [(A_Y, (A_X, A_Y, B_X, B_Y)), (B_X, (A_X, A_Y, B_X, B_Y)),
     (O_A_X, (O_A_X, O_A_Y, O_B_X, O_B_Y)), (O_B_Y, (O_A_X, O_A_Y, O_B_X, O_B_Y))],
    ids=["a-gives-y", "b-gives-x", "a-gives-x", "b-gives-y"],
)  # fmt: skip
def test_a_red_line_on_the_issue_given_up_blocks(red: Position, base: tuple[Position, ...]) -> None:
    assert len(trades(snap(*base), AB, XY)) == 1  # without the red line, a trade
    assert trades(_with(red, *base), AB, XY) == ()


@pytest.mark.parametrize(
    ("red", "base", "trade"),
    [(A_X, (A_X, A_Y, B_X, B_Y), TRADE), (B_Y, (A_X, A_Y, B_X, B_Y), TRADE),
     (O_A_Y, (O_A_X, O_A_Y, O_B_X, O_B_Y), OTHER), (O_B_X, (O_A_X, O_A_Y, O_B_X, O_B_Y), OTHER)],
    ids=["a-keeps-x", "b-keeps-y", "a-keeps-y", "b-keeps-x"],
)  # fmt: skip
def test_a_red_line_on_the_issue_kept_does_not_block(
    red: Position, base: tuple[Position, ...], trade: Trade
) -> None:
    assert trades(_with(red, *base), AB, XY) == (trade,)


@pytest.mark.parametrize(
    "replaced",
    [
        B_Y._replace(stance=Stance.NEUTRAL),
        A_X._replace(stance=Stance.NEUTRAL),
        B_Y._replace(conditions=(Condition("x", False),)),
        A_Y._replace(conditions=(Condition("x", True),)),
        B_X._replace(stance=Stance.STRONGLY_OPPOSE),  # same side as A on x
    ],
    ids=["neutral-kept", "neutral-other", "conditional-kept", "conditional-given", "same-side"],
)
def test_no_trade_without_counted_stances_on_opposite_sides(replaced: Position) -> None:
    held = {(p.actor, p.issue): p for p in (A_X, A_Y, B_X, B_Y)}
    held[replaced.actor, replaced.issue] = replaced
    assert trades(Snapshot(held), AB, XY) == ()


def test_an_unstated_position_makes_no_trade() -> None:
    assert trades(snap(A_X, A_Y, B_X), AB, XY) == ()


def test_equal_saliences_never_trade() -> None:
    # A cares equally about x and y (0.5 each; then both omitted): it gains nothing.
    equal = snap(A_X._replace(salience=0.5), A_Y, B_X, B_Y)
    assert trades(equal, AB, XY) == ()
    omitted = snap(A_X._replace(salience=None), A_Y._replace(salience=None), B_X, B_Y)
    assert trades(omitted, AB, XY) == ()
    # An omitted salience counts 1, the same as 1.0 given.
    same = snap(A_X._replace(salience=None), A_Y._replace(salience=1.0), B_X, B_Y)
    assert trades(same, AB, XY) == ()
    assert uneven(same, AB, XY) == ("b",)
    # A cares unevenly (z matters most to it) but equally about x and y: still none.
    third = snap(A_X._replace(salience=0.5), A_Y, pos("a", "z", 1, 1.0), B_X, B_Y)
    assert uneven(third, AB, ("x", "y", "z")) == AB
    assert trades(third, AB, ("x", "y", "z")) == ()
    # The same the other way round: B cares more about x, A equally about x and y.
    other = snap(A_X._replace(salience=0.5), A_Y, pos("a", "z", 1, 1.0),
                 B_X._replace(salience=1.0), B_Y._replace(salience=0.5))  # fmt: skip
    assert trades(other, AB, ("x", "y", "z")) == ()
    # B's order agrees with A's (both care more about x): no trade either.
    agree = snap(A_X, A_Y, B_X._replace(salience=1.0), B_Y._replace(salience=0.5))
    assert trades(agree, AB, XY) == ()


def test_uneven_counts_only_counted_stances_on_a_side() -> None:
    s = snap(
        pos("a", "x", 1), pos("a", "y", 0, 0.25),  # a neutral salience does not count
        pos("b", "x", 1), pos("b", "y", -1, 0.25, conditions=(Condition("x", True),)),
        pos("c", "x", 1, 0.0), pos("c", "y", -2),  # 0 and 1 (omitted): uneven
        pos("d", "x", 2, 0.5), pos("d", "z", 1),  # z is not among the issues asked
    )  # fmt: skip
    assert uneven(s, ("a", "b", "c", "d"), XY) == ("c",)
    assert uneven(s, ("d", "c", "b", "a"), ("x", "y", "z")) == ("d", "c")


def test_the_ranking() -> None:
    # a and b oppose x and y and care more about x; c, d and e support both and care
    # more about y. Every salience is a binary fraction: the gains are exact.
    s = snap(
        pos("a", "x", -1, 0.75), pos("a", "y", -1, 0.25),  # gains 0.5
        pos("b", "x", -1, 1.0), pos("b", "y", -1, 0.25),  # gains 0.75
        pos("c", "x", 1, 0.5), pos("c", "y", 1, 1.0),  # gains 0.5
        pos("d", "x", 1, 0.5), pos("d", "y", 1, 0.75),  # gains 0.25
        pos("e", "x", 1, 0.25), pos("e", "y", 1, 0.5),  # gains 0.25
    )  # fmt: skip
    found = trades(s, ("a", "b", "c", "d", "e"), XY)
    assert found == (
        Trade(("b", "c"), ("y", "x"), (0.75, 0.5)),  # gain 0.5, the larger 0.75 first
        Trade(("a", "c"), ("y", "x"), (0.5, 0.5)),  # gain 0.5, larger 0.5
        Trade(("b", "d"), ("y", "x"), (0.75, 0.25)),  # gain 0.25, larger 0.75
        Trade(("b", "e"), ("y", "x"), (0.75, 0.25)),  # a full tie: d comes before e
        Trade(("a", "d"), ("y", "x"), (0.5, 0.25)),  # gain 0.25, larger 0.5
        Trade(("a", "e"), ("y", "x"), (0.5, 0.25)),
    )
    assert [t.gain for t in found] == [0.5, 0.5, 0.25, 0.25, 0.25, 0.25]
    # The actors' order decides the full ties, not their names.
    reordered = trades(s, ("a", "b", "c", "e", "d"), XY)
    assert [t.actors for t in reordered] == [
        ("b", "c"), ("a", "c"), ("b", "e"), ("b", "d"), ("a", "e"), ("a", "d"),
    ]  # fmt: skip


def test_full_ties_go_by_the_first_actor_then_the_second() -> None:
    s = snap(
        pos("a", "x", -1, 1.0), pos("a", "y", -1, 0.5),
        pos("b", "x", -1, 1.0), pos("b", "y", -1, 0.5),
        pos("c", "x", 1, 0.5), pos("c", "y", 1, 1.0),
        pos("d", "x", 1, 0.5), pos("d", "y", 1, 1.0),
    )  # fmt: skip
    found = trades(s, ("a", "b", "c", "d"), XY)
    assert [t.actors for t in found] == [("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")]
    assert {t.gains for t in found} == {(0.5, 0.5)}


def test_a_full_tie_between_issues_goes_by_the_issues_order() -> None:
    # a and b trade on (x, y) and on (x, z) with the same gains.
    s = snap(
        pos("a", "x", -1, 1.0), pos("a", "y", -1, 0.5), pos("a", "z", -1, 0.5),
        pos("b", "x", 1, 0.5), pos("b", "y", 1, 1.0), pos("b", "z", 1, 1.0),
    )  # fmt: skip
    assert [t.gives for t in trades(s, AB, ("x", "y", "z"))] == [("y", "x"), ("z", "x")]
    assert [t.gives for t in trades(s, AB, ("z", "y", "x"))] == [("z", "x"), ("y", "x")]
    # Four issues: a cares more about w and x, b about y and z; every gain is 0.5.
    # The issues' order ranks the pairs by the first of the two, then the second.
    s = snap(
        pos("a", "w", -1, 1.0), pos("a", "x", -1, 1.0), pos("a", "y", -1, 0.5),
        pos("a", "z", -1, 0.5), pos("b", "w", 1, 0.5), pos("b", "x", 1, 0.5),
        pos("b", "y", 1, 1.0), pos("b", "z", 1, 1.0),
    )  # fmt: skip
    found = trades(s, AB, ("w", "x", "y", "z"))
    assert [t.keeps[0] + t.gives[0] for t in found] == ["wy", "wz", "xy", "xz"]
    assert {t.gains for t in found} == {(0.5, 0.5)}


def test_a_tie_on_paper_goes_by_the_actors_order() -> None:
    s = snap(
        pos("a", "x", -1, 0.7), pos("a", "y", -1, 0.4),  # gains 0.3
        pos("b", "x", -1, 0.5), pos("b", "y", -1, 0.2),  # gains 0.3
        pos("c", "x", 1, 0.6), pos("c", "y", 1, 0.9),  # gains 0.3
    )  # fmt: skip
    found = trades(s, ("a", "b", "c"), XY)
    assert [(round(t.gain, 4), round(max(t.gains), 4)) for t in found] == [(0.3, 0.3)] * 2
    assert [t.actors for t in found] == [("a", "c"), ("b", "c")]


def test_packages_place_every_other_party() -> None:
    s = snap(
        pos("a", "z", 1, conditions=(Condition("x", True), Condition("y", False))),
        pos("b", "x", 2), pos("b", "y", 0),
        pos("c", "x", -1, red_line=True), pos("c", "y", -2),
        pos("d", "y", 1, conditions=(Condition("x", False),)),
    )  # fmt: skip
    actors = ("a", "b", "c", "d", "e")
    assert packages(s, actors, ("x", "y", "z")) == (
        Package("d", "y", (Part("x", "rejected", ("c",), ("b",), (), ("a", "e")),)),
        Package(
            "a",
            "z",
            (
                Part("x", "adopted", ("b",), ("c",), (), ("d", "e")),
                Part("y", "rejected", ("c",), ("d",), ("b",), ("e",)),
            ),
        ),
    )
    # Only the issues asked for are offers; a condition may name any issue.
    assert packages(s, actors, ("z",)) == packages(s, actors, ("x", "y", "z"))[1:]
    # Only the actors asked for are parties.
    assert packages(s, ("a", "b"), ("z",)) == (
        Package("a", "z", (Part("x", "adopted", ("b",), (), (), ()),
                           Part("y", "rejected", (), (), ("b",), ()))),
    )  # fmt: skip


# --- properties ----------------------------------------------------------------------

ACTORS = ("a", "b", "c", "d", "e")
ISSUES = ("i1", "i2", "i3", "i4", "i5")
# Binary fractions: every difference is exact, so ties are ties.
SALIENCE_VALUES = (0.0, 0.25, 0.5, 0.75, 1.0)
SALIENCES = st.sampled_from((None, *SALIENCE_VALUES))


class Case(NamedTuple):
    snap: Snapshot
    actors: tuple[str, ...]
    issues: tuple[str, ...]


@st.composite
def cases(draw: st.DrawFn, with_salience: bool = True) -> Case:
    """Random stances of 2-5 actors on 2-5 issues. Each actor leans to one side, which
    three stances in four follow (the rest are any score, neutral included), so that
    pairs on opposite sides of two issues, and so trades, are common."""
    actors = ACTORS[: draw(st.integers(2, 5))]
    issues = ISSUES[: draw(st.integers(2, 5))]
    held: dict[tuple[str, str], Position] = {}
    for actor in actors:
        side = draw(st.sampled_from([1, -1]))
        for issue in issues:
            if draw(st.integers(0, 5)) == 5:
                continue  # unstated
            conditions: tuple[Condition, ...] = ()
            if draw(st.integers(0, 9)) == 9:
                other = draw(st.sampled_from([i for i in issues if i != issue]))
                conditions = (Condition(other, draw(st.booleans())),)
            lean = draw(st.integers(0, 3)) < 3
            score = side * draw(st.integers(1, 2)) if lean else draw(st.integers(-2, 2))
            held[actor, issue] = pos(
                actor,
                issue,
                score,
                draw(SALIENCES) if with_salience else None,
                draw(st.integers(0, 3)) == 3,  # a red line, one stance in four
                conditions,
            )
    return Case(Snapshot(held), actors, issues)


def _s(p: Position) -> float:
    return 1.0 if p.salience is None else p.salience


def oracle(snap: Snapshot, actors: Sequence[str], issues: Sequence[str]) -> set[Trade]:
    """The definition, by brute force over every ordered pair of actors and of issues."""
    rank = {a: n for n, a in enumerate(actors)}
    found: set[Trade] = set()
    for a, b in itertools.permutations(actors, 2):
        for x, y in itertools.permutations(issues, 2):
            four = [snap.get(key) for key in ((a, x), (a, y), (b, x), (b, y))]
            stances = [p for p in four if p is not None and not p.conditions and p.stance.score]
            if len(stances) < 4:
                continue
            ax, ay, bx, by = stances
            if ax.stance.score * bx.stance.score >= 0 or ay.stance.score * by.stance.score >= 0:
                continue
            if _s(ax) > _s(ay) and _s(by) > _s(bx) and not ay.red_line and not bx.red_line:
                gains = (_s(ax) - _s(ay), _s(by) - _s(bx))
                if rank[a] < rank[b]:
                    found.add(Trade((a, b), (y, x), gains))
                else:  # the same trade, named with the first actor first
                    found.add(Trade((b, a), (x, y), (gains[1], gains[0])))
    return found


@settings(max_examples=examples(300), deadline=None)
@given(cases())
def test_every_trade_meets_the_definition(case: Case) -> None:
    for t in trades(*case):
        (a, b), (gives_a, gives_b) = t.actors, t.gives
        assert case.actors.index(a) < case.actors.index(b)
        assert gives_a != gives_b
        assert t.keeps == (gives_b, gives_a)
        ax, ay = case.snap[a, gives_b], case.snap[a, gives_a]  # a keeps x, gives y
        bx, by = case.snap[b, gives_b], case.snap[b, gives_a]
        for p in (ax, ay, bx, by):
            assert not p.conditions
            assert p.stance.score != 0
        assert ax.stance.score * bx.stance.score < 0
        assert ay.stance.score * by.stance.score < 0
        assert _s(ax) > _s(ay)
        assert _s(by) > _s(bx)
        assert not ay.red_line
        assert not bx.red_line
        assert t.gains == (_s(ax) - _s(ay), _s(by) - _s(bx))
        assert all(g > 0 for g in t.gains)
        assert t.gain == min(t.gains)
        assert {a, b} <= set(uneven(*case))


@settings(max_examples=examples(300), deadline=None)
@given(cases())
def test_every_trade_is_found_once(case: Case) -> None:
    found = trades(*case)
    assert len(found) == len(set(found))
    assert set(found) == oracle(*case)


@settings(max_examples=examples(200), deadline=None)
@given(cases())
def test_the_trades_do_not_depend_on_the_order_of_actors_or_issues(case: Case) -> None:
    found = trades(*case)
    backwards = trades(case.snap, case.actors[::-1], case.issues)
    assert Counter(backwards) == Counter(
        Trade(t.actors[::-1], t.gives[::-1], t.gains[::-1]) for t in found
    )
    assert Counter(trades(case.snap, case.actors, case.issues[::-1])) == Counter(found)


@settings(max_examples=examples(300), deadline=None)
@given(cases(), st.integers(1, 4))
def test_the_best_few_are_the_first_few_of_all(case: Case, top: int) -> None:
    """best_trades' shortcuts (groups of issues alike, the first `top` of a group, no
    group ranked below the top ones) change nothing a user sees."""
    every = trades(*case)
    assert best_trades(*case, top) == (every[:top], len(every))


def test_the_best_few_out_of_many_alike() -> None:
    """Thirty issues in two groups of saliences: 15 x 15 trades, equal gains, so the
    best by issue order (the first issue of the two, then the second)."""
    issues = tuple(f"i{n:02d}" for n in range(30))
    held = []
    for n, issue in enumerate(issues):
        high = n % 2 == 0  # a cares about the even issues, b about the odd ones
        held += [
            pos("a", issue, -1, 0.9 if high else 0.2),
            pos("b", issue, 1, 0.1 if high else 0.8),
        ]
    s = snap(*held)
    best, found = best_trades(s, ("a", "b"), issues, 3)
    assert found == 15 * 15 == len(trades(s, ("a", "b"), issues))
    assert [t.gives for t in best] == [("i01", "i00"), ("i03", "i00"), ("i05", "i00")]
    assert {t.gains for t in best} == {(0.7, 0.7)}


@settings(max_examples=examples(200), deadline=None)
@given(cases(with_salience=False))
def test_without_salience_no_trade(case: Case) -> None:
    assert trades(*case) == ()
    assert uneven(*case) == ()


@settings(max_examples=examples(200), deadline=None)
@given(cases())
def test_uneven_follows_its_definition(case: Case) -> None:
    want = tuple(
        a
        for a in case.actors
        if len(
            {
                _s(p)
                for i in case.issues
                if (p := case.snap.get((a, i))) is not None and not p.conditions and p.stance.score
            }
        )
        > 1
    )
    assert uneven(*case) == want


@settings(max_examples=examples(300), deadline=None)
@given(cases())
def test_the_trades_are_ranked(case: Case) -> None:
    actor_rank = {a: n for n, a in enumerate(case.actors)}
    issue_rank = {i: n for n, i in enumerate(case.issues)}
    keys = [
        (
            -t.gain,
            -max(t.gains),
            actor_rank[t.actors[0]],
            actor_rank[t.actors[1]],
            min(issue_rank[i] for i in t.gives),
            max(issue_rank[i] for i in t.gives),
        )
        for t in trades(*case)
    ]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)  # a full order: nothing is left to chance


@settings(max_examples=examples(300), deadline=None)
@given(cases(), st.data())
def test_caring_more_about_what_one_keeps_never_undoes_a_trade(
    case: Case, data: st.DataObject
) -> None:
    found = trades(*case)
    if not found:
        return
    t = data.draw(st.sampled_from(found))
    k = data.draw(st.integers(0, 1))
    party, kept, given_up = t.actors[k], t.keeps[k], t.gives[k]
    old = case.snap[party, kept]
    higher = [v for v in SALIENCE_VALUES if v > _s(old)]
    if not higher:
        return  # already 1 (or omitted, which counts 1): salience goes no higher
    new = data.draw(st.sampled_from(higher))
    raised = Snapshot({**case.snap, (party, kept): old._replace(salience=new)})
    after = {(u.actors, u.gives): u for u in trades(raised, case.actors, case.issues)}
    assert (t.actors, t.gives) in after
    gains = list(t.gains)
    gains[k] = new - _s(case.snap[party, given_up])
    assert after[t.actors, t.gives].gains == tuple(gains)
    assert after[t.actors, t.gives].gain >= t.gain


PLACES = ("supporters", "rejecters", "neutral", "silent")


def _side(p: Position, outcome: str) -> str:
    score = p.stance.score if outcome == "adopted" else -p.stance.score
    return "supporters" if score > 0 else "rejecters" if score < 0 else "neutral"


@settings(max_examples=examples(200), deadline=None)
@given(cases())
def test_packages_follow_their_definition(case: Case) -> None:
    want = []
    for issue in case.issues:
        for actor in case.actors:
            offer = case.snap.get((actor, issue))
            if offer is None or not offer.conditions:
                continue
            parts = []
            for c in offer.conditions:
                place: dict[str, list[str]] = {k: [] for k in PLACES}
                for other in case.actors:
                    if other != actor:
                        p = case.snap.get((other, c.issue))
                        place["silent" if p is None else _side(p, c.outcome)].append(other)
                parts.append(Part(c.issue, c.outcome, *(tuple(place[k]) for k in PLACES)))
            want.append(Package(actor, issue, tuple(parts)))
    assert packages(*case) == tuple(want)


# --- the command ---------------------------------------------------------------------


def test_top_must_be_at_least_one() -> None:
    result = runner.invoke(app, ["trades", "--top", "0"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--top" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_json_of_the_worked_example() -> None:
    result = runner.invoke(
        app,
        ["trades", "--data", str(TRADE2), "--as-of", "2024-05-31", "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["found"] == 1
    assert out["salience_given"] == 4
    assert out["uneven"] == ["eu", "mercosur"]
    (trade,) = out["trades"]
    assert trade["actors"] == ["eu", "mercosur"]
    assert trade["gives"] == {"eu": "tariffs", "mercosur": "quotas"}
    assert trade["keeps"] == {"eu": "quotas", "mercosur": "tariffs"}
    assert trade["gain"] == 0.05
    assert trade["gains"] == {"eu": 0.7, "mercosur": 0.05}
    assert trade["red_lines"] == [["eu", "quotas"]]


MANY = """\
format: 2
title: Three parties
sources:
  src: {name: Source}
actors:
  a: {name: Alpha}
  b: {name: Beta}
  c: {name: Gamma}
issues:
  x: {title: Ex, question: Should x?}
  y: {title: Why, question: Should y?}
positions:
""" + "".join(
    f"  - {{actor: {a}, issue: {i}, stance: {stance}, summary: s, source: src,"
    f" salience: {salience}, date: 2024-01-01}}\n"
    for a, i, stance, salience in [
        ("a", "x", "strongly_oppose", 1.0),
        ("a", "y", "strongly_oppose", 0.25),
        ("b", "x", "support", 0.25),
        ("b", "y", "support", 1.0),
        ("c", "x", "support", 0.5),
        ("c", "y", "support", 1.0),
    ]
)


def test_top_lists_the_best_and_counts_them_all(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(MANY, encoding="utf-8")
    # a gains 0.75 with either; b gains 0.75, c 0.5: (a, b) first, then (a, c).
    ds = loader.load(path)
    assert trades(snapshot(ds), tuple(ds.actors), tuple(ds.issues)) == (
        Trade(("a", "b"), ("y", "x"), (0.75, 0.75)),
        Trade(("a", "c"), ("y", "x"), (0.75, 0.5)),
    )
    view = trades_view(ds, top=1)
    assert (view.found, [r.trade.actors for r in view.rows]) == (2, [("a", "b")])
    result = runner.invoke(
        app, ["trades", "--data", str(path), "--top", "1", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["found"] == 2
    assert out["top"] == 1
    assert [t["actors"] for t in out["trades"]] == [["a", "b"]]
    assert out["trades"][0]["gain"] == 0.75
    text = runner.invoke(
        app,
        ["trades", "--data", str(path), "--top", "1"],
        env={"COLUMNS": "100", "NO_COLOR": "1"},
        catch_exceptions=False,
    )
    assert text.exit_code == 0, text.stderr
    # One trade listed, Alpha's with Beta; Gamma's is counted, not shown.
    assert "Alpha" in text.stdout
    assert "Beta" in text.stdout
    assert "Gamma" not in text.stdout


def test_no_trade_says_why() -> None:
    from positions.render.words import reason

    default = loader.load(ROOT / "data" / "positions.yaml")
    assert reason(trades_view(default, actors=["russia"])) == (
        "a trade needs two parties, and only one of them is a party on the day"
    )
    assert reason(trades_view(default, issues=["donbas"])) == (
        "a trade needs two issues; choose more with --issues"
    )
    trade2 = loader.load(ROOT / "tests" / "data" / "trade2.yaml")
    left = trades_view(trade2, dt.date(2025, 7, 1), actors=["greece", "eu"])  # Greece has left
    assert (left.parties, reason(left)) == (
        1,
        "a trade needs two parties, and only one of them is a party on the day",
    )
    assert reason(trades_view(default)) == (
        "no party cares more about one issue it takes a side on than another, and a trade "
        "needs two that do (1 stance in force gives a salience; an omitted one counts 1)."
    )


def test_red_lines_that_rule_trades_out_are_counted() -> None:
    s = snap(
        pos("a", "x", -1, 0.9), pos("a", "y", -1, 0.2, red_line=True),  # a would give y
        pos("b", "x", 1, 0.1), pos("b", "y", 1, 0.8),
    )  # fmt: skip
    assert trades(s, ("a", "b"), XY) == ()
    assert best_trades(s, ("a", "b"), XY, None, red_lines=False) == (
        (Trade(("a", "b"), ("y", "x"), (0.7, 0.7)),),
        1,
    )


def test_a_brief_counts_every_trade_and_says_where_the_rest_are() -> None:
    """Six trades (a cares most about w, b about z: every pair of issues is one); the
    brief names the best three, and each form says there are six."""
    from positions import export, views

    issues = "wxyz"
    ds = dataset(
        [pos("a", i, -2, 1.0 - 0.2 * n) for n, i in enumerate(issues)]
        + [pos("b", i, 2, 0.4 + 0.2 * n) for n, i in enumerate(issues)]
    )
    assert trades_view(ds).found == 6
    from positions.render import json as json_render

    brief = json.loads(json_render.dumps(views.brief_view(ds)))
    assert (len(brief["trades"]), brief["trades_found"]) == (3, 6)
    page = views.report_view(ds, briefing=True)
    memo = export.render("md", page)
    assert "### Trades (6)\n" in memo
    assert "- and 3 more (`positions trades` lists every one)\n" in memo
    html = export.render("html", page)
    assert '>Trades <span class="count" data-count="6">(6)</span></h3>' in html
    assert "And 3 more: <code>positions trades</code> lists every one." in html


def test_a_trade_s_headline_wraps_under_itself_with_its_gain_whole() -> None:
    """At 40 columns a long headline keeps to its column, under its number, and the
    gain's word and number stay on one line."""
    import io

    from rich.console import Console

    from positions.render import trades as trades_render

    long = "a much longer title of an issue than most"
    ds = dataset(
        [pos("a", i, -2, 1.0 - 0.2 * n) for n, i in enumerate("wxyz")]
        + [pos("b", i, 2, 0.4 + 0.2 * n) for n, i in enumerate("wxyz")]
    )
    view = trades_view(ds)._replace(titles={i: f"{long} {i}" for i in "wxyz"})
    out = io.StringIO()
    Console(file=out, width=40, color_system=None).print(trades_render.terminal(view, 40))
    lines = out.getvalue().splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("1. "))
    assert lines[first].startswith("1. (gain 0.60) ")
    block = lines[first + 1 : lines.index("", first)]
    assert len(block) > 3
    assert all(line.startswith("   ") for line in block), block
    assert all(len(line) <= 40 for line in lines)


_WIDE_TITLES = {
    "a": "New nationally determined contributions aligned with the pathway by 2025",
    "b": "Unilateral trade measures such as border carbon adjustments on the agenda",
}
WIDE_NAMES = (
    "format: 2\ntitle: Wide names\nsources:\n  s: {name: S}\n"
    "actors:\n  cn: {name: 中国}\n  jp: {name: Japan}\nissues:\n"
    + "".join(f"  {i}:\n    title: {t}\n    question: {i}?\n" for i, t in _WIDE_TITLES.items())
    + "positions:\n"
    + "".join(
        f"  - {{actor: {actor}, issue: {issue}, stance: {stance}, summary: S., source: s,"
        f" date: 2024-01-01, salience: {salience}}}\n"
        for actor, issue, stance, salience in [
            ("cn", "a", "strongly_support", 0.9), ("jp", "a", "strongly_oppose", 0.2),
            ("cn", "b", "strongly_oppose", 0.2), ("jp", "b", "strongly_support", 0.9),
        ]
    )
)  # fmt: skip


def test_a_headline_with_wide_characters_wraps_and_is_never_cut(tmp_path: Path) -> None:
    """rich's own table cut a line that filled its width exactly with CJK in it
    ("... aligne…", at 80 columns among others); every width is checked."""
    from rich.cells import cell_len

    path = tmp_path / "wide.yaml"
    path.write_text(WIDE_NAMES, encoding="utf-8")
    for width in range(60, 101):
        result = runner.invoke(app, ["--data", str(path), "trades"], env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        assert "…" not in result.stdout, width
        assert max(cell_len(line) for line in result.stdout.splitlines()) <= width
        assert "aligned with the pathway" in " ".join(result.stdout.split())
