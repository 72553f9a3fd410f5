"""The library API: load/loads/dump/dumps/convert.  The CLI is a thin layer over these."""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.errors import Diagnostic, ParseError, PubconvError
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography
from pubconv.registry import Format, Registry, Source, WriteOptions
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
    read as one database so that macros defined in an earlier file serve the later ones.
    """
    if isinstance(paths, str):
        paths = [paths]
    groups: list[tuple[Format, list[Source]]] = []
    notes: list[Diagnostic] = []
    for path in paths:
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
    return _check(result, strict)


def dumps(
    bib: Bibliography,
    format: str,
    *,
    options: WriteOptions | None = None,
    registry: Registry = REGISTRY,
) -> str:
    """Write ``bib`` as text in ``format``."""
    fmt = registry.get(format)
    if fmt.write is None:
        raise PubconvError(f"format {fmt.name!r} cannot be written")
    return fmt.write(bib, options or WriteOptions())


def losses(bib: Bibliography, format: str, *, registry: Registry = REGISTRY) -> list[Diagnostic]:
    """A located warning for each record that ``format`` cannot carry in full, naming what is lost."""
    fmt = registry.get(format)
    notes: list[Diagnostic] = []
    if fmt.name == "bibtex":  # keys must be unique in a .bib (pubconv.formats.bibtex.unique)
        from pubconv.formats.bibtex.unique import key_clashes

        notes.extend(key_clashes(bib.publications))
    if fmt.unshown is None:
        return notes
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
    """Write ``bib`` to ``path`` atomically (``-`` is stdout); the format defaults to the extension."""
    fmt = registry.get(format) if format else registry.for_path(None if path == "-" else path)
    write_output(path, dumps(bib, fmt.name, options=options, registry=registry))
