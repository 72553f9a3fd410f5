"""Defects of a hand-written publication page, each located as ``file:line:col``.

What a lab keeps breaking by hand and what the reader alone does not flag as such: abstract ids
used twice (two entries toggle the same abstract), ``{:target="\\_blank"}`` (kramdown keeps the
backslash, so links open a window named ``\\_blank``), HTML tags that are never closed or close
nothing, links with an empty or ``#`` target, and entries without title, authors or year.
Everything is checked on the live page: text inside ``<!-- -->`` is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from pubconv.errors import Diagnostic, LineIndex, ParseError, error, warning
from pubconv.formats.jekyll.reader import mask_comments, read, split_front_matter
from pubconv.model import Bibliography
from pubconv.registry import Source
from pubconv.textio import read_input

VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
#: Reader notes that :func:`check_page` reports itself (in its own words).
_OWN_READER_NOTES = (
    "entry has no title",
    "entry has no authors",
    "entry has no year",
    "empty link",
)
_BLANK_TARGETS = ('target="\\_blank"', "target='\\_blank'", "target=\\_blank")


@dataclass(frozen=True, slots=True)
class _Page:
    """The page with comments blanked out (same length, same lines) and where its body starts."""

    path: str | None
    masked: str
    index: LineIndex


def _page(text: str, path: str | None) -> _Page:
    fm, body = split_front_matter(text)
    masked, _, _ = mask_comments(body, path, 1)
    # Keep offsets page-wide: the front matter is blanked too (it holds no entries).
    blank_fm = "".join("\n" if c == "\n" else " " for c in fm)
    full = blank_fm + masked
    return _Page(path, full, LineIndex(full))


def _at(page: _Page, offset: int) -> tuple[int, int]:
    return page.index.position(offset)


def _find_all(text: str, needle: str) -> Iterable[int]:
    pos = text.find(needle)
    while pos != -1:
        yield pos
        pos = text.find(needle, pos + len(needle))


# --------------------------------------------------------------------------- checks


def blank_targets(page: _Page) -> list[Diagnostic]:
    """``target="\\_blank"``: kramdown writes the backslash into the HTML attribute."""
    out: list[Diagnostic] = []
    for needle in _BLANK_TARGETS:
        for pos in _find_all(page.masked, needle):
            line, col = _at(page, pos)
            out.append(
                warning(
                    'target="\\_blank" is rendered literally (links open a window named '
                    '"\\_blank"); write target="_blank"',
                    page.path,
                    line,
                    col,
                )
            )
    return out


def _quoted_after(text: str, pos: int) -> tuple[str, int] | None:
    """The quoted string starting at or after spaces from ``pos``, and its offset."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos >= len(text) or text[pos] not in "'\"":
        return None
    end = text.find(text[pos], pos + 1)
    if end == -1 or "\n" in text[pos:end]:
        return None
    return text[pos + 1 : end], pos + 1


def abstract_ids(page: _Page) -> list[Diagnostic]:
    """Abstract toggles and ``<div id>`` that share an id: the second toggle opens the first div."""
    out: list[Diagnostic] = []
    first: dict[str, int] = {}
    for pos in _find_all(page.masked, "expandABS("):
        found = _quoted_after(page.masked, pos + len("expandABS("))
        if found is None:
            continue
        abs_id, at = found
        if abs_id in first:
            line, col = _at(page, at)
            prev_line, _ = _at(page, first[abs_id])
            out.append(
                error(
                    f"abstract id {abs_id!r} is already used at line {prev_line}: this toggle "
                    "opens that entry's abstract, not this one",
                    page.path,
                    line,
                    col,
                )
            )
        else:
            first[abs_id] = at
    return out


def empty_links(page: _Page) -> list[Diagnostic]:
    """``[Code]()`` and ``[Code](#)``: a button that goes nowhere."""
    out: list[Diagnostic] = []
    text = page.masked
    for pos in _find_all(text, "]("):
        end = text.find(")", pos + 2)
        if end == -1:
            continue
        target = text[pos + 2 : end].strip()
        if target not in ("", "#", "<>"):
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        open_at = text.rfind("[", line_start, pos)
        label = text[open_at + 1 : pos] if open_at != -1 else ""
        line, col = _at(page, open_at if open_at != -1 else pos)
        what = "empty" if target in ("", "<>") else "a placeholder ('#')"
        out.append(error(f"link [{label}] has {what} target", page.path, line, col))
    for needle in ('href=""', "href=''", 'href="#"', "href='#'"):
        for pos in _find_all(text, needle):
            line, col = _at(page, pos)
            out.append(error(f"HTML link with an empty target ({needle})", page.path, line, col))
    return out


class _TagBalance(HTMLParser):
    """Start and end tags of one region, matched like a browser would nest them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[tuple[tuple[int, int], str]] = []

    @staticmethod
    def _is_tag(tag: str) -> bool:
        return tag[:1].isalpha() and all(c.isalnum() or c == "-" for c in tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._is_tag(tag) and tag not in VOID_TAGS:
            self.open.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <span/>: nothing left open

    def handle_endtag(self, tag: str) -> None:
        if not self._is_tag(tag) or tag in VOID_TAGS:
            return
        names = [name for name, _ in self.open]
        if tag not in names:
            self.problems.append((self.getpos(), f"</{tag}> closes no open <{tag}>"))
            return
        while self.open:
            name, where = self.open.pop()
            if name == tag:
                break
            self.problems.append((where, f"<{name}> is not closed before </{tag}>"))

    def finish(self) -> None:
        self.close()
        for name, where in self.open:
            self.problems.append((where, f"<{name}> is never closed"))
        self.open.clear()


def _regions(page: _Page, bib: Bibliography) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of each entry and of the text between entries."""
    cuts: list[tuple[int, int]] = []
    for pub in bib.publications:
        origin = pub.origin
        if origin is None or origin.path != page.path:
            continue
        start = page.index.line_start(origin.line)
        cuts.append((start, start + len(origin.raw)))
    cuts.sort()
    regions: list[tuple[int, int]] = []
    pos = 0
    for start, end in cuts:
        if start > pos:
            regions.append((pos, start))
        regions.append((start, end))
        pos = max(pos, end)
    if pos < len(page.masked):
        regions.append((pos, len(page.masked)))
    return regions


def _ends_line(tail: str) -> bool:
    """``<span> <br>`` at the end of a line: the tag is the last thing written on it."""
    rest = tail[tail.find(">") + 1 :].strip()
    return rest in ("", "<br>", "<br/>", "<br />")


def _has_text(html: str) -> bool:
    """Visible text outside tags, e.g. ``<span><b>Winner</b> of X`` but not ``<span a="b">``."""
    depth = 0
    for char in html:
        if char == "<":
            depth += 1
        elif char == ">" and depth:
            depth -= 1
        elif not depth and not char.isspace():
            return True
    return False


def unclosed_tags(page: _Page, bib: Bibliography) -> list[Diagnostic]:
    """Tags left open (or closing nothing) within each entry and between entries."""
    out: list[Diagnostic] = []
    for start, end in _regions(page, bib):
        chunk = page.masked[start:end]
        if "<" not in chunk:
            continue
        line0, col0 = _at(page, start)
        parser = _TagBalance()
        parser.feed(chunk)
        parser.finish()
        lines = chunk.split("\n")
        for (line, col), message in parser.problems:
            tail = lines[line - 1][col:]
            head = lines[line - 1][:col]
            if message == "<span> is never closed" and _ends_line(tail) and _has_text(head):
                message += " (a closing </span> written as <span>?)"
            col = col + col0 if line == 1 else col + 1
            out.append(warning(message, page.path, line0 + line - 1, col))
    return out


def missing_parts(bib: Bibliography, path: str | None) -> list[Diagnostic]:
    """Entries without title, authors or year (the page states nothing to take them from)."""
    out: list[Diagnostic] = []
    for pub in bib.publications:
        origin = pub.origin
        if origin is None or origin.path != path:
            continue
        missing = [
            name
            for name, value in (("title", pub.title), ("authors", pub.authors), ("year", pub.year))
            if not value
        ]
        if missing:
            out.append(
                warning(
                    f"entry has no {' or '.join(missing)}",
                    path,
                    origin.line,
                    origin.column,
                    pub.key,
                )
            )
    return out


# --------------------------------------------------------------------------- entry points


def check_page(
    text: str, path: str | None = None, bib: Bibliography | None = None
) -> list[Diagnostic]:
    """Every defect of one page, sorted by place; ``bib`` is the page as the Jekyll reader read it
    (read here when not given).  The reader's own notes (unrecognised lines, unclosed comments,
    failed entries) are included."""
    if bib is None:
        bib = read([Source(text, path)])
    page = _page(text, path)
    found = [
        d for d in bib.diagnostics if d.path == path and not d.message.startswith(_OWN_READER_NOTES)
    ]
    found += blank_targets(page)
    found += abstract_ids(page)
    found += empty_links(page)
    found += unclosed_tags(page, bib)
    found += missing_parts(bib, path)
    return sorted(dict.fromkeys(found), key=lambda d: (d.line or 0, d.column or 0, d.message))


def check_paths(paths: Sequence[str]) -> list[Diagnostic]:
    """:func:`check_page` for each file; unreadable files give one located error each."""
    out: list[Diagnostic] = []
    for path in paths:
        try:
            text, notes = read_input(path)
        except ParseError as exc:
            out.extend(exc.diagnostics)
            continue
        out.extend(notes)
        out.extend(check_page(text, path))
    return out
