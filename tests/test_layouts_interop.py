"""The real tools accept what the layouts write: Debian's ``jekyll`` builds a ``publist.yml`` site,
pandoc reads CSL-YAML (as a bibliography and as metadata ``references``).

The Jekyll site is minimal and offline (no theme, no plugins): one page that loops over
``site.data.publist`` the way the Allan-lab template's ``publications.html`` does.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

import pubconv
from conftest import require_tool
from pubconv.model import Publication

pytestmark = pytest.mark.interop

SEED = Path("jekyll-seedlab") / "2024-New.md"

PUBLICATIONS_PAGE = """\
---
title: Publications
---
<ol id="publications">
{% for publi in site.data.publist %}
  <li class="pub">
    <strong class="title">{{ publi.title }}</strong><br>
    <span class="authors">{{ publi.authors }}</span><br>
    <em class="venue">{{ publi.link.display }}</em>
    {% if publi.link.url %}<a class="paper" href="{{ publi.link.url }}">link</a>{% endif %}
  </li>
{% endfor %}
</ol>
"""


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _plain(text: str) -> str:
    return " ".join(re.sub(r"</?(i|b|sup|sub|span)[^>]*>", "", text).split())


def _seed(corpus: Path) -> list[Publication]:
    return pubconv.load(str(corpus / SEED), strict=False).publications


CITATIONS_PAGE = """\
---
title: Publications
---
<ol id="publications">
{% for citation in site.data.citations %}
  <li class="pub">
    <strong class="title">{{ citation.title }}</strong><br>
    <span class="authors">{{ citation.authors | join: ", " }}</span><br>
    <em class="venue">{{ citation.publisher }} {{ citation.date | slice: 0, 4 }}</em>
    {% for button in citation.buttons %}<a class="button" href="{{ button.link }}">{{ button.type }}</a>{% endfor %}
  </li>
{% endfor %}
</ol>
"""


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("fmt", "data", "template"),
    [("publist", "publist.yml", PUBLICATIONS_PAGE), ("labsite", "citations.yaml", CITATIONS_PAGE)],
)
def test_jekyll_builds_the_seed_page_written_as_site_data(
    corpus: Path, tmp_path: Path, fmt: str, data: str, template: str
) -> None:
    jekyll = require_tool("jekyll")
    page = pubconv.load(str(corpus / SEED), strict=False)
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    (site / "_data" / data).write_text(pubconv.dumps(page, fmt), encoding="utf-8")
    (site / "_config.yml").write_text("title: layout build test\n", encoding="utf-8")
    (site / "publications.html").write_text(template, encoding="utf-8")
    result = subprocess.run(
        [jekyll, "build", "--safe", "--source", str(site), "--destination", str(site / "_site")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=site,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = lxml_html.fromstring((site / "_site" / "publications.html").read_bytes())
    items = root.find_class("pub")
    pubs = page.publications
    assert len(items) == len(pubs) == 9
    for item, pub in zip(items, pubs, strict=True):
        assert _text(item.find_class("title")[0]) == _plain(pub.title or "")
        authors = _text(item.find_class("authors")[0])
        assert authors == ", ".join(p.display() for p in pub.authors)
        venue = _text(item.find_class("venue")[0])
        assert venue.startswith(pub.container_title or "") and venue.endswith(str(pub.year))
    if fmt == "labsite":  # the page's links became the template's buttons
        hrefs = [a.get("href") for a in root.find_class("button")]
        assert hrefs == [link.url for pub in pubs for link in pub.links]


def _pandoc_items(path: Path) -> list[dict[str, object]]:
    """What pandoc makes of a CSL-YAML file read as Markdown metadata ``references``."""
    pandoc = require_tool("pandoc")
    result = subprocess.run(
        [pandoc, str(path), "-f", "markdown", "-t", "csljson"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    items: list[dict[str, object]] = json.loads(result.stdout)
    return items


@pytest.mark.corpus
def test_pandoc_reads_the_seed_page_written_as_csl_yaml(corpus: Path, tmp_path: Path) -> None:
    pubs = _seed(corpus)
    path = tmp_path / "refs.yaml"
    path.write_text(pubconv.dumps(pubconv.Bibliography.of(pubs), "cslyaml"), encoding="utf-8")
    items = {str(item["id"]): item for item in _pandoc_items(path)}
    assert set(items) == {p.key for p in pubs}
    for pub in pubs:
        item = items[pub.key]
        assert item["title"] == pub.title
        assert item["author"] == [{"family": p.family, "given": p.given} for p in pub.authors]
        assert item["issued"] == {"date-parts": [[pub.year]]}
        assert item["container-title"] == pub.container_title
        assert item["type"] == pub.type


@pytest.mark.corpus
def test_pandoc_citeproc_formats_every_csl_yaml_entry(corpus: Path, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    pubs = _seed(corpus)
    refs = tmp_path / "refs.yaml"
    refs.write_text(pubconv.dumps(pubconv.Bibliography.of(pubs), "cslyaml"), encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text('---\nnocite: "@*"\n---\n\nAll papers.\n', encoding="utf-8")
    result = subprocess.run(
        [pandoc, str(doc), "--citeproc", "--bibliography", str(refs), "-t", "plain"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split()).lower()
    for pub in pubs:  # the default style changes title case, so compare case-blind
        assert _plain(pub.title or "").lower() in out, pub.title


def test_pandoc_reads_our_csl_yaml_fixture_like_we_do(fixtures: Path) -> None:
    path = fixtures / "layouts" / "references.yaml"
    ours = {p.key: p for p in pubconv.load(str(path), "cslyaml").publications}
    for item in _pandoc_items(path):
        pub = ours[str(item["id"])]
        issued = item["issued"]
        assert isinstance(issued, dict)
        parts = issued["date-parts"][0]
        assert pub.issued is not None
        assert parts == [pub.issued.year, pub.issued.month, pub.issued.day][: len(parts)]
        assert item["container-title"] == pub.container_title


def test_csl_yaml_that_pandoc_writes_reads_and_writes_back(fixtures: Path, tmp_path: Path) -> None:
    """``pandoc -f csljson -t markdown -s`` writes ``references`` as a Markdown metadata block
    (``---`` ... ``---``, Markdown text); pubconv reads it as CSL-YAML and keeps the body."""
    pandoc = require_tool("pandoc")
    ours = pubconv.load(str(fixtures / "layouts" / "references.yaml"), "cslyaml")
    source = tmp_path / "refs.json"
    source.write_text(pubconv.dumps(ours, "csljson"), encoding="utf-8")
    result = subprocess.run(
        [pandoc, str(source), "-f", "csljson", "-t", "markdown", "-s"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout + "\nA body that follows the metadata.\n"
    bib = pubconv.loads(text, "cslyaml")
    back = {p.key: p for p in bib.publications}
    assert set(back) == {p.key for p in ours.publications}
    for pub in ours.publications:
        got = back[pub.key]
        assert (got.issued, got.container_title, got.authors) == (
            pub.issued,
            pub.container_title,
            pub.authors,
        )
    assert back["tan2019depth"].title == "Depth from defocus in one shot"
    assert pubconv.dumps(bib, "cslyaml") == text
