"""Per-render state of the fixed elements (sort keys, name marking, implicit year
suffix) and the constants they share; set only through the context managers here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import TypeVar

CSL_NS = "http://purl.org/net/xbiblio/csl"


LOCALE_ATTRIBUTE = "{https://pubconv.invalid/ns}locale"
"""Set on the style root: the locale the run uses (title case applies to English only)."""


SORTING: ContextVar[bool] = ContextVar("pubconv_sorting", default=False)
_T = TypeVar("_T")


def sorting() -> AbstractContextManager[None]:
    """Render sort keys: CSL 1.0.2 "Sorting Macros" take a macro's text "without rich text
    markup", and quotation marks from ``quotes="true"`` are formatting, so ``“Pointer ...”``
    sorts under P (pandoc alike); citeproc-py kept the marks and sorted every quoted title
    before A."""
    return _setting(SORTING, True)


@contextmanager
def _setting(variable: ContextVar[_T], value: _T) -> Iterator[None]:
    """``variable`` set to ``value`` while the block runs (one rendering's state)."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


YEAR_SUFFIX: ContextVar[str] = ContextVar("pubconv_year_suffix", default="")


def implicit_year_suffix(suffix: str) -> AbstractContextManager[None]:
    """Render one entry whose style does not place ``year-suffix`` itself: CSL 1.0.2 appends
    it to "the first year rendered through ``cs:date``"; citeproc-py never did, so
    ``Chase et al. 1990`` twice stayed ambiguous in Elsevier Harvard or Springer styles."""
    return _setting(YEAR_SUFFIX, suffix)


MARK_NAMES: ContextVar[bool] = ContextVar("pubconv_mark_names", default=False)


def marking_names() -> AbstractContextManager[None]:
    """Render bibliography entries with each name list between :data:`markup.NAMES` markers;
    the runner keeps the first one in the output (citeproc-py has no
    ``subsequent-author-substitute``)."""
    return _setting(MARK_NAMES, True)


NAME_TEXTS: ContextVar[list[str] | None] = ContextVar("pubconv_name_texts", default=None)
"""While a marked ``cs:names`` renders: what each of its ``cs:name`` rendered (markers removed),
so that ``subsequent-author-substitute`` compares the rendered names and not their labels."""
