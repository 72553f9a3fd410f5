"""Recovering authors, volume, issue and pages from academicpages' formatted ``citation`` string.

Many academicpages sites hold these only inside ``citation``, written by hand or by the
template's generator in whatever style the owner likes: the template's own
``Your Name, You. (2009). "Paper Title Number 1." <i>Journal 1</i>. 1(1).``, APA
(``Smith, J., & Doe, A. (2020). Title. <i>Journal</i>, <i>3</i>(2), 1–10.``) or IEEE
(``J. Smith and A. Doe, "Title," <i>Journal</i>, vol. 3, no. 2, pp. 1-10, 2020.``).  The reader
takes a field from here only when the front matter lacks it, and says so per record.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from pubconv.formats.jekyll.authors import parse_authors
from pubconv.model import Person
from pubconv.names import parse_display_name

_TAGS = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_SPACES = re.compile(r"\s+")
#: Where the author list ends: a parenthesised year, or an opening quote of the title.
_AUTHORS_END = re.compile(r"(?<!\s)\s*\((?:19|20)\d\d[a-z]?\)|[\"“”]")
"""Where a citation's author list ends; starts only where white space starts (linear)."""
_VOLUME_ISSUE = re.compile(r"(?<![\w:.\-])(\d{1,5})\s*\(([\w\-–]{1,12})\)")
_VOL = re.compile(r"\bvol(?:ume)?\.?\s*(\d{1,5})\b", re.IGNORECASE)
_NO = re.compile(r"\b(?:no|issue)\.?\s*(\d{1,5})\b", re.IGNORECASE)
_PP = re.compile(r"\bpp?\.\s*(\d[\w:]*\s*(?:[-–—]+\s*\d[\w:]*)?)")
_PAGE_RANGE = re.compile(
    r"(?<![\w.:/\-])(\d{1,6}(?::\d{1,6})?\s*[-–—]{1,2}\s*\d{1,6}(?::\d{1,6})?)(?![\w/])"
)
#: APA ``Family, I. J.`` pairs: a family part followed by initials.
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.\s*|[A-Z]\.-[A-Z]\.\s*)+$")


@dataclass(frozen=True, slots=True)
class Recovered:
    """What a citation string gives; ``None`` where it says nothing."""

    authors: tuple[Person, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None


def plain(citation: str) -> str:
    """Tags dropped, entities decoded, whitespace collapsed."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub("", citation))).strip()


def _apa_pairs(parts: list[str]) -> list[str] | None:
    """``["Smith", "J.", "Doe", "A. B."]`` -> ``["Smith, J.", "Doe, A. B."]`` when it fits APA.

    Family-first order shows as every second part being initials or a single given name; a
    given-first list (``Ana Ruiz, Bo Chen``) has full names in those places.
    """
    if len(parts) < 2 or len(parts) % 2:
        return None
    names = []
    for family, given in zip(parts[::2], parts[1::2], strict=True):
        given = given.strip()
        if not family.strip() or not (_INITIALS.match(given) or " " not in given):
            return None
        names.append(f"{family.strip()}, {given.strip()}")
    return names


def _authors(text: str) -> tuple[Person, ...]:
    """The author list at the head of a citation, in either name order."""
    match = _AUTHORS_END.search(text)
    if match is None or match.start() == 0:
        return ()
    head = text[: match.start()].strip().rstrip(",").strip()
    last = head.rsplit(" ", 1)[-1]
    if head.endswith(".") and not _INITIALS.match(last):
        head = head[:-1].rstrip(", ")
    if not head:
        return ()
    unified = re.sub(r"(?<!\s)\s*(?:,\s*)?(?:&|\band\b)\s*", ", ", head)  # linear
    pairs = _apa_pairs([p for p in unified.split(",") if p.strip()])
    if pairs is not None:
        return tuple(parse_display_name(name) for name in pairs)
    return parse_authors(head)


def _after_title(text: str) -> str:
    """The part after the quoted title (where venue, volume and pages are)."""
    quotes = [m.end() for m in re.finditer(r"[\"”]", text)]
    return text[quotes[-1] :] if len(quotes) >= 2 else text


def recover(citation: str) -> Recovered:
    """Fields a formatted citation shows, e.g. ``recover('... <i>J</i>. 1(1).').volume == '1'``."""
    text = plain(citation)
    tail = _after_title(text)
    volume = issue = pages = None
    if (m := _VOL.search(tail)) is not None:
        volume = m.group(1)
        if (n := _NO.search(tail, m.end())) is not None:
            issue = n.group(1)
    elif (m := _VOLUME_ISSUE.search(tail)) is not None:
        volume, issue = m.group(1), m.group(2)
    if (m := _PP.search(tail)) is not None or (m := _PAGE_RANGE.search(tail)) is not None:
        pages = _SPACES.sub("", m.group(1))
    return Recovered(_authors(text), volume, issue, pages)
