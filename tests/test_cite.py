"""pubconv.citation: styles, locales, output escaping, highlighting and each citeproc-py fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pubconv.citation import list_styles, render_entries, resolve_style
from pubconv.citation import output as out
from pubconv.citation.fixes import flip_quotes, initialize, normalise_initials
from pubconv.citation.markup import to_marked
from pubconv.errors import CitationError
from pubconv.model import OTHERS, PartialDate, Person, Publication

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "cite"


def _article(key: str, title: str, *authors: Person, year: int | None = 2020) -> Publication:
    return Publication(
        key,
        title=title,
        authors=authors,
        issued=PartialDate(year) if year else None,
        container_title="Journal of Tests",
        volume="3",
        pages="10-20",
    )


SMITH = Person("Smith", "John")
XIONG = Person("Xiong", "Zhiwei")


def texts(pubs: list[Publication], style: str = "apa", **kw: object) -> list[str]:
    return [e.text for e in render_entries(pubs, style, cache=False, **kw)]  # type: ignore[arg-type]


# --- styles and locales ---------------------------------------------------------------


def test_resolve_dependent_style_to_parent() -> None:
    assert resolve_style("nature-digest").name == resolve_style("nature").name
    assert resolve_style("apa").name == "apa.csl"


def test_unknown_style_suggests() -> None:
    with pytest.raises(CitationError, match=r"did you mean: .*apa"):
        resolve_style("apaa")


def test_list_styles_query() -> None:
    found = dict(list_styles("chicago author date"))
    assert "chicago-author-date" in found
    assert all("chicago" in i or "chicago" in t.lower() for i, t in found.items())


def test_external_entity_refused_and_not_resolved() -> None:
    with pytest.raises(CitationError, match="entities") as info:
        render_entries([_article("a", "T", SMITH)], str(FIX / "xxe.csl"), cache=False)
    assert "root:" not in str(info.value)


def test_malformed_style() -> None:
    with pytest.raises(CitationError, match="malformed"):
        render_entries([_article("a", "T", SMITH)], str(FIX / "malformed.csl"), cache=False)


def test_style_without_bibliography() -> None:
    with pytest.raises(CitationError, match="no bibliography"):
        render_entries([_article("a", "T", SMITH)], str(FIX / "no-bibliography.csl"), cache=False)


def test_unknown_locale() -> None:
    with pytest.raises(CitationError, match="unknown CSL locale"):
        render_entries([_article("a", "T", SMITH)], "apa", "xx-YY", cache=False)


def test_other_locale_terms() -> None:
    [text] = texts([Publication("b", type="book", title="Buch", editors=(SMITH,))], locale="de-DE")
    assert "(Hrsg.)" in text


# --- rendering ------------------------------------------------------------------------


def test_keys_stay_case_sensitive() -> None:
    entries = render_entries(
        [_article("Smith2020", "Upper", SMITH), _article("smith2020", "Lower", SMITH)],
        "apa",
        cache=False,
    )
    assert {e.key: e.text.split(". ")[-3] for e in entries} == {
        "Smith2020": "Upper",
        "smith2020": "Lower",
    } or {e.key for e in entries} == {"Smith2020", "smith2020"}
    by_key = {e.key: e.text for e in entries}
    assert "Upper" in by_key["Smith2020"] and "Lower" in by_key["smith2020"]


def test_year_suffixes_author_date() -> None:
    a, b = texts([_article("x", "Beta", SMITH), _article("y", "Alpha", SMITH)])
    assert "(2020a). Alpha" in a and "(2020b). Beta" in b


def test_no_year_suffix_in_numeric_style() -> None:
    got = texts([_article("x", "Beta", SMITH), _article("y", "Alpha", SMITH)], "ieee")
    assert all("2020a" not in t for t in got)


def test_numeric_label_space_and_quote_punctuation() -> None:
    [text] = texts([_article("x", "A title", SMITH)], "ieee")
    assert text.startswith("[1] J. Smith, “A title,” ")


def test_order_given_keeps_input_order() -> None:
    pubs = [_article("z", "Zeta", Person("Zed", "A")), _article("a", "Alpha", Person("Abe", "B"))]
    assert [e.key for e in render_entries(pubs, order="given", cache=False)] == ["z", "a"]
    assert [e.key for e in render_entries(pubs, order="style", cache=False)] == ["a", "z"]


def test_no_authors_no_date_renders_once() -> None:
    [text] = texts([Publication("n", type="book", title="Anonymous work", publisher="P")])
    assert text.count("Anonymous work") == 1
    assert "(n.d.)" in text


def test_and_others_is_et_al() -> None:
    [text] = texts([_article("o", "T", SMITH, OTHERS)], "ieee")
    assert "et al." in text and "others" not in text


def test_editor_label_title_case() -> None:
    pub = Publication(
        "c",
        type="chapter",
        title="Chap",
        authors=(SMITH,),
        editors=(Person("Ed", "Al"),),
        container_title="Book",
        issued=PartialDate(2019),
        publisher="MIT",
    )
    [text] = texts([pub])
    assert "(Ed.)" in text


def test_thesis_has_no_publication_label() -> None:
    pub = Publication(
        "t", type="thesis", title="A thesis", authors=(SMITH,), issued=PartialDate(2019)
    )
    item_text = texts([pub])[0]
    assert "Publication" not in item_text


def test_question_mark_not_followed_by_period() -> None:
    [text] = texts([_article("q", "What issues?", SMITH)])
    assert "issues?." not in text and "What issues? " in text


# --- highlight and output formats -----------------------------------------------------


@pytest.mark.parametrize(
    ("style", "bold"),
    [
        ("apa", "<b>Xiong, Z.</b>"),
        ("ieee", "<b>Z. Xiong</b>"),
        ("chicago-author-date", "<b>Zhiwei Xiong</b>"),
    ],
)
def test_highlight_person_in_every_form(style: str, bold: str) -> None:
    pub = _article("h", "T", SMITH, XIONG)
    for query in ("Zhiwei Xiong", "Xiong, Z.", "Z. Xiong"):
        [text] = texts([pub], style, fmt="html", highlight=[query])
        assert bold in text, (query, text)
        assert text.count("<b>") == 1


def test_highlight_truncated_by_et_al_is_harmless() -> None:
    many = (*(Person(f"Author{i}", "A") for i in range(25)), XIONG)
    [text] = texts([_article("m", "T", *many)], "ieee", fmt="html", highlight=["Zhiwei Xiong"])
    assert "et al." in text and "<b>" not in text


def test_html_escaping_and_markup() -> None:
    [text] = texts([_article("e", "R&D <i>in vivo</i> a<b", SMITH)], fmt="html")
    assert "R&amp;D <i>in vivo</i> a&lt;b" in text
    etree.fromstring(f"<p>{text}</p>")


def test_latex_escaping() -> None:
    [text] = texts([_article("e", "50% of R&D_x $x^2$", SMITH)], fmt="latex")
    assert r"50\% of R\&D\_x $x^2$" in text
    assert r"\emph{Journal of Tests}" in text


def test_markdown_escaping() -> None:
    [text] = texts([_article("e", "a*b_c [x]", SMITH)], fmt="markdown")
    assert r"a\*b\_c \[x\]" in text and "*Journal of Tests*" in text


def test_unknown_format() -> None:
    with pytest.raises(CitationError, match="format"):
        texts([_article("e", "T", SMITH)], fmt="rtf")


# --- fix units against the CSL specification's examples -------------------------------


@pytest.mark.parametrize(
    ("given", "mark", "hyphen", "expected"),
    [
        ("Jean-Luc", ". ", True, "J.-L."),
        ("Jean-Luc", ".", False, "J.L."),
        ("Li-wei", ". ", True, "L."),
        ("John Ronald Reuel", ". ", True, "J. R. R."),
        ("John Ronald Reuel", ".", True, "J.R.R."),
        ("J.R.R.", ". ", True, "J. R. R."),
        ("Jean de", ". ", True, "J. de"),
    ],
)
def test_initialize(given: str, mark: str, hyphen: bool, expected: str) -> None:
    assert initialize(given, mark, hyphen) == expected


def test_initialize_false_keeps_names() -> None:
    assert normalise_initials("James T Kirk", ". ") == "James T. Kirk"


def test_flip_quotes() -> None:
    flipped = flip_quotes("a “b” c", ("“", "”"), ("‘", "’"))
    assert flipped == "a ‘b’ c"


def test_punctuation_in_quote_output() -> None:
    marked = "“Title\ue012”\ue013, next"
    assert out.render(marked, "text", punctuation_in_quote=True) == "“Title,” next"
    assert out.render(marked, "text", punctuation_in_quote=False) == "“Title”, next"


def test_to_marked_round_trip_of_markup() -> None:
    marked = to_marked('<i>a</i> <span style="font-variant:small-caps;">b</span> <sup>2</sup>')
    assert out.render(marked, "html") == (
        '<i>a</i> <span style="font-variant:small-caps;">b</span> <sup>2</sup>'
    )


def test_progress_bar_only_on_a_terminal() -> None:
    import io

    from pubconv.citation.progress import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        with Progress(300, stream) as bar:
            bar.advance(150)
            bar.advance(150)
    assert "150/300" in tty.getvalue() and "300/300" in tty.getvalue()
    assert pipe.getvalue() == ""
    short = Tty()
    with Progress(10, short) as bar:
        bar.advance(10)
    assert short.getvalue() == ""


def test_title_case_compound_words_and_leading_punctuation() -> None:
    from pubconv.citation.fixes import title_case_word

    assert title_case_word("context-sensitive", False) == "Context-Sensitive"
    assert title_case_word("optimizer—design", False) == "Optimizer—Design"
    assert title_case_word("(volume", False) == "(Volume"
    assert title_case_word("30th", False) == "30th"
    assert title_case_word("3GSE", True) == "3GSE"
    assert title_case_word("of", False) == "of"
    assert title_case_word("of", True) == "Of"


def test_hyphenated_initials_keep_or_drop_the_hyphen() -> None:
    from pubconv.citation.fixes import initialize

    assert initialize("K.-H.", ". ", True) == "K.-H."
    assert initialize("Karl-Heinz", ". ", True) == "K.-H."
    assert initialize("K.-H.", "", False) == "KH"


def test_label_needs_its_variable_and_macro_counts_as_variable() -> None:
    from pubconv.citation.engine import render_csl

    paper = {"id": "p", "type": "paper-conference", "title": "Lazy code motion", "page": "1-9"}
    chicago = render_csl([paper], ["p"], "chicago-author-date", cache=False)[0].text
    assert "Edition" not in chicago  # cs:label with an empty edition renders nothing
    nlm = render_csl([paper], ["p"], "vancouver", cache=False)[0].text
    assert "In." in nlm  # the non-empty "in" macro is a non-empty variable (CSL 1.0.2 group)


def test_period_moves_inside_a_quotation_from_the_data() -> None:
    from pubconv.citation.output import render

    assert render("on “B”. Next", "text", punctuation_in_quote=True) == "on “B.” Next"
    assert render("on “B”. Next", "text", punctuation_in_quote=False) == "on “B”. Next"


def test_localized_date_parts_use_the_locale_delimiter() -> None:
    """CSL 1.0.2: ``<date form="text">`` renders the locale's date format with its delimiter."""
    pub = Publication(
        key="d",
        type="article-journal",
        title="T",
        authors=(Person(family="Smith", given="Jane"),),
        issued=PartialDate(1993, 9, 4),
        container_title="J",
        volume="1",
        issue="2",
        pages="3–4",
    )
    text = render_entries([pub], "vancouver", cache=False)[0].text
    assert "1993 Sep 4;1(2):3–4" in text


def test_straight_apostrophes_print_as_typographic_ones() -> None:
    pub = Publication(
        key="o",
        type="book",
        title="Renvoise's Guide to '98",
        authors=(Person(family="O'Callahan", given="Robert"),),
        issued=PartialDate(1998),
        publisher="IBM",
        url="https://example.org/it's",
    )
    text = render_entries([pub], "apa", cache=False)[0].text
    assert "O’Callahan" in text and "Renvoise’s Guide to ’98" in text
    assert "https://example.org/it's" in text


def test_initials_written_together_are_spaced_when_names_stay_whole() -> None:
    """Chicago keeps full given names (``initialize="false"``) but sets initials with its mark."""
    assert normalise_initials("F.E.", ". ") == "F. E."
    assert normalise_initials("James T", ". ") == "James T."
    assert normalise_initials("J.R.R. Tolkien", ".") == "J.R.R. Tolkien"


def test_title_case_across_case_protected_pieces_keeps_words_whole() -> None:
    pub = Publication(
        key="g",
        type="article-journal",
        title='A Graham-<span class="nocase">G</span>lanville style: '
        '<span class="nocase">`U</span>se-once’ variables',
        authors=(Person(family="Smith", given="Jane"),),
        issued=PartialDate(1993),
        container_title="J",
    )
    text = render_entries([pub], "chicago-author-date", cache=False)[0].text
    assert "“A Graham-Glanville Style: `Use-Once’ Variables.”" in text


def test_title_case_capitalises_a_last_stop_word_and_knows_about() -> None:
    """CSL 1.0.2 "Title Case Conversion": stop words stay lower case "unless they are the first
    or last word in the string, or follow a colon"; ``about`` is a stop word."""
    pub = Publication(
        key="h",
        type="article-journal",
        title="Pointer analysis: haven't we solved this problem yet? Everything about it",
        authors=(Person(family="Hind", given="Michael"),),
        issued=PartialDate(2001),
        container_title="J",
    )
    pub2 = Publication(
        key="h2",
        type="article-journal",
        title="Haven't we solved this problem yet?",
        authors=(Person(family="Hind", given="Michael"),),
        issued=PartialDate(2002),
        container_title="J",
    )
    texts = [e.text for e in render_entries([pub, pub2], "chicago-author-date", cache=False)]
    assert (
        "“Pointer Analysis: Haven’t We Solved This Problem yet? Everything about It.”" in texts[0]
    )
    assert "“Haven’t We Solved This Problem Yet?”" in texts[1]


def test_affix_space_before_a_punctuation_delimiter_is_dropped() -> None:
    """IEEE's series group ends in the suffix ``". "`` and its parent joins with ``", "``:
    ``Systems., Berlin`` (pandoc alike), not ``Systems. , Berlin``."""
    from pubconv.citation.engine import render_csl

    chapter = {
        "id": "j",
        "type": "chapter",
        "title": "Common subexpression isolation",
        "author": [{"family": "Jarke", "given": "Matthias"}],
        "container-title": "Query Processing in Database Systems",
        "collection-title": "Topics in Information Systems",
        "publisher": "Springer",
        "publisher-place": "Berlin",
        "issued": {"date-parts": [[1985]]},
    }
    text = render_csl([chapter], ["j"], "ieee", cache=False)[0].text
    assert "in Topics in Information Systems., Berlin: Springer" in text


@pytest.mark.parametrize(
    ("fmt", "ranges"),
    [
        # CSL 1.0.2 Appendix V, the examples of each format
        ("chicago-15", ["3-10", "71-72", "100-104", "600-613", "1100-1123", "107-108", "505-517",
                        "1002-1006", "321-325", "415-532", "11564-11568", "13792-13803",
                        "1496-1504", "2787-2816"]),
        ("chicago-16", ["3-10", "71-72", "92-113", "100-104", "600-613", "1100-1123", "107-108",
                        "505-517", "1002-1006", "321-325", "415-532", "1087-1089", "1496-1500",
                        "11564-11568", "13792-13803", "12991-13001"]),
        ("expanded", ["42-45", "321-328", "2787-2816"]),
        ("minimal", ["42-45", "321-328", "2787-2816"]),
        ("minimal-two", ["1-25", "1-30", "42-45", "321-328", "2787-2816"]),
    ],
)  # fmt: skip
def test_page_range_formats_follow_the_specification(fmt: str, ranges: list[str]) -> None:
    from pubconv.citation.fixes import last_page

    expected = {
        "chicago-15": ["10", "72", "104", "613", "1123", "8", "17", "6", "25", "532", "68",
                       "803", "1504", "2816"],
        "chicago-16": ["10", "72", "113", "104", "613", "1123", "8", "17", "6", "25", "532",
                       "89", "500", "68", "803", "3001"],
        "expanded": ["45", "328", "2816"],
        "minimal": ["5", "8", "816"],
        "minimal-two": ["25", "30", "45", "28", "816"],
    }[fmt]  # fmt: skip
    got = [last_page(*r.split("-"), fmt) for r in ranges]
    assert got == expected


def test_abbreviated_page_range_ends_are_completed_first() -> None:
    from pubconv.citation.fixes import last_page

    assert last_page("146", "60", "expanded") == "160"
    assert last_page("146", "60", "chicago-16") == "60"
    assert last_page("146", "60", None) == "60"  # no page-range-format: as given
    assert last_page("A12", "A19", "minimal") == "9"
    assert last_page("98", "102", "minimal") == "102"
    assert last_page("12", "ix", "minimal") == "ix"


def _mla_pub(key: str, title: str, *authors: tuple[str, str], year: int = 2020) -> Publication:
    return Publication(
        key=key,
        type="article-journal",
        title=title,
        authors=tuple(Person(family=f, given=g) for f, g in authors),
        issued=PartialDate(year),
        container_title="Journal",
    )


def test_subsequent_author_substitute_replaces_a_repeated_name_list() -> None:
    """CSL 1.0.2 ``subsequent-author-substitute`` (MLA: ``———``), rule ``complete-all``: the
    whole list, et al. included, "when all rendered names of the name variable match those in
    the preceding bibliographic entry"; the period the list absorbed comes back."""
    doe = ("Doe", "Jane")
    pubs = [
        _mla_pub("a", "Alpha", doe),
        _mla_pub("b", "Beta", doe),
        _mla_pub("c", "Gamma", doe, ("Zoe", "Zack"), ("Poe", "Pat")),
        _mla_pub("d", "Delta", doe, ("Zoe", "Zed"), ("Poe", "Pat")),
        _mla_pub("e", "Epsilon", doe, ("Zoe", "Zed"), ("Poe", "Pat")),
    ]
    texts = [e.text for e in render_entries(pubs, "modern-language-association", cache=False)]
    assert [t.split("“")[1].split(".")[0] for t in texts] == [
        "Alpha", "Beta", "Delta", "Epsilon", "Gamma"
    ]  # fmt: skip
    assert texts[0].startswith("Doe, Jane. “Alpha.”")
    assert texts[1].startswith("———. “Beta.”")
    # Delta, Epsilon and Gamma all print "Doe, Jane, et al." (their families agree, so no
    # name is added): the rendered names match, though Gamma has Zack Zoe, not Zed Zoe
    assert texts[2].startswith("Doe, Jane, et al. “Delta.”")
    assert texts[3].startswith("———. “Epsilon.”")
    assert texts[4].startswith("———. “Gamma.”")
    html = [
        e.text for e in render_entries(pubs, "modern-language-association", fmt="html", cache=False)
    ]
    assert html[1].startswith("———. “Beta.”")
    assert "\ue014" not in "".join(texts + html)  # no marker leaks


def test_subsequent_author_substitute_starts_again_in_each_cv_group() -> None:
    from pubconv import cv

    doe = ("Doe", "Jane")
    pubs = [_mla_pub("a", "Alpha", doe, year=2021), _mla_pub("b", "Beta", doe, year=2020),
            _mla_pub("c", "Gamma", doe, year=2020)]  # fmt: skip
    out = cv.cite(pubs, "modern-language-association", group_by="year", sort="date", cache=False)
    lines = [line for line in out.splitlines() if "“" in line]
    assert lines[0].startswith("Doe, Jane. “Alpha")  # 2021
    assert lines[1].startswith("Doe, Jane. “Beta")  # first of 2020: not substituted
    assert lines[2].startswith("———. “Gamma")


def test_year_suffix_goes_after_the_first_year_when_the_style_does_not_place_it() -> None:
    """CSL 1.0.2: "By default, the year-suffix is appended the first year rendered through
    cs:date"; Elsevier Harvard never renders ``year-suffix`` itself."""
    chase = (Person(family="Chase", given="David R."), Person(family="Wegman", given="Mark"))
    pubs = [
        Publication(key="a", type="book", title="Analysis", authors=chase,
                    issued=PartialDate(1990)),
        Publication(key="b", type="book", title="Pointers", authors=chase,
                    issued=PartialDate(1990)),
    ]  # fmt: skip
    texts = {e.key: e.text for e in render_entries(pubs, "elsevier-harvard", cache=False)}
    assert texts["a"].startswith("Chase, D.R., Wegman, M., 1990a. Analysis")
    assert texts["b"].startswith("Chase, D.R., Wegman, M., 1990b. Pointers")


def test_no_space_before_punctuation_and_colon_absorbs_a_period() -> None:
    from citeproc.string import String

    from pubconv.citation.fixes.punctuation import _before_punctuation, merge_seam

    assert str(_before_punctuation("2006. ", ", AAAI")) == "2006."
    assert str(_before_punctuation("2006. ", ": AAAI")) == "2006. "  # French spacing kept
    assert str(merge_seam(String("Lang 7:"), String(". "))) == " "
    assert str(merge_seam(String("Lang 7,"), String(". "))) == ". "


def test_implicit_year_suffix_in_a_localized_date() -> None:
    """Frontiers renders the year as a localized date (the locale's date parts): the suffix
    still follows the year."""
    cocke = (Person(family="Cocke", given="J."),)
    pubs = [
        Publication(key=k, type="book", title=t, authors=cocke, issued=PartialDate(1970))
        for k, t in (("a", "Programming"), ("b", "Compilers"))
    ]
    texts = {e.key: e.text for e in render_entries(pubs, "frontiers", cache=False)}
    assert texts["b"].startswith("Cocke, J. (1970a). Compilers")
    assert texts["a"].startswith("Cocke, J. (1970b). Programming")


def test_a_piece_bringing_its_own_punctuation_replaces_the_delimiter() -> None:
    """LNCS joins container, pages and publisher with ". "; a publisher macro that starts with
    ", place" (no publisher) reads ``pp. 32–59, Jyväskylä``, not ``pp. 32–59. , Jyväskylä``."""
    from pubconv.citation.engine import render_csl

    paper = {
        "id": "p",
        "type": "paper-conference",
        "title": "Balloon types",
        "author": [{"family": "Almeida", "given": "Paulo Sérgio"}],
        "issued": {"date-parts": [[1997]]},
        "container-title": "ECOOP ’97",
        "page": "32-59",
        "publisher-place": "Jyväskylä, Finland",
    }
    text = render_csl([paper], ["p"], "springer-lecture-notes-in-computer-science", cache=False)[0]
    assert "In: ECOOP ’97. pp. 32–59, Jyväskylä, Finland (1997)." in text.text


def test_choose_branches_merge_punctuation_through_markers() -> None:
    """Turabian joins a ``cs:choose`` branch with the group's ``". "``: a name list ending in an
    initial (marked for subsequent-author-substitute) reads ``Steven S. 1997``, not ``S.. 1997``."""
    book = Publication(
        key="m",
        type="book",
        title="Advanced compiler design",
        authors=(Person(family="Muchnick", given="Steven S."),),
        issued=PartialDate(1997),
        publisher="Morgan Kaufmann",
    )
    text = render_entries([book], "turabian-author-date", cache=False)[0].text
    assert text.startswith("Muchnick, Steven S. 1997. Advanced Compiler Design.")


@pytest.mark.parametrize(
    "style",
    [
        "asian-myrmecology",  # cs:name-part text-case="capitalize-first" on a plain str
        "bakhtiniana-journal-of-discourse-studies",  # capitalize-all over mixed pieces
        "uclouvain-centre-charles-de-visscher-pour-le-droit-international-et-europeen",
    ],
)
def test_styles_that_crashed_citeproc_py_render(style: str) -> None:
    pub = Publication(
        key="k",
        type="article-journal",
        title="a study of things",
        authors=(
            Person(family="di Battista", given="Giuseppe"),
            Person(family="Tamassia", given="R."),
        ),
        issued=PartialDate(1989),
        container_title="journal of tests",
        pages="1-9",
    )
    text = render_entries([pub], style, cache=False)[0].text
    assert "tamassia" in text.casefold()  # some styles set family names in capitals


def test_a_notes_style_without_bibliography_is_a_clear_error() -> None:
    with pytest.raises(CitationError, match="no bibliography section"):
        render_entries(
            [Publication(key="k", title="T")],
            "the-chinese-journal-of-international-politics",
            cache=False,
        )
