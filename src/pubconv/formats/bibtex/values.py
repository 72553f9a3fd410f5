"""BibTeX field values: ``{...}``, ``"..."``, numbers and macros joined by ``#``, expanded.

BibTeX itself defines month macros and the journal abbreviations of the standard styles
(``plain.bst`` and friends), so ``month = apr`` or ``journal = jacm`` work without any
``@string``; :data:`STANDARD_MACROS` holds them.  Macro names are case-insensitive, as in BibTeX.

The parser is a linear scan (no regular expression backtracking on user text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pubconv.formats.bibtex.latex import find_group_end

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_MACROS = tuple(name[:3].lower() for name in MONTH_NAMES)
"""``jan`` .. ``dec``, the macros a writer uses for a month."""

STANDARD_MACROS: dict[str, str] = {
    **{macro: name for macro, name in zip(MONTH_MACROS, MONTH_NAMES, strict=True)},
    "acmcs": "ACM Computing Surveys",
    "acta": "Acta Informatica",
    "cacm": "Communications of the ACM",
    "ibmjrd": "IBM Journal of Research and Development",
    "ibmsj": "IBM Systems Journal",
    "ieeese": "IEEE Transactions on Software Engineering",
    "ieeetc": "IEEE Transactions on Computers",
    "ieeetcad": "IEEE Transactions on Computer-Aided Design of Integrated Circuits",
    "ipl": "Information Processing Letters",
    "jacm": "Journal of the ACM",
    "jcss": "Journal of Computer and System Sciences",
    "scp": "Science of Computer Programming",
    "sicomp": "SIAM Journal on Computing",
    "tocs": "ACM Transactions on Computer Systems",
    "tods": "ACM Transactions on Database Systems",
    "tog": "ACM Transactions on Graphics",
    "toms": "ACM Transactions on Mathematical Software",
    "toois": "ACM Transactions on Office Information Systems",
    "toplas": "ACM Transactions on Programming Languages and Systems",
    "tcs": "Theoretical Computer Science",
}
"""Macros that BibTeX's standard styles define (``plain.bst``: months and journal names)."""

_NAME_STOP = frozenset(' \t\r\n#{}",=()')


class ValueSyntaxError(ValueError):
    """A value BibTeX cannot read, e.g. ``{A} {B}`` (a missing ``#``); ``offset`` is in the value."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a value: ``kind`` is ``brace``, ``quote``, ``number`` or ``macro``."""

    kind: str
    text: str
    """The inside of the delimiters, the digits, or the macro name as written."""


_QUOTE_MARK = re.compile(r'\\.|[{}"]', re.S)
_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.S)


def _one_group(depth: int) -> str:
    """``{...}`` nested up to ``depth`` deep, ``\\`` escaping the next character (possessive:
    each alternative starts with its own character, so a near-miss costs linear time)."""
    group = r"\{(?:[^{}\\]++|\\.)*+\}"
    for _ in range(depth - 1):
        group = r"\{(?:[^{}\\]++|\\.|" + group + r")*+\}"
    return group


ONE_GROUP = re.compile(_one_group(4), re.S)
"""A value that is one brace group (deeper nesting is checked by ``find_group_end``)."""


def _quote_end(value: str, start: int) -> int:
    """Index of the ``"`` closing the one at ``start`` (quotes inside braces do not count)."""
    depth = 0
    for m in _QUOTE_MARK.finditer(value, start + 1):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif token == '"' and depth <= 0:
            return m.start()
    return -1


def split_value(value: str) -> list[Part]:
    """``{A} # " b" # jan # 12`` -> its parts; raises :class:`ValueSyntaxError`."""
    n = len(value)
    if (
        n >= 2
        and value[0] == "{"
        and (ONE_GROUP.fullmatch(value) or find_group_end(value, 0) == n - 1)
    ):
        return [Part("brace", value[1:-1])]  # the common case, in one scan
    if value.isdigit():
        return [Part("number", value)]
    parts: list[Part] = []
    i = 0
    expect_part = True
    while True:
        while i < n and value[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        char = value[i]
        if not expect_part:
            if char != "#":
                raise ValueSyntaxError(
                    f"expected `#`, `,` or the end of the entry after the value, found {char!r}"
                    " (missing comma?)",
                    i,
                )
            i += 1
            expect_part = True
            continue
        if char == "{":
            end = find_group_end(value, i)
            if end < 0:
                raise ValueSyntaxError("unbalanced braces in value", i)
            parts.append(Part("brace", value[i + 1 : end]))
            i = end + 1
        elif char == '"':
            end = _quote_end(value, i)
            if end < 0:
                raise ValueSyntaxError('unclosed `"` in value', i)
            parts.append(Part("quote", value[i + 1 : end]))
            i = end + 1
        elif char in _NAME_STOP:
            raise ValueSyntaxError(f"unexpected {char!r} in value", i)
        else:
            start = i
            while i < n and value[i] not in _NAME_STOP:
                i += 1
            word = value[start:i]
            parts.append(Part("number" if word.isdigit() else "macro", word))
        expect_part = False
    if expect_part and parts:
        raise ValueSyntaxError("value ends with `#`", n)
    return parts


MAX_VALUE = 200_000
"""Longest value a macro expansion may produce (characters).  BibTeX bounds its string pool the
same way; without a bound, ``@string{s2 = s1 # s1}`` doubling reaches gigabytes in 30 lines."""
MAX_EXPANSION = 50_000_000
"""Most characters that macro references may produce over one database, so that many entries
each naming a large macro cannot multiply a small file into gigabytes either."""


class ExpansionError(ValueError):
    """A value whose macros would expand beyond :data:`MAX_VALUE` or :data:`MAX_EXPANSION`."""


class Macros:
    """The ``@string`` macros of one database, over BibTeX's standard ones.

    Lookups are case-insensitive; a later definition replaces an earlier one (as in BibTeX).
    """

    def __init__(self, standard: Mapping[str, str] = STANDARD_MACROS) -> None:
        self._values: dict[str, str] = dict(standard)
        self._user: set[str] = set()
        self.budget = MAX_EXPANSION
        """Characters macro references may still produce in this database."""

    def define(self, name: str, value: str) -> bool:
        """Set ``name``; True when it was already defined by an ``@string`` before."""
        key = name.lower()
        again = key in self._user
        self._values[key] = value
        self._user.add(key)
        return again

    def get(self, name: str) -> str | None:
        """The expanded value of ``name``, or ``None`` when it is undefined."""
        return self._values.get(name.lower())

    def is_redefined(self, name: str) -> bool:
        """True when an ``@string`` defined ``name`` (e.g. a month macro replaced by ``"Apr."``)."""
        return name.lower() in self._user

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)


def expand(parts: list[Part], macros: Macros, undefined: list[str]) -> str:
    """The value's text: parts concatenated, macros expanded (undefined ones empty, and their
    names appended to ``undefined`` so the caller can warn).

    :class:`ExpansionError` when the result would pass :data:`MAX_VALUE` characters or the
    database's macros would pass :data:`MAX_EXPANSION` in total; nothing is built first.
    """
    if len(parts) == 1 and parts[0].kind != "macro":
        return parts[0].text
    out: list[str] = []
    size = from_macros = 0
    for part in parts:
        if part.kind == "macro":
            text = macros.get(part.text)
            if text is None:
                undefined.append(part.text)
                text = ""
            from_macros += len(text)
        else:
            text = part.text
        size += len(text)
        if size > MAX_VALUE:
            raise ExpansionError(
                f"macros expand this value past {MAX_VALUE:,} characters (BibTeX's string pool "
                "is bounded too); not read"
            )
        out.append(text)
    macros.budget -= from_macros
    if macros.budget < 0:
        raise ExpansionError(
            f"macros expand to more than {MAX_EXPANSION:,} characters over the database; not read"
        )
    return "".join(out)


def is_balanced(text: str) -> bool:
    """Braces nest properly (``\\{`` and ``\\}`` skipped, as the splitter skips them).

    Visits only braces and backslashes (plain text costs one C-level scan), since this runs on
    every abstract of a page converted to BibTeX.
    """
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for m in _BRACE_OR_ESCAPE.finditer(text):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def braced(text: str) -> str:
    """``text`` as a field value in braces; braces that would not nest are escaped."""
    if is_balanced(text) and not text.endswith("\\"):
        return "{" + text + "}"
    return "{" + _escape_braces(text) + "}"


def _escape_braces(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char in "{}":
            out.append("\\" + char)
        elif char == "\\":
            out.append("{\\textbackslash}")
        else:
            out.append(char)
    return "".join(out)
