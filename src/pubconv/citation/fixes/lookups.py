"""Per-style look-ups and the element-class lookup that puts every fix in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citeproc import model as cm
from lxml import etree

from pubconv.citation.fixes.containers import FixedGroup, FlatChoose, MergingChildren
from pubconv.citation.fixes.dates import FixedDate, YearSuffixedDatePart
from pubconv.citation.fixes.elements import (
    Conditions,
    FixedLabel,
    FixedNumber,
    FixedSubstitute,
)
from pubconv.citation.fixes.layout import Displayed, FixedLayout
from pubconv.citation.fixes.names import FixedName, MarkedNames
from pubconv.citation.fixes.numbers import HyphenatedNumberVariable, NumberRanges
from pubconv.citation.fixes.ordinals import GenderedNumberOrdinal
from pubconv.citation.fixes.pages import PageRanges
from pubconv.citation.fixes.plans import (
    DatePartFormatting,
    PlannedDate,
    PlannedFormatting,
    PlannedText,
)
from pubconv.citation.fixes.punctuation import PunctuationMerging
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
    found: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    """Answers of locale and option look-ups that hold for the whole run (terms, localized
    date formats, inherited name options, substitutes), by what was asked."""


_MISSING = object()


def _remembered(element: Any, key: tuple[Any, ...], compute: Any) -> Any:
    """``compute()`` once per style and ``key``; computed every time for elements outside an
    indexed style (those citeproc-py creates while rendering).  The answer is also kept on
    the element that asked, where it is found again without looking the style's index up
    (some 10,000 look-ups per 1,000 IEEE entries)."""
    own: dict[tuple[Any, ...], Any] | None = element.__dict__.get(_OWN)
    if own is not None:
        value = own.get(key, _MISSING)
        if value is not _MISSING:
            return value
    index = _index_of(element)
    if index is None:
        return compute()
    value = index.found.get(key, _MISSING)
    if value is _MISSING:
        value = index.found[key] = compute()
    if own is None:
        own = element.__dict__[_OWN] = {}
    own[key] = value
    return value


_STYLES: dict[int, _StyleIndex] = {}

_OWN = "pubconv_own"
"""On an indexed element's proxy: the answers :func:`_remembered` gave it, by question."""


def index_style(root: Any) -> None:
    """Index ``root``'s style (called once per parsed style)."""
    macros = {m.get("name"): m for m in root.iterfind(f"{{{CSL_NS}}}macro")}
    elements = {id(e): e for e in root.iter()}
    index = _StyleIndex(root, elements, macros)
    _STYLES[id(root)] = index
    for element in elements.values():
        element.pubconv_index = index  # the proxy lives as long as the index holds it


def forget_style(root: Any) -> None:
    """Drop ``root``'s index (its style is gone)."""
    _STYLES.pop(id(root), None)


def _index_of(element: Any) -> _StyleIndex | None:
    """The index of the style ``element`` belongs to; ``None`` for elements citeproc-py made
    while rendering (set as an attribute: finding the root took a tree walk per look-up)."""
    index: _StyleIndex | None = getattr(element, "pubconv_index", None)
    if index is None or _STYLES.get(id(index.root)) is not index:
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
        # kept on the element's proxy (:func:`index_style` keeps the proxies alive): the
        # answer holds for the style's lifetime, and a look-up by ``id`` in the index cost a
        # check of the index for each of some 60,000 calls per 1,000 APA entries
        known: bool | None = self.__dict__.get("pubconv_calls")
        if known is None:
            known = self.__dict__["pubconv_calls"] = bool(super().calls_variable())  # type: ignore[misc]
        return known

    def get_layout(self: Any) -> Any:
        layout = self.__dict__.get("pubconv_layout")
        if layout is None:
            layout = self.__dict__["pubconv_layout"] = super().get_layout()  # type: ignore[misc]
        return layout

    def xpath_search(self: Any, expression: str) -> Any:
        """citeproc-py's XPath query, its answer kept on the proxy for the one query asked
        per rendered date part (``./cs:date-part[@name="year"]``, the style's date part
        whose attributes override a locale's: some 1,300 queries per 1,000 IEEE entries).
        The children of a ``cs:date`` never change while rendering; other queries run as
        before (citeproc-py may add a missing ``cs:name`` to a ``cs:names``)."""
        if not expression.startswith(_DATE_PART_QUERY):
            return super().xpath_search(expression)  # type: ignore[misc]
        known: dict[str, Any] | None = self.__dict__.get("pubconv_date_parts")
        if known is None:
            known = self.__dict__["pubconv_date_parts"] = {}
        found = known.get(expression)
        if found is None:
            found = known[expression] = super().xpath_search(expression)  # type: ignore[misc]
        return found

    def __getattr__(self: Any, name: str) -> Any:
        """citeproc-py's ``element.name`` (its first ``cs:name`` child), remembered on the
        proxy once found: elements are never removed while rendering (only a missing
        ``cs:name`` may be added, so a ``None`` answer is asked again).  An attribute that
        pubconv or citeproc-py sets while rendering (``pubconv_recording``, ``repressed``)
        and has not set yet is no CSL element: ``None`` without a query, as the query
        answered (some 40,000 per 1,000 APA entries)."""
        if name.startswith("pubconv_") or name == "repressed":
            return None  # pubconv's and citeproc-py's own attributes, not yet set: no query
        found = super().__getattr__(name)  # type: ignore[misc]
        if found is not None and not name.startswith("_"):
            self.__dict__[name] = found
        return found


_DATE_PART_QUERY = './cs:date-part[@name="'
"""How citeproc-py's ``Date_Part.process`` asks for the style's date part of a name."""


_FORM_FALLBACK: dict[str, tuple[str | None, ...]] = {
    "verb-short": ("verb", None),
    "symbol": ("short", None),
    "verb": (None,),
    "short": (None,),
}
"""CSL 1.0.2 term form fallback (None: the long form)."""


class TermLookups:
    """Locale terms and localized date formats for the style's elements, looked up once per
    style (not for ``cs:locale`` elements, whose own ``get_term`` answers differently)."""

    def get_term(
        self: Any,
        name: str,
        form: Any = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        """A locale term, looked up once per style (citeproc-py ran an XPath query over the
        locale for each of some 9,000 look-ups per 1,000 APA entries).

        CSL 1.0.2 "Terms": a form no locale defines falls back to another: ``verb-short`` to
        ``verb``, ``symbol`` to ``short``, and ``verb`` and ``short`` to the long form;
        citeproc-py had none (``reviewed-author`` has only a ``verb`` form: no ``by``)."""

        def look_up() -> Any:
            chain = [form, *_FORM_FALLBACK.get(form, ())] if form is not None else [None]
            for each in chain:
                term = super(TermLookups, self).get_term(  # type: ignore[misc]
                    name, each, fallback_locale, zero_padded
                )
                if term is not None:
                    return term
            return None

        return _remembered(self, ("term", name, form, fallback_locale, zero_padded), look_up)

    def get_single_term(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        """A term's singular text, once per style (a ``String``, which is immutable): citeproc-py
        searched the term element for its ``cs:single`` child on each of some 20,000 calls per
        1,000 IEEE entries (terms in the layout, quotes, labels, ``and``)."""
        return _remembered(
            self,
            ("single", name, args, tuple(sorted(kwargs.items()))),
            lambda: super(TermLookups, self).get_single_term(name, *args, **kwargs),  # type: ignore[misc]
        )

    def get_plural_term(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        """A term's plural text, once per style (see :meth:`get_single_term`)."""
        return _remembered(
            self,
            ("plural", name, args, tuple(sorted(kwargs.items()))),
            lambda: super(TermLookups, self).get_plural_term(name, *args, **kwargs),  # type: ignore[misc]
        )

    def get_date(self: Any, form: str) -> Any:
        """A localized date format, looked up once per style."""
        return _remembered(
            self,
            ("date", form),
            lambda: super(TermLookups, self).get_date(form),  # type: ignore[misc]
        )

    def is_locale_date(self: Any) -> bool:
        return bool(
            _remembered(
                self,
                ("locale-date", id(self)),
                lambda: super(TermLookups, self).is_locale_date(),  # type: ignore[misc]
            )
        )


class NameLookups:
    """``cs:name`` options inherited from ``cs:citation``/``cs:bibliography`` or ``cs:style``,
    found once per element and context instead of by an XPath query for every name list."""

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options and name in sort_options:
            return super().get_option(name, context, sort_options)  # type: ignore[misc]
        return _remembered(
            self,
            ("name-option", id(self), id(context), name),
            lambda: super(NameLookups, self).get_option(name, context, None),  # type: ignore[misc]
        )


class NamesLookups:
    """A ``cs:names``' substitute and inherited delimiter, found once per element (and
    context) instead of by an XPath query for every name list."""

    def substitute(self: Any) -> Any:
        return _remembered(
            self,
            ("substitute", id(self)),
            lambda: super(NamesLookups, self).substitute(),  # type: ignore[misc]
        )

    def get_parent_delimiter(self: Any, context: Any = None) -> Any:
        return _remembered(
            self,
            ("names-delimiter", id(self), id(context)),
            lambda: super(NamesLookups, self).get_parent_delimiter(context),  # type: ignore[misc]
        )


_FIXED: dict[str, type] = {
    "date": type("FixedDate", (FixedDate, PlannedDate), {"__doc__": FixedDate.__doc__}),
    "date-part": YearSuffixedDatePart,
    "group": FixedGroup,
    "label": FixedLabel,
    "layout": FixedLayout,
    "name": FixedName,
    "names": MarkedNames,
    "number": type(
        "FixedNumber", (FixedNumber, HyphenatedNumberVariable), {"__doc__": FixedNumber.__doc__}
    ),
    "substitute": FixedSubstitute,
    "text": type("FixedText", (FixedText, PlannedText), {"__doc__": FixedText.__doc__}),
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
        if issubclass(base, cm.Number):
            base = type(base.__name__, (GenderedNumberOrdinal, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Text):
            base = type(base.__name__, (NumberRanges, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Affixed) and not issubclass(base, cm.Layout):
            base = type(base.__name__, (Displayed, base), {"__doc__": base.__doc__})
        if not issubclass(base, cm.Locale):
            base = type(base.__name__, (TermLookups, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Name):
            base = type(base.__name__, (NameLookups, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Names):
            base = type(base.__name__, (NamesLookups, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Formatted):
            planned = DatePartFormatting if issubclass(base, cm.Date_Part) else PlannedFormatting
            base = type(base.__name__, (planned, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.Choose):
            base = type(base.__name__, (FlatChoose, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.If):
            base = type(base.__name__, (Conditions, base), {"__doc__": base.__doc__})
        if issubclass(base, (cm.If, cm.Else, cm.Macro, cm.Layout)):
            base = type(base.__name__, (MergingChildren, base), {"__doc__": base.__doc__})
        namespace[tag] = type(base.__name__, (StyleLookups, base), {"__doc__": base.__doc__})
    return lookup
