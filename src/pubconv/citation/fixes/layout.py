"""Fixed ``cs:layout``: ``second-field-align`` sets the first field apart."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError

from pubconv.citation.fixes.punctuation import PunctuationMerging

# --- fix: second_field_space ------------------------------------------------------------


def _render_some(parent: Any, children: Any, item: Any) -> Any:
    output = []
    for child in children:
        try:
            text = child.render(item)
        except VariableError:
            continue
        if text is not None:
            output.append(text)
    return cm.join(output, "") if output else None


class FixedLayout(PunctuationMerging, cm.Layout):  # type: ignore[misc]
    """CSL 1.0.2 ``second-field-align``: the first field (``[1]``) is set apart from the rest;
    in text output that is a space (``[1] A. Author``), where citeproc-py wrote ``[1]A. Author``."""

    def render_bibliography(self, citation_items: Any) -> Any:
        if not self.getparent().get("second-field-align"):
            return super().render_bibliography(citation_items)
        children = list(self.iterchildren())
        out = []
        for item in citation_items:
            self.repressed: dict[str, Any] = {}
            first = _render_some(self, children[:1], item)
            rest = _render_some(self, children[1:], item)
            parts = [p for p in (first, rest) if p is not None]
            text = cm.join(parts, " ") if parts else None
            text = self.format(self.wrap(text))
            if text is not None:
                out.append(text)
        return out
