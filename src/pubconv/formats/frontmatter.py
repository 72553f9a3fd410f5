"""YAML front matter of one-file-per-paper layouts (academicpages, Hugo), read and updated in place.

Reading uses ruamel.yaml's round-trip loader, which builds only plain mappings, lists and scalars
(no Python objects from tags) and remembers the line of every key, so diagnostics point at the
key.  Writing a changed record rewrites only the lines of keys whose derived value changed
(:func:`patch`): keys the model does not know, comments, key order, quoting and spacing stay as
the user wrote them.  A record that did not change is never re-serialised at all: its
writer emits the file's original text.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

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


def _styled(old: object, value: Value) -> object:
    """``value`` in the quoting (``'x'``, ``"x"``) or flow style (``[a, b]``) ``old`` was written in."""
    if isinstance(value, str) and isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    if isinstance(value, str) and isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list) and isinstance(old, CommentedSeq):
        quoted = {type(item) for item in old}
        seq = CommentedSeq(
            [
                _styled(old[0], item) if len(quoted) == 1 and isinstance(item, str) else item
                for item in value
            ]
        )
        if old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    return value


def _dump_key(key: str, value: object) -> str:
    one = CommentedMap()
    one[key] = value
    stream = io.StringIO()
    _yaml().dump(one, stream)
    return stream.getvalue()


def _spans(data: CommentedMap, lines: list[str]) -> dict[str, tuple[int, int]] | None:
    """Each top-level key's lines ``[start, end)``; comments and blanks before the next key are
    left to that key.  ``None`` when keys share a line (a flow mapping): no line-wise patching."""
    try:
        starts = sorted((int(data.lc.key(k)[0]), str(k)) for k in data)
    except (KeyError, TypeError, AttributeError):
        return None
    if len({line for line, _ in starts}) != len(starts):
        return None
    spans: dict[str, tuple[int, int]] = {}
    for i, (line, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        while end > line + 1 and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        spans[key] = (line, end)
    return spans


def patch(
    text: str,
    page: Page,
    before: Mapping[str, Value],
    after: Mapping[str, Value],
    body: str,
    presentation: frozenset[str] = frozenset(),
) -> str:
    """``text`` with only the lines of keys whose derived value changed rewritten.

    The same decisions as :func:`update`, applied to the file's lines instead of re-emitting
    the whole YAML, so every other line (flow lists, odd spacing, comments) stays byte for byte;
    a changed value keeps its key's quoting or flow style.  ``body`` replaces the body.
    """
    parts = split(text)
    lf_lines = parts[0].replace("\r\n", "\n").splitlines(keepends=True) if parts else []
    spans = _spans(page.data, lf_lines) if parts else None
    if parts is None or spans is None:
        update(page.data, before, after, presentation)
        return render(page.data, body, page.newline)
    yaml_text, old_body, _ = parts
    head = text[: text.find("\n") + 1]
    closing = text[len(head) + len(yaml_text) : len(text) - len(old_body)]
    lines = yaml_text.splitlines(keepends=True)
    replaced: dict[int, tuple[int, str]] = {}
    appended: list[str] = []
    for key, value in after.items():
        if (key in presentation and key not in page.data) or (
            key in before and before[key] == value
        ):
            continue
        new = _dump_key(key, _styled(page.data.get(key), value)).replace("\n", page.newline)
        if key in spans:
            start, end = spans[key]
            replaced[start] = (end, new)
        else:
            appended.append(new)
    for key in before:
        if key not in after and key in spans:
            start, end = spans[key]
            replaced[start] = (end, "")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replaced:
            end, new = replaced[i]
            out.append(new)
            i = end
        else:
            out.append(lines[i])
            i += 1
    if appended and out and not out[-1].endswith("\n"):
        out.append(page.newline)
    return head + "".join(out) + "".join(appended) + closing + body


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
