"""``<!-- pubconv: noqa J006 -->``: a page says a finding is known and intended, as ``# noqa`` does.

A lab's page may list a manual with no author or a website with no year on purpose; ``bib2md``
writes such an entry from a ``.bib`` that has no author or year for it, and marks the entry so
``check`` does not report the source's gap as a defect of the page (``check lab.bib`` still
reports the ``.bib``'s missing required fields).  The marker is an HTML comment, so neither
kramdown nor the page reader sees it, and it is kept byte for byte by every rewrite.

- ``<!-- pubconv: noqa -->`` silences every rule, ``<!-- pubconv: noqa J006, J003 -->`` (codes or
  rule names, comma or space separated) only those; any text after the codes is a reason.
- Inside an entry the marker covers the whole entry; elsewhere only its own line.
- ``check --ignore-noqa`` reports everything regardless, as ruff's flag of the same name does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pubconv.lint.rules import RULES, Finding

_MARKER = re.compile(r"<!--[ \t]*pubconv:[ \t]*noqa\b([^>\n]{0,200}?)-->", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_NAMES = {rule.name: code for code, rule in RULES.items()}


@dataclass(frozen=True, slots=True)
class Suppression:
    """Lines ``first``..``last`` (1-based, inclusive) where ``codes`` are silenced (all if empty)."""

    first: int
    last: int
    codes: frozenset[str]

    def covers(self, finding: Finding) -> bool:
        line = finding.diagnostic.line
        if line is None or not self.first <= line <= self.last:
            return False
        return not self.codes or finding.rule.code in self.codes


def _codes(spec: str) -> frozenset[str] | None:
    """The rule codes a marker names; ``None`` when it names none (a bare ``noqa``)."""
    found: set[str] = set()
    for word in _CODE.findall(spec):
        code = word.upper() if word.upper() in RULES else _NAMES.get(word)
        if code is None:
            break  # the reason starts here
        found.add(code)
    return frozenset(found) if found else None


def suppressions(text: str, entries: Sequence[tuple[int, int]]) -> list[Suppression]:
    """Every marker in ``text`` with the lines it covers; ``entries`` are the (first, last)
    lines of each entry on the page."""
    out: list[Suppression] = []
    for match in _MARKER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        codes = _codes(match.group(1)) or frozenset()
        first, last = next(((a, b) for a, b in entries if a <= line <= b), (line, line))
        out.append(Suppression(first, last, codes))
    return out


def split(
    findings: Sequence[Finding], marks: Sequence[Suppression]
) -> tuple[list[Finding], list[Finding]]:
    """``(reported, silenced)``: the findings no marker covers, and those one does."""
    if not marks:
        return list(findings), []
    reported: list[Finding] = []
    silenced: list[Finding] = []
    for finding in findings:
        (silenced if any(m.covers(finding) for m in marks) else reported).append(finding)
    return reported, silenced
