"""CSL-JSON read a window at a time: the items of a large array without the whole file in memory.

:func:`iter_file` gives the blocks of one file as :func:`pubconv.formats.csljson.reader.read`
would, with the same diagnostics, positions and limits, while holding only a window of the
text (about :data:`WINDOW` characters, more only while one item is longer).  It drives the
whole-file reader's own item code (``_FileReader.item``/``accept``/``trailing``), so an item is
checked, keyed and reported exactly alike; what it adds is the window:

- an item is decoded first; only a value that ends inside the window (or at the end of the
  file) is taken, else the window grows and the item is decoded again;
- a syntax error, a refused value or too deep a nesting is believed only once the window
  reaches the end of the file (the whole-file reader keeps the rest of the file as one failed
  block there, and so does this one);
- positions are those of the whole file: the window knows the line and column it starts at.

Only files whose first non-space character (after a byte order mark) is ``[`` and that hold a
``\\n`` are read so (:func:`streamable`): the whole-file reader counts lines at ``\\r`` in a file
with no ``\\n``, and reads a single item object whole anyway.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from typing import Any, TextIO

from pubconv.errors import LineIndex
from pubconv.formats.csljson import limits
from pubconv.formats.csljson.reader import _Decoder, _FileReader
from pubconv.model import Block
from pubconv.registry import Source

WINDOW = 1 << 20
"""Characters read at a time (the window grows by doubling only while an item is longer)."""
_SPACE = " \t\r\n"


def streamable(head: str) -> bool:
    """True when a file starting with ``head`` (its first :data:`WINDOW` characters or all of
    it) can be read by :func:`iter_file`: an array, and lines that end at ``\\n``."""
    text = head.lstrip("\ufeff")
    return text.lstrip(_SPACE).startswith("[") and "\n" in head


class _Index(LineIndex):
    """Whole-file ``(line, column)`` of offsets in the window (lines end at ``\n``)."""

    def __init__(self, text: str, line: int, column: int) -> None:
        # not LineIndex.__init__: the window's lines are counted on from where it starts
        self.line = line
        self.column = column
        self.starts: list[int] = []
        self.extend(text, 0)

    def extend(self, text: str, since: int) -> None:
        """Note the line starts of ``text[since:]`` (text added to the window)."""
        pos = text.find("\n", since)
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def line_start(self, line: int) -> int:
        """Window offset of the first character of 1-based file line ``line`` (clamped)."""
        if line <= self.line or not self.starts:
            return 0
        return self.starts[min(line - self.line, len(self.starts)) - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` in the whole file of window offset ``offset``, both 1-based."""
        lines = bisect.bisect_right(self.starts, offset)
        if lines == 0:
            return self.line, self.column + offset
        return self.line + lines, offset - self.starts[lines - 1] + 1


class _Window:
    """The unread part of a file and where it starts; grows from ``handle`` on demand."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.text = handle.read(WINDOW)
        self.eof = len(self.text) < WINDOW
        if self.text.startswith("\ufeff"):  # one mark dropped by decoding, one by the reader
            self.text = self.text[1:]
        if self.text.startswith("\ufeff"):
            self.text = self.text[1:]
        self.index = _Index(self.text, 1, 1)

    def more(self, at_least: int = WINDOW) -> bool:
        """Read on (at least ``at_least`` characters unless the file ends); False at its end."""
        if self.eof:
            return False
        chunk = self.handle.read(max(at_least, WINDOW))
        if len(chunk) < max(at_least, WINDOW):
            self.eof = True
        before = len(self.text)
        self.text += chunk
        self.index.extend(self.text, before)
        return bool(chunk)

    def rest(self) -> None:
        """Read the file to its end (the whole-file reader's view of what follows)."""
        while self.more(len(self.text) or WINDOW):
            pass

    def drop(self, pos: int) -> int:
        """Forget ``text[:pos]`` (read already); the offset ``pos`` becomes 0."""
        if pos < WINDOW:
            return pos
        line, column = self.index.position(pos)
        self.text = self.text[pos:]
        self.index = _Index(self.text, line, column)
        return 0

    def skip(self, pos: int) -> int:
        """The offset of the next non-space character from ``pos``, reading on as needed
        (``len(text)`` at the end of the file)."""
        while True:
            text = self.text
            while pos < len(text) and text[pos] in _SPACE:
                pos += 1
            if pos < len(text) or not self.more():
                return pos


def _decode(window: _Window, decoder: _Decoder, pos: int) -> tuple[Any, int] | None:
    """The item at ``pos`` decoded, once the window holds all of it; None when decoding fails
    with the whole rest of the file in the window (the reader then reports it as it would)."""
    while True:
        decoder.repeated = []
        try:
            value, end = decoder.json.raw_decode(window.text, pos)
        except (json.JSONDecodeError, limits.Refused, RecursionError):
            if not window.more(len(window.text)):  # grow by doubling: linear in the item
                return None
            continue
        if end < len(window.text) or window.eof:
            return value, end
        window.more()  # a number may go on in the next characters


class StreamReader(_FileReader):
    """The whole-file reader whose syntax errors are located through the window's index."""

    def at(self, exc: json.JSONDecodeError, index: LineIndex) -> tuple[int, int]:
        return index.position(exc.pos)


def iter_file(reader: StreamReader, source_path: str, handle: TextIO) -> Iterator[list[Block]]:
    """The blocks ``reader`` adds for each item of the CSL-JSON array in ``handle``, item by
    item (each list is the reader's new blocks; the caller drains ``reader.bib.diagnostics``).

    ``handle`` must be text mode with ``newline=""`` (line ends as written), and the file
    :func:`streamable`.
    """
    window = _Window(handle)
    decoder = _Decoder()
    pos = window.skip(0)
    # streamable(): the text starts with "["
    pos = window.skip(pos + 1)

    def source() -> Source:
        return Source(window.text, source_path)

    def taken() -> list[Block]:
        blocks = reader.bib.blocks
        reader.bib.blocks = []
        return blocks

    if window.text.startswith("]", pos):
        window.rest()
        reader.trailing(source(), window.text, window.index, pos + 1)
        yield taken()
        return
    while True:
        pos = window.drop(pos)
        decoded = _decode(window, decoder, pos)
        if decoded is None:
            end = reader.item(source(), window.text, window.index, decoder, pos)
        else:
            end = reader.item(source(), window.text, window.index, decoder, pos, decoded=decoded)
        yield taken()
        if end is None:
            return
        pos = window.skip(end)
        if window.text.startswith(",", pos):
            pos = window.skip(pos + 1)
            continue
        window.rest()
        if window.text.startswith("]", pos):
            reader.trailing(source(), window.text, window.index, pos + 1)
            yield taken()
            return
        reader.no_separator(source(), window.text, window.index, pos)
        yield taken()
        return
