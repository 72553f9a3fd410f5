"""``_data/publist.yml``: the publication list of the Allan-lab Jekyll template and its forks.

Read and written as a YAML list; commented-out entries, comments and unchanged records are
kept byte for byte.  No extension is claimed (``.yml`` is shared with the other YAML layouts):
the sniffer recognises the file, or name it with ``--from publist``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pubconv.formats.publist.mapping import check, convert, to_value
from pubconv.formats.yamlrecords import read_records
from pubconv.formats.yamlwrite import write_list
from pubconv.model import Bibliography
from pubconv.registry import Source, WriteOptions

NAME = "publist"
_AUTHOR_STRING = re.compile(r"(?m)^(?:- +| +)authors?:[ \t]*[^\s|>#]")
_DISPLAY = re.compile(r"(?m)^ +display:")


def sniff(text: str) -> bool:
    """A top-level list of records with ``authors: A, B`` as one string or ``link.display``."""
    head = text[:65536]
    if not re.search(r"(?m)^- +title:", head) or re.search(r"(?m)^references:", head):
        return False
    return bool(_AUTHOR_STRING.search(head) or _DISPLAY.search(head))


def read(sources: Sequence[Source]) -> Bibliography:
    """Read publist files as one database."""
    return read_records(sources, NAME, convert, check)


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as a publist file (an existing file's layout, comments and records kept)."""
    del options
    return write_list(bib, NAME, to_value, "", "")
