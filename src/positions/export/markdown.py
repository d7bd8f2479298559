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
from collections.abc import Iterable, Sequence

from positions.export import web_url
from positions.model import UNSTATED_SYMBOL, Stance, label_of, symbol_of
from positions.text import printable
from positions.views import Cell, CompareRow, ReportView, names_in_order, score_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#!])")


def md(text: str, *, in_cell: bool = True) -> str:
    """Untrusted text as literal inline Markdown."""
    escaped = _SPECIAL.sub(r"\\\1", printable(text, keep_newlines=True))
    return escaped.replace("\n", "<br>" if in_cell else " ")


def _table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _matrix(view: ReportView) -> str:
    header = ["Issue", *(md(a.name) for a in view.actors), "Status"]
    align = [":---", *(":---:" for _ in view.actors), ":---"]
    rows = [
        [
            md(row.issue.title),
            *(symbol_of(c.stance) for c in row.cells),
            row.status.value,
        ]
        for row in view.rows
    ]
    legend = " · ".join(f"`{s.symbol}` {s.label}" for s in sorted(Stance, key=lambda s: -s.score))
    return f"{_table(header, align, rows)}\n\n{legend} · `{UNSTATED_SYMBOL}` unstated"


def _sides(view: ReportView, row: CompareRow) -> str:
    parts = [f"**{row.status.value}**"]
    for label, ids in row.sides.labelled():
        names = names_in_order(view.actors, ids)
        parts.append(f"{label}: " + (", ".join(md(n) for n in names) if names else "none"))
    return " · ".join(parts)


def _source(c: Cell) -> str:
    assert c.position is not None
    if c.source is None:
        return md(c.position.source)
    url = web_url(c.source.url)
    name = md(c.source.name)
    return name if url is None else f"[{name}]({url})"


def _position(c: Cell) -> str:
    assert c.position is not None
    text = md(c.position.summary)
    if c.position.quote:
        text += f"<br>*“{md(c.position.quote)}”*"
    return text


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
                        f"{symbol_of(c.stance)} {label_of(c.stance)}",
                        _position(c),
                        _source(c),
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
        "Agreement = 1 − mean(|a − b|) / 4 over the issues both have stated "
        "(their number in brackets): 1 means identical stances, 0 opposite extremes, "
        "n/a no issue in common.",
        _agreement(view),
    ]
    return "\n\n".join(parts) + "\n"
