"""Exports written as they are made: the same bytes as the whole-text exporters wrote.

tests/golden/stream-digests.json holds the SHA-256 of every export of every data
file the tests have (the default data, tests/data, each corpus file that loads),
in every format and variant, as the exporters that built the whole text in memory
wrote them (commit ef9e60f). Streaming must not change a byte: to a file (the
atomic writer) and to stdout alike. A deliberate change to an export changes its
golden file and this table: `pytest --update-golden` rewrites both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from positions import datafile, loader, progress, views
from positions import export as exporter
from positions.cli import app
from positions.errors import OutputError
from positions.export.write import BATCH, batches
from positions.text import json_ascii
from positions.views import CompareRow

runner = CliRunner()
HERE = Path(__file__).parent
DIGESTS = HERE / "golden" / "stream-digests.json"
# The module by import, not by dotted name: `positions.export.write` is also the
# package's `write` function.
write_module = importlib.import_module("positions.export.write")

VARIANTS: dict[str, list[str]] = {
    "csv": ["-f", "csv"],
    "csv-wide": ["-f", "csv", "--wide"],
    "csv-raw": ["-f", "csv", "--raw"],
    "md": ["-f", "md"],
    "json": ["-f", "json"],
    "html": ["-f", "html"],
    "svg-alignment": ["-f", "svg", "--chart", "alignment"],
    "svg-timeline": ["-f", "svg", "--chart", "timeline"],
}
#: More variants on the default data: a date, a choice of actors and issues, no weights.
NARROWED: dict[str, list[str]] = {
    "as-of": ["--as-of", "2025-08-15"],
    "some": ["--actors", "russia,ukraine,us", "--issues", "donbas,nato"],
    "unweighted": ["--unweighted"],
}


def _data_files() -> list[Path]:
    """Every data file the tests hold, but for those that do not load (broken on purpose)."""
    found = [datafile.bundled_path(), *sorted((HERE / "data").glob("*.yaml"))]
    found.append(HERE / "data" / "tidy" / "talks.yaml")
    corpus = HERE / "corpus"
    found += sorted([*corpus.glob("*.yaml"), *corpus.glob("*.csv")])
    return found


def _name(path: Path) -> str:
    return "default" if path == datafile.bundled_path() else str(path.relative_to(HERE))


def _cases() -> dict[str, list[str]]:
    cases = {}
    for path in _data_files():
        for variant, args in VARIANTS.items():
            cases[f"{_name(path)} {variant}"] = [*args, "--data", str(path)]
            if path == datafile.bundled_path():
                for narrowed, more in NARROWED.items():
                    cases[f"default {variant} {narrowed}"] = [*args, *more, "--data", str(path)]
    return cases


CASES = _cases()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _to_file(args: list[str], out: Path) -> bytes | None:
    """The export's bytes written with -o FILE, or None when the data does not load."""
    out.unlink(missing_ok=True)
    result = runner.invoke(app, ["export", *args, "-o", str(out)], catch_exceptions=False)
    if result.exit_code != 0:
        return None
    assert result.stderr == f"wrote {out}\n"
    return out.read_bytes()


def _to_stdout(args: list[str]) -> bytes:
    result = runner.invoke(app, ["export", *args], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout_bytes


def test_every_export_is_the_bytes_it_was(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Every case, to a file and (but for the corpus) to stdout, against its digest."""
    if request.config.getoption("--update-golden"):
        made = {}
        for case, args in CASES.items():
            data = _to_file(args, tmp_path / "out")
            if data is not None:
                made[case] = _digest(data)
        DIGESTS.write_text(json.dumps(made, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    pinned: dict[str, str] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert len(pinned) > 150  # the table is not empty, nor nearly so: this can fail
    differ, missing = [], []
    for case, digest in sorted(pinned.items()):
        data = _to_file(CASES[case], tmp_path / "out")
        if data is None:
            missing.append(case)
        elif _digest(data) != digest:
            differ.append(f"{case} (to a file)")
        elif not case.startswith("corpus/") and _digest(_to_stdout(CASES[case])) != digest:
            differ.append(f"{case} (to stdout)")
    assert (differ, missing) == ([], [])
    # A data file that loads has every variant pinned: none is left out of the table.
    loaded = {case.rsplit(" ", 1)[0] for case in pinned if not case.startswith("default")}
    assert {case for case in CASES if case.rsplit(" ", 1)[0] in loaded} <= set(pinned)


# --- written as it is made ---------------------------------------------------------------------

TRADE2 = HERE / "data" / "trade2.yaml"


class _Counted(Sequence[CompareRow]):
    """A report's rows that count how many were made, to see when a renderer asks."""

    def __init__(self, rows: Sequence[CompareRow]) -> None:
        self.rows = rows
        self.made = 0

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> CompareRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[CompareRow]: ...
    def __getitem__(self, index: int | slice) -> CompareRow | Sequence[CompareRow]:
        raise AssertionError("a renderer reads the rows in order")

    def __iter__(self) -> Iterator[CompareRow]:
        for row in self.rows:
            self.made += 1
            yield row


@pytest.mark.parametrize("fmt", ["csv", "md", "json", "html"])
def test_each_renderer_writes_an_issue_before_it_reads_the_next(fmt: str) -> None:
    """The first pieces come before the last row is read: nothing waits for the whole."""
    view = views.report_view(loader.load(TRADE2), pairs=fmt != "csv")
    counted = _Counted(view.rows)
    pieces = exporter.chunks(fmt, view._replace(rows=counted))
    seen = []
    for piece in pieces:
        seen.append(piece)
        if counted.made == 1:
            break
    assert len(view.rows) > 2  # this can fail: the data has rows to wait for
    assert (counted.made, "".join(seen)) == (1, "".join(seen))
    assert "".join([*seen, *pieces]) == exporter.render(fmt, view)
    assert counted.made == exporter.row_reads(fmt, view)  # md and html: twice


@pytest.mark.parametrize("fmt", ["csv", "md", "json", "html"])
@pytest.mark.parametrize("to", ["file", "stdout"])
def test_an_export_counts_its_rows_made_to_the_end(
    fmt: str, to: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress line of an export: one stage, counted to its end by the rows made."""
    total = exporter.READS[fmt] * len(loader.load(TRADE2).issues)
    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(progress, "stage", lambda what, total=0: calls.append((what, total)))
    monkeypatch.setattr(progress, "advance", lambda done: calls.append(("advance", done)))
    out = tmp_path / f"report.{fmt}"
    where = ["-o", str(out)] if to == "file" else []
    result = CliRunner().invoke(app, ["export", "-f", fmt, *where, "--data", str(TRADE2)])
    assert result.exit_code == 0, result.output
    (start,) = [k for k, (what, _) in enumerate(calls) if str(what).startswith("writing")]
    name = str(out) if to == "file" else "the export"
    assert calls[start] == (f"writing {name}", total)
    assert calls[start + 1 :] == [("advance", n) for n in range(1, total + 1)]


@pytest.mark.parametrize("data", [None, TRADE2])
@pytest.mark.parametrize(
    "choice",
    [{}, {"as_of": dt.date(2024, 3, 1)}, {"actors": ["ukraine", "russia"], "issues": ["nato"]}],
    ids=["all", "as-of", "some"],
)
def test_the_report_rows_are_the_rows_compare_makes(
    data: Path | None, choice: dict[str, Any]
) -> None:
    ds = loader.load(datafile.bundled_path() if data is None else data)
    if data is not None and "actors" in choice:
        choice = {"actors": list(ds.actors)[:2], "issues": list(ds.issues)[-1:]}
    compared = views.compare_view(ds, **choice)
    rows = views.report_view(ds, **choice).rows
    assert isinstance(rows, views.ReportRows)
    assert (len(rows), tuple(rows), rows[:]) == (len(compared.rows), compared.rows, compared.rows)
    assert [rows[n] for n in range(len(rows))] == list(compared.rows)
    assert rows[-1] == compared.rows[-1]


def test_a_failure_while_the_export_is_made_leaves_nothing_behind(tmp_path: Path) -> None:
    """The temporary file holds what was written so far, and goes: the old file stays."""
    target = tmp_path / "report.md"
    target.write_text("old")
    seen: list[dict[str, bytes]] = []

    def pieces() -> Iterator[str]:
        yield "x" * (3 * BATCH)  # written out before the failure: this can fail
        seen.append(listing(tmp_path))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        exporter.write(target, pieces(), force=True)
    assert [sorted(names.values(), key=len) for names in seen] == [[b"old", b"x" * (3 * BATCH)]]
    assert listing(tmp_path) == {"report.md": b"old"}


def test_nothing_is_made_for_a_file_that_may_not_be_written(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")

    def pieces() -> Iterator[str]:
        raise AssertionError("made before the path was checked")
        yield ""

    with pytest.raises(OutputError) as caught:
        exporter.write(target, pieces())
    assert str(caught.value) == f"{target} exists; use --force to replace it"


def test_pieces_are_written_as_the_whole_text_would_be(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    pieces = ["é", "\r\n", "", "🤝" * BATCH, "a"]
    exporter.write(target, iter(pieces))
    assert target.read_bytes() == "".join(pieces).encode("utf-8")


def test_batches_join_the_pieces_in_order() -> None:
    assert list(batches(["ab", "c", "", "defg", "h"], size=3)) == ["abc", "defg", "h"]
    assert list(batches([], size=3)) == []
    assert list(batches(["abcdef"], size=3)) == ["abcdef"]


def listing(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cn")), max_size=40)


@pytest.mark.parametrize("terminal", [None, "utf-8", "ascii", "latin-1", "cp1252", "utf-16"])
@pytest.mark.parametrize("fmt", ["csv", "md", "json", "html"])
@given(pieces=st.lists(_TEXT, max_size=8), size=st.integers(1, 20))
def test_a_stream_is_encoded_as_its_whole_text(
    fmt: str, terminal: str | None, pieces: list[str], size: int
) -> None:
    """However the text is cut and batched, its bytes are those of the whole text."""
    text = "".join(pieces)
    if fmt == "json":  # JSON text: the pieces are a string's, inside quotes
        pieces, text = ['"', *pieces, '"'], f'"{text}"'
    whole = exporter.encoded(fmt, text, terminal)
    with mock.patch.object(write_module, "BATCH", size):
        assert b"".join(exporter.encoded_chunks(fmt, pieces, terminal)) == whole
    if terminal in (None, "utf-8"):
        assert whole == text.encode("utf-8")
    elif fmt == "json":
        assert whole == json_ascii(text).encode("ascii")
    else:
        errors = "xmlcharrefreplace" if fmt in ("md", "html") else "backslashreplace"
        assert whole == text.encode(terminal, errors)


@pytest.mark.parametrize("planted", ["file", "link"])
def test_what_appears_at_the_path_while_the_export_is_made_is_checked_again(
    tmp_path: Path, planted: str
) -> None:
    """Without --force nothing put there meanwhile is replaced; a link never is."""
    target = tmp_path / "report.md"

    def pieces() -> Iterator[str]:
        yield "new"
        if planted == "file":
            target.write_text("theirs")
        else:
            target.symlink_to(tmp_path / "elsewhere")

    with pytest.raises(OutputError) as caught:
        exporter.write(target, pieces(), force=planted == "link")
    if planted == "file":
        assert str(caught.value) == f"{target} exists; use --force to replace it"
        assert listing(tmp_path) == {"report.md": b"theirs"}
    else:
        assert str(caught.value).startswith(f"{target} is a symbolic link")
        assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
        assert target.is_symlink()
