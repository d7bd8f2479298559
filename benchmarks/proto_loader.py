"""Prototype of a faster `positions.loader.parse`, to measure before changing the loader.

    python benchmarks/proto_loader.py FILE [--check] [--profile]

Two changes, both keeping every message, line and column of the real loader:

1. Compose with a loader class whose `resolve` looks the scalar up in a table
   instead of running PyYAML's regexes (int, float, bool, timestamp...). The
   builder only asks whether a tag is null, another of its plain tags, or
   something else: the table gives PyYAML's own tag for null and for the lone
   `<<` and `=` (merge, value), and str for every other plain scalar, which
   the builder treats exactly like int, float, bool and timestamp. The C
   composer calls `resolve`, `descend_resolver` and `ascend_resolver` in
   Python for every node (1.3 million times on the 100k file).
2. An optimistic fast path for the positions list (the bulk of any big file):
   inline checks of the common, valid shape with no messages, no per-field
   function calls and no state changes. At the first thing it does not
   recognise it gives up, and the loader's own `positions()` walks the list
   from the start with all its messages, so errors are exactly the same.
   When the loader knows the text holds no anchor (its `_anchors` flag),
   no node can be reached twice and the fast path keeps no set of visited
   node ids (that set alone costs about 380 ms on the 100k file).

Everything else is the real `positions.loader.parse` (decoding, limits, error
mapping, the paused collector): `parse` below swaps the two classes in.

`--check` also runs the real loader on the same file and asserts both
Datasets are equal. `--profile` prints where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from positions import loader as real
from positions.errors import DataError
from positions.model import STANCE_IDS, Actor, Dataset, Issue, Position, Source, Stance

_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
#: Plain scalars that PyYAML's SafeLoader resolves to null (its regex, spelled out).
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
#: Plain scalars that resolve to a tag outside the builder's plain set.
_SPECIAL = {
    "<<": "tag:yaml.org,2002:merge",
    "=": "tag:yaml.org,2002:value",
    "!": "tag:yaml.org,2002:yaml",
    "&": "tag:yaml.org,2002:yaml",
    "*": "tag:yaml.org,2002:yaml",
}


_LibyamlLoader: Any = vars(real)["_Loader"]  # CSafeLoader where libyaml is there


class FastLoader(_LibyamlLoader):  # type: ignore[misc]
    """libyaml composer with a table-driven resolver.

    Every other plain scalar (numbers, booleans, dates) resolves to some plain
    tag that the builder treats exactly like str, so str stands for all of them.
    SafeLoader has no path resolvers, so descending and ascending do nothing.
    """

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _NULLS:
                    return _NULL
                return _SPECIAL.get(value, _STR)  # type: ignore[arg-type]
            return _STR
        return _MAP if kind is MappingNode else _SEQ

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Slow(Exception):
    """The fast path met something it does not handle; the full path takes over."""


_STANCE_BY_ID = {s: Stance.from_id(s) for s in STANCE_IDS}
_REQUIRED = frozenset(("actor", "issue", "stance", "summary", "source", "date"))
_ALLOWED = _REQUIRED | {"quote"}


class FastBuilder(real._Builder):
    def positions(
        self,
        field: tuple[ScalarNode, Node] | None,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
    ) -> list[Position]:
        try:
            return self._fast_positions(field, actors, issues, sources)
        except _Slow:
            return super().positions(field, actors, issues, sources)

    def _fast_positions(
        self,
        field: tuple[ScalarNode, Node] | None,
        actors: Mapping[str, Actor],
        issues: Mapping[str, Issue],
        sources: Mapping[str, Source],
    ) -> list[Position]:
        if field is None or type(field[1]) is not SequenceNode:
            raise _Slow
        # Canonical id strings: membership test and one shared string per id.
        actor_id = {k: k for k in actors}
        issue_id = {k: k for k in issues}
        source_id = {k: k for k in sources}
        stance_of = _STANCE_BY_ID
        plain = real._PLAIN_TAGS
        seen = self._seen
        may_alias = getattr(self, "_anchors", True)
        visited: set[int] = set()
        visit = visited.add
        n_visits = 0
        dates: dict[str, dt.date] = {}
        iso, fromiso = real.ISO_DATE.match, dt.date.fromisoformat
        text_limit = real.MAX_TEXT_CHARS
        keys_seen: set[tuple[str, str, dt.date]] = set()
        result: list[Position] = []
        append = result.append
        for item in field[1].value:
            if type(item) is not MappingNode or item.tag not in plain:
                raise _Slow
            pairs = item.value
            if may_alias:
                visit(id(item))
                n_visits += 1 + 2 * len(pairs)
            f: dict[str, ScalarNode] = {}
            for k, v in pairs:
                if (
                    type(k) is not ScalarNode
                    or type(v) is not ScalarNode
                    or k.tag not in plain
                    or v.tag not in plain
                ):
                    raise _Slow
                f[k.value] = v
                if may_alias:
                    visit(id(k))
                    visit(id(v))
            if len(f) != len(pairs) or not (_REQUIRED <= f.keys() <= _ALLOWED):
                raise _Slow  # duplicate, unknown or missing field
            a, i, st, su, so, d = (
                f["actor"],
                f["issue"],
                f["stance"],
                f["summary"],
                f["source"],
                f["date"],
            )
            if _NULL in (a.tag, i.tag, st.tag, su.tag, so.tag, d.tag):
                raise _Slow
            actor = actor_id.get(a.value.strip())
            issue = issue_id.get(i.value.strip())
            source = source_id.get(so.value.strip())
            stance = stance_of.get(st.value.strip())
            summary = su.value.strip()
            if (
                actor is None
                or issue is None
                or source is None
                or stance is None
                or not summary
                or len(summary) > text_limit
            ):
                raise _Slow
            day_text = d.value.strip()
            date = dates.get(day_text)
            if date is None:
                if not iso(day_text):
                    raise _Slow
                try:
                    date = dates[day_text] = fromiso(day_text)
                except ValueError:
                    raise _Slow from None
            key = (actor, issue, date)
            if key in keys_seen:
                raise _Slow
            keys_seen.add(key)
            quote = None
            q = f.get("quote")
            if q is not None:
                if q.tag == _NULL:
                    raise _Slow  # `~`, `null`: what they mean is the loader's to say
                quote = q.value.strip() or None
                if quote is not None and len(quote) > text_limit:
                    raise _Slow
            append(Position(actor, issue, stance, summary, source, date, quote))
        if may_alias:
            if len(visited) != n_visits or not visited.isdisjoint(seen):
                raise _Slow  # a node reached twice: a YAML alias
            seen |= visited
        return result


def parse(data: bytes, filename: str) -> Dataset:
    """`positions.loader.parse` with the fast loader and builder classes swapped in."""
    names = vars(real)
    saved = names["_Loader"], names["_Builder"]
    names["_Loader"], names["_Builder"] = FastLoader, FastBuilder
    try:
        return real.parse(data, filename)
    finally:
        names["_Loader"], names["_Builder"] = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--check", action="store_true", help="compare with the real loader")
    parser.add_argument("--profile", action="store_true", help="print phase timings")
    args = parser.parse_args()
    data = args.file.read_bytes()
    if args.profile:
        _profile(data, str(args.file))
        return
    try:
        ds = parse(data, str(args.file))
    except DataError as e:
        print(e, file=sys.stderr)
        sys.exit(1)
    if args.check:
        assert ds == real.parse(data, str(args.file)), "the fast path built a different Dataset"
    print(f"ok: {len(ds.actors)} actors, {len(ds.issues)} issues, {len(ds.positions)} positions")


def _profile(data: bytes, name: str) -> None:
    clock = time.perf_counter
    gc.disable()
    t0 = clock()
    text = real._decode(data, name)
    t1 = clock()
    std = yaml.compose(text, Loader=_LibyamlLoader)
    t2 = clock()
    del std
    t2b = clock()
    fast = yaml.compose(text, Loader=FastLoader)
    t3 = clock()
    t4 = clock()
    slow_builder = real._Builder(name)
    slow = slow_builder.build(fast)
    t5 = clock()
    fast_builder = FastBuilder(name)
    if hasattr(real, "_may_have_anchors"):
        fast_builder._anchors = real._may_have_anchors(text)
    quick = fast_builder.build(fast)
    t6 = clock()
    assert slow == quick
    ds = quick
    assert ds is not None
    Dataset(ds.title, ds.actors, ds.issues, ds.sources, ds.positions)
    t7 = clock()
    del fast
    t8 = clock()
    ms = 1000
    print(f"decode UTF-8             {(t1 - t0) * ms:7.0f} ms")
    print(f"compose, PyYAML resolver {(t2 - t1) * ms:7.0f} ms")
    print(f"free the node tree       {(t2b - t2) * ms:7.0f} ms")
    print(f"compose, table resolver  {(t3 - t2b) * ms:7.0f} ms")
    print(f"build, real _Builder     {(t5 - t4) * ms:7.0f} ms")
    print(f"build, fast positions    {(t6 - t5) * ms:7.0f} ms")
    print(f"  of which Dataset(...)  {(t7 - t6) * ms:7.0f} ms")
    print(f"free the node tree       {(t8 - t7) * ms:7.0f} ms")


if __name__ == "__main__":
    main()
