"""Real-world BibTeX that BibTeX and biber read (issue 10): read too, each with a located warning.

One fixture per case under ``fixtures/bad/bibtex/``; each test checks the exact diagnostics the
CLI prints, its exit code, and what was read.  Unchanged input still writes back byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad" / "bibtex"


def _convert(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], list[dict[str, object]]]:
    """Exit code, stderr lines and CSL items of ``convert fixtures/bad/bibtex/<name>``."""
    source = BAD / name
    output = tmp_path / "out.json"
    code = main(["convert", str(source), "--to", "csljson", "-o", str(output)])
    err = capsys.readouterr().err.replace(f"{source}:", f"{name}:")
    items = json.loads(output.read_text(encoding="utf-8")) if output.exists() else []
    return code, err.splitlines(), items


def test_space_or_line_break_in_the_block_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, items = _convert("spaced-block-start.bib", tmp_path, capsys)
    assert code == 0
    assert err == [
        "spaced-block-start.bib:1:1: warning: space or line break inside '@ article' + '{': "
        "read as one block start, as BibTeX does",
        "spaced-block-start.bib:6:1: warning: space or line break inside '@book' + '{': "
        "read as one block start, as BibTeX does",
    ]
    assert [(i["id"], i["type"], i["title"]) for i in items] == [
        ("spaced2020", "article-journal", "Space after the at sign"),
        ("brace2021", "book", "Brace on the next line"),
    ]


def test_percent_comments_inside_an_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, items = _convert("comment-lines.bib", tmp_path, capsys)
    assert code == 0
    message = "warning: `%` comment inside an entry skipped (biber reads it to the end of the line)"
    assert err == [f"comment-lines.bib:{where}: {message}" for where in ("3:1", "4:16", "5:1")]
    assert len(items) == 1
    item = items[0]
    assert (item["id"], item["title"], item["issued"]) == (
        "commented2020",
        "Commented-out fields",
        {"date-parts": [[2020]]},
    )
    assert "abstract" not in item and "note" not in item


def test_missing_comma_before_a_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, items = _convert("missing-comma-field.bib", tmp_path, capsys)
    assert code == 0
    assert err == [
        "missing-comma-field.bib:3:41: warning: missing comma between fields 'title' and "
        "'note': read as if it were there"
    ]
    assert [(i["id"], i["URL"], i["title"], i["note"]) for i in items] == [
        ("nocomma2021", "https://example.org/a,b", "Missing comma before a field", "kept")
    ]


def test_unknown_entry_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, items = _convert("unknown-type.bib", tmp_path, capsys)
    assert code == 0
    assert err == [
        f"unknown-type.bib:{where}: warning: unknown entry type @{name} (neither BibTeX nor "
        "BibLaTeX defines it): read as @misc"
        for where, name in (("1:1", "foobarqux"), ("6:1", "123"))
    ]
    assert [(i["id"], i["type"]) for i in items] == [
        ("odd2020", "document"),
        ("digits2021", "document"),
    ]


def test_utf16_with_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, items = _convert("utf16-bom.bib", tmp_path, capsys)
    assert code == 0
    assert err == ["utf16-bom.bib:1:1: warning: read as UTF-16 (byte order mark); output is UTF-8"]
    assert [(i["id"], i["title"]) for i in items] == [("utf16", "Ünïcödé in UTF-16")]


def test_cr_only_line_endings_give_right_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, items = _convert("cr-only.bib", tmp_path, capsys)
    assert code == 0
    assert err == [
        "cr-only.bib:3:3: warning: undefined @string 'nosuchmacro' in field 'journal': "
        "empty value (the reference is kept as written)"
    ]
    assert [i["id"] for i in items] == ["mac2020"]
    bib = pubconv.load(str(BAD / "cr-only.bib"), strict=False)
    origin = bib.publications[0].origin
    assert origin is not None and (origin.line, origin.column) == (1, 1)


def test_nul_byte_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, items = _convert("nul-byte.bib", tmp_path, capsys)
    assert code == 1
    assert err == [
        "nul-byte.bib:2:18: error: NUL character: this looks like a binary file, not text",
        "pubconv: 1 error(s); nothing written",
    ]
    assert items == []


def test_nul_byte_after_the_first_64_kib(tmp_path: Path) -> None:
    text = "".join(f"@misc{{k{n},\n  title = {{Padding entry {n}}},\n}}\n\n" for n in range(2000))
    assert len(text) > 65536
    path = tmp_path / "late-nul.bib"
    path.write_bytes(text.encode() + b"@misc{last,\n  note = {\x00},\n}\n")
    with pytest.raises(pubconv.ParseError) as caught:
        pubconv.load(str(path))
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (text.count("\n") + 2, 11)


def test_recovered_files_write_back_byte_for_byte(tmp_path: Path) -> None:
    for name in ("spaced-block-start.bib", "comment-lines.bib", "missing-comma-field.bib"):
        source = BAD / name
        output = tmp_path / name
        assert main(["convert", str(source), "--to", "bibtex", "-o", str(output)]) == 0
        assert output.read_bytes() == source.read_bytes()
