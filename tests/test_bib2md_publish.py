"""`bib2md` without `--like`: a page a lab would publish, straight from its `.bib`.

Links from doi/url/arXiv, no empty Abstract toggle, notes only where they are venue tags,
crossrefs resolved (and their parents not listed), clean kramdown, and `pubconv check` finds
nothing on it; on the corpus, real Jekyll builds the pages and every DOI/URL is a working link.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import pubconv
from corpus_sets import bib_sets
from pubconv.cli import main
from pubconv.formats.jekyll.publish import is_venue_tag, page_links, publishable
from pubconv.lint import lint_paths
from pubconv.model import Bibliography, Link, PartialDate, Person, Publication
from test_jekyll_build import _build

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "fixtures" / "example" / "lab.bib"
CLEAN = '{:target="_blank"}'


def _bib2md(tmp_path: Path, *inputs: str) -> str:
    page = tmp_path / "page.md"
    assert main(["bib2md", "--skip-invalid", *inputs, "-o", str(page)]) == 0
    return page.read_text(encoding="utf-8")


def test_lab_bib_gives_a_publishable_page(tmp_path: Path) -> None:
    text = _bib2md(tmp_path, str(LAB))
    assert "\\_blank" not in text and "expandABS" not in text  # no empty Abstract toggles
    assert "<pub> " not in text  # no space at the start of the venue
    deng = text[text.index("**Unsupervised") :].split("\n\n")[0]
    assert f"[Paper](https://doi.org/10.1109/TMI.2024.0000000){CLEAN} |" in deng
    assert f"[Code](https://example.org/code/dadn){CLEAN} |" in deng
    # PQ-SAM takes venue and year from its @proceedings crossref, which is not listed itself
    pqsam = text[text.index("**PQ-SAM") :].split("\n\n")[0]
    assert "<pub>European Conference on Computer Vision 2024, 2024 <highlighted>" in pqsam
    assert text.count("**European Conference on Computer Vision 2024**") == 0
    assert f"[arXiv](https://arxiv.org/abs/2301.00000){CLEAN}" in text
    assert lint_paths([str(tmp_path / "page.md")])[0].findings == []
    back = pubconv.loads(text, "jekyll")
    assert [p.title for p in back][1].startswith("PQ-SAM") and back.publications[1].year == 2024


def test_notes_only_as_venue_tags() -> None:
    assert is_venue_tag("Oral") and is_venue_tag("Spotlight presentation")
    assert is_venue_tag("Best Paper Award") and is_venue_tag("(Highlight)")
    assert not is_venue_tag("ORCID: 0000-0002-1825-0097") and not is_venue_tag("to appear")
    pub = Publication(key="k", title="T", authors=(Person("A", "B"),), note="0000-0002-1825-0097")
    (shown,) = publishable(Bibliography.of([pub]))
    assert shown.note is None


def test_links_only_for_safe_urls_each_once() -> None:
    pub = Publication(
        key="k",
        title="T",
        doi="https://doi.org/10.1000/a<b>",
        url="javascript:alert(1)",
        links=(Link("Paper", "https://doi.org/10.1000/a%3Cb%3E", '{:target="\\_blank"}'),),
        extra=(("eprint", "2101.00001v2"), ("archiveprefix", "arXiv")),
    )
    links = page_links(pub)
    assert [(k.label, k.url, k.attrs) for k in links] == [
        ("Paper", "https://doi.org/10.1000/a%3Cb%3E", CLEAN),
        ("arXiv", "https://arxiv.org/abs/2101.00001v2", CLEAN),
    ]


def test_several_urls_in_one_field_become_several_links() -> None:
    pub = Publication(key="k", title="T", url="http://a.org/x;\n   http://b.org/y")
    assert [(k.label, k.url) for k in page_links(pub)] == [
        ("Paper", "http://a.org/x"),
        ("Link", "http://b.org/y"),
    ]


def test_editors_stand_in_for_missing_authors() -> None:
    book = Publication(
        key="b", title="Volume", editors=(Person("Ed", "Ann"),), issued=PartialDate(2020)
    )
    (shown,) = publishable(Bibliography.of([book]))
    assert shown.authors == book.editors


def test_jekyll_builds_the_lab_page_with_working_links(tmp_path: Path) -> None:
    text = _bib2md(tmp_path, str(LAB))
    root = _build(tmp_path, "lab.md", text)
    hrefs = {a.get("href"): a.get("target") for a in root.iter("a")}
    assert hrefs["https://doi.org/10.1109/TMI.2024.0000000"] == "_blank"
    assert hrefs["https://arxiv.org/abs/2301.00000"] == "_blank"


# --- the corpus ---------------------------------------------------------------------------

#: Entries per corpus database built by Jekyll (all of them are written and checked).
SAMPLE = 60


def _expected_links(pub: Publication) -> list[str]:
    """The URLs a page entry for ``pub`` must link to: its DOI and its http(s) URLs."""
    return [link.url for link in page_links(pub) if link.label in ("Paper", "DOI", "Link")]


def _in_page_order(pubs: list[Publication]) -> list[Publication]:
    """Entries without a section first, then each section in order of first appearance."""
    sections: dict[str | None, list[Publication]] = {None: []}
    for pub in pubs:
        sections.setdefault(pub.section, []).append(pub)
    return [pub for group in sections.values() for pub in group]


@pytest.mark.corpus
@pytest.mark.interop
def test_corpus_bib_files_give_pages_check_passes_and_jekyll_builds(
    corpus: Path, tmp_path: Path
) -> None:
    """Every corpus database (files read together, as corpus_sets says) through bib2md.

    `check` finds nothing.  Entries the .bib itself leaves without title, authors or year carry
    a `<!-- pubconv: noqa J006 -->` marker: `check` counts them as silenced, and each silenced
    finding is a J006 on exactly such an entry (`check --ignore-noqa` reports them).  Jekyll builds a sample
    of each page (SAMPLE entries with a DOI or URL, to keep the test short) and every such
    entry's DOI/URL is a link with target="_blank" in the built HTML.
    """
    for name, files in bib_sets(corpus).items():
        work = tmp_path / name
        work.mkdir()
        # what `bib2md --skip-invalid FILES -o page.md` writes (read once, not twice)
        database = pubconv.load([str(f) for f in files], strict=False)
        text = pubconv.dumps(database, "jekyll")
        (work / "page.md").write_text(text, encoding="utf-8")
        page = pubconv.loads(text, "jekyll", path=str(work / "page.md"), strict=False)
        source = _in_page_order(publishable(database))
        assert len(source) == len(page)  # every paper is on the page
        at_line = {p.origin.line: src for p, src in zip(page, source, strict=True) if p.origin}
        (result,) = lint_paths([str(work / "page.md")])
        assert result.findings == [], [str(f.diagnostic) for f in result.findings[:5]]
        incomplete = [p for p in source if not (p.authors and p.year and p.title)]
        assert len(result.silenced) == len(incomplete)
        for finding in result.silenced:
            assert finding.rule.code == "J006", str(finding.diagnostic)
            src = at_line[finding.diagnostic.line or 0]
            assert not (src.authors and src.year and src.title), src.key
        (unsilenced,) = lint_paths([str(work / "page.md")], ignore_noqa=True)
        assert len(unsilenced.findings) == len(incomplete)
        linked = [p for p in page if p.links and any(_expected_links(p))][:SAMPLE]
        assert linked, name
        front = text[: text.index("---", 3) + 4]
        sample_page = front + "\n".join(p.origin.raw for p in linked if p.origin) + "\n"
        root = _build(work, "sample.md", sample_page)
        anchors = {(a.get("href"), a.get("target")) for a in root.iter("a")}
        for pub in linked:
            for url in _expected_links(pub):
                parts = urlsplit(url)
                assert parts.scheme in ("http", "https") and parts.netloc, url
                assert (url, "_blank") in anchors, (name, pub.key, url)
        assert not re.search(r"\\_blank", "".join(str(a) for a in anchors))
