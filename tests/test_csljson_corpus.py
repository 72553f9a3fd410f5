"""CSL-JSON on real data (the shared corpus) and against pandoc, an independent reader."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest

import pubconv
from conftest import require_tool
from corpus_sets import bib_sets
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Publication
from pubconv.registry import Source, WriteOptions

FORMAT = REGISTRY.get("csljson")
assert FORMAT.read is not None and FORMAT.write is not None
read, write = FORMAT.read, FORMAT.write


def _csl_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "csljson").rglob("*.json"))


def _forget_origin(bib: Bibliography) -> Bibliography:
    """The same blocks with no raw text to fall back on, so the mapping alone must be exact."""
    blocks = [
        dataclasses.replace(b, origin=None) if isinstance(b, Publication) else b for b in bib.blocks
    ]
    return Bibliography(blocks, list(bib.diagnostics), bib.source_format)


@pytest.mark.corpus
def test_corpus_csljson_round_trips_every_item_and_key(corpus: Path) -> None:
    files = _csl_files(corpus)
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        original = json.loads(text)
        bib = read([Source(text, str(path))])
        assert not bib.errors, (path, [str(d) for d in bib.errors])
        assert len(bib.publications) == len(original), path
        assert all(d.line is not None and d.path == str(path) for d in bib.diagnostics)
        for written in (write(bib, WriteOptions()), write(_forget_origin(bib), WriteOptions())):
            items = json.loads(written)
            assert items == original, path
            assert [list(i) for i in items] == [list(i) for i in original], path


@pytest.mark.corpus
def test_corpus_csljson_non_csl_keys_reach_the_model(corpus: Path) -> None:
    path = corpus / "csljson" / "deep-review" / "manual-references.at-103b006-2018-01-16.json"
    if not path.exists():
        pytest.skip("older deep-review file not in the corpus")
    bib = read([Source(path.read_text(encoding="utf-8"), str(path))])
    original = json.loads(path.read_text(encoding="utf-8"))
    for pub, item in zip(bib.publications, original, strict=True):
        assert pub.get_extra("standard_citation") == item["standard_citation"]
        assert pub.title == item["title"]


def _pandoc_items(text: str) -> list[dict[str, object]]:
    pandoc = require_tool("pandoc")
    run = subprocess.run(
        [pandoc, "-f", "csljson", "-t", "csljson"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    items: list[dict[str, object]] = json.loads(run.stdout)
    return items


@pytest.mark.interop
def test_pandoc_reads_our_csljson(fixtures: Path) -> None:
    sample = pubconv.load(str(fixtures / "csljson" / "sample.json"))
    made = Bibliography.of(
        [
            *[dataclasses.replace(p, origin=None) for p in sample.publications],
            Publication(
                key="bibish",
                type="thesis",
                title='With <span class="nocase">SAM</span> & $x^2$',
                extra=(("school-type", "PhD"), ("crossref", "proc24")),
                hints=(("bibtex.type", "phdthesis"),),
                award="Best Paper",
            ),
        ]
    )
    text = write(made, WriteOptions())
    items = _pandoc_items(text)
    assert [i["id"] for i in items] == [p.key for p in made.publications]


@pytest.mark.interop
@pytest.mark.corpus
@pytest.mark.parametrize("name", ["alfolio-3c-lab", "iridia-references", "plume-bib-perf"])
def test_pandoc_reads_our_csljson_from_the_bib_corpus(corpus: Path, name: str) -> None:
    bib = pubconv.load([str(f) for f in bib_sets(corpus)[name]], strict=False)
    text = pubconv.dumps(bib, "csljson")
    items = _pandoc_items(text)
    assert len(items) == len({p.key for p in bib.publications})
