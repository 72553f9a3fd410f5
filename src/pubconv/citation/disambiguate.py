"""Which bibliography entries need a year suffix (2024a, 2024b): CSL 1.0.2 "Disambiguation".

A year suffix is the last of the style's disambiguation steps: an author-date citation such as
``(Knoop et al. 1992)`` is first made unambiguous by showing more names
(``disambiguate-add-names``), then by expanding given names (``disambiguate-add-givenname``,
limited by ``givenname-disambiguation-rule``); only the cites that are still alike get
``year-suffix``.  pubconv renders bibliographies, not citations, so it models how the first cite
of each item would read (family names, et-al truncation, year) instead of rendering it.

Limits (documented): name options set on a ``cs:name`` inside a citation macro are not read
(those on ``cs:citation`` and ``cs:style`` are), and ``disambiguate="true"`` conditions
(step 3 of the specification) are not evaluated.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pubconv.citation.csl import CslItem
from pubconv.citation.styles import CSL_NS

_CITATION = f"{{{CSL_NS}}}citation"
Owner = TypeVar("Owner")


@dataclass(frozen=True, slots=True)
class Rules:
    """The style's disambiguation options (``cs:citation`` attributes, CSL defaults)."""

    year_suffix: bool = False
    add_names: bool = False
    add_givenname: bool = False
    givenname_rule: str = "by-cite"
    et_al_min: int = 0
    et_al_use_first: int = 0
    cite_year: bool = True
    """Whether a cite shows the year (author-date); author-page cites such as MLA's do not."""
    cite_given: str = ""
    """What a cite shows of given names before any disambiguation: ``""`` (family names,
    ``form="short"``), ``"initials"`` or ``"full"`` (``form="long"``)."""

    @classmethod
    def from_style(cls, root: Any) -> Rules:
        """Rules of the style whose ``cs:style`` element is ``root``."""
        citation = root.find(_CITATION)
        if citation is None:
            return cls()

        def option(name: str) -> str | None:
            value = citation.get(name)
            value = value if value is not None else root.get(name)
            return None if value is None else str(value)

        def number(name: str) -> int:
            value = option(name)
            return int(value) if value and value.isdigit() else 0

        return cls(
            year_suffix=citation.get("disambiguate-add-year-suffix") == "true",
            add_names=citation.get("disambiguate-add-names") == "true",
            add_givenname=citation.get("disambiguate-add-givenname") == "true",
            givenname_rule=citation.get("givenname-disambiguation-rule") or "by-cite",
            et_al_min=number("et-al-min"),
            et_al_use_first=number("et-al-use-first"),
            cite_year=_calls_issued(root, citation),
            cite_given=_cite_given(root, citation),
        )


def _cite_given(root: Any, citation: Any) -> str:
    """What the first ``cs:name`` a cite renders (macros followed) shows of given names:
    ``""`` for ``form="short"`` (the usual author-date cite), else ``"initials"`` with
    ``initialize-with`` (its own or inherited) and ``"full"`` without."""
    macros = {m.get("name"): m for m in root.iterfind(f"{{{CSL_NS}}}macro")}
    name_tag, text_tag = f"{{{CSL_NS}}}name", f"{{{CSL_NS}}}text"
    seen: set[str] = set()

    def first_name(node: Any) -> Any:
        for child in node.iter(name_tag, text_tag):
            if child.tag == name_tag:
                return child
            macro = child.get("macro")
            if macro and macro not in seen and macro in macros:
                seen.add(macro)
                found = first_name(macros[macro])
                if found is not None:
                    return found
        return None

    name = first_name(citation)
    if name is None:
        return ""
    form = name.get("form") or citation.get("name-form") or root.get("name-form") or "long"
    if form != "long":
        return ""
    initialize_with = name.get("initialize-with")
    if initialize_with is None:
        initialize_with = citation.get("initialize-with", root.get("initialize-with"))
    initialize = (name.get("initialize") or citation.get("initialize") or "true") != "false"
    return "initials" if initialize_with is not None and initialize else "full"


_GIVEN_RANK = {"": 0, "initials": 1, "full": 2}


def _calls_issued(root: Any, citation: Any) -> bool:
    """Whether a cite with names shows the ``issued`` date (macros followed; what only a
    ``cs:substitute`` or a ``disambiguate="true"`` branch renders does not count)."""
    return renders_variable(root, citation, "issued", conditional=False)


def renders_variable(root: Any, start: Any, variable: str, *, conditional: bool = True) -> bool:
    """Whether ``start`` (a ``cs:citation``, ``cs:bibliography`` ...) renders ``variable``,
    following macros; ``conditional=False`` leaves out ``cs:substitute`` and
    ``disambiguate="true"`` branches."""
    macros = {m.get("name"): m for m in root.iterfind(f"{{{CSL_NS}}}macro")}
    substitute, branches = f"{{{CSL_NS}}}substitute", (f"{{{CSL_NS}}}if", f"{{{CSL_NS}}}else-if")
    seen: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        skip = node.tag == substitute or (node.tag in branches and node.get("disambiguate"))
        if skip and not conditional:
            continue
        if variable in str(node.get("variable", "")).split():
            return True
        name = node.get("macro")
        if name and name not in seen and name in macros:
            seen.add(name)
            todo.append(macros[name])
        todo.extend(child for child in node if isinstance(child.tag, str))
    return False


def _year(item: CslItem) -> str:
    issued = item.get("issued")
    if not isinstance(issued, dict):
        return ""
    parts = issued.get("date-parts")
    if not parts and issued.get("literal"):
        return str(issued["literal"])
    return str(parts[0][0]) if parts and parts[0] else ""


def _names(item: CslItem) -> list[dict[str, Any]]:
    """The names a citation shows: authors, else editors (what styles substitute)."""
    names = item.get("author") or item.get("editor") or []
    return [n for n in names if isinstance(n, dict)]


def _family(name: dict[str, Any]) -> str:
    """The family name as a cite shows it, case folded (a literal name is its family name:
    ``Beijing Zoo`` as literal or family reads alike)."""
    if "literal" in name:
        return str(name["literal"]).casefold()
    return " ".join(
        str(name[p]) for p in ("non-dropping-particle", "family") if name.get(p)
    ).casefold()


def _given_words(name: dict[str, Any]) -> list[str]:
    return str(name.get("given", "")).replace("-", " ").replace(".", ". ").split()


def _initials(name: dict[str, Any]) -> str:
    return "".join(word[:1] for word in _given_words(name)).casefold()


def _full_given(name: dict[str, Any]) -> str:
    return " ".join(_given_words(name)).casefold()


def _shown(names: list[dict[str, Any]], rules: Rules, everyone: bool) -> tuple[list[Any], bool]:
    """The names a cite shows and whether it ends in et al."""
    if not everyone and rules.et_al_min and len(names) >= rules.et_al_min:
        return names[: max(rules.et_al_use_first, 1)], True
    return names, False


def _cite_form(item: CslItem, rules: Rules, *, more_names: bool, given: str) -> tuple[Any, ...]:
    """How the item's first cite reads, as a comparable key.

    ``given`` is ``""`` (family names only), ``"initials"`` or ``"full"``; it applies to the
    first name only for the ``primary-name`` rules.
    """
    names = _names(item)
    year = _year(item) if rules.cite_year or rules.year_suffix else ""
    if not names:
        return ("title", str(item.get("title", "")).casefold(), year)
    shown, et_al = _shown(names, rules, more_names)
    primary_only = rules.givenname_rule.startswith("primary-name")
    forms: list[tuple[str, ...]] = []
    for position, name in enumerate(shown):
        level = rules.cite_given  # what the cite shows anyway (``form="long"``)
        if (position == 0 or not primary_only) and _GIVEN_RANK[given] > _GIVEN_RANK[level]:
            level = given
        # a literal or family-only name has no given name to add: it reads as it is
        if not level or not name.get("given"):
            forms.append((_family(name),))
        elif level == "initials":
            forms.append((_family(name), _initials(name)))
        else:
            forms.append((_family(name), _full_given(name)))
    return (tuple(forms), et_al, year)


def _alike(
    items: Sequence[CslItem], indices: Iterable[int], rules: Rules, *, given: str
) -> list[list[int]]:
    """The items among ``indices`` whose first cites read alike (showing the style's names,
    given names expanded to ``given``), in groups of two or more."""
    forms: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index in indices:
        forms[_cite_form(items[index], rules, more_names=False, given=given)].append(index)
    return [group for group in forms.values() if len(group) > 1]


def _given_level(rules: Rules) -> str:
    """The most a given name may be expanded under ``rules``."""
    if not rules.add_givenname:
        return ""
    if rules.givenname_rule.endswith("with-initials"):
        return "initials"
    return "full"


def year_suffix_groups(items: Sequence[CslItem], rules: Rules) -> list[list[int]]:
    """Indices of the items whose cites stay alike after names and given names are added;
    each group gets year suffixes a, b, c in bibliography order.

    Adding names settles the cites it makes unique; for the others it is undone (it did not
    help), so their given names are expanded on the short form and what is still alike is one
    group: ``Chen, Huang, et al.`` twice and ``Chen, Liu, et al.`` twice become
    ``Y. Chen et al. 2024a-d`` (pandoc alike), not a, b twice behind longer name lists.
    """
    if not rules.year_suffix:
        return []
    level = _given_level(rules)
    groups: list[list[int]] = []
    for members in _alike(items, range(len(items)), rules, given=""):
        if rules.add_names:
            longer = [_cite_form(items[i], rules, more_names=True, given="") for i in members]
            count = Counter(longer)
            members = [i for i, form in zip(members, longer, strict=True) if count[form] > 1]
        groups.extend(_alike(items, members, rules, given=level))
    return groups


def names_to_show(items: Sequence[CslItem], rules: Rules) -> list[int]:
    """Per item, how many names its bibliography entry must show (0: as the style says).

    CSL 1.0.2: when cites are told apart by adding names (``disambiguate-add-names``), "detail
    that distinguishes cites ... must be shown in the corresponding bibliography entries" too.
    Given names are expanded first, then names added (:func:`_fewest_names`), e.g.
    ``Callahan, D., K. D. Cooper, et al.`` beside ``Callahan, D., D. Kennedy, et al.``.
    """
    shown = [0] * len(items)
    first = max(rules.et_al_use_first, 1)
    if not rules.add_names or not rules.et_al_min:
        return shown
    level = _given_level(rules)
    for members in _alike(items, range(len(items)), rules, given=""):
        for alike in _alike(items, members, rules, given=level):
            _fewest_names(items, alike, first, rules.et_al_min, shown)
    return shown


def _fewest_names(
    items: Sequence[CslItem], alike: list[int], first: int, et_al_min: int, shown: list[int]
) -> None:
    """Each member shows the fewest names that leave its cite alike only to the items naming
    the very same people: the detail that tells *its* cite apart (pandoc agrees more often
    with this than with one count for the whole set)."""
    families = {i: tuple(_family(n) for n in _names(items[i])) for i in alike}
    same_people = Counter(families.values())
    longest = max(len(f) for f in families.values())
    cites = {  # how many items each cite showing `count` names stands for
        count: Counter((f[:count], len(f) > count) for f in families.values())
        for count in range(first, longest + 1)
    }
    for index in alike:
        mine = families[index]
        if len(mine) < et_al_min:
            continue  # the cite shows every name already
        for count in range(first, longest + 1):
            if cites[count][(mine[:count], len(mine) > count)] == same_people[mine]:
                if count > first:
                    shown[index] = count
                break


def given_names_in_full(items: Sequence[CslItem], rules: Rules) -> list[frozenset[int]]:
    """Per item, the positions (in its cited names) whose given name its bibliography entry
    must write in full, because the cite needed it (``disambiguate-add-givenname``).

    CSL 1.0.2: expansion shows initials first, then full given names; only the second can
    change an entry that already shows initials (``Kennedy, Ken`` beside ``Kennedy, K.``).
    ``by-cite`` expands names in ambiguous cites, stopping at the first name that tells them
    apart; ``all-names`` and ``primary-name`` expand every name that another shown name makes
    ambiguous, in any cite; the ``-with-initials`` rules never write given names in full.
    """
    full: list[set[int]] = [set() for _ in items]
    rule = rules.givenname_rule
    if not rules.add_givenname or rule.endswith("with-initials"):
        return [frozenset()] * len(items)
    shown = [_shown(_names(item), rules, False)[0] for item in items]
    primary = rule.startswith("primary")
    if rule == "by-cite":
        for members in _alike(items, range(len(items)), rules, given=""):
            _expand_by_cite(members, shown, full)
    else:
        _expand_all(range(len(items)), shown, primary, full)
    return [frozenset(f) for f in full]


def _needs_full(names: Sequence[tuple[Owner, dict[str, Any]]]) -> set[Owner]:
    """Which of ``names`` (owner, name) share family and initials with another of them but not
    the full given name: the initials do not tell them apart."""
    by_initials: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, name in names:
        by_initials[(_family(name), _initials(name))].add(_full_given(name))
    return {
        owner
        for owner, name in names
        if len(by_initials[(_family(name), _initials(name))]) > 1 and name.get("given")
    }


def _expand_all(
    members: Sequence[int], shown: list[list[Any]], primary: bool, full: list[set[int]]
) -> None:
    found: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]] = defaultdict(list)
    for index in members:
        for position in range(min(1, len(shown[index])) if primary else len(shown[index])):
            name = shown[index][position]
            if "literal" not in name:
                found[_family(name)].append(((index, position), name))
    for names in found.values():
        for index, position in _needs_full(names):
            full[index].add(position)


def _expand_by_cite(members: list[int], shown: list[list[Any]], full: list[set[int]]) -> None:
    longest = max(len(shown[i]) for i in members)
    for position in range(longest):
        names = [(i, shown[i][position]) for i in members if position < len(shown[i])]
        names = [(i, n) for i, n in names if "literal" not in n]
        for index in _needs_full(names):
            full[index].add(position)
        forms = {
            tuple(
                (_family(n), _full_given(n) if p <= position else "")
                for p, n in enumerate(shown[i])
            )
            for i in members
        }
        if len(forms) == len(members):
            return  # the cites read apart now


def suffix_letters(n: int) -> str:
    """``0 -> a``, ``25 -> z``, ``26 -> aa`` (CSL year-suffix sequence)."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters
