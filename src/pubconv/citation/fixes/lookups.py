"""Per-style look-ups and the element-class lookup that puts every fix in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citeproc import model as cm
from lxml import etree

from pubconv.citation.fixes.dates import FixedDate, YearSuffixedDatePart
from pubconv.citation.fixes.elements import FixedGroup, FixedLabel, FixedSubstitute
from pubconv.citation.fixes.layout import Displayed, FixedLayout
from pubconv.citation.fixes.names import FixedName, MarkedNames
from pubconv.citation.fixes.pages import PageRanges
from pubconv.citation.fixes.punctuation import MergingChildren, PunctuationMerging
from pubconv.citation.fixes.quotes import FixedText
from pubconv.citation.fixes.state import CSL_NS
from pubconv.citation.fixes.textcase import TitleCasing

# --- speed: style_lookups --------------------------------------------------------------


@dataclass
class _StyleIndex:
    """Look-ups that stay the same for a parsed style, keyed by element identity.  Every
    element's proxy is held here, so lxml hands out the same Python object for it each time
    and ``id`` stays valid; elements citeproc-py adds while rendering are not indexed."""

    root: Any
    elements: dict[int, Any]
    macros: dict[str, Any]
    calls: dict[int, bool] = field(default_factory=dict)
    layouts: dict[int, Any] = field(default_factory=dict)


_STYLES: dict[int, _StyleIndex] = {}


def index_style(root: Any) -> None:
    """Index ``root``'s style (called once per parsed style)."""
    macros = {m.get("name"): m for m in root.iterfind(f"{{{CSL_NS}}}macro")}
    elements = {id(e): e for e in root.iter()}
    _STYLES[id(root)] = _StyleIndex(root, elements, macros)


def forget_style(root: Any) -> None:
    """Drop ``root``'s index (its style is gone)."""
    _STYLES.pop(id(root), None)


def _index_of(element: Any) -> _StyleIndex | None:
    root = element.get_root()
    index = _STYLES.get(id(root))
    if index is None or index.root is not root or index.elements.get(id(element)) is not element:
        return None
    return index


class StyleLookups:
    """Macros, ``calls_variable`` and the enclosing layout from a per-style index: citeproc-py
    ran an XPath query per ``get_macro`` call (some 200,000 for 1,000 APA entries, a quarter of
    the rendering time) and re-walked the style tree for every ``calls_variable`` (400,000)."""

    def get_macro(self: Any, name: str) -> Any:
        index = _index_of(self)
        if index is not None and name in index.macros:
            return index.macros[name]
        return super().get_macro(name)  # type: ignore[misc]

    def calls_variable(self: Any) -> bool:
        index = _index_of(self)
        if index is None:
            return bool(super().calls_variable())  # type: ignore[misc]
        known = index.calls.get(id(self))
        if known is None:
            known = index.calls[id(self)] = bool(super().calls_variable())  # type: ignore[misc]
        return known

    def get_layout(self: Any) -> Any:
        index = _index_of(self)
        if index is None:
            return super().get_layout()  # type: ignore[misc]
        layout = index.layouts.get(id(self))
        if layout is None:
            layout = index.layouts[id(self)] = super().get_layout()  # type: ignore[misc]
        return layout


_FIXED: dict[str, type] = {
    "date": FixedDate,
    "date-part": YearSuffixedDatePart,
    "group": FixedGroup,
    "label": FixedLabel,
    "layout": FixedLayout,
    "name": FixedName,
    "names": MarkedNames,
    "substitute": FixedSubstitute,
    "text": FixedText,
}
"""The fixed class of each CSL tag that has one (other tags get the shared mixins only)."""


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """citeproc-py's element classes by CSL tag, with pubconv's fixed subclasses in place."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    classes = [
        c for c in cm.CitationStylesElement.__subclasses__() if not issubclass(c, StyleLookups)
    ]
    namespace[None] = type("CitationStylesElement", (StyleLookups, cm.CitationStylesElement), {})
    for cls in classes:
        tag = cls.__name__.replace("_", "-").lower()
        fixed = _FIXED.get(tag)
        if fixed is None and issubclass(cls, (cm.Affixed, cm.Delimited)):
            fixed = type(cls.__name__, (PunctuationMerging, cls), {"__doc__": cls.__doc__})
        base = fixed or cls
        if issubclass(base, cm.TextCased):
            base = type(base.__name__, (TitleCasing, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.FormatNumber):
            base = type(base.__name__, (PageRanges, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Affixed) and not issubclass(base, cm.Layout):
            base = type(base.__name__, (Displayed, base), {"__doc__": base.__doc__})
        if issubclass(base, (cm.If, cm.Else, cm.Macro, cm.Layout)):
            base = type(base.__name__, (MergingChildren, base), {"__doc__": base.__doc__})
        namespace[tag] = type(base.__name__, (StyleLookups, base), {"__doc__": base.__doc__})
    return lookup
