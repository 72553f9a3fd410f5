"""Keep a site's publication pages and its databases (``.bib``, CSL-JSON) in step.

``diff`` reports what differs; ``sync`` also updates either side with the smallest change each
file's own writer can make.  Both read any formats of the registry: a format's ``role`` says
whether it is a site layout (pages) or a database.

>>> plan = diff(["page.md", "lab.bib"])          # doctest: +SKIP
>>> plan.in_sync, [p.key for p in plan.database_only]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.errors import Diagnostic, PubconvError, Severity
from pubconv.formats import REGISTRY
from pubconv.model import Publication, Verbatim
from pubconv.registry import Registry
from pubconv.sync.documents import Document, read_documents
from pubconv.sync.plan import DATABASE, SITE, WRITE_CHOICES, SyncPlan, plan_sync, plan_update
from pubconv.textio import write_output

__all__ = [
    "WRITE_CHOICES",
    "Document",
    "SyncPlan",
    "diff",
    "has_errors",
    "load_sides",
    "sync",
    "update_file",
]


def _no_records_message(doc: Document) -> str:
    return (
        f"{doc.path}: no publications found; is this a {doc.format.name} file? "
        "(--from to choose another format)"
    )


def _unrecognised(doc: Document) -> bool:
    """Text the reader could not place (not front matter, headings, comments or whitespace):
    a file of another layout, read in the wrong format.  An empty page or a ``.bib`` of comments
    and macros only is a side with nothing on it yet, which sync may fill."""
    return any(isinstance(b, Verbatim) and b.kind not in _LAYOUT_KINDS for b in doc.bib.blocks)


_LAYOUT_KINDS = frozenset(
    {"whitespace", "front-matter", "section", "navigation", "rule", "comment"}
)


def load_sides(
    sources: Sequence[str], from_format: str | None = None, *, registry: Registry = REGISTRY
) -> tuple[list[Document], list[Diagnostic]]:
    """Read ``sources`` and check that there is a site side and a database side to compare.

    A side whose files hold no records while one of them is not blank is an error: the files are
    probably of another layout than the one they were read as.
    """
    if not sources:
        raise PubconvError("sync needs at least one page and one database file")
    unique = list(dict.fromkeys(sources))
    documents, notes = read_documents(unique, from_format, registry=registry)
    roles = {d.role for d in documents}
    if roles != {SITE, DATABASE}:
        have = ", ".join(sorted(roles))
        raise PubconvError(
            f"sync compares site pages with databases (.bib, CSL-JSON), but every source is a "
            f"{have} file; give both kinds"
        )
    for role in (SITE, DATABASE):
        side = [d for d in documents if d.role == role]
        if not any(d.bib.publications for d in side):
            for doc in side:
                if _unrecognised(doc) and not doc.errors:
                    raise PubconvError(_no_records_message(doc))
    return documents, notes


def diff(
    sources: Sequence[str], *, from_format: str | None = None, registry: Registry = REGISTRY
) -> SyncPlan:
    """Compare the site files among ``sources`` with the database files; nothing is written."""
    documents, notes = load_sides(sources, from_format, registry=registry)
    plan = plan_sync(documents)
    plan.diagnostics[:0] = notes
    return plan


def sync(
    sources: Sequence[str],
    *,
    write: str = "both",
    prefer: str | None = None,
    dry_run: bool = False,
    from_format: str | None = None,
    registry: Registry = REGISTRY,
) -> SyncPlan:
    """Update the ``write`` side(s) (``page``, ``bib`` or ``both``) from the other.

    Fields one side lacks are copied, never deleted; conflicts are left alone unless ``prefer``
    (``page`` or ``bib``) names the side that wins.  Each changed file is replaced atomically;
    with ``dry_run`` nothing is written and ``plan.updates`` holds the new texts.  Raises
    :class:`PubconvError` before writing anything when a file to change has unreadable blocks.
    """
    if write not in WRITE_CHOICES:
        raise PubconvError(f"write must be one of {', '.join(WRITE_CHOICES)}, not {write!r}")
    if prefer is not None and prefer not in ("page", "bib"):
        raise PubconvError(f"prefer must be 'page' or 'bib', not {prefer!r}")
    documents, notes = load_sides(sources, from_format, registry=registry)
    plan = plan_sync(documents, write, prefer)
    plan.diagnostics[:0] = notes
    if not dry_run:
        for path, text in plan.updates.items():
            write_output(path, text)
    return plan


def update_file(
    path: str,
    records: Sequence[Publication],
    format: str | None = None,
    *,
    dry_run: bool = False,
    registry: Registry = REGISTRY,
) -> SyncPlan:
    """Update the existing file ``path`` from ``records`` instead of replacing it.

    What ``md2bib page.md -o lab.bib`` does when ``lab.bib`` exists: records are matched as
    ``sync`` matches them; the records' values win where both have a field; fields and records
    only the file has are kept; untouched entries, comments and macros stay byte-identical.
    A file with blocks pubconv cannot read, or with text but no records of ``format``, is never
    rewritten (:class:`PubconvError`: use a replacing write instead).
    """
    documents, notes = read_documents([path], format, registry=registry)
    doc = documents[0]
    if doc.errors:
        first = doc.errors[0]
        raise PubconvError(
            f"{path}: exists and has blocks pubconv cannot parse (first at line {first.line}); "
            "it is never rewritten, since those blocks would be lost (--replace to overwrite it)"
        )
    if not doc.bib.publications and doc.text.strip():
        raise PubconvError(
            f"{path}: exists but holds no {doc.format.name} records; not updated "
            "(--replace to overwrite it)"
        )
    plan = plan_update(doc, records)
    plan.diagnostics[:0] = notes
    if not dry_run:
        for target, text in plan.updates.items():
            write_output(target, text)
    return plan


def has_errors(plan: SyncPlan) -> bool:
    """True when reading found errors (blocks that could not be read)."""
    return any(d.severity is Severity.ERROR for d in plan.diagnostics)
