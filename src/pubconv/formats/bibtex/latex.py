"""LaTeX field values <-> model text (Unicode plus the CSL rich-text subset): the decoder and
the tables both directions share; the encoder is :mod:`pubconv.formats.bibtex.latexencode`.

``decode`` is a hand-written single-pass tokenizer because it runs on every field of every entry:
bibtexparser's LaTeX middleware (pylatexenc) is about 20 times slower.  Values without any LaTeX
syntax (most of them) take a fast path that only strips surrounding whitespace.

The pair is built for ``decode(encode(t)) == t`` on every canonical model text:

* accents and special letters become precomposed Unicode; ``encode(..., ascii=True)`` writes them
  back as ``{\\'e}``; plain UTF-8 is kept otherwise;
* ``{Word}`` case protection becomes ``<span class="nocase">Word</span>``, except around a single
  word that :func:`~.latexencode.encode` protects by itself (``{SAM}`` decodes to ``SAM``): that is the
  canonical form, see :func:`~.latexencode.canonical_title`;
* ``\\emph``/``\\textit``/``{\\em ..}`` -> ``<i>``, ``\\textbf``/``{\\bf ..}`` -> ``<b>``,
  ``\\textsc`` -> small caps, ``\\textsuperscript``/``\\textsubscript`` -> ``<sup>``/``<sub>``;
* math (``$..$``, ``\\(..\\)``) and commands this module does not know (``\\cite{x}``,
  ``\\href{u}{t}``) are kept verbatim, and :func:`~.latexencode.encode` writes them back verbatim, so nothing a
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
    return _has_syntax(value) or "\n" in value or "\t" in value or "\r" in value or "  " in value


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
