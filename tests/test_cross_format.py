"""Round trips across format pairs: what one format reads, another writes and reads back.

The single-format round trips live with each format's tests; these check the pairs the issues
promise to be lossless (bib -> csljson -> bib keeps every field; page -> bib -> page and
page -> csljson -> page keep every entry's content).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pubconv
from casing import unprotected
from corpus_sets import bib_sets
from pubconv.model import Bibliography, Publication
from strategies import author_lists, dates, links, plain_text, publications, title_text

TEXT_FORMATS = ("bibtex", "csljson")


def _through(bib: Bibliography, fmt: str) -> Bibliography:
    return pubconv.loads(pubconv.dumps(bib, fmt), fmt)


def _hints(pub: Publication, prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in pub.hints if k.startswith(prefix))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_text_format_pair_keeps_the_record(data: st.DataObject) -> None:
    pubs = data.draw(st.lists(publications(), min_size=1, max_size=3, unique_by=lambda p: p.key))
    source = Bibliography(blocks=list(pubs))
    for first in TEXT_FORMATS:
        for second in TEXT_FORMATS:
            once = _through(source, first)
            twice = _through(once, second)
            back = _through(twice, first)
            if (first, second) == ("csljson", "bibtex"):
                # CSL titles are case-protected in BibTeX (read back, they keep their case)
                assert unprotected(back.publications) == unprotected(source.publications)
            else:
                assert back.publications == source.publications, (first, second)


page_publications = st.builds(
    Publication,
    key=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8).map(
        lambda s: s + "24"
    ),
    type=st.sampled_from(["paper-conference", "article-journal"]),
    title=title_text,
    authors=author_lists.filter(lambda ps: all(p.literal is None for p in ps)),
    issued=dates.map(lambda d: dataclasses.replace(d, month=None, day=None)),
    container_title=plain_text,
    container_short=st.one_of(st.none(), st.sampled_from(["CVPR", "T-MI", "ECCV", "TPAMI"])),
    links=links,
    abstract=st.one_of(st.none(), plain_text),
    award=st.one_of(st.none(), plain_text),
)
"""Publications with only what a house-style page entry shows."""


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(page_publications, min_size=1, max_size=4, unique_by=lambda p: p.key))
def test_page_through_bib_and_csljson_gives_the_same_page(pubs: list[Publication]) -> None:
    page = pubconv.dumps(Bibliography(blocks=list(pubs)), "jekyll")
    read = pubconv.loads(page, "jekyll")
    for fmt in TEXT_FORMATS:
        again = _through(read, fmt)
        assert again.publications == read.publications, fmt
        assert pubconv.dumps(again, "jekyll") == page, fmt


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["alfolio-3c-lab", "iridia-references", "plume-bib-perf"])
def test_corpus_bib_to_csljson_to_bib_keeps_every_field(corpus: Path, name: str) -> None:
    files = bib_sets(corpus)[name]
    bib = pubconv.load([str(f) for f in files])
    via_csl = _through(bib, "csljson")
    assert len(via_csl.publications) == len({p.key for p in bib.publications})
    first = {}
    for pub in bib.publications:
        first.setdefault(pub.key, pub)
    back = _through(via_csl, "bibtex")
    for pub in back.publications:
        original = first[pub.key]
        assert pub == original, pub.key
        assert _hints(pub, "bibtex.type") == _hints(original, "bibtex.type"), pub.key
