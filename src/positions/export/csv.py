"""The comparison as CSV: tidy long form (one row per issue x actor) or `--wide`.

RFC 4180: comma-separated, fields quoted when needed, CRLF line ends, UTF-8.

No byte-order mark. A BOM makes Excel guess UTF-8 when a file is
double-clicked, but it ends up inside the first header of every other
reader (Python's csv module, cut, awk, a database's COPY: `\\ufeffissue`),
and in the middle of the stream when exports are concatenated or piped.
Scripts are the main consumers, so the file is plain UTF-8; Excel users
import it with Data > From Text/CSV, which lets them pick UTF-8 (65001).

Spreadsheets evaluate a cell that starts with =, +, - or @ (and, in some,
tab or carriage return) as a formula, which can run commands or leak data
(`=cmd|' /C calc'!A0`, `=HYPERLINK(...)`). Following OWASP's advice, every
text cell starting with one of those characters gets a leading single quote,
which spreadsheets show as text. That is not enough on its own: Excel in many
European locales and LibreOffice with "semicolon" ticked split on `;` (or on
tab, space, `|` or any character typed as "other"), even inside a quoted field,
so `ok;=1+2` would open as the text `ok` and a live formula. So inside a text,
a formula character right after any character a spreadsheet could split on
gets the quote too: every character but a letter, a digit and `. ' ’ + -` (a
separator among those would split every word, number or date). `=` and `@`
always get it; `+` and `-` unless a space or the end follows (`a - b`) or a
plain number does (`a -2 b`, `-1.5`): `-2+3+cmd|...` is a formula to Excel.
Every text field is quoted and the score is written as a plain integer (`-2`)
and never prefixed, so it stays a number in a spreadsheet and in pandas (a
salience too, as `0.9`). Ids, stance ids and dates
cannot start with those characters (the loader only accepts slugs and real
dates), so the rule never changes them. tests/test_spreadsheet.py opens the
file in LibreOffice with each separator and finds no formula.

`raw=True` (`export --raw`) writes every text exactly as the data file has it,
for pipelines: no quote added, no escape.

Control and bidi characters in data text are shown as escapes (`\\x1b`), as
on the terminal, because CSV goes to stdout by default; line breaks are kept.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence

from positions.model import Evidence
from positions.render.json import held_json
from positions.text import printable
from positions.views import Cell, ReportView

LONG_COLUMNS = (
    "issue",
    "issue_title",
    "actor",
    "actor_name",
    "stance",
    "score",
    "summary",
    "quote",
    "source",
    "date",
    # Format 2's, after format 1's so that a script reading those by place still works;
    # empty for an unstated actor, and for a format-1 file the defaults.
    "party",  # `false` when the actor is not a party on the date (outside `active:`)
    "basis",  # reported, indirect or inferred
    "note",
    "conditions",  # `issue=adopted;other=rejected`: the stance holds only if
    "salience",  # a number from 0 to 1, or empty
    "red_line",  # `true` or `false`
    "held_since",  # a date, `long-standing`, or empty
    "speaker",  # the first evidence item's (who said it)
    "url",  # the first evidence item's own link (the article)
    "more_evidence",  # each further item on a line: `source | speaker | url | date | quote`
    "evidence_date",  # the first evidence item's date, when it gives one
)
WIDE_COLUMNS = ("issue", "issue_title", "status")  # then one column per actor id

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Where a quote goes inside a text: before a formula character that follows a
#: character a spreadsheet may split a line on (see the module's docstring).
#: (A letter or a digit is `[^\W_]`: `_` may be a separator too.)
_INNER_FORMULA = re.compile(
    r"(?<=[\W_])(?<![.'\u2019+-])(?=[=@]|[+-](?!\s|\Z|\d+(?:[.,]\d+)*(?:\s|\Z)))"
)


def cell_text(text: str | None) -> str:
    """Data text made safe for a spreadsheet cell, whatever separator it is split
    on; None becomes an empty cell."""
    if text is None:
        return ""
    shown = _INNER_FORMULA.sub("'", printable(text, keep_newlines=True))
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def _raw_text(text: str | None) -> str:
    return "" if text is None else text


def render(view: ReportView, *, wide: bool = False, raw: bool = False) -> str:
    """The view as CSV text; `raw` leaves every text exactly as the data has it."""
    return "".join(chunks(view, wide=wide, raw=raw))


def chunks(view: ReportView, *, wide: bool = False, raw: bool = False) -> Iterator[str]:
    """The CSV text a piece at a time: the header, then each issue's rows."""
    text = _raw_text if raw else cell_text
    out = _Pieces()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    # Actor ids are column names in the wide form; an actor whose id is `issue`,
    # `issue_title` or `status` would repeat a header (pandas renames it).
    writer.writerow([*WIDE_COLUMNS, *(a.id for a in view.actors)] if wide else LONG_COLUMNS)
    yield out.take()
    for row in view.rows:
        issue = text(row.issue.id), text(row.issue.title)
        if wide:
            stances = ("" if c.stance is None else c.stance.id for c in row.cells)
            writer.writerow([*issue, row.status.value, *stances])
        else:
            writer.writerows([*issue, *_long(c, text)] for c in row.cells)
        yield out.take()


class _Pieces:
    """What a csv.writer writes, held until taken (the writer keeps no state between
    rows, so the rows taken a few at a time are the same text as all at once)."""

    def __init__(self) -> None:
        self._held: list[str] = []

    def write(self, text: str) -> None:
        self._held.append(text)

    def take(self) -> str:
        taken = "".join(self._held)
        self._held.clear()
        return taken


def _long(c: Cell, text: Callable[[str | None], str]) -> Sequence[str | int | float]:
    p = c.position
    head = [text(c.actor.id), text(c.actor.name)]
    party = "true" if c.party else "false"
    if p is None:
        return [*head, "", "", "", "", "", "", party, *[""] * (len(LONG_COLUMNS) - 11)]
    first = p.evidence[0]
    return [
        *head,
        p.stance.id,
        p.stance.score,  # an int: written unquoted as `-2`, kept a number
        text(p.summary),
        text(p.quote),
        text(p.source),
        p.date.isoformat(),
        party,
        p.basis.value,
        text(p.note),
        ";".join(f"{c.issue}={c.outcome}" for c in p.conditions),  # ids: nothing to escape
        "" if p.salience is None else p.salience,  # a float, unquoted: a number
        "true" if p.red_line else "false",
        held_json(p.held_since) or "",
        text(first.speaker),
        text(first.url),
        text("\n".join(_item(e) for e in p.evidence[1:])),
        "" if first.date is None else first.date.isoformat(),
    ]


def _item(e: Evidence) -> str:
    """A further evidence item as one line: `source | speaker | url | date | quote`
    (the quote last, so that splitting on the first four ` | ` gives it whole)."""
    date = "" if e.date is None else e.date.isoformat()
    return " | ".join([e.source, e.speaker or "", e.url or "", date, e.quote or ""])
