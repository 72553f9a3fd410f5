"""Benchmark inputs of any size, made from the real plume-bib-perf entries (about 5,900).

Each file is ONE ``.bib`` that pubconv, pandoc and bibtexparser all accept: the corpus set is read
with pubconv and every entry written afresh from the model (so plume-bib's ``@inproceedings(...)``
and three-part ``@string`` that pandoc 2.17 rejects are gone, and macros are expanded).  Entries
repeat cyclically with the copy number appended to their keys (``ernst2004-3``); the few keys
pandoc cannot read are left out, and ``crossref``
fields are dropped so that every prefix of the cycle is a self-contained database.

``python benchmarks/generate.py 5000 out.bib`` writes one; ``run.py`` calls :func:`bib_file`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from pathlib import Path

import pubconv

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PLUME = CORPUS / "bibtex" / "plume-bib-perf"
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_:.+/-]+")
"""Keys every tool reads (pandoc 2.17 rejects e.g. ``https://doi.org/...(SICI)...<833::...>``)."""


@functools.cache
def _entries() -> tuple[pubconv.Publication, ...]:
    """The corpus entries without origin or crossref, each written once as its own text."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from corpus_sets import bib_sets

    files = bib_sets(CORPUS)["plume-bib-perf"]
    bib = pubconv.load([str(p) for p in files], "bibtex", strict=False)
    return tuple(
        dataclasses.replace(
            pub,
            origin=None,
            extra=tuple((k, v) for k, v in pub.extra if k.lower() != "crossref"),
        )
        for pub in bib.publications
        if _PLAIN_KEY.fullmatch(pub.key)
    )


@functools.cache
def _texts() -> tuple[tuple[str, str], ...]:
    """Each entry's key and its BibTeX text (written once; copies only rename the key)."""
    out = []
    for pub in _entries():
        text = pubconv.dumps(pubconv.Bibliography.of([pub]), "bibtex")
        out.append((pub.key, text.strip() + "\n"))
    return tuple(out)


def bib_text(count: int) -> str:
    """``count`` entries as one ``.bib`` text (a blank line between entries)."""
    texts = _texts()
    if not texts:
        raise RuntimeError(f"no entries found under {PLUME}")
    chunks = []
    for i in range(count):
        copy, index = divmod(i, len(texts))
        key, text = texts[index]
        if copy:
            head, _, rest = text.partition(key)
            text = f"{head}{key}-{copy}{rest}"
        chunks.append(text)
    return "\n".join(chunks)


def bib_file(count: int, folder: Path) -> Path:
    """``folder/entries-<count>.bib``, written unless it is already there."""
    path = folder / f"entries-{count}.bib"
    if not path.exists():
        path.write_text(bib_text(count), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python benchmarks/generate.py COUNT OUT.bib", file=sys.stderr)
        return 2
    if not PLUME.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    Path(argv[1]).write_text(bib_text(int(argv[0])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
