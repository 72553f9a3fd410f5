"""Reading input files as text and replacing output files atomically."""

from __future__ import annotations

import sys

from pubconv.errors import ArgumentError, Diagnostic, ParseError, WriteError, error, warning
from pubconv.safewrite import write_bytes


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
