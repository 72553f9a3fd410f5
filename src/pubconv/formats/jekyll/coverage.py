"""What a house-style page entry cannot show, so writing a page never drops data silently.

A page shows title, authors, venue (full and short), year, a venue tag (``note``), award,
links, abstract and section; the entry type is inferred again from the venue when read back.
Everything else a record holds (DOI, volume, pages, publisher, editors, unknown BibTeX fields,
...) is named here so the command line can warn, entry by entry, before it is lost.
"""

from __future__ import annotations

from pubconv.formats.jekyll.links import safe_attrs, safe_id, safe_url, url_scheme
from pubconv.formats.jekyll.venue import guess_type
from pubconv.model import Publication

_UNSHOWN_FIELDS = (
    "editors",
    "collection_title",
    "volume",
    "issue",
    "number",
    "pages",
    "edition",
    "publisher",
    "publisher_place",
    "doi",
    "isbn",
    "issn",
    "keywords",
    "language",
)


def unshown(pub: Publication) -> list[str]:
    """Names of the non-empty parts of ``pub`` that a page entry cannot carry."""
    lost = [name for name in _UNSHOWN_FIELDS if getattr(pub, name)]
    lost.extend(f"field {name}" for name, _ in pub.extra)
    if pub.url and all(link.url != pub.url for link in pub.links):
        lost.append("url")
    wanted = pub.get_hint("jekyll.abs_id")
    if wanted and safe_id(wanted) != wanted:
        lost.append(f"abstract id {wanted!r} as given (written as {safe_id(wanted)!r})")
    lost.extend(
        f"link {link.label!r} (unsafe scheme {url_scheme(link.url)!r}: left out)"
        for link in pub.links
        if not safe_url(link.url)
    )
    lost.extend(
        f"attributes {link.attrs!r} of link {link.label!r} (only target, rel, title, class "
        "and style are written)"
        for link in pub.links
        if safe_url(link.url) and not safe_attrs(link.attrs)
    )
    if pub.issued and (pub.issued.month or pub.issued.day or pub.issued.end or pub.issued.literal):
        lost.append("issued (only the year is shown)")
    if pub.type != guess_type(pub.container_title, pub.container_short):
        lost.append(f"type {pub.type}")
    return lost
