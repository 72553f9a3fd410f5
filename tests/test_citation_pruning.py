"""Containers passed over for entries that lack every variable they read
(``citation/fixes/pruning.py``): each entry renders as it renders alone, whatever entries of
the same type came before it, and the groups around a passed-over container count it as
CSL 1.0.2 "Group" says (a macro that called only empty variables is an empty variable)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from citeproc.source import VariableError

from pubconv.citation.fixes import containers, pruning
from pubconv.citation.fixes.elements import _COUNTS

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

MACROS = (
    '<macro name="editors"><names variable="editor translator"/></macro>'
    '<macro name="kind"><choose>'
    '<if type="thesis"><text value="Thesis"/></if>'
    '<else-if type="report"><group><text term="in"/><text variable="genre"/></group></else-if>'
    "</choose></macro>"
    '<macro name="circa"><choose><if is-uncertain-date="issued"><text value="ca."/></if>'
    '<else><text variable="medium"/></else></choose></macro>'
    '<macro name="ambiguous"><choose><if disambiguate="true"><text value="(see note)"/></if>'
    '<else><text variable="note"/></else></choose></macro>'
)

LAYOUT = (
    '<group delimiter=" "><text term="in"/><text macro="editors"/></group>'
    '<group delimiter=" " prefix="[" suffix="]"><text value="K"/><text macro="kind"/></group>'
    '<text macro="circa" prefix=" "/>'
    '<text macro="ambiguous" prefix=" "/>'
)


def _items() -> list[dict[str, Any]]:
    editor = [{"family": "Okafor", "given": "D."}]
    return [
        {"id": "r1", "type": "report", "title": "R1"},
        {"id": "t1", "type": "thesis", "title": "T1"},
        {"id": "r2", "type": "report", "title": "R2", "genre": "Memo"},
        {"id": "r3", "type": "report", "title": "R3"},
        {"id": "t2", "type": "thesis", "title": "T2", "editor": editor},
        {"id": "t3", "type": "thesis", "title": "T3"},
        {"id": "b1", "type": "book", "title": "B1", "issued": {"date-parts": [[2001]], "circa": 1}},
        {"id": "b2", "type": "book", "title": "Same"},  # b2 and b3 cite alike: ambiguous
        {"id": "b3", "type": "book", "title": "Same"},
        {"id": "b4", "type": "book", "title": "B4", "medium": "CD"},
        {"id": "b5", "type": "book", "title": "B5"},
    ]


def test_entries_render_as_without_passing_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries of one type lacking the same variables follow each other (the later ones get
    the remembered outcome), between entries of other types and ambiguous ones: each renders
    what the same style renders without passing over anything."""
    items = _items()
    passing_over = render(style(tmp_path, LAYOUT, macros=MACROS, name="a"), items)
    monkeypatch.setattr(containers, "pruned", lambda run, element: run)
    rendering_all = render(style(tmp_path, LAYOUT, macros=MACROS, name="b"), items)
    assert passing_over == rendering_all
    by_id = dict(zip([str(i["id"]) for i in items], passing_over, strict=True))
    assert by_id["r1"] == by_id["r3"] == ""  # "in" and "K" suppressed: no editor, no genre
    assert by_id["t1"] == by_id["t3"] == "[K Thesis]"
    assert by_id["r2"] == "[K inMemo]"
    assert by_id["t2"] == "in D. Okafor[K Thesis]"
    # a book takes no branch of "kind": it called no variable, so "K" stays
    assert by_id["b1"] == "[K] ca."
    assert by_id["b2"] == by_id["b3"] == "[K] (see note)"
    assert by_id["b4"] == "[K] CD"
    assert by_id["b5"] == "[K]"


def test_an_empty_macro_counts_as_an_empty_variable_when_passed_over(tmp_path: Path) -> None:
    """A group of a term and a macro of absent names is suppressed for every entry, the
    later ones included, whose macro is passed over: the count of called variables is
    replayed for the group to see."""
    path = style(
        tmp_path,
        '<group delimiter=" "><text term="edition"/><text macro="editors"/></group>',
        macros=MACROS,
    )
    items = [{"id": f"c{i}", "type": "chapter"} for i in range(4)]
    assert render(path, items) == ["", "", "", ""]


def _reference(kind: str, **data: Any) -> Any:
    class Reference(dict[str, Any]):
        type = kind

    return Reference(data)


class _Cite(dict[str, Any]):
    def __init__(self, reference: Any) -> None:
        super().__init__()
        self.reference = reference


def test_an_outcome_is_remembered_per_type_and_forgotten_with_the_bibliography() -> None:
    """The runner of a container reading only ``genre`` runs once per type for entries
    without ``genre``, every time for entries with it, and again after a new bibliography;
    a remembered suppression raises again and adds the counts it added."""

    class Element:
        def __init__(self) -> None:
            self.__dict__["pubconv_reads"] = frozenset({"genre"})

    calls: list[str] = []

    def run(item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        calls.append(item.reference.type)
        _COUNTS[0] += 2
        raise VariableError

    pruned = pruning.pruned(run, Element())
    pruning.new_bibliography()
    cites = [_Cite(_reference("report")) for _ in range(3)] + [_Cite(_reference("book"))]
    cites.append(_Cite(_reference("report", genre="Memo")))
    before = _COUNTS[0]
    for cite in cites:
        with pytest.raises(VariableError):
            pruned(cite, "", {"context": None})
    assert calls == ["report", "book", "report"]
    assert _COUNTS[0] - before == 2 * len(cites)
    pruning.new_bibliography()
    with pytest.raises(VariableError):
        pruned(_Cite(_reference("report")), "", {"context": None})
    assert calls[-1] == "report" and len(calls) == 4


def test_what_a_container_reads_through_macros_and_substitutes(tmp_path: Path) -> None:
    """The variables a container may read or test, through its macros and substitutes, in
    both spellings; none for a container with a ``position`` or ``locator`` condition."""
    from pubconv.citation.fixes.pruning import reads
    from pubconv.citation.style import load_style

    macros = MACROS + (
        '<macro name="who"><names variable="author"><substitute><names variable="editor"/>'
        '<text macro="circa"/></substitute></names></macro>'
        '<macro name="where"><choose><if position="first"><text variable="page"/></if>'
        "</choose></macro>"
    )
    path = style(tmp_path, '<text macro="who"/><text macro="where"/>', macros=macros)
    root = load_style(path, "en-US").root
    texts = list(root.bibliography.layout.iterchildren())
    assert reads(texts[0]) == frozenset(
        {"author", "author_short", "editor", "editor_short", "issued", "issued_short"}
        | {"medium", "medium_short"}
    )
    assert reads(texts[1]) is None
