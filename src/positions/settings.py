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
    progress: bool = True  # False with POSITIONS_NO_PROGRESS, or TERM=dumb
    pager_command: str | None = None  # MANPAGER or PAGER; None: Python's choice (less)

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
            if _on(environ, "POSITIONS_NO_CACHE")
            else cache_dir(environ, platform, home),
            pager=not _on(environ, "POSITIONS_NO_PAGER"),
            colour=not environ.get("NO_COLOR"),  # no-color.org: any value but empty
            width=int(columns)
            if columns.isascii() and columns.isdigit() and int(columns)
            else None,
            traceback=_on(environ, "POSITIONS_TRACEBACK"),
            progress=not _on(environ, "POSITIONS_NO_PROGRESS") and environ.get("TERM") != "dumb",
            pager_command=(environ.get("MANPAGER") or environ.get("PAGER") or "").strip() or None,
        )


def _on(environ: Mapping[str, str], name: str) -> bool:
    """A switch of ours: set, and not empty, 0, false, no or off."""
    return environ.get(name, "").strip().lower() not in ("", "0", "false", "no", "off")


def cache_dir(environ: Mapping[str, str], platform: str, home: Path | None = None) -> Path | None:
    """$POSITIONS_CACHE_DIR (made absolute), else the platform's user cache directory;
    None (no store) when there is no home directory to find that in."""
    chosen = environ.get("POSITIONS_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser().absolute()
    if home is None:
        try:
            home = Path.home()
        except (RuntimeError, KeyError):  # no HOME, and a user id with no entry
            return None
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
