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

__all__ = [
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
    "dump",
    "dumps",
    "load",
    "loads",
]
