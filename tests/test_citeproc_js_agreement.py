"""Issue 12 item 2: pubconv's bibliography text agrees with citeproc-js (npm ``citeproc``, the
processor inside Zotero) on the same CSL-JSON, style and locale files.  Prints the per-style
agreement and every difference on the shared sample (the first PUBCONV_AGREEMENT_N plume-bib
entries, default 300, plus the seed lab's pages); ``python tests/citeproc_js.py`` prints the same
without pytest.  The differences left and the rule each side follows:
docs/citation-differences.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import require_tool

sys.path.insert(0, str(Path(__file__).parent))
from citeproc_js import differences, node_modules, shared_items

# Measured on the 379-entry sample; the floors sit at the measured rate, so a change that makes
# pubconv disagree more with citeproc-js fails.  Issue 12's target is 99% in each.  Title case
# uses CSL 1.0.2's stop-word list (``against``, ``between``, ``like`` in ``Chaitin-like``,
# ``vs.``; not capitalised after a period): chicago 351 -> 361, apa 372 -> 373 of 379.  A range
# of numbers in a number variable printed with cs:text gets its en dash (``6(1–2)``): apa 374,
# chicago 362, vancouver 375.  A BibTeX ``references`` list of \cite commands is no longer read as
# CSL ``references`` (which styles print): apa 375, chicago 363, vancouver 376.
FLOORS = {
    "apa": 0.989,
    "ieee": 0.968,
    "chicago-author-date": 0.957,
    "nature": 0.989,
    "vancouver": 0.992,
}


@pytest.mark.interop
@pytest.mark.corpus
@pytest.mark.parametrize("style", FLOORS)
def test_agreement_with_citeproc_js(
    style: str, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tool("node")
    if node_modules() is None:
        pytest.skip("the npm package citeproc is not installed globally (npm install -g citeproc)")
    items = shared_items(corpus)
    assert items
    total, differ = differences(items, style)
    rate = 1 - len(differ) / total
    with capsys.disabled():
        print(f"\n{style}: {total - len(differ)}/{total} agree with citeproc-js ({rate:.1%})")
        for key, theirs, ours in differ:
            print(f"  {key}\n    citeproc-js: {theirs}\n    pubconv:     {ours}")
    assert rate >= FLOORS[style] - 1e-9, f"{style}: {rate:.1%} < {FLOORS[style]:.1%}"
