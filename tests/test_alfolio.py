"""al-folio's ``papers.bib``: badges, links, ``selected``, author marks, and no pubconv fields.

The seed lab's page converted to al-folio has every al-folio field filled and reads back to the
same records; the 3c-lab ``papers.bib`` and our own al-folio fixture read and write back byte for
byte.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from bibtexparser.splitter import Splitter

import pubconv
from pubconv.cli import main
from pubconv.formats.alfolio import sidecar
from pubconv.formats.alfolio.fields import badge, selected
from pubconv.model import Bibliography, Link, Person, Publication
from pubconv.registry import WriteOptions

SEED = Path("jekyll-seedlab") / "2024-New.md"
ALFOLIO_LINKS = {"html", "pdf", "code", "website", "slides", "poster", "supp", "video", "arxiv"}


def _raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _entries(text: str) -> list[dict[str, str]]:
    """Field name -> raw value of each entry (bibtexparser's splitter, independent of pubconv)."""
    return [
        {f.key.lower(): f.value for f in block.fields}
        for block in Splitter(text).split().blocks
        if hasattr(block, "fields")
    ]


@pytest.mark.corpus
def test_seed_page_to_alfolio_fills_al_folio_fields(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "papers.bib"
    assert main(["convert", str(corpus / SEED), "--to", "alfolio", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    entries = _entries(text)
    page = pubconv.load(str(corpus / SEED), strict=False).publications
    assert len(entries) == len(page) == 9
    for fields, pub in zip(entries, page, strict=True):
        assert fields["abbr"].strip("{}") == pub.container_short, pub.key
        assert ALFOLIO_LINKS & set(fields), pub.key
        assert ("abstract" in fields) == bool(pub.abstract), pub.key
        assert not {"section", "abstract_id", "jekyll", "links", "shortjournal"} & set(fields)
    with_abstract = sum("abstract" in f for f in entries)
    assert with_abstract == sum(bool(p.abstract) for p in page) > 0
    assert "@comment{pubconv:" in text  # what a page needs back, where al-folio looks away


@pytest.mark.corpus
def test_seed_page_through_alfolio_comes_back_byte_identical(corpus: Path) -> None:
    source = _raw(corpus / SEED)
    page = pubconv.loads(source, "jekyll", path=str(SEED), strict=False)
    text = pubconv.dumps(page, "alfolio")
    back = pubconv.loads(text, "alfolio")
    plain = [dataclasses.replace(p, origin=None) for p in back.publications]
    assert plain == [dataclasses.replace(p, origin=None) for p in page.publications]
    assert pubconv.dumps(back, "alfolio") == text
    rewritten = pubconv.dumps(Bibliography.of(plain), "jekyll", options=WriteOptions(like=page))
    assert rewritten == source


@pytest.mark.corpus
def test_3c_lab_papers_bib_reads_and_writes_back_byte_identical(corpus: Path) -> None:
    path = corpus / "bibtex" / "alfolio-3c-lab" / "papers.bib"
    bib = pubconv.load(str(path), "alfolio")
    pubs = bib.publications
    assert len(pubs) == 35
    first = pubs[0]
    assert first.key == "RN1727"
    assert first.title == (
        "Incentive salience, not psychomotor sensitization or tolerance, drives escalation "
        "of cocaine self-administration in heterogeneous stock rats"
    )
    assert first.container_title == "Neuropsychopharmacology"
    assert [a.family for a in first.authors][:3] == ["Ramborger", "Mosquera", "Brennan"]
    # this EndNote export has no al-folio extras: no badge, no link fields, nothing selected
    assert not any(badge(p) or selected(p) for p in pubs)
    with_url = [p for p in pubs if p.url]
    assert len(with_url) == 13
    assert pubconv.dumps(bib, "alfolio") == _raw(path)


def test_alfolio_fixture_badges_links_selected_and_marks(fixtures: Path) -> None:
    path = fixtures / "layouts" / "papers.bib"
    bib = pubconv.load(str(path), "alfolio")
    folding, sparse = bib.publications
    assert (badge(folding), badge(sparse)) == ("T-PAMI", "CVPR")
    assert (selected(folding), selected(sparse)) == (True, False)
    assert [(p.display(), p.roles) for p in folding.authors] == [
        ("Ana Ruiz", ("equal",)),
        ("Bo Tan", ("equal",)),
        ("Iris Okafor", ("corresponding",)),
    ]
    assert [(link.label, link.url) for link in folding.links] == [
        ("Paper", "https://example.org/papers/folding.html"),
        ("PDF", "folding.pdf"),
        ("Code", "https://github.com/example/folding"),
        ("arXiv", "https://arxiv.org/abs/2301.01234"),
    ]
    assert [(link.label, link.url) for link in sparse.links] == [
        ("Slides", "events_slides.pdf"),
        ("Poster", "events_poster.pdf"),
        ("Project", "https://events.example.org"),
    ]
    assert sparse.award == "Best Paper Award"
    assert sparse.get_extra("award_name") == "Best Paper"
    assert folding.get_extra("preview") == "folding.png"
    assert folding.get_extra("google_scholar_id") == "qyhmnyLat1gC"
    assert pubconv.dumps(bib, "alfolio") == _raw(path)


def test_editing_one_alfolio_entry_keeps_the_other_byte_identical(fixtures: Path) -> None:
    path = fixtures / "layouts" / "papers.bib"
    bib = pubconv.load(str(path), "alfolio")
    folding, sparse = bib.publications
    changed = dataclasses.replace(folding, title="Folding Light, Again")
    text = pubconv.dumps(bib.replace_publications({folding.key: changed}), "alfolio")
    assert sparse.origin is not None and sparse.origin.raw in text
    fields = _entries(text)[0]
    assert fields["title"] == "{Folding Light, Again}"
    assert fields["author"] == "{Ruiz*, Ana and Tan*, Bo and Okafor†, Iris}"
    assert fields["arxiv"] == "{2301.01234}"
    assert fields["selected"] == "{true}"
    again = pubconv.loads(text, "alfolio").publications[0]
    assert dataclasses.replace(again, origin=None) == dataclasses.replace(changed, origin=None)


def test_the_badge_is_abbr_for_journals_too() -> None:
    text = (
        "@article{k,\n  title = {T},\n  journal = {IEEE Transactions on Medical Imaging},\n"
        "  shortjournal = {T-MI},\n  year = {2024},\n}\n"
    )
    bib = pubconv.loads(text, "bibtex")
    out = pubconv.dumps(bib, "alfolio")
    fields = _entries(out)[0]
    assert fields["abbr"] == "{T-MI}"
    assert "shortjournal" not in fields
    assert list(fields) == ["title", "journal", "abbr", "year"]


def test_new_entry_roles_become_marks_and_links_al_folio_fields() -> None:
    pub = Publication(
        key="doe2025x",
        title="X",
        authors=(Person("Doe", "Jane", roles=("equal", "corresponding")), Person("Roe", "Ann")),
        container_title="IEEE Transactions on Image Processing",
        container_short="T-IP",
        links=(
            Link("Code", "https://github.com/x/y"),
            Link("arXiv", "https://arxiv.org/abs/2401.00001"),
            Link("Intro Video (3rd party)", "https://video.example.org/v?a=1&b=2"),
        ),
        section="2025",
    )
    text = pubconv.dumps(Bibliography.of([pub]), "alfolio")
    fields = _entries(text)[0]
    assert fields["author"] == "{Doe*†, Jane and Roe, Ann}"
    assert fields["abbr"] == "{T-IP}"
    assert fields["code"] == "{https://github.com/x/y}"
    assert fields["arxiv"] == "{2401.00001}"
    assert fields["video"] == "{https://video.example.org/v?a=1&b=2}"
    comment = re.search(r"@comment\{pubconv:.*\}", text)
    assert comment is not None
    decoded = sidecar.decode(comment.group(0))
    assert decoded is not None and decoded[0] == "doe2025x"
    assert {name for name, _ in decoded[1]} == {"links", "section"}
    back = pubconv.loads(text, "alfolio").publications[0]
    assert dataclasses.replace(back, origin=None) == pub


def test_a_sidecar_cannot_break_out_of_its_comment() -> None:
    pub = Publication(key="k", title="T", section="a } @article{evil, title={x}} {")
    text = pubconv.dumps(Bibliography.of([pub]), "alfolio")
    assert len(_entries(text)) == 1
    assert text.count("@") == 2  # the entry and its comment
    assert pubconv.loads(text, "alfolio").publications[0].section == pub.section


def test_alfolio_to_bibtex_to_csl_carries_the_same_records(fixtures: Path) -> None:
    """al-folio text is BibTeX: written by the BibTeX writer and read as al-folio again, it
    gives the same CSL-JSON as converting directly."""
    bib = pubconv.load(str(fixtures / "layouts" / "papers.bib"), "alfolio")
    direct = pubconv.loads(pubconv.dumps(bib, "csljson"), "csljson").publications
    bibtex = pubconv.loads(pubconv.dumps(bib, "bibtex"), "alfolio")
    via = pubconv.loads(pubconv.dumps(bibtex, "csljson"), "csljson").publications
    assert len(direct) == 2
    assert via == direct


@pytest.mark.corpus
def test_3c_lab_papers_bib_to_bibtex_to_csl_is_the_same_as_to_csl(corpus: Path) -> None:
    bib = pubconv.load(str(corpus / "bibtex" / "alfolio-3c-lab" / "papers.bib"), "alfolio")
    direct = pubconv.loads(pubconv.dumps(bib, "csljson"), "csljson").publications
    bibtex = pubconv.loads(pubconv.dumps(bib, "bibtex"), "alfolio")
    via = pubconv.loads(pubconv.dumps(bibtex, "csljson"), "csljson").publications
    assert len(direct) == 35
    assert via == direct


def test_a_file_without_entries_is_an_error_naming_the_format(fixtures: Path) -> None:
    bib = pubconv.load(str(fixtures / "layouts" / "publist.yml"), "alfolio", strict=False)
    assert not bib.publications
    assert [d.message.split(";")[-1].strip() for d in bib.errors] == [
        "it looks like publist: try --from publist"
    ]
    assert bib.errors[0].message.startswith("no alfolio records in ")


@pytest.mark.corpus
def test_deleting_an_entry_deletes_its_sidecar(corpus: Path) -> None:
    page = pubconv.load(str(corpus / SEED), strict=False)
    bib = pubconv.loads(pubconv.dumps(page, "alfolio"), "alfolio")
    gone = bib.publications[1].key
    bib.blocks = [b for b in bib.blocks if getattr(b, "key", None) != gone]
    text = pubconv.dumps(bib, "alfolio")
    assert gone not in text
    assert len(_entries(text)) == 8
    assert text.count("@comment{pubconv:") == 8
