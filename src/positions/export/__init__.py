"""Exporters: the report view as CSV, Markdown, JSON or a self-contained HTML page.

`render` picks a renderer, each a pure function from a `ReportView` to text;
`encoded` turns that text into the bytes for a stream; `write` is the only
code here that touches the file system.
"""

from __future__ import annotations

import codecs
import urllib.parse

from positions.export.write import write
from positions.text import json_ascii
from positions.views import ReportView

__all__ = ["encoded", "render", "web_url", "write"]


def render(format: str, view: ReportView, *, wide: bool = False, raw: bool = False) -> str:
    """The view as text in `format` (csv, md, json or html); `wide` and `raw`
    apply to csv only (positions.export.csv)."""
    if format == "csv":
        from positions.export.csv import render as render_csv

        return render_csv(view, wide=wide, raw=raw)
    if wide or raw:  # the CLI refuses these combinations before we get here
        raise ValueError("wide and raw apply to csv only")
    if format == "md":
        from positions.export.markdown import render as render_md

        return render_md(view)
    if format == "json":
        from positions.export.json import render as render_json

        return render_json(view)
    if format == "html":
        from positions.export.html import render as render_html

        return render_html(view)
    raise ValueError(f"unknown export format {format!r}")  # the CLI's enum prevents it


def encoded(format: str, text: str, terminal: str | None = None) -> bytes:
    """An export's bytes for a stream: UTF-8, the encoding of a file format.

    `terminal` is the encoding of the terminal the bytes go to, if they go to
    one: UTF-8 bytes shown in another encoding would be garbled, and some of
    them (0x80-0x9f) are control codes there. So a character that encoding
    lacks is written the way the format allows: `\\uXXXX` in JSON (the same
    string to a parser), a character reference in Markdown and HTML, and a
    visible escape in CSV, which has none.
    """
    if terminal is None or _codec(terminal) in ("utf-8", "utf-8-sig", None):
        return text.encode("utf-8")
    if format == "json":
        return json_ascii(text).encode("ascii")
    errors = "xmlcharrefreplace" if format in ("md", "html") else "backslashreplace"
    return text.encode(terminal, errors)


def _codec(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def web_url(url: str | None) -> str | None:
    """`url` ready for a link when it is http(s), else None.

    The loader already refuses other schemes; checking again where a link is
    made keeps a `javascript:` URL out of a report whatever built the dataset.
    Characters that are not legal in a URL (spaces, quotes, `<`, `>`, `|`,
    brackets) are percent-encoded, so the URL cannot end a Markdown link or
    table cell early and is the same in every format.
    """
    if url is None or not url.lower().startswith(("https://", "http://")):
        return None
    return urllib.parse.quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
