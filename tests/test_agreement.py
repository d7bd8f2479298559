"""Salience-weighted agreement and the finer deal space (issue 16): the worked
examples of docs/analysis.md pinned, and the definitions held by property."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from positions.analysis import (
    MAX_BLOCKERS,
    Outcome,
    PairScore,
    agreement_by_period,
    agreement_matrix,
    deal_outlook,
    pair_agreement,
    snapshot,
)
from positions.model import Dataset
from tests.factories import dataset, pos
from tests.profiles import examples


def test_the_weighted_example_of_the_docs() -> None:
    ds = dataset(
        [pos("a", "i1", 2, 1.0), pos("a", "i2", -1, 0.2), pos("b", "i1", -2, 0.6),
         pos("b", "i2", -1), pos("b", "i3", 1)]
    )  # fmt: skip
    snap = snapshot(ds)
    weighted = pair_agreement(snap, "a", "b", list(ds.issues))
    assert weighted == PairScore(1 - 3.2 / 5.6, 2)
    assert f"{weighted.score:.2f}" == "0.43"
    assert pair_agreement(snap, "a", "b", list(ds.issues), weighted=False) == PairScore(0.5, 2)


def test_an_issue_neither_cares_about_is_not_shared() -> None:
    snap = snapshot(dataset([pos("a", "i1", 2, 0.0), pos("b", "i1", -2, 0.0)]))
    assert pair_agreement(snap, "a", "b", ["i1"]) == PairScore(None, 0)
    assert pair_agreement(snap, "a", "b", ["i1"], weighted=False) == PairScore(0.0, 1)


saliences = st.none() | st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.9, 1.0])


@st.composite
def weighted_datasets(draw: st.DrawFn, with_salience: bool = True) -> Dataset:
    actors = ["a", "b", "c", "d"][: draw(st.integers(2, 4))]
    issues = ["i1", "i2", "i3", "i4"][: draw(st.integers(1, 4))]
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(actors),
                st.sampled_from(issues),
                st.integers(-2, 2),
                saliences if with_salience else st.none(),
                st.booleans(),
            ),
            max_size=16,
            unique_by=lambda r: (r[0], r[1]),
        )
    )
    return dataset([pos(a, i, s, w, r) for a, i, s, w, r in rows])


def naive(ds: Dataset, a: str, b: str, weighted: bool) -> PairScore:
    """The definition, spelt out: 1 - sum(w |a - b|) / (4 sum(w)), w the mean salience."""
    total = weight = 0.0
    shared = 0
    for issue in ds.issues:
        pa = next((p for p in ds.positions if (p.actor, p.issue) == (a, issue)), None)
        pb = next((p for p in ds.positions if (p.actor, p.issue) == (b, issue)), None)
        if pa is None or pb is None:
            continue
        sa = 1.0 if not weighted or pa.salience is None else pa.salience
        sb = 1.0 if not weighted or pb.salience is None else pb.salience
        w = (sa + sb) / 2
        if w > 0:
            total += w * abs(pa.stance.score - pb.stance.score)
            weight += w
            shared += 1
    return PairScore(1 - total / (4 * weight) if shared else None, shared)


@settings(max_examples=examples(200), deadline=None)
@given(weighted_datasets())
def test_weighted_agreement_follows_the_definition_and_is_symmetric(ds: Dataset) -> None:
    snap = snapshot(ds)
    for weighted in (True, False):
        matrix = agreement_matrix(snap, list(ds.actors), list(ds.issues), weighted)
        for (a, b), pair in matrix.items():
            want = naive(ds, a, b, weighted)
            assert pair.shared == want.shared
            assert pair == matrix[b, a]
            if want.score is None:
                assert pair.score is None
            else:
                assert pair.score is not None
                assert abs(pair.score - want.score) < 1e-12
                assert 0.0 <= pair.score <= 1.0


@settings(max_examples=examples(200), deadline=None)
@given(weighted_datasets(with_salience=False))
def test_without_salience_the_weighted_numbers_are_the_plain_ones_exactly(ds: Dataset) -> None:
    snap = snapshot(ds)
    actors, issues = list(ds.actors), list(ds.issues)
    assert agreement_matrix(snap, actors, issues) == agreement_matrix(snap, actors, issues, False)
    for (a, b), pair in agreement_matrix(snap, actors, issues).items():
        plain = [abs(x.stance.score - y.stance.score)
                 for x in ds.positions for y in ds.positions
                 if x.actor == a and y.actor == b and x.issue == y.issue]  # fmt: skip
        want = 1 - sum(plain) / (4 * len(plain)) if plain else None
        assert pair == PairScore(want, len(plain))  # to the last bit


@settings(max_examples=examples(200), deadline=None)
@given(weighted_datasets(), st.sampled_from(["i1", "i2", "i3", "i4"]))
def test_a_deal_outlook_follows_its_definition(ds: Dataset, issue: str) -> None:
    snap = snapshot(ds)
    actors = list(ds.actors)
    o = deal_outlook(snap, issue, actors)
    scores = {p.actor: p.stance.score for p in ds.positions if p.issue == issue}
    assert set(o.stated) == set(scores)
    if o.outcome is Outcome.BLOCKED:
        assert o.blocks
        assert o.direction in {None, *(b.direction for b in o.blocks)}
        for block in o.blocks:
            rest = [s for a, s in scores.items() if a not in block.by]
            assert len(rest) >= 2
            assert max(rest) - min(rest) <= 1
            assert 1 <= len(block.by) <= MAX_BLOCKERS
            assert len(block.by) < len(rest)
            red = {p.actor for p in ds.positions if p.issue == issue and p.red_line}
            assert set(block.hard) == set(block.by) & red
        assert set(o.blockers) == {a for b in o.blocks for a in b.by}
    elif o.outcome is Outcome.WITHIN_REACH:
        assert len(scores) >= 2
        assert max(scores.values()) - min(scores.values()) <= 1
    elif o.outcome is Outcome.DIVIDED:
        assert not o.blocks
        assert len(scores) >= 2


def test_agreement_by_period_counts_what_both_said_in_each() -> None:
    """docs/analysis.md's example: A and B agree in January, clash in March."""
    jan, jan2, mar = dt.date(2025, 1, 5), dt.date(2025, 1, 20), dt.date(2025, 3, 1)
    ds = dataset(
        [pos("a", "i1", 1)._replace(date=jan), pos("a", "i1", 2)._replace(date=jan2),
         pos("b", "i1", 2)._replace(date=jan), pos("a", "i2", 2)._replace(date=mar),
         pos("b", "i2", -2)._replace(date=mar), pos("b", "i1", -1)._replace(date=mar)]
    )  # fmt: skip
    by_month = agreement_by_period(ds, "a", "b", ["i1", "i2"], "month")
    # January: a's last on i1 is +2, b's +2: 1.00. March: i2 only (a said nothing on
    # i1 in March): |2 - (-2)| = 4: 0.00.
    assert by_month == (("2025-01", PairScore(1.0, 1)), ("2025-03", PairScore(0.0, 1)))
    assert agreement_by_period(ds, "a", "b", ["i1", "i2"], "year") == (
        ("2025", PairScore(1 - (3 + 4) / 8, 2)),
    )
    assert agreement_by_period(ds, "a", "b", ["i1"], "month", as_of=jan) == (
        ("2025-01", PairScore(0.75, 1)),
    )


@st.composite
def many_issues(draw: st.DrawFn) -> Dataset:
    """Up to 5 actors on up to 40 issues (bit sets across several bytes), each salience
    omitted or 1: every weight 1, the case positions.bitsets counts."""
    actors = ["a", "b", "c", "d", "e"][: draw(st.integers(1, 5))]
    issues = [f"i{n}" for n in range(draw(st.integers(1, 40)))]
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(actors), st.sampled_from(issues), st.integers(-2, 2),
                st.sampled_from([None, 1.0]),
            ),
            max_size=120,
            unique_by=lambda r: (r[0], r[1]),
        )
    )  # fmt: skip
    return dataset([pos(a, i, s, w) for a, i, s, w in rows])


@settings(max_examples=examples(300), deadline=None)
@given(many_issues(), st.booleans())
def test_bit_sets_give_the_loops_numbers_to_the_last_bit(ds: Dataset, weighted: bool) -> None:
    snap = snapshot(ds)
    actors, issues = list(ds.actors), list(ds.issues)
    fast = agreement_matrix(snap, actors, issues, weighted)
    slow = agreement_matrix(snap, actors, issues, weighted, bit_sets=False)
    assert list(fast.items()) == list(slow.items())


@settings(max_examples=examples(300), deadline=None)
@given(many_issues(), st.data())
def test_bit_sets_of_some_actors_and_issues_give_the_loops_numbers(
    ds: Dataset, data: st.DataObject
) -> None:
    """Some actors and issues, repeated or in another order: the counted positions
    are found by a pass over the snapshot or by a look-up of each pair
    (analysis._counted_pairs), whichever is fewer; both give the loop's numbers."""
    snap = snapshot(ds)
    assume(ds.positions)
    actors = data.draw(st.lists(st.sampled_from(list(ds.actors)), min_size=1, max_size=6))
    issues = data.draw(st.lists(st.sampled_from(list(ds.issues)), max_size=50))
    fast = agreement_matrix(snap, actors, issues)
    slow = agreement_matrix(snap, actors, issues, bit_sets=False)
    assert list(fast.items()) == list(slow.items())
