"""Issue 4 item 1: pubconv's bibliography text agrees with pandoc --citeproc (same .csl, same
CSL-JSON, same locale).  Reports the rate per style and lists the differences;
PUBCONV_AGREEMENT_N=300 runs the full issue sample (default: the first 120 entries).

pandoc runs on :func:`cite_agreement.pandoc_style`, a copy of the style that means the same in
CSL 1.0.2 but reads alike in pandoc 2.17 (explicit ``cs:name``, CSL 1.0.2 locale terms); the
differences that remain and where pandoc 2.17 departs from the spec are explained in
docs/citation-differences.md.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from conftest import require_tool

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import comparable_items, corpus_items, normalise, page_items, pandoc_entries
from pubconv.cite import resolve_style
from pubconv.cite.engine import render_csl

N = int(os.environ.get("PUBCONV_AGREEMENT_N", "120"))
# Regression floors under the rates measured with pubconv's readers as the source: the first
# N plume-bib entries (crossrefs resolved, as citing does) plus every live seed-lab page entry.
# N=120 / N=300: apa 98.0/97.6%, ieee 97.5/97.9%, nature 100/99.7%, chicago-author-date
# 66.8/62.3% (91.5/89.2% with page ranges in full: pandoc 2.17 lacks chicago-16), vancouver
# 100/98.9%.  Open and known differences: docs/citation-differences.md.
FLOORS = {
    "apa": 0.95,
    "ieee": 0.95,
    "nature": 0.95,
    "chicago-author-date": 0.6,
    "vancouver": 0.95,
}


_RANGE = re.compile(r"\b(\d+)–(\d+)\b")


def _full_ranges(text: str) -> str:
    """``146–60`` -> ``146–160``: a compressed range end completed from its start."""

    def full(match: re.Match[str]) -> str:
        start, end = match.group(1), match.group(2)
        if len(end) < len(start):
            end = start[: len(start) - len(end)] + end
        return f"{start}–{end}"

    return _RANGE.sub(full, text)


def test_full_ranges_completes_compressed_ends() -> None:
    assert _full_ranges("pp. 146–60, 1087–89 and 12–15") == "pp. 146–160, 1087–1089 and 12–15"


@pytest.mark.interop
@pytest.mark.corpus
@pytest.mark.parametrize("style", list(FLOORS))
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
    # pandoc 2.17 writes every page range in full (it does not know CSL 1.0.2 chicago-16); the
    # rate with ranges expanded on both sides shows what else differs.  The raw rate is the floor.
    beyond_ranges = [
        k for k in differ if _full_ranges(theirs.get(k) or "") != _full_ranges(ours[k])
    ]
    with capsys.disabled():
        print(f"\n{style}: {len(ours) - len(differ)}/{len(ours)} agree ({rate:.1%})", end="")
        print(f"; {1 - len(beyond_ranges) / len(ours):.1%} with page ranges written in full")
        for key in differ:
            print(f"  {key}\n    pandoc:  {theirs.get(key)}\n    pubconv: {ours[key]}")
    assert rate >= FLOORS[style], f"{style}: {rate:.1%} < floor {FLOORS[style]:.0%}"
