"""Field-level differences between two records of the same paper, and merging them.

What counts as a difference depends on what each side's format can hold: a page shows no
``volume``, so a ``.bib`` entry with a volume and a page entry without one do not differ.  The
formats say what they cannot hold through the registry's ``unshown`` hook; nothing here knows a
format by name.

Merging never deletes: a field empty on the target and set on the source is copied; a field set on
the target and empty on the source is kept; a field set differently on both sides is a *conflict*,
left alone unless the caller prefers one side.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pubconv.model import Link, Publication
from pubconv.sync.match import normalise_doi, plain_text

Unshown = Callable[[Publication], list[str]]

_NOT_COMPARED = frozenset({"key", "section", "extra", "hints", "origin"})
COMPARED_FIELDS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Publication) if f.name not in _NOT_COMPARED
)
"""Model fields compared, in model order (so a field added to the model is compared too);
``extra`` fields are compared by name after these.  ``key`` is how records are matched, not data.

``section`` (the heading a page entry sits under) is layout, not data: it decides where a new
record goes on a page but is never copied into a database or reported."""

_TEXT_FIELDS = frozenset(
    {"title", "container_title", "container_short", "collection_title", "abstract", "note", "award"}
)


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field that differs; ``kind`` is ``copy`` (one side empty) or ``conflict``."""

    name: str
    left: Any
    right: Any
    kind: str


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _absent(name: str, value: Any) -> bool:
    """No value: an empty model field, or an extra field the record does not have (an extra
    field present but empty is a value someone wrote)."""
    return value is None if name.startswith("extra:") else _empty(value)


def _same(name: str, a: Any, b: Any) -> bool:
    """Equal for a user: text compared without markup-only differences, DOIs normalised."""
    if a == b:
        return True
    if name in _TEXT_FIELDS and isinstance(a, str) and isinstance(b, str):
        return plain_text(a) == plain_text(b)
    if name == "doi":
        return normalise_doi(a) == normalise_doi(b)
    if name == "links":
        # Which links there are, not how a page decorates or orders them.
        return sorted((link.label, link.url) for link in a) == sorted(
            (link.label, link.url) for link in b
        )
    if name == "authors" or name == "editors":
        # The same names in reading order and the same marks (``*`` equal contribution): a page
        # cannot show where a family name starts (``Rosa García Márquez``).
        return [(p.display(), p.roles) for p in a] == [(p.display(), p.roles) for p in b]
    return False


def _holds(unshown: Unshown | None, pub: Publication, name: str, value: Any) -> bool:
    """Can a record of ``pub``'s format hold ``value`` in field ``name``?"""
    if unshown is None:
        return True
    if name.startswith("extra:"):
        candidate = dataclasses.replace(pub, extra=((name[6:], str(value)),))
        return not any(x.startswith("field ") for x in unshown(candidate))
    candidate = dataclasses.replace(pub, **{name: value})
    lost = unshown(candidate)
    return not any(x == name or x.startswith(name + " ") for x in lost)


def _compare_year_only(a: Publication, b: Publication) -> bool:
    return a.year == b.year


def _extras(pub: Publication) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in pub.extra:
        out.setdefault(name.lower(), value)
    return out


def differences(
    left: Publication,
    right: Publication,
    left_unshown: Unshown | None = None,
    right_unshown: Unshown | None = None,
) -> list[FieldDiff]:
    """The fields in which two records of one paper differ, as far as both formats can tell."""
    found: list[FieldDiff] = []
    dois = {normalise_doi(left.doi), normalise_doi(right.doi)} - {""}
    urls = field_urls(left, right)
    for name in COMPARED_FIELDS:
        a, b = getattr(left, name), getattr(right, name)
        if name == "links":
            a, b = doi_links_dropped(a, dois, urls), doi_links_dropped(b, dois, urls)
        if _same(name, a, b):
            continue
        if name == "url" and _url_as_link(left, right):
            continue
        a_holds = _holds(left_unshown, left, name, b)
        b_holds = _holds(right_unshown, right, name, a)
        if not (a_holds and b_holds):
            # One format cannot show the other's value; compare what it shows.
            if name == "issued" and a and b and _compare_year_only(left, right):
                continue
            if name == "type" or _empty(a) or _empty(b):
                continue
        kind = "copy" if _empty(a) or _empty(b) else "conflict"
        found.append(FieldDiff(name, a, b, kind))
    extras_a, extras_b = _extras(left), _extras(right)
    for name in [*extras_a, *(n for n in extras_b if n not in extras_a)]:
        a, b = extras_a.get(name), extras_b.get(name)
        if a == b:
            continue
        if a is None and not _holds(left_unshown, left, "extra:" + name, b):
            continue
        if b is None and not _holds(right_unshown, right, "extra:" + name, a):
            continue
        kind = "copy" if a is None or b is None else "conflict"
        found.append(FieldDiff("extra:" + name, a, b, kind))
    return found


def doi_links_dropped(
    links: tuple[Link, ...], dois: set[str], urls: frozenset[str] = frozenset()
) -> tuple[Link, ...]:
    """``links`` without those to a DOI resolver for one of ``dois``: a page's "Paper" link to
    ``https://doi.org/10...`` says what a database's ``doi`` field says already.  Links to one
    of ``urls`` (:func:`field_urls`: a ``url`` field, an arXiv id's page) say it as well: a
    page shows those fields as links, so a paper sync added to a page is in sync afterwards."""
    if not dois and not urls:
        return links
    return tuple(
        link for link in links if normalise_doi(link.url) not in dois and link.url not in urls
    )


def _url_tokens(pub: Publication) -> list[str]:
    # hand-kept .bib files put several URLs in one field ("http://a;\n  http://b")
    return [url.rstrip(";,") for url in (pub.url or "").split()]


def field_urls(*pubs: Publication) -> frozenset[str]:
    """The URLs records' own fields give: each ``url``, and the arXiv page of an ``eprint``."""
    from pubconv.formats.jekyll.publish import arxiv_url

    found = {url for pub in pubs for url in _url_tokens(pub)}
    found.update(url for pub in pubs if (url := arxiv_url(pub)) is not None)
    return frozenset(found)


def _url_as_link(left: Publication, right: Publication) -> bool:
    """One record has a ``url`` that the other (a page) shows as one of its links instead."""
    if bool(left.url) == bool(right.url):
        return False
    having, other = (left, right) if left.url else (right, left)
    shown = {link.url for link in other.links}
    return all(url in shown for url in _url_tokens(having))


def _merge_links(
    target: tuple[Link, ...], source: tuple[Link, ...], prefer: bool
) -> tuple[Link, ...]:
    """Links by label: the source's new labels are added, a label on both keeps the target's URL
    unless ``prefer``.  Links keep the target's look: the order it has, and for added links the
    attributes its own links carry (``{:target="_blank"}``), so only the data changes."""
    look = Counter(link.attrs for link in target).most_common(1)
    attrs = look[0][0] if look else None
    theirs = {link.label: link for link in source}
    merged = [
        dataclasses.replace(link, url=theirs[link.label].url)
        if prefer and link.label in theirs
        else link
        for link in target
    ]
    labels = {link.label for link in target}
    merged.extend(
        link if attrs is None else dataclasses.replace(link, attrs=attrs)
        for link in source
        if link.label not in labels
    )
    return tuple(merged)


@dataclass(frozen=True, slots=True)
class Merge:
    """A target record after taking what it lacked from the source, and what was left alone."""

    record: Publication
    applied: tuple[FieldDiff, ...]
    conflicts: tuple[FieldDiff, ...]


def merge(
    target: Publication,
    source: Publication,
    diffs: Sequence[FieldDiff],
    *,
    target_is_left: bool,
    prefer_source: bool | None,
    target_unshown: Unshown | None = None,
    hint_prefix: str | None = None,
) -> Merge:
    """``target`` updated from ``source`` for each of ``diffs`` (see the module docstring).

    ``prefer_source`` settles conflicts: ``True`` takes the source's value, ``False`` keeps the
    target's, ``None`` leaves them as conflicts.  Fields the target's format cannot hold are
    not copied (the target would only lose them again).  Hints named ``hint_prefix...`` (the
    target format's own layout hints, e.g. a page's abstract id kept in a ``.bib``) that the
    source has and the target lacks come along with a changed record.
    """
    changes: dict[str, Any] = {}
    extras = list(target.extra)
    applied: list[FieldDiff] = []
    conflicts: list[FieldDiff] = []
    for diff in diffs:
        mine, theirs = (diff.left, diff.right) if target_is_left else (diff.right, diff.left)
        if _absent(diff.name, theirs):
            continue  # never delete what only the target has
        if not _holds(target_unshown, target, diff.name, theirs):
            continue
        is_conflict = not _absent(diff.name, mine)
        if diff.name == "links":
            dois = {normalise_doi(target.doi), normalise_doi(source.doi)} - {""}
            theirs_links = doi_links_dropped(source.links, dois, field_urls(target, source))
            merged = _merge_links(target.links, theirs_links, bool(prefer_source))
            clash = any(
                t.label == s.label and t.url != s.url for t in target.links for s in theirs_links
            )
            if clash and prefer_source is None:
                conflicts.append(diff)
            if merged != target.links:
                changes["links"] = merged
                applied.append(diff)
            continue
        if is_conflict and not prefer_source:
            if prefer_source is None:
                conflicts.append(diff)
            continue
        if diff.name.startswith("extra:"):
            name = diff.name[6:]
            idx = next((i for i, (n, _) in enumerate(extras) if n.lower() == name), None)
            original = next((n for n, _ in source.extra if n.lower() == name), name)
            if idx is None:
                extras.append((original, str(theirs)))
            else:
                extras[idx] = (extras[idx][0], str(theirs))
        else:
            changes[diff.name] = theirs
        applied.append(diff)
    if extras != list(target.extra):
        changes["extra"] = tuple(extras)
    if changes and hint_prefix:
        have = {name for name, _ in target.hints}
        added = tuple(
            (n, v) for n, v in source.hints if n.startswith(hint_prefix) and n not in have
        )
        if added:
            changes["hints"] = target.hints + added
    record = dataclasses.replace(target, **changes) if changes else target
    return Merge(record, tuple(applied), tuple(conflicts))
