"""The comparison as one self-contained HTML page: inline CSS, no scripts, no requests.

Every piece of data text reaches the page through `markup.escape()` (via `h()`),
the one choke point, which the page's SVG pictures (`svg`) share. A
Content-Security-Policy in the page forbids scripts and every request, as a
second line of defence.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from positions import views
from positions.analysis import PairScore, Status
from positions.export import briefed, svg, web_url
from positions.export.markdown import symbol
from positions.export.markup import Html, data_block, escape, h, join
from positions.model import (
    LONG_STANDING,
    MARKS,
    NOT_PARTY_SYMBOL,
    NOTE_LABEL,
    Basis,
    Source,
    Stance,
    label_of,
    symbol_of,
)
from positions.text import and_list, only_if
from positions.views import (
    Cell,
    CompareRow,
    ReportView,
    attributions,
    divided_key,
    names_in_order,
    score_text,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def csp(script: str | None) -> str:
    """The page's Content-Security-Policy: nothing but its style, and its one script by
    the script's own hash (no other script runs, whatever got into the page)."""
    if script is None:
        return CSP
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"{CSP}; script-src 'sha256-{digest}'"


# --- pieces ---------------------------------------------------------------------------


def _stance_class(stance: Stance | None) -> str:
    return "unstated" if stance is None else stance.id.replace("_", "-")


def _cell_class(c: Cell) -> str:
    return "not-party" if not c.party else _stance_class(c.stance)


def _qualities(c: Cell) -> list[str]:
    """What a cell's marks say, in words: for a reader without the legend (or sight)."""
    p = c.position
    if p is None:
        return []
    words = [p.basis.value] if p.basis is not Basis.REPORTED else []
    return words + ["conditional"] * bool(p.conditions) + ["red line"] * p.red_line


def _stance_cell(c: Cell, at: str | None = None) -> Html:
    """A colour-coded cell that also carries the stance as a symbol and in words,
    with its marks (basis, conditional, red line) and what they mean."""
    qualities = _qualities(c)
    extra = h(' <span class="word qual">{}</span>', ", ".join(qualities)) if qualities else Html("")
    score = "" if c.stance is None else str(c.stance.score)
    return h(
        '<td class="st {}" data-actor="{}" data-sort="{}"{}><span class="sym" aria-hidden="true">'
        '{}</span> <span class="word">{}</span>{}</td>',
        _cell_class(c),
        c.actor.id,
        score,
        Html("") if at is None else h(' data-at="{}"', at),
        symbol(c),
        "not a party" if not c.party else label_of(c.stance),
        extra,
    )


def _chip(stance: Stance | None, shown: str | None = None, css: str | None = None) -> Html:
    """The stance's symbol on its colour (`shown` with its marks), for legends and
    position tables."""
    return h(
        '<span class="chip st {}"><span class="sym" aria-hidden="true">{}</span></span>',
        css or _stance_class(stance),
        shown or symbol_of(stance),
    )


def _time(date: dt.date) -> Html:
    return h('<time datetime="{}">{}</time>', date.isoformat(), date.isoformat())


def _status(status: Status) -> Html:
    return h('<span class="status {}">{}</span>', status.value, status.value)


def _legend(shown: set[str]) -> Html:
    """The stances, then each mark the report shows (none for a format-1 file); `shown`
    holds every character of every symbol in the matrix."""
    items = [h("<li>{} {}</li>", _chip(s), s.label) for s in sorted(Stance, key=lambda s: -s.score)]
    items.append(h("<li>{} {}</li>", _chip(None), "unstated (no position recorded)"))
    for mark, meaning in MARKS:
        if mark in shown:
            css = "not-party" if mark == NOT_PARTY_SYMBOL else "unstated mark"
            items.append(h("<li>{} {}</li>", _chip(None, mark, css), meaning))
    statuses = join(h("<li>{} {}</li>", _status(s), meaning) for s, meaning in STATUS_MEANING)
    return h(
        '<ul class="legend" aria-label="Legend">{}</ul>\n'
        '<ul class="legend" aria-label="Statuses">{}</ul>',
        join(items),
        statuses,
    )


#: Each issue's status, over the actors who stated (docs/analysis.md).
STATUS_MEANING = (
    (Status.CONTESTED, "stances on both sides"),
    (Status.CONSENSUS, "two or more stated, all on one side"),
    (Status.MIXED, "no opposite sides, some neutral"),
    (Status.OPEN, "fewer than two stated"),
)


#: The most actors a printed table of stances has room to name each stance in words for.
PRINT_WORDS = 6


def _matrix(
    view: ReportView, shown: set[str], history: Mapping[str, list[CompareRow]]
) -> Iterator[Html]:
    """The issues x actors table a row at a time, each cell with its states on the
    switch's dates (`history`, `_history`); adds each symbol's characters to `shown`
    for the legend."""
    head = join(
        h('<th scope="col" class="actor" data-actor="{}">{}</th>', a.id, a.name)
        for a in view.actors
    )
    yield h(
        '<div class="wide"><table class="matrix sortable{}">\n'
        "<caption>Stance of each actor on each issue's question</caption>\n"
        '<thead><tr><th scope="col">Issue</th>{}<th scope="col">Status</th></tr></thead>\n'
        "<tbody>\n",
        # Past PRINT_WORDS actors a printed table keeps its symbols, not their words.
        Html(" many" if len(view.actors) > PRINT_WORDS else ""),
        head,
    )
    for n, row in enumerate(view.rows):
        shown.update("".join(symbol(c) for c in row.cells))
        days = history.get(row.issue.id)
        yield h(
            '{}<tr {}><th scope="row"><a href="#issue-{}">{}</a></th>{}<td{}>{}</td></tr>',
            Html("\n" if n else ""),
            _filtered(row),
            row.issue.id,
            row.issue.title,
            join(
                _stance_cell(c, None if days is None else _changes(days, k))
                for k, c in enumerate(row.cells)
            ),
            Html("") if days is None else h(' data-at="{}"', _status_changes(days)),
            _status(row.status),
        )
    yield Html("\n</tbody>\n</table></div>")


def _source(c: Cell, sources: Mapping[str, Source]) -> Html:
    """Each evidence item's source, linked to the item's own article (else the
    source's site), after its speaker and before its own date; items said alike once;
    then the position's date, said to be the position's under several items (it would
    read as the last one's)."""
    assert c.position is not None
    lines = []
    for a in attributions(c, sources):
        url = web_url(a.url)
        if url is None:
            shown = escape(a.source)
        else:
            shown = h('<a href="{}" rel="noopener noreferrer">{}</a>', url, a.source)
        if a.speaker is not None:
            shown = h('<span class="speaker">{}</span>, via {}', a.speaker, shown)
        if a.date is not None:  # an item's own date, where it is not the position's
            shown = h("{}, {}", shown, _time(a.date))
        lines.append(shown)
    dated = (
        _time(c.position.date) if len(lines) < 2 else h("position of {}", _time(c.position.date))
    )
    return h("{}<br>{}", join(lines, "<br>"), dated)


def _qualifiers(c: Cell) -> Html:
    """The note (why), the conditions, red line, salience and since when: format 2's."""
    p = c.position
    assert p is not None
    parts = []
    if p.note is not None or p.basis is not Basis.REPORTED:
        parts.append(
            h(
                '<p class="why"><strong>{}</strong>{}</p>',
                NOTE_LABEL[p.basis],
                Html("") if p.note is None else h(": {}", p.note),
            )
        )
    if c.conditions:
        # Each title escaped (and isolated for bidi) first: only_if adds plain words.
        said = only_if([(h("<bdi>{}</bdi>", i.title), outcome) for i, outcome in c.conditions])
        parts.append(h('<p class="conditions">{}</p>', Html(said)))
    facts = [Html('<strong class="red-line">red line</strong>')] * p.red_line
    if p.salience is not None:
        facts.append(h("salience {}", f"{p.salience:g}"))
    if p.held_since is not None:
        held = p.held_since
        facts.append(
            Html("long-standing") if held == LONG_STANDING else h("held since {}", _time(held))
        )
    if facts:
        parts.append(h('<p class="facts">{}</p>', join(facts, ", ")))
    return join(parts)


def _position_row(c: Cell, sources: Mapping[str, Source]) -> Html:
    p = c.position
    assert p is not None
    quotes = join(
        h('<blockquote class="quote">“{}”</blockquote>', e.quote) for e in p.evidence if e.quote
    )
    return h(
        '<tr data-actor="{}"><th scope="row">{}</th><td class="stance">{} {}</td>'
        '<td><p class="summary">{}</p>{}{}</td><td class="source">{}</td></tr>',
        c.actor.id,
        c.actor.name,
        _chip(c.stance, symbol(c)),
        label_of(c.stance),
        p.summary,
        _qualifiers(c),
        quotes,
        _source(c, sources),
    )


def _sides(view: ReportView, row: CompareRow) -> Html:
    """Who is on each side; on a summary page the first few of each (a roll call's
    lists run to 190 names a side, 100 times), the detail holding every one."""
    items = []
    cut = views.summarised(view)
    for label, ids in row.sides.labelled():
        names = names_in_order(view.actors, ids)
        first, rest = views.first_names(names) if cut else (names, 0)
        shown = [h("<bdi>{}</bdi>", n) for n in first] + [h("{} others", f"{rest:,}")] * bool(rest)
        items.append(
            h(
                "<div><dt>{} ({})</dt><dd>{}</dd></div>",
                label,
                f"{len(names):,}",
                join(shown, ", ") if names else "none",
            )
        )
    return h('<dl class="sides">{}</dl>', join(items))


#: The page's headings of its stances and its issues; a summary's say what it shows.
HEADINGS = {"stances": "Where each actor stands", "issues": "Positions by issue"}
#: What the page says while its Actors filter keeps some of them (report.js shows it).
GROUPED = Html(
    '<p class="note grouped" hidden>Each issue\'s status, sides, line and likely landing '
    "are those of every actor, whichever the filter shows: <code>positions compare "
    "--actors A,B</code> and <code>positions landing --actors A,B</code> count those "
    "alone.</p>\n"
)
SUMMARY_HEADINGS = {"stances": "Where each issue stands", "issues": "The most divided issues"}

#: Past this many actors the agreement is the heat map alone, not also a table.
TABLE_ACTORS = 40


def _summary(view: ReportView, legend: Html) -> Iterator[str]:
    """Each issue's counts a row, then the most divided issues on their lines."""
    cells = len(view.actors) * len(view.rows)
    yield h(
        '<p class="note">{} actors on {} issues: {} cells, too many for one table. Any '
        "one issue's stances and any two actors' differences are <a href=\"#detail\">"
        "on demand</a>; each issue's counts are below.</p>\n",
        f"{len(view.actors):,}",
        f"{len(view.rows):,}",
        f"{cells:,}",
    )
    yield _detail(view)
    yield h(
        '<p class="note">Each issue\'s counts (a conditional stance counted apart from the '
        "sides; a title leads to its stances); <code>positions show ISSUE</code> shows "
        "one issue's positions with their evidence, and "
        "<code>positions export --format csv</code> every one.</p>\n"
        '<div class="wide"><table class="summary sortable">\n<caption>Stances on each issue'
        "</caption>\n<thead><tr>"
        + "".join(f'<th scope="col">{name}</th>' for name in views.SUMMARY_COLUMNS)
        + "</tr></thead>\n<tbody>\n",
    )
    divided: list[tuple[tuple[int, int], int]] = []
    for n, row in enumerate(view.rows):
        counts = views.summary_counts(row)
        yield h(
            '{}<tr {}><th scope="row"><a href="#issue={}" class="to-detail">{}</a></th><td>{}</td>'
            + "<td>{}</td>" * len(counts)
            + "</tr>",
            Html("\n" if n else ""),
            _filtered(row),
            row.issue.id,
            row.issue.title,
            _status(row.status),
            *counts,
        )
        divided.append((divided_key(row), n))
    yield Html("\n</tbody>\n</table></div>\n</section>\n")
    shown = views.most_divided(divided)
    yield h(
        '<section aria-labelledby="issues">\n<h2 id="issues">{}</h2>\n'
        '<p class="note">The {} most divided of {} issues, each on its line.</p>\n{}',
        SUMMARY_HEADINGS["issues"],
        f"{len(shown):,}",
        f"{len(view.rows):,}",
        legend,
    )
    for k, n in enumerate(shown):
        yield ("\n" if k else "") + _issue(view, view.rows[n], positions=False)


#: A stance as one letter in the data of a summary's detail (`_detail`): its score's
#: place, `a` (-2) to `e` (+2); upper case when conditional.
_LETTERS = "abcde"


def _letter(c: Cell) -> str:
    if not c.party:
        return "-"
    p = c.position
    if p is None:
        return "."
    letter = _LETTERS[p.stance.score + 2]
    return letter.upper() if p.conditions else letter


def _detail(view: ReportView) -> Html:
    """The detail on demand of a summary, or of a page with no agreement table: one
    issue's stances, or two actors' agreement and where they stand apart, drawn by
    report.js from a compact data block (a letter per actor and issue, about 1.2 MB
    for 870,000 cells) instead of a row per cell. Hidden until the script shows it."""
    ids = [a.id for a in view.actors]
    pairs = [
        [views.score_text(p), p.shared]
        for n, a in enumerate(ids)
        for b in ids[n + 1 :]
        for p in (view.matrix[a, b],)
    ]
    data = {
        "actors": [[a.id, a.name] for a in view.actors],
        "issues": [[r.issue.id, r.issue.title] for r in view.rows],
        "cells": ["".join(_letter(c) for c in r.cells) for r in view.rows],
        # Upper triangle of the agreement matrix, row by row: [score shown, shared].
        "pairs": pairs,
        "stances": {
            _LETTERS[s.score + 2]: [s.symbol, s.label, _stance_class(s)]
            for s in sorted(Stance, key=lambda s: s.score)
        },
        "unstated": [symbol_of(None), label_of(None)],
        "not_party": [NOT_PARTY_SYMBOL, "not a party"],
    }
    return h(
        '<div id="detail-tools" class="detail" hidden>\n'
        '<h3 id="detail">One issue or one pair</h3>\n'
        "<p class=\"note\">Every actor's stance on one issue, or two actors' agreement and "
        "the issues on which they stand furthest apart, drawn from the data in this page.</p>\n"
        '<div class="tools"><label>Issue <input id="detail-q" type="search" '
        'placeholder="id or words of a title" autocomplete="off"></label> '
        '<span id="detail-found" aria-live="polite"></span></div>\n'
        '<ul id="detail-matches" class="matches"></ul>\n<div id="detail-issue"></div>\n'
        '<div class="tools"><label>Actor <select id="detail-a"></select></label> '
        '<label>and <select id="detail-b"></select></label></div>\n'
        '<div id="detail-pair"></div>\n{}\n</div>\n',
        data_block("detail-data", data),
    )


def _history(view: ReportView) -> dict[str, list[CompareRow]]:
    """Each issue's row on each of the briefing's dates, oldest first."""
    assert view.briefing is not None
    found: dict[str, list[CompareRow]] = {}
    for compared in view.briefing.compared:
        for row in compared.rows:
            found.setdefault(row.issue.id, []).append(row)
    return found


def _state(c: Cell) -> str:
    """A cell as the date switch sets it (report.js): class/symbol/word/marks/score,
    all our own words and symbols (none holds / or ;)."""
    score = "" if c.stance is None else str(c.stance.score)
    word = "not a party" if not c.party else label_of(c.stance)
    return f"{_cell_class(c)}/{symbol(c)}/{word}/{', '.join(_qualities(c))}/{score}"


def _changes(days: list[CompareRow], k: int) -> str:
    """The `k`th cell's state on the first date and on each date it changes: `i/state;...`."""
    found, last = [], None
    for i, row in enumerate(days):
        state = _state(row.cells[k])
        if state != last:
            found.append(f"{i}/{state}")
            last = state
    return ";".join(found)


def _status_changes(days: list[CompareRow]) -> str:
    found, last = [], None
    for i, row in enumerate(days):
        if row.status.value != last:
            found.append(f"{i}/{row.status.value}")
            last = row.status.value
    return ";".join(found)


def _filtered(row: CompareRow) -> Html:
    """What the page's filters read of an issue's row or section (report.js)."""
    tags = " ".join(row.issue.tags)
    return h(
        'data-issue-row data-issue="{}" data-title="{}" data-tags="{}"',
        row.issue.id,
        row.issue.title,
        tags,
    )


def _tools(view: ReportView) -> Html:
    """The filters, search and sorting of report.js: hidden until the script shows them,
    so that a page without script shows no tool that does nothing."""
    assert view.briefing is not None
    tags = join(h('<option value="{}">{}</option>', t, t) for t in view.briefing.tags)
    shown = {a.id for a in view.actors}  # a group counts only the report's actors
    groups = [
        h('<option value="{}" data-members="{}">{}</option>', g.id, " ".join(members), g.name)
        for g in view.briefing.groups
        if (members := [m for m in g.members if m in shown])
    ]
    actors = [
        h('<option value="actor:{}" data-members="{}">{}</option>', a.id, a.id, a.name)
        for a in view.actors
    ]
    dates = view.briefing.dates
    date = (
        h(
            '<label>The page on <select id="tool-date">{}</select></label> {}',
            join(
                h(
                    '<option value="{}" data-day="{}"{}>{}</option>',
                    str(i),
                    day.isoformat(),
                    Html(" selected" * (i == len(dates) - 1)),
                    _date_label(view, day, latest=i == len(dates) - 1 and view.as_of is None),
                )
                for i, day in enumerate(dates)
            ),
            _stays(view),
        )
        if dates
        else h(
            '<select id="tool-date" hidden></select><span class="no-dates">{}</span> ',
            _no_dates(view),
        )
    )
    tag = (
        h(
            '<label>Tag <select id="tool-tag"><option value="">any</option>{}</select></label> ',
            tags,
        )
        if view.briefing.tags
        else Html('<select id="tool-tag" hidden><option value=""></option></select>')
    )
    # A summary has no table of actors' stances to narrow: no actor filter.
    who = h(
        '<label{}>Actors <select id="tool-group"><option value="">all</option>{}'
        '<optgroup label="Actors">{}</optgroup></select></label> ',
        Html(" hidden" if views.summarised(view) else ""),
        h('<optgroup label="Groups">{}</optgroup>', join(groups)) if groups else Html(""),
        join(actors),
    )
    return h(
        '<div id="tools" class="tools" role="search" hidden>'
        '<label>Issues <input id="tool-q" type="search" placeholder="search titles"></label> '
        '{}{}{}<span id="tool-shown" aria-live="polite"></span></div>\n',
        tag,
        who,
        date,
    )


def _stays(view: ReportView) -> Html:
    """What the date switch leaves at the last date, said beside it when it is moved
    off that date: the parts too big to carry for each date."""
    b = view.briefing
    assert b is not None
    names = {
        "brief": "the brief",
        "issues": "each issue's line and positions",
        "agreement": "the agreement",
        "timeline": "the timeline's mark of the date",
    }
    parts = [names[part] for part, carried in _carried(b).items() if not carried]
    if not parts:
        return Html("")
    return h(
        '<span id="tool-date-note" hidden>({} {} at {}, too much to carry for each of {} '
        "dates; <code>positions export --as-of DATE</code> makes the page of any date)"
        "</span> ",
        and_list(parts),
        "stays" if len(parts) == 1 else "stay",
        _last(view),
        f"{len(b.dates):,}",
    )


def _last(view: ReportView) -> str:
    """The date switch's last date, as a note names it."""
    assert view.briefing is not None
    day = view.briefing.dates[-1].isoformat()
    return f"the latest date, {day}" if view.as_of is None else day


def _eve(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


def _date_label(view: ReportView, day: dt.date, latest: bool) -> str:
    """An option of the date switch: the day, and who joins or leaves the talks on it
    (an actor's window opens, or closed the day before): '2018-05-09 (United States
    leaves)', 'latest (2018-05-09, United States leaves)'."""
    joins, leaves = [], []
    for a in view.actors:
        w = a.active
        if w is not None and w.start == day:
            joins.append(a.name)
        if w is not None and w.end is not None and dt.date.min < day and w.end == _eve(day):
            leaves.append(a.name)
    said = [
        f"{and_list(names)} {verb if len(names) == 1 else verb[:-1]}"
        for names, verb in ((joins, "joins"), (leaves, "leaves"))
        if names
    ]
    moves = "; ".join(said)
    if latest:
        return f"latest ({day.isoformat()}, {moves})" if said else f"latest ({day.isoformat()})"
    return f"{day.isoformat()} ({moves})" if said else day.isoformat()


def _carried(b: views.Briefing) -> dict[str, bool]:
    """Whether each part the date switch may leave at the last date moves with it."""
    return {
        "brief": bool(b.briefs),
        "issues": b.dated_issues,
        "agreement": bool(b.agreements),
        "timeline": _timeline_dated(b),
    }


def _stays_here(view: ReportView, part: str, what: str) -> Html:
    """In a part (a key of `_carried`) the date switch leaves at the last date, what
    it says there while another date is shown."""
    b = view.briefing
    if b is None or len(b.dates) < 2 or _carried(b)[part]:
        return Html("")
    return h(
        '<p class="note stays" hidden>{} as on {}: too much to carry for each date.</p>\n',
        what,
        _last(view),
    )


def _timeline(view: ReportView) -> Html:
    """The timeline; on each earlier date of the switch, with that date marked, while
    the copies stay small (TIMELINE_MARKS marks in all)."""
    b = view.briefing
    assert b is not None
    earlier = len(b.dates) - 1 if b.shifts and _timeline_dated(b) else 0
    return _each_date(
        max(earlier, 0), lambda i: briefed.timeline(view, None if i is None else b.dates[i], i)
    )


#: The most shift marks a page's timelines hold over the switch's earlier dates.
TIMELINE_MARKS = 20_000


def _timeline_dated(b: views.Briefing) -> bool:
    """Whether the timeline is drawn again for each earlier date (none to mark: yes)."""
    return (len(b.dates) - 1) * len(b.shifts) <= TIMELINE_MARKS


def _no_dates(view: ReportView) -> str:
    """Why a page has no date switch: too many dates, or too many cells over them."""
    assert view.briefing is not None
    if view.briefing.date_count <= 1:
        return ""
    return (
        f"No switch of date: {view.briefing.date_count:,} dates, past what a page carries; "
        "positions export --as-of DATE makes the page of any date."
    )


def _issue(
    view: ReportView, row: CompareRow, positions: bool = True, days: list[CompareRow] | None = None
) -> Html:
    """An issue's section: its title, question, line, sides and (unless a summary
    leaves them out) every position with its evidence. With `days` (the issue's row on
    each of the briefing's dates, for the page's date switch), its status on each date
    and, unless that is too much (`views.AS_OF_ROWS`), the line, sides and positions of
    each date they changed on, all but the last hidden (report.js shows the one in force
    on the date chosen)."""
    # Its status moves with its body: both, or neither (past views.AS_OF_ROWS).
    if days is None or view.briefing is None or not view.briefing.dated_issues:
        body, status = _issue_body(view, row, positions), Html("")
    else:
        body = _each_date(
            len(days) - 1, lambda i: _issue_body(view, days[-1 if i is None else i], positions, i)
        )
        status = h(' data-at="{}"', _status_changes(days))
    return h(
        '<section class="issue" id="issue-{}" {}>\n<h3{}>{} {}</h3>\n'
        '<p class="question">{}</p>\n{}\n</section>',
        row.issue.id,
        _filtered(row),
        status,
        row.issue.title,
        _status(row.status),
        row.issue.question,
        body,
    )


def _each_date(earlier: int, make: Callable[[int | None], Html], tag: str = "div") -> Html:
    """`make(i)` for each of the switch's first `earlier` dates, then `make(None)` for
    the last (the view's own), by `on_dates`; with none earlier, the last alone."""
    return on_dates([*(make(i) for i in range(earlier)), make(None)], tag)


def on_dates(bodies: Sequence[Html], tag: str = "div") -> Html:
    """What a part of the page shows on each of the briefing's dates (the last the
    view's own, the others with their pictures' ids keyed `-dI-`), as one
    `<div data-dates="FIRST-LAST">` for each run of dates that show the same, by the
    places of those dates: all but the last hidden, for report.js to show the one in
    force on the date chosen; `tag` "span" within a paragraph."""
    if len(bodies) == 1:  # one date: nothing to switch
        return bodies[0]
    runs: list[tuple[int, int, Html]] = []  # first, last, the body on the last
    last = len(bodies) - 1
    for i, body in enumerate(bodies):
        if runs and _unkeyed(runs[-1][2], runs[-1][1], last) == _unkeyed(body, i, last):
            runs[-1] = (runs[-1][0], i, body)
        else:
            runs.append((i, i, body))
    return join(
        (
            h(
                '<{} class="on-dates" data-dates="{}-{}"{}>{}</{}>',
                Html(tag),
                str(first),
                str(end),
                Html("" if end == last else " hidden"),
                body,
                Html(tag),
            )
            for first, end, body in runs
        ),
        "\n",
    )


def _unkeyed(body: Html, i: int, last: int) -> str:
    """A date's body with its pictures' ids as the latest date's; a text holding such
    a key only makes a run of its own, showing the same."""
    return body if i == last else body.replace(f"-d{i}-", "-")


def _issue_body(view: ReportView, row: CompareRow, positions: bool, at: int | None = None) -> Html:
    """An issue's line, sides and positions (`at`: the date's place, for its landing)."""
    stated = [c for c in row.cells if c.position is not None]
    if not positions:
        table = Html("")
    elif stated:
        table = h(
            '<div class="wide"><table class="positions">\n<thead><tr><th scope="col">Actor</th>'
            '<th scope="col">Stance</th><th scope="col">Position</th>'
            '<th scope="col">Source</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table></div>{}',
            join((_position_row(c, view.sources) for c in stated), "\n"),
            # What the actor filter (report.js) shows when it leaves none of the rows.
            Html("")
            if view.briefing is None
            else Html('\n<p class="none filtered" hidden>No position of the actors shown.</p>'),
        )
    else:
        table = Html('<p class="none">No positions recorded.</p>')
    line = Html("") if view.briefing is None else briefed.issue_line(view, row, at)
    return h("{}{}\n{}", line, _sides(view, row), table)


def _agreement_cell(a: str, b: str, pair: PairScore) -> Html:
    """Row `a`'s cell in column `b`; it carries `b` for the actor filter (report.js)."""
    if a == b:
        return h('<td class="self" data-actor="{}">—</td>', b)
    if pair.score is None:
        return h('<td class="na" data-actor="{}">n/a</td>', b)
    return h(
        '<td data-actor="{}">{} <span class="shared">({})</span></td>',
        b,
        score_text(pair),
        str(pair.shared),
    )


def _agreement(view: ReportView, matrix: Mapping[tuple[str, str], PairScore]) -> Iterator[Html]:
    head = join(
        h('<th scope="col" class="actor" data-actor="{}">{}</th>', a.id, a.name)
        for a in view.actors
    )
    yield h(
        '<div class="wide"><table class="agreement">\n'
        "<caption>Agreement of the row's actor with the column's actor</caption>\n"
        "<thead><tr><td></td>{}</tr></thead>\n<tbody>\n",
        head,
    )
    for n, a in enumerate(view.actors):
        yield h(
            '{}<tr data-actor="{}"><th scope="row">{}</th>{}</tr>',
            Html("\n" if n else ""),
            a.id,
            a.name,
            join(_agreement_cell(a.id, b.id, matrix[a.id, b.id]) for b in view.actors),
        )
    yield Html("\n</tbody>\n</table></div>")


# --- the page -------------------------------------------------------------------------


def _style() -> str:
    """The page's style sheet, a file of its own (report.css) beside this module.

    Colours: each stance has a background and a text colour chosen for a
    contrast of at least 4.5:1, in light and in dark mode; the symbol and the
    word carry the stance without colour (and in a black-and-white print).
    """
    return (Path(__file__).parent / "report.css").read_text(encoding="utf-8")


def render(view: ReportView) -> str:
    return "".join(chunks(view))


def chunks(view: ReportView) -> Iterator[str]:
    """The page a piece at a time; its style sheet and script are read first, before
    any piece. A page with its briefing has the script: its filters (report.js)."""
    return _page(view, _style(), None if view.briefing is None else script())


def script() -> str:
    """The page's one script, a file of its own (report.js) beside this module."""
    return (Path(__file__).parent / "report.js").read_text(encoding="utf-8")


def _page(view: ReportView, style: str, script: str | None) -> Iterator[str]:
    sentence, date = view.current_to()
    as_of = Html(sentence) if date is None else h(sentence, _time(date))
    if view.briefing is not None and len(view.briefing.dates) > 1:  # as the switch has it
        days, latest = view.briefing.dates, as_of
        as_of = _each_date(
            len(days) - 1,
            lambda i: latest if i is None else h("Positions in force on {}.", _time(days[i])),
            "span",
        )
    yield (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + f'<meta http-equiv="Content-Security-Policy" content="{csp(script)}">\n'
        + '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="generator" content="positions">\n'
        + h("<title>{}</title>\n", view.title)
        + f"<style>\n{style}</style>\n</head>\n<body>\n"
    )
    note = Html("") if view.note is None else h('<p class="cover-note">{}</p>\n', view.note)
    headings = SUMMARY_HEADINGS if views.summarised(view) else HEADINGS
    contents = [
        ("stances", headings["stances"]),
        ("issues", headings["issues"]),
        ("agreement", "Agreement between actors"),
    ]
    if view.briefing is not None:
        contents = [("briefing", "Briefing"), *contents, ("timeline", "Shifts over time")]
        if views.summarised(view):  # the detail, where the table of stances would be
            contents.insert(2, ("detail", "One issue or one pair"))
        elif len(view.actors) > TABLE_ACTORS:  # where the table of agreement would be
            contents.insert(4, ("detail", "One issue or one pair"))
    nav = join(h('<li><a href="#{}">{}</a></li>', anchor, name) for anchor, name in contents)
    yield h(
        "<header>\n<h1>{}</h1>\n{}"
        '<p class="as-of">{} Each issue is a yes/no question: <em>support</em> means yes, '
        "<em>oppose</em> means no.</p>\n"
        '<nav aria-label="Contents"><ul class="contents">{}</ul></nav>\n{}</header>\n'
        "<main>\n",
        view.title,
        note,
        as_of,
        nav,
        Html("") if script is None else _tools(view),
    )
    if view.briefing is not None:
        briefing = view.briefing
        yield h(
            '<section aria-labelledby="briefing" class="briefing">\n'
            '<h2 id="briefing">Briefing</h2>\n{}{}\n</section>\n'
            '<section aria-labelledby="stances">\n<h2 id="stances">{}</h2>\n',
            _stays_here(view, "brief", "The brief"),
            _each_date(len(view.briefing.briefs), lambda i: briefed.brief(view, briefing, i)),
            headings["stances"],
        )
    else:
        yield h(
            '<section aria-labelledby="stances">\n<h2 id="stances">{}</h2>\n', headings["stances"]
        )
    legend = (
        Html("")
        if view.briefing is None
        else h('<p class="line-legend">On each line: {}.</p>\n', svg.LINE_LEGEND)
    )
    if views.summarised(view):
        yield from _summary(view, legend)
    else:
        shown: set[str] = set()
        # Each issue's row on each of the switch's dates, for the table and the sections.
        history = {} if view.briefing is None or not view.briefing.dates else _history(view)
        grouped = Html("") if view.briefing is None else GROUPED
        yield grouped
        yield from _matrix(view, shown, history)
        yield h(
            '\n{}\n</section>\n<section aria-labelledby="issues">\n<h2 id="issues">{}</h2>\n{}{}{}',
            _legend(shown),
            headings["issues"],
            legend,
            grouped,
            _stays_here(view, "issues", "Each issue's status, line, sides and positions"),
        )
        for n, row in enumerate(view.rows):
            yield ("\n" if n else "") + _issue(view, row, days=history.get(row.issue.id))
    table = len(view.actors) <= TABLE_ACTORS or view.briefing is None
    yield h(
        "\n</section>\n"
        '<section aria-labelledby="agreement">\n<h2 id="agreement">Agreement between actors</h2>\n'
        '<p class="note">{}</p>\n{}',
        view.agreement_note(table),
        join(
            [
                _stays_here(view, "agreement", "The agreement"),
                Html("")
                if view.briefing is None
                else Html(
                    '<p class="note narrowed" hidden>Over every issue and actor: the filters '
                    "narrow the tables and lists, not the agreement.</p>\n"
                ),
            ]
        ),
    )
    if view.briefing is not None:  # the heat map and table, on each date carried
        briefing = view.briefing

        def agreement(i: int | None) -> Html:
            matrix = view.matrix if i is None else briefing.agreements[i][0]
            return h(
                "{}{}", briefed.heat_map(view, i), join(_agreement(view, matrix)) if table else ""
            )

        yield _each_date(len(view.briefing.agreements), agreement)
    elif table:  # a page without its briefing: the table alone, a row at a time
        yield from _agreement(view, view.matrix)
    if not table:  # 200 actors: 40,000 cells, which the heat map draws
        where = "its tooltips, " if len(view.actors) ** 2 <= svg.TOOLTIPS else ""
        if views.summarised(view):
            yield h(
                '<p class="note">{} actors, too many for a table: every pair\'s score is in '
                '{}<a href="#detail">one issue or one pair</a> and '
                "<code>positions alignment --json</code>.</p>",
                f"{len(view.actors):,}",
                where,
            )
        else:
            yield h(
                '<p class="note">{} actors, too many for a table: every pair\'s score is in '
                "{}<code>positions alignment --json</code>; two actors' differences below.</p>",
                f"{len(view.actors):,}",
                where,
            )
            yield _detail(view)
    if view.briefing is not None:
        yield h(
            "\n</section>\n"
            '<section aria-labelledby="timeline">\n<h2 id="timeline">Shifts over time</h2>\n{}',
            _timeline(view),
        )
    yield (
        "\n</section>\n"
        "</main>\n"
        "<footer>Made with positions. Stances are scored −2 (strongly oppose) to +2 "
        "(strongly support); an unstated actor has no recorded position, which is not "
        "the same as neutral.</footer>\n"
        + ("" if script is None else f"<script>{script}</script>\n")
        + "</body>\n</html>\n"
    )
