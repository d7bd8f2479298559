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

import datetime as dt
import gc
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from positions import datafile, progress, records, tidy, yamlsource
from positions import errors as E
from positions import fields as F
from positions.errors import MAX_PROBLEMS, DataError
from positions.fields import Field, Kind, Record
from positions.model import (
    OUTCOMES,
    Actor,
    Basis,
    Condition,
    Dataset,
    Evidence,
    Group,
    Issue,
    Position,
    Source,
    Stance,
    Window,
)  # fmt: skip
from positions.reader import (
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    MAX_POSITIONS,
    MAX_TEXT_CHARS,
    POSITION_FIELDS,
    SECTION_KIND,
    STREAM,
    SUGGESTION_BUDGET,
    Found,
    Map,
    Seq,
    StopChecking,
    as_slug,
    kind_of,
    mark_of,
    value_of,
)
from positions.text import shorten
from positions.tidy import AloneReader
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
    return parse(data, name, base=path.parent)


def parse(
    data: bytes, filename: str, quotes: Path | None = None, base: Path | None = None
) -> Dataset:
    """Validate `data` (a whole file, UTF-8) and build the Dataset, or raise DataError.

    With `quotes` (the directory a source's `file:` is relative to), every quote
    whose source has a file must be verbatim in it (`validate --check-quotes`).
    `base` is the data file's directory, where a positions file is found (None for
    standard input). A tidy CSV table (by its `.csv` name, or a first line that
    names the required columns) is read as the whole data (docs/format.md).
    """
    return _parse_files(data, filename, quotes, base)[0]


def parse_files(
    data: bytes, filename: str, quotes: Path | None = None, base: Path | None = None
) -> tuple[Dataset, tuple[tuple[Path, int], ...]]:
    """`parse`, with every positions file it read and the CRC-32 of what it read:
    what the store must also find unchanged to use its entry."""
    return _parse_files(data, filename, quotes, base)


def _parse_files(
    data: bytes, filename: str, quotes: Path | None, base: Path | None
) -> tuple[Dataset, tuple[tuple[Path, int], ...]]:
    alone = filename.lower().endswith(".csv") or tidy.looks_like_csv(data)
    progress.stage(f"checking {filename}", 0 if alone else len(data))
    get = _no_events if alone else yamlsource.events(data, filename)
    check = _Check(filename, data, get, quotes, base)
    # The cyclic collector finds nothing in fresh objects but, on a large file,
    # costs more than the parse: pause it while the model is built.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        stopped = False
        try:
            dataset = check.alone() if alone else check.document()
        except StopChecking as stop:
            dataset, stopped = None, True
            if stop.read_on and not alone:
                check.finish()  # a YAML error later in the file is still the one message
    except yaml.YAMLError as e:
        raise DataError([yamlsource.problem(e, data, filename)], file=filename) from None
    except DataError as e:  # a problem of a whole table (its header, its bytes)
        raise DataError(e.problems, e.stopped, e.file or filename) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    if check.problems:
        # The data file's own problems first, then a positions file's, each by place;
        # the one where checking stopped stays last, where it says so.
        problems = check.problems[:-1] if stopped else check.problems
        first = sorted(problems, key=lambda p: (p.file != filename, p.line, p.column))
        raise DataError(first + check.problems[len(problems) :], stopped, filename)
    assert dataset is not None
    return dataset, tuple(check.files)


def _no_events() -> Any:
    raise AssertionError("a CSV table has no YAML events")  # pragma: no cover


#: The most actors all groups may hold together, nested groups expanded: 1,000 groups of
#: 1,000 actors. Every view that lists groups goes over them.
MAX_MEMBERSHIPS = 1_000_000


class _Check(AloneReader):
    """One file's check: reads its events, collects its problems, builds its model."""

    def __init__(
        self,
        filename: str,
        data: bytes,
        get: Callable[[], Any],
        quotes: Path | None = None,
        base: Path | None = None,
    ) -> None:
        super().__init__(filename, data, get)
        self.base = base
        self.files = []
        self._windows: dict[str, Window] = {}  # the actors that have an `active:` window
        self._files: dict[str, Any] = {}  # source id -> where its `file:` is
        self._base = Path()  # the resolved directory a source's file must be in
        # With --check-quotes: the directory files are named from, and every quote
        # (where, what, the quote, its source).
        self.quotes: tuple[Path, list[tuple[Any, str, str, str]]] | None = (
            None if quotes is None else (quotes, [])
        )

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
                fields = ", ".join(F.TOP_REQUIRED)
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
        self._required(found, present, F.TOP_REQUIRED, root.start_mark, "the data file")
        sources, actors, issues = head
        groups = self.groups(found, actors)
        if self.quotes is not None:
            self.check_quotes(sources)
        if self.problems:
            return None
        title = self._text(_TITLE, found["title"], "the data file")
        assert title is not None
        self._first.clear()  # 13 MB on the 100k file: not kept while the Dataset is built
        return Dataset(title, actors, issues, sources, tuple(positions), groups)

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
                    self.skip_positions(value)
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
        for key, _, node, values in self.section(found, "sources", F.SOURCE):
            if "file" in values:
                self._files[key] = mark_of(node, "file")
                if ".." in re.split(r"[\\/]", values["file"]):  # a link out: where it is read
                    what = F.SOURCE.fields[2].what(F.SOURCE.what(key))
                    shown = shorten(values.pop("file"))  # and not read, nor said again
                    self._report(E.FILE_LEADS_OUT, self._files[key], what=what, value=shown)
            if "name" in values:  # two sources may share a name: only looked up
                self._spelled[Kind.SOURCE].add(key, "name", values["name"])
                sources[key] = Source(key, values["name"], values.get("url"), values.get("file"))
        actors = self.actors(found)
        issues: dict[str, Issue] = {}
        for key, _, node, values in self.section(found, "issues", F.ISSUE):
            if "title" not in values or "question" not in values:
                continue
            title = values["title"]
            self._claim(Kind.ISSUE, key, "title", title, mark_of(node, "title"))
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
        kind = SECTION_KIND.get(name)  # None for groups: no position names one
        entries, _ = self.items(node, name)
        for key, (key_event, value) in entries.items():
            if kind is not None:
                self._declared.add((kind, key))
            if self._id_refused(
                name[:-1] if kind is None else kind.value, key, key_event.start_mark
            ):
                if kind is not None:  # `Iran` refused: `actor: iran` is that one, reported
                    self._declared.add((kind, as_slug(key)))
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
                mark = mark_of(node, at) if type(at) is str else at.start_mark
                self._claim(Kind.ACTOR, key, role, spelling, mark)
            window = self.window(node, values.get("active"), key)
            if window is not None:
                self._windows[key] = window
            capability = values.get("capability")
            result[key] = Actor(
                key, name, tuple(alias for _, alias in aliases), short, capability, window
            )
        return result

    def window(self, node: Map, values: dict[str, Any] | None, actor: str) -> Window | None:
        """An actor's `active:` window, once its two ends are checked against each other."""
        if values is None:
            return None
        start, end = values.get("from"), values.get("until")
        what = F.WINDOW.what(F.ACTOR.what(actor))
        if start is None and end is None:
            if not values:  # an end that is wrong is reported already
                self._report(E.WINDOW_EMPTY, mark_of(node, "active"), what=what)
            return None
        if start is not None and end is not None and end < start:
            self._report(
                E.WINDOW_BACKWARDS, mark_of(node, "active"), what=what, start=start, until=end
            )
            return None
        return Window(start, end)

    def groups(self, found: Found, actors: dict[str, Actor]) -> dict[str, Group]:
        """The groups, each with its members (nested groups expanded) in actor order."""
        if "groups" not in found:
            return {}
        key = found["groups"][0]
        if self._version < 2:
            what, v = "the data file", F.TOP_NEWER["groups"]
            self._report(
                E.NEWER_FIELD,
                key.start_mark,
                field="groups",
                what=what,
                version=v,
                file=self._version,
            )
            return {}
        written: dict[str, tuple[str, list[tuple[Any, str]]]] = {}
        spelled = self._spelled[Kind.ACTOR]
        for gid, key_event, node, values in self.section(found, "groups", F.GROUP):
            if "name" not in values or "members" not in values:
                continue
            for at, spelling, role in ((key_event, gid, "id"), (None, values["name"], "name")):
                clash = spelled.claim(f"group {gid}", role, spelling)
                if clash is None:
                    continue
                owner, other_role, _ = clash[1]
                grouped = owner.startswith("group ")
                other = f"group '{owner[6:]}'" if grouped else f"actor '{owner}'"
                mark = at.start_mark if at is not None else mark_of(node, "name")
                self._report(
                    E.GROUP_NAME_TAKEN, mark, role=role, spelling=shorten(spelling), group=gid,
                    other=f"{other_role} of {other}",
                )  # fmt: skip
            written_members = value_of(node, "members")
            if (
                not written_members.value
                if type(written_members) is Seq
                else type(written_members) is ScalarEvent
                and yamlsource.scalar_tag(written_members) == NULL_TAG
            ):  # `[]` or `~`: a group of nobody would select nobody, silently
                self._report(E.EMPTY_GROUP, written_members.start_mark, what=F.GROUP.what(gid))
            written[gid] = (values["name"], values["members"])
        order = {a: i for i, a in enumerate(actors)}
        closure = self.members(written, actors)
        if closure is None:  # a few kilobytes of nested groups could ask for gigabytes
            self._report(E.TOO_MANY_MEMBERSHIPS, key.start_mark, limit=MAX_MEMBERSHIPS)
            return {}
        return {
            gid: Group(gid, name, tuple(sorted(ids, key=order.__getitem__)))
            for gid, (name, _) in written.items()
            if (ids := closure[gid]) is not None
        }

    def members(
        self, written: dict[str, tuple[str, list[tuple[Any, str]]]], actors: dict[str, Actor]
    ) -> dict[str, set[str] | None] | None:
        """Each group's actors, through the groups it includes; None for a group with a
        problem, reported once where it is written: a member that is neither an actor
        nor a group, or a cycle, at the member that closes it. Depth first and without
        recursion, each group expanded once: a chain or a lattice of thousands of groups
        costs what its members do; None, at once, when the groups would hold more than
        MAX_MEMBERSHIPS actors in all."""
        closure: dict[str, set[str] | None] = {}
        total = 0
        for root in written:
            if root in closure:
                continue
            found: dict[str, set[str]] = {root: set()}
            bad: set[str] = set()
            path, on_path = [root], {root}
            stack = [iter(written[root][1])]
            while stack:
                gid = path[-1]
                item = next(stack[-1], None)
                if item is None:  # this group is done: hand its actors to the one above
                    stack.pop()
                    on_path.discard(path.pop())
                    done = closure[gid] = None if gid in bad else found[gid]
                    total += 0 if done is None else len(done)
                    if total > MAX_MEMBERSHIPS:
                        return None
                    if path:
                        if done is None:
                            bad.add(path[-1])
                        else:
                            found[path[-1]] |= done
                    continue
                event, member = item
                if member in actors:
                    found[gid].add(member)
                elif member in on_path:  # a cycle, closed here
                    chain = " -> ".join([*path[path.index(member) :], member])
                    self._report(E.GROUP_CYCLE, event.start_mark, group=member, path=chain)
                    bad.add(gid)
                elif member in closure:  # expanded already
                    inner = closure[member]
                    if inner is None:
                        bad.add(gid)
                    else:
                        found[gid] |= inner
                elif member in written:
                    found[member] = set()
                    path.append(member)
                    on_path.add(member)
                    stack.append(iter(written[member][1]))
                else:
                    bad.add(gid)
                    if (Kind.ACTOR, member) not in self._declared:  # else reported already
                        what = F.GROUP.fields[1].item.format(record=F.GROUP.what(gid))
                        hint = self._suggestion(Kind.ACTOR, member, [*actors, *written])
                        self._report(
                            E.UNKNOWN_MEMBER, event.start_mark, hint, what=what,
                            value=shorten(member),
                        )  # fmt: skip
        return closure

    def positions(self, event: Any) -> list[Position]:
        """The positions of the list starting at `event`, each checked as it is read."""
        if type(event) is ScalarEvent and yamlsource.scalar_tag(event) == NULL_TAG:
            return []
        if type(event) is MappingStartEvent:  # {file: votes.csv}: a tidy CSV file
            return self.tidy_file(self.compose(event))
        if type(event) is not SequenceStartEvent:
            self._report(E.POSITIONS_NOT_LIST, event.start_mark)
            self.skip(event)
            return []
        get, compose, record, plain = self.get, self.compose, self.record, PLAIN_TAGS
        spec, take = F.POSITION, self.take
        bare: dict[str, tuple[Evidence]] = {}  # one shared evidence of a source without a quote
        result: list[Position] = []
        number = 0
        while type(event := get()) is not SequenceEndEvent:
            number += 1
            if not number & 4095:
                progress.advance(event.start_mark.index)
            if number > MAX_POSITIONS:
                self.too_many_positions(event, number)
            item = compose(event, False)
            if (type(item) is not Map or item.tag not in plain) and not self._visit(
                item, f" (position {number})"
            ):
                continue
            values = record(item, spec, number)
            if values is not None:
                take(item, values, number, result, bare)
        return result

    def too_many_positions(self, event: Any, number: int) -> NoReturn:
        self._report(E.TOO_MANY_POSITIONS, event.start_mark, count=number, limit=MAX_POSITIONS)
        raise StopChecking(read_on=False)

    def skip_positions(self, event: Any) -> None:
        """Read the positions starting at `event` to their end, unchecked (they are read
        again once the sections are), stopping at the one past MAX_POSITIONS."""
        if type(event) is not SequenceStartEvent:
            self.skip(event)
            return
        get, skip = self.get, self.skip
        number = 0
        while type(item := get()) is not SequenceEndEvent:
            number += 1
            if number > MAX_POSITIONS:
                self.too_many_positions(item, number)
            skip(item)

    def take(
        self,
        item: Map,
        v: dict[str, Any],
        number: object,
        result: list[Position],
        bare: dict[str, tuple[Evidence]],
    ) -> None:
        """Add the position of a checked record to `result`, once the rules that span
        positions hold; `number` names it in messages (`position 3`). `bare` shares
        one evidence among the positions of a source without a quote."""
        actor, issue, date = v.get("actor"), v.get("issue"), v.get("date")
        if actor is None or issue is None or date is None:
            return
        first, windows = self._first, self._windows
        seen = first.get((actor, issue, date))
        if seen is not None:
            what = {"actor": actor, "issue": issue, "date": date, "line": seen}
            self._report(E.SECOND_POSITION, item.start_mark, **what)
            return
        first[actor, issue, date] = item.start_mark.line + 1
        if windows and actor in windows and not windows[actor].holds(date):
            self._outside(item, actor, date, number)
        if self.quotes is not None:
            self._quoted(item, v, number)
        if len(v) == 6 + ("quote" in v) and "source" in v:  # format 1's fields only
            quote = v.get("quote")
            evidence = bare.get(v["source"]) if quote is None else None
            if evidence is None:
                evidence = (Evidence(v["source"], quote),)
                if quote is None:
                    bare[v["source"]] = evidence
            try:
                fields = (actor, issue, v["stance"], v["summary"], evidence, date, *_REST)
            except KeyError:  # a field that is missing or wrong, reported already
                return
            result.append(_position(fields))
        elif (full := self.position(item, v, number)) is not None:
            result.append(full)

    def position(self, item: Map, v: dict[str, Any], number: object) -> Position | None:
        """A position with format 2's fields, once the rules that join them are checked."""
        what = F.POSITION.what(number)
        items = v.get("evidence")
        if items is not None:
            for name in ("source", "quote"):
                if _has(item, name):
                    self._report(E.BOTH_EVIDENCE, mark_of(item, name), what=what, field=name)
            evidence = tuple(
                Evidence(e["source"], e.get("quote"), e.get("speaker"), e.get("url"), e.get("date"))
                for _, e in items
                if "source" in e
            )
            if len(evidence) < len(items):
                return None
        elif "source" in v:
            evidence = (Evidence(v["source"], v.get("quote")),)
        else:
            return None
        basis = Basis(v.get("basis", Basis.REPORTED.value))
        if basis is not Basis.REPORTED and v.get("note") is None and not _broken(item, "note"):
            self._report(E.NOTE_REQUIRED, mark_of(item, "basis"), what=what, basis=basis.value)
        conditions: dict[str, Condition] = {}
        lines: dict[str, int] = {}
        for n, (node, c) in enumerate(v.get("conditions", ()), start=1):
            if "issue" not in c or "outcome" not in c:
                continue
            at, where = mark_of(node, "issue"), F.CONDITION.what(f"{n} of {what}")
            if c["issue"] == v.get("issue"):
                self._report(E.CONDITION_ON_ITSELF, at, what=where, issue=c["issue"])
            elif c["issue"] in lines:
                line = lines[c["issue"]]
                self._report(E.CONDITION_TWICE, at, what=where, issue=c["issue"], line=line)
            else:
                conditions[c["issue"]] = Condition(c["issue"], c["outcome"] == OUTCOMES[0])
            lines.setdefault(c["issue"], at.line + 1)
        stance, red_line, held = v.get("stance"), v.get("red_line", False), v.get("held_since")
        if red_line and stance is Stance.NEUTRAL:
            self._report(E.RED_LINE_NEUTRAL, mark_of(item, "red_line"), what=what)
        date = v["date"]
        if held is not None and held > date:
            shown = held.isoformat()
            self._report(
                E.HELD_AFTER_DATE, mark_of(item, "held_since"), what=what, held=shown, date=date
            )
        if stance is None or "summary" not in v:
            return None
        return Position(
            v["actor"], v["issue"], stance, v["summary"], evidence, date, basis, v.get("note"),
            tuple(conditions.values()), v.get("salience"), red_line, held,
        )  # fmt: skip

    def _outside(self, item: Map, actor: str, date: dt.date, number: object) -> None:
        start, end = self._windows[actor]
        window = f"{start or 'from the start'} to {end or 'the end'}"
        what = F.POSITION.what(number)
        self._report(
            E.OUTSIDE_ACTIVE,
            mark_of(self.located(item), "date"),
            what=what,
            date=date,
            actor=actor,
            window=window,
        )

    def _quoted(self, item: Map, v: dict[str, Any], number: object) -> None:
        """Keep each quote of a position, where it is, for `check_quotes`."""
        assert self.quotes is not None
        what = F.POSITION.what(number)
        if "quote" in v and "source" in v:
            self.quotes[1].append(
                (mark_of(item, "quote"), f"the quote of {what}", v["quote"], v["source"])
            )
        for n, (node, e) in enumerate(v.get("evidence", ()), start=1):
            if "quote" in e and "source" in e:
                where = f"the quote of {F.EVIDENCE.what(f'{n} of {what}')}"
                self.quotes[1].append((mark_of(node, "quote"), where, e["quote"], e["source"]))

    def check_quotes(self, sources: dict[str, Source]) -> None:
        """Report every quote not found verbatim in its source's text (`validate
        --check-quotes`); a source without `file:` is not checked."""
        assert self.quotes is not None
        base, quotes = self.quotes
        self._base = base.resolve()
        texts: dict[str, str | None] = {}
        for mark, what, quote, source in quotes:
            name = sources[source].file if source in sources else None
            if name is None:
                continue
            if source not in texts:
                texts[source] = self._source_text(base / name, source, name)
            text = texts[source]
            if text is not None and not quotes_match(quote, text):
                self._report(E.QUOTE_NOT_FOUND, mark, what=what, source=source, file=shorten(name))

    def _source_text(self, path: Path, source: str, name: str) -> str | None:
        """The text of a source's file, `normal_text`; None after saying why not. Only
        a regular file of at most MAX_FILE_BYTES is read (never a device or a FIFO)."""
        try:  # opened without blocking, then checked: a FIFO put in its place cannot hang
            # Only a file inside the data file's directory (after links): a data file
            # from someone else must not learn, quote by quote, what another file holds.
            inside = path.resolve().is_relative_to(self._base)
            if not inside:
                raise PermissionError(0, "it is outside the data file's directory")
            flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
            with open(os.open(path.resolve(), flags), "rb") as f:
                if not stat.S_ISREG((found := os.fstat(f.fileno())).st_mode):
                    reason = "it is not a regular file"
                elif found.st_size > MAX_FILE_BYTES:
                    reason = f"it is larger than the limit of {MAX_FILE_BYTES:,} bytes"
                else:
                    return normal_text(f.read(MAX_FILE_BYTES + 1).decode("utf-8"))
        except OSError as e:
            reason = (e.strerror or str(e)).lower()
        except UnicodeDecodeError:
            reason = "it is not UTF-8 text"
        what = F.SOURCE.fields[2].what(F.SOURCE.what(source))
        self._report(
            E.SOURCE_FILE_UNREADABLE, self._files[source], what=what, file=shorten(name),
            reason=reason,
        )  # fmt: skip
        return None


#: A format-1 position from its six fields and the defaults of the rest (`records.maker`).
_position = records.maker(Position)
_REST = tuple(Position._field_defaults.values())

#: What `_Check.head` finds: the sources, actors and issues.
_Head = tuple[dict[str, Source], dict[str, Actor], dict[str, Issue]]
_TOP = frozenset(F.TOP_NAMES)
_TITLE: Field = F.SECTIONS[1].field  # type: ignore[assignment]


def _broken(node: Map, name: str) -> bool:
    """Whether the mapping has the key `name` with a value that is not a scalar (a
    list or a mapping, reported already), rather than none or an empty one."""
    return any(
        type(key) is ScalarEvent and key.value == name and type(value) is not ScalarEvent
        for key, value in node.value
    )


def _has(node: Map, name: str) -> bool:
    """Whether the mapping has the key `name`, valid or not."""
    return any(type(key) is ScalarEvent and key.value == name for key, _ in node.value)


_TYPOGRAPHIC = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"} | {
    c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"
})  # fmt: skip
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


def normal_text(text: str) -> str:
    """Text as quotes are compared: typographic quotes straight, each run of
    whitespace one space."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def quotes_match(quote: str, text: str) -> bool:
    """Whether `quote` is verbatim in `text` (already `normal_text`), an ellipsis in
    it standing for any omitted run of words."""
    at = 0
    for part in _ELLIPSIS.split(normal_text(quote)):
        if not part:
            continue
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True
