"""Which titles reach CSL in sentence case, and how CSL-JSON -> BibTeX gets them back as written.

CSL styles expect titles in sentence case; BibTeX titles are in Title Case.  A publication read
from BibTeX whose language is English or unmarked (``langid`` / ``language``) gets its ``title``
and, for parts of a book or proceedings, its ``container-title`` (``booktitle`` or the crossref
parent's title) in sentence case (:func:`pubconv.formats.bibtex.sentence.to_sentence_case`);
journal titles and series keep their case (pandoc alike).  The titles as written go into
``custom.pubconv.as-cased`` and are restored on reading while the item still holds their
sentence case, so ``.bib`` -> CSL-JSON -> ``.bib`` stays exact.

Titles from pages, CSL-JSON and other formats are left as written: a page title has no braces
to say which words keep their capitals (``Segment Anything``), and CSL-JSON is sentence case
already.  The hint ``csl.titles = as-written`` (``pubconv cite --titles as-written``) keeps
BibTeX titles as written too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from pubconv.formats.bibtex.sentence import is_english, to_sentence_case
from pubconv.model import Publication

TITLES_HINT = "csl.titles"
"""``as-written``: no sentence case for this publication (set by ``cite --titles as-written``)."""
BIBTEX_HINT = "bibtex.type"
_JOURNAL_TYPES = frozenset({"article", "periodical", "suppperiodical"})
_PART_TYPES = frozenset({"paper-conference", "chapter", "entry-encyclopedia", "entry-dictionary"})

_sentence_case = lru_cache(maxsize=4096)(to_sentence_case)
""":func:`to_sentence_case`, remembered: reading an item cases its title twice (:func:`restore`
checks ``as-cased``, then :func:`sentence_cased` the spellings) and writing it as CSL again a
third time; a seventh of a warm ``cite`` run went to that.  Titles are strings, so the answer is
the same each time."""


def applies(pub: Publication) -> bool:
    """True when ``pub``'s titles go to CSL in sentence case (see the module docstring)."""
    written = pub.get_hint(BIBTEX_HINT)
    if written is None or pub.get_hint(TITLES_HINT) == "as-written":
        return False
    language = pub.language or pub.get_extra("langid")
    return is_english(language)


def sentence_cased(pub: Publication) -> dict[str, str]:
    """The CSL variables whose sentence case differs from ``pub``'s value, with that case."""
    if not applies(pub):
        return {}
    out: dict[str, str] = {}
    if pub.title:
        out["title"] = _sentence_case(pub.title)
    written = (pub.get_hint(BIBTEX_HINT) or "").lower()
    if pub.container_title and pub.type in _PART_TYPES and written not in _JOURNAL_TYPES:
        out["container-title"] = _sentence_case(pub.container_title)
    return {k: v for k, v in out.items() if v != _value(pub, k)}


def _value(pub: Publication, variable: str) -> str | None:
    return pub.title if variable == "title" else pub.container_title


def originals(pub: Publication, cased: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """``(variable, value as written)`` for each variable of ``cased``."""
    for variable in cased:
        value = _value(pub, variable)
        if value is not None:
            yield variable, value


def restore(as_cased: Any, fields: dict[str, Any], text_fields: Mapping[str, str]) -> None:
    """Put the titles as written back into ``fields`` (model attribute -> value) where the item
    still holds their sentence case; an edited title wins.  ``ValueError`` on a bad layout."""
    if not isinstance(as_cased, dict):
        raise ValueError("as-cased must be an object")
    for variable, original in as_cased.items():
        attr = text_fields.get(variable)
        if attr is None or not isinstance(original, str):
            raise ValueError(f"as-cased holds an unknown variable {variable!r}")
        if fields.get(attr) == _sentence_case(original):
            fields[attr] = original
