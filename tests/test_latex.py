"""LaTeX field values <-> model text: decoding cases, encoding cases, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubconv.formats.bibtex.latex import decode, decode_plain, find_group_end, is_self_protected
from pubconv.formats.bibtex.latexencode import canonical_title, encode
from strategies import abstract_text, plain_text, title_text

NC = '<span class="nocase">'
SC = '<span style="font-variant:small-caps;">'

DECODE_CASES = [
    # accents: every command, every argument form
    (r"\'{e}", "é"),
    (r"\'e", "é"),
    (r"{\'e}", "é"),
    (r"\' e", "é"),
    (r"\"o", "ö"),
    (r"{\"{O}}", "Ö"),
    (r"\^o", "ô"),
    (r"\`a", "à"),
    (r"\~n", "ñ"),
    (r"\=a", "ā"),
    (r"\.z", "ż"),
    (r"\u{g}", "ğ"),
    (r"\u g", "ğ"),
    (r"\v{c}", "č"),
    (r"\v c", "č"),
    (r"\H{o}", "ő"),
    (r"\c{c}", "ç"),
    (r"{\c c}", "ç"),
    (r"\k{a}", "ą"),
    (r"\r{a}", "å"),
    (r"\d{s}", "ṣ"),
    (r"\b{b}", "ḇ"),
    (r"\t{oo}", "o\u0361o"),
    (r"\'\i", "í"),
    (r"\'{\i}", "í"),
    (r"\"{\i}", "ï"),
    (r"\^\j", "ĵ"),
    (r"\^{}", "^"),
    # special letters
    (r"\ss{}", "ß"),
    (r"{\ss}", "ß"),
    (r"Stra\ss e", "Straße"),
    (r"{\o}rsted", "ørsted"),
    (r"{\O}", "Ø"),
    (r"{\ae}{\AE}{\oe}{\OE}", "æÆœŒ"),
    (r"\L{}\'od\'z", "Łódź"),
    (r"{\l}", "ł"),
    (r"{\aa}{\AA}", "åÅ"),
    (r"\i", "ı"),
    # escaped specials
    (r"R\&D 50\% \$5 \#1 a\_b \{x\}", "R&D 50% $5 #1 a_b {x}"),
    (r"\textbackslash{}x", "\\x"),
    (r"\textasciitilde{}", "~"),
    # dashes, ties, quotes
    ("1--10", "1–10"),
    ("a---b", "a—b"),
    ("D.~E.~Knuth", "D.\u00a0E.\u00a0Knuth"),
    ("``quoted''", "“quoted”"),
    ("O'Brien's", "O'Brien's"),
    ("a-{}-b", "a--b"),
    # markup
    (r"\textit{x}", "<i>x</i>"),
    (r"\emph{x}", "<i>x</i>"),
    (r"\textbf{x}", "<b>x</b>"),
    (r"\textsc{Abc}", SC + "Abc</span>"),
    (r"x\textsuperscript{th}", "x<sup>th</sup>"),
    (r"H\textsubscript{2}O", "H<sub>2</sub>O"),
    (r"{\em x}", "<i>x</i>"),
    (r"{\bf x}", "<b>x</b>"),
    (r"{\it x} y", "<i>x</i> y"),
    (r"{\sc x}", SC + "x</span>"),
    (r"{a \em b}", NC + "a <i>b</i></span>"),
    (r"\emph{a {Deep Nets} b}", "<i>a " + NC + "Deep Nets</span> b</i>"),
    # case protection
    ("{Deep Nets}", NC + "Deep Nets</span>"),
    ("{G}aussian", NC + "G</span>aussian"),
    ("{SAM}: Segment", "SAM: Segment"),
    ("{PQ-SAM}", "PQ-SAM"),
    ("{{Deep Nets}}", NC + "Deep Nets</span>"),
    (r"{\'E}cole", "École"),
    ("{}", ""),
    # URLs and math are verbatim
    (r"\url{http://a.org/x_y%20~z}", "http://a.org/x_y%20~z"),
    ("$x^2 + \\alpha$", "$x^2 + \\alpha$"),
    ("$$E=mc^2$$", "$$E=mc^2$$"),
    (r"$a\$b$ c", r"$a\$b$ c"),
    (r"\(x_1\)", r"\(x_1\)"),
    # unknown commands are kept verbatim, with their adjacent arguments
    (r"see \cite{a_b%c}", r"see \cite{a_b%c}"),
    (r"\href{http://x.org}{t}", r"\href{http://x.org}{t}"),
    (r"{\tt mono}", NC + r"\tt mono</span>"),
    (r"a\\b", r"a\\b"),
    # whitespace
    ("  a \n\t b  ", "a b"),
    ("a\n\n  b", "a\n\nb"),
    (r"a \par b", "a\n\nb"),
    (r"NASA\@. x\/y", "NASA. xy"),
    (r"a\,b", "a\u2009b"),
    (r"hy\-phen", "hy\u00adphen"),
    # broken input still decodes (and never raises)
    ("unclosed {Abc def", "unclosed " + NC + "Abc def</span>"),
    ("stray } brace", "stray } brace"),
    ("\\", "\\"),
    ("$unclosed", "$unclosed"),
    (r"\'", r"\'"),
]


@pytest.mark.parametrize(("latex", "text"), DECODE_CASES)
def test_decode(latex: str, text: str) -> None:
    assert decode(latex) == text


@pytest.mark.parametrize(("latex", "text"), DECODE_CASES)
def test_decoded_cases_survive_encoding(latex: str, text: str) -> None:
    for ascii in (False, True):
        assert decode(encode(text, ascii=ascii)) == text


def test_decode_plain_has_no_nocase_spans() -> None:
    assert decode_plain(r"{van Beethoven} {\'E}mile") == "van Beethoven Émile"


ENCODE_CASES = [
    (
        "R&D 50% $5 #1 a_b {x} ~ ^",
        r"R\&D 50\% \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{}",
    ),
    ("a\u00a0b 1–10 a—b", "a~b 1--10 a---b"),
    ("a--b –- '' ``", "a-{}-b --{}- '{}' `{}`"),
    (
        "<i>x</i> <b>y</b> <sup>2</sup> <sub>i</sub>",
        r"\textit{x} \textbf{y} \textsuperscript{2} \textsubscript{i}",
    ),
    (NC + "Deep Nets</span>", "{Deep Nets}"),
    (SC + "Abc</span>", r"\textsc{Abc}"),
    ("$x_1$ costs $5 and $ 10", r"$x_1$ costs \$5 and \$ 10"),
    ("\\cite{a_b} a\\b", "\\cite{a_b} a\\textbackslash{}b"),
    ("\\emph{x}", "\\textbackslash{}emph\\{x\\}"),
    ("unmatched <i> tag", "unmatched <i> tag"),
]


@pytest.mark.parametrize(("text", "latex"), ENCODE_CASES)
def test_encode(text: str, latex: str) -> None:
    assert encode(text) == latex
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("SAM: Segment Anything", "{SAM}: Segment Anything"),
        (
            "PQ-SAM and MedFinder on an iPhone in 3D",
            "{PQ-SAM} and {MedFinder} on an {iPhone} in {3D}",
        ),
        ("Self-Supervised Learning", "Self-Supervised Learning"),
        (NC + "Deep Nets</span> for GPUs", "{Deep Nets} for {GPUs}"),
        (NC + "Deep SAM</span>", "{Deep SAM}"),
        ("<i>SAM</i>", r"\textit{{SAM}}"),
        ("$O(n)$ EM", "$O(n)$ {EM}"),
    ],
)
def test_encode_protects_case(text: str, latex: str) -> None:
    assert encode(text, protect_case=True) == latex
    assert decode(latex) == text


def test_encode_ascii_latin() -> None:
    """Every letter of Latin-1 and Latin Extended-A with a LaTeX spelling is written in ASCII."""
    no_latex = set("ĦħĸĿŀŉŦŧſ")  # no standard LaTeX text command: kept as UTF-8
    chars = [chr(c) for c in range(0xC0, 0x180) if chr(c) not in no_latex]
    for char in chars:
        latex = encode(char, ascii=True)
        assert latex.isascii(), (char, latex)
        assert decode(latex) == char
    assert encode("Zoë Ørsted Łódź “q” ’", ascii=True) == (
        r"Zo{\"e} {\O}rsted {\L}{\'o}d{\'z} ``q'' \textquoteright{}"
    )
    assert encode("中文 é") == "中文 é"  # UTF-8 kept by default
    assert encode("中文", ascii=True) == "中文"  # no LaTeX spelling: still lossless


def test_is_self_protected() -> None:
    assert all(map(is_self_protected, ["SAM", "PQ-SAM", "MedFinder", "iPhone", "3D", "ÉCOLE"]))
    assert not any(
        map(is_self_protected, ["Self-Supervised", "Word", "a", "SAM:", "Deep Nets", ""])
    )


def test_canonical_title() -> None:
    assert canonical_title(NC + "SAM</span> and " + NC + "Deep Nets</span>") == (
        "SAM and " + NC + "Deep Nets</span>"
    )


# --------------------------------------------------------------------------- properties

#: Model-text fragments including everything the encoder must treat with care.
_PIECES = st.sampled_from(
    [
        *"aBéß中&%#_{}~^\\$-–—'`“”’\u00a0…\u2009\u00adıØ< x",
        "$x$",
        "<i>",
        "</i>",
        "<b>",
        "</b>",
        "<sup>",
        "</sup>",
        NC,
        SC,
        "</span>",
        "SAM",
        "iPhone",
        "3D",
        "\\foo",
        "\\emph",
        "\\'",
        "\\\\",
        "\\(",
        "\\)",
        "{x}",
    ]
)
_ANY_TEXT = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(title_text, plain_text, abstract_text), st.booleans(), st.booleans())
def test_model_text_round_trips(text: str, ascii: bool, protect_case: bool) -> None:
    assert decode(encode(text, ascii=ascii, protect_case=protect_case)) == text


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(_ANY_TEXT, st.booleans(), st.booleans())
def test_any_text_round_trips_after_one_pass(text: str, ascii: bool, protect_case: bool) -> None:
    """Arbitrary text may not be canonical, but one trip makes it so, and it stays put."""
    encoded = encode(text, ascii=ascii, protect_case=protect_case)
    assert find_group_end("{" + encoded + "}", 0) == len(encoded) + 1, "braces must balance"
    once = decode(encoded)
    assert decode(encode(once, ascii=ascii, protect_case=protect_case)) == once


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=40))
def test_decode_never_raises(value: str) -> None:
    assert isinstance(decode(value), str)


# --------------------------------------------------------------------------- corpus


def _corpus_values(folder: Path) -> list[str]:
    """Every field value except names (plain bibtexparser parse, no middleware)."""
    import bibtexparser

    values = []
    for path in sorted(folder.glob("*.bib")):
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8", errors="replace"))
        for entry in library.entries:
            for field in entry.fields:
                value = field.value
                if not isinstance(value, str) or field.key.lower() in ("author", "editor"):
                    continue
                values.append(value)  # bibtexparser v2 removed the delimiters
    return values


@pytest.mark.corpus
def test_corpus_values_are_stable(corpus: Path) -> None:
    """Every value of the performance corpus decodes to text that survives encoding."""
    values = _corpus_values(corpus / "bibtex" / "plume-bib-perf")
    assert len(values) > 30_000
    failures = []
    for value in values:
        text = decode(value)
        for ascii, protect in ((False, True), (True, False)):
            again = decode(encode(text, ascii=ascii, protect_case=protect))
            expected = canonical_title(text) if protect else text
            if again != expected:
                failures.append((value, text, again))
    assert failures == []


@pytest.mark.parametrize("text", ["a { b", "x } y", "} a {", "{{ c", "f(x) = {1, 2"])
def test_lone_braces_keep_the_value_balanced_for_bibtex(text: str) -> None:
    """BibTeX counts ``\\{`` as a brace, so a lone literal brace is spelled as a command."""
    value = encode(text)
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, value
    assert depth == 0, value
    assert decode(value) == text


def test_paired_literal_braces_stay_escaped() -> None:
    assert encode("set {1,2}") == "set \\{1,2\\}"
