"""The comparison as one self-contained HTML page: inline CSS, no scripts, no requests.

Every piece of data text reaches the page through `escape()` (via `h()`),
the one choke point: control and bidi characters are made visible, then
`html.escape` turns `<`, `>`, `&` and both quotes into entities, so data can
never become markup, in text or in an attribute. Markup we write ourselves
is an `Html` value and is never escaped twice. A Content-Security-Policy
in the page forbids scripts and every request, as a second line of defence.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from positions.analysis import Status
from positions.export import web_url
from positions.model import UNSTATED_SYMBOL, Stance
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
    symbol = UNSTATED_SYMBOL if stance is None else stance.symbol
    label = "unstated" if stance is None else stance.label
    return h(
        '<td class="st {}"><span class="sym" aria-hidden="true">{}</span> '
        '<span class="word">{}</span></td>',
        _stance_class(stance),
        symbol,
        label,
    )


def _chip(stance: Stance | None) -> Html:
    """The stance's symbol on its colour, for legends and position tables."""
    symbol = UNSTATED_SYMBOL if stance is None else stance.symbol
    return h(
        '<span class="chip st {}"><span class="sym" aria-hidden="true">{}</span></span>',
        _stance_class(stance),
        symbol,
    )


def _status(status: Status) -> Html:
    return h('<span class="status {}">{}</span>', status.value, status.value)


def _legend() -> Html:
    items = [h("<li>{} {}</li>", _chip(s), s.label) for s in sorted(Stance, key=lambda s: -s.score)]
    items.append(h("<li>{} {}</li>", _chip(None), "unstated (no position recorded)"))
    return h('<ul class="legend" aria-label="Legend">{}</ul>', join(items))


def _matrix(view: ReportView) -> Html:
    head = join(h('<th scope="col" class="actor">{}</th>', a.name) for a in view.actors)
    rows = []
    for row in view.rows:
        cells = join(_stance_cell(c.stance) for c in row.cells)
        rows.append(
            h(
                '<tr><th scope="row"><a href="#issue-{}">{}</a></th>{}<td>{}</td></tr>',
                row.issue.id,
                row.issue.title,
                cells,
                _status(row.status),
            )
        )
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
    return h(
        '{}<br><time datetime="{}">{}</time>',
        shown,
        c.position.date.isoformat(),
        c.position.date.isoformat(),
    )


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
        "unstated" if c.stance is None else c.stance.label,
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


def _agreement(view: ReportView) -> Html:
    head = join(h('<th scope="col" class="actor">{}</th>', a.name) for a in view.actors)
    rows = []
    for a in view.actors:
        cells = []
        for b in view.actors:
            pair = view.matrix[a.id, b.id]
            if a.id == b.id:
                cells.append(Html('<td class="self">—</td>'))
            elif pair.score is None:
                cells.append(Html('<td class="na">n/a</td>'))
            else:
                cells.append(
                    h(
                        '<td>{} <span class="shared">({})</span></td>',
                        score_text(pair),
                        str(pair.shared),
                    )
                )
        rows.append(h('<tr><th scope="row">{}</th>{}</tr>', a.name, join(cells)))
    return h(
        '<div class="wide"><table class="agreement">\n'
        "<caption>Agreement of the row's actor with the column's actor</caption>\n"
        "<thead><tr><td></td>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table></div>",
        head,
        join(rows, "\n"),
    )


# --- the page -------------------------------------------------------------------------

# Colours: each stance has a background and a text colour chosen for a
# contrast of at least 4.5:1, in light and in dark mode; the symbol and the
# word carry the stance without colour (and in a black-and-white print).
STYLE = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --link: #0550ae;
  --ss-bg: #1a7f37; --ss-fg: #ffffff;
  --s-bg: #dafbe1; --s-fg: #116329;
  --n-bg: #fff8c5; --n-fg: #6f4d00;
  --o-bg: #ffebe9; --o-fg: #a40e26;
  --so-bg: #cf222e; --so-fg: #ffffff;
  --u-bg: transparent; --u-fg: #6e7781;
  --contested: #a40e26; --consensus: #116329; --mixed: #6f4d00; --open: #59636e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #151b23;
    --link: #4493f8;
    --ss-bg: #238636; --ss-fg: #ffffff;
    --s-bg: #12361f; --s-fg: #7ee2a0;
    --n-bg: #3b2e00; --n-fg: #f2cc60;
    --o-bg: #42161b; --o-fg: #ffa198;
    --so-bg: #b62324; --so-fg: #ffffff;
    --u-fg: #8b949e;
    --contested: #ff7b72; --consensus: #56d364; --mixed: #e3b341; --open: #9198a1;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 68rem; padding: 2rem 1.5rem 3rem;
  background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
header { border-bottom: 2px solid var(--line); margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
.as-of { color: var(--muted); margin: 0 0 1rem; }
.note { color: var(--muted); margin: .3rem 0 .8rem; }
a { color: var(--link); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); font-size: .9rem; padding-bottom: .4rem; }
th, td { border: 1px solid var(--line); padding: .45rem .6rem; text-align: left;
  vertical-align: top; }
thead th, thead td { background: var(--head); font-weight: 600; }
tbody th { font-weight: 600; }
.wide { overflow-x: auto; }
.matrix td, .matrix tbody th { vertical-align: middle; }
.matrix tbody th { min-width: 12rem; }
th.actor { text-align: center; }
.matrix td.st { text-align: center; line-height: 1.25; width: 7.5rem; }
.matrix .word { display: block; font-size: .78rem; }
.matrix th a { color: inherit; text-decoration: none; }
.matrix th a:hover { text-decoration: underline; }
.st { background: var(--bg-st); color: var(--fg-st); }
.sym { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-weight: 700; }
.word { font-size: .85rem; }
.strongly-support { --bg-st: var(--ss-bg); --fg-st: var(--ss-fg); }
.support { --bg-st: var(--s-bg); --fg-st: var(--s-fg); }
.neutral { --bg-st: var(--n-bg); --fg-st: var(--n-fg); }
.oppose { --bg-st: var(--o-bg); --fg-st: var(--o-fg); }
.strongly-oppose { --bg-st: var(--so-bg); --fg-st: var(--so-fg); }
.unstated { --bg-st: var(--u-bg); --fg-st: var(--u-fg); }
.unstated .word { font-style: italic; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem;
  padding: 0; margin: .8rem 0 0; font-size: .9rem; }
.chip { display: inline-block; min-width: 2.2rem; text-align: center; border-radius: 4px;
  padding: 0 .3rem; border: 1px solid var(--line); }
.status { font-weight: 600; font-size: .8rem; text-transform: uppercase;
  letter-spacing: .04em; white-space: nowrap; }
.status.contested { color: var(--contested); }
.status.consensus { color: var(--consensus); }
.status.mixed { color: var(--mixed); }
.status.open { color: var(--open); }
h3 .status { margin-left: .5rem; vertical-align: middle; }
.issue { margin: 0 0 2rem; padding-top: .3rem; }
.question { font-style: italic; margin: 0 0 .5rem; }
.sides { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: 0 0 .7rem;
  font-size: .9rem; }
.sides div { display: flex; gap: .35rem; }
.sides dt { color: var(--muted); }
.sides dd { margin: 0; }
.positions th[scope="row"] { width: 11rem; }
.positions td.stance { width: 11rem; white-space: nowrap; }
.positions td.source { width: 13rem; color: var(--muted); font-size: .9rem; }
.summary { margin: 0; white-space: pre-line; }
.quote { margin: .4rem 0 0; padding-left: .7rem; border-left: 3px solid var(--line);
  font-style: italic; white-space: pre-line; }
.agreement td { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
.agreement .shared, .agreement .na, .agreement .self { color: var(--muted); }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 2.5rem; padding-top: .8rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .85rem; }
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #999999; --head: #eeeeee;
    --link: #000000;
    --ss-bg: #1a7f37; --ss-fg: #ffffff; --s-bg: #dafbe1; --s-fg: #116329;
    --n-bg: #fff8c5; --n-fg: #6f4d00; --o-bg: #ffebe9; --o-fg: #a40e26;
    --so-bg: #cf222e; --so-fg: #ffffff; --u-fg: #555555;
    --contested: #a40e26; --consensus: #116329; --mixed: #6f4d00; --open: #444444;
  }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .wide { overflow: visible; }
  .st, .chip { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr, .issue > h3, .question, .sides { break-inside: avoid; }
  .source a::after { content: " <" attr(href) ">"; word-break: break-all; }
}
"""


def render(view: ReportView) -> str:
    as_of = (
        h(
            'Positions in force on <time datetime="{}">{}</time>.',
            view.as_of.isoformat(),
            view.as_of.isoformat(),
        )
        if view.as_of is not None
        else h(
            "The latest recorded position of each actor on each issue (the newest dated "
            '<time datetime="{}">{}</time>).',
            view.latest.isoformat(),
            view.latest.isoformat(),
        )
        if view.latest is not None
        else Html("No position is recorded yet.")
    )
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
        + f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
