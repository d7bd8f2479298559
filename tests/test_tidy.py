"""Tidy CSV input: a header file naming a CSV of positions, a CSV alone, stdin, the store,
and the round trip through `export --format csv`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from positions import loader, store, tidy
from positions.cli import app
from positions.errors import DataError
from positions.model import Condition, Evidence, Position, Stance
from tests.profiles import examples

DATA = Path(__file__).parent / "data"
TIDY = DATA / "tidy"
runner = CliRunner()
D = dt.date


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "100", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_a_header_file_takes_its_positions_from_the_csv_beside_it() -> None:
    ds = loader.load(TIDY / "talks.yaml")
    assert ds.positions == (
        Position(
            "usa", "res1", Stance.SUPPORT, "", (Evidence("unga"),), D(1990, 1, 2), salience=0.5
        ),
        Position(
            "ussr", "res1", Stance.OPPOSE, "Voted no", (Evidence("unga"),), D(1990, 1, 2),
            red_line=True,
        ),
        Position(
            "usa", "res2", Stance.OPPOSE, "Abstained, then\nvoted no",
            (Evidence("unga", speaker="Jim Baker"),), D(1990, 3, 1),
            conditions=(Condition("res1", True),),
        ),
        Position("ussr", "res2", Stance.SUPPORT, "", (Evidence("unga"),), D(1990, 3, 1)),
    )  # fmt: skip
    assert ds.actors["usa"].name == "United States"


def test_a_csv_alone_names_everything_by_its_ids() -> None:
    ds = loader.load(TIDY / "votes.csv")
    assert ds.title == "votes.csv"
    assert [(a.id, a.name) for a in ds.actors.values()] == [("usa", "usa"), ("ussr", "ussr")]
    assert [(i.id, i.title, i.question) for i in ds.issues.values()] == [
        ("res1", "res1", "res1"),
        ("res2", "res2", "res2"),
    ]
    # No source column: every row cites the table itself.
    assert [(s.id, s.name) for s in ds.sources.values()] == [("table", "votes.csv")]
    assert [p.evidence[0].source for p in ds.positions] == ["table"] * 4
    header = loader.load(TIDY / "talks.yaml")
    assert [p[:3] + p[5:6] for p in ds.positions] == [p[:3] + p[5:6] for p in header.positions]


def refused(table: Path) -> list[str]:
    """The problems the loader finds in a table given alone, each without its file."""
    with pytest.raises(DataError) as caught:
        loader.load(table)
    return [str(p).removeprefix(f"{table}:") for p in caught.value.problems]


def test_a_csv_alone_gives_each_actor_and_issue_one_name(tmp_path: Path) -> None:
    """A name cell may repeat the first row's name (spaces aside) or be left empty;
    another name for the same id is refused at its cell, beside the first's row."""
    table = tmp_path / "named.csv"
    table.write_text(
        "actor,actor_name,issue,issue_title,stance,date\n"
        "fr,La France,r1,Tariffs,support,2020-01-01\n"
        "fr, La France ,r2,,oppose,2020-01-01\n"
        "fr,,r1,Tariffs,oppose,2020-02-01\n"
        "fr,France,r2,Quotas,oppose,2020-03-01\n"
        "de,,r1,Tariff,support,2020-01-01\n"
        "de,Germany,r2,,support,2020-01-01\n",
        encoding="utf-8",
    )
    hint = "give it one name: the same in every row, or the cell left empty after the first"
    assert refused(table) == [
        f"5:2: actor 'fr' is named 'La France' on row 2 and 'France' here; {hint}",
        f"5:4: issue 'r2' is named 'r2' on row 3 and 'Quotas' here; {hint}",
        f"6:4: issue 'r1' is named 'Tariffs' on row 2 and 'Tariff' here; {hint}",
        f"7:2: actor 'de' is named 'de' on row 6 and 'Germany' here; {hint}",
    ]


def test_a_csv_alone_tells_its_actors_and_issues_apart_as_yaml_does(tmp_path: Path) -> None:
    """The same rules as a YAML file's: no name the same as another's (case aside) or
    looking the same (a Cyrillic і), no name that is another's id, no two titles alike."""
    table = tmp_path / "names.csv"
    table.write_text(
        "actor,issue,stance,date,actor_name,issue_title\n"
        "a,i,support,2025-01-01,Russia,Same\n"
        "b,j,oppose,2025-01-01,Russ\u0456a,same\n"
        "c,k,oppose,2025-01-01,A,K\n",
        encoding="utf-8",
    )
    assert refused(table) == [
        "3:5: the name 'Russ\u0456a' of actor 'b' looks the same as the name 'Russia' of actor "
        "'a'; they differ only in invisible or look-alike characters: U+0456 CYRILLIC SMALL "
        "LETTER BYELORUSSIAN-UKRAINIAN I, U+0069 LATIN SMALL LETTER I; names and aliases must "
        "tell actors apart on screen; change one of them",
        "3:6: the title of issue 'j' is already the title of issue 'i'; titles must tell "
        "issues apart; change one of them",
        "4:5: the name 'A' of actor 'c' is already the id of actor 'a'; names and aliases "
        "must tell actors apart; change one of them",
    ]


def test_a_positions_file_without_defaults_is_read(tmp_path: Path) -> None:
    """`positions: {file: v.csv}` alone (no `defaults:`) once ended in a traceback; a
    row with no source is then told where one may come from."""
    head = (TIDY / "talks.yaml").read_text(encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        head.replace("{file: votes.csv, defaults: {source: unga}}", "{file: v.csv}"),
        encoding="utf-8",
    )
    (tmp_path / "v.csv").write_text(
        "actor,issue,stance,date,source\nusa,res1,support,1990-01-02,unga\n"
        "ussr,res1,oppose,1990-01-02,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        loader.load(tmp_path / "t.yaml", "t.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "v.csv:3:1: position on row 3 is missing the required field 'source'; add a "
        "'source' column, or 'defaults: {source: ID}' beside 'file:'"
    ]
    (tmp_path / "v.csv").write_text(
        "actor,issue,stance,date,source\nusa,res1,support,1990-01-02,unga\n", encoding="utf-8"
    )
    assert len(loader.load(tmp_path / "t.yaml").positions) == 1


def test_a_positions_file_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    """A FIFO shipped in place of the table would hang every command (and a TAB's
    completion) waiting for a writer: it is refused unread, as a source's file is."""
    import os
    import subprocess
    import sys

    shutil.copy(TIDY / "talks.yaml", tmp_path)
    os.mkfifo(tmp_path / "votes.csv")
    script = "from positions import loader; loader.load(__import__('pathlib').Path('talks.yaml'))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].endswith(
        "talks.yaml:12:19: cannot read the positions file 'votes.csv': it is not a regular file"
    )


def test_a_csv_on_standard_input() -> None:
    text = (TIDY / "votes.csv").read_text(encoding="utf-8")
    code, out, err = run("--data", "-", "issues", "--json", stdin=text)
    assert (code, err) == (0, "")
    assert '"id": "res1"' in out


def test_a_header_file_on_standard_input_cannot_name_a_positions_file() -> None:
    text = (TIDY / "talks.yaml").read_text(encoding="utf-8")
    code, out, err = run("--data", "-", "issues", stdin=text)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "<stdin>:12:19: a positions file is named relative to the data file, which standard "
        "input is not; give the data file itself with --data FILE"
    )


def test_a_csv_problem_is_located_in_the_csv(tmp_path: Path) -> None:
    shutil.copy(TIDY / "talks.yaml", tmp_path)
    (tmp_path / "votes.csv").write_text(
        "actor,issue,stance,date\nusa,res1,maybe,1990-01-02\nussr,res3,oppose,1990-13-01\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        loader.load(tmp_path / "talks.yaml", "talks.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "votes.csv:2:3: unknown stance 'maybe'; use one of strongly_oppose, oppose, neutral, "
        "support, strongly_support",
        "votes.csv:3:2: unknown issue 'res3'; did you mean 'res2'?",
        "votes.csv:3:4: bad date '1990-13-01' in position on row 3; write a real calendar "
        "date as YYYY-MM-DD, e.g. 2025-08-15",
    ]


def test_the_store_sees_a_change_to_the_csv(tmp_path: Path) -> None:
    shutil.copy(TIDY / "talks.yaml", tmp_path)
    csv = tmp_path / "votes.csv"
    shutil.copy(TIDY / "votes.csv", csv)
    cache = tmp_path / "cache"
    first = store.load(tmp_path / "talks.yaml", "talks.yaml", cache)
    with store.open_data(tmp_path / "talks.yaml", "talks.yaml", cache) as hit:
        assert hit._db is not None  # from its entry
        assert hit.everything() == first
    csv.write_text(csv.read_text(encoding="utf-8").replace("Voted no", "Voted NO"), "utf-8")
    again = store.load(tmp_path / "talks.yaml", "talks.yaml", cache)
    assert again.positions[1].summary == "Voted NO"
    csv.unlink()
    with pytest.raises(DataError) as caught:
        store.load(tmp_path / "talks.yaml", "talks.yaml", cache)
    assert str(caught.value).startswith("talks.yaml:12:19: cannot read the positions file")


def _one_vote(stance: str) -> str:
    return f"actor,issue,stance,date\nusa,res1,{stance},1990-01-02\n"


def test_the_store_reads_the_table_its_run_would_read(tmp_path: Path) -> None:
    """A table through a link re-pointed since, or a header reached through a link from
    another folder (which names that folder's table): never the answer of another."""
    cache = tmp_path / "cache"
    # The header's table is a link, re-pointed after the entry was written.
    here = tmp_path / "here"
    here.mkdir()
    shutil.copy(TIDY / "talks.yaml", here)
    (here / "v1.csv").write_text(_one_vote("support"), encoding="utf-8")
    (here / "v2.csv").write_text(_one_vote("strongly_oppose"), encoding="utf-8")
    (here / "votes.csv").symlink_to("v1.csv")
    header = here / "talks.yaml"
    assert store.load(header, "talks.yaml", cache).positions[0].stance is Stance.SUPPORT
    (here / "votes.csv").unlink()
    (here / "votes.csv").symlink_to("v2.csv")
    assert store.load(header, "talks.yaml", cache).positions[0].stance is Stance.STRONGLY_OPPOSE
    # One header, two folders: B/talks.yaml is a link to A/talks.yaml; each folder has
    # its own votes.csv, which is the one its run reads.
    a, b = tmp_path / "A", tmp_path / "B"
    a.mkdir()
    b.mkdir()
    shutil.copy(TIDY / "talks.yaml", a)
    (a / "votes.csv").write_text(_one_vote("support"), encoding="utf-8")
    (b / "talks.yaml").symlink_to(a / "talks.yaml")
    (b / "votes.csv").write_text(_one_vote("strongly_oppose"), encoding="utf-8")
    for _ in range(2):  # each after the other's entry
        via_b = store.load(b / "talks.yaml", "B/talks.yaml", cache)
        assert via_b.positions[0].stance is Stance.STRONGLY_OPPOSE
        via_a = store.load(a / "talks.yaml", "A/talks.yaml", cache)
        assert via_a.positions[0].stance is Stance.SUPPORT
    with store.open_data(a / "talks.yaml", "A/talks.yaml", cache) as hit:
        assert hit._db is not None  # from the entry, which names its table from A
        assert hit.files == (a / "votes.csv",)
    # B's table a link into A: outside B's folder, refused from a warm store as cold.
    (b / "votes.csv").unlink()
    (b / "votes.csv").symlink_to(a / "votes.csv")
    with pytest.raises(DataError) as refused:
        store.load(b / "talks.yaml", "B/talks.yaml", cache)
    assert "is outside the data file's directory" in str(refused.value)


def test_a_table_larger_than_its_header_is_kept_in_the_store(tmp_path: Path) -> None:
    """The entry of a small header and a large table is many times the header's size
    (here 3.2 MB against 458 bytes): it is kept and read, not parsed again each time."""
    shutil.copy(TIDY / "talks.yaml", tmp_path)
    rows = [
        f"{actor},res{1 + k % 2},{('support', 'oppose')[k % 2]},"
        f"{dt.date(1990, 1, 1) + dt.timedelta(days=k // 2):%Y-%m-%d}"
        for k in range(40_000)
        for actor in ("usa", "ussr")
    ]
    (tmp_path / "votes.csv").write_text("actor,issue,stance,date\n" + "\n".join(rows) + "\n")
    cache, header = tmp_path / "cache", tmp_path / "talks.yaml"
    first = store.load(header, "talks.yaml", cache)
    (entry,) = cache.iterdir()
    assert entry.stat().st_size > 3 * header.stat().st_size + (1 << 20)
    with store.open_data(header, "talks.yaml", cache) as hit:
        assert hit._db is not None  # from its entry
        assert hit.everything() == first
        assert hit.select(actors={"usa"}) == first.select(actors={"usa"})


@pytest.mark.parametrize("data", [None, DATA / "trade.yaml"])
def test_export_csv_reads_back_with_the_same_numbers(data: Path | None) -> None:
    given = [] if data is None else ["--data", str(data)]
    code, exported, _ = run(*given, "export", "--format", "csv", "--raw")
    assert code == 0
    for command in (["alignment", "--json"], ["deal", "--json"], ["landing", "--json"]):
        code, back, err = run("--data", "-", *command, stdin=exported)
        assert (code, err) == (0, ""), command
        assert back == run(*given, *command)[1], command
    code, again, _ = run("--data", "-", "export", "--format", "csv", "--raw", stdin=exported)
    assert (code, again) == (0, exported)


def test_export_csv_of_every_format_2_field_reads_back_as_written() -> None:
    code, exported, _ = run("--data", str(DATA / "trade2.yaml"), "export", "-f", "csv", "--raw")
    code, again, _ = run("--data", "-", "export", "--format", "csv", "--raw", stdin=exported)
    assert code == 0

    # Only what a CSV cannot hold differs: an actor's `active` window (its `party` cell).
    def rows(text: str) -> list[dict[str, str]]:
        return [
            {k: v for k, v in r.items() if k != "party"} for r in csv.DictReader(io.StringIO(text))
        ]

    assert rows(again) == rows(exported)


# --- the memo of valid cells (tidy.TidyReader.memo) changes nothing a user sees ----------

_CELLS = {  # valid values, and values each wrong in its own way
    "actor": (["usa", "ussr", "uk"], ["USA", "", "u k"]),
    "issue": (["res1", "res2"], ["res9", ""]),
    "stance": (["support", "oppose", "neutral"], ["maybe", ""]),
    "date": (["1990-01-02", "1990-03-01", "1991-06-30"], ["1990-13-01", "", "soon"]),
    "summary": (["", "Voted no", " Abstained "], ["x" * 10_001]),
    "source": (["", "unga"], ["nyt"]),
    "quote": (["", "We object"], ["y" * 10_001]),
}


@st.composite
def tables(draw: st.DrawFn) -> str:
    """A table of valid rows, one per actor, issue and date (its cells repeat: the
    memo's case), and sometimes one wrong cell, one row repeated (a second position),
    a row of an unstated actor or an optional cell of spaces."""
    columns = ["actor", "issue", "stance", "date"]
    columns += draw(st.lists(st.sampled_from(["summary", "source", "quote"]), unique=True))
    keys = draw(
        st.lists(
            st.tuples(*(st.sampled_from(_CELLS[c][0]) for c in ("actor", "issue", "date"))),
            unique=True,
            max_size=18,
        )
    )
    table: list[list[str]] = []
    for actor, issue, date in keys:
        rest = [draw(st.sampled_from(_CELLS[c][0])) for c in columns[4:]]
        table.append([actor, issue, draw(st.sampled_from(_CELLS["stance"][0])), date, *rest])
    broken, repeated = draw(st.booleans()), draw(st.booleans())
    if table and broken:
        row, col = draw(st.integers(0, len(table) - 1)), draw(st.integers(0, len(columns) - 1))
        table[row][col] = draw(st.sampled_from(_CELLS[columns[col]][1]))
    if table and repeated:
        table.append(table[draw(st.integers(0, len(table) - 1))])
    unstated, spaces = draw(st.booleans()), draw(st.booleans())
    if table and unstated:  # a row of an actor with no stance and no date
        at = draw(st.integers(0, len(table)))
        table.insert(at, [*table[at - 1][:2], "", "", *([""] * (len(columns) - 4))])
    if table and spaces and len(columns) > 4:  # an optional cell of spaces
        table[draw(st.integers(0, len(table) - 1))][-1] = "  "
    return "\n".join([",".join(columns), *(",".join(r) for r in table)]) + "\n"


def _outcome(text: str, where: Path, alone: bool) -> object:
    (where / "votes.csv").write_text(text, encoding="utf-8")
    # Named as itself: a header file named `votes.csv` in messages would be read as a table.
    path = where / ("votes.csv" if alone else "talks.yaml")
    try:
        return loader.load(path, path.name)
    except DataError as e:
        return [str(p) for p in e.problems]


@settings(max_examples=examples(200), deadline=None)
@given(text=tables(), alone=st.booleans(), window=st.booleans())
def test_the_memo_of_valid_cells_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, text: str, alone: bool, window: bool
) -> None:
    """Beside a header file, `window` gives one actor an `active:` window that some
    rows fall outside of (a rule that reports a cell's place)."""
    where = tmp_path_factory.mktemp("tidy")
    header = (TIDY / "talks.yaml").read_text(encoding="utf-8")
    uk = "{name: UK, active: {from: 1990-02-01}}" if window else "{name: UK}"
    header = header.replace("  usa: {", f"  uk: {uk}\n  usa: {{")
    (where / "talks.yaml").write_text(header, encoding="utf-8")
    fast = _outcome(text, where, alone)
    with mock.patch.object(tidy.TidyReader, "memo", False):
        slow = _outcome(text, where, alone)
    assert fast == slow


def test_a_row_without_stance_and_date_is_none_with_the_memo_too(tmp_path: Path) -> None:
    """Even where the defaults give a stance and a date, and every other cell of the
    row was met before: the memo never answers for an empty stance or date."""
    header = (TIDY / "talks.yaml").read_text(encoding="utf-8")
    header = header.replace("{source: unga}", "{source: unga, stance: support, date: 1990-01-02}")
    (tmp_path / "talks.yaml").write_text(header, encoding="utf-8")
    rows = ["actor,issue,stance,date", "usa,res1,support,", "ussr,res2,oppose,", "usa,res2,,"]
    text = "\n".join([*rows, "ussr,res1,,1990-03-01", ""])
    (tmp_path / "votes.csv").write_text(text, encoding="utf-8")
    found = []
    for memo in (True, False):
        with mock.patch.object(tidy.TidyReader, "memo", memo):
            ds = loader.load(tmp_path / "talks.yaml")
        found.append([(p.actor, p.issue, p.stance.id, p.date.isoformat()) for p in ds.positions])
    assert found[0] == found[1]
    assert found[0] == [
        ("usa", "res1", "support", "1990-01-02"),
        ("ussr", "res2", "oppose", "1990-01-02"),
        ("ussr", "res1", "support", "1990-03-01"),
    ]


def test_the_example_of_docs_format_md_loads(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    section = text[text.index("## Tidy CSV") :]
    (yaml_text, csv_text) = re.findall(r"```(?:yaml|text)\n(.*?)```", section, re.DOTALL)[:2]
    (tmp_path / "talks.yaml").write_text(yaml_text, encoding="utf-8")
    (tmp_path / "votes.csv").write_text(csv_text, encoding="utf-8")
    ds = loader.load(tmp_path / "talks.yaml")
    assert [(p.actor, p.issue, p.stance.id, p.red_line) for p in ds.positions] == [
        ("usa", "res1", "support", False),
        ("ussr", "res1", "oppose", True),
        ("usa", "res2", "oppose", False),
        ("ussr", "res2", "support", False),
    ]


def test_a_line_break_in_a_cell_is_one_line_feed_as_in_yaml(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(
        b'actor,issue,stance,date,summary\r\nusa,r1,support,1990-01-02,"a\r\nb\rc"\r\n'
    )
    (position,) = loader.load(path).positions
    assert position.summary == "a\nb\nc"


def test_a_cell_past_the_csv_modules_limit_is_said_to_be_too_long(tmp_path: Path) -> None:
    """Python's csv stops at 131,072 characters a cell: that is a length, not a quote."""
    path = tmp_path / "votes.csv"
    path.write_text(
        "actor,issue,stance,date\nusa,r1,support,1990-01-02\nusa,r2,"
        + "x" * 140_000
        + ",1990-01-02\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        loader.load(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:3:1: a cell of this row is over 131,072 characters; no field holds so much: "
        "a text may be 10,000 characters (a summary, a quote); if the row was not meant to be "
        "one long cell, check its quotes"
    ]


@pytest.mark.parametrize("how", ["dot-dot", "link"])
def test_a_positions_file_outside_the_data_files_directory_is_refused(
    tmp_path: Path, how: str
) -> None:
    inside = tmp_path / "talks"
    inside.mkdir()
    shutil.copy(TIDY / "votes.csv", tmp_path / "secret.csv")
    header = (TIDY / "talks.yaml").read_text(encoding="utf-8")
    if how == "link":
        (inside / "votes.csv").symlink_to(tmp_path / "secret.csv")
    else:
        header = header.replace("file: votes.csv", "file: ../secret.csv")
    (inside / "talks.yaml").write_text(header, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        loader.load(inside / "talks.yaml", "talks.yaml")
    name = "votes.csv" if how == "link" else "../secret.csv"
    assert [str(p) for p in caught.value.problems] == [
        f"talks.yaml:12:19: the positions file '{name}' is outside the data file's directory; "
        "keep the CSV file beside the data file, or in a folder under it"
    ]


def test_problems_in_a_table_are_capped_like_yaml_ones(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    rows = "".join(f"usa,r{n},maybe,1990-01-02\n" for n in range(1_100))
    path.write_text("actor,issue,stance,date\n" + rows, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        loader.load(path, "votes.csv")
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1_001
    assert problems[-1] == (
        "votes.csv:1002:3: more than 1,000 problems; stopped checking here; fix the problems "
        "above and run 'positions validate' again"
    )


def test_problems_in_a_header_and_its_table_are_counted_in_both(tmp_path: Path) -> None:
    """The summary names every file the problems are in, and counts 51 as 50 and one."""
    header = (TIDY / "talks.yaml").read_text(encoding="utf-8")
    # A problem after `positions:` (the table is read only when none comes before it).
    bad_group = "groups:\n  g: {name: G, members: [nobody]}\n"
    (tmp_path / "talks.yaml").write_text(header + bad_group, "utf-8")
    rows = "".join(f"usa,res1,maybe{n},1990-{n // 28 + 1:02}-{n % 28 + 1:02}\n" for n in range(51))
    (tmp_path / "votes.csv").write_text("actor,issue,stance,date\n" + rows, "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "talks.yaml")])
    assert result.exit_code == 1
    *_, more, total = result.stderr.splitlines()
    assert more == (
        f"... and 2 more problems: 'positions validate --all {tmp_path / 'talks.yaml'}' lists them"
    )
    assert total == f"52 problems found in {tmp_path / 'talks.yaml'} and {tmp_path / 'votes.csv'}"


def test_a_table_alone_with_many_problems_names_itself_to_validate(tmp_path: Path) -> None:
    table = tmp_path / "wide.csv"
    table.write_text(
        "actor,issue,stance,date," + ",".join(f"bad{n}" for n in range(60)) + "\n", "utf-8"
    )
    result = runner.invoke(app, ["validate", str(table)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        f"... and 10 more problems: 'positions validate --all {table}' lists them",
        f"60 problems found in {table}",
    ]
