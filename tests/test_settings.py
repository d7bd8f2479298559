"""The settings: what the environment decides, read once, in one value."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from positions.cli import app
from positions.settings import Settings

HOME = Path("/home/someone")


def settings(**environ: str) -> Settings:
    return Settings.from_environ(environ, "linux", HOME)


def test_the_defaults() -> None:
    assert settings() == Settings(
        data=None,
        cache_dir=HOME / ".cache" / "positions",
        pager=True,
        colour=True,
        width=None,
        traceback=False,
    )


@pytest.mark.parametrize(
    ("environ", "field", "value"),
    [
        ({"POSITIONS_DATA": "/some/where.yaml"}, "data", Path("/some/where.yaml")),
        ({"POSITIONS_DATA": ""}, "data", None),
        ({"POSITIONS_NO_CACHE": "1"}, "cache_dir", None),
        ({"POSITIONS_CACHE_DIR": "/tmp/c"}, "cache_dir", Path("/tmp/c")),
        ({"POSITIONS_NO_PAGER": "1"}, "pager", False),
        ({"NO_COLOR": "1"}, "colour", False),
        ({"NO_COLOR": ""}, "colour", True),
        ({"COLUMNS": "72"}, "width", 72),
        ({"COLUMNS": "wide"}, "width", None),
        ({"COLUMNS": "0"}, "width", None),
        ({"POSITIONS_TRACEBACK": "1"}, "traceback", True),
    ],
)
def test_each_variable(environ: dict[str, str], field: str, value: object) -> None:
    assert getattr(settings(**environ), field) == value


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, "HOME/.cache/positions"),
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/positions"),
        ("linux", {"XDG_CACHE_HOME": "relative/path"}, "HOME/.cache/positions"),
        ("darwin", {}, "HOME/Library/Caches/positions"),
        ("win32", {"LOCALAPPDATA": "/local"}, "/local/positions/Cache"),
        ("win32", {}, "HOME/AppData/Local/positions/Cache"),
        ("linux", {"POSITIONS_CACHE_DIR": "/here", "XDG_CACHE_HOME": "/xdg"}, "/here"),
    ],
)
def test_the_platform_user_cache_directory(
    platform: str, environ: dict[str, str], expected: str
) -> None:
    found = Settings.from_environ(environ, platform, HOME).cache_dir
    assert found == Path(expected.replace("HOME", str(HOME)))


def test_a_traceback_for_our_own_error_when_asked() -> None:
    """POSITIONS_TRACEBACK=1: the message's exception escapes, to be debugged."""
    plain = CliRunner().invoke(app, ["show", "nope"])
    assert plain.exit_code == 1
    assert isinstance(plain.exception, SystemExit)
    assert plain.stderr == "error: unknown issue 'nope'; run 'positions issues' to list them\n"
    raised = CliRunner().invoke(app, ["show", "nope"], env={"POSITIONS_TRACEBACK": "1"})
    assert type(raised.exception).__name__ == "LookupFailed"
    assert str(raised.exception).startswith("unknown issue 'nope'")


@pytest.mark.parametrize("value", ["0", "false", "No", "off", " "])
def test_a_switch_set_to_no_is_off(value: str) -> None:
    switched = settings(
        POSITIONS_NO_CACHE=value, POSITIONS_NO_PAGER=value, POSITIONS_TRACEBACK=value
    )
    assert (switched.cache_dir is not None, switched.pager, switched.traceback) == (
        True,
        True,
        False,
    )


@pytest.mark.parametrize("columns", ["²", "٣", "-5", "12.5", "1e3"])
def test_columns_that_are_not_a_width_are_ignored(columns: str) -> None:
    assert settings(COLUMNS=columns).width is None


def test_a_relative_store_directory_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert settings(POSITIONS_CACHE_DIR="cache").cache_dir == tmp_path / "cache"


def test_no_home_directory_means_no_store(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert Settings.from_environ({}, "linux").cache_dir is None
    assert Settings.from_environ({"POSITIONS_CACHE_DIR": "/c"}, "linux").cache_dir == Path("/c")
    result = CliRunner().invoke(app, ["show", "donbas"], env={"HOME": None}, catch_exceptions=False)
    assert result.exit_code == 0
