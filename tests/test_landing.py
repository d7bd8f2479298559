"""Landing points: the weighted median of analysis.landing, pinned and by property."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from positions import views
from positions.analysis import Landing, Placed, crosses, landing, snapshot, weighted_median
from positions.model import (
    Condition,
)
from tests.factories import dataset, pos
from tests.profiles import examples


def placed(*items: tuple[str, int, float]) -> list[Placed]:
    return [Placed(a, s, w, False, False) for a, s, w in sorted(items, key=lambda t: t[1])]


# --- the weighted median, by hand --------------------------------------------


def test_the_pivot_is_where_the_weight_passes_half() -> None:
    assert weighted_median(placed(("a", -2, 1), ("b", 1, 1), ("c", 2, 1))) == (1.0, "b")
    # A weighs more than the other two together: the median is its score.
    assert weighted_median(placed(("a", -2, 3), ("b", 1, 1), ("c", 2, 1))) == (-2.0, "a")


def test_an_exact_split_lands_halfway_with_no_pivot() -> None:
    assert weighted_median(placed(("a", -2, 1), ("b", 2, 1))) == (0.0, None)
    assert weighted_median(placed(("a", -1, 2), ("b", 1, 1), ("c", 2, 1))) == (0.0, None)


def test_an_exact_split_inside_one_score_is_that_score() -> None:
    # Half the weight is reached inside the parties at +1: the median is +1, and the
    # pivot is the party with which the weight passes half.
    assert weighted_median(placed(("a", -2, 1), ("b", 1, 1), ("c", 1, 1), ("d", 2, 1))) == (
        1.0,
        "c",
    )


def test_no_weight_no_median() -> None:
    assert weighted_median([]) == (None, None)
    assert weighted_median(placed(("a", 2, 0.0))) == (None, None)


def test_a_red_line_is_crossed_unless_the_median_is_on_its_side() -> None:
    assert not crosses(1.0, 2)
    assert not crosses(-0.5, -1)
    assert crosses(0.0, 2)
    assert crosses(0.0, -2)
    assert crosses(-1.0, 1)
    assert crosses(1.5, -2)


# --- landing over a data set -------------------------------------------------


def test_weight_is_capability_times_salience() -> None:
    ds = dataset(
        [pos("a", "x", -2, salience=0.5), pos("b", "x", 2, salience=1.0), pos("c", "x", 1)],
        capability={"a": 4.0},
    )
    (row,), scenario = landing(
        snapshot(ds), ["x"], {a.id: a.capability for a in ds.actors.values()}
    )
    assert [(p.actor, p.weight) for p in row.placed] == [("a", 2.0), ("c", 1.0), ("b", 1.0)]
    # 2 at -2 against 1 at +1 and 1 at +2: split, halfway between -2 and +1.
    assert (row.median, row.pivot) == (-0.5, None)
    assert row.mean == (-2 * 2.0 + 1 * 1.0 + 2 * 1.0) / 4.0
    assert dict(scenario) == {"x": "rejected"}


def test_a_conditional_stance_counts_only_in_its_scenario() -> None:
    # x is adopted by its median (+2, +1 against -1); y's conditional stances: A's
    # holds (x adopted), B's does not (x rejected).
    ds = dataset(
        [
            pos("a", "x", 2), pos("b", "x", 1), pos("c", "x", -1),
            pos("a", "y", 2, conditions=(Condition("x", True),)),
            pos("b", "y", -2, conditions=(Condition("x", False),)),
            pos("c", "y", -1),
        ]
    )  # fmt: skip
    rows, scenario = landing(snapshot(ds), ["x", "y"], dict.fromkeys(ds.actors))
    # y has one unconditional stance, too few for an estimate: undecided, not in it.
    assert dict(scenario) == {"x": "adopted"}
    y = rows[1]
    assert [(p.actor, p.score, p.conditional) for p in y.placed] == [
        ("c", -1, False),
        ("a", 2, True),
    ]
    assert (y.median, y.pivot) == (0.5, None)


def test_one_party_placed_is_no_estimate() -> None:
    ds = dataset([pos("a", "x", 2), pos("b", "y", 1), pos("c", "y", 2)])
    (x, y), scenario = landing(snapshot(ds), ["x", "y"], dict.fromkeys(ds.actors))
    assert (x.median, x.pivot, x.mean, [p.actor for p in x.placed]) == (None, None, None, ["a"])
    assert (y.median, y.pivot) == (1.5, None)  # two equal weights: halfway
    assert dict(scenario) == {"y": "adopted"}


def test_the_scenario_does_not_depend_on_the_issues_shown() -> None:
    """A conditional stance on p holds if q is adopted: showing p alone moves nothing."""
    ds = dataset(
        [
            pos("a", "p", -1), pos("b", "p", 1),
            pos("c", "p", 1, conditions=(Condition("q", True),)),
            pos("a", "q", 1), pos("b", "q", 1), pos("c", "q", 1),
        ]
    )  # fmt: skip
    whole = views.landing_view(ds).rows[0].landing
    alone = views.landing_view(ds, issues=["p"]).rows[0].landing
    assert whole == alone
    assert (alone.median, alone.pivot) == (1.0, "b")


def test_the_scenario_said_is_that_of_the_conditions_on_the_issues_shown() -> None:
    """Shown alone, p says how q was taken (c's stance on p counts because q is
    adopted); q shown alone says nothing: no stance on q has a condition."""
    ds = dataset(
        [
            pos("a", "p", -1), pos("b", "p", 1),
            pos("c", "p", 1, conditions=(Condition("q", True),)),
            pos("a", "q", 1), pos("b", "q", 1), pos("c", "q", 1),
        ]
    )  # fmt: skip

    def said(issues: list[str] | None) -> list[tuple[str, str]]:
        return [(i.id, how) for i, how in views.landing_view(ds, issues=issues).scenario]

    assert said(["p"]) == [("q", "adopted")]
    assert said(None) == [("q", "adopted")]
    assert said(["q"]) == []


def test_the_parties_whose_red_line_the_median_crosses() -> None:
    ds = dataset([pos("a", "x", -2, red_line=True), pos("b", "x", 1), pos("c", "x", 2)])
    (row,), _ = landing(snapshot(ds), ["x"], dict.fromkeys(ds.actors))
    assert (row.median, row.pivot, row.across) == (1.0, "b", ("a",))


def test_the_view_names_who_is_not_placed_and_whether_any_weight_is_given() -> None:
    ds = dataset([pos("a", "x", 1), pos("b", "x", 2, salience=0.0), pos("c", "y", 1)])
    view = views.landing_view(ds)
    assert [(r.issue.id, r.unplaced) for r in view.rows] == [("x", ("b", "c")), ("y", ("a", "b"))]
    assert view.weighted
    assert not views.landing_view(dataset([pos("a", "x", 1)])).weighted


# --- properties --------------------------------------------------------------

SCORES = st.integers(-2, 2)
WEIGHTS = st.sampled_from([0.0, 0.25, 0.5, 1.0, 2.0, 3.0])
PARTIES = st.lists(st.tuples(SCORES, WEIGHTS), min_size=1, max_size=9)


def _placed(parties: Sequence[tuple[int, float]]) -> list[Placed]:
    items = [Placed(f"p{i}", s, w, False, False) for i, (s, w) in enumerate(parties)]
    return sorted(items, key=lambda p: (p.score, int(p.actor[1:])))


@settings(max_examples=examples(300))
@given(PARTIES)
def test_the_median_is_symmetric(parties: list[tuple[int, float]]) -> None:
    median, _ = weighted_median(_placed(parties))
    mirrored, _ = weighted_median(_placed([(-s, w) for s, w in parties]))
    assert (median is None and mirrored is None) or median == -(mirrored or 0.0)


@settings(max_examples=examples(300))
@given(PARTIES, st.data())
def test_more_weight_on_a_side_never_moves_the_median_away_from_it(
    parties: list[tuple[int, float]], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(parties) - 1))
    score, weight = parties[i]
    heavier = [*parties[:i], (score, weight + data.draw(WEIGHTS)), *parties[i + 1 :]]
    before, _ = weighted_median(_placed(parties))
    after, _ = weighted_median(_placed(heavier))
    if before is None:
        return
    assert after is not None
    assert abs(after - score) <= abs(before - score)


@settings(max_examples=examples(300))
@given(st.lists(SCORES, min_size=1, max_size=9))
def test_with_equal_weights_it_is_the_plain_median(scores: list[int]) -> None:
    median, _ = weighted_median(_placed([(s, 1.0) for s in scores]))
    assert median == statistics.median(scores)


@settings(max_examples=examples(200))
@given(PARTIES)
def test_the_median_is_a_score_held_or_halfway_between_two(
    parties: list[tuple[int, float]],
) -> None:
    median, pivot = weighted_median(_placed(parties))
    held = {s for s, w in parties if w > 0}
    if median is None:
        assert not held
    elif pivot is None:
        assert median not in held
        assert any(s < median for s in held)
        assert any(s > median for s in held)
    else:
        assert median in held


def test_landing_is_a_plain_value() -> None:
    row = Landing("x", 1.0, "a", 1.0, (), ())
    assert row._replace(pivot=None).pivot is None


def test_a_brief_s_landing_placed_alone_is_the_one_placed_with_the_rest() -> None:
    """`Landings.get` places one contested issue; reading them all places every one at
    once: for each contested issue of the default data and of the format-2 fixture
    (conditional stances, a scenario, saliences) the two are the same row, and an
    issue that is not contested has none."""
    from pathlib import Path

    from positions import datafile, loader

    fixture = Path(__file__).parent / "data" / "trade2.yaml"
    for path in (datafile.bundled_path(), fixture):
        ds = loader.load(path)
        every = list(views.brief_view(ds).landings)
        contested = [r.issue.id for r in views.brief_view(ds).contested]
        assert [r.issue.id for r in every] == contested
        assert contested
        alone = views.brief_view(ds).landings  # nothing placed yet
        assert [alone.get(i) for i in contested] == every
        assert alone == tuple(every)
        assert len(alone) == len(every)
        quiet = [i for i in ds.issues if i not in contested]
        assert quiet
        assert all(alone.get(i) is None for i in quiet)
        assert views.brief_view(ds).landings == views.brief_view(ds).landings


def test_an_even_balance_of_float_weights_has_a_mean_of_zero() -> None:
    """0.1 + 0.2 - 0.3 is 2.8e-17 in floats: the mean says 0, not a sign of nothing."""
    ds = dataset([pos("a", "x", 1, 0.1), pos("b", "x", 1, 0.2), pos("c", "x", -1, 0.3)])
    (row,), _ = landing(snapshot(ds), ["x"], dict.fromkeys(ds.actors))
    assert row.mean == 0.0
    assert str(row.mean) == "0.0"  # not -0.0


def test_a_conditional_pivot_is_said_to_be_conditional() -> None:
    """The table and the brief name the pivot; one counted only in its scenario says so."""
    from positions.render import terminal
    from positions.render.words import landing_clause
    from tests.test_render_terminal import lines

    ds = dataset(
        [
            pos("a", "x", 2), pos("b", "x", 1), pos("c", "x", -1),
            pos("a", "y", 2, conditions=(Condition("x", True),)),
            pos("b", "y", 1), pos("c", "y", -1),
        ]
    )  # fmt: skip
    rows, _ = landing(snapshot(ds), ["x", "y"], dict.fromkeys(ds.actors))
    x, y = rows
    assert (y.pivot, y.pivot_conditional, x.pivot_conditional) == ("b", False, False)
    rows, _ = landing(snapshot(ds), ["x", "y"], {"a": 3.0, "b": None, "c": None})
    x, y = rows
    assert (y.pivot, y.pivot_conditional) == ("a", True)
    assert landing_clause(y, lambda ids: ", ".join(ids)) == (
        "; likely landing +2 strongly support (pivot a, conditional)"
    )
    weighed = dataset(list(ds.positions), capability={"a": 3.0})
    shown = lines(terminal.landing(views.landing_view(weighed)), 100)
    assert [line.split()[:4] for line in shown if line.startswith(("X ", "Y "))] == [
        ["X", "+2", "strongly", "support"],
        ["Y", "+2", "strongly", "support"],
    ]
    assert [line.split("support")[-1].split()[:2] for line in shown if line.startswith("Y ")] == [
        ["A", "(conditional)"]
    ]
