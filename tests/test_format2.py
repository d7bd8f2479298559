"""Format 2 on tests/data/trade2.yaml: tests/data/trade.yaml with every format-2 field.

Every format-1 file still loads unchanged (the rest of the suite), a format-2
field in a format-1 file is refused (tests/test_fields.py), and the broken
format-2 cases are in tests/corpus/ (tests/test_corpus.py).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from positions import loader
from positions.cli import app
from positions.errors import DataError
from positions.model import (
    LONG_STANDING,
    Basis,
    Condition,
    Evidence,
    Group,
    Position,
    Source,
    Stance,
    Window,
)

DATA = Path(__file__).parent / "data"
TRADE, TRADE2 = DATA / "trade.yaml", DATA / "trade2.yaml"
runner = CliRunner()
D = dt.date


def run(*args: str) -> str:
    result = runner.invoke(
        app, [*args, "--data", str(TRADE2), "--no-cache"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def format_1(p: Position) -> Position:
    """A position as format 1 can write it: its first source, no quote, nothing new."""
    return Position(p.actor, p.issue, p.stance, p.summary, (Evidence(p.source),), p.date)


# The two conditional positions format 2 adds (a package, never a plain stance).
ADDED = [
    Position(
        "mercosur", "standards", Stance.SUPPORT,
        "Would accept the standards if tariffs are halved and quotas raised.",
        (Evidence("minutes"),), D(2025, 3, 1),
        conditions=(Condition("tariffs", True), Condition("quotas", True)),
    ),
    Position(
        "egypt", "quotas", Stance.SUPPORT,
        "Would raise beef quotas if its farm tariffs stay as they are.",
        (Evidence("minutes"),), D(2024, 7, 1), conditions=(Condition("tariffs", False),),
    ),
]  # fmt: skip


def test_the_format_2_twin_is_the_same_data_but_its_new_fields() -> None:
    one, two = loader.load(TRADE), loader.load(TRADE2)
    assert {a.id: (a.short, a.capability, a.active) for a in two.actors.values()} == {
        "eu": ("EU", 27.0, None),
        "mercosur": (None, 4.5, None),
        "kazakhstan": ("KZ", None, None),
        "egypt": ("EG", 1.0, None),
        "greece": ("GR", None, Window(None, D(2025, 6, 30))),
        "cote_divoire": (None, None, Window(D(2024, 5, 1), None)),
        "observer": (None, 0.0, None),
    }
    assert {i.id: i.tags for i in two.issues.values()} == {
        "tariffs": ("market-access",),
        "quotas": ("market-access", "beef"),
        "standards": ("rules",),
        "disputes": ("rules",),
    }
    assert dict(two.groups) == {
        "eu_bloc": Group("eu_bloc", "EU and members", ("eu", "greece")),
        # a nested group's members come in, in the file's actor order
        "north": Group("north", "Northern partners", ("eu", "kazakhstan", "greece")),
        "africa": Group("africa", "African members", ("egypt", "cote_divoire")),
    }
    assert two.sources["wire"] == Source(
        "wire", "Trade Wire", "https://example.org/wire", "trade2-sources/wire.txt"
    )
    assert [
        a._replace(short=None, capability=None, active=None) for a in two.actors.values()
    ] == list(one.actors.values())
    assert [i._replace(tags=()) for i in two.issues.values()] == list(one.issues.values())
    assert [s._replace(file=None) for s in two.sources.values()] == list(one.sources.values())
    assert [format_1(p) for p in two.positions[:-2]] == [format_1(p) for p in one.positions]
    assert list(two.positions[-2:]) == ADDED


def test_the_format_2_twin_holds_each_new_field_of_a_position() -> None:
    new = {
        (p.actor, p.issue, p.date): (p.basis, p.note, p.salience, p.red_line, p.held_since)
        for p in loader.load(TRADE2).positions
        if (p.basis, p.note, p.salience, p.red_line, p.held_since)
        != (Basis.REPORTED, None, None, False, None)
    }
    assert new == {
        ("eu", "tariffs", D(2024, 1, 10)): (Basis.REPORTED, None, 0.3, False, None),
        ("eu", "tariffs", D(2025, 2, 1)): (Basis.REPORTED, None, 0.6, False, None),
        ("kazakhstan", "tariffs", D(2024, 3, 5)): (
            Basis.INDIRECT,
            "The EU delegation reports Astana's view; Astana has said nothing itself.",
            0.0, False, None,
        ),
        ("egypt", "tariffs", D(2024, 2, 20)): (Basis.REPORTED, None, 1.0, True, LONG_STANDING),
        ("eu", "quotas", D(2024, 1, 10)): (Basis.REPORTED, None, None, True, D(2023, 9, 15)),
        ("mercosur", "quotas", D(2024, 1, 10)): (Basis.REPORTED, None, 0.95, False, None),
        ("cote_divoire", "standards", D(2024, 6, 1)): (
            Basis.INFERRED, "Read from its new cocoa export rules, not from a statement.",
            None, False, None,
        ),
    }  # fmt: skip


def test_the_format_2_twin_has_evidence_of_several_items() -> None:
    ds = loader.load(TRADE2)
    assert {(p.actor, p.issue, p.date): p.evidence for p in ds.positions if p.quote} == {
        ("eu", "tariffs", D(2025, 2, 1)): (
            Evidence(
                "wire", "We can halve them: on our terms.", "Trade commissioner",
                "https://example.org/wire/2025-02-01-tariffs", D(2025, 2, 1),
            ),
            Evidence("minutes", None, "Trade commissioner", None, D(2025, 2, 1)),
        ),
        ("egypt", "tariffs", D(2024, 2, 20)): (Evidence("wire", "Our farmers come first"),),
        ("eu", "quotas", D(2024, 1, 10)): (
            Evidence("wire", "There will be no new beef quota, now or later."),
        ),
        ("mercosur", "quotas", D(2024, 1, 10)): (
            Evidence("wire", "our first demand ... and our last", "Mercosur's negotiator"),
        ),
    }  # fmt: skip


def test_the_format_2_twin_has_its_quotes_in_its_source_file() -> None:
    result = runner.invoke(
        app, ["--data", str(TRADE2), "--no-cache", "validate", "--check-quotes"],
        catch_exceptions=False,
    )  # fmt: skip
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "ok: 7 actors, 4 issues, 14 positions\n"
        "quotes: 4 quotes checked and found in their sources' text\n",
        "",
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "tags: [rules]",
            "tags: [Rules, ok]",
            "t.yaml:38:12: a tag of issue 'standards', 'Rules', is not a lower-case slug; use "
            "lower-case letters, digits, '-' and '_', e.g. 'territory'",
        ),
        (
            # A short label tells actors apart like a name.
            "short: GR",
            "short: EU",
            "t.yaml:19:60: the short label 'EU' of actor 'greece' is already the id of actor "
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


def test_compare_labels_its_columns_with_the_short_labels_else_the_ids() -> None:
    result = runner.invoke(
        app, ["compare", "--data", str(TRADE2), "--no-cache"], env={"COLUMNS": "100"}
    )
    out = result.stdout
    assert out.splitlines()[1].split() == [
        "Issue", "EU", "mercosur", "KZ", "EG", "GR", "cote_divoire", "observer", "Status",
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
    assert issues(json.loads(run(*args, "--tag", "Market-Access"))) == got  # in any case
    both = issues(json.loads(run(*args, "-t", "beef,rules")))
    # history lists positions, and nobody has spoken on disputes
    expected = (
        {"quotas", "standards"} if args[0] == "history" else {"quotas", "standards", "disputes"}
    )
    assert sorted(both) == sorted(expected)


def test_tag_keeps_a_conditional_stance_whose_condition_it_leaves_out() -> None:
    """`-t beef,rules` keeps standards, where mercosur's stance holds only if tariffs (left
    out) and quotas are adopted: still conditional, never counted."""
    doc = json.loads(run("compare", "--json", "-t", "beef,rules"))
    standards = next(r for r in doc["issues"] if r["id"] == "standards")
    assert standards["conditional"] == ["mercosur"]
    assert standards["not_party"] == ["greece"]


def test_tag_with_issues_keeps_both_conditions() -> None:
    doc = json.loads(run("compare", "--json", "--tag", "market-access", "--issues", "quotas"))
    assert [r["id"] for r in doc["issues"]] == ["quotas"]


def test_a_tag_no_issue_has_is_a_failed_look_up() -> None:
    """As an issue no one has: exit 1, with the tags there are."""
    result = runner.invoke(app, ["issues", "--tag", "fish,Meat", "--data", str(TRADE2)])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no issue has the tag 'fish' or 'Meat'; the tags in the data: "
        "beef, market-access, rules\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["show", "tariffs", "--tag", "rules"],
        ["compare", "--issues", "standards,tariffs", "--tag", "rules"],
        ["history", "--issue", "Tariff cuts", "--tag", "rules"],
    ],
)
def test_an_issue_the_tag_leaves_out_is_said_to_be_left_out(args: list[str]) -> None:
    """Not "unknown issue": the data has it, and --tag is what hides it."""
    result = runner.invoke(app, [*args, "--data", str(TRADE2)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: issue 'tariffs' has none of the tags --tag gives; its tags: market-access\n"
    )
    unknown = runner.invoke(app, ["show", "fisheries", "--tag", "rules", "--data", str(TRADE2)])
    assert unknown.stderr.startswith("error: unknown issue 'fisheries'")


def test_each_issue_named_under_a_tag_is_said_in_its_own_words(tmp_path: Path) -> None:
    """An issue the tag leaves out, an unknown one, and an exact id of the data that is
    also the prefix of an issue the tag keeps: each as it is."""
    both = runner.invoke(
        app, ["compare", "--issues", "tariffs,xyz", "--tag", "rules", "--data", str(TRADE2)]
    )
    assert both.exit_code == 1
    assert both.stderr.splitlines() == [
        "error: issue 'tariffs' has none of the tags --tag gives; its tags: market-access",
        "unknown issue 'xyz'; run 'positions issues' to list them",
    ]
    text = TRADE2.read_text(encoding="utf-8").replace(
        "issues:\n",
        "issues:\n  tariffs_panel:\n    title: Tariff panel\n"
        "    question: Should a panel judge tariffs?\n    tags: [rules]\n",
        1,
    )
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(TRADE2.parent / "trade2-sources", tmp_path / "trade2-sources")
    exact = runner.invoke(
        app, ["show", "tariffs", "--tag", "rules", "--data", str(tmp_path / "t.yaml")]
    )
    assert (exact.exit_code, exact.stderr) == (
        1,
        "error: issue 'tariffs' has none of the tags --tag gives; its tags: market-access\n",
    )
    prefix = runner.invoke(
        app, ["show", "tariff p", "--tag", "rules", "--data", str(tmp_path / "t.yaml")]
    )
    assert prefix.exit_code == 0, prefix.stderr
    assert prefix.stdout.startswith("Tariff panel")


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


def test_check_quotes_reads_no_file_outside_the_data_files_directory(tmp_path: Path) -> None:
    """A data file from someone else must not learn, quote by quote, what another file
    holds: a path up and out is refused as it is written (by `validate` alone too),
    a link that leads out before it is read."""
    outside = tmp_path / "secret.txt"
    outside.write_text("the secret words", encoding="utf-8")
    home = tmp_path / "talks"
    home.mkdir()
    (home / "link.txt").symlink_to(outside)
    data = home / "t.yaml"
    data.write_text(
        "format: 2\ntitle: T\nsources:\n"
        "  up: {name: Up, file: ../secret.txt}\n"
        "  ln: {name: Link, file: link.txt}\n"
        "actors: {x: {name: X}}\nissues: {i: {title: I, question: Q?}}\npositions:\n"
        "  - {actor: x, issue: i, stance: support, summary: s, date: 2024-01-01,\n"
        "     evidence: [{source: up, quote: secret}, {source: ln, quote: words}]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", "--check-quotes", str(data)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{data}:4:24: the file of source 'up', '../secret.txt', goes through '..'; name "
        "it from the data file's folder down, with no '..': the file beside the data file "
        "or in a folder under it, e.g. texts/article.txt",
        f"{data}:5:26: cannot read the file of source 'ln', 'link.txt': it is outside the "
        "data file's directory",
    ]
    assert result.stderr.splitlines()[2] == f"2 problems found in {data}"
    alone = CliRunner().invoke(app, ["validate", str(data)])
    first = result.stderr.splitlines()[0]
    assert alone.stderr.splitlines() == [first, f"1 problem found in {data}"]


@pytest.mark.parametrize("members", ["[]", "~", ""])
def test_a_group_of_nobody_is_refused(members: str) -> None:
    """It would select nobody, silently, where --actors '' says it selects nothing."""
    text = (
        "format: 2\ntitle: T\nsources: {s: {name: S}}\nactors: {a: {name: A}}\n"
        "issues: {i: {title: I, question: Q?}}\ngroups:\n"
        f"  nobody:\n    name: Nobody\n    members: {members}\npositions: []\n"
    )
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), "t.yaml")
    column = 14 if members else 13
    assert [str(p) for p in info.value.problems] == [
        f"t.yaml:9:{column}: group 'nobody' has no members; a group names at least one "
        "actor or group"
    ]


def test_groups_that_would_hold_too_many_actors_are_refused_early() -> None:
    """A few kilobytes of groups that each include one large group would otherwise
    expand into millions of memberships (a review measured 1.5 GB for 800 KB)."""
    actors = "".join(f"  a{n}: {{name: A{n}}}\n" for n in range(1100))
    members = ", ".join(f"a{n}" for n in range(1100))
    nested = "".join(f"  g{n}: {{name: G{n}, members: [everyone]}}\n" for n in range(1000))
    text = (
        f"format: 2\ntitle: T\nsources: {{s: {{name: S}}}}\nactors:\n{actors}"
        "issues: {i: {title: I, question: Q?}}\ngroups:\n"
        f"  everyone: {{name: Everyone, members: [{members}]}}\n{nested}positions: []\n"
    )
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), "t.yaml")
    line = text.splitlines().index("groups:") + 1
    assert [str(p) for p in info.value.problems] == [
        f"t.yaml:{line}:1: the groups hold more than 1,000,000 actors in all, nested groups "
        "expanded; name fewer or smaller groups"
    ]


def test_an_actor_that_has_left_is_neither_silent_nor_in_a_coalition() -> None:
    """Greece left (`until: 2025-06-30`): without --as-of it is not a party, so a deal
    does not call it silent and no coalition or group cohesion counts it."""
    path = str(Path(__file__).parent / "data" / "trade2.yaml")

    def doc(*args: str) -> Any:
        result = CliRunner().invoke(app, [*args, "--data", path, "--json"])
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    assert all("greece" not in row["silent"] for row in doc("deal")["issues"])
    alignment = doc("alignment")
    assert all("greece" not in c["members"] for c in alignment["coalitions"])
    assert all("greece" not in g["members"] for g in alignment["groups"])
    # On a day it was a party, it is counted as before.
    early = doc("deal", "--as-of", "2025-03-01")
    assert any("greece" in row["silent"] or "greece" in row["stated"] for row in early["issues"])


#: A data file of one actor and one issue, up to its positions' first item's fields.
ONE = (
    "format: 2\ntitle: T\nsources: {s: {name: S}}\nactors: {a: {name: A}}\n"
    "issues: {i: {title: I, question: Q?}}\npositions:\n"
    "  - {actor: a, issue: i, stance: support, summary: s, date: 2024-01-01"
)


def refused(text: str) -> list[str]:
    """The problems the loader finds in `text`, as messages."""
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), "t.yaml")
    return [str(p) for p in info.value.problems]


def test_a_position_without_a_source_is_told_evidence_may_give_it() -> None:
    text = ONE + "}\n"
    assert refused(text) == [
        "t.yaml:7:5: position 1 is missing the required field 'source'; give its 'source', "
        "or an 'evidence' list whose items name one"
    ]
    # Format 1 has no `evidence:` to offer.
    assert refused(text.replace("format: 2", "format: 1")) == [
        "t.yaml:7:5: position 1 is missing the required field 'source'"
    ]


def test_held_since_the_calendar_s_first_day_is_refused() -> None:
    """0001-01-01 is how long-standing is kept: given as a day it read back as
    'long-standing', a wrong answer; it is refused, and the next day is a day."""
    text = ONE + ", source: s,\n     held_since: 0001-01-01}\n"
    assert refused(text) == [
        "t.yaml:8:18: held_since 0001-01-01 in position 1 is the first day of the calendar, "
        "which stands for long-standing; write long-standing, or a later day"
    ]
    later = loader.parse(text.replace("0001-01-01", "0001-01-02").encode(), "t.yaml")
    assert later.positions[0].held_since == dt.date(1, 1, 2)
