"""Reading input files as text and replacing output files atomically."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile

from pubconv.errors import Diagnostic, LineIndex, ParseError, error, warning

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
"""Byte order marks other than UTF-8's (UTF-32 first: its LE mark starts with UTF-16's)."""


def decode(data: bytes, path: str | None) -> tuple[str, list[Diagnostic]]:
    """Decode UTF-8 (BOM allowed, line endings kept); fall back to Latin-1 with a warning.

    A UTF-16 or UTF-32 file that starts with its byte order mark (what Windows editors save as
    "Unicode") is decoded as such, with a warning that the output will be UTF-8.  A NUL
    character anywhere is a located error: a ``.bib`` or page never holds one, and writing it
    on would smuggle binary data into the output.
    """
    notes: list[Diagnostic] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    [error(f"not valid {name} (after its byte order mark): {exc.reason}", path)]
                ) from None
            notes.append(warning(f"read as {name} (byte order mark); output is UTF-8", path, 1, 1))
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            text = data.decode("latin-1")
            notes.append(
                warning("not valid UTF-8; read as Latin-1 (output will be UTF-8)", path, line, col)
            )
        if text.startswith("\ufeff"):
            text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        line, column = LineIndex(text[: nul + 1]).position(nul)
        raise ParseError(
            [error("NUL character: this looks like a binary file, not text", path, line, column)]
        )
    return text, notes


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
