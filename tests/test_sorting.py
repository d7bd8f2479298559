"""`compare` and `alignment` with --sort and --top: the orders, what is cut, what is said."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from positions import api, cli, loader, views
from positions.analysis import PairScore
from positions.datafile import bundled_path
from positions.errors import PositionsError
from positions.model import Dataset, Stance
from tests.profiles import examples
from tests.test_analysis import datasets

runner = CliRunner()
DEFAULT = loader.load(bundled_path())


def run(*args: str) -> str:
    result = runner.invoke(cli.app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_commands_offer_exactly_the_orders_the_views_know() -> None:
    assert [s.value for s in cli.CompareSort] == list(views.COMPARE_SORTS)
    assert [s.value for s in cli.AlignmentSort] == list(views.ALIGNMENT_SORTS)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("file", "donbas front_freeze peace_agreement nato security_guarantees borders "
                 "sanctions european_seat"),
        # The smaller side (conditional stances not counted): 1 for the first three, then
        # the most on either side; ties in the data's order.
        ("divided", "donbas nato borders security_guarantees peace_agreement sanctions "
                    "european_seat front_freeze"),
        # Stances stated, conditional ones too: 4, 3, 3, 3, 2, then 1 each.
        ("stated", "donbas nato security_guarantees borders peace_agreement front_freeze "
                   "sanctions european_seat"),
    ],
)  # fmt: skip
def test_compare_orders_the_default_data(sort: str, expected: str) -> None:
    view = views.compare_view(DEFAULT, sort=sort)
    assert [r.issue.id for r in view.rows] == expected.split()
    assert (view.sort, view.left_out) == (sort, 0)


def test_compare_top_keeps_the_first_and_says_how_many_more() -> None:
    out = run("compare", "--sort", "divided", "--top", "3")
    assert [line.split("  ")[0] for line in out.splitlines()[3:6]] == [
        "Donbas territory", "Ukraine's NATO path", "Borders and territorial integrity",
    ]  # fmt: skip
    assert out.splitlines()[-1] == (
        "The first 3 issues of 8 (--top 3), the most divided first: 5 more with a larger "
        "--top, or without it."
    )
    data = json.loads(run("compare", "--top", "2", "--json"))
    assert [i["id"] for i in data["issues"]] == ["donbas", "front_freeze"]
    assert (data["sort"], data["top"], data["left_out"]) == ("file", 2, 6)


def test_compare_names_its_order_when_nothing_is_cut() -> None:
    out = run("compare", "--sort", "stated")
    assert out.splitlines()[-1] == "Issues sorted with the most stated first (--sort stated)."
    assert "--sort" not in run("compare")
    assert "--top" not in run("compare", "--top", "8")


@settings(max_examples=examples(100), deadline=None)
@given(datasets(), st.sampled_from(list(views.COMPARE_SORTS)), st.none() | st.integers(1, 4))
def test_compare_sorts_by_its_key_keeping_ties_and_cuts_a_prefix(
    ds: Dataset, sort: str, top: int | None
) -> None:
    whole = views.compare_view(ds, sort=sort)
    order = {issue: n for n, issue in enumerate(ds.issues)}

    def key(row: views.CompareRow) -> tuple[object, ...]:
        support, oppose = len(row.sides.support), len(row.sides.oppose)
        stated = [c.position for c in row.cells if c.position is not None]
        first = {
            "file": (),
            "divided": (-min(support, oppose), -(support + oppose)),
            "stated": (-len(stated),),
            "recent": (-max((p.date.toordinal() for p in stated), default=0),),
        }[sort]
        return (*first, order[row.issue.id])

    assert sorted(r.issue.id for r in whole.rows) == sorted(ds.issues)
    assert [key(r) for r in whole.rows] == sorted(key(r) for r in whole.rows)
    cut = views.compare_view(ds, sort=sort, top=top)
    assert cut.rows == whole.rows[:top]
    assert cut.left_out == len(whole.rows) - len(cut.rows)


def test_alignment_lists_pairs_in_the_order_asked() -> None:
    out = run("alignment", "--sort", "distant", "--top", "2", "--min-shared", "1")
    assert out.splitlines()[1:5] == [
        "Agreement / issues both have stated; most distant first.",
        "  0.00/3  Russia and European allies",
        "  0.08/3  Russia and Ukraine",
        "The first 2 pairs of 7 (--top 2): 5 more with a larger --top, or without it; --json "
        "gives the whole matrix.",
    ]
    data = json.loads(run("alignment", "--sort", "shared", "--top", "3", "--json"))
    assert [(p["a"], p["b"], p["shared"]) for p in data["pairs"]] == [
        ("ukraine", "european_allies", 3), ("russia", "ukraine", 3),
        ("russia", "european_allies", 3),
    ]  # fmt: skip
    assert (data["sort"], data["top"], data["left_out"]) == ("shared", 3, 0)
    assert len(data["matrix"]) == 5  # the matrix is whole whatever --top says


def test_alignment_top_cuts_the_partners_of_an_actor() -> None:
    view = api.alignment(DEFAULT, actor="ukraine", top=1, min_shared=1)
    assert [p.actor.id for p in view.partners] == ["canada"]
    assert view.partners_left_out == 3
    out = run("alignment", "ukraine", "--top", "1", "--min-shared", "1", "--sort", "distant")
    assert "Agreement / issues both have stated; most distant first." in out
    assert out.splitlines()[-1] == (
        "The first partner of 4 (--top 1): 3 more with a larger --top, or without it."
    )


@settings(max_examples=examples(100), deadline=None)
@given(datasets(), st.sampled_from(list(views.ALIGNMENT_SORTS)), st.none() | st.integers(1, 6))
def test_alignment_sorts_the_ranked_pairs_and_cuts_a_prefix(
    ds: Dataset, sort: str, top: int | None
) -> None:
    whole = views.alignment_view(ds, sort=sort)
    assert sorted(whole.listed) == sorted(whole.ranked)  # the same pairs, reordered

    def key(pair: PairScore) -> tuple[float, float]:
        score, shared = pair.score or 0.0, pair.shared
        if sort == "closest":
            return -score, -shared
        return (score, -shared) if sort == "distant" else (-shared, -score)

    assert [key(t[2]) for t in whole.listed] == sorted(key(t[2]) for t in whole.listed)
    cut = views.alignment_view(ds, sort=sort, top=top)
    assert cut.listed == whole.listed[:top]
    assert cut.left_out == len(whole.listed) - len(cut.listed)
    assert cut.matrix == whole.matrix
    assert cut.coalitions == whole.coalitions


def test_the_api_refuses_an_unknown_order_or_top() -> None:
    with pytest.raises(PositionsError) as caught:
        api.compare(DEFAULT, sort="alphabetical")
    assert str(caught.value) == (
        "sort='alphabetical': give one of 'file', 'divided', 'stated', 'recent'"
    )
    with pytest.raises(PositionsError) as caught:
        api.alignment(DEFAULT, sort="closest", top=0)
    assert str(caught.value) == "top=0: give a whole number of at least 1, or None"


def test_the_commands_refuse_a_top_below_one() -> None:
    result = runner.invoke(cli.app, ["compare", "--top", "0"], env={"NO_COLOR": "1"})
    assert result.exit_code == 2
    assert "0 is not in the range x>=1" in result.stderr


def test_recent_sorts_a_position_recorded_later_by_the_day_it_holds_from() -> None:
    """On --as-of D, a position recorded after D that holds from earlier (held_since)
    is as recent as that day, not as its later record."""
    from tests.test_analysis import EPOCH, dataset, pos

    day = EPOCH
    held = pos("a", "i", Stance.SUPPORT, day.replace(month=6))._replace(held_since=day)
    ds = dataset(["a"], ["i", "j"], [held, pos("a", "j", Stance.OPPOSE, day.replace(day=20))])
    as_of = day.replace(month=3)
    assert [r.issue.id for r in views.compare_view(ds, as_of, sort="recent").rows] == ["j", "i"]
    assert [r.issue.id for r in views.compare_view(ds, sort="recent").rows] == ["i", "j"]
