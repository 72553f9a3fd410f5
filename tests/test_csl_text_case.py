"""CSL 1.0.2 "Text-case": "lowercase", "uppercase", "capitalize-first" ("capitalizes the first
character of the first word, if the word is lowercase") and "capitalize-all" ("capitalizes the
first character of every lowercase word"); hyphenated parts are words, as the title-case rule
says ("hyphenated word parts are treated as distinct words"), and text in a ``nocase`` span
keeps its case."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style


def _cased(tmp_path: Path, text_case: str, title: str) -> str:
    layout = f'<text variable="title" text-case="{text_case}"/>'
    path = style(tmp_path, layout, name=text_case)
    return render(path, [{"id": "a", "type": "book", "title": title}])[0]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("x-ray diffraction in iPhone apps", "X-Ray Diffraction In iPhone Apps"),
        ("one-to-one mapping in the 21st century", "One-To-One Mapping In The 21st Century"),
        ("(volume two) of NASA data", "(Volume Two) Of NASA Data"),
    ],
)
def test_capitalize_all_leaves_words_that_are_not_lowercase(
    tmp_path: Path, title: str, expected: str
) -> None:
    assert _cased(tmp_path, "capitalize-all", title) == expected


def test_capitalize_first_only_a_lowercase_first_word(tmp_path: Path) -> None:
    assert _cased(tmp_path, "capitalize-first", "iPhone apps in use") == "iPhone apps in use"
    assert _cased(tmp_path, "capitalize-first", "apps in use") == "Apps in use"


@pytest.mark.parametrize(
    ("text_case", "expected"),
    [
        ("lowercase", "using pH to measure acidity"),
        ("uppercase", "USING pH TO MEASURE ACIDITY"),
        ("capitalize-all", "Using pH To Measure Acidity"),
        ("capitalize-first", "Using pH to measure acidity"),
    ],
)
def test_nocase_spans_keep_their_case(tmp_path: Path, text_case: str, expected: str) -> None:
    title = 'using <span class="nocase">pH</span> to measure acidity'
    assert _cased(tmp_path, text_case, title) == expected
