"""The corpus `.bib` files grouped into the databases they are meant to be read as.

A lab's bibliography is often several files read together (``abbrev.bib`` + ``journals.bib`` +
entries + ``crossref.bib``).  Some files are alternatives of each other and are never loaded
together (the corpus README says which), so each set lists one choice.
"""

from __future__ import annotations

from pathlib import Path

IRIDIA_ORDER = (
    "abbrev.bib",
    "journals.bib",
    "authors.bib",
    "articles.bib",
    "biblio.bib",
    "crossref.bib",
)
"""``abbrevshort.bib`` is an alternative to ``abbrev.bib`` (short forms of the same macros)."""

PLUME_FIRST = "bibstring-unabbrev.bib"
"""One of the three alternative macro files; the others redefine the same 105 names."""
PLUME_ALTERNATIVES = frozenset(
    {"bibstring-abbrev.bib", "bibstring-master.bib", "crossrefs-abbrev.bib"}
)
"""Alternatives never loaded with the main set (``crossrefs-abbrev`` repeats ``crossrefs`` keys)."""


def bib_sets(corpus: Path) -> dict[str, list[Path]]:
    """Name -> files in load order, for every `.bib` database in the corpus."""
    bibtex = corpus / "bibtex"
    sets: dict[str, list[Path]] = {}
    for folder in sorted(p for p in bibtex.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.bib"))
        if folder.name == "iridia-references":
            files = [folder / name for name in IRIDIA_ORDER if (folder / name).exists()]
        elif folder.name == "plume-bib-perf":
            crossrefs = folder / "crossrefs.bib"
            skip = PLUME_ALTERNATIVES | {PLUME_FIRST, crossrefs.name}
            files = [folder / PLUME_FIRST, *(f for f in files if f.name not in skip), crossrefs]
        sets[folder.name] = files
    return sets


def every_bib_file(corpus: Path) -> list[Path]:
    """Every `.bib` file of the corpus, alternatives included (for per-file byte identity)."""
    return sorted((corpus / "bibtex").rglob("*.bib"))
