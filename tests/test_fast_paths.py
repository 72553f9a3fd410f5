"""Each fast path gives what the slow path it skips would give (random texts over the characters
that matter): LaTeX decoding of plain values, brace balance, one-group values."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pubconv.formats.bibtex import latex, names
from pubconv.formats.bibtex.values import _ONE_GROUP, is_balanced

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
    if _ONE_GROUP.fullmatch(value):
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
