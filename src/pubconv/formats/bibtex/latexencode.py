"""Model text -> LaTeX field values: the inverse of :mod:`pubconv.formats.bibtex.latex`'s decoder.

Split from the decoder (same contract, see its docstring): ``decode(encode(t)) == t`` on every
canonical model text; characters BibTeX treats specially are escaped, accents written as
``{\\'e}`` with ``ascii=True``, rich-text tags as ``\\textit{..}`` and the like, math and
commands the decoder kept verbatim written back verbatim, and words whose case must survive a
title-casing style protected with braces (``protect_case``).
"""

from __future__ import annotations

import re
import unicodedata

from pubconv.formats.bibtex.latex import (
    _BRACKET_MATH,
    _CONTROL_WORD,
    _DISPLAY_MATH,
    _INLINE_MATH,
    _KNOWN_SYMBOLS,
    _KNOWN_WORDS,
    _PAREN_MATH,
    _TRANSPARENT,
    _WORD,
    ACCENTS,
    LETTERS,
    NOCASE_OPEN,
    SMALLCAPS_OPEN,
    SPAN_CLOSE,
    SYMBOLS,
    _MathScans,
    decode,
    find_group_end,
    is_self_protected,
)
from pubconv.formats.bibtex.values import is_balanced  # braces as BibTeX counts them


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


def _math_end(text: str, i: int, scans: _MathScans | None = None) -> int:
    """End of math starting at the ``$`` at ``i`` in model text, or -1 when it is a plain ``$``.

    Math is what :func:`decode` would read as math, and looks like math (pandoc's rule: no space
    just inside the dollars, no digit right after the closing one), with balanced braces.
    """
    if text.startswith("$$", i):
        m = _DISPLAY_MATH.match(text, i + 2)
        if m is None or not is_balanced(m.group()):
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
        or not is_balanced(body)
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
            if end == -1 or not is_balanced(text[pos : end + 1]):
                break
            pos = end + 1
        return pos
    sym = text[i + 1 : i + 2]
    if not sym or sym in _KNOWN_SYMBOLS or not sym.isascii():
        if sym in "([":
            closing = _PAREN_MATH if sym == "(" else _BRACKET_MATH
            mm = (scans or _MathScans()).match(closing, text, i + 2)
            if mm is not None and is_balanced(mm.group()):
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
