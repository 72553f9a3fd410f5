"""Style and locale loading: a CSL style parsed once per (file, locale) with pubconv's element
classes, indexed, and what the rest of the pipeline asks of it (numbering, quotes, substitute)."""

from __future__ import annotations

import weakref
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc.frontend import CitationStylesStyle

from pubconv.citation import disambiguate, fixes, labels, locales, styles
from pubconv.citation.entries import RULES
from pubconv.errors import CitationError


def author_substitute(root: Any) -> str | None:
    """The style's ``subsequent-author-substitute`` (``None`` when there is none)."""
    bibliography = root.find(f"{{{styles.CSL_NS}}}bibliography")
    if bibliography is None:
        return None
    value = bibliography.get("subsequent-author-substitute")
    return None if value is None else str(value)


def author_substitute_rule(root: Any) -> str:
    """The style's ``subsequent-author-substitute-rule`` (an unknown value reads as the
    default, ``complete-all``)."""
    bibliography = root.find(f"{{{styles.CSL_NS}}}bibliography")
    value = "" if bibliography is None else bibliography.get("subsequent-author-substitute-rule")
    return value if value in RULES else "complete-all"


class Style(CitationStylesStyle):  # type: ignore[misc]
    """A parsed CSL style bound to a locale; parsed once per (file, locale) and reused."""

    def __init__(self, path: Path, locale: str) -> None:
        self.xml = styles.parse_xml(path, fixes.element_lookup())
        self.root = self.xml.getroot()
        self.path = path
        self.locale = locale
        self.root.set(fixes.LOCALE_ATTRIBUTE, locale)
        self.root.set_locale_list(locale, validate=False)
        fixes.index_style(self.root)
        weakref.finalize(self, fixes.forget_style, self.root)  # the index goes with the style
        self.rules = disambiguate.Rules.from_style(self.root)
        self.author_substitute = author_substitute(self.root)
        self.author_substitute_rule = author_substitute_rule(self.root)
        bibliography = self.root.bibliography
        self.labels = labels.uses_labels(self.root)
        """The style uses ``citation-label``: items get one (:mod:`~pubconv.citation.labels`)."""
        self.suffixed_labels = (
            self.labels
            and self.rules.year_suffix
            and bibliography is not None
            and disambiguate.renders_variable(self.root, bibliography, "citation-label")
        )
        """The year suffix goes on the rendered label, not after the year."""
        self.implicit_year_suffix = (
            self.rules.year_suffix
            and bibliography is not None
            and not self.suffixed_labels
            and not disambiguate.renders_variable(self.root, bibliography, "year-suffix")
        )


def load_style(path: Path, locale: str) -> Style:
    """The parsed style at ``path`` for ``locale``, parsed once per version of the file in a
    process (a style edited while a program runs, in a notebook say, is read again)."""
    stat = path.stat()
    return _load_style(path, locale, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_style(path: Path, locale: str, mtime_ns: int, size: int) -> Style:
    del mtime_ns, size  # part of the cache key only
    style = Style(path, locale)
    if not style.has_bibliography():
        raise CitationError(
            f"{path.stem}: this CSL style has no bibliography section (it formats citations "
            "or notes only), so it cannot list references; choose another style"
        )
    return style


def style_for(style: str, locale: str) -> Style:
    """The parsed style a name, URL or ``.csl`` path and a locale stand for (checked)."""
    return load_style(styles.resolve_style(style), locales.check_locale(locale))


def numbered_style(style: Style) -> bool:
    """Whether the bibliography shows ``citation-number`` labels (``[1]``, ``1.``), also
    through a macro (GOST styles render it in one: their entries lost the number)."""
    return disambiguate.renders_variable(style.root, style.root.bibliography, "citation-number")


def punctuation_in_quote(style: Style) -> bool:
    """The locale option ``punctuation-in-quote`` as the style resolves it (en-US: true)."""
    value = style.root.get_locale_option("punctuation-in-quote")
    return str(value).lower() == "true"
