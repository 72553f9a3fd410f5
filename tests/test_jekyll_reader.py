"""Reading Jekyll publication pages: goldens, entry counts, layout kept, bad input, speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pubconv
from pubconv.errors import ParseError
from pubconv.formats.jekyll.keys import KeyMaker
from pubconv.model import Bibliography, Person, Publication, Verbatim

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_COUNTS = {
    "2024-New.md": 9,
    "3D-event__2024new.md": 7,
    "3D-event__event.md": 8,
    "biomedical-imaging__2024new.at-6d39949-2024-07-05.md": 7,
    "biomedical-imaging__registration.md": 4,
    "biomedical-imaging__segmentation.md": 13,
    "manipulation__denoising.md": 5,
    "manipulation__editing-generation.md": 7,
    "manipulation__hdr-enhancement.md": 7,
    "super-resolution__sr-image.md": 6,
    "super-resolution__sr-spectrum.md": 6,
}
"""Live entries per page, counted by hand (entries inside ``<!-- -->`` do not count)."""


def read_page(path: Path, strict: bool = True) -> Bibliography:
    return pubconv.loads(path.read_text(encoding="utf-8"), "jekyll", path=str(path), strict=strict)


def joined(bib: Bibliography) -> str:
    parts = []
    for block in bib.blocks:
        if isinstance(block, Publication):
            assert block.origin is not None
            parts.append(block.origin.raw)
        elif isinstance(block, Verbatim):
            parts.append(block.text)
    return "".join(parts)


def summary(pub: Publication) -> dict[str, object]:
    return {
        "title": pub.title,
        "authors": [{"given": p.given, "family": p.family} for p in pub.authors],
        "container_title": pub.container_title,
        "container_short": pub.container_short,
        "year": pub.year,
        "type": pub.type,
        "section": pub.section,
        "links": [{"label": x.label, "url": x.url, "attrs": x.attrs} for x in pub.links],
        "award": pub.award,
        "abs_id": pub.get_hint("jekyll.abs_id"),
        "has_abstract": bool(pub.abstract),
    }


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["2024-New", "biomedical-imaging__registration"])
def test_reader_matches_hand_written_golden(corpus: Path, name: str) -> None:
    bib = read_page(corpus / "jekyll-seedlab" / f"{name}.md")
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert [summary(p) for p in bib.publications] == expected


@pytest.mark.corpus
def test_every_seed_page_counts_live_entries_and_keeps_every_byte(corpus: Path) -> None:
    pages = sorted((corpus / "jekyll-seedlab").glob("*.md"))
    assert {p.name for p in pages} == set(SEED_COUNTS)
    for page in pages:
        bib = read_page(page, strict=False)
        assert not bib.errors, page.name
        assert len(bib) == SEED_COUNTS[page.name], page.name
        assert joined(bib) == page.read_text(encoding="utf-8"), page.name
        keys = [p.key for p in bib.publications]
        assert len(set(keys)) == len(keys)
        for pub in bib.publications:
            assert pub.title and pub.authors and pub.year, (page.name, pub.key)
            assert pub.origin is not None and pub.origin.raw.startswith("**")
            assert pub.section is not None
            assert all(a.family and "," not in a.family for a in pub.authors), pub.key


@pytest.mark.corpus
def test_seed_quirks(corpus: Path) -> None:
    seed = read_page(corpus / "jekyll-seedlab" / "2024-New.md")
    pq = seed.publications[1]
    assert [a.display() for a in pq.authors][6:8] == ["Jie Hu", "Hanting Chen"]
    assert pq.origin is not None and pq.origin.line == 28
    stale = read_page(corpus / "jekyll-seedlab" / "3D-event__2024new.md")
    assert "Yifan Li" not in {a.display() for p in stale for a in p.authors}
    assert stale.publications[1].container_short is None
    assert any(
        isinstance(b, Verbatim) and b.kind == "comment" and "Yifan Li" in b.text
        for b in stale.blocks
    )
    den = read_page(corpus / "jekyll-seedlab" / "manipulation__denoising.md", strict=False)
    last = den.publications[-1]
    assert last.abstract and not last.abstract.endswith("#")
    assert any("Markdown heading" in d.message and d.line == 70 for d in den.warnings)
    spectrum = read_page(corpus / "jekyll-seedlab" / "super-resolution__sr-spectrum.md")
    awards = [p.award for p in spectrum if p.award]
    assert len(awards) == 3 and any("Photography & Imaging" in a for a in awards)
    assert any(link.label == "Intro Video (3rd party)" for p in spectrum for link in p.links)


def test_fixture_entry_details(fixtures: Path) -> None:
    bib = read_page(fixtures / "jekyll" / "house.md", strict=False)
    crane, unlit, soft, soft2 = bib.publications
    assert [a.roles for a in crane.authors] == [("equal",), ("equal",), ("corresponding",), ()]
    assert crane.authors[3] == Person(family="Dijk", given="Ravi", particle="van")
    assert crane.authors[2].given == "Célia"
    assert (crane.container_title, crane.container_short, crane.year, crane.note) == (
        "IEEE Transactions on Imaginary Optics",
        "T-IO",
        2031,
        "Oral",
    )
    assert crane.type == "article-journal"
    assert crane.award == "Winner of PAPER 2030 Challenge on Folded Optics & Origami"
    assert [(x.label, x.url) for x in crane.links] == [
        ("Paper", "https://example.org/crane.pdf"),
        ("Code & Dataset", "https://example.org/crane"),
        ("Intro Video (3rd party)", "https://video.example.org/watch?v=1&t=2"),
    ]
    assert crane.abstract == (
        "We fold light fields like paper cranes & show that R&D on 3×3 folds is possible."
    )
    assert [a.display() for a in unlit.authors] == ["Mei Ling", "Tomas Novak", "Iris Okafor"]
    assert (unlit.container_short, unlit.year, unlit.abstract) == ("ACDV", 2030, None)
    assert [x.label for x in unlit.links] == ["Paper"]  # the commented-out Code link is not live
    assert soft.type == "article" and soft.links == () and soft.section == "Lenses"
    assert soft2.links[0].attrs == "" and soft2.abstract == "Lenses can be soft."
    assert [p.key for p in bib] == [
        "quill2031folding",
        "ling2030dataset",
        "weber2029soft",
        "weber2029softa",
    ]
    assert "Retracted" not in {p.title for p in bib}


def test_keys_are_unique_across_pages_and_deterministic(fixtures: Path) -> None:
    path = str(fixtures / "jekyll" / "house.md")
    once = pubconv.load([path, path], "jekyll", strict=False)
    keys = [p.key for p in once]
    assert len(keys) == 8 and len(set(keys)) == 8
    again = pubconv.load([path, path], "jekyll", strict=False)
    assert [p.key for p in again] == keys
    maker = KeyMaker()
    assert [maker.make("x") for _ in range(4)] == ["x", "xa", "xb", "xc"]


ENTRY = """**Paper {n}** <br>
_Ann Lee, Bo Chen_ <br>
<span><pub> Conference on Things (CoT), 2020</pub></span> <br>
[Paper](https://example.org/{n}.pdf){{:target="\\_blank"}} |
<a onclick='expandABS("p{n}")'> Abstract </a>

<div style="display: none;" class=abs id="p{n}"><br>
Text of abstract {n} with enough words to look like a real one.
</div>

"""


def test_page_without_entries_reads_to_nothing_without_errors() -> None:
    bib = pubconv.loads("---\ntitle: x\n---\n\n## Empty\n\nNothing yet.\n", "jekyll")
    assert len(bib) == 0 and not bib.errors
    assert "".join(b.text for b in bib.blocks if isinstance(b, Verbatim)).startswith("---")


def test_truncated_entry_gives_located_messages() -> None:
    page = "---\ntitle: x\n---\n\n" + ENTRY.format(n=1) + "**Half a title <br>\n_Ann Lee_"
    with pytest.raises(ParseError) as caught:
        pubconv.loads(page, "jekyll", path="cut.md")
    assert "cut.md:15:1: error: entry title is not closed" in str(caught.value)
    lenient = pubconv.loads(page, "jekyll", path="cut.md", strict=False)
    assert len(lenient) == 1
    assert any(isinstance(b, Verbatim) and b.kind == "failed" for b in lenient.blocks)
    assert joined(lenient) == page
    cut = pubconv.loads("**Only a title** <br>\n_Ann Lee_ <br>\n", "jekyll", path="c.md")
    assert [str(d) for d in cut.warnings] == ["c.md:1:1: warning: entry has no year"]


def test_binary_junk_and_unclosed_comment_never_raise() -> None:
    junk = bytes(range(1, 256)).decode("latin-1") * 50 + "**x** <br>\n<pub>" + "\x00\x01<!--"
    bib = pubconv.loads(junk, "jekyll", strict=False)
    assert joined(bib) == junk
    assert any("never closed" in d.message for d in bib.diagnostics)


def test_ten_megabyte_page_and_500_entries_are_read() -> None:
    """(Their time is measured by ``benchmarks/bench_readers.py``, not asserted here.)"""
    page = "---\ntitle: big\n---\n\n## All\n\n" + "".join(ENTRY.format(n=i) for i in range(500))
    assert len(pubconv.loads(page, "jekyll")) == 500
    big = page + "<!--\n" + ("x" * 99 + "\n") * 100_000 + "-->\n"
    assert len(big) > 10_000_000
    assert len(pubconv.loads(big, "jekyll")) == 500
