"""Publications -> CSL-JSON items ready for citeproc-py.

The conversion itself is :func:`pubconv.formats.csljson.mapping.publication_to_csl`; this
module is what citing starts from (year suffixes: :mod:`pubconv.citation.disambiguate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pubconv.formats.csljson.mapping import publication_to_csl
from pubconv.model import Publication

CslItem = dict[str, Any]


def to_csl(pubs: Sequence[Publication]) -> list[CslItem]:
    """CSL-JSON items for ``pubs`` (keys kept as they are)."""
    return [publication_to_csl(p) for p in pubs]
