"""``cs:if``/``cs:else-if`` tests evaluated from plans made once per style (``fixes/plans.py``).
CSL 1.0.2 "Choose": ``type`` and ``variable`` may list several values, each one a test, and
``match`` combines all the tests of the element: ``all`` (the default), ``any`` or ``none``."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pubconv.citation.fixes.plans import compile_condition, passes

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

CHOOSE = (
    "<choose>"
    '<if type="book thesis" match="any"><text value="BOOKISH"/></if>'
    '<else-if type="article-journal" variable="DOI" match="all"><text value="JOURNAL-DOI"/>'
    "</else-if>"
    '<else-if variable="DOI URL" match="none"><text value="NO-LINK"/></else-if>'
    '<else-if variable="locator"><text value="LOCATOR"/></else-if>'
    '<else><text value="OTHER"/></else>'
    "</choose>"
)

CASES = [
    ({"type": "book"}, "BOOKISH"),
    ({"type": "thesis", "DOI": "10.1/x"}, "BOOKISH"),
    ({"type": "article-journal", "DOI": "10.1/x"}, "JOURNAL-DOI"),
    ({"type": "article-journal", "URL": "https://x.org"}, "OTHER"),
    ({"type": "article-journal"}, "NO-LINK"),
    ({"type": "report", "DOI": "10.1/x"}, "OTHER"),
]


def test_type_and_variable_tests_combine_by_match(tmp_path: Path) -> None:
    path = style(tmp_path, CHOOSE)
    items = [{"id": str(i), "title": "T", **item} for i, (item, _) in enumerate(CASES)]
    for item, (_, expected) in zip(items, CASES, strict=True):
        assert render(path, [item]) == [expected], item


def test_a_condition_with_other_tests_still_answers(tmp_path: Path) -> None:
    """``is-numeric`` is not planned: citeproc-py's test answers, combined with the planned
    kinds by ``match``."""
    layout = (
        '<choose><if is-numeric="volume" type="book" match="all"><text value="NUMERIC-BOOK"/>'
        '</if><else><text value="OTHER"/></else></choose>'
    )
    path = style(tmp_path, layout)
    assert render(path, [{"id": "a", "type": "book", "volume": "12"}]) == ["NUMERIC-BOOK"]
    assert render(path, [{"id": "b", "type": "book", "volume": "XII"}]) == ["OTHER"]
    assert render(path, [{"id": "c", "type": "report", "volume": "12"}]) == ["OTHER"]


def test_text_case_title_follows_the_entry_language(tmp_path: Path) -> None:
    """CSL 1.0.2 "Text-case": ``title`` applies to English items; an item without a
    ``language`` takes the style's ``default-locale`` (the language is found once per entry,
    so one entry's language must not leak into the next)."""
    layout = '<text variable="title" text-case="title"/>'
    items = [
        {"id": "a", "type": "book", "title": "a study of things", "language": "de"},
        {"id": "b", "type": "book", "title": "a study of things"},
    ]
    english = style(tmp_path, layout)
    assert render(english, items) == ["a study of things", "A Study of Things"]
    german = style(tmp_path, layout, style_attrs=' default-locale="de-DE"', name="de")
    assert render(german, items[1:]) == ["a study of things"]
    english_item = {**items[1], "language": "en-GB"}
    assert render(german, [english_item]) == ["A Study of Things"]


def test_a_group_counts_only_the_taken_branch(tmp_path: Path) -> None:
    """CSL 1.0.2 "Group": a group that calls variables and renders none is suppressed; of a
    ``cs:choose`` only the branch taken counts (planned branches are skipped unrendered)."""
    layout = (
        '<group delimiter=", "><text value="SEE"/><choose>'
        '<if variable="DOI"><text variable="DOI"/></if>'
        '<else-if type="book"><text value="BOOK"/></else-if>'
        '<else><text variable="URL"/></else></choose></group>'
    )
    path = style(tmp_path, layout)
    items = [
        {"id": "a", "type": "report", "DOI": "10.1/x"},
        {"id": "b", "type": "book"},
        {"id": "c", "type": "report", "URL": "https://x.org"},
        {"id": "d", "type": "report"},
    ]
    assert [render(path, [i]) for i in items] == [
        ["SEE, 10.1/x"],
        ["SEE, BOOK"],
        ["SEE, https://x.org"],
        [""],
    ]


def test_formatting_applies_only_where_asked(tmp_path: Path) -> None:
    """CSL 1.0.2 "Formatting": an element without formatting attributes leaves its text (and
    a number) as it is; one with them formats it."""
    layout = (
        '<text variable="title" font-style="italic"/><text variable="volume" prefix=" "/>'
        '<number variable="issue" prefix=" " font-weight="bold"/>'
        '<text variable="citation-number" prefix=" "/>'
    )
    path = style(tmp_path, layout)
    item = {"id": "a", "type": "book", "title": "T", "volume": "12", "issue": "3"}
    assert render(path, [item], "html") == ["<i>T</i> 12 <b>3</b> 1"]


class _Reference(dict):  # type: ignore[type-arg]
    """citeproc-py's reference: variables by name, the type as an attribute."""

    def __init__(self, kind: str, values: dict[str, str]) -> None:
        super().__init__(values)
        self.type = kind


class _Cite(dict):  # type: ignore[type-arg]
    """citeproc-py's cite: ``locator`` a key of its own, the reference an attribute."""

    def __init__(self, reference: _Reference, locator: bool) -> None:
        super().__init__({"locator": "12"} if locator else {})
        self.reference = reference


_TYPES = ["book", "chapter", "report"]
_NAMES = ["title", "DOI", "volume", "issue", "locator"]


@given(
    types=st.lists(st.sampled_from(_TYPES), max_size=3),
    variables=st.lists(st.sampled_from(_NAMES), max_size=3),
    numeric=st.lists(st.sampled_from(["volume", "issue"]), max_size=2),
    match=st.sampled_from([None, "all", "any", "none"]),
    kind=st.sampled_from(_TYPES),
    values=st.dictionaries(
        st.sampled_from(["title", "DOI", "volume", "issue"]),
        st.sampled_from(["12", "12a", "S12", "12-14", "xii", "", "Vol. 3"]),
    ),
    locator=st.booleans(),
)
def test_compiled_conditions_answer_as_citeproc_py_combines_them(
    types: list[str],
    variables: list[str],
    numeric: list[str],
    match: str | None,
    kind: str,
    values: dict[str, str],
    locator: bool,
) -> None:
    """A compiled condition stops at the first test that decides; its answer is the one
    citeproc-py's list of every test, combined by ``match``, gives (CSL 1.0.2 "Choose": each
    listed value is a test; ``all`` is the default; an ``is-numeric`` test needs the variable)."""
    plan = (tuple(types), tuple(variables), tuple(numeric), match)
    cite = _Cite(_Reference(kind, values), locator)
    assert compile_condition(*plan)(cite) == passes(plan, _Cite(_Reference(kind, values), locator))
