"""Conformance: pubconv against the bibliography fixtures of the official CSL test suite.

Run: python benchmarks/csl_suite.py SUITE_DIR [-v] [-k PART]

``SUITE_DIR`` is a checkout (or ``git archive`` extract) of the public repository
citation-style-language/test-suite, or its ``processor-tests/humans`` folder; the suite stays
outside this repository.  A fixture counts when its mode is ``bibliography`` and it needs no
citation clusters (no ``CITATIONS`` section; a ``CITATION-ITEMS`` list only says which items are
cited, in which order).  Each is rendered as HTML with :func:`pubconv.citation.engine.render_csl`
(no cache, one process) and compared entry by entry with the fixture's expected
``csl-entry`` blocks, both canonicalised (entities, whitespace; :func:`_canonical`), so that
only text and markup count.  Prints ``passed/total`` and the failing fixture names (``-v``: with both texts).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree, html

_SECTION = re.compile(r">>=+ *([A-Z-]+) *=+>>\n?(.*?)\n?<<=+ *\1 *=+<<", re.S)


@dataclass(frozen=True)
class Fixture:
    """One test-suite fixture: its name and sections (``MODE``, ``CSL``, ``INPUT``, ...)."""

    name: str
    sections: dict[str, str]

    @property
    def usable(self) -> bool:
        """Bibliography mode without citation clusters."""
        return (
            self.sections.get("MODE", "").strip() == "bibliography"
            and "CITATIONS" not in self.sections
        )


def fixtures(suite: Path) -> list[Fixture]:
    """Every fixture under ``suite`` (a test-suite checkout or its ``humans`` folder)."""
    folder = suite / "processor-tests" / "humans" if (suite / "processor-tests").is_dir() else suite
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(Fixture(path.stem, {m[1]: m[2] for m in _SECTION.finditer(text)}))
    if not out:
        raise SystemExit(f"no fixtures under {folder}")
    return out


def _canonical(fragment: str) -> str:
    """An HTML fragment as one canonical string: entities decoded and re-escaped alike,
    whitespace runs (not no-break spaces) as one space, none between two ``div`` blocks (it
    is not rendered; citeproc-js writes a line break after a ``csl-block``)."""
    fragment = re.sub(r"[ \t\r\n]+", " ", fragment).strip()
    fragment = fragment.replace("</div> <div", "</div><div")
    if not fragment:
        return ""
    node = html.fragment_fromstring(fragment, create_parent="div")
    text = etree.tostring(node, encoding="unicode", method="html")
    return text.removeprefix("<div>").removesuffix("</div>").strip()


def expected_entries(result: str) -> list[str]:
    """The canonical inner HTML of each ``csl-entry`` of a fixture's ``RESULT``."""
    root = html.fragment_fromstring(result.strip(), create_parent="div")
    out = []
    for entry in root.xpath('.//div[contains(concat(" ", @class, " "), " csl-entry ")]'):
        inner = (entry.text or "") + "".join(
            etree.tostring(child, encoding="unicode", method="html") for child in entry
        )
        out.append(_canonical(inner))
    return out


def _cited_ids(fixture: Fixture, items: list[dict[str, Any]]) -> list[str]:
    """The ids a fixture cites, in first-cited order (all items when it names none)."""
    raw = fixture.sections.get("CITATION-ITEMS")
    if not raw:
        return [str(item["id"]) for item in items]
    seen: dict[str, None] = {}
    for cluster in json.loads(raw):
        for cite in cluster:
            seen.setdefault(str(cite["id"]), None)
    return list(seen)


def actual_entries(fixture: Fixture, folder: Path) -> list[str]:
    """pubconv's canonical HTML entries for ``fixture``.  An entry that renders nothing is
    left out, as citeproc-js leaves it out of a style without numbers
    (sort_OmittedBibRefNonNumericStyle); in a numbered style citeproc-js prints an error text in
    its place, which pubconv does not, so such a fixture fails."""
    from pubconv.citation.engine import render_csl

    csl = folder / f"{fixture.name}.csl"
    csl.write_text(fixture.sections["CSL"], encoding="utf-8")
    items = json.loads(fixture.sections["INPUT"])
    by_id = {str(item["id"]): item for item in items}
    ids = [i for i in _cited_ids(fixture, items) if i in by_id]
    chosen = [{**by_id[i], "id": i} for i in ids]
    match = re.search(r'default-locale="([^"]+)"', fixture.sections["CSL"])
    locale = match[1] if match else "en-US"
    try:
        entries = render_csl(chosen, ids, str(csl), locale, "html", cache=False, jobs=1)
    except Exception as exc:  # an unknown locale, say: fall back as citeproc-js does
        if locale == "en-US":
            raise
        del exc
        entries = render_csl(chosen, ids, str(csl), "en-US", "html", cache=False, jobs=1)
    return [c for c in (_canonical(e.text) for e in entries) if c]


def run(suite: Path, pattern: str = "", verbose: bool = False) -> tuple[int, int, list[str]]:
    """``(passed, total, failing names)`` over the usable fixtures whose name has ``pattern``."""
    chosen = [f for f in fixtures(suite) if f.usable and pattern in f.name]
    failing = []
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in chosen:
            want = expected_entries(fixture.sections["RESULT"])
            try:
                got = actual_entries(fixture, Path(tmp))
                error = ""
            except Exception as exc:  # a crash is a failure, with its reason
                got, error = [], f"{type(exc).__name__}: {exc}"
            if got != want:
                failing.append(fixture.name)
                if verbose:
                    print(f"--- {fixture.name} {error}")
                    for line in want:
                        print(f"  want: {line}")
                    for line in got:
                        print(f"  got:  {line}")
    return len(chosen) - len(failing), len(chosen), failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", type=Path, help="test-suite checkout or processor-tests/humans")
    parser.add_argument("-k", default="", help="only fixtures whose name contains this")
    parser.add_argument("-v", "--verbose", action="store_true", help="show expected and actual")
    args = parser.parse_args(argv)
    passed, total, failing = run(args.suite, args.k, args.verbose)
    for name in failing:
        print(f"FAIL {name}")
    share = passed / total if total else 0.0
    print(f"{passed}/{total} bibliography fixtures pass ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
