"""Finding and reading a data file: the one place that touches it on disk.

Kept free of YAML so that a store hit (positions.store) never imports PyYAML.
"""

from __future__ import annotations

import contextlib
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO, NamedTuple

from positions.errors import KEEP_PART, PositionsError

#: Largest data file read (a positions table too): the UN General Assembly's roll calls
#: of 1946-2019 (870,000 votes) take 27 MB as a table and 91 MB as compact YAML.
MAX_FILE_BYTES = 256 * 1024 * 1024


def bundled_path() -> Path:
    """The data file used without --data and $POSITIONS_DATA: the Donbas data set."""
    bundled = Path(__file__).parent / "data" / "positions.yaml"
    if bundled.is_file():
        return bundled
    # In a source checkout (editable install) the file sits at the top of the repo.
    return Path(__file__).resolve().parents[2] / "data" / "positions.yaml"


def read(path: Path, name: str, regular: bool = False) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat, taken from the same open file.

    Never reads more than the limit, whatever the size said: a pipe, a device
    such as /dev/zero, or a file still growing has no true size. With `regular`
    (a file another names, as a header names its table), only a regular file is
    read: opened without blocking, so that a FIFO in its place cannot hang the
    command, or shell completion.
    """
    with _opened(path, name, regular) as (f, stat):
        return _read_all(f, name), stat


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """What is left in `stream` (stdin: `--data -`), never more than the limit."""
    try:
        return _read_all(stream, name)
    except OSError as e:
        raise PositionsError(f"{name}: cannot read the data: {e.strerror or e}") from None


class Digest(NamedTuple):
    """What `digest` found: a regular file's checksum, or another file's bytes."""

    content: int | None  # the CRC-32 of a regular file's bytes
    stat: os.stat_result
    data: bytes | None  # the bytes of anything else (a pipe, a FIFO): it reads only once


def digest(path: Path, name: str) -> Digest:
    """The CRC-32 of the file's bytes, read a chunk at a time, and its stat.

    The same checks and messages as `read`, without holding the whole file: a
    store hit needs only this. A file that is not a regular file cannot be read
    twice, so its bytes come back instead.
    """
    total = crc = 0
    with _opened(path, name) as (f, stat):
        if not S_ISREG(stat.st_mode):
            return Digest(None, stat, _read_all(f, name))
        # A small file gets a small buffer: zeroing a megabyte costs more than reading it.
        buffer = bytearray(min(_CHUNK, max(stat.st_size + 1, 1 << 16)))
        view = memoryview(buffer)
        while n := f.readinto(buffer):
            total += n
            if total > MAX_FILE_BYTES:
                raise _too_large(name)
            crc = zlib.crc32(view[:n], crc)
    return Digest(crc, stat, None)


#: Bytes hashed at a time: large enough to keep the calls few, small enough to stay in cache.
_CHUNK = 1 << 20


@contextlib.contextmanager
def _opened(
    path: Path, name: str, regular: bool = False
) -> Iterator[tuple[io.BufferedReader, os.stat_result]]:
    """The open file and its stat; every failure to open or read it as one clear error.
    With `regular`, anything but a regular file is refused before a byte is read."""
    try:
        # Without blocking, a FIFO opens at once (and is refused below).
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
        with open(os.open(path, flags), "rb") if regular else path.open("rb") as f:
            stat = os.fstat(f.fileno())
            if regular and not S_ISREG(stat.st_mode):
                raise PositionsError(f"{name}: it is not a regular file")
            if stat.st_size > MAX_FILE_BYTES:
                raise PositionsError(
                    f"{name}: data file is {stat.st_size:,} bytes; the limit is "
                    f"{MAX_FILE_BYTES:,} bytes; {KEEP_PART}"
                )
            yield f, stat
    except IsADirectoryError:
        raise PositionsError(f"{name}: is a directory; give the path of a data file") from None
    except FileNotFoundError:
        raise PositionsError(f"{name}: no such data file; check the path") from None
    except PermissionError:
        raise PositionsError(f"{name}: permission denied; make the file readable") from None
    except OSError as e:
        raise PositionsError(f"{name}: cannot read data file: {e.strerror}") from None


def _read_all(f: BinaryIO, name: str) -> bytes:
    """The rest of the file, never more than the limit, whatever its size said."""
    data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name)
    return data


def _too_large(name: str) -> PositionsError:
    return PositionsError(
        f"{name}: data file is larger than the limit of {MAX_FILE_BYTES:,} bytes; {KEEP_PART}"
    )
