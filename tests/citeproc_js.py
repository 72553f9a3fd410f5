"""citeproc-js (npm ``citeproc``, the processor inside Zotero) as a reference for pubconv.

:func:`citeproc_js_entries` renders CSL-JSON items with citeproc-js through
``citeproc_js_render.js`` (``node``, with ``NODE_PATH`` at the global npm modules), using the
same locale files as citeproc-py, so differences are engine differences.  Run as a script it
prints the per-style agreement on the shared corpus and every difference:

    python tests/citeproc_js.py [STYLE ...]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from cite_agreement import comparable_items, corpus_items, normalise, page_items

SCRIPT = Path(__file__).with_name("citeproc_js_render.js")
STYLES = ("apa", "ieee", "chicago-author-date", "nature", "vancouver")
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
N = int(os.environ.get("PUBCONV_AGREEMENT_N", "300"))


def node_modules() -> str | None:
    """The global npm module folder when node and citeproc-js are installed there, else None."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None
    root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, check=False)
    folder = root.stdout.strip()
    return folder if folder and (Path(folder) / "citeproc").is_dir() else None


def citeproc_js_entries(
    items: list[dict[str, Any]], csl_path: Path, locale: str = "en-US"
) -> dict[str, str]:
    """``id -> normalised plain text`` of each entry citeproc-js renders for ``items``."""
    from citeproc import LOCALES_PATH

    modules = node_modules()
    if modules is None:
        raise RuntimeError("node with the npm package citeproc is not installed")
    request = {"style": str(csl_path), "locale": locale, "locales": LOCALES_PATH, "items": items}
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(request, ensure_ascii=False).encode(),
        capture_output=True,
        check=True,
        env={**os.environ, "NODE_PATH": modules},
    )
    return {k: normalise(v) for k, v in json.loads(done.stdout).items()}


def shared_items(corpus: Path, n: int = N) -> list[dict[str, Any]]:
    """The agreement sample: the first ``n`` plume-bib entries and the seed lab's pages."""
    return comparable_items(
        corpus_items(corpus / "bibtex" / "plume-bib-perf", n)
        + page_items(corpus / "jekyll-seedlab")
    )


def differences(items: list[dict[str, Any]], style: str) -> tuple[int, list[tuple[str, str, str]]]:
    """``(entries compared, [(id, citeproc-js, pubconv), ...])`` for ``style``."""
    from pubconv.citation import resolve_style
    from pubconv.citation.engine import render_csl

    theirs = citeproc_js_entries(items, resolve_style(style))
    keys = [str(i["id"]) for i in items]
    ours = {e.key: normalise(e.text) for e in render_csl(items, keys, style, cache=False)}
    return len(ours), [(k, theirs.get(k, ""), v) for k, v in ours.items() if theirs.get(k) != v]


def main(styles: list[str]) -> int:
    items = shared_items(CORPUS)
    for style in styles or STYLES:
        total, differ = differences(items, style)
        print(f"{style}: {total - len(differ)}/{total} agree ({1 - len(differ) / total:.1%})")
        for key, theirs, ours in differ:
            print(f"  {key}\n    citeproc-js: {theirs}\n    pubconv:     {ours}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
