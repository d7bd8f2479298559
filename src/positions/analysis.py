"""The definitions: positions in force, verdicts, status, agreement, coalitions,
deal outlook and shifts.

Everything here is a pure function of a `Dataset` (or of values derived from
one), so every definition can be tested directly on hand-made data and every
view shows the same numbers. docs/analysis.md states the same rules in words.
"""

import datetime as dt
import enum
import heapq
import itertools
import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from positions import records
from positions.model import Dataset, Position, Selection, Stance


class Snapshot(dict[tuple[str, str], Position]):
    """(actor id, issue id) -> the position in force; unstated pairs are absent.

    Never changed once made. `column(issue)` gives one issue's positions by actor:
    a view that reads every actor on each issue (compare, deal, landing: 200 actors
    x 6,000 roll calls) then looks each up by actor id in a small dict, not by an
    (actor, issue) tuple in one of 870k entries, which costs seven times as much
    (hashing the tuple, then a miss in the cache). The columns are made for every
    issue at the first call, by one pass over the snapshot (870k: 45 ms).
    """

    __slots__ = ("_columns", "_marked")
    _columns: dict[str, dict[str, Position]]
    _marked: list[tuple[tuple[str, str], Position]]

    def column(self, issue: str) -> Mapping[str, Position]:
        try:
            columns = self._columns
        except AttributeError:
            columns = self._columns = {}
            for (actor, on), position in self.items():
                if (found := columns.get(on)) is None:
                    found = columns[on] = {}
                found[actor] = position
        return columns.get(issue, _NONE)

    def marked(self) -> Sequence[tuple[tuple[str, str], Position]]:
        """The pairs whose position sets a field beyond format 1's (a basis, a note,
        conditions, a salience, a red line, held since), in the snapshot's order: what
        a reader of those fields goes through instead of every pair (a roll call has
        none of them). Found at the first call, in C."""
        try:
            return self._marked
        except AttributeError:
            differs = map(_PLAIN_TAIL.__ne__, map(_TAIL, self.values()))
            found = self._marked = list(itertools.compress(self.items(), differs))
            return found


_NONE: Mapping[str, Position] = MappingProxyType({})
#: The fields beyond format 1's (all those with a default) as a plain position has them.
_PLAIN_TAIL = tuple(Position._field_defaults.values())
_TAIL = operator.itemgetter(slice(len(Position._fields) - len(_PLAIN_TAIL), None))

# Agreement scores are floats, so a mean that is 0.9 on paper can come out as
# ((1 - 3/20) + (1 - 1/20)) / 2 == 0.8999999999999999. Coalition linkages
# closer than this count as equal, to the threshold and to each other; a landing's
# mean this close to 0 is 0.
LINKAGE_TOLERANCE = 1e-9


class Verdict(enum.Enum):
    """How two actors' stances on one issue relate."""

    AGREE = "agree"
    CONFLICT = "conflict"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


class Status(enum.Enum):
    """Where an issue stands across all actors."""

    OPEN = "open"
    CONTESTED = "contested"
    CONSENSUS = "consensus"
    MIXED = "mixed"


class Outcome(enum.Enum):
    """Whether the stated actors on an issue are close enough for a deal."""

    WITHIN_REACH = "within_reach"
    BLOCKED = "blocked"
    DIVIDED = "divided"
    TOO_FEW = "too_few"


class PairScore(NamedTuple):
    """Agreement of two actors; `shared` counts the issues both have stated."""

    score: float | None
    shared: int


class Coalition(NamedTuple):
    """A group of actors; cohesion is the lowest agreement between two members,
    `mean` the mean over the pairs of members (None for a single member)."""

    members: tuple[str, ...]
    cohesion: float | None
    mean: float | None = None


class Direction(enum.Enum):
    """Which way a deal within reach would go: the issue adopted or rejected."""

    ADOPT = "adopt"
    REJECT = "reject"
    NEITHER = "neither"  # every stance neutral


#: Each outcome and direction in words, as every view says them (the terminal, the
#: report, the memo).
OUTCOME_LABEL = {
    Outcome.WITHIN_REACH: "within reach",
    Outcome.BLOCKED: "blocked",
    Outcome.DIVIDED: "divided",
    Outcome.TOO_FEW: "too few stated",
}
DIRECTION_WORD = {
    Direction.ADOPT: "adopt",
    Direction.REJECT: "reject",
    Direction.NEITHER: "neutral",
}


class Block(NamedTuple):
    """One way an issue is blocked: the parties without whom every other stated
    party is within one step, which way the others would go, and which of the
    blockers hold a red line there (a hard block)."""

    by: tuple[str, ...]
    direction: Direction
    hard: tuple[str, ...]


class DealOutlook(NamedTuple):
    """One issue's deal space; `silent` names who a deal would leave out."""

    issue: str
    outcome: Outcome
    spread: int | None
    stated: tuple[str, ...]
    blockers: tuple[str, ...]  # every party of every block, in the actors' order
    silent: tuple[str, ...]
    direction: Direction | None = None  # within reach, or every block the same way
    blocks: tuple[Block, ...] = ()  # the alternatives, fewest blockers, then lowest window
    linked: tuple[str, ...] = ()  # the issues a conditional offer joins to this one


class Shift(NamedTuple):
    """Two consecutive positions of one actor on one issue with different stances."""

    actor: str
    issue: str
    before: Position
    after: Position


# --- positions in force ------------------------------------------------------


def _in_force(history: Sequence[Position], as_of: dt.date | None) -> Position | None:
    """The last position of a date-sorted history in force on `as_of`: dated on or
    before it, or held since a day on or before it (`held_since`)."""
    if as_of is None:
        return history[-1] if history else None
    found: Position | None = None
    for position in history:
        if position.date <= as_of or (
            position.held_since is not None and position.held_since <= as_of
        ):
            found = position
    return found


def counted(position: Position | None) -> Stance | None:
    """The stance the analysis counts: none for a conditional one, which is part of a
    package and never an unconditional stance (docs/analysis.md)."""
    return None if position is None or position.conditions else position.stance


def snapshot(
    ds: Dataset | Selection,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> Snapshot:
    """Each pair's latest position (on or before `as_of` when given).

    With `actors` and/or `issues`, only those pairs: a view of one issue or one
    pair of actors then looks up its few histories instead of every one. A
    selection holds only its own pairs: the others are not "unstated" there but
    unknown, so asking for one is an error. Histories are sorted by date with
    file order kept among equal dates, so of two positions on the same day the
    one later in the file wins.
    """
    # An actor that is not a party on the day (format 2's `active:`) has no position.
    absent = {a.id for a in ds.actors.values() if not a.party_on(as_of)}
    if actors is None and issues is None and isinstance(ds, Dataset):
        if as_of is None:  # each pair's last position, taken in C (870k pairs: 1.0 -> 0.1 s)
            latest = Snapshot(zip(ds.histories, map(_LAST, ds.histories.values()), strict=True))
            if absent:
                return Snapshot({k: p for k, p in latest.items() if k[0] not in absent})
            return latest
        keys: Iterable[tuple[str, str]] = ds.histories
    else:
        keys = itertools.product(
            ds.actor_ids if actors is None else actors, ds.issue_ids if issues is None else issues
        )
    result = Snapshot()
    history_of = ds.history
    for key in keys:
        actor, issue = key
        history = history_of(actor, issue)
        if (
            history
            and (position := _in_force(history, as_of)) is not None
            and (not absent or actor not in absent)
        ):
            result[key] = position
    return result  # a dict to every reader: a dict's look-ups cost half a proxy's


_LAST = operator.itemgetter(-1)


def stance_of(snap: Snapshot, actor: str, issue: str) -> Stance | None:
    """The actor's stance in force on the issue, for the analysis: None when unstated
    or conditional (`counted`)."""
    return counted(snap.get((actor, issue)))


# --- verdicts and status -------------------------------------------------------


def verdict(a: Stance | None, b: Stance | None) -> Verdict:
    """Agree on the same side, conflict on opposite sides, partial with a neutral."""
    if a is None or b is None:
        return Verdict.UNKNOWN
    product = a.score * b.score
    if product > 0:
        return Verdict.AGREE
    if product < 0:
        return Verdict.CONFLICT
    return Verdict.PARTIAL


def issue_status(stances: Iterable[Stance]) -> Status:
    """Open below two stated; contested across sides; consensus on one side."""
    scores = [s.score for s in stances]
    support = sum(1 for s in scores if s > 0)
    oppose = sum(1 for s in scores if s < 0)
    return status_of(support, oppose, len(scores) - support - oppose)


def status_of(support: int, oppose: int, neutral: int) -> Status:
    """The status of an issue with this many counted stances above, below and at 0
    (`issue_status`; a view that has sorted the sides already counts them)."""
    if support + oppose + neutral < 2:
        return Status.OPEN
    if support and oppose:
        return Status.CONTESTED
    return Status.MIXED if neutral else Status.CONSENSUS


# --- agreement ---------------------------------------------------------------


def pair_agreement(
    snap: Snapshot, a: str, b: str, issues: Sequence[str], weighted: bool = True
) -> PairScore:
    """1 - sum(w |a - b|) / (4 sum(w)) over the issues in `issues` that both have
    stated, w the pair's weight on each: the mean of their two saliences, each
    omitted counting 1 (every w is 1 when not `weighted`).

    Each issue counts once even if `issues` repeats it; an issue neither cares
    about (w = 0) is not shared. The same numbers as `agreement_matrix`.
    """
    return agreement_matrix(snap, [a, b], issues, weighted)[a, b]


def agreement_matrix(
    snap: Snapshot,
    actors: Sequence[str],
    issues: Sequence[str],
    weighted: bool = True,
    *,
    bit_sets: bool = True,
) -> Mapping[tuple[str, str], PairScore]:
    """Every ordered pair of `actors`, (a, a) included, in row-major order.

    Each actor's scores (and saliences) are gathered once, so 100 actors x 1000
    issues stays fast. Without salience in the data, or not `weighted`, every
    weight is 1 and the score is 1 - mean(|a - b|) / 4, to the last bit: sums of
    small whole numbers are exact in floating point.
    """
    order = tuple(dict.fromkeys(actors))
    chosen = tuple(dict.fromkeys(issues))
    result: dict[tuple[str, str], PairScore] = {}
    stated = _counted_pairs(snap, order, chosen)
    # Every weight 1 (each salience None or 1.0): the same sums, counted by bit sets
    # (positions.bitsets); the saliences and scores read in C, 870k on a roll call.
    held = list(map(_HELD, stated))
    if bit_sets and (not weighted or set(map(_SALIENCE, held)) <= _UNIT_WEIGHTS):
        from positions import bitsets

        scored = zip(map(_WHO, stated), map(_WHAT, stated), map(_SCORE_OF, held), strict=True)
        for (a, b), (apart, common) in bitsets.sums(scored, order, chosen).items():
            pair = PairScore(1 - apart / (4 * common) if common else None, common)
            result[a, b] = result[b, a] = pair
        return MappingProxyType({(a, b): result[a, b] for a in order for b in order})
    scores: dict[str, dict[str, tuple[int, float]]] = {}
    for actor in order:
        mine: dict[str, tuple[int, float]] = {}
        for issue in chosen:
            p = snap.get((actor, issue))
            if p is not None and counted(p) is not None:
                salience = 1.0 if not weighted or p.salience is None else p.salience
                mine[issue] = (p.stance.score, salience)
        scores[actor] = mine
    for i, a in enumerate(order):
        for b in order[i:]:
            small, large = sorted((scores[a], scores[b]), key=len)
            total = weight = 0.0
            shared = 0
            for issue, (score, salience) in small.items():
                other = large.get(issue)
                # The pair's weight: the mean of the two saliences (docs/analysis.md).
                if other is not None and (w := (salience + other[1]) / 2) > 0:
                    total += w * abs(score - other[0])
                    weight += w
                    shared += 1
            pair = PairScore(1 - total / (4 * weight) if shared else None, shared)
            result[a, b] = result[b, a] = pair
    return MappingProxyType({(a, b): result[a, b] for a in order for b in order})


#: The saliences that weigh 1, and the parts of a `_counted_pairs` item and its position.
_UNIT_WEIGHTS = frozenset({None, 1.0})
_WHO, _WHAT, _HELD = (operator.itemgetter(n) for n in range(3))
_SALIENCE, _SCORE_OF = operator.attrgetter("salience"), operator.attrgetter("stance.score")


def _counted_pairs(
    snap: Snapshot, actors: Sequence[str], issues: Sequence[str]
) -> list[tuple[str, str, Position]]:
    """The counted positions of these actors on these issues, as (actor, issue,
    position), in no particular order: found by one pass over the snapshot when it
    holds fewer pairs than the actors and issues make (a whole roll call: 870k
    against 1.2M look-ups), else by looking each pair up."""
    if len(actors) * len(issues) <= len(snap):
        return [
            (a, i, p)
            for a in actors
            for i in issues
            if (p := snap.get((a, i))) is not None and counted(p) is not None
        ]
    who, what = set(actors), set(issues)
    return [
        (a, i, p) for (a, i), p in snap.items() if a in who and i in what and counted(p) is not None
    ]


def weighs(snap: Snapshot, actors: Iterable[str]) -> bool:
    """Whether any counted position of these actors gives a salience: whether the
    agreement among them is weighted at all."""
    chosen = frozenset(actors)
    return any(
        p.salience is not None and p.actor in chosen and counted(p) is not None
        for _, p in snap.marked()
    )


# --- coalitions --------------------------------------------------------------


def cohesion(
    matrix: Mapping[tuple[str, str], PairScore], members: Sequence[str]
) -> tuple[float | None, float | None, int]:
    """The lowest and the mean agreement over the pairs of `members` with a score,
    and how many pairs those are; (None, None, 0) when no pair has one."""
    scores = [
        score
        for i, x in enumerate(members)
        for y in members[i + 1 :]
        if (score := matrix[(x, y)].score) is not None
    ]
    if not scores:
        return None, None, 0
    return min(scores), sum(scores) / len(scores), len(scores)


def coalitions(
    matrix: Mapping[tuple[str, str], PairScore],
    actors: Sequence[str],
    threshold: float = 0.75,
    min_shared: int = 1,
    count: int | None = None,
) -> tuple[Coalition, ...]:
    """Average-linkage agglomerative clustering of `actors`, cut at `threshold`, or
    at `count` groups when given (then the threshold plays no part).

    Start from singletons; repeatedly merge the two groups with the highest
    linkage (mean agreement over their cross pairs, each weighted by the issues
    it shares) while it is at least `threshold` (or while there are more than
    `count` groups). Two groups merge only when every cross pair shares at least
    `min_shared` scored issues: a member must have stated enough of the same
    issues as each other member to be said to agree with it. Ties go to the pair
    of groups whose first group comes earliest in `actors`, then whose second
    does. Result: larger groups first, then by first member's place in `actors`.
    """
    order = tuple(dict.fromkeys(actors))
    needed = max(1, min_shared)
    # A group is known by its first member's place in `order`: merging keeps
    # the smaller number, so (first, second) ordering is the tie-break order.
    # For each pair of groups: the weighted sum and the weight of its cross pairs,
    # and how many of them share enough issues; a merge adds rows, so the linkage
    # never has to be recomputed from members (Lance-Williams), and a heap finds
    # the best pair.
    members: dict[int, list[int]] = {g: [g] for g in range(len(order))}
    sums: dict[tuple[int, int], tuple[float, int, int]] = {}
    heap: list[tuple[int, int, int, int, int]] = []
    version = [0] * len(order)
    floor = -1.0 if count is not None else threshold - LINKAGE_TOLERANCE
    unscored = (0.0, 0, 0)  # two groups with no cross pair that shares enough

    def push(g: int, h: int) -> None:
        total, weight, enough = sums[g, h]
        if enough < len(members[g]) * len(members[h]):
            return  # some cross pair shares too few issues: these two never merge
        link = total / weight
        if link >= floor:
            # Linkages equal within the tolerance share a key, so the tie-break
            # (the earliest groups) decides between them, not float noise.
            key = -round(link / LINKAGE_TOLERANCE)
            heapq.heappush(heap, (key, g, h, version[g], version[h]))

    for g in range(len(order)):
        for h in range(g + 1, len(order)):
            pair = matrix[(order[g], order[h])]
            if pair.score is not None and pair.shared >= needed:
                sums[g, h] = (pair.score * pair.shared, pair.shared, 1)
                push(g, h)
    while heap and (count is None or len(members) > count):
        _, g, h, vg, vh = heapq.heappop(heap)
        if g not in members or h not in members or (vg, vh) != (version[g], version[h]):
            continue  # a stale entry: one of the groups has changed since
        members[g] = sorted(members[g] + members.pop(h))
        version[g] += 1
        for k in members:
            if k == g:
                continue
            gk, hk = (min(g, k), max(g, k)), (min(h, k), max(h, k))
            if gk not in sums and hk not in sums:
                continue
            old, new = sums.pop(gk, unscored), sums.pop(hk, unscored)
            sums[gk] = (old[0] + new[0], old[1] + new[1], old[2] + new[2])
            push(*gk)
    groups = [[order[m] for m in group] for group in members.values()]
    rank = {actor: i for i, actor in enumerate(order)}
    groups.sort(key=lambda group: (-len(group), rank[group[0]]))
    result = []
    for group in groups:
        lowest, mean, _ = cohesion(matrix, group)
        result.append(Coalition(tuple(group), lowest, mean))
    return tuple(result)


#: A coalition holding at least this share of the parties (and at least
#: SWEEPING_MIN of them) is no split at all: `sweeping` says so.
SWEEPING_SHARE, SWEEPING_MIN = 0.9, 4


def sweeping(groups: Sequence[Coalition], parties: int) -> bool:
    """Whether one coalition holds (nearly) every party: on yes/no votes scored +-1,
    every agreement stays at 0.5 or more, and a threshold below that joins everyone."""
    largest = max((len(c.members) for c in groups), default=0)
    return parties >= SWEEPING_MIN and largest >= SWEEPING_SHARE * parties


# --- deal outlook ------------------------------------------------------------


#: The most parties `deal_outlook` names as blocking one issue: beyond that the
#: issue is divided, not blocked.
MAX_BLOCKERS = 3


def _direction(scores: Iterable[int]) -> Direction:
    values = list(scores)
    if any(v > 0 for v in values):
        return Direction.ADOPT
    if any(v < 0 for v in values):
        return Direction.REJECT
    return Direction.NEITHER


def issue_links(snap: Snapshot, actors: Iterable[str]) -> Mapping[str, tuple[str, ...]]:
    """Each issue -> the issues a conditional stance joins to it: those its conditional
    stances name, and those whose conditional stances name it, in the order first met.
    One pass over the snapshot for every issue (`deal` on 6,000 roll calls)."""
    chosen = frozenset(actors)
    found: dict[str, dict[str, None]] = {}
    for (actor, issue), p in snap.marked():
        if not p.conditions or actor not in chosen:
            continue
        for named in (c.issue for c in p.conditions):
            if named != issue:
                found.setdefault(issue, {})[named] = None
                found.setdefault(named, {})[issue] = None
    return MappingProxyType({issue: tuple(linked) for issue, linked in found.items()})


def deal_outlook(
    snap: Snapshot,
    issue: str,
    actors: Sequence[str],
    links: Mapping[str, tuple[str, ...]] | None = None,  # issue_links, when made already
) -> DealOutlook:
    """Within reach (and which way), blocked by whom, divided, or too few stated.

    Within reach: every stated score within one step of the others (at least two
    stated). Blocked: a few parties (at most MAX_BLOCKERS, and fewer than the
    rest) without whom the rest (at least two) are within one step; the fewest
    such parties, with every alternative of that size (the holders of the
    highest scores, or of the lowest). A blocker holding a red line blocks hard.
    """
    order = tuple(dict.fromkeys(actors))
    held = snap.column(issue).get
    scores = {a: s.score for a in order if (s := counted(held(a))) is not None}
    stated = tuple(scores)
    silent = tuple(itertools.filterfalse(scores.__contains__, order))
    linked = (issue_links(snap, order) if links is None else links).get(issue, ())

    def outlook(
        outcome: Outcome,
        spread: int | None,
        direction: Direction | None = None,
        blocks: tuple[Block, ...] = (),
    ) -> DealOutlook:
        by = {a for b in blocks for a in b.by}
        blockers = tuple(a for a in stated if a in by) if by else ()
        return DealOutlook(
            issue, outcome, spread, stated, blockers, silent, direction, blocks, linked
        )

    if not stated:
        return outlook(Outcome.TOO_FEW, None)
    spread = max(scores.values()) - min(scores.values())
    if len(stated) < 2:
        return outlook(Outcome.TOO_FEW, spread)
    if spread <= 1:
        return outlook(Outcome.WITHIN_REACH, spread, _direction(scores.values()))
    found: dict[tuple[str, ...], Block] = {}
    at = list(scores.values())  # counted by list.count, in C: most issues end here
    for low in range(-2, 2):  # each window of one step: [low, low + 1]
        size = at.count(low) + at.count(low + 1)
        outside = len(stated) - size
        if size < 2 or outside > MAX_BLOCKERS or outside >= size:
            continue
        inside = [a for a in stated if low <= scores[a] <= low + 1]
        within = set(inside)
        by = tuple(a for a in stated if a not in within)
        hard = tuple(a for a in by if (p := held(a)) is not None and p.red_line)
        found.setdefault(by, Block(by, _direction(scores[a] for a in inside), hard))
    if not found:
        return outlook(Outcome.DIVIDED, spread)
    fewest = min(len(by) for by in found)
    blocks = tuple(b for by, b in found.items() if len(by) == fewest)
    ways = {b.direction for b in blocks}
    return outlook(Outcome.BLOCKED, spread, ways.pop() if len(ways) == 1 else None, blocks)


# --- agreement over time --------------------------------------------------------------


def period_of(day: dt.date, by: str) -> str:
    """The period a day falls in: `2025` by year, `2025-08` by month."""
    return f"{day.year:04d}" if by == "year" else f"{day.year:04d}-{day.month:02d}"


def agreement_by_period(
    ds: Dataset | Selection,
    a: str,
    b: str,
    issues: Sequence[str],
    by: str,
    weighted: bool = True,
    as_of: dt.date | None = None,
) -> tuple[tuple[str, PairScore], ...]:
    """Two actors' agreement in each period (`year` or `month`) in which either spoke
    (up to `as_of`): over the issues on which both stated a position dated in that
    period, each actor's last one there (docs/analysis.md). Oldest period first."""
    per: dict[str, dict[tuple[str, str], Position]] = {}
    for actor in (a, b):
        for issue in dict.fromkeys(issues):
            for p in ds.history(actor, issue):  # date order: the last in a period wins
                if as_of is not None and p.date > as_of:
                    break
                per.setdefault(period_of(p.date, by), {})[actor, issue] = p
    return tuple(
        (label, pair_agreement(Snapshot(said), a, b, issues, weighted))
        for label, said in sorted(per.items())
    )


# --- shifts ------------------------------------------------------------------


def shifts(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> tuple[Shift, ...]:
    """Every change of stance between consecutive positions of a history.

    Only positions dated on or before `as_of` count; restating a stance is not
    a shift. Sorted by the new position's date, then actor and issue order in
    the dataset. `actors` / `issues` keep only those ids when given.
    """
    actor_rank = {actor: i for i, actor in enumerate(ds.actors)}
    issue_rank = {issue: i for i, issue in enumerate(ds.issues)}
    keep_actors = None if actors is None else frozenset(actors)
    keep_issues = None if issues is None else frozenset(issues)
    found: list[Shift] = []
    for (actor, issue), history in ds.histories.items():
        if len(history) < 2:  # one position shifts nowhere (a roll call's every pair)
            continue
        if keep_actors is not None and actor not in keep_actors:
            continue
        if keep_issues is not None and issue not in keep_issues:
            continue
        dated = [p for p in history if as_of is None or p.start <= as_of]
        for before, after in itertools.pairwise(dated):
            if before.stance != after.stance:
                found.append(Shift(actor, issue, before, after))
    found.sort(key=lambda s: (s.after.date, actor_rank[s.actor], issue_rank[s.issue]))
    return tuple(found)


# --- landing points (a model estimate) ---------------------------------------


class Placed(NamedTuple):
    """One party on an issue's line: its counted score and its weight."""

    actor: str
    score: int
    weight: float  # capability x salience (each omitted counts 1)
    red_line: bool
    conditional: bool  # a conditional stance, counted because its scenario holds


class Landing(NamedTuple):
    """Where an issue is likely to land: the weighted median of the parties' scores.

    `median` is a score on -2..+2 (halfway between two scores when the weight splits
    exactly in two, and then `pivot` is None); None (and `mean` too) when fewer than
    two parties with weight have a counted stance.
    """

    issue: str
    median: float | None
    pivot: str | None  # the actor whose weight carries the median
    mean: float | None  # the weighted mean, beside it
    placed: tuple[Placed, ...]  # in score order, then the data's actor order
    across: tuple[str, ...]  # parties whose red line the median crosses

    @property
    def pivot_conditional(self) -> bool:
        """Whether the pivot's stance is conditional (counted as its scenario holds)."""
        return any(p.actor == self.pivot and p.conditional for p in self.placed)


def weight_of(capability: float | None, position: Position) -> float:
    """An actor's weight on an issue: capability x salience, each omitted counting 1."""
    return (1.0 if capability is None else capability) * (
        1.0 if position.salience is None else position.salience
    )


def weighted_median(placed: Sequence[Placed]) -> tuple[float | None, str | None]:
    """The score of the pivot, the first party (in score order) with which the weight
    counted so far exceeds half the total; when the weight up to a party is exactly
    half and the next party's score differs, the midpoint of the two, with no pivot."""
    ranked = [p for p in placed if p.weight > 0]
    if not ranked:
        return None, None
    total = sum(p.weight for p in ranked)
    half, tolerance = total / 2, LINKAGE_TOLERANCE * max(1.0, total)
    running = 0.0
    for i, p in enumerate(ranked):
        running += p.weight
        if running > half + tolerance:
            return float(p.score), p.actor
        if running >= half - tolerance and i + 1 < len(ranked):  # exactly half
            following = ranked[i + 1]
            if following.score != p.score:
                return (p.score + following.score) / 2, None
    return float(ranked[-1].score), ranked[-1].actor  # only through float round-off


_SCORE = operator.attrgetter("score")


def crosses(median: float, score: int) -> bool:
    """Whether a landing at `median` gives up a red line held at `score`: it does
    unless it is on the same side (a neutral landing gives up either side)."""
    return median * score <= 0


def landing(
    snap: Snapshot,
    issues: Sequence[str],
    actors: Mapping[str, float | None],
    judged: Iterable[str] | None = None,
) -> tuple[tuple[Landing, ...], Mapping[str, str]]:
    """Each issue's landing, and the scenario the conditional stances were judged in.

    `actors` maps each actor shown to its capability. First every issue's median
    over unconditional stances; an issue whose median is above 0 is taken as
    adopted, below 0 as rejected, at 0 (or with no median) as undecided: that is
    the scenario. Then a conditional stance counts on its issue when every one of
    its conditions holds in that scenario, and the medians are taken again. One
    round, never more: a stance counted in the second round does not move the
    scenario (docs/analysis.md).

    The scenario is judged over `judged` (default: `issues`): a caller that knows
    which issues a condition names gives those, as only they can change a landing.
    """

    conditional: set[str] = set()  # the issues with a conditional stance among the actors
    make = records.shared(Placed)  # a party at the same score and weight placed once

    def place(issue: str, scenario: Mapping[str, str] | None) -> tuple[Placed, ...]:
        found = []
        held = snap.column(issue).get
        for actor, capability in actors.items():
            p = held(actor)
            if p is None:
                continue
            if conditions := p.conditions:
                conditional.add(issue)
                if scenario is None or any(scenario.get(c.issue) != c.outcome for c in conditions):
                    continue
            weight = weight_of(capability, p)
            if weight > 0:  # a party with no weight is not placed
                found.append(make((actor, p.stance.score, weight, p.red_line, bool(conditions))))
        # By score, then in the actors' order: `found` is in it, and sorted is stable.
        return tuple(sorted(found, key=_SCORE))

    def median(placed: Sequence[Placed]) -> tuple[float | None, str | None]:
        # One voice is no bargain: an issue with fewer than two parties placed has no
        # estimate, as `deal` finds too few stated.
        return weighted_median(placed) if len(placed) >= 2 else (None, None)

    judged = issues if judged is None else list(judged)
    unconditional = {issue: place(issue, None) for issue in dict.fromkeys([*issues, *judged])}
    first = {issue: median(unconditional[issue])[0] for issue in dict.fromkeys(judged)}
    scenario = {
        issue: "adopted" if m > 0 else "rejected"
        for issue, m in first.items()
        if m is not None and m != 0
    }
    result = []
    for issue in issues:
        # Only a conditional stance can place differently in the scenario.
        placed = place(issue, scenario) if issue in conditional else unconditional[issue]
        middle, pivot = median(placed)
        total = sum(p.weight for p in placed if p.weight > 0)
        mean = (
            math.fsum(p.score * p.weight for p in placed) / total
            if total and middle is not None
            else None
        )
        if mean is not None and abs(mean) < LINKAGE_TOLERANCE:
            mean = 0.0  # a balance of float weights (0.3 + 0.3 - 0.6) is an even one, not -6e-17
        across = tuple(
            p.actor
            for p in placed
            if p.red_line and middle is not None and crosses(middle, p.score)
        )
        result.append(Landing(issue, middle, pivot, mean, placed, across))
    return tuple(result), MappingProxyType(scenario)
