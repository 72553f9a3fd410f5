"""BibTeX name lists (``author``/``editor`` values) <-> :class:`~pubconv.model.Person` tuples.

Follows BibTeX's own rules (Patashnik, "Designing BibTeX styles"; ``bibtex.web``): names are
split on ``and`` at brace level 0; a name is ``First von Last``, ``von Last, First`` or
``von Last, Jr, First``; the "von" part is the run of words whose first letter (at brace level
0, or inside a special character such as ``{\\'e}``) is lower case; a name that is one braced
group (``{World Health Organization}``) is an organisation (``literal``); ``others`` is the
et-al marker.  Name parts are decoded to plain Unicode (braces only group, no ``nocase`` spans).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from pubconv.formats.bibtex.latex import ACCENTS, LETTERS, decode_plain, find_group_end
from pubconv.formats.bibtex.latexencode import encode
from pubconv.model import OTHERS, Person

# A match starts only at the first character of a run of white space (the look-behind), so a
# long run without "and" costs one pass, not one pass per space (80,000 spaces took 79 s).
_AND = re.compile(r"(?<![ \t\r\n])[ \t\r\n]+and[ \t\r\n]+", re.IGNORECASE)
_AND_OR_BRACE = re.compile(
    r"\\.|[{}]|(?:(?<![ \t\r\n])|(?<=\\[ \t\r\n]))[ \t\r\n]+and(?=[ \t\r\n])",
    re.IGNORECASE | re.S,
)
_NAME_TOKEN = re.compile(r"\\.|[{},]|[ \t\r\n~]+", re.S)
_CONTROL = re.compile(r"\\([A-Za-z]+|.)", re.S)
_WORD_BREAK = re.compile(r"[ \t\r\n~]+")


def split_names(value: str) -> list[str]:
    """Split a name list on ``and`` at brace level 0: ``A and {B and C}`` -> ``[A, {B and C}]``."""
    value = value.strip(" \t\r\n")
    if "{" not in value:
        return [n for n in _AND.split(value) if n.strip()] if value else []
    names: list[str] = []
    depth = 0
    start = 0
    for m in _AND_OR_BRACE.finditer(value):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and token[0] in " \t\r\n":
            names.append(value[start : m.start()])
            start = m.end()
    names.append(value[start:])
    return [n.strip(" \t\r\n") for n in names if n.strip(" \t\r\n")]


def _split_name(name: str) -> list[list[str]]:
    """One name -> comma-separated parts, each a list of raw words (brace level 0 splitting)."""
    if "{" not in name and "\\" not in name:  # nothing nests: split in C
        return [[w for w in _WORD_BREAK.split(part) if w] for part in name.split(",")]
    parts: list[list[str]] = [[]]
    depth = 0
    word_start = 0
    for m in _NAME_TOKEN.finditer(name):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and (token == "," or token[0] in " \t\r\n~"):
            word = name[word_start : m.start()]
            if word:
                parts[-1].append(word)
            if token == ",":
                parts.append([])
            word_start = m.end()
    word = name[word_start:]
    if word:
        parts[-1].append(word)
    return parts


def _first_letter_case(word: str) -> bool | None:
    """Case of the first letter BibTeX sees in ``word`` (True = lower), None when caseless."""
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c == "{":
            end = find_group_end(word, i)
            if end == -1:
                end = n
            if word.startswith("\\", i + 1):
                # A special character: its case is the case of the letter it stands for.
                m = _CONTROL.match(word, i + 1)
                if m is not None and m.group(1) in LETTERS:
                    return LETTERS[m.group(1)].islower()
                for ch in word[m.end() if m else i + 1 : end]:
                    if ch.isalpha() and ch.isascii():
                        return ch.islower()
            i = end + 1
        elif c == "\\":
            m = _CONTROL.match(word, i)
            if m is None:
                i += 1
                continue
            name = m.group(1)
            if name in LETTERS:
                return LETTERS[name].islower()
            i = m.end()
            if name in ACCENTS:
                # ``\'{A}dam`` is Ádám: the accented letter decides (BibTeX itself would
                # skip the braces and see the lower-case ``d``).
                while i < n and word[i] in " {":
                    i += 1
                if i < n and word[i].isalpha():
                    return word[i].islower()
        elif c.isalpha() and (c.islower() or c.isupper()):
            return c.islower()
        else:
            i += 1
    return None


def _is_von(word: str) -> bool:
    return _first_letter_case(word) is True


def _text(words: Sequence[str]) -> str | None:
    if not words:
        return None
    return decode_plain(" ".join(words)) or None


def parse_name(name: str) -> Person:
    """One BibTeX name -> Person, e.g. ``van Beethoven, Jr., Ludwig``."""
    parts = _split_name(name)
    if len(parts) == 1:
        words = parts[0]
        if len(words) == 1:
            word = words[0]
            if word.lower() == "others":
                return OTHERS
            if word.startswith("{") and find_group_end(word, 0) == len(word) - 1:
                return Person(literal=decode_plain(word[1:-1]))
            return Person(family=_text(words))
        if not words:
            return Person(literal="")
        last = len(words) - 1
        von_start = next((i for i in range(last) if _is_von(words[i])), -1)
        if von_start == -1:
            return Person(family=_text(words[last:]), given=_text(words[:last]))
        von_end = max(i for i in range(von_start, last) if _is_von(words[i])) + 1
        return Person(
            family=_text(words[von_end:]),
            given=_text(words[:von_start]),
            particle=_text(words[von_start:von_end]),
        )
    von_last = parts[0]
    if len(parts) == 2:
        jr: list[str] = []
        first = parts[1]
    else:
        jr = parts[1]
        first = list(parts[2])
        for extra in parts[3:]:  # too many commas: BibTeX complains; keep them in First
            if first:
                first[-1] += ","
            first.extend(extra)
    von_end = 0
    for i in range(len(von_last) - 2, -1, -1):
        if _is_von(von_last[i]):
            von_end = i + 1
            break
    return Person(
        family=_text(von_last[von_end:]),
        given=_text(first),
        particle=_text(von_last[:von_end]),
        suffix=_text(jr),
    )


def parse_names(value: str) -> tuple[Person, ...]:
    """A raw ``author``/``editor`` value -> persons; ``and others`` -> :data:`model.OTHERS`.

    >>> parse_names(r"Ludwig van Beethoven and Xiong, Zhiwei and {World Health Organization} and others")[0]
    Person(family='Beethoven', given='Ludwig', particle='van', suffix=None, literal=None, roles=())
    """
    return tuple(map(_parse_known, split_names(value)))


_PARSED: dict[str, Person] = {}
"""Names parsed so far (a lab's database names its own people in entry after entry: 43% of the
names of 5,000 plume-bib entries are repeats).  :func:`parse_name` depends on the text alone and
a :class:`Person` is immutable, so a repeat shares the first one's object."""
_PARSED_MAX = 8192
"""Emptied when it holds this many, so a 200,000-entry stream keeps it small."""


def _parse_known(name: str) -> Person:
    person = _PARSED.get(name)
    if person is None:
        person = parse_name(name)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[name] = person
    return person


# --------------------------------------------------------------------------- format

_NEEDS_BRACES = re.compile(r",|~|(?:^|[ \t\r\n])and(?:[ \t\r\n]|$)|^[ \t\r\n]|[ \t\r\n]$", re.I)


def _enc(text: str | None, ascii: bool) -> str:
    if text is None:
        return ""
    encoded = encode(text, ascii=ascii)
    return "{" + encoded + "}" if _NEEDS_BRACES.search(encoded) else encoded


def _candidates(p: Person, ascii: bool) -> Iterable[str]:
    family = _enc(p.family, ascii)
    given = _enc(p.given, ascii)
    particle = _enc(p.particle, ascii)
    suffix = _enc(p.suffix, ascii)
    braced_family = "{" + encode(p.family or "", ascii=ascii) + "}"
    for fam in (family or "{}", braced_family):
        von_last = f"{particle} {fam}" if particle else fam
        if suffix:
            yield f"{von_last}, {suffix}, {given}".rstrip(" ")
        elif given:
            yield f"{von_last}, {given}"
        else:
            yield von_last


def format_name(p: Person, *, ascii: bool = False) -> str:
    """One person as BibTeX writes it: ``van Beethoven, Jr., Ludwig``; organisations braced."""
    if p.is_others:
        return "others"
    if p.literal is not None:
        return "{" + encode(p.literal, ascii=ascii) + "}"
    # empty parts are no parts (CSL-JSON writes ``"given": ""`` for a family-only name)
    target = dataclasses.replace(
        p,
        roles=(),
        given=p.given or None,
        particle=p.particle or None,
        suffix=p.suffix or None,
    )
    last = ""
    for candidate in _candidates(target, ascii):
        if parse_names(candidate) == (target,):
            return candidate
        last = candidate
    if target.given is None and target.particle is None and target.suffix is None:
        return _family_only(target.family or "", ascii)
    return last


def _family_only(family: str, ascii: bool) -> str:
    """A family-only name BibTeX reads as one Last part: ``{BI Intelligence}{}``.

    Never ``{BI Intelligence},`` (BibTeX rejects a name ending in a comma) and not
    ``{BI Intelligence}``, which reads back as a literal (organisation) name: the empty group
    makes one token that is not wholly braced, which BibTeX and pubconv read as the family name
    (BibTeX prints nothing for ``{}``).
    """
    return "{" + encode(family, ascii=ascii) + "}{}"


def format_names(persons: Iterable[Person], *, ascii: bool = False) -> str:
    """Persons -> a BibTeX name list, such that ``parse_names`` gives them back.

    >>> format_names([Person(family="Beethoven", given="Ludwig", particle="van"), OTHERS])
    'van Beethoven, Ludwig and others'
    """
    return " and ".join(format_name(p, ascii=ascii) for p in persons)
