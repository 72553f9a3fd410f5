"""Issue 9 item 3: CSL-JSON -> .bib is valid for classic BibTeX (plain.bst) and for biber, and
reading the .bib back gives the same CSL variables."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import pubconv
from pubconv.formats.csljson.schema import DATE_VARIABLES, NAME_VARIABLES, VARIABLES
from pubconv.registry import WriteOptions

ALIASES = {
    "journalAbbreviation": "container-title-short",
    "shortTitle": "title-short",
    "event": "event-title",
}
"""Zotero and CSL 1.0.1 keys and the CSL 1.0.2 variable they are written back as."""
_NOCASE = re.compile(r'<span class="nocase">|</span>')


def _name(name: dict[str, Any]) -> dict[str, Any]:
    parts = ("family", "given", "literal", "suffix", "non-dropping-particle", "dropping-particle")
    out = {k: name[k] for k in parts if name.get(k)}
    if set(out) == {"literal"}:  # a family-only name braced in BibTeX reads back as a literal
        out = {"family": out["literal"]}
    return out


def _value(variable: str, value: Any) -> Any:
    if variable in NAME_VARIABLES and isinstance(value, list):
        return [_name(n) for n in value if isinstance(n, dict)]
    if variable in DATE_VARIABLES and isinstance(value, dict) and "date-parts" in value:
        return [[int(p) for p in part] for part in value["date-parts"]]
    if isinstance(value, str):
        return _NOCASE.sub("", value).replace("\u2013", "-")  # pages: -- reads as an en dash
    if isinstance(value, int | float):
        return str(value)
    return value


def csl_variables(item: dict[str, Any]) -> dict[str, Any]:
    """``item``'s CSL 1.0.2 variables (aliases renamed), compared as values, not spellings:
    case protection (``{{...}}`` in the .bib) and number types aside; values of the wrong type
    (Crossref's ``"original-title": []``) are not variables."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        variable = ALIASES.get(key, key)
        if variable not in VARIABLES or variable in ("id", "custom"):
            continue
        if value in ("", [], {}) or (isinstance(value, list) and variable not in NAME_VARIABLES):
            continue
        out.setdefault(variable, _value(variable, value))
    return out


def _files(corpus: Path) -> list[Path]:
    files = sorted((corpus / "csljson").rglob("*.json"))
    assert files
    return files


def _bib(path: Path, dialect: str = "bibtex") -> str:
    bib = pubconv.load(str(path), strict=False)
    return pubconv.dumps(bib, "bibtex", options=WriteOptions(extra=(("bibtex.dialect", dialect),)))


@pytest.mark.corpus
def test_read_back_gives_the_same_csl_variables(corpus: Path) -> None:
    for path in _files(corpus):
        items = json.loads(path.read_text(encoding="utf-8"))
        back = json.loads(pubconv.dumps(pubconv.loads(_bib(path), "bibtex"), "csljson"))
        assert len(back) == len(items), path.name
        for before, after in zip(items, back, strict=True):
            assert csl_variables(after) == csl_variables(before), (path.name, before.get("id"))


@pytest.mark.corpus
@pytest.mark.interop
def test_classic_bibtex_reads_it_without_errors(corpus: Path, tmp_path: Path) -> None:
    bibtex = shutil.which("bibtex")
    if bibtex is None:
        pytest.skip("classic bibtex is not installed (apt: texlive-binaries)")
    for path in _files(corpus):
        (tmp_path / "x.bib").write_text(_bib(path), encoding="utf-8")
        (tmp_path / "x.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{x}\n")
        done = subprocess.run(
            [bibtex, "x"], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        log = done.stdout + done.stderr
        assert "error message" not in log, log
        assert done.returncode in (0, 1), log  # 1: warnings only
        undated = [
            i.get("id") for i in json.loads(path.read_text(encoding="utf-8")) if "issued" not in i
        ]
        empty_year = re.findall(r"Warning--empty year in (\S+)", log)
        # the only "empty year" left is for items that have no date at all
        assert len(empty_year) == len(undated), (path.name, empty_year, undated)


@pytest.mark.corpus
@pytest.mark.interop
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_biber_validates_it_without_errors(corpus: Path, tmp_path: Path, dialect: str) -> None:
    biber = shutil.which("biber")
    if biber is None:
        pytest.skip("biber is not installed")
    for path in _files(corpus):
        (tmp_path / "x.bib").write_text(_bib(path, dialect), encoding="utf-8")
        done = subprocess.run(
            [biber, "--tool", "--validate-datamodel", "x.bib"],
            cwd=tmp_path, capture_output=True, text=True, check=False,
        )  # fmt: skip
        errors = [line for line in done.stdout.splitlines() if "ERROR" in line]
        assert done.returncode == 0 and not errors, (path.name, errors)
