"""Every read command, for people (golden tables) and for scripts (JSON contract)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from positions.cli import app

runner = CliRunner()
DATA = Path(__file__).parent / "data"
TRADE = str(DATA / "trade.yaml")
TRADE2 = str(DATA / "trade2.yaml")  # format 2, every field

# (golden name, arguments): each is rendered at 80 and 120 columns, colour off.
CASES = [
    ("issues", ["issues"]),
    ("actors", ["actors"]),
    ("show-donbas", ["show", "donbas"]),
    ("show-donbas-as-of", ["show", "donb", "--as-of", "2025-08-15"]),
    ("diff-russia-ukraine", ["diff", "russia", "ukraine"]),
    ("compare", ["compare"]),
    ("compare-some", ["compare", "--actors", "russia,ukraine,us", "--issues", "donbas,nato"]),
    ("alignment", ["alignment"]),
    ("alignment-ukraine", ["alignment", "ukraine"]),
    ("alignment-k", ["alignment", "--coalitions", "2", "--min-shared", "1"]),
    ("diff-unweighted", ["diff", "russia", "us", "--unweighted"]),
    ("diff-by-month", ["diff", "ukraine", "europe", "--by", "month"]),
    ("deal", ["deal"]),
    ("landing", ["landing"]),
    ("trades", ["trades"]),
    ("history", ["history"]),
    ("brief", ["brief"]),
    ("trade-issues", ["issues", "--data", TRADE]),
    ("trade-actors", ["actors", "--data", TRADE]),
    ("trade-show", ["show", "tariffs", "--data", TRADE]),
    ("trade-diff", ["diff", "EU", "mercosul", "--data", TRADE]),
    ("trade-compare", ["compare", "--data", TRADE]),
    ("trade-alignment", ["alignment", "--data", TRADE]),
    ("trade-deal", ["deal", "--data", TRADE]),
    ("trade-history", ["history", "brussels", "--data", TRADE]),
    ("trade-brief", ["brief", "--data", TRADE]),
    # Format 2: marks, notes, conditions, evidence, windows, groups (tests/data/trade2.yaml).
    ("trade2-issues", ["issues", "--data", TRADE2]),
    ("trade2-actors", ["actors", "--data", TRADE2]),
    ("trade2-show", ["show", "tariffs", "--data", TRADE2]),
    ("trade2-show-standards", ["show", "standards", "--data", TRADE2]),
    ("trade2-show-quotas-as-of", ["show", "quotas", "--as-of", "2024-03-01", "--data", TRADE2]),
    ("trade2-diff", ["diff", "EU", "mercosul", "--data", TRADE2]),
    ("trade2-diff-not-a-party", ["diff", "EU", "greece", "--data", TRADE2]),
    ("trade2-compare", ["compare", "--data", TRADE2]),
    ("trade2-alignment", ["alignment", "--data", TRADE2]),
    ("trade2-deal", ["deal", "--data", TRADE2]),
    ("trade2-alignment-eu", ["alignment", "eu", "--min-shared", "1", "--data", TRADE2]),
    ("trade2-diff-by-year", ["diff", "eu", "mercosur", "--by", "year", "--data", TRADE2]),
    ("trade2-landing", ["landing", "--data", TRADE2]),
    ("trade2-landing-as-of", ["landing", "--as-of", "2025-03-01", "--data", TRADE2]),
    ("trade2-trades", ["trades", "--data", TRADE2]),
    ("trade2-trades-as-of", ["trades", "--as-of", "2024-05-31", "--data", TRADE2]),
    ("trade2-history", ["history", "--data", TRADE2]),
    ("trade2-brief", ["brief", "--data", TRADE2]),
]


def run(args: list[str], columns: int = 80) -> str:
    result = runner.invoke(
        app, args, env={"COLUMNS": str(columns), "NO_COLOR": "1"}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden_tables(
    name: str, args: list[str], columns: int, golden: Callable[[str, str], None]
) -> None:
    text = run(args, columns)
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= columns
    golden(f"{name}-{columns}.txt", text)


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden_json(name: str, args: list[str], golden: Callable[[str, str], None]) -> None:
    text = run([*args, "--json"])
    json.loads(text)
    golden(f"{name}.json", text)


def as_json(args: list[str]) -> Any:
    return json.loads(run([*args, "--json"]))


def test_issues_json_contract() -> None:
    rows = as_json(["issues"])
    assert [set(r) for r in rows] == [{"id", "title", "question", "tags", "status", "stated"}] * 8
    assert rows[0] == {
        "id": "donbas",
        "title": "Donbas territory",
        "question": "Should Ukraine withdraw from the parts of Donetsk and Luhansk it still holds?",
        "tags": ["territory"],
        "status": "contested",
        "stated": 4,  # the United States' conditional stance is stated, not counted
    }
    assert [r["status"] for r in rows] == [
        "contested", "open", "consensus", "contested",
        "consensus", "contested", "open", "open",
    ]  # fmt: skip
    # The freeze: Russia's offer alone, conditional on Donbas, so nothing to count.
    assert [r["stated"] for r in rows] == [4, 1, 2, 3, 3, 3, 1, 1]


def test_actors_json_contract() -> None:
    rows = as_json(["actors"])
    assert rows[2] == {
        "id": "united_states",
        "name": "United States",
        "aliases": ["US", "USA", "Washington", "Trump"],
        "short": "US",
        "capability": None,
        "active": None,
        "stated": 3,
        "groups": [],
    }
    assert [r["stated"] for r in rows] == [5, 4, 3, 5, 1]


def test_show_json_contract() -> None:
    doc = as_json(["show", "donbas"])
    assert set(doc) == {"as_of", "issue", "status", "positions", "sides"}
    assert doc["issue"]["id"] == "donbas"
    assert doc["status"] == "contested"
    assert doc["sides"] == {
        "support": ["russia"],
        "oppose": ["european_allies", "ukraine"],
        "neutral": [],
        "unstated": ["canada"],
        "conditional": ["united_states"],  # backs the plan only with the freeze
        "not_party": [],
    }
    by_actor = {p["actor"]: p for p in doc["positions"]}
    assert list(by_actor) == ["russia", "ukraine", "united_states", "european_allies", "canada"]
    assert by_actor["ukraine"]["stance"] == "strongly_oppose"
    assert by_actor["ukraine"]["score"] == -2
    assert by_actor["ukraine"]["quote"] == "will never leave"
    assert by_actor["ukraine"]["date"] == "2025-08-16"
    assert (by_actor["ukraine"]["red_line"], by_actor["ukraine"]["held_since"]) == (
        True,
        "long-standing",
    )
    assert [e["quote"] for e in by_actor["ukraine"]["evidence"]] == [
        "will never leave",
        "Donbas for the Russians is a springboard for a future new offensive",
    ]
    assert by_actor["united_states"]["conditions"] == [
        {"issue": "front_freeze", "outcome": "adopted"}
    ]
    assert by_actor["russia"]["salience"] == 1.0
    assert by_actor["canada"] == {
        "actor": "canada", "actor_name": "Canada", "stance": None, "score": None,
        "summary": None, "quote": None, "source": None, "source_name": None,
        "source_url": None, "date": None, "party": True, "basis": None, "note": None,
        "conditions": None, "salience": None, "red_line": None, "held_since": None,
        "evidence": None,
    }  # fmt: skip


def test_diff_json_contract() -> None:
    doc = as_json(["diff", "russia", "ukraine"])
    assert doc["a"] == "russia"
    assert doc["b"] == "ukraine"
    # Donbas 4 apart, NATO 3, borders 4: 1 - (11 / 3) / 4.
    assert doc["agreement"] == 0.0833
    assert doc["shared"] == 3
    assert doc["counts"] == {"agree": 0, "conflict": 3, "partial": 0, "unknown": 5}
    assert doc["issues"][:2] == [
        {
            "issue": "donbas",
            "a": "strongly_support",
            "b": "strongly_oppose",
            "verdict": "conflict",
            "conditional": [],
        },
        # Russia's offer of the freeze holds only if Donbas is ceded: not counted.
        {
            "issue": "front_freeze",
            "a": "support",
            "b": None,
            "verdict": "unknown",
            "conditional": ["russia"],
        },
    ]


def test_diff_of_a_pair_with_no_shared_issue_has_no_score() -> None:
    doc = as_json(["diff", "russia", "canada"])
    assert doc["agreement"] is None
    assert doc["shared"] == 0
    assert "Agreement: n/a over 0 shared issues" in run(["diff", "russia", "canada"])


def test_compare_json_contract() -> None:
    doc = as_json(["compare", "--actors", "russia,kyiv", "--issues", "donbas,sanctions"])
    assert doc == {
        "as_of": None,
        "actors": ["russia", "ukraine"],
        "issues": [
            {
                "id": "donbas",
                "status": "contested",
                "stances": {"russia": "strongly_support", "ukraine": "strongly_oppose"},
                "conditional": [],
                "not_party": [],
                "red_line": ["ukraine"],
                "indirect": [],
                "inferred": [],
            },
            {
                "id": "sanctions",
                "status": "open",
                "stances": {"russia": None, "ukraine": None},
                "conditional": [],
                "not_party": [],
                "red_line": [],
                "indirect": [],
                "inferred": [],
            },
        ],
        "sort": "file",
        "top": None,
        "left_out": 0,
    }
    freeze = as_json(["compare", "--issues", "front_freeze"])["issues"][0]
    assert (freeze["stances"]["russia"], freeze["conditional"]) == ("support", ["russia"])


def test_as_of_uses_positions_dated_on_or_before() -> None:
    before = as_json(["show", "peace", "--as-of", "2025-08-15"])
    after = as_json(["show", "peace", "--as-of", "2025-08-16"])
    us_before = next(p for p in before["positions"] if p["actor"] == "united_states")
    us_after = next(p for p in after["positions"] if p["actor"] == "united_states")
    assert (us_before["stance"], us_after["stance"]) == (None, "strongly_support")
    # Before the summit only the long-standing stances are in force: Ukraine's on
    # Donbas, Russia's and Ukraine's on NATO, Russia's and the Europeans' on borders.
    stated = {r["id"]: r["stated"] for r in as_json(["issues", "--as-of", "2025-08-13"])}
    assert {i: n for i, n in stated.items() if n} == {"donbas": 1, "nato": 2, "borders": 2}


def test_history_of_the_us_on_peace_is_one_position_with_its_note() -> None:
    """The article calls the US line a shift without saying from what: no earlier
    stance is recorded, so there is no shift, and the note says why."""
    doc = as_json(["history", "united states", "--issue", "peace"])
    assert doc["shifts"] == 0
    (entry,) = doc["positions"]
    assert (entry["date"], entry["stance"], entry["previous"], entry["shift"]) == (
        "2025-08-16",
        "strongly_support",
        None,
        False,
    )
    assert entry["note"].startswith("The article calls this post-Alaska line a shift")
    assert [(e["source"], e["speaker"]) for e in entry["evidence"]] == [
        ("truth_social", "Donald Trump"),
        ("reuters", "Donald Trump"),
    ]


def test_history_marks_each_shift() -> None:
    doc = as_json(["history", "brussels", "--issue", "tariffs", "--data", TRADE])
    assert doc["shifts"] == 2
    assert [(p["date"], p["stance"], p["previous"], p["shift"]) for p in doc["positions"]] == [
        ("2024-01-10", "oppose", None, False),
        ("2024-06-01", "neutral", "oppose", True),
        ("2025-02-01", "support", "neutral", True),
    ]


def test_deal_json_names_blockers_and_silent_parties() -> None:
    doc = as_json(["deal"])
    borders = next(i for i in doc["issues"] if i["issue"] == "borders")
    assert borders == {
        "issue": "borders",
        "outcome": "blocked",
        "spread": 4,
        "stated": ["russia", "ukraine", "european_allies"],
        "blockers": ["russia"],
        "silent": ["united_states", "canada"],
        "direction": "adopt",
        "blocks": [{"by": ["russia"], "direction": "adopt", "hard": []}],
        "linked": [],
    }
    donbas = next(i for i in doc["issues"] if i["issue"] == "donbas")
    # Russia's Donbas-for-freeze offer joins the two issues in one package.
    assert (donbas["outcome"], donbas["direction"], donbas["linked"]) == (
        "blocked", "reject", ["front_freeze"],
    )  # fmt: skip


def test_alignment_json() -> None:
    doc = as_json(["alignment"])
    assert doc["matrix"]["russia"]["ukraine"] == {"agreement": 0.0833, "shared": 3}
    assert doc["matrix"]["russia"]["canada"] == {"agreement": None, "shared": 0}
    # Ukraine and the Europeans are one step apart on NATO only: 1 - (1 / 3) / 4.
    assert doc["matrix"]["ukraine"]["european_allies"] == {"agreement": 0.9167, "shared": 3}
    # Russia and the US share the peace agreement only: the Donbas plan is conditional.
    assert doc["matrix"]["russia"]["united_states"] == {"agreement": 0.75, "shared": 1}
    # Some pairs share two issues, so two members must share two (`fewest_shared`):
    # Canada, which shares one issue with Ukraine and none with the allies, stays
    # out, and Russia and the US, sharing one, are not joined.
    assert doc["min_shared"] == 2
    assert doc["coalitions"] == [
        {"members": ["ukraine", "european_allies"], "cohesion": 0.9167, "mean": 0.9167},
        {"members": ["russia"], "cohesion": None, "mean": None},
        {"members": ["united_states"], "cohesion": None, "mean": None},
        {"members": ["canada"], "cohesion": None, "mean": None},
    ]
    assert doc["sweeping"] is False
    assert doc["groups"] == []  # the default data has none
    one = as_json(["alignment", "--min-shared", "1"])
    assert [c["members"] for c in one["coalitions"]] == [
        ["russia", "united_states"], ["ukraine", "canada"], ["european_allies"],
    ]  # fmt: skip
    two = as_json(["alignment", "--min-shared", "1", "--coalitions", "2"])
    assert [c["members"] for c in two["coalitions"]] == [
        ["russia", "united_states"], ["ukraine", "canada"], ["european_allies"],
    ]  # fmt: skip  # the allies share no issue with the US or Canada: no fewer groups


def test_alignment_of_one_actor_lists_its_partners_with_the_issues_behind() -> None:
    doc = as_json(["alignment", "ukraine"])
    assert doc["focus"] == "ukraine"
    assert doc["partners_min_shared"] == 2
    assert doc["partners"] == [
        {"actor": "european_allies", "agreement": 0.9167, "shared": 3,
         "agree": ["donbas", "nato", "borders"], "partial": [], "clash": []},
        {"actor": "russia", "agreement": 0.0833, "shared": 3,
         "agree": [], "partial": [], "clash": ["donbas", "nato", "borders"]},
    ]  # fmt: skip
    assert doc["unlisted"] == ["united_states", "canada"]
    us = as_json(["alignment", "us"])  # no partner shares two: all are ranked
    assert (us["partners_min_shared"], [p["actor"] for p in us["partners"]]) == (
        1, ["russia", "ukraine", "canada"],
    )  # fmt: skip


# --- names and errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "donbsa"], "error: unknown issue 'donbsa'; did you mean 'donbas'?\n"),
        (
            ["diff", "rusia", "ukraine"],
            "error: unknown actor 'rusia'; did you mean 'russia'?\n",
        ),
        (
            ["diff", "u", "russia"],
            "error: ambiguous actor 'u': matches ukraine (Ukraine), united_states "
            "(United States); type more of the name\n",
        ),
        (
            ["compare", "--actors", "russia,narnia,zzz"],
            "error: unknown actor 'narnia'; run 'positions actors' to list them\n"
            "unknown actor 'zzz'; run 'positions actors' to list them\n",
        ),
    ],
)
def test_lookup_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message


@pytest.mark.parametrize(
    "args",
    [["show", "donbas", "--as-of", "15/08/2025"], ["show"], ["alignment", "--threshold", "2"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize("given", ["nan", "NaN", "-nan"])
def test_a_threshold_that_is_not_a_number_is_refused(given: str) -> None:
    """Every range admits nan (each comparison is false); it once printed 'at least
    nan' and wrote `NaN`, which is not JSON."""
    result = runner.invoke(app, ["alignment", "--threshold", given, "--json"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--threshold': is not a number; give one from 0 to 1, e.g. 0.75"
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["changes", "--since", "2025-08-16", "--until", "2025-08-01"],
         "--since 2025-08-16 is after --until 2025-08-01; give an earlier day"),
        (["changes", "--since", "2025-08-16", "--as-of", "2025-08-01"],
         "--since 2025-08-16 is after --as-of 2025-08-01; give an earlier day"),
        (["changes", "--as-of", "2025-08-16", "--until", "2025-08-01"],
         "give --until or --as-of, not both"),
        (["changes", "--against", "old.yaml", "--since", "2025-08-01"],
         "comparing two versions takes them as they are; leave out --since, --until and "
         "--as-of"),
        (["alignment", "--coalitions", "0"], "0 is not in the range x>=1"),
        (["alignment", "--min-shared", "0"], "0 is not in the range x>=1"),
        (["diff", "russia", "us", "--by", "week"], "'week' is not one of 'year', 'month'"),
    ],
)  # fmt: skip
def test_new_options_refuse_what_makes_no_sense(args: list[str], says: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert says in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("united states", "united_states"),
        ("US", "united_states"),
        ("Kyiv", "ukraine"),
        ("україна", "ukraine"),
        ("europ", "european_allies"),
        ("kremlin", "russia"),
    ],
)
def test_names_resolve_on_the_command_line(typed: str, expected: str) -> None:
    assert as_json(["diff", typed, "canada"])["a"] == expected


# --- views that compare every pair of actors are bounded ------------------------------------


@pytest.mark.parametrize(
    ("args", "what", "narrow"),
    [
        (["alignment", "--json"], "alignment", "choose some with --actors (a region, a group)"),
        (["brief"], "brief", "choose some with --actors (a region, a group)"),
        (
            ["export", "-f", "json"],
            "export",
            "choose some with --actors, or export CSV, which has no pairs",
        ),
    ],
)
def test_a_pairwise_view_over_too_many_actors_is_refused_up_front(
    monkeypatch: pytest.MonkeyPatch, args: list[str], what: str, narrow: str
) -> None:
    from positions import views

    monkeypatch.setattr(views, "MAX_PAIRWISE_ACTORS", 4)  # the default data has 5 actors
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {what} compares every pair of actors: 5 actors make 10 pairs; it compares "
        f"at most 4 actors (6 pairs) at once, to stay within memory; {narrow}\n"
    )
    chosen = runner.invoke(app, ["alignment", "--json", "--actors", "russia,ukraine,us,canada"])
    assert chosen.exit_code == 0


def test_a_small_file_cannot_demand_gigabytes(tmp_path: Path) -> None:
    # 2,500 actors in half a megabyte: every pair of them would take over 7 GB.
    import resource
    import subprocess
    import sys

    lines = ["format: 1", "title: t", "sources: {s: {name: S}}", "actors:"]
    lines += [f"  a{i}: {{name: A{i}}}" for i in range(2500)]
    lines += ["issues: {x: {title: X, question: q}}", "positions:"]
    lines += [
        f"  - {{actor: a{i}, issue: x, stance: support, summary: s, source: s, date: 2025-01-01}}"
        for i in range(2500)
    ]
    data = tmp_path / "many.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "positions",
            "alignment",
            "--json",
            "--no-cache",
            "--data",
            str(data),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: alignment compares every pair of actors: 2,500 actors")
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 300_000  # KB: not gigabytes


def test_show_takes_actors_like_every_command() -> None:
    result = runner.invoke(app, ["show", "donbas", "--actors", "russia,US", "--json"])
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert [p["actor"] for p in shown["positions"]] == ["russia", "united_states"]
    # Among the actors shown, as compare --actors: the US stance is conditional, so
    # Russia's is the only one counted.
    assert shown["status"] == "open"
    assert shown["sides"]["conditional"] == ["united_states"]
    short = runner.invoke(app, ["show", "donbas", "-a", "ukraine", "--json"])
    assert [p["actor"] for p in json.loads(short.stdout)["positions"]] == ["ukraine"]


def test_csv_needs_no_pairs_and_takes_any_number_of_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    from positions import views

    monkeypatch.setattr(views, "MAX_PAIRWISE_ACTORS", 2)
    result = runner.invoke(app, ["export", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 8 * 5  # the header, every issue x actor


def test_brief_takes_actors() -> None:
    result = runner.invoke(app, ["brief", "--actors", "russia,ukraine", "--json"])
    assert result.exit_code == 0, result.stderr
    brief = json.loads(result.stdout)
    assert (brief["positions"], brief["speakers"]) == (9, 2)
    assert [(p["a"], p["b"]) for p in brief["closest"]] == [("russia", "ukraine")]
    assert brief["closest"][0]["agreement"] == 0.0833
    assert brief["recent_shifts"] == []  # the default data records no shift
    gaps = {g["issue"]: g["unstated"] for g in brief["gaps"]}
    assert gaps == {
        "front_freeze": ["ukraine"],  # Russia's conditional offer is not a gap
        "peace_agreement": ["ukraine"],
        "security_guarantees": ["russia"],
        "sanctions": ["russia", "ukraine"],
        "european_seat": ["russia", "ukraine"],
    }


def test_landing_json_contract() -> None:
    doc = as_json(["landing"])
    assert set(doc) == {"as_of", "model", "weighted", "actors", "scenario", "issues"}
    assert (doc["model"], doc["weighted"]) == ("weighted median", True)
    assert doc["scenario"] == {"donbas": "rejected", "front_freeze": "undecided"}
    donbas, freeze = doc["issues"][0], doc["issues"][1]
    assert (donbas["median"], donbas["pivot"], donbas["mean"]) == (-2.0, "european_allies", -0.6667)
    assert [(p["actor"], p["weight"], p["distance"]) for p in donbas["parties"]] == [
        ("ukraine", 1.0, 0.0),
        ("european_allies", 1.0, 0.0),
        ("russia", 1.0, 4.0),
    ]
    assert donbas["unplaced"] == ["united_states", "canada"]
    # Russia's freeze holds only if Donbas is adopted, and the scenario has it rejected.
    assert (freeze["median"], freeze["pivot"], freeze["parties"]) == (None, None, [])


def test_brief_names_the_conditional_offers_with_who_backs_and_opposes_each_condition() -> None:
    packages = as_json(["brief"])["packages"]
    assert packages == [
        {
            "actor": "united_states",
            "issue": "donbas",
            "stance": "support",
            "conditions": [
                {
                    "issue": "front_freeze", "outcome": "adopted",
                    "supporters": ["russia"], "rejecters": [], "neutral": [],
                    "silent": ["ukraine", "european_allies", "canada"],
                    "red_lines": [], "conditional": ["russia"],
                }
            ],
        },
        {
            "actor": "russia",
            "issue": "front_freeze",
            "stance": "support",
            "conditions": [
                {
                    "issue": "donbas", "outcome": "adopted",
                    "supporters": ["united_states"], "rejecters": ["ukraine", "european_allies"],
                    "neutral": [], "silent": ["canada"],
                    "red_lines": ["ukraine"], "conditional": ["united_states"],
                }
            ],
        },
    ]  # fmt: skip
    assert as_json(["brief", "--data", TRADE])["packages"] == []


def test_deal_names_a_linked_issue_left_out_by_issues_by_its_title() -> None:
    text = run(["deal", "--issues", "donbas"], columns=200)
    assert "linked to Freeze in the south" in text
    assert "front_freeze" not in text


def test_diff_of_one_actor_under_two_names_is_a_failed_look_up() -> None:
    result = runner.invoke(app, ["diff", "russia", "RU"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: both names are actor 'russia'; give two different actors\n"
