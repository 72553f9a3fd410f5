"""Which item variables a leaf needs to render anything: a leaf whose variables the item lacks
counts the call and renders nothing, and need not be rendered to know it."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm

from pubconv.citation.fixes.state import CSL_NS


def any_present(names: tuple[str, ...], reference: Any) -> bool:
    """Whether the item's data (citeproc-py's reference) holds one of ``names``."""
    return any(name in reference for name in names)


_SUBSTITUTE = f"{{{CSL_NS}}}substitute"

_NOT_READ_BY_NAME = frozenset({"citation-number", "locator", "first-reference-note-number"})
"""Variables citeproc-py does not read from the item's data under their own name."""


def variables_needed(leaf: Any) -> tuple[str, ...] | None:
    """The item variables (citeproc-py's spelling) of which ``leaf`` needs one to render
    anything, when it is a ``cs:text`` of a variable or a ``cs:names`` without
    ``cs:substitute``; ``None`` for other elements.  Without them, rendering the leaf counts
    the call and renders nothing (``cs:text``: citeproc-py raises ``VariableError`` or, for a
    substituted variable, returns ``None``; ``cs:names``: no name list, ``VariableError``), and
    that is all it does: the container treats both alike."""
    if isinstance(leaf, cm.Text):
        variable = leaf.get("variable")
        if (
            variable is None
            or variable in _NOT_READ_BY_NAME
            or variable.startswith("page")  # citeproc-py reads ``page`` for ``page-first``
        ):
            return None
        name = variable.replace("-", "_")
        return (name, name + "_short") if leaf.get("form") == "short" else (name,)
    if isinstance(leaf, cm.Names) and leaf.find(_SUBSTITUTE) is None:
        roles = str(leaf.get("variable", "")).split()
        return tuple({r.replace("-", "_") for r in roles} | set(roles)) if roles else None
    return None
