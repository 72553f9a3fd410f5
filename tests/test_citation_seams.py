"""Seams joined with their texts carried along (``citation/fixes/seams.py``) give what
citeproc-py's ``+`` steps gave: the same text, the same pieces, the same string classes
(``NoCase`` pieces keep their case under ``text-case``).  The oracle below is the step-by-step
reading with ``+`` that :func:`punctuation.merging_join` and ``PunctuationMerging.wrap``
replaced, checked over generated strings of every class citeproc-py uses."""

from __future__ import annotations

from typing import Any

from citeproc.string import MixedString, NoCase, String, normalize_seam
from hypothesis import given, settings
from hypothesis import strategies as st

from pubconv.citation import markup as mk
from pubconv.citation.fixes import punctuation, seams

# --- the oracle: joining with citeproc-py's ``+`` at each step ----------------------------

_OPENERS = "".join(mk.OPENERS)
_NO_SPACE_BEFORE = frozenset(",;.")


def _oracle_merge_seam(left: Any, right: Any) -> Any:
    right_text = str(right)
    if right_text:
        raw = str(left)
        left_text = raw.rstrip("".join(mk.CLOSERS))
        allowed = {".": ".?!:;", ",": ",", ";": ";", ":": ":;"}.get(right_text[0])
        if allowed and left_text and left_text[-1] in allowed:
            if mk.NAMES[1] in raw[len(left_text) :]:
                return String(mk.MERGED[0] + right_text[0] + mk.MERGED[1]) + seams.drop_first(right)
            return seams.drop_first(right)
    return normalize_seam(left, right)


def _oracle_before_punctuation(left: Any, right: Any) -> Any:
    head = str(right).lstrip(_OPENERS)[:1]
    if head in _NO_SPACE_BEFORE and str(left).endswith(" "):
        return seams.strip_end(left)
    return left


def _oracle_join(strings: list[Any], delimiter: str) -> Any:
    items = [s for s in strings if s is not None]
    if not items:
        return String("")
    out = items[0]
    for item in items[1:]:
        if delimiter.strip()[:1] in _NO_SPACE_BEFORE and str(item).lstrip(_OPENERS)[:1] in (
            _NO_SPACE_BEFORE
        ):
            out = _oracle_before_punctuation(out, item)
            out = out + _oracle_merge_seam(out, item)
            continue
        out = _oracle_before_punctuation(out, delimiter)
        out = out + _oracle_merge_seam(out, delimiter)
        out = _oracle_before_punctuation(out, item)
        out = out + _oracle_merge_seam(out, item)
    return out


def _oracle_wrap(prefix: str, suffix: str, string: Any) -> Any:
    if not prefix and not suffix:
        return string
    prefix = _oracle_before_punctuation(prefix, string)
    text = prefix + normalize_seam(prefix, string)
    text = _oracle_before_punctuation(text, suffix)
    return text + _oracle_merge_seam(text, suffix)


# --- generated strings ----------------------------------------------------------------

_CHARS = st.sampled_from(
    [" ", " ", ".", ",", ";", ":", "?", "!", "a", "B", mk.ITALIC[0], mk.ITALIC[1], mk.NAMES[1]]
)
_TEXT = st.lists(_CHARS, max_size=4).map("".join)
_PLAIN = st.one_of(
    _TEXT,
    _TEXT.map(String),
    _TEXT.map(NoCase),
)
_PIECE = st.one_of(
    _PLAIN,
    st.lists(st.one_of(_TEXT.map(String), _TEXT.map(NoCase)), max_size=3).map(MixedString),
)


class _Affixed(punctuation.PunctuationMerging):
    """An element with affixes, as :meth:`PunctuationMerging.wrap` reads them."""

    def __init__(self, prefix: str, suffix: str) -> None:
        self.__dict__["pubconv_affixes"] = (prefix, suffix)


def _shape(text: Any) -> Any:
    """The classes and texts of ``text``'s pieces, nested as they are."""
    if isinstance(text, MixedString):
        return ("MixedString", [_shape(piece) for piece in list.__iter__(text)])
    return (type(text).__name__, str(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.none(), _PIECE), max_size=5), _TEXT)
def test_merging_join_gives_what_the_plus_steps_gave(strings: list[Any], delimiter: str) -> None:
    expected = _oracle_join(strings, delimiter)
    joined = punctuation.merging_join(strings, delimiter)
    assert _shape(joined) == _shape(expected)


@settings(max_examples=600, deadline=None)
@given(_TEXT, _TEXT, _PIECE)
def test_wrap_gives_what_the_plus_steps_gave(prefix: str, suffix: str, string: Any) -> None:
    expected = _oracle_wrap(prefix, suffix, string)
    wrapped = _Affixed(prefix, suffix).wrap(string)
    assert _shape(wrapped) == _shape(expected)


@settings(max_examples=600, deadline=None)
@given(_PIECE, _PIECE)
def test_plus_is_citeproc_pys_plus_with_the_text_known(left: Any, right: Any) -> None:
    joined, text = seams.plus(left, str(left), right)
    expected = left + right
    assert _shape(joined) == _shape(expected)
    assert text == str(expected)


def test_a_period_merges_into_a_colon_through_formatting() -> None:
    """CSL 1.0.2 appendix "Punctuation", as the seams read it: ``7:`` + ``.`` is ``7:``, also
    when the colon is inside italics; a space after a space is dropped."""
    italic_colon = String(mk.ITALIC[0] + "Lang 7:" + mk.ITALIC[1])
    assert (
        str(punctuation.merging_join([italic_colon, String(". Next")], ""))
        == str(italic_colon) + " Next"
    )
    assert str(punctuation.merging_join([String("a "), String(" b")], "")) == "a b"


@settings(max_examples=400, deadline=None)
@given(_PIECE, st.sampled_from(list(mk.DISPLAYS.values())))
def test_enclosed_is_the_plus_of_the_markers(text: Any, pair: tuple[str, str]) -> None:
    expected = String(pair[0]) + text + String(pair[1])
    got, got_text = seams.enclosed(pair[0], text, str(text), pair[1])
    assert _shape(got) == _shape(expected)
    assert got_text == str(expected)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=4))
def test_joined_is_citeproc_pys_join(pieces: list[Any]) -> None:
    from citeproc.string import join

    expected = join(pieces, "")
    got, got_text = seams.joined([(piece, str(piece)) for piece in pieces])
    assert _shape(got) == _shape(expected)
    assert got_text == str(expected)
