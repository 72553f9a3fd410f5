"""The CLI pauses the cyclic collector for a run and gives it back (``pubconv.gcpause``).

A program (or test) that calls :func:`pubconv.cli.main` gets the collector on again with
nothing left frozen, so the run's records are still collected; only the console entry point
(:func:`pubconv.cli.run`), after which the process ends, freezes them.
"""

from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path

import pytest

from pubconv.cli import main, run
from pubconv.gcpause import paused_gc


class _Node:
    """A weakly referable object in a reference cycle (only the collector frees it)."""

    def __init__(self) -> None:
        self.me = self


def test_main_gives_the_collector_back_with_nothing_frozen(fixtures: Path, tmp_path: Path) -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    source = fixtures / "bibtex" / "entries.bib"
    assert main(["convert", str(source), "--to", "csljson", "-o", str(tmp_path / "o.json")]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_garbage_made_while_paused_is_collected_afterwards() -> None:
    with paused_gc():
        assert not gc.isenabled()
        ref = weakref.ref(_Node())
        assert ref() is not None  # a cycle: reference counting alone does not free it
    assert gc.isenabled()
    gc.collect()
    assert ref() is None


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_run_freezes_the_run_before_the_process_exits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "argv", ["pubconv", "--version"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exited:
            run()
        assert exited.value.code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
