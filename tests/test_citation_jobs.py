"""The default number of citation workers: the idle cores, at least one (a parallel run on a
busy machine was slower than ``-j 1``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pubconv.citation import runner
from pubconv.citation.engine import render_csl

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import style


def _cores(monkeypatch: pytest.MonkeyPatch, cores: int, load: float) -> int:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    return runner.default_jobs()


def test_an_idle_machine_uses_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _cores(monkeypatch, 4, 0.2) == 4


def test_a_busy_machine_uses_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _cores(monkeypatch, 2, 7.5) == 1


def test_a_half_busy_machine_uses_the_idle_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _cores(monkeypatch, 8, 3.0) == 5


def test_worker_processes_give_the_entries_one_process_gives(tmp_path: Path) -> None:
    """Above :data:`runner.PARALLEL_MIN` entries, ``jobs=2`` renders sort keys and entries in
    forked workers; the entries and their order are those of ``jobs=1``."""
    path = style(
        tmp_path,
        '<text variable="title"/><text variable="volume" prefix=", "/>',
        sort='<sort><key variable="title"/><key variable="volume" sort="descending"/></sort>',
    )
    count = runner.PARALLEL_MIN + 30
    items = [
        {"id": f"i{n}", "type": "book", "title": f"Title {n % 37}", "volume": str(n)}
        for n in range(count)
    ]
    keys = [i["id"] for i in items]
    one = render_csl(items, keys, str(path), "en-US", "text", cache=False, jobs=1)
    two = render_csl(items, keys, str(path), "en-US", "text", cache=False, jobs=2)
    assert [(e.key, e.text) for e in two] == [(e.key, e.text) for e in one]
    last_of_title_0 = max(n for n in range(count) if n % 37 == 0)
    assert one[0].text == f"Title 0, {last_of_title_0}"  # the descending second key decides
