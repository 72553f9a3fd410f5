"""The sync report as text for people and as JSON for programs (schema: ``schema.json``).

Every record is shown with ``file:line`` so an editor can jump to it; the JSON layout is
versioned (``"schema": 1``) and only ever grows.
"""

from __future__ import annotations

import difflib
import json
from importlib import resources
from typing import Any

from pubconv.model import Link, PartialDate, Person, Publication
from pubconv.sync.compare import FieldDiff
from pubconv.sync.plan import MatchedPair, SyncPlan

SCHEMA_VERSION = 1


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that ``--format json`` output follows."""
    text = resources.files("pubconv.sync").joinpath("schema.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def where(pub: Publication) -> str:
    """``page.md:34`` (the record's file and line), ``<input>`` when unknown."""
    origin = pub.origin
    if origin is None:
        return "<input>"
    return f"{origin.path or '<input>'}:{origin.line}"


def value_json(value: Any) -> Any:
    """A model value as plain JSON: names as display strings, dates as ISO, links as objects."""
    if isinstance(value, Person):
        return value.display()
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Link):
        return {"label": value.label, "url": value.url}
    if isinstance(value, tuple | list):
        return [value_json(v) for v in value]
    return value


def value_text(value: Any, limit: int = 90) -> str:
    """A model value in one line for the text report (long values cut with an ellipsis)."""
    if value is None or value == () or value == "":
        return "(none)"
    if isinstance(value, tuple):
        if value and isinstance(value[0], Link):
            text = " | ".join(f"[{v.label}]({v.url})" for v in value)
        else:
            text = ", ".join(str(value_json(v)) for v in value)
    else:
        text = str(value_json(value))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ref(pub: Publication) -> dict[str, Any]:
    origin = pub.origin
    return {
        "key": pub.key,
        "path": origin.path if origin else None,
        "line": origin.line if origin else None,
        "title": pub.title,
        "year": pub.year,
    }


def _diff_json(diff: FieldDiff) -> dict[str, Any]:
    return {
        "field": diff.name,
        "site": value_json(diff.left),
        "database": value_json(diff.right),
        "kind": diff.kind,
    }


def _pair_json(pair: MatchedPair) -> dict[str, Any]:
    return {
        "how": pair.how,
        "score": pair.score,
        "site": _ref(pair.site),
        "database": _ref(pair.database),
        "differences": [_diff_json(d) for d in pair.differences],
    }


def to_json(plan: SyncPlan) -> dict[str, Any]:
    """The report as data (see :func:`schema`)."""
    return {
        "schema": SCHEMA_VERSION,
        "in_sync": plan.in_sync,
        "files": [
            {
                "path": d.path,
                "format": d.format.name,
                "role": d.role,
                "records": len(d.bib.publications),
            }
            for d in plan.documents
        ],
        "matched": [_pair_json(p) for p in plan.pairs],
        "site_only": [_ref(p) for p in plan.site_only],
        "database_only": [_ref(p) for p in plan.database_only],
        "ambiguous": [
            {
                "record": _ref(a.record),
                "side": "site" if a.side == "left" else "database",
                "stage": a.stage,
                "candidates": [_ref(c) for c in a.candidates],
            }
            for a in plan.ambiguous
        ],
        "duplicates": [
            {"side": "site" if side == "left" else "database", "first": _ref(a), "repeat": _ref(b)}
            for side, a, b in plan.duplicates
        ],
        "conflicts": [
            {"site": _ref(pair.site), "database": _ref(pair.database), **_diff_json(diff)}
            for pair, diff in plan.conflicts
        ],
        "changes": [
            {"path": c.path, "key": c.key, "action": c.action, "fields": list(c.fields)}
            for c in plan.changes
        ],
    }


def _title(pub: Publication) -> str:
    year = f" ({pub.year})" if pub.year else ""
    return f"{pub.key}: {value_text(pub.title, 70)}{year}"


#: How a change reads when nothing was written (``--dry-run``, or sync without a mode).
_WOULD = {"added": "would add", "updated": "would update"}


def to_text(plan: SyncPlan, *, written: bool = True) -> str:
    """The report for people: one line per record, indented lines per differing field.

    ``written=False`` (a dry run) words each change as what ``--write`` would do: a report that
    says ``added`` of a file left untouched sends the reader to look for a change that is not
    there.
    """
    lines: list[str] = []
    for pub in plan.site_only:
        lines.append(f"{where(pub)}: only on the site: {_title(pub)}")
    for pub in plan.database_only:
        lines.append(f"{where(pub)}: only in the database: {_title(pub)}")
    for pair in plan.differing:
        how = "preprint and published version" if pair.how == "preprint" else f"by {pair.how}"
        keys = (
            pair.site.key
            if pair.site.key == pair.database.key
            else (f"{pair.site.key} / {pair.database.key}")
        )
        lines.append(f"{where(pair.site)} <-> {where(pair.database)}: {keys} differ ({how})")
        for diff in pair.differences:
            lines.append(f"    {diff.name}: {diff.kind}")
            lines.append(f"      site:     {value_text(diff.left)}")
            lines.append(f"      database: {value_text(diff.right)}")
    for ambiguity in plan.ambiguous:
        side = "site" if ambiguity.side == "left" else "database"
        others = ", ".join(f"{c.key} ({where(c)})" for c in ambiguity.candidates)
        lines.append(
            f"{where(ambiguity.record)}: ambiguous ({side} record {ambiguity.record.key}, "
            f"{ambiguity.stage}): could be {others}; not guessed"
        )
    for side, first, repeat in plan.duplicates:
        name = "site" if side == "left" else "database"
        lines.append(
            f"{where(repeat)}: warning: {repeat.key} repeats {first.key} ({where(first)}) "
            f"within the {name}"
        )
    for pair, diff in plan.conflicts:
        lines.append(
            f"{where(pair.site)} <-> {where(pair.database)}: conflict in {diff.name} of "
            f"{pair.site.key}: left alone (use --prefer page|bib to settle it)"
        )
    for change in plan.changes:
        fields = f" ({', '.join(change.fields)})" if change.fields else ""
        action = change.action if written else _WOULD.get(change.action, change.action)
        lines.append(f"{change.path}: {action} {change.key}{fields}")
    matched = len(plan.pairs)
    summary = (
        f"pubconv sync: {matched} matched, {len(plan.differing)} differ, "
        f"{len(plan.site_only)} only on the site, {len(plan.database_only)} only in the database"
    )
    if plan.ambiguous:
        summary += f", {len(plan.ambiguous)} ambiguous"
    lines.append(summary + ("; in sync" if plan.in_sync else ""))
    return "\n".join(lines) + "\n"


def unified_diffs(plan: SyncPlan) -> str:
    """What ``--write`` would change, as one unified diff per file."""
    out: list[str] = []
    for path, new in plan.updates.items():
        old = next(
            (d.original(path) for d in plan.documents if d.path == path or path in d.texts), ""
        )
        out.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
