"""Fitting the user's tools: JSON Schema, `init`, shell completion, colour settings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from positions import datafile, loader, names
from positions.cli import _complete_list, app
from positions.errors import DataError

from .test_loader import VALID

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "src" / "positions" / "schema.json").read_text(encoding="utf-8"))
VALID_FILES = [
    ROOT / "data" / "positions.yaml",
    ROOT / "tests" / "data" / "trade.yaml",
    ROOT / "tests" / "data" / "trade2.yaml",
]


def as_yaml_12(text: str) -> Any:
    """What an editor's YAML 1.2 language server sees: `no` and dates stay text."""

    def convert(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {convert(k): convert(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [convert(v) for v in node.value]
        assert isinstance(node, yaml.ScalarNode)
        value = node.value
        if node.style is None:  # plain scalars get the YAML 1.2 core schema's types
            if value in ("", "~", "null", "Null", "NULL"):
                return None
            if value in ("true", "false"):
                return value == "true"
            if re.fullmatch(r"[-+]?[0-9]+", value):
                return int(value)
            if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", value):
                return float(value)
        return value

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None
    return convert(root)


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [e.message for e in validator.iter_errors(as_yaml_12(text))]


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_files_pass_the_schema(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_default_data_points_editors_at_the_schema() -> None:
    first = (ROOT / "data" / "positions.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../src/positions/schema.json"
    assert (ROOT / "data" / "../src/positions/schema.json").resolve().is_file()


# Mistakes both the schema and the loader see: an editor flags them while typing.
SCHEMA_LEVEL = [
    ("format: 1", "format: 3"),
    ("    title: Border", "    titel: Border"),
    ("    summary: Wants it moved.\n", ""),
    ("    stance: support", "    stance: suport"),
    ("  south: {name: South}", "  South: {name: South}"),
    ("    date: 2025-01-02", "    date: 2 January 2025"),
    ("    summary: Wants it moved.", "    summary: ''"),
    ("    summary: Wants it moved.", "    summary: [a, b]"),
    ("url: https://example.org", "url: 'javascript:alert(1)'"),
]
# Mistakes only the loader can see: references, duplicates, calendar, shared names.
LOADER_ONLY = [
    ("  - actor: north", "  - actor: nort"),
    ("    date: 2025-01-02", "    date: 2025-02-30"),
    ("  south: {name: South}", "  south: {name: South, aliases: [n]}"),
]


@pytest.mark.parametrize(("old", "new"), SCHEMA_LEVEL)
def test_schema_and_loader_agree_on_broken_files(old: str, new: str) -> None:
    text = VALID.replace(old, new, 1)
    assert schema_errors(text) != []
    with pytest.raises(DataError):
        loader.parse(text.encode(), "t.yaml")


@pytest.mark.parametrize(("old", "new"), LOADER_ONLY)
def test_what_only_the_loader_catches(old: str, new: str) -> None:
    text = VALID.replace(old, new, 1)
    assert schema_errors(text) == []
    with pytest.raises(DataError):
        loader.parse(text.encode(), "t.yaml")


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"], catch_exceptions=False)
    assert json.loads(result.stdout) == SCHEMA


# --- init -----------------------------------------------------------------------------


def test_init_writes_a_file_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "talks.yaml"
    result = runner.invoke(app, ["init", str(target)], catch_exceptions=False)
    assert result.exit_code == 0
    schema = tmp_path / "positions.schema.json"
    assert result.stdout == ""
    assert result.stderr == f"wrote {target} and {schema}; next: positions validate {target}\n"
    ds = loader.load(target)
    assert (len(ds.actors), len(ds.issues), len(ds.positions)) == (2, 1, 2)
    # A format-2 file that shows its fields: short labels and tags.
    assert [a.short for a in ds.actors.values()] == ["PA", "PB"]
    assert ds.issues["ceasefire"].tags == ("security",)
    text = target.read_text(encoding="utf-8")
    assert "\nformat: 2\n" in text
    assert schema_errors(text) == []
    # A path relative to the data file (as yaml-language-server reads it): it keeps
    # working when the folder moves or the virtual environment is rebuilt.
    assert text.splitlines()[0] == "# yaml-language-server: $schema=positions.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == SCHEMA


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("my talks.yaml", "'my talks.yaml'"),  # quoted as a shell takes it
        ("$(touch x).yaml", "'$(touch x).yaml'"),
        ("-x.yaml", "./-x.yaml"),  # else an option
        ("n\nformat: 9\n.yaml", "FILE"),  # a line break would end the comment
        ("\x1b[31mred.yaml", "FILE"),
        (os.fsdecode(b"\xffbad.yaml"), "FILE"),  # not UTF-8: it cannot be written as text
    ],
)
def test_init_names_the_file_in_its_comments_only_as_text(
    tmp_path: Path, name: str, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert f"#   positions validate {named}\n" in text
    assert loader.load(target).title  # the starter still validates
    # The next step on stderr is a command to paste too, from the folder it was run in.
    monkeypatch.chdir(tmp_path)
    second = name.replace(".yaml", "-2.yaml")
    again = runner.invoke(app, ["init", "--", second])
    assert again.exit_code == 0, again.stderr
    hint = again.stderr.rstrip("\n").rsplit("; next: ", 1)[1]
    assert hint == "positions validate " + named.replace(name, second)


def test_init_keeps_a_schema_already_there(tmp_path: Path) -> None:
    (tmp_path / "positions.schema.json").write_text("mine", encoding="utf-8")
    target = tmp_path / "talks.yaml"
    result = runner.invoke(app, ["init", str(target)], catch_exceptions=False)
    assert result.stderr == f"wrote {target}; next: positions validate {target}\n"
    assert (tmp_path / "positions.schema.json").read_text(encoding="utf-8") == "mine"


def test_init_says_when_the_schema_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk may take the data file and not the schema: that is said, not left
    for the reader to spot in a shorter message."""
    from positions import export as exporter
    from positions.errors import OutputError

    real = exporter.write

    def full(path: Path, *args: object, **kwargs: object) -> None:
        if path.name == "positions.schema.json":
            raise OutputError(f"{path}: no space left on the device")
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(exporter, "write", full)
    target = tmp_path / "talks.yaml"
    result = runner.invoke(app, ["init", str(target)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path / 'positions.schema.json'}: no space left on the device; "
        f"editors will not check {target} as you type",
        f"wrote {target}; next: positions validate {target}",
    ]
    assert target.exists()


def test_init_dash_writes_the_starter_to_stdout(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "-"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=positions.schema.json\n")
    assert "positions validate FILE" in result.stdout
    assert loader.parse(result.stdout.encode(), "-").title == "A new negotiation"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["file", "dangling-link"])
def test_init_never_overwrites(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "talks.yaml"
    if kind == "file":
        target.write_text("my notes\n", encoding="utf-8")
        message = f"{target} exists; init never replaces a file: give a new file name"
    else:
        target.symlink_to(tmp_path / "nowhere")
        message = (
            f"{target} is a symbolic link (to {tmp_path / 'nowhere'}); a link is never "
            "replaced or written through: give the path of the file itself"
        )
    result = runner.invoke(app, ["init", str(target)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {message}\n"
    assert "--force" not in result.stderr  # init has no --force
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talks.yaml"]


def test_init_with_a_name_too_long_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300)
    result = runner.invoke(app, ["init", str(target)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {target}: the name or the path is too long for the system; choose a shorter one\n"
    )


# --- completion -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", ["russia", "ukraine", "united_states", "european_allies", "canada"]),
        ("U", ["Ukraine", "United_states"]),
        ("uk", ["ukraine"]),
        ("Wash", ["Washington"]),
        ("kyi", ["kyiv"]),
        ("Кр", []),
        ("Укр", ["Україна"]),
        ("zzz", []),
    ],
)
def test_actor_completion(typed: str, expected: list[str]) -> None:
    ds = loader.load(datafile.bundled_path())
    assert [value for value, _ in names.complete_actor(ds, typed)] == expected


def test_issue_completion_from_another_data_file() -> None:
    ds = loader.load(ROOT / "tests" / "data" / "trade.yaml")
    assert names.complete_issue(ds, "t") == [("tariffs", "tariffs: Tariff cuts")]


def test_comma_lists_complete_their_last_item() -> None:
    def fake(_ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        return [(f"{incomplete}x", "help")]

    assert _complete_list(fake)(None, "russia,uk") == [("russia,ukx", "help")]  # type: ignore[arg-type]


def complete(words: str, data: Path | None = None) -> list[str]:
    env = {
        **os.environ,
        "_POSITIONS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from positions.entry import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_through_the_shell_protocol() -> None:
    assert complete("positions show se") == ["security_guarantees"]
    assert complete("positions compare --actors russia,Wa") == ["russia,Washington"]
    assert complete("positions export --format ") == ["csv", "md", "json", "html", "svg"]
    trade = ROOT / "tests" / "data" / "trade.yaml"
    assert complete(f"positions diff --data {trade} mer") == ["mercosur"]


# --- colour -----------------------------------------------------------------------------


def run_tool(args: list[str], **env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-c", "from positions.entry import main; main()", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_force_color_colours_and_no_color_wins() -> None:
    assert "\x1b[" in run_tool(["compare"], FORCE_COLOR="1")
    assert "\x1b" not in run_tool(["compare"], FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b" not in run_tool(["show", "donbas"], NO_COLOR="1")


# --- pager --------------------------------------------------------------------------------


def run_in_terminal(args: list[str], **env: str) -> str:
    """Run the tool with a pseudo-terminal as stdout, as a person at a terminal does."""
    return in_terminal(args, **env)[0]


def in_terminal(args: list[str], **env: str) -> tuple[str, str, int]:
    """What the terminal shows, stderr and the exit code of the tool run at one."""
    import pty

    primary, secondary = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    with subprocess.Popen(
        [sys.executable, "-c", "from positions.entry import main; main()", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=subprocess.PIPE,
        env={**base, "COLUMNS": "80", "LINES": "10", "TERM": "xterm", "NO_COLOR": "1", **env},
    ) as process:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        assert process.stderr is not None
        err = process.stderr.read().decode("utf-8", "replace")
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace"), err, process.returncode


def test_long_output_goes_through_the_pager_on_a_terminal() -> None:
    pager = "sed s/^/paged:/"
    paged = run_in_terminal(["history"], PAGER=pager)
    assert "paged:Positions over time" in paged
    unpaged = run_in_terminal(["history", "--no-pager"], PAGER=pager)
    assert "paged:" not in unpaged
    assert "Positions over time" in unpaged
    short = run_in_terminal(["history", "russia", "--issue", "nato"], LINES="50", PAGER=pager)
    assert "paged:" not in short


def test_a_pager_that_cannot_run_is_said_and_the_output_printed() -> None:
    """PAGER=nonexistent once left only the shell's 'not found' and exit 0; a pager
    that fails (PAGER=false) printed nothing and exited 0 too."""
    shown, err, code = in_terminal(["history"], PAGER="no-such-pager-here")
    assert code == 0
    assert "Positions over time" in shown
    assert err.splitlines()[-1] == (
        "warning: the pager 'no-such-pager-here' could not run; printed instead"
    )
    shown, err, code = in_terminal(["history"], PAGER="false")
    assert code == 1
    assert err == (
        "error: the pager 'false' ended with exit 1; set PAGER to one that works, or give "
        "--no-pager\n"
    )


def test_init_with_a_trailing_slash_names_a_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", f"{tmp_path}/talks/"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for FILE: '{tmp_path}/talks/' ends with '/', so it names a "
        f"directory; give a file in it, e.g. {tmp_path}/talks/talks.yaml"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["x.csv", "VOTES.CSV"])
def test_init_refuses_a_name_that_would_be_read_as_a_table(tmp_path: Path, name: str) -> None:
    """A `.csv` name is read as a CSV table: the YAML starter written there would then
    fail its own `validate`."""
    result = runner.invoke(app, ["init", str(tmp_path / name)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for FILE: '{tmp_path / name}' would be read as a CSV table, "
        "and the starter is YAML; give a name ending in .yaml (a table of positions: "
        'docs/format.md, "Tidy CSV")'
    )
    assert list(tmp_path.iterdir()) == []
