"""Regenerate what is made from the code: the README's example output, the terminal
pictures and the report's charts in docs/img/, the field tables of docs/format.md and
the JSON Schema.

    python scripts/make_docs.py           # rewrite them
    python scripts/make_docs.py --check   # exit 1 if any is out of date (CI)

Every example is produced by running the real command on the bundled data, and
the format's tables and schema from its one definition (positions.fields), so
none of them can drift from what the tool does.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import shlex
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from positions import fields
from positions.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
JSON_DOC = ROOT / "docs" / "json.md"
ANALYSIS_DOC = ROOT / "docs" / "analysis.md"
FORMAT_DOC = ROOT / "docs" / "format.md"
SCHEMA = ROOT / "src" / "positions" / "schema.json"
FIELDS = re.compile(r"(<!-- fields: begin -->\n).*?(<!-- fields: end -->\n)", re.DOTALL)
IMAGES = ROOT / "docs" / "img"
WIDTH = 80
BLOCK = re.compile(
    r"(<!-- output: (?P<command>[^>]+?) -->\n```text\n)(?P<body>.*?)(```\n)", re.DOTALL
)
JSON_EXAMPLE = re.compile(
    r"(```console\n\$ (?P<command>positions [^\n]+)\n```\n\n```json\n)(?P<body>.*?)(```\n)",
    re.DOTALL,
)
#: Commands pictured as SVG (file name -> command line after `positions`).
PICTURES = {
    "show-donbas": "show donbas",
    "compare": "compare",
    "diff-russia-ukraine": "diff russia ukraine",
    "brief": "brief",
}
#: The report's own pictures (file name -> the export that draws it), as the README shows.
CHARTS = {
    "chart-alignment": "export --format svg --chart alignment",
    "chart-issue-tariffs": "export -f svg --chart issue:tariffs --data tests/data/trade2.yaml",
    "chart-timeline": "export -f svg --chart timeline --data tests/data/trade.yaml",
}


def run(command: str, colour: bool = False) -> str:
    words = shlex.split(command)
    assert words[0] == "positions", command
    env = {"COLUMNS": str(WIDTH), "NO_COLOR": "" if colour else "1", "FORCE_COLOR": ""}
    if colour:
        env["FORCE_COLOR"] = "1"
    result = CliRunner().invoke(app, words[1:], env=env, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"{command!r} failed: {result.stderr}")
    return result.stdout


def readme(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        body = "\n".join(line.rstrip() for line in run(match["command"]).splitlines())
        return f"{match[1]}{body}\n{match[4]}"

    return BLOCK.sub(replace, text)


def json_doc(text: str) -> str:
    return JSON_EXAMPLE.sub(lambda m: f"{m[1]}{run(m['command'])}{m[4]}", text)


def format_doc(text: str) -> str:
    return FIELDS.sub(lambda m: f"{m[1]}{fields.markdown()}{m[2]}", text)


def schema() -> str:
    return _compact(fields.json_schema(), 0) + "\n"


def _compact(value: object, indent: int, key: int = 0) -> str:
    """JSON with a list or mapping on one line when it fits in WIDTH (after a key of
    `key` characters), else one entry a line."""
    flat = json.dumps(value, ensure_ascii=False)
    if indent + key + len(flat) <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, list):
        items = [inner + _compact(v, indent + 2) for v in value]
    else:
        items = []
        for k, v in value.items():
            name = json.dumps(k, ensure_ascii=False) + ": "
            items.append(inner + name + _compact(v, indent + 2, len(name)))
    brackets = "[]" if isinstance(value, list) else "{}"
    return brackets[0] + "\n" + ",\n".join(items) + "\n" + " " * indent + brackets[1]


def svg(command: str) -> str:
    """The command's coloured output as rich draws it, exported to SVG."""
    console = Console(
        record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    console.print(Text.from_ansi(run(f"positions {command}", colour=True).rstrip("\n")))
    return console.export_svg(title=f"positions {command}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    args = parser.parse_args()
    os.chdir(ROOT)  # the examples name files relative to the checkout (--data tests/...)
    wanted = {
        README: readme(README.read_text(encoding="utf-8")),
        ANALYSIS_DOC: readme(ANALYSIS_DOC.read_text(encoding="utf-8")),
        JSON_DOC: json_doc(JSON_DOC.read_text(encoding="utf-8")),
        FORMAT_DOC: format_doc(FORMAT_DOC.read_text(encoding="utf-8")),
        SCHEMA: schema(),
    }
    wanted.update({IMAGES / f"{name}.svg": svg(cmd) for name, cmd in PICTURES.items()})
    wanted.update({IMAGES / f"{name}.svg": run(f"positions {cmd}") for name, cmd in CHARTS.items()})
    stale = []
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current == text:
            continue
        stale.append(path)
        if args.check:
            diff = difflib.unified_diff(
                current.splitlines(), text.splitlines(), str(path), "generated", lineterm=""
            )
            print("\n".join(list(diff)[:40]))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "out of date" if args.check else "rewrote"
        print(f"{verb}: {path.relative_to(ROOT)}")
    if args.check and stale:
        print("run: python scripts/make_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
