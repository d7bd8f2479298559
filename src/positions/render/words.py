"""The analysis in words, as every renderer says it: the terminal's `brief` and
`landing`, and the report's and the memo's brief. Plain strings: no rich, no markup;
each renderer escapes them its own way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from positions.analysis import Landing
from positions.model import Stance


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
        said += f" (pivot {names([land.pivot])})"
    if land.across:
        said += f", across the red line of {names(list(land.across))}"
    return said
