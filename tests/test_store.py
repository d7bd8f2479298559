"""The store of checked data files: never a wrong answer, never in the way.

Every test gives the store its own directory under tmp_path, so none of them
reads or writes the real user cache.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions import datafile, loader, store
from positions.atomic import Replacement
from positions.errors import DataError, PositionsError
from positions.model import Dataset
from tests.profiles import examples

from .test_loader import VALID as LOADER_VALID

DATA = Path(__file__).parent / "data"
DEFAULT = datafile.bundled_path()
PARSE = loader.parse  # the real ones: the `parses` fixture replaces parse_files with a spy
PARSE_FILES = loader.parse_files

# The loader tests' valid file, plus a second, later position with a quote.
VALID = (
    LOADER_VALID
    + """\
  - actor: north
    issue: border
    stance: oppose
    summary: Changed its mind.
    quote: "not now: later?"
    source: wire
    date: 2025-03-04
"""
)


def parsed(path: Path) -> Dataset:
    """What the loader makes of the file now, without counting as a parse."""
    return PARSE(path.read_bytes(), path.name)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "talks.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every call to loader.parse_files: an entry was used when none is made."""
    calls: list[str] = []

    def spy(
        data: bytes, filename: str, quotes: Path | None = None, base: Path | None = None
    ) -> tuple[Dataset, tuple[tuple[Path, int], ...]]:
        calls.append(filename)
        return PARSE_FILES(data, filename, quotes, base)

    monkeypatch.setattr(loader, "parse_files", spy)
    return calls


def entries(root: Path) -> list[Path]:
    return sorted(root.glob("*")) if root.exists() else []


def load(path: Path, root: Path | None) -> Dataset:
    return store.load(path, path.name, root)


def test_a_second_load_comes_from_the_store(root: Path, data_file: Path, parses: list[str]) -> None:
    first = load(data_file, root)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        assert stored._db is not None  # read from its entry
        second = stored.everything()
    assert parses == ["talks.yaml"]
    assert second == first == parsed(data_file)
    assert [p.name.endswith(".sqlite") for p in entries(root)] == [True]


@pytest.mark.parametrize("narrowed", [False, True])
@pytest.mark.parametrize("how", ["miss", "hit", "no-store"])
def test_sizes_are_the_data_sets_and_a_hit_reads_no_position(
    root: Path, how: str, narrowed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = DATA / "trade.yaml"
    full = parsed(path)
    if narrowed:
        full = full.with_issues({"tariffs", "quotas"})
    if how == "hit":
        load(path, root)
    with store.open_data(path, path.name, None if how == "no-store" else root) as stored:
        if how == "hit" and not narrowed:
            assert stored._db is not None
            monkeypatch.setattr(store, "_decode", mock.Mock(side_effect=AssertionError))
        found = stored.narrowed({"tariffs", "quotas"}) if narrowed else stored
        assert found.sizes() == (len(full.actors), len(full.issues), len(full.positions))
    assert full.positions  # a count that could be wrong


@pytest.mark.parametrize("path", [DEFAULT, DATA / "trade.yaml"], ids=["default", "trade"])
def test_the_stored_model_equals_the_parsed_one(root: Path, path: Path) -> None:
    load(path, root)  # writes the entry
    stored = load(path, root)
    fresh = loader.load(path)
    assert stored == fresh
    assert stored.histories == fresh.histories
    for part in ("actors", "issues", "sources"):
        assert list(getattr(stored, part).items()) == list(getattr(fresh, part).items())


def test_any_change_to_the_file_is_seen_even_with_size_and_mtime_kept(
    root: Path, data_file: Path, parses: list[str]
) -> None:
    before = load(data_file, root)
    stat = data_file.stat()
    edited = VALID.replace("Wants it moved.", "Wants it mooed.")
    assert len(edited) == len(VALID)
    data_file.write_text(edited, encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (data_file.stat().st_size, data_file.stat().st_mtime_ns) == (
        stat.st_size,
        stat.st_mtime_ns,
    )
    after = load(data_file, root)
    assert parses == ["talks.yaml", "talks.yaml"]
    assert before.positions[0].summary == "Wants it moved."
    assert after.positions[0].summary == "Wants it mooed."
    assert len(entries(root)) == 1  # the stale entry was replaced, not kept


@pytest.mark.parametrize("change", ["__version__", "STORE_FORMAT", "_LAYOUT"])
def test_a_new_version_format_or_model_does_not_use_old_entries(
    root: Path,
    data_file: Path,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    load(data_file, root)
    monkeypatch.setattr(store, change, getattr(store, change) * 2)
    assert load(data_file, root) == parsed(data_file)
    load(data_file, root)
    assert parses == ["talks.yaml", "talks.yaml"]  # then the new entry is used


def test_an_entry_is_only_used_for_its_own_path(
    root: Path, tmp_path: Path, parses: list[str]
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(VALID, encoding="utf-8")
    b.write_text(VALID.replace("Test talks", "Other talks"), encoding="utf-8")
    load(a, root)
    (entry,) = entries(root)
    # Put a's entry where b's belongs: it must be refused, not read as b.
    entry.rename(store.entry_path(root, str(b.resolve())))
    assert load(b, root).title == "Other talks"
    assert parses == ["a.yaml", "b.yaml"]


# -- damage and forgery: a miss, or the file parsed instead, never a wrong answer -------------


def _flip_at(text: bytes) -> Callable[[bytes], bytes]:
    """Damage one byte inside the first place `text` is stored."""

    def damage(blob: bytes) -> bytes:
        i = blob.index(text) + 2
        return blob[:i] + bytes([blob[i] ^ 0x01]) + blob[i + 1 :]

    return damage


def _sqlite(statements: str) -> Callable[[bytes], bytes]:
    """Another database in the entry's place, made of `statements`."""

    def build(blob: bytes) -> bytes:
        with tempfile.TemporaryDirectory() as where:
            path = Path(where) / "other.sqlite"
            with sqlite3.connect(path) as db:
                db.executescript(statements)
            db.close()
            return path.read_bytes()

    return build


def _ours_plus(statement: str) -> Callable[[bytes], bytes]:
    """The entry itself, with one more schema object."""

    def build(blob: bytes) -> bytes:
        with tempfile.TemporaryDirectory() as where:
            path = Path(where) / "entry.sqlite"
            path.write_bytes(blob)
            with sqlite3.connect(path) as db:
                db.execute(statement)
            db.close()
            return path.read_bytes()

    return build


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda blob: b"",
    "truncated-in-header": lambda blob: blob[:10],
    "truncated-by-half": lambda blob: blob[: len(blob) // 2],
    "last-byte-missing": lambda blob: blob[:-1],
    "byte-added": lambda blob: blob + b"\x00",
    "page-added": lambda blob: blob + bytes(4096),
    "wrong-magic": lambda blob: b"X" + blob[1:],
    "page-count-changed": lambda blob: blob[:31] + bytes([blob[31] ^ 0x01]) + blob[32:],
    "title-byte-flipped": _flip_at(b"Test talks"),
    "source-name-byte-flipped": _flip_at(b"The Wire"),
    "garbage": lambda blob: os.urandom(len(blob)),
    "not-a-database": lambda blob: pickle.dumps({"format": 1}),
    "another-schema": _sqlite("CREATE TABLE positions(x); INSERT INTO positions VALUES (1);"),
    "a-view-in-the-schema": _ours_plus("CREATE VIEW v AS SELECT 1"),
    "a-trigger": _ours_plus(
        "CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM positions; END"
    ),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_or_foreign_entry_is_a_miss(
    root: Path, data_file: Path, parses: list[str], damage: Callable[[bytes], bytes]
) -> None:
    expected = load(data_file, root)
    (entry,) = entries(root)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert load(data_file, root) == expected
    assert parses == ["talks.yaml", "talks.yaml"]
    assert load(data_file, root) == expected  # rebuilt, and used again
    assert parses == ["talks.yaml", "talks.yaml"]


Block = dict[str, object]


#: Each positions table's columns, as `store._SELECT` reads them.
COLUMNS = {
    table: tuple(query.split("SELECT ")[1].split(" FROM")[0].split(", "))
    for table, query in store._SELECT.items()
}


def _rewrite(
    change: Callable[[Block], None], crc: bool | str, table: str = "positions"
) -> Callable[[Path], None]:
    """Change every row of a positions table (`positions`, by issue, or `by_actor`),
    its columns decoded (`n`, `stance`, `source`, `day`, `ends` and the actors of an
    issue's row or the issues of an actor's as lists of ints, `texts` as its lists
    of summaries, quotes and extras, or None); `crc`: and make its CRC match (a
    table's name: the CRC that row would have in that table).
    `texts` left a list is written as the store writes it, with its `ends`; a column
    changed to anything but a list is written as it is."""
    names = COLUMNS[table]
    key, ints = names[0], [*names[1:6], "ends"]

    def rewrite(entry: Path) -> None:
        with sqlite3.connect(entry) as db:
            for row in db.execute(store._SELECT[table]).fetchall():
                block: Block = dict(zip(names, row, strict=True))
                old = block[key]
                if block["texts"] is not None:
                    size = len(block["n"]) // 4  # type: ignore[arg-type]
                    texts = store._texts(block["texts"], block["ends"], size, None)
                    block["texts"] = [list(c) for c in texts]
                for name in ints:
                    if block[name] is not None:
                        block[name] = list(store._unints(block[name]))
                change(block)
                if isinstance(block["texts"], list):
                    block["texts"], block["ends"] = store._packed(*block["texts"])
                columns = [
                    store._ints(v) if isinstance(v, list) else v
                    for v in (block[c] for c in names[1:-1])
                ]
                if crc:
                    named = crc if isinstance(crc, str) else table
                    block["crc"] = store._block_crc(named, block[key], columns)
                assignments = ", ".join(f"{c} = ?" for c in names)
                db.execute(
                    f"UPDATE {table} SET {assignments} WHERE {key} = ?",
                    (block[key], *columns, block["crc"], old),
                )
        db.close()

    return rewrite


def _raw_texts(
    change: Callable[[bytes, list[int]], tuple[object, object]],
) -> Callable[[Block], None]:
    """Change a row's `texts` as stored and its `ends`: `change(texts, ends)` gives both."""

    def changed(block: Block) -> None:
        texts = block["texts"]
        assert isinstance(texts, list)
        packed, ends = store._packed(*texts)
        assert packed is not None
        assert ends is not None
        block["texts"], block["ends"] = change(packed, list(store._unints(ends)))

    return changed


def _set(column: str, k: int | None, value: object) -> Callable[[Block], None]:
    """Set item `k` of a column (None: the whole column) to `value`."""

    def change(block: Block) -> None:
        if k is None:
            block[column] = value
        else:
            items = block[column]
            assert isinstance(items, list)
            items[k] = value

    return change


def _set_text(which: int, k: int, value: object) -> Callable[[Block], None]:
    """Set the `k`th summary (`which` 0), quote (1) or extra (2)."""

    def change(block: Block) -> None:
        texts = block["texts"]
        assert isinstance(texts, list)
        texts[which][k] = value

    return change


def _add_a_day_later(block: Block) -> None:
    """A copy of the first position of the issue, a day later, placed after the rest."""
    for name in ("n", "actor", "stance", "source", "day"):
        items = block[name]
        assert isinstance(items, list)
        items.append({"n": 99, "day": items[0] + 1}.get(name, items[0]))
    texts = block["texts"]
    assert isinstance(texts, list)
    for items in texts:
        items.append(items[0])


def _sql(statement: str) -> Callable[[Path], None]:
    def change(entry: Path) -> None:
        with sqlite3.connect(entry) as db:
            db.execute(statement)
        db.close()

    return change


DAMAGED_ROWS: dict[str, Callable[[Path], None]] = {
    "issue-row-deleted": _sql("DELETE FROM positions"),
    "position-added": _rewrite(_add_a_day_later, crc=True),
    "row-moved-to-another-issue": _rewrite(_set("issue", None, 1), crc=True),
    "summary-changed": _rewrite(_set_text(0, 0, "Wants it removed."), crc=False),
    "stance-changed": _rewrite(_set("stance", 0, -2), crc=False),
    "date-changed": _rewrite(_set("day", 0, 739_001), crc=False),
    "quote-added": _rewrite(_set_text(1, 0, "We never said so."), crc=False),
    "places-swapped": _rewrite(_set("n", None, [1, 0]), crc=False),
}


@pytest.mark.parametrize("how", ["select", "everything"])
@pytest.mark.parametrize("change", DAMAGED_ROWS.values(), ids=DAMAGED_ROWS.keys())
def test_a_damaged_row_is_never_shown(
    root: Path, data_file: Path, parses: list[str], change: Callable[[Path], None], how: str
) -> None:
    """A row is checked when it is read: one that is not as written makes the look-up
    parse the data file instead, and the entry goes so that the next run rebuilds it."""
    expected = load(data_file, root)
    (entry,) = entries(root)
    change(entry)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        assert stored._db is not None  # the catalog is intact: the entry is used
        if how == "select":
            assert stored.select(issues={"border"}) == expected.select(issues={"border"})
        else:
            assert stored.everything() == expected
    assert parses == ["talks.yaml", "talks.yaml"]
    assert entries(root) == []
    assert load(data_file, root) == expected


def _by_actor(change: Callable[[Block], None], crc: bool | str) -> Callable[[Path], None]:
    return _rewrite(change, crc, table="by_actor")


#: The by_actor table's rows, damaged or forged: an actor's look-up reads them alone.
BAD_ACTOR_ROWS: dict[str, Callable[[Path], None]] = {
    "actor-rows-deleted": _sql("DELETE FROM by_actor"),
    "summary-changed": _by_actor(_set_text(0, 0, "Wants it removed."), crc=False),
    "stance-changed": _by_actor(_set("stance", 0, -2), crc=False),
    "quote-added": _by_actor(_set_text(1, 0, "We never said so."), crc=False),
    "row-of-another-table": _by_actor(lambda b: None, crc="positions"),
    "actor-out-of-range": _by_actor(_set("actor", None, 7), crc=True),
    "issue-out-of-range": _by_actor(_set("issue", 0, 7), crc=True),
    "negative-issue": _by_actor(_set("issue", 0, -1), crc=True),
    "a-place-out-of-range": _by_actor(_set("n", 0, 99), crc=True),
    "ends-past-the-texts": _by_actor(_raw_texts(lambda t, e: (t, [*e[:-1], e[-1] + 1])), crc=True),
    "texts-not-utf-8": _by_actor(_raw_texts(lambda t, e: (b"\xff" * len(t), e)), crc=True),
}


@pytest.mark.parametrize("issues", [None, {"border"}], ids=["all-issues", "one-issue"])
@pytest.mark.parametrize("change", BAD_ACTOR_ROWS.values(), ids=BAD_ACTOR_ROWS.keys())
def test_a_bad_row_of_an_actor_is_never_shown(
    root: Path,
    data_file: Path,
    parses: list[str],
    change: Callable[[Path], None],
    issues: set[str] | None,
) -> None:
    expected = load(data_file, root)
    (entry,) = entries(root)
    change(entry)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        assert stored._db is not None
        found = stored.select(actors={"north", "south"}, issues=issues)
        assert found == expected.select(actors={"north", "south"}, issues=issues)
    assert parses == ["talks.yaml", "talks.yaml"]
    assert entries(root) == []


def test_a_forged_end_is_refused_by_a_look_up_of_actors_on_issues(
    tmp_path: Path, parses: list[str]
) -> None:
    """Ends that do not follow one another are refused for any read, not only where
    every text is decoded: the third summary's end set to the last one (its CRC made
    to match) would read the rest of the row's texts as that summary (an outside
    review found it shown by `history A --issue X`)."""
    path = tmp_path / "talks.yaml"
    path.write_text(
        VALID.replace(
            "issues:\n",
            "issues:\n  sea: {title: Sea, question: Should the sea be shared?}\n",
        )
        + "  - {actor: north, issue: sea, stance: oppose, summary: Keeps it., source: wire, "
        "date: 2025-01-05}\n",
        encoding="utf-8",
    )
    root = tmp_path / "cache"
    expected = load(path, root)
    (entry,) = entries(root)

    def spanning(texts: bytes, ends: list[int]) -> tuple[object, object]:
        return texts, [*ends[:2], ends[-1], *ends[3:]]

    _by_actor(_raw_texts(spanning), crc=True)(entry)
    with store.open_data(path, "talks.yaml", root) as stored:
        assert stored._db is not None
        # North's third position in its row, the one on the sea: only it is decoded.
        chosen = {"actors": {"north"}, "issues": {"sea"}}
        assert stored.select(**chosen) == expected.select(**chosen)
    assert parses == ["talks.yaml", "talks.yaml"]
    assert entries(root) == []


def test_an_entry_many_times_its_files_size_is_kept(tmp_path: Path, parses: list[str]) -> None:
    """A hundred sources cited by each position make an entry 4-5 times the data file;
    it is kept and read (a bound on the entry from the file's own size refused it, and
    every run wrote it again and threw it away)."""
    sources = "".join(f"  s{n}: {{name: Source {n}}}\n" for n in range(100))
    cited = ", ".join(f"{{source: s{n}}}" for n in range(100))
    positions = "".join(
        f"  - {{actor: a, issue: i{n}, stance: support, summary: S, evidence: [{cited}], "
        f"date: 2025-01-01}}\n"
        for n in range(400)
    )
    issues = "".join(f"  i{n}: {{title: I{n}, question: Q{n}?}}\n" for n in range(400))
    path = tmp_path / "cited.yaml"
    path.write_text(
        f"format: 2\ntitle: T\nsources:\n{sources}actors:\n  a: {{name: A}}\n"
        f"issues:\n{issues}positions:\n{positions}",
        encoding="utf-8",
    )
    root = tmp_path / "cache"
    first = load(path, root)
    (entry,) = entries(root)
    assert entry.stat().st_size > 3 * path.stat().st_size + (1 << 20)
    assert load(path, root) == first
    assert parses == ["cited.yaml"]  # the second load read the entry


def test_an_entry_whose_size_its_header_does_not_give_is_a_miss_never_opened(
    root: Path, data_file: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry with bytes after the database it holds (or fewer): not a whole SQLite
    file, so sqlite3 never opens it; the next write replaces it."""
    load(data_file, root)
    (entry,) = entries(root)
    entry.write_bytes(entry.read_bytes() + bytes(4096))
    opened: list[str] = []
    real = sqlite3.connect

    def spy(where: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(str(where))
        return real(where, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(sqlite3, "connect", spy)
    assert load(data_file, root) == parsed(data_file)
    assert [o for o in opened if entry.name in o and ".tmp" not in o] == []
    assert parses == ["talks.yaml", "talks.yaml"]
    assert load(data_file, root) == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]  # the entry written again is read


#: Rows forged with a matching checksum but values no row of ours holds. (A forgery of
#: valid values is not damage; who may write the store is docs/security.md's business.)
FORGED_ROWS: dict[str, Callable[[Path], None]] = {
    "negative-actor": _rewrite(_set("actor", 0, -1), crc=True),
    "actor-out-of-range": _rewrite(_set("actor", 0, 2), crc=True),
    "issue-out-of-range": _rewrite(_set("issue", None, 7), crc=True),
    "negative-issue": _rewrite(_set("issue", None, -1), crc=True),
    "unknown-stance": _rewrite(_set("stance", 0, 9), crc=True),
    "negative-source": _rewrite(_set("source", 0, -1), crc=True),
    "texts-not-utf-8": _rewrite(_raw_texts(lambda t, e: (b"\xff" * len(t), e)), crc=True),
    "texts-as-text": _rewrite(_raw_texts(lambda t, e: (t.decode(), e)), crc=True),
    "texts-without-ends": _rewrite(_raw_texts(lambda t, e: (t, None)), crc=True),
    "ends-without-texts": _rewrite(_raw_texts(lambda t, e: (None, e)), crc=True),
    "ends-past-the-texts": _rewrite(_raw_texts(lambda t, e: (t, [*e[:-1], e[-1] + 1])), crc=True),
    "ends-short-of-the-texts": _rewrite(_raw_texts(lambda t, e: (t[:-1] + t, e)), crc=True),
    "ends-going-back": _rewrite(_raw_texts(lambda t, e: (t, [e[1], e[0], *e[2:]])), crc=True),
    "an-end-negative": _rewrite(_raw_texts(lambda t, e: (t, [-1, *e[1:]])), crc=True),
    "ends-too-few": _rewrite(_raw_texts(lambda t, e: (t, e[:-1])), crc=True),
    "texts-too-short": _rewrite(_set("texts", None, [["x"], [None], [None]]), crc=True),
    "extra-not-ours": _rewrite(_set_text(2, 0, "[1]"), crc=True),
    "day-out-of-range": _rewrite(_set("day", 0, -5), crc=True),
    "actor-as-text": _rewrite(_set("actor", None, "north"), crc=True),
    "a-column-of-odd-length": _rewrite(_set("stance", None, b"\x01\x02\x03"), crc=True),
    "columns-of-unequal-length": _rewrite(_set("day", None, [739_000]), crc=True),
    "a-place-twice": _rewrite(_set("n", None, [0, 0]), crc=True),
    "a-place-out-of-range": _rewrite(_set("n", None, [0, 2]), crc=True),
    "places-out-of-order": _rewrite(_set("n", None, [1, 0]), crc=True),
}


@pytest.mark.parametrize("change", FORGED_ROWS.values(), ids=FORGED_ROWS.keys())
def test_a_forged_row_is_refused_never_a_crash(
    root: Path, data_file: Path, parses: list[str], change: Callable[[Path], None]
) -> None:
    expected = load(data_file, root)
    (entry,) = entries(root)
    change(entry)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        assert stored.everything() == expected
    assert parses == ["talks.yaml", "talks.yaml"]
    assert entries(root) == []


def test_a_forged_row_of_valid_values_is_read_as_written(
    root: Path, data_file: Path, parses: list[str]
) -> None:
    """What proves that the forgeries above are refused for their values, not for a
    checksum that does not match: the same rewrite with a valid value is read."""
    expected = load(data_file, root)
    (entry,) = entries(root)
    _rewrite(_set_text(0, 0, "Forged."), crc=True)(entry)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        found = stored.everything()
    assert [p.summary for p in found.positions] == ["Forged.", "Changed its mind."]
    assert found.positions[1:] == expected.positions[1:]
    assert parses == ["talks.yaml"]


def test_a_file_changed_after_its_damaged_entry_was_opened_is_one_clear_error(
    root: Path, data_file: Path
) -> None:
    load(data_file, root)
    (entry,) = entries(root)
    _rewrite(_set_text(0, 0, "x"), crc=False)(entry)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        data_file.write_text(VALID.replace("south: {name: South}", "east: {name: East}"))
        with pytest.raises(PositionsError) as info:
            stored.select(issues={"border"})
    assert str(info.value) == "talks.yaml changed while it was read; run the command again"


# -- look-ups of a part -------------------------------------------------------------------


SELECTIONS = {
    "one-issue": (None, {"border"}),
    "two-actors": ({"north", "south"}, None),
    "actor-and-issue": ({"north"}, {"border"}),
    "unknown-ids": ({"nobody"}, None),
    "everything": (None, None),
}


@pytest.mark.parametrize("how", ["miss", "hit", "no-store"])
@pytest.mark.parametrize("selection", SELECTIONS.values(), ids=SELECTIONS.keys())
def test_a_selection_holds_exactly_the_chosen_positions(
    root: Path,
    data_file: Path,
    how: str,
    selection: tuple[set[str] | None, set[str] | None],
) -> None:
    actors, issues = selection
    if how == "hit":
        load(data_file, root)
    with store.open_data(data_file, "talks.yaml", None if how == "no-store" else root) as stored:
        full = parsed(data_file)
        part = stored.select(actors, issues)
        assert part == full.select(actors, issues)
        assert part.positions == tuple(
            p
            for p in full.positions
            if (actors is None or p.actor in actors) and (issues is None or p.issue in issues)
        )
        assert stored.catalog.actors == full.actors
        assert stored.everything() == full


@pytest.mark.parametrize("path", [DEFAULT, DATA / "trade.yaml"], ids=["default", "trade"])
def test_every_issue_and_every_pair_selects_the_same_from_an_entry(root: Path, path: Path) -> None:
    load(path, root)
    full = parsed(path)
    with store.open_data(path, path.name, root) as stored:
        assert stored._db is not None
        for issue in full.issues:
            assert stored.select(issues={issue}) == full.select(issues={issue})
        for a in full.actors:
            for b in full.actors:
                assert stored.select(actors={a, b}) == full.select(actors={a, b})


@pytest.mark.parametrize("many", [1, 3, 5, 7])
def test_a_look_up_of_a_few_or_of_many_actors_selects_the_same(
    root: Path, parses: list[str], many: int
) -> None:
    """Up to four actors are found by the array's own search, more one position at a
    time (store._kept): both give every position of theirs, repeated ones too."""
    path = DATA / "trade2.yaml"
    load(path, root)
    full = parsed(path)
    # An actor with several positions on one issue, and others.
    (again,) = {a for (a, _), history in full.histories.items() if len(history) > 1}
    chosen = {again, *[a for a in full.actors if a != again][: many - 1]}
    with store.open_data(path, path.name, root) as stored:
        assert stored._db is not None
        assert stored.select(actors=chosen) == full.select(actors=chosen)
    assert parses == ["trade2.yaml"]  # read from the entry, not parsed again


def test_a_look_up_reads_only_its_own_rows(root: Path, data_file: Path) -> None:
    """The query behind a selection of issues searches the positions table by its
    key, one of actors the by_actor table by its: each reads only its own rows."""
    load(data_file, root)
    queries: list[str] = []
    with store.open_data(data_file, "talks.yaml", root) as stored:
        assert stored._db is not None
        stored._db.set_trace_callback(queries.append)
        stored.select(issues={"border"})
        stored.select(actors={"north", "south"})
        stored._db.set_trace_callback(None)
        plans = [
            row[-1]
            for query in queries
            if query.startswith("SELECT")
            for row in stored._db.execute(f"EXPLAIN QUERY PLAN {query}")
        ]
    assert [p for p in plans if p.startswith(("SEARCH", "SCAN"))] == [
        "SEARCH positions USING INTEGER PRIMARY KEY (rowid=?)",
        "SEARCH by_actor USING INTEGER PRIMARY KEY (rowid=?)",
    ]


# -- a store that cannot be used is no store ------------------------------------------------


def test_an_unwritable_directory_only_means_no_store(tmp_path: Path, data_file: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert load(data_file, locked) == parsed(data_file)
        assert load(data_file, locked) == parsed(data_file)
        if os.geteuid() != 0:  # root writes through chmod; the tests below simulate it
            assert entries(locked) == []
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("target", ["mkstemp", "replace", "mkdir", "connect"])
def test_a_failing_write_leaves_no_file_behind(
    root: Path,
    data_file: Path,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    def no_database(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    if target == "connect":
        monkeypatch.setattr(sqlite3, "connect", no_database)
    else:
        owner = {"mkstemp": tempfile, "replace": os, "mkdir": Path}[target]
        monkeypatch.setattr(owner, target, refuse)
    assert load(data_file, root) == parsed(data_file)
    assert load(data_file, root) == parsed(data_file)
    assert [p for p in entries(root) if p.is_file()] == []
    assert parses == ["talks.yaml", "talks.yaml"]


def test_an_entry_that_cannot_be_read_is_a_miss(
    root: Path, data_file: Path, parses: list[str]
) -> None:
    load(data_file, root)
    (entry,) = entries(root)
    entry.unlink()
    entry.mkdir()  # reading it fails, and so does replacing it
    assert load(data_file, root) == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]
    assert [p.name for p in root.iterdir()] == [entry.name]  # no temporary file left


def test_no_store_neither_reads_nor_writes(root: Path, data_file: Path, parses: list[str]) -> None:
    assert load(data_file, None) == parsed(data_file)
    assert not root.exists()
    load(data_file, root)
    load(data_file, None)
    assert parses == ["talks.yaml", "talks.yaml", "talks.yaml"]


def test_a_broken_file_is_reported_as_the_loader_does_and_not_stored(
    root: Path, data_file: Path
) -> None:
    data_file.write_text(VALID.replace("stance: support", "stance: suport"), encoding="utf-8")
    with pytest.raises(DataError) as stored:
        store.load(data_file, "talks.yaml", root)
    with pytest.raises(DataError) as direct:
        loader.load(data_file, "talks.yaml")
    assert str(stored.value) == str(direct.value)
    assert "talks.yaml:15:13: unknown stance 'suport'" in str(stored.value)
    assert entries(root) == []


@pytest.mark.parametrize("case", ["missing", "directory", "too-large"])
def test_file_errors_are_the_loaders(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    path = tmp_path / "data.yaml"
    if case == "directory":
        path.mkdir()
    elif case == "too-large":
        path.write_text(VALID, encoding="utf-8")
        monkeypatch.setattr(datafile, "MAX_FILE_BYTES", 100)
    with pytest.raises(PositionsError) as stored:
        store.load(path, "data.yaml", root)
    with pytest.raises(PositionsError) as direct:
        loader.load(path, "data.yaml")
    assert str(stored.value) == str(direct.value)
    expected = {
        "missing": "data.yaml: no such data file; check the path",
        "directory": "data.yaml: is a directory; give the path of a data file",
        "too-large": f"data.yaml: data file is {len(VALID):,} bytes; the limit is 100 bytes; "
        "keep a part of the data in this file: a period, or a set of issues",
    }[case]
    assert str(stored.value) == expected


def test_a_file_larger_than_its_size_said_is_refused_as_the_loader_does(
    root: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipe, a device or a growing file: the bytes read count, not the size stat gave."""
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, 0, 0, 0)))
    monkeypatch.setattr(datafile, "MAX_FILE_BYTES", 100)
    with pytest.raises(PositionsError) as stored:
        store.load(data_file, "talks.yaml", root)
    with pytest.raises(PositionsError) as direct:
        loader.load(data_file, "talks.yaml")
    assert (
        str(stored.value)
        == str(direct.value)
        == (
            "talks.yaml: data file is larger than the limit of 100 bytes; "
            "keep a part of the data in this file: a period, or a set of issues"
        )
    )


def test_an_unreadable_file_is_the_loaders_message(
    root: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(PositionsError) as info:
        store.load(data_file, "talks.yaml", root)
    assert str(info.value) == "talks.yaml: permission denied; make the file readable"


def test_a_hit_imports_neither_the_yaml_parser_nor_hashlib(root: Path, data_file: Path) -> None:
    """The point of the store for small files too: a hit skips importing PyYAML (and,
    for a small file, OpenSSL's hashlib)."""
    code = (
        "import sys; from pathlib import Path; from positions import store; "
        f"store.load(Path({str(data_file)!r}), 'talks.yaml', Path({str(root)!r})); "
        "print('yaml' in sys.modules, 'hashlib' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs == ["True False\n", "False False\n"]


# -- the content check -------------------------------------------------------------------------


def test_a_file_rewritten_with_the_same_bytes_is_parsed_again(
    root: Path, data_file: Path, parses: list[str]
) -> None:
    """Any write changes the file's ctime, which the key holds: a re-parse, never stale."""
    load(data_file, root)
    data_file.write_bytes(data_file.read_bytes())
    assert load(data_file, root) == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]


def test_an_edit_between_hashing_and_parsing_is_filed_under_what_was_parsed(
    root: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A miss parses the bytes it reads then; they are the entry's key, not the digest
    taken a moment before, so the old text never gets the new text's model."""
    new_text = VALID.replace("Wants it moved.", "Wants it mooed.")
    stat = data_file.stat()
    real_read = datafile.read
    edits: list[Path] = []

    def read_after_an_edit(path: Path, name: str) -> tuple[bytes, os.stat_result]:
        if not edits:
            path.write_text(new_text, encoding="utf-8")
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            edits.append(path)
        return real_read(path, name)

    monkeypatch.setattr(datafile, "read", read_after_an_edit)
    assert load(data_file, root).positions[0].summary == "Wants it mooed."
    data_file.write_text(VALID, encoding="utf-8")  # same size, same mtime: the old file
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load(data_file, root).positions[0].summary == "Wants it moved."


# -- what is not a regular file -----------------------------------------------------------------


def test_a_fifo_is_read_once_parsed_and_not_stored(
    root: Path, tmp_path: Path, parses: list[str]
) -> None:
    fifo = tmp_path / "talks.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(VALID,), kwargs={"encoding": "utf-8"})
    writer.start()
    try:
        dataset = store.load(fifo, "talks.fifo", root)
    finally:
        writer.join(timeout=10)
    assert dataset == PARSE(VALID.encode(), "talks.fifo")
    assert parses == ["talks.fifo"]
    assert entries(root) == []


def test_data_from_standard_input(root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "positions", "show", "donbas", "--data", "/dev/stdin"],
        input=DEFAULT.read_bytes(),
        env={**os.environ, "POSITIONS_CACHE_DIR": str(root), "COLUMNS": "80"},
        capture_output=True,
        check=False,
    )
    direct = subprocess.run(
        [sys.executable, "-m", "positions", "show", "donbas", "--no-cache"],
        env={**os.environ, "COLUMNS": "80"},
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == direct.stdout
    assert entries(root) == []


def test_a_symlink_loop_is_the_loaders_message(root: Path, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(PositionsError) as stored:
        store.load(tmp_path / "a.yaml", "a.yaml", root)
    with pytest.raises(PositionsError) as direct:
        loader.load(tmp_path / "a.yaml", "a.yaml")
    assert str(stored.value) == str(direct.value)
    assert str(stored.value) == "a.yaml: cannot read data file: Too many levels of symbolic links"


def test_the_row_checksum_covers_every_part() -> None:
    """A change to the table, to the issue's or actor's number, to any byte of a
    column, to where one column ends and the next begins, or to a column's being
    there, is a change of the CRC."""
    texts, ends = store._packed(["a", "bc"], [None, "d"], [None, None])
    assert texts is not None
    assert ends is not None
    ns, who = store._ints([0, 1]), store._ints([1, 1])
    blobs: list[object] = [ns, who, b"\x02\x00\x00\x00" * 2, texts, ends]
    row: tuple[str, object, list[object]] = ("positions", 3, blobs)
    changed: list[tuple[str, object, list[object]]] = [
        ("by_actor", 3, blobs),
        ("positions", 4, blobs),
    ]
    changed += [
        ("positions", *r)
        for r in (
            (3, [*blobs[:3], None, None]),
            (3, [*blobs[:3], texts, None]),
            (3, [*blobs[:3], None, ends]),
            (3, [ns + who[:4], who[4:], *blobs[2:]]),
            (3, [blobs[0], blobs[2], blobs[1], *blobs[3:]]),
            (3, [*blobs[:2], "text", *blobs[3:]]),
            (3, [*blobs[:3], texts + ends[:4], ends[4:]]),
        )
    ]
    for column in range(len(blobs)):
        blob = blobs[column]
        assert isinstance(blob, bytes)
        for k in range(len(blob)):
            flipped = bytearray(blob)
            flipped[k] ^= 1
            changed.append(
                ("positions", 3, [*blobs[:column], bytes(flipped), *blobs[column + 1 :]])
            )
    crcs = {store._block_crc(*r) for r in changed}
    assert len(crcs) == len(changed)
    assert store._block_crc(*row) not in crcs


def _table_bytes(entry: Path, table: str) -> range:
    """The bytes of a table's root page in the entry's file."""
    with sqlite3.connect(entry) as db:
        (root,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        (size,) = db.execute("PRAGMA page_size").fetchone()
    db.close()
    return range((root - 1) * size, root * size)


@pytest.mark.parametrize("by", ["issue", "actor"])
def test_damage_to_the_positions_table_is_never_a_wrong_answer(
    root: Path, by: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every byte of the table a look-up reads (`positions` for issues, `by_actor`
    for actors) flipped in turn: each selection is the right one or a miss (a review
    flipped one bit of an index page, when rows were found through one, and lost
    three positions)."""
    path = DATA / "trade.yaml"
    full = parsed(path)
    load(path, root)
    (entry,) = entries(root)
    good = entry.read_bytes()
    choices = (
        [{"tariffs"}, {"quotas", "standards"}] if by == "issue" else [{"eu"}, {"egypt", "greece"}]
    )
    for offset in _table_bytes(entry, "positions" if by == "issue" else "by_actor"):
        if good[offset] == 0:
            continue
        entry.write_bytes(good[:offset] + bytes([good[offset] ^ 0x01]) + good[offset + 1 :])
        for chosen in choices:
            kwargs = {"issues": chosen} if by == "issue" else {"actors": chosen}
            with store.open_data(path, path.name, root) as stored:
                assert stored.select(**kwargs) == full.select(**kwargs), offset
            if not entry.exists():  # found damaged and removed: put it back for the next byte
                entry.write_bytes(good)


_FIFO_ENTRY = """\
import os, sys
from pathlib import Path
from positions import store
path, root = Path(sys.argv[1]), Path(sys.argv[2])
store.load(path, path.name, root)
(entry,) = root.iterdir()
entry.unlink()
os.mkfifo(entry)
print(len(store.load(path, path.name, root).positions))
"""


def test_an_entry_that_is_a_fifo_is_a_miss_not_a_hang(root: Path, data_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _FIFO_ENTRY, str(data_file), str(root)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert done.stdout == "2\n"


def test_a_closed_stored_says_so(root: Path, data_file: Path) -> None:
    load(data_file, root)
    stored = store.open_data(data_file, "talks.yaml", root)
    stored.close()
    with pytest.raises(ValueError, match="this Stored is closed"):
        stored.select(issues={"border"})


# -- a store no one else can plant (issue 14) -------------------------------------------------


def _forge(entry: Path) -> None:
    """What another user could write: a valid entry whose every row says something else."""

    def forged(block: Block) -> None:
        texts = block["texts"]
        assert isinstance(texts, list)
        texts[0] = ["Forged."] * len(texts[0])

    _rewrite(forged, crc=True)(entry)


def test_a_forged_entry_is_read_where_it_is_ours(root: Path, data_file: Path) -> None:
    """What the tests of directories and entries that are not ours refuse is a valid entry."""
    load(data_file, root)
    _forge(entries(root)[0])
    assert _summaries(load(data_file, root)) == ["Forged.", "Forged."]


def _summaries(ds: Dataset) -> list[str]:
    return [p.summary for p in ds.positions]


OTHER_OWNER = (
    "it belongs to another user; remove it, or set POSITIONS_CACHE_DIR to a directory of your own"
)
WRITABLE = (
    "other users can write to it; make it private (chmod go-w), or set POSITIONS_CACHE_DIR "
    "to a directory of your own"
)


WHY = {
    "another-owner": OTHER_OWNER,
    "group-writable": WRITABLE,
    "others-writable": WRITABLE,
    "a-symlink": "it is a symbolic link; set POSITIONS_CACHE_DIR to a directory",
}


@pytest.mark.parametrize("how", WHY)
def test_a_directory_that_is_not_ours_alone_is_not_used(
    root: Path,
    data_file: Path,
    tmp_path: Path,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    why = WHY[how]
    load(data_file, root)
    (entry,) = entries(root)
    _forge(entry)
    forged = entry.read_bytes()
    where = root
    if how == "another-owner":
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)
    elif how == "a-symlink":
        where = tmp_path / "link"
        where.symlink_to(root)
    else:
        root.chmod(0o770 if how == "group-writable" else 0o702)
    with pytest.warns(store.CacheWarning) as caught:
        assert _summaries(load(data_file, where)) == _summaries(parsed(data_file))
    assert [str(w.message) for w in caught] == [f"not using the cache directory {where}: {why}"]
    assert parses == ["talks.yaml", "talks.yaml"]
    assert entries(root) == [entry]
    assert entry.read_bytes() == forged  # neither read nor written


def test_the_warning_is_one_line_and_the_command_works_on(root: Path, data_file: Path) -> None:
    load(data_file, root)
    _forge(entries(root)[0])
    root.chmod(0o777)
    args = [sys.executable, "-m", "positions", "show", "border", "--data", str(data_file)]
    env = {**os.environ, "POSITIONS_CACHE_DIR": str(root), "COLUMNS": "80"}
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    direct = subprocess.run(
        [*args, "--no-cache"], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (
        0,
        f"warning: not using the cache directory {root}: {WRITABLE}\n",
    )
    assert done.stdout == direct.stdout
    assert "Forged" not in done.stdout
    assert "Changed its mind." in done.stdout


def test_a_new_directory_is_private(root: Path, data_file: Path) -> None:
    old = os.umask(0)
    try:
        load(data_file, root / "deeper")
    finally:
        os.umask(old)
    assert (root / "deeper").stat().st_mode & 0o777 == 0o700
    assert [e.stat().st_mode & 0o777 for e in entries(root / "deeper")] == [0o600]


@pytest.mark.parametrize("how", ["group-writable", "another-owner"])
def test_an_entry_that_is_not_ours_alone_is_a_miss_and_replaced(
    root: Path, data_file: Path, parses: list[str], how: str
) -> None:
    load(data_file, root)
    (entry,) = entries(root)
    _forge(entry)
    if how == "group-writable":
        entry.chmod(0o620)
    elif os.geteuid() == 0:
        os.chown(entry, 65534, 65534)
    else:
        pytest.skip("needs root to give a file away")
    assert _summaries(load(data_file, root)) == _summaries(parsed(data_file))
    assert _summaries(load(data_file, root)) == _summaries(parsed(data_file))
    assert parses == ["talks.yaml", "talks.yaml"]  # replaced by an entry of ours, then used
    assert entry.stat().st_uid == os.geteuid()
    assert entry.stat().st_mode & 0o777 == 0o600


def test_a_directory_swapped_after_its_check_is_never_read_or_written(
    root: Path, data_file: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever can write the directory's parent can swap another directory in under
    its path between the check and sqlite3's open (which goes by path)."""
    load(data_file, root)
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    (entry,) = entries(root)
    planted = theirs / entry.name
    planted.write_bytes(entry.read_bytes())
    _forge(planted)
    forged = planted.read_bytes()
    real = sqlite3.connect

    def swap_then_connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        if not (tmp_path / "ours").exists():
            root.rename(tmp_path / "ours")
            theirs.rename(root)
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(sqlite3, "connect", swap_then_connect)
    assert _summaries(load(data_file, root)) == _summaries(parsed(data_file))
    assert parses == ["talks.yaml", "talks.yaml"]
    assert sorted(p.name for p in root.iterdir()) == [entry.name]  # no temporary file left
    assert (root / entry.name).read_bytes() == forged


def test_descriptors_that_cannot_be_listed_still_check_the_path(
    root: Path, data_file: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "_DESCRIPTORS", "/no/such/place")
    load(data_file, root)
    with store.open_data(data_file, "talks.yaml", root) as stored:
        assert stored._db is not None
    assert parses == ["talks.yaml"]


# -- an entry that is not a regular file --------------------------------------------------------


def _link_to(target: Callable[[Path, Path], Path]) -> Callable[[Path, Path], None]:
    def plant(entry: Path, elsewhere: Path) -> None:
        to = target(entry, elsewhere)
        entry.unlink()
        entry.symlink_to(to)

    return plant


def _valid_copy(entry: Path, elsewhere: Path) -> Path:
    copy = elsewhere / "copy.sqlite"
    copy.write_bytes(entry.read_bytes())
    return copy


def _fifo(entry: Path, elsewhere: Path) -> Path:
    os.mkfifo(elsewhere / "fifo")
    return elsewhere / "fifo"


def _sparse(entry: Path, elsewhere: Path) -> None:
    """The entry itself, made 10 GB long by a hole, with a page count to match."""
    blob = bytearray(entry.read_bytes())
    size = 10 * 1024**3
    blob[28:32] = (size // int.from_bytes(blob[16:18], "big")).to_bytes(4, "big")
    entry.write_bytes(bytes(blob))
    os.truncate(entry, size)


NOT_REGULAR: dict[str, Callable[[Path, Path], None]] = {
    "link-to-a-valid-entry": _link_to(_valid_copy),
    "link-to-dev-zero": _link_to(lambda entry, elsewhere: Path("/dev/zero")),
    "link-to-a-fifo": _link_to(_fifo),
    "huge-sparse-file": _sparse,
}


@pytest.mark.parametrize("plant", NOT_REGULAR.values(), ids=NOT_REGULAR.keys())
def test_an_entry_that_is_not_a_regular_file_is_a_miss_never_read(
    root: Path,
    data_file: Path,
    tmp_path: Path,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
    plant: Callable[[Path, Path], None],
) -> None:
    load(data_file, root)
    (entry,) = entries(root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    plant(entry, elsewhere)
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir() if p.is_file()}
    real = sqlite3.connect
    opened: list[str] = []

    def spy(where: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(str(where))
        return real(where, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(sqlite3, "connect", spy)
    assert load(data_file, root) == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]
    assert [o for o in opened if entry.name in o and ".tmp" not in o] == []  # never opened
    # Replaced by a regular file: nothing written through the link.
    assert not entry.is_symlink()
    assert entry.stat().st_size < 1024**2
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir() if p.is_file()} == before
    assert load(data_file, root) == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]


def test_a_write_sweeps_only_stale_temporary_files_of_ours(
    root: Path, data_file: Path, tmp_path: Path
) -> None:
    root.mkdir(mode=0o700)
    name = "." + "0" * 32 + ".sqlite.{}.tmp"
    stale, fresh = root / name.format("abc_1234"), root / name.format("fresh_12")
    other = root / ".notes.txt.abc_1234.tmp"  # not an entry's temporary file
    folder, link = root / name.format("folder12"), root / name.format("link1234")
    for path in (stale, fresh, other):
        path.write_bytes(b"half an entry")
    folder.mkdir()
    link.symlink_to(data_file)
    old = time.time() - store.STALE_AFTER - 60
    for path in (stale, other, folder, link):
        os.utime(path, (old, old), follow_symlinks=False)
    load(data_file, root)
    left = {p.name for p in root.iterdir()}
    assert left == {fresh.name, other.name, folder.name, link.name} | {
        p.name for p in root.glob("*.sqlite")
    }
    assert len(left) == 5
    assert data_file.read_text(encoding="utf-8") == VALID


def test_a_temporary_file_is_named_as_the_sweep_expects(root: Path) -> None:
    root.mkdir()
    entry = store.entry_path(root, "/some/data.yaml")
    with Replacement(entry) as replacement:
        name = replacement.path.name
    assert re.fullmatch(r"\.[0-9a-f]{32}\.sqlite\.[a-z0-9_]{8}\.tmp", name)


# --- format 2: every field round-trips ---------------------------------------------------------

# Text as a data file may hold it, written as a double-quoted YAML value (JSON's escapes are
# YAML's): any character YAML allows, but surrogates, and controls but tab and line feed.
_CHARS = st.characters(
    blacklist_categories=("Cs", "Cn", "Co"),
    blacklist_characters="\ufeff\x85",
    max_codepoint=0x2FFFF,
).filter(lambda c: c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0))
_TEXT = st.text(_CHARS, min_size=1, max_size=12).filter(str.strip)
_DAY = st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31))
_NUMBER = st.decimals(0, 1, places=6).map(lambda d: format(d, "f"))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def format_2_files(draw: st.DrawFn) -> str:
    """A valid format-2 file that may use every format-2 field, each drawn at random."""
    actors = [f"a{i}" for i in range(draw(st.integers(1, 4)))]
    issues = [f"i{i}" for i in range(draw(st.integers(2, 3)))]
    out = ["format: 2", f"title: {_q(draw(_TEXT))}", "sources:"]
    for s in ("s0", "s1"):
        fields = [f"name: {_q(draw(_TEXT))}"]
        if draw(st.booleans()):
            fields.append(f"url: https://example.org/{s}")
        if draw(st.booleans()):
            fields.append(f"file: texts/{s}.txt")
        out.append(f"  {s}: {{{', '.join(fields)}}}")
    out.append("actors:")
    for i, a in enumerate(actors):
        fields = [f"name: Actor {i}"]
        if draw(st.booleans()):
            fields.append(f"short: A{i}")
        if draw(st.booleans()):
            fields.append(f"capability: {draw(_NUMBER)}{draw(st.sampled_from(['', '0', '7']))}")
        if draw(st.booleans()):  # a window around every date drawn, open at one end or not
            ends = draw(
                st.sampled_from(
                    ["from: 2019-12-31", "until: 2026-01-01", "from: 2020-01-01, until: 2025-12-31"]
                )
            )
            fields.append(f"active: {{{ends}}}")
        out.append(f"  {a}: {{{', '.join(fields)}}}")
    out.append("issues:")
    for i, issue in enumerate(issues):
        tags = draw(st.lists(st.sampled_from(["x", "y-1", "z_2"]), unique=True, max_size=3))
        fields = [f"title: Issue {i}", f"question: {_q(draw(_TEXT))}"]
        if tags:
            fields.append(f"tags: [{', '.join(tags)}]")
        out.append(f"  {issue}: {{{', '.join(fields)}}}")
    if draw(st.booleans()):
        out.append("groups:")
        for g in range(draw(st.integers(1, 3))):  # each may name the groups before it
            pool = actors + [f"g{j}" for j in range(g)]
            members = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
            out.append(f"  g{g}: {{name: Group {g}, members: [{', '.join(members)}]}}")
    out.append("positions:")
    keys = draw(
        st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(issues), _DAY),
                 unique=True, max_size=6)
    )  # fmt: skip
    for actor, issue, date in keys:
        stance = draw(
            st.sampled_from(["strongly_oppose", "oppose", "neutral", "support", "strongly_support"])
        )
        out += [f"  - actor: {actor}", f"    issue: {issue}", f"    stance: {stance}",
                f"    summary: {_q(draw(_TEXT))}", f"    date: {date}"]  # fmt: skip
        if draw(st.booleans()):
            out.append("    evidence:")
            for _ in range(draw(st.integers(1, 3))):
                item = [f"source: {draw(st.sampled_from(['s0', 's1']))}"]
                if draw(st.booleans()):
                    item.append(f"quote: {_q(draw(_TEXT))}")
                if draw(st.booleans()):
                    item.append(f"speaker: {_q(draw(_TEXT))}")
                if draw(st.booleans()):
                    item.append("url: https://example.org/article")
                if draw(st.booleans()):
                    item.append(f"date: {draw(_DAY)}")
                out.append(f"      - {{{', '.join(item)}}}")
        else:
            out.append(f"    source: {draw(st.sampled_from(['s0', 's1']))}")
            if draw(st.booleans()):
                out.append(f"    quote: {_q(draw(_TEXT))}")
        basis = draw(st.sampled_from(["reported", "indirect", "inferred", None]))
        if basis is not None:
            out.append(f"    basis: {basis}")
        if basis in ("indirect", "inferred") or draw(st.booleans()):
            out.append(f"    note: {_q(draw(_TEXT))}")
        others = [i for i in issues if i != issue]
        conditions = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
        if conditions:
            out.append("    conditions:")
            for c in conditions:
                outcome = draw(st.sampled_from(["adopted", "rejected"]))
                out.append(f"      - {{issue: {c}, outcome: {outcome}}}")
        if draw(st.booleans()):
            out.append(f"    salience: {draw(_NUMBER)}")
        if draw(st.booleans()):
            red = stance != "neutral" and draw(st.booleans())
            out.append(f"    red_line: {'true' if red else 'false'}")
        if draw(st.booleans()):
            held = draw(
                st.sampled_from(["long-standing", None]) | st.dates(dt.date(2019, 1, 1), date)
            )
            out.append(f"    held_since: {held or date}")
    return "\n".join(out) + "\n"


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=format_2_files())
def test_the_store_keeps_every_format_2_field_exactly(tmp_path: Path, text: str) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as where:
        path, directory = Path(where) / "talks.yaml", Path(where) / "cache"
        path.write_text(text, encoding="utf-8")
        fresh = PARSE(path.read_bytes(), path.name)
        calls: list[str] = []

        def spy(
            data: bytes, filename: str, quotes: Path | None = None, base: Path | None = None
        ) -> tuple[Dataset, tuple[tuple[Path, int], ...]]:
            calls.append(filename)
            return PARSE_FILES(data, filename, quotes, base)

        with mock.patch.object(loader, "parse_files", spy):
            with store.open_data(path, path.name, directory) as missed:
                first = missed.everything()
            with store.open_data(path, path.name, directory) as hit:
                assert hit._db is not None  # read from its entry
                second = hit.everything()
                assert hit.catalog.groups == fresh.groups
                for actor in fresh.actors:
                    assert hit.select(actors={actor}) == fresh.select(actors={actor})
        assert calls == [path.name]  # parsed once: the miss; the hit read the entry
        assert first == second == fresh
        # Exactly: the same types and values, -0.0 and 0.0 told apart, dates, None.
        assert repr(second.positions) == repr(fresh.positions)
        assert repr(list(second.actors.values())) == repr(list(fresh.actors.values()))
        assert repr(list(second.issues.values())) == repr(list(fresh.issues.values()))
        assert repr(list(second.sources.values())) == repr(list(fresh.sources.values()))
        assert repr(list(second.groups.values())) == repr(list(fresh.groups.values()))


@pytest.mark.parametrize("alias", ["al\x1fpha", "a,b", '["x"]', "x\x1e\x1dy"])
def test_an_alias_holding_any_character_comes_back_from_the_store_as_written(
    tmp_path: Path, alias: str
) -> None:
    """Aliases and tags are one column each: a JSON list, so that no character they may
    hold (the loader escapes, never refuses, control characters) splits one in two."""
    path = tmp_path / "t.yaml"
    escaped = json.dumps(alias)
    path.write_text(
        "format: 2\ntitle: T\nsources: {s: {name: S}}\n"
        f"actors:\n  a: {{name: Alpha, aliases: [{escaped}]}}\n"
        f"issues: {{i: {{title: I, question: Q?, tags: [x-1]}}}}\npositions:\n"
        "  - {actor: a, issue: i, stance: support, summary: x, source: s, date: 2024-01-01}\n",
        encoding="utf-8",
    )
    fresh = parsed(path)
    for _ in range(2):  # a miss that writes the entry, then a hit that reads it
        with store.open_data(path, str(path), tmp_path / "cache") as stored:
            assert stored.catalog.actors["a"].aliases == (alias,)
            assert stored.everything() == fresh
