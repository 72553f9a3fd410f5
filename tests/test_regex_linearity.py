"""No regular expression of pubconv is super-linear on adversarial input (see ``regex_linearity.py``).

The sweep runs in a child process with a timeout, so an exponential pattern fails the test
instead of hanging it; growth is judged by the ratio of times for 4x the input, not by a time.
Patterns only matched at a caller's position (``ANCHORED``) are checked through their callers
below: the BibTeX scanner, LaTeX math, publist venues, the Jekyll entry toggle and abstract,
Hugo author slugs, glued name particles, page numbers and sentence case.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import pubconv
from pubconv.formats.bibtex import latex, latexencode
from regex_linearity import ANCHORED, GROWTH_LIMIT

HERE = Path(__file__).resolve().parent


def test_every_regex_in_src_is_linear() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent / "src"), str(HERE)])}
    done = subprocess.run(
        [sys.executable, str(HERE / "regex_linearity.py")],
        capture_output=True,
        env=env,
        timeout=300,  # hang guard for an exponential pattern
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    report = json.loads(done.stdout)
    assert report["checked"] > 30, report  # the sweep found the patterns
    assert sorted(report["anchored"]) == sorted(ANCHORED), "stale ANCHORED entry"
    assert report["super_linear"] == [], json.dumps(report["super_linear"], indent=1)


def _linear(job: Callable[[int], object], small: int = 5000) -> bool:
    """True when ``job(4 * small)`` takes under :data:`GROWTH_LIMIT` times ``job(small)``
    (best of three each), or too little time to tell (under 0.1 s: a quadratic job would take
    seconds at these sizes)."""

    def best(n: int) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            job(n)
            times.append(time.perf_counter() - start)
        return min(times)

    large = best(4 * small)
    return large < 0.1 or large / max(best(small), 1e-4) < GROWTH_LIMIT


@pytest.mark.parametrize(
    "text",
    ["\\(", "\\[ ", "\\$", "$\\$", "$$ x"],
    ids=["paren-openers", "bracket-openers", "escaped-dollars", "dollar-then-escaped", "display"],
)
def test_latex_math_scans_are_linear_in_their_callers(text: str) -> None:
    assert _linear(lambda n: latex.decode(text * n))
    assert _linear(lambda n: latexencode.encode(text * n))


def test_long_white_space_in_an_author_list_is_linear() -> None:
    def read(n: int) -> object:
        return pubconv.loads("@misc{k, author={A" + " " * (10 * n) + "B}}", "bib")

    assert _linear(read)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "@misc{" + " " * n + "k, title={x}}",  # before a key
        lambda n: "@string{" + " " * n + "a = {b}}",  # before a @string name
        lambda n: "@misc{k," + " " * n + "title = {x}}",  # before a field name
        lambda n: "@misc{k, " + "a" * n + " {x}}",  # a name run that is not a field
        lambda n: "@misc{k, title = {" + "{" * 3 + "x" * n + "}" * 3 + "}}",  # one braced group
        lambda n: "@misc{k, title = {x}," + "\r\n" * n + "}",  # before the closing brace
    ],
    ids=["key", "string-name", "field", "name-run", "one-group", "entry-end"],
)
def test_bibtex_scanner_patterns_are_linear_in_their_callers(make: Callable[[int], str]) -> None:
    assert _linear(lambda n: pubconv.loads(make(n), "bib", strict=False))


@pytest.mark.parametrize(
    "text",
    [",", ", ", "(", "(a) "],
    ids=["commas", "spaces", "parens", "short-venues"],
)
def test_publist_venue_patterns_are_linear_in_their_caller(text: str) -> None:
    from pubconv.formats.publist.mapping import parse_display

    assert _linear(lambda n: parse_display(text * n + "(2020)"))


def _page(entry_tail: str) -> str:
    return '---\ntitle: "P"\n---\n\n**T** <br>\n_Ana Ruiz_ <br>\n' + entry_tail + "\n"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: _page("<a onclick='" + "x" * n + "> Abstract </a>"),  # toggle, quote never closed
        lambda n: _page("<a onclick='e'>" + "a " * n + "<a>"),  # toggle label that never closes
        lambda n: _page(
            "<a onclick='expandABS(\"x\")'> Abstract </a>\n\n"
            '<div style="display: none;" class=abs id="x"><br>\n' + "a b " * n + "\n<div>"
        ),  # an abstract whose </div> is typed as <div>
        lambda n: _page(
            "<a onclick='expandABS(\"x\")'> Abstract </a>\n\n"
            '<div style="display: none;" class=abs id="' + "x" * n + "\n</div>"
        ),  # an id whose quote never closes
    ],
    ids=["toggle-quote", "toggle-label", "abstract-close", "abstract-id"],
)
def test_jekyll_entry_patterns_are_linear_in_their_reader(make: Callable[[int], str]) -> None:
    assert _linear(lambda n: pubconv.loads(make(n), "jekyll", strict=False))


@pytest.mark.parametrize("text", ["a-", "a--", "-a"], ids=["pairs", "double-hyphens", "leading"])
def test_hugo_author_slug_is_linear_in_its_caller(text: str) -> None:
    from pubconv.formats.hugo.mapping import is_slug

    assert _linear(lambda n: [is_slug(text * n + "A") for _ in range(20)])


@pytest.mark.parametrize("family", ["a", "a-", "ab-c "], ids=["letters", "hyphens", "words"])
def test_glued_particle_is_linear_in_its_caller(family: str) -> None:
    from pubconv.citation.csl import _split_particle

    assert _linear(lambda n: _split_particle({"family": family * n + "x"}))


@pytest.mark.parametrize("text", ["1", "a1", "1a"], ids=["digits", "pairs", "reversed"])
def test_page_number_pattern_is_linear_in_its_caller(text: str) -> None:
    from pubconv.citation.fixes.pages import last_page

    assert _linear(lambda n: last_page(text * n + "x", text * n + "y", "minimal"))


@pytest.mark.parametrize(
    "text",
    [" ", "Ab ", "-", "!", "A", "ab:", "<b>", "$"],
    ids=["spaces", "words", "hyphens", "marks", "one-word", "colons", "tags", "dollars"],
)
def test_sentence_case_is_linear_in_its_caller(text: str) -> None:
    from pubconv.formats.bibtex.sentence import to_sentence_case

    assert _linear(lambda n: to_sentence_case(text * n))
    assert _linear(lambda n: to_sentence_case("Title " + text * n + "A"))
