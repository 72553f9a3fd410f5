"""Display names as web pages and people write them, and matching people across spellings.

``Zhiwei Xiong``, ``Xiong, Zhiwei``, ``Z. Xiong`` and ``Xiong, Z.`` name one person; so do
``Umut Şimşekli`` and ``Umut Simsekli``.  The Jekyll page reader parses author lines with
:func:`parse_display_name`, and the CV filter (``--author``/``--highlight``) compares people with
:func:`person_matches`, which works on name parts rather than rendered text so it survives
initials, family-first order and accents.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from pubconv.model import Person

SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "2nd", "3rd"})
#: Words that mark an organisation, so the name is kept whole (``Person(literal=...)``).
ORG_WORDS = frozenset(
    {
        "agency",
        "alliance",
        "association",
        "center",
        "centre",
        "collaboration",
        "committee",
        "company",
        "consortium",
        "corp.",
        "corporation",
        "council",
        "department",
        "foundation",
        "group",
        "inc",
        "inc.",
        "initiative",
        "institute",
        "laboratory",
        "ltd",
        "ltd.",
        "ministry",
        "network",
        "organisation",
        "organization",
        "project",
        "society",
        "team",
        "university",
    }
)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]+")
#: Letters that NFKD does not decompose into a base letter plus accents.
_FOLD_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ȷ": "j",
        "ŀ": "l",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ĸ": "k",
        "’": "'",
        "‘": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
    }
)
_TOKEN_SPLIT = re.compile(r"[\s.\-]+")
_NON_ALNUM = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names: ``Şimşekli`` -> ``simsekli``.

    >>> fold("Łukasz Øster Straße")
    'lukasz oster strasse'
    """
    folded = text.casefold().translate(_FOLD_LETTERS)
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    return _SPACES.sub(" ", folded).strip()


def _is_organisation(words: list[str]) -> bool:
    """``NIH``, ``Barnes & Noble``, ``The Tor Project``, ``Institute for X``: not a person.

    Kept strict because a false positive turns a person into an unsplittable literal: an
    organisation word must end the name or be followed by ``of``/``for``/``on``.
    """
    if len(words) == 1:
        return _ACRONYM.fullmatch(words[0]) is not None
    if "&" in words or "and" in words:
        return True
    if words[-1].casefold().rstrip(",") in ORG_WORDS:
        return True
    return any(
        w.casefold() in ORG_WORDS and nxt in ("of", "for", "on")
        for w, nxt in itertools.pairwise(words)
    )


def _split_particle(words: list[str]) -> tuple[str | None, str | None]:
    """``["van", "Beethoven"]`` -> (``van``, ``Beethoven``): leading lower-case words are a particle."""
    i = 0
    while i < len(words) - 1 and words[i][:1].islower():
        i += 1
    return (" ".join(words[:i]) or None), (" ".join(words[i:]) or None)


def parse_display_name(text: str) -> Person:
    """A name as written on a page or typed by a user -> Person.

    >>> parse_display_name("Ludwig van Beethoven")
    Person(family='Beethoven', given='Ludwig', particle='van', suffix=None, literal=None, roles=())
    >>> parse_display_name("Xiong, Z.").given
    'Z.'
    """
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return Person(literal="")
    parts = [p.strip() for p in text.split(",")]
    suffix = None
    if len(parts) >= 2 and parts[-1] in SUFFIXES:  # Martin Luther King, Jr.
        suffix = parts.pop()
        text = ", ".join(parts)
    if len(parts) >= 2 and parts[0]:
        if _is_organisation(text.split(" ")):
            return Person(literal=text if suffix is None else f"{text}, {suffix}")
        particle, family = _split_particle(parts[0].split(" "))
        if len(parts) >= 3 and parts[1] in SUFFIXES:  # King, Jr., Martin Luther
            suffix = parts[1]
            given_parts = parts[2:]
        else:
            given_parts = parts[1:]
        return Person(
            family=family,
            given=", ".join(p for p in given_parts if p) or None,
            particle=particle,
            suffix=suffix,
        )
    words = text.split(" ")
    if suffix is None and len(words) >= 2 and words[-1] in SUFFIXES:
        suffix = words.pop()
    if suffix is None and _is_organisation(words):
        return Person(literal=text)
    family = words.pop()
    i = len(words)
    while i > 1 and words[i - 1][:1].islower():
        i -= 1
    return Person(
        family=family,
        given=" ".join(words[:i]) or None,
        particle=" ".join(words[i:]) or None,
        suffix=suffix,
    )


def format_display_name(p: Person) -> str:
    """Given-first, as on web pages: ``Ludwig van Beethoven``, ``Martin Luther King Jr.``."""
    return p.display()


def _family_keys(p: Person) -> set[str]:
    family = _NON_ALNUM.sub("", fold(p.family or ""))
    keys = {family}
    if p.particle:
        keys.add(_NON_ALNUM.sub("", fold(p.particle)) + family)
    return keys


def _given_tokens(p: Person) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(fold(p.given or "")) if t]


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """``Zhiwei`` ~ ``Z.`` ~ ``Zhi-Wei``; ``Zhiwei`` !~ ``Zhiyuan``."""
    if not a or not b:
        return True
    if all(len(t) > 1 for t in a) and all(len(t) > 1 for t in b):
        return "".join(a) == "".join(b)
    return all(
        x == y if len(x) > 1 and len(y) > 1 else x[0] == y[0] for x, y in zip(a, b, strict=False)
    )


def person_matches(query: str | Person, p: Person) -> bool:
    """True when ``query`` names the person ``p`` (initials, order and accents aside).

    >>> person_matches("Xiong, Z.", Person(family="Xiong", given="Zhiwei"))
    True
    """
    q = parse_display_name(query) if isinstance(query, str) else query
    if p.is_others or q.is_others:
        return False
    if q.literal is not None or p.literal is not None:
        return _NON_ALNUM.sub("", fold(q.display())) == _NON_ALNUM.sub("", fold(p.display()))
    if not _family_keys(q) & _family_keys(p):
        return False
    return _given_compatible(_given_tokens(q), _given_tokens(p))
