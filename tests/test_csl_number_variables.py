"""CSL 1.0.2 ``cs:number``: "can be used to render number variables" (Appendix IV lists
``chapter-number``, ``collection-number``, ``number-of-pages``, ``number-of-volumes``,
``part-number``, ``printing-number``, ``supplement-number`` among them), with the forms
"numeric", "ordinal", "long-ordinal" and "roman"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

HYPHENATED = (
    "chapter-number",
    "collection-number",
    "number-of-pages",
    "number-of-volumes",
    "part-number",
    "printing-number",
    "supplement-number",
)


@pytest.mark.parametrize("variable", HYPHENATED)
def test_number_prints_a_hyphenated_number_variable(tmp_path: Path, variable: str) -> None:
    layout = f'<number variable="{variable}" prefix="[" suffix="]"/>'
    item = {"id": "a", "type": "book", "title": "T", variable: "3"}
    assert render(style(tmp_path, layout), [item]) == ["[3]"]


@pytest.mark.parametrize(("form", "expected"), [("ordinal", "2nd"), ("roman", "ii")])
def test_forms_apply_to_hyphenated_variables(tmp_path: Path, form: str, expected: str) -> None:
    layout = f'<number variable="number-of-volumes" form="{form}"/>'
    item = {"id": "a", "type": "book", "number-of-volumes": "2"}
    assert render(style(tmp_path, layout), [item]) == [expected]


def test_absent_hyphenated_variable_leaves_its_group_empty(tmp_path: Path) -> None:
    """ "cs:group implicitly acts as a conditional": a group whose only variable is missing is
    suppressed with its term."""
    layout = (
        '<text variable="title"/>'
        '<group prefix=" (" suffix=")" delimiter=" ">'
        '<number variable="number-of-volumes"/><text term="volume" form="short" plural="true"/>'
        "</group>"
    )
    items = [
        {"id": "a", "type": "book", "title": "A", "number-of-volumes": "4"},
        {"id": "b", "type": "book", "title": "B"},
    ]
    assert render(style(tmp_path, layout), items) == ["A (4 vols.)", "B"]


@pytest.mark.parametrize(
    ("page", "first"),
    [("12-15", "12"), ("12, 15-17", "12"), ("S12-S15", "S12"), ("iv-x", "iv"), ("e1003", "e1003")],
)
@pytest.mark.parametrize("element", ["text", "number"])
def test_page_first_is_the_first_page(tmp_path: Path, page: str, first: str, element: str) -> None:
    """``page-first``: "First page of the range of pages the item ... covers" (Appendix IV):
    one page, also when ``page`` lists several ranges."""
    layout = f'<{element} variable="page-first"/>'
    item = {"id": "a", "type": "article-journal", "page": page}
    assert render(style(tmp_path, layout, name=element), [item]) == [first]
