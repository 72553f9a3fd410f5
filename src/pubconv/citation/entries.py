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
    parts: tuple[tuple[int, int], ...] = ()
    """Where each rendered name is (``text[a:b]``), for the per-name rules."""
    texts: tuple[str, ...] = ()
    """Each rendered name's text, for the ``partial-*`` rules."""


RULES = ("complete-all", "complete-each", "partial-each", "partial-first")
"""CSL 1.0.2 ``subsequent-author-substitute-rule`` values (``complete-all`` the default)."""


def substitute_authors(
    entries: Sequence[Any], replacement: str, fmt: str = "text", rule: str = "complete-all"
) -> list[Any]:
    """``entries`` (in display order) with the names that repeat the previous entry's replaced
    by ``replacement`` (already escaped for the output format ``fmt``), as CSL 1.0.2
    ``subsequent-author-substitute`` with ``subsequent-author-substitute-rule`` ``rule``:

    - ``complete-all``: when all rendered names match, the whole list, et-al and "and"
      included (``———. “Title.”``);
    - ``complete-each``: when all match, each name (``———, ———, and ———``);
    - ``partial-each``: each name from the first that matches the previous entry's name in the
      same place, up to the first mismatch;
    - ``partial-first``: the first name when it matches.

    In HTML a ``display`` block left empty by an empty replacement goes too (nothing renders).
    """
    out: list[Any] = []
    previous: NameList | None = None
    for entry in entries:
        names: NameList | None = getattr(entry, "names", None)
        if names is not None and previous is not None:
            text = _substituted(entry.text, names, previous, replacement, fmt, rule)
            if text is not None:
                entry = RenderedEntry(entry.key, text)
        out.append(entry)
        previous = names
    return out


def _substituted(
    text: str, names: NameList, previous: NameList, replacement: str, fmt: str, rule: str
) -> str | None:
    """``text`` with ``rule`` applied against the ``previous`` entry's names (None: no change)."""
    same = names.identity == previous.identity
    if rule in ("partial-each", "partial-first") and names.parts:
        count = 0
        for mine, theirs in zip(names.texts, previous.texts, strict=False):
            if mine != theirs:
                break
            count += 1
        if rule == "partial-first":
            count = min(count, 1)
        return _each(text, names, replacement, count) if count else None
    if not same:
        return None
    if rule == "complete-each" and names.parts:
        return _each(text, names, replacement, len(names.parts))
    if names.dropped:
        text = text[: names.dropped_at] + names.dropped + text[names.dropped_at :]
    start, end = names.start, names.end
    if fmt == "html" and not replacement:
        opening = _DISPLAY_DIV.search(text, 0, start)
        if opening and opening.end() == start and text.startswith("</div>", end):
            start, end = opening.start(), end + len("</div>")
    return text[:start] + replacement + text[end:]


def _each(text: str, names: NameList, replacement: str, count: int) -> str:
    """``text`` with its first ``count`` names each replaced by ``replacement``; a punctuation
    mark the list absorbed comes back when its last name is replaced."""
    if names.dropped and count and names.parts[count - 1][1] == names.end:
        text = text[: names.dropped_at] + names.dropped + text[names.dropped_at :]
    for start, end in reversed(names.parts[:count]):
        text = text[:start] + replacement + text[end:]
    return text
