"""The Python API: docs/api.md runs as a doctest, and the API keeps its promises."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import io
import pkgutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import positions
from positions.errors import PositionsError

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


DS = positions.load(ROOT / "data" / "positions.yaml")
loose: Any = positions  # called as a notebook would, with anything


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: loose.agreement(DS, issues=[]),
         "issues: selects nothing; name at least one, or None for all"),
        (lambda: loose.agreement(DS, actors=iter(())),
         "actors: selects nothing; name at least one, or None for all"),
        (lambda: loose.compare(DS, actors=[]),
         "actors: selects nothing; name at least one, or None for all"),
        (lambda: loose.compare(DS, actors=1), "actors=1: give a name or a list of names"),
        (lambda: loose.compare(DS, actors=["russia", None]),
         "actors=['russia', None]: give a name or a list of names"),
        (lambda: loose.narrowed(DS, tags=b"security"),
         "tags=b'security': give a name or a list of names"),
        (lambda: loose.narrowed(DS, tags=[]),
         "tags: selects nothing; name at least one, or None for all"),
        (lambda: loose.diff(DS, "russia", "Russia"),
         "both names are actor 'russia'; give two different actors"),
        (lambda: loose.diff(DS, None, "russia"), "a=None: give a name, as a string"),
        (lambda: loose.show(DS, ["donbas"]), "issue=['donbas']: give a name, as a string"),
        (lambda: loose.changes(DS, since="2025-08-16", until="2025-01-01"),
         "since 2025-08-16 is after until 2025-01-01; give an earlier day"),
        (lambda: loose.changes(DS, against=DS, since="2025-01-01"),
         "comparing two versions takes them as they are; leave out since, until and as_of"),
        (lambda: loose.changes(DS, against="old.yaml"),
         "against: give a Dataset from positions.load(), not 'old.yaml'"),
        (lambda: loose.alignment(DS, coalitions=0),
         "coalitions=0: give a whole number of at least 1, or None"),
        (lambda: loose.alignment(DS, min_shared=True),
         "min_shared=True: give a whole number of at least 1, or None"),
        (lambda: loose.alignment(DS, threshold="0.5"),
         "threshold='0.5': give a number from 0 to 1"),
        (lambda: loose.alignment(DS, weighted=None),
         "weighted=None: give True or False"),
        (lambda: loose.trades(DS, top=-1), "top=-1: give a whole number of at least 1"),
        (lambda: loose.trades(DS, top=None), "top=None: give a whole number of at least 1"),
        (lambda: loose.trades(DS, top=1.0),
         "top=1.0: give a whole number of at least 1"),
        (lambda: loose.compare(DS, sort=["file"]),
         "sort=['file']: give one of 'file', 'divided', 'stated', 'recent'"),
        (lambda: loose.issues(DS, as_of=20250101),
         "as_of=20250101 is not a day; give a date or 'YYYY-MM-DD'"),
        (lambda: loose.issues(DS, as_of="20250101"),
         "as_of='20250101' is not a day; give a date or 'YYYY-MM-DD'"),
        (lambda: loose.issues(DS, as_of="2025-W32-1"),
         "as_of='2025-W32-1' is not a day; give a date or 'YYYY-MM-DD'"),
        (lambda: loose.compare(None),
         "ds: give a Dataset from positions.load(), not None"),
        (lambda: loose.as_json(42),
         "as_json: give a view one of the functions here returns, not 42"),
        (lambda: loose.load(""), "path='': give the path of the data file"),
        (lambda: loose.load(None), "path=None: give the path of the data file"),
        (lambda: loose.load(ROOT / "data" / "positions.yaml", cache=""),
         "cache='': give the path of a directory"),
    ],
)  # fmt: skip
def test_every_mistake_a_caller_can_make_is_one_clear_error(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(PositionsError) as info:
        call()
    assert str(info.value) == message


def test_a_datetime_is_taken_as_its_day() -> None:
    noon = dt.datetime(2025, 8, 10, 12)
    assert positions.issues(DS, as_of=noon) == positions.issues(DS, as_of="2025-08-10")
    assert positions.changes(DS, as_of="2025-08-10") == positions.changes(DS, until="2025-08-10")


def test_numbers_and_flags_from_numpy_and_any_path_like_are_taken() -> None:
    """What a DataFrame's column gives is an ordinary value in a notebook."""
    np = pytest.importorskip("numpy")
    view = positions.alignment(
        DS, threshold=np.float64(0.8), min_shared=np.int64(1), coalitions=np.int64(2),
        weighted=np.True_, sort="Closest",
    )  # fmt: skip
    same = positions.alignment(
        DS, threshold=0.8, min_shared=1, coalitions=2, weighted=True, sort="closest"
    )
    assert view == same

    class Where:
        def __fspath__(self) -> str:
            return str(ROOT / "data" / "positions.yaml")

    assert positions.load(Where()) == DS
