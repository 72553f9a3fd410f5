"""Issue 9: everyday entries cite correctly (types, sentence case, arXiv, theses, edited books,
proceedings) and BibTeX written from CSL-JSON is valid.  One test per bullet, with the issue's
own strings where it quotes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pubconv
from pubconv import cv
from pubconv.citation import render_entries
from pubconv.citation.output import render
from pubconv.cli import main
from pubconv.dedupe import merge_duplicates, same_work
from pubconv.model import Link, PartialDate, Person, Publication
from pubconv.registry import WriteOptions

ROOT = Path(__file__).parent.parent
LAB_BIB = ROOT / "fixtures" / "example" / "lab.bib"
TYPES_BIB = ROOT / "fixtures" / "cite" / "types.bib"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path / "cache"))


def cite_bib(text: str, style: str = "apa", **kw: object) -> list[str]:
    bib = pubconv.loads(text, "bibtex")
    return pubconv.cite(bib, style, cache=False, **kw).splitlines()  # type: ignore[arg-type]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# --- rendering incomplete items -----------------------------------------------------------


def test_readme_example_exits_0_and_renders_the_proceedings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["cite", str(LAB_BIB), "--style", "apa"], capsys)
    assert code == 0, err
    # a @proceedings crossref parent with editors but no authors: title in the author position
    assert "European conference on computer vision 2024. (2024). Springer." in out.splitlines()
    assert "lab.bib:30:1: warning: eccv2024: no authors" in err
    code, out, err = run(["cite", str(LAB_BIB), "--style", "apa", "--strict"], capsys)
    assert code == 1 and out == ""
    assert "lab.bib:30:1: error: eccv2024: no authors" in err


def test_no_date_is_nd() -> None:
    lines = cite_bib("@book{b, author = {Smith, J.}, title = {Undated Things}}")
    assert lines == ["Smith, J. (n.d.). Undated things."]


# --- types and fields -------------------------------------------------------------------

EDITED = """@book{ed, editor = {Smith, J. and Doe, J.}, title = {An Edited Volume}, year = 2020,
  publisher = {Example Press}}
@proceedings{pr, editor = {Smith, J. and Doe, J.}, title = {An Edited Volume}, year = 2021}
@manual{man, title = {A Manual}, organization = {Org}, edition = {3}, year = 2021}"""


def test_edited_books_and_manuals_print_editors_and_edition_once() -> None:
    lines = cite_bib(EDITED)
    assert "Smith, J., & Doe, J. (Eds.). (2020). An edited volume. Example Press." in lines
    assert "Smith, J., & Doe, J. (Eds.). (2021). An edited volume." in lines
    assert "A manual (3rd ed.). (2021). Org." in lines
    assert not any("(J. Smith & J. Doe, Eds.)" in line for line in lines)


def test_theses_reports_arxiv_and_howpublished() -> None:
    lines = cite_bib(TYPES_BIB.read_text(encoding="utf-8"))
    text = "\n".join(lines)
    assert "Statistical models of cell membranes [PhD thesis]. University of Example." in text
    assert "Tracking vesicles in noisy video [Master’s thesis]." in text
    assert "Learning to see membranes [PhD thesis]" in text  # @thesis, type = {phdthesis}
    assert "Imaging facility annual review [Annual report]. Example Research Centre." in text
    assert "foundation models. https://arxiv.org/abs/2401.01234" in text
    assert "calibration targets. https://example.org/notes/calibration" in text
    assert "[Https://" not in text and "ArXiv" not in text
    assert "Image restoration in practice. Example Press." in text  # xdata inherited
    assert len(lines) == 22  # the @xdata container is not an entry


def test_lab_bib_arxiv_howpublished_is_the_publisher_not_a_genre() -> None:
    lines = cite_bib(LAB_BIB.read_text(encoding="utf-8"))
    assert lines[-1] == (
        "Xiong, Z., & Lab for Vision and Imaging. (2023). A survey of 3D event cameras & "
        "their uses. arXiv preprint. https://arxiv.org/abs/2301.00000"
    )


def test_bib_to_csl_carries_genre_url_language_and_back_exactly() -> None:
    bib = pubconv.load(str(TYPES_BIB))
    items = {i["id"]: i for i in json.loads(pubconv.dumps(bib, "csljson"))}
    assert items["phdthesis"]["genre"] == "PhD thesis"
    assert items["mastersthesis"]["genre"] == "Master’s thesis"
    assert items["arxiv"]["URL"] == "https://arxiv.org/abs/2401.01234"
    assert items["misc-url"]["URL"] == "https://example.org/notes/calibration"
    assert items["online"]["accessed"] == {"date-parts": [[2024, 3, 15]]}
    assert items["article-langid"]["language"] == "de-DE"
    assert items["techreport"]["publisher"] == "Example Research Centre"
    assert items["techreport"]["number"] == "TR-2020-07"
    assert items["manual"]["publisher"] == "Open Imaging Consortium"
    back = pubconv.loads(pubconv.dumps(bib, "csljson"), "csljson")
    assert back.publications == bib.publications  # bib -> csl -> bib: the same records

    def bib_hints(pubs: list[Publication]) -> list[list[tuple[str, str]]]:
        return [[h for h in p.hints if h[0].startswith("bibtex.")] for p in pubs]

    assert bib_hints(back.publications) == bib_hints(bib.publications)


# --- sentence case ----------------------------------------------------------------------

TITLES = """@article{a, author = {Smith, J.}, title = {Deep Learning for {EM} and PQ-SAM Images:
  An Unexpected Journey}, journal = {Journal of Things}, year = 2020}
@article{g, author = {Smith, J.}, title = {Die Rekonstruktion}, langid = {german},
  journal = {Zeitschrift}, year = 2020}"""


def test_bibtex_titles_reach_the_style_in_sentence_case() -> None:
    lines = cite_bib(TITLES)
    assert lines[0].startswith(
        "Smith, J. (2020a). Deep learning for EM and PQ-SAM images: An unexpected journey."
    )
    assert "Die Rekonstruktion." in lines[1]
    kept = cite_bib(TITLES, titles="as-written")
    assert "Deep Learning for EM and PQ-SAM Images: An Unexpected Journey." in kept[0]


def test_page_titles_are_kept_as_written() -> None:
    page = Publication("p", title="Deep Learning Here", authors=(Person("Smith", "J."),),
                       issued=PartialDate(2020), hints=(("jekyll.italic", "_"),))  # fmt: skip
    assert "Deep Learning Here." in pubconv.cite([page], "apa", cache=False)


# --- de-duplication ---------------------------------------------------------------------


def _paper(key: str, venue: str, doi: str | None = None, short: str | None = None) -> Publication:
    return Publication(key, title="Echo Maps", issued=PartialDate(2024), container_title=venue,
                       container_short=short, doi=doi, authors=(Person("Park", "J."),))  # fmt: skip


def test_dedupe_rule() -> None:
    workshop, conference = _paper("w", "Workshop on X"), _paper("c", "Conference on X")
    assert same_work(workshop, conference) is None  # two venues are never merged
    assert same_work(_paper("a", "V", "10.1/ABC"), _paper("b", "W", "https://doi.org/10.1/abc"))
    assert same_work(_paper("a", "V", "10.1/a"), _paper("b", "V", "10.1/b")) is None
    assert same_work(_paper("a", "IEEE/CVF CVPR", short="CVPR"), _paper("b", "CVPR", short="CVPR"))
    kept, merges = merge_duplicates([_paper("a", "V"), _paper("b", "V", "10.1/x")])
    assert [p.key for p in kept] == ["a"] and kept[0].doi == "10.1/x"  # fields merged in
    assert merges[0].reason == "same title, year and venue (V)"


# --- pages to CSL -----------------------------------------------------------------------


def test_page_links_and_badge() -> None:
    page = Publication(
        "p", title="T", authors=(Person("Smith", "J."),), issued=PartialDate(2024),
        container_title="IEEE Transactions on Pattern Analysis and Machine Intelligence",
        container_short="T-PAMI", hints=(("jekyll.italic", "_"),),
        links=(Link("Paper", "https://x.org/p.pdf"), Link("DOI", "https://doi.org/10.1/x")),
    )  # fmt: skip
    item = json.loads(pubconv.dumps(pubconv.Bibliography.of([page]), "csljson"))[0]
    assert item["URL"] == "https://x.org/p.pdf" and item["DOI"] == "10.1/x"
    assert "container-title-short" not in item
    assert item["custom"]["pubconv"]["badge"] == "T-PAMI"
    back = pubconv.loads(json.dumps([item]), "csljson").publications[0]
    assert back == page
    (entry,) = render_entries([page], "ieee", cache=False)
    assert "IEEE Transactions on Pattern Analysis and Machine Intelligence" in entry.text
    assert "T-PAMI" not in entry.text


# --- BibTeX output ----------------------------------------------------------------------

CSL = [
    {"id": "a", "type": "webpage", "title": "Market", "author": [{"family": "BI Intelligence",
     "given": ""}, {"family": "Xu Min"}], "issued": {"date-parts": [[2017, 3, 2]]},
     "accessed": {"date-parts": [[2017, 5, 23]]}, "journalAbbreviation": "Brief Bioinform",
     "event": "Conf", "genre": "Preprint", "shortTitle": "Mk"},
    {"id": "a", "type": "book", "title": "Other", "issued": {"date-parts": [[2019]]}},
]  # fmt: skip


def test_csl2bib_is_valid_bibtex_in_both_dialects() -> None:
    bib = pubconv.loads(json.dumps(CSL), "csljson")
    text = pubconv.dumps(bib, "bibtex")
    assert "author = {{BI Intelligence}{} and {Xu Min}{}}" in text
    assert "{Xu Min, and" not in text and "{{BI Intelligence},}" not in text
    for field in ("date = {2017-03-02}", "year = {2017}", "month = mar", "urldate = {2017-05-23}",
                  "shortjournal = {Brief Bioinform}", "eventtitle = {Conf}",
                  "type = {Preprint}", "shorttitle = {Mk}"):  # fmt: skip
        assert field in text
    biblatex = pubconv.dumps(bib, "bibtex", options=WriteOptions(extra=(("bibtex.dialect",
                                                                          "biblatex"),)))  # fmt: skip
    assert "date = {2017-03-02}" in biblatex and "year = {2017}" not in biblatex
    two = pubconv.Bibliography.of([Publication("a", title="One"), Publication("a", title="Two")])
    assert "@article{a-2," in pubconv.dumps(two, "bibtex")
    notes = pubconv.api.losses(two, "bibtex")
    assert [n.message for n in notes] == ["a: key already used by another entry; written as a-2"]
    same = pubconv.Bibliography.of([Publication("a", title="One"), Publication("a", title="One")])
    assert pubconv.dumps(same, "bibtex").count("@article") == 1


def test_convert_reports_the_key_clash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in.bib").write_text("@misc{a, title = {Mine}, year = 2020}\n", encoding="utf-8")
    (tmp_path / "in.json").write_text(json.dumps(CSL[:1]), encoding="utf-8")
    out = tmp_path / "o.bib"
    code, _, err = run(["convert", str(tmp_path / "in.bib"), str(tmp_path / "in.json"), "--to",
                        "bib", "-o", str(out)], capsys)  # fmt: skip
    assert code == 0
    assert "in.json:1:2: warning: a: key already used by another entry; written as a-2" in err
    text = out.read_text(encoding="utf-8")
    assert "@misc{a," in text and "@online{a-2," in text


# --- output formats ---------------------------------------------------------------------


def test_text_output_is_one_line_per_entry() -> None:
    pub = Publication("n", title="Line one\nline two", authors=(Person("Smith", "J."),),
                      issued=PartialDate(2020), note="a\r\nb")  # fmt: skip
    text = pubconv.cite([pub], "apa", cache=False)
    assert text.count("\n") == 1 and "Line one line two" in text


def test_latex_wraps_urls_and_dois() -> None:
    assert render("doi: 10.1234/x_y. https://a.org/b_c%d#e.", "latex") == (
        "doi: \\href{https://doi.org/10.1234/x_y}{10.1234/x\\_y}. \\url{https://a.org/b_c\\%d\\#e}."
    )
    lines = cite_bib(TYPES_BIB.read_text(encoding="utf-8"), "ieee", format="latex")
    assert any("\\href{https://doi.org/10.5555/jmm.2021.012}" in line for line in lines)
    assert any("\\url{https://example.org/volreg}" in line for line in lines)


def test_select_skips_xdata() -> None:
    bib = pubconv.load(str(TYPES_BIB))
    assert "xd-press" not in [p.key for p in cv.select(bib).publications]


def test_biblatex_dialect_writes_a_year_only_date_as_date() -> None:
    bib = pubconv.Bibliography.of([Publication("y", title="T", issued=PartialDate(2019, 7))])
    options = WriteOptions(extra=(("bibtex.dialect", "biblatex"),))
    assert "date = {2019-07}" in pubconv.dumps(bib, "bibtex", options=options)
    classic = pubconv.dumps(bib, "bibtex")
    assert "year = {2019}" in classic and "month = jul" in classic and "date" not in classic


@pytest.mark.corpus
def test_iridia_crossref_database_renders_every_entry(corpus: Path) -> None:
    """Issue 9 item 2: the six files as one database (macros, journals, authors, entries,
    crossref parents): every entry is rendered."""
    folder = corpus / "bibtex" / "iridia-references"
    names = ["abbrev.bib", "authors.bib", "journals.bib", "articles.bib", "biblio.bib",
             "crossref.bib"]  # fmt: skip
    bib = pubconv.load([str(folder / n) for n in names])
    text = pubconv.cite(bib, "apa", jobs=1)
    assert len(text.splitlines()) == len(bib.publications) > 3000


def test_cli_titles_and_dialect_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "t.bib"
    source.write_text(TITLES.split("\n@article{g")[0] + "\n", encoding="utf-8")
    code, out, err = run(["cite", str(source), "--titles", "as-written"], capsys)
    assert code == 0, err
    assert "Deep Learning for EM and PQ-SAM Images: An Unexpected Journey." in out
    code, out, _ = run(["cite", str(source)], capsys)
    assert "Deep learning for EM and PQ-SAM images: An unexpected journey." in out
    (tmp_path / "d.json").write_text(
        json.dumps(
            [{"id": "d", "type": "book", "title": "T", "issued": {"date-parts": [[2020, 5]]}}]
        ),
        encoding="utf-8",
    )
    code, out, _ = run(["csl2bib", str(tmp_path / "d.json"), "--dialect", "biblatex"], capsys)
    assert code == 0 and "date = {2020-05}" in out and "year" not in out
    code, out, _ = run(["csl2bib", str(tmp_path / "d.json")], capsys)
    assert "year = {2020}" in out and "month = may" in out
