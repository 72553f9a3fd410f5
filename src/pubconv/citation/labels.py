"""``citation-label``: the label of label styles (``[Doe65]``, ``[RoNo78a]``).

CSL 1.0.2 (Appendix IV) describes ``citation-label`` as a "label identifying the item in
in-text citations of label styles (e.g. "Ferr78"); may be assigned by the CSL processor based
on item metadata".  An item without one gets the label citeproc-js and pandoc assign (the
"trigraph" ``Aaaa00:AaAa00:AaAA00:AAAA00``): letters of the first names' family names, four
from one name, two each from two, two, one and one from three, one each from the first four,
then the last two digits of the year.  When the style renders the label, the year suffix that
tells two equal labels apart goes on the label, not after the year (``RoNo78a``, ``1978``), as
both processors print it.
"""

from __future__ import annotations

import re
from typing import Any, Final

from pubconv.citation import markup as mk

_LETTERS_PER_NAME: Final = {1: (4,), 2: (2, 2), 3: (2, 1, 1)}
_NAME_VARIABLES: Final = ("author", "editor", "translator", "collection-editor")
_NOT_A_LETTER: Final = re.compile(r"\W|\d|_")


def uses_labels(root: Any) -> bool:
    """Whether a parsed style renders or sorts by ``citation-label`` anywhere."""
    return bool(root.xpath(".//*[@variable='citation-label']"))


def _family(name: dict[str, Any]) -> str:
    family = str(name.get("family") or name.get("literal") or "")
    return _NOT_A_LETTER.sub("", mk.strip(family))


def trigraph(item: dict[str, Any]) -> str:
    """The label of ``item`` from its first name list and year (``Doe65``, ``RoNo78``,
    ``RoNoSm78``, ``RNSP78``); without names, the title's first four letters."""
    names: list[dict[str, Any]] = next(
        (item[v] for v in _NAME_VARIABLES if isinstance(item.get(v), list) and item[v]), []
    )
    if names:
        counts = _LETTERS_PER_NAME.get(len(names), (1, 1, 1, 1))
        head = "".join(_family(n)[:k] for n, k in zip(names, counts, strict=False))
    else:
        head = _NOT_A_LETTER.sub("", mk.strip(str(item.get("title") or "")))[:4]
    year = ""
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[]]
        if parts and parts[0]:
            year = str(parts[0][0])[-2:]
    return head + year


def with_label(item: dict[str, Any], *, suffixed: bool) -> dict[str, Any]:
    """``item`` with its ``citation-label`` (its own, else :func:`trigraph`), followed by its
    year suffix when ``suffixed``."""
    label = str(item.get("citation-label") or trigraph(item))
    if suffixed:
        label += str(item.get("year-suffix") or "")
    return {**item, "citation-label": label}
