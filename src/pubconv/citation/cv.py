"""CV and reading-list bibliographies: select, sort, group and number publications, then render.

Rendering an entry is :func:`pubconv.citation.render_entries`'s job (citeproc-py plus pubconv's
fixes); :mod:`pubconv.citation.cvselect` decides *which* publications appear, in what order,
under which headings and with which numbers; this module renders them and assembles the
result as text, HTML, Markdown or LaTeX.  Entry text arrives already escaped for its format;
the headings and list markup added here are escaped here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol

from pubconv.citation import output
from pubconv.citation.cvselect import (  # the CV API: selection, order, groups, numbers
    CSL_TYPES,
    GROUPS,
    NO_SECTION,
    NUMBERING,
    SORTS,
    TITLES,
    TYPE_ALIASES,
    TYPE_HEADINGS,
    UNDATED,
    Group,
    Selection,
    canonical_type,
    check_complete,
    group_publications,
    numbers,
    plain,
    select,
    sort_publications,
    titles_as,
    type_heading,
)
from pubconv.model import Bibliography, Publication

__all__ = [
    "CSL_TYPES",
    "FORMATS",
    "GROUPS",
    "NO_SECTION",
    "NUMBERING",
    "SORTS",
    "TITLES",
    "TYPE_ALIASES",
    "TYPE_HEADINGS",
    "UNDATED",
    "Entry",
    "Group",
    "Renderer",
    "Selection",
    "assemble",
    "canonical_type",
    "check_complete",
    "cite",
    "escape_heading",
    "group_publications",
    "numbers",
    "plain",
    "render_cv",
    "select",
    "sort_publications",
    "titles_as",
    "type_heading",
]

FORMATS: Final = ("text", "html", "markdown", "latex")


class Entry(Protocol):
    """What a renderer returns per publication (:class:`pubconv.citation.RenderedEntry`)."""

    @property
    def key(self) -> str: ...

    @property
    def text(self) -> str: ...


class Renderer(Protocol):
    """The signature of :func:`pubconv.citation.render_entries`; tests inject a fake one."""

    def __call__(
        self,
        pubs: Sequence[Publication],
        style: str,
        locale: str,
        fmt: str,
        *,
        highlight: Sequence[str],
        order: str,
        cache: bool,
        jobs: int | None,
        labels: Sequence[int] | None = None,
        subsequent_authors: bool = True,
    ) -> Sequence[Entry]: ...


# --- assembling the output ---------------------------------------------------------------

_LATEX_HEADINGS: Final = ("section", "subsection", "subsubsection", "paragraph", "subparagraph")


def escape_heading(text: str, fmt: str) -> str:
    """``text`` (plain Unicode) escaped for ``fmt``, e.g. ``Code & Data`` -> ``Code \\& Data``."""
    text = " ".join(plain(text).split())
    escaped = output.escape(text, fmt)
    # a heading line starting ``!`` or ``[`` could read as an image or link in Markdown
    return escaped.replace("!", "\\!") if fmt == "markdown" else escaped


def _heading(text: str, fmt: str, level: int) -> str:
    escaped = escape_heading(text, fmt)
    if fmt == "html":
        return f"<h{level}>{escaped}</h{level}>"
    if fmt == "markdown":
        return f"{'#' * level} {escaped}"
    if fmt == "latex":
        return f"\\{_LATEX_HEADINGS[min(level, 5) - 1]}*{{{escaped}}}"
    return escaped


def _block(texts: Sequence[str], nums: Sequence[int] | None, fmt: str, reverse: bool) -> str:
    """One group's entries as a list in ``fmt`` (``nums`` = their numbers, or ``None``)."""
    if fmt == "text":
        if nums is None:
            return "\n".join(texts)
        width = len(str(max(nums, default=1)))
        return "\n".join(f"{n:>{width}}. {t}" for n, t in zip(nums, texts, strict=True))
    if fmt == "html":
        items = "\n".join(f'  <li class="csl-entry">{t}</li>' for t in texts)
        if nums is None:
            divs = "\n".join(f'  <div class="csl-entry">{t}</div>' for t in texts)
            return f'<div class="csl-bib-body">\n{divs}\n</div>'
        attrs = f' reversed="reversed" start="{nums[0]}"' if reverse else f' start="{nums[0]}"'
        return f'<ol class="csl-bib-body"{attrs}>\n{items}\n</ol>'
    if fmt == "markdown":
        if nums is None:
            return "\n".join(f"- {t}" for t in texts)
        if reverse:
            # Markdown lists only count up (later numbers are ignored), so a countdown is
            # written as paragraphs whose numbers are escaped to stay literal text.
            return "\n\n".join(f"{n}\\. {t}" for n, t in zip(nums, texts, strict=True))
        return "\n".join(f"{n}. {t}" for n, t in zip(nums, texts, strict=True))
    # latex: explicit labels, so numbers continue across groups and may count down
    if nums is None:
        body = "\n".join(f"  \\item {t}" for t in texts)
        return f"\\begin{{itemize}}\n{body}\n\\end{{itemize}}"
    body = "\n".join(f"  \\item[{n}.] {t}" for n, t in zip(nums, texts, strict=True))
    return f"\\begin{{enumerate}}\n{body}\n\\end{{enumerate}}"


def assemble(
    groups: Sequence[tuple[str | None, Sequence[str]]],
    fmt: str = "text",
    numbered: bool | str | None = False,
    *,
    heading_level: int = 2,
) -> str:
    """Rendered entry texts under their headings, as one document fragment in ``fmt``.

    HTML is one ``<div class="pubconv-bibliography">`` (numbered lists are ``<ol start>``,
    counting down with ``reversed``); LaTeX uses ``\\section*``-style headings and
    ``enumerate`` with explicit ``\\item[n.]`` labels; Markdown uses ATX headings and lists.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    if not 1 <= heading_level <= 6:
        raise ValueError(f"heading level must be 1 to 6, not {heading_level}")
    total = sum(len(texts) for _, texts in groups)
    all_numbers = numbers(total, numbered)
    reverse = numbered == "reverse"
    parts: list[str] = []
    position = 0
    for heading, texts in groups:
        if not texts:
            continue
        if heading is not None:
            parts.append(_heading(heading, fmt, heading_level))
        nums = all_numbers[position : position + len(texts)] if all_numbers else None
        position += len(texts)
        parts.append(_block(texts, nums, fmt, reverse))
    if fmt == "html":
        body = "\n".join(parts)
        return f'<div class="pubconv-bibliography">\n{body}\n</div>\n'
    return "\n\n".join(parts) + "\n" if parts else ""


# --- the whole run -----------------------------------------------------------------------


def _default_renderer() -> Renderer:
    from pubconv.citation import render_entries

    return render_entries


def _numbers_itself(style: str, locale: str) -> bool:
    from pubconv.citation.style import numbered_style, style_for
    from pubconv.errors import CitationError

    try:
        return numbered_style(style_for(style, locale))
    except CitationError:  # the renderer reports a bad style or locale in its own words
        return False


def _author_substitute(style: str, locale: str, fmt: str) -> str | None:
    from pubconv.citation.engine import author_substitute_for
    from pubconv.errors import CitationError

    try:
        return author_substitute_for(style, locale, fmt)
    except CitationError:  # the renderer reports a bad style or locale in its own words
        return None


def _substitute_authors(
    entries: Sequence[Entry], replacement: str, fmt: str, style: str, locale: str
) -> list[Entry]:
    from pubconv.citation.engine import author_substitute_rule_for
    from pubconv.citation.entries import substitute_authors

    return substitute_authors(entries, replacement, fmt, author_substitute_rule_for(style, locale))


def _style_order(
    pubs: Sequence[Publication], style: str, locale: str, cache: bool, jobs: int | None
) -> list[int]:
    from pubconv.citation.engine import style_order

    return style_order(pubs, style, locale, cache=cache, jobs=jobs)


def render_cv(
    pubs: Sequence[Publication],
    style: str = "apa",
    locale: str = "en-US",
    format: str = "text",
    *,
    highlight: Sequence[str] = (),
    group_by: str | None = None,
    sort: str = "style",
    reverse: bool = False,
    numbered: bool | str = False,
    heading_level: int = 2,
    cache: bool = True,
    jobs: int | None = None,
    renderer: Renderer | None = None,
) -> str:
    """Sort, group, render and number already selected ``pubs`` (see :func:`cite`)."""
    if format not in FORMATS:
        raise ValueError(f"unknown output format {format!r} (known: {', '.join(FORMATS)})")
    numbers(0, numbered)  # validate before the (slow) rendering
    if not pubs:
        return ""
    render = renderer or _default_renderer()
    # Entries map back to their publications by key: positional keys when the input repeats a
    # key (several files), else the records as they are (a copy of each costs time and loses the
    # CSL-JSON item it was read from, which csl.to_csl reuses).
    if len({p.key for p in pubs}) == len(pubs):
        indexed = list(pubs)
    else:
        indexed = [dataclasses.replace(p, key=str(i)) for i, p in enumerate(pubs)]
    by_key = {p.key: p for p in indexed}
    sections = list(dict.fromkeys(p.section for p in pubs if p.section))
    oldest_first = sort == "date" and reverse

    # "———" for a repeated author list (MLA) compares with the entry shown above, so it is
    # applied per group once the groups are known, not across the whole rendered list.
    substitute = _author_substitute(style, locale, format)

    def run(
        ordered: Sequence[Publication], order: str, labels: Sequence[int] | None = None
    ) -> list[tuple[Publication, Entry]]:
        extra: dict[str, Any] = {"labels": labels} if labels is not None else {}
        if substitute is not None:
            extra["subsequent_authors"] = False
        entries = render(
            ordered,
            style,
            locale,
            format,
            highlight=highlight,
            order=order,
            cache=cache,
            jobs=jobs,
            **extra,
        )
        return [(by_key[e.key], e) for e in entries]

    # A numeric style (IEEE's [1]) numbered as a CV shows the CV's numbers as its own labels
    # instead of a second number in front of them.
    own_labels = bool(numbered) and numbered != "none" and _numbers_itself(style, locale)
    if sort == "style" and not own_labels:
        # the style decides the order; groups then split it (stable)
        rendered = run(indexed, "style")
        if reverse:
            rendered.reverse()
        entry_of = {id(p): t for p, t in rendered}
        groups = group_publications(
            [p for p, _ in rendered],
            group_by,
            oldest_first=oldest_first,
            section_order=sections,
        )
    else:
        # display order first, so numeric styles' labels ([1], [2]) follow it
        if sort == "style":
            ordered = [indexed[i] for i in _style_order(indexed, style, locale, cache, jobs)]
            if reverse:
                ordered.reverse()
        else:
            ordered = sort_publications(indexed, sort, reverse)
        groups = group_publications(
            ordered, group_by, oldest_first=oldest_first, section_order=sections
        )
        flat = [p for g in groups for p in g.publications]
        labels = numbers(len(flat), numbered) if own_labels else None
        entry_of = {id(p): t for p, t in run(flat, "given", labels)}
        if own_labels:
            numbered = False
    sections_out = []
    for group in groups:
        entries = [entry_of[id(p)] for p in group.publications]
        if substitute is not None:
            entries = _substitute_authors(entries, substitute, format, style, locale)
        sections_out.append((group.heading, [e.text for e in entries]))
    return assemble(sections_out, format, numbered, heading_level=heading_level)


def cite(
    bib: Bibliography | Iterable[Publication],
    style: str = "apa",
    locale: str = "en-US",
    format: str = "text",
    *,
    authors: Sequence[str] = (),
    highlight: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    types: Sequence[str] = (),
    group_by: str | None = None,
    sort: str = "style",
    reverse: bool = False,
    numbered: bool | str = False,
    heading_level: int = 2,
    dedupe: bool | None = None,
    titles: str = "sentence",
    cache: bool = True,
    jobs: int | None = None,
    renderer: Renderer | None = None,
) -> str:
    """Format publications as a bibliography in a CSL ``style`` (name, URL or ``.csl`` path).

    Crossrefs are resolved first.  Selection: ``authors`` (same person however written:
    ``Zhiwei Xiong`` = ``Xiong, Z.``, accents folded), ``since``/``until`` (years, inclusive),
    ``types`` (CSL or BibTeX type names); ``dedupe`` merges publications that are the same work
    (:mod:`pubconv.dedupe`; default: on when ``authors`` are given).  BibTeX titles go to the
    style in sentence case unless ``titles="as-written"``.
    ``highlight`` names persons set in bold.  ``sort``: ``style`` (default, the style's order),
    ``date`` (newest first), ``author``, ``title`` or ``none`` (input order); ``reverse`` flips it.
    ``group_by``: ``year``, ``type`` or ``section`` with a heading per group (``heading_level``
    1-6).  ``numbered``: ``True``/``"normal"`` (1, 2, ...) or ``"reverse"`` (n, ..., 1), counted
    across groups.  ``format``: ``text``, ``html``, ``markdown`` or ``latex``.

    Raises :class:`pubconv.CitationError` for unknown styles or locales and broken ``.csl``
    files, ``ValueError`` for unknown option values.
    """
    from pubconv.crossref import resolve_crossrefs

    if not isinstance(bib, Bibliography):
        bib = Bibliography.of(bib)
    pubs = resolve_crossrefs(bib).publications
    if since is not None and until is not None and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    chosen = titles_as(
        select(
            pubs, authors=authors, since=since, until=until, types=types, dedupe=dedupe
        ).publications,
        titles,
    )
    return render_cv(
        chosen,
        style,
        locale,
        format,
        highlight=highlight,
        group_by=group_by,
        sort=sort,
        reverse=reverse,
        numbered=numbered,
        heading_level=heading_level,
        cache=cache,
        jobs=jobs,
        renderer=renderer,
    )
