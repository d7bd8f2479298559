"""The comparison as one JSON document (`"format": 1`); keys documented in docs/json.md.

Built from the same helpers as `--json` of the read commands, so a position,
a set of sides or a pair score has the same shape everywhere.

`chunks` writes the document as it goes, an issue (or a row of the agreement
matrix) at a time, with exactly the text `json.dumps(document(view), indent=2)`
gives: each piece is dumped on its own and indented to its depth, which is safe
because dumped JSON never holds a raw line break (one in a string is `\\n`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from positions.render import indented
from positions.render.json import JSONValue, actor_json, pair_json, position_json, sides_json
from positions.text import json_inert
from positions.views import CompareRow, ReportView

#: Bumped only when a key changes meaning or disappears; new keys may be added.
FORMAT = 1


def document(view: ReportView) -> dict[str, JSONValue]:
    """The export as plain data, before it is serialised (all of it in memory: `chunks`
    writes the same document a piece at a time)."""
    return {key: _whole(value) for key, value in _fields(view)}


def _whole(value: JSONValue) -> JSONValue:
    if isinstance(value, _Items):
        return list(value.items)
    if isinstance(value, _Pairs):
        return dict(value.members)
    return value


class _Items:
    """A JSON array whose items are made one at a time, as they are written."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[JSONValue]) -> None:
        self.items = items


class _Pairs:
    """A JSON object whose members are made one at a time, as they are written."""

    __slots__ = ("members",)

    def __init__(self, members: Iterable[tuple[str, JSONValue]]) -> None:
        self.members = members


def _fields(view: ReportView) -> list[tuple[str, JSONValue]]:
    """The document's keys in order, the issues and the matrix made lazily."""
    ids = list(dict.fromkeys(a.id for a in view.actors))  # a dict's keys, as json.dumps sees them
    return [
        ("format", FORMAT),
        ("title", view.title),
        ("as_of", None if view.as_of is None else view.as_of.isoformat()),
        ("actors", [actor_json(a) for a in view.actors]),
        ("issues", _Items(_issue(view, row) for row in view.rows)),
        (
            "agreement",
            _Pairs((a, {b: pair_json(view.matrix[a, b]) for b in ids}) for a in ids),
        ),
        ("weighted", view.weighted),
    ]


def _issue(view: ReportView, row: CompareRow) -> dict[str, JSONValue]:
    return {
        "id": row.issue.id,
        "title": row.issue.title,
        "question": row.issue.question,
        "tags": list(row.issue.tags),
        "status": row.status.value,
        "sides": sides_json(row.sides),
        "positions": {
            c.actor.id: None if c.position is None else position_json(c, view.sources)
            for c in row.cells
        },
    }


def render(view: ReportView) -> str:
    return "".join(chunks(view))


def chunks(view: ReportView) -> Iterator[str]:
    """The document's text a piece at a time (see the module's docstring)."""
    for piece in _object(_fields(view), 0):
        yield json_inert(piece)
    yield "\n"


def _dumped(value: JSONValue, depth: int) -> Iterator[str]:
    """`value` as json.dumps(indent=2) writes it `depth` levels down."""
    if isinstance(value, _Items):
        yield from _array(value.items, depth)
    elif isinstance(value, _Pairs):
        yield from _object(value.members, depth)
    else:
        yield indented.dumps(value, depth=depth)


def _array(items: Iterable[JSONValue], depth: int) -> Iterator[str]:
    inner = "\n" + "  " * (depth + 1)
    opened = False
    for item in items:
        yield ("," if opened else "[") + inner
        opened = True
        yield from _dumped(item, depth + 1)
    yield "\n" + "  " * depth + "]" if opened else "[]"


def _object(members: Iterable[tuple[str, JSONValue]], depth: int) -> Iterator[str]:
    inner = "\n" + "  " * (depth + 1)
    opened = False
    for key, value in members:
        yield ("," if opened else "{") + inner + json.dumps(key, ensure_ascii=False) + ": "
        opened = True
        yield from _dumped(value, depth + 1)
    yield "\n" + "  " * depth + "}" if opened else "{}"
