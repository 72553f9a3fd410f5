"""Pausing Python's cyclic garbage collector while a whole database is read or written.

Reading builds hundreds of thousands of small objects that all stay alive; the collector keeps
scanning them as they pile up (about a fifth of a 20,000-entry conversion, growing with size),
and finds nothing to free.  Reference counting still frees everything else at once, and the
collector is switched back on (if it was on) when the block ends.
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
