"""The items a ``cite`` read decoded, kept for the one look-up that wants them again.

``cite`` gives the engine a record's CSL item as read (:func:`pubconv.citation.csl.to_csl`),
which meant decoding each item's text a second time, right after the reader had decoded it.
While :func:`pubconv.formats.csljson.mapping.deferred_as_written` is in effect the reader keeps
each decoded item here under its record's origin, and :func:`take` hands it over once: the
caller owns it from then on (nothing else holds it), and a second look-up finds nothing and
decodes the text as before.  Anything :func:`take` does not find is decoded, so losing an entry
(a new read starting, another thread) costs time, never a wrong item.
"""

from __future__ import annotations

from typing import Any

from pubconv.model import Origin

_KEPT: dict[int, tuple[Origin, dict[str, Any]]] = {}
"""``id(origin)`` -> the origin (kept alive, so its id is not reused) and its decoded item."""


def start() -> None:
    """Forget what an earlier read kept (a run that failed before looking its items up)."""
    _KEPT.clear()


def keep(origin: Origin, item: dict[str, Any]) -> None:
    """Keep ``item``, the value the reader decoded from ``origin.raw`` (and cleaned)."""
    _KEPT[id(origin)] = (origin, item)


def take(origin: Origin) -> dict[str, Any] | None:
    """The item kept for ``origin``, handed over once; ``None`` when there is none."""
    kept = _KEPT.pop(id(origin), None)
    if kept is None or kept[0] is not origin:
        return None
    return kept[1]
