"""A changed entry written as its original text with only the changed values replaced.

A lab's ``.bib`` has its own layout: aligned ``=`` signs, tabs, a field per line, a trailing
comma or not.  When sync or an updating ``md2bib`` changes one field of an entry, the diff should
show that field only, so the entry is patched in place: a changed value replaces the old value
between the same delimiters' positions, and a new field is added after the last one, indented and
aligned like it.  When the change is not of that shape (a field removed or reordered, the key or
the type changed, a block the fast scanner does not read) there is no patch and the writer lays
the entry out afresh.
"""

from __future__ import annotations

from collections.abc import Sequence

from pubconv.formats.bibtex.scanner import RawField, scan


def _value_start(raw: str, field: RawField) -> int:
    return raw.find(field.value, field.equals + 1)


def _new_field_lines(raw: str, last: RawField, new: Sequence[tuple[str, str]]) -> str:
    """``new`` fields laid out like ``last``: same indentation, ``=`` aligned when it was."""
    newline = "\r\n" if "\r\n" in raw else "\n"
    line_start = raw.rfind("\n", 0, last.equals) + 1
    line = raw[line_start : last.equals]
    indent = line[: len(line) - len(line.lstrip())]
    before_equals = line[len(indent) + len(last.name) :]
    value_at = _value_start(raw, last)
    after_equals = raw[last.equals + 1 : value_at]
    aligned = len(before_equals) > 1
    out = []
    for name, value in new:
        gap = " " * max(1, len(last.name) + len(before_equals) - len(name)) if aligned else ""
        out.append(f"{newline}{indent}{name}{gap or before_equals}={after_equals}{value}")
    return ",".join(out)


def patch_entry(raw: str, lines: Sequence[tuple[str, str]]) -> str | None:
    """``raw`` with its fields' values set to ``lines`` (``(name, value with delimiters)``), or
    ``None`` when ``lines`` is not the raw fields, in order, plus new fields at the end."""
    blocks = list(scan(raw))
    if len(blocks) != 1 or blocks[0].kind != "entry":
        return None
    fields = blocks[0].fields
    if not fields or any(f.equals < 0 for f in fields) or len(lines) < len(fields):
        return None
    if [f.name for f in fields] != [name for name, _ in lines[: len(fields)]]:
        return None
    edits: list[tuple[int, int, str]] = []
    for field, (_, value) in zip(fields, lines, strict=False):
        if value != field.value:
            start = _value_start(raw, field)
            if start < 0:
                return None
            edits.append((start, start + len(field.value), value))
    new = lines[len(fields) :]
    if new:
        last = fields[-1]
        start = _value_start(raw, last)
        if start < 0:
            return None
        end = start + len(last.value)
        rest = raw[end:]
        has_comma = rest.lstrip(" \t").startswith(",")
        added = _new_field_lines(raw, last, new)
        if has_comma:
            comma = end + rest.index(",") + 1
            edits.append((comma, comma, added + ","))
        else:
            edits.append((end, end, "," + added))
    for start, end, text in sorted(edits, reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw
