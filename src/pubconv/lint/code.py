"""Where a Markdown file's text is code, which the page rules must not read as HTML.

``pubconv check`` runs on every changed ``.md`` of a site (the pre-commit hook), so it meets
READMEs and posts that write ``<span><pub>`` or ``{:target="\\_blank"}`` inside backticks to
explain them.  Kramdown shows such text as code: it opens no tag and makes no link.  The regions
found here are fenced code blocks (```` ``` ```` or ``~~~``) and inline code spans (a run of
backticks up to the next run of the same length in the same paragraph), as CommonMark and
kramdown delimit them.  Indented code blocks are not found: a page's own lines may be indented.

Both scans are linear (one pass over the lines, one over the backtick runs), so a hostile file
of a million backticks costs what its length costs.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

_TICKS = re.compile(r"`+")


def _fence(line: str) -> tuple[str, int] | None:
    """``("`", 3)`` for a line opening a fenced block (up to three spaces of indent)."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or stripped[:3] not in ("```", "~~~"):
        return None
    char = stripped[0]
    length = len(stripped) - len(stripped.lstrip(char))
    if char == "`" and "`" in stripped[length:]:
        return None  # ```code``` on one line is a code span, not a fence
    return char, length


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inline code spans in ``text[start:end]`` (one paragraph)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text, start, end)]
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, (a, b) in enumerate(runs):
        by_length[b - a].append(index)
    out: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        a, b = runs[index]
        same = by_length[b - a]
        after = bisect.bisect_right(same, index)
        if after == len(same):
            index += 1  # no closing run: literal backticks
            continue
        close = same[after]
        out.append((a, runs[close][1]))
        index = close + 1
    return out


def code_regions(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the fenced blocks and code spans of ``text``, in order."""
    out: list[tuple[int, int]] = []
    fence: tuple[str, int] | None = None
    fence_start = 0
    paragraph = 0  # where the current paragraph (outside fences) started
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if fence is not None:
            stripped = body.strip(" \t")
            char, length = fence
            if stripped.startswith(char * length) and not stripped.strip(char):
                out.append((fence_start, pos + len(body)))
                fence = None
                paragraph = pos + len(line)
        elif (opened := _fence(body)) is not None:
            out.extend(_spans(text, paragraph, pos))
            fence, fence_start = opened, pos
        elif not body.strip():
            out.extend(_spans(text, paragraph, pos))
            paragraph = pos + len(line)
        pos += len(line)
    if fence is not None:
        out.append((fence_start, len(text)))  # an unclosed fence runs to the end, as in kramdown
    else:
        out.extend(_spans(text, paragraph, len(text)))
    return sorted(out)


def blank(text: str, regions: list[tuple[int, int]]) -> str:
    """``text`` with ``regions`` replaced by spaces (line breaks kept, so offsets and lines
    stay those of the file)."""
    if not regions:
        return text
    parts: list[str] = []
    last = 0
    for start, end in regions:
        parts.append(text[last:start])
        parts.append("".join(c if c in "\r\n" else " " for c in text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
