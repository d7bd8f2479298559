"""The comparison as one JSON document (`"format": 1`); keys documented in docs/json.md.

Built from the same helpers as `--json` of the read commands, so a position,
a set of sides or a pair score has the same shape everywhere.
"""

from __future__ import annotations

import json

from positions.render.json import JSONValue, actor_json, pair_json, position_json, sides_json
from positions.text import json_inert
from positions.views import ReportView

#: Bumped only when a key changes meaning or disappears; new keys may be added.
FORMAT = 1


def document(view: ReportView) -> dict[str, JSONValue]:
    """The export as plain data, before it is serialised."""
    ids = [a.id for a in view.actors]
    return {
        "format": FORMAT,
        "title": view.title,
        "as_of": None if view.as_of is None else view.as_of.isoformat(),
        "actors": [actor_json(a) for a in view.actors],
        "issues": [
            {
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
            for row in view.rows
        ],
        "agreement": {a: {b: pair_json(view.matrix[a, b]) for b in ids} for a in ids},
        "weighted": view.weighted,
    }


def render(view: ReportView) -> str:
    return json_inert(json.dumps(document(view), ensure_ascii=False, indent=2)) + "\n"
