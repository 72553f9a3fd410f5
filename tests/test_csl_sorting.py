"""Bibliography sort order of text keys.  CSL 1.0.2 leaves collation to the processor; pubconv
orders text as pandoc 2.17 does on these strings (checked against ``pandoc --citeproc``): case
and accents count only on a tie, a space sorts before punctuation and punctuation before digits
and letters.  (citeproc-js ignores some punctuation instead, e.g. ``[F]linders`` under F: the
test-suite fixtures sort_NameVariable and sort_Quotes; pubconv keeps pandoc's order.)"""

from __future__ import annotations

import sys
from pathlib import Path

from pubconv.citation.sorting import collation_key

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

PANDOC_ORDER = [
    "ab c",
    "ab,d",
    "ab.c",
    "abc",
    "abd",
    "de la Mare",
    "De Lamb",
    "Delamare",
    "Part I",
    "Part II",
    "Some Comments on “A Solution",
    "Some Comments on a Solution",
    "x y",
    "x-y",
    "x.y",
    "xy",
]


def test_collation_follows_pandoc() -> None:
    assert sorted(reversed(PANDOC_ORDER), key=collation_key) == PANDOC_ORDER


def test_case_and_accents_count_only_on_a_tie() -> None:
    assert collation_key("A solution") == collation_key("A Solution")
    assert sorted(["Éte", "Etf", "Ete"], key=collation_key) == ["Ete", "Éte", "Etf"]


def test_a_style_sorts_by_the_collation(tmp_path: Path) -> None:
    path = style(tmp_path, '<text variable="title"/>', sort='<sort><key variable="title"/></sort>')
    items = [
        {"id": str(i), "type": "book", "title": t} for i, t in enumerate(reversed(PANDOC_ORDER))
    ]
    assert render(path, items) == PANDOC_ORDER


def test_a_name_sort_key_holds_no_et_al(tmp_path: Path) -> None:
    """Sort keys with ``names-min``/``names-use-first`` truncate the names; the et-al term is
    not part of the key, so a one-name list and a truncated longer one tie on it and the next
    key (here the number of names, descending) decides."""
    macros = (
        '<macro name="names"><names variable="author"><name name-as-sort-order="all"/></names>'
        "</macro>"
        '<macro name="count"><names variable="author"><name form="count"/></names></macro>'
    )
    sort = (
        '<sort><key macro="names" names-min="1" names-use-first="1"/>'
        '<key macro="count" names-min="9" names-use-first="9" sort="descending"/></sort>'
    )
    layout = '<names variable="author"><name/></names>'
    path = style(tmp_path, layout, macros=macros, sort=sort)
    smith, allen = {"family": "Smith", "given": "A"}, {"family": "Allen", "given": "C"}
    one = {"id": "a", "type": "book", "author": [smith]}
    two = {"id": "b", "type": "book", "author": [smith, allen]}
    assert render(path, [one, two]) == ["A Smith, C Allen", "A Smith"]
