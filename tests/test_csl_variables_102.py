"""CSL 1.0.2 variables (Appendix IV) and term forms, written from the specification.

- The 1.0.2 variables render like any other: ``volume-title``, ``part-title``,
  ``reviewed-title`` (standard), ``reviewed-author`` (a name variable), ``available-date``
  (a date variable).
- "Terms": "If a style uses a term in a form that is undefined ..., there is fallback to
  other forms: "verb-short" first falls back to "verb", "symbol" first falls back to "short",
  and "verb" and "short" both fall back to "long"" (the en-US ``reviewed-author`` term has a
  ``verb`` form, ``by``, and no ``verb-short``).
- CSL-JSON notes give missing variables as ``variable: value`` lines, names as
  ``family || given`` (citeproc-js's reading of Zotero's Extra field).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

REVIEW = (
    '<group delimiter=", "><text variable="title" prefix="Review of "/>'
    '<names variable="reviewed-author"><label form="{form}" suffix=" "/><name/></names></group>'
)


@pytest.mark.parametrize("variable", ["volume-title", "part-title", "reviewed-title"])
def test_standard_variables_of_102_render(tmp_path: Path, variable: str) -> None:
    path = style(tmp_path, f'<text variable="{variable}" text-case="uppercase"/>')
    assert render(path, [{"id": "a", "type": "book", variable: "Syntax"}]) == ["SYNTAX"]


def test_available_date_is_a_date(tmp_path: Path) -> None:
    layout = '<date variable="available-date"><date-part name="year"/></date>'
    item = {"id": "a", "type": "book", "available-date": {"date-parts": [[2021, 3]]}}
    assert render(style(tmp_path, layout), [item]) == ["2021"]


@pytest.mark.parametrize("form", ["verb-short", "verb"])
def test_reviewed_author_with_its_verb_term(tmp_path: Path, form: str) -> None:
    item = {
        "id": "a",
        "type": "review",
        "title": "My Title",
        "reviewed-author": [{"family": "Burtle", "given": "Beaver"}],
    }
    path = style(tmp_path, REVIEW.format(form=form), name=form)
    assert render(path, [item]) == ["Review of My Title, by Beaver Burtle"]


def test_symbol_falls_back_to_short_then_long(tmp_path: Path) -> None:
    layout = '<text term="edition" form="symbol"/><text term="and" form="symbol" prefix=" "/>'
    # en-US defines "edition" short ("ed.") but no symbol; "and" has a symbol ("&")
    assert render(style(tmp_path, layout), [{"id": "a", "type": "book"}]) == ["ed. &"]


def test_names_from_the_note(tmp_path: Path) -> None:
    item = {
        "id": "a",
        "type": "review",
        "title": "My Title",
        "note": "reviewed-author: Hall || W.C.\nreviewed-author: Group of Five\nother text",
    }
    layout = '<names variable="reviewed-author"><name and="text"/></names>'
    assert render(style(tmp_path, layout), [item]) == ["W.C. Hall and Group of Five"]
