"""Room on the frame stack for rendering (``citation/stackroom.py``): rendering is called from
a frame large enough that the recursion below it never crosses the end of a frame-stack chunk,
which CPython maps and unmaps at each crossing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pubconv.citation.stackroom import frame_variables, with_room

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import corpus_items
from conftest import require_tool


def test_with_room_returns_what_the_function_returns() -> None:
    assert with_room(lambda n: n * 2, 21) == 42
    assert with_room(sorted, [3, 1, 2]) == [1, 2, 3]


def test_with_room_raises_what_the_function_raises() -> None:
    def fail(message: str) -> None:
        raise ValueError(message)

    with pytest.raises(ValueError, match="boom"):
        with_room(fail, "boom")


def test_the_frame_holds_64_kib_of_variables() -> None:
    """8,192 variables of 8 bytes: the interpreter gives the frame a 128 KiB chunk of its own,
    leaving 64 KiB (some 8,000 slots) to the rendering below it."""
    assert frame_variables() >= 8192


def _recursion(depth: int) -> int:
    return 0 if depth == 0 else 1 + _recursion(depth - 1)


def test_deep_recursion_inside_the_room_is_unchanged() -> None:
    """A recursion far deeper than the room still works: it only takes more chunks."""
    assert with_room(_recursion, 800) == 800


@pytest.mark.interop
@pytest.mark.corpus
def test_rendering_does_not_map_and_unmap_the_frame_stack(corpus: Path, tmp_path: Path) -> None:
    """200 APA entries, counted with ``strace``: without the room each entry's recursion
    crossed a chunk end some 45 times (an ``munmap`` each); with it, the count is that of a
    run's other work."""
    strace = require_tool("strace")
    items = corpus_items(corpus / "bibtex" / "plume-bib-perf", 200)
    data = tmp_path / "items.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    summary = tmp_path / "strace.txt"
    command = [sys.executable, "-m", "pubconv", "cite", str(data), "--style", "apa"]
    done = subprocess.run(
        [
            strace,
            "-f",
            "-c",
            "-e",
            "trace=munmap",
            "-o",
            str(summary),
            *command,
            "-j",
            "1",
            "--no-cache",
            "-o",
            str(tmp_path / "out.txt"),
        ],
        check=False,
        capture_output=True,
    )
    stderr = done.stderr.decode(errors="replace")
    if done.returncode != 0 and "ptrace" in stderr:
        pytest.skip(f"strace may not trace processes here: {stderr.strip()[-200:]}")
    assert done.returncode == 0, stderr[-2000:]
    calls = [line.split() for line in summary.read_text().splitlines() if line.endswith("munmap")]
    count = int(calls[0][3]) if calls else 0
    assert count < 400, f"{count} munmap calls for 200 entries"
