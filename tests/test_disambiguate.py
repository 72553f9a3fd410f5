"""Year suffixes follow CSL 1.0.2 "Disambiguation": names, then given names, then a suffix."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pubconv.citation.disambiguate import (
    Rules,
    given_names_in_full,
    names_to_show,
    suffix_letters,
    year_suffix_groups,
)
from pubconv.citation.engine import collation_key, render_csl

CHICAGO = Rules(
    year_suffix=True,
    add_names=True,
    add_givenname=True,
    givenname_rule="primary-name",
    et_al_min=3,
    et_al_use_first=1,
)


def item(ident: str, *names: tuple[str, str], year: int = 1970, title: str = "T") -> Any:
    return {
        "id": ident,
        "type": "book",
        "title": title,
        "author": [{"family": f, "given": g} for f, g in names],
        "issued": {"date-parts": [[year]]},
    }


def test_given_names_settle_what_initials_cannot() -> None:
    """``J. Cocke`` and ``John Cocke`` read apart once the primary name is written in full."""
    items = [item("a", ("Cocke", "J."), ("Schwartz", "J. T.")), item("b", ("Cocke", "John"))]
    items[1]["author"].append({"family": "Schwartz", "given": "Jacob T."})
    assert year_suffix_groups(items, CHICAGO) == []
    initials_only = replace(CHICAGO, givenname_rule="primary-name-with-initials")
    assert year_suffix_groups(items, initials_only) == [[0, 1]]


def test_same_names_same_year_get_a_suffix_other_years_do_not() -> None:
    items = [
        item("a", ("Doe", "Jane")),
        item("b", ("Doe", "Jane")),
        item("c", ("Doe", "Jane"), year=1971),
    ]
    assert year_suffix_groups(items, CHICAGO) == [[0, 1]]
    assert year_suffix_groups(items, Rules()) == []  # the style asks for no suffixes


def test_added_names_settle_a_cite_but_twins_share_one_lettering() -> None:
    """``Chen et al. 2024``: a unique author list is settled by adding names; two pairs of
    twins are lettered a-d together, and another Chen (given name) stays apart."""
    huang = [("Chen", "Yinda"), ("Huang", "Wei"), ("Liu", "Xiaoyu")]
    liu = [("Chen", "Yinda"), ("Liu", "Che"), ("Liu", "Xiaoyu")]
    items = [
        item("l1", *huang, year=2024),
        item("l2", *huang, year=2024),
        item("b1", *liu, year=2024),
        item("b2", *liu, year=2024),
        item("x", ("Chen", "Yinda"), ("Zhang", "Yueyi"), ("Xiong", "Zhiwei"), year=2024),
        item("q1", ("Chen", "Qi"), ("Huang", "Wei"), ("Xiong", "Zhiwei"), year=2024),
        item("q2", ("Chen", "Qi"), ("Huang", "Wei"), ("Xiong", "Zhiwei"), year=2024),
    ]
    groups = sorted(year_suffix_groups(items, CHICAGO))
    assert groups == [[0, 1, 2, 3], [5, 6]]


def test_suffix_letters_run_past_z() -> None:
    assert [suffix_letters(n) for n in (0, 1, 25, 26, 27)] == ["a", "b", "z", "aa", "ab"]


def test_rendered_suffixes_follow_bibliography_order() -> None:
    items = [
        item("second", ("Doe", "Jane"), title="Zebra studies"),
        item("first", ("Doe", "Jane"), title="Aardvark studies"),
    ]
    texts = {
        e.key: e.text
        for e in render_csl(items, ["second", "first"], "chicago-author-date", cache=False)
    }
    assert "1970a. Aardvark Studies" in texts["first"]
    assert "1970b. Zebra Studies" in texts["second"]


def test_collation_puts_punctuation_first_and_ignores_case() -> None:
    """``Part I”`` before ``Part II”``; case never decides; accents second."""
    assert collation_key("Part I”") < collation_key("Part II”")
    assert collation_key("A solution") == collation_key("A Solution")
    assert collation_key("Muller") < collation_key("Müller") < collation_key("Mullet")
    assert collation_key("9") < collation_key("10")


def test_sort_keys_read_every_name_family_first() -> None:
    """CSL 1.0.2 "Sorting Macros": ``Chen, Yinda, Huang, Wei`` sorts before ``Chen, Yinda,
    Liu, Che`` although the entry prints ``Che Liu`` and ``Wei Huang``."""
    items = [
        item("liu", ("Chen", "Yinda"), ("Liu", "Che"), year=2024, title="Same"),
        item("huang", ("Chen", "Yinda"), ("Huang", "Wei"), year=2024, title="Same"),
    ]
    order = [e.key for e in render_csl(items, ["liu", "huang"], "chicago-author-date", cache=False)]
    assert order == ["huang", "liu"]


def test_quoted_titles_sort_by_their_words() -> None:
    """Quotation marks are formatting, not sort text: a quoted ``Pointer`` title sorts after
    an unquoted ``A Safe`` one (citeproc-py put every quoted title first)."""
    paper = item("paper", ("Landi", "William"), year=1991, title="Pointer-induced aliasing")
    paper["type"] = "article-journal"
    report = item("report", ("Landi", "William"), year=1991, title="A safe approximation")
    report["type"] = "report"
    texts = {
        e.key: e.text
        for e in render_csl(
            [paper, report], ["paper", "report"], "chicago-author-date", cache=False
        )
    }
    assert "1991a" in texts["report"] and "1991b" in texts["paper"]


MLA = Rules(add_names=True, add_givenname=True, et_al_min=3, et_al_use_first=1, cite_year=False)


def test_bibliography_shows_the_names_that_tell_its_cite_apart() -> None:
    """CSL 1.0.2: when names were added to tell cites apart, "detail that distinguishes cites
    ... must be shown in the corresponding bibliography entries"."""
    cooper = [("Callahan", "D."), ("Cooper", "K. D."), ("Kennedy", "K."), ("Torczon", "L.")]
    carle = [("Callahan", "D."), ("Carle", "A."), ("Hall", "M."), ("Kennedy", "K.")]
    items = [
        item("cooper", *cooper, year=1986, title="Constant propagation"),
        item("carle", *carle, year=1988, title="Program analysis"),
        item("pair", ("Callahan", "D."), ("Kennedy", "K."), year=1987, title="Analysis"),
        item("alone", ("Smith", "A."), ("Jones", "B."), ("Brown", "C."), year=1990),
    ]
    assert names_to_show(items, MLA) == [2, 2, 0, 0]
    assert names_to_show(items, CHICAGO) == [0, 0, 0, 0]  # the year tells them apart
    texts = {
        e.key: e.text
        for e in render_csl(
            items, [i["id"] for i in items], "modern-language-association", cache=False
        )
    }
    assert texts["cooper"].startswith("Callahan, D., K. D. Cooper, et al. Constant")
    assert texts["carle"].startswith("Callahan, D., A. Carle, et al. Program")
    assert texts["alone"].startswith("Smith, A., et al.")


def test_bibliography_writes_a_given_name_in_full_when_the_cite_needed_it() -> None:
    """``by-cite``: ``Callahan and Kennedy 1987`` twice, told apart by Kennedy's given name,
    so the entries show ``Kennedy, Ken`` (pandoc alike); initials that already differ, or a
    name no cite needed, stay initials."""
    items = [
        item("ken", ("Callahan", "David"), ("Kennedy", "Ken"), year=1987, title="Analysis"),
        item("k", ("Callahan", "David"), ("Kennedy", "K."), year=1987, title="Side effects"),
        item("other", ("Cooper", "Keith"), ("Torczon", "Linda"), year=1987, title="Impact"),
    ]
    rules = Rules(year_suffix=True, add_names=True, add_givenname=True, et_al_min=4,
                  et_al_use_first=1)  # fmt: skip
    assert given_names_in_full(items, rules) == [frozenset({1}), frozenset({1}), frozenset()]
    assert (
        given_names_in_full(items, replace(rules, givenname_rule="all-names-with-initials"))
        == [frozenset()] * 3
    )
    texts = {
        e.key: e.text
        for e in render_csl(items, [i["id"] for i in items], "harvard-cite-them-right", cache=False)
    }
    assert texts["ken"].startswith("Callahan, D. and Kennedy, Ken (1987)")
    assert texts["k"].startswith("Callahan, D. and Kennedy, K. (1987)")
    assert texts["other"].startswith("Cooper, K. and Torczon, L. (1987)")
