"""Issue 9 item 1: one entry of each BibTeX type (fixtures/cite/types.bib, written for pubconv),
cited straight from the .bib by pubconv and by pandoc 3 in five styles; every difference is
printed and must be one explained in docs/citation-differences.md ("Entry types: pubconv and
pandoc 3 citing a .bib").  APA, Nature and Vancouver reach the issue's 95%; IEEE and Chicago
do not (86% and 91%): each of their differences is a place where pandoc 3 departs from CSL 1.0.2
or from the BibTeX mapping the issue asks for (Zotero's), see :data:`KNOWN`.  citeproc-js, given
pubconv's CSL-JSON for the same entries, prints every entry exactly as pubconv does
(:func:`test_types_agree_with_citeproc_js`): the differences are pandoc's reading, not pubconv's
rendering.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pubconv
from pubconv import cv
from pubconv.citation import render_entries, resolve_style
from pubconv.crossref import resolve_crossrefs

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import normalise, pandoc_style

TYPES_BIB = Path(__file__).parent.parent / "fixtures" / "cite" / "types.bib"
FLOORS = {
    "apa": 21 / 22,
    "nature": 22 / 22,
    "vancouver": 21 / 22,
    "ieee": 19 / 22,
    "chicago-author-date": 20 / 22,
}
"""The measured rates (22 entries).  IEEE and Chicago fall short of the issue's 95% by the
differences in :data:`KNOWN`, none of which pubconv should copy: CSL 1.0.2 and citeproc-js side
with pubconv on IEEE's ``[Online].``; Zotero's BibTeX import and the issue make a
``howpublished`` URL the ``URL``; citation-js and CSL's own BibTeX mapping make ``@misc`` a
``document`` (pandoc 3 leaves the type empty, which is no CSL type)."""
_MISC = "@misc is CSL document; pandoc 3 leaves the type empty, so style conditions differ"
_ONLINE = "IEEE's [Online]. before Available: (CSL 1.0.2 group rules; pandoc drops the term)"
KNOWN = {
    # (style, key) -> why pandoc differs; docs/citation-differences.md explains each
    ("apa", "misc-url"): "pandoc prints howpublished as a publisher; pubconv makes a \\url the URL",
    ("vancouver", "misc-url"): "howpublished \\url: the URL (pandoc: the publisher)",
    ("ieee", "misc-url"): "howpublished \\url: the URL (pandoc: the publisher); " + _ONLINE,
    ("ieee", "arxiv"): _ONLINE,
    ("ieee", "software"): _ONLINE,
    ("chicago-author-date", "misc-url"): _MISC + "; howpublished \\url: the URL",
    ("chicago-author-date", "arxiv"): _MISC,
}


def pandoc3() -> str:
    """pandoc 3.x from pypandoc-binary (Debian's 2.17 reads BibTeX differently)."""
    pypandoc = pytest.importorskip("pypandoc", reason="pip install pypandoc-binary (pandoc 3)")
    path = str(pypandoc.get_pandoc_path())
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
    if not version.stdout.startswith("pandoc 3"):
        pytest.skip(f"needs pandoc 3.x, found {version.stdout.splitlines()[0]}")
    return path


def pandoc_bib_entries(pandoc: str, bib: Path, style: str, folder: Path) -> dict[str, str]:
    """pandoc's entries for ``bib``, on the style copy the agreement harness gives pandoc (same
    meaning; explicit ``cs:name``, citeproc-py's CSL 1.0.2 locale terms embedded)."""
    from lxml import html

    csl = pandoc_style(resolve_style(style), "en-US", folder)
    done = subprocess.run(
        [pandoc, "--citeproc", "--bibliography", str(bib), "--csl", str(csl),
         "-t", "html", "--wrap=none"],
        input="---\nnocite: '@*'\nlang: en-US\n...\n", capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    tree = html.fromstring(done.stdout or "<div></div>")
    out: dict[str, str] = {}
    for entry in tree.xpath('//div[contains(@class, "csl-entry")]'):
        blocks = entry.xpath("./div")
        text = " ".join(b.text_content() for b in blocks) if blocks else entry.text_content()
        out[entry.get("id", "").removeprefix("ref-")] = normalise(text)
    return out


def pubconv_entries(style: str) -> dict[str, str]:
    bib = resolve_crossrefs(pubconv.load(str(TYPES_BIB)))
    pubs = cv.select(bib).publications  # the @xdata container is not cited
    return {e.key: normalise(e.text) for e in render_entries(pubs, style, cache=False)}


@pytest.mark.interop
@pytest.mark.parametrize("style", FLOORS)
def test_types_agree_with_pandoc3(
    style: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = pandoc_bib_entries(pandoc3(), TYPES_BIB, style, tmp_path)
    ours = pubconv_entries(style)
    assert sorted(ours) == sorted(theirs)  # the same entries (no @xdata) on both sides
    differ = sorted(k for k in ours if ours[k] != theirs[k])
    rate = 1 - len(differ) / len(ours)
    with capsys.disabled():
        print(f"\n{style}: {len(ours) - len(differ)}/{len(ours)} identical ({rate:.1%})")
        for key in differ:
            print(f"  {key} ({KNOWN.get((style, key), 'unexplained')})")
            print(f"    pandoc:  {theirs[key]}\n    pubconv: {ours[key]}")
    unexplained = [key for key in differ if (style, key) not in KNOWN]
    assert not unexplained, f"unexplained differences: {unexplained}"
    assert rate >= FLOORS[style] - 1e-9, f"{style}: {rate:.1%} < {FLOORS[style]:.1%}"


@pytest.mark.interop
@pytest.mark.parametrize("style", FLOORS)
def test_types_agree_with_citeproc_js(style: str) -> None:
    """citeproc-js (npm ``citeproc``), given pubconv's CSL-JSON for types.bib, prints every entry
    as pubconv does, ``[Online].``, the ``howpublished`` URL and ``@misc`` as ``document``
    included: the pandoc 3 differences above come from pandoc's reading of the .bib and its
    group rule, not from pubconv's engine."""
    from citeproc_js import citeproc_js_entries, node_modules
    from pubconv.citation.csl import to_csl

    if node_modules() is None:
        pytest.skip("node with the npm package citeproc is not installed (npm install -g citeproc)")
    bib = resolve_crossrefs(pubconv.load(str(TYPES_BIB)))
    items = to_csl(cv.select(bib).publications)
    theirs = citeproc_js_entries(items, resolve_style(style))
    ours = pubconv_entries(style)
    assert len(ours) == 22
    assert {k: theirs.get(k) for k in ours} == ours
