"""pubconv's citeproc-py source reads a value with no tag as citeproc-py does, part for part."""

from __future__ import annotations

from typing import Any

from citeproc.source.json import CiteProcJSON
from hypothesis import example, given
from hypothesis import strategies as st

from pubconv.citation.variables import Source


def _shape(value: Any) -> tuple[str, list[tuple[str, str]]]:
    return type(value).__name__, [(type(part).__name__, str(part)) for part in value]


@given(st.one_of(st.text(alphabet='ab <>/"=.,;:!? \u00e9\u0130', max_size=30), st.integers()))
@example("")
@example(" ")
@example('A <span class="nocase">DNA</span> study')
@example('A <SPAN CLASS="NOCASE">DNA</SPAN> study')
@example('<span class="nocase">x')
@example("\u0130stanbul")
def test_parse_string_is_citeproc_pys(value: str | int) -> None:
    ours = Source([]).parse_string(value)
    theirs = CiteProcJSON([]).parse_string(value)
    assert _shape(ours) == _shape(theirs)
    assert str(ours) == str(theirs)
