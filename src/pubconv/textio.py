"""Reading input files as text and replacing output files atomically."""

from __future__ import annotations

import codecs
import sys

from pubconv.errors import (
    ArgumentError,
    Diagnostic,
    LineIndex,
    ParseError,
    WriteError,
    error,
    warning,
)
from pubconv.safewrite import write_bytes

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


def write_output(path: str, text: str, *, allow_empty: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` (``-`` is stdout); the one writer every command uses.

    Regular files are replaced atomically (temp file in the same folder, fsync, rename, mode
    kept); devices, FIFOs and ``/dev/stdout`` are written through as ``cat >`` would; a symlink's
    target is replaced and the link stays.  Failures raise :class:`~pubconv.errors.WriteError`
    and leave the old file as it was; see :mod:`pubconv.safewrite`.
    """
    if not isinstance(path, str) or not isinstance(text, str):
        raise ArgumentError(
            f"write_output(path, text) takes two str, not {type(path).__name__} "
            f"and {type(text).__name__}"
        )
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        shown = "standard output" if path == "-" else path
        raise WriteError(
            f"cannot write {shown}: character {exc.object[exc.start]!r} at offset {exc.start} "
            "cannot be written as UTF-8 (a lone surrogate)"
        ) from None
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_bytes(path, data, allow_empty=allow_empty)
