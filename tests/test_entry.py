"""The process: one command built per run, and an end without Python's teardown.

`positions.entry` ends the process with `os._exit` once its output is flushed.
That is safe only while no command leaves work for the teardown: an atexit
hook, a file or database still open, a buffer not flushed. These tests run
every kind of command and fail if one does.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from positions.cli import app
from positions.entry import app_for

from .test_terminal_safety import big_data, environment, run

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
DATA = Path(__file__).parent / "data" / "trade.yaml"


# --- a run builds only its own command -------------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize(
    "args", [["--help"], [], ["--no-such-option"]], ids=["help", "bare", "bad"]
)
def test_the_app_for_one_command_behaves_as_the_whole_app(name: str, args: list[str]) -> None:
    one = app_for(app, [name, *args])
    assert [info.callback for info in one.registered_commands] == [
        info.callback
        for info in app.registered_commands
        if (info.name or typer.main.get_command_name(info.callback.__name__))  # type: ignore[union-attr]
        == name
    ]
    alone = runner.invoke(one, [name, *args])
    whole = runner.invoke(app, [name, *args])
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


@pytest.mark.parametrize(
    "args", [[], ["--help"], ["-h"], ["--version"], ["shwo", "donbas"], ["--install-completion"]]
)
def test_anything_but_a_command_name_gets_the_whole_app(args: list[str]) -> None:
    assert app_for(app, args) is app


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_POSITIONS_COMPLETE", "complete_bash")
    assert app_for(app, ["show", "don"]) is app


# --- nothing is left for the teardown ---------------------------------------------------

#: Every command, as it runs for real; {out} is a file to write, {data} the data file.
RUNS = [
    ["issues"],
    ["show", "tariffs"],
    ["show", "tariffs", "--json"],
    ["compare"],
    ["diff", "eu", "egypt"],
    ["actors"],
    ["brief"],
    ["alignment"],
    ["deal"],
    ["history", "eu"],
    ["export", "--format", "csv"],
    ["export", "--format", "html", "--output", "{out}"],
    ["validate"],
    ["init", "{out}"],
    ["schema"],
    ["show", "nothing-of-the-kind"],  # a look-up error
]


def _open_files() -> set[str]:
    """What this process has open (file descriptors), as the files they name."""
    fds = Path("/proc/self/fd")
    found = set()
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):  # the listing's own descriptor, closed since
            found.add(os.readlink(fd))
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("store", ["miss", "hit", "no-cache"])
@pytest.mark.parametrize("args", RUNS, ids=[" ".join(a) for a in RUNS])
def test_a_command_leaves_no_file_open_and_no_exit_hook(
    args: list[str], store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(tmp_path / "cache"))
    argv = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    if argv[0] not in ("init", "schema"):
        argv += ["--data", str(DATA)] + (["--no-cache"] if store == "no-cache" else [])
    if store == "hit":
        runner.invoke(app, ["validate", "--data", str(DATA)], catch_exceptions=False)
    (tmp_path / "out").unlink(missing_ok=True)
    hooks = atexit._ncallbacks()
    before = _open_files()
    result = runner.invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == (1 if "nothing-of-the-kind" in args else 0), result.stderr
    assert _open_files() - before == set()
    assert atexit._ncallbacks() == hooks


# --- every byte reaches its reader before the process ends -------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["show", "donbas"],
        ["show", "donbas", "--json"],
        ["export", "--format", "md"],
        ["issues", "--json", "BIG"],
        ["export", "--format", "csv", "BIG"],
    ],
    ids=["terminal", "json", "export", "big-json", "big-export"],
)
def test_all_output_reaches_a_file_before_the_process_ends(args: list[str], tmp_path: Path) -> None:
    """Output to a file, small enough to sit in a buffer or far bigger than one,
    with Python's own buffering (no PYTHONUNBUFFERED): every byte arrives, exit 0."""
    from typer.testing import CliRunner

    from positions.cli import app

    argv = [a for a in args if a != "BIG"]
    if "BIG" in args:
        argv += ["--data", str(big_data(tmp_path))]
    env = {k: v for k, v in environment(COLUMNS="100").items() if k != "PYTHONUNBUFFERED"}
    out = tmp_path / "out.txt"
    with out.open("wb") as f:
        done = run(argv, env, stdout=f.fileno())
    expected = CliRunner().invoke(app, argv, env={"COLUMNS": "100"}, catch_exceptions=False)
    assert (done.returncode, done.stderr) == (0, b"")
    assert out.read_text(encoding="utf-8") == expected.stdout != ""


def test_exit_codes_of_the_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ntitle: t\n")
    codes = [
        run(a, environment()).returncode
        for a in (["validate"], ["validate", str(bad)], ["shwo"], ["show"], ["show", "nope"])
    ]
    assert codes == [0, 1, 2, 2, 1]
