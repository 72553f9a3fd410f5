"""CSL 1.0.2 ``subsequent-author-substitute``, written from the specification: "complete-all"
(the default) substitutes "when all rendered names of the name variable match those in the
preceding bibliographic entry", replacing "the entire name list (including punctuation and
terms like et al and and), except for the affixes set on the cs:names element"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

LAYOUT = (
    '<names variable="author editor" suffix=". "><name et-al-min="3" et-al-use-first="1"/>'
    '<label form="short" prefix=" "/></names><text variable="title"/>'
)


def _item(ident: str, title: str, *families: str, role: str = "author") -> dict[str, object]:
    return {
        "id": ident,
        "type": "book",
        "title": title,
        role: [{"family": f, "given": "J"} for f in families],
    }


def test_rendered_names_decide_not_the_whole_list(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe", "Roe", "Poe"), _item("b", "Two", "Doe", "Zoe", "Moe")]
    # both render "J Doe et al.": the rendered names match
    assert render(path, items) == ["J Doe et al. One", "---. Two"]


def test_labels_are_not_part_of_the_compared_names(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe", role="editor"), _item("b", "Two", "Doe")]
    assert render(path, items) == ["J Doe ed. One", "---. Two"]


def test_different_rendered_names_are_kept(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe"), _item("b", "Two", "Doe", "Roe")]
    assert render(path, items) == ["J Doe. One", "J Doe, J Roe. Two"]


def test_the_label_stays_outside_the_substituted_names(tmp_path: Path) -> None:
    path = style(tmp_path, LAYOUT, bib_attrs=' subsequent-author-substitute="---"')
    items = [_item("a", "One", "Doe"), _item("b", "Two", "Doe", role="editor")]
    assert render(path, items) == ["J Doe. One", "--- ed. Two"]


def test_substituted_names_are_suppressed_in_the_rest_of_the_entry(tmp_path: Path) -> None:
    """CSL 1.0.2 "Substitution": "Substituted variables are suppressed in the rest of the
    output to prevent duplication" (also in a later cs:names naming several variables)."""
    layout = (
        '<names variable="author" suffix=". "><name/><substitute><names variable="editor"/>'
        "</substitute></names>"
        '<text variable="title"/>'
        '<names variable="editor translator" prefix=". By "><name/></names>'
    )
    path = style(tmp_path, layout)
    edited = _item("a", "One", "Doe", role="editor")
    both = {**_item("b", "Two", "Roe"), "editor": [{"family": "Poe", "given": "P"}]}
    assert render(path, [edited, both]) == ["J Doe. One", "J Roe. Two. By P Poe"]


def test_names_a_substitute_rendered_are_suppressed_within_the_same_macro(tmp_path: Path) -> None:
    macros = (
        '<macro name="editor"><names variable="editor"><name/></names>'
        '<names variable="editor" prefix=" again "><name/></names></macro>'
    )
    layout = (
        '<names variable="author"><name/><substitute><text macro="editor"/></substitute></names>'
    )
    path = style(tmp_path, layout, macros=macros)
    assert render(path, [_item("a", "One", "Doe", role="editor")]) == ["J Doe"]


RULE_LAYOUT = (
    '<names variable="author" suffix=". "><name and="text" delimiter=", "/></names>'
    '<text variable="title"/>'
)


def _rule(tmp_path: Path, rule: str, *lists: tuple[str, ...]) -> list[str]:
    attrs = f' subsequent-author-substitute="---" subsequent-author-substitute-rule="{rule}"'
    path = style(tmp_path, RULE_LAYOUT, bib_attrs=attrs, name=rule)
    items = [_item(str(n), f"T{n}", *families) for n, families in enumerate(lists)]
    return render(path, items)


def test_complete_each_replaces_each_name_when_all_match(tmp_path: Path) -> None:
    """ "complete-each - requires a complete match like complete-all, but now the value of
    subsequent-author-substitute substitutes for each rendered name"."""
    out = _rule(tmp_path, "complete-each", ("Doe", "Roe"), ("Doe", "Roe"), ("Doe", "Poe"))
    assert out == ["J Doe and J Roe. T0", "--- and ---. T1", "J Doe and J Poe. T2"]


def test_partial_each_replaces_the_matching_names_from_the_first(tmp_path: Path) -> None:
    """ "partial-each - when one or more rendered names in the name variable match those in the
    preceding bibliographic entry, the value of subsequent-author-substitute substitutes for
    each matching name.  Matching starts with the first name, and continues up to the first
    mismatch"."""
    out = _rule(
        tmp_path,
        "partial-each",
        ("Doe", "Roe", "Poe"),
        ("Doe", "Roe", "Moe"),
        ("Doe", "Zoe", "Moe"),
        ("Zoe", "Roe"),
    )
    assert out == [
        "J Doe, J Roe, and J Poe. T0",
        "---, ---, and J Moe. T1",
        "---, J Zoe, and J Moe. T2",
        "J Zoe and J Roe. T3",
    ]


def test_partial_first_replaces_only_the_first_name(tmp_path: Path) -> None:
    """ "partial-first - as partial-each, but substitution is limited to the first name of the
    name variable"."""
    out = _rule(tmp_path, "partial-first", ("Doe", "Roe"), ("Doe", "Roe"), ("Poe",))
    assert out == ["J Doe and J Roe. T0", "--- and J Roe. T1", "J Poe. T2"]


def test_a_date_a_substitute_rendered_is_suppressed_later(tmp_path: Path) -> None:
    macros = (
        '<macro name="title"><text variable="title"/>'
        '<date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date></macro>'
    )
    layout = (
        '<group delimiter=". "><names variable="author"><name/><substitute>'
        '<text macro="title"/></substitute></names>'
        '<date variable="issued"><date-part name="year"/></date></group>'
    )
    path = style(tmp_path, layout, macros=macros)
    untitled = {"id": "a", "type": "book", "title": "Act", "issued": {"date-parts": [[1992]]}}
    authored = {**_item("b", "Two", "Doe"), "issued": {"date-parts": [[2000]]}}
    assert render(path, [untitled, authored]) == ["Act (1992)", "J Doe. 2000"]
