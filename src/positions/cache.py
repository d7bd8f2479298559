"""A cache of parsed and validated data files, so that look-ups stay fast on big files.

Parsing and validating a 100,000-position file takes seconds; loading it back
from the cache takes a fraction of one, and a look-up of one issue or one pair
of actors decodes only the positions it shows. One entry per data file lives
in the user's cache directory (`cache_dir()`; `POSITIONS_CACHE_DIR` replaces it).

An entry is used only when all of these match what was stored with it: the
cache format, the tool's version, the model's layout, the Python build (the
entry is in `marshal` format), the file's resolved path, size and mtime, and a
digest of its bytes (SHA-256, or BLAKE2b below `BIG_FILE`). The bytes are read
a megabyte at a time and hashed on every load (about 20 ms for 28 MB): size and
mtime alone miss an edit that keeps the size within the file system's mtime
granularity, or one whose mtime was put back. On a miss, the bytes parsed are
hashed again for the new entry's key, so an edit made in between is never
filed under the old text.

The entry carries a CRC-32 of everything after its header, checked before
anything is decoded, so a truncated or damaged entry is rebuilt, never read as
data. The body holds only str, int, bytes, tuples and None, in `marshal`
format: it builds no object of any class and runs no code, and whatever does
not decode to the expected shape is a miss (see docs/security.md for why
marshal, and what it trusts). Entries are written to a temporary file and
renamed into place, so readers see the old entry or the new one, never half
of one. A cache directory that cannot be created or written only means no
caching.

Nothing here imports YAML on a hit (that is the loader's business, on a miss),
nor, for a small file, `hashlib` (which loads OpenSSL: ~4 ms, a twentieth of a
cold start).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import struct
import sys
import zlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Final

from positions import __version__, datafile
from positions.errors import PositionsError
from positions.model import Actor, Dataset, Issue, Position, Source, Stance

try:  # hashlib.blake2b is this very function; importing hashlib also loads OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

#: Bump when the layout of an entry or of its body changes.
CACHE_FORMAT = 2
#: Environment variable naming the cache directory (tests point it at a temp dir).
ENV_VAR = "POSITIONS_CACHE_DIR"

#: The model's shape: an entry written before a field was added or renamed is
#: not read back into the new model, even under the same version number.
_LAYOUT = repr(
    [(c.__name__, list(c._fields)) for c in (Actor, Issue, Source, Position)]
    + [("Dataset", list(Dataset.__slots__))]
)
_MAGIC = b"positions-cache\x00"
# magic, key digest, CRC-32 of the body, length of the meta part, length of the body
_HEADER = struct.Struct(f"<{len(_MAGIC)}s32sIQQ")
_STANCES = tuple(sorted(Stance, key=lambda s: s.score))  # index: score + 2
_INDEX: Final = "I"  # record numbers: unsigned 32-bit
_OFFSET: Final = "Q"  # record offsets: unsigned 64-bit


def cache_dir() -> Path:
    """Where entries live: $POSITIONS_CACHE_DIR, else the platform's user cache dir."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else home / "AppData" / "Local"
        return base / "positions" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "positions"
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says to ignore a relative path.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache"
    return base / "positions"


class Stored:
    """A checked data file: its actors, issues and sources, and its positions on demand.

    `catalog` is the data set without positions: enough to resolve names.
    `select` and `everything` give data sets with positions; a look-up of one
    issue or one pair of actors decodes only theirs from a cache entry.
    """

    __slots__ = ("_body", "_entry", "_full", "catalog")

    def __init__(
        self,
        catalog: Dataset,
        full: Dataset | None,
        body: _Body | None = None,
        entry: Path | None = None,
    ) -> None:
        self.catalog = catalog
        self._full = full
        self._body = body
        self._entry = entry

    def everything(self) -> Dataset:
        """The whole data set."""
        if self._full is None:
            assert self._body is not None
            self._full = self._dataset(range(self._body.count))
        return self._full

    def select(
        self, actors: Collection[str] | None = None, issues: Collection[str] | None = None
    ) -> Dataset:
        """The data set with only the positions of these actors on these issues.

        None means all. Actors, issues and sources are all kept, so names
        still resolve and every actor still shows, as silent where it is.
        """
        if self._full is not None or self._body is None:
            full = self.everything()
            kept = tuple(
                p
                for p in full.positions
                if (actors is None or p.actor in actors) and (issues is None or p.issue in issues)
            )
            return _with_positions(full, kept)
        body = self._body
        chosen: set[int] | None = None
        for wanted, ids, groups in (
            (actors, self.catalog.actors, body.by_actor),
            (issues, self.catalog.issues, body.by_issue),
        ):
            if wanted is None:
                continue
            numbers: set[int] = set()
            for n, id_ in enumerate(ids):
                if id_ in wanted:
                    numbers.update(memoryview(groups[n]).cast(_INDEX))
            chosen = numbers if chosen is None else chosen & numbers
        return self._dataset(range(body.count) if chosen is None else sorted(chosen))

    def _dataset(self, numbers: Sequence[int]) -> Dataset:
        assert self._body is not None
        try:
            positions = self._body.positions(numbers)
        except _UNDECODABLE:
            # Only an entry forged to pass the checks gets here (a damaged one fails
            # its CRC): remove it, so that the next run parses the file afresh.
            if self._entry is not None:
                with contextlib.suppress(OSError):
                    self._entry.unlink()
            raise PositionsError(
                f"{self._entry}: this cache entry was not written by positions and has been "
                "removed; run the command again"
            ) from None
        return _with_positions(self.catalog, positions)


def _with_positions(ds: Dataset, positions: tuple[Position, ...]) -> Dataset:
    return Dataset(ds.title, ds.actors, ds.issues, ds.sources, positions)


def open_data(path: Path, display: str, use_cache: bool = True) -> Stored:
    """The data file at `path`, from the cache when it is current.

    Raises exactly what `positions.loader.load` raises; a cache that cannot
    be read or written is silently skipped. A pipe or a device is read once
    and parsed, never cached: it has no stable content to key an entry on.
    """
    if use_cache:
        found = datafile.digest(path, display, _content_hash)
        if found.data is not None:
            return _stored(_parse(found.data, display))
        try:
            resolved: str | None = str(path.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
            resolved = None
        if resolved is not None and found.content is not None:
            entry = entry_path(resolved)
            stored = _read_entry(entry, _key(resolved, found.stat, found.content))
            if stored is not None:
                return stored
            # Parse the bytes read now, and file them under their own digest: the
            # file may have changed since it was hashed.
            data, stat = datafile.read(path, display)
            dataset = _parse(data, display)
            h = _content_hash(stat.st_size)
            h.update(data)
            del data  # the bytes are not needed while the entry is written
            _write_entry(entry, _key(resolved, stat, h.digest()), dataset)
            return _stored(dataset)
    return _stored(_parse(datafile.read(path, display)[0], display))


#: Files from this size on are hashed with SHA-256 (OpenSSL, hardware-assisted on
#: most machines: 20 ms for 28 MB here against 35 ms for BLAKE2b); smaller ones with
#: BLAKE2b, which spares a small file's cold start the 4 ms of loading OpenSSL.
BIG_FILE = 1 << 20


def _content_hash(size: int) -> datafile.Hasher:
    if size >= BIG_FILE:
        import hashlib

        return hashlib.sha256()
    return blake2b(digest_size=32)


def entry_path(resolved: str) -> Path:
    """Where the entry of the data file at the resolved path `resolved` lives."""
    name = blake2b(resolved.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return cache_dir() / f"{name}.cache"


def load(path: Path, display: str, use_cache: bool = True) -> Dataset:
    """The whole Dataset of the data file at `path`; see `open_data`."""
    return open_data(path, display, use_cache).everything()


def _stored(dataset: Dataset) -> Stored:
    return Stored(_with_positions(dataset, ()), dataset, None)


def _parse(data: bytes, display: str) -> Dataset:
    from positions import loader  # imports PyYAML: only on a miss

    return loader.parse(data, display)


def _key(resolved: str, stat: os.stat_result, content: bytes) -> bytes:
    """One digest of everything an entry must match to be used."""
    h = blake2b(digest_size=32)
    parts = (
        CACHE_FORMAT,
        _LAYOUT,
        __version__,
        sys.implementation.cache_tag,
        marshal.version,
        sys.byteorder,
        struct.calcsize(_INDEX + _OFFSET),
        resolved,
        stat.st_size,
        stat.st_mtime_ns,  # with st_size, which also decides the hash algorithm
    )
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\x00")
    h.update(content)
    return h.digest()


# -- entries ------------------------------------------------------------------
#
# header | meta | records
#
# meta, one marshal: (title, sources, actors, issues, offsets, by_actor, by_issue)
#   sources: ((id, name, url), ...); actors: ((id, name, aliases), ...);
#   issues: ((id, title, question), ...)
#   offsets: bytes, len(positions) + 1 unsigned 64-bit record offsets into records
#   by_actor, by_issue: a bytes per actor / issue, the numbers (unsigned 32-bit,
#   ascending) of its positions
# records: one marshal per position, in file order:
#   (actor index, issue index, stance score + 2, summary, source index, date ordinal, quote)


class _Body:
    """A decoded entry: the catalog's parts, and every position's record undecoded."""

    __slots__ = ("_ids", "_offsets", "_records", "by_actor", "by_issue", "count")

    def __init__(
        self,
        offsets: memoryview,
        records: memoryview,
        by_actor: tuple[bytes, ...],
        by_issue: tuple[bytes, ...],
        ids: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    ) -> None:
        self.count = len(offsets) - 1
        self.by_actor = by_actor
        self.by_issue = by_issue
        self._offsets = offsets
        self._records = records
        self._ids = ids

    def positions(self, numbers: Sequence[int]) -> tuple[Position, ...]:
        """The positions of these record numbers; ValueError for a record not of
        our shape (an index out of range, a summary that is not text...)."""
        # Dicts, not tuples: a forged negative index must fail, not pick from the end.
        actors, issues, sources = (dict(enumerate(ids)) for ids in self._ids)
        stances = dict(enumerate(_STANCES))
        offsets, records, loads, day = self._offsets, self._records, marshal.loads, _DAY
        out = []
        for n in numbers:
            a, i, st, summary, so, d, quote = loads(records[offsets[n] : offsets[n + 1]])
            if type(summary) is not str or not (quote is None or type(quote) is str):
                raise ValueError(f"record {n} is not of this layout")
            out.append(
                Position(actors[a], issues[i], stances[st], summary, sources[so], day(d), quote)
            )
        return tuple(out)


_DAY = dt.date.fromordinal


def _read_entry(entry: Path, key: bytes) -> Stored | None:
    try:
        blob = entry.read_bytes()
    except OSError:  # absent, unreadable, a directory: a miss
        return None
    if len(blob) < _HEADER.size:
        return None
    magic, stored_key, crc, meta_length, length = _HEADER.unpack_from(blob)
    body = memoryview(blob)[_HEADER.size :]
    if (
        magic != _MAGIC
        or stored_key != key
        or length != len(body)
        or meta_length > length
        or zlib.crc32(body) != crc
    ):
        return None
    # The body is byte for byte what _write_entry wrote; anything else that
    # passed the checks (an entry crafted to match) is a miss, not a crash.
    try:
        return _decode(body[:meta_length], body[meta_length:], entry)
    except _UNDECODABLE:
        return None


#: What decoding a body that is not of our layout can raise.
_UNDECODABLE = (ValueError, TypeError, EOFError, IndexError, KeyError, OverflowError)


def _decode(meta_bytes: memoryview, records: memoryview, entry: Path) -> Stored:
    title, sources, actors, issues, offsets, by_actor, by_issue = marshal.loads(meta_bytes)  # noqa: S302 - see above
    if not (
        _is_text(title)
        and all(len(s) == 3 and _is_text(s[0], s[1]) and _is_text_or_none(s[2]) for s in sources)
        and all(
            len(a) == 3
            and _is_text(a[0], a[1])
            and type(a[2]) is tuple
            and all(_is_text(alias) for alias in a[2])
            for a in actors
        )
        and all(len(i) == 3 and _is_text(*i) for i in issues)
        and _is_index(offsets, _OFFSET)
        and len(by_actor) == len(actors)
        and len(by_issue) == len(issues)
        and all(_is_index(group, _INDEX) for group in (*by_actor, *by_issue))
    ):
        raise ValueError("not an entry of this layout")
    offs = memoryview(offsets).cast(_OFFSET)
    if not offs or offs[0] != 0 or offs[-1] != len(records):
        raise ValueError("not an entry of this layout")
    catalog = Dataset(
        title,
        {a[0]: Actor(*a) for a in actors},
        {i[0]: Issue(*i) for i in issues},
        {s[0]: Source(*s) for s in sources},
        (),
    )
    ids = (tuple(catalog.actors), tuple(catalog.issues), tuple(catalog.sources))
    body = _Body(offs, records, tuple(by_actor), tuple(by_issue), ids)
    return Stored(catalog, None, body, entry)


def _is_text(*values: object) -> bool:
    return all(type(v) is str for v in values)


def _is_text_or_none(value: object) -> bool:
    return value is None or type(value) is str


def _is_index(value: object, kind: str) -> bool:
    """Bytes that cast to whole numbers of this array type code."""
    return type(value) is bytes and len(value) % struct.calcsize(kind) == 0


def _encode(ds: Dataset) -> tuple[bytes, bytes]:
    """The meta part and the records of an entry for `ds`."""
    from array import array  # only a miss writes an entry

    actor = {k: n for n, k in enumerate(ds.actors)}
    issue = {k: n for n, k in enumerate(ds.issues)}
    source = {k: n for n, k in enumerate(ds.sources)}
    by_actor: list[array[int]] = [array(_INDEX) for _ in ds.actors]
    by_issue: list[array[int]] = [array(_INDEX) for _ in ds.issues]
    offsets = array(_OFFSET, [0])
    records = bytearray()
    dumps = marshal.dumps
    for n, p in enumerate(ds.positions):
        a, i = actor[p.actor], issue[p.issue]
        by_actor[a].append(n)
        by_issue[i].append(n)
        records += dumps(
            (a, i, p.stance.score + 2, p.summary, source[p.source], p.date.toordinal(), p.quote)
        )
        offsets.append(len(records))
    meta = (
        ds.title,
        tuple((s.id, s.name, s.url) for s in ds.sources.values()),
        tuple((a.id, a.name, a.aliases) for a in ds.actors.values()),
        tuple((i.id, i.title, i.question) for i in ds.issues.values()),
        offsets.tobytes(),
        tuple(g.tobytes() for g in by_actor),
        tuple(g.tobytes() for g in by_issue),
    )
    return dumps(meta), bytes(records)


def _write_entry(entry: Path, key: bytes, dataset: Dataset) -> None:
    """Write atomically, or not at all: a cache that cannot be written is skipped."""
    import tempfile

    meta, records = _encode(dataset)
    crc = zlib.crc32(records, zlib.crc32(meta))
    header = _HEADER.pack(_MAGIC, key, crc, len(meta), len(meta) + len(records))
    tmp: str | None = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".cache")
        with os.fdopen(fd, "wb") as f:
            f.write(header)
            f.write(meta)
            f.write(records)
        os.replace(tmp, entry)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
