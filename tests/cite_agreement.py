"""Shared by the agreement test and the benchmark: corpus items as CSL-JSON, and pandoc's view.

Items come from ``pubconv.api.load`` (the BibTeX reader) when it can read the corpus, else from
``pandoc -f bibtex -t csljson`` per file; either way pubconv and pandoc get the SAME CSL-JSON, so
differences are citation-engine differences, not mapping differences.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SKIP_FILES = ("crossrefs-abbrev.bib", "bibstring-master.bib", "bibstring-unabbrev.bib")


def corpus_items(folder: Path, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` entries of the .bib files in ``folder`` (sorted by name) as CSL-JSON."""
    files = [p for p in sorted(folder.glob("*.bib")) if p.name not in SKIP_FILES]
    try:
        from pubconv.api import load
        from pubconv.cite.csl import to_csl

        bib = load([str(p) for p in files], "bibtex", strict=False)
        pubs = bib.publications[:limit]
        if pubs:
            return to_csl(pubs)
    except Exception:  # the reader is being written in parallel; fall back to pandoc
        pass
    macros = (folder / "bibstring-abbrev.bib").read_text(encoding="utf-8", errors="replace")
    items: list[dict[str, Any]] = []
    for path in files:
        if len(items) >= limit:
            break
        text = macros + "\n" + path.read_text(encoding="utf-8", errors="replace")
        done = subprocess.run(
            ["pandoc", "-f", "bibtex", "-t", "csljson"],
            input=text.encode(),
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            items.extend(json.loads(done.stdout))
    return items[:limit]


def normalise(text: str) -> str:
    """Whitespace-normalised text for comparison."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def pandoc_entries(items: list[dict[str, Any]], csl_path: Path) -> dict[str, str]:
    """``id -> plain text`` of each bibliography entry pandoc --citeproc renders."""
    from lxml import html

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "items.json"
        data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        doc = "---\nnocite: '@*'\n...\n"
        done = subprocess.run(
            [
                "pandoc",
                "--citeproc",
                "--bibliography",
                str(data),
                "--csl",
                str(csl_path),
                "-t",
                "html",
                "--wrap=none",
            ],
            input=doc.encode(),
            capture_output=True,
            check=True,
        )
    tree = html.fromstring(done.stdout.decode() or "<div></div>")
    out: dict[str, str] = {}
    for entry in tree.xpath('//div[contains(@class, "csl-entry")]'):
        key = entry.get("id", "").removeprefix("ref-")
        blocks = entry.xpath("./div")
        text = " ".join(b.text_content() for b in blocks) if blocks else entry.text_content()
        out[key] = normalise(text)
    return out
