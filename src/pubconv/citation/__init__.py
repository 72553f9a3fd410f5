"""Formatted bibliographies in any CSL style: citeproc-py plus pubconv's fixes, cache and speed.

>>> from pubconv.model import Publication
>>> [e.text for e in render_entries([Publication("k", title="A study")], "apa", cache=False)]
['A study. (n.d.).']
"""

from __future__ import annotations

from pubconv.citation.engine import RenderedEntry, render_entries
from pubconv.citation.styles import list_styles, resolve_style

__all__ = ["RenderedEntry", "list_styles", "render_entries", "resolve_style"]
