"""Write an export to a file atomically, or not at all (positions.atomic), and say
in one line what stopped it.

The text may come a piece at a time (an export's chunks): it is written to the
temporary file as it comes, in batches (`batches`), and the file is renamed
into place only once the last piece is written. Whatever stops it before then
(an error, Ctrl-C, a signal) removes the temporary file: the target is the old
file or the whole new one, never a part.

Only a regular file is ever replaced. A device, a FIFO, a socket or a directory
is refused even with --force (as root, `-o /dev/null --force` would otherwise
swap the device node for a file), and so is a symbolic link: --force never
writes through a link to whatever it points at, nor silently turns the link
into a file; the message names the file it points to, to be given instead.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from positions.atomic import Replacement
from positions.errors import OutputError

#: What an existing file needs before it is replaced, as export says it.
USE_FORCE = "use --force to replace it"

#: About how many characters are gathered before they are encoded and written: few
#: enough to cost no memory to speak of, many enough that a write is not a system
#: call per line.
BATCH = 1 << 16


def batches(chunks: Iterable[str], size: int | None = None) -> Iterator[str]:
    """The text of `chunks`, in order, joined into pieces of at least `size`
    characters (BATCH when not given), but the last."""
    size = BATCH if size is None else size
    held: list[str] = []
    count = 0
    for chunk in chunks:
        held.append(chunk)
        count += len(chunk)
        if count >= size:
            yield "".join(held)
            held.clear()
            count = 0
    if held:
        yield "".join(held)


def write(
    path: Path, text: str | Iterable[str], *, force: bool = False, to_replace: str = USE_FORCE
) -> None:
    """Write `text` (UTF-8), whole or a piece at a time, to `path`; refuse to replace
    a file unless `force`.

    Every failure a user can cause (a missing directory, a directory given as
    the file, no permission, a name the system refuses, a full disk) is an
    OutputError with one line of text, and leaves the directory exactly as it
    was. `to_replace` is what the message for an existing file tells the user.
    The pieces are made (and so an export rendered) only once the path is known
    to be writable.
    """
    data = (piece.encode("utf-8") for piece in batches([text] if isinstance(text, str) else text))
    try:
        _check(path, force, to_replace)
        replacement = Replacement(path)
    except OSError as e:
        raise _refused(path, e) from None
    mode = _mode_for(path)
    with replacement:
        try:
            replacement.write(data)
            # Again: making an export can take seconds, and what was checked then may
            # have changed since; this keeps the window before the rename as short as
            # writing a text already made.
            _check(path, force, to_replace)
            replacement.commit(mode)
        except PermissionError:
            raise OutputError(f"{path}: permission denied; cannot replace it") from None
        except OSError as e:
            raise OutputError(f"{path}: cannot write: {e.strerror}") from None


def _check(path: Path, force: bool, to_replace: str) -> None:
    """Refuse what may not be written; OSError when the system refuses to look."""
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        found = None  # NotADirectoryError: the directory check below says which part is a file
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputError(f"{path} is a directory; give the path of a file to write")
    directory = path.parent
    if not directory.is_dir():
        if os.path.lexists(directory):
            raise OutputError(f"{path}: {directory} is not a directory")
        raise OutputError(f"{path}: no such directory {directory}; create it first")
    if found is None:
        return
    # Between this check and the rename another process could put something else
    # there; that window is accepted rather than traded for a non-portable dance.
    if stat.S_ISLNK(found.st_mode):
        target = os.readlink(path)
        raise OutputError(
            f"{path} is a symbolic link (to {target}); a link is never replaced or "
            "written through: give the path of the file itself"
        )
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(
            f"{path} is {_kind(found.st_mode)}, not a regular file; only a regular file "
            "is ever replaced: give the path of a file to write"
        )
    if not force:
        raise OutputError(f"{path} exists; {to_replace}")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _refused(path: Path, error: OSError) -> OutputError:
    """The one line for a path the system would not let us look at or create in."""
    if isinstance(error, PermissionError):
        return OutputError(f"{path}: permission denied; choose a directory you can write to")
    if error.errno == errno.ENAMETOOLONG:
        return OutputError(
            f"{path}: the name or the path is too long for the system; choose a shorter one"
        )
    if error.errno == errno.ELOOP:
        return OutputError(f"{path}: too many symbolic links on the way; give a plain path")
    return OutputError(f"{path}: cannot create a file in {path.parent}: {error.strerror or error}")


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, so --force keeps them; a new file
    gets what open() would give it: 0o666 less the umask (mkstemp uses 0o600)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
