"""CSL variables derived from BibTeX fields the model keeps only as ``extra`` (``eventtitle``,
``urldate``, ``translator``, ...), so that citeproc sees them when a ``.bib`` becomes CSL-JSON.

The extra pairs stay the source of truth (they travel verbatim in ``custom.pubconv.extra``);
derived keys are listed in ``custom.pubconv.derived`` and dropped again on reading.  Only
publications read from BibTeX (a ``bibtex.type`` hint) are derived from, because only their
extra values are LaTeX.  The table follows pandoc's BibLaTeX reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pubconv.formats.csljson import dates, names
from pubconv.model import Publication

TEXT: dict[str, str] = {
    "eventtitle": "event-title",
    "venue": "event-place",
    "type": "genre",
    "chapter": "chapter-number",
    "pagetotal": "number-of-pages",
    "volumes": "number-of-volumes",
    "version": "version",
    "annote": "annote",
    "annotation": "annote",
    "origtitle": "original-title",
    "shorttitle": "title-short",
    "howpublished": "medium",
}
"""BibTeX field (lower case) -> CSL text variable."""
VERBATIM: dict[str, str] = {"pmid": "PMID", "pmcid": "PMCID"}
DATES: dict[str, str] = {
    "urldate": "accessed",
    "eventdate": "event-date",
    "origdate": "original-date",
}
NAMES: dict[str, str] = {"translator": "translator", "bookauthor": "container-author"}
BIBTEX_HINT = "bibtex.type"


def _converters() -> dict[str, tuple[str, Callable[[str], Any]]]:
    from pubconv.formats.bibtex import dates as bib_dates
    from pubconv.formats.bibtex import latex
    from pubconv.formats.bibtex import names as bib_names

    def text(value: str) -> str:
        return latex.decode(value)

    def verbatim(value: str) -> str:
        return value.strip()

    def date(value: str) -> dict[str, Any]:
        return dates.to_csl(bib_dates.parse_date(value))

    def people(value: str) -> list[dict[str, str]]:
        return [names.to_csl(p) for p in bib_names.parse_names(value)]

    table: dict[str, tuple[str, Callable[[str], Any]]] = {}
    for group, convert in ((TEXT, text), (VERBATIM, verbatim), (DATES, date), (NAMES, people)):
        for field, variable in group.items():
            table[field] = (variable, convert)
    return table


_TABLE: dict[str, tuple[str, Callable[[str], Any]]] | None = None


def derived_variables(pub: Publication, taken: Iterable[str]) -> dict[str, Any]:
    """CSL variables for ``pub``'s BibTeX extras that no key in ``taken`` already fills."""
    global _TABLE
    if not pub.extra or pub.get_hint(BIBTEX_HINT) is None:
        return {}
    if _TABLE is None:
        _TABLE = _converters()
    used = set(taken)
    out: dict[str, Any] = {}
    for name, value in pub.extra:
        entry = _TABLE.get(name.lower())
        if entry is None or entry[0] in used:
            continue
        variable, convert = entry
        try:
            converted = convert(value)
        except ValueError:
            continue
        if converted:
            out[variable] = converted
            used.add(variable)
    return out
