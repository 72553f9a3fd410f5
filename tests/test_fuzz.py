"""Fuzzing every reader within a fixed budget (see ``fuzzing.py`` for what is checked).

Random bytes, random text and structured mutations of the project's fixtures run under
Hypothesis (derandomized in CI, ``HYPOTHESIS_PROFILE=explore`` for random runs); mutations of
real corpus records run from a fixed seed.  Long coverage-guided runs: ``fuzz/README.md``.
Every crash found so far is a case in ``fixtures/bad/`` or a test below.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pubconv
from fuzzing import READERS, SUFFIX, check_read, mutate, seeds

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = seeds(FIXTURES)
BUDGET = settings(max_examples=150, deadline=None)
"""About a second or two per reader on an idle machine."""


@pytest.mark.parametrize("reader", READERS)
@BUDGET
@given(data=st.binary(max_size=2000))
def test_random_bytes(reader: str, data: bytes) -> None:
    check_read(data, reader)


@pytest.mark.parametrize("reader", READERS)
@BUDGET
@given(text=st.text(max_size=1500))
def test_random_text(reader: str, text: str) -> None:
    check_read(text.encode("utf-8"), reader)


@pytest.mark.parametrize("reader", READERS)
@BUDGET
@given(seed=st.integers(0, 2**32 - 1), index=st.integers(0, 99), steps=st.integers(1, 8))
def test_mutated_fixtures(reader: str, seed: int, index: int, steps: int) -> None:
    pool = SEEDS[reader]
    text = mutate(pool[index % len(pool)], random.Random(seed), steps)
    check_read(text.encode("utf-8", "surrogatepass"), reader)


def _corpus_records(corpus: Path, reader: str) -> list[str]:
    """Pieces of real files: the first records of a few files per format."""
    folders = {
        "bibtex": corpus / "bibtex",
        "csljson": corpus / "csljson",
        "jekyll": corpus / "jekyll-seedlab",
    }
    files = sorted(folders[reader].rglob(f"*{SUFFIX[reader]}"))[:12]
    return [f.read_text(encoding="utf-8", errors="replace")[:5000] for f in files]


@pytest.mark.corpus
@pytest.mark.parametrize("reader", READERS)
def test_mutated_corpus_records(corpus: Path, reader: str) -> None:
    records = _corpus_records(corpus, reader)
    assert records, f"no {reader} files in the corpus"
    rng = random.Random(20261130)
    for _ in range(150):
        text = mutate(rng.choice(records), rng, rng.randrange(1, 8))
        check_read(text.encode("utf-8", "surrogatepass"), reader)


# --- crashes the fuzzers found, kept as regressions --------------------------------------------


@pytest.mark.parametrize("page", ["<!--\rn", "<!--\r>", "a\u2028<!-- x\u2029 -->\n**T** <br>\n"])
def test_line_breaks_inside_a_comment_keep_the_page_lines_aligned(page: str) -> None:
    pubconv.loads(page, "jekyll", strict=False)  # was IndexError


def test_yaml_errors_are_one_line() -> None:
    bib = pubconv.loads("---\n\ud800\n---\n", "jekyll", strict=False)
    assert bib.diagnostics and all("\n" not in str(d) for d in bib.diagnostics)


def test_parser_excerpts_with_line_breaks_print_on_one_line() -> None:
    bib = pubconv.loads("@article{k,\n a \\& \nb }\n", "bib", strict=False)
    assert bib.errors and all("\n" not in str(d) for d in bib.diagnostics)
