"""The shell: exit codes, stdout and stderr kept apart, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from positions import __version__
from positions.cli import COMMAND_ORDER, app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == f"positions {__version__}\n"


def test_validate_default_data() -> None:
    result = runner.invoke(app, ["validate"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == "ok: 5 actors, 8 issues, 18 positions\n"
    assert result.stderr == ""


def test_validate_reports_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\ntitle: x\nsources: {}\nactors: {}\nissues: {}\npositions:\n"
        "  - {actor: a, issue: b, stance: support, summary: s, source: c, "
        "date: 2025-01-01}\n"
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{bad}:7:13: unknown actor 'a'; define it under 'actors:' first\n"
        f"{bad}:7:23: unknown issue 'b'; define it under 'issues:' first\n"
        f"{bad}:7:63: unknown source 'c'; define it under 'sources:' first\n"
        f"3 problems found in {bad}\n"
    )


def test_data_problems_beyond_the_cap_are_counted(tmp_path: Path) -> None:
    lines = ["format: 1", "title: x", "sources: {}", "actors: {}", "issues: {}", "positions:"]
    lines += ["  - {actor: a, issue: b, stance: support, summary: s, source: c, date: 2025-01-01}"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "\n".join(lines[:6] + [lines[6].replace("01-01", f"01-{d:02}") for d in range(1, 21)])
        + "\n"
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    err = result.stderr.splitlines()
    assert len(err) == 52
    assert err[-2:] == [
        f"... and 10 more problems: 'positions validate --all {bad}' lists them",
        f"60 problems found in {bad}",
    ]


def test_missing_data_file_is_one_line() -> None:
    result = runner.invoke(app, ["validate", "no/such.yaml"])
    assert result.exit_code == 1
    assert result.stderr == ("error: no/such.yaml: no such data file; check the path\n")


def test_positions_data_environment_variable(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        "format: 1\ntitle: x\nsources: {}\nactors: {a: {name: A}}\nissues: {}\npositions: []\n"
    )
    result = runner.invoke(
        app, ["validate"], env={"POSITIONS_DATA": str(other)}, catch_exceptions=False
    )
    assert result.stdout == "ok: 1 actor, 0 issues, 0 positions\n"


def test_unknown_command_is_a_usage_error() -> None:
    result = runner.invoke(app, ["shwo"])
    assert result.exit_code == 2


def test_python_dash_m_runs_the_tool() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "positions", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"positions {__version__}\n")


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_is_listed_in_the_newcomer_order() -> None:
    assert sorted(COMMAND_ORDER) == COMMANDS
    listing = runner.invoke(app, ["--help"], catch_exceptions=False).stdout
    positions = [listing.index(f"\n  {name} ") for name in COMMAND_ORDER]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_a_real_example(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"positions {name}" in result.stdout.split("Example:")[1]


def test_the_cache_never_answers_for_an_edited_file(tmp_path: Path) -> None:
    data = tmp_path / "talks.yaml"
    text = "format: 1\ntitle: x\nsources: {}\nactors: {a: {name: A}}\nissues: {}\npositions: []\n"
    data.write_text(text)
    first = runner.invoke(app, ["actors", "--json", "--data", str(data)], catch_exceptions=False)
    stat = data.stat()
    data.write_text(text.replace("name: A", "name: B"))  # same size, same mtime
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = runner.invoke(app, ["actors", "--json", "--data", str(data)], catch_exceptions=False)
    assert (first.stdout.count('"A"'), second.stdout.count('"B"')) == (1, 1)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_no_cache_reads_afresh_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(cache_dir))
    args, env = (["--no-cache"], {}) if how == "option" else ([], {"POSITIONS_NO_CACHE": "1"})
    result = runner.invoke(app, ["validate", *args], env=env, catch_exceptions=False)
    assert result.stdout == "ok: 5 actors, 8 issues, 18 positions\n"
    assert not cache_dir.exists()
    runner.invoke(app, ["validate"], catch_exceptions=False)
    assert len(list(cache_dir.iterdir())) == 1


# -- a look-up from a store entry reads only its part: the same output --------------------

TRADE = Path(__file__).parent / "data" / "trade.yaml"


@pytest.mark.parametrize(
    "args",
    [
        ["show", "tariffs"],
        ["show", "Quot"],
        ["diff", "eu", "Egypt"],
        ["diff", "mercosur", "greece", "--issues", "tariffs,standards"],
        ["history"],
        ["history", "eu"],
        ["history", "--issue", "quotas"],
        ["history", "kazakhstan", "--issue", "tariffs"],
    ],
)
@pytest.mark.parametrize("json", [[], ["--json"]], ids=["table", "json"])
def test_a_look_up_says_the_same_from_a_cache_hit_a_miss_and_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], json: list[str]
) -> None:
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(tmp_path / "cache"))
    argv = [*args, *json, "--data", str(TRADE)]
    runs = [
        runner.invoke(app, [*argv, *extra], env={"COLUMNS": "100"}, catch_exceptions=False)
        for extra in ([], [], ["--no-cache"])  # a miss, then a hit, then no cache
    ]
    assert [r.exit_code for r in runs] == [0, 0, 0]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert len(list((tmp_path / "cache").glob("*.sqlite"))) == 1


def test_an_unreadable_data_file_is_the_loaders_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Click would refuse it as a usage error (exit 2) before the tool could say why."""
    data = tmp_path / "talks.yaml"
    data.write_text("format: 1\n")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == data:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # what Click asks
    for args in (["show", "x", "--data", str(data)], ["validate", str(data)]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stderr) == (
            1,
            f"error: {data}: permission denied; make the file readable\n",
        )


# --- options and usage that agree across commands -------------------------------------------

STARTER = (Path(__file__).parents[1] / "src" / "positions" / "starter.yaml").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize(
    "args",
    [["validate", "-"], ["validate", "--data", "-"], ["--data", "-", "validate"]],
    ids=["validate-dash", "data-dash", "data-dash-before-the-command"],
)
def test_dash_reads_the_data_from_stdin(args: list[str]) -> None:
    result = runner.invoke(app, args, input=STARTER, catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "ok: 2 actors, 1 issue, 2 positions\n",
        "",
    )


def test_stdin_problems_are_located_in_stdin() -> None:
    result = runner.invoke(app, ["validate", "-"], input="format: 1\ntitle: [x\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>:")
    assert result.stderr.endswith("1 problem found in <stdin>\n")


def test_data_before_the_command_holds_for_it(tmp_path: Path) -> None:
    mine = tmp_path / "talks.yaml"
    mine.write_text(STARTER, encoding="utf-8")
    before = runner.invoke(app, ["--data", str(mine), "--no-cache", "issues", "--json"])
    after = runner.invoke(app, ["issues", "--json", "--data", str(mine), "--no-cache"])
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert '"id": "ceasefire"' in before.stdout
    # Given again after the command's name, the command's own wins.
    again = runner.invoke(app, ["-d", str(mine), "validate", "-d", str(DEFAULT)])
    assert again.stdout == "ok: 5 actors, 8 issues, 18 positions\n"
    assert list(tmp_path.iterdir()) == [mine]  # --no-cache wrote no store here


DEFAULT = Path(__file__).parents[1] / "data" / "positions.yaml"


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "Usage: positions show [OPTIONS] ISSUE\n"),
        ("diff", "Usage: positions diff [OPTIONS] A B\n"),
        ("history", "Usage: positions history [OPTIONS] [ACTOR]\n"),
        ("init", "Usage: positions init [OPTIONS] FILE\n"),
    ],
)
def test_usage_lines_read_as_usage(command: str, usage: str) -> None:
    result = runner.invoke(app, [command, "-h"], catch_exceptions=False)
    assert result.stdout.startswith(usage)


@pytest.mark.parametrize("columns", ["0", "5", "99999999"])
@pytest.mark.parametrize("command", [["issues"], ["compare"], ["show", "donbas"], ["brief"]])
def test_any_columns_gives_a_table(command: list[str], columns: str) -> None:
    result = runner.invoke(app, command, env={"COLUMNS": columns}, catch_exceptions=False)
    assert result.exit_code == 0
    widths = {len(line) for line in result.stdout.splitlines()}
    assert "Donbas" in result.stdout
    # 0 is no width at all (80 then); the others are taken to the nearest usable width.
    assert max(widths) <= {"0": 80, "5": 20, "99999999": 1000}[columns]


# --- every message is one line, with nothing a terminal would obey -------------------------


def test_a_newline_in_a_file_name_cannot_forge_a_message_line(tmp_path: Path) -> None:
    forged = tmp_path / "a\nother.yaml:1:1: fake"
    forged.write_text("x\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(forged)])
    assert result.exit_code == 1
    shown = str(tmp_path) + "/a\\x0aother.yaml:1:1: fake"
    assert result.stderr.splitlines() == [
        f"{shown}:1:1: the data file must be a mapping with format, title, sources, actors, "
        "issues, positions; found a single value; see docs/format.md for a complete example",
        f"1 problem found in {shown}",
    ]


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["show", "--xx\u202eabc"], "Error: No such option: --xx\\u202eabc"),
        (["sh\u202eow"], "Error: No such command 'sh\\u202eow'. Did you mean 'show'?"),
        (
            ["show", "donbas", "--as-of", "\u202ex"],
            "Error: Invalid value for '--as-of': '\\u202ex' is not a date; write it as "
            "YYYY-MM-DD, e.g. 2025-08-15",
        ),
        (
            ["export", "-f", "x\u2066"],
            "Error: Invalid value for '--format' / '-f': 'x\\u2066' is not one of 'csv', "
            "'md', 'json', 'html', 'svg'.",
        ),
        (
            ["show", "x\u202e"],
            "error: unknown issue 'x\\u202e'; run 'positions issues' to list them",
        ),
    ],
    ids=["no-such-option", "no-such-command", "bad-date", "bad-choice", "unknown-issue"],
)
def test_usage_errors_show_what_was_typed_inertly(args: list[str], last_line: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (1, 2)
    assert result.stderr.splitlines()[-1] == last_line
    assert not any(c in result.stderr for c in "\u202e\u2066\x1b")
