"""The library API: load/loads/dump/dumps/convert.  The CLI is a thin layer over these."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from pubconv.datecheck import date_warnings
from pubconv.errors import ArgumentError, Diagnostic, ParseError, PubconvError, error
from pubconv.folders import graft, write_files
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Preamble, Publication, StringDef
from pubconv.registry import Format, Registry, Source, Tree, WriteOptions
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
    format: str | None = None,
    *,
    path: str | None = None,
    strict: bool = True,
    registry: Registry = REGISTRY,
) -> Bibliography:
    """Read ``text`` in ``format`` (a name or alias, e.g. ``"bib"``).

    Without ``format`` the format comes from ``path``'s extension, else from the content (as the
    command line does for standard input), so ``loads(open("x.bib").read())`` just works.
    With ``strict`` (the default) any error diagnostic raises :class:`ParseError`; otherwise the
    bibliography comes back with its ``diagnostics`` and without the blocks that failed.
    ``bytes`` are decoded as files are (UTF-8, else Latin-1 with a warning).  Wrong argument
    types raise :class:`~pubconv.errors.ArgumentError`.
    """
    _need(text, (str, bytes), "loads", "text must be str or bytes")
    if format is not None:
        _need(format, str, "loads", "format must be a format name such as 'bib'")
    if path is not None:
        _need(path, str, "loads", "path must be a str")
    notes: list[Diagnostic] = []
    if isinstance(text, bytes):
        text, notes = decode(text, path)
    fmt = _reader(registry.get(format) if format else registry.for_path(path, text))
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
    read as one database so that macros defined in an earlier file serve the later ones.  A
    folder is read by a folder-shaped format (``academicpages``, ``hugo``), which names the files
    in it to read.  A file or folder that yields no records is an error naming the format that
    was looked for, so that reading never silently gives nothing.  ``bytes`` are refused, never
    taken as a list of file descriptors: use :func:`loads`.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    _need(paths, (list, tuple), "load", "paths must be a path or a list of paths")
    names = [_path(p, "load") for p in paths]
    if format is not None:
        _need(format, str, "load", "format must be a format name such as 'bib'")
    groups: list[tuple[Format, list[Source], list[str]]] = []
    notes: list[Diagnostic] = []
    for path in names:
        if path != "-" and os.path.isdir(path):
            fmt = registry.get(format) if format else registry.for_path(path)
            sources = _folder_sources(fmt, path, notes, registry)
        else:
            text, decoding_notes = read_input(path)
            notes.extend(decoding_notes)
            shown = "<stdin>" if path == "-" else path
            fmt = (
                registry.get(format)
                if format
                else registry.for_path(None if path == "-" else path, text)
            )
            sources = [Source(text, shown)]
        if groups and groups[-1][0].name == fmt.name:
            groups[-1][1].extend(sources)
            groups[-1][2].append(path)
        else:
            groups.append((_reader(fmt), sources, [path]))
    result = Bibliography(diagnostics=notes)
    for fmt, sources, given in groups:
        assert fmt.read is not None
        part = fmt.read(sources)
        if not part.errors and not any(
            isinstance(b, Publication | StringDef | Preamble) for b in part.blocks
        ):
            part.diagnostics.append(_nothing_read(fmt, given, registry))
        result.extend(part)
        result.source_format = result.source_format or part.source_format or fmt.name
    return _check(_with_dates(result), strict)


def _folder_sources(
    fmt: Format, path: str, notes: list[Diagnostic], registry: Registry
) -> list[Source]:
    """The files ``fmt`` reads in folder ``path``, as sources (none when it finds none)."""
    if fmt.files is None:
        raise PubconvError(
            f"{path}: is a folder, and format {fmt.name!r} reads single files "
            f"(folder formats: {', '.join(registry.folder_formats())})"
        )
    sources: list[Source] = []
    for file in fmt.files(path):
        text, decoding_notes = read_input(file)
        notes.extend(decoding_notes)
        sources.append(Source(text, file))
    return sources


def _nothing_read(fmt: Format, given: list[str], registry: Registry) -> Diagnostic:
    """The error for input that holds no record in ``fmt``, suggesting ``--from``."""
    shown = ["<stdin>" if p == "-" else p for p in given]
    others = ", ".join(f.name for f in registry if f.read is not None and f.name != fmt.name)
    where = "" if len(shown) == 1 else f" in {', '.join(shown)}"
    return error(
        f"no publications found{where}; is this a {fmt.name} file? "
        f"(--from to choose another format: {others})",
        shown[0],
    )


def _as_bibliography(records: Bibliography | Iterable[Publication], call: str) -> Bibliography:
    """A filtered list (``[p for p in bib if p.year == 2024]``) writes like a bibliography."""
    if isinstance(records, Bibliography):
        return records
    if isinstance(records, str | bytes):
        raise ArgumentError(
            f"{call}: bib must be publications, not text (read it with loads first)"
        )
    if not isinstance(records, Iterable):
        raise ArgumentError(
            f"{call}: bib must be a Bibliography or an iterable of Publication objects, "
            f"not {type(records).__name__}"
        )
    pubs = list(records)
    for pub in pubs:
        if not isinstance(pub, Publication):
            raise ArgumentError(
                f"{call}: bib must hold Publication objects, not {type(pub).__name__}"
            )
    return Bibliography.of(pubs)


def dumps(
    bib: Bibliography | Iterable[Publication],
    format: str,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
) -> str:
    """Write ``bib`` (a :class:`Bibliography` or any iterable of publications) in ``format``
    (folder-shaped formats: see :func:`dumps_tree`)."""
    _need(format, str, "dumps", "format must be a format name such as 'bib'")
    fmt = registry.get(format)
    if fmt.write is None:
        if fmt.write_tree is not None:
            raise PubconvError(
                f"format {fmt.name!r} writes a folder of files: name the folder with -o"
            )
        raise PubconvError(f"format {fmt.name!r} cannot be written")
    return fmt.write(_as_bibliography(bib, "dumps"), options or WriteOptions())


def dumps_tree(
    bib: Bibliography,
    format: str,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
) -> Tree:
    """The files a folder-shaped ``format`` writes for ``bib``: ``[(relative path, text)]``."""
    fmt = registry.get(format)
    if fmt.write_tree is None:
        raise PubconvError(f"format {fmt.name!r} writes one file, not a folder")
    return fmt.write_tree(bib, options or WriteOptions())


def losses(
    bib: Bibliography,
    format: str,
    *,
    registry: Registry = REGISTRY,
    options: WriteOptions | None = None,
) -> list[Diagnostic]:
    """A located warning for each record that ``format`` cannot carry in full, naming what is lost.

    ``options`` are those the records will be written with: a Jekyll page written from scratch
    (no ``like`` page) shows DOIs and arXiv ids as links and leaves crossref parents out, so its
    warnings differ from those of a page laid out like another.
    """
    _need(format, str, "losses", "format must be a format name such as 'bib'")
    fmt = registry.get(format)
    notes: list[Diagnostic] = []
    if fmt.name == "bibtex":  # keys must be unique in a .bib (pubconv.formats.bibtex.unique)
        from pubconv.formats.bibtex.unique import key_clashes

        notes.extend(key_clashes(bib.publications))  # a record from another input is renamed
    if fmt.name == "csljson":  # the writer writes a repeated id once, the first record
        for pub, first in _repeats_across_formats(bib.publications):
            notes.append(
                pub.warning(
                    f"{pub.key}: id already used by {_where(first)}; CSL-JSON ids are "
                    "unique, so this record is not written (rename one of them)"
                )
            )
    if fmt.name == "jekyll" and fmt.unshown is not None:
        from pubconv.formats.jekyll.coverage import fresh_page_losses
        from pubconv.formats.jekyll.writer import writes_fresh

        if writes_fresh(bib, options):
            for pub, lost in fresh_page_losses(bib):
                shown = pub.key if pub.key.isprintable() and pub.key else repr(pub.key)
                notes.append(
                    pub.warning(f"{shown}: {fmt.name} output does not show {', '.join(lost)}")
                )
            return notes
    if fmt.unshown is None:
        return notes
    for pub in bib.publications:
        note = loss_note(fmt, pub)
        if note is not None:
            notes.append(note)
    return notes


def _repeats_across_formats(
    pubs: Sequence[Publication],
) -> list[tuple[Publication, Publication]]:
    """``(later, first)`` for each record whose key an earlier record of *another* input format
    has (``convert page.md lab.bib`` meeting one paper in both).  Repeats within one format are
    the reader's to report, and it does."""
    first: dict[str, Publication] = {}
    out: list[tuple[Publication, Publication]] = []
    for pub in pubs:
        seen = first.setdefault(pub.key, pub)
        if seen is not pub and _format_of(seen) != _format_of(pub):
            out.append((pub, seen))
    return out


def _where(pub: Publication) -> str:
    return pub.origin.location() if pub.origin is not None else "an earlier record"


def _format_of(pub: Publication) -> str | None:
    return pub.origin.format if pub.origin is not None else None


def loss_note(fmt: Format, pub: Publication) -> Diagnostic | None:
    """The warning :func:`losses` gives for one publication, if ``fmt`` cannot show all of it."""
    lost = fmt.unshown(pub) if fmt.unshown is not None else None
    if not lost:
        return None
    shown = pub.key if pub.key.isprintable() and pub.key else repr(pub.key)
    return pub.warning(f"{shown}: {fmt.name} output does not show {', '.join(lost)}")


def dump(
    bib: Bibliography | Iterable[Publication],
    path: PathArg,
    format: str | None = None,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
    allow_empty: bool = False,
) -> None:
    """Write ``bib`` to ``path`` atomically (``-`` is stdout); the format defaults to the extension.

    A folder-shaped format writes each of its files under the folder ``path`` atomically.  A
    record that is the same paper as one the folder already holds is written over that file
    (see :func:`pubconv.folders.graft`); a file whose bytes would not change is left alone (no
    new modification time), and files the output does not name are never deleted.  An empty
    output never replaces a non-empty file (:class:`~pubconv.errors.WriteError`) unless
    ``allow_empty``.
    """
    path = _path(path, "dump")
    if format is not None:
        _need(format, str, "dump", "format must be a format name such as 'bib'")
    fmt = registry.get(format) if format else registry.for_path(None if path == "-" else path)
    if fmt.write is None and fmt.write_tree is not None:
        if path == "-":
            raise PubconvError(
                f"format {fmt.name!r} writes a folder of files: name the folder with -o"
            )
        bib = _as_bibliography(bib, "dump")
        if fmt.read is not None and fmt.files is not None and os.path.isdir(path):
            sources = _folder_sources(fmt, path, [], registry)
            if sources:
                bib = graft(bib, fmt.read(sources), fmt.name)
        write_files(path, dumps_tree(bib, fmt.name, options=options, registry=registry))
        return
    text = dumps(bib, fmt.name, options=options, registry=registry)
    write_output(path, text, allow_empty=allow_empty)
