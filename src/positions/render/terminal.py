"""Views as rich renderables for a terminal. Returns renderables; never prints.

Every piece of text from a data file enters through `_data()`, which makes
control and bidi characters visible and builds a `Text` (never markup), so a
summary cannot style, clear or hijack the terminal.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    OverflowMethod,
    RenderableType,
    RenderResult,
)
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from positions import views
from positions.analysis import (
    MAX_BLOCKERS,
    DealOutlook,
    Outcome,
    PairScore,
    Status,
    Verdict,
)
from positions.changed import Kind
from positions.model import (
    LONG_STANDING,
    MARKS,
    NOT_PARTY_SYMBOL,
    NOTE_LABEL,
    Actor,
    Basis,
    Evidence,
    Issue,
    Position,
    Source,
    Stance,
    cell_symbol,
    label_of,
    marks_of,
    said_alike,
    symbol_of,
)  # fmt: skip
from positions.render import plain, words
from positions.render.table import FastTable
from positions.render.words import landing_clause, landing_text
from positions.text import and_list, only_if, plural, printable

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

STANCE_STYLE: dict[Stance | None, str] = {
    Stance.STRONGLY_SUPPORT: "bold green",
    Stance.SUPPORT: "green",
    Stance.NEUTRAL: "yellow",
    Stance.OPPOSE: "red",
    Stance.STRONGLY_OPPOSE: "bold red",
    None: "dim",  # unstated
}
STATUS_STYLE = {
    Status.CONTESTED: "bold red",
    Status.CONSENSUS: "bold green",
    Status.MIXED: "yellow",
    Status.OPEN: "dim",
}
VERDICT_STYLE = {
    Verdict.AGREE: "green",
    Verdict.CONFLICT: "bold red",
    Verdict.PARTIAL: "yellow",
    Verdict.UNKNOWN: "dim",
}
OUTCOME_STYLE = {
    Outcome.WITHIN_REACH: "bold green",
    Outcome.BLOCKED: "bold yellow",
    Outcome.DIVIDED: "bold red",
    Outcome.TOO_FEW: "dim",
}
#: Each side's style, by its label in Sides.labelled().
SIDE_STYLES = {
    "Support": "green", "Oppose": "red", "Neutral": "yellow", "Unstated": "dim",
    "Conditional": "cyan", "Not party": "dim",
}  # fmt: skip
#: The stances' symbols, in one line where it fits: a key is never broken across lines.
STANCE_KEYS = ("++ strongly support", "+ support", "0 neutral", "- oppose", "-- strongly oppose")
LEGEND = ("   ".join(STANCE_KEYS), ".  unstated (no position recorded)")


def _legend() -> list[RenderableType]:
    """LEGEND, its first line wrapped between keys at the width it is drawn at."""

    def make(console: Console, options: ConsoleOptions) -> RenderableType:
        lines = [STANCE_KEYS[0]]
        for key in STANCE_KEYS[1:]:
            joined = f"{lines[-1]}   {key}"
            if cell_len(joined) > options.max_width:
                lines.append(key)
            else:
                lines[-1] = joined
        return Text("\n".join(lines), style="dim")

    return [_ByWidth(make), Text(LEGEND[1], style="dim")]


def _data(text: str, style: str = "", overflow: OverflowMethod = "fold") -> Text:
    """Untrusted text as an inert Text: no markup, control characters escaped.

    A word longer than its column is folded onto the next lines, not cut with
    an ellipsis: data is shown in full unless a caller asks for a cut.
    """
    return Text(printable(text, keep_newlines=True), style=style, overflow=overflow)


marks, symbol = marks_of, cell_symbol  # the model's, under the names this module uses


def stance_symbol(position: Position | None, party: bool = True) -> Text:
    stance = None if position is None else position.stance
    return Text(symbol(position, party), style=STANCE_STYLE[stance])


def stance_text(stance: Stance | None) -> Text:
    """Symbol and words, so the stance reads without colour."""
    return Text(f"{symbol_of(stance):<3}{label_of(stance)}", style=STANCE_STYLE[stance])


def position_stance(position: Position | None, party: bool = True) -> Text:
    """A position's symbol with its marks and the stance in words (`not a party`
    outside the actor's window); a stance without marks is `stance_text`'s."""
    if not party:
        return Text(f"{NOT_PARTY_SYMBOL:<3}not a party", style="dim")
    stance = None if position is None else position.stance
    return Text(f"{symbol(position):<2} {label_of(stance)}", style=STANCE_STYLE[stance])


def _marks_legend(symbols: Iterable[str]) -> list[RenderableType]:
    """A line for each mark among `symbols` (what the view shows), none otherwise;
    a meaning that wraps keeps to its column."""
    shown = set("".join(symbols))
    lines = [(mark, meaning) for mark, meaning in MARKS if mark in shown]
    if not lines:
        return []
    grid = FastTable.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(ratio=1, style="dim")
    for mark, meaning in lines:
        grid.add_row(mark, meaning)
    return [grid]


def _number(value: float) -> str:
    """A salience or capability as the data gives it: `1`, `0.9`, `0.25`."""
    return f"{value:g}"


def held_text(day: dt.date) -> str:
    return "long-standing" if day == LONG_STANDING else f"held since {day.isoformat()}"


def conditions_text(conditions: Sequence[tuple[Issue, str]]) -> str:
    """'only if Tariff cuts and Beef quotas are adopted and Disputes is rejected'."""
    return only_if([(issue.title, outcome) for issue, outcome in conditions])


def _qualifiers(position: Position, conditions: Sequence[tuple[Issue, str]]) -> list[Text]:
    """The lines under a summary that say what format 2 adds: the note (why), the
    conditions, then red line, salience and since when; none for format 1."""
    p = position
    lines = []
    if p.note is not None or p.basis is not Basis.REPORTED:
        line = Text(NOTE_LABEL[p.basis], style="bold")
        if p.note is not None:
            line.append(": ")
            line.append_text(_data(p.note))
        lines.append(line)
    if conditions:
        lines.append(_data(conditions_text(conditions), "cyan"))
    facts = Text()
    if p.red_line:
        facts.append("red line", style="bold red")
    if p.salience is not None:
        facts.append(", " if facts else "")
        facts.append(f"salience {_number(p.salience)}")
    if p.held_since is not None:
        facts.append(", " if facts else "")
        facts.append(held_text(p.held_since))
    first = p.evidence[0].date
    if first is not None and first != p.date:
        facts.append(", " if facts else "")
        facts.append(f"dated {p.date.isoformat()}")
    if facts:
        lines.append(facts)
    return lines


def attribution(e: Evidence, sources: Mapping[str, Source], day: dt.date | None = None) -> str:
    """'Keir Starmer, via The Guardian, 2025-08-16': who said it, where, when (its own
    date, else `day`)."""
    source = sources.get(e.source)
    name = e.source if source is None else source.name
    who = name if e.speaker is None else f"{e.speaker}, via {name}"
    when = e.date or day
    return who if when is None else f"{who}, {when.isoformat()}"


def status_text(status: Status) -> Text:
    return Text(status.value, style=STATUS_STYLE[status])


def _as_of(as_of: dt.date | None) -> str:
    return "" if as_of is None else f"  (as of {as_of.isoformat()})"


def _heading(text: Text | str, as_of: dt.date | None = None) -> Text:
    heading = text.copy() if isinstance(text, Text) else _data(text)
    heading.stylize("bold")
    heading.append(_as_of(as_of), style="dim")
    return heading


def _table(*columns: str, **kwargs: object) -> Table:
    table = FastTable(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, **kwargs)
    for column in columns:
        table.add_column(column)
    return table


def _part(noun: str, first: int, last: int, total: int, number: int, parts: int) -> Text:
    """Which columns one of the tables of a split matrix holds, from 1: 'Actors 1-5 of
    6', 'Actor 6 of 6' (`noun` is plural)."""
    which = f"{noun} {first}-{last}" if first != last else f"{noun.removesuffix('s')} {first}"
    return Text(f"{which} of {total} (part {number} of {parts})", style="dim")


def _names(actors: Sequence[Actor], ids: Sequence[str]) -> Text:
    """The named actors in the order of `actors` (the data file's), or 'none'."""
    names = views.names_in_order(actors, ids)
    return _data(", ".join(names)) if names else Text("none", style="dim")


# --- fitting the width ----------------------------------------------------------------


class _Trimmed:
    """A view drawn with no space at the end of any line.

    rich pads every table cell, Padding and wrapped line out to its width, and a
    pipe or a file would carry those spaces. Every view is returned through here
    (`_view`), whichever way its tables were drawn (FastTable's or rich's own), so
    they are taken off in one place. Only plain spaces go: no style here colours
    a background, so nothing visible goes with them.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in Segment.split_lines(console.render(self.renderable, options)):
            end = len(line)
            while end and not line[end - 1].control and not line[end - 1].text.strip(" "):
                end -= 1
            if end and not line[end - 1].control and line[end - 1].text.endswith(" "):
                text, style, _ = line[end - 1]
                yield from line[: end - 1]
                yield Segment(text.rstrip(" "), style)
            else:
                yield from line[:end]
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def _view(*parts: RenderableType) -> RenderableType:
    """What every view returns: its parts, one below another, trimmed."""
    return _Trimmed(Group(*parts))


class _ByWidth:
    """A renderable chosen when it is drawn, for the width it is given: a layout
    picks between a table and a stacked form without being told the width."""

    def __init__(self, make: Callable[[Console, ConsoleOptions], RenderableType]) -> None:
        self.make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.make(console, options)


def _fits(table: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether rich lays `table` out within the width with every column at least as
    wide as its longest word (a no_wrap column: its longest cell), header included:
    then no cell is cut, cropped or folded inside a word."""
    extra = table._extra_width
    inner = options.update_width(options.max_width - extra)
    widths = table._calculate_column_widths(console, inner)
    return sum(widths) + extra <= options.max_width and all(
        table._measure_column(console, inner, column).minimum <= width
        for column, width in zip(table.columns, widths, strict=True)
    )


def _field(label: Text | str | None, value: Text | str) -> Text:
    """'Label: value' (or the value alone), for a record's indented block."""
    line = Text()
    if label:
        line.append_text(label if isinstance(label, Text) else Text(label))
        line.append(": ")
    line.append_text(value if isinstance(value, Text) else Text(value))
    return line


def _records(table: Table) -> list[RenderableType]:
    """The rows of `table` one below another: the first cell as a heading, then each
    other cell under its column's header, indented. Any width can show them."""
    headers = [column.header for column in table.columns]
    parts: list[RenderableType] = []
    for row in zip(*(column._cells for column in table.columns), strict=True):
        first, *rest = row
        head = first.copy() if isinstance(first, Text) else Text(str(first))
        head.stylize("bold")
        fields = []
        for header, cell in zip(headers[1:], rest, strict=True):
            assert isinstance(cell, Text | str)
            assert isinstance(header, Text | str)
            if str(cell):
                fields.append(_field(header, cell))
        # One Padding for the block: a renderable each costs more than its text.
        parts += [head, Padding(Text("\n").join(fields), (0, 0, 0, 2))]
    return parts


def _fit(table: Table, records: Callable[[], list[RenderableType]] | None = None) -> _ByWidth:
    """`table` where it fits (`_fits`); else its rows stacked as records."""
    stacked = records or (lambda: _records(table))
    return _ByWidth(lambda c, o: table if _fits(table, c, o) else Group(*stacked()))


# --- issues, actors -------------------------------------------------------------


def issues(view: views.IssuesView) -> RenderableType:
    table = _table("Issue", "Title", "Stated", "Status")
    table.columns[2].justify = "right"
    for row in view.rows:
        table.add_row(
            _data(row.issue.id),
            _data(row.issue.title),
            f"{row.stated}/{view.actor_count}",
            status_text(row.status),
        )
    if not view.not_party:
        return _view(_heading(view.title, view.as_of), _fit(table))
    absent = _data(and_list([a.name for a in view.not_party]), "dim")
    note = Text.assemble(("Stated: of the parties on the day; not a party: ", "dim"), absent)
    return _view(_heading(view.title, view.as_of), _fit(table), note)


def _window(actor: Actor) -> str:
    """When an actor is a party: 'from 2024-01-01', 'until ...', 'A to B', or ''."""
    w = actor.active
    if w is None or (w.start is None and w.end is None):
        return ""
    if w.start is None:
        return f"until {w.end}"
    if w.end is None:
        return f"from {w.start}"
    return f"{w.start} to {w.end}"


def actors(view: views.ActorsView) -> RenderableType:
    """The actors; capability and active window only when the data gives one, then
    the groups (format 2)."""
    weights = any(r.actor.capability is not None for r in view.rows)
    windows = any(_window(r.actor) for r in view.rows)
    columns = ["Actor", "Name", "Aliases"]
    columns += ["Capability"] * weights + ["Active"] * windows + ["Stated"]
    table = _table(*columns)
    table.columns[-1].justify = "right"
    if weights:
        table.columns[3].justify = "right"
    for row in view.rows:
        a = row.actor
        cells: list[Text | str] = [_data(a.id), _data(a.name), _data(", ".join(a.aliases))]
        if weights:
            cells.append("1" if a.capability is None else _number(a.capability))
        if windows:
            cells.append(_window(a) or "throughout")
        table.add_row(*cells, f"{row.stated}/{view.issue_count}")
    parts: list[RenderableType] = [_heading(view.title, view.as_of), _fit(table)]
    if view.groups:
        groups = _table("Group", "Name", "Members")
        everyone = [r.actor for r in view.rows]
        for g in view.groups:
            groups.add_row(_data(g.id), _data(g.name), _names(everyone, g.members))
        parts += [Text(), _fit(groups)]
    return _view(*parts)


# --- show ---------------------------------------------------------------------------


def _not_party(as_of: dt.date | None) -> Text:
    words = "no longer a party" if as_of is None else f"not a party on {as_of.isoformat()}"
    return Text(words, style="dim italic")


def _position_text(
    cell: views.Cell, sources: Mapping[str, Source], as_of: dt.date | None = None
) -> Text:
    """The summary, what format 2 adds (note, conditions, red line, salience, since),
    then each evidence item: its quote, then who said it where (the first with the
    position's date). A format-1 position: summary, quote, 'Source, date'."""
    p = cell.position
    if not cell.party:
        return _not_party(as_of)
    if p is None:
        return Text("no position recorded", style="dim italic")
    if cell.source is not None and cell.source.id not in sources:
        sources = {**sources, cell.source.id: cell.source}
    text = _data(p.summary)
    for line in _qualifiers(p, cell.conditions):
        text.append("\n")
        text.append_text(line)
    first = True  # the attribution of the first item (and those said alike) has the date
    for n, e in enumerate(p.evidence):
        if e.quote:
            text.append("\n")
            text.append_text(_data(f"\u201c{e.quote}\u201d", "italic"))
        if not said_alike(e, p.evidence[n + 1 : n + 2]):
            text.append("\n")
            if not first and e.date == p.date:
                e = e._replace(date=None)  # said with the first item's already
            text.append_text(_data(attribution(e, sources, p.date if first else None), "dim"))
            first = False
    return text


def _sides_lines(all_actors: Sequence[Actor], sides: views.Sides) -> Group:
    lines = []
    for label, ids in sides.labelled():
        line = Text(f"{label} ({len(ids)}): ", style=SIDE_STYLES[label])
        line.append_text(_names(all_actors, ids))
        lines.append(line)
    return Group(*lines)


def show(view: views.ShowView) -> RenderableType:
    head = _heading(view.issue.title, view.as_of)
    head.append("  ")
    head.append_text(status_text(view.status))
    table = _table("Actor", "Stance", "Position")
    table.columns[0].ratio = 1
    table.columns[0].min_width = 8
    table.columns[1].no_wrap = True
    table.columns[2].ratio = 4
    texts = [_position_text(cell, view.sources, view.as_of) for cell in view.cells]
    for cell, text in zip(view.cells, texts, strict=True):
        table.add_row(
            _data(cell.actor.name, "bold"), position_stance(cell.position, cell.party), text
        )
        table.add_row()

    def records() -> list[RenderableType]:
        """Narrow: each actor and stance on a line, the position indented below."""
        parts: list[RenderableType] = []
        for cell, text in zip(view.cells, texts, strict=True):
            line = _data(cell.actor.name, "bold")
            line.append("  ")
            line.append_text(position_stance(cell.position, cell.party))
            parts += [line, Padding(text, (0, 0, 0, 2)), Text()]
        return parts

    all_actors = [c.actor for c in view.cells]
    return _view(
        head,
        _data(view.issue.question, "italic"),
        Text(),
        _fit(table, records),
        _sides_lines(all_actors, view.sides),
        *_marks_legend(symbol(c.position, c.party) for c in view.cells),
    )


# --- diff ---------------------------------------------------------------------------


#: What every agreement weighted by salience says beside its number.
WEIGHTED_NOTE = "each issue weighted by the pair's mean salience (--unweighted: not)"


def diff_summary(counts: dict[Verdict, int], all_parties: bool = True) -> str:
    """'agree on 2, clash on 3, 1 partial, 4 where one is silent' (or not a party)."""
    unknown = "where one is silent" + ("" if all_parties else " or not a party")
    return (
        f"agree on {counts[Verdict.AGREE]}, clash on {counts[Verdict.CONFLICT]}, "
        f"{counts[Verdict.PARTIAL]} partial, {counts[Verdict.UNKNOWN]} {unknown}"
    )


def _pair(view: views.DiffView) -> tuple[tuple[Actor, bool], tuple[Actor, bool]]:
    """Each of the two actors, with whether it is a party on the view's day."""
    return (view.a, view.parties[0]), (view.b, view.parties[1])


def _party_when(actor: Actor, day: dt.date | None) -> Text:
    """Why an actor has no stance on the view's day, and the --as-of that gives one."""
    w = actor.active
    said = Text()
    if w is None:
        return said
    today = day is None or (w.end is not None and day > w.end)
    edge = w.end if today else w.start
    word = "until" if today else "from"
    said.append_text(_data(actor.name))
    said.append(f" is a party only {word} {edge}", style="dim")
    if edge is not None:
        said.append(f"; --as-of {edge} compares them on that day", style="dim")
    return said


def diff(view: views.DiffView) -> RenderableType:
    head = _heading(_data(f"{view.a.name} vs {view.b.name}"), view.as_of)
    agreement = Text(f"Agreement: {views.score_text(view.agreement)}")
    agreement.append(
        f" over {plural(view.agreement.shared, 'shared issue')} "
        "(0 = opposite extremes, 1 = identical)",
        style="dim",
    )
    if view.weighted:
        agreement.append(f"; {WEIGHTED_NOTE}", style="dim")
    table = _table("Issue", view.a.name, view.b.name, "Verdict")
    table.columns[0].ratio = 1
    table.columns[0].overflow = "fold"
    for column in table.columns[1:]:
        column.no_wrap = True
        column.header = _data(str(column.header))
    # An actor outside its active window has no position on the view's date.
    party_a, party_b = view.parties
    shown = []
    for row in view.rows:
        sides = ((row.a, party_a or row.a is not None), (row.b, party_b or row.b is not None))
        table.add_row(
            _data(row.issue.title),
            *(position_stance(p, party) for p, party in sides),
            Text(row.verdict.value, style=VERDICT_STYLE[row.verdict]),
        )
        shown += [symbol(p, party) for p, party in sides]
    return _view(
        head,
        agreement,
        Text(),
        _fit(table),
        Text(diff_summary(view.counts, all(view.parties))),
        *(_party_when(who, view.as_of) for who, p in _pair(view) if not p),
        *_marks_legend(shown),
        *_periods(view),
    )


def _periods(view: views.DiffView) -> list[RenderableType]:
    """`diff --by`: the agreement in each period, with a bar of ten cells."""
    if view.by is None:
        return []
    table = _table(view.by.capitalize(), "Agreement", "Shared", "")
    table.columns[1].justify = table.columns[2].justify = "right"
    for label, pair in view.periods:
        bar = "" if pair.score is None else "#" * round(pair.score * 10)
        table.add_row(label, views.score_text(pair), str(pair.shared), bar)
    parts: list[RenderableType] = [
        Text(),
        _heading(f"Agreement by {view.by}"),
        Text(
            f"Over the issues on which both stated a position dated in the {view.by} "
            "(each one's last there); n/a: they spoke on no issue in common.",
            style="dim",
        ),
    ]
    parts.append(
        _fit(table) if view.periods else Text(f"Neither spoke in any {view.by}.", style="dim")
    )
    return parts


# --- compare --------------------------------------------------------------------------


def abbreviations(actors: Sequence[Actor]) -> dict[str, str]:
    """Column labels: the actor's own `short` label when the data gives one (format 2),
    else its id. Never invented, so a label means the same actor in every table and
    every run (the loader keeps ids and short labels apart)."""
    return {a.id: printable(a.short or a.id) for a in actors}


def _wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words (inside a word
    only when it is longer than a line), as rich wraps a Text."""
    if cell_len(text) <= width:
        return [text]
    bounds = [0, *divide_line(text, width, fold=True), len(text)]
    return [text[start:end].rstrip() for start, end in itertools.pairwise(bounds)]


def _matrix_table(
    view: views.CompareView,
    chunk: Sequence[int],
    labels: dict[str, str],
    issue_width: int,
    rows: Sequence[str],
) -> RenderableType:
    """One matrix as fixed-width lines, laid out as a rich Table of this style would be;
    an issue's title wraps onto more lines, its stances and status on the first.

    A real Table costs about 20 s for 1,000 issues x 100 actors (rich measures and
    wraps every cell); these cells never wrap, so plain lines do the same in a
    fraction of that.
    """
    gap = " " * 3
    symbols = [
        [stance_symbol(row.cells[i].position, row.cells[i].party) for row in view.rows]
        for i in chunk
    ]
    headers = [printable(labels[view.actors[i].id]) for i in chunk]
    widths = [
        max([cell_len(h), *(s.cell_len for s in column)])
        for h, column in zip(headers, symbols, strict=True)
    ]
    statuses = [status_text(row.status) for row in view.rows]
    status_width = max([len("contested"), *(s.cell_len for s in statuses)])

    def cell(text: Text, width: int) -> Text:
        shown = text.copy()  # every width above holds its column's widest cell
        shown.pad_right(width - shown.cell_len)
        return shown

    def line(first: Text, middle: list[Text], last: Text) -> Text:
        out = cell(first, issue_width)
        for text, width in zip(middle, widths, strict=True):
            out.append(gap)
            out.append_text(cell(text, width))
        out.append(gap)
        out.append_text(cell(last, status_width))
        return out

    bold = [Text(h, style="bold") for h in headers]
    header = line(Text("Issue", style="bold"), bold, Text("Status", style="bold"))
    header.no_wrap = True
    lines = []
    for n, label in enumerate(rows):
        first, *more = _wrapped(label, issue_width)
        lines.append(line(Text(first), [column[n] for column in symbols], statuses[n]))
        lines.extend(Text(piece) for piece in more)
    matrix = Text("\n").join(lines)
    matrix.no_wrap = True  # laid out to fit already: spare rich the wrapping pass
    return (
        Group(header, _Rule(header.cell_len), matrix)
        if lines
        else Group(header, _Rule(header.cell_len))
    )


class _Rule:
    """A line under a table's heading, `width` long: box drawing where the terminal's
    encoding has it, '-' where it has not (ASCII, Latin-1), as rich's own tables do."""

    def __init__(self, width: int) -> None:
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment(("-" if options.ascii_only else "\u2500") * self.width)
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def compare(view: views.CompareView, width: int) -> RenderableType:
    """The issues x actors matrix, abbreviated and split to fit `width` columns.

    Full actor names are used when they fit; otherwise short labels with a key
    below, and when even those do not fit, the actors are split over several
    tables that each repeat the issue and status columns.
    """
    status_width = len("contested")
    # Widths are terminal cells of the text as shown: escapes make a title with
    # control characters longer, and CJK letters and emoji take two cells each.
    longest_title = max((cell_len(printable(r.issue.title)) for r in view.rows), default=5)
    full = {a.id: printable(a.name) for a in view.actors}
    gap = 3  # what rich puts between two columns of this table style
    shown = [[symbol(c.position, c.party) for c in r.cells] for r in view.rows]
    # The widest symbol of each actor's column, marks included (`--~!`).
    widest = [max((len(row[n]) for row in shown), default=2) for n in range(len(view.actors))]

    def column(label: str, n: int = 0) -> int:
        return max(2, cell_len(label), widest[n] if widest else 2) + gap

    def fixed(issue_width: int) -> int:
        return issue_width + gap + status_width

    issue_width = max(12, min(34, longest_title))
    labels = abbreviations(view.actors)

    def columns(names: dict[str, str]) -> list[int]:
        return [column(names[a.id], n) for n, a in enumerate(view.actors)]

    if width < fixed(16) + max(columns(labels), default=4):
        return _compare_stacked(view)
    use_full = fixed(issue_width) + sum(columns(full)) <= width
    labels = full if use_full else labels
    if not use_full:
        # On a narrow terminal, wrap titles (down to 16 characters) before splitting.
        room = width - fixed(0) - sum(columns(labels))
        issue_width = max(16, min(issue_width, room))
    # As many actors in each table as their columns leave room for (at least one).
    room = width - fixed(issue_width)
    chunks: list[list[int]] = []
    used = 0
    for n, needed in enumerate(columns(labels)):
        if chunks and (use_full or used + needed <= room):
            chunks[-1].append(n)
            used += needed
        else:
            chunks.append([n])
            used = needed
    chunks = chunks or [[]]
    rows = [printable(r.issue.title) for r in view.rows]
    parts: list[RenderableType] = [_heading(view.title, view.as_of)]
    for number, chunk in enumerate(chunks, start=1):
        if len(chunks) > 1:
            parts.append(
                _part("Actors", chunk[0] + 1, chunk[-1] + 1, len(view.actors), number, len(chunks))
            )
        parts.append(_matrix_table(view, chunk, labels, issue_width, rows))
    parts.extend(_legend())
    parts.extend(_marks_legend(itertools.chain.from_iterable(shown)))
    if not use_full:
        key = ", ".join(f"{labels[a.id]} {full[a.id]}" for a in view.actors)
        parts.append(Text(key, style="dim"))
    parts.extend(_compare_notes(view))
    return _view(*parts)


def _compare_notes(view: views.CompareView) -> list[RenderableType]:
    """What the rows are a part of, in which order, and who the statuses count."""
    notes: list[RenderableType] = []
    order = views.COMPARE_SORTS[view.sort]
    if view.left_out:
        shown = len(view.rows)
        order = "" if view.sort == "file" else order
        notes.append(_cut(shown, view.left_out, "issue", view.top, order))
    elif view.sort != "file":
        notes.append(Text(f"Issues sorted with {order} (--sort {view.sort}).", style="dim"))
    if view.actors_subset:
        notes.append(Text("Status counts only the actors shown.", style="dim"))
    return notes


def _cut(
    shown: int, more: int, noun: str, top: int | None, order: str = "", tail: str = ""
) -> Text:
    """What --top left out: `The first 3 issues of 8 (--top 3), ...: 5 more ...`."""
    first = f"The first {noun}" if shown == 1 else f"The first {shown:,} {noun}s"
    order = f", {order}" if order else ""
    return Text(
        f"{first} of {shown + more:,} (--top {top}){order}: {more:,} more with a larger "
        f"--top, or without it{tail}.",
        style="dim",
    )


def _compare_stacked(view: views.CompareView) -> RenderableType:
    """Narrower than one actor's column beside the issues: each issue, its status,
    and every actor's stance on a line of its own."""
    parts: list[RenderableType] = [_heading(view.title, view.as_of)]
    for row in view.rows:
        head = _data(row.issue.title, "bold")
        head.append("  ")
        head.append_text(status_text(row.status))
        parts.append(head)
        for actor, cell in zip(view.actors, row.cells, strict=True):
            line = _data(actor.name)
            line.append("  ")
            line.append_text(stance_symbol(cell.position, cell.party))
            parts.append(Padding(line, (0, 0, 0, 2)))
    parts.extend(_legend())
    parts.extend(_marks_legend(symbol(c.position, c.party) for r in view.rows for c in r.cells))
    parts.extend(_compare_notes(view))
    return _view(*parts)


# --- alignment, history, deal -------------------------------------------------------------


#: Above this many actors the matrix (their square) is too large to read on a
#: terminal; the closest and most distant pairs are listed instead.
MATRIX_LIMIT = 30
#: How many pairs of each end such a list shows.
PAIRS_SHOWN = 10


def _pair_lists(view: views.AlignmentView) -> list[RenderableType]:
    names = {a.id: a.name for a in view.actors}
    size = len(view.actors)
    parts: list[RenderableType] = [
        Text(
            f"{size} actors make a {size} x {size} matrix: the closest and the most distant "
            f"pairs follow; --json gives them all.",
            style="dim",
        )
    ]
    distant = views.PAIR_ORDER["distant"]
    ends = (
        ("Closest pairs", view.ranked[:PAIRS_SHOWN]),
        ("Most distant pairs", sorted(view.ranked, key=lambda t: distant(t[2]))[:PAIRS_SHOWN]),
    )
    for title, pairs in ends:
        parts.append(Text(title, style="bold"))
        parts.extend(_pair_line(names, *t) for t in pairs)
    return parts


def _pair_line(names: Mapping[str, str], a: str, b: str, pair: PairScore) -> Text:
    """`  0.92/3  Ukraine and European allies`: a ranked pair's line."""
    line = Text(f"  {views.score_text(pair)}/{pair.shared}  ")
    line.append_text(_data(f"{names[a]} and {names[b]}"))
    return line


def _listed_pairs(view: views.AlignmentView) -> list[RenderableType]:
    """`alignment --sort/--top`: the ranked pairs in the order asked, as many as asked."""
    names = {a.id: a.name for a in view.actors}
    order = views.ALIGNMENT_SORTS[view.sort or "closest"]
    parts: list[RenderableType] = [
        Text(f"Agreement / issues both have stated; {order}.", style="dim")
    ]
    parts.extend(_pair_line(names, *t) for t in view.listed)
    if not view.listed:
        parts.append(Text("No two actors shown share a stated issue."))
    if view.left_out:
        tail = "; --json gives the whole matrix"
        parts.append(_cut(len(view.listed), view.left_out, "pair", view.top, tail=tail))
    return parts


def _alignment_notes(view: views.AlignmentView, pairs: bool = True) -> list[RenderableType]:
    """What the numbers rest on: salience weights, and (with `pairs`) the pairs left
    out of the ranking."""
    notes: list[RenderableType] = []
    if view.weighted:
        notes.append(Text(f"Agreement: {WEIGHTED_NOTE}.", style="dim"))
    if pairs and view.min_shared > 1:
        verb = "shares" if view.unranked == 1 else "share"
        left = f"; {plural(view.unranked, 'pair')} {verb} fewer" if view.unranked else ""
        notes.append(
            Text(
                f"Ranked and joined only when they share at least "
                f"{plural(view.min_shared, 'stated issue')}{left}.",
                style="dim",
            )
        )
    return notes


def _partner_table(view: views.AlignmentView) -> RenderableType:
    """`alignment ACTOR`: the actor's partners, closest first, with the issues behind."""
    assert view.focus is not None
    table = _table("Partner", "Agreement", "Agree on", "Clash on", "Partly")
    table.columns[0].ratio = 2
    table.columns[1].justify = "right"
    table.columns[1].no_wrap = True
    for column in table.columns[2:]:
        column.ratio = 3

    def titles(issues: Sequence[Issue]) -> Text:
        return _data(", ".join(i.title for i in issues)) if issues else Text("-", style="dim")

    for partner in view.partners:
        table.add_row(
            _data(partner.actor.name, "bold"),
            f"{views.score_text(partner.score)}/{partner.score.shared}",
            titles(partner.agree),
            titles(partner.clash),
            titles(partner.partial),
        )
    order = views.ALIGNMENT_SORTS[view.sort or "closest"]
    what = "closest and most distant partners" if view.sort in (None, "closest") else "partners"
    parts: list[RenderableType] = [
        _heading(_data(f"{view.focus.name}: {what}"), view.as_of),
        Text(
            f"Agreement / issues both have stated; {order}. Partly: one of them is neutral.",
            style="dim",
        ),
        *_alignment_notes(view, pairs=False),
        Text(),
    ]
    if view.partners:
        parts.append(_fit(table))
    else:
        parts.append(
            _data(
                f"No partner shares {view.partners_min_shared} stated issues with "
                f"{view.focus.name}."
            )
            if view.unlisted
            else _data(f"{view.focus.name} shares no stated issue with any other actor shown.")
        )
    if view.partners_left_out:
        parts.append(_cut(len(view.partners), view.partners_left_out, "partner", view.top))
    if view.unlisted:
        line = Text(
            f"Sharing fewer than {view.partners_min_shared} stated issues, so not ranked: ",
            style="dim",
        )
        line.append_text(_data(and_list([a.name for a in view.unlisted]), "dim"))
        line.append(" (--min-shared 1 ranks them).", style="dim")
        parts.append(line)
    return _view(*parts)


def alignment(view: views.AlignmentView, width: int) -> RenderableType:
    """The agreement matrix (split over several tables when wide) and coalitions."""
    if view.focus is not None:
        return _partner_table(view)
    if view.sort is not None or view.top is not None:
        return _view(
            _heading("Agreement between actors", view.as_of),
            *_listed_pairs(view),
            *_alignment_notes(view),
            Text(),
            *_coalition_lines(view),
        )
    if len(view.actors) > MATRIX_LIMIT:
        return _view(
            _heading("Agreement between actors", view.as_of),
            *_pair_lists(view),
            *_alignment_notes(view),
            Text(),
            *_coalition_lines(view),
        )
    labels = abbreviations(view.actors)

    def cell(pair: PairScore) -> str:
        return "n/a" if pair.score is None else f"{pair.score:.2f}/{pair.shared}"

    label_width = max((cell_len(v) for v in labels.values()), default=2)
    per_column = 3 + max([label_width, *(len(cell(p)) for p in view.matrix.values())], default=4)
    fit = max(1, (width - label_width - 3) // per_column)
    chunks = [view.actors[i : i + fit] for i in range(0, len(view.actors), fit)] or [()]
    tables: list[RenderableType] = []
    for number, chunk in enumerate(chunks, start=1):
        if len(chunks) > 1:
            first = number * fit - fit + 1
            last = first + len(chunk) - 1
            tables.append(_part("Columns", first, last, len(view.actors), number, len(chunks)))
        table = _table()
        table.add_column("", no_wrap=True)
        for actor in chunk:
            table.add_column(_data(labels[actor.id]), justify="right", no_wrap=True)
        for a in view.actors:
            table.add_row(
                _data(labels[a.id], "bold"), *(cell(view.matrix[a.id, b.id]) for b in chunk)
            )
        tables.append(table)
    key = ", ".join(f"{labels[a.id]} {printable(a.name)}" for a in view.actors)
    return _view(
        _heading("Agreement between actors", view.as_of),
        Text(
            "Each cell: agreement (1 = identical stances, 0 = opposite extremes) / issues "
            "both have stated.",
            style="dim",
        ),
        Text(),
        *tables,
        Text(key, style="dim"),
        *_alignment_notes(view, pairs=False),
        Text(),
        *_coalition_lines(view),
    )


def _coalition_lines(view: views.AlignmentView) -> list[RenderableType]:
    names = {a.id: a.name for a in view.actors}
    rule = (
        f"{view.wanted} asked for" if view.wanted is not None
        else f"agreement of at least {view.threshold:.2f} across members"
    )  # fmt: skip
    groups: list[RenderableType] = [_heading(f"Coalitions ({rule})")]
    # Numbered, what wraps under the text, not under the number.
    listed = FastTable.grid(padding=(0, 1, 0, 0))
    listed.add_column(no_wrap=True, justify="right")
    listed.add_column()
    for number, c in enumerate(view.coalitions, start=1):
        line = _data(", ".join(names[m] for m in c.members), "bold")
        if c.cohesion is None or c.mean is None:
            line.append("  (alone)", style="dim")
        else:
            line.append(
                f"  lowest agreement inside {c.cohesion:.2f}, mean {c.mean:.2f}", style="dim"
            )
        listed.add_row(f"{number}.", line)
    if view.coalitions:
        groups.append(listed)
    rest = ""
    if view.wanted is not None and len(view.coalitions) > view.wanted:
        rest = f" {len(view.coalitions)}, not {view.wanted}: the rest share too few to join."
    groups.append(
        Text(
            f"Every two members share at least {plural(view.min_shared, 'stated issue')}"
            f" (--min-shared).{rest}",
            style="dim",
        )
    )
    if view.sweeping:
        largest = max(len(c.members) for c in view.coalitions)
        parties = sum(len(c.members) for c in view.coalitions)
        groups.append(
            Text(
                f"One coalition holds {largest} of {parties} parties: at this threshold the "
                "data does not split (on yes/no votes scored +-1 every agreement stays "
                "at 0.5 or more). Try a higher --threshold, or --coalitions K.",
                style="yellow",
            )
        )
    return [*groups, *_group_lines(view)]


def _group_lines(view: views.AlignmentView) -> list[RenderableType]:
    """How closely each group of the file agrees inside, among its members shown."""
    if not view.groups:
        return []
    lines: list[RenderableType] = [
        Text(),
        _heading("Groups (agreement between their members shown)"),
    ]
    for g in view.groups:
        line = _data(g.group.name, "bold")
        line.append_text(_data(f" ({g.group.id}): "))
        line.append_text(_names(view.actors, g.members))
        if g.lowest is None or g.mean is None:
            line.append("  no two members share a stated issue", style="dim")
        else:
            line.append(
                f"  lowest {g.lowest:.2f}, mean {g.mean:.2f} over {plural(g.pairs, 'pair')}",
                style="dim",
            )
        lines.append(line)
    return lines


def _under_date(text: Text) -> _ByWidth:
    """Indented past the date (14 cells) where the line keeps 42 for the text; 4 on
    a narrower terminal, where 14 would leave a word or two a line."""
    return _ByWidth(
        lambda _, options: Padding(text, (0, 0, 0, plain.under_date(options.max_width)))
    )


def _hanging(line: Text) -> _ByWidth:
    """A history entry's first line, indented by 2; what wraps goes under the text
    beside the date, as `_under_date` puts the lines that follow."""

    def make(console: Console, options: ConsoleOptions) -> RenderableType:
        at = plain.hang_break(line.plain, options.max_width)
        if at is None:
            return Padding(line, (0, 0, 0, plain.HANG))
        first, rest = line[:at], line[at:]
        first.rstrip()
        indent = plain.under_date(options.max_width)
        return Group(Padding(first, (0, 0, 0, plain.HANG)), Padding(rest, (0, 0, 0, indent)))

    return _ByWidth(make)


class Blocks:
    """A view that is a column of text blocks (`plain.Block`), then a few other parts
    (a legend): drawn by rich as every view is, or, where no colour is drawn, its
    blocks by `plain.lines` and only the rest by rich (the CLI's `_run`)."""

    def __init__(self, blocks: list[plain.Block], tail: list[RenderableType]) -> None:
        self.blocks = blocks
        self.tail = tail

    @staticmethod
    def drawn(block: plain.Block) -> RenderableType:
        if block.hanging:
            return _hanging(block.text)
        if block.indent == plain.UNDER_DATE:
            return _under_date(block.text)
        return Padding(block.text, (0, 0, 0, block.indent)) if block.indent else block.text

    def tail_view(self) -> RenderableType:
        return _view(*self.tail)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield _view(*map(self.drawn, self.blocks), *self.tail)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def history(view: views.HistoryView) -> RenderableType:
    """Each actor's positions on each issue, oldest first, shifts marked; under each,
    what format 2 adds and every evidence item after the first."""
    Block, under = plain.Block, plain.UNDER_DATE
    blocks = [Block(_heading("Positions over time", view.as_of))]
    sources = {**view.sources, **{e.source.id: e.source for e in view.entries}}
    current: tuple[str, str] | None = None
    shown = []
    for e in view.entries:
        p = e.position
        if (e.actor.id, e.issue.id) != current:
            current = (e.actor.id, e.issue.id)
            blocks.append(Block(Text()))
            blocks.append(Block(_data(f"{e.actor.name} on {e.issue.title}", "bold")))
        line = Text(f"{p.date.isoformat()}  ")
        if e.shift and e.before is not None:
            line.append("shift ", style="bold magenta")
            line.append_text(position_stance(e.before))  # a red line given up shows as one
            line.append(" -> ")
            shown.append(symbol(e.before))
        line.append_text(position_stance(p))
        line.append("  ")
        first = p.evidence[0]
        if first.date == p.date:
            first = first._replace(date=None)  # the line starts with it
        line.append_text(_data(attribution(first, sources), "dim"))
        shown.append(symbol(p))
        blocks.append(Block(line, hanging=True))
        blocks.append(Block(_data(p.summary), under))
        blocks += [Block(q, under) for q in _qualifiers(p, e.conditions)]
        for n, item in enumerate(p.evidence):
            if n and not said_alike(p.evidence[n - 1], (item,)):
                also = Text("also: ", style="dim")
                said = item._replace(date=None) if item.date == p.date else item
                also.append_text(_data(attribution(said, sources), "dim"))
                blocks.append(Block(also, under))
            if item.quote:
                blocks.append(Block(_data(f"\u201c{item.quote}\u201d", "italic"), under))
            if item.url:
                blocks.append(Block(_data(item.url, "dim"), under))
    if not view.entries:
        blocks.append(Block(Text("No position recorded for this selection.", style="dim")))
    blocks.append(Block(Text()))
    total = f"{plural(len(view.entries), 'position')}, {plural(view.shifts, 'shift')}"
    blocks.append(Block(Text(total)))
    return Blocks(blocks, _marks_legend(shown))


def outlook_text(
    o: DealOutlook, cells: Sequence[views.Cell], titles: Mapping[str, str], among: str = ""
) -> Text:
    """A deal's outlook (`words.outlook_parts`), styled: in the outcome's colour, the
    blockers bold, the asides dim; for `deal` and `brief`."""
    # The whole sentence in the outcome's colour, the other parts' styles over it.
    styles = {"outcome": "", "names": "bold", "aside": "dim", "": ""}
    text = Text(style=OUTCOME_STYLE[o.outcome])
    for said, part in words.outlook_parts(o, cells, titles, among):
        text.append_text(_data(said, styles[part]))
    return text


def deal(view: views.DealView) -> RenderableType:
    table = _table("Issue", "Spread", "Outlook", "Silent or conditional (a deal would ignore them)")
    table.columns[0].ratio = 3
    table.columns[1].justify = "right"
    table.columns[2].ratio = 2
    table.columns[3].ratio = 3
    unreported = []
    titles = {**view.titles, **{r.issue.id: r.issue.title for r in view.rows}}
    for row in view.rows:
        o = row.outlook
        outlook = outlook_text(o, row.cells, titles)
        silent = words.qualified_in_order(row.cells, o.silent)[0]
        table.add_row(
            _data(row.issue.title),
            "-" if o.spread is None else str(o.spread),
            outlook,
            _data(", ".join(silent)) if silent else Text("none", style="dim"),
        )
        unreported += [
            f"{c.actor.name} on {row.issue.title} ({c.position.basis.value})"
            for c in row.cells
            if c.position is not None
            and c.position.basis is not Basis.REPORTED
            and c.actor.id in o.stated
        ]
    parts: list[RenderableType] = [
        _heading("Where a deal is within reach", view.as_of),
        Text(
            "Spread: highest minus lowest stance score among those who have stated one "
            "(-2..+2). Within reach: all within one step, and which way. Blocked by X: "
            f"all but X (at most {MAX_BLOCKERS}, fewer than the rest) are; a red line "
            "makes it hard.",
            style="dim",
        ),
        Text(),
        _fit(table),
    ]
    if unreported:
        line = Text("Counted, though not reported as said: ", style="dim")
        line.append_text(_data("; ".join(unreported), "dim"))
        parts.append(line)
    return _view(*parts)


# --- landing ----------------------------------------------------------------------------


def landing(view: views.LandingView) -> RenderableType:
    names = {a.id: a.name for a in view.actors}
    table = _table("Issue", "Likely landing", "Pivot", "Mean", "Red lines it crosses")
    table.columns[0].ratio = 3
    table.columns[1].ratio = 3
    table.columns[2].ratio = 2
    table.columns[3].justify = "right"
    table.columns[4].ratio = 2
    for row in view.rows:
        land = row.landing
        pivot = (
            names[land.pivot]
            if land.pivot is not None
            else "split" if land.median is not None else "-"
        )  # fmt: skip
        if land.pivot_conditional:
            pivot += " (conditional)"
        table.add_row(
            _data(row.issue.title),
            Text(landing_text(land), style="bold" if land.median is not None else "dim"),
            _data(pivot),
            "-" if land.mean is None else f"{land.mean:+.2f}",
            _data(", ".join(names[a] for a in land.across))
            if land.across
            else Text("none", style="dim"),
        )
    weight = (
        "Weight: capability x salience, each omitted counting 1."
        if view.weighted
        else "This data gives no capability or salience: every party weighs 1, so this is "
        "the plain median."
    )
    parts: list[RenderableType] = [
        _heading("Where each issue is likely to land: a model estimate, not a fact", view.as_of),
        Text(
            "The weighted median of the stances counted (-2..+2); the pivot is the party "
            f"whose weight carries it, split when the weight divides exactly. {weight}",
            style="dim",
        ),
        Text(),
        _fit(table),
    ]
    if view.scenario:
        line = Text("Conditional stances are counted where the scenario holds: ", style="dim")
        said = "; ".join(f"{issue.title} {outcome}" for issue, outcome in view.scenario)
        line.append_text(_data(said + " (each by its median without them).", "dim"))
        parts.append(line)
    return _view(*parts)


# --- brief ------------------------------------------------------------------------------

#: The most items a section of the briefing lists, and pairs it names as tied: the
#: rest are counted and the command that lists them named, so the briefing fits a
#: screen whatever the size of the data.
BRIEF_ITEMS = 5
BRIEF_PAIRS = 3
BRIEF_NAMES = views.BRIEF_NAMES  # names in one list ("A, B, C, D, E and 95 others")


def brief(view: views.BriefView) -> RenderableType:
    order = view.actors
    names = {a.id: a.name for a in order}
    titles = view.issue_titles

    def who(ids: Sequence[str], cells: Sequence[views.Cell] = ()) -> str:
        return words.listed(order, ids, cells)

    def conditional(row: views.CompareRow) -> str:
        return words.conditional_clause(order, row)

    def section(
        title: str, lines: Sequence[Text], empty: str, more: str = "", count: int | None = None
    ) -> list[RenderableType]:
        """A heading and its first BRIEF_ITEMS lines; `more` says where the rest are.
        `count`: how many lines there are in all, when `lines` holds only the first."""
        if not lines:
            return [Text(title, style="bold"), Padding(Text(empty, style="dim"), (0, 0, 0, 2))]
        grid = FastTable.grid(padding=(0, 1, 0, 0))  # "- " then text with a hanging indent
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for line in lines[:BRIEF_ITEMS]:
            grid.add_row("  -", line)
        rest = (len(lines) if count is None else count) - BRIEF_ITEMS
        if rest > 0:
            grid.add_row("", Text(f"and {rest:,} more" + (f" ({more})" if more else ""), "dim"))
        return [Text(title, style="bold"), grid]

    def bullet(issue: str, rest: str) -> Text:
        line = _data(issue, "bold")
        line.append_text(_data(f": {rest}"))
        return line

    consensus = [
        bullet(
            r.issue.title,
            (
                f"{who(r.sides.support, r.cells)} support"
                if r.sides.support
                else f"{who(r.sides.oppose, r.cells)} oppose"
            )
            + conditional(r),
        )
        for r in view.consensus[:BRIEF_ITEMS]  # only the lines shown: a roll call has 6,000
    ]

    def lands(issue: str) -> str:
        """'; likely landing -2 strongly oppose (pivot European allies)'."""
        row = view.landings.get(issue)  # only the issues shown are placed
        return landing_clause(
            None if row is None else row.landing,
            lambda ids: and_list([names.get(a, a) for a in ids]),
        )

    contested = [
        bullet(
            r.issue.title,
            f"{who(r.sides.support, r.cells)} for; {who(r.sides.oppose, r.cells)} against"
            + conditional(r)
            + lands(r.issue.id),
        )
        for r in view.contested[:BRIEF_ITEMS]
    ]
    deals = []
    agreed = {r.issue.id for r in view.consensus}  # within reach by definition: said above
    beyond = [r for r in view.deals if r.issue.id not in agreed]
    for r in beyond[:BRIEF_ITEMS]:
        o = r.outlook
        line = _data(r.issue.title, "bold")
        line.append(": ")
        # Who is silent: see Gaps.
        line.append_text(outlook_text(o, r.cells, titles, who(o.stated, r.cells)))
        deals.append(line)

    # Red lines are marked where they are held (Contested) and crossed (landings).
    inferred = "; ".join(
        f"{cell.actor.name} on {issue.title} ({cell.position.basis.value})"
        for issue, cell in view.inferences[: 2 * BRIEF_ITEMS]
        if cell.position is not None
    )
    if len(view.inferences) > 2 * BRIEF_ITEMS:
        inferred += f"; and {len(view.inferences) - 2 * BRIEF_ITEMS:,} more"

    from positions.render import trades as traded  # it builds on this module

    packages = []
    if view.trades is not None:
        for trade in view.trades.rows:
            line = _data(traded.headline(trade, titles), "bold")
            line.append(f" (gain {trade.trade.gain:.2f})")
            packages.append(line)
        if view.trades.found > len(view.trades.rows):
            packages.append(Text(f"and {view.trades.found - len(view.trades.rows)} more"))
        if not view.trades.rows:
            packages.append(_data(f"No trade: {words.reason(view.trades, short=True)}"))
    for package in view.packages:
        line = _data(f"{package.offer.actor.name}: ", "bold")
        line.append_text(_data(words.offer(package)))
        for part, issue, cells in package.parts:
            if len(package.parts) > 1:  # 'Tariff cuts backed by A, opposed by B; ...'
                said = f"{issue.title} {words.backing(part, cells, None, ', ')}"
            else:
                said = words.backing(part, cells, None)
            line.append_text(_data(f"; {said}"))
        packages.append(line)

    def pairs(label: str, lines: Sequence[views.PairLine]) -> Text:
        if not lines:
            return Text(f"{label}: n/a", style="dim")
        text = Text(f"{label}: ")
        text.append_text(
            _data(
                "; ".join(
                    f"{p.a.name} and {p.b.name} ({views.score_text(p.score)} over "
                    f"{plural(p.score.shared, 'shared issue')})"
                    for p in lines[:BRIEF_PAIRS]
                )
            )
        )
        if len(lines) > BRIEF_PAIRS:
            rest = len(lines) - BRIEF_PAIRS
            text.append(f"; and {rest:,} more tied (positions alignment)", style="dim")
        return text

    shifts = []
    marked: list[str] = []
    for s in view.recent_shifts:
        line = Text(f"{s.after.date.isoformat()} ")
        line.append_text(_data(f"{names[s.actor]} on {titles[s.issue]}: ", "bold"))
        line.append_text(position_stance(s.before))
        line.append(" -> ")
        line.append_text(position_stance(s.after))
        counting = words.conditional_change(s.before, s.after)
        if counting is not None:
            line.append(f" ({counting})", style="cyan")
        shifts.append(line)
        marked += [symbol(s.before), symbol(s.after)]
    silent: dict[str, int] = {}
    for gap in view.gaps:
        for actor in gap.sides.unstated:
            silent[actor] = silent.get(actor, 0) + 1
    rank = {a.id: i for i, a in enumerate(order)}
    ranked = sorted(silent.items(), key=lambda kv: (-kv[1], rank[kv[0]]))
    of = f" of {plural(len(titles), 'issue')}"
    shown = ranked if len(ranked) <= BRIEF_NAMES else ranked[: BRIEF_NAMES - 1]
    said = ", ".join(f"{names[a]} on {n:,}{'' if i else of}" for i, (a, n) in enumerate(shown))
    if len(shown) < len(ranked):
        said += f" and {len(ranked) - len(shown):,} others"
    gaps = [_data(f"{said} (positions compare shows which)")] if ranked else []
    since, until = view.changed_window
    moved = Text(f"Changed from {since} to {until} (positions changes): ", style="dim")
    moved.append(", ".join(words.counted(Kind(k), n) for k, n in view.changed) or "nothing")
    head = _heading(f"Briefing: {view.title}", view.as_of)
    return _view(
        head,
        Text.assemble(
            f"{plural(view.positions, 'position')} in force from {view.speakers} of "
            f"{plural(len(order), 'actor')}",
            _data(words.not_a_party(view.absent)),  # names from the data: made inert
            ".",
            style="dim",
        ),
        Text(),
        *section("Consensus", consensus, "none", "positions issues", len(view.consensus)),
        *section(
            "Contested, and where each would likely land (a model; positions landing)",
            contested,
            "none",
            "positions issues",
            len(view.contested),
        ),
        *section(
            "Deal within reach beyond the consensus, or blocked by a few",
            deals,
            "none",
            "positions deal",
            len(beyond),
        ),
        *(
            section(
                "Trades, and the packages conditional offers make (positions trades)",
                packages,
                "none",
                "positions trades",
            )
            if packages
            else ()
        ),
        Text("Alignment", style="bold"),
        Padding(pairs("Closest", view.closest), (0, 0, 0, 2)),
        Padding(pairs("Most distant", view.furthest), (0, 0, 0, 2)),
        *(
            section("Latest shifts", shifts, "")
            if shifts
            else [Text.assemble(("Latest shifts: ", "bold"), ("none recorded", "dim"))]
        ),
        *((Padding(moved, (0, 0, 0, 2)),) if since is not None else ()),
        *section("Silent: who has said nothing (silence is not neutrality)", gaps, "none"),
        *(
            section(
                "Resting on inference (not reported as said; show ISSUE gives the notes)",
                [_data(inferred)],
                "none",
            )
            if view.inferences
            else ()
        ),
        *_marks_legend(marked),
    )
