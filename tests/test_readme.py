"""The README's examples work as written: its CV commands are the ones docs/cv.md runs in tests."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from pubconv.cli import main

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


def test_readme_sync_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `pubconv sync` line of the README, run in order on a copy of the fixtures."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        shlex.split(line, comments=True)
        for block in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)
        for line in block.splitlines()
        if line.startswith("pubconv sync ")
    ]
    assert len(lines) == 5
    shutil.copytree(ROOT / "fixtures" / "sync", tmp_path / "fixtures" / "sync")
    monkeypatch.chdir(tmp_path)
    codes = []
    for argv in lines:
        codes.append(main(argv[1:]))
        assert "pubconv sync:" in capsys.readouterr().out or "--format" in argv
    assert codes == [0, 0, 0, 0, 0]  # the fixture pair is in sync, so --check passes too
