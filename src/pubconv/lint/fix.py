"""Applying the edits of fixable findings: non-overlapping, last first, so offsets stay valid.

Two fixes that touch the same text (which the rules never produce, but a future rule might)
are not both applied: the later one waits for the next pass, which re-checks the new text.
"""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.lint.rules import Edit, Finding


def apply_fixes(text: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """``text`` with every fixable finding repaired, and the findings that were applied."""
    applied: list[Finding] = []
    taken: list[tuple[int, int]] = []
    edits: list[Edit] = []
    for finding in sorted((f for f in findings if f.fixable), key=Finding.sort_key):
        spans = [(e.start, e.end) for e in finding.edits]
        if any((s < te and ts < e) or s == ts == e == te for s, e in spans for ts, te in taken):
            continue
        taken.extend(spans)
        edits.extend(finding.edits)
        applied.append(finding)
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text, applied
