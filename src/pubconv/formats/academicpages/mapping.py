"""The academicpages field table: a ``_publications/*.md`` file <-> one :class:`Publication`.

Both directions live here so they cannot drift apart.  ``front_matter(pub)`` gives the keys a
record derives; the writer compares that table for the record as read and as it is now, and
touches only keys that differ (see :func:`pubconv.formats.frontmatter.update`).  The table is in
``docs/layouts.md``.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable

from pubconv.formats.frontmatter import Value, safe_url, strings, text_of
from pubconv.formats.jekyll.authors import ROLE_MARKS, parse_authors
from pubconv.formats.jekyll.keys import fold
from pubconv.formats.jekyll.text import MODEL_TAGS, nodes_to_model, parse_fragment
from pubconv.model import Link, PartialDate, Person, Publication

#: Link labels that have a key of their own in the template.
LINK_KEYS = {"paperurl": "Paper", "slidesurl": "Slides", "bibtexurl": "BibTeX"}
#: academicpages ``category`` (the template's ``publication_category``) <-> CSL type.
CATEGORY_TYPES = {
    "conferences": "paper-conference",
    "manuscripts": "article-journal",
    "books": "book",
}
TYPE_CATEGORIES = {
    "paper-conference": "conferences",
    "book": "books",
    "chapter": "books",
}
#: Model attribute -> key for plain text fields (same name unless the template has its own).
SCALARS = {
    "volume": "volume",
    "issue": "issue",
    "number": "number",
    "pages": "pages",
    "edition": "edition",
    "publisher": "publisher",
    "publisher_place": "publisher_place",
    "collection_title": "series",
    "doi": "doi",
    "url": "url",
    "isbn": "isbn",
    "issn": "issn",
    "note": "note",
    "award": "award",
    "language": "language",
    "section": "section",
}
#: Keys the reader interprets (everything else is kept in ``extra`` and in the file).
KNOWN = frozenset(
    {
        "title",
        "collection",
        "permalink",
        "category",
        "csl_type",
        "date",
        "year",
        "month",
        "venue",
        "journal",
        "venue_short",
        "authors",
        "editors",
        "citation",
        "keywords",
        "links",
        "layout",
        *LINK_KEYS,
        *SCALARS.values(),
    }
)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,60}")


def from_html(text: str) -> str:
    """Front-matter text (rendered as HTML by the site) -> model text."""
    if "<" in text:
        return nodes_to_model(list(parse_fragment(text).children)).strip()
    return html.unescape(text).strip() if "&" in text else text.strip()


def to_html(text: str) -> str:
    """Model text -> HTML for a front-matter value: model tags kept, the rest escaped."""
    out: list[str] = []
    start = 0
    pos = text.find("<")
    while pos != -1:
        tag = next((t for t in MODEL_TAGS if text.startswith(t, pos)), None)
        if tag is None:
            pos = text.find("<", pos + 1)
            continue
        out.append(html.escape(text[start:pos], quote=False))
        out.append(tag)
        start = pos + len(tag)
        pos = text.find("<", start)
    out.append(html.escape(text[start:], quote=False))
    return "".join(out)


def author_text(persons: Iterable[Person]) -> str:
    """``Ana Ruiz*, Bo Chen``: display names with their role marks, comma separated."""
    names = []
    for person in persons:
        marks = "".join(ROLE_MARKS.get(role, "") for role in person.roles)
        names.append("et al." if person.is_others else person.display() + marks)
    return ", ".join(names)


def read_authors(value: object) -> tuple[Person, ...]:
    """``authors`` as one comma string (the usual form) or as a YAML list of names."""
    if isinstance(value, list):
        return tuple(p for name in strings(value) for p in parse_authors(name))
    text = text_of(value)
    return parse_authors(text) if text else ()


def read_date(date: object, year: object, month: object = None) -> PartialDate | None:
    """``date`` (``2009-10-01``), else ``year``.

    Jekyll needs a full ``date``, so a partial one is written as ``date: 2024-06-01`` with
    ``year: 2024`` and ``month: 6`` beside it; those keys matching the date give its precision.
    """
    year_text, month_text = text_of(year), text_of(month)
    year_int = int(year_text) if year_text and year_text.isdigit() else None
    month_int = int(month_text) if month_text and month_text.isdigit() else None
    parsed: PartialDate | None = None
    if isinstance(date, datetime.date):
        parsed = PartialDate(date.year, date.month, date.day)
    elif text := text_of(date):
        m = re.fullmatch(r"(\d{4})(?:-(\d\d?)(?:-(\d\d?))?)?", text[:10].rstrip("T "))
        if m is None:
            return PartialDate(literal=text)
        y, mo, d = (int(g) if g else None for g in m.groups())
        parsed = PartialDate(y, mo, d)
    if parsed is None:
        return PartialDate(year_int, month_int) if year_int is not None else None
    if year_int == parsed.year and parsed.day in (1, None):
        if month_int is not None and month_int == parsed.month:
            return PartialDate(year_int, month_int)
        if month_int is None and parsed.month in (1, None):
            return PartialDate(year_int)
    return parsed


def read_links(data: dict[str, object]) -> tuple[Link, ...]:
    """``paperurl``/``slidesurl``/``bibtexurl``, then pubconv's ``links: [{name, url}]``."""
    links = [
        Link(label, url) for key, label in LINK_KEYS.items() if (url := text_of(data.get(key)))
    ]
    extra = data.get("links")
    if isinstance(extra, list):
        for item in extra:
            if isinstance(item, dict):
                name, url = text_of(item.get("name")), text_of(item.get("url"))
                if name and url:
                    links.append(Link(name, url))
    return tuple(links)


def slug(pub: Publication) -> str:
    """``sparse-event-fields`` from the title: ASCII words, at most six, joined by ``-``."""
    words = [fold(w) for w in re.split(r"[\s\-/:]+", re.sub(r"<[^>]*>", "", pub.title or ""))]
    kept = [w for w in words if w][:6]
    return "-".join(kept) or fold(pub.key) or "paper"


def stem(pub: Publication) -> str:
    """The template's file stem ``YYYY-MM-DD-slug`` (month and day 01 when unknown)."""
    date = pub.issued
    if date is None or date.year is None:
        return slug(pub)
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}-{slug(pub)}"


def _date_value(date: PartialDate | None) -> dict[str, Value]:
    if date is None:
        return {}
    if date.year is None:
        return {"date": date.literal or ""}
    try:
        value: Value = datetime.date(date.year, date.month or 1, date.day or 1)
    except ValueError:
        return {"date": date.iso()}
    if date.month is None:
        return {"date": value, "year": date.year}
    if date.day is None:
        return {"date": value, "year": date.year, "month": date.month}
    return {"date": value}


def citation(pub: Publication) -> str:
    """The template's ``citation`` line: ``Authors (2009). "Title." <i>Venue</i>, 1(2), 3-4.``"""
    parts = []
    if pub.authors:
        parts.append(html.escape(author_text(pub.authors), quote=False))
    if pub.year is not None:
        parts.append(f"({pub.year}).")
    parts.append(f"&quot;{to_html(pub.title or '')}.&quot;")
    text = " ".join(parts)
    if pub.container_title:
        text += f" <i>{to_html(pub.container_title)}</i>"
    numbers = html.escape(pub.volume or "", quote=False)
    if pub.issue:
        numbers += f"({html.escape(pub.issue, quote=False)})"
    tail = [t for t in (numbers, html.escape(pub.pages or "", quote=False)) if t]
    return (text + (", " + ", ".join(tail) if tail else "")).rstrip(".") + "."


def front_matter(pub: Publication, name_stem: str) -> dict[str, Value]:
    """The keys ``pub`` derives, in the template's order (plus real sites' extra keys)."""
    data: dict[str, Value] = {"title": to_html(pub.title or "")}
    data["collection"] = "publications"
    category = TYPE_CATEGORIES.get(pub.type, "manuscripts")
    data["category"] = category
    if CATEGORY_TYPES[category] != pub.type:
        data["csl_type"] = pub.type
    data["permalink"] = f"/publication/{name_stem}"
    data.update(_date_value(pub.issued))
    if pub.container_title:
        data["venue"] = to_html(pub.container_title)
    if pub.container_short:
        data["venue_short"] = to_html(pub.container_short)
    if pub.authors:
        data["authors"] = author_text(pub.authors)
    if pub.editors:
        data["editors"] = author_text(pub.editors)
    for attr, key in SCALARS.items():
        value = getattr(pub, attr)
        if value:
            data[key] = str(value)
    if pub.keywords:
        data["keywords"] = list(pub.keywords)
    others: list[dict[str, str]] = []
    for link in pub.links:
        if not safe_url(link.url):
            continue  # reported by ``unsafe_links`` through the format's ``unshown``
        own = next((k for k, label in LINK_KEYS.items() if label == link.label), None)
        if own is not None and own not in data:
            data[own] = link.url
        else:
            others.append({"name": link.label, "url": link.url})
    if others:
        data["links"] = others
    data["citation"] = citation(pub)
    for name, value in pub.extra:
        if _NAME.fullmatch(name) and name not in KNOWN and name not in data:
            data[name] = value
    return data
