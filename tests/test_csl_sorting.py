"""Bibliography sort order of text keys.  CSL 1.0.2 leaves collation to the processor ("Sorting
is case-insensitive"; sort keys are the rendered text "without rich text markup"); pubconv orders
text as pandoc 2.17 does (checked against ``pandoc --citeproc``): a key is split into words at
white space, apostrophes and commas, and the words are compared by the Unicode Collation
Algorithm with punctuation "shifted" (it counts only when everything else ties); case and
accents count only on a tie.  Date variables rendered in a sort-key macro are keyed
``YYYYMMDD`` of the date parts they render ("Sorting Macros")."""

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


def test_words_split_at_spaces_apostrophes_and_commas() -> None:
    """``d’Wander`` is the words ``d`` and ``wander``: it sorts before ``de’ Frinkle``; a space,
    an apostrophe and a comma all end a word, so ``a b``, ``a’b`` and ``a,b`` tie and precede
    ``aa``; a leading apostrophe starts no word (``’t Horvath`` sorts under t)."""
    assert collation_key("d’Wander") < collation_key("de’ Frinkle") < collation_key("dWander")
    assert collation_key("a b") == collation_key("a’b") == collation_key("a,b")
    assert collation_key("a,b") < collation_key("aa")
    assert collation_key("Klabdaggit") < collation_key("’t Horvath") < collation_key("Vooz")


def test_punctuation_inside_a_word_counts_only_on_a_tie() -> None:
    """Brackets, hyphens and quotation marks do not move a word: ``[F]linders`` sorts under F,
    ``“Simple title here B”`` between ``… A`` and ``… C``; on a tie the punctuated word first."""
    assert collation_key("Doe") < collation_key("[F]linders") < collation_key("Roe")
    titles = ["Simple “title” here C", "“Simple title here B”", "Simple title, here A"]
    assert sorted(titles, key=collation_key) == list(reversed(titles))
    assert sorted(["ac", "a-c", "ab"], key=collation_key) == ["ab", "a-c", "ac"]
    assert collation_key("a-b") < collation_key("ab")


def test_a_date_in_a_sort_macro_keys_by_the_parts_it_renders(tmp_path: Path) -> None:
    """A macro that renders only the year of one item and the full numeric date of others:
    the year-only date keys as ``YYYY0000`` and sorts first among the same year, whatever the
    rendered text (``[2002]`` vs ``[2002-10-25]``, or month names ``May`` vs ``December``)."""
    macros = (
        '<macro name="date"><choose><if type="book"><date variable="issued">'
        '<date-part name="year"/></date></if><else><date variable="issued" delimiter=" ">'
        '<date-part name="month"/><date-part name="year"/></date></else></choose></macro>'
    )
    path = style(
        tmp_path, '<text variable="title"/>', macros=macros, sort='<sort><key macro="date"/></sort>'
    )
    items = [
        {"id": "a", "type": "article", "title": "December", "issued": {"date-parts": [[2002, 12]]}},
        {"id": "b", "type": "article", "title": "May", "issued": {"date-parts": [[2002, 5]]}},
        {"id": "c", "type": "book", "title": "Year only", "issued": {"date-parts": [[2002]]}},
        {"id": "d", "type": "book", "title": "Earlier", "issued": {"date-parts": [[2001]]}},
    ]
    assert render(path, items) == ["Earlier", "Year only", "May", "December"]


def test_a_name_variable_key_compares_name_by_name(tmp_path: Path) -> None:
    """CSL 1.0.2 "Sorting Variables": a name variable's key is the name list in sort order;
    each name ends where the next begins, so ``Cocke, J.`` precedes ``Cocke, John`` (as in
    pandoc) whatever the names after them."""
    path = style(
        tmp_path,
        '<text variable="title"/>',
        sort='<sort><key variable="author"/></sort>',
        name="byname",
    )
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "Full",
            "author": [{"family": "Cocke", "given": "John"}, {"family": "Schwartz", "given": "J"}],
        },
        {
            "id": "b",
            "type": "book",
            "title": "Initial",
            "author": [{"family": "Cocke", "given": "J."}, {"family": "Schwartz", "given": "J"}],
        },
    ]
    assert render(path, items) == ["Initial", "Full"]
