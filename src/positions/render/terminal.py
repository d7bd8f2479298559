"""Views as rich renderables for a terminal. Returns renderables; never prints.

Every piece of text from a data file enters through `_data()`, which makes
control and bidi characters visible and builds a `Text` (never markup), so a
summary cannot style, clear or hijack the terminal.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Group, OverflowMethod, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from positions import views
from positions.analysis import Outcome, PairScore, Status, Verdict
from positions.model import Actor, Stance, label_of, symbol_of
from positions.render.table import FastTable
from positions.text import plural, printable

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
OUTCOME_LABEL = {
    Outcome.WITHIN_REACH: "within reach",
    Outcome.BLOCKED: "blocked",
    Outcome.DIVIDED: "divided",
    Outcome.TOO_FEW: "too few stated",
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
LEGEND = (
    "++ strongly support   + support   0 neutral   - oppose   -- strongly oppose",
    ".  unstated (no position recorded)",
)


def _data(text: str, style: str = "", overflow: OverflowMethod = "fold") -> Text:
    """Untrusted text as an inert Text: no markup, control characters escaped.

    A word longer than its column is folded onto the next lines, not cut with
    an ellipsis: data is shown in full unless a caller asks for a cut.
    """
    return Text(printable(text, keep_newlines=True), style=style, overflow=overflow)


def stance_symbol(stance: Stance | None) -> Text:
    return Text(symbol_of(stance), style=STANCE_STYLE[stance])


def stance_text(stance: Stance | None) -> Text:
    """Symbol and words, so the stance reads without colour."""
    return Text(f"{symbol_of(stance):<3}{label_of(stance)}", style=STANCE_STYLE[stance])


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
    """Which columns one of the tables of a split matrix holds, from 1."""
    return Text(f"{noun} {first}-{last} of {total} (part {number} of {parts})", style="dim")


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
    return _view(_heading(view.title, view.as_of), _fit(table))


def actors(view: views.ActorsView) -> RenderableType:
    table = _table("Actor", "Name", "Aliases", "Stated")
    table.columns[3].justify = "right"
    for row in view.rows:
        table.add_row(
            _data(row.actor.id),
            _data(row.actor.name),
            _data(", ".join(row.actor.aliases)),
            f"{row.stated}/{view.issue_count}",
        )
    return _view(_heading(view.title, view.as_of), _fit(table))


# --- show ---------------------------------------------------------------------------


def _position_text(cell: views.Cell) -> Text:
    p = cell.position
    if p is None:
        return Text("no position recorded", style="dim italic")
    text = _data(p.summary)
    if p.quote:
        text.append("\n")
        text.append_text(_data(f"\u201c{p.quote}\u201d", "italic"))
    source = cell.source.name if cell.source else p.source
    text.append("\n")
    text.append_text(_data(f"{source}, {p.date.isoformat()}", "dim"))
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
    for cell in view.cells:
        table.add_row(
            _data(cell.actor.name, "bold"), stance_text(cell.stance), _position_text(cell)
        )
        table.add_row()

    def records() -> list[RenderableType]:
        """Narrow: each actor and stance on a line, the position indented below."""
        parts: list[RenderableType] = []
        for cell in view.cells:
            line = _data(cell.actor.name, "bold")
            line.append("  ")
            line.append_text(stance_text(cell.stance))
            parts += [line, Padding(_position_text(cell), (0, 0, 0, 2)), Text()]
        return parts

    all_actors = [c.actor for c in view.cells]
    return _view(
        head,
        _data(view.issue.question, "italic"),
        Text(),
        _fit(table, records),
        _sides_lines(all_actors, view.sides),
    )


# --- diff ---------------------------------------------------------------------------


def diff_summary(counts: dict[Verdict, int]) -> str:
    """'agree on 2, clash on 3, 1 partial, 4 where one is silent'."""
    return (
        f"agree on {counts[Verdict.AGREE]}, clash on {counts[Verdict.CONFLICT]}, "
        f"{counts[Verdict.PARTIAL]} partial, {counts[Verdict.UNKNOWN]} where one is silent"
    )


def diff(view: views.DiffView) -> RenderableType:
    head = _heading(_data(f"{view.a.name} vs {view.b.name}"), view.as_of)
    agreement = Text(f"Agreement: {views.score_text(view.agreement)}")
    agreement.append(
        f" over {plural(view.agreement.shared, 'shared issue')} "
        "(0 = opposite extremes, 1 = identical)",
        style="dim",
    )
    table = _table("Issue", view.a.name, view.b.name, "Verdict")
    table.columns[0].ratio = 1
    table.columns[0].overflow = "fold"
    for column in table.columns[1:]:
        column.no_wrap = True
        column.header = _data(str(column.header))
    for row in view.rows:
        table.add_row(
            _data(row.issue.title),
            stance_text(None if row.a is None else row.a.stance),
            stance_text(None if row.b is None else row.b.stance),
            Text(row.verdict.value, style=VERDICT_STYLE[row.verdict]),
        )
    return _view(head, agreement, Text(), _fit(table), Text(diff_summary(view.counts)))


# --- compare --------------------------------------------------------------------------


def abbreviations(actors: Sequence[Actor], limit: int = 4) -> dict[str, str]:
    """Short, unique column labels: the actor's own `short` label when the data gives
    one (format 2), else the initials of a multi-word name, else its start."""
    result = {a.id: printable(a.short) for a in actors if a.short}
    taken = {label.casefold() for label in result.values()}
    for actor in actors:
        if actor.id in result:
            continue
        words = printable(actor.name).split()
        initials = "".join(w[0] for w in words if w[:1].isalnum()).upper()
        first = words[0] if words else actor.id
        candidates = [initials] if 2 <= len(initials) <= limit else []
        candidates += [first[:n].capitalize() for n in range(3, limit + 1)]
        candidates += [actor.id[:limit]]
        label = next((c for c in candidates if c and c.casefold() not in taken), None)
        n = 2
        while label is None or label.casefold() in taken:
            label = f"{first[: limit - len(str(n))]}{n}"
            n += 1
        taken.add(label.casefold())
        result[actor.id] = label
    return result


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
) -> Text:
    """One matrix as fixed-width lines, laid out as a rich Table of this style would be;
    an issue's title wraps onto more lines, its stances and status on the first.

    A real Table costs about 20 s for 1,000 issues x 100 actors (rich measures and
    wraps every cell); these cells never wrap, so plain lines do the same in a
    fraction of that.
    """
    gap = " " * 3
    symbols = [[stance_symbol(row.cells[i].stance) for row in view.rows] for i in chunk]
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
    lines = [header, Text("\u2500" * header.cell_len)]
    for n, label in enumerate(rows):
        first, *more = _wrapped(label, issue_width)
        lines.append(line(Text(first), [column[n] for column in symbols], statuses[n]))
        lines.extend(Text(piece) for piece in more)
    matrix = Text("\n").join(lines)
    matrix.no_wrap = True  # laid out to fit already: spare rich the wrapping pass
    return matrix


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

    def column(label: str) -> int:
        return max(2, cell_len(label)) + gap

    def fixed(issue_width: int) -> int:
        return issue_width + gap + status_width

    issue_width = max(12, min(34, longest_title))
    labels = abbreviations(view.actors)
    if width < fixed(16) + max((column(label) for label in labels.values()), default=4):
        return _compare_stacked(view)
    use_full = fixed(issue_width) + sum(column(full[a.id]) for a in view.actors) <= width
    labels = full if use_full else labels
    per_column = max((column(label) for label in labels.values()), default=4)
    if not use_full:
        # On a narrow terminal, wrap titles (down to 16 characters) before splitting.
        room = width - fixed(0) - per_column * len(view.actors)
        issue_width = max(16, min(issue_width, room))
    # At least one actor per table: with none (an empty selection) range() needs a step.
    fit = max(1, len(view.actors) if use_full else (width - fixed(issue_width)) // per_column)
    every = range(len(view.actors))
    chunks = [every[start : start + fit] for start in every[::fit]] or [every]
    rows = [printable(r.issue.title) for r in view.rows]
    parts: list[RenderableType] = [_heading(view.title, view.as_of)]
    for number, chunk in enumerate(chunks, start=1):
        if len(chunks) > 1:
            parts.append(
                _part("Actors", chunk[0] + 1, chunk[-1] + 1, len(view.actors), number, len(chunks))
            )
        parts.append(_matrix_table(view, chunk, labels, issue_width, rows))
    parts.extend(Text(line, style="dim") for line in LEGEND)
    if not use_full:
        key = ", ".join(f"{labels[a.id]} {full[a.id]}" for a in view.actors)
        parts.append(Text(key, style="dim"))
    if view.actors_subset:
        parts.append(Text("Status counts only the actors shown.", style="dim"))
    return _view(*parts)


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
            line.append_text(stance_symbol(cell.stance))
            parts.append(Padding(line, (0, 0, 0, 2)))
    parts.extend(Text(line, style="dim") for line in LEGEND)
    if view.actors_subset:
        parts.append(Text("Status counts only the actors shown.", style="dim"))
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
    ends = (
        ("Closest pairs", view.ranked[:PAIRS_SHOWN]),
        # A stable sort keeps the actor order among ties.
        ("Most distant pairs", sorted(view.ranked, key=lambda t: t[2].score or 0.0)[:PAIRS_SHOWN]),
    )
    for title, pairs in ends:
        parts.append(Text(title, style="bold"))
        for a, b, pair in pairs:
            line = Text(f"  {views.score_text(pair)}/{pair.shared}  ")
            line.append_text(_data(f"{names[a]} and {names[b]}"))
            parts.append(line)
    return parts


def alignment(view: views.AlignmentView, width: int) -> RenderableType:
    """The agreement matrix (split over several tables when wide) and coalitions."""
    if len(view.actors) > MATRIX_LIMIT:
        return _view(
            _heading("Agreement between actors", view.as_of),
            *_pair_lists(view),
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
        Text(),
        *_coalition_lines(view),
    )


def _coalition_lines(view: views.AlignmentView) -> list[RenderableType]:
    names = {a.id: a.name for a in view.actors}
    groups: list[RenderableType] = [
        _heading(f"Coalitions (agreement of at least {view.threshold:.2f} across members)")
    ]
    for number, c in enumerate(view.coalitions, start=1):
        line = Text(f"{number}. ")
        line.append_text(_data(", ".join(names[m] for m in c.members), "bold"))
        if c.cohesion is None:
            line.append("  (alone)", style="dim")
        else:
            line.append(f"  lowest agreement inside {c.cohesion:.2f}", style="dim")
        groups.append(line)
    return groups


def _under_date(text: Text) -> _ByWidth:
    """Indented past the date (14 cells) where the line keeps 42 for the text; 4 on
    a narrower terminal, where 14 would leave a word or two a line."""
    return _ByWidth(
        lambda _, options: Padding(text, (0, 0, 0, 14 if options.max_width >= 56 else 4))
    )


def history(view: views.HistoryView) -> RenderableType:
    """Each actor's positions on each issue, oldest first, shifts marked."""
    parts: list[RenderableType] = [_heading("Positions over time", view.as_of)]
    current: tuple[str, str] | None = None
    for e in view.entries:
        if (e.actor.id, e.issue.id) != current:
            current = (e.actor.id, e.issue.id)
            parts.append(Text())
            parts.append(_data(f"{e.actor.name} on {e.issue.title}", "bold"))
        line = Text(f"{e.position.date.isoformat()}  ")
        if e.shift and e.previous is not None:
            line.append("shift ", style="bold magenta")
            line.append_text(stance_text(e.previous))
            line.append(" -> ")
        line.append_text(stance_text(e.position.stance))
        line.append("  ")
        line.append_text(_data(e.source.name, "dim"))
        parts.append(Padding(line, (0, 0, 0, 2)))  # wrapped lines keep the indent
        parts.append(_under_date(_data(e.position.summary)))
        if e.position.quote:
            parts.append(_under_date(_data(f"\u201c{e.position.quote}\u201d", "italic")))
    if not view.entries:
        parts.append(Text("No position recorded for this selection.", style="dim"))
    parts.append(Text())
    parts.append(Text(f"{plural(len(view.entries), 'position')}, {plural(view.shifts, 'shift')}"))
    return _view(*parts)


def deal(view: views.DealView) -> RenderableType:
    names = {a.id: a.name for a in view.actors}
    table = _table("Issue", "Spread", "Outlook", "Silent (a deal would ignore them)")
    table.columns[0].ratio = 3
    table.columns[1].justify = "right"
    table.columns[2].ratio = 2
    table.columns[3].ratio = 3
    for row in view.rows:
        o = row.outlook
        outlook = Text(OUTCOME_LABEL[o.outcome], style=OUTCOME_STYLE[o.outcome])
        if o.blockers:
            outlook.append(" by ")
            outlook.append_text(_data(" or ".join(names[b] for b in o.blockers), "bold"))
        table.add_row(
            _data(row.issue.title),
            "-" if o.spread is None else str(o.spread),
            outlook,
            _names(view.actors, o.silent),
        )
    return _view(
        _heading("Where a deal is within reach", view.as_of),
        Text(
            "Spread: highest minus lowest stance score among those who have stated one "
            "(-2..+2). Within reach: all within one step. Blocked by X: all but X are.",
            style="dim",
        ),
        Text(),
        _fit(table),
    )


# --- brief ------------------------------------------------------------------------------


def _and(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def brief(view: views.BriefView) -> RenderableType:
    order = view.actors
    names = {a.id: a.name for a in order}
    titles = view.issue_titles

    def who(ids: Sequence[str]) -> str:
        return _and(views.names_in_order(order, ids))

    def section(title: str, lines: Sequence[Text], empty: str) -> list[RenderableType]:
        if not lines:
            return [Text(title, style="bold"), Padding(Text(empty, style="dim"), (0, 0, 0, 2))]
        grid = FastTable.grid(padding=(0, 1, 0, 0))  # "- " then text with a hanging indent
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for line in lines:
            grid.add_row("  -", line)
        return [Text(title, style="bold"), grid]

    def bullet(issue: str, rest: str) -> Text:
        line = _data(issue, "bold")
        line.append_text(_data(f": {rest}"))
        return line

    consensus = [
        bullet(
            r.issue.title,
            f"{who(r.sides.support)} support"
            if r.sides.support
            else f"{who(r.sides.oppose)} oppose",
        )
        for r in view.consensus
    ]
    contested = [
        bullet(r.issue.title, f"{who(r.sides.support)} for; {who(r.sides.oppose)} against")
        for r in view.contested
    ]
    deals = []
    for r in view.deals:
        o = r.outlook
        if o.outcome is Outcome.WITHIN_REACH:
            rest = f"within reach among {who(o.stated)}"
        else:
            rest = f"blocked by {' or '.join(names[b] for b in o.blockers)}"
        if o.silent:
            rest += f" (silent: {who(o.silent)})"
        deals.append(bullet(r.issue.title, rest))

    def pairs(label: str, lines: Sequence[views.PairLine]) -> Text:
        if not lines:
            return Text(f"{label}: n/a", style="dim")
        text = Text(f"{label}: ")
        text.append_text(
            _data(
                "; ".join(
                    f"{p.a.name} and {p.b.name} ({views.score_text(p.score)} over "
                    f"{plural(p.score.shared, 'shared issue')})"
                    for p in lines
                )
            )
        )
        return text

    shifts = []
    for s in view.recent_shifts:
        line = Text(f"{s.after.date.isoformat()} ")
        line.append_text(_data(f"{names[s.actor]} on {titles[s.issue]}: ", "bold"))
        line.append_text(stance_text(s.before.stance))
        line.append(" -> ")
        line.append_text(stance_text(s.after.stance))
        shifts.append(line)
    gaps = [bullet(r.issue.title, who(r.sides.unstated)) for r in view.gaps]
    head = _heading(f"Briefing: {view.title}", view.as_of)
    return _view(
        head,
        Text(
            f"{view.positions} positions in force from {view.speakers} of {len(order)} actors.",
            style="dim",
        ),
        Text(),
        *section("Consensus", consensus, "none"),
        *section("Contested", contested, "none"),
        *section("Deal within reach or blocked by one party", deals, "none"),
        Text("Alignment", style="bold"),
        Padding(pairs("Closest", view.closest), (0, 0, 0, 2)),
        Padding(pairs("Most distant", view.furthest), (0, 0, 0, 2)),
        *section("Latest shifts", shifts, "no shift recorded"),
        *section("Gaps: who has said nothing (silence is not neutrality)", gaps, "none"),
    )
