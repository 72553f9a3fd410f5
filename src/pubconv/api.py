"""The library API: load/loads/dump/dumps/convert.  The CLI is a thin layer over these."""

from __future__ import annotations

import os
from collections.abc import Sequence

from pubconv.errors import Diagnostic, ParseError, PubconvError, error
from pubconv.folders import graft, write_files
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Preamble, Publication, StringDef
from pubconv.registry import Format, Registry, Source, Tree, WriteOptions
from pubconv.textio import read_input, write_output


def _reader(fmt: Format) -> Format:
    if fmt.read is None:
        raise PubconvError(f"format {fmt.name!r} cannot be read")
    return fmt


def _check(bib: Bibliography, strict: bool) -> Bibliography:
    if strict and bib.errors:
        raise ParseError(bib.errors)
    return bib


def loads(
    text: str,
    format: str,
    *,
    path: str | None = None,
    strict: bool = True,
    registry: Registry = REGISTRY,
) -> Bibliography:
    """Read ``text`` in ``format`` (a name or alias, e.g. ``"bib"``).

    With ``strict`` (the default) any error diagnostic raises :class:`ParseError`; otherwise the
    bibliography comes back with its ``diagnostics`` and without the blocks that failed.
    """
    fmt = _reader(registry.get(format))
    assert fmt.read is not None
    return _check(fmt.read([Source(text, path)]), strict)


def load(
    paths: str | Sequence[str],
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
    was looked for, so that reading never silently gives nothing.
    """
    if isinstance(paths, str):
        paths = [paths]
    groups: list[tuple[Format, list[Source], list[str]]] = []
    notes: list[Diagnostic] = []
    for path in paths:
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
    return _check(result, strict)


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
        f"no {fmt.name} records found{where}; if this is another format or site layout, "
        f"name it with --from (one of: {others})",
        shown[0],
    )


def dumps(
    bib: Bibliography,
    format: str,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
) -> str:
    """Write ``bib`` as text in ``format`` (folder-shaped formats: see :func:`dumps_tree`)."""
    fmt = registry.get(format)
    if fmt.write is None:
        if fmt.write_tree is not None:
            raise PubconvError(
                f"format {fmt.name!r} writes a folder of files: name the folder with -o"
            )
        raise PubconvError(f"format {fmt.name!r} cannot be written")
    return fmt.write(bib, options or WriteOptions())


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


def losses(bib: Bibliography, format: str, *, registry: Registry = REGISTRY) -> list[Diagnostic]:
    """A located warning for each record that ``format`` cannot carry in full, naming what is lost."""
    fmt = registry.get(format)
    if fmt.unshown is None:
        return []
    notes: list[Diagnostic] = []
    for pub in bib.publications:
        lost = fmt.unshown(pub)
        if lost:
            notes.append(
                pub.warning(f"{pub.key}: {fmt.name} output does not show {', '.join(lost)}")
            )
    return notes


def dump(
    bib: Bibliography,
    path: str,
    format: str | None = None,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
) -> None:
    """Write ``bib`` to ``path`` atomically (``-`` is stdout); the format defaults to the extension.

    A folder-shaped format writes each of its files under the folder ``path`` atomically.  A
    record that is the same paper as one the folder already holds is written over that file
    (see :func:`pubconv.folders.graft`); a file whose bytes would not change is left alone (no
    new modification time), and files the output does not name are never deleted.
    """
    fmt = registry.get(format) if format else registry.for_path(None if path == "-" else path)
    if fmt.write is None and fmt.write_tree is not None:
        if path == "-":
            raise PubconvError(
                f"format {fmt.name!r} writes a folder of files: name the folder with -o"
            )
        if fmt.read is not None and fmt.files is not None and os.path.isdir(path):
            sources = _folder_sources(fmt, path, [], registry)
            if sources:
                bib = graft(bib, fmt.read(sources), fmt.name)
        write_files(path, dumps_tree(bib, fmt.name, options=options, registry=registry))
        return
    write_output(path, dumps(bib, fmt.name, options=options, registry=registry))
