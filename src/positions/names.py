"""What the user typed -> an id: ids, names, aliases and titles, in any script.

Matching ignores case, accents and the difference between `_`, `-` and a
space, accepts a unique prefix, and fails with a message that lists the
candidates or suggests the closest ids. Pure: no I/O. The key index is rebuilt
on every call, which is linear in the data set and cheap at the sizes read here.
"""

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from positions.errors import LookupFailed
from positions.model import Catalog
from positions.text import printable, shorten

__all__ = [
    "Spellings",
    "actor_candidates",
    "difference",
    "issue_candidates",
    "lookalike",
    "normalize",
    "printable",
    "resolve_actor",
    "resolve_actors",
    "resolve_issue",
    "resolve_issues",
    "suggest_id",
]

_MAX_SUGGESTIONS = 3
_SUGGESTION_CUTOFF = 0.6  # difflib's own default
# Only matches nearly as close as the best are offered: 'rusia' suggests
# 'russia' (0.91), not also the alias 'USA' it happens to contain (0.75).
_SUGGESTION_MARGIN = 0.1
_MAX_LISTED = 10  # candidates named in an ambiguity message; the rest are counted


# Typographic apostrophes, as pasted from articles ("Ukraine’s"), read as "'".
_APOSTROPHES = frozenset("\u2019\u2018\u02bc\u2032\uff07")


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt) beyond the
# format characters (Cf) dropped anyway: variation selectors, the combining
# grapheme joiner, fillers. Fonts draw none of them (the braille blank U+2800,
# a symbol, draws nothing either).
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\u2800]"  # and the braille blank, which draws as a space but is none
)


def folded(text: str) -> str:
    """`text` in lower case without its accents: NFKD, casefolded, combining marks
    dropped (`normalize` goes on from here; so does `reader.as_slug`)."""
    import unicodedata

    # Casefolding can produce decomposable text ("İ" -> "i" + U+0307), hence NFKD twice.
    done = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in done if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """The form names are compared in: `Kyïv`, `KYIV` and `kyiv` are one key.

    NFKD, casefold, drop combining marks, invisible format characters
    (zero-width joiners, soft hyphens, bidi marks pasted along with a name) and
    every other default-ignorable code point (variation selectors), read `_`
    and any dash as a space, and collapse whitespace.
    """
    import unicodedata  # a look-up by id, the common case, never needs it

    kept: list[str] = []
    for ch in folded(text):
        category = unicodedata.category(ch)
        if category == "Cf" or _IGNORABLE.match(ch):
            continue
        if ch in _APOSTROPHES:
            ch = "'"
        kept.append(" " if ch == "_" or category == "Pd" else ch)
    return " ".join("".join(kept).split())


def lookalike(text: str) -> str:
    """The key under which two spellings look the same on screen (the UTS #39
    skeleton): invisible characters dropped (format characters, variation
    selectors and other default-ignorables), then each character replaced by
    its prototype in Unicode's confusables, so that Cyrillic `Russiа` and Latin
    `Russia` meet. Case counts here (`RUSSIA` looks unlike `Russia`); `normalize`
    is the key that ignores case and accents."""
    if text.isascii():  # most names: no need to read the table
        return text.translate(_ASCII_PROTOTYPES)
    import unicodedata

    table = _confusables()
    visible = _visible(text)
    # A prototype can hold characters that map again once decomposed (U+01C4 Ǆ and
    # a dozen others): map until nothing changes, so that the key of a key is
    # itself. Three rounds settle every single code point (checked over them all).
    for _ in range(3):
        mapped = unicodedata.normalize("NFD", "".join([table.get(ch, ch) for ch in visible]))
        if mapped == visible:
            break
        visible = mapped
    return visible


#: What the confusables table does to ASCII, the only entries an ASCII name can
#: meet (tests/test_names.py holds it to the table): a speed trick that spares
#: reading the table (3 ms) when every name is ASCII.
_ASCII_PROTOTYPES = str.maketrans(
    {"`": "'", '"': "''", "|": "l", "1": "l", "I": "l", "0": "O", "m": "rn", "%": "\u00ba/\u2080"}
)


@functools.cache
def _confusables() -> dict[str, str]:
    """Unicode's look-alike table (confusables.json, by scripts/make_confusables.py)."""
    import json

    document = json.loads(Path(__file__).with_name("confusables.json").read_bytes())
    table: dict[str, str] = document["map"]
    return table


def _visible(text: str) -> str:
    """`text` decomposed (NFD), without what draws nothing: format characters and
    the other default-ignorables."""
    import unicodedata

    return "".join(
        ch
        for ch in unicodedata.normalize("NFD", text)
        if unicodedata.category(ch) != "Cf" and not _IGNORABLE.match(ch)
    )


def _invisible_only(a: str, b: str) -> bool:
    """`a` and `b` differ, beyond case, only in characters that draw nothing."""
    import unicodedata

    shown_a, shown_b = _visible(a), _visible(b)
    hidden = shown_a != unicodedata.normalize("NFD", a) or shown_b != unicodedata.normalize(
        "NFD", b
    )
    return hidden and shown_a.casefold() == shown_b.casefold()


def difference(a: str, b: str) -> str:
    """What tells two look-alike spellings apart, as code points (`U+0430 CYRILLIC
    SMALL LETTER A`), for a message that says they look the same."""
    import unicodedata

    if _invisible_only(a, b):  # `Russia` and `russia\ufe0f`: only the selector
        a, b = a.casefold(), b.casefold()
    if len(a) == len(b):  # `Il` and `lI`: what differs place by place
        odd = list(dict.fromkeys(c for x, y in zip(a, b, strict=True) if x != y for c in (x, y)))
    else:
        odd = [ch for ch in dict.fromkeys(a + b) if (ch in a) != (ch in b)]
    named = [f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}" for ch in odd[:3]]
    more = f" and {len(odd) - 3} more" if len(odd) > 3 else ""
    if not named:  # the same characters, told apart only by case or order
        return "case or the order of look-alike characters"
    return "invisible or look-alike characters: " + ", ".join(named) + more


#: Who claimed a spelling: (owner id, role such as "alias", the spelling itself).
Claim = tuple[str, str, str]


class Spellings:
    """The spellings claimed so far (ids, names, aliases or titles), under the key
    that ignores case and accents and under the look-alike key, so that no two
    owners share one or two that look the same on screen."""

    def __init__(self) -> None:
        self._same: dict[str, Claim] = {}
        self._alike: dict[str, Claim] = {}

    def claim(self, owner: str, role: str, spelling: str) -> tuple[bool, Claim] | None:
        """None when `spelling` is free or `owner`'s own; else (whether it only looks
        alike, the other owner's claim)."""
        norm, looks = normalize(spelling), lookalike(spelling)
        same, alike = self._same.get(norm), self._alike.get(looks)
        if same is not None and same[0] != owner:
            # Equal but for case or accents (`NORTH`); or for what does not show
            # (`Nor\u034fth`), which is said as looking the same.
            return _invisible_only(spelling, same[2]), same
        if alike is not None and alike[0] != owner:
            return True, alike
        self._same.setdefault(norm, (owner, role, spelling))
        self._alike.setdefault(looks, (owner, role, spelling))
        return None

    def add(self, owner: str, role: str, spelling: str) -> None:
        """Record `spelling` for `find` only, unchecked (two sources may share a name)."""
        self._same.setdefault(normalize(spelling), (owner, role, spelling))

    def find(self, text: str) -> Claim | None:
        """The claim of the spelling `text` is, ignoring case and accents."""
        return self._same.get(normalize(text))


def suggest_id(word: str, choices: Sequence[str]) -> str | None:
    """'did you mean ...?' for an unknown id in a data file: an id that starts `word`
    or that `word` starts (three characters or more), as `aosis_group` means `aosis`;
    else the closest."""
    import difflib  # only a mistake needs it

    # `cease` means the shortest id it starts, `aosis_group` the longest that starts it.
    longer = [c for c in choices if len(word) >= 3 and c.startswith(word)]
    shorter = [c for c in choices if len(c) >= 3 and word.startswith(c)]
    close = (
        sorted(longer, key=len)[:1]
        or sorted(shorter, key=len)[-1:]
        or difflib.get_close_matches(word, list(choices), 1)
    )
    return f"did you mean '{close[0]}'?" if close else None


class _Kind(NamedTuple):
    word: str  # "actor", as in "unknown actor 'x'"
    command: str  # the command that lists them all


_ACTOR = _Kind("actor", "positions actors")
_ISSUE = _Kind("issue", "positions issues")


class _Entry(NamedTuple):
    id: str
    display: str  # actor name or issue title
    keys: tuple[str, ...]  # normalized, non-empty, distinct


class _Index(NamedTuple):
    kind: _Kind
    entries: tuple[_Entry, ...]  # file order
    ids: frozenset[str]


def _entry(id_: str, display: str, keys: Iterable[str]) -> _Entry:
    normalized = (normalize(k) for k in keys)
    return _Entry(id_, display, tuple(dict.fromkeys(k for k in normalized if k)))


def _actor_index(ds: Catalog) -> _Index:
    entries = tuple(_entry(id_, a.name, a.spellings) for id_, a in ds.actors.items())
    return _Index(_ACTOR, entries, frozenset(ds.actors))


def _issue_index(ds: Catalog) -> _Index:
    entries = tuple(_entry(id_, i.title, (id_, i.title)) for id_, i in ds.issues.items())
    return _Index(_ISSUE, entries, frozenset(ds.issues))


def quoted(text: str) -> str:
    """A name as a message quotes it: printable, and cut past any name's length (a
    name typed 100,000 characters long is not echoed whole)."""
    return f"'{shorten(text, _QUOTED_CHARS)}'"


#: The most characters of a typed name a message quotes: the longest a name may be.
_QUOTED_CHARS = 200
#: The failed names of one look-up that get a "did you mean": each costs a pass of
#: difflib over every name (1,500 names mistyped against 3,000 issues took minutes).
_SUGGESTED = 20


def one_of(items: Sequence[str]) -> str:
    """`'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`, each quoted as a typed name is."""
    each = [quoted(i) for i in items]
    if len(each) < 2:
        return each[0] if each else "none"
    return f"{', '.join(each[:-1])} or {each[-1]}"


def _suggestions(index: _Index, key: str) -> list[str]:
    """Up to three ids whose closest key is similar to `key`, best first.

    A key that starts the typed text (three characters or more) comes first,
    longest first: `aosis_group` means `aosis` more likely than `arab_group`,
    which shares more letters. (A key the typed text starts never gets here: it
    was a prefix match.) Otherwise similarity is difflib's ratio; ties keep file
    order.
    """
    prefixed = sorted(
        (-max(map(len, shared)), position, entry.id)
        for position, entry in enumerate(index.entries)
        if (shared := [k for k in entry.keys if len(k) >= 3 and key.startswith(k)])
    )
    if prefixed:
        return [id_ for _, _, id_ in prefixed[:_MAX_SUGGESTIONS]]
    import difflib  # only a failed look-up needs it: kept off the start-up path

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    scored: list[tuple[float, int, str]] = []
    for position, entry in enumerate(index.entries):
        best = 0.0
        for candidate in entry.keys:
            matcher.set_seq1(candidate)
            # The cheap upper bounds first, as difflib.get_close_matches does.
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        if best >= _SUGGESTION_CUTOFF:
            scored.append((-best, position, entry.id))
    scored.sort()
    if not scored:
        return []
    floor = -scored[0][0] - _SUGGESTION_MARGIN
    close = [id_ for score, _, id_ in scored if -score >= floor]
    return close[:_MAX_SUGGESTIONS]


def _ambiguous(index: _Index, text: str, matches: Sequence[_Entry], advice: str) -> str:
    listed = ", ".join(f"{printable(e.id)} ({printable(e.display)})" for e in matches[:_MAX_LISTED])
    if len(matches) > _MAX_LISTED:
        listed += f" and {len(matches) - _MAX_LISTED} more"
    return f"ambiguous {index.kind.word} {quoted(text)}: matches {listed}; {advice}"


def _resolve(index: _Index, text: str, suggest: bool = True) -> str:
    """The id `text` names, or LookupFailed with a one-line message (with a "did you
    mean" when `suggest`, and the typed text no longer than a name may be)."""
    kind = index.kind
    # An id typed exactly always wins: scripts and shell completion pass ids,
    # and those must not turn ambiguous when another entry has a similar alias.
    if text in index.ids:
        return text
    key = normalize(text)
    if not key:
        if not text.strip():
            raise LookupFailed(f"empty {kind.word} name; run '{kind.command}' to list them")
        raise LookupFailed(f"unknown {kind.word} {quoted(text)}; run '{kind.command}' to list them")
    exact = [e for e in index.entries if key in e.keys]
    if len(exact) == 1:
        return exact[0].id
    if exact:
        raise LookupFailed(_ambiguous(index, text, exact, "use one of these ids"))
    prefixed = [e for e in index.entries if any(k.startswith(key) for k in e.keys)]
    if len(prefixed) == 1:
        return prefixed[0].id
    if prefixed:
        raise LookupFailed(_ambiguous(index, text, prefixed, "type more of the name"))
    suggestions = _suggestions(index, key) if suggest and len(key) <= _QUOTED_CHARS else []
    if suggestions:
        hint = f"did you mean {one_of(suggestions)}?"
    else:
        hint = f"run '{kind.command}' to list them"
    raise LookupFailed(f"unknown {kind.word} {quoted(text)}; {hint}")


def _resolve_all(index: _Index, texts: Sequence[str]) -> tuple[str, ...]:
    if isinstance(texts, str):
        # A str is a Sequence[str] to the type checker; resolving it letter by
        # letter would be a silent bug in the caller.
        raise TypeError("expected a sequence of names, not one string")
    found: dict[str, None] = {}
    problems: dict[str, None] = {}
    for text in texts:
        try:
            found[_resolve(index, text, len(problems) < _SUGGESTED)] = None
        except LookupFailed as error:
            problems[str(error)] = None
    if problems:
        raise LookupFailed("\n".join(problems))
    return tuple(found)


def resolve_actor(ds: Catalog, text: str) -> str:
    """The id of the actor `text` names: its id, name, an alias, or a unique prefix."""
    if text in ds.actors:  # what _resolve does first, without building the index
        return text
    typed = normalize(text)
    group = next(
        (g for g in ds.groups.values() if typed in (normalize(g.id), normalize(g.name))), None
    )
    if group is not None:
        members = ", ".join(group.members)
        raise LookupFailed(
            f"{quoted(text)} is a group ({members}), and this names one actor: "
            "name one of its members (--actors takes a group)"
        )
    return _resolve(_actor_index(ds), text)


def resolve_issue(ds: Catalog, text: str) -> str:
    """The id of the issue `text` names: its id, title, or a unique prefix."""
    if text in ds.issues:  # what _resolve does first, without building the index
        return text
    return _resolve(_issue_index(ds), text)


def resolve_actors(ds: Catalog, texts: Sequence[str]) -> tuple[str, ...]:
    """Ids of the named actors, first mention first, each once.

    Every name that fails is reported in the one LookupFailed, a line each, so
    a user fixing `--actors` sees all the mistakes at once.
    """
    if ds.groups and not isinstance(texts, str):
        # A group stands for its members (`--actors g77`): the loader keeps its id and
        # name apart from every actor's spellings.
        named = {normalize(s): g for g in ds.groups.values() for s in (g.id, g.name)}
        texts = [
            m
            for text in texts
            for m in (named[normalize(text)].members if normalize(text) in named else (text,))
        ]
    return _resolve_all(_actor_index(ds), texts)


def resolve_issues(ds: Catalog, texts: Sequence[str]) -> tuple[str, ...]:
    """Ids of the named issues, first mention first, each once; see resolve_actors."""
    return _resolve_all(_issue_index(ds), texts)


def _completions(
    index: _Index,
    spellings: dict[str, tuple[str, ...]],
    incomplete: str,
    usable: Callable[[str], bool] = lambda value: True,
) -> list[tuple[str, str, str]]:
    """(id, value to insert, help) of every entry some key of which starts with `incomplete`.

    Shells keep only values that start with exactly what was typed, so the
    value is the first of id, name and aliases that matches and is `usable` (a
    shell can insert it), in the typed letters' case and accents ('U' ->
    'Ukraine', 'kyi' -> 'kyiv'); when only an unusable one matches ('Beef
    quotas', with its space), the id. Any value resolves back to the entry.
    File order.
    """
    key = normalize(incomplete)
    result: list[tuple[str, str, str]] = []
    for entry in index.entries:
        matching = [s for s in (entry.id, *spellings[entry.id]) if normalize(s).startswith(key)]
        if not matching:
            continue
        typed = [
            s if s.startswith(incomplete) else incomplete + s[len(incomplete) :] for s in matching
        ]
        value = next((v for v in typed if usable(v)), entry.id)
        result.append((entry.id, value, f"{entry.id}: {entry.display}"))
    return result


def _actor_spellings(ds: Catalog) -> dict[str, tuple[str, ...]]:
    return {a.id: a.spellings[1:] for a in ds.actors.values()}


def _issue_spellings(ds: Catalog) -> dict[str, tuple[str, ...]]:
    return {i.id: (i.title,) for i in ds.issues.values()}


def actor_candidates(ds: Catalog, prefix: str) -> list[str]:
    """Ids of actors whose id, name or an alias starts with `prefix`, in file order."""
    return [c[0] for c in _completions(_actor_index(ds), _actor_spellings(ds), prefix)]


def issue_candidates(ds: Catalog, prefix: str) -> list[str]:
    """Ids of issues whose id or title starts with `prefix`, in file order."""
    return [c[0] for c in _completions(_issue_index(ds), _issue_spellings(ds), prefix)]


def complete_actor(
    ds: Catalog,
    incomplete: str,
    usable: Callable[[str], bool] = lambda value: True,
    groups: bool = False,
) -> list[tuple[str, str]]:
    """(value, help) shell completions for an actor argument; see `_completions`. With
    `groups` (a list of actors, which a group may stand in), the group ids too."""
    found = _completions(_actor_index(ds), _actor_spellings(ds), incomplete, usable)
    typed = normalize(incomplete)
    grouped = [
        (g.id, f"group: {g.name}")
        for g in (ds.groups.values() if groups else ())
        if normalize(g.id).startswith(typed) and usable(g.id)
    ]
    return [c[1:] for c in found] + grouped


def complete_issue(
    ds: Catalog, incomplete: str, usable: Callable[[str], bool] = lambda value: True
) -> list[tuple[str, str]]:
    """(value, help) shell completions for an issue argument; see `_completions`."""
    found = _completions(_issue_index(ds), _issue_spellings(ds), incomplete, usable)
    return [c[1:] for c in found]
