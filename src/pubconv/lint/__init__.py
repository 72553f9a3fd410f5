"""``pubconv check``'s engine: rules over Jekyll pages (``J`` codes) and ``.bib`` files (``B``).

>>> from pubconv.lint import lint_paths
>>> results = lint_paths(["fixtures/check/clean.md"])   # doctest: +SKIP

Each rule lives in the module of its file family (:mod:`pubconv.lint.page`,
:mod:`pubconv.lint.bib`) and is registered in :mod:`pubconv.lint.rules` under a code that never
changes meaning.  ``.bib`` files given together are read as one database, as ``convert`` reads
them, so ``@string`` macros and crossref parents in another file are not reported missing.
``fix=True`` repairs the mechanical findings and writes each changed file atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pubconv.errors import Diagnostic, ParseError, error
from pubconv.lint.bib import check_bib
from pubconv.lint.fix import apply_fixes
from pubconv.lint.page import check_page
from pubconv.lint.rules import RULES, Edit, Finding, Rule, chosen_codes, rule
from pubconv.registry import Source
from pubconv.textio import read_input, write_output

__all__ = [
    "RULES",
    "Edit",
    "FileResult",
    "Finding",
    "Rule",
    "chosen_codes",
    "lint_paths",
    "lint_texts",
]

_PAGE_EXTENSIONS = (".md", ".markdown")
_BIB_EXTENSIONS = (".bib", ".bibtex")
_MAX_FIX_PASSES = 4


@dataclass(slots=True)
class FileResult:
    """What was found in one file, and (with ``fix``) what was repaired in it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    silenced: list[Finding] = field(default_factory=list)
    """Findings a ``<!-- pubconv: noqa -->`` marker covers (not reported, not fixed)."""


def _kind(path: str, text: str) -> str | None:
    """``"page"``, ``"bib"`` or ``None`` (a format check has no rules for)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in _PAGE_EXTENSIONS:
        return "page"
    if ext in _BIB_EXTENSIONS:
        return "bib"
    from pubconv.errors import UnknownFormatError
    from pubconv.formats import REGISTRY

    try:
        name = REGISTRY.for_path(None, text).name
    except UnknownFormatError:
        return None
    return {"jekyll": "page", "bibtex": "bib"}.get(name)


def _unreadable(path: str, diagnostics: Iterable[Diagnostic]) -> list[Finding]:
    code = "B000" if path.lower().endswith(_BIB_EXTENSIONS) else "J000"
    return [Finding(rule(code), d) for d in diagnostics]


def lint_texts(
    texts: dict[str, str], codes: set[str] | None = None, *, noqa: bool = True
) -> dict[str, list[Finding]]:
    """Findings per path for already read ``texts`` (path -> text), only rules in ``codes``;
    with ``noqa``, those a noqa marker covers are included with ``silenced=True``."""
    out: dict[str, list[Finding]] = {}
    bibs: list[Source] = []
    for path, text in texts.items():
        kind = _kind(path, text)
        if kind == "page":
            out[path] = check_page(text, path, noqa=noqa)
        elif kind == "bib":
            bibs.append(Source(text, path))
            out[path] = []
        else:
            message = "check reads Jekyll pages (.md) and BibTeX (.bib); this is neither"
            out[path] = [Finding(rule("J000"), error(message, path, 1, 1))]
    if bibs:
        from pubconv.formats import REGISTRY

        read_bibtex = REGISTRY.get("bibtex").read
        assert read_bibtex is not None
        database = read_bibtex(bibs)
        parents = {pub.key.lower(): pub for pub in database.publications}
        for source in bibs:
            assert source.path is not None
            out[source.path] = check_bib(source.text, source.path, database, parents)
    if codes is not None:
        out = {path: [f for f in found if f.rule.code in codes] for path, found in out.items()}
    return out


def _reported(
    found: dict[str, list[Finding]], results: dict[str, FileResult]
) -> dict[str, list[Finding]]:
    """``found`` without the silenced findings, which go to each file's ``silenced`` list."""
    out: dict[str, list[Finding]] = {}
    for path, findings in found.items():
        out[path] = [f for f in findings if not f.silenced]
        results[path].silenced = [f for f in findings if f.silenced]
    return out


def lint_paths(
    paths: Sequence[str],
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    *,
    fix: bool = False,
    ignore_noqa: bool = False,
) -> list[FileResult]:
    """Check ``paths`` (pages and ``.bib`` files) with the rules ``select``/``ignore`` leave.

    With ``fix``, mechanical findings are repaired (passes until none is left), each changed file
    is written atomically, and the results list what is still wrong plus what was fixed.
    Findings a page's ``<!-- pubconv: noqa -->`` marker covers are listed apart (``silenced``)
    and left alone, unless ``ignore_noqa``.
    """
    codes = chosen_codes(select, ignore)
    results = {path: FileResult(path) for path in paths}
    texts: dict[str, str] = {}
    for path in dict.fromkeys(paths):
        try:
            text, notes = read_input(path)
        except ParseError as exc:
            results[path].findings = _unreadable(path, exc.diagnostics)
            continue
        results[path].findings = _unreadable(path, notes)
        texts[path] = text
    noqa = not ignore_noqa
    found = _reported(lint_texts(texts, codes, noqa=noqa), results)
    if fix:
        original = dict(texts)
        for _ in range(_MAX_FIX_PASSES):
            changed = False
            for path, findings in found.items():
                new_text, applied = apply_fixes(texts[path], findings)
                if applied:
                    texts[path] = new_text
                    results[path].fixed.extend(applied)
                    changed = True
            if not changed:
                break
            found = _reported(lint_texts(texts, codes, noqa=noqa), results)
        for path, text in texts.items():
            if text != original[path]:
                write_output(path, text)
    for path, findings in found.items():
        results[path].findings.extend(findings)
    return list(results.values())
