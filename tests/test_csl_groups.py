"""CSL 1.0.2 "Group", written from the specification: a group "and its child elements are
suppressed if a) at least one rendering element in cs:group calls a variable (either directly
or via a macro), and b) all variables that are called are empty"; "a non-empty nested
cs:group is treated as a non-empty variable", and so is a non-empty macro.  A macro is empty
or not as a group would be: terms next to empty variables in a macro do not fill the group,
a macro that calls no variable and prints something does."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

MACROS = (
    '<macro name="in-container"><choose><if type="chapter"><text term="in" suffix=" "/></if>'
    '</choose><text variable="container-title"/></macro>'
    '<macro name="date-or-nd"><choose><if variable="issued"><date variable="issued">'
    '<date-part name="year"/></date></if><else><text term="no date" form="short"/></else>'
    "</choose></macro>"
)


def _render(tmp_path: Path, layout: str, item: dict[str, object]) -> str:
    path = style(tmp_path, layout, macros=MACROS)
    return render(path, [{"id": "a", "type": "chapter", "title": "T", **item}])[0]


def test_terms_beside_empty_variables_in_a_macro_leave_the_group_empty(tmp_path: Path) -> None:
    layout = '<text variable="title"/><group prefix=". "><text macro="in-container"/></group>'
    assert _render(tmp_path, layout, {}) == "T"
    assert _render(tmp_path, layout, {"container-title": "Book"}) == "T. in Book"


def test_a_macro_that_calls_no_variable_fills_the_group(tmp_path: Path) -> None:
    """The taken branch prints the ``no date`` term and calls no variable: the macro is
    non-empty, so the group around it and an empty variable renders."""
    layout = (
        '<text variable="title"/><group prefix=" " delimiter=";"><text macro="date-or-nd"/>'
        '<text variable="volume"/></group>'
    )
    assert _render(tmp_path, layout, {}) == "T n.d."
    assert _render(tmp_path, layout, {"issued": {"date-parts": [[2001]]}}) == "T 2001"


def test_a_nested_group_counts_as_a_variable(tmp_path: Path) -> None:
    inner = '<group><text term="in" suffix=" "/><text variable="container-title"/></group>'
    layout = f'<group delimiter=", "><text term="edition"/>{inner}</group>'
    assert _render(tmp_path, layout, {}) == ""
    assert _render(tmp_path, layout, {"container-title": "Book"}) == "edition, in Book"


def test_a_generated_variable_is_not_a_call(tmp_path: Path) -> None:
    """``year-suffix`` is the processor's, not the item's: an empty one does not suppress
    the ``n.d.`` beside it."""
    layout = (
        '<group prefix="(" suffix=")"><text term="no date" form="short"/>'
        '<text variable="year-suffix"/></group>'
    )
    assert _render(tmp_path, layout, {}) == "(n.d.)"
