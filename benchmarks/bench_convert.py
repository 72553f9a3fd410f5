"""Benchmark: entries per second for the conversions pubconv does, against the real corpus.

Not a timed test: run it by hand (``python benchmarks/bench_convert.py``) and read the table.
Each measurement is the best of ``--repeat`` runs in this process (the first run also pays for
imports).  Targets come from the issues:

- bib -> csljson over ``plume-bib-perf`` (about 5,000 entries, ``crossrefs-abbrev.bib`` left out
  because it redefines the same keys as ``crossrefs.bib``): at least 3x faster than pandoc.
- reading a 500-entry Jekyll page: well under a second.
- with ``--cite N`` also the citation benchmark (``bench_cite.py``): N items in APA, cold and
  warm cache, beside plain citeproc-py and pandoc (cold >= 2x citeproc-py, warm >= 20x cold).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pubconv

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PLUME = CORPUS / "bibtex" / "plume-bib-perf"
SEED = CORPUS / "jekyll-seedlab"


def best_of(repeat: int, job: Callable[[], int]) -> tuple[float, int]:
    """Fastest wall time over ``repeat`` runs and the count the job reports."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = job()
        best = min(best, time.perf_counter() - start)
    return best, count


def plume_files() -> list[str]:
    return sorted(str(p) for p in PLUME.glob("*.bib") if p.name != "crossrefs-abbrev.bib")


def bench_bib_to_csl(repeat: int) -> tuple[float, int]:
    files = plume_files()

    def job() -> int:
        bib = pubconv.load(files, "bibtex", strict=False)
        pubconv.dumps(bib, "csljson")
        return len(bib)

    return best_of(repeat, job)


def bench_bib_read(repeat: int) -> tuple[float, int]:
    files = plume_files()
    return best_of(repeat, lambda: len(pubconv.load(files, "bibtex", strict=False)))


def bench_pandoc(repeat: int) -> tuple[float, int] | None:
    """pandoc on each file separately, with the macro file in front (one database would be
    fairer, but Debian's pandoc 2.17 rejects a whole input it cannot parse, e.g.
    ``@inproceedings(...)`` or the three-part ``@string``); rejected files are named on stderr
    and left out of the count, so compare entries per second."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    rejected: set[str] = set()
    macros = str(PLUME / "bibstring-unabbrev.bib")

    def job() -> int:
        count = 0
        for name in plume_files():
            result = subprocess.run(
                [pandoc, "-f", "bibtex", "-t", "csljson", macros, name],
                capture_output=True,
                check=False,
            )
            if result.returncode != 0:
                rejected.add(Path(name).name)
                continue
            count += result.stdout.count(b'"id":')
        return count

    timing = best_of(repeat, job)
    if rejected:
        print(
            f"pandoc rejected {len(rejected)} file(s): {', '.join(sorted(rejected))}",
            file=sys.stderr,
        )
    return timing


def bench_bibtexparser_plain(repeat: int) -> tuple[float, int]:
    import bibtexparser

    files = plume_files()

    def job() -> int:
        text = "\n".join(Path(f).read_text(encoding="utf-8") for f in files)
        library = bibtexparser.parse_string(text, parse_stack=[])
        return len(library.entries)

    return best_of(repeat, job)


def bench_jekyll_page(repeat: int, size: int = 500) -> tuple[float, int] | None:
    """Read a ``size``-entry page built (in memory) from the seed lab's entries."""
    pages = sorted(SEED.glob("*.md"))
    if not pages:
        return None
    pubs = [p for page in pages for p in pubconv.load(str(page), "jekyll", strict=False)]
    if not pubs:
        return None
    many = [pubs[i % len(pubs)] for i in range(size)]
    import dataclasses

    many = [dataclasses.replace(p, key=f"{p.key}x{i}", origin=None) for i, p in enumerate(many)]
    text = pubconv.dumps(pubconv.Bibliography.of(many), "jekyll")
    return best_of(repeat, lambda: len(pubconv.loads(text, "jekyll", strict=False)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument(
        "--cite",
        type=int,
        metavar="N",
        default=0,
        help="also run the citation benchmark on N items (e.g. 1000)",
    )
    args = parser.parse_args(argv)
    if not PLUME.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1

    rows: list[tuple[str, tuple[float, int] | None]] = []
    for name, bench in (
        ("pubconv bib -> csljson (plume-bib-perf)", bench_bib_to_csl),
        ("pubconv bib read only", bench_bib_read),
        ("bibtexparser v2 plain parse (reference)", bench_bibtexparser_plain),
        ("pandoc -f bibtex -t csljson", bench_pandoc),
        ("pubconv read 500-entry Jekyll page", bench_jekyll_page),
    ):
        try:
            rows.append((name, bench(args.repeat)))
        except Exception as exc:  # a benchmark must report, not crash, when a piece is missing
            print(f"{name}: failed: {exc!r}", file=sys.stderr)
            rows.append((name, None))

    print(f"{'benchmark':<44} {'seconds':>8} {'entries':>8} {'entries/s':>10}")
    for name, result in rows:
        if result is None:
            print(f"{name:<44} {'n/a':>8}")
            continue
        seconds, count = result
        print(f"{name:<44} {seconds:8.3f} {count:8d} {count / seconds:10.0f}")
    ours, pandoc = rows[0][1], rows[3][1]
    if ours and pandoc:
        ratio = (ours[1] / ours[0]) / (pandoc[1] / pandoc[0])
        print(f"\npubconv is {ratio:.1f}x pandoc in entries/s on bib -> csljson (target: >= 3x)")
    if args.cite:
        print(f"\ncitations ({args.cite} items, APA):", flush=True)
        cite = Path(__file__).with_name("bench_cite.py")
        return subprocess.run([sys.executable, str(cite), str(args.cite)], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
