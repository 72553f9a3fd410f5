"""academicpages: the ``_publications/*.md`` collection of the academicpages Jekyll template.

One Markdown file per paper, YAML front matter (``title``, ``venue``, ``date``, ``paperurl``,
``citation`` ...) and the abstract as the body.  A folder format: ``load`` reads the files
:func:`files` names, and the writer returns one file per record (``-o`` names the folder).
"""

from __future__ import annotations

import os
import re

_MARKS = re.compile(
    r"^(?:collection:\s*['\"]?publications\b|permalink:\s*['\"]?/publications?/[^\s'\"/])",
    re.MULTILINE,
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
