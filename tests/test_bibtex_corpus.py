"""The BibTeX format against the real corpus (issue 2, items 2 and 4), one pass per set.

Each set under ``corpus/bibtex`` is read as the database it is (see ``corpus_sets``).  Expected
counts come from bibtexparser's splitter: the entries it accepts plus those it sets aside only for
a repeated field or a repeated key (which BibTeX reads with a warning).

pandoc 2.17 rejects a whole input holding ``@inproceedings( ... )`` or plume-bib's three-part
``@string{X = "a" = "b"}``; byte-identical write-back keeps those as written, so the interop
tests feed the tools our *re-encoded* output (every entry written from the model, in braces).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import subprocess
from pathlib import Path

import pytest
from bibtexparser import model as bp
from bibtexparser.splitter import Splitter

import pubconv
from conftest import require_tool
from corpus_sets import bib_sets, every_bib_file
from pubconv.formats.bibtex import page_fields
from pubconv.model import Bibliography, Block, Comment, Publication, StringDef

pytestmark = pytest.mark.corpus


def _expected_entries(files: list[Path]) -> int:
    count = 0
    for path in files:
        for block in Splitter(path.read_text(encoding="utf-8")).split().blocks:
            while isinstance(block, bp.DuplicateBlockKeyBlock | bp.DuplicateFieldKeyBlock):
                block = block.ignore_error_block
            count += isinstance(block, bp.Entry)
    return count


@functools.cache
def _load(corpus: Path, name: str) -> Bibliography:
    return pubconv.load([str(p) for p in bib_sets(corpus)[name]], "bibtex", strict=False)


def _set_names(corpus: Path) -> list[str]:
    return sorted(bib_sets(corpus))


def _names(pub: Publication) -> list[str]:
    return [
        n
        for n in (pub.get_hint("bibtex.fields") or "").split()
        if n.lower() not in page_fields.FIELD_NAMES
    ]


def _fresh(bib: Bibliography) -> Bibliography:
    """Entries and macros without their origin: the writer must rebuild them from the model."""
    blocks = [
        dataclasses.replace(b, origin=None) if isinstance(b, Publication | StringDef) else b
        for b in bib.blocks
    ]
    return Bibliography(blocks, [], bib.source_format)


def test_every_set_reads_without_errors_one_item_per_entry(corpus: Path) -> None:
    for name in _set_names(corpus):
        bib = _load(corpus, name)
        assert bib.errors == [], (name, [str(d) for d in bib.errors[:5]])
        assert len(bib) == _expected_entries(bib_sets(corpus)[name]), name
        for diagnostic in bib.diagnostics:
            assert diagnostic.path and diagnostic.line and diagnostic.column, str(diagnostic)


def test_plume_repeated_fields_are_items_with_warnings(corpus: Path) -> None:
    bib = _load(corpus, "plume-bib-perf")
    repeated = {d.key for d in bib.warnings if d.message.startswith("repeated field")}
    assert len(repeated) == 20
    keys = set(bib.by_key())
    assert repeated <= keys


def test_every_file_is_written_back_byte_identical(corpus: Path) -> None:
    for path in every_bib_file(corpus):
        text = path.read_text(encoding="utf-8")
        bib = pubconv.loads(text, "bibtex", path=str(path), strict=False)
        assert pubconv.dumps(bib, "bibtex") == text, path


def test_bib_to_bib_rebuilt_from_the_model_keeps_every_entry_field_and_value(
    corpus: Path,
) -> None:
    for name in _set_names(corpus):
        bib = _load(corpus, name)
        text = pubconv.dumps(_fresh(bib), "bibtex")
        back = pubconv.loads(text, "bibtex", strict=False)
        assert back.errors == [], (name, [str(d) for d in back.errors[:3]])
        assert len(back) == len(bib)
        for before, after in zip(bib.publications, back.publications, strict=True):
            assert after == before, (name, before.key)
            assert after.get_hint("bibtex.type") == before.get_hint("bibtex.type")
            # page_fields may carry a link in ``links`` rather than ``pdf`` (e.g. a file name
            # with spaces); the model is equal, the other field names must be as written
            assert _names(after) == _names(before), (name, before.key)


def test_bib_to_csljson_to_bib_keeps_every_field(corpus: Path) -> None:
    for name in _set_names(corpus):
        bib = _load(corpus, name)
        through = pubconv.loads(pubconv.dumps(bib, "csljson"), "csljson", strict=False)
        back = pubconv.loads(pubconv.dumps(through, "bibtex"), "bibtex", strict=False)
        assert len(back) == len(bib), name
        for before, after in zip(bib.publications, back.publications, strict=True):
            assert after == before, (name, before.key)


def _without_paren_keys(bib: Bibliography, limit: int | None = None) -> Bibliography:
    """``bib`` without the entries whose key holds ``(`` (plume-bib's one DOI-URL key,
    ``https://doi.org/10.1002/(SICI)...``, which the reader warns about: BibTeX, biber and
    pandoc reject it), and with at most ``limit`` publications."""
    kept: list[Block] = []
    count = 0
    for block in bib.blocks:
        if isinstance(block, Publication):
            if "(" in block.key or ")" in block.key or (limit is not None and count >= limit):
                continue
            count += 1
        kept.append(block)
    return Bibliography(kept, [], bib.source_format)


@pytest.mark.interop
def test_pybtex_parses_our_bib(corpus: Path, tmp_path: Path) -> None:
    import pybtex.errors
    from pybtex.database import parse_file
    from pybtex.database.input.bibtex import DuplicateField

    for name in _set_names(corpus):
        bib = _load(corpus, name)
        if len({p.key.lower() for p in bib.publications}) != len(bib):
            continue  # pybtex refuses repeated keys outright; BibTeX warns
        # comments are the source's own text, e.g. plume-bib's `% @Comment LocalWords: ...`
        # lines, which pybtex (unlike BibTeX) reads as a broken command: leave them out
        fresh = _fresh(bib)
        fresh.blocks = [b for b in fresh.blocks if not isinstance(b, Comment)]
        path = tmp_path / f"{name}.bib"
        path.write_text(pubconv.dumps(fresh, "bibtex"), encoding="utf-8")
        with pybtex.errors.capture() as problems:
            data = parse_file(str(path), bib_format="bibtex")
        # the only complaints allowed are the repeated fields the source itself has
        repeats = {d.key for d in bib.warnings if d.message.startswith("repeated field")}
        for problem in problems:
            assert isinstance(problem, DuplicateField), (name, str(problem))
            assert any(f"key {key} " in str(problem) for key in repeats), str(problem)
        assert len(data.entries) == len(bib), name


@pytest.mark.interop
def test_pandoc_reads_our_bib_with_the_same_count(corpus: Path, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    for name in _set_names(corpus):
        bib = _without_paren_keys(_fresh(_load(corpus, name)))
        path = tmp_path / f"{name}.bib"
        path.write_text(pubconv.dumps(bib, "bibtex"), encoding="utf-8")
        result = subprocess.run(
            [pandoc, "-f", "biblatex", "-t", "csljson", str(path)],
            capture_output=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, (name, result.stderr[-2000:])
        items = json.loads(result.stdout)
        assert len(items) == len({p.key for p in bib.publications}), name


@pytest.mark.interop
def test_biber_validates_our_bib_without_errors(corpus: Path, tmp_path: Path) -> None:
    biber = require_tool("biber")
    for name in _set_names(corpus):
        # biber takes about 5 ms per entry: the first 400 entries of each set (all macros)
        path = tmp_path / f"{name}.bib"
        sample = _without_paren_keys(_fresh(_load(corpus, name)), limit=400)
        path.write_text(pubconv.dumps(sample, "bibtex"), encoding="utf-8")
        result = subprocess.run(
            [
                biber,
                "--tool",
                "--validate-datamodel",
                "--output-file",
                str(tmp_path / f"{name}.out.bib"),
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            cwd=tmp_path,
        )
        errors = [line for line in result.stdout.splitlines() if re.match(r"ERROR", line)]
        assert result.returncode == 0 and errors == [], (name, errors[:5], result.stderr[-500:])
