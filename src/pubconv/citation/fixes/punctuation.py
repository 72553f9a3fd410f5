"""CSL 1.0.2 appendix "Punctuation": affixes and delimiters never double punctuation."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.string import MixedString, String, normalize_seam

from pubconv.citation import markup as mk

# --- fix: punctuation_merging ----------------------------------------------------------

_MERGES_INTO = {".": ".?!:;", ",": ",", ";": ";", ":": ":;"}
"""Which marks absorb a following one (citeproc-js's table: ``7:`` + ``.`` gives ``7:``)."""


def _drop_first(other: Any) -> Any:
    if isinstance(other, MixedString):
        segments = list(other)
        head = type(segments[0])(str(segments[0])[1:])
        segments[0:1] = [head] if str(head) else []
        return MixedString(segments)
    return type(other)(str(other)[1:])


def _strip_end(text: Any) -> Any:
    """``text`` without its trailing spaces, keeping each piece's string class."""
    if isinstance(text, MixedString):
        segments = list(text)
        while segments:
            last = _strip_end(segments[-1])
            if str(last):
                segments[-1] = last
                break
            segments.pop()
        return MixedString(segments)
    return type(text)(str(text).rstrip(" "))


def merge_seam(left: Any, right: Any) -> Any:
    """``right`` as it may follow ``left``: CSL 1.0.2 "Punctuation" (appendix) merging.

    A ``.`` after text already ending in ``.``, ``?``, ``!``, ``:`` or ``;`` is dropped
    (``issues?.`` -> ``issues?``, ``7:.`` -> ``7:``), as is a repeated ``,``/``;``/``:`` and a
    ``:`` after ``;``; formatting markers and a closing quote mark between them are looked
    through.  Everything else is citeproc-py's own seam rule.
    """
    right_text = str(right)
    if right_text:
        raw = str(left)
        left_text = raw.rstrip("".join(mk.CLOSERS))
        allowed = _MERGES_INTO.get(right_text[0])
        if allowed and left_text and left_text[-1] in allowed:
            if mk.NAMES[1] in raw[len(left_text) :]:  # merged into a marked name list
                return String(mk.MERGED[0] + right_text[0] + mk.MERGED[1]) + _drop_first(right)
            return _drop_first(right)
    return normalize_seam(left, right)


def _before_punctuation(left: Any, right: Any) -> Any:
    """``left`` without its trailing spaces when ``right`` starts with ``,``, ``;`` or ``.``
    (pandoc alike: a suffix ``". "`` then ``", "`` gives ``2006., AAAI``, not ``2006. ,``).
    A colon keeps its space: French typography puts one before it."""
    head = str(right).lstrip(_OPENERS)[:1]
    if head in _NO_SPACE_BEFORE and str(left).endswith(" "):
        return _strip_end(left)
    return left


_NO_SPACE_BEFORE = frozenset(",;.")


def _starts_with_punctuation(text: Any) -> bool:
    return str(text).lstrip(_OPENERS)[:1] in _NO_SPACE_BEFORE


_OPENERS = "".join(mk.OPENERS)


def _affixes(element: Any) -> tuple[str, str]:
    """``(prefix, suffix)`` of ``element``, read once (not for ``cs:date-part``, whose
    attributes citeproc-py overwrites while rendering a localized date)."""
    affixes: tuple[str, str] | None = element.__dict__.get("pubconv_affixes")
    if affixes is None:
        affixes = (element.get("prefix", ""), element.get("suffix", ""))
        if not isinstance(element, cm.Date_Part):
            element.__dict__["pubconv_affixes"] = affixes
    return affixes


class PunctuationMerging:
    """Affixes and delimiters never double punctuation, even across formatting (CSL appendix),
    and leave no space before punctuation at a seam."""

    def wrap(self: Any, string: Any) -> Any:
        if string is None:
            return None
        prefix, suffix = _affixes(self)
        if not prefix and not suffix and isinstance(string, (str, MixedString)):
            return string  # what the steps below give with empty affixes
        prefix = _before_punctuation(prefix, string)
        text = prefix + normalize_seam(prefix, string)
        text = _before_punctuation(text, suffix)
        return text + merge_seam(text, suffix)

    def join(self: Any, strings: Any, default_delimiter: str = "") -> Any:
        return merging_join(strings, self.get("delimiter", default_delimiter))


def merging_join(strings: Any, delimiter: str) -> Any:
    """``strings`` joined by ``delimiter`` with :func:`merge_seam` at every seam."""
    items = [s for s in strings if s is not None]
    if not items:
        return String("")
    out = items[0]
    for item in items[1:]:
        if delimiter.strip()[:1] in _NO_SPACE_BEFORE and _starts_with_punctuation(item):
            # the piece brings its own punctuation: ``pp. 32–59`` + ``, Berlin`` under a
            # ". " delimiter reads ``pp. 32–59, Berlin`` (pandoc alike), not ``59. , Berlin``
            out = _before_punctuation(out, item)
            out = out + merge_seam(out, item)
            continue
        out = _before_punctuation(out, delimiter)  # ``Systems., Berlin``
        out = out + merge_seam(out, delimiter)
        out = _before_punctuation(out, item)
        out = out + merge_seam(out, item)
    return out
