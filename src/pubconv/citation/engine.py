"""Render publications as bibliography entries with citeproc-py and pubconv's fixes."""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
)
from citeproc.frontend import CitationStylesStyle
from citeproc.source.json import CiteProcJSON

from pubconv.citation import csl, disambiguate, fixes, locales, output, styles
from pubconv.citation import markup as mk
from pubconv.errors import CitationError
from pubconv.model import Publication
from pubconv.names import person_matches


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    """One formatted bibliography entry, e.g. ``RenderedEntry("smith2020", "Smith, J. (2020) ...")``."""

    key: str
    text: str
    names: NameList | None = None
    """The entry's first name list, for ``subsequent-author-substitute``."""


@dataclass(frozen=True, slots=True)
class NameList:
    """Where an entry's first name list is in its text (``text[start:end]``), whom it names
    (``identity``), and a punctuation mark merged into its end (``et al.`` + ``.``) that its
    replacement needs back: ``dropped`` belongs at ``text[dropped_at]``."""

    start: int
    end: int
    identity: str
    dropped_at: int = -1
    dropped: str = ""


def author_substitute(root: Any) -> str | None:
    """The style's ``subsequent-author-substitute`` under the rule pubconv implements
    (``complete-all``, the default); ``None`` when there is none or another rule applies."""
    bibliography = root.find(f"{{{styles.CSL_NS}}}bibliography")
    if bibliography is None:
        return None
    value = bibliography.get("subsequent-author-substitute")
    rule = bibliography.get("subsequent-author-substitute-rule", "complete-all")
    return None if value is None or rule != "complete-all" else str(value)


def substitute_authors(entries: Sequence[Any], replacement: str) -> list[Any]:
    """``entries`` (in display order) with each name list that repeats the previous entry's
    replaced by ``replacement`` (already escaped for the output format), as CSL 1.0.2
    ``subsequent-author-substitute`` with the ``complete-all`` rule asks (``———. “Title.”``)."""
    out: list[Any] = []
    previous: str | None = None
    for entry in entries:
        names: NameList | None = getattr(entry, "names", None)
        if names is not None and names.identity == previous:
            text = entry.text
            if names.dropped:
                text = text[: names.dropped_at] + names.dropped + text[names.dropped_at :]
            text = text[: names.start] + replacement + text[names.end :]
            entry = RenderedEntry(entry.key, text)
        out.append(entry)
        previous = names.identity if names is not None else None
    return out


class Style(CitationStylesStyle):  # type: ignore[misc]
    """A parsed CSL style bound to a locale; parsed once per (file, locale) and reused."""

    def __init__(self, path: Path, locale: str) -> None:
        self.xml = styles.parse_xml(path, fixes.element_lookup())
        self.root = self.xml.getroot()
        self.path = path
        self.locale = locale
        self.root.set(fixes.LOCALE_ATTRIBUTE, locale)
        self.root.set_locale_list(locale, validate=False)
        fixes.index_style(self.root)
        weakref.finalize(self, fixes.forget_style, self.root)  # the index goes with the style
        self.rules = disambiguate.Rules.from_style(self.root)
        self.author_substitute = author_substitute(self.root)
        bibliography = self.root.bibliography
        self.implicit_year_suffix = (
            self.rules.year_suffix
            and bibliography is not None
            and not disambiguate.renders_variable(self.root, bibliography, "year-suffix")
        )


@lru_cache(maxsize=16)
def load_style(path: Path, locale: str) -> Style:
    """The parsed style at ``path`` for ``locale`` (cached for the process)."""
    style = Style(path, locale)
    if not style.has_bibliography():
        raise CitationError(
            f"{path.stem}: this CSL style has no bibliography section (it formats citations "
            "or notes only), so it cannot list references; choose another style"
        )
    return style


def style_for(style: str, locale: str) -> Style:
    """The parsed style a name, URL or ``.csl`` path and a locale stand for (checked)."""
    return load_style(styles.resolve_style(style), locales.check_locale(locale))


# --- preparing items ---------------------------------------------------------------------

_VARIABLES: frozenset[str] = frozenset()


def _csl_variables() -> frozenset[str]:
    global _VARIABLES
    if not _VARIABLES:
        from citeproc import VARIABLES

        _VARIABLES = frozenset(v.replace("_", "-") for v in VARIABLES) | {
            "DOI",
            "ISBN",
            "ISSN",
            "URL",
            "PMID",
            "PMCID",
        }
    return _VARIABLES


_NAME_PARTS = ("family", "given", "literal", "suffix", "non-dropping-particle", "dropping-particle")
_NO_MARKUP = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})
HIGHLIGHT_FLAG = "pubconv-highlight"


def prepare(item: csl.CslItem, highlight: Sequence[str]) -> csl.CslItem:
    """A citeproc-ready copy of ``item``: known CSL variables only, rich text as markers,
    persons matching ``highlight`` flagged."""
    known = _csl_variables()
    out: csl.CslItem = {"type": item.get("type") or "document"}
    for key, value in item.items():
        if key in ("id", "type") or key not in known or value in (None, "", []):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            names = []
            for name in value:
                clean = {p: mk.to_marked(str(name[p])) for p in _NAME_PARTS if name.get(p)}
                if not clean:
                    continue
                if highlight and _matches(clean, highlight):
                    clean[HIGHLIGHT_FLAG] = "1"
                names.append(clean)
            if names:
                out[key] = names
        elif isinstance(value, dict):
            out[key] = value
        elif key in _NO_MARKUP:
            out[key] = mk.strip(str(value))
        else:
            out[key] = mk.to_marked(str(value))
    return out


def _matches(name: dict[str, str], queries: Sequence[str]) -> bool:
    from pubconv.model import Person

    person = Person(
        family=name.get("family"),
        given=name.get("given"),
        particle=name.get("non-dropping-particle"),
        suffix=name.get("suffix"),
        literal=name.get("literal"),
    )
    return any(person_matches(q, person) for q in queries)


# --- citeproc-py calls (run in the main process or in workers) ---------------------------


class _Item(CitationItem):  # type: ignore[misc]
    """A cite whose ``citation-number`` is its final bibliography position, set in advance."""

    @property
    def number(self) -> int:
        return int(dict.get(self, "pubconv_number", 1))

    @property
    def reference(self) -> Any:
        """The cited reference, looked up once: citeproc-py read it through two properties and
        a dictionary on every access (half a million times for 1,000 entries)."""
        found = dict.get(self, "pubconv_reference")
        if found is None:
            found = self.bibliography.source[self.key]
            dict.__setitem__(self, "pubconv_reference", found)
        return found


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
    for index, item in enumerate(items):
        ident = f"i{index}"
        if full is not None and full[index]:
            item = _in_full(item, full[index])
        entry = {"id": ident, **item}
        for var, value in item.items():
            if isinstance(value, list) and any(HIGHLIGHT_FLAG in n for n in value):
                entry[var] = [{k: v for k, v in n.items() if k != HIGHLIGHT_FLAG} for n in value]
                flagged.extend((ident, var, i) for i, n in enumerate(value) if HIGHLIGHT_FLAG in n)
        data.append(entry)
    source = CiteProcJSON(data)
    for ident, var, i in flagged:
        names = source[ident][var.replace("-", "_")]
        names[i] = fixes.HighlightedName(names[i])
    bib = CitationStylesBibliography(style, source, fixes.FORMATTER)
    cites = []
    for index in range(len(items)):
        cite = _Item(f"i{index}")
        if numbers is not None:
            cite["pubconv_number"] = numbers[index]
        if shown is not None and shown[index]:
            cite[fixes.SHOWN_KEY] = shown[index]
        cites.append(cite)
    bib.register(Citation(cites))
    return bib, cites


def compute_sort_keys(style: Style, items: Sequence[csl.CslItem]) -> list[list[str | None]]:
    """Per item, the bibliography sort keys (plain text, markers removed; ``None`` = empty)."""
    sort = style.root.bibliography.find(f"{{{styles.CSL_NS}}}sort")
    if sort is None:
        return [[] for _ in items]
    _, cites = _bibliography(style, items)
    layout = style.root.bibliography.layout
    keys = sort.findall(f"{{{styles.CSL_NS}}}key")
    out: list[list[str | None]] = []
    with fixes.sorting():
        for cite in cites:
            row: list[str | None] = []
            for key in keys:
                value = key.sort_keys([cite], layout)[0]
                row.append(None if value is None or str(value) == "" else mk.strip(str(value)))
            out.append(row)
    return out


class _PrimaryWeights(dict[int, str]):
    """``str.translate`` table, filled on first sight of each character: its accent-free base,
    each character behind a class mark (space < punctuation < digits and letters)."""

    def __missing__(self, code: int) -> str:
        base = "".join(
            ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch)
        )
        weight = "".join(
            ("\x01" if ch.isspace() else "\x02" if not ch.isalnum() else "\x03") + ch for ch in base
        )
        self[code] = weight
        return weight


_PRIMARY = _PrimaryWeights()


def collation_key(text: str) -> tuple[Any, ...]:
    """A sort key that orders text roughly as the Unicode Collation Algorithm does: accents
    count only on a tie, case not at all (pandoc alike), and spaces and punctuation sort before
    digits and letters, so ``Part I”`` precedes ``Part II”`` (code points put ``”`` after
    every letter)."""
    folded = text.casefold()
    if folded.isdigit():
        return (0, int(folded))
    return (1, folded.translate(_PRIMARY), folded)


def sort_order(style: Style, keys: Sequence[Sequence[str | None]]) -> list[int]:
    """Indices in bibliography order (:func:`collation_key`; empty keys last; ties keep input
    order)."""
    sort = style.root.bibliography.find(f"{{{styles.CSL_NS}}}sort")
    if sort is None:
        return list(range(len(keys)))
    descending = [
        k.get("sort", "ascending").lower() == "descending"
        for k in sort.findall(f"{{{styles.CSL_NS}}}key")
    ]
    collated = [[None if v is None else collation_key(v) for v in row] for row in keys]

    def compare(a: int, b: int) -> int:
        for column, desc in enumerate(descending):
            left, right = collated[a][column], collated[b][column]
            if left is None and right is None:
                continue
            if left is None:
                return 1
            if right is None:
                return -1
            result: int = (left > right) - (left < right)
            if result:
                return -result if desc else result
        return 0

    from functools import cmp_to_key

    return sorted(range(len(keys)), key=cmp_to_key(compare))


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
    out = []
    for cite in cites:
        suffix = cite.reference.get("year_suffix", "") if style.implicit_year_suffix else ""
        try:
            with fixes.implicit_year_suffix(str(suffix or "")):
                if mark:
                    with fixes.marking_names():
                        rendered = layout.render_bibliography([cite])
                else:
                    rendered = layout.render_bibliography([cite])
        except Exception as exc:  # citeproc-py fails on odd data; say which entry
            raise CitationError(f"citeproc-py failed on an entry: {exc!r}") from exc
        out.append(str(rendered[0]) if rendered else "")
    return out


# --- the public entry point ----------------------------------------------------------------


def numbered_style(style: Style) -> bool:
    """Whether the bibliography shows ``citation-number`` labels (``[1]``, ``1.``)."""
    return bool(style.root.bibliography.xpath(".//*[@variable='citation-number']"))


def _suffixes(style: Style, items: Sequence[csl.CslItem], order: Sequence[int]) -> list[str | None]:
    """Per item, its year suffix (``None`` for most), lettered in bibliography ``order``."""
    result: list[str | None] = [None] * len(items)
    position = {index: pos for pos, index in enumerate(order)}
    for group in disambiguate.year_suffix_groups(items, style.rules):
        for n, index in enumerate(sorted(group, key=position.__getitem__)):
            result[index] = disambiguate.suffix_letters(n)
    return result


def render_entries(
    pubs: Sequence[Publication],
    style: str = "apa",
    locale: str = "en-US",
    fmt: str = "text",
    *,
    highlight: Sequence[str] = (),
    order: str = "style",
    labels: Sequence[int] | None = None,
    subsequent_authors: bool = True,
    cache: bool = True,
    jobs: int | None = None,
) -> list[RenderedEntry]:
    """Format ``pubs`` as bibliography entries in ``style`` (name, URL or ``.csl`` path).

    ``order="style"`` sorts as the style's bibliography does; ``order="given"`` keeps the input
    order (a CV sorts itself) and then ``labels`` may give the number a numeric style shows for
    each publication (``[12]``; default 1, 2, ...).  ``highlight`` names persons to show in
    bold.  Entries come back in ``fmt`` (``text``, ``html``, ``markdown``, ``latex``).  A
    style's ``subsequent-author-substitute`` (MLA's ``———``) applies in the order returned
    unless ``subsequent_authors`` is false (a CV applies it per group with
    :func:`substitute_authors`).  Raises :class:`CitationError`.
    """
    return render_csl(
        csl.to_csl(pubs),
        [p.key for p in pubs],
        style,
        locale,
        fmt,
        highlight=highlight,
        order=order,
        labels=labels,
        subsequent_authors=subsequent_authors,
        cache=cache,
        jobs=jobs,
    )


def author_substitute_for(style: str, locale: str, fmt: str) -> str | None:
    """``style``'s ``subsequent-author-substitute`` escaped for ``fmt`` (``None``: none)."""
    return _escaped_substitute(style_for(style, locale), fmt)


def _escaped_substitute(style: Style, fmt: str) -> str | None:
    sub = style.author_substitute
    return None if sub is None else output.escape(sub, fmt)


def numbers_itself(style: str, locale: str = "en-US") -> bool:
    """Whether ``style`` labels its entries with numbers (``[1]``, ``1.``), as IEEE does."""
    return numbered_style(style_for(style, locale))


def style_order(
    pubs: Sequence[Publication],
    style: str = "apa",
    locale: str = "en-US",
    *,
    cache: bool = True,
    jobs: int | None = None,
) -> list[int]:
    """Indices of ``pubs`` in ``style``'s bibliography order (sort keys only, no rendering)."""
    from pubconv.citation import runner

    parsed = style_for(style, locale)
    items = [prepare(item, ()) for item in csl.to_csl(pubs)]
    return runner.style_order(parsed, items, cache=cache, jobs=jobs)


def render_csl(
    items: Sequence[csl.CslItem],
    keys: Sequence[str],
    style: str = "apa",
    locale: str = "en-US",
    fmt: str = "text",
    *,
    highlight: Sequence[str] = (),
    order: str = "style",
    labels: Sequence[int] | None = None,
    subsequent_authors: bool = True,
    cache: bool = True,
    jobs: int | None = None,
) -> list[RenderedEntry]:
    """:func:`render_entries` for CSL-JSON ``items`` (``keys[i]`` names ``items[i]``)."""
    from pubconv.citation import runner

    if fmt not in output.FORMATS:
        raise CitationError(
            f"unknown citation output format {fmt!r} (known: {', '.join(output.FORMATS)})"
        )
    if order not in ("style", "given"):
        raise CitationError(f"unknown order {order!r} (known: style, given)")
    parsed = style_for(style, locale)
    prepared = [prepare(item, highlight) for item in items]
    if labels is not None and len(labels) != len(items):
        raise CitationError(f"{len(labels)} labels for {len(items)} entries")
    entries = runner.run(parsed, prepared, keys, fmt, order, labels=labels, cache=cache, jobs=jobs)
    replacement = _escaped_substitute(parsed, fmt) if subsequent_authors else None
    return entries if replacement is None else substitute_authors(entries, replacement)


def punctuation_in_quote(style: Style) -> bool:
    """The locale option ``punctuation-in-quote`` as the style resolves it (en-US: true)."""
    value = style.root.get_locale_option("punctuation-in-quote")
    return str(value).lower() == "true"
