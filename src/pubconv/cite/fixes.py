"""pubconv's corrections to citeproc-py, as subclasses of its CSL element classes.

citeproc-py maps each CSL element (``cs:text``, ``cs:name``, ...) to a Python class through an
lxml element-class lookup.  :func:`element_lookup` builds the same lookup with the classes below
put in place of the originals, so every fix is local to pubconv's parser: nothing is
monkeypatched and plain citeproc-py keeps behaving as before.  Each fix is a small, named mixin
whose docstring cites the rule of the CSL 1.0.2 specification it implements.
"""

from __future__ import annotations

from typing import Any

from citeproc import model as cm  # type: ignore[import-untyped]
from citeproc.source import Name as _SourceName  # type: ignore[import-untyped]
from citeproc.string import String  # type: ignore[import-untyped]
from lxml import etree

from pubconv.cite import markup as mk

CSL_NS = "http://purl.org/net/xbiblio/csl"


# --- formatter: citeproc-py formatting hooks -> pubconv markers ---------------------------


def _wrapper(pair: tuple[str, str]) -> Any:
    def wrap(text: Any) -> Any:
        return String(pair[0] + str(text) + pair[1])

    return wrap


class MarkerFormatter:
    """A citeproc-py formatter (module-like object) that emits :mod:`markup` markers."""

    Italic = staticmethod(_wrapper(mk.ITALIC))
    Oblique = Italic
    Bold = staticmethod(_wrapper(mk.BOLD))
    Light = staticmethod(lambda text: text)
    Underline = staticmethod(_wrapper(mk.UNDERLINE))
    Superscript = staticmethod(_wrapper(mk.SUPERSCRIPT))
    Subscript = staticmethod(_wrapper(mk.SUBSCRIPT))
    SmallCaps = staticmethod(_wrapper(mk.SMALL_CAPS))

    @staticmethod
    def preformat(text: Any) -> Any:
        """No escaping here: :mod:`pubconv.cite.output` escapes per output format."""
        return text


FORMATTER = MarkerFormatter()


# --- the lookup --------------------------------------------------------------------------

_FIXED: dict[str, type] = {}


def _register(tag: str) -> Any:
    def decorate(cls: type) -> type:
        _FIXED[tag] = cls
        return cls

    return decorate


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """citeproc-py's element classes by CSL tag, with pubconv's fixed subclasses in place."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = cm.CitationStylesElement
    for cls in cm.CitationStylesElement.__subclasses__():
        tag = cls.__name__.replace("_", "-").lower()
        namespace[tag] = _FIXED.get(tag, cls)
    return lookup


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
