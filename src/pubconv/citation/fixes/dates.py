"""Fixed ``cs:date``/``cs:date-part``: localized date delimiters, the implicit year suffix."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.source import DateRange, VariableError
from citeproc.string import String

from pubconv.citation.fixes.elements import note_called, note_filled
from pubconv.citation.fixes.ordinals import GenderedDayOrdinal
from pubconv.citation.fixes.punctuation import PunctuationMerging
from pubconv.citation.fixes.state import CSL_NS, SORTING, YEAR_SUFFIX


def _layout(element: Any, context: Any) -> Any:
    """The ``cs:layout`` rendering ``element`` (through ``context`` for a macro), or None (a
    locale's date, a sort key)."""
    try:
        return (element if context is None else context).get_layout()
    except (IndexError, AttributeError):
        return None


class FixedDate(cm.Date):  # type: ignore[misc]
    """CSL 1.0.2 localized dates: a ``cs:date`` with ``form`` uses the locale's date format, whose
    ``delimiter`` separates the parts; citeproc-py joined them with the calling element's
    (absent) delimiter, so NLM/Vancouver printed ``1993Sep`` for ``1993 Sep``."""

    def join(self, strings: Any, default_delimiter: str = "") -> Any:
        form = self.get("form")
        if form is not None and self.get("delimiter") is None and not self.is_locale_date():
            default_delimiter = self.get_date(form).get("delimiter", default_delimiter)
        return super().join(strings, default_delimiter)

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        """CSL 1.0.2 ``range-delimiter`` on ``cs:date-part``: a date range is joined by the
        delimiter of "the largest date part ... that differs" (default an en dash); citeproc-py
        always used an en dash."""
        text = super().render_date_range(date_range, show_parts, context)
        if text is None or date_range.end.is_nil():
            return text
        begin, end = date_range.begin, date_range.end
        largest = "day"
        for part in ("year", "month"):
            if getattr(begin, part, None) != getattr(end, part, None):
                largest = part
                break
        delimiter = None
        for element in (self, context):
            if element is None:
                continue
            for date_part in element.findall(f"{{{CSL_NS}}}date-part"):
                if date_part.get("name") == largest and date_part.get("range-delimiter"):
                    delimiter = date_part.get("range-delimiter")
            if delimiter is not None:
                break
        if delimiter is None or delimiter == "\u2013":
            return text
        joined = str(text).replace("\u2013", delimiter, 1)
        return joined if type(text) is str else String(joined)

    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """A localized date renders through the locale's date parts, not the style's, so the
        implicit year suffix (:class:`YearSuffixedDatePart`) is placed after the year here.

        CSL 1.0.2 "Substitution": a date a ``cs:substitute`` rendered (through a macro) is
        suppressed in the rest of the entry; citeproc-py printed it again."""
        name = str(variable or self.get("variable") or "")
        if SORTING.get() and name and not self.is_locale_date():
            return self._sort_value(item, name)
        note_called()
        layout = _layout(self, kwargs.get("context", args[1] if len(args) > 1 else None))
        repressed = getattr(layout, "repressed", None) or {}
        if name and name in repressed.get(self.tag, ()):
            return None
        text = super().process(item, variable, *args, **kwargs)
        if text:
            note_filled()
        if text and layout is not None and getattr(layout, "pubconv_recording", None) is not None:
            layout.repressed.setdefault(self.tag, []).append(name)
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

    def _sort_value(self, item: Any, name: str) -> Any:
        """CSL 1.0.2 "Sorting Macros": a date rendered in a sort-key macro is ``YYYYMMDD`` (as a
        date variable's key) but of the date parts it would render only, zeros for the rest, so
        a year-only ``[2002]`` precedes ``[2002-10-25]`` whatever the parts' rendered form;
        citeproc-py sorted the rendered text (``December`` before ``May``)."""
        try:
            value = item.reference[name.replace("-", "_")]
        except VariableError:
            return None
        if not value:
            return None
        if not hasattr(value, "year") and not isinstance(value, DateRange):
            return String(str(getattr(value, "text", value)))  # a literal date sorts as written
        if self.get("form") is not None:
            shown = self.get("date-parts", "year-month-day").split("-")
        else:
            shown = [part.get("name") for part in self.findall(f"{{{CSL_NS}}}date-part")]
        dates = [value.begin, value.get("end")] if isinstance(value, DateRange) else [value]
        keys = []
        for date in dates:
            if date is None or date.is_nil():
                continue
            year = date.year if "year" in shown else 0
            month = date.get("month", 0) if "month" in shown else 0
            day = date.get("day", 0) if "day" in shown else 0
            keys.append(f"{year + 10000:05}{month:02}{day:02}")
        return String("-".join(keys)) if keys else None


class YearSuffixedDatePart(PunctuationMerging, GenderedDayOrdinal, cm.Date_Part):  # type: ignore[misc]
    """The first rendered year takes the pending implicit year suffix; an ordinal day agrees
    with its month's gender (:mod:`.ordinals`)."""

    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        suffix = YEAR_SUFFIX.get()
        if suffix and self.get("name") == "year" and text:
            YEAR_SUFFIX.set("")
            return str(text) + suffix
        return text
