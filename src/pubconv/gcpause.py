"""Pausing Python's cyclic garbage collector for one command-line run.

Reading builds hundreds of thousands of small objects that all stay alive until the run ends;
the collector keeps scanning them as they pile up (a sixth to a fifth of a conversion, growing
with size) and finds nothing to free.  Reference counting still frees everything else at once,
and the collector is switched back on (if it was on) when the run ends, so a test or program
that calls :func:`pubconv.cli.main` gets its collector back.  The library functions leave the
collector alone: a long-running program decides for itself.

When the collector comes back on, everything made during the run is moved to the oldest
generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices) instead of being left
young: switched on with hundreds of thousands of young objects, the collector would scan them
all at the next allocation (5% of a 5,000-entry conversion), only to free the records (each
points at its as-read self through its origin) that the next full collection frees anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore its previous state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # the run's objects, garbage included, to the oldest generation
            gc.unfreeze()
            gc.enable()
