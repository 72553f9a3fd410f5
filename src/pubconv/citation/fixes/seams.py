"""Seams of citeproc-py strings joined with the text of the left side carried along.

Joining a group's or a macro's pieces (:func:`punctuation.merging_join`) and putting affixes
on (:meth:`punctuation.PunctuationMerging.wrap`) look at the characters on both sides of each
seam.  Written with citeproc-py's ``+``, every step took ``str()`` of everything joined so
far, four times per seam (punctuation merging, the space rule, and citeproc-py's own
``normalize_seam`` inside ``MixedString.__add__``): some 60,000 ``str()`` of growing
``MixedString`` lists per 1,000 IEEE entries.  Here each step knows the text of what it has
joined and builds the same ``MixedString`` citeproc-py's ``+`` builds.  The results, pieces
and classes included, are those of the ``+`` steps (``tests/test_citation_seams.py`` checks
them against those steps over generated strings).
"""

from __future__ import annotations

from typing import Any

from citeproc.string import SEAM_PUNCTUATION, MixedString, NoCase, String

from pubconv.citation import markup as mk

_MERGES_INTO = {".": ".?!:;", ",": ",", ";": ";", ":": ":;"}
"""Which marks absorb a following one (citeproc-js's table: ``7:`` + ``.`` gives ``7:``)."""

_CLOSERS = "".join(mk.CLOSERS)


def drop_first(other: Any) -> Any:
    """``other`` without its first character, each piece keeping its class (citeproc-py's
    ``_strip_first_char``)."""
    if isinstance(other, MixedString):
        segments = list(other)
        head = type(segments[0])(str(segments[0])[1:])
        segments[0:1] = [head] if str(head) else []
        return MixedString(segments)
    return type(other)(str(other)[1:])


def normalized(left_text: str, other: Any, other_text: str) -> Any:
    """citeproc-py's ``normalize_seam(left, other)`` given both texts: ``other`` without a
    first space after a space, or a first mark repeating the last one (``..``)."""
    if left_text and other_text and left_text[-1] == other_text[0] in _COLLAPSED:
        return drop_first(other)
    return other


_COLLAPSED = SEAM_PUNCTUATION | {" "}
"""A first character dropped when the text before ends with the same one."""


def merged(left_text: str, right: Any, right_text: str) -> Any:
    """:func:`punctuation.merge_seam` given the texts: ``right`` as it may follow a left side
    whose text is ``left_text``."""
    if right_text:
        stripped = left_text.rstrip(_CLOSERS)
        allowed = _MERGES_INTO.get(right_text[0])
        if allowed and stripped and stripped[-1] in allowed:
            if mk.NAMES[1] in left_text[len(stripped) :]:  # merged into a marked name list
                return String(mk.MERGED[0] + right_text[0] + mk.MERGED[1]) + drop_first(right)
            return drop_first(right)
    return normalized(left_text, right, right_text)


_STRINGS = (String, NoCase)


def plus(left: Any, left_text: str, right: Any, right_text: str | None = None) -> tuple[Any, str]:
    """``(left + right, str(left + right))`` where ``left_text`` is ``str(left)`` (and
    ``right_text``, when given, ``str(right)``).

    The cases of Python's ``+`` on citeproc-py strings: a ``String`` (or ``NoCase``) on the
    left becomes ``MixedString([left])``, a plain ``str`` too when the right side is one of
    citeproc-py's (its ``__radd__``), an empty right side leaves the left as it is, and two
    plain strings are concatenated without a seam rule.  Other classes go through ``+``."""
    left_type, right_type = type(left), type(right)
    if left_type is MixedString:
        if right == "":
            return left, left_text
        base = left
    elif left_type in _STRINGS:
        if right == "":
            return left, left_text
        base = MixedString([left])
    elif left_type is str and right_type is str:
        return left + right, left_text + right
    elif left_type is str and (right_type in _STRINGS or right_type is MixedString):
        if left == "":
            return right, str(right)
        base = MixedString([left])
    else:
        joined = left + right
        return joined, str(joined)
    if right_text is None:
        right_text = str(right)
    if left_text and right_text and left_text[-1] == right_text[0] in _COLLAPSED:
        piece = drop_first(right)  # citeproc-py's ``normalize_seam``, written out
        piece_text = str(piece)
    else:
        piece, piece_text = right, right_text
    if piece == "" or piece == []:
        return base, left_text
    if isinstance(piece, list):
        return MixedString(list.__add__(base, piece)), left_text + piece_text
    return MixedString(list.__add__(base, [piece])), left_text + piece_text


def enclosed(opener: str, text: Any, text_text: str, closer: str) -> tuple[Any, str]:
    """``String(opener) + text + String(closer)`` and its text (``text_text`` is ``str(text)``)."""
    joined, joined_text = plus(String(opener), opener, text, text_text)
    return plus(joined, joined_text, String(closer), closer)


def joined(pieces: list[tuple[Any, str]]) -> tuple[Any, str]:
    """citeproc-py's ``join`` of the pieces (each given with its text) with no delimiter, and
    its text: each piece after the first added to what is joined as ``normalize_seam`` makes
    it follow."""
    out, out_text = pieces[0]
    for piece, piece_text in pieces[1:]:
        following = normalized(out_text, piece, piece_text)
        out, out_text = plus(out, out_text, following, piece_text if following is piece else None)
    return out, out_text


def strip_end(text: Any) -> Any:
    """``text`` without its trailing spaces, keeping each piece's string class."""
    if isinstance(text, MixedString):
        segments = list(text)
        while segments:
            last = strip_end(segments[-1])
            if str(last):
                segments[-1] = last
                break
            segments.pop()
        return MixedString(segments)
    return type(text)(str(text).rstrip(" "))
