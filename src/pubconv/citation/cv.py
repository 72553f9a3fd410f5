"""CV and reading-list bibliographies: select, sort, group and number publications, then render.

Rendering an entry is :func:`pubconv.citation.render_entries`'s job (citeproc-py plus pubconv's
fixes); this module decides *which* publications appear, in what order, under which headings
and with which numbers, and assembles the result as text, HTML, Markdown or LaTeX.  Entry text
arrives already escaped for its format; the headings and list markup added here are escaped here.

>>> from pubconv.model import PartialDate, Person, Publication
>>> pubs = [Publication("a", title="Old", authors=(Person("Xiong", "Zhiwei"),),
...                     issued=PartialDate(2020)),
...         Publication("b", title="New", authors=(Person("Xiong", "Zhiwei"),),
...                     issued=PartialDate(2024))]
>>> [p.key for p in sort_publications(pubs, "date")]
['b', 'a']
>>> [(g.heading, [p.key for p in g.publications]) for g in group_publications(pubs, "year")]
[('2024', ['b']), ('2020', ['a'])]
>>> numbers(3, "reverse")
[3, 2, 1]
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from pubconv.citation import output
from pubconv.dedupe import Merge, merge_duplicates
from pubconv.errors import Diagnostic
from pubconv.formats.csljson.schema import ITEM_TYPES
from pubconv.model import Bibliography, Publication
from pubconv.names import fold, person_matches

FORMATS: Final = ("text", "html", "markdown", "latex")
SORTS: Final = ("style", "date", "author", "title", "none")
"""``style``: the CSL style's own bibliography order; ``date``: newest first; ``author``/``title``:
A to Z (accents and case folded); ``none``: input order."""
GROUPS: Final = ("year", "type", "section")
NUMBERING: Final = ("normal", "reverse")

CSL_TYPES: Final = ITEM_TYPES
"""The CSL 1.0.2 item types (``--type`` accepts these and BibTeX type names)."""
"""Item types of CSL 1.0.2 (what :attr:`Publication.type` holds)."""

TYPE_ALIASES: Final = {
    "journal": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "unpublished": "manuscript",
    "preprint": "article",
    "online": "webpage",
    "misc": "document",
}
"""BibTeX entry types and common words accepted by ``--type``, as CSL types."""

TYPE_HEADINGS: Final = {
    "article-journal": "Journal Articles",
    "paper-conference": "Conference Papers",
    "chapter": "Book Chapters",
    "book": "Books",
    "article": "Preprints",
    "thesis": "Theses",
    "report": "Reports",
    "patent": "Patents",
    "dataset": "Datasets",
    "software": "Software",
    "speech": "Talks",
    "manuscript": "Manuscripts",
}
"""``--group-by type`` headings, in the order a CV lists them; other types follow A to Z."""

UNDATED: Final = "Undated"
NO_SECTION: Final = "Other"


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


# --- selection ---------------------------------------------------------------------------


def canonical_type(name: str) -> str:
    """The CSL type ``--type NAME`` means (``inproceedings`` -> ``paper-conference``).

    Unknown names raise ``ValueError`` naming the closest types, so that a typo does not
    silently select nothing.
    """
    lowered = name.strip().lower()
    if lowered in CSL_TYPES:
        return lowered
    if lowered in TYPE_ALIASES:
        return TYPE_ALIASES[lowered]
    close = difflib.get_close_matches(lowered, sorted(CSL_TYPES | set(TYPE_ALIASES)), n=4)
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise ValueError(f"unknown publication type {name!r}{hint}")


def _type_matches(pub: Publication, wanted: frozenset[str], written: frozenset[str]) -> bool:
    """True when ``pub``'s CSL type is in ``wanted``, or its BibTeX type as written (lower-case)
    is in ``written``: ``--type article`` keeps CSL ``article`` items and ``@article`` entries."""
    return pub.type in wanted or (pub.get_hint("bibtex.type") or "").lower() in written


def _has_person(pub: Publication, queries: Sequence[str]) -> bool:
    return any(
        person_matches(query, person)
        for person in (*pub.authors, *pub.editors)
        if not person.is_others
        for query in queries
    )


@dataclass(frozen=True, slots=True)
class Selection:
    """The publications a bibliography shows, and the duplicates merged into them."""

    publications: list[Publication]
    duplicates: list[tuple[Publication, Publication]]
    """``(dropped, kept)``: the same work as a publication listed earlier (:mod:`dedupe`)."""
    merges: tuple[Merge, ...] = ()
    """The same pairs with the reason of each merge."""


def select(
    pubs: Iterable[Publication],
    *,
    authors: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    types: Sequence[str] = (),
    dedupe: bool | None = None,
) -> Selection:
    """Publications with one of ``authors`` (as author or editor), of one of ``types``, issued in
    ``since..until`` (inclusive; undated ones are left out when a bound is given), in input order.
    BibLaTeX ``@xdata`` containers are never selected (they hold data for other entries).

    With ``dedupe`` (default: on when ``authors`` are given, as for a CV) publications that are
    the same work are merged into the first (:func:`pubconv.dedupe.merge_duplicates`: same DOI,
    or same title, year and venue); each merge is reported back.
    """
    from pubconv.crossref import is_xdata

    if dedupe is None:
        dedupe = bool(authors)
    wanted = frozenset(canonical_type(name) for name in types)  # fails early on a typo
    written = frozenset(name.strip().lower() for name in types)
    kept: list[Publication] = []
    for pub in pubs:
        if is_xdata(pub):
            continue
        if authors and not _has_person(pub, authors):
            continue
        if types and not _type_matches(pub, wanted, written):
            continue
        if since is not None or until is not None:
            year = pub.year
            if year is None or (since is not None and year < since):
                continue
            if until is not None and year > until:
                continue
        kept.append(pub)
    if not dedupe:
        return Selection(kept, [])
    kept, merges = merge_duplicates(kept)
    return Selection(kept, [(m.dropped, m.kept) for m in merges], tuple(merges))


def check_complete(pubs: Iterable[Publication]) -> list[Diagnostic]:
    """A located warning for each publication without authors (or editors), date or title.

    Styles render such entries (APA puts the title in the author's place, ``n.d.`` for the
    date); the CLI renders them with these warnings, and refuses them with ``--strict``.
    """
    found: list[Diagnostic] = []
    for pub in pubs:
        missing = [
            what
            for what, absent in (
                ("authors", not pub.authors and not pub.editors),
                ("date", pub.issued is None or (pub.year is None and not pub.issued.literal)),
                ("title", not pub.title),
            )
            if absent
        ]
        if missing:
            found.append(pub.warning(f"{pub.key}: no {' and no '.join(missing)}"))
    return found


TITLES: Final = ("sentence", "as-written")
"""``sentence``: BibTeX Title Case titles reach the style in sentence case (English entries);
``as-written``: titles exactly as the input has them."""


def titles_as(pubs: Sequence[Publication], titles: str) -> list[Publication]:
    """``pubs`` marked to keep their titles as written (``titles="as-written"``), else as given."""
    if titles not in TITLES:
        raise ValueError(f"unknown title handling {titles!r} (known: {', '.join(TITLES)})")
    if titles == "sentence":
        return list(pubs)
    from pubconv.formats.csljson.casing import TITLES_HINT

    return [p.with_hint(TITLES_HINT, "as-written") for p in pubs]


# --- ordering ----------------------------------------------------------------------------

_TAG = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>")
"""The model's rich-text tags (CSL subset); anything else is text (``a <b`` stays).  Linear."""


def plain(text: str) -> str:
    """Model text without its markup tags (``<i>Drosophila</i> genes`` -> ``Drosophila genes``);
    other ``<`` characters are kept."""
    return _TAG.sub("", text)


def _date_key(pub: Publication) -> tuple[int, int, int] | None:
    issued = pub.issued
    if issued is None or issued.year is None:
        return None
    return (issued.year, issued.month or 0, issued.day or 0)


def _author_key(pub: Publication) -> tuple[str, ...] | None:
    people = pub.authors or pub.editors
    if not people:
        return None
    first = people[0]
    family = first.literal if first.literal is not None else first.family or ""
    return (fold(family), fold(first.given or ""), fold(plain(pub.title or "")))


def _title_key(pub: Publication) -> str | None:
    return fold(plain(pub.title)).strip() or None if pub.title else None


def sort_publications(
    pubs: Sequence[Publication], sort: str = "date", reverse: bool = False
) -> list[Publication]:
    """``pubs`` in ``sort`` order (:data:`SORTS`); ties keep input order, and publications
    without the sort value (no date, no authors, no title) come last in either direction.

    ``style`` and ``none`` keep the given order here (``reverse`` still reverses it): the style's
    own order is applied by the renderer.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (known: {', '.join(SORTS)})")
    if sort in ("style", "none"):
        return list(reversed(pubs)) if reverse else list(pubs)
    key_of: Callable[[Publication], Any] = {
        "date": _date_key,
        "author": _author_key,
        "title": _title_key,
    }[sort]
    valued = [(key_of(p), i, p) for i, p in enumerate(pubs)]
    present = [v for v in valued if v[0] is not None]
    absent = [v[2] for v in valued if v[0] is None]
    descending = (sort == "date") != reverse  # dates run newest first unless reversed
    # sort by the key only (stable), so equal keys keep input order in both directions
    present.sort(key=lambda v: v[0], reverse=descending)
    return [v[2] for v in present] + absent


# --- grouping ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """Publications under one heading (``heading`` is ``None`` when not grouping)."""

    heading: str | None
    publications: tuple[Publication, ...]


def type_heading(csl_type: str) -> str:
    """``paper-conference`` -> ``Conference Papers``; unnamed types get a readable plural."""
    if csl_type in TYPE_HEADINGS:
        return TYPE_HEADINGS[csl_type]
    words = csl_type.replace("_", " ").replace("-", " ").split()
    return " ".join(w.capitalize() for w in words) + "s" if words else "Other"


def group_publications(
    pubs: Sequence[Publication],
    group_by: str | None,
    *,
    oldest_first: bool = False,
    section_order: Sequence[str] = (),
) -> list[Group]:
    """Split ordered ``pubs`` into headed groups; order inside each group is kept.

    ``year``: newest year first (``oldest_first`` flips), undated last.  ``type``: in
    :data:`TYPE_HEADINGS` order, then others A to Z.  ``section``: in ``section_order`` (the
    order sections first appear in the input; default: as they appear in ``pubs``), publications
    without a section last under ``Other``.
    """
    if group_by is None:
        return [Group(None, tuple(pubs))] if pubs else []
    if group_by not in GROUPS:
        raise ValueError(f"unknown grouping {group_by!r} (known: {', '.join(GROUPS)})")
    buckets: dict[object, list[Publication]] = {}
    for pub in pubs:
        ident: object
        if group_by == "year":
            ident = pub.year
        elif group_by == "type":
            ident = pub.type
        else:
            ident = pub.section or None
        buckets.setdefault(ident, []).append(pub)

    type_rank = {t: i for i, t in enumerate(TYPE_HEADINGS)}
    sections = [*section_order, *(str(b) for b in buckets if b is not None)]
    section_rank = {s: i for i, s in enumerate(dict.fromkeys(sections))}

    def rank(ident: object) -> tuple[int, int, str]:
        if ident is None:
            return (2, 0, "")
        if isinstance(ident, int):  # a year
            return (0, ident if oldest_first else -ident, "")
        name = str(ident)
        if group_by == "type":
            if name in type_rank:
                return (0, type_rank[name], "")
            return (1, 0, fold(type_heading(name)))
        return (0, section_rank[name], "")

    groups = []
    for ident in sorted(buckets, key=rank):
        if ident is None:
            heading = {"year": UNDATED, "type": "Other", "section": NO_SECTION}[group_by]
        elif group_by == "type":
            heading = type_heading(str(ident))
        else:
            heading = str(ident)
        groups.append(Group(heading, tuple(buckets[ident])))
    return groups


def numbers(count: int, numbered: bool | str | None) -> list[int] | None:
    """Entry numbers in display order: ``1..n``, or ``n..1`` for ``"reverse"`` (as CVs count
    down, so the newest paper carries the total); ``None`` when not numbering."""
    if numbered in (False, None, "none"):
        return None
    if numbered is True or numbered == "normal":
        return list(range(1, count + 1))
    if numbered == "reverse":
        return list(range(count, 0, -1))
    raise ValueError(f"unknown numbering {numbered!r} (known: normal, reverse)")


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
    # Positional keys: the input may repeat a key (several files), entries map back by position.
    indexed = [dataclasses.replace(p, key=str(i)) for i, p in enumerate(pubs)]
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
        return [(indexed[int(e.key)], e) for e in entries]

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
