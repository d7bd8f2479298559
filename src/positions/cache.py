"""A cache of parsed and validated data files, so that look-ups stay fast on big files.

Parsing and validating a 100,000-position file takes seconds; loading it back
from the cache takes a fraction of one. One entry per data file lives in the
user's cache directory (`cache_dir()`; `POSITIONS_CACHE_DIR` replaces it).

An entry is used only when all of these match what was stored with it: the
cache format, the tool's version, the file's resolved path, size and mtime,
and the SHA-256 of its bytes. The bytes are read and hashed on every load
(about 20 ms for 28 MB): size and mtime alone miss an edit that keeps the
size within the file system's mtime granularity, or one whose mtime was put
back. The entry itself carries the SHA-256 of its payload, checked before the
payload is unpickled, so a truncated or corrupt entry is never read as data;
it is rebuilt. The payload holds only str, int, bytes, None and tuples
(unpickled with every class refused), and the model is rebuilt from it.
Entries are written to a temporary file and renamed into place, so readers
see the old entry or the new one, never half of one. A cache directory that
cannot be created or written only means no caching.

Nothing here imports YAML on a hit: that is the loader's business, on a miss.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import io
import os
import pickle
import struct
import sys
from dataclasses import fields
from pathlib import Path

from positions import __version__, datafile
from positions.model import Actor, Dataset, Issue, Position, Source, Stance

#: Bump when the layout of an entry or of its payload changes.
CACHE_FORMAT = 1
#: Environment variable naming the cache directory (tests point it at a temp dir).
ENV_VAR = "POSITIONS_CACHE_DIR"

#: The model's shape: an entry written before a field was added or renamed is
#: not read back into the new model, even under the same version number.
_LAYOUT = repr(
    [(c.__name__, [f.name for f in fields(c)]) for c in (Actor, Issue, Source, Position, Dataset)]
)
_MAGIC = b"positions-cache\x00"
# magic, key digest, payload digest, payload length
_HEADER = struct.Struct(f">{len(_MAGIC)}s32s32sQ")
_STANCES = tuple(sorted(Stance, key=lambda s: s.score))  # index: score + 2


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


def load(path: Path, display: str, use_cache: bool = True) -> Dataset:
    """The Dataset of the data file at `path`, from the cache when it is current.

    Raises exactly what `positions.loader.load` raises; a cache that cannot
    be read or written is silently skipped.
    """
    data, stat = datafile.read(path, display)
    if not use_cache:
        return _parse(data, display)
    try:
        resolved = str(path.resolve())
    except OSError:  # readable but unresolvable: do without the cache
        return _parse(data, display)
    key = _key(resolved, stat, data)
    name = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    entry = cache_dir() / f"{name}.cache"
    dataset = _read_entry(entry, key)
    if dataset is None:
        dataset = _parse(data, display)
        _write_entry(entry, key, dataset)
    return dataset


def _parse(data: bytes, display: str) -> Dataset:
    from positions import loader  # imports PyYAML: only on a miss

    return loader.parse(data, display)


def _key(resolved: str, stat: os.stat_result, data: bytes) -> bytes:
    """One digest of everything an entry must match to be used."""
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, _LAYOUT, __version__, resolved, stat.st_size, stat.st_mtime_ns):
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\x00")
    h.update(hashlib.sha256(data).digest())
    return h.digest()


# -- entries ------------------------------------------------------------------


class _Unpickler(pickle.Unpickler):
    """Builds only str, int, bytes, None and tuples: any class is refused."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"refusing {module}.{name} in a cache entry")


def _read_entry(entry: Path, key: bytes) -> Dataset | None:
    try:
        blob = entry.read_bytes()
    except OSError:  # absent, unreadable, a directory: a miss
        return None
    if len(blob) < _HEADER.size:
        return None
    magic, stored_key, digest, length = _HEADER.unpack_from(blob)
    payload = memoryview(blob)[_HEADER.size :]
    if (
        magic != _MAGIC
        or stored_key != key
        or length != len(payload)
        or hashlib.sha256(payload).digest() != digest
    ):
        return None
    # The payload is byte for byte what _write_entry wrote, so it unpickles;
    # only an entry crafted to name a class is refused, and then rebuilt.
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a few hundred thousand new objects, no cycles among them
    try:
        return _from_payload(_Unpickler(io.BytesIO(payload)).load())
    except pickle.UnpicklingError:
        return None
    finally:
        if gc_was_enabled:
            gc.enable()


def _write_entry(entry: Path, key: bytes, dataset: Dataset) -> None:
    """Write atomically, or not at all: a cache that cannot be written is skipped."""
    import tempfile

    payload = pickle.dumps(_to_payload(dataset), protocol=pickle.HIGHEST_PROTOCOL)
    header = _HEADER.pack(_MAGIC, key, hashlib.sha256(payload).digest(), len(payload))
    tmp: str | None = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".cache")
        with os.fdopen(fd, "wb") as f:
            f.write(header)
            f.write(payload)
        os.replace(tmp, entry)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# -- the payload: the model as plain values -----------------------------------
#
# Pickling the dataclasses themselves is slower to load (frozen slotted
# dataclasses unpickle through a Python __setstate__) and cannot hold the
# Dataset's read-only mappings. Ids are stored once and referred to by index.

_Payload = tuple[
    str,  # title
    tuple[tuple[str, str, str | None], ...],  # sources: id, name, url
    tuple[tuple[str, str, tuple[str, ...]], ...],  # actors: id, name, aliases
    tuple[tuple[str, str, str], ...],  # issues: id, title, question
    tuple[int, ...],  # position actor indexes
    tuple[int, ...],  # issue indexes
    bytes,  # stance score + 2
    tuple[str, ...],  # summaries
    tuple[int, ...],  # source indexes
    tuple[int, ...],  # date ordinals
    tuple[str | None, ...],  # quotes
]


def _to_payload(ds: Dataset) -> _Payload:
    actor = {k: n for n, k in enumerate(ds.actors)}
    issue = {k: n for n, k in enumerate(ds.issues)}
    source = {k: n for n, k in enumerate(ds.sources)}
    ps = ds.positions
    return (
        ds.title,
        tuple((s.id, s.name, s.url) for s in ds.sources.values()),
        tuple((a.id, a.name, a.aliases) for a in ds.actors.values()),
        tuple((i.id, i.title, i.question) for i in ds.issues.values()),
        tuple(actor[p.actor] for p in ps),
        tuple(issue[p.issue] for p in ps),
        bytes(p.stance.score + 2 for p in ps),
        tuple(p.summary for p in ps),
        tuple(source[p.source] for p in ps),
        tuple(p.date.toordinal() for p in ps),
        tuple(p.quote for p in ps),
    )


def _from_payload(payload: _Payload) -> Dataset:
    title, sources, actors, issues, pa, pi, pst, psu, pso, pd, pq = payload
    actor_ids = tuple(a[0] for a in actors)
    issue_ids = tuple(i[0] for i in issues)
    source_ids = tuple(s[0] for s in sources)
    day = dt.date.fromordinal
    positions = tuple(
        [
            Position(actor_ids[a], issue_ids[i], _STANCES[st], su, source_ids[so], day(d), q)
            for a, i, st, su, so, d, q in zip(pa, pi, pst, psu, pso, pd, pq, strict=True)
        ]
    )
    return Dataset(
        title=title,
        actors={a[0]: Actor(*a) for a in actors},
        issues={i[0]: Issue(*i) for i in issues},
        sources={s[0]: Source(*s) for s in sources},
        positions=positions,
    )
