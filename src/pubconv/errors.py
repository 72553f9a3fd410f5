"""One exception tree and the located, non-raising :class:`Diagnostic`.

Every message a user sees reads ``file:line:col: severity: message`` (1-based, as editors count),
so that editors and CI logs can jump to the place.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    """How bad a diagnostic is: errors stop a strict run, warnings never do."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located problem found while reading or writing, e.g. ``refs.bib:12:5: warning: ...``."""

    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # one line, always: a message quoting input (a key, a parser's excerpt) may hold breaks
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{where}: {self.severity.value}: {message}"


def error(
    message: str,
    path: str | None,
    line: int | None = None,
    column: int | None = None,
    key: str | None = None,
) -> Diagnostic:
    """Shorthand for an error :class:`Diagnostic`."""
    return Diagnostic(Severity.ERROR, message, path, line, column, key)


def warning(
    message: str,
    path: str | None,
    line: int | None = None,
    column: int | None = None,
    key: str | None = None,
) -> Diagnostic:
    """Shorthand for a warning :class:`Diagnostic`."""
    return Diagnostic(Severity.WARNING, message, path, line, column, key)


class LineIndex:
    """Turns character offsets into 1-based ``(line, column)`` in O(log n).

    Lines end at ``\n`` (so ``\r\n`` too); in a text with no ``\n`` at all, at ``\r`` (old
    Mac files), so that their line numbers are right too.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0]
        newline = "\r" if "\n" not in text and "\r" in text else "\n"
        pos = text.find(newline)
        while pos != -1:
            self._starts.append(pos + 1)
            pos = text.find(newline, pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of ``offset``, both 1-based."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1]


class PubconvError(Exception):
    """Base of every error pubconv raises on purpose."""


class ArgumentError(PubconvError, TypeError):
    """A public function called with a value of the wrong type, e.g. ``loads(None, "bib")``.

    Also a :class:`TypeError`, so callers that catch the built-in keep working.
    """


class UnknownFormatError(PubconvError):
    """A format name, alias or file extension that no registered format claims."""


class ParseError(PubconvError):
    """Input that cannot be read; carries every error diagnostic found, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic], *, reported: bool = False) -> None:
        self.diagnostics = list(diagnostics)
        self.reported = reported
        """True when the diagnostics were already shown to the user (the CLI prints as it reads)."""
        super().__init__("\n".join(str(d) for d in self.diagnostics) or "parse error")


class WriteError(PubconvError):
    """A bibliography that cannot be written in the requested format."""


class CitationError(PubconvError):
    """A CSL style or locale problem, or a citeproc failure."""
