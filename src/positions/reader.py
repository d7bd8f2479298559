"""libyaml events -> checked values: the one checker of every record, driven by
positions.fields.

A scalar or an alias stays its libyaml event (with its line and column); a
list or a mapping is composed into a `Seq` or a `Map`. `Reader.record` checks
one record against its table of fields and converts each value by kind, keeping
the happy path cheap as msgspec and pydantic-core do: a location and a message
are built only for a value that fails. positions.loader reads a whole file with
it; every problem goes to `Reader.problems`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any, NoReturn

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from positions import datafile, yamlsource
from positions import errors as E
from positions import fields as F
from positions.errors import MAX_PROBLEMS, Problem, ProblemKind
from positions.fields import Field, Kind, Record
from positions.model import LONG_STANDING, STANCE_IDS, Stance
from positions.names import Spellings, folded, suggest_id
from positions.text import shorten
from positions.yamlsource import IMPLICIT_TAGS, MAP_TAG, NULL_TAG, PLAIN_TAGS, SEQ_TAG

MAX_FILE_BYTES = datafile.MAX_FILE_BYTES
MAX_TEXT_CHARS = F.MAX_TEXT_CHARS
MAX_NAME_CHARS = F.MAX_NAME_CHARS
POSITION_FIELDS = F.POSITION.names
#: Candidate comparisons spent on "did you mean" hints for one file: beyond
#: it, hints give the plain advice, so thousands of unknown references to a
#: file with thousands of ids cannot take minutes.
SUGGESTION_BUDGET = 200_000
#: YAML values (keys, scalars, lists, mappings) of the sections a file keeps composed while
#: it is read (everything but the positions), all together: each costs about 370 bytes
#: once composed, so this bounds them at about 750 MB. The UN-like benchmark's 200 actors
#: and 6,000 issues hold 56,000; a group may hold 1,000,000 members.
MAX_VALUES = 2_000_000
#: YAML values one position may hold: it is composed, checked and let go. The largest
#: valid position (every list at its 100 items, every field given) holds under 4,000.
MAX_POSITION_VALUES = 10_000
#: Positions one data set may hold, from YAML or a table: each costs about 600 bytes
#: once loaded. The UN General Assembly's roll calls of 1946-2019 are 870,000 votes.
MAX_POSITIONS = 2_000_000

SLUG = re.compile(F.SLUG_PATTERN + r"\Z")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
#: The records written as items of a list: a repeat of the first key is a `- ` forgotten.
_LISTED = (F.POSITION, F.EVIDENCE, F.CONDITION)
#: A list of each kind, as a message shows one (aliases: names).
_LIST_EXAMPLES = {Kind.TAGS: "[territory, security]", Kind.MEMBERS: "[france, germany]"}


def as_slug(key: str) -> str:
    """The lower-case slug `key` reads as: 'Iran' -> 'iran', 'New Zealand' ->
    'new_zealand', 'Côte d'Ivoire' -> 'cote_d_ivoire', an id its own; empty when it
    has no letter or digit a slug allows."""
    bare = folded(key)
    return _NOT_SLUG.sub(lambda m: "-" if m.group() == "-" else "_", bare).strip("_-")


ISO_DATE = re.compile(F.DATE_PATTERN + r"\Z")
_STANCES = {s: Stance.from_id(s) for s in STANCE_IDS}
#: Words and numbers a stance is often written as, and the stance each means (for the
#: hint of an unknown one: never taken in its place).
_STANCE_MEANT = {
    **dict.fromkeys(("2", "+2"), "strongly_support"),
    **dict.fromkeys(("1", "+1", "for", "yes", "pro", "favour", "favor", "in_favour",
                     "in_favor", "agree", "approve", "y"), "support"),
    **dict.fromkeys(("0", "abstain", "abstention", "abstained", "undecided"), "neutral"),
    **dict.fromkeys(("-1", "against", "no", "con", "disagree", "reject", "n"), "oppose"),
    **dict.fromkeys(("-2",), "strongly_oppose"),
}  # fmt: skip
# Each kind as `Record.rows` hold it (its value, compared by identity).
_TEXT, _NAME = Kind.TEXT.value, Kind.NAME.value
_STANCE, _DATE, _URL = Kind.STANCE.value, Kind.DATE.value, Kind.URL.value
_HEAD = frozenset(("sources", "actors", "issues"))
#: What must come before the positions for them to be checked as they are read:
#: the sections they refer to, and the format version that says which fields exist.
STREAM = _HEAD | {"format"}
_VERSIONS = {str(v): v for v in F.FORMAT_VERSIONS}  # as written -> the version
#: The kind of reference each section defines, for `_missing` and `_declared`.
SECTION_KIND = {section: kind for kind, section in F.REFERENCES.items()}
#: The kinds whose value is a list or a mapping, read by `Reader._composite`.
_COMPOSITE = frozenset(
    k.value for k in (Kind.NAMES, Kind.TAGS, Kind.FORMAT, Kind.MEMBERS, Kind.RECORD, Kind.RECORDS)
)
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_FLAGS = {"true": True, "false": False}
#: Numbers from this up are refused: 1e999 would be infinity, which JSON cannot write.
_HUGE = 1e300


class StopChecking(Exception):
    """Raised to stop checking a file: it has MAX_PROBLEMS problems (`read_on`: the rest
    is still read, so that a YAML error later in it is the one message), or it went past
    a limit (a problem says which, where), where reading stops: reading on would cost
    as much as the file that was refused."""

    def __init__(self, read_on: bool = True) -> None:
        super().__init__()
        self.read_on = read_on


# -- values ----------------------------------------------------------------------------------
# A scalar or an alias is its libyaml event; a list or a mapping is composed into one of
# these. Their `tag` is resolved (PyYAML's default for an untagged one).


class _Composed:
    __slots__ = ("start_mark", "tag", "value")

    def __init__(self, start_mark: Any, tag: str) -> None:
        self.start_mark = start_mark
        self.tag = tag
        self.value: list[Any] = []  # a Map's: (key, value) in file order


class Seq(_Composed):
    __slots__ = ()


class Map(_Composed):
    __slots__ = ()


_NO_KEY = object()


def kind_of(value: object) -> str:
    return "mapping" if type(value) is Map else "list" if type(value) is Seq else "single value"


#: What `_Check.items` finds in a mapping: each key's (key event, value), in file order.
Found = dict[str, tuple[Any, Any]]


class Reader:
    """One file's reading: its events, its problems, and the ids it defines.

    Events are typed Any: PyYAML's stubs type their marks apart from the nodes'.
    """

    def __init__(self, filename: str, data: bytes, get: Callable[[], Any]) -> None:
        self.filename = filename
        self.data = data
        self.get = get
        self.problems: list[Problem] = []
        # Ids defined in the file, valid or not: a reference to a broken
        # definition is not reported again as unknown.
        self._declared: set[tuple[Kind, str]] = set()
        # The kinds whose section is missing: reported once, not at every reference.
        self._missing: set[Kind] = set()
        self._suggestions: dict[tuple[Kind, str], str | None] = {}
        # The fields newer than the file's format, reported at their first use only.
        self._newer_said: set[str] = set()
        # The mapping being read in which a list item's `- ` was forgotten, if any.
        self._undashed: Found | None = None
        self._budget = SUGGESTION_BUDGET
        self._held = MAX_VALUES  # what is left of it for the values kept composed
        # Canonical strings: a membership test, and one shared string per id.
        self._ids: dict[str, dict[str, str]] = {kind.value: {} for kind in F.REFERENCES}
        # Each actor's and issue's spellings: no two alike, and `actor: US` is told it
        # gave an alias for an id.
        self._spelled = {Kind.ACTOR: Spellings(), Kind.ISSUE: Spellings(), Kind.SOURCE: Spellings()}
        self._dates: dict[str, dt.date] = {}
        self._first: dict[tuple[str, str, dt.date], int] = {}  # (actor, issue, date) -> line
        self._ended = False  # the stream read to its end (`finish`)
        self._version = F.FORMAT_VERSION  # the file's format: the newest until it says
        self._document: Any = None  # where the document starts, for a second one

    # -- reporting -------------------------------------------------------------------------

    def located(self, item: Map) -> Map:
        """The item whose places a message reads: `item` itself (a table's rows may
        stand for theirs, `tidy.TidyReader.located`)."""
        return item

    def _report(
        self, problem: ProblemKind, mark: Any, hint: str | None = None, /, **values: object
    ) -> None:
        line, column = mark.line + 1, mark.column + 1
        # A cell of a tidy CSV file names its own file (positions.tidy.Place).
        file = getattr(mark, "file", None) or self.filename
        if len(self.problems) >= MAX_PROBLEMS:
            # A file of a million broken lines would otherwise cost gigabytes of messages.
            self.problems.append(E.TOO_MANY_PROBLEMS.at(file, line, column, limit=MAX_PROBLEMS))
            raise StopChecking
        self.problems.append(problem.at(file, line, column, hint, **values))

    def _claim(self, kind: Kind, key: str, role: str, spelling: str, mark: Any) -> None:
        """Claim `spelling` (an actor's id, name, alias or short label; an issue's title)
        for `key`; report it where `mark` is when it is, or looks the same as, another's."""
        from positions.names import difference  # only a clash needs it

        clash = self._spelled[kind].claim(key, role, spelling)
        if clash is None:
            return
        alike, (other, other_role, other_spelling) = clash
        if kind is Kind.ISSUE:
            self._report(
                E.TITLE_LOOKS_LIKE if alike else E.TITLE_TAKEN, mark, what=F.ISSUE.what(key),
                other=other, difference=difference(spelling, other_spelling),
            )  # fmt: skip
            return
        self._report(
            E.NAME_LOOKS_LIKE if alike else E.NAME_TAKEN,
            mark,
            role=role,
            spelling=shorten(spelling),
            what=F.ACTOR.what(key),
            other=other,
            # `the id of actor 'north'`, `the alias 'N' of actor 'north'`
            other_spelling=other_role
            + ("" if other_role == "id" else f" '{shorten(other_spelling)}'"),
            difference=difference(spelling, other_spelling),
        )

    def _id_refused(self, what: str, key: str, mark: Any) -> bool:
        """Whether `key` cannot be the id of a `what` (reported where `mark` is): longer
        than MAX_NAME_CHARS, or not a lower-case slug."""
        if len(key) > MAX_NAME_CHARS:
            shown = f"{what} id '{shorten(key)}'"
            self._report(E.TOO_LONG, mark, what=shown, length=len(key), limit=MAX_NAME_CHARS)
            return True
        if not SLUG.match(key):
            slug = as_slug(key) or "united_states"  # the id it reads as, where there is one
            self._report(E.NOT_SLUG, mark, what=what, key=shorten(key), slug=slug)
            return True
        return False

    def _suggestion(self, kind: Kind, word: str, choices: list[str]) -> str | None:
        """'did you mean ...?' for an unknown id, within the file's search budget."""
        key = (kind, word)
        if key not in self._suggestions:
            if self._budget < len(choices):
                return None
            self._budget -= len(choices)
            self._suggestions[key] = suggest_id(word, choices)
        return self._suggestions[key]

    # -- events -> values ------------------------------------------------------------------

    def compose(self, event: Any, held: bool = True) -> Any:
        """The value starting at `event`, read to its end: an event, a Seq or a Map.

        A value the reader keeps (a section, `held`) draws on the file's MAX_VALUES; one
        position, checked and let go, may hold MAX_POSITION_VALUES. The value that goes
        over is reported where it starts in the file, and reading stops (`StopChecking`):
        a file of `[x,x,x,...]` never costs more memory than the limit allows.
        """
        kind = type(event)
        if kind is ScalarEvent or kind is AliasEvent:
            return event
        limit = self._held if held else MAX_POSITION_VALUES
        count = 1
        if count > limit:
            self._too_many(event, held, limit)
        get = self.get
        node = self._open(event)
        stack: list[tuple[Any, Any]] = []
        key: Any = _NO_KEY
        event = get()
        if type(node) is Map:
            # A mapping of scalars (a position, a source) read pair by pair; from the
            # first value that is not a scalar, the general loop below goes on.
            pairs = node.value
            while type(event) is ScalarEvent:
                value = get()
                if type(value) is not ScalarEvent:
                    key, event = event, value
                    count += 1
                    break
                count += 2
                if count > limit:
                    self._too_many(value, held, limit)
                pairs.append((event, value))
                event = get()
        while True:
            kind = type(event)
            if kind is ScalarEvent or kind is AliasEvent:
                child = event
                count += 1
                if count > limit:
                    self._too_many(event, held, limit)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                count += 1
                if count > limit:
                    self._too_many(event, held, limit)
                stack.append((node, key))
                node, key = self._open(event), _NO_KEY
                event = get()
                continue
            else:  # the end of the list or mapping being read
                if not stack:
                    if held:
                        self._held -= count
                    return node
                child = node
                node, key = stack.pop()
            if type(node) is Seq:
                node.value.append(child)
            elif key is _NO_KEY:
                key = child
            else:
                node.value.append((key, child))
                key = _NO_KEY
            event = get()

    def _too_many(self, event: Any, held: bool, limit: int) -> NoReturn:
        """Stop at the value that took a composed value past its limit."""
        if held:
            self._report(E.TOO_MANY_VALUES, event.start_mark, limit=MAX_VALUES)
        else:
            self._report(E.POSITION_TOO_MANY_VALUES, event.start_mark, limit=limit)
        raise StopChecking(read_on=False)

    @staticmethod
    def _open(event: Any) -> Seq | Map:
        if type(event) is MappingStartEvent:
            return Map(event.start_mark, yamlsource.collection_tag(event, MAP_TAG))
        return Seq(event.start_mark, yamlsource.collection_tag(event, SEQ_TAG))

    def skip(self, event: Any) -> None:
        """Read the value starting at `event` to its end, unchecked."""
        kind = type(event)
        if kind is not MappingStartEvent and kind is not SequenceStartEvent:
            return
        get = self.get
        depth = 1
        while depth:
            kind = type(get())
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1

    def finish(self) -> None:
        """Read to the end of the stream: a YAML error, or a second document, still counts."""
        if self._ended:
            return
        self._ended = True
        get = self.get
        while type(event := get()) is not StreamEndEvent:
            if type(event) is DocumentStartEvent:  # the first one was read by `document`
                second: Any = event.start_mark
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    self._document,
                    "but found another document",
                    second,
                )

    # -- the generic shapes ------------------------------------------------------------------

    def _visit(self, value: Any, item: str = "") -> bool:
        """Refuse an alias, where it is typed, and any tag but a plain one.

        `item` names an entry of a list: ' (position 3)'.
        """
        kind = type(value)
        if kind is AliasEvent:
            self._report(E.ALIAS, value.start_mark, item=item)
            return False
        if kind is ScalarEvent:
            tag = yamlsource.scalar_tag(value)
        elif kind is Seq or kind is Map:
            tag = value.tag
        else:  # the start of a list or mapping not composed
            tag = yamlsource.collection_tag(
                value, MAP_TAG if kind is MappingStartEvent else SEQ_TAG
            )
        if tag not in PLAIN_TAGS:
            self._report(E.TAG, value.start_mark, tag=shorten(tag))
            return False
        return True

    def _accept(
        self, key: Any, value: Any, found: Found, refused: Found, what: _What, ident: object
    ) -> bool:
        """Whether the entry `key: value` of a mapping can be read; reports why not.

        Its key must be plain text and new, and its value neither an alias nor
        tagged. Keys whose value is refused go to `refused` (so that a required
        field is not reported missing too).
        """
        if type(key) is AliasEvent:
            self._report(E.ALIAS, key.start_mark, item="")
            return False
        if type(key) is not ScalarEvent or yamlsource.scalar_tag(key) not in PLAIN_TAGS:
            self._report(E.KEY_NOT_TEXT, key.start_mark, what=_name(what, ident))
            return False
        name = key.value
        first = found.get(name) or refused.get(name)
        if first is not None:
            line = first[0].start_mark.line + 1
            if isinstance(what, Record) and what in _LISTED and name == next(iter(found), None):
                # `actor:` again in a position: its `- ` forgotten, and every later
                # key would repeat too; said once, and the rest of it not checked.
                if self._undashed is not found:
                    self._undashed = found
                    noun = what.ident.split(" {")[0]
                    self._report(
                        E.MISSING_DASH, key.start_mark, what=_name(what, ident),
                        key=shorten(name), line=line, noun=noun,
                    )  # fmt: skip
                return False
            if self._undashed is found:
                return False
            self._report(
                E.DUPLICATE_KEY,
                key.start_mark,
                key=shorten(name),
                what=_name(what, ident),
                line=line,
            )
            return False
        if not self._visit(value):
            refused[name] = (key, value)
            return False
        found[name] = (key, value)
        return True

    def items(self, node: Map, what: _What, ident: object = None) -> tuple[Found, Found]:
        """The readable entries of a mapping by key, and the keys whose value was refused."""
        found: Found = {}
        refused: Found = {}
        plain = PLAIN_TAGS
        for key, value in node.value:
            # The common entry, `text: text` or `text: {...}`, as `_accept` would take it.
            if (
                type(key) is ScalarEvent
                and key.tag is None
                and type(value) is not AliasEvent
                and (value.tag is None or value.tag in plain)
                and key.value not in found
                and key.value not in refused
            ):
                found[key.value] = (key, value)
            else:
                self._accept(key, value, found, refused, what, ident)
        return found, refused

    def _fields_known(
        self, found: Found, misspelt: set[str], names: tuple[str, ...], what: str
    ) -> None:
        """Report fields not in `names` and drop them; the name one is close to goes to
        `misspelt`, so that it is not reported missing too."""
        for name, (key, _) in list(found.items()):
            if name in names:
                continue
            del found[name]
            # A key much longer than any field name cannot be close to one,
            # and difflib's cost grows with its length.
            close = (
                difflib.get_close_matches(name, names, 1, 0.6)
                if len(name) <= MAX_NAME_CHARS
                else []
            )
            misspelt.update(close)
            hint = f"did you mean '{close[0]}'?" if close else None
            allowed = ", ".join(names)
            self._report(
                E.UNKNOWN_FIELD, key.start_mark, hint, key=shorten(name), what=what, allowed=allowed
            )

    def _required(
        self,
        found: Found,
        present: set[str],
        required: tuple[str, ...],
        mark: Any,
        what: str,
        spec: Record | None = None,
    ) -> None:
        """Report the required fields neither found nor `present` (refused, or misspelt);
        a position's missing source says what may stand in for it."""
        for name in required:
            if name not in found and name not in present:
                hint = None
                if spec is F.TIDY_POSITION and name == "source":
                    hint = "add a 'source' column, or 'defaults: {source: ID}' beside 'file:'"
                elif spec is F.POSITION and name == "source" and self._version >= 2:
                    hint = "give its 'source', or an 'evidence' list whose items name one"
                self._report(E.MISSING_FIELD, mark, hint, what=what, name=name)

    # -- records ---------------------------------------------------------------------------

    def record(self, node: Any, spec: Record, ident: object) -> dict[str, Any] | None:
        """The valid fields of one record, converted by kind; None if it is not a mapping.

        Every problem is reported; a field that is wrong is left out.
        """
        if type(node) is not Map:
            hint = _as_mapping(node, spec, isinstance(ident, str))
            self._report(E.NOT_MAPPING, node.start_mark, hint, what=spec.what(ident))
            return None
        found, refused = self.items(node, spec, ident)
        newer: set[str] = set()
        if (
            self._version < F.FORMAT_VERSION and not found.keys() <= spec.first
        ):  # positions have none: no cost
            newer = self._newer(found, spec, ident)
        present = set(refused) | newer  # a field refused is not missing too
        if not found.keys() <= spec.allowed:
            self._fields_known(found, present, spec.names, spec.what(ident))
        if spec.either is not None and spec.either[1] in found.keys() | present:
            present.add(spec.either[0])  # `evidence` given instead of `source`
        if not found.keys() >= spec.required_set:
            self._required(found, present, spec.required, node.start_mark, spec.what(ident), spec)
        out: dict[str, Any] = {}
        ids, implicit = self._ids, IMPLICIT_TAGS
        rows = spec.rows
        for name, pair in found.items():  # only known fields are left in it
            kind, limit, field = rows[name]
            value = pair[1]
            if kind in _COMPOSITE:  # a list, a mapping, or the format's version
                found_value = self._composite(field, pair, spec.what(ident))
                if found_value is not None:
                    out[name] = found_value
                continue
            # A plain text within its limit is taken as it is: the common case.
            if (
                type(value) is ScalarEvent
                and value.tag is None
                and not (value.implicit[0] and value.value in implicit)
                and (text := value.value.strip())
                and len(text) <= limit
                and (value.style != '"' or "\0" not in text)  # only "\0" can write a NUL
            ):
                pass
            else:
                checked = self._text(field, pair, spec.what(ident))
                if checked is None:
                    continue
                text = checked
            # Each kind's rule, once.
            if kind is _TEXT or kind is _NAME:
                out[name] = text
            elif kind in ids:  # a reference to an actor, issue or source
                canonical = ids[kind].get(text)
                if canonical is None:
                    self._unknown(field.kind, text, value)
                else:
                    out[name] = canonical
            elif kind is _STANCE:
                stance = _STANCES.get(text)
                if stance is None:
                    self._report(
                        E.UNKNOWN_STANCE,
                        value.start_mark,
                        _stance_hint(text),
                        value=shorten(text),
                        stances=", ".join(STANCE_IDS),
                    )
                else:
                    out[name] = stance
            elif kind is _DATE:
                date = self._dates.get(text) or self._date(text)
                if date is None:
                    what = spec.what(ident)
                    self._report(E.BAD_DATE, value.start_mark, value=shorten(text), what=what)
                else:
                    out[name] = date
            elif kind is _URL:
                if text.lower().startswith(F.URL_SCHEMES):
                    out[name] = text
                else:
                    self._report(E.BAD_URL, value.start_mark, what=field.what(spec.what(ident)))
            else:
                checked_value = self._scalar(field, text, value, spec.what(ident))
                if checked_value is not None:
                    out[name] = checked_value
        return out

    def _composite(self, field: Field, pair: tuple[Any, Any], record: str) -> Any:
        """The value of a field that is a list or a mapping (or the format), or None."""
        kind, value = field.kind, pair[1]
        if kind is Kind.NAMES or kind is Kind.MEMBERS:
            return self._names(field, pair, record)
        if kind is Kind.TAGS:
            return self._tags(field, pair, record)
        if kind is Kind.FORMAT:
            return self._format(value)
        assert field.record is not None, field
        what = field.what(record)
        if kind is Kind.RECORD:
            return self.record(value, field.record, record)
        if type(value) is not Seq:
            self._report(E.NOT_A_RECORD_LIST, value.start_mark, what=what)
            return None
        if not value.value:
            self._report(E.EMPTY_LIST, value.start_mark, what=what)
            return None
        if len(value.value) > F.MAX_ITEMS:
            count, limit = len(value.value), F.MAX_ITEMS
            self._report(E.TOO_MANY_ITEMS, value.start_mark, what=what, count=count, limit=limit)
            return None
        # Each item with the node it came from, for the rules that span records.
        items = []
        for number, item in enumerate(value.value, start=1):
            ident = f"{number} of {record}"
            if self._visit(item, f" ({field.record.what(ident)})"):
                checked = self.record(item, field.record, ident)
                if checked is not None:
                    items.append((item, checked))
        return items if len(items) == len(value.value) else None

    def _scalar(self, field: Field, text: str, value: Any, record: str) -> Any:
        """A number, a flag, a choice, a held-since date or a file: the value, or None
        after saying why."""
        kind, what, mark = field.kind, field.what(record), value.start_mark
        if kind is Kind.NUMBER:
            if not _NUMBER.match(text):
                example = "0.8" if field.bounds[1] == 1 else "2"
                self._report(E.NOT_A_NUMBER, mark, what=what, value=shorten(text), example=example)
                return None
            number, (low, high) = float(text), field.bounds
            if low <= number and (high is None or number <= high) and number < _HUGE:
                return number
            outside = (
                f"outside {low:g} to {high:g}"
                if high is not None
                else f"below {low:g}" if number < low
                else f"too large: at most {_HUGE:g}"
            )  # fmt: skip
            # A share written as a percentage (salience: 80) is meant as 0.8.
            hint = (
                f"it is a share from 0 to 1: {number:g}% is {number / 100:g}"
                if (low, high) == (0, 1) and number.is_integer() and 2 <= number <= 100
                else None
            )
            self._report(
                E.OUT_OF_RANGE, mark, hint, what=what, value=shorten(text), outside=outside
            )
        elif kind is Kind.FLAG:
            if text in _FLAGS:
                return _FLAGS[text]
            self._report(E.NOT_A_FLAG, mark, what=what, value=shorten(text))
        elif kind is Kind.CHOICE:
            if text in field.choices:
                return text
            hint = suggest_id(text, field.choices) or f"use one of {', '.join(field.choices)}"
            self._report(E.UNKNOWN_CHOICE, mark, hint, what=what, value=shorten(text))
        elif kind is Kind.HELD:
            if text == F.LONG_STANDING:
                return LONG_STANDING
            date = self._dates.get(text) or self._date(text)
            if date == LONG_STANDING:  # 0001-01-01: it could not be told apart
                self._report(E.HELD_FIRST_DAY, mark, what=record)
            elif date is not None:
                return date
            else:
                self._report(E.BAD_HELD, mark, value=shorten(text), what=record)
        else:
            assert kind is Kind.FILE, kind
            if not (text.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", text)):
                return text
            self._report(E.ABSOLUTE_FILE, mark, what=what)
        return None

    def _text(self, field: Field, pair: tuple[Any, Any], record: str) -> str | None:
        """The text of a field that is not plain text within its limit, or None after
        saying why. An optional field left empty (nothing, `~` or `null`) is None."""
        key, value = pair
        what = field.what(record)
        if type(value) is not ScalarEvent:
            self._report(E.NOT_TEXT, value.start_mark, what=what, kind=kind_of(value))
            return None
        tag = yamlsource.scalar_tag(value)
        text: str = value.value.strip()
        if not field.required and (tag == NULL_TAG or not text):
            return None
        # Only nothing and `~` are empty: a plain `null` is the word, like `no`
        # (an actor may be called Null, and `null:` is a valid id).
        if not text or (tag == NULL_TAG and value.value == "~"):
            self._report(E.EMPTY, key.start_mark, what=what)
            return None
        if len(text) > field.limit:
            self._report(
                E.TOO_LONG, value.start_mark, what=what, length=len(text), limit=field.limit
            )
            return None
        if "\0" in text:  # `"a\0b"`: no file or table could hold it again
            self._report(E.NUL_IN_TEXT, value.start_mark, what=what)
            return None
        return text

    def _names(self, field: Field, pair: tuple[Any, Any], record: str) -> list[tuple[Any, str]]:
        """The items of a list of names, each with the event it came from."""
        key, node = pair
        if type(node) is ScalarEvent and yamlsource.scalar_tag(node) == NULL_TAG:
            return []
        if type(node) is not Seq:
            example = _LIST_EXAMPLES.get(field.kind, "[Moscow, Kremlin]")
            self._report(E.NOT_A_LIST, node.start_mark, what=field.what(record), example=example)
            return []
        each = field._replace(label=field.item, required=True)
        result = []
        for number, item in enumerate(node.value, start=1):
            if not self._visit(item, f" (item {number} of {field.what(record)})"):
                continue
            text = self._text(each, (key, item), record)
            if text is not None:
                result.append((item, text))
        return result

    def _newer(self, found: Found, spec: Record, ident: object) -> set[str]:
        """Refuse and drop the fields newer than the file's format (their names come
        back): each field said once, where it is first used (one `format:` line is
        the fix for them all)."""
        dropped = {n for n in found if spec.newer.get(n, 0) > self._version}
        for name in [n for n in found if n in dropped]:
            mark, what, v = found.pop(name)[0].start_mark, spec.what(ident), spec.newer[name]
            if name in self._newer_said:
                continue
            self._newer_said.add(name)
            self._report(E.NEWER_FIELD, mark, field=name, what=what, version=v, file=self._version)
        return dropped

    def _tags(self, field: Field, pair: tuple[Any, Any], record: str) -> tuple[str, ...]:
        """The slugs of a list of tags, each once, in file order."""
        items = self._names(field, pair, record)
        for item, text in (t for t in items if not SLUG.match(t[1])):
            what = field.item.format(record=record)
            self._report(E.NOT_A_TAG, item.start_mark, what=what, value=shorten(text))
        return tuple(dict.fromkeys(text for _, text in items if SLUG.match(text)))

    def _format(self, value: Any) -> None:
        if type(value) is ScalarEvent and value.value in _VERSIONS:
            self._version = _VERSIONS[value.value]
            return
        shown = shorten(value.value) if type(value) is ScalarEvent else kind_of(value)
        versions = " and ".join(_VERSIONS)
        self._report(
            E.BAD_FORMAT, value.start_mark, shown=shown, version=F.FORMAT_VERSION, versions=versions
        )

    def _date(self, text: str) -> dt.date | None:
        date = F.day_of(text)
        if date is not None:
            self._dates[text] = date
        return date

    def _unknown(self, kind: Kind, text: str, value: Any) -> None:
        """Report a reference to an id that is not defined, unless that is said already."""
        if (kind, text) in self._declared or kind in self._missing:
            return  # its definition or section is broken, and reported already
        spelled = self._spelled[kind].find(text) if kind in self._spelled else None
        if spelled is not None and spelled[1] != "id":  # `actor: US`, an alias
            named = {"kind": kind.value, "value": shorten(text), "id": spelled[0]}
            return self._report(E.NAMED_NOT_BY_ID, value.start_mark, role=spelled[1], **named)
        # The id but for case, accents or an invisible character: that is the one meant.
        meant = None if spelled is None else f"did you mean '{spelled[0]}'?"
        self._report(
            E.UNKNOWN_REFERENCE,
            value.start_mark,
            meant or self._suggestion(kind, text, list(self._ids[kind.value])),
            kind=kind.value,
            value=shorten(text),
            section=F.REFERENCES[kind],
        )

    # -- the document ----------------------------------------------------------------------


#: How messages name a mapping: a section's name, or a kind of record (with its id).
_What = str | Record


def _stance_hint(text: str) -> str | None:
    """'did you mean ...?' for an unknown stance: the one a common word or a score
    means (`against`, `-1`), else the closest id."""
    meant = _STANCE_MEANT.get("_".join(text.lower().split()))  # `In favour`: in_favour
    if meant is not None:
        return f"did you mean '{meant}'?"
    return suggest_id(text, STANCE_IDS)


def _name(what: _What, ident: object) -> str:
    return what if isinstance(what, str) else what.what(ident)


def _as_mapping(node: Any, spec: Record, named: bool) -> str | None:
    """How a record written as one value is written as its fields: 'write its fields
    as a mapping, e.g. {name: Council press release}' (`named`, a record under its id:
    the value taken for its first field, as `council: Council press release` meant)."""
    if not spec.required:
        return None
    scalar = named and type(node) is ScalarEvent and node.value.strip()
    given = node.value if scalar else "..."
    example = ", ".join(
        f"{name}: {shorten(given, 40) if n == 0 else '...'}" for n, name in enumerate(spec.required)
    )
    return f"write its fields as a mapping, e.g. {{{example}}}"


def value_of(node: Map, name: str) -> Any:
    """The value of the entry `name` that `items` took (for a rare check or message);
    None when the mapping has no such entry."""
    return next(
        (
            value
            for key, value in node.value
            if type(key) is ScalarEvent
            and key.value == name
            and yamlsource.scalar_tag(key) in PLAIN_TAGS
        ),
        None,
    )


def mark_of(node: Map, name: str) -> Any:
    """Where the value of the entry `name` that `items` took starts."""
    return value_of(node, name).start_mark
