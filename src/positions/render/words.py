"""The analysis in words, as every renderer says it: the terminal's `brief`,
`landing` and `trades`, and the report's and the memo's brief. Plain strings: no rich, no markup;
each renderer escapes them its own way."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from positions import views
from positions.analysis import (
    DIRECTION_WORD,
    OUTCOME_LABEL,
    DealOutlook,
    Landing,
    Outcome,
)
from positions.changed import ChangesView, Counting, Kind, counting
from positions.model import Actor, Basis, Position, Stance, label_of
from positions.text import and_list, only_if, plural
from positions.traded import PackageRow, Part, TradesView

#: Each kind of change, as a count says it: one, and more.
_COUNTED = {
    Kind.NEW: ("new", "new"),
    Kind.SHIFT: ("shift", "shifts"),
    Kind.CONDITIONAL: ("conditional change", "conditional changes"),
    Kind.RESTATED: ("restated", "restated"),
    Kind.JOINED: ("joined", "joined"),
    Kind.LEFT: ("left", "left"),
    Kind.ADDED: ("added", "added"),
    Kind.REMOVED: ("removed", "removed"),
    Kind.EDITED: ("edited", "edited"),
}


def counted(kind: Kind, n: int) -> str:
    """'1 shift', '2 shifts', '3 new'."""
    return f"{n:,} {_COUNTED[kind][n != 1]}"


def not_a_party(absent: Sequence[Actor]) -> str:
    """'; not a party on the day: United States' (outside its `active` window), or
    nothing."""
    return f"; not a party on the day: {and_list([a.name for a in absent])}" if absent else ""


def median_text(median: float | None) -> str:
    """A landing score in words: `+1 support`, `-0.5 between oppose and neutral`."""
    if median is None:
        return "no estimate"
    if median == int(median):
        return f"{int(median):+d} {Stance(int(median)).label}".replace("+0", "0")
    low, high = Stance(int(median // 1)), Stance(int(median // 1) + 1)
    return f"{median:+.1f} between {low.label} and {high.label}"


def landing_text(land: Landing) -> str:
    """Where an issue lands, in words; a split names the two stances it falls between
    (`0, split between oppose and support`), never a stance nobody holds."""
    if land.median is None:
        return "no estimate: " + ("no party placed" if not land.placed else "one party")
    if land.pivot is not None:
        return median_text(land.median)
    low = max(p.score for p in land.placed if p.score < land.median)
    high = min(p.score for p in land.placed if p.score > land.median)
    shown = f"{land.median:+.1f}".replace("+0.0", "0").replace(".0", "")
    return f"{shown}, split between {Stance(low).label} and {Stance(high).label}"


def landing_clause(land: Landing | None, names: Callable[[Sequence[str]], str]) -> str:
    """'; likely landing -2 strongly oppose (pivot European allies), across the red line
    of Ukraine', for a brief's contested issue; nothing without an estimate. `names`
    says a list of actor ids as the renderer names them."""
    if land is None or land.median is None:
        return ""
    said = f"; likely landing {landing_text(land)}"
    if land.pivot is not None:
        conditional = ", conditional" if land.pivot_conditional else ""
        said += f" (pivot {names([land.pivot])}{conditional})"
    if land.across:
        said += f", across the red line of {names(list(land.across))}"
    return said


def qualified(cell: views.Cell) -> str:
    """An actor's name, with what a list of names must not hide about its stance:
    `Russia (inferred)`, `Ukraine (red line)`, `United States (conditional)`."""
    p = cell.position
    if not cell.party:
        return f"{cell.actor.name} (not a party)"
    if p is None:
        return cell.actor.name
    notes = [p.basis.value] if p.basis is not Basis.REPORTED else []
    notes += ["conditional"] * bool(p.conditions) + ["red line"] * p.red_line
    return f"{cell.actor.name} ({', '.join(notes)})" if notes else cell.actor.name


def qualified_names(ids: Sequence[str], cells: Mapping[str, views.Cell]) -> str:
    """The actors in `ids`, each `qualified` by its cell."""
    return and_list([qualified(cells[a]) for a in ids])


def offer(row: PackageRow) -> str:
    """'support Freeze in the south, only if Donbas territory is adopted' ('neutral on
    Keep rebates, ...')."""
    p = row.offer.position
    assert p is not None  # a package is a stated, conditional position
    conditions = only_if([(i.title, o) for i, o in row.offer.conditions])
    on = " on" if p.stance is Stance.NEUTRAL else ""
    return f"{p.stance.label}{on} {row.issue.title}, {conditions}"


#: A change of counting (positions.changed.counting) in words.
COUNTING_WORDS = {
    Counting.NOW_CONDITIONAL: "now conditional: no longer counted",
    Counting.NO_LONGER_CONDITIONAL: "no longer conditional: now counted",
    Counting.CONDITIONS_CHANGED: "its conditions changed",
}


def conditional_change(before: Position, after: Position) -> str | None:
    """What a new position changes about being counted, in words; None: nothing."""
    change = counting(before, after)
    return None if change is None else COUNTING_WORDS[change]


def counting_note(before: Position | None, after: Position | None) -> str:
    """' (now conditional: no longer counted)' after a change of stance that says it,
    or nothing (also where either position is missing)."""
    said = None if before is None or after is None else conditional_change(before, after)
    return "" if said is None else f" ({said})"


def moved(before: Position, after: Position) -> str:
    """'support → neutral (now conditional: no longer counted)': a shift in words."""
    return f"{label_of(before.stance)} → {label_of(after.stance)}{counting_note(before, after)}"


def backing(
    part: Part, cells: Mapping[str, views.Cell], names: Mapping[str, str] | None, sep: str = "; "
) -> str:
    """'backed by United States (conditional); opposed by Ukraine (red line)'; with
    `names`, the neutral and the silent too."""
    backers, rejecters = part.supporters, part.rejecters
    said = [
        f"backed by {qualified_names(backers, cells)}" if backers else "backed by none",
        f"opposed by {qualified_names(rejecters, cells)}" if rejecters else "opposed by none",
    ]
    if names is not None and part.neutral:
        said.append(f"neutral: {qualified_names(part.neutral, cells)}")
    if names is not None and part.silent:
        said.append(f"silent: {and_list([names[a] for a in part.silent])}")
    return sep.join(said)


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


def qualified_in_order(
    cells: Sequence[views.Cell], ids: Sequence[str], first: int | None = None
) -> tuple[list[str], int]:
    """`qualified` names of the actors in `ids`, in the order of `cells` (the `first`
    few only, when given), and how many there are in all."""
    wanted = set(ids)
    chosen = [c for c in cells if c.actor.id in wanted]
    return [qualified(c) for c in chosen[:first]], len(chosen)


def listed(order: Sequence[Actor], ids: Sequence[str], cells: Sequence[views.Cell] = ()) -> str:
    """A brief's list of names, in the data's order, each with what its stance rests
    on when `cells` say (`qualified`); past BRIEF_NAMES, the first few and how many
    others; an id the view does not show, as it is; `nobody` for none."""
    if cells:  # only the names shown are qualified: a roll call's lists run to 190
        named, count = qualified_in_order(cells, ids, views.BRIEF_NAMES)
    else:
        named = views.names_in_order(order, ids)
        known = {a.id for a in order}
        named += [i for i in ids if i not in known]
        count = len(named)
    shown, rest = views.first_names(named, count)
    return and_list(shown + [f"{rest:,} others"] * bool(rest)) or "nobody"


def conditional_clause(order: Sequence[Actor], row: views.CompareRow) -> str:
    """'; conditional: United States' when someone's stance on `row` holds only if."""
    ids = row.sides.conditional
    return f"; conditional: {listed(order, ids)}" if ids else ""


def outlook_parts(
    o: DealOutlook, cells: Sequence[views.Cell], titles: Mapping[str, str], among: str = ""
) -> list[tuple[str, str]]:
    """A deal's outlook in words, a piece at a time with its part ("outcome", "names",
    "aside" or ""), for a renderer to style: 'within reach: adopt, among A and B';
    'blocked by Ukraine (red line) or Russia: the rest would adopt; linked to Freeze in
    the south'. The terminal's `deal` and `brief`, and the report's brief, say this."""
    parts = [(OUTCOME_LABEL[o.outcome], "outcome")]
    if o.outcome is Outcome.WITHIN_REACH and o.direction is not None:
        parts.append((f": {DIRECTION_WORD[o.direction]}", ""))
        if among:
            parts.append((f", among {among}", ""))
    for n, block in enumerate(o.blocks):
        parts.append((" by " if n == 0 else " or ", ""))
        # A blocker holding a red line (a hard block) is named `Ukraine (red line)`.
        parts.append((and_list([qualified(c) for c in cells if c.actor.id in block.by]), "names"))
        if len(o.blocks) > 1:
            parts.append((f" (the rest would {DIRECTION_WORD[block.direction]})", "aside"))
    if len(o.blocks) == 1:
        parts.append((f": the rest would {DIRECTION_WORD[o.blocks[0].direction]}", "aside"))
    if o.linked:
        parts.append((f"; linked to {and_list([titles.get(i, i) for i in o.linked])}", "aside"))
    return parts


def nothing_changed(view: ChangesView) -> str:
    """An empty window of `changes`, said plainly, with where the data's dates are."""
    if view.span is None:
        return "Nothing to compare: the data records no position."
    first, last = view.span
    return (
        "Nothing changed in this window: no position is dated in it, and no actor joined "
        f"or left. Try --since with an earlier date: the data's positions are dated "
        f"{first.isoformat()} to {last.isoformat()}."
    )
