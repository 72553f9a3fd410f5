"""Publications -> CSL-JSON items ready for citeproc-py.

The conversion itself is :func:`pubconv.formats.csljson.mapping.publication_to_csl`; this
module adds what citing needs on top: rich text turned into markers, highlighted persons marked,
and year suffixes (2024a, 2024b) for author-date styles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pubconv.formats.csljson.mapping import publication_to_csl
from pubconv.model import Publication

CslItem = dict[str, Any]


def to_csl(pubs: Sequence[Publication]) -> list[CslItem]:
    """CSL-JSON items for ``pubs`` (keys kept as they are)."""
    return [publication_to_csl(p) for p in pubs]


def name_key(name: dict[str, Any]) -> tuple[str, ...]:
    """How a citation shows a name: ``("", "Xiong", "Z")`` (family and initials)."""
    if "literal" in name:
        return (str(name["literal"]),)
    given = str(name.get("given", "")).replace("-", " ").replace(".", " ").split()
    return (
        str(name.get("non-dropping-particle", "")),
        str(name.get("family", "")),
        "".join(g[:1] for g in given),
    )


def year_suffix_groups(items: Sequence[CslItem]) -> list[list[int]]:
    """Indices of items that an author-date citation cannot tell apart: same names, same year.

    Names are the authors, else the editors, else the title (what styles substitute), compared
    by family name and initials; items without a year group as "n.d." (pandoc: ``n.d.-a``).
    """
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        issued = item.get("issued")
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        if isinstance(issued, dict) and not parts and issued.get("literal"):
            year = str(issued["literal"])
        else:
            year = str(parts[0][0]) if parts and parts[0] else ""
        names = item.get("author") or item.get("editor") or []
        who = tuple(name_key(n) for n in names if isinstance(n, dict))
        if not who:
            who = (("title", str(item.get("title", ""))),)
        groups[(who, year)].append(index)
    return [g for g in groups.values() if len(g) > 1]


def suffix_letters(n: int) -> str:
    """``0 -> a``, ``25 -> z``, ``26 -> aa`` (CSL year-suffix sequence)."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters
