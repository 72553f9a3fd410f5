"""Issue 4 item 1: pubconv's bibliography text agrees with pandoc --citeproc (same .csl, same
CSL-JSON, same locale).  Reports the rate per style and lists the differences on the issue's
sample (PUBCONV_AGREEMENT_N entries of plume-bib, default 300, plus the seed lab's pages).

pandoc runs on :func:`cite_agreement.pandoc_style`, a copy of the style that means the same in
CSL 1.0.2 but reads alike in pandoc 2.17 (explicit ``cs:name``, CSL 1.0.2 locale terms,
``chicago`` for the ``chicago-16`` page ranges it predates), and on items that mean the same but
that it reads alike (typographic apostrophes, ``nocase`` around ``3D``-like words); the
differences that remain and where pandoc 2.17 departs from the spec are explained in
docs/citation-differences.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import require_tool

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import comparable_items, corpus_items, normalise, page_items, pandoc_entries
from pubconv.citation import resolve_style
from pubconv.citation.engine import render_csl

N = int(os.environ.get("PUBCONV_AGREEMENT_N", "300"))
# Rates measured with pubconv's readers as the source: the first N plume-bib entries (crossrefs
# resolved, as citing does) plus every live seed-lab page entry (N=300: 379 entries): apa 99.2%,
# ieee 97.9% (98.2% before issue 9 made mathquiz's howpublished \url its URL: IEEE's [Online].),
# nature 100%, chicago-author-date 98.9%, vancouver 96.6%.  The differences left
# and where pandoc 2.17 departs from the specification: docs/citation-differences.md.
FLOOR = 0.95


# Regression floors for other common styles (measured, same sample): not part of the issue's
# 95% criterion; the differences are described in docs/citation-differences.md.
OTHER_FLOORS = {
    "modern-language-association": 0.88,  # 90.2%
    "elsevier-harvard": 0.95,  # 97.1%
    "harvard-cite-them-right": 0.94,  # 96.3%
    "springer-basic-author-date": 0.95,  # 97.6%
    "springer-lecture-notes-in-computer-science": 0.97,  # 99.5%
    "frontiers": 0.97,  # 99.5%
    "turabian-author-date": 0.97,  # 98.9%
}
STYLES = dict.fromkeys(["apa", "ieee", "nature", "chicago-author-date", "vancouver"], FLOOR)


@pytest.mark.interop
@pytest.mark.corpus
@pytest.mark.parametrize("style", [*STYLES, *OTHER_FLOORS])
def test_agreement_with_pandoc(
    style: str, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tool("pandoc")
    items = comparable_items(
        corpus_items(corpus / "bibtex" / "plume-bib-perf", N)
        + page_items(corpus / "jekyll-seedlab")
    )
    assert items
    theirs = pandoc_entries(items, resolve_style(style), "en-US")
    ours = {
        e.key: normalise(e.text)
        for e in render_csl(items, [str(i["id"]) for i in items], style, "en-US", cache=False)
    }
    differ = sorted(k for k, v in ours.items() if theirs.get(k) != v)
    rate = 1 - len(differ) / len(ours)
    with capsys.disabled():
        print(f"\n{style}: {len(ours) - len(differ)}/{len(ours)} agree ({rate:.1%})")
        for key in differ:
            print(f"  {key}\n    pandoc:  {theirs.get(key)}\n    pubconv: {ours[key]}")
    floor = STYLES.get(style) or OTHER_FLOORS[style]
    assert rate >= floor, f"{style}: {rate:.1%} < {floor:.0%}"
