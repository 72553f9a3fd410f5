"""Style loading (``citation/style.py``): a parsed style is kept for the process and reused,
per version of its file."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style


def test_a_style_edited_in_the_same_process_is_read_again(tmp_path: Path) -> None:
    """A program that renders, edits its ``.csl`` file and renders again (a notebook, a
    watcher) gets the edited style: a parsed style is kept per version of its file."""
    item = {"id": "a", "type": "book", "title": "T"}
    path = style(tmp_path, '<text variable="title" prefix="[" suffix="]"/>')
    assert render(path, [item]) == ["[T]"]
    style(tmp_path, '<text variable="title" prefix="(" suffix=") edited"/>')
    assert render(path, [item]) == ["(T) edited"]
