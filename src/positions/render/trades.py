"""`positions trades` as a rich renderable and as JSON (docs/json.md).

The trades come first, best first, each with what both parties keep and give up and
why (their saliences); then the packages the data's conditional offers make, each
condition with who backs and who opposes it. Every text from the data enters through
the terminal renderer's `_data()`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from positions import views
from positions.render.terminal import _data, _heading, _view, qualified
from positions.text import and_list, only_if, plural
from positions.traded import PackageRow, Part, TradeRow, TradesView

DEFINITION = (
    "A trade: two parties on opposite sides of two issues, each giving way on the one "
    "it cares less about (its salience; omitted counts 1) and never on a red line. Its "
    "gain for a party: salience kept minus salience given up; trades are ranked by the "
    "smaller gain. A model of give and take, not a prediction."
)


def _salience(cell: views.Cell) -> str:
    p = cell.position
    if p is None or p.salience is None:
        return "salience omitted, counts 1"
    return f"salience {p.salience:g}"


def _stake(verb: str, cell: views.Cell, title: str) -> str:
    """'keeps Beef quotas (strongly oppose, a red line, salience 1, not given)'."""
    p = cell.position
    assert p is not None  # a trade is made of stated positions
    said = [p.stance.label] + ["a red line"] * p.red_line + [_salience(cell)]
    return f"{verb} {title} ({', '.join(said)})"


def headline(row: TradeRow, titles: Mapping[str, str]) -> str:
    """'European Union gives way on Tariff cuts, Mercosur on Beef quotas'."""
    t = row.trade
    a, b = (keep.actor.name for keep, _ in row.cells)
    return f"{a} gives way on {titles[t.gives[0]]}, {b} on {titles[t.gives[1]]}"


def _trade(n: int, row: TradeRow, titles: Mapping[str, str]) -> list[RenderableType]:
    t = row.trade
    head = Text(f"{n}. ", style="bold")
    head.append_text(_data(headline(row, titles), "bold"))
    head.append(f"  gain {t.gain:.2f}")
    lines: list[RenderableType] = [head]
    for (keep, give), kept, given, gained in zip(row.cells, t.keeps, t.gives, t.gains, strict=True):
        line = _data(
            f"{keep.actor.name}: {_stake('keeps', keep, titles[kept])}, "
            f"{_stake('gives way on', give, titles[given])}: gains {gained:.2f}",
            "dim",
        )
        lines.append(Padding(line, (0, 0, 0, len(f"{n}. "))))
    return lines


def _who(ids: Sequence[str], cells: Mapping[str, views.Cell]) -> str:
    return and_list([qualified(cells[a]) for a in ids])


def offer(row: PackageRow) -> str:
    """'support Freeze in the south, only if Donbas territory is adopted'."""
    p = row.offer.position
    assert p is not None  # a package is a stated, conditional position
    conditions = only_if([(i.title, o) for i, o in row.offer.conditions])
    return f"{p.stance.label} {row.issue.title}, {conditions}"


def backing(
    part: Part, cells: Mapping[str, views.Cell], names: Mapping[str, str] | None, sep: str = "; "
) -> str:
    """'backed by United States (conditional); opposed by Ukraine (red line)'; with
    `names`, the neutral and the silent too."""
    said = [
        f"backed by {_who(part.supporters, cells)}" if part.supporters else "backed by none",
        f"opposed by {_who(part.rejecters, cells)}" if part.rejecters else "opposed by none",
    ]
    if names is not None and part.neutral:
        said.append(f"neutral: {_who(part.neutral, cells)}")
    if names is not None and part.silent:
        said.append(f"silent: {and_list([names[a] for a in part.silent])}")
    return sep.join(said)


def _package(row: PackageRow, names: Mapping[str, str]) -> list[RenderableType]:
    line = _data(f"{row.offer.actor.name}: ", "bold")
    line.append_text(_data(offer(row)))
    lines: list[RenderableType] = [line]
    for part, issue, cells in row.parts:
        text = _data(f"{issue.title} {part.outcome}: ", "italic")
        text.append_text(_data(backing(part, cells, names)))
        lines.append(Padding(text, (0, 0, 0, 4)))
    return lines


def reason(view: TradesView, short: bool = False) -> str:
    """Why no trade was found, in the data's own terms; `short`: in a few words."""
    if view.parties < 2:
        chosen = "none of the actors chosen is" if not view.parties else "only one of them is"
        return f"a trade needs two parties, and {chosen} a party on the day"
    if view.issues < 2:
        return "a trade needs two issues; choose more with --issues"
    if short:
        if not view.given:
            return "the data gives no salience"
        if len(view.uneven) < 2:
            return "no two parties care unevenly about the issues they take sides on"
        if view.ruled_out:
            return f"red lines rule out {plural(view.ruled_out, 'trade')}"
        return "no two parties care in opposite order about two issues they clash on"
    if not view.given:
        return (
            "the data gives no salience, so no party is known to care more about one "
            "issue than another. Give positions a `salience:` (0 to 1) to find trades "
            "(docs/format.md)."
        )
    some = f"{plural(view.given, 'stance')} in force {'gives' if view.given == 1 else 'give'}"
    if len(view.uneven) < 2:
        who = "no party" if not view.uneven else f"only {view.uneven[0].name}"
        return (
            f"{who} cares more about one issue it takes a side on than another, and a "
            f"trade needs two that do ({some} a salience; an omitted one counts 1)."
        )
    if view.ruled_out:
        return (
            f"red lines rule out {plural(view.ruled_out, 'trade')} that would leave both "
            "parties better off: a trade never has a party give way on its red line."
        )
    return (
        "no two parties on opposite sides of two issues care about them in opposite "
        f"order ({some} a salience; an omitted one counts 1)."
    )


def terminal(view: TradesView, width: int) -> RenderableType:
    """The trades, then the packages; the layout follows the width it is drawn at, so
    `width` is not needed."""
    del width
    titles = view.titles
    names = {a.id: a.name for a in view.actors}
    head = Text("Trades: ")
    head.append_text(_data(view.title))
    parts: list[RenderableType] = [_heading(head, view.as_of), Text(DEFINITION, style="dim")]
    parts.append(Text())
    if view.rows:
        for n, row in enumerate(view.rows, 1):
            parts += [Text()] * (n > 1) + _trade(n, row, titles)
        if view.found > len(view.rows):
            more = view.found - len(view.rows)
            parts.append(
                Text(f"{plural(more, 'more trade')} (--top {view.found} shows every one).", "dim")
            )
    else:
        parts.append(_data(f"No trade: {reason(view)}", "dim"))
    parts += [Text(), Text("Packages: the conditional offers in force", style="bold")]
    if view.packages:
        for offer in view.packages:
            parts.append(Padding(Group(*_package(offer, names)), (0, 0, 0, 2)))
    else:
        parts.append(Padding(Text("none", style="dim"), (0, 0, 0, 2)))
    return _view(*parts)


# --- JSON ------------------------------------------------------------------------------


def _trade_json(row: TradeRow) -> dict[str, Any]:
    t = row.trade
    cells = [c for pair in row.cells for c in pair]
    return {
        "actors": list(t.actors),
        "gives": dict(zip(t.actors, t.gives, strict=True)),
        "keeps": dict(zip(t.actors, t.keeps, strict=True)),
        "gain": round(t.gain, 4),
        "gains": {a: round(g, 4) for a, g in zip(t.actors, t.gains, strict=True)},
        "salience": {
            pair[0].actor.id: {
                c.position.issue: 1.0 if c.position.salience is None else c.position.salience
                for c in pair
                if c.position is not None
            }
            for pair in row.cells
        },
        "salience_omitted": [
            [c.actor.id, c.position.issue]
            for c in cells
            if c.position is not None and c.position.salience is None
        ],
        "red_lines": [
            [c.actor.id, c.position.issue] for c in cells if c.position and c.position.red_line
        ],
    }


def _part_json(part: Part, cells: Mapping[str, views.Cell]) -> dict[str, Any]:
    held = part.supporters + part.rejecters + part.neutral
    return {
        "issue": part.issue,
        "outcome": part.outcome,
        "supporters": list(part.supporters),
        "rejecters": list(part.rejecters),
        "neutral": list(part.neutral),
        "silent": list(part.silent),
        "red_lines": [a for a in held if (p := cells[a].position) and p.red_line],
        "conditional": [a for a in held if (p := cells[a].position) and p.conditions],
    }


def as_json(view: TradesView) -> dict[str, Any]:
    """The view as plain data; docs/json.md lists the keys."""
    return {
        "title": view.title,
        "as_of": None if view.as_of is None else view.as_of.isoformat(),
        "actors": [a.id for a in view.actors],
        "salience_given": view.given,
        "uneven": [a.id for a in view.uneven],
        "found": view.found,
        "top": view.top,
        "trades": trades_json(view),
        "packages": packages_json(view),
    }


def trades_json(view: TradesView) -> list[dict[str, Any]]:
    """The trades listed, as `trades --json` and `brief --json` write them."""
    return [_trade_json(r) for r in view.rows]


def packages_json(view: TradesView) -> list[dict[str, Any]]:
    """The packages, as `trades --json` and `brief --json` write them."""
    return [
        {
            "actor": r.offer.actor.id,
            "issue": r.issue.id,
            "stance": None if r.offer.position is None else r.offer.position.stance.id,
            "conditions": [_part_json(part, cells) for part, _, cells in r.parts],
        }
        for r in view.packages
    ]
