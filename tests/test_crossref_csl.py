"""Crossrefs are resolved for CSL-JSON (CSL has none) and restored on the way back to BibTeX."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import pubconv
from conftest import require_tool
from pubconv.formats.bibtex.sentence import to_sentence_case

FILES = ("abbrev.bib", "entries.bib", "crossref.bib")


def _database(fixtures: Path) -> pubconv.Bibliography:
    return pubconv.load([str(fixtures / "bibtex" / name) for name in FILES])


def test_child_gets_parent_fields_in_csljson(fixtures: Path) -> None:
    items = {i["id"]: i for i in json.loads(pubconv.dumps(_database(fixtures), "csljson"))}
    child = items["chen2023"]
    parent = pubconv.load([str(fixtures / "bibtex" / n) for n in FILES]).by_key()["miccai2023"]
    assert parent.title is not None
    # the parent's title, in sentence case as the child's container (a part of a book)
    assert child["container-title"] == to_sentence_case(parent.title)
    assert child["page"] == "10–20"  # its own fields stay its own
    inherited = child["custom"]["pubconv"]["inherited"]
    assert "container-title" in inherited and "page" not in inherited


def test_bibtex_gets_the_crossref_back_without_inherited_fields(fixtures: Path) -> None:
    bib = _database(fixtures)
    back = pubconv.loads(pubconv.dumps(bib, "csljson"), "csljson")
    assert back.by_key()["chen2023"] == bib.by_key()["chen2023"]
    assert back.by_key()["chen2023"].container_title is None
    assert back.by_key()["chen2023"].get_extra("crossref") == "miccai2023"


@pytest.mark.interop
def test_pandoc_sees_the_inherited_container_title(fixtures: Path, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    path = tmp_path / "refs.json"
    path.write_text(pubconv.dumps(_database(fixtures), "csljson"), encoding="utf-8")
    result = subprocess.run(
        [pandoc, "-f", "csljson", "-t", "csljson", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    items = {i["id"]: i for i in json.loads(result.stdout)}
    assert items["chen2023"]["container-title"].startswith("Medical image computing")
