"""Number variables: ranges printed with ``cs:text`` (``6(1-2)`` -> ``6(1–2)``); hyphenated
names printed with ``cs:number`` (:class:`HyphenatedNumberVariable`).

CSL 1.0.2 calls content numeric when it "solely consists of numbers", numbers that "may have
prefixes and suffixes ("D2", "2b", "L2d"), and may be separated by a comma, hyphen, or
ampersand" (``is-numeric``).  A hyphen between two such numbers is a range, and the official
test suite prints it with an en dash whether the variable goes through ``cs:number`` or
``cs:text`` (``fullstyles_ABdNT``: ``<text variable="issue"/>`` with ``3-4`` gives ``n. 3–4``),
as citeproc-js does.  citeproc-py printed ``cs:text`` values as given (``1-2``).

Content that is not numeric stays as written: ``C-30`` and ``SE-5`` (a volume of IEEE
Transactions on Computers, on Software Engineering) are names of volumes, not ranges.
``page`` has its own rules (``page-range-format``), and so do ``locator`` and
``citation-number``; they are left to citeproc-py and :mod:`.pages`.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model as cm
from citeproc.string import MixedString, String

RANGED = frozenset(
    {
        "chapter-number",
        "collection-number",
        "edition",
        "issue",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "part-number",
        "printing-number",
        "supplement-number",
        "volume",
    }
)
"""The CSL 1.0.2 number variables whose ranges :func:`en_dash_ranges` writes (not ``page``,
``page-first``, ``locator``, ``citation-number``, ``first-reference-note-number``)."""

_SEPARATORS = re.compile("([-\u2013,&])")
"""What separates the numbers of numeric content (CSL 1.0.2 ``is-numeric``)."""


def _number(token: str) -> bool:
    """One number with optional letter prefix and suffix (``D2``, ``2b``, ``L2d``)."""
    text = token.strip()
    start = 0
    while start < len(text) and text[start].isalpha():
        start += 1
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    return end > start and all(ch.isalpha() for ch in text[end:])


def en_dash_ranges(value: str) -> str:
    """``value`` with the hyphens between its numbers as en dashes, when it is numeric in CSL
    1.0.2's sense (``1-2`` -> ``1–2``, ``3 - 4a`` -> ``3–4a``); anything else unchanged
    (``C-30``, ``Special issue 1-2``)."""
    if "-" not in value:
        return value
    parts = _SEPARATORS.split(value.strip())  # [number, separator, number, ...]
    if not all(_number(part) for part in parts[0::2]):
        return value
    out = [parts[0]]
    for separator, number in zip(parts[1::2], parts[2::2], strict=True):
        if separator == "-":
            out[-1] = out[-1].rstrip()
            out.extend(("\u2013", number.lstrip()))
        else:
            out.extend((separator, number))
    return "".join(out)


class NumberRanges:
    """``cs:text`` of a number variable prints its numeric ranges with an en dash."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)  # type: ignore[misc]
        if self.get("variable") not in RANGED or text is None:
            return text
        # MixedString indexes characters; its pieces are the list's own items
        pieces = list(list.__iter__(text)) if isinstance(text, MixedString) else [text]
        if len(pieces) != 1 or type(pieces[0]) not in (str, String):
            return text  # markup (a nocase span, italics) inside: left as written
        ranged = en_dash_ranges(str(pieces[0]))
        if ranged == str(pieces[0]):
            return text
        return MixedString([String(ranged)]) if isinstance(text, MixedString) else String(ranged)


class HyphenatedNumberVariable(cm.Number):  # type: ignore[misc]
    """``cs:number`` of a number variable whose name has a hyphen (``number-of-volumes``,
    ``chapter-number``, ``collection-number``, ...) prints its value.

    CSL 1.0.2 ``cs:number`` renders any number variable; citeproc-py looked the value up
    under the CSL name, while its item data keys such variables with underscores, so the
    lookup always failed and APA's and IEEE's ``<number variable="number-of-volumes"/>``
    printed nothing.  Sits below pubconv's other ``cs:number`` fixes in the class order, so
    substitution and the rest apply as for ``volume``."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable") or ""
        if "-" not in variable or variable == "page-first":
            return super().process(item, context=context, **kwargs)
        return self._process(item.reference[variable.replace("-", "_")], variable)
