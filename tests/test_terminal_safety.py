"""The terminal itself: pipes that close early, Ctrl-C, poor encodings, colour, tiny widths.

These run the real program in a subprocess (`python -m positions`), because
what they test lives between the process and its terminal: signals, the
standard streams' encodings and what a pseudo-terminal receives.
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from rich.cells import cell_len

from positions import loader

CORPUS = Path(__file__).parent / "corpus"
POSITIONS = [sys.executable, "-m", "positions"]

# An SGR sequence (colour, bold): the only escape the program itself may write.
SGR = re.compile("\x1b\\[[0-9;]*m")
# Anything that could still drive a terminal once SGR is taken out (see test_corpus.py).
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# The colour parameters of SGR: 30-37, 39, 40-47, 49, 90-97, 100-107, 38;.. and 48;..
COLOUR = re.compile("\x1b\\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def environment(**extra: str) -> dict[str, str]:
    """A clean environment: no colour or width settings leak in from the test runner."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "POSITIONS_DATA"}
        and not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8"))
    }
    env.update({"TERM": "xterm-256color", "POSITIONS_NO_PAGER": "1", **extra})
    return env


def run(
    args: list[str], env: Mapping[str, str], stdout: int = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*POSITIONS, *args],
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
    )


def big_data(tmp_path: Path) -> Path:
    """A valid file whose `issues` listing is far bigger than a pipe's 64 KiB buffer."""
    issues = "".join(
        f"  issue-{i:04}: {{title: Issue number {i} with a title long enough to fill a line, "
        f"question: Q{i}?}}\n"
        for i in range(3_000)
    )
    path = tmp_path / "big.yaml"
    path.write_text(
        "format: 1\ntitle: Many issues\nsources: {}\nactors: {a: {name: A}}\nissues:\n"
        + issues
        + "positions: []\n"
    )
    return path


# --- a reader that stops early ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["issues"], ["issues", "--json"], ["export", "--format", "csv"]],
    ids=["terminal", "json", "export"],
)
def test_piped_into_head_ends_quietly(args: list[str], tmp_path: Path) -> None:
    data = big_data(tmp_path)
    errors = tmp_path / "stderr.txt"
    command = " ".join([*POSITIONS, *args, "--data", str(data)])
    done = subprocess.run(
        ["bash", "-c", f'{command} 2>"{errors}" | head -1; echo "${{PIPESTATUS[0]}}"'],
        env=environment(COLUMNS="100"),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    first, status = done.stdout.splitlines()
    assert (
        first
        == {
            "terminal": "Many issues",
            "json": "[",
            "export": '"issue","issue_title","actor","actor_name","stance","score","summary",'
            '"quote","source","date","party","basis","note","conditions","salience",'
            '"red_line","held_since","speaker","url","more_evidence","evidence_date"',
        }[_kind(args)]
    )
    assert errors.read_text() == ""  # no BrokenPipeError, no "Exception ignored"
    # 1 when the write fails outright; 0 when the kernel accepted part of it first.
    assert status in {"0", "1"}


def _kind(args: list[str]) -> str:
    return "json" if "--json" in args else "export" if args[0] == "export" else "terminal"


@pytest.mark.parametrize(
    "args",
    [["issues"], ["issues", "--json"], ["export", "--format", "csv"], ["--help"]],
    ids=["terminal", "json", "export", "help"],
)
def test_closed_stdout_exits_1_quietly(args: list[str], tmp_path: Path) -> None:
    """Nobody reads at all: every write fails with EPIPE, deterministically."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = run(
            [*args, "--data", str(big_data(tmp_path))] if args != ["--help"] else args,
            environment(),
            stdout=write_end,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (1, b"")


# --- Ctrl-C ------------------------------------------------------------------------------------


def test_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    """SIGINT while the data file is being read: exit 130 and 'interrupted', no traceback.

    The data file is a FIFO, so the process is known to be inside the load when
    the signal arrives (it blocks reading until someone writes), not still
    starting up.
    """
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [*POSITIONS, "validate", str(fifo)],
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    writer: int | None = _open_writer(fifo, process)
    try:
        process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            # A signal that lands just before read() blocks is handled only when
            # read() returns: end of file makes it return. Same outcome expected.
            assert writer is not None
            os.close(writer)
            writer = None
            stdout, stderr = process.communicate(timeout=60)
    finally:
        if writer is not None:
            os.close(writer)
    assert (process.returncode, stdout, stderr) == (130, b"", b"interrupted\n")


def _open_writer(fifo: Path, process: subprocess.Popen[bytes]) -> int:
    """Open the FIFO for writing once the process has opened it for reading."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:  # ENXIO: no reader yet
            if e.errno != errno.ENXIO or process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_terminal_that_cannot_show_the_script(encoding: str) -> None:
    """Cyrillic and Arabic on an ASCII or Latin-1 terminal: escapes, not a crash."""
    data = str(CORPUS / "scripts-emoji.yaml")
    env = {"PYTHONIOENCODING": encoding}
    done = run(["show", "border", "--data", data], environment(COLUMNS="100", **env))
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode(encoding)  # strict: only what the terminal can show arrived
    assert "\\u0413\\u0440\\u0430\\u043d\\u0438\\u0446\\u0430" in text  # Граница
    assert "\\u0645\\u0635\\u0631" in text  # مصر
    done = run(["show", "граница", "--data", data], environment(**env))
    assert done.returncode == 0  # the argument decodes too
    done = run(["show", "нет", "--data", data], environment(**env))
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode(encoding).startswith("error: unknown issue '\\u043d\\u0435\\u0442'")
    done = run(["show", "border", "--json", "--data", data], environment(**env))
    assert done.returncode == 0
    title = '"title": "\\u0413\\u0440\\u0430\\u043d\\u0438\\u0446\\u0430"'
    assert title in done.stdout.decode("ascii")  # JSON escapes: valid and exact


@pytest.mark.parametrize(
    "env", [{"LANG": "C"}, {"LC_ALL": "C"}, {"LANG": "C", "LC_ALL": "POSIX"}], ids=str
)
def test_c_locale(env: dict[str, str]) -> None:
    """Python reads the C locale as UTF-8 (PEP 538, 540): the text comes out as it is."""
    done = run(
        ["show", "border", "--data", str(CORPUS / "scripts-emoji.yaml")],
        environment(COLUMNS="100", **env),
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert "Граница  contested" in done.stdout.decode("utf-8")
    assert "مصر" in done.stdout.decode("utf-8")


# --- colour -------------------------------------------------------------------------------------


def in_a_terminal(args: list[str], env: Mapping[str, str]) -> str:
    """What a terminal (a pseudo-terminal, 100 x 40) would receive from the program."""
    controller, terminal = pty.openpty()
    os.set_blocking(controller, True)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    process = subprocess.Popen(
        [*POSITIONS, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError as e:  # EIO: the program closed its end
            if e.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None
    assert process.stderr.read() == b""
    process.stderr.close()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


HOSTILE = ["show", "border", "--no-pager", "--data", str(CORPUS / "ansi-osc-escapes.yaml")]


def test_terminal_gets_colour_by_default() -> None:
    """The baseline that makes the NO_COLOR test meaningful: a terminal is coloured."""
    out = in_a_terminal(HOSTILE, environment())
    assert COLOUR.search(out) is not None
    assert UNSAFE.findall(SGR.sub("", out)) == []


def test_no_color_is_honoured() -> None:
    """NO_COLOR on a real terminal: no colour, and (this tool's choice) no escape at all."""
    out = in_a_terminal(HOSTILE, environment(NO_COLOR="1"))
    assert "\x1b" not in out
    assert UNSAFE.findall(out) == []
    assert "North \\x1b]0;pwned\\x07" in out  # the data's escapes are shown as text


def test_force_color_colours_a_pipe_but_data_stays_inert() -> None:
    done = run(HOSTILE, environment(FORCE_COLOR="1", COLUMNS="120"))
    assert (done.returncode, done.stderr) == (0, b"")
    out = done.stdout.decode("utf-8")
    assert COLOUR.search(out) is not None
    assert UNSAFE.findall(SGR.sub("", out)) == []
    assert "\x1b]" not in out  # no OSC (title, hyperlink, clipboard) at all
    assert "\\x1b[31mred\\x1b[0m" in SGR.sub("", out)


def test_no_colour_in_a_pipe() -> None:
    done = run(HOSTILE, environment())
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"\x1b" not in done.stdout


# --- width and hostile arguments -------------------------------------------------------------


READ_COMMANDS = [
    ["show", "border"],
    ["compare"],
    ["issues"],
    ["actors"],
    ["brief"],
    ["alignment"],
    ["deal"],
    ["history"],
    ["diff"],  # the file's first two actors are added
]


@pytest.mark.parametrize("columns", [20, 40, 80, 200])
@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: a[0])
def test_every_width(args: list[str], columns: int) -> None:
    """Hostile text on a terminal of each width: nothing unsafe reaches it, no line is
    wider than it (a crop would lose text silently), none ends in a space."""
    for name in ("scripts-emoji.yaml", "ansi-osc-escapes.yaml", "long-at-limits.yaml"):
        data = CORPUS / name
        chosen = [*args, *list(loader.load(data).actors)[:2]] if args == ["diff"] else args
        done = run([*chosen, "--data", str(data)], environment(COLUMNS=str(columns)))
        assert (done.returncode, done.stderr) == (0, b""), name
        out = done.stdout.decode("utf-8")
        assert UNSAFE.findall(out) == [], name
        assert max(cell_len(line) for line in out.splitlines()) <= columns, name
        assert [line for line in out.splitlines() if line != line.rstrip(" ")] == [], name


def test_hostile_argument_is_shown_inert() -> None:
    done = run(["show", "\x1b]0;pwned\x07\u202e"], environment())
    assert done.returncode == 1
    assert done.stderr == (
        b"error: unknown issue '\\x1b]0;pwned\\x07\\u202e'; run 'positions issues' to list them\n"
    )


# --- format 2's fields ---------------------------------------------------------------------

#: Markup, escapes, bidi and formulas planted in every text format 2 adds: a group's
#: name, a note, an evidence item's speaker and url, a condition's issue title.
HOSTILE_2 = r"""format: 2
title: Hostile format 2
sources:
  s: {name: "<script>alert('s')</script>", url: "https://example.org/s"}
actors:
  a: {name: "Mallory"}
  b: {name: "Bob", active: {until: 2020-01-01}}
groups:
  g: {name: "<script>alert('g')</script> \e]0;pwned\a | *g*", members: [a, b]}
issues:
  i: {title: "<b>Cond</b> | *x*", question: q}
  j: {title: J, question: q}
positions:
  - actor: a
    issue: j
    stance: support
    summary: s
    basis: inferred
    note: "<script>alert(2)</script> [x](javascript:alert(3)) \u202e \e[2J;=1+2"
    conditions: [{issue: i, outcome: adopted}]
    red_line: true
    evidence:
      - source: s
        quote: q
        speaker: "\e]0;pwned\a<img src=x onerror=alert(1)>|`x`"
        url: "https://example.org/a?b=\"><script>alert(4)</script>"
        date: 2025-01-01
      - source: s
        speaker: "=cmd|' /C calc'!A0"
        url: "https://example.org/b"
        quote: "@SUM(1)"
    date: 2025-01-02
"""


FORMAT_2_COMMANDS = [
    ["show", "j"],
    ["history"],
    ["actors"],
    ["alignment"],
    ["compare"],
    ["diff", "a", "b"],
    ["deal"],
    ["brief"],
]


@pytest.mark.parametrize("columns", [20, 40, 80])
@pytest.mark.parametrize("args", FORMAT_2_COMMANDS, ids=lambda a: a[0])
def test_format_2_fields_reach_the_terminal_inert(
    args: list[str], columns: int, tmp_path: Path
) -> None:
    """A note, a speaker, a url, a condition's issue and a group's name each carry an
    escape, a bidi override and markup: every view shows them as text."""
    data = tmp_path / "hostile2.yaml"
    data.write_text(HOSTILE_2, encoding="utf-8")
    done = run([*args, "--data", str(data)], environment(COLUMNS=str(columns)))
    assert (done.returncode, done.stderr) == (0, b"")
    out = done.stdout.decode("utf-8")
    assert UNSAFE.findall(out) == []
    assert "\x1b" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    joined = "".join(out.split())
    expected = {
        "show": ["\\x1b]0;pwned\\x07<img", "\\u202e", "<b>Cond</b>"],
        "history": ["\\x1b]0;pwned\\x07<img", "\\u202e", "=cmd|'"],
        "actors": ["<script>alert('g')</script>\\x1b]0;pwned\\x07|*g*"],
        "alignment": ["<script>alert('g')</script>\\x1b]0;pwned\\x07|*g*"],
    }.get(args[0], [])
    assert [text for text in expected if text not in joined] == []


def test_format_2_marks_survive_a_terminal_of_another_encoding(tmp_path: Path) -> None:
    """The marks are ASCII: a cp1252 or ASCII terminal shows them, with no escape."""
    trade2 = Path(__file__).parent / "data" / "trade2.yaml"
    for encoding in ("ascii", "cp1252"):
        done = run(
            ["compare", "--data", str(trade2)],
            environment(COLUMNS="100", PYTHONIOENCODING=encoding),
        )
        assert (done.returncode, done.stderr) == (0, b"")
        text = done.stdout.decode(encoding)
        row = "Tariff cuts          +     ++         0~   --!   x    .              ."
        assert row + "          contested" in text
        assert "x  not a party (outside its active window)" in text
        assert "\\u2500" not in text  # the rule under the heading falls back as tables do
        assert "\n" + "-" * 89 + "\n" in text
