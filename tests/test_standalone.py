"""`cite --format html --standalone`: a complete HTML5 page, checked by a parser and a browser.

The README's CV (the seed lab's pages, Zhiwei Xiong in bold) is opened in headless Chromium
(Debian's ``chromium``): the test reads the DOM the browser built (entry count, the bold name,
links), saves a screenshot under the test's temporary folder, and html5lib's strict parser
(the WHATWG parsing algorithm) must report no parse error.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from conftest import require_tool
from pubconv.cli import main
from pubconv.model import Link, Publication
from pubconv.standalone import entry_links, link_urls, standalone_page

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "fixtures" / "cv" / "lab.md"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _valid_html5(text: str) -> None:
    """html5lib in strict mode raises on the first parse error (bad nesting, stray tags, ...)."""
    html5lib = pytest.importorskip("html5lib", reason="html5lib (pip, the test extra) is missing")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(text)
    assert text.startswith("<!DOCTYPE html>\n<html lang=")
    assert '<meta charset="utf-8">' in text


def _chromium(tmp_path: Path, page: Path) -> tuple[lxml_html.HtmlElement, Path]:
    """The DOM Chromium built for ``page``, and a screenshot of it."""
    chromium = require_tool("chromium")
    flags = [
        "--headless",
        "--no-sandbox",  # CI runs as root in a container
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    url = page.resolve().as_uri()
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run(
        [chromium, *flags, "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=True, env=env,
    ).stdout  # fmt: skip
    shot = tmp_path / "page.png"
    subprocess.run(
        [chromium, *flags, "--window-size=1200,1600", f"--screenshot={shot}", url],
        capture_output=True, timeout=120, check=True, env=env,
    )  # fmt: skip
    return lxml_html.document_fromstring(dom), shot


# --- the page -----------------------------------------------------------------------------


def test_urls_and_dois_become_links_only_when_safe() -> None:
    text = (
        "A. (2024). T. https://doi.org/10.1/x_(y). See doi:10.1234/z, "
        "javascript:alert(1) and http://e.org/a?b=1&amp;c=2."
    )
    out = link_urls(text)
    assert '<a href="https://doi.org/10.1/x_(y)">https://doi.org/10.1/x_(y)</a>.' in out
    assert '<a href="https://doi.org/10.1234/z">10.1234/z</a>,' in out
    assert '<a href="http://e.org/a?b=1&amp;c=2">http://e.org/a?b=1&amp;c=2</a>.' in out
    assert "javascript:alert(1)" in out and 'href="javascript' not in out
    already = '<a href="https://x.org/">https://x.org/</a>'
    assert link_urls(already) == already


def test_entry_links_add_page_links_once_and_skip_unsafe() -> None:
    pub = Publication(
        key="k",
        title="T",
        doi="10.1/x",
        links=(
            Link("Paper", "https://p.org/a"),
            Link("Code", "javascript:alert(1)"),
            Link("Slides", "/files/s.pdf"),
        ),
    )
    out = entry_links(pub, "Text https://doi.org/10.1/x")
    assert (
        out
        == 'Text https://doi.org/10.1/x <span class="links"><a href="https://p.org/a">Paper</a></span>'
    )


def test_title_and_language_are_escaped() -> None:
    page = standalone_page("<p>x</p>", title="<script>x</script> & Co", lang='en"><script>')
    assert "<title>&lt;script&gt;x&lt;/script&gt; &amp; Co</title>" in page
    assert '<html lang="en">' in page
    _valid_html5(page)


def test_standalone_cv_of_the_fixture_lab_is_valid_html5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cv.html"
    args = ["cite", str(LAB), "--author", "Marta Sahin", "--highlight", "Marta Sahin"]
    args += ["--group-by", "year", "--numbered=reverse", "--standalone", "--title", "M. Sahin"]
    assert main([*args, "-o", str(out)]) == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    _valid_html5(text)
    root = lxml_html.document_fromstring(text)
    assert root.findtext(".//title") == "M. Sahin" == root.findtext(".//h1")
    assert [h.text for h in root.iter("h2")] == ["2024", "2022", "2021"]
    assert len(root.findall(".//li")) == 4
    assert all(li.find(".//b") is not None for li in root.iter("li"))


# --- in a browser -------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.interop
def test_readme_cv_opens_in_chromium(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's CV command with --standalone, opened in headless Chromium."""
    pages = sorted(str(p) for p in (corpus / "jekyll-seedlab").glob("*.md"))
    out = tmp_path / "cv.html"
    args = ["cite", *pages, "--style", "apa", "--author", "Zhiwei Xiong"]
    args += ["--highlight", "Zhiwei Xiong", "--group-by", "year", "--sort", "date"]
    args += ["--numbered=reverse", "--standalone", "-o", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    _valid_html5(text)
    written = lxml_html.document_fromstring(text)
    dom, shot = _chromium(tmp_path, out)
    entries = dom.xpath("//li[contains(@class, 'csl-entry')]")
    assert len(entries) == len(written.xpath("//li")) > 50
    for entry in entries:  # the highlighted person is bold in every entry
        assert any("Xiong, Z." in (b.text_content() or "") for b in entry.iter("b"))
    headings = [h.text_content() for h in dom.iter("h2")]
    assert headings == sorted(headings, reverse=True) and headings[0].isdigit()
    links = [a.get("href") or "" for a in dom.iter("a")]
    assert len(links) >= len(entries)  # the seed lab links a paper from every entry
    for href in links:
        parts = urlsplit(href)
        assert parts.scheme in ("http", "https") and parts.netloc, href
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
