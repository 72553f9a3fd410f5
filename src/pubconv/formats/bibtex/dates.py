"""Dates: BibTeX ``year``/``month``/``day`` and BibLaTeX ``date`` (ISO 8601, ranges) <-> PartialDate.

Only forms that come back exactly are produced by :func:`date_field`; anything a reader cannot
parse stays a literal (``year = {in press}``) or, for a month, is reported and kept verbatim.
"""

from __future__ import annotations

from pubconv.formats.bibtex.values import MONTH_MACROS, MONTH_NAMES
from pubconv.model import PartialDate

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
    _MONTHS[_name[:3].lower() + "."] = _number
_MONTHS["sept"] = _MONTHS["sept."] = 9


def parse_month(text: str) -> tuple[int, int | None] | None:
    """``apr``/``April``/``4``/``Apr.``/``July~15`` -> ``(month, day)``; ``None`` if unknown."""
    value = text.strip().replace("~", " ").lower()
    if value.isdigit():
        number = int(value)
        return (number, None) if 1 <= number <= 12 else None
    month = _MONTHS.get(value)
    if month is not None:
        return month, None
    head, _, tail = value.partition(" ")
    tail = tail.strip().rstrip(",")
    month = _MONTHS.get(head.rstrip(","))
    if month is not None and tail.isdigit() and 1 <= int(tail) <= 31:
        return month, int(tail)
    return None


def parse_year(text: str) -> int | None:
    """``2024`` -> 2024; anything else (``2024a``, ``in press``) -> ``None``."""
    value = text.strip()
    if value.isdigit() and len(value) <= 4:
        return int(value)
    if value.startswith("-") and value[1:].isdigit() and len(value) <= 5:
        return int(value)
    return None


def _parse_iso(text: str) -> PartialDate | None:
    """``2024``, ``2024-07``, ``2024-07-05`` (no time of day, no uncertainty marks)."""
    pieces = text.split("-")
    if not 1 <= len(pieces) <= 3 or not all(p.isdigit() for p in pieces):
        return None
    if len(pieces[0]) != 4 or any(len(p) != 2 for p in pieces[1:]):
        return None
    numbers = [int(p) for p in pieces]
    if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
        return None
    if len(numbers) > 2 and not 1 <= numbers[2] <= 31:
        return None
    return PartialDate(
        numbers[0],
        numbers[1] if len(numbers) > 1 else None,
        numbers[2] if len(numbers) > 2 else None,
    )


def parse_date(text: str) -> PartialDate:
    """BibLaTeX ``date``: ``2024-07-05``, ``2020/2021``, ``2020-05/2020-06``; else a literal."""
    value = text.strip()
    start_text, sep, end_text = value.partition("/")
    start = _parse_iso(start_text)
    if start is None:
        return PartialDate(literal=value)
    if not sep:
        return start
    if end_text == "":
        return PartialDate(start.year, start.month, start.day, end=PartialDate(literal=""))
    end = _parse_iso(end_text)
    if end is None:
        return PartialDate(literal=value)
    return PartialDate(start.year, start.month, start.day, end=end)


def format_date(date: PartialDate) -> str | None:
    """``date`` as a BibLaTeX ``date`` value, or ``None`` when it has no ISO form."""
    if date.year is None or date.literal is not None or not 0 <= date.year <= 9999:
        return None
    if date.day is not None and date.month is None:
        return None
    text = date.iso()
    if date.end is not None:
        if date.end.literal == "" and date.end.year is None:
            return text + "/"
        if date.end.literal is not None or date.end.end is not None:
            return None
        end = format_date(date.end)
        if end is None:
            return None
        text += "/" + end
    return text


def needs_date_field(date: PartialDate) -> bool:
    """True when ``year``/``month`` cannot say it all (a day, a range)."""
    return date.day is not None or date.end is not None


def month_macro(month: int) -> str:
    """``7`` -> ``jul`` (written bare, as BibTeX styles expect)."""
    return MONTH_MACROS[month - 1]
