"""The comparison as one self-contained HTML page: inline CSS, no scripts, no requests.

Every piece of data text reaches the page through `escape()` (via `h()`),
the one choke point: control and bidi characters are made visible, then
`html.escape` turns `<`, `>`, `&` and both quotes into entities, so data can
never become markup, in text or in an attribute. Markup we write ourselves
is an `Html` value and is never escaped twice. A Content-Security-Policy
in the page forbids scripts and every request, as a second line of defence.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path

from positions.analysis import PairScore, Status
from positions.export import web_url
from positions.model import Stance, label_of, symbol_of
from positions.text import printable
from positions.views import Cell, CompareRow, ReportView, names_in_order, score_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class Html(str):
    """Markup written by this module; any other str is text to escape."""

    __slots__ = ()


def escape(value: str) -> Html:
    """Data text as inert HTML text, usable in element content and in attributes."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(printable(value, keep_newlines=True), quote=True))


def h(template: str, *values: str) -> Html:
    """`template` (our own literal markup) with each `{}` filled by escaped `values`."""
    return Html(template.format(*(escape(v) for v in values)))


def join(parts: Iterable[Html], separator: str = "") -> Html:
    return Html(separator.join(parts))


# --- pieces ---------------------------------------------------------------------------


def _stance_class(stance: Stance | None) -> str:
    return "unstated" if stance is None else stance.id.replace("_", "-")


def _stance_cell(stance: Stance | None) -> Html:
    """A colour-coded cell that also carries the stance as a symbol and in words."""
    return h(
        '<td class="st {}"><span class="sym" aria-hidden="true">{}</span> '
        '<span class="word">{}</span></td>',
        _stance_class(stance),
        symbol_of(stance),
        label_of(stance),
    )


def _chip(stance: Stance | None) -> Html:
    """The stance's symbol on its colour, for legends and position tables."""
    return h(
        '<span class="chip st {}"><span class="sym" aria-hidden="true">{}</span></span>',
        _stance_class(stance),
        symbol_of(stance),
    )


def _time(date: dt.date) -> Html:
    return h('<time datetime="{}">{}</time>', date.isoformat(), date.isoformat())


def _status(status: Status) -> Html:
    return h('<span class="status {}">{}</span>', status.value, status.value)


def _legend() -> Html:
    items = [h("<li>{} {}</li>", _chip(s), s.label) for s in sorted(Stance, key=lambda s: -s.score)]
    items.append(h("<li>{} {}</li>", _chip(None), "unstated (no position recorded)"))
    return h('<ul class="legend" aria-label="Legend">{}</ul>', join(items))


def _matrix(view: ReportView) -> Html:
    head = join(h('<th scope="col" class="actor">{}</th>', a.name) for a in view.actors)
    rows = [
        h(
            '<tr><th scope="row"><a href="#issue-{}">{}</a></th>{}<td>{}</td></tr>',
            row.issue.id,
            row.issue.title,
            join(_stance_cell(c.stance) for c in row.cells),
            _status(row.status),
        )
        for row in view.rows
    ]
    return h(
        '<div class="wide"><table class="matrix">\n'
        "<caption>Stance of each actor on each issue's question</caption>\n"
        '<thead><tr><th scope="col">Issue</th>{}<th scope="col">Status</th></tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table></div>",
        head,
        join(rows, "\n"),
    )


def _source(c: Cell) -> Html:
    assert c.position is not None
    name = c.position.source if c.source is None else c.source.name
    url = web_url(None if c.source is None else c.source.url)
    if url is None:
        shown = escape(name)
    else:
        shown = h('<a href="{}" rel="noopener noreferrer">{}</a>', url, name)
    return h("{}<br>{}", shown, _time(c.position.date))


def _position_row(c: Cell) -> Html:
    assert c.position is not None
    quote = (
        h('<blockquote class="quote">“{}”</blockquote>', c.position.quote)
        if c.position.quote
        else Html("")
    )
    return h(
        '<tr><th scope="row">{}</th><td class="stance">{} {}</td>'
        '<td><p class="summary">{}</p>{}</td><td class="source">{}</td></tr>',
        c.actor.name,
        _chip(c.stance),
        label_of(c.stance),
        c.position.summary,
        quote,
        _source(c),
    )


def _sides(view: ReportView, row: CompareRow) -> Html:
    items = []
    for label, ids in row.sides.labelled():
        names = names_in_order(view.actors, ids)
        items.append(
            h(
                "<div><dt>{} ({})</dt><dd>{}</dd></div>",
                label,
                str(len(names)),
                join((h("<bdi>{}</bdi>", n) for n in names), ", ") if names else "none",
            )
        )
    return h('<dl class="sides">{}</dl>', join(items))


def _issue(view: ReportView, row: CompareRow) -> Html:
    stated = [c for c in row.cells if c.position is not None]
    if stated:
        table = h(
            '<table class="positions">\n<thead><tr><th scope="col">Actor</th>'
            '<th scope="col">Stance</th><th scope="col">Position</th>'
            '<th scope="col">Source</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>',
            join((_position_row(c) for c in stated), "\n"),
        )
    else:
        table = Html('<p class="none">No positions recorded.</p>')
    return h(
        '<section class="issue" id="issue-{}">\n<h3>{} {}</h3>\n'
        '<p class="question">{}</p>\n{}\n{}\n</section>',
        row.issue.id,
        row.issue.title,
        _status(row.status),
        row.issue.question,
        _sides(view, row),
        table,
    )


def _agreement_cell(a: str, b: str, pair: PairScore) -> Html:
    if a == b:
        return Html('<td class="self">—</td>')
    if pair.score is None:
        return Html('<td class="na">n/a</td>')
    return h('<td>{} <span class="shared">({})</span></td>', score_text(pair), str(pair.shared))


def _agreement(view: ReportView) -> Html:
    head = join(h('<th scope="col" class="actor">{}</th>', a.name) for a in view.actors)
    rows = [
        h(
            '<tr><th scope="row">{}</th>{}</tr>',
            a.name,
            join(_agreement_cell(a.id, b.id, view.matrix[a.id, b.id]) for b in view.actors),
        )
        for a in view.actors
    ]
    return h(
        '<div class="wide"><table class="agreement">\n'
        "<caption>Agreement of the row's actor with the column's actor</caption>\n"
        "<thead><tr><td></td>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table></div>",
        head,
        join(rows, "\n"),
    )


# --- the page -------------------------------------------------------------------------


def _style() -> str:
    """The page's style sheet, a file of its own (report.css) beside this module.

    Colours: each stance has a background and a text colour chosen for a
    contrast of at least 4.5:1, in light and in dark mode; the symbol and the
    word carry the stance without colour (and in a black-and-white print).
    """
    return (Path(__file__).parent / "report.css").read_text(encoding="utf-8")


def render(view: ReportView) -> str:
    sentence, date = view.current_to()
    as_of = Html(sentence) if date is None else h(sentence, _time(date))
    body = h(
        "<header>\n<h1>{}</h1>\n"
        '<p class="as-of">{} Each issue is a yes/no question: <em>support</em> means yes, '
        "<em>oppose</em> means no.</p>\n</header>\n"
        "<main>\n"
        '<section aria-labelledby="stances">\n<h2 id="stances">Where each actor stands</h2>\n'
        "{}\n{}\n</section>\n"
        '<section aria-labelledby="issues">\n<h2 id="issues">Positions by issue</h2>\n'
        "{}\n</section>\n"
        '<section aria-labelledby="agreement">\n<h2 id="agreement">Agreement between actors</h2>\n'
        '<p class="note">Agreement = 1 − mean(|a − b|) / 4 over the issues both have stated '
        "(their number in brackets): 1 means identical stances, 0 opposite extremes, "
        "n/a no issue in common.</p>\n{}\n</section>\n"
        "</main>\n"
        "<footer>Made with positions. Stances are scored −2 (strongly oppose) to +2 "
        "(strongly support); an unstated actor has no recorded position, which is not "
        "the same as neutral.</footer>",
        view.title,
        as_of,
        _matrix(view),
        _legend(),
        join((_issue(view, row) for row in view.rows), "\n"),
        _agreement(view),
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        + '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="generator" content="positions">\n'
        + h("<title>{}</title>\n", view.title)
        + f"<style>\n{_style()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
