"""Reading a publication page into blocks whose texts, joined, give the page back exactly.

Front matter, navigation, ``## Section`` headings, rules, HTML comments, whitespace and stray
text become :class:`Verbatim` blocks (``kind`` says which); each live entry becomes a
:class:`Publication` with its exact text in ``origin.raw``.  HTML comments are blanked out before
entries are looked for, so stale entries inside ``<!-- -->`` are kept but never read as entries.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

import yaml

from pubconv.errors import Diagnostic, error, warning
from pubconv.formats.jekyll import frontmatter
from pubconv.formats.jekyll.entry import is_abs_div, parse_entry, title_bounds
from pubconv.formats.jekyll.keys import KeyMaker, base_key
from pubconv.formats.jekyll.text import from_page
from pubconv.model import Bibliography, Origin, Verbatim
from pubconv.registry import Source

FORMAT_NAME = "jekyll"
_NOT_NEWLINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
"""What a comment's blanking replaces: every character but the line breaks ``splitlines`` sees
(a CR or U+2028 blanked inside a comment would shift every later line of the masked copy)."""
_SINGLE_KINDS = frozenset({"section", "front-matter"})


def split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter incl. both --- lines, rest)``; empty front matter when there is none."""
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip("\r ") != "---":
        return "", text
    pos = first_end + 1
    while pos < len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end == -1 else end + 1
        if text[pos:line_end].rstrip("\r\n ") in ("---", "..."):
            return text[:line_end], text[line_end:]
        pos = line_end
    return "", text


def front_matter(bib: Bibliography) -> dict[str, Any]:
    """The page's front matter as data (safe YAML), ``{}`` when absent or not a mapping."""
    for block in bib.blocks:
        if isinstance(block, Verbatim) and block.kind == "front-matter":
            try:
                data = frontmatter.load(_fm_body(block.text))
            except yaml.YAMLError:
                return {}
            return data if isinstance(data, dict) else {}
    return {}


def _fm_body(fm: str) -> str:
    """The YAML between the ``---`` lines."""
    return "".join(fm.splitlines(keepends=True)[1:-1])


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def mask_comments(
    text: str, path: str | None, line0: int
) -> tuple[str, set[int], list[Diagnostic]]:
    """``text`` with every ``<!-- ... -->`` blanked (newlines kept), the 0-based indices of lines
    a comment touches, and notes about unclosed comments."""
    if "<!--" not in text:
        return text, set(), []
    parts: list[str] = []
    touched: set[int] = set()
    diags: list[Diagnostic] = []
    pos = line = counted = 0
    while True:
        start = text.find("<!--", pos)
        if start == -1:
            parts.append(text[pos:])
            break
        end = text.find("-->", start + 4)
        parts.append(text[pos:start])
        stop = len(text) if end == -1 else end + 3
        parts.append(_NOT_NEWLINE.sub(_blank, text[start:stop]))
        line += text.count("\n", counted, start)
        span = text.count("\n", start, stop)
        touched.update(range(line, line + span + 1))
        line, counted = line + span, stop
        if end == -1:
            line = line0 + text.count("\n", 0, start)
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            diags.append(
                warning("HTML comment is never closed (<!-- without -->)", path, line, col)
            )
            break
        pos = stop
    return "".join(parts), touched, diags


def _is_nav(line: str) -> bool:
    return line.startswith("**[")


def _is_title(line: str) -> bool:
    if _is_nav(line):
        return False
    if line.startswith("**"):
        return True
    return "**" in line and line.rstrip().endswith("<br>") and title_bounds(line) is not None


def _heading(line: str) -> str | None:
    if not line.startswith("#"):
        return None
    body = line.lstrip("#")
    if not body.startswith(" ") or len(line) - len(body) > 6:
        return None
    return from_page(body.strip().rstrip("#").strip())


def _is_rule(line: str) -> bool:
    compact = line.replace(" ", "")
    return len(compact) >= 3 and compact[0] in "-*_" and compact == compact[0] * len(compact)


class _PageReader:
    """One page: classifies lines, cuts entries and appends blocks to ``bib``."""

    def __init__(self, source: Source, bib: Bibliography, keys: KeyMaker) -> None:
        self.path = source.path
        self.text = source.text
        self.bib = bib
        self.keys = keys
        self.section: str | None = None
        self.pending: list[tuple[str, str]] = []
        self.in_comment: set[int] = set()

    def flush(self) -> None:
        """Emit collected non-entry lines as Verbatim blocks, one per run of a kind."""
        runs: list[tuple[str, list[str]]] = []
        for kind, text in self.pending:
            if runs and runs[-1][0] == kind and kind not in _SINGLE_KINDS:
                runs[-1][1].append(text)
            else:
                runs.append((kind, [text]))
        self.pending.clear()
        for kind, texts in runs:
            text = "".join(texts)
            last = self.bib.blocks[-1] if self.bib.blocks else None
            if (
                isinstance(last, Verbatim)
                and last.format == FORMAT_NAME
                and last.kind == kind
                and kind not in _SINGLE_KINDS
                and last.origin is not None
                and last.origin.path == self.path
            ):
                self.bib.blocks[-1] = dataclasses.replace(last, text=last.text + text)
            else:
                origin = Origin(FORMAT_NAME, self.path)  # which page, for per-file write-back
                self.bib.blocks.append(Verbatim(FORMAT_NAME, text, kind, origin))

    def other(self, kind: str, text: str) -> None:
        self.pending.append((kind, text))

    def read(self) -> None:
        fm, body = split_front_matter(self.text)
        line0 = 1
        if fm:
            self.other("front-matter", fm)
            self.check_yaml(fm)
            line0 += fm.count("\n")
        masked, self.in_comment, notes = mask_comments(body, self.path, line0)
        self.bib.diagnostics.extend(notes)
        raw_lines = body.splitlines(keepends=True)
        masked_lines = masked.splitlines(keepends=True)
        n = len(raw_lines)
        i = 0
        while i < n:
            m = masked_lines[i].rstrip("\r\n")
            ms = m.strip()
            lineno = line0 + i
            if _is_title(ms):
                i = self.entry(raw_lines, masked_lines, i, lineno)
                continue
            heading = _heading(ms)
            if heading is not None:
                self.section = heading or None
                self.other("section", raw_lines[i])
            elif _is_nav(ms):
                self.other("navigation", raw_lines[i])
            elif _is_rule(ms):
                self.other("rule", raw_lines[i])
            elif not ms:
                self.other("comment" if i in self.in_comment else "whitespace", raw_lines[i])
            else:
                if "<pub>" in ms or "expandABS" in ms:
                    self.bib.diagnostics.append(
                        warning(
                            "entry part outside any entry (no **Title** line above it)",
                            self.path,
                            lineno,
                            1,
                        )
                    )
                self.other("text", raw_lines[i])
            i += 1
        self.flush()

    def check_yaml(self, fm: str) -> None:
        body = _fm_body(fm)
        try:
            frontmatter.load(body)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = 2 + (mark.line if mark is not None else 0)
            self.bib.diagnostics.append(
                warning(
                    "front matter is not valid YAML: "
                    + str(getattr(exc, "problem", None) or exc).split("\n", 1)[0],
                    self.path,
                    line,
                    1,
                )
            )

    def entry(
        self, raw_lines: Sequence[str], masked_lines: Sequence[str], start: int, lineno: int
    ) -> int:
        """Cut the entry starting at ``start``; returns the index after its region."""
        n = len(raw_lines)
        j = start + 1
        in_div = False
        while j < n:
            ms = masked_lines[j].strip()
            if in_div:
                if "</div>" in ms:
                    in_div = False
                elif _is_title(ms) and self._author_follows(masked_lines, j):
                    break
                j += 1
                continue
            if _is_title(ms) or _is_nav(ms) or _heading(ms) is not None or _is_rule(ms):
                break
            if is_abs_div(ms) and "</div>" not in ms[ms.lower().find("<div") :]:
                in_div = True
            j += 1
        end = j
        while end > start + 1 and not masked_lines[end - 1].strip():
            end -= 1
        raw = "".join(raw_lines[start:end])
        masked = "".join(masked_lines[start:end])
        self.add_entry(raw, masked, lineno)
        for k in range(end, j):
            self.other("comment" if k in self.in_comment else "whitespace", raw_lines[k])
        return j

    @staticmethod
    def _author_follows(masked_lines: Sequence[str], j: int) -> bool:
        nxt = masked_lines[j + 1].strip() if j + 1 < len(masked_lines) else ""
        return nxt[:1] in ("_", "*") and not nxt.startswith("**")

    def add_entry(self, raw: str, masked: str, lineno: int) -> None:
        parsed = parse_entry(raw, masked, self.path, lineno)
        if not parsed.ok:
            self.other("failed", raw)
            self.bib.diagnostics.extend(
                error(d.message, d.path, d.line, d.column) for d in parsed.diagnostics
            )
            return
        self.flush()
        key = self.keys.make(base_key(parsed.pub))
        pub = dataclasses.replace(parsed.pub, key=key, section=self.section)
        self.bib.diagnostics.extend(dataclasses.replace(d, key=key) for d in parsed.diagnostics)
        # with_origin without its two copies: the record is its own as-read snapshot (origin
        # is not compared, and any edit makes a new record that still points at this one)
        origin = Origin(FORMAT_NAME, self.path, lineno, 1, raw, pub)
        object.__setattr__(pub, "origin", origin)
        self.bib.blocks.append(pub)


def read(sources: Sequence[Source]) -> Bibliography:
    """Read pages as one database (keys unique across all of them); never raises for bad input."""
    bib = Bibliography(source_format=FORMAT_NAME)
    keys = KeyMaker()
    for source in sources:
        _PageReader(source, bib, keys).read()
    return bib
