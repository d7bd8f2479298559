"""A store of checked data files on stdlib sqlite3, so that look-ups stay fast on big files.

Checking a 100,000-position file takes a second or two; its entry answers a
look-up of one issue or one pair of actors by reading only those rows. One
entry per data file, named after its resolved path, lives in the cache
directory the settings give (positions.settings); `None` means no store.

An entry is used only when its key matches: the store's format, the tool's
version, the model's layout, the file's resolved path, inode, size, mtime and
ctime, and a CRC-32 of its bytes, read a megabyte at a time on every load
(12 ms for 28 MB): the file's times alone miss an edit within their
granularity. On a miss the bytes parsed are checked again for the new entry's
key, so an edit made in between is never filed under the old text. A pipe or a
device is read once and parsed, never stored.

Never a wrong answer: an entry must be exactly our schema (no view, no
trigger: a foreign database is a miss), its pages must fill the file (a
truncated or extended one is a miss), its catalog must match the checksum in
its meta row, and every position row carries a CRC-32 checked when it is
read. A damage found only then makes the look-up parse the data file instead.
Entries are built in a temporary file and renamed into place (positions.atomic);
a directory that cannot be written only means no store.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import zlib
from collections.abc import Collection, Iterator, Sequence
from contextlib import closing, suppress
from pathlib import Path
from stat import S_ISREG
from types import TracebackType

from positions import __version__, datafile
from positions.atomic import Replacement
from positions.errors import PositionsError
from positions.model import Actor, Catalog, Dataset, Issue, Position, Selection, Source, Stance

try:  # hashlib.blake2b is this very function; importing hashlib also loads OpenSSL (~4 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

#: Bump when the schema or the meaning of a column changes.
STORE_FORMAT = 3

#: The model's shape: an entry written before a field was added or renamed is not
#: read back into the new model, even under the same version number.
_LAYOUT = repr([(c.__name__, list(c._fields)) for c in (Actor, Issue, Source, Position)])
#: The schema, statement by statement, exactly as sqlite_master must hold it.
SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE sources(n INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, url TEXT)",
    "CREATE TABLE actors(n INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, "
    "aliases TEXT NOT NULL, rows INTEGER NOT NULL)",
    "CREATE TABLE issues(n INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, "
    "question TEXT NOT NULL, rows INTEGER NOT NULL)",
    "CREATE TABLE positions(n INTEGER PRIMARY KEY, actor INTEGER NOT NULL, "
    "issue INTEGER NOT NULL, stance INTEGER NOT NULL, summary TEXT NOT NULL, "
    "source INTEGER NOT NULL, day INTEGER NOT NULL, quote TEXT, crc INTEGER NOT NULL)",
    "CREATE INDEX positions_by_issue ON positions(issue, n)",
    "CREATE INDEX positions_by_actor ON positions(actor, n)",
)
_ALIAS_SEPARATOR = "\x1f"  # aliases are one column: names hold no control character
_CATALOG = ("sources", "actors", "issues")
_STANCES = {s.score: s for s in Stance}


class Damaged(Exception):
    """An entry that is not exactly what `_write` wrote: treated as no entry."""


class Stored:
    """A checked data file: its catalog now, its positions on demand.

    `catalog` is enough to resolve names; `select` reads only the chosen
    actors' and issues' rows from an entry, `everything` the whole data set.
    Close it (or use it as a context manager) when done: it may hold the entry open.
    """

    def __init__(
        self,
        catalog: Catalog,
        full: Dataset | None = None,
        db: sqlite3.Connection | None = None,
        reparse: tuple[Path, str, Path] | None = None,
        counts: tuple[list[int], list[int]] = ([], []),
    ) -> None:
        self.catalog = catalog
        self._full = full
        self._db = db
        self._reparse = reparse  # the data file, to parse when a row turns out damaged
        self._counts = counts  # each actor's and each issue's number of rows

    def everything(self) -> Dataset:
        if self._full is None:
            rows = self._rows("", (), sum(self._counts[0]), None, None)
            self._full = Dataset(*_parts(self.catalog), rows)
        return self._full

    def select(
        self, actors: Collection[str] | None = None, issues: Collection[str] | None = None
    ) -> Selection:
        """The positions of these actors on these issues (None: all), and the catalog."""
        if self._full is not None or self._db is None:
            return self.everything().select(actors, issues)
        if actors is None and issues is None:
            return self.everything().select()
        # By actor when actors are chosen, else by issue: each's count of rows, in the
        # checked catalog, says that none is missing or added.
        column, wanted, ids, counts = (
            ("actor", actors, self.catalog.actors, self._counts[0])
            if actors is not None
            else ("issue", issues, self.catalog.issues, self._counts[1])
        )
        assert wanted is not None
        numbers = [n for n, id_ in enumerate(ids) if id_ in wanted]
        expected = sum(counts[n] for n in numbers)
        positions = self._rows(column, numbers, expected, actors, issues)
        if actors is not None and issues is not None:
            positions = tuple(p for p in positions if p.issue in issues)
        return Selection(self.catalog, positions, actors, issues)

    def _rows(
        self,
        by: str,
        numbers: Sequence[int],
        expected: int,
        actors: Collection[str] | None,
        issues: Collection[str] | None,
    ) -> tuple[Position, ...]:
        if self._db is None:
            raise ValueError("this Stored is closed: open the data file again")
        try:
            return _decode(self._db, self.catalog, by, numbers, expected)
        except (Damaged, sqlite3.Error):
            return self._parsed_instead().select(actors, issues).positions

    def _parsed_instead(self) -> Dataset:
        """The data file parsed afresh, for an entry found damaged after its catalog was
        used; the entry goes. Its catalog, or the file has changed since: then say so."""
        assert self._reparse is not None
        self.close()
        path, display, entry = self._reparse
        with suppress(OSError):
            entry.unlink()
        data, _ = datafile.read(path, display)
        dataset = _parse(data, display)
        if Catalog(*_parts(dataset)) != self.catalog:
            raise PositionsError(f"{display} changed while it was read; run the command again")
        self._full = dataset
        return dataset

    def close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            db.close()

    def __enter__(self) -> Stored:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_data(path: Path, display: str, directory: Path | None) -> Stored:
    """The data file at `path` (named `display` in messages), from the store in
    `directory` when its entry is current; None: no store.

    Raises what `positions.loader.load` raises (and, when a damaged entry sends a
    look-up back to a data file changed since, one PositionsError saying so); a
    store that cannot be read or written is silently skipped.
    """
    if directory is None:
        return _whole(_parse(datafile.read(path, display)[0], display))
    found = datafile.digest(path, display)
    if found.data is not None:  # a pipe or a device: read once, never stored
        return _whole(_parse(found.data, display))
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return _whole(_parse(datafile.read(path, display)[0], display))
    entry = entry_path(directory, resolved)
    assert found.content is not None
    stored = _read(entry, _key(resolved, found.stat, found.content), (path, display, entry))
    if stored is not None:
        return stored
    # Parse the bytes read now, and file them under their own digest: the file may
    # have changed since it was hashed.
    data, stat = datafile.read(path, display)
    dataset = _parse(data, display)
    crc = zlib.crc32(data)
    del data  # not needed while the entry is written
    _write(entry, _key(resolved, stat, crc), dataset)
    return _whole(dataset)


def load(path: Path, display: str, directory: Path | None) -> Dataset:
    """The whole Dataset of the data file at `path`; see `open_data`."""
    with open_data(path, display, directory) as stored:
        return stored.everything()


def entry_path(directory: Path, resolved: str) -> Path:
    """Where the entry of the data file at the resolved path `resolved` lives."""
    name = blake2b(resolved.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return directory / f"{name}.sqlite"


def _whole(dataset: Dataset) -> Stored:
    return Stored(Catalog(*_parts(dataset)), dataset)


def _parts(ds: Catalog) -> tuple[str, dict[str, Actor], dict[str, Issue], dict[str, Source]]:
    return ds.title, dict(ds.actors), dict(ds.issues), dict(ds.sources)


def _parse(data: bytes, display: str) -> Dataset:
    from positions import loader  # imports PyYAML: only on a miss

    return loader.parse(data, display)


def _key(resolved: str, stat: os.stat_result, crc: int) -> bytes:
    """One digest of everything an entry must match to be used."""
    parts = (STORE_FORMAT, _LAYOUT, __version__, resolved, crc)
    times = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    return blake2b(_canonical((*parts, *times)), digest_size=32).digest()


# -- reading -------------------------------------------------------------------------------


def _read(entry: Path, key: bytes, reparse: tuple[Path, str, Path]) -> Stored | None:
    """The entry's Stored if it is current and whole, else None (a miss)."""
    try:
        stat = entry.stat()
        if not S_ISREG(stat.st_mode):  # a FIFO would block the open; anything else is no entry
            return None
        size = stat.st_size
        # immutable: entries are never changed in place, only replaced by a rename.
        db = sqlite3.connect(f"{entry.as_uri()}?mode=ro&immutable=1", uri=True)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        catalog, counts = _catalog(db, key, size)
    except (Damaged, sqlite3.Error, ValueError, TypeError):
        db.close()
        return None
    return Stored(catalog, None, db, reparse, counts)


def _catalog(
    db: sqlite3.Connection, key: bytes, size: int
) -> tuple[Catalog, tuple[list[int], list[int]]]:
    """The entry's catalog and each actor's and issue's count of rows, once its schema,
    size, key and checksum are as written."""
    db.execute("PRAGMA trusted_schema = OFF")
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY rowid").fetchall()
    if [row[0] for row in schema] != list(SCHEMA):
        raise Damaged("not our schema")
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    if pages * page_size != size:
        raise Damaged("truncated or extended")
    meta = dict(db.execute("SELECT key, value FROM meta"))
    if meta.get("key") != key:
        raise Damaged("another file's entry")
    title = meta.get("title")
    query = "SELECT * FROM {} ORDER BY n"  # the tables are _CATALOG, our own names
    rows = [db.execute(query.format(table)).fetchall() for table in _CATALOG]
    sources, actors, issues = rows
    # Every text a str (a source's url may be None), every count a whole number.
    texts = [v for row in (*actors, *issues) for v in row[1:4]]
    texts += [v for row in sources for v in row[1:3]]
    counts = [row[4] for row in (*actors, *issues)]
    if (
        meta.get("catalog") != _catalog_crc(title, rows)
        or not all(type(t) is str for t in texts)
        or not all(row[3] is None or type(row[3]) is str for row in sources)
        or not all(type(c) is int and c >= 0 for c in counts)
    ):
        raise Damaged("catalog")
    catalog = Catalog(
        str(title),
        {
            i: Actor(i, name, tuple(aliases.split(_ALIAS_SEPARATOR)) if aliases else ())
            for _, i, name, aliases, _ in actors
        },
        {i: Issue(i, t, q) for _, i, t, q, _ in issues},
        {i: Source(i, name, url) for _, i, name, url in sources},
    )
    return catalog, ([row[4] for row in actors], [row[4] for row in issues])


def _catalog_rows(ds: Dataset) -> list[list[tuple[object, ...]]]:
    """The rows of the catalog's tables, as `_CATALOG` names them."""
    per_actor = dict.fromkeys(ds.actors, 0)
    per_issue = dict.fromkeys(ds.issues, 0)
    for p in ds.positions:
        per_actor[p.actor] += 1
        per_issue[p.issue] += 1
    return [
        [(n, s.id, s.name, s.url) for n, s in enumerate(ds.sources.values())],
        [
            (n, a.id, a.name, _ALIAS_SEPARATOR.join(a.aliases), per_actor[a.id])
            for n, a in enumerate(ds.actors.values())
        ],
        [(n, *i, per_issue[i.id]) for n, i in enumerate(ds.issues.values())],
    ]


def _catalog_crc(title: object, rows: list[list[tuple[object, ...]]]) -> int:
    return zlib.crc32(_canonical((title, rows)))


def _row_crc(row: tuple[object, ...]) -> int:
    return zlib.crc32(_canonical(row))


def _canonical(value: object) -> bytes:
    return repr(value).encode("utf-8", "surrogatepass")


def _decode(
    db: sqlite3.Connection, catalog: Catalog, by: str, numbers: Sequence[int], expected: int
) -> tuple[Position, ...]:
    """The positions of the rows whose `by` column ("actor", "issue", or "" for all)
    is one of `numbers`, in file order, through its index. Damaged for any row that
    is not what was written (its CRC, a value no row of ours holds, one the index
    should not have given, one twice) and unless there are `expected` of them."""
    actors, issues, sources = (list(m) for m in (catalog.actors, catalog.issues, catalog.sources))
    query = "SELECT n, actor, issue, stance, summary, source, day, quote, crc FROM positions"
    if by:
        query += f" WHERE {by} IN ({', '.join('?' * len(numbers))})"  # by: our column names
    rows = db.execute(f"{query} ORDER BY n", numbers if by else ())
    wanted = frozenset(numbers)
    out = []
    last = -1
    day, stances, crc = dt.date.fromordinal, _STANCES, _row_crc
    try:
        for n, a, i, st, summary, so, d, quote, check in rows:
            if (
                crc((n, a, i, st, summary, so, d, quote)) != check
                or min(a, i, so) < 0
                or n <= last
                or (by and (a if by == "actor" else i) not in wanted)
                or type(summary) is not str
                or not (quote is None or type(quote) is str)
            ):
                raise Damaged(f"row {n}")
            last = n
            out.append(
                Position(actors[a], issues[i], stances[st], summary, sources[so], day(d), quote)
            )
    except (IndexError, KeyError, TypeError, ValueError, OverflowError):
        raise Damaged("a value out of range") from None
    if len(out) != expected:
        raise Damaged(f"{len(out)} rows where the catalog counts {expected}")
    return tuple(out)


# -- writing ------------------------------------------------------------------------------


def _write(entry: Path, key: bytes, ds: Dataset) -> None:
    """Write the entry atomically, or not at all: a store that cannot be written is skipped."""
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with Replacement(entry) as replacement:
            replacement.close()
            with closing(sqlite3.connect(replacement.path)) as db:
                _fill(db, key, ds)
            replacement.commit()
    except (OSError, sqlite3.Error, UnicodeEncodeError):
        pass


def _fill(db: sqlite3.Connection, key: bytes, ds: Dataset) -> None:
    # A new file that is renamed into place whole: no journal, no syncing.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for statement in SCHEMA[:5]:  # the indexes once the rows are in: faster
        db.execute(statement)
    catalog = _catalog_rows(ds)
    insert = "INSERT INTO {} VALUES ({})"  # the tables are _CATALOG, our own names
    for table, rows in zip(_CATALOG, catalog, strict=True):
        db.executemany(
            insert.format(table, ", ".join("?" * (5 if table != "sources" else 4))), rows
        )
    db.executemany("INSERT INTO positions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _position_rows(ds))
    for statement in SCHEMA[5:]:
        db.execute(statement)
    meta = {"key": key, "title": ds.title, "catalog": _catalog_crc(ds.title, catalog)}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()


def _position_rows(ds: Dataset) -> Iterator[tuple[object, ...]]:
    index = [{id_: n for n, id_ in enumerate(m)} for m in (ds.actors, ds.issues, ds.sources)]
    actor, issue, source = index
    for n, p in enumerate(ds.positions):
        a, i, so, day = actor[p.actor], issue[p.issue], source[p.source], p.date.toordinal()
        row = (n, a, i, p.stance.score, p.summary, so, day, p.quote)
        yield (*row, _row_crc(row))
