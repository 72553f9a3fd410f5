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
Tree = list[tuple[str, str]]
"""Files of a folder-shaped output: ``(relative path with / separators, text)`` in writing order."""
TreeWriter = Callable[[Bibliography, WriteOptions], Tree]
FolderLister = Callable[[str], list[str]]
"""The files of a folder that a folder-shaped format reads, in reading order."""


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
    files: FolderLister | None = None
    """Folder-shaped formats (one file or folder per paper): the files of a folder to read.

    ``load`` reads them as sources of one database, so the reader itself never walks folders.
    """
    write_tree: TreeWriter | None = None
    """Folder-shaped formats: the files to write under the output folder (``-o`` names it)."""


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

    def folder_formats(self) -> list[str]:
        """Names of the formats that read folders, e.g. ``["academicpages", "hugo"]``."""
        return [fmt.name for fmt in self._formats.values() if fmt.files is not None]

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats.values())

    def for_folder(self, path: str) -> Format | None:
        """The first folder-shaped format that finds files to read in ``path``, if any."""
        for fmt in self._formats.values():
            if fmt.files is not None and fmt.files(path):
                return fmt
        return None

    def for_path(self, path: str | None, text: str | None = None) -> Format:
        """The format for ``path`` by extension, else by sniffing ``text``.

        An existing folder goes to :meth:`for_folder`.  When several formats claim an extension
        (``.md`` is a Jekyll page or one academicpages paper), those registered later are more
        specific layouts of an earlier general one: their sniffers are tried first, newest first,
        and the first claimant is the fallback.
        """
        if path and os.path.isdir(path):
            folder = self.for_folder(path)
            if folder is not None:
                return folder
            raise UnknownFormatError(
                f"no folder format finds its files in {path!r}; name the format with --from "
                f"(folder formats: {', '.join(self.folder_formats()) or 'none'})"
            )
        if path:
            ext = os.path.splitext(path)[1].lower()
            claimants = [fmt for fmt in self._formats.values() if ext in fmt.extensions]
            if len(claimants) > 1 and text is not None:
                for fmt in reversed(claimants[1:]):
                    if fmt.sniff is not None and fmt.sniff(text):
                        return fmt
            if claimants:
                return claimants[0]
        if text is not None:
            for fmt in self._formats.values():
                if fmt.sniff is not None and fmt.sniff(text):
                    return fmt
        what = f"{path!r}" if path else "standard input"
        raise UnknownFormatError(
            f"cannot tell the format of {what}; name it with --from/--to "
            f"(one of: {', '.join(self._formats)})"
        )
