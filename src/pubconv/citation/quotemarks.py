"""Quotation marks in the data: straight quotes as quote markup, printed by nesting level.

A title such as ``Getting "Informal" Mortgages`` or ``Simple 'title' here`` quotes a phrase
with the keyboard's straight marks.  CSL processors read these as quote markup (citeproc-js's
and pandoc's "flip-flop" quotes) and print the locale's quotation marks for the level the
phrase sits at: outer marks (``“title”``) in running text, inner marks (``‘Informal’``) inside
a ``quotes="true"`` title, alternating further down (CSL 1.0.2 "Quotes": the marks are the
locale's ``open-quote``/``open-inner-quote`` terms).  pubconv used to keep ``"`` as it was and
print ``'`` as an apostrophe (``’title’``).

Reading the data (:func:`mark_quotes`, from :func:`markup.to_marked`) turns each matched pair
into :data:`DATA_QUOTE` markers, since the level is known only when the entry renders; :func:`resolve` turns them into
marks (``fixes/quotes.py`` inside a quoted text, :mod:`pubconv.citation.render` for the rest).
An apostrophe inside or at the start of a word (``D'Arcus``, ``rock'n'roll``, ``'97``) opens
or closes nothing and becomes ``’``; an unmatched ``"`` stays as it is.
"""

from __future__ import annotations

import re
from typing import Final

DATA_QUOTE: Final = ("\ue026", "\ue027")
"""A quotation in the data, its marks not yet known (one of :data:`markup.PAIRS`; defined here
so that this module imports nothing of the package)."""
_TOKEN: Final = re.compile(r"<[^<>]*>|[\"']")
"""A tag (skipped: ``<span class="nocase">`` has quotes of its own) or a straight quote."""
_OPENS_AFTER: Final = frozenset("([{<>-\u2013\u2014/\"'\u2018\u201c" + DATA_QUOTE[0])
"""Characters a quote may follow and still open a quotation (besides white space)."""


def _opens(text: str, at: int) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in _OPENS_AFTER) and not after.isspace()


def _closes(text: str, at: int) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def mark_quotes(text: str) -> str:
    """``text`` with matched straight quote pairs as :data:`DATA_QUOTE` markers and every
    other ``'`` as a typographic apostrophe (``He said "it's 'fine'"`` -> markers around
    ``it’s 'fine'`` and around ``fine``)."""
    if '"' not in text and "'" not in text:
        return text
    opened: list[tuple[int, str]] = []  # (position, quote char) of quotes still open
    pairs: dict[int, int] = {}
    for match in _TOKEN.finditer(text):
        char, at = match.group(0), match.start()
        if len(char) > 1:
            continue
        if opened and opened[-1][1] == char and _closes(text, at):
            pairs[opened.pop()[0]] = at
        elif char in (opened[-1][1] if opened else "") or not _opens(text, at):
            continue  # the same mark again cannot open inside itself; an apostrophe
        else:
            opened.append((at, char))
    chars = list(text)
    for start, end in pairs.items():
        chars[start], chars[end] = DATA_QUOTE
    return "".join(chars).replace("'", "\u2019")


def resolve(text: str, outer: tuple[str, str], inner: tuple[str, str], depth: int = 0) -> str:
    """:data:`DATA_QUOTE` markers as quotation marks: ``outer`` at even nesting ``depth``
    (0 in running text, 2 inside inner quotes), ``inner`` at odd (1 inside a quoted text)."""
    if DATA_QUOTE[0] not in text:
        return text
    out: list[str] = []
    level = depth
    for char in text:
        if char == DATA_QUOTE[0]:
            out.append((outer if level % 2 == 0 else inner)[0])
            level += 1
        elif char == DATA_QUOTE[1]:
            level = max(depth, level - 1)
            out.append((outer if level % 2 == 0 else inner)[1])
        else:
            out.append(char)
    return "".join(out)
