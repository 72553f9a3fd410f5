"""citeproc-py calls, run in the main process or in workers: sort keys and marked entry text
for prepared items, with each cite's number, names to show and given names in full set in
advance (citeproc-py's own bibliography object does the element-by-element rendering)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import nullcontext
from functools import cached_property
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography

from pubconv.citation import csl, decorations, fixes, labels, quotemarks, styles
from pubconv.citation import markup as mk
from pubconv.citation.csl import AMBIGUOUS_FLAG, HIGHLIGHT_FLAG
from pubconv.citation.fixes.pruning import know_item, new_bibliography
from pubconv.citation.style import Style
from pubconv.citation.variables import NAME_VARIABLES, NUMBER_VARIABLES, Source
from pubconv.errors import CitationError

_SORTED_AS_NUMBERS = NUMBER_VARIABLES - {"locator", "page", "page-first", "citation-number"}
"""Number variables whose sort key is their number: CSL 1.0.2 "Sorting" returns them "as
integers"; one with a letter prefix or suffix (``2a``, ``D2``; numeric in CSL's sense) sorts
by its number, not after every number as text did.  Pages, locators and citation numbers keep
citeproc-py's keys."""
_NUMERIC = re.compile(r"^[A-Za-z]*(\d+)[A-Za-z]*$")


class _Item(CitationItem):  # type: ignore[misc]
    """A cite whose ``citation-number`` is its final bibliography position, set in advance."""

    @property
    def number(self) -> int:
        return int(dict.get(self, "pubconv_number", 1))

    @cached_property
    def reference(self) -> Any:
        """The cited reference, looked up once and then read as a plain attribute (a
        non-data descriptor: the instance's own value comes first): citeproc-py read it
        through two properties and a dictionary on every access (half a million times for
        1,000 entries), a property of pubconv's still cost a call for each of some 160,000."""
        return self.bibliography.source[self.key]


def _in_full(item: csl.CslItem, positions: Sequence[int]) -> csl.CslItem:
    """``item`` with the given names of its cited names at ``positions`` flagged to be written
    in full (:data:`markup.FULL_GIVEN`)."""
    variable = "author" if item.get("author") else "editor"
    names = [dict(n) for n in item.get(variable) or []]
    for position in positions:
        if position < len(names) and names[position].get("given"):
            names[position]["given"] = mk.FULL_GIVEN[0] + str(names[position]["given"])
    return {**item, variable: names}


def _bibliography(
    style: Style,
    items: Sequence[csl.CslItem],
    numbers: Sequence[int] | None = None,
    shown: Sequence[int] | None = None,
    full: Sequence[Sequence[int]] | None = None,
) -> tuple[Any, list[Any]]:
    data = []
    flagged: list[tuple[str, str, int]] = []
    ambiguous: set[int] = set()
    for index, item in enumerate(items):
        ident = f"i{index}"
        if style.labels:
            item = labels.with_label(item, suffixed=style.suffixed_labels)
        if full is not None and full[index]:
            item = _in_full(item, full[index])
        if AMBIGUOUS_FLAG in item:
            ambiguous.add(index)
            item = {k: v for k, v in item.items() if k != AMBIGUOUS_FLAG}
        entry = {"id": ident, **item}
        for var, value in item.items():
            if isinstance(value, list) and any(HIGHLIGHT_FLAG in n for n in value):
                entry[var] = [{k: v for k, v in n.items() if k != HIGHLIGHT_FLAG} for n in value]
                flagged.extend((ident, var, i) for i, n in enumerate(value) if HIGHLIGHT_FLAG in n)
        data.append(entry)
    source = Source(data)
    for ident, var, i in flagged:
        names = source[ident][var.replace("-", "_")]
        names[i] = fixes.HighlightedName(names[i])
    bib = CitationStylesBibliography(style, source, fixes.FORMATTER)
    new_bibliography()
    cites = []
    for index in range(len(items)):
        cite = _Item(f"i{index}")
        if numbers is not None:
            cite["pubconv_number"] = numbers[index]
        if shown is not None and shown[index]:
            cite[fixes.SHOWN_KEY] = shown[index]
        if index in ambiguous:
            cite[fixes.AMBIGUOUS_KEY] = True
        cites.append(cite)
    _register(bib, Citation(cites))
    for cite in cites:
        know_item(cite)
    return bib, cites


def _register(bib: Any, citation: Any) -> None:
    """citeproc-py's ``CitationStylesBibliography.register`` (each cite whose key the source
    holds, once, in order) with the keys seen kept in a set: it tested each key against the
    list of the keys before it, 500,000 comparisons for 1,000 entries, in every pass."""
    citation.bibliography = bib
    seen = set(bib.keys)
    for item in citation.cites:
        if item.key in bib.source and item.key not in seen:
            seen.add(item.key)
            bib.keys.append(item.key)
            bib.items.append(item)


def compute_sort_keys(
    style: Style, items: Sequence[csl.CslItem], columns: Sequence[int] | None = None
) -> list[list[str | None]]:
    """Per item, the bibliography sort keys (plain text, markers removed; ``None`` = empty);
    only the keys at ``columns`` when given (:mod:`.sortkeys` computes later keys for ties)."""
    sort = style.root.bibliography.find(f"{{{styles.CSL_NS}}}sort")
    if sort is None:
        return [[] for _ in items]
    _, cites = _bibliography(style, items)
    layout = style.root.bibliography.layout
    keys = sort.findall(f"{{{styles.CSL_NS}}}key")
    if columns is not None:
        keys = [keys[c] for c in columns]
    names = [str(k.get("variable", "")) in NAME_VARIABLES for k in keys]
    numbers = [str(k.get("variable", "")) in _SORTED_AS_NUMBERS for k in keys]
    out: list[list[str | None]] = []
    with fixes.sorting():
        for cite in cites:
            row: list[str | None] = []
            for key, of_names, of_number in zip(keys, names, numbers, strict=True):
                value = key.sort_keys([cite], layout)[0]
                text = "" if value is None else mk.strip(str(value))
                if of_names:
                    # citeproc-py joins the names by ";", which collation would read as one
                    # word (``j.;schwartz``): each name is compared on its own, as in pandoc
                    text = text.replace(";", ", ")
                elif of_number:
                    text = _NUMERIC.sub(r"\1", text)
                row.append(text or None)
            out.append(row)
    return out


def render_marked(
    style: Style,
    items: Sequence[csl.CslItem],
    numbers: Sequence[int],
    shown: Sequence[int] | None = None,
    full: Sequence[Sequence[int]] | None = None,
) -> list[str]:
    """Marked text of each item's bibliography entry ("" when the style renders nothing);
    ``shown``: names each entry must show (:func:`disambiguate.names_to_show`); ``full``:
    which of them in full (:func:`disambiguate.given_names_in_full`)."""
    _, cites = _bibliography(style, items, numbers, shown, full)
    layout = style.root.bibliography.layout
    mark = style.author_substitute is not None
    marks = _quote_marks(layout)
    out = []
    implicit = style.implicit_year_suffix
    # the settings that hold for every entry are made once for the run (a context manager
    # per entry cost some 4 ms per 1,000); an implicit year suffix is each entry's own
    with fixes.marking_names() if mark else nullcontext(), fixes.implicit_year_suffix(""):
        for cite in cites:
            try:
                if implicit:
                    suffix = cite.reference.get("year_suffix", "")
                    with fixes.implicit_year_suffix(str(suffix or "")):
                        rendered = layout.render_bibliography([cite])
                else:
                    rendered = layout.render_bibliography([cite])
            except Exception as exc:  # citeproc-py fails on odd data; say which entry
                raise CitationError(f"citeproc-py failed on an entry: {exc!r}") from exc
            text = str(rendered[0]) if rendered else ""
            out.append(decorations.resolve(quotemarks.resolve(text, *marks)))
    return out


def _quote_marks(layout: Any) -> tuple[tuple[str, str], tuple[str, str]]:
    """The locale's outer and inner quotation marks, for the data's quotations that no
    ``quotes="true"`` encloses (:mod:`pubconv.citation.quotemarks`)."""
    terms = [
        str(layout.get_single_term(name=name))
        for name in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
    ]
    return (terms[0], terms[1]), (terms[2], terms[3])
