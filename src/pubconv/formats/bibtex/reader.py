"""The BibTeX reader: :mod:`.scanner` cuts the text into blocks, the rest is ours.

bibtexparser's middlewares (LaTeX decoding, names, macro resolution) are about 20 times slower
than its splitter, so they are not used: values are expanded by :mod:`.values`, decoded by
:mod:`.latex` and mapped by :mod:`.mapping`; the splitter itself reads only the blocks the
scanner's fast path does not understand (see :mod:`.scanner`).

Every byte of the input ends up in exactly one block, in order: entries, ``@string``,
``@preamble``, comments, failed blocks (as :class:`Verbatim` ``failed``) and the whitespace
between them (:class:`Verbatim` ``whitespace``), so that writing an unchanged database gives the
input back byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pubconv.errors import Diagnostic, LineIndex, error, warning
from pubconv.formats.bibtex import mapping
from pubconv.formats.bibtex.scanner import KNOWN_TYPES, RawBlock, RawField, newline_of, scan
from pubconv.formats.bibtex.values import (
    ONE_GROUP,
    ExpansionError,
    Macros,
    ValueSyntaxError,
    expand,
    split_value,
)
from pubconv.model import (
    Bibliography,
    Block,
    Comment,
    Origin,
    Preamble,
    Publication,
    StringDef,
    Verbatim,
)
from pubconv.registry import Source

FORMAT = "bibtex"
_BAD_KEY = re.compile(r'[ \t\r\n{}"=#,]')
"""A character no citation key holds (a missing comma, most often)."""


@dataclass
class Database:
    """What reading several sources as one database shares: macros and keys seen so far."""

    macros: Macros = field(default_factory=Macros)
    keys: dict[str, tuple[str, str | None, int, int]] = field(default_factory=dict)
    """Lower-case key -> (key as written, path, line and column of its first entry)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def iter_blocks(sources: Iterable[Source], db: Database) -> Iterator[Block]:
    """The blocks of ``sources`` read as one database, one at a time; ``db`` collects the
    diagnostics (and the macros and keys seen), so a caller can write each block and drop it."""
    for source in sources:
        yield from _SourceReader(source, db).blocks()


def iter_piece(source: Source, db: Database, limit: int, line_offset: int) -> Iterator[Block]:
    """The blocks of ``source.text[:limit]``, a piece of a file that starts ``line_offset`` lines
    in and is cut at a block start at the start of a line (text after ``limit`` is lookahead)."""
    yield from _SourceReader(source, db, limit, line_offset).blocks()


def read(sources: Sequence[Source]) -> Bibliography:
    """Read ``sources`` as one database (macros of an earlier file serve the later ones)."""
    db = Database()
    blocks: list[Block] = []
    for source in sources:
        blocks.extend(_SourceReader(source, db).run())
    return Bibliography(blocks=blocks, diagnostics=db.diagnostics, source_format=FORMAT)


def _with_own_origin(pub: Publication, origin: Origin) -> Publication:
    """``pub`` with ``origin``, whose ``as_read`` is ``pub`` itself: built once, not twice.

    What :func:`pubconv.model.with_origin` means, without a second copy per record: ``origin``
    is not compared, so the record equals its own snapshot, and any edit (which goes through
    :func:`dataclasses.replace`) makes a new record that still points at this one as read.
    ``origin`` is the one :meth:`_SourceReader._block` made for this block and nothing else
    holds, so it takes ``pub`` as its ``as_read`` in place rather than being built again.
    """
    object.__setattr__(origin, "as_read", pub)
    object.__setattr__(pub, "origin", origin)
    return pub


def _one_piece(f: RawField) -> bool:
    """True when the scanner read ``f``'s value as one piece (so one ``{...}`` group when it
    starts with ``{``): no ``#`` joins pieces, and no ``\\`` could make the scanner and
    :data:`ONE_GROUP` count a brace differently.  Asked with ``in`` before the pattern, which
    walks the whole value: 50 ms of the 31,000 values of 5,000 entries, this 7 ms."""
    value = f.value
    return not f.line and "#" not in value and "\\" not in value


def _written_type(raw: str) -> str:
    """``@InProceedings {`` -> ``InProceedings`` (``@ article`` / ``{`` -> ``article``)."""
    end = len(raw)
    for delimiter in "{(":
        pos = raw.find(delimiter)
        if 0 <= pos < end:
            end = pos
    return raw[1:end].strip()


class _SourceReader:
    """Turns one source into blocks, adding its diagnostics to the shared database."""

    def __init__(
        self, source: Source, db: Database, limit: int | None = None, line_offset: int = 0
    ) -> None:
        self.limit = len(source.text) if limit is None else limit
        """Blocks before this offset are read (text after it is only the scanner's lookahead)."""
        self.line_offset = line_offset
        """Lines of the file before this piece of it (the streaming reader reads pieces)."""
        self.text = source.text
        self.path = source.path
        self.db = db
        self.newline = newline_of(self.text)
        self._cursor = (0, 1, 0)
        """(offset, its 1-based line, offset of that line's start): origins move forward."""
        self._index: LineIndex | None = None
        self._entry_at = (0, 1)
        """Offset and line of the entry being read (to locate its fields)."""

    @property
    def lines(self) -> LineIndex:
        """Line starts of the whole text, built the first time a field must be located."""
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``offset``, counting on from the previous answer."""
        last, line, line_start = self._cursor
        if offset < last:
            last, line, line_start = 0, 1, 0
        text, newline = self.text, self.newline
        count = text.count(newline, last, offset)
        if count:
            line += count
            line_start = text.rfind(newline, last, offset) + 1
        self._cursor = (offset, line, line_start)
        return line + self.line_offset, offset - line_start + 1

    def _origin(self, offset: int, raw: str) -> Origin:
        line, column = self._position(offset)
        return Origin(FORMAT, self.path, line, column, raw)

    def _field_position(self, f: RawField) -> tuple[int, int]:
        """1-based position of field ``f``: its name on the line of its ``=``.

        Fields of the fast path know the offset of their ``=``: its line is counted from the
        entry's start (no index of the whole text, which would cost 100 MB at 200,000 entries).
        """
        name = f.name
        if f.line:  # read by the splitter: only the line (in this text) is known
            begin = self.lines.line_start(f.line)
            line = f.line + self.line_offset
        else:
            start, start_line = self._entry_at
            line = start_line + self.text.count(self.newline, start, f.equals)
            begin = self.text.rfind(self.newline, 0, f.equals) + 1
        end = self.text.find(self.newline, begin)
        end = len(self.text) if end < 0 else end
        pos = self.text.find(name, begin, end)
        return line, (pos - begin + 1) if pos >= 0 else 1

    def run(self) -> list[Block]:
        return list(self.blocks())

    def blocks(self) -> Iterator[Block]:
        """The blocks in order, made one at a time (the streaming converter writes each on)."""
        text, limit = self.text, self.limit
        pos = 0
        for raw in scan(text, limit):
            if raw.start > pos:
                yield self._gap(pos, raw.start)
            yield self._block(raw)
            pos = raw.end
        if pos < limit:
            yield self._gap(pos, limit)

    def _gap(self, start: int, end: int) -> Verbatim:
        gap = self.text[start:end]
        kind = "whitespace" if gap.isspace() else "text"
        return Verbatim(FORMAT, gap, kind, self._origin(start, gap))

    def _block(self, block: RawBlock) -> Block:
        raw = self.text[block.start : block.end]
        origin = self._origin(block.start, raw)
        for note in block.notes:
            line, column = self._position(note.offset)
            self._warn(note.message, line, column, block.key or None)
        kind = block.kind
        if kind == "entry":
            self._entry_at = (block.start, origin.line)
            return self._entry(block, origin)
        if kind == "string":
            return self._string(block.key, block.value, origin)
        if kind == "preamble":
            return Preamble(block.value, origin)
        if kind in ("comment", "implicit"):
            return Comment(raw, origin)
        return self._failed(origin, f"cannot parse this block: {block.reason}")

    def _failed(self, origin: Origin, message: str, key: str | None = None) -> Verbatim:
        self.db.diagnostics.append(error(message, self.path, origin.line, origin.column, key))
        return Verbatim(FORMAT, origin.raw, "failed", origin)

    def _warn(self, message: str, line: int, column: int, key: str | None) -> None:
        self.db.diagnostics.append(warning(message, self.path, line, column, key))

    def _entry(self, entry: RawBlock, origin: Origin) -> Block:
        key = entry.key
        if not key:
            return self._failed(origin, "entry has no citation key")
        if _BAD_KEY.search(key) is not None:
            return self._failed(origin, f"invalid citation key {key!r} (missing comma?)", key)
        if "(" in key or ")" in key:
            self._warn(
                f"key {key!r} holds a parenthesis, which BibTeX, biber and pandoc reject",
                origin.line,
                origin.column,
                key,
            )
        macros = self.db.macros
        fields: list[tuple[str, str]] = []
        positions: list[RawField] = []
        seen: set[str] = set()
        written_type = _written_type(origin.raw)
        if written_type.lower() not in KNOWN_TYPES:
            self._warn(
                f"unknown entry type @{written_type} (neither BibTeX nor BibLaTeX defines it): "
                "read as @misc",
                origin.line,
                origin.column,
                key,
            )
        undefined: list[str] = []
        for f in entry.fields:
            name = f.name
            value = f.value
            undefined.clear()
            if value[:1] == "{" and (_one_piece(f) or ONE_GROUP.fullmatch(value)):
                fields.append((name, value[1:-1]))  # what split_value + expand give for
                # `{...}`, without their objects
            elif value.isdigit():
                fields.append((name, value))
            else:
                try:
                    parts = split_value(value)
                    fields.append((name, expand(parts, macros, undefined)))
                except (ValueSyntaxError, ExpansionError) as exc:
                    line, column = self._field_position(f)
                    self.db.diagnostics.append(
                        error(f"field {name!r}: {exc}", self.path, line, column, key)
                    )
                    return Verbatim(FORMAT, origin.raw, "failed", origin)
            positions.append(f)
            lowered = name.lower()
            if lowered in seen:
                line, column = self._field_position(f)
                self._warn(
                    f"repeated field {name!r} in {key!r}: the first value wins "
                    "(the repeat is kept as an extra field)",
                    line,
                    column,
                    key,
                )
            seen.add(lowered)
            for macro in undefined:
                line, column = self._field_position(f)
                self._warn(
                    f"undefined @string {macro!r} in field {name!r}: empty value "
                    "(the reference is kept as written)",
                    line,
                    column,
                    key,
                )
        values, problems = mapping.read_values(written_type, fields)
        for index, message in problems:
            line, column = self._field_position(positions[index])
            self._warn(f"{key}: {message}", line, column, key)
        self._check_key(key, origin)
        return _with_own_origin(Publication(key=key, **values), origin)

    def _check_key(self, key: str, origin: Origin) -> None:
        lowered = key.lower()
        first = self.db.keys.get(lowered)
        if first is None:  # where it is, made into text only if the key comes again
            self.db.keys[lowered] = (key, origin.path, origin.line, origin.column)
            return
        where = f"{first[1] or '<input>'}:{first[2]}:{first[3]}"
        if first[0] == key:
            message = (
                f"repeated key {key!r} (first at {where}): both entries are kept; "
                "the first wins where keys must be unique"
            )
        else:
            message = (
                f"key {key!r} differs only by case from {first[0]!r} (at {where}); "
                "BibTeX treats them as the same key"
            )
        self._warn(message, origin.line, origin.column, key)

    def _string(self, name: str, value: str, origin: Origin) -> Block:
        try:
            parts = split_value(value)
        except ValueSyntaxError as exc:
            # plume-bib's non-standard ``@string{X = "long" = "short"}``: use the first value.
            head = value[: exc.offset]
            if value[exc.offset : exc.offset + 1] != "=":
                return self._failed(origin, f"@string {name!r}: {exc}", name)
            try:
                parts = split_value(head)
            except ValueSyntaxError as inner:
                return self._failed(origin, f"@string {name!r}: {inner}", name)
            self._warn(
                f"@string {name!r} has more than one `=`; the first value is used",
                origin.line,
                origin.column,
                name,
            )
        if not name or any(c in name for c in " \t\r\n{}\"#%'(),"):
            return self._failed(origin, f"invalid @string name {name!r}")
        undefined: list[str] = []
        try:
            expanded = expand(parts, self.db.macros, undefined)
        except ExpansionError as exc:
            return self._failed(origin, f"@string {name!r}: {exc}", name)
        for macro in undefined:
            self._warn(
                f"undefined @string {macro!r} in @string {name!r}: empty value",
                origin.line,
                origin.column,
                name,
            )
        self.db.macros.define(name, expanded)
        return StringDef(name, expanded, origin)
