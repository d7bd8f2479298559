"""The definitions of analysis.py, pinned on hand-made datasets."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from positions import views
from positions.analysis import (
    MAX_BLOCKERS,
    Block,
    Coalition,
    DealOutlook,
    Direction,
    Outcome,
    PairScore,
    Shift,
    Snapshot,
    Status,
    Verdict,
    agreement_matrix,
    coalitions,
    counted,
    deal_outlook,
    issue_status,
    pair_agreement,
    shifts,
    snapshot,
    stance_of,
    status_of,
    verdict,
)
from positions.model import (
    LONG_STANDING,
    Actor,
    Basis,
    Condition,
    Dataset,
    Evidence,
    Group,
    Issue,
    Position,
    Source,
    Stance,
    Window,
)
from tests.profiles import examples

SS = Stance.STRONGLY_SUPPORT
S = Stance.SUPPORT
N = Stance.NEUTRAL
O = Stance.OPPOSE  # noqa: E741
SO = Stance.STRONGLY_OPPOSE

D1 = dt.date(2025, 1, 1)
D2 = dt.date(2025, 2, 1)
D3 = dt.date(2025, 3, 1)
D4 = dt.date(2025, 4, 1)


def pos(actor: str, issue: str, stance: Stance, date: dt.date, note: str = "") -> Position:
    return Position(actor, issue, stance, note or f"{actor} on {issue}", (Evidence("src"),), date)


def dataset(actors: Sequence[str], issues: Sequence[str], positions: Sequence[Position]) -> Dataset:
    return Dataset(
        title="test",
        actors={a: Actor(a, a.upper()) for a in actors},
        issues={i: Issue(i, i.title(), f"{i}?") for i in issues},
        sources={"src": Source("src", "Source")},
        positions=tuple(positions),
    )


# ua and ru share i1 and i2; cn speaks only on i3, so shares nothing with ua;
# xx has said nothing at all. ru's i1 history: support, support again, then
# strongly oppose (one shift); ua's i2: oppose then support (one shift).
ACTORS = ("ua", "ru", "cn", "xx")
ISSUES = ("i1", "i2", "i3")
DS = dataset(
    ACTORS,
    ISSUES,
    [
        pos("ua", "i1", SS, D1),
        pos("ru", "i1", S, D1),
        pos("ru", "i1", S, D2, "restated"),
        pos("ru", "i1", SO, D3),
        pos("ua", "i2", O, D1),
        pos("ua", "i2", S, D3),
        pos("ru", "i2", O, D2),
        pos("ru", "i3", S, D1),
        pos("cn", "i3", SO, D2),
    ],
)
EMPTY = dataset(ACTORS, ISSUES, [])


# --- snapshot ----------------------------------------------------------------


def stances(snap: Snapshot) -> dict[tuple[str, str], str]:
    return {key: p.stance.id for key, p in snap.items()}


def test_snapshot_takes_latest_position() -> None:
    assert stances(snapshot(DS)) == {
        ("ua", "i1"): "strongly_support",
        ("ru", "i1"): "strongly_oppose",
        ("ua", "i2"): "support",
        ("ru", "i2"): "oppose",
        ("ru", "i3"): "support",
        ("cn", "i3"): "strongly_oppose",
    }


def test_snapshot_as_of_includes_that_day_and_drops_later_ones() -> None:
    assert stances(snapshot(DS, as_of=D2)) == {
        ("ua", "i1"): "strongly_support",
        ("ru", "i1"): "support",
        ("ua", "i2"): "oppose",
        ("ru", "i2"): "oppose",
        ("ru", "i3"): "support",
        ("cn", "i3"): "strongly_oppose",
    }
    assert snapshot(DS, as_of=D2)[("ru", "i1")].summary == "restated"


def test_snapshot_as_of_before_every_date_is_empty() -> None:
    assert dict(snapshot(DS, as_of=dt.date(2024, 12, 31))) == {}


def test_snapshot_same_day_later_in_file_wins() -> None:
    ds = dataset(["a"], ["i"], [pos("a", "i", S, D1, "first"), pos("a", "i", O, D1, "second")])
    assert snapshot(ds)[("a", "i")].summary == "second"


def test_snapshot_of_empty_positions() -> None:
    assert dict(snapshot(EMPTY)) == {}


def test_stance_of() -> None:
    snap = snapshot(DS)
    assert stance_of(snap, "ua", "i1") is SS
    assert stance_of(snap, "ua", "i3") is None
    assert stance_of(snap, "xx", "i1") is None


# --- verdict -------------------------------------------------------------------

# Rows are a, columns b, both in the order below; "-" is unstated.
VERDICT_TABLE = """
      --  -   0   +   ++  .
  --  A   A   P   C   C   U
  -   A   A   P   C   C   U
  0   P   P   P   P   P   U
  +   C   C   P   A   A   U
  ++  C   C   P   A   A   U
  .   U   U   U   U   U   U
"""
ORDER: list[Stance | None] = [SO, O, N, S, SS, None]
LETTER = {"A": Verdict.AGREE, "C": Verdict.CONFLICT, "P": Verdict.PARTIAL, "U": Verdict.UNKNOWN}
VERDICT_CASES = [
    (ORDER[r], ORDER[c], LETTER[cell])
    for r, line in enumerate(VERDICT_TABLE.strip().splitlines()[1:])
    for c, cell in enumerate(line.split()[1:])
]


def test_verdict_table_is_complete() -> None:
    assert len(VERDICT_CASES) == 36


@pytest.mark.parametrize(("a", "b", "expected"), VERDICT_CASES)
def test_verdict(a: Stance | None, b: Stance | None, expected: Verdict) -> None:
    assert verdict(a, b) is expected


# --- status --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_stances", "expected"),
    [
        ([], Status.OPEN),
        ([SS], Status.OPEN),
        ([N], Status.OPEN),
        ([S, O], Status.CONTESTED),
        ([SS, N, SO], Status.CONTESTED),
        ([S, SS], Status.CONSENSUS),
        ([O, SO, O], Status.CONSENSUS),
        ([N, N], Status.MIXED),
        ([S, N], Status.MIXED),
        ([N, SO], Status.MIXED),
    ],
)
def test_issue_status(given_stances: list[Stance], expected: Status) -> None:
    assert issue_status(given_stances) is expected
    assert issue_status(iter(given_stances)) is expected  # a one-pass iterable


@given(st.lists(st.sampled_from(list(Stance))))
def test_issue_status_is_its_definition(stances: list[Stance]) -> None:
    """Counting the sides (`status_of`, which views call with their sides' sizes)
    says what the definition in docs/analysis.md says of the stances themselves."""
    scores = [s.score for s in stances]
    if len(scores) < 2:
        expected = Status.OPEN
    elif any(s > 0 for s in scores) and any(s < 0 for s in scores):
        expected = Status.CONTESTED
    elif all(s > 0 for s in scores) or all(s < 0 for s in scores):
        expected = Status.CONSENSUS
    else:
        expected = Status.MIXED
    assert issue_status(stances) is expected
    support, oppose = sum(s > 0 for s in scores), sum(s < 0 for s in scores)
    assert status_of(support, oppose, len(scores) - support - oppose) is expected


_CELLS = st.lists(
    st.tuples(
        st.sampled_from("abcdefg"),
        st.none() | st.sampled_from(list(Stance)),
        st.booleans(),  # conditional
        st.booleans(),  # a party
    ),
    unique_by=lambda c: c[0],
)


@given(_CELLS)
def test_an_issues_sides_sort_each_cell_by_what_it_counts(given_cells: list[Any]) -> None:
    """A row's sides (every view's: show, compare, issues) put each actor where its
    cell says: not a party; unstated; conditional (stated, not counted); else by the
    sign of its counted stance; each side in id order."""
    cells = []
    for actor, stance, conditional, party in given_cells:
        p = None if stance is None else pos(actor, "x", stance, D1)
        if p is not None and conditional:
            p = p._replace(conditions=(Condition("y", True),))
        cells.append(views.Cell(Actor(actor, actor), p, None, party))
    expected: dict[str, list[str]] = {side: [] for side in views.Sides._fields}
    for c in cells:
        if not c.party:
            side = "not_party"
        elif c.position is None:
            side = "unstated"
        elif c.counted is None:
            side = "conditional"
        else:
            score = c.counted.score
            side = "support" if score > 0 else "oppose" if score < 0 else "neutral"
        expected[side].append(c.actor.id)
    found = views._sides(random.sample(cells, len(cells)))
    assert found == views.Sides(*(tuple(sorted(ids)) for ids in expected.values()))


# --- agreement -----------------------------------------------------------------


def test_pair_agreement_over_shared_issues() -> None:
    # ua/ru share i1 (ss vs so: 4) and i2 (s vs o: 2): 1 - 3/4.
    assert pair_agreement(snapshot(DS), "ua", "ru", ISSUES) == PairScore(0.25, 2)


def test_pair_agreement_restricted_to_given_issues() -> None:
    snap = snapshot(DS)
    assert pair_agreement(snap, "ua", "ru", ["i2"]) == PairScore(0.5, 1)
    assert pair_agreement(snap, "ua", "ru", ["i2", "i2"]) == PairScore(0.5, 1)
    assert pair_agreement(snap, "ua", "ru", []) == PairScore(None, 0)


def test_pair_agreement_with_no_shared_issue_has_no_score() -> None:
    snap = snapshot(DS)
    assert pair_agreement(snap, "ua", "cn", ISSUES) == PairScore(None, 0)
    assert pair_agreement(snap, "xx", "xx", ISSUES) == PairScore(None, 0)


def test_pair_agreement_as_of() -> None:
    # On D2: i1 ss vs s (1), i2 o vs o (0): 1 - 0.5/4.
    assert pair_agreement(snapshot(DS, D2), "ua", "ru", ISSUES) == PairScore(0.875, 2)


def test_agreement_matrix() -> None:
    matrix = agreement_matrix(snapshot(DS), ["ua", "ru", "cn", "xx"], ISSUES)
    assert list(matrix)[:5] == [
        ("ua", "ua"),
        ("ua", "ru"),
        ("ua", "cn"),
        ("ua", "xx"),
        ("ru", "ua"),
    ]
    assert {k: (v.score, v.shared) for k, v in matrix.items()} == {
        ("ua", "ua"): (1.0, 2),
        ("ua", "ru"): (0.25, 2),
        ("ua", "cn"): (None, 0),
        ("ua", "xx"): (None, 0),
        ("ru", "ua"): (0.25, 2),
        ("ru", "ru"): (1.0, 3),
        ("ru", "cn"): (0.25, 1),
        ("ru", "xx"): (None, 0),
        ("cn", "ua"): (None, 0),
        ("cn", "ru"): (0.25, 1),
        ("cn", "cn"): (1.0, 1),
        ("cn", "xx"): (None, 0),
        ("xx", "ua"): (None, 0),
        ("xx", "ru"): (None, 0),
        ("xx", "cn"): (None, 0),
        ("xx", "xx"): (None, 0),
    }


def test_agreement_matrix_single_actor_and_empty() -> None:
    assert dict(agreement_matrix(snapshot(DS), ["ua"], ISSUES)) == {("ua", "ua"): PairScore(1.0, 2)}
    assert dict(agreement_matrix(snapshot(EMPTY), ["ua"], ISSUES)) == {
        ("ua", "ua"): PairScore(None, 0)
    }
    assert dict(agreement_matrix(snapshot(DS), [], ISSUES)) == {}


# --- coalitions ------------------------------------------------------------------


def matrix_of(
    scores: dict[tuple[str, str], float | None], actors: Sequence[str]
) -> dict[tuple[str, str], PairScore]:
    """A symmetric matrix from the upper triangle; the diagonal scores 1."""
    full: dict[tuple[str, str], PairScore] = {}
    for a in actors:
        for b in actors:
            if a == b:
                full[(a, b)] = PairScore(1.0, 1)
            else:
                s = scores[(a, b)] if (a, b) in scores else scores[(b, a)]
                full[(a, b)] = PairScore(s, 0 if s is None else 1)
    return full


def test_coalitions_merge_by_average_linkage() -> None:
    actors = ["a", "b", "c", "d", "e"]
    m = matrix_of(
        {
            ("a", "b"): 0.5, ("a", "c"): 0.9, ("a", "d"): 0.5, ("a", "e"): 0.8,
            ("b", "c"): 0.5, ("b", "d"): 1.0, ("b", "e"): 0.25,
            ("c", "d"): 0.5, ("c", "e"): 0.7,
            ("d", "e"): 0.25,
        },
        actors,
    )  # fmt: skip
    # b+d (1.0), then a+c (0.9), then {a,c}+e (mean 0.75, which is enough).
    assert coalitions(m, actors) == (
        Coalition(("a", "c", "e"), 0.7, (0.9 + 0.8 + 0.7) / 3),
        Coalition(("b", "d"), 1.0, 1.0),
    )
    # A stricter cut stops before e joins.
    assert coalitions(m, actors, threshold=0.8) == (
        Coalition(("a", "c"), 0.9, 0.9),
        Coalition(("b", "d"), 1.0, 1.0),
        Coalition(("e",), None),
    )


def test_coalitions_tie_goes_to_earlier_actors() -> None:
    # a-b and b-c tie at 0.9; whichever merges first leaves the third out
    # (mean 0.7 < 0.75), so the actor order decides the result.
    m = matrix_of({("a", "b"): 0.9, ("b", "c"): 0.9, ("a", "c"): 0.5}, "abc")
    assert coalitions(m, ["a", "b", "c"]) == (
        Coalition(("a", "b"), 0.9, 0.9),
        Coalition(("c",), None),
    )
    assert coalitions(m, ["c", "b", "a"]) == (
        Coalition(("c", "b"), 0.9, 0.9),
        Coalition(("a",), None),
    )


def test_coalitions_equal_sizes_ordered_by_first_member() -> None:
    m = matrix_of(
        {("a", "b"): 0.1, ("a", "c"): 0.1, ("a", "d"): 0.8,
         ("b", "c"): 0.9, ("b", "d"): 0.1, ("c", "d"): 0.1},
        "abcd",
    )  # fmt: skip
    assert coalitions(m, ["a", "b", "c", "d"]) == (
        Coalition(("a", "d"), 0.8, 0.8),
        Coalition(("b", "c"), 0.9, 0.9),
    )
    assert coalitions(m, ["c", "d", "b", "a"]) == (
        Coalition(("c", "b"), 0.9, 0.9),
        Coalition(("d", "a"), 0.8, 0.8),
    )


def test_coalitions_need_every_pair_of_members_to_share_an_issue() -> None:
    # a-c never spoke on a common issue: nothing says they agree, so c does not
    # join {a, b} on the strength of b-c alone (Canada and the allies, once).
    m = matrix_of({("a", "b"): 1.0, ("b", "c"): 1.0, ("a", "c"): None}, "abc")
    assert coalitions(m, ["a", "b", "c"]) == (
        Coalition(("a", "b"), 1.0, 1.0),
        Coalition(("c",), None),
    )


def test_coalitions_never_join_groups_without_any_scored_pair() -> None:
    m = matrix_of({("a", "b"): None, ("b", "c"): 0.9, ("a", "c"): None}, "abc")
    assert coalitions(m, ["a", "b", "c"]) == (
        Coalition(("b", "c"), 0.9, 0.9),
        Coalition(("a",), None),
    )


def test_coalition_linkage_weighs_pairs_by_shared_issues() -> None:
    # {a, b} vs c: a-c 1.0 over 1 issue, b-c 0.5 over 3 issues.
    # Weighted: (1.0 + 1.5) / 4 = 0.625 < 0.75, so c stays out;
    # a plain mean (0.75) would have let it in.
    full = {
        ("a", "a"): PairScore(1.0, 4), ("b", "b"): PairScore(1.0, 4),
        ("c", "c"): PairScore(1.0, 4),
        ("a", "b"): PairScore(1.0, 4), ("b", "a"): PairScore(1.0, 4),
        ("a", "c"): PairScore(1.0, 1), ("c", "a"): PairScore(1.0, 1),
        ("b", "c"): PairScore(0.5, 3), ("c", "b"): PairScore(0.5, 3),
    }  # fmt: skip
    assert coalitions(full, ["a", "b", "c"]) == (
        Coalition(("a", "b"), 1.0, 1.0),
        Coalition(("c",), None),
    )


def test_coalitions_threshold_is_met_despite_float_noise() -> None:
    # Scores as pair_agreement makes them (3 and 1 steps over 5 issues):
    # their mean is 0.9 on paper but 0.8999999999999999 in floats.
    m = matrix_of({("a", "b"): 1.0, ("a", "c"): 1 - 3 / 20, ("b", "c"): 1 - 1 / 20}, "abc")
    assert (0.0 + (1 - 3 / 20) + (1 - 1 / 20)) / 2 < 0.9
    assert coalitions(m, ["a", "b", "c"], threshold=0.9) == (
        Coalition(("a", "b", "c"), 1 - 3 / 20, (1.0 + (1 - 3 / 20) + (1 - 1 / 20)) / 3),
    )


def test_coalitions_single_actor_and_empty() -> None:
    m = agreement_matrix(snapshot(DS), ["ua"], ISSUES)
    assert coalitions(m, ["ua"]) == (Coalition(("ua",), None),)
    assert coalitions({}, []) == ()


def test_coalitions_on_dataset_without_positions() -> None:
    m = agreement_matrix(snapshot(EMPTY), ACTORS, ISSUES)
    assert coalitions(m, ACTORS) == tuple(Coalition((a,), None) for a in ACTORS)


def test_coalitions_on_dataset() -> None:
    # ua-ru 0.25, ru-cn 0.25, ua-cn and xx unscored: nobody is lined up.
    m = agreement_matrix(snapshot(DS), ACTORS, ISSUES)
    assert coalitions(m, ACTORS) == tuple(Coalition((a,), None) for a in ACTORS)
    # On D2 ua and ru agree at 0.875.
    m2 = agreement_matrix(snapshot(DS, D2), ACTORS, ISSUES)
    assert coalitions(m2, ACTORS) == (
        Coalition(("ua", "ru"), 0.875, 0.875),
        Coalition(("cn",), None),
        Coalition(("xx",), None),
    )


# --- deal outlook ----------------------------------------------------------------

ADOPT, REJECT = Direction.ADOPT, Direction.REJECT


def deal_case(scores: dict[str, Stance | None]) -> DealOutlook:
    ds = dataset(
        list(scores),
        ["i"],
        [pos(a, "i", s, D1) for a, s in scores.items() if s is not None],
    )
    return deal_outlook(snapshot(ds), "i", list(scores))


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        pytest.param(
            {"a": S, "b": SS, "c": S},
            DealOutlook("i", Outcome.WITHIN_REACH, 1, ("a", "b", "c"), (), (), ADOPT),
            id="within-reach",
        ),
        pytest.param(
            {"a": SO, "b": SO},
            DealOutlook("i", Outcome.WITHIN_REACH, 0, ("a", "b"), (), (), REJECT),
            id="within-reach-on-a-shared-no",
        ),
        pytest.param(
            {"a": SS, "b": S, "c": SO, "d": SS},
            DealOutlook(
                "i",
                Outcome.BLOCKED,
                4,
                ("a", "b", "c", "d"),
                ("c",),
                (),
                ADOPT,
                (Block(("c",), ADOPT, ()),),
            ),
            id="one-blocker",
        ),
        pytest.param(
            {"a": S, "b": O, "c": N},
            DealOutlook(
                "i",
                Outcome.BLOCKED,
                2,
                ("a", "b", "c"),
                ("a", "b"),
                (),
                None,
                (Block(("a",), REJECT, ()), Block(("b",), ADOPT, ())),
            ),
            id="two-alternative-blockers",
        ),
        pytest.param(
            {"a": SS, "b": SO, "c": SS, "d": SO},
            DealOutlook("i", Outcome.DIVIDED, 4, ("a", "b", "c", "d"), (), ()),
            id="divided",
        ),
        pytest.param(
            {"a": S, "b": N, "c": O, "d": SO},
            DealOutlook("i", Outcome.DIVIDED, 3, ("a", "b", "c", "d"), (), ()),
            id="divided-by-a-ladder",
        ),
        pytest.param(
            {"a": SS, "b": S, "c": SS, "d": SO, "e": S, "f": O, "g": SS},
            DealOutlook(
                "i",
                Outcome.BLOCKED,
                4,
                tuple("abcdefg"),
                ("d", "f"),
                (),
                ADOPT,
                (Block(("d", "f"), ADOPT, ()),),
            ),
            id="five-against-two-is-blocked-by-the-two",
        ),
        pytest.param(
            {"a": SS, "b": SO, "c": SS, "d": SO, "e": SS, "f": SO, "g": SS, "h": SO, "i": SO},
            DealOutlook("i", Outcome.DIVIDED, 4, tuple("abcdefghi"), (), ()),
            id="four-against-five-is-divided",
        ),
        pytest.param(
            {"a": SS, "b": SO, "c": SS, "d": SO, "e": SS, "f": SO, "g": SS},
            DealOutlook(
                "i",
                Outcome.BLOCKED,
                4,
                tuple("abcdefg"),
                ("b", "d", "f"),
                (),
                ADOPT,
                (Block(("b", "d", "f"), ADOPT, ()),),
            ),
            id="three-against-four-is-blocked-by-the-three",
        ),
        pytest.param(
            {"a": SS, "b": N},
            DealOutlook("i", Outcome.DIVIDED, 2, ("a", "b"), (), ()),
            id="two-stated-far-apart-is-divided",
        ),
        pytest.param(
            {"a": None, "b": S, "c": N, "d": None},
            DealOutlook("i", Outcome.WITHIN_REACH, 1, ("b", "c"), (), ("a", "d"), ADOPT),
            id="within-reach-with-silent-parties",
        ),
        pytest.param(
            {"a": SS, "b": None, "c": SS, "d": O},
            DealOutlook(
                "i",
                Outcome.BLOCKED,
                3,
                ("a", "c", "d"),
                ("d",),
                ("b",),
                ADOPT,
                (Block(("d",), ADOPT, ()),),
            ),
            id="blocked-with-a-silent-party",
        ),
        pytest.param(
            {"a": None, "b": O, "c": None},
            DealOutlook("i", Outcome.TOO_FEW, 0, ("b",), (), ("a", "c")),
            id="too-few-one-stated",
        ),
        pytest.param(
            {"a": None, "b": None},
            DealOutlook("i", Outcome.TOO_FEW, None, (), (), ("a", "b")),
            id="too-few-none-stated",
        ),
    ],
)
def test_deal_outlook(scores: dict[str, Stance | None], expected: DealOutlook) -> None:
    assert deal_case(scores) == expected


def test_deal_outlook_only_counts_given_actors() -> None:
    snap = snapshot(DS)
    # ru and cn on i3: s vs so, two stated far apart.
    assert deal_outlook(snap, "i3", ["ru", "cn", "ua"]) == DealOutlook(
        "i3", Outcome.DIVIDED, 3, ("ru", "cn"), (), ("ua",)
    )
    assert deal_outlook(snap, "i3", ["ru", "ua"]) == DealOutlook(
        "i3", Outcome.TOO_FEW, 0, ("ru",), (), ("ua",)
    )
    assert deal_outlook(snap, "i3", []) == DealOutlook("i3", Outcome.TOO_FEW, None, (), (), ())


# --- shifts ----------------------------------------------------------------------


def shift_tuples(found: tuple[Shift, ...]) -> list[tuple[str, str, str, str, dt.date]]:
    return [(s.actor, s.issue, s.before.stance.id, s.after.stance.id, s.after.date) for s in found]


def test_shifts_skip_restatements_and_sort_by_date_then_dataset_order() -> None:
    found = shifts(DS)
    # Both shifts fall on D3; ua comes before ru in the dataset although ru's
    # position is earlier in the file.
    assert shift_tuples(found) == [
        ("ua", "i2", "oppose", "support", D3),
        ("ru", "i1", "support", "strongly_oppose", D3),
    ]
    assert found[1].before.summary == "restated"


def test_shifts_as_of_and_filters() -> None:
    assert shifts(DS, as_of=D2) == ()
    assert shift_tuples(shifts(DS, actors=["ru"])) == [
        ("ru", "i1", "support", "strongly_oppose", D3)
    ]
    assert shift_tuples(shifts(DS, issues=["i2", "i3"])) == [("ua", "i2", "oppose", "support", D3)]
    assert shifts(DS, actors=["cn"]) == ()
    assert shifts(DS, actors=[]) == ()
    assert shifts(EMPTY) == ()


def test_shifts_sorted_by_date_first() -> None:
    ds = dataset(
        ["a", "b"],
        ["i", "j"],
        [
            pos("b", "j", S, D1),
            pos("b", "j", O, D2),
            pos("a", "i", S, D1),
            pos("a", "i", N, D4),
            pos("a", "j", S, D1),
            pos("a", "j", SS, D2),
            pos("a", "j", S, D3),
        ],
    )
    assert shift_tuples(shifts(ds)) == [
        ("a", "j", "support", "strongly_support", D2),
        ("b", "j", "support", "oppose", D2),
        ("a", "j", "strongly_support", "support", D3),
        ("a", "i", "support", "neutral", D4),
    ]


# --- properties --------------------------------------------------------------------

P_ACTORS = ("a", "b", "c", "d", "e")
P_ISSUES = ("i", "j", "k")
EPOCH = dt.date(2025, 1, 1)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    actors = draw(st.lists(st.sampled_from(P_ACTORS), min_size=1, max_size=5, unique=True))
    issues = draw(st.lists(st.sampled_from(P_ISSUES), min_size=1, max_size=3, unique=True))
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(actors),
                st.sampled_from(issues),
                st.sampled_from(Stance),
                st.integers(0, 30),
            ),
            max_size=25,
        )
    )
    return dataset(
        actors,
        issues,
        [pos(a, i, s, EPOCH + dt.timedelta(days=d)) for a, i, s, d in rows],
    )


as_of_dates = st.none() | st.integers(-1, 31).map(lambda d: EPOCH + dt.timedelta(days=d))


@settings(max_examples=examples(60), deadline=None)
@given(datasets(), as_of_dates)
def test_agreement_symmetric_bounded_and_one_with_itself(
    ds: Dataset, as_of: dt.date | None
) -> None:
    snap = snapshot(ds, as_of)
    actors, issues = list(ds.actors), list(ds.issues)
    matrix = agreement_matrix(snap, actors, issues)
    assert len(matrix) == len(actors) ** 2
    for (a, b), pair in matrix.items():
        assert pair == matrix[(b, a)]
        assert (pair.score is None) == (pair.shared == 0)
        if pair.score is not None:
            assert 0.0 <= pair.score <= 1.0
    for a in actors:
        stated = sum(1 for i in issues if (a, i) in snap)
        assert matrix[(a, a)] == PairScore(1.0 if stated else None, stated)


@settings(max_examples=examples(40), deadline=None)
@given(datasets())
def test_as_of_before_earliest_date_leaves_everyone_unstated(ds: Dataset) -> None:
    before = EPOCH - dt.timedelta(days=1)
    snap = snapshot(ds, before)
    assert dict(snap) == {}
    actors, issues = list(ds.actors), list(ds.issues)
    matrix = agreement_matrix(snap, actors, issues)
    assert all(pair == PairScore(None, 0) for pair in matrix.values())
    for issue in issues:
        assert deal_outlook(snap, issue, actors) == DealOutlook(
            issue, Outcome.TOO_FEW, None, (), (), tuple(actors)
        )
    assert shifts(ds, before) == ()


@settings(max_examples=examples(60), deadline=None)
@given(datasets(), as_of_dates, st.sampled_from([0.0, 0.5, 0.75, 0.9, 1.0]), st.randoms())
def test_coalitions_partition_the_actors(
    ds: Dataset, as_of: dt.date | None, threshold: float, rnd: random.Random
) -> None:
    actors = list(ds.actors)
    rnd.shuffle(actors)
    matrix = agreement_matrix(snapshot(ds, as_of), actors, list(ds.issues))
    found = coalitions(matrix, actors, threshold)
    members = [m for c in found for m in c.members]
    assert sorted(members) == sorted(actors)
    rank = {a: n for n, a in enumerate(actors)}
    for c in found:
        assert [rank[m] for m in c.members] == sorted(rank[m] for m in c.members)
        pairs = [matrix[(x, y)].score for x in c.members for y in c.members if x != y]
        scored = [p for p in pairs if p is not None]
        assert c.cohesion == (min(scored) if scored else None)
        if len(c.members) > 1:  # a group is held together by at least one scored pair
            assert scored
    keys = [(-len(c.members), rank[c.members[0]]) for c in found]
    assert keys == sorted(keys)


@settings(max_examples=examples(60), deadline=None)
@given(datasets(), as_of_dates)
# Two ways to a deal tie, each blocked by two: [-2, -1] by a and d, [-1, 0] by a and c;
# the blockers are all three (the property once wrongly capped them at two).
@example(
    dataset(
        list("abcde"),
        ["i"],
        [
            pos(a, "i", s, EPOCH)
            for a, s in zip(
                "abcde",
                (Stance.SUPPORT, Stance.OPPOSE, Stance.STRONGLY_OPPOSE, Stance.NEUTRAL,
                 Stance.OPPOSE),
                strict=True,
            )
        ],
    ),
    None,
)  # fmt: skip
def test_deal_blockers_are_stated_actors(ds: Dataset, as_of: dt.date | None) -> None:
    snap = snapshot(ds, as_of)
    actors = list(ds.actors)
    for issue in ds.issues:
        outlook = deal_outlook(snap, issue, actors)
        assert set(outlook.blockers) <= set(outlook.stated)
        assert sorted(outlook.stated + outlook.silent) == sorted(actors)
        assert (outlook.outcome is Outcome.BLOCKED) == bool(outlook.blockers)
        # Each way to a deal is blocked by a few, fewer than the rest; the blockers are
        # everyone in one of the ways tied for fewest (so more than one block's worth).
        for block in outlook.blocks:
            assert 0 < len(block.by) <= MAX_BLOCKERS
            assert len(block.by) < len(outlook.stated) - len(block.by)
        assert len({len(b.by) for b in outlook.blocks}) <= 1
        assert set(outlook.blockers) == {a for b in outlook.blocks for a in b.by}


@settings(max_examples=examples(40), deadline=None)
@given(datasets(), as_of_dates)
def test_shifts_end_in_the_stance_in_force(ds: Dataset, as_of: dt.date | None) -> None:
    snap = snapshot(ds, as_of)
    found = shifts(ds, as_of)
    for s in found:
        assert s.before.stance != s.after.stance
        assert as_of is None or s.after.date <= as_of
    last: dict[tuple[str, str], Shift] = {}
    for s in found:
        last[(s.actor, s.issue)] = s
    for key, s in last.items():
        assert snap[key].stance == s.after.stance


@given(datasets(), as_of_dates)
def test_agreement_matrix_matches_pair_agreement(ds: Dataset, as_of: dt.date | None) -> None:
    snap = snapshot(ds, as_of)
    actors, issues = list(ds.actors), list(ds.issues)
    matrix = agreement_matrix(snap, actors, issues)
    assert list(matrix) == [(a, b) for a in actors for b in actors]
    for (a, b), pair in matrix.items():
        assert pair == pair_agreement(snap, a, b, issues)


def naive_coalitions(
    matrix: Mapping[tuple[str, str], PairScore],
    actors: Sequence[str],
    threshold: float,
    min_shared: int = 1,
    count: int | None = None,
) -> tuple[tuple[str, ...], ...]:
    """The definition in docs/analysis.md, spelt out the slow way (every linkage
    recomputed from members at every step), to hold the fast version to it."""
    rank = {a: i for i, a in enumerate(actors)}
    groups = [[a] for a in actors]

    def linkage(left: list[str], right: list[str]) -> float | None:
        cross = [matrix[x, y] for x in left for y in right]
        if any(p.score is None or p.shared < max(1, min_shared) for p in cross):
            return None  # some pair of would-be members shares too few issues
        scored = [p for p in cross if p.score is not None]
        weight = sum(p.shared for p in scored)
        return sum(p.score * p.shared for p in scored if p.score) / weight if weight else None

    while count is None or len(groups) > count:
        best, pair = None, None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                link = linkage(groups[i], groups[j])
                if link is None or (count is None and link < threshold - 1e-9):
                    continue
                if best is None or link > best + 1e-9:
                    best, pair = link, (i, j)
        if pair is None:
            break
        i, j = pair
        groups[i] = sorted(groups[i] + groups[j], key=rank.__getitem__)
        del groups[j]
    groups.sort(key=lambda g: (-len(g), rank[g[0]]))
    return tuple(g for g in map(tuple, groups))  # cohesion is checked on its own


@settings(max_examples=examples(150), deadline=None)
@given(
    datasets(),
    as_of_dates,
    st.sampled_from([0.0, 0.5, 0.75, 0.9, 1.0]),
    st.integers(1, 3),
    st.none() | st.integers(1, 4),
)
def test_coalitions_follow_the_definition(
    ds: Dataset, as_of: dt.date | None, threshold: float, min_shared: int, count: int | None
) -> None:
    actors = list(ds.actors)
    matrix = agreement_matrix(snapshot(ds, as_of), actors, list(ds.issues))
    found = coalitions(matrix, actors, threshold, min_shared, count)
    assert tuple(c.members for c in found) == naive_coalitions(
        matrix, actors, threshold, min_shared, count
    )
    for c in found:  # every pair of members shares enough issues
        pairs = [matrix[x, y] for i, x in enumerate(c.members) for y in c.members[i + 1 :]]
        assert all(p.shared >= min_shared for p in pairs)
        if pairs:
            scores = [p.score for p in pairs if p.score is not None]
            assert c.cohesion == min(scores)
            assert c.mean is not None
            assert abs(c.mean - sum(scores) / len(scores)) < 1e-12
        else:
            assert c.cohesion is None
            assert c.mean is None


@given(datasets(), as_of_dates, st.data())
def test_a_restricted_snapshot_is_the_full_one_filtered(
    ds: Dataset, as_of: dt.date | None, data: st.DataObject
) -> None:
    actors = data.draw(st.lists(st.sampled_from(list(ds.actors)), unique=True))
    issues = data.draw(st.lists(st.sampled_from(list(ds.issues)), unique=True))
    full = snapshot(ds, as_of)
    assert dict(snapshot(ds, as_of, actors=actors, issues=issues)) == {
        k: p for k, p in full.items() if k[0] in actors and k[1] in issues
    }
    assert dict(snapshot(ds, as_of, issues=issues)) == {
        k: p for k, p in full.items() if k[1] in issues
    }


# --- format 2: conditional stances, held_since, parties, basis, group cohesion ---------------


def p2(
    actor: str,
    issue: str,
    stance: Stance,
    date: dt.date,
    conditions: tuple[Condition, ...] = (),
    held_since: dt.date | None = None,
    basis: Basis = Basis.REPORTED,
) -> Position:
    return Position(
        actor, issue, stance, f"{actor} on {issue}", (Evidence("src"),), date,
        basis=basis, note=None if basis is Basis.REPORTED else "why",
        conditions=conditions, held_since=held_since,
    )  # fmt: skip


def dataset2(
    actors: Sequence[Actor | str],
    issues: Sequence[str],
    positions: Sequence[Position],
    groups: Sequence[Group] = (),
) -> Dataset:
    made = [a if isinstance(a, Actor) else Actor(a, a.upper()) for a in actors]
    return Dataset(
        title="test",
        actors={a.id: a for a in made},
        issues={i: Issue(i, i.title(), f"{i}?") for i in issues},
        sources={"src": Source("src", "Source")},
        positions=tuple(positions),
        groups={g.id: g for g in groups},
    )


IF_I1 = (Condition("i1", adopted=True),)


def test_counted_leaves_out_a_conditional_stance() -> None:
    assert counted(None) is None
    assert counted(p2("a", "i2", S, D1)) is S
    assert counted(p2("a", "i2", S, D1, IF_I1)) is None
    assert counted(p2("a", "i2", SO, D1, (Condition("i1", adopted=False),))) is None


def test_a_conditional_stance_counts_in_no_definition() -> None:
    """docs/analysis.md's example: A supports i2 only if i1 is adopted; B opposes i2."""
    ds = dataset2(
        ["a", "b"],
        ["i1", "i2"],
        [p2("a", "i1", S, D1), p2("b", "i1", SS, D1), p2("a", "i2", S, D1, IF_I1),
         p2("b", "i2", O, D1)],
    )  # fmt: skip
    snap = snapshot(ds)
    assert snap["a", "i2"].conditions == IF_I1  # in force, but not counted
    assert stance_of(snap, "a", "i2") is None
    assert verdict(stance_of(snap, "a", "i2"), stance_of(snap, "b", "i2")) is Verdict.UNKNOWN
    counted_i2 = [s for a in ("a", "b") if (s := stance_of(snap, a, "i2")) is not None]
    assert issue_status(counted_i2) is Status.OPEN
    # i1 only: |1 - 2| / 4; with the conditional stance it would be (1 + 2) / 8 over 2
    assert pair_agreement(snap, "a", "b", ["i1", "i2"]) == PairScore(0.75, 1)
    assert agreement_matrix(snap, ["a", "b"], ["i1", "i2"])["a", "b"] == PairScore(0.75, 1)
    # The conditional stance links i2 to i1: a package joins them.
    assert deal_outlook(snap, "i2", ["a", "b"]) == DealOutlook(
        "i2", Outcome.TOO_FEW, 0, ("b",), (), ("a",), linked=("i1",)
    )
    assert deal_outlook(snap, "i1", ["a", "b"]).linked == ("i2",)


def test_a_later_unconditional_position_replaces_a_conditional_one() -> None:
    ds = dataset2(
        ["a", "b"],
        ["i1", "i2"],
        [p2("a", "i2", S, D1, IF_I1), p2("a", "i2", SS, D3), p2("b", "i2", S, D1)],
    )
    assert stance_of(snapshot(ds, D2), "a", "i2") is None
    assert stance_of(snapshot(ds, D3), "a", "i2") is SS
    assert deal_outlook(snapshot(ds, D3), "i2", ["a", "b"]) == DealOutlook(
        "i2", Outcome.WITHIN_REACH, 1, ("a", "b"), (), (), ADOPT
    )
    assert pair_agreement(snapshot(ds), "a", "b", ["i2"]) == PairScore(0.75, 1)


@settings(max_examples=examples(100))
@given(st.dates())
def test_a_long_standing_stance_is_in_force_on_any_day(as_of: dt.date) -> None:
    ds = dataset2(["b"], ["i1"], [p2("b", "i1", SO, D4, held_since=LONG_STANDING)])
    assert snapshot(ds, as_of) == {("b", "i1"): ds.positions[0]}


def test_held_since_counts_from_that_day_not_before() -> None:
    held = p2("b", "i1", SO, D4, held_since=D2)
    ds = dataset2(["b"], ["i1"], [held])
    assert dict(snapshot(ds, D2 - dt.timedelta(days=1))) == {}
    assert dict(snapshot(ds, D2)) == {("b", "i1"): held}
    assert dict(snapshot(ds, D3)) == {("b", "i1"): held}  # before its own date
    assert dict(snapshot(ds)) == {("b", "i1"): held}


def test_of_several_positions_in_force_the_latest_dated_wins() -> None:
    first = p2("a", "i1", S, D1)
    held = p2("a", "i1", O, D4, held_since=D2)  # reported in April, held since February
    ds = dataset2(["a"], ["i1"], [first, held])
    assert snapshot(ds, D1)["a", "i1"] == first
    assert snapshot(ds, D2 - dt.timedelta(days=1))["a", "i1"] == first
    assert snapshot(ds, D2)["a", "i1"] == held
    assert snapshot(ds, D3)["a", "i1"] == held
    # and the shift it makes is counted from the day it is held since
    assert shifts(ds, D1) == ()
    assert shifts(ds, D2) == (Shift("a", "i1", first, held),)


WINDOWED = Actor("late", "LATE", active=Window(D2, D3))


@pytest.mark.parametrize(
    ("as_of", "party"),
    [(D1, False), (D2, True), (D3, True), (D4, False), (None, False)],
    ids=["before", "first-day", "last-day", "after", "now-it-has-left"],
)
def test_an_actor_is_absent_from_the_snapshot_when_not_a_party(
    as_of: dt.date | None, party: bool
) -> None:
    """Its position dated on its first day is in force only while it is a party; with
    no day (now) an actor whose window has an `until` has left."""
    mine = p2("late", "i1", S, D2)
    ds = dataset2([WINDOWED, "b"], ["i1"], [mine, p2("b", "i1", S, D1)])
    snap = snapshot(ds, as_of)
    assert (("late", "i1") in snap) is party
    assert snap["b", "i1"] == ds.positions[1]  # an actor without a window is always one
    assert pair_agreement(snap, "late", "b", ["i1"]) == (
        PairScore(1.0, 1) if party else PairScore(None, 0)
    )


def test_an_actor_that_only_joins_is_a_party_now() -> None:
    joins = Actor("joins", "JOINS", active=Window(D2, None))
    ds = dataset2([joins], ["i1"], [p2("joins", "i1", S, D3)])
    assert ("joins", "i1") in snapshot(ds)
    assert ("joins", "i1") in snapshot(ds, D4)
    assert snapshot(ds, D2) == {}  # a party, with no position yet


def test_reported_only_leaves_out_indirect_and_inferred_positions() -> None:
    group = Group("g", "G", ("a", "b"))
    reported = p2("a", "i1", S, D1)
    later = p2("a", "i1", O, D2, basis=Basis.INDIRECT)
    inferred = p2("b", "i1", S, D1, basis=Basis.INFERRED)
    ds = dataset2(["a", "b"], ["i1"], [reported, later, inferred], [group])
    only = ds.reported_only()
    assert only.positions == (reported,)
    assert dict(only.histories) == {("a", "i1"): (reported,)}
    assert (only.title, only.actors, only.issues, only.sources, only.groups) == (
        ds.title, ds.actors, ds.issues, ds.sources, ds.groups,
    )  # fmt: skip
    # then computed as usual: a's reported stance is in force again, b is unstated
    assert dict(snapshot(only)) == {("a", "i1"): reported}
    assert dict(snapshot(ds)) == {("a", "i1"): later, ("b", "i1"): inferred}
    assert ds.reported_only().reported_only() == only


def _cohesion_data() -> Dataset:
    """A ++, C +, E 0 on one issue: A-C 0.75, A-E 0.50, C-E 0.75; D never spoke; B's
    only stance is conditional."""
    groups = [
        Group("g", "G", ("a", "c", "d", "e")),
        Group("pair", "Pair", ("a", "b")),
        Group("far", "Far", ("d",)),
    ]
    return dataset2(
        ["a", "b", "c", "d", "e"],
        ["i1", "i2"],
        [p2("a", "i1", SS, D1), p2("c", "i1", S, D1), p2("e", "i1", N, D1),
         p2("b", "i1", SS, D1, (Condition("i2", adopted=True),))],
        groups,
    )  # fmt: skip


def test_alignment_reports_each_groups_lowest_and_mean_agreement() -> None:
    ds = _cohesion_data()
    view = views.alignment_view(ds)
    assert [(c.group.id, c.members, c.lowest, c.mean, c.pairs) for c in view.groups] == [
        # the pairs with d have no score: 3 of its 6 pairs count
        ("g", ("a", "c", "d", "e"), 0.5, (0.75 + 0.5 + 0.75) / 3, 3),
        # b's stance is conditional, so a-b has no score
        ("pair", ("a", "b"), None, None, 0),
        ("far", ("d",), None, None, 0),
    ]
    assert view.groups[0].group == ds.groups["g"]


def test_group_cohesion_counts_only_the_members_shown() -> None:
    ds = _cohesion_data()
    view = views.alignment_view(ds, actors=["e", "c", "b"])
    assert [(c.group.id, c.members, c.lowest, c.mean, c.pairs) for c in view.groups] == [
        ("g", ("e", "c"), 0.75, 0.75, 1),  # in the order shown
        ("pair", ("b",), None, None, 0),
    ]  # "far" has no member shown: left out


def test_group_cohesion_as_of_a_day() -> None:
    later = p2("e", "i1", SS, D3)  # E moves to ++: A-E 1.0, C-E 0.75
    ds = _cohesion_data()
    ds = Dataset(ds.title, ds.actors, ds.issues, ds.sources, (*ds.positions, later), ds.groups)
    before, after = views.alignment_view(ds, D2), views.alignment_view(ds, D3)
    assert (before.groups[0].lowest, before.groups[0].mean) == (0.5, 2.0 / 3)
    assert (after.groups[0].lowest, after.groups[0].mean) == (0.75, 2.5 / 3)
