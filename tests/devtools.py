"""A headless Chromium driven as a reader would drive it: clicks, typing, keys.

It speaks the DevTools protocol over `--remote-debugging-pipe` (the browser reads
commands from file descriptor 3 and writes answers to 4, each a JSON message ended by
a NUL byte), so it needs no websocket client, no selenium and no free port. Input
goes through `Input.dispatchMouseEvent` and `Input.dispatchKeyEvent`, the events
a real mouse and keyboard make, so a handler the page forgot to attach, a hidden or
covered control, or a key nobody listens for fails the test as it would fail a
reader. Every request the page starts is recorded (`requests`).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

TIMEOUT = 30.0  # seconds for one answer; a page loads in about one

#: Keys as `Input.dispatchKeyEvent` wants them: (key, code, key code, text typed).
KEYS = {
    "Enter": ("Enter", "Enter", 13, "\r"),
    "Tab": ("Tab", "Tab", 9, ""),
    " ": (" ", "Space", 32, " "),
    "ArrowDown": ("ArrowDown", "ArrowDown", 40, ""),
    "ArrowUp": ("ArrowUp", "ArrowUp", 38, ""),
    "Backspace": ("Backspace", "Backspace", 8, ""),
    "Escape": ("Escape", "Escape", 27, ""),
}


class DevToolsError(AssertionError):
    """The browser refused a command, closed or did not answer in time."""


class Browser:
    """One headless Chromium with one tab; use as a context manager."""

    def __init__(self, chromium: str, flags: Sequence[str], profile: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()

        def wire() -> None:  # in the child: the pipes as fds 3 and 4, kept across exec
            read, write = os.dup(to_browser), os.dup(from_browser)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._process = subprocess.Popen(
            [chromium, *flags, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # before any thread starts: the test's process has none
            close_fds=False,
            start_new_session=True,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self._events: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self._session: str | None = None
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
            self._session = attached["sessionId"]
            for domain in ("Page", "Runtime", "Network"):
                self.call(f"{domain}.enable")
        except BaseException:
            self.close()
            raise

    # --- the protocol ---------------------------------------------------------------------

    def _call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A browser-wide command (no session)."""
        return self._send(method, params or {}, None)

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command to the tab; its result."""
        return self._send(method, params or {}, self._session)

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise DevToolsError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._answers], [], [], max(left, 0))
            if not ready:
                raise DevToolsError(f"no answer from chromium in {TIMEOUT:.0f} s")
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise DevToolsError("chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if message.get("method") == "Network.requestWillBeSent":
            self.requests.append(message["params"]["request"]["url"])
        elif "method" in message:
            self._events.append(message)
        return message

    def _wait_for(self, event: str) -> None:
        while True:
            found = [e for e in self._events if e["method"] == event]
            if found:
                self._events = [e for e in self._events if e["method"] != event]
                return
            self._receive()

    # --- what a reader does ---------------------------------------------------------------

    def open(self, url: str) -> None:
        """Go to `url` and wait for its load event (the page's script has run). By way
        of a blank page, so that a new #fragment of the page shown loads it anew."""
        for address in ("about:blank", url):
            self._events.clear()
            self.call("Page.navigate", {"url": address})
            self._wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """The value of `expression` in the page (JSON-like values only)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def until(self, expression: str) -> Any:
        """The value of `expression` once it is truthy: for what the page does in a task
        of its own after an event (a `hashchange`), polled for up to TIMEOUT."""
        deadline = time.monotonic() + TIMEOUT
        while not (value := self.js(expression)):
            if time.monotonic() > deadline:
                raise DevToolsError(f"{expression} stayed false for {TIMEOUT:.0f} s")
            time.sleep(0.02)
        return value

    def click(self, selector: str) -> None:
        """A left click in the middle of the first element `selector` finds (of its first
        line, for a link that wraps), scrolled into view: whatever is drawn there gets
        it, as under a real mouse."""
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getClientRects()[0] || e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2, r.width * r.height]; })()"
        )
        if box is None:
            raise DevToolsError(f"nothing on the page matches {selector}")
        x, y, area = box
        if not area:
            raise DevToolsError(f"{selector} is not shown (an empty box): a reader cannot click it")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )

    def choose(self, selector: str, text: str) -> None:
        """Pick the option shown as `text` in the list `selector` as a reader does: a
        click on it (which opens its pop-up, closed again by Escape, leaving the focus
        on the list), then the arrow keys, one option at a time, until it shows."""
        self.click(selector)
        self.key("Escape")
        shown = f"document.querySelector({json.dumps(selector)}).selectedOptions[0]?.text"
        for arrow in ("ArrowUp", "ArrowDown"):  # up to the first, then down to the last
            last = None
            while (now := self.js(shown)) != last:
                if now == text:
                    return
                last = now
                self.key(arrow)
        raise DevToolsError(f"{text!r} is not an option of {selector}")

    def write(self, text: str) -> None:
        """Type `text` into whatever has the focus."""
        self.call("Input.insertText", {"text": text})

    def key(self, name: str) -> None:
        """Press and release one key of KEYS."""
        key, code, number, text = KEYS[name]
        down = {"key": key, "code": code, "windowsVirtualKeyCode": number, "text": text}
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", **down})
        self.call(
            "Input.dispatchKeyEvent",
            {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": number},
        )

    # --- its lifetime ---------------------------------------------------------------------

    def close(self) -> None:
        try:
            self._call("Browser.close")
            self._process.wait(timeout=10)
        except (DevToolsError, OSError, subprocess.TimeoutExpired):
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        finally:
            os.close(self._commands)
            os.close(self._answers)

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
