"""Gender-specific ordinals: ``1er octobre`` (masculine month), ``1re éd.`` (feminine edition).

CSL 1.0.2 "Gender-specific Ordinals": feminine and masculine variants of the ordinal terms are
set with ``gender-form``; the gender of the target noun is the ``gender`` attribute of the
long form of its term.  "When a number variable is rendered with ``cs:number`` in the
"ordinal" or "long-ordinal" form, the ordinal term of the same gender is used, with a fallback
to the neuter variant if the feminine or masculine variant is undefined.  When the "day"
date-part is rendered in the "ordinal" form, the ordinal gender is matched against that of the
month term."  citeproc-py ignores ``gender-form`` and takes whichever variant the locale lists
first, so with the fr-FR locale every French date printed the feminine ``1ʳᵉ octobre``.

A noun without a gender takes the neuter variant (the term without ``gender-form``), else the
next term in the look-up order (``ordinal``), as citeproc-js does; citeproc-py's first-listed
variant was the feminine one in fr-FR.  A noun's gender comes from the first locale that gives
its term one (a style's ``cs:locale`` redefining ``month-03`` without ``gender`` keeps the
locale file's), as in citeproc-js.  Where the locale has no gendered ordinal terms at all
(English), the ordinal is left to citeproc-py, so output in such languages cannot change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError
from lxml import etree

from pubconv.citation.fixes.state import CSL_NS

_GENDERS = ("feminine", "masculine")


def _style(context: Any) -> Any:
    """The ``cs:style`` whose locales ``context`` looks terms up in."""
    root = context.get_root()
    return root.style if isinstance(root, cm.Locale) else root


def _memo(context: Any, key: tuple[Any, ...], compute: Callable[[Any], Any]) -> Any:
    """``compute(style)`` once per style and ``key``: the answers hold for the whole run
    (kept on the style's element, which citeproc-py keeps alive for its ``locales``)."""
    style = _style(context)
    memo = style.__dict__.setdefault("pubconv_ordinals", {})
    if key not in memo:
        memo[key] = compute(style)
    return memo[key]


def _locales(style: Any, fallback_locale: bool) -> list[Any]:
    """The locales a term is looked up in, most specific first, as citeproc-py's ``get_term``
    orders them (without ``fallback_locale``: only those of the style's main language)."""
    locales = list(style.locales)
    if fallback_locale or len(locales) < 2:
        return locales
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    main = locales[0].get(lang)
    if not main:
        return locales
    return [locales[0]] + [loc for loc in locales[1:] if loc.get(lang, main) == main]


_TERMS = etree.XPath("./cs:terms/cs:term[@name = $name]", namespaces={"cs": CSL_NS})
_GENDERED = etree.XPath(
    "./cs:terms/cs:term[@gender-form and starts-with(@name, 'ordinal')][1]",
    namespaces={"cs": CSL_NS},
)


def _terms(locale: Any, name: str) -> list[Any]:
    """The ``cs:term`` elements called ``name`` in ``locale``, in document order."""
    found = _TERMS(locale, name=name)
    return found if isinstance(found, list) else []


def noun_gender(context: Any, name: str) -> str | None:
    """The ``gender`` of the long form of term ``name`` (``month-10``, ``edition``) in the
    first locale that gives that term one, or None."""

    def compute(style: Any) -> str | None:
        for locale in _locales(style, fallback_locale=True):
            for term in _terms(locale, name):
                if term.get("form") is None and term.get("gender") in _GENDERS:
                    return str(term.get("gender"))
        return None

    return _memo(context, ("gender", name), compute)  # type: ignore[no-any-return]


def gendered_locale(context: Any) -> bool:
    """Whether any locale of the style has a gendered ordinal term (``gender-form``)."""
    return bool(
        _memo(
            context,
            ("gendered",),
            lambda style: any(_GENDERED(loc) for loc in _locales(style, fallback_locale=True)),
        )
    )


def _variant(
    style: Any, name: str, gender: str | None, fallback_locale: bool, zero_padded: bool
) -> Any:
    """The text of ordinal term ``name`` of ``gender``, else of its neuter variant, from the
    first locale defining either; None when none does (``gender`` None: the neuter only)."""
    for locale in _locales(style, fallback_locale):
        neuter = None
        for term in _terms(locale, name):
            if term.get("form") is not None:
                continue
            if zero_padded and term.get("match") in ("whole-number", "last-two-digits"):
                continue
            form = term.get("gender-form")
            if form == gender:
                return term.single
            if form is None and neuter is None:
                neuter = term.single
        if neuter is not None:
            return neuter
    return None


def gendered_ordinal(number: int, context: Any, gender: str | None) -> Any:
    """``number`` with its ordinal suffix of ``gender``: the terms tried in citeproc-py's order
    (``ordinal-NN`` for the whole number, ``ordinal-0N`` for its last digit, ``ordinal``),
    first in the style's own language, then in every locale."""
    whole = f"ordinal-{number:02}" if len(str(number)) == 1 else f"ordinal-{number}"
    last = f"ordinal-{int(str(number)[-1]):02}"

    def compute(style: Any) -> Any:
        for fallback in (False, True):
            for name, zero_padded in ((whole, False), (last, True), ("ordinal", False)):
                suffix = _variant(style, name, gender, fallback, zero_padded)
                if suffix:
                    return str(number) + suffix  # the term's preformatted String kept
        return str(number)

    return _memo(context, ("ordinal", number, gender), compute)


def _long_ordinal(number: int, context: Any, gender: str | None) -> Any:
    """The ``long-ordinal-NN`` word of ``gender`` (else neuter) for 1 to 10, or None."""

    def compute(style: Any) -> Any:
        for fallback in (False, True):
            word = _variant(style, f"long-ordinal-{number:02}", gender, fallback, False)
            if word:
                return word
        return None

    return _memo(context, ("long-ordinal", number, gender), compute)


class GenderedDayOrdinal:
    """An ordinal ``day`` date-part takes the ordinal of its month's gender."""

    def process(self: Any, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)  # type: ignore[misc]
        if self.get("name") != "day" or self.get("form") != "ordinal":
            return text
        if text is None or str(text) == str(date.day):
            return text  # limit-day-ordinals-to-day-1 printed the day as a number
        where = self if context is None else context
        if not gendered_locale(where):
            return text
        try:
            month = int(date.month)
        except (AttributeError, TypeError, ValueError, VariableError):
            return text  # a season or no month: no month term to agree with
        gender = noun_gender(where, f"month-{month:02}")
        return gendered_ordinal(int(date.day), where, gender)


class GenderedNumberOrdinal:
    """``cs:number`` in the ordinal forms takes the ordinal of its variable's term's gender
    (``edition`` feminine: ``1re``; ``volume`` masculine: ``1er``)."""

    def format_number(self: Any, number: Any) -> Any:
        form = self.get("form", "numeric")
        variable = self.get("variable")
        if form not in ("ordinal", "long-ordinal") or not variable or variable == "locator":
            return super().format_number(number)  # type: ignore[misc]
        if not gendered_locale(self):
            return super().format_number(number)  # type: ignore[misc]
        try:
            value = int(number)
        except (TypeError, ValueError):
            return super().format_number(number)  # type: ignore[misc]
        gender = noun_gender(self, variable)
        if form == "long-ordinal" and 1 <= value <= 10:
            word = _long_ordinal(value, self, gender)
            return word if word else super().format_number(number)  # type: ignore[misc]
        return gendered_ordinal(value, self, gender)
