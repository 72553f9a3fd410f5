"""LaTeX field values <-> model text (Unicode plus the CSL rich-text subset).

``decode`` is a hand-written single-pass tokenizer because it runs on every field of every entry:
bibtexparser's LaTeX middleware (pylatexenc) is about 20 times slower.  Values without any LaTeX
syntax (most of them) take a fast path that only strips surrounding whitespace.

The pair is built for ``decode(encode(t)) == t`` on every canonical model text:

* accents and special letters become precomposed Unicode; ``encode(..., ascii=True)`` writes them
  back as ``{\\'e}``; plain UTF-8 is kept otherwise;
* ``{Word}`` case protection becomes ``<span class="nocase">Word</span>``, except around a single
  word that :func:`encode` protects by itself (``{SAM}`` decodes to ``SAM``): that is the
  canonical form, see :func:`canonical_title`;
* ``\\emph``/``\\textit``/``{\\em ..}`` -> ``<i>``, ``\\textbf``/``{\\bf ..}`` -> ``<b>``,
  ``\\textsc`` -> small caps, ``\\textsuperscript``/``\\textsubscript`` -> ``<sup>``/``<sub>``;
* math (``$..$``, ``\\(..\\)``) and commands this module does not know (``\\cite{x}``,
  ``\\href{u}{t}``) are kept verbatim, and :func:`encode` writes them back verbatim, so nothing a
  ``.bib`` says is lost even where the model cannot express it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

NOCASE_OPEN = '<span class="nocase">'
SMALLCAPS_OPEN = '<span style="font-variant:small-caps;">'
SPAN_CLOSE = "</span>"

#: Accent command -> combining character.
ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}
#: Accent with an empty argument (``\\^{}``) -> the spacing character.
_SPACING_ACCENTS = {
    "'": "\u00b4",
    "`": "`",
    "^": "^",
    '"': "\u00a8",
    "~": "~",
    "=": "\u00af",
    ".": "\u02d9",
    "u": "\u02d8",
    "v": "\u02c7",
    "H": "\u02dd",
    "c": "\u00b8",
    "k": "\u02db",
    "r": "\u02da",
}
#: Letters that LaTeX spells as commands; BibTeX treats ``{\\ss}`` as one letter.
LETTERS: dict[str, str] = {
    "i": "ı",
    "j": "ȷ",
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "aa": "å",
    "AA": "Å",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dj": "đ",
    "DJ": "Đ",
    "ij": "ĳ",
    "IJ": "Ĳ",
}
#: Text-mode symbol commands -> character.
SYMBOLS: dict[str, str] = {
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textdollar": "$",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textquotesingle": "'",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "quotedblbase": "„",
    "quotesinglbase": "‚",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "textcopyright": "©",
    "S": "§",
    "textsection": "§",
    "P": "¶",
    "textparagraph": "¶",
    "dag": "†",
    "textdagger": "†",
    "ddag": "‡",
    "textdaggerdbl": "‡",
    "textbullet": "•",
    "textperiodcentered": "·",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textyen": "¥",
    "textcent": "¢",
    "textdegree": "°",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textmu": "µ",
    "texttimes": "×",
    "textdiv": "÷",
    "textperthousand": "‰",
    "textnumero": "№",
    "textasteriskcentered": "∗",
    "slash": "/",
    "textslash": "/",
    "nobreakspace": "\u00a0",
    "enspace": "\u2002",
    "quad": "\u2003",
    "thinspace": "\u2009",
}
#: Control symbols -> character (``\\&`` -> ``&``); ``\\@`` and ``\\/`` only adjust spacing.
CONTROL_SYMBOLS: dict[str, str] = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    "\t": " ",
    "\n": " ",
    "\r": " ",
    ",": "\u2009",
    "-": "\u00ad",
    "@": "",
    "/": "",
}
#: Commands with one argument that become model markup.
MARKUP: dict[str, tuple[str, str]] = {
    "textit": ("<i>", "</i>"),
    "emph": ("<i>", "</i>"),
    "textsl": ("<i>", "</i>"),
    "mkbibemph": ("<i>", "</i>"),
    "mkbibitalic": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"),
    "mkbibbold": ("<b>", "</b>"),
    "textsc": (SMALLCAPS_OPEN, SPAN_CLOSE),
    "textsuperscript": ("<sup>", "</sup>"),
    "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"),
}
#: Old-style font switches (``{\\em x}``): apply to the end of the enclosing group.
SWITCHES: dict[str, tuple[str, str]] = {
    "em": ("<i>", "</i>"),
    "it": ("<i>", "</i>"),
    "sl": ("<i>", "</i>"),
    "itshape": ("<i>", "</i>"),
    "slshape": ("<i>", "</i>"),
    "bf": ("<b>", "</b>"),
    "bfseries": ("<b>", "</b>"),
    "sc": (SMALLCAPS_OPEN, SPAN_CLOSE),
    "scshape": (SMALLCAPS_OPEN, SPAN_CLOSE),
}
#: Commands whose argument is kept as is (URLs contain ``%``, ``_``, ``~`` literally).
_VERBATIM_ARG = frozenset({"url", "path"})

#: A group starting with one of these is a BibTeX "special character" (``{\\'E}``), or a font
#: switch: it does not protect case, so it decodes without a ``nocase`` span.
_TRANSPARENT = frozenset(ACCENTS) | frozenset(LETTERS) | frozenset(SWITCHES)
#: Every control word :func:`decode` interprets; others are kept verbatim.
_KNOWN_WORDS = (
    frozenset(LETTERS)
    | frozenset(SYMBOLS)
    | frozenset(MARKUP)
    | frozenset(SWITCHES)
    | frozenset(a for a in ACCENTS if a.isalpha())
    | _VERBATIM_ARG
    | {"par", "relax"}
)
#: Every control symbol :func:`decode` interprets (others, like ``\\\\``, are kept verbatim).
_KNOWN_SYMBOLS = (
    frozenset(CONTROL_SYMBOLS) | frozenset(a for a in ACCENTS if not a.isalpha()) | {"("}
)

# --------------------------------------------------------------------------- helpers

_NEEDS_DECODE = re.compile(r"[\\{}$~\t\n\r]|--|``|''|  ")
_TOKEN = re.compile(
    r"([^\\{}$~\-`']+)"  # 1: plain text (whitespace included; normalised at the end)
    r"|\\([A-Za-z]+)([ \t\r\n]*)"  # 2: control word, 3: the spaces TeX skips after it
    r"|\\(.?)"  # 4: control symbol (empty: a lone backslash at the end)
    r"|(---?|``?|''?|.)",  # 5: dashes, quotes, braces, $, ~
    re.S,
)
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)[ \t\r\n]*")
_BRACES = re.compile(r"\\.|[{}]", re.S)
_INLINE_MATH = re.compile(r"(?:[^$\\]|\\.)*\$", re.S)
_DISPLAY_MATH = re.compile(r"(?:[^$\\]|\\.)*\$\$", re.S)
_PAREN_MATH = re.compile(r"(?:[^\\]|\\[^)])*\\\)", re.S)
_BRACKET_MATH = re.compile(r"(?:[^\\]|\\[^\]])*\\\]", re.S)


class _MathScans:
    """Remembers where a math scan failed, so that text with many openers and no closer
    (``\\( \\( \\( ...``, ``\\$ \\$ ...``) is scanned once, not once per opener (quadratic).

    :data:`_INLINE_MATH`, :data:`_PAREN_MATH` and :data:`_BRACKET_MATH` consume every character
    but their closer, so a scan fails only at the end of the text: once it failed from ``p``, it
    fails from every later start (callers start at the same character pairs the scan steps over).
    """

    def __init__(self) -> None:
        self._failed: dict[re.Pattern[str], int] = {}

    def match(self, pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
        """``pattern.match(text, pos)``, without scanning again where it cannot match."""
        if pos >= self._failed.get(pattern, len(text) + 1):
            return None
        found = pattern.match(text, pos)
        if found is None:
            self._failed[pattern] = min(pos, self._failed.get(pattern, pos))
        return found


_SPACE_RUN = re.compile(r"[ \t\r\n]+")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
"""A whitespace run holding two line breaks (a blank line: a paragraph break)."""
_LATEX_SYNTAX = re.compile(r"[\\{}$~]|--|``|''")
"""What only the tokenizer can decode; a value without it needs at most its spaces tidied."""
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def find_group_end(text: str, start: int) -> int:
    """Index of the ``}`` matching the ``{`` at ``start`` (escaped braces skipped), or -1."""
    depth = 0
    for m in _BRACES.finditer(text, start):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def is_self_protected(word: str) -> bool:
    """True for one word with a capital after its first letter: ``SAM``, ``PQ-SAM``, ``iPhone``, ``3D``.

    Such words are brace-protected by ``encode(protect_case=True)``; ``Self-Supervised`` is not
    (each hyphen part is capitalised normally).
    """
    if _WORD.fullmatch(word) is None:
        return False
    return any(part[1:] != part[1:].lower() for part in word.split("-"))


_BLANK_RUN = re.compile(r"(?<![ \t\r\n])[ \t\r\n]*\n[ \t\r]*\n[ \t\r\n]*")
"""A whole whitespace run that holds two line breaks.  It may start only where a run starts (the
lookbehind), so a long run is tried once, not from each of its characters: linear."""


def _normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space, or to a paragraph break for a blank line.

    Paragraphs are split at their blank runs and each tidied by one substitution (no call per
    run: an abstract has hundreds)."""
    if _PARAGRAPH.search(text) is None:  # no blank line: every run becomes one space
        return _SPACE_RUN.sub(" ", text).strip(" \t\r\n")
    parts = _BLANK_RUN.split(text)
    return "\n\n".join(_SPACE_RUN.sub(" ", part) for part in parts).strip(" \t\r\n")


# --------------------------------------------------------------------------- decode


def _needs_decode(value: str) -> bool:
    """:data:`_NEEDS_DECODE` found in ``value``, asked with ``in`` (each a C scan of the text):
    three times faster than the pattern's alternation tried at every character, on 16,000
    values a conversion of 5,000 entries decodes (``tests/test_fast_paths.py`` compares)."""
    return (
        "\\" in value
        or "{" in value
        or "}" in value
        or "$" in value
        or "~" in value
        or "\n" in value
        or "\t" in value
        or "\r" in value
        or "--" in value
        or "``" in value
        or "''" in value
        or "  " in value
    )


def _has_syntax(value: str) -> bool:
    """:data:`_LATEX_SYNTAX` found in ``value`` (asked with ``in``, as :func:`_needs_decode`)."""
    return (
        "\\" in value
        or "{" in value
        or "}" in value
        or "$" in value
        or "~" in value
        or "--" in value
        or "``" in value
        or "''" in value
    )


def decode(value: str) -> str:
    """LaTeX field value (macros expanded, outer delimiters removed) -> model text.

    >>> decode(r"{\\'E}cole -- {PQ-SAM} and {Deep Nets} in \\emph{vivo}")
    'École – PQ-SAM and <span class="nocase">Deep Nets</span> in <i>vivo</i>'
    """
    if not _needs_decode(value):
        return value.strip(" \t\r\n")
    if not _has_syntax(value):  # plain text over several lines: spaces only
        return _normalise_space(value)
    flat = _flat_groups(value, True)
    return flat if flat is not None else _decode(value, True)


def decode_plain(value: str) -> str:
    """Like :func:`decode` but braces only group (no ``nocase`` spans): for name parts."""
    if not _needs_decode(value):
        return value.strip(" \t\r\n")
    if not _has_syntax(value):
        return _normalise_space(value)
    flat = _flat_groups(value, False)
    return flat if flat is not None else _decode(value, False)


_FLAT_GROUP = re.compile(r"\{([^{}]*)\}")
"""A ``{...}`` group with no group inside."""


def _nocase_group(match: re.Match[str]) -> str:
    content = match.group(1)
    if not content or is_self_protected(content):
        return content
    return NOCASE_OPEN + content + SPAN_CLOSE


def _flat_groups(value: str, spans: bool) -> str | None:
    """:func:`_decode` of a value whose only syntax is balanced ``{...}`` groups, none inside
    another (``Deep Learning for {EM} and {Gaussian} Priors``: 40% of the titles and venues that
    need decoding), by one substitution instead of the token loop; None for any other value.

    What the tokenizer does with such a value: text (``-``, a lone quote or backquote too) is
    kept, an empty group dropped, a group's text becomes a nocase span unless it protects itself
    (``spans``; without it the braces only group), and the spaces are tidied at the end
    (``tests/test_fast_paths.py`` compares the two on random texts).
    """
    if (
        "\\" in value
        or "$" in value
        or "~" in value
        or "--" in value
        or "``" in value
        or "''" in value
    ):
        return None
    text = _FLAT_GROUP.sub(_nocase_group if spans else r"\1", value)
    if "{" in text or "}" in text:
        return None  # nested or unbalanced: the token loop decides
    return _normalise_space(text)


def _apply_accent(accent: str, base: str) -> str | None:
    """``'`` + ``e`` -> ``é``; None when the base is not text the accent can sit on."""
    if not base:
        return _SPACING_ACCENTS.get(accent)
    first = base[0]
    if first in "<$\\":
        return None
    first = {"ı": "i", "ȷ": "j"}.get(first, first)
    if accent == "t":
        return first + ACCENTS["t"] + base[1:]
    return unicodedata.normalize("NFC", first + ACCENTS[accent]) + base[1:]


def _accent_argument(s: str, pos: int) -> tuple[str, int] | None:
    """Decode the argument of an accent at ``pos``: ``e``, ``{e}``, ``{\\i}``, ``\\i``."""
    n = len(s)
    while pos < n and s[pos] in " \t\r\n":
        pos += 1
    if pos >= n:
        return None
    c = s[pos]
    if c == "{":
        end = find_group_end(s, pos)
        if end == -1:
            return None
        inner = s[pos + 1 : end]
        return (_decode(inner, False) if inner else ""), end + 1
    if c == "\\":
        m = _CONTROL_WORD.match(s, pos)
        if m is None or m.group(1) not in LETTERS:
            return None
        return LETTERS[m.group(1)], m.end()
    if c in "}$%&#_^~":
        return None
    return c, pos + 1


def _decode(s: str, spans: bool) -> str:
    out: list[str] = []
    append = out.append
    # Open groups: [kind, index in out where the group starts, closers of font switches].
    # kind: "n" nocase, "t" transparent, or a markup closing tag such as "</i>".
    stack: list[tuple[str, int, list[str]]] = []
    top_closers: list[str] = []
    nocase_depth = 0
    match = _TOKEN.match
    scans = _MathScans()
    pos, n = 0, len(s)
    while pos < n:
        m = match(s, pos)
        assert m is not None  # the last alternative matches any character
        pos = m.end()
        kind = m.lastindex
        if kind == 1:
            append(m.group(1))
        elif kind == 2 or kind == 3:
            name = m.group(2)
            if name in LETTERS:
                append(LETTERS[name])
                if s.startswith("{}", pos):
                    pos += 2
            elif name in SYMBOLS:
                append(SYMBOLS[name])
                if s.startswith("{}", pos):
                    pos += 2
            elif name in ACCENTS:
                arg = _accent_argument(s, pos)
                accented = _apply_accent(name, arg[0]) if arg is not None else None
                if arg is None or accented is None:
                    append(m.group())
                else:
                    append(accented)
                    pos = arg[1]
            elif name in MARKUP and s.startswith("{", pos):
                opener, closer = MARKUP[name]
                append(opener)
                stack.append((closer, len(out), []))
                pos += 1
            elif name in SWITCHES:
                opener, closer = SWITCHES[name]
                append(opener)
                (stack[-1][2] if stack else top_closers).append(closer)
            elif name in _VERBATIM_ARG and s.startswith("{", pos):
                end = find_group_end(s, pos)
                if end == -1:
                    append(m.group())
                else:
                    append(s[pos + 1 : end])
                    pos = end + 1
            elif name == "par":
                append("\n\n")
            elif name == "relax":
                pass  # a no-op; encode() writes it to end an unknown command's arguments
            elif m.group(3):
                append(m.group())  # unknown, spaces after it: TeX arguments must be adjacent
            else:
                pos = _verbatim_command(s, m.start(), pos, append)
        elif kind == 4:
            sym = m.group(4)
            if sym in CONTROL_SYMBOLS:
                append(CONTROL_SYMBOLS[sym])
            elif sym in ACCENTS:
                arg = _accent_argument(s, pos)
                accented = _apply_accent(sym, arg[0]) if arg is not None else None
                if arg is None or accented is None:
                    append(m.group())
                else:
                    append(accented)
                    pos = arg[1]
            elif sym in "([":
                math = scans.match(_PAREN_MATH if sym == "(" else _BRACKET_MATH, s, pos)
                if math is None:
                    append(m.group())
                else:
                    append(m.group() + math.group())
                    pos = math.end()
            else:
                append(m.group() or "\\")
        else:
            tok = m.group(5)
            if tok == "{":
                if s.startswith("}", pos):
                    pos += 1
                    continue
                group = "n"
                if not spans or nocase_depth:
                    group = "t"
                elif s.startswith("\\", pos):
                    cw = _CONTROL_WORD.match(s, pos)
                    name = cw.group(1) if cw else s[pos + 1 : pos + 2]
                    if name in _TRANSPARENT:
                        group = "t"
                if group == "n":
                    nocase_depth += 1
                stack.append((group, len(out), []))
            elif tok == "}":
                if not stack:
                    append("}")  # stray brace: kept as text
                    continue
                group, start, closers = stack.pop()
                out.extend(reversed(closers))
                if group == "n":
                    nocase_depth -= 1
                    content = "".join(out[start:])
                    del out[start:]
                    if content and not is_self_protected(content):
                        append(NOCASE_OPEN + content + SPAN_CLOSE)
                    else:
                        append(content)
                elif group != "t":
                    append(group)
            elif tok == "$":
                if s.startswith("$", pos):
                    math = _DISPLAY_MATH.match(s, pos + 1)
                    if math is not None:
                        append("$$" + math.group())
                        pos = math.end()
                        continue
                math = scans.match(_INLINE_MATH, s, pos)
                if math is None:
                    append("$")
                else:
                    append("$" + math.group())
                    pos = math.end()
            elif tok == "~":
                append("\u00a0")
            elif tok == "--":
                append("–")
            elif tok == "---":
                append("—")
            elif tok == "``":
                append("“")
            elif tok == "''":
                append("”")
            else:
                append(tok)
    # Unclosed groups (unbalanced input): close them as if the value ended them.
    while stack:
        group, start, closers = stack.pop()
        out.extend(reversed(closers))
        if group == "n":
            content = "".join(out[start:])
            del out[start:]
            wrap = content and not is_self_protected(content)
            append(NOCASE_OPEN + content + SPAN_CLOSE if wrap else content)
        elif group != "t":
            append(group)
    out.extend(reversed(top_closers))
    return _normalise_space("".join(out))


def _verbatim_command(s: str, start: int, pos: int, append: Callable[[str], None]) -> int:
    """Keep an unknown command and its directly following ``{..}`` arguments verbatim."""
    while s.startswith("{", pos):
        end = find_group_end(s, pos)
        if end == -1:
            break
        pos = end + 1
    append(s[start:pos])
    return pos


# --------------------------------------------------------------------------- encode


def _build_ascii_table() -> dict[str, str]:
    """Unicode character -> LaTeX for ``ascii=True`` (Latin-1, Latin Extended-A, symbols)."""
    table: dict[str, str] = {}
    bases = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [
        chr(c) for c in range(ord("a"), ord("z") + 1)
    ]
    for accent, mark in ACCENTS.items():
        if accent == "t":
            continue
        sep = "" if not accent.isalpha() else " "
        for base in bases:
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and composed not in table:
                if accent.isalpha():
                    table[composed] = f"{{\\{accent}{{{base}}}}}"
                else:
                    table[composed] = f"{{\\{accent}{sep}{base}}}"
    for name, char in LETTERS.items():
        table.setdefault(char, f"{{\\{name}}}")
    for name, char in SYMBOLS.items():
        if char not in table and not char.isascii():
            table[char] = f"\\{name}{{}}"
    table.update(
        {
            "“": "``",
            "”": "''",
            "‘": "\\textquoteleft{}",
            "’": "\\textquoteright{}",
            "…": "\\ldots{}",
            "\u2009": "\\,",
            "ẞ": "{\\SS}",
        }
    )
    return table


_ASCII_TABLE = _build_ascii_table()
_UTF8_TABLE: dict[str, str] = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "$": "\\$",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "\u00a0": "~",
    "\u00ad": "\\-",
    "–": "--",
    "—": "---",
}
_ASCII_ALL = {**_ASCII_TABLE, **_UTF8_TABLE}
#: A character whose LaTeX spelling would merge with the next (``–`` + ``-`` = ``---``) is
#: followed by ``{}``; the other alternatives are characters to escape.
_ESCAPE_UTF8 = re.compile(r"([-–—](?=[-–—])|'(?=')|`(?=`))|[{}$&%#_~^\u00a0\u00ad–—\\]")
_ESCAPE_ASCII = re.compile(
    r"([-–—](?=[-–—])|['”](?=['”])|[`“](?=[`“]))|[{}$&%#_~^\u00a0\u00ad–—\\]|[^\x00-\x7f]"
)
_NEEDS_ENCODE = re.compile(r"[\\{}$&%#_~^<\u00a0\u00ad–—]|--|''|``")

_OPEN_TAGS: dict[str, str] = {
    "<i>": "\\textit{",
    "<b>": "\\textbf{",
    "<sup>": "\\textsuperscript{",
    "<sub>": "\\textsubscript{",
    NOCASE_OPEN: "{",
    SMALLCAPS_OPEN: "\\textsc{",
}
_CLOSE_OF = {
    "<i>": "</i>",
    "<b>": "</b>",
    "<sup>": "</sup>",
    "<sub>": "</sub>",
    NOCASE_OPEN: SPAN_CLOSE,
    SMALLCAPS_OPEN: SPAN_CLOSE,
}
_TAG = re.compile(
    r'<(?:/?(?:i|b|sup|sub)|/span|span class="nocase"|span style="font-variant:small-caps;")>'
)


def encode(text: str, *, ascii: bool = False, protect_case: bool = False) -> str:
    """Model text -> LaTeX field value (without outer braces), the inverse of :func:`decode`.

    ``ascii`` writes non-ASCII Latin letters and symbols as LaTeX (``{\\'e}``); ``protect_case``
    (for titles) braces words with internal capitals (``{PQ-SAM}``, ``{iPhone}``).

    >>> encode('PQ-SAM & <span class="nocase">Deep Nets</span> – 50%', protect_case=True)
    '{PQ-SAM} \\\\& {Deep Nets} -- 50\\\\%'
    """
    if not protect_case and _NEEDS_ENCODE.search(text) is None and (not ascii or text.isascii()):
        return text
    if "<" not in text:
        result = _encode_run(text, ascii, protect_case)
    else:
        result = _encode_markup(text, ascii, protect_case)
    if _RELAX in result:
        result = result.replace(_RELAX + "{", "\\relax{").replace(_RELAX, "")
    if "\\{" in result or "\\}" in result:
        result = _balance_escaped_braces(result)
    return result


_ESCAPED_BRACE = re.compile(r"(?<!\\)\\([{}])")


def _balance_escaped_braces(value: str) -> str:
    """BibTeX, biber and pybtex count ``\\{`` as a brace: spell lone ones as commands.

    ``\\{1,2\\}`` is balanced and stays; ``a \\{ b`` becomes ``a \\textbraceleft{} b``.
    """
    depth = 0
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                break
    if depth == 0:
        return value
    parts = _MATH_SPLIT.split(value)  # math is model text kept verbatim: leave it alone
    for index in range(0, len(parts), 2):
        parts[index] = _ESCAPED_BRACE.sub(
            lambda m: "\\textbraceleft{}" if m.group(1) == "{" else "\\textbraceright{}",
            parts[index],
        )
    return "".join(parts)


_MATH_SPLIT = re.compile(r"(\$[^$]*\$)")


def _pair_tags(text: str) -> dict[int, tuple[str, int]]:
    """Well-nested model tags: start index -> (tag, end index); unmatched tags stay text."""
    pairs: dict[int, tuple[str, int]] = {}
    stack: list[tuple[str, int]] = []
    for m in _TAG.finditer(text):
        tag = m.group()
        if not tag.startswith("</"):
            stack.append((tag, m.start()))
            continue
        # A closing tag matches the innermost opener of its kind; openers above it stay text.
        for depth in range(len(stack) - 1, -1, -1):
            opener, start = stack[depth]
            if _CLOSE_OF[opener] == tag:
                pairs[start] = (opener, m.start())
                pairs[m.start()] = (tag, -1)
                del stack[depth:]
                break
    return pairs


def _encode_markup(text: str, ascii: bool, protect_case: bool) -> str:
    pairs = _pair_tags(text)
    if not pairs:
        return _encode_run(text, ascii, protect_case)
    out: list[str] = []
    # Each frame: (closing LaTeX, index in out where the group content starts, is nocase).
    frames: list[tuple[int, bool]] = []
    nocase = 0
    last = 0
    for start in sorted(pairs):
        tag, _end = pairs[start]
        if start > last:
            _append(out, _encode_run(text[last:start], ascii, protect_case and not nocase))
        if tag.startswith("</"):
            content_start, was_nocase = frames.pop()
            if was_nocase:
                nocase -= 1
                _guard_transparent(out, content_start)
            out.append("}")
        else:
            out.append(_OPEN_TAGS[tag])
            is_nocase = tag == NOCASE_OPEN
            frames.append((len(out), is_nocase))
            if is_nocase:
                nocase += 1
        last = start + len(tag)
    if last < len(text):
        _append(out, _encode_run(text[last:], ascii, protect_case))
    return "".join(out)


def _guard_transparent(out: list[str], content_start: int) -> None:
    """``{\\'e..}`` would not decode as a nocase group: start its content with ``{}``."""
    content = "".join(out[content_start:])
    if content.startswith("\\"):
        m = _CONTROL_WORD.match(content)
        name = m.group(1) if m else content[1:2]
        if name in _TRANSPARENT:
            out.insert(content_start, "{}")


def _append(out: list[str], piece: str) -> None:
    """Append ``piece``, separating dash and quote ligatures across the boundary."""
    if piece and out and out[-1] and out[-1][-1] in "-`'" and piece[0] == out[-1][-1]:
        out.append("{}")
    out.append(piece)


def _encode_run(text: str, ascii: bool, protect_case: bool) -> str:
    """Text without markup: math and unknown commands verbatim, the rest escaped."""
    if "$" not in text and "\\" not in text:
        return _encode_plain(text, ascii, protect_case)
    out: list[str] = []
    n = len(text)
    i = last = 0
    scans = _MathScans()
    while i < n:
        c = text[i]
        if c == "$":
            end = _math_end(text, i, scans)
            if end == -1:
                i += 1
                continue
            _append(out, _encode_plain(text[last:i], ascii, protect_case))
            out.append(text[i:end])
            i = last = end
        elif c == "\\":
            end = _command_end(text, i, scans)
            if end == -1:
                i += 1
                continue
            _append(out, _encode_plain(text[last:i], ascii, protect_case))
            command = text[i:end]
            out.append(command)
            i = last = end
            if command[-1:] not in " \t\r\n" and command[1:2].isalpha():
                # A following "{" would read as one more argument of the command.
                out.append(_RELAX)
        else:
            i += 1
    _append(out, _encode_plain(text[last:], ascii, protect_case))
    return "".join(out)


#: Marks the end of a verbatim command; becomes ``\relax`` where a ``{`` follows.
_RELAX = "\x00"


def _balanced(text: str) -> bool:
    depth = 0
    for m in _BRACES.finditer(text):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _math_end(text: str, i: int, scans: _MathScans | None = None) -> int:
    """End of math starting at the ``$`` at ``i`` in model text, or -1 when it is a plain ``$``.

    Math is what :func:`decode` would read as math, and looks like math (pandoc's rule: no space
    just inside the dollars, no digit right after the closing one), with balanced braces.
    """
    if text.startswith("$$", i):
        m = _DISPLAY_MATH.match(text, i + 2)
        if m is None or not _balanced(m.group()):
            return -1
        return m.end()
    m = (scans or _MathScans()).match(_INLINE_MATH, text, i + 1)
    if m is None:
        return -1
    end = m.end()
    body = text[i + 1 : end - 1]
    if (
        not body
        or body[0] in " \t\r\n"
        or body[-1] in " \t\r\n"
        or text[end : end + 1].isdigit()
        or not _balanced(body)
    ):
        return -1
    return end


def _command_end(text: str, i: int, scans: _MathScans | None = None) -> int:
    """End of a LaTeX command at ``i`` that :func:`decode` keeps verbatim, or -1 (escape it)."""
    m = _CONTROL_WORD.match(text, i)
    if m is not None:
        if m.group(1) in _KNOWN_WORDS:
            return -1
        pos = m.end()
        if pos > m.end(1):
            return pos  # spaces after the name: decode() collects no arguments
        while text.startswith("{", pos):
            end = find_group_end(text, pos)
            if end == -1 or not _balanced(text[pos : end + 1]):
                break
            pos = end + 1
        return pos
    sym = text[i + 1 : i + 2]
    if not sym or sym in _KNOWN_SYMBOLS or not sym.isascii():
        if sym in "([":
            closing = _PAREN_MATH if sym == "(" else _BRACKET_MATH
            mm = (scans or _MathScans()).match(closing, text, i + 2)
            if mm is not None and _balanced(mm.group()):
                return mm.end()
        return -1
    return i + 2


def _encode_plain(text: str, ascii: bool, protect_case: bool) -> str:
    """Escape text that holds no math, commands or markup; optionally brace-protect words."""
    if not text:
        return text
    if protect_case:
        out: list[str] = []
        last = 0
        for m in _WORD.finditer(text):
            word = m.group()
            if is_self_protected(word):
                if m.start() > last:
                    out.append(_escape(text[last : m.start()], ascii))
                out.append("{" + _escape(word, ascii) + "}")
                last = m.end()
        if out:
            if last < len(text):
                out.append(_escape(text[last:], ascii))
            return "".join(out)
    return _escape(text, ascii)


def _escape(text: str, ascii: bool) -> str:
    table, pattern = (_ASCII_ALL, _ESCAPE_ASCII) if ascii else (_UTF8_TABLE, _ESCAPE_UTF8)
    if pattern.search(text) is None:
        return text

    def repl(m: re.Match[str]) -> str:
        c = m.group()
        spelling = table.get(c, c)
        return spelling + "{}" if m.group(1) else spelling

    return pattern.sub(repl, text)


def canonical_title(text: str) -> str:
    """The canonical model form of ``text``: what a title becomes after a trip through BibTeX.

    ``<span class="nocase">SAM</span>`` -> ``SAM`` (the writer protects such words by itself).
    """
    return decode(encode(text, protect_case=True))
