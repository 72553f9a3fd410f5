"""Later sort keys are computed only for items tied on the earlier ones
(:mod:`pubconv.citation.sortkeys`), and the order is the one complete keys give."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pubconv.citation import csl, runner
from pubconv.citation.render import compute_sort_keys
from pubconv.citation.sorting import collation_key, sort_order
from pubconv.citation.sortkeys import tie_broken
from pubconv.citation.style import style_for

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import corpus_items
from csl_styles import style

VALUES = st.one_of(st.none(), st.sampled_from(["a", "A", "b", "01", "1", "é", "e", ""]))


def _tied_on(rows: list[list[Any]], p: int, c: int) -> bool:
    """Whether item ``p`` ties with another item on every key before ``c`` (complete rows)."""

    def prefix(q: int) -> list[Any]:
        return [None if v is None else collation_key(v) for v in rows[q][:c]]

    return any(q != p and prefix(q) == prefix(p) for q in range(len(rows)))


@given(st.integers(0, 4).flatmap(lambda n: st.lists(st.lists(VALUES, min_size=n, max_size=n))))
def test_a_key_is_computed_exactly_where_the_earlier_keys_tie(table: list[list[Any]]) -> None:
    columns = len(table[0]) if table else 0
    asked: set[tuple[int, int]] = set()

    def column(c: int, positions: list[int]) -> list[Any]:
        asked.update((p, c) for p in positions)
        return [table[p][c] for p in positions]

    rows = tie_broken(len(table), columns, column)
    expected = {(p, c) for p in range(len(table)) for c in range(columns) if _tied_on(table, p, c)}
    assert asked == expected
    for p, c in asked:
        assert rows[p][c] == table[p][c]


@given(st.lists(st.lists(VALUES, min_size=3, max_size=3), max_size=12))
def test_the_order_is_the_one_complete_keys_give(tmp_path_factory: Any, table: list) -> None:
    sort = '<sort><key variable="title"/><key variable="note" sort="descending"/>'
    sort += '<key variable="volume"/></sort>'
    path = style(tmp_path_factory.mktemp("s"), '<text variable="title"/>', sort=sort)
    parsed = style_for(str(path), "en-US")
    rows = tie_broken(len(table), 3, lambda c, ps: [table[p][c] for p in ps])
    assert sort_order(parsed, rows) == sort_order(parsed, table)


def test_corpus_order_is_unchanged_in_styles_with_many_keys(corpus: Path) -> None:
    """APA (ten keys), Chicago author-date (eleven) and MLA (seven) on 400 corpus entries: the
    runner's order (tie-broken keys, through the cache-less path) is the order of complete
    keys."""
    items = [csl.prepare(i, ()) for i in corpus_items(corpus / "bibtex" / "plume-bib-perf", 400)]
    for name in ("apa", "chicago-author-date", "mla"):
        parsed = style_for(name, "en-US")
        complete = compute_sort_keys(parsed, items)
        assert runner.style_order(parsed, items, cache=False, jobs=1) == sort_order(
            parsed, complete
        ), name
