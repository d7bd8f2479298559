"""One view per command: exactly what the user will see, as plain typed values.

Views are built from the analysis and hold no logic of their own; the
terminal renderer, `--json` and the exporters all read the same view, so a
number in a table and in JSON cannot disagree.
"""

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from positions import analysis, names, progress, records
from positions.analysis import PairScore, Status, Verdict
from positions.errors import LookupFailed, PositionsError
from positions.model import (
    Actor,
    Basis,
    Catalog,
    Dataset,
    Group,
    Issue,
    Position,
    Selection,
    Source,
    Stance,
    said_alike,
)  # fmt: skip

_NO_SOURCES: Mapping[str, Source] = MappingProxyType({})
_FIRST = operator.itemgetter(0)

if TYPE_CHECKING:
    from positions import changed, traded


class Cell(NamedTuple):
    """One actor's position in force on one issue; `position` None when unstated, or
    when the actor is not a party on the view's date (`party`)."""

    actor: Actor
    position: Position | None
    source: Source | None
    party: bool = True
    # The position's conditions, each as (the issue it names, `adopted` or `rejected`).
    conditions: tuple[tuple[Issue, str], ...] = ()

    @property
    def stance(self) -> Stance | None:
        """The stance stated, conditional or not: what a table shows."""
        return None if self.position is None else self.position.stance

    @property
    def counted(self) -> Stance | None:
        """The stance the analysis counts: none for a conditional one."""
        return analysis.counted(self.position)


#: Cell(actor, position, source, party, conditions), all five given (`records.maker`).
new_cell = records.maker(Cell)


class Sides(NamedTuple):
    """Actor ids on each side of an issue, each list sorted."""

    support: tuple[str, ...]
    oppose: tuple[str, ...]
    neutral: tuple[str, ...]
    unstated: tuple[str, ...]
    conditional: tuple[str, ...] = ()  # a stance that holds only if another issue is decided
    not_party: tuple[str, ...] = ()  # outside its active window

    def labelled(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(label, ids) for each side, in the order every report lists them; the last
        two only when they have someone."""
        return tuple(
            (side.replace("_", " ").capitalize(), ids)
            for side, ids in self._asdict().items()
            if ids or side not in ("conditional", "not_party")
        )


def names_in_order(actors: Sequence[Actor], ids: Sequence[str]) -> list[str]:
    """Names of the actors in `ids`, in the order of `actors` (the data file's)."""
    wanted = set(ids)
    return [a.name for a in actors if a.id in wanted]


class IssueRow(NamedTuple):
    issue: Issue
    status: Status
    stated: int


class IssuesView(NamedTuple):
    title: str
    as_of: dt.date | None
    actor_count: int  # the parties on the day: who could have stated
    rows: tuple[IssueRow, ...]
    not_party: tuple[Actor, ...] = ()  # the actors that are not, on the day


class ActorRow(NamedTuple):
    actor: Actor
    stated: int


class ActorsView(NamedTuple):
    title: str
    as_of: dt.date | None
    issue_count: int
    rows: tuple[ActorRow, ...]
    groups: tuple[Group, ...] = ()


class ShowView(NamedTuple):
    title: str
    as_of: dt.date | None
    issue: Issue
    status: Status
    cells: tuple[Cell, ...]
    sides: Sides
    sources: Mapping[str, Source] = _NO_SOURCES  # every source, for a position's evidence


class DiffRow(NamedTuple):
    issue: Issue
    a: Position | None
    b: Position | None
    verdict: Verdict


#: DiffRow(issue, a, b, verdict), all four given (`records.maker`): 6,000 on a roll call.
new_diff_row = records.maker(DiffRow)


class DiffView(NamedTuple):
    title: str
    as_of: dt.date | None
    a: Actor
    b: Actor
    agreement: PairScore
    counts: dict[Verdict, int]
    rows: tuple[DiffRow, ...]
    parties: tuple[bool, bool] = (True, True)  # whether a and b are parties on the date
    weighted: bool = False  # whether salience weighs the agreement (docs/analysis.md)
    by: str | None = None  # `--by year|month`: the agreement in each period
    periods: tuple[tuple[str, PairScore], ...] = ()


class CompareRow(NamedTuple):
    issue: Issue
    status: Status
    cells: tuple[Cell, ...]
    sides: Sides


class CompareView(NamedTuple):
    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    rows: tuple[CompareRow, ...]
    actors_subset: bool = False  # statuses count only the actors shown
    sort: str = "file"  # the order of the rows: one of COMPARE_SORTS
    left_out: int = 0  # issues chosen but past --top, so not in `rows`
    top: int | None = None  # --top


class GroupCohesion(NamedTuple):
    """How closely a group's members agree: the lowest and the mean agreement over
    the pairs of its members (shown) that share a stated issue."""

    group: Group
    members: tuple[str, ...]  # its members among the actors shown
    lowest: float | None
    mean: float | None
    pairs: int  # the pairs of members with a score


class AlignmentView(NamedTuple):
    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    matrix: dict[tuple[str, str], PairScore]
    threshold: float
    coalitions: tuple[analysis.Coalition, ...]
    # Every pair of different actors with a score, closest first (ties in actor order):
    # what a terminal shows instead of a matrix too large to read.
    ranked: tuple[tuple[str, str, PairScore], ...] = ()
    groups: tuple[GroupCohesion, ...] = ()  # each group of the file with a member shown
    weighted: bool = False  # whether salience weighs the agreement
    min_shared: int = 1  # the fewest shared issues a ranked pair or two members have
    wanted: int | None = None  # the number of coalitions asked for, else cut at threshold
    sweeping: bool = False  # one coalition holds (nearly) every party: no split
    focus: Actor | None = None  # `alignment ACTOR`: that actor's partners
    partners: tuple["Partner", ...] = ()  # closest first, with the issues behind each
    unranked: int = 0  # pairs with a score left out for sharing fewer than min_shared
    partners_min_shared: int = 1  # the same floor for the focus actor's partners
    unlisted: tuple[Actor, ...] = ()  # partners with a score that share fewer
    # --sort: the order of `listed` and `partners` (ALIGNMENT_SORTS); None: not asked
    # (closest first), and a terminal shows the matrix rather than a list of pairs.
    sort: str | None = None
    top: int | None = None  # --top: how many pairs (or partners) were asked for
    listed: tuple[tuple[str, str, PairScore], ...] = ()  # `ranked` in `sort`'s order, cut
    left_out: int = 0  # ranked pairs past --top
    partners_left_out: int = 0  # partners past --top


class Partner(NamedTuple):
    """One partner of the actor in focus: their agreement and the issues behind it."""

    actor: Actor
    score: PairScore
    agree: tuple[Issue, ...]
    partial: tuple[Issue, ...]
    clash: tuple[Issue, ...]


class HistoryEntry(NamedTuple):
    actor: Actor
    issue: Issue
    position: Position
    source: Source
    previous: Stance | None  # the stance it replaced, None for the first one
    shift: bool  # True when the stance differs from the previous one
    conditions: tuple[tuple[Issue, str], ...] = ()  # as Cell.conditions
    before: Position | None = None  # the position it replaced, marks and all


class HistoryView(NamedTuple):
    title: str
    as_of: dt.date | None
    entries: tuple[HistoryEntry, ...]
    shifts: int
    sources: Mapping[str, Source] = _NO_SOURCES


class DealRow(NamedTuple):
    issue: Issue
    outlook: analysis.DealOutlook
    cells: tuple[Cell, ...]


class DealView(NamedTuple):
    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    rows: tuple[DealRow, ...]
    # Every issue's title, for the linked issues --issues leaves out.
    titles: Mapping[str, str] = MappingProxyType({})


# --- builders -----------------------------------------------------------------


def score_text(pair: PairScore) -> str:
    """An agreement score as every table shows it: two decimals, or n/a."""
    return "n/a" if pair.score is None else f"{pair.score:.2f}"


def _cells(
    ds: Catalog,
    snap: analysis.Snapshot,
    issue: str,
    actors: Sequence[str],
    as_of: dt.date | None = None,
) -> tuple[Cell, ...]:
    return _row_cells(ds, snap, issue, _unstated(ds, actors, as_of))


def _unstated(
    ds: Catalog, actors: Sequence[str], as_of: dt.date | None
) -> list[tuple[str, Actor, Cell]]:
    """Each actor with the cell it has on an issue it has not stated: made once for a
    view of many issues (a roll call's compare: 6,000 rows of 200 actors)."""
    found = []
    for actor in actors:
        who = ds.actors[actor]
        found.append((actor, who, Cell(who, None, None, who.party_on(as_of))))
    return found


def _row_cells(
    ds: Catalog, snap: analysis.Snapshot, issue: str, unstated: list[tuple[str, Actor, Cell]]
) -> tuple[Cell, ...]:
    cells = []
    get, sources = snap.column(issue).get, ds.sources
    for actor, who, empty in unstated:
        position = get(actor)
        if position is None:
            cells.append(empty)
            continue
        conditions = _conditions(ds, position) if position.conditions else ()
        cells.append(new_cell((who, position, sources[position.source], True, conditions)))
    return tuple(cells)


def two_actors(a: str, b: str) -> None:
    """`diff` compares two actors: two names of one are a failed look-up."""
    if a == b:
        raise LookupFailed(f"both names are actor '{a}'; give two different actors")


def tagged(ds: Catalog, tags: Sequence[str]) -> set[str]:
    """The issues with one of `tags` (`--tag`, at least one), in any case: a tag is a
    lower-case slug. None is a look-up that failed, said with the tags there are."""
    chosen = {t.lower() for t in tags}
    found = {i for i, issue in ds.issues.items() if not chosen.isdisjoint(issue.tags)}
    if not found:
        known = ", ".join(tags_in(ds)) or "none (tags are written on issues, in format 2 YAML)"
        typed = names.one_of(tags)
        raise LookupFailed(f"no issue has the tag {typed}; the tags in the data: {known}")
    return found


def tags_in(ds: Catalog) -> list[str]:
    """Every tag of the data's issues, sorted: what `--tag` can take."""
    return sorted({t for issue in ds.issues.values() for t in issue.tags})


def issue_named(issues: Mapping[str, Issue], issue: str) -> Issue:
    """The issue a condition names; one the data does not hold (--tag left it out) is
    named by its id."""
    return issues.get(issue) or Issue(issue, issue, "")


def _conditions(ds: Catalog, position: Position) -> tuple[tuple[Issue, str], ...]:
    """A position's conditions with the issues they name (`issue_named`)."""
    return tuple((issue_named(ds.issues, c.issue), c.outcome) for c in position.conditions)


class Attribution(NamedTuple):
    """Who said a position's words and where, one per evidence item (items said alike,
    with the same speaker, source, link and date, once); the date only when it is
    not the position's own."""

    speaker: str | None
    source: str  # the source's name (its id when the view does not hold it)
    url: str | None  # the item's own article, else the source's site
    date: dt.date | None


def attributions(cell: Cell, sources: Mapping[str, Source]) -> tuple[Attribution, ...]:
    p = cell.position
    assert p is not None
    found = []
    for n, e in enumerate(p.evidence):
        if said_alike(e, p.evidence[n + 1 : n + 2]):
            continue
        source = sources.get(e.source) or (cell.source if n == 0 else None)
        name = e.source if source is None else source.name
        url = e.url or (None if source is None else source.url)
        date = e.date if e.date is not None and e.date != p.date else None
        found.append(Attribution(e.speaker, name, url, date))
    return tuple(found)


def _sides(cells: Sequence[Cell]) -> Sides:
    support: list[str] = []
    oppose: list[str] = []
    neutral: list[str] = []
    unstated: list[str] = []
    conditional: list[str] = []
    not_party: list[str] = []
    counted = analysis.counted
    for cell in cells:  # a roll call's compare: 1.2 million cells
        position = cell.position
        if not cell.party:
            not_party.append(cell.actor.id)
        elif position is None:
            unstated.append(cell.actor.id)
        elif (stance := counted(position)) is None:  # cell.counted, without the property
            conditional.append(cell.actor.id)
        elif stance.score > 0:
            support.append(cell.actor.id)
        elif stance.score < 0:
            oppose.append(cell.actor.id)
        else:
            neutral.append(cell.actor.id)
    sides = support, oppose, neutral, unstated, conditional, not_party
    return Sides(*(tuple(sorted(ids)) for ids in sides))


def _status(sides: Sides) -> Status:
    return analysis.status_of(len(sides.support), len(sides.oppose), len(sides.neutral))


def issues_view(ds: Dataset, as_of: dt.date | None = None) -> IssuesView:
    snap = analysis.snapshot(ds, as_of)
    rows = []
    for issue in ds.issues.values():
        cells = _cells(ds, snap, issue.id, list(ds.actors), as_of)
        stated = sum(1 for c in cells if c.position is not None)
        rows.append(IssueRow(issue, _status(_sides(cells)), stated))
    absent = tuple(a for a in ds.actors.values() if not a.party_on(as_of))
    return IssuesView(ds.title, as_of, len(ds.actors) - len(absent), tuple(rows), absent)


def actors_view(ds: Dataset, as_of: dt.date | None = None) -> ActorsView:
    snap = analysis.snapshot(ds, as_of)
    stated = dict.fromkeys(ds.actors, 0)
    for actor, _issue in snap:
        stated[actor] += 1
    rows = tuple(ActorRow(a, stated[a.id]) for a in ds.actors.values())
    return ActorsView(ds.title, as_of, len(ds.issues), rows, tuple(ds.groups.values()))


def show_view(
    ds: Dataset | Selection,
    issue: str,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
) -> ShowView:
    chosen = list(ds.actors) if actors is None else list(actors)
    snap = analysis.snapshot(ds, as_of, chosen, [issue])
    cells = _cells(ds, snap, issue, chosen, as_of)
    sides = _sides(cells)
    return ShowView(ds.title, as_of, ds.issues[issue], _status(sides), cells, sides, ds.sources)


def diff_view(
    ds: Dataset | Selection,
    a: str,
    b: str,
    as_of: dt.date | None = None,
    issues: Sequence[str] | None = None,
    weighted: bool = True,
    by: str | None = None,
) -> DiffView:
    chosen = list(ds.issues) if issues is None else list(issues)
    snap = analysis.snapshot(ds, as_of, actors=[a, b], issues=chosen)
    rows = []
    verdict, counted, titled = analysis.verdict, analysis.counted, ds.issues
    for issue in chosen:
        pa, pb = snap.get((a, issue)), snap.get((b, issue))
        rows.append(new_diff_row((titled[issue], pa, pb, verdict(counted(pa), counted(pb)))))
    found = [row.verdict for row in rows]  # counted by identity: an enum's hash is Python's
    counts = {v: found.count(v) for v in Verdict}
    agreement = analysis.pair_agreement(snap, a, b, chosen, weighted)
    who = ds.actors[a], ds.actors[b]
    parties = (who[0].party_on(as_of), who[1].party_on(as_of))
    weighs = weighted and analysis.weighs(snap, [a, b])
    periods = (
        () if by is None
        else analysis.agreement_by_period(ds, a, b, chosen, by, weighted, as_of)
    )  # fmt: skip
    return DiffView(
        ds.title, as_of, *who, agreement, counts, tuple(rows), parties, weighs, by, periods
    )


#: The orders `compare --sort` offers, each as (name, what it puts first): rows in the
#: data's order among ties.
COMPARE_SORTS = {
    "file": "in the data's order",
    "divided": "the most divided first",
    "stated": "the most stated first",
    "recent": "the latest position in force first",
}


def compare_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    snap: analysis.Snapshot | None = None,  # the snapshot at as_of, when made already
    sort: str = "file",
    top: int | None = None,
) -> CompareView:
    """Every chosen issue against every chosen actor, in `sort`'s order (COMPARE_SORTS),
    the first `top` only when given."""
    snap = analysis.snapshot(ds, as_of) if snap is None else snap
    chosen_actors = list(ds.actors) if actors is None else list(actors)
    chosen_issues = list(ds.issues) if issues is None else list(issues)
    rows = []
    unstated = _unstated(ds, chosen_actors, as_of)
    for issue in chosen_issues:
        rows.append(_compare_row(ds, snap, issue, unstated))
    if sort != "file":
        order = _ROW_ORDER[sort]  # checked before
        rows.sort(key=lambda row: order(row, as_of))  # stable: the data's order among ties
    shown = tuple(ds.actors[a] for a in chosen_actors)
    subset = set(chosen_actors) != set(ds.actors)
    kept = rows if top is None else rows[:top]
    kept_out = len(rows) - len(kept)
    return CompareView(ds.title, as_of, shown, tuple(kept), subset, sort, kept_out, top)


def _compare_row(
    ds: Dataset, snap: analysis.Snapshot, issue: str, unstated: list[tuple[str, Actor, Cell]]
) -> CompareRow:
    """One issue's row of the comparison: its cells, status and sides."""
    cells = _row_cells(ds, snap, issue, unstated)
    sides = _sides(cells)
    return CompareRow(ds.issues[issue], _status(sides), cells, sides)


def divided_key(row: CompareRow) -> tuple[int, int]:
    """Most divided first: the smaller side largest, then the most on either side
    (`compare --sort divided`, and the issues a summary report draws)."""
    support, oppose = len(row.sides.support), len(row.sides.oppose)
    return -min(support, oppose), -(support + oppose)


def _divided(row: CompareRow, as_of: dt.date | None) -> tuple[int, int]:
    return divided_key(row)


def _stated(row: CompareRow, as_of: dt.date | None) -> int:
    return -sum(c.position is not None for c in row.cells)


def _recent(row: CompareRow, as_of: dt.date | None) -> int:
    """Latest first: the newest position in force in the row (a row of none last),
    each by the day it holds from on the view's date (`in_force_since`)."""
    days = [
        in_force_since(c.position, as_of).toordinal() for c in row.cells if c.position is not None
    ]
    return -max(days, default=0)


def in_force_since(position: Position, as_of: dt.date | None) -> dt.date:
    """The day a position in force on `as_of` holds from: its date, or, when it was
    recorded after `as_of` and holds from earlier (`held_since`), that day."""
    if as_of is None or position.date <= as_of or position.held_since is None:
        return position.date
    return position.held_since


_ROW_ORDER: dict[str, Callable[[CompareRow, dt.date | None], Any]] = {
    "divided": _divided,
    "stated": _stated,
    "recent": _recent,
}


def _scored_pairs(
    matrix: Mapping[tuple[str, str], PairScore], ids: Sequence[str]
) -> list[tuple[str, str, PairScore]]:
    """Every pair of different actors with a score, in the order of `ids`."""
    return [
        (a, b, matrix[a, b])
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if matrix[a, b].score is not None
    ]


#: The most actors whose every pair a view compares at once. The pairs grow as
#: the square: 500 actors make 124,750 pairs and cost `alignment --json` about
#: 0.3 GB; 2,500 (a 0.5 MB file) would take over 7 GB. Refused up front instead.
MAX_PAIRWISE_ACTORS = 500


def _pairwise(actors: Sequence[str], what: str, narrow: str) -> None:
    """Refuse, with what to do instead, a view over more actors than it can pair."""
    n = len(set(actors))
    if n > MAX_PAIRWISE_ACTORS:
        limit = MAX_PAIRWISE_ACTORS
        raise PositionsError(
            f"{what} compares every pair of actors: {n:,} actors make {n * (n - 1) // 2:,} "
            f"pairs; it compares at most {limit:,} actors ({limit * (limit - 1) // 2:,} "
            f"pairs) at once, to stay within memory; {narrow}"
        )


#: Pairs sharing fewer issues are ranked, or joined in a coalition, only when no
#: pair shares this many (or when --min-shared says so).
MIN_SHARED = 2


def fewest_shared(pairs: Iterable[PairScore], asked: int | None) -> int:
    """The fewest shared issues a pair needs to be ranked or joined: `asked` when
    given; else MIN_SHARED when any of `pairs` shares that many (a pair sharing one
    issue says little about alignment), else 1."""
    if asked is not None:
        return asked
    return MIN_SHARED if any(p.shared >= MIN_SHARED for p in pairs) else 1


def alignment_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    threshold: float = 0.75,
    weighted: bool = True,
    min_shared: int | None = None,
    count: int | None = None,
    focus: str | None = None,
    sort: str | None = None,
    top: int | None = None,
) -> AlignmentView:
    """The agreement matrix, ranked pairs, coalitions and groups; with `focus`, that
    actor's partners too. Pairs sharing fewer issues than `fewest_shared` asks are
    neither ranked nor put in one coalition. `listed` and the partners are in `sort`'s
    order (ALIGNMENT_SORTS), the first `top` only when given."""
    order = PAIR_ORDER["closest" if sort is None else sort]  # the CLI and the API check it
    snap = analysis.snapshot(ds, as_of)
    chosen_actors = list(ds.actors) if actors is None else list(actors)
    if focus is not None and focus not in chosen_actors:
        chosen_actors.insert(0, focus)
    chosen_issues = list(ds.issues) if issues is None else list(issues)
    _pairwise(chosen_actors, "alignment", "choose some with --actors (a region, a group)")
    matrix = dict(analysis.agreement_matrix(snap, chosen_actors, chosen_issues, weighted))
    # Coalitions and group cohesion are of the parties on the date only.
    parties = [a for a in chosen_actors if ds.actors[a].party_on(as_of)]
    scored = _scored_pairs(matrix, chosen_actors)
    floor = fewest_shared((t[2] for t in scored), min_shared)
    groups = analysis.coalitions(matrix, parties, threshold, floor, count)
    ranked = sorted((t for t in scored if t[2].shared >= floor), key=lambda t: _closest(t[2]))
    ordered = ranked if sort in (None, "closest") else sorted(ranked, key=lambda t: order(t[2]))
    listed = ordered if top is None else ordered[:top]
    shown = tuple(ds.actors[a] for a in chosen_actors)
    cohesion = _cohesions(matrix, ds.groups.values(), parties)
    partners: tuple[Partner, ...] = ()
    unlisted: tuple[Actor, ...] = ()
    partner_floor = 1
    partners_left_out = 0
    if focus is not None:
        others = [a for a in chosen_actors if a != focus and matrix[focus, a].score is not None]
        partner_floor = fewest_shared((matrix[focus, a] for a in others), min_shared)
        ranked_others = sorted(
            (a for a in others if matrix[focus, a].shared >= partner_floor),
            key=lambda a: order(matrix[focus, a]),
        )
        kept = ranked_others if top is None else ranked_others[:top]
        partners_left_out = len(ranked_others) - len(kept)
        partners = _partners(ds, snap, matrix, focus, kept, chosen_issues)
        unlisted = tuple(ds.actors[a] for a in others if matrix[focus, a].shared < partner_floor)
    return AlignmentView(
        ds.title, as_of, shown, matrix, threshold, groups, tuple(ranked),
        tuple(c for c in cohesion if c.members),
        weighted=weighted and analysis.weighs(snap, chosen_actors),
        min_shared=floor,
        wanted=count,
        sweeping=count is None and analysis.sweeping(groups, len(parties)),
        focus=None if focus is None else ds.actors[focus],
        partners=partners,
        unranked=len(scored) - len(ranked),
        partners_min_shared=partner_floor,
        unlisted=unlisted,
        sort=sort,
        top=top,
        listed=tuple(listed),
        left_out=len(ranked) - len(listed),
        partners_left_out=partners_left_out,
    )  # fmt: skip


#: The orders `alignment --sort` offers, each as (name, what it puts first).
ALIGNMENT_SORTS = {
    "closest": "closest first",
    "distant": "most distant first",
    "shared": "most shared issues first",
}


def _closest(pair: PairScore) -> tuple[float, int]:
    """Closest first; among equal scores, the pair with more shared issues."""
    return -(pair.score or 0.0), -pair.shared


#: Each order's key for a pair's score; a stable sort keeps the actors' order among ties.
PAIR_ORDER: dict[str, Callable[[PairScore], Any]] = {
    "closest": _closest,
    "distant": lambda pair: (pair.score or 0.0, -pair.shared),
    "shared": lambda pair: (-pair.shared, -(pair.score or 0.0)),
}


def _partners(
    ds: Dataset,
    snap: analysis.Snapshot,
    matrix: Mapping[tuple[str, str], PairScore],
    focus: str,
    partners: Sequence[str],
    issues: Sequence[str],
) -> tuple[Partner, ...]:
    """The focus actor's `partners`, in their order, each with the issues behind it."""
    found = []
    for other in partners:
        pair = matrix[focus, other]
        by: dict[Verdict, list[Issue]] = {v: [] for v in Verdict}
        for issue in issues:
            v = analysis.verdict(
                analysis.stance_of(snap, focus, issue), analysis.stance_of(snap, other, issue)
            )
            by[v].append(ds.issues[issue])
        agree, partial, clash = (
            tuple(by[v]) for v in (Verdict.AGREE, Verdict.PARTIAL, Verdict.CONFLICT)
        )
        found.append(Partner(ds.actors[other], pair, agree, partial, clash))
    return tuple(found)


def _cohesions(
    matrix: Mapping[tuple[str, str], PairScore], groups: Iterable[Group], shown: Sequence[str]
) -> tuple[GroupCohesion, ...]:
    """Each group's cohesion over its members shown; groups with the same members shown
    share one computation (a file may nest one large group in many)."""
    done: dict[tuple[str, ...], tuple[float | None, float | None, int]] = {}
    result = []
    for group in groups:
        inside = frozenset(group.members)
        members = tuple(a for a in shown if a in inside)
        if members not in done:
            done[members] = analysis.cohesion(matrix, members)
        result.append(GroupCohesion(group, members, *done[members]))
    return tuple(result)


def history_view(
    ds: Dataset | Selection,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> HistoryView:
    keep_actors = ds.actor_ids if actors is None else actors
    keep_issues = ds.issue_ids if issues is None else issues
    entries = []
    shifts = 0
    for actor in keep_actors:
        for issue in keep_issues:
            history = ds.history(actor, issue)
            if not history:
                continue
            who, what = ds.actors[actor], ds.issues[issue]
            before: Position | None = None
            for position in history:
                if as_of is not None and position.start > as_of:
                    continue
                previous = None if before is None else before.stance
                shift = previous is not None and previous != position.stance
                shifts += shift
                source = ds.sources[position.source]
                conditions = _conditions(ds, position)
                entries.append(
                    HistoryEntry(who, what, position, source, previous, shift, conditions, before)
                )
                before = position
    return HistoryView(ds.title, as_of, tuple(entries), shifts, ds.sources)


def deal_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    snap: analysis.Snapshot | None = None,  # the snapshot at as_of, when made already
    cells: Mapping[str, tuple[Cell, ...]] | None = None,  # issue -> its cells, made already
) -> DealView:
    snap = analysis.snapshot(ds, as_of) if snap is None else snap
    chosen_actors = list(ds.actors) if actors is None else list(actors)
    chosen_issues = list(ds.issues) if issues is None else list(issues)
    # An actor that is not a party on the date is neither stated nor silent.
    parties = [a for a in chosen_actors if ds.actors[a].party_on(as_of)]
    links = analysis.issue_links(snap, parties)
    unstated = _unstated(ds, chosen_actors, as_of) if cells is None else []
    rows = tuple(
        DealRow(
            ds.issues[issue],
            analysis.deal_outlook(snap, issue, parties, links),
            _row_cells(ds, snap, issue, unstated) if cells is None else cells[issue],
        )
        for issue in chosen_issues
    )
    return DealView(
        ds.title, as_of, tuple(ds.actors[a] for a in chosen_actors), rows,
        MappingProxyType({i.id: i.title for i in ds.issues.values()}),
    )  # fmt: skip


class ReportRows(Sequence[CompareRow]):
    """A report's rows, one per chosen issue, each made when it is read and not kept.

    An export reads each row once or twice, in order, and writes it as it goes;
    holding every row (each actor's cell on each issue: 100,000 for 100 actors x
    1,000 issues) would cost more than the text they become. A row is exactly
    the one `compare_view` makes for its issue (both make it by `_compare_row`).
    """

    def __init__(
        self,
        ds: Dataset,
        snap: analysis.Snapshot,
        as_of: dt.date | None,
        actors: Sequence[str] | None,
        issues: Sequence[str],
    ) -> None:
        self._ds, self._snap = ds, snap
        # Each actor's unstated cell, made once for every row (`compare_view` too).
        self._unstated = _unstated(ds, list(ds.actors) if actors is None else actors, as_of)
        self._issues = tuple(issues)
        self.made = 0  # rows made so far, every read counted: an export's progress

    def _row(self, issue: str) -> CompareRow:
        row = _compare_row(self._ds, self._snap, issue, self._unstated)
        self.made += 1
        progress.advance(self.made)
        return row

    def __len__(self) -> int:
        return len(self._issues)

    @overload
    def __getitem__(self, index: int) -> CompareRow: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[CompareRow, ...]: ...
    def __getitem__(self, index: int | slice) -> CompareRow | tuple[CompareRow, ...]:
        if isinstance(index, slice):
            return tuple(self._row(issue) for issue in self._issues[index])
        return self._row(self._issues[index])

    def __iter__(self) -> Iterator[CompareRow]:
        for issue in self._issues:
            yield self._row(issue)


#: Past this many cells (actors x issues) a report with its briefing (the HTML page, the
#: Markdown memo) is a summary: each issue's counts, the most divided issues, and no
#: table of every stance and position (a roll call's 1.2 million cells would make a
#: page of 500 MB that no browser paints, and a memo nobody reads).
SUMMARY_CELLS = 20_000
#: The issues a summary shows one by one: the most divided.
SUMMARY_ISSUES = 100


def summarised(view: "ReportView") -> bool:
    """Whether the page or memo of `view` is a summary (SUMMARY_CELLS)."""
    return view.briefing is not None and len(view.actors) * len(view.rows) > SUMMARY_CELLS


def summary_reads(view: "ReportView") -> int:
    """How many rows a page or memo of `view` makes, every read counted (its progress):
    a summary reads each row for its counts and the most divided again."""
    if summarised(view):
        return len(view.rows) + min(SUMMARY_ISSUES, len(view.rows))
    return 2 * len(view.rows)


#: A summary's table: each issue, its status, and how many actors are on each side.
SUMMARY_COLUMNS = (
    "Issue", "Status", "Support", "Oppose", "Neutral", "Unstated", "Conditional", "Not a party",
)  # fmt: skip


def summary_counts(row: CompareRow) -> tuple[str, ...]:
    """A summary row's counts, in SUMMARY_COLUMNS' order after the issue and status."""
    s = row.sides
    counts = (s.support, s.oppose, s.neutral, s.unstated, s.conditional, s.not_party)
    return tuple(f"{len(c):,}" for c in counts)


def most_divided(keys: Iterable[tuple[tuple[int, int], int]]) -> list[int]:
    """The places of the SUMMARY_ISSUES most divided rows, given each row's
    `divided_key` and place; the data's order among ties."""
    return [n for _, n in sorted(keys)[:SUMMARY_ISSUES]]


class Briefing(NamedTuple):
    """What the HTML report and its pictures show beyond the comparison, over the
    report's actors and issues: the brief, the coalitions the heat map outlines,
    each issue's likely landing and every shift of stance, oldest first."""

    brief: "BriefView | None"  # None for one picture, which needs no brief (`chart`)
    coalitions: tuple[analysis.Coalition, ...]
    landings: Mapping[str, analysis.Landing]
    shifts: tuple[analysis.Shift, ...]
    tags: tuple[str, ...] = ()  # every tag of the chosen issues, sorted: the page's filter
    groups: tuple[Group, ...] = ()  # the data's groups, for the page's filter of actors
    changes: "changed.ChangesView | None" = None  # what changed since --since, if given
    # The data's dates up to the view's, and the comparison in force on each: what the
    # page's date switch shows (none past AS_OF_DATES dates or AS_OF_CELLS cells).
    dates: tuple[dt.date, ...] = ()
    compared: tuple["CompareView", ...] = ()
    titles: Mapping[str, str] = MappingProxyType({})  # every issue's title, by id
    # Each date's landings, as `landing --as-of DATE` finds them (the last: `landings`).
    landed: tuple[Mapping[str, analysis.Landing], ...] = ()
    date_count: int = 0  # the data's dates up to the view's, carried or not
    # Each earlier date's agreement matrix and coalitions (the last date's are the
    # view's): none past AS_OF_PAIRS pairs over all the dates.
    agreements: tuple[
        tuple[dict[tuple[str, str], PairScore], tuple[analysis.Coalition, ...]], ...
    ] = ()
    briefs: tuple["BriefView", ...] = ()  # each earlier date's brief (the last: `brief`)
    dated_issues: bool = False  # whether each issue is drawn on each date it changes on


#: The most dates, and the most cells over all of them, for which a report carries the
#: comparison of each date (the page's date switch): the default data has 2 x 40; and
#: the most pairs of actors over all of them for which it carries each date's agreement.
AS_OF_DATES = 60
AS_OF_CELLS = 200_000
AS_OF_PAIRS = 40_000
#: Beyond the table, each issue's line and positions on each date they change on while
#: that writes at most AS_OF_ROWS positions again (`repeated_positions`); each date's
#: brief while dates x cells are at most AS_OF_BRIEFS. Past them those parts stay at
#: the last date and the page says so: a page of 40 actors, 80 issues and 60 dates
#: carrying all would be 59 MB.
AS_OF_ROWS = 2_000
AS_OF_BRIEFS = 20_000


class ReportView(NamedTuple):
    """The whole comparison, for `export`: every chosen issue x actor (`rows`, made
    as they are read), and the pair agreement matrix over the chosen issues; for
    the HTML page and its pictures, the `briefing` too."""

    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    rows: Sequence[CompareRow]
    matrix: dict[tuple[str, str], PairScore]
    latest: dt.date | None = None  # the newest position shown: what the report is current to
    sources: Mapping[str, Source] = _NO_SOURCES
    weighted: bool = False  # whether salience weighs the agreement matrix
    briefing: Briefing | None = None
    note: str | None = None  # the cover's note (`export --note`), under the title

    def agreement_note(self, table: bool = True) -> str:
        """How the matrix is computed, as every format that shows it says it; `table`:
        shown as a table, with each pair's number of issues in brackets."""
        formula = (
            "1 − Σ w·|a − b| / (4 Σ w), w the mean of the pair's saliences on the issue,"
            if self.weighted
            else "1 − mean(|a − b|) / 4"
        )
        counted = " (their number in brackets)" if table else ""
        return (
            f"Agreement = {formula} over the issues both have stated{counted}: 1 means "
            "identical stances, 0 opposite extremes, n/a no issue in common."
        )

    def current_to(self) -> tuple[str, dt.date | None]:
        """What the report is current to, as every format says it: `{}` is its date."""
        if self.as_of is not None:
            return "Positions in force on {}.", self.as_of
        if self.latest is not None:
            return (
                "The latest recorded position of each actor on each issue (the newest dated {}).",
                self.latest,
            )
        return "No position is recorded yet.", None


def report_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    pairs: bool = True,
    weighted: bool = True,
    briefing: bool = False,
    chart: str | None = None,
    title: str | None = None,
    note: str | None = None,
    since: dt.date | None = None,
) -> ReportView:
    """The comparison for an export; without `pairs` (CSV, which shows none) the
    agreement matrix is left empty, and any number of actors is fine. The rows are
    made as they are read (`ReportRows`). With `briefing` (the HTML page, a picture),
    the brief, coalitions, landings and shifts of the same actors and issues. `title`
    and `note` are the cover's (`export --title`, `--note`): the data's title else.
    `since`: the briefing says what changed from that day to `as_of` (or the end).
    `chart` (alignment, timeline, issue:ID): a briefing of only what that picture draws."""
    snap = analysis.snapshot(ds, as_of)
    compared = compare_view(ds, as_of, actors, [], snap)  # the title and the actors, no rows
    ids = [a.id for a in compared.actors]
    chosen = list(ds.issues) if issues is None else list(issues)
    matrix: dict[tuple[str, str], PairScore] = {}
    if pairs:
        _pairwise(ids, "export", "choose some with --actors, or export CSV, which has no pairs")
        matrix = dict(analysis.agreement_matrix(snap, ids, chosen, weighted))
    # The positions the rows' cells hold: each chosen actor's in force on each chosen issue.
    dates = (p.date for i in chosen for a in ids if (p := snap.get((a, i))) is not None)
    latest = max(dates, default=None)
    rows = ReportRows(ds, snap, as_of, actors, chosen)
    briefed = (
        _briefing(ds, as_of, ids, issues, weighted, since, chart) if briefing and pairs else None
    )
    return ReportView(
        compared.title if title is None else title, as_of, compared.actors, rows, matrix,
        latest, ds.sources, bool(matrix) and weighted and analysis.weighs(snap, ids), briefed,
        note,
    )  # fmt: skip


def _briefing(
    ds: Dataset,
    as_of: dt.date | None,
    actors: list[str],
    issues: Sequence[str] | None,
    weighted: bool,
    since: dt.date | None = None,
    chart: str | None = None,
) -> Briefing:
    """The report's `Briefing`: each part as its own command finds it (`brief`,
    `alignment`, `landing`, `history`), over the report's actors and issues.

    The landings are the data's, of the chosen issues: a conditional stance counts
    by the scenario judged over every issue, so that narrowing the report (--issues,
    one issue's picture) never moves a landing (docs/analysis.md)."""
    from positions import changed  # it builds on this module's views

    scope = ds if issues is None else ds.with_issues(issues)
    titles = MappingProxyType({i.id: i.title for i in ds.issues.values()})
    if chart == "alignment":  # one picture: only what it draws (the UN-like set: 11 -> 3 s)
        return Briefing(None, _coalitions(scope, as_of, actors, weighted), {}, (), titles=titles)
    if chart == "timeline":
        return Briefing(None, (), {}, _shifts(scope, as_of, actors), titles=titles)
    by_issue = _landings(ds, as_of, actors, issues)
    landings = MappingProxyType({i: r.landing for i, r in by_issue.items()})
    if chart is not None:  # issue:ID
        return Briefing(None, (), landings, (), titles=titles)
    dates, compared, date_count = _at_each_date(scope, as_of, actors)
    landed, agreements, briefs, dated = _earlier(ds, scope, compared, actors, issues, weighted)
    return Briefing(
        brief_view(scope, as_of, actors, weighted, landings=by_issue),
        _coalitions(scope, as_of, actors, weighted),
        landings,
        _shifts(scope, as_of, actors),
        tuple(sorted({t for issue in scope.issues.values() for t in issue.tags})),
        tuple(ds.groups.values()),
        None if since is None else changed.changes_view(ds, since, as_of, actors, issues),
        dates,
        compared,
        titles,
        (*landed, landings) if landed else (),
        date_count,
        agreements,
        briefs,
        dated,
    )


def _earlier(
    ds: Dataset,
    scope: Dataset,
    compared: Sequence["CompareView"],
    actors: list[str],
    issues: Sequence[str] | None,
    weighted: bool,
) -> tuple[
    tuple[Mapping[str, analysis.Landing], ...],
    tuple[tuple[dict[tuple[str, str], PairScore], tuple[analysis.Coalition, ...]], ...],
    tuple["BriefView", ...],
    bool,
]:
    """What a page carries of each date before its last, beside the table of stances
    (`compared`), within its bounds (AS_OF_ROWS, AS_OF_PAIRS, AS_OF_BRIEFS): each
    date's landings, agreement and brief, and whether each issue's line and
    positions are drawn on each date they change on."""
    days = [c.as_of for c in compared[:-1]]
    if not days:
        return (), (), (), False
    cells = len(actors) * len(compared[-1].rows)
    dated = repeated_positions(compared) <= AS_OF_ROWS
    carry_briefs = len(days) * cells <= AS_OF_BRIEFS
    by_day = [_landings(ds, d, actors, issues) for d in days] if dated or carry_briefs else []
    landed = tuple(MappingProxyType({i: r.landing for i, r in d.items()}) for d in by_day)
    # Each date's matrix and coalitions from one `alignment --as-of` (over the chosen issues).
    aligned = (
        [alignment_view(scope, d, actors, weighted=weighted) for d in days]
        if len(actors) ** 2 * len(compared) <= AS_OF_PAIRS
        else []
    )
    agreements = tuple((a.matrix, a.coalitions) for a in aligned)
    briefs = (
        tuple(
            brief_view(scope, d, actors, weighted, landings=r)
            for d, r in zip(days, by_day, strict=True)
        )
        if carry_briefs
        else ()
    )
    return landed, agreements, briefs, dated


def repeated_positions(compared: Sequence["CompareView"]) -> int:
    """How many positions a page would write again to draw each issue on each date
    its positions change on: over every issue and every such date, the positions in
    force then."""
    total = 0
    for k in range(len(compared[-1].rows)):
        before: tuple[object, ...] | None = None
        for c in compared:
            now = tuple(cell.position for cell in c.rows[k].cells)
            if before is not None and now != before:
                total += sum(p is not None for p in now)
            before = now
    return total


def _landings(
    ds: Dataset, as_of: dt.date | None, actors: list[str], issues: Sequence[str] | None
) -> dict[str, "LandingRow"]:
    """Each chosen issue's landing, judged over the whole data (`landing_view`)."""
    rows = landing_view(ds, as_of, actors, issues, analysis.snapshot(ds, as_of)).rows
    return {r.issue.id: r for r in rows}


def _coalitions(
    ds: Dataset, as_of: dt.date | None, actors: list[str], weighted: bool
) -> tuple[analysis.Coalition, ...]:
    """The coalitions the heat map outlines, as `alignment` finds them."""
    return alignment_view(ds, as_of, actors, weighted=weighted).coalitions


def _shifts(ds: Dataset, as_of: dt.date | None, actors: list[str]) -> tuple[analysis.Shift, ...]:
    return tuple(analysis.shifts(ds, as_of, actors=actors))


def _changes_on(ds: Dataset) -> set[dt.date]:
    """Every day on which what is in force can change: a position's date, the day an
    actor's window opens and the day after it closes."""
    days = {p.date for p in ds.positions}
    for a in ds.actors.values():
        if a.active is not None and a.active.start is not None:
            days.add(a.active.start)
        if a.active is not None and a.active.end is not None and a.active.end < dt.date.max:
            days.add(a.active.end + dt.timedelta(days=1))
    return days


def _at_each_date(
    ds: Dataset, as_of: dt.date | None, actors: list[str]
) -> tuple[tuple[dt.date, ...], tuple["CompareView", ...], int]:
    """The page's dates, for its date switch: each date on which what is in force
    changes (`_changes_on`, up to `as_of`) with the comparison in force on it, as
    `compare --as-of` makes it; none when too many; and how many such dates there
    are. The last is the view's own: `as_of` itself, or the latest positions (should
    they differ from those of the last date, both are offered, under that date)."""
    days = sorted(d for d in _changes_on(ds) if as_of is None or d <= as_of)
    if (
        not days
        or len(days) > AS_OF_DATES
        or len(days) * len(actors) * len(ds.issues) > AS_OF_CELLS
    ):
        return (), (), len(days)
    count = len(days)
    if as_of is not None and days[-1] != as_of:
        days.append(as_of)  # the page's own date, which no position bears
    earlier = [compare_view(ds, day, actors) for day in days[:-1]]
    last = compare_view(ds, as_of, actors)
    if as_of is None:
        on_last = compare_view(ds, days[-1], actors)
        if on_last.rows != last.rows:
            earlier.append(on_last)
            days.append(days[-1])
    return tuple(days), (*earlier, last), count


class PairLine(NamedTuple):
    a: Actor
    b: Actor
    score: PairScore


class Landings(Sequence["LandingRow"]):
    """A brief's landings, one for each contested issue in its order, placed when first
    read: reading them all (the JSON, the page) places them at once, as `landing_view`
    does; `get` places only the issue asked for (the terminal's brief shows five of a
    roll call's 6,000: 0.7 s saved), which is the same row, as a landing does not move
    with the issues beside it (tests/test_landing.py holds the two to each other)."""

    def __init__(
        self, issues: Sequence[str], rows: Callable[[Sequence[str]], Sequence["LandingRow"]]
    ) -> None:
        self._issues = tuple(issues)
        self._rows = rows  # the rows of the issues given, in their order
        self._every: tuple[LandingRow, ...] | None = None
        self._one: dict[str, LandingRow] = {}

    def _all(self) -> tuple["LandingRow", ...]:
        if self._every is None:
            self._every = tuple(self._rows(self._issues)) if self._issues else ()
        return self._every

    def __len__(self) -> int:
        return len(self._issues)

    @overload
    def __getitem__(self, n: int) -> "LandingRow": ...
    @overload
    def __getitem__(self, n: slice) -> Sequence["LandingRow"]: ...
    def __getitem__(self, n: int | slice) -> "LandingRow | Sequence[LandingRow]":
        return self._all()[n]

    def __iter__(self) -> Iterator["LandingRow"]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Landings | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def get(self, issue: str) -> "LandingRow | None":
        """The landing of one contested issue, placed alone; None for any other."""
        if self._every is not None and not self._one:
            self._one = {r.issue.id: r for r in self._every}
        if issue not in self._one:
            if issue not in self._issues:
                return None
            (self._one[issue],) = self._rows([issue])
        return self._one[issue]


def _no_rows(issues: Sequence[str]) -> Sequence["LandingRow"]:
    return ()


_NO_LANDINGS = Landings((), _no_rows)


class BriefView(NamedTuple):
    """A one-screen briefing; every list is already in the order it is shown."""

    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    consensus: tuple[CompareRow, ...]
    contested: tuple[CompareRow, ...]
    deals: tuple[DealRow, ...]  # within reach or blocked
    closest: tuple[PairLine, ...]  # every pair tied for the highest agreement
    furthest: tuple[PairLine, ...]  # every pair tied for the lowest agreement
    recent_shifts: tuple[analysis.Shift, ...]  # newest first
    gaps: tuple[CompareRow, ...]  # issues on which some actors are unstated
    positions: int
    speakers: int  # actors with at least one position in force
    issue_titles: dict[str, str]
    # Every conditional stance in force (an offer that is part of a package, which
    # no other section counts), with who backs and opposes each condition.
    packages: tuple["traded.PackageRow", ...] = ()
    # Where each contested issue would likely land (a model estimate, `landing`).
    landings: Landings = _NO_LANDINGS
    red_lines: tuple[tuple[Issue, Cell], ...] = ()  # every red line in force
    # The positions in force the briefing rests on that no source reports as said.
    inferences: tuple[tuple[Issue, Cell], ...] = ()
    # What `changes` finds in the last weeks of the data: its window, and each kind
    # of change found with how many (none: nothing changed).
    changed_window: tuple[dt.date | None, dt.date | None] = (None, None)
    changed: tuple[tuple[str, int], ...] = ()
    trades: "traded.TradesView | None" = None  # the best BRIEF_TRADES trades
    absent: tuple[Actor, ...] = ()  # the actors shown who are not a party on the day


#: How many of the latest shifts a briefing names.
BRIEF_SHIFTS = 5
#: How many of the best trades a briefing names.
BRIEF_TRADES = 3
#: Names in one list of a brief, every format's: "A, B, C, D, E and 95 others".
BRIEF_NAMES = 6


def first_names(named: Sequence[str], count: int | None = None) -> tuple[list[str], int]:
    """The names a list of BRIEF_NAMES shows, and how many it leaves for "and N others"
    (0: every one); `count`: how many there are in all, when `named` holds only the
    first few."""
    count = len(named) if count is None else count
    if count <= BRIEF_NAMES:
        return list(named), 0
    return list(named[: BRIEF_NAMES - 1]), count - BRIEF_NAMES + 1


def brief_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    weighted: bool = True,
    min_shared: int | None = None,
    landings: Mapping[str, "LandingRow"] | None = None,  # each issue's, when made already
) -> BriefView:
    """The briefing over every actor, or over `actors` only (`brief --actors`). Pairs
    are ranked closest or most distant when they share `min_shared` issues; without
    it, as `fewest_shared` decides."""
    ids = list(ds.actors) if actors is None else list(dict.fromkeys(actors))
    _pairwise(ids, "brief", "choose some with --actors (a region, a group)")
    snap = analysis.snapshot(ds, as_of, None if actors is None else ids)
    compared = compare_view(ds, as_of, ids, snap=snap)
    deals = deal_view(ds, as_of, ids, snap=snap, cells={r.issue.id: r.cells for r in compared.rows})
    matrix = analysis.agreement_matrix(snap, ids, list(ds.issues), weighted)
    pairs = [PairLine(ds.actors[a], ds.actors[b], p) for a, b, p in _scored_pairs(matrix, ids)]
    floor = fewest_shared((p.score for p in pairs), min_shared)
    ranked = [p for p in pairs if p.score.shared >= floor]
    scores = [p.score.score for p in ranked if p.score.score is not None]
    high, low = (max(scores), min(scores)) if scores else (None, None)
    closest = tuple(p for p in ranked if p.score.score == high)
    furthest = tuple(p for p in ranked if p.score.score == low and low != high)
    shifts = analysis.shifts(ds, as_of, actors=None if actors is None else ids)
    contested = [r.issue.id for r in compared.rows if r.status is Status.CONTESTED]
    if landings is not None:  # a report's, judged over the whole data: the same rows
        given = landings
        landed = Landings(contested, lambda issues: [given[i] for i in issues])
    else:
        landed = Landings(contested, lambda issues: landing_view(ds, as_of, ids, issues, snap).rows)
    # Every red line, and every stance no source reports as said, in force.
    red_lines, inferences = [], []
    marked = {issue for (_, issue), _ in snap.marked()}  # the rows that may hold one
    for r in compared.rows:
        if r.issue.id not in marked:
            continue
        for c in r.cells:
            p = c.position
            if p is not None and (p.red_line or p.basis is not Basis.REPORTED):
                if p.red_line:
                    red_lines.append((r.issue, c))
                if p.basis is not Basis.REPORTED:
                    inferences.append((r.issue, c))
    from positions import changed, traded  # they build on this module's views

    recent = changed.changes_view(ds, None, as_of, None if actors is None else ids)
    offers = traded.trades_view(ds, as_of, ids, None, BRIEF_TRADES, snap)
    return BriefView(
        title=ds.title,
        as_of=as_of,
        actors=compared.actors,
        consensus=tuple(r for r in compared.rows if r.status is Status.CONSENSUS),
        contested=tuple(r for r in compared.rows if r.status is Status.CONTESTED),
        deals=tuple(
            r
            for r in deals.rows
            if r.outlook.outcome in (analysis.Outcome.WITHIN_REACH, analysis.Outcome.BLOCKED)
        ),
        closest=closest,
        furthest=furthest,
        recent_shifts=tuple(reversed(shifts[-BRIEF_SHIFTS:])),
        gaps=tuple(r for r in compared.rows if r.sides.unstated),
        positions=len(snap),
        speakers=len(set(map(_FIRST, snap))),  # the actors of its pairs, read in C
        issue_titles={i.id: i.title for i in ds.issues.values()},
        packages=offers.packages,
        landings=landed,
        red_lines=tuple(red_lines),
        inferences=tuple(inferences),
        changed_window=(recent.since, recent.until),
        changed=tuple((kind.value, n) for kind, n in recent.counts.items() if n),
        trades=offers,
        absent=tuple(a for a in compared.actors if not a.party_on(as_of)),
    )


class LandingRow(NamedTuple):
    issue: Issue
    landing: analysis.Landing
    unplaced: tuple[str, ...]  # parties shown with no counted stance on it (or no weight)


class LandingView(NamedTuple):
    """`landing`: a model estimate of where each issue would land, never a fact."""

    title: str
    as_of: dt.date | None
    actors: tuple[Actor, ...]
    rows: tuple[LandingRow, ...]
    # The scenario conditional stances were judged in, for the issues a condition names:
    # each adopted, rejected or undecided by its median without them.
    scenario: tuple[tuple[Issue, str], ...]
    weighted: bool  # whether the data gives any capability or salience


def landing_view(
    ds: Dataset,
    as_of: dt.date | None = None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    snap: analysis.Snapshot | None = None,  # a snapshot holding the actors', when made
) -> LandingView:
    snap = analysis.snapshot(ds, as_of) if snap is None else snap
    chosen_actors = list(ds.actors) if actors is None else list(actors)
    chosen_issues = list(ds.issues) if issues is None else list(issues)
    capability = {a: ds.actors[a].capability for a in chosen_actors}
    # The issues a condition names: the scenario is judged over all of them, whatever
    # the view shows, so that narrowing it (--issues, or brief's contested issues)
    # never moves a landing; the scenario of any other issue changes nothing.
    named = {
        c.issue
        for _, p in snap.marked()
        if p.conditions and p.actor in capability
        for c in p.conditions
    }
    judged = [i for i in ds.issues if i in named]
    landings, scenario = analysis.landing(snap, chosen_issues, capability, judged)
    rows = []
    for landing in landings:
        placed = {p.actor for p in landing.placed if p.weight > 0}
        unplaced = tuple(a for a in chosen_actors if a not in placed)
        rows.append(LandingRow(ds.issues[landing.issue], landing, unplaced))
    shown = set(chosen_issues)
    # The scenario said is that of the conditions on the issues shown, wherever they
    # point: a stance counted on a shown issue because its condition holds says why.
    said = {
        c.issue
        for _, p in snap.marked()
        if p.conditions and p.actor in capability and p.issue in shown
        for c in p.conditions
    }
    weighted = any(c is not None for c in capability.values()) or any(
        p.salience is not None for _, p in snap.marked() if p.actor in capability
    )
    return LandingView(
        ds.title,
        as_of,
        tuple(ds.actors[a] for a in chosen_actors),
        tuple(rows),
        # Only the issues a condition names: the rest of the scenario changes nothing.
        tuple((issue, scenario.get(i, "undecided")) for i, issue in ds.issues.items() if i in said),
        weighted,
    )
