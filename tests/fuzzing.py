"""What every fuzzer checks, shared by ``test_fuzz.py`` (Hypothesis, in CI) and
``fuzz/atheris_readers.py`` (coverage-guided, long runs by hand).

:func:`check_read` feeds bytes to one reader as a user would (``loads(bytes)``) and holds pubconv
to its promises: only pubconv's own errors are raised, every diagnostic is located, and what
reads without errors can be written in every format and read back.  :func:`mutate` makes
structured mutations of real records: the characters that delimit BibTeX, JSON and Markdown
inserted, deleted, doubled or swapped at random places.
"""

from __future__ import annotations

import random
from pathlib import Path

import pubconv
from pubconv.errors import PubconvError, Severity

READERS = ("bibtex", "csljson", "jekyll")
WRITERS = ("bibtex", "csljson", "jekyll")
SUFFIX = {"bibtex": ".bib", "csljson": ".json", "jekyll": ".md"}

#: Characters that end or start something in one of the formats, and the awkward ones.
DELIMITERS = [
    *"{}[]()\"',=#%@$\\<>*_|`:;~^&!",
    "\n",
    "\r",
    "\t",
    "\x00",
    "\ufeff",
    "\ud800",
    "\u00e9",
    "@article{",
    "**",
    "<br>",
    "<span>",
    "</span>",
    "---\n",
    "<!--",
    "-->",
    "NaN",
    "9" * 60,
    "[" * 80,
    "{" * 80,
    "$\\input{x}$",
    "javascript:",
    " # ",
]


def seeds(folder: Path) -> dict[str, list[str]]:
    """Records to mutate, by reader: the project's own fixtures in each format."""
    out: dict[str, list[str]] = {name: [] for name in READERS}
    for name in READERS:
        for path in sorted(folder.rglob(f"*{SUFFIX[name]}")):
            if "bad" in path.parts:
                continue
            out[name].append(path.read_text(encoding="utf-8", errors="replace")[:6000])
    return out


def mutate(text: str, rng: random.Random, steps: int = 3) -> str:
    """``text`` after ``steps`` random edits near delimiters or anywhere."""
    for _ in range(steps):
        if not text:
            text = rng.choice(DELIMITERS)
            continue
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(5)
        if kind == 0:
            text = text[:at] + rng.choice(DELIMITERS) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + rng.randrange(1, 40) :]
        elif kind == 2:
            end = min(len(text), at + rng.randrange(1, 200))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == 3:
            other = rng.randrange(len(text) + 1)
            lo, hi = sorted((at, other))
            text = text[:lo] + text[hi:] + text[lo:hi]
        else:
            text = text[:at]
    return text


def check_read(data: bytes, reader: str, *, round_trip: bool = True) -> None:
    """Read ``data`` with ``reader``; raise AssertionError when a promise is broken.

    Exceptions other than :class:`PubconvError` propagate (that is the bug a fuzzer finds).
    """
    path = "fuzz" + SUFFIX[reader]
    try:
        bib = pubconv.loads(data, reader, path=path, strict=False)
    except PubconvError:
        return  # e.g. refused as binary: a located error, not a crash
    for diagnostic in bib.diagnostics:
        assert diagnostic.line is not None, f"unlocated diagnostic: {diagnostic}"
        assert "\n" not in str(diagnostic), f"multi-line diagnostic: {diagnostic!r}"
    if not round_trip or any(d.severity is Severity.ERROR for d in bib.diagnostics):
        return
    for writer in WRITERS:
        try:
            text = pubconv.dumps(bib, writer)
        except PubconvError:
            continue
        text.encode("utf-8")  # a writer never produces text that cannot be saved
        pubconv.loads(text, writer, strict=False)
