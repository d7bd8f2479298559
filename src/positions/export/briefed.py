"""The HTML report's analysis: the brief first, the pictures beside what they show.

Pure functions from a `views.Briefing` to markup, for `export.html`: the brief's
sections as lists (the first BRIEF_ITEMS of each, the rest in a `<details>`
that opens without a script), an issue's line (`issue_line`), the heat map and
the timeline. Every data text passes `markup.escape` (through `h`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from positions.analysis import Landing
from positions.changed import ChangesView, Kind
from positions.export import svg
from positions.export.markup import Html, h, join
from positions.model import label_of
from positions.render.words import (
    backing,
    conditional_clause,
    counting_note,
    landing_clause,
    listed,
    moved,
    not_a_party,
    nothing_changed,
    offer,
    outlook_parts,
    reason,
)
from positions.text import plural
from positions.traded import TOP, PackageRow
from positions.views import (
    Briefing,
    CompareRow,
    ReportView,
    score_text,
)

#: Items of a brief's section shown at once; the rest, up to BRIEF_MORE in all, are one
#: click away.
BRIEF_ITEMS = 10
BRIEF_MORE = 200


#: The command that lists every item of a brief's section, but for --since's changes.
BRIEF_WHOLE = "positions brief --json"


class Line(NamedTuple):
    """One item of a brief's section, in plain text: `prefix`, then `lead` (the issue
    or the move, shown strong), then `rest` after a colon. Each format escapes and
    marks it up its own way."""

    lead: str
    rest: str = ""
    prefix: str = ""
    # What the item is about, for the page's filters (report.js): the ids of its issues
    # and of its actors; an item about none of either is never filtered out.
    issues: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


class Section(NamedTuple):
    title: str
    anchor: str  # `brief-ANCHOR`, the section's id in the page
    lines: tuple[Line, ...]
    empty: str  # what the section says when it has no line
    whole: str = BRIEF_WHOLE  # the command that lists every line
    found: int | None = None  # how many there are, when the lines are only the first

    def total(self) -> int:
        """How many items the section speaks of (more than it lists, for trades)."""
        return len(self.lines) if self.found is None else self.found

    def unlisted(self) -> int:
        """How many the section has and does not list (`whole` lists them)."""
        return 0 if self.found is None else max(self.found - len(self.lines), 0)


def sections(view: ReportView, b: Briefing) -> tuple[str, tuple[Section, ...]]:
    """The brief as the report shows it: a lead sentence, then its sections in the
    order the terminal's `brief` has them, every item in plain text."""
    order = view.actors
    bv = b.brief
    assert bv is not None, "a page's briefing has its brief"
    titles = bv.issue_titles
    landed = {r.issue.id: r.landing for r in bv.landings}

    def lands(issue: str) -> str:
        return landing_clause(landed.get(issue), lambda ids: listed(order, ids))

    def said(r: CompareRow) -> str:
        side, word = (r.sides.support, "support") if r.sides.support else (r.sides.oppose, "oppose")
        return f"{listed(order, side, r.cells)} {word}" + conditional_clause(order, r)

    agreed = {r.issue.id for r in bv.consensus}
    close = len(bv.closest)
    pairs = [
        Line(f"{p.a.name} and {p.b.name}",
             f"{score_text(p.score)} over {plural(p.score.shared, 'shared issue')}",
             "closest:" if n < close else "furthest:", actors=(p.a.id, p.b.id))
        for n, p in enumerate((*bv.closest, *bv.furthest))
    ]  # fmt: skip
    trades = []
    if bv.trades is not None:
        for row in bv.trades.rows:
            t = row.trade
            (a, b_), (ga, gb) = t.actors, t.gives
            trades.append(
                Line(
                    f"{listed(order, [a])} gives way on {titles.get(ga, ga)}, "
                    f"{listed(order, [b_])} on {titles.get(gb, gb)}",
                    f"each keeps the issue it cares more about (gain {t.gain:.2f})",
                    issues=(ga, gb),
                    actors=(a, b_),
                )
            )
    absent = not_a_party(bv.absent)
    lead = (
        f"{plural(bv.positions, 'position')} in force from {plural(bv.speakers, 'actor')}"
        f"{absent}; "
        f"{plural(len(bv.contested), 'issue')} contested, {len(bv.consensus):,} agreed by all "
        "who stated."
    )
    found = [
        ("Consensus", "consensus",
         [Line(r.issue.title, said(r), issues=(r.issue.id,)) for r in bv.consensus],
         "No issue on which everyone stated agrees."),
        ("Contested", "contested",
         [Line(r.issue.title, f"{listed(order, r.sides.support, r.cells)} for; "
               f"{listed(order, r.sides.oppose, r.cells)} against"
               + conditional_clause(order, r) + lands(r.issue.id),
               issues=(r.issue.id,))
          for r in bv.contested],
         "No issue with stances on both sides."),
        ("Deals within reach or blocked", "deals",
         [Line(r.issue.title,
               "".join(said for said, _ in outlook_parts(
                   r.outlook, r.cells, titles, listed(order, r.outlook.stated, r.cells))),
               issues=(r.issue.id,))
          for r in bv.deals if r.issue.id not in agreed],
         "No deal within reach or blocked."),
        ("Closest and furthest pairs", "pairs", pairs, "No pair shares an issue."),
        ("Recent shifts", "shifts",
         [Line(f"{listed(order, [s.actor])} on {titles.get(s.issue, s.issue)}",
               moved(s.before, s.after),
               s.after.date.isoformat(), (s.issue,), (s.actor,))
          for s in bv.recent_shifts],
         "No shift of stance recorded."),
        ("Red lines", "red-lines",
         [Line(issue.title, f"{c.actor.name} holds a red line: {label_of(c.stance)}",
               issues=(issue.id,), actors=(c.actor.id,))
          for issue, c in bv.red_lines],
         "No red line in force."),
        ("Indirect and inferred", "inferred",
         [Line(issue.title, f"{c.actor.name}: {label_of(c.stance)} ({c.position.basis.value})"
               + (f": {c.position.note}" if c.position.note else ""),
               issues=(issue.id,), actors=(c.actor.id,))
          for issue, c in bv.inferences if c.position is not None],
         "Every stance is reported as said."),
        ("Gaps", "gaps",
         [Line(r.issue.title, f"{listed(order, r.sides.unstated)} unstated",
               issues=(r.issue.id,))
          for r in bv.gaps],
         "Every actor has stated on every issue."),
        ("Trades", "trades", trades,
         "No trade found." if bv.trades is None
         else f"No trade: {reason(bv.trades, short=True)}."),
        ("Packages conditional offers make", "packages", [_package(p) for p in bv.packages],
         "No conditional offer."),
    ]  # fmt: skip
    if b.changes is not None:  # asked for (--since): what the reader came for, first
        found.insert(0, _changes(b.changes))
    wholes = {"changes": changes_command(b.changes)} if b.changes is not None else {}
    if bv.trades is not None:  # a brief names the best few of them
        top = "" if bv.trades.found <= TOP else f" --top {bv.trades.found}"
        wholes["trades"] = "positions trades" + top + (f" --as-of {bv.as_of}" if bv.as_of else "")
    counts = {"trades": None if bv.trades is None else bv.trades.found}
    return lead, tuple(
        Section(t, a, tuple(lines), e, wholes.get(a, BRIEF_WHOLE), counts.get(a))
        for t, a, lines, e in found
    )


def changes_command(view: ChangesView) -> str:
    """The command that lists every change of a `--since` window."""
    words = ["positions changes"]
    if view.since is not None:
        words.append(f"--since {view.since}")
    if view.until is not None:
        words.append(f"--until {view.until}")
    return " ".join(words)


def _changes(view: ChangesView) -> tuple[str, str, list[Line], str]:
    """What changed in the window, one entry a line, as `positions changes` finds it."""
    window = f"from {view.since or 'the start'} to {view.until or 'the latest'}"
    lines = []
    for c in view.entries:
        before = None if c.before is None else c.before.stance
        after = None if c.after is None else c.after.stance
        if c.issue is None:  # joined or left
            lines.append(Line(c.actor.name, c.kind.value, c.date.isoformat(), (), (c.actor.id,)))
            continue
        was = None if c.before is None else c.before.position
        now = None if c.after is None else c.after.position
        if c.kind is Kind.SHIFT:
            said = f"shift: {label_of(before)} → {label_of(after)}" + counting_note(was, now)
        elif c.kind is Kind.CONDITIONAL:
            said = f"{label_of(after)}" + counting_note(was, now)
        else:
            said = f"{c.kind.value}: {label_of(after)}"
            if now is not None and now.conditions:
                said += " (conditional)"
        lines.append(
            Line(
                f"{c.actor.name} on {c.issue.title}",
                said,
                c.date.isoformat(),
                (c.issue.id,),
                (c.actor.id,),
            )
        )
    return (f"Changed {window}", "changes", lines, nothing_changed(view))


def brief(view: ReportView, b: Briefing, at: int | None = None) -> Html:
    """The brief's sections as HTML: each with the first BRIEF_ITEMS of its items, the
    rest behind a <details> that opens without a script; `at`, the brief in force on
    that date among the briefing's (the page's date switch), its ids keyed by it."""
    key = "brief" if at is None else f"brief-d{at}"
    if at is not None:  # what changed since --since is the latest page's
        b = b._replace(brief=b.briefs[at], landings=b.landed[at], changes=None)
    lead, found = sections(view, b)
    parts = [
        h('<p class="lead">{}</p>', lead),
        # The counts are the data's: a filter of the page hides items, not positions.
        Html(
            '<p class="note narrowed" hidden>These counts are over every issue and actor; '
            "the filters narrow the lists below.</p>"
        ),
    ]
    for section in found:
        parts.append(h('<div class="brief-part">{}</div>', join(_part(b, section, key), "\n")))
    return join(parts, "\n")


def _part(b: Briefing, section: Section, key: str) -> list[Html]:
    """One section of the brief: its heading, its first items, the rest behind a
    click, and what the page's filters show when they leave none of its items."""
    parts = [
        h(
            '<h3 id="{}-{}">{} <span class="count" data-count="{}">({})</span></h3>',
            key,
            section.anchor,
            section.title,
            f"{section.total():,}",
            f"{section.total():,}",
        )
    ]
    lines = [_html_line(line) for line in section.lines]
    about = [_about(line) for line in section.lines]
    if section.anchor == "contested":  # at a glance: where each contested issue lands
        assert b.brief is not None
        for n, row in enumerate(b.brief.contested[:BRIEF_ITEMS]):
            line = h('<figure class="line">{}</figure>', _line(row, b.landings, f"{key}-line"))
            lines[n] = h("{}{}", lines[n], line)
    if not lines:
        return [*parts, h('<p class="none">{}</p>', section.empty)]
    items = [h("<li{}>{}</li>", a, x) for a, x in zip(about, lines, strict=True)]
    parts.append(h("<ul>{}</ul>", join(items[:BRIEF_ITEMS])))
    rest = items[BRIEF_ITEMS:BRIEF_MORE]
    if rest:
        parts.append(
            h(
                "<details><summary>and {} more</summary><ul>{}</ul></details>",
                f"{len(rest):,}",
                join(rest),
            )
        )
    more = max(len(lines) - BRIEF_MORE, 0) + section.unlisted()  # a roll call's 6,000 issues
    if more:
        parts.append(
            h(
                '<p class="note">And {} more: <code>{}</code> lists every one.</p>',
                f"{more:,}",
                section.whole,
            )
        )
    parts.append(Html('<p class="none filtered" hidden>None of the issues and actors shown.</p>'))
    return parts


def _about(line: Line) -> Html:
    """What report.js's filters read of a brief's item: its issues and its actors."""
    found = (("issues", line.issues), ("actors", line.actors))
    return join(h(' data-{}="{}"', key, " ".join(ids)) for key, ids in found if ids)


def _html_line(line: Line) -> Html:
    said = h("<strong><bdi>{}</bdi></strong>", line.lead)
    if line.prefix:
        said = h("{} {}", line.prefix, said)
    return h("{}: {}", said, line.rest) if line.rest else said


def _package(row: PackageRow) -> Line:
    """'United States: support Donbas territory, only if Freeze in the south is adopted;
    backed by Russia; opposed by Ukraine (red line)', as `positions brief` says it."""
    parts = [offer(row)]
    for part, issue, cells in row.parts:
        if len(row.parts) > 1:
            parts.append(f"{issue.title} {backing(part, cells, None, ', ')}")
        else:
            parts.append(backing(part, cells, None))
    issues = (row.issue.id, *(issue.id for _, issue, _ in row.parts))
    return Line(row.offer.actor.name, "; ".join(parts), "", issues, (row.offer.actor.id,))


def issue_line(view: ReportView, row: CompareRow, at: int | None = None) -> Html:
    """The issue's line: its stated parties and its likely landing; `at`, the place of
    the date `row` is in force on among the briefing's dates (the page's date switch),
    whose landing it marks: None, the view's own."""
    b = view.briefing
    assert b is not None
    landings, key = (b.landings, "line") if at is None else (b.landed[at], f"line-d{at}")
    return h('<figure class="line">{}</figure>', _line(row, landings, key))


def heat_map(view: ReportView, at: int | None = None) -> Html:
    """The heat map of the view's agreement; `at`, of the agreement in force on that
    date among the briefing's (the page's date switch)."""
    if at is not None:
        assert view.briefing is not None
        matrix, coalitions = view.briefing.agreements[at]
        picture = svg.heat_map(view.actors, matrix, coalitions, f"heat-map-d{at}")
    else:
        coalitions = () if view.briefing is None else view.briefing.coalitions
        picture = svg.heat_map(view.actors, view.matrix, coalitions)
    return h('<figure class="heat">{}</figure>', picture)


def timeline(view: ReportView, on: dt.date | None = None, at: int | None = None) -> Html:
    """The timeline of shifts; `on`, the date the page's switch shows, `at` its place.
    Its marks numbered and said under it, as on its own: on paper there is no tooltip."""
    assert view.briefing is not None
    titles = view.briefing.titles
    key = "timeline" if at is None else f"timeline-d{at}"
    return h(
        '<figure class="timeline">{}</figure>',
        svg.timeline(view.briefing.shifts, view.actors, titles, on, key, keyed=True),
    )


def chart(view: ReportView, name: str) -> str:
    """One picture as an SVG file (`export --format svg --chart NAME`): alignment (the
    heat map), timeline (the shifts), or issue:ID (the view's row for that issue)."""
    if view.briefing is None:
        raise ValueError("a chart needs the report's briefing (report_view(briefing=True))")
    titles = view.briefing.titles
    if name == "alignment":
        picture = svg.heat_map(view.actors, view.matrix, view.briefing.coalitions, keyed=True)
        weighed = ", weighted by salience" if view.weighted else ""
        dated = "" if view.as_of is None else f", as of {view.as_of.isoformat()}"
        heading = f"{view.title}: agreement between actors{dated}{weighed}"
    elif name == "timeline":
        picture = svg.timeline(view.briefing.shifts, view.actors, titles, keyed=True)
        heading = f"{view.title}: shifts of stance over time"
    elif name.startswith("issue:"):
        wanted = name[len("issue:") :]
        row = next((r for r in view.rows if r.issue.id == wanted), None)
        if row is None:
            raise ValueError(f"the view has no issue {wanted!r}")
        picture = _line(row, view.briefing.landings, legend=True)
        heading = f"{row.issue.title}: {row.issue.question}"
    else:
        raise ValueError(f"unknown chart {name!r}")
    return svg.document(picture, heading)


def _line(
    row: CompareRow, landings: Mapping[str, Landing], key: str = "line", legend: bool = False
) -> Html:
    marks = [
        svg.Mark(
            c.actor,
            c.position.stance,
            c.position.red_line,
            bool(c.position.conditions),
            c.position.basis.value,
        )
        for c in row.cells
        if c.position is not None
    ]
    landing = landings.get(row.issue.id)
    return svg.issue_line(row.issue.id, row.issue.title, marks, landing, key, legend)
