"""The marked-text writers of :mod:`pubconv.citation.output` and :func:`markup.strip` give what
the character loops and ``str.translate`` tables they replaced gave, on random texts made of
marker characters and ordinary ones: each function alone and
:func:`~pubconv.citation.output.render` as a whole, in every output format.

The loops are kept here, as they were, as the oracle."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pubconv.citation import markup as m
from pubconv.citation import output

_Tags = Mapping[str, tuple[str, str]]

# Every marker, the quotation mark and punctuation the writers look at, characters each output
# escapes, white space and line breaks (``one_line``), and a few ordinary letters.
_ALPHABET = "".join(sorted(m.ALL)) + "\u201d.,?!;: -\u00a0\n\t&#$\\{}%_*[]<>|~^`'\"ab1é"
_MARKED = st.text(alphabet=_ALPHABET, max_size=60)
# Texts where markers are frequent and ordinary letters few, to reach nesting and adjacency.
_DENSE = st.text(alphabet="".join(sorted(m.ALL)) + "\u201d., a", max_size=30)
_TEXTS = st.one_of(_MARKED, _DENSE)
_MANY = settings(max_examples=500)


def _old_escape_markdown(text: str) -> str:
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in frozenset("\\`*_[]<>#|~"):
            out.append("\\" + ch)
        elif ch == "&" and i < last and (text[i + 1].isalnum() or text[i + 1] == "#"):
            out.append("&amp;")
        else:
            out.append(ch)
    return "".join(out)


_LATEX_ESCAPES = {
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "$": r"\$",
    "\u00a0": "~",
}


def _old_escape_latex(text: str) -> str:
    out: list[str] = []
    pieces = text.split("$")
    math_ok = len(pieces) % 2 == 1
    for index, piece in enumerate(pieces):
        if math_ok and index % 2 == 1 and output.math_allowed(piece):
            out.append("$" + piece + "$")
        elif math_ok and index % 2 == 1:
            out.append(r"\$" + "".join(_LATEX_ESCAPES.get(ch, ch) for ch in piece) + r"\$")
        else:
            out.append("".join(_LATEX_ESCAPES.get(ch, ch) for ch in piece))
    return "".join(out) if math_ok else "".join(_LATEX_ESCAPES.get(ch, ch) for ch in text)


def _old_merge_highlights(text: str) -> str:
    close, open_ = m.HIGHLIGHT[1], m.HIGHLIGHT[0]
    if close not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == close:
            j = i + 1
            while j < len(text) and text[j] in " ,.-\u00a0":
                j += 1
            if j < len(text) and text[j] == open_:
                out.append(text[i + 1 : j])
                i = j + 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _old_move_punctuation_into_quotes(text: str, inside: bool) -> str:
    start, end = m.QUOTE_CLOSE
    if start not in text and not (inside and "\u201d" in text):
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == start:
            j = text.find(end, i)
            if j < 0:
                i += 1
                continue
            quote = text[i + 1 : j]
            k = j + 1
            while k < len(text) and text[k] in m.CLOSERS:
                k += 1
            if inside and k < len(text) and text[k] in ".,":
                punct = text[k]
                before = "".join(out).rstrip("".join(m.CLOSERS))
                if before[-1:] not in ".?!":
                    out.append(punct)
                out.append(quote)
                out.append(text[j + 1 : k])
                i = k + 1
                continue
            out.append(quote)
            i = j + 1
            continue
        if ch == "\u201d" and inside:
            k = i + 1
            while k < len(text) and text[k] in m.CLOSERS:
                k += 1
            if k < len(text) and text[k] in ".,":
                before = "".join(out).rstrip("".join(m.CLOSERS))
                if before[-1:] not in ".?!":
                    out.append(text[k])
                out.append(ch)
                out.append(text[i + 1 : k])
                i = k + 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


_CLOSER_OF = {p[0]: p[1] for p in m.PAIRS}
_OPENER_OF = {p[1]: p[0] for p in m.PAIRS}


def _old_convert(text: str, tags: _Tags, escape: Callable[[str], str]) -> str:
    out: list[str] = []
    run: list[str] = []
    stack: list[str] = []
    for ch in text:
        if ch in m.ALL:
            if run:
                out.append(escape("".join(run)))
                run = []
            if ch in m.KEPT:
                out.append(ch)
            elif ch in _CLOSER_OF:
                if ch in tags:
                    out.append(tags[ch][0])
                    stack.append(ch)
            elif stack and _OPENER_OF[ch] == stack[-1]:
                out.append(tags[stack.pop()][1])
        else:
            run.append(ch)
    if run:
        out.append(escape("".join(run)))
    while stack:
        out.append(tags[stack.pop()][1])
    return "".join(out)


_DISPLAY_OPENERS = frozenset(p[0] for p in m.DISPLAYS.values())
_DISPLAY_CLOSERS = frozenset(p[1] for p in m.DISPLAYS.values())


def _old_display_as_spaces(text: str) -> str:
    if not any(ch in _DISPLAY_OPENERS for ch in text):
        return text.translate({ord(c): None for c in _DISPLAY_CLOSERS})
    out: list[str] = []
    last = ""
    for i, ch in enumerate(text):
        if ch in _DISPLAY_CLOSERS:
            continue
        if ch in _DISPLAY_OPENERS:
            following = text[i + 1 :].lstrip("".join(m.ALL))[:1]
            if last and not last.isspace() and following and not following.isspace():
                out.append(" ")
                last = " "
            continue
        if ch not in m.ALL:
            last = ch
        out.append(ch)
    return "".join(out)


_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_TEXT_TAGS = {opener: ("", "") for opener in output._HTML_TAGS}
_OLD_WRITERS: dict[str, tuple[_Tags, Callable[[str], str]]] = {
    "text": (_TEXT_TAGS, str),
    "html": (output._HTML_TAGS, lambda t: t.translate(_HTML_ESCAPES)),
    "markdown": (output._MD_TAGS, _old_escape_markdown),
    # the link finder is unchanged; it calls the escape under test, so give it the old one
    "latex": (output._LATEX_TAGS, lambda t: _old_links(t)),
}


def _old_links(text: str) -> str:
    out: list[str] = []
    start = 0
    for match in output._LINK.finditer(text):
        link, after = output._trim(match.group(0))
        if not link:
            continue
        out.append(_old_escape_latex(text[start : match.start()]))
        if match.group("url"):
            out.append("\\url{" + "".join(_URL_ESCAPES.get(c, c) for c in link) + "}")
        else:
            target = "".join(_URL_ESCAPES.get(c, c) for c in "https://doi.org/" + link)
            out.append("\\href{" + target + "}{" + _old_escape_latex(link) + "}")
        out.append(_old_escape_latex(after))
        start = match.end()
    out.append(_old_escape_latex(text[start:]))
    return "".join(out)


_URL_ESCAPES = {"%": r"\%", "#": r"\#", "\\": "%5C", "{": "%7B", "}": "%7D"}


def _old_render(marked: str, fmt: str, punctuation_in_quote: bool) -> str:
    marked = output.one_line(marked)
    if fmt != "html":
        marked = _old_display_as_spaces(marked)
    marked = _old_move_punctuation_into_quotes(marked, punctuation_in_quote)
    marked = _old_merge_highlights(marked)
    tags, escape = _OLD_WRITERS[fmt]
    return _old_convert(marked, tags, escape)


_D = m.DISPLAY_LEFT
_Q = m.QUOTE_CLOSE


@_MANY
@given(_TEXTS)
@example(f"[1]{_D[1]}{m.DISPLAY_RIGHT[0]}A. Author")
@example(f"{m.HIGHLIGHT[0]}Xiong{m.HIGHLIGHT[1]}, {m.HIGHLIGHT[0]}Z.{m.HIGHLIGHT[1]}")
@example(f"{m.HIGHLIGHT[0]}Jean{m.HIGHLIGHT[1]}-\u00a0{m.HIGHLIGHT[0]}Luc{m.HIGHLIGHT[1]}")
@example(f"[1]{_D[1]}{m.DISPLAY_RIGHT[0]}{m.ITALIC[0]} A")
@example(f"a {m.DISPLAY_BLOCK[0]}b{m.DISPLAY_BLOCK[1]}{m.DISPLAY_INDENT[0]}{m.ITALIC[1]}")
def test_display_and_highlights_agree_with_the_loops(text: str) -> None:
    assert output._display_as_spaces(text) == _old_display_as_spaces(text)
    assert output._merge_highlights(text) == _old_merge_highlights(text)


@_MANY
@given(_TEXTS, st.booleans())
@example(f"Title{_Q[0]}\u201d{_Q[1]}{m.ITALIC[1]}.", True)
@example(f"{_Q[0]}\u201d{_Q[1]}, x?\u201d.", True)
@example(f"{_Q[0]}no end", True)
@example(f"Wow!{m.ITALIC[1]}{_Q[0]}\u201d{_Q[1]}.", True)
@example(f"Why?\u201d{m.BOLD[1]},", True)
@example(f"{_Q[0]}\u201d{_Q[1]}.", True)
def test_punctuation_into_quotes_agrees_with_the_loop(text: str, inside: bool) -> None:
    assert output._move_punctuation_into_quotes(text, inside) == (
        _old_move_punctuation_into_quotes(text, inside)
    )


@_MANY
@given(_TEXTS)
def test_convert_and_escapes_agree_with_the_loops(text: str) -> None:
    assert output._convert_text(text) == _old_convert(text, _TEXT_TAGS, str)
    for fmt in ("html", "markdown", "latex"):
        tags, escape = _OLD_WRITERS[fmt]
        new_escape = {
            "html": output._escape_html,
            "markdown": output._escape_markdown,
            "latex": output._escape_latex_links,
        }[fmt]
        assert output._convert(text, tags, new_escape) == _old_convert(text, tags, escape), fmt
    assert output._escape_markdown(text) == _old_escape_markdown(text)
    assert output._escape_html(text) == text.translate(_HTML_ESCAPES)
    assert output._escape_latex(text) == _old_escape_latex(text)


@settings(max_examples=300)
@given(_TEXTS, st.sampled_from(output.FORMATS), st.booleans())
@example("see https://x.org/a%b_c}. 10.1109/5.771073, & $x^2$ & #1", "latex", False)
@example("R&D &copy; &#169; a&", "markdown", False)
def test_render_agrees_with_the_loops(text: str, fmt: str, inside: bool) -> None:
    assert output.render(text, fmt, punctuation_in_quote=inside) == (_old_render(text, fmt, inside))


@_MANY
@given(_TEXTS)
@example("\n\u2028 a \r\n b\x85")
@example("a\x85b")
@example("a \u2029")
def test_one_line_and_strip_agree_with_the_plain_forms(text: str) -> None:
    assert output.one_line(text) == output._LINE_BREAKS.sub(" ", text)
    assert m.strip(text) == text.translate({ord(c): None for c in m.ALL})
