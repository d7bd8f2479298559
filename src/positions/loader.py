"""Data file -> Dataset. Every check on a data file lives here, once, on one path.

The file is read as libyaml's events (positions.yamlsource), never constructed
into Python objects: every value keeps its line and column, no tag can build an
object, `no` or `2025-08-15` stay the text written, duplicate keys are seen. The
head sections are composed into small values, the positions checked one entry
at a time as they are read; `record`, the one checker of every record (driven
by positions.fields), keeps the happy path cheap as msgspec and pydantic-core
do, building a location and a message only for a value that fails. All problems
are raised together in one `DataError`, sorted by place (docs/architecture.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
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
from positions.errors import DataError
from positions.fields import Field, Kind, Record
from positions.model import Actor, Dataset, Issue, Position, Source
from positions.names import difference
from positions.reader import (
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    MAX_PROBLEMS,
    MAX_TEXT_CHARS,
    POSITION_FIELDS,
    SUGGESTION_BUDGET,
    SECTION_KIND,
    SLUG,
    STREAM,
    Found,
    Map,
    Reader,
    TooManyProblems,
    kind_of,
    mark_of,
)
from positions.text import shorten
from positions.yamlsource import NULL_TAG, PLAIN_TAGS

__all__ = [
    "MAX_FILE_BYTES", "MAX_NAME_CHARS", "MAX_PROBLEMS", "MAX_TEXT_CHARS", "POSITION_FIELDS",
    "SUGGESTION_BUDGET",
    "load", "parse",
]  # fmt: skip


def load(path: Path, display: str | None = None) -> Dataset:
    """Read and validate the data file at `path`; `display` names it in messages."""
    name = display if display is not None else str(path)
    data, _ = datafile.read(path, name)
    return parse(data, name)


def parse(data: bytes, filename: str) -> Dataset:
    """Validate `data` (a whole file, UTF-8) and build the Dataset, or raise DataError."""
    get = yamlsource.events(data, filename)
    check = _Check(filename, data, get)
    # The cyclic collector finds nothing in fresh objects but, on a large file,
    # costs more than the parse: pause it while the model is built.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            dataset = check.document()
        except TooManyProblems:
            dataset = None
            check.finish()  # a YAML error later in the file is still the one message
    except yaml.YAMLError as e:
        raise DataError([yamlsource.problem(e, data, filename)]) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    if check.problems:
        raise DataError(sorted(check.problems, key=lambda p: (p.line, p.column)))
    assert dataset is not None
    return dataset


class _Check(Reader):
    """One file's check: reads its events, collects its problems, builds its model."""

    def document(self) -> Dataset | None:
        get = self.get
        get()  # the stream's start
        event = get()
        if type(event) is StreamEndEvent:
            self.problems.append(E.EMPTY_FILE.at(self.filename, 1, 1))
            return None
        self._document: Any = event.start_mark
        root = get()
        if type(root) is not MappingStartEvent:
            root = self.compose(root)
            if self._visit(root):
                fields = ", ".join(F.TOP_NAMES)
                self._report(E.ROOT_NOT_MAPPING, root.start_mark, fields=fields, kind=kind_of(root))
            self.finish()
            return None
        if not self._visit(root):
            self.skip(root)
            self.finish()
            return None
        found, present, head, positions, deferred = self.top()
        self.finish()
        if head is None:
            head = self.head(found)
        if deferred is not None:
            positions = self.again(deferred)
        self._required(found, present, F.TOP_NAMES, root.start_mark, "the data file")
        if self.problems:
            return None
        sources, actors, issues = head
        title = self._text(_TITLE, found["title"], "the data file")
        assert title is not None
        return Dataset(title, actors, issues, sources, tuple(positions))

    def top(self) -> tuple[Found, set[str], _Head | None, list[Position], int | None]:
        """The root mapping, read entry by entry, with its positions checked as they come.

        Returns its entries, the keys present but refused or misspelt, the head sections if
        they were checked on the way (all three came before the positions), the
        positions, and where their key is if they came too early (`again`).
        """
        get = self.get
        found: Found = {}
        refused: Found = {}
        misspelt: set[str] = set()
        head: _Head | None = None
        positions: list[Position] = []
        deferred: int | None = None
        while type(event := get()) is not MappingEndEvent:
            key = self.compose(event)
            value = get()
            if not self._accept(key, value, found, refused, "the data file", None):
                self.skip(value)
            elif key.value == "positions":
                if found.keys() >= STREAM:
                    head = self.head(found)
                    positions = self.positions(value)
                else:
                    deferred = key.start_mark.index
                    self.skip(value)
            elif key.value in _TOP:
                pair = found[key.value] = (key, self.compose(value))
                if key.value == "format":
                    self._format(pair[1])
                elif key.value == "title":
                    self._text(_TITLE, pair, "the data file")
            else:  # an unknown field, reported as it is met
                self.skip(value)
                pair = refused[key.value] = found.pop(key.value)  # still seen, for repeats
                self._fields_known({key.value: pair}, misspelt, F.TOP_NAMES, "the data file")
        return found, misspelt | refused.keys(), head, positions, deferred

    def again(self, index: int) -> list[Position]:
        """The positions whose key starts at `index`, read again by a second parser of
        the same bytes, now that the sections they refer to are known."""
        self.get = get = yamlsource.events(self.data, self.filename)
        for _ in range(3):  # the stream, the document and the root mapping start
            get()
        while True:
            key = get()
            mark: Any = key.start_mark
            if type(key) is ScalarEvent and mark.index == index:
                return self.positions(get())
            self.skip(key)
            self.skip(get())

    def head(self, found: Found) -> _Head:
        """The sources, actors and issues: what the positions refer to."""
        self._missing = {kind for section, kind in SECTION_KIND.items() if section not in found}
        sources: dict[str, Source] = {}
        for key, _, _, values in self.section(found, "sources", F.SOURCE):
            if "name" in values:  # two sources may share a name: only looked up
                self._spelled[Kind.SOURCE].add(key, "name", values["name"])
                sources[key] = Source(key, values["name"], values.get("url"))
        actors = self.actors(found)
        issues: dict[str, Issue] = {}
        for key, _, node, values in self.section(found, "issues", F.ISSUE):
            if "title" not in values or "question" not in values:
                continue
            title = values["title"]
            clash = self._spelled[Kind.ISSUE].claim(key, "title", title)
            if clash is not None:
                alike, (other, _, other_title) = clash
                self._report(
                    E.TITLE_LOOKS_LIKE if alike else E.TITLE_TAKEN, mark_of(node, "title"),
                    what=F.ISSUE.what(key), other=other,
                    difference=difference(title, other_title),
                )  # fmt: skip
            issues[key] = Issue(key, title, values["question"], values.get("tags", ()))
        for kind, defined in ((Kind.SOURCE, sources), (Kind.ACTOR, actors), (Kind.ISSUE, issues)):
            self._ids[kind.value] = {key: key for key in defined}
        return sources, actors, issues

    def section(
        self, found: Found, name: str, spec: Record
    ) -> Iterator[tuple[str, Any, Any, dict[str, Any]]]:
        """(id, key, value, its valid fields) of each mapping record of a section, in file
        order; a record is defined for the positions once yielded."""
        pair = found.get(name)
        if pair is None:
            return
        node = pair[1]
        if type(node) is not Map:
            self._report(E.NOT_MAPPING, node.start_mark, what=name)
            return
        kind = SECTION_KIND[name]
        entries, _ = self.items(node, name)
        for key, (key_event, value) in entries.items():
            self._declared.add((kind, key))
            if len(key) > MAX_NAME_CHARS or not SLUG.match(key):
                self._report(E.NOT_SLUG, key_event.start_mark, what=kind.value, key=shorten(key))
                continue
            values = self.record(value, spec, key)
            if values is not None:
                yield key, key_event, value, values

    def actors(self, found: Found) -> dict[str, Actor]:
        result: dict[str, Actor] = {}
        for key, key_event, node, values in self.section(found, "actors", F.ACTOR):
            if "name" not in values:
                continue
            name = values["name"]
            aliases: list[tuple[Any, str]] = values.get("aliases", [])
            # Where each spelling is: its event, or the name of the field that holds it.
            spellings: list[tuple[Any, str, str]] = [(key_event, key, "id"), ("name", name, "name")]
            spellings += [(item, alias, "alias") for item, alias in aliases]
            short = values.get("short")
            if short is not None:
                spellings.append(("short", short, "short label"))
            for at, spelling, role in spellings:
                clash = self._spelled[Kind.ACTOR].claim(key, role, spelling)
                if clash is None:
                    continue
                alike, (other, other_role, other_spelling) = clash
                self._report(
                    E.NAME_LOOKS_LIKE if alike else E.NAME_TAKEN,
                    mark_of(node, at) if type(at) is str else at.start_mark,
                    role=role,
                    spelling=shorten(spelling),
                    what=F.ACTOR.what(key),
                    other=other,
                    # `the id of actor 'north'`, `the alias 'N' of actor 'north'`
                    other_spelling=other_role
                    + ("" if other_role == "id" else f" '{shorten(other_spelling)}'"),
                    difference=difference(spelling, other_spelling),
                )
            result[key] = Actor(key, name, tuple(alias for _, alias in aliases), short)
        return result

    def positions(self, event: Any) -> list[Position]:
        """The positions of the list starting at `event`, each checked as it is read."""
        if type(event) is ScalarEvent and yamlsource.scalar_tag(event) == NULL_TAG:
            return []
        if type(event) is not SequenceStartEvent:
            self._report(E.POSITIONS_NOT_LIST, event.start_mark)
            self.skip(event)
            return []
        get, compose, record, plain = self.get, self.compose, self.record, PLAIN_TAGS
        spec, first = F.POSITION, self._first
        result: list[Position] = []
        number = 0
        while type(event := get()) is not SequenceEndEvent:
            number += 1
            item = compose(event)
            if (type(item) is not Map or item.tag not in plain) and not self._visit(
                item, f" (position {number})"
            ):
                continue
            values = record(item, spec, number)
            if values is None:
                continue
            actor, issue, date = values.get("actor"), values.get("issue"), values.get("date")
            if actor is None or issue is None or date is None:
                continue
            seen = first.get((actor, issue, date))
            if seen is not None:
                what = {"actor": actor, "issue": issue, "date": date, "line": seen}
                self._report(E.SECOND_POSITION, item.start_mark, **what)
                continue
            first[actor, issue, date] = item.start_mark.line + 1
            v = values
            try:
                position = Position(
                    actor, issue, v["stance"], v["summary"], v["source"], date, v.get("quote")
                )
            except KeyError:  # a field that is missing or wrong, reported already
                continue
            result.append(position)
        return result


#: What `_Check.head` finds: the sources, actors and issues.
_Head = tuple[dict[str, Source], dict[str, Actor], dict[str, Issue]]
_TOP = frozenset(F.TOP_NAMES)
_TITLE: Field = F.SECTIONS[1].field  # type: ignore[assignment]
