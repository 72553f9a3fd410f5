"""A YAML file that holds a list of records, read so that every record keeps its exact text.

The YAML layouts (``labsite``, ``publist``, ``cslyaml``) share this.  ruamel.yaml's round-trip
loader (safe: it builds only maps, lists and scalars, never Python objects) gives the line of each
list item; the text is cut at those lines into record chunks and the gaps between them (headers,
comments, commented-out entries, blank lines, ``...``).  Writing an unchanged file therefore gives
it back byte for byte, and an edited record is re-dumped alone from its own round-trip node, so
its comments, key order, quoting and unknown keys stay; keys whose model value did not change keep
their node exactly as written.

When the cut cannot be trusted (a flow-style list, a block scalar whose lines look like comments)
each chunk is checked by parsing it alone; if any fails, the file is one ``document`` block and a
changed file is re-dumped whole by ruamel.yaml (comments kept, untouched records re-spelled).
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from pubconv.model import Bibliography, Publication, Verbatim

MAX_NODES = 2_000_000
"""Plain values may not expand (through YAML aliases) past this many nodes: a billion-laughs
file is an error, not an out-of-memory."""

DOCUMENT = "document"
"""Verbatim kind of a whole file that could not be cut into record chunks."""


class ListError(Exception):
    """The text is not YAML, or not a list of records; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _yaml(duplicates: bool = False) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = duplicates
    return yaml


def plain(node: Any) -> Any:
    """A round-trip node as plain JSON-like data: dates become ISO strings, tags are dropped."""
    budget = [MAX_NODES]

    def walk(value: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0 or depth > 200:
            raise ListError("YAML value too large or too deeply nested (aliases?)")
        if isinstance(value, dict):
            return {str(k): walk(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, depth + 1) for v in value]
        if isinstance(value, TaggedScalar):
            return str(value.value)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)

    return walk(node, 0)


@dataclass(frozen=True, slots=True)
class Item:
    """One list item: its plain value, exact text and 1-based position of its dash."""

    value: Any
    raw: str
    line: int
    column: int


@dataclass
class ListDoc:
    """A file cut into items and the text between them (``str`` pieces), in order."""

    pieces: list[Item | str]
    spliceable: bool
    text: str
    warnings: list[ListError] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        """The items, in order."""
        return [p for p in self.pieces if isinstance(p, Item)]


def load(text: str, notes: list[ListError] | None = None) -> Any:
    """``text`` as round-trip nodes; YAML errors become a located :class:`ListError`.

    A key repeated in one mapping is a warning appended to ``notes`` (the first value is read;
    Jekyll would show the last), or an error when ``notes`` is ``None``.
    """
    try:
        return _yaml().load(text)
    except DuplicateKeyError as exc:
        if notes is None:
            raise _located(exc) from None
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = f"{exc.problem}; pubconv reads the first value (Jekyll shows the last)"
        notes.append(ListError(message, line, column))
        try:
            return _yaml(duplicates=True).load(text)
        except MarkedYAMLError as again:
            raise _located(again) from None
    except MarkedYAMLError as exc:
        raise _located(exc) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise ListError(f"invalid YAML: {exc}") from None


def _located(exc: MarkedYAMLError) -> ListError:
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or str(exc)
    if mark is not None:
        return ListError(f"invalid YAML: {message}", mark.line + 1, mark.column + 1)
    return ListError(f"invalid YAML: {message}")


def find_list(root: Any, key: str | None) -> tuple[CommentedSeq | None, int | None]:
    """The record list (the root, or ``root[key]``) and the 0-based line where it must end."""
    if isinstance(root, CommentedSeq):
        return root, None
    if key is not None and isinstance(root, CommentedMap) and isinstance(root.get(key), list):
        keys = list(root.keys())
        after = keys.index(key) + 1
        end = root.lc.key(keys[after])[0] if after < len(keys) else None
        seq = root[key]
        return (seq if isinstance(seq, CommentedSeq) else None), end
    return None, None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _dash_line(text: str, starts: list[int], line: int, column: int) -> int | None:
    """The 0-based line holding the dash of an item whose content starts at (line, column)."""
    if line >= len(starts):
        return None
    before = text[starts[line] : starts[line] + column]
    if before.strip() == "-":
        return line
    if before.strip():
        return None
    for back in range(line - 1, -1, -1):
        content = text[starts[back] : starts[back + 1]].strip()
        if content == "-":
            return back
        if content and not content.startswith("#"):
            return None
    return None


def _is_gap_line(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or stripped in ("...", "---")


def _split_tail(chunk: str) -> tuple[str, str]:
    """``chunk`` -> (record text, trailing blank/comment lines)."""
    lines = chunk.splitlines(keepends=True)
    cut = len(lines)
    while cut > 1 and _is_gap_line(lines[cut - 1]):
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])


def read_list(text: str, key: str | None = None) -> ListDoc:
    """Cut ``text`` into items of its record list (the root list, or the list under ``key``).

    An empty file is an empty list; anything else that holds no such list is a ``ListError``.
    """
    notes: list[ListError] = []
    root = load(text, notes)
    if root is None:
        return ListDoc([text] if text else [], True, text, notes)
    seq, end_line = find_list(root, key)
    if seq is None:
        where = f"a top-level list or a '{key}:' list" if key else "a top-level list"
        found = (
            "a mapping"
            if isinstance(root, dict)
            else "a list"
            if isinstance(root, list)
            else "text"
        )
        raise ListError(f"expected {where} of records, found {found}", 1, 1)
    values = [plain(v) for v in seq]
    starts = _line_starts(text)
    bounds: list[int] = []
    dash_cols: list[int] = []
    for i in range(len(seq)):
        line, column = seq.lc.item(i)
        dash = _dash_line(text, starts, line, column)
        if dash is None:
            return _whole(text, values, seq, notes)
        bounds.append(starts[dash])
        dash_cols.append(text.find("-", starts[dash]) - starts[dash])
    if not bounds:
        return ListDoc([text] if text else [], True, text, notes)
    end = starts[end_line] if end_line is not None and end_line < len(starts) else len(text)
    pieces: list[Item | str] = [text[: bounds[0]]] if bounds[0] else []
    for i, start in enumerate(bounds):
        stop = bounds[i + 1] if i + 1 < len(bounds) else end
        raw, gap = _split_tail(text[start:stop])
        if not _chunk_ok(raw, values[i]):
            return _whole(text, values, seq, notes)
        line_number = text.count("\n", 0, start) + 1
        pieces.append(Item(values[i], raw, line_number, dash_cols[i] + 1))
        if gap:
            pieces.append(gap)
    if end < len(text):
        pieces.append(text[end:])
    return ListDoc(pieces, True, text, notes)


def _chunk_ok(raw: str, value: Any) -> bool:
    try:
        alone = load(raw, [])
    except ListError:
        return False
    return isinstance(alone, list) and len(alone) == 1 and plain(alone[0]) == value


def _place(seq: CommentedSeq, index: int) -> tuple[int, int]:
    """1-based (line, column) where item ``index`` starts (its dash, for a block list)."""
    line, column = seq.lc.item(index)
    return line + 1, max(column - 1, 1)


def _whole(text: str, values: list[Any], seq: CommentedSeq, notes: list[ListError]) -> ListDoc:
    items: list[Item | str] = []
    for i, value in enumerate(values):
        line, column = _place(seq, i)
        items.append(Item(value, "", line, column))
    return ListDoc(items, False, text, notes)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file indents and wraps, so re-dumped and new records look like their neighbours."""

    newline: str = "\n"
    dash: int = 0
    """Column of the record list's dashes."""
    mapping: int = 2
    sequence: int = 2
    offset: int = 0
    width: int = 4096
    """Never fold: a folded plain scalar is valid YAML but noisier in a diff than a long line."""


_NESTED_LIST = re.compile(r"(?m)^( *(?:- +)?)[^\s#-][^\n]*:[ \t]*\r?\n( *)- ")
_NESTED_MAP = re.compile(r"(?m)^( *(?:- +)?)[^\s#-][^:\n]*:[ \t]*\r?\n( *)[^\s#-][^:\n]*:")
_DASH = re.compile(r"(?m)^( *)- ")


def detect_layout(text: str, default: Layout | None = None) -> Layout:
    """Newline, dash column, indents of ``text``; what it does not show comes from ``default``."""
    base = default or Layout()
    newline = "\r\n" if "\r\n" in text else "\n" if "\n" in text else base.newline
    dash_match = _DASH.search(text)
    dash = len(dash_match.group(1)) if dash_match else base.dash
    sequence, offset = base.sequence, base.offset
    for match in _NESTED_LIST.finditer(text):
        key_col, dash_col = len(match.group(1)), len(match.group(2))
        if dash_col >= key_col:
            offset = dash_col - key_col
            sequence = offset + 2
            break
    mapping = base.mapping
    for match in _NESTED_MAP.finditer(text):
        parent, child = len(match.group(1)), len(match.group(2))
        if child > parent:
            mapping = child - parent
            break
    return Layout(newline, dash, mapping, sequence, offset)


# --------------------------------------------------------------------------- writing


def _scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def to_node(value: Any) -> Any:
    """Plain data -> round-trip nodes (multi-line text as a ``|`` block, ``[[2024, 7]]`` in flow
    style, as CSL ``date-parts`` read best)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_node(item)
        return node
    if isinstance(value, list):
        seq = CommentedSeq([to_node(v) for v in value])
        if value and all(isinstance(v, list) and all(map(_scalar, v)) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value and value.endswith("\n"):
        return LiteralScalarString(value)
    return value


def edit_node(node: CommentedMap, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Make ``node`` hold ``after``, ``before`` being what the mapping made of the record as read.

    Keys whose value did not change keep their node as written; keys the mapping never produced
    (``url:`` left empty) stay; nested mappings are edited the same way.
    """
    for key in list(node.keys()):
        if str(key) in before and str(key) not in after:
            del node[key]
    for key, value in after.items():
        if key in node and key in before and before[key] == value:
            continue
        old = node.get(key)
        if isinstance(old, CommentedMap) and isinstance(value, dict):
            earlier = before.get(key)
            edit_node(old, earlier if isinstance(earlier, dict) else {}, value)
            continue
        node[key] = to_node(value)


def dump_item(node: Any, layout: Layout, dash: int | None = None) -> str:
    """One list item as text in ``layout``, its dash at column ``dash`` (default the layout's)."""
    yaml = _yaml()
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.width = layout.width
    buffer = io.StringIO()
    yaml.dump(CommentedSeq([node]), buffer)
    text = buffer.getvalue()
    shift = (layout.dash if dash is None else dash) - layout.offset
    lines = text.splitlines(keepends=True)
    if shift > 0:
        lines = [" " * shift + line if line.strip() else line for line in lines]
    elif shift < 0:
        lines = [line[-shift:] if not line[:-shift].strip() else line for line in lines]
    text = "".join(lines)
    return text.replace("\n", layout.newline) if layout.newline != "\n" else text


ToValue = Callable[[Publication, dict[str, Any] | None], dict[str, Any]]
"""A record as plain data; the second argument is the record as read, when there is one, so a
mapping can keep its key names and shape (``author`` vs ``authors``)."""


def _mine(block: object, fmt: str) -> bool:
    origin = getattr(block, "origin", None)
    return origin is not None and origin.format == fmt


def write_list(bib: Bibliography, fmt: str, to_value: ToValue, header: str, footer: str) -> str:
    """``bib`` as a YAML list for format ``fmt``.

    Blocks read from ``fmt`` (gaps, failed items, record chunks) come back as they were. Records
    from elsewhere that come after the file's last record are new: in a file sorted by year they
    go where their year belongs (newest first or last, as the file has it), else after the last
    record. For a new file everything goes between ``header`` and ``footer``.
    """
    own = [b for b in bib.blocks if isinstance(b, Verbatim) and b.format == fmt]
    if any(b.kind == DOCUMENT for b in own):
        return _write_whole(bib, fmt, to_value)
    source = "".join(_texts(bib, fmt))
    layout = detect_layout(source) if source else Layout()
    last_mine = max(
        (i for i, b in enumerate(bib.blocks) if isinstance(b, Publication) and _mine(b, fmt)),
        default=-1,
    )
    pieces: list[_Piece] = []
    new: list[_Piece] = []
    for index, block in enumerate(bib.blocks):
        if isinstance(block, Verbatim):
            if block.format == fmt:
                pieces.append(_Piece(block.text, None, record=False))
        elif isinstance(block, Publication):
            piece = _Piece(_record(block, fmt, to_value, layout), block.year, record=True)
            (new if own and index > last_mine else pieces).append(piece)
    if not own:
        return header + "".join(p.text for p in pieces) + footer if pieces or header else ""
    order = _order([p.year for p in pieces if p.record])
    for piece in new:
        _place_new(pieces, piece, order, layout.newline)
    return "".join(p.text for p in pieces)


@dataclass
class _Piece:
    text: str
    year: int | None
    record: bool


def _order(years: list[int | None]) -> str | None:
    """``"desc"``/``"asc"`` when the records are sorted by year that way, else ``None``."""
    known = [y for y in years if y is not None]
    if len(known) < 2 or known[0] == known[-1]:
        return None
    pairs = list(itertools.pairwise(known))
    if all(a >= b for a, b in pairs):
        return "desc"
    if all(a <= b for a, b in pairs):
        return "asc"
    return None


def _separator(pieces: list[_Piece]) -> str:
    """The blank lines the file puts between two records (the most common such gap)."""
    counts: dict[str, int] = {}
    for before, gap, after in zip(pieces, pieces[1:], pieces[2:], strict=False):
        if before.record and after.record and not gap.record and not gap.text.strip():
            counts[gap.text] = counts.get(gap.text, 0) + 1
    adjacent = sum(1 for a, b in itertools.pairwise(pieces) if a.record and b.record)
    best = max(counts.items(), key=lambda item: item[1], default=("", 0))
    return best[0] if best[1] > adjacent else ""


def _place_new(pieces: list[_Piece], piece: _Piece, order: str | None, newline: str) -> None:
    """Insert ``piece`` where its year belongs, or after the last record.

    Before a record, the new one also goes before the comments just above it (they belong to
    that record), except the file's own header.
    """
    separator = _Piece(_separator(pieces), None, record=False)
    at: int | None = None
    if order is not None and piece.year is not None:
        year = piece.year
        for index, other in enumerate(pieces):
            if not other.record or other.year is None:
                continue
            if (order == "desc" and other.year < year) or (order == "asc" and other.year > year):
                at = index
                break
    if at is not None:
        if at > 1 and not pieces[at - 1].record and pieces[at - 1].text.strip():
            lines = pieces[at - 1].text.splitlines(keepends=True)
            blank = 0
            while not lines[blank].strip():
                blank += 1
            lead, rest = "".join(lines[:blank]), "".join(lines[blank:])
            parts = [_Piece(lead, None, False), piece, separator, _Piece(rest, None, False)]
            pieces[at - 1 : at] = [p for p in parts if p.text]
            return
        pieces[at:at] = [piece, separator] if separator.text else [piece]
        return
    last = max((i for i, p in enumerate(pieces) if p.record), default=len(pieces) - 1)
    if last >= 0 and not pieces[last].text.endswith("\n"):
        pieces[last].text += newline
    pieces[last + 1 : last + 1] = [separator, piece] if separator.text else [piece]


def _texts(bib: Bibliography, fmt: str) -> Iterator[str]:
    for block in bib.blocks:
        if isinstance(block, Verbatim) and block.format == fmt:
            yield block.text
        elif isinstance(block, Publication) and _mine(block, fmt) and block.origin is not None:
            yield block.origin.raw


def _record(pub: Publication, fmt: str, to_value: ToValue, layout: Layout) -> str:
    origin = pub.origin
    if origin is not None and origin.format == fmt and origin.raw:
        if pub.is_unchanged():
            return origin.raw
        node = load(origin.raw, [])[0]
        if isinstance(node, CommentedMap):
            like = plain(node)
            before = to_value(origin.as_read, like) if origin.as_read is not None else {}
            edit_node(node, before, to_value(pub, like))
            own = detect_layout(origin.raw, layout)
            return dump_item(node, own, origin.column - 1)
    return dump_item(to_node(to_value(pub, None)), layout)


def _write_whole(bib: Bibliography, fmt: str, to_value: ToValue) -> str:
    """A file that could not be cut: unchanged -> as read; else re-dumped whole by ruamel."""
    document = next(
        b for b in bib.blocks if isinstance(b, Verbatim) and b.format == fmt and b.kind == DOCUMENT
    )
    pubs = bib.publications
    mine = [p for p in pubs if _mine(p, fmt)]
    if len(mine) == len(pubs) and all(p.is_unchanged() for p in mine):
        originals = [p.origin.line if p.origin else 0 for p in mine]
        if originals == sorted(originals):
            return document.text
    root = load(document.text, [])
    seq, _ = find_list(root, "references")
    if seq is None:  # pragma: no cover - the reader made it a document only when it had a list
        seq = CommentedSeq()
    old = list(seq)
    by_place = {_place(seq, i): i for i in range(len(seq))}
    fresh = CommentedSeq()
    for pub in pubs:
        origin = pub.origin
        read_here = origin is not None and _mine(pub, fmt)
        place = (origin.line, origin.column) if origin is not None else None
        index = by_place.get(place) if place is not None and read_here else None
        if index is not None and origin is not None and isinstance(old[index], CommentedMap):
            node = old[index]
            if not pub.is_unchanged() and origin.as_read is not None:
                like = plain(node)
                edit_node(node, to_value(origin.as_read, like), to_value(pub, like))
            fresh.append(node)
        else:
            fresh.append(to_node(to_value(pub, None)))
    if isinstance(root, CommentedMap):
        root["references"] = fresh
    else:
        root = fresh
    layout = detect_layout(document.text)
    yaml = _yaml()
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.width = layout.width
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    text = buffer.getvalue()
    return text.replace("\n", layout.newline) if layout.newline != "\n" else text
