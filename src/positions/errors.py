"""The project's own errors: everything a user can cause, and the exit codes."""

import enum
from collections.abc import Sequence
from typing import NamedTuple


class ExitCode(enum.IntEnum):
    OK = 0
    ERROR = 1  # bad data, failed look-up, unwritable output
    USAGE = 2  # Typer/Click's own code for bad arguments
    INTERRUPTED = 130


class Problem(NamedTuple):
    """One located problem in a data file. Line and column count from 1."""

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class PositionsError(Exception):
    """Base of every error a user can cause; its text is the whole message."""


class DataError(PositionsError):
    """A data file that cannot be used, with every problem found in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LookupFailed(PositionsError):
    """A name on the command line that matches no actor or issue, or several."""


class OutputError(PositionsError):
    """An output path that cannot be written."""
