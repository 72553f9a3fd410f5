"""Reading input files as text and replacing output files atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

from pubconv.errors import Diagnostic, ParseError, error, warning


def decode(data: bytes, path: str | None) -> tuple[str, list[Diagnostic]]:
    """Decode UTF-8 (BOM allowed, line endings kept); fall back to Latin-1 with a warning.

    Input with NUL bytes is refused as binary: a ``.bib`` or page never holds one.
    """
    if b"\x00" in data[:65536]:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        raise ParseError([error("this looks like a binary file, not text", path, line)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        note = warning("not valid UTF-8; read as Latin-1 (output will be UTF-8)", path, line, col)
        return data.decode("latin-1"), [note]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def read_input(path: str) -> tuple[str, list[Diagnostic]]:
    """Read ``path`` (``-`` is standard input) as text; OS errors become located errors."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ParseError([error(f"cannot read: {exc.strerror or exc}", path)]) from None
    return decode(data, path)


def write_output(path: str, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` (``-`` is stdout) by temp file + rename.

    A failure part-way leaves an existing file untouched; the new file keeps the old mode.
    """
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".pubconv-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
