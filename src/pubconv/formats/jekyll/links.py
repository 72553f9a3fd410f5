"""Link lines: ``[Label](url){:target="\\_blank"} |``, one or more links per line.

Markdown, not HTML, so a small scanner (balanced brackets and parentheses, linear time) reads
them; labels keep their exact text and attribute lists their exact spelling.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Final

from pubconv.formats.jekyll.text import from_page, to_page
from pubconv.model import Link

SAFE_SCHEMES: Final = frozenset({"http", "https", "mailto", "doi"})
"""Schemes a link may have on a page or in HTML; relative links (no scheme) are safe too."""

_SCHEME: Final = re.compile(r"\A([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED: Final = re.compile(r"[\x00-\x20\x7f]+")
"""Browsers skip ASCII white space and control characters inside a scheme (``java\tscript:``)."""


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url`` (lower case), or ``None`` for a relative link.

    HTML character references are decoded first (``javascript&#58;`` is ``javascript:``).
    """
    seen = _IGNORED.sub("", html.unescape(url))
    match = _SCHEME.match(seen)
    return match.group(1).lower() if match else None


def safe_url(url: str) -> bool:
    """True when ``url`` may be written as a link: http(s), mailto, ``doi:`` or relative."""
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


_ATTR: Final = r'(?:(?:target|rel|title|class|style)\s*=\s*"(?:[^"<>\\]|\\_)*"|\.[\w-]+|#[\w-]+)'
_ATTR_LIST: Final = re.compile(rf"\{{:\s*(?:{_ATTR}\s*)*\}}")
"""A kramdown attribute list of harmless attributes: ``{:target="\\_blank"}``, ``{: .btn}``."""
_CSS_ACTIVE: Final = ("url(", "expression", "javascript", "@import", "\\")


def safe_attrs(attrs: str) -> bool:
    """True when ``attrs`` (a kramdown ``{:...}`` list after a link) sets only ``target``,
    ``rel``, ``title``, ``class``, ``style`` (no ``url(``) or ``.class``/``#id``: never an event
    handler such as ``onmouseover``, which kramdown would copy into the HTML."""
    if not attrs:
        return True
    if _ATTR_LIST.fullmatch(attrs) is None:
        return False
    lowered = attrs.lower().replace("\\_", "_")
    return not any(active in lowered for active in _CSS_ACTIVE)


_UNSAFE_ID: Final = re.compile(r"[^\w.:-]+")


def safe_id(wanted: str) -> str:
    """``wanted`` as an abstract id a page can hold: it lands in ``id="..."`` and inside the
    JavaScript string of ``onclick='expandABS("...")'``, so only word characters, ``. : -`` stay
    (``a"); alert(1); ("`` -> ``a_alert_1_``)."""
    return _UNSAFE_ID.sub("_", wanted).strip("_")


DEFAULT_SEP = " |\n"
"""After each link in house style: one link per line."""


@dataclass
class LinkLine:
    """Links on one line and the text after each (``" |"``, ``" | "``)."""

    links: list[Link] = field(default_factory=list)
    seps: list[str] = field(default_factory=list)
    error: str | None = None
    error_col: int = 1


def _match(line: str, pos: int, open_c: str, close_c: str) -> int:
    """Index of the bracket closing the one at ``pos`` (backslash escapes honoured), or -1."""
    depth = 0
    i = pos
    while i < len(line):
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if c == open_c:
            depth += 1
        elif c == close_c:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def parse_link_line(line: str) -> LinkLine:
    """All ``[label](url){attrs}`` on ``line`` with the separators that follow them."""
    out = LinkLine()
    pos = line.find("[")
    while pos != -1:
        close = _match(line, pos, "[", "]")
        if close == -1 or line[close + 1 : close + 2] != "(":
            out.error, out.error_col = "malformed link: expected [label](url)", pos + 1
            break
        url_end = _match(line, close + 1, "(", ")")
        if url_end == -1:
            out.error, out.error_col = "malformed link: unclosed (url", close + 2
            break
        end = url_end + 1
        attrs = ""
        if line.startswith("{:", end):
            attr_end = line.find("}", end)
            if attr_end != -1:
                attrs = line[end : attr_end + 1]
                end = attr_end + 1
        label = from_page(line[pos + 1 : close])
        url = line[close + 2 : url_end].strip()
        if url.startswith("<") and url.endswith(">"):
            url = url[1:-1]
        out.links.append(Link(label, url, attrs))
        nxt = line.find("[", end)
        out.seps.append(line[end:nxt] if nxt != -1 else line[end:] + "\n")
        pos = nxt
    if not out.links and out.error is None:
        out.error, out.error_col = "link line without a link", 1
    if not out.links:
        out.seps = []
    if not out.links[-1:] or out.error is not None:
        return out
    if not out.links[-1].url:
        out.error, out.error_col = f"empty link target for {out.links[-1].label!r}", 1
    return out


def format_link(link: Link) -> str:
    """One link in page syntax; a URL with spaces or parentheses is wrapped in ``<...>``; an
    attribute list that is not :func:`safe_attrs` is left out."""
    url = link.url
    if any(c in url for c in " ()<>"):
        url = "<" + url.replace(">", "%3E") + ">"
    attrs = link.attrs if safe_attrs(link.attrs) else ""
    return f"[{to_page(link.label)}]({url}){attrs}"


def format_links(links: tuple[Link, ...], seps: list[str] | None = None) -> str:
    """Link lines in house style (one link per line, ``" |"`` after each) or with ``seps``.

    Links with an unsafe scheme (``javascript:``, ``data:``; see :func:`safe_url`) are left out:
    kramdown would render them live.  The format's ``unshown`` hook names them in a warning.
    """
    if seps is None or len(seps) != len(links):
        seps = [DEFAULT_SEP] * len(links)
    kept = [(link, sep) for link, sep in zip(links, seps, strict=True) if safe_url(link.url)]
    links, seps = tuple(link for link, _ in kept), [sep for _, sep in kept]
    text = "".join(format_link(link) + sep for link, sep in zip(links, seps, strict=True))
    return text.removesuffix("\n")
