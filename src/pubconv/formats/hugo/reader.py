"""Reading HugoBlox/Wowchemy publication folders: ``<slug>/index.md`` and ``<slug>/cite.bib``.

One folder is one record.  ``index.md`` is what the site shows, so its title, authors, date,
type and venue win; ``cite.bib`` fills in what the front matter has no key for (volume, pages,
publisher ...) and gives the citation key.  Where the two files say different things (a
reworded title, another year, another DOI or author list) a located warning says so.

``origin.raw`` is ``index.md``'s text; ``cite.bib``'s text follows the record as a
``Verbatim(kind="cite.bib")`` block, so both files are written back byte-identical.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence

from pubconv.errors import Diagnostic, Severity, error, warning
from pubconv.formats.bibtex.reader import read as read_bibtex
from pubconv.formats.frontmatter import Page, parse, strings, text_of
from pubconv.formats.hugo.mapping import (
    read_date,
    read_links,
    read_publication,
    read_type,
    resolve_author,
    with_notes,
)
from pubconv.formats.jekyll.keys import KeyMaker, fold
from pubconv.formats.jekyll.text import from_page
from pubconv.model import Bibliography, Origin, Publication, Verbatim, with_origin
from pubconv.registry import Source

FORMAT_NAME = "hugo"
BIB_KIND = "cite.bib"
INDEX_NAMES = ("index.md", "index.markdown")
_STRIP = re.compile(r"<[^<>]*>|[{}\\*_]")  # `[^<>]`: linear on a run of `<`


def _index_publication(page: Page, bib_pub: Publication | None) -> Publication:
    """index.md's front matter -> a publication (cite.bib's names resolve profile slugs)."""
    data = page.data
    known = bib_pub.authors if bib_pub is not None else ()
    venue, volume, issue = read_publication(text_of(data.get("publication")) or "")
    abstract = text_of(data.get("abstract"))
    short = text_of(data.get("publication_short"))
    title = text_of(data.get("title"))
    return Publication(
        key="",
        type=read_type(data.get("publication_types")) or "article-journal",
        title=title,
        authors=with_notes(
            tuple(resolve_author(n, known) for n in strings(data.get("authors"))),
            data.get("author_notes"),
        ),
        issued=read_date(data.get("date")),
        container_title=venue,
        container_short=from_page(short) if short else None,
        volume=volume,
        issue=issue,
        doi=text_of(data.get("doi")),
        abstract=from_page(abstract) if abstract else None,
        keywords=tuple(strings(data.get("tags"))),
        links=read_links(data),
        extra=_extra(data),
    )


def _extra(data: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """``summary``, ``featured`` and ``projects``: theme keys a record carries to other formats."""
    out: list[tuple[str, str]] = []
    summary = text_of(data.get("summary"))
    if summary:
        out.append(("summary", summary))
    if isinstance(data.get("featured"), bool):
        out.append(("featured", "true" if data["featured"] else "false"))
    projects = strings(data.get("projects"))
    if projects:
        out.append(("projects", ", ".join(projects)))
    return tuple(out)


def _comparable(text: str | None) -> str:
    return fold(_STRIP.sub("", text or ""))


def _disagreements(index: Publication, bib: Publication) -> list[tuple[str, str, str, str]]:
    """``(index.md key, what, index.md's value, cite.bib's value)`` for each difference."""
    out: list[tuple[str, str, str, str]] = []
    if index.title and bib.title and _comparable(index.title) != _comparable(bib.title):
        out.append(("title", "title", index.title, bib.title))
    if index.year is not None and bib.year is not None and index.year != bib.year:
        out.append(("date", "year", str(index.year), str(bib.year)))
    if index.doi and bib.doi and index.doi.lower() != bib.doi.lower():
        out.append(("doi", "DOI", index.doi, bib.doi))
    if index.authors and bib.authors:
        mine = [fold(p.family or p.literal or "") for p in index.authors]
        theirs = [fold(p.family or p.literal or "") for p in bib.authors]
        if mine != theirs:
            out.append(
                (
                    "authors",
                    "authors",
                    ", ".join(p.display() for p in index.authors),
                    ", ".join(p.display() for p in bib.authors),
                )
            )
    return out


def _merge(index: Publication, bib: Publication) -> Publication:
    """index.md's values, with cite.bib's for every field index.md leaves empty."""
    changes: dict[str, object] = {}
    for f in dataclasses.fields(Publication):
        if f.name in ("key", "origin", "hints", "type"):
            continue
        mine, theirs = getattr(index, f.name), getattr(bib, f.name)
        if f.name == "links":
            same = sorted((ln.label, ln.url) for ln in theirs) == sorted(
                (ln.label, ln.url) for ln in mine
            )
            if not mine or same:
                changes["links"] = theirs  # cite.bib keeps their order and attributes
        elif f.name == "issued" and mine is not None and theirs is not None:
            if mine.year == theirs.year and mine.month is None:
                changes["issued"] = theirs  # index.md's YYYY-01-01 says only the year
        elif f.name == "extra":
            changes["extra"] = tuple(theirs) + tuple(p for p in mine if p not in theirs)
        elif not mine and theirs:
            changes[f.name] = theirs
    return dataclasses.replace(index, key=bib.key, hints=bib.hints, **changes)  # type: ignore[arg-type]


class _FolderReader:
    """One paper folder: its ``index.md`` and ``cite.bib`` sources."""

    def __init__(self, bib: Bibliography, keys: KeyMaker) -> None:
        self.bib = bib
        self.keys = keys

    def _cite(self, source: Source) -> Publication | None:
        part = read_bibtex([source])
        pubs = part.publications
        self.bib.diagnostics.extend(part.diagnostics)
        if len(pubs) > 1:
            self.bib.diagnostics.append(
                warning(f"cite.bib holds {len(pubs)} entries; the first is used", source.path, 1, 1)
            )
        return pubs[0] if pubs else None

    def read(self, folder: str, index: Source | None, cite: Source | None) -> None:
        bib_pub = self._cite(cite) if cite is not None and cite.text.strip() else None
        page: Page | None = None
        notes: list[Diagnostic] = []
        if index is not None and index.text.strip():
            page, notes = parse(index.text, index.path)
            if not notes and not page.has_front_matter:
                notes = [error("no YAML front matter (--- lines) in index.md", index.path, 1, 1)]
        if notes:
            self.bib.diagnostics.extend(notes)
            assert index is not None
            self.bib.blocks.append(Verbatim(FORMAT_NAME, index.text, "failed"))
            return
        if page is None and bib_pub is None:
            where = index.path if index is not None else (cite.path if cite else folder)
            self.bib.diagnostics.append(
                warning(
                    "empty publication folder (no front matter, no cite.bib entry)", where, 1, 1
                )
            )
            return
        if page is None:
            assert bib_pub is not None and cite is not None
            pub = dataclasses.replace(bib_pub, key=self.keys.make(bib_pub.key))
            origin = Origin(FORMAT_NAME, cite.path, 1, 1, "")
        else:
            assert index is not None
            pub = _index_publication(page, bib_pub)
            if bib_pub is not None:
                for key, what, mine, theirs in _disagreements(pub, bib_pub):
                    self.bib.diagnostics.append(
                        Diagnostic(
                            Severity.WARNING,
                            f"index.md and cite.bib disagree on the {what}: index.md has "
                            f"{mine!r}, cite.bib has {theirs!r} (index.md's is used)",
                            index.path,
                            page.line_of(key),
                            1,
                            bib_pub.key,
                        )
                    )
                pub = _merge(pub, bib_pub)
            else:
                pub = dataclasses.replace(pub, key=fold(os.path.basename(folder)) or "paper")
            if not pub.title:
                self.bib.diagnostics.append(
                    error("no title in index.md or cite.bib", index.path, page.line_of("title"), 1)
                )
                self.bib.blocks.append(Verbatim(FORMAT_NAME, index.text, "failed"))
                return
            pub = dataclasses.replace(pub, key=self.keys.make(pub.key))
            origin = Origin(FORMAT_NAME, index.path, 1, 1, index.text)
        self.bib.blocks.append(with_origin(pub, origin))
        if cite is not None:
            self.bib.blocks.append(
                Verbatim(
                    FORMAT_NAME,
                    cite.text,
                    BIB_KIND,
                    Origin(FORMAT_NAME, cite.path, 1, 1, cite.text),
                )
            )


def read(sources: Sequence[Source]) -> Bibliography:
    """Read paper folders as one database; sources are grouped by the folder they sit in.

    A source named ``cite.bib`` is a folder's BibTeX, any other is its ``index.md``.
    """
    bib = Bibliography(source_format=FORMAT_NAME)
    folders: dict[str, dict[str, Source]] = {}
    for source in sources:
        path = source.path or ""
        kind = "cite" if os.path.basename(path) == "cite.bib" else "index"
        folder = folders.setdefault(os.path.dirname(path), {})
        if kind in folder:  # two index files given for one folder: read them apart
            folder = folders.setdefault(path, {})
        folder[kind] = source
    keys = KeyMaker()
    reader = _FolderReader(bib, keys)
    for where, parts in folders.items():
        reader.read(where, parts.get("index"), parts.get("cite"))
    return bib
