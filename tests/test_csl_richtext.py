"""Rich text in CSL-JSON values as CSL processors read it (citeproc-js's documented tag set,
which pandoc reads too): ``<sc>`` is small caps like ``<span style="font-variant:small-caps;">``,
and ``<span class="nodecor">`` undoes the formatting the style puts around it (a case name's
``v.`` stays upright in an italic title) and keeps its case."""

from __future__ import annotations

import sys
from pathlib import Path

from pubconv.citation.decorations import resolve
from pubconv.citation.markup import ITALIC, NO_DECORATION, NORMAL, to_marked

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style


def _title(tmp_path: Path, attrs: str, title: str, fmt: str) -> str:
    path = style(tmp_path, f'<text variable="title" {attrs}/>', name=f"s{abs(hash(attrs))}")
    return render(path, [{"id": "a", "type": "legal_case", "title": title}], fmt)[0]


def test_sc_is_small_caps(tmp_path: Path) -> None:
    html = _title(tmp_path, "", "A <sc>Guide</sc>", "html")
    assert html == 'A <span style="font-variant:small-caps;">Guide</span>'
    assert _title(tmp_path, "", "A <sc>Guide</sc>", "latex") == r"A \textsc{Guide}"


def test_nodecor_resets_the_formatting_around_it(tmp_path: Path) -> None:
    title = 'Lessard <span class="nodecor">v.</span> Schmidt'
    italic = _title(tmp_path, 'font-style="italic"', title, "html")
    assert italic == '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>'
    caps = _title(tmp_path, 'font-variant="small-caps"', title, "html")
    assert caps == (
        '<span style="font-variant:small-caps;">Lessard '
        '<span style="font-variant:normal;">v.</span> Schmidt</span>'
    )
    assert _title(tmp_path, 'font-style="italic"', title, "latex") == (
        r"\emph{Lessard \textup{v.} Schmidt}"
    )
    assert _title(tmp_path, "", title, "html") == "Lessard v. Schmidt"  # nothing to undo


def test_nodecor_keeps_its_case(tmp_path: Path) -> None:
    title = 'lessard <span class="nodecor">v.</span> schmidt'
    assert _title(tmp_path, 'text-case="capitalize-all"', title, "text") == "Lessard v. Schmidt"


def test_resolve_undoes_each_enclosing_format() -> None:
    marked = to_marked('<b><i>A <span class="nodecor">v.</span> B</i></b>')
    assert NO_DECORATION[0] in marked
    resolved = resolve(marked)
    assert NO_DECORATION[0] not in resolved
    weight, style_ = NORMAL["font-weight"], NORMAL["font-style"]
    around = {weight[0] + style_[0] + "v." + style_[1] + weight[1]}
    around.add(style_[0] + weight[0] + "v." + weight[1] + style_[1])
    assert any(nested in resolved for nested in around)  # both reset, properly nested
    assert resolved.count(ITALIC[0]) == 1
