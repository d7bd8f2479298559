"""Data file -> Dataset. Every check on a data file lives here, and only here.

The YAML is composed into a node tree (never constructed into Python
objects), so every value keeps its line and column, no tag can build an
object, plain `no` or `2025-08-15` stay the text the user wrote, and
duplicate keys are seen instead of silently dropped. All problems of a file
are collected and raised together in one `DataError`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import gc
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from positions.errors import DataError, PositionsError, Problem
from positions.model import STANCE_IDS, Actor, Dataset, Issue, Position, Source, Stance
from positions.names import normalize
from positions.text import shorten

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FORMAT_VERSION = 1
#: Largest data file read; leaves room for the 100k-position benchmark (~26 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Longest text in any one field (a summary or quote), in characters.
MAX_TEXT_CHARS = 10_000
#: Longest id, name, alias, title or source name, in characters.
MAX_NAME_CHARS = 200

SLUG = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

_NULL_TAG = "tag:yaml.org,2002:null"
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

TOP_FIELDS = ("format", "title", "sources", "actors", "issues", "positions")
SOURCE_FIELDS = ("name", "url")
ACTOR_FIELDS = ("name", "aliases")
ISSUE_FIELDS = ("title", "question")
POSITION_FIELDS = ("actor", "issue", "stance", "summary", "quote", "source", "date")


def load(path: Path, display: str | None = None) -> Dataset:
    """Read and validate the data file at `path`; `display` names it in messages."""
    name = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PositionsError(
                f"{name}: data file is {size:,} bytes; the limit is "
                f"{MAX_FILE_BYTES:,} bytes; split the negotiation into several files"
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise PositionsError(f"{name}: is a directory; give the path of a YAML data file") from None
    except FileNotFoundError:
        raise PositionsError(
            f"{name}: no such data file; check the path given to --data or POSITIONS_DATA"
        ) from None
    except PermissionError:
        raise PositionsError(f"{name}: permission denied; make the file readable") from None
    except OSError as e:
        raise PositionsError(f"{name}: cannot read data file: {e.strerror}") from None
    return parse(data, name)


def parse(data: bytes | str, filename: str) -> Dataset:
    """Validate `data` (a whole file) and build the Dataset, or raise DataError."""
    text = _decode(data, filename) if isinstance(data, bytes) else data
    if len(text) > MAX_FILE_BYTES:
        raise DataError([Problem(filename, 1, 1, "data file is larger than the limit")])
    root = _compose(text, filename)
    builder = _Builder(filename)
    # The cyclic collector finds nothing in a fresh tree but costs more than the
    # parse itself on large files: pause it while the tree and model are built.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        dataset = builder.build(root)
    finally:
        if gc_was_enabled:
            gc.enable()
    if builder.problems:
        raise DataError(sorted(builder.problems, key=lambda p: (p.line, p.column)))
    assert dataset is not None
    return dataset


def _decode(data: bytes, filename: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise DataError(
            [
                Problem(
                    filename,
                    line,
                    column,
                    f"byte 0x{data[e.start]:02x} is not valid UTF-8; the data file must be UTF-8",
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None


def _compose(text: str, filename: str) -> Node | None:
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return yaml.compose(text, Loader=_Loader)  # compose builds no objects
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (e.context, e.problem) if x)
        raise DataError([Problem(filename, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as e:
        before = text[: e.position]
        line = before.count("\n") + 1
        column = e.position - (before.rfind("\n") + 1) + 1
        char = e.character if isinstance(e.character, str) else chr(e.character)
        raise DataError(
            [
                Problem(
                    filename,
                    line,
                    column,
                    f"character U+{ord(char):04X} is not allowed in YAML",
                    'write it as an escape inside double quotes, e.g. "\\x1b"',
                )
            ]
        ) from None
    except yaml.YAMLError as e:  # pragma: no cover - other parser failures have marks
        raise DataError([Problem(filename, 1, 1, f"YAML error: {e}")]) from None
    except RecursionError:
        raise DataError([Problem(filename, 1, 1, "YAML nesting is too deep")]) from None
    finally:
        if gc_was_enabled:
            gc.enable()


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


class _Builder:
    """Walks the node tree once, collecting every problem and the model values."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        # Ids defined in the file, valid or not: a reference to a broken
        # definition is not reported again as unknown.
        self._declared: set[tuple[str, str]] = set()

    # -- reporting -----------------------------------------------------------

    def problem(self, node: Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, message, hint))

    # -- generic shapes ------------------------------------------------------

    def _visit(self, node: Node, where: Node) -> bool:
        """Refuse a node reached twice (a YAML alias) and any non-plain tag."""
        if id(node) in self._seen:
            self.problem(
                where,
                "YAML aliases (*name) are not supported in this format",
                "write the value out in full",
            )
            return False
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(
                node,
                f"YAML tag '{shorten(node.tag)}' is not allowed",
                "remove the tag; values are plain text, lists and mappings",
            )
            return False
        return True

    def items(
        self, node: Node, what: str, refused: set[str] | None = None
    ) -> Iterator[tuple[str, ScalarNode, Node]]:
        """(key, key node, value node) of a mapping; reports bad and duplicate keys.

        Keys whose value was refused (an alias, a tag) are added to `refused`.
        """
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of 'key: value' entries")
            return
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problem(key_node, f"keys in {what} must be plain text")
                continue
            key = key_node.value
            if key in first:
                self.problem(
                    key_node,
                    f"duplicate key '{shorten(key)}' in {what} (first at line {first[key]})",
                    "YAML would silently keep only the last one; remove or merge one",
                )
                continue
            first[key] = key_node.start_mark.line + 1
            if self._visit(value_node, key_node):
                yield key, key_node, value_node
            elif refused is not None:
                refused.add(key)

    def fields(
        self, node: Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, tuple[ScalarNode, Node]]:
        """A record's fields by name; reports unknown and missing ones."""
        allowed = required + optional
        found: dict[str, tuple[ScalarNode, Node]] = {}
        misspelt: set[str] = set()  # and refused: present, so not "missing"
        for key, key_node, value_node in self.items(node, what, misspelt):
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                misspelt.update(close)
                self.problem(
                    key_node,
                    f"unknown field '{shorten(key)}' in {what}",
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"allowed fields: {', '.join(allowed)}",
                )
            else:
                found[key] = (key_node, value_node)
        if isinstance(node, MappingNode):
            for name in required:
                if name not in found and name not in misspelt:
                    self.problem(node, f"{what} is missing the required field '{name}'")
        return found

    def text(
        self, field: tuple[ScalarNode, Node] | None, what: str, limit: int = MAX_NAME_CHARS
    ) -> str | None:
        """The text of a scalar field, exactly as written (no YAML 1.1 guessing)."""
        if field is None:
            return None
        key_node, node = field
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, not a {_kind(node)}")
            return None
        if node.tag == _NULL_TAG or not node.value.strip():
            self.problem(key_node, f"{what} is empty", "write a value or remove the field")
            return None
        value: str = node.value.strip()
        if len(value) > limit:
            self.problem(node, f"{what} is {len(value):,} characters long; the limit is {limit:,}")
            return None
        return value

    def optional_text(self, field: tuple[ScalarNode, Node] | None, what: str) -> str | None:
        if field is None:
            return None
        node = field[1]
        if isinstance(node, ScalarNode) and (node.tag == _NULL_TAG or not node.value.strip()):
            return None
        return self.text(field, what, MAX_TEXT_CHARS)

    def slug(self, key: str, node: Node, what: str) -> bool:
        if SLUG.match(key) and len(key) <= MAX_NAME_CHARS:
            return True
        self.problem(
            node,
            f"{what} id '{shorten(key)}' is not a lower-case slug",
            "use lower-case letters, digits, '-' and '_', e.g. 'united_states'",
        )
        return False

    # -- the document --------------------------------------------------------

    def build(self, root: Node | None) -> Dataset | None:
        if root is None:
            self.problems.append(
                Problem(self.filename, 1, 1, "the data file is empty", "see docs/format.md")
            )
            return None
        if not self._visit(root, root):
            return None
        if not isinstance(root, MappingNode):
            self.problem(
                root,
                f"the data file must be a mapping with {', '.join(TOP_FIELDS)}; "
                f"found a {_kind(root)}",
                "see docs/format.md for a complete example",
            )
            return None
        top = self.fields(root, "the data file", TOP_FIELDS)
        self.check_format(top.get("format"))
        title = self.text(top.get("title"), "title") or ""
        sources = self.sources(top.get("sources"))
        actors = self.actors(top.get("actors"))
        issues = self.issues(top.get("issues"))
        positions = self.positions(top.get("positions"), actors, issues, sources)
        if self.problems:
            return None
        return Dataset(
            title=title,
            actors=actors,
            issues=issues,
            sources=sources,
            positions=tuple(positions),
        )

    def check_format(self, field: tuple[ScalarNode, Node] | None) -> None:
        if field is None:
            return
        node = field[1]
        if not isinstance(node, ScalarNode) or node.value != str(FORMAT_VERSION):
            shown = shorten(node.value) if isinstance(node, ScalarNode) else _kind(node)
            self.problem(
                node,
                f"unsupported format '{shown}'; this version of positions reads format "
                f"{FORMAT_VERSION}",
                f"write 'format: {FORMAT_VERSION}'",
            )

    def sources(self, field: tuple[ScalarNode, Node] | None) -> dict[str, Source]:
        result: dict[str, Source] = {}
        if field is None:
            return result
        for key, key_node, node in self.items(field[1], "sources"):
            self._declared.add(("source", key))
            if not self.slug(key, key_node, "source"):
                continue
            what = f"source '{key}'"
            f = self.fields(node, what, ("name",), ("url",))
            name = self.text(f.get("name"), f"the name of {what}")
            url = self.optional_text(f.get("url"), f"the url of {what}")
            if url is not None and not url.lower().startswith(("https://", "http://")):
                self.problem(
                    f["url"][1],
                    f"the url of {what} must start with https:// or http://",
                )
                url = None
            if name is not None:
                result[key] = Source(key, name, url)
        return result

    def actors(self, field: tuple[ScalarNode, Node] | None) -> dict[str, Actor]:
        result: dict[str, Actor] = {}
        owner: dict[str, tuple[str, str]] = {}  # normalized key -> (actor id, spelling)
        if field is None:
            return result
        for key, key_node, node in self.items(field[1], "actors"):
            self._declared.add(("actor", key))
            if not self.slug(key, key_node, "actor"):
                continue
            what = f"actor '{key}'"
            f = self.fields(node, what, ("name",), ("aliases",))
            name = self.text(f.get("name"), f"the name of {what}")
            aliases = self.aliases(f.get("aliases"), what)
            if name is None:
                continue
            spellings: list[tuple[Node, str, str]] = [(key_node, key, "id")]
            spellings.append((f["name"][1], name, "name"))
            spellings += [(n, a, "alias") for n, a in aliases]
            mine: set[str] = set()
            for at, spelling, role in spellings:
                norm = normalize(spelling)
                if norm in mine:
                    continue
                mine.add(norm)
                if norm in owner:
                    other, other_spelling = owner[norm]
                    self.problem(
                        at,
                        f"the {role} '{shorten(spelling)}' of {what} is already used by actor "
                        f"'{other}' ('{shorten(other_spelling)}')",
                        "names and aliases must tell actors apart; change one of them",
                    )
                else:
                    owner[norm] = (key, spelling)
            result[key] = Actor(key, name, tuple(a for _, a in aliases))
        return result

    def aliases(self, field: tuple[ScalarNode, Node] | None, what: str) -> list[tuple[Node, str]]:
        if field is None:
            return []
        node = field[1]
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"the aliases of {what} must be a list, e.g. [Moscow, Kremlin]")
            return []
        result = []
        for item in node.value:
            if not self._visit(item, node):
                continue
            alias = self.text((field[0], item), f"an alias of {what}")
            if alias is not None:
                result.append((item, alias))
        return result

    def issues(self, field: tuple[ScalarNode, Node] | None) -> dict[str, Issue]:
        result: dict[str, Issue] = {}
        titles: dict[str, str] = {}
        if field is None:
            return result
        for key, key_node, node in self.items(field[1], "issues"):
            self._declared.add(("issue", key))
            if not self.slug(key, key_node, "issue"):
                continue
            what = f"issue '{key}'"
            f = self.fields(node, what, ISSUE_FIELDS)
            title = self.text(f.get("title"), f"the title of {what}")
            question = self.text(f.get("question"), f"the question of {what}", MAX_TEXT_CHARS)
            if title is None or question is None:
                continue
            norm = normalize(title)
            if norm in titles:
                self.problem(
                    f["title"][1],
                    f"the title of {what} is already the title of issue '{titles[norm]}'",
                    "titles must tell issues apart; change one of them",
                )
            titles[norm] = key
            result[key] = Issue(key, title, question)
        return result

    def positions(
        self,
        field: tuple[ScalarNode, Node] | None,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
    ) -> list[Position]:
        result: list[Position] = []
        if field is None:
            return result
        node = field[1]
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return result
        if not isinstance(node, SequenceNode):
            self.problem(node, "positions must be a list of entries, each starting with '- '")
            return result
        actor_ids, issue_ids, source_ids = list(actors), list(issues), list(sources)
        first_line: dict[tuple[str, str, dt.date], int] = {}
        for number, item in enumerate(node.value, start=1):
            if not self._visit(item, node):
                continue
            what = f"position {number}"
            f = self.fields(item, what, POSITION_FIELDS[:4] + POSITION_FIELDS[5:], ("quote",))
            actor = self.reference(f.get("actor"), "actor", actors, actor_ids, "actors")
            issue = self.reference(f.get("issue"), "issue", issues, issue_ids, "issues")
            source = self.reference(f.get("source"), "source", sources, source_ids, "sources")
            stance = self.stance(f.get("stance"))
            summary = self.text(f.get("summary"), f"the summary of {what}", MAX_TEXT_CHARS)
            quote = self.optional_text(f.get("quote"), f"the quote of {what}")
            date = self.date(f.get("date"), what)
            if actor is None or issue is None or date is None:
                continue
            line = item.start_mark.line + 1
            seen = first_line.setdefault((actor, issue, date), line)
            if seen != line:
                self.problem(
                    item,
                    f"a second position of '{actor}' on '{issue}' dated {date.isoformat()} "
                    f"(first at line {seen})",
                    "keep one position per actor, issue and date",
                )
            elif source is not None and stance is not None and summary is not None:
                result.append(Position(actor, issue, stance, summary, source, date, quote))
        return result

    def reference(
        self,
        field: tuple[ScalarNode, Node] | None,
        kind: str,
        known: Mapping[str, object],
        ids: list[str],
        section: str,
    ) -> str | None:
        value = self.text(field, kind)
        if value is None or field is None:
            return None
        if value in known:
            return value
        if (kind, value) in self._declared:
            return None  # its definition is broken, and reported already
        self.problem(
            field[1],
            f"unknown {kind} '{shorten(value)}'",
            _suggest(value, ids) or f"define it under '{section}:' first",
        )
        return None

    def stance(self, field: tuple[ScalarNode, Node] | None) -> Stance | None:
        value = self.text(field, "stance")
        if value is None or field is None:
            return None
        stance = Stance.from_id(value)
        if stance is None:
            self.problem(
                field[1],
                f"unknown stance '{shorten(value)}'",
                _suggest(value, STANCE_IDS) or f"use one of {', '.join(STANCE_IDS)}",
            )
        return stance

    def date(self, field: tuple[ScalarNode, Node] | None, what: str) -> dt.date | None:
        value = self.text(field, f"the date of {what}")
        if value is None or field is None:
            return None
        if ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(
            field[1],
            f"bad date '{shorten(value)}' in {what}",
            "write a real calendar date as YYYY-MM-DD, e.g. 2025-08-15",
        )
        return None


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return "single value"


def default_data_path() -> Path:
    """The data file used without --data: POSITIONS_DATA, else the bundled one."""
    env = os.environ.get("POSITIONS_DATA")
    if env:
        return Path(env)
    bundled = Path(__file__).parent / "data" / "positions.yaml"
    if bundled.is_file():
        return bundled
    # In a source checkout (editable install) the file sits at the top of the repo.
    return Path(__file__).resolve().parents[2] / "data" / "positions.yaml"
