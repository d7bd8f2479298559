"""The command-line shell: parse arguments, call the core, pick a renderer.

Every error a user can cause arrives here as a PositionsError and leaves as
one message on stderr and exit code 1, in exactly one place (`_Group.invoke`).
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from positions import __version__
from positions.errors import DataError, ExitCode, PositionsError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from positions.model import Dataset

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


def _load(data: Path | None) -> Dataset:
    from positions import loader

    if data is None:
        return loader.load(loader.default_data_path())
    return loader.load(data, str(data))


def _split(values: list[str] | None) -> list[str] | None:
    """`--actors a,b --actors c` -> [a, b, c]; None when the option was not given."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


ActorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actors",
        "-a",
        metavar="A,B,...",
        help="Only these actors (ids, names, aliases or prefixes), comma-separated.",
        show_default=False,
    ),
]
IssuesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--issues",
        "-i",
        metavar="X,Y,...",
        help="Only these issues (ids, titles or prefixes), comma-separated.",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (keys documented in docs/json.md).")
]


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)


def _emit(view: object, as_json: bool, render: Callable[[Console], RenderableType]) -> None:
    """Print a view: as JSON, or through the terminal renderer."""
    if as_json:
        from positions.render.json import dumps

        sys.stdout.write(dumps(view))
        return
    console = _console()
    console.print(render(console))


def _selection(
    ds: Dataset, actors: list[str] | None, issues: list[str] | None
) -> tuple[list[str] | None, list[str] | None]:
    from positions import names

    actor_names, issue_names = _split(actors), _split(issues)
    return (
        None if actor_names is None else list(names.resolve_actors(ds, actor_names)),
        None if issue_names is None else list(names.resolve_issues(ds, issue_names)),
    )


@app.command("issues")
def issues_command(
    data: DataOption = None, as_of: AsOfOption = None, json: JsonOption = False
) -> None:
    """List the issues: how many actors have stated a position, and each status.

    Example:

        positions issues --as-of 2025-08-15
    """
    from positions import views
    from positions.render import terminal

    view = views.issues_view(_load(data), as_of)
    _emit(view, json, lambda _: terminal.issues(view))


@app.command("actors")
def actors_command(
    data: DataOption = None, as_of: AsOfOption = None, json: JsonOption = False
) -> None:
    """List the actors with their aliases and how many issues each has a position on.

    Example:

        positions actors --json
    """
    from positions import views
    from positions.render import terminal

    view = views.actors_view(_load(data), as_of)
    _emit(view, json, lambda _: terminal.actors(view))


@app.command()
def show(
    issue: Annotated[str, typer.Argument(help="Issue id, title or a unique prefix.")],
    data: DataOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Where every actor stands on one issue, side by side, with sources.

    Example:

        positions show donbas
        positions show "security" --as-of 2025-08-15
    """
    from positions import names, views
    from positions.render import terminal

    ds = _load(data)
    view = views.show_view(ds, names.resolve_issue(ds, issue), as_of)
    _emit(view, json, lambda _: terminal.show(view))


@app.command()
def diff(
    a: Annotated[str, typer.Argument(metavar="A", help="First actor (id, name, alias, prefix).")],
    b: Annotated[str, typer.Argument(metavar="B", help="Second actor.")],
    data: DataOption = None,
    as_of: AsOfOption = None,
    issues: IssuesOption = None,
    json: JsonOption = False,
) -> None:
    """Where two actors agree and clash, issue by issue, with their agreement score.

    Example:

        positions diff russia ukraine
        positions diff US Europe --issues donbas,nato
    """
    from positions import names, views
    from positions.render import terminal

    ds = _load(data)
    first, second = names.resolve_actor(ds, a), names.resolve_actor(ds, b)
    _, chosen = _selection(ds, None, issues)
    view = views.diff_view(ds, first, second, as_of, chosen)
    _emit(view, json, lambda _: terminal.diff(view))


@app.command()
def compare(
    data: DataOption = None,
    as_of: AsOfOption = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    json: JsonOption = False,
) -> None:
    """The whole picture: every issue against every actor, with each issue's status.

    Example:

        positions compare
        positions compare --actors russia,ukraine,us --issues donbas,nato
    """
    from positions import views
    from positions.render import terminal

    ds = _load(data)
    chosen_actors, chosen_issues = _selection(ds, actors, issues)
    view = views.compare_view(ds, as_of, chosen_actors, chosen_issues)
    _emit(view, json, lambda console: terminal.compare(view, console.width))


@app.command()
def alignment(
    data: DataOption = None,
    as_of: AsOfOption = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Lowest average agreement that joins two groups into a coalition.",
        ),
    ] = 0.75,
    json: JsonOption = False,
) -> None:
    """Who is lined up with whom: the agreement matrix and the coalitions it implies.

    Example:

        positions alignment
        positions alignment --threshold 0.9 --json
    """
    from positions import views
    from positions.render import terminal

    ds = _load(data)
    chosen_actors, chosen_issues = _selection(ds, actors, issues)
    view = views.alignment_view(ds, as_of, chosen_actors, chosen_issues, threshold)
    _emit(view, json, lambda console: terminal.alignment(view, console.width))


@app.command()
def deal(
    data: DataOption = None,
    as_of: AsOfOption = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    json: JsonOption = False,
) -> None:
    """Where a deal is within reach, who blocks it, and who has not spoken.

    Example:

        positions deal
        positions deal --actors russia,ukraine,us
    """
    from positions import views
    from positions.render import terminal

    ds = _load(data)
    chosen_actors, chosen_issues = _selection(ds, actors, issues)
    view = views.deal_view(ds, as_of, chosen_actors, chosen_issues)
    _emit(view, json, lambda _: terminal.deal(view))


@app.command()
def history(
    actor: Annotated[
        str | None,
        typer.Argument(metavar="[ACTOR]", help="Only this actor.", show_default=False),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option("--issue", metavar="ISSUE", help="Only this issue.", show_default=False),
    ] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Positions over time, with every change of stance marked as a shift.

    Example:

        positions history
        positions history us --issue peace
    """
    from positions import names, views
    from positions.render import terminal

    ds = _load(data)
    actors = None if actor is None else [names.resolve_actor(ds, actor)]
    issues = None if issue is None else [names.resolve_issue(ds, issue)]
    view = views.history_view(ds, as_of, actors, issues)
    _emit(view, json, lambda _: terminal.history(view))


@app.command()
def brief(data: DataOption = None, as_of: AsOfOption = None, json: JsonOption = False) -> None:
    """A one-screen briefing in plain words: consensus, clashes, deals, shifts, gaps.

    Example:

        positions brief
        positions brief --as-of 2025-08-15
    """
    from positions import views
    from positions.render import terminal

    view = views.brief_view(_load(data), as_of)
    _emit(view, json, lambda _: terminal.brief(view))


class ExportFormat(str, enum.Enum):
    csv = "csv"
    md = "md"
    json = "json"
    html = "html"


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="csv, md (Markdown), json or html.", case_sensitive=False
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE ('-' for stdout). Required for html; default stdout otherwise.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="CSV only: the issues x actors matrix, one row per issue."),
    ] = False,
    data: DataOption = None,
    as_of: AsOfOption = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
) -> None:
    """Export the comparison as CSV, Markdown, JSON or a self-contained HTML report.

    Files are written atomically: a failed export never leaves a partial file,
    and an existing file is only replaced with --force.

    Example:

        positions export --format csv > positions.csv
        positions export --format html --output report.html --as-of 2025-08-16
    """
    from positions import export as exporter
    from positions import views

    if wide and format is not ExportFormat.csv:
        raise typer.BadParameter("--wide applies to --format csv only", param_hint="--wide")
    if format is ExportFormat.html and output in (None, "-"):
        raise typer.BadParameter(
            "an HTML report is a file: give --output FILE, e.g. --output report.html",
            param_hint="--output",
        )
    ds = _load(data)
    chosen_actors, chosen_issues = _selection(ds, actors, issues)
    view = views.report_view(ds, as_of, chosen_actors, chosen_issues)
    text = exporter.render(format.value, view, wide=wide)
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        exporter.write(Path(output), text, force=force)
        _stderr(f"wrote {output}")


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
    """Check a data file: every problem, with its line and column.

    Exits with status 0 and prints a count when the file is valid, or lists
    every problem and exits with status 1.

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
