"""Records made ready for a page a lab would publish, when a page is written from scratch.

A ``.bib`` is not a page: its ``doi``/``url``/arXiv id are not links yet, its ``note`` may be
anything (an ORCID, "to appear"), and its crossref children carry their venue in a parent that
is not itself a paper.  :func:`publishable` turns a database into the entries of a fresh page:

- crossrefs resolved (a child takes its parent's venue and year), and parents that are only
  there to be cross-referenced (no authors of their own) are not listed as papers;
- links from ``doi`` (``https://doi.org/...``), ``url`` and an arXiv id, next to the al-folio
  link fields the reader already made links of (``html``, ``pdf``, ``code``, ...), each once;
  only ``http``/``https`` targets become links, so a ``javascript:`` URL stays out of the page;
- kramdown attributes written as kramdown reads them: ``{:target="_blank"}``;
- a ``note`` shown only when it is a venue tag (Oral, Spotlight, Best Paper, ...);
- an edited volume without authors lists its editors on the authors line.

Entries read from a page keep what they have: this only fills in what a page needs.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import quote, urlsplit

from pubconv.crossref import resolve_crossrefs
from pubconv.model import Bibliography, Link, Publication

TARGET = '{:target="_blank"}'
_ESCAPED_BLANK = "\\_blank"
_VENUE_TAG = re.compile(
    r"(?i)^\s*(?:\(\s*)?(oral|spotlight|highlight|poster|contributed talk|invited talk|"
    r"invited paper|best (student )?paper|honou?rable mention|award)\b"
)
_ARXIV_ID = re.compile(r"(?i)^(?:arxiv:)?\s*([a-z.-]+/\d{7}|\d{4}\.\d{4,5})(v\d+)?$")


def is_venue_tag(note: str | None) -> bool:
    """``Oral``, ``Spotlight presentation``, ``Best Paper Award``: a tag after the venue."""
    return bool(note) and len(note or "") <= 60 and bool(_VENUE_TAG.match(note or ""))


def _safe(url: str) -> bool:
    """An absolute http(s) URL with a host: a link a browser can follow."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _arxiv_id(pub: Publication) -> str | None:
    archive = (pub.get_extra("archiveprefix") or pub.get_extra("eprinttype") or "").lower()
    candidates = [pub.get_extra("arxiv")]
    if archive == "arxiv" or not archive:
        candidates.append(pub.get_extra("eprint"))
    for candidate in candidates:
        match = _ARXIV_ID.match((candidate or "").strip())
        if match:
            return match.group(1) + (match.group(2) or "")
    return None


def arxiv_url(pub: Publication) -> str | None:
    """``https://arxiv.org/abs/ID`` for ``pub``'s arXiv id (``eprint``, ``arxiv``), if any."""
    found = _arxiv_id(pub)
    return f"https://arxiv.org/abs/{found}" if found else None


def _clean_attrs(link: Link) -> Link:
    """``{:target="\\_blank"}`` (al-folio fields' default) as kramdown reads it."""
    if _ESCAPED_BLANK not in link.attrs:
        return link
    return dataclasses.replace(link, attrs=link.attrs.replace(_ESCAPED_BLANK, "_blank"))


def page_links(pub: Publication, attrs: str | None = None) -> tuple[Link, ...]:
    """``pub``'s links plus links from its DOI, URL and arXiv id, each target once.

    ``attrs``: the kramdown attributes of the added links, the links ``pub`` has kept as they
    are (an entry added to a page in that page's style); by default every link gets
    :data:`TARGET`, as on a page written from scratch.
    """
    links = list(pub.links) if attrs is not None else [_clean_attrs(link) for link in pub.links]
    seen = {link.url for link in links}
    labels = {link.label.lower() for link in links}

    def add(label: str, url: str, fallback: str) -> None:
        if url in seen or not _safe(url):
            return
        chosen = label if label.lower() not in labels else fallback
        link = Link(chosen, url, TARGET if attrs is None else attrs)
        # the paper itself comes first, as on the seed lab's pages
        links.insert(0, link) if chosen == "Paper" else links.append(link)
        seen.add(url)
        labels.add(chosen.lower())

    if pub.doi:
        doi = re.sub(r"(?i)^(https?://(dx\.)?doi\.org/|doi:\s*)", "", pub.doi.strip())
        add("Paper", "https://doi.org/" + quote(doi, safe="/:;()._-"), "DOI")
    # hand-kept .bib files put several URLs in one field ("http://a;\n  http://b")
    for url in pub.url.split() if pub.url else ():
        add("Paper", url.rstrip(";,"), "Link")
    arxiv = arxiv_url(pub)
    if arxiv:
        add("arXiv", arxiv, "arXiv")
    return tuple(links)


def _parents_only(bib: Bibliography) -> set[str]:
    """Keys (lower case) of entries that are crossref targets and not papers themselves."""
    targets = {
        (pub.get_extra("crossref") or "").lower()
        for pub in bib.publications
        if pub.get_extra("crossref")
    }
    return {
        pub.key.lower()
        for pub in bib.publications
        if pub.key.lower() in targets and not pub.authors
    }


def crossref_parents(bib: Bibliography) -> list[Publication]:
    """The entries a fresh page leaves out: crossref targets that are not papers themselves."""
    skip = _parents_only(bib)
    return [pub for pub in bib.publications if pub.key.lower() in skip]


def published(bib: Bibliography) -> list[tuple[Publication, Publication]]:
    """Each entry of a fresh page for ``bib``: as the database has it (crossrefs resolved), and
    as the page shows it (see the module docstring), so what the page leaves out can be told."""
    skip = _parents_only(bib)
    out: list[tuple[Publication, Publication]] = []
    for pub in resolve_crossrefs(bib).publications:
        if pub.key.lower() in skip:
            continue
        note = pub.note if is_venue_tag(pub.note) else None
        # an edited volume shows its editors where a paper shows its authors
        authors = pub.authors or pub.editors
        shown = dataclasses.replace(pub, authors=authors, links=page_links(pub), note=note)
        out.append((pub, shown))
    return out


def publishable(bib: Bibliography) -> list[Publication]:
    """The entries of a fresh page for ``bib`` (see the module docstring)."""
    return [shown for _, shown in published(bib)]
