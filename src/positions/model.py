"""The data model: frozen values built by the loader and read by everything else.

Nothing here does I/O or validation; the loader guarantees the invariants
(ids unique, references resolved, histories sorted by date).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class Stance(enum.Enum):
    """A five-point stance on an issue's proposition; the value is its score."""

    STRONGLY_OPPOSE = -2
    OPPOSE = -1
    NEUTRAL = 0
    SUPPORT = 1
    STRONGLY_SUPPORT = 2

    @property
    def id(self) -> str:
        """The spelling used in data files and JSON: `strongly_support`."""
        return self.name.lower()

    @property
    def score(self) -> int:
        return self.value

    @property
    def label(self) -> str:
        """Human wording: `strongly support`."""
        return self.name.lower().replace("_", " ")

    @classmethod
    def from_id(cls, text: str) -> Stance | None:
        """The stance spelled `text` in a data file, or None."""
        return _STANCE_BY_ID.get(text)


_STANCE_BY_ID = {s.name.lower(): s for s in Stance}
STANCE_IDS: tuple[str, ...] = tuple(_STANCE_BY_ID)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    title: str
    question: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """One dated statement of an actor on an issue."""

    actor: str
    issue: str
    stance: Stance
    summary: str
    source: str
    date: dt.date
    quote: str | None = None


@dataclass(frozen=True)
class Dataset:
    """A whole negotiation. Mappings keep the file's order and are read-only.

    `histories` maps (actor id, issue id) to that pair's positions, oldest
    first; pairs with no position are absent.
    """

    title: str
    actors: Mapping[str, Actor]
    issues: Mapping[str, Issue]
    sources: Mapping[str, Source]
    positions: tuple[Position, ...]
    histories: Mapping[tuple[str, str], tuple[Position, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "actors", MappingProxyType(dict(self.actors)))
        object.__setattr__(self, "issues", MappingProxyType(dict(self.issues)))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        groups: dict[tuple[str, str], list[Position]] = {}
        for p in self.positions:
            groups.setdefault((p.actor, p.issue), []).append(p)
        histories = {
            key: tuple(sorted(group, key=lambda p: p.date)) for key, group in groups.items()
        }
        object.__setattr__(self, "histories", MappingProxyType(histories))
