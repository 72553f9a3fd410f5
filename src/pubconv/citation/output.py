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
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from pubconv.citation import markup as m

FORMATS: Final = ("text", "html", "markdown", "latex")

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
_LATEX_SPECIAL: Final = re.compile("[" + re.escape("".join(_LATEX_ESCAPES)) + "]")


def _latex_table(text: str) -> str:
    """Each LaTeX special of ``text`` escaped: a pattern finds the few there are (a
    ``str.translate`` table looks up every character)."""
    return _LATEX_SPECIAL.sub(lambda found: _LATEX_ESCAPES[found.group()], text)


def _escape_html(text: str) -> str:
    # three C scans: faster than ``str.translate``, which looks each character up in a dict
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MD_ESCAPED: Final = re.compile(r"[\\`*_\[\]<>#|~]|&(?=.)", re.DOTALL)


def _escape_md_one(match: re.Match[str]) -> str:
    ch = match.group()
    if ch != "&":
        return "\\" + ch
    following = match.string[match.end()]
    return "&amp;" if following.isalnum() or following == "#" else "&"


def _escape_markdown(text: str) -> str:
    """Markdown specials backslash-escaped; ``&`` as ``&amp;`` only where it could start an
    entity (``&copy;``, ``&#169;``): a lone ``&`` (``Zhang, R., & Xiong, Z.``) is literal in
    CommonMark and kramdown alike, and ``&amp;`` there is noise in the source.  One pattern
    finds the characters that may change; the text between them is copied by ``re``."""
    return _MD_ESCAPED.sub(_escape_md_one, text)


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
            out.append(r"\$" + _latex_table(piece) + r"\$")
        else:
            out.append(_latex_table(piece))
    return "".join(out) if math_ok else _latex_table(text)


_LINK = re.compile(r"(?P<url>https?://[^\s<>\"{}]+)|(?<![\w/.])(?P<doi>10\.\d{4,9}/[^\s<>\"{}]+)")
"""A URL, or a bare DOI (IEEE's ``doi: 10.1109/...``); linear."""
_URL_ESCAPES: Final = str.maketrans({"%": r"\%", "#": r"\#", "\\": "%5C", "{": "%7B", "}": "%7D"})


def _trim(link: str) -> tuple[str, str]:
    """``link`` without the sentence punctuation after it, and that punctuation."""
    end = len(link)
    while end > 0 and link[end - 1] in ".,;:)]":
        if link[end - 1] == ")" and link.count("(", 0, end) >= link.count(")", 0, end):
            break
        end -= 1
    return link[:end], link[end:]


def _url_argument(url: str) -> str:
    return url.translate(_URL_ESCAPES)


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


_LINE_BREAK: Final = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""A line break character: where :data:`_LINE_BREAKS` can match (most entries have none, and
a plain character scan is ten times faster than trying the pattern at every position)."""


def one_line(text: str) -> str:
    """``text`` with every line break (and the spaces around it) as one space: an entry is one
    line in text output and one list item in Markdown and LaTeX, whatever its values hold."""
    if _LINE_BREAK.search(text) is None:
        return text
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

_CLOSER_OF: Final = {p[0]: p[1] for p in m.PAIRS}
_OPENER_OF: Final = {p[1]: p[0] for p in m.PAIRS}


def _class(chars: Iterable[str]) -> str:
    """A regular-expression character class of ``chars`` (markers are Private Use characters,
    none of them special inside a class)."""
    return "[" + "".join(sorted(chars)) + "]"


_HIGHLIGHT_GAP: Final = re.compile(
    re.escape(m.HIGHLIGHT[1]) + "([ ,.\\-\u00a0]*)" + re.escape(m.HIGHLIGHT[0])
)
"""A highlight span's end, name punctuation, and the next span's start: the two merge."""


def _merge_highlights(text: str) -> str:
    """Join highlight spans separated only by name punctuation (``Xiong, Z.``), for one bold span."""
    if m.HIGHLIGHT[1] not in text:
        return text
    return _HIGHLIGHT_GAP.sub(r"\1", text)


_CLOSERS_TEXT: Final = "".join(sorted(m.CLOSERS))
_CLOSER_RUN: Final = re.compile(_class(m.CLOSERS) + "*")
_QUOTE_POINTS: Final = re.compile(re.escape(m.QUOTE_CLOSE[0]))
_QUOTE_POINTS_INSIDE: Final = re.compile(_class((m.QUOTE_CLOSE[0], "\u201d")))
"""Where :func:`_move_punctuation_into_quotes` may change something: a quote marker, and with
punctuation inside quotes a closing quotation mark in the data too."""


def _after_closers(text: str, pos: int) -> int:
    """Where the run of closing markers at ``pos`` ends."""
    found = _CLOSER_RUN.match(text, pos)
    return pos if found is None else found.end()


def _last_shown(out: list[str]) -> str:
    """The last character of ``"".join(out)`` that is not a closing marker ("" if none)."""
    for piece in reversed(out):
        kept = piece.rstrip(_CLOSERS_TEXT)
        if kept:
            return kept[-1]
    return ""


def _move_punctuation_into_quotes(text: str, inside: bool) -> str:
    """Resolve :data:`markup.QUOTE_CLOSE`: with ``inside``, ``”.`` becomes ``.”`` (CSL spec).

    Only the places :data:`_QUOTE_POINTS` finds are looked at; the text between them is copied
    as it is (a quoted part is copied whole, quotation marks inside it unchanged).
    """
    start, end = m.QUOTE_CLOSE
    if start not in text and not (inside and "\u201d" in text):
        return text
    points = _QUOTE_POINTS_INSIDE if inside else _QUOTE_POINTS
    size = len(text)
    out: list[str] = []
    pos = 0  # text before pos is in out
    found = points.search(text)
    while found is not None:
        i = found.start()
        out.append(text[pos:i])
        if text[i] == start:
            j = text.find(end, i)
            if j < 0:
                pos = i + 1  # an unclosed quote marker is dropped
            else:
                k = _after_closers(text, j + 1)
                if inside and k < size and text[k] in ".,":
                    # ("" in ".?!" is true: no punctuation is added at the very start)
                    if _last_shown(out) not in ".?!":
                        out.append(text[k])
                    out.append(text[i + 1 : j])
                    out.append(text[j + 1 : k])
                    pos = k + 1
                else:
                    out.append(text[i + 1 : j])
                    pos = j + 1
        else:  # a closing quotation mark in the data (“...”), with punctuation inside quotes
            k = _after_closers(text, i + 1)
            if k < size and text[k] in ".,":
                if _last_shown(out) not in ".?!":
                    out.append(text[k])
                out.append(text[i:k])
                pos = k + 1
            else:
                out.append(text[i])
                pos = i + 1
        found = points.search(text, pos)
    out.append(text[pos:])
    return "".join(out)


_MARKER: Final = re.compile(_class(m.ALL))
_UNKEPT: Final = re.compile(_class(m.ALL - m.KEPT) + "+")


def _convert(text: str, tags: _Tags, escape: Callable[[str], str]) -> str:
    """Markers -> ``tags``: the text between two markers is escaped as one piece; a closer
    that does not close the innermost open span is dropped, spans still open are closed."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for found in _MARKER.finditer(text):
        i = found.start()
        if i > pos:
            out.append(escape(text[pos:i]))
        pos = i + 1
        ch = text[i]
        if ch in m.KEPT:
            out.append(ch)  # kept for subsequent-author-substitute (pubconv.citation.runner)
        elif ch in _CLOSER_OF:
            if ch in tags:
                out.append(tags[ch][0])
                stack.append(ch)
        elif stack and _OPENER_OF[ch] == stack[-1]:
            out.append(tags[stack.pop()][1])
    if pos < len(text):
        out.append(escape(text[pos:]))
    while stack:
        out.append(tags[stack.pop()][1])
    return "".join(out)


def _convert_text(text: str) -> str:
    """:func:`_convert` to plain text: every tag is empty and nothing is escaped, so what is
    left is the text without its markers, but those kept for the runner."""
    return _UNKEPT.sub("", text)  # five times faster than str.translate on such text


_DISPLAY_OPENERS: Final = frozenset(p[0] for p in m.DISPLAYS.values())
_DISPLAY_CLOSERS: Final = frozenset(p[1] for p in m.DISPLAYS.values())
_DISPLAY_CLOSER: Final = re.compile(_class(_DISPLAY_CLOSERS) + "+")
_DISPLAY_MARKER: Final = re.compile(_class(_DISPLAY_OPENERS | _DISPLAY_CLOSERS))
_DISPLAY_OPENER: Final = re.compile(_class(_DISPLAY_OPENERS))
_ALL_TEXT: Final = "".join(sorted(m.ALL))
_NOT_MARKER: Final = re.compile("[^" + _ALL_TEXT + "]")


def _display_as_spaces(text: str) -> str:
    """Outside HTML a ``display`` part (CSL 1.0.2) is set apart from the text before it by one
    space (``[1] A. Author``), none where a space is already there."""
    if _DISPLAY_OPENER.search(text) is None:
        return _DISPLAY_CLOSER.sub("", text)
    out: list[str] = []
    last = ""  # the last character written that is not a marker
    pos = 0
    for found in _DISPLAY_MARKER.finditer(text):
        i = found.start()
        if i > pos:
            piece = text[pos:i]
            out.append(piece)
            shown = piece.rstrip(_ALL_TEXT)
            if shown:
                last = shown[-1]
        pos = i + 1
        if text[i] in _DISPLAY_OPENERS:
            following = _NOT_MARKER.search(text, i + 1)
            if (
                last
                and not last.isspace()
                and following is not None
                and not following.group().isspace()
            ):
                out.append(" ")
                last = " "
    out.append(text[pos:])
    return "".join(out)


def render(marked: str, fmt: str, *, punctuation_in_quote: bool = False) -> str:
    """Marked text -> ``fmt`` (``text``, ``html``, ``markdown`` or ``latex``)."""
    marked = one_line(marked)
    if fmt != "html":
        marked = _display_as_spaces(marked)
    marked = _move_punctuation_into_quotes(marked, punctuation_in_quote)
    marked = _merge_highlights(marked)
    if fmt == "text":
        return _convert_text(marked)
    if fmt == "html":
        return _convert(marked, _HTML_TAGS, _escape_html)
    if fmt == "markdown":
        return _convert(marked, _MD_TAGS, _escape_markdown)
    if fmt == "latex":
        return _convert(marked, _LATEX_TAGS, _escape_latex_links)
    raise ValueError(f"unknown citation output format {fmt!r} (known: {', '.join(FORMATS)})")
