"""A store of checked data files on stdlib sqlite3, so that look-ups stay fast on big files.

Checking a 100,000-position file takes a second or two; its entry answers a
look-up of one issue by reading only its row (an issue's positions are one row
of columns), and one of a pair of actors from every issue's row. One
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
its meta row, and every issue's row of positions carries a CRC-32 checked when
it is read, with each value's range and each issue's count of positions. A
damage found only then makes the look-up parse the data file instead.
Entries are built in a temporary file and renamed into place (positions.atomic);
a directory that cannot be written only means no store.

Nobody else's: the directory is opened once, without following a link, and used
only if it is ours and no one else may write to it (else one CacheWarning, and
no store); a new one is made 0o700. Entries are opened relative to it, without
following a link or blocking, and one is read only if it is a regular file of
ours, a whole SQLite file no larger than LARGEST_ENTRY, and the very file sqlite3
then opened by its
path (`_opened_by`). Writes sweep away temporary files a killed writer left.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import sqlite3
import sys
import time
import warnings
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from itertools import accumulate, compress, islice, repeat
from operator import and_, itemgetter, le, lt
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from positions import __version__, datafile, records
from positions.atomic import Replacement
from positions.errors import PositionsError
from positions.model import (
    Actor,
    Basis,
    Catalog,
    Condition,
    Dataset,
    Evidence,
    Group,
    Issue,
    Position,
    Selection,
    Source,
    Stance,
    Window,
)  # fmt: skip

try:  # hashlib.blake2b is this very function; importing hashlib also loads OpenSSL (~4 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

#: Bump when the schema or the meaning of a column changes.
STORE_FORMAT = 11

#: The model's shape: an entry written before a field was added or renamed is not
#: read back into the new model, even under the same version number.
_LAYOUT = repr(
    [(c.__name__, list(c._fields)) for c in (Actor, Issue, Source, Position, Evidence, Group)]
)
#: The schema, statement by statement, exactly as sqlite_master must hold it.
SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE sources(n INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, url TEXT)",
    "CREATE TABLE actors(n INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, "
    "aliases TEXT NOT NULL, short TEXT, rows INTEGER NOT NULL)",
    "CREATE TABLE issues(n INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, "
    "question TEXT NOT NULL, tags TEXT NOT NULL, rows INTEGER NOT NULL)",
    # One row per issue, its positions as columns (`_blocks`): `n` their places in the
    # file, `actor`, `stance`, `source` and `day` arrays of 4-byte little-endian ints,
    # `texts` their summaries, then their quotes, then their fields beyond format 1's
    # as JSON, in UTF-8, one after another; `ends` where each of those ends in `texts`
    # (4-byte ints too; both NULL when every one is empty); `crc` a CRC-32 of the row.
    "CREATE TABLE positions(issue INTEGER PRIMARY KEY, n BLOB NOT NULL, actor BLOB NOT NULL, "
    "stance BLOB NOT NULL, source BLOB NOT NULL, day BLOB NOT NULL, texts BLOB, ends BLOB, "
    "crc INTEGER NOT NULL)",
    # The same positions again, one row per actor, for a look-up by actor: it reads
    # the actors' own rows, not every issue's (the entry is about twice as large).
    "CREATE TABLE by_actor(actor INTEGER PRIMARY KEY, n BLOB NOT NULL, issue BLOB NOT NULL, "
    "stance BLOB NOT NULL, source BLOB NOT NULL, day BLOB NOT NULL, texts BLOB, ends BLOB, "
    "crc INTEGER NOT NULL)",
)
_CATALOG = ("sources", "actors", "issues")
_STANCES = {s.score: s for s in Stance}


#: A temporary file older than this (seconds) is a killed writer's, and swept: a live
#: writer keeps its file's mtime fresh (the 100k-position entry takes about 2 s).
STALE_AFTER = 15 * 60

#: Where this process's open file descriptors are listed (`_opened_by`).
_DESCRIPTORS = "/proc/self/fd" if sys.platform.startswith("linux") else "/dev/fd"
#: Ownership and modes are POSIX's; on Windows the user's own LOCALAPPDATA holds the store.
_POSIX = os.name == "posix"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_ENTRY_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_DIRECTORY_FLAGS = (
    os.O_RDONLY | _NOFOLLOW | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
)


#: The largest entry read or kept: three times what the loader reads at most (a data
#: file and the positions file it names, 256 MiB each) and a megabyte. An entry holds
#: each position twice, by issue and by actor: 32 KB for a small file, 1.4 times the
#: 28 MB benchmark, 2.0 times a file of long summaries, 4.5 times one whose positions
#: each cite a hundred sources; no bound on the data file's own size would hold them all.
LARGEST_ENTRY = 3 * 2 * datafile.MAX_FILE_BYTES + (1 << 20)


def _sized(fd: int, stat: os.stat_result) -> bool:
    """Whether an entry may be opened: no larger than LARGEST_ENTRY, and a SQLite file
    whose header gives its very size (SQLite keeps the size it writes there valid, and
    says so), so that a huge or sparse file, or anything but a whole database, in an
    entry's place is a miss that sqlite3 never opens."""
    if stat.st_size > LARGEST_ENTRY:
        return False
    os.lseek(fd, 0, os.SEEK_SET)
    head = os.read(fd, 100)
    if len(head) < 100 or head[:16] != b"SQLite format 3\0":
        return False
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page  # how SQLite writes its largest page size
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]  # the size is valid: the counters agree
    return valid and page * pages == stat.st_size


class CacheWarning(UserWarning):
    """The store's directory is not the user's own: it is not used. The shell prints
    it as one line; the command works on, without the store."""


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
        files: tuple[Path, ...] = (),
    ) -> None:
        self.catalog = catalog
        self.files = files  # the positions tables the data file names (tidy CSV)
        self._full = full
        self._db = db
        self._reparse = reparse  # the data file, to parse when a row turns out damaged
        self._counts = counts  # each actor's and each issue's number of rows

    def everything(self) -> Dataset:
        if self._full is None:
            with _collector_paused():
                rows = self._rows(None, None, None, None)
                self._full = Dataset(*_parts(self.catalog), rows, self.catalog.groups)
        return self._full

    def sizes(self) -> tuple[int, int, int]:
        """How many actors, issues and positions the data file holds: from an entry's
        checked catalog, without reading a position (what `validate` prints; an
        entry is only ever written for a file that passed every check)."""
        if self._full is not None:
            return len(self._full.actors), len(self._full.issues), len(self._full.positions)
        return len(self.catalog.actors), len(self.catalog.issues), sum(self._counts[1])

    def select(
        self, actors: Collection[str] | None = None, issues: Collection[str] | None = None
    ) -> Selection:
        """The positions of these actors on these issues (None: all), and the catalog."""
        if self._full is not None or self._db is None or (actors is None and issues is None):
            return self.everything().select(actors, issues)
        # The chosen actors' rows of `by_actor` (of those, the positions on the chosen
        # issues), else the chosen issues' rows of `positions`; each row's count in the
        # checked catalog says none is missing or added (`_decode`).
        chosen = (
            None
            if issues is None
            else [n for n, i in enumerate(self.catalog.issues) if i in issues]
        )
        who = (
            None
            if actors is None
            else frozenset(n for n, a in enumerate(self.catalog.actors) if a in actors)
        )
        return Selection(self.catalog, self._rows(chosen, who, actors, issues), actors, issues)

    def _rows(
        self,
        chosen: Sequence[int] | None,
        who: frozenset[int] | None,
        actors: Collection[str] | None,
        issues: Collection[str] | None,
    ) -> tuple[Position, ...]:
        if self._db is None:
            raise ValueError("this Stored is closed: open the data file again")
        try:
            return _decode(self._db, self.catalog, self._counts, chosen, who)
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
        dataset = _parse(datafile.read(path, display)[0], display, path.parent)[0]
        if Catalog(*_parts(dataset), dataset.groups) != self.catalog:
            raise PositionsError(f"{display} changed while it was read; run the command again")
        self._full = dataset
        return dataset

    def close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            db.close()

    def narrowed(
        self, issues: Collection[str] | None = None, reported_only: bool = False
    ) -> Stored:
        """The same data with only these issues (`--tag`), and without indirect and
        inferred positions (`--reported-only`), for every command alike: its catalog,
        its whole data set and its look-ups. It reads through this one."""
        if issues is None and not reported_only:
            return self
        return _Only(self, None if issues is None else frozenset(issues), reported_only)

    @property
    def whole(self) -> Stored:
        """The data before `narrowed`: itself, here."""
        return self

    def __enter__(self) -> Stored:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Only(Stored):
    """`Stored.narrowed`: what `whole` holds, but only the issues in `issues` (None:
    all) and, with `reported_only`, only the reported positions."""

    def __init__(self, whole: Stored, issues: frozenset[str] | None, reported_only: bool) -> None:
        full = whole.catalog
        kept = {i: v for i, v in full.issues.items() if issues is None or i in issues}
        super().__init__(Catalog(full.title, full.actors, kept, full.sources, full.groups))
        self._whole, self._issues, self._reported = whole, issues, reported_only

    @property
    def whole(self) -> Stored:
        return self._whole.whole

    def sizes(self) -> tuple[int, int, int]:
        found = self.everything()
        return len(found.actors), len(found.issues), len(found.positions)

    def everything(self) -> Dataset:
        found = self._whole.everything()
        found = found if self._issues is None else found.with_issues(self._issues)
        return found.reported_only() if self._reported else found

    def select(
        self, actors: Collection[str] | None = None, issues: Collection[str] | None = None
    ) -> Selection:
        mine = self._issues
        chosen = mine if issues is None else set(issues) if mine is None else mine & set(issues)
        found = self._whole.select(actors, chosen).positions
        if self._reported:
            found = tuple(p for p in found if p.basis is Basis.REPORTED)
        return Selection(self.catalog, found, actors, chosen)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector off: it finds nothing in fresh positions and columns but,
    on a large data set, costs more than making them (as in positions.loader)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def open_data(path: Path, display: str, directory: Path | None) -> Stored:
    """The data file at `path` (named `display` in messages), from the store in
    `directory` when its entry is current; None: no store.

    Raises what `positions.loader.load` raises (and, when a damaged entry sends a
    look-up back to a data file changed since, one PositionsError saying so); a
    store that cannot be read or written is silently skipped.
    """
    if directory is None:
        return _whole(*_parse(datafile.read(path, display)[0], display, path.parent))
    found = datafile.digest(path, display)
    if found.data is not None:  # a pipe or a device: read once, never stored
        return _whole(*_parse(found.data, display, None))
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return _whole(*_parse(datafile.read(path, display)[0], display, path.parent))
    entry = entry_path(directory, resolved)
    assert found.content is not None
    at = _Directory(directory)
    try:
        if at.usable:
            key = _key(resolved, found.stat, found.content)
            stored = _read(at, entry, key, (path, display, entry))
            if stored is not None:
                return stored
        # Parse the bytes read now, and file them under their own digest: the file may
        # have changed since it was hashed.
        data, stat = datafile.read(path, display)
        dataset, inputs = _parse(data, display, path.parent)
        crc = zlib.crc32(data)
        del data  # not needed while the entry is written
        if at.usable:
            key = _key(resolved, stat, crc)
            _write(at, entry, key, dataset, inputs, path.parent)
        return _whole(dataset, inputs)
    finally:
        at.close()


def load(path: Path, display: str, directory: Path | None) -> Dataset:
    """The whole Dataset of the data file at `path`; see `open_data`."""
    with open_data(path, display, directory) as stored:
        return stored.everything()


def entry_path(directory: Path, resolved: str) -> Path:
    """Where the entry of the data file at the resolved path `resolved` lives."""
    name = blake2b(resolved.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return directory / f"{name}.sqlite"


def _whole(dataset: Dataset, inputs: Sequence[tuple[Path, int]] = ()) -> Stored:
    catalog = Catalog(*_parts(dataset), dataset.groups)
    return Stored(catalog, dataset, files=tuple(name for name, _ in inputs))


def _parts(ds: Catalog) -> tuple[str, dict[str, Actor], dict[str, Issue], dict[str, Source]]:
    return ds.title, dict(ds.actors), dict(ds.issues), dict(ds.sources)


def _parse(
    data: bytes, display: str, base: Path | None
) -> tuple[Dataset, tuple[tuple[Path, int], ...]]:
    """The data file's Dataset, and the positions files it read with their CRC-32."""
    from positions import loader  # imports PyYAML: only on a miss

    return loader.parse_files(data, display, base=base)


def _key(resolved: str, stat: os.stat_result, crc: int) -> bytes:
    """One digest of everything an entry must match to be used."""
    parts = (STORE_FORMAT, _LAYOUT, __version__, resolved, crc)
    times = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    return blake2b(_canonical((*parts, *times)), digest_size=32).digest()


# -- the directory ---------------------------------------------------------------------------


class _Directory:
    """The store's directory, opened once and checked on its descriptor: entries are
    opened, renamed and removed relative to it, so a directory swapped in under the
    same path later (by whoever can write its parent) is never the one used.

    `usable` is False when it is not the user's own (one CacheWarning says why) or
    cannot be opened; `fd` is None while it does not exist, until `create`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None
        self.usable = True
        self._open(missing_ok=True)

    def _open(self, missing_ok: bool) -> None:
        if not _POSIX:
            self.usable = self.path.is_dir() or missing_ok
            return
        try:
            fd = os.open(self.path, _DIRECTORY_FLAGS)
        except FileNotFoundError:
            self.usable = missing_ok
            return
        except OSError:  # a link (ELOOP), not a directory, no permission: no store
            self.usable = False
            if os.path.islink(self.path):
                self._refuse("it is a symbolic link; set POSITIONS_CACHE_DIR to a directory")
            return
        stat = os.fstat(fd)
        why = _not_ours(stat) if S_ISDIR(stat.st_mode) else ""
        if why is None:
            self.fd = fd
            return
        os.close(fd)
        self.usable = False
        if why:
            self._refuse(f"{why}, or set POSITIONS_CACHE_DIR to a directory of your own")

    def _refuse(self, why: str) -> None:
        warnings.warn(f"not using the cache directory {self.path}: {why}", CacheWarning, 4)

    def create(self) -> None:
        """Make the directory (private) if it is missing, and open it; OSError if it
        cannot be made, `usable` False if what is there then is not ours."""
        if self.fd is None and self.usable:
            self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._open(missing_ok=False)

    def open_entry(self, name: str) -> int:
        """A descriptor of the entry `name`, never through a link and never blocking."""
        if self.fd is None:
            return os.open(self.path / name, _ENTRY_FLAGS)
        return os.open(name, _ENTRY_FLAGS, dir_fd=self.fd)

    def close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)


def _not_ours(stat: os.stat_result) -> str | None:
    """Why the file is not this user's own alone, and what to do; None when it is."""
    if stat.st_uid != os.geteuid():
        return "it belongs to another user; remove it"
    if stat.st_mode & 0o022:
        return "other users can write to it; make it private (chmod go-w)"
    return None


def _ours(stat: os.stat_result) -> bool:
    """A regular file of this user's that no one else may write to."""
    return S_ISREG(stat.st_mode) and (not _POSIX or _not_ours(stat) is None)


def _descriptors(stat: os.stat_result) -> set[int] | None:
    """This process's descriptors open on the file `stat` describes; None when they
    cannot be listed."""
    try:
        names = os.listdir(_DESCRIPTORS)
    except OSError:
        return None
    found = set()
    for name in names:
        try:
            fd = int(name)
            other = os.fstat(fd)
        except (ValueError, OSError):  # the listing's own descriptor, closed since
            continue
        if os.path.samestat(other, stat):
            found.add(fd)
    return found


def _opened_by(
    connect: Callable[[], sqlite3.Connection], path: Path, stat: os.stat_result
) -> sqlite3.Connection:
    """`connect()`, once the file sqlite3 opened by `path` is known to be the one
    `stat` describes (held open by the caller): a descriptor on it is new since.

    sqlite3 opens by path, and whoever can write a parent of the directory could
    swap the directory in between; this is the check that holds then. Where the
    process's descriptors cannot be listed, the path's file must be that file once
    sqlite3 has it open. sqlite3.Error, or OSError, when it is another file.
    """
    before = _descriptors(stat) if _POSIX else set()
    db = connect()
    try:
        if _POSIX:
            after = _descriptors(stat)
            if before is None or after is None:
                same = os.path.samestat(os.stat(path), stat)
            else:
                same = bool(after - before)
            if not same:
                raise OSError(f"{path} is not the file checked")
    except BaseException:
        db.close()
        raise
    return db


# -- reading -------------------------------------------------------------------------------


def _read(
    at: _Directory, entry: Path, key: bytes, reparse: tuple[Path, str, Path]
) -> Stored | None:
    """The entry's Stored if it is current, whole and ours, else None (a miss)."""
    try:
        fd = at.open_entry(entry.name)
    except OSError:  # none, a link, no permission
        return None
    try:
        stat = os.fstat(fd)
        # A FIFO, a device, a link's target, a huge or sparse file, another user's: no entry.
        if not _ours(stat) or not _sized(fd, stat):
            return None
        # immutable: entries are never changed in place, only replaced by a rename.
        uri = f"{entry.as_uri()}?mode=ro&immutable=1"
        db = _opened_by(lambda: sqlite3.connect(uri, uri=True), entry, stat)
    except (OSError, sqlite3.Error, ValueError):
        return None
    finally:
        os.close(fd)
    try:
        catalog, counts, files = _catalog(db, key, stat.st_size, reparse[0].parent)
    except (Damaged, sqlite3.Error, ValueError, TypeError):
        db.close()
        return None
    return Stored(catalog, None, db, reparse, counts, files)


def _catalog(
    db: sqlite3.Connection, key: bytes, size: int, base: Path
) -> tuple[Catalog, tuple[list[int], list[int]], tuple[Path, ...]]:
    """The entry's catalog, each actor's and issue's count of rows and the positions
    files it was read from (named from `base`, the data file's folder as given), once
    its schema, size, key and checksum are as written."""
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
    # Every text a str (a source's url and an actor's short label may be None),
    # every count a whole number.
    texts = [v for row in actors for v in row[1:4]] + [v for row in issues for v in row[1:5]]
    texts += [v for row in sources for v in row[1:3]]
    counts = [row[-1] for row in (*actors, *issues)]
    optional = [row[3] for row in sources] + [row[4] for row in actors]
    extra, inputs = meta.get("extra"), meta.get("inputs")
    if (
        meta.get("catalog") != _catalog_crc((title, extra, inputs), rows)
        or type(extra) is not str
        or type(inputs) is not str
        or not all(type(t) is str for t in texts)
        or not all(t is None or type(t) is str for t in optional)
        or not all(type(c) is int and c >= 0 for c in counts)
    ):
        raise Damaged("catalog")
    # The positions files the data file names (tidy CSV): each must be as it was read.
    read = [(base / name, crc) for name, crc in json.loads(inputs)]
    for name, crc in read:
        # As the loader requires (links followed): a parse says where it leads instead.
        if not name.resolve().is_relative_to(base.resolve()):
            raise Damaged("a positions file outside the data file's folder")
        try:
            if datafile.digest(name, str(name)).content != crc:
                raise Damaged("a positions file changed")
        except PositionsError:  # gone, or no longer readable: parse, and say so there
            raise Damaged("a positions file is gone") from None
    more, files, groups = json.loads(extra)
    day = dt.date.fromordinal

    def actor(i: str, name: str, aliases: str, short: str | None) -> Actor:
        if i not in more:
            return Actor(i, name, _split(aliases), short)
        capability, start, end = more[i]
        window = None if start is None and end is None else Window(
            None if start is None else day(start), None if end is None else day(end)
        )  # fmt: skip
        return Actor(i, name, _split(aliases), short, capability, window)

    catalog = Catalog(
        str(title),
        {i: actor(i, name, aliases, short) for _, i, name, aliases, short, _ in actors},
        {i: Issue(i, t, q, _split(tags)) for _, i, t, q, tags, _ in issues},
        {i: Source(i, name, url, files.get(i)) for _, i, name, url in sources},
        {g: Group(g, name, tuple(members)) for g, name, members in groups},
    )
    rows_of = ([row[-1] for row in actors], [row[-1] for row in issues])
    return catalog, rows_of, tuple(name for name, _ in read)


def _joined(items: Sequence[str]) -> str:
    """Aliases (or tags) as one column: a JSON list, since an alias may hold any
    character, a separator too."""
    return json.dumps(list(items), ensure_ascii=False) if items else "[]"


def _split(joined: str) -> tuple[str, ...]:
    if joined == "[]":  # most issues have no tags, most actors no aliases
        return ()
    items = json.loads(joined)
    if type(items) is not list or not all(type(i) is str for i in items):
        raise Damaged("a list of names")
    return tuple(items)


def _catalog_rows(ds: Dataset) -> list[list[tuple[object, ...]]]:
    """The rows of the catalog's tables, as `_CATALOG` names them."""
    per_actor = Counter(map(_ACTOR, ds.positions))
    per_issue = Counter(map(_ISSUE, ds.positions))
    return [
        [(n, s.id, s.name, s.url) for n, s in enumerate(ds.sources.values())],
        [
            (n, a.id, a.name, _joined(a.aliases), a.short, per_actor[a.id])
            for n, a in enumerate(ds.actors.values())
        ],
        [
            (n, i.id, i.title, i.question, _joined(i.tags), per_issue[i.id])
            for n, i in enumerate(ds.issues.values())
        ],
    ]


def _catalog_crc(title: object, rows: list[list[tuple[object, ...]]]) -> int:
    return zlib.crc32(_canonical((title, rows)))


def _canonical(value: object) -> bytes:
    return repr(value).encode("utf-8", "surrogatepass")


# -- an issue's positions as one row of columns ---------------------------------------------
#
# Writing 870,000 rows one by one took as long as parsing the file (7 s, on a
# per-row CRC of its repr and sqlite's binding of ten values); reading them back
# built each position in Python. A row per issue, its positions as columns, is
# built and read back through map(), array and zlib, in C: no Python code runs
# per position but where a position has more than format 1's fields.

_INT = "i"  # 4 bytes wherever Python runs; stored little-endian
_SWAP = sys.byteorder == "big"
_BLOB_COLUMNS = ("n", "actor", "stance", "source", "day")
_POSITION = records.maker(Position)  # a Position from its 12 fields


def _column(values: Iterable[int]) -> array[int]:
    """A column of ints as it is stored (little-endian), to be sliced into rows' bytes."""
    column = array(_INT, values)
    if _SWAP:  # pragma: no cover - a big-endian machine
        column.byteswap()
    return column


def _ints(values: Iterable[int]) -> bytes:
    return _column(values).tobytes()


def _unints(blob: object) -> array[int]:
    if type(blob) is not bytes or len(blob) % 4:
        raise Damaged("a column")
    column = array(_INT)
    column.frombytes(blob)
    if _SWAP:  # pragma: no cover - a big-endian machine
        column.byteswap()
    return column


def _block_crc(table: str, key: object, columns: Sequence[object]) -> int:
    """A CRC-32 of a row of positions: its table, its issue's or actor's number, each
    column's length (or None) and bytes."""
    head = repr((table, key, [len(b) if type(b) is bytes else b for b in columns]))
    crc = zlib.crc32(head.encode())
    for blob in columns:
        if type(blob) is bytes:
            crc = zlib.crc32(blob, crc)
        elif blob is not None:  # anything else a foreign entry holds
            crc = zlib.crc32(_canonical(blob), crc)
    return crc


def _decode(
    db: sqlite3.Connection,
    catalog: Catalog,
    counts: tuple[list[int], list[int]],
    chosen: Sequence[int] | None,
    who: frozenset[int] | None,
) -> tuple[Position, ...]:
    """The positions of the issues numbered `chosen` (None: all) whose actor is
    numbered in `who` (None: any), in file order: from the actors' rows when `who`
    is given, else from the issues'. Damaged for any row that is not what was
    written (its CRC, a value no row of ours holds, a position twice) or that holds
    another number of positions than the catalog counts."""
    actors, issues, sources = (list(m) for m in (catalog.actors, catalog.issues, catalog.sources))
    per_actor, per_issue = counts
    total = sum(per_issue)
    # A row's `key` is its issue (its positions' `other`, their actors) or its actor.
    table, keys, sizes, wanted = "positions", chosen, per_issue, None
    if who is not None:
        table, keys, sizes = "by_actor", sorted(who), per_actor
        wanted = None if chosen is None else frozenset(chosen)
    by_actor = table == "by_actor"
    key = "actor" if by_actor else "issue"
    query = _SELECT[table]
    if keys is not None:  # numbers, never text
        query += f" WHERE {key} IN ({', '.join('?' * len(keys))})"
    rows = db.execute(query, () if keys is None else keys)
    bare = [(Evidence(s, None),) for s in sources]
    dates = _Dates()  # each day one date, shared as the loader's memo shares them
    tail = [repeat(v) for v in _PLAIN_TAIL]
    places: array[int] = array(_INT)
    out: list[Position] = []
    read = 0
    try:
        for row, *blobs, texts, ends, check in rows:
            if (
                _block_crc(table, row, (*blobs, texts, ends)) != check
                or type(row) is not int
                or not 0 <= row < len(sizes)
                or list(map(len, blobs)) != [4 * sizes[row]] * len(_BLOB_COLUMNS)
            ):
                raise Damaged(f"{key} {row}")
            size = sizes[row]
            read += size
            others = _unints(blobs[1])
            if min(others) < 0 or max(others) >= len(issues if by_actor else actors):
                raise Damaged(f"{key} {row}")
            # An actor's look-up on a few issues decodes only their positions.
            keep = None if wanted is None else _kept(others, wanted)
            if keep is not None and not keep:
                continue
            ns, stances, froms, days = (_unints(blobs[k]) for k in (0, 2, 3, 4))
            said = None if texts is ends is None else _texts(texts, ends, size, keep)
            if keep is not None:
                columns = (ns, others, stances, froms, days)
                ns, others, stances, froms, days = (_picked(c, keep) for c in columns)
            summaries: Iterable[str] = repeat("") if said is None else said[0]
            quotes = None if said is None else said[1]
            extras: Sequence[str | None] = () if said is None else said[2]
            # The positions read (an empty row is not ours either); the values' own
            # checks are their look-ups below.
            if (
                min(ns) < 0
                or max(ns) >= total
                or min(froms) < 0
                or not all(map(lt, ns, islice(ns, 1, None)))
            ):
                raise Damaged(f"{key} {row}")
            if quotes is None:
                evidence: Iterable[tuple[Evidence]] = map(bare.__getitem__, froms)
            else:
                evidence = [
                    bare[s] if q is None else (Evidence(sources[s], q),)
                    for s, q in zip(froms, quotes, strict=True)
                ]
            whose: Iterable[str] = (
                repeat(actors[row]) if by_actor else map(actors.__getitem__, others)
            )
            what: Iterable[str] = (
                map(issues.__getitem__, others) if by_actor else repeat(issues[row])
            )
            fields = zip(
                whose,
                what,
                map(_STANCES.__getitem__, stances),
                summaries,
                evidence,
                map(dates.__getitem__, days),
                *tail,
                strict=False,  # the position's columns, and repeats
            )
            found = list(map(_POSITION, fields))
            for k, extra in enumerate(extras):
                if extra is not None:
                    found[k] = _with_extra(found[k], extra)
            places.extend(ns)
            out.extend(found)
    except (IndexError, KeyError, TypeError, ValueError, OverflowError):
        raise Damaged("a value out of range") from None
    expected = total if keys is None else sum(sizes[k] for k in keys)
    if read != expected:
        raise Damaged(f"{read} positions where the catalog counts {expected}")
    # File order (a file in issue order is in it already); a place twice is damage.
    if all(map(lt, places, islice(places, 1, None))):
        return tuple(out)
    order = sorted(range(len(out)), key=places.__getitem__)
    ordered = list(map(places.__getitem__, order))
    if not all(map(lt, ordered, islice(ordered, 1, None))):
        raise Damaged("a position twice")
    return tuple(map(out.__getitem__, order))


_SELECT = {
    "positions": "SELECT issue, n, actor, stance, source, day, texts, ends, crc FROM positions",
    "by_actor": "SELECT actor, n, issue, stance, source, day, texts, ends, crc FROM by_actor",
}


def _kept(column: array[int], who: frozenset[int]) -> list[int]:
    """Where in `column` the numbers in `who` are, in order: found by array's own
    search (in C) for a few actors, one test per position for more."""
    if len(who) > 4:
        return list(compress(range(len(column)), map(who.__contains__, column)))
    found = []
    for a in who:
        k = -1
        for _ in range(column.count(a)):
            k = column.index(a, k + 1)
            found.append(k)
    found.sort()
    return found


def _picked(column: array[int], keep: list[int]) -> array[int]:
    return array(_INT, map(column.__getitem__, keep))


def _texts(
    texts: object, ends: object, size: int, keep: list[int] | None
) -> tuple[list[str], list[str | None], list[str | None]]:
    """An issue's summaries, quotes and extra fields from its row's `texts` and `ends`
    (`_packed`): only those of its positions numbered in `keep` (None: all), so that
    an actor's look-up decodes its own texts, not every issue's."""
    at = _unints(ends)
    if type(texts) is not bytes or len(at) != 3 * size or at[-1] != len(texts):
        raise Damaged("texts")
    # Each text lies within `texts`, after the one before it.
    if min(at) < 0 or not all(map(le, at, islice(at, 1, None))):
        raise Damaged("texts")
    starts = [0, *islice(at, len(at) - 1)]
    if keep is None:
        if texts.isascii():  # then a character's place is its byte's: one decode
            whole = texts.decode("ascii")
            found = list(map(whole.__getitem__, map(slice, starts, at)))
        else:
            found = list(map(bytes.decode, map(texts.__getitem__, map(slice, starts, at))))
        m = size
    else:
        m = len(keep)
        chosen = [*keep, *(size + k for k in keep), *(2 * size + k for k in keep)]
        found = [texts[starts[k] : at[k]].decode() for k in chosen]
    # A quote or an extra is never empty (`_packed`): an empty one is none.
    quotes: list[str | None] = [None] * m
    extras: list[str | None] = [None] * m
    if at[size - 1] != at[2 * size - 1]:
        quotes = [t or None for t in found[m : 2 * m]]
    if at[2 * size - 1] != at[-1]:
        extras = [t or None for t in found[2 * m :]]
    return found[:m], quotes, extras


def _packed(
    summaries: Sequence[str], quotes: Sequence[str | None], extras: Sequence[str | None]
) -> tuple[bytes, bytes] | tuple[None, None]:
    """A row's `texts` and `ends`: its summaries, quotes and extra fields one after
    another in UTF-8, and where each ends; none when each is empty. _Unstorable if a
    quote or an extra is empty, which would be read back as none."""
    if "" in quotes or "" in extras:
        raise _Unstorable("an empty quote")
    if not any(summaries) and quotes.count(None) == len(quotes) == extras.count(None):
        return None, None
    encoded = [*map(str.encode, summaries), *(t.encode() if t else b"" for t in quotes)]
    encoded += [t.encode() if t else b"" for t in extras]
    return b"".join(encoded), _ints(accumulate(map(len, encoded)))


class _Unstorable(ValueError):
    """A data set the store cannot hold as it is: it is not stored."""


class _Dates(dict[int, dt.date]):
    """Each day's date, made on its first look-up."""

    def __missing__(self, day: int) -> dt.date:
        date = self[day] = dt.date.fromordinal(day)
        return date


# -- writing ------------------------------------------------------------------------------


def _write(
    at: _Directory,
    entry: Path,
    key: bytes,
    ds: Dataset,
    inputs: tuple[tuple[Path, int], ...] = (),
    base: Path = Path(),
) -> None:
    """Write the entry atomically, or not at all: a store that cannot be written is
    skipped. Then sweep the temporary files killed writers left."""
    try:
        at.create()
        if not at.usable:
            return
        with Replacement(entry, dir_fd=at.fd) as replacement:
            assert replacement.fd is not None
            made = os.fstat(replacement.fd)
            replacement.close()
            path = replacement.path
            with (
                closing(_opened_by(lambda: sqlite3.connect(path), path, made)) as db,
                _collector_paused(),
            ):
                _fill(db, key, ds, inputs, base)
            if os.stat(path).st_size <= LARGEST_ENTRY:  # else it would never be read
                replacement.commit()
        _sweep(at)
    except (OSError, sqlite3.Error, UnicodeEncodeError, _Unstorable):
        pass


def _sweep(at: _Directory) -> None:
    """Remove the store's own temporary files (`.NAME.sqlite.XXXXXXXX.tmp`, regular
    files of ours) older than STALE_AFTER: what a killed writer left behind."""
    if at.fd is None or os.scandir not in os.supports_fd:
        return
    # positions.atomic's TEMPORARY for an entry's name; mkstemp's letters are [a-z0-9_].
    ours = re.compile(r"\.[0-9a-f]{32}\.sqlite\.[a-z0-9_]{8}\.tmp")
    old = time.time() - STALE_AFTER
    with os.scandir(at.fd) as found:
        for item in found:
            if ours.fullmatch(item.name):
                with suppress(OSError):
                    stat = item.stat(follow_symlinks=False)
                    if _ours(stat) and stat.st_mtime < old:
                        os.unlink(item.name, dir_fd=at.fd)


def _fill(
    db: sqlite3.Connection,
    key: bytes,
    ds: Dataset,
    inputs: tuple[tuple[Path, int], ...] = (),
    base: Path = Path(),
) -> None:
    # A new file that is renamed into place whole: no journal, no syncing.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for statement in SCHEMA:
        db.execute(statement)
    catalog = _catalog_rows(ds)
    insert = "INSERT INTO {} VALUES ({})"  # the tables are _CATALOG, our own names
    for table, rows in zip(_CATALOG, catalog, strict=True):
        columns = 4 if table == "sources" else 6
        db.executemany(insert.format(table, ", ".join("?" * columns)), rows)
    for table, blocks in zip(("positions", "by_actor"), _blocks(ds, catalog), strict=True):
        db.executemany(insert.format(table, ", ".join("?" * 9)), blocks)
    extra = _catalog_extra(ds)
    # Each positions file as the header names it from the data file's folder, as typed:
    # a hit reads what its own run would read (through links as they are now; from the
    # folder the data file is named in, which two links to one file do not share).
    read = json.dumps(
        [
            [os.fspath(path.relative_to(base) if path.is_relative_to(base) else path), crc]
            for path, crc in inputs
        ]
    )
    crc = _catalog_crc((ds.title, extra, read), catalog)
    meta = {"key": key, "title": ds.title, "extra": extra, "inputs": read, "catalog": crc}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()


def _blocks(
    ds: Dataset, catalog: list[list[tuple[object, ...]]]
) -> tuple[Iterator[tuple[object, ...]], Iterator[tuple[object, ...]]]:
    """The rows of the positions table, one per issue that has positions, and of the
    by_actor table, one per actor that has (`_decode`)."""
    ps: Sequence[Position] = ds.positions
    index = [{id_: n for n, id_ in enumerate(m)} for m in (ds.actors, ds.issues, ds.sources)]
    actor, issue, source = index
    who = _column(map(actor.__getitem__, map(_ACTOR, ps)))
    what = _column(map(issue.__getitem__, map(_ISSUE, ps)))
    stances = _column(map(_SCORES.__getitem__, map(id, map(_STANCE, ps))))
    days = _column(map(dt.date.toordinal, map(_DATE, ps)))
    summaries = list(map(_SUMMARY, ps))
    # Each evidence tuple once: the loader shares one among a source's positions
    # without a quote, so a roll call has a few.
    evidences = list(map(_EVIDENCE, ps))
    each = dict(zip(map(id, evidences), evidences, strict=True))
    firsts = {
        k: (source[e[0].source], e[0].quote, len(e) == 1 and e[0][2:] == _BARE[2:])
        for k, e in each.items()
    }
    first = list(map(firsts.__getitem__, map(id, evidences)))
    froms = _column(map(_FIRST, first))
    quotes = list(map(_SECOND, first))
    plain = list(map(and_, map(_THIRD, first), map(_PLAIN_TAIL.__eq__, map(_TAIL, ps))))
    extras: list[str | None] = (
        [None] * len(ps)
        if all(plain)
        else [None if ok else _position_extra(p) for ok, p in zip(plain, ps, strict=True)]
    )
    places = _column(range(len(ps)))
    numbers, texts = (stances, froms, days), (summaries, quotes, extras)
    by_issue = _grouped("positions", what, (places, who, *numbers), texts, catalog[2])
    by_actor = _grouped("by_actor", who, (places, what, *numbers), texts, catalog[1])
    return by_issue, by_actor


def _grouped(
    table: str,
    keys: array[int],
    columns: tuple[array[int], ...],
    texts: tuple[list[str], list[str | None], list[str | None]],
    counts: list[tuple[object, ...]],
) -> Iterator[tuple[object, ...]]:
    """A table's rows: each key's positions together, in file order (sorted is
    stable; a roll call, in issue order, is in it already), a row for each key with
    positions (`counts`, the catalog's rows, end in each key's count)."""
    summaries, quotes, extras = texts
    if not all(map(le, keys, islice(keys, 1, None))):
        order = sorted(range(len(keys)), key=keys.tolist().__getitem__)
        columns = _gathered(columns, order)
        if any(summaries) or quotes.count(None) < len(quotes) or extras.count(None) < len(extras):
            summaries = list(map(summaries.__getitem__, order))
            quotes, extras = (list(map(t.__getitem__, order)) for t in (quotes, extras))
    start = 0
    for n, *_, count in counts:
        assert type(count) is int
        if not count:
            continue
        end = start + count
        blobs = [c[start:end].tobytes() for c in columns]
        said = _packed(summaries[start:end], quotes[start:end], extras[start:end])
        yield (n, *blobs, *said, _block_crc(table, n, (*blobs, *said)))
        start = end


def _gathered(columns: tuple[array[int], ...], order: list[int]) -> tuple[array[int], ...]:
    """`[array(_INT, map(c.__getitem__, order)) for c in columns]`, three times as fast:
    the columns interleaved into one record of bytes a position, the records put in
    order at once, and taken apart again (each step in C)."""
    width, size = len(columns), 4 * len(columns)
    records = array(_INT, bytes(size * len(order)))
    for k, column in enumerate(columns):
        records[k::width] = column
    flat = records.tobytes()
    starts = list(map(size.__mul__, order))
    ordered = array(_INT)
    ordered.frombytes(
        b"".join(map(flat.__getitem__, map(slice, starts, map(size.__add__, starts))))
    )
    return tuple(ordered[k::width] for k in range(width))


_ACTOR, _ISSUE, _STANCE, _SUMMARY, _EVIDENCE, _DATE = (itemgetter(k) for k in range(6))
_FIRST, _SECOND, _THIRD = (itemgetter(k) for k in range(3))
_TAIL = itemgetter(slice(6, None))
_SCORES = {id(s): s.value for s in Stance}  # by identity: an Enum's hash is Python code


_BARE = Evidence("")
_PLAIN_TAIL = Position("", "", Stance.NEUTRAL, "", (), dt.date.min)[6:]


def _position_extra(p: Position) -> str | None:
    """A position's fields beyond format 1's, as JSON; None when it has none."""
    if p[6:] == _PLAIN_TAIL and len(p.evidence) == 1 and p.evidence[0][2:] == _BARE[2:]:
        return None
    evidence = [[*e[:4], None if e.date is None else e.date.toordinal()] for e in p.evidence]
    held = None if p.held_since is None else p.held_since.toordinal()
    conditions = [[c.issue, c.adopted] for c in p.conditions]
    return json.dumps(
        [evidence, p.basis.value, p.note, conditions, p.salience, p.red_line, held],
        ensure_ascii=False,
    )


def _with_extra(p: Position, extra: str) -> Position:
    """`p` with the fields `_position_extra` wrote."""
    evidence, basis, note, conditions, salience, red_line, held = json.loads(extra)
    day = dt.date.fromordinal
    return p._replace(
        evidence=tuple(
            Evidence(so, q, sp, u, None if d is None else day(d)) for so, q, sp, u, d in evidence
        ),
        basis=Basis(basis),
        note=note,
        conditions=tuple(Condition(i, bool(a)) for i, a in conditions),
        salience=salience,
        red_line=bool(red_line),
        held_since=None if held is None else day(held),
    )


def _catalog_extra(ds: Catalog) -> str:
    """The catalog's fields beyond the tables' columns (format 2's), as JSON."""
    actors = {
        a.id: [
            a.capability,
            *(None if d is None else d.toordinal() for d in a.active or (None, None)),
        ]
        for a in ds.actors.values()
        if a.capability is not None or a.active is not None
    }
    files = {s.id: s.file for s in ds.sources.values() if s.file is not None}
    groups = [[g.id, g.name, list(g.members)] for g in ds.groups.values()]
    return json.dumps([actors, files, groups], ensure_ascii=False)
