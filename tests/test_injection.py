"""Untrusted text cannot run in the outputs: LaTeX math, BibTeX keys, page links, cache rows."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

import pubconv
from pubconv.citation.output import math_allowed, render
from pubconv.cli import main
from pubconv.formats.bibtex.keys import bibtex_key, field_name
from pubconv.formats.jekyll.links import safe_attrs, safe_url
from pubconv.model import PartialDate, Person, Publication

# --- LaTeX math allowlist -------------------------------------------------------------------


@pytest.mark.parametrize(
    "math",
    [r"x^2", r"\alpha_{i} + \beta", r"\mathcal{O}(n \log n)", r"a \leq b", r"10\%", r"\{x\}"],
)
def test_ordinary_math_passes(math: str) -> None:
    assert math_allowed(math)
    assert render(f"see ${math}$ here", "latex") == f"see ${math}$ here"


@pytest.mark.parametrize(
    "math",
    [
        r"\input{secret.txt}",
        r"\include{x}",
        r"\def\x{1}",
        r"\catcode`\@=11",
        r"^^5cinput{x}",
        r"\write18{rm -rf}",
        r"a}{b",
        r"x~y",
        r"\immediate",
    ],
)
def test_dangerous_math_is_escaped_as_text(math: str) -> None:
    assert not math_allowed(math)
    written = render(f"Innocent ${math}$ end", "latex")
    assert not re.search(r"(?<!\\textbackslash\{\})\\(input|include|def|catcode|write)", written)
    assert written.startswith(r"Innocent \$") and written.endswith(r"\$ end")


def test_cite_latex_does_not_pass_input(tmp_path: Path) -> None:
    pytest.importorskip("citeproc")
    pub = Publication(
        "k",
        title=r"Innocent $\input{secret.txt}$ end",
        authors=(Person("Doe", "Jane"),),
        issued=PartialDate(2020),
        container_title="J",
    )
    text = pubconv.cite([pub], "apa", format="latex", cache=False)
    assert r"\input" not in text.replace(r"\textbackslash{}input", "")


# --- BibTeX keys and field names -------------------------------------------------------------

EVIL = [
    {"id": "k1,\n note = {injected}}\n@misc{evil,", "type": "book", "title": "One"},
    {"id": "", "type": "book", "title": "Two"},
    {"id": "a b,c}", "type": "book", "title": "Three", "note = {x}}, @misc{evil2": "v"},
    {"id": "fine:key-2020", "type": "book", "title": "Four"},
]


def test_unsafe_keys_are_rewritten_with_a_located_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(EVIL, indent=1), encoding="utf-8")
    out = tmp_path / "out.bib"
    assert main(["convert", str(source), "--to", "bib", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert (
        len(re.findall(rf"^{re.escape(str(source))}:\d+:\d+: warning: .*written as", err, re.M))
        == 3
    )
    written = out.read_text(encoding="utf-8")
    back = pubconv.loads(written, "bib")
    assert [p.title for p in back] == ["One", "Two", "Three", "Four"]
    assert "evil" not in [p.key for p in back]
    assert back.publications[3].key == "fine:key-2020"
    assert all(re.fullmatch(r"[^\s,{}\"#%'=\\]+", p.key) for p in back)


def test_key_rewrites_are_stable_and_distinct() -> None:
    assert bibtex_key("ok2020") == "ok2020"
    assert bibtex_key("a b") == bibtex_key("a b")
    assert bibtex_key("a b") != bibtex_key("a,b")
    assert bibtex_key("").startswith("key-")
    assert field_name("note") == "note"
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_.:+-]*", field_name("ünïcode field}"))


# --- link schemes on pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://x.org/a.pdf", "http://x.org", "mailto:a@b.org", "doi:10.1/2", "paper.pdf", "/a/b"],
)
def test_safe_links(url: str) -> None:
    assert safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(5)",
        "JaVaScRiPt:x",
        "java\tscript:x",
        " javascript:x",
        "javascript&#58;x",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_links(url: str) -> None:
    assert not safe_url(url)


def test_bib2md_leaves_out_javascript_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "js.bib"
    source.write_text(
        "@inproceedings{k, title={A Paper}, author={Doe, Jane}, booktitle={CVPR}, year=2024,\n"
        "  pdf={javascript:alert(5)}, code={https://github.com/x/y}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "page.md"
    assert main(["bib2md", str(source), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "javascript" not in page.lower()
    assert "https://github.com/x/y" in page
    assert f"{source}:1:1: warning: k: jekyll output does not show" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("wanted", "written"),
    [("yao23", "yao23"), ('a"); alert(1); ("', "a_alert_1"), ("b' onclick='x", "b_onclick_x")],
)
def test_abstract_ids_cannot_leave_their_attribute(wanted: str, written: str) -> None:
    pub = Publication("k", title="T", abstract="A", hints=(("jekyll.abs_id", wanted),))
    page = pubconv.dumps(pubconv.Bibliography.of([pub]), "jekyll")
    assert f'expandABS("{written}")' in page and f'id="{written}"' in page


@pytest.mark.parametrize(
    ("attrs", "safe"),
    [
        ('{:target="\\_blank"}', True),
        ('{: style="color: rgb(191, 0, 0)"}', True),
        ("{: .btn}", True),
        ('{: onmouseover="alert(1)"}', False),
        ('{:target="_blank" onclick="x"}', False),
        ('{: style="background: url(javascript:x)"}', False),
        ('{: title="a" data-x="<b>"}', False),
    ],
)
def test_link_attribute_lists(attrs: str, safe: bool) -> None:
    assert safe_attrs(attrs) is safe
    pub = Publication("k", title="T", links=(pubconv.Link("PDF", "https://x.org/a.pdf", attrs),))
    page = pubconv.dumps(pubconv.Bibliography.of([pub]), "jekyll")
    shown = attrs.replace("\\_blank", "_blank")  # a fresh page writes clean kramdown (issue 14)
    assert (shown in page) is safe


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("jekyll.title_prefix", "<script>alert(1)</script>"),
        ("jekyll.italic", "<img src=x onerror=alert(2)>"),
        ("jekyll.venue_frame", '["<span onmouseover=\\"x\\"><pub> ", "</pub></span> <br>"]'),
        ("jekyll.venue_frame", '["<script>x</script><span><pub> ", "</pub></span> <br>"]'),
        ("jekyll.link_seps", '[" <iframe src=x> |\\n"]'),
    ],
)
def test_layout_hints_from_csljson_cannot_inject_html(name: str, value: str) -> None:
    item = {
        "id": "k",
        "type": "paper-conference",
        "title": "T",
        "author": [{"family": "Doe", "given": "J"}],
        "container-title": "CVPR",
        "issued": {"date-parts": [[2024]]},
        "URL": "https://x.org",
        "custom": {
            "pubconv": {
                "hints": [[name, value]],
                "links": [{"label": "PDF", "url": "https://x.org/a.pdf"}],
            }
        },
    }
    bib = pubconv.loads(json.dumps([item]), "csljson")
    assert bib.publications[0].get_hint(name) == value  # the hint was read...
    page = pubconv.dumps(bib, "jekyll")
    for bad in ("<script", "<img", "onmouseover", "<iframe"):
        assert bad not in page  # ...but not written
    assert "**T** <br>" in page and "<span><pub>CVPR, 2024</pub></span> <br>" in page


def test_a_section_name_stays_one_heading_line() -> None:
    pub = Publication("k", title="T", section="Sec\n**Fake** <br>\n<script>x</script>")
    page = pubconv.dumps(pubconv.Bibliography.of([pub]), "jekyll")
    assert [p.title for p in pubconv.loads(page, "jekyll").publications] == ["T"]
    heading = next(line for line in page.splitlines() if line.startswith("## "))
    assert "Fake" in heading and "script" in heading  # the whole name on the heading line
    assert "<script>" not in page


def test_layout_hints_from_real_pages_are_kept() -> None:
    from pubconv.formats.jekyll.layout_hints import layout_hint

    pub = Publication(
        "k",
        hints=(
            ("jekyll.venue_frame", '["<span><pub>", "</pub></span><br>"]'),
            ("jekyll.link_seps", '[" | ", " |\\n"]'),
            ("jekyll.italic", "*"),
            ("jekyll.title_prefix", "- "),
        ),
    )
    for name, value in pub.hints:
        assert layout_hint(pub, name) == value


# --- the citation cache ----------------------------------------------------------------------


def _pub() -> Publication:
    return Publication(
        "k",
        title="A & B",
        authors=(Person("Doe", "Jane"),),
        issued=PartialDate(2020),
        container_title="J",
    )


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytest.importorskip("citeproc")
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_junk_cache_file_is_rebuilt(cache_dir: Path) -> None:
    db = cache_dir / "cite.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    expected = pubconv.cite([_pub()], "apa", format="html", cache=False)
    assert pubconv.cite([_pub()], "apa", format="html") == expected
    with sqlite3.connect(db) as conn:  # rebuilt, and the entry is stored in it
        assert conn.execute("SELECT count(*) FROM entry2").fetchone()[0] >= 1


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE entry2 SET v = '\"<script>alert(1)</script>\"'",  # checksum no longer matches
        "UPDATE entry2 SET v = '12345'",
        "UPDATE entry2 SET v = '[[[', h = 'x'",
    ],
)
def test_wrong_cache_rows_are_rendered_again(cache_dir: Path, tamper: str) -> None:
    expected = pubconv.cite([_pub()], "apa", format="html")
    with sqlite3.connect(cache_dir / "cite.sqlite3") as conn:
        conn.execute(tamper)
    assert pubconv.cite([_pub()], "apa", format="html") == expected


def test_a_checksummed_row_is_still_escaped_on_output(cache_dir: Path) -> None:
    from pubconv.citation.cache import _check

    pubconv.cite([_pub()], "apa", format="html")
    with sqlite3.connect(cache_dir / "cite.sqlite3") as conn:
        keys = [k for (k,) in conn.execute("SELECT k FROM entry2")]
        value = json.dumps("<script>alert(1)</script>")
        for k in keys:
            conn.execute("UPDATE entry2 SET v = ?, h = ? WHERE k = ?", (value, _check(k, value), k))
    html = pubconv.cite([_pub()], "apa", format="html")
    assert "<script>" not in html


def test_markdown_escapes_an_ampersand_only_where_it_could_start_an_entity() -> None:
    """``&copy;``/``&#169;`` in data would render as a symbol, so they are escaped; the ``&``
    between two authors is literal Markdown and stays as it is."""
    assert render("Zhang, R., & Xiong, Z.", "markdown") == "Zhang, R., & Xiong, Z."
    assert render("A &copy; B &#169; C&D", "markdown") == "A &amp;copy; B &amp;\\#169; C&amp;D"
    assert render("ends with &", "markdown") == "ends with &"
    assert render("A &copy; B", "html") == "A &amp;copy; B"
