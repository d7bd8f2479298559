"""The cache of parsed data files: never a wrong answer, never in the way.

Every test points POSITIONS_CACHE_DIR at its own tmp_path, so none of them
reads or writes the real user cache.
"""

from __future__ import annotations

import marshal
import os
import pickle
import subprocess
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from positions import cache, datafile, loader
from positions.errors import DataError, PositionsError
from positions.model import Dataset

from .test_loader import VALID as LOADER_VALID

DATA = Path(__file__).parent / "data"
DEFAULT = datafile.default_path()
PARSE = loader.parse  # the real one: the `parses` fixture replaces loader.parse with a spy


def parsed(path: Path) -> Dataset:
    """What the loader makes of the file now, without counting as a parse."""
    return PARSE(path.read_bytes(), path.name)


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


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(root))
    return root


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "talks.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every call to loader.parse: an entry was used when none is made."""
    calls: list[str] = []
    real = loader.parse

    def spy(data: bytes | str, filename: str) -> Dataset:
        calls.append(filename)
        return real(data, filename)

    monkeypatch.setattr(loader, "parse", spy)
    return calls


def entries(root: Path) -> list[Path]:
    return sorted(root.glob("*")) if root.exists() else []


def test_a_second_load_comes_from_the_cache(
    cache_root: Path, data_file: Path, parses: list[str]
) -> None:
    first = cache.load(data_file, "talks.yaml")
    second = cache.load(data_file, "talks.yaml")
    assert parses == ["talks.yaml"]
    assert second == first == parsed(data_file)
    assert len(entries(cache_root)) == 1


@pytest.mark.parametrize("path", [DEFAULT, DATA / "trade.yaml"], ids=["default", "trade"])
def test_the_cached_model_equals_the_parsed_one(cache_root: Path, path: Path) -> None:
    cache.load(path, path.name)  # writes the entry
    cached = cache.load(path, path.name)
    parsed = loader.load(path)
    assert cached == parsed
    assert cached.histories == parsed.histories
    assert list(cached.actors.items()) == list(parsed.actors.items())
    assert list(cached.issues.items()) == list(parsed.issues.items())
    assert list(cached.sources.items()) == list(parsed.sources.items())


def test_any_change_to_the_file_is_seen_even_with_size_and_mtime_kept(
    cache_root: Path, data_file: Path, parses: list[str]
) -> None:
    before = cache.load(data_file, "talks.yaml")
    stat = data_file.stat()
    edited = VALID.replace("Wants it moved.", "Wants it mooed.")
    assert len(edited) == len(VALID)
    data_file.write_text(edited, encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (data_file.stat().st_size, data_file.stat().st_mtime_ns) == (
        stat.st_size,
        stat.st_mtime_ns,
    )
    after = cache.load(data_file, "talks.yaml")
    assert parses == ["talks.yaml", "talks.yaml"]
    assert before.positions[0].summary == "Wants it moved."
    assert after.positions[0].summary == "Wants it mooed."
    assert after == parsed(data_file)
    assert len(entries(cache_root)) == 1  # the stale entry was replaced, not kept


def test_a_new_tool_version_does_not_use_old_entries(
    cache_root: Path, data_file: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load(data_file, "talks.yaml")
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    assert cache.load(data_file, "talks.yaml") == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]
    cache.load(data_file, "talks.yaml")
    assert parses == ["talks.yaml", "talks.yaml"]  # the new version's entry is used


def test_a_new_cache_format_does_not_use_old_entries(
    cache_root: Path, data_file: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load(data_file, "talks.yaml")
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    cache.load(data_file, "talks.yaml")
    assert parses == ["talks.yaml", "talks.yaml"]


def test_an_entry_is_only_used_for_its_own_path(
    cache_root: Path, tmp_path: Path, parses: list[str]
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(VALID, encoding="utf-8")
    b.write_text(VALID.replace("Test talks", "Other talks"), encoding="utf-8")
    cache.load(a, "a.yaml")
    (entry,) = entries(cache_root)
    # Put a's entry where b's belongs: it must be refused, not read as b.
    entry.rename(cache.entry_path(str(b.resolve())))
    assert cache.load(b, "b.yaml").title == "Other talks"
    assert parses == ["a.yaml", "b.yaml"]


def _flip(offset_from_end: int) -> Callable[[bytes], bytes]:
    def damage(blob: bytes) -> bytes:
        i = len(blob) - offset_from_end
        return blob[:i] + bytes([blob[i] ^ 0x01]) + blob[i + 1 :]

    return damage


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda blob: b"",
    "truncated-in-header": lambda blob: blob[:10],
    "truncated-in-payload": lambda blob: blob[: len(blob) // 2],
    "last-byte-missing": lambda blob: blob[:-1],
    "byte-added": lambda blob: blob + b"\x00",
    "payload-byte-flipped": _flip(20),
    "key-byte-flipped": lambda blob: blob[:20] + bytes([blob[20] ^ 0x01]) + blob[21:],
    "wrong-magic": lambda blob: b"X" + blob[1:],
    "garbage": lambda blob: os.urandom(len(blob)),
    "not-ours": lambda blob: pickle.dumps({"format": 1}),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_corrupt_or_truncated_entry_is_rebuilt(
    cache_root: Path, data_file: Path, parses: list[str], damage: Callable[[bytes], bytes]
) -> None:
    expected = cache.load(data_file, "talks.yaml")
    (entry,) = entries(cache_root)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert cache.load(data_file, "talks.yaml") == expected
    assert parses == ["talks.yaml", "talks.yaml"]
    assert entry.read_bytes() == good  # rebuilt and written again
    assert cache.load(data_file, "talks.yaml") == expected
    assert parses == ["talks.yaml", "talks.yaml"]


def _forged(meta: object, records: bytes = b"") -> Callable[[bytes], bytes]:
    """An entry with the right magic, key, lengths and CRC around a body we did not write."""

    def forge(blob: bytes) -> bytes:
        magic, key, *_ = cache._HEADER.unpack_from(blob)
        meta_bytes = meta if isinstance(meta, bytes) else marshal.dumps(meta)
        body = meta_bytes + records
        header = cache._HEADER.pack(magic, key, zlib.crc32(body), len(meta_bytes), len(body))
        return header + body

    return forge


FORGED: dict[str, Callable[[bytes], bytes]] = {
    "pickle-of-a-class": _forged(pickle.dumps(Path("/"))),
    "code-object": _forged(compile("raise SystemExit(3)", "x", "exec")),
    "wrong-shape": _forged(("title", (), (), ())),
    "not-a-tuple": _forged({"format": 2}),
    "offsets-past-the-records": _forged(
        ("t", (), (), (), array("Q", [0, 99]).tobytes(), (), ()), b"\x00"
    ),
    "an-index-group-of-text": _forged(
        ("t", (), (("a", "A", ()),), (), array("Q", [0]).tobytes(), ("x",), ())
    ),
    "an-index-group-of-3-bytes": _forged(
        ("t", (), (("a", "A", ()),), (), array("Q", [0]).tobytes(), (b"abc",), ())
    ),
    "an-actor-name-that-is-a-number": _forged(
        ("t", (), (("a", 5, ()),), (), array("Q", [0]).tobytes(), (b"",), ())
    ),
    "aliases-that-are-text": _forged(
        ("t", (), (("a", "A", "abc"),), (), array("Q", [0]).tobytes(), (b"",), ())
    ),
    "an-issue-title-of-none": _forged(
        ("t", (), (), (("i", None, "Q?"),), array("Q", [0]).tobytes(), (), (b"",))
    ),
}


@pytest.mark.parametrize("forge", FORGED.values(), ids=FORGED.keys())
def test_an_entry_not_of_our_layout_is_rebuilt_never_run(
    cache_root: Path, data_file: Path, parses: list[str], forge: Callable[[bytes], bytes]
) -> None:
    """A body that passes the checks but is not what we write is a miss, not a crash."""
    cache.load(data_file, "talks.yaml")
    (entry,) = entries(cache_root)
    entry.write_bytes(forge(entry.read_bytes()))
    assert cache.load(data_file, "talks.yaml") == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]


FORGED_RECORDS = {
    "too-short": (1, 2),
    "a-negative-actor-index": (-1, 0, 2, "s", 0, 739000, None),
    "an-issue-index-out-of-range": (0, 5, 2, "s", 0, 739000, None),
    "a-summary-that-is-a-number": (0, 0, 2, 7, 0, 739000, None),
    "a-day-out-of-range": (0, 0, 2, "s", 0, -5, None),
}


@pytest.mark.parametrize("record", FORGED_RECORDS.values(), ids=FORGED_RECORDS.keys())
def test_a_forged_record_is_one_clear_error_and_the_entry_goes(
    cache_root: Path, data_file: Path, parses: list[str], record: tuple[object, ...]
) -> None:
    """Records are decoded when used: one that passed the checks but is not ours is
    refused in one message, and its entry removed so the next run parses afresh."""
    cache.load(data_file, "talks.yaml")
    (entry,) = entries(cache_root)
    records = marshal.dumps(record)
    meta = (
        "t",
        (("s", "S", None),),
        (("a", "A", ()),),
        (("i", "I", "Q?"),),
        array("Q", [0, len(records)]).tobytes(),
        (array("I", [0]).tobytes(),),
        (array("I", [0]).tobytes(),),
    )
    entry.write_bytes(_forged(meta, records)(entry.read_bytes()))
    stored = cache.open_data(data_file, "talks.yaml")
    assert stored.catalog.title == "t"
    with pytest.raises(PositionsError) as info:
        stored.select(actors={"a"})
    assert str(info.value) == (
        f"{entry}: this cache entry was not written by positions and has been removed; "
        "run the command again"
    )
    assert entries(cache_root) == []
    assert cache.load(data_file, "talks.yaml") == parsed(data_file)


# -- look-ups of a part ------------------------------------------------------


SELECTIONS = {
    "one-issue": (None, {"border"}),
    "two-actors": ({"north", "south"}, None),
    "actor-and-issue": ({"north"}, {"border"}),
    "unknown-ids": ({"nobody"}, None),
    "everything": (None, None),
}


@pytest.mark.parametrize("how", ["miss", "hit", "no-cache"])
@pytest.mark.parametrize("selection", SELECTIONS.values(), ids=SELECTIONS.keys())
def test_a_selection_holds_exactly_the_chosen_positions(
    cache_root: Path,
    data_file: Path,
    how: str,
    selection: tuple[set[str] | None, set[str] | None],
) -> None:
    actors, issues = selection
    if how == "hit":
        cache.load(data_file, "talks.yaml")
    stored = cache.open_data(data_file, "talks.yaml", use_cache=how != "no-cache")
    full = parsed(data_file)
    part = stored.select(actors, issues)
    expected = tuple(
        p
        for p in full.positions
        if (actors is None or p.actor in actors) and (issues is None or p.issue in issues)
    )
    assert part.positions == expected
    assert (part.title, dict(part.actors), dict(part.issues), dict(part.sources)) == (
        full.title,
        dict(full.actors),
        dict(full.issues),
        dict(full.sources),
    )
    assert stored.catalog.positions == ()
    assert stored.everything() == full


@pytest.mark.parametrize("path", [DEFAULT, DATA / "trade.yaml"], ids=["default", "trade"])
def test_every_issue_and_every_pair_selects_the_same_from_an_entry(
    cache_root: Path, path: Path
) -> None:
    """The per-actor and per-issue indexes of an entry against a filter of the whole."""
    cache.load(path, path.name)
    stored = cache.open_data(path, path.name)
    full = parsed(path)
    for issue in full.issues:
        assert stored.select(issues={issue}).positions == tuple(
            p for p in full.positions if p.issue == issue
        )
    for a in full.actors:
        for b in full.actors:
            assert stored.select(actors={a, b}).positions == tuple(
                p for p in full.positions if p.actor in (a, b)
            )


def test_an_unwritable_cache_directory_only_means_no_caching(
    tmp_path: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "locked"
    root.mkdir()
    root.chmod(0o500)
    monkeypatch.setenv(cache.ENV_VAR, str(root))
    try:
        assert cache.load(data_file, "talks.yaml") == parsed(data_file)
        assert cache.load(data_file, "talks.yaml") == parsed(data_file)
        if os.geteuid() != 0:  # root writes through chmod; the tests below simulate it
            assert entries(root) == []
    finally:
        root.chmod(0o700)


@pytest.mark.parametrize(
    "target", ["mkstemp", "replace", "mkdir"], ids=["create", "rename", "make-dir"]
)
def test_a_failing_write_leaves_no_file_behind(
    cache_root: Path,
    data_file: Path,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    if target == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    elif target == "replace":
        monkeypatch.setattr(os, "replace", refuse)
    else:
        monkeypatch.setattr(Path, "mkdir", refuse)
    assert cache.load(data_file, "talks.yaml") == parsed(data_file)
    assert cache.load(data_file, "talks.yaml") == parsed(data_file)
    assert entries(cache_root) == []
    assert parses == ["talks.yaml", "talks.yaml"]


def test_an_entry_that_cannot_be_read_is_a_miss(
    cache_root: Path, data_file: Path, parses: list[str]
) -> None:
    cache.load(data_file, "talks.yaml")
    (entry,) = entries(cache_root)
    entry.unlink()
    entry.mkdir()  # reading it fails, and so does replacing it
    assert cache.load(data_file, "talks.yaml") == parsed(data_file)
    assert parses == ["talks.yaml", "talks.yaml"]
    assert [p.name for p in cache_root.iterdir()] == [entry.name]  # no temp file left


def test_no_cache_neither_reads_nor_writes(
    cache_root: Path, data_file: Path, parses: list[str]
) -> None:
    assert cache.load(data_file, "talks.yaml", use_cache=False) == parsed(data_file)
    assert not cache_root.exists()
    cache.load(data_file, "talks.yaml")
    cache.load(data_file, "talks.yaml", use_cache=False)
    assert parses == ["talks.yaml", "talks.yaml", "talks.yaml"]


def test_a_broken_file_is_reported_like_the_loader_does_and_not_cached(
    cache_root: Path, data_file: Path
) -> None:
    data_file.write_text(VALID.replace("stance: support", "stance: suport"), encoding="utf-8")
    with pytest.raises(DataError) as cached:
        cache.load(data_file, "talks.yaml")
    with pytest.raises(DataError) as direct:
        loader.load(data_file, "talks.yaml")
    assert str(cached.value) == str(direct.value)
    assert "talks.yaml:15:13: unknown stance 'suport'" in str(cached.value)
    assert entries(cache_root) == []


@pytest.mark.parametrize("case", ["missing", "directory", "too-large"])
def test_file_errors_are_the_loaders(
    cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    path = tmp_path / "data.yaml"
    if case == "directory":
        path.mkdir()
    elif case == "too-large":
        path.write_text(VALID, encoding="utf-8")
        monkeypatch.setattr(datafile, "MAX_FILE_BYTES", 100)
    with pytest.raises(PositionsError) as cached:
        cache.load(path, "data.yaml")
    with pytest.raises(PositionsError) as direct:
        loader.load(path, "data.yaml")
    assert str(cached.value) == str(direct.value)
    expected = {
        "missing": "data.yaml: no such data file; check the path",
        "directory": "data.yaml: is a directory; give the path of a YAML data file",
        "too-large": f"data.yaml: data file is {len(VALID):,} bytes; the limit is 100 bytes; "
        "split the negotiation into several files",
    }[case]
    assert str(cached.value) == expected


def test_a_file_larger_than_its_size_said_is_refused_like_the_loader(
    cache_root: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipe, a device or a growing file: the bytes read count, not the size stat gave."""
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, 0, 0, 0)))
    monkeypatch.setattr(datafile, "MAX_FILE_BYTES", 100)
    with pytest.raises(PositionsError) as cached:
        cache.load(data_file, "talks.yaml")
    with pytest.raises(PositionsError) as direct:
        loader.load(data_file, "talks.yaml")
    assert (
        str(cached.value)
        == str(direct.value)
        == (
            "talks.yaml: data file is larger than the limit of 100 bytes; "
            "split the negotiation into several files"
        )
    )


def test_an_unreadable_file_is_the_loaders_message(
    cache_root: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(PositionsError) as info:
        cache.load(data_file, "talks.yaml")
    assert str(info.value) == "talks.yaml: permission denied; make the file readable"


# -- where the cache lives ----------------------------------------------------


def test_the_environment_variable_names_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(tmp_path / "here"))
    assert cache.cache_dir() == tmp_path / "here"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, "HOME/.cache/positions"),
        ("linux", {"XDG_CACHE_HOME": "XDG"}, "XDG/positions"),
        ("linux", {"XDG_CACHE_HOME": "relative/path"}, "HOME/.cache/positions"),
        ("darwin", {}, "HOME/Library/Caches/positions"),
        ("win32", {"LOCALAPPDATA": "LOCAL"}, "LOCAL/positions/Cache"),
        ("win32", {}, "HOME/AppData/Local/positions/Cache"),
    ],
)
def test_the_platform_user_cache_directory(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    env: dict[str, str],
    expected: str,
) -> None:
    home, xdg, local = tmp_path / "home", tmp_path / "xdg", tmp_path / "local"
    for name in ("POSITIONS_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    monkeypatch.setattr(sys, "platform", platform)
    for name, value in env.items():
        monkeypatch.setenv(name, {"XDG": str(xdg), "LOCAL": str(local)}.get(value, value))
    where = expected.replace("HOME", str(home)).replace("XDG", str(xdg))
    assert cache.cache_dir() == Path(where.replace("LOCAL", str(local)))


def test_a_hit_does_not_import_the_yaml_parser(cache_root: Path, data_file: Path) -> None:
    """The point of the cache for small files too: a hit skips importing PyYAML."""
    code = (
        "import sys; from pathlib import Path; from positions import cache; "
        f"cache.load(Path({str(data_file)!r}), 'talks.yaml'); "
        "print('yaml' in sys.modules)"
    )
    env = {**os.environ, cache.ENV_VAR: str(cache_root)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs == ["True\n", "False\n"]


# -- the content digest ---------------------------------------------------------------


def test_a_big_file_is_hashed_with_sha256_and_still_hits(
    cache_root: Path, data_file: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files from BIG_FILE bytes on take the other algorithm: same guarantees."""
    monkeypatch.setattr(cache, "BIG_FILE", 10)
    assert type(cache._content_hash(data_file.stat().st_size)).__name__ != "blake2b"
    first = cache.load(data_file, "talks.yaml")
    assert cache.load(data_file, "talks.yaml") == first
    assert parses == ["talks.yaml"]
    stat = data_file.stat()
    data_file.write_text(VALID.replace("Wants it moved.", "Wants it mooed."), encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(data_file, "talks.yaml").positions[0].summary == "Wants it mooed."
    assert parses == ["talks.yaml", "talks.yaml"]


def test_an_edit_between_hashing_and_parsing_is_filed_under_what_was_parsed(
    cache_root: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A miss parses the bytes it reads then; they are the entry's key, not the
    digest taken a moment before, so the old text never gets the new text's model."""
    old_text = VALID
    new_text = VALID.replace("Wants it moved.", "Wants it mooed.")
    stat = data_file.stat()
    real_read = datafile.read
    edits = []

    def read_after_an_edit(path: Path, name: str) -> tuple[bytes, os.stat_result]:
        if not edits:
            path.write_text(new_text, encoding="utf-8")
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            edits.append(path)
        return real_read(path, name)

    monkeypatch.setattr(datafile, "read", read_after_an_edit)
    assert cache.load(data_file, "talks.yaml").positions[0].summary == "Wants it mooed."
    data_file.write_text(old_text, encoding="utf-8")  # same size, same mtime: the old file
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(data_file, "talks.yaml").positions[0].summary == "Wants it moved."


# -- what is not a regular file -------------------------------------------------------


def test_a_fifo_is_read_once_parsed_and_not_cached(
    cache_root: Path, tmp_path: Path, parses: list[str]
) -> None:
    """A pipe cannot be read twice (hash, then parse on a miss) and has no stable
    content to key an entry on: it is read once and parsed."""
    import threading

    fifo = tmp_path / "talks.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(VALID,), kwargs={"encoding": "utf-8"})
    writer.start()
    try:
        dataset = cache.load(fifo, "talks.fifo")
    finally:
        writer.join(timeout=10)
    assert dataset == PARSE(VALID.encode(), "talks.fifo")
    assert parses == ["talks.fifo"]
    assert entries(cache_root) == []


def test_data_from_standard_input(cache_root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "positions", "show", "donbas", "--data", "/dev/stdin"],
        input=DEFAULT.read_bytes(),
        env={**os.environ, cache.ENV_VAR: str(cache_root), "COLUMNS": "80"},
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
    assert entries(cache_root) == []


def test_a_symlink_loop_is_the_loaders_message(cache_root: Path, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(PositionsError) as cached:
        cache.load(tmp_path / "a.yaml", "a.yaml")
    with pytest.raises(PositionsError) as direct:
        loader.load(tmp_path / "a.yaml", "a.yaml")
    assert str(cached.value) == str(direct.value)
    assert str(cached.value) == "a.yaml: cannot read data file: Too many levels of symbolic links"
