"""Publications -> CSL-JSON items ready for citeproc-py.

The conversion itself belongs to :func:`pubconv.formats.csljson.mapping.publication_to_csl`;
:func:`_fallback_to_csl` is a minimal stand-in used only while that module is missing.  This
module adds what citing needs on top: rich text turned into markers, highlighted persons marked,
and year suffixes (2024a, 2024b) for author-date styles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from pubconv.model import PartialDate, Person, Publication

CslItem = dict[str, Any]

_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor")
_TEXT_SKIP = frozenset({"id", "type", "language"})


def _person(p: Person) -> dict[str, str]:
    if p.literal is not None:
        return {"literal": p.literal}
    out = {"family": p.family or "", "given": p.given or ""}
    if p.particle:
        out["non-dropping-particle"] = p.particle
    if p.suffix:
        out["suffix"] = p.suffix
    return {k: v for k, v in out.items() if v}


def _date(d: PartialDate) -> dict[str, Any]:
    if d.year is None:
        return {"literal": d.literal or ""}
    parts = [d.year] + ([d.month] if d.month else []) + ([d.day] if d.month and d.day else [])
    result: dict[str, Any] = {"date-parts": [parts]}
    if d.end is not None and d.end.year is not None:
        end = [d.end.year] + ([d.end.month] if d.end.month else [])
        result["date-parts"].append(end)
    return result


def _fallback_to_csl(pub: Publication) -> CslItem:
    """Stand-in for the csljson mapping: the CSL variables citation styles use."""
    item: CslItem = {"id": pub.key, "type": pub.type}
    if pub.authors:
        item["author"] = [_person(p) for p in pub.authors]
    if pub.editors:
        item["editor"] = [_person(p) for p in pub.editors]
    if pub.issued is not None:
        item["issued"] = _date(pub.issued)
    simple = {
        "title": pub.title,
        "container-title": pub.container_title,
        "container-title-short": pub.container_short,
        "collection-title": pub.collection_title,
        "volume": pub.volume,
        "issue": pub.issue,
        "number": pub.number,
        "page": pub.pages,
        "edition": pub.edition,
        "publisher": pub.publisher,
        "publisher-place": pub.publisher_place,
        "DOI": pub.doi,
        "URL": pub.url,
        "ISBN": pub.isbn,
        "ISSN": pub.issn,
        "note": pub.note,
        "language": pub.language,
    }
    item.update({k: v for k, v in simple.items() if v})
    return item


def _mapping() -> Callable[[Publication], CslItem]:
    try:
        from pubconv.formats.csljson.mapping import publication_to_csl
    except ImportError:
        return _fallback_to_csl
    return publication_to_csl


def to_csl(pubs: Sequence[Publication]) -> list[CslItem]:
    """CSL-JSON items for ``pubs`` (keys kept as they are)."""
    convert = _mapping()
    return [convert(p) for p in pubs]


def name_key(name: dict[str, Any]) -> tuple[str, ...]:
    """How a citation shows a name: ``("", "Xiong", "Z")`` (family and initials)."""
    if "literal" in name:
        return (str(name["literal"]),)
    given = str(name.get("given", "")).replace("-", " ").replace(".", " ").split()
    return (
        str(name.get("non-dropping-particle", "")),
        str(name.get("family", "")),
        "".join(g[:1] for g in given),
    )


def year_suffix_groups(items: Sequence[CslItem]) -> list[list[int]]:
    """Indices of items that an author-date citation cannot tell apart: same names, same year.

    Names are the authors, else the editors, else the title (what styles substitute), compared
    by family name and initials; items without a year group as "n.d." (pandoc: ``n.d.-a``).
    """
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        issued = item.get("issued")
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        if isinstance(issued, dict) and not parts and issued.get("literal"):
            year = str(issued["literal"])
        else:
            year = str(parts[0][0]) if parts and parts[0] else ""
        names = item.get("author") or item.get("editor") or []
        who = tuple(name_key(n) for n in names if isinstance(n, dict))
        if not who:
            who = (("title", str(item.get("title", ""))),)
        groups[(who, year)].append(index)
    return [g for g in groups.values() if len(g) > 1]


def suffix_letters(n: int) -> str:
    """``0 -> a``, ``25 -> z``, ``26 -> aa`` (CSL year-suffix sequence)."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fallback_matches(query: str | Person, person: Person) -> bool:
    """Stand-in for :func:`pubconv.names.person_matches`: same family, compatible given names."""
    if isinstance(query, str):
        text = query.strip()
        if "," in text:
            family, _, given = text.partition(",")
        else:
            given, _, family = text.rpartition(" ")
        query = Person(family=family.strip(), given=given.strip() or None)
    if query.literal or person.literal:
        return _fold(query.display()) == _fold(person.display())
    if _fold(query.family or "") != _fold(person.family or ""):
        return False
    a, b = _fold(query.given or ""), _fold(person.given or "")
    if not a or not b:
        return True
    a_initials = "".join(w[0] for w in a.replace("-", " ").replace(".", " ").split())
    b_initials = "".join(w[0] for w in b.replace("-", " ").replace(".", " ").split())

    def full(s: str) -> bool:
        return any(len(w) > 1 for w in s.replace(".", " ").split())

    if full(a) and full(b):
        return a.replace(".", "") == b.replace(".", "")
    return a_initials.startswith(b_initials) or b_initials.startswith(a_initials)


def person_matcher() -> Callable[[str | Person, Person], bool]:
    """:func:`pubconv.names.person_matches`, or a stand-in while it is missing."""
    try:
        from pubconv.names import person_matches
    except ImportError:
        return _fallback_matches
    return person_matches
