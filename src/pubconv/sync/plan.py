"""Compare a site's pages with its databases and plan the smallest update of either side.

The plan is computed without touching a file: which records pair up, how they differ, what each
side lacks, and for each file that would change, its new text (made by that file's own writer,
so untouched records, comments, macros and layout stay byte-identical).
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pubconv.crossref import resolve_crossrefs
from pubconv.errors import Diagnostic, PubconvError, warning
from pubconv.model import Bibliography, Block, Publication
from pubconv.placement import place_all
from pubconv.registry import WriteOptions
from pubconv.sync.compare import FieldDiff, Unshown, differences, merge
from pubconv.sync.documents import Document
from pubconv.sync.match import Ambiguity, Matching, match

SITE, DATABASE = "site", "database"
WRITE_CHOICES = {"page": (SITE,), "bib": (DATABASE,), "both": (SITE, DATABASE)}
"""``--write`` values: the seed lab's words for the two roles (``page`` = the website side)."""


@dataclass(frozen=True, slots=True)
class MatchedPair:
    """A paper found on both sides, how it was matched, and how its records differ."""

    site: Publication
    database: Publication
    how: str
    score: float
    differences: tuple[FieldDiff, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """What an update does to one record of one file."""

    path: str
    key: str
    action: str
    """``added`` or ``updated``."""
    fields: tuple[str, ...] = ()


@dataclass
class SyncPlan:
    """Everything ``pubconv sync`` reports, and the new text of each file it would change."""

    documents: list[Document]
    pairs: list[MatchedPair] = field(default_factory=list)
    site_only: list[Publication] = field(default_factory=list)
    database_only: list[Publication] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    duplicates: list[tuple[str, Publication, Publication]] = field(default_factory=list)
    conflicts: list[tuple[MatchedPair, FieldDiff]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    updates: dict[str, str] = field(default_factory=dict)
    """New text per file path, only for files whose text would change."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    as_written: dict[int, Publication] = field(default_factory=dict)
    """``id()`` of a record compared with crossref inheritance -> the record as its file has it."""
    database_records: list[Publication] = field(default_factory=list)
    """The database records as compared (crossref inheritance applied), in file order."""

    @property
    def differing(self) -> list[MatchedPair]:
        """Pairs with at least one field difference, or a preprint beside its published version."""
        return [p for p in self.pairs if p.differences or p.how == "preprint"]

    @property
    def in_sync(self) -> bool:
        """Nothing differs: what ``--check`` exits 0 on."""
        return not (self.differing or self.site_only or self.database_only or self.ambiguous)


def _role_records(documents: Sequence[Document], role: str) -> list[Publication]:
    return [p for d in documents if d.role == role for p in d.bib.publications]


def _unshown_of(documents: Sequence[Document]) -> dict[int, Unshown | None]:
    return {id(p): d.format.unshown for d in documents for p in d.bib.publications}


def _resolved_database(
    documents: Sequence[Document],
) -> tuple[list[Publication], list[Publication], set[str]]:
    """The database records as their files have them, the same with crossref parents' fields
    filled in (what a reader of the ``.bib`` sees), and the keys children point to."""
    blocks = [b for d in documents if d.role == DATABASE for b in d.bib.blocks]
    raw = [b for b in blocks if isinstance(b, Publication)]
    parents = {(p.get_extra("crossref") or "").strip().lower() for p in raw} - {""}
    if not parents:
        return raw, raw, parents
    return raw, resolve_crossrefs(Bibliography(blocks)).publications, parents


def compare(documents: Sequence[Document]) -> SyncPlan:
    """Match the site records against the database records and list their differences.

    Database records are compared as crossref resolves them, so a paper whose venue comes
    from its proceedings entry does not differ from a page that names that venue; a crossref
    parent is not a paper of its own unless a page lists it."""
    site = _role_records(documents, SITE)
    raw, database, parents = _resolved_database(documents)
    matching: Matching = match(site, database)
    unshown = _unshown_of(documents)
    for resolved, original in zip(database, raw, strict=True):
        unshown[id(resolved)] = unshown.get(id(original))
    plan = SyncPlan(list(documents))
    plan.as_written = {id(v): r for v, r in zip(database, raw, strict=True) if v is not r}
    plan.database_records = database
    for pair in matching.pairs:
        diffs = differences(
            pair.left,
            pair.right,
            unshown.get(id(pair.left)),
            unshown.get(id(pair.right)),
        )
        plan.pairs.append(MatchedPair(pair.left, pair.right, pair.how, pair.score, tuple(diffs)))
    repeats = {id(repeat) for _, _, repeat in matching.duplicates}
    plan.site_only = [p for p in matching.left_only if id(p) not in repeats]
    plan.database_only = [
        p for p in matching.right_only if id(p) not in repeats and p.key.lower() not in parents
    ]
    plan.ambiguous = matching.ambiguous
    plan.duplicates = matching.duplicates
    return plan


def _unique_key(key: str, taken: set[str]) -> str:
    if key not in taken:
        return key
    for suffix in "abcdefghijklmnopqrstuvwxyz":
        if key + suffix not in taken:
            return key + suffix
    n = 2
    while f"{key}-{n}" in taken:
        n += 1
    return f"{key}-{n}"


def _restyle(pub: Publication, doc: Document) -> Publication:
    """Give a new record the layout hints most entries of ``doc`` have (its house style),
    unless it carries layout hints of that format already (written for it, say by md2bib)."""
    names = doc.format.style_hints
    if not names or any(pub.get_hint(name) is not None for name in names):
        return pub
    pubs = doc.bib.publications
    kept = tuple((k, v) for k, v in pub.hints if k not in names)
    chosen: list[tuple[str, str]] = []
    for name in names:
        values = Counter(p.get_hint(name) for p in pubs)
        value = values.most_common(1)[0][0] if values else None
        if value is not None:
            chosen.append((name, value))
    return dataclasses.replace(pub, hints=kept + tuple(chosen))


def _target_document(
    pub: Publication,
    source: Sequence[Publication],
    counterpart: dict[int, Publication],
    owner: dict[int, Document],
    targets: Sequence[Document],
) -> Document:
    """The file a new record goes to: its source neighbour's counterpart's file, else the last."""
    at = next(i for i, p in enumerate(source) if p is pub)
    for neighbour in [*source[at + 1 :], *reversed(source[:at])]:
        there = counterpart.get(id(neighbour))
        if there is not None and id(there) in owner:
            return owner[id(there)]
    return targets[-1]


def _update_role(plan: SyncPlan, role: str, prefer: str | None) -> None:
    """Bring the files of ``role`` up to date from the other side (see ``pubconv sync --write``)."""
    targets = [d for d in plan.documents if d.role == role]
    if not targets:
        return
    other = DATABASE if role == SITE else SITE
    twins: list[tuple[Publication, Publication, MatchedPair]] = []
    for pair in plan.pairs:
        database = plan.as_written.get(id(pair.database), pair.database)
        target, theirs = (pair.site, pair.database) if role == SITE else (database, pair.site)
        twins.append((target, theirs, pair))
    new = plan.site_only if role == DATABASE else plan.database_only
    prefer_source = None if prefer is None else prefer == other
    source = plan.database_records if other == DATABASE else _role_records(plan.documents, SITE)
    apply_updates(plan, targets, source, twins, new, prefer_source, target_is_left=role == SITE)


def apply_updates(
    plan: SyncPlan,
    targets: Sequence[Document],
    source: Sequence[Publication],
    twins: Sequence[tuple[Publication, Publication, MatchedPair]],
    new: Sequence[Publication],
    prefer_source: bool | None,
    *,
    target_is_left: bool,
) -> None:
    """Merge each ``(target, theirs, pair)`` into its target file, add ``new`` records (placed
    beside their ``source`` neighbours), and plan the new text of every target file that changes.

    ``pair.site`` is the *left* record of the pair's differences; ``target_is_left`` says
    whether the targets are that side."""
    owner = {id(p): d for d in targets for p in d.bib.publications}
    replaced: dict[int, Publication] = {}
    counterpart: dict[int, Publication] = {}
    for target, theirs, pair in twins:
        counterpart[id(theirs)] = target
        if not pair.differences or (pair.how == "preprint" and prefer_source is None):
            continue
        doc = owner[id(target)]
        merged = merge(
            target,
            theirs,
            pair.differences,
            target_is_left=target_is_left,
            prefer_source=prefer_source,
            target_unshown=doc.format.unshown,
            hint_prefix=doc.format.name + ".",
        )
        plan.conflicts.extend(
            (pair, c) for c in merged.conflicts if (pair, c) not in plan.conflicts
        )
        if merged.record is not target:
            replaced[id(target)] = merged.record
            counterpart[id(theirs)] = merged.record
            owner[id(merged.record)] = doc
            fields = tuple(d.name for d in merged.applied)
            plan.changes.append(Change(doc.path, target.key, "updated", fields))
    taken = {p.key for d in targets for p in d.bib.publications}
    per_doc: dict[str, list[Publication]] = {d.path: [] for d in targets}
    renamed: dict[int, Publication] = {}
    for pub in new:
        doc = _target_document(pub, source, counterpart, owner, targets)
        key = _unique_key(pub.key, taken)
        taken.add(key)
        fresh = _restyle(dataclasses.replace(pub, key=key), doc)
        renamed[id(pub)] = fresh
        per_doc[doc.path].append(fresh)
        plan.changes.append(Change(doc.path, key, "added"))
        if key != pub.key:
            plan.diagnostics.append(
                pub.warning(f"{pub.key}: key taken in {doc.path}; added as {key}")
            )
    ordered_source = [renamed.get(id(p), p) for p in source]
    for doc in targets:
        blocks: list[Block] = [
            replaced.get(id(b), b) if isinstance(b, Publication) else b for b in doc.bib.blocks
        ]
        if per_doc[doc.path]:
            here = {
                id(renamed.get(id(s), s)): t
                for s in source
                if (t := counterpart.get(id(s))) is not None and owner.get(id(t)) is doc
            }
            blocks = place_all(blocks, per_doc[doc.path], ordered_source, here)
        elif not any(id(b) in replaced for b in doc.bib.blocks):
            continue
        _plan_write(plan, doc, blocks)


def _records_unshown(records: Sequence[Publication]) -> dict[int, Unshown | None]:
    """What the format each record was read from cannot hold (``records`` from a page hold only
    the year of a date), so an update does not take that for a deletion."""
    from pubconv.formats import REGISTRY

    out: dict[int, Unshown | None] = {}
    for pub in records:
        try:
            fmt = REGISTRY.get(pub.origin.format) if pub.origin is not None else None
        except PubconvError:  # a record made in code, or of a format no longer registered
            fmt = None
        out[id(pub)] = fmt.unshown if fmt is not None else None
    return out


def plan_update(
    target: Document, records: Sequence[Publication], prefer_source: bool | None = True
) -> SyncPlan:
    """Update one existing file from ``records`` (the one-way commands writing to a file that
    exists): records matched, fields only the file has kept, untouched entries byte-identical,
    records only the file has kept too.

    As in :func:`compare`, a database file's records are compared as crossref resolves them
    (a child does not lack its parent's venue) and against what the records' own format can
    hold (a page's year does not remove the file's month)."""
    plan = SyncPlan([target])
    raw, resolved, _ = _resolved_database([target])
    if not raw:  # a site file: compared as written
        raw = resolved = target.bib.publications
    as_written = {id(v): r for v, r in zip(resolved, raw, strict=True)}
    matching = match(resolved, records)
    unshown = target.format.unshown
    theirs_unshown = _records_unshown(records)
    twins = []
    for pair in matching.pairs:
        diffs = differences(pair.left, pair.right, unshown, theirs_unshown.get(id(pair.right)))
        twin = MatchedPair(pair.left, pair.right, pair.how, pair.score, tuple(diffs))
        plan.pairs.append(twin)
        twins.append((as_written.get(id(pair.left), pair.left), pair.right, twin))
    repeats = {id(repeat) for side, _, repeat in matching.duplicates if side == "right"}
    new = [p for p in matching.right_only if id(p) not in repeats]
    for ambiguity in matching.ambiguous:
        pub = ambiguity.record
        plan.diagnostics.append(
            pub.warning(
                f"{pub.key}: {len(ambiguity.candidates)} records match it equally "
                f"({ambiguity.stage}); left alone in {target.path}"
            )
        )
    plan.database_only = new
    apply_updates(plan, [target], records, twins, new, prefer_source, target_is_left=True)
    return plan


def _plan_write(plan: SyncPlan, doc: Document, blocks: list[Block]) -> None:
    if doc.errors:
        first = doc.errors[0]
        raise PubconvError(
            f"{doc.path}: has blocks pubconv cannot parse (first at line {first.line}); it is "
            "never rewritten, since those blocks would be lost. Fix them, or sync the other side."
        )
    bib = Bibliography(blocks, [], doc.format.name)
    if doc.format.write_tree is not None and (doc.format.write is None or doc.is_folder):
        root = doc.path if doc.is_folder else os.path.dirname(doc.path)
        for relative, text in doc.format.write_tree(bib, WriteOptions()):
            path = os.path.join(root, relative)
            if text != doc.original(path):
                plan.updates[path] = text
        return
    assert doc.format.write is not None
    text = doc.format.write(bib, WriteOptions())
    if text != doc.text:
        plan.updates[doc.path] = text


def plan_sync(
    documents: Sequence[Document], write: str | None = None, prefer: str | None = None
) -> SyncPlan:
    """Compare, then (with ``write`` = ``page``, ``bib`` or ``both``) plan the updates.

    ``prefer`` (``page`` or ``bib``) settles conflicts in favour of that side.
    """
    plan = compare(documents)
    prefer_role = None if prefer is None else WRITE_CHOICES[prefer][0]
    for ambiguity in plan.ambiguous:
        plan.diagnostics.append(
            warning(
                f"{ambiguity.record.key}: {len(ambiguity.candidates)} records on the other side "
                f"match it equally ({ambiguity.stage}); left alone",
                *(_where(ambiguity.record)),
            )
        )
    if write is not None:
        for role in WRITE_CHOICES[write]:
            _update_role(plan, role, prefer_role)
    return plan


def _where(pub: Publication) -> tuple[str | None, int | None, int | None]:
    origin = pub.origin
    if origin is None:
        return None, None, None
    return origin.path, origin.line, origin.column
