"""CSL-YAML: the YAML form of CSL-JSON that pandoc and Better BibTeX write and read.

A file is either ``references:`` (pandoc's bibliography and metadata form, written with ``---``
and ``...`` around it) or a bare list of items.  Comments, other top-level keys (``nocite``) and
unchanged items are kept byte for byte.  No extension is claimed (``.yaml`` is shared): the
sniffer recognises it, or name it with ``--from cslyaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pubconv.formats.cslyaml.mapping import check, convert, to_value
from pubconv.formats.yamlrecords import read_records
from pubconv.formats.yamlwrite import write_list
from pubconv.model import Bibliography
from pubconv.registry import Source, WriteOptions

NAME = "cslyaml"
HEADER = "---\nreferences:\n"
FOOTER = "...\n"
_REFERENCES = re.compile(r"(?m)^references:[ \t]*(?:#[^\n]*)?\r?$")
_ID = re.compile(r"(?m)^(?:- +| +)id:")
_CSL_KEYS = re.compile(r"(?m)^(?:- +| +)(?:issued|container-title|(?:- +)?family):")


def sniff(text: str) -> bool:
    """``references:`` at the top level, or a list of items with ``id:`` and CSL keys
    (``issued:``, ``container-title:``, names with ``family:``)."""
    head = text[:65536]
    if _REFERENCES.search(head):
        return True
    return bool(re.search(r"(?m)^- ", head) and _ID.search(head) and _CSL_KEYS.search(head))


def read(sources: Sequence[Source]) -> Bibliography:
    """Read CSL-YAML files as one database."""
    return read_records(sources, NAME, convert, check, key="references")


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as CSL-YAML (``references:`` form for a new file)."""
    del options
    return write_list(bib, NAME, to_value, HEADER, FOOTER)
