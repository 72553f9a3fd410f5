"""The fast BibTeX scanner cuts every text as bibtexparser's splitter does (unless it says why).

Differential: on random texts made of BibTeX's significant pieces, the scanner's blocks (kind,
raw text, key, fields) equal the splitter's whenever the scanner reports no recovery note; field
line numbers too, unless the text has a ``(``-delimited block (after which the splitter counts
lines twice) or a backslash before a line break (a line the splitter does not count).
"""

from __future__ import annotations

from bibtexparser.splitter import Splitter
from hypothesis import assume, given
from hypothesis import strategies as st

from pubconv.formats.bibtex.scanner import (
    _LINE_START_LF,
    _SPLITTER_START,
    RawBlock,
    _from_splitter,
    _without_next_start,
    scan,
)

_PIECES = [
    "@article{", "@misc{", "@string{", "@comment{", "@preamble{", "@Book {", "@inproceedings(",
    "k1", "k2", "a:b", ",", ", ", " = ", "=", "{", "}", "{x}", '"', '"q"', "#", " # ", "\n",
    "\n  ", " ", "\t", "title", "year", "2020", "jan", "\\", "\\{", "\\}", '{"}', "x y", "@", ")",
    "\n@misc{", "author = {A and B},", "title = {T {N} \\{},", 'note = "a {b} c" # jan,',
]  # fmt: skip

_FIELD = st.tuples(
    st.sampled_from(["title", "year", "note", "Author", "x-y"]),
    st.sampled_from(["{A}", "{A {B} \\} c}", '"q {x} \\" y"', "2020", "jan", '{a} # " b" # c']),
)
_ENTRY = st.builds(
    lambda t, k, fs, comma: (
        f"@{t}{{{k},\n"
        + ",\n".join(f"  {n} = {v}" for n, v in fs)
        + ("," if comma and fs else "")
        + "\n}\n"
    ),
    st.sampled_from(["article", "Misc", "inproceedings"]),
    st.sampled_from(["k1", "Key:2020", "a-b"]),
    st.lists(_FIELD, max_size=5),
    st.booleans(),
)


def _splitter_blocks(text: str) -> list[RawBlock]:
    """The splitter's blocks, located (a failed block that ends with the next block's start,
    ``@article{`` + ``@misc{``: "expected comma, found @misc", is cut before it, as the scanner
    cuts it; the old reader lost the next block's text instead)."""
    out: list[RawBlock] = []
    pos = 0
    for block in Splitter(text).split().blocks:
        raw = _without_next_start(block, text, pos)
        at = text.find(raw, pos) if raw else -1
        if at < 0:
            continue
        pos = at + len(raw)
        out.append(_from_splitter(block, at, pos, 0))
    return out


def _view(text: str, blocks: list[RawBlock], lines: bool) -> list[tuple[object, ...]]:
    return [
        (
            b.kind,
            text[b.start : b.end],
            b.key,
            b.value,
            [(f.name, f.value, f.line or text.count("\n", 0, f.equals) + 1) for f in b.fields]
            if lines
            else [(f.name, f.value) for f in b.fields],
        )
        for b in blocks
    ]


def _spaced_start(text: str) -> bool:
    """A block start BibTeX reads but the splitter does not (``@ article{``, ``@misc`` / ``{``)."""
    return any(not _SPLITTER_START.match(text, m.start(1)) for m in _LINE_START_LF.finditer(text))


def _same_as_splitter(text: str) -> None:
    ours = list(scan(text))
    assume(not any(b.notes for b in ours) and not _spaced_start(text))
    # the splitter miscounts lines after a `(...)` block and skips a newline right after `\`
    lines = "(" not in text and "\\\n" not in text
    assert _view(text, ours, lines) == _view(text, _splitter_blocks(text), lines)


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_random_pieces_cut_as_the_splitter_cuts(text: str) -> None:
    _same_as_splitter(text)


@given(st.lists(_ENTRY | st.sampled_from(_PIECES), max_size=12).map("".join))
def test_entries_among_random_pieces_cut_as_the_splitter_cuts(text: str) -> None:
    _same_as_splitter(text)


@given(st.lists(_ENTRY, min_size=1, max_size=6).map("".join))
def test_well_formed_entries_take_the_fast_path(text: str) -> None:
    ours = list(scan(text))
    assert [b.kind for b in ours] == ["entry"] * text.count("@")
    assert _view(text, ours, True) == _view(text, _splitter_blocks(text), True)
