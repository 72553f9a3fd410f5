"""Crossref inheritance (placeholder: the BibTeX work replaces this with the real resolution)."""

from __future__ import annotations

from pubconv.model import Bibliography


def resolve_crossrefs(bib: Bibliography) -> Bibliography:
    """A copy where each publication with a ``crossref`` extra inherits its parent's fields.

    Used for CSL output and citations; BibTeX output keeps ``crossref`` as written.
    """
    return bib
