"""Tidy CSV: positions as a table, one position per row (docs/format.md, "Tidy CSV").

This module reads the bytes into rows of cells, each with its place (`FILE:ROW:COLUMN`);
the loader makes each row the same record a YAML position is and checks it with the
same code (`reader.Reader.record`), so every rule and message is the YAML one.

A row is located by the line it starts on (a quoted cell may hold line breaks) and a
cell by its column's number, counted from 1.
"""

import codecs
import csv
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from yaml.events import ScalarEvent

from positions import datafile, progress
from positions import errors as E
from positions import fields as F
from positions.errors import DataError, PositionsError
from positions.model import Actor, Dataset, Evidence, Issue, Position, Source, Window
from positions.names import suggest_id
from positions.reader import MAX_POSITIONS, Map, Reader, Seq, mark_of, value_of
from positions.text import shorten
from positions.yamlsource import MAP_TAG, SEQ_TAG

#: The columns every table has.
REQUIRED = ("actor", "issue", "stance", "date")
#: The columns of a position, after the required ones: the position's own fields and
#: its one evidence item's (`speaker`, `url`, `evidence_date`: when it was said, if
#: not the position's day); `more_evidence` holds any further items
#: as `export --format csv` writes them, one per line: `source | speaker | url | date |
#: quote`. `conditions` is `issue=adopted;other=rejected`.
OPTIONAL = (
    "summary", "quote", "source", "basis", "note", "conditions", "salience", "red_line",
    "held_since", "speaker", "url", "more_evidence", "evidence_date",
)  # fmt: skip
#: Columns that name the catalog of a table given alone (`export --format csv` writes
#: them); beside a YAML file, whose sections name everything, they are not read.
CATALOG = ("actor_name", "issue_title")
#: Columns `export --format csv` writes that follow from the others: not read.
DERIVED = ("score", "party")
COLUMNS = REQUIRED + OPTIONAL + CATALOG + DERIVED

_SEPARATORS = (",", ";", "\t")
#: Byte-order marks of other encodings; UTF-32's first (UTF-16's is a prefix of one).
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)  # fmt: skip


class Place:
    """Where a cell is, as the reader reports a place: its file, line and column (each
    from 0, as YAML's marks count)."""

    __slots__ = ("column", "file", "index", "line")

    def __init__(self, file: str, line: int, column: int) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.index = -1  # a YAML mark's offset; a cell has none


class Table(NamedTuple):
    """A checked header and the rows under it."""

    file: str
    header: tuple[str, ...]
    rows: Iterator[tuple[int, list[str]]]  # (the line a row starts on, from 1; its cells)


def looks_like_csv(data: bytes) -> bool:
    """Whether the first line names the required columns, separated by `,`, `;` or a
    tab: a table, not YAML (whose first key ends with a colon)."""
    first = data.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0].rstrip(b"\r")
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(
        set(REQUIRED) <= {c.strip().strip('"').lower() for c in line.split(sep)}
        for sep in _SEPARATORS
    )


def _fail(file: str, line: int, column: int, kind: E.ProblemKind, **values: object) -> DataError:
    return DataError([kind.at(file, line, column, **values)])


def _text(data: bytes, file: str) -> str:
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise _fail(file, 1, 1, E.OTHER_ENCODING, encoding=encoding)
    data = data.removeprefix(codecs.BOM_UTF8)  # Excel's "CSV UTF-8" starts with one
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise _fail(file, line, column, E.NOT_UTF8, byte=data[e.start]) from None
    if "\x00" in text:
        before = text[: text.index("\x00")]
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise _fail(file, before.count("\n") + 1, column, E.NUL_BYTE)
    # Line breaks as YAML reads them: a CRLF (Windows, Excel) or a lone CR is one LF,
    # inside a quoted cell too.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(data: bytes, file: str) -> Table:
    """The table in `data`, its header checked (a CATALOG column is accepted, and read
    only for a table given alone). Raises DataError for a problem of the whole file."""
    text = _text(data, file)
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as e:
        raise _fail(file, 1, 1, E.CSV_SYNTAX, error=str(e)) from None
    if not header:
        raise _fail(file, 1, 1, E.CSV_NO_HEADER)
    names = tuple(name.strip() for name in header)
    if len(names) == 1:
        for sep in _SEPARATORS[1:]:
            if sep in names[0]:
                shown = "a tab" if sep == "\t" else f"'{sep}'"
                raise _fail(file, 1, 1, E.CSV_SEPARATOR, separator=shown)
    problems = []
    seen: dict[str, int] = {}
    for column, name in enumerate(names, start=1):
        if not name:
            problems.append(E.CSV_EMPTY_COLUMN.at(file, 1, column))
        elif name in seen:
            problems.append(E.CSV_TWICE.at(file, 1, column, name=name, first=seen[name]))
        elif name not in COLUMNS:
            hint = suggest_id(name.lower(), list(COLUMNS))
            problems.append(
                E.CSV_UNKNOWN_COLUMN.at(
                    file,
                    1,
                    column,
                    hint,  # suggest_id's 'did you mean ...?', or None
                    name=name,
                    allowed=", ".join(COLUMNS),
                )
            )
        seen.setdefault(name, column)
    missing = [c for c in REQUIRED if c not in seen]
    if missing and not problems:
        problems.append(E.CSV_MISSING_COLUMN.at(file, 1, 1, names=", ".join(missing)))
    if problems:
        raise DataError(problems)
    return Table(file, names, _rows(reader, file, len(names), text.count("\n")))


def _rows(reader: Any, file: str, width: int, lines: int) -> Iterator[tuple[int, list[str]]]:
    line = reader.line_num + 1  # where the row being read starts
    count = 0
    progress.stage(f"checking {file}", lines)
    try:
        for cells in reader:
            if len(cells) != width and cells:
                if len(cells) > width:
                    raise _fail(
                        file, line, width + 1, E.CSV_TOO_MANY_CELLS, count=len(cells), width=width
                    )
                if any(cells):  # a row of commas only is a blank row
                    raise _fail(
                        file, line, len(cells), E.CSV_TOO_FEW_CELLS, count=len(cells), width=width
                    )
                cells = []
            if any(cells):
                count += 1
                if count > MAX_POSITIONS:
                    raise _fail(file, line, 1, E.TOO_MANY_ROWS, count=count, limit=MAX_POSITIONS)
                if not count & 4095:
                    progress.advance(line)
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as e:
        if str(e).startswith("field larger than field limit"):
            limit, text = csv.field_size_limit(), F.MAX_TEXT_CHARS
            raise _fail(file, line, 1, E.CSV_CELL_TOO_LONG, limit=limit, text=text) from None
        raise _fail(file, line, 1, E.CSV_SYNTAX, error=str(e)) from None


# --- rows -> records: the loader's reading of a table ------------------------------------------


def _scalar(text: str, place: Place) -> ScalarEvent:
    """A cell as the scalar a quoted YAML value is: its text as written, never `null`,
    `true` or a number by itself (the field's kind decides, as for YAML)."""
    at: Any = place
    return ScalarEvent(None, None, (False, True), text, at, at, '"')


class TidyReader(Reader):
    """The reading of a tidy CSV file's rows as position records, for the loader: each
    row becomes the mapping a YAML position is, checked by `record` and added by `take`
    (the loader's), so a row and a YAML position follow the same rules."""

    files: list[tuple[Path, int]]  # every positions file read: where, and its CRC-32
    base: Path | None  # the data file's directory; None for standard input
    quotes: tuple[Path, list[tuple[Any, str, str, str]]] | None  # the loader's
    _windows: dict[str, Window]  # the loader's: the actors with an `active:` window

    # The loader's: add a checked record's position, once the rules that span positions hold.
    take: Callable[[Map, dict[str, Any], object, list[Position], dict[str, tuple[Evidence]]], None]

    #: A memo's row as `_rows` hands it to `take`, shared by every row, and how to
    #: build that row's own item, should a message need its places (`located`).
    _pending: tuple[Map, Callable[[int, list[str], str], Map], int, list[str], str] | None = None

    def located(self, item: Map) -> Map:
        if self._pending is None or item is not self._pending[0]:
            return item
        _, item_of, line, cells, number = self._pending
        return item_of(line, cells, number)

    def tidy_file(self, node: Any) -> list[Position]:
        """`positions: {file: votes.csv, defaults: {...}}`: the positions of that file."""
        values = self.record(node, F.TIDY_FILE, None)
        if values is None or "file" not in values:
            return []
        name, at = values["file"], mark_of(node, "file")
        defaults = value_of(node, "defaults")
        if defaults is not None and "defaults" not in values:
            return []  # reported: not a mapping, or a wrong value
        # The value event of each default, given to every row that leaves it out.
        events = {} if defaults is None else {k.value: v for k, v in defaults.value}
        if self.problems:
            return []
        if self.base is None:
            self._report(E.TIDY_STDIN, at)
            return []
        path = self.base / name
        shown = str(Path(self.filename).parent / name)
        if not path.resolve().is_relative_to(self.base.resolve()):
            self._report(E.TIDY_OUTSIDE, at, file=shorten(name))
            return []
        try:
            data, _ = datafile.read(path, shown, regular=True)
        except PositionsError as e:
            reason = str(e).split(": ", 1)[-1]
            self._report(E.TIDY_UNREADABLE, at, file=shorten(name), reason=reason)
            return []
        self.files.append((path, zlib.crc32(data)))
        return self.tidy_rows(data, shown, events)

    def tidy_rows(self, data: bytes, file: str, defaults: dict[str, Any]) -> list[Position]:
        """The positions of the table in `data` (named `file`), each row checked as a
        record; `defaults`: the value event of each column left out or empty."""
        try:
            table = read(data, file)
        except DataError as e:
            self.problems += e.problems
            return []
        return self._rows(table, defaults)

    #: Whether a row whose every cell was seen valid before skips `record` (`_rows`);
    #: off in tests/test_tidy.py, to prove it changes nothing.
    memo = True

    def _rows(
        self,
        table: Table,
        defaults: dict[str, Any],
        define: Callable[[int, list[str]], None] | None = None,
        every_row: bool = False,
    ) -> list[Position]:
        """The positions of the table's rows, in order; `define(line, cells)`, when
        given, is called with each row before it is checked (with `every_row`, a
        memo's row too: the table's name cells, which no memo holds, are checked).

        The speed trick of this module: each cell of a format-1 column that `record`
        took is remembered with its value, and a later row made only of such cells
        (and empty optional ones) gets its values from the memo instead of from
        `record`; it still goes through `take`, the rules that span positions. A
        roll-call table repeats a few hundred actors, issues, stances and dates, so
        most rows never build an event. Any other row takes the whole path.
        """
        file, header = table.file, table.header
        keys = {n: _scalar(n, Place(file, 0, i)) for i, n in enumerate(header)}
        keys.update({n: _scalar(n, v.start_mark) for n, v in defaults.items() if n not in keys})
        # The columns a position reads, by place; defaults fill what they leave empty.
        used = [(i, n) for i, n in enumerate(header) if n in REQUIRED or n in OPTIONAL]
        # A row with neither a stance nor a date records no position (an unstated
        # actor, as `export --format csv` writes one): it names an actor and an issue.
        stance, date = header.index("stance"), header.index("date")
        absent = {n: v for n, v in defaults.items() if n not in header}
        record, take, spec = self.record, self.take, F.TIDY_POSITION
        bare: dict[str, tuple[Evidence]] = {}
        result: list[Position] = []
        # The memo: only where a value cannot depend on anything but its text.
        fast = (
            self.memo
            and all(n in _FORMAT_1 for _, n in used)
            and all(n in _FORMAT_1 for n in defaults)
        )
        # Where `take` keeps a cell's place (a quote to check), a memo's row is given
        # its own item, as the whole path builds it; where it reads one only for a
        # message (a date outside an `active:` window), the item is built then
        # (`located`).
        placed = self.quotes is not None
        memo: dict[int, dict[str, Any]] = {i: {} for i, _ in used}
        required = [(i, n) for i, n in used if n in spec.required_set and n not in defaults]
        optional = [(i, n) for i, n in used if (i, n) not in required]
        # Each column's memo, by place: a cell's value, or _OMIT for an empty optional
        # cell that has no default (a row leaves that field out).
        look = [(i, memo[i], n) for i, n in used]
        # What a memo's row starts from: the values of the defaults of columns the table
        # lacks, and no summary (a vote needs none) unless a cell gives one.
        base: dict[str, Any] = {}
        # The memo's rows are handed to `take` in this one item, moved to each row's line:
        # `take` reads where a row starts at once, and keeps only the number.
        start = Place(file, 0, 0)
        row = Map(start, MAP_TAG)
        filled: dict[str, Any] | None = None  # the defaults' values, once `record` gave them

        def item_of(line: int, cells: list[str], number: str) -> Map:
            """The row as the mapping a YAML position is: each cell an event at its place."""
            item = Map(Place(file, line - 1, 0), MAP_TAG)
            pairs = item.value
            more: dict[str, Any] = {}
            for i, name in used:
                text = cells[i]
                if text.strip():
                    if name == "red_line" and text.strip().lower() in _FLAGS:
                        text = text.strip().lower()  # a spreadsheet's TRUE and FALSE
                    value = _scalar(text, Place(file, line - 1, i))
                elif name in defaults:
                    value = defaults[name]
                else:
                    continue
                if name in _EVIDENCE or name == "conditions":
                    more[name] = value
                else:
                    pairs.append((keys[name], value))
            for name, value in absent.items():
                if name in _EVIDENCE:
                    more[name] = value
                else:
                    pairs.append((keys[name], value))
            if more:
                self._nested(item, more, keys, number)
            return item

        try:
            for line, cells in table.rows:
                if filled is not None:  # the memo: every cell's value known
                    v = base.copy()
                    for i, known, name in look:
                        got = known.get(cells[i])
                        if got is None:
                            break
                        if got is not _OMIT:
                            v[name] = got
                    else:
                        if every_row and define is not None:
                            define(line, cells)
                        if placed:
                            number = f"on row {line}"
                            take(item_of(line, cells, number), v, number, result, bare)
                        else:
                            start.line = line - 1
                            number = f"on row {line}"
                            self._pending = (row, item_of, line, cells, number)
                            take(row, v, number, result, bare)
                        continue
                # (A memo's row has a stance and a date: it never holds an empty one;
                # and its cells were each defined when `record` first took them.)
                if define is not None:
                    define(line, cells)
                if not cells[stance].strip() and not cells[date].strip():
                    continue
                number = f"on row {line}"
                item = item_of(line, cells, number)
                before = len(self.problems)
                values = record(item, spec, number)
                if values is None:
                    continue
                if fast and len(self.problems) == before:  # every cell valid: remember them
                    for i, name in used:
                        if name in values and cells[i].strip():
                            memo[i][cells[i]] = values[name]
                    if filled is None and all(n in values for n in defaults):
                        filled = {n: values[n] for n in defaults}
                        base = {"summary": "", **{n: filled[n] for n in absent}}
                        # An empty optional cell, as tables write one: its default, or
                        # nothing (never a stance or a date: such a row is not a position).
                        for i, name in optional:
                            if i not in (stance, date):
                                memo[i][""] = filled.get(name, _OMIT)
                values.setdefault("summary", "")  # a vote needs none
                take(item, values, number, result, bare)
        except DataError as e:  # a row the table cannot be read past
            self.problems += e.problems
        self._pending = None
        return result

    def _nested(self, item: Map, more: dict[str, Any], keys: dict[str, Any], number: str) -> None:
        """Give a row the lists its cells stand for: `conditions` (`a=adopted;b=rejected`),
        and `evidence` when a speaker, url or more_evidence is given (its source and quote
        move into the first item)."""
        what = F.POSITION.what(number)
        cell = more.pop("conditions", None)
        if cell is not None:
            conditions = Seq(cell.start_mark, SEQ_TAG)
            for part in (p.strip() for p in cell.value.split(";")):
                issue, sep, outcome = (s.strip() for s in part.partition("="))
                if not part:
                    continue
                if not sep or not issue or not outcome:
                    self._report(
                        E.CSV_BAD_CONDITIONS, cell.start_mark, value=shorten(part), what=what
                    )
                    return
                one = Map(cell.start_mark, MAP_TAG)
                one.value += [
                    (_scalar("issue", cell.start_mark), _scalar(issue, cell.start_mark)),
                    (_scalar("outcome", cell.start_mark), _scalar(outcome, cell.start_mark)),
                ]
                conditions.value.append(one)
            item.value.append(
                (keys.get("conditions") or _scalar("conditions", cell.start_mark), conditions)
            )
        if not more:
            return
        first = Map(item.start_mark, MAP_TAG)
        kept: list[tuple[Any, Any]] = []
        for key, value in item.value:
            (first.value if key.value in ("source", "quote") else kept).append((key, value))
        extra = more.pop("more_evidence", None)
        first.value += [
            (_scalar("date", keys[n].start_mark) if n == "evidence_date" else keys[n], v)
            for n, v in more.items()
        ]
        items = Seq(item.start_mark, SEQ_TAG)
        items.value.append(first)
        if extra is not None:
            for part in (p.strip() for p in extra.value.splitlines()):
                if not part:
                    continue
                bits = [b.strip() for b in part.split("|", 4)]  # the quote may hold a '|'

                if len(bits) != 5 or not bits[0]:
                    self._report(
                        E.CSV_BAD_EVIDENCE, extra.start_mark, value=shorten(part), what=what
                    )
                    continue
                one = Map(extra.start_mark, MAP_TAG)
                for name, text in zip(
                    ("source", "speaker", "url", "date", "quote"), bits, strict=True
                ):
                    if text:
                        one.value.append(
                            (_scalar(name, extra.start_mark), _scalar(text, extra.start_mark))
                        )
                items.value.append(one)
        item.value[:] = kept
        item.value.append((_scalar("evidence", item.start_mark), items))


_EVIDENCE = frozenset(("speaker", "url", "more_evidence", "evidence_date"))
_OMIT = object()  # the memo's value of an empty cell that gives no field
_FLAGS = ("true", "false")
#: The columns of format 1's fields: a row of only these takes the format-1 branch of
#: the loader's `take`, which needs no cell's place.
_FORMAT_1 = frozenset(("actor", "issue", "stance", "date", "summary", "quote", "source"))


#: The columns that name an actor or an issue of a table given alone.
_LABELS = {"actor": "actor_name", "issue": "issue_title"}
#: The source of every row of a table given alone without a `source` column.
TABLE_SOURCE = "table"


class AloneReader(TidyReader):
    """A tidy CSV file given alone as the data: its actors, issues and sources are
    the ids its rows name (named by `actor_name` and `issue_title` where given)."""

    def alone(self) -> Dataset | None:
        file = self.filename
        table = read(self.data, file)
        column = {name: i for i, name in enumerate(table.header)}
        names: dict[str, dict[str, str | None]] = {"actor": {}, "issue": {}, "source": {}}
        named = self._named
        defaults: dict[str, Any] = {}
        shown = Path(file).name if file != "<stdin>" else "standard input"
        if "source" not in column:
            names["source"][TABLE_SOURCE] = shown
            self._ids["source"][TABLE_SOURCE] = TABLE_SOURCE
            defaults["source"] = _scalar(TABLE_SOURCE, Place(file, 0, 0))
        more = column.get("more_evidence")
        # Each kind's column and its name's, and the cells met already with the name
        # cell of the row that first met each and that row (most rows add none).
        wanted: list[tuple[str, dict[str, str | None], int, int | None, dict[str, Any]]] = [
            (kind, found, column[kind], column.get(_LABELS.get(kind, "")), {})
            for kind, found in names.items()
            if kind in column
        ]

        def define(line: int, cells: list[str]) -> None:
            """Define each id the row names, before the row is checked; a name cell
            that says otherwise than the id's first row is reported."""
            for kind, found, i, label, met in wanted:
                cell = cells[i]
                first = met.get(cell)
                if first is None:
                    met[cell] = (None if label is None else cells[label], line)
                    text = cell.strip()
                    if text and text not in found:
                        found[text] = named(kind, text, cells, column, file, line, i)
                elif label is not None and cells[label] != first[0]:
                    self._renamed(kind, cell, first, cells[label], Place(file, line - 1, label))
            if more is not None and cells[more].strip():  # each further item's source
                for part in cells[more].splitlines():
                    text = part.split("|", 1)[0].strip()
                    if text and text not in names["source"]:
                        names["source"][text] = named(
                            "source", text, cells, column, file, line, more
                        )

        if "conditions" in column:  # a condition may name an issue only a later row has
            for line, cells in table.rows:
                define(line, cells)
            table = read(self.data, file)
        positions = self._rows(table, defaults, define, any(w[3] is not None for w in wanted))
        if self.problems:
            return None
        ids = {
            kind: {k: v for k, v in found.items() if v is not None} for kind, found in names.items()
        }
        self._first.clear()  # what `take` needed: not kept while the Dataset is built
        return Dataset(
            shown,
            {a: Actor(a, n) for a, n in ids["actor"].items()},
            {i: Issue(i, n, n) for i, n in ids["issue"].items()},
            {s: Source(s, n) for s, n in ids["source"].items()},
            tuple(positions),
        )

    def _named(
        self,
        kind: str,
        key: str,
        cells: list[str],
        column: dict[str, int],
        file: str,
        line: int,
        at: int | None,
    ) -> str | None:
        """The name of an actor, issue or source first met in a row: its `actor_name` or
        `issue_title` cell, else its id; None for an id that is not a slug (reported)."""
        self._declared.add((F.Kind(kind), key))  # a broken id is not then unknown too
        if len(key) > F.MAX_NAME_CHARS:
            return None  # the row's record says how long it is, at the same cell
        if self._id_refused(kind, key, Place(file, line - 1, at or 0)):
            return None
        self._ids[kind][key] = key
        label = column.get(_LABELS.get(kind, ""))
        given = label is not None and bool(cells[label].strip())
        name: str | None = key
        if label is not None and given:
            name = self._name(kind, key, cells[label], Place(file, line - 1, label))
        # Names and titles tell actors and issues apart, as in YAML: none the same as
        # another's, or looking the same (`Russia`, `Russіa`).
        if name is not None and kind in ("actor", "issue"):
            at_id, at_name = Place(file, line - 1, at or 0), Place(file, line - 1, label or 0)
            if kind == "actor":
                self._claim(F.Kind.ACTOR, key, "id", key, at_id)
                if name != key:
                    self._claim(F.Kind.ACTOR, key, "name", name, at_name)
            else:
                self._claim(F.Kind.ISSUE, key, "title", name, at_name if given else at_id)
        return name

    def _renamed(self, kind: str, cell: str, first: tuple[str, int], name: str, at: Place) -> None:
        """A row naming an id met already, its name cell unlike the first row's: an
        empty cell or the same name (spaces aside) is that one, another is refused."""
        given, then = name.strip(), first[0].strip()
        key = cell.strip()
        if not given or given == (then or key) or not key:
            return
        self._report(
            E.NAMED_TWICE,
            at,
            what=kind,
            key=shorten(key),
            first=shorten(then or key),
            row=first[1],
            name=shorten(given),
        )

    def _name(self, kind: str, key: str, text: str, place: Place) -> str | None:
        """An actor's name or an issue's title from its cell, checked as a YAML one is."""
        node = Map(place, MAP_TAG)
        at: Any = place
        field = "name" if kind == "actor" else "title"
        node.value.append((_scalar(field, at), _scalar(text, place)))
        if kind == "issue":
            node.value.append((_scalar("question", at), _scalar(text, place)))
        values = self.record(node, F.ACTOR if kind == "actor" else F.ISSUE, key)
        return None if values is None or field not in values else str(values[field])
