"""A complete HTML5 page around a rendered bibliography (``pubconv cite --standalone``).

A lab that wants a publication list or a CV to open in a browser should not have to wrap the
fragment by hand: this adds the document frame (UTF-8, a small stylesheet, a title) and turns
the URLs and DOIs that CSL styles print as text into links.  Only ``http``/``https`` URLs become
links; anything else stays text, so an entry cannot smuggle ``javascript:`` into an ``href``.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from pubconv.model import Publication

STYLESHEET = """\
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto;
       max-width: 52rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.8rem; }
h2, h3, h4, h5, h6 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.csl-entry { margin: 0.4rem 0; }
div.csl-entry { padding-left: 2em; text-indent: -2em; }
a { color: #0645ad; overflow-wrap: anywhere; }
b { font-weight: 700; }
.links a { font-size: 0.85em; margin-left: 0.4em; padding: 0 0.35em; border: 1px solid #bbb;
           border-radius: 3px; text-decoration: none; }
"""

_TAG = re.compile(r"<[^<>]*>")  # not `[^>]`: a run of `<` would be rescanned from each one
# A URL ends before spaces and markup; a trailing full stop or comma is the sentence's.
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/[^\s<>\"]+)", re.IGNORECASE)
_TRAILING = ".,;:!?'"


def _trim(url: str) -> str:
    """``url`` without the punctuation that ends the sentence around it (balanced ``)`` kept)."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _anchor(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text, quote=False)}</a>'


def _link_text(escaped: str) -> str:
    """One run of escaped text with its http(s) URLs and ``doi:`` DOIs made links."""
    text = html.unescape(escaped)
    found: list[tuple[int, int, str]] = []
    for match in _URL.finditer(text):
        url = _trim(match.group(0))
        found.append((match.start(), match.start() + len(url), url))
    for match in _DOI.finditer(text):
        doi = _trim(match.group(1))
        if not any(start <= match.start() < end for start, end, _ in found):
            found.append((match.start(1), match.start(1) + len(doi), "https://doi.org/" + doi))
    if not found:
        return escaped
    out: list[str] = []
    pos = 0
    for start, end, href in sorted(found):
        out.append(html.escape(text[pos:start], quote=False))
        out.append(_anchor(href, text[start:end]))
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def link_urls(fragment: str) -> str:
    """``fragment`` (HTML) with the URLs and DOIs in its text turned into links.

    Text already inside an ``<a>`` is left as it is.
    """
    out: list[str] = []
    pos = 0
    in_anchor = 0
    for tag in _TAG.finditer(fragment):
        text = fragment[pos : tag.start()]
        out.append(text if in_anchor else _link_text(text))
        name = tag.group(0)[1:].split(None, 1)[0].rstrip(">").lower() if tag.group(0) else ""
        if name == "a":
            in_anchor += 1
        elif name == "/a" and in_anchor:
            in_anchor -= 1
        out.append(tag.group(0))
        pos = tag.end()
    rest = fragment[pos:]
    out.append(rest if in_anchor else _link_text(rest))
    return "".join(out)


def _followable(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def entry_links(pub: Publication, text: str) -> str:
    """``text`` (one rendered HTML entry) followed by ``pub``'s links as buttons.

    The links are the page's (Paper, Code, ...) plus the DOI, URL and arXiv id (see
    :func:`pubconv.formats.jekyll.publish.page_links`); a URL the entry already prints is not
    repeated, and only absolute http(s) URLs are kept (a relative one would not work in a file
    opened on its own).
    """
    from pubconv.formats.jekyll.publish import page_links

    shown = html.unescape(text)
    buttons = [
        _anchor(link.url, link.label)
        for link in page_links(pub)
        if _followable(link.url) and link.url not in shown
    ]
    if not buttons:
        return text
    return f'{text} <span class="links">{" ".join(buttons)}</span>'


def linking_renderer(
    render: Callable[..., Sequence[Any]] | None = None,
) -> Callable[..., list[Any]]:
    """A citation renderer (:func:`pubconv.citation.render_entries` by default) whose HTML
    entries end with their links (:func:`entry_links`), for :func:`pubconv.cv.render_cv`."""
    if render is None:
        from pubconv.citation import render_entries

        render = render_entries
    inner = render

    def wrapped(
        pubs: Sequence[Publication], style: str, locale: str, fmt: str, **options: Any
    ) -> list[Any]:
        by_key = {pub.key: pub for pub in pubs}
        entries = inner(pubs, style, locale, fmt, **options)
        return [
            dataclasses.replace(entry, text=entry_links(by_key[entry.key], entry.text))
            if entry.key in by_key
            else entry
            for entry in entries
        ]

    return wrapped


def standalone_page(fragment: str, title: str = "Publications", lang: str = "en") -> str:
    """A complete HTML5 document: ``title`` as ``<title>`` and ``<h1>``, then ``fragment``."""
    safe_lang = lang if re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang) else "en"
    heading = html.escape(title, quote=False)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{safe_lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n"
        f"<style>\n{STYLESHEET}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"<h1>{heading}</h1>\n"
        f"{link_urls(fragment).rstrip()}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
