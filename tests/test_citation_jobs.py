"""The default number of citation workers: the idle cores, at least one (a parallel run on a
busy machine was slower than ``-j 1``)."""

from __future__ import annotations

import os

import pytest

from pubconv.citation import runner


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
