"""The bundled data set: faithful to its source article, complete, and valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from positions import datafile, loader
from positions.model import Dataset

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return loader.load(datafile.bundled_path())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_five_parties_are_present(ds: Dataset) -> None:
    assert list(ds.actors) == ["russia", "ukraine", "united_states", "european_allies", "canada"]


def test_the_issues_the_article_reports_are_present(ds: Dataset) -> None:
    assert list(ds.issues) == [
        "donbas",
        "front_freeze",
        "peace_agreement",
        "nato",
        "security_guarantees",
        "borders",
        "sanctions",
        "european_seat",
    ]


def test_every_issue_has_a_yes_no_question(ds: Dataset) -> None:
    for issue in ds.issues.values():
        assert issue.question.endswith("?"), issue.id


def test_every_position_has_a_known_source_and_a_date_around_the_summit(ds: Dataset) -> None:
    for p in ds.positions:
        assert p.source in ds.sources
        assert "2025-08-14" <= p.date.isoformat() <= "2025-08-17", p


def test_the_summit_day_positions_are_russias(ds: Dataset) -> None:
    on_the_day = {(p.actor, p.issue) for p in ds.positions if p.date.isoformat() == "2025-08-15"}
    assert on_the_day == {("russia", "donbas"), ("russia", "front_freeze")}


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed article (../shared/seed) is not here")
def test_every_quote_is_verbatim_in_the_article(ds: Dataset) -> None:
    article = _squash(" ".join(p.read_text("utf-8") for p in sorted(SEED.glob("*.txt"))))
    quotes = [p.quote for p in ds.positions if p.quote]
    assert len(quotes) == 4
    for quote in quotes:
        assert _squash(quote) in article, quote


def test_the_one_shift_the_article_reports_is_recorded(ds: Dataset) -> None:
    history = ds.histories["united_states", "peace_agreement"]
    assert [(p.date.isoformat(), p.stance.id) for p in history] == [
        ("2025-08-14", "oppose"),
        ("2025-08-16", "strongly_support"),
    ]
    multi = [key for key, h in ds.histories.items() if len(h) > 1]
    assert multi == [("united_states", "peace_agreement")]
