"""An existing `.bib` key for the same paper always wins over a generated one."""

from __future__ import annotations

from pathlib import Path

import pubconv
from pubconv.cli import main
from pubconv.keys import adopt_keys, same_paper
from pubconv.model import Bibliography, PartialDate, Publication


def _pub(key: str, title: str, year: int | None = 2024, doi: str | None = None) -> Publication:
    return Publication(key=key, title=title, issued=PartialDate(year) if year else None, doi=doi)


def test_same_paper_by_doi_or_folded_title_and_year() -> None:
    a = _pub("a", "PQ-SAM: Post-training Quantization", doi="10.1/X")
    assert same_paper(a, _pub("b", "other title", doi="10.1/x"))
    assert not same_paper(a, _pub("b", a.title or "", doi="10.1/y"))
    assert same_paper(_pub("a", "Déjà <i>vu</i>: Nets!"), _pub("b", "deja vu nets", year=None))
    assert not same_paper(_pub("a", "Same"), _pub("b", "Same", year=2023))


def test_adopt_keys_reuses_each_existing_key_once() -> None:
    page = Bibliography(
        blocks=[
            _pub("liu2024pqsam", "PQ-SAM: Quantization"),
            _pub("liu2024pqsama", "PQ-SAM: Quantization"),
            _pub("deng2024new", "A New Paper"),
        ]
    )
    lab = [_pub("Liu:PQSAM", "PQ-SAM — quantization"), _pub("Other2020", "Unrelated", 2020)]
    keys = [p.key for p in adopt_keys(page, lab).publications]
    assert keys == ["Liu:PQSAM", "liu2024pqsama", "deng2024new"]


def test_adopt_keys_never_creates_a_duplicate_key() -> None:
    page = Bibliography(blocks=[_pub("x1", "Alpha"), _pub("taken", "Beta")])
    lab = [_pub("taken", "Alpha")]
    assert [p.key for p in adopt_keys(page, lab).publications] == ["x1", "taken"]


def test_md2bib_keeps_the_keys_of_an_existing_output(fixtures: Path, tmp_path: Path) -> None:
    page = str(fixtures / "jekyll" / "house.md")
    out = tmp_path / "lab.bib"
    assert main(["md2bib", page, "-o", str(out)]) == 0
    first = pubconv.load(str(out)).publications[0].key
    out.write_text(out.read_text(encoding="utf-8").replace(f"{{{first},", "{Lab:Kept,", 1))
    assert main(["md2bib", page, "-o", str(out)]) == 0
    keys = [p.key for p in pubconv.load(str(out)).publications]
    assert keys[0] == "Lab:Kept" and first not in keys
    other = tmp_path / "other.bib"
    assert main(["md2bib", page, "-o", str(other), "--keys", str(out)]) == 0
    assert pubconv.load(str(other)).publications[0].key == "Lab:Kept"
