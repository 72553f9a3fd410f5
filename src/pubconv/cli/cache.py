"""`pubconv cache`: where rendered citations are cached, and clearing that cache.

The cache only ever saves time (see :mod:`pubconv.citation.cache`), so clearing it is always
safe; this command exists so nobody has to know the path by heart.
"""

from __future__ import annotations

import click


@click.command(
    epilog="""\b
The cache is $PUBCONV_CACHE_DIR if set, else $XDG_CACHE_HOME/pubconv, else ~/.cache/pubconv.
`pubconv cite --no-cache` neither reads nor writes it.
\b
Examples:
  pubconv cache           print the cache folder and its size
  pubconv cache --clear   delete the cached entries
"""
)
@click.option("--clear", is_flag=True, help="Delete the cached entries (always safe).")
def cache(clear: bool) -> None:
    """Show where `cite` caches rendered entries, or clear that cache."""
    from pubconv.citation.cache import cache_dir

    folder = cache_dir()
    files = sorted(folder.glob("cite.sqlite3*")) if folder.is_dir() else []
    if clear:
        for path in files:
            path.unlink(missing_ok=True)
        click.echo(f"cleared {folder} ({len(files)} file(s) removed)")
        return
    size = sum(path.stat().st_size for path in files)
    click.echo(f"{folder} ({size:,} bytes in {len(files)} file(s))")


COMMANDS = [cache]
