"""The model's own definitions, held to their plain meaning."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from positions.model import Evidence, Position, Stance, _histories
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
