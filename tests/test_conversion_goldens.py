"""Conversion output stays byte-identical through speed work (issue 13, item 3).

``golden/conversions.json`` holds, for every corpus ``.bib``, CSL-JSON and page file (each file
alone, and each ``.bib`` set read as one database), the sha256 of its CSL-JSON output, of its
BibTeX output and of its diagnostics, all made by the code as it was *before* the faster scanner,
encoder and page parser landed.  A change that alters any output fails here; when a change is
meant to alter output, regenerate with ``python tests/test_conversion_goldens.py --update`` and
say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pubconv  # noqa: E402
from conftest import CORPUS  # noqa: E402
from corpus_sets import bib_sets  # noqa: E402

pytestmark = pytest.mark.corpus

GOLDEN = HERE / "golden" / "conversions.json"
OUTPUTS = ("csljson", "bibtex")


def _cases(corpus: Path) -> dict[str, tuple[list[Path], str]]:
    """Case name -> (files read together, input format)."""
    cases: dict[str, tuple[list[Path], str]] = {}
    for path in sorted((corpus / "bibtex").rglob("*.bib")):
        cases[path.relative_to(corpus).as_posix()] = ([path], "bibtex")
    for name, files in bib_sets(corpus).items():
        cases[f"set:{name}"] = (files, "bibtex")
    for path in sorted((corpus / "csljson").rglob("*.json")):
        cases[path.relative_to(corpus).as_posix()] = ([path], "csljson")
    for path in sorted((corpus / "jekyll-seedlab").glob("*.md")):
        cases[path.relative_to(corpus).as_posix()] = ([path], "jekyll")
    return cases


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digests(corpus: Path, files: list[Path], fmt: str) -> dict[str, str]:
    """sha256 of each output of ``files`` and of their diagnostics (corpus paths made relative)."""
    bib = pubconv.load([str(p) for p in files], fmt, strict=False)
    prefix = f"{corpus}/"
    result = {"diagnostics": _sha("\n".join(str(d).replace(prefix, "") for d in bib.diagnostics))}
    for out in OUTPUTS:
        result[out] = _sha(pubconv.dumps(bib, out))
    return result


def _golden() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def test_goldens_cover_the_corpus(corpus: Path) -> None:
    assert sorted(_golden()) == sorted(_cases(corpus))


@pytest.mark.parametrize("name", sorted(_golden()) if GOLDEN.exists() else [])
def test_output_matches_golden(corpus: Path, name: str) -> None:
    cases = _cases(corpus)
    if name not in cases:
        pytest.skip(f"{name} is not in this corpus")
    files, fmt = cases[name]
    assert digests(corpus, files, fmt) == _golden()[name]


def _update() -> None:
    """Rewrite the golden file from the current code."""
    table = {name: digests(CORPUS, files, fmt) for name, (files, fmt) in _cases(CORPUS).items()}
    GOLDEN.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} cases to {GOLDEN}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_conversion_goldens.py --update")
    _update()
