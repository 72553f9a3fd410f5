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
    """One file (or one folder of a folder-shaped format): its format, its text as read and its
    blocks (records in file order)."""

    path: str
    format: Format
    text: str
    bib: Bibliography
    errors: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """A folder's files as read, by path (empty for a single file: see ``text``)."""

    @property
    def is_folder(self) -> bool:
        """A folder-shaped layout (one file per paper), written as a tree of files."""
        return bool(self.texts) or os.path.isdir(self.path)

    def original(self, path: str) -> str:
        """The text ``path`` had when read (``""`` for a file the folder did not have)."""
        return self.text if path == self.path else self.texts.get(path, "")

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
    folders: list[Document] = []
    for path in paths:
        if os.path.isdir(path):
            folder = _read_folder(path, from_format, registry, notes)
            folders.append(folder)
            continue
        text, decoding = read_input(path)
        notes.extend(decoding)
        texts[path] = text
        fmt = registry.get(from_format) if from_format else registry.for_path(path, text)
        if fmt.read is None or (fmt.write is None and fmt.write_tree is None):
            from pubconv.errors import PubconvError

            raise PubconvError(f"{path}: format {fmt.name!r} cannot be both read and written")
        formats[path] = fmt
    documents: dict[str, Document] = {}
    for folder in folders:
        documents[folder.path] = folder
    groups: dict[str, list[str]] = {}
    for path in formats:
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


def _read_folder(
    path: str, from_format: str | None, registry: Registry, notes: list[Diagnostic]
) -> Document:
    """A folder of a folder-shaped format (academicpages, Hugo) as one document."""
    from pubconv.errors import PubconvError

    fmt = registry.get(from_format) if from_format else registry.for_path(path)
    if fmt.files is None or fmt.read is None or fmt.write_tree is None:
        raise PubconvError(f"{path}: is a folder, and format {fmt.name!r} is not a folder layout")
    texts: dict[str, str] = {}
    for file in fmt.files(path):
        text, decoding = read_input(file)
        notes.extend(decoding)
        texts[file] = text
    bib = fmt.read([Source(t, p) for p, t in texts.items()])
    notes.extend(bib.diagnostics)
    errors = [d for d in bib.diagnostics if d.severity is Severity.ERROR]
    blocks = Bibliography(bib.blocks, [], fmt.name)
    return Document(path, fmt, "", blocks, errors, texts)


def display_path(path: str) -> str:
    """The path as the user gave it, relative when it is under the working folder."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
