"""Views as JSON documents. The keys are a stable contract: see docs/json.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from positions import views
from positions.analysis import Coalition, DealOutlook, PairScore
from positions.changed import counting
from positions.fields import LONG_STANDING as LONG_STANDING_WORD
from positions.model import LONG_STANDING, Actor, Basis, Evidence, Position, Source, Stance
from positions.render import indented
from positions.text import json_inert

JSONValue = Any


def renderer_for(view: object) -> Callable[[Any], JSONValue] | None:
    """What makes `view`'s JSON; None: it has none (it is not a view)."""
    return _RENDERERS.get(type(view)) or _own_modules().get(type(view))


def dumps(view: object, ascii_only: bool = False) -> str:
    """The view as indented JSON text; `ascii_only` escapes every non-ASCII character
    (for a stdout that cannot encode them: the JSON stays valid and exact)."""
    renderer = renderer_for(view)
    if renderer is None:  # pragma: no cover - a programming error, not a user one
        raise TypeError(f"no JSON form for {type(view).__name__}")
    return json_inert(indented.dumps(renderer(view), ensure_ascii=ascii_only)) + "\n"


def _date(view_as_of: Any) -> str | None:
    return None if view_as_of is None else str(view_as_of.isoformat())


def stance_id(stance: Stance | None) -> str | None:
    return None if stance is None else stance.id


def _score(score: float | None) -> float | None:
    return None if score is None else round(score, 4)


def position_json(cell: views.Cell, sources: Mapping[str, Source]) -> dict[str, JSONValue]:
    p: Position | None = cell.position
    return {
        "actor": cell.actor.id,
        "actor_name": cell.actor.name,
        "stance": None if p is None else p.stance.id,
        "score": None if p is None else p.stance.score,
        "summary": None if p is None else p.summary,
        "quote": None if p is None else p.quote,
        "source": None if p is None else p.source,
        "source_name": None if cell.source is None else cell.source.name,
        "source_url": None if cell.source is None else cell.source.url,
        "date": None if p is None else p.date.isoformat(),
        "party": cell.party,
        **format_2_json(p, sources),
    }


def format_2_json(p: Position | None, sources: Mapping[str, Source]) -> dict[str, JSONValue]:
    """A position's fields beyond format 1's, with the same keys for every file."""
    if p is None:
        return dict.fromkeys(_FORMAT_2_KEYS)
    return {
        "basis": p.basis.value,
        "note": p.note,
        "conditions": [{"issue": c.issue, "outcome": c.outcome} for c in p.conditions],
        "salience": p.salience,
        "red_line": p.red_line,
        "held_since": held_json(p.held_since),
        "evidence": [evidence_json(e, sources) for e in p.evidence],
    }


_FORMAT_2_KEYS = ("basis", "note", "conditions", "salience", "red_line", "held_since", "evidence")


def held_json(day: dt.date | None) -> str | None:
    return None if day is None else LONG_STANDING_WORD if day == LONG_STANDING else day.isoformat()


def evidence_json(e: Evidence, sources: Mapping[str, Source]) -> dict[str, JSONValue]:
    return {
        "source": e.source,
        "source_name": sources[e.source].name,
        "quote": e.quote,
        "speaker": e.speaker,
        "url": e.url,
        "date": _date(e.date),
    }


def actor_json(a: Actor) -> dict[str, JSONValue]:
    active = (
        None if a.active is None else {"from": _date(a.active.start), "until": _date(a.active.end)}
    )
    return {**a._asdict(), "aliases": list(a.aliases), "active": active}


def sides_json(sides: views.Sides) -> dict[str, list[str]]:
    return {side: list(ids) for side, ids in sides._asdict().items()}


def pair_json(pair: PairScore) -> dict[str, JSONValue]:
    return {"agreement": _score(pair.score), "shared": pair.shared}


# An issue, an actor and a deal outlook are written with their own fields, in order
# (tuples are JSON lists); docs/json.md lists them.


def _issues(view: views.IssuesView) -> JSONValue:
    return [{**r.issue._asdict(), "status": r.status.value, "stated": r.stated} for r in view.rows]


def _actors(view: views.ActorsView) -> JSONValue:
    groups = [(g.id, frozenset(g.members)) for g in view.groups]
    return [
        {
            **actor_json(r.actor),
            "stated": r.stated,
            "groups": [gid for gid, members in groups if r.actor.id in members],
        }
        for r in view.rows
    ]


def _show(view: views.ShowView) -> JSONValue:
    return {
        "as_of": _date(view.as_of),
        "issue": view.issue._asdict(),
        "status": view.status.value,
        "positions": [position_json(c, view.sources) for c in view.cells],
        "sides": sides_json(view.sides),
    }


def _diff(view: views.DiffView) -> JSONValue:
    return {
        "as_of": _date(view.as_of),
        "a": view.a.id,
        "b": view.b.id,
        **pair_json(view.agreement),
        "weighted": view.weighted,
        "by": view.by,
        "periods": [{"period": label, **pair_json(pair)} for label, pair in view.periods],
        "counts": {v.value: n for v, n in view.counts.items()},
        "issues": [
            {
                "issue": r.issue.id,
                "a": None if r.a is None else r.a.stance.id,
                "b": None if r.b is None else r.b.stance.id,
                "verdict": r.verdict.value,
                "conditional": [
                    x.id
                    for x, p in ((view.a, r.a), (view.b, r.b))
                    if p is not None and p.conditions
                ],
            }
            for r in view.rows
        ],
    }


def _compare(view: views.CompareView) -> JSONValue:
    return {
        "as_of": _date(view.as_of),
        "actors": [a.id for a in view.actors],
        "issues": [
            {
                "id": r.issue.id,
                "status": r.status.value,
                "stances": {c.actor.id: stance_id(c.stance) for c in r.cells},
                "conditional": list(r.sides.conditional),
                "not_party": list(r.sides.not_party),
                **_marked(r.cells),
            }
            for r in view.rows
        ],
        "sort": view.sort,
        "top": view.top,
        "left_out": view.left_out,
    }


def _marked(cells: Sequence[views.Cell]) -> dict[str, JSONValue]:
    """The marks `compare` shows beside a stance, each as the actors it marks, sorted
    as `conditional` is: a red line (`!`), an indirect (`~`) or an inferred (`?`)
    position."""
    stated = [c.position for c in cells if c.position is not None]
    return {
        "red_line": sorted(p.actor for p in stated if p.red_line),
        "indirect": sorted(p.actor for p in stated if p.basis is Basis.INDIRECT),
        "inferred": sorted(p.actor for p in stated if p.basis is Basis.INFERRED),
    }


def coalition_json(c: Coalition) -> dict[str, JSONValue]:
    return {"members": list(c.members), "cohesion": _score(c.cohesion), "mean": _score(c.mean)}


def _alignment(view: views.AlignmentView) -> JSONValue:
    ids = [a.id for a in view.actors]
    return {
        "as_of": _date(view.as_of),
        "actors": ids,
        "matrix": {a: {b: pair_json(view.matrix[a, b]) for b in ids} for a in ids},
        "weighted": view.weighted,
        "threshold": view.threshold,
        "min_shared": view.min_shared,
        "coalitions_asked": view.wanted,
        "coalitions": [coalition_json(c) for c in view.coalitions],
        "sweeping": view.sweeping,
        "groups": [
            {
                "id": g.group.id,
                "name": g.group.name,
                "members": list(g.members),
                "lowest": _score(g.lowest),
                "mean": _score(g.mean),
                "pairs": g.pairs,
            }
            for g in view.groups
        ],
        "focus": None if view.focus is None else view.focus.id,
        "partners_min_shared": view.partners_min_shared,
        "unlisted": [a.id for a in view.unlisted],
        "partners": [
            {
                "actor": p.actor.id,
                **pair_json(p.score),
                "agree": [i.id for i in p.agree],
                "partial": [i.id for i in p.partial],
                "clash": [i.id for i in p.clash],
            }
            for p in view.partners
        ],
        "sort": view.sort,
        "top": view.top,
        "pairs": [{"a": a, "b": b, **pair_json(pair)} for a, b, pair in view.listed],
        "left_out": view.left_out,
        "partners_left_out": view.partners_left_out,
    }


def _history(view: views.HistoryView) -> JSONValue:
    return {
        "as_of": _date(view.as_of),
        "shifts": view.shifts,
        "positions": [
            {
                "actor": e.actor.id,
                "issue": e.issue.id,
                "date": e.position.date.isoformat(),
                "stance": e.position.stance.id,
                "previous": stance_id(e.previous),
                "shift": e.shift,
                "summary": e.position.summary,
                "quote": e.position.quote,
                "source": e.source.id,
                "source_name": e.source.name,
                **format_2_json(e.position, view.sources),
            }
            for e in view.entries
        ],
    }


def outlook_json(o: DealOutlook) -> dict[str, JSONValue]:
    return {
        **o._asdict(),
        "outcome": o.outcome.value,
        "direction": None if o.direction is None else o.direction.value,
        "blocks": [
            {"by": list(b.by), "direction": b.direction.value, "hard": list(b.hard)}
            for b in o.blocks
        ],
    }


def _deal(view: views.DealView) -> JSONValue:
    return {
        "as_of": _date(view.as_of),
        "actors": [a.id for a in view.actors],
        "issues": [outlook_json(r.outlook) for r in view.rows],
    }


def _pair_line(p: views.PairLine) -> JSONValue:
    return {"a": p.a.id, "b": p.b.id, **pair_json(p.score)}


def _brief(view: views.BriefView) -> JSONValue:
    from positions.render import trades as trades_render  # it builds on the terminal renderer

    return {
        "as_of": _date(view.as_of),
        "title": view.title,
        "positions": view.positions,
        "speakers": view.speakers,
        "consensus": [
            {
                "issue": r.issue.id,
                "side": "support" if r.sides.support else "oppose",
                "actors": list(r.sides.support or r.sides.oppose),
            }
            for r in view.consensus
        ],
        "contested": [
            {"issue": r.issue.id, "support": list(r.sides.support), "oppose": list(r.sides.oppose)}
            for r in view.contested
        ],
        "deals": [outlook_json(r.outlook) for r in view.deals],
        "closest": [_pair_line(p) for p in view.closest],
        "furthest": [_pair_line(p) for p in view.furthest],
        "recent_shifts": [
            {
                "actor": s.actor,
                "issue": s.issue,
                "date": s.after.date.isoformat(),
                "from": s.before.stance.id,
                "to": s.after.stance.id,
                "counting": None if (c := counting(s.before, s.after)) is None else c.value,
                "source": s.after.source,
            }
            for s in view.recent_shifts
        ],
        "gaps": [{"issue": r.issue.id, "unstated": list(r.sides.unstated)} for r in view.gaps],
        "trades": [] if view.trades is None else trades_render.trades_json(view.trades),
        "trades_found": 0 if view.trades is None else view.trades.found,
        "not_party": [a.id for a in view.absent],
        "packages": [] if view.trades is None else trades_render.packages_json(view.trades),
        "landings": [
            {
                "issue": r.issue.id,
                "median": r.landing.median,
                "pivot": r.landing.pivot,
                "pivot_conditional": r.landing.pivot_conditional,
                "red_lines_crossed": list(r.landing.across),
            }
            for r in view.landings
        ],
        "red_lines": [
            {"actor": c.actor.id, "issue": issue.id, "stance": stance_id(c.stance)}
            for issue, c in view.red_lines
        ],
        "changed": {
            "since": _date(view.changed_window[0]),
            "until": _date(view.changed_window[1]),
            "counts": dict(view.changed),
        },
        "inferences": [
            {
                "actor": c.actor.id,
                "issue": issue.id,
                "stance": stance_id(c.stance),
                "basis": None if c.position is None else c.position.basis.value,
                "note": None if c.position is None else c.position.note,
            }
            for issue, c in view.inferences
        ],
    }


def _landing(view: views.LandingView) -> JSONValue:
    return {
        "as_of": _date(view.as_of),
        "model": "weighted median",
        "weighted": view.weighted,
        "actors": [a.id for a in view.actors],
        "scenario": {issue.id: outcome for issue, outcome in view.scenario},
        "issues": [
            {
                "issue": r.issue.id,
                "median": r.landing.median,
                "pivot": r.landing.pivot,
                "mean": _score(r.landing.mean),
                "parties": [
                    {
                        "actor": p.actor,
                        "score": p.score,
                        "weight": round(p.weight, 4),
                        "distance": None
                        if r.landing.median is None
                        else abs(p.score - r.landing.median),
                        "red_line": p.red_line,
                        "conditional": p.conditional,
                    }
                    for p in r.landing.placed
                ],
                "red_lines_crossed": list(r.landing.across),
                "unplaced": list(r.unplaced),
            }
            for r in view.rows
        ],
    }


_RENDERERS: dict[type, Callable[[Any], JSONValue]] = {
    views.BriefView: _brief,
    views.IssuesView: _issues,
    views.ActorsView: _actors,
    views.ShowView: _show,
    views.DiffView: _diff,
    views.CompareView: _compare,
    views.AlignmentView: _alignment,
    views.HistoryView: _history,
    views.DealView: _deal,
    views.LandingView: _landing,
}


def _own_modules() -> dict[type, Callable[[Any], JSONValue]]:
    """The views whose command keeps its JSON form beside its renderer."""
    from positions import changed, traded
    from positions.render import changes as changes_render
    from positions.render import trades as trades_render

    return {
        changed.ChangesView: changes_render.as_json,
        traded.TradesView: trades_render.as_json,
    }
