"""al-folio's ``papers.bib`` conventions on the model, both ways.

======================  ==========================================================
al-folio field          model
======================  ==========================================================
``abbr``                ``container_short`` (the badge, for journals too)
``html`` ``pdf``        ``links`` (``Paper``, ``PDF``, ``Code``, ``Project``, ``Slides``,
``code`` ``website``    ``Poster``, ``Supplementary``, ``Video``, ``Blog``; the BibTeX
``slides`` ``poster``   format's own link fields)
``supp`` ``video``
``blog``
``arxiv = {2401.01}``   ``Link("arXiv", "https://arxiv.org/abs/2401.01")``
``award``               ``award``
``abstract``            ``abstract``
``Einstein*, Albert``   ``Person(roles=("equal",))``; ``†`` corresponding (also ``#``, ``‡``)
``selected``,           ``extra``, verbatim (:func:`selected` reads the flag)
``bibtex_show``,
``preview``,
``award_name``,
``google_scholar_id``
======================  ==========================================================
"""

from __future__ import annotations

import dataclasses
import re

from pubconv.formats.bibtex import mapping
from pubconv.formats.bibtex.page_fields import DEFAULT_ATTRS
from pubconv.formats.jekyll.authors import MARK_ROLES, ROLE_MARKS
from pubconv.model import Link, Person, Publication

ARXIV_FIELD = "arxiv"
ARXIV_LABEL = "arXiv"
ARXIV_URL = "https://arxiv.org/abs/"
_ARXIV_LINK = re.compile(r"https?://(?:www\.)?arxiv\.org/abs/(?P<id>[^\s{}?#]+)$")
_ARXIV_ID = re.compile(r"[A-Za-z0-9./_-]+")


def selected(pub: Publication) -> bool:
    """al-folio's ``selected = {true}`` flag (shown on the about page)."""
    return (pub.get_extra("selected") or "").strip().lower() in ("true", "yes", "1")


def badge(pub: Publication) -> str | None:
    """The badge al-folio shows (its ``abbr``), e.g. ``T-MI``."""
    return pub.container_short


def _marks_to_roles(person: Person) -> Person:
    """``Einstein*†`` (as al-folio writes marks, on the family name) -> roles."""
    text = person.family if person.family is not None else person.literal
    if text is None or person.roles:
        return person
    roles: list[str] = []
    while len(text) > 1 and text[-1] in MARK_ROLES:
        roles.insert(0, MARK_ROLES[text[-1]])
        text = text[:-1]
    if not roles:
        return person
    if person.family is not None:
        return dataclasses.replace(person, family=text, roles=tuple(roles))
    return dataclasses.replace(person, literal=text, roles=tuple(roles))


def _roles_to_marks(person: Person) -> Person:
    """The inverse of :func:`_marks_to_roles`; roles with no mark stay roles."""
    marks = "".join(ROLE_MARKS.get(r, "") for r in person.roles)
    if not marks:
        return person
    rest = tuple(r for r in person.roles if r not in ROLE_MARKS)
    if person.family is not None:
        return dataclasses.replace(person, family=person.family + marks, roles=rest)
    if person.literal is not None and not person.is_others:
        return dataclasses.replace(person, literal=person.literal + marks, roles=rest)
    return person


def from_bibtex(pub: Publication) -> Publication:
    """A publication as the BibTeX reader made it -> al-folio's meaning (marks, ``arxiv``)."""
    authors = tuple(_marks_to_roles(p) for p in pub.authors)
    extra = list(pub.extra)
    links = list(pub.links)
    hints = pub.hints
    for index, (name, value) in enumerate(extra):
        if name.lower() == ARXIV_FIELD and _ARXIV_ID.fullmatch(value.strip()):
            url = ARXIV_URL + value.strip()
            if all(link.url != url for link in links):  # else the sidecar's links hold it
                links.append(Link(ARXIV_LABEL, url, DEFAULT_ATTRS))
            del extra[index]
            hints = _drop_extra_index(pub, index)
            break
    if authors == pub.authors and len(extra) == len(pub.extra):
        return pub
    return dataclasses.replace(
        pub, authors=authors, extra=tuple(extra), links=tuple(links), hints=hints
    )


def _drop_extra_index(pub: Publication, index: int) -> tuple[tuple[str, str], ...]:
    """``bibtex.extra_at`` without the extra field at ``index`` (it became a link)."""
    at = (pub.get_hint(mapping.EXTRA_AT_HINT) or "").split()
    if len(at) != len(pub.extra):
        return pub.hints
    del at[index]
    hints = tuple((k, v) for k, v in pub.hints if k != mapping.EXTRA_AT_HINT)
    return (*hints, (mapping.EXTRA_AT_HINT, " ".join(at))) if at else hints


def to_bibtex(pub: Publication) -> Publication:
    """The inverse of :func:`from_bibtex`: marks on names, the arXiv link as ``arxiv``.

    The link leaves ``links`` only when :func:`from_bibtex` would put it back the same way (last,
    default attributes); otherwise it stays there too (the sidecar keeps its place).
    """
    authors = tuple(_roles_to_marks(p) for p in pub.authors)
    links = list(pub.links)
    extra = list(pub.extra)
    if pub.get_extra(ARXIV_FIELD) is None:
        for index, link in enumerate(links):
            match = _ARXIV_LINK.match(link.url)
            if link.label.lower() == ARXIV_FIELD and match and _ARXIV_ID.fullmatch(match["id"]):
                extra.append((ARXIV_FIELD, match["id"]))
                canonical = ARXIV_URL + match["id"] == link.url and link.label == ARXIV_LABEL
                if canonical and index == len(links) - 1 and link.attrs == DEFAULT_ATTRS:
                    del links[index]
                break
    return dataclasses.replace(pub, authors=authors, links=tuple(links), extra=tuple(extra))
