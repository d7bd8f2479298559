"""JSON indented by two spaces, exactly as `json.dumps(value, indent=2)` writes it,
several times faster for large documents.

The standard library encodes indented JSON in Python, value by value (its C
encoder serves only `indent=None`): a `compare --json` of 6,000 issues and 200
actors spent most of its time there. Here the containers are walked in Python,
but every mapping or list whose items are all plain values (text, numbers,
true, false, null, or an empty list or mapping) is handed whole to the C
encoder, made once for each depth, whose item separator is made to carry the
line break and the indentation of that depth; so is a list of such mappings
(`_flat_rows`), its rows' brackets then put in place. The output is the same
text, character for character (tests/test_indented.py holds it to the standard
library on random documents, and every golden file to its own).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from functools import cache
from itertools import chain, compress
from json.encoder import encode_basestring, encode_basestring_ascii  # the C versions
from typing import Any

#: The C encoder JSONEncoder.encode makes for each call (None without _json).
_c_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)

_PLAIN = frozenset({str, int, float, bool, type(None)})
#: What the C encoder also writes as the indented text does, when empty: `[]`, `{}`.
_CONTAINERS = frozenset({list, tuple, dict})
_EMPTY_WRITTEN_ALIKE = _PLAIN | _CONTAINERS


def dumps(value: object, ensure_ascii: bool = False, depth: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=ensure_ascii, indent=2)`, every line but the
    first indented `depth` levels more (the value written inside a larger one)."""
    out: list[str] = []
    _write(value, depth, out, ensure_ascii)
    return "".join(out)


@cache
def _flat(depth: int, ensure_ascii: bool) -> Callable[[object], str]:
    """The C encoder for a container of plain values at `depth`: its items apart by
    a comma, a line break and the indentation of their own depth. Made once, not on
    every call as `JSONEncoder.encode` makes it (6,000 rows: 2 µs each)."""
    inner = "\n" + "  " * (depth + 1)
    encoder = json.JSONEncoder(ensure_ascii=ensure_ascii, separators=("," + inner, ": "))
    if _c_make_encoder is None:  # pragma: no cover - a Python built without _json
        return encoder.encode
    # What `encoder.encode` makes for each call, with the same arguments (no check
    # for a cycle: the walk in Python above it checks none either).
    encode = _c_make_encoder(
        None, encoder.default, encode_basestring_ascii if ensure_ascii else encode_basestring,
        None, ": ", encoder.item_separator, False, False, True,
    )  # fmt: skip
    return lambda value: "".join(encode(value, 0))


def _write(value: object, depth: int, out: list[str], ensure_ascii: bool) -> None:
    if isinstance(value, dict):
        _container(value, value.values(), "{}", depth, out, ensure_ascii)
    elif isinstance(value, (list, tuple)):  # a tuple, a NamedTuple too, is a list
        _container(value, value, "[]", depth, out, ensure_ascii)
    else:
        out.append(_flat(depth, ensure_ascii)(value))  # one value: no separator to write


def _container(
    value: dict[object, object] | list[object] | tuple[object, ...],
    items: Collection[object],
    brackets: str,
    depth: int,
    out: list[str],
    ensure_ascii: bool,
) -> None:
    if not items:
        out.append(brackets)
        return
    inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
    if _flat_enough(items):
        text = _flat(depth, ensure_ascii)(value)
        out.append(brackets[0] + inner + text[1:-1] + outer + brackets[1])
        return
    if brackets == "[]" and _all_flat_mappings(items):
        out.append(_flat_rows(value, depth, ensure_ascii))
        return
    out.append(brackets[0])
    if isinstance(value, dict):
        for n, (key, item) in enumerate(value.items()):
            out.append(("," if n else "") + inner + _key(key, ensure_ascii) + ": ")
            _write(item, depth + 1, out, ensure_ascii)
    else:
        for n, item in enumerate(items):
            out.append(("," if n else "") + inner)
            _write(item, depth + 1, out, ensure_ascii)
    out.append(outer + brackets[1])


def _flat_enough(items: Collection[object]) -> bool:
    """Whether the C encoder writes these items as they stand: plain values, or empty
    lists and mappings among them (`diff --json`'s `"conditional": []` on each row)."""
    kinds = set(map(type, items))
    if kinds <= _PLAIN:
        return True
    containers = compress(items, map(_CONTAINERS.__contains__, map(type, items)))
    return kinds <= _EMPTY_WRITTEN_ALIKE and not any(containers)


def _all_flat_mappings(items: Collection[object]) -> bool:
    """Whether every item is a mapping, not empty, of items `_flat_enough`: rows
    (`diff --json`'s issues, `landing --json`'s parties)."""
    if set(map(type, items)) != {dict} or not all(items):
        return False
    return _flat_enough(list(chain.from_iterable(map(dict.values, items))))  # type: ignore[arg-type]


def _flat_rows(rows: object, depth: int, ensure_ascii: bool) -> str:
    """A list of `_all_flat_mappings` at `depth` in one call of the C encoder: its
    items apart by the line break and indentation of the rows' own items, then the
    rows' brackets and the breaks between rows put where indent=2 has them. A row's
    items are apart by a comma and a line break, and each is a key, so `},` then a
    line break then `{` is only ever between two rows (a line break in text is
    written as an escape)."""
    row, item = "\n" + "  " * (depth + 1), "\n" + "  " * (depth + 2)
    text = _flat(depth + 1, ensure_ascii)(rows)  # [{"k": 1,<item>"l": 2},<item>{"k": 3}]
    between = text[2:-2].replace("}," + item + "{", row + "}," + row + "{" + item)
    return "[" + row + "{" + item + between + row + "}" + "\n" + "  " * depth + "]"


def _key(key: object, ensure_ascii: bool) -> str:
    """A mapping's key as json writes it: text as it is, a number, true, false or
    null as its text."""
    if type(key) is not str:
        key = json.loads(json.dumps({key: 0}))  # the standard library's own conversion
        assert isinstance(key, dict)
        (key,) = key
    return (encode_basestring_ascii if ensure_ascii else encode_basestring)(key)  # type: ignore[arg-type]
