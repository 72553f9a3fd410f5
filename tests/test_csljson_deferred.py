"""``cite`` reads CSL-JSON with ``csl.as-written`` deferred (:func:`asread.deferred_as_written`):
the records, their diagnostics and every CSL item :func:`publication_to_csl` gives for them, as
read or changed afterwards, are those of the eager read, key order included."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pubconv import api
from pubconv.formats.csljson import asread, mapping
from pubconv.model import Bibliography, Publication
from test_cite_csl_items import EDGE_ITEMS

_WRITTEN = mapping.HINT_AS_WRITTEN


def _load(path: Path, deferred: bool) -> Bibliography:
    if not deferred:
        return api.load([str(path)], "csljson", strict=False)
    with asread.deferred_as_written():
        return api.load([str(path)], "csljson", strict=False)


def _changed(pub: Publication) -> list[Publication]:
    """Records a ``cite`` run may make from ``pub`` (they keep its hints and origin)."""
    return [
        pub,
        pub.with_hint("csl.titles", "as-written"),
        dataclasses.replace(pub, title="An edited title"),
        dataclasses.replace(pub, volume=None, pages="1-2"),
    ]


def _compare(path: Path) -> int:
    """Asserts a deferred read of ``path`` is the eager one; how many records had the hint
    deferred."""
    eager, deferred = _load(path, False), _load(path, True)
    assert [str(d) for d in deferred.diagnostics] == [str(d) for d in eager.diagnostics]
    assert len(deferred.publications) == len(eager.publications)
    count = 0
    for one, other in zip(eager.publications, deferred.publications, strict=True):
        assert other == one
        assert other.get_hint(_WRITTEN) in (asread.AS_WRITTEN_FROM_ORIGIN, one.get_hint(_WRITTEN))
        assert [h for h in other.hints if h[0] != _WRITTEN] == [
            h for h in one.hints if h[0] != _WRITTEN
        ]
        count += other.get_hint(_WRITTEN) == asread.AS_WRITTEN_FROM_ORIGIN
        for a, b in zip(_changed(one), _changed(other), strict=True):
            built, late = mapping.publication_to_csl(a), mapping.publication_to_csl(b)
            assert late == built, one.key
            assert list(late) == list(built), one.key
    return count


def test_edge_items(tmp_path: Path) -> None:
    path = tmp_path / "edge.json"
    text = json.dumps(EDGE_ITEMS, ensure_ascii=True).replace('"title ": "x"', '"title": "x"')
    path.write_text(text, encoding="utf-8")
    assert _compare(path) == len(EDGE_ITEMS)
    # some of these differ from the model's own item: the eager read stores the differences
    eager = _load(path, False).publications
    assert sum(p.get_hint(_WRITTEN) is not None for p in eager) >= 3


def test_an_item_naming_the_hint_itself_is_read_eagerly(tmp_path: Path) -> None:
    item = {
        "id": "k",
        "type": "book",
        "volume": 3,
        "custom": {"pubconv": {"hints": [[_WRITTEN, '{"volume": {"from": "3", "was": 4}}']]}},
    }
    path = tmp_path / "own.json"
    path.write_text(json.dumps([item, {**item, "id": "j", "volume": "3"}]), encoding="utf-8")
    assert _compare(path) == 0


def test_project_fixtures(fixtures: Path) -> None:
    assert sum(_compare(path) for path in sorted(fixtures.rglob("*.json"))) > 0


def test_corpus(corpus: Path, tmp_path: Path) -> None:
    count = sum(_compare(path) for path in sorted((corpus / "csljson").rglob("*.json")))
    from cite_agreement import corpus_items

    path = tmp_path / "plume.json"
    path.write_text(json.dumps(corpus_items(corpus / "bibtex" / "plume-bib-perf", 300)))
    assert count + _compare(path) >= 300


def test_only_inside_the_context(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(EDGE_ITEMS[3:4]), encoding="utf-8")
    with asread.deferred_as_written():
        assert asread.as_written_deferred()
        (inside,) = _load(path, False).publications
    assert not asread.as_written_deferred()
    (outside,) = _load(path, False).publications
    assert inside.get_hint(_WRITTEN) == asread.AS_WRITTEN_FROM_ORIGIN
    assert json.loads(outside.get_hint(_WRITTEN) or "{}")  # the eager differences


def test_a_deferred_record_without_its_origin_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(EDGE_ITEMS[3:4]), encoding="utf-8")
    (pub,) = _load(path, True).publications
    with pytest.raises(ValueError, match="no CSL-JSON origin"):
        mapping.publication_to_csl(dataclasses.replace(pub, origin=None))


def test_to_csl_takes_the_items_the_reader_kept(fixtures: Path, tmp_path: Path) -> None:
    """``to_csl`` of a deferred read gives the items an eager read gives (decoded again), the
    first time from what the reader kept, then (nothing kept) decoded again."""
    from pubconv.citation import csl

    path = tmp_path / "edge.json"
    text = json.dumps(EDGE_ITEMS, ensure_ascii=True).replace('"title ": "x"', '"title": "x"')
    path.write_text(text, encoding="utf-8")
    for source in [path, *sorted(fixtures.rglob("*.json"))]:
        eager = csl.to_csl(_load(source, False).publications)
        pubs = _load(source, True).publications
        kept = [asread._KEPT.get(id(p.origin)) for p in pubs]
        assert all(k is not None and k[0] is p.origin for k, p in zip(kept, pubs, strict=True))
        first = csl.to_csl(pubs)
        assert [id(item) for item in first] == [id(k[1]) for k in kept if k is not None]
        assert first == eager
        assert [list(item) for item in first] == [list(item) for item in eager]
        assert not any(id(p.origin) in asread._KEPT for p in pubs)
        again = csl.to_csl(pubs)
        assert again == eager and all(a is not b for a, b in zip(again, first, strict=True))


def test_a_kept_item_is_only_handed_to_its_own_origin(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(EDGE_ITEMS[:2]), encoding="utf-8")
    pubs = _load(path, True).publications
    origin = pubs[0].origin
    assert origin is not None
    stranger = dataclasses.replace(origin)  # equal, but another object
    assert asread.take(stranger) is None
    with asread.deferred_as_written():  # a new read forgets what an earlier one kept
        pass
    assert asread.take(origin) is None
