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
