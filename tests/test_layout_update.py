"""Writing a database into a layout folder that already holds it updates files, never duplicates.

The one-way path a lab uses between syncs: ``convert site/_publications -o papers.bib``, edit the
``.bib``, ``convert papers.bib --to academicpages -o site/_publications``.  Every paper already
in the folder must land on its own file (unchanged ones byte-identical), new papers get new
files, and nothing is deleted.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main

NEW_ENTRY = """
@inproceedings{okafor2025new,
  author = {Okafor, Iris and Tan, Bo},
  title = {A Paper Added to the Bib},
  booktitle = {Proceedings of Something},
  year = {2025}
}
"""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("fmt", "fixture"),
    [("academicpages", "academicpages/_publications"), ("hugo", "hugo/content/publication")],
)
def test_bib_written_back_into_its_folder(
    fmt: str, fixture: str, fixtures: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    shutil.copytree(fixtures / fixture, folder)
    bib = tmp_path / "papers.bib"
    assert main(["convert", str(folder), "--from", fmt, "-o", str(bib)]) == 0
    before = _snapshot(folder)
    times = {p: os.stat(folder / p).st_mtime_ns for p in before}
    assert main(["convert", str(bib), "--to", fmt, "-o", str(folder)]) == 0
    assert _snapshot(folder) == before  # every paper on its own file, byte-identical
    assert {p: os.stat(folder / p).st_mtime_ns for p in before} == times  # not even rewritten
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + NEW_ENTRY, encoding="utf-8")
    assert main(["convert", str(bib), "--to", fmt, "-o", str(folder)]) == 0
    after = _snapshot(folder)
    added = sorted(set(after) - set(before))
    assert all(after[p] == before[p] for p in before)
    assert len(added) == (1 if fmt == "academicpages" else 2)
    papers = pubconv.load(str(folder), fmt, strict=False)
    assert "A Paper Added to the Bib" in [p.title for p in papers]
    assert len(papers) == len(pubconv.load(str(bib), strict=False))


def test_an_edit_in_the_bib_changes_only_that_key_of_that_file(
    fixtures: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "_publications"
    shutil.copytree(fixtures / "academicpages" / "_publications", folder)
    bib = tmp_path / "papers.bib"
    assert main(["convert", str(folder), "-o", str(bib)]) == 0
    text = bib.read_text(encoding="utf-8")
    assert "pages = {155:1-155:30}" in text
    bib.write_text(text.replace("pages = {155:1-155:30}", "pages = {155:1-155:31}"), "utf-8")
    before = _snapshot(folder)
    assert main(["convert", str(bib), "--to", "academicpages", "-o", str(folder)]) == 0
    after = _snapshot(folder)
    changed = [p for p in before if after[p] != before[p]]
    assert changed == ["2021-pldi-zooid.md"]
    old = before[changed[0]].decode("utf-8").splitlines()
    new = after[changed[0]].decode("utf-8").splitlines()
    assert [line for line in old if line not in new] == ["pages: '155:1-155:30'"]
    assert [line for line in new if line not in old] == ["pages: '155:1-155:31'"]
