"""The data model: frozen values built by the loader and read by everything else.

Nothing here does I/O or validation; the loader guarantees the invariants
(ids unique, references resolved, histories sorted by date).
"""

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple


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
    def from_id(cls, text: str) -> "Stance | None":
        """The stance spelled `text` in a data file, or None."""
        return _STANCE_BY_ID.get(text)


_STANCE_BY_ID = {s.name.lower(): s for s in Stance}
STANCE_IDS: tuple[str, ...] = tuple(_STANCE_BY_ID)


class Actor(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()


class Issue(NamedTuple):
    id: str
    title: str
    question: str


class Source(NamedTuple):
    id: str
    name: str
    url: str | None = None


class Position(NamedTuple):
    """One dated statement of an actor on an issue."""

    actor: str
    issue: str
    stance: Stance
    summary: str
    source: str
    date: dt.date
    quote: str | None = None


class Dataset:
    """A whole negotiation. Mappings keep the file's order and are read-only.

    `histories` maps (actor id, issue id) to that pair's positions, oldest
    first; pairs with no position are absent.
    """

    __slots__ = ("actors", "histories", "issues", "positions", "sources", "title")

    title: str
    actors: Mapping[str, Actor]
    issues: Mapping[str, Issue]
    sources: Mapping[str, Source]
    positions: tuple[Position, ...]
    histories: Mapping[tuple[str, str], tuple[Position, ...]]

    def __init__(
        self,
        title: str,
        actors: Mapping[str, Actor],
        issues: Mapping[str, Issue],
        sources: Mapping[str, Source],
        positions: tuple[Position, ...],
    ) -> None:
        groups: dict[tuple[str, str], list[Position]] = {}
        for p in positions:
            groups.setdefault((p.actor, p.issue), []).append(p)
        histories = {
            key: tuple(sorted(group, key=lambda p: p.date)) for key, group in groups.items()
        }
        setattr_ = object.__setattr__
        setattr_(self, "title", title)
        setattr_(self, "actors", MappingProxyType(dict(actors)))
        setattr_(self, "issues", MappingProxyType(dict(issues)))
        setattr_(self, "sources", MappingProxyType(dict(sources)))
        setattr_(self, "positions", tuple(positions))
        setattr_(self, "histories", MappingProxyType(histories))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Dataset is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Dataset is read-only: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return (
            self.title == other.title
            and dict(self.actors) == dict(other.actors)
            and dict(self.issues) == dict(other.issues)
            and dict(self.sources) == dict(other.sources)
            and self.positions == other.positions
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Dataset(title={self.title!r}, {len(self.actors)} actors, {len(self.issues)} issues, "
            f"{len(self.sources)} sources, {len(self.positions)} positions)"
        )
