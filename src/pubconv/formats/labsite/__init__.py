"""lab-website-template (Greene lab): ``_data/citations.yaml`` and ``_data/sources.yaml``.

Read and written as YAML lists (CRLF, comments, quoting and unknown keys kept; unchanged records
byte for byte).  No file extension is claimed: ``.yaml`` is shared with the other YAML layouts,
so a file is recognised by :func:`sniff` or named with ``--from labsite``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pubconv.formats.labsite.mapping import check, convert, to_value
from pubconv.formats.yamlrecords import read_records
from pubconv.formats.yamlwrite import write_list
from pubconv.model import Bibliography
from pubconv.registry import Source, WriteOptions

NAME = "labsite"
_LIST_OF_AUTHORS = re.compile(r"(?m)^(?:- +| +)authors:[ \t]*\r?\n(?: *#[^\n]*\n)* *- ")
_TEMPLATE_KEYS = re.compile(r"(?m)^(?:- +| +)(?:publisher|buttons|plugin):")


def sniff(text: str) -> bool:
    """A top-level YAML list whose records have an ``authors:`` list or template keys."""
    head = text[:65536]
    if not re.search(r"(?m)^- ", head) or re.search(r"(?m)^references:", head):
        return False
    return bool(_LIST_OF_AUTHORS.search(head) or _TEMPLATE_KEYS.search(head))


def read(sources: Sequence[Source]) -> Bibliography:
    """Read template files as one database."""
    return read_records(sources, NAME, convert, check)


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as a template data file (an existing file's layout and records kept)."""
    del options
    return write_list(bib, NAME, to_value, "", "")
