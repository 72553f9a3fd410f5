"""The HugoBlox/Wowchemy field table: ``content/publication/<slug>/index.md`` <-> model.

Both directions live here.  ``front_matter(pub)`` is what a record derives; the writer touches
only keys whose derived value changed.  What ``index.md`` has no key for (volume, pages,
publisher, ...) lives in the ``cite.bib`` beside it.  The table is in ``docs/layouts.md``.
"""

from __future__ import annotations

import dataclasses
import re

from pubconv.formats.frontmatter import Value, safe_url, strings, text_of
from pubconv.formats.jekyll.keys import fold
from pubconv.formats.jekyll.text import from_page, to_page
from pubconv.model import Link, PartialDate, Person, Publication
from pubconv.names import parse_display_name

#: Old Academic/Wowchemy numeric ``publication_types`` -> CSL type.
OLD_TYPES = {
    "0": "document",
    "1": "paper-conference",
    "2": "article-journal",
    "3": "article",
    "4": "report",
    "5": "book",
    "6": "chapter",
    "7": "thesis",
    "8": "patent",
}
#: ``url_*`` keys -> link label (and back).
URL_KEYS = {
    "url_pdf": "PDF",
    "url_code": "Code",
    "url_dataset": "Dataset",
    "url_poster": "Poster",
    "url_project": "Project",
    "url_slides": "Slides",
    "url_source": "Source",
    "url_video": "Video",
    "url_preprint": "Preprint",
}
#: ``author_notes`` text <-> the role a Jekyll page marks with ``*`` or ``†``.
NOTE_ROLES = (("equal", "Equal Contribution"), ("corresponding", "Corresponding Author"))
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
_EMPHASIS = re.compile(r"^\s*(\*{1,3}|_{1,3})(.+?)\1(.*)$", re.DOTALL)
_VOLUME_ISSUE = re.compile(r"^,?\s*(\d{1,6})\s*(?:\(([^()]{1,20})\))?\s*$")
_YEAR_TAIL = re.compile(r"^,?\s*\((\d{4})\)\s*$")


def read_type(value: object) -> str | None:
    """``publication_types: ['paper-conference']`` or the old ``['1']`` -> a CSL type."""
    names = strings(value)
    if not names:
        return None
    first = names[0].strip().strip("'\"")
    return OLD_TYPES.get(first, first)


def read_publication(value: str) -> tuple[str | None, str | None, str | None]:
    """``'*Coatings*, 12(10)'`` -> ``("Coatings", "12", "10")``; a plain name is the container.

    Only a tail that is clearly a volume, ``volume(issue)`` or ``(year)`` is split off; any
    other text stays part of the container name, so nothing is dropped.
    """
    text = value.strip()
    match = _EMPHASIS.match(text)
    if match is None:
        return (from_page(text) or None), None, None
    name, tail = match.group(2).strip(), match.group(3).strip()
    name = name.strip("*_ ")
    if not tail or _YEAR_TAIL.match(tail):
        return from_page(name), None, None
    numbers = _VOLUME_ISSUE.match(tail)
    if numbers is not None:
        return from_page(name), numbers.group(1), numbers.group(2)
    joined = f"{name} {tail}" if tail[:1] != "," else f"{name}{tail}"
    return from_page(" ".join(joined.split())), None, None


def write_publication(pub: Publication) -> str | None:
    """The container as the theme shows it: ``*Name*, 12(10)``."""
    if not pub.container_title:
        return None
    text = f"*{to_page(pub.container_title)}*"
    if pub.volume and re.fullmatch(r"\d{1,6}", pub.volume):
        text += f", {pub.volume}"
        if pub.issue and re.fullmatch(r"[^()]{1,20}", pub.issue):
            text += f"({pub.issue})"
    return text


def is_slug(name: str) -> bool:
    """A profile folder name such as ``florian-willomitzer`` (not a display name)."""
    return _SLUG.fullmatch(name) is not None


def _tokens(person: Person) -> list[str]:
    return [fold(t) for t in re.split(r"[\s\-.]+", person.display()) if fold(t)]


def resolve_author(name: str, known: tuple[Person, ...]) -> Person:
    """A display name or a profile slug, as ``cite.bib`` splits that name (else parsed/title-cased)."""
    if not is_slug(name):
        same = [p for p in known if _tokens(p) == _tokens(parse_display_name(name))]
        # cite.bib knows how the name splits (``{Van der Berg}, Anna``); a display name does not
        return same[0] if same else parse_display_name(name)
    parts = name.split("-")
    for person in known:
        tokens = _tokens(person)
        if tokens == parts or (
            len(parts) >= 2
            and len(tokens) >= 2
            and tokens[-1] == parts[-1]
            and (tokens[0].startswith(parts[0]) or parts[0].startswith(tokens[0]))
        ):
            return person  # ``murali-balaji`` is cite.bib's ``Balaji, Muralidhar Madabhushi``
    return parse_display_name(" ".join(p.capitalize() for p in parts))


def with_notes(authors: tuple[Person, ...], notes: object) -> tuple[Person, ...]:
    """Authors with the roles their ``author_notes`` (one per author) name."""
    if not isinstance(notes, list):
        return authors
    out = []
    for i, person in enumerate(authors):
        note = (text_of(notes[i]) or "").lower() if i < len(notes) else ""
        roles = tuple(role for role, _ in NOTE_ROLES if role[:5] in note)
        out.append(dataclasses.replace(person, roles=roles) if roles else person)
    return tuple(out)


def write_notes(authors: tuple[Person, ...]) -> list[str] | None:
    """``author_notes`` for authors with roles, ``None`` when no author has one."""
    if not any(set(p.roles) & {role for role, _ in NOTE_ROLES} for p in authors):
        return None
    return [
        ", ".join(text for role, text in NOTE_ROLES if role in person.roles) for person in authors
    ]


def read_date(value: object) -> PartialDate | None:
    """``'2024-08-16'``; ``YYYY-01-01`` is how the theme's importer writes a year-only date."""
    text = text_of(value)
    if not text:
        return None
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", text)
    if m is None:
        return PartialDate(literal=text)
    year, month, day = (int(g) if g else None for g in m.groups())
    if (month, day) in ((1, 1), (None, None)):
        return PartialDate(year)
    return PartialDate(year, month, day)


def write_date(date: PartialDate | None) -> str | None:
    """ISO date; a year alone becomes ``YYYY-01-01`` (the theme needs a full date)."""
    if date is None:
        return None
    if date.year is None:
        return date.literal
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"


def read_links(data: dict[str, object]) -> tuple[Link, ...]:
    """``url_pdf`` ... ``url_preprint`` with a value, then ``links: [{name, url}]``."""
    links = [Link(label, url) for key, label in URL_KEYS.items() if (url := text_of(data.get(key)))]
    extra = data.get("links")
    if isinstance(extra, list):
        for item in extra:
            if isinstance(item, dict):
                name, url = text_of(item.get("name")), text_of(item.get("url"))
                if name and url:
                    links.append(Link(name, url))
    return tuple(links)


def front_matter(pub: Publication) -> dict[str, Value]:
    """The keys ``pub`` derives, in the theme's example order."""
    data: dict[str, Value] = {"title": pub.title or ""}
    data["authors"] = [
        "et al." if p.is_others else (p.display() or p.literal or "") for p in pub.authors
    ]
    notes = write_notes(pub.authors)
    if notes is not None:
        data["author_notes"] = notes
    date = write_date(pub.issued)
    if date:
        data["date"] = date
    data["publication_types"] = [pub.type]
    venue = write_publication(pub)
    if venue:
        data["publication"] = venue
    if pub.container_short:
        data["publication_short"] = to_page(pub.container_short)
    if pub.abstract:
        data["abstract"] = to_page(pub.abstract)
    summary = pub.get_extra("summary")
    if summary:
        data["summary"] = summary
    featured = pub.get_extra("featured")
    if featured in ("true", "false"):
        data["featured"] = featured == "true"
    projects = pub.get_extra("projects")
    if projects:
        data["projects"] = [p.strip() for p in projects.split(",") if p.strip()]
    if pub.doi:
        data["doi"] = pub.doi
    if pub.keywords:
        data["tags"] = list(pub.keywords)
    labels = {label.lower(): key for key, label in URL_KEYS.items()}
    others: list[dict[str, str]] = []
    for link in pub.links:
        if not safe_url(link.url):
            continue  # reported by ``unsafe_links`` through the format's ``unshown``
        key = labels.get(link.label.lower())
        if key is not None and key not in data and URL_KEYS[key] == link.label:
            data[key] = link.url
        else:
            others.append({"name": link.label, "url": link.url})
    if others:
        data["links"] = others
    return data
