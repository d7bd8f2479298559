"""The process: start the one command asked for, and end without Python's teardown.

Two start-up tricks live here and only here, each measured in
docs/architecture.md: `app_for` builds only the command that runs (Typer turns
every command's signature into Click parameters on each start, about 12 ms
for all thirteen), and `exit_now` ends the process as soon as its output is
flushed (tearing down every module and object costs 15-20 ms and changes
nothing: files are closed and renamed before a command returns, no thread
runs, no atexit hook is registered; tests/test_entry.py holds all three).

The cyclic garbage collector is off for the whole command (`main`): a command
builds a data set of millions of objects and views of millions more, none of
them garbage, and the collector's passes over them cost more than they free
(brief on the UN-like benchmark: 16.6 s with it, 12.2 s without, the same peak
memory; history, compare --json and export html peak the same within 1%). The
process ends when the command does, so nothing is left to collect; the library
and the API leave the collector as they find it.

The process's edges live here too: a standard output that is closed or full is
one message and exit 1 (`_Output` knows a failed write to it from any other
OSError), SIGTERM and SIGHUP unwind like Ctrl-C so that no temporary file is
left behind (`Signalled`), and the store's warnings are one line on stderr.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import gc
import io
import os
import signal
import sys
import warnings
from collections.abc import Sequence
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

import typer

from positions import progress
from positions.errors import ExitCode
from positions.text import printable

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

#: What stderr says when a signal ends a command, as "interrupted" for Ctrl-C.
SIGNALS = {signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}
# And every other signal whose default is to end the process where it is (a
# temporary file would be left): `kill -USR1`, an alarm, a CPU limit (`ulimit -t`).
for _name, _said in (
    ("SIGUSR1", "user signal 1"), ("SIGUSR2", "user signal 2"), ("SIGALRM", "alarm clock"),
    ("SIGVTALRM", "virtual timer expired"), ("SIGPROF", "profiling timer expired"),
    ("SIGXCPU", "CPU time limit exceeded"),
):  # fmt: skip
    if hasattr(signal, _name):  # not on Windows
        SIGNALS[getattr(signal, _name)] = _said


class Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: raised where the program was, so that every with-block
    unwinds (a temporary file is removed) before the process ends with 128 + signal.

    A BaseException, like KeyboardInterrupt: nothing that handles errors catches it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Output(io.FileIO):
    """Standard output's file descriptor, remembering the error a write to it failed with:
    an OSError that escapes the command is reported as lost output only if it is that one."""

    failed: OSError | None = None

    def write(self, data: ReadableBuffer) -> int:
        try:
            return super().write(data)
        except OSError as error:
            self.failed = error
            raise


_output: _Output | None = None


def main() -> None:
    """Console-script entry point."""
    gc.disable()  # see the module's docstring
    _standard_output()
    _on_signals()
    warnings.showwarning = _warning
    from positions.cli import app

    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets an escape, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        app_for(app, sys.argv[1:])(prog_name="positions")
    except SystemExit as done:  # how Typer always ends, with the exit code
        exit_now(done.code)
    except Signalled as stop:
        _say(SIGNALS[signal.Signals(stop.signum)])
        exit_now(128 + stop.signum)
    except OSError as error:
        # --help or --version into a full disk or a closed stdout: Click's echo raised it.
        if _output is None or error is not _output.failed:
            raise
        _say(f"error: cannot write the output: {error.strerror or error}")
        exit_now(ExitCode.ERROR)
    exit_now(0)


def exit_now(code: object) -> NoReturn:
    """Flush the output and end the process without the interpreter's teardown.

    Output still buffered is flushed first; a reader that went away is not an
    error, a full disk is one. Output that failed already was reported where it
    failed, and is not tried again.
    """
    for signum in SIGNALS:  # from here on a signal ends the process at once
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signum, signal.SIG_DFL)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # what Python does with a SystemExit that carries a message
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None or (stream is sys.stdout and _output is not None and _output.failed):
            continue
        try:
            stream.flush()
        except OSError as error:
            if error.errno != errno.EPIPE and stream is sys.stdout:
                _say(f"error: cannot write the output: {error.strerror or error}")
                status = status or ExitCode.ERROR
        except ValueError:  # closed already
            pass
    os._exit(status)


def _say(message: str) -> None:
    """One line on stderr, if it can be written at all."""
    with progress.aside(), contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(printable(message) + "\n")
        sys.stderr.flush()


def _standard_output() -> None:
    """Make every write to stdout that fails known as such (`_Output`), and a closed one
    (`>&-`: Python then sets sys.stdout to None) a stream whose writes fail with EBADF.

    Descriptor 1 is never left free: the next file opened (the data file, an entry of
    the store) would get it, and what is meant for stdout would land in that file.
    """
    global _output
    old = sys.stdout
    if old is None:
        with contextlib.suppress(OSError):
            # Read-only: a write to it fails with EBADF, as a write to a closed stdout does.
            fd = os.open(os.devnull, os.O_RDONLY)
            if fd != 1:
                os.dup2(fd, 1)
                os.close(fd)
    elif not (
        os.name == "posix"
        and isinstance(old, io.TextIOWrapper)
        and isinstance(getattr(old.buffer, "raw", old.buffer), io.FileIO)
        and old.fileno() == 1
    ):
        return  # not the standard stream (a test runner's, Windows' console): left as it is
    try:
        _output = _Output(1, "w", closefd=False)
    except OSError:
        return
    buffered = old is None or not isinstance(old.buffer, io.FileIO)  # python -u: unbuffered
    binary: io.RawIOBase | io.BufferedWriter = io.BufferedWriter(_output) if buffered else _output
    sys.stdout = io.TextIOWrapper(
        binary,
        encoding=old.encoding if old is not None else "utf-8",
        errors="backslashreplace",
        newline="\n",
        line_buffering=old.line_buffering if old is not None else False,
        write_through=old.write_through if old is not None else False,
    )


def _on_signals() -> None:
    """SIGTERM and SIGHUP raise Signalled where the program is, unless they were ignored
    when the process started (nohup ignores SIGHUP, and that is kept)."""
    for signum in SIGNALS:
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _raise)


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Signalled(signum)


def _warning(message: Warning | str, *where: object, **more: object) -> None:
    """A warning is one line on stderr, as our messages are: no file, line or source."""
    _say(f"warning: {message}")


def app_for(app: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """The app to run `args`: when they start with a command's name, the app with only it.

    Help, completion, --version and mistyped commands get the whole app, so
    what they print is unchanged.
    """
    if not args or f"_{app.info.name}_COMPLETE".upper() in os.environ:
        return app
    for info in app.registered_commands:
        if info.callback is not None and args[0] == (
            info.name or typer.main.get_command_name(info.callback.__name__)
        ):
            one = copy.copy(app)
            one.registered_commands = [info]
            return one
    return app
