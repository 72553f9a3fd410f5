"""Dates of the style's own date parts kept per value for a bibliography
(``citation/fixes/datememo.py``): entries sharing a date render it as they render alone; the
implicit year suffix still goes to each entry's own year; the text kept is not shared."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from citeproc.source import Date, DateRange, LiteralDate
from citeproc.string import MixedString, String

from pubconv.citation.fixes import datememo, dates, pruning

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

LAYOUT = (
    '<group delimiter=", "><text variable="title"/>'
    '<date variable="issued"><date-part name="month" form="short" suffix=" "/>'
    '<date-part name="year"/></date>'
    '<date variable="accessed" form="text"/></group>'
)


def _items() -> list[dict[str, Any]]:
    may = {"date-parts": [[2001, 5]]}
    return [
        {"id": "a", "type": "book", "title": "A", "issued": may},
        {"id": "b", "type": "book", "title": "B", "issued": may, "accessed": may},
        {"id": "c", "type": "book", "title": "C", "issued": {"date-parts": [[2001]]}},
        {"id": "d", "type": "book", "title": "D", "issued": may},
        {"id": "e", "type": "book", "title": "E", "issued": {"date-parts": [[2001, 5], [2002]]}},
        {"id": "f", "type": "book", "title": "F", "issued": {"date-parts": [[2001, 5], [2002]]}},
    ]


def test_a_date_kept_renders_as_rendered_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = render(style(tmp_path, LAYOUT, name="a"), _items())
    monkeypatch.setattr(
        dates, "rendered", lambda element, value, arguments, render, shared=None: render()
    )
    anew = render(style(tmp_path, LAYOUT, name="b"), _items())
    assert kept == anew
    assert kept[0] == kept[3].replace("D", "A") == "A, May 2001"
    assert kept[1] == "B, May 2001, May 2001"
    assert kept[4] == kept[5].replace("F", "E") == "E, May 2001–2002"


def test_the_implicit_year_suffix_goes_to_each_entrys_year(tmp_path: Path) -> None:
    """An author-date style that prints no ``year-suffix`` gets it after the first year
    rendered (CSL 1.0.2): two entries alike but for the title get ``2001a`` and ``2001b``,
    though their dates are one value."""
    citation = (
        '<citation disambiguate-add-year-suffix="true"><layout><group delimiter=" ">'
        '<names variable="author"/><date variable="issued"><date-part name="year"/></date>'
        "</group></layout></citation>"
    )
    path = style(
        tmp_path,
        '<group delimiter=". "><names variable="author"/>'
        '<date variable="issued"><date-part name="year"/></date><text variable="title"/></group>',
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('<citation><layout><text variable="title"/></layout></citation>', citation),
        encoding="utf-8",
    )
    author = [{"family": "Okafor", "given": "D."}]
    items = [
        {"id": x, "type": "book", "title": x, "author": author, "issued": {"date-parts": [[2001]]}}
        for x in ("Alpha", "Beta")
    ]
    assert render(path, items) == ["D. Okafor. 2001a. Alpha", "D. Okafor. 2001b. Beta"]


def test_kept_texts_are_not_shared_and_keys_tell_values_apart() -> None:
    pruning.new_bibliography()
    calls: list[int] = []

    def render() -> Any:
        calls.append(1)
        return MixedString([String("May 2001")])

    value = Date(year=2001, month=5)
    first = datememo.rendered("element", value, ("issued",), render)
    second = datememo.rendered("element", Date(year=2001, month=5), ("issued",), render)
    assert calls == [1] and first == second and first is not second
    datememo.rendered("element", Date(year=2001, month=6), ("issued",), render)
    datememo.rendered("other element", value, ("issued",), render)
    assert len(calls) == 3
    pruning.new_bibliography()
    datememo.rendered("element", value, ("issued",), render)
    assert len(calls) == 4
    ranges = {
        datememo.value_key(DateRange(begin=Date(year=2001), end=Date(year=2002))),
        datememo.value_key(DateRange(begin=Date(year=2001))),
        datememo.value_key(LiteralDate("spring")),
        datememo.value_key(Date(year=2001, circa=True)),
        datememo.value_key(Date(year=2001)),
    }
    assert len(ranges) == 5
    assert datememo.value_key("2001") is None


def test_date_parts_keep_their_formatting(tmp_path: Path) -> None:
    """CSL 1.0.2 formatting on ``cs:date-part`` (read on each rendering, as citeproc-py may
    rewrite a date part's attributes): a bold year and an italic month, in HTML; a localized
    date's parts as the locale formats them."""
    path = style(
        tmp_path,
        '<date variable="issued" delimiter=" "><date-part name="month" font-style="italic"/>'
        '<date-part name="year" font-weight="bold"/></date>'
        '<date variable="accessed" form="numeric" prefix=", "/>',
    )
    items = [
        {"id": "a", "type": "book", "issued": {"date-parts": [[2001, 5]]}},
        {"id": "b", "type": "book", "issued": {"date-parts": [[2002]]}},
        {"id": "c", "type": "book", "issued": {"date-parts": [[2001, 5]]}},
        {"id": "d", "type": "book", "accessed": {"date-parts": [[2003, 7, 9]]}},
    ]
    assert render(path, items, "html") == [
        "<i>May</i> <b>2001</b>",
        "<b>2002</b>",
        "<i>May</i> <b>2001</b>",
        ", 07/09/2003",  # en-US numeric: leading zeros
    ]


def test_localized_dates_see_the_locale_parts_as_without_keeping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """citeproc-py copies a localized date's date-part overrides onto the locale's parts,
    where they stay for the next localized date of the same form that sets none: kept dates
    put back the state their rendering left, so every date reads as without keeping."""
    layout = (
        '<group delimiter="; ">'
        '<date variable="issued" form="text"><date-part name="month" form="short"/></date>'
        '<date variable="accessed" form="text"/>'
        '<date variable="original-date" form="text" date-parts="year-month">'
        '<date-part name="month" form="numeric" suffix="/"/></date>'
        "</group>"
    )
    may, june = {"date-parts": [[2001, 5, 3]]}, {"date-parts": [[2002, 6, 4]]}
    items = [
        {"id": "a", "type": "book", "accessed": june},
        {"id": "b", "type": "book", "issued": may, "accessed": june},
        {"id": "c", "type": "book", "accessed": june},
        {"id": "d", "type": "book", "original-date": may, "accessed": june},
        {"id": "e", "type": "book", "issued": may, "accessed": june, "original-date": june},
        {"id": "f", "type": "book", "issued": may},
        {"id": "g", "type": "book", "accessed": june},
    ]
    kept = render(style(tmp_path, layout, name="a"), items)
    monkeypatch.setattr(
        dates, "rendered", lambda element, value, arguments, render, shared=None: render()
    )
    anew = render(style(tmp_path, layout, name="b"), items)
    assert kept == anew
    assert len(set(kept)) > 3
