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
from collections.abc import Iterable, Iterator, Mapping, Sequence

from positions.export import web_url
from positions.model import (
    LONG_STANDING,
    MARKS,
    NOTE_LABEL,
    UNSTATED_SYMBOL,
    Actor,
    Basis,
    Position,
    Source,
    Stance,
    cell_symbol,
    label_of,
)
from positions.text import only_if, printable
from positions.views import (
    SUMMARY_COLUMNS,
    Briefing,
    Cell,
    CompareRow,
    ReportView,
    attributions,
    divided_key,
    most_divided,
    names_in_order,
    score_text,
    summarised,
    summary_counts,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#!])")


def md(text: str, *, in_cell: bool = True) -> str:
    """Untrusted text as literal inline Markdown."""
    escaped = _SPECIAL.sub(r"\\\1", printable(text, keep_newlines=True))
    return escaped.replace("\n", "<br>" if in_cell else " ")


def _table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    return "".join(_lines(header, align, rows))


def _lines(
    header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]
) -> Iterator[str]:
    """A table a line at a time, each but the first after its line break."""
    yield "| " + " | ".join(header) + " |"
    yield "\n| " + " | ".join(align) + " |"
    for row in rows:
        yield "\n| " + " | ".join(row) + " |"


def symbol(c: Cell) -> str:
    """The cell's symbol with its marks (basis, conditional, red line), unescaped."""
    return cell_symbol(c.position, c.party)


def _matrix(view: ReportView) -> Iterator[str]:
    """The issues x actors table, then its legend: the marks it showed."""
    header = ["Issue", *(md(a.name) for a in view.actors), "Status"]
    align = [":---", *(":---:" for _ in view.actors), ":---"]
    shown: set[str] = set()  # every character of every symbol, as the rows go by

    def line(row: CompareRow) -> list[str]:
        symbols = [symbol(c) for c in row.cells]
        shown.update("".join(symbols))
        return [md(row.issue.title), *(md(s) for s in symbols), row.status.value]

    yield from _lines(header, align, (line(row) for row in view.rows))
    legend = " · ".join(f"`{s.symbol}` {s.label}" for s in sorted(Stance, key=lambda s: -s.score))
    marks = "".join(f" · `{mark}` {meaning}" for mark, meaning in MARKS if mark in shown)
    yield f"\n\n{legend} · `{UNSTATED_SYMBOL}` unstated{marks}"


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
        if a.date is not None:  # an item's own date: the Date column has the position's
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


def _summary(view: ReportView) -> Iterator[str]:
    """Each issue's counts a row, then the most divided issues with their sides
    (`views.summarised`: as the HTML page's summary)."""
    cells = len(view.actors) * len(view.rows)
    yield (
        f"{len(view.actors):,} actors on {len(view.rows):,} issues: {cells:,} cells, too "
        "many for one table. Each issue's counts are here (a conditional stance counted "
        "apart from the sides); `positions show ISSUE` shows one issue's positions, and "
        "`positions export --format csv` every one.\n\n"
    )
    divided: list[tuple[tuple[int, int], int]] = []

    def line(n: int, row: CompareRow) -> list[str]:
        divided.append((divided_key(row), n))
        return [md(row.issue.title), row.status.value, *summary_counts(row)]

    yield from _lines(
        list(SUMMARY_COLUMNS),
        [":---", ":---", *["---:"] * 6],
        (line(n, row) for n, row in enumerate(view.rows)),
    )
    shown = most_divided(divided)
    yield (
        f"\n\n## Positions by issue\n\nThe {len(shown):,} most divided of "
        f"{len(view.rows):,} issues."
    )
    for n in shown:
        yield "\n\n" + _issue(view, view.rows[n], positions=False)


def _issue(view: ReportView, row: CompareRow, positions: bool = True) -> str:
    """An issue's section: title, question, sides and (unless a summary leaves them
    out) every position with its evidence."""
    parts = [
        f"### {md(row.issue.title, in_cell=False)}",
        f"*{md(row.issue.question, in_cell=False)}*",
        _sides(view, row),
    ]
    stated = [c for c in row.cells if c.position is not None]
    if not positions:
        pass
    elif stated:
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


def _agreement(view: ReportView) -> Iterator[str]:
    header = ["", *(md(a.name) for a in view.actors)]
    align = [":---", *(":---:" for _ in view.actors)]

    def line(a: Actor) -> list[str]:
        cells = [f"**{md(a.name)}**"]
        for b in view.actors:
            pair = view.matrix[a.id, b.id]
            if a.id == b.id:
                cells.append("—")
            elif pair.score is None:
                cells.append("n/a")
            else:
                cells.append(f"{score_text(pair)} ({pair.shared})")
        return cells

    return _lines(header, align, (line(a) for a in view.actors))


def _brief(view: ReportView, b: Briefing) -> str:
    """The brief as GFM sections: each with its first BRIEF_ITEMS items, then how many
    more (and the command that lists every one)."""
    from positions.export.briefed import BRIEF_ITEMS, sections

    lead, found = sections(view, b)
    parts = [f"## Briefing\n\n{md(lead, in_cell=False)}\n"]
    for section in found:
        parts.append(f"\n### {section.title} ({section.total():,})\n\n")
        if not section.lines:
            parts.append(f"*{md(section.empty, in_cell=False)}*\n")
            continue
        for line in section.lines[:BRIEF_ITEMS]:
            said = f"**{md(line.lead, in_cell=False)}**"
            if line.prefix:
                said = f"{md(line.prefix, in_cell=False)} {said}"
            if line.rest:
                said += f": {md(line.rest, in_cell=False)}"
            parts.append(f"- {said}\n")
        rest = max(len(section.lines) - BRIEF_ITEMS, 0) + section.unlisted()
        if rest:
            parts.append(f"- and {rest:,} more (`{section.whole}` lists every one)\n")
    return "".join(parts) + "\n"


def render(view: ReportView) -> str:
    return "".join(chunks(view))


def chunks(view: ReportView) -> Iterator[str]:
    """The document a piece at a time: its parts, a blank line between each two."""
    sentence, date = view.current_to()
    as_of = sentence if date is None else sentence.format(date.isoformat())
    note = "" if view.note is None else md(view.note, in_cell=False) + "\n\n"
    yield (
        f"# {md(view.title, in_cell=False)}\n\n"
        + note
        + as_of
        + " Each issue is a yes/no question: *support* means yes, *oppose* means no.\n\n"
    )
    if view.briefing is not None:
        yield _brief(view, view.briefing)
    yield "## Where each actor stands\n\n"
    if summarised(view):
        yield from _summary(view)
    else:
        yield from _matrix(view)
        yield "\n\n## Positions by issue"
        for row in view.rows:
            yield "\n\n" + _issue(view, row)
    yield "\n\n## Agreement between actors\n\n" + view.agreement_note() + "\n\n"
    yield from _agreement(view)
    yield "\n"
