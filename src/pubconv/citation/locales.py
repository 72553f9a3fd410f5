"""CSL locales: which exist, and a clear error for the rest (citeproc-py falls back silently)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pubconv.errors import CitationError


@lru_cache(maxsize=1)
def known_locales() -> tuple[str, ...]:
    """Locale tags with a locale file in citeproc-py, e.g. ``en-US``, ``de-DE``."""
    from citeproc import LOCALES_PATH

    return tuple(
        sorted(p.stem.removeprefix("locales-") for p in Path(LOCALES_PATH).glob("locales-*.xml"))
    )


def check_locale(locale: str) -> str:
    """``locale`` itself when citeproc-py has it (``en`` stands for its primary dialect)."""
    from citeproc import PRIMARY_DIALECTS

    known = known_locales()
    if locale in known:
        return locale
    if locale in PRIMARY_DIALECTS and PRIMARY_DIALECTS[locale] in known:
        return str(PRIMARY_DIALECTS[locale])
    import difflib  # only for an unknown locale: a millisecond of every run's start-up

    close = difflib.get_close_matches(locale, known, n=4, cutoff=0.5)
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise CitationError(f"unknown CSL locale {locale!r}{hint}")
