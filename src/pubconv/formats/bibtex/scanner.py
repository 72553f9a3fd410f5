"""Cutting a ``.bib`` text into raw blocks: a fast scanner, with bibtexparser's splitter behind it.

bibtexparser v2's :class:`~bibtexparser.splitter.Splitter` visits every ``{ } " , = \\n`` of the
file in Python, which made it the largest single cost of reading.  This scanner reads a
well-formed block with a handful of regular-expression calls per field, and gives every block it
does not understand to the splitter instead, so broken input gets exactly the splitter's blocks,
error messages and recovery (its "skip to the next ``@`` at the start of a line").  The two agree
on the block boundaries of every well-formed block: a block the scanner accepts is one the
splitter reads the same way (same raw text, key, fields and values), and the scanner stops at
the same places the splitter treats as the start of a new block.

The scanner also reads what BibTeX and biber read but the splitter drops or refuses, each with a
located :class:`Note` (a warning) so the user learns that the file is unusual:

* whitespace between ``@`` and the type, or a line break before the ``{`` (``@ article{k,``,
  ``@article`` / ``{k,``), at the start of a line;
* a ``%`` comment line where a field name may stand (biber's rule: ``%`` to the end of the line
  is a comment inside an entry);
* a missing comma between two fields when the next thing is ``name =``;
* an entry type neither BibTeX nor BibLaTeX defines (``@foobarqux``), read as ``@misc``.

Positions: offsets into the text, and 1-based lines counted on ``\\n`` (on ``\\r`` in a file
that has no ``\\n``: old Mac line endings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # bibtexparser is imported only when a block needs the splitter (~25 ms)
    from bibtexparser import model as bp

#: A block start as the splitter sees it (anywhere outside a block).
_SPLITTER_START = re.compile(r"@\w*[ \t]*(?=[{(])")
#: Block starts at the start of a line: the splitter's, and the spaced forms BibTeX also reads.
_LINE_START_LF = re.compile(
    r"(?:^|(?<=\n))[^\S\n]*(@(?:\w*[ \t]*(?=[{(])|[ \t\r\n]*\w+[ \t\r\n]*(?=[{(])))"
)
_LINE_START_CR = re.compile(
    r"(?:^|(?<=\r))[^\S\r]*(@(?:\w*[ \t]*(?=[{(])|[ \t\r\n]*\w+[ \t\r\n]*(?=[{(])))"
)
#: Any block start: the splitter's form, or a spaced form (accepted only at the start of a line).
_ANY_START = re.compile(r"@(?:\w*[ \t]*(?=[{(])|[ \t\r\n]*\w+[ \t\r\n]*(?=[{(]))")
#: A line-start block start inside a block: the splitter aborts the block there.
_INNER_START_LF = re.compile(r"\n[^\S\n]*@\w*[ \t]*(?=[{(])")
_INNER_START_CR = re.compile(r"\r[^\S\r]*@\w*[ \t]*(?=[{(])")

#: A block start at the end of a failed block's raw text (see ``_without_next_start``).
_TRAILING_START = re.compile(r"@\w*[ \t]*\Z")
_SPACE = re.compile(r"[ \t\r\n\f\v]*")
_KEY = re.compile(r"[ \t\r\n]*([^\s{}\",=@\\#]+)[ \t\r\n]*([,}])")
_NAME = re.compile(r"([^\s{}\",=@\\#%]+)[ \t\r\n]*=[ \t\r\n]*")
_BARE = re.compile(r"[^\s,{}\"#=@\\%]+")
_AFTER_PIECE = re.compile(r"[ \t\r\n]*([#,}]?)")
_BRACE = re.compile(r"(?<!\\)[{}]")
_QUOTE = re.compile(r'(?<!\\)"')
_STRING_NAME = re.compile(r"[ \t\r\n]*([^\s{}\",=@\\#%]+)[ \t\r\n]*=")
_TO_EOL = re.compile(r"[^\r\n]*")
_END = re.compile(r"[ \t\r\n]*\}")


def _braced(depth: int) -> str:
    """A ``{...}`` group nested up to ``depth`` deep; a brace after ``\\`` does not count.

    Possessive everywhere: each alternative starts with a different character, so nothing is
    lost by not backtracking, and a near-miss costs linear time.
    """
    inner = r"[^{}\\]++|\\|(?<=\\)[{}]"
    group = r"(?<!\\)\{(?:" + inner + r")*+(?<!\\)\}"
    for _ in range(depth - 1):
        group = r"(?<!\\)\{(?:" + inner + "|" + group + r")*+(?<!\\)\}"
    return group


_PIECE = (
    "(?:"
    + _braced(4)
    + r'|"(?:[^"]++|(?<=\\)"|(?<=\{)"(?=\}))*+"'  # the splitter's quotes: `\"` and `{"}` inside
    + r'|[^\s,{}"#=@\\%]++)'
)
#: One whole field, the common case in one match: name, ``=``, value, then ``,`` or ``}``.
_FIELD = re.compile(
    r"[ \t\r\n]*+([^\s{}\",=@\\#%]++)[ \t\r\n]*+(=)[ \t\r\n]*+("
    + _PIECE
    + r"(?:[ \t\r\n]*+#[ \t\r\n]*+"
    + _PIECE
    + r")*+)[ \t\r\n]*+([,}])"
)

#: Entry types BibTeX's standard styles or BibLaTeX define (plus ``@conference`` and friends).
KNOWN_TYPES = frozenset(
    {
        "article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings",
        "manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport",
        "unpublished", "bookinbook", "collection", "dataset", "inreference", "mvbook",
        "mvcollection", "mvproceedings", "mvreference", "online", "patent", "periodical",
        "reference", "report", "set", "software", "suppbook", "suppcollection",
        "suppperiodical", "thesis", "xdata", "artwork", "audio", "bibnote", "commentary",
        "image", "jurisdiction", "legislation", "legal", "letter", "movie", "music",
        "performance", "review", "standard", "video", "electronic", "www", "customa",
        "customb", "customc", "customd", "custome", "customf", "ieeetranbstctl",
    }
)  # fmt: skip


@dataclass(slots=True)
class RawField:
    """``name = value`` as written: the value with its delimiters, stripped (as the splitter does)."""

    name: str
    value: str
    line: int
    """1-based line of the ``=``, or 0 when only ``equals`` is known (the fast path)."""
    equals: int = -1
    """Offset of the ``=`` (-1 for fields the splitter read)."""


@dataclass(slots=True)
class Note:
    """A warning about input the scanner read in a way the splitter would not."""

    message: str
    offset: int


@dataclass(slots=True)
class RawBlock:
    """One block: ``kind`` is entry, string, preamble, comment, implicit or failed.

    ``text[start:end]`` is its raw text.  ``key`` is an entry key or a ``@string`` name; ``value``
    the ``@string`` value (with delimiters) or the ``@preamble`` text; ``reason`` why a failed
    block failed.
    """

    kind: str
    start: int
    end: int
    key: str = ""
    value: str = ""
    fields: list[RawField] = field(default_factory=list)
    reason: str = ""
    notes: list[Note] = field(default_factory=list)


class _Unsure(Exception):
    """The fast path does not know this block; the splitter reads it.

    The message is used only for a block the splitter cannot be given (a spaced block start).
    """

    def __init__(self, message: str = "unexpected text in this block") -> None:
        super().__init__(message)


def newline_of(text: str) -> str:
    """The character lines end with: ``\\n``, or ``\\r`` in a file that has only CR endings."""
    return "\r" if "\n" not in text and "\r" in text else "\n"


def scan(text: str, limit: int | None = None) -> Iterator[RawBlock]:
    """The blocks of ``text`` in order; text between them that is not a comment is left out.

    With ``limit`` (a block start at the start of a line), only the blocks before it: the text
    after it is there only for the splitter to see the next block start, as it would in the
    whole file (the streaming reader cuts a large file into such pieces).
    """
    return _Scanner(text).blocks(len(text) if limit is None else limit)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = newline_of(text)
        self._line_at = (0, 1)
        self._line_start = _LINE_START_LF if self.newline == "\n" else _LINE_START_CR
        self._inner_start = _INNER_START_LF if self.newline == "\n" else _INNER_START_CR

    def line_of(self, offset: int) -> int:
        """1-based line of ``offset``; counts on from the last answer when moving forward."""
        last, line = self._line_at
        if offset < last:
            last, line = 0, 1
        line += self.text.count(self.newline, last, offset)
        self._line_at = (offset, line)
        return line

    # ------------------------------------------------------------------ top level

    def blocks(self, n: int) -> Iterator[RawBlock]:
        text = self.text
        pos = 0
        while pos < n:
            start = self._next_start(pos)
            if start < 0 or start >= n:
                yield from self._implicit(pos, n)
                return
            yield from self._implicit(pos, start)
            try:
                block = self._block(start)
            except _Unsure as exc:
                end = min(self._region_end(start), n)
                if _SPLITTER_START.match(text, start):
                    yield from self._splitter(start, end)
                else:  # a spaced start the splitter does not see: fail the block ourselves
                    raw_end = start + len(text[start:end].rstrip())
                    yield RawBlock("failed", start, raw_end, reason=str(exc))
                pos = end
                continue
            yield block
            pos = block.end

    def _next_start(self, pos: int) -> int:
        """Offset of the next block start at or after ``pos``, or -1."""
        text = self.text
        while True:
            m = _ANY_START.search(text, pos)
            if m is None:
                return -1
            if _SPLITTER_START.match(text, m.start()) or self._at_line_start(m.start()):
                return m.start()
            pos = m.start() + 1

    def _at_line_start(self, offset: int) -> bool:
        line_start = self.text.rfind(self.newline, 0, offset) + 1
        return line_start == offset or self.text[line_start:offset].isspace()

    def _implicit(self, start: int, end: int) -> Iterator[RawBlock]:
        """Text between blocks: a comment (without its surrounding whitespace) unless blank."""
        chunk = self.text[start:end]
        stripped = chunk.strip()
        if stripped:
            offset = start + (len(chunk) - len(chunk.lstrip()))
            yield RawBlock("implicit", offset, offset + len(stripped))

    def _region_end(self, start: int) -> int:
        """Where the splitter's recovery stops: the next block start at the start of a line."""
        m = self._line_start.search(self.text, start + 1)
        return m.start(1) if m is not None else len(self.text)

    # ------------------------------------------------------------------ fast path

    def _block(self, start: int) -> RawBlock:
        text = self.text
        m = _ANY_START.match(text, start)
        assert m is not None
        word = m.group()[1:].strip().lower()
        notes: list[Note] = []
        splitter_form = _SPLITTER_START.match(text, start) is not None
        if not splitter_form:
            notes.append(
                Note(
                    f"space or line break inside {' '.join(m.group().split())!r} + '{{': "
                    "read as one block start, as BibTeX does",
                    start,
                )
            )
        opening = m.end()
        if text[opening] != "{":
            raise _Unsure("`@type(...)` blocks are read by the splitter")
        if word.startswith("comment"):
            block = self._braced("comment", start, opening)
        elif word.startswith("preamble"):
            block = self._braced("preamble", start, opening)
            block.value = text[opening + 1 : block.end - 1]
        elif word.startswith("string"):
            block = self._string(start, opening)
        else:
            block = self._entry(start, opening, notes)
        if self._inner_start.search(text, start, block.end):
            raise _Unsure("a new block starts at the start of a line inside this one")
        block.notes = notes  # the entry path added its own to the same list
        return block

    def _group_end(self, opening: int) -> int:
        """Index of the ``}`` closing the ``{`` at ``opening`` (braces after ``\\`` do not count)."""
        depth = 0
        for m in _BRACE.finditer(self.text, opening):
            if m.group() == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return m.start()
        raise _Unsure("unbalanced braces: no `}` closes this `{`")

    def _braced(self, kind: str, start: int, opening: int) -> RawBlock:
        return RawBlock(kind, start, self._group_end(opening) + 1)

    def _string(self, start: int, opening: int) -> RawBlock:
        m = _STRING_NAME.match(self.text, opening + 1)
        if m is None:
            raise _Unsure("expected `name =` in @string")
        close = self._group_end(opening)
        value = self.text[m.end() : close].strip()
        return RawBlock("string", start, close + 1, key=m.group(1), value=value)

    def _entry(self, start: int, opening: int, notes: list[Note]) -> RawBlock:
        text = self.text
        m = _KEY.match(text, opening + 1)
        if m is None:
            raise _Unsure("expected a citation key and `,` after the `{`")
        key = m.group(1)
        if m.group(2) == "}":
            return RawBlock("entry", start, m.end(), key=key)
        fields: list[RawField] = []
        pos = m.end()
        field_match = _FIELD.match
        while True:
            f = field_match(text, pos)
            if f is not None:  # the common case: one whole field
                fields.append(RawField(f.group(1), f.group(3), 0, f.start(2)))
                pos = f.end()
                if f.group(4) == "}":
                    return RawBlock("entry", start, pos, key=key, fields=fields, notes=notes)
                continue
            end = _END.match(text, pos)
            if end is not None:
                return RawBlock("entry", start, end.end(), key=key, fields=fields, notes=notes)
            pos = self._skip_comments(pos, notes)
            if text.startswith("}", pos):
                return RawBlock("entry", start, pos + 1, key=key, fields=fields, notes=notes)
            name = _NAME.match(text, pos)
            if name is None:
                raise _Unsure("expected `name = value` or the `}` closing the entry")
            equals = text.rfind("=", pos, name.end())
            value_end, after = self._value(name.end())
            fields.append(RawField(name.group(1), text[name.end() : value_end].strip(), 0, equals))
            if after == "}":
                return RawBlock("entry", start, value_end + 1, key=key, fields=fields, notes=notes)
            if after == ",":
                pos = value_end + 1
                continue
            # neither `,` nor `}` after the value, but `name =` follows: a missing comma
            following = _NAME.match(text, _SPACE.match(text, value_end).end())  # type: ignore[union-attr]
            assert following is not None
            notes.append(
                Note(
                    f"missing comma between fields {fields[-1].name!r} and "
                    f"{following.group(1)!r}: read as if it were there",
                    value_end,
                )
            )
            pos = value_end

    def _skip_comments(self, pos: int, notes: list[Note]) -> int:
        """Skip whitespace and ``%`` comment lines where a field name may stand."""
        text = self.text
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if not text.startswith("%", pos):
                return pos
            end = _TO_EOL.match(text, pos).end()  # type: ignore[union-attr]
            notes.append(
                Note(
                    "`%` comment inside an entry skipped (biber reads it to the end of the line)",
                    pos,
                )
            )
            pos = end

    def _value(self, pos: int) -> tuple[int, str]:
        """End of the value starting at ``pos`` (at its ``,``/``}``), and that character.

        When neither follows but ``name =`` does, the end of the last piece and ``""``.
        """
        text = self.text
        while True:
            char = text[pos : pos + 1]
            if char == "{":
                pos = self._group_end(pos) + 1
            elif char == '"':
                pos = self._quote_end(pos) + 1
            else:
                bare = _BARE.match(text, pos)
                if bare is None:
                    raise _Unsure('expected a value: `{...}`, `"..."`, a number or a macro')
                pos = bare.end()
            piece_end = pos
            after = _AFTER_PIECE.match(text, pos)
            assert after is not None
            mark = after.group(1)
            if mark == "#":
                pos = _SPACE.match(text, after.end()).end()  # type: ignore[union-attr]
                continue
            if mark:
                return after.start(1), mark
            if _NAME.match(text, after.end()) and after.end() > piece_end:
                return piece_end, ""
            raise _Unsure("expected `,`, `#` or `}` after a value")

    def _quote_end(self, opening: int) -> int:
        """Index of the ``"`` closing the one at ``opening``, as the splitter finds it."""
        text = self.text
        n = len(text)
        for m in _QUOTE.finditer(text, opening + 1):
            pos = m.start()
            if text[pos - 1] == "{" and pos + 2 < n and text[pos + 1] == "}":
                continue  # `{"}`: a literal quote inside a quoted value
            return pos
        raise _Unsure('unclosed `"` in a value')

    # ------------------------------------------------------------------ the splitter

    def _splitter(self, start: int, end: int) -> Iterator[RawBlock]:
        """The splitter's blocks for ``text[start:end]`` (it sees the next block start too).

        A failed block whose raw text runs into the next block (``@article{@misc{...``: the
        splitter reports "expected comma, found @misc" and includes ``@misc``) is cut where the
        next block starts, so that no text belongs to two blocks.
        """
        from bibtexparser.splitter import Splitter

        _quiet_splitter()
        text = self.text
        look = _SPLITTER_START.match(text, end)
        region = text[start : (look.end() + 1) if look is not None else end]
        lines_before = self.line_of(start) - 1
        out: list[RawBlock] = []
        pos = 0
        for block in Splitter(region).split().blocks:
            raw = _without_next_start(block, region, pos)
            at = region.find(raw, pos) if raw else -1
            if at < 0 or start + at >= end:
                continue
            pos = min(at + len(raw), end - start)
            out.append(_from_splitter(block, start + at, start + pos, lines_before))
        return iter(out)


def _quiet_splitter() -> None:
    """The splitter logs every failed block; the reader reports them, located, as diagnostics."""
    import logging

    splitter_log = logging.getLogger("bibtexparser.splitter")
    if splitter_log.propagate:
        splitter_log.addHandler(logging.NullHandler())
        splitter_log.propagate = False


def _without_next_start(block: bp.Block, text: str, pos: int) -> str:
    """The raw text of ``block`` (found at or after ``pos`` in ``text``), less the next block's
    start when the splitter included it (``@article{`` + ``@misc{``: "expected a comma after
    the key, but found @misc" keeps ``@misc`` in the failed block, and reads it again)."""
    from bibtexparser import model as bp

    raw = block.raw or ""
    if not isinstance(block, bp.ParsingFailedBlock):
        return raw
    m = _TRAILING_START.search(raw)
    if m is None:
        return raw
    at = text.find(raw, pos)
    if at >= 0 and text[at + len(raw) : at + len(raw) + 1] in ("{", "("):
        return raw[: m.start()]
    return raw


def _unwrap(block: bp.Block) -> bp.Block:
    """The entry or string inside the splitter's duplicate wrappers (the reader reports those)."""
    from bibtexparser import model as bp

    while isinstance(block, bp.DuplicateBlockKeyBlock | bp.DuplicateFieldKeyBlock):
        inner = block.ignore_error_block
        if inner is None:
            break
        block = inner
    return block


def _from_splitter(outer: bp.Block, start: int, end: int, lines_before: int) -> RawBlock:
    from bibtexparser import model as bp

    block = _unwrap(outer)
    if isinstance(block, bp.Entry):
        fields = [RawField(f.key, f.value, lines_before + f.start_line + 1) for f in block.fields]
        return RawBlock("entry", start, end, key=block.key, fields=fields)
    if isinstance(block, bp.String):
        return RawBlock("string", start, end, key=block.key, value=block.value)
    if isinstance(block, bp.Preamble):
        return RawBlock("preamble", start, end, value=block.value)
    if isinstance(block, bp.ExplicitComment):
        return RawBlock("comment", start, end)
    if isinstance(block, bp.ImplicitComment):
        return RawBlock("implicit", start, end)
    error = getattr(outer, "error", None)
    reason = getattr(error, "abort_reason", None) or str(error or "cannot parse this block")
    return RawBlock("failed", start, end, reason=reason.strip())
