"""Small inline CSL styles for the specification tests (``test_csl_*.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pubconv.citation.engine import render_csl

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"{style_attrs}>
  <info><id>test</id><title>test</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  {macros}
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography{bib_attrs}>
    {sort}
    <layout{layout_attrs}>{layout}</layout>
  </bibliography>
</style>
"""


def style(
    folder: Path,
    layout: str,
    *,
    bib_attrs: str = "",
    layout_attrs: str = "",
    style_attrs: str = "",
    macros: str = "",
    sort: str = "",
    name: str = "test",
) -> Path:
    """A style file in ``folder`` whose bibliography layout is ``layout``."""
    path = folder / f"{name}.csl"
    path.write_text(
        HEAD.format(
            layout=layout,
            bib_attrs=bib_attrs,
            layout_attrs=layout_attrs,
            style_attrs=style_attrs,
            macros=macros,
            sort=sort,
        ),
        encoding="utf-8",
    )
    return path


def render(path: Path, items: list[dict[str, Any]], fmt: str = "text") -> list[str]:
    """The entries ``items`` get in the style at ``path`` (no cache, one process)."""
    keys = [str(i["id"]) for i in items]
    return [e.text for e in render_csl(items, keys, str(path), "en-US", fmt, cache=False, jobs=1)]
