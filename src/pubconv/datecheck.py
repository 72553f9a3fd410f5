"""Dates that cannot exist (``2020-13-45``, ``2020-02-30``, year ``-50000``), found after reading.

Readers keep such a date as written (nothing is lost); :func:`date_warnings` names each one with
a located warning, whatever format it came from, so that a typo does not pass without a word.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import Final

from pubconv.errors import Diagnostic
from pubconv.model import PartialDate, Publication

YEARS: Final = range(-9999, 10000)
"""Years a date may have: four digits either side of year 0, as ISO 8601 and EDTF write them."""


def impossible(date: PartialDate) -> str | None:
    """Why ``date`` cannot exist, or ``None`` when it can (a range checks both ends)."""
    if date.year is not None and date.year not in YEARS:
        return f"year {date.year} is out of range ({YEARS.start}..{YEARS.stop - 1})"
    if date.month is not None and not 1 <= date.month <= 12:
        return f"month {date.month} is not 1-12"
    if date.day is not None:
        if date.month is None:
            return f"day {date.day} without a month"
        year = date.year if date.year is not None and 1 <= date.year <= 9999 else 2000
        last = calendar.monthrange(year, date.month)[1]
        if not 1 <= date.day <= last:
            return f"day {date.day} does not exist in {calendar.month_name[date.month]}"
    if date.end is not None:
        return impossible(date.end)
    return None


def date_warnings(pubs: Iterable[Publication]) -> list[Diagnostic]:
    """A located warning for each publication whose ``issued`` date cannot exist."""
    notes: list[Diagnostic] = []
    for pub in pubs:
        why = impossible(pub.issued) if pub.issued is not None else None
        if why is not None:
            assert pub.issued is not None
            notes.append(
                pub.warning(
                    f"{pub.key}: impossible date {pub.issued.iso()!r}: {why}; kept as written"
                )
            )
    return notes
