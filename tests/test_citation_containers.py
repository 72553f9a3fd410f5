"""Containers rendered from flat plans (``citation/fixes/containers.py``), written from CSL 1.0.2
"Group" and "Choose": a group "is suppressed if a) at least one rendering element in cs:group
calls a variable (either directly or via a macro), and b) all variables that are called are
empty"; a non-empty nested group or macro counts as a non-empty variable.  The plans skip
rendering leaves whose variables are absent, so each case here has such a leaf."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

MACROS = (
    '<macro name="editors"><names variable="editor translator"/></macro>'
    '<macro name="short-title"><text variable="title" form="short"/></macro>'
    '<macro name="nothing"><choose><if type="book"><text variable="volume"/></if></choose></macro>'
)


def test_an_absent_name_variable_still_counts_as_called(tmp_path: Path) -> None:
    """A group whose only variable is a ``cs:names`` without names (no ``cs:substitute``) is
    suppressed with its term; with an editor it renders."""
    path = style(
        tmp_path,
        '<group delimiter=" "><text term="in"/><names variable="editor"/></group>',
    )
    assert render(path, [{"id": "a", "type": "chapter"}]) == [""]
    with_editor = {"id": "b", "type": "chapter", "editor": [{"family": "Okafor", "given": "D."}]}
    assert render(path, [with_editor]) == ["in D. Okafor"]


def test_a_macro_of_absent_variables_empties_the_group_around_it(tmp_path: Path) -> None:
    """A macro that called only absent variables is an empty variable to the group around it
    (its term is not printed); a macro whose ``cs:choose`` takes no branch called nothing, so
    it leaves the group to its other children."""
    layout = (
        '<group delimiter=" "><text term="edition"/><text macro="editors"/></group>'
        '<group delimiter=" " prefix="["><text value="V"/><text macro="nothing"/></group>'
    )
    path = style(tmp_path, layout, macros=MACROS)
    assert render(path, [{"id": "a", "type": "report"}]) == ["[V"]
    item = {"id": "b", "type": "report", "translator": [{"family": "Lindqvist", "given": "A."}]}
    assert render(path, [item]) == ["edition A. Lindqvist[V"]


def test_a_short_form_renders_the_short_variable_alone(tmp_path: Path) -> None:
    """CSL 1.0.2 ``form="short"``: the short form of a variable, falling back to the long form;
    an item with only ``title-short`` still renders it."""
    path = style(
        tmp_path,
        '<group delimiter=": "><text value="T"/><text macro="short-title"/></group>',
        macros=MACROS,
    )
    assert render(path, [{"id": "a", "type": "book", "title-short": "Short"}]) == ["T: Short"]
    assert render(path, [{"id": "b", "type": "book", "title": "Long title"}]) == ["T: Long title"]
    assert render(path, [{"id": "c", "type": "book"}]) == [""]


def test_a_substitute_passes_over_absent_roles_to_the_first_present_one(tmp_path: Path) -> None:
    """CSL 1.0.2 "Substitution": the first child of ``cs:substitute`` that renders takes the
    place of the names, and what it rendered is suppressed in the rest of the entry; children
    whose variables the item lacks render nothing, in any order."""
    layout = (
        '<group delimiter=". "><names variable="author"><substitute>'
        '<names variable="editor"/><names variable="translator"/><text variable="title"/>'
        '</substitute></names><text variable="title"/></group>'
    )
    path = style(tmp_path, layout)
    assert render(path, [{"id": "a", "type": "book", "title": "Only a title"}]) == ["Only a title"]
    translated = {
        "id": "b",
        "type": "book",
        "title": "T",
        "translator": [{"family": "Lindqvist", "given": "A."}],
    }
    assert render(path, [translated]) == ["A. Lindqvist. T"]
