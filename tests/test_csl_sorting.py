"""Bibliography sort order of text keys.  CSL 1.0.2 leaves collation to the processor ("sort
keys are compared ... following the locale's collation"); pubconv follows the Unicode Collation
Algorithm as pandoc 2.17 applies it (checked against ``pandoc --citeproc`` on these strings):
case and accents count only on a tie, a space sorts before letters, punctuation is ignored
unless everything else ties."""

from __future__ import annotations

import sys
from pathlib import Path

from pubconv.citation.sorting import collation_key

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

PANDOC_ORDER = [
    "de la Mare",
    "De Lamb",
    "Delamare",
    "Doe",
    "[F]linders",
    "Klab",
    "Part I",
    "Part II",
    "Roe",
    "Simple title, here A",
    "“Simple title here B”",
    "Simple “title” here C",
    "’t Horvath",
]


def test_collation_ignores_punctuation_but_not_spaces() -> None:
    assert sorted(reversed(PANDOC_ORDER), key=collation_key) == PANDOC_ORDER


def test_punctuation_breaks_a_tie() -> None:
    assert collation_key("co-op") != collation_key("coop")
    assert sorted(["co-op", "coop"], key=collation_key) == sorted(
        ["coop", "co-op"], key=collation_key
    )


def test_a_style_sorts_by_the_collation(tmp_path: Path) -> None:
    path = style(tmp_path, '<text variable="title"/>', sort='<sort><key variable="title"/></sort>')
    items = [
        {"id": str(i), "type": "book", "title": t} for i, t in enumerate(reversed(PANDOC_ORDER))
    ]
    assert render(path, items) == PANDOC_ORDER


def test_on_a_tie_punctuation_sorts_before_letters() -> None:
    """pandoc 2.17: ``Some Comments on “A Solution`` precedes ``Some Comments on a Solution``."""
    quoted, plain = "Some comments on “A solution", "Some comments on a solution"
    assert sorted([plain, quoted], key=collation_key) == [quoted, plain]
