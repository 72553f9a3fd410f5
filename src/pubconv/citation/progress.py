"""A progress bar on stderr for long citation runs, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

MIN_ITEMS = 200
"""Runs shorter than this finish before a bar would be worth drawing."""


class Progress:
    """``with Progress(total) as bar: bar.advance(n)`` draws ``[#####.....] 120/300`` in place.

    Silent when ``stream`` is not a TTY (pipes, CI logs, tests) or ``total < MIN_ITEMS``.
    """

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.width = width
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total >= MIN_ITEMS and bool(isatty and isatty())

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def advance(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rciting [{bar}] {self.done}/{self.total}")
        self.stream.flush()

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (self.width + 40) + "\r")
            self.stream.flush()
