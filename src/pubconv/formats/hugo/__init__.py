"""Hugo (HugoBlox / Wowchemy / Academic): ``content/publication/<slug>/index.md`` + ``cite.bib``.

One folder per paper.  A folder format: ``load`` reads the files :func:`files` names (grouped by
paper folder in the reader), and the writer returns two files per record (``-o`` names the
``publication`` folder).
"""

from __future__ import annotations

import os
import re

from pubconv.formats.hugo.reader import INDEX_NAMES

_SNIFF_FILES = 20
_MARKS = re.compile(r"^(?:publication_types|publication|url_pdf|publishDate):", re.MULTILINE)


def sniff(text: str) -> bool:
    """Front matter with the theme's publication keys (``publication_types``, ``url_pdf`` ...)."""
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    head = text[: end if end != -1 else 16384]
    return len(set(_MARKS.findall(head))) >= 2 or "publication_types:" in head


def _paper_files(folder: str) -> list[str]:
    found = [
        os.path.join(folder, n) for n in INDEX_NAMES if os.path.isfile(os.path.join(folder, n))
    ]
    bib = os.path.join(folder, "cite.bib")
    return [*found[:1], *([bib] if os.path.isfile(bib) else [])]


def _looks_like_papers(found: list[str], folder: str) -> bool:
    """A ``publication`` folder, a ``cite.bib``, or an ``index.md`` with the theme's keys."""
    if os.path.basename(os.path.normpath(folder)) == "publication":
        return True
    if any(os.path.basename(p) == "cite.bib" for p in found):
        return True
    for path in [p for p in found if os.path.basename(p) in INDEX_NAMES][:_SNIFF_FILES]:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                if sniff(handle.read(16384)):
                    return True
        except OSError:
            continue
    return False


def files(folder: str) -> list[str]:
    """``index.md`` and ``cite.bib`` of every paper folder under ``folder``.

    ``folder`` may be a site (holding ``content/publication``), the ``publication`` folder, or
    one paper's folder.  Other folders qualify only when their files look like the theme's
    papers, so a Jekyll site's ``index.md`` is not taken for one.
    """
    inner = os.path.join(folder, "content", "publication")
    if os.path.isdir(inner):
        folder = inner
    if os.path.isfile(os.path.join(folder, "cite.bib")) or any(
        os.path.isfile(os.path.join(folder, n)) for n in INDEX_NAMES
    ):
        found = _paper_files(folder)
    else:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        found = [
            path
            for name in names
            if not name.startswith((".", "_")) and os.path.isdir(os.path.join(folder, name))
            for path in _paper_files(os.path.join(folder, name))
        ]
    return found if _looks_like_papers(found, folder) else []
