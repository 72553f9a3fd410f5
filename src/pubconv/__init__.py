"""pubconv: one publication model for Jekyll pages, BibTeX/BibLaTeX and CSL-JSON.

>>> import pubconv
>>> bib = pubconv.loads("@article{k, title={A}, year=2024}", "bib")
>>> [p.key for p in bib]
['k']
"""

from __future__ import annotations

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


def cite(*args: object, **kwargs: object) -> str:
    """Format publications as a bibliography in a CSL style (see :func:`pubconv.citation.cv.cite`).

    Imported lazily: citeproc-py and the style repository load only when citations are made.
    """
    from pubconv.citation.cv import cite as _cite

    return _cite(*args, **kwargs)  # type: ignore[arg-type]


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
