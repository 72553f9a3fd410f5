"""On-disk cache of rendered entries, so re-running after one edit re-renders one entry.

Keys are hashes of everything that decides an entry's text: the item's CSL data, the style
file's bytes, the locale, the output format, its number and year suffix, and the versions of
citeproc-py and of pubconv's fixes.  The cache lives in ``$XDG_CACHE_HOME/pubconv`` (else
``~/.cache/pubconv``; ``PUBCONV_CACHE_DIR`` overrides) as one SQLite file; deleting it is always
safe.  Any cache failure (read-only disk, corrupt file) silently falls back to rendering.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

SCHEMA = 1
FIXES_VERSION = "17"
"""Bump when a fix changes output, so stale entries are never served."""


def cache_dir() -> Path:
    """Where the cache lives (created on first write)."""
    override = os.environ.get("PUBCONV_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pubconv"


def digest(*parts: Any) -> str:
    """A stable hash of JSON-able ``parts``."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _engine_version() -> str:
    import citeproc

    return f"{SCHEMA}:{FIXES_VERSION}:{getattr(citeproc, '__version__', '?')}"


class Cache:
    """A key -> JSON value store; a no-op when it cannot be opened."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "cite.sqlite3"
        self.version = _engine_version()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5)
            self._db.execute("CREATE TABLE IF NOT EXISTS entry (k TEXT PRIMARY KEY, v TEXT)")
        except (OSError, sqlite3.Error):
            self._db = None

    def key(self, *parts: Any) -> str:
        """The cache key of ``parts`` under the current engine version."""
        return digest(self.version, *parts)

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """Values found for ``keys`` (missing keys are absent)."""
        if self._db is None:
            return {}
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT k, v FROM entry WHERE k IN ({marks})", chunk)
                found.update((k, json.loads(v)) for k, v in rows)
        except (sqlite3.Error, ValueError):
            return {}
        return found

    def put_many(self, values: Mapping[str, Any]) -> None:
        """Store ``values``; failures are ignored (the cache is an optimisation)."""
        if self._db is None or not values:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO entry (k, v) VALUES (?, ?)",
                    [(k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()],
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None
