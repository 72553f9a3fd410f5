"""The BibTeX writer: unchanged blocks byte for byte, changed and new entries in the house layout.

House layout (always braces, never ``@type(...)``, which pandoc 2.17 rejects)::

    @article{key,
      author = {Xiong, Zhiwei and others},
      title = {{PQ-SAM}: ...},
    }

A changed entry keeps its field names and order (``bibtex.fields`` hint) and, for every field
whose model value did not change, its value exactly as written (macros, ``#``, quoting).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from bibtexparser.splitter import Splitter

from pubconv.formats.bibtex import dates, fromcsl, mapping, types
from pubconv.formats.bibtex.keys import bibtex_key, field_name
from pubconv.formats.bibtex.patch import patch_entry
from pubconv.formats.bibtex.unique import renamed_keys
from pubconv.formats.bibtex.values import braced, is_balanced
from pubconv.model import Bibliography, Block, Comment, Preamble, Publication, StringDef, Verbatim
from pubconv.registry import WriteOptions

FORMAT = "bibtex"


DIALECT_OPTION = "bibtex.dialect"
"""``WriteOptions.extra`` name of the dialect: ``bibtex`` (default) or ``biblatex``."""
DIALECTS = ("bibtex", "biblatex")


def dialect_of(options: WriteOptions) -> str:
    """The dialect ``options`` ask for (``ValueError`` for an unknown one)."""
    value = dict(options.extra).get(DIALECT_OPTION, "bibtex")
    if value not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {value!r} (known: {', '.join(DIALECTS)})")
    return value


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as ``.bib`` text; repeated keys get a suffix (:mod:`unique`)."""
    writer = BlockWriter(options)
    renamed = renamed_keys(bib.publications)
    out: list[str] = []
    for block in bib.blocks:
        out.extend(writer.add(block, renamed))
    out.extend(writer.finish())
    return "".join(out)


class BlockWriter:
    """:func:`write` one block at a time: the text each block adds (separators included), so
    the streaming converter (:mod:`pubconv.stream`) writes exactly what :func:`write` writes."""

    def __init__(self, options: WriteOptions) -> None:
        self.options = options
        self.dialect = dialect_of(options)
        self.previous_gap = True  # nothing written yet: no separator needed
        self.previous_path: str | None = None
        self.last = ""
        """The last piece written (separators depend on how it ends)."""
        self.wrote = False

    def add(self, block: Block, renamed: Mapping[int, str | None]) -> list[str]:
        """The pieces of text ``block`` adds; ``renamed`` as :func:`unique.renamed_keys` gives."""
        out: list[str] = []
        origin = block.origin
        path = origin.path if origin is not None and origin.format == FORMAT else None
        if isinstance(block, Verbatim) and block.kind in ("whitespace", "text"):
            if block.format == FORMAT:
                out.append(block.text)
                self.previous_gap = True
                self.previous_path = path
                self.last = block.text
                self.wrote = True
            return out
        if isinstance(block, Publication) and id(block) in renamed:
            new_key = renamed[id(block)]
            if new_key is None:
                return out
            block = dataclasses.replace(block, key=new_key)
        text = _block(block, self.options, self.dialect)
        if text is None:
            return out
        adjacent = origin is not None and path is not None and path == self.previous_path
        if not self.previous_gap and not adjacent:
            out.append("\n\n" if self.last.endswith("}") else "\n")
        out.append(text)
        self.last = text
        self.wrote = True
        self.previous_gap = False
        self.previous_path = path if origin is not None and origin.format == FORMAT else None
        return out

    def finish(self) -> list[str]:
        """What ends the text: a newline after a last entry of no file."""
        ends_open = self.wrote and not self.last.endswith("\n")
        if ends_open and not self.previous_gap and self.previous_path is None:
            return ["\n"]
        return []


def _block(block: Block, options: WriteOptions, dialect: str) -> str | None:
    if isinstance(block, Publication):
        origin = block.origin
        if origin is not None and origin.format == FORMAT and block.is_unchanged():
            return origin.raw
        return entry_text(block, ascii=options.ascii, dialect=dialect)
    if isinstance(block, Verbatim):
        return block.text if block.format == FORMAT else None
    origin = block.origin
    if origin is not None and origin.format == FORMAT and origin.raw:
        return origin.raw
    if isinstance(block, StringDef):
        return f"@string{{{block.name} = {braced(block.value)}}}"
    if isinstance(block, Preamble):
        return (
            "@preamble{" + (block.value if is_balanced(block.value) else braced(block.value)) + "}"
        )
    if isinstance(block, Comment):
        if origin is not None:  # an HTML comment of a page means nothing in a .bib
            return None
        return "\n".join("% " + line if line else "%" for line in block.text.splitlines())
    return None


def _original_fields(
    pub: Publication,
) -> tuple[Publication | None, dict[str, str], dict[tuple[str, str], str]]:
    """As-read publication, slot -> raw value, and extra (name, value) -> raw value."""
    origin = pub.origin
    if origin is None or origin.format != FORMAT or origin.as_read is None or not origin.raw:
        return None, {}, {}
    entries = [b for b in Splitter(origin.raw).split().blocks if hasattr(b, "fields")]
    fields = (
        entries[0].fields
        if len(entries) == 1
        else getattr(getattr(entries[0], "ignore_error_block", None), "fields", None)
        if entries
        else None
    )
    if fields is None:
        return None, {}, {}
    before = origin.as_read
    slots = mapping.assign_slots(
        before.get_hint(mapping.TYPE_HINT) or "misc", [f.key for f in fields]
    )
    by_slot = {slot: f.value for f, slot in zip(fields, slots, strict=True) if slot is not None}
    by_extra: dict[tuple[str, str], str] = {}
    at = (pub.get_hint(mapping.EXTRA_AT_HINT) or "").split()
    if len(at) == len(before.extra):
        for pair, index in zip(before.extra, at, strict=True):
            if index.isdigit() and int(index) < len(fields):
                by_extra.setdefault(pair, fields[int(index)].value)
    return before, by_slot, by_extra


def _date_style(hinted_slots: list[str | None]) -> str | None:
    if "date" in hinted_slots:
        return "date"
    if "day" in hinted_slots:
        return "day"
    return "year" if "month" in hinted_slots else None


def _beside_date(
    pub: Publication, slots: dict[str, tuple[str, str]], hinted: list[str] | None = None
) -> None:
    """Classic BibTeX reads no ``date``: add ``year`` (and ``month``) beside it, as biber and
    BibLaTeX ignore them when ``date`` is there (BibTeX warned "empty year" otherwise)."""
    issued = pub.issued
    if "date" not in slots or issued is None or issued.year is None:
        return
    if any(name.lower() in ("year", "month") for name, _ in pub.extra):
        return  # the entry carries its own
    slots["year"] = ("year", "{" + str(issued.year) + "}")
    wants_month = hinted is None or "month" in hinted  # an entry read keeps the fields it had
    if issued.month is not None and 1 <= issued.month <= 12 and wants_month:
        slots["month"] = ("month", dates.month_macro(issued.month))  # an impossible one stays
        # in ``date`` only, as read (the reader warned about it)


def entry_text(pub: Publication, *, ascii: bool = False, dialect: str = "bibtex") -> str:
    """One entry in the house layout (see the module docstring).

    ``dialect`` ``bibtex`` writes ``year``/``month`` beside a ``date`` so classic BibTeX sees
    the year; ``biblatex`` writes a new entry's date as ``date`` only.  CSL variables kept as
    ``extra`` go under their BibLaTeX names (:mod:`fromcsl`) in both.
    """
    written = types.entry_type(pub.type, pub.get_hint(mapping.TYPE_HINT))
    hinted = (pub.get_hint(mapping.FIELDS_HINT) or "").split()
    hinted_slots = mapping.assign_slots(written, hinted) if hinted else []
    prefer = _date_style(hinted_slots)
    if prefer is None and not hinted and dialect == "biblatex":
        prefer = "date"
    slots = mapping.write_slots(pub, written, ascii=ascii, prefer_date=prefer)
    lowered_hinted = [name.lower() for name in hinted]
    if dialect == "bibtex" and not hinted:
        _beside_date(pub, slots)
    elif "date" in lowered_hinted and "year" in lowered_hinted:
        _beside_date(pub, slots, lowered_hinted)  # read with year beside date: kept so
    before, raw_by_slot, raw_extra = _original_fields(pub)
    csl_kinds = fromcsl.kinds(pub)

    lines: list[tuple[str, str]] = []
    emitted: set[str] = set()
    extras = list(pub.extra)
    used = [False] * len(extras)

    def slot_value(slot: str) -> str:
        name_value = slots[slot]
        if before is not None and slot in raw_by_slot and mapping.slot_unchanged(slot, pub, before):
            return raw_by_slot[slot]
        return name_value[1]

    def extra_value(name: str, value: str) -> str:
        reuse = raw_extra.get((name, value))
        return reuse if reuse is not None else braced(value)

    for name, slot in zip(hinted, hinted_slots, strict=True):
        if slot is None and name.lower() in mapping.BESIDE_DATE and name.lower() in slots:
            slot = name.lower()  # year/month beside date, in their place
        if slot is not None and slot in slots and slot not in emitted:
            lines.append((name, slot_value(slot)))
            emitted.add(slot)
            continue
        for i, (extra_name, value) in enumerate(extras):
            if not used[i] and extra_name == name:
                used[i] = True
                lines.append((name, extra_value(extra_name, value)))
                break
    for slot in (*mapping.HOUSE_ORDER, *slots):
        if slot in slots and slot not in emitted:
            lines.append((slots[slot][0], slot_value(slot)))
            emitted.add(slot)
    fields = {name.lower() for name, _ in lines}
    for i, (name, value) in enumerate(extras):
        if used[i]:
            continue
        if name in csl_kinds:
            moved = fromcsl.field_for(name, value, csl_kinds[name], ascii=ascii)
            others = extras[:i] + extras[i + 1 :]
            if moved is not None and moved[0] not in fields and not _named(others, moved[0]):
                lines.append(moved)
                fields.add(moved[0])
                continue
        lines.append((name, extra_value(name, value)))
        fields.add(name.lower())
    named = [(field_name(name), value) for name, value in lines]
    origin = pub.origin
    if before is not None and origin is not None and before.key == pub.key:
        same_type = written == types.entry_type(before.type, before.get_hint(mapping.TYPE_HINT))
        patched = patch_entry(origin.raw, named) if same_type else None
        if patched is not None:
            return patched
    body = "".join(f"  {name} = {value},\n" for name, value in named)
    return f"@{written}{{{bibtex_key(pub.key)},\n{body}}}"


def _named(extras: list[tuple[str, str]], field: str) -> bool:
    """True when an extra is already called ``field`` (BibTeX names are case-insensitive)."""
    return any(name.lower() == field for name, _ in extras)
