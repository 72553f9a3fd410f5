"""Writing Jekyll pages: byte-identical write-back, --like layout reuse, edits, new entries."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

import pytest

import pubconv
from pubconv.model import Bibliography, Link, PartialDate, Person, Publication
from pubconv.registry import WriteOptions


def seed_pages(corpus: Path) -> list[Path]:
    return sorted((corpus / "jekyll-seedlab").glob("*.md"))


def read(text: str, path: str = "page.md") -> Bibliography:
    return pubconv.loads(text, "jekyll", path=path, strict=False)


def detached(bib: Bibliography) -> Bibliography:
    """The entries only, as another format's reader would hand them over (no origin, no page)."""
    return Bibliography.of(dataclasses.replace(p, origin=None) for p in bib.publications)


def changed_lines(a: str, b: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.corpus
def test_every_seed_page_writes_back_byte_identical(corpus: Path) -> None:
    for page in seed_pages(corpus):
        text = page.read_text(encoding="utf-8")
        assert pubconv.dumps(read(text, str(page)), "jekyll") == text, page.name


@pytest.mark.corpus
def test_entries_without_their_page_rebuild_it_with_like(corpus: Path) -> None:
    for page in seed_pages(corpus):
        text = page.read_text(encoding="utf-8")
        like = read(text, str(page))
        out = pubconv.dumps(detached(like), "jekyll", options=WriteOptions(like=like))
        assert out == text, page.name


@pytest.mark.corpus
@pytest.mark.interop
def test_page_to_bib_to_page_with_like_is_byte_identical(corpus: Path) -> None:
    for page in seed_pages(corpus):
        text = page.read_text(encoding="utf-8")
        like = read(text, str(page))
        bib_text = pubconv.dumps(like, "bibtex")
        back = pubconv.loads(bib_text, "bibtex")
        assert back.publications == like.publications, page.name
        out = pubconv.dumps(back, "jekyll", options=WriteOptions(like=like))
        assert out == text, page.name


def test_an_edit_rewrites_only_the_changed_part(fixtures: Path) -> None:
    text = (fixtures / "jekyll" / "house.md").read_text(encoding="utf-8")
    like = read(text)
    pubs = detached(like).publications
    pubs[0] = dataclasses.replace(pubs[0], title="Folding Light <i>Fields</i> & Cranes")
    pubs[1] = dataclasses.replace(
        pubs[1], issued=PartialDate(2031), links=(*pubs[1].links, Link("Code", "https://x.org/c"))
    )
    out = pubconv.dumps(Bibliography.of(pubs), "jekyll", options=WriteOptions(like=like))
    assert changed_lines(text, out) == [
        "-**Folding Light Fields with Paper Cranes** <br>",
        "+**Folding Light <i>Fields</i> & Cranes** <br>",
        "-<span><pub>Asian Conference on Dim Vision (ACDV) 2030</pub></span><br>",
        "+<span><pub>Asian Conference on Dim Vision (ACDV), 2031</pub></span><br>",
        "+[Code](https://x.org/c) |",
    ]
    assert "<!-- [Code](#)" in out  # the comment inside the edited entry stays
    again = read(out)
    assert again.publications[0].title == "Folding Light <i>Fields</i> & Cranes"


def test_new_and_removed_entries_with_like(fixtures: Path) -> None:
    text = (fixtures / "jekyll" / "house.md").read_text(encoding="utf-8")
    like = read(text)
    pubs = detached(like).publications
    new = Publication(
        key="ling30",  # its abstract id would clash with an id already on the page
        type="paper-conference",
        title="Seeing <Through> Walls & R&D",
        authors=(Person(family="Okafor", given="Iris", roles=("equal",)), Person(family="Weber")),
        issued=PartialDate(2032),
        container_title="Conference on Walls",
        container_short="CoW",
        links=(Link("Paper", "https://example.org/w.pdf", '{:target="_blank"}'),),
        abstract="Walls are <b>thin</b> & 2 < 3.",
        section="Lenses",
    )
    out = pubconv.dumps(
        Bibliography.of([pubs[0], pubs[3], new]), "jekyll", options=WriteOptions(like=like)
    )
    assert "A Dataset of Unlit Rooms" not in out.split("<!--")[0]
    assert "Soft Lenses for Hard Problems" not in out
    assert "**Seeing &lt;Through&gt; Walls & R&amp;D** <br>" in out
    assert "_Iris Okafor\\*, Weber_ <br>" in out
    assert 'id="ling302"' in out and 'expandABS("ling302")' in out
    back = read(out)
    # The page is newest first, so the 2032 paper goes before the 2029 one in its section.
    assert [p.title for p in back] == [pubs[0].title, new.title, pubs[3].title]
    assert [p.section for p in back] == [pubs[0].section, "Lenses", "Lenses"]
    got = back.publications[1]
    assert (got.authors, got.abstract, got.links, got.section, got.year) == (
        new.authors,
        new.abstract,
        new.links,
        new.section,
        new.year,
    )
    assert out.startswith(text.split("**Folding")[0])  # front matter + navigation kept
    assert out.endswith(text[text.rindex("---\n") :])


def test_page_without_like_is_complete_house_style() -> None:
    pubs = [
        Publication(
            key="a1",
            title="First",
            authors=(Person("Lee", "Ann"),),
            issued=PartialDate(2020),
            container_title="Journal of A",
            container_short="JA",
            section="Topic",
            award="Winner of Z Cup",
        ),
        Publication(
            key="a2",
            title="Second",
            authors=(Person("Chen", "Bo"),),
            issued=PartialDate(2021),
            container_title="Conference on B",
        ),
    ]
    out = pubconv.dumps(Bibliography.of(pubs), "jekyll")
    assert out.startswith('---\ntitle: "Publications"\nauthor_profile: True\n---\n')
    assert out.index("**Second**") < out.index("## Topic") < out.index("**First**")
    assert "<span><pub>Journal of A (JA), 2020</pub></span> <br>\n" in out
    assert "<span><highlighted>Winner</highlighted> of Z Cup</span> <br>\n" in out
    assert "expandABS" not in out  # no empty Abstract toggle on a page written from scratch
    back = read(out)
    assert [(p.title, p.section, p.award, p.container_short) for p in back] == [
        ("Second", None, None, None),
        ("First", "Topic", "Winner of Z Cup", "JA"),
    ]
    assert pubconv.dumps(back, "jekyll") == out
