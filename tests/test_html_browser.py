"""The HTML report in a real browser: it renders, runs nothing from the data, fetches nothing.

Headless Chromium loads the report from a file and prints the DOM after the
load event (`--dump-dom`); its network log (`--log-net-log`) records every
request a page starts, even one that fails. A probe page first proves that
this harness does see a script run and a request made, so the checks on the
report can fail. As a safety net nothing can leave the machine: every host
resolves to nothing and every request goes to a closed local proxy port.

Skipped when Chromium is not installed (Debian: `apt-get install chromium`);
set POSITIONS_REQUIRE_BROWSER=1 (as CI does) to make that a failure instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from positions import datafile, export, loader, views
from positions.cli import app
from positions.export import html as html_export
from positions.model import Stance
from tests.devtools import Browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("POSITIONS_REQUIRE_BROWSER") == "1":
        raise RuntimeError("POSITIONS_REQUIRE_BROWSER=1 but chromium is not installed")
    pytest.skip("chromium is not installed", allow_module_level=True)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
DATA = Path(__file__).parent / "data"
HOSTILE = DATA / "hostile.yaml"
TIMEOUT = 60  # seconds; a load takes about one


# --- a small DOM from --dump-dom -----------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and all(child.attrs.get(k) == v for k, v in attrs.items()):
                    found.append(child)
                found += child.find_all(tag, **attrs)
        return found

    def shown(self, tag: str, **attrs: str) -> list[Node]:
        """As `find_all`, but none that is `hidden` or inside such a node."""
        found = []
        for child in self.children:
            if isinstance(child, Node) and "hidden" not in child.attrs:
                if child.tag == tag and all(child.attrs.get(k) == v for k, v in attrs.items()):
                    found.append(child)
                found += child.shown(tag, **attrs)
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.tags.append(tag)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Loaded:
    dom: Node
    tags: list[str]  # every element in the DOM, in document order
    requests: set[str]  # every URL the page asked for

    @property
    def title(self) -> str:
        return self.dom.find_all("title")[0].text()


def browse(page: Path, work: Path, fragment: str = "", flags: tuple[str, ...] = ()) -> Loaded:
    """Load `page` (at `#fragment`) in headless Chromium, with `flags`; the DOM after
    load and the page's requests."""
    work.mkdir()
    netlog = work / "netlog.json"
    command = [
        str(CHROMIUM),
        *FLAGS,
        f"--user-data-dir={work / 'profile'}",
        f"--log-net-log={netlog}",
        *flags,
        "--dump-dom",
        page.as_uri() + (f"#{fragment}" if fragment else ""),
    ]
    # Its own process group, so a hung browser (say, stuck on an alert()) and
    # every helper process it started can be stopped together.
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as browser:
        try:
            stdout, stderr = browser.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.communicate()
            pytest.fail(f"chromium did not finish loading {page.name} in {TIMEOUT} s")
    assert browser.returncode == 0, stderr[-3000:]
    assert stdout.startswith("<!DOCTYPE html>"), stderr[-3000:]
    builder = _Builder()
    builder.feed(stdout)
    builder.close()
    return Loaded(builder.root, builder.tags, _page_requests(netlog))


def _page_requests(netlog: Path) -> set[str]:
    """URLs of the requests a web page started: the browser's own (update checks and
    the like, 'not an origin') are left out; a file:// page's have an opaque origin."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = set()
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] != start or "url" not in params:
            continue
        by_page = params.get("initiator") != "not an origin"
        from_file = "file://" in params.get("network_isolation_key", "")
        if by_page or from_file:
            urls.add(params["url"])
    return urls


def planted(loaded: Loaded) -> set[str]:
    """The DOM's tags but for the page's own script, which is checked to be report.js
    (the one script the page's policy lets run), and a summary's data block, checked
    to be JSON that no browser runs: whatever else is there got in."""
    scripts = loaded.dom.find_all("script")
    blocks = [s for s in scripts if s.attrs.get("type") == "application/json"]
    for block in blocks:
        assert block.attrs == {"type": "application/json", "id": "detail-data"}
        (text,) = block.children
        assert isinstance(text, str)
        assert isinstance(json.loads(text), dict)
    ours = [s.text() for s in scripts if s not in blocks]
    assert ours == [" ".join(html_export.script().split())]
    tags = list(loaded.tags)
    for _ in scripts:
        tags.remove("script")
    return set(tags)


def report(tmp_path: Path, data: Path | None = None, name: str = "report.html") -> Path:
    ds = loader.load(datafile.bundled_path() if data is None else data)
    path = tmp_path / name
    view = views.report_view(ds, briefing=True)  # the whole briefing, as `export` makes it
    path.write_text(export.render("html", view), encoding="utf-8")
    return path


def without_csp(page: Path) -> Path:
    """A copy of `page` without its Content-Security-Policy: escaping alone must hold."""
    text = page.read_text(encoding="utf-8")
    start = text.index('<meta http-equiv="Content-Security-Policy"')
    end = text.index(">", start) + 1
    copy = page.with_name("no-csp-" + page.name)
    copy.write_text(text[:start] + text[end:], encoding="utf-8")
    return copy


# --- the harness can fail ---------------------------------------------------------------------

PROBE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>start</title></head>
<body><img src="http://probe.invalid/a.png"><img src="http://192.0.2.1/b.png">
<script>document.title = 'ran'; document.body.append(document.createElement('mark'))</script>
</body></html>
"""


def test_the_harness_sees_a_script_run_and_a_request_made(tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text(PROBE, encoding="utf-8")
    loaded = browse(probe, tmp_path / "run")
    assert loaded.title == "ran"
    assert "mark" in loaded.tags
    assert loaded.requests == {"http://probe.invalid/a.png", "http://192.0.2.1/b.png"}


# --- the report --------------------------------------------------------------------------------


def test_the_matrix_is_rendered(tmp_path: Path) -> None:
    loaded = browse(report(tmp_path), tmp_path / "run")
    assert loaded.title == "Donbas and the Alaska summit, August 2025"
    (matrix,) = loaded.dom.find_all("table", **{"class": "matrix sortable"})
    header = [th.text() for th in matrix.find_all("th", scope="col")]
    assert header == [
        "Issue",
        "Russia",
        "Ukraine",
        "United States",
        "European allies",
        "Canada",
        "Status",
    ]
    (body,) = matrix.find_all("tbody")
    rows = [
        [cell.text() for cell in tr.children if isinstance(cell, Node)]
        for tr in body.find_all("tr")
    ]
    ss, s, u = "++ strongly support", "+ support", ". unstated"
    so = "-- strongly oppose"
    # Each mark after the symbol is said in words too, for a reader without the legend.
    assert rows == [
        [
            "Donbas territory",
            ss,
            "--! strongly oppose red line",
            "+| support conditional",
            so,
            u,
            "contested",
        ],
        ["Freeze in the south", "+| support conditional", u, u, u, u, "open"],
        ["Peace agreement, not a ceasefire", "+? support inferred", u, ss, u, u, "consensus"],
        ["Ukraine's NATO path", so, "+~ support indirect", u, ss, u, "contested"],
        ["Security guarantees", u, ss, "+~ support indirect", u, ss, "consensus"],
        ["Borders and territorial integrity", so, ss, u, ss, u, "contested"],
        ["Sanctions on Russia", u, u, u, s, u, "open"],
        ["Europeans at the table", u, u, u, "+? support inferred", u, "open"],
    ]
    classes = [td.attrs.get("class", "") for td in body.find_all("td")]
    classes = [c for c in classes if c.startswith("st ")]
    assert len(classes) == 40
    assert classes[:5] == [
        "st strongly-support",
        "st strongly-oppose",
        "st support",
        "st strongly-oppose",
        "st unstated",
    ]
    legend = [
        li.text() for li in loaded.dom.find_all("ul", **{"class": "legend"})[0].find_all("li")
    ]
    assert legend[-4:] == [
        "~ indirect (known only through another party's words)",
        "? inferred (the analyst's reading, not a report)",
        "| conditional (only if another issue is decided as stated; not counted)",
        "! red line (a stance it says it will never give up)",
    ]
    assert loaded.requests == set()


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_a_planted_script_shows_as_text(tmp_path: Path, csp: bool) -> None:
    page = report(tmp_path, HOSTILE)
    loaded = browse(page if csp else without_csp(page), tmp_path / "run")
    assert loaded.title == "<b>Hostile</b> | *test* & data"
    assert not {"script", "img", "b"} & planted(loaded)
    summaries = [p.text() for p in loaded.dom.find_all("p", **{"class": "summary"})]
    assert "<script>document.title='pwned'</script>" in summaries
    (matrix,) = loaded.dom.find_all("table", **{"class": "matrix sortable"})
    assert [th.text() for th in matrix.find_all("th", scope="col")] == [
        "Issue",
        "@Mallory <img src=x onerror=alert(1)>",
        "Bob | the `builder`",
        "Carol",
        "Status",
    ]
    links = loaded.dom.find_all("a", rel="noopener noreferrer")
    assert {a.attrs["href"] for a in links} == {
        "https://example.org/a?b=1&c=%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%7Cx%20y%28z%29"
    }
    assert loaded.requests == set()


def test_the_report_alone_requests_nothing(tmp_path: Path) -> None:
    loaded = browse(without_csp(report(tmp_path)), tmp_path / "run")
    assert loaded.requests == set()


def test_the_csp_blocks_scripts_and_requests(tmp_path: Path) -> None:
    """Second line of defence: even markup that got into the page stays inert."""
    page = report(tmp_path)
    text = page.read_text(encoding="utf-8")
    planted = PROBE.split("<body>")[1].split("</body>")[0]
    page.write_text(text.replace("</main>", planted + "</main>"), encoding="utf-8")
    loaded = browse(page, tmp_path / "run")
    assert loaded.title == "Donbas and the Alaska summit, August 2025"
    assert "mark" not in loaded.tags
    assert loaded.requests == set()


def test_a_script_planted_in_format_2_fields_shows_as_text(tmp_path: Path) -> None:
    """A note, a speaker, a url and a condition's issue carry markup: escaping alone
    (no Content-Security-Policy) keeps all of it text."""
    from tests.test_terminal_safety import HOSTILE_2

    data = tmp_path / "hostile2.yaml"
    data.write_text(HOSTILE_2, encoding="utf-8")
    loaded = browse(without_csp(report(tmp_path, data)), tmp_path / "run")
    assert not {"script", "img", "b"} & planted(loaded)
    notes = [p.text() for p in loaded.dom.find_all("p", **{"class": "why"})]
    assert notes == [
        "Inferred: <script>alert(2)</script> [x](javascript:alert(3)) \\u202e \\x1b[2J;=1+2"
    ]
    (conditions,) = loaded.dom.find_all("p", **{"class": "conditions"})
    assert conditions.text() == "only if <b>Cond</b> | *x* is adopted"
    speakers = [s.text() for s in loaded.dom.find_all("span", **{"class": "speaker"})]
    assert speakers == ["\\x1b]0;pwned\\x07<img src=x onerror=alert(1)>|`x`", "=cmd|' /C calc'!A0"]
    links = loaded.dom.find_all("a", rel="noopener noreferrer")
    assert [a.attrs["href"] for a in links] == [
        "https://example.org/a?b=%22%3E%3Cscript%3Ealert%284%29%3C/script%3E",
        "https://example.org/b",
    ]
    assert loaded.requests == set()


# --- the briefing and its pictures ---------------------------------------------------------


@pytest.mark.parametrize("data", [None, DATA / "trade2.yaml"], ids=["default", "format-2"])
def test_every_section_and_picture_renders(tmp_path: Path, data: Path | None) -> None:
    loaded = browse(report(tmp_path, data), tmp_path / "run")
    ds = loader.load(datafile.bundled_path() if data is None else data)
    headings = [h2.text() for h2 in loaded.dom.find_all("h2")]
    assert headings == [
        "Briefing",
        "Where each actor stands",
        "Positions by issue",
        "Agreement between actors",
        "Shifts over time",
    ]
    # The contents lead to every section, by keyboard as by mouse.
    (nav,) = loaded.dom.find_all("nav")
    links = [(a.attrs["href"], a.text()) for a in nav.find_all("a")]
    assert links == [("#" + h2.attrs["id"], h2.text()) for h2 in loaded.dom.find_all("h2")]
    briefing = loaded.dom.find_all("section", **{"class": "briefing"})[0]
    assert [h3.text().split(" (")[0] for h3 in briefing.shown("h3")] == [
        "Consensus",
        "Contested",
        "Deals within reach or blocked",
        "Closest and furthest pairs",
        "Recent shifts",
        "Red lines",
        "Indirect and inferred",
        "Gaps",
        "Trades",
        "Packages conditional offers make",
    ]
    charts = [n.attrs["class"] for n in loaded.dom.shown("svg")]
    contested = views.brief_view(ds).contested  # at a glance in the brief, then each issue
    assert charts == [
        *["chart issue-line"] * (len(contested) + len(ds.issues)),
        "chart heat-map",
        "chart timeline",
    ]
    # The heat map's cells carry the numbers `alignment --json` prints.
    args = [] if data is None else ["--data", str(data)]
    result = CliRunner().invoke(app, ["alignment", "--json", *args])
    matrix = json.loads(result.stdout)["matrix"]
    (heat,) = loaded.dom.shown("svg", **{"class": "chart heat-map"})
    cells = [r for r in heat.find_all("rect") if "data-a" in r.attrs]
    assert len(cells) == len(ds.actors) ** 2
    for r in cells:
        pair = matrix[r.attrs["data-a"]][r.attrs["data-b"]]
        said = r.attrs["data-score"]
        assert (float(said) if said else None) == pair["agreement"]
    assert loaded.requests == set()


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_a_script_planted_in_the_briefing_shows_as_text(tmp_path: Path, csp: bool) -> None:
    """Titles and names reach the brief's lists and the pictures' labels and tooltips:
    with or without the Content-Security-Policy, all of it stays text."""
    from tests.test_terminal_safety import HOSTILE_2

    data = tmp_path / "hostile2.yaml"
    data.write_text(HOSTILE_2, encoding="utf-8")
    page = report(tmp_path, data)
    loaded = browse(page if csp else without_csp(page), tmp_path / "run")
    assert not {"script", "img", "b", "foreignobject", "use", "image"} & planted(loaded)
    briefing = loaded.dom.find_all("section", **{"class": "briefing"})[0]
    assert "<b>Cond</b> | *x*" in briefing.text()
    tips = [t.text() for svg in loaded.dom.find_all("svg") for t in svg.find_all("title")]
    assert any("<img src=x onerror=alert(1)>" in t or "<b>Cond</b>" in t for t in tips)
    assert loaded.requests == set()


# --- print -----------------------------------------------------------------------------------

PDFTOPPM = shutil.which("pdftoppm")


def _pages(pdf: Path, work: Path) -> list[tuple[int, int, bytes]]:
    """Each page of `pdf` as a grey image (pdftoppm -gray, PGM): width, height, pixels."""
    assert PDFTOPPM is not None
    subprocess.run([PDFTOPPM, "-r", "36", "-gray", str(pdf), str(work / "page")], check=True)
    pages = []
    for image in sorted(work.glob("page*.pgm")):
        data = image.read_bytes()
        magic, width, height, depth, pixels = data.split(maxsplit=4)
        assert (magic, depth) == (b"P5", b"255")
        pages.append((int(width), int(height), pixels))
    return pages


#: The page's section headings, as printed.
HEADINGS = (
    "Briefing",
    "Where each actor stands",
    "Positions by issue",
    "Agreement between actors",
    "Shifts over time",
)


#: Six actors of long names, as many as a printed table names each stance for in words.
SIX = (
    "format: 1\ntitle: Six\nsources: {s: {name: S}}\nactors:\n"
    + "".join(
        f"  a{n}: {{name: {name}}}\n"
        for n, name in enumerate(
            ["United Kingdom", "European Union", "Kazakhstan", "Switzerland", "Germany", "Mercosur"]
        )
    )
    + "issues:\n  i: {title: Tariff cuts on industrial goods, question: Cut them?}\n"
    + "  j: {title: Quotas, question: Lift them?}\npositions:\n"
    + "".join(
        f"  - {{actor: a{n}, issue: {issue}, stance: {stance}, summary: x, source: s, "
        "date: 2024-01-01}\n"
        for n, (issue, stance) in enumerate(
            [("i", "strongly_support"), ("i", "strongly_oppose"), ("j", "support"),
             ("i", "oppose"), ("j", "neutral"), ("i", "support")]
        )
    )
)  # fmt: skip


@pytest.mark.parametrize(
    "data", [None, DATA / "trade2.yaml", "six"], ids=["default", "format-2", "six"]
)
def test_the_report_prints_with_no_blank_or_clipped_page(
    tmp_path: Path, data: Path | str | None
) -> None:
    """Printed by Chromium on A4 and on Letter: every page has ink on it and none in
    its outer margin, and the text of the PDF holds every heading and every issue."""
    if PDFTOPPM is None:
        if os.environ.get("POSITIONS_REQUIRE_BROWSER") == "1":
            raise RuntimeError("POSITIONS_REQUIRE_BROWSER=1 but pdftoppm is not installed")
        pytest.skip("pdftoppm is not installed (Debian: poppler-utils)")
    if data == "six":
        data = tmp_path / "six.yaml"
        data.write_text(SIX, encoding="utf-8")
    assert not isinstance(data, str)
    page = report(tmp_path, data)
    for paper, size in (("a4", (8.27, 11.69)), ("letter", (8.5, 11.0))):
        work = tmp_path / paper
        work.mkdir()
        pdf = work / "report.pdf"
        # The paper size comes from the printer; Chromium takes it from a page rule.
        sized = page.with_name(f"{paper}.html")
        text = page.read_text(encoding="utf-8")
        rule = f"<style>@page {{ size: {size[0]}in {size[1]}in; }}</style></head>"
        sized.write_text(text.replace("</head>", rule, 1), encoding="utf-8")
        command = [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={work / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            sized.as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
        pages = _pages(pdf, work)
        assert len(pages) >= 2, paper
        for n, (width, height, pixels) in enumerate(pages, start=1):
            assert (width, height) == (round(size[0] * 36), round(size[1] * 36)), (paper, n)
            rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
            inked = sum(1 for row in rows for p in row if p < 200)
            assert inked > 50, f"{paper} page {n} is blank"
            edge = 5  # pixels at 36 dpi: 3.5 mm, well inside the 12 mm margin
            margins = [row[:edge] + row[-edge:] for row in rows]
            assert all(min(m) > 200 for m in margins), f"{paper} page {n} runs into its margin"
        printed = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        ds = loader.load(datafile.bundled_path() if data is None else data)
        for heading in ("Briefing", "Where each actor stands", "Shifts over time"):
            assert heading in printed, (paper, heading)
        flat = " ".join(printed.split())
        for issue in ds.issues.values():
            assert " ".join(issue.question.split()) in flat, (paper, issue.id)
        # No page ends with a heading, nor with an issue's head (its title, line or
        # sides) whose positions begin on the next page.
        statuses = ("", " CONTESTED", " CONSENSUS", " MIXED", " OPEN")
        heads = {t + s for t in (i.title for i in ds.issues.values()) for s in statuses}
        heads.update(HEADINGS)
        sides = ("Support (", "Oppose (", "Neutral (", "Unstated (", "Conditional (")
        by_issue = False
        for n, sheet in enumerate(printed.split("\f")[:-1], start=1):
            lines = [line.strip() for line in sheet.splitlines() if line.strip()]
            by_issue = by_issue or "Positions by issue" in lines
            assert lines[-1] not in heads, (paper, n, lines[-1])
            assert not lines[-1].startswith(sides), (paper, n, lines[-1])
            if by_issue:  # a line's axis, -2 to +2, ends no page of the issues
                assert not lines[-1].startswith("-2 strongly oppose"), (paper, n)
        # No word of the table of stances breaks across lines: each actor's name and
        # each stance's words are whole on its page (its columns share the paper).
        (table,) = [sheet for sheet in printed.split("\f") if "Where each actor stands" in sheet]
        words = set(table.split())
        named = {w for a in ds.actors.values() for w in a.name.split() if len(w) > 3}
        assert named <= words, (paper, named - words)
        if len(ds.actors) <= html_export.PRINT_WORDS:
            assert {"strongly", "support", "oppose", "unstated"} <= words, paper
        # Each part after the brief starts a page of its own.
        firsts = [next(line.strip() for line in sheet.splitlines() if line.strip())
                  for sheet in printed.split("\f")[:-1]]  # fmt: skip
        assert [head for head in HEADINGS[1:] if head in firsts] == list(HEADINGS[1:]), paper


# --- the filters ---------------------------------------------------------------------------


def _visible_rows(loaded: Loaded) -> list[str]:
    (matrix,) = loaded.dom.find_all("table", **{"class": "matrix sortable"})
    return [
        tr.attrs["data-title"]
        for tr in matrix.find_all("tr")
        if "data-title" in tr.attrs and "hidden" not in tr.attrs
    ]


def test_the_filters_change_what_is_shown(tmp_path: Path) -> None:
    """The page's one script runs under its policy (by its hash): a tag, a search and an
    actor, given in the address, hide what they leave out; sorting reorders the rows."""
    page = report(tmp_path)
    ds = loader.load(datafile.bundled_path())
    everything = [i.title for i in ds.issues.values()]
    tagged = [i.title for i in ds.issues.values() if "security" in i.tags]
    assert 0 < len(tagged) < len(everything)  # the data has a tag to filter by
    loaded = browse(page, tmp_path / "tag", "tag=security")
    assert _visible_rows(loaded) == tagged
    sections = loaded.dom.find_all("section", **{"class": "issue"})
    assert [s.attrs["data-title"] for s in sections if "hidden" not in s.attrs] == tagged
    (shown,) = loaded.dom.find_all("span", id="tool-shown")
    assert shown.text() == f"{len(tagged)} of {len(everything)} issues shown: tag security"
    assert "hidden" not in loaded.dom.find_all("div", id="tools")[0].attrs
    # The brief keeps the items about a tagged issue, and those about no issue (pairs).
    security = {i.id for i in ds.issues.values() if "security" in i.tags}
    (briefing,) = loaded.dom.find_all("section", **{"class": "briefing"})
    items = briefing.find_all("li")
    kept = [li for li in items if "hidden" not in li.attrs]
    assert 0 < len(kept) < len(items)
    for li in items:
        about = set(li.attrs.get("data-issues", "").split())
        assert ("hidden" in li.attrs) == bool(about and not about & security), li.text()
    searched = browse(page, tmp_path / "q", "q=NATO")
    assert _visible_rows(searched) == ["Ukraine's NATO path"]
    one = browse(page, tmp_path / "actor", "group=actor:russia")
    (shown,) = one.dom.find_all("span", id="tool-shown")
    assert shown.text() == f"all {len(everything)} issues shown: actors: Russia"
    (matrix,) = one.dom.find_all("table", **{"class": "matrix sortable"})
    heads = [th.text() for th in matrix.find_all("th", scope="col") if "hidden" not in th.attrs]
    assert heads == ["Issue", "Russia", "Status"]
    # The statuses are still every actor's, and the page says so where they are.
    notes = one.dom.find_all("p", **{"class": "note grouped"})
    assert len(notes) == 2
    assert not any("hidden" in n.attrs for n in notes)
    assert all("hidden" in n.attrs for n in searched.dom.find_all("p", **{"class": "note grouped"}))
    # The brief's items about other actors only go (a pair without Russia, a shift of
    # the United States); those about no actor stay.
    (briefing,) = one.dom.find_all("section", **{"class": "briefing"})
    hidden = 0
    for li in briefing.find_all("li"):
        who = set(li.attrs.get("data-actors", "").split())
        assert ("hidden" in li.attrs) == bool(who and "russia" not in who), li.text()
        hidden += "hidden" in li.attrs
    assert hidden
    # A section of the brief left with no item says so (Red lines: Ukraine's only).
    emptied = []
    for part in briefing.shown("div", **{"class": "brief-part"}):
        items = [li for li in part.find_all("li") if {"data-actors", "data-issues"} & set(li.attrs)]
        notes = part.find_all("p", **{"class": "none filtered"})
        if not items:  # a section with nothing to narrow: "No red line..." instead
            assert notes == [], part.text()
            continue
        (note,) = notes
        left = [li for li in items if "hidden" not in li.attrs]
        assert ("hidden" in note.attrs) == bool(left), part.text()
        if not left:
            emptied.append(part.find_all("h3")[0].text())
    assert "Red lines (0 shown of 1)" in emptied  # its count says what the filter left
    assert note.text() == "None of the issues and actors shown."
    # The agreement, and the brief's counts, say the filters leave them whole; without
    # a filter they say nothing.
    narrowed = one.dom.find_all("p", **{"class": "note narrowed"})
    assert [n for n in narrowed if "hidden" in n.attrs] == []
    assert {n.text() for n in narrowed} == {
        "Over every issue and actor: the filters narrow the tables and lists, not the agreement.",
        "These counts are over every issue and actor; the filters narrow the lists below.",
    }
    # One actor's agreement: its row, against every actor.
    (agreement,) = one.dom.shown("table", **{"class": "agreement"})
    rows = agreement.find_all("tbody")[0].find_all("tr")
    assert [r.attrs["data-actor"] for r in rows if "hidden" not in r.attrs] == ["russia"]
    assert len([c for c in rows[0].children if isinstance(c, Node)]) == 1 + len(ds.actors)
    assert not [c for c in rows[0].children if isinstance(c, Node) and "hidden" in c.attrs]
    # Russia stated nothing on security guarantees: its table of positions says so.
    (guarantees,) = [
        s
        for s in one.dom.find_all("section", **{"class": "issue"})
        if s.attrs["data-title"] == "Security guarantees"
    ]
    (table,) = guarantees.find_all("table", **{"class": "positions"})
    (note,) = guarantees.find_all("p", **{"class": "none filtered"})
    assert ("hidden" in table.attrs, "hidden" in note.attrs) == (True, False)
    (donbas,) = [
        s
        for s in one.dom.find_all("section", **{"class": "issue"})
        if s.attrs["data-title"] == "Donbas territory"
    ]
    assert "hidden" in donbas.find_all("p", **{"class": "none filtered"})[0].attrs
    # By Russia's stance, highest first: its support (+2, +1...), then the rest.
    ordered = browse(page, tmp_path / "sort", "sort=-1")
    russia = {p.issue: p.stance.score for p in ds.positions if p.actor == "russia"}
    scores = [
        russia.get(i.id) for t in _visible_rows(ordered) for i in ds.issues.values() if i.title == t
    ]
    stated = [x for x in scores if x is not None]
    assert stated == sorted(stated, reverse=True)
    assert scores[: len(stated)] == stated  # the unstated after every stated one
    assert loaded.requests == set()


def test_without_script_the_page_is_whole_and_shows_no_tool(tmp_path: Path) -> None:
    """As a browser with script off shows it (Chromium's --dump-dom needs script: the
    page's one script is taken out instead)."""
    page = report(tmp_path)
    text = page.read_text(encoding="utf-8")
    ours = f"<script>{html_export.script()}</script>"
    assert text.count(ours) == 1
    page.write_text(text.replace(ours, ""), encoding="utf-8")
    loaded = browse(page, tmp_path / "run", "tag=security")
    ds = loader.load(datafile.bundled_path())
    assert _visible_rows(loaded) == [i.title for i in ds.issues.values()]
    assert "hidden" in loaded.dom.find_all("div", id="tools")[0].attrs


def test_the_date_switch_shows_the_stances_in_force_on_that_day(tmp_path: Path) -> None:
    """On 2025-08-15 the table shows what `compare --as-of 2025-08-15` shows: each
    cell's class, symbol and words, and each issue's status."""
    page = report(tmp_path)
    ds = loader.load(datafile.bundled_path())
    loaded = browse(page, tmp_path / "run", "date=2025-08-15")
    (matrix,) = loaded.dom.find_all("table", **{"class": "matrix sortable"})
    shown = [
        [cell.text() for cell in tr.children if isinstance(cell, Node)]
        for tr in matrix.find_all("tbody")[0].find_all("tr")
    ]
    result = CliRunner().invoke(app, ["compare", "--as-of", "2025-08-15", "--json"])
    expected = json.loads(result.stdout)
    said = {
        "strongly_support": ("++", "strongly support"),
        "support": ("+", "support"),
        "neutral": ("0", "neutral"),
        "oppose": ("-", "oppose"),
        "strongly_oppose": ("--", "strongly oppose"),
    }
    for row, issue in zip(shown, expected["issues"], strict=True):
        assert row[-1] == issue["status"], issue["id"]
        for actor, cell in zip(ds.actors, row[1:-1], strict=True):
            stance = issue["stances"][actor]
            if stance is None:
                assert cell == ". unstated", (issue["id"], actor)
            else:  # the symbol with its marks, then the words, then the marks in words
                symbol, words = said[stance]
                assert cell.split(" ")[0].rstrip("~?|!") == symbol, (issue["id"], actor)
                assert words in cell
            assert (actor in issue["conditional"]) == ("conditional" in cell)
    latest = browse(page, tmp_path / "latest")
    assert _visible_rows(latest) == _visible_rows(loaded)  # the same rows, other stances
    (table,) = latest.dom.find_all("table", **{"class": "matrix sortable"})
    donbas = table.find_all("tbody")[0].find_all("tr")[0]
    assert [c.text() for c in donbas.children if isinstance(c, Node)][3] == (
        "+| support conditional"  # the United States on Donbas, from 2025-08-16
    )
    assert shown[0][3] == ". unstated"


#: Dates a reader asks for in the address, with the date the page then shows, for the
#: default data and the format-2 fixture: one the list names, one between two of its
#: dates (shown as `--as-of` shows it: the last on or before), the last position's
#: date and one after it (where Greece's window is still open, unlike the latest: the
#: day after it closes is a date of the switch too) and the latest.
DATES = [
    (None, "2025-08-15", "2025-08-15"),
    (None, None, None),
    (DATA / "trade2.yaml", "2024-04-01", "2024-03-05"),
    (DATA / "trade2.yaml", "2025-03-01", "2025-03-01"),
    # After the last position, but before Greece's window closes: still a party.
    (DATA / "trade2.yaml", "2025-04-01", "2025-03-01"),
    (DATA / "trade2.yaml", None, None),
]


@pytest.mark.parametrize(("data", "day", "shown_day"), DATES)
def test_the_date_switch_moves_the_whole_page(
    tmp_path: Path, data: Path | None, day: str | None, shown_day: str | None
) -> None:
    """On each date, each issue shows the parties `compare --as-of` places, the landing
    `landing --as-of` finds and the positions in force then, the agreement shows
    `alignment --as-of`'s numbers and the brief `brief --as-of`'s; the cover and the
    switch say which date it is."""
    page = report(tmp_path, data)
    ds = loader.load(datafile.bundled_path() if data is None else data)
    loaded = browse(page, tmp_path / "run", "" if day is None else f"date={day}")
    at = ([] if day is None else ["--as-of", day]) + ([] if data is None else ["--data", str(data)])

    def cli(*command: str) -> Any:
        result = CliRunner().invoke(app, [*command, "--json", *at])
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    stances = {
        i["id"]: {a: s for a, s in i["stances"].items() if s is not None}
        for i in cli("compare")["issues"]
    }
    medians = {i["issue"]: i["median"] for i in cli("landing")["issues"]}
    for section in loaded.dom.find_all("section", **{"class": "issue"}):
        issue = section.attrs["data-issue"]
        (line,) = section.shown("svg")
        parties = {
            g.attrs["data-actor"]: Stance(int(g.attrs["data-score"])).name.lower()
            for g in line.find_all("g", **{"class": "party"})
        }
        assert parties == stances[issue], (day, issue)
        landing = line.find_all("g", **{"class": "landing"})
        shown = float(landing[0].attrs["data-median"]) if landing else None
        assert shown == medians.get(issue), (day, issue)
        rows = [tr.attrs["data-actor"] for tr in section.shown("tr") if "data-actor" in tr.attrs]
        assert sorted(rows) == sorted(stances[issue]), (day, issue)
    # The heat map and the table of agreement: `alignment --as-of`'s numbers.
    matrix = cli("alignment")["matrix"]
    (heat,) = loaded.dom.shown("svg", **{"class": "chart heat-map"})
    cells = [r for r in heat.find_all("rect") if "data-a" in r.attrs]
    assert len(cells) == len(ds.actors) ** 2
    for r in cells:
        said = r.attrs["data-score"]
        pair = matrix[r.attrs["data-a"]][r.attrs["data-b"]]
        assert (float(said) if said else None) == pair["agreement"], (day, r.attrs)
    (table,) = loaded.dom.shown("table", **{"class": "agreement"})
    first = table.find_all("tbody")[0].find_all("tr")[0]
    row = [c.text() for c in first.children if isinstance(c, Node)][1:]
    pairs = list(matrix[next(iter(ds.actors))].values())[1:]
    assert row == [
        "—",
        *(
            "n/a" if p["agreement"] is None else f"{p['agreement']:.2f} ({p['shared']})"
            for p in pairs
        ),
    ]
    # The brief: `brief --as-of`'s counts, in its lead and its sections' headings.
    brief = cli("brief")
    (briefing,) = loaded.dom.find_all("section", **{"class": "briefing"})
    (lead,) = briefing.shown("p", **{"class": "lead"})
    names = {a.id: a.name for a in ds.actors.values()}
    absent = [names[a] for a in brief["not_party"]]  # on this date, as brief --as-of says
    assert lead.text() == (
        f"{brief['positions']} positions in force from {brief['speakers']} actors"
        + (f"; not a party on the day: {' and '.join(absent)}" if absent else "")
        + f"; {len(brief['contested'])} issues contested, {len(brief['consensus'])} agreed by "
        "all who stated."
    )
    counts = {re.sub("-d[0-9]+-", "-", h3.attrs["id"]): h3.text() for h3 in briefing.shown("h3")}
    for key in ("consensus", "contested", "gaps", "red_lines", "packages"):
        anchor = "brief-" + key.replace("_", "-")
        assert counts[anchor].endswith(f"({len(brief[key])})"), (day, key)
    assert loaded.dom.find_all("span", id="tool-date-note") == []  # nothing stays behind
    (cover,) = loaded.dom.find_all("p", **{"class": "as-of"})
    (said,) = [s.text() for s in cover.shown("span", **{"class": "on-dates"})]
    if shown_day is None:
        assert said.startswith("The latest recorded position of each actor on each issue")
    else:
        assert said == f"Positions in force on {shown_day}."
    # The switch names the date shown; the last, the latest with its date; a day an
    # actor joins or leaves on says so (trade2: Côte d'Ivoire joins, Greece leaves).
    options = [o for o in loaded.dom.find_all("option") if "data-day" in o.attrs]
    moves = {o.attrs["data-day"]: o.text() for o in options if "(" in o.text()}
    if data is None:
        assert moves == {options[-1].attrs["data-day"]: f"latest ({options[-1].attrs['data-day']})"}
    else:
        assert moves == {
            "2024-05-01": "2024-05-01 (Côte d'Ivoire joins)",
            "2025-07-01": "latest (2025-07-01, Ελλάδα leaves)",
        }


def test_a_cut_link_still_shows_the_tools(tmp_path: Path) -> None:
    """`#q=100%` is no valid escape: the search takes it as typed."""
    loaded = browse(report(tmp_path), tmp_path / "run", "q=100%")
    (tools,) = loaded.dom.find_all("div", id="tools")
    assert "hidden" not in tools.attrs
    assert _visible_rows(loaded) == []  # no title holds "100%"


# --- driven as a reader drives it: the mouse and the keyboard (tests/devtools.py) ----------

ROWS = (
    "[...document.querySelectorAll('table.matrix tbody tr')]"
    ".filter(r => !r.hidden).map(r => r.dataset.title)"
)


def _cells(tab: Browser, selector: str) -> list[list[str]]:
    """The text of each cell of each row `selector` finds, spaces collapsed."""
    return list(
        tab.js(
            f"[...document.querySelectorAll({json.dumps(selector)})].map(r => [...r.cells]"
            ".map(c => c.textContent.split(/\\s+/).filter(Boolean).join(' ')))"
        )
    )


def test_a_reader_filters_sorts_and_switches_dates_by_mouse_and_keyboard(tmp_path: Path) -> None:
    """Typing in the search box, a tag picked from the keyboard, a click and a key on a
    column's heading, a date picked: each changes what is shown, and the address."""
    page = report(tmp_path)
    ds = loader.load(datafile.bundled_path())
    everything = [i.title for i in ds.issues.values()]
    with Browser(str(CHROMIUM), FLAGS, tmp_path / "profile") as tab:
        tab.open(page.as_uri())
        assert tab.js(ROWS) == everything
        tab.click("#tool-q")
        tab.write("NATO")
        assert tab.js(ROWS) == ["Ukraine's NATO path"]
        assert tab.js("location.hash") == "#q=NATO"
        assert tab.js("document.getElementById('tool-shown').textContent") == (
            f"1 of {len(everything)} issues shown: titles with \u201cNATO\u201d"
        )
        for _ in "NATO":
            tab.key("Backspace")
        assert (tab.js(ROWS), tab.js("location.hash")) == (everything, "")
        # The keyboard alone: the tag list is the next stop after the search box.
        tab.key("Tab")
        assert tab.js("document.activeElement.id") == "tool-tag"
        tab.key("ArrowDown")
        first = tab.js("document.getElementById('tool-tag').value")
        tagged = [i.title for i in ds.issues.values() if first in i.tags]
        assert first
        assert 0 < len(tagged) < len(everything)
        assert tab.js(ROWS) == tagged
        assert tab.js("location.hash") == f"#tag={first}"
        tab.key("ArrowUp")
        assert tab.js(ROWS) == everything
        # A click on Russia's heading sorts by its stance, lowest first; Enter, the other way.
        tab.click("table.matrix thead th:nth-child(2)")
        russia = {p.issue: p.stance.score for p in ds.positions if p.actor == "russia"}
        by_title = {i.title: russia.get(i.id) for i in ds.issues.values()}
        stated = sorted(s for s in by_title.values() if s is not None)
        assert [by_title[t] for t in tab.js(ROWS)][: len(stated)] == stated
        heads = "[...document.querySelectorAll('table.matrix thead th')].map(t => t.ariaSort)"
        assert tab.js(heads)[:3] == ["none", "ascending", "none"]
        assert tab.js("document.activeElement.textContent") == "Russia"
        tab.key("Enter")
        assert [by_title[t] for t in tab.js(ROWS)][: len(stated)] == stated[::-1]
        assert tab.js(heads)[1] == "descending"
        assert tab.js("location.hash") == "#sort=-1"
        # The date list, from the keyboard: back to the day before the United States spoke.
        tab.choose("#tool-date", "2025-08-15")
        donbas = "table.matrix tbody tr[data-title='Donbas territory']"
        assert _cells(tab, donbas)[0][3] == ". unstated"
        assert tab.js("location.hash") == "#date=2025-08-15&sort=-1"
        # Sorted again, by Russia's stances on that date.
        then = CliRunner().invoke(app, ["compare", "--as-of", "2025-08-15", "--json"]).stdout
        on_day = {i["id"]: i["stances"]["russia"] for i in json.loads(then)["issues"]}
        score = {s.name.lower(): s.score for s in Stance}
        titles = {i.title: i.id for i in ds.issues.values()}
        shown = [on_day[titles[t]] for t in tab.js(ROWS)]
        stated_then = [score[s] for s in shown if s is not None]
        assert stated_then == sorted(stated_then, reverse=True)
        assert shown[: len(stated_then)] == [s for s in shown if s is not None]
        tab.key("ArrowDown")
        assert _cells(tab, donbas)[0][3] != ". unstated"
        tab.key("ArrowUp")
        # A link within the page goes to its issue and keeps the view in the address.
        tab.click("table.matrix tbody tr[data-title='Donbas territory'] a")
        assert tab.js("document.activeElement.id") == "issue-donbas"
        assert tab.js("location.hash") == "#date=2025-08-15&sort=-1"
        assert tab.requests == [page.as_uri()]  # the page itself, and nothing else


def _summary_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: Path | None) -> Path:
    """A report of `data` made a summary, as a page past 20,000 cells is."""
    monkeypatch.setattr(views, "SUMMARY_CELLS", 1)
    page = report(tmp_path, data)
    assert 'id="detail-data"' in page.read_text(encoding="utf-8")
    return page


def test_a_summary_shows_one_issue_or_one_pair_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No table of every stance, but any issue's, found by words of its title, and
    any two actors' issues, furthest apart first, as `compare` and `alignment` say."""
    page = _summary_page(tmp_path, monkeypatch, None)
    ds = loader.load(datafile.bundled_path())
    compared = {
        i["id"]: i
        for i in json.loads(CliRunner().invoke(app, ["compare", "--json"]).stdout)["issues"]
    }
    matrix = json.loads(CliRunner().invoke(app, ["alignment", "--json"]).stdout)["matrix"]
    scores = {s.id: s.score for s in Stance}
    labels = {s.id: f"{s.symbol} {s.label}" for s in Stance}
    with Browser(str(CHROMIUM), FLAGS, tmp_path / "profile") as tab:
        tab.open(page.as_uri())
        assert tab.js("document.getElementById('detail-tools').hidden") is False
        assert _cells(tab, "#detail-issue tr") == []
        tab.click("#detail-q")
        tab.write("nato path")  # words of one title: that issue is shown at once
        issue = compared["nato"]
        order = sorted(
            ds.actors,
            key=lambda a: (
                issue["stances"][a] is None,
                -scores.get(issue["stances"][a] or "", 0),
                list(ds.actors).index(a),
            ),
        )
        expected = [
            [
                ds.actors[a].name,
                ". unstated"
                if issue["stances"][a] is None
                else labels[issue["stances"][a]]
                + (", conditional" if a in issue["conditional"] else ""),
            ]
            for a in order
        ]
        assert _cells(tab, "#detail-issue tbody tr") == expected
        assert tab.js("location.hash") == "#issue=nato"
        for _ in "nato path":
            tab.key("Backspace")
        assert _cells(tab, "#detail-issue tbody tr") == []  # no search, no stale table
        tab.write("s")  # many titles: a list to choose from
        found = [i for i in ds.issues.values() if "s" in i.title.lower()][:10]
        buttons = "[...document.querySelectorAll('#detail-matches button')].map(b => b.textContent)"
        assert tab.js(buttons) == [f"{i.title} ({i.id})" for i in found]
        tab.click("#detail-matches li:nth-child(2) button")
        assert tab.js("location.hash") == f"#issue={found[1].id}"
        assert len(_cells(tab, "#detail-issue tbody tr")) == len(ds.actors)
        # Two actors: their agreement as `alignment` has it, then where they stand apart.
        tab.choose("#detail-a", "Russia")
        tab.choose("#detail-b", "European allies")
        pair = matrix["russia"]["european_allies"]
        note = tab.js("document.querySelector('#detail-pair p').textContent")
        assert note.startswith(
            f"Russia and European allies: agreement {pair['agreement']:.2f} over "
            f"{pair['shared']} issues both stated"
        )
        apart = []
        for k, i in enumerate(compared.values()):
            a, b = i["stances"]["russia"], i["stances"]["european_allies"]
            counted = not {"russia", "european_allies"} & set(i["conditional"])
            if a and b and counted and a != b:
                apart.append((-abs(scores[a] - scores[b]), k, ds.issues[i["id"]], a, b))
        assert apart
        assert _cells(tab, "#detail-pair tbody tr") == [
            [f"{i.title} ({i.id})", labels[a], labels[b]] for _, _, i, a, b in sorted(apart)
        ]
        assert tab.js("location.hash") == (f"#issue={found[1].id}&pair=russia,european_allies")
        # The address brings the same view back, as a shared link would.
        tab.open(page.as_uri() + "#issue=borders&pair=ukraine,russia")
        assert tab.js("document.querySelector('#detail-issue caption').textContent") == (
            "Borders and territorial integrity (borders): each actor's stance"
        )
        assert tab.js("document.getElementById('detail-a').value") == "ukraine"
        assert tab.js("document.querySelector('#detail-pair p').textContent").startswith(
            "Ukraine and Russia: agreement"
        )
        # A title in the table of counts leads to its stances.
        tab.click("table.summary a[href='#issue=sanctions']")
        caption = "document.querySelector('#detail-issue caption').textContent"
        assert tab.until(f"{caption}.startsWith('Sanctions') && {caption}") == (
            "Sanctions on Russia (sanctions): each actor's stance"
        )
        assert tab.js("location.hash") == "#issue=sanctions&pair=ukraine,russia"
        assert set(tab.requests) == {page.as_uri()}  # the page, loaded twice: nothing else


def test_a_summary_s_detail_shows_planted_markup_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names and titles that carry markup reach the detail through the data block and
    textContent: shown as typed, never as elements."""
    page = _summary_page(tmp_path, monkeypatch, HOSTILE)
    ds = loader.load(HOSTILE)
    hostile = next(i for i in ds.issues.values() if "<" in i.title or "[" in i.title)
    with Browser(str(CHROMIUM), FLAGS, tmp_path / "profile") as tab:
        tab.open(without_csp(page).as_uri())
        tab.click("#detail-q")
        tab.write(hostile.id)
        names = [r[0] for r in _cells(tab, "#detail-issue tbody tr")]
        assert sorted(names) == sorted(a.name for a in ds.actors.values())
        assert "@Mallory <img src=x onerror=alert(1)>" in names
        tab.choose("#detail-a", "@Mallory <img src=x onerror=alert(1)>")
        tab.choose("#detail-b", "Carol")
        dom = tab.js("document.documentElement.outerHTML")
        assert tab.js("document.title") == "<b>Hostile</b> | *test* & data"
        assert tab.requests == [without_csp(page).as_uri()]
    builder = _Builder()
    builder.feed(dom)
    builder.close()
    loaded = Loaded(builder.root, builder.tags, set())
    assert not {"img", "b"} & planted(loaded)


#: What a phone shows of a page (a 390-pixel screen), as JSON: how far the page runs
#: past the screen, the smallest word of any picture in pixels, and for each issue's
#: table of positions the share of the table's width its summary cells fill.
PHONE = """JSON.stringify((() => {
  const page = document.documentElement;
  const words = [...document.querySelectorAll('svg.chart text')]
    .map(t => t.getBoundingClientRect().height).filter(h => h > 0);
  const tables = [...document.querySelectorAll('table.positions')].filter(t => t.offsetWidth);
  return {
    past: page.scrollWidth - page.clientWidth,
    smallest: Math.min(...words),
    filled: tables.map(t => Math.min(...[...t.querySelectorAll('td:nth-child(3)')]
      .map(td => td.offsetWidth / t.offsetWidth))),
    rows: tables.map(t => t.querySelectorAll('tbody tr').length),
    shown: tables.map(t => [...t.querySelectorAll('tbody tr')]
      .filter(r => r.offsetHeight).map(r => r.dataset.actor)),
    russia: tables.map(t => t.querySelectorAll('tbody tr[data-actor=russia]').length),
  };
})())"""


def test_on_a_phone_positions_read_as_records_and_pictures_stay_legible(tmp_path: Path) -> None:
    """At 390 pixels the page does not run past the screen, each position's summary has
    the table's whole width (not a column of a word a line), every word of a picture is
    at least 9 pixels (wider pictures scroll in their figure), and the filters still
    hide the rows of the actors left out."""
    page = report(tmp_path)
    with Browser(str(CHROMIUM), FLAGS, tmp_path / "profile") as tab:
        metrics = {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True}
        tab.call("Emulation.setDeviceMetricsOverride", metrics)
        tab.open(page.as_uri())
        seen = json.loads(tab.js(PHONE))
        assert seen["past"] == 0
        assert seen["smallest"] >= 9
        assert len(seen["filled"]) == 8  # every issue of the default data has a table
        assert all(share > 0.95 for share in seen["filled"])
        assert [len(rows) for rows in seen["shown"]] == seen["rows"]
        tab.open(page.as_uri() + "#group=actor:russia")
        seen = json.loads(tab.js(PHONE))  # the tables with a row of Russia's, that row alone
        assert seen["shown"] == [["russia"]] * sum(seen["russia"])


def test_a_day_someone_joins_on_is_kept_in_the_address_by_its_date(tmp_path: Path) -> None:
    """The address holds the day, not the option's words: a link to #date=2024-05-01
    picks 'Côte d'Ivoire joins', and picking it again writes that day back."""
    page = report(tmp_path, DATA / "trade2.yaml")
    with Browser(str(CHROMIUM), FLAGS, tmp_path / "profile") as tab:
        tab.open(page.as_uri() + "#date=2024-05-01")
        picked = "document.getElementById('tool-date').selectedOptions[0].textContent"
        assert tab.js(picked) == "2024-05-01 (Côte d'Ivoire joins)"
        tab.choose("#tool-date", "2024-06-01")
        assert tab.js("location.hash") == "#date=2024-06-01"
        tab.choose("#tool-date", "2024-05-01 (Côte d'Ivoire joins)")
        assert tab.js("location.hash") == "#date=2024-05-01"
