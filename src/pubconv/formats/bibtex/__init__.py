"""BibTeX / BibLaTeX: ``.bib`` databases (reader on bibtexparser v2's splitter, own writer)."""

from __future__ import annotations

from pubconv.formats.bibtex.keys import unshown
from pubconv.formats.bibtex.reader import read
from pubconv.formats.bibtex.writer import write
from pubconv.registry import Format


def sniff(text: str) -> bool:
    """True when the first non-blank, non-``%`` line starts a ``@`` block."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        return stripped.startswith("@")
    return False


FORMAT = Format(
    name="bibtex",
    description="BibTeX / BibLaTeX database (.bib)",
    aliases=("bib", "biblatex"),
    extensions=(".bib",),
    read=read,
    write=write,
    sniff=sniff,
    unshown=unshown,
)
