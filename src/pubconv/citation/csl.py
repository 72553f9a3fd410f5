"""Item data: publications -> CSL-JSON items, and items -> what citeproc-py is given.

The conversion itself is :func:`pubconv.formats.csljson.mapping.publication_to_csl`; this
module is what citing starts from (year suffixes: :mod:`pubconv.citation.disambiguate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pubconv.citation import markup as mk
from pubconv.formats.csljson.mapping import publication_to_csl
from pubconv.model import Publication
from pubconv.names import person_matches

CslItem = dict[str, Any]


def to_csl(pubs: Sequence[Publication]) -> list[CslItem]:
    """CSL-JSON items for ``pubs`` (keys kept as they are)."""
    return [publication_to_csl(p) for p in pubs]


_VARIABLES: frozenset[str] = frozenset()


def _csl_variables() -> frozenset[str]:
    global _VARIABLES
    if not _VARIABLES:
        from citeproc import VARIABLES

        _VARIABLES = frozenset(v.replace("_", "-") for v in VARIABLES) | {
            "DOI",
            "ISBN",
            "ISSN",
            "URL",
            "PMID",
            "PMCID",
        }
    return _VARIABLES


_NAME_PARTS = ("family", "given", "literal", "suffix", "non-dropping-particle", "dropping-particle")
_NO_MARKUP = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})
HIGHLIGHT_FLAG = "pubconv-highlight"


def prepare(item: CslItem, highlight: Sequence[str]) -> CslItem:
    """A citeproc-ready copy of ``item``: known CSL variables only, rich text as markers,
    persons matching ``highlight`` flagged."""
    known = _csl_variables()
    out: CslItem = {"type": item.get("type") or "document"}
    for key, value in item.items():
        if key in ("id", "type") or key not in known or value in (None, "", []):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            names = []
            for name in value:
                clean = {p: mk.to_marked(str(name[p])) for p in _NAME_PARTS if name.get(p)}
                if not clean:
                    continue
                if highlight and _matches(clean, highlight):
                    clean[HIGHLIGHT_FLAG] = "1"
                names.append(clean)
            if names:
                out[key] = names
        elif isinstance(value, dict):
            out[key] = value
        elif key in _NO_MARKUP:
            out[key] = mk.strip(str(value))
        else:
            out[key] = mk.to_marked(str(value))
    return out


def _matches(name: dict[str, str], queries: Sequence[str]) -> bool:
    from pubconv.model import Person

    person = Person(
        family=name.get("family"),
        given=name.get("given"),
        particle=name.get("non-dropping-particle"),
        suffix=name.get("suffix"),
        literal=name.get("literal"),
    )
    return any(person_matches(q, person) for q in queries)
