"""lab-website-template records (``_data/citations.yaml``, ``_data/sources.yaml``) <-> model.

==============  =================================================================
YAML key        model
==============  =================================================================
``id``          ``doi:X`` -> ``doi``; any other id (``arxiv:...``) -> ``extra``
``title``       ``title`` (HTML -> model text)
``authors``     ``authors`` (a list of display names, ``Umut Şimşekli``)
``publisher``   ``container_title`` (the template shows the venue here)
``date``        ``issued`` (``2024-12-09``, quoted or not)
``link``        ``url``
``buttons``     ``links``: ``{type, text, link}`` -> ``Link(text or type's label, link)``
``tags``        ``keywords``
anything else   ``extra`` in order (``image``, ``plugin``, ``file``...; non-text as JSON)
==============  =================================================================

The records have no citation key: one is made Google-Scholar style (``birdal2015point``) and
is never written back (``id`` would make the template's Manubot plugin look it up).
"""

from __future__ import annotations

from typing import Any

from pubconv.formats.csljson.dates import parse_text, to_text
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

#: Button type -> the label of its link (the template's own button names).
TYPE_LABELS = {
    "paper": "Paper",
    "preprint": "Preprint",
    "source": "Code",
    "website": "Website",
    "video": "Video",
    "slides": "Slides",
    "poster": "Poster",
    "data": "Dataset",
    "blog": "Blog",
}
_LABEL_TYPES = {
    **{label.lower(): kind for kind, label in TYPE_LABELS.items()},
    "pdf": "paper",
    "html": "paper",
    "arxiv": "preprint",
    "source": "source",
    "project": "website",
    "project page": "website",
    "supplementary": "paper",
}
_MAPPED = ("title", "authors", "publisher", "date", "link", "buttons", "tags")
_BUTTON_KEYS = frozenset({"type", "text", "link"})


def check(value: Any) -> str | None:
    """Why ``value`` is not a lab-website-template record (``None`` if it is one)."""
    if not isinstance(value, dict):
        return "not a mapping"
    if "title" not in value and "id" not in value:
        return "it has neither 'title' nor 'id'"
    if isinstance(value.get("authors"), str):
        return "'authors' is one string (a publist.yml list? try --from publist)"
    return None


def _date(value: Any) -> PartialDate | None:
    text = text_of(value)
    return parse_text(text.strip()) if text is not None else None


def _persons(value: Any) -> tuple[Person, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(person_from_html(v) for v in value if v.strip())


def _links(value: Any) -> tuple[Link, ...] | None:
    if not isinstance(value, list):
        return None
    links: list[Link] = []
    for button in value:
        if not isinstance(button, dict) or not set(button) <= _BUTTON_KEYS:
            return None
        kind, text, url = button.get("type"), button.get("text"), button.get("link")
        if not isinstance(url, str) or not all(isinstance(v, str | None) for v in (kind, text)):
            return None
        label = text or TYPE_LABELS.get(kind or "", kind or "Link")
        links.append(Link(label, url))
    return tuple(links)


def _keywords(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def convert(value: dict[str, Any], number: int) -> Converted:
    """One record -> a publication (key ``""``: the reader makes one)."""
    del number
    fields: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    notes: list[str] = []
    readers = {"authors": _persons, "buttons": _links, "tags": _keywords}
    targets = {"authors": "authors", "buttons": "links", "tags": "keywords"}
    for name, item in value.items():
        if item is None:
            continue  # `news1:` left empty holds nothing; the file keeps it on write-back
        if name == "id" and isinstance(item, str) and item.lower().startswith("doi:"):
            fields["doi"] = item[4:]
        elif name == "title" and text_of(item) is not None:
            fields["title"] = from_html(str(item))
        elif name == "publisher" and text_of(item) is not None:
            fields["container_title"] = from_html(str(item))
        elif name == "date" and text_of(item) is not None:
            fields["issued"] = _date(item)
        elif name == "link" and isinstance(item, str) and item.strip():
            fields["url"] = item
        elif name in readers and (parsed := readers[name](item)) is not None:
            fields[targets[name]] = parsed
        else:
            if name in _MAPPED and item is not None:
                notes.append(f"{name!r} is not in the template's form; kept as written")
            extra.append((name, keep(item)))
    pub = Publication(
        key="",
        type=guess_type(fields.get("container_title"), None),
        extra=tuple(extra),
        **fields,
    )
    return Converted(pub, notes)


def _button(link: Link) -> dict[str, str]:
    kind = _LABEL_TYPES.get(link.label.strip().lower())
    if kind is not None and TYPE_LABELS[kind] == link.label:
        return {"type": kind, "link": link.url}
    return {"type": kind or "link", "text": link.label, "link": link.url}


def to_value(pub: Publication, like: dict[str, Any] | None = None) -> dict[str, Any]:
    """A publication as a template record (keys in the order the template's own files use)."""
    del like  # one shape only
    out: dict[str, Any] = {}
    extra = dict(pub.extra)
    if "id" in extra:
        out["id"] = unkeep(extra.pop("id"))
    elif pub.doi:
        out["id"] = f"doi:{pub.doi}"
    if pub.title is not None:
        out["title"] = to_html(pub.title)
    if pub.authors:
        out["authors"] = [person_to_html(p) for p in pub.authors]
    if pub.issued is not None:
        out["date"] = to_text(pub.issued) or pub.issued.literal or pub.issued.iso()
    if pub.container_title is not None:
        out["publisher"] = to_html(pub.container_title)
    if "image" in extra:
        out["image"] = unkeep(extra.pop("image"))
    if pub.url is not None and safe_url(pub.url):
        out["link"] = pub.url
    buttons = [_button(link) for link in pub.links if safe_url(link.url)]
    if buttons:
        out["buttons"] = buttons
    if pub.keywords:
        out["tags"] = list(pub.keywords)
    for name, text in extra.items():
        if name not in out:
            out[name] = unkeep(text)
    return out


_UNSHOWN = (
    "editors",
    "container_short",
    "collection_title",
    "volume",
    "issue",
    "number",
    "pages",
    "edition",
    "publisher",
    "publisher_place",
    "isbn",
    "issn",
    "abstract",
    "note",
    "award",
    "language",
)


def unshown(pub: Publication) -> list[str]:
    """What of ``pub`` a template record cannot show."""
    lost = [name for name in _UNSHOWN if getattr(pub, name)]
    if tuple(person_from_html(person_to_html(p)) for p in pub.authors) != pub.authors:
        lost.append("authors' name parts (display names only)")
    urls = [pub.url or "", *(link.url for link in pub.links)]
    if not all(safe_url(url) for url in urls):
        lost.append("links with an unsafe URL scheme")
    if pub.doi and pub.get_extra("id") is not None:
        lost.append("doi")
    if pub.type != guess_type(pub.container_title, None):
        lost.append(f"type {pub.type}")
    return lost
