"""academicpages: the ``_publications/*.md`` collection of the academicpages Jekyll template.

One Markdown file per paper, YAML front matter (``title``, ``venue``, ``date``, ``paperurl``,
``citation`` ...) and the abstract as the body.  A folder format: ``load`` reads the files
:func:`files` names, and the writer returns one file per record (``-o`` names the folder).
"""

from __future__ import annotations

import os
import re

from pubconv.formats.academicpages.reader import read
from pubconv.formats.academicpages.writer import write_tree
from pubconv.formats.frontmatter import unsafe_links
from pubconv.registry import Format

_MARKS = re.compile(
    r"^(?:collection:\s*['\"]?publications\b|permalink:\s*['\"]?/publications?/)", re.MULTILINE
)
_SNIFF_FILES = 20


def sniff(text: str) -> bool:
    """Front matter naming the ``publications`` collection or a ``/publication/`` permalink."""
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    head = text[: end if end != -1 else 8192]
    return _MARKS.search(head) is not None


def _markdown_files(folder: str) -> list[str]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        os.path.join(folder, n)
        for n in names
        if n.endswith((".md", ".markdown"))
        and not n.startswith(("_", "."))
        and os.path.isfile(os.path.join(folder, n))
    ]


def files(folder: str) -> list[str]:
    """The paper files of ``folder``: a ``_publications`` folder, or a site holding one.

    Any other folder qualifies only when one of its first Markdown files looks like a paper.
    """
    inner = os.path.join(folder, "_publications")
    if os.path.isdir(inner):
        return _markdown_files(inner)
    found = _markdown_files(folder)
    if os.path.basename(os.path.normpath(folder)) == "_publications":
        return found
    for path in found[:_SNIFF_FILES]:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                if sniff(handle.read(8192)):
                    return found
        except OSError:
            continue
    return []


FORMAT = Format(
    name="academicpages",
    description="academicpages _publications/ folder (one .md per paper)",
    aliases=("academic-pages",),
    extensions=(".md",),
    read=read,
    sniff=sniff,
    files=files,
    write_tree=write_tree,
    unshown=unsafe_links,
)
