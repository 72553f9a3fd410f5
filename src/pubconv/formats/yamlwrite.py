"""Writing a YAML record list back: edited records re-dumped alone, new ones placed by year.

The other half of :mod:`pubconv.formats.yamllist` (which reads and cuts the file).  Blocks read
from the file come back as they were; an edited record is re-dumped from its own round-trip node
(:func:`edit_node` keeps what did not change); records from elsewhere are dumped in the file's
layout (:func:`detect_layout`) where their year belongs.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from pubconv.formats.yamllist import (
    DOCUMENT,
    find_list,
    load,
    new_yaml,
    place,
    plain,
    split_front_matter,
)
from pubconv.model import Bibliography, Publication, Verbatim

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
    yaml = new_yaml()
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
    if any(isinstance(b, Verbatim) and b.format == fmt and b.kind == DOCUMENT for b in bib.blocks):
        return _write_whole(bib, fmt, to_value)
    source = "".join(_texts(bib, fmt))
    layout = detect_layout(source) if source else Layout()
    last_mine = max(
        (i for i, b in enumerate(bib.blocks) if isinstance(b, Publication) and _mine(b, fmt)),
        default=-1,
    )
    own = last_mine >= 0 or any(isinstance(b, Verbatim) and b.format == fmt for b in bib.blocks)
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
    yaml_text, rest = split_front_matter(document.text, "references")
    root = load(yaml_text, [])
    seq, _ = find_list(root, "references")
    if seq is None:  # pragma: no cover - the reader made it a document only when it had a list
        seq = CommentedSeq()
    old = list(seq)
    by_place = {place(seq, i): i for i in range(len(seq))}
    fresh = CommentedSeq()
    for pub in pubs:
        origin = pub.origin
        read_here = origin is not None and _mine(pub, fmt)
        where = (origin.line, origin.column) if origin is not None else None
        index = by_place.get(where) if where is not None and read_here else None
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
    yaml = new_yaml()
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.width = layout.width
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    text = buffer.getvalue()
    if yaml_text.startswith("---") and not text.startswith("---"):
        text = "---\n" + text
    text = text.replace("\n", layout.newline) if layout.newline != "\n" else text
    return text + rest
