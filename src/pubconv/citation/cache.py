"""On-disk cache of rendered entries, so re-running after one edit re-renders one entry.

Keys are hashes of everything that decides an entry's text: the item's CSL data, the style
file's bytes, the locale, the output format, its number and year suffix, and the versions of
citeproc-py and of pubconv's fixes.  The cache lives in ``$XDG_CACHE_HOME/pubconv`` (else
``~/.cache/pubconv``; ``PUBCONV_CACHE_DIR`` overrides) as one SQLite file; deleting it is always
safe.  Any cache failure (read-only disk, locked file) silently falls back to rendering.

The cache is input like any other: a file that is not SQLite is deleted and rebuilt; every row
carries a checksum of its key and value, and callers pass a validator, so a row that is wrong
(edited, truncated, of the wrong type) is rendered again instead of being served.  Rows hold
the engine's marked text, never finished HTML or LaTeX: output is escaped after the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

SCHEMA = 2
FIXES_VERSION = "24"
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
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _check(key: str, value: str) -> str:
    return hashlib.sha256(f"{key}\0{value}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


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
            self._db = self._open()
        except sqlite3.DatabaseError:
            self._rebuild()
        except (OSError, sqlite3.Error):
            self._db = None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5)
        try:
            # no fsync per commit (a run commits once per sort key and once for its entries):
            # a cache needs no durability, a row lost in a crash is rendered again and a
            # damaged file is rebuilt (:meth:`_rebuild`)
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE IF NOT EXISTS entry2 (k TEXT PRIMARY KEY, v TEXT, h TEXT)")
            db.execute("SELECT count(*) FROM entry2 WHERE k = ''").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _rebuild(self) -> None:
        """Replace a file that is not an SQLite database (junk, truncated) with a fresh cache."""
        self._db = None
        try:
            if self.path.is_file() and not self.path.is_symlink():
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._db = self._open()
        except (OSError, sqlite3.Error):
            self._db = None

    def key(self, *parts: Any) -> str:
        """The cache key of ``parts`` under the current engine version.

        Keys are asked for by the thousand (one per entry and sort key), so parts that are
        strings, integers or tuples of integers are hashed joined by NUL, each tagged with its
        type, at a fifth of the cost of :func:`digest`'s JSON; anything else goes through JSON.
        A joined text starts with ``s`` (the version's tag), a JSON text with ``[``: the two
        kinds never share a text.
        """
        fields: list[str] = []
        for part in (self.version, *parts):
            if isinstance(part, str) and "\0" not in part:
                fields.append("s" + part)
            elif type(part) is int:
                fields.append(f"i{part}")
            elif type(part) is tuple and all(type(n) is int for n in part):
                fields.append("t" + ",".join(map(str, part)))
            else:
                return digest(self.version, *parts)
        text = "\0".join(fields)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(
        self, keys: Iterable[str], valid: Callable[[Any], bool] | None = None
    ) -> dict[str, Any]:
        """Values found for ``keys`` (missing keys are absent, and so are rows whose checksum
        does not match or whose value ``valid`` rejects: those are computed again)."""
        if self._db is None:
            return {}
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT k, v, h FROM entry2 WHERE k IN ({marks})", chunk
                ).fetchall()
                for k, v, h in rows:
                    if not isinstance(v, str) or h != _check(k, v):
                        continue
                    try:
                        value = json.loads(v)
                    except (ValueError, RecursionError):
                        continue
                    if valid is None or valid(value):
                        found[k] = value
        except sqlite3.DatabaseError:
            self._rebuild()
            return {}
        except (sqlite3.Error, ValueError):
            return {}
        return found

    def put_many(self, values: Mapping[str, Any]) -> None:
        """Store ``values``; failures are ignored (the cache is an optimisation)."""
        if self._db is None or not values:
            return
        try:
            rows = []
            for k, value in values.items():
                v = json.dumps(value, ensure_ascii=True)
                rows.append((k, v, _check(k, v)))
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO entry2 (k, v, h) VALUES (?, ?, ?)", rows
                )
        except (sqlite3.Error, ValueError, RecursionError):
            pass

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None
