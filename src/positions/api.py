"""The Python API: a negotiation in a notebook (docs/api.md).

`import positions`, then `positions.load(path)` and the analyses as functions, each
returning the same view the command prints, or plain data with `as_json`; `frames`
gives pandas DataFrames (the optional `pandas` extra). Nothing here prints, reads the
environment or exits: every problem is a `positions.PositionsError` (a `DataError`
for a data file, with its located `problems`; a `LookupFailed` for a name).

Actors and issues may be named as on the command line: an id, a name, an alias or a
prefix (`"russia"`, `"Russia"`, `"RU"`).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from positions import analysis, names, views
from positions.errors import PositionsError
from positions.model import Dataset

if TYPE_CHECKING:
    from positions.changed import ChangesView
    from positions.traded import TradesView

__all__ = [
    "Frames", "actors", "agreement", "alignment", "as_json", "brief", "changes", "compare",
    "deal", "diff", "frames", "history", "issues", "landing", "load", "narrowed", "show",
    "trades",
]  # fmt: skip

Day = dt.date | str | None
Names = str | Iterable[str] | None


def load(path: str | Path, cache: bool | str | Path = False) -> Dataset:
    """The negotiation in the data file at `path` (YAML, or a tidy CSV table), checked
    as the command line checks it. With `cache=True`, through the store in the user's
    cache directory (where the command line keeps it: POSITIONS_CACHE_DIR, else the
    platform's; none with POSITIONS_NO_CACHE), or in the directory `cache` names: a
    second load of a large file is then fast."""
    from positions import loader, settings, store

    where = Path(path)
    if cache is False:
        return loader.load(where)
    directory = settings.Settings.from_environ().cache_dir if cache is True else Path(cache)
    return store.load(where, str(where), directory)


def _day(day: Day) -> dt.date | None:
    if day is None or isinstance(day, dt.date):
        return day
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        raise PositionsError(f"{day!r} is not a day; write YYYY-MM-DD") from None


def _choice(name: str, value: str, choices: Iterable[str]) -> None:
    if value not in choices:
        raise PositionsError(f"{name}={value!r}: give one of {', '.join(map(repr, choices))}")


def _top(top: int | None) -> int | None:
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise PositionsError(f"top={top!r}: give a whole number of at least 1, or None")
    return top


def _actors(ds: Dataset, chosen: Names) -> list[str] | None:
    if chosen is None:
        return None
    return list(names.resolve_actors(ds, [chosen] if isinstance(chosen, str) else list(chosen)))


def _issues(ds: Dataset, chosen: Names) -> list[str] | None:
    if chosen is None:
        return None
    return list(names.resolve_issues(ds, [chosen] if isinstance(chosen, str) else list(chosen)))


def narrowed(ds: Dataset, tags: Names = None, reported_only: bool = False) -> Dataset:
    """The negotiation with only the issues with one of `tags` (the command line's
    `--tag`, in any case) and, with `reported_only`, without indirect and inferred
    positions (`--reported-only`): a data set of its own for any function here."""
    if tags is not None:
        wanted = [tags] if isinstance(tags, str) else list(tags)
        kept = views.tagged(ds, wanted)
        ds = ds.with_issues(kept)
    return ds.reported_only() if reported_only else ds


# --- the views, one per command ------------------------------------------------------------


def issues(ds: Dataset, as_of: Day = None) -> views.IssuesView:
    """`positions issues`: each issue, how many spoke on it, its status."""
    return views.issues_view(ds, _day(as_of))


def actors(ds: Dataset, as_of: Day = None) -> views.ActorsView:
    """`positions actors`."""
    return views.actors_view(ds, _day(as_of))


def show(ds: Dataset, issue: str, as_of: Day = None, actors: Names = None) -> views.ShowView:
    """`positions show ISSUE`: where every actor stands on it, with sources."""
    return views.show_view(ds, names.resolve_issue(ds, issue), _day(as_of), _actors(ds, actors))


def compare(
    ds: Dataset,
    as_of: Day = None,
    actors: Names = None,
    issues: Names = None,
    sort: str = "file",
    top: int | None = None,
) -> views.CompareView:
    """`positions compare`: every issue against every actor (`sort`: "file", "divided",
    "stated" or "recent"; `top`: the first N issues only)."""
    _choice("sort", sort, views.COMPARE_SORTS)
    return views.compare_view(
        ds, _day(as_of), _actors(ds, actors), _issues(ds, issues), sort=sort, top=_top(top)
    )


def diff(
    ds: Dataset,
    a: str,
    b: str,
    as_of: Day = None,
    issues: Names = None,
    weighted: bool = True,
    by: str | None = None,
) -> views.DiffView:
    """`positions diff A B` (`by`: "year" or "month")."""
    if by not in (None, "year", "month"):
        raise PositionsError(f"by={by!r}: give 'year' or 'month'")
    first, second = names.resolve_actor(ds, a), names.resolve_actor(ds, b)
    return views.diff_view(ds, first, second, _day(as_of), _issues(ds, issues), weighted, by)


def alignment(
    ds: Dataset,
    as_of: Day = None,
    actors: Names = None,
    issues: Names = None,
    threshold: float = 0.75,
    weighted: bool = True,
    min_shared: int | None = None,
    coalitions: int | None = None,
    actor: str | None = None,
    sort: str | None = None,
    top: int | None = None,
) -> views.AlignmentView:
    """`positions alignment [ACTOR]`: the agreement matrix and its coalitions (`sort`:
    "closest", "distant" or "shared", the order of `listed` and `partners`; `top`: the
    first N of them only)."""
    if sort is not None:
        _choice("sort", sort, views.ALIGNMENT_SORTS)
    if not 0 <= threshold <= 1:  # nan too
        raise PositionsError(f"threshold={threshold!r}: give a number from 0 to 1")
    focus = None if actor is None else names.resolve_actor(ds, actor)
    return views.alignment_view(
        ds, _day(as_of), _actors(ds, actors), _issues(ds, issues), threshold, weighted,
        min_shared, coalitions, focus, sort, _top(top),
    )  # fmt: skip


def deal(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None
) -> views.DealView:
    """`positions deal`: where a deal is within reach, and who blocks it."""
    return views.deal_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues))


def landing(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None
) -> views.LandingView:
    """`positions landing`: where each issue is likely to land (a model estimate)."""
    return views.landing_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues))


def trades(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None, top: int = 10
) -> TradesView:
    """`positions trades`: trades across two issues, and the packages on offer."""
    from positions import traded

    return traded.trades_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues), top)


def history(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None
) -> views.HistoryView:
    """`positions history`: every position over time, shifts marked."""
    return views.history_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues))


def changes(
    ds: Dataset,
    since: Day = None,
    until: Day = None,
    actors: Names = None,
    issues: Names = None,
    against: Dataset | None = None,
) -> ChangesView:
    """`positions changes`: what moved in a window (the last four weeks of the data
    by default), or what `ds` changed from the older version `against`."""
    from positions import changed

    chosen = (_actors(ds, actors), _issues(ds, issues))
    if against is not None:
        return changed.against_view(against, ds, *chosen)
    return changed.changes_view(ds, _day(since), _day(until), *chosen)


def brief(
    ds: Dataset,
    as_of: Day = None,
    actors: Names = None,
    weighted: bool = True,
    min_shared: int | None = None,
) -> views.BriefView:
    """`positions brief`: the one-screen briefing."""
    return views.brief_view(ds, _day(as_of), _actors(ds, actors), weighted, min_shared)


def agreement(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None,
    weighted: bool = True,
) -> Mapping[tuple[str, str], analysis.PairScore]:  # fmt: skip
    """Every ordered pair of actors -> its agreement (`score`, None without a shared
    issue, and the number `shared`), as `alignment` computes it."""
    day = _day(as_of)
    chosen = _actors(ds, actors) or list(ds.actors)
    over = _issues(ds, issues) or list(ds.issues)
    return analysis.agreement_matrix(analysis.snapshot(ds, day), chosen, over, weighted)


def as_json(view: object) -> Any:
    """A view as the plain data its command's `--json` prints (docs/json.md)."""
    import json

    from positions.render import json as render

    return json.loads(render.dumps(view))


# --- pandas ------------------------------------------------------------------------------


class Frames(NamedTuple):
    """The negotiation as pandas DataFrames."""

    actors: Any  # id (index), name, short, capability
    issues: Any  # id (index), title, question, tags
    positions: Any  # one row per position, in the file's order, `in_force` marked
    agreement: Any  # actors x actors: the agreement score (NaN: no shared issue)


def frames(ds: Dataset, as_of: Day = None, weighted: bool = True) -> Frames:
    """`Frames` of the negotiation (`as_of`: what is in force, and the agreement, on
    that day). Needs pandas: `pip install 'positions[pandas]'`."""
    try:
        pd: Any = importlib.import_module("pandas")  # an optional extra: typed as Any
    except ImportError:
        raise PositionsError(
            "frames() needs pandas: pip install 'positions[pandas]' (or pandas itself)"
        ) from None
    day = _day(as_of)
    snap = analysis.snapshot(ds, day)
    in_force = {id(p) for p in snap.values()}
    nan = float("nan")  # an omitted capability or salience (each counts 1 in the analyses)
    actor_rows = [
        (a.id, a.name, a.short, nan if a.capability is None else a.capability)
        for a in ds.actors.values()
    ]
    issue_rows = [(i.id, i.title, i.question, list(i.tags)) for i in ds.issues.values()]
    position_rows = [
        (
            p.actor, p.issue, p.stance.id, p.stance.score, p.date, p.summary, p.source,
            p.quote, p.basis.value, nan if p.salience is None else p.salience, p.red_line,
            bool(p.conditions),
            id(p) in in_force,
        )
        for p in ds.positions
    ]  # fmt: skip
    matrix = analysis.agreement_matrix(snap, list(ds.actors), list(ds.issues), weighted)
    ids = list(ds.actors)
    scores = [[matrix[a, b].score for b in ids] for a in ids]
    positions = pd.DataFrame(
        position_rows,
        columns=[
            "actor", "issue", "stance", "score", "date", "summary", "source", "quote",
            "basis", "salience", "red_line", "conditional", "in_force",
        ],
    )  # fmt: skip
    positions["date"] = pd.to_datetime(positions["date"])
    return Frames(
        pd.DataFrame(actor_rows, columns=["id", "name", "short", "capability"]).set_index("id"),
        pd.DataFrame(issue_rows, columns=["id", "title", "question", "tags"]).set_index("id"),
        positions,
        pd.DataFrame(scores, index=ids, columns=ids, dtype="float64"),
    )
