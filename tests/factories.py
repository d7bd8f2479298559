"""Hand-made positions, snapshots and data sets for the tests of the definitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from positions.analysis import Snapshot
from positions.model import Actor, Condition, Dataset, Evidence, Issue, Position, Source, Stance

DAY = dt.date(2025, 1, 1)
EVIDENCE = (Evidence("src"),)


def pos(
    actor: str,
    issue: str,
    score: int,
    salience: float | None = None,
    red_line: bool = False,
    conditions: tuple[Condition, ...] = (),
) -> Position:
    """A position of `actor` on `issue` at `score`, dated DAY, citing source `src`."""
    return Position(
        actor, issue, Stance(score), f"{actor} on {issue}", EVIDENCE, DAY,
        conditions=conditions, salience=salience, red_line=red_line,
    )  # fmt: skip


def dataset(positions: Sequence[Position], capability: dict[str, float] | None = None) -> Dataset:
    """The actors and issues the positions name (in that order), and one source."""
    actors = dict.fromkeys(p.actor for p in positions)
    issues = dict.fromkeys(p.issue for p in positions)
    caps = capability or {}
    return Dataset(
        "test",
        {a: Actor(a, a.upper(), capability=caps.get(a)) for a in actors},
        {i: Issue(i, i.title(), f"{i}?") for i in issues},
        {"src": Source("src", "Source")},
        tuple(positions),
    )


def snap(*positions: Position) -> Snapshot:
    """The positions in force: one per actor and issue."""
    return Snapshot({(p.actor, p.issue): p for p in positions})
