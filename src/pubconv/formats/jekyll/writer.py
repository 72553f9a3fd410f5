"""Writing pages: unchanged entries byte-for-byte, changed ones patched, new ones in house style.

Three ways an entry gets its text, best first:

1. it is unchanged since this format read it: ``origin.raw``;
2. a page it came from is known (its own origin, or the ``--like`` page's entry with the same
   key): that entry's text with only the changed parts rewritten, so comments, odd spacing and
   unclosed spans the lab wrote stay where they were;
3. otherwise the house style of ``2024-New.md``.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable, Sequence

from pubconv.formats.jekyll.authors import format_authors
from pubconv.formats.jekyll.entry import VENUE_FRAME, parse_entry
from pubconv.formats.jekyll.layout_hints import layout_hint
from pubconv.formats.jekyll.links import format_links, safe_id
from pubconv.formats.jekyll.publish import page_links, publishable
from pubconv.formats.jekyll.reader import FORMAT_NAME, mask_comments
from pubconv.formats.jekyll.text import to_page
from pubconv.formats.jekyll.venue import format_venue
from pubconv.model import Bibliography, Block, Publication, Verbatim
from pubconv.placement import place_all
from pubconv.registry import WriteOptions

TARGET = '{:target="\\_blank"}'
_PUBLISH_FRAME = ("<span><pub>", "</pub></span> <br>")
_VENUE_FIELDS = ("container_title", "container_short", "issued", "note")


class AbstractIds:
    """Hands out abstract ids unique within one page."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def claim(self, wanted: str, own: str | None = None) -> str:
        """``wanted`` if free (or the entry's ``own`` id already), else ``wanted2``, ``wanted3``..."""
        if own is not None and wanted == own:
            self.taken.add(own)
            return own
        candidate, n = wanted, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{wanted}{n}"
        self.taken.add(candidate)
        return candidate


def _abstract_id_base(pub: Publication) -> str:
    base = "".join(c for c in pub.key if c.isascii() and (c.isalnum() or c in "_-"))
    return base or "abs"


def _award_line(pub: Publication) -> str:
    award = pub.award or ""
    highlight = pub.get_hint("jekyll.award_highlight")
    if not highlight or not award.startswith(highlight):
        cut = award.find(" of ")
        highlight = award[:cut] if cut > 0 else award
    rest = award[len(highlight) :]
    return f"<span><highlighted>{to_page(highlight)}</highlighted>{to_page(rest)}</span> <br>"


def _link_seps(pub: Publication) -> list[str] | None:
    raw = layout_hint(pub, "jekyll.link_seps")
    if raw is None:
        return None
    try:
        seps = json.loads(raw)
    except ValueError:
        return None
    if isinstance(seps, list) and all(isinstance(s, str) for s in seps):
        return [str(s) for s in seps]
    return None


def _venue_frame(pub: Publication, default: tuple[str, str] = VENUE_FRAME) -> tuple[str, str]:
    raw = layout_hint(pub, "jekyll.venue_frame")
    try:
        frame = json.loads(raw) if raw else None
    except ValueError:
        frame = None
    if (
        isinstance(frame, list)
        and len(frame) == 2
        and all(isinstance(x, str) and "\n" not in x for x in frame)
    ):
        return str(frame[0]), str(frame[1])
    return default


def _known_gaps(pub: Publication) -> str:
    """A noqa marker for what the source itself lacks (``pubconv check`` would flag it as J006,
    incomplete-entry); the ``.bib``'s own check reports its missing fields."""
    missing = [name for name, value in (("title", pub.title), ("authors", pub.authors),
                                        ("year", pub.year)) if not value]  # fmt: skip
    if not missing:
        return ""
    return f" <!-- pubconv: noqa J006 (the source has no {' or '.join(missing)}) -->"


def generate(
    pub: Publication, ids: AbstractIds, own_id: str | None = None, *, publish: bool = False
) -> str:
    """A new entry in the house style (every line ends with a newline).

    ``own_id`` is the abstract id the entry already had on the page, which it may keep.
    ``publish`` (a page written from scratch): the venue line without a leading space and no
    Abstract toggle for an entry without an abstract (unless it came from a page that had one).
    """
    marker = layout_hint(pub, "jekyll.italic") or "_"
    prefix = layout_hint(pub, "jekyll.title_prefix") or ""
    # no title: an empty span keeps the bold pair from reading as `<em>**</em>` in kramdown
    title = to_page(pub.title) if pub.title else "<span></span>"
    lines = [f"{prefix}**{title}** <br>{_known_gaps(pub) if publish else ''}"]
    if pub.authors:
        lines.append(f"{marker}{format_authors(pub.authors)}{marker} <br>")
    venue = format_venue(pub.container_title, pub.container_short, pub.issued, pub.note)
    if publish:
        venue = venue.strip()
    if venue:
        before, after = _venue_frame(pub, _PUBLISH_FRAME if publish else VENUE_FRAME)
        lines.append(f"{before}{venue}{after}")
    if pub.award:
        lines.append(_award_line(pub))
    if pub.links:
        lines.append(format_links(pub.links, _link_seps(pub)))
    if not pub.abstract and (
        pub.get_hint("jekyll.no_abstract") or (publish and not pub.get_hint("jekyll.abs_id"))
    ):
        return "\n".join(lines) + "\n"
    abs_id = ids.claim(
        safe_id(pub.get_hint("jekyll.abs_id") or "") or _abstract_id_base(pub), own_id
    )
    lines.append(f"<a onclick='expandABS(\"{abs_id}\")'> Abstract </a>")
    lines.append("")
    lines.append(f'<div style="display: none;" class=abs id="{abs_id}"><br>')
    if pub.abstract:
        lines.append(to_page(pub.abstract))
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def _same(a: Publication, b: Publication, names: Iterable[str]) -> bool:
    return all(getattr(a, n) == getattr(b, n) for n in names)


def patch(raw: str, old: Publication, new: Publication) -> str | None:
    """``raw`` (the text ``old`` was read from) with the parts that differ in ``new`` rewritten.

    ``None`` when a changed part has no place in ``raw`` (say, an award added), so the caller
    generates the entry afresh.
    """
    masked, _, _ = mask_comments(raw, None, 1)
    spans = parse_entry(raw, masked, None, 1).spans
    edits: list[tuple[int, int, str]] = []
    if new.title != old.title:
        if "title" not in spans:
            return None
        edits.append((*spans["title"], to_page(new.title or "")))
    if new.authors != old.authors:
        if "authors" not in spans or not new.authors:
            return None
        edits.append((*spans["authors"], format_authors(new.authors)))
    if not _same(new, old, _VENUE_FIELDS):
        venue = format_venue(new.container_title, new.container_short, new.issued, new.note)
        if "venue" not in spans or not venue:
            return None
        start, end = spans["venue"]
        lead = raw[start:end][: len(raw[start:end]) - len(raw[start:end].lstrip())]
        edits.append((start, end, lead + venue))
    if new.award != old.award:
        if "award" not in spans or not new.award:
            return None
        edits.append((*spans["award"], _award_line(new)))
    if new.links != old.links:
        if "links" not in spans or not new.links:
            return None
        edits.append((*spans["links"], format_links(new.links, _link_seps(new))))
    if new.abstract != old.abstract:
        if "abstract" not in spans:
            return None
        body = f"\n{to_page(new.abstract)}\n" if new.abstract else "\n"
        edits.append((*spans["abstract"], body))
    for start, end, text in sorted(edits, reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw


def render(
    pub: Publication, ids: AbstractIds, base: Publication | None = None, attrs: str | None = None
) -> str:
    """The text of one entry (see the module docstring for the order of preference).

    ``attrs``: the kramdown attributes most links of the page carry, for the links an entry new
    to the page gets from its DOI, URL or arXiv id.
    """
    origin = pub.origin
    if origin is not None and origin.format == FORMAT_NAME and pub.is_unchanged():
        return origin.raw
    if base is None and origin is not None and origin.format == FORMAT_NAME:
        base = pub
    if base is not None and base.origin is not None and base.origin.as_read is not None:
        old = base.origin.as_read
        if pub == old:
            return base.origin.raw
        patched = patch(base.origin.raw, old, pub)
        if patched is not None:
            return patched
        return generate(pub, ids, old.get_hint("jekyll.abs_id"))
    # a record new to the page (from a .bib): its DOI, URL and arXiv id become links, as on a
    # page written from scratch, instead of being left off without a word
    # links made from its DOI, URL or arXiv id look like the page's links (its own links keep
    # the attributes they have)
    look = attrs or (pub.links[0].attrs if pub.links else TARGET)
    return generate(dataclasses.replace(pub, links=page_links(pub, look)), ids)


def _page_ids(bib: Bibliography) -> set[str]:
    return {
        abs_id for pub in bib.publications if (abs_id := pub.get_hint("jekyll.abs_id")) is not None
    }


def _front_matter(options: WriteOptions) -> str:
    title = dict(options.extra).get("jekyll.title", "Publications")
    return f'---\ntitle: "{title.replace(chr(34), chr(39))}"\nauthor_profile: True\n---\n'


def _write_fresh(bib: Bibliography, options: WriteOptions) -> str:
    """A complete page a lab can publish: front matter, then entries grouped by section.

    Records that did not come from a page are made page-ready first (links from DOI/URL/arXiv,
    crossrefs resolved, venue tags only; see :mod:`pubconv.formats.jekyll.publish`).
    """
    ids = AbstractIds()
    out = [_front_matter(options)]
    sections: dict[str | None, list[Publication]] = {None: []}
    for pub in publishable(bib):
        sections.setdefault(pub.section, []).append(pub)
    for section, pubs in sections.items():
        if section is not None:  # entries without a section come first, before any heading
            out.append(f"\n## {to_page(' '.join(section.split()))}\n")  # one line, always
        for pub in pubs:
            origin = pub.origin
            if origin is not None and origin.format == FORMAT_NAME:
                out.append("\n" + render(pub, ids))
            else:
                out.append("\n" + generate(pub, ids, publish=True))
    out.append("\n---\n")
    return "".join(out)


def _link_look(blocks: Sequence[Block]) -> str | None:
    """The attributes most links of the page's own entries carry (``{:target="_blank"}``)."""
    looks = Counter(
        link.attrs
        for block in blocks
        if isinstance(block, Publication)
        and block.origin is not None
        and block.origin.format == FORMAT_NAME
        for link in block.links
    )
    return looks.most_common(1)[0][0] if looks else None


def _render_blocks(blocks: Sequence[Block], ids: AbstractIds, bases: dict[str, Publication]) -> str:
    """The page text of ``blocks``; an entry with a ``bases`` entry of its key is patched from it."""
    out: list[str] = []
    look = _link_look([*blocks, *bases.values()])
    for block in blocks:
        if isinstance(block, Publication):
            out.append(render(block, ids, bases.get(block.key), look))
        elif isinstance(block, Verbatim) and block.format == FORMAT_NAME:
            out.append(block.text)
    return "".join(out)


def _write_blocks(bib: Bibliography) -> str:
    """A bibliography read from a page (records may have been edited or added): blocks in order."""
    on_page = [
        p.origin.as_read
        for p in bib.publications
        if p.origin is not None and p.origin.format == FORMAT_NAME and p.origin.as_read is not None
    ]  # the ids the page holds now, not those of edited records
    return _render_blocks(bib.blocks, AbstractIds(_page_ids(Bibliography.of(on_page))), {})


def _write_like(bib: Bibliography, like: Bibliography) -> str:
    """``bib``'s entries laid out like the page ``like`` (front matter, sections, spacing).

    Entries of ``like`` that ``bib`` does not hold are left out with the blank lines after them;
    entries only ``bib`` holds are placed as :mod:`pubconv.placement` says (section, neighbours in
    ``bib``, the page's year order)."""
    wanted = {pub.key: pub for pub in bib.publications}
    blocks: list[Block] = []
    bases: dict[str, Publication] = {}
    counterpart: dict[int, Publication] = {}
    skip_space = False
    for block in like.blocks:
        if isinstance(block, Publication):
            pub = wanted.get(block.key)
            if pub is None:
                skip_space = True
                continue
            bases[pub.key] = block
            counterpart[id(pub)] = pub
            blocks.append(pub)
            skip_space = False
        elif isinstance(block, Verbatim) and block.format == FORMAT_NAME:
            if skip_space and block.kind == "whitespace":
                skip_space = False
                continue
            blocks.append(block)
    extra = [pub for pub in bib.publications if id(pub) not in counterpart]
    placed = place_all(blocks, extra, bib.publications, counterpart)
    return _render_blocks(placed, AbstractIds(_page_ids(like)), bases)


def writes_fresh(bib: Bibliography, options: WriteOptions | None) -> bool:
    """True when :func:`write` makes a page from scratch (no ``--like`` page, and ``bib`` was
    not read from a page): the entries are then made page-ready (:mod:`.publish`)."""
    if options is not None and options.like is not None:
        return False
    return not any(isinstance(b, Verbatim) and b.format == FORMAT_NAME for b in bib.blocks)


def write(bib: Bibliography, options: WriteOptions) -> str:
    """Write ``bib`` as a page (see :class:`WriteOptions.like`)."""
    if options.like is not None:
        return _write_like(bib, options.like)
    if not writes_fresh(bib, options):
        return _write_blocks(bib)
    return _write_fresh(bib, options)
