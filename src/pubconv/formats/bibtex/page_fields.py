"""How page-only data (links, award, section, abstract id, author roles, layout hints) travels
in BibTeX fields, so that page -> ``.bib`` -> page gives the page back byte for byte.

Field names follow al-folio / jekyll-scholar where it has one, so an al-folio site renders the
buttons of a ``.bib`` made by ``md2bib``::

    author+an = {2=corresponding},                  biblatex data annotation for Person.roles
    html      = {https://ieeexplore.ieee.org/...},  the "Paper" link (al-folio's ``pdf`` = "PDF")
    code      = {https://github.com/sydeng99/DADn}, the "Code" link
    links     = {[Paper][html]{:target="\\_blank"}   order, labels and kramdown attributes;
                 [Intro Video](https://...)},       omitted when every link is a plain default
    award     = {Winner of ISBI 2023 ...},          LaTeX-encoded model text
    section   = {2024 New},                         the page's ``## Section``
    abstract_id = {shiyutmi24},                     ``expandABS("...")`` id
    jekyll    = {venue_frame: [...]}                other ``jekyll.*`` hints, one per line

Every value is brace-balanced and never holds ``\\{``/``\\}``, so BibTeX, bibtexparser, biber and
pandoc all agree where it ends.  Anything that would break that (a brace in a URL, a newline in a
hint) is written as a one-line JSON string or array whose braces are ``\\u007b``/``\\u007d``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, unquote

from pubconv.formats.bibtex import latex, latexencode
from pubconv.model import Link, Person, Publication

DEFAULT_ATTRS = '{:target="\\_blank"}'
"""Kramdown attributes a link gets when nothing says otherwise (the seed lab's house style)."""

LINKS_FIELD = "links"
AWARD_FIELD = "award"
SECTION_FIELD = "section"
ABS_ID_FIELD = "abstract_id"
HINTS_FIELD = "jekyll"
HINT_PREFIX = "jekyll."
_ABS_ID_HINT = "jekyll.abs_id"
_ROLE_FIELDS = {"author+an": "authors", "editor+an": "editors"}

#: al-folio link fields and the label a link in each gets when no ``links`` field says otherwise.
URL_FIELDS: dict[str, str] = {
    "html": "Paper",
    "pdf": "PDF",
    "code": "Code",
    "website": "Project",
    "video": "Video",
    "slides": "Slides",
    "poster": "Poster",
    "supp": "Supplementary",
    "blog": "Blog",
    "dataset": "Dataset",
}
_LABEL_FIELDS: dict[str, str] = {
    "paper": "html",
    "html": "html",
    "pdf": "pdf",
    "code": "code",
    "project": "website",
    "project page": "website",
    "website": "website",
    "webpage": "website",
    "slides": "slides",
    "poster": "poster",
    "supp": "supp",
    "supplementary": "supp",
    "supplement": "supp",
    "blog": "blog",
    "dataset": "dataset",
    "data": "dataset",
}

FIELD_NAMES: frozenset[str] = frozenset(
    {
        LINKS_FIELD,
        AWARD_FIELD,
        SECTION_FIELD,
        ABS_ID_FIELD,
        HINTS_FIELD,
        *URL_FIELDS,
        *_ROLE_FIELDS,
    }
)
"""Lower-case field names this module consumes (the BibTeX mapping hands them over raw)."""

_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
_ROLE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
_ROLE_UNSAFE = '%"=,;{}\\\n\r'


# --------------------------------------------------------------------------- value encoding

_BRACE_CHARS = re.compile(r"[{}]")


def balanced(text: str) -> bool:
    """Braces nest properly (counted the way BibTeX counts them: backslashes do not escape)."""
    if "{" not in text and "}" not in text:  # most values: one C-level scan each
        return True
    depth = 0
    for char in _BRACE_CHARS.findall(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _plain_ok(text: str) -> bool:
    """``text`` can stand in a field as it is: one line, balanced, no ``\\{``, no outer spaces."""
    return (
        bool(text)
        and text == text.strip()
        and "\n" not in text
        and "\r" not in text
        and "\\{" not in text
        and "\\}" not in text
        and not text.startswith('"')
        and balanced(text)
    )


def _json(value: Any) -> str:
    """One-line JSON with no raw braces (``\\u007b``), so it is safe inside a braced field."""
    return json.dumps(value, ensure_ascii=False).replace("{", "\\u007b").replace("}", "\\u007d")


def _enc_scalar(text: str) -> str:
    return text if _plain_ok(text) else _json(text)


def _dec_scalar(text: str) -> str:
    text = text.strip()
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError:
            return text
        return value if isinstance(value, str) else text
    return text


def _enc_text(text: str) -> str:
    """Model text (award, section) as LaTeX, with lone braces spelled as commands."""
    value = latexencode.encode(text)
    if not balanced(value) or "\\{" in value or "\\}" in value:
        value = value.replace("\\{", "\\textbraceleft{}").replace("\\}", "\\textbraceright{}")
    if not balanced(value):  # a brace latexencode.encode kept verbatim (math, unknown command)
        return _json(text)
    return value


def _dec_text(value: str) -> str:
    stripped = value.strip()
    if stripped.startswith('"'):
        return _dec_scalar(stripped)
    return latex.decode(value)


# --------------------------------------------------------------------------- links


def link_field(link: Link) -> str | None:
    """The al-folio field for ``link`` by its label, e.g. ``Code`` -> ``code``; ``None`` if none."""
    label = link.label.strip().lower()
    if "video" in label:
        return "video"
    return _LABEL_FIELDS.get(label)


def _label_ok(label: str) -> bool:
    return (
        _plain_ok(label)
        and not any(c in label for c in "[]\\")
        and not label.startswith(("[", '"'))
    )


def _url_ok(url: str) -> bool:
    return _plain_ok(url) and not any(c in url for c in " \t()\\[]")


def _attrs_ok(attrs: str) -> bool:
    return attrs == "" or (_plain_ok(attrs) and attrs.startswith("{") and attrs.endswith("}"))


def _links_fields(links: Sequence[Link]) -> list[tuple[str, str]]:
    used: set[str] = set()
    url_fields: list[tuple[str, str]] = []
    lines: list[str] = []
    all_default = True
    for link in links:
        name = link_field(link)
        if (
            name is not None
            and name not in used
            and _url_ok(link.url)
            and _label_ok(link.label)
            and _attrs_ok(link.attrs)
        ):
            used.add(name)
            url_fields.append((name, link.url))
            lines.append(f"[{link.label}][{name}]{link.attrs}")
            if link.label != URL_FIELDS[name] or link.attrs != DEFAULT_ATTRS:
                all_default = False
            continue
        all_default = False
        if (
            _label_ok(link.label)
            and (link.url == "" or _url_ok(link.url))
            and _attrs_ok(link.attrs)
        ):
            lines.append(f"[{link.label}]({link.url}){link.attrs}")
        else:
            lines.append(_json([link.label, link.url, link.attrs]))
    if all_default:
        return url_fields
    return [*url_fields, (LINKS_FIELD, "\n".join(lines))]


def _parse_link_line(line: str) -> tuple[str, str | None, str, str | None] | None:
    """``(label, url, attrs, field)``: exactly one of url/field is set; ``None`` if unreadable."""
    if line.startswith('["'):
        try:
            value = json.loads(line)
        except ValueError:
            return None
        if isinstance(value, list) and len(value) == 3 and all(isinstance(v, str) for v in value):
            return str(value[0]), str(value[1]), str(value[2]), None
        return None
    if not line.startswith("["):
        return None
    close = line.find("]")
    if close == -1:
        return None
    label = line[1:close]
    opener = line[close + 1 : close + 2]
    if opener not in ("(", "["):
        return None
    end = line.find(")" if opener == "(" else "]", close + 2)
    if end == -1:
        return None
    target = line[close + 2 : end]
    attrs = line[end + 1 :]
    if opener == "(":
        return label, target, attrs, None
    return label, None, attrs, target.strip().lower()


def _read_links(
    url_values: list[tuple[str, str]], links_values: list[str]
) -> tuple[tuple[Link, ...], list[str]]:
    """Links from al-folio fields and the ``links`` field; also lines that could not be read."""
    urls: dict[str, str] = {}
    for name, value in url_values:
        urls.setdefault(name, value.strip())
    out: list[Link] = []
    bad: list[str] = []
    referenced: set[str] = set()
    for value in links_values:
        for raw_line in value.split("\n"):
            line = raw_line.strip()
            if not line:
                continue
            parsed = _parse_link_line(line)
            if parsed is None:
                bad.append(raw_line)
                continue
            label, url, attrs, field = parsed
            if field is not None:
                if field not in URL_FIELDS:
                    bad.append(raw_line)
                    continue
                if field not in urls:
                    continue  # the URL field was deleted: so is the link
                referenced.add(field)
                url = urls[field]
            out.append(Link(label, url or "", attrs))
    for name, _ in url_values:
        if name not in referenced:
            referenced.add(name)
            out.append(Link(URL_FIELDS[name], urls[name], DEFAULT_ATTRS))
    return tuple(out), bad


# --------------------------------------------------------------------------- roles


def _enc_role(role: str) -> str:
    if _ROLE.fullmatch(role):
        return role
    escaped = "".join(quote(c, safe="") if c in _ROLE_UNSAFE else c for c in role)
    return f'"{escaped}"'


def _dec_role(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return unquote(text[1:-1])
    return text


def roles_field(persons: Sequence[Person]) -> str | None:
    """biblatex ``author+an`` value, e.g. ``1=equal; 3=corresponding,equal``; ``None`` if no roles."""
    items = [
        f"{index}={','.join(_enc_role(r) for r in person.roles)}"
        for index, person in enumerate(persons, 1)
        if person.roles
    ]
    return "; ".join(items) or None


def parse_roles(value: str) -> dict[int, tuple[str, ...]] | None:
    """``1=equal; 2=corresponding`` -> ``{1: ("equal",), 2: ("corresponding",)}``.

    Part annotations (``1:family=...``) and field annotations (``=...``) are not roles:
    ``None`` tells the caller to keep the field verbatim instead.
    """
    roles: dict[int, tuple[str, ...]] = {}
    for item in value.split(";"):
        item = item.strip()
        if not item:
            continue
        where, sep, what = item.partition("=")
        where = where.strip()
        if not sep or not where.isdigit() or int(where) < 1:
            return None
        names = tuple(_dec_role(r) for r in _split_roles(what))
        if not names or any(not n for n in names):
            return None
        roles[int(where)] = roles.get(int(where), ()) + names
    return roles


def _split_roles(text: str) -> list[str]:
    """Split on commas outside double quotes."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def apply_roles(persons: Sequence[Person], roles: dict[int, tuple[str, ...]]) -> tuple[Person, ...]:
    """``persons`` with ``roles`` (1-based item numbers) set; numbers past the end are ignored."""
    return tuple(
        dataclasses.replace(p, roles=roles[i]) if i in roles else p
        for i, p in enumerate(persons, 1)
    )


# --------------------------------------------------------------------------- contract


def to_fields(pub: Publication) -> list[tuple[str, str]]:
    """Extra BibTeX fields for ``pub``'s page-only data, in the order to write them."""
    fields: list[tuple[str, str]] = []
    for name, attr in _ROLE_FIELDS.items():
        value = roles_field(getattr(pub, attr))
        if value is not None:
            fields.append((name, value))
    fields.extend(_links_fields(pub.links))
    if pub.award is not None:
        fields.append((AWARD_FIELD, _enc_text(pub.award)))
    if pub.section is not None:
        fields.append((SECTION_FIELD, _enc_text(pub.section)))
    hint_lines: list[str] = []
    for key, value in pub.hints:
        if key == _ABS_ID_HINT:
            fields.append((ABS_ID_FIELD, _enc_scalar(value)))
        elif key.startswith(HINT_PREFIX):
            name = key[len(HINT_PREFIX) :]
            if _NAME.fullmatch(name) and (value == "" or _plain_ok(value)):
                hint_lines.append(f"{name}: {value}".rstrip())
            else:
                hint_lines.append(_json([name, value]))
    if hint_lines:
        fields.append((HINTS_FIELD, "\n".join(hint_lines)))
    return fields


def _read_hints(value: str) -> tuple[list[tuple[str, str]], list[str]]:
    hints: list[tuple[str, str]] = []
    bad: list[str] = []
    for raw_line in value.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith('["'):
            try:
                pair = json.loads(line)
            except ValueError:
                pair = None
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair):
                hints.append((HINT_PREFIX + str(pair[0]), str(pair[1])))
            else:
                bad.append(raw_line)
            continue
        name, sep, rest = line.partition(":")
        if not sep or not _NAME.fullmatch(name):
            bad.append(raw_line)
            continue
        hints.append((HINT_PREFIX + name, rest.strip()))
    return hints, bad


def from_fields(
    fields: Sequence[tuple[str, str]],
    *,
    authors: Sequence[Person] | None = None,
    editors: Sequence[Person] | None = None,
) -> tuple[dict[str, Any], tuple[tuple[str, str], ...], list[tuple[str, str]]]:
    """``(updates for dataclasses.replace, hints to add, fields not consumed)``.

    ``fields`` are raw (un-decoded) values of the names in :data:`FIELD_NAMES`, in source order.
    Pass the entry's parsed ``authors``/``editors`` so ``author+an`` roles can be attached to
    them (the update then holds the new tuple); without them the annotation is left unconsumed.
    Text that cannot be read (a mangled ``links`` line) is never dropped: its field comes back in
    the unconsumed list.
    """
    updates: dict[str, Any] = {}
    hints: list[tuple[str, str]] = []
    kept: set[int] = set()  # indices of fields handed back unconsumed
    url_values: list[tuple[str, str]] = []
    links_values: list[str] = []
    link_indices: list[int] = []
    people = {"authors": authors, "editors": editors}
    for index, (name, value) in enumerate(fields):
        key = name.lower()
        if key in URL_FIELDS:
            url_values.append((key, value))
            link_indices.append(index)
        elif key == LINKS_FIELD:
            links_values.append(value)
            link_indices.append(index)
        elif key == AWARD_FIELD and "award" not in updates:
            updates["award"] = _dec_text(value)
        elif key == SECTION_FIELD and "section" not in updates:
            updates["section"] = _dec_text(value)
        elif key == ABS_ID_FIELD and not any(k == _ABS_ID_HINT for k, _ in hints):
            hints.append((_ABS_ID_HINT, _dec_scalar(value)))
        elif key == HINTS_FIELD:
            read, bad = _read_hints(value)
            if bad:  # keep the whole field verbatim rather than half of it
                kept.add(index)
            else:
                hints.extend(read)
        elif key in _ROLE_FIELDS:
            attr = _ROLE_FIELDS[key]
            persons = people[attr]
            roles = parse_roles(value)
            if persons is None or roles is None or attr in updates:
                kept.add(index)
            else:
                updates[attr] = apply_roles(persons, roles)
        else:
            kept.add(index)
    if url_values or links_values:
        links, bad_lines = _read_links(url_values, links_values)
        if bad_lines:  # keep every link field verbatim rather than guess
            kept.update(link_indices)
        else:
            updates["links"] = links
    rest = [field for index, field in enumerate(fields) if index in kept]
    return updates, tuple(hints), rest


# --------------------------------------------------------------------------- earlier contract


def links_to_fields(links: Sequence[Link]) -> list[tuple[str, str]]:
    """Fields that carry ``links`` alone (kept for callers of the first contract)."""
    return _links_fields(links)


def fields_to_links(
    fields: Sequence[tuple[str, str]],
) -> tuple[tuple[Link, ...], list[tuple[str, str]]]:
    """Links found in ``fields`` and the fields left over (first contract)."""
    mine = [(n, v) for n, v in fields if n.lower() in URL_FIELDS or n.lower() == LINKS_FIELD]
    others = [(n, v) for n, v in fields if (n, v) not in mine]
    updates, _, rest = from_fields(mine)
    return tuple(updates.get("links", ())), [*rest, *others]
