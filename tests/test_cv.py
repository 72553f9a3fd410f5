"""pubconv.cv: selection, ordering, grouping, numbering and output assembly of CV bibliographies.

Most tests inject a fake renderer (the order and grouping logic does not depend on citeproc);
the ones marked "real engine" go through pubconv.citation.render_entries on our own fixtures.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

import pubconv
from pubconv import cv
from pubconv.model import Bibliography, PartialDate, Person, Publication
from strategies import publications

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "cv"

XIONG = Person("Xiong", "Zhiwei")
SAHIN = Person("Şimşekli", "Umut")
OTHER = Person("Berg", "Pieter", particle="van der")


def pub(
    key: str,
    year: int | None = 2020,
    *,
    title: str | None = None,
    authors: tuple[Person, ...] = (XIONG,),
    month: int | None = None,
    **kw: object,
) -> Publication:
    issued = PartialDate(year, month) if year else None
    return Publication(key, title=title or f"Title {key}", authors=authors, issued=issued, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FakeEntry:
    key: str
    text: str


@dataclass
class FakeRenderer:
    """Records its calls; renders ``[title]`` so tests can see which publication is where."""

    calls: list[dict[str, object]] = dataclasses.field(default_factory=list)

    def __call__(
        self,
        pubs: Sequence[Publication],
        style: str,
        locale: str,
        fmt: str,
        *,
        highlight: Sequence[str],
        order: str,
        cache: bool,
        jobs: int | None,
    ) -> list[FakeEntry]:
        self.calls.append(
            {"titles": [p.title for p in pubs], "style": style, "fmt": fmt, "order": order}
        )
        ordered = list(pubs)
        if order == "style":  # pretend the style sorts by title
            ordered.sort(key=lambda p: p.title or "")
        return [FakeEntry(p.key, f"[{p.title}]") for p in ordered]


def keys(pubs: Sequence[Publication]) -> list[str]:
    return [p.key for p in pubs]


# --- selection -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Zhiwei Xiong", "Xiong, Zhiwei", "Z. Xiong", "Xiong, Z."])
def test_author_spellings_select_the_same_person(query: str) -> None:
    pubs = [pub("a"), pub("b", authors=(OTHER,)), pub("c", authors=(OTHER, XIONG))]
    assert keys(cv.select(pubs, authors=[query]).publications) == ["a", "c"]


def test_author_accents_are_folded_and_editors_count() -> None:
    pubs = [pub("a", authors=(SAHIN,)), pub("b", authors=(), editors=(SAHIN,)), pub("c")]
    assert keys(cv.select(pubs, authors=["Umut Simsekli"]).publications) == ["a", "b"]
    assert keys(cv.select(pubs, authors=["Simsekli, U."]).publications) == ["a", "b"]


def test_several_authors_are_alternatives() -> None:
    pubs = [pub("a"), pub("b", authors=(SAHIN,)), pub("c", authors=(OTHER,))]
    chosen = cv.select(pubs, authors=["Z. Xiong", "U. Şimşekli"]).publications
    assert keys(chosen) == ["a", "b"]


def test_years_inclusive_and_undated_left_out_only_with_bounds() -> None:
    pubs = [pub("y19", 2019), pub("y20", 2020), pub("y22", 2022), pub("nd", None)]
    assert keys(cv.select(pubs, since=2020).publications) == ["y20", "y22"]
    assert keys(cv.select(pubs, until=2020).publications) == ["y19", "y20"]
    assert keys(cv.select(pubs, since=2020, until=2020).publications) == ["y20"]
    assert keys(cv.select(pubs).publications) == ["y19", "y20", "y22", "nd"]


def test_types_csl_bibtex_aliases_and_written_type() -> None:
    journal = pub("j", type="article-journal").with_hint("bibtex.type", "article")
    conf = pub("c", type="paper-conference").with_hint("bibtex.type", "inproceedings")
    preprint = pub("p", type="article")
    pubs = [journal, conf, preprint]
    assert keys(cv.select(pubs, types=["paper-conference"]).publications) == ["c"]
    assert keys(cv.select(pubs, types=["inproceedings"]).publications) == ["c"]
    assert keys(cv.select(pubs, types=["journal", "preprint"]).publications) == ["j", "p"]
    # "article" is CSL's preprint type and BibTeX's journal article: both are kept
    assert keys(cv.select(pubs, types=["article"]).publications) == ["j", "p"]


def test_unknown_type_suggests() -> None:
    with pytest.raises(ValueError, match=r"did you mean: .*paper-conference"):
        cv.select([pub("a")], types=["paper-conferense"])


def test_duplicates_merged_only_when_asked_and_reported() -> None:
    first = pub("a", 2024, title="<i>Echo</i> Maps")
    again = pub("a2", 2024, title="echo maps")  # same title once markup and case are folded
    later = pub("b", 2025, title="Echo Maps")  # a different year is a different paper
    selection = cv.select([first, again, later], dedupe=True)
    assert keys(selection.publications) == ["a", "b"]
    assert [(d.key, k.key) for d, k in selection.duplicates] == [("a2", "a")]
    assert selection.merges[0].reason.startswith("same title, year and venue")
    # off by default for a plain bibliography, on by default for an --author CV
    assert keys(cv.select([first, again]).publications) == ["a", "a2"]
    assert keys(cv.select([first, again], authors=["Zhiwei Xiong"]).publications) == ["a"]


def test_check_complete_is_located() -> None:
    from pubconv.model import Origin

    bare = dataclasses.replace(pub("x", None, authors=()), origin=Origin("jekyll", "p.md", 12, 1))
    found = cv.check_complete([pub("ok"), bare])
    assert [str(d) for d in found] == ["p.md:12:1: warning: x: no authors and no date"]


# --- ordering --------------------------------------------------------------------------


def test_sort_date_newest_first_undated_last_ties_stable() -> None:
    pubs = [pub("nd", None), pub("a", 2020), pub("b", 2024, month=3), pub("c", 2024, month=11)]
    pubs.append(pub("d", 2020))
    assert keys(cv.sort_publications(pubs, "date")) == ["c", "b", "a", "d", "nd"]
    assert keys(cv.sort_publications(pubs, "date", reverse=True)) == ["a", "d", "b", "c", "nd"]


def test_sort_author_folds_accents_and_particles_stay_with_given() -> None:
    pubs = [
        pub("b", authors=(Person("Baker", "A"),)),
        pub("a2", authors=(Person("Ávila", "B"),)),
        pub("a1", authors=(Person("Avila", "A"),)),
        pub("none", authors=()),
    ]
    assert keys(cv.sort_publications(pubs, "author")) == ["a1", "a2", "b", "none"]
    assert keys(cv.sort_publications(pubs, "author", reverse=True)) == ["b", "a2", "a1", "none"]


def test_sort_title_ignores_markup_and_case() -> None:
    pubs = [pub("z", title="zebra"), pub("i", title="<i>Ibis</i> songs"), pub("a", title="Ant")]
    assert keys(cv.sort_publications(pubs, "title")) == ["a", "i", "z"]


def test_sort_none_and_style_keep_input_order() -> None:
    pubs = [pub("b"), pub("a"), pub("c")]
    assert keys(cv.sort_publications(pubs, "none")) == ["b", "a", "c"]
    assert keys(cv.sort_publications(pubs, "style", reverse=True)) == ["c", "a", "b"]


# --- grouping and numbering ------------------------------------------------------------


def headings(groups: Sequence[cv.Group]) -> list[tuple[str | None, list[str]]]:
    return [(g.heading, keys(g.publications)) for g in groups]


def test_group_by_year() -> None:
    pubs = [pub("a", 2020), pub("nd", None), pub("b", 2024), pub("c", 2020)]
    assert headings(cv.group_publications(pubs, "year")) == [
        ("2024", ["b"]),
        ("2020", ["a", "c"]),
        ("Undated", ["nd"]),
    ]
    assert [g.heading for g in cv.group_publications(pubs, "year", oldest_first=True)] == [
        "2020",
        "2024",
        "Undated",
    ]


def test_group_by_type_in_cv_order() -> None:
    pubs = [
        pub("s", type="software"),
        pub("c", type="paper-conference"),
        pub("m", type="motion_picture"),
        pub("j", type="article-journal"),
    ]
    assert headings(cv.group_publications(pubs, "type")) == [
        ("Journal Articles", ["j"]),
        ("Conference Papers", ["c"]),
        ("Software", ["s"]),
        ("Motion Pictures", ["m"]),
    ]


def test_group_by_section_in_page_order() -> None:
    pubs = [pub("x"), pub("b", section="Theory"), pub("a", section="Imaging")]
    groups = cv.group_publications(pubs, "section", section_order=["Imaging", "Theory"])
    assert headings(groups) == [("Imaging", ["a"]), ("Theory", ["b"]), ("Other", ["x"])]


def test_numbers() -> None:
    assert cv.numbers(3, "reverse") == [3, 2, 1]
    assert cv.numbers(3, True) == cv.numbers(3, "normal") == [1, 2, 3]
    assert cv.numbers(3, False) is None
    with pytest.raises(ValueError, match="numbering"):
        cv.numbers(3, "backwards")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(publications(with_links=False), max_size=12),
    st.sampled_from([None, *cv.GROUPS]),
    st.sampled_from(["date", "author", "title", "none"]),
    st.booleans(),
)
def test_every_publication_once_and_numbers_count_down(
    pubs: list[Publication], group_by: str | None, sort: str, reverse: bool
) -> None:
    fake = FakeRenderer()
    unique = [dataclasses.replace(p, title=f"T{i}") for i, p in enumerate(pubs)]
    out = cv.render_cv(
        unique, "x", format="text", group_by=group_by, sort=sort, reverse=reverse,
        numbered="reverse", renderer=fake,
    )  # fmt: skip
    lines = [line for line in out.splitlines() if re.match(r"\s*\d+\. \[", line)]
    assert sorted(line.split("[", 1)[1] for line in lines) == sorted(
        f"T{i}]" for i in range(len(pubs))
    )
    assert [int(line.split(".")[0]) for line in lines] == list(range(len(pubs), 0, -1))
    # the renderer saw the display order, so numeric styles' labels agree with it
    if pubs:
        shown = [line.split("[", 1)[1].rstrip("]") for line in lines]
        assert fake.calls[0]["titles"] == shown
        assert fake.calls[0]["order"] == "given"


# --- assembling ------------------------------------------------------------------------

GROUPS = [("2024 & <later>", ["[one]", "[two]"]), ("2020", ["[three]"])]


def test_assemble_html_reversed_lists_parse() -> None:
    out = cv.assemble(GROUPS, "html", "reverse")
    root = lxml_html.fragment_fromstring(out)
    assert [h.text for h in root.iter("h2")] == ["2024 & <later>", "2020"]
    lists = list(root.iter("ol"))
    assert [(o.get("start"), o.get("reversed")) for o in lists] == [
        ("3", "reversed"),
        ("1", "reversed"),
    ]
    assert [li.text for li in root.iter("li")] == ["[one]", "[two]", "[three]"]


def test_assemble_html_plain_and_counting_up() -> None:
    up = lxml_html.fragment_fromstring(cv.assemble(GROUPS, "html", True))
    assert [o.get("start") for o in up.iter("ol")] == ["1", "3"]
    assert all(o.get("reversed") is None for o in up.iter("ol"))
    plain = lxml_html.fragment_fromstring(cv.assemble(GROUPS, "html"))
    assert not list(plain.iter("ol"))
    assert len(plain.find_class("csl-entry")) == 3


def test_assemble_latex_explicit_labels_and_escaped_headings() -> None:
    out = cv.assemble(GROUPS, "latex", "reverse")
    assert r"\subsection*{2024 \& <later>}" in out
    assert re.findall(r"\\item\[(\d+)\.\]", out) == ["3", "2", "1"]
    assert out.count(r"\begin{enumerate}") == out.count(r"\end{enumerate}") == 2
    assert r"\begin{itemize}" in cv.assemble(GROUPS, "latex")


def test_assemble_markdown() -> None:
    down = cv.assemble(GROUPS, "markdown", "reverse")
    assert "## 2024 & \\<later\\>" in down
    # a countdown cannot be a Markdown list (renderers count up): literal numbers instead
    assert re.findall(r"^(\d+)\\\. ", down, re.M) == ["3", "2", "1"]
    up = cv.assemble(GROUPS, "markdown", True)
    assert re.findall(r"^(\d+)\. ", up, re.M) == ["1", "2", "3"]
    assert re.findall(r"^- ", cv.assemble(GROUPS, "markdown"), re.M) == ["- "] * 3


def test_assemble_text_and_heading_levels() -> None:
    out = cv.assemble(GROUPS, "text", True)
    assert out.splitlines()[:3] == ["2024 & <later>", "", "1. [one]"]
    assert "#### 2020" in cv.assemble(GROUPS, "markdown", heading_level=4)
    assert r"\paragraph*{2020}" in cv.assemble(GROUPS, "latex", heading_level=4)
    with pytest.raises(ValueError, match="heading level"):
        cv.assemble(GROUPS, "html", heading_level=7)


def test_assemble_empty_is_empty() -> None:
    assert cv.assemble([], "text") == ""
    assert cv.render_cv([], renderer=FakeRenderer()) == ""


# --- the whole run with a fake engine --------------------------------------------------


def test_cite_style_order_then_groups() -> None:
    fake = FakeRenderer()
    pubs = [pub("a", 2020, title="b"), pub("b", 2024, title="c"), pub("c", 2020, title="a")]
    out = cv.cite(pubs, "apa", group_by="year", renderer=fake)
    assert fake.calls[0]["order"] == "style"
    assert out == "2024\n\n[c]\n\n2020\n\n[a]\n[b]\n"


def test_cite_repeated_keys_are_kept_apart() -> None:
    fake = FakeRenderer()
    pubs = [pub("k", 2020, title="one"), pub("k", 2021, title="two")]
    assert cv.cite(pubs, sort="date", renderer=fake) == "[two]\n[one]\n"


def test_cite_bad_options() -> None:
    with pytest.raises(ValueError, match="after"):
        cv.cite([pub("a")], since=2024, until=2020, renderer=FakeRenderer())
    with pytest.raises(ValueError, match="format"):
        cv.cite([pub("a")], format="rtf", renderer=FakeRenderer())
    with pytest.raises(ValueError, match="sort"):
        cv.cite([pub("a")], sort="random", renderer=FakeRenderer())


# --- real engine, our own fixtures -----------------------------------------------------


def test_top_level_cite_is_a_function_beside_the_citation_package() -> None:
    import pubconv.citation.output  # the engine lives in pubconv.citation, not pubconv.cite

    assert callable(pubconv.cite)
    out = pubconv.cite([pub("a", 2021, title="Alone")], "apa", cache=False)
    assert "Alone" in out


def test_lab_page_cv_highlight_in_every_format() -> None:
    bib = pubconv.load(str(FIX / "lab.md"))
    common = {
        "authors": ["Sahin, M."],
        "highlight": ["Marta Şahin"],
        "group_by": "year",
        "sort": "date",
        "numbered": "reverse",
        "cache": False,
    }
    html_out = pubconv.cite(bib, "apa", format="html", **common)
    root = lxml_html.fragment_fromstring(html_out)
    # 6 entries on the page; one repeats (same title and year); one is not hers
    items = list(root.iter("li"))
    assert len(items) == 4
    assert [h.text for h in root.iter("h2")] == ["2024", "2022", "2021"]
    assert root.find(".//ol").get("start") == "4"
    # highlighted whatever the spelling on the page (Şahin, Sahin, M. Sahin)
    assert all(any("ahin" in (b.text or "") for b in li.iter("b")) for li in items)
    assert "Hearing Shapes &amp; Seeing Sounds" in html_out
    md = pubconv.cite(bib, "apa", format="markdown", **common)
    assert md.count("**") == 8
    assert "A 50% Faster Reverb\\_Solver" in md
    tex = pubconv.cite(bib, "ieee", format="latex", **common)
    assert r"A 50\% Faster Reverb\_Solver" in tex
    assert tex.count(r"\textbf{") == 4


def test_bib_fixture_cv() -> None:
    bib = pubconv.load(str(FIX / "cv.bib"))
    out = pubconv.cite(
        bib, "apa", format="html", authors=["M. Sahin"], highlight=["Sahin, Marta"],
        group_by="type", sort="date", numbered="reverse", cache=False,
    )  # fmt: skip
    root = lxml_html.fragment_fromstring(out)
    heads = [h.text for h in root.iter("h2")]
    assert heads[:2] == ["Journal Articles", "Conference Papers"]
    assert "Theses" in heads
    entries = [etree.tostring(li, encoding="unicode", method="text") for li in root.iter("li")]
    # 7 are hers (one as editor); nunez2023room and the proceedings volume are not
    assert len(entries) == 7
    assert not any("Never Quiet" in e for e in entries)
    # the crossref'd paper inherits its year and proceedings
    assert any("Echo maps" in e and "2022" in e and "Silent Vision" in e for e in entries)


def compile_latex(body: str, directory: Path) -> None:
    """Compile ``body`` in a minimal document with the first TeX engine found (else skip)."""
    engine = shutil.which("lualatex") or shutil.which("pdflatex")
    if engine is None:
        pytest.skip("no TeX engine (lualatex or pdflatex) on PATH")
    preamble = (
        ""
        if engine.endswith("lualatex")
        else "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
    )
    (directory / "cv.tex").write_text(
        f"\\documentclass{{article}}\n{preamble}\\begin{{document}}\n{body}\\end{{document}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "cv.tex"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert (directory / "cv.pdf").stat().st_size > 0


@pytest.mark.interop
def test_lab_page_cv_latex_compiles(tmp_path: Path) -> None:
    bib = pubconv.load(str(FIX / "lab.md"))
    tex = pubconv.cite(
        bib, "apa", format="latex", authors=["Marta Sahin"], highlight=["Marta Sahin"],
        group_by="section", numbered="reverse", cache=False,
    )  # fmt: skip
    compile_latex(tex, tmp_path)


def test_bibliography_of_publications_or_bibliography() -> None:
    pubs = [pub("a", 2021, title="Alone")]
    fake = FakeRenderer()
    assert cv.cite(Bibliography.of(pubs), renderer=fake) == cv.cite(pubs, renderer=fake)


def test_numeric_style_shows_the_cv_numbers_as_its_own_labels() -> None:
    """IEEE labels entries itself (``[1]``): a numbered CV puts its numbers there (counting
    down with ``reverse``) instead of a second number in front of each entry."""
    pubs = [pub("a", 2020, title="Alpha"), pub("b", 2022, title="Beta"), pub("c", 2021)]
    for fmt in ("text", "markdown", "latex", "html"):
        out = cv.cite(pubs, "ieee", format=fmt, sort="date", numbered="reverse", cache=False)
        labels = re.findall(r"\\?\[(\d+)\\?\]", out)
        assert labels == ["3", "2", "1"], (fmt, out)
        assert not re.search(r"^\s*\d+\.\s", out, re.MULTILINE), out  # no second number
        assert out.index("Beta") < out.index("Title c") < out.index("Alpha")
    counted = cv.cite(pubs, "ieee", sort="style", numbered=True, cache=False)
    assert re.findall(r"\[(\d+)\]", counted) == ["1", "2", "3"]
    plain = cv.cite(pubs, "apa", sort="date", numbered="reverse", cache=False)
    assert re.findall(r"^(\d+)\. ", plain, re.MULTILINE) == ["3", "2", "1"]
