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
import numbers
import operator
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from positions import analysis, names, views
from positions.errors import PositionsError
from positions.model import Dataset
from positions.text import shorten

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


def load(path: str | os.PathLike[str], cache: bool | str | os.PathLike[str] = False) -> Dataset:
    """The negotiation in the data file at `path` (YAML, or a tidy CSV table), checked
    as the command line checks it. With `cache=True`, through the store in the user's
    cache directory (where the command line keeps it: POSITIONS_CACHE_DIR, else the
    platform's; none with POSITIONS_NO_CACHE), or in the directory `cache` names: a
    second load of a large file is then fast."""
    from positions import loader, settings, store

    where = _path(path, "path")
    if cache is False:
        return loader.load(where)
    if cache is True:
        directory = settings.Settings.from_environ().cache_dir
    elif isinstance(cache, (str, os.PathLike)):
        directory = _path(cache, "cache")
    else:
        raise PositionsError(f"cache={_shown(cache)}: give True, False or a directory's path")
    return store.load(where, str(where), directory)


def _day(day: object, name: str = "as_of") -> dt.date | None:
    """A date, a datetime (pandas' Timestamp too: its day) or "YYYY-MM-DD"; None."""
    from positions import fields

    if day is None:
        return None
    try:
        if isinstance(day, dt.datetime):
            return dt.date(day.year, day.month, day.day)  # pandas' NaT has no day: refused
        if isinstance(day, dt.date):
            return day
    except (TypeError, ValueError):
        pass
    found = fields.day_of(day) if isinstance(day, str) else None
    if found is None:
        raise PositionsError(f"{name}={_shown(day)} is not a day; give a date or 'YYYY-MM-DD'")
    return found


def _data(ds: object, name: str = "ds") -> Dataset:
    if not isinstance(ds, Dataset):
        raise PositionsError(f"{name}: give a Dataset from positions.load(), not {_shown(ds)}")
    return ds


def _shown(value: object) -> str:
    """A value as a message quotes it: its repr, shortened."""
    return shorten(repr(value), 60)


def _choice(name: str, value: object, choices: Iterable[str]) -> str:
    """One of `choices`, in any case (as the command line takes it)."""
    listed = tuple(choices)
    if isinstance(value, str) and value.lower() in listed:
        return value.lower()
    raise PositionsError(f"{name}={_shown(value)}: give one of {', '.join(map(repr, listed))}")


def _is_flag(value: object) -> bool:
    """True, False, or NumPy's bool (which a DataFrame's column gives)."""
    kind = type(value)
    return isinstance(value, bool) or (
        kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")
    )


def _whole(value: object, name: str, low: int = 1, none: bool = True) -> int | None:
    """A whole number of at least `low` (NumPy's too; a bool is not one), or None."""
    if value is None and none:
        return None
    try:
        number = None if _is_flag(value) else operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        number = None
    if number is None or number < low:
        also = ", or None" if none else ""
        raise PositionsError(f"{name}={_shown(value)}: give a whole number of at least {low}{also}")
    return number


def _fraction(value: object, name: str) -> float:
    """A number from 0 to 1 (NumPy's too; not a bool, not NaN)."""
    if isinstance(value, numbers.Real) and not _is_flag(value) and 0 <= float(value) <= 1:
        return float(value)
    raise PositionsError(f"{name}={_shown(value)}: give a number from 0 to 1")


def _flag(value: object, name: str) -> bool:
    if not _is_flag(value):
        raise PositionsError(f"{name}={_shown(value)}: give True or False")
    return bool(value)


def _path(value: object, name: str) -> Path:
    """A path (a str or any os.PathLike) that names something."""
    text = os.fspath(value) if isinstance(value, (str, os.PathLike)) else None
    if not isinstance(text, str) or not text:
        what = "the data file" if name == "path" else "a directory"
        raise PositionsError(f"{name}={_shown(value)}: give the path of {what}")
    return Path(text)


def _name(text: object, name: str) -> str:
    if not isinstance(text, str):
        raise PositionsError(f"{name}={text!r}: give a name, as a string")
    return text


def _listed(chosen: object, name: str) -> list[str] | None:
    """One name or several, as a list; None: no choice (all). Refused: an empty choice,
    which would select nothing (the command line's `--actors ''`), and what is not names."""
    if chosen is None:
        return None
    items = [chosen] if isinstance(chosen, str) else None
    if items is None and isinstance(chosen, Iterable) and not isinstance(chosen, bytes):
        items = list(chosen)
    if items is None or not all(isinstance(i, str) for i in items):
        raise PositionsError(f"{name}={chosen!r}: give a name or a list of names")
    if not items:
        raise PositionsError(f"{name}: selects nothing; name at least one, or None for all")
    return items


def _actors(ds: Dataset, chosen: Names, name: str = "actors") -> list[str] | None:
    listed = _listed(chosen, name)
    return None if listed is None else list(names.resolve_actors(ds, listed))


def _issues(ds: Dataset, chosen: Names, name: str = "issues") -> list[str] | None:
    listed = _listed(chosen, name)
    return None if listed is None else list(names.resolve_issues(ds, listed))


def narrowed(ds: Dataset, tags: Names = None, reported_only: bool = False) -> Dataset:
    """The negotiation with only the issues with one of `tags` (the command line's
    `--tag`, in any case) and, with `reported_only`, without indirect and inferred
    positions (`--reported-only`): a data set of its own for any function here."""
    ds = _data(ds)
    wanted = _listed(tags, "tags")
    if wanted is not None:
        ds = ds.with_issues(views.tagged(ds, wanted))
    return ds.reported_only() if _flag(reported_only, "reported_only") else ds


# --- the views, one per command ------------------------------------------------------------


def issues(ds: Dataset, as_of: Day = None) -> views.IssuesView:
    """`positions issues`: each issue, how many spoke on it, its status."""
    return views.issues_view(_data(ds), _day(as_of))


def actors(ds: Dataset, as_of: Day = None) -> views.ActorsView:
    """`positions actors`."""
    return views.actors_view(_data(ds), _day(as_of))


def show(ds: Dataset, issue: str, as_of: Day = None, actors: Names = None) -> views.ShowView:
    """`positions show ISSUE`: where every actor stands on it, with sources."""
    ds = _data(ds)
    chosen = names.resolve_issue(ds, _name(issue, "issue"))
    return views.show_view(ds, chosen, _day(as_of), _actors(ds, actors))


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
    ds = _data(ds)
    order = _choice("sort", sort, views.COMPARE_SORTS)
    return views.compare_view(
        ds,
        _day(as_of),
        _actors(ds, actors),
        _issues(ds, issues),
        sort=order,
        top=_whole(top, "top"),
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
    ds = _data(ds)
    period = None if by is None else _choice("by", by, ("year", "month"))
    first, second = names.resolve_actor(ds, _name(a, "a")), names.resolve_actor(ds, _name(b, "b"))
    views.two_actors(first, second)
    return views.diff_view(
        ds, first, second, _day(as_of), _issues(ds, issues), _flag(weighted, "weighted"), period
    )


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
    ds = _data(ds)
    order = None if sort is None else _choice("sort", sort, views.ALIGNMENT_SORTS)
    focus = None if actor is None else names.resolve_actor(ds, _name(actor, "actor"))
    return views.alignment_view(
        ds, _day(as_of), _actors(ds, actors), _issues(ds, issues),
        _fraction(threshold, "threshold"), _flag(weighted, "weighted"),
        _whole(min_shared, "min_shared"), _whole(coalitions, "coalitions"), focus, order,
        _whole(top, "top"),
    )  # fmt: skip


def deal(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None
) -> views.DealView:
    """`positions deal`: where a deal is within reach, and who blocks it."""
    ds = _data(ds)
    return views.deal_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues))


def landing(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None
) -> views.LandingView:
    """`positions landing`: where each issue is likely to land (a model estimate)."""
    ds = _data(ds)
    return views.landing_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues))


def trades(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None, top: int = 10
) -> TradesView:
    """`positions trades`: trades across two issues, and the packages on offer."""
    from positions import traded

    ds = _data(ds)
    shown = _whole(top, "top", none=False)
    assert shown is not None
    return traded.trades_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues), shown)


def history(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None
) -> views.HistoryView:
    """`positions history`: every position over time, shifts marked."""
    ds = _data(ds)
    return views.history_view(ds, _day(as_of), _actors(ds, actors), _issues(ds, issues))


def changes(
    ds: Dataset,
    since: Day = None,
    until: Day = None,
    actors: Names = None,
    issues: Names = None,
    against: Dataset | None = None,
    as_of: Day = None,
) -> ChangesView:
    """`positions changes`: what moved in a window (the last four weeks of the data
    by default, or up to `until`, or `as_of`, the same), or what `ds` changed from the
    older version `against`."""
    from positions import changed

    ds = _data(ds)
    chosen = (_actors(ds, actors), _issues(ds, issues))
    start, end = changed.window(
        _day(since, "since"), _day(until, "until"), _day(as_of), against is not None
    )
    if against is not None:
        return changed.against_view(_data(against, "against"), ds, *chosen)
    return changed.changes_view(ds, start, end, *chosen)


def brief(
    ds: Dataset,
    as_of: Day = None,
    actors: Names = None,
    weighted: bool = True,
    min_shared: int | None = None,
) -> views.BriefView:
    """`positions brief`: the one-screen briefing."""
    ds = _data(ds)
    return views.brief_view(
        ds, _day(as_of), _actors(ds, actors), _flag(weighted, "weighted"),
        _whole(min_shared, "min_shared"),
    )  # fmt: skip


def agreement(
    ds: Dataset, as_of: Day = None, actors: Names = None, issues: Names = None,
    weighted: bool = True,
) -> Mapping[tuple[str, str], analysis.PairScore]:  # fmt: skip
    """Every ordered pair of actors -> its agreement (`score`, None without a shared
    issue, and the number `shared`), as `alignment` computes it."""
    ds = _data(ds)
    day = _day(as_of)
    chosen = _actors(ds, actors)
    over = _issues(ds, issues)
    return analysis.agreement_matrix(
        analysis.snapshot(ds, day),
        list(ds.actors) if chosen is None else chosen,
        list(ds.issues) if over is None else over,
        _flag(weighted, "weighted"),
    )


def as_json(view: object) -> Any:
    """A view as the plain data its command's `--json` prints (docs/json.md)."""
    import json

    from positions.render import json as render

    if render.renderer_for(view) is None:
        raise PositionsError(
            f"as_json: give a view one of the functions here returns, not {_shown(view)}"
        )
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
    ds = _data(ds)
    weighted = _flag(weighted, "weighted")
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
