"""`positions export`: golden files, round trips, hostile text, atomic writes, the CLI."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import errno
import hashlib
import html
import io
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from positions import analysis, datafile, loader, views
from positions import export as exporter
from positions.cli import app
from positions.errors import OutputError
from positions.export import html as html_export
from positions.export.csv import LONG_COLUMNS, cell_text
from positions.export.markdown import md
from positions.export.markup import escape
from positions.model import LONG_STANDING, Dataset
from positions.text import printable
from tests.test_terminal_safety import HOSTILE_2

runner = CliRunner()
HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
DATA = HERE / "data"
TRADE = DATA / "trade.yaml"
HOSTILE = DATA / "hostile.yaml"


def load(path: Path | None = None) -> Dataset:
    return loader.load(datafile.bundled_path() if path is None else path)


def export(*args: str) -> str:
    """Run `positions export ARGS` successfully; stdout exactly as written (CRLF kept)."""
    result = runner.invoke(app, ["export", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    # Result.stdout turns \r\n into \n; the bytes are what a user gets.
    return result.stdout_bytes.decode("utf-8")


def export_file(tmp_path: Path, *args: str) -> str:
    """Run `positions export ARGS --output FILE` and return FILE's text, bytes exact."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", *args, "--output", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", f"wrote {out}\n")
    return out.read_bytes().decode("utf-8")


# --- golden files ---------------------------------------------------------------------------

# tests/golden/export[-CASE].FORMAT, found by glob. CASE names the extra arguments;
# to add one, add it here, create the empty file and run `pytest --update-golden`.
GOLDEN_CASES: dict[str, list[str]] = {
    "": [],
    "wide": ["--wide"],
    "some": ["--actors", "russia,ukraine,us", "--issues", "donbas,nato", "--as-of", "2025-08-15"],
    "trade": ["--data", str(TRADE)],
    "trade2": ["--data", str(DATA / "trade2.yaml")],  # format 2: every field
    # The pictures (--format svg), each on the data that shows most of it.
    "alignment": ["--chart", "alignment"],
    "timeline-trade": ["--chart", "timeline", "--data", str(TRADE)],
    "issue-donbas": ["--chart", "issue:donbas"],
    "issue-trade2": ["--chart", "issue:tariffs", "--data", str(DATA / "trade2.yaml")],
}
GOLDEN_FILES = sorted(p.name for p in GOLDEN.glob("export*.*"))


def test_every_format_has_a_golden_file() -> None:
    required = {"export.csv", "export-wide.csv", "export.md", "export.json", "export.html"}
    assert required <= set(GOLDEN_FILES)


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_golden(name: str, tmp_path: Path, golden: Callable[[str, str], None]) -> None:
    match = re.fullmatch(r"export(?:-(?P<case>[a-z0-9-]+))?\.(?P<fmt>csv|md|json|html|svg)", name)
    assert match, f"unexpected golden file name {name}"
    args = ["--format", match["fmt"], *GOLDEN_CASES[match["case"] or ""]]
    text = export_file(tmp_path, *args) if match["fmt"] == "html" else export(*args)
    golden(name, text)


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_stdout_and_file_are_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    assert export("-f", fmt) == export_file(tmp_path, "-f", fmt)


# --- round trips ------------------------------------------------------------------------------

ROUND_TRIPS = [
    (None, None),
    (None, dt.date(2025, 8, 15)),
    (TRADE, None),
    (TRADE, dt.date(2024, 6, 30)),
    (TRADE.with_name("trade2.yaml"), None),  # format 2: every field
    (TRADE.with_name("trade2.yaml"), dt.date(2024, 3, 1)),  # Côte d'Ivoire not yet a party
]


def _in_force(ds: Dataset, as_of: dt.date | None) -> dict[tuple[str, str], Any]:
    """What every export must say: straight from the model, not from a view."""
    snap = analysis.snapshot(ds, as_of)
    return {(i, a): snap.get((a, i)) for i in ds.issues for a in ds.actors}


@pytest.mark.parametrize(("data", "as_of"), ROUND_TRIPS)
def test_csv_reads_back_as_the_positions_in_force(data: Path | None, as_of: dt.date | None) -> None:
    ds = load(data)
    text = exporter.render("csv", views.report_view(ds, as_of))
    assert "\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == LONG_COLUMNS
    expected = []
    for (issue, actor), p in _in_force(ds, as_of).items():
        head = [issue, ds.issues[issue].title, actor, ds.actors[actor].name]
        party = "true" if ds.actors[actor].party_on(as_of) else "false"
        if p is None:
            expected.append([*head, "", "", "", "", "", "", party, *[""] * 10])
        else:
            first, *more = p.evidence
            expected.append(
                [
                    *head,
                    p.stance.id,
                    str(p.stance.score),
                    p.summary,
                    p.quote or "",
                    p.source,
                    p.date.isoformat(),
                    party,
                    p.basis.value,
                    p.note or "",
                    ";".join(f"{c.issue}={c.outcome}" for c in p.conditions),
                    "" if p.salience is None else str(p.salience),
                    "true" if p.red_line else "false",
                    {None: "", LONG_STANDING: "long-standing"}.get(p.held_since, str(p.held_since)),
                    first.speaker or "",
                    first.url or "",
                    "\n".join(
                        f"{e.source} | {e.speaker or ''} | {e.url or ''} | "
                        f"{e.date or ''} | {e.quote or ''}"
                        for e in more
                    ),
                    "" if first.date is None else first.date.isoformat(),
                ]
            )
    assert rows[1:] == expected


@pytest.mark.parametrize(("data", "as_of"), ROUND_TRIPS)
def test_wide_csv_opens_as_a_matrix(data: Path | None, as_of: dt.date | None) -> None:
    ds = load(data)
    text = exporter.render("csv", views.report_view(ds, as_of), wide=True)
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    assert header == ["issue", "issue_title", "status", *ds.actors]
    assert [r[0] for r in rows] == list(ds.issues)
    in_force = _in_force(ds, as_of)
    matrix = {
        (r[0], actor): stance for r in rows for actor, stance in zip(ds.actors, r[3:], strict=True)
    }
    assert all(len(r) == len(header) for r in rows)
    assert matrix == {k: "" if p is None else p.stance.id for k, p in in_force.items()}
    snap = analysis.snapshot(ds, as_of)
    statuses = {
        i: analysis.issue_status(s for a in ds.actors if (s := analysis.stance_of(snap, a, i)))
        for i in ds.issues
    }
    assert {r[0]: r[2] for r in rows} == {i: s.value for i, s in statuses.items()}


@pytest.mark.parametrize(("data", "as_of"), ROUND_TRIPS)
def test_json_reads_back_as_the_positions_in_force(
    data: Path | None, as_of: dt.date | None
) -> None:
    ds = load(data)
    doc = json.loads(exporter.render("json", views.report_view(ds, as_of)))
    assert list(doc) == ["format", "title", "as_of", "actors", "issues", "agreement", "weighted"]
    assert doc["format"] == 1
    # Weighted when a counted position in force gives a salience (docs/analysis.md).
    snap = analysis.snapshot(ds, as_of)
    assert doc["weighted"] is any(
        p.salience is not None and analysis.counted(p) is not None for p in snap.values()
    )
    assert doc["title"] == ds.title
    assert doc["as_of"] == (None if as_of is None else as_of.isoformat())
    assert doc["actors"] == [
        {
            "id": a.id,
            "name": a.name,
            "aliases": list(a.aliases),
            "short": a.short,
            "capability": a.capability,
            "active": None
            if a.active is None
            else {
                "from": None if a.active.start is None else a.active.start.isoformat(),
                "until": None if a.active.end is None else a.active.end.isoformat(),
            },
        }
        for a in ds.actors.values()
    ]
    assert [i["id"] for i in doc["issues"]] == list(ds.issues)
    for (issue, actor), p in _in_force(ds, as_of).items():
        entry = next(i for i in doc["issues"] if i["id"] == issue)
        assert list(entry) == ["id", "title", "question", "tags", "status", "sides", "positions"]
        assert entry["tags"] == list(ds.issues[issue].tags)
        assert (entry["title"], entry["question"]) == (
            ds.issues[issue].title,
            ds.issues[issue].question,
        )
        got = entry["positions"][actor]
        if p is None:
            assert got is None
            side = "unstated" if ds.actors[actor].party_on(as_of) else "not_party"
            assert actor in entry["sides"][side]
            continue
        source = ds.sources[p.source]
        assert got == {
            "actor": actor,
            "actor_name": ds.actors[actor].name,
            "stance": p.stance.id,
            "score": p.stance.score,
            "summary": p.summary,
            "quote": p.quote,
            "source": p.source,
            "source_name": source.name,
            "source_url": source.url,
            "date": p.date.isoformat(),
            "party": True,
            "basis": p.basis.value,
            "note": p.note,
            "conditions": [{"issue": c.issue, "outcome": c.outcome} for c in p.conditions],
            "salience": p.salience,
            "red_line": p.red_line,
            "held_since": {None: None, LONG_STANDING: "long-standing"}.get(
                p.held_since, str(p.held_since)
            ),
            "evidence": [
                {
                    "source": e.source,
                    "source_name": ds.sources[e.source].name,
                    "quote": e.quote,
                    "speaker": e.speaker,
                    "url": e.url,
                    "date": None if e.date is None else e.date.isoformat(),
                }
                for e in p.evidence
            ],
        }
        if p.conditions:
            assert actor in entry["sides"]["conditional"]
    snap = analysis.snapshot(ds, as_of)
    matrix = analysis.agreement_matrix(snap, list(ds.actors), list(ds.issues))
    assert doc["agreement"] == {
        a: {
            b: {
                "agreement": None if m.score is None else round(m.score, 4),
                "shared": m.shared,
            }
            for (x, b), m in matrix.items()
            if x == a
        }
        for a in ds.actors
    }


# --- hostile text -------------------------------------------------------------------------------


def test_hostile_csv_is_neutralised_exactly() -> None:
    # Format 2's columns of a format-1 file: the defaults, or nothing when unstated.
    stated = ',"true","reported","","","","false","","","","",""\r\n'
    unstated = ',"true","","","","","","","","","",""\r\n'
    assert export("-f", "csv", "--data", str(HOSTILE)) == (
        '"issue","issue_title","actor","actor_name","stance","score","summary","quote",'
        '"source","date","party","basis","note","conditions","salience","red_line",'
        '"held_since","speaker","url","more_evidence","evidence_date"\r\n'
        '"formula","\'-2 points","mallory","\'@Mallory <img src=x onerror=alert(1)>",'
        '"strongly_oppose",-2,"\'=cmd|\' /C calc\'!A0","\'+SUM(1,2)","evil","2025-01-01"'
        + stated
        + '"formula","\'-2 points","bob","Bob | the `builder`","support",1,'
        '"<script>document.title=\'pwned\'</script>","\'-2 points","plain","2025-01-02"'
        + stated
        + '"formula","\'-2 points","carol","Carol","","","","","",""'
        + unstated
        + '"markup","Markup [x](javascript:alert(1))","mallory",'
        '"\'@Mallory <img src=x onerror=alert(1)>","neutral",0,'
        '"| pipes | [link](javascript:alert(1)) `code` *em* _u_ ~~s~~ $x$ &amp; #1 \\ <br>",'
        '"","plain","2025-01-03"'
        + stated
        + '"markup","Markup [x](javascript:alert(1))","bob","Bob | the `builder`","oppose",-1,'
        '"\\x1b[2Jcleared\nsecond line\\x0d\nthird \\u202eevil","Tabbed","evil","2025-01-04"'
        + stated
        + '"markup","Markup [x](javascript:alert(1))","carol","Carol","","","","","",""'
        + unstated
    )


def test_hostile_wide_csv_is_neutralised_exactly() -> None:
    assert export("-f", "csv", "--wide", "--data", str(HOSTILE)) == (
        '"issue","issue_title","status","mallory","bob","carol"\r\n'
        '"formula","\'-2 points","contested","strongly_oppose","support",""\r\n'
        '"markup","Markup [x](javascript:alert(1))","mixed","neutral","oppose",""\r\n'
    )


def test_raw_csv_is_the_data_exactly(tmp_path: Path) -> None:
    out = tmp_path / "raw.csv"
    result = runner.invoke(
        app, ["export", "-f", "csv", "--raw", "--data", str(HOSTILE), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["issue_title"] for r in rows[:3]] == ["-2 points"] * 3
    assert rows[0]["summary"] == "=cmd|' /C calc'!A0"
    assert rows[0]["score"] == "-2"
    assert rows[4]["summary"] == "\x1b[2Jcleared\nsecond line\r\nthird \u202eevil"


def test_raw_is_refused_on_a_terminal() -> None:
    controller, terminal = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "positions", "export", "-f", "csv", "--raw"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert result.stderr.endswith(
        "Error: Invalid value for --raw: --raw keeps control characters, which a terminal "
        "would obey: send it to a file or a pipe (-o FILE, or | another program)\n"
    )


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2 points", "'-2 points"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        # A tab or CR is first shown as an escape, which is no longer formula-looking.
        ("\t=1", "\\x09=1"),
        ("\r=1", "\\x0d=1"),
        ("a=1", "a=1"),
        # After a character a spreadsheet may split on, a formula gets its quote too.
        (" =1", " '=1"),
        ("ok;=1+2", "ok;'=1+2"),
        ("ok,@SUM(1)", "ok,'@SUM(1)"),
        ("ok|-cmd", "ok|'-cmd"),
        ("ok\n+x", "ok\n'+x"),
        ("ok;--x", "ok;'--x"),
        # After any character a spreadsheet could be told to split on.
        ("t:=2+2", "t:'=2+2"),
        ("(@user)", "('@user)"),
        # A sign before a number that goes on is a formula to Excel (DDE).
        ("a;-2+3+cmd|' /C calc'!A0", "a;'-2+3+cmd|' /C calc'!A0"),
        # ... but not a plain number, a dash in prose, a sign at the end, or a
        # character that follows a letter, a digit or . ' + - (no spreadsheet
        # splits on those).
        ("a -2 b", "a -2 b"),
        ("a;+1", "a;+1"),
        ("a;-1.5", "a;-1.5"),
        ("a - b", "a - b"),
        ("a -", "a -"),
        ("U.S.-led", "U.S.-led"),
        ("e-mail", "e-mail"),
        ("x--y", "x--y"),
        ("2+2=4", "2+2=4"),
        ("", ""),
        (None, ""),
        ("line\nbreak", "line\nbreak"),
    ],
)
def test_cell_text(text: str | None, cell: str) -> None:
    assert cell_text(text) == cell


def test_hostile_markdown_is_escaped_exactly() -> None:
    lines = export("-f", "md", "--data", str(HOSTILE)).splitlines()
    for line in [
        "# \\<b\\>Hostile\\</b\\> \\| \\*test\\* \\& data",
        "| Issue | @Mallory \\<img src=x onerror=alert(1)\\> | Bob \\| the \\`builder\\` "
        "| Carol | Status |",
        "| Markup \\[x\\](javascript:alert(1)) | 0 | - | . | mixed |",
        "### Markup \\[x\\](javascript:alert(1))",
        "*Line one line two \\| with pipe*",
        "| @Mallory \\<img src=x onerror=alert(1)\\> | -- strongly oppose "
        "| =cmd\\|' /C calc'\\!A0<br>*“+SUM(1,2)”* "
        '| [=HYPERLINK("http://evil.example","click")]'
        "(https://example.org/a?b=1&c=%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%7Cx%20y%28z%29)"
        " | 2025-01-01 |",
        "| Bob \\| the \\`builder\\` | + support "
        "| \\<script\\>document.title='pwned'\\</script\\><br>*“-2 points”* "
        "| Plain source | 2025-01-02 |",
        "| @Mallory \\<img src=x onerror=alert(1)\\> | 0 neutral "
        "| \\| pipes \\| \\[link\\](javascript:alert(1)) \\`code\\` \\*em\\* \\_u\\_ "
        "\\~\\~s\\~\\~ \\$x\\$ \\&amp; \\#1 \\\\ \\<br\\> | Plain source | 2025-01-03 |",
        "| Bob \\| the \\`builder\\` | - oppose "
        "| \\\\x1b\\[2Jcleared<br>second line\\\\x0d<br>third \\\\u202eevil<br>*“Tabbed”* "
        '| [=HYPERLINK("http://evil.example","click")]'
        "(https://example.org/a?b=1&c=%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%7Cx%20y%28z%29)"
        " | 2025-01-04 |",
    ]:
        assert line in lines


def test_hostile_markdown_renders_literally() -> None:
    """Rendered as GitHub does (CommonMark, tables, strikethrough, raw HTML allowed),
    every summary comes out as its own text and the only HTML is our own."""
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    page = renderer.render(export("-f", "md", "--data", str(HOSTILE)))
    assert set(re.findall(r"<([a-z0-9]+)", page)) == {
        *("h1", "h2", "h3", "p", "em", "strong", "code", "a", "br", "ul", "li"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
    for p in load(HOSTILE).positions:
        shown = html.escape(printable(p.summary, keep_newlines=True), quote=False)
        shown = shown.replace('"', "&quot;").replace("\n", "<br>")
        assert f'<td style="text-align:left">{shown}' in page


@given(st.text())
def test_markdown_escaping_leaves_no_markup(text: str) -> None:
    escaped = md(text)
    assert not {"\n", "\r"} & set(escaped)
    bare = re.sub(r"\\.", "", escaped.replace("<br>", ""))
    assert not set(bare) & set("\\`*_[]<>|~&$#!")


def test_hostile_json_keeps_the_exact_text_and_prints_inert() -> None:
    text = export("-f", "json", "--data", str(HOSTILE))
    assert not {"\x1b", "\u202e"} & set(text)
    assert '"summary": "\\u001b[2Jcleared\\nsecond line\\r\\nthird \\u202eevil"' in text
    doc = json.loads(text)
    positions = doc["issues"][1]["positions"]
    assert positions["bob"]["summary"] == "\x1b[2Jcleared\nsecond line\r\nthird \u202eevil"
    assert doc["issues"][0]["positions"]["mallory"]["summary"] == "=cmd|' /C calc'!A0"
    assert doc["issues"][0]["positions"]["carol"] is None
    assert doc["title"] == "<b>Hostile</b> | *test* & data"


def test_hostile_html_is_escaped_exactly(tmp_path: Path) -> None:
    page = export_file(tmp_path, "-f", "html", "--data", str(HOSTILE))
    for fragment in [
        "<title>&lt;b&gt;Hostile&lt;/b&gt; | *test* &amp; data</title>",
        '<p class="summary">&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;</p>',
        '<th scope="row">@Mallory &lt;img src=x onerror=alert(1)&gt;</th>',
        '<a href="https://example.org/a?b=1&amp;c=%22%3E%3Cscript%3Ealert%281%29%3C/script%3E'
        '%7Cx%20y%28z%29" rel="noopener noreferrer">'
        "=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)</a>",
        '<p class="summary">\\x1b[2Jcleared\nsecond line\\x0d\nthird \\u202eevil</p>',
        '<p class="summary">| pipes | [link](javascript:alert(1)) `code` *em* _u_ ~~s~~ $x$ '
        "&amp;amp; #1 \\ &lt;br&gt;</p>",
        '<p class="question">Line one\nline two | with pipe</p>',
    ]:
        assert fragment in page
    assert "<script" not in without_our_script(page).lower()
    assert "<img" not in page.lower()
    # Only ever in text, or in a data- attribute (the filters' copy of a title: no URL).
    tags = re.sub(r">[^<]*<", "><", without_our_script(page))
    assert "javascript:" not in re.sub(r' data-[a-z-]+="[^"]*"', "", tags)
    assert not {"\x1b", "\u202e"} & set(page)


@given(st.text())
def test_html_escaping_leaves_no_markup(text: str) -> None:
    escaped = escape(text)
    assert not set(escaped) & set("<>\"'")
    assert re.fullmatch(r"([^&]|&(amp|lt|gt|quot|#x27);)*", escaped, re.DOTALL)


def without_our_script(page: str) -> str:
    """The page without its one script (report.js, run by its hash alone): what is
    left must hold no script at all. The page holds that one exactly once."""
    ours = f"<script>{html_export.script()}</script>"
    assert page.count(ours) == 1
    return page.replace(ours, "")


def test_html_is_self_contained() -> None:
    for view in (views.report_view(load()), views.report_view(load(), briefing=True)):
        page = exporter.render("html", view)
        assert page.startswith("<!DOCTYPE html>\n")
        policy = (
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
        )
        if view.briefing is None:  # no briefing, no filters: no script
            assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in page
        else:
            digest = hashlib.sha256(html_export.script().encode()).digest()
            allowed = f"script-src 'sha256-{base64.b64encode(digest).decode()}'"
            assert f'content="{policy}; {allowed}">' in page
            page = without_our_script(page)
        for needle in ("<script", "<link", "<img", "<iframe", "src=", "@import", "url("):
            assert needle not in page.lower()


def test_only_web_links_become_links() -> None:
    assert exporter.web_url("https://example.org/a b") == "https://example.org/a%20b"
    assert exporter.web_url("HTTP://example.org") == "HTTP://example.org"
    assert exporter.web_url("javascript:alert(1)") is None
    assert exporter.web_url(None) is None


# --- write ------------------------------------------------------------------------------------


def listing(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def new_file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def test_write_creates_the_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    exporter.write(target, "é\r\n")
    assert listing(tmp_path) == {"report.md": "é\r\n".encode()}
    assert stat.S_IMODE(target.stat().st_mode) == new_file_mode()


def test_write_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    with pytest.raises(OutputError) as caught:
        exporter.write(target, "new")
    assert str(caught.value) == f"{target} exists; use --force to replace it"
    assert listing(tmp_path) == {"report.md": b"old"}


def test_write_with_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o640)
    exporter.write(target, "new", force=True)
    assert listing(tmp_path) == {"report.md": b"new"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("dangling", [False, True])
def test_write_never_replaces_or_follows_a_symlink(
    tmp_path: Path, force: bool, dangling: bool
) -> None:
    target = tmp_path / "target.md"
    if not dangling:
        target.write_text("old")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    with pytest.raises(OutputError) as caught:
        exporter.write(link, "new", force=force)
    assert str(caught.value) == (
        f"{link} is a symbolic link (to {target}); a link is never replaced or "
        "written through: give the path of the file itself"
    )
    assert os.readlink(link) == str(target)
    assert (None if dangling else target.read_text()) == (None if dangling else "old")
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["report.md"] if dangling else ["report.md", "target.md"]
    )


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: os.mkfifo(p), "a FIFO"),
        (lambda p: socket.socket(socket.AF_UNIX).bind(str(p)), "a socket"),
    ],
    ids=["fifo", "socket"],
)
def test_force_replaces_only_a_regular_file(
    tmp_path: Path, make: Callable[[Path], None], kind: str
) -> None:
    target = tmp_path / "report.md"
    make(target)
    with pytest.raises(OutputError) as caught:
        exporter.write(target, "new", force=True)
    assert str(caught.value) == (
        f"{target} is {kind}, not a regular file; only a regular file is ever replaced: "
        "give the path of a file to write"
    )
    assert not target.is_file()


def test_force_never_replaces_a_device() -> None:
    with pytest.raises(OutputError) as caught:
        exporter.write(Path("/dev/null"), "new", force=True)
    assert str(caught.value) == (
        "/dev/null is a device, not a regular file; only a regular file is ever replaced: "
        "give the path of a file to write"
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("name", ["c" * 251 + ".csv", "\u00e9" * 125 + ".csv"])
def test_a_name_of_up_to_255_bytes_is_written(tmp_path: Path, name: str) -> None:
    """The temporary file beside it keeps only as much of the name as fits: a name of
    242 to 255 bytes was once refused as too long for the system."""
    assert len(os.fsencode(name)) in (254, 255)
    exporter.write(tmp_path / name, "new")
    assert listing(tmp_path) == {name: b"new"}


@pytest.mark.parametrize(
    "make",
    [lambda d: d / ("x" * 300), lambda d: d.joinpath(*["y"] * 3000, "r.md")],
    ids=["name-over-255-bytes", "path-over-path-max"],
)
def test_a_path_the_system_refuses_is_one_line(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    target = make(tmp_path)
    with pytest.raises(OutputError) as caught:
        exporter.write(target, "new")
    assert str(caught.value) == (
        f"{target}: the name or the path is too long for the system; choose a shorter one"
    )
    assert listing(tmp_path) == {}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing" / "r.md", "{p}: no such directory {d}/missing; create it first"),
        (lambda d: d, "{p} is a directory; give the path of a file to write"),
        (lambda d: d / "file" / "r.md", "{p}: {d}/file is not a directory"),
    ],
    ids=["missing-directory", "directory", "parent-is-a-file"],
)
def test_write_refuses_impossible_paths(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    (tmp_path / "file").write_text("x")
    target = make(tmp_path)
    with pytest.raises(OutputError) as caught:
        exporter.write(target, "new")
    assert str(caught.value) == message.format(p=target, d=tmp_path)
    assert listing(tmp_path) == {"file": b"x"}


@pytest.mark.parametrize(
    ("owner", "name"),
    [(tempfile, "mkstemp"), (Path, "is_dir")],
    ids=["directory-not-writable", "directory-not-searchable"],
)
def test_write_without_permission_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, owner: object, name: str
) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(owner, name, denied)
    target = tmp_path / "r.md"
    with pytest.raises(OutputError) as caught:
        exporter.write(target, "new")
    assert str(caught.value) == f"{target}: permission denied; choose a directory you can write to"
    assert listing(tmp_path) == {}


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_write_into_a_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            exporter.write(locked / "r.md", "new")
        assert listing(locked) == {}
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_full_disk_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (tmp_path / "report.md").write_text("old")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, where, full)
    target = tmp_path / "report.md"
    with pytest.raises(OutputError) as caught:
        exporter.write(target, "new", force=True)
    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert listing(tmp_path) == {"report.md": b"old"}


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_crash_mid_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (tmp_path / "report.md").write_text("old")
    seen: list[set[str]] = []

    def crash(*args: object) -> None:
        seen.append({p.name for p in tmp_path.iterdir()})  # the temporary file exists here
        raise KeyboardInterrupt

    monkeypatch.setattr(os, where, crash)
    with pytest.raises(KeyboardInterrupt):
        exporter.write(tmp_path / "report.md", "new", force=True)
    assert [len(names) for names in seen] == [2]  # the temporary file was there: this can fail
    assert listing(tmp_path) == {"report.md": b"old"}


# --- the command -----------------------------------------------------------------------------

USAGE = "Usage: positions export [OPTIONS]\nTry 'positions export -h' for help.\n\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-f", "html", "-o", "newdir/"],
            "Error: Invalid value for --output: 'newdir/' ends with '/', so it names a "
            "directory; give a file in it, e.g. newdir/report.html\n",
        ),
        (
            ["-f", "md", "--wide"],
            "Error: Invalid value for --wide: --wide applies to --format csv only\n",
        ),
        (
            ["-f", "json", "--raw"],
            "Error: Invalid value for --raw: --raw applies to --format csv only\n",
        ),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", *args])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", USAGE + message)


def test_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    result = runner.invoke(app, ["export", "-f", "html", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {target} exists; use --force to replace it\n"
    assert listing(tmp_path) == {"report.html": b"old"}
    result = runner.invoke(
        app, ["export", "-f", "html", "-o", str(target), "--force"], catch_exceptions=False
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_missing_directory_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "r.csv"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {target}: no such directory {target.parent}; create it first\n"


def test_dash_means_stdout() -> None:
    assert export("-f", "json", "-o", "-") == export("-f", "json")


def test_html_goes_to_stdout_too(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["export", "-f", "html", "-o", str(out)]).exit_code == 0
    assert export("-f", "html", "-o", "-") == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_an_export_on_a_pipe_is_utf8_whatever_the_locale(encoding: str, fmt: str) -> None:
    args = [sys.executable, "-m", "positions", "export", "-f", fmt]
    env = {**os.environ, "PYTHONIOENCODING": encoding, "POSITIONS_NO_CACHE": "1"}
    got = subprocess.run(args, capture_output=True, env=env, check=True).stdout
    assert got.decode("utf-8") == export("-f", fmt)
    assert "…".encode() in got  # in a summary of the default data
    if fmt == "json":
        json.loads(got)


@pytest.mark.parametrize(
    ("fmt", "terminal", "expected"),
    [
        ("json", None, '"é 🤝"'.encode()),
        ("json", "utf-8", '"é 🤝"'.encode()),
        ("json", "latin-1", b'"\\u00e9 \\ud83e\\udd1d"'),
        ("json", "ascii", b'"\\u00e9 \\ud83e\\udd1d"'),
        ("md", "latin-1", b"\xe9 &#129309;"),
        ("html", "ascii", b"&#233; &#129309;"),
        ("csv", "latin-1", b"\xe9 \\U0001f91d"),
    ],
)
def test_an_export_on_a_terminal_of_another_encoding_is_escaped_as_the_format_allows(
    fmt: str, terminal: str | None, expected: bytes
) -> None:
    text = '"é 🤝"' if fmt == "json" else "é 🤝"
    got = exporter.encoded(fmt, text, terminal)
    assert got == expected
    if fmt == "json":
        assert json.loads(got) == "é 🤝"


def test_format_is_case_insensitive() -> None:
    assert export("-f", "JSON") == export("-f", "json")


def test_lookup_errors_come_before_any_file(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--actors", "zzz"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert listing(tmp_path) == {}


# --- docs/json.md -------------------------------------------------------------------------------


def _keys(value: Any, path: str = "") -> set[str]:
    """Every key path in a JSON value, list items and map keys merged."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            here = f"{path}.{k}" if not _is_id_map(value) else f"{path}.*"
            found.add(here)
            found |= _keys(v, here)
    elif isinstance(value, list):
        for item in value:
            found |= _keys(item, f"{path}[]")
    return found


def _is_id_map(value: dict[str, Any]) -> bool:
    """Maps keyed by actor ids (positions, agreement) rather than by fixed keys."""
    ids = {"russia", "ukraine", "united_states", "european_allies", "canada"}
    return bool(value) and set(value) <= ids


#: Every command documented in docs/json.md; scripts/make_docs.py writes their
#: output under them, and this test holds the documented keys to the real ones.
DOC_EXAMPLES = [
    "positions issues --json",
    "positions actors --json",
    "positions show donbas --json",
    "positions diff russia ukraine --json",
    "positions compare --issues donbas,front_freeze --json",
    "positions alignment --actors russia,ukraine,canada --json",
    "positions deal --issues borders,security_guarantees --json",
    "positions landing --issues donbas --json",
    "positions trades --data tests/data/trade2.yaml --as-of 2024-05-31 --json",
    "positions history us --issue peace --json",
    "positions changes --actors us --issues donbas --json",
    "positions brief --json",
    "positions export --format json --actors russia,ukraine,canada --issues donbas",
]


def _doc_examples() -> dict[str, Any]:
    """Each ```json block in docs/json.md, keyed by the `$ command` line above it."""
    text = (HERE.parent / "docs" / "json.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ (.+?)\n```\n+```json\n(.*?)```", text, re.DOTALL)
    return {command: json.loads(body) for command, body in blocks}


def test_docs_json_examples_have_the_real_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE.parent)  # an example may name a file of the checkout
    examples = _doc_examples()
    assert list(examples) == DOC_EXAMPLES
    for command in DOC_EXAMPLES:
        result = runner.invoke(app, command.split()[1:], catch_exceptions=False)
        assert result.exit_code == 0
        assert _keys(examples[command]) == _keys(json.loads(result.stdout)), command


def test_an_empty_output_name_is_a_usage_error() -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--output", ""])
    assert result.exit_code == 2
    assert "needs a file name, or '-' for stdout" in result.stderr


# --- hostile text in format 2's fields ------------------------------------------------------


@pytest.fixture
def hostile_2(tmp_path: Path) -> Path:
    path = tmp_path / "hostile2.yaml"
    path.write_text(HOSTILE_2, encoding="utf-8")
    return path


def test_hostile_format_2_csv_is_neutralised_exactly(hostile_2: Path) -> None:
    rows = export("-f", "csv", "--data", str(hostile_2)).split("\r\n")
    assert rows[3] == (
        '"j","J","a","Mallory","support",1,"s","q","s","2025-01-02","true","inferred",'
        '"<script>alert(2)</script> [x](javascript:alert(3)) \\u202e \\x1b[2J;\'=1+2",'
        '"i=adopted","","true","","\\x1b]0;pwned\\x07<img src=x onerror=alert(1)>|`x`",'
        '"https://example.org/a?b=""><script>alert(4)</script>",'
        "\"s | '=cmd|' /C calc'!A0 | https://example.org/b |  | '@SUM(1)\","
        '"2025-01-01"'
    )
    assert rows[2] == '"i","<b>Cond</b> | *x*","b","Bob","","","","","","","false"' + ',""' * 10


def test_hostile_format_2_markdown_is_escaped_exactly(hostile_2: Path) -> None:
    text = export("-f", "md", "--data", str(hostile_2))
    assert (
        "| Mallory | +?\\|\\! support | s<br>**Inferred**: \\<script\\>alert(2)\\</script\\> "
        "\\[x\\](javascript:alert(3)) \\\\u202e \\\\x1b\\[2J;=1+2<br>only if \\<b\\>Cond\\</b\\> "
        "\\| \\*x\\* is adopted<br>**red line**<br>*“q”*<br>*“@SUM(1)”* "
        "| \\\\x1b\\]0;pwned\\\\x07\\<img src=x onerror=alert(1)\\>\\|\\`x\\`, via "
        "[\\<script\\>alert('s')\\</script\\>]"
        "(https://example.org/a?b=%22%3E%3Cscript%3Ealert%284%29%3C/script%3E), 2025-01-01"
        "<br>=cmd\\|' /C calc'\\!A0, via [\\<script\\>alert('s')\\</script\\>]"
        "(https://example.org/b) | 2025-01-02 |"
    ) in text.splitlines()
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    page = renderer.render(text)
    assert set(re.findall(r"<([a-z0-9]+)", page)) == {
        *("h1", "h2", "h3", "p", "em", "strong", "code", "a", "br", "ul", "li"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
    assert not {"\x1b", "\u202e"} & set(page)


def test_hostile_format_2_html_is_escaped_exactly(hostile_2: Path, tmp_path: Path) -> None:
    page = export_file(tmp_path, "-f", "html", "--data", str(hostile_2))
    for fragment in [
        '<p class="why"><strong>Inferred</strong>: &lt;script&gt;alert(2)&lt;/script&gt; '
        "[x](javascript:alert(3)) \\u202e \\x1b[2J;=1+2</p>",
        '<p class="conditions">only if <bdi>&lt;b&gt;Cond&lt;/b&gt; | *x*</bdi> is adopted</p>',
        '<span class="speaker">\\x1b]0;pwned\\x07&lt;img src=x onerror=alert(1)&gt;|`x`</span>, '
        'via <a href="https://example.org/a?b=%22%3E%3Cscript%3Ealert%284%29%3C/script%3E" '
        'rel="noopener noreferrer">&lt;script&gt;alert(&#x27;s&#x27;)&lt;/script&gt;</a>',
        '<span class="chip st support"><span class="sym" aria-hidden="true">+?|!</span></span>',
        '<td class="st not-party" data-actor="b" data-sort="" data-at="0/not-party/x/not a '
        'party//"><span class="sym" aria-hidden="true">x</span> <span class="word">not a '
        "party</span></td>",
    ]:
        assert fragment in page
    assert "<script" not in without_our_script(page).lower()
    assert "<img" not in page.lower()
    assert not {"\x1b", "\u202e"} & set(page)


def test_hostile_format_2_json_keeps_the_exact_text(hostile_2: Path) -> None:
    text = export("-f", "json", "--data", str(hostile_2))
    assert not {"\x1b", "\u202e"} & set(text)
    position = json.loads(text)["issues"][1]["positions"]["a"]
    assert position["note"] == (
        "<script>alert(2)</script> [x](javascript:alert(3)) \u202e \x1b[2J;=1+2"
    )
    assert [e["speaker"] for e in position["evidence"]] == [
        "\x1b]0;pwned\x07<img src=x onerror=alert(1)>|`x`",
        "=cmd|' /C calc'!A0",
    ]
    assert position["evidence"][0]["url"] == 'https://example.org/a?b="><script>alert(4)</script>'


def test_every_renderer_names_the_same_marks() -> None:
    """The terminal, Markdown and HTML legends all read the model's one table."""
    from positions import model
    from positions.export import html, markdown
    from positions.render import terminal

    tables = [vars(m)["MARKS"] for m in (terminal, markdown, html)]
    assert all(t is model.MARKS for t in tables)
    assert [mark for mark, _ in model.MARKS] == ["~", "?", "|", "!", "x"]


# --- the cover ---------------------------------------------------------------------------------


def test_the_cover_takes_a_title_and_a_note_as_text(tmp_path: Path) -> None:
    cover = ["--title", "<b>Week 33</b>", "--note", "For the desk\n<script>x</script> *now*"]
    page = export_file(tmp_path, "-f", "html", *cover)
    assert "<title>&lt;b&gt;Week 33&lt;/b&gt;</title>" in page
    assert "<h1>&lt;b&gt;Week 33&lt;/b&gt;</h1>" in page
    assert '<p class="cover-note">For the desk\n&lt;script&gt;x&lt;/script&gt; *now*</p>' in page
    text = export("-f", "md", *cover)
    assert text.startswith(
        "# \\<b\\>Week 33\\</b\\>\n\nFor the desk \\<script\\>x\\</script\\> \\*now\\*\n\n"
    )


@pytest.mark.parametrize("flag", ["--title", "--note"])
def test_an_empty_cover_is_refused(flag: str) -> None:
    result = runner.invoke(app, ["export", "-f", "html", flag, "  "])
    assert result.exit_code == 2
    assert f"Invalid value for {flag}: it is empty: give the words, or leave it out" in (
        " ".join(result.stderr.split())
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "svg"])
def test_a_cover_is_for_html_and_markdown_only(fmt: str) -> None:
    result = runner.invoke(app, ["export", "-f", fmt, "--note", "x"])
    assert result.exit_code == 2
    assert "--note applies to --format html or md only" in result.stderr


def test_the_memo_s_brief_says_what_positions_brief_says() -> None:
    """The packages, the issues a deal is linked to, and what a stance rests on (red
    line, indirect, conditional) in the lists of names, in the same words."""
    memo = export("-f", "md")
    brief = runner.invoke(app, ["brief"], env={"COLUMNS": "400"}).stdout
    for said in (
        "United States: support Donbas territory, only if Freeze in the south is adopted; "
        "backed by Russia (conditional); opposed by none",
        "Russia: support Freeze in the south, only if Donbas territory is adopted; backed by "
        "United States (conditional); opposed by Ukraine (red line) and European allies",
        "Russia for; Ukraine (red line) and European allies against; conditional: United States",
        "blocked by Russia: the rest would reject; linked to Freeze in the south",
        "Ukraine, United States (indirect) and Canada support",
    ):
        assert said in " ".join(brief.split()), said
        assert said in memo.replace("**", ""), said
    assert "### Packages conditional offers make (2)" in memo


def test_a_long_window_of_changes_names_the_command_that_lists_them_all() -> None:
    """`brief` has no --since: the rest of a window is `positions changes --since`'s."""
    memo = export("-f", "md", "--since", "2025-08-15")
    assert "- and 8 more (`positions changes --since 2025-08-15` lists every one)\n" in memo
    assert memo.count("lists every one") == 1


def test_since_puts_what_changed_first_in_the_briefing(tmp_path: Path) -> None:
    args = ["--data", str(TRADE), "--since", "2025-01-01"]
    memo = export("-f", "md", *args)
    assert (
        "### Changed from 2025-01-01 to the latest (1)\n\n"
        "- 2025-02-01 **European Union on Tariff cuts**: shift: neutral → support\n\n"
        "### Consensus (1)"
    ) in memo
    page = export_file(tmp_path, "-f", "html", *args)
    assert (
        '<h3 id="brief-changes">Changed from 2025-01-01 to the latest '
        '<span class="count" data-count="1">(1)</span></h3>\n'
        '<ul><li data-issues="tariffs" data-actors="eu">'
        "2025-02-01 <strong><bdi>European Union "
        "on Tariff cuts</bdi></strong>: shift: neutral → support</li></ul>"
    ) in page
    assert "### Changed" not in export("-f", "md", "--data", str(TRADE))  # only when asked


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "csv", "--since", "2025-01-01"], "--since applies to --format html or md only"),
        (["-f", "md", "--since", "2025-08-16", "--as-of", "2025-08-15"],
         "--since 2025-08-16 is after --as-of 2025-08-15; give an earlier day"),
    ],
)  # fmt: skip
def test_a_wrong_since_is_one_clear_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    "page",
    sorted([*(HERE.parent / "docs").glob("*.md"), HERE.parent / "README.md"]),
    ids=lambda p: p.name,
)
def test_every_table_of_the_docs_is_whole(page: Path) -> None:
    """A run of `|` lines outside a code block is one Markdown table: a heading row, a
    rule, then rows with as many cells (a table that an output block split, as
    analysis.md's outlook examples once were, leaves rows that show as text)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    fenced, run, runs = False, [], []
    for number, line in enumerate([*lines, ""], start=1):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("|"):
            run.append((number, line))
        elif run:
            runs.append(run)
            run = []
    for table in runs:
        first = table[0][0]
        assert len(table) >= 2, f"{page}:{first}: a table row with no heading"
        assert re.fullmatch(r"\|( *:?-+:? *\|)+", table[1][1]), f"{page}:{first}: no rule"
        width = table[0][1].replace("\\|", "").count("|")
        for number, row in table:
            cells = re.sub(r"`[^`]*`", "", row.replace("\\|", "")).count("|")
            assert cells == width, f"{page}:{number}: {cells - 1} cells, the heading {width - 1}"


@pytest.mark.parametrize("store", ["cold", "warm", "none"])
@pytest.mark.parametrize(
    ("data", "target", "what"),
    [
        ("tidy/talks.yaml", "tidy/votes.csv", "the positions table the data file names"),
        ("trade2.yaml", "trade2-sources/wire.txt", "the text of source 'wire'"),
    ],
)
def test_force_never_replaces_a_file_the_data_is_read_from(
    tmp_path: Path, data: str, target: str, what: str, store: str
) -> None:
    """The table a header names and a source's text are the data too: an export over
    them would lose it (and --check-quotes would then pass against the export)."""
    shutil.copytree(HERE / "data", tmp_path / "data")
    before = (tmp_path / "data" / target).read_bytes()
    env = {"POSITIONS_CACHE_DIR": str(tmp_path / "store")}
    if store == "none":
        env = {"POSITIONS_NO_CACHE": "1"}
    if store == "warm":
        assert (
            runner.invoke(
                app, ["--data", str(tmp_path / "data" / data), "issues"], env=env
            ).exit_code
            == 0
        )
    output = tmp_path / "data" / target
    args = [
        "--data",
        str(tmp_path / "data" / data),
        "export",
        "-f",
        "md",
        "-o",
        str(output),
        "--force",
    ]
    result = runner.invoke(app, args, env=env)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {output}: it is {what}, which the export would replace; give another file\n"
    )
    assert (tmp_path / "data" / target).read_bytes() == before


@pytest.mark.parametrize("through", ["itself", "a link"])
def test_force_never_replaces_the_data_file_with_its_own_export(
    tmp_path: Path, through: str
) -> None:
    data = tmp_path / "talks.yaml"
    data.write_bytes((HERE / "data" / "trade.yaml").read_bytes())
    given = data
    if through == "a link":
        given = tmp_path / "link.yaml"
        given.symlink_to(data)
    before = data.read_bytes()
    args = ["--data", str(given), "export", "-f", "csv", "-o", str(data), "--force"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {data}: it is the data file itself, which the export would replace; "
        "give another file\n"
    )
    assert data.read_bytes() == before


def test_force_never_replaces_the_file_given_on_standard_input(tmp_path: Path) -> None:
    data = tmp_path / "votes.csv"
    shutil.copy(HERE / "data" / "tidy" / "votes.csv", data)
    before = data.read_bytes()
    args = ["--data", "-", "export", "-f", "csv", "--raw", "-o", str(data), "--force"]
    with data.open("rb") as given:
        done = subprocess.run(
            [sys.executable, "-m", "positions", *args],
            stdin=given,
            capture_output=True,
            check=False,
            env={**os.environ, "POSITIONS_NO_CACHE": "1"},
        )
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode() == (
        f"error: {data}: it is the data file itself, which the export would replace; "
        "give another file\n"
    )
    assert data.read_bytes() == before


@pytest.mark.parametrize("through", ["itself", "a link to none yet"])
def test_an_export_never_writes_a_source_text_that_is_not_there_yet(
    tmp_path: Path, through: str
) -> None:
    """A source's `file:` not written yet is where --check-quotes would read it: written
    as it is named, or through a link the source's name is, to a file not there yet."""
    text = (HERE / "data" / "trade2.yaml").read_text(encoding="utf-8")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")  # its wire.txt is absent
    named = tmp_path / "trade2-sources" / "wire.txt"
    named.parent.mkdir()
    target = named
    if through == "a link to none yet":
        target = tmp_path / "out.md"
        named.symlink_to(target)
    args = ["--data", str(tmp_path / "t.yaml"), "export", "-f", "md", "-o", str(target)]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {target}: it is the text of source 'wire', which the export would replace; "
        "give another file\n",
    )
    assert not target.exists()
