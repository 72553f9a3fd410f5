"""CSL 1.0.2 Appendix V "Page Range Formats"."""

from __future__ import annotations

import re
from typing import Any

# --- fix: page_range_format ---------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"(\D*?)(\d+)")


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count


def last_page(first: str, last: str, range_format: str | None) -> str:
    """The end of a page range as CSL 1.0.2 Appendix V "Page Range Formats" writes it.

    An abbreviated end is completed from the start first (``146-60`` is 146 to 160).
    citeproc-py compared digits from the left whatever their lengths, so ``1-25`` in
    ``minimal-two`` became ``1–5`` and ``1-30`` became ``1–0``, and it treated chicago-16 as
    chicago-15 (``1496–1500`` for the 16th edition's ``1496–500``) and applied the 15th
    edition's four-digit rule to five-digit numbers.
    """
    if range_format is None:
        return last
    start, end = _PAGE_NUMBER.fullmatch(first), _PAGE_NUMBER.fullmatch(last)
    if not start or not end or end.group(1) not in ("", start.group(1)):
        return last
    a, b = start.group(2), end.group(2)
    if len(b) < len(a):
        b = a[: len(a) - len(b)] + b
    if len(a) != len(b) or int(b) <= int(a):
        return b
    common = _common_prefix(a, b)
    style = range_format
    if style in ("chicago", "chicago-15", "chicago-16"):
        number = int(a)
        if number < 100 or number % 100 == 0:
            style = "expanded"
        elif number % 100 < 10:
            style = "minimal"
        elif range_format != "chicago-16" and len(a) == 4 and len(a) - common >= 3:
            style = "expanded"  # 15th ed.: four digits of which three change, all digits
        else:
            style = "minimal-two"
    if style == "minimal":
        return b[common:]
    if style == "minimal-two":
        return b[min(common, len(b) - 2) :] if len(b) >= 2 else b
    return b


_FIRST_PAGE = re.compile(r"[^,&\-\u2013]+")
"""The first page of a ``page`` value: what comes before its first comma, ampersand or dash."""


def first_page(value: str) -> str:
    """CSL 1.0.2 ``page-first``, "first page of the range of pages": ``12`` of ``12, 15-17``
    and of ``12-15``; citeproc-py took the first page of every range (``12, 15``)."""
    found = _FIRST_PAGE.search(value)
    return found.group(0).strip() if found else value


class PageRanges:
    """``page-range-format`` by :func:`last_page`; ``page-first`` by :func:`first_page`."""

    def _process(self: Any, value: Any, variable: str) -> Any:
        if variable == "page-first" and value is not None:
            value = first_page(str(value))
        return super()._process(value, variable)  # type: ignore[misc]

    def _format_last_page(self: Any, first: str, last: str) -> str:
        return last_page(first, last, self.get_root().get_option("page-range-format"))
