"""CSL 1.0.2 "Sorting", values of variables called by ``cs:key variable``.

"dates: ... In the case of date ranges, the start date is used for the primary sort, and the
end date is used for a secondary sort, e.g. "2000–2001, 2000–2005, 2002–2003, 2002–2009".  Date
ranges are placed after single dates when they share the same (start) date, e.g. "2000,
2000–2002"."  "numbers: Number variables called via the variable attribute are returned as
integers"; numeric content may have prefixes and suffixes ("2b", "D2")."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pubconv.citation.sorting import collation_key

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style


def _order(tmp_path: Path, sort: str, items: list[dict[str, Any]]) -> list[str]:
    tmp_path.mkdir(exist_ok=True)
    path = style(tmp_path, '<text variable="title"/>', sort=sort)
    return render(path, [{"type": "book", **item} for item in items])


def _dated(title: str, *dates: list[int]) -> dict[str, Any]:
    return {"id": title, "title": title, "issued": {"date-parts": [list(d) for d in dates]}}


def test_date_ranges_by_start_then_end_after_single_dates(tmp_path: Path) -> None:
    items = [
        _dated("2002-2009", [2002], [2009]),
        _dated("2000-2005", [2000], [2005]),
        _dated("May 2000", [2000, 5]),
        _dated("2002-2003", [2002], [2003]),
        _dated("2000", [2000]),
        _dated("2000-2001", [2000], [2001]),
    ]
    sort = '<sort><key variable="issued"/></sort>'
    expected = ["2000", "2000-2001", "2000-2005", "May 2000", "2002-2003", "2002-2009"]
    assert _order(tmp_path, sort, items) == expected
    descending = '<sort><key variable="issued" sort="descending"/></sort>'
    assert _order(tmp_path / "desc", descending, items) == expected[::-1]


def test_numbers_with_a_prefix_or_suffix_sort_by_their_number(tmp_path: Path) -> None:
    items = [
        {"id": t, "title": t, "volume": v}
        for t, v in (("ten", "10"), ("two-b", "2b"), ("nine", "9"), ("text", "x"), ("d3", "D3"))
    ]
    sort = '<sort><key variable="volume"/><key variable="title"/></sort>'
    assert _order(tmp_path, sort, items) == ["two-b", "d3", "nine", "ten", "text"]


def test_superscript_digits_sort_as_text_not_as_a_number() -> None:
    """A key of digits compares as a number only when every character is a decimal digit:
    ``²`` is a digit to ``str.isdigit`` but not a number (``int`` refused it and the whole
    run failed); it sorts as text, after the numbers, and a range needs two decimal numbers."""
    assert collation_key("12") < collation_key("12-14") < collation_key("13")
    assert collation_key("²")[0] == 1
    assert collation_key("1²-3")[0] == 1
    assert sorted(["²", "10", "2"], key=collation_key) == ["2", "10", "²"]
