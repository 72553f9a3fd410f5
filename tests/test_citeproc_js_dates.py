"""Dates, date ranges and seasons agree with citeproc-js (npm ``citeproc``) on the same locale
files, in localized (``form="text"``/``"numeric"``, ``date-parts``) and non-localized formats.

Left out, where the two differ on purpose: years before 1000 (the specification appends the
"ad" term to "positive years of less than four digits", citeproc-js does not), ranges whose
two ends are equal (citeproc-js prints ``January 1–1, 2001``; pubconv and pandoc one date),
ranges of several parts joined by a ``cs:date`` delimiter (citeproc-js loses the delimiter in
the second date, ``30/11/01–020102``), seasons written as months 21-24 (citeproc-js leaves
them out of numeric month forms, though it prints a ``season`` there, as pubconv prints both)
and literal dates (citeproc-js adds the year's suffix, ``Spring 2001年``).  See
docs/csl-suite.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import require_tool

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import normalise
from citeproc_js import citeproc_js_entries, node_modules
from csl_styles import style
from pubconv.citation.engine import render_csl

LOCALES = ("en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "pt-BR", "ru-RU", "ja-JP", "nl-NL")
LAYOUT = (
    '<group delimiter=" | ">'
    '<date variable="issued" form="text"/>'
    '<date variable="issued" form="numeric"/>'
    '<date variable="issued" form="text" date-parts="year-month"/>'
    '<date variable="issued" form="numeric" date-parts="year"/>'
    '<date variable="issued">'
    '<date-part name="month" form="short" strip-periods="true" suffix=" "/>'
    '<date-part name="day" form="ordinal" suffix=" "/><date-part name="year"/></date>'
    '<date variable="issued">'
    '<date-part name="year"/><date-part name="month" prefix="-" form="numeric"/></date>'
    "</group>"
)
DATES: tuple[dict[str, Any], ...] = (
    {"date-parts": [[2001]]},
    {"date-parts": [[2001, 3]]},
    {"date-parts": [[2001, 3, 5]]},
    {"date-parts": [[2001, 3, 5], [2001, 3, 9]]},
    {"date-parts": [[2001, 3, 5], [2001, 5, 9]]},
    {"date-parts": [[2001, 3], [2001, 5]]},
    {"date-parts": [[2001, 11, 30], [2002, 1, 2]]},
    {"date-parts": [[1999], [2001]]},
    {"date-parts": [[2001, 2, 1], [2001, 2, 28]]},
    {"date-parts": [[2001]], "season": 2},
    {"raw": "2001-03-05"},
)


@pytest.mark.interop
def test_dates_agree_with_citeproc_js(tmp_path: Path) -> None:
    require_tool("node")
    if node_modules() is None:
        pytest.skip("the npm package citeproc is not installed globally (npm install -g citeproc)")
    items = [{"id": f"{n:03}", "type": "book", "issued": d} for n, d in enumerate(DATES)]
    keys = [i["id"] for i in items]
    path = style(tmp_path, LAYOUT)
    differ = []
    for locale in LOCALES:
        theirs = citeproc_js_entries(items, path, locale)
        for entry in render_csl(items, keys, str(path), locale, "text", cache=False, jobs=1):
            ours = normalise(entry.text)
            if ours != theirs.get(entry.key):
                differ.append(f"{locale} {entry.key}: {theirs.get(entry.key)!r} / {ours!r}")
    assert not differ, "citeproc-js / pubconv:\n" + "\n".join(differ)
