"""CSL 1.0.2 ``display`` and ``second-field-align``: parts of an entry set apart as blocks."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError
from citeproc.string import String

from pubconv.citation import markup as mk
from pubconv.citation.fixes.containers import runner
from pubconv.citation.fixes.punctuation import (
    PunctuationMerging,
    _starts_with_punctuation,
    merging_join,
)
from pubconv.citation.fixes.seams import enclosed, joined, merged, plus, strip_end

# --- fix: second_field_space ------------------------------------------------------------


def _render_some(parent: Any, children: Any, item: Any) -> Any:
    """``children`` of the layout ``parent`` rendered (each through its compiled runner, as a
    container renders its children) and joined by its delimiter; None when none rendered."""
    output = []
    for child in children:
        run = child.__dict__.get("pubconv_layout_run")
        if run is None:
            run = child.__dict__["pubconv_layout_run"] = runner(child)
        try:
            text = run(item, "", {"context": None})
        except VariableError:
            continue
        if text is not None:
            output.append(text)
    return merging_join(output, parent.get("delimiter", "")) if output else None


class FixedLayout(PunctuationMerging, cm.Layout):  # type: ignore[misc]
    """CSL 1.0.2 ``second-field-align``: the first field (``[1]``) is set apart from the rest,
    each in its own block (:data:`markup.DISPLAY_LEFT`, :data:`markup.DISPLAY_RIGHT`: HTML
    ``csl-left-margin`` and ``csl-right-inline`` divs, a space in text: ``[1] A. Author``);
    the layout's suffix ends the second block.  citeproc-py wrote ``[1]A. Author``."""

    def wrap(self, string: Any) -> Any:
        """The layout's affixes; when the entry ends with a ``display`` block the suffix ends
        that block (``...Here.</div>``, as citeproc-js writes it), not the entry after it."""
        raw = "" if string is None else str(string)
        if not raw or raw[-1] not in _DISPLAY_CLOSERS or not self.get("suffix"):
            return super().wrap(string)
        return super().wrap(String(raw[:-1])) + String(raw[-1])

    def render_bibliography(self, citation_items: Any) -> Any:
        if not self.getparent().get("second-field-align"):
            return super().render_bibliography(citation_items)
        children = list(self.iterchildren())
        suffix = self.get("suffix", "")
        out = []
        for item in citation_items:
            self.repressed: dict[str, Any] = {}
            first = _render_some(self, children[:1], item)
            rest = _render_some(self, children[1:], item)
            first_text = "" if first is None else str(first)
            rest_text = "" if rest is None else str(rest)
            if rest_text:
                # an entry ends with its text, not a space (then no space before the suffix)
                rest, rest_text = strip_end(rest), rest_text.rstrip(" ")
                rest, rest_text = plus(rest, rest_text, merged(rest_text, suffix, suffix))
            elif first is not None:
                if _starts_with_punctuation(suffix) and first_text.endswith(" "):
                    first, first_text = strip_end(first), first_text.rstrip(" ")
                first, first_text = plus(first, first_text, merged(first_text, suffix, suffix))
            parts = [
                enclosed(pair[0], text, text_text, pair[1])
                for pair, text, text_text in (
                    (mk.DISPLAY_LEFT, first, first_text),
                    (mk.DISPLAY_RIGHT, rest, rest_text),
                )
                if text is not None and text_text
            ]
            if parts:
                entry, entry_text = joined(parts)
                prefix = self.get("prefix", "")
                out.append(self.format(plus(String(prefix), prefix, entry, entry_text)[0]))
        return out


_DISPLAY_CLOSERS = frozenset(pair[1] for pair in mk.DISPLAYS.values())


_UNREAD = object()


class Displayed:
    """CSL 1.0.2 ``display`` on a rendering element: its output, affixes included, is a block
    (``block``, ``left-margin``, ``right-inline``, ``indent``; :data:`markup.DISPLAYS`)."""

    def wrap(self: Any, string: Any) -> Any:
        text = super().wrap(string)  # type: ignore[misc]
        pair = self.__dict__.get("pubconv_display", _UNREAD)
        if pair is _UNREAD:
            pair = mk.DISPLAYS.get(self.get("display") or "")
            if not isinstance(self, cm.Date_Part):  # citeproc-py rewrites a date part's attributes
                self.__dict__["pubconv_display"] = pair
        if pair is None or text is None:
            return text
        text_text = str(text)
        if not text_text:
            return text
        return enclosed(pair[0], text, text_text, pair[1])[0]
