"""What a citation run returns: entries, where their first name list is, and the
``subsequent-author-substitute`` applied to them in display order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_DISPLAY_DIV = re.compile(r'<div class="csl-(?:block|left-margin|right-inline|indent)">')
"""The opening tag of a CSL ``display`` block in HTML output (:mod:`pubconv.citation.output`)."""


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


def substitute_authors(entries: Sequence[Any], replacement: str, fmt: str = "text") -> list[Any]:
    """``entries`` (in display order) with each name list that repeats the previous entry's
    replaced by ``replacement`` (already escaped for the output format ``fmt``), as CSL 1.0.2
    ``subsequent-author-substitute`` with the ``complete-all`` rule asks (``———. “Title.”``).
    In HTML a ``display`` block left empty by an empty replacement goes too (nothing renders)."""
    out: list[Any] = []
    previous: str | None = None
    for entry in entries:
        names: NameList | None = getattr(entry, "names", None)
        if names is not None and names.identity == previous:
            text = entry.text
            if names.dropped:
                text = text[: names.dropped_at] + names.dropped + text[names.dropped_at :]
            start, end = names.start, names.end
            if fmt == "html" and not replacement:
                opening = _DISPLAY_DIV.search(text, 0, start)
                if opening and opening.end() == start and text.startswith("</div>", end):
                    start, end = opening.start(), end + len("</div>")
            text = text[:start] + replacement + text[end:]
            entry = RenderedEntry(entry.key, text)
        out.append(entry)
        previous = names.identity if names is not None else None
    return out
