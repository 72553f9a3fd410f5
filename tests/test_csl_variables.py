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
