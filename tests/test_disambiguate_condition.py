"""``runner.has_disambiguate_condition`` answers as the XPath it replaced, on hand-made styles
and on the bundled ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pubconv.citation.runner import has_disambiguate_condition
from pubconv.citation.styles import CSL_NS, styles_dir

_XPATH = ".//*[@disambiguate='true']|//cs:macro//*[@disambiguate='true']"


def _old(root: etree._Element) -> bool:
    bibliography = root.find(f"{{{CSL_NS}}}bibliography")
    return bibliography is not None and bool(bibliography.xpath(_XPATH, namespaces={"cs": CSL_NS}))


def _new(root: etree._Element) -> bool:
    return has_disambiguate_condition(root, root.find(f"{{{CSL_NS}}}bibliography"))


_IF = '<choose><if disambiguate="true"><text value="x"/></if></choose>'
CASES = {
    "none": "<citation><layout/></citation><bibliography><layout/></bibliography>",
    "in the bibliography": f"<bibliography><layout>{_IF}</layout></bibliography>",
    "in a macro": f'<macro name="m">{_IF}</macro><bibliography><layout/></bibliography>',
    "only in the citation": f"<citation><layout>{_IF}</layout></citation>"
    "<bibliography><layout/></bibliography>",
    "no bibliography": f'<macro name="m">{_IF}</macro><citation><layout/></citation>',
    "on the bibliography itself": '<bibliography disambiguate="true"><layout/></bibliography>',
    "on a macro itself": '<macro name="m" disambiguate="true"/><bibliography/>',
    "false": '<bibliography><layout><choose><if disambiguate="false"/></choose></layout>'
    "</bibliography>",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_made_styles(name: str) -> None:
    root = etree.fromstring(f'<style xmlns="{CSL_NS}">{CASES[name]}</style>')
    assert _new(root) == _old(root)


def test_bundled_styles() -> None:
    paths = sorted(Path(styles_dir()).glob("*.csl"))
    assert paths
    found = 0
    for path in paths[::7] + [p for p in paths if p.stem in ("apa", "chicago-author-date")]:
        root = etree.parse(str(path)).getroot()
        assert _new(root) == _old(root), path.name
        found += _old(root)
    assert found  # some styles have such a condition
