"""A ``cs:name`` name list as CSL 1.0.2 "Name" describes it, in place of citeproc-py's.

citeproc-py's ``Name.process`` joined the last name with a hard-coded ``", "`` whatever the
``delimiter``, knew no ``after-inverted-name`` for ``delimiter-precedes-last``/``-et-al``,
truncated with ``et-al-min`` even without ``et-al-use-first``, counted ``form="count"`` as
``et-al-use-first`` when nothing was truncated, and put a space after particles that end in
a hyphen (``al- One``).  :func:`render_name_list` is the rule as the
specification words it; the name parts, initials and name-part formatting stay the
element's own methods.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError

from pubconv.citation import markup as mk
from pubconv.citation.fixes.state import MARK_NAMES, SORTING

_GLUED_AFTER = ("-",)
"""A particle ending in a hyphen joins the next part without a space (``al-One``)."""


def _join(parts: list[Any], separator: str = " ") -> str:
    """Non-empty ``parts`` joined by ``separator``, none after a particle ending in
    :data:`_GLUED_AFTER` when ``separator`` is a space."""
    out = ""
    for part in parts:
        if part is None or str(part) == "":
            continue
        if out and not (separator == " " and out.endswith(_GLUED_AFTER)):
            out += separator
        out += str(part)
    return out


def _name_part(element: Any, which: str) -> Any:
    """The ``cs:name-part`` of ``element`` for ``which`` (``given``/``family``), or None,
    found once per element (a ``cs:name``'s children never change while rendering; the
    look-up ran a path search for each of some 8,000 per 1,000 APA entries)."""
    parts: dict[str, Any] | None = element.__dict__.get("pubconv_name_parts")
    if parts is None:
        parts = {}
        for part in element.findall("cs:name-part", element.nsmap):
            parts.setdefault(part.get("name"), part)
        element.__dict__["pubconv_name_parts"] = parts
    return parts.get(which)


def _styled(element: Any, which: str, text: Any) -> Any:
    """``text`` with the formatting and text case of the ``which`` name-part (no affixes)."""
    part = _name_part(element, which)
    if part is None or text is None or str(text) == "":
        return text
    return part.format(part.case(text))


def _wrapped(element: Any, which: str, text: str) -> str:
    """``text`` inside the affixes of the ``which`` name-part."""
    part = _name_part(element, which)
    if part is None or not text:
        return text
    return str(part.wrap(text))


def _east_asian(text: str) -> bool:
    """Whether ``text`` has letters and all of them are Han, kana or Hangul."""
    if text.isascii():
        return False
    letters = [ch for ch in mk.strip(text) if ch.isalpha()]
    return bool(letters) and all(
        "\u1100" <= ch <= "\u11ff"
        or "\u3040" <= ch <= "\u30ff"
        or "\u3400" <= ch <= "\u9fff"
        or "\uac00" <= ch <= "\ud7af"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003134f"
        for ch in letters
    )


def _one_name(element: Any, name: Any, inverted: bool, opt: Any, context: Any) -> str:
    """One name in ``form`` ``long`` or ``short``, inverted (``Family, Given``) or not.

    CSL 1.0.2 "Name-part Order": "names written in Asian scripts are always displayed with the
    family name preceding the given name", without a space (``毛泽东``), whatever
    ``name-as-sort-order`` says; citeproc-py printed ``泽东 毛``.

    "Name-part Formatting": the ``given`` name-part's formatting and text case apply to the
    given name and the dropping particle, the ``family`` one's to the family name and the
    non-dropping particle; the given affixes enclose the demoted particles of an inverted name,
    the family affixes the particles before it and, not inverted, the suffix.  citeproc-py
    formatted a dropping particle as the family name (``Alexander VON HUMBOLDT`` for
    uppercase family names) and printed a missing given name as ``None``.  A name with a
    given name only (``Madonna``) is never initialized away (``M.``); a short form, the family
    name, has nothing of it to show, and the list leaves it out (not ``Plato &``)."""
    given, family, dropping, non_dropping, suffix = name.parts()
    if "literal" in name:
        return str(family)
    if not family:  # no family name: nothing in a short form (as pandoc and citeproc-js)
        if opt("form") == "short":
            return ""
        return _wrapped(element, "given", str(_styled(element, "given", given) or ""))
    if _east_asian(str(family) + str(given or "")):
        family = _wrapped(element, "family", str(_styled(element, "family", family)))
        if opt("form") == "short" or not given:
            return family
        return family + _wrapped(element, "given", str(_styled(element, "given", given)))
    initialize_with = opt("initialize-with")
    if given is not None and initialize_with is not None:
        given = element.initialize(given, initialize_with, context)
    given = _styled(element, "given", given)
    dropping = _styled(element, "given", dropping)
    non_dropping = _styled(element, "family", non_dropping)
    family = _styled(element, "family", family)
    if opt("form") == "short":
        return _wrapped(element, "family", _join([non_dropping, family]))
    if inverted:
        if opt("demote-non-dropping-particle") in ("never", "sort-only"):
            family, given = _join([non_dropping, family]), _join([given, dropping])
        else:
            given = _join([given, dropping, non_dropping])
        family = _wrapped(element, "family", str(family))
        return _join([family, _wrapped(element, "given", given), suffix], opt("sort-separator"))
    family = _join([dropping, non_dropping, family, suffix])
    return _join(
        [_wrapped(element, "given", str(given or "")), _wrapped(element, "family", family)]
    )


def _marked(text: str) -> str:
    """``text`` (one name) between :data:`markup.NAME_ONE` markers while entries are rendered
    for ``subsequent-author-substitute`` (not in sort keys)."""
    if not MARK_NAMES.get() or SORTING.get():
        return text
    return mk.NAME_ONE[0] + text + mk.NAME_ONE[1]


def _inverted(opt: Any, names: list[Any], position: int) -> bool:
    """Whether the name at ``position`` shows family first: ``name-as-sort-order`` asks for it
    and it is a personal name with a given name (a literal or family-only name reads alike
    either way, so ``after-inverted-name`` does not count it)."""
    order = opt("name-as-sort-order")
    if not (order == "all" or (order == "first" and position == 0)):
        return False
    name = names[position]
    return "literal" not in name and bool(name.get("given"))


def _use_first_given(element: Any, context: Any, sort_options: Any) -> bool:
    """Whether ``et-al-use-first`` is set (on the name, its citation or bibliography, the
    style, or a sort key's ``names-use-first``): CSL 1.0.2 gives it no default, so et-al
    truncation needs it (citeproc-py assumed 1)."""
    if sort_options and "et-al-use-first" in sort_options:
        return True
    if element.get("et-al-use-first") is not None:
        return True
    node = (context if context is not None else element).getparent()
    while node is not None:
        if node.get("et-al-use-first") is not None:
            return True
        node = node.getparent()
    return False


def _precedes(rule: str, count: int, threshold: int, inverted_before: bool) -> bool:
    """Whether the delimiter (not a space) goes before ``and``/et-al under ``rule``."""
    if rule == "always":
        return True
    if rule == "never":
        return False
    if rule == "after-inverted-name":
        return inverted_before
    return count >= threshold  # contextual


def render_name_list(
    element: Any, item: Any, variable: str, context: Any, sort_options: Any
) -> Any:
    """The names of ``variable`` as ``element`` (a ``cs:name``) renders them: a string, or
    the number of names for ``form="count"``; None when ``et-al-use-first="0"`` truncates."""

    def opt(name: str) -> Any:
        return element.get_option(name, context, sort_options)

    names = list(item.reference.get(variable.replace("-", "_"), []))
    et_al_min, use_first = opt("et-al-min"), opt("et-al-use-first")
    truncated = (
        bool(et_al_min)
        and 0 <= use_first < len(names)
        and len(names) >= et_al_min
        and _use_first_given(element, context, sort_options)
    )
    if truncated and use_first == 0 and opt("form") != "count":
        return None  # et-al-use-first="0": no name to show, and et-al alone says nothing
    shown = names[:use_first] if truncated else names
    use_last = truncated and opt("et-al-use-last") and len(names) >= use_first + 2
    if opt("form") == "count":
        return len(shown) + (1 if use_last else 0)
    rendered = [
        _one_name(element, n, _inverted(opt, shown, i), opt, context) for i, n in enumerate(shown)
    ]
    texts = [_marked(text) for text in rendered if text]  # a short form of ``Madonna`` is empty
    delimiter = opt("delimiter")
    if use_last:
        ellipsis = element.unicode_character("horizontal ellipsis")
        last = _one_name(element, names[-1], _inverted(opt, names, len(names) - 1), opt, context)
        return element.join([*texts, f"{ellipsis} {_marked(last)}"], delimiter)
    if truncated and SORTING.get():
        # a sort key holds the names only: "Smith, A. et al." sorts with "Smith, A."
        return element.join(texts, delimiter)
    if truncated:
        et_al = element.et_al()
        if et_al is None or not str(et_al).strip():  # a blank term (GOST: "\n  ") is none
            return element.join(texts, delimiter)
        before = _precedes(
            opt("delimiter-precedes-et-al"), len(texts), 2, _inverted(opt, shown, len(texts) - 1)
        )
        if before:
            return element.join([*texts, et_al], delimiter)
        space = "" if _east_asian(str(et_al)[:1]) else " "  # 田中太郎等
        return element.join(texts, delimiter) + space + et_al
    and_ = opt("and")
    if and_ is None or len(texts) < 2:
        return element.join(texts, delimiter)
    term = element.get_single_term(name="and") if and_ == "text" else element.preformat("&")
    head = element.join(texts[:-1], delimiter)
    before = _precedes(
        opt("delimiter-precedes-last"), len(texts), 3, _inverted(opt, shown, len(texts) - 2)
    )
    glue = element.join([head, ""], delimiter) if before else head + " "
    return glue + f"{term} " + texts[-1]


def _repressed_roles(element: Any, context: Any) -> set[str]:
    """Name variables a ``cs:substitute`` already rendered in this entry: CSL 1.0.2
    "Substituted variables are suppressed in the rest of the output"; citeproc-py recorded
    them but never checked them for names (``Doe, John ed. Hello. Ed. by John Doe``)."""
    layout = (context if context is not None else element).get_layout()
    recorded = getattr(layout, "repressed", {}).get(element.tag, [])
    return {role for variable in recorded if variable for role in variable.split()}


def render_names(
    element: Any,
    item: Any,
    names_context: Any,
    context: Any,
    sorting: bool,
    mark: Callable[[Any], Any] | None = None,
    **kwargs: Any,
) -> Any:
    """What a ``cs:names`` renders (CSL 1.0.2 "Names"): each of its name variables that has
    names and is not suppressed, with its label before or after as placed; otherwise its
    ``cs:substitute``.  ``editor`` and ``translator`` holding the same names render once with
    the ``editortranslator`` term.  In a sort key (``sorting``) labels are left out, as
    citeproc-js does (``Doe, John ed.`` sorts with ``Doe, John``).  ``mark`` wraps the name
    list for ``subsequent-author-substitute``: the names of a single variable without their
    label, which the substitute keeps (``--- ed.``)."""
    context = element if context is None else context
    names_context = element if names_context is None else names_context
    repressed = _repressed_roles(element, context)
    roles = [r for r in element.get("variable", "").split() if r not in repressed]
    reference = item.reference
    ed_trans = False
    if set(roles) == {"editor", "translator"} and "editor" in reference:
        try:
            ed_trans = reference.editor == reference.translator and bool(
                element.get_term("editortranslator").getchildren()
            )
        except Exception:  # no such term in the locale, or no translator
            ed_trans = False
        if ed_trans:
            roles = ["editor"]
    parts: list[tuple[Any, Any, bool]] = []  # (names, label or None, label first)
    for role in roles:
        if role.replace("-", "_") not in reference and role not in reference:
            continue
        name_element = names_context.name
        if name_element is None:
            name_element = cm.Name()
            names_context.insert(0, name_element)
        text = name_element.render(item, role, context=context, **kwargs)
        if text is None:
            continue
        label, first = None, False
        label_element = names_context.label
        if label_element is not None and not sorting and not isinstance(text, int):
            plural = len(reference[role.replace("-", "_")]) > 1
            label = label_element.render(
                item, "editortranslator" if ed_trans else role, plural, **kwargs
            )
            first = label_element is names_context.getchildren()[0]
        parts.append((text, label, first))
    layout = context.get_layout()
    if parts and getattr(layout, "pubconv_recording", None) is not None:
        # rendered for a cs:substitute: suppressed at once, also later in the same macro
        # (``<text macro="editor"/>`` whose macro names the editors twice prints them once)
        done = [r for r in roles if r.replace("-", "_") in reference or r in reference]
        layout.repressed.setdefault(element.tag, []).append(" ".join(done))
    if parts:
        if all(isinstance(p[0], int) for p in parts):  # form="count"
            total = sum(p[0] for p in parts)
            return str(total) if total > 0 else None
        if mark is not None and len(parts) == 1:
            parts = [(mark(parts[0][0]), parts[0][1], parts[0][2])]
        output = [
            text if label is None else (label + text if first else text + label)
            for text, label, first in parts
        ]
        joined = element.join(output, element.get_parent_delimiter(context))
        return mark(joined) if mark is not None and len(parts) > 1 else joined
    substitute = element.substitute()
    if substitute is not None:
        text = substitute.render(item, context=context, **kwargs)
        return mark(text) if mark is not None and text is not None else text
    raise VariableError
