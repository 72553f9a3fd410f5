"""CSL date objects (``{"date-parts": [[2024, 7]]}``, ranges, ``literal``, ``raw``) <-> PartialDate.

``season``, ``circa`` and string-typed parts (``["2014"]``) have no model home; the mapping keeps
the object as written for CSL write-back (see ``mapping``), so only the date itself lives here.
"""

from __future__ import annotations

from typing import Any

from pubconv.model import PartialDate


def _part(value: Any) -> int:
    """One date part: an int, or a string of digits (``"2014"``) as Zotero exports write them."""
    if isinstance(value, bool):
        raise ValueError(f"date part {value!r} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] == "-" else text
        if digits.isascii() and digits.isdigit():
            return int(text)
    raise ValueError(f"date part {value!r} is not a number")


def _parts(value: Any) -> PartialDate:
    if not isinstance(value, list) or not 1 <= len(value) <= 3:
        raise ValueError("each date-parts element must be a list of 1 to 3 numbers")
    numbers = [_part(v) for v in value]
    numbers += [None] * (3 - len(numbers))  # type: ignore[list-item]
    return PartialDate(numbers[0], numbers[1], numbers[2])


def parse_text(text: str) -> PartialDate:
    """``2024``, ``2024-07``, ``2024-07-05`` or a range ``2020/2021``; anything else is a literal."""
    start, sep, end = text.partition("/")
    try:
        first = _parts(start.split("-")) if start else None
        last = _parts(end.split("-")) if sep else None
    except ValueError:
        first = None
    if first is None:
        return PartialDate(literal=text)
    if sep and last is not None:
        return PartialDate(first.year, first.month, first.day, end=last)
    return first


def to_text(date: PartialDate) -> str | None:
    """The inverse of :func:`parse_text` when the date is plain (no literal), else ``None``."""
    if date.literal is not None or date.year is None:
        return None
    text = date.iso()
    if date.end is not None:
        end = to_text(date.end)
        if end is None or date.end.end is not None:
            return None
        text += "/" + end
    return text if parse_text(text) == date else None


def from_csl(value: Any) -> PartialDate:
    """A CSL date value -> PartialDate; ``ValueError`` when its shape is wrong.

    >>> from_csl({"date-parts": [["2012", 5]]})
    PartialDate(year=2012, month=5, day=None, literal=None, end=None)
    """
    if isinstance(value, str):
        return parse_text(value)
    if not isinstance(value, dict):
        raise ValueError("a date must be an object with date-parts")
    literal = value.get("literal")
    if literal is not None and not isinstance(literal, str):
        raise ValueError("date literal must be a string")
    parts = value.get("date-parts")
    if parts is None:
        raw = value.get("raw")
        if isinstance(raw, str) and literal is None:
            return parse_text(raw)
        return PartialDate(literal=literal)
    if not isinstance(parts, list) or len(parts) > 2:
        raise ValueError("date-parts must be a list of one or two lists")
    if not parts or parts == [[]]:
        return PartialDate(literal=literal)
    first = _parts(parts[0])
    end = _parts(parts[1]) if len(parts) == 2 else None
    return PartialDate(first.year, first.month, first.day, literal, end)


def _date_parts(date: PartialDate) -> list[int]:
    parts = [date.year, date.month, date.day]
    while parts and parts[-1] is None:
        parts.pop()
    return [p if p is not None else 0 for p in parts]


def to_csl(date: PartialDate) -> dict[str, Any]:
    """PartialDate -> CSL date object, e.g. ``{"date-parts": [[2024, 7]]}``."""
    out: dict[str, Any] = {}
    if date.year is not None:
        ranges = [_date_parts(date)]
        if date.end is not None and date.end.year is not None:
            ranges.append(_date_parts(date.end))
        out["date-parts"] = ranges
    if date.literal is not None:
        out["literal"] = date.literal
    return out
