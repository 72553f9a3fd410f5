"""BibTeX Title Case -> CSL sentence case, as pandoc and citation-js convert BibTeX titles.

BibTeX titles are written in Title Case by convention, with the words that must keep their case
braced (``{DNA}``, ``{Gaussian}``); CSL styles expect sentence case and apply title case
themselves where they want it (Chicago) but print APA, IEEE and Vancouver titles as given.
So titles read from BibTeX reach CSL in sentence case when the entry is English (``langid`` /
``language`` English or unmarked).  A word keeps its case when it is:

- braced (model text ``<span class="nocase">...</span>``) or TeX math (``$...$``);
- the first word of the title, or the first word after a colon (a subtitle), but for the
  later parts of a hyphenated one (``Self-Supervised Learning`` -> ``Self-supervised learning``);
- written with a capital after its first letter, or with a digit (``EM``, ``PQ-SAM``, ``iPhone``,
  ``3D``; each part of a hyphenated word is judged alone: ``PQ-SAM`` is kept).

Every other word written with a leading capital and lower-case rest is lower-cased
(``Deep Learning`` -> ``Deep learning``); a capital letter standing alone stays (``I``, the
``C`` of ``XL C Compiler``) except the article ``A``.

>>> to_sentence_case("Deep Learning for {EM} Images: A Study of 3D Priors")
'Deep learning for {EM} images: A study of 3D priors'
>>> to_sentence_case('A <span class="nocase">Gaussian</span> Model')
'A <span class="nocase">Gaussian</span> model'
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NOCASE_OPEN = '<span class="nocase">'
_ENGLISH = frozenset(
    {
        "english",
        "american",
        "british",
        "canadian",
        "australian",
        "newzealand",
        "usenglish",
        "ukenglish",
        "canadien",
    }
)
_PARTS = re.compile(r"([-\u2010\u2011\u2013/])")
"""Separators of the parts of a compound word (linear)."""


def is_english(language: str | None) -> bool:
    """True for an unmarked language or an English one (``english``, ``en-GB``, ``American``)."""
    if language is None or not language.strip():
        return True
    lowered = language.strip().lower()
    return lowered in _ENGLISH or lowered == "en" or lowered.startswith(("en-", "en_"))


_ASCII_TITLE = re.compile(r"[^A-Za-z0-9]*([A-Z])[^A-Z0-9]*")
"""An ASCII part whose first letter alone is a capital and that holds no digit (linear)."""


def _first_capital(part: str) -> int | None:
    """Where the capital that sentence case may lower stands in a non-ASCII part: its first
    letter, when it is upper case, no other letter is and the part holds no digit; else None.
    (:func:`_part` decides ASCII parts by one match of :data:`_ASCII_TITLE`, the same test.)"""
    letters = [i for i, ch in enumerate(part) if ch.isalpha()]
    if not letters or any(ch.isdigit() for ch in part):
        return None
    first = letters[0]
    if not part[first].isupper() or any(part[i].isupper() for i in letters[1:]):
        return None
    return first


def _part(part: str) -> str:
    if part.isascii():  # the common case
        match = _ASCII_TITLE.fullmatch(part)
        if match is None:
            return part
        first = match.start(1)
    elif part.islower():  # no capital at all: nothing to lower
        return part
    else:
        found = _first_capital(part)
        if found is None:
            return part
        first = found
    if len(part) - first == 1 and part[first] != "A":
        return part  # a letter standing alone (C, R, X) names something; only "A" is an article
    if part[first:].startswith(("I'", "I\u2019")):
        return part
    return part[:first] + part[first].lower() + part[first + 1 :]


def _word(word: str, keep_first: bool) -> str:
    if word.islower():  # no capital in any part
        return word
    if ("-" not in word and "/" not in word) if word.isascii() else _PARTS.search(word) is None:
        return word if keep_first else _part(word)  # one part (most words)
    return "".join(
        piece if i % 2 or (i == 0 and keep_first) else _part(piece)
        for i, piece in enumerate(_PARTS.split(word))
    )


def _span_end(text: str, start: int) -> int:
    """Index after the ``</span>`` closing the span opened at ``start`` (nesting counted)."""
    depth = 0
    i = start
    while i < len(text):
        if text.startswith("<span", i):
            depth += 1
            i += 5
        elif text.startswith("</span>", i):
            depth -= 1
            i += 7
            if depth == 0:
                return i
        else:
            i += 1
    return len(text)


def to_sentence_case(text: str) -> str:
    """``text`` (model text) in sentence case; see the module docstring for what is kept."""
    if "<" in text or "$" in text:
        return _walk(text, _word)
    return _plain_words(text)


_SPACES = re.compile(r"(\s+)")
"""White space runs, kept by ``split`` between the words (the same white space as :data:`_RUN`)."""


def _plain_words(text: str) -> str:
    """:func:`_walk` with :func:`_word` for a text with no tag and no math (most titles): the
    words are cut in one ``split``, an all lower-case word (no capital to lower) is not visited
    and a plain ASCII word (letters only: one part, no digit) is decided here: lowered when its
    first letter alone is a capital, or it is the article ``A`` (``tests/test_sentence_fast.py``
    checks it against the character loop)."""
    pieces = _SPACES.split(text)  # [word, space, word, ..., word]; a word may be ""
    keep_next = True  # the first word
    for i in range(0, len(pieces), 2):
        word = pieces[i]
        if not word:
            continue
        if word.islower():
            pass  # no capital to lower
        elif keep_next or not (word.isascii() and word.isalpha()):
            pieces[i] = _word(word, keep_next)
        elif word[0].isupper() and (word[1:].islower() if len(word) > 1 else word == "A"):
            pieces[i] = word[0].lower() + word[1:]  # what _part does to a plain ASCII word
        keep_next = word.endswith(":") or (keep_next and _ALNUM.search(word) is None)
    return "".join(pieces)


def protect_case(text: str) -> str:
    """``text`` in one nocase span when sentence case would change it, for writing a title that
    is printed as it is (CSL-JSON's, a page's) to BibTeX: ``{{Deep Learning}}``, which BibTeX
    styles and pubconv's sentence case leave alone; other titles are returned unchanged.

    >>> protect_case("Inceptionism: Going Deeper")
    '<span class="nocase">Inceptionism: Going Deeper</span>'
    >>> protect_case("A survey of CRISPR")
    'A survey of CRISPR'
    """
    if to_sentence_case(text) == text:
        return text
    return f"{_NOCASE_OPEN}{text}</span>"


_RUN = re.compile(r"(\s*)([^\s<$]*)")
"""White space (group 1) and the word after it: everything up to white space, a tag or math."""
_ALNUM = re.compile(r"[^\W_]")
"""A letter or digit (``str.isalnum``)."""


def _walk(text: str, on_word: Callable[[str, bool], str]) -> str:
    """``text`` with each word outside tags, nocase spans and math replaced by
    ``on_word(word, keep_first)`` (``keep_first``: the first word or the first after a colon).

    Words and white space are taken a run at a time (one match each, not a loop per character).
    """
    out: list[str] = []
    keep_next = True  # the first word
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "<":
            if text.startswith(_NOCASE_OPEN, i):
                end = _span_end(text, i)
                out.append(text[i:end])
                keep_next = text[i:end].rstrip().endswith(":</span>")
            else:
                end = text.find(">", i)
                end = n if end < 0 else end + 1
                out.append(text[i:end])
            i = end
        elif ch == "$":
            end = text.find("$", i + 1)
            end = n if end < 0 else end + 1
            out.append(text[i:end])
            keep_next = False
            i = end
        else:
            run = _RUN.match(text, i)
            assert run is not None  # always matches; text[i] is white space or starts a word
            space, word = run.groups()
            i = run.end()
            if space:
                out.append(space)
            if word:
                out.append(on_word(word, keep_next))
                keep_next = word.endswith(":") or (keep_next and _ALNUM.search(word) is None)
    return "".join(out)
