"""CSL variables derived from what a BibTeX entry holds outside the model (``eventtitle``,
``urldate``, ``translator``, ``eprint``, ``langid``, the thesis type, ...), so that citeproc
sees them when a ``.bib`` becomes CSL-JSON.

The extra pairs stay the source of truth (they travel verbatim in ``custom.pubconv.extra``);
derived keys are listed in ``custom.pubconv.derived`` and dropped again on reading.  Only
publications read from BibTeX (a ``bibtex.type`` hint) are derived from, because only their
extra values are LaTeX.  The field table is :mod:`pubconv.formats.bibtex.cslmap`; what is
derived beyond it follows pandoc's BibLaTeX reader:

- ``@phdthesis`` / ``@mastersthesis`` give ``genre`` ``PhD thesis`` / ``Master’s thesis``, and
  a BibLaTeX ``type`` key (``type = {phdthesis}``) its English string;
- ``eprint`` with ``eprinttype``/``archivePrefix`` ``arXiv`` gives ``URL`` (the abstract page),
  ``primaryClass`` is kept in ``extra`` only;
- ``howpublished`` holding a URL (``\\url{...}``) gives ``URL``, any other ``howpublished`` the
  ``publisher`` (pandoc's reading: ``howpublished = {arXiv preprint}`` prints where a publisher
  goes);
- ``langid`` gives ``language`` (``german`` -> ``de-DE``), so styles skip English title case;
- a field named as a CSL text variable (``source``, ``archive``, ``medium``) gives it.

Page links (any format) give ``URL`` (the Paper link, else PDF) and ``DOI`` (a ``doi.org``
link) when the publication has none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from pubconv.formats.csljson import dates, names
from pubconv.formats.csljson.schema import NUMBER_VARIABLES, STRING_VARIABLES
from pubconv.model import Publication

BIBTEX_HINT = "bibtex.type"
_URL_COMMAND = re.compile(r"^\s*\\url\s*\{([^{}]*)\}\s*$")
_URL = re.compile(r"^\s*(https?://\S+)\s*$", re.I)


def _converters() -> dict[str, Callable[[str], Any]]:
    """The value converters by kind, each importing its BibTeX module when first called: most
    entries need none or only ``text``, and the date and name parsers (with the LaTeX encoder
    they import) cost a ``cite`` of CSL-JSON some 4 ms of start-up."""

    def text(value: str) -> str:
        from pubconv.formats.bibtex import latex

        return latex.decode(value)

    def verbatim(value: str) -> str:
        return value.strip()

    def date(value: str) -> dict[str, Any]:
        from pubconv.formats.bibtex import dates as bib_dates

        return dates.to_csl(bib_dates.parse_date(value))

    def people(value: str) -> list[dict[str, str]]:
        from pubconv.formats.bibtex import names as bib_names

        return [names.to_csl(p) for p in bib_names.parse_names(value)]

    return {"text": text, "verbatim": verbatim, "date": date, "names": people}


_CONVERT: dict[str, Callable[[str], Any]] | None = None


def link_of(value: str) -> str | None:
    """The URL ``howpublished`` holds (``\\url{https://x}`` or a bare ``https://x``), else None."""
    match = _URL_COMMAND.match(value) or _URL.match(value)
    return match.group(1).strip() if match else None


def _is_arxiv(extras: dict[str, str]) -> bool:
    from pubconv.formats.bibtex import cslmap

    return any(
        (extras.get(name) or "").strip().lower() == "arxiv" for name in cslmap.EPRINT_TYPE_FIELDS
    )


def _first_extras(pub: Publication) -> dict[str, str]:
    """Lower-case name -> value of the first extra pair so named: what ``pub.get_extra`` gives,
    made once for the publication instead of lower-casing every name at each of six asks."""
    out: dict[str, str] = {}
    for name, value in pub.extra:
        out.setdefault(name.lower(), value)
    return out


def _special(pub: Publication, convert: Callable[[str], Any]) -> dict[str, Any]:
    """Variables from the entry type, ``eprint``, ``howpublished`` and ``langid``."""
    from pubconv.formats.bibtex import cslmap

    out: dict[str, Any] = {}
    written = (pub.get_hint(BIBTEX_HINT) or "").lower()
    extras = _first_extras(pub)
    type_field = extras.get("type")
    if type_field is not None:
        key = type_field.strip().lower()
        out["genre"] = cslmap.TYPE_KEYS.get(key) or convert(type_field)
    elif written in cslmap.THESIS_GENRES:
        out["genre"] = cslmap.THESIS_GENRES[written]
    eprint = extras.get("eprint")
    if eprint and eprint.strip() and _is_arxiv(extras):
        out["URL"] = cslmap.ARXIV_URL + eprint.strip()
    howpublished = extras.get("howpublished")
    if howpublished is not None:
        link = link_of(howpublished)
        if link is not None:
            out.setdefault("URL", link)
        elif howpublished.strip():
            out["publisher"] = convert(howpublished)
    langid = extras.get("langid")
    if langid and langid.strip():
        key = langid.strip().lower()
        out["language"] = cslmap.LANGIDS.get(key, langid.strip())
    return out


def _is_json(value: str) -> bool:
    """True for a JSON array or object (a CSL value of the wrong type csl2bib kept as it was)."""
    text = value.strip()
    if not text.startswith(("[", "{")):
        return False
    try:
        return isinstance(json.loads(text), list | dict)
    except ValueError:
        return False


_SPECIAL_FIELDS = frozenset({"type", "howpublished", "langid"})
_TEXT_VARIABLES = frozenset(
    v for v in STRING_VARIABLES | NUMBER_VARIABLES if v == v.lower() and v not in ("type",)
)
"""CSL text variables a BibTeX field of the same name gives (``source``, ``archive``,
``medium``): csl2bib writes the variables with no BibLaTeX home under their own names."""


_PAPER_LABELS = ("paper", "pdf", "html")
_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.I)


def link_variables(pub: Publication, taken: Iterable[str]) -> dict[str, Any]:
    """``URL`` from a page's Paper (else PDF) link and ``DOI`` from a ``doi.org`` link, when the
    publication has none of its own: CVs made from pages then carry their links."""
    used = set(taken)
    out: dict[str, Any] = {}
    if "DOI" not in used:
        for link in pub.links:
            match = _DOI_LINK.match(link.url.strip())
            if match:
                out["DOI"] = match.group(1)
                break
    if "URL" not in used:
        for label in _PAPER_LABELS:
            found = [x for x in pub.links if x.label.strip().lower() == label and x.url.strip()]
            if found and not _DOI_LINK.match(found[0].url.strip()):
                out["URL"] = found[0].url.strip()
                break
    return out


def derived_variables(pub: Publication, taken: Iterable[str]) -> dict[str, Any]:
    """CSL variables for ``pub``'s BibTeX extras and page links that no key in ``taken`` fills."""
    global _CONVERT
    if pub.get_hint(BIBTEX_HINT) is None:
        return link_variables(pub, taken) if pub.links else {}
    if _CONVERT is None:
        _CONVERT = _converters()
    # the BibTeX field table, imported when a BibTeX-derived item is first built (cite takes
    # items as read and builds only those it changes: most runs never need it)
    from pubconv.formats.bibtex import cslmap

    used = set(taken)
    out: dict[str, Any] = {}
    for variable, value in _special(pub, _CONVERT["text"]).items():
        if variable not in used and value:
            out[variable] = value
            used.add(variable)
    if pub.links:
        out.update(link_variables(pub, used))
        used.update(out)
    for name, value in pub.extra:
        lowered = name.lower()
        rule = cslmap.READ.get(lowered)
        if rule is None and lowered in _TEXT_VARIABLES and not _is_json(value):
            if cslmap.own_meaning(lowered, value):
                continue  # a BibTeX ``references`` list of \cite commands
            rule = cslmap.FieldRule(lowered, lowered)  # ``source = {...}`` written by csl2bib
        if rule is None or lowered in _SPECIAL_FIELDS or rule.variable in used:
            continue
        try:
            converted = _CONVERT[rule.kind](value)
        except ValueError:
            continue
        if converted:
            out[rule.variable] = converted
            used.add(rule.variable)
    return out
