"""CSL 1.0.2 number variables: a range of numbers printed with ``cs:text`` gets an en dash.

The specification calls content numeric when it "solely consists of numbers", which "may have
prefixes and suffixes ("D2", "2b", "L2d"), and may be separated by a comma, hyphen, or
ampersand"; the hyphen between two numbers is a range, printed with an en dash (as the
official test suite prints ``<text variable="issue"/>``).  Content that is not numeric is
printed as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pubconv.citation.engine import render_csl
from pubconv.citation.fixes.numbers import en_dash_ranges

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>number-test</id><title>Number test</title>
    <updated>2026-11-30T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" | ">
      <text variable="volume"/><text variable="issue"/><text variable="page"/>
    </group>
  </layout></bibliography>
</style>
"""


def rendered(tmp_path: Path, **fields: str) -> str:
    style = tmp_path / "numbers.csl"
    style.write_text(STYLE, encoding="utf-8")
    item = {"id": "n", "type": "article-journal", "title": "T", **fields}
    return render_csl([item], ["n"], str(style), cache=False)[0].text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1-2", "1\u20132"),
        ("3 - 4", "3\u20134"),  # the spaces around the hyphen go with it
        ("3-4a", "3\u20134a"),  # a number may carry a suffix
        ("L2-L5", "L2\u2013L5"),  # ... or a prefix
        ("2020-21", "2020\u201321"),
        ("C-30", "C-30"),  # "C" is no number: a volume's name, not a range
        ("SE-5", "SE-5"),
        ("Special issue 1-2", "Special issue 1-2"),  # not solely numbers
        ("12", "12"),
    ],
)
def test_numeric_ranges_get_an_en_dash(value: str, expected: str) -> None:
    assert en_dash_ranges(value) == expected


def test_cs_text_of_an_issue_prints_the_range_with_an_en_dash(tmp_path: Path) -> None:
    text = rendered(tmp_path, volume="6", issue="1-2")
    assert text == "6 | 1\u20132"


def test_a_volume_name_with_a_hyphen_stays(tmp_path: Path) -> None:
    text = rendered(tmp_path, volume="C-30", issue="7")
    assert text == "C-30 | 7"


def test_page_keeps_its_own_rules(tmp_path: Path) -> None:
    """``page`` follows ``page-range-format`` and citeproc-py's page handling, not this rule:
    a page range whose end is no number keeps what the data gives."""
    assert rendered(tmp_path, page="397\u2013???") == "397\u2013???"
