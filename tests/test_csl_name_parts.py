"""CSL 1.0.2 "Name-part Formatting": "If set to "given", formatting and text-case attributes on
cs:name-part affect the "given" and "dropping-particle" name-parts. affixes surround the
"given" name-part, enclosing any demoted name particles for inverted names.  If set to
"family", formatting and text-case attributes affect the "family" and "non-dropping-particle"
name-parts. affixes surround the "family" name-part, enclosing any preceding name particles,
as well as the "suffix" name-part for non-inverted names.  The "suffix" name-part is not
subject to name-part formatting."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style

PARTS = '<name-part name="family" text-case="uppercase" prefix="[" suffix="]"/>'
PARTS += '<name-part name="given" text-case="lowercase" prefix="(" suffix=")"/>'

HUMBOLDT = {"family": "Humboldt", "given": "Alexander", "dropping-particle": "von"}
GOGH = {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}
KING = {"family": "King", "given": "Martin", "suffix": "Jr."}


def _names(tmp_path: Path, name_attrs: str, names: list[dict[str, Any]]) -> str:
    layout = f'<names variable="author"><name {name_attrs}>{PARTS}</name></names>'
    path = style(tmp_path, layout, name=f"n{abs(hash(name_attrs))}")
    return render(path, [{"id": "a", "type": "book", "author": names}])[0]


def test_particles_take_the_formatting_of_their_name_part(tmp_path: Path) -> None:
    """Not inverted: the dropping particle is formatted as the given name but sits inside the
    family name's affixes with the non-dropping particle; the suffix is inside them too and
    keeps its case."""
    text = _names(tmp_path, 'delimiter="; "', [HUMBOLDT, GOGH, KING])
    assert text == "(alexander) [von HUMBOLDT]; (vincent) [VAN GOGH]; (martin) [KING Jr.]"


def test_inverted_names_enclose_demoted_particles_in_the_given_affixes(tmp_path: Path) -> None:
    attrs = 'name-as-sort-order="all" delimiter="; "'
    text = _names(tmp_path, attrs, [HUMBOLDT, GOGH, KING])
    assert text == "[HUMBOLDT], (alexander von); [GOGH], (vincent VAN); [KING], (martin), Jr."


def test_a_missing_name_part_is_not_printed(tmp_path: Path) -> None:
    """A name with a family name only, or a given name only, prints what it has (never the
    word ``None``), and a given name alone is not initialized away."""
    names = [{"family": "Plato"}, {"given": "Madonna"}]
    assert _names(tmp_path, 'delimiter="; "', names) == "[PLATO]; (madonna)"
    initialized = 'delimiter="; " initialize-with=". " name-as-sort-order="all"'
    assert _names(tmp_path, initialized, names) == "[PLATO]; (madonna)"


def test_short_form_leaves_out_a_name_without_family(tmp_path: Path) -> None:
    """The short form is the family name: a given-name-only person has none to show, and the
    list does not end on a dangling ``&``."""
    names = [{"family": "Plato"}, {"given": "Madonna"}]
    assert _names(tmp_path, 'form="short" and="symbol"', names) == "[PLATO]"
