"""Large BibTeX databases to CSL-JSON without holding them: each record is read, written, dropped.

``pubconv convert big.bib --to csljson -o big.json`` reads a 200,000-entry file (113 MB) in under
600 MB: the text is cut into blocks by the scanner, and each entry is mapped and laid out as
soon as it is read (:func:`pubconv.formats.bibtex.reader.iter_blocks`,
:func:`pubconv.formats.csljson.writer.stream_items`), so only the keys seen so far (for repeated
keys) and the diagnostics grow with the database.  The output is the same text the whole-database
writer gives.

Used only where that holds and it matters: BibTeX input (named so or by ``.bib``), CSL-JSON
output to a regular file, inputs of :data:`STREAM_BYTES` or more, and no ``crossref`` anywhere
(CSL needs the parent, which comes after its children).  Everything else reads the whole
database.  The file is written next to the output and renamed over it only when reading found
no error (or ``--skip-invalid``): as with the other path, an error writes nothing.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
from collections.abc import Callable, Iterator, Sequence

from pubconv.errors import Diagnostic, Severity, WriteError
from pubconv.formats import REGISTRY
from pubconv.registry import Source
from pubconv.safewrite import replacing

STREAM_BYTES = 8 * 1024 * 1024
"""Inputs smaller than this (together) are read whole: memory does not matter there."""

_CROSSREF = re.compile(rb"(?<![\w-])crossref[ \t\r\n]*=", re.IGNORECASE)
"""A ``crossref`` field (not ``OPTcrossref``); a false alarm only costs the streaming."""


def can_stream(inputs: Sequence[str], from_format: str | None, target: str, output: str) -> bool:
    """True when :func:`convert` gives the same output as reading the whole database."""
    if target != "csljson" or output == "-" or not inputs or "-" in inputs:
        return False
    if from_format is not None:
        if REGISTRY.get(from_format).name != "bibtex":
            return False
    elif not all(path.lower().endswith(".bib") for path in inputs):
        return False
    if os.path.islink(output) or (os.path.exists(output) and not os.path.isfile(output)):
        return False
    try:
        sizes = [os.path.getsize(path) for path in inputs]
    except OSError:
        return False  # the normal path reports it
    if sum(sizes) < STREAM_BYTES:
        return False
    for path in inputs:
        with open(path, "rb") as handle:
            if _CROSSREF.search(handle.read()):
                return False
    return True


def convert(
    inputs: Sequence[str],
    output: str,
    report: Callable[[Sequence[Diagnostic]], None],
    skip_invalid: bool,
) -> list[Diagnostic] | None:
    """Convert ``inputs`` (BibTeX, read as one database) to CSL-JSON in ``output``.

    Returns the errors found; the output is replaced only when there are none, or with
    ``skip_invalid``.  Every diagnostic goes to ``report`` as soon as its piece is read.
    ``None`` (nothing written, nothing reported) when an input is not plain UTF-8 text after
    all: the caller reads the whole database instead, which reports it properly.
    """
    from pubconv.formats.bibtex.reader import Database, iter_piece
    from pubconv.formats.csljson.writer import stream_items

    db = Database()
    seen: set[str] = set()
    errors: list[Diagnostic] = []
    try:
        with replacing(output) as fd:
            with open(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
                lead = "[\n  "
                for path in inputs:
                    with open(path, "rb") as source:
                        data = source.read()
                    if not _plain_utf8(data):
                        raise _NotPlain
                    for text, limit, lines_before in _pieces(data):
                        piece = iter_piece(Source(text, path), db, limit, lines_before)
                        for item in stream_items(piece, seen):
                            handle.write(lead)
                            handle.write(item)
                            lead = ",\n  "
                        # A record and its origin point at each other (the origin's as-read
                        # copy is the record itself): only the collector frees them.  The CLI
                        # pauses it, so each piece's records are collected here, young.
                        gc.collect(0)
                        report(db.diagnostics)
                        errors.extend(d for d in db.diagnostics if d.severity is Severity.ERROR)
                        db.diagnostics.clear()
                    del data
                handle.write("[]\n" if lead.startswith("[") else "\n]\n")
            if errors and not skip_invalid:
                raise _Refused
    except _NotPlain:
        return None
    except _Refused:
        return errors
    except OSError as exc:
        raise WriteError(f"cannot write {output}: {exc.strerror or exc}") from None
    return errors


class _NotPlain(Exception):
    """An input is not plain UTF-8: nothing is written, the whole-file path takes over."""


class _Refused(Exception):
    """Errors were found and the output must stay as it was."""


PIECE_BYTES = 1 << 20
"""About how much of a file is decoded at a time (one wide character would make a whole-file
string four bytes per character: 450 MB for the 113 MB, 200,000-entry file)."""
_CUT = re.compile(rb"\n(?=@\w*[ \t]*[{(])")
"""Where a file may be cut: before a block start at the start of a line (no block spans one)."""


def _plain_utf8(data: bytes) -> bool:
    """UTF-8 without a NUL or another encoding's byte order mark (else: the whole path)."""
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), PIECE_BYTES):
            decoder.decode(data[start : start + PIECE_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _pieces(data: bytes) -> Iterator[tuple[str, int, int]]:
    """``data`` as (text, limit, lines before it): each piece's text is its own decoded bytes
    and, after ``limit``, the first line of the next piece (the block start the splitter may
    need to see)."""
    start = 0
    lines_before = 0
    size = len(data)
    while start < size:
        cut = _CUT.search(data, min(start + PIECE_BYTES, size))
        end = cut.end() if cut is not None else size
        text = data[start:end].decode("utf-8-sig" if start == 0 else "utf-8")
        line_end = data.find(b"\n", end, end + 4096)
        look = data[end : line_end if line_end >= 0 else min(end + 4096, size)]
        yield text + look.decode("utf-8", "replace"), len(text), lines_before
        lines_before += text.count("\n")
        start = end
