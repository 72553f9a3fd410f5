"""Defects of hand-written publication pages as plain diagnostics (the older entry point).

The rules, their codes and fixes live in :mod:`pubconv.lint`; this keeps ``check_page`` and
``check_paths`` for callers that want :class:`~pubconv.errors.Diagnostic` lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.errors import Diagnostic
from pubconv.lint import lint_paths
from pubconv.lint.page import check_page as _check_page
from pubconv.model import Bibliography


def check_page(
    text: str, path: str | None = None, bib: Bibliography | None = None
) -> list[Diagnostic]:
    """Every defect of one page, sorted by place (see :func:`pubconv.lint.page.check_page`)."""
    return [finding.diagnostic for finding in _check_page(text, path, bib)]


def check_paths(paths: Sequence[str]) -> list[Diagnostic]:
    """:func:`check_page` for each file (``.bib`` files too); unreadable files give one located
    error each."""
    return [f.diagnostic for result in lint_paths(paths) for f in result.findings]
