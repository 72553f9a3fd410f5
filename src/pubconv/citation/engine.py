"""The public entry points of citing: publications or CSL-JSON items -> formatted entries.

The pipeline, one module per stage (docs/citation-architecture.md):
:mod:`.style` (style and locale loading) -> :mod:`.csl` (item data) -> :mod:`.runner` (sorting,
numbering, year suffixes and names from :mod:`.disambiguate`, the cache, workers) ->
:mod:`.render` (citeproc-py with the element classes of :mod:`.fixes`) -> :mod:`.output`
(text, HTML, Markdown, LaTeX) -> :mod:`.entries` (``subsequent-author-substitute``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.citation import csl, output, runner
from pubconv.citation.csl import prepare
from pubconv.citation.entries import NameList, RenderedEntry, substitute_authors
from pubconv.citation.sorting import collation_key, sort_order
from pubconv.citation.style import (
    Style,
    load_style,
    numbered_style,
    punctuation_in_quote,
    style_for,
)
from pubconv.errors import CitationError
from pubconv.model import Publication

__all__ = [
    "NameList",
    "RenderedEntry",
    "Style",
    "author_substitute_for",
    "author_substitute_rule_for",
    "collation_key",
    "load_style",
    "numbered_style",
    "numbers_itself",
    "prepare",
    "punctuation_in_quote",
    "render_csl",
    "render_entries",
    "sort_order",
    "style_for",
    "style_order",
    "substitute_authors",
]


def render_entries(
    pubs: Sequence[Publication],
    style: str = "apa",
    locale: str = "en-US",
    fmt: str = "text",
    *,
    highlight: Sequence[str] = (),
    order: str = "style",
    labels: Sequence[int] | None = None,
    subsequent_authors: bool = True,
    cache: bool = True,
    jobs: int | None = None,
) -> list[RenderedEntry]:
    """Format ``pubs`` as bibliography entries in ``style`` (name, URL or ``.csl`` path).

    ``order="style"`` sorts as the style's bibliography does; ``order="given"`` keeps the input
    order (a CV sorts itself) and then ``labels`` may give the number a numeric style shows for
    each publication (``[12]``; default 1, 2, ...).  ``highlight`` names persons to show in
    bold.  Entries come back in ``fmt`` (``text``, ``html``, ``markdown``, ``latex``).  A
    style's ``subsequent-author-substitute`` (MLA's ``———``) applies in the order returned
    unless ``subsequent_authors`` is false (a CV applies it per group with
    :func:`substitute_authors`).  Raises :class:`CitationError`.
    """
    return render_csl(
        csl.to_csl(pubs),
        [p.key for p in pubs],
        style,
        locale,
        fmt,
        highlight=highlight,
        order=order,
        labels=labels,
        subsequent_authors=subsequent_authors,
        cache=cache,
        jobs=jobs,
    )


def author_substitute_for(style: str, locale: str, fmt: str) -> str | None:
    """``style``'s ``subsequent-author-substitute`` escaped for ``fmt`` (``None``: none)."""
    return _escaped_substitute(style_for(style, locale), fmt)


def author_substitute_rule_for(style: str, locale: str) -> str:
    """``style``'s ``subsequent-author-substitute-rule`` (``complete-all`` by default)."""
    return str(style_for(style, locale).author_substitute_rule)


def _escaped_substitute(style: Style, fmt: str) -> str | None:
    sub = style.author_substitute
    return None if sub is None else output.escape(sub, fmt)


def numbers_itself(style: str, locale: str = "en-US") -> bool:
    """Whether ``style`` labels its entries with numbers (``[1]``, ``1.``), as IEEE does."""
    return numbered_style(style_for(style, locale))


def style_order(
    pubs: Sequence[Publication],
    style: str = "apa",
    locale: str = "en-US",
    *,
    cache: bool = True,
    jobs: int | None = None,
) -> list[int]:
    """Indices of ``pubs`` in ``style``'s bibliography order (sort keys only, no rendering)."""
    parsed = style_for(style, locale)
    items = [csl.prepare(item, ()) for item in csl.to_csl(pubs)]
    return runner.style_order(parsed, items, cache=cache, jobs=jobs)


def render_csl(
    items: Sequence[csl.CslItem],
    keys: Sequence[str],
    style: str = "apa",
    locale: str = "en-US",
    fmt: str = "text",
    *,
    highlight: Sequence[str] = (),
    order: str = "style",
    labels: Sequence[int] | None = None,
    subsequent_authors: bool = True,
    cache: bool = True,
    jobs: int | None = None,
) -> list[RenderedEntry]:
    """:func:`render_entries` for CSL-JSON ``items`` (``keys[i]`` names ``items[i]``)."""
    if fmt not in output.FORMATS:
        raise CitationError(
            f"unknown citation output format {fmt!r} (known: {', '.join(output.FORMATS)})"
        )
    if order not in ("style", "given"):
        raise CitationError(f"unknown order {order!r} (known: style, given)")
    parsed = style_for(style, locale)
    prepared = [csl.prepare(item, highlight) for item in items]
    if labels is not None and len(labels) != len(items):
        raise CitationError(f"{len(labels)} labels for {len(items)} entries")
    entries = runner.run(parsed, prepared, keys, fmt, order, labels=labels, cache=cache, jobs=jobs)
    replacement = _escaped_substitute(parsed, fmt) if subsequent_authors else None
    return (
        entries
        if replacement is None
        else substitute_authors(entries, replacement, fmt, parsed.author_substitute_rule)
    )
