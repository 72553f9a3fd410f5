"""``_data/publist.yml`` records (the Allan-lab Jekyll template and its many forks) <-> model.

==================  =============================================================
YAML key            model
==================  =============================================================
``title``           ``title`` (HTML -> model text)
``authors``         ``authors``: one string, ``A, B and C``; ``*``/``†`` marks (also
(or ``author``)     ``<sup>&#134;</sup>``) -> ``Person.roles``
``link.url``        ``url``
``link.display``    ``container_title``, ``container_short`` and the year, read from
                    ``Venue (ABBR) 2021``, ``Venue 2021`` or ``Nature 571, 541 (2019)``
``link.<other>``    ``links`` (``code: https://...`` -> ``Link("code", ...)``)
``venue``/``year``  ``container_title`` / ``issued`` (sites that split the display)
``description``     ``abstract``
``pub_type``        ``type`` (``journal``, ``conference``, ``preprint``...) and kept in ``extra``
anything else       ``extra`` in order (``image``, ``highlight``, ``news1``, ``ref``...)
==================  =============================================================

Records have no key: one is made Google-Scholar style and never written.  A record is written in
the shape it was read in (``author`` or ``authors``, ``venue``/``year`` or ``link.display``).
"""

from __future__ import annotations

import re
from typing import Any

from pubconv.formats.jekyll.authors import split_names
from pubconv.formats.jekyll.venue import guess_type
from pubconv.formats.yamlrecords import (
    Converted,
    from_html,
    keep,
    person_from_html,
    person_to_html,
    safe_url,
    text_of,
    to_html,
    unkeep,
)
from pubconv.model import Link, PartialDate, Person, Publication

PUB_TYPES = {
    "journal": "article-journal",
    "article": "article-journal",
    "conference": "paper-conference",
    "workshop": "paper-conference",
    "proceedings": "paper-conference",
    "preprint": "article",
    "arxiv": "article",
    "thesis": "thesis",
    "book": "book",
    "chapter": "chapter",
    "patent": "patent",
    "report": "report",
}
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_PAREN_YEAR = re.compile(rf"^(?P<venue>.*?)[\s,]*\({_YEAR}\)$")
_VENUE_YEAR = re.compile(rf"^(?P<venue>.*?)(?:\s*\((?P<short>[^()]+)\))?[\s,]*{_YEAR}$")
_VENUE_SHORT = re.compile(r"^(?P<venue>.*?)\s*\((?P<short>[^()\s]+)\)$")
_LONGEST_VENUE = 600
"""Characters of a venue line the venue patterns read (real ones are under 200)."""
_SUP_MARKS = re.compile(r"<sup>([*†‡#,\s]+)</sup>")
r"""Author marks in a superscript; the spaces and commas in it are dropped by the caller (one
character class, so a long run of spaces is read once: ``\s*[...\s]+\s*`` was cubic)."""


def check(value: Any) -> str | None:
    """Why ``value`` is not a publist record (``None`` if it is one)."""
    if not isinstance(value, dict):
        return "not a mapping"
    if "title" not in value:
        return "it has no 'title'"
    people = value.get("authors", value.get("author"))
    if isinstance(people, list):
        return "'authors' is a list (a lab-website-template file? try --from labsite)"
    return None


def parse_display(text: str) -> tuple[str | None, str | None, int | None]:
    """``International Conference on Learning Representations (ICLR) 2021`` -> parts.

    A venue line longer than :data:`_LONGEST_VENUE` is kept whole: the patterns below backtrack
    over a run of commas or spaces, so they only ever see a line of venue length."""
    text = " ".join(text.split())
    if len(text) > _LONGEST_VENUE:
        return (text or None), None, None
    match = _PAREN_YEAR.match(text)
    if match and match.group("venue"):
        return match.group("venue"), None, int(match.group("year"))
    match = _VENUE_YEAR.match(text)
    if match:
        return match.group("venue") or None, match.group("short"), int(match.group("year"))
    match = _VENUE_SHORT.match(text)
    if match:
        return match.group("venue") or None, match.group("short"), None
    return (text or None), None, None


def format_display(
    venue: str | None, short: str | None, year: int | None, *, paren: bool = False
) -> str:
    """The inverse of :func:`parse_display`: ``Venue (ABBR) 2021`` or ``Venue (2021)``."""
    parts = [p for p in (venue, f"({short})" if short else None) if p]
    if year is not None:
        parts.append(f"({year})" if paren and venue and not short else str(year))
    return " ".join(parts)


def parse_authors(text: str) -> tuple[Person, ...]:
    """``D Cho* & KM Bastiaans*, GD Gu and MP Allan<sup>&#134;</sup>`` -> persons with roles."""
    model = from_html(text.replace(" &amp; ", ", ").replace(" & ", ", "))
    model = _SUP_MARKS.sub(lambda m: "".join(m.group(1).split()).replace(",", ""), model)
    return tuple(person_from_html(name) for name in split_names(model) if name.strip("*†‡# "))


def _year(value: Any) -> int | None:
    text = text_of(value)
    return int(text) if text is not None and text.strip().isdigit() else None


def convert(value: dict[str, Any], number: int) -> Converted:
    """One record -> a publication (key ``""``: the reader makes one)."""
    del number
    fields: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    notes: list[str] = []
    year: int | None = None
    for name, item in value.items():
        if item is None:
            continue  # `news1:` left empty holds nothing; the file keeps it on write-back
        text = text_of(item)
        if name == "title" and text is not None:
            fields["title"] = from_html(text)
        elif name in ("authors", "author") and isinstance(item, str) and "authors" not in fields:
            fields["authors"] = parse_authors(item)
        elif name == "link" and isinstance(item, dict) and _link_ok(item):
            year = _read_link(item, fields) or year
        elif name == "venue" and text is not None:
            fields["container_title"] = from_html(text)
        elif name == "year" and _year(item) is not None:
            year = _year(item)
        elif name == "description" and text is not None:
            fields["abstract"] = from_html(text)
        else:
            if name == "link" and item is not None:
                notes.append("'link' is not a mapping of text values; kept as written")
            if name == "pub_type" and text is not None:
                fields["type"] = PUB_TYPES.get(text.strip().lower())
            extra.append((name, keep(item)))
    if year is not None:
        fields["issued"] = PartialDate(year)
    kind = fields.pop("type", None) or guess_type(
        fields.get("container_title"), fields.get("container_short")
    )
    return Converted(Publication(key="", type=kind, extra=tuple(extra), **fields), notes)


def _link_ok(link: dict[str, Any]) -> bool:
    return all(isinstance(v, str | None) for v in link.values())


def _read_link(link: dict[str, Any], fields: dict[str, Any]) -> int | None:
    """Fill ``fields`` from a ``link:`` mapping; the year its display states."""
    year: int | None = None
    links: list[Link] = []
    for key, value in link.items():
        if key == "url":
            if value:
                fields["url"] = value
        elif key == "display":
            if value:
                venue, short, year = parse_display(from_html(value))
                fields["container_title"] = venue
                if short:
                    fields["container_short"] = short
        else:
            links.append(Link(key, value or ""))
    if links:
        fields["links"] = tuple(links)
    return year


def to_value(pub: Publication, like: dict[str, Any] | None = None) -> dict[str, Any]:
    """A publication as a publist record, in the shape of ``like`` (the record as read) if given."""
    like = like or {}
    extra = dict(pub.extra)
    out: dict[str, Any] = {}
    if pub.title is not None:
        out["title"] = to_html(pub.title)
    if "image" in extra:
        out["image"] = unkeep(extra.pop("image"))
    if pub.abstract is not None:
        out["description"] = to_html(pub.abstract)
    if pub.authors:
        key = "author" if "author" in like and "authors" not in like else "authors"
        out[key] = ", ".join(person_to_html(p) for p in pub.authors)
    split = "venue" in like or ("year" in like and "link" not in like)
    if split:
        if pub.container_title is not None:
            out["venue"] = to_html(pub.container_title)
        if pub.year is not None:
            out["year"] = pub.year
    link: dict[str, Any] = {}
    if pub.url is not None and safe_url(pub.url):
        link["url"] = pub.url
    if not split:
        old = like.get("link")
        shown = old.get("display") if isinstance(old, dict) else None
        paren = isinstance(shown, str) and _PAREN_YEAR.match(" ".join(shown.split())) is not None
        display = format_display(pub.container_title, pub.container_short, pub.year, paren=paren)
        if display:
            link["display"] = to_html(display)
    for item in pub.links:
        if safe_url(item.url):
            link.setdefault(item.label, item.url)
    if link:
        out["link"] = link
    for name, text in extra.items():
        out.setdefault(name, unkeep(text))
    return out


_UNSHOWN = (
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
    "note",
    "award",
    "keywords",
    "language",
)


def unshown(pub: Publication) -> list[str]:
    """What of ``pub`` a publist record cannot show."""
    lost = [name for name in _UNSHOWN if getattr(pub, name)]
    if parse_authors(", ".join(person_to_html(p) for p in pub.authors)) != pub.authors:
        lost.append("authors' name parts (one comma-separated string)")
    if pub.issued and (pub.issued.month or pub.issued.literal or pub.issued.end):
        lost.append("issued (only the year is shown)")
    if pub.type != guess_type(pub.container_title, pub.container_short) and not pub.get_extra(
        "pub_type"
    ):
        lost.append(f"type {pub.type}")
    if not all(safe_url(url) for url in [pub.url or "", *(link.url for link in pub.links)]):
        lost.append("links with an unsafe URL scheme")
    if len({link.label for link in pub.links}) < len(pub.links):
        lost.append("links with a repeated label")
    return lost
