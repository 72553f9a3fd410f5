"""Reading a YAML record list into a :class:`Bibliography`, shared by the YAML layouts.

Every list item becomes a publication (keeping its exact text for write-back) or a located error
with the item kept verbatim; the text between items is kept as ``Verbatim`` blocks.  A file in
which nothing reads as a record of the chosen layout is an error that names the layout and, when
another format's sniffer recognises the text, suggests ``--from`` with it.

Also here: model text <-> the HTML the site templates put these values into.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from pubconv.errors import Diagnostic, error, warning
from pubconv.formats.jekyll.authors import MARK_ROLES, ROLE_MARKS
from pubconv.formats.jekyll.keys import KeyMaker, base_key
from pubconv.formats.jekyll.text import (
    MODEL_TAGS,
    escape_plain,
    nodes_to_model,
    parse_fragment,
    squeeze,
)
from pubconv.formats.yamllist import DOCUMENT, Item, ListError, read_list
from pubconv.model import (
    OTHERS,
    Bibliography,
    Block,
    Origin,
    Person,
    Publication,
    Verbatim,
    with_origin,
)
from pubconv.names import parse_display_name
from pubconv.registry import Source


@dataclass
class Converted:
    """What a layout's mapping made of one item: the record (key ``""`` = make one) and notes."""

    publication: Publication
    warnings: list[str] = field(default_factory=list)


NOT_A_RECORD = "not a record: "

Check = Callable[[Any], str | None]
"""Why a plain item is not a record of the layout (``None``: it is one)."""
Convert = Callable[[dict[str, Any], int], Converted]
"""Map one record (and its 1-based number in the file) to a publication."""


def read_records(
    sources: Sequence[Source],
    fmt: str,
    convert: Convert,
    check: Check,
    *,
    key: str | None = None,
) -> Bibliography:
    """Read ``sources`` (one database: keys unique across them) as ``fmt`` records."""
    bib = Bibliography(source_format=fmt)
    pending: list[tuple[int, Publication]] = []
    explicit: dict[str, str] = {}
    for source in sources:
        start = len(bib.diagnostics)
        found = _read_source(source, fmt, convert, check, key, bib, pending, explicit)
        if found:
            continue
        # one clear error instead of one per item: this file is not in the chosen layout
        notes = bib.diagnostics[start:]
        rejected = [d for d in notes if d.message.startswith(NOT_A_RECORD)]
        bib.diagnostics[start:] = [d for d in notes if d not in rejected]
        detail = rejected[0].message[len(NOT_A_RECORD) :] if rejected else None
        bib.diagnostics.append(error(no_records(source, fmt, detail), source.path, 1, 1))
    maker = KeyMaker(set(explicit))
    for index, pub in pending:
        if not pub.key:
            made = maker.make(base_key(pub))
            pub = _rekey(pub, made)
        bib.blocks[index] = pub
    return bib


def _rekey(pub: Publication, new_key: str) -> Publication:
    origin = pub.origin
    if origin is None or origin.as_read is None:
        return replace(pub, key=new_key)
    as_read = replace(origin.as_read, key=new_key)
    return replace(pub, key=new_key, origin=replace(origin, as_read=as_read))


def _read_source(
    source: Source,
    fmt: str,
    convert: Convert,
    check: Check,
    key: str | None,
    bib: Bibliography,
    pending: list[tuple[int, Publication]],
    explicit: dict[str, str],
) -> int:
    """Append ``source``'s blocks to ``bib``; the number of records read."""
    path = source.path
    try:
        doc = read_list(source.text, key)
    except ListError as exc:
        message = (
            exc.message if exc.message.startswith("invalid YAML") else NOT_A_RECORD + exc.message
        )
        bib.diagnostics.append(error(message, path, exc.line or 1, exc.column or 1))
        bib.blocks.append(Verbatim(fmt, source.text, "failed", Origin(fmt, path, 1, 1)))
        return 0
    for note in doc.warnings:
        bib.diagnostics.append(warning(note.message, path, note.line, note.column))
    if not doc.spliceable:
        bib.blocks.append(Verbatim(fmt, doc.text, DOCUMENT, Origin(fmt, path, 1, 1)))
    count = 0
    number = 0
    for piece in doc.pieces:
        if isinstance(piece, str):
            bib.blocks.append(Verbatim(fmt, piece, "gap", Origin(fmt, path, 1, 1, piece)))
            continue
        number += 1
        block = _item(piece, number, source, fmt, convert, check, bib.diagnostics, explicit)
        if isinstance(block, Publication):
            count += 1
            pending.append((len(bib.blocks), block))
        bib.blocks.append(block)
    return count


def _item(
    item: Item,
    number: int,
    source: Source,
    fmt: str,
    convert: Convert,
    check: Check,
    diagnostics: list[Diagnostic],
    explicit: dict[str, str],
) -> Block:
    path = source.path
    origin = Origin(fmt, path, item.line, item.column, item.raw)
    problem = check(item.value)
    if problem is not None or not isinstance(item.value, dict):
        message = f"{NOT_A_RECORD}{problem or 'not a mapping'} (a {fmt} record is expected)"
        diagnostics.append(error(message, path, item.line, item.column))
        return Verbatim(fmt, item.raw, "failed", origin)
    converted = convert(item.value, number)
    pub = converted.publication
    for message in converted.warnings:
        diagnostics.append(warning(message, path, item.line, item.column, pub.key or None))
    if pub.key:
        where = origin.location()
        if pub.key in explicit:
            message = f"repeated id {pub.key!r} (first at {explicit[pub.key]}); the first wins"
            diagnostics.append(warning(message, path, item.line, item.column, pub.key))
        explicit.setdefault(pub.key, where)
    return with_origin(pub, origin)


def no_records(source: Source, fmt: str, detail: str | None = None) -> str:
    """``no publist records in x.yml (...); it looks like cslyaml: try --from cslyaml``."""
    where = source.path or "the input"
    other = _guess(source.text, fmt)
    hint = f"it looks like {other}: try --from {other}" if other else "name its format with --from"
    why = f" ({detail})" if detail else ""
    return f"no {fmt} records in {where}{why}; {hint}"


def _guess(text: str, fmt: str) -> str | None:
    from pubconv.formats import REGISTRY  # at call time: the registry imports this module

    for candidate in REGISTRY:
        if candidate.name != fmt and candidate.sniff is not None and candidate.read is not None:
            try:
                if candidate.sniff(text):
                    return candidate.name
            except Exception:  # a sniffer must never turn an error message into a crash
                continue
    return None


# --------------------------------------------------------------------------- values


def text_of(value: Any) -> str | None:
    """A scalar as text (``None``/empty stays ``None``); lists and maps are not text."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text if text.strip() else None


def keep(value: Any) -> str:
    """An unmapped value as an ``extra`` string: text verbatim, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def unkeep(text: str) -> Any:
    """The YAML value an ``extra`` string stands for (JSON numbers, lists, ``null``...)."""
    stripped = text.strip()
    if stripped and (stripped[0] in "[{-0123456789" or stripped in ("true", "false", "null")):
        try:
            value = json.loads(stripped)
        except ValueError:
            return text
        if not isinstance(value, str):
            return value
    return text


_OTHERS_WORDS = frozenset({"et al.", "et al", "others", "et. al."})
_TAG = re.compile("|".join(re.escape(t) for t in MODEL_TAGS))


def from_html(text: str) -> str:
    """Template HTML -> model text: entities decoded, CSL tags kept, other tags unwrapped, and
    whitespace runs collapsed as the browser shows them (``Learning  (ICML)``)."""
    if "<" not in text:
        return squeeze(html.unescape(text) if "&" in text else text)
    return squeeze(nodes_to_model(list(parse_fragment(text).children)))


def to_html(text: str) -> str:
    """Model text -> HTML for a template: CSL tags kept, every other ``<``/``>``/entity escaped."""
    out: list[str] = []
    start = 0
    for match in _TAG.finditer(text):
        out.append(escape_plain(text[start : match.start()]))
        out.append(match.group(0))
        start = match.end()
    out.append(escape_plain(text[start:]))
    return "".join(out)


def person_from_html(text: str) -> Person:
    """``Simone Foti&#42;`` -> ``Person("Foti", "Simone", roles=("equal",))``; ``et al.`` is
    the ``and others`` marker."""
    name = from_html(text).strip()
    if name.lower() in _OTHERS_WORDS:
        return OTHERS
    roles: list[str] = []
    while len(name) > 1 and name[-1] in MARK_ROLES:
        roles.insert(0, MARK_ROLES[name[-1]])
        name = name[:-1].rstrip()
    person = parse_display_name(name)
    return replace(person, roles=tuple(roles)) if roles else person


def person_to_html(person: Person) -> str:
    """A person as the template shows it, marks after the name (``Simone Foti*``)."""
    if person.is_others:
        return "et al."
    return to_html(person.display()) + "".join(ROLE_MARKS.get(r, "") for r in person.roles)


SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "ftp"})


def safe_url(url: str) -> bool:
    """A URL a template may put into ``href``: web, mail or relative; never ``javascript:``."""
    if any(ord(c) < 32 for c in url):
        return False
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES
