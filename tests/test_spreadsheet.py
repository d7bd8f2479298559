"""The CSV export opened in a real spreadsheet, split on every separator one may pick.

LibreOffice Calc (headless) imports the export as CSV with comma, semicolon,
tab, space and `|` as the separator and saves it as a flat ODF spreadsheet; a
cell that became a formula carries `table:formula`. A probe file proves the
harness sees a formula when there is one, so the checks can fail.

Skipped when LibreOffice is not installed (Debian: `apt-get install
libreoffice-calc-nogui`); POSITIONS_REQUIRE_SPREADSHEET=1 (as CI sets) makes
that a failure instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from positions.cli import app

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None:
    if os.environ.get("POSITIONS_REQUIRE_SPREADSHEET") == "1":
        raise RuntimeError("POSITIONS_REQUIRE_SPREADSHEET=1 but LibreOffice is not installed")
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

#: The separators a spreadsheet offers by name (LibreOffice's and Excel's import
#: dialogs: comma, semicolon, tab, space), and some typed as "other".
SEPARATORS = {
    "comma": ",",
    "semicolon": ";",
    "tab": "\t",
    "space": " ",
    "pipe": "|",
    "colon": ":",  # any character may be typed as "other"
    "hash": "#",
    "underscore": "_",  # a word character, but a separator all the same
}
TIMEOUT = 180  # seconds; one import takes two or three


def hostile_texts() -> list[str]:
    """A formula after every separator and line break, and at the start."""
    texts = []
    for before in [*SEPARATORS.values(), "\n", "\r\n", '"', '";']:
        for formula in (
            "=1+2",
            '=HYPERLINK("http://e.example")',
            "+SUM(1)",
            "-cmd|'x'!A0",
            "-2+3+cmd|'x'!A0",
        ):
            texts.append(f"ok{before}{formula}")
    return [*texts, "=1+2", "@SUM(1)", "-2 oblasts", "ok - fine", "a -2 b"]


def hostile_data(path: Path) -> Path:
    """Every text column gets a hostile text: format 1's, and format 2's note, the
    first evidence item's speaker and url, and a further item (`more_evidence`)."""
    texts = hostile_texts()
    lines = [
        "format: 2",
        f"title: {json.dumps(texts[0])}",
        "sources:",
        f"  s: {{name: {json.dumps(texts[1])}}}",
        "actors:",
        f"  a: {{name: {json.dumps(texts[2])}}}",
        f"  b: {{name: {json.dumps(texts[3])}}}",
        "issues:",
    ]
    for i, text in enumerate(texts):
        lines.append(f"  i{i}: {{title: {json.dumps(f'{text} {i}')}, question: q}}")
    lines.append("positions:")
    for i, text in enumerate(texts):
        for actor, score in (("a", "strongly_oppose"), ("b", "support")):
            lines += [
                f"  - {{actor: {actor}, issue: i{i}, stance: {score},",
                f"     summary: {json.dumps(text)}, note: {json.dumps(text[::-1])},",
                f"     evidence: [{{source: s, quote: {json.dumps(text[::-1])},",
                f"       speaker: {json.dumps(text)},",
                f"       url: {json.dumps('https://example.org/?' + text)}}},",
                f"       {{source: s, speaker: {json.dumps(text)}, quote: {json.dumps(text)}}}],",
                "     date: 2025-01-01}",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_in_calc(csv: Path, separator: str, profile: Path) -> str:
    """The flat ODF spreadsheet LibreOffice makes of `csv` split on `separator`."""
    out = csv.parent / f"out-{ord(separator)}"
    out.mkdir()
    # CSV filter options: separator, text delimiter ("), UTF-8 (76), first line 1.
    options = f"CSV:{ord(separator)},34,76,1"
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            f"--infilter={options}",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            str(csv),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return (out / (csv.stem + ".fods")).read_text(encoding="utf-8")


def formulas(fods: str) -> list[str]:
    return re.findall(r'table:formula="([^"]*)"', fods)


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice-profile")


def test_the_harness_sees_a_formula(tmp_path: Path, profile: Path) -> None:
    probe = tmp_path / "probe.csv"
    # A quoted field does not protect a formula after another separator.
    probe.write_text('"ok","=1+2",1\r\n"ok","ok;=3+4",-2\r\n', encoding="utf-8")
    assert formulas(open_in_calc(probe, ",", profile)) == ["of:=1+2"]
    assert formulas(open_in_calc(probe, ";", profile)) == ["of:=3+4&quot;,-2"]


@pytest.mark.parametrize("wide", [False, True], ids=["long", "wide"])
@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_no_separator_opens_a_formula(
    tmp_path: Path, profile: Path, separator: str, wide: bool
) -> None:
    data = hostile_data(tmp_path / "hostile.yaml")
    csv = tmp_path / "export.csv"
    args = ["export", "-f", "csv", "--data", str(data), "-o", str(csv), "--no-cache"]
    result = CliRunner().invoke(app, [*args, *(["--wide"] if wide else [])])
    assert result.exit_code == 0, result.output
    assert formulas(open_in_calc(csv, separator, profile)) == []


def test_scores_stay_numbers_and_texts_arrive_whole(tmp_path: Path, profile: Path) -> None:
    data = hostile_data(tmp_path / "hostile.yaml")
    csv = tmp_path / "export.csv"
    args = ["export", "-f", "csv", "--data", str(data), "-o", str(csv), "--no-cache"]
    assert CliRunner().invoke(app, args).exit_code == 0
    fods = open_in_calc(csv, ",", profile)
    numbers = re.findall(r'office:value-type="float" [^>]*office:value="([^"]*)"', fods)
    assert sorted(set(numbers)) == ["-2", "1"]
    assert len(numbers) == 2 * len(hostile_texts())
