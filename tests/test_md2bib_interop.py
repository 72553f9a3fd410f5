"""Issue 3 item 4: the ``.bib`` that ``md2bib`` makes from each seed page is accepted by pandoc and
``biber --tool --validate-datamodel`` and converts to CSL-JSON; item 1's bib leg is exact."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import require_tool
from pubconv.cli import main

pytestmark = [pytest.mark.corpus, pytest.mark.interop]


def _pages(corpus: Path) -> list[Path]:
    return sorted((corpus / "jekyll-seedlab").glob("*.md"))


def _md2bib(page: Path, out: Path) -> str:
    assert main(["md2bib", str(page), "-o", str(out)]) == 0, page.name
    return out.read_text(encoding="utf-8")


def test_md2bib_output_is_read_by_pandoc_and_biber(corpus: Path, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    biber = require_tool("biber")
    for page in _pages(corpus):
        bib_path = tmp_path / (page.stem + ".bib")
        text = _md2bib(page, bib_path)
        entries = text.count("\n@") + text.startswith("@")
        result = subprocess.run(
            [pandoc, "-f", "biblatex", "-t", "csljson", str(bib_path)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0, (page.name, result.stderr)
        assert len(json.loads(result.stdout)) == entries, page.name
        result = subprocess.run(
            [biber, "--tool", "--validate-datamodel", bib_path.name],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            cwd=tmp_path,
        )
        log = result.stdout + result.stderr
        assert result.returncode == 0 and "ERROR" not in log, (page.name, log)


def test_md2bib_output_converts_to_csljson(corpus: Path, tmp_path: Path) -> None:
    for page in _pages(corpus):
        bib_path = tmp_path / (page.stem + ".bib")
        _md2bib(page, bib_path)
        out = tmp_path / (page.stem + ".json")
        assert main(["bib2csl", str(bib_path), "-o", str(out)]) == 0, page.name
        items = json.loads(out.read_text(encoding="utf-8"))
        direct_path = tmp_path / (page.stem + ".direct.json")
        assert main(["md2csl", str(page), "-o", str(direct_path)]) == 0
        direct = json.loads(direct_path.read_text(encoding="utf-8"))
        assert [i["id"] for i in items] == [i["id"] for i in direct], page.name
        assert all(i.get("title") and i.get("author") and i.get("issued") for i in items)


def test_md2bib_then_bib2md_like_gives_the_page(corpus: Path, tmp_path: Path) -> None:
    for page in _pages(corpus):
        bib_path = tmp_path / (page.stem + ".bib")
        _md2bib(page, bib_path)
        out = tmp_path / page.name
        assert main(["bib2md", str(bib_path), "--like", str(page), "-o", str(out)]) == 0
        assert out.read_bytes() == page.read_bytes(), page.name
