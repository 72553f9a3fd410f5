"""CSL-JSON item <-> :class:`Publication`, lossless both ways.

Model fields map to their CSL variables (table in ``docs/mapping-csl.md``).  What CSL has no
variable for travels in ``custom.pubconv`` (layout below), so a ``.bib`` converted to CSL-JSON and
back keeps every field, its entry type and its spellings::

    "custom": {"pubconv": {
        "award": "Winner of ...", "section": "2024 New",
        "links": [{"label": "Code", "url": "https://...", "attrs": "{:target=...}"}],
        "keywords": ["a, b", "c"],           only when "keyword" cannot carry them
        "roles": {"author": [["equal"], []]},  Person.roles, parallel to the name list
        "extra": [["basefilename", "x"], ["source"]],  Publication.extra; ["name"] = a
                                             top-level key's place in the order
        "hints": [["bibtex.type", "phdthesis"]],     every hint but csl.*
        "derived": ["event-title", "accessed"],     CSL variables made from BibTeX extras
                                             (``derive``), dropped again on reading
        "inherited": ["container-title"],   variables taken from the BibTeX ``crossref``
                                             parent (``add_inherited``), dropped on reading
        "as-cased": {"title": "Deep Learning"},  BibTeX titles as written, where the item
                                             carries them in sentence case (``casing``)
        "badge": "T-PAMI"}}                  a page's venue badge (``container_short``), not
                                             written as ``container-title-short`` beside a journal

Keys of an input item that the model has no field for (CSL variables such as ``accessed`` and
non-CSL keys such as Crossref's ``created``) become ``extra`` pairs named by the key, the value
verbatim when it is a string, else as compact JSON (dates as ``2017-05-23``); the ``csl.fields``
hint remembers which pairs were top-level keys and how they were typed, so they are written back
where they were.  The ``csl.as-written`` hint keeps values the model normalises (``"volume": 12``,
``["2014"]``, a ``dropping-particle``) and ``csl.order`` the key order, both applied only while the
model still gives the same value, so an edit always wins over the remembered spelling.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from pubconv.formats.csljson import asread, casing, dates, derive, limits, names
from pubconv.formats.csljson.schema import DATE_VARIABLES, KEY_ORDER
from pubconv.model import Link, Person, Publication

NAMESPACE = "pubconv"
"""Key of our object inside CSL ``custom``; other tools' ``custom`` keys are kept beside it."""
HINT_FIELDS = "csl.fields"
HINT_AS_WRITTEN = "csl.as-written"
HINT_ORDER = "csl.order"
CSL_HINTS = "csl."
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "container-title": "container_title",
    "container-title-short": "container_short",
    "collection-title": "collection_title",
    "volume": "volume",
    "issue": "issue",
    "number": "number",
    "page": "pages",
    "edition": "edition",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "DOI": "doi",
    "URL": "url",
    "ISBN": "isbn",
    "ISSN": "issn",
    "language": "language",
    "abstract": "abstract",
    "note": "note",
}
"""CSL text/number variable -> Publication attribute."""
NAME_FIELDS: dict[str, str] = {"author": "authors", "editor": "editors"}
_ORDER_INDEX = {name: i for i, name in enumerate(KEY_ORDER)}


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )


def _keep(name: str, value: Any) -> tuple[str, str]:
    """An unmapped key's value as ``(extra text, kind)``: ``s`` string, ``d`` date, ``j`` JSON."""
    if isinstance(value, str):
        return value, "s"
    if name in DATE_VARIABLES and isinstance(value, dict):
        try:
            date = dates.from_csl(value)
        except ValueError:
            date = None
        text = dates.to_text(date) if date is not None else None
        if text is not None and set(value) == {"date-parts"}:
            return text, "d"  # ["2017", 5] vs [2017, 5] is kept by csl.as-written
    return _compact(value), "j"


def _unkeep(value: str, kind: str) -> tuple[bool, Any]:
    """The JSON value an extra pair of ``kind`` stands for, ``(False, None)`` if it cannot."""
    if kind == "s":
        return True, value
    if kind == "d":
        date = dates.parse_text(value)
        return (date.literal is None), dates.to_csl(date)
    if kind == "j":
        try:
            return True, json.loads(value)
        except ValueError:
            return False, None
    return False, None


def _keywords_text(keywords: tuple[str, ...]) -> str | None:
    """``"a, b"`` when splitting it at commas gives ``keywords`` back, else ``None``."""
    text = ", ".join(keywords)
    return text if _split_keywords(text) == keywords else None


def _split_keywords(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _canonical(keys: Sequence[str]) -> list[str]:
    """Writer order: KEY_ORDER first, other keys as they come, ``custom`` last."""
    known = sorted(filter(_ORDER_INDEX.__contains__, keys), key=_ORDER_INDEX.__getitem__)
    rest = [k for k in keys if k not in _ORDER_INDEX and k != "custom"]
    return known + rest + (["custom"] if "custom" in keys else [])


def _ordered(keys: list[str], order: list[str]) -> list[str]:
    """``keys`` in the remembered ``order``; keys it does not list go after their canonical
    predecessor."""
    result = [k for k in order if k in keys]
    placed = set(result)
    canonical = _canonical(keys)
    for i, key in enumerate(canonical):
        if key in placed:
            continue
        before = [k for k in canonical[:i] if k in placed]
        at = result.index(before[-1]) + 1 if before else 0
        result.insert(at, key)
        placed.add(key)
    return result


def _hint_json(pub: Publication, name: str, default: Any) -> Any:
    text = pub.get_hint(name)
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _build(pub: Publication) -> dict[str, Any]:
    """The canonical CSL item for ``pub`` (``csl.order`` applied, ``csl.as-written`` not)."""
    out: dict[str, Any] = {"id": pub.key, "type": pub.type}
    if pub.title is not None:
        out["title"] = pub.title
    cased = casing.sentence_cased(pub)
    for csl_name, attr in NAME_FIELDS.items():
        persons: tuple[Person, ...] = getattr(pub, attr)
        if persons:
            out[csl_name] = [names.to_csl(p) for p in persons]
    if pub.issued is not None:
        out["issued"] = dates.to_csl(pub.issued)
    for csl_name, attr in TEXT_FIELDS.items():
        value = getattr(pub, attr)
        if value is not None:
            out[csl_name] = value
    ns: dict[str, Any] = {}
    if "container-title" in out and "container-title-short" in out and _is_badge(pub):
        # a page's venue badge (T-PAMI) is no journal abbreviation: IEEE would print it for the
        # journal (form="short"); kept in custom, read back into container_short
        ns["badge"] = out.pop("container-title-short")
    if cased:
        out.update(cased)
        ns["as-cased"] = {name: out_value for name, out_value in casing.originals(pub, cased)}
    if pub.keywords:
        text = _keywords_text(pub.keywords)
        if text is not None:
            out["keyword"] = text
        else:
            ns["keywords"] = list(pub.keywords)

    kinds = _hint_json(pub, HINT_FIELDS, {})
    kinds = kinds if isinstance(kinds, dict) else {}
    top: list[str] = []
    custom_extra: list[tuple[str, str]] = []
    foreign_custom: dict[str, Any] | None = None
    for name, value in pub.extra:
        ok, decoded = _unkeep(value, kinds.get(name, ""))
        fits = (
            ok
            and name not in out
            and name not in top
            and _keep(name, decoded) == (value, kinds[name])
        )
        if fits and name == "custom":
            fits = isinstance(decoded, dict) and NAMESPACE not in decoded
            foreign_custom = decoded if fits else None
        if fits:
            if name != "custom":
                out[name] = decoded
            top.append(name)
        else:
            custom_extra.append((name, value))

    derived = derive.derived_variables(pub, [*out, *top])
    if derived:
        out.update(derived)
        ns["derived"] = list(derived)
    if pub.award is not None:
        ns["award"] = pub.award
    if pub.section is not None:
        ns["section"] = pub.section
    if pub.links:
        ns["links"] = [
            {"label": link.label, "url": link.url, **({"attrs": link.attrs} if link.attrs else {})}
            for link in pub.links
        ]
    roles = {
        csl_name: [list(p.roles) for p in getattr(pub, attr)]
        for csl_name, attr in NAME_FIELDS.items()
        if any(p.roles for p in getattr(pub, attr))
    }
    if roles:
        ns["roles"] = roles
    hints = [[k, v] for k, v in pub.hints if not k.startswith(CSL_HINTS)]

    order = _hint_json(pub, HINT_ORDER, None)
    keys = list(out)
    final = _ordered(keys, order) if isinstance(order, list) else _canonical(keys)
    # The reader rebuilds extra as: top-level keys in output order, then custom "extra" pairs.
    as_read = [n for n in final if n in top] + (["custom"] if "custom" in top else [])
    if as_read + [n for n, _ in custom_extra] != [n for n, _ in pub.extra]:
        pending = set(top)
        pairs: list[list[str]] = []
        for name, value in pub.extra:
            if name in pending:
                pending.discard(name)
                pairs.append([name])
            else:
                pairs.append([name, value])
        ns["extra"] = pairs
    elif custom_extra:
        ns["extra"] = [[n, v] for n, v in custom_extra]
    if hints:
        ns["hints"] = hints
    if ns or foreign_custom is not None:
        out["custom"] = {**(foreign_custom or {}), **({NAMESPACE: ns} if ns else {})}
        if isinstance(order, list) or "custom" in keys:
            keys.append("custom")
            final = _ordered(keys, order) if isinstance(order, list) else _canonical(keys)
        else:
            final.append("custom")  # what _canonical gives: the same keys, custom last
    return {k: out[k] for k in final}


def _is_badge(pub: Publication) -> bool:
    """True when ``container_short`` is a page's venue badge (a Jekyll page, al-folio's
    ``abbr``), not a journal abbreviation (``shortjournal``, CSL ``container-title-short``)."""
    if any(key.startswith("jekyll.") for key, _ in pub.hints):
        return True
    fields = [f.lower() for f in (pub.get_hint("bibtex.fields") or "").split()]
    shorts = [f for f in fields if f in ("shortjournal", "journalabbr", "abbr")]
    return bool(shorts) and shorts[0] == "abbr"


def publication_to_csl(pub: Publication) -> dict[str, Any]:
    """``pub`` as a CSL-JSON item (a fresh dict, ``id`` first), e.g. ``{"id": "k", "type": ...}``."""
    out = _build(pub)
    if pub.get_hint(HINT_AS_WRITTEN) == asread.AS_WRITTEN_FROM_ORIGIN:
        written: Any = _written_from_origin(pub)
    else:
        written = _hint_json(pub, HINT_AS_WRITTEN, {})
    added = False
    if isinstance(written, dict):
        for key, entry in written.items():
            if not isinstance(entry, dict):
                continue
            if "from" in entry and key in out and out[key] == entry["from"]:
                if "was" in entry:
                    out[key] = entry["was"]
                else:
                    del out[key]
            elif "from" not in entry and "was" in entry and key not in out:
                out[key] = entry["was"]
                added = True
    if added:
        order = _hint_json(pub, HINT_ORDER, None)
        keys = list(out)
        out = {
            k: out[k]
            for k in (_ordered(keys, order) if isinstance(order, list) else _canonical(keys))
        }
    return out


def _links(value: Any) -> tuple[Link, ...]:
    if not isinstance(value, list):
        raise ValueError("links must be a list")
    links = []
    for item in value:
        if not isinstance(item, dict):
            raise ValueError("a link must be an object")
        label, url, attrs = item.get("label"), item.get("url"), item.get("attrs", "")
        if not (isinstance(label, str) and isinstance(url, str) and isinstance(attrs, str)):
            raise ValueError("link label, url and attrs must be strings")
        links.append(Link(label, url, attrs))
    return tuple(links)


def _pairs(value: Any, *, allow_single: bool = False) -> list[list[str]]:
    if not isinstance(value, list):
        raise ValueError("expected a list of [name, value] pairs")
    for pair in value:
        sizes = (1, 2) if allow_single else (2,)
        if not (
            isinstance(pair, list) and len(pair) in sizes and all(isinstance(p, str) for p in pair)
        ):
            raise ValueError("expected a list of [name, value] pairs of strings")
    return value


def _strings(value: Any) -> list[str]:
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ValueError("expected a list of strings")
    return value


def _apply_namespace(
    ns: dict[str, Any], fields: dict[str, Any], top: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Read ``custom.pubconv`` into ``fields``; returns ``(extra, hints)``.  ``ValueError`` when
    its layout is wrong (then the caller keeps the whole ``custom`` verbatim instead)."""
    known = {
        "award",
        "section",
        "links",
        "keywords",
        "roles",
        "extra",
        "hints",
        "derived",
        "inherited",
        "as-cased",
        "badge",
    }
    if set(ns) - known:
        raise ValueError(f"unknown keys {sorted(set(ns) - known)}")
    _strings(ns.get("derived", []))
    _strings(ns.get("inherited", []))
    for attr in ("award", "section"):
        if attr in ns:
            if not isinstance(ns[attr], str):
                raise ValueError(f"{attr} must be a string")
            fields[attr] = ns[attr]
    if "links" in ns:
        fields["links"] = _links(ns["links"])
    if "keywords" in ns:
        fields["keywords"] = tuple(_strings(ns["keywords"]))
    if "roles" in ns:
        roles = ns["roles"]
        if not isinstance(roles, dict):
            raise ValueError("roles must be an object")
        for csl_name, lists in roles.items():
            if csl_name not in NAME_FIELDS:
                raise ValueError(f"roles of unknown name variable {csl_name!r}")
            name_attr = NAME_FIELDS[csl_name]
            persons = fields.get(name_attr, ())
            if not isinstance(lists, list) or len(lists) != len(persons):
                raise ValueError("roles must list one role list per name")
            fields[name_attr] = tuple(
                dataclasses.replace(p, roles=tuple(_strings(r)))
                for p, r in zip(persons, lists, strict=True)
            )
    if "badge" in ns:
        if not isinstance(ns["badge"], str):
            raise ValueError("badge must be a string")
        fields["container_short"] = ns["badge"]
    if "as-cased" in ns:
        casing.restore(ns["as-cased"], fields, TEXT_FIELDS)
    extra = list(top)
    if "extra" in ns:
        by_name = dict(top)
        placed = []
        for pair in _pairs(ns["extra"], allow_single=True):
            if len(pair) == 1:
                if pair[0] not in by_name:
                    raise ValueError(f"extra names top-level key {pair[0]!r}, which is missing")
                placed.append((pair[0], by_name.pop(pair[0])))
            else:
                placed.append((pair[0], pair[1]))
        extra = [(n, v) for n, v in top if n in by_name] + placed
    hints = [(k, v) for k, v in _pairs(ns.get("hints", []))]
    return extra, hints


def _derived_keys(item: dict[str, Any]) -> frozenset[str]:
    """Keys ``custom.pubconv.derived`` lists (CSL variables made from BibTeX extras)."""
    custom = item.get("custom")
    ns = custom.get(NAMESPACE) if isinstance(custom, dict) else None
    listed = ns.get("derived") if isinstance(ns, dict) else None
    if not isinstance(listed, list):
        return frozenset()
    # model variables too: ``URL`` from an arXiv ``eprint``, ``publisher`` from ``howpublished``
    return frozenset(k for k in listed if isinstance(k, str) and k not in ("id", "type", "custom"))


def _inherited_keys(item: dict[str, Any]) -> frozenset[str]:
    """Keys ``custom.pubconv.inherited`` lists (taken from the crossref parent on writing)."""
    custom = item.get("custom")
    ns = custom.get(NAMESPACE) if isinstance(custom, dict) else None
    listed = ns.get("inherited") if isinstance(ns, dict) else None
    if not isinstance(listed, list):
        return frozenset()
    return frozenset(k for k in listed if isinstance(k, str) and k not in ("id", "custom"))


def add_inherited(item: dict[str, Any], resolved: dict[str, Any]) -> dict[str, Any]:
    """``item`` plus the variables ``resolved`` (the same record after crossref inheritance)
    adds, listed in ``custom.pubconv.inherited`` so that reading drops them again: citeproc sees
    the container title, date and publisher of the parent, and BibTeX gets its ``crossref`` back.
    """
    added = [k for k in resolved if k not in item and k not in ("id", "custom")]
    if not added:
        return item
    out = {k: v for k, v in item.items() if k != "custom"}
    for key in added:
        out[key] = resolved[key]
    custom = dict(item.get("custom") or {})
    ns = dict(custom.get(NAMESPACE) or {})
    ns["inherited"] = added
    custom[NAMESPACE] = ns
    out["custom"] = custom
    return out


def _written_from_origin(pub: Publication) -> dict[str, Any]:
    """The ``csl.as-written`` differences of a record read with them deferred
    (:data:`.asread.AS_WRITTEN_FROM_ORIGIN`): its item decoded again from its origin's text (as the
    reader cleaned it) against the record as read, as :func:`csl_to_publication` compares."""
    origin = pub.origin
    if origin is None or origin.as_read is None or origin.format != "csljson":
        raise ValueError(f"{pub.key}: csl.as-written deferred, but no CSL-JSON origin to read")
    item = json.loads(origin.raw)
    if not limits.is_clean(origin.raw):
        item = limits.clean(item)[0]  # lone surrogates, as the reader replaced them
    return _as_written(item, origin.as_read)


def _as_written(item: dict[str, Any], pub: Publication) -> dict[str, Any]:
    """How ``item`` differs from what ``pub`` (read from it) gives as a CSL item: per key,
    the value the model gives (``from``) and the one written (``was``)."""
    regen = _build(pub)
    written: dict[str, Any] = {}
    for name, value in item.items():
        if name not in regen:
            written[name] = {"was": value}
        elif regen[name] != value:
            written[name] = {"from": regen[name], "was": value}
    for name in regen:
        if name not in item:
            written[name] = {"from": regen[name]}
    return written


def csl_to_publication(
    item: dict[str, Any], *, key: str | None = None, defer_as_written: bool = False
) -> Publication:
    """A CSL-JSON item -> Publication; never raises.

    Values of the wrong type are kept as JSON ``extra`` pairs (the reader reports them); ``key``
    is used when the item has no usable ``id``.  ``defer_as_written`` (the reader, inside
    :func:`.asread.deferred_as_written`): ``csl.as-written`` is
    :data:`.asread.AS_WRITTEN_FROM_ORIGIN`, to be worked out from the origin the caller gives
    the record.
    """
    fields: dict[str, Any] = {"key": key if key is not None else ""}
    top: list[tuple[str, str]] = []
    kinds: dict[str, str] = {}
    ns: dict[str, Any] | None = None

    def keep(name: str, value: Any) -> None:
        text, kinds[name] = _keep(name, value)
        top.append((name, text))

    derived = _derived_keys(item) | _inherited_keys(item)
    for name, value in item.items():
        if name in derived:
            continue  # made from extra pairs or the crossref parent again on writing
        if name == "id" and _is_text(value):
            fields["key"] = str(value)
        elif name == "type" and isinstance(value, str):
            fields["type"] = value
        elif name in TEXT_FIELDS and _is_text(value):
            fields[TEXT_FIELDS[name]] = str(value)
        elif name in NAME_FIELDS:
            try:
                fields[NAME_FIELDS[name]] = names.list_from_csl(value)
            except ValueError:
                keep(name, value)
        elif name == "issued":
            try:
                fields["issued"] = dates.from_csl(value)
            except ValueError:
                keep(name, value)
        elif name == "keyword" and isinstance(value, str):
            fields["keywords"] = _split_keywords(value)
        elif (
            name == "custom" and isinstance(value, dict) and isinstance(value.get(NAMESPACE), dict)
        ):
            ns = value[NAMESPACE]
            rest = {k: v for k, v in value.items() if k != NAMESPACE}
            if rest:
                keep(name, rest)
        else:
            keep(name, value)

    hints: list[tuple[str, str]] = []
    extra = top
    if ns is not None:
        before = dict(fields)
        try:
            extra, hints = _apply_namespace(ns, fields, top)
        except ValueError:
            fields = before
            top = [(n, v) for n, v in top if n != "custom"]
            kinds.pop("custom", None)
            keep("custom", item["custom"])
            extra = top
    if kinds:
        hints.append((HINT_FIELDS, _compact(kinds)))
    order = list(item)
    if order != _canonical(order):
        hints.append((HINT_ORDER, _compact(order)))
    if defer_as_written and all(name != HINT_AS_WRITTEN for name, _ in hints):
        # (an item whose own hints name csl.as-written keeps the eager rule below)
        hints.append((HINT_AS_WRITTEN, asread.AS_WRITTEN_FROM_ORIGIN))
        return Publication(**fields, extra=tuple(extra), hints=tuple(hints))
    pub = Publication(**fields, extra=tuple(extra), hints=tuple(hints))
    written = _as_written(item, pub)
    if written:
        pub = pub.with_hint(HINT_AS_WRITTEN, _compact(written))
    return pub
