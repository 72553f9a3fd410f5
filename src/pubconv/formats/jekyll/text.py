"""Model text <-> page text: HTML entities, the CSL markup subset, Markdown escapes.

A page mixes Markdown (``**title**``, ``_authors_``) with inline HTML; the model holds Unicode plus
the CSL rich-text tags.  Writers escape only what a browser or kramdown would misread, so that a
generated entry looks hand-written (``Code & Dataset`` keeps its bare ampersand).
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Sequence

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import Comment as SoupComment
from bs4.element import NavigableString, Tag

#: Tags of the CSL rich-text subset, exactly as the model spells them.
MODEL_TAGS = (
    "<i>",
    "</i>",
    "<b>",
    "</b>",
    "<sup>",
    "</sup>",
    "<sub>",
    "</sub>",
    '<span class="nocase">',
    '<span style="font-variant:small-caps;">',
    "</span>",
)
_SIMPLE = {"i", "b", "sup", "sub"}
_ALIASES = {"em": "i", "strong": "b"}
#: Characters kramdown treats as span syntax inside a paragraph.
_MD_SPECIAL = frozenset("\\*_[]`")
_ENTITY_START = re.compile(r"[A-Za-z0-9#]")
_SPACES = re.compile(r"[ \t\r\n]+")


def md_escape(text: str) -> str:
    """Backslash-escape the Markdown span characters in ``text`` (``a_b`` -> ``a\\_b``)."""
    if not any(c in _MD_SPECIAL for c in text):
        return text
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in text)


def md_unescape(text: str) -> str:
    """Undo :func:`md_escape`; other backslashes stay as written."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _MD_SPECIAL:
            out.append(text[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def escape_plain(text: str) -> str:
    """HTML-escape a run without markup; a bare ``&`` that cannot start an entity stays bare."""
    out: list[str] = []
    for i, c in enumerate(text):
        if c == "&":
            nxt = text[i + 1 : i + 2]
            out.append("&amp;" if nxt and _ENTITY_START.match(nxt) else "&")
        elif c == "<":
            out.append("&lt;")
        elif c == ">":
            out.append("&gt;")
        else:
            out.append(c)
    return "".join(out)


def to_page(text: str) -> str:
    """Model text -> page text: model tags kept as HTML, the rest HTML- and Markdown-escaped."""
    out: list[str] = []
    start = 0
    pos = text.find("<")
    while pos != -1:
        tag = next((t for t in MODEL_TAGS if text.startswith(t, pos)), None)
        if tag is None:
            pos = text.find("<", pos + 1)
            continue
        out.append(md_escape(escape_plain(text[start:pos])))
        out.append(tag)
        start = pos + len(tag)
        pos = text.find("<", start)
    out.append(md_escape(escape_plain(text[start:])))
    return "".join(out)


def _span_open(tag: Tag) -> str | None:
    classes: object = tag.get("class") or []
    if isinstance(classes, list | str) and "nocase" in classes:
        return '<span class="nocase">'
    style = str(tag.get("style") or "").replace(" ", "")
    if "font-variant:small-caps" in style:
        return '<span style="font-variant:small-caps;">'
    return None


def nodes_to_model(nodes: Sequence[object]) -> str:
    """Parsed HTML nodes -> model text (CSL subset kept, other tags unwrapped, comments dropped).

    Iterative (an explicit stack of closing texts), so that a title with a thousand unclosed
    ``<span>`` costs no Python stack.
    """
    out: list[str] = []
    # each item: a node to convert, or a str to emit (the closing tag of a node already opened)
    stack: list[object] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            out.append(node)
        elif isinstance(node, SoupComment):
            continue
        elif isinstance(node, NavigableString):
            out.append(str(node))
        elif isinstance(node, Tag):
            name = _ALIASES.get(node.name, node.name)
            if name == "br":
                out.append(" ")
                continue
            if name in _SIMPLE:
                opener, closer = f"<{name}>", f"</{name}>"
            elif name == "span" and (span := _span_open(node)) is not None:
                opener, closer = span, "</span>"
            else:
                opener, closer = "", ""
            out.append(opener)
            stack.append(closer)
            stack.extend(reversed(list(node.children)))
    return "".join(out)


def parse_fragment(markup: str) -> BeautifulSoup:
    """An HTML fragment parsed leniently (unclosed ``<span>`` and stray ``</div>`` are common)."""
    with warnings.catch_warnings():
        # a title that looks like a URL or file name is still a title, not a mistake
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "html.parser")


def from_page(text: str) -> str:
    """Page text -> model text: Markdown escapes undone, entities decoded, CSL tags kept."""
    text = md_unescape(text)
    if "<" not in text and "&" not in text:
        return text
    if "<" not in text:
        return html.unescape(text)
    return nodes_to_model(list(parse_fragment(text).children))


def squeeze(text: str) -> str:
    """Collapse ASCII whitespace runs (as HTML rendering does), keeping NBSP and thin spaces."""
    return _SPACES.sub(" ", text).strip(" ")
