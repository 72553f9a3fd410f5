"""Writing folder-shaped formats (academicpages, Hugo): onto what the folder holds, inside it only.

A folder is a site's live content.  Writing a ``.bib`` into an academicpages folder that already
holds the same papers must update those files, not add a second file per paper, so
:func:`graft` gives each incoming record that is the same paper as a record already in the
folder that record's origin: the format's writer then sees an edit of an existing file and
changes only what differs (nothing at all when nothing differs).  :func:`write_files` writes the
tree file by file, atomically, skipping files whose bytes would not change.
"""

from __future__ import annotations

import dataclasses
import os

from pubconv.errors import PubconvError
from pubconv.keys import same_paper
from pubconv.model import Bibliography, Block, Publication, Verbatim
from pubconv.registry import Tree
from pubconv.textio import write_output


def _companions(existing: Bibliography, index: int, fmt: str) -> list[Block]:
    """The blocks that belong to the record at ``index`` (Hugo's ``cite.bib`` text)."""
    out: list[Block] = []
    for block in existing.blocks[index + 1 :]:
        if not isinstance(block, Verbatim) or block.format != fmt or block.kind == "failed":
            break
        out.append(block)
    return out


def graft(bib: Bibliography, existing: Bibliography, fmt: str) -> Bibliography:
    """``bib`` with each record not read from ``fmt`` matched to the same paper in ``existing``.

    A record matches an existing one with the same key, else the same paper (same DOI, or same
    title and no conflicting year); each existing record is used once.  A matched record takes
    the existing record's origin and companion blocks, so it is written over that file.
    """
    records = [
        (i, b) for i, b in enumerate(existing.blocks) if isinstance(b, Publication) and b.origin
    ]
    used: set[int] = set()
    blocks: list[Block] = []
    for block in bib.blocks:
        if not isinstance(block, Publication) or (
            block.origin is not None and block.origin.format == fmt
        ):
            blocks.append(block)
            continue
        match = next(
            ((i, p) for i, p in records if i not in used and p.key == block.key), None
        ) or next(((i, p) for i, p in records if i not in used and same_paper(p, block)), None)
        if match is None:
            blocks.append(block)
            continue
        index, old = match
        used.add(index)
        blocks.append(dataclasses.replace(block, origin=old.origin))
        blocks.extend(_companions(existing, index, fmt))
    return Bibliography(blocks, list(bib.diagnostics), bib.source_format)


def safe_relative(name: str) -> str:
    """``name`` as a path inside the output folder; absolute or ``..`` paths are refused."""
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or any(p in ("", ".", "..") for p in parts)
        or "\\" in name
        or ":" in parts[0]
    ):
        raise PubconvError(f"refusing to write {name!r}: not a plain path inside the folder")
    return os.path.join(*parts)


def _same_content(path: str, text: str) -> bool:
    """True when ``path`` already holds exactly ``text`` as UTF-8."""
    try:
        with open(path, "rb") as handle:
            return handle.read() == text.encode("utf-8")
    except OSError:
        return False


def write_files(folder: str, tree: Tree) -> None:
    """Write each file of ``tree`` under ``folder`` atomically; unchanged files are not touched.

    Paths are checked before anything is written, so a bad name leaves the folder as it was.
    """
    targets = [(os.path.join(folder, safe_relative(name)), text) for name, text in tree]
    for target, text in targets:
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if not _same_content(target, text):
                write_output(target, text)
        except OSError as exc:
            raise PubconvError(f"{target}: cannot write: {exc.strerror or exc}") from None
