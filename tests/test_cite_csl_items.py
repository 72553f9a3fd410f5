"""``csl.to_csl`` gives a record read from CSL-JSON the item it was read from, decoded again
(``csl._as_read``), instead of building it from the model: the two must be the same item, key
order included, for every item the reader accepts; and a changed record is built anew."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pubconv import api
from pubconv.citation import csl
from pubconv.formats.csljson.mapping import publication_to_csl
from pubconv.model import Publication

EDGE_ITEMS: list[dict[str, Any]] = [
    {"id": 12, "type": "book", "title": "A numeric id", "volume": 3},
    {"type": "book", "title": "No id at all"},
    {"title": "Key order not canonical", "type": "article-journal", "id": "order"},
    {"id": "typed", "type": "book", "issued": {"date-parts": [["2014", 5]]}, "page": 12},
    {"id": "foreign", "type": "book", "custom": {"zotero": {"x": 1}}, "created": [1, 2]},
    {"id": "surrogate", "type": "book", "title": "half \ud800 a pair"},
    {"id": "repeated", "type": "book", "title": "first", "title ": "x", "note": "n"},
    {
        "id": "derived-edited",
        "type": "paper-conference",
        "title": "Hand-edited derived value",
        "event-title": "edited by hand",
        "custom": {"pubconv": {"derived": ["event-title"], "hints": [["bibtex.type", "misc"]]}},
    },
    {
        "id": "cased",
        "type": "paper-conference",
        "title": "Deep learning for images",
        "custom": {"pubconv": {"as-cased": {"title": "Deep Learning for Images"}}},
    },
    {"id": "names", "type": "book", "author": [{"family": "von Neumann", "given": "J."}]},
]


def _read(path: Path) -> list[Publication]:
    return api.load([str(path)], "csljson", strict=False).publications


def _check_same(pubs: list[Publication]) -> int:
    """Asserts the fast item equals the built one for each record; how many took the fast path."""
    fast = 0
    for pub in pubs:
        item = csl._as_read(pub)
        if item is None:
            continue
        fast += 1
        built = publication_to_csl(pub)
        assert item == built, pub.key
        assert list(item) == list(built), pub.key
    return fast


def test_edge_items_read_back_as_built(tmp_path: Path) -> None:
    path = tmp_path / "edge.json"
    text = json.dumps(EDGE_ITEMS, ensure_ascii=True).replace('"title ": "x"', '"title": "x"')
    path.write_text(text, encoding="utf-8")
    pubs = _read(path)
    assert len(pubs) == len(EDGE_ITEMS)
    assert _check_same(pubs) == len(pubs)


def test_project_fixtures_read_back_as_built(fixtures: Path) -> None:
    fast = sum(_check_same(_read(path)) for path in sorted(fixtures.rglob("*.json")))
    assert fast > 0


def test_corpus_items_read_back_as_built(corpus: Path, tmp_path: Path) -> None:
    fast = sum(_check_same(_read(path)) for path in sorted((corpus / "csljson").rglob("*.json")))
    # BibTeX entries written as CSL-JSON (as-cased titles, derived and inherited variables)
    from cite_agreement import corpus_items

    path = tmp_path / "plume.json"
    path.write_text(json.dumps(corpus_items(corpus / "bibtex" / "plume-bib-perf", 400)))
    fast += _check_same(_read(path))
    assert fast >= 400


def test_a_changed_record_is_built_again(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(EDGE_ITEMS[:1]), encoding="utf-8")
    (pub,) = _read(path)
    assert csl.to_csl([pub]) == [EDGE_ITEMS[0]]
    hinted = pub.with_hint("csl.titles", "as-written")
    assert csl._as_read(hinted) is None
    assert csl.to_csl([hinted]) == [publication_to_csl(hinted)]


@pytest.mark.parametrize("keys", [["a", "b", "c"], ["a", "a", "b"]])
def test_render_cv_maps_entries_back_with_and_without_repeated_keys(keys: list[str]) -> None:
    from pubconv.citation import cv

    pubs = [Publication(k, title=f"Title {n}", type="book") for n, k in enumerate(keys)]

    def renderer(ordered: Any, *args: Any, **kwargs: Any) -> list[Any]:
        from pubconv.citation.entries import RenderedEntry

        return [RenderedEntry(p.key, str(p.title)) for p in reversed(list(ordered))]

    out = cv.render_cv(pubs, renderer=renderer)
    assert out == "Title 2\nTitle 1\nTitle 0\n"
