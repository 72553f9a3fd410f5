"""What a house-style page entry cannot show, so writing a page never drops data silently.

A page shows title, authors, venue (full and short), year, a venue tag (``note``), award,
links, abstract and section; the entry type is inferred again from the venue when read back.
Everything else a record holds (DOI, volume, pages, publisher, editors, unknown BibTeX fields,
...) is named here so the command line can warn, entry by entry, before it is lost.
"""

from __future__ import annotations

from pubconv.formats.jekyll.links import safe_attrs, safe_id, safe_url, url_scheme
from pubconv.formats.jekyll.publish import crossref_parents, published
from pubconv.formats.jekyll.venue import guess_type
from pubconv.model import Bibliography, Publication

#: Fields a fresh page shows as a link (``https://doi.org/...``, ``https://arxiv.org/abs/...``)
#: when :func:`pubconv.formats.jekyll.publish.page_links` made one of them.
_AS_LINK = {
    "doi": "doi.org/",
    "field eprint": "arxiv.org/abs/",
    "field archiveprefix": "arxiv.org/abs/",
    "field eprinttype": "arxiv.org/abs/",
    "field arxiv": "arxiv.org/abs/",
}

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


def fresh_page_losses(bib: Bibliography) -> list[tuple[Publication, list[str]]]:
    """What a page written from scratch (``bib2md`` without ``--like``) leaves out, per entry.

    Such a page resolves crossrefs, links DOIs and arXiv ids, shows an edited volume's editors
    as its authors and keeps only venue-tag notes (:mod:`.publish`), so the warnings name what
    that page leaves out, not what a record of another page would: a DOI shown as its
    ``doi.org`` link is not lost, a ``note`` left out is, and a crossref parent is not listed.
    """
    out: list[tuple[Publication, list[str]]] = []
    for parent in crossref_parents(bib):
        out.append((parent, ["it as an entry (a crossref parent: its papers show its venue)"]))
    for before, shown in published(bib):
        urls = [link.url for link in shown.links]
        on_page = {shown.title, shown.container_title} - {None}
        lost = [
            name
            for name in unshown(shown)
            if not (name in _AS_LINK and any(_AS_LINK[name] in url for url in urls))
            and name != "field crossref"  # resolved: the entry shows its parent's venue
            and not (name == "editors" and not before.authors)  # shown as the authors
            and not (name.startswith("field ") and shown.get_extra(name[6:]) in on_page)
        ]
        if before.note and not shown.note:
            lost.append("note")
        if lost:
            out.append((shown, lost))
    order = {pub.key: i for i, pub in enumerate(bib.publications)}
    return sorted(out, key=lambda item: order.get(item[0].key, len(order)))  # file order
