"""CSL 1.0.2 ``second-field-align`` and ``display``, written from the specification:

"second-field-align: Specifies that the subsequent lines of bibliographic entries are aligned
along the second field" (``flush``/``margin``), and ``display`` "structures bibliographic
entries": ``block`` (a block stretching the full width), ``left-margin`` and ``right-inline``
(beside each other), ``indent`` (an indented block).  HTML output gives each a ``div``
(``csl-left-margin``, ``csl-right-inline``, ``csl-block``, ``csl-indent``); plain text sets the
parts apart by one space.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

ITEMS = [
    {"id": "a", "type": "book", "title": "Book A", "author": [{"family": "Smith", "given": "J"}]},
    {"id": "b", "type": "book", "title": "Book B", "author": [{"family": "Jones", "given": "R"}]},
]
NUMBERED = (
    '<text variable="citation-number" prefix="[" suffix="]"/>'
    '<names variable="author" suffix=", "><name/></names><text variable="title"/>'
)


def test_second_field_align_html_puts_the_first_field_in_the_left_margin(tmp_path: Path) -> None:
    path = style(
        tmp_path, NUMBERED, bib_attrs=' second-field-align="flush"', layout_attrs=' suffix="."'
    )
    assert render(path, ITEMS[:1], "html") == [
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">J Smith, Book A.</div>'
    ]


def test_second_field_align_text_sets_the_first_field_apart_by_a_space(tmp_path: Path) -> None:
    path = style(tmp_path, NUMBERED, bib_attrs=' second-field-align="margin"')
    assert render(path, ITEMS) == ["[1] J Smith, Book A", "[2] R Jones, Book B"]


def test_without_second_field_align_nothing_is_set_apart(tmp_path: Path) -> None:
    path = style(tmp_path, NUMBERED)
    assert render(path, ITEMS[:1], "html") == ["[1]J Smith, Book A"]


def test_display_block_and_indent(tmp_path: Path) -> None:
    layout = (
        '<names variable="author" display="block"><name/></names>'
        '<text variable="title" display="indent" prefix="(" suffix=")"/>'
    )
    path = style(tmp_path, layout)
    assert render(path, ITEMS[:1], "html") == [
        '<div class="csl-block">J Smith</div><div class="csl-indent">(Book A)</div>'
    ]
    assert render(path, ITEMS[:1]) == ["J Smith (Book A)"]


def test_an_empty_element_makes_no_block(tmp_path: Path) -> None:
    layout = '<text variable="note" display="block"/><text variable="title"/>'
    path = style(tmp_path, layout)
    assert render(path, ITEMS[:1], "html") == ["Book A"]


def test_a_block_emptied_by_the_author_substitute_goes(tmp_path: Path) -> None:
    layout = (
        '<names variable="author" display="block"><name/></names>'
        '<text variable="title" display="left-margin"/>'
    )
    same = [
        {**ITEMS[0], "id": "a1"},
        {**ITEMS[0], "id": "a2", "title": "Book C"},
    ]
    path = style(tmp_path, layout, bib_attrs=' subsequent-author-substitute=""')
    assert render(path, same, "html") == [
        '<div class="csl-block">J Smith</div><div class="csl-left-margin">Book A</div>',
        '<div class="csl-left-margin">Book C</div>',
    ]


def test_the_right_block_ends_with_its_text(tmp_path: Path) -> None:
    layout = '<text variable="citation-number" suffix=". "/><text variable="title" suffix=". "/>'
    path = style(tmp_path, layout, bib_attrs=' second-field-align="flush"')
    assert render(path, ITEMS[:1], "html") == [
        '<div class="csl-left-margin">1. </div><div class="csl-right-inline">Book A.</div>'
    ]


def test_the_layout_suffix_ends_the_last_block(tmp_path: Path) -> None:
    layout = '<text variable="title" display="block"/>'
    path = style(tmp_path, layout, layout_attrs=' suffix="."')
    assert render(path, ITEMS[:1], "html") == ['<div class="csl-block">Book A.</div>']
    assert render(path, ITEMS[:1]) == ["Book A."]


def test_a_citation_number_in_a_macro_numbers_the_entries(tmp_path: Path) -> None:
    """``citation-number`` is "the index (starting at 1) of the cited reference in the
    bibliography", also when a macro renders it."""
    macros = '<macro name="number"><text variable="citation-number" suffix=". "/></macro>'
    path = style(tmp_path, '<text macro="number"/><text variable="title"/>', macros=macros)
    items = [{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book", "title": "B"}]
    assert render(path, items) == ["1. A", "2. B"]
