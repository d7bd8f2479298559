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
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from positions.cli import app
from positions.entry import app_for

from .test_terminal_safety import POSITIONS, big_data, environment, run

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


# --- a standard output that is closed or full ---------------------------------------------

#: A run of every command that prints to stdout, and of --help and --version.
PRINTING = [
    ["--help"],
    ["--version"],
    ["show", "--help"],
    *(
        [*args, "--data", str(DATA)] if args[0] != "schema" else args
        for args in RUNS
        if "{out}" not in args and "nothing-of-the-kind" not in args
    ),
]


def _closed_stdout(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """Run `positions ARGS >&-`: descriptor 1 closed, as the shell closes it."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *POSITIONS, *args],
        env=environment(COLUMNS="80"),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("args", PRINTING, ids=[" ".join(a[:2]) for a in PRINTING])
def test_a_closed_stdout_is_one_line_and_exit_1(args: list[str], tmp_path: Path) -> None:
    done = _closed_stdout(args, tmp_path)
    assert (done.returncode, done.stderr.decode()) == (
        1,
        "error: cannot write the output: Bad file descriptor\n",
    )


def test_a_closed_stdout_does_not_matter_when_nothing_goes_there(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    done = _closed_stdout(
        ["export", "--format", "csv", "-o", str(out), "--data", str(DATA)], tmp_path
    )
    assert (done.returncode, done.stderr.decode()) == (0, f"wrote {out}\n")
    direct = runner.invoke(app, ["export", "--format", "csv", "--data", str(DATA)])
    assert out.read_bytes() == direct.stdout_bytes != b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]  # the store is elsewhere
    talks = tmp_path / "talks.yaml"
    done = _closed_stdout(["init", str(talks)], tmp_path)
    schema = tmp_path / "positions.schema.json"
    assert (done.returncode, done.stderr.decode()) == (
        0,
        f"wrote {talks} and {schema}; next: positions validate {talks}\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["show", "tariffs", "--data", str(DATA)], ["schema"]],
    ids=["help", "version", "show", "schema"],
)
def test_a_full_disk_is_one_line_and_exit_1(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = run(args, environment(COLUMNS="80"), stdout=full.fileno())
    assert (done.returncode, done.stderr.decode()) == (
        1,
        "error: cannot write the output: No space left on device\n",
    )


# --- SIGTERM and SIGHUP unwind as Ctrl-C does ----------------------------------------------

_STOPPED_WHILE_WRITING = """\
import sys, time
from pathlib import Path
from positions import atomic, entry, store

marker, where = Path(sys.argv[1]), sys.argv[2]

def wait(*args, **kwargs):
    marker.write_text("writing")  # the temporary file exists now
    time.sleep(60)

if where == "export":
    atomic.Replacement.write = wait
else:
    store._fill = wait
sys.argv = ["positions", *sys.argv[3:]]
entry.main()
"""


@pytest.mark.parametrize("where", ["export", "store"])
@pytest.mark.parametrize(
    ("signum", "message"),
    [
        (signal.SIGTERM, "terminated\n"),
        (signal.SIGHUP, "hung up\n"),
        (signal.SIGUSR1, "user signal 1\n"),
        (signal.SIGALRM, "alarm clock\n"),
        (signal.SIGXCPU, "CPU time limit exceeded\n"),
    ],
    ids=["SIGTERM", "SIGHUP", "SIGUSR1", "SIGALRM", "SIGXCPU"],
)
def test_a_signal_while_writing_leaves_no_temporary_file(
    where: str, signum: int, message: str, tmp_path: Path
) -> None:
    out, cache, marker = tmp_path / "out", tmp_path / "cache", tmp_path / "marker"
    out.mkdir()
    args = ["show", "tariffs", "--data", str(DATA)]
    if where == "export":
        args = ["export", "--format", "csv", "-o", str(out / "report.csv"), "--data", str(DATA)]
    process = subprocess.Popen(
        [sys.executable, "-c", _STOPPED_WHILE_WRITING, str(marker), where, *args],
        env=environment(POSITIONS_CACHE_DIR=str(cache)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert any((out if where == "export" else cache).iterdir())  # the temporary file
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert (process.returncode, stdout, stderr.decode()) == (128 + signum, b"", message)
    assert list(out.iterdir()) == []
    # The export read its data through the store first: that entry is whole, and stays.
    assert [p.suffix for p in cache.iterdir()] == ([".sqlite"] if where == "export" else [])


def test_a_command_runs_with_the_collector_off_and_the_library_leaves_it_on() -> None:
    """The one speed trick of the process (entry's docstring): `main` turns the cyclic
    collector off before the command runs; importing and using the library does not."""
    code = (
        "import gc, positions.entry as e\n"
        "e.app_for = lambda app, argv: (lambda prog_name: print(gc.isenabled()))\n"
        "e.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "False\n", "")
    code = (
        "import gc, positions\nfrom positions.datafile import bundled_path\n"
        "positions.load(bundled_path())\nprint(gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")
