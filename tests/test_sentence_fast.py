"""Sentence case taken a run at a time gives what the character loop it replaced gave.

The reference below is the previous implementation of ``sentence._walk``/``_word``/``_part``
(a loop per character, ``str`` predicates per letter), kept here only as the oracle; random texts
over the characters that matter (tags, nocase spans, math, colons, compound separators, Unicode
capitals, digits and spaces that are not letters) must come out alike.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pubconv.formats.bibtex import sentence

_PARTS = re.compile(r"([-\u2010\u2011\u2013/])")
_NOCASE_OPEN = '<span class="nocase">'


def _part(part: str) -> str:
    letters = [i for i, ch in enumerate(part) if ch.isalpha()]
    if not letters or any(ch.isdigit() for ch in part):
        return part
    first = letters[0]
    if not part[first].isupper() or any(part[i].isupper() for i in letters[1:]):
        return part
    if len(part) - first == 1 and part[first] != "A":
        return part
    if part[first:].startswith(("I'", "I\u2019")):
        return part
    return part[:first] + part[first].lower() + part[first + 1 :]


def _word(word: str, keep_first: bool) -> str:
    return "".join(
        piece if i % 2 or (i == 0 and keep_first) else _part(piece)
        for i, piece in enumerate(_PARTS.split(word))
    )


def _reference(text: str) -> str:
    out: list[str] = []
    keep_next = True
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if text.startswith(_NOCASE_OPEN, i):
            end = sentence._span_end(text, i)
            out.append(text[i:end])
            keep_next = text[i:end].rstrip().endswith(":</span>")
            i = end
        elif ch == "<":
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
        elif ch.isspace():
            out.append(ch)
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "<$":
                j += 1
            word = text[i:j]
            out.append(_word(word, keep_next))
            keep_next = word.endswith(":") or (not any(c.isalnum() for c in word) and keep_next)
            i = j
    return "".join(out)


_PIECES = st.sampled_from(
    [
        *"AaBbIiXxZz",
        *"ÉéÅåΣσǅⒶⓐ𝐀",  # Unicode capitals, a title-case letter, circled (upper, not alpha), math bold
        *"019²½٣",  # ASCII, superscript, fraction and Arabic-Indic digits
        *" \t\n\u00a0\u2009\x1c",
        *":-/\u2010\u2013'\u2019.,_()",
        "<",
        ">",
        "$",
        "<b>",
        "</b>",
        _NOCASE_OPEN,
        "</span>",
        "<span>",
    ]
)
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=600)
@given(_TEXT)
def test_sentence_case_agrees_with_the_character_loop(text: str) -> None:
    assert sentence.to_sentence_case(text) == _reference(text)


@settings(max_examples=600)
@given(_TEXT.filter(lambda text: "<" not in text and "$" not in text))
def test_text_without_tags_or_math_agrees_with_the_character_loop(text: str) -> None:
    """The plain-word path (:func:`sentence._plain_words`) against the oracle."""
    assert sentence.to_sentence_case(text) == _reference(text)
    assert sentence._plain_words(text) == sentence._walk(text, sentence._word)


@given(st.text(max_size=30))
def test_any_text_agrees_with_the_character_loop(text: str) -> None:
    assert sentence.to_sentence_case(text) == _reference(text)


def test_examples_still_cased() -> None:
    """Known titles (the module's examples and each rule) come out as before."""
    titles = [
        "Deep Learning for {EM} Images: A Study of 3D Priors",
        "Self-Supervised Learning of PQ-SAM on the XL C Compiler",
        "I'm Here: A Note on Élan and Über-Fast Ⓐ Things",
        'A <span class="nocase">Gaussian</span> Model: $X^2$ Tests',
    ]
    for title in titles:
        assert sentence.to_sentence_case(title) == _reference(title)
    assert sentence.to_sentence_case(titles[1]) == (
        "Self-supervised learning of PQ-SAM on the XL C compiler"
    )
