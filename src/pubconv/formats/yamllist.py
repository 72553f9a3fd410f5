"""A YAML file that holds a list of records, read so that every record keeps its exact text.

The YAML layouts (``labsite``, ``publist``, ``cslyaml``) share this.  ruamel.yaml's round-trip
loader (safe: it builds only maps, lists and scalars, never Python objects) gives the line of each
list item; the text is cut at those lines into record chunks and the gaps between them (headers,
comments, commented-out entries, blank lines, ``...``), so that :mod:`.yamlwrite` can give an
unchanged file back byte for byte and re-dump an edited record alone.

When the cut cannot be trusted (a flow-style list, a block scalar whose lines look like comments)
each chunk is checked by parsing it alone; if any fails, the file is one ``document`` block and a
changed file is re-dumped whole by ruamel.yaml.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

MAX_NODES = 2_000_000
"""Plain values may not expand (through YAML aliases) past this many nodes: a billion-laughs
file is an error, not an out-of-memory."""

_FAST_LOADER: Any = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)

DOCUMENT = "document"
"""Verbatim kind of a whole file that could not be cut into record chunks."""


class ListError(Exception):
    """The text is not YAML, or not a list of records; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def new_yaml(duplicates: bool = False) -> YAML:
    """A safe round-trip loader/dumper that keeps quoting."""
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
        return new_yaml().load(text)
    except DuplicateKeyError as exc:
        if notes is None:
            raise _located(exc) from None
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = f"{exc.problem}; pubconv reads the first value (Jekyll shows the last)"
        notes.append(ListError(message, line, column))
        try:
            return new_yaml(duplicates=True).load(text)
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


_CLOSE = re.compile(r"(?m)^(?:---|\.\.\.)[ \t]*\r?$")


def split_front_matter(text: str, key: str | None) -> tuple[str, str]:
    """A Markdown file's metadata block (``---`` ... ``---``, as ``pandoc -s -t markdown``
    writes ``references``) -> (the YAML, the closing line and the body); else ``(text, "")``.

    Only for a list under ``key``: a bare YAML list file is one YAML stream.
    """
    first = text.find("\n")
    if key is None or first < 0 or text[:first].strip() != "---":
        return text, ""
    match = _CLOSE.search(text, first + 1)
    if match is None:
        return text, ""
    return text[: match.start()], text[match.start() :]


def read_list(text: str, key: str | None = None) -> ListDoc:
    """Cut ``text`` into items of its record list (the root list, or the list under ``key``).

    An empty file is an empty list; anything else that holds no such list is a ``ListError``.
    """
    yaml_text, rest = split_front_matter(text, key)
    doc = _read_yaml(yaml_text, key)
    if rest:
        if doc.spliceable:
            doc.pieces.append(rest)
        doc.text = text
    return doc


def _read_yaml(text: str, key: str | None) -> ListDoc:
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
    cuts = [
        _split_tail(text[start : bounds[i + 1] if i + 1 < len(bounds) else end])
        for i, start in enumerate(bounds)
    ]
    raws = [raw for raw, _ in cuts]
    if not _chunks_ok(raws, values) and not all(map(_chunk_ok, raws, values)):
        return _whole(text, values, seq, notes)
    pieces: list[Item | str] = [text[: bounds[0]]] if bounds[0] else []
    for i, (start, (raw, gap)) in enumerate(zip(bounds, cuts, strict=True)):
        line_number = text.count("\n", 0, start) + 1
        pieces.append(Item(values[i], raw, line_number, dash_cols[i] + 1))
        if gap:
            pieces.append(gap)
    if end < len(text):
        pieces.append(text[end:])
    return ListDoc(pieces, True, text, notes)


def _chunks_ok(raws: list[str], values: list[Any]) -> bool:
    """The chunks, joined, are the same list (one parse by libyaml: the fast check).

    PyYAML reads YAML 1.1 (``yes`` is true), so a file where that differs fails this check and
    each chunk is then checked alone with ruamel.yaml (:func:`_chunk_ok`).
    """
    joined = "".join(raw if raw.endswith("\n") else raw + "\n" for raw in raws)
    try:
        loaded = pyyaml.load(joined, Loader=_FAST_LOADER)
    except (pyyaml.YAMLError, RecursionError, ValueError):
        return False
    if not isinstance(loaded, list) or len(loaded) != len(values):
        return False
    try:
        return [plain(v) for v in loaded] == values
    except ListError:
        return False


def _chunk_ok(raw: str, value: Any) -> bool:
    try:
        alone = load(raw, [])
    except ListError:
        return False
    return isinstance(alone, list) and len(alone) == 1 and plain(alone[0]) == value


def place(seq: CommentedSeq, index: int) -> tuple[int, int]:
    """1-based (line, column) where item ``index`` starts (its dash, for a block list)."""
    line, column = seq.lc.item(index)
    return line + 1, max(column - 1, 1)


def _whole(text: str, values: list[Any], seq: CommentedSeq, notes: list[ListError]) -> ListDoc:
    items: list[Item | str] = []
    for i, value in enumerate(values):
        line, column = place(seq, i)
        items.append(Item(value, "", line, column))
    return ListDoc(items, False, text, notes)
