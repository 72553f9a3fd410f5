"""CSL 1.0.2 ``subsequent-author-substitute``, written from the specification: "complete-all"
(the default) substitutes "when all rendered names of the name variable match those in the
preceding bibliographic entry", replacing "the entire name list (including punctuation and
terms like et al and and), except for the affixes set on the cs:names element"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

LAYOUT = (
    '<names variable="author editor" suffix=". "><name et-al-min="3" et-al-use-first="1"/>'
    '<label form="short" prefix=" "/></names><text variable="title"/>'
)


def _item(ident: str, title: str, *families: str, role: str = "author") -> dict[str, object]:
    return {
        "id": ident,
        "type": "book",
        "title": title,
        role: [{"family": f, "given": "J"} for f in families],
    }


def test_rendered_names_decide_not_the_whole_list(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe", "Roe", "Poe"), _item("b", "Two", "Doe", "Zoe", "Moe")]
    # both render "J Doe et al.": the rendered names match
    assert render(path, items) == ["J Doe et al. One", "---. Two"]


def test_labels_are_not_part_of_the_compared_names(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe", role="editor"), _item("b", "Two", "Doe")]
    assert render(path, items) == ["J Doe ed. One", "---. Two"]


def test_different_rendered_names_are_kept(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe"), _item("b", "Two", "Doe", "Roe")]
    assert render(path, items) == ["J Doe. One", "J Doe, J Roe. Two"]


def test_the_label_stays_outside_the_substituted_names(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe"), _item("b", "Two", "Doe", role="editor")]
    assert render(path, items) == ["J Doe. One", "--- ed. Two"]


def test_substituted_names_are_suppressed_in_the_rest_of_the_entry(tmp_path: Path) -> None:
    """CSL 1.0.2 "Substitution": "Substituted variables are suppressed in the rest of the
    output to prevent duplication" (also in a later cs:names naming several variables)."""
    layout = (
        '<names variable="author" suffix=". "><name/><substitute><names variable="editor"/>'
        "</substitute></names>"
        '<text variable="title"/>'
        '<names variable="editor translator" prefix=". By "><name/></names>'
    )
    path = style(tmp_path, layout)
    edited = _item("a", "One", "Doe", role="editor")
    both = {**_item("b", "Two", "Roe"), "editor": [{"family": "Poe", "given": "P"}]}
    assert render(path, [edited, both]) == ["J Doe. One", "J Roe. Two. By P Poe"]


def test_names_a_substitute_rendered_are_suppressed_within_the_same_macro(tmp_path: Path) -> None:
    macros = (
        '<macro name="editor"><names variable="editor"><name/></names>'
        '<names variable="editor" prefix=" again "><name/></names></macro>'
    )
    layout = (
        '<names variable="author"><name/><substitute><text macro="editor"/></substitute></names>'
    )
    path = style(tmp_path, layout, macros=macros)
    assert render(path, [_item("a", "One", "Doe", role="editor")]) == ["J Doe"]
