"""CSL 1.0.2 "Text-case": title case with the 1.0.2 stop words, ``nocase`` spans kept."""

from __future__ import annotations

import re
from typing import Any

from citeproc.string import MixedString, NoCase, String

from pubconv.citation.fixes.state import LOCALE_ATTRIBUTE
from pubconv.citation.fixes.stopwords import is_stop_word, phrase_members


def english(element: Any) -> bool:
    root = element.get_root()
    language = root.get(LOCALE_ATTRIBUTE) or root.get("default-locale") or "en-US"
    return str(language).lower().startswith("en")


# --- fix: title_case_words -------------------------------------------------------------

_TRAILING = ".,;:!?)]’'\"”"
"""Punctuation that may follow a word and is not part of it (``yet?``, ``vs.`` -> ``vs``)."""


def _title_part(part: str, force: bool, stop: bool = False) -> str:
    """One hyphen-separated part of a word in title case (its first *letter* capitalised);
    ``stop`` marks a word of a stop phrase (``due`` in ``due to``)."""
    if not part.islower():
        return part  # mixed or upper case stays as it is
    start = next((i for i, ch in enumerate(part) if ch.isalnum()), None)
    if start is None or not part[start].isalpha():
        return part  # ``30th`` stays
    if not force and (stop or is_stop_word(part[start:].rstrip(_TRAILING))):
        return part
    return part[:start] + part[start].upper() + part[start + 1 :]


def title_case_word(word: str, force: bool, stop: bool = False, last: bool = False) -> str:
    """CSL 1.0.2 "Title case conversion" for one word: each lowercase word gets its first
    character capitalised, stop words (:mod:`.stopwords`, CSL 1.0.2's list) stay lower case
    unless ``force`` (first or last word, or after a colon); "hyphenated word parts are treated
    as distinct words" (``Context-Sensitive``, ``Plug-Ins``, but ``Chaitin-like``: ``like`` is a
    stop word), and leading punctuation is looked through (``(Volume``).  citeproc-py did
    neither.  ``stop`` marks a word of a stop phrase (``according to``); ``last`` the last word
    of the string, whose last part is capitalised even if a stop word (``Lisp-Like``)."""
    parts = _COMPOUND.split(word)  # [part, separator, part, ...]
    end = len(parts) - 1
    out = [_title_part(parts[0], force or (last and end == 0), stop)]
    out.extend(
        p if i % 2 == 0 else _title_part(p, last and i == end - 1) for i, p in enumerate(parts[1:])
    )
    return "".join(out)


_COMPOUND = re.compile("([-\u2014])")
"""Hyphen and em dash separate the words of a compound (``Optimizer—Design``)."""


class TitleCasing:
    """``text-case="title"`` by :func:`title_case_word`, keeping ``nocase`` spans as they are."""

    def case(self: Any, text: Any, language: Any = None) -> Any:
        if self.get("text-case") is None:
            return text
        if not isinstance(text, (String, MixedString)):
            # a name part arrives as plain str, and citeproc-py's text-case methods exist on
            # its String only (AttributeError: 'str' object has no attribute 'capitalize_first')
            return str(self.case(_as_string(text), language))
        if self.get("text-case") in _WORD_CASES:
            return word_case(self.get("text-case"), text)
        if self.get("text-case") != "title" or not (
            language == "en" or (language is None and english(self))
        ):
            return super().case(_as_string(text), language)  # type: ignore[misc]
        pieces = _flatten(text)
        last = _last_word(pieces)
        in_phrase = _phrase_words(pieces)
        out: Any = String("")
        prev = ":"  # the first word is always capitalised
        glued = False  # the previous piece ended inside a word (``Graham-{G}lanville``)
        for number, piece in enumerate(pieces):
            raw = str(piece)
            if isinstance(piece, NoCase) or not raw:
                cased: Any = piece
            else:
                parts = _SPACE_RUN.split(raw)  # [word, space, word, ...]
                for index in range(0, len(parts), 2):
                    word = parts[index]
                    if not word:
                        continue
                    if index == 0 and glued:  # the rest of a word: only its compound parts
                        head, *rest = _COMPOUND.split(word, maxsplit=1)
                        if rest:
                            parts[0] = head + rest[0] + title_case_word(rest[1], False)
                        continue
                    before = prev if index == 0 else (parts[index - 2][-1:] or prev)
                    force = before in _FORCING
                    stop = (number, index) in in_phrase
                    parts[index] = title_case_word(word, force, stop, (number, index) == last)
                cased = type(piece)("".join(parts))
            if raw.strip():
                prev = raw.rstrip()[-1:]
            glued = bool(raw) and not raw[-1].isspace()
            out = out + cased
        return out


_SPACE_RUN = re.compile(r"(\s+)")

_WORD_CASES = frozenset({"lowercase", "uppercase", "capitalize-first", "capitalize-all"})


def word_case(text_case: str, text: Any) -> Any:
    """CSL 1.0.2 "lowercase", "uppercase", "capitalize-first" ("the first character of the
    first word, if the word is lowercase") and "capitalize-all" ("the first character of every
    lowercase word", hyphenated parts being words as in title case: ``X-Ray``, ``One-To-One``),
    ``nocase`` spans left as they are in each (``USING pH``).  citeproc-py changed the case
    inside ``nocase`` spans for lowercase and uppercase and capitalised words that are not
    lowercase (``IPhone``), but not the parts of a hyphenated word (``X-ray``); citeproc-js
    and pandoc do as the specification says."""
    out: Any = String("")
    first = True  # the first word is still to come (capitalize-first)
    glued = False  # the previous piece ended inside a word
    for piece in _flatten(_as_string(text)):
        raw = str(piece)
        if isinstance(piece, NoCase) or not raw.strip():
            out = out + piece
            first = first and not raw.strip()
            glued = bool(raw) and not raw[-1].isspace()
            continue
        if text_case in ("lowercase", "uppercase"):
            cased = raw.lower() if text_case == "lowercase" else raw.upper()
        else:
            parts = _SPACE_RUN.split(raw)  # [word, space, word, ...]
            for index in range(0, len(parts), 2):
                word = parts[index]
                if not word:
                    continue
                if text_case == "capitalize-first":
                    if first and not (index == 0 and glued):
                        parts[index] = _title_part(word, True)
                    first = False
                    continue
                words = _COMPOUND.split(word)  # [part, separator, part, ...]
                start = 2 if index == 0 and glued else 0  # a word's rest: its later parts only
                for at in range(start, len(words), 2):
                    words[at] = _title_part(words[at], True)
                parts[index] = "".join(words)
            cased = "".join(parts)
        out = out + type(piece)(cased)
        glued = not raw[-1].isspace()
    return out


_FORCING = (":", "?", "!")
"""A stop word after these is capitalised: the colon is CSL 1.0.2's rule; after a question or
exclamation mark (a new sentence: ``Is It a Tree? A Shape Analysis``) citeproc-js and pandoc
capitalise too.  Not after a period, which mostly ends an abbreviation (``Proc. of the``,
``vs. the``): CSL 1.0.2 and citeproc-js keep the stop word (pandoc 2.17 capitalises it)."""


def _phrase_words(pieces: list[Any]) -> set[tuple[int, int]]:
    """(piece, part) of every word that stands in a stop phrase (``due to``, ``such as``)."""
    where: list[tuple[int, int]] = []
    words: list[str] = []
    for number, piece in enumerate(pieces):
        parts = _SPACE_RUN.split(str(piece))
        for index in range(0, len(parts), 2):
            if parts[index]:
                where.append((number, index))
                words.append(parts[index])
    return {where[i] for i in phrase_members(words)}


def _as_string(text: Any) -> Any:
    """``text`` as citeproc-py strings all the way down (its ``MixedString`` methods call
    ``String`` methods on every piece; a plain ``str`` piece raised ``AttributeError``)."""
    if isinstance(text, MixedString):
        return MixedString([_as_string(piece) for piece in text])
    if isinstance(text, String):
        return text
    return String(str(text))


def _last_word(pieces: list[Any]) -> tuple[int, int]:
    """(piece, part) of the string's last word: CSL 1.0.2 capitalises a last stop word too
    (``... Solved This Problem Yet?``)."""
    for number in range(len(pieces) - 1, -1, -1):
        parts = _SPACE_RUN.split(str(pieces[number]))
        for index in range(len(parts) - 1, -1, -2):  # words sit at even indices
            if any(ch.isalnum() for ch in parts[index]):
                return number, index
    return -1, -1


def _flatten(text: Any) -> list[Any]:
    """The ``String``/``NoCase`` pieces of a possibly nested ``MixedString``, in order."""
    if isinstance(text, MixedString):
        return [piece for part in text for piece in _flatten(part)]
    return [text]


def join_words(words: list[Any]) -> Any:
    """Words joined by single spaces, each keeping its string class (``NoCase`` or ``String``)."""
    out: Any = String("")
    for index, word in enumerate(words):
        out = out + (String(" ") if index else String("")) + word
    return out
