"""CSL-JSON reader: a JSON array of items (or one item object) -> Bibliography.

The array is decoded item by item with ``raw_decode`` so that each item knows its line, keeps its
exact text for write-back, and a syntax error late in a file still leaves the items before it
read (the rest is kept verbatim with a located error).  Never raises on bad input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pubconv.errors import LineIndex, Severity, error, warning
from pubconv.formats.csljson import asread, limits
from pubconv.formats.csljson.checks import check_item, json_type
from pubconv.formats.csljson.mapping import csl_to_publication
from pubconv.model import Bibliography, Origin, Verbatim
from pubconv.registry import Source

FORMAT_NAME = "csljson"
_SPACE = " \t\r\n"


class _Decoder:
    """A ``JSONDecoder`` that notes keys repeated inside one object (JSON keeps the last)."""

    def __init__(self) -> None:
        self.repeated: list[str] = []
        self.json = limits.decoder(self._pairs)

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            seen: set[str] = set()
            self.repeated += [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        return out


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


class _FileReader:
    """State of one read: the database so far, ids seen, the current source."""

    def __init__(self) -> None:
        self.bib = Bibliography(source_format=FORMAT_NAME)
        self.first_seen: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.count = 0

    def diag(
        self,
        severity: Severity,
        message: str,
        path: str | None,
        at: tuple[int, int],
        key: str | None = None,
    ) -> None:
        make = error if severity is Severity.ERROR else warning
        self.bib.diagnostics.append(make(message, path, at[0], at[1], key))

    def keep_failed(
        self, source: Source, text: str, at: tuple[int, int], kind: str = "failed"
    ) -> None:
        origin = Origin(FORMAT_NAME, source.path, at[0], at[1], text)
        self.bib.blocks.append(Verbatim(FORMAT_NAME, text, kind, origin))

    def read(self, source: Source) -> None:
        text = source.text[1:] if source.text.startswith("\ufeff") else source.text
        index = LineIndex(text)
        decoder = _Decoder()
        pos = _skip(text, 0)
        if pos == len(text):
            self.diag(
                Severity.ERROR,
                "empty input: expected a JSON array of CSL items",
                source.path,
                (1, 1),
            )
            return
        if text[pos] == "{":
            self.item(source, text, index, decoder, pos, single=True)
            return
        if text[pos] != "[":
            where = index.position(pos)
            self.diag(
                Severity.ERROR, "expected a JSON array of CSL items ('[')", source.path, where
            )
            self.keep_failed(source, text, (1, 1))
            return
        pos = _skip(text, pos + 1)
        if text.startswith("]", pos):
            self.trailing(source, text, index, pos + 1)
            return
        while True:
            end = self.item(source, text, index, decoder, pos)
            if end is None:
                return
            pos = _skip(text, end)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
                continue
            if text.startswith("]", pos):
                self.trailing(source, text, index, pos + 1)
                return
            self.no_separator(source, text, index, pos)
            return

    def no_separator(self, source: Source, text: str, index: LineIndex, pos: int) -> None:
        """Neither ``,`` nor ``]`` after an item: an error, and the rest kept as it is."""
        where = index.position(pos)
        self.diag(
            Severity.ERROR,
            "invalid JSON: expected ',' or ']' after an item",
            source.path,
            where,
        )
        self.keep_failed(source, text[pos:], where)

    def trailing(self, source: Source, text: str, index: LineIndex, pos: int) -> None:
        pos = _skip(text, pos)
        if pos < len(text):
            where = index.position(pos)
            self.diag(
                Severity.ERROR, "invalid JSON: extra data after the array", source.path, where
            )
            self.keep_failed(source, text[pos:], where)

    def item(
        self,
        source: Source,
        text: str,
        index: LineIndex,
        decoder: _Decoder,
        pos: int,
        *,
        single: bool = False,
        decoded: tuple[Any, int] | None = None,
    ) -> int | None:
        """Read the item at ``pos``; its end offset, or ``None`` after a syntax error.

        ``decoded``: the item's value and end, already decoded by ``decoder`` (the streaming
        reader decodes first to learn whether its window holds the whole item).
        """
        start = index.position(pos)
        if decoded is not None:
            return self.accept(source, text, index, decoder, pos, start, decoded, single)
        decoder.repeated = []
        try:
            value, end = decoder.json.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            message, at = f"invalid JSON: {exc.msg}", self.at(exc, index)
        except limits.Refused as exc:
            hit = re.compile(exc.pattern).search(text, pos)
            message, at = f"invalid JSON: {exc}", index.position(hit.start()) if hit else start
        except RecursionError:
            message = f"invalid JSON: nested too deeply (CSL items nest at most {limits.MAX_DEPTH} levels)"
            at = start
        else:
            return self.accept(source, text, index, decoder, pos, start, (value, end), single)
        # the rest of the text is kept as read: nothing after a syntax error can be trusted
        self.diag(Severity.ERROR, message, source.path, at)
        self.keep_failed(source, text[pos:], start)
        return None

    def at(self, exc: json.JSONDecodeError, index: LineIndex) -> tuple[int, int]:
        """Where a syntax error is: ``json``'s own line and column (the text is the whole file)."""
        del index
        return exc.lineno, exc.colno

    def accept(
        self,
        source: Source,
        text: str,
        index: LineIndex,
        decoder: _Decoder,
        pos: int,
        start: tuple[int, int],
        decoded: tuple[Any, int],
        single: bool,
    ) -> int | None:
        """Check the decoded item at ``pos`` and add it (or its located errors) to the database."""
        value, end = decoded
        raw = text[pos:end]
        depth, surrogates = 0, list[str]()
        if not limits.is_clean(raw):  # most items: nothing to replace, nesting shallow
            value, depth, surrogates = limits.clean(value)
        if depth > limits.MAX_DEPTH:
            msg = f"item nested more than {limits.MAX_DEPTH} levels deep; a CSL item needs 4"
            self.diag(Severity.ERROR, msg, source.path, start)
            self.keep_failed(source, text[pos:end], start)
            return end
        if single:
            self.trailing(source, text, index, end)
            if not (isinstance(value, dict) and ("id" in value or "type" in value)):
                msg = "expected a JSON array of CSL items (or one item with 'id' and 'type')"
                self.diag(Severity.ERROR, msg, source.path, start)
                self.keep_failed(source, text[pos:end], start)
                return None
        self.count += 1
        if not isinstance(value, dict):
            msg = f"item {self.count} must be a JSON object, not {json_type(value)}"
            self.diag(Severity.ERROR, msg, source.path, start)
            self.keep_failed(source, raw, start)
            return end
        failed = False
        for problem in check_item(value):
            at = start
            if problem.key is not None:
                found = raw.find(f'"{problem.key}"')
                at = index.position(pos + found) if found >= 0 else start
            self.diag(problem.severity, problem.message, source.path, at, _text_id(value))
            failed = failed or problem.severity is Severity.ERROR
        for name in surrogates:
            found = raw.find(f'"{name}"') if name else -1
            at = index.position(pos + found) if found >= 0 else start
            msg = "lone surrogate (\\ud800-\\udfff: half a character) replaced with U+FFFD"
            self.diag(Severity.WARNING, msg, source.path, at, _text_id(value))
        for name in dict.fromkeys(decoder.repeated):
            found = raw.rfind(f'"{name}"')
            at = index.position(pos + found) if found >= 0 else start
            msg = f"key {name!r} is repeated in one object; the last value is used, as JSON readers do"
            self.diag(Severity.WARNING, msg, source.path, at, _text_id(value))
        if failed:
            self.keep_failed(source, raw, start)
            return end
        key = _text_id(value) or ""
        if "id" not in value:
            key = self.fresh_key()
            msg = f"item {self.count} has no 'id'; it is read with key {key!r} and written back without one"
            self.diag(Severity.WARNING, msg, source.path, start, key)
        where = f"{source.path or '<input>'}:{start[0]}:{start[1]}"
        if key in self.first_seen:
            msg = f"duplicate id {key!r} (first at {self.first_seen[key]}); the first item is used"
            self.diag(Severity.WARNING, msg, source.path, start, key)
            self.keep_failed(source, raw, start, kind="duplicate")
            return end
        folded = key.casefold()
        if folded in self.folded and self.folded[folded] != key:
            msg = f"ids {self.folded[folded]!r} and {key!r} differ only by case (BibTeX keys would clash)"
            self.diag(Severity.WARNING, msg, source.path, start, key)
        self.folded.setdefault(folded, key)
        self.first_seen[key] = where
        deferred = asread.as_written_deferred()
        pub = csl_to_publication(value, key=key, defer_as_written=deferred)
        # with_origin without its two copies: the record is its own as-read snapshot (origin
        # is not compared, and any edit makes a new record that still points at this one)
        origin = Origin(FORMAT_NAME, source.path, start[0], start[1], raw, pub)
        object.__setattr__(pub, "origin", origin)
        if deferred:
            asread.keep(origin, value)  # for citation.csl.to_csl, which wants it again
        self.bib.blocks.append(pub)
        return end

    def fresh_key(self) -> str:
        number = self.count
        key = f"item-{number}"
        while key in self.first_seen:
            number += 1
            key = f"item-{number}"
        return key


def _text_id(item: dict[str, Any]) -> str | None:
    value = item.get("id")
    if isinstance(value, str) or (isinstance(value, int | float) and not isinstance(value, bool)):
        return str(value)
    return None


def read(sources: Sequence[Source]) -> Bibliography:
    """Read every source as one database (ids are unique across all of them)."""
    reader = _FileReader()
    for source in sources:
        reader.read(source)
    return reader.bib
