"""CSL 1.0.2 "Title Case Conversion" (specification, section Text-case), tested on a minimal
style written for these tests:

    "For lower or mixed case strings, the first character of each lowercase word is
    capitalized. ... stop words are lowercased, unless they are the first or last word in the
    string, or follow a colon.  The stop words are listed in the CSL Schema file
    stop-words.json.  Hyphenated word parts are treated as distinct words (e.g., "two-thirds"
    becomes "Two-Thirds")."

Every element that takes ``text-case`` goes through the same rule and the same list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pubconv.citation.engine import render_csl
from pubconv.citation.fixes.stopwords import STOP_PHRASES, STOP_WORDS, is_stop_word

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>title-case-test</id><title>Title case test</title>
    <updated>2026-11-30T00:00:00+00:00</updated></info>
  <macro name="the-title"><text variable="title"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{body}</layout></bibliography>
</style>
"""


def title_cased(tmp_path: Path, title: str, body: str = "") -> str:
    body = body or '<text variable="title" text-case="title"/>'
    style = tmp_path / "title-case.csl"
    style.write_text(STYLE.format(body=body), encoding="utf-8")
    item = {"id": "t", "type": "article-journal", "title": title}
    return render_csl([item], ["t"], str(style), cache=False)[0].text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # stop words of CSL 1.0.2's list that CSL 1.0.1's 26 words lacked
        ("type inference against races", "Type Inference against Races"),
        ("detecting conflicts between structure accesses", "Detecting Conflicts between Structure Accesses"),
        ("steps toward a method", "Steps toward a Method"),
        ("sensitivity without contexts", "Sensitivity without Contexts"),
        ("a walk through the woods", "A Walk through the Woods"),
        ("register windows vs. register allocation", "Register Windows vs. Register Allocation"),
        # first word, last word and the word after a colon are capitalised even if stop words
        ("against the odds", "Against the Odds"),
        ("what they fought against", "What They Fought Against"),
        ("odds: against all of them", "Odds: Against All of Them"),
        # hyphenated parts are words: capitalised, unless a stop word that is not the last word
        ("two-thirds of a cake", "Two-Thirds of a Cake"),
        ("faster chaitin-like allocation", "Faster Chaitin-like Allocation"),
        ("structures that are lisp-like", "Structures That Are Lisp-Like"),
        # a stop phrase: all its words are stop words when they stand together
        ("methods such as these", "Methods such as These"),
        ("work done according to plan", "Work Done according to Plan"),
        ("a such thing", "A Such Thing"),  # "such" alone is no stop word
        # a period ends an abbreviation, not a title: the stop word after it stays lower case
        ("proc. of the workshop", "Proc. of the Workshop"),
    ],
)  # fmt: skip
def test_title_case_follows_csl_1_0_2(tmp_path: Path, title: str, expected: str) -> None:
    assert title_cased(tmp_path, title) == expected


@pytest.mark.parametrize(
    "body",
    [
        '<text variable="title" text-case="title"/>',
        '<text macro="the-title" text-case="title"/>',
        '<group text-case="title"><text variable="title" text-case="title"/></group>',
        '<group><text macro="the-title" text-case="title"/></group>',
    ],
)
def test_every_title_case_path_uses_the_1_0_2_list(tmp_path: Path, body: str) -> None:
    """A variable, a macro, a group: each reaches the same rule (citeproc-py's own title case
    with CSL 1.0.1's list would print ``Against`` and ``Between``)."""
    text = title_cased(tmp_path, "conflicts between threads against locks", body)
    assert text == "Conflicts between Threads against Locks"


def test_title_case_on_a_value_and_a_term(tmp_path: Path) -> None:
    body = '<text value="a case against the flow" text-case="title"/>'
    assert title_cased(tmp_path, "x", body) == "A Case against the Flow"


def test_the_list_is_the_schema_list() -> None:
    """Every CSL 1.0.1 stop word is still one; the 1.0.2 additions are there; phrases are
    stop words only as phrases."""
    csl_1_0_1 = "a an and as at but by down for from in into nor of on onto or over so the till to up via with yet"
    assert set(csl_1_0_1.split()) <= STOP_WORDS
    for word in ("against", "between", "through", "toward", "without", "like", "vs.", "v."):
        assert word in STOP_WORDS
    assert is_stop_word("vs") and is_stop_word("v")  # as found before the period
    assert ("such", "as") in STOP_PHRASES and "such" not in STOP_WORDS
    assert not is_stop_word("learning")
