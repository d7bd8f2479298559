"""The progress line: on a terminal only, after a second, wiped before any output."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from positions import loader, progress
from positions.cli import _progress_stream
from positions.settings import Settings


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_shows_the_stage_and_its_part_then_is_wiped() -> None:
    out = Terminal()
    with progress.shown(out, delay=0.0):
        progress.stage("checking votes.csv", 200)
        progress.advance(50)
        deadline = time.monotonic() + 5
        while "25%" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    text = out.getvalue()
    assert "\r\x1b[Kchecking votes.csv  [#####---------------]  25%  0 s" in text
    assert text.endswith("\r\x1b[K")  # nothing of it is left on the screen


def test_quick_work_draws_nothing() -> None:
    out = Terminal()
    with progress.shown(out):  # the default: a second before the first drawing
        progress.stage("checking t.yaml", 10)
        progress.advance(10)
    assert out.getvalue() == ""


def test_without_a_line_stage_and_advance_do_nothing() -> None:
    progress.stage("checking", 3)
    progress.advance(2)
    assert progress._current is None


def test_a_stage_without_a_count_shows_the_time_and_data_text_stays_text() -> None:
    line = progress._Line(Terminal(), 0.0)
    progress._current = line
    try:
        progress.stage("checking \x1b[2Jevil.csv")
    finally:
        progress._current = None
    assert line.text(80) == "checking \\x1b[2Jevil.csv...  0 s"
    # A narrow terminal shortens the name from its start, never the time or the count,
    # and the line never reaches the last column.
    assert line.text(30) == "...ng \\x1b[2Jevil.csv...  0 s"
    assert line.text(10) == "...  0 s"


def test_a_wide_name_is_cut_by_cells_not_characters() -> None:
    line = progress._Line(Terminal(), 0.0)
    line.what, line.total, line.done = "checking " + "\u6570" * 30 + ".csv", 10, 5
    assert line.text(60) == (
        "..." + "\u6570" * 9 + ".csv  [##########----------]  50%  0 s"
    )  # 59 cells: each of those letters takes two


def test_a_message_written_aside_wipes_the_line_first() -> None:
    out = Terminal()
    with progress.shown(out, delay=0.0):
        progress.stage("checking votes.csv", 10)
        deadline = time.monotonic() + 5
        while "checking" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        with progress.aside():
            out.write("warning: not using the cache\n")
    text = out.getvalue()
    assert "\r\x1b[Kwarning: not using the cache\n" in text


def test_nested_lines_keep_the_outer_one() -> None:
    out = Terminal()
    with progress.shown(out):
        outer = progress._current
        with progress.shown(Terminal()):
            assert progress._current is outer
    assert progress._current is None


def test_the_library_never_draws(tmp_path: Path) -> None:
    """Loading through the API with no line open: the hooks are no-ops."""
    data = "actor,issue,stance,date\n" + "".join(
        f"a{n % 50},i{n // 50},support,2020-01-01\n" for n in range(9_000)
    )
    ds = loader.parse(data.encode(), "votes.csv")
    assert len(ds.positions) == 9_000
    assert progress._current is None


@pytest.mark.parametrize(
    ("environ", "tty", "wanted"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"POSITIONS_NO_PROGRESS": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
        ({"POSITIONS_NO_PROGRESS": "0"}, True, True),
    ],
)
def test_the_line_goes_to_a_terminal_only(
    environ: dict[str, str], tty: bool, wanted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    got = _progress_stream(Settings.from_environ(environ))
    assert (got is stream) == wanted


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_quick_command_on_a_terminal_shows_no_line() -> None:
    """stderr a real terminal: the default data loads in well under a second."""
    controller, device = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "POSITIONS_NO_PROGRESS"}
    env["POSITIONS_NO_CACHE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "positions", "validate"],
        stdout=subprocess.PIPE,
        stderr=device,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(device)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert done.returncode == 0
    assert done.stdout.startswith(b"ok: ")
    assert b"\x1b[K" not in seen
