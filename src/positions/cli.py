"""The command-line shell: parse arguments, call the core, pick a renderer.

Every error a user can cause arrives here as a PositionsError and leaves as
one message on stderr and exit code 1, in exactly one place (`_Group.invoke`);
POSITIONS_TRACEBACK=1 re-raises it instead, to debug a message. The steps the
read commands share (open the data, build the view, print it as JSON or as a
table) are one helper, `_run`. Heavy modules (the loader, rich, the renderers)
are imported inside the commands, so `positions --help` and a single look-up
start fast. The process itself starts and ends in positions.entry.
"""

import contextlib
import datetime as dt
import enum
import errno
import inspect
import os
import stat
import sys
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TextIO

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup

from positions import __version__
from positions.errors import (
    MAX_PROBLEMS,
    DataError,
    ExitCode,
    LookupFailed,
    OutputError,
    PositionsError,
)
from positions.settings import Settings
from positions.text import and_list, plural, printable

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.pager import Pager

    from positions.model import Catalog, Dataset
    from positions.store import Stored

#: Data problems printed before the rest are summarised in one line (`validate --all`:
#: every one, which a command sets in the context's meta under _ALL_PROBLEMS).
MAX_PROBLEMS_SHOWN = 50
_ALL_PROBLEMS = "positions.all_problems"

#: The narrowest and widest terminal the tables are laid out for; COLUMNS beyond
#: them is taken as the nearest, COLUMNS=0 as unknown (80).
MIN_WIDTH, MAX_WIDTH = 20, 1000

#: The order of `positions --help`: what a newcomer needs first.
COMMAND_ORDER = (
    "issues", "show", "compare", "diff", "actors", "brief", "alignment", "deal", "landing",
    "trades", "history", "changes",
    "export", "validate", "init", "schema",
)  # fmt: skip


def _stderr(text: str) -> None:
    """One message, on one line: a line break inside it (a file name may hold one)
    is escaped like every control character, so no part of it can pass for
    another `FILE:LINE:COL:` line that an editor or CI would follow."""
    from positions import progress

    with progress.aside():
        sys.stderr.write(printable(text) + "\n")
        sys.stderr.flush()


def _report(error: PositionsError, shown: int | None = MAX_PROBLEMS_SHOWN) -> None:
    """`error` on stderr; of a data file's problems, the first `shown` (None: all), and
    the one where checking stopped, if it did."""
    if isinstance(error, DataError):
        # FILE:LINE:COL: message, as compilers print it, so editors can jump there.
        problems = error.problems
        files = list(dict.fromkeys(p.file for p in problems))  # a header's, then its table's
        where = f" in {and_list(files)}" if files else ""
        last = problems[-1:] if error.stopped else ()
        listed = problems[: len(problems) - len(last)]
        for problem in listed[:shown]:
            _stderr(str(problem))
        if shown is not None and len(listed) > shown:
            rest = plural(len(listed) - shown, "more problem")
            named = "-" if error.file == "<stdin>" else _shell_word(error.file or "FILE")
            _stderr(f"... and {rest}: 'positions validate --all {named}' lists them")
        for problem in last:
            _stderr(str(problem))
        # The notice that checking stopped at the cap is not a problem of the file.
        counted = len(listed) if error.capped else len(problems)
        stopped = " before checking stopped" if error.stopped else ""
        _stderr(f"{plural(counted, 'problem')} found{where}{stopped}")
    elif isinstance(error, LookupFailed):
        # One line per name that failed (`--actors xx,zz`); each made inert by positions.names.
        first, *more = str(error).split("\n")
        _stderr(f"error: {first}")
        for line in more:
            _stderr(line)
    else:
        _stderr(f"error: {error}")


def _inert(error: UsageError) -> UsageError:
    """A usage error as one printable line (`Choose from:` lists its choices on lines
    of their own), shown with the same usage and hint as Click's."""
    error.message = printable(" ".join(error.format_message().split()))
    error.format_message = lambda: error.message  # type: ignore[method-assign]
    return error


class _Safe:
    """What Click and Typer print themselves, made as inert as our own messages:
    a usage error quotes what was typed (`No such option: --x`), so its message is
    escaped like data, bidi controls included, and shell completion goes through
    positions.completion (Typer's renders names from the data as rich markup)."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except UsageError as error:
            raise _inert(error) from None

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        if any(name.endswith("_COMPLETE") for name in os.environ):  # only then: 1 ms
            from positions import completion

            completion.register()
        super()._main_shell_completion(*args, **kwargs)  # type: ignore[misc]


class _Group(_Safe, TyperGroup):
    """Lists commands in the order a newcomer needs them; turns our errors into exit 1."""

    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(self.commands, key=lambda name: rank.get(name, len(rank)))

    def invoke(self, ctx: Any) -> Any:
        ctx.obj = settings = Settings.from_environ()
        try:
            return super().invoke(ctx)
        except PositionsError as error:
            if settings.traceback:
                raise
            _report(error, None if ctx.meta.get(_ALL_PROBLEMS) else MAX_PROBLEMS_SHOWN)
            raise typer.Exit(ExitCode.ERROR) from None
        except UsageError as error:  # raised by a command's own checks, or a bad command name
            raise _inert(error) from None
        except KeyboardInterrupt:
            _stderr("interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None


class _Command(_Safe, TyperCommand):
    """A command whose usage line reads as usage: `show [OPTIONS] ISSUE`, where Typer
    writes a required argument as `{ISSUE}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


app = typer.Typer(
    cls=_Group,
    name="positions",
    help=(
        "See where each party to a negotiation stands on each issue, where they agree, "
        "where they clash, and how that changed.\n\n"
        "Without --data it reads the bundled data set on the Donbas question around the "
        "August 2025 Alaska summit; `positions init FILE` starts a negotiation of your own."
    ),
    epilog="Start with: positions issues, then positions show donbas.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- loading and names ---------------------------------------------------------------


def _settings(ctx: typer.Context) -> Settings:
    """This run's settings: built once by `_Group.invoke` (shell completion, which runs
    before it, reads them afresh)."""
    found = ctx.find_object(Settings)
    return found if found is not None else Settings.from_environ()


def _data_path(ctx: typer.Context, data: Path | None) -> Path:
    """The data file in use: --data, else $POSITIONS_DATA, else the bundled one."""
    from positions import datafile

    return data or _settings(ctx).data or datafile.bundled_path()


def _not_over_the_data(output: str, source: Path, opened: "Stored") -> None:
    """--force replaces a file, never one the data is read from: the data file (on
    standard input too, when that is a file), the positions table it names, a source's
    text (`file:`, beside the data file; one not there yet would be read from there)."""
    stdin = str(source) == "-"
    base = Path.cwd() if stdin else source.parent
    read: list[tuple[str, Path | int]] = [("the data file itself", 0 if stdin else source)]
    read += [("the positions table the data file names", path) for path in opened.files]
    read += [
        (f"the text of source '{s.id}'", base / s.file)
        for s in opened.catalog.sources.values()
        if s.file is not None
    ]
    for what, path in read:
        with contextlib.suppress(OSError, ValueError):
            if isinstance(path, int):  # standard input: the file it was given, if any
                same = os.path.samestat(os.fstat(path), os.stat(output))
            else:  # one file by its links (a link to none yet: where it would be), or a hard link
                same = os.path.realpath(output) == os.path.realpath(path) or (
                    os.path.exists(path)
                    and os.path.exists(output)
                    and os.path.samefile(output, path)
                )
            if same:
                raise OutputError(
                    f"{output}: it is {what}, which the export would replace; give another file"
                )


def _shell_word(name: str) -> str:
    """A file name as a command to copy would name it: quoted for a shell, after './'
    where it starts with '-' (else an option), or FILE where it holds what cannot be
    shown as it is (a line break would end a comment)."""
    import shlex

    if printable(name) != name:
        return "FILE"
    return shlex.quote(f"./{name}" if name.startswith("-") else name)


def _open(
    ctx: typer.Context, data: Path | None, no_cache: bool = False, quiet: bool = False
) -> "Stored":
    """The data file named by --data, $POSITIONS_DATA or the bundled file, through
    the store of checked files unless --no-cache or $POSITIONS_NO_CACHE says not; a
    progress line on a terminal while a large one loads, unless `quiet`."""
    from positions import datafile, progress, store

    settings = _settings(ctx)
    path = _data_path(ctx, data)
    with progress.shown(None if quiet else _progress_stream(settings)):
        if str(path) == "-":  # stdin: read once, never stored
            from positions import loader

            if sys.stdin is None:  # Python's stdin when descriptor 0 is closed
                raise PositionsError("<stdin>: standard input is closed; give a data file instead")
            dataset = loader.parse(datafile.read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>")
            return store.Stored(dataset, dataset)
        return store.open_data(path, str(path), None if no_cache else settings.cache_dir)


def _progress_stream(settings: Settings) -> TextIO | None:
    """Where the progress line goes: stderr, when it is a terminal and progress is on."""
    stream = sys.stderr
    if not settings.progress or stream is None:
        return None
    try:
        return stream if stream.isatty() else None
    except (OSError, ValueError):  # a closed stderr
        return None


def _completion_dataset(ctx: typer.Context) -> "Catalog | None":
    """The data set a completion refers to (names only), or None when it cannot be read."""
    # A Path, or still the typed text in some Typer versions; after the command or before it.
    data = ctx.params.get("data") or (ctx.parent.params.get("data") if ctx.parent else None)
    path = _data_path(ctx, Path(data) if isinstance(data, (str, Path)) and data else None)
    # Only a regular file: stdin (`-`) is the terminal a Tab is typed in, and a FIFO
    # would block the shell until someone writes to it.
    with contextlib.suppress(OSError, ValueError):
        if str(path) != "-" and stat.S_ISREG(os.stat(path).st_mode):
            try:
                with _open(ctx, path, quiet=True) as stored:
                    return stored.catalog
            except PositionsError:
                pass
    return None


def _completer(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Shell completion of an actor's or an issue's name, from the data file in use."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from positions import names
        from positions.completion import insertable

        ds = _completion_dataset(ctx)
        if ds is None:
            return []
        if kind == "issue":
            return names.complete_issue(ds, incomplete, insertable)
        return names.complete_actor(ds, incomplete, insertable, groups=kind == "actors")

    return complete


_complete_actor, _complete_issue = _completer("actor"), _completer("issue")
_complete_actors = _completer("actors")  # an item of --actors: an actor or a group


def _complete_list(
    complete: Callable[[typer.Context, str], list[tuple[str, str]]],
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Complete the last item of a comma-separated list, keeping the ones before it."""

    def completer(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        head, _, last = incomplete.rpartition(",")
        prefix = f"{head}," if head else ""
        return [(prefix + value, help) for value, help in complete(ctx, last)]

    return completer


def _split(values: list[str] | None) -> list[str] | None:
    """`--actors a,b --actors c` -> [a, b, c]; None when the option was not given."""
    if values is None or values == []:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _selection(
    stored: "Stored", actors: list[str] | None, issues: list[str] | None
) -> tuple[list[str] | None, list[str] | None]:
    from positions import names

    actor_names, issue_names = _split(actors), _split(issues)
    for option, chosen in (("--actors", actor_names), ("--issues", issue_names)):
        if chosen == []:
            listing = "positions actors" if option == "--actors" else "positions issues"
            raise typer.BadParameter(
                f"selects nothing; name at least one, as '{listing}' lists them",
                param_hint=option,
            )
    return (
        None if actor_names is None else list(names.resolve_actors(stored.catalog, actor_names)),
        None if issue_names is None else _issue_ids(stored, issue_names),
    )


def _issue_ids(stored: "Stored", texts: list[str]) -> list[str]:
    """The issues `texts` name among those --tag keeps, each once, first mention first.
    A name is looked up in the whole data first, so that an issue --tag leaves out is
    said to be (with its tags), never called unknown nor taken for another it prefixes;
    one the whole data cannot tell (a prefix of several) among the issues kept."""
    from positions import names

    kept, whole = stored.catalog, stored.whole.catalog
    if whole is kept:
        return list(names.resolve_issues(kept, texts))
    found: list[str] = []
    said: list[str] = []  # each name that failed, a line, as resolve_issues says them
    for text in dict.fromkeys(texts):
        try:
            (issue,) = names.resolve_issues(whole, [text])
        except LookupFailed:
            try:
                found += names.resolve_issues(kept, [text])
            except LookupFailed as failed:
                said.append(str(failed))
            continue
        if issue in kept.issues:
            found.append(issue)
        else:
            tags = ", ".join(whole.issues[issue].tags) or "none"
            said.append(
                f"issue {names.quoted(issue)} has none of the tags --tag gives; its tags: {tags}"
            )
    if said:
        raise LookupFailed("\n".join(said))
    return list(dict.fromkeys(found))


def _narrowed(stored: "Stored", tags: list[str] | None, reported_only: bool) -> "Stored":
    """`stored`, or only its issues with one of `tags` (`--tag a,b`), and only its
    reported positions (`--reported-only`)."""
    from positions import views

    wanted = _split(tags)
    if wanted is None:
        return stored.narrowed(None, reported_only)
    if not wanted:
        raise typer.BadParameter(
            "selects nothing; name at least one, e.g. security", param_hint="--tag"
        )
    return stored.narrowed(views.tagged(stored.catalog, wanted), reported_only)


def _window(
    since: dt.date | None, until: dt.date | None, as_of: dt.date | None, against: bool
) -> tuple[dt.date | None, dt.date | None]:
    """`changed.window` as the options name it, its refusal a usage error."""
    from positions import changed

    try:
        return changed.window(since, until, as_of, against, ("--since", "--until", "--as-of"))
    except PositionsError as wrong:
        raise typer.BadParameter(str(wrong)) from None


def _union(first: list[str], more: list[str] | None) -> list[str]:
    """`first` and then `more`, each id once, in the order given."""
    return list(dict.fromkeys([*first, *(more or [])]))


def _parse_date(value: str | None) -> dt.date | None:
    from positions import fields

    if value is None:
        return None
    day = fields.day_of(value)
    if day is not None:
        return day
    if fields.DAY.fullmatch(value):
        raise typer.BadParameter(f"{value} is not a day of the calendar")
    raise typer.BadParameter(
        f"'{printable(value)}' is not a date; write it as YYYY-MM-DD, e.g. 2025-08-15"
    )


class Period(str, enum.Enum):
    year = "year"
    month = "month"


# The orders of views.COMPARE_SORTS and views.ALIGNMENT_SORTS (a test holds them equal):
# written out so that starting the app does not import the views.
class CompareSort(str, enum.Enum):
    file = "file"
    divided = "divided"
    stated = "stated"
    recent = "recent"


class AlignmentSort(str, enum.Enum):
    closest = "closest"
    distant = "distant"
    shared = "shared"


def _top_option(what: str) -> Any:
    return typer.Option("--top", metavar="N", min=1, help=what, show_default=False)


# --- options shared by the commands ---------------------------------------------------

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="FILE",
        help="Negotiation data file (YAML, or a tidy CSV table; '-' reads stdin). "
        "Default: $POSITIONS_DATA, else the bundled one.",
        show_default=False,
        readable=False,  # the loader says what is wrong with it, with exit code 1
    ),
]
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
ActorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actors",
        "-a",
        metavar="A,B,...",
        help="Only these actors (ids, names, aliases or prefixes) or groups, comma-separated.",
        show_default=False,
        autocompletion=_complete_list(_complete_actors),
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
        autocompletion=_complete_list(_complete_issue),
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG,...",
        help="Only the issues with one of these tags (format 2's `tags:`), comma-separated.",
        show_default=False,
    ),
]
ReportedOption = Annotated[
    bool,
    typer.Option(
        "--reported-only",
        help="Leave out the positions marked indirect or inferred (format 2's `basis:`): "
        "only what a source reports a party saying.",
    ),
]
UnweightedOption = Annotated[
    bool,
    typer.Option(
        "--unweighted",
        help="Count every shared issue alike, ignoring format 2's salience "
        "(the agreement of a file without salience).",
    ),
]
MinSharedOption = Annotated[
    int | None,
    typer.Option(
        "--min-shared",
        metavar="N",
        min=1,
        help="Rank a pair, or put two actors in one coalition, only when they share "
        "at least N stated issues. Default: 2 when any pair does, else 1.",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (keys documented in docs/json.md).")
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read and check the data file afresh, without the cache of checked files.",
    ),
]
PagerOption = Annotated[
    bool,
    typer.Option("--no-pager", help="Never page long output (it is paged only on a terminal)."),
]


# --- the app's own options ----------------------------------------------------------


def _a_number(value: float) -> float:
    """A float option's value, refused when it is `nan` (which every range admits)."""
    if value != value:
        raise typer.BadParameter("is not a number; give one from 0 to 1, e.g. 0.75")
    return value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"positions {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """See where each party to a negotiation stands on each issue."""
    # Given before the command (`positions --data F show x`), these hold for it
    # unless it is given them again after its name.
    if data is not None or no_cache:
        settings = _settings(ctx)
        ctx.obj = settings._replace(
            data=data or settings.data, cache_dir=None if no_cache else settings.cache_dir
        )


# --- output -------------------------------------------------------------------------------


def _write_file_format(format: str, text: str | Iterable[str]) -> None:
    """Write a file format (an export, the schema), whole or a piece at a time as it
    is made, to stdout: UTF-8 whatever the locale says, escaped as the format allows
    on a terminal of another encoding (positions.export.encoded), so that it stays
    valid wherever it goes."""
    from positions.export import encoded_chunks

    with _stdout():
        sys.stdout.flush()
        terminal = sys.stdout.encoding if sys.stdout.isatty() else None
        for data in encoded_chunks(format, [text] if isinstance(text, str) else text, terminal):
            sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@contextlib.contextmanager
def _stdout() -> Iterator[None]:
    """Turn a failed write to stdout (a full disk, a closed file) into one message.

    A reader that went away (`| head -1`) is not an error: Typer already ends
    quietly on a broken pipe, so that one passes through.
    """
    try:
        yield
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def _console(settings: Settings) -> "Console":
    from rich.console import Console

    # Data never goes through markup, emoji codes or highlighting (see render/terminal.py).
    # FORCE_COLOR and TERM are honoured by rich itself; NO_COLOR is taken further than
    # rich takes it: no escape codes at all, bold included.
    colour: dict[str, Any] = {} if settings.colour else {"color_system": None}
    console = Console(highlight=False, emoji=False, markup=False, width=settings.width, **colour)
    # rich takes COLUMNS=0 (or a terminal reporting 0) as a width of 0, which prints
    # nothing, and a huge one as a table that size: use a width a layout can fill.
    if not MIN_WIDTH <= console.width <= MAX_WIDTH:
        console.width = max(MIN_WIDTH, min(console.width, MAX_WIDTH)) if console.width else 80
    return console


class Look(NamedTuple):
    """What a read command shows: its view, built from the data, and how a terminal
    draws that view (given the width)."""

    build: "Callable[[Stored], Any]"
    render: "Callable[[Any, int], RenderableType]"


def _shared(name: str, annotation: object, default: object) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


# The options of every read command, before and after the command's own options.
_BEFORE = (
    _shared("data", DataOption, None),
    _shared("no_cache", NoCacheOption, False),
    _shared("as_of", AsOfOption, None),
    _shared("tag", TagOption, None),
    _shared("reported_only", ReportedOption, False),
)
_AFTER = (_shared("json", JsonOption, False), _shared("no_pager", PagerOption, False))
_CTX = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)


def _reads(name: str | None = None) -> Callable[[Callable[..., Look]], Callable[..., None]]:
    """Register a read command: `func` takes its own arguments and options, and `as_of`,
    and says what to show. The options every read command shares are added to its
    signature here, in the order --help lists them (sqlite-utils shares its options
    the same way), and `_run` does the rest."""

    def register(func: Callable[..., Look]) -> Callable[..., None]:
        parameters = inspect.signature(func).parameters
        wants_ctx = "ctx" in parameters  # a command that opens a second file
        own = [p for p in parameters.values() if p.name not in ("as_of", "ctx")]
        arguments = [p for p in own if _is_argument(p)]
        options = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own if p not in arguments
        ]

        def command(
            ctx: typer.Context,
            *,
            data: Path | None,
            no_cache: bool,
            as_of: dt.date | None,
            tag: list[str] | None,
            reported_only: bool,
            json: bool,
            no_pager: bool,
            **given: Any,
        ) -> None:
            look = func(as_of=as_of, **({"ctx": ctx} if wants_ctx else {}), **given)
            _run(ctx, data, no_cache, json, no_pager, look, tag, reported_only)

        command.__name__, command.__doc__ = func.__name__, func.__doc__
        command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [_CTX, *arguments, *_BEFORE, *options, *_AFTER]
        )
        app.command(name, cls=_Command)(command)
        return command

    return register


def _is_argument(parameter: inspect.Parameter) -> bool:
    return any(
        isinstance(a, typer.models.ArgumentInfo) for a in typing.get_args(parameter.annotation)
    )


def _run(
    ctx: typer.Context,
    data: Path | None,
    no_cache: bool,
    as_json: bool,
    no_pager: bool,
    look: Look,
    tags: list[str] | None = None,
    reported_only: bool = False,
) -> None:
    """What every read command does: open the data, build its view, print it as JSON
    or through its terminal renderer, paged when long."""
    from positions import progress

    with progress.shown(_progress_stream(_settings(ctx))), _open(ctx, data, no_cache) as stored:
        progress.stage("working out the view")
        view = look.build(_narrowed(stored, tags, reported_only))
    if as_json:
        from positions.render.json import dumps

        encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
        with _stdout():
            sys.stdout.write(dumps(view, ascii_only=encoding not in ("utf8", "utf8sig")))
            sys.stdout.flush()
        return
    settings = _settings(ctx)
    console = _console(settings)
    renderable = look.render(view, console.width)
    if not no_pager and settings.pager and sys.stdout.isatty():
        height = len(console.render_lines(renderable, pad=False))
        if height > console.height:
            os.environ.setdefault("LESS", "FRX")  # keep colour; quit if one screen
            pager = None if settings.pager_command is None else _pager(settings.pager_command)
            with _stdout(), console.pager(pager, styles=True):
                console.print(renderable)
            return
    with _stdout():
        _print(console, renderable)
        sys.stdout.flush()


def _pager(command: str) -> "Pager":
    """The user's PAGER, run as Python's pager runs it (through the shell), but one
    that cannot run is said, not the output lost: the output is then printed as it
    is (the shell's 126 and 127); one that fails is an error, not exit 0."""
    import subprocess

    from rich.pager import Pager

    class Command(Pager):
        def show(self, content: str) -> None:
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            # The user's own command, through the shell as pydoc and git run it (`less -R`).
            process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE)  # noqa: S602
            assert process.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
                process.stdin.write(content.encode(encoding, "backslashreplace"))
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
            status = process.wait()
            if status in (126, 127):  # not found, or not a program
                _stderr(f"warning: the pager '{command}' could not run; printed instead")
                sys.stdout.write(content)
            elif status > 0:
                raise OutputError(
                    f"the pager '{command}' ended with exit {status}; set PAGER to one "
                    "that works, or give --no-pager"
                )

    return Command()


def _print(console: "Console", renderable: "RenderableType") -> None:
    """Print a view; where no colour is drawn, a view of text blocks (`history`) is
    written by `render.plain`, the same characters rich would write, several times
    faster (tests/test_plain.py), and only its legend through rich."""
    from positions.render import plain, terminal

    if console.color_system is not None or not isinstance(renderable, terminal.Blocks):
        console.print(renderable)
        return
    write, batch = sys.stdout.write, []
    for line in plain.lines(renderable.blocks, console.width):
        batch.append(line)
        if len(batch) >= 4096:
            write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        write("\n".join(batch) + "\n")
    console.print(renderable.tail_view())


# --- commands -----------------------------------------------------------------------------


@_reads("issues")
def issues_command(as_of: dt.date | None) -> Look:
    """List the issues, how many actors spoke on each, and status.

    Status: contested (some for, some against), consensus (all on one side),
    mixed (a neutral among them), open (fewer than two have spoken).

    Example:

    \b
        positions issues --as-of 2025-08-15
    """
    from positions import views
    from positions.render import terminal

    return Look(
        lambda stored: views.issues_view(stored.everything(), as_of),
        lambda view, _: terminal.issues(view),
    )


@_reads()
def show(
    issue: Annotated[
        str,
        typer.Argument(
            metavar="ISSUE",
            help="Issue id, title or a unique prefix.",
            autocompletion=_complete_issue,
        ),
    ],
    as_of: dt.date | None,
    actors: ActorsOption = None,
) -> Look:
    """Where every actor stands on one issue, with sources.

    Example:

    \b
        positions show donbas
        positions show security --as-of 2025-08-15
        positions show donbas --actors russia,ukraine
    """
    from positions import views
    from positions.render import terminal

    def build(stored: "Stored") -> views.ShowView:
        (chosen,) = _issue_ids(stored, [issue])
        who, _ = _selection(stored, actors, None)
        ds = stored.select(who, {chosen})
        return views.show_view(ds, chosen, as_of, who)

    return Look(build, lambda view, _: terminal.show(view))


@_reads()
def compare(
    as_of: dt.date | None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    sort: Annotated[
        CompareSort,
        typer.Option(
            "--sort",
            help="Order of the issues: file (the data's), divided (the most on the smaller "
            "of the two sides first, then the most on either: 3 against 3 before 5 against 1 "
            "before 1 against 1), stated (the most actors stated first), recent (the latest "
            "position in force first).",
            case_sensitive=False,
        ),
    ] = CompareSort.file,
    top: Annotated[
        int | None, _top_option("Only the first N issues (in --sort's order); says how many more.")
    ] = None,
) -> Look:
    """The whole picture: every issue against every actor.

    Example:

    \b
        positions compare
        positions compare --actors russia,ukraine,us --issues donbas,nato
        positions compare --sort divided --top 10
    """
    from positions import views
    from positions.render import terminal

    def build(stored: "Stored") -> views.CompareView:
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        return views.compare_view(
            stored.everything(), as_of, chosen_actors, chosen_issues, sort=sort.value, top=top
        )

    return Look(build, terminal.compare)


@_reads()
def diff(
    a: Annotated[
        str,
        typer.Argument(
            metavar="A",
            help="First actor: id, name, alias or unique prefix.",
            autocompletion=_complete_actor,
        ),
    ],
    b: Annotated[
        str,
        typer.Argument(metavar="B", help="Second actor.", autocompletion=_complete_actor),
    ],
    as_of: dt.date | None,
    issues: IssuesOption = None,
    unweighted: UnweightedOption = False,
    by: Annotated[
        Period | None,
        typer.Option(
            "--by",
            help="Also their agreement in each year or month, over what both said in it.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
) -> Look:
    """Where two actors agree and clash, issue by issue.

    Agreement is 1 - mean(|a - b|) / 4 over the issues both have stated
    (1 = identical stances, 0 = opposite extremes); when the data gives
    salience, the mean is weighted, each issue by the pair's mean salience
    (docs/analysis.md).

    Example:

    \b
        positions diff russia ukraine
        positions diff US Europe --issues donbas,nato
        positions diff russia ukraine --by month
    """
    from positions import names, views
    from positions.render import terminal

    def build(stored: "Stored") -> views.DiffView:
        first = names.resolve_actor(stored.catalog, a)
        second = names.resolve_actor(stored.catalog, b)
        views.two_actors(first, second)
        _, chosen = _selection(stored, None, issues)
        ds = stored.select({first, second}, None if chosen is None else set(chosen))
        period = None if by is None else by.value
        return views.diff_view(ds, first, second, as_of, chosen, not unweighted, period)

    return Look(build, lambda view, _: terminal.diff(view))


@_reads("actors")
def actors_command(as_of: dt.date | None) -> Look:
    """List the actors, their aliases and what they spoke on.

    Example:

    \b
        positions actors --json
    """
    from positions import views
    from positions.render import terminal

    return Look(
        lambda stored: views.actors_view(stored.everything(), as_of),
        lambda view, _: terminal.actors(view),
    )


@_reads()
def brief(
    as_of: dt.date | None,
    actors: ActorsOption = None,
    unweighted: UnweightedOption = False,
    min_shared: MinSharedOption = None,
) -> Look:
    """A one-screen briefing: consensus, clashes, deals, gaps.

    Example:

    \b
        positions brief
        positions brief --as-of 2025-08-15
        positions brief --actors russia,ukraine,us
    """
    from positions import views
    from positions.render import terminal

    def build(stored: "Stored") -> views.BriefView:
        chosen, _ = _selection(stored, actors, None)
        return views.brief_view(stored.everything(), as_of, chosen, not unweighted, min_shared)

    return Look(build, lambda view, _: terminal.brief(view))


@_reads()
def alignment(
    as_of: dt.date | None,
    actor: Annotated[
        str | None,
        typer.Argument(
            metavar="[ACTOR]",
            help="List this actor's partners, closest first, with the issues behind each.",
            show_default=False,
            autocompletion=_complete_actor,
        ),
    ] = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            metavar="0..1",
            min=0.0,
            max=1.0,
            callback=_a_number,
            help="Lowest average agreement that joins two groups into a coalition.",
        ),
    ] = 0.75,
    coalitions: Annotated[
        int | None,
        typer.Option(
            "--coalitions",
            "-k",
            metavar="K",
            min=1,
            help="Split the parties into K coalitions (as far as they share issues) "
            "instead of cutting at --threshold.",
            show_default=False,
        ),
    ] = None,
    min_shared: MinSharedOption = None,
    unweighted: UnweightedOption = False,
    sort: Annotated[
        AlignmentSort | None,
        typer.Option(
            "--sort",
            help="List the ranked pairs (with ACTOR: the partners) in this order instead of "
            "the matrix: closest, distant (the most distant first) or shared (the most "
            "issues stated by both first). Default with ACTOR: closest.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        _top_option("List only the first N pairs (with ACTOR: partners); says how many more."),
    ] = None,
) -> Look:
    """Who is lined up with whom: agreement matrix and coalitions.

    Two actors join one coalition only when they share at least --min-shared
    stated issues; agreement weighs each issue by the pair's mean salience when
    the data gives salience (--unweighted: not); docs/analysis.md.

    Example:

    \b
        positions alignment
        positions alignment us
        positions alignment --threshold 0.9 --json
        positions alignment --coalitions 3 --min-shared 5
        positions alignment --sort distant --top 10
    """
    from positions import names, views
    from positions.render import terminal

    def build(stored: "Stored") -> views.AlignmentView:
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        focus = None if actor is None else names.resolve_actor(stored.catalog, actor)
        return views.alignment_view(
            stored.everything(), as_of, chosen_actors, chosen_issues, threshold,
            not unweighted, min_shared, coalitions, focus,
            None if sort is None else sort.value, top,
        )  # fmt: skip

    return Look(build, terminal.alignment)


@_reads()
def deal(as_of: dt.date | None, actors: ActorsOption = None, issues: IssuesOption = None) -> Look:
    """Where a deal is within reach, who blocks it, and who is silent.

    Example:

    \b
        positions deal
        positions deal --actors russia,ukraine,us
    """
    from positions import views
    from positions.render import terminal

    def build(stored: "Stored") -> views.DealView:
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        return views.deal_view(stored.everything(), as_of, chosen_actors, chosen_issues)

    return Look(build, lambda view, _: terminal.deal(view))


@_reads()
def landing(
    as_of: dt.date | None, actors: ActorsOption = None, issues: IssuesOption = None
) -> Look:
    """Where each issue is likely to land: a model estimate, not a fact.

    The weighted median of the parties' stances (weight: capability x salience,
    each omitted counting 1), its pivotal party, the weighted mean, each party's
    distance and the red lines the median crosses. A conditional stance counts
    only in the scenario printed with it (docs/analysis.md).

    Example:

    \b
        positions landing
        positions landing --issues donbas --as-of 2025-08-15
    """
    from positions import views
    from positions.render import terminal

    def build(stored: "Stored") -> views.LandingView:
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        return views.landing_view(stored.everything(), as_of, chosen_actors, chosen_issues)

    return Look(build, lambda view, _: terminal.landing(view))


@_reads()
def trades(
    as_of: dt.date | None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    top: Annotated[
        int,
        typer.Option("--top", metavar="N", min=1, help="List the N best trades."),
    ] = 10,
) -> Look:
    """Trades two parties could make, and the packages on offer.

    A trade: two parties on opposite sides of two issues, each giving way on
    the one it cares less about (format 2's salience, omitted counting 1),
    never on a red line; ranked by the smaller of the two gains. Then each
    conditional offer, with who backs and who opposes each of its conditions
    (docs/analysis.md).

    Example:

    \b
        positions trades
        positions trades --data talks.yaml --as-of 2024-05-31 --top 3
    """
    from positions import traded
    from positions.render import trades as render

    def build(stored: "Stored") -> "traded.TradesView":
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        return traded.trades_view(stored.everything(), as_of, chosen_actors, chosen_issues, top)

    return Look(build, render.terminal)


@_reads()
def history(
    as_of: dt.date | None,
    actor: Annotated[
        str | None,
        typer.Argument(
            metavar="ACTOR",
            help="Only this actor.",
            show_default=False,
            autocompletion=_complete_actor,
        ),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option(
            "--issue",
            metavar="ISSUE",
            help="Only this issue.",
            show_default=False,
            autocompletion=_complete_issue,
        ),
    ] = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
) -> Look:
    """Positions over time, with every shift of stance marked.

    ACTOR and --actors, --issue and --issues add up.

    Example:

    \b
        positions history
        positions history us --issue peace
        positions history --actors russia,ukraine --issues donbas,nato
    """
    from positions import names, views
    from positions.render import terminal

    def build(stored: "Stored") -> views.HistoryView:
        catalog = stored.catalog
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        if actor is not None:
            chosen_actors = _union([names.resolve_actor(catalog, actor)], chosen_actors)
        if issue is not None:
            chosen_issues = _union(_issue_ids(stored, [issue]), chosen_issues)
        ds = stored.select(chosen_actors, chosen_issues)
        return views.history_view(ds, as_of, chosen_actors, chosen_issues)

    return Look(build, lambda view, _: terminal.history(view))


SinceOption = Annotated[
    dt.date | None,
    typer.Option(
        "--since",
        metavar="YYYY-MM-DD",
        parser=_parse_date,
        help="From this day on (default: the last 4 weeks of the data).",
        show_default=False,
    ),
]
UntilOption = Annotated[
    dt.date | None,
    typer.Option(
        "--until",
        metavar="YYYY-MM-DD",
        parser=_parse_date,
        help="Up to this day, inclusive (default: no end).",
        show_default=False,
    ),
]


@_reads()
def changes(
    ctx: typer.Context,
    as_of: dt.date | None,
    since: SinceOption = None,
    until: UntilOption = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            metavar="OLD_FILE",
            help="Compare with an older version of the data file instead: what the edit "
            "added, removed or changed.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
) -> Look:
    """What changed: new positions, shifts, restatements, who joined or left.

    For the weekly memo: every position dated in the window, with its
    sources. --against compares two versions of a data file instead.

    Example:

    \b
        positions changes
        positions changes --since 2025-08-01 --until 2025-08-31
        positions changes --against old.yaml
    """
    from positions import changed
    from positions.render import changes as render

    since, end = _window(since, until, as_of, against is not None)

    def build(stored: "Stored") -> "changed.ChangesView":
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        ds = stored.everything()
        if against is None:
            return changed.changes_view(ds, since, end, chosen_actors, chosen_issues)
        with _open(ctx, against) as old:
            return changed.against_view(old.everything(), ds, chosen_actors, chosen_issues)

    return Look(build, render.terminal)


class ExportFormat(str, enum.Enum):
    csv = "csv"
    md = "md"
    json = "json"
    html = "html"
    svg = "svg"


#: The pictures `export --format svg --chart` draws (and `issue:ID`, one issue's line).
CHARTS = ("alignment", "timeline")


@app.command(cls=_Command)
def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv, md (Markdown), json, html, or svg (one picture: see --chart).",
            case_sensitive=False,
        ),
    ],
    chart: Annotated[
        str | None,
        typer.Option(
            "--chart",
            metavar="CHART",
            help="SVG only: the picture to draw: alignment (the heat map), timeline (the "
            "shifts), or issue:ID (that issue's line and likely landing).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE ('-' or nothing: stdout). Only a regular file is replaced.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="CSV only: the issues x actors matrix, one row per issue."),
    ] = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="CSV only: every text exactly as in the data, for programs: no quote "
            "against spreadsheet formulas, no escapes. Not to a terminal.",
        ),
    ] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    as_of: AsOfOption = None,
    actors: ActorsOption = None,
    issues: IssuesOption = None,
    tag: TagOption = None,
    reported_only: ReportedOption = False,
    unweighted: UnweightedOption = False,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="HTML and Markdown: the cover's title, instead of the data's.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="TEXT",
            help="HTML and Markdown: a note under the title (who it is for, as of when).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        dt.date | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            parser=_parse_date,
            help="HTML and Markdown: say first what changed from this day on (to --as-of, "
            "or the end), as positions changes does.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the comparison: CSV, Markdown, JSON, the HTML report, or one SVG picture.

    The HTML report is the whole briefing in one self-contained page: the brief,
    each issue on its -2..+2 line with its likely landing, the agreement heat map
    and the timeline of shifts, then every position with its evidence. In a
    browser it filters, sorts and switches the table of stances to any date, and
    keeps that view in the address (report.html#tag=security). Past 20,000 stances
    (actors x issues) it is a summary: each issue's counts, the most divided on
    their lines, and any one issue or two actors on demand (#issue=ID&pair=A,B).

    Files are written atomically: a failed export never leaves a partial file,
    and an existing regular file is only replaced with --force (never a link,
    a device or a FIFO). Text that a spreadsheet would run as a formula gets a
    leading quote in CSV; --raw leaves it as it is, for programs (docs/security.md).

    Example:

    \b
        positions export --format csv > positions.csv
        positions export --format html --output report.html --as-of 2025-08-16
        positions export --format svg --chart alignment -o alignment.svg
        positions export -f svg --chart issue:donbas -o donbas.svg
        positions export -f html -o brief.html --title 'Donbas, week 33' --note 'For the desk'
        positions export -f md --since 2025-08-15 > memo.md
        positions export -f csv --raw -o for-a-script.csv
    """
    from positions import export as exporter
    from positions import views

    to_stdout = output in (None, "-")
    if output is not None:
        _file_name(output, "--output", f"report.{format.value}")
    for flag, given in (("--wide", wide), ("--raw", raw)):
        if given and format is not ExportFormat.csv:
            raise typer.BadParameter(f"{flag} applies to --format csv only", param_hint=flag)
    for flag, words in (("--title", title), ("--note", note)):
        if words is not None and not words.strip():
            raise typer.BadParameter(
                "it is empty: give the words, or leave it out", param_hint=flag
            )
    for flag, cover in (("--title", title), ("--note", note), ("--since", since)):
        if cover is not None and format not in (ExportFormat.html, ExportFormat.md):
            raise typer.BadParameter(f"{flag} applies to --format html or md only", param_hint=flag)
    if since is not None:
        _window(since, None, as_of, False)
    svg = format is ExportFormat.svg
    if chart is not None and not svg:
        raise typer.BadParameter("--chart applies to --format svg only", param_hint="--chart")
    wanted = _chart(chart) if svg else None
    if raw and to_stdout and sys.stdout.isatty():
        raise typer.BadParameter(
            "--raw keeps control characters, which a terminal would obey: "
            "send it to a file or a pipe (-o FILE, or | another program)",
            param_hint="--raw",
        )
    with _open(ctx, data, no_cache) as opened:
        if not to_stdout:
            _not_over_the_data(str(output), _data_path(ctx, data), opened)
        stored = _narrowed(opened, tag, reported_only)
        chosen_actors, chosen_issues = _selection(stored, actors, issues)
        if wanted is not None and wanted.startswith("issue:"):
            chosen_issues = _chart_issue(stored, wanted, chosen_issues)
            wanted = f"issue:{chosen_issues[0]}"
        csv = format is ExportFormat.csv  # the one format with no agreement matrix
        ds = stored.everything()
        view = views.report_view(
            ds, as_of, chosen_actors, chosen_issues, pairs=not csv, weighted=not unweighted,
            briefing=format in (ExportFormat.html, ExportFormat.md, ExportFormat.svg),
            title=title, note=note, since=since, chart=wanted,
        )  # fmt: skip
    # Written as it is made: the text is never whole in memory (issue 17). A progress
    # line counts the rows made, unless the export itself goes to the terminal.
    text = exporter.chunks(format.value, view, wide=wide, raw=raw, chart=wanted)
    from positions import progress

    shown = None if to_stdout and sys.stdout.isatty() else _progress_stream(_settings(ctx))
    with progress.shown(shown):
        progress.stage(
            f"writing {'the export' if to_stdout else output}",
            exporter.row_reads(format.value, view),
        )
        if to_stdout:
            _write_file_format(format.value, text)
        else:
            assert output is not None
            exporter.write(Path(output), text, force=force)
    if not to_stdout:
        _stderr(f"wrote {output}")


def _chart_issue(stored: "Stored", chart: str, chosen: list[str] | None) -> list[str]:
    """The one issue `--chart issue:ID` names, among the issues --tag keeps and those
    --issues chooses."""
    (issue,) = _issue_ids(stored, [chart[len("issue:") :]])
    if chosen is not None and issue not in chosen:
        raise typer.BadParameter(
            f"issue {issue!r} is not among those --issues chooses: give one or the other",
            param_hint="--chart",
        )
    return [issue]


def _chart(chart: str | None) -> str:
    """The picture `--chart` names, checked: one of CHARTS, or issue:ID."""
    if chart is None:
        raise typer.BadParameter(
            "--format svg draws one picture: give --chart alignment, timeline or issue:ID",
            param_hint="--chart",
        )
    kind, colon, issue = chart.partition(":")
    if kind.lower() in CHARTS and not colon:
        return kind.lower()
    if kind.lower() == "issue" and colon and issue.strip():
        return f"issue:{issue.strip()}"
    if kind.lower() == "issue":
        raise typer.BadParameter(
            f"{chart!r} names no issue: give its id after the colon, as in issue:donbas "
            "(positions issues lists them)",
            param_hint="--chart",
        )
    raise typer.BadParameter(
        f"unknown chart {chart!r}; choose alignment, timeline or issue:ID (an issue's id)",
        param_hint="--chart",
    )


@app.command(cls=_Command)
def validate(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="Data file to check. Default: $POSITIONS_DATA, else the bundled one.",
            show_default=False,
            readable=False,
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    check_quotes: Annotated[
        bool,
        typer.Option(
            "--check-quotes",
            help="Also find every quote in the text of its source (a source's `file:`, "
            "format 2), ignoring whitespace and typographic quotes; '…' stands for words "
            "left out. Reads the file afresh, never the cache.",
        ),
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help=f"List every problem found (at most {MAX_PROBLEMS:,}), not only the first "
            f"{MAX_PROBLEMS_SHOWN}.",
        ),
    ] = False,
) -> None:
    """Check a data file: each problem, with its line and column.

    Exits with status 0 and prints a count when the file is valid, or lists
    the problems (the first 50, and how many more) and exits with status 1.
    Checking stops after 1,000 problems. FILE and --data are the same.

    Example:

    \b
        positions validate my-negotiation.yaml
        positions validate --all my-negotiation.yaml
        positions validate --check-quotes my-negotiation.yaml
    """
    ctx.meta[_ALL_PROBLEMS] = every
    if file is not None and data is not None and file != data:
        raise typer.BadParameter("give the file once: as FILE or as --data", param_hint="--data")
    if check_quotes:
        dataset = _quotes_checked(ctx, file or data)
        counts = (len(dataset.actors), len(dataset.issues), len(dataset.positions))
    else:
        # A warm store says how much the file holds without reading a position: it
        # holds only files that passed every check, keyed on their bytes.
        with _open(ctx, file or data, no_cache) as stored:
            counts = stored.sizes()
    with _stdout():
        typer.echo("ok: " + ", ".join(map(plural, counts, ("actor", "issue", "position"))))
        if check_quotes:
            quotes = [(e, dataset.sources[e.source]) for p in dataset.positions for e in p.evidence]
            found = sum(1 for e, s in quotes if e.quote and s.file)
            unread = sum(1 for e, s in quotes if e.quote and not s.file)
            line = f"quotes: {plural(found, 'quote')} checked and found in their sources' text"
            if unread:
                line += f"; {plural(unread, 'quote')} not checked (their source has no file:)"
            typer.echo(line)


def _quotes_checked(ctx: typer.Context, data: Path | None) -> "Dataset":
    """The data file parsed with every quote checked against its source's text; a
    source's `file:` is relative to the data file (to the working directory for stdin)."""
    from positions import datafile, loader

    path = _data_path(ctx, data)
    if str(path) == "-":
        if sys.stdin is None:
            raise PositionsError("<stdin>: standard input is closed; give a data file instead")
        content = datafile.read_stream(sys.stdin.buffer, "<stdin>")
        return loader.parse(content, "<stdin>", quotes=Path.cwd())
    content = datafile.read(path, str(path))[0]
    return loader.parse(content, str(path), quotes=path.parent, base=path.parent)


def _file_name(text: str, option: str, example: str) -> Path:
    """The file a command is to write, as typed: refused when blank, or when a
    trailing `/` says it is a directory (Path would drop the slash)."""
    if not text.strip():
        raise typer.BadParameter("needs a file name, or '-' for stdout", param_hint=option)
    if text.endswith(("/", os.sep)):
        raise typer.BadParameter(
            f"'{text}' ends with '/', so it names a directory; give a file in it, "
            f"e.g. {text}{example}",
            param_hint=option,
        )
    return Path(text)


#: The schema file `init` puts beside a new data file, named in its first line.
SCHEMA_FILE = "positions.schema.json"


@app.command(cls=_Command)
def init(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Where to write the new file ('-': stdout).")
    ],
) -> None:
    """Start a negotiation of your own: write a commented starter file.

    The file has two actors, one issue and a position each, and passes
    `positions validate`. Beside it goes positions.schema.json (unless one is
    there), which its first line names, so that editors with a YAML language
    server check it as you type, wherever the folder is moved. An existing
    file is never overwritten.

    Example:

    \b
        positions init talks.yaml && positions show ceasefire --data talks.yaml
        positions init - > talks.yaml
    """
    from positions import export as exporter

    package = Path(__file__).parent
    template = (package / "starter.yaml").read_text(encoding="utf-8")
    if file == "-":
        _write_file_format("yaml", template.replace("{file}", "FILE"))
        return
    path = _file_name(file, "FILE", "talks.yaml")
    if path.name.lower().endswith(".csv"):  # read back as a table, the starter would fail
        raise typer.BadParameter(
            f"'{file}' would be read as a CSV table, and the starter is YAML; give a name "
            'ending in .yaml (a table of positions: docs/format.md, "Tidy CSV")',
            param_hint="FILE",
        )
    never = "init never replaces a file: give a new file name"
    # The commands in its comments are run from its own folder, and copied into a shell.
    exporter.write(path, template.replace("{file}", _shell_word(path.name)), to_replace=never)
    wrote = [file]
    schema = path.parent / SCHEMA_FILE
    if not os.path.lexists(schema):
        try:
            exporter.write(schema, (package / "schema.json").read_text(encoding="utf-8"))
            wrote.append(str(schema))
        except PositionsError as error:  # the data file is what was asked for: it stays
            _stderr(f"warning: {error}; editors will not check {file} as you type")
    # On stderr, as export says it: stdout carries only what was asked for (here nothing).
    _stderr(f"wrote {' and '.join(wrote)}; next: positions validate {_shell_word(file)}")


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of the data format, for editors and other tools.

    Example:

    \b
        positions schema > positions.schema.json
    """
    _write_file_format("json", (Path(__file__).parent / "schema.json").read_text(encoding="utf-8"))


def main() -> None:
    """The console script of installs made before positions.entry existed."""
    from positions.entry import main

    main()
