"""Style elements compiled once into plans: what an element asks of every entry is read from
its XML attributes once per parsed style, not again for each entry.

``cs:if``/``cs:else-if`` with only ``type`` and ``variable`` tests (nearly all of them): a test
of the item made once (:func:`plan_of`; ``type="book chapter" match="any"`` is one set
look-up of the item's type, read once per entry); citeproc-py re-read and re-split the
attributes and looked the item's type up once per listed type, for each of some 150,000
conditions per 1,000 APA entries.  The answers are citeproc-py's: the same tests, combined as
it combines them.  ``cs:choose`` tries these tests without rendering the branches
(:mod:`.containers`).

``cs:text``: the entry's language, which citeproc-py looked up (and, for an item without a
``language``, raised and caught an error) for every one of some 90,000 ``cs:text`` renderings,
is found once per entry; what the element renders (variable, macro, term or value) is read
once per element.

Formatting (``font-style``, ``font-variant``, ``font-weight``, ``text-decoration``,
``vertical-align``): an element with none of them returns its text as it is, where citeproc-py
looked each of the five up, with the style's formatter, for each of some 35,000 formatted
pieces per 1,000 APA entries.

XPath queries that only ask for a parent or an ancestor (``cs:date`` inside ``cs:locale``, the
``cs:names`` around a ``cs:substitute``) are answered by walking up the tree: lxml compiled the
expression anew for each of some 16,000 queries per 1,000 APA entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError
from citeproc.string import String

from pubconv.citation import markup as mk
from pubconv.citation.fixes.formatter import FORMATTER

_CSL = "{http://purl.org/net/xbiblio/csl}"
_LOCALE_TAG = _CSL + "locale"
_NAMES_TAG = _CSL + "names"

_SIMPLE = frozenset({"type", "variable", "is-numeric", "match"})
"""The attributes a condition may have to be planned (others go through citeproc-py)."""

_UNPLANNED = ("unplanned",)

_NUMERIC = cm.If.re_numeric
"""citeproc-py's own test of ``is-numeric``."""


def _plan(element: Any) -> Any:
    """A test of ``item`` for a condition (citeproc-py's ``type``, ``variable`` and
    ``is-numeric`` tests, combined by ``match``), or ``None``."""
    attrib = element.attrib
    if not _SIMPLE.issuperset(attrib.keys()):
        return None
    return compile_condition(
        tuple(t.lower() for t in (attrib.get("type") or "").split()),
        tuple(v.replace("-", "_") for v in (attrib.get("variable") or "").split()),
        tuple(v.replace("-", "_") for v in (attrib.get("is-numeric") or "").split()),
        attrib.get("match"),
    )


def compile_condition(
    types: tuple[str, ...], variables: tuple[str, ...], numeric: tuple[str, ...], match: Any
) -> Callable[[Any], bool]:
    """citeproc-py's condition as one function of the item: each listed type, variable and
    ``is-numeric`` variable is a test, and ``match`` combines them all (``any``, ``none``, else
    ``all``; no test at all holds under ``all``).  The tests stop at the first that decides,
    where citeproc-py made the list of every answer first; the tests are pure, so the answer
    is the same (:func:`passes`, the list-making reading, is the tests' oracle)."""
    wanted = frozenset(types)
    one_type = len(wanted) == 1  # ``all`` over two different types never holds
    locator = "locator" in variables
    names = tuple(v for v in variables if v != "locator")

    def any_test(item: Any) -> bool:
        if wanted:
            kind = dict.get(item, _TYPE, _UNPLANNED)
            if (_type_of(item) if kind is _UNPLANNED else kind) in wanted:
                return True
        if names or numeric:
            reference = item.reference
            for name in names:
                if name in reference:
                    return True
            for name in numeric:
                if name in reference and _NUMERIC.match(str(reference[name])) is not None:
                    return True
        return locator and "locator" in item

    def all_test(item: Any) -> bool:
        if wanted:
            kind = dict.get(item, _TYPE, _UNPLANNED)
            if not (one_type and (_type_of(item) if kind is _UNPLANNED else kind) in wanted):
                return False
        if names or numeric:
            reference = item.reference
            for name in names:
                if name not in reference:
                    return False
            for name in numeric:
                if name not in reference or _NUMERIC.match(str(reference[name])) is None:
                    return False
        return not locator or "locator" in item

    if match == "any":
        return any_test
    if match == "none":
        return lambda item: not any_test(item)
    return all_test


def _type_of(item: Any) -> Any:
    """The item's type, looked up once per entry (citeproc-py's reference reads it through
    two ``__getattr__`` layers for each of some 150,000 conditions per 1,000 APA entries)."""
    kind = dict.get(item, _TYPE, _UNPLANNED)
    if kind is _UNPLANNED:
        kind = item.reference.type
        dict.__setitem__(item, _TYPE, kind)
    return kind


_TYPE = "pubconv_type"
"""On a cite: its reference's type (:func:`_type_of`)."""


def plan_of(element: Any) -> Any:
    """The element's condition as a test of an item (``None``: it has other tests, see
    :data:`_SIMPLE`), made on first use (the element's proxy lives as long as the style's
    index, :mod:`.lookups`, so the plan does too)."""
    plan: Any = element.__dict__.get("pubconv_plan", _UNPLANNED)
    if plan is _UNPLANNED:
        plan = element.__dict__["pubconv_plan"] = _plan(element)
    return plan


def passes(plan: tuple[Any, ...], item: Any) -> bool:
    """citeproc-py's ``type``, ``variable`` and ``is-numeric`` tests of ``plan`` (``(types,
    variables, numeric, match)``) on ``item``, combined by ``match`` as ``cs:if`` combines
    them: the oracle :func:`compile_condition` is tested against.  (citeproc-py's
    ``is-numeric``: the variable is a number with letter affixes, ``12``, ``12a``, ``S12``;
    not ``12-14``.)"""
    types, variables, numeric, match = plan
    results: list[bool] = []
    if types:
        kind = _type_of(item)
        results += [t == kind for t in types]
    if variables:
        reference = item.reference
        results += [("locator" in item) if v == "locator" else (v in reference) for v in variables]
    if numeric:
        reference = item.reference
        results += [
            v in reference and _NUMERIC.match(str(reference[v])) is not None for v in numeric
        ]
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return all(results)


_LANGUAGE = "pubconv_language"
"""On a cite: the first two letters of its item's ``language`` (``None``: it has none)."""

_KINDS = ("variable", "macro", "term", "value")


def know_language(item: Any) -> None:
    """Note an item without ``language`` before rendering: :func:`item_language` found it
    out by a ``VariableError`` raised and caught, once per entry."""
    if dict.get(item, _LANGUAGE, _UNPLANNED) is _UNPLANNED and "language" not in item.reference:
        dict.__setitem__(item, _LANGUAGE, None)


def item_language(element: Any, item: Any) -> Any:
    """citeproc-py's language of ``item`` as ``element`` sees it: the item's own, else the
    ``default-locale`` of the element's style (or locale) root, else ``en``."""
    language = dict.get(item, _LANGUAGE, _UNPLANNED)
    if language is _UNPLANNED:
        try:
            language = item.reference.language[:2]
        except VariableError:
            language = None
        dict.__setitem__(item, _LANGUAGE, language)
    if language is not None:
        return language
    own = element.__dict__
    fallback = own.get("pubconv_default_language")
    if fallback is None:
        fallback = own["pubconv_default_language"] = element.get_root().get("default-locale", "en")[
            :2
        ]
    return fallback


class PlannedText(cm.Text):  # type: ignore[misc]
    """``cs:text`` as citeproc-py renders it, with the language found once per entry and the
    element's kind read once (:func:`item_language`)."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if context is None:
            context = self
        language = item_language(self, item)
        kind = self.__dict__.get("pubconv_kind")
        if kind is None:
            attrib = self.attrib
            kind = self.__dict__["pubconv_kind"] = next((k for k in _KINDS if k in attrib), "")
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":
            text = self.get_macro(self.get("macro")).render(item, context)
        elif kind == "term":
            text = self._term(item)
        elif kind == "value":
            text = String(self.preformat(self.get("value")))
        else:  # a cs:text that names nothing: citeproc-py's own failure
            return super().process(item, context, **kwargs)
        return text, language


class PlannedDate(cm.Date):  # type: ignore[misc]
    """``cs:date`` knowing whether it is a locale's date format by walking up the tree."""

    def is_locale_date(self) -> bool:
        """What ``./ancestor::cs:locale[1]`` finds: whether a ``cs:locale`` encloses it."""
        return in_locale(self)


def in_locale(element: Any) -> bool:
    """Whether a ``cs:locale`` encloses ``element`` (a locale's date format, say), found by
    walking up the tree where citeproc-py compiled an XPath query per call; kept on the element
    (a locale's elements keep their place)."""
    known: bool | None = element.__dict__.get("pubconv_in_locale")
    if known is None:
        parent = element.getparent()
        while parent is not None and parent.tag != _LOCALE_TAG:
            parent = parent.getparent()
        known = element.__dict__["pubconv_in_locale"] = parent is not None
    return known


def enclosing_names(element: Any) -> Any:
    """What ``./parent::cs:names[1]`` finds: the parent when it is a ``cs:names``
    (``IndexError`` otherwise, as indexing the empty answer raised)."""
    parent = element.getparent()
    if parent is None or parent.tag != _NAMES_TAG:
        raise IndexError("no enclosing cs:names")
    return parent


_FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")

_MARKERS_OF: dict[str, dict[str, tuple[str, str] | None]] = {
    "font-style": {"normal": None, "italic": mk.ITALIC, "oblique": mk.ITALIC},
    "font-variant": {"normal": None, "small-caps": mk.SMALL_CAPS},
    "font-weight": {"normal": None, "bold": mk.BOLD, "light": None},
    "text-decoration": {"none": None, "underline": mk.UNDERLINE},
    "vertical-align": {"baseline": None, "sup": mk.SUPERSCRIPT, "sub": mk.SUBSCRIPT},
}
"""What :class:`formatter.MarkerFormatter` wraps a text in for each formatting value, in the
order ``Formatted.format`` applies them (``light`` leaves the text as it is)."""


def _format_plan(element: Any) -> tuple[str, str] | tuple[()] | None:
    """The markers ``element``'s formatting puts around a text, read once: ``None`` for none
    (the text as it is), ``()`` where citeproc-py's own ``format`` must run (a value it does
    not know, or a formatter other than pubconv's)."""
    attrib = element.attrib
    if not any(a in attrib for a in _FORMATTING):
        return None
    openers, closers = "", ""
    for name in _FORMATTING:
        value = attrib.get(name)
        if value is None:
            continue
        known = _MARKERS_OF[name]
        if value not in known:
            return ()
        pair = known[value]
        if pair is not None:  # each wrapper encloses what the earlier ones made
            openers, closers = pair[0] + openers, closers + pair[1]
    if not openers:
        return None
    if element.get_formatter() is not FORMATTER:
        return ()
    return (openers, closers)


class PlannedFormatting:
    """citeproc-py's ``Formatted.format``, its markers read once per element: an element
    without formatting returns its text as it is (a number as a string), one with formatting
    wraps the text in the markers :class:`formatter.MarkerFormatter` would put around it one
    by one (each of its wrappers makes a plain :class:`String` of ``opener + text + closer``).
    citeproc-py looked each of the five attributes up, with the style's formatter, for each of
    some 35,000 formatted pieces per 1,000 APA entries.  Not for ``cs:date-part``, whose
    attributes citeproc-py overwrites while rendering a localized date."""

    def format(self: Any, string: Any) -> Any:
        own = self.__dict__
        plan = own.get("pubconv_format", _UNREAD)
        if plan is _UNREAD:
            plan = own["pubconv_format"] = _format_plan(self)
        return _formatted(self, plan, string)


class DatePartFormatting:
    """:class:`PlannedFormatting` for ``cs:date-part``, its attributes read on each call
    (citeproc-py copies a style's date-part attributes onto a locale's while rendering):
    the five attributes read without looking the formatter up five times."""

    def format(self: Any, string: Any) -> Any:
        return _formatted(self, _format_plan(self), string)


def _formatted(element: Any, plan: tuple[str, str] | tuple[()] | None, string: Any) -> Any:
    """``string`` with ``element``'s formatting by its plan (:func:`_format_plan`)."""
    if plan is None:
        return str(string) if isinstance(string, (int, float)) else string
    if not plan:
        return cm.Formatted.format(element, string)
    return String(plan[0] + str(string) + plan[1])


_UNREAD: Any = object()
