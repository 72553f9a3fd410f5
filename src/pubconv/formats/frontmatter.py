"""YAML front matter of one-file-per-paper layouts (academicpages, Hugo), read and updated in place.

Reading uses ruamel.yaml's round-trip loader, which builds only plain mappings, lists and scalars
(no Python objects from tags) and remembers the line of every key, so diagnostics point at the
key.  Writing a changed record updates that same tree: keys the model does not know, comments,
key order and quoting stay as the user wrote them, and only keys whose derived value changed
are touched (:func:`update`).  A record that did not change is never re-serialised at all: its
writer emits the file's original text.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from pubconv.errors import Diagnostic, error
from pubconv.model import Publication

Value = str | int | bool | datetime.date | list[str] | list[dict[str, str]]
"""What a layout's field table produces for one front-matter key."""


@dataclass
class Page:
    """One Markdown file: its front matter as a round-trip tree, the body, and line numbers."""

    data: CommentedMap = field(default_factory=CommentedMap)
    body: str = ""
    body_line: int = 1
    """1-based line where the body starts."""
    has_front_matter: bool = False
    newline: str = "\n"

    def line_of(self, key: str) -> int:
        """1-based line of ``key`` in the file (the opening ``---`` line when absent)."""
        try:
            position = self.data.lc.key(key)
        except (KeyError, TypeError, AttributeError):
            return 1
        return int(position[0]) + 2


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long title onto two lines
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def split(text: str) -> tuple[str, str, int] | None:
    """``(YAML between the --- lines, body, 1-based body line)``, ``None`` without front matter."""
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else len(text)].rstrip("\r ") != "---":
        return None
    pos = first_end + 1
    line = 2
    while pos < len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end == -1 else end + 1
        if text[pos:line_end].rstrip("\r\n ") in ("---", "..."):
            return text[first_end + 1 : pos], text[line_end:], line + 1
        pos = line_end
        line += 1
    return None


def parse(text: str, path: str | None) -> tuple[Page, list[Diagnostic]]:
    """Split and load a file; bad YAML is a located error and gives an empty mapping."""
    newline = "\r\n" if "\r\n" in text[:4096] else "\n"
    parts = split(text)
    if parts is None:
        return Page(body=text, newline=newline), []
    yaml_text, body, body_line = parts
    try:
        # comments keep their line ends verbatim: give ruamel LF lines, ``render`` restores CRLF
        lf_text = yaml_text.replace("\r\n", "\n")
        loaded = _yaml().load(lf_text) if lf_text.strip() else CommentedMap()
    except (YAMLError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        mark = getattr(exc, "problem_mark", None)
        line = 2 + (int(mark.line) if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        page = Page(body=body, body_line=body_line, has_front_matter=True, newline=newline)
        return page, [error(f"front matter is not valid YAML: {problem}", path, line, 1)]
    if not isinstance(loaded, CommentedMap):
        page = Page(body=body, body_line=body_line, has_front_matter=True, newline=newline)
        return page, [error("front matter is not a YAML mapping", path, 2, 1)]
    return Page(loaded, body, body_line, True, newline), []


def text_of(value: object) -> str | None:
    """A scalar as text (``None`` for missing, empty, lists and mappings); dates as ISO."""
    if value is None or isinstance(value, list | dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def strings(value: object) -> list[str]:
    """A YAML list of scalars (or one scalar, or a comma-free string) as non-empty strings."""
    if isinstance(value, list):
        return [t for t in (text_of(v) for v in value) if t]
    one = text_of(value)
    return [one] if one else []


def update(
    data: CommentedMap,
    before: Mapping[str, Value],
    after: Mapping[str, Value],
    presentation: frozenset[str] = frozenset(),
) -> None:
    """Apply to ``data`` only what changed between two derived field tables.

    A key whose derived value is the same before and after keeps its text (and a hand-written
    spelling the model reads the same way, such as a profile slug for an author); a key that
    the model no longer produces is removed; a new key is appended.  ``presentation`` keys
    (derived text such as academicpages' ``citation``) are only kept up to date where the file
    has them, never added to a file that does without.
    """
    for key, value in after.items():
        if key in presentation and key not in data:
            continue
        if key not in before or before[key] != value:
            data[key] = value
    for key in before:
        if key not in after and key in data:
            del data[key]


def render(data: CommentedMap, body: str, newline: str = "\n") -> str:
    """``---``, the YAML, ``---`` and the body; line endings follow the original file."""
    stream = io.StringIO()
    if len(data):
        _yaml().dump(data, stream)
    yaml_text = stream.getvalue()
    text = f"---\n{yaml_text}---\n"
    if newline != "\n":
        text = text.replace("\n", newline)
    return text + body


def fresh(fields: Mapping[str, Value]) -> CommentedMap:
    """A new front-matter tree holding ``fields`` in order."""
    data = CommentedMap()
    for key, value in fields.items():
        data[key] = value
    return data


_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})


def safe_url(url: str) -> bool:
    """True for a relative URL or one with a harmless scheme; ``javascript:`` and the like fail.

    Theme templates put these values into ``href`` unescaped as URLs, so an untrusted record
    must not smuggle script into a site.  Control characters and spaces before the colon are
    ignored as browsers ignore them (``java\\tscript:``).
    """
    compact = "".join(c for c in url if c > " " and c != "\x7f")
    head = compact.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return True
    return head.split(":", 1)[0].lower() in _SAFE_SCHEMES


def unsafe_links(pub: Publication) -> list[str]:
    """What of ``pub`` a layout writer leaves out: links whose URL scheme is not safe."""
    return [
        f"link {link.label!r} (unsafe URL scheme)" for link in pub.links if not safe_url(link.url)
    ]
