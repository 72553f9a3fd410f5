"""pubconv: one publication model for Jekyll pages, BibTeX/BibLaTeX and CSL-JSON.

>>> import pubconv
>>> bib = pubconv.loads("@article{k, title={A}, year=2024}", "bib")
>>> [p.key for p in bib]
['k']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pubconv._version import __version__
from pubconv.api import dump, dumps, load, loads
from pubconv.errors import (
    ArgumentError,
    CitationError,
    Diagnostic,
    ParseError,
    PubconvError,
    Severity,
    UnknownFormatError,
    WriteError,
)
from pubconv.model import (
    Bibliography,
    Comment,
    Link,
    Origin,
    PartialDate,
    Person,
    Preamble,
    Publication,
    StringDef,
    Verbatim,
)
from pubconv.registry import Format, Registry, Source, WriteOptions


def cite(
    bib: Bibliography | Iterable[Publication],
    style: str = "apa",
    locale: str = "en-US",
    format: str = "text",
    **options: Any,
) -> str:
    """Format publications as a bibliography in a CSL style (see :func:`pubconv.citation.cv.cite` for the
    keyword ``options``: ``highlight``, ``group_by``, ``sort``, ``cache``, ...).

    Imported lazily: citeproc-py and the style repository load only when citations are made.
    Wrong argument types raise :class:`ArgumentError` (a path string is not a bibliography:
    ``pubconv.cite(pubconv.load("refs.bib"))``).
    """
    if not isinstance(bib, Bibliography):
        if isinstance(bib, str | bytes) or not isinstance(bib, Iterable):
            raise ArgumentError(
                f"cite: bib must be a Bibliography or publications, not {type(bib).__name__}"
            )
        bib = list(bib)
        wrong = next((p for p in bib if not isinstance(p, Publication)), None)
        if wrong is not None:
            raise ArgumentError(f"cite: bib holds a {type(wrong).__name__}, not a Publication")
    for name, value in (("style", style), ("locale", locale), ("format", format)):
        if not isinstance(value, str):
            raise ArgumentError(f"cite: {name} must be a str, not {type(value).__name__}")
    from pubconv.citation.cv import cite as _cite

    return _cite(bib, style, locale, format, **options)


__all__ = [
    "ArgumentError",
    "Bibliography",
    "CitationError",
    "Comment",
    "Diagnostic",
    "Format",
    "Link",
    "Origin",
    "ParseError",
    "PartialDate",
    "Person",
    "Preamble",
    "PubconvError",
    "Publication",
    "Registry",
    "Severity",
    "Source",
    "StringDef",
    "UnknownFormatError",
    "Verbatim",
    "WriteError",
    "WriteOptions",
    "__version__",
    "cite",
    "dump",
    "dumps",
    "load",
    "loads",
]
