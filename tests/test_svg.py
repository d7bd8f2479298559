"""The report's pictures: the numbers they carry are the commands' own, and no text from
the data becomes anything but text in them."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from positions import analysis, datafile, loader, views
from positions.cli import app
from positions.export import markup, svg
from positions.model import Actor, Stance
from positions.text import printable
from tests.test_terminal_safety import HOSTILE_2

runner = CliRunner()
DATA = Path(__file__).parent / "data"
NS = "{http://www.w3.org/2000/svg}"
#: Every element a picture is made of: nothing that runs, loads or links.
ELEMENTS = {"svg", "title", "desc", "rect", "text", "g", "circle", "line", "polygon"}


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def chart(name: str, *args: str) -> ET.Element:
    """`export --format svg --chart NAME`, parsed: a well-formed SVG file."""
    text = run("export", "--format", "svg", "--chart", name, *args)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    return root


def _all(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    found = root.iter(f"{NS}{tag}")
    return [e for e in found if css is None or css in e.get("class", "").split()]


def test_the_heat_map_carries_the_numbers_alignment_prints() -> None:
    for args in ([], ["--data", str(DATA / "trade2.yaml")]):
        root = chart("alignment", *args)
        matrix = json.loads(run("alignment", "--json", *args))["matrix"]
        cells = [r for r in _all(root, "rect") if r.get("data-a")]
        assert len(cells) == len(matrix) ** 2
        for r in cells:
            pair = matrix[r.get("data-a")][r.get("data-b")]
            said = r.get("data-score")
            assert (float(said) if said else None) == pair["agreement"]
            assert int(r.get("data-shared", "")) == pair["shared"]


def test_the_heat_map_puts_each_coalition_together_and_outlines_it() -> None:
    root = chart("alignment")
    coalitions = json.loads(run("alignment", "--json"))["coalitions"]
    grouped = [c["members"] for c in coalitions if len(c["members"]) > 1]
    assert grouped == [["ukraine", "european_allies"]]
    order = list(dict.fromkeys(r.get("data-a") for r in _all(root, "rect") if r.get("data-a")))
    assert order[:2] == ["ukraine", "european_allies"]
    [box] = _all(root, "rect", "coalition")
    corner = next(r for r in _all(root, "rect") if r.get("data-a") == r.get("data-b") == "ukraine")
    side = 2 * int(corner.get("width", ""))
    assert [box.get(k) for k in ("x", "y", "width", "height")] == [
        corner.get("x"), corner.get("y"), str(side), str(side),
    ]  # fmt: skip


def test_an_issue_line_places_every_stated_party_and_the_landing() -> None:
    data = ["--data", str(DATA / "trade2.yaml")]
    landing = json.loads(run("landing", "--json", *data))["issues"][0]
    issue = landing["issue"]
    root = chart(f"issue:{issue}", *data)
    shown = json.loads(run("show", issue, "--json", *data))
    stated = {p["actor"]: p["score"] for p in shown["positions"] if p.get("stance") is not None}
    placed = {g.get("data-actor"): int(g.get("data-score", "")) for g in _all(root, "g", "party")}
    assert placed == stated
    [mark] = _all(root, "g", "landing")
    assert float(mark.get("data-median", "")) == landing["median"]
    assert mark.get("data-pivot") == landing["pivot"]
    red = {g.get("data-actor") for g in _all(root, "g", "party") if _ring(g) == "3"}
    assert red == {p["actor"] for p in shown["positions"] if p.get("red_line")}
    assert red  # trade2 has a red line on its first issue: this test can fail


def _ring(party: ET.Element) -> str | None:
    """The stroke width of a party's dot: 3 for a red line."""
    dot = party.find(f"{NS}circle")
    assert dot is not None
    return dot.get("stroke-width")


def test_many_parties_at_one_score_are_a_bar_with_their_number() -> None:
    actors = [Actor(f"a{n}", f"Actor {n}") for n in range(svg.STACK + 3)]
    marks = [svg.Mark(a, Stance.OPPOSE, False, False, "reported") for a in actors]
    marks.append(svg.Mark(Actor("b", "B"), Stance.SUPPORT, True, False, "inferred"))
    root = ET.fromstring(svg.document(svg.issue_line("x", "X", marks, None), "X"))
    [bar] = _all(root, "g", "many")
    assert (bar.get("data-score"), bar.get("data-count")) == ("-1", str(svg.STACK + 3))
    assert bar.find(f"{NS}rect/{NS}title").text.endswith(" and 3 others")  # type: ignore[union-attr]
    [one] = _all(root, "g", "party")
    assert one.get("data-actor") == "b"
    assert one.find(f"{NS}circle").get("stroke-dasharray") == "2 2"  # type: ignore[union-attr]
    assert _all(root, "g", "landing") == []


def test_the_timeline_marks_every_shift() -> None:
    data = ["--data", str(DATA / "trade.yaml")]
    ds = loader.load(DATA / "trade.yaml")
    expected = [
        (s.actor, s.issue, s.after.date.isoformat(), s.before.stance.id, s.after.stance.id)
        for s in analysis.shifts(ds)
    ]
    root = chart("timeline", *data)
    marks = [
        tuple(p.get(k) for k in ("data-actor", "data-issue", "data-date", "data-from", "data-to"))
        for p in _all(root, "polygon", "shift")
    ]
    assert sorted(marks) == sorted(expected)
    assert len(expected) == 2  # the data has shifts to draw: this test can fail
    empty = chart("timeline")
    assert "No shift of stance recorded." in ET.tostring(empty, encoding="unicode")


@pytest.mark.parametrize("name", ["alignment", "timeline", "issue:j", "issue:i"])
def test_hostile_text_stays_text_in_every_picture(name: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile2.yaml"
    path.write_text(HOSTILE_2, encoding="utf-8")
    text = run("export", "--format", "svg", "--chart", name, "--data", str(path))
    root = ET.fromstring(text)
    assert {e.tag.removeprefix(NS) for e in root.iter()} <= ELEMENTS
    for e in root.iter():
        assert not [k for k in e.attrib if k.lower().startswith("on") or "href" in k.lower()]
    assert "<script" not in text.lower()
    assert not {"\x1b", "\u202e", "\x07"} & set(text)


def test_hostile_names_are_escaped_exactly_in_a_picture() -> None:
    actors = [Actor("a", '<script>alert("a")</script>', short="\x1b[2J"), Actor("b", "B & C")]
    matrix = {(x.id, y.id): analysis.PairScore(0.5, 1) for x in actors for y in actors}
    text = svg.document(svg.heat_map(actors, matrix), "<b>Heat</b>")
    assert "&lt;script&gt;alert(&quot;a&quot;)&lt;/script&gt; and B &amp; C: 0.50" in text
    assert ">\\x1b[2J</text>" in text
    ET.fromstring(text)


def test_the_colour_scale_ends_and_middle() -> None:
    assert [svg.agreement_fill(s) for s in (0.0, 0.5, 1.0, None)] == [
        "#ca0020", "#f7f7f7", "#0571b0", svg.NO_SCORE_FILL,
    ]  # fmt: skip
    assert svg.agreement_fill(-1.0) == "#ca0020"
    assert svg.agreement_fill(2.0) == "#0571b0"


@given(st.floats(0, 1), st.floats(0, 1))
def test_the_colour_scale_goes_one_way(a: float, b: float) -> None:
    """Higher agreement is never redder: the red channel falls (or holds) as it rises
    past the white middle, and blue rises before it."""
    low, high = sorted((a, b))
    red = [int(svg.agreement_fill(s)[1:3], 16) for s in (low, high)]
    blue = [int(svg.agreement_fill(s)[5:7], 16) for s in (low, high)]
    assert re.fullmatch(r"#[0-9a-f]{6}", svg.agreement_fill(a))
    if low >= 0.5:
        assert red[1] <= red[0]
    if high <= 0.5:
        assert blue[1] >= blue[0]


def test_the_report_holds_every_picture() -> None:
    ds = loader.load(datafile.bundled_path())
    view = views.report_view(ds, briefing=True)
    from positions import export as exporter

    page = exporter.render("html", view)
    assert view.briefing is not None
    assert view.briefing.brief is not None
    contested = len(view.briefing.brief.contested)  # the brief shows their lines too
    # Each issue's line on each earlier run of dates its stances held, hidden until
    # the date switch picks one (report.js).
    earlier = len(re.findall(r'data-dates="[0-9]+-[0-9]+" hidden><figure class="line">', page))
    assert earlier == 7  # the default data's issues that changed on its last day
    # and the brief of the earlier date, with its contested issues' lines
    then = len(view.briefing.briefs[0].contested)
    assert then == 3
    lines = page.count('<svg class="chart issue-line"')
    assert lines == len(ds.issues) + contested + earlier + then
    # and the agreement on each earlier date whose differs (two dates here)
    assert page.count('<svg class="chart heat-map"') == 2
    assert page.count('hidden><figure class="heat">') == 1
    assert page.count('<svg class="chart timeline"') == 1
    assert page.index('id="briefing"') < page.index('id="stances"') < page.index('id="issues"')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--format svg draws one picture: give --chart alignment, timeline or issue:ID"),
        (["--chart", "pie"], "unknown chart 'pie'; choose alignment, timeline or issue:ID"),
        (["--chart", "issue:"], "'issue:' names no issue: give its id after the colon"),
        (["--chart", "issue:dombas"], "unknown issue 'dombas'; did you mean 'donbas'?"),
    ],
)
def test_a_wrong_chart_is_one_clear_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", "--format", "svg", *args])
    assert result.exit_code == (1 if "did you mean" in message else 2), result.stderr
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_a_chart_is_for_svg_only() -> None:
    result = runner.invoke(app, ["export", "--format", "html", "--chart", "alignment"])
    assert result.exit_code == 2
    assert "--chart applies to --format svg only" in result.stderr


SCENARIO = """\
format: 2
title: Scenario
sources:
  s: {name: S}
actors:
  a: {name: Alpha}
  b: {name: Beta}
  c: {name: Gamma}
  d: {name: Delta}
issues:
  x: {title: Issue X, question: X?}
  y: {title: Issue Y, question: Y?}
positions:
  - {actor: a, issue: x, stance: strongly_support, summary: s, source: s, date: 2025-01-01}
  - {actor: b, issue: x, stance: strongly_support, summary: s, source: s, date: 2025-01-01}
  - {actor: c, issue: x, stance: strongly_oppose, summary: s, source: s, date: 2025-01-01}
  - {actor: c, issue: y, stance: strongly_oppose, summary: s, source: s, date: 2025-01-01}
  - {actor: b, issue: y, stance: strongly_support, summary: s, source: s, date: 2025-01-01}
  - {actor: d, issue: y, stance: strongly_support, summary: s, source: s, date: 2025-01-01,
     conditions: [{issue: x, outcome: adopted}]}
"""


def test_narrowing_never_moves_a_landing(tmp_path: Path) -> None:
    """Delta's support of Y holds if X is adopted, which the whole data decides: one
    issue's picture, and a report of Y alone, land Y where `landing` does."""
    data = tmp_path / "scenario.yaml"
    data.write_text(SCENARIO, encoding="utf-8")
    args = ["--data", str(data)]
    landed = {i["issue"]: i for i in json.loads(run("landing", "--json", *args))["issues"]}
    assert (landed["y"]["median"], landed["y"]["pivot"]) == (2.0, "b")
    [mark] = _all(chart("issue:y", *args), "g", "landing")
    assert (mark.get("data-median"), mark.get("data-pivot")) == ("2", "b")
    memo = run("export", "-f", "md", "--issues", "y", *args)
    assert (
        "- **Issue Y**: Beta for; Gamma against; conditional: Delta; likely landing +2 strongly "
        "support (pivot Beta)\n"
    ) in memo


def test_an_empty_timeline_says_so_and_shows_no_date() -> None:
    text = run("export", "--format", "svg", "--chart", "timeline")
    assert "No shift of stance recorded." in text
    assert re.search(r"\d{4}-\d\d-\d\d", text) is None  # no axis: no day of its own


def test_an_actor_with_no_position_is_grey_on_the_diagonal_too() -> None:
    root = chart("alignment", "--data", str(DATA / "trade2.yaml"))
    diagonal = {
        r.get("data-a"): r for r in _all(root, "rect") if r.get("data-a") == r.get("data-b")
    }
    assert diagonal["observer"].get("fill") == svg.NO_SCORE_FILL
    assert diagonal["eu"].get("fill") == svg.agreement_fill(1.0)


def test_a_label_is_cut_after_its_escapes() -> None:
    """An escape is longer than the character it shows: the label is cut when shown."""
    hidden = Actor("a", "\x1b[31m" * 10 + "Name")
    label = svg._label(hidden)
    assert len(label) == svg.LABEL
    assert label.startswith("\\x1b[31m")
    assert label.endswith("…")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--issues", "nato"], 2, "issue 'donbas' is not among those --issues chooses"),
        (
            ["--tag", "security"],
            1,
            "error: issue 'donbas' has none of the tags --tag gives; its tags: territory",
        ),
    ],
)
def test_one_issue_s_picture_and_a_narrowed_view(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, ["export", "-f", "svg", "--chart", "issue:donbas", *args])
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split())


def test_chart_names_take_any_case() -> None:
    assert chart("Alignment").get("viewBox") == chart("alignment").get("viewBox")
    [mark] = _all(chart("ISSUE:donbas"), "g", "landing")
    assert mark.get("data-median") == "-2"


def test_a_heat_map_too_large_for_tooltips_is_compact_and_exact() -> None:
    """130 actors: rows of cells in the columns' order, each with its numbers."""
    actors = [Actor(f"a{n:03d}", f"Actor {n}") for n in range(130)]
    matrix = {
        (x.id, y.id): analysis.PairScore(None if (i + j) % 7 == 0 else ((i * j) % 100) / 99, i + j)
        for i, x in enumerate(actors)
        for j, y in enumerate(actors)
    }
    root = ET.fromstring(svg.document(svg.heat_map(actors, matrix), "Large"))
    rows = _all(root, "g", "row")
    assert [r.get("data-a") for r in rows] == [a.id for a in actors]
    assert _all(root, "title")[1:] == []  # the picture's own title only: no tooltip a cell
    for row in rows:
        a = row.get("data-a", "")
        for b, cell in zip(actors, row.findall(f"{NS}rect"), strict=True):
            pair = matrix[a, b.id]
            said = cell.get("data-score")
            expected = None if pair.score is None else round(pair.score, 4)
            assert (float(said) if said else None) == expected
            assert int(cell.get("data-shared", "")) == pair.shared
            assert cell.get("fill") == svg.agreement_fill(pair.score)


def test_a_report_too_large_for_every_stance_is_a_summary() -> None:
    """30 actors on 700 issues (21,000 cells): each issue's counts, the most divided
    issues on their lines, no table of positions; the brief as always."""
    from positions import export as exporter
    from tests.factories import dataset, pos

    positions = [
        pos(f"a{a:02d}", f"i{i:03d}", (a * 7 + i * 3) % 5 - 2)
        for a in range(30)
        for i in range(700)
        if (a + i) % 4
    ]
    view = views.report_view(dataset(positions), briefing=True)
    assert views.summarised(view)
    page = exporter.render("html", view)
    (body,) = re.findall(r'<table class="summary sortable">.*?</table>', page, re.DOTALL)
    assert body.count('<th scope="row"') == 700
    assert page.count('<svg class="chart issue-line"') == views.SUMMARY_ISSUES + 10  # + brief's
    assert '<table class="positions">' not in page
    assert '<table class="matrix">' not in page
    assert "The 100 most divided of 700 issues" in page
    assert exporter.row_reads("html", view) == 700 + views.SUMMARY_ISSUES
    assert len(page) < 3_000_000
    # Each side of the most divided names its first few, and counts the rest.
    sides = re.findall(r"<dd>(.*?)</dd>", page)
    assert max(s.count("<bdi>") for s in sides) == views.BRIEF_NAMES - 1
    assert any(s.endswith(" others") for s in sides)
    # 700 issues with a gap each: ten shown, 190 behind "and 190 more", the rest counted.
    gaps = page[page.index('<h3 id="brief-gaps">') :]
    gaps = gaps[: gaps.index("<h3 ", 1)]
    assert '<span class="count" data-count="700">(700)</span>' in gaps
    assert gaps.count("<li") == 200
    assert "<summary>and 190 more</summary>" in gaps
    assert "And 500 more: <code>positions brief --json</code> lists every one." in gaps
    # The detail on demand: a letter per actor and issue, from -2 (a) to +2 (e), `.`
    # unstated; and the upper triangle of the agreement matrix, as the heat map has it.
    found = r'<script type="application/json" id="detail-data">(.*?)</script>'
    (block,) = re.findall(found, page)
    data = json.loads(block)
    assert data["actors"] == [[f"a{a:02d}", f"A{a:02d}"] for a in range(30)]
    order = [int(i[1:]) for i, _ in data["issues"]]
    assert data["issues"] == [[r.issue.id, r.issue.title] for r in view.rows]
    assert sorted(order) == list(range(700))
    assert data["cells"] == [
        "".join("abcde"[(a * 7 + i * 3) % 5] if (a + i) % 4 else "." for a in range(30))
        for i in order
    ]
    ids = [a for a, _ in data["actors"]]
    assert data["pairs"] == [
        [views.score_text(view.matrix[a, b]), view.matrix[a, b].shared]
        for n, a in enumerate(ids)
        for b in ids[n + 1 :]
    ]
    memo = exporter.render("md", view)  # the memo is the same summary, in GFM
    assert memo.count("\n| I") == 1 + 700  # the header, then every issue's counts: "| I001 |..."
    assert "The 100 most divided of 700 issues." in memo
    assert memo.count("\n### ") == 100 + 10  # those issues, and the brief's sections
    assert "| Actor | Stance |" not in memo
    assert exporter.row_reads("md", view) == 700 + views.SUMMARY_ISSUES
    assert len(memo) < 1_500_000


def test_one_issue_s_picture_alone_says_what_its_marks_mean() -> None:
    """Alone, for an article or a slide, the line carries its legend (a page says it
    once, above the lines), on two lines that fit in the picture."""
    picture = run("export", "--format", "svg", "--chart", "issue:donbas")
    root = ET.fromstring(picture)
    said = [t.text or "" for t in root.iter(f"{NS}text") if (t.text or "").startswith(
        ("filled:", "dashed:"))]  # fmt: skip
    assert "; ".join(said) == svg.LINE_LEGEND
    assert all(len(line) * 10 * 0.55 + 10 < svg.LINE_WIDTH for line in said)


@pytest.mark.parametrize("name", ["alignment", "timeline", "issue:tariffs"])
def test_one_picture_is_the_one_the_whole_report_draws(name: str) -> None:
    """A chart's briefing holds only what it draws, and draws it exactly as the page's."""
    from positions.export import briefed

    ds = loader.load(DATA / "trade2.yaml")
    whole = views.report_view(ds, briefing=True)
    issues = ["tariffs"] if name.startswith("issue:") else None
    alone = views.report_view(ds, issues=issues, briefing=True, chart=name)
    assert alone.briefing is not None
    assert alone.briefing.brief is None
    assert briefed.chart(alone, name) == briefed.chart(whole, name)


@given(st.lists(st.text(alphabet=st.characters(codec=None)), max_size=4))
def test_a_data_block_gives_back_its_strings_made_printable_and_closes_nothing(
    texts: list[str],
) -> None:
    """A summary's data block (`markup.data_block`) holds any text as JSON that no HTML
    parser can end early: no `<`, `>` or `&`, nothing beyond ASCII; JSON.parse (here
    json.loads) gives each string back as `escape` would show it."""
    block = markup.data_block("detail-data", {"texts": texts, "n": [1, None]})
    start = '<script type="application/json" id="detail-data">'
    assert block.startswith(start)
    assert block.endswith("</script>")
    body = block[len(start) : -len("</script>")]
    assert body.isascii()
    assert not {"<", ">", "&"} & set(body)
    assert json.loads(body) == {"texts": [printable(t) for t in texts], "n": [1, None]}


@given(
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789Ææ中文",
        min_size=1,
        max_size=40,
    )
)
def test_a_name_on_a_line_stops_before_the_next_score_s_dot(name: str) -> None:
    """Each label, as wide as `text_width` says, ends before the next score's dot (or
    the picture's edge after +2): however long or capitalised the name."""
    marks = [svg.Mark(Actor(f"a{s.score + 2}", name), s, False, False, "reported") for s in Stance]
    root = ET.fromstring(svg.document(svg.issue_line("x", "X", marks, None), "X"))
    dots = sorted(float(c.get("cx", "")) for c in root.iter(f"{NS}circle"))
    labels = [
        t for t in root.iter(f"{NS}text") if t.get("x") and t.text and t.get("font-size") == "11"
    ]
    assert len(labels) == 5
    for text, dot, following in zip(labels, dots, [*dots[1:], svg.LINE_WIDTH + 6], strict=True):
        start = float(text.get("x", ""))
        assert start == dot + 9
        assert start + svg.text_width(text.text or "", 11) <= following - 6


def _luminance(colour: str) -> float:
    """WCAG 2's relative luminance of `#rrggbb`."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two colours, 1 to 21."""
    low, high = sorted((_luminance(a), _luminance(b)))
    return (high + 0.05) / (low + 0.05)


def _schemes() -> dict[str, dict[str, str]]:
    """The report's colours by scheme (report.css): light, dark and print."""
    css = (Path(svg.__file__).parent / "report.css").read_text(encoding="utf-8")
    blocks = re.findall(r":root \{([^}]*)\}", css)
    assert len(blocks) == 3  # light, then dark, then print
    found = {}
    for name, block in zip(("light", "dark", "print"), blocks, strict=True):
        found[name] = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", block))
    found["dark"] = {**found["light"], **found["dark"]}  # what dark mode leaves as it is
    return found


def test_contrast_is_right_for_known_pairs() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert contrast("#ffffff", "#ffffff") == 1.0


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
def test_every_stance_s_mark_stands_out_from_the_page(scheme: str) -> None:
    """WCAG's 3:1 for graphics: each stance's mark against the page, in each scheme
    (a picture alone has a white ground, as the light page)."""
    page = _schemes()[scheme]["bg"]
    for stance, fill in svg.STANCE_FILL.items():
        assert contrast(fill, page) >= 3, (scheme, stance, fill, page)


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
def test_every_stance_s_cell_is_legible(scheme: str) -> None:
    """The table's cells: each stance's words on its colour at 4.5:1 at least."""
    colours = _schemes()[scheme]
    for key in ("ss", "s", "n", "o", "so"):
        fg, bg = colours[f"{key}-fg"], colours[f"{key}-bg"]
        assert contrast(fg, bg) >= 4.5, (scheme, key, fg, bg)


@given(
    st.floats(0, 1),
    st.integers(1, 400),
    st.floats(0, 500),
    st.floats(1, 600),
)
def test_marks_of_one_day_stay_on_the_axis_in_their_order(
    where: float, n: int, low: float, length: float
) -> None:
    """However many shifts one day holds, at either end of the axis: each mark on the
    axis, each right of the one before, about the day's place when there is room."""
    high = low + length
    at = low + where * length
    places = [svg.spread(at, k, n, low, high) for k in range(n)]
    assert all(low - 1e-6 <= p <= high + 1e-6 for p in places)
    assert all(b > a for a, b in itertools.pairwise(places))
    if n == 1:
        assert places == [at]
    elif 11 * (n - 1) <= length:  # room for them 11 px apart
        assert [round(b - a, 6) for a, b in itertools.pairwise(places)] == [11.0] * (n - 1)
        middle = (places[0] + places[-1]) / 2
        if low + 5.5 * (n - 1) <= at <= high - 5.5 * (n - 1):
            assert abs(middle - at) < 1e-6


def test_the_heat_map_s_diagonal_says_why_an_actor_is_grey(tmp_path: Path) -> None:
    """Beta's one stance weighs nothing (salience 0): its cell with itself is n/a,
    grey, and says so; Alpha's is itself, over its one issue (as `alignment --json`)."""
    data = tmp_path / "weightless.yaml"
    data.write_text(
        SCENARIO.split("positions:")[0] + "positions:\n"
        "  - {actor: a, issue: x, stance: support, summary: s, source: s, date: 2025-01-01}\n"
        "  - {actor: b, issue: x, stance: oppose, summary: s, source: s, date: 2025-01-01,\n"
        "     salience: 0}\n",
        encoding="utf-8",
    )
    root = chart("alignment", "--data", str(data), "--actors", "a,b")
    said = {
        (r.get("data-a"), r.get("data-b")): (r.get("fill"), r.findtext(f"{NS}title"))
        for r in _all(root, "rect")
        if r.get("data-a")
    }
    assert said[("a", "a")] == (svg.agreement_fill(1.0), "Alpha: itself, over 1 shared issue")
    assert said[("b", "b")] == (svg.NO_SCORE_FILL, "Beta: no stance counted, so n/a")
    assert said[("a", "b")] == (svg.agreement_fill(0.5), "Alpha and Beta: 0.50 over 1 shared issue")


def test_a_page_carries_each_date_within_its_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each issue is drawn again on the later date while that repeats at most
    AS_OF_ROWS positions (17 here: the 18 in force but Freeze in the south's, which
    did not change); past the bounds those parts stay at the last date, and the page
    says so beside its switch, whose table of stances still moves."""
    from positions import export as exporter

    ds = loader.load(datafile.bundled_path())
    b = views.report_view(ds, briefing=True).briefing
    assert b is not None
    assert views.repeated_positions(b.compared) == 17
    assert (len(b.briefs), len(b.agreements), b.dated_issues) == (1, 1, True)
    monkeypatch.setattr(views, "AS_OF_ROWS", 17)
    assert views.report_view(ds, briefing=True).briefing.dated_issues  # type: ignore[union-attr]
    monkeypatch.setattr(views, "AS_OF_ROWS", 16)
    monkeypatch.setattr(views, "AS_OF_BRIEFS", 0)
    monkeypatch.setattr(views, "AS_OF_PAIRS", 0)
    view = views.report_view(ds, briefing=True)
    assert view.briefing is not None
    assert (view.briefing.briefs, view.briefing.agreements, view.briefing.dated_issues) == (
        (),
        (),
        False,
    )
    page = exporter.render("html", view)
    assert '<div class="on-dates"' not in page
    # The table still moves: each cell and each status; each issue's status stays
    # with its line, and each part that stays says so where it is.
    assert page.count(' data-at="') == len(ds.actors) * len(ds.issues) + len(ds.issues)
    for what in (
        "The brief",
        "Each issue&#x27;s status, line, sides and positions",
        "The agreement",
    ):
        assert (
            f'<p class="note stays" hidden>{what} as on the latest date, 2025-08-16: too much '
            "to carry for each date.</p>"
        ) in page
    assert (
        '<span id="tool-date-note" hidden>(the brief, each issue&#x27;s line and positions and '
        "the agreement stay at the latest date, 2025-08-16, too much to carry for each of 2 dates; "
        "<code>positions export --as-of DATE</code> makes the page of any date)</span>"
    ) in page


def test_the_actors_list_offers_the_groups_of_the_report_s_actors_only() -> None:
    """A report of two actors offers a group only for those of its members it shows;
    groups apart from actors."""
    from positions import export as exporter

    ds = loader.load(DATA / "trade2.yaml")
    assert ds.groups
    chosen = [next(iter(ds.actors))]
    page = exporter.render("html", views.report_view(ds, actors=chosen, briefing=True))
    start = page.index('<select id="tool-group">')
    listed = page[start : page.index("</select>", start)]
    kept = [g for g in ds.groups.values() if chosen[0] in g.members]
    assert 0 < len(kept) < len(ds.groups)  # one group left out, one cut to the actor
    assert any(len(g.members) > 1 for g in kept)
    offered = re.findall(r'<option value="([^"]*)" data-members="([^"]*)">', listed)
    assert offered == [(g.id, chosen[0]) for g in kept] + [(f"actor:{chosen[0]}", chosen[0])]
    assert ('<optgroup label="Groups">' in listed) == bool(kept)
    assert '<optgroup label="Actors">' in listed


def test_the_timeline_marks_each_date_of_the_switch() -> None:
    """On each earlier date the timeline marks that date and fades the shifts after
    it; the latest marks none."""
    from positions import export as exporter

    ds = loader.load(DATA / "trade2.yaml")
    view = views.report_view(ds, briefing=True)
    assert view.briefing is not None
    dates, shifts = view.briefing.dates, view.briefing.shifts
    page = exporter.render("html", view)
    part = page[page.index('<h2 id="timeline">') :]
    assert part.count('<svg class="chart timeline"') == len(dates)
    marks = re.findall(r'<line class="on" x1="([0-9.]+)"', part)
    first = min(s.after.date for s in shifts)  # before it, no line: every shift faded
    assert len(marks) == len([d for d in dates[:-1] if d >= first]) < len(dates) - 1
    assert [float(x) for x in marks] == sorted(float(x) for x in marks)  # later, further right
    faded = part.count('fill-opacity="0.25"')
    assert faded == sum(s.after.date > day for day in dates[:-1] for s in shifts)
    assert faded > 0


def test_a_wide_table_of_stances_prints_its_symbols_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past PRINT_WORDS actors the table is marked `many`, which the print style
    shows by symbols (the legend names them), so that every column fits the paper."""
    from positions import export as exporter
    from positions.export import html

    ds = loader.load(datafile.bundled_path())
    page = exporter.render("html", views.report_view(ds, briefing=True))
    assert '<table class="matrix sortable">' in page  # 5 actors: words too
    monkeypatch.setattr(html, "PRINT_WORDS", 4)
    page = exporter.render("html", views.report_view(ds, briefing=True))
    assert '<table class="matrix sortable many">' in page
    assert ".matrix.many .word { display: none; }" in html.script() + page


def _one_history(
    tmp_path: Path, moves: list[tuple[str, str]], name: str = "A", title: str = "I"
) -> Path:
    """A data file of one actor's positions on one issue: (stance, date) each."""
    rows = "".join(
        f"  - {{actor: a, issue: i, stance: {stance}, summary: Turn {n}., source: s,"
        f" date: {day}}}\n"
        for n, (stance, day) in enumerate(moves)
    )
    path = tmp_path / "history.yaml"
    path.write_text(
        f"format: 1\ntitle: One history\nsources:\n  s: {{name: S}}\nactors:\n"
        f"  a: {{name: {name}}}\nissues:\n  i: {{title: {title}, question: Is it?}}\n"
        "positions:\n" + rows,
        encoding="utf-8",
    )
    return path


def _turns(count: int) -> list[tuple[str, str]]:
    """`count` positions a year apart from 2001, oppose and support in turn."""
    return [(("oppose", "support")[n % 2], f"{2001 + n}-06-01") for n in range(count)]


def test_a_long_timeline_marks_its_years_and_keeps_its_marks_inside(tmp_path: Path) -> None:
    root = chart("timeline", "--data", str(_one_history(tmp_path, _turns(25))))
    labels = {t.text: float(t.get("x", "")) for t in _all(root, "text")}
    start, end = labels["2002-06-01"], labels["2025-06-01"]  # the first shift, the last
    years = sorted(int(k) for k in labels if k and k.isdigit())
    # 23 new years between the ends: every second one, but those too near an end's label.
    assert years == list(range(2007, 2022, 2))
    assert all(start + 70 <= labels[str(y)] <= end - 70 for y in years)
    marks = _all(root, "polygon", "shift")
    xs = [float(c.split(",")[0]) for p in marks for c in p.get("points", "").split()]
    assert len(xs) == 24 * 3
    # Clear of the actor's name (its right end: its x, anchored at its end) and of the
    # picture's right margin (640 wide, 40 kept): a mark at either end was cut.
    assert min(xs) >= labels["A"] + 4
    assert max(xs) <= 640 - 40


def test_a_timeline_of_one_day_dates_it_under_its_marks(tmp_path: Path) -> None:
    moves = [("oppose", "2024-02-01"), ("support", "2024-03-01")]
    root = chart("timeline", "--data", str(_one_history(tmp_path, moves)))
    (label,) = [t for t in _all(root, "text") if t.text == "2024-03-01"]
    (mark,) = _all(root, "polygon", "shift")
    apex = [float(c.split(",")[0]) for c in mark.get("points", "").split()][2]
    assert (float(label.get("x", "")), label.get("text-anchor")) == (apex, "middle")


def test_a_timeline_on_its_own_numbers_its_marks_and_says_each_in_a_key() -> None:
    """Pasted into a slide, a picture has no tooltips: its marks are numbered and said."""
    data = ["--data", str(DATA / "trade.yaml")]
    texts = [t.text for t in _all(chart("timeline", *data), "text")]
    assert texts[-2:] == [
        "1. 2024-06-01, European Union on Tariff cuts: oppose → neutral",
        "2. 2025-02-01, European Union on Tariff cuts: neutral → support",
    ]
    assert texts.count("1") == texts.count("2") == 1  # beside the marks
    # The report's too: printed, it has no tooltips either.
    page = run("export", "-f", "html", *data)
    assert ">1. 2024-06-01, European Union on Tariff cuts: oppose → neutral</text>" in page


def test_a_timeline_of_many_shifts_has_no_key(tmp_path: Path) -> None:
    path = _one_history(tmp_path, _turns(svg.TIMELINE_KEYED + 2))  # a shift too many
    texts = [t.text or "" for t in _all(chart("timeline", "--data", str(path)), "text")]
    assert not [t for t in texts if t.startswith("1. ")]


def test_a_key_line_too_long_for_the_picture_is_cut_to_fit(tmp_path: Path) -> None:
    name = "The Very Long Named Delegation of Somewhere Far The Very Long Named Delegation"
    moves = [("strongly_oppose", "2024-02-01"), ("strongly_support", "2024-03-01")]
    path = _one_history(tmp_path, moves, name, "A title " * 11 + "A title")
    texts = _all(chart("timeline", "--data", str(path)), "text")
    (key,) = [t for t in texts if (t.text or "").startswith("1. ")]
    assert (key.text or "").endswith("…")
    assert float(key.get("x", "")) + svg.text_width(key.text or "", 10) <= 640 - 8


def test_a_picture_s_long_heading_wraps_to_the_picture() -> None:
    """A question of 150 characters made a picture mostly white, 1,700 wide."""
    picture = svg.issue_line("i", "A line", [], None)
    heading = "Transitioning away from fossil fuels: " + "should the decision call for it " * 4
    root = ET.fromstring(svg.document(picture, heading))
    assert float(root.get("width", "")) <= svg.HEADING_WIDTH
    lines = [t.text or "" for t in root if t.tag == NS + "text"]
    assert len(lines) == 3
    assert " ".join(lines) == " ".join(heading.split())
    assert all(8 + 1.1 * svg.text_width(line, 14) <= svg.HEADING_WIDTH for line in lines)


def test_the_heat_map_on_its_own_says_each_label_s_name_its_date_and_weighting() -> None:
    root = chart("alignment", "--as-of", "2025-08-16")
    texts = [t.text or "" for t in root.iter(NS + "text")]
    heading = [t.text or "" for t in root if t.tag == NS + "text"]  # wrapped to the picture
    assert " ".join(heading) == (
        "Donbas and the Alaska summit, August 2025: agreement between actors, as of "
        "2025-08-16, weighted by salience"
    )
    key = " ".join(t for t in texts if t.startswith(("UA ", "RU ", "US ")) or "Canada" in t)
    assert "UA Ukraine" in key
    assert "RU Russia" in key
    assert "CA Canada" in key
    page = run("export", "-f", "html")
    assert "UA Ukraine, " not in page  # the page names them in its tables
