"""Containers passed over when an entry holds none of the variables they could read.

Most of a large style renders nothing for a given entry: of some 72,000 macro calls per
1,000 APA entries 83% render nothing, and 77% of its 52,000 groups are suppressed, because
the entry lacks every variable they test or print (an article has no ``genre``, no
``collection-title``, no ``reviewed-author``).  What such a container does is fixed by what
the entry *lacks*: its ``cs:if`` tests on those variables fail, its leaves render nothing,
its groups are suppressed.  Only the entry's type (``cs:if type=``), whether a sort key is
being rendered, and the element it is rendered for (``context``) can still change it.

So each container (a macro call, a ``cs:choose``, a group) knows, read once from the style,
every item variable anything inside it reads or tests, through macros and substitutes
(:func:`reads`).  When an entry holds none of them, the container's outcome for that
entry's type, sort mode and context is rendered once and remembered: nothing, or a
suppressed group (``VariableError``), with the counts of called and filled variables it
added (:mod:`.elements`, which the groups around it read).  The next entry lacking the same
variables gets the remembered outcome without rendering.  Whether the cite stayed ambiguous
(``disambiguate="true"``) is part of that key.  An outcome with text is never remembered, and
a container whose rendering may depend on anything else (a ``position`` or ``locator``
condition, a ``cs:text`` of the locator) is always rendered.
The remembered outcomes hold for one bibliography (:func:`new_bibliography`): another one
may have another locale, whose terms decide whether a container of terms is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc.source import VariableError

from pubconv.citation.fixes.elements import _COUNTS, AMBIGUOUS_KEY
from pubconv.citation.fixes.plans import _type_of, know_language
from pubconv.citation.fixes.state import CSL_NS

Runner = Callable[[Any, str, dict[str, Any]], Any]

_TAG = f"{{{CSL_NS}}}"
_IF_TAGS = frozenset({_TAG + "if", _TAG + "else-if"})
_READING_TAGS = frozenset(_TAG + t for t in ("text", "number", "date", "label", "names"))

_DECIDED_BY_DATA = frozenset(
    {"type", "variable", "is-numeric", "is-uncertain-date", "disambiguate", "match"}
)
"""The condition tests decided by the item's data and type (each false for a variable the
item lacks) and by whether the cite stayed ambiguous (part of the remembered outcome's key);
``position`` and ``locator`` depend on the cite."""

_NOT_FROM_DATA = frozenset({"locator", "first-reference-note-number"})
"""Variables of the cite, not of the item's data: a container reading them is not passed
over."""

_PRESENT = "pubconv_present"
"""On a cite: the set of its reference's variables (citeproc-py's spelling)."""

_GENERATION = [0]
"""Bumped for each bibliography citeproc-py is given: outcomes of an earlier one are
forgotten."""

_UNREAD: Any = object()


def new_bibliography() -> None:
    """Forget the remembered outcomes: a new bibliography (items, style, locale) begins."""
    _GENERATION[0] += 1


def generation() -> int:
    """Which bibliography is being rendered (:func:`new_bibliography`)."""
    return _GENERATION[0]


def _spellings(variable: str) -> tuple[str, ...]:
    """The reference keys citeproc-py may read for ``variable`` (its short form, ``page``
    for ``page-first``, a name role under both spellings)."""
    name = variable.replace("-", "_")
    spelled = (variable, name, name + "_short")
    return (*spelled, "page") if variable.startswith("page") else spelled


def reads(element: Any) -> frozenset[str] | None:
    """Every reference key ``element``'s subtree may read or test (through macros and
    substitutes), or ``None`` when its rendering may depend on more than the item's data and
    type (an unplanned condition, the locator).  Read once per element."""
    known = element.__dict__.get("pubconv_reads", _UNREAD)
    if known is _UNREAD:
        element.__dict__["pubconv_reads"] = None  # a macro reached again while reading it
        known = element.__dict__["pubconv_reads"] = _read(element)
    return known  # type: ignore[no-any-return]


def _read(element: Any) -> frozenset[str] | None:
    found: set[str] = set()
    for node in element.iter():
        tag = node.tag
        if tag in _IF_TAGS:
            if not _DECIDED_BY_DATA.issuperset(node.attrib.keys()):
                return None
            for attribute in ("variable", "is-numeric", "is-uncertain-date"):
                for variable in (node.get(attribute) or "").split():
                    if variable in _NOT_FROM_DATA:
                        return None
                    found.update(_spellings(variable))
        elif tag in _READING_TAGS:
            for variable in (node.get("variable") or "").split():
                if variable in _NOT_FROM_DATA:
                    return None
                found.update(_spellings(variable))
            macro_name = node.get("macro") if tag == _TAG + "text" else None
            if macro_name is not None:
                inner = reads(node.get_macro(macro_name))
                if inner is None:
                    return None
                found |= inner
    return frozenset(found)


def _present(item: Any) -> frozenset[str]:
    present = dict.get(item, _PRESENT)
    if present is None:
        present = frozenset(item.reference)
        dict.__setitem__(item, _PRESENT, present)
    return present


def know_item(cite: Any) -> None:
    """Find once, before rendering, what :func:`pruned`, the conditions and the texts ask of
    every cite at every container: its reference's variables, its type, whether it has a
    language."""
    _present(cite)
    _type_of(cite)
    know_language(cite)


def pruned(run: Runner, element: Any) -> Runner:
    """``run`` (``element``'s runner), passed over as the module says where it can be."""
    wanted = reads(element)
    if wanted is None:
        return run
    counts = _COUNTS
    outcomes: dict[tuple[Any, ...], tuple[int, int, bool]] = {}
    generation = [_GENERATION[0]]

    def run_pruned(item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        present = dict.get(item, _PRESENT)
        if not wanted.isdisjoint(_present(item) if present is None else present):
            return run(item, delimiter, kwargs)
        if generation[0] != _GENERATION[0]:
            outcomes.clear()
            generation[0] = _GENERATION[0]
        key = (
            _type_of(item),
            kwargs.get("sort_options") is None,
            kwargs.get("context"),
            dict.get(item, AMBIGUOUS_KEY, False),
        )
        outcome = outcomes.get(key)
        if outcome is not None:
            called, filled, suppressed = outcome
            counts[0] += called
            counts[1] += filled
            if suppressed:
                raise VariableError
            return None
        called_before, filled_before = counts
        try:
            text = run(item, delimiter, kwargs)
        except VariableError:
            outcomes[key] = (counts[0] - called_before, counts[1] - filled_before, True)
            raise
        if text is None:
            outcomes[key] = (counts[0] - called_before, counts[1] - filled_before, False)
        return text

    return run_pruned
