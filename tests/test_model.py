"""The model's own definitions, held to their plain meaning."""

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from positions import analysis, datafile, loader, records, store, views
from positions.analysis import snapshot
from positions.model import (
    Actor,
    Basis,
    Condition,
    Dataset,
    Evidence,
    Issue,
    Position,
    Source,
    Stance,
    Window,
    _histories,
)
from tests.profiles import examples

_POSITIONS = st.lists(
    st.builds(
        lambda actor, issue, day, stance: Position(
            actor, issue, stance, f"{actor} on {issue}", (Evidence("s"),), dt.date(2025, 1, day)
        ),
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["x", "y"]),
        st.integers(1, 4),
        st.sampled_from(list(Stance)),
    ),
    max_size=12,
)


@settings(max_examples=examples(300))
@given(positions=_POSITIONS, unique=st.booleans())
def test_histories_are_each_pairs_positions_oldest_first(
    positions: list[Position], unique: bool
) -> None:
    """Whether every pair has one position (built in C) or some have several (the
    loop): each pair's positions in file order, sorted by date (stable)."""
    if unique:  # one position a pair: the roll-call shape
        positions = list({(p.actor, p.issue): p for p in positions}.values())
    found = _histories(tuple(positions))
    pairs = dict.fromkeys((p.actor, p.issue) for p in positions)
    assert list(found) == list(pairs)  # in the order each pair first appears
    for actor, issue in pairs:
        mine = [p for p in positions if (p.actor, p.issue) == (actor, issue)]
        assert found[actor, issue] == tuple(sorted(mine, key=lambda p: p.date))


def test_a_data_set_s_histories_are_made_once_on_first_use() -> None:
    """A first load that only checks and stores never makes them; the first `history`
    or `histories` does, and both read the same mapping from then on."""
    ds = loader.load(datafile.bundled_path())
    assert not hasattr(ds, "_histories")
    assert ds.history("russia", "donbas") == _histories(ds.positions)["russia", "donbas"]
    made = ds.histories
    assert made is ds.histories
    assert made == _histories(ds.positions)
    assert ds.history("canada", "donbas") == ()


def test_a_stances_plain_attributes() -> None:
    assert [(s.score, s.id, s.label) for s in Stance] == [
        (-2, "strongly_oppose", "strongly oppose"),
        (-1, "oppose", "oppose"),
        (0, "neutral", "neutral"),
        (1, "support", "support"),
        (2, "strongly_support", "strongly support"),
    ]


@settings(max_examples=examples(300))
@given(positions=_POSITIONS, ended=st.booleans())
def test_a_snapshot_of_everything_is_each_pairs_last_position(
    positions: list[Position], ended: bool
) -> None:
    """Taken at once for the whole data set and no date; an actor whose `active:`
    window has ended has none."""
    window = Window(None, dt.date(2025, 1, 2)) if ended else None
    actors = {a: Actor(a, a.upper(), active=window if a == "b" else None) for a in "abc"}
    issues = {i: Issue(i, i, f"{i}?") for i in "xy"}
    ds = Dataset("t", actors, issues, {"s": Source("s", "S")}, tuple(positions))
    expected = {k: h[-1] for k, h in ds.histories.items() if not (ended and k[0] == "b")}
    found = snapshot(ds)
    assert list(found.items()) == list(expected.items())
    assert found == snapshot(ds, actors=list(ds.actors))  # the pair-by-pair look-up
    columns = {i: dict(found.column(i)) for i in [*issues, "unknown"]}
    assert columns == {
        i: {a: p for (a, on), p in expected.items() if on == i} for i in [*issues, "unknown"]
    }


_MARKS = st.fixed_dictionaries(
    {},
    optional={
        "basis": st.sampled_from(list(Basis)),
        "note": st.just("n"),
        "conditions": st.just((Condition("y", True),)),
        "salience": st.sampled_from([0.0, 0.5, 1.0]),
        "red_line": st.booleans(),
        "held_since": st.just(dt.date(2024, 1, 1)),
    },
)


@settings(max_examples=examples(300))
@given(positions=_POSITIONS, marks=st.lists(_MARKS, min_size=12, max_size=12))
def test_a_snapshots_marked_pairs_are_those_setting_a_format_2_field(
    positions: list[Position], marks: list[dict[str, Any]]
) -> None:
    """`marked()` holds every pair, in the snapshot's order, whose position sets
    anything beyond format 1's fields (a default given explicitly is not set): what
    the readers of conditions, salience, red lines and bases go through."""
    positions = [p._replace(**m) for p, m in zip(positions, marks, strict=False)]
    ds = Dataset("t", {a: Actor(a, a) for a in "abc"}, {i: Issue(i, i, "?") for i in "xy"},
                 {"s": Source("s", "S")}, tuple(positions))  # fmt: skip
    found = snapshot(ds)

    def sets_any(p: Position) -> bool:
        return (
            p.basis is not Basis.REPORTED
            or p.note is not None
            or bool(p.conditions)
            or p.salience is not None
            or p.red_line
            or p.held_since is not None
        )

    assert found.marked() == [(k, p) for k, p in found.items() if sets_any(p)]
    assert found.marked() is found.marked()  # made once


def test_records_made_fast_are_those_their_classes_make() -> None:
    """`records.maker` makes exactly what each class's own constructor makes."""
    who = Actor("a", "A")
    said = Position("a", "x", Stance.SUPPORT, "A on x", (Evidence("s"),), dt.date(2025, 1, 1))
    cell = (who, said, Source("s", "S"), True, ((Issue("y", "Y", "y?"), "adopted"),))
    placed = ("a", -1, 0.5, True, False)
    _same(views.new_cell(cell), views.Cell(*cell), cell)
    row = (Issue("x", "X", "x?"), said, None, analysis.Verdict.UNKNOWN)
    _same(views.new_diff_row(row), views.DiffRow(*row), row)
    make = records.shared(analysis.Placed)
    _same(make(placed), analysis.Placed(*placed), placed)
    assert make(tuple(list(placed))) is make(placed)  # equal fields: the very record
    assert make(("a", -1, 0.25, True, False)) == analysis.Placed("a", -1, 0.25, True, False)
    assert records.shared(analysis.Placed)(placed) is not make(placed)  # a memo each
    _same(store._POSITION(tuple(said)), said, tuple(said))
    _same(loader._position((*said[:6], *loader._REST)), said, tuple(said))


def _same(made: tuple[object, ...], built: Any, fields: tuple[object, ...]) -> None:
    names: tuple[str, ...] = built._fields
    assert type(made) is type(built)
    assert made == built
    assert tuple(getattr(made, name) for name in names) == fields
