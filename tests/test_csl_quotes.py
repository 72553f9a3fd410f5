"""Quotation marks in the data, written from CSL 1.0.2 "Quotes" (the marks "used are terms":
``open-quote``/``close-quote`` outside, ``open-inner-quote``/``close-inner-quote`` for a
quotation inside quoted text) and from how CSL processors read straight quotes in field values
(citeproc-js's and pandoc's quote markup): a phrase between straight ``"`` or ``'`` marks is a
quotation, printed with the locale's marks for the level it sits at."""

from __future__ import annotations

import sys
from pathlib import Path

from pubconv.citation.markup import DATA_QUOTE, to_marked
from pubconv.citation.quotemarks import resolve

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

BOTH = (
    '<group delimiter=" | "><text variable="title" quotes="true"/><text variable="title"/></group>'
)


def _title(title: str) -> list[dict[str, object]]:
    return [{"id": "a", "type": "article-journal", "title": title}]


def test_a_straight_double_quotation_takes_the_level_it_sits_at(tmp_path: Path) -> None:
    path = style(tmp_path, BOTH)
    assert render(path, _title('Getting "Informal" Mortgages')) == [
        "“Getting ‘Informal’ Mortgages” | Getting “Informal” Mortgages"
    ]


def test_a_straight_single_quotation_is_a_quotation_too(tmp_path: Path) -> None:
    path = style(tmp_path, BOTH)
    assert render(path, _title("Simple 'title' here")) == [
        "“Simple ‘title’ here” | Simple “title” here"
    ]


def test_nested_quotations_alternate(tmp_path: Path) -> None:
    path = style(tmp_path, BOTH)
    assert render(path, _title("""A "b 'c' d" e""")) == ["“A ‘b “c” d’ e” | A “b ‘c’ d” e"]


def test_apostrophes_open_and_close_nothing(tmp_path: Path) -> None:
    path = style(tmp_path, '<text variable="title"/>')
    title = "Don't stop D'Arcus's rock'n'roll in '97"
    assert render(path, _title(title)) == ["Don’t stop D’Arcus’s rock’n’roll in ’97"]


def test_the_locale_gives_the_marks(tmp_path: Path) -> None:
    locale = (
        '<locale><terms><term name="open-quote">«</term><term name="close-quote">»</term>'
        '<term name="open-inner-quote">‹</term><term name="close-inner-quote">›</term>'
        "</terms></locale>"
    )
    path = style(tmp_path, BOTH, macros=locale)
    assert render(path, _title('A "b" c')) == ["«A ‹b› c» | A «b» c"]


def test_an_unmatched_quote_stays_as_written() -> None:
    assert to_marked('a 12" record') == 'a 12" record'
    assert to_marked('say "yes" and "no') == f'say {DATA_QUOTE[0]}yes{DATA_QUOTE[1]} and "no'


def test_markup_tags_are_not_quotations() -> None:
    marked = to_marked('<span class="nocase">"PIAAC"</span>')
    assert marked == f'<span class="nocase">{DATA_QUOTE[0]}PIAAC{DATA_QUOTE[1]}</span>'
    assert resolve(marked, ("“", "”"), ("‘", "’"), 1) == '<span class="nocase">‘PIAAC’</span>'
