"""The real site generators accept what pubconv writes for the academicpages and Hugo layouts.

Both sites are minimal and offline: no theme download, no plugins, a few lines of layout written
here that show what the themes show (title, venue, authors) and list the collection the way
academicpages' ``_pages/publications.html`` and HugoBlox' publication list do.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

import pubconv
from conftest import require_tool
from pubconv.cli import main

pytestmark = [pytest.mark.interop, pytest.mark.corpus]

JEKYLL_CONFIG = """\
title: pubconv academicpages build test
markdown: kramdown
plugins: []
collections:
  publications:
    output: true
    permalink: /:collection/:path/
defaults:
  - scope:
      path: ""
      type: publications
    values:
      layout: single
"""
JEKYLL_SINGLE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><h1 class="title">{{ page.title }}</h1>
<p class="venue">{{ page.venue }}</p>
<p class="citation">{{ page.citation }}</p>
<div class="abstract">{{ content }}</div>
</body></html>
"""
JEKYLL_LIST = """\
---
---
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Publications</title></head><body>
{% for post in site.publications reversed %}
<div class="pub"><a class="title" href="{{ post.url }}">{{ post.title }}</a>
<span class="venue">{{ post.venue }}</span> <span class="date">{{ post.date | date: "%Y" }}</span></div>
{% endfor %}
</body></html>
"""

HUGO_CONFIG = """\
baseURL = "http://example.org/"
title = "pubconv hugo build test"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""
HUGO_SINGLE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1 class="title">{{ .Title }}</h1>
<ul class="authors">{{ range .Params.authors }}<li>{{ . }}</li>{{ end }}</ul>
<p class="venue">{{ .Params.publication | markdownify }}</p>
{{ with .Params.abstract }}<div class="abstract">{{ . | markdownify }}</div>{{ end }}
</body></html>
"""
HUGO_LIST = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
{{ range .Pages }}<div class="pub"><a class="title" href="{{ .RelPermalink }}">{{ .Title }}</a></div>
{{ end }}
</body></html>
"""


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _plain(text: str | None) -> str:
    return " ".join(re.sub(r"</?(i|b|sup|sub|span)[^>]*>", "", text or "").split())


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=300, cwd=cwd
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _seed(corpus: Path) -> tuple[Path, list[str]]:
    seed = corpus / "jekyll-seedlab" / "2024-New.md"
    titles = [_plain(p.title) for p in pubconv.load(str(seed), strict=False)]
    assert len(titles) == 9
    return seed, titles


def test_jekyll_builds_the_academicpages_folder_written_from_the_seed_page(
    tmp_path: Path, corpus: Path
) -> None:
    jekyll = require_tool("jekyll")
    seed, titles = _seed(corpus)
    site = tmp_path / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
    (site / "_layouts" / "single.html").write_text(JEKYLL_SINGLE, encoding="utf-8")
    (site / "publications.html").write_text(JEKYLL_LIST, encoding="utf-8")
    folder = site / "_publications"
    assert main(["convert", str(seed), "--to", "academicpages", "-o", str(folder)]) == 0
    _run(
        [jekyll, "build", "--safe", "--source", str(site), "--destination", str(site / "_site")],
        site,
    )
    listing = lxml_html.fromstring((site / "_site" / "publications.html").read_bytes())
    shown = [_text(a) for a in listing.find_class("title")]
    assert sorted(shown) == sorted(titles)
    for path in folder.glob("*.md"):
        page = site / "_site" / "publication" / f"{path.stem}.html"  # the file's permalink
        assert page.is_file(), f"no page at the permalink of {path.name}"
        root = lxml_html.fromstring(page.read_bytes())
        assert _text(root.find_class("title")[0]) in titles
        assert "&quot;" not in _text(root.find_class("citation")[0])
    hrefs = [a.get("href") for a in listing.find_class("title")]
    assert sorted(hrefs) == sorted(f"/publication/{p.stem}" for p in folder.glob("*.md"))


def test_hugo_builds_the_publication_folders_written_from_the_seed_page(
    tmp_path: Path, corpus: Path
) -> None:
    hugo = require_tool("hugo")
    seed, titles = _seed(corpus)
    site = tmp_path / "site"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    folder = site / "content" / "publication"
    assert main(["convert", str(seed), "--to", "hugo", "-o", str(folder)]) == 0
    _run(
        [hugo, "--source", str(site), "--destination", str(site / "public"), "--buildFuture"], site
    )
    listing = lxml_html.fromstring((site / "public" / "publication" / "index.html").read_bytes())
    assert sorted(_text(a) for a in listing.find_class("title")) == sorted(titles)
    papers = sorted(p.name for p in folder.iterdir())
    assert len(papers) == 9
    bib = pubconv.load(str(seed), strict=False)
    for name in papers:
        root = lxml_html.fromstring(
            (site / "public" / "publication" / name / "index.html").read_bytes()
        )
        title = _text(root.find_class("title")[0])
        pub = next(p for p in bib if _plain(p.title) == title)
        authors = [_text(li) for li in root.find_class("authors")[0]]
        assert authors == [p.display() for p in pub.authors]
        assert _text(root.find_class("venue")[0]) == _plain(pub.container_title)
        assert (folder / name / "cite.bib").is_file()
