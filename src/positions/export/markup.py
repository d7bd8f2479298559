"""The one escape point of the HTML page and of its SVG pictures.

Every piece of data text reaches markup through `escape()` (via `h()`): control
and bidi characters are made visible, then `html.escape` turns `<`, `>`, `&` and
both quotes into entities, so data can never become markup, in text or in an
attribute, in HTML or in SVG (whose XML takes the same five entities). Markup we
write ourselves is an `Html` value and is never escaped twice.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from positions.text import printable


class Html(str):
    """Markup written by this package; any other str is text to escape."""

    __slots__ = ()


def escape(value: str) -> Html:
    """Data text as inert markup text, usable in element content and in attributes."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(printable(value, keep_newlines=True), quote=True))


def h(template: str, *values: str) -> Html:
    """`template` (our own literal markup) with each `{}` filled by escaped `values`."""
    return Html(template.format(*(escape(v) for v in values)))


def join(parts: Iterable[Html], separator: str = "") -> Html:
    return Html(separator.join(parts))
