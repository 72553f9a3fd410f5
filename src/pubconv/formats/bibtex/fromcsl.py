"""CSL-JSON keys the model keeps as ``extra`` -> BibLaTeX fields, for ``csl2bib``.

A publication read from CSL-JSON carries the variables the model has no attribute for
(``accessed``, ``genre``, ``event``, ``journalAbbreviation``, ...) as ``extra`` pairs named by
the CSL key, with the ``csl.fields`` hint telling how each was typed (``s`` string, ``d`` plain
date, ``j`` JSON).  Written under those names, BibTeX and biber ignore them; written under their
BibLaTeX names (:data:`pubconv.formats.bibtex.cslmap.WRITE`) they mean what they meant:
``urldate = {2017-05-23}``, ``shortjournal = {Brief Bioinform}``.  Text is LaTeX-encoded,
names are formatted as BibTeX name lists; keys without a BibLaTeX home stay as they are (biber
warns and ignores them).  Reading such a ``.bib`` back gives the same CSL variables.
"""

from __future__ import annotations

import json
from typing import Any

from pubconv.formats.bibtex import cslmap, latexencode, names
from pubconv.formats.bibtex.values import braced
from pubconv.model import Publication

KINDS_HINT = "csl.fields"


def kinds(pub: Publication) -> dict[str, str]:
    """Extra name -> how the CSL reader kept it (empty for publications not read from CSL)."""
    text = pub.get_hint(KINDS_HINT)
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def _text_of(value: str, kind: str) -> str | None:
    if kind == "s":
        return value
    if kind == "j":
        try:
            decoded: Any = json.loads(value)
        except ValueError:
            return None
        if isinstance(decoded, list) and len(decoded) == 1 and isinstance(decoded[0], str):
            return decoded[0]  # Crossref writes titles as one-string lists
        if isinstance(decoded, int | float) and not isinstance(decoded, bool):
            return str(decoded)
    return None


def field_for(name: str, value: str, kind: str, *, ascii: bool) -> tuple[str, str] | None:
    """``(BibLaTeX field, value with delimiters)`` for one CSL extra, or ``None`` to keep it."""
    rule = cslmap.WRITE.get(name)
    if rule is None:
        return None
    if rule.kind == "date":
        return (rule.field, braced(value)) if kind == "d" else None
    if rule.kind == "names":
        if kind != "j":
            return None
        from pubconv.formats.csljson.names import list_from_csl

        try:
            persons = list_from_csl(json.loads(value))
        except ValueError:
            return None
        return (rule.field, braced(names.format_names(persons, ascii=ascii))) if persons else None
    text = _text_of(value, kind)
    if text is None or not text.strip():
        return None
    if rule.kind == "verbatim":
        return rule.field, braced(text.strip())
    return rule.field, braced(latexencode.encode(text, ascii=ascii))
