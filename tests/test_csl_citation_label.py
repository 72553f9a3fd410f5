"""``citation-label`` (CSL 1.0.2 Appendix IV): "label identifying the item in in-text citations
of label styles (e.g. "Ferr78"); may be assigned by the CSL processor based on item metadata".
An item without one gets letters of its first family names and the year's last two digits
(one name: four letters, two names: two each, three: two, one and one, more: one each of the
first four); a label the item has is kept.  Two items with the same label are told apart by the
year suffix, on the label when the style renders it (``RoNo78a``), not after the year."""

from __future__ import annotations

import sys
from pathlib import Path

from pubconv.citation.labels import trigraph

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import render, style


def _item(ident: str, year: int, *families: str, **extra: object) -> dict[str, object]:
    return {
        "id": ident,
        "type": "book",
        "title": "Book",
        "author": [{"family": f, "given": "A"} for f in families],
        "issued": {"date-parts": [[year]]},
        **extra,
    }


def test_letters_per_number_of_names() -> None:
    assert trigraph(_item("a", 1965, "Doe")) == "Doe65"
    assert trigraph(_item("a", 1978, "Roe", "Noakes")) == "RoNo78"
    assert trigraph(_item("a", 2001, "Roe", "Noakes", "Smith")) == "RoNS01"
    assert trigraph(_item("a", 2001, "Roe", "Noakes", "Smith", "Park", "Lee")) == "RNSP01"


def test_label_style_with_year_suffix_on_the_label(tmp_path: Path) -> None:
    path = style(
        tmp_path,
        '<text variable="citation-label" prefix="[" suffix="] "/>'
        '<names variable="author"><name/></names>'
        '<date variable="issued" prefix=", "><date-part name="year"/></date>',
        sort='<sort><key variable="citation-label"/></sort>',
    )
    text = path.read_text().replace("<citation>", '<citation disambiguate-add-year-suffix="true">')
    path.write_text(text)
    items = [
        _item("a", 1978, "Roe", "Noakes"),
        _item("b", 1965, "Doe"),
        _item("c", 1978, "Roe", "Noakes"),
        _item("d", 1990, "Zed", **{"citation-label": "Own"}),
    ]
    assert render(path, items) == [
        "[Doe65] A Doe, 1965",
        "[Own] A Zed, 1990",
        "[RoNo78a] A Roe, A Noakes, 1978",
        "[RoNo78b] A Roe, A Noakes, 1978",
    ]
