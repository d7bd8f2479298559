"""Tests for names.py: what the user typed -> an id."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from positions.errors import LookupFailed
from positions.model import Actor, Dataset, Group, Issue
from positions.names import (
    actor_candidates,
    issue_candidates,
    lookalike,
    normalize,
    printable,
    resolve_actor,
    resolve_actors,
    resolve_issue,
    resolve_issues,
)


def make_dataset(actors: Sequence[Actor] = (), issues: Sequence[Issue] = ()) -> Dataset:
    return Dataset(
        title="test",
        actors={a.id: a for a in actors},
        issues={i.id: i for i in issues},
        sources={},
        positions=(),
    )


ACTORS = (
    Actor("russia", "Russia", ("Russian Federation", "Россия", "Moscow")),
    Actor("ukraine", "Ukraine", ("Україна", "Kyïv")),
    Actor("united_states", "United States", ("US", "USA", "Washington")),
    Actor("us_congress", "US Congress"),
    Actor("european_allies", "European allies", ("EU", "Brussels")),
    Actor("canada", "Canada", ("Ottawa",)),
    Actor("egypt", "مصر", ("Egypt", "القاهرة")),
    Actor("cote_divoire", "Côte d'Ivoire", ("Abidjan",)),
    Actor("greece", "Ελλάδα", ("Greece", "Αθήνα")),
)
ISSUES = (
    Issue("donbas", "Status of Donbas", "Should Donbas stay in Ukraine?"),
    Issue("sanctions", "Sanctions relief", "Should sanctions be lifted?"),
    Issue("security_guarantees", "Security guarantees", "Who guarantees?"),
    Issue("grain", "Black Sea grain corridor", "Should the corridor reopen?"),
    Issue("nato", "NATO membership", "Should Ukraine join NATO?"),
)
DS = make_dataset(ACTORS, ISSUES)


def actor_error(text: str, ds: Dataset = DS) -> str:
    with pytest.raises(LookupFailed) as info:
        resolve_actor(ds, text)
    return str(info.value)


def issue_error(text: str, ds: Dataset = DS) -> str:
    with pytest.raises(LookupFailed) as info:
        resolve_issue(ds, text)
    return str(info.value)


# normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyïv", "kyiv"),
        ("KYÏV", "kyiv"),
        ("Côte d'Ivoire", "cote d'ivoire"),
        ("  United_States--of \t America ", "united states of america"),
        ("united-states", "united states"),
        ("united\u2013states", "united states"),  # en dash reads as '-'
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),  # casefold leaves a combining dot; it goes too
        ("Україна", "украіна"),
        ("РОССИЯ", "россия"),
        ("ΑΘΉΝΑ", "αθηνα"),
        ("ΟΔΥΣΣΕΥΣ", normalize("οδυσσευς")),  # final sigma folds to sigma
        ("مِصْر", "مصر"),  # Arabic vowel marks are combining marks
        ("ﬁnal", "final"),  # compatibility ligature
        ("a\u200bb", "ab"),  # zero-width space, an invisible format character
        ("", ""),
        (" \t\n ", ""),
        ("_-_", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
def test_normalize_leaves_no_marks_or_separators(text: str) -> None:
    key = normalize(text)
    assert key == key.strip()
    assert "  " not in key
    assert "_" not in key
    assert not any(unicodedata.combining(ch) for ch in key)


# printable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("russia", "russia"),
        ("Україна مصر Ελλάδα 🇺🇦", "Україна مصر Ελλάδα 🇺🇦"),
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("\x00\x1f\x7f", "\\x00\\x1f\\x7f"),
        ("\x80\x85\x9f", "\\x80\\x85\\x9f"),
        ("\t\n\r", "\\x09\\x0a\\x0d"),
        ("\u202a\u202b\u202c\u202d\u202e", "\\u202a\\u202b\\u202c\\u202d\\u202e"),
        ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
        ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
        ("a\u2028b\u2029", "a\\u2028b\\u2029"),
    ],
)
def test_printable(text: str, expected: str) -> None:
    assert printable(text) == expected


@given(st.text())
def test_printable_leaves_no_control_or_bidi_characters(text: str) -> None:
    shown = printable(text)
    assert not any(unicodedata.category(ch) == "Cc" for ch in shown)
    assert not any(0x202A <= ord(ch) <= 0x202E for ch in shown)
    assert not any(0x2066 <= ord(ch) <= 0x2069 for ch in shown)


# resolving one name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("russia", "russia"),
        ("Russia", "russia"),
        ("RUSSIAN FEDERATION", "russia"),
        ("россия", "russia"),
        ("Moscow", "russia"),
        ("kyiv", "ukraine"),  # accent-insensitive: the alias is Kyïv
        ("Kyïv", "ukraine"),
        ("україна", "ukraine"),
        ("укр", "ukraine"),  # unique prefix, Cyrillic
        ("united states", "united_states"),
        ("United-States", "united_states"),
        ("united_states", "united_states"),
        ("  united   states ", "united_states"),
        ("us", "united_states"),  # exact alias beats the prefix of "US Congress"
        ("US", "united_states"),
        ("usa", "united_states"),
        ("wash", "united_states"),
        ("us c", "us_congress"),
        ("us_congress", "us_congress"),
        ("eu", "european_allies"),
        ("euro", "european_allies"),
        ("can", "canada"),
        ("مصر", "egypt"),
        ("القاهرة", "egypt"),
        ("القا", "egypt"),
        ("cote d'ivoire", "cote_divoire"),
        ("CÔTE", "cote_divoire"),
        ("ελλάδα", "greece"),
        ("ΕΛΛΑΔΑ", "greece"),
        ("αθηνα", "greece"),
    ],
)
def test_resolve_actor(text: str, expected: str) -> None:
    assert resolve_actor(DS, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("donbas", "donbas"),
        ("status of donbas", "donbas"),
        ("STATUS", "donbas"),
        ("nato", "nato"),
        ("NATO membership", "nato"),
        ("black sea", "grain"),
        ("gra", "grain"),
        ("sanc", "sanctions"),
        ("security-guarantees", "security_guarantees"),
        ("secu", "security_guarantees"),
    ],
)
def test_resolve_issue(text: str, expected: str) -> None:
    assert resolve_issue(DS, text) == expected


def test_issue_does_not_match_its_question() -> None:
    assert issue_error("should") == ("unknown issue 'should'; run 'positions issues' to list them")


def test_ambiguous_prefix_message() -> None:
    ds = make_dataset(ACTORS[:3])
    assert actor_error("u", ds) == (
        "ambiguous actor 'u': matches ukraine (Ukraine), united_states "
        "(United States); type more of the name"
    )


def test_ambiguous_lists_candidates_in_file_order() -> None:
    assert actor_error("U") == (
        "ambiguous actor 'U': matches ukraine (Ukraine), united_states "
        "(United States), us_congress (US Congress); type more of the name"
    )
    assert issue_error("s") == (
        "ambiguous issue 's': matches donbas (Status of Donbas), sanctions "
        "(Sanctions relief), security_guarantees (Security guarantees); "
        "type more of the name"
    )


def test_ambiguous_lists_ten_and_counts_the_rest() -> None:
    ds = make_dataset([Actor(f"a{n:02}", f"Name {n}") for n in range(13)])
    listed = ", ".join(f"a{n:02} (Name {n})" for n in range(10))
    assert actor_error("name", ds) == (
        f"ambiguous actor 'name': matches {listed} and 3 more; type more of the name"
    )


def test_key_shared_by_two_actors_is_ambiguous_but_the_id_is_not() -> None:
    ds = make_dataset(
        [
            Actor("georgia", "Georgia", ("Tbilisi",)),
            Actor("georgia_us", "State of Georgia", ("Georgia", "GA")),
        ]
    )
    assert actor_error("GEORGIA", ds) == (
        "ambiguous actor 'GEORGIA': matches georgia (Georgia), georgia_us "
        "(State of Georgia); use one of these ids"
    )
    # An id typed exactly always names its own actor: scripts rely on it.
    assert resolve_actor(ds, "georgia") == "georgia"
    assert resolve_actor(ds, "georgia_us") == "georgia_us"
    assert resolve_actor(ds, "ga") == "georgia_us"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rusia", "unknown actor 'rusia'; did you mean 'russia'?"),
        ("Ukrane", "unknown actor 'Ukrane'; did you mean 'ukraine'?"),
        ("kanada", "unknown actor 'kanada'; did you mean 'canada'?"),
        ("brusels", "unknown actor 'brusels'; did you mean 'european_allies'?"),
        ("zzz", "unknown actor 'zzz'; run 'positions actors' to list them"),
    ],
)
def test_unknown_actor(text: str, message: str) -> None:
    assert actor_error(text) == message


def test_unknown_with_several_suggestions() -> None:
    ds = make_dataset(
        [
            Actor("thailand", "Thailand"),
            Actor("iran", "Iran"),
            Actor("iraq", "Iraq"),
            Actor("ireland", "Ireland"),
            Actor("iceland", "Iceland"),
            Actor("finland", "Finland"),
            Actor("poland", "Poland"),
        ]
    )
    assert actor_error("irak", ds) == ("unknown actor 'irak'; did you mean 'iran' or 'iraq'?")
    # Best first (poland 0.73), then ties in file order (0.67); at most three,
    # and none far worse than the best (thailand 0.62).
    assert actor_error("landi", ds) == (
        "unknown actor 'landi'; did you mean 'poland', 'ireland' or 'iceland'?"
    )


def test_unknown_issue() -> None:
    assert issue_error("sanktions") == ("unknown issue 'sanktions'; did you mean 'sanctions'?")
    assert issue_error("zzz") == ("unknown issue 'zzz'; run 'positions issues' to list them")


@pytest.mark.parametrize("text", ["", " ", "\t\n"])
def test_empty_name(text: str) -> None:
    assert actor_error(text) == ("empty actor name; run 'positions actors' to list them")
    assert issue_error(text) == ("empty issue name; run 'positions issues' to list them")


def test_name_with_nothing_to_match_is_unknown() -> None:
    assert actor_error("__") == ("unknown actor '__'; run 'positions actors' to list them")


def test_empty_data_set() -> None:
    assert actor_error("russia", make_dataset()) == (
        "unknown actor 'russia'; run 'positions actors' to list them"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "\x1b[2Jzzz",
            "unknown actor '\\x1b[2Jzzz'; run 'positions actors' to list them",
        ),
        (
            "zzz\u202eabc",
            "unknown actor 'zzz\\u202eabc'; run 'positions actors' to list them",
        ),
        (
            "\u202eu",
            "ambiguous actor '\\u202eu': matches ukraine (Ukraine), united_states "
            "(United States), us_congress (US Congress); type more of the name",
        ),
    ],
)
def test_control_characters_are_shown_escaped(text: str, message: str) -> None:
    assert actor_error(text) == message


def test_names_from_the_data_are_shown_escaped() -> None:
    ds = make_dataset([Actor("evil_one", "Evil\x1b[31m"), Actor("evil_two", "Evil\u202etwo")])
    assert actor_error("EVIL", ds) == (
        "ambiguous actor 'EVIL': matches evil_one (Evil\\x1b[31m), "
        "evil_two (Evil\\u202etwo); type more of the name"
    )


# resolving several names


def test_resolve_actors_dedupes_and_keeps_the_order_given() -> None:
    assert resolve_actors(DS, ["kyiv", "US", "Russia", "united states", "ukraine"]) == (
        "ukraine",
        "united_states",
        "russia",
    )
    assert resolve_actors(DS, []) == ()


def test_resolve_actors_reports_every_bad_name_once() -> None:
    with pytest.raises(LookupFailed) as info:
        resolve_actors(DS, ["rusia", "canada", "u", "zzz", "rusia", " "])
    assert str(info.value).splitlines() == [
        "unknown actor 'rusia'; did you mean 'russia'?",
        "ambiguous actor 'u': matches ukraine (Ukraine), united_states "
        "(United States), us_congress (US Congress); type more of the name",
        "unknown actor 'zzz'; run 'positions actors' to list them",
        "empty actor name; run 'positions actors' to list them",
    ]


def test_resolve_issues() -> None:
    assert resolve_issues(DS, ["nato", "Status of Donbas", "NATO"]) == (
        "nato",
        "donbas",
    )
    with pytest.raises(LookupFailed) as info:
        resolve_issues(DS, ["nato", "natoo", "s"])
    assert str(info.value).splitlines() == [
        "unknown issue 'natoo'; did you mean 'nato'?",
        "ambiguous issue 's': matches donbas (Status of Donbas), sanctions "
        "(Sanctions relief), security_guarantees (Security guarantees); "
        "type more of the name",
    ]


def test_resolve_many_refuses_a_bare_string() -> None:
    with pytest.raises(TypeError):
        resolve_actors(DS, "russia")
    with pytest.raises(TypeError):
        resolve_issues(DS, "nato")


# completion


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", [a.id for a in ACTORS]),
        ("u", ["ukraine", "united_states", "us_congress"]),
        ("US", ["united_states", "us_congress"]),
        ("united_", ["united_states"]),
        ("KY", ["ukraine"]),
        ("укр", ["ukraine"]),
        ("e", ["european_allies", "egypt"]),
        ("ال", ["egypt"]),
        ("cote", ["cote_divoire"]),
        ("zzz", []),
    ],
)
def test_actor_candidates(prefix: str, expected: list[str]) -> None:
    assert actor_candidates(DS, prefix) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", [i.id for i in ISSUES]),
        ("s", ["donbas", "sanctions", "security_guarantees"]),
        ("Se", ["security_guarantees"]),
        ("n", ["nato"]),
        ("should", []),
    ],
)
def test_issue_candidates(prefix: str, expected: list[str]) -> None:
    assert issue_candidates(DS, prefix) == expected


# properties

# Letters with case and accents in several scripts, and the separators.
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "àáâäçèéêëïîíñóôöúüÿÀÉÏÔÇÑßœ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґАБВГДЕЁЖЗИЙКЛМНОПРСТУЄІЇҐ"
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإة"
    "\u064e\u064f\u0650\u0651\u0652"  # Arabic vowel marks
    "中国日本한국"
    " _-'."
)
names = st.text(alphabet=LETTERS, min_size=1, max_size=12)
ids = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    actor_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    actors = [
        Actor(id_, draw(names), tuple(draw(st.lists(names, max_size=3)))) for id_ in actor_ids
    ]
    return make_dataset(actors)


def keys_of(actor: Actor) -> tuple[str, ...]:
    return (actor.id, actor.name, *actor.aliases)


@given(datasets())
def test_every_unique_key_resolves_to_its_actor(ds: Dataset) -> None:
    owners: dict[str, set[str]] = {}
    for actor in ds.actors.values():
        for key in keys_of(actor):
            owners.setdefault(normalize(key), set()).add(actor.id)
    for actor in ds.actors.values():
        for key in keys_of(actor):
            if normalize(key) and owners[normalize(key)] == {actor.id}:
                assert resolve_actor(ds, key) == actor.id
                assert resolve_actor(ds, key.upper()) == actor.id
                assert resolve_actor(ds, f" {key.lower()} ") == actor.id


@given(datasets())
def test_every_id_resolves_to_itself(ds: Dataset) -> None:
    for id_ in ds.actors:
        assert resolve_actor(ds, id_) == id_


@given(datasets(), st.text(max_size=8))
def test_resolution_either_succeeds_among_the_candidates_or_fails_cleanly(
    ds: Dataset, text: str
) -> None:
    try:
        found = resolve_actor(ds, text)
    except LookupFailed as error:
        message = str(error)
        assert "\n" not in message
        assert message.startswith(("unknown actor ", "ambiguous actor ", "empty "))
    else:
        assert found in actor_candidates(ds, text)


# --- look-alikes ---------------------------------------------------------------------------

# Five actors that all display as "Russia": a Cyrillic а, an invisible combining
# grapheme joiner, a variation selector, tag characters, a zero width space.
LOOK_ALIKES = [
    "Russia",
    "Russi\u0430",
    "Rus\u034fsia",
    "Russia\ufe0f",
    "Russia\U000e0041\U000e0042",
    "Rus\u200bsia",
]


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_names_that_look_alike_share_a_key(name: str) -> None:
    assert lookalike(name) == lookalike("Russia") == "Russia"


@pytest.mark.parametrize(
    ("a", "b"),
    [("MaIi", "Mali"), ("PAYPAL", "\u0420AYPAL"), ("ѕеrbіа", "serbia"), ("G00GLE", "GOOGLE")],
)
def test_confusables_meet(a: str, b: str) -> None:
    assert lookalike(a) == lookalike(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia", "Rossiya"),
        ("Austria", "Australia"),
        ("Niger", "Nigeria"),
        ("Россия", "Russia"),
        ("Rússia", "Russia"),  # an accent shows; `normalize` is what folds it
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert lookalike(a) != lookalike(b)


@pytest.mark.parametrize(
    "code", [0x1C4, 0x1C5, 0x1C6, 0x48B, 0x321D, 0xFBA4, 0xFBA5, 0xFBB0, 0xFBB1, 0xFE81, 0xFEF5]
)
def test_a_prototype_that_maps_again_settles(code: int) -> None:
    # One round of mapping left these with characters that map again.
    key = lookalike(chr(code))
    assert lookalike(key) == key


@given(st.text(max_size=30))
def test_lookalike_is_stable(text: str) -> None:
    # A key of a key is itself: the check compares keys, never raw text.
    key = lookalike(text)
    assert lookalike(key) == key


def test_normalize_drops_every_default_ignorable() -> None:
    assert normalize("Ru\u034fs\ufe0fs\u180bi\u3164a\U000e0020") == "russia"


# --- suggestions prefer a shared start ------------------------------------------------------

GROUPS = (
    Actor("aosis", "Alliance of Small Island States"),
    Actor("arab_group", "Arab Group"),
    Actor("g77", "Group of 77"),
)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("aosis_group", "unknown actor 'aosis_group'; did you mean 'aosis'?"),
        ("arab_grp", "unknown actor 'arab_grp'; did you mean 'arab_group'?"),
    ],
)
def test_a_shared_start_beats_edit_distance(typed: str, message: str) -> None:
    with pytest.raises(LookupFailed) as caught:
        resolve_actor(make_dataset(GROUPS), typed)
    assert str(caught.value) == message


def test_the_ascii_shortcut_is_the_table() -> None:
    from positions import names

    for code in range(128):
        ch = chr(code)
        expected = names._confusables().get(ch, ch)
        assert ch.translate(names._ASCII_PROTOTYPES) == expected, repr(ch)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_ascii_names_get_the_same_key_either_way(text: str) -> None:
    from positions import names

    slow = "".join(names._confusables().get(ch, ch) for ch in text)
    assert lookalike(text) == slow


def test_completion_offers_the_first_spelling_a_shell_can_insert() -> None:
    from positions.names import complete_actor

    ds = make_dataset([Actor("eu", "European Union", ("Europe", "EU"))])
    assert complete_actor(ds, "Eur") == [("European Union", "eu: European Union")]
    no_spaces = complete_actor(ds, "Eur", lambda value: " " not in value)
    assert no_spaces == [("Europe", "eu: European Union")]


# --- format 2: a group stands for its members --------------------------------------------------

GROUPED = Dataset(
    title="test",
    actors={a.id: a for a in ACTORS},
    issues={},
    sources={},
    positions=(),
    groups={
        # members in the file's actor order, nested groups expanded (the loader's work)
        "west": Group("west", "Western allies", ("ukraine", "united_states", "canada")),
        "south_east": Group("south_east", "Südost", ("egypt", "greece")),
        "all_of_them": Group("all_of_them", "Everyone", tuple(a.id for a in ACTORS)),
    },
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["west"], ("ukraine", "united_states", "canada")),
        (["Western allies"], ("ukraine", "united_states", "canada")),  # by its name
        (["WESTERN-ALLIES"], ("ukraine", "united_states", "canada")),  # as names compare
        (["sudost"], ("egypt", "greece")),  # accents ignored
        (["south east"], ("egypt", "greece")),
        (["everyone"], tuple(a.id for a in ACTORS)),
        # first mention first, each once, groups and actors mixed
        (["canada", "west", "Kyïv"], ("canada", "ukraine", "united_states")),
        (
            ["south_east", "west", "egypt"],
            ("egypt", "greece", "ukraine", "united_states", "canada"),
        ),
    ],
)
def test_a_group_resolves_to_its_members(texts: list[str], expected: tuple[str, ...]) -> None:
    assert resolve_actors(GROUPED, texts) == expected


def test_a_group_beside_unknown_names_still_reports_each_unknown() -> None:
    with pytest.raises(LookupFailed) as info:
        resolve_actors(GROUPED, ["west", "rusia", "zzz"])
    assert str(info.value) == (
        "unknown actor 'rusia'; did you mean 'russia'?\n"
        "unknown actor 'zzz'; run 'positions actors' to list them"
    )


def test_a_file_without_groups_resolves_as_before() -> None:
    assert resolve_actors(DS, ["US", "Kyiv"]) == ("united_states", "ukraine")
    assert actor_error("west") == "unknown actor 'west'; run 'positions actors' to list them"


def test_a_nested_group_of_the_format_2_fixture_resolves_to_every_member() -> None:
    from pathlib import Path

    from positions import loader

    ds = loader.load(Path(__file__).parent / "data" / "trade2.yaml")
    assert resolve_actors(ds, ["north"]) == ("eu", "kazakhstan", "greece")
    assert resolve_actors(ds, ["Northern partners", "africa"]) == (
        "eu", "kazakhstan", "greece", "egypt", "cote_divoire",
    )  # fmt: skip
    assert resolve_actors(ds, ["EU and members"]) == ("eu", "greece")


def test_a_look_up_of_many_mistyped_names_suggests_for_the_first_twenty() -> None:
    """Each suggestion is a pass over every name: past twenty failures in one look-up
    the rest are listed without one, so that 1,500 mistakes take seconds, not minutes."""
    with pytest.raises(LookupFailed) as caught:
        resolve_actors(DS, [f"Rusia{n}" for n in range(25)])
    lines = str(caught.value).splitlines()
    assert len(lines) == 25
    assert lines[0] == "unknown actor 'Rusia0'; did you mean 'russia'?"
    assert all("did you mean" in line for line in lines[:20])
    assert lines[20] == "unknown actor 'Rusia20'; run 'positions actors' to list them"
    assert not any("did you mean" in line for line in lines[20:])


def test_a_name_typed_past_any_name_s_length_is_not_echoed_whole() -> None:
    with pytest.raises(LookupFailed) as caught:
        resolve_actor(DS, "z" * 100_000)
    assert (
        str(caught.value) == f"unknown actor '{'z' * 200}...'; run 'positions actors' to list them"
    )
