"""The comparison as GitHub-flavoured Markdown: the matrix, each issue, the agreement.

Data text goes through `md()` only. It shows control characters as escapes,
backslash-escapes every character that could start markup inside a line
(code, emphasis, links, images, raw HTML, entities, strikethrough, maths,
table pipes, heading closers), and turns line breaks into `<br>` inside a
table cell and into a space elsewhere, so a summary renders literally on
GitHub and can never end a table row or open a block. Characters that only
act at the start of a line (`-`, `+`, `1.`, `=`) are left alone because data
never starts a line here: it is inside a table cell, after a heading's `#`,
after a label, or inside `*...*`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from positions.export import web_url
from positions.model import (
    LONG_STANDING,
    MARKS,
    NOTE_LABEL,
    UNSTATED_SYMBOL,
    Basis,
    Position,
    Source,
    Stance,
    cell_symbol,
    label_of,
)  # fmt: skip
from positions.text import only_if, printable
from positions.views import Cell, CompareRow, ReportView, attributions, names_in_order, score_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#!])")


def md(text: str, *, in_cell: bool = True) -> str:
    """Untrusted text as literal inline Markdown."""
    escaped = _SPECIAL.sub(r"\\\1", printable(text, keep_newlines=True))
    return escaped.replace("\n", "<br>" if in_cell else " ")


def _table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def symbol(c: Cell) -> str:
    """The cell's symbol with its marks (basis, conditional, red line), unescaped."""
    return cell_symbol(c.position, c.party)


def _matrix(view: ReportView) -> str:
    header = ["Issue", *(md(a.name) for a in view.actors), "Status"]
    align = [":---", *(":---:" for _ in view.actors), ":---"]
    rows = [
        [
            md(row.issue.title),
            *(md(symbol(c)) for c in row.cells),
            row.status.value,
        ]
        for row in view.rows
    ]
    legend = " · ".join(f"`{s.symbol}` {s.label}" for s in sorted(Stance, key=lambda s: -s.score))
    shown = set("".join(symbol(c) for row in view.rows for c in row.cells))
    marks = "".join(f" · `{mark}` {meaning}" for mark, meaning in MARKS if mark in shown)
    return f"{_table(header, align, rows)}\n\n{legend} · `{UNSTATED_SYMBOL}` unstated{marks}"


def _sides(view: ReportView, row: CompareRow) -> str:
    parts = [f"**{row.status.value}**"]
    for label, ids in row.sides.labelled():
        names = names_in_order(view.actors, ids)
        parts.append(f"{label}: " + (", ".join(md(n) for n in names) if names else "none"))
    return " · ".join(parts)


def _source(c: Cell, sources: Mapping[str, Source]) -> str:
    """Each evidence item's source, linked to the item's own article (else the
    source's site), after its speaker and before its own date; items said alike once."""
    lines = []
    for a in attributions(c, sources):
        url = web_url(a.url)
        line = md(a.source) if url is None else f"[{md(a.source)}]({url})"
        if a.speaker is not None:
            line = f"{md(a.speaker)}, via {line}"
        if a.date is not None:  # the date column has the position's own
            line += f", {a.date.isoformat()}"
        lines.append(line)
    return "<br>".join(lines)


def _held(p: Position) -> str:
    assert p.held_since is not None
    return "long-standing" if p.held_since == LONG_STANDING else f"held since {p.held_since}"


def _position(c: Cell) -> str:
    """The summary; the note, conditions, red line, salience and since when (format 2);
    then every quote."""
    p = c.position
    assert p is not None
    lines = [md(p.summary)]
    if p.note is not None or p.basis is not Basis.REPORTED:
        note = "" if p.note is None else f": {md(p.note)}"
        lines.append(f"**{NOTE_LABEL[p.basis]}**{note}")
    if c.conditions:
        lines.append(only_if([(md(issue.title), outcome) for issue, outcome in c.conditions]))
    facts = ["**red line**"] * p.red_line
    facts += [] if p.salience is None else [f"salience {p.salience:g}"]
    facts += [] if p.held_since is None else [_held(p)]
    if facts:
        lines.append(", ".join(facts))
    lines += [f"*“{md(e.quote)}”*" for e in p.evidence if e.quote]
    return "<br>".join(lines)


def _issue(view: ReportView, row: CompareRow) -> str:
    parts = [
        f"### {md(row.issue.title, in_cell=False)}",
        f"*{md(row.issue.question, in_cell=False)}*",
        _sides(view, row),
    ]
    stated = [c for c in row.cells if c.position is not None]
    if stated:
        parts.append(
            _table(
                ["Actor", "Stance", "Position", "Source", "Date"],
                [":---"] * 5,
                (
                    [
                        md(c.actor.name),
                        md(f"{symbol(c)} {label_of(c.stance)}"),
                        _position(c),
                        _source(c, view.sources),
                        c.position.date.isoformat(),
                    ]
                    for c in stated
                    if c.position is not None
                ),
            )
        )
    else:
        parts.append("No positions recorded.")
    return "\n\n".join(parts)


def _agreement(view: ReportView) -> str:
    header = ["", *(md(a.name) for a in view.actors)]
    align = [":---", *(":---:" for _ in view.actors)]
    rows = []
    for a in view.actors:
        cells = [f"**{md(a.name)}**"]
        for b in view.actors:
            pair = view.matrix[a.id, b.id]
            if a.id == b.id:
                cells.append("—")
            elif pair.score is None:
                cells.append("n/a")
            else:
                cells.append(f"{score_text(pair)} ({pair.shared})")
        rows.append(cells)
    return _table(header, align, rows)


def render(view: ReportView) -> str:
    sentence, date = view.current_to()
    as_of = sentence if date is None else sentence.format(date.isoformat())
    parts = [
        f"# {md(view.title, in_cell=False)}",
        as_of + " Each issue is a yes/no question: *support* means yes, *oppose* means no.",
        "## Where each actor stands",
        _matrix(view),
        "## Positions by issue",
        *(_issue(view, row) for row in view.rows),
        "## Agreement between actors",
        view.agreement_note(),
        _agreement(view),
    ]
    return "\n\n".join(parts) + "\n"
