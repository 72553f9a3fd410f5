"""Writing academicpages ``_publications/`` files: the template's names and permalinks.

An untouched record is its file's original text; a changed one has only the front-matter keys
whose derived value changed updated in place (comments, order, quoting and unknown keys stay),
and its body replaced only when the abstract changed.  New records get the template's file name
``YYYY-MM-DD-slug.md`` and permalink ``/publication/YYYY-MM-DD-slug``.
"""

from __future__ import annotations

import os

from pubconv.formats.academicpages.mapping import front_matter, stem
from pubconv.formats.academicpages.reader import FORMAT_NAME
from pubconv.formats.frontmatter import fresh, parse, patch, render
from pubconv.formats.jekyll.text import to_page
from pubconv.model import Bibliography, Publication
from pubconv.registry import Tree, WriteOptions

#: Keys derived for display only: updated where a file has them, never added to one without.
PRESENTATION = frozenset({"citation", "collection", "permalink"})


def _body(pub: Publication) -> str:
    return f"\n{to_page(pub.abstract)}\n" if pub.abstract else ""


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate + ".md" in taken:
        candidate = f"{name}-{n}"
        n += 1
    return candidate


def _rewrite(pub: Publication, name_stem: str) -> str:
    """A changed record read from a file: update that file's text."""
    assert pub.origin is not None and pub.origin.as_read is not None
    before = pub.origin.as_read
    page, notes = parse(pub.origin.raw, pub.origin.path)
    if notes or not page.has_front_matter:
        return render(fresh(front_matter(pub, name_stem)), _body(pub))
    body = page.body if pub.abstract == before.abstract else _body(pub)
    return patch(
        pub.origin.raw,
        page,
        front_matter(before, name_stem),
        front_matter(pub, name_stem),
        body,
        PRESENTATION,
    )


def write_tree(bib: Bibliography, options: WriteOptions) -> Tree:
    """``[(file name, text)]`` for every publication, in order."""
    del options  # no academicpages-specific options
    tree: Tree = []
    taken: set[str] = set()
    pending: list[Publication] = []
    for pub in bib.publications:
        origin = pub.origin
        if origin is not None and origin.format == FORMAT_NAME and origin.path:
            name = os.path.basename(origin.path)
            if name not in taken:
                taken.add(name)
                text = origin.raw if pub.is_unchanged() else _rewrite(pub, name.rsplit(".", 1)[0])
                tree.append((name, text))
                continue
        pending.append(pub)
    for pub in pending:
        name_stem = _unique(stem(pub), taken)
        taken.add(name_stem + ".md")
        tree.append((name_stem + ".md", render(fresh(front_matter(pub, name_stem)), _body(pub))))
    return tree
