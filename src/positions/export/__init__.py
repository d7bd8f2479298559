"""Exporters: the report view as CSV, Markdown, JSON or a self-contained HTML page.

`render` picks a renderer, each a pure function from a `ReportView` to text;
`write` is the only code here that touches the file system.
"""

from __future__ import annotations

import urllib.parse

from positions.export.write import write
from positions.views import ReportView

__all__ = ["render", "web_url", "write"]


def render(format: str, view: ReportView, *, wide: bool = False) -> str:
    """The view as text in `format` (csv, md, json or html); `wide` applies to csv only."""
    if format == "csv":
        from positions.export.csv import render as render_csv

        return render_csv(view, wide=wide)
    if wide:  # the CLI refuses this combination before we get here
        raise ValueError("wide applies to csv only")
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
