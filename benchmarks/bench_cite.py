"""Benchmark: ``pubconv cite`` as whole processes beside pandoc 2.17 and plain citeproc-py.

Run: python benchmarks/bench_cite.py [-n 1000] [-r 5] [--styles apa ieee]
(needs ../shared/corpus; pandoc is timed when it is installed)

Every figure is a whole process (start-up, reading, rendering, writing), timed on the same
CSL-JSON file (the first N plume-bib entries as ``tests/cite_agreement.py`` samples them) and
the same ``.csl`` file, the median of R runs, wall-clock and CPU (user + system, workers
included).  The tools run in turn within each repetition
(paired), so a change of machine load hits all of them alike; the load average is printed
before and after, as the machine may be shared.  Measured per style:

- pubconv cold, ``-j 1`` and the default ``-j`` (an empty cache each run);
- pubconv warm after one edit: a filled cache, then the same file with one entry's title
  changed (a different entry each run, so each run re-renders exactly one entry);
- pandoc ``--citeproc`` (nocite ``@*``, plain text);
- plain citeproc-py (its own ``CitationStylesBibliography``, plain text, in a fresh interpreter).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))
from cite_agreement import corpus_items  # noqa: E402  (after the path set-up)

CORPUS = ROOT.parent / "shared" / "corpus"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

PLAIN_CITEPROC = """
import json, sys
from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                      CitationStylesStyle, formatter)
from citeproc.source.json import CiteProcJSON
items = json.load(open(sys.argv[1], encoding="utf-8"))
style = CitationStylesStyle(sys.argv[2], validate=False)
bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
bib.register(Citation([CitationItem(str(i["id"])) for i in items]))
bib.sort()
sys.stdout.write("\\n".join(str(e) for e in bib.bibliography()))
"""


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system) of each measured run, by label: less sensitive to a busy
machine than wall-clock time (a parallel run's workers are counted too)."""


def timed(command: Sequence[str], env: dict[str, str] | None = None, stdin: bytes = b"") -> float:
    """Seconds one run of ``command`` takes as a whole process (it must succeed); its CPU
    seconds are left in :data:`_LAST_CPU`."""
    global _LAST_CPU
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, check=True, env=env or ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _LAST_CPU = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


_LAST_CPU = 0.0


def pubconv(data: Path, csl: Path, cache: Path, jobs: int | None) -> list[str]:
    command = [sys.executable, "-m", "pubconv", "cite", str(data), "--style", str(csl)]
    # a regular file, as a user would write (never a device: an older tree may not write
    # through one the way the current one does, which would time something else)
    command += ["--allow-incomplete", "-o", str(cache.parent / f"{cache.name}.out")]
    if jobs is not None:
        command += ["-j", str(jobs)]
    return command


def with_cache(cache: Path) -> dict[str, str]:
    return {**ENV, "PUBCONV_CACHE_DIR": str(cache)}


def edited(items: list[dict[str, Any]], index: int, folder: Path) -> Path:
    """A copy of the items with entry ``index``'s title changed."""
    copy = [dict(i) for i in items]
    copy[index]["title"] = f"{copy[index].get('title', '')} (edited {index})"
    path = folder / f"edited-{index}.json"
    path.write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
    return path


def measure(
    name: str, items: list[dict[str, Any]], csl: Path, runs: int, folder: Path
) -> dict[str, list[float]]:
    """The timings of each tool over ``runs`` paired repetitions for style ``name``."""
    data = folder / "items.json"
    data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    warm_cache = folder / f"warm-{name}"
    subprocess.run(
        pubconv(data, csl, warm_cache, 1),
        env=with_cache(warm_cache),
        check=True,
        capture_output=True,
    )
    times: dict[str, list[float]] = {}
    tools: dict[str, Callable[[int], float]] = {
        "pubconv cold -j 1": lambda r: timed(
            pubconv(data, csl, folder / f"c1-{name}-{r}", 1), with_cache(folder / f"c1-{name}-{r}")
        ),
        "pubconv cold (default -j)": lambda r: timed(
            pubconv(data, csl, folder / f"cj-{name}-{r}", None),
            with_cache(folder / f"cj-{name}-{r}"),
        ),
        "pubconv warm, one entry edited": lambda r: timed(
            pubconv(edited(items, (r * 37) % len(items), folder), csl, warm_cache, 1),
            with_cache(warm_cache),
        ),
        "plain citeproc-py": lambda r: timed(
            [sys.executable, "-c", PLAIN_CITEPROC, str(data), str(csl)]
        ),
    }
    if shutil.which("pandoc"):
        tools["pandoc 2.17 --citeproc"] = lambda r: timed(
            ["pandoc", "--citeproc", "--bibliography", str(data), "--csl", str(csl), "-t", "plain"],
            stdin=b"---\nnocite: '@*'\n...\n",
        )
    for run in range(runs):
        for label, tool in tools.items():
            times.setdefault(label, []).append(tool(run))
            CPU.setdefault(f"{name}:{label}", []).append(_LAST_CPU)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="references (default 1000)")
    parser.add_argument("-r", "--runs", type=int, default=5, help="repetitions (default 5)")
    parser.add_argument("--styles", nargs="+", default=["apa", "ieee"])
    args = parser.parse_args(argv)
    from pubconv.citation import resolve_style

    items = corpus_items(CORPUS / "bibtex" / "plume-bib-perf", args.n)
    print(f"{len(items)} references, {args.runs} runs each (median), {os.cpu_count()} cores")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("(a shared machine: other work changes these figures; the runs are paired)\n")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.styles:
            times = measure(name, items, resolve_style(name), args.runs, Path(tmp))
            medians = {label: statistics.median(values) for label, values in times.items()}
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"{name}: (load average after its runs: {load})")
            print(f"  {'':32} {'wall':>8} {'(range)':>13} {'CPU':>8}")
            for label, value in medians.items():
                spread = f"{min(times[label]):.2f}-{max(times[label]):.2f}"
                cpu = statistics.median(CPU[f"{name}:{label}"])
                print(f"  {label:32} {value:6.2f} s {spread:>13} {cpu:6.2f} s")
            cpu = {label: statistics.median(CPU[f"{name}:{label}"]) for label in medians}

            def ratio(
                a: str, b: str, wall: dict[str, float] = medians, cpu: dict[str, float] = cpu
            ) -> str:
                return f"{wall[a] / wall[b]:.2f} wall, {cpu[a] / cpu[b]:.2f} CPU"

            cold, warm = "pubconv cold -j 1", "pubconv warm, one entry edited"
            print(f"  warm / cold -j 1:         {ratio(warm, cold)}  (target <= 0.10)")
            print(f"  default -j / -j 1:        {ratio('pubconv cold (default -j)', cold)}")
            if "pandoc 2.17 --citeproc" in medians:
                print(f"  cold -j 1 / pandoc:       {ratio(cold, 'pandoc 2.17 --citeproc')}")
            print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
