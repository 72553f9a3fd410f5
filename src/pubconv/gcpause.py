"""Pausing Python's cyclic garbage collector for one command-line run.

Reading builds hundreds of thousands of small objects that all stay alive until the run ends;
the collector keeps scanning them as they pile up (a sixth to a fifth of a conversion, growing
with size) and finds nothing to free.  Reference counting still frees everything else at once,
and the collector is switched back on (if it was on) when the run ends, so a test or program
that calls :func:`pubconv.cli.main` gets its collector back.  The library functions leave the
collector alone: a long-running program decides for itself.
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
            gc.enable()
