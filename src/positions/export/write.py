"""Write an export to a file atomically, or not at all (positions.atomic), and say
in one line what stopped it."""

from __future__ import annotations

import os
from pathlib import Path

from positions.atomic import Replacement
from positions.errors import OutputError


def write(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path`; refuse to replace a file unless `force`.

    Every failure a user can cause (a missing directory, a directory given as
    the file, no permission, a full disk) is an OutputError with one line of
    text, and leaves the directory exactly as it was.
    """
    data = text.encode("utf-8")
    directory = path.parent
    denied = f"{path}: permission denied; choose a directory you can write to"
    try:
        if path.is_dir():
            raise OutputError(f"{path} is a directory; give the path of a file to write")
        if not directory.is_dir():
            if directory.exists():
                raise OutputError(f"{path}: {directory} is not a directory")
            raise OutputError(f"{path}: no such directory {directory}; create it first")
    except PermissionError:  # a directory on the way that we may not look into
        raise OutputError(denied) from None
    # A dangling symlink counts as existing: replacing it is replacing something.
    # Between this check and the rename another process could create the file;
    # that window is accepted rather than traded for a non-portable link dance.
    exists = os.path.lexists(path)
    if exists and not force:
        raise OutputError(f"{path} exists; use --force to replace it")
    mode = _mode_for(path) if exists else _default_mode()
    try:
        replacement = Replacement(path)
    except PermissionError:
        raise OutputError(denied) from None
    except OSError as e:
        raise OutputError(f"{path}: cannot create a file in {directory}: {e.strerror}") from None
    with replacement:
        try:
            replacement.write(data)
            replacement.commit(mode)
        except PermissionError:
            raise OutputError(f"{path}: permission denied; cannot replace it") from None
        except OSError as e:
            raise OutputError(f"{path}: cannot write: {e.strerror}") from None


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, so --force keeps them."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:  # a dangling symlink: fall back to a new file's mode
        return _default_mode()


def _default_mode() -> int:
    """What open() would give a new file: 0o666 less the umask (mkstemp uses 0o600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
