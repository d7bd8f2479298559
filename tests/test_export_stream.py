"""Exports written as they are made: the same bytes as the whole-text exporters wrote.

tests/golden/stream-digests.json holds the SHA-256 of every export of every data
file the tests have (the default data, tests/data, each corpus file that loads),
in every format and variant, as the exporters that built the whole text in memory
wrote them (commit ef9e60f). Streaming must not change a byte: to a file (the
atomic writer) and to stdout alike. A deliberate change to an export changes its
golden file and this table: `pytest --update-golden` rewrites both.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from positions import datafile
from positions.cli import app

runner = CliRunner()
HERE = Path(__file__).parent
DIGESTS = HERE / "golden" / "stream-digests.json"

VARIANTS: dict[str, list[str]] = {
    "csv": ["-f", "csv"],
    "csv-wide": ["-f", "csv", "--wide"],
    "csv-raw": ["-f", "csv", "--raw"],
    "md": ["-f", "md"],
    "json": ["-f", "json"],
    "html": ["-f", "html"],
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
