"""The project's own errors: everything a user can cause, the kinds of data problem, exit codes."""

import enum
from collections.abc import Sequence
from typing import NamedTuple


class ExitCode(enum.IntEnum):
    OK = 0
    ERROR = 1  # bad data, failed look-up, unwritable output
    USAGE = 2  # Typer/Click's own code for bad arguments
    INTERRUPTED = 130


#: Problems collected from one file before the loader stops checking it.
MAX_PROBLEMS = 1_000


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
    """A data file that cannot be used, with every problem found in it. `stopped`:
    checking stopped at the last problem (a limit), which says where; the rest of the
    file was not checked. `file`: the data file checked, as it was named."""

    def __init__(
        self, problems: Sequence[Problem], stopped: bool = False, file: str | None = None
    ) -> None:
        self.problems = tuple(problems)
        self.stopped = stopped
        self.file = file
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def capped(self) -> bool:
        """Whether checking stopped at MAX_PROBLEMS: the last problem only says so."""
        last = self.problems[-1] if self.stopped and self.problems else None
        return last is not None and last.message == TOO_MANY_PROBLEMS.message.format(
            limit=MAX_PROBLEMS
        )


class LookupFailed(PositionsError):
    """A name on the command line that matches no actor or issue, or several."""


class OutputError(PositionsError):
    """An output path that cannot be written."""


# --- the kinds of problem a data file can have -------------------------------------------


class ProblemKind(NamedTuple):
    """A message template and its default hint; values from the data come in shortened."""

    message: str
    hint: str | None = None

    def at(
        self, file: str, line: int, column: int, hint: str | None = None, /, **values: object
    ) -> Problem:
        """The problem at `line` and `column` (from 1); `hint` replaces the default one."""
        if hint is None and self.hint is not None:
            hint = self.hint.format(**values)
        return Problem(file, line, column, self.message.format(**values), hint)


_UTF8 = "save it as UTF-8 in your editor"
#: What to do with more data than the tool holds (the file size, the number of positions).
KEEP_PART = "keep a part of the data in this file: a period, or a set of issues"
_SYNTAX = "YAML syntax error: {what}"

# The bytes and YAML itself (positions.yamlsource).
TOO_LARGE = ProblemKind("the data file is larger than the limit of {limit:,} bytes", KEEP_PART)
TOO_MANY_VALUES = ProblemKind(
    "the values this file keeps while it is read (everything but the positions "
    "themselves) pass {limit:,} here (keys, texts, lists and mappings)",
    "the limit keeps a hostile file from using gigabytes of memory; a real negotiation "
    "holds far fewer (200 actors and 6,000 issues hold about 56,000)",
)
POSITION_TOO_MANY_VALUES = ProblemKind(
    "this position passes {limit:,} YAML values (keys, texts, lists and mappings) here",
    "a position's lists hold at most 100 items; check that its indentation did not pull "
    "the positions after it into it",
)
TOO_MANY_ROWS = ProblemKind(
    "a table holds at most {limit:,} rows, and this is row {count:,} of it", KEEP_PART
)
TOO_MANY_POSITIONS = ProblemKind(
    "a data set holds at most {limit:,} positions, and this is position {count:,}", KEEP_PART
)
OTHER_ENCODING = ProblemKind(
    "the data file is {encoding} (it starts with a {encoding} byte-order mark); "
    "the data file must be UTF-8",
    _UTF8,
)
NOT_UTF8 = ProblemKind("byte 0x{byte:02x} is not valid UTF-8; the data file must be UTF-8", _UTF8)
NUL_BYTE = ProblemKind(
    "byte 0x00 (NUL) is not allowed; the data file must be UTF-8 text, "
    "and NUL bytes mean it is binary or UTF-16",
    _UTF8,
)
BAD_CHARACTER = ProblemKind(
    "character U+{code:04X} is not allowed in YAML",
    'write it as an escape inside double quotes, e.g. "\\x1b"',
)
TOO_DEEP = ProblemKind(
    "YAML nesting is too deep", "this format nests at most {depth} levels; see docs/format.md"
)
SYNTAX = ProblemKind(_SYNTAX)
SYNTAX_ESCAPE = ProblemKind(
    _SYNTAX, 'write the character itself, or one escape such as "\\U0001F600"'
)
SYNTAX_TAB = ProblemKind(_SYNTAX, "indent with spaces: YAML does not allow tabs there")
SYNTAX_UNCLOSED = ProblemKind(_SYNTAX, "close the quote or bracket that starts here")
SYNTAX_COLON = ProblemKind(
    _SYNTAX,
    "quote a value that contains ': ' (title: \"Talks: round 2\"), and line a key up with "
    "the keys above it",
)
SYNTAX_LONG_KEY = ProblemKind(
    "a key of {length:,} characters: YAML reads a key written plainly only up to 1,024",
    "an id is at most 200 characters; a text belongs in a value, after the ':'",
)
SYNTAX_CURLY_QUOTES = ProblemKind(
    _SYNTAX,
    "typographic quotes (\u201c \u201d) do not quote a value in YAML; use straight quotes \" or '",
)
SYNTAX_INDENT = ProblemKind(
    _SYNTAX, "check the indentation of this line against the lines above it"
)
SYNTAX_DASH = ProblemKind(
    _SYNTAX,
    "this line is in a list: line a field up with the fields above it, begin a new item "
    "with '- ', or, in a section of named entries (actors:, issues:), write no '- '",
)
YAML_ERROR = ProblemKind("YAML error: {error}")

# The format (positions.loader).
EMPTY_FILE = ProblemKind("the data file is empty", "see docs/format.md")
ROOT_NOT_MAPPING = ProblemKind(
    "the data file must be a mapping with {fields}; found a {kind}",
    "see docs/format.md for a complete example",
)
ALIAS = ProblemKind(
    "YAML aliases (*name) are not supported in this format{item}", "write the value out in full"
)
TAG = ProblemKind(
    "YAML tag '{tag}' is not allowed", "remove the tag; values are plain text, lists and mappings"
)
NOT_MAPPING = ProblemKind("{what} must be a mapping of 'key: value' entries")
KEY_NOT_TEXT = ProblemKind("keys in {what} must be plain text")
DUPLICATE_KEY = ProblemKind(
    "duplicate key '{key}' in {what} (first at line {line})",
    "YAML would silently keep only the last one; remove or merge one",
)
MISSING_DASH = ProblemKind(
    "{what} has a second '{key}' (first at line {line}): a new {noun} starts here",
    "begin it with '- ' as the one before it is, or remove one of the two",
)
UNKNOWN_FIELD = ProblemKind("unknown field '{key}' in {what}", "allowed fields: {allowed}")
MISSING_FIELD = ProblemKind("{what} is missing the required field '{name}'")
NOT_TEXT = ProblemKind("{what} must be text, not a {kind}")
EMPTY = ProblemKind("{what} is empty", "write a value")
TOO_LONG = ProblemKind("{what} is {length:,} characters long; the limit is {limit:,}")
NOT_SLUG = ProblemKind(
    "{what} id '{key}' is not a lower-case slug",
    "use lower-case letters, digits, '-' and '_', e.g. '{slug}'",
)
NOT_A_TAG = ProblemKind(
    "{what}, '{value}', is not a lower-case slug",
    "use lower-case letters, digits, '-' and '_', e.g. 'territory'",
)
NEWER_FIELD = ProblemKind(
    "'{field}' in {what} is a format-{version} field, and this file says format {file}",
    "write 'format: {version}' at the top of the file to use it",
)
BAD_FORMAT = ProblemKind(
    "unsupported format '{shown}'; this version of positions reads formats {versions}",
    "write 'format: 1', or 'format: 2' to use format 2's fields",
)
BAD_URL = ProblemKind("{what} must start with https:// or http://")
NAMED_TWICE = ProblemKind(
    "{what} '{key}' is named '{first}' on row {row} and '{name}' here",
    "give it one name: the same in every row, or the cell left empty after the first",
)
NOT_A_LIST = ProblemKind("{what} must be a list, e.g. {example}")
NOT_A_RECORD_LIST = ProblemKind("{what} must be a list of mappings, each starting with '- '")
NAME_TAKEN = ProblemKind(
    "the {role} '{spelling}' of {what} is already the {other_spelling} of actor '{other}'",
    "names and aliases must tell actors apart; change one of them",
)
NAME_LOOKS_LIKE = ProblemKind(
    "the {role} '{spelling}' of {what} looks the same as the {other_spelling} of actor '{other}'",
    "they differ only in {difference}; names and aliases must tell actors apart on screen; "
    "change one of them",
)
TITLE_TAKEN = ProblemKind(
    "the title of {what} is already the title of issue '{other}'",
    "titles must tell issues apart; change one of them",
)
TITLE_LOOKS_LIKE = ProblemKind(
    "the title of {what} looks the same as the title of issue '{other}'",
    "they differ only in {difference}; titles must tell issues apart on screen; change one of them",
)
NAMED_NOT_BY_ID = ProblemKind(
    "unknown {kind} '{value}': that is the {role} of {kind} '{id}'",
    "a position names its {kind} by id: write '{id}'",
)
POSITIONS_NOT_LIST = ProblemKind("positions must be a list of entries, each starting with '- '")
SECOND_POSITION = ProblemKind(
    "a second position of '{actor}' on '{issue}' dated {date} (first at line {line})",
    "keep one position per actor, issue and date",
)
UNKNOWN_REFERENCE = ProblemKind("unknown {kind} '{value}'", "define it under '{section}:' first")
UNKNOWN_STANCE = ProblemKind("unknown stance '{value}'", "use one of {stances}")
BAD_DATE = ProblemKind(
    "bad date '{value}' in {what}", "write a real calendar date as YYYY-MM-DD, e.g. 2025-08-15"
)
# Format 2's values and the rules that join its records.
NOT_A_NUMBER = ProblemKind(
    "{what} must be a number, not '{value}'", "write a number, e.g. {example}"
)
OUT_OF_RANGE = ProblemKind("{what} is {value}, {outside}")
NOT_A_FLAG = ProblemKind("{what} must be true or false, not '{value}'", "write true or false")
UNKNOWN_CHOICE = ProblemKind("{what} is '{value}'", "use one of {choices}")
BAD_HELD = ProblemKind(
    "bad held_since '{value}' in {what}", "write a date as YYYY-MM-DD, or long-standing"
)
NUL_IN_TEXT = ProblemKind(
    "{what} holds a NUL character (\\0)", "remove it: no text needs one, and no table can hold it"
)
HELD_FIRST_DAY = ProblemKind(
    "held_since 0001-01-01 in {what} is the first day of the calendar, which stands for "
    "long-standing",
    "write long-standing, or a later day",
)
ABSOLUTE_FILE = ProblemKind(
    "{what} is an absolute path", "name the file relative to the data file, e.g. texts/article.txt"
)
FILE_LEADS_OUT = ProblemKind(
    "{what}, '{value}', goes through '..'",
    "name it from the data file's folder down, with no '..': the file beside the data "
    "file or in a folder under it, e.g. texts/article.txt",
)
TOO_MANY_ITEMS = ProblemKind("{what} has {count:,} items; the limit is {limit:,}")
TOO_MANY_MEMBERSHIPS = ProblemKind(
    "the groups hold more than {limit:,} actors in all, nested groups expanded",
    "name fewer or smaller groups",
)
EMPTY_GROUP = ProblemKind("{what} has no members", "a group names at least one actor or group")
EMPTY_LIST = ProblemKind(
    "{what} is an empty list", "give at least one item, or leave the field out"
)
BOTH_EVIDENCE = ProblemKind(
    "{what} has both '{field}' and 'evidence'",
    "move its source and quote into evidence, as the first item",
)
NOTE_REQUIRED = ProblemKind(
    "{what} is {basis} but has no note",
    "say in 'note:' why, e.g. the sentence of the source it rests on",
)
CONDITION_ON_ITSELF = ProblemKind(
    "{what} is on the position's own issue '{issue}'",
    "a condition names another issue that must be decided first",
)
CONDITION_TWICE = ProblemKind(
    "{what} names issue '{issue}' again (first at line {line})", "keep one condition per issue"
)
RED_LINE_NEUTRAL = ProblemKind(
    "{what} is a red line on a neutral stance",
    "a red line is a side the party will not give up: state that side, or remove red_line",
)
HELD_AFTER_DATE = ProblemKind(
    "{what} is held since {held}, after its own date {date}",
    "held_since is when the stance began, on or before the date it was reported",
)
WINDOW_EMPTY = ProblemKind(
    "{what} has neither 'from' nor 'until'", "give at least one, or leave 'active' out"
)
WINDOW_BACKWARDS = ProblemKind("{what} ends on {until}, before it starts on {start}")
OUTSIDE_ACTIVE = ProblemKind(
    "{what} is dated {date}, when actor '{actor}' is not a party (active {window})",
    "correct the date, or the actor's active window",
)
UNKNOWN_MEMBER = ProblemKind(
    "{what}, '{value}', is neither an actor nor a group", "define it under 'actors:' first"
)
GROUP_CYCLE = ProblemKind(
    "group '{group}' contains itself: {path}", "a group may include another group, never itself"
)
GROUP_NAME_TAKEN = ProblemKind(
    "the {role} '{spelling}' of group '{group}' is already the {other}",
    "a group is named where actors are (--actors {group}); change one of them",
)
QUOTE_NOT_FOUND = ProblemKind(
    "{what} is not verbatim in the text of source '{source}' ({file})",
    "copy the words exactly as the source prints them; '…' stands for words left out",
)
SOURCE_FILE_UNREADABLE = ProblemKind("cannot read {what}, '{file}': {reason}")
TOO_MANY_PROBLEMS = ProblemKind(
    "more than {limit:,} problems; stopped checking here",
    "fix the problems above and run 'positions validate' again",
)

# Tidy CSV (positions.tidy, and the loader for a positions file).
_CSV = "see docs/format.md, 'Tidy CSV'"
CSV_SYNTAX = ProblemKind(
    "CSV error: {error}", "check the quotes of this row: a quoted cell ends at its closing quote"
)
CSV_CELL_TOO_LONG = ProblemKind(
    "a cell of this row is over {limit:,} characters",
    "no field holds so much: a text may be {text:,} characters (a summary, a quote); "
    "if the row was not meant to be one long cell, check its quotes",
)
CSV_NO_HEADER = ProblemKind(
    "the CSV file has no header row", "its first row names the columns: actor,issue,stance,date,..."
)
CSV_SEPARATOR = ProblemKind(
    "the header row is separated by {separator}, not by commas",
    "save the table as comma-separated CSV (in a spreadsheet: CSV UTF-8)",
)
CSV_EMPTY_COLUMN = ProblemKind("a column of the header row has no name", "name it, or delete it")
CSV_TWICE = ProblemKind(
    "column '{name}' is in the header twice (first in column {first})", "keep one of them"
)
CSV_UNKNOWN_COLUMN = ProblemKind("unknown column '{name}'", "the columns are: {allowed}")
CSV_MISSING_COLUMN = ProblemKind("the header row has no column {names}", _CSV)
CSV_TOO_MANY_CELLS = ProblemKind(
    "this row has {count:,} cells; the header has {width:,} columns",
    'quote a cell that holds a comma: "Talks, round 2"',
)
CSV_TOO_FEW_CELLS = ProblemKind(
    "this row has {count:,} cells; the header has {width:,} columns",
    "leave a cell empty rather than out: a,b,,d",
)
CSV_BAD_CONDITIONS = ProblemKind(
    "bad conditions '{value}' in {what}",
    "write ISSUE=adopted or ISSUE=rejected, several separated by ';': "
    "tariffs=adopted;quotas=rejected",
)
CSV_BAD_EVIDENCE = ProblemKind(
    "bad more_evidence line '{value}' in {what}",
    "write one item per line: source | speaker | url | date | quote",
)
TIDY_STDIN = ProblemKind(
    "a positions file is named relative to the data file, which standard input is not",
    "give the data file itself with --data FILE",
)
TIDY_OUTSIDE = ProblemKind(
    "the positions file '{file}' is outside the data file's directory",
    "keep the CSV file beside the data file, or in a folder under it",
)
TIDY_UNREADABLE = ProblemKind("cannot read the positions file '{file}': {reason}")
