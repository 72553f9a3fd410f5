"""CSL 1.0.2 date ranges: "range-delimiter ... the delimiter for date ranges (defaults to an
en-dash) ... only the range-delimiter of the largest date part that differs is used"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

LAYOUT = (
    '<date variable="issued" delimiter=" ">'
    '<date-part name="day" range-delimiter="/"/>'
    '<date-part name="month" range-delimiter=" to "/>'
    '<date-part name="year"/></date>'
)


def _range(tmp_path: Path, begin: list[int], end: list[int]) -> str:
    item = {"id": "a", "type": "book", "issued": {"date-parts": [begin, end]}}
    return render(style(tmp_path, LAYOUT), [item])[0]


def test_days_differ(tmp_path: Path) -> None:
    assert _range(tmp_path, [1999, 1, 2], [1999, 1, 4]) == "2/4 January 1999"


def test_months_differ(tmp_path: Path) -> None:
    assert _range(tmp_path, [1999, 1, 2], [1999, 3, 4]) == "2 January to 4 March 1999"


def test_years_differ_default_en_dash(tmp_path: Path) -> None:
    assert _range(tmp_path, [1999, 1, 2], [2000, 1, 4]) == "2 January 1999–4 January 2000"
