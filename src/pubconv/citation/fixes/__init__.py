"""pubconv's corrections to citeproc-py, as subclasses of its CSL element classes.

citeproc-py maps each CSL element (``cs:text``, ``cs:name``, ...) to a Python class through an
lxml element-class lookup.  :func:`element_lookup` builds the same lookup with pubconv's classes
put in place of the originals, so every fix is local to pubconv's parser: nothing is
monkeypatched and plain citeproc-py keeps behaving as before.  Each fix is a small, named mixin
whose docstring cites the rule of the CSL 1.0.2 specification it implements, one module per
concern:

- :mod:`.state`: per-render settings (sort keys, name marking, implicit year suffix);
- :mod:`.formatter`: formatting -> :mod:`pubconv.citation.markup` markers;
- :mod:`.punctuation`: punctuation merging at affixes and delimiters;
- :mod:`.elements`: ``cs:substitute``, ``cs:group``, ``cs:label``;
- :mod:`.textcase`: title case;  :mod:`.quotes`: quotes on ``cs:text``;
- :mod:`.names`: ``cs:name``/``cs:names``;  :mod:`.dates`: ``cs:date``/``cs:date-part``;
- :mod:`.layout`: ``second-field-align``;  :mod:`.pages`: ``page-range-format``;
- :mod:`.lookups`: per-style indexes and the element-class lookup itself.
"""

from __future__ import annotations

from pubconv.citation.fixes.elements import AMBIGUOUS_KEY
from pubconv.citation.fixes.formatter import FORMATTER
from pubconv.citation.fixes.lookups import element_lookup, forget_style, index_style
from pubconv.citation.fixes.names import (
    SHOWN_KEY,
    HighlightedName,
    initialize,
    normalise_initials,
)
from pubconv.citation.fixes.pages import last_page
from pubconv.citation.fixes.punctuation import merge_seam
from pubconv.citation.fixes.quotes import flip_quotes
from pubconv.citation.fixes.state import (
    LOCALE_ATTRIBUTE,
    implicit_year_suffix,
    marking_names,
    sorting,
)
from pubconv.citation.fixes.textcase import title_case_word

__all__ = [
    "AMBIGUOUS_KEY",
    "FORMATTER",
    "LOCALE_ATTRIBUTE",
    "SHOWN_KEY",
    "HighlightedName",
    "element_lookup",
    "flip_quotes",
    "forget_style",
    "implicit_year_suffix",
    "index_style",
    "initialize",
    "last_page",
    "marking_names",
    "merge_seam",
    "normalise_initials",
    "sorting",
    "title_case_word",
]
