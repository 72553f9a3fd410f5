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
