"""The README's examples work as written: its CV commands are the ones docs/cv.md runs in tests."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sh_commands(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.strip():
                commands.append(shlex.split(line))
    return commands


def test_readme_cv_commands_are_the_tested_ones() -> None:
    readme = [c for c in _sh_commands(ROOT / "README.md") if c[:2] == ["pubconv", "cite"]]
    docs = _sh_commands(ROOT / "docs" / "cv.md")
    assert len(readme) == 3
    assert all(command in docs for command in readme)
    assert {command[-1].rsplit(".", 1)[-1] for command in readme} == {"md", "html", "tex"}
