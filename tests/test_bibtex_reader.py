"""BibTeX reader: macros, concatenation, dates, types, extras, hints and located warnings."""

from __future__ import annotations

from pathlib import Path

import pubconv
from pubconv.formats.bibtex import reader
from pubconv.model import OTHERS, Comment, PartialDate, Person, Preamble, StringDef, Verbatim
from pubconv.registry import Source


def _read(*texts: str) -> pubconv.Bibliography:
    return reader.read([Source(t, f"f{i}.bib") for i, t in enumerate(texts)])


def _fixture_set(fixtures: Path) -> pubconv.Bibliography:
    names = ("abbrev.bib", "entries.bib", "crossref.bib")
    return pubconv.load([str(fixtures / "bibtex" / n) for n in names])


def test_macros_concatenation_and_standard_macros(fixtures: Path) -> None:
    bib = _fixture_set(fixtures)
    deng = bib.by_key()["deng2024"]
    assert deng.authors == (
        Person(family="Xiong", given="Zhiwei"),
        Person(family="Müller", given="Jörg"),
        Person(family="Berg", given="Pieter", particle="van der"),
    )
    assert deng.container_title == "IEEE Transactions on Medical Imaging"
    assert deng.issued == PartialDate(2024, 7)
    assert (deng.volume, deng.issue, deng.pages) == ("43", "11", "3829–3841")
    assert deng.title == (
        'PQ-SAM: Unsupervised Denoising with <span class="nocase">I</span>nvertible Networks'
    )
    paren = bib.by_key()["paren2022"]
    assert paren.container_title == (
        "Proc. IEEE Transactions on Pattern Analysis and Machine Intelligence"
    )
    jacm = _read("@article{k, journal = jacm, year = 1999, month = dec}").publications[0]
    assert jacm.container_title == "Journal of the ACM"
    assert jacm.issued == PartialDate(1999, 12)


def test_extras_keep_source_order_and_verbatim_values(fixtures: Path) -> None:
    deng = _fixture_set(fixtures).by_key()["deng2024"]
    assert deng.extra == (("basefilename", "deng-tmi-2024"), ("nonPAG", "1"))
    chen = _fixture_set(fixtures).by_key()["chen2023"]
    assert chen.get_extra("crossref") == "miccai2023"
    assert chen.title == "Math $O(n \\log n)$ and <i>italics</i> – café"
    assert chen.authors[1] == Person(literal="World Health Organization")
    assert chen.authors[-1] == OTHERS


def test_types_and_hints_keep_the_spelling_as_written(fixtures: Path) -> None:
    bib = _fixture_set(fixtures)
    chen = bib.by_key()["chen2023"]
    assert chen.type == "paper-conference"
    assert chen.get_hint("bibtex.type") == "InProceedings"
    assert chen.get_hint("bibtex.fields") == "author title crossref pages"
    assert bib.by_key()["online2021"].type == "webpage"
    assert bib.by_key()["literal2019"].type == "document"
    assert bib.by_key()["miccai2023"].type == "book"


def test_biblatex_date_ranges_and_literal_years(fixtures: Path) -> None:
    bib = _fixture_set(fixtures)
    online = bib.by_key()["online2021"]
    assert online.issued == PartialDate(2021, 3, 5, end=PartialDate(2021, 3, 7))
    assert online.url == "https://example.org/page_1%20x"
    assert bib.by_key()["literal2019"].issued == PartialDate(literal="in press")


def test_every_block_kind_is_kept_in_order(fixtures: Path) -> None:
    text = (fixtures / "bibtex" / "entries.bib").read_text(encoding="utf-8")
    bib = _read(text)
    kinds = [type(b).__name__ for b in bib.blocks if not isinstance(b, Verbatim)]
    assert kinds[:3] == ["Preamble", "Comment", "Comment"]
    assert kinds.count("Publication") == 5
    assert isinstance(bib.blocks[0], Preamble)
    assert any(isinstance(b, Comment) and "Free text" in b.text for b in bib.blocks)


def test_macros_of_an_earlier_source_serve_later_ones() -> None:
    bib = _read('@string{J = "Journal"}', "@article{k, journal = j # { of X}}")
    assert bib.publications[0].container_title == "Journal of X"
    assert not bib.diagnostics
    assert bib.strings == [StringDef("J", "Journal")]


def test_three_part_string_uses_the_first_value_with_a_warning() -> None:
    bib = _read('@string{X = "long" = "short"}\n@misc{k, note = X}')
    assert bib.publications[0].note == "long"
    assert [d.severity.value for d in bib.diagnostics] == ["warning"]


def test_repeated_field_first_wins_and_the_repeat_is_kept() -> None:
    bib = _read("@article{k,\n  title = {One},\n  Title = {Two},\n}")
    pub = bib.publications[0]
    assert pub.title == "One"
    assert pub.extra == (("Title", "Two"),)
    (warning,) = bib.warnings
    assert (warning.path, warning.line, warning.column) == ("f0.bib", 3, 3)


def test_undefined_macro_is_empty_and_located() -> None:
    bib = _read("@article{k,\n  journal = nope # { X},\n}")
    assert bib.publications[0].container_title == "X"
    (warning,) = bib.warnings
    assert "'nope'" in warning.message and (warning.line, warning.column) == (2, 3)


def test_failed_block_is_an_error_and_kept_verbatim() -> None:
    bib = _read("@article{k, title = {x}\n@article{ok, title = {fine}}\n")
    assert [p.key for p in bib.publications] == ["ok"]
    (err,) = bib.errors
    assert (err.line, err.column) == (1, 1)
    failed = [b for b in bib.blocks if isinstance(b, Verbatim) and b.kind == "failed"]
    assert failed and failed[0].text.startswith("@article{k")


def test_unknown_month_is_kept_in_extra() -> None:
    bib = _read("@article{k, year = 2020, month = {Spring}}")
    pub = bib.publications[0]
    assert pub.issued == PartialDate(2020)
    assert pub.extra == (("month", "Spring"),)
    assert len(bib.warnings) == 1


def test_month_forms() -> None:
    months = ["4", "apr", "{Apr.}", '"April"', "apr # {~15}"]
    for month in months:
        pub = _read(f"@article{{k, year = 2020, month = {month}}}").publications[0]
        assert pub.issued is not None and pub.issued.month == 4, month
    assert _read("@article{k, year = 2020, month = apr # {~15}}").publications[0].issued == (
        PartialDate(2020, 4, 15)
    )


def test_sniff() -> None:
    from pubconv.formats.bibtex import sniff

    assert sniff("% comment\n\n@article{k,}")
    assert not sniff('[{"id": "x"}]')
