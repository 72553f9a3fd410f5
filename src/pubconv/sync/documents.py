"""The files a sync reads, each kept as its own document so it can be written back alone.

Files of one format are read together as one database (``abbrev.bib`` macros serve
``papers.bib``; page keys stay unique across a site), then the blocks are split back per file by
the path their reader recorded in each block's origin.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from pubconv.errors import Diagnostic, Severity
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Block
from pubconv.registry import Format, Registry, Source
from pubconv.textio import read_input


@dataclass
class Document:
    """One file: its format, its text as read and its blocks (records in file order)."""

    path: str
    format: Format
    text: str
    bib: Bibliography
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def role(self) -> str:
        """``site`` or ``database`` (see :attr:`Format.role`)."""
        return self.format.role


def _split(bib: Bibliography, paths: Sequence[str]) -> dict[str, list[Block]]:
    """Blocks per file; a block without a recorded path belongs to the file before it."""
    per_file: dict[str, list[Block]] = {path: [] for path in paths}
    current = paths[0]
    for block in bib.blocks:
        origin = block.origin
        if origin is not None and origin.path in per_file:
            current = origin.path
        per_file[current].append(block)
    return per_file


def read_documents(
    paths: Sequence[str],
    from_format: str | None = None,
    *,
    registry: Registry = REGISTRY,
) -> tuple[list[Document], list[Diagnostic]]:
    """Read ``paths`` (grouped by format as :func:`pubconv.load` does) into one document each.

    Returns the documents in the order given and every diagnostic; reading never raises for bad
    input (the caller decides whether errors stop it).
    """
    texts: dict[str, str] = {}
    formats: dict[str, Format] = {}
    notes: list[Diagnostic] = []
    for path in paths:
        text, decoding = read_input(path)
        notes.extend(decoding)
        texts[path] = text
        fmt = registry.get(from_format) if from_format else registry.for_path(path, text)
        if fmt.read is None or fmt.write is None:
            from pubconv.errors import PubconvError

            raise PubconvError(f"{path}: format {fmt.name!r} cannot be both read and written")
        formats[path] = fmt
    documents: dict[str, Document] = {}
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(formats[path].name, []).append(path)
    for name, members in groups.items():
        fmt = registry.get(name)
        assert fmt.read is not None
        bib = fmt.read([Source(texts[p], p) for p in members])
        notes.extend(bib.diagnostics)
        for path, blocks in _split(bib, members).items():
            errors = [d for d in bib.diagnostics if d.severity is Severity.ERROR and d.path == path]
            documents[path] = Document(
                path, fmt, texts[path], Bibliography(blocks, [], fmt.name), errors
            )
    return [documents[p] for p in paths], notes


def display_path(path: str) -> str:
    """The path as the user gave it, relative when it is under the working folder."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
