"""`positions changes` as a rich renderable and as JSON (docs/json.md).

The entries are grouped by kind, the ones a memo leads with first (shifts, then what
changed what is counted, who left or joined, then new and restated positions); inside
a group, by date, actor and issue, as the view orders them. Every text from the data
enters through the terminal renderer's `_data()`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from positions import views
from positions.changed import RECENT_DAYS, Change, ChangesView, Kind, Move
from positions.model import Source, said_alike
from positions.render.json import format_2_json
from positions.render.terminal import (
    _data,
    _fit,
    _hanging,
    _heading,
    _marks_legend,
    _qualifiers,
    _table,
    _under_date,
    _view,
    attribution,
    position_stance,
    symbol,
)
from positions.render.words import conditional_change, counted, nothing_changed
from positions.text import and_list, plural

#: Each kind's section: its heading and what it means, in the order a memo reads them.
SECTIONS: tuple[tuple[Kind, str, str], ...] = (
    (Kind.SHIFT, "Shifts", "the stance differs from the position it replaces"),
    (
        Kind.CONDITIONAL,
        "Conditional changes",
        "the same stance, but now conditional (no longer counted) or no longer (now counted)",
    ),
    (Kind.LEFT, "Left", "no longer a party: its positions are withdrawn, no longer counted"),
    (Kind.JOINED, "Joined", "a party from this day"),
    (Kind.NEW, "New positions", "the first recorded position of the actor on the issue"),
    (Kind.RESTATED, "Restated", "the same stance, in a new statement or on new evidence"),
    (Kind.EDITED, "Edited", "a position both files hold, with fields that differ"),
    (Kind.ADDED, "Added", "a position only the new file holds"),
    (Kind.REMOVED, "Removed", "a position only the old file holds"),
)
#: A field as a sentence names it.
FIELD_WORDS = {"red_line": "red line", "held_since": "held since"}


def _counts_text(view: ChangesView) -> str:
    """'3 changes: 1 shift, 2 new' (3 position records changed, with --against); kinds
    with none left out."""
    total = sum(view.counts.values())
    if view.against is None:
        head = plural(total, "change")
    else:
        head = plural(total, "position record") + " changed"
    counts = view.counts
    parts = [counted(kind, counts[kind]) for kind, _, _ in SECTIONS if counts.get(kind)]
    return f"{head}: {', '.join(parts)}" if parts else head


def _window_text(view: ChangesView) -> str:
    since, until = view.since, view.until
    if since is None and until is None:
        return "No position is recorded yet."
    start = "the start" if since is None else since.isoformat()
    if view.recent:
        weeks = RECENT_DAYS // 7
        return f"The last {weeks} weeks of the data: {start} to {until}"
    if until is None:
        return f"From {start} on"
    return f"From {start} to {until.isoformat()}"


def _fields_text(fields: Sequence[str]) -> str:
    return and_list([FIELD_WORDS.get(f, f) for f in fields])


def _stance_line(change: Change) -> Text:
    """'0  neutral -> +  support', with what a change of conditions means in words."""
    before = None if change.before is None else change.before.position
    after = None if change.after is None else change.after.position
    line = Text()
    if after is None:  # removed
        line.append_text(position_stance(before))
        return line
    if before is not None and (
        before.stance != after.stance or frozenset(before.conditions) != frozenset(after.conditions)
    ):
        line.append_text(position_stance(before))
        line.append(" -> ")
    line.append_text(position_stance(after))
    said = None if before is None else conditional_change(before, after)
    if said is not None:
        line.append(f"  {said}", style="cyan")
    if change.kind in (Kind.RESTATED, Kind.EDITED) and change.fields:
        what = "changed" if change.kind is Kind.RESTATED else "edited"
        line.append(f"  {what}: {_fields_text(change.fields)}", style="dim")
    return line


def _body(cell: views.Cell, sources: Mapping[str, Source]) -> list[Text]:
    """The summary, what format 2 adds, then each evidence item: its quote, and who
    said it where and when, with the link to cite."""
    p = cell.position
    assert p is not None
    lines = [_data(p.summary), *_qualifiers(p, cell.conditions)]
    for n, item in enumerate(p.evidence):
        if item.quote:
            lines.append(_data(f"\u201c{item.quote}\u201d", "italic"))
        if said_alike(item, p.evidence[n + 1 : n + 2]):
            continue  # its attribution is the next item's
        lines.append(_data(attribution(item, sources, p.date), "dim"))
        source = sources.get(item.source)
        url = item.url or (None if source is None else source.url)
        if url:
            lines.append(_data(url, "dim"))
    return lines


def _entry(change: Change, sources: Mapping[str, Source]) -> list[RenderableType]:
    head = Text(f"{change.date.isoformat()}  ")
    name = _data(change.actor.name, "bold")
    head.append_text(name)
    if change.issue is not None:
        head.append(" on ")
        head.append_text(_data(change.issue.title, "bold"))
    w = change.actor.active
    if change.kind is Kind.JOINED:
        head.append(f"  a party from {change.date.isoformat()}", style="dim")
    if change.kind is Kind.LEFT:
        head.append(f"  a party until {change.date.isoformat()}", style="dim")
    parts: list[RenderableType] = [_hanging(head)]
    if change.kind is Kind.JOINED and w is not None and w.end is not None:
        parts.append(_under_date(Text(f"and until {w.end.isoformat()}", style="dim")))
    if change.kind is Kind.LEFT:
        if not change.withdrawn:
            parts.append(_under_date(Text("no position in force to withdraw", style="dim")))
        for issue, cell in change.withdrawn:
            assert cell.position is not None
            line = Text("withdrawn: ", style="bold magenta")
            line.append_text(_data(issue.title))
            line.append("  ")
            line.append_text(position_stance(cell.position))
            line.append(f"  dated {cell.position.date.isoformat()}", style="dim")
            parts.append(_under_date(line))
        return parts
    if change.kind is Kind.JOINED:
        return parts
    parts.append(_under_date(_stance_line(change)))
    shown = change.after if change.after is not None else change.before
    assert shown is not None
    body = _body(shown, sources)
    before = change.before
    if (
        change.kind is Kind.EDITED
        and "summary" in change.fields
        and before is not None
        and before.position is not None
    ):
        was = Text("was: ", style="dim")
        was.append_text(_data(before.position.summary, "dim"))
        body.insert(1, was)  # under the summary it was
    parts += [_under_date(line) for line in body]
    return parts


def _symbols(change: Change) -> list[str]:
    cells = [c for c in (change.before, change.after) if c is not None]
    cells += [c for _, c in change.withdrawn]
    return [symbol(c.position, c.party) for c in cells]


def _sections(view: ChangesView) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for kind, title, meaning in SECTIONS:
        entries = [e for e in view.entries if e.kind is kind]
        if not entries:
            continue
        heading = Text(f"{title} ({len(entries):,})", style="bold")
        heading.append(f": {meaning}", style="dim")
        parts += [Text(), heading]
        for n, change in enumerate(entries):
            if n:
                parts.append(Text())
            parts += _entry(change, view.sources)
    return parts


def _in_force(cell: views.Cell | None) -> Text:
    if cell is None:
        return Text("not in the file", style="dim italic")
    return position_stance(cell.position, cell.party)


def _moves(moved: Sequence[Move]) -> list[RenderableType]:
    if not moved:
        return []
    table = _table("Actor", "Issue", "Old file", "New file")
    table.columns[0].ratio = 2
    table.columns[1].ratio = 3
    table.columns[2].no_wrap = table.columns[3].no_wrap = True
    for m in moved:
        table.add_row(
            _data(m.actor.name, "bold"),
            _data(m.issue.title),
            _in_force(m.before),
            _in_force(m.after),
        )
    heading = Text(f"Stances in force that differ ({len(moved):,})", style="bold")
    heading.append(": the latest position of each pair", style="dim")
    return [Text(), heading, _fit(table)]


def _catalog_lines(view: ChangesView) -> list[RenderableType]:
    """Actors and issues added or removed; a removed one by its old name and id."""
    lines: list[RenderableType] = []
    rows = (
        ("Actors added", [(a.name, a.id) for a in view.actors_added]),
        ("Actors removed", [(a.name, a.id) for a in view.actors_removed]),
        ("Issues added", [(i.title, i.id) for i in view.issues_added]),
        ("Issues removed", [(i.title, i.id) for i in view.issues_removed]),
    )
    for label, named in rows:
        if not named:
            continue
        line = Text(f"{label}: ", style="bold")
        line.append_text(_data(", ".join(f"{name} ({id_})" for name, id_ in named)))
        lines.append(line)
    return [Text(), *lines] if lines else []


def terminal(view: ChangesView, width: int) -> RenderableType:
    """The heading, the window (or the old file), the counts, then each kind's entries;
    the layout follows the width it is drawn at, so `width` is not needed."""
    head = Text("What changed: ")
    head.append_text(_data(view.title))
    parts: list[RenderableType] = [_heading(head)]
    if view.against is not None:
        line = Text("Against the old file: ")
        line.append_text(_data(view.against))
        parts.append(line)
    else:
        parts.append(Text(_window_text(view)))
    parts.append(Text(_counts_text(view)))
    if view.against is not None:
        parts += _moves(view.moved)
        parts += _catalog_lines(view)
    parts += _sections(view)
    if not view.entries and not view.moved and view.against is None:
        parts += [Text(), _nothing(view)]
    elif not view.entries and view.against is not None and not _catalog_changed(view):
        parts += [Text(), Text("The two files hold the same positions, actors and issues.")]
    shown = [s for e in view.entries for s in _symbols(e)]
    shown += [symbol(c.position, c.party) for m in view.moved for c in (m.before, m.after) if c]
    legend = _marks_legend(shown)
    return _view(*parts, *([Text(), *legend] if legend else []))


def _catalog_changed(view: ChangesView) -> bool:
    return bool(
        view.moved
        or view.actors_added
        or view.actors_removed
        or view.issues_added
        or view.issues_removed
    )


def _nothing(view: ChangesView) -> Text:
    """An empty window, said plainly, with where the data's dates are."""
    said = nothing_changed(view)
    return Text(said, style="dim") if view.span is None else Text(said)


# --- JSON ------------------------------------------------------------------------------


def _position(cell: views.Cell | None, sources: Mapping[str, Source]) -> dict[str, Any] | None:
    """A position as `history --json` writes one (without actor and issue), or None."""
    if cell is None or cell.position is None:
        return None
    p = cell.position
    return {
        "date": p.date.isoformat(),
        "stance": p.stance.id,
        "score": p.stance.score,
        "summary": p.summary,
        "quote": p.quote,
        "source": p.source,
        "source_name": None if cell.source is None else cell.source.name,
        "source_url": None if cell.source is None else cell.source.url,
        **format_2_json(p, sources),
    }


def _in_force_json(cell: views.Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {
        "stance": None if cell.stance is None else cell.stance.id,
        "conditional": cell.position is not None and bool(cell.position.conditions),
        "party": cell.party,
    }


def _change_json(change: Change, sources: Mapping[str, Source]) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "date": change.date.isoformat(),
        "actor": change.actor.id,
        "actor_name": change.actor.name,
        "issue": None if change.issue is None else change.issue.id,
        "issue_title": None if change.issue is None else change.issue.title,
        "before": _position(change.before, sources),
        "after": _position(change.after, sources),
        "fields": list(change.fields),
        "withdrawn": [
            {"issue": issue.id, **(_position(cell, sources) or {})}
            for issue, cell in change.withdrawn
        ],
    }


def as_json(view: ChangesView) -> dict[str, Any]:
    """The view as plain data; docs/json.md lists the keys."""
    return {
        "title": view.title,
        "against": view.against,
        "since": None if view.since is None else view.since.isoformat(),
        "until": None if view.until is None else view.until.isoformat(),
        "recent_days": RECENT_DAYS if view.recent else None,
        "span": None if view.span is None else [d.isoformat() for d in view.span],
        "counts": {kind.value: n for kind, n in view.counts.items()},
        "changes": [_change_json(e, view.sources) for e in view.entries],
        "moved": [
            {
                "actor": m.actor.id,
                "issue": m.issue.id,
                "before": _in_force_json(m.before),
                "after": _in_force_json(m.after),
            }
            for m in view.moved
        ],
        "actors_added": [a.id for a in view.actors_added],
        "actors_removed": [a.id for a in view.actors_removed],
        "issues_added": [i.id for i in view.issues_added],
        "issues_removed": [i.id for i in view.issues_removed],
    }
