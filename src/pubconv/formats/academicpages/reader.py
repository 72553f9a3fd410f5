"""Reading academicpages ``_publications/*.md`` files: one file, one :class:`Publication`.

The file's whole text is ``origin.raw``, so an untouched record is written back byte-identical.
Authors, volume, issue and pages that a site keeps only inside the formatted ``citation`` are
recovered from it, with one located warning per record naming the fields taken that way.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from pubconv.errors import Diagnostic, error, warning
from pubconv.formats.academicpages.citation import recover
from pubconv.formats.academicpages.mapping import (
    CATEGORY_TYPES,
    KNOWN,
    SCALARS,
    from_html,
    read_authors,
    read_date,
    read_links,
)
from pubconv.formats.frontmatter import Page, parse, strings, text_of
from pubconv.formats.jekyll.keys import KeyMaker, base_key
from pubconv.formats.jekyll.text import from_page
from pubconv.formats.jekyll.venue import guess_type
from pubconv.model import Bibliography, Origin, Publication, Verbatim, with_origin
from pubconv.registry import Source

FORMAT_NAME = "academicpages"
#: Lines the template's generator adds to the body; they repeat front matter, not the abstract.
_GENERATED = ("[Download paper here](", "Recommended citation:", "[Download slides here](")


def abstract_of(body: str) -> str | None:
    """The body as model text: an ``## Abstract`` heading and generated lines left out."""
    lines = [ln for ln in body.strip().splitlines() if not ln.strip().startswith(_GENERATED)]
    if (
        lines
        and lines[0].strip().lstrip("#").strip().lower() == "abstract"
        and (lines[0].lstrip().startswith("#"))
    ):
        lines = lines[1:]
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip())
    # a single newline inside a Markdown paragraph is a soft break: a space
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return from_page(text) if text else None


def _type(data: dict[str, object], venue: str | None) -> str:
    explicit = text_of(data.get("csl_type"))
    if explicit:
        return explicit
    category = text_of(data.get("category"))
    if category in CATEGORY_TYPES:
        return CATEGORY_TYPES[category]
    if text_of(data.get("journal")):
        return "article-journal"
    if venue and " " not in venue.strip():  # an acronym venue (``PLDI``) names a conference
        return guess_type(None, venue)
    return guess_type(venue, text_of(data.get("venue_short")))


def to_publication(page: Page, path: str | None) -> tuple[Publication, list[Diagnostic]]:
    """One file's front matter and body -> a publication (key still to be made unique)."""
    data = page.data
    notes: list[Diagnostic] = []
    title = text_of(data.get("title"))
    venue_text = text_of(data.get("venue")) or text_of(data.get("journal"))
    venue = from_html(venue_text) if venue_text else None
    short = text_of(data.get("venue_short"))
    pub = Publication(
        key="",
        type=_type(data, venue),
        title=from_html(title) if title else None,
        authors=read_authors(data.get("authors")),
        editors=read_authors(data.get("editors")),
        issued=read_date(data.get("date"), data.get("year"), data.get("month")),
        container_title=venue,
        container_short=from_html(short) if short else None,
        keywords=tuple(
            k.strip() for k in ",".join(strings(data.get("keywords"))).split(",") if k.strip()
        ),
        links=read_links(data),
        abstract=abstract_of(page.body),
        extra=tuple(
            (str(key), text)
            for key, value in data.items()
            if str(key) not in KNOWN and (text := text_of(value)) is not None
        ),
    )
    scalars: dict[str, Any] = {attr: text_of(data.get(key)) for attr, key in SCALARS.items()}
    pub = dataclasses.replace(pub, **{a: v for a, v in scalars.items() if v})
    cited = text_of(data.get("citation"))
    if cited:
        got = recover(cited)
        taken: dict[str, Any] = {}
        if not pub.authors and got.authors:
            taken["authors"] = got.authors
        for attr in ("volume", "issue", "pages"):
            if getattr(pub, attr) is None and getattr(got, attr):
                taken[attr] = getattr(got, attr)
        if taken:
            pub = dataclasses.replace(pub, **taken)
            notes.append(
                warning(
                    f"{', '.join(taken)} recovered from the formatted citation string",
                    path,
                    page.line_of("citation"),
                    1,
                )
            )
    if not title:
        notes.append(error("no title in the front matter", path, page.line_of("title"), 1))
    return pub, notes


def read(sources: Sequence[Source]) -> Bibliography:
    """Read publication files as one database (keys unique across them); never raises."""
    bib = Bibliography(source_format=FORMAT_NAME)
    keys = KeyMaker()
    for source in sources:
        page, notes = parse(source.text, source.path)
        if not notes and not page.has_front_matter:
            if source.text.strip():
                notes = [error("no YAML front matter (--- lines) in this file", source.path, 1, 1)]
            else:
                bib.diagnostics.append(warning("empty file, nothing to read", source.path, 1, 1))
                continue
        if notes:
            bib.diagnostics.extend(notes)
            bib.blocks.append(Verbatim(FORMAT_NAME, source.text, "failed"))
            continue
        pub, notes = to_publication(page, source.path)
        if any(n.severity.value == "error" for n in notes):
            bib.diagnostics.extend(notes)
            bib.blocks.append(Verbatim(FORMAT_NAME, source.text, "failed"))
            continue
        key = keys.make(base_key(pub))
        pub = dataclasses.replace(pub, key=key)
        bib.diagnostics.extend(dataclasses.replace(n, key=key) for n in notes)
        origin = Origin(FORMAT_NAME, source.path, 1, 1, source.text)
        bib.blocks.append(with_origin(pub, origin))
    return bib
