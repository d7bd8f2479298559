"""`positions changes`: what moved in a window of dates, or between two versions of a
data file (docs/analysis.md, "Changes").

Pure: a `ChangesView` from one `Dataset` (the positions dated in a window) or two (an
edit of the file, `--against`); no I/O, no clock. The window's default is the last
RECENT_DAYS of the data, never of today: the tool does not read the clock.
"""

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from positions import analysis, views
from positions.errors import PositionsError
from positions.model import Actor, Dataset, Issue, Position, Source

#: Without --since, the window starts this many days before its end (the newest
#: position's date): the last four weeks of the data.
RECENT_DAYS = 28


class Kind(enum.Enum):
    """What one entry says changed."""

    NEW = "new"  # the pair's first position, or its first after it was not a party
    SHIFT = "shift"  # the stance differs from the one it replaces
    CONDITIONAL = "conditional"  # the same stance, now conditional or no longer
    RESTATED = "restated"  # the same stance and conditions, a new statement
    JOINED = "joined"  # the actor's `active` window starts
    LEFT = "left"  # the actor's `active` window ends: its positions are withdrawn
    ADDED = "added"  # --against: a position only the new file has
    REMOVED = "removed"  # --against: a position only the old file has
    EDITED = "edited"  # --against: a position both have, with fields that differ


#: The kinds of each mode, in the order counts list them.
WINDOW_KINDS = (Kind.NEW, Kind.SHIFT, Kind.CONDITIONAL, Kind.RESTATED, Kind.JOINED, Kind.LEFT)
AGAINST_KINDS = (Kind.ADDED, Kind.REMOVED, Kind.EDITED)
#: A position's fields that an entry compares (all but actor, issue and date), in
#: the order `Change.fields` lists them.
FIELDS = tuple(f for f in Position._fields if f not in ("actor", "issue", "date"))


class Change(NamedTuple):
    """One entry: a position dated in the window (or added, removed, edited by an
    edit of the file), or an actor joining or leaving."""

    kind: Kind
    date: dt.date  # the position's date; for joined and left, the window's end
    actor: Actor
    issue: Issue | None  # None for joined and left
    before: views.Cell | None  # the position replaced, or the old file's; None if none
    after: views.Cell | None  # the position dated in the window, or the new file's
    fields: tuple[str, ...] = ()  # the FIELDS in which before and after differ
    # Left: each position in force on its last day as a party, no longer counted.
    withdrawn: tuple[tuple[Issue, views.Cell], ...] = ()


class Move(NamedTuple):
    """--against: a pair whose stance in force (the latest) differs between the files.
    A cell is None where the file has no such actor or issue."""

    actor: Actor
    issue: Issue
    before: views.Cell | None
    after: views.Cell | None


class ChangesView(NamedTuple):
    title: str
    since: dt.date | None  # the window used (both ends inclusive); None: no start
    until: dt.date | None  # None: no end
    against: str | None  # the old file's title (--against), else None
    entries: tuple[Change, ...]  # by date, then the data's actor order, then issue order
    counts: Mapping[Kind, int]  # every kind of the mode (WINDOW_KINDS or AGAINST_KINDS)
    sources: Mapping[str, Source]  # every source an entry may cite (both files' with against)
    recent: bool = False  # the window is the default one: the last RECENT_DAYS of the data
    span: tuple[dt.date, dt.date] | None = None  # the data's oldest and newest position dates
    moved: tuple[Move, ...] = ()  # --against: stances in force that differ
    actors_added: tuple[Actor, ...] = ()
    actors_removed: tuple[Actor, ...] = ()
    issues_added: tuple[Issue, ...] = ()
    issues_removed: tuple[Issue, ...] = ()


def _cell(
    actor: Actor,
    position: Position,
    sources: Mapping[str, Source],
    issues: Mapping[str, Issue],
    party: bool = True,
) -> views.Cell:
    """A position as every view holds one; a condition on an issue the data does not
    hold is named by its id, as views do."""
    conditions = tuple((views.issue_named(issues, c.issue), c.outcome) for c in position.conditions)
    return views.Cell(actor, position, sources.get(position.source), party, conditions)


def _differs(a: Position, b: Position) -> tuple[str, ...]:
    """The FIELDS in which two positions differ; conditions as a set (their order in
    the file says nothing)."""
    found = []
    for name in FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if name == "conditions":
            x, y = frozenset(x), frozenset(y)
        if x != y:
            found.append(name)
    return tuple(found)


class Counting(enum.Enum):
    """What a new position changes about its stance being counted (a conditional stance
    is not: docs/analysis.md)."""

    NOW_CONDITIONAL = "now_conditional"
    NO_LONGER_CONDITIONAL = "no_longer_conditional"
    CONDITIONS_CHANGED = "conditions_changed"


def counting(before: Position, after: Position) -> Counting | None:
    """How `after` changes the counting of `before`'s stance; None: it does not. The
    conditions are compared as a set (their order in the file says nothing)."""
    was, now = bool(before.conditions), bool(after.conditions)
    if now and not was:
        return Counting.NOW_CONDITIONAL
    if was and not now:
        return Counting.NO_LONGER_CONDITIONAL
    if was and frozenset(before.conditions) != frozenset(after.conditions):
        return Counting.CONDITIONS_CHANGED
    return None


def _kind(before: Position | None, after: Position) -> Kind:
    if before is None:
        return Kind.NEW
    if before.stance != after.stance:
        return Kind.SHIFT
    if counting(before, after) is not None:
        return Kind.CONDITIONAL
    return Kind.RESTATED


def _counts(entries: Iterable[Change], kinds: Sequence[Kind]) -> Mapping[Kind, int]:
    counts = dict.fromkeys(kinds, 0)
    for entry in entries:
        counts[entry.kind] += 1
    return MappingProxyType(counts)


def _keep(chosen: Sequence[str] | None) -> Collection[str] | None:
    return None if chosen is None else frozenset(chosen)


def _day_before(day: dt.date) -> dt.date | None:
    return None if day == dt.date.min else day - dt.timedelta(days=1)


def window(
    since: dt.date | None,
    until: dt.date | None,
    as_of: dt.date | None,
    against: bool,
    spelled: tuple[str, str, str] = ("since", "until", "as_of"),
) -> tuple[dt.date | None, dt.date | None]:
    """The start and end of the window `changes` is asked for, its end given as
    `until` or `as_of` (the same); PositionsError for what makes no window. Comparing
    two versions (`against`) takes none. `spelled`: the three as the caller names them."""
    start, end_until, end_as_of = spelled
    if until is not None and as_of is not None:
        raise PositionsError(f"give {end_until} or {end_as_of}, not both")
    if against and (since, until, as_of) != (None, None, None):
        raise PositionsError(
            f"comparing two versions takes them as they are; leave out {start}, "
            f"{end_until} and {end_as_of}"
        )
    end, named = (until, end_until) if until is not None else (as_of, end_as_of)
    if since is not None and end is not None and since > end:
        raise PositionsError(f"{start} {since} is after {named} {end}; give an earlier day")
    return since, end


def changes_view(
    ds: Dataset,
    since: dt.date | None,
    until: dt.date | None,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> ChangesView:
    """Every position dated in [since, until] (both included), each as new, shift,
    conditional or restated against the position before it in the pair's history,
    and every actor whose `active` window starts (joined) or ends (left) inside.

    Without `since`, the window is the RECENT_DAYS days before its end: `until`, or
    the newest position's date, which is then `until` too. `actors` and `issues`
    keep only those ids (None: all); joined and left are kept by actor alone.
    """
    dates = [p.date for p in ds.positions]
    span = (min(dates), max(dates)) if dates else None
    recent = since is None
    if since is None:
        end = until if until is not None else None if span is None else span[1]
        until = end
        # (From the first day there is, for an end in the first weeks of year 1.)
        since = None if end is None else dt.date.fromordinal(max(1, end.toordinal() - RECENT_DAYS))
    empty = recent and since is None  # no position and no end: no window at all

    def inside(day: dt.date) -> bool:
        return (
            not empty
            and (since is None or since <= day)
            and (until is None or day <= until)
        )  # fmt: skip

    keep_actors, keep_issues = _keep(actors), _keep(issues)
    actor_rank = {a: i for i, a in enumerate(ds.actors)}
    issue_rank = {i: n for n, i in enumerate(ds.issues)}
    found: list[tuple[tuple[dt.date, int, int], Change]] = []
    for (actor, issue), history in ds.histories.items():
        if since is not None and history[-1].date < since:
            continue  # oldest first: no position of the pair is in the window
        if (keep_actors is not None and actor not in keep_actors) or (
            keep_issues is not None and issue not in keep_issues
        ):
            continue
        who, what = ds.actors[actor], ds.issues[issue]
        for n, p in enumerate(history):
            if not inside(p.date):
                continue
            previous = history[n - 1] if n else None
            eve = _day_before(p.date)
            # A window is one stretch of days: a party on both days was one in between.
            if previous is not None and (
                eve is None or not who.party_on(eve) or not who.party_on(previous.date)
            ):
                previous = None  # not a party in between: nothing of its was in force
            before = None if previous is None else _cell(who, previous, ds.sources, ds.issues)
            change = Change(
                _kind(previous, p),
                p.date,
                who,
                what,
                before,
                _cell(who, p, ds.sources, ds.issues),
                () if previous is None else _differs(previous, p),
            )
            found.append(((p.date, actor_rank[actor], issue_rank[issue]), change))
    chosen_issues = list(ds.issues) if issues is None else list(issues)
    for who in ds.actors.values():
        w = who.active
        if w is None or (keep_actors is not None and who.id not in keep_actors):
            continue
        rank = actor_rank[who.id]
        if w.start is not None and inside(w.start):
            change = Change(Kind.JOINED, w.start, who, None, None, None)
            found.append(((w.start, rank, -1), change))  # before its positions of that day
        if w.end is not None and inside(w.end):
            snap = analysis.snapshot(ds, w.end, [who.id], chosen_issues)
            withdrawn = tuple(
                (ds.issues[i], _cell(who, snap[who.id, i], ds.sources, ds.issues))
                for i in chosen_issues
                if (who.id, i) in snap
            )
            change = Change(Kind.LEFT, w.end, who, None, None, None, (), withdrawn)
            found.append(((w.end, rank, len(issue_rank)), change))  # after them
    found.sort(key=lambda t: t[0])
    entries = tuple(change for _, change in found)
    return ChangesView(
        ds.title,
        since,
        until,
        None,
        entries,
        _counts(entries, WINDOW_KINDS),
        ds.sources,
        recent=recent,
        span=span,
    )


def _numbered(ds: Dataset) -> dict[tuple[str, str, dt.date, int], Position]:
    """Each position by (actor, issue, date, n): n counts the pair's positions of that
    day in file order, from 0 (a loaded file has one a day; a hand-made one may not)."""
    found: dict[tuple[str, str, dt.date, int], Position] = {}
    seen: dict[tuple[str, str, dt.date], int] = {}
    for p in ds.positions:
        day = (p.actor, p.issue, p.date)
        n = seen[day] = seen.get(day, -1) + 1
        found[p.actor, p.issue, p.date, n] = p
    return found


def _in_order(new: Mapping[str, object], old: Mapping[str, object]) -> dict[str, int]:
    """Ranks: the new file's order, then the ids only the old file has, in its order."""
    return {key: n for n, key in enumerate([*new, *(k for k in old if k not in new)])}


def against_view(
    old: Dataset,
    new: Dataset,
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> ChangesView:
    """What an edit of a data file changed: every position record matched by (actor,
    issue, date, n-th of the pair on that day) is added, removed, or edited (with the
    fields that differ); each pair whose stance in force differs (`moved`); and the
    actors and issues added or removed. `actors` and `issues` are ids of the new file
    (None: all, and then the ids only the old file has as well)."""
    keep_actors, keep_issues = _keep(actors), _keep(issues)
    every_actor = {**old.actors, **new.actors}
    every_issue = {**old.issues, **new.issues}
    sources = MappingProxyType({**old.sources, **new.sources})
    actor_rank, issue_rank = _in_order(new.actors, old.actors), _in_order(new.issues, old.issues)

    def wanted(issue: str) -> bool:
        return keep_issues is None or issue in keep_issues

    def kept(actor: str, issue: str | None = None) -> bool:
        return (keep_actors is None or actor in keep_actors) and (issue is None or wanted(issue))

    def cell(ds: Dataset, p: Position) -> views.Cell:
        # The issues of both files: a condition may name one only the other has.
        return _cell(ds.actors[p.actor], p, sources, every_issue)

    before, after = _numbered(old), _numbered(new)
    found: list[tuple[tuple[dt.date, int, int, int], Change]] = []
    for key in [*after, *(k for k in before if k not in after)]:
        actor, issue, day, n = key
        if not kept(actor, issue):
            continue
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None:
            fields = _differs(was, now)
            if not fields:
                continue
            change = Change(
                Kind.EDITED, day, new.actors[actor], new.issues[issue],
                cell(old, was), cell(new, now), fields,
            )  # fmt: skip
        elif now is not None:
            change = Change(
                Kind.ADDED, day, new.actors[actor], new.issues[issue], None, cell(new, now)
            )
        else:
            assert was is not None
            change = Change(
                Kind.REMOVED, day, old.actors[actor], old.issues[issue], cell(old, was), None
            )
        found.append(((day, actor_rank[actor], issue_rank[issue], n), change))
    found.sort(key=lambda t: t[0])
    entries = tuple(change for _, change in found)

    old_snap, new_snap = analysis.snapshot(old), analysis.snapshot(new)

    def in_force(ds: Dataset, snap: analysis.Snapshot, actor: str, issue: str) -> views.Cell | None:
        if actor not in ds.actors or issue not in ds.issues:
            return None
        who = ds.actors[actor]
        p = snap.get((actor, issue))
        if p is None:
            return views.Cell(who, None, None, who.party_on(None))
        return cell(ds, p)

    def counted(c: views.Cell | None) -> tuple[object, ...] | None:
        """What a move compares: whether it is a party, the stance, and whether it is
        conditional (so not counted)."""
        return None if c is None else (c.party, c.stance, c.counted is None)

    moved = []
    for actor in actor_rank:
        if not kept(actor):
            continue
        for issue in issue_rank:
            if not kept(actor, issue):
                continue
            was_cell = in_force(old, old_snap, actor, issue)
            now_cell = in_force(new, new_snap, actor, issue)
            held = any(c is not None and c.position is not None for c in (was_cell, now_cell))
            # A pair with a position in force in neither file is no move.
            if held and counted(was_cell) != counted(now_cell):
                moved.append(Move(every_actor[actor], every_issue[issue], was_cell, now_cell))
    return ChangesView(
        new.title,
        None,
        None,
        old.title,
        entries,
        _counts(entries, AGAINST_KINDS),
        sources,
        moved=tuple(moved),
        actors_added=tuple(a for i, a in new.actors.items() if i not in old.actors and kept(i)),
        actors_removed=tuple(a for i, a in old.actors.items() if i not in new.actors and kept(i)),
        issues_added=tuple(s for i, s in new.issues.items() if i not in old.issues and wanted(i)),
        issues_removed=tuple(s for i, s in old.issues.items() if i not in new.issues and wanted(i)),
    )
