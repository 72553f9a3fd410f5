"""A registry of named formats: each plugs in a reader and/or a writer (pybtex's idea, no globals
beyond the one default instance, which tests can replace with their own :class:`Registry`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from pubconv.errors import UnknownFormatError
from pubconv.model import Bibliography, Publication


@dataclass(frozen=True, slots=True)
class Source:
    """One input text and the path it came from (``None`` for strings and stdin)."""

    text: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """Options every writer receives; a writer ignores those that do not apply to it."""

    ascii: bool = False
    """BibTeX: write non-ASCII characters as LaTeX escapes."""
    like: Bibliography | None = None
    """Jekyll: a page read earlier whose front matter, navigation and layout to reuse."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Format-specific options as name/value pairs."""


Reader = Callable[[Sequence[Source]], Bibliography]
"""Reads all sources as ONE database (macros in an earlier file serve later ones)."""
Writer = Callable[[Bibliography, WriteOptions], str]


@dataclass(frozen=True, slots=True)
class Format:
    """A named format, e.g. ``Format("bibtex", aliases=("bib",), extensions=(".bib",), ...)``."""

    name: str
    description: str
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    read: Reader | None = None
    write: Writer | None = None
    sniff: Callable[[str], bool] | None = None
    """Content test used when the file extension says nothing."""
    unshown: Callable[[Publication], list[str]] | None = None
    """For writers that cannot carry every field: what of a record the output will not show."""
    role: str = "database"
    """``database`` for bibliography files (``.bib``, CSL-JSON), ``site`` for a website's
    publication pages or data; ``pubconv sync`` compares and updates one role from the other."""
    style_hints: tuple[str, ...] = ()
    """Hints that describe how a file lays out its records (``jekyll.italic``): a record added
    to a file takes them from its neighbour, so it is written in that file's own style."""


class Registry:
    """Formats by name, alias and extension."""

    def __init__(self) -> None:
        self._formats: dict[str, Format] = {}
        self._names: dict[str, str] = {}

    def add(self, fmt: Format) -> None:
        """Register ``fmt``; a name or alias already taken is a ``ValueError``."""
        for name in (fmt.name, *fmt.aliases):
            key = name.lower()
            if key in self._names:
                raise ValueError(f"format name {name!r} is already registered")
        self._formats[fmt.name] = fmt
        for name in (fmt.name, *fmt.aliases):
            self._names[name.lower()] = fmt.name

    def get(self, name: str) -> Format:
        """The format called ``name`` (or one of its aliases)."""
        try:
            return self._formats[self._names[name.lower()]]
        except KeyError:
            known = ", ".join(sorted(self._names))
            raise UnknownFormatError(f"unknown format {name!r} (known: {known})") from None

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats.values())

    def for_path(self, path: str | None, text: str | None = None) -> Format:
        """The format for ``path`` by extension, else by sniffing ``text``."""
        if path:
            ext = os.path.splitext(path)[1].lower()
            for fmt in self._formats.values():
                if ext in fmt.extensions:
                    return fmt
        if text is not None:
            for fmt in self._formats.values():
                if fmt.sniff is not None and fmt.sniff(text):
                    return fmt
        what = f"{path!r}" if path else "standard input"
        raise UnknownFormatError(
            f"cannot tell the format of {what}; name it with --from/--to "
            f"(one of: {', '.join(self._formats)})"
        )
