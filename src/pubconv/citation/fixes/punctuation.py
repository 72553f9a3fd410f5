"""CSL 1.0.2 appendix "Punctuation": affixes and delimiters never double punctuation."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.string import MixedString, NoCase, String, normalize_seam

from pubconv.citation import markup as mk
from pubconv.citation.fixes.seams import merged, normalized, plus, strip_end

# --- fix: punctuation_merging ----------------------------------------------------------


def merge_seam(left: Any, right: Any) -> Any:
    """``right`` as it may follow ``left``: CSL 1.0.2 "Punctuation" (appendix) merging.

    A ``.`` after text already ending in ``.``, ``?``, ``!``, ``:`` or ``;`` is dropped
    (``issues?.`` -> ``issues?``, ``7:.`` -> ``7:``), as is a repeated ``,``/``;``/``:`` and a
    ``:`` after ``;``; formatting markers and a closing quote mark between them are looked
    through.  Everything else is citeproc-py's own seam rule (:func:`seams.merged`).
    """
    return merged(str(left), right, str(right))


def _before_punctuation(left: Any, right: Any) -> Any:
    """``left`` without its trailing spaces when ``right`` starts with ``,``, ``;`` or ``.``
    (pandoc alike: a suffix ``". "`` then ``", "`` gives ``2006., AAAI``, not ``2006. ,``).
    A colon keeps its space: French typography puts one before it."""
    head = str(right).lstrip(_OPENERS)[:1]
    if head in _NO_SPACE_BEFORE and str(left).endswith(" "):
        return strip_end(left)
    return left


_NO_SPACE_BEFORE = frozenset(",;.")


def _starts_with_punctuation(text: Any) -> bool:
    """Whether ``text`` starts with ``,``, ``;`` or ``.`` (formatting openers looked through)."""
    return str(text).lstrip(_OPENERS)[:1] in _NO_SPACE_BEFORE


_OPENERS = "".join(mk.OPENERS)

_KNOWN = frozenset({str, String, NoCase, MixedString})
"""The string classes whose seams :mod:`.seams` joins as ``+`` does."""


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
        if type(string) not in _KNOWN:
            prefix = _before_punctuation(prefix, string)
            text = prefix + normalize_seam(prefix, string)
            text = _before_punctuation(text, suffix)
            return text + merge_seam(text, suffix)
        string_text = str(string)
        if _starts_with_punctuation(string_text) and prefix.endswith(" "):
            prefix = prefix.rstrip(" ")
        text, text_text = plus(prefix, prefix, normalized(prefix, string, string_text))
        if not suffix:
            return text  # ``text + ""`` is ``text``
        if _starts_with_punctuation(suffix) and text_text.endswith(" "):
            text, text_text = strip_end(text), text_text.rstrip(" ")
        return plus(text, text_text, merged(text_text, suffix, suffix))[0]

    def join(self: Any, strings: Any, default_delimiter: str = "") -> Any:
        return merging_join(strings, self.get("delimiter", default_delimiter))


def merging_join(strings: Any, delimiter: str) -> Any:
    """``strings`` joined by ``delimiter`` with :func:`merge_seam` at every seam, the text
    joined so far carried along (:mod:`.seams`)."""
    items = [s for s in strings if s is not None]
    if not items:
        return String("")
    out = items[0]
    if len(items) == 1:
        return out
    out_text = str(out)
    punctuated_delimiter = delimiter.strip()[:1] in _NO_SPACE_BEFORE
    delimiter_starts_with_punctuation = _starts_with_punctuation(delimiter)
    for item in items[1:]:
        item_text = str(item)
        item_starts_with_punctuation = _starts_with_punctuation(item_text)
        if punctuated_delimiter and item_starts_with_punctuation:
            # the piece brings its own punctuation: ``pp. 32–59`` + ``, Berlin`` under a
            # ". " delimiter reads ``pp. 32–59, Berlin`` (pandoc alike), not ``59. , Berlin``
            if out_text.endswith(" "):
                out, out_text = strip_end(out), out_text.rstrip(" ")
            out, out_text = plus(out, out_text, merged(out_text, item, item_text))
            continue
        if delimiter_starts_with_punctuation and out_text.endswith(" "):
            out, out_text = strip_end(out), out_text.rstrip(" ")  # ``Systems., Berlin``
        out, out_text = plus(out, out_text, merged(out_text, delimiter, delimiter))
        if item_starts_with_punctuation and out_text.endswith(" "):
            out, out_text = strip_end(out), out_text.rstrip(" ")
        out, out_text = plus(out, out_text, merged(out_text, item, item_text))
    return out
