"""Reading CSL-JSON for ``cite``: what such a read leaves for later, and what it keeps.

``cite`` writes no records.  It gives the engine each record's CSL item as read
(:func:`pubconv.citation.csl.to_csl`) and builds an item from the model only for a record it
changes (``--titles as-written``, a merge).  While :func:`deferred_as_written` is in effect
the CSL-JSON reader therefore

- leaves ``csl.as-written`` to be worked out later: the hint's value is
  :data:`AS_WRITTEN_FROM_ORIGIN`, and
  :func:`pubconv.formats.csljson.mapping.publication_to_csl` works the differences out from the
  record's origin (its text and the record as read) when it is asked for a changed record,
  giving what the eager hint would have given (working it out builds each item again from the
  model and compares: a third of reading a CSL-JSON file);
- keeps each decoded item here under its record's origin, and :func:`take` hands it over once
  to ``to_csl``, which decoded the item's text a second time.  The caller owns it from then on
  (nothing else holds it); a second look-up finds nothing and decodes the text as before.
  Anything not found is decoded, so a lost entry (a new read starting, another thread) costs
  time, never a wrong item.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pubconv.model import Origin

AS_WRITTEN_FROM_ORIGIN = "origin"
"""``csl.as-written`` of a record read while :func:`deferred_as_written` is in effect (never a
JSON object, so never a spelling the reader could have stored)."""
_DEFERRED: ContextVar[bool] = ContextVar("pubconv_defer_as_written", default=False)
_KEPT: dict[int, tuple[Origin, dict[str, Any]]] = {}
"""``id(origin)`` -> the origin (kept alive, so its id is not reused) and its decoded item."""


@contextmanager
def deferred_as_written() -> Iterator[None]:
    """Read CSL-JSON for a run that writes no records (see the module docstring); records
    keep their hints and origin together through dedupe and crossref, which this relies on."""
    _KEPT.clear()  # what an earlier read kept (a run that failed before looking its items up)
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def as_written_deferred() -> bool:
    """True inside :func:`deferred_as_written` (asked by the CSL-JSON reader)."""
    return _DEFERRED.get()


def keep(origin: Origin, item: dict[str, Any]) -> None:
    """Keep ``item``, the value the reader decoded from ``origin.raw`` (and cleaned)."""
    _KEPT[id(origin)] = (origin, item)


def take(origin: Origin) -> dict[str, Any] | None:
    """The item kept for ``origin``, handed over once; ``None`` when there is none."""
    kept = _KEPT.pop(id(origin), None)
    if kept is None or kept[0] is not origin:
        return None
    return kept[1]
