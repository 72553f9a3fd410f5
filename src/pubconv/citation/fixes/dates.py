"""Fixed ``cs:date``/``cs:date-part``: localized date delimiters, the implicit year suffix."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.source import DateRange, LiteralDate, VariableError
from citeproc.string import String

from pubconv.citation.fixes.datememo import rendered
from pubconv.citation.fixes.dateranges import render_range, render_single
from pubconv.citation.fixes.elements import note_called, note_filled
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

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        """The parts through :func:`.dateranges.render_part` (seasons, gendered ordinals)."""
        return render_single(self, date, show_parts, context)

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        """CSL 1.0.2 "Date Ranges" (:mod:`.dateranges`): shared parts once, in the format's
        order, the differing ones joined by the ``range-delimiter`` of the largest."""
        if date_range.end.is_nil():
            return render_single(self, date_range.begin, show_parts, context)
        return render_range(self, date_range, show_parts, context)

    def _localized(self, item: Any, variable: str, show_parts: Any) -> Any:
        """A ``cs:date`` with ``form``, rendered here by the locale's format (whose elements
        are citeproc-py's own, outside pubconv's fixes), as citeproc-py's ``Date.process``
        did: the ``date-parts`` shown, the style's affixes around it."""
        localized = self.get_date(self.get("form"))
        if self.get("date-parts") is not None:
            show_parts = str(self.get("date-parts")).split("-")
        value = item.reference[variable.replace("-", "_")]
        if not value:
            return None
        if isinstance(value, LiteralDate):
            text = value.text
        elif isinstance(value, DateRange) and not value.end.is_nil():
            text = render_range(localized, value, show_parts, self)
        else:
            date = value.begin if isinstance(value, DateRange) else value
            text = render_single(localized, date, show_parts, self)
        return None if text is None else self.wrap(text)

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
        text = self._rendered(item, name, variable, args, kwargs)
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

    def _rendered(
        self, item: Any, name: str, variable: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """The date's text (without what rendering it counts and records), kept per value
        for the bibliography (:mod:`.datememo`) unless the implicit year suffix is pending.
        A localized date is kept with the state of the locale's date parts (citeproc-py
        copies the style's date-part attributes onto them, and those copies stay)."""
        localized = None
        if self.get("form") is not None and not self.is_locale_date():
            show_parts = kwargs.get("show_parts", args[0] if args else None)
            localized = self.get_date(self.get("form"))

            def render() -> Any:
                return self._localized(item, name, show_parts)

            arguments: tuple[Any, ...] = (name, show_parts)
        else:

            def render() -> Any:
                return super(FixedDate, self).process(item, variable, *args, **kwargs)

            pairs = (x for pair in sorted(kwargs.items()) for x in pair)
            arguments = (name, variable, *args, *pairs)
        if YEAR_SUFFIX.get() or not name or self.is_locale_date():
            return render()
        try:
            value = item.reference[name.replace("-", "_")]
        except VariableError:
            return render()  # as citeproc-py fails on it
        return rendered(self, value, arguments, render, localized)

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


class YearSuffixedDatePart(PunctuationMerging, cm.Date_Part):  # type: ignore[misc]
    """The first rendered year takes the pending implicit year suffix."""

    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        suffix = YEAR_SUFFIX.get()
        if suffix and self.get("name") == "year" and text:
            YEAR_SUFFIX.set("")
            return str(text) + suffix
        return text
