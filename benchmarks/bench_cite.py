"""Benchmark: 1,000 corpus items in APA: pubconv cold/warm cache vs plain citeproc-py and pandoc.

Run: python benchmarks/bench_cite.py [N]   (needs ../shared/corpus and pandoc)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from cite_agreement import corpus_items
from pubconv.citation import resolve_style
from pubconv.citation.engine import render_csl

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def plain_citeproc(items: list[dict[str, object]], csl: Path) -> float:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    start = time.perf_counter()
    style = CitationStylesStyle(str(csl), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bib.register(Citation([CitationItem(str(i["id"])) for i in items]))
    bib.sort()
    bib.bibliography()
    return time.perf_counter() - start


def pandoc(items: list[dict[str, object]], csl: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "i.json"
        data.write_text(json.dumps(items))
        start = time.perf_counter()
        subprocess.run(
            ["pandoc", "--citeproc", "--bibliography", str(data), "--csl", str(csl), "-t", "plain"],
            input=b"---\nnocite: '@*'\n...\n",
            capture_output=True,
            check=True,
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000, help="items (default 1000)")
    n = parser.parse_args().n
    items = corpus_items(CORPUS / "bibtex" / "plume-bib-perf", n)
    keys = [str(i["id"]) for i in items]
    csl = resolve_style("apa")
    with tempfile.TemporaryDirectory() as cache_dir:
        os.environ["PUBCONV_CACHE_DIR"] = cache_dir
        start = time.perf_counter()
        render_csl(items, keys, "apa")
        cold = time.perf_counter() - start
        items[len(items) // 2] = {**items[len(items) // 2], "title": "Edited title"}
        start = time.perf_counter()
        render_csl(items, keys, "apa")
        warm = time.perf_counter() - start
    start = time.perf_counter()
    render_csl(items, keys, "apa", cache=False, jobs=1)
    serial = time.perf_counter() - start
    print(f"{len(items)} items, APA, {os.cpu_count()} cores")
    print(f"pubconv cold (parallel, empty cache): {cold:.2f} s")
    print(
        f"pubconv warm (one entry changed):     {warm:.3f} s  ({cold / warm:.0f}x faster than cold)"
    )
    print(f"pubconv serial, no cache:             {serial:.2f} s")
    print(f"plain citeproc-py:                    {plain_citeproc(items, csl):.2f} s")
    print(f"pandoc --citeproc:                    {pandoc(items, csl):.2f} s")


if __name__ == "__main__":
    main()
