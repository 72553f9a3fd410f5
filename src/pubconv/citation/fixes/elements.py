"""Fixed ``cs:substitute``, ``cs:group`` and ``cs:label``: which parts of an entry render."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError

from pubconv.citation.fixes.needs import any_present, variables_needed
from pubconv.citation.fixes.plans import enclosing_names
from pubconv.citation.fixes.punctuation import PunctuationMerging
from pubconv.citation.fixes.state import CSL_NS
from pubconv.citation.fixes.textcase import english

# --- fix: substituted_variables_suppressed ----------------------------------------------

_TEXT_TAG = f"{{{CSL_NS}}}text"
_NUMBER_TAG = f"{{{CSL_NS}}}number"
NAMES_TAG = f"{{{CSL_NS}}}names"


_COUNTS = [0, 0]
"""How many variables have been called, and how many of them rendered non-empty, in this
process (:func:`counts`)."""


def counts() -> tuple[int, int]:
    """``(called, filled)``: counts that grow whenever a variable is called and whenever one
    renders non-empty; a group compares them before and after a macro to know whether the
    macro called variables and whether any rendered (CSL 1.0.2 "Group")."""
    return _COUNTS[0], _COUNTS[1]


def note_called() -> None:
    """A rendering element called a variable (for :func:`counts`)."""
    _COUNTS[0] += 1


def note_filled() -> None:
    """A variable rendered non-empty (for :func:`counts`)."""
    _COUNTS[1] += 1


def record(
    element: Any, context: Any, tag: str, variables: list[str], *, count: bool = True
) -> None:
    """Note ``variables`` as rendered (non-empty) by a ``tag`` element: counted for
    :func:`counts` (with ``count``), and listed when a ``cs:substitute`` listens."""
    if count:
        _COUNTS[1] += 1
    layout = (context if context is not None else element).get_layout()
    recording = getattr(layout, "pubconv_recording", None)
    if recording is not None:
        recording.extend((tag, v) for v in variables)


def repressed(element: Any, context: Any, tag: str) -> list[str]:
    """Variables of elements of ``tag`` a ``cs:substitute`` rendered in this entry."""
    layout = (context if context is not None else element).get_layout()
    return list(getattr(layout, "repressed", {}).get(tag, ()))


class SubstitutedTextRecorder:
    """Records which variables a ``cs:text`` renders while a ``cs:substitute`` is active."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        """(A variable the processor generates, ``year-suffix`` say, is not a call: CSL 1.0.2
        groups are about the item's data.)"""
        data = self.calls_variable()
        if data:
            note_called()
        text = super()._variable(item, context)  # type: ignore[misc]
        if text is not None and str(text):
            record(self, context, _TEXT_TAG, [self.get("variable")], count=data)
        return text


class FixedNumber(PunctuationMerging, cm.Number):  # type: ignore[misc]
    """CSL 1.0.2 "Substitution" for ``cs:number``: a number substituted for the author (APA's
    edition inside the title macro of a ``@manual`` without author) is suppressed in the rest of
    the output; citeproc-py printed ``(3rd ed.)`` twice."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        note_called()
        if variable in repressed(self, context, _NUMBER_TAG):
            return None
        text = super().process(item, context=context, **kwargs)
        if text is not None and str(text):
            record(self, context, _NUMBER_TAG, [variable])
        return text


def _substitutes(substitute: Any) -> list[tuple[Any, tuple[str, ...] | None]]:
    """A ``cs:substitute``'s children, each with the variables it needs, read once."""
    children: list[tuple[Any, tuple[str, ...] | None]] | None = substitute.__dict__.get(
        "pubconv_substitutes"
    )
    if children is None:
        children = [(child, variables_needed(child)) for child in substitute.getchildren()]
        substitute.__dict__["pubconv_substitutes"] = children
    return children


class FixedSubstitute(cm.Substitute):  # type: ignore[misc]
    """CSL 1.0.2 "Substitution": "Substituted variables are suppressed in the rest of the
    output".  citeproc-py only suppresses a substitute that names a variable itself, so APA
    printed a title substituted through ``<text macro="title"/>`` twice."""

    def add_to_repressed_list(self, child: Any, context: Any) -> None:
        super().add_to_repressed_list(child, context)
        layout = (context if context is not None else self).get_layout()
        for tag, variable in getattr(layout, "pubconv_recorded", None) or []:
            layout.repressed.setdefault(tag, []).append(variable)

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """A child whose variables the item lacks (:func:`needs.variables_needed`) counts the
        call and is passed over without being rendered (APA's author substitute lists a dozen
        roles, tried for every entry without a composer)."""
        layout = (context if context is not None else self).get_layout()
        text = None
        reference = item.reference
        for child, needed in _substitutes(self):
            layout.pubconv_recording = []
            try:
                if needed is not None and not any_present(needed, reference):
                    if child.calls_variable():
                        note_called()
                    continue
                if isinstance(child, cm.Names) and child.name is None:
                    names = enclosing_names(self)
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                layout.pubconv_recorded = layout.pubconv_recording
                layout.pubconv_recording = None
            if text:
                self.add_to_repressed_list(child, context)
                break
            text = None
        return text


def macro_rendered(text: Any, before: tuple[int, int]) -> None:
    """Count a macro's output (rendered since :func:`counts` was ``before``) for the groups
    around it: a non-empty macro that called no variable counts as a non-empty variable."""
    called, filled = counts()
    if text is not None and str(text) and called == before[0] and filled == before[1]:
        note_called()
        note_filled()


def _has_value(item: Any, variable: str) -> bool:
    if variable == "locator":
        return bool(item.has_locator)
    try:
        value = item.reference[variable.replace("-", "_")]
    except (VariableError, KeyError):
        return False
    return value is not None and str(value) != ""


_OPEN_RANGE = re.compile(r"\d\s*[-\u2013\u2014]+\s*(?:\?+|$)")
"""A number range whose end is open or unknown: ``397-???``, ``12-``."""


class FixedLabel(PunctuationMerging, cm.Label):  # type: ignore[misc]
    """CSL 1.0.2 "Text-case": ``title`` applies to English output.  citeproc-py passed no
    language for labels, so ``text-case="title"`` never applied: ``(ed.)`` for ``(Ed.)``."""

    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """CSL 1.0.2 "Label": the term "is only rendered if the selected variable is
        non-empty"; citeproc-py rendered a standalone label for an empty variable (Chicago's
        ``Edition.`` after every conference paper without an edition)."""
        name = self.get("variable") or ""
        if variable is None and not _has_value(item, name):
            return None
        context = kwargs.get("context")
        if variable is None and name in (
            repressed(self, context, _NUMBER_TAG) + repressed(self, context, _TEXT_TAG)
        ):
            return None  # a substituted variable counts as empty (``(3rd ed.)`` given once)
        return super().process(item, variable, *args, **kwargs)

    def _is_plural(self, item: Any) -> bool:
        """CSL 1.0.2: content "is considered plural when it contains multiple numbers (e.g.
        pages 1-3)"; an open or unknown end of a range counts too (``pp. 397–???``,
        ``pp. 12-``), as citeproc-js and pandoc read it; citeproc-py wanted a number after
        the dash.  "number-of-pages" and "number-of-volumes" are plural "when the number is
        higher than 1" (citeproc-py looked them up on the cite and raised, so no label)."""
        variable = self.get("variable") or ""
        if variable.startswith("number-of"):
            try:
                count = str(item.reference[variable.replace("-", "_")]).strip()
            except (VariableError, KeyError):
                return False
            return count.isdigit() and int(count) > 1
        if super()._is_plural(item):
            return True
        if variable == "locator":
            return False
        try:
            value = item.reference[variable.replace("-", "_")]
        except (VariableError, KeyError):
            return False
        return _OPEN_RANGE.search(str(value)) is not None

    def case(self, text: Any, language: Any = None) -> Any:
        if language is None and english(self):
            language = "en"
        return super().case(text, language)


AMBIGUOUS_KEY = "pubconv_ambiguous"
"""On a cite: it stays ambiguous after names and given names are added (CSL 1.0.2 step 3)."""


class Conditions:
    """``cs:if``/``cs:else-if`` with CSL 1.0.2's ``disambiguate`` test: "true" holds for a cite
    that the other methods left ambiguous; citeproc-py skipped the test, so such a branch
    rendered for every entry.  The other tests are citeproc-py's, combined by ``match``."""

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kw: Any) -> Any:
        if "disambiguate" not in self.attrib:
            return super().render(item, context=context, delimiter=delimiter, **kw)  # type: ignore[misc]
        wanted = self.get("disambiguate", "false").lower() == "true"
        results = [bool(dict.get(item, AMBIGUOUS_KEY, False)) == wanted]
        tests = {
            "type": self._type,
            "variable": self._variable,
            "is-numeric": self._is_numeric,
            "is-uncertain-date": self._is_uncertain_date,
            "locator": self._locator,
        }
        for attribute, test in tests.items():
            if attribute in self.attrib:
                results += test(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        match = self.get("match")
        passed = (
            any(results)
            if match == "any"
            else (not any(results) if match == "none" else all(results))
        )
        if not passed:
            raise cm.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kw)
