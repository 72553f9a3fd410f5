"""pubconv: one publication model for Jekyll pages, BibTeX/BibLaTeX and CSL-JSON.

>>> import pubconv
>>> bib = pubconv.loads("@article{k, title={A}, year=2024}", "bib")
>>> [p.key for p in bib]
['k']

``import pubconv`` loads only this module and the version: every public name below is imported
from its module the first time it is used (PEP 562 ``__getattr__``), so a script or the CLI's
``--version`` pays nothing for the model, the registry or the writers it does not touch
(``tests/test_startup.py`` checks the import graph).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from pubconv._version import __version__

if TYPE_CHECKING:  # what the lazy names are, for type checkers and readers
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

#: Public name -> the module that defines it (imported on first use).
_LAZY: dict[str, str] = {
    **dict.fromkeys(("dump", "dumps", "load", "loads"), "pubconv.api"),
    **dict.fromkeys(
        (
            "ArgumentError",
            "CitationError",
            "Diagnostic",
            "ParseError",
            "PubconvError",
            "Severity",
            "UnknownFormatError",
            "WriteError",
        ),
        "pubconv.errors",
    ),
    **dict.fromkeys(
        (
            "Bibliography",
            "Comment",
            "Link",
            "Origin",
            "PartialDate",
            "Person",
            "Preamble",
            "Publication",
            "StringDef",
            "Verbatim",
        ),
        "pubconv.model",
    ),
    **dict.fromkeys(("Format", "Registry", "Source", "WriteOptions"), "pubconv.registry"),
}


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used, and keep the value.

    A submodule is imported too (``pubconv.api.losses`` after ``import pubconv``, as when this
    package imported its modules eagerly).
    """
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(import_module(module), name)
    elif name.isidentifier() and not name.startswith("__"):
        try:
            value = import_module(f"pubconv.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"pubconv.{name}":
                raise
            raise AttributeError(f"module 'pubconv' has no attribute {name!r}") from None
    else:
        raise AttributeError(f"module 'pubconv' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    from pubconv.errors import ArgumentError
    from pubconv.model import Bibliography, Publication

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
