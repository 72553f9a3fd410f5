"""Where a new record goes in an existing file: its section, beside its neighbours, in file order.

Used by every writer that adds records to a file someone keeps by hand (``sync --write``, the
one-way commands updating an existing output, ``bib2md --like``), so a paper lands where a person
would have put it:

1. **Section.** The record's own section when the file has it; on a page of year headings
   (``## 2024``) the heading of its year; else the section of its neighbour.
2. **Neighbours.** Its place in the source: before the record that follows it there (or after the
   one that precedes it), when that record is also in the file.
3. **File order.** When the file is sorted by year (newest first on the seed lab's pages, or
   oldest first) and the neighbour rule would break that order, the year decides: newest first
   puts the record before the first entry of its year or older.
4. Otherwise the end of its section, or of the file.

New blocks are separated from their neighbours by the whitespace the file itself uses most
between two entries, so the diff of the file is only the new entry's lines.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from pubconv.model import Block, Publication, Verbatim

_YEAR_HEADING = re.compile(r"\d{4}")


def year_order(pubs: Sequence[Publication]) -> int:
    """``-1`` newest first, ``1`` oldest first, ``0`` neither (years that are known only)."""
    years = [p.year for p in pubs if p.year is not None]
    pairs = list(itertools.pairwise(years))
    if not pairs:
        return 0
    if all(a >= b for a, b in pairs) and any(a > b for a, b in pairs):
        return -1
    if all(a <= b for a, b in pairs) and any(a < b for a, b in pairs):
        return 1
    return 0


def _separator(blocks: Sequence[Block]) -> Verbatim | None:
    """The whitespace block found most often between two entries."""
    seen: Counter[tuple[str, str]] = Counter()
    for before, gap, after in zip(blocks, blocks[1:], blocks[2:], strict=False):
        if (
            isinstance(before, Publication)
            and isinstance(after, Publication)
            and isinstance(gap, Verbatim)
            and gap.kind == "whitespace"
        ):
            seen[(gap.format, gap.text)] += 1
    if not seen:
        return None
    (fmt, text), _ = seen.most_common(1)[0]
    return Verbatim(fmt, text, "whitespace")


class Placer:
    """Inserts new records into ``blocks`` (a copy), one at a time, in source order."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks: list[Block] = list(blocks)
        pubs = [b for b in self.blocks if isinstance(b, Publication)]
        self.sections = [p.section for p in pubs]
        self.order = year_order(pubs)
        self.year_headings = bool(pubs) and all(
            s is not None and _YEAR_HEADING.fullmatch(s.strip()) for s in self.sections
        )
        self.separator = _separator(self.blocks)

    def _section_for(self, pub: Publication, anchor: Publication | None) -> str | None:
        known = {s for s in self.sections if s is not None}
        if not known:
            return None
        if self.year_headings and pub.year is not None:
            return str(pub.year)
        if pub.section in known:
            return pub.section
        if anchor is not None:
            return anchor.section
        return pub.section

    def _headings(self) -> list[tuple[int, str]]:
        """``(block index, section name)`` of each section heading followed by an entry."""
        found: list[tuple[int, str]] = []
        for i, block in enumerate(self.blocks):
            if isinstance(block, Verbatim) and block.kind == "section":
                nxt = next((b for b in self.blocks[i + 1 :] if isinstance(b, Publication)), None)
                if nxt is not None and nxt.section is not None:
                    found.append((i, nxt.section))
        return found

    def _gap(self, at: int) -> Verbatim | None:
        block = self.blocks[at] if 0 <= at < len(self.blocks) else None
        if isinstance(block, Verbatim) and block.kind == "whitespace":
            return block
        return self.separator

    def _new_section(self, pub: Publication, section: str) -> bool:
        """Open a heading for ``section`` (copied from the file's first heading, name swapped),
        placed in year order on a page of year headings, else after the last entry."""
        headings = self._headings()
        if not headings:
            return False
        template_at, template_name = headings[0]
        template = self.blocks[template_at]
        assert isinstance(template, Verbatim)
        if template_name not in template.text:
            return False
        heading = dataclasses.replace(
            template, text=template.text.replace(template_name, section, 1)
        )
        after_heading = self._gap(template_at + 1)
        before_heading = self._gap(template_at - 1)
        at = None
        if self.year_headings and pub.year is not None:
            for i, name in headings:
                year = int(name.strip())
                if (self.order <= 0 and year < pub.year) or (self.order > 0 and year > pub.year):
                    at = i
                    break
        new: list[Block] = [heading, *([after_heading] if after_heading else []), pub]
        if at is None:
            at = self._end()
            new = [*([before_heading] if before_heading else []), *new]
        else:
            new.extend([before_heading] if before_heading else [])
        self.blocks[at:at] = new
        return True

    def _indices(self, section: str | None) -> list[int]:
        return [
            i
            for i, b in enumerate(self.blocks)
            if isinstance(b, Publication) and (section is None or b.section == section)
        ]

    def _fits(self, at: int, indices: Sequence[int], year: int | None) -> bool:
        """Does inserting before block ``at`` keep the year order of ``indices``?"""
        if self.order == 0 or year is None:
            return True
        before = [self.blocks[i] for i in indices if i < at]
        after = [self.blocks[i] for i in indices if i >= at]
        prev_year = next(
            (p.year for p in reversed(before) if isinstance(p, Publication) and p.year), None
        )
        next_year = next((p.year for p in after if isinstance(p, Publication) and p.year), None)
        if self.order < 0:
            return (prev_year is None or prev_year >= year) and (
                next_year is None or year >= next_year
            )
        return (prev_year is None or prev_year <= year) and (next_year is None or year <= next_year)

    def _by_year(self, indices: Sequence[int], year: int) -> int | None:
        for i in indices:
            other = self.blocks[i]
            assert isinstance(other, Publication)
            if other.year is None:
                continue
            if (self.order < 0 and other.year <= year) or (self.order > 0 and other.year > year):
                return i
        return None

    def insert(
        self, pub: Publication, after: Publication | None, before: Publication | None
    ) -> Publication:
        """Insert ``pub``; ``after``/``before`` are its neighbours in the source that are already
        in the file (blocks of it).  Returns the record as inserted (section set)."""
        anchor = before or after
        section = self._section_for(pub, anchor)
        if section != pub.section:
            pub = dataclasses.replace(pub, section=section)
        indices = self._indices(section)
        if section is not None and not indices and self._new_section(pub, section):
            return pub
        positions = {id(self.blocks[i]): i for i in indices}
        at: int | None = None
        if before is not None and id(before) in positions:
            at = positions[id(before)]
        elif after is not None and id(after) in positions:
            at = positions[id(after)] + 1
        if at is not None and not self._fits(at, indices, pub.year):
            at = None
        if at is None and self.order != 0 and pub.year is not None and indices:
            at = self._by_year(indices, pub.year)
            if at is None:
                at = indices[-1] + 1
        if at is None:
            at = indices[-1] + 1 if indices else self._end()
        self._insert_at(at, pub)
        return pub

    def _end(self) -> int:
        """After the last entry of the file, or at its end when it has none."""
        last = [i for i, b in enumerate(self.blocks) if isinstance(b, Publication)]
        return last[-1] + 1 if last else len(self.blocks)

    def _insert_at(self, at: int, pub: Publication) -> None:
        new: list[Block] = [pub]
        sep = self.separator
        if sep is not None:
            follows_entry = at > 0 and isinstance(self.blocks[at - 1], Publication)
            precedes_entry = at < len(self.blocks) and isinstance(self.blocks[at], Publication)
            if precedes_entry:
                new.append(sep)
            elif follows_entry:
                new.insert(0, sep)
        self.blocks[at:at] = new


def place_all(
    blocks: Sequence[Block],
    new: Sequence[Publication],
    source: Sequence[Publication],
    counterpart: Mapping[int, Publication],
) -> list[Block]:
    """``blocks`` with each of ``new`` inserted (see the module docstring).

    ``source`` is the sequence the new records come from, in its order; ``counterpart`` maps
    ``id()`` of a source record to the block of the same paper in ``blocks``.
    """
    placer = Placer(blocks)
    wanted = {id(p) for p in new}
    there = dict(counterpart)
    for pos, pub in enumerate(source):
        if id(pub) not in wanted:
            continue
        after = next((there[id(p)] for p in reversed(source[:pos]) if id(p) in there), None)
        before = next((there[id(p)] for p in source[pos + 1 :] if id(p) in there), None)
        there[id(pub)] = placer.insert(pub, after, before)
    return placer.blocks
