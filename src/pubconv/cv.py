"""Kept importable: CV selection and assembly now live in :mod:`pubconv.citation.cv`.

``pubconv.cv`` is the same module object as ``pubconv.citation.cv`` (so attributes set on one,
as tests do, are seen through the other); the names below are listed for type checkers.
"""

from __future__ import annotations

import sys

from pubconv.citation import cv as _cv
from pubconv.citation.cv import (
    FORMATS,
    GROUPS,
    NUMBERING,
    SORTS,
    Selection,
    assemble,
    canonical_type,
    check_complete,
    cite,
    group_publications,
    numbers,
    render_cv,
    select,
    sort_publications,
)

__all__ = [
    "FORMATS",
    "GROUPS",
    "NUMBERING",
    "SORTS",
    "Selection",
    "assemble",
    "canonical_type",
    "check_complete",
    "cite",
    "group_publications",
    "numbers",
    "render_cv",
    "select",
    "sort_publications",
]

sys.modules[__name__] = _cv
