"""CSL name objects <-> :class:`Person`.

The model's one ``particle`` is written as CSL ``non-dropping-particle`` (the "van" of
"van Gogh" that stays with the family name, as citeproc-js and citation-js read BibTeX's "von");
a ``dropping-particle`` read from CSL becomes the particle too, and the mapping keeps the exact
name object for CSL write-back.  ``roles`` travel in ``custom`` (see ``mapping``).
"""

from __future__ import annotations

from typing import Any

from pubconv.model import Person


def _text(name: dict[str, Any], key: str) -> str | None:
    value = name.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    raise ValueError(f"name part {key!r} must be a string")


def from_csl(name: Any) -> Person:
    """One CSL name object -> Person; ``ValueError`` when it is not an object of strings."""
    if not isinstance(name, dict):
        raise ValueError('a name must be an object such as {"family": ..., "given": ...}')
    dropping = _text(name, "dropping-particle")
    non_dropping = _text(name, "non-dropping-particle")
    particle = " ".join(p for p in (dropping, non_dropping) if p is not None)
    return Person(
        family=_text(name, "family"),
        given=_text(name, "given"),
        particle=particle if (dropping is not None or non_dropping is not None) else None,
        suffix=_text(name, "suffix"),
        literal=_text(name, "literal"),
    )


def to_csl(person: Person) -> dict[str, str]:
    """Person -> CSL name object, e.g. ``{"family": "Xiong", "given": "Zhiwei"}``."""
    out: dict[str, str] = {}
    if person.family is not None:
        out["family"] = person.family
    if person.given is not None:
        out["given"] = person.given
    if person.particle is not None:
        out["non-dropping-particle"] = person.particle
    if person.suffix is not None:
        out["suffix"] = person.suffix
    if person.literal is not None:
        out["literal"] = person.literal
    return out


def list_from_csl(value: Any) -> tuple[Person, ...]:
    """A CSL name list -> persons; ``ValueError`` when it is not a list of name objects."""
    if not isinstance(value, list):
        raise ValueError("a name variable must be a list of name objects")
    return tuple(from_csl(v) for v in value)
