"""Hugo/HugoBlox publication folders: spot values, index.md vs cite.bib, write-back."""

from __future__ import annotations

import dataclasses
import functools
import shutil
from pathlib import Path
from typing import Any

import pytest

import pubconv
from casing import csl_items
from pubconv.formats.hugo.mapping import read_publication, read_type, resolve_author
from pubconv.model import Link, PartialDate, Person, Publication


def _folder(corpus: Path) -> Path:
    return corpus / "jekyll-other" / "hugo-wowchemy-3dim-lab" / "content" / "publication"


@functools.cache
def _corpus_site(folder: Path) -> pubconv.Bibliography:
    """The corpus site read once per test run (it is not modified by the tests)."""
    return pubconv.load(str(folder), strict=False)


def _csl(bib: pubconv.Bibliography) -> list[dict[str, Any]]:
    return csl_items(bib)


@pytest.mark.corpus
def test_the_corpus_site_reads_one_record_per_paper_folder(corpus: Path) -> None:
    folder = _folder(corpus)
    bib = _corpus_site(folder)
    assert not bib.errors
    # 128 paper folders; nero-2026-fog holds two one-byte files: nothing to read, and it says so
    assert len(bib) == 127
    empty = [d for d in bib.warnings if "empty publication folder" in d.message]
    assert [str(d) for d in empty] == [
        f"{folder / 'nero-2026-fog' / 'index.md'}:1:1: warning: "
        "empty publication folder (no front matter, no cite.bib entry)"
    ]
    papers = bib.by_key()
    arold = papers["arold2014hand"]
    assert arold.title == (
        "Hand-guided 3D surface acquisition by combining simple light sectioning "
        "with real-time algorithms"
    )
    assert [p.display() for p in arold.authors] == [
        "Oliver Arold",
        "Svenja Ettl",
        "Florian Willomitzer",  # the profile slug florian-willomitzer, named by cite.bib
        "Gerd Häusler",
    ]
    assert arold.issued == PartialDate(2014)
    assert arold.type == "article-journal"
    assert arold.container_title == "arXiv preprint"  # '*arXiv preprint*' in index.md
    assert arold.doi == "10.48550/arXiv.1401.1946"
    assert arold.links == (Link("PDF", "https://arxiv.org/abs/1401.1946"),)
    coatings = papers["ballester2022application"]
    assert (coatings.container_title, coatings.volume, coatings.issue) == ("Coatings", "12", "10")
    assert coatings.pages == "1549"  # only cite.bib has the pages
    lensless = papers["balaji2026lensless"]
    assert lensless.type == "manuscript"
    assert lensless.issued == PartialDate(2026, 5, 27)
    assert lensless.authors[:2] == (
        Person("Balaji", "Muralidhar Madabhushi"),  # murali-balaji, matched in cite.bib
        Person("Liu", "Parker"),
    )
    chapter = papers["willomitzer2024synthetic"]
    assert chapter.type == "chapter"
    assert chapter.links[-1].label == "Book Page"
    dotzer = papers["Dötzer2026"]
    assert dotzer.authors[0] == Person("Doetzer", "Florian")  # index.md's spelling wins
    assert dotzer.container_title == "Optica Open Preprint"
    types = {p.type for p in bib}
    assert types == {
        "paper-conference",
        "article-journal",
        "article",
        "manuscript",
        "thesis",
        "article-newspaper",
        "chapter",
    }


@pytest.mark.corpus
def test_disagreements_between_index_md_and_cite_bib_are_located(corpus: Path) -> None:
    folder = _folder(corpus)
    bib = _corpus_site(folder)
    notes = [str(d) for d in bib.warnings if "disagree" in d.message]
    assert len(notes) == 16
    index = folder / "bass-2025-angular" / "index.md"
    assert (
        f"{index}:20:1: warning: index.md and cite.bib disagree on the year: "
        "index.md has '2025', cite.bib has '2024' (index.md's is used)"
    ) in notes
    assert any(
        n.startswith(f"{index}:2:1: warning: index.md and cite.bib disagree on the title")
        for n in notes
    )


@pytest.mark.corpus
def test_the_corpus_site_writes_back_byte_identical(corpus: Path, tmp_path: Path) -> None:
    folder = _folder(corpus)
    bib = _corpus_site(folder)
    out = tmp_path / "publication"
    pubconv.dump(bib, str(out), "hugo")
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert len(written) == 254  # 127 x (index.md + cite.bib)
    for rel in written:
        assert (out / rel).read_bytes() == (folder / rel).read_bytes(), rel


@pytest.mark.corpus
def test_corpus_through_bibtex_gives_the_same_csl_as_directly(corpus: Path) -> None:
    bib = _corpus_site(_folder(corpus))
    via = pubconv.loads(pubconv.dumps(bib, "bibtex"), "bibtex")
    assert _csl(via) == _csl(bib)


def test_fixture_site_reads_merges_and_round_trips(fixtures: Path, tmp_path: Path) -> None:
    folder = fixtures / "hugo" / "content" / "publication"
    bib = pubconv.load(str(fixtures / "hugo"), strict=False)  # the site folder works too
    papers = bib.by_key()
    assert sorted(papers) == ["chen2023learning", "ruiz2024sparse", "tan2022folding"]
    ruiz = papers["ruiz2024sparse"]
    assert ruiz.authors == (  # profile slug resolved; author_notes give the roles
        Person("Ruiz", "Ana", roles=("equal",)),
        Person("Wei", "Li", roles=("equal",)),
        Person("Moreau", "Célia"),
    )
    assert ruiz.issued == PartialDate(2024, 6, 17)
    assert ruiz.container_short == "CVPR"
    assert ruiz.pages == "1201–1210"
    assert ruiz.keywords == ("Events", "Depth")
    assert [link.label for link in ruiz.links] == ["PDF", "Code", "Project"]
    assert ruiz.get_extra("featured") == "true"  # travels to other formats as an extra field
    fresh = dict(
        pubconv.api.dumps_tree(
            pubconv.Bibliography.of([dataclasses.replace(ruiz, origin=None)]), "hugo"
        )
    )
    assert "featured: true\n" in fresh["ruiz-2024-sparse/index.md"]
    assert (
        "author_notes:\n- Equal Contribution\n- Equal Contribution\n- ''\n"
        in fresh["ruiz-2024-sparse/index.md"]
    )
    chen = papers["chen2023learning"]
    assert chen.type == "article-journal"  # old numeric type '2'
    assert (chen.volume, chen.issue, chen.title) == ("31", "14", "Learning Without Borders")
    tan = papers["tan2022folding"]
    assert tan.container_title == "Applied Optics"  # '***Applied Optics*** (2022)'
    notes = sorted(str(d) for d in bib.warnings)
    index = folder / "chen-2023-learning" / "index.md"
    assert [n.split(": warning: ")[0] for n in notes] == [f"{index}:2:1", f"{index}:6:1"]
    out = tmp_path / "out"
    pubconv.dump(bib, str(out), "hugo")
    for path in folder.glob("*/*"):
        assert (out / path.parent.name / path.name).read_bytes() == path.read_bytes(), path
    assert not (out / "tan-2022-folding" / "cite.bib").exists()  # none was there: none added
    via = pubconv.loads(pubconv.dumps(bib, "bibtex"), "bibtex")
    assert _csl(via) == _csl(bib)


def test_a_changed_record_updates_both_files_in_place(fixtures: Path, tmp_path: Path) -> None:
    folder = tmp_path / "publication"
    shutil.copytree(fixtures / "hugo" / "content" / "publication", folder)
    bib = pubconv.load(str(folder), strict=False)
    pub = bib.by_key()["ruiz2024sparse"]
    changed = dataclasses.replace(pub, title="Sparse Event Fields for Depth, Revisited")
    old_index = (folder / "ruiz-2024-sparse" / "index.md").read_text(encoding="utf-8")
    old_bib = (folder / "ruiz-2024-sparse" / "cite.bib").read_text(encoding="utf-8")
    untouched = (folder / "chen-2023-learning" / "index.md").read_bytes()
    pubconv.dump(bib.replace_publications({pub.key: changed}), str(folder), "hugo")
    new_index = (folder / "ruiz-2024-sparse" / "index.md").read_text(encoding="utf-8")
    assert new_index == old_index.replace(
        "title: 'Sparse Event Fields for Depth'",
        "title: 'Sparse Event Fields for Depth, Revisited'",
    )
    new_bib = (folder / "ruiz-2024-sparse" / "cite.bib").read_text(encoding="utf-8")
    assert "Revisited" in new_bib and "1201--1210" in new_bib and "Moreau" in new_bib
    assert len(new_bib.splitlines()) == len(old_bib.splitlines())
    assert (folder / "chen-2023-learning" / "index.md").read_bytes() == untouched
    again = pubconv.load(str(folder), strict=False).by_key()["ruiz2024sparse"]
    assert again == changed


def test_new_records_get_both_files_and_no_timestamps(tmp_path: Path) -> None:
    pub = Publication(
        "ruiz2024sparse",
        "paper-conference",
        title="Sparse Event Fields",
        authors=(Person("Ruiz", "Ana"), Person("Wei", "Li")),
        issued=PartialDate(2024),
        container_title="Computer Vision & Pattern Recognition",
        container_short="CVPR",
        volume="3",
        pages="1-10",
        award="Best Paper",
        links=(Link("PDF", "https://example.org/a.pdf"), Link("Talk", "https://x.org/t")),
    )
    tree = dict(pubconv.api.dumps_tree(pubconv.Bibliography.of([pub]), "hugo"))
    assert sorted(tree) == ["ruiz-2024-sparse/cite.bib", "ruiz-2024-sparse/index.md"]
    index = tree["ruiz-2024-sparse/index.md"]
    assert "publishDate" not in index
    assert "date: '2024-01-01'" in index
    assert "publication: '*Computer Vision & Pattern Recognition*, 3'" in index
    assert "url_pdf: https://example.org/a.pdf" in index
    assert "- name: Talk" in index
    assert "award = {Best Paper}" in tree["ruiz-2024-sparse/cite.bib"]
    pubconv.dump(pubconv.Bibliography.of([pub]), str(tmp_path / "publication"), "hugo")
    assert pubconv.load(str(tmp_path / "publication")).publications == [pub]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("*arXiv preprint*", ("arXiv preprint", None, None)),
        ("*Coatings*, 12(10)", ("Coatings", "12", "10")),
        ("***Optics Express*** 33(14)", ("Optics Express", "33", "14")),
        (
            "*Journal of Non-Crystalline Solids*, 594",
            ("Journal of Non-Crystalline Solids", "594", None),
        ),
        ("*Adaptive Optics*,  (pp. FD1-1)", ("Adaptive Optics, (pp. FD1-1)", None, None)),
        ("Plain Venue", ("Plain Venue", None, None)),
    ],
)
def test_publication_field(value: str, expected: tuple[str, str | None, str | None]) -> None:
    assert read_publication(value) == expected


def test_types_and_slugs() -> None:
    assert read_type(["1"]) == "paper-conference"
    assert read_type(["article-journal"]) == "article-journal"
    assert read_type("7") == "thesis"
    assert read_type([]) is None
    assert resolve_author("jane-doe", ()) == Person("Doe", "Jane")
    assert resolve_author("Jane Doe", ()) == Person("Doe", "Jane")


def test_a_display_name_takes_cite_bibs_split_of_it() -> None:
    known = (Person("Van der Berg", "Anna"), Person("Your Name", "You"))
    assert resolve_author("Anna Van der Berg", known) == known[0]
    assert resolve_author("You Your Name", known) == known[1]
    assert resolve_author("Bo Chen", known) == Person("Chen", "Bo")


def test_removing_an_author_keeps_the_others_as_written(fixtures: Path, tmp_path: Path) -> None:
    folder = tmp_path / "publication"
    shutil.copytree(fixtures / "hugo" / "content" / "publication", folder)
    bib = pubconv.load(str(folder), strict=False)
    pub = bib.by_key()["ruiz2024sparse"]
    changed = dataclasses.replace(pub, authors=pub.authors[:2], keywords=(*pub.keywords, "New"))
    index = folder / "ruiz-2024-sparse" / "index.md"
    old = index.read_text(encoding="utf-8")
    pubconv.dump(bib.replace_publications({pub.key: changed}), str(folder), "hugo")
    new = index.read_text(encoding="utf-8")
    assert new == old.replace("- Li Wei\n- Célia Moreau\n", "- Li Wei\n").replace(
        "author_notes: ['Equal Contribution', 'Equal Contribution', '']",
        "author_notes: ['Equal Contribution', 'Equal Contribution']",
    ).replace("tags: ['Events', 'Depth']", "tags: ['Events', 'Depth', 'New']")
    assert "- ana-ruiz\n" in new  # the profile slug stays
    assert pubconv.load(str(folder), strict=False).by_key()["ruiz2024sparse"] == changed
