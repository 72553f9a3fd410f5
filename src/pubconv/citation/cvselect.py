"""Which publications a CV shows, in what order, under which headings and with which numbers.

:mod:`pubconv.citation.cv` renders the entries and assembles the result; this module only
decides (selection by person, type and year, sort orders, groups, numbering), so it can be
read and tested without the citation engine.

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

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from pubconv.errors import Diagnostic
from pubconv.formats.csljson.schema import ITEM_TYPES
from pubconv.model import Publication
from pubconv.names import fold, person_matches

if TYPE_CHECKING:
    from pubconv.dedupe import Merge

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
    import difflib  # only for an unknown type name

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
    from pubconv.dedupe import merge_duplicates  # only when merging: not loaded otherwise

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
