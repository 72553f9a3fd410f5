"""The venue line ``<pub> Full Name (ABBR), 2024 <highlighted>(Oral)</highlighted></pub>``.

Also guesses the CSL type from the venue, because a page never states it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pubconv.formats.jekyll.text import nodes_to_model, parse_fragment, squeeze, to_page
from pubconv.model import PartialDate

_JOURNAL_WORDS = (
    "transactions",
    "journal",
    "letters",
    "magazine",
    "review",
    "express",
    "communication",
    "reports",
    "optica",
    "nature",
    "science",
)
_CONFERENCE_WORDS = ("conference", "symposium", "workshop", "proceedings", "conf.", "meeting")
_CONFERENCES = frozenset(
    {
        *("CVPR", "ICCV", "ECCV", "WACV", "ACCV", "BMVC", "NEURIPS", "NIPS", "ICML", "ICLR"),
        *("AAAI", "IJCAI", "MICCAI", "ISBI", "ICASSP", "ICME", "ICIP", "ACMMM", "MM", "KDD"),
        *("SIGGRAPH", "ACL", "EMNLP", "NAACL", "IROS", "ICRA", "VCIP", "DCC", "ICPR"),
    }
)


#: A venue whose own name ends in parentheses (``Psychopharmacology (Berl)``) and that has no
#: abbreviation is written with its last ``(`` as this character reference, which renders the
#: same; the reader does not take that part for an abbreviation.
_OWN_PAREN = "&#40;"
_HELD = "\ue000"  # stands for _OWN_PAREN while the venue is split (a private-use character)


@dataclass(frozen=True, slots=True)
class Venue:
    """What a ``<pub>`` holds; ``tags`` are the highlighted trailers such as ``Oral``."""

    container: str | None = None
    short: str | None = None
    year: int | None = None
    tags: tuple[str, ...] = ()


def parse_venue(inner: str) -> Venue:
    """Inner HTML of ``<pub>`` -> :class:`Venue` (``(ACCV) 2024`` without a comma is fine)."""
    tags: list[str] = []
    held = _OWN_PAREN in inner
    if held:
        inner = inner.replace(_OWN_PAREN, _HELD)
    if "<" not in inner and "&" not in inner:  # plain text (most venues): no HTML parse
        text = squeeze(inner)
    else:
        soup = parse_fragment(inner)
        for mark in soup.find_all("highlighted"):
            tag_text = squeeze(mark.get_text())
            if tag_text.startswith("(") and tag_text.endswith(")"):
                tag_text = tag_text[1:-1].strip()
            if tag_text:
                tags.append(tag_text)
            mark.extract()
        text = squeeze(nodes_to_model(list(soup.children)))
    year = None
    if len(text) >= 4 and text[-4:].isdigit() and not text[-5:-4].isdigit():
        year = int(text[-4:])
        text = text[:-4].rstrip().rstrip(",").rstrip()
    short = None
    if text.endswith(")"):
        depth, pos = 0, len(text) - 1
        while pos >= 0:
            if text[pos] == ")":
                depth += 1
            elif text[pos] == "(":
                depth -= 1
                if depth == 0:
                    break
            pos -= 1
        if pos > 0 or (pos == 0 and depth == 0):
            short = text[pos + 1 : -1].strip() or None
            text = text[:pos].rstrip().rstrip(",").rstrip()
    if held:
        text = text.replace(_HELD, "(")
        short = short.replace(_HELD, "(") if short else None
    return Venue(text or None, short, year, tuple(tags))


def format_venue(
    container: str | None, short: str | None, issued: PartialDate | None, note: str | None
) -> str:
    """The inner text of ``<pub>`` in house style: ``Full Name (ABBR), 2024``."""
    text = to_page(container) if container else ""
    if not short and text.endswith(")") and "(" in text:  # not an abbreviation: see _OWN_PAREN
        cut = text.rindex("(")
        text = text[:cut] + _OWN_PAREN + text[cut + 1 :]
    if short:
        text = f"{text} ({to_page(short)})" if text else f"({to_page(short)})"
    if issued is not None and issued.year is not None:
        text = f"{text}, {issued.year}" if text else str(issued.year)
    if note:
        text += f" <highlighted>({to_page(note)})</highlighted>"
    return text


def venue_date(year: int | None) -> PartialDate | None:
    """The page states only a year."""
    return PartialDate(year) if year is not None else None


def guess_type(container: str | None, short: str | None) -> str:
    """CSL type from the venue: journals, conference papers and arXiv preprints."""
    name = (container or "").lower()
    abbr = (short or "").upper().replace("-", "").replace(" ", "")
    if "arxiv" in name or abbr == "ARXIV":
        return "article"
    if any(word in name for word in _JOURNAL_WORDS):
        return "article-journal"
    if any(word in name for word in _CONFERENCE_WORDS):
        return "paper-conference"
    if abbr in _CONFERENCES or (abbr.endswith("W") and abbr[:-1] in _CONFERENCES):
        return "paper-conference"
    if abbr.startswith("T") and len(abbr) > 2:
        return "article-journal"
    return "article-journal" if container else "paper-conference"
