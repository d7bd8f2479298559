"""Replace a file in one step, or not at all: the one way this tool writes a file.

`Replacement` makes a temporary file beside the target (same directory, so the
same file system); the caller writes it, `commit` renames it over the target,
and leaving the block without committing removes it. A reader, or a crash,
sees the old file or the whole new one, never half of one. Exports
(positions.export.write) and the store (positions.store) both write this way.

Given `dir_fd`, a descriptor of the target's directory, the temporary file must
turn out to be in that very directory, and it is renamed and removed relative
to it: a directory swapped under the same path meanwhile (positions.store
checks its directory once, on its descriptor) is never written to.

A killed writer (SIGKILL, a power cut) leaves its temporary file; SIGINT,
SIGTERM, SIGHUP and the other ending signals (positions.entry.SIGNALS) unwind the
with-block and so remove it.
Temporary files are named `.TARGET.XXXXXXXX.tmp` (`TEMPORARY`), so that the
store can sweep stale ones.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

#: The temporary file's name for a target named `{}`: mkstemp's eight random letters
#: from [a-z0-9_] go between.
TEMPORARY = ".{}.", ".tmp"
#: The bytes of a target's name its temporary name keeps: all of them unless that would
#: pass the 255 a file name may have (`.`, `.`, eight letters and `.tmp` are 14).
_KEPT = 255 - 14


def _kept(name: str) -> str:
    """`name`, or as much of it as a temporary name has room for (whole characters)."""
    raw = os.fsencode(name)
    return name if len(raw) <= _KEPT else raw[:_KEPT].decode("utf-8", "ignore")


class Replacement:
    """A temporary file that replaces `target` on `commit`; see the module's docstring.

    Creating it raises OSError when the directory cannot hold a new file, or when
    the temporary file is not in the directory `dir_fd` names.
    """

    def __init__(self, target: Path, *, dir_fd: int | None = None) -> None:
        self.target = target
        prefix, suffix = TEMPORARY
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=prefix.format(_kept(target.name)), suffix=suffix
        )
        self.fd: int | None = fd  # open for writing until the caller closes or takes it
        self.path = Path(name)
        self._done = False
        self._dir_fd = dir_fd
        self._temporary = self.path if dir_fd is None else self.path.name  # as seen from `dir_fd`
        if dir_fd is not None:
            try:
                found = os.stat(self.path.name, dir_fd=dir_fd, follow_symlinks=False)
                same = os.path.samestat(found, os.fstat(fd))
            except OSError:
                same = False
            if not same:
                os.close(fd)
                with suppress(OSError):
                    os.unlink(name)  # where the path led instead; empty, and ours
                raise OSError(errno.EXDEV, "the directory was replaced while in use", name)

    def __enter__(self) -> Replacement:
        return self

    def write(self, data: bytes | Iterable[bytes], *, sync: bool = True) -> None:
        """Write `data`, or each piece of it as it comes, as the whole file (flushed to
        disk when `sync`) and close it."""
        assert self.fd is not None, "written already"
        fd, self.fd = self.fd, None
        with os.fdopen(fd, "wb") as f:
            for piece in [data] if isinstance(data, bytes) else data:
                f.write(piece)
            if sync:
                f.flush()
                os.fsync(f.fileno())

    def commit(self, mode: int | None = None) -> None:
        """Give the file `mode` (the temporary one has 0o600) and rename it over the target."""
        self.close()
        at = self._dir_fd
        if mode is not None:
            os.chmod(self._temporary, mode, dir_fd=at)
        if at is None:
            os.replace(self.path, self.target)
        else:
            os.replace(self.path.name, self.target.name, src_dir_fd=at, dst_dir_fd=at)
        self._done = True

    def close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)

    def __exit__(self, *exc_info: object) -> None:
        self.close()
        if not self._done:
            with suppress(FileNotFoundError):
                os.unlink(self._temporary, dir_fd=self._dir_fd)
