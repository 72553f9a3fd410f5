"""Rules for hand-written Jekyll publication pages (``J`` codes), each finding located.

What a lab keeps breaking by hand and what the reader alone does not flag as such: abstract ids
used twice (two entries toggle the same abstract), ``{:target="\\_blank"}`` (kramdown keeps the
backslash, so links open a window named ``\\_blank``), HTML tags that are never closed or close
nothing, links with an empty or ``#`` target, and entries without title, authors or year.
Everything is checked on the live page: text inside ``<!-- -->`` is ignored, and so is Markdown
code (fenced blocks, backtick spans: :mod:`pubconv.lint.code`), which kramdown shows as text.

One defect is one finding: the award line's ``...<span> <br>`` (a ``</span>`` typed as
``<span>``) leaves two spans open but is one slip, so it is reported once, at the typo.
Mechanical defects carry their fix as edits of the page text (see :mod:`pubconv.lint.fix`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise

from pubconv.errors import Diagnostic, LineIndex, error, warning
from pubconv.formats.jekyll.reader import mask_comments, read, split_front_matter
from pubconv.lint.code import blank, code_regions
from pubconv.lint.noqa import split, suppressions
from pubconv.lint.rules import Edit, Finding, rule
from pubconv.model import Bibliography
from pubconv.registry import Source

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
#: Reader notes that the page rules report themselves (in their own words), by message start.
_OWN_READER_NOTES = (
    "entry has no title",
    "entry has no authors",
    "entry has no year",
    "empty link",
)
_HEADING_NOTE = "abstract closes inside a Markdown heading"
_BLANK_TARGETS = ('target="\\_blank"', "target='\\_blank'", "target=\\_blank")
#: End tags a browser does not simply ignore when nothing is open (``</p>`` makes a paragraph).
_END_TAGS_THAT_ACT = frozenset({"p", "br"})


@dataclass(frozen=True, slots=True)
class Page:
    """The page with comments blanked out (same length, same lines) and where its body starts."""

    path: str | None
    text: str
    masked: str
    index: LineIndex
    code: tuple[tuple[int, int], ...] = ()
    """Offsets of the Markdown code regions (blanked in ``masked``)."""

    def in_code(self, diagnostic: Diagnostic) -> bool:
        """True when ``diagnostic`` points into a code region (what the reader noted there)."""
        if not self.code or diagnostic.line is None:
            return False
        at = self.index.line_start(diagnostic.line) + max((diagnostic.column or 1) - 1, 0)
        return any(start <= at < end for start, end in self.code)


def make_page(text: str, path: str | None) -> Page:
    """``text`` prepared for the rules: comments, front matter and code blanked, offsets kept."""
    fm, body = split_front_matter(text)
    masked, _, _ = mask_comments(body, path, 1)
    # Keep offsets page-wide: the front matter is blanked too (it holds no entries).
    blank_fm = "".join("\n" if c == "\n" else " " for c in fm)
    full = blank_fm + masked
    code = code_regions(full)
    return Page(path, text, blank(full, code), LineIndex(full), tuple(code))


def _find_all(text: str, needle: str) -> Iterable[int]:
    pos = text.find(needle)
    while pos != -1:
        yield pos
        pos = text.find(needle, pos + len(needle))


def _finding(code: str, diag: Diagnostic, edits: Iterable[Edit] = ()) -> Finding:
    return Finding(rule(code), diag, tuple(edits))


# --------------------------------------------------------------------------- J001


def blank_targets(page: Page) -> list[Finding]:
    """``target="\\_blank"``: kramdown writes the backslash into the HTML attribute."""
    out: list[Finding] = []
    for needle in _BLANK_TARGETS:
        slash = needle.index("\\")
        for pos in _find_all(page.masked, needle):
            line, col = page.index.position(pos)
            message = (
                'target="\\_blank" is rendered literally (links open a window named '
                '"\\_blank"); write target="_blank"'
            )
            edit = Edit(pos + slash, pos + slash + 1, "")
            out.append(_finding("J001", warning(message, page.path, line, col), [edit]))
    return out


# --------------------------------------------------------------------------- J002


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


_ID_ATTR = re.compile(r"""\bid\s*=\s*(["']?)([^"'\s>]+)\1""")


def _page_ids(page: Page) -> set[str]:
    ids = {m.group(2) for m in _ID_ATTR.finditer(page.masked)}
    for pos in _find_all(page.masked, "expandABS("):
        found = _quoted_after(page.masked, pos + len("expandABS("))
        if found is not None:
            ids.add(found[0])
    return ids


def _fresh_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}{n}"
    taken.add(candidate)
    return candidate


def abstract_ids(page: Page, regions: list[tuple[int, int]]) -> list[Finding]:
    """Abstract toggles that share an id: the second toggle opens the first div.

    Fixable when the toggle's own entry has its own div with that id: both get a fresh id.
    """
    out: list[Finding] = []
    first: dict[str, int] = {}
    taken = _page_ids(page)
    for pos in _find_all(page.masked, "expandABS("):
        found = _quoted_after(page.masked, pos + len("expandABS("))
        if found is None:
            continue
        abs_id, at = found
        if abs_id not in first:
            first[abs_id] = at
            continue
        line, col = page.index.position(at)
        prev_line, _ = page.index.position(first[abs_id])
        message = (
            f"abstract id {abs_id!r} is already used at line {prev_line}: this toggle "
            "opens that entry's abstract, not this one"
        )
        end = next((e for s, e in regions if s <= at < e), len(page.masked))
        edits: list[Edit] = []
        for match in _ID_ATTR.finditer(page.masked, at, end):
            if match.group(2) == abs_id:
                new = _fresh_id(abs_id, taken)
                edits = [
                    Edit(at, at + len(abs_id), new),
                    Edit(match.start(2), match.end(2), new),
                ]
                message += f" (--fix renames it {new!r})"
                break
        out.append(_finding("J002", error(message, page.path, line, col), edits))
    return out


# --------------------------------------------------------------------------- J003


def empty_links(page: Page) -> list[Finding]:
    """``[Code]()`` and ``[Code](#)``: a button that goes nowhere."""
    out: list[Finding] = []
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
        line, col = page.index.position(open_at if open_at != -1 else pos)
        what = "empty" if target in ("", "<>") else "a placeholder ('#')"
        message = f"link [{label}] has {what} target"
        out.append(_finding("J003", error(message, page.path, line, col)))
    for needle in ('href=""', "href=''", 'href="#"', "href='#'"):
        for pos in _find_all(text, needle):
            line, col = page.index.position(pos)
            message = f"HTML link with an empty target ({needle})"
            out.append(_finding("J003", error(message, page.path, line, col)))
    return out


# --------------------------------------------------------------------------- J004, J005


@dataclass(frozen=True, slots=True)
class _Tag:
    name: str
    start: int
    """Offset of ``<`` in the page."""
    end: int
    """Offset just after ``>``."""


class _TagBalance(HTMLParser):
    """Start and end tags of one region, matched like a browser would nest them."""

    def __init__(self, base: int, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.line_starts = line_starts
        self.open: list[_Tag] = []
        self.unclosed: list[_Tag] = []
        self.stray: list[_Tag] = []

    def _tag(self, name: str) -> _Tag:
        line, col = self.getpos()
        start = self.base + self.line_starts[line - 1] + col
        text = self.get_starttag_text() or ""
        return _Tag(name, start, start + len(text))

    @staticmethod
    def _is_tag(tag: str) -> bool:
        return tag[:1].isalpha() and all(c.isalnum() or c == "-" for c in tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._is_tag(tag) and tag not in VOID_TAGS:
            self.open.append(self._tag(tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <span/>: nothing left open

    def handle_endtag(self, tag: str) -> None:
        if not self._is_tag(tag) or tag in VOID_TAGS:
            return
        if tag not in [t.name for t in self.open]:
            line, col = self.getpos()
            start = self.base + self.line_starts[line - 1] + col
            self.stray.append(_Tag(tag, start, start + len(tag) + 3))
            return
        while self.open:
            opened = self.open.pop()
            if opened.name == tag:
                break
            self.unclosed.append(opened)

    def finish(self) -> None:
        self.close()
        self.unclosed.extend(self.open)
        self.open.clear()


def regions(page: Page, bib: Bibliography) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of each entry and of the text between entries."""
    cuts: list[tuple[int, int]] = []
    for pub in bib.publications:
        origin = pub.origin
        if origin is None or origin.path != page.path:
            continue
        start = page.index.line_start(origin.line)
        cuts.append((start, start + len(origin.raw)))
    cuts.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in cuts:
        if start > pos:
            out.append((pos, start))
        out.append((start, end))
        pos = max(pos, end)
    if pos < len(page.masked):
        out.append((pos, len(page.masked)))
    return out


def _line_of(text: str, offset: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``offset`` (end excludes the newline)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


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


def _unclosed_on_line(page: Page, tags: list[_Tag]) -> Finding:
    """One finding for the tags of one line that are never closed."""
    text = page.masked
    line_start, line_end = _line_of(text, tags[0].start)
    line, _ = page.index.position(tags[0].start)
    last = tags[-1]
    head, tail = text[line_start : last.start], text[last.start : line_end]
    if (
        last.name == "span"
        and text[last.start : last.end] == "<span>"
        and _ends_line(tail)
        and _has_text(head)
    ):
        # `<span><highlighted>Winner</highlighted> of X<span> <br>`: a `</span>` typed as
        # `<span>`, which is what leaves the first span open too.
        col = last.start - line_start + 1
        message = "<span> is never closed (a closing </span> written as <span>?)"
        edits = [Edit(last.start + 1, last.start + 1, "/")] if len(tags) == 2 else []
        return _finding("J004", warning(message, page.path, line, col), edits)
    names = ", ".join(f"<{t.name}>" for t in tags)
    verb = "is" if len(tags) == 1 else "are"
    message = f"{names} {verb} never closed"
    col = tags[0].start - line_start + 1
    edits = []
    # Tags opened one after the other with nothing after them on the line hold nothing:
    # closing them right there is safe.
    between = [text[a.end : b.start] for a, b in pairwise(tags)]
    if not any(part.strip() for part in between) and not text[last.end : line_end].strip():
        closing = "".join(f"</{t.name}>" for t in reversed(tags))
        edits = [Edit(last.end, last.end, closing)]
        message += " (they hold nothing; --fix closes them)" if len(tags) > 1 else ""
    return _finding("J004", warning(message, page.path, line, col), edits)


_LINK_TARGET = re.compile(r"\]\(<[^<>\n]*>\)")


def _blank_target(match: re.Match[str]) -> str:
    return "](" + " " * (len(match.group(0)) - 3) + ")"


def tag_balance(page: Page, spans: list[tuple[int, int]]) -> list[Finding]:
    """Tags left open (J004, one finding per line) or closing nothing (J005)."""
    out: list[Finding] = []
    for start, end in spans:
        # `[PDF](<a file.pdf>)`: an angle-bracketed link target, not a tag
        chunk = _LINK_TARGET.sub(_blank_target, page.masked[start:end])
        if "<" not in chunk:
            continue
        starts = [0] + [i + 1 for i, c in enumerate(chunk) if c == "\n"]
        parser = _TagBalance(start, starts)
        parser.feed(chunk)
        parser.finish()
        by_line: dict[int, list[_Tag]] = {}
        for tag in sorted(parser.unclosed, key=lambda t: t.start):
            by_line.setdefault(_line_of(page.masked, tag.start)[0], []).append(tag)
        out.extend(_unclosed_on_line(page, tags) for tags in by_line.values())
        for tag in parser.stray:
            line, col = page.index.position(tag.start)
            message = f"</{tag.name}> closes no open <{tag.name}>"
            fix = page.masked[tag.start : tag.end] == f"</{tag.name}>"
            edits = (
                [Edit(tag.start, tag.end, "")] if fix and tag.name not in _END_TAGS_THAT_ACT else []
            )
            out.append(_finding("J005", warning(message, page.path, line, col), edits))
    return out


# --------------------------------------------------------------------------- J006, J007, J000


def missing_parts(bib: Bibliography, path: str | None) -> list[Finding]:
    """Entries without title, authors or year (the page states nothing to take them from)."""
    out: list[Finding] = []
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
            message = f"entry has no {' or '.join(missing)}"
            diag = warning(message, path, origin.line, origin.column, pub.key)
            out.append(_finding("J006", diag))
    return out


def reader_notes(page: Page, bib: Bibliography) -> list[Finding]:
    """What the page reader itself noted: ``## </div>`` (J007, fixable), the rest J000."""
    out: list[Finding] = []
    for d in bib.diagnostics:
        if d.path != page.path or d.message.startswith(_OWN_READER_NOTES):
            continue
        if d.message.startswith(_HEADING_NOTE) and d.line is not None:
            start = page.index.line_start(d.line)
            _, end = _line_of(page.text, start)
            cut = page.text.find("</div>", start, end)
            edits = [Edit(start, cut, "")] if cut > start else []
            out.append(_finding("J007", d, edits))
        else:
            out.append(_finding("J000", d))
    return out


def _entry_lines(bib: Bibliography, path: str | None) -> list[tuple[int, int]]:
    """First and last line of each entry read from ``path``."""
    out: list[tuple[int, int]] = []
    for pub in bib.publications:
        origin = pub.origin
        if origin is not None and origin.path == path and origin.line is not None:
            extra = origin.raw.count("\n") - origin.raw.endswith("\n")
            out.append((origin.line, origin.line + max(extra, 0)))
    return out


def check_page(
    text: str, path: str | None = None, bib: Bibliography | None = None, *, noqa: bool = True
) -> list[Finding]:
    """Every finding on one page, sorted by place; ``bib`` is the page as the Jekyll reader
    read it (read here when not given).  With ``noqa``, findings a ``<!-- pubconv: noqa -->``
    marker covers come back with ``silenced=True``."""
    page = make_page(text, path)
    if bib is None:  # the reader is given the page without its code, which holds no entries
        bib = read([Source(blank(text, list(page.code)), path)])
    spans = regions(page, bib)
    found = reader_notes(page, bib)
    found += blank_targets(page)
    found += abstract_ids(page, spans)
    found += empty_links(page)
    found += tag_balance(page, spans)
    found += missing_parts(bib, path)
    found = [f for f in found if not page.in_code(f.diagnostic)]  # the reader reads code too
    unique = sorted({(f.rule.code, f.diagnostic): f for f in found}.values(), key=Finding.sort_key)
    if not noqa:
        return unique
    reported, silenced = split(unique, suppressions(text, _entry_lines(bib, path)))
    if not silenced:
        return reported
    marked = [dataclasses.replace(f, silenced=True) for f in silenced]
    return sorted(reported + marked, key=Finding.sort_key)
