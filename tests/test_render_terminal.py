"""Terminal layout rules that golden files at 80 and 120 columns do not reach."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from positions import datafile, loader, views
from positions.model import Issue
from positions.render import terminal

TRADE = Path(__file__).parent / "data" / "trade.yaml"


def lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return [line.rstrip() for line in out.splitlines()]


def issue(id_: str, title: str) -> Issue:
    return Issue(id_, title, "?")


def test_issue_labels_keep_titles_that_stay_distinct_when_cut() -> None:
    issues = [issue("a", "Tariff cuts on beef"), issue("b", "Quotas")]
    assert terminal.issue_labels(issues, 10) == (["Tariff cuts on beef", "Quotas"], False)


def test_issue_labels_fall_back_to_ids_then_numbers() -> None:
    same_start = [issue("phase_one", "Framework, phase one"), issue("phase_two", "Framework, two")]
    assert terminal.issue_labels(same_start, 12) == (["phase_one", "phase_two"], True)
    assert terminal.issue_labels(same_start, 8) == (["1", "2"], True)


@pytest.mark.parametrize("width", [40, 50, 60])
def test_alignment_splits_rather_than_overflowing(width: int) -> None:
    ds = loader.load(TRADE)
    shown = lines(terminal.alignment(views.alignment_view(ds), width), width)
    assert max(len(line) for line in shown) <= width
    assert any(line.startswith("Columns 1-") for line in shown)
    assert sum(line.startswith("OD ") for line in shown) >= 2  # every part has every row


def test_compare_with_a_subset_says_status_counts_only_them() -> None:
    ds = loader.load(datafile.bundled_path())
    view = views.compare_view(ds, actors=["russia", "united_states"])
    assert lines(terminal.compare(view, 80), 80)[-1] == "Status counts only the actors shown."
    everyone = views.compare_view(ds)
    assert "Status counts only the actors shown." not in lines(terminal.compare(everyone, 80), 80)


def test_alignment_of_many_actors_lists_pairs_instead_of_a_matrix() -> None:
    import datetime as dt

    from positions.model import Actor, Dataset, Position, Source, Stance

    count = terminal.MATRIX_LIMIT + 1
    actors = {f"a{n:02}": Actor(f"a{n:02}", f"Actor {n:02}") for n in range(count)}
    stances = [Stance.SUPPORT, Stance.OPPOSE]
    positions = tuple(
        Position(a, "x", stances[n % 2], "s", "src", dt.date(2025, 1, 1))
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
