"""Whole-process timing of `pubconv sync --check` on a site of 20 pages against a 1,000-entry .bib,
beside `md2bib` + `bib2md` doing the same reading and writing one way each.

    python benchmarks/bench_sync.py [--pages 20] [--entries 1000] [--runs 5]

The site is generated (newest-first pages of 50 entries each, and a .bib made from them with
a few edits so that sync has differences to find). Each command runs as its own process, the
commands alternate, and the median of --runs is printed with CPU seconds and the load average:
other work on the machine shows in those figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pubconv
from pubconv.model import Bibliography, Link, PartialDate, Person, Publication

WORDS = [
    "deep",
    "light",
    "field",
    "neural",
    "event",
    "camera",
    "sparse",
    "denoising",
    "segmentation",
    "electron",
    "microscopy",
    "unsupervised",
    "domain",
    "adaptation",
    "graph",
    "video",
    "super",
    "resolution",
    "spectral",
    "hyperspectral",
    "registration",
    "diffusion",
    "transformer",
    "point",
    "cloud",
    "depth",
    "motion",
    "blur",
    "restoration",
]
FAMILIES = [
    "Chen",
    "Liu",
    "Wang",
    "Zhang",
    "Xiong",
    "Deng",
    "Huang",
    "Li",
    "Zhou",
    "Shou",
    "Quill",
    "Weber",
    "Tan",
    "Moreau",
]
GIVEN = ["Wei", "Yinda", "Zhiwei", "Shiyu", "Ada", "Jonas", "Bo", "Xiaoyu", "Lei", "Ruobing", "Jie"]


def publication(i: int, rng: random.Random) -> Publication:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()
    authors = tuple(
        Person(family=rng.choice(FAMILIES), given=rng.choice(GIVEN))
        for _ in range(rng.randint(2, 7))
    )
    year = 2025 - i // 50
    return Publication(
        key=f"p{i}",
        type="paper-conference",
        title=f"{title} {i}",
        authors=authors,
        issued=PartialDate(year),
        container_title="Conference on Computer Vision and Pattern Recognition",
        container_short="CVPR",
        links=(Link("Paper", f"https://example.org/{i}.pdf", '{:target="\\_blank"}'),),
        abstract=" ".join(rng.choice(WORDS) for _ in range(120)),
        section=str(year),
    )


def make_site(folder: Path, pages: int, entries: int) -> tuple[list[str], str]:
    rng = random.Random(7)
    pubs = [publication(i, rng) for i in range(entries)]
    per_page = max(1, entries // pages)
    page_paths = []
    for n in range(pages):
        chunk = pubs[n * per_page : (n + 1) * per_page]
        path = folder / f"page{n:02d}.md"
        pubconv.dump(Bibliography.of(chunk), str(path), "jekyll")
        page_paths.append(str(path))
    read_back = pubconv.load(page_paths)
    edited = [  # every 97th paper's year corrected on one side: sync has something to find
        p if i % 97 or p.year is None else dataclasses.replace(p, issued=PartialDate(p.year - 1))
        for i, p in enumerate(read_back.publications)
    ]
    bib_path = folder / "lab.bib"
    pubconv.dump(Bibliography.of(edited), str(bib_path), "bibtex")
    return page_paths, str(bib_path)


def timed(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit code of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "pubconv"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages, bib = make_site(folder, args.pages, args.entries)
        jobs = {
            "sync --check": [[*exe, "sync", *pages, bib, "--check"]],
            "md2bib + bib2md": [
                [*exe, "md2bib", *pages, "-o", str(folder / "out.bib"), "--replace"],
                [*exe, "bib2md", bib, "-o", str(folder / "out.md"), "--replace"],
            ],
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
        codes: dict[str, set[int]] = {name: set() for name in jobs}
        for _ in range(args.runs):
            for name, commands in jobs.items():
                wall = cpu = 0.0
                for argv in commands:
                    w, c, code = timed(argv)
                    wall, cpu = wall + w, cpu + c
                    codes[name].add(code)
                results[name].append((wall, cpu))
    load = os.getloadavg()
    print(f"site: {args.pages} pages, {args.entries} entries; .bib: {args.entries} entries")
    print(
        f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2-core machine; other work shows here)"
    )
    print(f"{'job':<18} {'wall median':>12} {'cpu median':>11}  exit codes")
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"{name:<18} {wall:>11.2f}s {cpu:>10.2f}s  {sorted(codes[name])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
