"""Everything the environment decides, read once when a command starts (httpie's
`Environment`), and passed down as one value: nothing else reads `os.environ`."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple


class Settings(NamedTuple):
    data: Path | None  # POSITIONS_DATA: the data file read without --data
    cache_dir: Path | None  # where the store lives; None with POSITIONS_NO_CACHE
    pager: bool  # False with POSITIONS_NO_PAGER
    colour: bool  # False with NO_COLOR (rich itself honours FORCE_COLOR and TERM)
    width: int | None  # COLUMNS, when it is a whole number
    traceback: bool  # POSITIONS_TRACEBACK: our own errors with their traceback

    @classmethod
    def from_environ(
        cls,
        environ: Mapping[str, str] = os.environ,
        platform: str = sys.platform,
        home: Path | None = None,
    ) -> Settings:
        data = environ.get("POSITIONS_DATA")
        columns = environ.get("COLUMNS", "").strip()
        return cls(
            data=Path(data) if data else None,
            cache_dir=None
            if environ.get("POSITIONS_NO_CACHE")
            else cache_dir(environ, platform, Path.home() if home is None else home),
            pager=not environ.get("POSITIONS_NO_PAGER"),
            colour=not environ.get("NO_COLOR"),
            width=int(columns) if columns.isdigit() and int(columns) > 0 else None,
            traceback=bool(environ.get("POSITIONS_TRACEBACK")),
        )


def cache_dir(environ: Mapping[str, str], platform: str, home: Path) -> Path:
    """$POSITIONS_CACHE_DIR, else the platform's user cache directory."""
    chosen = environ.get("POSITIONS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        base = Path(local) if local else home / "AppData" / "Local"
        return base / "positions" / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / "positions"
    xdg = environ.get("XDG_CACHE_HOME")
    # The XDG spec says to ignore a relative path.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache"
    return base / "positions"
