"""CSL 1.0.2 "Quotes" and ``punctuation-in-quote`` on ``cs:text``; sort-key macros."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError
from citeproc.string import MixedString, String

from pubconv.citation import markup as mk
from pubconv.citation import quotemarks
from pubconv.citation.fixes.containers import (
    BARE_MACRO_CALL,
    NOT_A_MACRO_CALL,
    macro_call_kind,
    run_macro_call,
)
from pubconv.citation.fixes.elements import SubstitutedTextRecorder, counts, macro_rendered
from pubconv.citation.fixes.punctuation import PunctuationMerging
from pubconv.citation.fixes.state import SORTING


class FixedText(SubstitutedTextRecorder, PunctuationMerging, cm.Text):  # type: ignore[misc]
    """CSL 1.0.2 locale option ``punctuation-in-quote``: a following ``.``/``,`` goes inside
    the closing quote (``“Title,”``).  citeproc-py ignores the option; pubconv marks the closing
    quote here and :mod:`pubconv.citation.output` applies the rule once the next character is known."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """A macro's output is counted for the groups around it (:func:`macro_rendered`); a
        bare macro call renders from its plan (:func:`containers.run_macro_call`)."""
        kind = macro_call_kind(self)
        if kind is BARE_MACRO_CALL:
            return run_macro_call(self, item, context, kwargs.get("sort_options"))
        if kind is NOT_A_MACRO_CALL:
            return super().render(item, context=context, **kwargs)
        before = counts()
        text = super().render(item, context=context, **kwargs)
        macro_rendered(text, before)
        return text

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """CSL 1.0.2 "Sorting Macros": names in a sort key read ``name-as-sort-order="all"``
        however deep the macro nests them; citeproc-py dropped the sort options at a
        ``<text macro>``, so ``Chen, Yinda, Che Liu`` sorted as if ``Che`` were a family name."""
        sort_options = kwargs.get("sort_options")
        if sort_options is None or "macro" not in self.attrib:
            return super().process(item, context, **kwargs)
        try:
            language = item.reference.language[:2]
        except VariableError:
            language = self.get_root().get("default-locale", "en")[:2]
        macro = self.get_macro(self.get("macro"))
        return macro.render(
            item, self if context is None else context, sort_options=sort_options
        ), language

    def quote(self, string: Any) -> Any:
        if self.get("quotes", "false").lower() != "true" or SORTING.get():
            return string
        open_quote = self.get_single_term(name="open-quote")
        close_quote = self.get_single_term(name="close-quote")
        inner = (
            str(self.get_single_term(name="open-inner-quote")),
            str(self.get_single_term(name="close-inner-quote")),
        )
        outer = (str(open_quote), str(close_quote))
        string = flip_quotes(string, outer, inner)
        string = _each_part(string, lambda text: quotemarks.resolve(text, outer, inner, 1))
        return (
            open_quote + string + String(mk.QUOTE_CLOSE[0] + str(close_quote) + mk.QUOTE_CLOSE[1])
        )


def flip_quotes(text: Any, outer: tuple[str, str], inner: tuple[str, str]) -> Any:
    """CSL 1.0.2 "Quotes": quotes nested in quoted text alternate between the locale's outer and
    inner quote marks (``“A ‘B’ C”``); citeproc-py nested ``“A “B” C”``.  (Straight quotes in
    the data are markers until here: :func:`quotemarks.resolve`.)"""
    if not all(len(q) == 1 for q in (*outer, *inner)) or outer == inner:
        return text
    table = {
        ord(outer[0]): inner[0],
        ord(outer[1]): inner[1],
        ord(inner[0]): outer[0],
        ord(inner[1]): outer[1],
    }
    if inner[1] == "’":
        table.pop(ord(inner[1]))  # also the apostrophe: leave it alone
    return _each_part(text, lambda part: part.translate(table))


def _each_part(text: Any, change: Callable[[str], str]) -> Any:
    """``change`` applied to the text of each part of ``text``, keeping each part's class
    (``NoCase`` stays ``NoCase``)."""
    if isinstance(text, MixedString):
        return MixedString([_each_part(part, change) for part in text])
    return type(text)(change(str(text))) if isinstance(text, String) else change(str(text))
