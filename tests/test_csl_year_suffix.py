"""CSL 1.0.2 "Disambiguation": ``disambiguate-add-year-suffix`` applies to cites that read
alike, whatever the name data behind them: a literal name and a family-only name that print
the same (``Beijing Zoo``) are ambiguous, and adding given names cannot help them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

CITATION = (
    '<citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true">'
    '<layout><names variable="author"><name form="short"/></names>'
    '<date variable="issued"><date-part name="year"/></date></layout></citation>'
)


def test_literal_and_family_only_names_that_read_alike_get_suffixes(tmp_path: Path) -> None:
    layout = (
        '<names variable="author" suffix=". "><name/></names>'
        '<date variable="issued" suffix=". "><date-part name="year"/></date>'
        '<text variable="year-suffix"/><text variable="title"/>'
    )
    path = style(tmp_path, layout, sort='<sort><key variable="title"/></sort>')
    text = path.read_text(encoding="utf-8")
    text = text.replace('<citation><layout><text variable="title"/></layout></citation>', CITATION)
    path.write_text(text, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "title": "A", "author": [{"family": "Beijing Zoo"}],
         "issued": {"date-parts": [[1974]]}},
        {"id": "b", "type": "book", "title": "B", "author": [{"literal": "Beijing Zoo"}],
         "issued": {"date-parts": [[1974]]}},
    ]  # fmt: skip
    assert render(path, items) == ["Beijing Zoo. 1974. aA", "Beijing Zoo. 1974. bB"]


def test_disambiguate_true_holds_only_for_ambiguous_cites(tmp_path: Path) -> None:
    """CSL 1.0.2 ``disambiguate="true"``: "the element content is only rendered if it
    disambiguates two otherwise identical citations" (after names and given names failed)."""
    layout = (
        '<names variable="author"><name form="short"/></names>'
        '<choose><if disambiguate="true"><text variable="title" prefix=", "/></if></choose>'
    )
    path = style(tmp_path, layout)
    text = path.read_text(encoding="utf-8")
    citation = (
        '<citation disambiguate-add-givenname="true"><layout><names variable="author">'
        '<name form="short"/></names></layout></citation>'
    )
    path.write_text(
        text.replace('<citation><layout><text variable="title"/></layout></citation>', citation),
        encoding="utf-8",
    )
    items = [
        {"id": "a", "type": "book", "title": "One", "author": [{"family": "Smith", "given": "J"}]},
        {"id": "b", "type": "book", "title": "Two", "author": [{"family": "Smith", "given": "J"}]},
        {"id": "c", "type": "book", "title": "Three", "author": [{"family": "Brown"}]},
        {"id": "d", "type": "book", "title": "Four", "author": [{"family": "Smith", "given": "K"}]},
    ]
    # J Smith twice stays ambiguous; K Smith is told apart by the given name; Brown is alone
    assert render(path, items) == ["Smith, One", "Smith, Two", "Brown", "Smith"]


def test_cites_with_full_names_that_differ_need_no_suffix(tmp_path: Path) -> None:
    """A cite that shows given names (``form="long"``, the default) tells ``John Doe`` from
    ``James Doe``: no year suffix; with ``form="short"`` both read ``Doe 1999``."""
    layout = (
        '<names variable="author" suffix=", "><name initialize-with=". "/></names>'
        '<date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/>'
    )
    items = [
        {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "John"}],
         "issued": {"date-parts": [[1999]]}},
        {"id": "b", "type": "book", "author": [{"family": "Doe", "given": "James"}],
         "issued": {"date-parts": [[1999]]}},
    ]  # fmt: skip
    for form, expected in (
        ("long", ["J. Doe, 1999", "J. Doe, 1999"]),
        ("short", ["J. Doe, 1999a", "J. Doe, 1999b"]),
    ):
        path = style(tmp_path, layout, name=form)
        citation = (
            '<citation disambiguate-add-year-suffix="true"><layout><names variable="author">'
            f'<name form="{form}"/></names><date variable="issued"><date-part name="year"/>'
            "</date></layout></citation>"
        )
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            '<citation><layout><text variable="title"/></layout></citation>', citation
        )
        path.write_text(text, encoding="utf-8")
        assert render(path, items) == expected, form
