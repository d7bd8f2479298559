"""Format 2, as far as it goes today: actors' short labels and issues' tags (`--tag`).

tests/data/trade2.yaml is tests/data/trade.yaml on format 2; every format-1 file
still loads unchanged (the rest of the suite), and a format-2 field in a format-1
file is refused (tests/test_fields.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from positions import loader
from positions.cli import app
from positions.errors import DataError

DATA = Path(__file__).parent / "data"
TRADE, TRADE2 = DATA / "trade.yaml", DATA / "trade2.yaml"
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, [*args, "--data", str(TRADE2), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_format_2_twin_is_the_same_data_but_its_new_fields() -> None:
    one, two = loader.load(TRADE), loader.load(TRADE2)
    assert {a.id: a.short for a in two.actors.values()} == {
        "eu": "EU", "mercosur": None, "kazakhstan": "KZ", "egypt": "EG", "greece": "GR",
        "cote_divoire": None, "observer": None,
    }  # fmt: skip
    assert {i.id: i.tags for i in two.issues.values()} == {
        "tariffs": ("market-access",),
        "quotas": ("market-access", "beef"),
        "standards": ("rules",),
        "disputes": ("rules",),
    }
    assert [a._replace(short=None) for a in two.actors.values()] == list(one.actors.values())
    assert [i._replace(tags=()) for i in two.issues.values()] == list(one.issues.values())
    assert two.positions == one.positions


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "tags: [rules]",
            "tags: [Rules, ok]",
            "t.yaml:29:12: a tag of issue 'standards', 'Rules', is not a lower-case slug; use "
            "lower-case letters, digits, '-' and '_', e.g. 'territory'",
        ),
        (
            # A short label tells actors apart like a name.
            "short: GR",
            "short: EU",
            "t.yaml:14:60: the short label 'EU' of actor 'greece' is already the id of actor "
            "'eu'; names and aliases must tell actors apart; change one of them",
        ),
    ],
    ids=["tag-not-a-slug", "short-label-taken"],
)
def test_a_broken_format_2_field_is_located(old: str, new: str, message: str) -> None:
    text = TRADE2.read_text(encoding="utf-8").replace(old, new, 1)
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), "t.yaml")
    assert [str(p) for p in info.value.problems] == [message]


def test_compare_labels_its_columns_with_the_short_labels() -> None:
    out = run("compare")
    assert out.splitlines()[1].split() == [
        "Issue", "EU", "Mer", "KZ", "EG", "GR", "CD", "OD", "Status",
    ]  # fmt: skip
    assert "KZ Қазақстан, EG مصر, GR Ελλάδα" in " ".join(out.split())


@pytest.mark.parametrize(
    ("args", "issues"),
    [
        (["issues", "--json"], lambda doc: [r["id"] for r in doc]),
        (["compare", "--json"], lambda doc: [r["id"] for r in doc["issues"]]),
        (["deal", "--json"], lambda doc: [r["issue"] for r in doc["issues"]]),
        (["diff", "eu", "mercosur", "--json"], lambda doc: [r["issue"] for r in doc["issues"]]),
        (["history", "--json"], lambda doc: sorted({e["issue"] for e in doc["positions"]})),
        (["export", "-f", "json"], lambda doc: [i["id"] for i in doc["issues"]]),
    ],
    ids=["issues", "compare", "deal", "diff", "history", "export"],
)
def test_tag_keeps_the_issues_with_one_of_the_tags(args: list[str], issues: object) -> None:
    assert callable(issues)
    got = issues(json.loads(run(*args, "--tag", "market-access")))
    assert sorted(got) == ["quotas", "tariffs"]
    both = issues(json.loads(run(*args, "-t", "beef,rules")))
    # history lists positions, and nobody has spoken on disputes
    expected = (
        {"quotas", "standards"} if args[0] == "history" else {"quotas", "standards", "disputes"}
    )
    assert sorted(both) == sorted(expected)


def test_tag_with_issues_keeps_both_conditions() -> None:
    doc = json.loads(run("compare", "--json", "--tag", "market-access", "--issues", "quotas"))
    assert [r["id"] for r in doc["issues"]] == ["quotas"]


def test_a_tag_no_issue_has_is_a_usage_error() -> None:
    result = runner.invoke(app, ["issues", "--tag", "fish", "--data", str(TRADE2)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --tag: no issue has the tag 'fish'; the tags in this file: "
        "beef, market-access, rules"
    )


def test_the_store_keeps_the_new_fields(tmp_path: Path) -> None:
    env = {"POSITIONS_CACHE_DIR": str(tmp_path)}
    args = ["actors", "--json", "--data", str(TRADE2)]
    first = runner.invoke(app, args, env=env)
    again = runner.invoke(app, args, env=env)  # from the store
    assert first.stdout == again.stdout
    assert len(list(tmp_path.iterdir())) == 1
    assert json.loads(again.stdout)[2]["short"] == "KZ"
    issues = runner.invoke(app, ["issues", "--json", "--data", str(TRADE2)], env=env)
    assert json.loads(issues.stdout)[1]["tags"] == ["market-access", "beef"]


def test_a_short_label_is_a_name_on_the_command_line() -> None:
    doc = json.loads(run("diff", "KZ", "EG", "--json"))
    assert (doc["a"], doc["b"]) == ("kazakhstan", "egypt")


def test_an_empty_tag_selects_nothing() -> None:
    result = runner.invoke(app, ["issues", "--tag", ",", "--data", str(TRADE2)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --tag: selects nothing; name at least one, e.g. security"
    )


@pytest.mark.parametrize("cached", [False, True])
def test_stored_with_issues_is_the_data_with_only_those(cached: bool, tmp_path: Path) -> None:
    from positions import store

    directory = tmp_path if cached else None
    store.load(TRADE2, "t.yaml", directory)  # a miss, then (cached) the entry is read below
    with store.open_data(TRADE2, "t.yaml", directory) as stored:
        only = stored.narrowed({"quotas", "disputes"})
        assert list(only.catalog.issues) == ["quotas", "disputes"]
        assert list(only.catalog.actors) == list(stored.catalog.actors)
        assert {p.issue for p in only.everything().positions} == {"quotas"}
        chosen = only.select({"eu"})
        assert (chosen.actor_ids, chosen.issue_ids) == (("eu",), ("quotas", "disputes"))
        assert [p.issue for p in chosen.positions] == ["quotas"]
