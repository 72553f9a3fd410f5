"""Shared by the agreement test and the benchmark: corpus items as CSL-JSON, and pandoc's view.

Items come from ``pubconv.api.load`` (the BibTeX reader); pubconv and pandoc then get the SAME
CSL-JSON, so differences are citation-engine differences, not mapping differences.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SKIP_FILES = ("crossrefs-abbrev.bib", "bibstring-master.bib", "bibstring-unabbrev.bib")


def corpus_items(folder: Path, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` entries of the .bib files in ``folder`` (sorted by name) as CSL-JSON.

    Read by pubconv's BibTeX reader, with no fallback: a reader regression must fail the
    agreement test, not be hidden by reading the corpus some other way.
    """
    from pubconv.api import load
    from pubconv.citation.csl import to_csl
    from pubconv.crossref import resolve_crossrefs

    files = [p for p in sorted(folder.glob("*.bib")) if p.name not in SKIP_FILES]
    bib = resolve_crossrefs(load([str(p) for p in files], "bibtex", strict=False))
    pubs = bib.publications[:limit]
    if not pubs:
        raise AssertionError(f"the BibTeX reader read no entry from {folder}")
    return to_csl(pubs)


def page_items(folder: Path) -> list[dict[str, Any]]:
    """Every live entry of the Jekyll pages in ``folder`` as CSL-JSON (ids made unique)."""
    from pubconv.api import load
    from pubconv.citation.csl import to_csl

    bib = load([str(p) for p in sorted(folder.glob("*.md"))], "jekyll", strict=False)
    seen: set[str] = set()
    pubs = [p for p in bib.publications if not (p.key in seen or seen.add(p.key))]
    return [_without_link_variables(item) for item in to_csl(pubs)]


def _without_link_variables(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` without the ``URL``/``DOI`` pubconv derives from a page's Paper link (issue 9):
    the sample stays the one the floors were measured on.  With them, IEEE agreement falls to
    77% on one known difference alone (IEEE's ``[Online].``, which pubconv prints as CSL 1.0.2
    says and pandoc 2.17 drops; docs/citation-differences.md)."""
    custom = item.get("custom") or {}
    derived = (custom.get("pubconv") or {}).get("derived") or []
    return {k: v for k, v in item.items() if not (k in ("URL", "DOI") and k in derived)}


def normalise(text: str) -> str:
    """Whitespace-normalised text for comparison."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


CSL_NS = "http://purl.org/net/xbiblio/csl"


def comparable_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``items`` in id order (code-point order), an empty ``type`` read as ``document``.

    pandoc 2.17 gives year suffixes to entries whose sort keys tie in id order, but lists them
    in input order (CSL 1.0.2: suffixes follow the bibliography order); in id order the two
    orders coincide, so the comparison does not hinge on that pandoc bug.  pandoc's own BibTeX
    reader (the fallback source) writes ``"type": ""`` for some entries, which is not CSL.
    """
    out = [{**i, "type": i.get("type") or "document"} for i in items]
    return sorted(out, key=lambda i: str(i["id"]))


def pandoc_style(csl_path: Path, locale: str, folder: Path) -> Path:
    """A copy of ``csl_path`` that means the same in CSL 1.0.2 but that pandoc 2.17 reads alike.

    1. Every ``cs:names`` without ``cs:name`` (outside ``cs:substitute``, whose short forms
       inherit) gets an explicit empty ``<name/>``: same meaning, but pandoc 2.17 ignores
       inheritable name options (``initialize-with`` on ``cs:style``) on an omitted ``cs:name``.
    2. The CSL 1.0.2 terms of citeproc-py's ``locale`` file that the style does not define
       itself are embedded, so both engines use the same locale data (pandoc 2.17 bundles older
       locales without ``report``, ``number``, ``online``, ``chapter-number``, ...).
    3. ``page-range-format="chicago-16"`` becomes ``"chicago"`` (CSL 1.0.2: an alias of
       ``chicago-15``): pandoc 2.17 predates chicago-16 and writes such ranges in full
       (``146–160``); the two Chicago editions differ only for four-digit ranges in which three
       digits change (15th: ``1496–1504``, 16th: ``1496–504``), which stay differences.
    """
    from citeproc import LOCALES_PATH
    from lxml import etree

    q = f"{{{CSL_NS}}}"
    tree = etree.parse(str(csl_path), etree.XMLParser(resolve_entities=False, no_network=True))
    root = tree.getroot()
    if root.get("page-range-format") == "chicago-16":
        root.set("page-range-format", "chicago")
    for names in root.iter(f"{q}names"):
        if any(a.tag == f"{q}substitute" for a in names.iterancestors()):
            continue  # inside cs:substitute (also in a cs:choose there) names inherit
        if names.find(f"{q}name") is None:
            names.insert(0, etree.Element(f"{q}name"))
    defined = {
        (t.get("name"), t.get("form", "long")) for t in root.iterfind(f"{q}locale/{q}terms/{q}term")
    }
    loc = etree.parse(str(Path(LOCALES_PATH) / f"locales-{locale}.xml")).getroot()
    extra = etree.Element(f"{q}locale", {"{http://www.w3.org/XML/1998/namespace}lang": locale})
    terms = etree.SubElement(extra, f"{q}terms")
    for term in loc.iterfind(f"{q}terms/{q}term"):
        if (term.get("name"), term.get("form", "long")) not in defined:
            terms.append(term)
    first_macro = root.find(f"{q}macro")
    if first_macro is not None:
        first_macro.addprevious(extra)
    else:
        root.append(extra)
    out = folder / csl_path.name
    tree.write(str(out), encoding="utf-8", xml_declaration=True)
    return out


_IDENTIFIERS = frozenset({"id", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"})


_UPPER_WITH_DIGITS = re.compile(r"(?<![\w<])(?=[A-Z0-9]*[0-9])(?=[0-9]*[A-Z])[A-Z0-9]+(?![\w>])")
"""A word of capitals and digits (``3D``, ``CPU2000``, ``E2I``): upper case, so title case keeps
it (CSL 1.0.2), but pandoc 2.17 keeps only all-letter capitals and writes ``3d``, ``Cpu2000``."""


_TAG = re.compile(r"(<[^>]+>)")
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_BEFORE = frozenset(" -\u2014(“‘\"'")
_WORD_AFTER = frozenset(" -\u2014.,;:!?)”’\"'")


def protect_stop_words(value: str) -> str:
    """``value`` with each stop word that CSL 1.0.2 title case keeps lower case wrapped in a
    ``nocase`` span, so that pandoc 2.17 keeps it lower case too.

    CSL 1.0.2 lowercases the stop words of its schema's stop-words.json (``against``,
    ``between``, ``toward``, ``without``, ``like``, ``vs.``, ``such as``, ...) "unless they are
    the first or last word in the string, or follow a colon", and treats hyphenated word parts
    as words (``Chaitin-like``); pandoc 2.17 knows only CSL 1.0.1's 26 stop words, capitalises
    the parts of a hyphenated word and capitalises after a period (``Proc. Of the``).  A
    ``nocase`` span around a lower-case stop word in the middle of a title means the same under
    1.0.2 (title case leaves it lower case; sentence-case styles print titles as given).  The
    rule applied is the specification's, written here independently of pubconv's engine; only
    the word list is shared (:mod:`pubconv.citation.fixes.stopwords`, the schema's list).
    """
    from pubconv.citation.fixes.stopwords import is_stop_word, phrase_members

    segments = _TAG.split(value)
    plain, offsets = "", []
    for index, segment in enumerate(segments):
        offsets.append(len(plain))
        if index % 2 == 0:
            plain += segment
    words = list(_LETTERS.finditer(plain))
    if len(words) < 3:
        return value
    texts = [m.group() for m in words]
    spaced = {
        i for i in range(len(words) - 1) if plain[words[i].end() : words[i + 1].start()] == " "
    }
    in_phrase = {i for i in phrase_members(texts) if i in spaced or i - 1 in spaced}
    wrap: list[tuple[int, int]] = []
    for number, match in enumerate(words[1:-1], start=1):
        start, end = match.span()
        word = match.group()
        if not word.islower() or not (is_stop_word(word) or number in in_phrase):
            continue
        if plain[start - 1] not in _WORD_BEFORE or (
            end < len(plain) and plain[end] not in _WORD_AFTER
        ):
            continue
        before = plain[:start].rstrip()[-1:]
        if before in (":", "?", "!"):
            continue
        wrap.append((start, end))
    for start, end in reversed(wrap):  # map plain offsets back into the text segments
        index = max(i for i in range(0, len(segments), 2) if offsets[i] <= start)
        a, b = start - offsets[index], end - offsets[index]
        segment = segments[index]
        if b > len(segment):
            continue  # the word runs across a tag
        segments[index] = f'{segment[:a]}<span class="nocase">{segment[a:b]}</span>{segment[b:]}'
    return "".join(segments)


_NUMBER_RANGE = re.compile(r"([^\W\d_]*\d+[^\W\d_]*)\s*-\s*(?=[^\W\d_]*\d+[^\W\d_]*$)")
_RANGED = frozenset({"chapter-number", "collection-number", "edition", "issue", "number", "volume"})


def _typographic(value: Any, key: str = "") -> Any:
    """``value`` as pandoc 2.17 reads alike: straight apostrophes in text as ``’``; in titles,
    upper-case words with digits and CSL 1.0.2 stop words in ``nocase`` spans
    (:func:`protect_stop_words`; identifiers left alone); a range of two numbers in a number
    variable with its en dash (``1-2`` -> ``1–2``: CSL's test suite prints such a range with an
    en dash through ``cs:text`` too, pandoc 2.17 prints it as given)."""
    if isinstance(value, str):
        if key in _IDENTIFIERS:
            return value
        if key in _RANGED and re.fullmatch(
            r"[^\W\d_]*\d+[^\W\d_]*\s*-\s*[^\W\d_]*\d+[^\W\d_]*", value
        ):
            return _NUMBER_RANGE.sub("\\1\u2013", value)
        value = value.replace("'", "\u2019")
        if "title" in key or key == "event":
            value = _UPPER_WITH_DIGITS.sub(r'<span class="nocase">\g<0></span>', value)
            value = protect_stop_words(value)
        return value
    if isinstance(value, list):
        return [_typographic(v, key) for v in value]
    if isinstance(value, dict):
        return {k: _typographic(v, k) for k, v in value.items()}
    return value


def pandoc_entries(
    items: list[dict[str, Any]], csl_path: Path, locale: str = "en-US", *, adapt: bool = True
) -> dict[str, str]:
    """``id -> plain text`` of each bibliography entry pandoc --citeproc renders in ``locale``.

    ``adapt`` runs pandoc on :func:`pandoc_style` (same meaning, read alike by pandoc 2.17) and
    on items that mean the same but that pandoc 2.17 reads alike (:func:`_typographic`): it
    parses straight quotes in CSL-JSON text as quotation marks, so ``PLDI '88: ... SIGPLAN '88``
    became ``PLDI “88: ... SIGPLAN ”88``, and title-cases ``3D`` as ``3d``.
    """
    from lxml import html

    if adapt:
        items = [_typographic(item) for item in items]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "items.json"
        data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        if adapt:
            csl_path = pandoc_style(csl_path, locale, Path(tmp))
        doc = f"---\nnocite: '@*'\nlang: {locale}\n...\n"
        done = subprocess.run(
            [
                "pandoc",
                "--citeproc",
                "--bibliography",
                str(data),
                "--csl",
                str(csl_path),
                "-t",
                "html",
                "--wrap=none",
            ],
            input=doc.encode(),
            capture_output=True,
            check=True,
        )
    tree = html.fromstring(done.stdout.decode() or "<div></div>")
    out: dict[str, str] = {}
    for entry in tree.xpath('//div[contains(@class, "csl-entry")]'):
        key = entry.get("id", "").removeprefix("ref-")
        blocks = entry.xpath("./div")
        text = " ".join(b.text_content() for b in blocks) if blocks else entry.text_content()
        out[key] = normalise(text)
    return out
