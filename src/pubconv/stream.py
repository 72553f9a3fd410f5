"""Large databases converted without holding them: each record is read, written and dropped.

``pubconv convert big.bib --to csljson -o big.json`` (and ``big.json --to bib``, ``.bib`` to
``.bib``, CSL-JSON to CSL-JSON) reads a 200,000-entry file in a few hundred megabytes: the
input is read a piece at a time (BibTeX cut at block starts by :func:`_pieces`, CSL-JSON a
window at a time by :mod:`pubconv.formats.csljson.stream`), and each record is mapped and
written as soon as it is read, by the writers' own code for one record
(:func:`pubconv.formats.csljson.writer.stream_items`,
:class:`pubconv.formats.bibtex.writer.BlockWriter`).  Only the keys seen so far (for repeated
keys) and the diagnostics grow with the database.  The output and the diagnostics are those of
the whole-database path (``tests/test_stream.py``).

Used only where that holds and it matters (:func:`can_stream`): BibTeX or CSL-JSON input (all
inputs one format, named so or by extension), BibTeX or CSL-JSON output to a new regular file
or with ``--replace`` (the caller checks; an existing output is updated by the normal path),
inputs of :data:`STREAM_BYTES` or more, no ``crossref``/``xdata`` in BibTeX input (CSL needs the
parent, which may come after its children), CSL-JSON input that is an array with ``\\n`` line
ends.  The output is written next to its target and renamed over it only when reading found no
error (or ``--skip-invalid``): as on the other path, an error writes nothing.

Diagnostics are held to the end and printed in the whole path's order (reading, then impossible
dates, then what the output cannot carry).  So when streaming turns out not to give the same
result after all, nothing has been printed or written and the caller reads the whole database
instead: an input with no record (the whole path's error names every input), or a key the BibTeX
writer must rename that depends on a key further on
(:class:`pubconv.formats.bibtex.unique.StreamNamer`).
"""

from __future__ import annotations

import codecs
import dataclasses
import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO

from pubconv.errors import Diagnostic, Severity, WriteError
from pubconv.formats import REGISTRY
from pubconv.model import Block, Preamble, Publication, StringDef
from pubconv.registry import Source, WriteOptions
from pubconv.safewrite import replacing

_RECORDS = (Publication, StringDef, Preamble)
"""What makes an input not "empty" for :func:`pubconv.api.load`."""
STREAM_BYTES = 8 * 1024 * 1024
"""Inputs smaller than this (together) are read whole: memory does not matter there."""
TARGETS = ("csljson", "bibtex")
_EXTENSIONS = {".bib": "bibtex", ".json": "csljson"}

_CROSSREF = re.compile(rb"(?<![\w-])(?:crossref|xdata)[ \t\r\n]*=", re.IGNORECASE)
"""A ``crossref`` or ``xdata`` field (not ``OPTcrossref``); a false alarm only costs the
streaming.  Matched only where the word stands (:func:`_bibtex_streams`)."""


def input_format(inputs: Sequence[str], from_format: str | None) -> str | None:
    """``bibtex`` or ``csljson`` when every input is read as that format, else None."""
    if from_format is not None:
        name = REGISTRY.get(from_format).name
        return name if name in TARGETS else None
    found = {_EXTENSIONS.get(os.path.splitext(path)[1].lower()) for path in inputs}
    return found.pop() if len(found) == 1 and None not in found else None


def can_stream(inputs: Sequence[str], from_format: str | None, target: str, output: str) -> bool:
    """True when :func:`convert` gives the same output as reading the whole database."""
    if target not in TARGETS or output == "-" or not inputs or "-" in inputs:
        return False
    source = input_format(inputs, from_format)
    if source is None:
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
        if not (_bibtex_streams(path) if source == "bibtex" else _csljson_streams(path)):
            return False
    return True


def _bibtex_streams(path: str) -> bool:
    """No ``crossref``/``xdata`` field in the file.  The words are looked for first (a
    case-insensitive pattern with no literal to start from costs 50 ms per megabyte; ``lower``
    and ``in`` cost 2), the pattern only in the pieces that hold one."""
    with open(path, "rb") as handle:
        data = handle.read()
    step = PIECE_BYTES
    for start in range(0, len(data), step):
        piece = data[max(start - 64, 0) : start + step]  # overlap: a field across the cut
        lowered = piece.lower()
        for word in (b"crossref", b"xdata"):
            at = lowered.find(word)
            while at >= 0:  # the word is common in text (an abstract, a URL): check each
                if _CROSSREF.match(piece, at):
                    return False
                at = lowered.find(word, at + 1)
    return True


def _csljson_streams(path: str) -> bool:
    from pubconv.formats.csljson.stream import WINDOW, streamable

    if not _plain_utf8_file(path):
        return False
    with open(path, encoding="utf-8", newline="") as handle:
        return streamable(handle.read(WINDOW))


@dataclasses.dataclass
class Outcome:
    """What a streamed conversion found (the caller prints it and decides the exit code)."""

    errors: list[Diagnostic]
    held: list[Diagnostic]
    """What reading found, in the whole path's order (printed by the caller at the end)."""
    notes: list[Diagnostic]
    """What the output format cannot carry (:func:`pubconv.api.losses`), printed after."""
    publications: int


def convert(
    inputs: Sequence[str],
    output: str,
    skip_invalid: bool,
    target: str = "csljson",
    options: WriteOptions | None = None,
    from_format: str | None = None,
) -> Outcome | None:
    """Convert ``inputs`` (read as one database) to ``target`` in ``output``.

    The output is replaced only when there are no errors (or with ``skip_invalid``) and at
    least one publication was read.  ``None`` (nothing written, nothing reported) when the
    whole-database path must do it after all: an input is not plain UTF-8 text (that path
    reports it properly), or renaming keys needed the whole database.
    """
    source = input_format(inputs, from_format)
    if source is None:
        return None
    from pubconv.datecheck import date_warnings

    sink: _Sink = _CslSink() if target == "csljson" else _BibSink(options or WriteOptions())
    outcome = Outcome([], [], [], 0)
    dates: list[Diagnostic] = []
    records = False
    try:
        with replacing(output) as fd:
            with open(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
                sink.start(handle)
                read = _read_bibtex if source == "bibtex" else _read_csljson
                for blocks, drain in read(inputs):
                    for block in blocks:
                        sink.add(block)
                        if isinstance(block, Publication):
                            dates.extend(date_warnings((block,)))
                            _release(block)
                        records = records or isinstance(block, _RECORDS)
                    diagnostics = drain()
                    outcome.held.extend(diagnostics)
                    outcome.errors.extend(d for d in diagnostics if d.severity is Severity.ERROR)
                sink.finish()
            outcome.held.extend(dates)
            outcome.publications = sink.publications
            if not sink.exact or not (records or outcome.errors):
                raise _Fallback  # the whole path decides (and words "nothing read") alike
            if (outcome.errors and not skip_invalid) or not (sink.publications or outcome.errors):
                raise _Refused  # nothing written; the caller says why
    except (_Fallback, UnicodeEncodeError):
        # UnicodeEncodeError: a lone surrogate; the whole path words that error (after
        # every reading diagnostic, which only it has at that point)
        return None
    except _Refused:
        return outcome
    except OSError as exc:
        raise WriteError(f"cannot write {output}: {exc.strerror or exc}") from None
    outcome.notes = sink.notes()
    return outcome


def _release(pub: Publication) -> None:
    """Break the loop between a written record and its origin (the BibTeX reader's origin holds
    the record itself as its as-read copy), so that dropping the record frees it at once
    instead of leaving it to the collector, which the CLI pauses."""
    origin = pub.origin
    if origin is not None and origin.as_read is pub:
        object.__setattr__(origin, "as_read", None)


class _Fallback(Exception):
    """Nothing is written or printed; the whole-database path takes over."""


class _Refused(Exception):
    """Errors were found (or nothing was read) and the output must stay as it was."""


class _Sink:
    """Writes blocks as they are read; ``exact`` False when the output may differ."""

    exact = True
    publications = 0
    handle: TextIO

    def start(self, handle: TextIO) -> None:
        self.handle = handle

    def add(self, block: Block) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError

    def notes(self) -> list[Diagnostic]:
        return []


class _CslSink(_Sink):
    def __init__(self) -> None:
        from pubconv.formats.csljson.writer import stream_items

        self.items = stream_items
        self.seen: set[str] = set()
        self.lead = "[\n  "

    def add(self, block: Block) -> None:
        if isinstance(block, Publication):
            self.publications += 1
        for item in self.items((block,), self.seen):
            self.handle.write(self.lead + item)
            self.lead = ",\n  "

    def finish(self) -> None:
        self.handle.write("[]\n" if self.lead.startswith("[") else "\n]\n")


class _BibSink(_Sink):
    def __init__(self, options: WriteOptions) -> None:
        from pubconv.api import loss_note
        from pubconv.formats.bibtex.unique import StreamNamer
        from pubconv.formats.bibtex.writer import BlockWriter

        self.writer = BlockWriter(options)
        self.namer = StreamNamer()
        self.format = REGISTRY.get("bibtex")
        self.loss_note = loss_note
        self.losses: list[Diagnostic] = []

    def add(self, block: Block) -> None:
        renamed: dict[int, str | None] = {}
        if isinstance(block, Publication):
            self.publications += 1
            renamed = self.namer.name(block)
            note = self.loss_note(self.format, block)
            if note is not None:
                self.losses.append(note)
        for text in self.writer.add(block, renamed):
            self.handle.write(text)

    def finish(self) -> None:
        for text in self.writer.finish():
            self.handle.write(text)
        self.exact = self.namer.exact

    def notes(self) -> list[Diagnostic]:
        return [*self.namer.notes, *self.losses]


_Piece = tuple[Iterable[Block], Callable[[], list[Diagnostic]]]
"""Blocks (made as they are taken) and, once they are all taken, their diagnostics."""


def _read_bibtex(inputs: Sequence[str]) -> Iterator[_Piece]:
    """Each piece of each file."""
    from pubconv.formats.bibtex.reader import Database, iter_piece

    db = Database()

    def drain() -> list[Diagnostic]:
        # Records are freed as they are written (_release); what else a piece leaves in a
        # loop is collected here, young (the CLI pauses the collector).
        gc.collect(0)
        found = list(db.diagnostics)
        db.diagnostics.clear()
        return found

    for path in inputs:
        data = _read_bytes(path)
        if not _plain_utf8(data):
            raise _Fallback
        for text, limit, lines_before in _pieces(data):
            yield iter_piece(Source(text, path), db, limit, lines_before), drain
        del data


def _read_csljson(inputs: Sequence[str]) -> Iterator[_Piece]:
    """Each item of each file, a window of the file at a time."""
    from pubconv.formats.csljson.stream import StreamReader, iter_file

    reader = StreamReader()

    def drain() -> list[Diagnostic]:
        found = list(reader.bib.diagnostics)
        reader.bib.diagnostics.clear()
        return found

    for path in inputs:
        try:
            handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
        except OSError:
            raise _Fallback from None  # the whole path says why it cannot read it
        with handle:
            for blocks in iter_file(reader, path, handle):
                yield blocks, drain


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as source:
            return source.read()
    except OSError:
        raise _Fallback from None  # the whole path says why it cannot read it


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


def _plain_utf8_file(path: str) -> bool:
    """:func:`_plain_utf8` of the file at ``path``, read a piece at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        first = True
        while chunk := handle.read(PIECE_BYTES):
            if b"\x00" in chunk:
                return False
            if first and chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return False
            first = False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
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
