"""The data model: read-only values built by the loader and read by everything else.

Nothing here does I/O or validation; the loader guarantees the invariants
(ids unique, references resolved, histories sorted by date). A `Dataset` is a
whole negotiation, a `Selection` the part of one that a look-up reads, and
both are a `Catalog`: what names resolve against.
"""

import datetime as dt
import enum
from collections.abc import Collection, Mapping, Sequence
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple


class Stance(enum.Enum):
    """A five-point stance on an issue's proposition; the value is its score."""

    STRONGLY_OPPOSE = -2
    OPPOSE = -1
    NEUTRAL = 0
    SUPPORT = 1
    STRONGLY_SUPPORT = 2

    # Plain attributes of each member, set below: the analysis and the views read them
    # millions of times on a roll-call history, and a property or an enum's `value`
    # is a descriptor call.
    #: The value: -2 to 2.
    score: int
    #: The spelling used in data files and JSON: `strongly_support`.
    id: str
    #: Human wording: `strongly support`.
    label: str

    @property
    def symbol(self) -> str:
        """How tables show it without colour: `++`, `+`, `0`, `-`, `--`."""
        return _SYMBOLS[self.value]

    @classmethod
    def from_id(cls, text: str) -> "Stance | None":
        """The stance spelled `text` in a data file, or None."""
        return _STANCE_BY_ID.get(text)


for _stance in Stance:
    _stance.score = _stance.value
    _stance.id = _stance.name.lower()
    _stance.label = _stance.id.replace("_", " ")
_STANCE_BY_ID = {s.name.lower(): s for s in Stance}
_SYMBOLS = {2: "++", 1: "+", 0: "0", -1: "-", -2: "--"}
#: How tables show an actor with no recorded position (unstated, never neutral).
UNSTATED_SYMBOL = "."
STANCE_IDS: tuple[str, ...] = tuple(_STANCE_BY_ID)


def symbol_of(stance: Stance | None) -> str:
    """A stance's symbol, or the one of an actor with no recorded position."""
    return UNSTATED_SYMBOL if stance is None else stance.symbol


def label_of(stance: Stance | None) -> str:
    """A stance in words, or `unstated` (never neutral)."""
    return "unstated" if stance is None else stance.label


class Window(NamedTuple):
    """When an actor is a party (format 2's `active:`); None is an open end."""

    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Actor(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    short: str | None = None  # a label for narrow tables (format 2)
    capability: float | None = None  # its weight in the negotiation; None counts 1
    active: Window | None = None  # when it is a party; None: throughout

    def party_on(self, day: dt.date | None) -> bool:
        """Whether it is a party on `day`; None is now: a party unless its window ends."""
        if self.active is None:
            return True
        return self.active.end is None if day is None else self.active.holds(day)

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every name it goes by, id first: what a typed name may be."""
        return (self.id, self.name, *self.aliases, *((self.short,) if self.short else ()))


class Issue(NamedTuple):
    id: str
    title: str
    question: str
    tags: tuple[str, ...] = ()  # slugs that group issues, for --tag (format 2)


class Source(NamedTuple):
    id: str
    name: str
    url: str | None = None
    file: str | None = None  # a local copy of its text, relative to the data file


class Group(NamedTuple):
    """Named actors (format 2's `groups:`): accepted wherever a list of actors is."""

    id: str
    name: str
    members: tuple[str, ...]  # actor ids, nested groups expanded, in the file's actor order


class Basis(enum.Enum):
    """How a position is known."""

    REPORTED = "reported"  # a source reports the party saying it
    INDIRECT = "indirect"  # known through another party's words
    INFERRED = "inferred"  # the analyst's reading

    @property
    def mark(self) -> str:
        """How tables mark a position of this basis after its stance."""
        return _BASIS_MARKS[self]


_BASIS_MARKS = {Basis.REPORTED: "", Basis.INDIRECT: "~", Basis.INFERRED: "?"}
BASIS_IDS: tuple[str, ...] = tuple(b.value for b in Basis)
OUTCOMES = ("adopted", "rejected")
#: `held_since: long-standing`: held since before any date the data knows.
LONG_STANDING = dt.date.min


#: How a table shows an actor that is not a party on the view's date (format 2's
#: `active:`): ASCII, like the unstated `.`, for every terminal encoding.
NOT_PARTY_SYMBOL = "x"
#: After a stance's symbol (and its basis mark, `~` or `?`): it holds only if another
#: issue is decided a given way (`|`, as in "given"), and it is a red line (`!`).
CONDITIONAL_MARK = "|"
RED_LINE_MARK = "!"
#: What each mark means, in the order a legend lists them; a view lists only the
#: marks it shows, so a format-1 file's views look as they always have.
MARKS = (
    (Basis.INDIRECT.mark, "indirect (known only through another party's words)"),
    (Basis.INFERRED.mark, "inferred (the analyst's reading, not a report)"),
    (CONDITIONAL_MARK, "conditional (only if another issue is decided as stated; not counted)"),
    (RED_LINE_MARK, "red line (a stance it says it will never give up)"),
    (NOT_PARTY_SYMBOL, "not a party (outside its active window)"),
)
#: How a note is introduced under a summary: it says why the basis is what it is.
NOTE_LABEL = {Basis.REPORTED: "Note", Basis.INDIRECT: "Indirect", Basis.INFERRED: "Inferred"}


class Evidence(NamedTuple):
    """One item a position rests on: who reported it, and what was said."""

    source: str
    quote: str | None = None  # verbatim
    speaker: str | None = None  # who said it, when not the party as a whole
    url: str | None = None  # the article itself
    date: dt.date | None = None


def said_alike(e: Evidence, following: Sequence[Evidence]) -> bool:
    """Whether the next item has the same speaker, source, link and date: its quote
    then goes under the same attribution, said once."""
    return bool(following) and following[0]._replace(quote=None) == e._replace(quote=None)


class Condition(NamedTuple):
    """A position holds only if `issue` is decided this way."""

    issue: str
    adopted: bool

    @property
    def outcome(self) -> str:
        return OUTCOMES[0] if self.adopted else OUTCOMES[1]


class Position(NamedTuple):
    """One dated statement of an actor on an issue.

    `evidence` has at least one item; format 1's `source` and `quote` are its
    first. A position with `conditions` is part of a package: the analysis
    never counts it as an unconditional stance (docs/analysis.md).
    """

    actor: str
    issue: str
    stance: Stance
    summary: str
    evidence: tuple[Evidence, ...]
    date: dt.date
    basis: Basis = Basis.REPORTED
    note: str | None = None  # why the basis is not `reported`, or any remark
    conditions: tuple[Condition, ...] = ()
    salience: float | None = None  # 0..1: how much the actor cares about the issue
    red_line: bool = False  # a stance it says it will not give up
    held_since: dt.date | None = None  # held before `date`; LONG_STANDING: since ever

    @property
    def source(self) -> str:
        """The first evidence item's source: the one a one-line view names."""
        return self.evidence[0].source

    @property
    def quote(self) -> str | None:
        """The first evidence item's quote."""
        return self.evidence[0].quote

    @property
    def start(self) -> dt.date:
        """From when it is in force: `held_since` when given, else its date."""
        return self.date if self.held_since is None else self.held_since


def _histories(
    positions: tuple[Position, ...],
) -> Mapping[tuple[str, str], tuple[Position, ...]]:
    """Each (actor, issue) pair's positions, oldest first (file order kept within a day)."""
    # A roll call holds one position a pair: then each pair's history is built in C
    # (1.2-1.4 s -> 0.45 s for 870,000 votes; tests/test_model.py holds it to the loop's).
    pairs = list(zip(map(_ACTOR, positions), map(_ISSUE, positions), strict=True))
    once = dict(zip(pairs, zip(positions), strict=True))
    if len(once) == len(positions):
        return MappingProxyType(once)
    groups: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        key = (p.actor, p.issue)
        group = groups.get(key)
        if group is None:
            groups[key] = [p]
        else:
            group.append(p)
    by_date = _DATE_OF
    return MappingProxyType(
        {
            key: (group[0],) if len(group) == 1 else tuple(sorted(group, key=by_date))
            for key, group in groups.items()
        }
    )


_ACTOR, _ISSUE = itemgetter(0), itemgetter(1)  # a Position's actor and issue


def _date_of(p: Position) -> dt.date:
    return p.date


_DATE_OF = _date_of


class Catalog:
    """A negotiation without its positions: its title, actors, issues and sources, in
    the file's order, read-only. What names on the command line resolve against."""

    __slots__ = ("actors", "groups", "issues", "sources", "title")

    title: str
    actors: Mapping[str, Actor]
    issues: Mapping[str, Issue]
    sources: Mapping[str, Source]
    groups: Mapping[str, Group]

    def __init__(
        self,
        title: str,
        actors: Mapping[str, Actor],
        issues: Mapping[str, Issue],
        sources: Mapping[str, Source],
        groups: Mapping[str, Group] | None = None,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "title", title)
        setattr_(self, "actors", MappingProxyType(dict(actors)))
        setattr_(self, "issues", MappingProxyType(dict(issues)))
        setattr_(self, "sources", MappingProxyType(dict(sources)))
        setattr_(self, "groups", MappingProxyType(dict(groups or {})))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a {type(self).__name__} is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a {type(self).__name__} is read-only: cannot delete {name!r}")

    def _key(self) -> tuple[object, ...]:
        """What equality compares; each subclass adds what it holds."""
        return (
            self.title, dict(self.actors), dict(self.issues), dict(self.sources), dict(self.groups)
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Catalog)
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(title={self.title!r}, {len(self.actors)} actors, "
            f"{len(self.issues)} issues, {len(self.sources)} sources)"
        )


class Dataset(Catalog):
    """A whole negotiation: the catalog and every position.

    `histories` maps (actor id, issue id) to that pair's positions, oldest
    first; pairs with no position are absent.
    """

    __slots__ = ("_histories", "positions")

    positions: tuple[Position, ...]
    _histories: Mapping[tuple[str, str], tuple[Position, ...]]

    def __init__(
        self,
        title: str,
        actors: Mapping[str, Actor],
        issues: Mapping[str, Issue],
        sources: Mapping[str, Source],
        positions: tuple[Position, ...],
        groups: Mapping[str, Group] | None = None,
    ) -> None:
        super().__init__(title, actors, issues, sources, groups)
        object.__setattr__(self, "positions", tuple(positions))

    @property
    def histories(self) -> Mapping[tuple[str, str], tuple[Position, ...]]:
        """Made on first use: a first load that only checks and stores the data never
        needs them (870,000 votes: 0.26 s of its 4 s)."""
        try:
            return self._histories
        except AttributeError:
            found = _histories(self.positions)
            object.__setattr__(self, "_histories", found)
            return found

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(self.actors)

    def with_issues(self, issues: Collection[str]) -> "Dataset":
        """The same negotiation with only these issues and their positions
        (`--tag`): a whole data set of its own, which every view may take."""
        kept = {i: issue for i, issue in self.issues.items() if i in issues}
        positions = tuple(p for p in self.positions if p.issue in kept)
        return Dataset(self.title, self.actors, kept, self.sources, positions, self.groups)

    def reported_only(self) -> "Dataset":
        """The same negotiation without its indirect and inferred positions
        (`--reported-only`)."""
        positions = tuple(p for p in self.positions if p.basis is Basis.REPORTED)
        return Dataset(self.title, self.actors, self.issues, self.sources, positions, self.groups)

    @property
    def issue_ids(self) -> tuple[str, ...]:
        return tuple(self.issues)

    def history(self, actor: str, issue: str) -> tuple[Position, ...]:
        """The pair's positions, oldest first; () when it has none."""
        try:
            made = self._histories  # called a million times on a roll call: no property
        except AttributeError:
            made = self.histories
        return made.get((actor, issue), ())

    def select(
        self, actors: Collection[str] | None = None, issues: Collection[str] | None = None
    ) -> "Selection":
        """The positions of these actors on these issues (None: all of them)."""
        kept = tuple(
            p
            for p in self.positions
            if (actors is None or p.actor in actors) and (issues is None or p.issue in issues)
        )
        return Selection(self, kept, actors, issues)

    def _key(self) -> tuple[object, ...]:
        return (*super()._key(), self.positions)

    def __repr__(self) -> str:
        return f"{super().__repr__()[:-1]}, {len(self.positions)} positions)"


class Selection(Catalog):
    """The positions of some actors on some issues, with the whole catalog.

    What a look-up (`show`, `diff`, `history`) reads: a view that needs every
    position takes a `Dataset`, so it cannot be handed one of these by mistake,
    and asking for the history of a pair outside the selection is an error,
    never a silent "no position".
    """

    __slots__ = ("_chosen", "actor_ids", "histories", "issue_ids", "positions")

    actor_ids: tuple[str, ...]  # the chosen actors, in the file's order
    issue_ids: tuple[str, ...]
    positions: tuple[Position, ...]
    histories: Mapping[tuple[str, str], tuple[Position, ...]]
    _chosen: tuple[frozenset[str], frozenset[str]]  # actor_ids and issue_ids, as sets

    def __init__(
        self,
        catalog: Catalog,
        positions: tuple[Position, ...],
        actors: Collection[str] | None = None,
        issues: Collection[str] | None = None,
    ) -> None:
        super().__init__(
            catalog.title, catalog.actors, catalog.issues, catalog.sources, catalog.groups
        )
        setattr_ = object.__setattr__
        setattr_(self, "actor_ids", tuple(a for a in self.actors if actors is None or a in actors))
        setattr_(self, "issue_ids", tuple(i for i in self.issues if issues is None or i in issues))
        setattr_(self, "positions", tuple(positions))
        setattr_(self, "histories", _histories(self.positions))
        # The chosen ids as sets, for `history`'s check (6,000 roll calls: a tuple is slow).
        setattr_(self, "_chosen", (frozenset(self.actor_ids), frozenset(self.issue_ids)))

    def history(self, actor: str, issue: str) -> tuple[Position, ...]:
        """The pair's positions, oldest first; ValueError for a pair not selected."""
        actors, issues = self._chosen
        if actor not in actors or issue not in issues:
            raise ValueError(f"({actor!r}, {issue!r}) is not in this selection")
        return self.histories.get((actor, issue), ())

    def _key(self) -> tuple[object, ...]:
        return (*super()._key(), self.actor_ids, self.issue_ids, self.positions)


def marks_of(position: Position | None) -> str:
    """The marks after a stance's symbol: its basis, conditional, red line."""
    if position is None:
        return ""
    return (
        position.basis.mark
        + (CONDITIONAL_MARK if position.conditions else "")
        + (RED_LINE_MARK if position.red_line else "")
    )


def cell_symbol(position: Position | None, party: bool = True) -> str:
    """A position's symbol with its marks, `.` when unstated, `x` when not a party."""
    if not party:
        return NOT_PARTY_SYMBOL
    return symbol_of(None if position is None else position.stance) + marks_of(position)
