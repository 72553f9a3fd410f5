"""How findings are shown: one line per finding, or one line per rule and file (folded).

A page with 119 copies of the same ``\\_blank`` slip should say so once, with the count, so the
one real defect beside it is not lost in the noise; ``--verbose`` lists every place.
JSON output is never folded (tools want every place).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from pubconv.lint.rules import Finding


def _line(finding: Finding, more: Sequence[Finding] = ()) -> str:
    d = finding.diagnostic
    text = f"{d.severity.value}: {finding.rule.code} {d.message} [{finding.rule.name}]"
    if more:
        numbers = list(dict.fromkeys(str(f.diagnostic.line) for f in more))
        lines = ", ".join(numbers[:8]) + (", ..." if len(numbers) > 8 else "")
        noun = "line" if len(numbers) == 1 else "lines"
        text += f" (and {len(more)} more in this file, {noun} {lines}; --verbose lists each)"
    where = d.path or "<input>"
    if d.line is not None:
        where += f":{d.line}"
        if d.column is not None:
            where += f":{d.column}"
    return f"{where}: {text}"


def text_lines(findings: Iterable[Finding], verbose: bool = False) -> list[str]:
    """Findings as ``file:line:col: severity: CODE message [name]`` lines, folded per rule and
    file unless ``verbose``."""
    ordered = sorted(findings, key=Finding.sort_key)
    if verbose:
        return [_line(f) for f in ordered]
    groups: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in ordered:
        groups.setdefault((finding.diagnostic.path, finding.rule.code), []).append(finding)
    firsts = sorted(groups.values(), key=lambda group: group[0].sort_key())
    return [_line(group[0], group[1:]) for group in firsts]


def as_json(findings: Iterable[Finding]) -> str:
    """Every finding as a JSON list of objects (path, line, column, severity, code, rule,
    message, fixable)."""
    rows = [
        {
            "path": f.diagnostic.path,
            "line": f.diagnostic.line,
            "column": f.diagnostic.column,
            "severity": f.diagnostic.severity.value,
            "code": f.rule.code,
            "rule": f.rule.name,
            "message": f.diagnostic.message,
            "fixable": f.fixable,
        }
        for f in sorted(findings, key=Finding.sort_key)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1)


def fixed_lines(path: str, fixed: Sequence[Finding], verbose: bool = False) -> list[str]:
    """What ``--fix`` changed in ``path``: one summary line, or one line per fix."""
    if verbose:
        return [f"fixed {_line(f)}" for f in sorted(fixed, key=Finding.sort_key)]
    counts: dict[str, int] = {}
    for finding in fixed:
        label = f"{finding.rule.code} {finding.rule.name}"
        counts[label] = counts.get(label, 0) + 1
    parts = ", ".join(f"{n} x {label}" for label, n in sorted(counts.items()))
    return [f"{path}: fixed {parts}"]
