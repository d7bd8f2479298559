"""Progress on long work: one line on stderr, on a terminal only, after one second.

The core says what it is doing (`stage`) and how far it got (`advance`); both do
nothing unless the CLI opened a progress line (`shown`), so the library and the API
never draw anything. The line is drawn by a background thread, ten times a second,
only once the work has taken a second, and wiped when the work ends (before any
output is printed), so a quick command never shows it and a pipe never receives it.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Iterator
from typing import TextIO

from positions.text import printable

#: Seconds of work before the line is first drawn, and between two drawings.
DELAY, EVERY = 1.0, 0.1
_BAR = 20  # cells of the bar


class _Line:
    def __init__(self, stream: TextIO, delay: float) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.delay = delay
        self.what = "working"
        self.done, self.total = 0, 0
        self.drawn = False
        self.lock = threading.Lock()  # held by a drawing, and while something else is written
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name="positions-progress", daemon=True)

    def run(self) -> None:
        if self.stopped.wait(self.delay):
            return
        while not self.stopped.is_set():
            self.draw()
            self.stopped.wait(EVERY)

    def draw(self) -> None:
        with self.lock, contextlib.suppress(OSError, ValueError):  # a closed or full stderr
            self.stream.write("\r\x1b[K" + self.text(shutil.get_terminal_size().columns))
            self.stream.flush()
            self.drawn = True

    def wipe(self) -> None:
        if self.drawn:
            with contextlib.suppress(OSError, ValueError):
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            self.drawn = False

    def text(self, width: int) -> str:
        """The line, in fewer cells than `width` (never the last column: no wrap, no
        scroll); a long `what` loses its start (`...votes.csv`), never the count."""
        from rich.cells import cell_len, set_cell_size

        elapsed = f"{time.monotonic() - self.start:.0f} s"
        if self.total > 0:
            part = min(self.done / self.total, 1.0)
            filled = round(part * _BAR)
            bar = "#" * filled + "-" * (_BAR - filled)
            tail = f"  [{bar}] {part:4.0%}  {elapsed}"
        else:
            tail = f"...  {elapsed}"
        room = width - 1 - cell_len(tail)
        what = self.what
        if cell_len(what) > room:
            kept = ""
            for char in reversed(what):  # the end of a path says most: keep it
                if cell_len("..." + char + kept) > room:
                    break
                kept = char + kept
            what = "..." + kept if room >= 4 else ""
        return set_cell_size(what + tail, max(width - 1, 0)).rstrip()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.wipe()


_current: _Line | None = None


def stage(what: str, total: int = 0) -> None:
    """Say what the work is now (`what`, from data: shown printable), and out of how
    many units `advance` counts (0: no count, the line shows the time only)."""
    line = _current
    if line is not None:
        line.what, line.done, line.total = printable(what), 0, total


def advance(done: int) -> None:
    """How many of the stage's units are done."""
    line = _current
    if line is not None:
        line.done = done


@contextlib.contextmanager
def aside() -> Iterator[None]:
    """Around anything else written to stderr (a warning, a message): the line is wiped
    first and not drawn until it is written, then drawn again below it."""
    line = _current
    if line is None:
        yield
        return
    with line.lock:
        line.wipe()
        yield


@contextlib.contextmanager
def shown(stream: TextIO | None, delay: float = DELAY) -> Iterator[None]:
    """Draw the progress line on `stream` while the body runs (None: not at all, as for
    a stream that is not a terminal); nested, the outer line goes on."""
    global _current
    if stream is None or _current is not None:
        yield
        return
    line = _current = _Line(stream, delay)
    line.thread.start()
    try:
        yield
    finally:
        _current = None
        line.close()
