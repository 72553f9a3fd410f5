"""Entry types: BibTeX/BibLaTeX ``@type`` <-> CSL item type.

The table follows pandoc's BibLaTeX reader (itself close to citation-js and Zotero), except that
``@misc`` becomes CSL ``document`` (pandoc leaves the type empty).  The type as written is kept as
the ``bibtex.type`` hint, so ``@conference`` or ``@mastersthesis`` come back as written; a CSL type
with no BibTeX home (``article``, ``speech``, ...) is written as ``@misc`` with
``entrysubtype = {<csl type>}`` and read back from there.
"""

from __future__ import annotations

TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "periodical": "article-journal",
    "suppperiodical": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "mvproceedings": "book",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "mvreference": "book",
    "manual": "book",
    "commentary": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inreference": "entry-encyclopedia",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "artwork": "graphic",
    "image": "graphic",
    "audio": "song",
    "music": "song",
    "movie": "motion_picture",
    "video": "motion_picture",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "letter": "personal_communication",
    "performance": "performance",
    "review": "review",
    "standard": "standard",
    "misc": "document",
}
"""Lower-case entry type -> CSL type; any other type reads as ``document``."""

FROM_CSL: dict[str, str] = {
    "article-journal": "article",
    "paper-conference": "inproceedings",
    "book": "book",
    "pamphlet": "booklet",
    "chapter": "incollection",
    "entry-encyclopedia": "inreference",
    "thesis": "phdthesis",
    "report": "techreport",
    "manuscript": "unpublished",
    "webpage": "online",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "graphic": "artwork",
    "song": "audio",
    "motion_picture": "movie",
    "legislation": "legislation",
    "legal_case": "jurisdiction",
    "personal_communication": "letter",
    "performance": "performance",
    "review": "review",
    "standard": "standard",
    "document": "misc",
}
"""CSL type -> the entry type written for a new entry."""

CSL_TYPES = frozenset(
    {
        *FROM_CSL,
        "article",
        "article-magazine",
        "article-newspaper",
        "bill",
        "broadcast",
        "classic",
        "collection",
        "entry",
        "entry-dictionary",
        "event",
        "figure",
        "hearing",
        "interview",
        "map",
        "musical_score",
        "periodical",
        "post",
        "post-weblog",
        "regulation",
        "review-book",
        "speech",
        "treaty",
    }
)
"""Every CSL 1.0.2 item type."""

SUBTYPE_FIELD = "entrysubtype"
"""Field of ``@misc`` that carries a CSL type with no entry type of its own."""

ARTICLE_TYPES = frozenset({"article", "periodical", "suppperiodical"})
"""Types whose ``number`` is the journal issue."""


def to_csl(entry_type: str) -> str:
    """``InProceedings`` -> ``paper-conference``; unknown types -> ``document``."""
    return TO_CSL.get(entry_type.lower(), "document")


def homeless(csl_type: str) -> bool:
    """True for a CSL type written as ``@misc`` + ``entrysubtype``."""
    return csl_type in CSL_TYPES and csl_type not in FROM_CSL


def entry_type(csl_type: str, written: str | None) -> str:
    """The ``@type`` to write: the type as read when it still means ``csl_type``."""
    if written is not None and written and to_csl(written) == csl_type:
        return written
    return FROM_CSL.get(csl_type, "misc")
