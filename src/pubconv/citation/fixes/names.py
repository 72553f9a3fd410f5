"""Fixed ``cs:name``/``cs:names``: initials, et-al for BibTeX ``others``, disambiguated
names shown, name lists marked for ``subsequent-author-substitute``, highlighted persons."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from citeproc import model as cm
from citeproc.source import Name as _SourceName
from citeproc.string import MixedString, String

from pubconv.citation import markup as mk
from pubconv.citation.fixes.elements import NAMES_TAG, note_called, record
from pubconv.citation.fixes.namelist import render_name_list, render_names
from pubconv.citation.fixes.punctuation import PunctuationMerging
from pubconv.citation.fixes.state import MARK_NAMES, NAME_TEXTS, SORTING
from pubconv.model import OTHERS_LITERAL

# --- fix: initials ----------------------------------------------------------------------


def initialize(given: str, mark: str, hyphen: bool) -> str:
    """Initials of ``given`` as CSL 1.0.2 "Name-part Order"/``initialize-with`` describes.

    ``Jean-Luc`` -> ``J.-L.`` (``J.L.`` without ``initialize-with-hyphen``); a lower-case part
    after a hyphen is dropped (``Li-wei`` -> ``L.``, as citeproc-js and pandoc do); particles
    such as ``de`` stay; existing initials (``J.R.R.``) are normalised.  Formatting markers
    around a part stay around its initial (``<b>John</b> Quiggly`` -> ``<b>J.</b> Q.``).
    """
    words: list[str] = []
    for word in _PERIOD.sub(r".\1 ", given.replace(".-", "-")).split():
        parts = [p for p in map(_format_run, word.split("-")) if p[1]]
        if not parts:
            continue
        if not parts[0][1][:1].isupper():
            words.append(word.rstrip("."))  # a particle, kept whole
            continue
        initials = [h + c[0] + mark.rstrip() + t for h, c, t in parts if c[:1].isupper()]
        words.append(("-" if hyphen else "").join(initials))
    text = ""
    for word in words:
        if text:
            ends = mk.strip(word).endswith(mark.rstrip())
            text += " " if (mark.endswith(" ") or not ends) else ""
        text += word
    return text.strip()


_OPENERS = "".join(sorted(mk.OPENERS))
_CLOSERS = "".join(sorted(mk.CLOSERS))


def _format_run(part: str) -> tuple[str, str, str]:
    """A name part as the formatting markers it starts with, its text (without a final period)
    and the markers it ends with."""
    core = part.lstrip(_OPENERS)
    head = part[: len(part) - len(core)]
    text = core.rstrip(_CLOSERS)
    return head, text.rstrip("."), core[len(text) :]


_PERIOD = re.compile(f"\\.([{_CLOSERS}]*)")
"""A period and the formatting it closes (``J.R.`` is two words, ``<b>J.</b>`` one)."""


def normalise_initials(given: str, mark: str) -> str:
    """CSL 1.0.2 ``initialize="false"``: names stay whole, single letters get the mark
    (``James T Kirk`` -> ``James T. Kirk``); citeproc-py ignored the attribute and
    initialised every name (Chicago's ``Abelson, Harold`` became ``Abelson, H.``).  Initials
    already in the name are set with the mark too (``F.E.`` -> ``F. E.``), as citeproc-js and
    pandoc do."""
    out = []
    for word in given.split():
        if len(word) == 1 and word.isupper():
            out.append(word + mark.rstrip())
        elif _GLUED_INITIALS.fullmatch(word):
            sep = " " if mark.endswith(" ") else ""
            out.append(sep.join(letter + mark.rstrip() for letter in word if letter.isupper()))
        else:
            out.append(word)
    return " ".join(out)


_GLUED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
"""``F.E.``, ``J.R.R.``: initials written without spaces (a linear pattern)."""


SHOWN_KEY = "pubconv_names_shown"
"""On a cite: how many names its entry shows to match its disambiguated cite (0: the style's)."""


def _cited_variable(item: Any, variable: str) -> bool:
    """Whether ``variable`` holds the names a cite shows: the authors, else the editors."""
    if variable == "author":
        return True
    return variable == "editor" and "author" not in item.reference


class FixedName(PunctuationMerging, cm.Name):  # type: ignore[misc]
    """Initialisation with hyphenated given names (``Li-wei`` gave ``L.-. wei``) and through
    highlight markers (:class:`HighlightedName`)."""

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """BibTeX ``and others`` (a trailing ``others`` name) renders as the style's et-al term."""
        names = item.reference.get(variable.replace("-", "_"), [])
        shown = dict.get(item, SHOWN_KEY, 0)
        if shown and not SORTING.get() and _cited_variable(item, variable):
            style_min = self.get_option("et-al-min", context, sort_options)
            style_first = self.get_option("et-al-use-first", context, sort_options)
            if style_min and len(names) >= style_min and shown > style_first:
                sort_options = {
                    **(sort_options or {}),
                    "et-al-use-first": str(shown),
                    **({"et-al-min": str(len(names) + 1)} if shown >= len(names) else {}),
                }
        if len(names) > 1 and dict.get(names[-1], "literal") == OTHERS_LITERAL:
            real = len(names) - 1
            style_min = self.get_option("et-al-min", context, sort_options)
            style_first = self.get_option("et-al-use-first", context, sort_options)
            first = min(style_first, real) if style_min and real >= style_min else real
            sort_options = {
                **(sort_options or {}),
                "et-al-min": str(real + 1),
                "et-al-use-first": str(max(first, 1)),
                "et-al-use-last": "false",
            }
        text = render_name_list(self, item, variable, context, sort_options)
        rendered = NAME_TEXTS.get()
        if rendered is not None and text is not None:
            rendered.append(mk.strip(str(text)))
        return text

    def initialize(self, given: Any, mark: str, context: Any) -> Any:
        text = str(given)
        marked = text.startswith(mk.HIGHLIGHT[0])
        in_full = mk.FULL_GIVEN[0] in text  # the cite needed the full given name
        if in_full or self.get("initialize", "true").lower() == "false":
            result = normalise_initials(mk.strip(text), mark)
            return f"{mk.HIGHLIGHT[0]}{result}{mk.HIGHLIGHT[1]}" if marked else result
        result = initialize(
            text.translate(_NOT_FORMATTING),
            mark,
            self.get_option("initialize-with-hyphen", context),
        )
        return f"{mk.HIGHLIGHT[0]}{result}{mk.HIGHLIGHT[1]}" if marked else result


_NOT_FORMATTING = {ord(c): None for c in mk.HIGHLIGHT + mk.FULL_GIVEN}
"""Markers a given name carries that are not formatting of its own (handled around it)."""


class MarkedNames(PunctuationMerging, cm.Names):  # type: ignore[misc]
    """CSL 1.0.2 "Reference Grouping": substitution "is limited to the names of the first
    ``cs:names`` element rendered" and keeps that element's affixes, so the markers go around
    the name list inside the affixes.  Every list is marked (a render may be discarded, as by
    group suppression); a list that ``cs:substitute`` rendered is marked where it was rendered,
    not again around it."""

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        if names_context is None and self.name is None:
            # CSL 1.0.2 "Substitution": a shorthand cs:names in cs:substitute inherits the
            # parent's cs:name and cs:et-al, also inside a cs:choose there (Chicago's editors
            # came out as "D. Okafor, A. Lindqvist" without it)
            found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            names_context = found[0] if found else None
        note_called()
        text = self._marked(item, names_context, context, **kw)
        if text is not None and str(text):
            roles = str(self.get("variable", "")).split()
            reference = item.reference
            record(self, context, NAMES_TAG, [r for r in roles if r.replace("-", "_") in reference])
        return text

    def _marked(self, item: Any, names_context: Any, context: Any, **kw: Any) -> Any:
        sorting = SORTING.get()
        if not MARK_NAMES.get() or sorting:
            return render_names(self, item, names_context, context, sorting, **kw)
        rendered: list[str] = []

        def mark(text: Any) -> Any:
            if not isinstance(text, (str, MixedString)):
                return text
            plain = str(text)
            if not plain or mk.NAMES[0] in plain:
                return text
            digest = _names_digest(rendered, plain)
            opener = mk.NAMES[0] + mk.NAMES_ID[0] + digest + mk.NAMES_ID[1]
            if isinstance(text, MixedString):
                return String(opener) + text + String(mk.NAMES[1])
            return type(text)(opener + text + mk.NAMES[1])

        token = NAME_TEXTS.set(rendered)
        try:
            return render_names(self, item, names_context, context, sorting, mark, **kw)
        finally:
            NAME_TEXTS.reset(token)


def _names_digest(names: list[str], rendered: str) -> str:
    """What a name list stands for: CSL 1.0.2 substitutes "when all rendered names of the name
    variable match" the previous entry's, so the names as rendered (et-al included, labels
    not: ``Doe, John ed.`` and ``Doe, John`` match).  Output a ``cs:substitute`` gave in their
    place (a title) stands for itself."""
    return hashlib.sha256(repr(names or rendered).encode()).hexdigest()[:16]


# --- highlighted persons -----------------------------------------------------------------


class HighlightedName(_SourceName):  # type: ignore[misc]
    """A person to show in bold (``--highlight``): every name part is wrapped in markers.

    Highlighting the person (not searching the output) works in every style: initials, family
    first, particles.  :meth:`FixedName.initialize` looks through the markers.
    """

    def __init__(self, name: Any) -> None:
        dict.__init__(self, name)

    def parts(self) -> tuple[Any, ...]:
        return tuple(
            None if p is None else f"{mk.HIGHLIGHT[0]}{p}{mk.HIGHLIGHT[1]}" for p in super().parts()
        )
