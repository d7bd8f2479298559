"""`positions changes`: the window's entries and an edit's, pinned by hand, on the bundled
data and trade2, by property, and as golden text and JSON."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from positions import analysis, datafile, loader
from positions.changed import (
    RECENT_DAYS,
    ChangesView,
    Kind,
    against_view,
    changes_view,
)
from positions.model import (
    Actor,
    Condition,
    Dataset,
    Evidence,
    Issue,
    Position,
    Source,
    Stance,
    Window,
)
from positions.render import changes as render
from positions.text import json_inert
from tests.profiles import examples

DATA = Path(__file__).parent / "data"
TRADE2 = DATA / "trade2.yaml"
OLD = DATA / "changes-old.yaml"  # an older draft of trade2.yaml
EVIDENCE = (Evidence("src"),)
IF_Y = (Condition("y", True),)


def day(month: int, date: int = 1) -> dt.date:
    return dt.date(2025, month, date)


def pos(
    actor: str,
    issue: str,
    score: int,
    when: dt.date,
    summary: str = "",
    conditions: tuple[Condition, ...] = (),
) -> Position:
    return Position(
        actor, issue, Stance(score), summary or f"{actor} on {issue}", EVIDENCE, when,
        conditions=conditions,
    )  # fmt: skip


def dataset(
    positions: Sequence[Position],
    windows: dict[str, Window] | None = None,
    actors: Sequence[str] = ("a", "b", "c"),
    issues: Sequence[str] = ("x", "y"),
) -> Dataset:
    w = windows or {}
    return Dataset(
        "test",
        {a: Actor(a, a.upper(), active=w.get(a)) for a in actors},
        {i: Issue(i, i.title(), f"{i}?") for i in issues},
        {"src": Source("src", "Source", "https://example.org/src")},
        tuple(positions),
    )


def summary(view: ChangesView) -> list[tuple[str, str, str, str | None]]:
    """Each entry as (date, kind, actor, issue)."""
    return [
        (e.date.isoformat(), e.kind.value, e.actor.id, None if e.issue is None else e.issue.id)
        for e in view.entries
    ]


def text(view: ChangesView, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(render.terminal(view, width))
    return console.export_text()


def json_text(view: ChangesView) -> str:
    """As `--json` prints it (render.json.dumps)."""
    return json_inert(json.dumps(render.as_json(view), ensure_ascii=False, indent=2)) + "\n"


# A's history on x: each kind once; C is a party from 15 February to 15 March.
HAND = dataset(
    [
        pos("a", "x", 1, day(1)),
        pos("a", "x", 1, day(2), "A restates its support."),
        pos("a", "x", 1, day(3), "A's support now hangs on y.", IF_Y),
        pos("b", "x", -2, day(3)),
        pos("a", "x", -1, day(4)),
        pos("c", "x", 2, day(2, 20)),
        pos("c", "y", 0, day(3, 10)),
    ],
    {"c": Window(day(2, 15), day(3, 15))},
)


# --- the window, by hand --------------------------------------------------------------


def test_each_position_in_the_window_is_new_a_shift_conditional_or_restated() -> None:
    view = changes_view(HAND, day(2), day(4))
    assert summary(view) == [
        ("2025-02-01", "restated", "a", "x"),
        ("2025-02-15", "joined", "c", None),
        ("2025-02-20", "new", "c", "x"),
        ("2025-03-01", "conditional", "a", "x"),
        ("2025-03-01", "new", "b", "x"),
        ("2025-03-10", "new", "c", "y"),
        ("2025-03-15", "left", "c", None),
        ("2025-04-01", "shift", "a", "x"),
    ]
    assert dict(view.counts) == {
        Kind.NEW: 3, Kind.SHIFT: 1, Kind.CONDITIONAL: 1, Kind.RESTATED: 1,
        Kind.JOINED: 1, Kind.LEFT: 1,
    }  # fmt: skip
    assert (view.since, view.until, view.recent, view.against) == (day(2), day(4), False, None)
    assert view.span == (day(1), day(4))


def test_an_entry_holds_the_position_it_replaces_and_the_fields_that_differ() -> None:
    restated, _, _, conditional, new, _, left, shift = changes_view(HAND, day(2), day(4)).entries
    assert restated.before is not None
    assert restated.after is not None
    assert (restated.before.position, restated.after.position) == HAND.history("a", "x")[:2]
    assert restated.fields == ("summary",)
    assert conditional.fields == ("summary", "conditions")
    assert conditional.after is not None
    assert [(i.id, outcome) for i, outcome in conditional.after.conditions] == [("y", "adopted")]
    assert shift.before is not None
    assert shift.before.stance is Stance.SUPPORT
    assert shift.after is not None
    assert shift.after.stance is Stance.OPPOSE
    assert shift.fields == ("stance", "summary", "conditions")
    assert (new.before, new.fields) == (None, ())
    assert new.after is not None
    assert new.after.source == Source("src", "Source", "https://example.org/src")
    # C leaves on 15 March: what it held that day no longer counts.
    assert [(i.id, c.stance) for i, c in left.withdrawn] == [
        ("x", Stance.STRONGLY_SUPPORT),
        ("y", Stance.NEUTRAL),
    ]


def test_both_ends_of_the_window_are_included() -> None:
    assert summary(changes_view(HAND, day(3), day(3))) == [
        ("2025-03-01", "conditional", "a", "x"),
        ("2025-03-01", "new", "b", "x"),
    ]
    assert summary(changes_view(HAND, day(3, 2), day(3, 9))) == []


def test_without_since_the_window_is_the_last_four_weeks_of_the_data() -> None:
    view = changes_view(HAND, None, None)
    assert (view.since, view.until, view.recent) == (day(3, 4), day(4), True)
    assert summary(view) == [
        ("2025-03-10", "new", "c", "y"),
        ("2025-03-15", "left", "c", None),
        ("2025-04-01", "shift", "a", "x"),
    ]
    # With --until only, the four weeks before it.
    view = changes_view(HAND, None, day(3, 15))
    assert (view.since, view.until, view.recent) == (day(2, 15), day(3, 15), True)
    assert RECENT_DAYS == 28


def test_the_first_weeks_of_year_1_are_a_window_from_its_first_day() -> None:
    """Four weeks before 0001-01-10 would be before the calendar: the window starts at
    its first day (it once raised OverflowError out of brief, changes and export)."""
    view = changes_view(HAND, None, dt.date(1, 1, 10))
    assert (view.since, view.until) == (dt.date.min, dt.date(1, 1, 10))
    early = loader.parse(
        b"format: 1\ntitle: T\nsources: {s: {name: S}}\nactors: {a: {name: A}}\n"
        b"issues: {i: {title: I, question: Q?}}\npositions:\n"
        b"  - {actor: a, issue: i, stance: support, summary: x, source: s, date: 0001-01-02}\n",
        "t.yaml",
    )
    assert changes_view(early, None, None).since == dt.date.min


def test_since_alone_has_no_end() -> None:
    view = changes_view(HAND, day(3, 12), None)
    assert (view.since, view.until) == (day(3, 12), None)
    assert summary(view) == [("2025-03-15", "left", "c", None), ("2025-04-01", "shift", "a", "x")]


def test_no_position_no_window() -> None:
    view = changes_view(dataset([], {"c": Window(day(1), day(2))}), None, None)
    assert (view.since, view.until, view.span, view.entries) == (None, None, None, ())
    assert "No position is recorded yet." in text(view, 80)


def test_actors_and_issues_narrow_every_kind() -> None:
    view = changes_view(HAND, day(1), day(12), actors=["c"], issues=["y"])
    assert summary(view) == [
        ("2025-02-15", "joined", "c", None),
        ("2025-03-10", "new", "c", "y"),
        ("2025-03-15", "left", "c", None),
    ]
    assert [i.id for i, _ in view.entries[-1].withdrawn] == ["y"]
    assert summary(changes_view(HAND, day(1), day(12), actors=["b"])) == [
        ("2025-03-01", "new", "b", "x")
    ]


def test_a_position_after_the_actor_was_no_party_is_new() -> None:
    # A hand-made history the loader would refuse: a position outside the window.
    ds = dataset(
        [pos("a", "x", 1, day(1)), pos("a", "x", -1, day(3, 5))], {"a": Window(day(3), None)}
    )
    assert summary(changes_view(ds, day(2), day(4))) == [
        ("2025-03-01", "joined", "a", None),
        ("2025-03-05", "new", "a", "x"),
    ]


def test_no_longer_conditional_is_a_conditional_change() -> None:
    ds = dataset([pos("a", "x", 1, day(1), conditions=IF_Y), pos("a", "x", 1, day(2))])
    (entry,) = changes_view(ds, day(2), day(2)).entries
    assert (entry.kind, entry.fields) == (Kind.CONDITIONAL, ("conditions",))
    assert "+| support -> +  support  no longer conditional: now counted" in text(
        changes_view(ds, day(2), day(2)), 80
    )


# --- the window, on the bundled data and trade2 ------------------------------------------


def test_the_bundled_data_all_new_in_its_last_four_weeks() -> None:
    ds = loader.load(datafile.bundled_path())
    view = changes_view(ds, None, None)
    assert (view.since, view.until) == (dt.date(2025, 7, 19), dt.date(2025, 8, 16))
    assert dict(view.counts) == dict.fromkeys(
        (Kind.NEW, Kind.SHIFT, Kind.CONDITIONAL, Kind.RESTATED, Kind.JOINED, Kind.LEFT), 0
    ) | {Kind.NEW: 18}
    assert [e.after.position for e in view.entries if e.after is not None] == sorted(
        ds.positions,
        key=lambda p: (p.date, list(ds.actors).index(p.actor), list(ds.issues).index(p.issue)),
    )
    assert summary(view)[:2] == [
        ("2025-08-15", "new", "russia", "donbas"),
        ("2025-08-15", "new", "russia", "front_freeze"),
    ]


def test_trade2_over_its_whole_history() -> None:
    ds = loader.load(TRADE2)
    view = changes_view(ds, dt.date(2024, 1, 1), None)
    assert {k.value: n for k, n in view.counts.items() if n} == {
        "new": 12, "shift": 2, "joined": 1, "left": 1,
    }  # fmt: skip
    assert [e for e in summary(view) if e[1] != "new"] == [
        ("2024-05-01", "joined", "cote_divoire", None),
        ("2024-06-01", "shift", "eu", "tariffs"),
        ("2025-02-01", "shift", "eu", "tariffs"),
        ("2025-06-30", "left", "greece", None),
    ]
    left = view.entries[-1]
    assert [(i.id, c.stance) for i, c in left.withdrawn] == [
        ("quotas", Stance.OPPOSE),
        ("standards", Stance.SUPPORT),
    ]


def test_trade2_last_four_weeks() -> None:
    view = changes_view(loader.load(TRADE2), None, None)
    assert (view.since, view.until) == (dt.date(2025, 2, 1), dt.date(2025, 3, 1))
    assert summary(view) == [
        ("2025-02-01", "shift", "eu", "tariffs"),
        ("2025-03-01", "new", "mercosur", "standards"),
    ]
    assert view.entries[0].fields == ("stance", "summary", "evidence", "salience")


# --- against an older file -----------------------------------------------------------


def test_against_an_older_draft_of_trade2() -> None:
    old, new = loader.load(OLD), loader.load(TRADE2)
    view = against_view(old, new)
    assert (view.title, view.against) == (
        "Farm trade talks (invented test data)",
        "Farm trade talks (draft)",
    )
    assert dict(view.counts) == {Kind.ADDED: 1, Kind.REMOVED: 3, Kind.EDITED: 3}
    assert [(*s, e.fields) for s, e in zip(summary(view), view.entries, strict=True)] == [
        ("2024-01-10", "removed", "eu", "subsidies", ()),
        ("2024-01-10", "edited", "mercosur", "quotas", ("salience",)),
        ("2024-02-01", "removed", "turkey", "tariffs", ()),
        ("2024-02-20", "edited", "egypt", "tariffs", ("evidence",)),
        ("2024-03-05", "removed", "kazakhstan", "quotas", ()),
        ("2025-02-01", "edited", "eu", "tariffs", ("stance", "summary")),
        ("2025-03-01", "added", "mercosur", "standards", ()),
    ]

    def shown(cell: object) -> str:
        if cell is None:
            return "absent"
        from positions.views import Cell

        assert isinstance(cell, Cell)
        return cell.stance.id if cell.stance else "party" if cell.party else "not a party"

    assert [(m.actor.id, m.issue.id, shown(m.before), shown(m.after)) for m in view.moved] == [
        ("eu", "tariffs", "neutral", "support"),
        ("eu", "subsidies", "support", "absent"),
        ("mercosur", "standards", "party", "support"),
        ("kazakhstan", "quotas", "oppose", "party"),
        ("greece", "quotas", "oppose", "not a party"),
        ("greece", "standards", "support", "not a party"),
        ("turkey", "tariffs", "support", "absent"),
    ]
    assert [a.id for a in view.actors_added] == ["observer"]
    assert [a.id for a in view.actors_removed] == ["turkey"]
    assert (view.issues_added, [i.id for i in view.issues_removed]) == ((), ["subsidies"])


def test_what_only_the_old_file_has_renders_by_its_old_name() -> None:
    shown = text(against_view(loader.load(OLD), loader.load(TRADE2)), 80)
    assert "  2024-02-01  Türkiye on Tariff cuts\n" in shown
    assert "Actors removed: Türkiye (turkey)\n" in shown
    assert "Issues removed: Farm subsidies (subsidies)\n" in shown
    assert "European Union   Farm subsidies   +  support    not in the file\n" in shown


def test_against_narrowed_to_actors_and_issues() -> None:
    view = against_view(loader.load(OLD), loader.load(TRADE2), ["eu"], ["tariffs"])
    assert summary(view) == [("2025-02-01", "edited", "eu", "tariffs")]
    assert [(m.actor.id, m.issue.id) for m in view.moved] == [("eu", "tariffs")]
    assert (view.actors_added, view.actors_removed, view.issues_removed) == ((), (), ())


def test_the_same_file_against_itself_changed_nothing() -> None:
    ds = loader.load(TRADE2)
    view = against_view(ds, ds)
    assert (view.entries, view.moved, view.actors_added, view.issues_removed) == ((), (), (), ())
    assert "The two files hold the same positions, actors and issues." in text(view, 80)


def test_two_positions_of_a_pair_on_one_day_match_in_file_order() -> None:
    first, second = pos("a", "x", 1, day(1)), pos("a", "x", 2, day(1))
    view = against_view(dataset([first]), dataset([first, second]))
    assert summary(view) == [("2025-01-01", "added", "a", "x")]
    assert view.entries[0].after is not None
    assert view.entries[0].after.position == second


# --- untrusted text ----------------------------------------------------------------------


def test_data_text_is_never_markup_nor_a_control_sequence() -> None:
    hostile = "[bold red]boom[/] \x1b[2J\u202eevil"
    ds = Dataset(
        hostile,
        {"a": Actor("a", hostile)},
        {"x": Issue("x", hostile, "?")},
        {"src": Source("src", hostile, "https://e.org/[x]")},
        (
            Position(
                "a", "x", Stance.SUPPORT, hostile, (Evidence("src", hostile, hostile),), day(1)
            ),
        ),
    )
    shown = text(changes_view(ds, None, None), 80)
    assert "\x1b" not in shown
    assert "\u202e" not in shown
    assert "[bold red]boom[/]" in shown
    assert "\\x1b[2J" in shown


# --- properties ----------------------------------------------------------------------------

DAYS = st.integers(0, 60)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """Three actors (C with an optional window), two issues, positions inside the windows
    and one per pair a day, as the loader allows."""
    start = draw(st.none() | DAYS)
    end = draw(st.none() | DAYS)
    if start is not None and end is not None and end < start:
        start, end = end, start
    window = None if start is None and end is None else Window(
        None if start is None else day(1) + dt.timedelta(start),
        None if end is None else day(1) + dt.timedelta(end),
    )  # fmt: skip
    raw = draw(
        st.lists(
            st.tuples(
                st.sampled_from("abc"), st.sampled_from("xy"), DAYS, st.integers(-2, 2),
                st.booleans(),
            ),
            max_size=14,
            unique_by=lambda t: (t[0], t[1], t[2]),
        )
    )  # fmt: skip
    positions = [
        pos(a, i, s, day(1) + dt.timedelta(d), conditions=IF_Y if c and i == "x" else ())
        for a, i, d, s, c in raw
    ]
    kept = [p for p in positions if p.actor != "c" or window is None or window.holds(p.date)]
    return dataset(kept, {"c": window} if window is not None else None)


POSITION_KINDS = {Kind.NEW, Kind.SHIFT, Kind.CONDITIONAL, Kind.RESTATED}


@settings(max_examples=examples(300))
@given(datasets(), DAYS, DAYS)
def test_every_position_dated_in_the_window_appears_exactly_once(
    ds: Dataset, a: int, b: int
) -> None:
    since, until = sorted((day(1) + dt.timedelta(a), day(1) + dt.timedelta(b)))
    view = changes_view(ds, since, until)
    listed = Counter(
        e.after.position for e in view.entries if e.kind in POSITION_KINDS and e.after is not None
    )
    assert listed == Counter(p for p in ds.positions if since <= p.date <= until)
    assert all(since <= e.date <= until for e in view.entries)
    assert [e.date for e in view.entries] == sorted(e.date for e in view.entries)


@settings(max_examples=examples(300))
@given(datasets())
def test_a_window_over_everything_lists_every_position_and_every_shift(ds: Dataset) -> None:
    view = changes_view(ds, dt.date.min, None)
    positions = [e for e in view.entries if e.kind in POSITION_KINDS]
    assert len(positions) == len(ds.positions)
    assert sum(e.kind is Kind.NEW for e in positions) == len(ds.histories)
    shifts = [
        (e.actor.id, e.issue.id, e.before.position, e.after.position)
        for e in view.entries
        if e.kind is Kind.SHIFT and e.issue and e.before and e.after
    ]
    assert shifts == [tuple(s) for s in analysis.shifts(ds)]


@settings(max_examples=examples(200))
@given(datasets())
def test_a_file_against_itself_is_empty(ds: Dataset) -> None:
    view = against_view(ds, ds)
    assert (view.entries, view.moved) == ((), ())
    assert (view.actors_added, view.actors_removed) == ((), ())
    assert (view.issues_added, view.issues_removed) == ((), ())
    assert set(view.counts.values()) == {0}


def _keys(view: ChangesView, kind: Kind) -> Counter[tuple[object, ...]]:
    return Counter(
        (e.date, e.actor.id, e.issue.id if e.issue else None)
        for e in view.entries
        if e.kind is kind
    )


@settings(max_examples=examples(200))
@given(datasets(), datasets())
def test_swapping_the_files_swaps_added_and_removed(old: Dataset, new: Dataset) -> None:
    forth, back = against_view(old, new), against_view(new, old)
    assert _keys(forth, Kind.ADDED) == _keys(back, Kind.REMOVED)
    assert _keys(forth, Kind.REMOVED) == _keys(back, Kind.ADDED)
    assert _keys(forth, Kind.EDITED) == _keys(back, Kind.EDITED)
    assert [(e.before, e.after) for e in forth.entries if e.kind is Kind.EDITED] == [
        (e.after, e.before) for e in back.entries if e.kind is Kind.EDITED
    ]
    assert {(m.actor.id, m.issue.id) for m in forth.moved} == {
        (m.actor.id, m.issue.id) for m in back.moved
    }
    assert (forth.actors_added, forth.issues_added) == (back.actors_removed, back.issues_removed)


@settings(max_examples=examples(200))
@given(datasets(), st.data())
def test_dropping_one_position_removes_exactly_it(ds: Dataset, data: st.DataObject) -> None:
    if not ds.positions:
        return
    gone = data.draw(st.sampled_from(ds.positions))
    smaller = dataset([p for p in ds.positions if p != gone], {
        a.id: a.active for a in ds.actors.values() if a.active is not None
    })  # fmt: skip
    view = against_view(ds, smaller)
    assert [(e.kind, e.before.position if e.before else None) for e in view.entries] == [
        (Kind.REMOVED, gone)
    ]


# --- golden text and JSON ------------------------------------------------------------------


def _bundled() -> ChangesView:
    return changes_view(loader.load(datafile.bundled_path()), None, None)


CASES: dict[str, Callable[[], ChangesView]] = {
    "changes": _bundled,
    "changes-trade2": lambda: changes_view(loader.load(TRADE2), None, None),
    "changes-trade2-all": lambda: changes_view(loader.load(TRADE2), dt.date(2024, 1, 1), None),
    "changes-trade2-empty": lambda: changes_view(
        loader.load(TRADE2), dt.date(2025, 4, 1), dt.date(2025, 5, 31)
    ),
    "changes-against": lambda: against_view(loader.load(OLD), loader.load(TRADE2)),
}


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", list(CASES))
def test_golden_text(name: str, width: int, golden: Callable[[str, str], None]) -> None:
    shown = text(CASES[name](), width)
    assert max(len(line) for line in shown.splitlines()) <= width
    assert [line for line in shown.splitlines() if line.endswith(" ")] == []
    golden(f"{name}-{width}.txt", shown)


@pytest.mark.parametrize("name", list(CASES))
def test_golden_json(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"{name}.json", json_text(CASES[name]()))


def test_the_json_keys() -> None:
    doc = render.as_json(CASES["changes-trade2-all"]())
    assert list(doc) == [
        "title", "against", "since", "until", "recent_days", "span", "counts", "changes",
        "moved", "actors_added", "actors_removed", "issues_added", "issues_removed",
    ]  # fmt: skip
    assert doc["counts"] == {
        "new": 12, "shift": 2, "conditional": 0, "restated": 0, "joined": 1, "left": 1,
    }  # fmt: skip
    assert (doc["since"], doc["until"], doc["recent_days"]) == ("2024-01-01", None, None)
    entry = doc["changes"][8]
    assert list(entry) == [
        "kind", "date", "actor", "actor_name", "issue", "issue_title", "before", "after",
        "fields", "withdrawn",
    ]  # fmt: skip
    assert (entry["kind"], entry["before"]["stance"], entry["after"]["stance"]) == (
        "shift", "oppose", "neutral",
    )  # fmt: skip
    left = doc["changes"][-1]
    assert [(w["issue"], w["stance"], w["date"]) for w in left["withdrawn"]] == [
        ("quotas", "oppose", "2024-06-01"),
        ("standards", "support", "2024-06-01"),
    ]
    assert render.as_json(_bundled())["recent_days"] == RECENT_DAYS


CONDITIONAL_SHIFT = """format: 2
title: A conditional shift
sources:
  s: {name: S}
actors:
  a: {name: Aland}
issues:
  i: {title: Eye, question: Is it?}
  j: {title: Jay, question: Is it too?}
positions:
  - {actor: a, issue: i, stance: support, summary: Yes., source: s, date: 2024-01-01}
  - actor: a
    issue: i
    stance: neutral
    summary: Only if Jay fails.
    source: s
    conditions: [{issue: j, outcome: rejected}]
    date: 2024-02-01
  - {actor: a, issue: j, stance: oppose, summary: No., source: s, date: 2024-01-01}
  - {actor: a, issue: j, stance: support, summary: Now yes., source: s, date: 2024-02-01}
"""


def test_a_shift_into_a_condition_says_it_is_no_longer_counted(tmp_path: Path) -> None:
    """Every brief says what the terminal's `changes` says: a stance that became
    conditional is no longer counted (a memo reader would think it simply moved)."""
    from typer.testing import CliRunner

    from positions.cli import app

    path = tmp_path / "c.yaml"
    path.write_text(CONDITIONAL_SHIFT, encoding="utf-8")

    def run(*args: str) -> str:
        result = CliRunner().invoke(app, ["--data", str(path), *args], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.stderr
        return result.stdout

    said = "support → neutral (now conditional: no longer counted)"
    assert f"- 2024-02-01 **Aland on Eye**: {said}" in run("export", "-f", "md").splitlines()
    assert f"<strong><bdi>Aland on Eye</bdi></strong>: {said}" in run("export", "-f", "html")
    brief = run("brief")
    assert "+  support -> 0| neutral (now conditional: no longer counted)" in brief
    assert "(positions changes): 2 shifts" in brief
    assert "now conditional: no longer counted" in run("changes")
    assert "  Aland: neutral on Eye, only if Jay is rejected\n" in run("trades")
