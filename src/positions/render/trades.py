"""`positions trades` as a rich renderable and as JSON (docs/json.md).

The trades come first, best first, each with what both parties keep and give up and
why (their saliences); then the packages the data's conditional offers make, each
condition with who backs and who opposes it. Every text from the data enters through
the terminal renderer's `_data()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from positions import views
from positions.render.table import FastTable
from positions.render.terminal import _data, _heading, _view
from positions.render.words import backing, offer, reason
from positions.text import plural
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
    number = f"{n}. "
    # The headline wraps under itself, not under its number; the gain leads it, so that
    # its number stays with its word at any width.
    said = Text(f"(gain {t.gain:.2f}) ", overflow="fold")
    said.append_text(_data(headline(row, titles), "bold"))
    head = FastTable.grid()  # wraps as rich's Table does, but by each text's own overflow
    head.add_column(no_wrap=True)
    head.add_column()
    head.add_row(Text(number, style="bold"), said)
    lines: list[RenderableType] = [head]
    for (keep, give), kept, given, gained in zip(row.cells, t.keeps, t.gives, t.gains, strict=True):
        line = _data(
            f"{keep.actor.name}: {_stake('keeps', keep, titles[kept])}, "
            f"{_stake('gives way on', give, titles[given])}: gains {gained:.2f}",
            "dim",
        )
        lines.append(Padding(line, (0, 0, 0, len(number))))
    return lines


def _package(row: PackageRow, names: Mapping[str, str]) -> list[RenderableType]:
    line = _data(f"{row.offer.actor.name}: ", "bold")
    line.append_text(_data(offer(row)))
    lines: list[RenderableType] = [line]
    for part, issue, cells in row.parts:
        text = _data(f"{issue.title} {part.outcome}: ", "italic")
        text.append_text(_data(backing(part, cells, names)))
        lines.append(Padding(text, (0, 0, 0, 4)))
    return lines


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
