"""Each fast path gives what the slow path it skips would give (random texts over the characters
that matter): LaTeX decoding of plain values, brace balance, one-group values, plain name
splitting, and the house-style page parts read without BeautifulSoup."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pubconv.formats.bibtex import latex, names
from pubconv.formats.bibtex.values import ONE_GROUP, is_balanced
from pubconv.formats.jekyll import entry
from pubconv.formats.jekyll import text as jtext

_TEXT = st.text(alphabet="ab -`'\\{}$~\t\n\r%é", max_size=40)


def _balanced_by_characters(text: str) -> bool:
    """The character loop ``is_balanced`` replaced."""
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


@given(_TEXT)
def test_is_balanced_agrees_with_the_character_loop(text: str) -> None:
    assert is_balanced(text) == _balanced_by_characters(text)


@given(_TEXT)
def test_one_group_agrees_with_find_group_end(text: str) -> None:
    value = "{" + text + "}"
    if ONE_GROUP.fullmatch(value):
        assert latex.find_group_end(value, 0) == len(value) - 1


@given(_TEXT)
def test_decode_fast_paths_agree_with_the_tokenizer(text: str) -> None:
    assert latex.decode(text) == latex._decode(text, True)
    assert latex.decode_plain(text) == latex._decode(text, False)


def _split_name_by_tokens(name: str) -> list[list[str]]:
    """``names._split_name`` without its fast path."""
    parts: list[list[str]] = [[]]
    word_start = 0
    for m in re.finditer(r"[,]|[ \t\r\n~]+", name):
        word = name[word_start : m.start()]
        if word:
            parts[-1].append(word)
        if m.group() == ",":
            parts.append([])
        word_start = m.end()
    if name[word_start:]:
        parts[-1].append(name[word_start:])
    return parts


@given(st.text(alphabet="ab ,~\t\nÉ.-", max_size=30))
def test_plain_names_split_as_the_token_loop_splits(name: str) -> None:
    assert names._split_name(name) == _split_name_by_tokens(name)


_PAGE_TEXT = st.text(alphabet="ab >\"'=\n\t\u00a0é()", max_size=30)


@given(_PAGE_TEXT, st.text(alphabet="ab-1", max_size=5), st.booleans())
def test_house_style_abstract_reads_as_beautifulsoup_reads_it(
    text: str, div_id: str, br: bool
) -> None:
    chunk = (
        f'<div style="display: none;" class=abs id="{div_id}">{"<br>" if br else ""}{text}</div>'
    )
    plain = entry._ABSTRACT.fullmatch(chunk)
    assert plain is not None
    div = jtext.parse_fragment(chunk).find("div")
    assert div is not None
    children = list(div.children)
    if children and getattr(children[0], "name", None) == "br":
        children = children[1:]
    assert (plain.group(1) or None) == (str(div.get("id")) if div.get("id") else None)
    assert (jtext.squeeze(plain.group(2)) or None) == (
        jtext.squeeze(jtext.nodes_to_model(children)) or None
    )


@given(st.text(alphabet='ab("-)', max_size=12), _PAGE_TEXT.filter(lambda t: "\n" not in t))
def test_house_style_toggle_reads_as_beautifulsoup_reads_it(inner: str, label: str) -> None:
    line = f"<a onclick='expandABS({inner})'>{label}</a>"
    plain = entry._TOGGLE.fullmatch(line)
    assert plain is not None
    anchor = jtext.parse_fragment(line).find(onclick=True)
    assert anchor is not None and plain.group(1) == str(anchor["onclick"])


@given(_PAGE_TEXT)
def test_plain_venue_text_reads_as_beautifulsoup_reads_it(inner: str) -> None:
    soup = jtext.parse_fragment(inner)
    assert jtext.squeeze(inner) == jtext.squeeze(jtext.nodes_to_model(list(soup.children)))


def _normalise_by_runs(text: str) -> str:
    """The callback per whitespace run that ``latex._normalise_space`` replaced."""

    def run(m: re.Match[str]) -> str:
        return "\n\n" if m.group().count("\n") >= 2 else " "

    return re.sub(r"[ \t\r\n]+", run, text).strip(" \t\r\n")


@given(st.text(alphabet="ab \t\r\n", max_size=40))
def test_paragraph_spaces_agree_with_the_run_callback(text: str) -> None:
    assert latex._normalise_space(text) == _normalise_by_runs(text)


@given(_TEXT)
def test_decode_checks_by_in_agree_with_their_patterns(text: str) -> None:
    assert latex._needs_decode(text) == (latex._NEEDS_DECODE.search(text) is not None)
    assert latex._has_syntax(text) == (latex._LATEX_SYNTAX.search(text) is not None)


_VALUE_PIECES = st.sampled_from(["a", " ", "{", "}", "#", "\\", '"', "\\{", "\\}", ",", "1"])


@given(st.lists(_VALUE_PIECES, max_size=30).map("".join))
def test_one_piece_values_are_what_split_value_and_expand_give(inner: str) -> None:
    """The reader takes a scanned ``{...}`` value without ``#`` or ``\\`` as one group
    (``reader._one_piece``); split_value + expand must give the same text for it."""
    from pubconv.formats.bibtex import reader, scanner
    from pubconv.formats.bibtex.values import Macros, expand, split_value

    text = "@misc{k,\n  title = {" + inner + "},\n  note = x # {" + inner + "}\n}\n"
    for block in scanner.scan(text):
        for f in block.fields:
            if f.value[:1] == "{" and reader._one_piece(f):
                assert expand(split_value(f.value), Macros(), []) == f.value[1:-1]


@given(st.text(alphabet="aB3 -`'{}\t\nÉé%,.", max_size=40))
def test_flat_groups_decode_as_the_tokenizer_does(text: str) -> None:
    """Capitals and digits too, so a group may protect itself (``{EM}``, ``{3D}``)."""
    flat = latex._flat_groups(text, True)
    if flat is not None:
        assert flat == latex._decode(text, True)
    plain = latex._flat_groups(text, False)
    if plain is not None:
        assert plain == latex._decode(text, False)
    assert latex.decode(text) == latex._decode(text, True)
    assert latex.decode_plain(text) == latex._decode(text, False)


def test_flat_groups_examples() -> None:
    title = "Deep Learning for {EM} and {Gaussian} Priors {}"
    assert latex._flat_groups(title, True) == latex._decode(title, True)
    assert latex._flat_groups(title, True) is not None
    assert latex._flat_groups("{{Nested}} Group", True) is None
    assert latex._flat_groups("{Unclosed", True) is None
    assert latex._flat_groups(r"{\'E}cole", True) is None
