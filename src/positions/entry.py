"""The process: start the one command asked for, and end without Python's teardown.

Two start-up tricks live here and only here, each measured in
docs/architecture.md: `app_for` builds only the command that runs (Typer turns
every command's signature into Click parameters on each start, about 12 ms
for all thirteen), and `exit_now` ends the process as soon as its output is
flushed (tearing down every module and object costs 15-20 ms and changes
nothing: files are closed and renamed before a command returns, no thread
runs, no atexit hook is registered; tests/test_entry.py holds all three).
"""

from __future__ import annotations

import contextlib
import copy
import errno
import io
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer

from positions.errors import ExitCode
from positions.text import printable


def main() -> None:
    """Console-script entry point."""
    from positions.cli import app

    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets an escape, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        app_for(app, sys.argv[1:])(prog_name="positions")
    except SystemExit as done:  # how Typer always ends, with the exit code
        exit_now(done.code)
    exit_now(0)


def exit_now(code: object) -> NoReturn:
    """Flush the output and end the process without the interpreter's teardown.

    Output still buffered is flushed first; a reader that went away is not an
    error, a full disk is one.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # what Python does with a SystemExit that carries a message
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as error:
            if error.errno != errno.EPIPE and stream is sys.stdout:
                with contextlib.suppress(OSError):
                    message = f"error: cannot write the output: {error.strerror or error}"
                    sys.stderr.write(printable(message) + "\n")
                    sys.stderr.flush()
                status = status or ExitCode.ERROR
        except ValueError:  # closed already
            pass
    os._exit(status)


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
