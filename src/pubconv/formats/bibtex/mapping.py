"""BibTeX/BibLaTeX fields <-> :class:`Publication`.

Each field is assigned a *slot* (the model attribute it fills) by :func:`assign_slots`, from its
name and the entry type alone, so that reader and writer agree on which of several candidate
fields (``journal`` / ``journaltitle``, ``year`` / ``date``) is the one the model holds: the first
one wins, the others go to ``extra`` verbatim, like every field the model does not name.

Field names as written, in order, travel as the ``bibtex.fields`` hint; the writer uses it to
give a changed entry (or one that went through CSL-JSON) its original field names and order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pubconv.formats.bibtex import dates, latex, latexencode, names, page_fields, sentence, types
from pubconv.formats.bibtex.values import braced
from pubconv.model import PartialDate, Publication

_Field = tuple[int, str, str]
"""(index in the entry, name as written, value)."""

TYPE_HINT = "bibtex.type"
CSL_FORMATS = frozenset({"csljson", "cslyaml"})
"""Formats whose titles are CSL's (printed as they are), protected when written to BibTeX."""
FIELDS_HINT = "bibtex.fields"
EXTRA_AT_HINT = "bibtex.extra_at"
"""Indices (in the entry's fields) of the fields that became ``extra``, for raw-value reuse."""

_TEXT_SLOTS = {
    "title": "title",
    "series": "collection_title",
    "volume": "volume",
    "pages": "pages",
    "edition": "edition",
    "abstract": "abstract",
    "note": "note",
    "language": "language",
}
_VERBATIM_SLOTS = {"doi": "doi", "url": "url", "isbn": "isbn", "issn": "issn"}
_GROUPS: dict[str, str] = {
    "journal": "container_title",
    "journaltitle": "container_title",
    "booktitle": "container_title",
    "shortjournal": "container_short",
    "journalabbr": "container_short",
    "abbr": "container_short",
    "publisher": "publisher",
    "school": "publisher",
    "institution": "publisher",
    "organization": "publisher",
    "address": "publisher_place",
    "location": "publisher_place",
    "issue": "issue",
    "author": "authors",
    "editor": "editors",
    "keywords": "keywords",
}
_DECODED = frozenset(
    {
        *_TEXT_SLOTS.values(),
        "container_title",
        "container_short",
        "publisher",
        "publisher_place",
        "issue",
        "number",
    }
)
_VERBATIM = frozenset(_VERBATIM_SLOTS.values())
SLOT_OF: dict[str, str] = {**_TEXT_SLOTS, **_VERBATIM_SLOTS, **_GROUPS}
"""Lower-case field name -> slot (``number``, dates and page fields are decided in context)."""

#: Order of fields in a new entry.
HOUSE_ORDER = (
    "authors",
    "editors",
    "title",
    "container_title",
    "container_short",
    "collection_title",
    "year",
    "month",
    "day",
    "date",
    "volume",
    "issue",
    "number",
    "pages",
    "edition",
    "publisher",
    "publisher_place",
    "doi",
    "url",
    "isbn",
    "issn",
    "keywords",
    "language",
    "note",
    "abstract",
    "csltype",
)


def assign_slots(entry_type: str, field_names: Sequence[str]) -> list[str | None]:
    """The slot of each field (``None``: it goes to ``extra``); the first field of a slot wins.

    ``year``/``month``/``day`` fill the date unless a ``date`` field is there; ``number`` is the
    issue in an ``@article``; page-only fields get ``page:<name>`` slots; the container of a
    whole book (``@book``, ``@proceedings``, ``@manual``, ...) is its ``maintitle``, and its
    ``booktitle`` stays in ``extra`` (BibLaTeX defines it for parts of a book only; crossref
    parents carry it for their children).
    """
    lowered = entry_type.lower()
    article = lowered in types.ARTICLE_TYPES
    whole_book = types.to_csl(lowered) == "book"  # its booktitle is no container (pandoc alike)
    lower_names = [n.lower() for n in field_names]
    has_date = "date" in lower_names
    taken: set[str] = set()
    slots: list[str | None] = []
    for name in lower_names:
        slot: str | None
        if name == "booktitle" and whole_book:
            slot = None
        elif name == "maintitle" and whole_book:
            slot = "container_title"
        elif name in SLOT_OF:
            slot = SLOT_OF[name]
        elif name == "number":
            slot = "issue" if article else "number"
        elif name == "date":
            slot = "date"
        elif name in ("year", "month", "day"):
            slot = None if has_date else name
        elif name in page_fields.FIELD_NAMES:
            slot = "page:" + name
        elif name == types.SUBTYPE_FIELD and lowered == "misc":
            slot = "csltype"
        else:
            slot = None
        if slot is not None and slot in taken:
            slot = None
        if slot is not None:
            taken.add(slot)
        slots.append(slot)
    return slots


_SLOTS: dict[tuple[str, tuple[str, ...]], list[str | None]] = {}
"""Slots by entry type and field names: a database repeats a few layouts (1,539 among 5,000
plume-bib entries).  Emptied at :data:`_SLOTS_MAX`; the lists are only read."""
_SLOTS_MAX = 4096


def _slots_of(entry_type: str, field_names: tuple[str, ...]) -> list[str | None]:
    """:func:`assign_slots`, remembered for a layout seen before."""
    known = _SLOTS.get((entry_type, field_names))
    if known is None:
        known = assign_slots(entry_type, field_names)
        if len(_SLOTS) >= _SLOTS_MAX:
            _SLOTS.clear()
        _SLOTS[(entry_type, field_names)] = known
    return known


def _split_top(value: str) -> list[str]:
    """``value`` cut at commas and line breaks outside braces (``{A, B}`` is one keyword)."""
    pieces: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(value)
    while i < n:
        char = value[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char in ",\n":
            pieces.append(value[start:i])
            start = i + 1
        i += 1
    pieces.append(value[start:])
    return pieces


def _keywords(value: str) -> tuple[str, ...]:
    if "," not in value and "\n" not in value:
        text = latex.decode(value)
        return (text,) if text else ()
    return tuple(text for text in map(latex.decode, _split_top(value)) if text)


def read_entry(
    key: str, entry_type: str, fields: Sequence[tuple[str, str]]
) -> tuple[Publication, list[tuple[int, str]]]:
    """A publication from ``fields`` (name as written, value expanded, delimiters removed).

    Returns it with the problems found, as ``(field index, message)`` for the caller to locate.
    """
    values, problems = read_values(entry_type, fields)
    return Publication(key=key, **values), problems


def read_values(
    entry_type: str, fields: Sequence[tuple[str, str]]
) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The keyword arguments of the :class:`Publication` (all but ``key``), and the problems.

    The reader builds the publication itself, twice (the as-read snapshot and the one with its
    origin), which is cheaper than :func:`dataclasses.replace` on 5,000 entries.
    """
    problems: list[tuple[int, str]] = []
    field_names = tuple([name for name, _ in fields])
    slots = _slots_of(entry_type, field_names)
    values: dict[str, Any] = {"type": types.to_csl(entry_type)}
    extra: list[_Field] = []
    page: list[_Field] = []
    year: _Field | None = None
    month: _Field | None = None
    day: _Field | None = None
    for index, ((name, value), slot) in enumerate(zip(fields, slots, strict=True)):
        if slot is None:
            extra.append((index, name, value))
        elif slot in _DECODED:
            values[slot] = latex.decode(value)
        elif slot in _VERBATIM:
            values[slot] = value.strip()
        elif slot in ("authors", "editors", "keywords"):
            parsed = _keywords(value) if slot == "keywords" else names.parse_names(value)
            if parsed:
                values[slot] = parsed
            else:  # `author = {}`: the model cannot tell it from no field, so keep it verbatim
                extra.append((index, name, value))
        elif slot == "date":
            values["issued"] = dates.parse_date(value)
        elif slot == "year":
            year = (index, name, value)
        elif slot == "month":
            month = (index, name, value)
        elif slot == "day":
            day = (index, name, value)
        elif slot == "csltype":
            subtype = value.strip()
            if types.homeless(subtype):
                values["type"] = subtype
            else:
                extra.append((index, name, value))
        else:  # page:<name>
            page.append((index, name, value))
    if year is not None or month is not None or day is not None:
        values["issued"] = _issued(year, month, day, extra, problems)
    hints: list[tuple[str, str]] = []
    if page:
        updates, page_hints, rest = page_fields.from_fields(
            [(name, value) for _, name, value in page],
            authors=values.get("authors", ()),
            editors=values.get("editors", ()),
        )
        values.update(updates)
        hints.extend(page_hints)
        kept = iter(rest)
        wanted = next(kept, None)
        for item in page:
            if wanted is not None and wanted == (item[1], item[2]):
                extra.append(item)
                wanted = next(kept, None)
    if "date" in slots and extra:
        extra = _without_beside_date(extra, values.get("issued"))
    if extra:
        extra.sort()
        values["extra"] = tuple((name, value) for _, name, value in extra)
        hints.append((EXTRA_AT_HINT, " ".join(str(index) for index, _, _ in extra)))
    hints.append((TYPE_HINT, entry_type))
    hints.append((FIELDS_HINT, " ".join(field_names)))
    values["hints"] = tuple(hints)
    return values, problems


BESIDE_DATE = ("year", "month")
"""Fields written beside ``date`` for classic BibTeX (``--dialect bibtex``)."""


def _without_beside_date(extra: list[_Field], issued: PartialDate | None) -> list[_Field]:
    """``extra`` without the ``year``/``month`` that only repeat the ``date`` (as pubconv writes
    them for classic BibTeX); ones that say something else stay, verbatim."""
    if issued is None or issued.year is None:
        return extra
    beside = [f for f in extra if f[1].lower() in BESIDE_DATE]
    for _, name, value in beside:
        if name.lower() == "year" and value.strip() != str(issued.year):
            return extra
        if name.lower() == "month":
            parsed = dates.parse_month(value)
            if parsed is None or parsed[0] != issued.month or parsed[1] is not None:
                return extra
    names = [f[1].lower() for f in beside]
    if len(set(names)) != len(names) or ("month" in names and "year" not in names):
        return extra
    return [f for f in extra if f[1].lower() not in BESIDE_DATE]


def _issued(
    year: _Field | None,
    month: _Field | None,
    day: _Field | None,
    extra: list[_Field],
    problems: list[tuple[int, str]],
) -> PartialDate | None:
    """The date from ``year``/``month``/``day``; what it cannot hold goes to ``extra``."""
    number = dates.parse_year(year[2]) if year is not None else None
    if number is None:
        if month is not None:
            extra.append(month)
        if day is not None:
            extra.append(day)
        if year is None:
            return None
        return PartialDate(literal=latex.decode(year[2]))
    month_number: int | None = None
    day_number: int | None = None
    if month is not None:
        parsed = dates.parse_month(month[2])
        if parsed is None:
            if month[2].strip():
                problems.append((month[0], f"unknown month {month[2].strip()!r}; kept as written"))
            extra.append(month)
        else:
            month_number, day_number = parsed
    if day is not None:
        text = day[2].strip()
        if (
            month_number is not None
            and day_number is None
            and text.isdigit()
            and 1 <= int(text) <= 31
        ):
            day_number = int(text)
        else:
            extra.append(day)
    return PartialDate(number, month_number, day_number)


# --------------------------------------------------------------------------- writing


def _text(value: str | None, ascii: bool) -> str | None:
    return None if value is None else braced(latexencode.encode(value, ascii=ascii))


def _verbatim(value: str | None) -> str | None:
    return None if value is None else braced(value)


def _date_slots(pub: Publication, prefer: str | None) -> dict[str, tuple[str, str]]:
    """``year``/``month`` or ``date`` fields; ``prefer`` follows the source: ``date``, ``year``
    (a day goes into ``month = jul # {~15}``) or ``day`` (``year``, ``month`` and ``day``)."""
    issued = pub.issued
    if issued is None:
        return {}
    iso = dates.format_date(issued)
    simple = issued.year is not None and issued.literal is None and issued.end is None
    if prefer in ("year", "day") and simple and issued.month is not None and issued.day is not None:
        year = ("year", "{" + str(issued.year) + "}")
        macro = dates.month_macro(issued.month)
        if prefer == "day":
            return {"year": year, "month": ("month", macro), "day": ("day", f"{{{issued.day}}}")}
        return {"year": year, "month": ("month", f"{macro} # {{~{issued.day}}}")}
    if iso is not None and (prefer == "date" or dates.needs_date_field(issued)):
        return {"date": ("date", "{" + iso + "}")}
    if issued.year is None or issued.end is not None or issued.day is not None:
        literal = issued.literal if issued.literal is not None else issued.iso()
        return {"year": ("year", braced(latexencode.encode(literal)))}
    out = {"year": ("year", "{" + str(issued.year) + "}")}
    if issued.month is not None:
        out["month"] = ("month", dates.month_macro(issued.month))
    return out


def write_slots(
    pub: Publication, written_type: str, *, ascii: bool, prefer_date: str | None = None
) -> dict[str, tuple[str, str]]:
    """Slot -> (default field name, value with delimiters) for everything ``pub`` holds."""
    lowered = written_type.lower()
    article = lowered in types.ARTICLE_TYPES
    out: dict[str, tuple[str, str]] = {}

    def put(slot: str, name: str, value: str | None) -> None:
        if value is not None:
            out[slot] = (name, value)

    if pub.authors:
        put("authors", "author", braced(names.format_names(pub.authors, ascii=ascii)))
    if pub.editors:
        put("editors", "editor", braced(names.format_names(pub.editors, ascii=ascii)))
    # CSL titles are printed as they are (sentence case): protected, so reading them back does
    # not sentence-case them again; page titles are Title Case like BibTeX's and stay bare
    not_title_case = (
        pub.origin is not None
        and pub.origin.format in CSL_FORMATS
        and pub.get_hint(TYPE_HINT) is None  # not a BibTeX entry that went through CSL-JSON
    )
    if pub.title is not None:
        title = sentence.protect_case(pub.title) if not_title_case else pub.title
        put("title", "title", braced(latexencode.encode(title, ascii=ascii, protect_case=True)))
    container_field = "journal" if article else "booktitle"
    if types.to_csl(lowered) == "book":
        container_field = "maintitle"  # a whole book's container: BibLaTeX's main title
    container = pub.container_title
    if container is not None and not_title_case and container_field == "booktitle":
        container = sentence.protect_case(container)  # read back in sentence case otherwise
    put("container_title", container_field, _text(container, ascii))
    put("container_short", "shortjournal" if article else "abbr", _text(pub.container_short, ascii))
    put("collection_title", "series", _text(pub.collection_title, ascii))
    out.update(_date_slots(pub, prefer_date))
    put("volume", "volume", _text(pub.volume, ascii))
    put("issue", "number" if article else "issue", _text(pub.issue, ascii))
    put("number", "number", _text(pub.number, ascii))
    put("pages", "pages", _text(pub.pages, ascii))
    put("edition", "edition", _text(pub.edition, ascii))
    publisher_name = {"thesis": "school", "report": "institution"}.get(pub.type, "publisher")
    if lowered in ("phdthesis", "mastersthesis", "thesis"):
        publisher_name = "school"
    put("publisher", publisher_name, _text(pub.publisher, ascii))
    put("publisher_place", "address", _text(pub.publisher_place, ascii))
    put("doi", "doi", _verbatim(pub.doi))
    put("url", "url", _verbatim(pub.url))
    put("isbn", "isbn", _verbatim(pub.isbn))
    put("issn", "issn", _verbatim(pub.issn))
    if pub.keywords:
        put(
            "keywords",
            "keywords",
            braced(", ".join(latexencode.encode(k, ascii=ascii) for k in pub.keywords)),
        )
    put("language", "language", _text(pub.language, ascii))
    put("note", "note", _text(pub.note, ascii))
    put("abstract", "abstract", _text(pub.abstract, ascii))
    if lowered == "misc" and types.homeless(pub.type):
        put("csltype", types.SUBTYPE_FIELD, "{" + pub.type + "}")
    for name, value in page_fields.to_fields(pub):
        out["page:" + name.lower()] = (name, "{" + value + "}")
    return out


#: Slot -> the model attributes whose equality lets a writer reuse the field's raw value.
SLOT_ATTRS: dict[str, tuple[str, ...]] = {
    "year": ("issued",),
    "month": ("issued",),
    "day": ("issued",),
    "date": ("issued",),
    "csltype": ("type",),
}


def slot_unchanged(slot: str, pub: Publication, before: Publication) -> bool:
    """True when the model values behind ``slot`` are the same in ``pub`` and ``before``."""
    if slot.startswith("page:"):
        return False
    attrs = SLOT_ATTRS.get(slot, (slot,))
    get: Callable[[Publication, str], Any] = getattr
    return all(get(pub, attr) == get(before, attr) for attr in attrs)
