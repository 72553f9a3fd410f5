"""CSL 1.0.2 "Name" options and name particles, written from the specification.

- ``delimiter-precedes-last``: ``contextual`` (default) puts the delimiter before ``and`` only
  with three or more names; ``after-inverted-name`` only after an inverted name; ``always``,
  ``never``.  Without ``and`` the delimiter is always used.
- ``delimiter-precedes-et-al``: the same for et-al (``contextual``: two or more names shown).
- ``et-al-min``/``et-al-use-first``: truncate when the list has at least ``et-al-min`` names
  (to no names at all with ``et-al-use-first="0"``); ``et-al-use-last`` adds "the name delimiter, the ellipsis character, and the last name".
- ``form="count"`` gives "the total number of names that would otherwise be rendered (taking
  into account names truncation)".
- CSL-JSON family names with lower-case leading words carry a non-dropping particle (as
  citeproc-js and pandoc read them); a family in double quotes is taken as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

PEOPLE = [("Doe", "John"), ("Roe", "Jane"), ("Poe", "Pat"), ("Zoe", "Zed"), ("Moe", "Max")]


def _item(count: int, ident: str = "a") -> dict[str, object]:
    names = [{"family": f, "given": g} for f, g in PEOPLE[:count]]
    return {"id": ident, "type": "book", "title": "T", "author": names}


def _names(tmp_path: Path, attrs: str, count: int) -> str:
    path = style(tmp_path, f'<names variable="author"><name {attrs}/></names>')
    return render(path, [_item(count)])[0]


@pytest.mark.parametrize(
    ("attrs", "count", "expected"),
    [
        ('and="text"', 2, "John Doe and Jane Roe"),
        ('and="text"', 3, "John Doe, Jane Roe, and Pat Poe"),
        ('and="text" delimiter="; "', 3, "John Doe; Jane Roe; and Pat Poe"),
        ('and="symbol" delimiter-precedes-last="never"', 3, "John Doe, Jane Roe & Pat Poe"),
        ('and="text" delimiter-precedes-last="always"', 2, "John Doe, and Jane Roe"),
        (
            'and="symbol" delimiter-precedes-last="after-inverted-name" name-as-sort-order="first"',
            2,
            "Doe, John, & Jane Roe",
        ),
        (
            'and="symbol" delimiter-precedes-last="after-inverted-name" name-as-sort-order="first"',
            3,
            "Doe, John, Jane Roe & Pat Poe",
        ),
        ("", 3, "John Doe, Jane Roe, Pat Poe"),
    ],
)
def test_delimiter_precedes_last(tmp_path: Path, attrs: str, count: int, expected: str) -> None:
    assert _names(tmp_path, attrs, count) == expected


@pytest.mark.parametrize(
    ("attrs", "count", "expected"),
    [
        ('et-al-min="3" et-al-use-first="1"', 3, "John Doe et al."),
        ('et-al-min="3" et-al-use-first="2"', 3, "John Doe, Jane Roe, et al."),
        (
            'et-al-min="3" et-al-use-first="2" delimiter-precedes-et-al="never"',
            3,
            "John Doe, Jane Roe et al.",
        ),
        (
            'et-al-min="3" et-al-use-first="1" delimiter-precedes-et-al="always"',
            4,
            "John Doe, et al.",
        ),
        ('et-al-min="3" et-al-use-first="1"', 2, "John Doe, Jane Roe"),
        ('et-al-min="3"', 4, "John Doe, Jane Roe, Pat Poe, Zed Zoe"),  # no use-first: no et-al
        (
            'et-al-min="4" et-al-use-first="2" et-al-use-last="true"',
            5,
            "John Doe, Jane Roe, … Max Moe",
        ),
    ],
)
def test_et_al(tmp_path: Path, attrs: str, count: int, expected: str) -> None:
    assert _names(tmp_path, attrs, count) == expected


def test_et_al_use_first_zero_shows_no_names(tmp_path: Path) -> None:
    """``et-al-use-first="0"``: a truncated list shows none of its names, and et-al alone
    stands for nobody, so the ``cs:names`` renders nothing (the group's delimiter goes too);
    a list shorter than ``et-al-min`` is not truncated."""
    names = '<names variable="author"><name et-al-min="2" et-al-use-first="{}"/></names>'
    layout = f'<group delimiter=" // ">{names.format(0)}{names.format(1)}</group>'
    path = style(tmp_path, layout)
    assert render(path, [_item(2, "a"), _item(1, "b")]) == [
        "John Doe et al.",
        "John Doe // John Doe",
    ]


def test_count_takes_truncation_into_account(tmp_path: Path) -> None:
    layout = (
        '<names variable="author"><name form="count" et-al-min="4" et-al-use-first="2"/></names>'
    )
    path = style(tmp_path, layout)
    assert render(path, [_item(3, "a"), _item(5, "b")]) == ["3", "2"]


def _person(tmp_path: Path, family: str, attrs: str = "") -> str:
    path = style(
        tmp_path, f'<names variable="author"><name {attrs}/></names>', name=f"p{abs(hash(attrs))}"
    )
    item = {"id": "a", "type": "book", "author": [{"family": family, "given": "Gustav"}]}
    return render(path, [item])[0]


def test_particles_are_parsed_from_the_family_name(tmp_path: Path) -> None:
    assert _person(tmp_path, "von Hoppel") == "Gustav von Hoppel"
    # inverted, the particle is demoted after the given name (display-and-sort, the default)
    assert _person(tmp_path, "von Hoppel", 'name-as-sort-order="all"') == "Hoppel, Gustav von"
    assert _person(tmp_path, "al-One", 'name-as-sort-order="all"') == "One, Gustav al-"
    assert _person(tmp_path, "al-One") == "Gustav al-One"


def test_a_quoted_family_name_is_not_parsed(tmp_path: Path) -> None:
    assert _person(tmp_path, '"van Happel"', 'name-as-sort-order="all"') == "van Happel, Gustav"


def test_a_capitalised_first_word_is_no_particle(tmp_path: Path) -> None:
    assert _person(tmp_path, "Van Dyke", 'name-as-sort-order="all"') == "Van Dyke, Gustav"


def test_markup_in_a_given_name_stays_on_its_initial(tmp_path: Path) -> None:
    """``initialize-with`` turns each given name into its initial; formatting the data puts
    on a name part stays on that part's initial (the rest of the name is not formatted)."""
    layout = (
        '<names variable="author"><name name-as-sort-order="all" initialize-with=". "/></names>'
    )
    path = style(tmp_path, layout)
    items = [
        {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "<b>John</b> Quiggly"}]},
        {"id": "b", "type": "book", "author": [{"family": "Roe", "given": "<b>J</b>-Q"}]},
        {"id": "c", "type": "book", "author": [{"family": "Poe", "given": "<i>J.R.</i> Pat"}]},
    ]
    assert render(path, items, "html") == [
        "Doe, <b>J.</b> Q.",
        "Roe, <b>J.</b>-Q.",
        "Poe, <i>J. R.</i> P.",
    ]


def test_a_blank_et_al_term_adds_nothing(tmp_path: Path) -> None:
    """A locale term that holds only white space is empty: truncation shows the names, with
    no delimiter or space for an et-al that prints nothing."""
    locale = '<locale><terms><term name="and others">\n  </term></terms></locale>'
    layout = (
        '<names variable="author" suffix=". "><name et-al-min="2" et-al-use-first="1"/>'
        '<et-al term="and others"/></names><text variable="title"/>'
    )
    path = style(tmp_path, layout, macros=locale)
    assert render(path, [_item(3)]) == ["John Doe. T"]


def test_east_asian_names_family_first_without_a_space(tmp_path: Path) -> None:
    """CSL 1.0.2 "Name-part Order": "names written in Asian scripts are always displayed with
    the family name preceding the given name" (``毛泽东``), whatever ``name-as-sort-order``;
    an et-al term in such a script follows the names without a space."""
    locale = '<locale><terms><term name="et-al">等</term></terms></locale>'
    layout = '<names variable="author"><name et-al-min="3" et-al-use-first="1"/></names>'
    path = style(tmp_path, layout, macros=locale)
    mao = {"family": "毛", "given": "泽东"}
    items = [
        {"id": "a", "type": "book", "author": [mao]},
        {"id": "b", "type": "book", "author": [mao, {"family": "Doe", "given": "J"}, mao]},
        {"id": "c", "type": "book", "author": [{"family": "Doe", "given": "J"}]},
    ]
    assert render(path, items) == ["毛泽东", "毛泽东等", "J Doe"]
