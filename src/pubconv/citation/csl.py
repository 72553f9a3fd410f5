"""Item data: publications -> CSL-JSON items, and items -> what citeproc-py is given.

The conversion itself is :func:`pubconv.formats.csljson.mapping.publication_to_csl`; this
module is what citing starts from (year suffixes: :mod:`pubconv.citation.disambiguate`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pubconv.citation import markup as mk
from pubconv.citation.variables import CSL_VARIABLES, NAME_VARIABLES
from pubconv.formats.csljson import asread, limits
from pubconv.formats.csljson.mapping import publication_to_csl
from pubconv.model import Publication
from pubconv.names import person_matches

CslItem = dict[str, Any]


def to_csl(pubs: Sequence[Publication]) -> list[CslItem]:
    """CSL-JSON items for ``pubs`` (keys kept as they are)."""
    return [_as_read(p) or publication_to_csl(p) for p in pubs]


def _as_read(pub: Publication) -> CslItem | None:
    """The CSL-JSON item ``pub`` was read from, decoded again, while ``pub`` is that record as
    read (the same object: hints such as ``--titles as-written`` make a new one); else ``None``.

    It is what :func:`publication_to_csl` gives for the record, as the reader keeps in
    ``csl.as-written`` every way the item differs from the model's own (a spelling, a type,
    a key the model lacks), but without building the item and applying those differences
    again: decoding it costs a third (``tests/test_cite_csl_items.py`` checks the two agree).
    """
    origin = pub.origin
    if origin is None or origin.as_read is not pub or origin.format != "csljson":
        return None
    kept = asread.take(origin)  # the reader's own decoding, when it kept it (cite)
    if kept is not None:
        return kept
    try:
        value: object = json.loads(origin.raw)
    except (ValueError, RecursionError):
        return None
    if not limits.is_clean(origin.raw):
        value = limits.clean(value)[0]  # lone surrogates, as the reader replaced them
    return value if isinstance(value, dict) else None


_VARIABLES: frozenset[str] = frozenset()


def _csl_variables() -> frozenset[str]:
    global _VARIABLES
    if not _VARIABLES:
        from citeproc import VARIABLES

        _VARIABLES = (
            frozenset(v.replace("_", "-") for v in VARIABLES)
            | {
                "archive_location",  # CSL spells this one variable with an underscore
                "DOI",
                "ISBN",
                "ISSN",
                "URL",
                "PMID",
                "PMCID",
            }
            | CSL_VARIABLES
        )  # CSL 1.0.2's, citeproc-py knows 1.0.1's
    return _VARIABLES


_NAME_PARTS = ("family", "given", "literal", "suffix", "non-dropping-particle", "dropping-particle")
_NO_MARKUP = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})
HIGHLIGHT_FLAG = "pubconv-highlight"
AMBIGUOUS_FLAG = "pubconv-ambiguous"
"""On a prepared item: its cite stays ambiguous after names and given names are added, so
``disambiguate="true"`` conditions hold for it (set by the runner, read by the renderer)."""


def prepare(item: CslItem, highlight: Sequence[str]) -> CslItem:
    """A citeproc-ready copy of ``item``: known CSL variables only, rich text as markers,
    persons matching ``highlight`` flagged."""
    known = _csl_variables()
    out: CslItem = {"type": item.get("type") or "document"}
    item = _aliases(item)
    for key, value in item.items():
        if key in ("id", "type") or key not in known or value in (None, "", []):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            names = []
            for name in value:
                clean = {p: mk.to_marked(str(name[p])) for p in _NAME_PARTS if name.get(p)}
                _split_particle(clean)
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


_ALIASES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}
"""CSL-JSON fields under their Zotero names (listed in the CSL-JSON schema), read as the CSL
variables they stand for when those are not given."""


_NOTE_FIELD = re.compile(r"^[ \t]*([A-Za-z][A-Za-z_-]*)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$", re.M)
"""A ``variable: value`` line of a CSL-JSON ``note`` (Zotero's "Extra" field)."""
_NOTE_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DATE_VARIABLES = frozenset(
    {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
)


def _note_date(value: str) -> dict[str, Any] | None:
    """``2004-10-01`` or ``2004-10-01/2004-10-14`` as CSL-JSON ``date-parts``."""
    parts = []
    for piece in value.split("/", 1):
        match = _NOTE_DATE.match(piece.strip())
        if match is None:
            return None
        parts.append([int(g) for g in match.groups() if g is not None])
    return {"date-parts": parts}


def _note_name(value: str) -> dict[str, str]:
    """A name as a note line gives it: ``Hall || W.C.`` (family || given), else a literal."""
    family, bar, given = value.partition("||")
    if not bar:
        return {"literal": value.strip()}
    return {"family": family.strip(), "given": given.strip()}


def _note_fields(item: CslItem) -> CslItem:
    """Variables given as ``variable: value`` lines of the ``note``, as Zotero writes fields it
    has no place for and citeproc-js reads them (``container-title-short: Container``,
    ``event-date: 2004-10-01/2004-10-14``, ``reviewed-author: Hall || W.C.``, one line per
    name).  A variable the item already has wins; the lines read leave the note."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    known = _csl_variables()
    out = dict(item)
    used: list[str] = []
    for match in _NOTE_FIELD.finditer(note):
        variable, value = match.group(1).lower().replace("_", "-"), match.group(2)
        if variable.replace("-", "_") in ("archive_location", "archive_collection"):
            variable = variable.replace("-", "_")  # CSL spells these two with an underscore
        if variable in NAME_VARIABLES and variable not in item:
            out.setdefault(variable, []).append(_note_name(value))
        elif variable not in known or variable in ("note", "type", "id") or out.get(variable):
            continue
        elif variable in _DATE_VARIABLES:
            date = _note_date(value)
            if date is None:
                continue
            out[variable] = date
        else:
            out[variable] = value
        used.append(match.group(0))
    if not used:
        return item
    rest = [line for line in note.split("\n") if line not in used]
    out["note"] = "\n".join(rest).strip()
    return out


def _aliases(item: CslItem) -> CslItem:
    """``item`` with :data:`_ALIASES` fields under their CSL names and the fields its note
    gives (:func:`_note_fields`)."""
    item = _note_fields(item)
    if not any(alias in item for alias in _ALIASES):
        return item
    out = dict(item)
    for alias, variable in _ALIASES.items():
        if out.get(alias) and not out.get(variable):
            out[variable] = out[alias]
    return out


_PARTICLE_WORD = re.compile(r"['\u2019]?[a-z][\w'\u2019-]*")
"""A particle word: lower case, maybe after an apostrophe (``von``, ``de’``, ``’t``)."""
_GLUED_PARTICLE = re.compile(r"([a-z]+-)(?=[A-Z\u00C0-\u024F])")
"""A lower-case particle glued to the family name by a hyphen (``al-One``); one glued by an
apostrophe (``d’Wander``) stays part of the family name, as it sorts and prints alike."""


def _split_particle(name: dict[str, str]) -> None:
    """Parse a non-dropping particle out of a CSL-JSON ``family`` that has none, as citeproc-js
    and pandoc do: leading lower-case words (``von Hoppel``, ``in ’t Horvath``) or a prefix
    glued by a hyphen (``al-One``).  A family in double quotes (``"Van Dyke"``) is taken
    as it is, without the quotes.  Names with particle fields or a literal are left alone."""
    family = name.get("family", "")
    if not family or "literal" in name or "non-dropping-particle" in name:
        return
    if "dropping-particle" in name:
        return
    if len(family) > 1 and (family[0] + family[-1] in ('""', "".join(mk.DATA_QUOTE))):
        name["family"] = family[1:-1]
        return
    words = family.split(" ")
    particle: list[str] = []
    while len(words) > 1 and _PARTICLE_WORD.fullmatch(words[0]):
        particle.append(words.pop(0))
    rest = " ".join(words)
    glued = _GLUED_PARTICLE.match(rest)
    if glued:
        particle.append(glued.group(1))
        rest = rest[glued.end() :]
    if particle and rest:
        name["non-dropping-particle"] = " ".join(particle)
        name["family"] = rest


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
