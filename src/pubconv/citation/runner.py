"""One citation run: cached look-ups, parallel rendering of what is missing, output format."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pubconv.citation import output
from pubconv.citation.cache import Cache, digest
from pubconv.citation.csl import AMBIGUOUS_FLAG, CslItem
from pubconv.citation.disambiguate import (
    given_names_in_full,
    names_to_show,
    suffix_letters,
    year_suffix_groups,
)
from pubconv.citation.entries import NameList, RenderedEntry
from pubconv.citation.markup import MERGED, NAME_ONE, NAMES, NAMES_ID
from pubconv.citation.progress import Progress
from pubconv.citation.render import compute_sort_keys, render_marked
from pubconv.citation.sorting import sort_order
from pubconv.citation.sortkeys import key_count, tie_broken
from pubconv.citation.stackroom import with_room
from pubconv.citation.style import Style, load_style, numbered_style, punctuation_in_quote
from pubconv.citation.styles import CSL_NS

PARALLEL_MIN = 250
"""Below this many items to render (or sort keys to compute), worker start-up costs more than
it saves: forking, pickling the items and the results take some 50 ms per run, a quarter of a
second's rendering in IEEE (0.8 ms an entry); at 48, each tie-breaking sort key of a few dozen
entries had a pool of its own."""


def default_jobs() -> int:
    """Worker processes when none are asked for: the cores this process may use that are idle
    (the one-minute load average subtracted), at least one.  On a busy machine extra workers
    only queue for the same cores and a parallel run became slower than ``-j 1``."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - Windows
        load = 0.0
    return max(1, min(cores, int(cores - load + 0.5)))


_Task = tuple[
    Path, str, str, list[CslItem], list[int], list[int], list[tuple[int, ...]], list[int] | None
]


def _work(args: _Task) -> list[Any]:
    """Sort keys or entries for a task, rendered with room on the frame stack
    (:mod:`.stackroom`)."""
    return with_room(_render_task, args)


def _render_task(args: _Task) -> list[Any]:
    path, locale, kind, items, numbers, shown, full, columns = args
    style = load_style(path, locale)
    if kind == "sort":
        return compute_sort_keys(style, items, columns)
    return render_marked(style, items, numbers, shown, full)


def _compute(
    style: Style,
    kind: str,
    items: list[CslItem],
    numbers: list[int],
    jobs: int,
    shown: list[int] | None = None,
    full: list[tuple[int, ...]] | None = None,
    columns: list[int] | None = None,
) -> list[Any]:
    """``compute_sort_keys`` (of the sort keys at ``columns``)/``render_marked`` over
    ``items``, split across ``jobs`` processes."""
    locale = style.locale
    shown = shown if shown is not None else [0] * len(items)
    full = full if full is not None else [()] * len(items)
    if jobs <= 1 or len(items) < PARALLEL_MIN:
        return _work((style.path, locale, kind, items, numbers, shown, full, columns))
    import multiprocessing  # only here: importing it cost every run some 20 ms of start-up
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return _work((style.path, locale, kind, items, numbers, shown, full, columns))
    chunks = max(jobs * 4, 1)
    size = -(-len(items) // chunks)
    tasks = [
        (
            style.path,
            locale,
            kind,
            items[i : i + size],
            numbers[i : i + size],
            shown[i : i + size],
            full[i : i + size],
            columns,
        )
        for i in range(0, len(items), size)
    ]
    # fork: workers inherit the parsed style from this process instead of parsing it again
    results = []
    with (
        ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool,
        Progress(len(items)) as bar,
    ):
        for task, chunk in zip(tasks, pool.map(_work, tasks), strict=True):
            results.append(chunk)
            bar.advance(len(task[3]))
    return [row for chunk in results for row in chunk]


def _cached(
    store: Cache | None,
    keys: list[str],
    missing_fn: Callable[[list[int]], list[Any]],
    valid: Callable[[Any], bool],
) -> list[Any]:
    found = store.get_many(keys, valid) if store else {}
    todo = [i for i, k in enumerate(keys) if k not in found]
    if todo:
        fresh = missing_fn(todo)
        new = {keys[i]: value for i, value in zip(todo, fresh, strict=True)}
        found.update(new)
        if store:
            store.put_many(new)
    return [found[k] for k in keys]


def _sort_keys(
    style: Style,
    items: list[CslItem],
    wanted: list[int],
    store: Cache | None,
    style_id: str,
    hashes: list[str],
    jobs: int,
) -> list[list[str | None]]:
    """The bibliography sort keys of ``items[i]`` for each ``i`` in ``wanted``, a later key
    only where the earlier ones tie among ``wanted`` (:func:`sortkeys.tie_broken`; the keys
    not computed are ``None`` and never decide the order).  Each key is cached."""

    def column(c: int, positions: list[int]) -> list[Any]:
        chosen = [items[wanted[p]] for p in positions]

        def compute(todo: list[int]) -> list[Any]:
            rows = _compute(style, "sort", [chosen[t] for t in todo], [], jobs, columns=[c])
            return [row[0] for row in rows]

        if not store:
            return compute(list(range(len(chosen))))
        return _cached(
            store,
            [store.key("sort", style_id, hashes[wanted[p]], c) for p in positions],
            compute,
            lambda value: value is None or isinstance(value, str),
        )

    return tie_broken(len(wanted), key_count(_sort_element(style), CSL_NS), column)


def _style_id(style: Style) -> str:
    return hashlib.sha256(style.path.read_bytes()).hexdigest() + "|" + style.locale


def _sort_element(style: Style) -> Any:
    return style.root.bibliography.find(f"{{{CSL_NS}}}sort")


def _has_sort(style: Style) -> bool:
    return _sort_element(style) is not None


def style_order(
    style: Style, items: list[CslItem], *, cache: bool = True, jobs: int | None = None
) -> list[int]:
    """Indices of ``items`` in the style's bibliography order, without rendering entries."""
    if not _has_sort(style):
        return list(range(len(items)))
    jobs = jobs if jobs is not None else default_jobs()
    store = Cache() if cache else None
    try:
        wanted = list(range(len(items)))
        hashes = [digest(item) for item in items] if store else []
        style_id = _style_id(style) if store else ""
        keys = _sort_keys(style, items, wanted, store, style_id, hashes, jobs)
        return sort_order(style, keys)
    finally:
        if store:
            store.close()


def run(
    style: Style,
    items: list[CslItem],
    keys: Sequence[str],
    fmt: str,
    order: str,
    *,
    labels: Sequence[int] | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> list[RenderedEntry]:
    """Entries for ``items`` (already prepared by :func:`engine.prepare`).

    ``labels`` (with ``order="given"``) are the citation numbers a numeric style shows, one per
    item; by default they count 1, 2, ... in the output order.
    """
    jobs = jobs if jobs is not None else default_jobs()
    store = Cache() if cache else None
    try:
        # what the cache keys are made of; without a cache nothing asks (1,000 items hashed as
        # JSON: some 8 ms of a run)
        style_id = _style_id(style) if store else ""
        hashes = [digest(item) for item in items] if store else []
        n = len(items)
        indices = list(range(n))
        # the items alike after names are added: asked for the year suffixes, the order="given"
        # sort and (often with the same rules) the disambiguate="true" conditions, found once
        groups = year_suffix_groups(items, style.rules)
        if _has_sort(style):
            wanted = indices if order == "style" else _suffix_candidates(groups)
            sort_keys: list[Any] = [[] for _ in items]
            got = _sort_keys(style, items, wanted, store, style_id, hashes, jobs)
            for i, row in zip(wanted, got, strict=True):
                sort_keys[i] = row
            if order == "style":
                indices = sort_order(style, sort_keys)
            suffix_order = (
                indices
                if order == "style"
                else [wanted[i] for i in sort_order(style, [sort_keys[w] for w in wanted])]
            )
        else:
            suffix_order = indices
        suffixes = _suffixes(groups, n, suffix_order)
        numbered = numbered_style(style)
        ambiguous = _ambiguous(style, items, groups)
        final = [_final(items[i], suffixes[i], i in ambiguous) for i in indices]
        if not numbered:
            numbers = [0] * n
        elif labels is not None and order == "given":
            numbers = [int(labels[i]) for i in indices]
        else:
            numbers = [pos + 1 for pos in range(n)]
        by_item = names_to_show(items, style.rules)
        shown = [by_item[i] for i in indices]
        in_full = given_names_in_full(items, style.rules)
        full = [tuple(sorted(in_full[i])) for i in indices]
        piq = punctuation_in_quote(style)

        def marked(todo: list[int]) -> list[str]:
            return _compute(
                style,
                "render",
                [final[t] for t in todo],
                [numbers[t] for t in todo],
                jobs,
                [shown[t] for t in todo],
                [full[t] for t in todo],
            )

        # the cache holds marked text; escaping for ``fmt`` happens after it, on every run
        if store:
            # an item without year suffix or ambiguity flag is its own final form: its hash
            # is known (hashing 1,000 items as JSON took some 30 ms)
            final_hashes = [
                hashes[i] if final[p] is items[i] else digest(final[p])
                for p, i in enumerate(indices)
            ]
            entry_keys = [
                store.key("entry", style_id, final_hashes[p], numbers[p], shown[p], full[p])
                for p in range(n)
            ]
            texts = _cached(store, entry_keys, marked, lambda text: isinstance(text, str))
        else:
            texts = marked(list(range(n)))
        texts = [output.render(text, fmt, punctuation_in_quote=piq) for text in texts]
        return [_entry(keys[i], text) for i, text in zip(indices, texts, strict=True)]
    finally:
        if store:
            store.close()


_OTHER_MARKS = re.compile(
    f"{NAMES_ID[0]}[0-9a-f]*{NAMES_ID[1]}|{MERGED[0]}.{MERGED[1]}"
    f"|[{NAMES[0]}{NAMES[1]}{NAME_ONE[0]}{NAME_ONE[1]}]"
)
"""Name-list markers after the first list: removed, with the punctuation they merged."""


def _entry(key: str, text: str) -> RenderedEntry:
    """The entry without the markers :mod:`fixes` put around its name lists
    (:data:`markup.NAMES`), remembering where the first list is and whom it names."""
    if NAMES[0] not in text:
        return RenderedEntry(key, _OTHER_MARKS.sub("", text))
    head, _, rest = text.partition(NAMES[0])
    identity, _, rest = rest.partition(NAMES_ID[1])
    identity = identity.removeprefix(NAMES_ID[0])
    names, _, tail = rest.partition(NAMES[1])
    names, parts = _name_parts(names, len(head))
    dropped_at, dropped = -1, ""
    before, merged, after = tail.partition(MERGED[0])
    # a mark merged into this list sits right after it, behind at most its closing tags
    if merged and len(before) <= 12 and not any(ch.isspace() for ch in before):
        dropped, _, after = after.partition(MERGED[1])
        before = _OTHER_MARKS.sub("", before)
        dropped_at = len(head) + len(names) + len(before)
        tail = before + after
    clean = head + names + _OTHER_MARKS.sub("", tail)
    span = NameList(
        len(head),
        len(head) + len(names),
        identity,
        dropped_at,
        dropped,
        tuple(parts),
        tuple(clean[a:b] for a, b in parts),
    )
    return RenderedEntry(key, clean, span)


def _name_parts(names: str, offset: int) -> tuple[str, list[tuple[int, int]]]:
    """``names`` without markers, and where each of its names (:data:`markup.NAME_ONE`) is,
    counted from ``offset``."""
    out: list[str] = []
    parts: list[tuple[int, int]] = []
    length = 0
    start = -1
    for piece in re.split(f"([{NAME_ONE[0]}{NAME_ONE[1]}])", names):
        if piece == NAME_ONE[0]:
            start = length
        elif piece == NAME_ONE[1]:
            if start >= 0:
                parts.append((offset + start, offset + length))
            start = -1
        else:
            piece = _OTHER_MARKS.sub("", piece)
            out.append(piece)
            length += len(piece)
    return "".join(out), parts


def _final(item: CslItem, suffix: str | None, ambiguous: bool) -> CslItem:
    """``item`` with its year suffix and ambiguity flag (:data:`csl.AMBIGUOUS_FLAG`)."""
    if not suffix and not ambiguous:
        return item
    out = {**item, "year-suffix": suffix} if suffix else dict(item)
    if ambiguous:
        out[AMBIGUOUS_FLAG] = "1"
    return out


def has_disambiguate_condition(root: Any, bibliography: Any) -> bool:
    """Whether a ``disambiguate="true"`` condition stands in the bibliography or in a macro
    (inside either, not on it).  The elements with the attribute are found by one scan and
    their ancestors looked at: the XPath ``//cs:macro//*[...]`` took 3 ms (APA) to 13 ms
    (Chicago) of every run."""
    if bibliography is None:
        return False
    macro = f"{{{CSL_NS}}}macro"
    for element in root.xpath("//*[@disambiguate='true']"):
        for ancestor in element.iterancestors():
            if ancestor is bibliography or ancestor.tag == macro:
                return True
    return False


def _ambiguous(style: Style, items: list[CslItem], groups: list[list[int]]) -> set[int]:
    """The items whose cites stay alike after names and given names are added: CSL 1.0.2
    step 3 renders ``disambiguate="true"`` branches for them (before a year suffix, step 4).
    Only computed when the bibliography has such a condition; ``groups`` are
    :func:`year_suffix_groups` under the style's own rules, the answer when those already
    add year suffixes."""
    if not has_disambiguate_condition(style.root, style.root.bibliography):
        return set()
    rules = dataclasses.replace(style.rules, year_suffix=True)
    if rules != style.rules:
        groups = year_suffix_groups(items, rules)
    return {i for group in groups for i in group}


def _suffix_candidates(groups: list[list[int]]) -> list[int]:
    """The items whose year suffix depends on their bibliography order (``groups``:
    :func:`year_suffix_groups`)."""
    return sorted(i for group in groups for i in group)


def _suffixes(groups: list[list[int]], n: int, order: Sequence[int]) -> list[str | None]:
    """Per item of ``n``, its year suffix (``None`` for most), lettered in bibliography
    ``order`` within each of ``groups`` (:func:`year_suffix_groups`)."""
    result: list[str | None] = [None] * n
    position = {index: pos for pos, index in enumerate(order)}
    for group in groups:
        for n, index in enumerate(sorted(group, key=position.__getitem__)):
            result[index] = suffix_letters(n)
    return result
