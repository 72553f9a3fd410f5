"""CSL 1.0.2 "Label" plurality: with ``plural="contextual"`` (the default) "the term plurality
matches that of the variable content.  Content is considered plural when it contains multiple
numbers (e.g. 'page 1', 'pages 1-3')".  A range whose end is open or unknown is a range of
pages too (``pp. 397–???``), as citeproc-js and pandoc print it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

LAYOUT = '<group delimiter=" "><label variable="page" form="short"/><text variable="page"/></group>'


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("397", "p. 397"),
        ("12-15", "pp. 12–15"),
        ("12, 15", "pp. 12, 15"),
        ("397-???", "pp. 397–???"),
        ("2.0", "p. 2.0"),
    ],
)
def test_page_label_plurality(tmp_path: Path, page: str, expected: str) -> None:
    path = style(tmp_path, LAYOUT)
    assert render(path, [{"id": "a", "type": "book", "page": page}]) == [expected]


def test_a_label_for_an_empty_variable_is_not_rendered(tmp_path: Path) -> None:
    path = style(tmp_path, f'<group delimiter=", ">{LAYOUT}<text variable="title"/></group>')
    assert render(path, [{"id": "a", "type": "book", "title": "T"}]) == ["T"]


@pytest.mark.parametrize(("count", "label"), [("1", "p."), ("100", "pp.")])
def test_number_of_pages_is_plural_above_one(tmp_path: Path, count: str, label: str) -> None:
    """CSL 1.0.2: "in the case of the "number-of-pages" and "number-of-volumes" variables,
    when the number is higher than 1"."""
    layout = (
        '<text variable="number-of-pages"/>'
        '<label variable="number-of-pages" form="short" prefix=" "/>'
    )
    path = style(tmp_path, layout, name=f"n{count}")
    assert render(path, [{"id": "a", "type": "book", "number-of-pages": count}]) == [
        f"{count} {label}"
    ]
