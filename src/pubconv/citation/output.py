"""Marked text (see :mod:`pubconv.citation.markup`) -> plain text, HTML, Markdown or LaTeX.

Each writer escapes the text for its own syntax (citeproc-py's HTML output leaves ``&`` and
``<`` as they are).  The only structural work done here is on pubconv's own markers:
adjacent highlight spans are merged (``Xiong, Z.`` is one bold span, not two), and a closing
quote followed by ``.`` or ``,`` swaps with it when the locale asks for punctuation inside
quotes (CSL ``punctuation-in-quote``).  The text is searched for two things only: line breaks
(an entry is always one line) and, in LaTeX, URLs and DOIs (``\\url{}``, ``\\href{}``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Final

from pubconv.citation import markup as m

FORMATS: Final = ("text", "html", "markdown", "latex")

_HTML_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MD_SPECIAL: Final = frozenset("\\`*_[]<>#|~")
_LATEX_ESCAPES: Final = {
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


def _escape_html(text: str) -> str:
    return text.translate(_HTML_ESCAPES)


def _escape_markdown(text: str) -> str:
    """Markdown specials backslash-escaped; ``&`` as ``&amp;`` only where it could start an
    entity (``&copy;``, ``&#169;``): a lone ``&`` (``Zhang, R., & Xiong, Z.``) is literal in
    CommonMark and kramdown alike, and ``&amp;`` there is noise in the source."""
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch == "&" and i < last and (text[i + 1].isalnum() or text[i + 1] == "#"):
            out.append("&amp;")
        else:
            out.append(ch)
    return "".join(out)


_MATH_WORDS: Final = """
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
    pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta
    Lambda Xi Pi Sigma Upsilon Phi Psi Omega aleph hbar ell wp Re Im partial nabla infty
    emptyset varnothing forall exists neg prime dagger
    pm mp times div cdot ast star circ bullet oplus ominus otimes oslash odot cap cup wedge vee
    setminus leq le geq ge neq ne approx sim simeq cong equiv propto ll gg subset supset subseteq
    supseteq in notin ni mid parallel perp models vdash
    to gets rightarrow leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow mapsto
    uparrow downarrow longrightarrow longleftarrow iff implies
    ldots cdots vdots ddots dots quad qquad
    sum prod coprod int iint oint bigcup bigcap bigoplus bigotimes lim limsup liminf sup inf
    max min arg det exp log ln lg sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh
    deg dim gcd hom ker Pr mod bmod pmod
    frac dfrac tfrac sqrt binom overline underline hat widehat tilde widetilde bar vec dot ddot
    check breve acute grave mathring overrightarrow
    mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol operatorname text
    textrm textit textbf
    left right big Big bigg Bigg langle rangle lfloor rfloor lceil rceil vert Vert lbrace rbrace
"""
_MATH_COMMANDS: Final = frozenset(_MATH_WORDS.split())
"""Commands allowed in ``$...$``: symbols, operators and font switches, nothing that reads a
file, defines a macro or changes catcodes (``\\input``, ``\\def``, ``\\catcode`` are refused)."""

_MATH_TOKEN: Final = re.compile(
    r"\\(?P<cmd>[A-Za-z]+)|\\[,;:! {}|%&#_]|[A-Za-z0-9\s+\-*/=<>()\[\].,;:!'|^_{}]"
)
"""One allowed token of inline math: a command, a spacing/brace escape or a plain character."""


def math_allowed(math: str) -> bool:
    """True when ``math`` (between the dollars) holds only allowlisted tokens, braces balance
    and there is no ``^^`` (TeX's way to write any character, ``^^5c`` being a backslash)."""
    if "^^" in math:
        return False
    depth = 0
    pos = 0
    while pos < len(math):
        match = _MATH_TOKEN.match(math, pos)
        if match is None:
            return False
        cmd = match.group("cmd")
        if cmd is not None and cmd not in _MATH_COMMANDS:
            return False
        token = match.group()
        depth += token == "{"
        depth -= token == "}"
        if depth < 0:
            return False
        pos = match.end()
    return depth == 0


def _escape_latex(text: str) -> str:
    """Escape LaTeX specials; ``$...$`` math passes verbatim only when :func:`math_allowed`.

    Anything else between dollars (``$\\input{secret.txt}$``) is escaped as text, dollars too,
    so the document shows it instead of running it.
    """
    out: list[str] = []
    pieces = text.split("$")
    math_ok = len(pieces) % 2 == 1  # an even number of dollars
    for index, piece in enumerate(pieces):
        if math_ok and index % 2 == 1 and math_allowed(piece):
            out.append("$" + piece + "$")
        elif math_ok and index % 2 == 1:
            out.append(r"\$" + "".join(_LATEX_ESCAPES.get(ch, ch) for ch in piece) + r"\$")
        else:
            out.append("".join(_LATEX_ESCAPES.get(ch, ch) for ch in piece))
    return "".join(out) if math_ok else "".join(_LATEX_ESCAPES.get(ch, ch) for ch in text)


_LINK = re.compile(r"(?P<url>https?://[^\s<>\"{}]+)|(?<![\w/.])(?P<doi>10\.\d{4,9}/[^\s<>\"{}]+)")
"""A URL, or a bare DOI (IEEE's ``doi: 10.1109/...``); linear."""
_URL_ESCAPES: Final = {"%": r"\%", "#": r"\#", "\\": "%5C", "{": "%7B", "}": "%7D"}


def _trim(link: str) -> tuple[str, str]:
    """``link`` without the sentence punctuation after it, and that punctuation."""
    end = len(link)
    while end > 0 and link[end - 1] in ".,;:)]":
        if link[end - 1] == ")" and link.count("(", 0, end) >= link.count(")", 0, end):
            break
        end -= 1
    return link[:end], link[end:]


def _url_argument(url: str) -> str:
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in url)


def _escape_latex_links(text: str) -> str:
    """:func:`_escape_latex`, with URLs as ``\\url{...}`` and DOIs as ``\\href{https://doi.org/
    ...}{...}`` so that LaTeX can break them across lines (``hyperref`` or ``url`` needed)."""
    out: list[str] = []
    start = 0
    for match in _LINK.finditer(text):
        link, after = _trim(match.group(0))
        if not link:
            continue
        out.append(_escape_latex(text[start : match.start()]))
        if match.group("url"):
            out.append("\\url{" + _url_argument(link) + "}")
        else:
            target = _url_argument("https://doi.org/" + link)
            out.append("\\href{" + target + "}{" + _escape_latex(link) + "}")
        out.append(_escape_latex(after))
        start = match.end()
    out.append(_escape_latex(text[start:]))
    return "".join(out)


_LINE_BREAKS = re.compile(r"(?<!\s)\s*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])\s*")
"""Line breaks (with the spaces around them) inside an entry's values.  A match starts only where
a run of white space starts (the lookbehind), so a long run is scanned once, not once per
position: linear."""


def one_line(text: str) -> str:
    """``text`` with every line break (and the spaces around it) as one space: an entry is one
    line in text output and one list item in Markdown and LaTeX, whatever its values hold."""
    return _LINE_BREAKS.sub(" ", text)


def escape(text: str, fmt: str) -> str:
    """Plain ``text`` escaped for ``fmt`` (``text`` passes unchanged), e.g. for headings."""
    if fmt == "html":
        return _escape_html(text)
    if fmt == "markdown":
        return _escape_markdown(text)
    if fmt == "latex":
        return _escape_latex(text)
    return text


_Tags = Mapping[str, tuple[str, str]]

_HTML_TAGS: Final[_Tags] = {
    m.ITALIC[0]: ("<i>", "</i>"),
    m.BOLD[0]: ("<b>", "</b>"),
    m.HIGHLIGHT[0]: ("<b>", "</b>"),
    m.SMALL_CAPS[0]: ('<span style="font-variant:small-caps;">', "</span>"),
    m.SUPERSCRIPT[0]: ("<sup>", "</sup>"),
    m.SUBSCRIPT[0]: ("<sub>", "</sub>"),
    m.UNDERLINE[0]: ('<span style="text-decoration:underline;">', "</span>"),
    **{o: (f'<span style="{name}:normal;">', "</span>") for name, (o, _) in m.NORMAL.items()},
    m.DISPLAY_BLOCK[0]: ('<div class="csl-block">', "</div>"),
    m.DISPLAY_LEFT[0]: ('<div class="csl-left-margin">', "</div>"),
    m.DISPLAY_RIGHT[0]: ('<div class="csl-right-inline">', "</div>"),
    m.DISPLAY_INDENT[0]: ('<div class="csl-indent">', "</div>"),
}
_MD_TAGS: Final[_Tags] = {
    m.ITALIC[0]: ("*", "*"),
    m.BOLD[0]: ("**", "**"),
    m.HIGHLIGHT[0]: ("**", "**"),
    m.SMALL_CAPS[0]: ('<span style="font-variant:small-caps;">', "</span>"),
    m.SUPERSCRIPT[0]: ("<sup>", "</sup>"),
    m.SUBSCRIPT[0]: ("<sub>", "</sub>"),
    m.UNDERLINE[0]: ("", ""),
}
_LATEX_TAGS: Final[_Tags] = {
    m.ITALIC[0]: (r"\emph{", "}"),
    m.BOLD[0]: (r"\textbf{", "}"),
    m.HIGHLIGHT[0]: (r"\textbf{", "}"),
    m.SMALL_CAPS[0]: (r"\textsc{", "}"),
    m.SUPERSCRIPT[0]: (r"\textsuperscript{", "}"),
    m.SUBSCRIPT[0]: (r"\textsubscript{", "}"),
    m.UNDERLINE[0]: (r"\underline{", "}"),
    m.NORMAL["font-style"][0]: (r"\textup{", "}"),
    m.NORMAL["font-variant"][0]: (r"\textup{", "}"),
    m.NORMAL["font-weight"][0]: (r"\textmd{", "}"),
}
_TEXT_TAGS: Final[_Tags] = {opener: ("", "") for opener in _HTML_TAGS}

_CLOSER_OF: Final = {p[0]: p[1] for p in m.PAIRS}
_OPENER_OF: Final = {p[1]: p[0] for p in m.PAIRS}


def _merge_highlights(text: str) -> str:
    """Join highlight spans separated only by name punctuation (``Xiong, Z.``), for one bold span."""
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


def _move_punctuation_into_quotes(text: str, inside: bool) -> str:
    """Resolve :data:`markup.QUOTE_CLOSE`: with ``inside``, ``”.`` becomes ``.”`` (CSL spec)."""
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
            # skip closing format markers between the quote and the punctuation
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
                # a quotation in the data (“...”) follows the same rule as a quoted variable
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


def _convert(text: str, tags: _Tags, escape: Callable[[str], str]) -> str:
    out: list[str] = []
    run: list[str] = []
    stack: list[str] = []
    for ch in text:
        if ch in m.ALL:
            if run:
                out.append(escape("".join(run)))
                run = []
            if ch in m.KEPT:
                out.append(ch)  # kept for subsequent-author-substitute (pubconv.citation.runner)
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


_DISPLAY_OPENERS: Final = frozenset(p[0] for p in m.DISPLAYS.values())
_DISPLAY_CLOSERS: Final = frozenset(p[1] for p in m.DISPLAYS.values())


def _display_as_spaces(text: str) -> str:
    """Outside HTML a ``display`` part (CSL 1.0.2) is set apart from the text before it by one
    space (``[1] A. Author``), none where a space is already there."""
    if not any(ch in _DISPLAY_OPENERS for ch in text):
        return text.translate({ord(c): None for c in _DISPLAY_CLOSERS})
    out: list[str] = []
    last = ""  # the last character written that is not a marker
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


def render(marked: str, fmt: str, *, punctuation_in_quote: bool = False) -> str:
    """Marked text -> ``fmt`` (``text``, ``html``, ``markdown`` or ``latex``)."""
    marked = one_line(marked)
    if fmt != "html":
        marked = _display_as_spaces(marked)
    marked = _move_punctuation_into_quotes(marked, punctuation_in_quote)
    marked = _merge_highlights(marked)
    if fmt == "text":
        return _convert(marked, _TEXT_TAGS, str)
    if fmt == "html":
        return _convert(marked, _HTML_TAGS, _escape_html)
    if fmt == "markdown":
        return _convert(marked, _MD_TAGS, _escape_markdown)
    if fmt == "latex":
        return _convert(marked, _LATEX_TAGS, _escape_latex_links)
    raise ValueError(f"unknown citation output format {fmt!r} (known: {', '.join(FORMATS)})")
