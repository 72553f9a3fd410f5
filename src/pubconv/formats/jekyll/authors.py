"""The author line of a page entry: ``_Jie Hu,Hanting Chen, and Zhiwei Xiong*_`` <-> persons.

Names are display names (given first); marks after a name (``*``, ``†``, ``#``, ``‡``) become
``Person.roles`` so that ``Xiong*`` and ``Xiong`` are the same person with different roles.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from pubconv.formats.jekyll.text import from_page, md_escape, to_page
from pubconv.model import OTHERS, Person
from pubconv.names import parse_display_name

#: Page mark -> role (and back).  Distinct marks keep distinct roles so nothing is lost.
MARK_ROLES = {"*": "equal", "†": "corresponding", "#": "equal-alt", "‡": "corresponding-alt"}
ROLE_MARKS = {role: mark for mark, role in MARK_ROLES.items()}
_OTHERS_WORDS = frozenset({"et al.", "et al", "others", "et. al."})
#: What :func:`split_names` splits a line at, inside one name: written as character references
#: (``&#44;``, ``&#97;nd``) that render the same but do not split, so ``{Lab for Vision and
#: Imaging}`` or ``John Smith, Jr.`` is one name again when the page is read back.
_SPLITTERS = re.compile(r"(?<!\S)and(?!\S)|,")
_ODD_SPACES = str.maketrans(
    {"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " "}
)


def _strip_marks(name: str) -> tuple[str, tuple[str, ...]]:
    """``Zhiwei Xiong*†`` -> (``Zhiwei Xiong``, (``equal``, ``corresponding``))."""
    roles: list[str] = []
    while True:
        name = name.rstrip()
        if name.endswith("</sup>"):
            start = name.rfind("<sup>")
            inner = name[start + 5 : -6] if start != -1 else ""
            if start == -1 or not inner or any(c not in MARK_ROLES for c in inner.replace(",", "")):
                break
            roles[:0] = [MARK_ROLES[c] for c in inner if c in MARK_ROLES]
            name = name[:start]
        elif name.endswith("\\*"):
            roles.insert(0, MARK_ROLES["*"])
            name = name[:-2]
        elif name[-1:] in MARK_ROLES and len(name) > 1:
            roles.insert(0, MARK_ROLES[name[-1]])
            name = name[:-1]
        else:
            break
    return name, tuple(roles)


def split_names(text: str) -> list[str]:
    """Comma list -> names; tolerant of ``Hu,Hanting``, ``..., and Z`` and ``A and B``."""
    names: list[str] = []
    for piece in text.split(","):
        words = piece.translate(_ODD_SPACES).split(" ")
        current: list[str] = []
        for word in words:
            if word == "and":
                if current:
                    names.append(" ".join(current))
                current = []
            elif word:
                current.append(word)
        if current:
            names.append(" ".join(current))
    return names


def parse_authors(text: str) -> tuple[Person, ...]:
    """Inner text of the author line (between the italics markers) -> persons."""
    persons: list[Person] = []
    for raw_name in split_names(text):
        name, roles = _strip_marks(raw_name)
        name = from_page(name).strip()
        if not name:
            continue
        if name.lower() in _OTHERS_WORDS:
            persons.append(OTHERS)
            continue
        person = parse_display_name(name)
        persons.append(dataclasses.replace(person, roles=roles) if roles else person)
    return tuple(persons)


def format_author(person: Person) -> str:
    """One person as page text, marks after the name (``Zhiwei Xiong\\*``)."""
    if person.is_others:
        return "et al."
    marks = "".join(ROLE_MARKS.get(role, "") for role in person.roles)
    text = _SPLITTERS.sub(
        lambda m: "&#44;" if m.group() == "," else "&#97;nd", to_page(person.display())
    )
    return text + md_escape(marks)


def format_authors(persons: Sequence[Person]) -> str:
    """Persons -> inner text of the author line, comma separated."""
    return ", ".join(format_author(p) for p in persons)
