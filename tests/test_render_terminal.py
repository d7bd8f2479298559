"""Terminal layout rules that golden files at 80 and 120 columns do not reach, and the
40-column goldens: every layout wraps, shortens with a mark or stacks, never crops."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from positions import datafile, loader, views
from positions.cli import app
from positions.model import Dataset, Issue, Position, label_of
from positions.render import terminal
from tests.test_commands import CASES, run

TRADE = Path(__file__).parent / "data" / "trade.yaml"


def lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return [line.rstrip() for line in out.splitlines()]


def issue(id_: str, title: str) -> Issue:
    return Issue(id_, title, "?")


def test_compare_wraps_a_long_title_with_its_stances_on_the_first_line() -> None:
    ds = loader.load(datafile.bundled_path())
    shown = lines(terminal.compare(views.compare_view(ds), 40), 40)
    first = shown.index("Borders and        --   ++    contested")
    assert shown[first + 1 : first + 3] == ["territorial", "integrity"]


def test_no_line_ends_in_a_space_on_either_path_of_the_table() -> None:
    """FastTable draws plain rows itself and hands a styled row to rich: both trimmed."""
    ds = loader.load(datafile.bundled_path())
    view = views.issues_view(ds)
    table = terminal._table("A", "B")
    table.add_row("x", "y", style="bold")  # a row style: rich's own path
    table.add_row("a long cell", "y")
    for renderable in (terminal.issues(view), terminal._view(table)):
        console = Console(width=80, file=io.StringIO(), color_system=None)
        console.print(renderable)
        out = console.file.getvalue()  # type: ignore[attr-defined]
        assert [line for line in out.splitlines() if line.endswith(" ")] == []
        assert "Issue  " in out or "a long cell" in out


@pytest.mark.parametrize("width", [40, 50, 60])
def test_alignment_splits_rather_than_overflowing(width: int) -> None:
    ds = loader.load(TRADE)
    shown = lines(terminal.alignment(views.alignment_view(ds), width), width)
    assert max(len(line) for line in shown) <= width
    assert any(line.startswith(("Columns 1-", "Column 1 of")) for line in shown)
    assert sum(line.startswith("observer ") for line in shown) >= 2  # every part, every row


def test_compare_with_a_subset_says_status_counts_only_them() -> None:
    ds = loader.load(datafile.bundled_path())
    view = views.compare_view(ds, actors=["russia", "united_states"])
    assert lines(terminal.compare(view, 80), 80)[-1] == "Status counts only the actors shown."
    everyone = views.compare_view(ds)
    assert "Status counts only the actors shown." not in lines(terminal.compare(everyone, 80), 80)


def test_alignment_of_many_actors_lists_pairs_instead_of_a_matrix() -> None:
    import datetime as dt

    from positions.model import Actor, Evidence, Source, Stance

    count = terminal.MATRIX_LIMIT + 1
    actors = {f"a{n:02}": Actor(f"a{n:02}", f"Actor {n:02}") for n in range(count)}
    stances = [Stance.SUPPORT, Stance.OPPOSE]
    positions = tuple(
        Position(a, "x", stances[n % 2], "s", (Evidence("src"),), dt.date(2025, 1, 1))
        for n, a in enumerate(actors)
    )
    ds = Dataset("t", actors, {"x": issue("x", "X")}, {"src": Source("src", "S")}, positions)
    shown = lines(terminal.alignment(views.alignment_view(ds), 80), 80)
    assert shown[1] == (
        f"{count} actors make a {count} x {count} matrix: the closest and the most distant "
        "pairs follow;"
    )
    closest = shown.index("Closest pairs")
    assert shown[closest + 1] == "  1.00/1  Actor 00 and Actor 02"
    distant = shown.index("Most distant pairs")
    assert shown[distant + 1] == "  0.50/1  Actor 00 and Actor 01"
    assert len(shown[closest + 1 : distant]) == terminal.PAIRS_SHOWN


# --- every command at every width -----------------------------------------------------------

# The default data, and the format-2 fixture's views that carry marks and records.
NARROW_2 = ("trade2-show", "trade2-compare", "trade2-diff-not-a-party", "trade2-history")
DEFAULT_CASES = [case for case in CASES if "--data" not in case[1] or case[0] in NARROW_2]
WIDTHS = [20, 40, 80, 200]


@pytest.mark.parametrize(("name", "args"), DEFAULT_CASES, ids=[c[0] for c in DEFAULT_CASES])
def test_golden_tables_at_40_columns(
    name: str, args: list[str], golden: Callable[[str, str], None]
) -> None:
    text = run(args, 40)
    assert "\x1b" not in text
    assert max(cell_len(line) for line in text.splitlines()) <= 40
    golden(f"{name}-40.txt", text)


def _shown(command: str) -> tuple[list[str], list[str]]:
    """What `command` shows of the default data: texts every word of which must be in
    the output, and marks (stance symbols, labels) that must each be a word of it."""
    ds = loader.load(datafile.bundled_path())
    names = [a.name for a in ds.actors.values()]
    titles = [i.title for i in ds.issues.values()]
    if command == "issues":
        view = views.issues_view(ds)
        return [*titles, *(r.issue.id for r in view.rows)], [r.status.value for r in view.rows]
    if command == "actors":
        aliases = [alias for a in ds.actors.values() for alias in a.aliases]
        return [*names, *ds.actors, *aliases], []
    if command == "show":
        show = views.show_view(ds, "donbas")
        texts = [show.issue.title, show.issue.question, show.status.value]
        marks = []
        for cell in show.cells:
            texts += [cell.actor.name, label_of(cell.stance)]
            marks.append(terminal.symbol(cell.position, cell.party))
            if cell.position is not None:
                texts += _format_2_texts(cell.position, ds)
                if cell.conditions:
                    texts.append(terminal.conditions_text(cell.conditions))
        return texts, marks
    if command == "diff":
        diff = views.diff_view(ds, "russia", "ukraine")
        texts = [diff.a.name, diff.b.name]
        marks = []
        for row in diff.rows:
            texts += [row.issue.title, row.verdict.value]
            for position in (row.a, row.b):
                stance = None if position is None else position.stance
                texts.append(label_of(stance))
                marks.append(terminal.symbol(position))
        return texts, marks
    if command == "compare":
        compare = views.compare_view(ds)
        marks = [terminal.symbol(c.position, c.party) for row in compare.rows for c in row.cells]
        return [*titles, *names, *(r.status.value for r in compare.rows)], marks
    if command == "history":
        history = views.history_view(ds)
        texts, marks = [], []
        for e in history.entries:
            texts += [e.actor.name, e.issue.title, label_of(e.position.stance)]
            texts += _format_2_texts(e.position, ds)
            marks.append(terminal.symbol(e.position))
        return texts, marks
    if command == "deal":
        return [*titles, *names], []
    return names, []  # alignment (its key), brief


def _format_2_texts(p: Position, ds: Dataset) -> list[str]:
    """The texts a position's record shows: summary, note, every evidence item's quote,
    speaker and source."""
    texts = [p.summary, p.note or ""]
    for e in p.evidence:
        texts += [e.quote or "", e.speaker or "", ds.sources[e.source].name, e.url or ""]
    return texts


EVERY_COMMAND = [
    ["issues"],
    ["actors"],
    ["show", "donbas"],
    ["diff", "russia", "ukraine"],
    ["compare"],
    ["alignment"],
    ["deal"],
    ["history"],
    ["brief"],
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", EVERY_COMMAND, ids=lambda a: a[0])
def test_nothing_is_lost_at_any_width(args: list[str], width: int) -> None:
    """No line wider than the terminal or ending in a space, and every word of what the
    command shows is there: wrapping may move a word or fold it over two lines (hence
    the comparison without white space), never drop a character of it."""
    text = run(args, width)
    out = text.splitlines()
    assert max(cell_len(line) for line in out) <= width
    assert [line for line in out if line != line.rstrip()] == []
    joined = "".join(text.split())
    texts, marks = _shown(args[0])
    missing = [w for t in texts if t for w in t.split() if w not in joined]
    assert missing == []
    words = text.split()
    for mark in set(marks):
        # A stance symbol is a word of its own, each time it is shown: '++' never '+'.
        assert words.count(mark) >= marks.count(mark), mark


def test_show_at_40_columns_keeps_every_character_of_a_word() -> None:
    """The symptom of issue 14, item 13: 'centrepiece' was folded as 'centrep' / 'ece'."""
    result = CliRunner().invoke(
        app, ["show", "donbas"], env={"COLUMNS": "40", "NO_COLOR": "1"}, catch_exceptions=False
    )
    assert "centrepiece of any deal." in result.stdout
    assert "Russia  ++ strongly support\n" in result.stdout


def _styled(text: object) -> list[tuple[str, str]]:
    """Each run of `text` (a rich Text) with the style it is shown in, as rich renders it."""
    console = Console(width=300, force_terminal=True, color_system="standard")
    return [(s.text, str(s.style)) for s in console.render(text) if s.text.strip()]  # type: ignore[arg-type]


def test_a_deal_s_outlook_is_in_its_outcome_s_colour_with_its_blockers_bold() -> None:
    """`deal` and `brief` alike: the whole outlook in the outcome's colour, the blocker
    bold, the asides (what the rest would do, the linked issues) dimmed within it; a
    deal within reach in green."""
    ds = loader.load(datafile.bundled_path())
    rows = {r.issue.id: r for r in views.deal_view(ds).rows}
    donbas = rows["donbas"]
    text = terminal.outlook_text(
        donbas.outlook, donbas.cells, {i: ds.issues[i].title for i in ds.issues}
    )
    assert _styled(text) == [
        ("blocked by ", "bold yellow"),
        ("Russia", "bold yellow"),
        (": the rest would reject", "bold dim yellow"),
        ("; linked to Freeze in the south", "bold dim yellow"),
    ]
    peace = rows["peace_agreement"]
    text = terminal.outlook_text(peace.outlook, peace.cells, {})
    assert _styled(text) == [("within reach: adopt", "bold green")]


def test_a_brief_draws_the_first_lines_of_each_section_and_counts_the_rest() -> None:
    """Only the lines a section shows are drawn (a roll call has 6,000 contested
    issues), and its "and N more" still counts every one."""
    from tests.factories import dataset, pos

    agreed = [pos(a, f"agreed{n}", 1) for n in range(9) for a in "abcd"]
    split = [pos(a, f"split{n}", -1 if a == "d" else 1) for n in range(8) for a in "abcd"]
    view = views.brief_view(dataset(agreed + split))
    shown = lines(terminal.brief(view), 100)

    def section(heading: str) -> list[str]:
        start = next(n for n, line in enumerate(shown) if line.startswith(heading)) + 1
        end = next(n for n in range(start, len(shown)) if not shown[n].startswith(" "))
        return shown[start:end]

    assert section("Consensus") == [
        *(f"  - Agreed{n}: A, B, C and D support" for n in range(5)),
        "    and 4 more (positions issues)",
    ]
    assert section("Contested") == [
        *(f"  - Split{n}: A, B and C for; D against; likely landing +1 support (pivot B)"
          for n in range(5)),
        "    and 3 more (positions issues)",
    ]  # fmt: skip
    assert section("Deal within reach") == [
        *(f"  - Split{n}: blocked by D: the rest would adopt" for n in range(5)),
        "    and 3 more (positions deal)",
    ]
