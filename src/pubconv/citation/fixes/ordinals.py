"""Ordinals as CSL 1.0.2 defines them: ``1er octobre`` (masculine month), ``1re éd.``
(feminine edition), ``111th``, ``1`` where the locale's suffix is empty.

"Ordinal Suffixes": a number takes a matching ``ordinal-10``..``-99`` term (``match``
``last-two-digits`` by default), else a matching ``ordinal-00``..``-09`` term (``last-digit``
by default; ``whole-number`` only for that number), else ``ordinal``; a locale (or
``cs:locale``) that defines any ordinal term replaces all earlier ones; without an "ordinal"
term the CSL 1.0 scheme (``ordinal-01``..``-04``) applies.  "Gender-specific Ordinals": "the
ordinal term of the same gender is used, with a fallback to the neuter variant ... When the
"day" date-part is rendered in the "ordinal" form, the ordinal gender is matched against that
of the month term"; a noun's gender is the ``gender`` of the long form of its term.

citeproc-py ignored ``gender-form`` (it took the variant listed first: the feminine ``1ʳᵉ
octobre`` in fr-FR), treated an empty suffix term as missing (``1st`` in hi-IN and ar, from
en-US), and matched ``111`` with ``ordinal-01`` (``111st``).  Where the specification is
silent, this follows citeproc-js: a noun's gender comes from the first locale that gives its
term one (a ``cs:locale`` redefining ``month-03`` without ``gender`` keeps the locale file's);
for a noun without gender an ``ordinal-NN`` term counts only in its neuter variant, while
``ordinal`` and ``long-ordinal-NN`` defined only in gendered variants give the feminine one,
else the masculine one (``1.ª`` in pt-PT, ``primeira`` in pt-BR).
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
_ORDINALS = etree.XPath(
    "./cs:terms/cs:term[@name = 'ordinal' or starts-with(@name, 'ordinal-')][1]",
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


def _pick(terms: list[Any], gender: str | None, default: bool) -> Any:
    """The text of the variant of ``gender`` among ``terms`` (one term name), else the neuter
    one; with ``default``, else the feminine, else the masculine one (citeproc-js's default
    form of a term defined only in gendered variants).  None when none fits.  An empty term
    is a defined term: its text is empty (hi-IN's ``ordinal-01``, ar's ``ordinal``)."""
    by_form: dict[str | None, Any] = {}
    for term in terms:
        if term.get("form") is None:
            by_form.setdefault(term.get("gender-form"), term)
    order = [gender, None, *(_GENDERS if default else ())]
    for form in order:
        if form in by_form:
            return by_form[form].single
    return None


def _ordinal_locale(style: Any) -> Any:
    """The locale whose ordinal terms apply: the first, most specific first, that defines any
    ("(re)defining any of the ordinal terms through cs:locale replaces all previously defined
    ordinal terms"), or None."""
    for locale in _locales(style, fallback_locale=True):
        if _ORDINALS(locale):
            return locale
    return None


def _matches(term: Any, number: int, group_of_two: bool) -> bool:
    """Whether ``ordinal-NN`` ``term`` applies to ``number`` under its ``match`` ("Ordinal
    Suffixes": ``last-digit`` is the default of ``ordinal-00``..``-09``, ``last-two-digits``
    of ``ordinal-10``..``-99``; ``whole-number`` only for the same number)."""
    value = int(str(term.get("name"))[len("ordinal-") :])
    match = term.get("match") or ("last-two-digits" if group_of_two else "last-digit")
    if match == "whole-number":
        return number == value
    if match == "last-two-digits":
        return number % 100 == value
    return number % 10 == value


def _legacy_suffix(locale: Any, number: int, gender: str | None) -> Any:
    """The CSL 1.0 scheme, used when no "ordinal" term is defined: "ordinal-01" for numbers
    ending on 1 (except 11), "-02" on 2 (except 12), "-03" on 3 (except 13), "-04" else."""
    last = number % 10
    name = "ordinal-04"
    if last in (1, 2, 3) and number % 100 not in (11, 12, 13):
        name = f"ordinal-{last:02}"
    suffix = _pick(_terms(locale, name), gender, default=True)
    return suffix if suffix is not None else ""


def gendered_ordinal(number: int, context: Any, gender: str | None) -> Any:
    """``number`` with its ordinal suffix for a noun of ``gender`` (None: neuter), by CSL 1.0.2
    "Ordinal Suffixes": a matching term of ``ordinal-10``..``-99``, else of ``ordinal-00``..``-09``
    (each in the noun's gender, else neuter), else ``ordinal`` (its gender, else neuter, else
    citeproc-js's default variant)."""

    def compute(style: Any) -> Any:
        locale = _ordinal_locale(style)
        if locale is None:
            return str(number)
        if not _terms(locale, "ordinal"):
            return str(number) + _legacy_suffix(locale, number, gender)
        candidates = []
        if number % 100 >= 10:
            candidates.append((f"ordinal-{number % 100:02}", True))
        candidates.append((f"ordinal-{number % 10:02}", False))
        for name, group_of_two in candidates:
            terms = [t for t in _terms(locale, name) if _matches(t, number, group_of_two)]
            suffix = _pick(terms, gender, default=False)
            if suffix is not None:
                return str(number) + suffix  # the term's preformatted String kept
        suffix = _pick(_terms(locale, "ordinal"), gender, default=True)
        return str(number) + suffix if suffix is not None else str(number)

    return _memo(context, ("ordinal", number, gender), compute)


def _long_ordinal(number: int, context: Any, gender: str | None) -> Any:
    """The ``long-ordinal-NN`` word for 1 to 10 for a noun of ``gender`` from the first locale
    defining that term, or None (then the ordinal suffix terms apply)."""

    def compute(style: Any) -> Any:
        for locale in _locales(style, fallback_locale=True):
            word = _pick(_terms(locale, f"long-ordinal-{number:02}"), gender, default=True)
            if word is not None:
                return word
        return None

    return _memo(context, ("long-ordinal", number, gender), compute)


def day_ordinal(date: Any, context: Any) -> Any:
    """The day of ``date`` as an ordinal of its month's gender (neuter without a month)."""
    try:
        month = int(date.month)
    except (AttributeError, TypeError, ValueError, VariableError):
        month = 0  # a season or no month: no month term to agree with
    gender = noun_gender(context, f"month-{month:02}") if 1 <= month <= 12 else None
    return gendered_ordinal(int(date.day), context, gender)


class GenderedNumberOrdinal:
    """``cs:number`` in the ordinal forms takes the ordinal of its variable's term's gender
    (``edition`` feminine: ``1re``; ``volume`` masculine: ``1er``)."""

    def format_number(self: Any, number: Any) -> Any:
        form = self.get("form", "numeric")
        variable = self.get("variable")
        if form not in ("ordinal", "long-ordinal") or not variable or variable == "locator":
            return super().format_number(number)  # type: ignore[misc]
        try:
            value = int(number)
        except (TypeError, ValueError):
            return super().format_number(number)  # type: ignore[misc]
        gender = noun_gender(self, variable)
        if form == "long-ordinal" and 1 <= value <= 10:
            word = _long_ordinal(value, self, gender)
            if word is not None:
                return word
        return gendered_ordinal(value, self, gender)
