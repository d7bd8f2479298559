"""The data format, defined once: every section and field, its kind, limits and help.

The loader checks every record against these tables; `json_schema()` builds the
JSON Schema shipped as schema.json and `markdown()` the field tables of
docs/format.md (scripts/make_docs.py writes both; tests/test_fields.py holds
the shipped files to what is built here). A new field is one row here, and one
branch in the loader only when it is of a new kind.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any, NamedTuple

from positions.model import BASIS_IDS, OUTCOMES, STANCE_IDS

#: The newest format version; every older one still loads (format 2 only adds fields).
FORMAT_VERSION = 2
FORMAT_VERSIONS = (1, 2)
#: Longest text in any one prose field (a summary, quote, question or url), in characters.
MAX_TEXT_CHARS = 10_000
#: Longest id, name, alias, title or source name, in characters.
MAX_NAME_CHARS = 200

SLUG_PATTERN = r"[a-z0-9]+(?:[_-][a-z0-9]+)*"
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: A day as the data and every caller write it: YYYY-MM-DD, in ASCII digits.
DAY = re.compile(DATE_PATTERN)


def day_of(text: str) -> dt.date | None:
    """The day `text` writes as YYYY-MM-DD; None: it writes none (`DAY.fullmatch` tells
    a wrong form from a day the calendar has not, such as 2025-02-30)."""
    if DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


URL_SCHEMES = ("https://", "http://")
#: The same schemes, in any case (as browsers read them), for the schema.
URL_PATTERN = "[Hh][Tt][Tt][Pp][Ss]?://"


class Kind(enum.Enum):
    """What a field holds; each kind is checked by one branch of the loader."""

    FORMAT = "format"  # the format's version number
    NAME = "name"  # one line of text: a name, title or alias
    TEXT = "text"  # prose: a summary, quote or question
    URL = "url"  # an http(s) address
    NAMES = "names"  # a list of names
    TAGS = "tags"  # a list of slugs
    STANCE = "stance"  # one of STANCE_IDS
    DATE = "date"  # a calendar day, YYYY-MM-DD
    ACTOR = "actor"  # the id of an actor defined under `actors:`
    ISSUE = "issue"  # ... of an issue
    SOURCE = "source"  # ... of a source
    NUMBER = "number"  # a decimal number within the field's bounds
    FLAG = "flag"  # true or false
    CHOICE = "choice"  # one of the field's choices
    HELD = "held"  # a date, or `long-standing`
    FILE = "file"  # a path relative to the data file
    MEMBERS = "members"  # a list of actor or group ids
    RECORD = "record"  # a mapping: one record of the field's `record`
    RECORDS = "records"  # a list of them


#: The longest text each kind accepts.
LIMITS = {kind: MAX_NAME_CHARS for kind in Kind} | {
    Kind.TEXT: MAX_TEXT_CHARS,
    Kind.URL: MAX_TEXT_CHARS,
    Kind.FILE: MAX_TEXT_CHARS,
}
#: `held_since:`'s word for "since before any date the data knows".
LONG_STANDING = "long-standing"
#: The most items a list of records (evidence, conditions) may have.
MAX_ITEMS = 100
#: The kinds that name a record of a section, and that section.
REFERENCES = {Kind.ACTOR: "actors", Kind.ISSUE: "issues", Kind.SOURCE: "sources"}


class Field(NamedTuple):
    name: str
    kind: Kind
    required: bool
    doc: str  # what it holds, for docs/format.md and the schema's description
    label: str = "the {name} of {record}"  # how a message names it
    item: str = ""  # how a message names one item of a list: "an alias of {record}"
    since: int = 1  # the first format version that has it
    choices: tuple[str, ...] = ()  # Kind.CHOICE: the words it accepts
    bounds: tuple[float, float | None] = (0.0, None)  # Kind.NUMBER: least and most
    record: Record | None = None  # Kind.RECORD and RECORDS: the fields of each

    @property
    def limit(self) -> int:
        return LIMITS[self.kind]

    def what(self, record: str) -> str:
        """The field as messages name it: `the summary of position 3`, `stance`."""
        return self.label.format(name=self.name, record=record)


class Record:
    """The fields of one kind of record; `ident` names one record in messages."""

    __slots__ = (
        "allowed", "either", "fields", "first", "ident", "names", "newer", "required",
        "required_set", "rows",
    )  # fmt: skip

    def __init__(
        self, ident: str, fields: tuple[Field, ...], either: tuple[str, str] | None = None
    ) -> None:
        self.ident = ident  # "actor '{}'": filled with the record's id (or a position's number)
        self.fields = fields
        # A required field and the one that may stand in for it, never both (source,
        # evidence).
        self.either = either
        self.required = tuple(f.name for f in fields if f.required)
        # Required first: the order a message lists them in.
        self.names = self.required + tuple(f.name for f in fields if not f.required)
        self.allowed = frozenset(self.names)
        self.required_set = frozenset(self.required)
        # What the loader reads for each field, looked up once: name -> kind, limit, field.
        self.rows = {f.name: (f.kind.value, f.limit, f) for f in fields}
        # The fields a format-1 file may not have: name -> the version that has them.
        self.newer = {f.name: f.since for f in fields if f.since > 1}
        self.first = frozenset(f.name for f in fields if f.since == 1)  # format 1's

    def what(self, ident: object) -> str:
        return self.ident.format(ident)


SOURCE = Record(
    "source '{}'",
    (
        Field("name", Kind.NAME, True, "The outlet or document, as readers know it."),
        Field("url", Kind.URL, False, "A web address, `https://` or `http://` only."),
        Field(
            "file",
            Kind.FILE,
            False,
            "A local copy of its text (plain UTF-8), relative to the data file: "
            "`validate --check-quotes` finds every quote of this source in it.",
            since=2,
        ),
    ),
)
WINDOW = Record(
    "the active window of {}",
    (
        Field("from", Kind.DATE, False, "The first day it is a party."),
        Field("until", Kind.DATE, False, "The last day it is a party."),
    ),
)
ACTOR = Record(
    "actor '{}'",
    (
        Field("name", Kind.NAME, True, "The party's name, as reports show it."),
        Field(
            "aliases",
            Kind.NAMES,
            False,
            "Other names people type for it (`US`, `Kyiv`, `Moscow`).",
            item="an alias of {record}",
        ),
        Field(
            "short",
            Kind.NAME,
            False,
            "A short label for narrow tables (`China 中国` -> `CN`); without it, tables "
            "abbreviate the name.",
            since=2,
        ),
        Field(
            "capability",
            Kind.NUMBER,
            False,
            "Its weight in the negotiation (power, votes, clout), a number of 0 or more; "
            "omitted counts 1.",
            since=2,
        ),
        Field(
            "active",
            Kind.RECORD,
            False,
            "`{from?, until?}`: when it is a party (a member that joins or leaves). Outside "
            "it the actor is *not a party*, and a position dated outside it is an error.",
            since=2,
            record=WINDOW,
        ),
    ),
)
GROUP = Record(
    "group '{}'",
    (
        Field("name", Kind.NAME, True, "The group's name (`European allies`, `G77`)."),
        Field(
            "members",
            Kind.MEMBERS,
            True,
            "Actor ids, or ids of other groups (whose members it then includes).",
            item="a member of {record}",
        ),
    ),
)
ISSUE = Record(
    "issue '{}'",
    (
        Field("title", Kind.NAME, True, "A short title, shown in tables."),
        Field(
            "question",
            Kind.TEXT,
            True,
            "A yes/no proposition: a stance is a stance *on the question*, so `support` means yes.",
        ),
        Field(
            "tags",
            Kind.TAGS,
            False,
            "Ids that group issues (`territory`, `security`): every command's `--tag` keeps "
            "the issues that have one of them.",
            item="a tag of {record}",
            since=2,
        ),
    ),
)
_QUOTE = "The party's own words, verbatim. Leave it out rather than paraphrase."
EVIDENCE = Record(
    "evidence item {}",
    (
        Field("source", Kind.SOURCE, True, "A source id: who reported it.", label="source"),
        Field("quote", Kind.TEXT, False, _QUOTE),
        Field("speaker", Kind.NAME, False, "Who said it (`Starmer`), when not the party."),
        Field("url", Kind.URL, False, "The article itself, not the outlet's home page."),
        Field("date", Kind.DATE, False, "`YYYY-MM-DD`: when it was said or published."),
    ),
)
CONDITION = Record(
    "condition {}",
    (
        Field("issue", Kind.ISSUE, True, "An issue id, not the position's own.", label="issue"),
        Field(
            "outcome",
            Kind.CHOICE,
            True,
            "`adopted` or `rejected`: how that issue must be decided for the position to hold.",
            choices=OUTCOMES,
        ),
    ),
)
POSITION = Record(
    "position {}",
    (
        Field("actor", Kind.ACTOR, True, "An actor id.", label="actor"),
        Field("issue", Kind.ISSUE, True, "An issue id.", label="issue"),
        Field("stance", Kind.STANCE, True, "The stance on the issue's question.", label="stance"),
        Field("summary", Kind.TEXT, True, "The position in your own words."),
        Field("quote", Kind.TEXT, False, _QUOTE),
        Field(
            "source",
            Kind.SOURCE,
            True,
            "A source id: who reported it. Format 2: or `evidence` instead.",
            label="source",
        ),
        Field("date", Kind.DATE, True, "`YYYY-MM-DD`: when it was stated, or first reported."),
        Field(
            "evidence",
            Kind.RECORDS,
            False,
            "Several items instead of `source` and `quote`, each `{source, quote?, speaker?, "
            "url?, date?}`.",
            since=2,
            record=EVIDENCE,
        ),
        Field(
            "basis",
            Kind.CHOICE,
            False,
            "`reported` (the default: a source reports the party saying it), `indirect` "
            "(known through another party's words) or `inferred` (the analyst's reading); "
            "`--reported-only` leaves the last two out.",
            since=2,
            choices=BASIS_IDS,
        ),
        Field(
            "note",
            Kind.TEXT,
            False,
            "Why: required when `basis` is not `reported` (the sentence it rests on).",
            since=2,
        ),
        Field(
            "conditions",
            Kind.RECORDS,
            False,
            "`[{issue, outcome}]`: the stance holds only if each of these issues is "
            "`adopted` or `rejected`.",
            since=2,
            record=CONDITION,
        ),
        Field(
            "salience",
            Kind.NUMBER,
            False,
            "How much the actor cares about the issue, from 0 to 1.",
            since=2,
            bounds=(0.0, 1.0),
        ),
        Field(
            "red_line",
            Kind.FLAG,
            False,
            "`true` for a stance it says it will never give up (not on a `neutral` stance).",
            since=2,
        ),
        Field(
            "held_since",
            Kind.HELD,
            False,
            "A date, or `long-standing`: the stance was held before `date` "
            '("has long insisted"); `--as-of` counts it from then.',
            since=2,
        ),
    ),
    either=("source", "evidence"),
)


#: A row of a tidy CSV file, as the loader makes it a record: a position whose
#: summary may be left out (a roll-call vote has none). docs/format.md, "Tidy CSV".
TIDY_POSITION = Record(
    "position {}",  # with the row: `position on row 12`
    tuple(f._replace(required=False) if f.name == "summary" else f for f in POSITION.fields),
    either=POSITION.either,
)
#: The values a `defaults:` mapping may give the columns a CSV file leaves out or empty.
TIDY_DEFAULTS = Record(
    "the defaults of the positions file",
    tuple(
        f._replace(required=False, label="the default {name}")
        for f in POSITION.fields + EVIDENCE.fields[2:4]
        if f.kind not in (Kind.ACTOR, Kind.ISSUE, Kind.RECORDS)
    ),
)
TIDY_FILE = Record(
    "the positions file",
    (
        Field(
            "file",
            Kind.FILE,
            True,
            "The CSV file holding the positions, relative to this file (docs/format.md, "
            '"Tidy CSV").',
            since=2,
        ),
        Field(
            "defaults",
            Kind.RECORD,
            False,
            "Values for the columns the CSV file leaves out or empty: `{source: unga}`.",
            since=2,
            record=TIDY_DEFAULTS,
        ),
    ),
)


class Section(NamedTuple):
    """A top-level entry of a data file."""

    name: str
    doc: str
    field: Field | None = None  # a single value
    records: Record | None = None  # id -> record (a mapping), or a list of records
    listed: bool = False  # records in a list (positions), not a mapping of ids
    required: bool = True
    since: int = 1


SECTIONS = (
    Section(
        "format",
        "The format version: `1` or `2`. Format 2 only adds fields (each marked *format 2* "
        "below): a format-1 file loads unchanged, and a format-2 field in it is refused "
        "with a message saying to write `format: 2`.",
        field=Field("format", Kind.FORMAT, True, "The format version.", label="format"),
    ),
    Section(
        "title",
        "The negotiation's name, shown at the top of reports.",
        field=Field("title", Kind.NAME, True, "The negotiation's name.", label="title"),
    ),
    Section("sources", "Who reported the positions. May be `{}`.", records=SOURCE),
    Section("actors", "The parties.", records=ACTOR),
    Section("issues", "What is negotiated, each issue a yes/no question.", records=ISSUE),
    Section(
        "groups",
        "Named sets of actors (`eu`, `g77`), accepted wherever actors are (`--actors eu`). "
        "Optional.",
        records=GROUP,
        required=False,
        since=2,
    ),
    Section(
        "positions",
        "Dated positions (the list may be empty); several for one actor and issue form "
        "its history.",
        records=POSITION,
        listed=True,
    ),
)


def section_doc(section: Section) -> str:
    """A section's help with the shape of its records: `id → {name, url?}`."""
    if section.records is None:
        return section.doc
    shape = ", ".join(f.name + ("" if f.required else "?") for f in section.records.fields)
    what = "A list of" if section.listed else "id →"
    return f"{what} `{{{shape}}}`. {section.doc}"


#: The top-level keys, and those that every file has.
TOP_NAMES = tuple(s.name for s in SECTIONS)
TOP_REQUIRED = tuple(s.name for s in SECTIONS if s.required)
#: The top-level keys a format-1 file may not have: name -> the version that has them.
TOP_NEWER = {s.name: s.since for s in SECTIONS if s.since > 1}


# --- the JSON Schema -----------------------------------------------------------------------

_DEFS: dict[str, Any] = {
    "id": {
        "description": "A lower-case slug: a-z, 0-9, with - or _ between them.",
        "type": "string",
        "pattern": f"^{SLUG_PATTERN.replace('(?:', '(')}$",
        "maxLength": MAX_NAME_CHARS,
    },
    "name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME_CHARS, "pattern": "\\S"},
    "text": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS, "pattern": "\\S"},
}


#: What the schema says of a field of each kind after its description; a name or a
#: text is its `$defs` entry (`_field_schema`).
_KIND_SCHEMA: dict[Kind, dict[str, Any]] = {kind: {"$ref": "#/$defs/id"} for kind in REFERENCES} | {
    Kind.FORMAT: {"enum": [v for n in FORMAT_VERSIONS for v in (n, str(n))]},
    Kind.NAMES: {"type": ["array", "null"], "items": {"$ref": "#/$defs/name"}},
    Kind.TAGS: {"type": ["array", "null"], "items": {"$ref": "#/$defs/id"}},
    Kind.STANCE: {"enum": list(STANCE_IDS)},
    Kind.DATE: {"type": "string", "pattern": f"^{DATE_PATTERN}$"},
    Kind.URL: {"type": "string", "pattern": f"^{URL_PATTERN}", "maxLength": LIMITS[Kind.URL]},
    Kind.FLAG: {"type": "boolean"},
    Kind.HELD: {
        "anyOf": [
            {"type": "string", "pattern": f"^{DATE_PATTERN}$"},
            {"const": LONG_STANDING},
        ]
    },
    Kind.FILE: {"type": "string", "minLength": 1, "maxLength": LIMITS[Kind.FILE]},
    Kind.MEMBERS: {"type": "array", "items": {"$ref": "#/$defs/id"}},
}


def _field_schema(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": _plain(field.doc)}
    if field.kind is Kind.CHOICE:
        return schema | {"enum": list(field.choices)}
    if field.kind is Kind.NUMBER:
        low, high = field.bounds
        return (
            schema
            | {"type": "number", "minimum": low}
            | ({} if high is None else {"maximum": high})
        )
    if field.record is not None:
        record = _record_schema(field.record)
        if field.kind is Kind.RECORD:
            return schema | record
        return schema | {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": record}
    if field.kind in _KIND_SCHEMA:
        return schema | _KIND_SCHEMA[field.kind]
    ref = {"$ref": f"#/$defs/{field.kind.value}"}  # "name" or "text"
    # An empty optional value means none.
    return schema | (ref if field.required else {"anyOf": [ref, {"type": "null"}]})


def _record_schema(record: Record) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if record.either is None:
        schema["required"] = list(record.required)
    else:  # the required field, or the one that stands in for it, but not both
        main, other = record.either
        schema["required"] = [n for n in record.required if n != main]
        schema["oneOf"] = [{"required": [main]}, {"required": [other]}]
    return schema | {
        "additionalProperties": False,
        "properties": {f.name: _field_schema(f) for f in record.fields},
    }


def _section_schema(section: Section) -> dict[str, Any]:
    if section.field is not None:
        return _field_schema(section.field._replace(doc=section.doc))
    assert section.records is not None
    items = _record_schema(section.records)
    doc = _plain(section_doc(section))
    if section.listed:  # the positions: a list, or (format 2) a tidy CSV file
        listed = {"type": ["array", "null"], "items": items}
        return {"description": doc, "anyOf": [listed, _record_schema(TIDY_FILE)]}
    return {
        "description": doc,
        "type": "object",
        "propertyNames": {"$ref": "#/$defs/id"},
        "additionalProperties": items,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors; the loader checks more than it can say."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "positions data file, format 1 or 2",
        "description": (
            "A negotiation: actors, issues (yes/no propositions), sources and dated "
            "positions. See docs/format.md. `positions validate` checks more than this "
            "schema can: references between sections, duplicate keys, names shared by two "
            "actors, real calendar dates."
        ),
        "type": "object",
        "required": list(TOP_REQUIRED),
        "additionalProperties": False,
        "properties": {s.name: _section_schema(s) for s in SECTIONS},
        "$defs": _DEFS,
    }


def _plain(doc: str) -> str:
    """Docs text without its Markdown marks, for an editor's tooltip."""
    return doc.replace("`", "").replace("*", "")


# --- docs/format.md -----------------------------------------------------------------------


#: What the docs add to a field's help for its kind.
_KIND_DOC = {
    Kind.STANCE: " One of " + ", ".join(f"`{s}`" for s in STANCE_IDS) + ".",
    Kind.NAMES: f" A list; each at most {MAX_NAME_CHARS} characters.",
    Kind.TAGS: " A list of ids (lower-case slugs).",
    Kind.NAME: f" At most {LIMITS[Kind.NAME]:,} characters.",
    Kind.TEXT: f" At most {LIMITS[Kind.TEXT]:,} characters.",
    Kind.HELD: " `YYYY-MM-DD` or `long-standing`; not after `date`.",
    Kind.MEMBERS: " A list of ids.",
    Kind.RECORDS: f" A list of at most {MAX_ITEMS} items.",
}


def markdown() -> str:
    """The tables of sections and of each record's fields, as docs/format.md shows them."""
    lines = ["| key | required | what it holds |", "| --- | --- | --- |"]
    lines += [
        f"| `{s.name}` | {'yes' if s.required else 'no'} | {section_doc(s)}{_since(s)} |"
        for s in SECTIONS
    ]
    for section in SECTIONS:
        if section.records is None:
            continue
        noun = "Each entry" if section.listed else "Each record"
        lines += ["", f"{noun} of `{section.name}` has:", ""]
        lines += _field_rows(section.records)
        for field in section.records.fields:
            if field.record is not None:
                noun = "Each item" if field.kind is Kind.RECORDS else "The mapping"
                lines += [
                    "",
                    f"{noun} of a {section.records.ident.split()[0]}'s `{field.name}` has:",
                    "",
                ]
                lines += _field_rows(field.record)
    return "\n".join(lines) + "\n"


def _field_rows(record: Record) -> list[str]:
    return ["| field | required | meaning |", "| --- | --- | --- |"] + [
        f"| `{f.name}` | {'yes' if f.required else 'no'} | "
        f"{f.doc}{_KIND_DOC.get(f.kind, '')}{_since(f)} |"
        for f in record.fields
    ]


def _since(field: Field | Section) -> str:
    return f" *Format {field.since}.*" if field.since > 1 else ""
