"""Jekyll Markdown publication pages (the seed lab's house style), read and written losslessly."""

from __future__ import annotations

from pubconv.formats.jekyll.coverage import unshown
from pubconv.formats.jekyll.reader import read
from pubconv.formats.jekyll.writer import write
from pubconv.registry import Format


def sniff(text: str) -> bool:
    """A page: front matter, then bold titles or ``<pub>`` venue lines."""
    head = text[:200_000]
    return head.startswith("---") and ("**" in head or "<pub>" in head)


FORMAT = Format(
    name="jekyll",
    description="Jekyll Markdown publication page (.md)",
    aliases=("md", "markdown"),
    extensions=(".md", ".markdown"),
    read=read,
    write=write,
    sniff=sniff,
    unshown=unshown,
    role="site",
    style_hints=("jekyll.italic", "jekyll.venue_frame"),
)
