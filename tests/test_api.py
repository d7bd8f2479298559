"""The Python API: docs/api.md runs as a doctest, and the API keeps its promises."""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import positions

ROOT = Path(__file__).parent.parent


def test_the_walk_through_of_docs_api_md_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)  # it names files of the checkout
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        failed, tried = doctest.testfile(
            str(ROOT / "docs" / "api.md"),
            module_relative=False,
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        )
    assert (failed, err.getvalue()) == (0, ""), out.getvalue()
    assert tried >= 20


def test_no_api_name_is_also_a_module_name() -> None:
    """`from positions import trades` must find the module: an API function of a
    module's name would hide it (PEP 562's __getattr__ answers first)."""
    modules = {m.name for m in pkgutil.iter_modules(positions.__path__)}
    assert not modules & set(positions.__all__)


def test_every_name_the_api_exports_is_there() -> None:
    api = importlib.import_module("positions.api")
    for name in positions.__all__:
        assert getattr(positions, name) is not None, name
    assert set(api.__all__) <= set(positions.__all__)
    assert set(positions.__all__) <= set(dir(positions))  # a notebook completes them


def test_importing_positions_loads_none_of_the_api() -> None:
    """The command line imports the package on every start: it must stay light."""
    code = (
        "import sys, positions; print(sorted(m for m in sys.modules if m.startswith('positions')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['positions']"


def test_the_api_neither_prints_nor_exits(capsys: pytest.CaptureFixture[str]) -> None:
    ds = positions.load(ROOT / "data" / "positions.yaml")
    for view in (
        positions.brief(ds), positions.trades(ds), positions.alignment(ds, actor="ukraine"),
        positions.changes(ds), positions.history(ds, actors="us"),
    ):  # fmt: skip
        positions.as_json(view)
    with pytest.raises(positions.LookupFailed):
        positions.show(ds, "atlantis")
    with pytest.raises(positions.PositionsError, match="is not a day"):
        positions.compare(ds, as_of="last week")
    assert capsys.readouterr() == ("", "")


def test_frames_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    ds = positions.load(ROOT / "data" / "positions.yaml")
    monkeypatch.setitem(sys.modules, "pandas", None)  # an import of it fails
    with pytest.raises(positions.PositionsError, match=r"pip install 'positions\[pandas\]'"):
        positions.frames(ds)


def test_a_threshold_outside_0_to_1_or_not_a_number_is_refused() -> None:
    ds = positions.load(ROOT / "data" / "positions.yaml")
    for bad in (float("nan"), 1.5, -0.1):
        with pytest.raises(positions.PositionsError, match="give a number from 0 to 1"):
            positions.alignment(ds, threshold=bad)


def test_load_with_the_cache_uses_the_command_lines_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(tmp_path / "store"))
    ds = positions.load(ROOT / "tests" / "data" / "trade.yaml", cache=True)
    assert len(ds.positions) == 12
    assert [p.suffix for p in (tmp_path / "store").iterdir()] == [".sqlite"]
    again = positions.load(ROOT / "tests" / "data" / "trade.yaml", cache=True)  # from it
    assert again.positions == ds.positions


def test_load_with_the_cache_honours_positions_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("POSITIONS_NO_CACHE", "1")
    assert len(positions.load(ROOT / "tests" / "data" / "trade.yaml", cache=True).positions) == 12
    assert not (tmp_path / "store").exists()
