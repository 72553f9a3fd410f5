"""The rule registry: every finding names a stable rule, as ruff's do (code and name).

Codes never change meaning once released, so ``--ignore J001`` in a lab's pre-commit config
keeps working; ``--select``/``--ignore`` take a code (``J001``), a name (``blank-target``) or a
code prefix (``J`` = every page rule, ``B`` = every BibTeX rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pubconv.errors import Diagnostic, PubconvError


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of defect, e.g. ``Rule("J001", "blank-target", "...", fixable=True)``."""

    code: str
    name: str
    summary: str
    fixable: bool = False
    """Whether ``--fix`` can repair (some of) its findings without a human decision."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the checked file with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect: its rule, where it is (a :class:`Diagnostic`) and, when mechanical, its fix."""

    rule: Rule
    diagnostic: Diagnostic
    edits: tuple[Edit, ...] = field(default=())
    silenced: bool = False
    """A ``<!-- pubconv: noqa -->`` marker covers it (:mod:`pubconv.lint.noqa`)."""

    @property
    def fixable(self) -> bool:
        """True when ``--fix`` repairs this very finding."""
        return bool(self.edits)

    def sort_key(self) -> tuple[str, int, int, str]:
        d = self.diagnostic
        return (d.path or "", d.line or 0, d.column or 0, self.rule.code)


_ALL = [
    Rule("J000", "page-syntax", "a page line the reader cannot place (unrecognised line, "
         "unclosed comment, invalid front matter, entry part outside an entry)"),
    Rule("J001", "blank-target", 'target="\\_blank": kramdown keeps the backslash, so links '
         'open a window named "\\_blank"', fixable=True),
    Rule("J002", "duplicate-abstract-id", "two abstract toggles share an id, so the second "
         "opens the first entry's abstract", fixable=True),
    Rule("J003", "empty-link", "a link whose target is empty or '#'"),
    Rule("J004", "unclosed-tag", "an HTML tag that is never closed (closing tags written as "
         "opening ones, empty spans left open)", fixable=True),
    Rule("J005", "stray-end-tag", "an HTML end tag that closes nothing", fixable=True),
    Rule("J006", "incomplete-entry", "an entry without title, authors or year"),
    Rule("J007", "heading-close", "an abstract closed inside a Markdown heading (`## </div>`)",
         fixable=True),
    Rule("B000", "bib-syntax", "a BibTeX block or field the reader cannot parse, or "
         "what BibTeX itself warns about (repeated fields, undefined @strings)"),
    Rule("B001", "duplicate-key", "a citation key used twice (or differing only by case)"),
    Rule("B002", "duplicate-title", "two entries with the same title and year"),
    Rule("B003", "missing-field", "a field BibTeX requires for the entry type is missing"),
    Rule("B004", "malformed-doi", "a DOI that is not 10.NNNN/suffix (or is a URL)"),
    Rule("B005", "malformed-url", "a URL that is not an absolute http(s)/ftp URL"),
    Rule("B006", "month-as-text", "a month written as quoted text instead of a macro (jul)",
         fixable=True),
    Rule("B007", "unbalanced-braces", "braces that do not balance in an entry"),
]  # fmt: skip

#: Every rule by code.
RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}
_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _ALL}


def rule(code: str) -> Rule:
    """The rule with ``code`` (registry lookup; a typo in the project itself fails loudly)."""
    return RULES[code]


def _matching(selector: str) -> set[str]:
    wanted = selector.strip()
    if wanted in _BY_NAME:
        return {_BY_NAME[wanted].code}
    upper = wanted.upper()
    found = {code for code in RULES if code.startswith(upper)} if upper else set()
    if not found:
        known = ", ".join(f"{r.code} {r.name}" for r in _ALL)
        raise PubconvError(f"unknown rule {selector!r} (known: {known})")
    return found


def chosen_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> set[str]:
    """Codes left by ``--select`` (all when empty) minus ``--ignore``; comma lists allowed."""
    selected = [s for item in select for s in item.split(",") if s.strip()]
    ignored = [s for item in ignore for s in item.split(",") if s.strip()]
    codes = set().union(*(_matching(s) for s in selected)) if selected else set(RULES)
    for selector in ignored:
        codes -= _matching(selector)
    return codes
