"""The one escape point of the HTML page and of its SVG pictures.

Every piece of data text reaches markup through `escape()` (via `h()`): control
and bidi characters are made visible, then `html.escape` turns `<`, `>`, `&` and
both quotes into entities, so data can never become markup, in text or in an
attribute, in HTML or in SVG (whose XML takes the same five entities). Markup we
write ourselves is an `Html` value and is never escaped twice.
"""

from __future__ import annotations

import html
import json
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


def data_block(element_id: str, value: object) -> Html:
    """`value` as a JSON data block the page's script reads (`<script type=
    "application/json">`, which no browser runs). Each string is made `printable`
    first, as `escape` would make it; every character beyond ASCII and each of `<`,
    `>` and `&` is written as a `\\uXXXX` escape, so no text can close the element or
    open a comment in it, and JSON.parse gives back the same strings."""
    text = json.dumps(_printable(value), ensure_ascii=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return Html(f'<script type="application/json" id="{html.escape(element_id)}">{text}</script>')


def _printable(value: object) -> object:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): _printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    return value
