"""The one table of BibLaTeX fields that have a CSL variable but no model attribute, both ways.

Reading a ``.bib``, such a field stays verbatim in ``Publication.extra`` (the source of truth,
so ``.bib`` -> CSL-JSON -> ``.bib`` is exact) and the CSL writer *derives* the variable from it
(:mod:`pubconv.formats.csljson.derive`).  Writing a ``.bib`` from CSL-JSON, a CSL variable (or a
Zotero/Crossref key meaning the same) that the model keeps as ``extra`` is written under its
BibLaTeX field name instead (:mod:`pubconv.formats.bibtex.fromcsl`), so ``accessed`` becomes
``urldate``, ``journalAbbreviation`` ``shortjournal``.  The model attributes' own fields are in
:mod:`pubconv.formats.bibtex.mapping`; the whole mapping is documented in ``docs/mapping-csl.md``.

The values follow pandoc's BibLaTeX reader and Zotero's BibTeX translator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class FieldRule:
    """``field`` (BibLaTeX, lower case) <-> CSL ``variable``, e.g. ``urldate`` <-> ``accessed``.

    ``kind``: ``text`` (LaTeX decoded), ``verbatim`` (identifiers), ``date`` or ``names``;
    ``aliases``: other keys of CSL-JSON input written under ``field`` (CSL 1.0.1 and Zotero
    spellings); ``read_aliases``: other BibTeX fields read as ``variable``.
    """

    field: str
    variable: str
    kind: str = "text"
    aliases: tuple[str, ...] = ()
    read_aliases: tuple[str, ...] = ()


FIELDS: Final = (
    FieldRule("eventtitle", "event-title", aliases=("event",)),
    FieldRule("venue", "event-place"),
    FieldRule("eventdate", "event-date", "date"),
    FieldRule("urldate", "accessed", "date"),
    FieldRule("origdate", "original-date", "date"),
    FieldRule("type", "genre"),
    FieldRule("chapter", "chapter-number"),
    FieldRule("pagetotal", "number-of-pages"),
    FieldRule("volumes", "number-of-volumes"),
    FieldRule("version", "version"),
    FieldRule("annotation", "annote", read_aliases=("annote",)),
    FieldRule("origtitle", "original-title"),
    FieldRule("shorttitle", "title-short", aliases=("shortTitle", "short-title")),
    FieldRule("pubstate", "status"),
    FieldRule("pmid", "PMID", "verbatim"),
    FieldRule("pmcid", "PMCID", "verbatim"),
    FieldRule("translator", "translator", "names"),
    FieldRule("bookauthor", "container-author", "names"),
    FieldRule(
        "shortjournal",
        "container-title-short",
        aliases=("journalAbbreviation", "short-container-title"),
    ),
)
"""Every rule; ``shortjournal`` is read into the model (``container_short``), so only its
aliases are written through this table."""

READ: Final = {name: rule for rule in FIELDS for name in (rule.field, *rule.read_aliases)}
"""BibTeX field (lower case) -> rule, for deriving CSL variables."""

WRITE: Final = {key: rule for rule in FIELDS for key in (rule.variable, *rule.aliases)}
"""CSL-JSON key -> rule, for writing BibLaTeX fields."""

_CITE_LIST = re.compile(r"(?:\\(?:no)?cite[a-z]*\{[^{}]*\}[\s,;]*)+")
"""One or more ``\\cite{...}`` commands (each starts with a backslash: linear matching)."""


def own_meaning(field: str, value: str) -> bool:
    """True when a BibTeX ``field`` named like a CSL variable does not mean that variable.

    A ``references`` field made of ``\\cite{key}`` commands lists the works the entry cites (as
    in plume-bib); CSL's ``references`` is "resources related to the procedural history" of the
    item, and styles print it (APA in parentheses, Vancouver at the end).  pandoc, Zotero and
    citation-js do not map a BibTeX ``references`` field at all; a ``references`` written by
    csl2bib from a CSL item holds no ``\\cite`` and still reads back as the variable."""
    return field == "references" and _CITE_LIST.fullmatch(value.strip()) is not None


THESIS_GENRES: Final = {
    "phdthesis": "PhD thesis",
    "mastersthesis": "Master\u2019s thesis",
    "mathesis": "Master\u2019s thesis",
}
"""Entry type (or BibLaTeX ``type`` key) -> CSL ``genre``, as pandoc's BibLaTeX reader gives
them (biblatex's English strings)."""

TYPE_KEYS: Final = {
    **THESIS_GENRES,
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "Data CD",
    "audiocd": "Audio CD",
}
"""BibLaTeX ``type`` keys (``type = {phdthesis}``) -> the genre they stand for."""

LANGIDS: Final = {
    "english": "en-US",
    "american": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "canadian": "en-CA",
    "australian": "en-AU",
    "newzealand": "en-NZ",
    "german": "de-DE",
    "ngerman": "de-DE",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "french": "fr-FR",
    "italian": "it-IT",
    "spanish": "es-ES",
    "portuguese": "pt-PT",
    "brazilian": "pt-BR",
    "dutch": "nl-NL",
    "swedish": "sv-SE",
    "danish": "da-DK",
    "norwegian": "nb-NO",
    "finnish": "fi-FI",
    "polish": "pl-PL",
    "czech": "cs-CZ",
    "russian": "ru-RU",
    "ukrainian": "uk-UA",
    "greek": "el-GR",
    "turkish": "tr-TR",
    "japanese": "ja-JP",
    "chinese": "zh-CN",
    "korean": "ko-KR",
    "hebrew": "he-IL",
    "latin": "la",
}
"""babel/polyglossia ``langid`` -> BCP 47 (CSL ``language``), as pandoc maps them."""

ARXIV_URL: Final = "https://arxiv.org/abs/"
EPRINT_TYPE_FIELDS: Final = ("eprinttype", "archiveprefix")
"""Fields naming the archive of ``eprint`` (BibLaTeX; the arXiv BibTeX export's spelling)."""
