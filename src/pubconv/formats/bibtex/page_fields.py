"""How a page's labelled links travel in BibTeX fields (placeholder; the Jekyll work owns this).

Contract used by the BibTeX mapping:
  links_to_fields(links) -> [(field name, verbatim value), ...]  in the order to write them
  fields_to_links(fields) -> (links, fields it did not consume)   fields as [(name, value), ...]
"""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.model import Link

LINKS_FIELD = "links"


def links_to_fields(links: Sequence[Link]) -> list[tuple[str, str]]:
    """Fields that carry ``links``."""
    if not links:
        return []
    return [(LINKS_FIELD, "\n".join(f"{link.label}\t{link.url}\t{link.attrs}" for link in links))]


def fields_to_links(fields: Sequence[tuple[str, str]]) -> tuple[tuple[Link, ...], list[tuple[str, str]]]:
    """Links found in ``fields`` and the fields left over."""
    links: list[Link] = []
    rest: list[tuple[str, str]] = []
    for name, value in fields:
        if name.lower() == LINKS_FIELD:
            for line in value.split("\n"):
                label, _, tail = line.partition("\t")
                url, _, attrs = tail.partition("\t")
                links.append(Link(label, url, attrs))
        else:
            rest.append((name, value))
    return tuple(links), rest
