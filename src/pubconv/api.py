"""The library API: load/loads/dump/dumps/convert.  The CLI is a thin layer over these."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from pubconv.datecheck import date_warnings
from pubconv.errors import ArgumentError, Diagnostic, ParseError, PubconvError
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography
from pubconv.registry import Format, Registry, Source, WriteOptions
from pubconv.textio import decode, read_input, write_output

PathArg = str | os.PathLike[str]
"""A file name: ``"refs.bib"`` or a :class:`pathlib.Path` (``"-"`` is standard input/output)."""


def _need(value: Any, kind: type | tuple[type, ...], call: str, what: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is a ``kind``, naming what was given."""
    if not isinstance(value, kind) or (
        isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))
    ):
        raise ArgumentError(f"{call}: {what}, not {type(value).__name__}")


def _path(value: Any, call: str) -> str:
    """``value`` as a path string; bytes and ints are refused (an int would be a descriptor)."""
    _need(value, (str, os.PathLike), call, "a path must be a str or os.PathLike")
    path = os.fspath(value)
    if not isinstance(path, str):
        raise ArgumentError(f"{call}: a path must be text, not {type(path).__name__}")
    return path


def _with_dates(bib: Bibliography) -> Bibliography:
    bib.diagnostics.extend(date_warnings(bib.publications))
    return bib


def _reader(fmt: Format) -> Format:
    if fmt.read is None:
        raise PubconvError(f"format {fmt.name!r} cannot be read")
    return fmt


def _check(bib: Bibliography, strict: bool) -> Bibliography:
    if strict and bib.errors:
        raise ParseError(bib.errors)
    return bib


def loads(
    text: str | bytes,
    format: str,
    *,
    path: str | None = None,
    strict: bool = True,
    registry: Registry = REGISTRY,
) -> Bibliography:
    """Read ``text`` in ``format`` (a name or alias, e.g. ``"bib"``).

    With ``strict`` (the default) any error diagnostic raises :class:`ParseError`; otherwise the
    bibliography comes back with its ``diagnostics`` and without the blocks that failed.
    ``bytes`` are decoded as files are (UTF-8, else Latin-1 with a warning).  Wrong argument
    types raise :class:`~pubconv.errors.ArgumentError`.
    """
    _need(text, (str, bytes), "loads", "text must be str or bytes")
    _need(format, str, "loads", "format must be a format name such as 'bib'")
    if path is not None:
        _need(path, str, "loads", "path must be a str")
    notes: list[Diagnostic] = []
    if isinstance(text, bytes):
        text, notes = decode(text, path)
    fmt = _reader(registry.get(format))
    assert fmt.read is not None
    bib = fmt.read([Source(text, path)])
    bib.diagnostics[:0] = notes
    return _check(_with_dates(bib), strict)


def load(
    paths: PathArg | Sequence[PathArg],
    format: str | None = None,
    *,
    strict: bool = True,
    registry: Registry = REGISTRY,
) -> Bibliography:
    """Read one file or several files as one database (``abbrev.bib`` + entries + ``crossref.bib``).

    Files are grouped by format (given, else by extension, else sniffed) in order; each group is
    read as one database so that macros defined in an earlier file serve the later ones.
    ``bytes`` are refused, never taken as a list of file descriptors: use :func:`loads`.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    _need(paths, (list, tuple), "load", "paths must be a path or a list of paths")
    names = [_path(p, "load") for p in paths]
    if format is not None:
        _need(format, str, "load", "format must be a format name such as 'bib'")
    groups: list[tuple[Format, list[Source]]] = []
    notes: list[Diagnostic] = []
    for path in names:
        text, decoding_notes = read_input(path)
        notes.extend(decoding_notes)
        shown = "<stdin>" if path == "-" else path
        fmt = (
            registry.get(format)
            if format
            else registry.for_path(None if path == "-" else path, text)
        )
        if groups and groups[-1][0].name == fmt.name:
            groups[-1][1].append(Source(text, shown))
        else:
            groups.append((_reader(fmt), [Source(text, shown)]))
    result = Bibliography(diagnostics=notes)
    for fmt, sources in groups:
        assert fmt.read is not None
        part = fmt.read(sources)
        result.extend(part)
        result.source_format = result.source_format or part.source_format or fmt.name
    return _check(_with_dates(result), strict)


def dumps(
    bib: Bibliography,
    format: str,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
) -> str:
    """Write ``bib`` as text in ``format``."""
    _need(bib, Bibliography, "dumps", "bib must be a Bibliography (from load or loads)")
    _need(format, str, "dumps", "format must be a format name such as 'bib'")
    fmt = registry.get(format)
    if fmt.write is None:
        raise PubconvError(f"format {fmt.name!r} cannot be written")
    return fmt.write(bib, options or WriteOptions())


def losses(bib: Bibliography, format: str, *, registry: Registry = REGISTRY) -> list[Diagnostic]:
    """A located warning for each record that ``format`` cannot carry in full, naming what is lost."""
    _need(format, str, "losses", "format must be a format name such as 'bib'")
    fmt = registry.get(format)
    if fmt.unshown is None:
        return []
    notes: list[Diagnostic] = []
    for pub in bib.publications:
        lost = fmt.unshown(pub)
        if lost:
            shown = pub.key if pub.key.isprintable() and pub.key else repr(pub.key)
            notes.append(pub.warning(f"{shown}: {fmt.name} output does not show {', '.join(lost)}"))
    return notes


def dump(
    bib: Bibliography,
    path: PathArg,
    format: str | None = None,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
    allow_empty: bool = False,
) -> None:
    """Write ``bib`` to ``path`` atomically (``-`` is stdout); the format defaults to the extension.

    An empty output never replaces a non-empty file (:class:`~pubconv.errors.WriteError`)
    unless ``allow_empty``.
    """
    path = _path(path, "dump")
    if format is not None:
        _need(format, str, "dump", "format must be a format name such as 'bib'")
    fmt = registry.get(format) if format else registry.for_path(None if path == "-" else path)
    text = dumps(bib, fmt.name, options=options, registry=registry)
    write_output(path, text, allow_empty=allow_empty)
