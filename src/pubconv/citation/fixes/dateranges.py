"""Date ranges as CSL 1.0.2 "Date Ranges" shows them: ``March 5–9, 2001``, ``5–9 March 2001``,
``May–July 2008``, ``May 2008/June 2009``.

The date parts the two dates share are printed once, where the date format puts them; the
parts from the largest one that differs down to the day are printed for both dates, joined by
the ``range-delimiter`` of "the cs:date-part element matching the largest date part ("year",
"month", or "day") that differs between the two dates" (an en dash by default).  At that seam
the first date's last part drops its suffix and the second date's first part its prefix
(``03/05–09/2001``, ``2001-3–5``, as citeproc-js prints them).

citeproc-py printed the differing parts of both dates first and the shared ones after them
whatever the format's order (``5,–9, March 2001`` for ``March 5–9, 2001``), printed nothing
at all when the two dates were equal or differed only in a part the format does not show
(``date-parts="year-month"`` on a range of days), and lost the range delimiter's place.
"""

from __future__ import annotations

from typing import Any

from citeproc.source import VariableError

from pubconv.citation.fixes.ordinals import day_ordinal
from pubconv.citation.fixes.plans import in_locale
from pubconv.citation.fixes.state import CSL_NS

_UNITS = ("year", "month", "day")
_SEASON_MONTHS = range(21, 25)
"""CSL-JSON writes a season as month 21 to 24 (spring to winter)."""


def _value(date: Any, unit: str) -> Any:
    try:
        return getattr(date, unit)
    except (AttributeError, KeyError, VariableError):
        return None


def _season(date: Any) -> int | None:
    """The season (1-4) of ``date`` when it has one instead of a month, else None."""
    month = _value(date, "month")
    if isinstance(month, int) and month in _SEASON_MONTHS:
        return month - 20
    season = _value(date, "season")
    return season if isinstance(season, int) and 1 <= season <= 4 else None


def _part_text(part: Any, date: Any, context: Any) -> Any:
    """What ``part`` shows of ``date`` before formatting and affixes, or None.

    A season takes the month's place as its term, "season-01" to "-04" ("Seasons"), in a
    numeric month form too (``Summer/2001``; ja-JP's text format has a numeric month, and the
    season must not vanish), as citeproc-js prints a ``season``.  An ordinal day
    takes its month's gender (:mod:`.ordinals`), also where the part is a locale's."""
    season = _season(date) if part.get("name") == "month" else None
    try:
        text = part.process(date, context)  # also merges the style's date-part attributes
    except (AssertionError, ValueError, TypeError):
        # citeproc-py asserts on a season in a numeric month form, and fails on a part that is
        # no number (``"day": "x"``): the part is not shown, the rest of the date and entry is
        text = None
    if season is not None:
        form = "short" if part.get("form") == "short" else None
        return (context if context is not None else part).get_single_term(
            f"season-{season:02}", form
        )
    ordinal = part.get("name") == "day" and part.get("form") == "ordinal"
    if (
        ordinal
        and isinstance(_value(date, "day"), int)
        and text is not None
        and str(text) != str(date.day)
    ):
        return day_ordinal(date, part if context is None else context)
    return text


def render_part(part: Any, date: Any, context: Any, affix: str = "") -> Any:
    """``part`` of ``date``, formatted, with its affixes but ``affix`` (at a range's seam); None
    when the date lacks that part."""
    try:
        text = _part_text(part, date, context)
    except VariableError:
        return None
    if text is None or str(text) == "":
        return None
    kept = part.attrib.pop(affix) if affix and part.get(affix) is not None else None
    try:
        return part.markup(text)
    finally:
        if kept is not None:
            part.attrib[affix] = kept


def _joiner(date_element: Any, context: Any) -> Any:
    """The element whose ``join`` puts a date's parts together (the style's ``cs:date`` for a
    locale's date format, as citeproc-py does)."""
    return context if context is not None and in_locale(date_element) else date_element


def _parts(date_element: Any, show_parts: Any) -> list[Any]:
    shown = list(show_parts) if show_parts is not None else list(_UNITS)
    return [p for p in date_element.iterchildren() if p.get("name") in shown]


def render_single(date_element: Any, date: Any, show_parts: Any, context: Any) -> Any:
    """One date by ``date_element``'s parts (those in ``show_parts``), or None."""
    rendered = [render_part(p, date, context) for p in _parts(date_element, show_parts)]
    kept = [r for r in rendered if r is not None]
    return _joiner(date_element, context).join(kept) if kept else None


def _seamed(span: list[Any], date: Any, context: Any, affix: str) -> list[Any]:
    """``span``'s parts of ``date``, the one nearest the range delimiter (the last rendered
    for the ``suffix``, the first for the ``prefix``) without that affix."""
    rendered = [render_part(p, date, context) for p in span]
    shown = [i for i, text in enumerate(rendered) if text is not None]
    if shown:
        at = shown[-1] if affix == "suffix" else shown[0]
        rendered[at] = render_part(span[at], date, context, affix)
    return rendered


def _range_delimiter(elements: tuple[Any, ...], unit: str) -> str:
    """The ``range-delimiter`` of the ``cs:date-part`` for ``unit`` in the first of ``elements``
    that sets one (the style's ``cs:date``, then a locale's format), else an en dash."""
    for element in elements:
        if element is None:
            continue
        for part in element.findall(f"{{{CSL_NS}}}date-part"):
            if part.get("name") == unit and part.get("range-delimiter"):
                return str(part.get("range-delimiter"))
    return "\u2013"


def render_range(date_element: Any, date_range: Any, show_parts: Any, context: Any) -> Any:
    """``date_range`` (both ends set) by ``date_element``'s date parts; None when nothing shows.

    ``date_element`` is the ``cs:date`` whose ``cs:date-part`` children give the order (the
    locale's for a localized date, called with the style's ``cs:date`` as ``context``)."""
    parts = _parts(date_element, show_parts)
    begin, end = date_range.begin, date_range.end
    names = {str(p.get("name")) for p in parts}
    largest = next((u for u in _UNITS if u in names and _value(begin, u) != _value(end, u)), None)
    if largest is None:  # equal where the format looks: one date
        return render_single(date_element, begin, show_parts, context)
    joiner = _joiner(date_element, context)
    differing = set(_UNITS[_UNITS.index(largest) :])
    at = [i for i, p in enumerate(parts) if p.get("name") in differing]
    first, last = at[0], at[-1]
    span = parts[first : last + 1]
    start = _seamed(span, begin, context, "suffix")
    stop = _seamed(span, end, context, "prefix")
    if all(s is None for s in stop):  # the end lacks these parts (``2001-05/2001``): no seam
        start = [render_part(p, begin, context) for p in span]
    if all(s is None for s in start):
        stop = [render_part(p, end, context) for p in span]
    start_text = joiner.join([s for s in start if s is not None])
    stop_text = joiner.join([s for s in stop if s is not None])
    pieces = [render_part(p, begin, context) for p in parts[:first]]
    if str(start_text) and str(stop_text):
        delimiter = _range_delimiter((context, date_element), largest)
        pieces.append(start_text + delimiter + stop_text)
    else:
        pieces.append(start_text if str(start_text) else stop_text)
    pieces.extend(render_part(p, end, context) for p in parts[last + 1 :])
    kept = [p for p in pieces if p is not None and str(p) != ""]
    return joiner.join(kept) if kept else None
