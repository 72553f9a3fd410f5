"""The CSL 1.0.2 variables, and item data that holds those citeproc-py 0.11 does not know.

citeproc-py knows the CSL 1.0.1 variables: a ``reviewed-author``, a ``volume-title`` or an
``available-date`` (CSL 1.0.2, Appendix IV) was dropped from the item before rendering, so
``<names variable="reviewed-author">`` printed nothing and a style's "Review of ..., by ..."
never appeared.  :data:`CSL_VARIABLES` lists every variable of the specification (as CSL spells
them), and :class:`Source` reads items into citeproc-py references the way citeproc-py's own
``CiteProcJSON`` does, with the 1.0.2 name and date variables parsed as names and dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from citeproc import DATES, NAMES, VARIABLES
from citeproc.source import CustomDict, Reference
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

NAME_VARIABLES: Final = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "editor-translator",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
DATE_VARIABLES: Final = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
NUMBER_VARIABLES: Final = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part-number",
        "printing-number",
        "section",
        "supplement-number",
        "version",
        "volume",
    ]
)
STANDARD_VARIABLES: Final = frozenset(
    [
        "abstract",
        "annote",
        "archive",
        "archive_collection",
        "archive_location",
        "archive-place",
        "authority",
        "call-number",
        "citation-key",
        "citation-label",
        "collection-title",
        "container-title",
        "container-title-short",
        "dimensions",
        "division",
        "event",
        "event-title",
        "event-place",
        "genre",
        "jurisdiction",
        "keyword",
        "language",
        "license",
        "medium",
        "note",
        "original-publisher",
        "original-publisher-place",
        "original-title",
        "part-title",
        "publisher",
        "publisher-place",
        "references",
        "reviewed-genre",
        "reviewed-title",
        "scale",
        "source",
        "status",
        "title",
        "title-short",
        "volume-title",
        "year-suffix",
    ]
)
CSL_VARIABLES: Final = STANDARD_VARIABLES | NUMBER_VARIABLES | DATE_VARIABLES | NAME_VARIABLES
"""Every variable of CSL 1.0.2 (Appendix IV), spelled as in CSL-JSON."""


def _python(names: Iterable[str]) -> frozenset[str]:
    return frozenset(n.replace("-", "_") for n in names)


_NAMES: Final = _python(NAME_VARIABLES) | frozenset(NAMES)
_DATES: Final = _python(DATE_VARIABLES) | frozenset(DATES)
_KNOWN: Final = _python(CSL_VARIABLES) | frozenset(VARIABLES) | {"uri", "container_uri", "date"}


class _Reference(Reference):  # type: ignore[misc]
    """A citeproc-py reference that takes the CSL 1.0.2 variables too (citeproc-py's warns
    about each variable it does not know)."""

    def __init__(self, key: str, type: str, **args: Any) -> None:
        self.key = key
        self.type = type
        CustomDict.__init__(self, args, optional=_KNOWN)


class Source(CiteProcJSON):  # type: ignore[misc]
    """CSL-JSON items as citeproc-py references (``CiteProcJSON``'s reading), with the CSL
    1.0.2 name and date variables read as names and dates."""

    def __init__(self, json_data: Iterable[dict[str, Any]]) -> None:
        for ref in json_data:
            data: dict[str, Any] = {}
            key, kind = "", "document"
            for name, value in ref.items():
                variable = name.replace("-", "_")
                if variable == "id":
                    key = str(value).lower()
                elif variable == "type":
                    kind = value
                elif variable != "key":
                    if variable in _NAMES:
                        value = self.parse_names(value)
                    elif variable in _DATES:
                        value = self.parse_date(value)
                    elif name != "language":
                        value = self.parse_string(value)
                    data[variable] = value
            self.add(_Reference(key, kind, **data))

    def parse_string(self, string: Any) -> Any:
        """citeproc-py's reading (``nocase`` spans as ``NoCase`` parts); a text with no tag at
        all, most values, is one ``String`` part, made directly: citeproc-py lower-cases the
        text to look for the span and adds the part to an empty ``MixedString`` through its
        seam checks (a quarter of building the items of a run)."""
        text = str(string)
        if "<" in text:
            return super().parse_string(text)
        return MixedString([String(text)]) if text else MixedString()

    def parse_date(self, json_data: Any) -> Any:
        """citeproc-py's reading, plus CSL-JSON's ``raw`` form (``{"raw": "2001-03-05"}``),
        which it dropped: read as pubconv reads dates, or printed as written when it is no
        date pubconv knows, so a ``cite`` never loses a date the item has."""
        if not isinstance(json_data, dict):
            return None
        literal, raw = json_data.get("literal"), json_data.get("raw")
        if "date-parts" not in json_data and not str(literal or raw or "").strip():
            return None  # an empty literal or raw date is no date (not an empty one)
        if not isinstance(raw, str) or "date-parts" in json_data or "literal" in json_data:
            return super().parse_date(json_data)
        from pubconv.formats.csljson.dates import from_csl, to_csl

        try:
            parsed = to_csl(from_csl({"raw": raw}))
        except ValueError:
            parsed = {}
        if "date-parts" not in parsed:
            parsed = {"literal": raw}
        return super().parse_date({**json_data, **parsed})
