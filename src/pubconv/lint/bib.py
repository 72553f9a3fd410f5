"""Rules for ``.bib`` files (``B`` codes): what BibTeX, biber and a reader of the list trip on.

Duplicate keys and titles, fields BibTeX requires for an entry type, DOIs and URLs that will
not resolve, months written as text (``{July}`` sorts and localises wrongly; ``jul`` does not)
and braces that do not balance.  The reader's own diagnostics come through as ``B000``, except
those a rule here states better (a repeated key is ``B001``, an unparsable block whose braces do
not balance is ``B007``), so each defect is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from urllib.parse import urlsplit

from pubconv.errors import Diagnostic, LineIndex, Severity, error, warning
from pubconv.lint.rules import Edit, Finding, rule
from pubconv.model import Bibliography, Publication, Verbatim

#: Required fields per BibTeX type (btxdoc); ``a|b`` means either will do.  biblatex names
#: (``date``, ``journaltitle``) count as their BibTeX counterparts.
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}
_ALIASES = {"date": "year", "journaltitle": "journal", "institution": "school"}
_MONTHS = {
    name: macro
    for macro, names in {
        "jan": "january", "feb": "february", "mar": "march", "apr": "april", "may": "may",
        "jun": "june", "jul": "july", "aug": "august", "sep": "september sept",
        "oct": "october", "nov": "november", "dec": "december",
    }.items()
    for name in (macro, *names.split())
}  # fmt: skip
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_URL = re.compile(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
_FIELD = re.compile(r"(?m)^[ \t]*([A-Za-z][\w:+-]*)[ \t]*=[ \t]*")


def _finding(code: str, diag: Diagnostic, edits: Iterable[Edit] = ()) -> Finding:
    return Finding(rule(code), diag, tuple(edits))


class _Entry:
    """One entry's raw text and where it starts in the file, to place findings on its fields."""

    def __init__(self, pub: Publication, text: str, index: LineIndex) -> None:
        origin = pub.origin
        assert origin is not None
        self.pub = pub
        self.raw = origin.raw
        self.offset = index.line_start(origin.line) + origin.column - 1
        if text[self.offset : self.offset + len(self.raw)] != self.raw:
            found = text.find(self.raw)
            self.offset = found if found >= 0 else self.offset
        self.index = index
        self.fields = _fields(pub)

    def field(self, name: str) -> tuple[int, int] | None:
        """Offsets (in the file) of field ``name``'s name and of its value."""
        for match in _FIELD.finditer(self.raw):
            if match.group(1).lower() == name:
                return self.offset + match.start(1), self.offset + match.end()
        return None

    def at(self, offset: int | None = None) -> tuple[int, int]:
        origin = self.pub.origin
        assert origin is not None
        if offset is None:
            return origin.line, origin.column
        return self.index.position(offset)


def _fields(pub: Publication) -> set[str] | None:
    fields = pub.get_hint("bibtex.fields")
    return set(fields.lower().split()) if fields is not None else None


def _missing(entry: _Entry, parents: dict[str, Publication]) -> list[str]:
    btype = (entry.pub.get_hint("bibtex.type") or "").lower()
    needed = REQUIRED.get(btype)
    if needed is None or entry.fields is None:
        return []
    have = {_ALIASES.get(name, name) for name in entry.fields}
    crossref = (entry.pub.get_extra("crossref") or "").lower()
    parent = parents.get(crossref)
    parent_fields = _fields(parent) if parent is not None else None
    if crossref and parent_fields is None:
        return []  # the parent is in a file not checked with this one: it may supply them
    if parent_fields is not None:
        have |= {_ALIASES.get(name, name) for name in parent_fields}
        if "title" in parent_fields:
            have.add("booktitle")  # a proceedings' title is its papers' booktitle
    return [need for need in needed if not have & set(need.split("|"))]


def _title_key(pub: Publication) -> tuple[str, int | None] | None:
    words = re.sub(r"<[^>]+>|[^\w]+", " ", (pub.title or "").casefold()).split()
    return (" ".join(words), pub.year) if words else None


def _doi_problem(doi: str) -> str | None:
    if _DOI_URL.match(doi):
        bare = _DOI_URL.sub("", doi)
        return f"DOI written as a link ({doi!r}); write the bare DOI {bare!r}"
    if not _DOI.fullmatch(doi):
        return f"malformed DOI {doi!r} (expected 10.NNNN/suffix, no spaces)"
    return None


def _url_problem(url: str) -> str | None:
    if any(c.isspace() for c in url):
        return f"URL {url!r} contains spaces"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https", "ftp") or not parts.netloc:
        return f"URL {url!r} is not an absolute http(s) or ftp URL"
    return None


def _balanced(text: str) -> bool:
    """Braces pair up (``\\{`` and ``\\}`` are characters, not braces) and never close early."""
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _unbalanced(raw: str) -> int | None:
    """Offset in ``raw`` of the field whose braces do not balance (0: the entry), or ``None``."""
    body = raw.rstrip()
    if body.endswith(("}", ")")):
        body = body[:-1]  # the entry's own closing delimiter
    starts = [m.start(1) for m in _FIELD.finditer(body)]
    for start, end in pairwise([*starts, len(body)]):
        value = body[start:end]
        value = value[value.find("=") + 1 :].rstrip().removesuffix(",")
        if not _balanced(value):
            return start
    return None if _balanced(raw) else 0


def _key_note(diag: Diagnostic) -> bool:
    return diag.message.startswith("repeated key") or "differs only by case" in diag.message


def check_bib(
    text: str, path: str | None, bib: Bibliography, parents: dict[str, Publication] | None = None
) -> list[Finding]:
    """Every finding in one ``.bib`` file; ``bib`` is the database the file was read in (several
    files read together, so macros and crossref parents in other files count), ``parents`` its
    entries by lower-cased key (built from ``bib`` when not given)."""
    index = LineIndex(text)
    out: list[Finding] = []
    unbalanced: list[range] = []  # lines of entries whose braces do not balance
    for block in bib.blocks:
        origin = block.origin
        if origin is None or origin.path != path or origin.format != "bibtex":
            continue
        if not (
            isinstance(block, Publication)
            or (isinstance(block, Verbatim) and block.kind == "failed")
        ):
            continue
        where = _unbalanced(origin.raw)
        if where is None:
            continue
        start = index.line_start(origin.line) + origin.column - 1
        line, col = (origin.line, origin.column) if where == 0 else index.position(start + where)
        unbalanced.append(range(origin.line, origin.line + origin.raw.count("\n") + 1))
        message = "braces do not balance: each { needs its } (a literal brace is \\{ or \\})"
        out.append(_finding("B007", error(message, path, line, col)))
    for d in bib.diagnostics:
        if d.path != path:
            continue
        if d.severity is Severity.ERROR and any(d.line in lines for lines in unbalanced):
            continue  # the reader's error is this brace slip, reported once as B007
        out.append(_finding("B001" if _key_note(d) else "B000", d))
    entries = [
        _Entry(pub, text, index)
        for pub in bib.publications
        if pub.origin is not None and pub.origin.path == path and pub.origin.format == "bibtex"
    ]
    if parents is None:
        parents = {pub.key.lower(): pub for pub in bib.publications}
    titles: dict[tuple[str, int | None], _Entry] = {}
    for entry in entries:
        out.extend(_entry_findings(entry, parents, titles, path))
    unique = {(f.rule.code, f.diagnostic): f for f in out}
    return sorted(unique.values(), key=Finding.sort_key)


def _entry_findings(
    entry: _Entry,
    parents: dict[str, Publication],
    titles: dict[tuple[str, int | None], _Entry],
    path: str | None,
) -> list[Finding]:
    pub = entry.pub
    out: list[Finding] = []
    line, col = entry.at()
    missing = _missing(entry, parents)
    if missing:
        btype = pub.get_hint("bibtex.type")
        names = ", ".join(m.replace("|", " or ") for m in missing)
        message = f"{pub.key}: @{btype} needs {names}"
        out.append(_finding("B003", warning(message, path, line, col, pub.key)))
    title = _title_key(pub)
    if title is not None and pub.get_hint("bibtex.type") != "proceedings":
        first = titles.setdefault(title, entry)
        if first is not entry:
            where = first.at()[0]
            message = f"{pub.key}: same title and year as {first.pub.key} (line {where})"
            out.append(_finding("B002", warning(message, path, line, col, pub.key)))
    for name, value, check, code in (
        ("doi", pub.doi, _doi_problem, "B004"),
        ("url", pub.url, _url_problem, "B005"),
    ):
        problem = check(value) if value else None
        if problem:
            spot = entry.field(name)
            fline, fcol = entry.at(spot[0] if spot else None)
            out.append(_finding(code, warning(f"{pub.key}: {problem}", path, fline, fcol, pub.key)))
    out.extend(_month(entry, path))
    return out


_MONTH_VALUE = re.compile(r"""\{\s*([A-Za-z]+)\.?\s*\}|"\s*([A-Za-z]+)\.?\s*\"""")


def _month(entry: _Entry, path: str | None) -> list[Finding]:
    spot = entry.field("month")
    if spot is None:
        return []
    rel = spot[1] - entry.offset
    match = _MONTH_VALUE.match(entry.raw, rel)
    if match is None:
        return []
    word = match.group(1) or match.group(2)
    macro = _MONTHS.get(word.lower())
    if macro is None:
        return []
    line, col = entry.at(spot[0])
    message = f"{entry.pub.key}: month as text ({match.group(0)}); write the macro {macro}"
    edit = Edit(entry.offset + match.start(), entry.offset + match.end(), macro)
    return [_finding("B006", warning(message, path, line, col, entry.pub.key), [edit])]
