"""Writing a page from richer records warns, entry by entry, about what the page cannot show."""

from __future__ import annotations

from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main
from pubconv.model import PartialDate, Publication
from pubconv.registry import WriteOptions


def test_losses_name_each_field_a_page_cannot_show(fixtures: Path) -> None:
    bib = pubconv.load(str(fixtures / "example" / "lab.bib"))
    # laid out like a page (a page from scratch links the DOI: tests/test_cli_trial.py)
    like = WriteOptions(like=pubconv.load(str(fixtures / "example" / "publications.md")))
    notes = {d.key: d for d in pubconv.api.losses(bib, "jekyll", options=like)}
    first = notes["deng2024unsupervised"]
    assert first.path and first.path.endswith("lab.bib") and first.line == 7
    assert "doi" in first.message and "volume" in first.message
    assert "field crossref" in notes["liu2024pqsam"].message
    assert pubconv.api.losses(bib, "bibtex") == []


def test_a_page_record_loses_nothing_on_a_page() -> None:
    pub = Publication(
        key="a24",
        type="paper-conference",
        title="T",
        container_title="Conference on Things",
        container_short="CoT",
        issued=PartialDate(2024),
    )
    assert pubconv.api.losses(pubconv.Bibliography(blocks=[pub]), "jekyll") == []


def test_bib2md_warns_on_stderr_and_still_writes(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.md"
    assert main(["bib2md", str(fixtures / "example" / "lab.bib"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "lab.bib:7:1: warning: deng2024unsupervised: jekyll output does not show" in err
    # every paper is on the page; the @proceedings only there as PQ-SAM's crossref is not
    assert out.read_text(encoding="utf-8").count("<pub>") == (
        len(pubconv.load(str(fixtures / "example" / "lab.bib")).publications) - 1
    )
