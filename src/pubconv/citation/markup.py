"""Private-use marker characters that carry formatting through citeproc-py.

citeproc-py's own formatters either drop formatting (plain) or emit HTML without escaping the
text.  pubconv renders every entry once into *marked text*: plain Unicode where formatting is
delimited by Private Use Area characters, and turns that into text, HTML, Markdown or LaTeX
afterwards (:mod:`pubconv.citation.output`), each with its own escaping.  Markers never occur in user
input: :func:`to_marked` removes any that do.
"""

from __future__ import annotations

import re
from typing import Final

from pubconv.citation.quotemarks import DATA_QUOTE as DATA_QUOTE
from pubconv.citation.quotemarks import mark_quotes

# Formatting: one opening and one closing marker per style.
ITALIC: Final = ("\ue000", "\ue001")
BOLD: Final = ("\ue002", "\ue003")
SMALL_CAPS: Final = ("\ue004", "\ue005")
SUPERSCRIPT: Final = ("\ue006", "\ue007")
SUBSCRIPT: Final = ("\ue008", "\ue009")
UNDERLINE: Final = ("\ue00a", "\ue00b")
HIGHLIGHT: Final = ("\ue010", "\ue011")
"""A highlighted person (``--highlight``): rendered bold, adjacent parts merged into one span."""
QUOTE_CLOSE: Final = ("\ue012", "\ue013")
"""Wraps a closing quote term so punctuation-in-quote can move a following ``.``/``,`` inside."""

NAMES: Final = ("\ue014", "\ue015")
"""The first name list of a bibliography entry, for ``subsequent-author-substitute``; kept
through :func:`pubconv.citation.output.render` and removed by the runner."""
NAMES_ID: Final = ("\ue016", "\ue017")
"""Right after :data:`NAMES`'s opener: a hex digest of the names the list stands for."""
FULL_GIVEN: Final = ("\ue01a", "\ue01b")
"""Its opener at the start of a given name: write this given name in full, not as initials
(a cite needed it to be told apart); removed when rendered."""
MERGED: Final = ("\ue018", "\ue019")
"""A punctuation mark merged into the end of a marked name list (``et al.`` + ``.``): dropped
from the text, but restored when the list is substituted (``———.``)."""
NAME_ONE: Final = ("\ue024", "\ue025")
"""One name of a marked name list, for the ``complete-each``/``partial-each``/``partial-first``
rules of ``subsequent-author-substitute``; kept like :data:`NAMES`."""
NO_DECORATION: Final = ("\ue028", "\ue029")
"""``<span class="nodecor">`` in the data: the formatting around it does not apply inside (as
in citeproc-js; ``<i>Lessard <span class="nodecor">v.</span> Schmidt</i>``), and its case is
kept; resolved into the :data:`NORMAL` pairs by :mod:`pubconv.citation.decorations`."""
NORMAL: Final = {
    "font-style": ("\ue02a", "\ue02b"),
    "font-variant": ("\ue02c", "\ue02d"),
    "font-weight": ("\ue02e", "\ue02f"),
}
"""A span where the given property of the formatting around it is reset to ``normal``."""
DISPLAY_BLOCK: Final = ("\ue01c", "\ue01d")
DISPLAY_LEFT: Final = ("\ue01e", "\ue01f")
DISPLAY_RIGHT: Final = ("\ue020", "\ue021")
DISPLAY_INDENT: Final = ("\ue022", "\ue023")
"""CSL 1.0.2 ``display`` (``block``, ``left-margin``, ``right-inline``, ``indent``) and
``second-field-align``: HTML output makes each a ``div`` (``csl-block``, ``csl-left-margin``,
...); plain text, Markdown and LaTeX set the parts apart by a space."""
DISPLAYS: Final = {
    "block": DISPLAY_BLOCK,
    "left-margin": DISPLAY_LEFT,
    "right-inline": DISPLAY_RIGHT,
    "indent": DISPLAY_INDENT,
}

PAIRS: Final = (
    ITALIC,
    BOLD,
    SMALL_CAPS,
    SUPERSCRIPT,
    SUBSCRIPT,
    UNDERLINE,
    HIGHLIGHT,
    QUOTE_CLOSE,
    NAMES,
    NAMES_ID,
    MERGED,
    FULL_GIVEN,
    DISPLAY_BLOCK,
    DISPLAY_LEFT,
    DISPLAY_RIGHT,
    DISPLAY_INDENT,
    NAME_ONE,
    DATA_QUOTE,
    NO_DECORATION,
    *NORMAL.values(),
)
KEPT: Final = frozenset(NAMES + NAMES_ID + MERGED + NAME_ONE)
"""Markers that :func:`pubconv.citation.output.render` keeps for the runner."""
OPENERS: Final = frozenset(p[0] for p in PAIRS)
CLOSERS: Final = frozenset(p[1] for p in PAIRS)
ALL: Final = OPENERS | CLOSERS
_STRIP: Final = re.compile("[" + "".join(sorted(ALL)) + "]+")

_TAGS: Final = {
    "i": ITALIC,
    "em": ITALIC,
    "b": BOLD,
    "strong": BOLD,
    "sup": SUPERSCRIPT,
    "sub": SUBSCRIPT,
    "sc": SMALL_CAPS,
}
# Model rich text is a tiny fixed tag set; the pattern is linear (no nested quantifiers).
_TAG_RE: Final = re.compile(
    r'<(/?)(i|em|b|strong|sup|sub|sc)>|<span style="font-variant:\s?small-caps;?">'
    r'|<span class="no(?:case|decor)">|</span>'
)
_NOCASE_OPEN: Final = '<span class="nocase">'
_NOCASE_CLOSE: Final = "</span>"
_SPAN_CLOSERS: Final = (SMALL_CAPS[1],)
"""Closers that a ``</span>`` closes (besides the nocase and nodecor spans')."""


def strip(text: str) -> str:
    """``text`` without any marker, e.g. for sort keys and plain text (markers are not ASCII:
    an ASCII text, most values, is returned without a scan)."""
    return text if text.isascii() else _STRIP.sub("", text)


def typographic_apostrophes(text: str) -> str:
    """Straight apostrophes as typographic ones (``Renvoise's`` -> ``Renvoise’s``, ``'98`` ->
    ``’98``), as CSL processors (citeproc-js, pandoc) print them; identifiers never come here."""
    return text.replace("'", "\u2019") if "'" in text else text


def to_marked(text: str) -> str:
    """Model rich text -> marked text; ``<span class="nocase">`` is left for citeproc-py
    (``<span class="nodecor">`` becomes a nocase span around :data:`NO_DECORATION`).

    ``<i>Homo</i> sapiens`` -> ``\\ue000Homo\\ue001 sapiens``.  Unknown tags and text stay as
    they are (the model never HTML-escapes, so ``R&D`` stays ``R&D``); straight quotation marks
    become :data:`DATA_QUOTE` markers, apostrophes typographic (:mod:`~pubconv.citation.quotemarks`).
    """
    text = mark_quotes(strip(text))
    if "<" not in text:
        return text
    out: list[str] = []
    stack: list[str] = []  # closing markers of the open spans
    pos = 0
    for match in _TAG_RE.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        whole = match.group(0)
        if whole == _NOCASE_OPEN:
            out.append(whole)  # citeproc-py parses nocase spans itself
            stack.append(_NOCASE_CLOSE)
        elif whole == '<span class="nodecor">':
            out.append(_NOCASE_OPEN + NO_DECORATION[0])
            stack.append(NO_DECORATION[1] + _NOCASE_CLOSE)
        elif whole.startswith("<span"):
            out.append(SMALL_CAPS[0])
            stack.append(SMALL_CAPS[1])
        elif whole == "</span>":
            out.append(
                stack.pop() if stack and stack[-1].endswith(("</span>", *_SPAN_CLOSERS)) else whole
            )
        else:
            pair = _TAGS[match.group(2)]
            if match.group(1):
                if pair[1] in stack:
                    while stack:
                        closer = stack.pop()
                        out.append(closer)
                        if closer == pair[1]:
                            break
            else:
                out.append(pair[0])
                stack.append(pair[1])
    out.append(text[pos:])
    out.extend(c for c in reversed(stack) if c != _NOCASE_CLOSE)
    return "".join(out)
