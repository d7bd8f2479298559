"""Exporters: the report view as CSV, Markdown, JSON, a self-contained HTML page, or
one of its pictures as SVG.

`chunks` picks a renderer, each a pure function from a `ReportView` to its text
a piece at a time (`render` joins the pieces); `encoded_chunks` turns the pieces
into the bytes for a stream, in batches; `write` is the only code here that
touches the file system. An export is written as it is made: neither its whole
text nor its bytes are ever held in memory at once.
"""

from __future__ import annotations

import codecs
import urllib.parse
from collections.abc import Iterable, Iterator

from positions.export.write import batches, write
from positions.text import json_ascii
from positions.views import ReportView

__all__ = ["chunks", "encoded", "encoded_chunks", "render", "row_reads", "web_url", "write"]

#: How many times each format reads the report's rows as it writes (the HTML page and
#: Markdown have a table and then each issue's details): what an export's progress
#: counts to (tests/test_export_stream.py holds each format to it).
READS = {"csv": 1, "json": 1, "md": 2, "html": 2, "svg": 0}


def row_reads(format: str, view: ReportView) -> int:
    """How many rows the export of `view` in `format` makes, every read counted."""
    if format in ("html", "md"):
        from positions.views import summary_reads

        return summary_reads(view)
    return READS[format] * len(view.rows)


def render(
    format: str,
    view: ReportView,
    *,
    wide: bool = False,
    raw: bool = False,
    chart: str | None = None,
) -> str:
    """The view as text in `format` (csv, md, json, html or svg); `wide` and `raw`
    apply to csv only (positions.export.csv), `chart` to svg only: alignment,
    timeline or issue:ID (`export.briefed.chart`)."""
    return "".join(chunks(format, view, wide=wide, raw=raw, chart=chart))


def chunks(
    format: str,
    view: ReportView,
    *,
    wide: bool = False,
    raw: bool = False,
    chart: str | None = None,
) -> Iterator[str]:
    """The text `render` gives, a piece at a time (an issue's rows, a line of a table)."""
    if format == "svg":
        from positions.export.briefed import chart as draw

        if chart is None:
            raise ValueError("svg draws one chart: alignment, timeline or issue:ID")
        return iter([draw(view, chart)])
    if chart is not None:  # the CLI refuses this combination before we get here
        raise ValueError("chart applies to svg only")
    if format == "csv":
        from positions.export.csv import chunks as csv_chunks

        return csv_chunks(view, wide=wide, raw=raw)
    if wide or raw:  # the CLI refuses these combinations before we get here
        raise ValueError("wide and raw apply to csv only")
    if format == "md":
        from positions.export.markdown import chunks as md_chunks

        return md_chunks(view)
    if format == "json":
        from positions.export.json import chunks as json_chunks

        return json_chunks(view)
    if format == "html":
        from positions.export.html import chunks as html_chunks

        return html_chunks(view)
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
    return b"".join(encoded_chunks(format, [text], terminal))


def encoded_chunks(
    format: str, chunks: Iterable[str], terminal: str | None = None
) -> Iterator[bytes]:
    """The bytes `encoded` gives for the text the chunks make, in batches (`batches`)
    as the chunks come. An encoder that keeps state (a byte-order mark written once)
    sees the batches as one text."""
    if terminal is None or _codec(terminal) in ("utf-8", "utf-8-sig", None):
        for text in batches(chunks):
            yield text.encode("utf-8")
        return
    if format == "json":
        for text in batches(chunks):
            yield json_ascii(text).encode("ascii")
        return
    errors = "xmlcharrefreplace" if format in ("md", "html", "svg") else "backslashreplace"
    encoder = codecs.getincrementalencoder(terminal)(errors)
    for text in batches(chunks):
        yield encoder.encode(text)
    if end := encoder.encode("", final=True):
        yield end


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
