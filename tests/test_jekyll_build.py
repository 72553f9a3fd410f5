"""Real Jekyll (Debian's ``jekyll``) builds pages pubconv wrote; lxml checks the built HTML.

The site is minimal and offline: no theme gem, no plugins, a ``_config.yml`` with the seed lab's
kramdown settings (GFM input, no hard wrap) and one layout that defines what the seed pages need
from theirs: ``expandABS(id)`` (the seed site's ``_includes/scripts.html`` toggles the abstract
div's ``display``) and styles for the custom ``<pub>`` and ``<highlighted>`` elements.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

import pubconv
from conftest import require_tool
from pubconv.model import Bibliography, Link, PartialDate, Person, Publication

pytestmark = pytest.mark.interop

CONFIG = """\
title: pubconv build test
markdown: kramdown
kramdown:
  input: GFM
  hard_wrap: false
plugins: []
defaults:
  - scope:
      path: ""
    values:
      layout: default
"""

LAYOUT = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.title }}</title>
<style>
pub { font-style: italic; }
highlighted { color: #bf0000; font-weight: bold; }
.abs { margin: 0.5em 0 1em 1em; }
</style>
</head>
<body>
<main id="content">
{{ content }}
</main>
<script>
function expandABS(id) {
  var el = document.getElementById(id);
  el.style.display = el.style.display == "none" ? "block" : "none";
}
</script>
</body>
</html>
"""

BLANK = '{:target="_blank"}'


def _publications() -> list[Publication]:
    """Entries with what makes pages hard: HTML-special text, odd URLs, awards, shared ids."""
    return [
        Publication(
            key="ruiz2024sparse",
            type="paper-conference",
            title="Sparse Event Fields & <i>Depth</i> for 3×3 Arrays",
            authors=(Person("Ruiz", "Ana"), Person("Wei", "Li"), Person("Moreau", "Célia")),
            issued=PartialDate(2024),
            container_title="IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            container_short="CVPR",
            links=(
                Link("Paper", "https://example.org/papers/a_b%20c.pdf#page=2", BLANK),
                Link("Code & Dataset", "https://github.com/example/sparse_events", BLANK),
            ),
            abstract="We estimate depth from sparse events, with R&D on x < y cases.",
            award="Winner of NTIRE 2024 Challenge on Events & Depth",
            section="2024",
            hints=(("jekyll.abs_id", "ruiz24"),),
        ),
        Publication(
            key="chen2023learning",
            type="article-journal",
            title="Learning Without Borders",
            authors=(Person("Chen", "Bo"),),
            issued=PartialDate(2023),
            container_title="IEEE Transactions on Image Processing",
            container_short="T-IP",
            links=(
                Link("Paper", "https://ieeexplore.ieee.org/document/1", BLANK),
                Link("Intro Video (3rd party)", "https://video.example.org/watch?v=1&t=2", BLANK),
            ),
            abstract=None,
            section="2023",
            hints=(("jekyll.abs_id", "ruiz24"),),  # the same id on purpose: must be made unique
        ),
        Publication(
            key="tan2023folding",
            type="article-journal",
            title="Folding Light with 50% Fewer Lenses",
            authors=(Person("Tan", "Bo"), Person("Okafor", "Iris")),
            issued=PartialDate(2023),
            container_title="Signal Processing: Image Communication",
            links=(Link("Code", "/code/folding_code.zip", BLANK),),
            abstract="An abstract about <b>folding</b> and #hashes_and_underscores.",
            section="2023",
        ),
    ]


def _build(tmp_path: Path, name: str, page: str) -> lxml_html.HtmlElement:
    jekyll = require_tool("jekyll")
    site = tmp_path / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (site / "_layouts" / "default.html").write_text(LAYOUT, encoding="utf-8")
    page = re.sub(r"(?m)^permalink:.*\n", "", page, count=1)  # keep the output path known
    (site / name).write_text(page, encoding="utf-8")
    result = subprocess.run(
        [jekyll, "build", "--safe", "--source", str(site), "--destination", str(site / "_site")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=site,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    built = site / "_site" / name.replace(".md", ".html")
    return lxml_html.fromstring(built.read_bytes())


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _model_text(text: str) -> str:
    return " ".join(re.sub(r"</?(i|b|sup|sub|span)[^>]*>", "", text).split())


def _check_site(root: lxml_html.HtmlElement, pubs: list[Publication]) -> None:
    """Every entry's title and links are in the HTML, and each abstract toggle opens its own div."""
    titles = [_text(e) for e in root.iter("strong")]
    for pub in pubs:
        assert _model_text(pub.title or "") in titles, pub.title
    anchors = [(a.get("href"), _text(a), a.get("target")) for a in root.iter("a") if a.get("href")]
    for pub in pubs:
        for link in pub.links:
            assert (link.url, link.label, "_blank") in anchors, link
    toggles = [a.get("onclick") for a in root.iter("a") if a.get("onclick")]
    ids = [m.group(1) for t in toggles if (m := re.search(r"expandABS\(\"([^\"]+)\"\)", t or ""))]
    divs = [d.get("id") for d in root.iter("div") if "abs" in (d.get("class") or "").split()]
    assert len(ids) == len(toggles) == len(divs)
    assert len(set(ids)) == len(ids), ids  # unique abstract ids
    assert ids == divs  # each toggle opens the div right below it
    for div in root.iter("div"):
        if div.get("id") in ids:
            assert div.get("style") == "display: none;"
    assert "\\_blank" not in lxml_html.tostring(root, encoding="unicode")


def test_jekyll_builds_a_page_written_by_pubconv(tmp_path: Path) -> None:
    pubs = _publications()
    page = pubconv.dumps(Bibliography.of(pubs), "jekyll")
    root = _build(tmp_path, "publications.md", page)
    _check_site(root, pubs)
    abstracts = [d for d in root.iter("div") if "abs" in (d.get("class") or "").split()]
    assert "R&D on x < y cases" in _text(abstracts[0])
    assert "3×3" in _text(next(iter(root.iter("strong"))))
    # the page pubconv wrote reads back to the same entries
    back = pubconv.loads(page, "jekyll", strict=False).publications
    assert [dataclasses.replace(p, origin=None) for p in back] == pubs


def test_jekyll_builds_a_page_written_by_bib2md(tmp_path: Path, fixtures: Path) -> None:
    from pubconv.cli import main

    page = tmp_path / "bib2md.md"
    assert main(["bib2md", str(fixtures / "example" / "lab.bib"), "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    pubs = pubconv.loads(text, "jekyll", strict=False).publications
    assert pubs
    root = _build(tmp_path, "bib2md.md", text)
    titles = [_text(e) for e in root.iter("strong")]
    for pub in pubs:
        assert _model_text(pub.title or "") in titles
    ids = [d.get("id") for d in root.iter("div") if "abs" in (d.get("class") or "").split()]
    assert len(set(ids)) == len(ids)


@pytest.mark.corpus
def test_seed_page_through_pubconv_builds_like_the_original(tmp_path: Path, corpus: Path) -> None:
    """The seed page rewritten by pubconv (via its entries and --like) builds the same HTML."""
    from pubconv.registry import WriteOptions

    source = (corpus / "jekyll-seedlab" / "2024-New.md").read_text(encoding="utf-8")
    like = pubconv.loads(source, "jekyll", path="2024-New.md", strict=False)
    entries = Bibliography.of(dataclasses.replace(p, origin=None) for p in like.publications)
    rewritten = pubconv.dumps(entries, "jekyll", options=WriteOptions(like=like))
    original = lxml_html.tostring(_build(tmp_path / "a", "p.md", source))
    again = lxml_html.tostring(_build(tmp_path / "b", "p.md", rewritten))
    assert again == original
