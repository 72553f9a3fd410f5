"""One entry of a page: from its ``**Title** <br>`` line to its abstract ``</div>``.

:func:`parse_entry` works on the entry's text with HTML comments blanked out (``masked``, same
length as the raw text, so offsets agree) and returns the publication, the spans of the parts
in the raw text (the writer patches only the parts that changed) and located diagnostics.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pubconv.errors import Diagnostic, warning
from pubconv.formats.jekyll.authors import parse_authors
from pubconv.formats.jekyll.links import DEFAULT_SEP, LinkLine, parse_link_line
from pubconv.formats.jekyll.text import (
    from_page,
    md_unescape,
    nodes_to_model,
    parse_fragment,
    squeeze,
)
from pubconv.formats.jekyll.venue import guess_type, parse_venue, venue_date
from pubconv.model import Link, PartialDate, Person, Publication

Span = tuple[int, int]
#: House style around the venue: ``<span><pub> `` + venue + ``</pub></span> <br>``.
VENUE_FRAME = ("<span><pub> ", "</pub></span> <br>")


@dataclass
class ParsedEntry:
    """A parsed entry: the publication (key still empty), part spans and what went wrong."""

    pub: Publication
    spans: dict[str, Span] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True


def title_bounds(line: str) -> tuple[int, int] | None:
    """``(start, end)`` of the title text inside a title line, or ``None`` if not a title line."""
    start = line.find("**")
    if start == -1:
        return None
    end = line.rfind("**")
    if end <= start + 1:
        return None
    tail = line[end + 2 :].strip()
    if tail not in ("", "<br>", "<br/>", "<br />"):
        return None
    return start + 2, end


def _lines(text: str) -> list[tuple[int, str]]:
    """``(offset, line without newline)`` for each line of ``text``."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


#: The house-style toggle and abstract, read without an HTML parser when nothing in them needs
#: one (no other tag, no ``&``): what BeautifulSoup would find there, found by one match.
_TOGGLE = re.compile(r"[ \t]*<a onclick='([^'&<>]*)'>([^<&]*)</a>[ \t]*")
_ABSTRACT = re.compile(
    r'[ \t\r\n]*<div style="display: none;" class=abs id="([^"&<>]*)">(?:<br>)?([^<&]*)</div>'
    r"[ \t\r\n]*"
)


def _abs_id(onclick: str) -> str | None:
    """``expandABS("id")`` -> ``id``."""
    start = onclick.find("expandABS(")
    if start == -1:
        return None
    inner = onclick[start + len("expandABS(") :].strip()
    if inner[:1] in ("'", '"'):
        end = inner.find(inner[0], 1)
        return inner[1:end] if end != -1 else None
    return None


def is_abs_div(line: str) -> bool:
    """The opening line of an abstract ``<div ... class=abs id=...>``."""
    low = line.lower()
    return "<div" in low and "abs" in low


def parse_entry(raw: str, masked: str, path: str | None, line0: int) -> ParsedEntry:
    """Parse one entry; ``line0`` is the 1-based line of its first line in the page."""
    diags: list[Diagnostic] = []
    spans: dict[str, Span] = {}
    hints: list[tuple[str, str]] = []
    lines = _lines(masked)
    first_off, first = lines[0]
    bounds = title_bounds(first)
    if bounds is None:
        diags.append(warning("entry title is not closed with **", path, line0, 1))
        return ParsedEntry(Publication(key=""), diagnostics=diags, ok=False)
    spans["title"] = (first_off + bounds[0], first_off + bounds[1])
    title = from_page(first[bounds[0] : bounds[1]]).strip() or None
    if first[: bounds[0] - 2].strip():
        hints.append(("jekyll.title_prefix", raw[: bounds[0] - 2]))
    authors: tuple[Person, ...] = ()
    container: str | None = None
    short: str | None = None
    issued: PartialDate | None = None
    note: str | None = None
    links: list[Link] = []
    link_lines: list[LinkLine] = []
    abs_id: str | None = None
    abstract: str | None = None
    award: str | None = None
    idx = 1
    while idx < len(lines):
        off, line = lines[idx]
        lineno = line0 + idx
        stripped = line.strip()
        if not stripped:
            idx += 1
            continue
        if "authors" not in spans and stripped[0] in "_*" and not stripped.startswith("**"):
            marker = stripped[0]
            body = stripped.removesuffix("<br>").rstrip()
            lead = line.find(marker)
            close = line.rfind(marker, lead + 1, lead + len(body))
            if close == -1:
                diags.append(warning(f"author line is not closed with {marker}", path, lineno, 1))
                close = lead + len(body)
            spans["authors"] = (off + lead + 1, off + close)
            authors = parse_authors(line[lead + 1 : close])
            if marker != "_":
                hints.append(("jekyll.italic", marker))
        elif "<pub>" in line and "venue" not in spans:
            start = line.find("<pub>") + 5
            end = line.find("</pub>", start)
            if end == -1:
                diags.append(warning("venue has no </pub>", path, lineno, start))
                end = len(line)
            spans["venue"] = (off + start, off + end)
            venue = parse_venue(md_unescape(line[start:end]))
            inner = line[start:end]
            frame = [line[:start] + inner[: len(inner) - len(inner.lstrip())], line[end:]]
            if frame != list(VENUE_FRAME):
                hints.append(("jekyll.venue_frame", json.dumps(frame, ensure_ascii=False)))
            container, short = venue.container, venue.short
            issued = venue_date(venue.year)
            note = "; ".join(venue.tags) or None
        elif "<highlighted>" in line and "award" not in spans:
            spans["award"] = (off, off + len(line))
            soup = parse_fragment(md_unescape(line))
            mark = soup.find("highlighted")
            if mark is not None:
                hints.append(("jekyll.award_highlight", squeeze(mark.get_text())))
            award = squeeze(nodes_to_model(list(soup.children))) or None
        elif stripped.startswith("["):
            parsed = parse_link_line(line)
            if parsed.error is not None:
                diags.append(warning(parsed.error, path, lineno, parsed.error_col))
            if parsed.links:
                link_lines.append(parsed)
                links.extend(parsed.links)
                spans["links"] = (spans.get("links", (off, off))[0], off + len(line))
        elif "expandABS" in line:
            plain = _TOGGLE.fullmatch(line)
            if plain is not None:  # the house style exactly: no HTML parse needed
                found = _abs_id(plain.group(1))
            else:
                anchor = parse_fragment(line).find(onclick=True)
                found = _abs_id(str(anchor["onclick"])) if anchor is not None else None
            if found is None:
                diags.append(warning("abstract toggle without an id", path, lineno, 1))
            abs_id = abs_id or found
            spans.setdefault("toggle", (off, off + len(line)))
        elif is_abs_div(line):
            stop = idx
            while stop < len(lines) and "</div>" not in lines[stop][1]:
                stop += 1
            if stop == len(lines):
                diags.append(warning("abstract <div> is not closed", path, lineno, 1))
                stop = len(lines) - 1
            chunk_lines = [text for _, text in lines[idx : stop + 1]]
            last = chunk_lines[-1]
            if last.lstrip().startswith("#") and "</div>" in last:
                diags.append(
                    warning(
                        "abstract closes inside a Markdown heading (`## </div>`)",
                        path,
                        line0 + stop,
                        1,
                    )
                )
                cut = last.find("</div>")
                chunk_lines[-1] = last[cut:]
            chunk = md_unescape("\n".join(chunk_lines))
            plain = _ABSTRACT.fullmatch(chunk)
            if plain is not None:  # the house style with a plain-text abstract: no HTML parse
                div_id = plain.group(1) or None
                abstract = squeeze(plain.group(2)) or None
            else:
                div = parse_fragment(chunk).find("div")
                div_id = str(div.get("id")) if div is not None and div.get("id") else None
                if div is not None:
                    children = list(div.children)
                    if children and getattr(children[0], "name", None) == "br":
                        children = children[1:]
                    abstract = squeeze(nodes_to_model(children)) or None
            if abs_id is None:
                abs_id = div_id
            elif div_id is not None and div_id != abs_id:
                diags.append(
                    warning(f"abstract toggle {abs_id!r} opens div {div_id!r}", path, lineno, 1)
                )
                hints.append(("jekyll.div_id", div_id))
            body_start = lines[idx][1].lower().find("<br>")
            inner_start = off + (body_start + 4 if body_start != -1 else len(lines[idx][1]))
            end_off, end_line = lines[stop]
            inner_end = (
                end_off + end_line.find("</div>")
                if "</div>" in end_line
                else end_off + len(end_line)
            )
            spans["abstract"] = (min(inner_start, inner_end), inner_end)
            idx = stop
        elif stripped.startswith("<span") and "<" in stripped:
            pass  # status spans such as <span style="color: green;"><span> are layout
        else:
            diags.append(warning(f"unrecognised line in entry: {stripped[:40]!r}", path, lineno, 1))
        idx += 1
    if abs_id is not None:
        hints.append(("jekyll.abs_id", abs_id))
    elif "abstract" not in spans:
        hints.append(("jekyll.no_abstract", "1"))
    if link_lines:
        seps = [sep for ll in link_lines for sep in ll.seps]
        if any(sep != DEFAULT_SEP for sep in seps):
            hints.append(("jekyll.link_seps", json.dumps(seps, ensure_ascii=False)))
    if not title:
        diags.append(warning("entry has no title", path, line0, 1))
    if not authors:
        diags.append(warning("entry has no authors", path, line0, 1))
    if issued is None:
        diags.append(warning("entry has no year", path, line0, 1))
    pub = Publication(
        key="",
        type=guess_type(container, short),
        title=title,
        authors=authors,
        issued=issued,
        container_title=container,
        container_short=short,
        abstract=abstract,
        note=note,
        award=award,
        links=tuple(links),
        hints=tuple(hints),
    )
    return ParsedEntry(pub, spans, diags)
