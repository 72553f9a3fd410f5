"""docs/cli.md works as written: every `sh` command and the Python block run here.

Commands run in-process (``main``) in a scratch folder holding a copy of ``fixtures/``, so
``--fix`` and ``-o`` never touch the repository; ``# exits N`` after a command is its expected
exit status (0 otherwise).
"""

from __future__ import annotations

import io
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
DOCS = ROOT / "docs" / "cli.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", DOCS.read_text(encoding="utf-8"), re.M | re.S)


def _commands() -> list[tuple[list[str], int]]:
    out = []
    for block in _blocks("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            command, _, comment = line.partition("  # ")
            if command.strip():
                match = re.match(r"exits (\d)", comment)
                out.append((shlex.split(command), int(match.group(1)) if match else 0))
    return out


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


class _Stdin(io.TextIOWrapper):
    """What ``< file`` gives a command: text and ``.buffer`` bytes."""


def test_every_command_in_docs_cli_runs(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = _commands()
    assert len(commands) >= 12
    for argv, expected in commands:
        assert argv[0] == "pubconv", argv
        args = argv[1:]
        if "<" in args:
            at = args.index("<")
            data = (scratch / args[at + 1]).read_bytes()
            monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(data), encoding="utf-8"))
            args = args[:at] + args[at + 2 :]
        code = main(args)
        out, err = capsys.readouterr()
        assert code == expected, (argv, out, err)
        assert "Traceback" not in err
        if "-o" in args:
            assert (scratch / args[args.index("-o") + 1]).stat().st_size > 0
    # what the commands wrote is what the page says they write
    page = (scratch / "papers.md").read_text(encoding="utf-8")
    assert 'title: "Our papers"' in page and '{:target="_blank"}' in page
    assert "<!DOCTYPE html>" in (scratch / "sahin.html").read_text(encoding="utf-8")
    assert main(["check", "--select", "J", "fixtures/check/defects.md"]) == 1  # J003/J006 left


def test_python_block_runs(scratch: Path) -> None:
    (code,) = _blocks("python")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=scratch, capture_output=True, text=True, env=env,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2 entries\n"
    assert "@article{deng2024unsupervised," in (scratch / "recent.bib").read_text(encoding="utf-8")


def test_every_environment_variable_read_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    read = set()
    for path in (ROOT / "src" / "pubconv").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        read |= set(re.findall(r"environ(?:\.get)?[(\[]\s*[\"']([A-Z_]+)[\"']", source))
        read |= set(re.findall(r"getenv\(\s*[\"']([A-Z_]+)[\"']", source))
        if "expanduser" in source:
            read.add("HOME")
    assert read >= {"PUBCONV_CACHE_DIR", "XDG_CACHE_HOME"}
    for name in read | {"_PUBCONV_COMPLETE"}:
        assert f"`{name}`" in text, name


def test_shell_completion_knows_commands_and_options(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "_PUBCONV_COMPLETE": "bash_complete"}
    runs = {
        "pubconv che": "check",
        "pubconv check --sel": "--select",
        "pubconv convert -": "--to",
    }
    for words, wanted in runs.items():
        env["COMP_WORDS"] = words
        env["COMP_CWORD"] = str(len(words.split()) - 1)
        result = subprocess.run(
            [sys.executable, "-m", "pubconv"], env=env, capture_output=True, text=True,
            timeout=60, check=False, cwd=tmp_path,
        )  # fmt: skip
        assert f"plain,{wanted}" in result.stdout.splitlines(), (words, result.stdout)
    env["_PUBCONV_COMPLETE"] = "bash_source"
    script = subprocess.run(
        [sys.executable, "-m", "pubconv"], env=env, capture_output=True, text=True, timeout=60,
        check=False,
    ).stdout  # fmt: skip
    assert "complete -o nosort -F _pubconv_completion pubconv" in script


def test_readme_filter_example_is_the_tested_one() -> None:
    """The README's filter-and-write-back example is docs/cli.md's, which runs above."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", readme, re.M | re.S)
    (code,) = _blocks("python")
    assert code in blocks
