"""The bundled data set: faithful to its source article, complete, and valid.

Each judgement call of the file's header is pinned here with exact values, so
changing one is a reviewed change to this file too.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from positions import analysis, datafile, loader
from positions.cli import app
from positions.model import LONG_STANDING, Basis, Condition, Dataset, Evidence

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
ARTICLE = SEED / "000_9a75728d40761010.txt"
needs_seed = pytest.mark.skipif(
    not ARTICLE.is_file(), reason="the seed article (../shared/seed) is not here"
)
SUMMIT = dt.date(2025, 8, 15)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return loader.load(datafile.bundled_path())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _evidence(ds: Dataset) -> list[Evidence]:
    return [item for p in ds.positions for item in p.evidence]


def test_the_five_parties_are_present(ds: Dataset) -> None:
    assert [(a.id, a.short) for a in ds.actors.values()] == [
        ("russia", "RU"),
        ("ukraine", "UA"),
        ("united_states", "US"),
        ("european_allies", "Europe"),
        ("canada", "CA"),
    ]


def test_capability_and_groups_are_left_out(ds: Dataset) -> None:
    """The article gives no measure of power, and names no grouping that holds."""
    assert [a.capability for a in ds.actors.values()] == [None] * 5
    assert dict(ds.groups) == {}


def test_the_issues_the_article_reports_are_present(ds: Dataset) -> None:
    assert {i.id: i.tags for i in ds.issues.values()} == {
        "donbas": ("territory",),
        "front_freeze": ("territory",),
        "peace_agreement": ("process",),
        "nato": ("security",),
        "security_guarantees": ("security",),
        "borders": ("territory",),
        "sanctions": ("pressure",),
        "european_seat": ("process",),
    }
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


def test_the_positions_the_article_supports(ds: Dataset) -> None:
    """Every stance, in file order: what the article says and nothing else."""
    assert [(p.actor, p.issue, p.stance.id) for p in ds.positions] == [
        ("russia", "donbas", "strongly_support"),
        ("russia", "front_freeze", "support"),
        ("russia", "peace_agreement", "support"),
        ("russia", "nato", "strongly_oppose"),
        ("russia", "borders", "strongly_oppose"),
        ("ukraine", "donbas", "strongly_oppose"),
        ("ukraine", "nato", "support"),
        ("ukraine", "borders", "strongly_support"),
        ("ukraine", "security_guarantees", "strongly_support"),
        ("united_states", "donbas", "support"),
        ("united_states", "peace_agreement", "strongly_support"),
        ("united_states", "security_guarantees", "support"),
        ("european_allies", "donbas", "strongly_oppose"),
        ("european_allies", "borders", "strongly_support"),
        ("european_allies", "nato", "strongly_support"),
        ("european_allies", "sanctions", "support"),
        ("european_allies", "european_seat", "support"),
        ("canada", "security_guarantees", "strongly_support"),
    ]


def test_every_source_is_known_used_and_credited_by_the_article(ds: Dataset) -> None:
    used = {item.source for item in _evidence(ds)}
    assert used == set(ds.sources)
    assert {s.id: s.name for s in ds.sources.values()} == {
        "explainer": "Donbas explainer (outlet not named)",
        "guardian": "The Guardian",
        "nyt": "The New York Times",
        "reuters": "Reuters",
        "truth_social": "Truth Social (Donald Trump's post)",
    }
    # The data file ships in the package: no path to a local copy in it.
    assert [s.file for s in ds.sources.values()] == [None] * 5


def test_every_position_is_dated_on_the_summit_or_the_day_after(ds: Dataset) -> None:
    assert {p.date for p in ds.positions} == {SUMMIT, dt.date(2025, 8, 16)}
    on_the_day = {(p.actor, p.issue) for p in ds.positions if p.date == SUMMIT}
    assert on_the_day == {("russia", "donbas"), ("russia", "front_freeze")}


def test_one_position_per_actor_and_issue(ds: Dataset) -> None:
    """The article describes no change of stance: no history has two entries."""
    assert [key for key, history in ds.histories.items() if len(history) > 1] == []


def test_no_two_issues_hold_the_same_stances(ds: Dataset) -> None:
    """One fact, one position: the Donbas-for-freeze offer is not modelled twice.

    Two issues do share a column, with one party in it: the Europeans back fresh
    sanctions (Starmer) and a seat at the White House (Germany's foreign minister),
    two statements by two people, not one fact twice."""
    columns: dict[tuple[object, ...], list[str]] = {}
    for issue in ds.issues:
        column = tuple((p.actor, p.stance, p.conditions) for p in ds.positions if p.issue == issue)
        columns.setdefault(column, []).append(issue)
    shared = [issues for issues in columns.values() if len(issues) > 1]
    assert shared == [["sanctions", "european_seat"]]


def test_donbas_for_freeze_is_one_conditional_package(ds: Dataset) -> None:
    conditional = {(p.actor, p.issue): p.conditions for p in ds.positions if p.conditions}
    assert conditional == {
        ("russia", "front_freeze"): (Condition("donbas", adopted=True),),
        ("united_states", "donbas"): (Condition("front_freeze", adopted=True),),
    }
    # Nobody but Russia states a stance on the freeze: "the demand" that Kyiv and
    # its allies reject is the ceding of territory.
    assert [p.actor for p in ds.positions if p.issue == "front_freeze"] == ["russia"]
    assert [e.source for e in ds.histories["russia", "front_freeze"][0].evidence] == [
        "guardian",
        "reuters",
    ]


def test_the_us_peace_agreement_stance_is_the_post_alaska_one_only(ds: Dataset) -> None:
    (position,) = ds.histories["united_states", "peace_agreement"]
    assert (position.date, position.stance.id, position.basis) == (
        dt.date(2025, 8, 16),
        "strongly_support",
        Basis.REPORTED,
    )
    assert position.evidence == (
        Evidence(
            "truth_social",
            "The best way to end the horrific war … is to go directly to a Peace "
            "Agreement, and not a mere Ceasefire Agreement.",
            "Donald Trump",
        ),
        Evidence("reuters", speaker="Donald Trump"),
    )
    assert position.source == "truth_social"
    assert position.note is not None
    assert "shift" in position.note
    assert "without saying what it shifted from" in position.note


def test_the_bases_the_article_allows(ds: Dataset) -> None:
    assert {(p.actor, p.issue): p.basis for p in ds.positions if p.basis is not Basis.REPORTED} == {
        ("russia", "peace_agreement"): Basis.INFERRED,
        ("ukraine", "nato"): Basis.INDIRECT,
        ("united_states", "security_guarantees"): Basis.INDIRECT,
        ("european_allies", "european_seat"): Basis.INFERRED,
    }


@needs_seed
def test_every_position_not_reported_says_why_in_the_article_s_words(ds: Dataset) -> None:
    """A note quotes the sentence its reading rests on, verbatim."""
    article = _squash(ARTICLE.read_text("utf-8")).replace("’", "'")
    for p in ds.positions:
        if p.basis is Basis.REPORTED:
            continue
        assert p.note is not None, (p.actor, p.issue)
        quoted = re.findall(r'"([^"]+)"', p.note)
        assert quoted, (p.actor, p.issue)
        for text in quoted:
            assert _squash(text) in article, text


def test_red_lines_salience_and_long_standing_stances(ds: Dataset) -> None:
    assert [(p.actor, p.issue) for p in ds.positions if p.red_line] == [("ukraine", "donbas")]
    assert {(p.actor, p.issue): p.salience for p in ds.positions if p.salience is not None} == {
        ("russia", "donbas"): 1.0
    }
    assert {(p.actor, p.issue) for p in ds.positions if p.held_since is not None} == {
        ("russia", "nato"),
        ("russia", "borders"),
        ("ukraine", "donbas"),
        ("ukraine", "nato"),
        ("european_allies", "borders"),
    }
    assert {p.held_since for p in ds.positions if p.held_since is not None} == {LONG_STANDING}


def test_the_speakers_are_named_in_the_evidence_not_made_actors(ds: Dataset) -> None:
    speakers = {
        (p.actor, p.issue, item.speaker)
        for p in ds.positions
        for item in p.evidence
        if item.speaker is not None
    }
    assert speakers == {
        ("russia", "front_freeze", "Donald Trump"),
        ("ukraine", "donbas", "Volodymyr Zelenskyy"),
        ("ukraine", "security_guarantees", "Volodymyr Zelenskyy"),
        ("united_states", "donbas", "Donald Trump"),
        ("united_states", "peace_agreement", "Donald Trump"),
        ("european_allies", "sanctions", "Keir Starmer, Britain's prime minister"),
        ("european_allies", "european_seat", "Germany's foreign minister"),
        ("canada", "security_guarantees", "Mark Carney"),
    }


def test_as_of_the_summit_the_long_standing_stances_are_in_force(ds: Dataset) -> None:
    snap = analysis.snapshot(ds, as_of=SUMMIT)
    assert {key: p.stance.id for key, p in snap.items()} == {
        ("russia", "donbas"): "strongly_support",
        ("russia", "front_freeze"): "support",
        ("russia", "nato"): "strongly_oppose",
        ("russia", "borders"): "strongly_oppose",
        ("ukraine", "donbas"): "strongly_oppose",
        ("ukraine", "nato"): "support",
        ("european_allies", "borders"): "strongly_support",
    }


def test_ukraine_and_the_us_agree_on_guarantees_only(ds: Dataset) -> None:
    """By hand: they share donbas (-2 against +1) and security_guarantees (+2 against
    +1). The US donbas stance holds only with the freeze, so it is no unconditional
    stance and does not count; guarantees alone give 1 - 1/4 = 0.75."""
    snap = analysis.snapshot(ds)
    score = analysis.pair_agreement(snap, "ukraine", "united_states", list(ds.issues))
    assert score == analysis.PairScore(score=0.75, shared=1)
    matrix = analysis.agreement_matrix(snap, list(ds.actors), list(ds.issues))
    assert matrix["ukraine", "united_states"] == score
    # The guarantees are known only through Carney: reported positions alone share none.
    reported = analysis.snapshot(ds.reported_only())
    assert analysis.pair_agreement(
        reported, "ukraine", "united_states", list(ds.issues)
    ) == analysis.PairScore(score=None, shared=0)


@needs_seed
def test_every_quote_is_verbatim_in_the_article(ds: Dataset) -> None:
    article = _squash(ARTICLE.read_text("utf-8"))
    quotes = [item.quote for item in _evidence(ds) if item.quote]
    assert quotes == [
        "will never leave",
        "Donbas for the Russians is a springboard for a future new offensive",
        "The best way to end the horrific war … is to go directly to a Peace Agreement, "
        "and not a mere Ceasefire Agreement.",
        "essential to any just and lasting peace",
    ]
    for quote in quotes:
        assert _squash(quote) in article, quote


@needs_seed
def test_validate_check_quotes_against_the_seed_article(tmp_path: Path, ds: Dataset) -> None:
    """The article is our only text of every source, so each points to a copy of it."""
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    text = datafile.bundled_path().read_text("utf-8")
    for source in ds.sources:
        head = f"\n  {source}:\n"
        assert text.count(head) == 1, source
        text = text.replace(head, f"{head}    file: article.txt\n")
    data = tmp_path / "positions.yaml"
    data.write_text(text, "utf-8")
    result = CliRunner().invoke(
        app, ["--data", str(data), "--no-cache", "validate", "--check-quotes"],
        catch_exceptions=False,
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 5 actors, 8 issues, 18 positions")
