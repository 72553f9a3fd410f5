"""citeproc-py's formatting hooks -> pubconv's markers (:mod:`pubconv.citation.markup`)."""

from __future__ import annotations

from typing import Any

from citeproc.string import String

from pubconv.citation import markup as mk

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
        """No escaping here: :mod:`pubconv.citation.output` escapes per output format."""
        return text


FORMATTER = MarkerFormatter()
