"""The command-line shell: parse arguments, call the core, pick a renderer.

Every error a user can cause arrives here as a PositionsError and leaves as
one message on stderr and exit code 1, in exactly one place (`_Group.invoke`).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from positions import __version__
from positions.errors import DataError, ExitCode, PositionsError

#: Data problems printed before the rest are summarised in one line.
MAX_PROBLEMS_SHOWN = 50


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _report(error: PositionsError) -> None:
    if isinstance(error, DataError):
        problems = error.problems
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            _stderr(f"error: {problem}")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            _stderr(f"error: ... and {len(problems) - MAX_PROBLEMS_SHOWN:,} more problems")
        noun = "problem" if len(problems) == 1 else "problems"
        _stderr(f"{len(problems):,} {noun} found; the data file was not used")
    else:
        _stderr(f"error: {error}")


class _Group(TyperGroup):
    """Lists commands in the order a newcomer needs them; turns our errors into exit 1."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PositionsError as error:
            _report(error)
            raise typer.Exit(ExitCode.ERROR) from None
        except KeyboardInterrupt:
            _stderr("interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None


app = typer.Typer(
    cls=_Group,
    name="positions",
    help=(
        "See where each party to a negotiation stands on each issue, where they agree, "
        "where they clash, and how that changed.\n\n"
        "Without --data it reads the bundled data set on the Donbas question around the "
        "August 2025 Alaska summit."
    ),
    epilog="Start with: positions issues, then positions show donbas.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"positions {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """See where each party to a negotiation stands on each issue."""


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="FILE",
        help="Negotiation data file (YAML). Default: $POSITIONS_DATA, else the bundled one.",
        show_default=False,
    ),
]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise typer.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2025-08-15")


AsOfOption = Annotated[
    dt.date | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        parser=_parse_date,
        help="Show positions as they stood on this date.",
        show_default=False,
    ),
]


def _load(data: Path | None) -> Any:
    from positions import loader

    if data is None:
        return loader.load(loader.default_data_path())
    return loader.load(data, str(data))


@app.command()
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="Data file to check. Default: $POSITIONS_DATA, else the bundled one.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a data file and report every problem in it, with its line and column.

    Example:

        positions validate my-negotiation.yaml
    """
    dataset = _load(file)
    typer.echo(
        f"ok: {len(dataset.actors)} actors, {len(dataset.issues)} issues, "
        f"{len(dataset.positions)} positions"
    )


def main() -> None:
    """Console-script entry point."""
    app(prog_name="positions")
