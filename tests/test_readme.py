"""The README's examples work as written: its CV commands are the ones docs/cv.md runs in tests."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
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
    readme = [
        c
        for c in _sh_commands(ROOT / "README.md")
        if c[:2] == ["pubconv", "cite"] and "--author" in c
    ]
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


def test_quick_start_example_reports_the_drift(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's example command (what CI runs after installing) on the shipped example."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- example-command -->", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    command = block.strip().split(" && ", 1)[1]
    argv = shlex.split(command)
    assert argv[:2] == ["pubconv", "sync"]
    before = {p: (ROOT / p).read_bytes() for p in argv[2:]}
    assert main(argv[1:]) == 0
    out = capsys.readouterr().out
    assert "only on the site: ling2025seeing" in out
    assert "only in the database: xiong2023survey" in out
    assert "[Code](https://example.org/code/dadn-v2)" in out  # the moved link, both sides shown
    assert "pubconv sync: 2 matched, 1 differ, 1 only on the site, 1 only in the database" in out
    assert "+++ b/fixtures/example/lab.bib" in out  # and the diff of what --write would do
    assert {p: (ROOT / p).read_bytes() for p in argv[2:]} == before  # a preview writes nothing


def test_every_other_readme_command_runs(tmp_path: Path) -> None:
    """The README's remaining ``pubconv`` lines, in order, in a copy of the repository's fixtures
    (``../shared`` beside it when the corpus is there); each exits 0."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        line
        for block in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)
        for line in block.replace("\\\n", " ").splitlines()
        if line.startswith("pubconv ")
        and not line.startswith("pubconv sync ")  # run by test_readme_sync_examples_run
        and "--author" not in line  # the CV commands, run by docs/cv.md's tests
    ]
    assert len(lines) >= 8
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "fixtures", work / "fixtures")
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (tmp_path / "shared").symlink_to(shared)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for line in lines:
        if "../shared" in line and not shared.is_dir():
            continue  # needs the corpus, which this checkout does not have beside it
        command = line.replace("pubconv ", f"{shlex.quote(sys.executable)} -m pubconv ", 1)
        done = subprocess.run(
            ["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, (line, done.stderr[-2000:])
