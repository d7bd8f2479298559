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
which spreadsheets show as text; readers that need the exact text use the
JSON export. The score column is the one number we write ourselves: it is
written as a plain integer (`-2`) and never prefixed, so it stays a number in
a spreadsheet and in pandas. Ids, stance ids and dates cannot start with
those characters (the loader only accepts slugs and real dates), so the rule
never changes them.

Control and bidi characters in data text are shown as escapes (`\\x1b`), as
on the terminal, because CSV goes to stdout by default; line breaks are kept
(the csv module quotes a field that holds one).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

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
)
WIDE_COLUMNS = ("issue", "issue_title", "status")  # then one column per actor id

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(text: str | None) -> str:
    """Data text made safe for a spreadsheet cell; None becomes an empty cell."""
    if text is None:
        return ""
    shown = printable(text, keep_newlines=True)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def render(view: ReportView, *, wide: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if wide:
        # Actor ids are column names here; an actor whose id is `issue`,
        # `issue_title` or `status` would repeat a header (pandas renames it).
        writer.writerow([*WIDE_COLUMNS, *(a.id for a in view.actors)])
        for row in view.rows:
            writer.writerow(
                [
                    cell_text(row.issue.id),
                    cell_text(row.issue.title),
                    cell_text(row.status.value),
                    *(_stance(c) for c in row.cells),
                ]
            )
    else:
        writer.writerow(LONG_COLUMNS)
        for row in view.rows:
            for c in row.cells:
                writer.writerow([cell_text(row.issue.id), cell_text(row.issue.title), *_long(c)])
    return out.getvalue()


def _stance(c: Cell) -> str:
    return "" if c.stance is None else c.stance.id


def _long(c: Cell) -> Sequence[str | int]:
    p = c.position
    head = [cell_text(c.actor.id), cell_text(c.actor.name)]
    if p is None:
        return [*head, "", "", "", "", "", ""]
    return [
        *head,
        p.stance.id,
        p.stance.score,  # an int: written as `-2`, kept a number
        cell_text(p.summary),
        cell_text(p.quote),
        cell_text(p.source),
        p.date.isoformat(),
    ]
