"""CSL variables reach the style as CSL spells them: ``archive_location`` is the one standard
variable written with an underscore (CSL 1.0.2 Appendix IV), and CSL-JSON carries it so."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style


def test_archive_location_is_rendered(tmp_path: Path) -> None:
    path = style(
        tmp_path,
        '<group delimiter=". "><text variable="archive_location"/><text variable="archive"/></group>',
    )
    item = {
        "id": "a",
        "type": "manuscript",
        "archive": "Bancroft Library",
        "archive_location": "MSS C-E 191",
    }
    assert render(path, [item]) == ["MSS C-E 191. Bancroft Library"]


def test_unknown_keys_are_left_out(tmp_path: Path) -> None:
    path = style(tmp_path, '<text variable="title"/>')
    item = {"id": "a", "type": "book", "title": "T", "not-a-csl-variable": "x"}
    assert render(path, [item]) == ["T"]


def test_zotero_field_names_stand_for_their_csl_variables(tmp_path: Path) -> None:
    """The CSL-JSON schema lists ``journalAbbreviation`` and ``shortTitle``; they are
    ``container-title-short`` and ``title-short`` unless those are given."""
    layout = (
        '<group delimiter="/"><text variable="container-title" form="short"/>'
        '<text variable="title" form="short"/></group>'
    )
    path = style(tmp_path, layout)
    items = [
        {"id": "a", "type": "article-journal", "container-title": "Anonymous Journal",
         "journalAbbreviation": "Anon J", "title": "A long title", "shortTitle": "Long"},
        {"id": "b", "type": "article-journal", "container-title": "Journal One",
         "container-title-short": "J-1", "journalAbbreviation": "JO", "title": "T"},
    ]  # fmt: skip
    assert render(path, items) == ["Anon J/Long", "J-1/T"]


def test_variables_in_the_note_are_read(tmp_path: Path) -> None:
    """Zotero keeps fields it has no place for as ``variable: value`` lines of the note, and
    citeproc-js reads them there; an item's own variable wins and the lines leave the note."""
    layout = (
        '<group delimiter="|"><text variable="container-title"/>'
        '<date variable="event-date"><date-part name="month" form="numeric" suffix="/"/>'
        '<date-part name="year"/></date>'
        '<text variable="note"/></group>'
    )
    path = style(tmp_path, layout)
    item = {
        "id": "a",
        "type": "chapter",
        "note": "container-title: Container\nevent-date: 2004-10-01\nSeen twice.",
    }
    own = {"id": "b", "type": "chapter", "container-title": "Own", "note": "container-title: X"}
    out = render(path, [item, own])
    assert out[0] == "Container|10/2004|Seen twice."
    assert out[1] == "Own|container-title: X"
