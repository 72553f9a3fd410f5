"""CSL 1.0.2 "Date Ranges", "Seasons" and localized dates.

"When a date range is rendered, the range delimiter is drawn from the cs:date-part element
matching the largest date part ("year", "month", or "day") that differs between the two dates",
with the specification's example: "1-4 May 2008", "May–July 2008" and "May 2008/June 2009".  The
parts both dates share are printed once, where the date format puts them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import style
from pubconv.citation.engine import render_csl

SPEC_EXAMPLE = (
    '<date variable="issued">'
    '<date-part name="day" suffix=" " range-delimiter="-"/>'
    '<date-part name="month" suffix=" "/>'
    '<date-part name="year" range-delimiter="/"/></date>'
)


def _dates(
    tmp_path: Path, layout: str, dates: list[dict[str, Any]], locale: str = "en-US"
) -> list[str]:
    """Each of ``dates`` (``issued`` values) rendered by ``layout``, in order."""
    items = [{"id": f"{n:03}", "type": "book", "issued": d} for n, d in enumerate(dates)]
    path = style(tmp_path, layout, name=f"s{abs(hash(layout))}")
    keys = [i["id"] for i in items]
    entries = render_csl(items, keys, str(path), locale, "text", cache=False, jobs=1)
    return [e.text for e in sorted(entries, key=lambda e: e.key)]


def _parts(*dates: list[int]) -> dict[str, Any]:
    return {"date-parts": [list(d) for d in dates]}


def test_the_specifications_example(tmp_path: Path) -> None:
    dates = [
        _parts([2008, 5, 1], [2008, 5, 4]),
        _parts([2008, 5], [2008, 7]),
        _parts([2008, 5], [2009, 6]),
    ]
    assert _dates(tmp_path, SPEC_EXAMPLE, dates) == [
        "1-4 May 2008",
        "May\u2013July 2008",
        "May 2008/June 2009",
    ]


def test_shared_parts_stay_where_the_format_puts_them(tmp_path: Path) -> None:
    """en-US's text format is month, day, year: the shared month comes first, the shared
    year last; the day's ``, `` suffix faces the year, not the delimiter."""
    layout = '<date variable="issued" form="text"/>'
    dates = [
        _parts([2001, 3, 5], [2001, 3, 9]),
        _parts([2001, 3, 5], [2001, 5, 9]),
        _parts([2001, 11, 30], [2002, 1, 2]),
    ]
    assert _dates(tmp_path, layout, dates) == [
        "March 5\u20139, 2001",
        "March 5\u2013May 9, 2001",
        "November 30, 2001\u2013January 2, 2002",
    ]


def test_affixes_at_the_seam_are_left_out(tmp_path: Path) -> None:
    """The first date's last part drops its suffix, the second's first part its prefix."""
    layout = (
        '<date variable="issued">'
        '<date-part name="year"/><date-part name="month" form="numeric" prefix="-"/></date>'
    )
    assert _dates(tmp_path, layout, [_parts([2001, 3], [2001, 5])]) == ["2001-3\u20135"]
    numeric = (
        '<date variable="issued" form="numeric"/>'  # en-US: MM/DD/YYYY by suffixes, leading zeros
    )
    assert _dates(tmp_path, numeric, [_parts([2001, 3], [2001, 5])]) == ["03\u201305/2001"]


def test_a_range_equal_where_the_format_looks_is_one_date(tmp_path: Path) -> None:
    """Both ends equal, or differing only in a part ``date-parts`` hides: one date, not an
    empty one."""
    dates = [_parts([2001, 1, 1], [2001, 1, 1]), _parts([2001, 3, 5], [2001, 3, 9])]
    text = '<date variable="issued" form="text"/>'
    assert _dates(tmp_path, text, dates[:1]) == ["January 1, 2001"]
    year_month = '<date variable="issued" form="text" date-parts="year-month"/>'
    assert _dates(tmp_path, year_month, dates[1:]) == ["March 2001"]


def test_seasons_take_the_place_of_the_month(tmp_path: Path) -> None:
    """ "a season term ("season-01" to "season-04", respectively Spring, Summer, Autumn and
    Winter) take the place of the month term"; CSL-JSON writes seasons as months 21-24 (or
    as ``season``).  In a numeric month form too: the season is not lost."""
    dates = [_parts([2001, 21]), _parts([2001, 23]), {"date-parts": [[2001]], "season": 2}]
    text = '<date variable="issued" form="text"/>'
    assert _dates(tmp_path, text, dates) == ["Spring 2001", "Autumn 2001", "Summer 2001"]
    numeric = '<date variable="issued"><date-part name="month" form="numeric" suffix="/"/>'
    numeric += '<date-part name="year"/></date>'
    assert _dates(tmp_path, numeric, dates[:1]) == ["Spring/2001"]


def test_localized_day_ordinal_agrees_with_the_month(tmp_path: Path) -> None:
    """A localized format whose day the style asks as an ordinal: fr-FR's months are
    masculine, so the first is ``1ᵉʳ`` (the parts are the locale's, not the style's)."""
    layout = '<date variable="issued" form="text"><date-part name="day" form="ordinal"/></date>'
    dates = [_parts([2004, 10, 1]), _parts([2004, 10, 1], [2004, 10, 14])]
    assert _dates(tmp_path, layout, dates, "fr-FR") == [
        "1\u1d49\u02b3 octobre 2004",
        "1\u1d49\u02b3\u201314 octobre 2004",
    ]


def test_raw_dates_are_read(tmp_path: Path) -> None:
    """CSL-JSON's ``raw`` date form is read as a date; one that is no date is printed as it
    is written, never dropped."""
    dates = [{"raw": "2001-03-05"}, {"raw": "2001-03/2001-05"}, {"raw": "circa spring 1999"}]
    layout = '<date variable="issued" form="text"/>'
    assert _dates(tmp_path, layout, dates) == [
        "March 5, 2001",
        "March\u2013May 2001",
        "circa spring 1999",
    ]


def test_odd_dates_never_fail_the_bibliography(tmp_path: Path) -> None:
    """Items are untrusted: a season outside 1-4, a day that is no number, an end with fewer
    parts or an empty raw date print what can be printed (citeproc-py's assertion or
    ``int()`` error failed the whole run)."""
    layout = '<group delimiter=" | "><date variable="issued" form="numeric"/>'
    layout += '<date variable="issued" form="text"/><text variable="title"/></group>'
    dates = [
        {"date-parts": [[2001]], "season": 9},
        {"date-parts": [[2001, 3, "x"]]},
        {"date-parts": [[2001, 5], [2001]]},
        {"raw": ""},
    ]
    items = [{"id": f"{n}", "type": "book", "title": "T", "issued": d} for n, d in enumerate(dates)]
    path = style(tmp_path, layout)
    entries = render_csl(items, [i["id"] for i in items], str(path), cache=False, jobs=1)
    texts = [e.text for e in sorted(entries, key=lambda e: e.key)]
    assert texts[0] == "2001 | 2001 | T"
    assert texts[1].startswith("03/") and texts[1].endswith("/2001 | March x, 2001 | T")
    assert texts[2] == "05/2001 | May 2001 | T"
    assert texts[3] == "T"
