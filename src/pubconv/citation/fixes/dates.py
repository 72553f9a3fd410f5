"""Fixed ``cs:date``/``cs:date-part``: localized date delimiters, the implicit year suffix."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.source import DateRange, VariableError

from pubconv.citation.fixes.punctuation import PunctuationMerging
from pubconv.citation.fixes.state import YEAR_SUFFIX


class FixedDate(cm.Date):  # type: ignore[misc]
    """CSL 1.0.2 localized dates: a ``cs:date`` with ``form`` uses the locale's date format, whose
    ``delimiter`` separates the parts; citeproc-py joined them with the calling element's
    (absent) delimiter, so NLM/Vancouver printed ``1993Sep`` for ``1993 Sep``."""

    def join(self, strings: Any, default_delimiter: str = "") -> Any:
        form = self.get("form")
        if form is not None and self.get("delimiter") is None and not self.is_locale_date():
            default_delimiter = self.get_date(form).get("delimiter", default_delimiter)
        return super().join(strings, default_delimiter)

    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """A localized date renders through the locale's date parts, not the style's, so the
        implicit year suffix (:class:`YearSuffixedDatePart`) is placed after the year here."""
        text = super().process(item, variable, *args, **kwargs)
        suffix = YEAR_SUFFIX.get()
        if not suffix or not isinstance(text, str):
            return text
        name = str(variable or self.get("variable") or "").replace("-", "_")
        try:
            value = item.reference[name]
            start = value.begin if isinstance(value, DateRange) else value
            year = str(abs(int(start.year)))
        except (VariableError, AttributeError, TypeError, ValueError):
            return text  # a literal date or one without a year: nothing to attach to
        at = text.find(year)
        if at < 0:
            return text
        YEAR_SUFFIX.set("")
        end = at + len(year)
        return type(text)(text[:end] + suffix + text[end:])


class YearSuffixedDatePart(PunctuationMerging, cm.Date_Part):  # type: ignore[misc]
    """The first rendered year takes the pending implicit year suffix."""

    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        suffix = YEAR_SUFFIX.get()
        if suffix and self.get("name") == "year" and text:
            YEAR_SUFFIX.set("")
            return str(text) + suffix
        return text
