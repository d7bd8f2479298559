"""Replace a file in one step, or not at all: the one way this tool writes a file.

`Replacement` makes a temporary file beside the target (same directory, so the
same file system); the caller writes it, `commit` renames it over the target,
and leaving the block without committing removes it. A reader, or a crash,
sees the old file or the whole new one, never half of one. Exports
(positions.export.write) and the store (positions.store) both write this way.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path
from types import TracebackType


class Replacement:
    """A temporary file that replaces `target` on `commit`; see the module's docstring.

    Creating it raises OSError when the directory cannot hold a new file.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        self.fd: int | None = fd  # open for writing until the caller closes or takes it
        self.path = Path(name)
        self._done = False

    def __enter__(self) -> Replacement:
        return self

    def write(self, data: bytes, *, sync: bool = True) -> None:
        """Write `data` as the whole file (flushed to disk when `sync`) and close it."""
        assert self.fd is not None, "written already"
        fd, self.fd = self.fd, None
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())

    def commit(self, mode: int | None = None) -> None:
        """Give the file `mode` (the temporary one has 0o600) and rename it over the target."""
        self.close()
        if mode is not None:
            os.chmod(self.path, mode)
        os.replace(self.path, self.target)
        self._done = True

    def close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
        if not self._done:
            with suppress(FileNotFoundError):
                os.unlink(self.path)
